// What both report formats (HTML and Markdown) say, independent of markup: the document's
// metadata, its key judgments in words and numbers, the order of its headings, prose and
// items, and running text split into plain text, citations and item links.
import { CONFIDENCE_LEVELS, STATUSES, canonicalValue, isValidDate } from '../attributes';
import { declaredInterval, resolvedBeforeWritten } from '../estimate';
import { formatInterval, type ScaleName } from '../estimative';
import type { BlockKind, Citation, Heading, Item, ItemRef, KentDocument, Prose, Ref, SourceRef } from '../model';
import type { KentDiagnostic, Span } from '../types';
import type { LocatedItem, Workspace } from '../workspace';
import { flat } from './escape';
import { codeSpans } from '../literal';
import { mapEstimate, type MapEstimate } from './graph';

export interface Meta {
  title: string;
  id?: string;
  date?: string;
  author?: string;
  status?: string;
  supersedes: string[];
  path: string;
  /** The date when it is no date (`2024-02-30`): shown as written, marked as not understood. */
  unreadDate?: UnreadValue;
}

export function metaOf(doc: KentDocument): Meta {
  const a = doc.assessment;
  const attr = (name: string) => {
    const v = a?.attributes.find((x) => x.allowed && x.name === name)?.value;
    return v ? flat(v) || undefined : undefined;
  };
  return {
    title: a ? flat(a.statement) || a.id : doc.path,
    ...(a ? { id: a.id } : {}),
    ...(attr('date') ? { date: attr('date') } : {}),
    ...(attr('author') ? { author: attr('author') } : {}),
    ...(attr('status') ? { status: canonicalValue(attr('status')!, STATUSES) } : {}),
    supersedes: a ? a.supersedes.map((r) => r.id) : [],
    path: doc.path,
    ...unreadDateOf(a),
  };
}

/** The assessment's `date:` when invalid-value finds it no date: the report marks it rather than state it. */
function unreadDateOf(a: Item | undefined): { unreadDate?: UnreadValue } {
  const d = a?.attributes.find((x) => x.allowed && x.name === 'date');
  return d && flat(d.value) && !isValidDate(d.value) ? { unreadDate: { text: flat(d.value), span: { start: d.start, end: d.end } } } : {};
}

export interface KeyJudgment {
  item: Item;
  estimate?: MapEstimate;
  /** Likelihood in words: the term as written, or the scale's term for a percentage. */
  words: string;
  /** Likelihood in numbers: "55–80%", "70%". */
  numbers: string;
  confidence?: string;
  /** Values written but not understood: shown as written, not as "not stated". */
  unread: UnreadValues;
}

export function keyJudgments(ws: Workspace, doc: KentDocument): KeyJudgment[] {
  const out: KeyJudgment[] = [];
  const seen = new Set<string>();
  for (const item of doc.items) {
    if (item.kind !== 'judgment' || seen.has(item.id)) continue;
    seen.add(item.id);
    const unread = unreadValues(item, ws.config.scale);
    const e = reportEstimate({ doc, item }, ws.config.scale, unread);
    const confidence = validConfidence(item);
    out.push({
      item,
      ...(e ? { estimate: e } : {}),
      words: estimateWords(e),
      numbers: e ? formatInterval(e) : '—',
      ...(confidence ? { confidence } : {}),
      unread,
    });
  }
  return out;
}

/** A value the analyst wrote that Kent did not understand (`likelihood: fairly likely`), as written. */
export interface UnreadValue {
  text: string;
  /** The attribute's lines: the diagnostics that say why lie in it. */
  span: Span;
}

export interface UnreadValues {
  likelihood?: UnreadValue;
  confidence?: UnreadValue;
  /** `resolved: TRUE` (the whole value), or a date the calendar lacks (`true 2024-02-30`: the date alone, the outcome being read). */
  resolved?: UnreadValue;
}

/**
 * The item's likelihood, confidence and resolution when written but not understood (a syntax
 * error or invalid-value): a report that showed them as "not stated" would misstate the text.
 */
export function unreadValues(item: Item, scale: ScaleName): UnreadValues {
  const written = (name: string): UnreadValue | undefined => {
    const a = item.attributes.find((x) => x.allowed && x.name === name);
    return a && flat(a.value) ? { text: flat(a.value), span: { start: a.start, end: a.end } } : undefined;
  };
  const out: UnreadValues = {};
  const likelihood = written('likelihood');
  if (likelihood && !declaredInterval(item, scale)) out.likelihood = likelihood;
  const confidence = written('confidence');
  if (confidence && !validConfidence(item)) out.confidence = confidence;
  const resolved = written('resolved');
  if (resolved && !item.resolved) out.resolved = resolved;
  else if (resolved && item.resolved?.date !== undefined && !isValidDate(item.resolved.date)) out.resolved = { ...resolved, text: item.resolved.date };
  return out;
}

/** The estimate a report shows: none when the likelihood written was not understood (not one read from the statement instead). */
export function reportEstimate(at: LocatedItem, scale: ScaleName, unread: UnreadValues): MapEstimate | undefined {
  return unread.likelihood ? undefined : mapEstimate(at, scale);
}

/** A judgment resolved before its assessment's date, and the annex row of the error that says so. */
export interface EarlyOutcome {
  /** The assessment's date. */
  written: string;
  diag?: number;
}

/**
 * Whether the judgment's outcome was known before its assessment was dated: no forecast, so
 * calibration leaves it out. A report that showed "came true" alone would read as a forecast borne out.
 */
export function earlyOutcome(doc: KentDocument, item: Item, diags: readonly KentDiagnostic[]): EarlyOutcome | undefined {
  const written = resolvedBeforeWritten(doc, item);
  if (!written) return undefined;
  const a = item.attributes.find((x) => x.allowed && x.name === 'resolved');
  const diag = a ? diagnosticIn(diags, { start: a.start, end: a.end }) : undefined;
  return { written, ...(diag !== undefined ? { diag } : {}) };
}

/** The first diagnostic (of the annex's list) inside a value: what a mark of the value links to. */
export function diagnosticIn(diags: readonly KentDiagnostic[], span: Span): number | undefined {
  const i = diags.findIndex((d) => d.span.start >= span.start && d.span.start <= span.end);
  return i === -1 ? undefined : i;
}

export function estimateWords(e: MapEstimate | undefined): string {
  if (!e) return 'not stated';
  if (e.from === 'fact') return 'stated as fact';
  // A percentage shows as the term it falls within: the percentage itself is shown beside it, as every interval is.
  if (/%/.test(e.label)) return e.words ?? 'stated as a percentage';
  return e.label;
}

/**
 * Lines Kent could not read as a block, prose or heading: a block whose header does not parse
 * (`judgment : text`, `claim C1 text`, a bad ID) is in neither the items nor the prose, so it
 * would vanish from the report. It stands where it was, as written, with its errors.
 */
export interface Unparsed {
  /** From the start of its first line to the end of its last (comment lines left out of `text`). */
  span: Span;
  /** Its lines as written, without comment lines. */
  text: string;
  /** Its first line, 1-based: its anchor in the report (`line-N`). */
  line: number;
  /** The block keyword its first line starts with (`judgment`), if any. */
  keyword?: BlockKind;
}

export type Piece = { kind: 'heading'; heading: Heading } | { kind: 'prose'; prose: Prose } | { kind: 'item'; item: Item } | { kind: 'unparsed'; unparsed: Unparsed };

/**
 * Headings, prose and blocks in document order: not the assessment, nor sources (the report lists
 * them at its end), nor a heading with nothing left under it (a "Sources" section of only sources).
 * Text that is none of these (a block whose header does not parse) is there too, as written, and
 * so is a block that repeats an ID or a second `assessment` block (see `secondBlockNote`).
 */
export function flow(doc: KentDocument): Piece[] {
  const pieces: Array<Piece & { at: number }> = [
    ...doc.headings.map((heading) => ({ kind: 'heading' as const, heading, at: heading.span.start })),
    ...doc.prose.map((prose) => ({ kind: 'prose' as const, prose, at: prose.span.start })),
    ...doc.items.filter((i) => i !== doc.assessment && i.kind !== 'source').map((item) => ({ kind: 'item' as const, item, at: item.span.start })),
    ...unparsedBlocks(doc).map((unparsed) => ({ kind: 'unparsed' as const, unparsed, at: unparsed.span.start })),
  ].sort((a, b) => a.at - b.at);
  return pieces.filter((p, i) => p.kind !== 'heading' || holdsSomething(pieces, i));
}

/**
 * Why a block of the flow is not the one its ID names, if it is not (`first` is the block
 * references reach): a duplicate ID, or an `assessment` block after the first. It is shown where
 * it stands, without the anchor links go to.
 */
export function secondBlockNote(doc: KentDocument, item: Item, first: Item | undefined): string | undefined {
  if (item.kind === 'assessment') return `another assessment block: only the first, ${doc.assessment?.id ?? 'none'}, names this document`;
  return first === item ? undefined : `a second block with the ID ${item.id}: references reach the first`;
}

/** The blocks of the flow that begin with `judgment` but could not be read: absent from the key judgments. */
export function unreadJudgments(pieces: readonly Piece[]): Unparsed[] {
  return pieces.flatMap((p) => (p.kind === 'unparsed' && p.unparsed.keyword === 'judgment' ? [p.unparsed] : []));
}

const KEYWORDS: readonly BlockKind[] = ['assessment', 'judgment', 'claim', 'assumption', 'evidence', 'source'];

/**
 * The runs of lines no block, paragraph or heading of the document covers, blank lines and
 * comments aside: each starts at a line at column 0 and runs on over the indented lines under it,
 * as a block does.
 */
export function unparsedBlocks(doc: KentDocument): Unparsed[] {
  const text = doc.text;
  const covered = [...doc.items.map((i) => i.span), ...doc.prose.map((p) => p.span), ...doc.headings.map((h) => h.span)].sort((a, b) => a.start - b.start);
  const out: Unparsed[] = [];
  let open: { start: number; end: number; line: number; lines: string[] } | undefined;
  const close = () => {
    if (!open) return;
    const word = /^[a-z]+/.exec(open.lines[0])?.[0];
    const keyword = KEYWORDS.find((k) => k === word);
    out.push({ span: { start: open.start, end: open.end }, text: open.lines.join('\n'), line: open.line, ...(keyword ? { keyword } : {}) });
    open = undefined;
  };
  let c = 0;
  let line = 0;
  for (let start = text.charCodeAt(0) === 0xfeff ? 1 : 0; start <= text.length; line++) {
    let nl = text.indexOf('\n', start);
    if (nl === -1) nl = text.length;
    const end = nl > start && text.charCodeAt(nl - 1) === 13 ? nl - 1 : nl;
    const content = text.slice(start, end);
    const trimmed = content.trim();
    while (c < covered.length && covered[c].end < start) c++;
    // Covered when a span of a block, paragraph or heading reaches into the line.
    let isCovered = false;
    for (let k = c; k < covered.length && covered[k].start <= end; k++) if (covered[k].end >= start) isCovered = true;
    if (trimmed === '' || isCovered) close();
    else if (!trimmed.startsWith('//')) {
      if (open && /^[ \t]/.test(content)) {
        open.lines.push(content);
        open.end = end;
      } else {
        close();
        open = { start, end, line: line + 1, lines: [content] };
      }
    }
    start = nl + 1;
  }
  close();
  return out;
}

/** Whether the heading at `i` has prose or a block before the next heading of its level or above. */
function holdsSomething(pieces: Piece[], i: number): boolean {
  const level = (pieces[i] as { heading: Heading }).heading.level;
  for (let j = i + 1; j < pieces.length; j++) {
    const p = pieces[j];
    if (p.kind !== 'heading') return true;
    if (p.heading.level <= level) return false;
  }
  return false;
}

export type Segment = { type: 'text'; text: string } | { type: 'cite'; citation: Citation } | { type: 'link'; ref: ItemRef };

/** Running text (`text` starts at document offset `base`) split at its citations and item links. */
export function segments(text: string, base: number, citations: readonly Citation[], links: readonly ItemRef[]): Segment[] {
  const marks = [...citations.map((c) => ({ start: c.span.start - base, end: c.span.end - base, seg: { type: 'cite', citation: c } as Segment })), ...links.map((l) => linkMark(text, base, l))];
  marks.sort((a, b) => a.start - b.start);
  const out: Segment[] = [];
  let at = 0;
  for (const m of marks) {
    if (m.start < at || m.start < 0 || m.end > text.length) continue;
    if (m.start > at) out.push({ type: 'text', text: text.slice(at, m.start) });
    out.push(m.seg);
    at = m.end;
  }
  if (at < text.length) out.push({ type: 'text', text: text.slice(at) });
  return out;
}

/** An item link's span covers its ID; the mark covers the whole `[[ … ]]`. */
function linkMark(text: string, base: number, ref: ItemRef): { start: number; end: number; seg: Segment } {
  let start = ref.span.start - base;
  let end = ref.span.end - base;
  const open = text.lastIndexOf('[[', start);
  const close = text.indexOf(']]', end);
  if (open !== -1 && close !== -1 && text.slice(open + 2, start).trim() === '' && text.slice(end, close).trim() === '') {
    start = open;
    end = close + 2;
  }
  return { start, end, seg: { type: 'link', ref } };
}

/** The relation attributes of an item, labelled, in the order a reader wants them. */
export function relationLists(item: Item): Array<[label: string, refs: Ref[]]> {
  const out: Array<[string, Ref[]]> = [];
  if (item.because.length) out.push(['Because', item.because]);
  if (item.against.length) out.push(['Against', item.against]);
  if (item.assumes.length) out.push(['Assumes', item.assumes]);
  if (item.sameAs) out.push(['Same as', [item.sameAs]]);
  if (item.negates) out.push(['Negates', [item.negates]]);
  if (item.contradicts.length) out.push(['Contradicts', item.contradicts]);
  if (item.revises) out.push(['Revises', [item.revises]]);
  return out;
}

/** The value of a free-text attribute of an item (`locator`, `date`). */
export function attrValue(item: Item, name: string): string | undefined {
  const v = item.attributes.find((a) => a.allowed && a.name === name)?.value;
  return v ? flat(v) || undefined : undefined;
}

/** Lines of a prose paragraph that form a list (`- a`, `* b`, `1. c`), with their offsets; undefined when it is not a list. */
export function listLines(p: Prose): Array<{ text: string; base: number; ordered: boolean }> | undefined {
  const lines: Array<{ text: string; base: number; ordered: boolean }> = [];
  let offset = 0;
  for (const line of p.text.split('\n')) {
    const m = /^(\s*)([-*+]|\d+[.)])\s+/.exec(line);
    if (line.trim() !== '') {
      if (m) lines.push({ text: line.slice(m[0].length), base: p.span.start + offset + m[0].length, ordered: /\d/.test(m[2]) });
      else if (lines.length) {
        // A continuation of the previous list item.
        const last = lines[lines.length - 1];
        last.text += '\n' + line;
      } else return undefined;
    }
    offset += line.length + 1;
  }
  return lines.length ? lines : undefined;
}

/**
 * Lines of a prose paragraph indented as a whole, each by a tab or four spaces: Markdown's code
 * block, and how a table pasted from a word processor keeps its columns. Each line keeps what it
 * has beyond the paragraph's least indentation, in columns (a tab to the next multiple of four,
 * so that a tab-indented line and a space-indented one stay aligned), with its offset; undefined
 * when a line is not so indented, or a citation or link runs across lines (it is shown whole,
 * as a number, only in a paragraph read as one run of text).
 */
export function preformattedLines(p: Prose): Array<{ text: string; base: number }> | undefined {
  const lines = p.text.split('\n');
  if (!lines.every((l) => /^(\t| {4})/.test(l))) return undefined;
  const leads = lines.map((l) => /^[ \t]*/.exec(l)![0]);
  const indent = Math.min(...leads.map(columns));
  let offset = 0;
  const out = lines.map((line, i) => {
    // The columns kept as spaces, placed just before the line's text so that its offsets stay the file's.
    const kept = columns(leads[i]) - indent;
    const base = p.span.start + offset + leads[i].length - kept;
    offset += line.length + 1;
    return { text: ' '.repeat(kept) + line.slice(leads[i].length).replace(/\r$/, ''), base };
  });
  const oneLine = (x: { span: Span }) => out.some((l) => x.span.start >= l.base && x.span.end <= l.base + l.text.length);
  return p.citations.every(oneLine) && p.links.every(oneLine) ? out : undefined;
}

/** How many columns a line's indentation takes, a tab moving to the next multiple of four. */
function columns(lead: string): number {
  let col = 0;
  for (const c of lead) col = c === '\t' ? col + 4 - (col % 4) : col + 1;
  return col;
}

/** An item's confidence when it is one Kent knows (`low`, `moderate`, `high`); an invalid one shows as none, as an invalid likelihood or rating does. */
export function validConfidence(item: Item): string | undefined {
  const value = item.confidence?.value.trim();
  return value && (CONFIDENCE_LEVELS as readonly string[]).includes(value) ? value : undefined;
}

/** What a report writes around one cited source's number, in its escaping: Pandoc's prefix before (`see `), the locator after (`, p. 4`). */
export function citedAround(r: SourceRef, escape: (s: string) => string): { before: string; after: string } {
  return { before: r.prefix ? `${escape(flat(r.prefix))} ` : '', after: r.locator ? `, ${escape(flat(r.locator))}` : '' };
}

/** A backslash before ASCII punctuation: a Markdown escape, which shows the mark alone (`\[` shows `[`). */
export const MARKDOWN_ESCAPE = /\\([!-/:-@[-`{-~])/g;

/**
 * Running text with what must not be read as emphasis held out, each piece as a NUL-numbered
 * placeholder: its code spans (literal.ts's, as the parser's are) as `code` renders them, its
 * backslash escapes as `escaped` does. `restore` puts the pieces back once the rest is rendered.
 * A NUL of the text becomes U+FFFD (as a renderer shows it), so none poses as a placeholder.
 */
export function heldOut(text: string, code: (span: string) => string, escaped: (escape: string, mark: string) => string): { text: string; hold: (piece: string) => string; restore: (rendered: string) => string } {
  const held: string[] = [];
  const hold = (piece: string) => `\u0000${held.push(piece) - 1}\u0000`;
  let s = text.includes('\u0000') ? text.replace(/\u0000/g, '\ufffd') : text;
  const spans = codeSpans(s);
  if (spans.length) {
    let out = '';
    let at = 0;
    for (let i = 0; i < spans.length; i += 2) {
      out += s.slice(at, spans[i]) + hold(code(s.slice(spans[i], spans[i + 1])));
      at = spans[i + 1];
    }
    s = out + s.slice(at);
  }
  if (s.includes('\\')) s = s.replace(MARKDOWN_ESCAPE, (m: string, mark: string) => hold(escaped(m, mark)));
  const restore = (rendered: string) => (held.length ? rendered.replace(/\u0000(\d+)\u0000/g, (_m, i: string) => held[Number(i)]) : rendered);
  return { text: s, hold, restore };
}

/**
 * Report text's **strong** (its inner text the first group), *emphasis* and _emphasis_ (the text
 * before the mark, then the inner text), read by both reports alike and as CommonMark reads them,
 * so that the Markdown report, rendered, shows what the HTML report shows: a `**` opens before a
 * letter, or before a mark after a space or mark, and closes in the same way the other side round
 * (`** **` is no strong text, and in Markdown a rule across the page). NUL, where a report holds out a
 * code span or an escape, counts as the mark (`` ` `` or `\`) that Markdown sees there.
 */
export const STRONG = new RegExp(String.raw`(?:(?<=^|[\s\p{P}\p{S}\0])\*\*(?![\s*])|\*\*(?![\s\p{P}\p{S}\0]))([^*\n]+?)(?:(?<![\s*])\*\*(?=$|[\s\p{P}\p{S}\0])|(?<![\s\p{P}\p{S}\0])\*\*)`, 'gu');
export const STAR_EMPHASIS = /(^|[\s(])\*([^*\s](?:[^*\n]*?[^*\s])?)\*(?=[\s).,;:!?]|$)/g;
export const UNDERSCORE_EMPHASIS = /(^|[\s(])_([^_\s](?:[^_\n]*?[^_\s])?)_(?=[\s).,;:!?]|$)/g;

/**
 * What a code span (as `codeSpans` in literal.ts finds it, backticks included) shows, as
 * CommonMark says: the text between its runs of backticks, line endings as spaces, and one space
 * stripped from each end when both ends have one and it is not all spaces (so `` `` `x` `` ``
 * shows `` `x` ``).
 */
export function codeSpanText(span: string): string {
  let ticks = 0;
  while (span.charCodeAt(ticks) === 0x60) ticks++;
  const inner = span.slice(ticks, span.length - ticks).replace(/\r\n|\r|\n/g, ' ');
  return inner.length > 1 && inner[0] === ' ' && inner[inner.length - 1] === ' ' && inner.trim() !== '' ? inner.slice(1, -1) : inner;
}
