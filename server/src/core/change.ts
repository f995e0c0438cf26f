// Where two versions of a text differ, found fast: most edits change a few characters of a
// large document, and everything keyed by position moves past the change by one delta.
import type { Span } from './types';

/** [start, endBefore) of the old text became [start, endAfter) of the new one. */
export interface Change {
  start: number;
  endBefore: number;
  endAfter: number;
}

/** The change between two texts: their longest common prefix, and the longest common suffix after it. */
export function changeBetween(a: string, b: string): Change {
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
