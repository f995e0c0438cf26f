// Where two versions of a text differ, found fast: most edits change a few characters of a
// large document, and everything keyed by position moves past the change by one delta.
import { detached, PieceText, type Source } from './source';
import type { Span } from './types';

/** [start, endBefore) of the old text became [start, endAfter) of the new one. */
export interface Change {
  start: number;
  endBefore: number;
  endAfter: number;
}

/** The change between two texts: their longest common prefix, and the longest common suffix after it. */
export function changeBetween(a: Source, b: Source): Change {
  // A text edited into the other knows how.
  if (b instanceof PieceText && b.previous === a && b.change) return b.change;
  const min = Math.min(a.length, b.length);
  let prefix = 0;
  // Whole blocks first: comparing slices is a memory comparison, not a loop over characters.
  for (let block = 4096; block >= 1; block >>= 4) {
    while (prefix + block <= min && a.slice(prefix, prefix + block) === b.slice(prefix, prefix + block)) prefix += block;
  }
  let suffix = 0;
  for (let block = 4096; block >= 1; block >>= 4) {
    while (suffix + block <= min - prefix && a.slice(a.length - suffix - block, a.length - suffix) === b.slice(b.length - suffix - block, b.length - suffix)) suffix += block;
  }
  return { start: prefix, endBefore: a.length - suffix, endAfter: b.length - suffix };
}

/** Parts of two versions of a document a change touched: [b0, b1) of the old list became [a0, a1) of the new. */
export type Touched = [number, number, number, number];

/** The indices [from, to) of the spans in `list` (in document order) that meet [start, end]. */
export function meetingRange(list: ReadonlyArray<{ span: Span }>, start: number, end: number): [number, number] {
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (list[mid].span.end < start) lo = mid + 1;
    else hi = mid;
  }
  let to = lo;
  while (to < list.length && list[to].span.start <= end) to++;
  return [lo, to];
}

/** The parts (items, paragraphs) of two versions whose spans meet the change: [b0, b1, a0, a1]. */
export function touchedBySpan(before: ReadonlyArray<{ span: Span }>, after: ReadonlyArray<{ span: Span }>, w: Change): Touched {
  return [...meetingRange(before, w.start, w.endBefore), ...meetingRange(after, w.start, w.endAfter)] as Touched;
}

/**
 * Copy the strings of freshly parsed parts (items, paragraphs, problems) out of the text they
 * were sliced from. A slice keeps its whole text alive: without this, a large document's every
 * version would live as long as any part first parsed from it (parts are reused, moved, across
 * versions). The copy has the same content, so nothing that reads the parts can tell.
 */
export function detachStrings(parts: readonly object[]): void {
  const stack: unknown[] = [...parts];
  while (stack.length) {
    const o = stack.pop() as Record<string, unknown> | unknown[];
    const keys = Array.isArray(o) ? o.keys() : Object.keys(o);
    for (const k of keys as Iterable<string | number>) {
      const v = (o as Record<string | number, unknown>)[k];
      if (typeof v === 'string') (o as Record<string | number, unknown>)[k] = detached(v);
      else if (v !== null && typeof v === 'object' && !(v instanceof Set) && !(v instanceof Map)) stack.push(v);
    }
  }
}
