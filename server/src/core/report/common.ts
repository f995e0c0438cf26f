// What both report formats (HTML and Markdown) say, independent of markup: the document's
// metadata, its key judgments in words and numbers, the order of its headings, prose and
// items, and running text split into plain text, citations and item links.
import { CONFIDENCE_LEVELS } from '../attributes';
import { formatInterval } from '../estimative';
import type { Citation, Heading, Item, ItemRef, KentDocument, Prose, Ref } from '../model';
import type { Workspace } from '../workspace';
import { flat } from './escape';
import { mapEstimate, type MapEstimate } from './graph';

export interface Meta {
  title: string;
  id?: string;
  date?: string;
  author?: string;
  status?: string;
  supersedes: string[];
  path: string;
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
    ...(attr('status') ? { status: attr('status') } : {}),
    supersedes: a ? a.supersedes.map((r) => r.id) : [],
    path: doc.path,
  };
}

export interface KeyJudgment {
  item: Item;
  estimate?: MapEstimate;
  /** Likelihood in words: the term as written, or the scale's term for a percentage. */
  words: string;
  /** Likelihood in numbers: "55–80%", "70%". */
  numbers: string;
  confidence?: string;
}

export function keyJudgments(ws: Workspace, doc: KentDocument): KeyJudgment[] {
  const out: KeyJudgment[] = [];
  const seen = new Set<string>();
  for (const item of doc.items) {
    if (item.kind !== 'judgment' || seen.has(item.id)) continue;
    seen.add(item.id);
    const e = mapEstimate(item, ws.config.scale);
    const confidence = validConfidence(item);
    out.push({
      item,
      ...(e ? { estimate: e } : {}),
      words: estimateWords(e),
      numbers: e ? formatInterval(e) : '—',
      ...(confidence ? { confidence } : {}),
    });
  }
  return out;
}

export function estimateWords(e: MapEstimate | undefined): string {
  if (!e) return 'not stated';
  if (e.from === 'fact') return 'stated as fact';
  // A percentage shows as the term it falls within: the percentage itself is shown beside it, as every interval is.
  if (/%/.test(e.label)) return e.words ?? 'stated as a percentage';
  return e.label;
}

export type Piece = { kind: 'heading'; heading: Heading } | { kind: 'prose'; prose: Prose } | { kind: 'item'; item: Item };

/**
 * Headings, prose and blocks in document order: not the assessment, nor sources (the report lists
 * them at its end), nor a heading with nothing left under it (a "Sources" section of only sources).
 */
export function flow(doc: KentDocument): Piece[] {
  const pieces: Array<Piece & { at: number }> = [
    ...doc.headings.map((heading) => ({ kind: 'heading' as const, heading, at: heading.span.start })),
    ...doc.prose.map((prose) => ({ kind: 'prose' as const, prose, at: prose.span.start })),
    ...doc.items.filter((i) => i.kind !== 'assessment' && i.kind !== 'source').map((item) => ({ kind: 'item' as const, item, at: item.span.start })),
  ].sort((a, b) => a.at - b.at);
  return pieces.filter((p, i) => p.kind !== 'heading' || holdsSomething(pieces, i));
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

/** An item's confidence when it is one Kent knows (`low`, `moderate`, `high`); an invalid one shows as none, as an invalid likelihood or rating does. */
export function validConfidence(item: Item): string | undefined {
  const value = item.confidence?.value.trim();
  return value && (CONFIDENCE_LEVELS as readonly string[]).includes(value) ? value : undefined;
}
