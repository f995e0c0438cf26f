// Canonical forms of the grammar's pieces, recognised by anchored regular expressions and
// turned into exactly what the Ohm semantics would build (see grammar.ts). Anything else —
// unusual spacing, Unicode, every error — returns undefined and goes to Ohm.
import type { Parsed, RefNode, Rule } from './grammar';

const ID = '[A-Za-z][A-Za-z0-9_-]*';
const KEY = '[A-Za-z0-9_][A-Za-z0-9_\\-:./+]*';
const HEADER = /^(assessment|judgment|claim|assumption|evidence|source)([ \t]+)([A-Za-z][A-Za-z0-9_-]*)[ \t]*:$/;
const ITEM_REF = new RegExp(`^(?:(${ID})/)?(${ID})$`);
const SOURCE_KEY = new RegExp(`^@(${KEY})$`);
const BARE_KEY = new RegExp(`^${KEY}$`);
const PERCENT = /^(\d+(?:\.\d+)?)[ \t]*%$/;
const PERCENT_RANGE = /^(\d+(?:\.\d+)?)[ \t]*[-–—][ \t]*(\d+(?:\.\d+)?)[ \t]*%$/;
const WORDS = /^[A-Za-z][A-Za-z -]*$/;
const QUOTE = /^"([^"]*)"$|^“([^”]*)”$/;
// Ohm skips the characters up to U+0020 between tokens; these forms skip the usual ones only.
const CITATION = new RegExp(`^\\[-?@(${KEY})(?:,[ \\t\\n\\r]*([^\\];\\s\\x00-\\x20](?:[^\\];]*[^\\];\\s])?)[ \\t\\n\\r]*)?\\]$`);
const RESOLVED = /^(true|false)(?:[ \t\n\r]+(\d{4}(?:-\d\d(?:-\d\d)?)?))?$/;
const SPACE = /[ \t\n\r]*/y;

export function fastMatch(rule: Rule, text: string): Parsed | undefined {
  switch (rule) {
    case 'Header': {
      const m = HEADER.exec(text);
      if (!m) return undefined;
      const idStart = m[1].length + m[2].length;
      return { type: 'header', keyword: m[1], keywordSpan: { start: 0, end: m[1].length }, id: m[3], idSpan: { start: idStart, end: idStart + m[3].length }, colon: text.length - 1 };
    }
    case 'RefList':
      return text.includes('[') ? citedRefList(text) : refList(text, true);
    case 'IdList':
      return refList(text, false);
    case 'OneRef': {
      const ref = itemRef(text, 0);
      return ref && { type: 'refs', refs: [ref] };
    }
    case 'SourceAttr': {
      const at = SOURCE_KEY.exec(text);
      if (at) return { type: 'refs', refs: [{ type: 'source', key: at[1], span: { start: 1, end: text.length } }] };
      return BARE_KEY.test(text) ? { type: 'refs', refs: [{ type: 'source', key: text, span: { start: 0, end: text.length } }] } : undefined;
    }
    case 'Likelihood': {
      const range = PERCENT_RANGE.exec(text);
      if (range) return { type: 'likelihood', text, percent: { lo: Number(range[1]) / 100, hi: Number(range[2]) / 100 } };
      const pct = PERCENT.exec(text);
      if (pct) return { type: 'likelihood', text, percent: { lo: Number(pct[1]) / 100, hi: Number(pct[1]) / 100 } };
      return WORDS.test(text) ? { type: 'likelihood', text: text.trim() } : undefined;
    }
    case 'Quote': {
      const m = QUOTE.exec(text);
      return m ? { type: 'quote', text: m[1] ?? m[2] } : undefined;
    }
    case 'Citation': {
      const ref = citedRef(text, 0);
      return ref && { type: 'citation', span: { start: 0, end: text.length }, refs: [ref] };
    }
    case 'Resolved': {
      const m = RESOLVED.exec(text);
      return m ? { type: 'resolved', value: m[1] === 'true', date: m[2] } : undefined;
    }
    default:
      return undefined;
  }
}

/** The one source of a citation `[@key]` or `[@key, locator]` found at `at` of a longer text. */
function citedRef(citation: string, at: number): Extract<RefNode, { type: 'source' }> | undefined {
  const m = CITATION.exec(citation);
  if (!m) return undefined;
  const keyStart = at + citation.indexOf('@') + 1;
  const ref = { type: 'source' as const, key: m[1], span: { start: keyStart, end: keyStart + m[1].length } };
  return m[2] !== undefined ? { ...ref, locator: m[2] } : ref;
}

function itemRef(text: string, at: number): RefNode | undefined {
  const m = ITEM_REF.exec(text);
  if (!m) return undefined;
  const span = { start: at, end: at + text.length };
  return m[1] !== undefined ? { type: 'item', doc: m[1], id: m[2], span } : { type: 'item', id: m[2], span };
}

/** `C1, nie-1998/KJ1, @iiss-2024`: single spaces after commas, no citations. */
function refList(text: string, sources: boolean): Parsed | undefined {
  const refs: RefNode[] = [];
  let at = 0;
  for (const part of text.split(',')) {
    const lead = part.length - part.trimStart().length;
    const body = part.trim();
    const start = at + lead;
    at += part.length + 1;
    if (body.length === 0) return undefined;
    const src = sources ? SOURCE_KEY.exec(body) : null;
    const ref = src ? ({ type: 'source', key: src[1], span: { start: start + 1, end: start + body.length } } as RefNode) : itemRef(body, start);
    if (!ref) return undefined;
    refs.push(ref);
  }
  return { type: 'refs', refs };
}

/** `E2, [@iiss-2024, p. 4], @key`: a reference list with one-source citations, which give their source. */
function citedRefList(text: string): Parsed | undefined {
  const refs: RefNode[] = [];
  let at = skipSpace(text, 0);
  for (;;) {
    const comma = text.indexOf(',', at);
    let end: number;
    let ref: RefNode | undefined;
    if (text.charCodeAt(at) === 0x5b /* [ */) {
      end = text.indexOf(']', at) + 1;
      ref = end > 0 ? citedRef(text.slice(at, end), at) : undefined;
    } else {
      end = comma === -1 ? text.length : comma;
      const body = text.slice(at, end).replace(TRAILING_SPACE, '');
      const src = SOURCE_KEY.exec(body);
      ref = src ? { type: 'source', key: src[1], span: { start: at + 1, end: at + body.length } } : itemRef(body, at);
    }
    if (!ref) return undefined;
    refs.push(ref);
    at = skipSpace(text, end);
    if (at === text.length) return { type: 'refs', refs };
    if (text.charCodeAt(at) !== 0x2c /* , */) return undefined;
    at = skipSpace(text, at + 1);
  }
}

const TRAILING_SPACE = /[ \t\n\r]+$/;

function skipSpace(text: string, from: number): number {
  SPACE.lastIndex = from;
  SPACE.test(text);
  return SPACE.lastIndex;
}
