// Offsets inside the core; line/column only at the edges, converted here and nowhere else.
import type { Change } from './change';
import type { Source } from './source';
import type { Span } from './types';

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
  /**
   * Where each line starts: `base`, plus the deltas of the edits since (each moves the lines
   * from its first on). An edit within a line only adds a delta, so a keystroke does not copy
   * the starts of every line of a large document; every few such edits fold into a new base.
   */
  private readonly base: Float64Array;
  private readonly shifts: readonly Shift[];

  constructor(
    private readonly text: Source,
    base?: Float64Array,
    shifts: readonly Shift[] = [],
  ) {
    this.base = base ?? Float64Array.from([0, ...lineStarts(text, 0, text.length)]);
    this.shifts = shifts;
  }

  /**
   * The index of a new version of the text, from this one's: the lines before the change are
   * kept, those after it move by its delta, and only the lines around it are scanned.
   */
  following(text: Source, change: Change): LineIndex {
    const delta = change.endAfter - change.endBefore;
    if (keepsLines(this.text, text, change) && this.shifts.length < MAX_SHIFTS) {
      const from = this.upperBound(change.start);
      return new LineIndex(text, this.base, from < this.base.length && delta !== 0 ? [...this.shifts, { from, delta }] : this.shifts);
    }
    const old = this.starts();
    // From the start of the line before the change's line (a `\r\n` may straddle its edge).
    let keep = upperBound(old, Math.max(0, change.start - 2)) - 1;
    keep = Math.max(0, keep);
    const from = old[keep];
    const to = Math.min(text.length, change.endAfter + 2);
    const around = lineStarts(text, from, to);
    const last = around.length ? around[around.length - 1] : from;
    let rest = upperBound(old, change.endBefore + 2);
    while (rest < old.length && old[rest] + delta <= last) rest++;
    const starts = new Float64Array(keep + 1 + around.length + old.length - rest);
    starts.set(old.subarray(0, keep + 1));
    starts.set(around, keep + 1);
    for (let i = rest, j = keep + 1 + around.length; i < old.length; i++, j++) starts[j] = old[i] + delta;
    return new LineIndex(text, starts);
  }

  get lineCount(): number {
    return this.base.length;
  }

  /** Where line `i` starts. */
  private at(i: number): number {
    let v = this.base[i];
    for (let k = 0; k < this.shifts.length; k++) if (i >= this.shifts[k].from) v += this.shifts[k].delta;
    return v;
  }

  /** Every line's start, the shifts applied. */
  private starts(): Float64Array {
    if (!this.shifts.length) return this.base;
    const out = new Float64Array(this.base.length);
    for (let i = 0; i < out.length; i++) out[i] = this.at(i);
    return out;
  }

  /**
   * The shifts as runs of lines moved alike: the lines from `first[k]` up to the next run's move
   * by `moved[k]`. A search finds the run, then searches the base within it, instead of summing
   * the shifts at every step (publishing a large document's diagnostics asks for ~1,000 positions).
   */
  private runs?: { first: number[]; moved: number[] };

  private lineRuns(): { first: number[]; moved: number[] } {
    if (!this.runs) {
      const first = [...new Set([0, ...this.shifts.map((s) => s.from)])].sort((a, b) => a - b);
      const moved = first.map((line) => this.shifts.reduce((d, s) => (line >= s.from ? d + s.delta : d), 0));
      this.runs = { first, moved };
    }
    return this.runs;
  }

  /** The first line starting after offset `o` (the line count if none). */
  private upperBound(o: number): number {
    if (!this.shifts.length) return upperBound(this.base, o);
    const { first, moved } = this.lineRuns();
    // Line starts grow across runs: the last run whose first line starts at or before `o`.
    let k = first.length - 1;
    while (k > 0 && this.base[first[k]] + moved[k] > o) k--;
    let lo = first[k];
    let hi = k + 1 < first.length ? first[k + 1] : this.base.length;
    const x = o - moved[k];
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.base[mid] <= x) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  /** Offset of the end of a line's content, before its line break. */
  private contentEnd(line: number): number {
    if (line + 1 >= this.base.length) return this.text.length;
    const next = this.at(line + 1);
    return next - (this.text.charCodeAt(next - 1) === 10 && this.text.charCodeAt(next - 2) === 13 ? 2 : 1);
  }

  position(offset: number): Position {
    const o = Math.max(0, Math.min(offset, this.text.length));
    const line = Math.max(0, this.upperBound(o) - 1);
    return { line, character: Math.min(o, this.contentEnd(line)) - this.at(line) };
  }

  offset(pos: Position): number {
    if (pos.line < 0) return 0;
    if (pos.line >= this.base.length) return this.text.length;
    const start = this.at(pos.line);
    return Math.min(start + Math.max(0, pos.character), this.contentEnd(pos.line));
  }

  /** Offsets of the start and end (before its line break) of a 0-based line. */
  lineSpan(line: number): { start: number; end: number } {
    return { start: this.at(line), end: this.contentEnd(line) };
  }
}

/** Lines from `from` on moved by `delta` characters. */
interface Shift {
  from: number;
  delta: number;
}

/** Edits within lines before the starts are copied again: a lookup sums at most this many deltas. */
const MAX_SHIFTS = 16;

/**
 * Whether a change leaves every line break where it was, only moved: it removes and inserts
 * none, and neither joins nor splits a `\r\n`.
 */
export function keepsLines(before: Source, after: Source, change: Change): boolean {
  const breaks = (t: Source, a: number, b: number) => {
    for (let i = a; i < b; i++) {
      const c = t.charCodeAt(i);
      if (c === 10 || c === 13) return true;
    }
    return false;
  };
  const straddles = (t: Source, end: number) => t.charCodeAt(change.start - 1) === 13 && t.charCodeAt(end) === 10;
  return !breaks(before, change.start, change.endBefore) && !breaks(after, change.start, change.endAfter) && !straddles(before, change.endBefore) && !straddles(after, change.endAfter);
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
  const start = hasUtf8Mark(bytes) ? 3 : 0;
  const body = bytes.subarray(start);
  try {
    return { text: strict.decode(body) };
  } catch {
    const text = lenient.decode(body);
    return { text, invalidAt: Math.max(0, text.indexOf('\uFFFD')) };
  }
}

function hasUtf8Mark(bytes: Uint8Array): boolean {
  return bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
}

/**
 * Decode a local source or bibliography, which Kent does not write and cannot ask to be UTF-8:
 * by its byte-order mark (UTF-8, UTF-16 as Windows Notepad's "Unicode" saves it), else as UTF-16
 * where its NUL bytes say so (see unmarkedUtf16), else as UTF-8,
 * else, when UTF-8 does not allow its bytes, as Windows-1252, the encoding of text saved on
 * Windows and of older reference-manager exports (curly quotes and dashes in 0x80–0x9F). Every
 * Windows-1252 byte is one UTF-16 unit, so lines and columns are those of the bytes.
 */
export function decodeLocalFile(bytes: Uint8Array): string {
  if (bytes.length >= 2 && bytes[0] === 0xff && bytes[1] === 0xfe) return utf16le.decode(bytes.subarray(2));
  if (bytes.length >= 2 && bytes[0] === 0xfe && bytes[1] === 0xff) return utf16be.decode(bytes.subarray(2));
  const unmarked = unmarkedUtf16(bytes)?.decode(bytes);
  if (unmarked !== undefined && !controlHeavy(unmarked)) return unmarked;
  const utf8 = decodeUtf8(bytes);
  // A UTF-8 mark says UTF-8 even where a byte is not: that byte is U+FFFD, not the whole file Windows-1252.
  return utf8.invalidAt === undefined || hasUtf8Mark(bytes) ? utf8.text : decodeWindows1252(bytes);
}

/**
 * UTF-16 saved without a byte-order mark (some export tools and scripts write it): text, not
 * binary, has no NUL bytes, while UTF-16 of Latin text has one in every other byte, the high half
 * of each unit. Read from the first SNIFF_BYTES: most of the units of one half are NUL (a quarter
 * of them at least, so a page of Arabic or Chinese with Latin markup still counts) and almost none
 * of the other half's. Undefined for anything else, UTF-8 and Windows-1252 included (no NULs).
 */
function unmarkedUtf16(bytes: Uint8Array): typeof utf16le | undefined {
  const n = Math.min(bytes.length, SNIFF_BYTES) & ~1;
  if (n < 4) return undefined;
  let evenNul = 0;
  let oddNul = 0;
  for (let i = 0; i < n; i += 2) {
    if (bytes[i] === 0) evenNul++;
    if (bytes[i + 1] === 0) oddNul++;
  }
  const units = n / 2;
  if (oddNul >= units / 4 && evenNul <= units / 50) return utf16le;
  if (evenNul >= units / 4 && oddNul <= units / 50) return utf16be;
  return undefined;
}

const SNIFF_BYTES = 4096;

/**
 * Whether the start of a text read as UTF-16 holds control characters text does not (more than one
 * in a hundred, tabs and line breaks aside): 16-bit binary data (a quiet recording, a table of small
 * numbers) has NULs in every other byte too, and read as UTF-8 its NULs say it is binary.
 */
function controlHeavy(text: string): boolean {
  const n = Math.min(text.length, SNIFF_BYTES / 2);
  let controls = 0;
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    if ((c < 0x20 && c !== 0x09 && c !== 0x0a && c !== 0x0d) || c === 0x7f) controls++;
  }
  return controls * 100 > n;
}

/** Windows-1252 by hand: Node's decoder of that name reads ISO-8859-1, leaving 0x80–0x9F as C1 controls. */
function decodeWindows1252(bytes: Uint8Array): string {
  const chunks: string[] = [];
  const codes = new Uint16Array(Math.min(bytes.length, 0x8000));
  for (let start = 0; start < bytes.length; start += codes.length) {
    const end = Math.min(bytes.length, start + codes.length);
    for (let i = start; i < end; i++) {
      const b = bytes[i];
      codes[i - start] = b >= 0x80 && b <= 0x9f ? WINDOWS_1252_HIGH[b - 0x80] : b;
    }
    chunks.push(String.fromCharCode(...codes.subarray(0, end - start)));
  }
  return chunks.join('');
}

/** Windows-1252's characters for 0x80–0x9F; the five bytes it leaves undefined stay as they are. */
const WINDOWS_1252_HIGH = [
  0x20ac, 0x81, 0x201a, 0x192, 0x201e, 0x2026, 0x2020, 0x2021, 0x2c6, 0x2030, 0x160, 0x2039, 0x152, 0x8d, 0x17d, 0x8f,
  0x90, 0x2018, 0x2019, 0x201c, 0x201d, 0x2022, 0x2013, 0x2014, 0x2dc, 0x2122, 0x161, 0x203a, 0x153, 0x9d, 0x17e, 0x178,
];

// Decoders keep no state between calls that are not streamed: one of each serves every file.
const strict = new TextDecoder('utf-8', { fatal: true });
const lenient = new TextDecoder('utf-8');
const utf16le = new TextDecoder('utf-16le');
const utf16be = new TextDecoder('utf-16be');

/**
 * The entries of a comma list (`E1, [@a, p. 2; @b], C2`), trimmed, as offsets into `text`: split
 * at the commas outside brackets (a citation's locator holds commas), empty entries left out.
 */
export function listEntries(text: string): Span[] {
  const out: Span[] = [];
  const push = (from: number, to: number) => {
    while (from < to && isBlank(text.charCodeAt(from))) from++;
    while (to > from && isBlank(text.charCodeAt(to - 1))) to--;
    if (to > from) out.push({ start: from, end: to });
  };
  let depth = 0;
  let from = 0;
  for (let k = 0; k < text.length; k++) {
    const c = text.charCodeAt(k);
    if (c === 0x5b) depth++;
    else if (c === 0x5d) depth = Math.max(0, depth - 1);
    else if (c === 0x2c && depth === 0) {
      push(from, k);
      from = k + 1;
    }
  }
  push(from, text.length);
  return out;
}

/** White space as String.prototype.trim reads it: ASCII's at once, any other asked of trim. */
function isBlank(c: number): boolean {
  return c === 0x20 || (c >= 0x09 && c <= 0x0d) || (c > 0x7f && String.fromCharCode(c).trim() === '');
}

/**
 * A message (or a fix's title) on one line: words a check quotes from a statement that goes on
 * over lines ("cannot be⏎    ruled out"), or a kent.json key holding a `\n`, would otherwise
 * break `kent check`'s one diagnostic a line, and a quick-fix menu. The line break and the
 * indentation around it read as one space.
 */
export function oneLine(text: string): string {
  return text.includes('\n') || text.includes('\r') ? text.replace(/[ \t]*(?:\r\n?|\n)\s*/g, ' ') : text;
}
