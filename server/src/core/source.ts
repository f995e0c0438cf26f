// A document's text as the parser, the line index and the incremental checker read it: a string,
// or, for a document being edited, `PieceText`. A keystroke in a large document then makes its
// new version by replacing one small piece, not by copying the whole text: a fresh string over
// 128 KB lands in pages of its own, and on the benchmark's machine their page faults alone cost
// ~4 ms per MB, on every keystroke. The whole string is built only when something asks for it.
import type { Change } from './change';

/** What is read of a document's text: a string has all of it. */
export interface Source {
  readonly length: number;
  charCodeAt(index: number): number;
  slice(start?: number, end?: number): string;
  indexOf(search: string, from?: number): number;
  lastIndexOf(search: string, from?: number): number;
  toString(): string;
}

/** Pieces are cut at this many characters and never grow past twice it: well under 128 KB, even two bytes a character. */
const PIECE = 16_384;

export class PieceText implements Source {
  private flat: string | undefined;
  /** The piece last read by `charCodeAt`: scans read one piece at a time. */
  private hint = 0;

  private constructor(
    private readonly pieces: readonly string[],
    /** Where each piece starts, and the length last. */
    private readonly starts: Float64Array,
    /**
     * The version this one was made from by `edit` (held weakly: a strong link would keep every
     * earlier version of an open document alive, a text's worth a keystroke), and how.
     */
    private readonly madeFrom?: WeakRef<PieceText>,
    readonly change?: Change,
  ) {}

  /** The version this one was made from by `edit`, while anything else still holds it. */
  get previous(): PieceText | undefined {
    return this.madeFrom?.deref();
  }

  static of(text: string): PieceText {
    const pieces: string[] = [];
    for (let at = 0; at < text.length; at += PIECE) pieces.push(text.slice(at, at + PIECE));
    const made = new PieceText(pieces, startsOf(pieces));
    made.flat = text;
    return made;
  }

  get length(): number {
    return this.starts[this.pieces.length];
  }

  /** The text with [start, end) replaced by `insert`: the pieces it meets are rebuilt, the others shared. */
  edit(start: number, end: number, insert: string): PieceText {
    const n = this.length;
    start = Math.min(Math.max(start, 0), n);
    end = Math.min(Math.max(end, start), n);
    const first = this.pieceAt(start);
    const last = end > start ? this.pieceAt(end - 1) : first;
    let middle = this.pieceText(first).slice(0, start - this.starts[first]) + insert + this.pieceText(last).slice(end - this.starts[last]);
    let after = last + 1;
    // A piece grown small merges with the next; one grown large is cut again.
    if (middle.length < PIECE / 2 && after < this.pieces.length && middle.length + this.pieces[after].length <= PIECE) middle += this.pieces[after++];
    const cut: string[] = [];
    let at = 0;
    for (; middle.length - at >= 2 * PIECE; at += PIECE) cut.push(middle.slice(at, at + PIECE));
    if (at < middle.length) cut.push(middle.slice(at));
    const pieces = [...this.pieces.slice(0, first), ...cut.map(detached), ...this.pieces.slice(after)];
    return new PieceText(pieces, startsOf(pieces), new WeakRef(this), { start, endBefore: end, endAfter: start + insert.length });
  }

  charCodeAt(index: number): number {
    const { starts } = this;
    let k = this.hint;
    if (!(index >= starts[k] && index < starts[k + 1])) {
      if (!(index >= 0 && index < this.length)) return NaN;
      k = this.hint = this.pieceAt(index);
    }
    return this.pieces[k].charCodeAt(index - starts[k]);
  }

  slice(start = 0, end: number = this.length): string {
    const n = this.length;
    const a = clampIndex(start, n);
    const b = clampIndex(end, n);
    if (a >= b) return '';
    const first = this.pieceAt(a);
    if (b <= this.starts[first + 1]) return this.pieces[first].slice(a - this.starts[first], b - this.starts[first]);
    const parts: string[] = [this.pieces[first].slice(a - this.starts[first])];
    let k = first + 1;
    for (; this.starts[k + 1] < b; k++) parts.push(this.pieces[k]);
    parts.push(this.pieces[k].slice(0, b - this.starts[k]));
    return parts.join('');
  }

  indexOf(search: string, from = 0): number {
    const n = this.length;
    from = Math.min(Math.max(Number.isNaN(from) ? 0 : from, 0), n);
    if (search.length === 0) return from;
    for (let k = this.pieceAt(Math.min(from, n - 1)); k >= 0 && k < this.pieces.length; k++) {
      const found = this.window(k, search.length).indexOf(search, Math.max(0, from - this.starts[k]));
      if (found !== -1) return this.starts[k] + found;
    }
    return -1;
  }

  lastIndexOf(search: string, from = Infinity): number {
    const n = this.length;
    let at = Math.min(Math.max(Number.isNaN(from) ? Infinity : from, 0), n - search.length);
    if (search.length === 0) return Math.min(Math.max(Number.isNaN(from) ? n : from, 0), n);
    if (at < 0) return -1;
    for (let k = this.pieceAt(at); k >= 0; k--) {
      const found = this.window(k, search.length).lastIndexOf(search, at - this.starts[k]);
      if (found !== -1) return this.starts[k] + found;
      at = this.starts[k] - 1;
    }
    return -1;
  }

  toString(): string {
    this.flat ??= this.pieces.join('');
    return this.flat;
  }

  /** Piece `k` with the start of what follows it, enough for a match of `length` that begins in it. */
  private window(k: number, length: number): string {
    const piece = this.pieces[k];
    return length === 1 || k + 1 === this.pieces.length ? piece : piece + this.slice(this.starts[k + 1], this.starts[k + 1] + length - 1);
  }

  private pieceText(k: number): string {
    return this.pieces[k] ?? '';
  }

  /** The piece holding offset `index` (the last piece for the end of the text). */
  private pieceAt(index: number): number {
    const { starts } = this;
    let lo = 0;
    let hi = Math.max(0, this.pieces.length - 1);
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid] <= index) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  }
}

function startsOf(pieces: readonly string[]): Float64Array {
  const starts = new Float64Array(pieces.length + 1);
  for (let k = 0; k < pieces.length; k++) starts[k + 1] = starts[k] + pieces[k].length;
  return starts;
}

function clampIndex(i: number, n: number): number {
  if (Number.isNaN(i)) return 0;
  return i < 0 ? Math.max(n + i, 0) : Math.min(i, n);
}

/**
 * A string as one flat copy, holding on to nothing it was built from (a slice keeps its whole
 * text alive). Strings under 13 characters are copies already: V8 does not slice those.
 */
export function detached(s: string): string {
  return s.length >= 13 ? (' ' + s).slice(1) : s;
}

/** The whole text of a source. */
export function textOf(source: Source): string {
  return typeof source === 'string' ? source : source.toString();
}
