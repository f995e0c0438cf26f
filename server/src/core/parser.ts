// Kent's parser. A line scan splits the document into blocks, headings, comments and prose
// (cheap and exact: blocks start at column 0 and end at a blank line); the structured pieces
// of each block go through the Ohm grammar one small value at a time. It never throws: a
// broken line yields a `syntax` diagnostic and every other block is still parsed.
import { ALLOWED_ATTRIBUTES, KNOWN_ATTRIBUTES, REPEATABLE } from './attributes';
import { matchRule, type MatchOutcome, type Parsed, type RefNode, type Rule } from './grammar';
import { changeBetween, type Change, type Touched } from './change';
import type { Attribute, BlockKind, Citation, Heading, Item, ItemRef, KentDocument, Prose, Ref, SourceRef } from './model';
import { textOf, type Source } from './source';
import type { KentDiagnostic, Span } from './types';

interface Line {
  start: number;
  /** End of content, before any `\r\n`. */
  end: number;
  text: string;
  /** Where in `text` its first non-blank character is. */
  lead: number;
}

const HEADER_START = /^(assessment|judgment|claim|assumption|evidence|source)[ \t]+\S/;
const HEADER_WITH_COLON = /^(assessment|judgment|claim|assumption|evidence|source)[ \t]+[^\s:]*[ \t]*:/;
const HEADING = /^(#{1,6})[ \t]+(.*)$/;
const ATTRIBUTE = /^([ \t]+)([A-Za-z][\w-]*)[ \t]*:(?=[ \t]|$)/;
const IGNORE = /^\s*\/\/\s*kent-ignore(-file)?\b[ \t]*([^:]*)(?::(.*))?$/;
/** The brackets inline text may hold: `[[ID]]`, `[@key, p. 4; @k2]`, `[-@key]`. */
const INLINE_OPEN = /\[\[|\[-?@/g;

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
/** Chunks by their text, from the changed part of edited documents: undoing an edit re-parses nothing. */
const chunkCache = new Map<string, Chunk>();
const CHUNK_CACHE_LIMIT = 10_000;
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
    attributes: item.attributes.map((a) => ({ name: a.name, nameSpan: shiftSpan(a.nameSpan, delta), value: a.value, valueSpan: shiftSpan(a.valueSpan, delta), span: shiftSpan(a.span, delta), allowed: a.allowed })),
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
  return { ...d, path, span: shiftSpan(d.span, delta) };
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
  };
}

/**
 * Move a movable chunk by `delta` in place: every offset it holds, no object allocated (indexed
 * loops and no array literals: this runs over every block after an edit, on every keystroke).
 */
function moveChunk(c: Chunk, delta: number): Chunk {
  c.start += delta;
  c.end += delta;
  const { items, headings, prose, diagnostics } = c;
  for (let i = 0; i < items.length; i++) moveItem(items[i], delta);
  for (let i = 0; i < headings.length; i++) moveSpan(headings[i].span, delta);
  for (let i = 0; i < prose.length; i++) {
    const p = prose[i];
    moveSpan(p.span, delta);
    moveCitations(p.citations, delta);
    moveRefs(p.links, delta);
  }
  for (let i = 0; i < diagnostics.length; i++) moveSpan(diagnostics[i].span, delta);
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
    moveSpan(a.nameSpan, delta);
    moveSpan(a.valueSpan, delta);
    moveSpan(a.span, delta);
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
const MAX_SYNTAX = 500;

/** Whether a UTF-16 unit is one `String.prototype.trim` removes. */
function isTrimmed(c: number): boolean {
  return (c >= 9 && c <= 13) || c === 32 || c === 0xa0 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) || c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x3000 || c === 0xfeff;
}

/** Where the first character that is not white space lies in [start, end), or `end`. */
function firstNonBlank(text: Source, start: number, end: number): number {
  while (start < end && isTrimmed(text.charCodeAt(start))) start++;
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

const some = <T>(list: T[]): T[] => (list.length ? list : NONE);

const isComment = (l: Line) => l.text.charCodeAt(l.lead) === 0x2f && l.text.charCodeAt(l.lead + 1) === 0x2f;
const isIndented = (l: Line) => l.text.length > 0 && (l.text[0] === ' ' || l.text[0] === '\t');

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
  let run: Line[] = [];
  const flush = () => {
    if (run.length) chunks.push(cached ? cachedChunk(path, text, run) : new ChunkParser(path, text, run).run());
    run = [];
  };
  for (let start = from; start <= text.length && start < until; ) {
    let nl = text.indexOf('\n', start);
    if (nl === -1) nl = text.length;
    const end = nl > start && text.charCodeAt(nl - 1) === 13 ? nl - 1 : nl;
    const lead = firstNonBlank(text, start, end);
    if (lead === end) flush();
    else run.push({ start, end, text: text.slice(start, end), lead: lead - start });
    start = nl + 1;
  }
  flush();
  return chunks;
}

function cachedChunk(path: string, text: Source, lines: Line[]): Chunk {
  const start = lines[0].start;
  const key = chunkKey(text, start, lines[lines.length - 1].end);
  const hit = chunkCache.get(key);
  if (hit) return shiftChunk(hit, start - hit.start, path);
  const chunk = new ChunkParser(path, text, lines).run();
  remember(key, chunk);
  return chunk;
}

/** A chunk's text as a key of its own: a slice would keep the whole text it came from alive. */
function chunkKey(text: Source, start: number, end: number): string {
  return '\u0000' + text.slice(start, end);
}

function remember(key: string, chunk: Chunk): void {
  if (chunkCache.size >= CHUNK_CACHE_LIMIT) chunkCache.clear();
  chunkCache.set(key, chunk);
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
    assessment: undefined, items: gather(chunks, (c) => c.items), headings: gather(chunks, (c) => c.headings), prose: gather(chunks, (c) => c.prose), ignoredInFile: new Set(), parseDiagnostics: gather(chunks, (c) => c.diagnostics) };
  for (let i = 0; i < chunks.length; i++) if (chunks[i].fileIgnores.length) for (const code of chunks[i].fileIgnores) doc.ignoredInFile.add(code);
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

/** Parses the lines of one chunk. */
class ChunkParser {
  private readonly diagnostics: KentDiagnostic[] = [];
  private readonly items: Item[] = [];
  private readonly headings: Heading[] = [];
  private readonly prose: Prose[] = [];
  private readonly fileIgnores: string[] = [];

  constructor(
    private readonly path: string,
    private readonly text: Source,
    private readonly lines: Line[],
  ) {}

  run(): Chunk {
    const lines = this.lines;
    let pendingIgnores: string[] = [];
    let paragraph: Line[] = [];
    const endParagraph = () => {
      if (paragraph.length) this.prose.push(this.parseProse(paragraph));
      paragraph = [];
    };
    let i = 0;
    while (i < lines.length) {
      const line = lines[i];
      if (isComment(line)) {
        pendingIgnores.push(...this.readIgnoreComment(line));
        i++;
        continue;
      }
      if (!isIndented(line)) {
        const heading = HEADING.exec(line.text);
        if (heading) {
          endParagraph();
          this.headings.push({ level: heading[1].length, text: heading[2].trim(), span: { start: line.start, end: line.end } });
          i++;
          continue;
        }
        if (this.isBlockHeader(i)) {
          endParagraph();
          i = this.parseBlock(i, pendingIgnores.length ? new Set(pendingIgnores) : NO_CODES);
          pendingIgnores = [];
          continue;
        }
      } else if (paragraph.length === 0) {
        this.reportOrphanAttribute(line);
      }
      paragraph.push(line);
      i++;
    }
    endParagraph();
    return { start: lines[0].start, end: lines[lines.length - 1].end, items: some(this.items), headings: some(this.headings), prose: some(this.prose), diagnostics: some(this.diagnostics), fileIgnores: some(this.fileIgnores) };
  }

  private syntax(span: Span, message: string): void {
    this.diagnostics.push({ path: this.path, span, severity: 'error', code: 'syntax', message });
  }

  /** A line at column 0 is a block header when it reads `KEYWORD ID:` or is followed by indented lines. */
  private isBlockHeader(i: number): boolean {
    const text = this.lines[i].text;
    if (HEADER_WITH_COLON.test(text)) return true;
    if (!HEADER_START.test(text)) return false;
    const next = this.lines[i + 1];
    return next !== undefined && isIndented(next);
  }

  /** `// kent-ignore CODE, CODE: reason` returns its codes; `kent-ignore-file` records them for the document. */
  private readIgnoreComment(line: Line): string[] {
    const m = IGNORE.exec(line.text);
    if (!m) return [];
    const codes = m[2]
      .split(',')
      .map((c) => c.trim())
      .filter(Boolean);
    if (codes.length === 0) {
      this.syntax({ start: line.start, end: line.end }, 'kent-ignore: expected one or more diagnostic codes, then `: reason`');
    }
    if (m[1]) {
      for (const c of codes) this.fileIgnores.push(c);
      return [];
    }
    return codes;
  }

  /** An attribute line after a blank line belongs to no block: a common slip worth saying so. */
  private reportOrphanAttribute(line: Line): void {
    const m = ATTRIBUTE.exec(line.text);
    if (m && KNOWN_ATTRIBUTES.has(m[2])) {
      const start = line.start + m[1].length;
      this.syntax(
        { start, end: start + m[2].length },
        `\`${m[2]}:\` is outside any block: a blank line ends a block, so this attribute belongs to nothing. Remove the blank line above it.`,
      );
    }
  }

  /** Parse the block starting at line `i`; returns the index of the first line after it. */
  private parseBlock(first: number, ignored: Set<string>): number {
    const lines = this.lines;
    let last = first;
    const body: Line[] = [];
    for (let j = first + 1; j < lines.length; j++) {
      const l = lines[j];
      if (isComment(l)) {
        last = j;
        continue;
      }
      if (!isIndented(l)) break;
      body.push(l);
      last = j;
    }
    blockParses++;
    const item = this.parseHeaderAndBody(lines[first], body, ignored);
    if (item) {
      item.span = { start: lines[first].start, end: lines[last].end };
      this.items.push(item);
    }
    return last + 1;
  }

  private parseHeaderAndBody(header: Line, body: Line[], ignored: Set<string>): Item | undefined {
    const colon = header.text.indexOf(':');
    const prefix = colon === -1 ? header.text.trimEnd() : header.text.slice(0, colon + 1);
    const outcome = matchRule('Header', prefix);
    if (!outcome.ok) {
      this.reportMatchFailure(outcome, header.start, prefix, 'block header', 'expected `KEYWORD ID: statement`');
      return undefined;
    }
    const h = outcome.value as Extract<Parsed, { type: 'header' }>;
    const kind = h.keyword as BlockKind;
    const textStart = header.start + h.colon + 1;
    // Statement: the rest of the header line plus indented lines before the first attribute.
    let firstAttr = body.findIndex((l) => {
      const m = ATTRIBUTE.exec(l.text);
      return m !== null && KNOWN_ATTRIBUTES.has(m[2]);
    });
    if (firstAttr === -1) firstAttr = body.length;
    const statementEnd = firstAttr > 0 ? body[firstAttr - 1].end : header.end;
    const statementSpan = trimSpan(this.text, textStart, statementEnd);
    const statement = blankComments(this.text.slice(statementSpan.start, statementSpan.end));
    const item: Item = {
      kind,
      id: h.id,
      idSpan: shift(h.idSpan, header.start),
      keywordSpan: shift(h.keywordSpan, header.start),
      statement,
      statementSpan,
      span: { start: header.start, end: header.end },
      attributes: [],
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
    const inline = this.scanInline(statement, statementSpan.start);
    item.citations = inline.citations;
    item.links = inline.links;
    for (const attr of this.readAttributes(kind, body.slice(firstAttr))) {
      item.attributes.push(attr);
      if (attr.allowed) this.applyAttribute(item, attr);
    }
    return item;
  }

  /** Group attribute lines with their continuation lines. */
  private readAttributes(kind: BlockKind, lines: Line[]): Attribute[] {
    const attrs: Attribute[] = [];
    const seen = new Set<string>();
    for (const line of lines) {
      const m = ATTRIBUTE.exec(line.text);
      const prev = attrs[attrs.length - 1];
      const insideQuote = prev?.name === 'quote' && countQuotes(this.text.slice(prev.valueSpan.start, line.start)) % 2 === 1;
      if (!m || insideQuote) {
        if (prev) {
          // Continuation of the previous attribute's value.
          prev.valueSpan = trimSpan(this.text, prev.valueSpan.start, line.end);
          prev.value = blankComments(this.text.slice(prev.valueSpan.start, prev.valueSpan.end));
          prev.span.end = line.end;
        }
        continue;
      }
      const nameStart = line.start + m[1].length;
      const name = m[2];
      const attr: Attribute = {
        name,
        nameSpan: { start: nameStart, end: nameStart + name.length },
        value: '',
        valueSpan: trimSpan(this.text, line.start + m[0].length, line.end),
        span: { start: nameStart, end: line.end },
        allowed: ALLOWED_ATTRIBUTES[kind].includes(name),
      };
      attr.value = this.text.slice(attr.valueSpan.start, attr.valueSpan.end);
      if (attr.allowed && seen.has(name) && !REPEATABLE.has(name)) {
        this.syntax(attr.nameSpan, `\`${name}\` is given twice in this ${kind}; expected it once (the first one counts)`);
        attr.allowed = false;
      }
      seen.add(name);
      attrs.push(attr);
    }
    return attrs;
  }

  /** Parse an attribute's value into the item's typed fields; syntax errors are reported. */
  private applyAttribute(item: Item, attr: Attribute): void {
    const v = attr.value;
    const at = attr.valueSpan.start;
    const span = attr.valueSpan;
    if (v.trim() === '') {
      this.syntax(attr.nameSpan, `\`${attr.name}\` has no value; expected ${EXPECTED_VALUE[attr.name] ?? 'a value'}`);
      return;
    }
    switch (attr.name) {
      case 'likelihood': {
        const r = this.match('Likelihood', v, at, attr);
        if (r?.type === 'likelihood') item.likelihood = { text: r.text, span, ...(r.percent ? { percent: r.percent } : {}) };
        return;
      }
      case 'confidence':
        item.confidence = { value: v, span };
        return;
      case 'credibility':
        item.credibility = { value: v, span };
        return;
      case 'reliability':
        item.reliability = { value: v, span };
        return;
      case 'because':
      case 'against':
        item[attr.name] = this.refs('RefList', v, at, attr);
        return;
      case 'assumes':
      case 'contradicts':
      case 'supersedes':
        item[attr.name] = this.refs('IdList', v, at, attr).filter(isItemRef);
        return;
      case 'same-as':
      case 'negates':
      case 'revises': {
        const ref = this.refs('OneRef', v, at, attr).find(isItemRef);
        if (ref) item[attr.name === 'same-as' ? 'sameAs' : attr.name] = ref;
        return;
      }
      case 'resolved': {
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
        const r = this.match('Quote', v, at, attr);
        if (r?.type === 'quote') item.quote = { text: r.text, span };
        return;
      }
      case 'bibliography':
        item.bibliography = [...item.bibliography, { path: v, span }];
        return;
      case 'file':
        item.file = { path: v, span };
        return;
      case 'origin':
        item.origin = v;
        return;
      default:
        // date, author, url, locator, status, kind: free text, read from `attributes` where needed.
        return;
    }
  }

  private match(rule: Rule, text: string, at: number, attr: Attribute): Parsed | undefined {
    const outcome = matchRule(rule, text);
    if (outcome.ok) return outcome.value;
    this.reportMatchFailure(outcome, at, text, `\`${attr.name}\``, `expected ${EXPECTED_VALUE[attr.name] ?? 'a value'}`);
    return undefined;
  }

  private refs(rule: Rule, text: string, at: number, attr: Attribute): Ref[] {
    const r = this.match(rule, text, at, attr);
    return r?.type === 'refs' ? r.refs.map((n) => toRef(n, at)) : [];
  }

  private reportMatchFailure(outcome: Extract<MatchOutcome, { ok: false }>, at: number, text: string, what: string, hint: string): void {
    const offset = Math.min(outcome.offset, text.length);
    const found = offset < text.length ? `found "${text.slice(offset).match(/^\S{1,20}/)?.[0] ?? text[offset]}"` : 'found the end of the line';
    const start = at + offset;
    const end = offset < text.length ? start + (text.slice(offset).match(/^\S+/)?.[0].length ?? 1) : start;
    this.syntax({ start: end === start && start > at ? start - 1 : start, end: end === start && start > at ? start : end }, `${what}: expected ${outcome.expected}; ${found} (${hint})`);
  }

  /** Citations `[@key, p. 4]` and item links `[[ID]]` in running text starting at `base`. */
  private scanInline(text: string, base: number): { citations: Citation[]; links: ItemRef[] } {
    const citations: Citation[] = [];
    const links: ItemRef[] = [];
    INLINE_OPEN.lastIndex = 0;
    for (let m = INLINE_OPEN.exec(text); m; m = INLINE_OPEN.exec(text)) {
      const open = m.index;
      if (m[0] === '[[') {
        const close = closing(text, ']]', open + 2, MAX_LINK);
        const inner = close === -1 ? '' : text.slice(open + 2, close);
        if (close === -1 || inner.includes('\n\n')) {
          this.syntax({ start: base + open, end: base + open + 2 }, 'item link: expected `]]` to close `[[`');
          continue;
        }
        const lead = inner.length - inner.trimStart().length;
        const outcome = matchRule('OneRef', inner.trim());
        if (outcome.ok && outcome.value.type === 'refs') {
          links.push(toRef(outcome.value.refs[0], base + open + 2 + lead) as ItemRef);
        } else if (!outcome.ok) {
          this.reportMatchFailure(outcome, base + open + 2 + lead, inner.trim(), 'item link', 'expected `[[ID]]` or `[[assessment/ID]]`');
        }
        INLINE_OPEN.lastIndex = close + 2;
        continue;
      }
      const close = closing(text, ']', open, MAX_CITATION);
      if (close === -1) {
        this.syntax({ start: base + open, end: base + open + m[0].length }, 'citation: expected `]` to close `[@`');
        continue;
      }
      const outcome = matchRule('Citation', text.slice(open, close + 1));
      if (outcome.ok && outcome.value.type === 'citation') {
        citations.push({
          span: { start: base + open, end: base + close + 1 },
          refs: outcome.value.refs.map((r) => toRef(r, base + open) as SourceRef),
        });
      } else if (!outcome.ok) {
        this.reportMatchFailure(outcome, base + open, text.slice(open, close + 1), 'citation', 'expected `[@key]` or `[@key, p. 4; @other]`');
      }
      INLINE_OPEN.lastIndex = close + 1;
    }
    return { citations: some(citations), links: some(links) };
  }

  private parseProse(lines: Line[]): Prose {
    const span = { start: lines[0].start, end: lines[lines.length - 1].end };
    const text = blankComments(this.text.slice(span.start, span.end));
    return { text, span, ...this.scanInline(text, span.start) };
  }
}

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
};

/** Longest `[[link]]` and `[@citation]`: an opening bracket without a close this near is unclosed. */
const MAX_LINK = 256;
const MAX_CITATION = 1024;

/** Where `close` first occurs within `max` characters from `from`, or -1: bounded, so many unclosed brackets stay linear. */
function closing(text: string, close: string, from: number, max: number): number {
  const at = text.slice(from, from + max + close.length).indexOf(close);
  return at === -1 ? -1 : from + at;
}

function toRef(n: RefNode, base: number): Ref {
  return { ...n, span: shift(n.span, base) } as Ref;
}

function isItemRef(r: Ref): r is ItemRef {
  return r.type === 'item';
}

function shift(s: { start: number; end: number }, by: number): Span {
  return { start: s.start + by, end: s.end + by };
}

/** The span [start, end) of `text` without leading and trailing whitespace. */
function trimSpan(text: Source, start: number, end: number): Span {
  while (start < end && isTrimmed(text.charCodeAt(start))) start++;
  while (end > start && isTrimmed(text.charCodeAt(end - 1))) end--;
  return { start, end };
}

/** Replace `//` comment lines inside a multi-line value with spaces, keeping offsets. */
function blankComments(s: string): string {
  if (!s.includes('//')) return s;
  return s.replace(/(^|\n)([ \t]*\/\/[^\n]*)/g, (_all, nl: string, c: string) => nl + ' '.repeat(c.length));
}

function countQuotes(s: string): number {
  let n = 0;
  for (const ch of s) if (ch === '"') n++;
  return n;
}
