// Kent's parser. A line scan splits the document into blocks, headings, comments and prose
// (cheap and exact: blocks start at column 0 and end at a blank line); the structured pieces
// of each block go through the Ohm grammar one small value at a time. It never throws: a
// broken line yields a `syntax` diagnostic and every other block is still parsed.
import { distance } from 'fastest-levenshtein';
import { ALLOWED_ATTRIBUTES, CONFIDENCE_LEVELS, KNOWN_ATTRIBUTES, RELIABILITY_CODES, REPEATABLE, canonicalValue, nameBeingTyped, nameFixes } from './attributes';
import { fastMatch, isIdChar, isLetter, isWhiteSpace } from './fastpath';
import { matchRule, type MatchOutcome, type Parsed, type RefNode, type Rule } from './grammar';
import { changeBetween, type Change, type Touched } from './change';
import { LiteralBrackets, startsKey } from './literal';
import { nameSpan, valueSpan, type Attribute, type BlockKind, type Citation, type Heading, type IgnoreComment, type Item, type ItemRef, type KentDocument, type Prose, type Ref, type SourceRef } from './model';
import { textOf, type Source } from './source';
import { listEntries } from './text';
import type { FixData, KentDiagnostic, Span } from './types';

/**
 * The lines of the run being parsed: where each starts, where its content ends (before any
 * `\r\n`) and where its first non-blank character is. Offsets into the text, in lists a scan
 * reuses from run to run: no line needs an object or a string of its own.
 */
interface Lines {
  start: number[];
  end: number[];
  lead: number[];
}

/** A line that reads like `WORD ID:`, the shape of a block header. */
const MISKEYED_HEADER = /^([A-Za-z]+)[ \t]+[A-Za-z][\w-]*[ \t]*:/;
/** A line of one word, the shape of a keyword typed before its ID. */
const LONE_WORD = /^([A-Za-z]+)[ \t]*$/;

/** The block keywords, which are also the block kinds. */
const KEYWORDS: readonly BlockKind[] = ['assessment', 'judgment', 'claim', 'assumption', 'evidence', 'source'];
// The reason is anything to the line's end: `.` would stop at a U+2028 or a lone CR in it, and
// the match then backtracked through every split of the spaces before it (minutes on a long line).
const IGNORE = /^\s*\/\/\s*kent-ignore(-file)?\b[ \t]*([^:]*)(?::([^]*))?$/;

/**
 * What a chunk — a run of non-blank lines — parses to. A blank line ends every block, paragraph
 * and run of `kent-ignore` comments, so a chunk parses the same wherever it stands: a new version
 * of a document re-parses only the chunks its edit touched, and moves the others.
 */
interface Chunk {
  /** Where its first line starts and its last line ends. */
  start: number;
  end: number;
  items: Item[];
  headings: Heading[];
  prose: Prose[];
  diagnostics: KentDiagnostic[];
  /** The codes of its `kent-ignore-file` comments. */
  fileIgnores: string[];
  /** Whether one of its blocks has a `kent-ignore` comment. */
  ignores: boolean;
  /** Its `kent-ignore` and `kent-ignore-file` comments. */
  ignoreComments: IgnoreComment[];
  /**
   * Set on a moved copy: one document's lineage owns it alone, and no two of its places share a
   * span object, so the next move can shift its offsets in place instead of copying it again.
   */
  movable?: boolean;
}

/** The chunks of each document: a new version given its previous one is parsed against them. */
const chunksOf = new WeakMap<KentDocument, Chunk[]>();

/** What a new version replaced of the one it was parsed against (see `reparseOf`). */
export interface Reparse {
  previous: KentDocument;
  /** Where the two texts differ. */
  change: Change;
  /** Its items [b0, b1) became [a0, a1) of the new version; the others correspond one to one (moved). */
  items: Touched;
  prose: Touched;
}
const reparses = new WeakMap<KentDocument, Reparse>();

/** How `doc` came from its previous version, when it was parsed against it (`parseDocument`'s `previous`). */
export function reparseOf(doc: KentDocument): Reparse | undefined {
  return reparses.get(doc);
}

/** Where two versions' texts differ: as the parser found it, when it parsed one against the other. */
export function changeOf(before: KentDocument, after: KentDocument): Change {
  const reparse = reparses.get(after);
  return reparse?.previous === before ? reparse.change : changeBetween(before.source, after.source);
}

/** The last parse of each path: the next version of that document is parsed against it. */
const lastParse = new Map<string, { text: Source; chunks: Chunk[] }>();
const LAST_PARSE_LIMIT = 10_000;
/**
 * A document gone (deleted, renamed): its last parse goes too, else each name a document had would
 * keep its text and blocks. (Paths are not told apart by workspace: another's is parsed in full once.)
 */
export function forgetParse(path: string): void {
  lastParse.delete(path);
}

/** How many entries the parser's caches hold (the long-session bench watches them). */
export function parseCacheSizes(): { lastParse: number; chunkCache: number; chunkCacheChars: number } {
  return { lastParse: lastParse.size, chunkCache: chunkCache.size, chunkCacheChars };
}

/** Chunks by their text, from the changed part of edited documents: undoing an edit re-parses nothing. */
const chunkCache = new Map<string, Chunk>();
/**
 * The most recently used this many, ~7 KB each (its text and parse): undo reaches back that many
 * keystrokes at once; a block older than that is parsed again. Held all day, 10,000 were ~70 MB.
 */
const CHUNK_CACHE_LIMIT = 1_000;
/**
 * And at most this many characters of text in all: a keystroke in one very long block (a quote
 * pasted whole) caches all of it, and a thousand of those would be gigabytes. A block longer than
 * this is not cached; undoing an edit in it parses it again.
 */
const CHUNK_CACHE_CHARS = 4_000_000;
let chunkCacheChars = 0;
let blockParses = 0;

/** How many blocks were parsed rather than reused: tests use it to prove an edit reparses little. */
export function blockParseCount(): number {
  return blockParses;
}

/**
 * A copy of a parsed block moved by `delta` characters (spans are the only offsets it holds). Built
 * field by field: a spread of items, whose fields come in many orders, takes V8's slow path.
 */
function shiftItem(item: Item, delta: number): Item {
  const moved: Item = {
    kind: item.kind,
    id: item.id,
    idSpan: shiftSpan(item.idSpan, delta),
    keywordSpan: shiftSpan(item.keywordSpan, delta),
    statement: item.statement,
    statementSpan: shiftSpan(item.statementSpan, delta),
    span: shiftSpan(item.span, delta),
    attributes: item.attributes.map((a) => ({ name: a.name, value: a.value, start: a.start + delta, valueStart: a.valueStart + delta, end: a.end + delta, allowed: a.allowed })),
    citations: shiftCitations(item.citations, delta),
    links: shiftRefs(item.links, delta),
    because: shiftRefs(item.because, delta),
    against: shiftRefs(item.against, delta),
    assumes: shiftRefs(item.assumes, delta),
    contradicts: shiftRefs(item.contradicts, delta),
    supersedes: shiftRefs(item.supersedes, delta),
    bibliography: item.bibliography.map((b) => ({ path: b.path, span: shiftSpan(b.span, delta) })),
    ignored: item.ignored,
  };
  if (item.likelihood) moved.likelihood = shiftSpanned(item.likelihood, delta);
  if (item.confidence) moved.confidence = { value: item.confidence.value, span: shiftSpan(item.confidence.span, delta) };
  if (item.sameAs) moved.sameAs = shiftRef(item.sameAs, delta);
  if (item.negates) moved.negates = shiftRef(item.negates, delta);
  if (item.revises) moved.revises = shiftRef(item.revises, delta);
  if (item.resolved) moved.resolved = item.resolved;
  if (item.source) moved.source = shiftRef(item.source, delta);
  if (item.quote) moved.quote = { text: item.quote.text, span: shiftSpan(item.quote.span, delta) };
  if (item.credibility) moved.credibility = { value: item.credibility.value, span: shiftSpan(item.credibility.span, delta) };
  if (item.reliability) moved.reliability = { value: item.reliability.value, span: shiftSpan(item.reliability.span, delta) };
  if (item.origin !== undefined) moved.origin = item.origin;
  if (item.file) moved.file = { path: item.file.path, span: shiftSpan(item.file.span, delta) };
  return moved;
}

function shiftSpan(s: Span, delta: number): Span {
  return { start: s.start + delta, end: s.end + delta };
}

function shiftSpanned<T extends { span: Span }>(x: T, delta: number): T {
  return { ...x, span: shiftSpan(x.span, delta) };
}

function shiftRef<R extends Ref>(r: R, delta: number): R {
  const span = shiftSpan(r.span, delta);
  if (r.type === 'source') {
    const moved: SourceRef = { type: 'source', key: r.key, span };
    if (r.locator !== undefined) moved.locator = r.locator;
    if (r.prefix !== undefined) moved.prefix = r.prefix;
    return moved as R;
  }
  const moved: ItemRef = { type: 'item', id: r.id, span };
  if (r.doc !== undefined) moved.doc = r.doc;
  return moved as R;
}

/** Empty lists stay shared: nothing adds to a parsed block's lists. */
function shiftRefs<R extends Ref>(refs: R[], delta: number): R[] {
  return refs.length === 0 ? refs : refs.map((r) => shiftRef(r, delta));
}

function shiftCitations(citations: Citation[], delta: number): Citation[] {
  return citations.length === 0 ? citations : citations.map((c) => ({ span: shiftSpan(c.span, delta), refs: shiftRefs(c.refs, delta) }));
}

function shiftDiagnostic(d: KentDiagnostic, delta: number, path: string): KentDiagnostic {
  const out = { ...d, path, span: shiftSpan(d.span, delta) };
  if (d.fixes) out.fixes = d.fixes.map((f) => (f.kind === 'replace' ? { ...f, span: shiftSpan(f.span, delta) } : { ...f, offset: f.offset + delta }));
  return out;
}

/** A chunk moved by `delta` characters, in the document at `path`; itself when nothing changes. */
function shiftChunk(c: Chunk, delta: number, path: string): Chunk {
  // Unmoved, an immutable chunk is shared; a movable one never is (its owner moves it in place).
  if (delta === 0 && !c.movable && c.diagnostics.every((d) => d.path === path)) return c;
  // A copy even when delta is 0 (for a new path): copies own their spans, and so can move in place.
  return {
    movable: true,
    start: c.start + delta,
    end: c.end + delta,
    items: c.items.map((item) => shiftItem(item, delta)),
    headings: c.headings.length ? c.headings.map((h) => ({ level: h.level, text: h.text, span: shiftSpan(h.span, delta) })) : c.headings,
    prose: c.prose.length ? c.prose.map((p) => ({ ...p, span: shiftSpan(p.span, delta), citations: shiftCitations(p.citations, delta), links: shiftRefs(p.links, delta) })) : c.prose,
    diagnostics: c.diagnostics.length ? c.diagnostics.map((d) => shiftDiagnostic(d, delta, path)) : c.diagnostics,
    fileIgnores: c.fileIgnores,
    ignores: c.ignores,
    ignoreComments: c.ignoreComments.length ? c.ignoreComments.map((x) => shiftIgnoreComment(x, delta)) : c.ignoreComments,
  };
}

function shiftIgnoreComment(c: IgnoreComment, delta: number): IgnoreComment {
  const moved: IgnoreComment = { file: c.file, span: shiftSpan(c.span, delta), codes: c.codes.map((x) => ({ code: x.code, span: shiftSpan(x.span, delta) })) };
  if (c.stranded) moved.stranded = c.stranded;
  return moved;
}

/**
 * Move a movable chunk by `delta` in place: every offset it holds, no object allocated (indexed
 * loops and no array literals: this runs over every block after an edit, on every keystroke).
 */
function moveChunk(c: Chunk, delta: number): Chunk {
  c.start += delta;
  c.end += delta;
  const { items, headings, prose, diagnostics, ignoreComments } = c;
  for (let i = 0; i < items.length; i++) moveItem(items[i], delta);
  for (let i = 0; i < ignoreComments.length; i++) {
    moveSpan(ignoreComments[i].span, delta);
    for (const x of ignoreComments[i].codes) moveSpan(x.span, delta);
  }
  for (let i = 0; i < headings.length; i++) moveSpan(headings[i].span, delta);
  for (let i = 0; i < prose.length; i++) {
    const p = prose[i];
    moveSpan(p.span, delta);
    moveCitations(p.citations, delta);
    moveRefs(p.links, delta);
  }
  for (let i = 0; i < diagnostics.length; i++) {
    moveSpan(diagnostics[i].span, delta);
    for (const f of diagnostics[i].fixes ?? []) {
      if (f.kind === 'replace') moveSpan(f.span, delta);
      else f.offset += delta;
    }
  }
  return c;
}

/** `shiftItem`, in place: the two must name the same offsets. */
function moveItem(item: Item, delta: number): void {
  moveSpan(item.idSpan, delta);
  moveSpan(item.keywordSpan, delta);
  moveSpan(item.statementSpan, delta);
  moveSpan(item.span, delta);
  const attributes = item.attributes;
  for (let i = 0; i < attributes.length; i++) {
    const a = attributes[i];
    a.start += delta;
    a.valueStart += delta;
    a.end += delta;
  }
  moveCitations(item.citations, delta);
  moveRefs(item.links, delta);
  moveRefs(item.because, delta);
  moveRefs(item.against, delta);
  moveRefs(item.assumes, delta);
  moveRefs(item.contradicts, delta);
  moveRefs(item.supersedes, delta);
  for (let i = 0; i < item.bibliography.length; i++) moveSpan(item.bibliography[i].span, delta);
  moveOptional(item.likelihood, delta);
  moveOptional(item.confidence, delta);
  moveOptional(item.sameAs, delta);
  moveOptional(item.negates, delta);
  moveOptional(item.revises, delta);
  moveOptional(item.source, delta);
  moveOptional(item.quote, delta);
  moveOptional(item.credibility, delta);
  moveOptional(item.reliability, delta);
  moveOptional(item.file, delta);
}

function moveOptional(x: { span: Span } | undefined, delta: number): void {
  if (x) moveSpan(x.span, delta);
}

function moveSpan(s: Span, delta: number): void {
  s.start += delta;
  s.end += delta;
}

function moveRefs(refs: readonly Ref[], delta: number): void {
  for (let i = 0; i < refs.length; i++) moveSpan(refs[i].span, delta);
}

function moveCitations(citations: readonly Citation[], delta: number): void {
  for (let i = 0; i < citations.length; i++) {
    moveSpan(citations[i].span, delta);
    moveRefs(citations[i].refs, delta);
  }
}

/** Syntax errors reported per document at most. */
export const MAX_SYNTAX = 500;

/** Where the first character that is not white space lies in [start, end), or `end`. */
function firstNonBlank(text: Source, start: number, end: number): number {
  while (start < end && isWhiteSpace(text.charCodeAt(start))) start++;
  return start;
}

/**
 * The empty list every parsed block and chunk without such things shares (a workspace holds
 * hundreds of thousands of them). Frozen: nothing adds to a parsed block's lists, and a mistake
 * that tried would throw instead of changing every block.
 */
const NONE: never[] = Object.freeze([]) as unknown as never[];
/** The codes of a block with no `kent-ignore` before it, shared likewise. */
const NO_CODES: Set<string> = new Set();

/** The refs of the elements of a list value that parse on their own (between top-level commas). */
function refsBetweenCommas(rule: 'RefList' | 'IdList', text: string, at: number): Ref[] {
  const out: Ref[] = [];
  for (const entry of listEntries(text)) {
    const outcome = matchRule(rule, text.slice(entry.start, entry.end));
    if (outcome?.ok && outcome.value.type === 'refs') for (const n of outcome.value.refs) out.push(toRef(n, at + entry.start));
  }
  return out;
}

/** `list` with `x` added: the shared empty list gives way to a list of one (most chunks hold one item or none). */
function add<T>(list: T[], x: T): T[] {
  if (list === NONE) return [x];
  list.push(x);
  return list;
}

const isSpaceOrTab = (c: number) => c === 0x20 || c === 0x09;
const isDigit = (c: number) => c >= 0x30 && c <= 0x39;

/** Whether `word` is written at `at`, before `end`. */
function startsWith(text: Source, at: number, end: number, word: string): boolean {
  if (at + word.length > end) return false;
  for (let k = 0; k < word.length; k++) if (text.charCodeAt(at + k) !== word.charCodeAt(k)) return false;
  return true;
}

/** Whether `word` (lowercase) stands at `at`, in any case. */
function startsWithIgnoringCase(text: Source, at: number, end: number, word: string): boolean {
  if (at + word.length > end) return false;
  for (let k = 0; k < word.length; k++) if (String.fromCharCode(text.charCodeAt(at + k)).toLowerCase() !== word[k]) return false;
  return true;
}

/** Where `code` first occurs in [from, end), or -1 (`indexOf` would search past the line). */
function indexIn(text: Source, code: number, from: number, end: number): number {
  for (let p = from; p < end; p++) if (text.charCodeAt(p) === code) return p;
  return -1;
}

/** A `//` comment line, given where its first non-blank character is. */
const isComment = (text: Source, lead: number) => text.charCodeAt(lead) === 0x2f && text.charCodeAt(lead + 1) === 0x2f;

/** The block keyword a line starts with, when a space or tab follows it. */
function keywordAt(text: Source, start: number, end: number): BlockKind | undefined {
  for (let k = 0; k < KEYWORDS.length; k++) {
    const keyword = KEYWORDS[k];
    if (startsWith(text, start, end, keyword)) return start + keyword.length < end && isSpaceOrTab(text.charCodeAt(start + keyword.length)) ? keyword : undefined;
  }
  return undefined;
}

/**
 * The level of a heading line: one to six `#`, a space or tab, then text to the end of the line
 * that holds no lone `\r`, U+2028 or U+2029 (as `/^(#{1,6})[ \t]+(.*)$/` reads it); 0 for any other line.
 */
function headingLevel(text: Source, start: number, end: number): number {
  let p = start;
  while (p < end && text.charCodeAt(p) === 0x23) p++;
  const level = p - start;
  if (level === 0 || level > 6 || p === end || !isSpaceOrTab(text.charCodeAt(p))) return 0;
  for (; p < end; p++) {
    const c = text.charCodeAt(p);
    if (c === 0x0d || c === 0x2028 || c === 0x2029) return 0;
  }
  return level;
}

/**
 * Where the name of an attribute line `  name: value` ends: spaces or tabs, a letter, then
 * letters, digits, `_` or `-`, spaces or tabs, and `:`. A name Kent knows needs nothing after its
 * colon (`likelihood:likely`, as the brief has it); any other name needs a space, a tab or the end
 * of the line there, so `https://…` or `e.g.:x` continuing a value stays a continuation.
 * -1 for any other line. The name starts at `lead`, the line's first non-blank character.
 */
function attributeNameEnd(text: Source, start: number, lead: number, end: number): number {
  if (lead === start || !isLetter(text.charCodeAt(lead))) return -1;
  for (let p = start; p < lead; p++) if (!isSpaceOrTab(text.charCodeAt(p))) return -1;
  let nameEnd = lead + 1;
  while (nameEnd < end && isIdChar(text.charCodeAt(nameEnd))) nameEnd++;
  const colon = skipSpaceOrTab(text, nameEnd, end);
  if (colon === end || text.charCodeAt(colon) !== 0x3a) return -1;
  if (colon + 1 === end || isSpaceOrTab(text.charCodeAt(colon + 1))) return nameEnd;
  return knownAttribute(text, lead, nameEnd) === -1 ? -1 : nameEnd;
}

/** Where the name of a line `name: value` at column 0 ends, for a name Kent knows; -1 for any other line. */
function unindentedAttributeEnd(text: Source, start: number, end: number): number {
  let nameEnd = start;
  while (nameEnd < end && isIdChar(text.charCodeAt(nameEnd))) nameEnd++;
  if (knownAttribute(text, start, nameEnd) === -1) return -1;
  const colon = skipSpaceOrTab(text, nameEnd, end);
  return colon < end && text.charCodeAt(colon) === 0x3a ? nameEnd : -1;
}

/**
 * `source: s1` at column 0 right under evidence that has no `source:` is its attribute, unindented,
 * not a `source` block with its ID left out (which is what `source:` alone would read as elsewhere).
 */
function isEvidenceSourceLine(text: Source, start: number, end: number, block: Item): boolean {
  return block.kind === 'evidence' && startsWith(text, start, end, 'source:') && !block.attributes.some((a) => a.name === 'source');
}

/** The indentation of a block's attributes: its first one's, else two spaces. */
function attributeIndent(text: Source, block: Item): string {
  const first = block.attributes[0];
  if (!first) return '  ';
  return text.slice(text.lastIndexOf('\n', first.start - 1) + 1, first.start);
}

/** The first offset from `p` on, before `end`, that holds no space or tab. */
function skipSpaceOrTab(text: Source, p: number, end: number): number {
  while (p < end && isSpaceOrTab(text.charCodeAt(p))) p++;
  return p;
}

/** The attribute names of the language, each with its bit in the masks below. */
const KNOWN_NAMES: readonly string[] = [...KNOWN_ATTRIBUTES];
if (KNOWN_NAMES.length > 31) throw new Error('parser: attribute masks hold 31 names at most');
const bitOf = (name: string) => 1 << KNOWN_NAMES.indexOf(name);
const maskOf = (names: Iterable<string>) => [...names].reduce((mask, name) => mask | bitOf(name), 0);
const ALLOWED_MASK = Object.fromEntries(KEYWORDS.map((k) => [k, maskOf(ALLOWED_ATTRIBUTES[k])])) as Record<BlockKind, number>;
const REPEATABLE_MASK = maskOf(REPEATABLE);

/** Which of `KNOWN_NAMES` is written in [start, end), or -1: read in place, no string made. */
function knownAttribute(text: Source, start: number, end: number): number {
  for (let k = 0; k < KNOWN_NAMES.length; k++) {
    const name = KNOWN_NAMES[k];
    if (name.length === end - start && startsWith(text, start, end, name)) return k;
  }
  return -1;
}

/**
 * Parse one `.kent` document. `path` is its workspace-relative POSIX path; `invalidUtf8At`,
 * when the front end found bytes that are not UTF-8, is where the first one decoded.
 */
export function parseDocument(path: string, text: Source, invalidUtf8At?: number, previous?: KentDocument): KentDocument {
  const owned = previous && chunksOf.get(previous);
  const last = owned ? { text: previous!.source, chunks: owned } : lastParse.get(path);
  const parse = last ? reparse(path, last.text, last.chunks, text, owned !== undefined) : undefined;
  const chunks = parse ? parse.chunks : scan(path, text, textStart(text), Infinity, false);
  if (lastParse.size >= LAST_PARSE_LIMIT) lastParse.clear();
  lastParse.set(path, { text, chunks });
  const doc = assemble(path, text, chunks);
  chunksOf.set(doc, chunks);
  if (owned && parse) {
    reparses.set(doc, { previous: previous!, change: parse.change, items: parse.touched((c) => c.items.length), prose: parse.touched((c) => c.prose.length) });
    reparses.delete(previous!); // or every version would keep the one before it alive
  }
  if (invalidUtf8At !== undefined) {
    doc.parseDiagnostics.unshift({
      path,
      span: { start: invalidUtf8At, end: Math.min(text.length, invalidUtf8At + 1) },
      severity: 'error',
      code: 'syntax',
      message: 'this file is not valid UTF-8: the bytes here could not be decoded (shown as \uFFFD); save the file as UTF-8',
    });
  }
  return doc;
}

function textStart(text: Source): number {
  return text.charCodeAt(0) === 0xfeff ? 1 : 0;
}

/**
 * The chunks of `text` from the line starting at `from` up to the line starting at `until`: fresh
 * parses, or (`cached`) parses of the same text found in the chunk cache.
 */
function scan(path: string, text: Source, from: number, until: number, cached: boolean): Chunk[] {
  const chunks: Chunk[] = [];
  const lines: Lines = { start: [], end: [], lead: [] };
  const parser = new ChunkParser(path, text, lines);
  let count = 0;
  for (let start = from; start <= text.length && start < until; ) {
    let nl = text.indexOf('\n', start);
    if (nl === -1) nl = text.length;
    const end = nl > start && text.charCodeAt(nl - 1) === 13 ? nl - 1 : nl;
    const lead = firstNonBlank(text, start, end);
    if (lead === end) {
      if (count) chunks.push(cached ? cachedChunk(path, text, parser, count) : parser.run(count));
      count = 0;
    } else {
      lines.start[count] = start;
      lines.end[count] = end;
      lines.lead[count] = lead;
      count++;
    }
    start = nl + 1;
  }
  if (count) chunks.push(cached ? cachedChunk(path, text, parser, count) : parser.run(count));
  return chunks;
}

function cachedChunk(path: string, text: Source, parser: ChunkParser, count: number): Chunk {
  const start = parser.lines.start[0];
  const key = chunkKey(text, start, parser.lines.end[count - 1]);
  const hit = chunkCache.get(key);
  if (hit) {
    // Used again: the last to go.
    chunkCache.delete(key);
    chunkCache.set(key, hit);
    return shiftChunk(hit, start - hit.start, path);
  }
  const chunk = parser.run(count);
  remember(key, chunk);
  return chunk;
}

/** A chunk's text as a key of its own: a slice would keep the whole text it came from alive. */
function chunkKey(text: Source, start: number, end: number): string {
  return '\u0000' + text.slice(start, end);
}

function remember(key: string, chunk: Chunk): void {
  if (chunkCache.delete(key)) chunkCacheChars -= key.length;
  if (key.length > CHUNK_CACHE_CHARS) return;
  // The least recently used go first.
  while (chunkCache.size >= CHUNK_CACHE_LIMIT || chunkCacheChars + key.length > CHUNK_CACHE_CHARS) {
    const oldest: string = chunkCache.keys().next().value!;
    chunkCache.delete(oldest);
    chunkCacheChars -= oldest.length;
  }
  chunkCache.set(key, chunk);
  chunkCacheChars += key.length;
}

/**
 * The chunks of a new version of a document, from those of the old one: the chunks before the
 * first change and after the last stay (moved), the part between is scanned again. A chunk stays
 * only with the blank line beside it and that line's line break unchanged too, so that it still
 * stands alone. The chunks replaced go to the chunk cache, for an edit undone.
 */
function reparse(path: string, old: Source, chunks: Chunk[], text: Source, owned: boolean) {
  const change = changeBetween(old, text);
  const [prefix, suffix] = [change.start, old.length - change.endBefore];
  const delta = text.length - old.length;
  // Guards grow with the chunks' order: binary searches, not a walk over every chunk.
  const head = countWhile(chunks.length, (i) => guardAfter(old, chunks[i]) <= prefix);
  const tail = chunks.length - countWhile(chunks.length - head, (i) => guardBefore(old, chunks[chunks.length - 1 - i]) >= old.length - suffix);
  for (let i = head; i < tail; i++) remember(chunkKey(old, chunks[i].start, chunks[i].end), chunks[i]);
  const from = head > 0 ? old.indexOf('\n', chunks[head - 1].end) + 1 : textStart(text);
  const until = tail < chunks.length ? chunks[tail].start + delta : Infinity;
  const middle = scan(path, text, from, until, true);
  // The previous version of this very document is gone: its movable chunks move in place. Another
  // document's (the last parse of the path elsewhere) stay as they are: what is shared is copied.
  const keep = (c: Chunk, by: number) => (owned && c.movable ? (by === 0 ? c : moveChunk(c, by)) : shiftChunk(c, by, path));
  const result = new Array<Chunk>(head + middle.length + chunks.length - tail);
  let k = 0;
  for (let i = 0; i < head; i++) result[k++] = keep(chunks[i], 0);
  for (let i = 0; i < middle.length; i++) result[k++] = middle[i];
  for (let i = tail; i < chunks.length; i++) result[k++] = keep(chunks[i], delta);
  /** [b0, b1, a0, a1]: the parts (counted by `size`) of the replaced chunks, before and after. */
  const touched = (size: (c: Chunk) => number): Touched => {
    const count = (list: Chunk[]) => list.reduce((n, c) => n + size(c), 0);
    const b0 = count(chunks.slice(0, head));
    return [b0, b0 + count(chunks.slice(head, tail)), b0, b0 + count(middle)];
  };
  return { chunks: result, change, touched };
}

/** How many of 0, 1, … n - 1 in turn satisfy `holds`, which once false stays false. */
function countWhile(n: number, holds: (i: number) => boolean): number {
  let lo = 0;
  let hi = n;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (holds(mid)) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** The end of the blank line after a chunk, its line break included (Infinity at the end of the text). */
function guardAfter(text: Source, c: Chunk): number {
  const own = text.indexOf('\n', c.end);
  const blank = own === -1 ? -1 : text.indexOf('\n', own + 1);
  return blank === -1 ? Infinity : blank + 1;
}

/** The line break before the blank line before a chunk (-Infinity at the start of the text). */
function guardBefore(text: Source, c: Chunk): number {
  const blank = c.start >= 2 ? text.lastIndexOf('\n', c.start - 2) : -1;
  return blank === -1 ? -Infinity : blank;
}

function assemble(path: string, source: Source, chunks: Chunk[]): KentDocument {
  const doc: KentDocument = {
    path,
    source,
    get text() {
      return textOf(source);
    },
    assessment: undefined, items: gather(chunks, (c) => c.items), headings: gather(chunks, (c) => c.headings), prose: gather(chunks, (c) => c.prose), ignoredInFile: new Set(), ignores: false, ignoreComments: gather(chunks, (c) => c.ignoreComments), parseDiagnostics: gather(chunks, (c) => c.diagnostics) };
  for (let i = 0; i < chunks.length; i++) {
    for (const code of chunks[i].fileIgnores) doc.ignoredInFile.add(code);
    if (chunks[i].ignores || chunks[i].fileIgnores.length) doc.ignores = true;
  }
  checkAssessmentPlacement(doc);
  capSyntax(doc.parseDiagnostics);
  doc.assessment = doc.items[0]?.kind === 'assessment' ? doc.items[0] : undefined;
  return doc;
}

/** One list of what every chunk holds, in order: sized once, filled by index (every keystroke assembles a document). */
function gather<T>(chunks: Chunk[], list: (c: Chunk) => readonly T[]): T[] {
  let n = 0;
  for (let i = 0; i < chunks.length; i++) n += list(chunks[i]).length;
  const out = new Array<T>(n);
  let k = 0;
  for (let i = 0; i < chunks.length; i++) {
    const part = list(chunks[i]);
    for (let j = 0; j < part.length; j++) out[k++] = part[j];
  }
  return out;
}

function syntaxError(path: string, span: Span, message: string): KentDiagnostic {
  return { path, span, severity: 'error', code: 'syntax', message };
}

function checkAssessmentPlacement(doc: KentDocument): void {
  doc.items.forEach((item, index) => {
    if (item.kind === 'assessment' && index > 0) {
      doc.parseDiagnostics.push(syntaxError(doc.path, { ...item.keywordSpan }, `assessment ${item.id}: a document has at most one \`assessment\` block, and it comes first`));
    }
  });
}

/** A document broken everywhere reports its first problems, then says how many more there are. */
function capSyntax(diagnostics: KentDiagnostic[]): void {
  const syntax = diagnostics.filter((d) => d.code === 'syntax');
  if (syntax.length <= MAX_SYNTAX) return;
  const kept = new Set(syntax.slice(0, MAX_SYNTAX));
  const last = syntax[MAX_SYNTAX - 1];
  const rest = diagnostics.filter((d) => d.code !== 'syntax' || kept.has(d));
  diagnostics.length = 0;
  for (const d of rest) diagnostics.push(d);
  diagnostics.push(syntaxError(last.path, { ...last.span }, `${syntax.length - MAX_SYNTAX} more syntax errors after this one are not shown; fix these first`));
}

/** A block header as read: its keyword, ID and where its colon is. */
interface Header {
  kind: BlockKind;
  id: string;
  keywordSpan: Span;
  idSpan: Span;
  colon: number;
}

/** Parses the chunks of one scan, one at a time: the first `count` of `lines`. */
class ChunkParser {
  private count = 0;
  // The shared empty list until something is found: most chunks hold one item and nothing else.
  private diagnostics: KentDiagnostic[] = NONE;
  private items: Item[] = NONE;
  private headings: Heading[] = NONE;
  private prose: Prose[] = NONE;
  private fileIgnores: string[] = NONE;
  private ignoreComments: IgnoreComment[] = NONE;
  /** The attributes of the block being read, copied out at their number: a list grown one by one keeps room for 17. */
  private readonly attributes: Attribute[] = [];

  constructor(
    private readonly path: string,
    private readonly text: Source,
    readonly lines: Lines,
  ) {}

  /** The chunk on the first `count` lines. */
  run(count: number): Chunk {
    this.count = count;
    this.diagnostics = this.items = this.headings = this.prose = NONE;
    this.fileIgnores = NONE;
    this.ignoreComments = NONE;
    const { text, lines } = this;
    // `kent-ignore` comments waiting for the block right after them.
    let pending: IgnoreComment[] | undefined;
    // Anything but a comment line between them and a block header leaves them applying to nothing.
    const strand = (why: 'heading' | 'prose' | 'blank') => {
      for (const c of pending ?? NONE) c.stranded = why;
      pending = undefined;
    };
    // The paragraph being read: its first and last lines (comment lines inside it are blanked).
    let paragraph = -1;
    let paragraphEnd = -1;
    // The block whose lines the line being read comes right after (comment lines aside).
    let ended: Item | undefined;
    for (let i = 0; i < count; ) {
      const start = lines.start[i];
      const end = lines.end[i];
      if (isComment(text, lines.lead[i])) {
        const ignore = this.readIgnoreComment(i);
        if (ignore?.file) for (const c of ignore.codes) this.fileIgnores = add(this.fileIgnores, c.code);
        else if (ignore) (pending ??= []).push(ignore);
        i++;
        continue;
      }
      const after = ended;
      ended = undefined;
      if (!isSpaceOrTab(text.charCodeAt(start))) {
        const level = headingLevel(text, start, end);
        if (level) {
          paragraph = this.endParagraph(paragraph, paragraphEnd);
          strand('heading');
          const title = trimSpan(text, start + level, end);
          this.headings = add(this.headings, { level, text: text.slice(title.start, title.end), span: { start, end } });
          i++;
          continue;
        }
        if (this.isBlockHeader(i) && !(after && isEvidenceSourceLine(text, start, end, after))) {
          paragraph = this.endParagraph(paragraph, paragraphEnd);
          const items = this.items.length;
          i = this.parseBlock(i, pending ? new Set(pending.flatMap((c) => c.codes.map((x) => x.code))) : NO_CODES);
          if (this.items.length > items) ended = this.items[items];
          pending = undefined;
          continue;
        }
        if (after) this.reportUnindentedAttribute(i, after);
        this.reportMiskeyedHeader(i);
      } else if (paragraph === -1) {
        this.reportOrphanAttribute(i);
      }
      strand('prose');
      if (paragraph === -1) paragraph = i;
      paragraphEnd = i;
      i++;
    }
    strand('blank');
    this.endParagraph(paragraph, paragraphEnd);
    this.reportLoneCR(lines.start[0], lines.end[count - 1]);
    return { start: lines.start[0], end: lines.end[count - 1], items: this.items, headings: this.headings, prose: this.prose, diagnostics: this.diagnostics, fileIgnores: this.fileIgnores, ignores: this.items.some((item) => item.ignored.size > 0), ignoreComments: this.ignoreComments };
  }

  /**
   * Lines end at LF or CRLF: a lone CR (old Mac line endings, or one stray) joins the text after
   * it to its line, and a block or attribute there would be lost unsaid. Said once per run of lines.
   */
  private reportLoneCR(from: number, to: number): void {
    const body = this.text.slice(from, to);
    let at = body.indexOf('\r');
    while (at !== -1 && body.charCodeAt(at + 1) === 0x0a) at = body.indexOf('\r', at + 1);
    if (at === -1) return;
    this.syntax({ start: from + at, end: from + at + 1 }, 'a lone carriage return (CR) ends no line: Kent reads lines ending in LF or CRLF, so what follows it joins this line. Convert the file to LF or CRLF line endings');
  }

  /** The paragraph of lines `first` to `last` (none when `first` is -1) is read; returns -1, for no paragraph. */
  private endParagraph(first: number, last: number): number {
    if (first !== -1) this.prose = add(this.prose, this.parseProse(first, last));
    return -1;
  }

  private syntax(span: Span, message: string, fixes?: FixData[]): void {
    this.diagnostics = add(this.diagnostics, fixes ? { path: this.path, span, severity: 'error', code: 'syntax', message, fixes } : { path: this.path, span, severity: 'error', code: 'syntax', message });
  }

  /**
   * A line at column 0 is a block header when it reads `KEYWORD ID:` (any ID without white space
   * or a colon, spaces allowed before the colon), `KEYWORD ID` followed by indented lines, or
   * `KEYWORD:` (the ID left out: an error, not prose).
   */
  private isBlockHeader(i: number): boolean {
    const { text, lines } = this;
    const start = lines.start[i];
    const end = lines.end[i];
    const keyword = keywordAt(text, start, end);
    if (!keyword) return KEYWORDS.some((k) => startsWith(text, start, end, k) && text.charCodeAt(start + k.length) === 0x3a);
    const id = skipSpaceOrTab(text, start + keyword.length, end);
    let p = id;
    while (p < end) {
      const c = text.charCodeAt(p);
      if (c === 0x3a || isWhiteSpace(c)) break;
      p++;
    }
    p = skipSpaceOrTab(text, p, end);
    if (p < end && text.charCodeAt(p) === 0x3a) return true;
    if (id === end || isWhiteSpace(text.charCodeAt(id))) return false;
    return i + 1 < this.count && isSpaceOrTab(text.charCodeAt(lines.start[i + 1]));
  }

  /** The `// kent-ignore CODE, CODE: reason` (or `kent-ignore-file`) comment on line `i`, recorded; none for another comment, or one naming no code. */
  private readIgnoreComment(i: number): IgnoreComment | undefined {
    const { text, lines } = this;
    const start = lines.start[i];
    const end = lines.end[i];
    // Most comments are prose: only one that names `kent-ignore` is worth a string.
    const word = firstNonBlank(text, lines.lead[i] + 2, end);
    if (this.reportMiscasedIgnore(word, end) || !startsWith(text, word, end, 'kent-ignore')) return undefined;
    const m = IGNORE.exec(text.slice(start, end));
    if (!m) return undefined;
    const codes: IgnoreComment['codes'] = [];
    let at = start + m[0].length - m[2].length - (m[3] === undefined ? 0 : m[3].length + 1);
    for (const part of m[2].split(',')) {
      const code = part.trim();
      if (code) codes.push({ code, span: { start: at + part.indexOf(code), end: at + part.indexOf(code) + code.length } });
      at += part.length + 1;
    }
    if (codes.length === 0) {
      this.syntax({ start, end }, 'kent-ignore: expected one or more diagnostic codes, then `: reason`');
      return undefined;
    }
    const comment: IgnoreComment = { file: m[1] !== undefined, span: { start, end }, codes };
    this.ignoreComments = add(this.ignoreComments, comment);
    return comment;
  }

  /**
   * `// KENT-IGNORE code` (or `Kent-Ignore`, `kent-ignore-FILE`): Kent reads the name in lowercase
   * only, so this one silences nothing, unseen. Said as an unused suppression, with the lowercase as
   * its fix. A word that only begins so (`Kent-Ignored`, `KENT-IGNORE_X`) is prose. True when said.
   */
  private reportMiscasedIgnore(word: number, end: number): boolean {
    const { text } = this;
    // No k or K: most comments stop here.
    if ((text.charCodeAt(word) | 0x20) !== 0x6b || !startsWithIgnoringCase(text, word, end, 'kent-ignore')) return false;
    const plain = word + 'kent-ignore'.length;
    const file = startsWithIgnoringCase(text, plain, end, '-file') && !(plain + 5 < end && isIdChar(text.charCodeAt(plain + 5)));
    const nameEnd = file ? plain + 5 : plain;
    if (nameEnd < end && isIdChar(text.charCodeAt(nameEnd))) return false;
    const right = file ? 'kent-ignore-file' : 'kent-ignore';
    const span = { start: word, end: nameEnd };
    if (text.slice(word, nameEnd) === right) return false;
    this.diagnostics = add(this.diagnostics, {
      path: this.path,
      span,
      severity: 'warning',
      code: 'unused-ignore',
      message: `\`${text.slice(span.start, span.end)}\` is not read, so it silences nothing: Kent reads \`${right}\` in lowercase`,
      fixes: [{ kind: 'replace', span, text: right, title: `Change to \`${right}\`` }],
    });
    return true;
  }

  /** An attribute line after a blank line belongs to no block: a common slip worth saying so. */
  private reportOrphanAttribute(i: number): void {
    const { text, lines } = this;
    const lead = lines.lead[i];
    const nameEnd = attributeNameEnd(text, lines.start[i], lead, lines.end[i]);
    const known = nameEnd === -1 ? -1 : knownAttribute(text, lead, nameEnd);
    if (known !== -1) {
      this.syntax(
        { start: lead, end: nameEnd },
        `\`${KNOWN_NAMES[known]}:\` is outside any block: a blank line ends a block, so this attribute belongs to nothing. Remove the blank line above it.`,
      );
    }
  }

  /**
   * `likelihood: likely` at column 0 right under a block (an editor that does not indent after
   * Enter, such as Neovim) is prose that ends the block: the brief says so, and the attribute is
   * silently lost. Said on the name, with a fix that indents it, and the `name:` lines at column 0
   * right after it, as the block's attributes are.
   */
  private reportUnindentedAttribute(i: number, block: Item): void {
    const { text, lines } = this;
    const start = lines.start[i];
    const nameEnd = unindentedAttributeEnd(text, start, lines.end[i]);
    if (nameEnd === -1) return;
    let last = i;
    while (last + 1 < this.count && unindentedAttributeEnd(text, lines.start[last + 1], lines.end[last + 1]) !== -1) last++;
    const name = text.slice(start, nameEnd);
    const report = (message: string, fixes: FixData[]) =>
      (this.diagnostics = add(this.diagnostics, { path: this.path, span: { start, end: nameEnd }, severity: 'warning', code: 'unindented-attribute', message, fixes }));
    const twice = this.givenTwiceIfIndented(block, i, last);
    if (twice?.line === i) {
      // Indented, it would be a syntax error ("given twice"), its value lost all the same. The
      // lines after it are said once it is gone, as they then follow the block.
      const had = block.attributes.find((a) => a.name === name)!;
      const value = text.slice(nameEnd, lines.end[i]).replace(/^\s*:/, '').trim();
      const same = had.value.trim() === value;
      // The line with its line break (the chunk may end with this line, the break still after it).
      const end = lines.end[i];
      const line = { start, end: text.charCodeAt(end) === 0x0d && text.charCodeAt(end + 1) === 0x0a ? end + 2 : end < text.length ? end + 1 : end };
      report(
        `\`${name}:\` at the start of the line is prose and ends ${block.kind} ${block.id}, which already has \`${name}:\`${same ? ' with this value: remove this line' : ': indented, it would be given twice; keep one of them'}`,
        same ? [{ kind: 'replace', span: line, text: '', title: `Remove this line (${block.id} already has \`${name}: ${value}\`)` }] : [],
      );
      return;
    }
    if (twice && !twice.blockHasIt) {
      // Two of these lines name one attribute: which holds is the analyst's call.
      report(`\`${name}:\` at the start of the line is prose and ends ${block.kind} ${block.id}, which would then have two \`${twice.name}:\``, []);
      return;
    }
    // The lines above the first the block already has: that one is said once they are in.
    if (twice) last = twice.line - 1;
    const indent = attributeIndent(text, block);
    const span = { start, end: lines.end[last] };
    // Each line indented; not `/^/gm`, which also matches between the CR and LF of a CRLF.
    const indented = text.slice(span.start, span.end).replace(/(^|\r\n|\n|\r)/g, `$1${indent}`);
    const title = last === i ? `Indent as an attribute of ${block.id}` : `Indent these ${last - i + 1} lines as attributes of ${block.id}`;
    report(`\`${name}:\` at the start of the line is prose and ends ${block.kind} ${block.id}; indent it to make it an attribute`, [{ kind: 'replace', span, text: indented, title }]);
  }

  /**
   * The first of lines `i`..`last` that, indented under `block`, would give it a name twice, if
   * any: whether the block has that name, or a line above in the run does.
   */
  private givenTwiceIfIndented(block: Item, i: number, last: number): { line: number; name: string; blockHasIt: boolean } | undefined {
    const { text, lines } = this;
    const own = new Set(block.attributes.map((a) => a.name));
    const run = new Set<string>();
    for (let k = i; k <= last; k++) {
      const end = unindentedAttributeEnd(text, lines.start[k], lines.end[k]);
      const name = text.slice(lines.start[k], end);
      if ((own.has(name) || run.has(name)) && !REPEATABLE.has(name)) return { line: k, name, blockHasIt: own.has(name) };
      run.add(name);
    }
    return undefined;
  }

  /**
   * `Claim C1: …` or `claims C1: …` with an attribute under it reads as prose, and every check of
   * the block is silently lost: say which keyword was meant.
   */
  private reportMiskeyedHeader(i: number): void {
    const { text, lines } = this;
    const next = i + 1;
    if (next >= this.count || !isSpaceOrTab(text.charCodeAt(lines.start[next]))) return;
    const nameEnd = attributeNameEnd(text, lines.start[next], lines.lead[next], lines.end[next]);
    if (nameEnd === -1 || knownAttribute(text, lines.lead[next], nameEnd) === -1) return;
    const start = lines.start[i];
    if (this.reportBareKeyword(start, lines.end[i])) return;
    const line = text.slice(start, Math.min(lines.end[i], start + 200));
    // `Claim C1: …`, or a word alone (`sources`, `Source`) where a bare keyword would have stood.
    const header = MISKEYED_HEADER.exec(line);
    const word = (header ?? LONE_WORD.exec(line))?.[1];
    const lower = word?.toLowerCase();
    // A word alone says less than `WORD ID:`: one letter off at most (`Aim`, `Plain`, `Force` are two off `claim`, `source`).
    const near = header ? 2 : 1;
    const keyword = lower && (KEYWORDS.find((k) => k === lower) ?? KEYWORDS.find((k) => distance(k, lower) <= near));
    if (!word || !keyword) return;
    const span = () => ({ start, end: start + word.length });
    const why = lower === keyword ? 'block keywords are lowercase' : `did you mean \`${keyword}\`?`;
    this.diagnostics = add(this.diagnostics, { path: this.path, span: span(), severity: 'error', code: 'syntax', message: `\`${word}\` is not a block keyword, so this block reads as prose (${why})`, fixes: [{ kind: 'replace', span: span(), text: keyword, title: `Change to \`${keyword}\`` }] });
  }

  /**
   * `source` alone on its line, with attributes under it (the ID and title not typed yet): no
   * header, so prose, and its attributes would be lost unsaid. True when reported.
   */
  private reportBareKeyword(start: number, end: number): boolean {
    const { text } = this;
    const keyword = KEYWORDS.find((k) => startsWith(text, start, end, k) && skipSpaceOrTab(text, start + k.length, end) === end);
    if (!keyword) return false;
    this.syntax({ start, end: start + keyword.length }, `block header: expected an ID and a ${keyword === 'source' || keyword === 'assessment' ? 'title' : 'statement'} after \`${keyword}\` (\`${keyword} ID: …\`); until then the lines under it are prose`);
    return true;
  }

  /**
   * Parse the block starting at line `first`: it runs on over indented lines, and over comment
   * lines between them. Comment lines after its last indented line are not its own: they stand
   * before what comes next, and a `kent-ignore` among them is the next block's. Returns the index
   * of the first line after it.
   */
  private parseBlock(first: number, ignored: Set<string>): number {
    const { text, lines } = this;
    let last = first;
    for (let j = first + 1; j < this.count; j++) {
      if (isComment(text, lines.lead[j])) continue;
      if (!isSpaceOrTab(text.charCodeAt(lines.start[j]))) break;
      last = j;
    }
    // A `kent-ignore` between a block's lines is no block's, nor is a `kent-ignore-file` the document's there.
    for (let j = first + 1; j < last; j++) {
      const ignore = isComment(text, lines.lead[j]) ? this.readIgnoreComment(j) : undefined;
      if (ignore) ignore.stranded = 'inside';
    }
    blockParses++;
    const item = this.parseHeaderAndBody(first, last, ignored);
    if (item) this.items = add(this.items, item);
    return last + 1;
  }

  /** The item of the block on lines `first` to `last`; its body is the lines that are not comments. */
  private parseHeaderAndBody(first: number, last: number, ignored: Set<string>): Item | undefined {
    const { text, lines } = this;
    const start = lines.start[first];
    const end = lines.end[first];
    const colon = indexIn(text, 0x3a, start, end);
    const h = (colon !== -1 && canonicalHeader(text, start, colon)) || (colon === -1 && this.headerWithoutColon(start, end)) || this.matchHeader(start, end, colon);
    if (!h) return undefined;
    const kind = h.kind;
    // Statement: the rest of the header line plus indented lines before the first attribute.
    let statementEnd = end;
    let firstAttribute = last + 1;
    for (let j = first + 1; j <= last; j++) {
      const lead = lines.lead[j];
      if (isComment(text, lead)) continue;
      const nameEnd = attributeNameEnd(text, lines.start[j], lead, lines.end[j]);
      if (nameEnd !== -1 && knownAttribute(text, lead, nameEnd) !== -1) {
        firstAttribute = j;
        break;
      }
      statementEnd = lines.end[j];
    }
    const statementSpan = trimSpan(text, h.colon + 1, statementEnd);
    const statement = blankComments(text.slice(statementSpan.start, statementSpan.end));
    const item: Item = {
      kind,
      id: h.id,
      idSpan: h.idSpan,
      keywordSpan: h.keywordSpan,
      statement,
      statementSpan,
      span: { start, end: lines.end[last] },
      attributes: NONE,
      citations: NONE,
      links: NONE,
      because: NONE,
      against: NONE,
      assumes: NONE,
      contradicts: NONE,
      supersedes: NONE,
      bibliography: NONE,
      ignored,
    };
    if (statement.trim() === '') {
      this.syntax(item.idSpan, `${kind} ${h.id}: expected a ${kind === 'source' || kind === 'assessment' ? 'title' : 'statement'} after \`${h.id}:\``);
    }
    this.scanInline(statement, statementSpan.start, item);
    const attributes = (item.attributes = this.readAttributes(kind, firstAttribute, last));
    for (let k = 0; k < attributes.length; k++) if (attributes[k].allowed) this.applyAttribute(item, attributes[k]);
    return item;
  }

  /**
   * `evidence E3 HBM supply is cut off.`, the colon after the ID left out: one syntax error with a
   * fix that inserts it, and the block is read as if it were there, so refs to E3 still name it
   * (not "did you mean E1?"). Only for an ID with a digit in it: `evidence suggests that …` over
   * indented lines is prose gone wrong, not a block.
   */
  private headerWithoutColon(start: number, end: number): Header | undefined {
    const { text } = this;
    const kind = keywordAt(text, start, end);
    if (!kind) return undefined;
    const idStart = skipSpaceOrTab(text, start + kind.length, end);
    if (!isLetter(text.charCodeAt(idStart))) return undefined;
    let idEnd = idStart + 1;
    let digit = false;
    for (; idEnd < end && isIdChar(text.charCodeAt(idEnd)); idEnd++) digit ||= isDigit(text.charCodeAt(idEnd));
    const rest = skipSpaceOrTab(text, idEnd, end);
    if (!digit || rest === idEnd || rest === end) return undefined;
    const id = text.slice(idStart, idEnd);
    const at = { start: idEnd, end: idEnd };
    this.syntax({ start: idStart, end: idEnd }, `block header: expected ":" after \`${id}\` (\`${kind} ${id}: statement\`); the block is read as if it were there`, [{ kind: 'replace', span: at, text: ':', title: `Insert ":" after ${id}` }]);
    return { kind, id, keywordSpan: { start, end: start + kind.length }, idSpan: { start: idStart, end: idEnd }, colon: idEnd };
  }

  /** A header not in the canonical form goes to the grammar, which says what is wrong with it. */
  private matchHeader(start: number, end: number, colon: number): Header | undefined {
    const prefix = colon === -1 ? this.text.slice(start, end).trimEnd() : this.text.slice(start, colon + 1);
    const outcome = matchRule('Header', prefix);
    if (!outcome.ok) {
      this.reportMatchFailure(outcome, start, prefix, 'block header', 'expected `KEYWORD ID: statement`');
      return undefined;
    }
    const h = outcome.value as Extract<Parsed, { type: 'header' }>;
    return { kind: h.keyword as BlockKind, id: h.id, keywordSpan: shiftSpan(h.keywordSpan, start), idSpan: shiftSpan(h.idSpan, start), colon: start + h.colon };
  }

  /**
   * The attributes on the body lines from `first` to `last` (comment lines skipped): each
   * attribute line with the lines that continue its value, up to the next attribute line that is
   * not inside an open quote.
   */
  private readAttributes(kind: BlockKind, first: number, last: number): Attribute[] {
    const { text, lines, attributes } = this;
    let n = 0;
    const allowedHere = ALLOWED_MASK[kind];
    let seen = 0;
    // The attribute being read.
    let name = '';
    let nameStart = -1;
    let allowed = false;
    let valueStart = 0;
    let valueEnd = 0;
    let continued = false;
    // For a quote, the double quotes in its value before `counted`: an odd count is an open quote.
    // A quote opened with `“` is closed by `”`: a straight `"` inside it opens nothing.
    let quotes = 0;
    let counted = 0;
    let curly = false;
    for (let j = first; j <= last; j++) {
      const lead = lines.lead[j];
      if (isComment(text, lead)) continue;
      const start = lines.start[j];
      const end = lines.end[j];
      if (name === 'quote' && !curly) {
        quotes += countQuotes(text, counted, start);
        counted = start;
      }
      const nameEnd = name === 'quote' && quotes % 2 === 1 ? -1 : attributeNameEnd(text, start, lead, end);
      if (nameEnd === -1) {
        if (nameStart !== -1) {
          valueEnd = end;
          continued = true;
        }
        continue;
      }
      if (nameStart !== -1) attributes[n++] = this.attribute(name, nameStart, valueStart, valueEnd, continued, allowed);
      const known = knownAttribute(text, lead, nameEnd);
      const bit = known === -1 ? 0 : 1 << known;
      name = known === -1 ? text.slice(lead, nameEnd) : KNOWN_NAMES[known];
      nameStart = lead;
      allowed = (allowedHere & bit) !== 0;
      if (allowed && (seen & bit) !== 0 && (REPEATABLE_MASK & bit) === 0) {
        this.syntax({ start: lead, end: nameEnd }, `\`${name}\` is given twice in this ${kind}; expected it once (the first one counts)`);
        allowed = false;
      }
      seen |= bit;
      valueStart = skipSpaceOrTab(text, nameEnd, end) + 1;
      valueEnd = end;
      continued = false;
      quotes = 0;
      counted = valueStart;
      curly = text.charCodeAt(firstNonBlank(text, valueStart, end)) === 0x201c;
    }
    if (nameStart !== -1) attributes[n++] = this.attribute(name, nameStart, valueStart, valueEnd, continued, allowed);
    return attributes.slice(0, n);
  }

  /** An attribute whose value runs from `valueStart` to `end`; a value `continued` over lines has its comment lines blanked. */
  private attribute(name: string, start: number, valueStart: number, end: number, continued: boolean, allowed: boolean): Attribute {
    const text = this.text;
    const from = firstNonBlank(text, valueStart, end);
    const value = text.slice(from, trimWhiteSpaceEnd(text, from, end));
    return { name, value: continued ? blankComments(value) : value, start, valueStart: from, end, allowed };
  }

  /** Parse an attribute's value into the item's typed fields; syntax errors are reported. */
  private applyAttribute(item: Item, attr: Attribute): void {
    const v = attr.value;
    const at = attr.valueStart;
    if (v.trim() === '') {
      this.syntax(nameSpan(attr), `\`${attr.name}\` has no value; expected ${EXPECTED_VALUE[attr.name] ?? 'a value'}`);
      return;
    }
    switch (attr.name) {
      case 'likelihood': {
        if (this.reportTermAndPercentage(attr)) return;
        // The next attribute half-typed under it is said so, and the likelihood above it counts.
        const before = this.beforeNameTyped('Likelihood', attr, item.kind, 'value');
        const r = this.match('Likelihood', before ?? v, at, attr);
        const span = before === undefined ? valueSpan(attr) : { start: at, end: at + before.length };
        if (r?.type === 'likelihood') item.likelihood = r.percent ? { text: r.text, span, percent: r.percent } : { text: r.text, span };
        return;
      }
      case 'confidence':
        item.confidence = { value: canonicalValue(v, CONFIDENCE_LEVELS), span: valueSpan(attr) };
        return;
      case 'credibility':
        item.credibility = { value: v, span: valueSpan(attr) };
        return;
      case 'reliability':
        item.reliability = { value: canonicalValue(v, RELIABILITY_CODES), span: valueSpan(attr) };
        return;
      case 'because':
      case 'against':
        item[attr.name] = this.list('RefList', v, at, attr, item.kind);
        return;
      case 'assumes':
      case 'contradicts':
      case 'supersedes':
        item[attr.name] = itemRefs(this.list('IdList', v, at, attr, item.kind));
        return;
      case 'same-as':
      case 'negates':
      case 'revises': {
        const ref = this.refs('OneRef', v, at, attr).find(isItemRef);
        if (ref) item[attr.name === 'same-as' ? 'sameAs' : attr.name] = ref;
        return;
      }
      case 'resolved': {
        if (this.reportResolvedInWords(attr)) return;
        const r = this.match('Resolved', v, at, attr);
        if (r?.type === 'resolved') item.resolved = r.date ? { value: r.value, date: r.date } : { value: r.value };
        return;
      }
      case 'source': {
        const ref = this.refs('SourceAttr', v, at, attr)[0];
        if (ref?.type === 'source') item.source = ref;
        return;
      }
      case 'quote': {
        if (this.reportSingleQuoted(attr)) return;
        // A straight quote closed before the end of the value: an inner `"` (escaped or not) ended it.
        const inner = /^"[^"]*"./s.test(v.trimEnd()) ? INNER_QUOTE_HINT : undefined;
        const r = this.match('Quote', v, at, attr, inner);
        if (r?.type === 'quote') item.quote = { text: r.text, span: valueSpan(attr) };
        return;
      }
      case 'bibliography':
        item.bibliography = [...item.bibliography, { path: v, span: valueSpan(attr) }];
        return;
      case 'file':
        item.file = { path: v, span: valueSpan(attr) };
        return;
      case 'origin':
        item.origin = v;
        return;
      default:
        // date, author, url, locator, status, kind: free text, read from `attributes` where needed.
        return;
    }
  }

  /**
   * `likely (70%)` or `70% (likely)`, as ICD 203 products print them: one value is expected, so
   * the error offers each half as the value (a term the scale lacks is then told by invalid-value).
   */
  private reportTermAndPercentage(attr: Attribute): boolean {
    const m = TERM_THEN_PERCENTAGE.exec(attr.value) ?? PERCENTAGE_THEN_TERM.exec(attr.value);
    if (!m) return false;
    const term = m.groups!.term;
    const percentage = m.groups!.percentage.replace(/[ \t]+/g, '');
    const span = valueSpan(attr);
    this.syntax(span, `\`likelihood\`: give the estimative term or the percentage, not both (\`${term}\` or \`${percentage}\`)`, [
      { kind: 'replace', span, text: term, title: `Change to \`${term}\`` },
      { kind: 'replace', span, text: percentage, title: `Change to \`${percentage}\`` },
    ]);
    return true;
  }

  /**
   * `quote: 'a passage'` (or `‘…’`): the quote marks are single, where the language takes double
   * ones. Said so, with a fix that changes the outer marks alone (to curly ones when the passage
   * holds a `"`, which would end a straight quote); a quote over lines gets no fix.
   */
  private reportSingleQuoted(attr: Attribute): boolean {
    const m = SINGLE_QUOTED.exec(attr.value);
    if (!m) return false;
    const inner = m[1]!;
    const span = valueSpan(attr);
    const [open, close] = inner.includes('"') ? ['“', '”'] : ['"', '"'];
    this.syntax(span, '`quote`: a quote is written between double quote marks (`"…"` or `“…”`), not single ones; single quote marks inside it may stay', inner.includes('\n') ? [] : [{ kind: 'replace', span, text: `${open}${inner}${close}`, title: `Change to double quote marks: ${open}…${close}` }]);
    return true;
  }

  /** `resolved: yes` (or `no`, `happened`, …): the grammar's error, with the fix to `true` or `false` the word plainly means. */
  private reportResolvedInWords(attr: Attribute): boolean {
    const m = /^([A-Za-z]+)(?=[ \t\r\n]|$)/.exec(attr.value);
    const word = m?.[1].toLowerCase();
    // `True` is valid, read in any case as the other values are.
    const meant = word !== undefined && word !== 'true' && word !== 'false' ? RESOLVED_WORDS.get(word) : undefined;
    if (!m || meant === undefined) return false;
    const span = { start: attr.valueStart, end: attr.valueStart + m[1].length };
    this.syntax(span, `\`resolved\`: expected \`true\` or \`false\`, optionally with a date (\`true 2025-01\`); found "${m[1]}" (did you mean \`${meant}\`?)`, [{ kind: 'replace', span, text: String(meant), title: `Change to \`${meant}\`` }]);
    return true;
  }

  private match(rule: Rule, text: string, at: number, attr: Attribute, hint?: string): Parsed | undefined {
    const outcome = matchRule(rule, text);
    if (outcome.ok) return outcome.value;
    this.reportMatchFailure(outcome, at, text, `\`${attr.name}\``, hint ?? `expected ${EXPECTED_VALUE[attr.name] ?? 'a value'}`, NAME_RULES.has(rule));
    return undefined;
  }

  /**
   * A list value, unless its last line is the next attribute half-typed (`because: E1, E2`, then
   * `  co` on the way to `confidence:`), which the language reads into the list until its colon
   * comes: then that word is said to be so, and the list before it counts as written.
   */
  private list(rule: 'RefList' | 'IdList', text: string, at: number, attr: Attribute, kind: BlockKind): Ref[] {
    const fast = fastMatch(rule, text);
    if (fast?.type === 'refs') return placed(fast.refs, at);
    const typing = nameBeingTyped(text, kind);
    const unseparated = typing ? undefined : this.refsWithoutCommas(rule, text, at, attr);
    if (unseparated) return unseparated;
    return this.refs(rule, this.beforeNameTyped(rule, attr, kind, 'list') ?? text, at, attr);
  }

  /**
   * The value without its last line when that line is the next attribute half-typed (`  co` on
   * the way to `confidence:`) and the whole does not parse: that word is said to be read into the
   * value, with a fix to each name it may become. Undefined when the value is no such thing.
   */
  private beforeNameTyped(rule: Rule, attr: Attribute, kind: BlockKind, what: 'list' | 'value'): string | undefined {
    const typing = nameBeingTyped(attr.value, kind);
    if (!typing || matchRule(rule, attr.value).ok) return undefined;
    const names = typing.names.map((n) => `\`${n}:\``).join(' or ');
    const start = attr.valueStart + typing.offset;
    const span = { start, end: start + typing.word.length };
    const tail = what === 'list' ? '; a list goes on to the next line only after a comma' : '';
    this.syntax(span, `\`${attr.name}\`: the line \`${typing.word}\` is read as part of this ${what} until its name ends with a colon (${names})${tail}`, nameFixes(typing.names, span));
    return attr.value.slice(0, attr.value.lastIndexOf('\n')).trimEnd();
  }

  /**
   * `because: E1 E2`, `E1; E2`, `E1 and E2` or `E1, E2, and E3`: refs that each parse alone, with
   * something else for commas, or with a comma and more. One error, on the first ref after such a
   * gap, and the refs still count, so the item is not also said to rest on nothing. Not for
   * citations, whose locators hold spaces.
   */
  private refsWithoutCommas(rule: 'RefList' | 'IdList', text: string, at: number, attr: Attribute): Ref[] | undefined {
    if (text.includes('[')) return undefined;
    const words = [...text.matchAll(/[^\s,;]+/g)].filter((w) => !LIST_CONJUNCTIONS.has(w[0].toLowerCase()));
    if (words.length < 2) return undefined;
    const refs: Ref[] = [];
    let wrong: { word: RegExpExecArray; gap: string } | undefined;
    for (let k = 0; k < words.length; k++) {
      const word = words[k];
      const one = fastMatch(rule, word[0]);
      if (one?.type !== 'refs' || one.refs.length !== 1) return undefined;
      refs.push(placed(one.refs, at + word.index!)[0]);
      if (k === 0) continue;
      // What stands between two refs: a comma alone is right; two (`C1,,C2`) are the grammar's to tell.
      const gap = text.slice(words[k - 1].index! + words[k - 1][0].length, word.index);
      const commas = gap.split(',').length - 1;
      if (commas > 1) return undefined;
      if (!wrong && (commas === 0 || /[^\s,]/.test(gap))) wrong = { word, gap };
    }
    if (!wrong) return undefined;
    const { word, gap } = wrong;
    const span = { start: at + word.index!, end: at + word.index! + word[0].length };
    const shown = listShown(words.map((w) => w[0]));
    const extra = gap.replace(/[\s,]+/g, ' ').trim();
    const message = gap.includes(',')
      ? `\`${attr.name}\`: \`${extra}\` before \`${word[0]}\`: refs are separated by commas alone (\`${shown}\`)`
      : `\`${attr.name}\`: expected "," before \`${word[0]}\`: refs are separated by commas (\`${shown}\`)`;
    this.syntax(span, message, [{ kind: 'replace', span: { start: at, end: at + text.length }, text: this.commaSeparated(words, at), title: 'Separate with commas' }]);
    return refs;
  }

  /**
   * The refs with a comma after each but the last, and nothing else between them but the line
   * breaks and comment lines written there: a list over lines stays so, its comments kept.
   */
  private commaSeparated(words: RegExpExecArray[], at: number): string {
    let out = words[0][0];
    for (let k = 1; k < words.length; k++) {
      const from = at + words[k - 1].index! + words[k - 1][0].length;
      out += commaFor(this.text.slice(from, at + words[k].index!)) + words[k][0];
    }
    return out;
  }

  private refs(rule: Rule, text: string, at: number, attr: Attribute): Ref[] {
    const fast = fastMatch(rule, text);
    if (fast?.type === 'refs') return placed(fast.refs, at);
    const r = this.match(rule, text, at, attr);
    if (r?.type === 'refs') return r.refs.map((n) => toRef(n, at));
    // A list with an error (reported once, above) still names what it can: `because: E1, @s,`
    // keeps E1 and @s, so the item is not also said to rest on nothing.
    return rule === 'RefList' || rule === 'IdList' ? refsBetweenCommas(rule, text, at) : [];
  }

  /** `names`: the text is made of IDs or keys, so a character no name takes is said to be the trouble. */
  private reportMatchFailure(outcome: Extract<MatchOutcome, { ok: false }>, at: number, text: string, what: string, hint: string, names = true): void {
    const offset = Math.min(outcome.offset, text.length);
    const stray = names ? strayInName(text, offset) : undefined;
    if (stray) {
      // "expected "]"; found "üller2020]"" would not say that the name itself is the trouble.
      this.syntax({ start: at + offset, end: at + offset + stray.length }, `${what}: "${stray}" cannot be in an item ID or a source key: they take ASCII letters, digits, _ and - (a source key also : . / +)`);
      return;
    }
    const second = what === 'block header' ? undefined : secondAttribute(text, offset);
    if (second) {
      // `because: E1, against: E2`: two attributes written on one line.
      this.syntax({ start: at + second.start, end: at + text.indexOf(':', second.start) + 1 }, `${what}: \`${second.name}:\` starts another attribute; write it on a line of its own`);
      return;
    }
    const found = offset < text.length ? `found "${text.slice(offset).match(/^\S{1,20}/)?.[0] ?? text[offset]}"` : 'found the end of the line';
    const start = at + offset;
    const end = offset < text.length ? start + (text.slice(offset).match(/^\S+/)?.[0].length ?? 1) : start;
    this.syntax({ start: end === start && start > at ? start - 1 : start, end: end === start && start > at ? start : end }, `${what}: expected ${outcome.expected}; ${found} (${hint})`);
  }

  /** Citations `[@key, p. 4]` and item links `[[ID]]` in running text starting at `base`, set on `into`. */
  private scanInline(text: string, base: number, into: { citations: Citation[]; links: ItemRef[] }): void {
    let citations: Citation[] = NONE;
    let links: ItemRef[] = NONE;
    // Made at the first bracket that could open something: most text has none.
    let literal: LiteralBrackets | undefined;
    // The brackets inline text may hold: `[[ID]]`, `[@key, p. 4; @k2]`, `[-@key]`. An escaped
    // bracket or one in a code span is text, as in Markdown: the next `[` is looked at instead.
    // Likewise a `]` escaped or in a code span closes nothing (see closing).
    for (let open = text.indexOf('['); open !== -1; ) {
      const next = text.charCodeAt(open + 1);
      if (next === 0x5b /* [ */) {
        if ((literal ??= new LiteralBrackets(text)).hides(open)) {
          open = text.indexOf('[', open + 1);
          continue;
        }
        const close = closing(text, ']]', open + 2, MAX_LINK, literal);
        const inner = close === -1 ? '' : text.slice(open + 2, close);
        if (close === -1 || inner.includes('\n\n')) {
          this.syntax({ start: base + open, end: base + open + 2 }, 'item link: expected `]]` to close `[[`');
          open = text.indexOf('[', open + 2);
          continue;
        }
        const lead = inner.length - inner.trimStart().length;
        const fast = fastMatch('OneRef', inner.trim());
        const outcome = fast ? undefined : matchRule('OneRef', inner.trim());
        if (fast?.type === 'refs') {
          links = add(links, placed(fast.refs, base + open + 2 + lead)[0] as ItemRef);
        } else if (outcome?.ok && outcome.value.type === 'refs') {
          links = add(links, toRef(outcome.value.refs[0], base + open + 2 + lead) as ItemRef);
        } else if (outcome && !outcome.ok) {
          this.reportMatchFailure(outcome, base + open + 2 + lead, inner.trim(), 'item link', 'expected `[[ID]]` or `[[assessment/ID]]`');
        }
        open = text.indexOf('[', close + 2);
        continue;
      }
      const at = citationOpening(text, open, () => (literal ??= new LiteralBrackets(text)));
      if (at === 0 || (literal ??= new LiteralBrackets(text)).hides(open)) {
        open = text.indexOf('[', open + 1);
        continue;
      }
      const close = closing(text, ']', open, MAX_CITATION, literal);
      if (close === -1) {
        this.syntax({ start: base + open, end: base + open + at + 1 }, 'citation: expected `]` to close `[@`');
        open = text.indexOf('[', open + at + 1);
        continue;
      }
      // The grammar and the fast path read the citation with its literal brackets hidden; the
      // locators and prefixes are then taken back from the text as written.
      const written = text.slice(open, close + 1);
      const cited = literal.masked(written, open);
      const fast = fastMatch('Citation', cited);
      const outcome = fast ? undefined : matchRule('Citation', cited);
      let refs: SourceRef[] | undefined;
      if (fast?.type === 'citation') refs = placed(fast.refs, base + open) as SourceRef[];
      else if (outcome?.ok && outcome.value.type === 'citation') refs = outcome.value.refs.map((r) => toRef(r, base + open) as SourceRef);
      if (refs) {
        if (cited !== written) unmask(refs, cited, written, base + open);
        citations = add(citations, { span: { start: base + open, end: base + close + 1 }, refs });
      } else if (outcome && !outcome.ok) {
        this.reportMatchFailure(outcome, base + open, written, 'citation', 'expected `[@key]` or `[@key, p. 4; @other]`');
      }
      open = text.indexOf('[', close + 1);
    }
    into.citations = citations;
    into.links = links;
  }

  private parseProse(first: number, last: number): Prose {
    const span = { start: this.lines.start[first], end: this.lines.end[last] };
    const text = blankComments(this.text.slice(span.start, span.end));
    const prose: Prose = { text, span, citations: NONE, links: NONE };
    this.scanInline(text, span.start, prose);
    return prose;
  }
}

/** `KEYWORD ID:` in canonical form (the colon the line's first), read in place; anything else is for the grammar. */
function canonicalHeader(text: Source, start: number, colon: number): Header | undefined {
  const kind = keywordAt(text, start, colon);
  if (!kind) return undefined;
  const idStart = skipSpaceOrTab(text, start + kind.length, colon);
  if (idStart === colon || !isLetter(text.charCodeAt(idStart))) return undefined;
  let idEnd = idStart + 1;
  while (idEnd < colon && isIdChar(text.charCodeAt(idEnd))) idEnd++;
  if (skipSpaceOrTab(text, idEnd, colon) !== colon) return undefined;
  return { kind, id: text.slice(idStart, idEnd), keywordSpan: { start, end: start + kind.length }, idSpan: { start: idStart, end: idEnd }, colon };
}

/** Words for whether a judgment came true, as analysts write them in `resolved:`. */
const RESOLVED_WORDS = new Map<string, boolean>([
  ...['yes', 'y', 'happened', 'occurred', 'correct', 'right', 'confirmed'].map((w) => [w, true] as const),
  ...['no', 'n', 'wrong', 'incorrect', 'refuted'].map((w) => [w, false] as const),
]);

/** Words written between refs for a comma (`E1 and E2`): read as one. */
const LIST_CONJUNCTIONS = new Set(['and', 'or']);

/** What replaces the gap between two refs (as written, comments and all): a comma, then its line breaks and comment lines, if it has any. */
function commaFor(gap: string): string {
  const lines = gap.split(/(?<=\n|\r(?!\n))/);
  if (lines.length === 1) return ', ';
  const comments = lines.slice(1, -1).filter((line) => line.trimStart().startsWith('//'));
  return ',' + /(?:\r\n|\r|\n)$/.exec(lines[0])![0] + comments.join('') + /^[ \t]*/.exec(lines[lines.length - 1])![0];
}

/** A list of refs for a message: the first few, when they are many. */
function listShown(refs: string[]): string {
  return refs.length > 6 ? `${refs.slice(0, 5).join(', ')}, …` : refs.join(', ');
}

// A range may carry a % on both numbers (`60%-75%`), as the likelihood grammar takes it.
const PERCENTAGE = String.raw`\d+(?:\.\d+)?(?:[ \t]*%?[ \t]*[-–—][ \t]*\d+(?:\.\d+)?)?[ \t]*%`;
// A term ends in a letter or `-`, never a space: a term that could end in the spaces after it made
// the match try every split of them (seconds on a line of spaces with no bracket).
const TERM = String.raw`[A-Za-z](?:[A-Za-z -]*[A-Za-z-])?`;
/** A likelihood written both ways: `likely (70%)`, `almost certain (95-99%)`, `70% (likely)`. */
const TERM_THEN_PERCENTAGE = new RegExp(String.raw`^(?<term>${TERM})[ \t]*\([ \t]*(?<percentage>${PERCENTAGE})[ \t]*\)$`);
const PERCENTAGE_THEN_TERM = new RegExp(String.raw`^(?<percentage>${PERCENTAGE})[ \t]*\([ \t]*(?<term>${TERM})[ \t]*\)$`);

const EXPECTED_VALUE: Record<string, string> = {
  likelihood: 'an estimative term (e.g. `likely`) or a percentage (`70%`, `60-75%`)',
  confidence: '`low`, `moderate` or `high`',
  because: 'item IDs, `@keys` or `[@key, p. 3]`, separated by commas',
  against: 'item IDs, `@keys` or `[@key, p. 3]`, separated by commas',
  assumes: 'assumption IDs separated by commas',
  contradicts: 'item IDs separated by commas',
  supersedes: 'assessment IDs separated by commas',
  'same-as': 'one item ID, e.g. `C1` or `nie-1998/KJ1`',
  negates: 'one item ID, e.g. `C1` or `nie-1998/KJ1`',
  revises: 'one item ID, e.g. `nie-1998/KJ1`',
  resolved: '`true` or `false`, optionally with a date (`true 2025-01`)',
  source: 'a source key, e.g. `iiss-2024` or `@iiss-2024`',
  quote: 'a double-quoted string',
  credibility: 'a credibility code from `1` to `6`',
  reliability: 'a reliability code from `A` to `F`',
  bibliography: 'a path to a `.bib` or `.json` file',
  file: 'a path to a local copy of the source',
  date: 'a date `YYYY`, `YYYY-MM` or `YYYY-MM-DD`',
  status: '`draft` or `final`',
};

/** A quote between single quote marks, straight or curly, from end to end. */
const SINGLE_QUOTED = /^['‘]([\s\S]*)['’]$/;

/** What a quote whose inner `"` closed it early is told. */
const INNER_QUOTE_HINT =
  'a `"` inside the quote ends it, and a quote has no escapes: write the inner quotation marks as single quotes or curly quotes, which match any quote mark in the source';

/** Longest `[[link]]` and `[@citation]`: an opening bracket without a close this near is unclosed. */
const MAX_LINK = 256;
const MAX_CITATION = 1024;

/**
 * How a `[` at `open` opens a citation: `[@` (1), `[-@` (2), Pandoc's prefixed `[see @key` (1), or
 * not at all (0). The checks ask too: a citation tried but not read is a syntax error, not a
 * claim resting on nothing. `literal` is made only when a prefix must be looked through.
 */
export function citationOpening(text: string, open: number, literal: () => LiteralBrackets): number {
  const next = text.charCodeAt(open + 1);
  if (next === 0x40 /* @ */) return 1;
  if (next === 0x2d /* - */ && text.charCodeAt(open + 2) === 0x40) return 2;
  return prefixedCitation(text, open, literal()) ? 1 : 0;
}

/**
 * Whether the bracket at `open` is a citation with Pandoc's prefix, `[see @key, p. 4]`: before its
 * `]` (with no `[` between) a key starts after white space or `;`, as literal.ts reads it. The
 * prefix may go on over lines, as a wrapped statement does (`[cf.⏎  @key]`). `[see above]` and
 * `[mail a@b.org]` are text.
 */
function prefixedCitation(text: string, open: number, literal: LiteralBrackets): boolean {
  const end = Math.min(text.length, open + MAX_CITATION);
  for (let p = open + 1; p < end; p++) {
    const c = text.charCodeAt(p);
    // A bracket or an `@` that is text only (escaped, in a code span) is part of the prefix.
    if (c === 0x5d /* ] */ || c === 0x5b /* [ */) {
      if (literal.hides(p)) continue;
      return false;
    }
    if (c === 0x40 /* @ */ && !literal.hides(p) && startsKey(text, open, p)) return true;
  }
  return false;
}

/**
 * Where `close` first occurs within `max` characters from `from`, or -1: bounded, so many unclosed
 * brackets stay linear. A `]` that is text only (escaped, or in a code span) closes nothing, as in
 * CommonMark, where a code span binds tighter than brackets, and Pandoc: `[@a, see `x]` here]` is
 * one citation. (A `]` in a code span has its span's backticks before it, so is never the first `]`
 * of a `]]`.)
 */
function closing(text: string, close: ']' | ']]', from: number, max: number, literal: LiteralBrackets): number {
  const last = Math.min(text.length, from + max + close.length) - close.length;
  for (let p = from; p <= last; p++) {
    if (text.charCodeAt(p) === 0x5d && (close.length === 1 || text.charCodeAt(p + 1) === 0x5d) && !literal.hides(p)) return p;
  }
  return -1;
}

/**
 * The locators and prefixes of `refs`, read from `masked` (a citation with its literal brackets
 * hidden, placed at `at`), set to what `original` says there: the same length, so each lies at the
 * same offsets. A locator runs from the comma after its key to the `;` or `]` that ends its cite;
 * a prefix from the `[` or `;` before it to its key's `@` (or `-@`). Trimmed, as the grammar trims.
 */
function unmask(refs: SourceRef[], masked: string, original: string, at: number): void {
  for (const ref of refs) {
    const keyStart = ref.span.start - at;
    const keyEnd = ref.span.end - at;
    if (ref.locator !== undefined) {
      const comma = masked.indexOf(',', keyEnd);
      let end = comma + 1;
      while (end < masked.length && masked[end] !== ';' && masked[end] !== ']') end++;
      ref.locator = original.slice(comma + 1, end).trim();
    }
    if (ref.prefix !== undefined) {
      const end = masked[keyStart - 2] === '-' ? keyStart - 2 : keyStart - 1;
      const start = Math.max(masked.lastIndexOf('[', end - 1), masked.lastIndexOf(';', end - 1)) + 1;
      ref.prefix = original.slice(start, end).trim();
    }
  }
}

/** A reference of the grammar placed at `base`: built field by field, in the grammar's order (a spread is slow). */
function toRef(n: RefNode, base: number): Ref {
  const span = shiftSpan(n.span, base);
  if (n.type === 'item') return n.doc !== undefined ? { type: 'item', doc: n.doc, id: n.id, span } : { type: 'item', id: n.id, span };
  const ref: SourceRef = n.locator !== undefined ? { type: 'source', key: n.key, span, locator: n.locator } : { type: 'source', key: n.key, span };
  if (n.prefix !== undefined) ref.prefix = n.prefix;
  return ref;
}

/**
 * References the fast path read, placed at `base`: its values are fresh, so their spans move in
 * place (the grammar's are memoised and shared: `toRef` copies those).
 */
function placed(refs: RefNode[], base: number): Ref[] {
  for (let i = 0; i < refs.length; i++) {
    refs[i].span.start += base;
    refs[i].span.end += base;
  }
  return refs;
}

function isItemRef(r: Ref): r is ItemRef {
  return r.type === 'item';
}

/** The item references of a list (itself when it holds nothing else, as an ID list does). */
function itemRefs(refs: Ref[]): ItemRef[] {
  return refs.every(isItemRef) ? refs : refs.filter(isItemRef);
}

/** The span [start, end) of `text` without leading and trailing whitespace. */
function trimSpan(text: Source, start: number, end: number): Span {
  const from = firstNonBlank(text, start, end);
  return { start: from, end: trimWhiteSpaceEnd(text, from, end) };
}

/** `end` moved back over the white space after `start`. */
function trimWhiteSpaceEnd(text: Source, start: number, end: number): number {
  while (end > start && isWhiteSpace(text.charCodeAt(end - 1))) end--;
  return end;
}

/** Replace `//` comment lines inside a multi-line value with spaces, keeping offsets. */
function blankComments(s: string): string {
  if (!s.includes('//')) return s;
  return s.replace(/(^|\n)([ \t]*\/\/[^\n]*)/g, (_all, nl: string, c: string) => nl + ' '.repeat(c.length));
}

/** How many double quotes [from, to) holds. */
function countQuotes(text: Source, from: number, to: number): number {
  let n = 0;
  for (let p = from; p < to; p++) if (text.charCodeAt(p) === 0x22) n++;
  return n;
}

/**
 * The character at `offset` when it stands inside a name (an ID or a `@key` goes on before it)
 * and no name may hold it: `ü` in `@Müller2020`, `&` in `@smith&jones`. Undefined for a
 * separator, a space or a bracket, where the name has simply ended.
 */
function strayInName(text: string, offset: number): string | undefined {
  if (offset === 0 || offset >= text.length || !NAME_CHAR.test(text[offset - 1])) return undefined;
  const ch = String.fromCodePoint(text.codePointAt(offset)!);
  return NAME_CHAR.test(ch) || /[\s,;[\]@"“”]/.test(ch) ? undefined : ch;
}

const NAME_CHAR = /^[A-Za-z0-9_\-:./+]$/;
/** The rules of values made of item IDs and source keys. */
const NAME_RULES = new Set<Rule>(['RefList', 'IdList', 'OneRef', 'SourceAttr']);

/**
 * A name Kent knows and its colon, as a word of its own, where a value could not go on at
 * `offset`: the failure is at the colon (`E1, against:`) or at the name (`A1 contradicts:`).
 */
function secondAttribute(text: string, offset: number): { name: string; start: number } | undefined {
  const at = /^([a-z][a-z-]*)[ \t]*:/.exec(text.slice(offset, offset + 40));
  if (at && /^$|[\s,;]$/.test(text.slice(offset - 1, offset)) && KNOWN_NAMES.includes(at[1])) return { name: at[1], start: offset };
  if (text[offset] !== ':') return undefined;
  const word = /(?:^|[\s,;])([a-z][a-z-]*)[ \t]*$/.exec(text.slice(Math.max(0, offset - 40), offset));
  if (!word || !KNOWN_NAMES.includes(word[1])) return undefined;
  return { name: word[1], start: offset - word[0].length + word[0].indexOf(word[1]) };
}
