// Format Document: a conservative tidy-up of a `.kent` file that never changes what it means.
// It works line by line on what the parser read: attribute lines and continuation lines take the
// indentation the document mostly uses for them, `name  :  value` becomes `name: value`, list
// separators become `, `, enumerated values their canonical spelling, trailing spaces and tabs go,
// runs of blank lines become one and the file ends with one line break. Words, prose, headings,
// comments and the document's line breaks (and BOM) stay as written.
//
// Two guards keep the promise. A run of lines holding a `syntax` error is left as it is: what the
// analyst meant there is unknown. And every other run of lines (a chunk: the parser reads each one
// alone, as a blank line ends every block and paragraph) is parsed again after formatting; one
// that reads differently in any way (items, statements, values, refs, diagnostics) is left as it is.
//
// Format Selection makes Format Document's edits of the lines it covers, reading only the chunks
// there (a window of the document): a chunk formats and reads as it does whatever the others say.
// Only the two indentations are the whole document's; they are counted once per version.
import { CONFIDENCE_LEVELS, RELIABILITY_CODES, STATUSES, canonicalValue } from '../attributes';
import { lookupTerm, type ScaleName } from '../estimative';
import { isWhiteSpace } from '../fastpath';
import type { Attribute, KentDocument } from '../model';
import { meetingRange } from '../change';
import { MAX_SYNTAX, parseDocument } from '../parser';
import type { Source } from '../source';
import type { Span } from '../types';

export interface FormatEdit {
  span: Span;
  newText: string;
}

/** The edits that format the whole document (none when it is tidy already). */
export function formatDocument(doc: KentDocument): FormatEdit[] {
  return merge(lineEdits(doc).map((e) => e.edit));
}

/** Format Document's edits line by line: `line` counts the document's lines from 0 (after any BOM). */
export function lineEdits(doc: KentDocument): LineEdit[] {
  // The whole document is always verified in place (`undefined` is a window's answer alone).
  return verifiedEdits(doc, layoutOf(doc.source))!;
}

/**
 * The edits that format the chunks `range` meets (whole chunks, so a block is never half
 * formatted), and the blank lines between them: Format Document's edits of those lines.
 */
export function formatRange(doc: KentDocument, range: Span): FormatEdit[] {
  return rangeEdits(doc, range, windowOf(doc.source, range)) ?? rangeEdits(doc, range, layoutOf(doc.source))!;
}

/** Format Selection's edits, made on `layout` (a window or the whole document); undefined when the window cannot tell alone. */
function rangeEdits(doc: KentDocument, range: Span, layout: Layout): FormatEdit[] | undefined {
  const { lines, chunks } = layout;
  const met = chunks.filter((c) => lines[c.first].start <= range.end && lines[c.last].end >= range.start);
  const first = Math.min(lineAt(lines, range.start), met.length ? met[0].first : Infinity);
  const last = Math.max(lineAt(lines, range.end), met.length ? met[met.length - 1].last : -Infinity);
  const edits = verifiedEdits(doc, layout, { first, last });
  return edits && merge(edits.filter((e) => first <= e.line && e.line <= last).map((e) => e.edit));
}

// ---------------------------------------------------------------------------------------------
// Lines and chunks, as the parser splits them

interface Line {
  start: number;
  /** Where its content ends: before `\r\n` or `\n`. */
  end: number;
  /** Where the next line starts (the text's length for the last line). */
  next: number;
  /** Only white space, as the parser judges it: such a line ends every block and paragraph. */
  blank: boolean;
}

/** A run of non-blank lines, `first` to `last`. */
interface Chunk {
  first: number;
  last: number;
}

/** Lines of a document from `from` (a line's start) up to `until` (the next line's start after the last, or Infinity). */
interface Window {
  from: number;
  until: number;
  /** Whether a non-blank line comes before `from`. */
  before: boolean;
  /** Where the first non-blank line after these lines starts (Infinity: none). */
  next: number;
}

interface Layout {
  /** The document's lines, or a window's (their offsets are the document's either way). */
  lines: Line[];
  chunks: Chunk[];
  /** The line break added after a last line that has none: the document's first one, or LF. */
  eol: string;
  window?: Window;
}

function layoutOf(text: Source, window?: Window): Layout {
  const lines: Line[] = [];
  const chunks: Chunk[] = [];
  // A BOM is no line's: it stays where it is.
  for (let start = window?.from ?? textStart(text); start <= text.length; ) {
    const nl = text.indexOf('\n', start);
    const end = contentEnd(text, start, nl);
    let p = start;
    while (p < end && isWhiteSpace(text.charCodeAt(p))) p++;
    const blank = p === end;
    if (!blank) {
      const previous = chunks[chunks.length - 1];
      if (previous && previous.last === lines.length - 1) previous.last++;
      else chunks.push({ first: lines.length, last: lines.length });
    }
    lines.push({ start, end, next: nl === -1 ? text.length : nl + 1, blank });
    if (nl === -1 || nl + 1 >= (window?.until ?? Infinity)) break;
    start = nl + 1;
  }
  const firstBreak = text.indexOf('\n');
  const eol = firstBreak > 0 && text.charCodeAt(firstBreak - 1) === 0x0d ? '\r\n' : '\n';
  return { lines, chunks, eol, window };
}

const textStart = (text: Source) => (text.charCodeAt(0) === 0xfeff ? 1 : 0);

/** Where the content of the line at `start` ends, its line break at `nl` (-1: none). */
function contentEnd(text: Source, start: number, nl: number): number {
  const stop = nl === -1 ? text.length : nl;
  return stop > start && text.charCodeAt(stop - 1) === 0x0d ? stop - 1 : stop;
}

/**
 * The lines Format Selection reads: whole chunks, from the one `range` starts in (or the one
 * before the blank lines it starts in) to the one it ends in (or the one after the blank lines it
 * ends in), so that a blank line's edit knows the lines beside it.
 */
function windowOf(text: Source, range: Span): Layout {
  const begin = textStart(text);
  const lineStart = (at: number) => (at <= begin ? begin : Math.max(begin, text.lastIndexOf('\n', Math.min(at, text.length) - 1) + 1));
  const previous = (start: number) => lineStart(start - 1);
  const following = (start: number) => {
    const nl = text.indexOf('\n', start);
    return nl === -1 ? undefined : nl + 1;
  };
  const blank = (start: number) => {
    const end = contentEnd(text, start, text.indexOf('\n', start));
    while (start < end && isWhiteSpace(text.charCodeAt(start))) start++;
    return start === end;
  };
  let from = lineStart(Math.min(range.start, range.end));
  while (blank(from) && from > begin) from = previous(from);
  while (!blank(from) && from > begin && !blank(previous(from))) from = previous(from);
  let p = from;
  while (p > begin && blank(previous(p))) p = previous(p);
  let to = lineStart(Math.max(range.start, range.end));
  for (let f = following(to); blank(to) && f !== undefined; f = following(to)) to = f;
  for (let f = following(to); f !== undefined && !blank(to) && !blank(f); f = following(to)) to = f;
  let q = to;
  for (let f = following(q); f !== undefined && blank(f); f = following(q)) q = f;
  return layoutOf(text, { from, until: following(to) ?? Infinity, before: p > begin, next: following(q) ?? Infinity });
}

/** The line holding `offset`. */
function lineAt(lines: readonly Line[], offset: number): number {
  let lo = 0;
  let hi = lines.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (lines[mid].start <= offset) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

/** What the parser read that the edits and the guard look at. */
type Parts = Pick<KentDocument, 'items' | 'headings' | 'prose' | 'ignoreComments' | 'parseDiagnostics'>;

/**
 * What the parser read in a layout's lines: all of it for the whole document; a window's own (a
 * problem on the blank lines after a chunk, or before the first, is that chunk's).
 */
function partsIn(doc: Parts, w: Window | undefined): Parts {
  if (!w) return doc;
  const inside = <T extends { span: Span }>(list: readonly T[]) => list.slice(...meetingRange(list, w.from, w.until - 1));
  const owned = (at: number) => (at >= w.from || !w.before) && at < w.next;
  return { items: inside(doc.items), headings: inside(doc.headings), prose: inside(doc.prose), ignoreComments: inside(doc.ignoreComments), parseDiagnostics: doc.parseDiagnostics.filter((d) => owned(d.span.start)) };
}

// ---------------------------------------------------------------------------------------------
// What each line is

/**
 * `keep`: left exactly as written (a chunk with a syntax error, or one that formatting would
 * change; a heading with no text, as `# ` without its space would be prose). `text`: a header,
 * prose or a comment, only its trailing blanks removed.
 */
type Role =
  | { kind: 'keep' | 'text' }
  | { kind: 'attribute'; attr: Attribute }
  | { kind: 'value'; attr: Attribute }
  | { kind: 'statement' };

const KEEP: Role = { kind: 'keep' };
const TEXT: Role = { kind: 'text' };
const STATEMENT: Role = { kind: 'statement' };

/** What each line is; the lines of a chunk with a syntax error are kept as written. */
function rolesOf(text: Source, parts: Parts, layout: Layout): Role[] {
  const { lines, chunks } = layout;
  const roles: Role[] = lines.map(() => TEXT);
  for (const item of parts.items) {
    const header = lineAt(lines, item.span.start);
    const last = lineAt(lines, item.span.end);
    const attributeAt = new Map(item.attributes.map((a) => [lineAt(lines, a.start), a]));
    const firstAttribute = item.attributes.length ? lineAt(lines, item.attributes[0].start) : last + 1;
    let current: Attribute | undefined;
    for (let j = header + 1; j <= last; j++) {
      if (isComment(text, lines[j])) continue;
      current = attributeAt.get(j) ?? current;
      if (j < firstAttribute) roles[j] = STATEMENT;
      else if (attributeAt.has(j)) roles[j] = { kind: 'attribute', attr: current! };
      else roles[j] = { kind: 'value', attr: current! };
    }
  }
  for (const h of parts.headings) if (h.text === '') roles[lineAt(lines, h.span.start)] = KEEP;
  const broken = parts.parseDiagnostics.filter((d) => d.code === 'syntax').map((d) => chunkAt(layout, d.span.start));
  keepChunks(roles, chunks, broken);
  return roles;
}

function keepChunks(roles: Role[], chunks: readonly Chunk[], which: Iterable<number>): void {
  for (const k of which) for (let j = chunks[k]?.first ?? 0; j <= (chunks[k]?.last ?? -1); j++) roles[j] = KEEP;
}

function isComment(text: Source, line: Line): boolean {
  let p = line.start;
  while (p < line.end && isWhiteSpace(text.charCodeAt(p))) p++;
  return text.slice(p, p + 2) === '//';
}

/** The chunk that holds `offset` (or the last one before it). */
function chunkAt(layout: Layout, offset: number): number {
  const line = lineAt(layout.lines, offset);
  let lo = 0;
  let hi = layout.chunks.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (layout.chunks[mid].first <= line) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

// ---------------------------------------------------------------------------------------------
// Indentation

/** The spaces and tabs a line starts with: read up to its first other character, not the whole line. */
function indentOf(text: Source, line: Line): string {
  let p = line.start;
  for (let c = text.charCodeAt(p); p < line.end && (c === 0x20 || c === 0x09); c = text.charCodeAt(++p));
  return text.slice(line.start, p);
}

/** Counts indentations; the one most used so far is `best`, the first one seen winning a tie. */
class Tally {
  private readonly counts = new Map<string, number>();
  best: string | undefined;
  add(indent: string): void {
    const n = (this.counts.get(indent) ?? 0) + 1;
    this.counts.set(indent, n);
    if (this.best === undefined || n > this.counts.get(this.best)!) this.best = indent;
  }
}

interface Indents {
  attribute: string;
  continuation: string;
}

/** Each version's indentations: every Format Selection in it would count every line again. */
const indents = new WeakMap<KentDocument, Indents>();

/** The indentations attribute lines and continuation lines mostly have, counted on the whole document (`roles`: those of `layout`). */
function indentsOf(doc: KentDocument, layout: Layout, roles: Role[]): Indents {
  let found = indents.get(doc);
  if (found) return found;
  if (layout.window) {
    layout = layoutOf(doc.source);
    roles = rolesOf(doc.source, doc, layout);
  }
  const [attributes, continuations] = [new Tally(), new Tally()];
  layout.lines.forEach((line, j) => {
    const kind = roles[j].kind;
    if (kind === 'attribute') attributes.add(indentOf(doc.source, line));
    else if (kind === 'statement' || kind === 'value') continuations.add(indentOf(doc.source, line));
  });
  const attribute = attributes.best ?? '  ';
  found = { attribute, continuation: continuations.best ?? attribute + attribute };
  indents.set(doc, found);
  return found;
}

// ---------------------------------------------------------------------------------------------
// Values

/** Attributes whose value is a list of refs: their separators become `, `. */
const LISTS = new Set(['because', 'against', 'assumes', 'contradicts', 'supersedes']);
const ENUMERATED: Record<string, readonly string[]> = { confidence: CONFIDENCE_LEVELS, reliability: RELIABILITY_CODES, status: STATUSES };

/** A one-line value in its canonical spelling: `High` → `high`, `b` → `B`, `True 2025-01` → `true 2025-01`, `Likely` → `likely`. */
function canonical(name: string, value: string): string {
  const valid = ENUMERATED[name];
  if (valid) return canonicalValue(value, valid);
  if (name === 'resolved') return value.replace(/^(true|false)(?![\w-])/i, (b) => b.toLowerCase());
  if (name === 'likelihood') return termSpelling(value);
  return value;
}

/**
 * A likelihood term as its scale spells it: `VERY LIKELY` → `very likely`. The word chosen stays
 * (a synonym is not swapped for the scale's first term), and a percentage stays as written. The
 * formatter does not know the workspace's scale, so a word of either scale counts.
 */
function termSpelling(value: string): string {
  const word = value.replace(/\s+/g, ' ').toLowerCase();
  const known = (['icd203', 'phia'] as ScaleName[]).some((scale) => lookupTerm(value, scale)?.words.includes(word));
  return known ? word : value;
}

/**
 * A piece of a list value with its top-level commas written `, ` (none before, one space after;
 * a comma ending the line keeps none). `depth` is the bracket depth the piece starts at, carried
 * from line to line: a comma inside a citation `[@key, p. 4]` is the citation's own.
 */
function spaceCommas(piece: string, depth: { n: number }): string {
  let out = '';
  for (let i = 0; i < piece.length; i++) {
    const c = piece[i];
    if (c === '[') depth.n++;
    else if (c === ']') depth.n = Math.max(0, depth.n - 1);
    if (c !== ',' || depth.n > 0) {
      out += c;
      continue;
    }
    out = out.replace(/[ \t]+$/, '') + ',';
    while (piece[i + 1] === ' ' || piece[i + 1] === '\t') i++;
    if (i + 1 < piece.length) out += ' ';
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// The edits

export interface LineEdit {
  line: number;
  edit: FormatEdit;
}

/**
 * Edits that format every chunk of `layout` that reads the same formatted; those that would not
 * are kept as written. With `lines`, only the chunks an edit of those lines is in are verified: a
 * chunk reads as it reads whatever the others do, so the edits of those lines are the same as with
 * all verified. Undefined when a window cannot be verified alone (see `reread`).
 */
function verifiedEdits(doc: KentDocument, layout: Layout, lines?: { first: number; last: number }): LineEdit[] | undefined {
  const parts = partsIn(doc, layout.window);
  const edits = editsOf(doc, parts, layout, new Set());
  if (edits.length === 0) return edits;
  const now = reread(doc, layout, edits);
  if (!now) return undefined;
  // Formatting keeps every non-blank line non-blank, so chunks correspond one to one.
  if (now.layout.chunks.length !== layout.chunks.length) return [];
  // Only the chunks an edit is in can read differently; of those, only the lines asked for are verified.
  const asked = (e: LineEdit) => !layout.lines[e.line].blank && (!lines || (lines.first <= e.line && e.line <= lines.last));
  const touched = new Set(edits.filter(asked).map((e) => chunkAt(layout, layout.lines[e.line].start)));
  const before = partsByChunk(parts, layout, touched);
  const after = partsByChunk(now.parts, now.layout, touched);
  const changed = new Set([...touched].filter((k) => !sameParts(before[k], after[k])));
  return changed.size ? editsOf(doc, parts, layout, changed) : edits;
}

/** Where a window's chunks are parsed alone: never a workspace path, so no document's last parse is replaced. */
const SCRATCH = '\u0000format-selection';
/**
 * What the parser reads in `layout`'s lines formatted by `edits`, and their layout. The whole
 * document is parsed as its next version (the parser's cache for its path makes this a reparse of
 * the chunks changed); a window's chunks alone, after a line break (a U+FEFF opening the first line
 * is no BOM there either). Alone, an `assessment` first among them reads as the document's first:
 * one that is not has a syntax error in the document, which keeps its chunk as written, unverified
 * (and the chunks before them, with no item, gain none formatted: trailing blanks make no block).
 * Undefined when the document reports so many syntax errors that the parser leaves some out: then
 * which chunks read alike depends on all of them.
 */
function reread(doc: KentDocument, layout: Layout, edits: readonly LineEdit[]): { parts: Parts; layout: Layout } | undefined {
  const text = doc.source;
  const w = layout.window;
  if (!w) {
    const formatted = apply(text, 0, text.length, edits);
    return { parts: parseDocument(doc.path, formatted), layout: layoutOf(formatted) };
  }
  if (syntaxErrors(doc) > MAX_SYNTAX) return undefined;
  const alone = parseDocument(SCRATCH, '\n' + apply(text, w.from, Math.min(w.until, text.length), edits));
  if (syntaxErrors(alone) >= MAX_SYNTAX) return undefined;
  const window: Window = { from: 1, until: Infinity, before: true, next: Infinity };
  return { parts: partsIn(alone, window), layout: layoutOf(alone.source, window) };
}

const syntaxErrors = (doc: Parts) => doc.parseDiagnostics.reduce((n, d) => n + (d.code === 'syntax' ? 1 : 0), 0);

function editsOf(doc: KentDocument, parts: Parts, layout: Layout, kept: ReadonlySet<number>): LineEdit[] {
  const text = doc.source;
  const { lines, chunks } = layout;
  const roles = rolesOf(text, parts, layout);
  // Counted before any chunk is kept for reading differently: that changes no other line.
  const { attribute: attributeIndent, continuation: continuationIndent } = indentsOf(doc, layout, roles);
  keepChunks(roles, chunks, kept);
  const depths = new Map<Attribute, { n: number }>();
  const content = (j: number): string => {
    const line = lines[j];
    const role = roles[j];
    const written = text.slice(line.start, line.end);
    switch (role.kind) {
      case 'keep':
        return written;
      case 'text':
        return written.replace(/[ \t]+$/, '');
      case 'statement':
        return continuationIndent + written.replace(/^[ \t]+|[ \t]+$/g, '');
      case 'attribute':
      case 'value': {
        const a = role.attr;
        const rest = role.kind === 'attribute' ? afterColon(written, line.start, a) : written.replace(/^[ \t]+/, '');
        if (rest === undefined) return written.replace(/[ \t]+$/, '');
        let value = rest.replace(/[ \t]+$/, '');
        if (a.allowed && LISTS.has(a.name)) {
          const depth = depths.get(a) ?? depths.set(a, { n: 0 }).get(a)!;
          value = spaceCommas(value, depth);
        }
        if (a.allowed && !a.value.includes('\n') && role.kind === 'attribute') value = canonical(a.name, value);
        if (role.kind === 'value') return continuationIndent + value;
        return `${attributeIndent}${a.name}:${value ? ' ' + value : ''}`;
      }
    }
  };
  const out: LineEdit[] = [];
  const { before = false, next = Infinity } = layout.window ?? {};
  const lastChunk: Chunk | undefined = chunks[chunks.length - 1];
  const chunkAfter = (j: number) => next !== Infinity || (lastChunk !== undefined && j < lastChunk.first);
  // The document's first chunk, when it is among these lines. A U+FEFF opening its first line after blank ones is text; first in the file it would be a BOM.
  const firstChunk = before ? undefined : chunks[0];
  const hiddenBom = firstChunk !== undefined && text.charCodeAt(0) !== 0xfeff && text.charCodeAt(lines[firstChunk.first].start) === 0xfeff;
  lines.forEach((line, j) => {
    const written = text.slice(line.start, line.next);
    const eol = text.slice(line.end, line.next);
    let wanted: string;
    if (!line.blank) wanted = content(j) + (eol === '' ? layout.eol : eol);
    // The blank line right after a chunk stays (as a bare line break) when another chunk follows.
    else wanted = (j > 0 && !lines[j - 1].blank && chunkAfter(j)) || (j === (firstChunk?.first ?? 0) - 1 && hiddenBom) ? eol : '';
    const edit = lineEdit(line.start, written, wanted);
    if (edit) out.push({ line: j, edit });
  });
  return out;
}

/**
 * The value part of an attribute line `name  :  value` (after the colon and its blanks), or
 * undefined when the line does not read as the parser read it.
 */
function afterColon(written: string, lineStart: number, a: Attribute): string | undefined {
  const at = a.start - lineStart;
  if (written.slice(at, at + a.name.length) !== a.name) return undefined;
  const colon = /^[ \t]*:[ \t]*/.exec(written.slice(at + a.name.length));
  return colon ? written.slice(at + a.name.length + colon[0].length) : undefined;
}

/** The smallest edit that turns `written` (at `start`) into `wanted`. */
function lineEdit(start: number, written: string, wanted: string): FormatEdit | undefined {
  if (written === wanted) return undefined;
  let head = 0;
  while (head < written.length && head < wanted.length && written[head] === wanted[head]) head++;
  let tail = 0;
  while (tail < written.length - head && tail < wanted.length - head && written[written.length - 1 - tail] === wanted[wanted.length - 1 - tail]) tail++;
  return { span: { start: start + head, end: start + written.length - tail }, newText: wanted.slice(head, wanted.length - tail) };
}

/** The text from `from` to `to` with `edits` (all inside it) made. */
function apply(text: Source, from: number, to: number, edits: readonly LineEdit[]): string {
  let out = '';
  let at = from;
  for (const { edit } of edits) {
    out += text.slice(at, edit.span.start) + edit.newText;
    at = edit.span.end;
  }
  return out + text.slice(at, to);
}

/** Edits in order, those that touch joined into one. */
function merge(edits: readonly FormatEdit[]): FormatEdit[] {
  const out: FormatEdit[] = [];
  for (const e of edits) {
    const previous = out[out.length - 1];
    if (previous && previous.span.end === e.span.start) out[out.length - 1] = { span: { start: previous.span.start, end: e.span.end }, newText: previous.newText + e.newText };
    else out.push({ span: { ...e.span }, newText: e.newText });
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// What a chunk means

/**
 * What the parser read in each chunk, to compare: every item, heading, paragraph, `kent-ignore`
 * comment and diagnostic, as `sameParts` reads them (the chunks not asked for: nothing).
 */
function partsByChunk(doc: Parts, layout: Layout, chunks: ReadonlySet<number>): unknown[][] {
  const parts: unknown[][] = layout.chunks.map(() => []);
  const put = (at: number, what: () => unknown) => {
    const k = chunkAt(layout, at);
    if (chunks.has(k)) parts[k].push(what());
  };
  for (const item of doc.items) {
    put(item.span.start, () => {
      // The likelihood read is its attribute's value, compared canonical (`Likely` reads as `likely`).
      const { attributes, ignored, likelihood: _read, ...rest } = item;
      return [rest, new AsWritten(JSON.stringify([attributes.map((a) => [a.name, a.allowed, meaningOfValue(a.name, a.value)]), [...ignored].sort()]))];
    });
  }
  for (const h of doc.headings) put(h.span.start, () => h);
  for (const p of doc.prose) put(p.span.start, () => p);
  for (const c of doc.ignoreComments) put(c.span.start, () => c);
  for (const d of doc.parseDiagnostics) put(d.span.start, () => [d.code, d.severity, d.message]);
  return parts;
}

/**
 * Whether two chunks read alike: without offsets, white space runs read as one space, attribute
 * values as `meaningOfValue` reads them, the elements of a set in any order. Compared in place,
 * not written out as text first: a large document has thousands of chunks to verify.
 */
function sameParts(a: readonly unknown[], b: readonly unknown[]): boolean {
  return a.length === b.length && a.every((x, i) => alike(x, b[i]));
}

/** Text compared as it is, not in words: what is already read as it means (attribute values, codes). */
class AsWritten {
  constructor(readonly text: string) {}
}

/** What JSON writes as nothing (an object's key with it is left out) or, in an array, as null. */
const unwritten = (x: unknown) => x === undefined || typeof x === 'function' || typeof x === 'symbol';

/** Alike as JSON would write them once `plain`: strings read in words, numbers JSON can't write are null. */
function alike(x: unknown, y: unknown): boolean {
  if (x === y) return true;
  if (x instanceof AsWritten || y instanceof AsWritten) return x instanceof AsWritten && y instanceof AsWritten && x.text === y.text;
  if (typeof x === 'string' || typeof y === 'string') return typeof x === typeof y && words(x as string) === words(y as string);
  if (x instanceof Set || y instanceof Set) return JSON.stringify(plain(x)) === JSON.stringify(plain(y));
  if (Array.isArray(x) || Array.isArray(y)) return Array.isArray(x) && Array.isArray(y) && x.length === y.length && x.every((v, i) => alike(v, y[i]));
  if (x !== null && typeof x === 'object') return y !== null && typeof y === 'object' && alikeObjects(x as Record<string, unknown>, y as Record<string, unknown>);
  return scalar(x) === scalar(y);
}

/** The same keys written (offsets and paths aside), each alike. */
function alikeObjects(x: Record<string, unknown>, y: Record<string, unknown>): boolean {
  let unmatched = 0;
  for (const k of Object.keys(x)) {
    if (WHERE.has(k) || unwritten(x[k])) continue;
    if (!Object.hasOwn(y, k) || unwritten(y[k]) || !alike(x[k], y[k])) return false;
    unmatched++;
  }
  for (const k of Object.keys(y)) if (!WHERE.has(k) && !unwritten(y[k])) unmatched--;
  return unmatched === 0;
}

/** A number, boolean or null as JSON writes it (in an array, what it leaves out is null). */
const scalar = (x: unknown) => (unwritten(x) || (typeof x === 'number' && !Number.isFinite(x)) ? null : x);

const words = (s: string) => s.replace(/\s+/g, ' ').trim();

/** An attribute value as it reads: canonical, white space runs as one space, none around a comma of a list. */
function meaningOfValue(name: string, value: string): string {
  const spaced = canonical(name, value.replace(/\s+/g, ' ').trim());
  return LISTS.has(name) ? spaced.replace(/ ?, ?/g, ',') : spaced;
}

/** Offsets and paths: where things are, not what they say. */
const WHERE = new Set(['span', 'idSpan', 'keywordSpan', 'statementSpan', 'start', 'end', 'valueStart', 'path', 'fixes']);

function plain(x: unknown): unknown {
  if (typeof x === 'string') return x.replace(/\s+/g, ' ').trim();
  if (Array.isArray(x)) return x.map(plain);
  if (x instanceof Set) return [...x].sort();
  if (x && typeof x === 'object') {
    const out: Record<string, unknown> = {};
    for (const k of Object.keys(x).sort()) if (!WHERE.has(k)) out[k] = plain((x as Record<string, unknown>)[k]);
    return out;
  }
  return x;
}
