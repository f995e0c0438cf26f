// `unused-ignore`: a `kent-ignore` that silences nothing, so the analyst would believe a check is
// off, or keeps a suppression the problem it was for has outlived. Not a check run over items:
// it reads what the document's suppressions silenced, which `diagnosticsOf` knows once every
// finding of the document is in (so the editor's incremental path and a full check agree).
import { isWhiteSpace } from '../fastpath';
import type { IgnoreComment, Item, KentDocument } from '../model';
import type { Source } from '../source';
import type { SeveritySetting, Span, Code, FixData } from '../types';
import type { Finding } from './context';

/**
 * The codes Kent decides from a document's own text (and kent.json). What another code reports
 * in a document may stand on other documents or files (a partner elsewhere, a ref's target, a
 * source's file), which a check of some files alone does not read: for those, silencing nothing
 * here is no sign that a suppression is stale.
 */
const DECIDED_BY_THE_DOCUMENT: ReadonlySet<string> = new Set<Code>([
  'syntax',
  'unknown-attribute',
  'missing-attribute',
  'unsupported-claim',
  'missing-likelihood',
  'missing-confidence',
  'vague-estimate',
  'estimative-mismatch',
  'mixed-likelihood-confidence',
  'unindented-attribute',
  'invalid-config', // reported in kent.json, never in a document: a `kent-ignore` of it silences nothing
  'unused-ignore',
]);

const SELF = 'unused-ignore';

/** Whether `unused-ignore` judges a code: one Kent decides from the document's own text. */
export function judgedStale(code: string): boolean {
  return DECIDED_BY_THE_DOCUMENT.has(code) && code !== SELF;
}

/**
 * What the suppressions of one document silenced: how many diagnostics of each code, for the
 * whole file and per block (a hover tells the analyst what a comment keeps quiet).
 */
export class Silenced {
  private readonly inFile = new Map<string, number>();
  private readonly inBlock = new Map<Item, Map<string, number>>();

  /** One diagnostic of `code` silenced by the suppressions of `item` (none: of the file). */
  note(item: Item | undefined, code: string): void {
    let counts = item ? this.inBlock.get(item) : this.inFile;
    if (!counts) this.inBlock.set(item!, (counts = new Map())); // only a block's may be missing
    counts.set(code, (counts.get(code) ?? 0) + 1);
  }

  /** How many diagnostics of `code` the suppressions of `item` (none: of the file) silenced. */
  count(item: Item | undefined, code: string): number {
    return (item ? this.inBlock.get(item) : this.inFile)?.get(code) ?? 0;
  }
}

/** The `unused-ignore` findings of a document, given what its suppressions silenced. */
export function unusedIgnores(doc: KentDocument, rules: Partial<Record<Code, SeveritySetting>>, silenced: Silenced): Finding[] {
  if (rules[SELF] === 'off') return [];
  const out: Finding[] = [];
  /** Report `f` about the comments of `item` (none: of the file) unless an `unused-ignore` suppression keeps it. */
  const report = (f: Finding, item: Item | undefined) => {
    if (item?.ignored.has(SELF)) silenced.note(item, SELF);
    else if (doc.ignoredInFile.has(SELF)) silenced.note(undefined, SELF);
    else out.push(f);
  };
  const stale = (x: IgnoreComment['codes'][number], item: Item | undefined) => judgedStale(x.code) && rules[x.code as Code] !== 'off' && silenced.count(item, x.code) === 0;
  // Whether `unused-ignore` itself kept something quiet is known once the others are told: the
  // blocks' first, which the file's may keep quiet.
  const selfLast: Array<{ file: boolean; tell: () => void }> = [];
  const gaps = new GapAfterComments(doc);
  for (const c of doc.ignoreComments) {
    if (c.stranded) {
      // One inside a block is told there, where that block's suppressions apply.
      report(stranded(doc, c, gaps), c.stranded === 'inside' ? doc.items[firstAfter(doc, c.span.start) - 1] : undefined);
      continue;
    }
    const item = blockOf(doc, c);
    if (!c.file && !item) continue;
    const where = item ? `${item.kind} ${item.id} has` : 'this document has';
    for (let i = 0; i < c.codes.length; i++) {
      const x = c.codes[i];
      if (stale(x, item)) report(staleCode(doc, c, i, `${where} no \`${x.code}\` diagnostic to silence`), item);
      else if (x.code === SELF) {
        const tell = () => {
          if (silenced.count(item, SELF) > 0) return;
          const f = staleCode(doc, c, i, `${where} no stale \`kent-ignore\` code for it to keep quiet`);
          // A block's may be kept quiet by the file's; the file's would only keep itself quiet.
          if (c.file) out.push(f);
          else report(f, undefined);
        };
        selfLast.push({ file: c.file, tell });
      }
    }
  }
  for (const file of [false, true]) for (const s of selfLast) if (s.file === file) s.tell();
  return out;
}

/** The block a `kent-ignore` applies to: none for `kent-ignore-file`, or one that applies to no block. */
export function blockOf(doc: KentDocument, c: IgnoreComment): Item | undefined {
  return c.file || c.stranded ? undefined : doc.items[firstAfter(doc, c.span.end)];
}

/** The index of the first block to start after `offset` (a `kent-ignore` ending there stands before it). */
function firstAfter(doc: KentDocument, offset: number): number {
  let lo = 0;
  let hi = doc.items.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (doc.items[mid].span.start <= offset) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** From the first code to the last: where a comment's codes are written. */
function codesSpan(c: IgnoreComment): Span {
  return { start: c.codes[0].span.start, end: c.codes[c.codes.length - 1].span.end };
}

/** The comment that applies to no block: why, and what to do. */
function stranded(doc: KentDocument, c: IgnoreComment, gaps: GapAfterComments): Finding {
  const name = c.file ? 'kent-ignore-file' : 'kent-ignore';
  const span = codesSpan(c);
  if (c.stranded === 'inside') {
    const where = c.file ? 'move it outside any block (by convention, to the first line)' : "move it to the line just before the block's header";
    return { code: SELF, span, message: `${name} inside a block silences nothing: ${where}` };
  }
  const place = "put it on the line just before the header of the block it is for, or remove it";
  if (c.stranded === 'heading') return { code: SELF, span, message: `kent-ignore applies to no block: a heading comes after it, before any block; ${place}` };
  if (c.stranded === 'prose') return { code: SELF, span, message: `kent-ignore applies to no block: a line of prose comes after it, before any block; ${place}` };
  const gap = gaps.after(c.span.end);
  if (!gap) return { code: SELF, span, message: `kent-ignore applies to no block: nothing follows it in the file; ${place}` };
  const next = doc.items[firstAfter(doc, c.span.end)];
  if (next?.span.start !== gap.end) return { code: SELF, span, message: `kent-ignore applies to no block: a blank line follows it, and a blank line cancels it; ${place}` };
  const lines = doc.source.slice(gap.start, gap.end).split('\n').length - 1;
  const fix: FixData = { kind: 'replace', span: gap, text: '', title: `Remove the blank line${lines > 1 ? 's' : ''} between this comment and ${next.id}` };
  return { code: SELF, span, message: `kent-ignore applies to no block: the blank line between it and ${next.kind} ${next.id} cancels it; remove the blank line (or the comment)`, fixes: [fix] };
}

/**
 * The blank lines after the comment lines from an offset on: from the start of the first to the
 * start of the line after the last; none when only blank space follows, to the end of the file.
 * Every comment of a run of comment lines has the same gap after it: the last run's is kept, so
 * a run of 100,000 stranded comments is walked once, not once from each.
 */
class GapAfterComments {
  private from = -1;
  /** Where the last run walked ends: the start of the line after its comment lines (0: the file ended). */
  private runEnd = -1;
  private gap: Span | undefined;

  constructor(private readonly doc: KentDocument) {}

  after(offset: number): Span | undefined {
    if (offset >= this.from && (offset < this.runEnd || this.runEnd === 0)) return this.gap;
    const text = this.doc.source;
    let line = text.indexOf('\n', offset) + 1;
    while (line > 0 && isCommentLine(text, line)) line = text.indexOf('\n', line) + 1;
    [this.from, this.runEnd, this.gap] = [offset, line, line === 0 ? undefined : blankLinesFrom(text, line)];
    return this.gap;
  }
}

/** The blank lines from `line` on, to the start of the line after the last; none when they run to the end of the file. */
function blankLinesFrom(text: Source, line: number): Span | undefined {
  let end = line;
  for (let p = line; p < text.length; p++) {
    const ch = text.charCodeAt(p);
    if (ch === 0x0a) end = p + 1;
    else if (!isWhiteSpace(ch)) return { start: line, end };
  }
  return undefined;
}

function isCommentLine(text: Source, start: number): boolean {
  let p = start;
  while (p < text.length && (text.charCodeAt(p) === 0x20 || text.charCodeAt(p) === 0x09)) p++;
  return text.charCodeAt(p) === 0x2f && text.charCodeAt(p + 1) === 0x2f;
}

/**
 * The code `i` of a comment, which silenced nothing, with the fix that takes it out of its comment
 * (the comment with it, when it is the only one). By index: a comment may name thousands.
 */
function staleCode(doc: KentDocument, c: IgnoreComment, i: number, why: string): Finding {
  const name = c.file ? 'kent-ignore-file' : 'kent-ignore';
  const x = c.codes[i];
  let fix: FixData;
  if (c.codes.length === 1) {
    const nl = doc.source.indexOf('\n', c.span.end);
    fix = { kind: 'replace', span: { start: c.span.start, end: nl === -1 ? c.span.end : nl + 1 }, text: '', title: `Remove this ${name} comment` };
  } else {
    // With the comma after it, or (the last code) before it.
    const span = i < c.codes.length - 1 ? { start: x.span.start, end: c.codes[i + 1].span.start } : { start: c.codes[i - 1].span.end, end: x.span.end };
    fix = { kind: 'replace', span, text: '', title: `Remove \`${x.code}\` from this ${name}` };
  }
  return { code: SELF, span: { ...x.span }, message: `${name} ${x.code}: ${why}; remove it from the comment`, fixes: [fix] };
}
