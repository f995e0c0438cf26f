// Offsets inside the core; line/column only at the edges, converted here and nowhere else.
import type { Change } from './change';
import type { Source } from './source';

export interface Position {
  /** 0-based line. */
  line: number;
  /** 0-based UTF-16 column. */
  character: number;
}

/**
 * Maps offsets of one text to 0-based line/character positions and back. Lines end where LSP
 * (and every editor) ends them: at `\n`, `\r\n` and a lone `\r`; a character past a line's end is
 * clamped to it, so a position never points into or past a line break.
 */
export class LineIndex {
  /** Where each line starts (a typed array: an edit copies and moves it in bulk). */
  private readonly starts: Float64Array;

  constructor(
    private readonly text: Source,
    starts?: Float64Array,
  ) {
    this.starts = starts ?? Float64Array.from([0, ...lineStarts(text, 0, text.length)]);
  }

  /**
   * The index of a new version of the text, from this one's: the lines before the change are
   * kept, those after it move by its delta, and only the lines around it are scanned.
   */
  following(text: Source, change: Change): LineIndex {
    const old = this.starts;
    // From the start of the line before the change's line (a `\r\n` may straddle its edge).
    let keep = upperBound(old, Math.max(0, change.start - 2)) - 1;
    keep = Math.max(0, keep);
    const from = old[keep];
    const to = Math.min(text.length, change.endAfter + 2);
    const around = lineStarts(text, from, to);
    const last = around.length ? around[around.length - 1] : from;
    const delta = change.endAfter - change.endBefore;
    let rest = upperBound(old, change.endBefore + 2);
    while (rest < old.length && old[rest] + delta <= last) rest++;
    const starts = new Float64Array(keep + 1 + around.length + old.length - rest);
    starts.set(old.subarray(0, keep + 1));
    starts.set(around, keep + 1);
    for (let i = rest, j = keep + 1 + around.length; i < old.length; i++, j++) starts[j] = old[i] + delta;
    return new LineIndex(text, starts);
  }

  get lineCount(): number {
    return this.starts.length;
  }

  /** Offset of the end of a line's content, before its line break. */
  private contentEnd(line: number): number {
    if (line + 1 >= this.starts.length) return this.text.length;
    const next = this.starts[line + 1];
    return next - (this.text.charCodeAt(next - 1) === 10 && this.text.charCodeAt(next - 2) === 13 ? 2 : 1);
  }

  position(offset: number): Position {
    const o = Math.max(0, Math.min(offset, this.text.length));
    let lo = 0;
    let hi = this.starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.starts[mid] <= o) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo, character: Math.min(o, this.contentEnd(lo)) - this.starts[lo] };
  }

  offset(pos: Position): number {
    if (pos.line < 0) return 0;
    if (pos.line >= this.starts.length) return this.text.length;
    const start = this.starts[pos.line];
    return Math.min(start + Math.max(0, pos.character), this.contentEnd(pos.line));
  }

  /** Offsets of the start and end (before its line break) of a 0-based line. */
  lineSpan(line: number): { start: number; end: number } {
    return { start: this.starts[line], end: this.contentEnd(line) };
  }
}

/** Starts of the lines after the line breaks in text[from, to) (a `\r\n` counts once). */
function lineStarts(text: Source, from: number, to: number): number[] {
  const out: number[] = [];
  // Searching a slice keeps the search inside [from, to): the rest of a large text is not read.
  if (!text.slice(from, to).includes('\r')) {
    for (let i = text.indexOf('\n', from); i !== -1 && i < to; i = text.indexOf('\n', i + 1)) out.push(i + 1);
    return out;
  }
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i);
    if (c === 10) out.push(i + 1);
    else if (c === 13) {
      if (text.charCodeAt(i + 1) === 10) i++;
      out.push(i + 1);
    }
  }
  return out;
}

/** The first index of a sorted list holding a value above `x`. */
function upperBound(list: ArrayLike<number>, x: number): number {
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (list[mid] <= x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * Decode a file's bytes as UTF-8. Invalid bytes become U+FFFD and the offset of the first
 * one is returned so the caller can report it; a leading BOM is kept out of the text.
 */
export function decodeUtf8(bytes: Uint8Array): { text: string; invalidAt?: number } {
  const start = bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;
  const body = bytes.subarray(start);
  try {
    return { text: strict.decode(body) };
  } catch {
    const text = lenient.decode(body);
    return { text, invalidAt: Math.max(0, text.indexOf('\uFFFD')) };
  }
}

// Decoders keep no state between calls that are not streamed: one of each serves every file.
const strict = new TextDecoder('utf-8', { fatal: true });
const lenient = new TextDecoder('utf-8');
