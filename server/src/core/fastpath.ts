// Canonical forms of the grammar's pieces, recognised by anchored regular expressions and character
// scans, and turned into exactly what the Ohm semantics would build (see grammar.ts). Anything else —
// unusual spacing, Unicode, every error — returns undefined and goes to Ohm.
import type { Parsed, RefNode, Rule } from './grammar';

const KEY = '[A-Za-z0-9_][A-Za-z0-9_\\-:./+]*';
const HEADER = /^(assessment|judgment|claim|assumption|evidence|source)([ \t]+)([A-Za-z][A-Za-z0-9_-]*)[ \t]*:$/;
const BARE_KEY = new RegExp(`^${KEY}$`);
const PERCENT = /^(\d+(?:\.\d+)?)[ \t]*%$/;
const PERCENT_RANGE = /^(\d+(?:\.\d+)?)[ \t]*%?[ \t]*[-–—][ \t]*(\d+(?:\.\d+)?)[ \t]*%$/;
const WORDS = /^[A-Za-z][A-Za-z -]*$/;
const QUOTE = /^"([^"]*)"$|^“([^”]*)”$/;
// Ohm skips the characters up to U+0020 between tokens; these forms skip the usual ones only.
const CITATION = new RegExp(`^\\[-?@(${KEY})(?:,[ \\t\\n\\r]*([^\\];\\s\\x00-\\x20](?:[^\\];]*[^\\];\\s])?)[ \\t\\n\\r]*)?\\]$`);
const RESOLVED = /^(true|false)(?:[ \t\n\r]+(\d{4}(?:-\d\d(?:-\d\d)?)?))?$/;
const SPACE = /[ \t\n\r]*/y;

/** The canonical reading of `text` by `rule`, or undefined. Its objects are fresh: the caller may keep them and change them. */
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
      const ref = itemRefIn(text, 0, text.length);
      return ref && { type: 'refs', refs: [ref] };
    }
    case 'SourceAttr': {
      const at = sourceKeyIn(text, 0, text.length);
      if (at) return { type: 'refs', refs: [at] };
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
  const span = { start: keyStart, end: keyStart + m[1].length };
  return m[2] !== undefined ? { type: 'source', key: m[1], span, locator: m[2] } : { type: 'source', key: m[1], span };
}

/** The item reference `ID` or `doc/ID` that is all of text[start, end), read in place. */
function itemRefIn(text: string, start: number, end: number): RefNode | undefined {
  const first = idEnd(text, start, end);
  if (first === -1) return undefined;
  const span = { start, end };
  if (first === end) return { type: 'item', id: text.slice(start, end), span };
  if (text.charCodeAt(first) !== 0x2f /* / */ || idEnd(text, first + 1, end) !== end) return undefined;
  return { type: 'item', doc: text.slice(start, first), id: text.slice(first + 1, end), span };
}

/** Where the ID starting at `start` ends (a letter, then letters, digits, `_` or `-`), or -1 when none starts there. */
function idEnd(text: string, start: number, end: number): number {
  if (start >= end || !isLetter(text.charCodeAt(start))) return -1;
  let p = start + 1;
  while (p < end && isIdChar(text.charCodeAt(p))) p++;
  return p;
}

/** The source `@key` that is all of text[start, end), read in place. */
function sourceKeyIn(text: string, start: number, end: number): RefNode | undefined {
  if (end - start < 2 || text.charCodeAt(start) !== 0x40 /* @ */ || !isKeyStart(text.charCodeAt(start + 1))) return undefined;
  for (let p = start + 2; p < end; p++) if (!isKeyChar(text.charCodeAt(p))) return undefined;
  return { type: 'source', key: text.slice(start + 1, end), span: { start: start + 1, end } };
}

/** The grammar's `asciiLetter`: an ID's first character. */
export const isLetter = (c: number) => (c >= 0x61 && c <= 0x7a) || (c >= 0x41 && c <= 0x5a);
/** A key's first character: a letter, a digit or `_`. */
const isKeyStart = (c: number) => isLetter(c) || (c >= 0x30 && c <= 0x39) || c === 0x5f;
/** The grammar's `idChar`: an ID's later characters, a key's first ones and `-`. */
export const isIdChar = (c: number) => isKeyStart(c) || c === 0x2d;
/** A key's later characters: also `-`, `:`, `.`, `/` and `+`. */
const isKeyChar = (c: number) => isKeyStart(c) || c === 0x2d || c === 0x3a || c === 0x2e || c === 0x2f || c === 0x2b;

/** Whether a UTF-16 unit is white space as `String.prototype.trim` (and `\s`) reads it. */
export function isWhiteSpace(c: number): boolean {
  return (c >= 9 && c <= 13) || c === 32 || c === 0xa0 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) || c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x3000 || c === 0xfeff;
}

/** `C1, nie-1998/KJ1, @iiss-2024`: references between commas (white space around each), no citations. */
function refList(text: string, sources: boolean): Parsed | undefined {
  const refs: RefNode[] = [];
  for (let at = 0; ; ) {
    const comma = text.indexOf(',', at);
    const partEnd = comma === -1 ? text.length : comma;
    let start = at;
    while (start < partEnd && isWhiteSpace(text.charCodeAt(start))) start++;
    let end = partEnd;
    while (end > start && isWhiteSpace(text.charCodeAt(end - 1))) end--;
    if (start === end) return undefined;
    const ref = sources && text.charCodeAt(start) === 0x40 ? sourceKeyIn(text, start, end) : itemRefIn(text, start, end);
    if (!ref) return undefined;
    refs.push(ref);
    if (comma === -1) return { type: 'refs', refs };
    at = comma + 1;
  }
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
      let bodyEnd = end;
      while (bodyEnd > at && isSpace(text.charCodeAt(bodyEnd - 1))) bodyEnd--;
      ref = text.charCodeAt(at) === 0x40 ? sourceKeyIn(text, at, bodyEnd) : itemRefIn(text, at, bodyEnd);
    }
    if (!ref) return undefined;
    refs.push(ref);
    at = skipSpace(text, end);
    if (at === text.length) return { type: 'refs', refs };
    if (text.charCodeAt(at) !== 0x2c /* , */) return undefined;
    at = skipSpace(text, at + 1);
  }
}

/** The white space Ohm's syntactic rules skip that the fast path accepts. */
const isSpace = (c: number) => c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d;

function skipSpace(text: string, from: number): number {
  SPACE.lastIndex = from;
  SPACE.test(text);
  return SPACE.lastIndex;
}
