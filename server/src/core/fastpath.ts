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
const CITATION = new RegExp(`^\\[-?@(${KEY})(?:,([ \\t]*)([^\\];\\s](?:[^\\];]*[^\\];\\s])?)[ \\t]*)?\\]$`);

export function fastMatch(rule: Rule, text: string): Parsed | undefined {
  switch (rule) {
    case 'Header': {
      const m = HEADER.exec(text);
      if (!m) return undefined;
      const idStart = m[1].length + m[2].length;
      return { type: 'header', keyword: m[1], keywordSpan: { start: 0, end: m[1].length }, id: m[3], idSpan: { start: idStart, end: idStart + m[3].length }, colon: text.length - 1 };
    }
    case 'RefList':
      return refList(text, true);
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
      const m = CITATION.exec(text);
      if (!m) return undefined;
      const keyStart = text.indexOf('@') + 1;
      const ref: RefNode = { type: 'source', key: m[1], span: { start: keyStart, end: keyStart + m[1].length } };
      return { type: 'citation', span: { start: 0, end: text.length }, refs: [m[3] !== undefined ? { ...ref, locator: m[3] } : ref] };
    }
    default:
      return undefined;
  }
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
