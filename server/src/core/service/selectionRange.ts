// Selection ranges ("Expand Selection"): from the cursor outwards, each span holding the one
// before it: word or ref → citation or link in its brackets → attribute value or statement → attribute line or header →
// block (or paragraph, or heading line) → section (its heading to the next heading of the same or
// a higher level) → enclosing sections → document. Pure: spans are offsets.
import { attributeSpan, valueSpan, type Heading, type Item, type KentDocument, type Ref } from '../model';
import type { Span } from '../types';

/** Characters of a word: letters, digits, `_` and `-` (IDs and keys are words). */
const WORD_CHAR = /[\p{L}\p{N}_-]/u;

/** For each offset, the spans around it, innermost first, each strictly inside the next. */
export function selectionRanges(doc: KentDocument, offsets: readonly number[]): Span[][] {
  return offsets.map((offset) => chain(doc, offset));
}

function chain(doc: KentDocument, offset: number): Span[] {
  const at = Math.max(0, Math.min(offset, doc.text.length));
  const around = (s: Span) => s.start <= at && at <= s.end;
  const candidates: Span[] = [];
  const word = wordAt(doc.text, at);
  if (word) candidates.push(word);
  const bracket = bracketAt(doc.text, at);
  if (bracket) candidates.push(bracket);
  const item = doc.items.find((i) => around(i.span));
  if (item) candidates.push(...itemSpans(item).filter(around));
  for (const p of doc.prose.filter((x) => around(x.span))) {
    candidates.push(p.span, ...p.links.map((l) => l.span), ...p.citations.flatMap((c) => c.refs.map((r) => r.span)));
  }
  candidates.push(...doc.headings.filter((h) => around(h.span)).map((h) => h.span));
  candidates.push(...sectionsAround(doc, at));
  candidates.push({ start: 0, end: doc.text.length });
  return nested(candidates.filter((s) => s.end > s.start && around(s)));
}

/** The word the offset is in or at either end of. */
function wordAt(text: string, at: number): Span | undefined {
  let start = at;
  let end = at;
  while (start > 0 && WORD_CHAR.test(text[start - 1])) start--;
  while (end < text.length && WORD_CHAR.test(text[end])) end++;
  return end > start ? { start, end } : undefined;
}

/**
 * The brackets the offset is in, on its line: a citation `[@key, p. 4]` (in a statement or a
 * `because:` list alike) or a link `[[ID]]`, both brackets of each side included.
 */
function bracketAt(text: string, at: number): Span | undefined {
  const lineStart = text.lastIndexOf('\n', at - 1) + 1;
  let open = -1;
  for (let k = at - 1, depth = 0; k >= lineStart && open < 0; k--) {
    if (text[k] === ']') depth++;
    else if (text[k] === '[' && depth-- === 0) open = k;
  }
  if (open < 0) return undefined;
  for (let k = open, depth = 0; k < text.length && text[k] !== '\n'; k++) {
    if (text[k] === '[') depth++;
    else if (text[k] === ']' && --depth === 0) {
      const link = text[open - 1] === '[' && text[k + 1] === ']';
      return link ? { start: open - 1, end: k + 2 } : { start: open, end: k + 1 };
    }
  }
  return undefined;
}

/** Every span of a block that selection may stop at: refs, values, lines, the block. */
function itemSpans(item: Item): Span[] {
  const refs: Ref[] = [
    ...item.because,
    ...item.against,
    ...item.assumes,
    ...item.contradicts,
    ...item.supersedes,
    ...[item.sameAs, item.negates, item.revises, item.source].filter((r): r is NonNullable<typeof r> => r !== undefined),
    ...item.links,
    ...item.citations.flatMap((c) => c.refs),
  ];
  return [
    ...refs.map((r) => r.span),
    item.idSpan,
    item.statementSpan,
    // The header: keyword, ID and statement.
    { start: item.span.start, end: Math.max(item.statementSpan.end, item.idSpan.end) },
    ...item.attributes.flatMap((a) => [valueSpan(a), attributeSpan(a)]),
    item.span,
  ];
}

/**
 * The sections the offset lies in: each from its heading to the next heading of the same or a
 * higher level, trailing blank lines left out. One pass over the headings (a stack of the open
 * sections), not one search from each heading, which is quadratic in a long document.
 */
function sectionsAround(doc: KentDocument, at: number): Span[] {
  const { headings, text } = doc;
  const open: Heading[] = [];
  let i = 0;
  for (; i < headings.length && headings[i].span.start <= at; i++) {
    while (open.length && open[open.length - 1].level >= headings[i].level) open.pop();
    open.push(headings[i]);
  }
  return open.map((h) => {
    const next = headings.slice(i).find((x) => x.level <= h.level);
    let end = next ? next.span.start : text.length;
    while (end > h.span.end && /\s/.test(text[end - 1])) end--;
    return { start: h.span.start, end };
  });
}

/** The spans sorted from innermost out, keeping each that holds the last kept and is larger. */
function nested(spans: Span[]): Span[] {
  const sorted = [...spans].sort((a, b) => a.end - a.start - (b.end - b.start) || b.start - a.start);
  const out: Span[] = [];
  for (const s of sorted) {
    const last = out[out.length - 1];
    if (!last || (s.start <= last.start && last.end <= s.end && s.end - s.start > last.end - last.start)) out.push(s);
  }
  return out;
}
