// Running text that Markdown and Pandoc read literally, so Kent does too: a bracket escaped with a
// backslash (`\[@x]`, `\[[C1]]`) and whatever stands in a code span (`` `[@y]` ``) cite nothing
// and link nothing. Every reader of inline text (the parser, the checks, similarity) asks here,
// so that they agree. Pure, and cheap where text has no backtick: the only pass over a text is a
// native search for backticks, made once and only when a bracket needs the answer.

/** No code spans: shared, as most texts have no backtick. */
const NO_SPANS: readonly number[] = Object.freeze([]);

/**
 * The code spans of `text` as CommonMark finds them, flat: [start0, end0, start1, end1, …], each
 * from its opening backtick to after its closing one, in order. A run of N backticks opens a span
 * that the next run of exactly N closes, across lines too (`text` is one statement or paragraph);
 * a run with no partner is literal backticks and hides nothing. A backslash before a run escapes
 * its first backtick outside a code span (inside one, backslashes are literal).
 */
export function codeSpans(text: string): readonly number[] {
  let at = text.indexOf('`');
  if (at === -1) return NO_SPANS;
  // The runs of backticks, flat: [start0, length0, …].
  const runs: number[] = [];
  while (at !== -1) {
    let end = at + 1;
    while (text.charCodeAt(end) === 0x60) end++;
    runs.push(at, end - at);
    at = text.indexOf('`', end);
  }
  // For each length, the indexes of the runs of that length in order, and how far a search for a
  // closer of that length has come: each list is walked once, so many unclosed runs stay linear.
  const byLength = new Map<number, { runs: number[]; next: number }>();
  for (let r = 0; r < runs.length; r += 2) {
    const list = byLength.get(runs[r + 1]);
    if (list) list.runs.push(r);
    else byLength.set(runs[r + 1], { runs: [r], next: 0 });
  }
  const spans: number[] = [];
  for (let r = 0; r < runs.length; ) {
    let start = runs[r];
    let length = runs[r + 1];
    if (escaped(text, start)) {
      start++;
      length--;
    }
    const closer = length > 0 ? closerAfter(byLength.get(length), r) : -1;
    if (closer === -1) {
      r += 2;
      continue;
    }
    spans.push(start, runs[closer] + runs[closer + 1]);
    r = closer + 2;
  }
  return spans.length ? spans : NO_SPANS;
}

/** The index of the first run of `list` after run `r`, or -1. */
function closerAfter(list: { runs: number[]; next: number } | undefined, r: number): number {
  if (!list) return -1;
  while (list.next < list.runs.length && list.runs[list.next] <= r) list.next++;
  return list.next < list.runs.length ? list.runs[list.next] : -1;
}

/** Whether the character at `at` is escaped: an odd number of backslashes stands right before it. */
export function escaped(text: string, at: number): boolean {
  let p = at;
  while (p > 0 && text.charCodeAt(p - 1) === 0x5c) p--;
  return (at - p) % 2 === 1;
}

/** Whether offset `at` lies inside one of `spans` (as `codeSpans` gives them). */
export function inCodeSpan(spans: readonly number[], at: number): boolean {
  const i = firstEndingAfter(spans, at);
  return i < spans.length / 2 && spans[2 * i] <= at;
}

/** Where the code span of `spans` that opens at `at` ends (after its closing backticks), or -1 when none opens there. */
export function codeSpanEndingFrom(spans: readonly number[], at: number): number {
  const i = firstEndingAfter(spans, at);
  return i < spans.length / 2 && spans[2 * i] === at ? spans[2 * i + 1] : -1;
}

/** The index of the first of `spans` (flat pairs, in order) that ends after `offset`: a binary search. */
function firstEndingAfter(spans: readonly number[], offset: number): number {
  let lo = 0;
  let hi = spans.length / 2;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (spans[2 * mid + 1] <= offset) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * Which brackets of one text are literal. The code spans are found on the first question, so
 * text whose brackets are all escaped, or that has none, never searches for backticks.
 */
export class LiteralBrackets {
  private spans: readonly number[] | undefined;

  constructor(private readonly text: string) {}

  /** Whether the character at `at` (a `[`, a `]`, an `@`) is text only: it is escaped, or inside a code span. */
  hides(at: number): boolean {
    if (escaped(this.text, at)) return true;
    this.spans ??= codeSpans(this.text);
    return this.spans.length > 0 && inCodeSpan(this.spans, at);
  }

  /**
   * `slice`, text.slice(from, from + slice.length) (a citation's brackets and what they hold),
   * as the citation grammar should read it: each `[`, `]`, `;` and `@` that is text only
   * (escaped, or in a code span) becomes `_`, which the grammar takes as any other character of
   * a prefix or locator. Pandoc reads a
   * citation's prefix and locator as inline Markdown, where `\]` and `` `x]` `` are text, so
   * `[@a, see `x]; y` here]` is one citation of @a. The same length, and the same text where
   * nothing is literal (most citations: no backslash, and no code span meets them): then `slice`
   * itself, so a caller can tell by identity.
   */
  masked(slice: string, from: number): string {
    this.spans ??= codeSpans(this.text);
    if (!this.spansMeet(from, from + slice.length) && !slice.includes('\\')) return slice;
    let out = '';
    let last = 0;
    for (let p = 0; p < slice.length; p++) {
      const c = slice.charCodeAt(p);
      if (c !== 0x5b && c !== 0x5d && c !== 0x3b && c !== 0x40) continue;
      if (!this.hides(from + p)) continue;
      out += slice.slice(last, p) + '_';
      last = p + 1;
    }
    return last === 0 ? slice : out + slice.slice(last);
  }

  /** Whether a code span overlaps [from, to). */
  private spansMeet(from: number, to: number): boolean {
    const spans = this.spans!;
    const i = firstEndingAfter(spans, from);
    return i < spans.length / 2 && spans[2 * i] < to;
  }
}

// Pieces of running text that are names, not the analyst's words: an item link (`[[may-1]]`),
// a citation with its prefix and locator (`[@may, p. 2]`), a web or mail address
// (`https://example.org/probably`, `<https://…>`, `analyst@maybe.org`) and a Markdown link's
// destination (`](notes/may.md)`). The estimative reader skips them, as it skips code spans: a
// "may" in a key or an address hedges nothing.
// Each pattern is linear: bounded, or anchored where a run starts (an address's local part), so
// that no long run of letters is scanned again from each of its positions.
const ITEM_LINK = /\[\[[^[\]\n]{1,256}\]\]/g;
const ADDRESS = /(?:\b(?:https?|ftp|file|mailto):|\bwww\.)[^\s<>"\u201c\u201d\]]+|(?<![\p{L}\p{N}._%+-])[\p{L}\p{N}._%+-]+@[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)+/giu;
const LINK_DESTINATION = /\]\([^()\s]*\)/g;

/** No names in the text: shared, as most texts have none. */
const NO_NAMES: readonly number[] = Object.freeze([]);

/**
 * The spans of `text` that name something rather than say something (see above), flat:
 * [start0, end0, …], in order and disjoint (overlapping ones merged), so that `inNameSpan` is a
 * binary search. Cheap where the text has no `[`, `@`, `:` or `www.`, which is most text.
 */
export function nameSpans(text: string): readonly number[] {
  const brackets = text.includes('[');
  const at = text.includes('@');
  if (!brackets && !at && !text.includes(':') && !text.includes('www.')) return NO_NAMES;
  const spans: number[] = [];
  const collect = (pattern: RegExp) => {
    pattern.lastIndex = 0;
    for (let m = pattern.exec(text); m !== null; m = pattern.exec(text)) spans.push(m.index, m.index + m[0].length);
  };
  if (brackets) {
    collect(ITEM_LINK);
    collect(LINK_DESTINATION);
    if (at) citationSpans(text, spans);
  }
  collect(ADDRESS);
  return spans.length ? merged(spans) : NO_NAMES;
}

/** Flat spans sorted by start, overlapping or touching ones joined. */
function merged(spans: number[]): number[] {
  const order = Array.from({ length: spans.length / 2 }, (_, i) => 2 * i).sort((a, b) => spans[a] - spans[b]);
  const out: number[] = [];
  for (const i of order) {
    if (out.length && spans[i] <= out[out.length - 1]) out[out.length - 1] = Math.max(out[out.length - 1], spans[i + 1]);
    else out.push(spans[i], spans[i + 1]);
  }
  return out;
}

/**
 * Citations, onto `spans` (flat, as `nameSpans` gives them): a `[` … `]` with no bracket between
 * that holds `@key` at its start or after white space, `;` or `-` (`[@may, p. 2]`, `[see @a; -@b]`,
 * `[cf.⏎  @a]`). One pass: brackets do not nest.
 */
export function citationSpans(text: string, spans: number[] = []): number[] {
  for (let open = text.indexOf('['); open !== -1; ) {
    let close = open + 1;
    let cites = false;
    for (; close < text.length; close++) {
      const c = text.charCodeAt(close);
      if (c === 0x5b || c === 0x5d) break; // [ or ]
      if (c === 0x40 && !cites) cites = startsKey(text, open, close);
    }
    if (close < text.length && text.charCodeAt(close) === 0x5d && cites) spans.push(open, close + 1);
    open = close < text.length && text.charCodeAt(close) === 0x5b ? close : text.indexOf('[', close);
  }
  return spans;
}

/**
 * Whether the `@` at `at`, in the bracket opened at `open`, begins a key: right after the bracket,
 * or after white space (a line break too: a wrapped statement's prefix goes on over lines), `;`
 * or `-`. The parser asks the same, so what is coloured a citation is the citation checked.
 */
export function startsKey(text: string, open: number, at: number): boolean {
  if (!/[A-Za-z0-9_]/.test(text[at + 1] ?? '')) return false;
  let before = at - 1;
  if (before > open && text[before] === '-') before--;
  return before === open || /[\s;]/.test(text[before]);
}

/** Whether offset `at` lies inside one of `spans` (as `nameSpans` gives them: in order, disjoint). */
export function inNameSpan(spans: readonly number[], at: number): boolean {
  const i = firstEndingAfter(spans, at);
  return i < spans.length / 2 && spans[2 * i] <= at;
}
