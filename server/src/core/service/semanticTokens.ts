// Semantic tokens: what each piece of a document is, for editors that colour a language from its
// server (Neovim, Kate, Sublime Text: they have no TextMate grammar for Kent). Block keywords,
// the IDs blocks declare, attribute names and values, references, source keys, quotes, paths and
// comments. Statements and prose are left as text. Pure.
import { nameSpan, valueSpan, type Attribute, type Item, type KentDocument, type Ref } from '../model';
import type { Span } from '../types';

/** The token types, in the order of the legend the server announces (LSP's standard names, which themes colour). */
export const TOKEN_TYPES = ['keyword', 'namespace', 'variable', 'type', 'property', 'enumMember', 'number', 'string', 'comment'] as const;
export const TOKEN_MODIFIERS = ['declaration'] as const;

type TokenType = (typeof TOKEN_TYPES)[number];

interface Token {
  start: number;
  end: number;
  type: TokenType;
  declaration: boolean;
}

/** Attribute values that are terms of a scale or a code: coloured as named constants. */
const TERM_VALUES = new Set(['likelihood', 'confidence', 'reliability', 'credibility', 'kind', 'status', 'resolved']);
const PATH_VALUES = new Set(['file', 'bibliography', 'url']);
const DATE_VALUES = new Set(['date']);

/**
 * The document's tokens in LSP's encoding: five integers per token (line and start relative to the
 * previous token, length, type, modifiers), in document order, each within one line.
 */
export function semanticTokens(doc: KentDocument): number[] {
  const tokens: Token[] = [];
  const add = (span: Span, type: TokenType, declaration = false) => {
    if (span.end > span.start) tokens.push({ start: span.start, end: span.end, type, declaration });
  };
  for (const item of doc.items) itemTokens(item, add);
  for (const p of doc.prose) {
    for (const c of p.citations) c.refs.forEach((r) => refTokens(r, add));
    p.links.forEach((r) => refTokens(r, add));
  }
  const comments: Token[] = [];
  commentTokens(doc.text, (span) => void comments.push({ start: span.start, end: span.end, type: 'comment', declaration: false }));
  return encode(doc.text, [...cutComments(tokens, comments), ...comments]);
}

/**
 * A multi-line value (a quote, a list) may run past a comment line, which is not part of it (the
 * parser leaves it out): cut the comment out of the value's token, or the comment goes uncoloured.
 * `comments` are in document order and do not overlap.
 */
function cutComments(tokens: Token[], comments: Token[]): Token[] {
  if (!comments.length) return tokens;
  const out: Token[] = [];
  for (const t of tokens) {
    let start = t.start;
    for (let i = firstEndingAfter(comments, start); i < comments.length && comments[i].start < t.end; i++) {
      if (comments[i].start > start) out.push({ ...t, start, end: comments[i].start });
      start = comments[i].end;
    }
    if (t.end > start) out.push({ ...t, start });
  }
  return out;
}

/** The index of the first comment that ends after `offset` (binary search). */
function firstEndingAfter(comments: Token[], offset: number): number {
  let lo = 0;
  let hi = comments.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (comments[mid].end <= offset) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

type Add = (span: Span, type: TokenType, declaration?: boolean) => void;

function itemTokens(item: Item, add: Add): void {
  add(item.keywordSpan, 'keyword');
  add(item.idSpan, item.kind === 'assessment' ? 'namespace' : item.kind === 'source' ? 'type' : 'variable', true);
  for (const c of item.citations) c.refs.forEach((r) => refTokens(r, add));
  item.links.forEach((r) => refTokens(r, add));
  for (const a of item.attributes) attributeTokens(item, a, add);
}

function attributeTokens(item: Item, a: Attribute, add: Add): void {
  add(nameSpan(a), 'property');
  const value = valueSpan(a);
  const refs = refsOf(item, a.name);
  // `supersedes:` names assessments, coloured as their own IDs are (namespace), not as items.
  if (a.name === 'supersedes') item.supersedes.forEach((r) => add(r.span, 'namespace'));
  else if (refs) refs.forEach((r) => refTokens(r, add));
  else if (a.name === 'quote') add(value, 'string');
  else if (PATH_VALUES.has(a.name)) add(value, 'string');
  else if (DATE_VALUES.has(a.name)) add(value, 'number');
  else if (a.name === 'likelihood' && item.likelihood?.percent) add(value, 'number');
  else if (TERM_VALUES.has(a.name)) add(value, 'enumMember');
  // Anything else (an author, a title, an origin) is text.
}

/** The refs an attribute names, as parsed; undefined for an attribute that names none. */
function refsOf(item: Item, name: string): readonly Ref[] | undefined {
  switch (name) {
    case 'because':
      return item.because;
    case 'against':
      return item.against;
    case 'assumes':
      return item.assumes;
    case 'contradicts':
      return item.contradicts;
    case 'same-as':
      return item.sameAs ? [item.sameAs] : [];
    case 'negates':
      return item.negates ? [item.negates] : [];
    case 'revises':
      return item.revises ? [item.revises] : [];
    case 'source':
      return item.source ? [item.source] : [];
    default:
      return undefined;
  }
}

/** A ref: a source key, or an item ID with its `doc/` prefix as a namespace. */
function refTokens(r: Ref, add: Add): void {
  if (r.type === 'source') return add(r.span, 'type');
  if (r.doc === undefined) return add(r.span, 'variable');
  const slash = r.span.start + r.doc.length;
  add({ start: r.span.start, end: slash }, 'namespace');
  add({ start: slash + 1, end: r.span.end }, 'variable');
}

/** `//` comment lines (and `kent-ignore` comments), whole. */
function commentTokens(text: string, add: Add): void {
  for (let start = 0; start < text.length; ) {
    const nl = text.indexOf('\n', start);
    const end = nl === -1 ? text.length : nl;
    let p = start;
    while (p < end && (text.charCodeAt(p) === 0x20 || text.charCodeAt(p) === 0x09)) p++;
    if (text.startsWith('//', p)) add({ start: p, end: text.charCodeAt(end - 1) === 0x0d ? end - 1 : end }, 'comment');
    start = end + 1;
  }
}

/** Sorted, cut at line ends, and as LSP's relative integers: one walk down the text, no line index. */
function encode(text: string, tokens: Token[]): number[] {
  tokens.sort((a, b) => a.start - b.start || a.end - b.end);
  const out: number[] = [];
  // Where the walk is: the line holding offset `at`, as LSP counts lines (\n, \r\n, a lone \r).
  // Without a \r in the text (most), a native search from line break to line break; the next
  // break is kept, so many tokens on one long line do not each search to its end again.
  const crs = text.includes('\r');
  let line = 0;
  let lineStart = 0;
  let at = 0;
  let nextBreak = crs ? -1 : text.indexOf('\n');
  const walkTo = (offset: number) => {
    if (!crs) {
      for (; nextBreak !== -1 && nextBreak < offset; nextBreak = text.indexOf('\n', nextBreak + 1)) {
        line++;
        lineStart = nextBreak + 1;
      }
      return;
    }
    for (; at < offset; at++) {
      const c = text.charCodeAt(at);
      if (c === 0x0a || (c === 0x0d && text.charCodeAt(at + 1) !== 0x0a)) {
        line++;
        lineStart = at + 1;
      }
    }
  };
  let lastLine = 0;
  let lastChar = 0;
  let covered = 0;
  for (const t of tokens) {
    // Tokens may not overlap: a later one inside an earlier one (a ref in a quote) is dropped.
    if (t.start < covered) continue;
    covered = t.end;
    // Cut at line ends.
    for (let start = t.start; start < t.end; ) {
      // A continuation line's indentation is not part of the token.
      while (start > t.start && start < t.end && (text.charCodeAt(start) === 0x20 || text.charCodeAt(start) === 0x09)) start++;
      let end = start;
      while (end < t.end && text.charCodeAt(end) !== 0x0a && text.charCodeAt(end) !== 0x0d) end++;
      if (end > start) {
        walkTo(start);
        const character = start - lineStart;
        out.push(line - lastLine, line === lastLine ? character - lastChar : character, end - start, TOKEN_TYPES.indexOf(t.type), t.declaration ? 1 : 0);
        lastLine = line;
        lastChar = character;
      }
      start = end + 1;
    }
  }
  return out;
}
