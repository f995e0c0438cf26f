/**
 * Finding an evidence quote in a source's text (for `quote-not-found` and the
 * source hover). Pure: takes text, returns offsets.
 *
 * Both texts are folded: whitespace runs become one space, letters are lower-
 * cased, curly quotes and apostrophes become straight ones, dashes (and runs of
 * them, as a typed "--") become one "-",
 * zero-width characters and soft hyphens disappear. The source's fold keeps a
 * map back to original offsets and is cached, so a megabyte source is folded
 * once. The quote is cut into literal pieces at its gap markers, and the pieces
 * are found in order with `searchFrom` (indexOf, linear however long the piece): no regular
 * expression runs over the source.
 */

/** A bracketed insertion matches at most this many words of the source. */
const MAX_INSERTION_WORDS = 12;
/** …and at most this many characters. */
const MAX_INSERTION_CHARS = 400;
/** Candidate positions tried before giving up on a pathological quote. */
const STEP_BUDGET = 1_000_000;
/** How far a match may grow to take in the rest of a word an insertion glued to ("[T]he"). */
const MAX_WORD_EXTENSION = 40;
const WORD_CHAR = /^[\p{L}\p{N}\p{M}]$/u;
/** Folded sources kept. */
const CACHE_SIZE = 4;

// ---------------------------------------------------------------------------
// Searching

/**
 * `text.indexOf(pattern, from)`, in time linear in the text and the pattern whatever they hold.
 * V8 compares a long pattern's last 250 characters by table and the rest a character at a time, so
 * a repetitive source and quote (`ab ab ab …`) made one search of a 6 KB quote in a 1.5 MB file
 * take half a second, and a check a dozen such searches. Up to that length, V8's own search; beyond
 * it, Knuth–Morris–Pratt.
 */
export function searchFrom(text: string, pattern: string, from = 0): number {
  if (pattern.length <= NATIVE_PATTERN) return text.indexOf(pattern, from);
  const fail = failureOf(pattern);
  const m = pattern.length;
  let k = 0;
  let i = Math.max(0, from);
  for (; i < text.length; i++) {
    const c = text.charCodeAt(i);
    while (k > 0 && pattern.charCodeAt(k) !== c) k = fail[k - 1];
    if (pattern.charCodeAt(k) === c && ++k === m) break;
  }
  searchWork.chars += i - from;
  return k === m ? i - m + 1 : -1;
}

/** The longest pattern V8's own search is left: its tables cover this many characters. */
const NATIVE_PATTERN = 250;

/** Characters the linear search has read: tests bound it (work counted, not time). */
export const searchWork = { chars: 0 };

/** Per prefix of `pattern`, the length of its longest proper border: KMP's failure function, kept for the patterns searched again. */
function failureOf(pattern: string): Int32Array {
  let fail = failures.get(pattern);
  if (fail) return fail;
  fail = new Int32Array(pattern.length);
  for (let i = 1, k = 0; i < pattern.length; i++) {
    while (k > 0 && pattern.charCodeAt(i) !== pattern.charCodeAt(k)) k = fail[k - 1];
    if (pattern.charCodeAt(i) === pattern.charCodeAt(k)) k++;
    fail[i] = k;
  }
  if (failures.size >= 64) failures.clear();
  failures.set(pattern, fail);
  return fail;
}
const failures = new Map<string, Int32Array>();

// ---------------------------------------------------------------------------
// Folding

function isWhitespace(c: number): boolean {
  return (
    c === 0x20 ||
    (c >= 0x09 && c <= 0x0d) ||
    c === 0xa0 ||
    c === 0x1680 ||
    (c >= 0x2000 && c <= 0x200a) ||
    c === 0x2028 ||
    c === 0x2029 ||
    c === 0x202f ||
    c === 0x205f ||
    c === 0x3000 ||
    c === 0x85
  );
}

/** Characters that vanish: soft hyphen, zero-width space/joiners, word joiner, BOM. */
function isInvisible(c: number): boolean {
  return c === 0xad || (c >= 0x200b && c <= 0x200d) || c === 0x2060 || c === 0xfeff;
}

/** Every quote mark, single or double, folds to `"`: quoting a passage turns its inner double quotes into single ones. */
const QUOTE_MARK = 0x22;
const APOSTROPHE = 0x27;
const HYPHEN = 0x2d;
const SPACE = 0x20;

/** The fold of one non-space, visible BMP code unit: a single code unit, or -1 when lower-casing expands it. */
function foldUnit(c: number): number {
  if (c < 0x80) return c >= 0x41 && c <= 0x5a ? c + 32 : c === APOSTROPHE ? QUOTE_MARK : c;
  switch (c) {
    case 0x201c: // “
    case 0x201d: // ”
    case 0x201e: // „
    case 0x201f: // ‟
    case 0x2033: // ″
    case 0x00ab: // «
    case 0x00bb: // »
    case 0x301d: // 〝
    case 0x301e: // 〞
    case 0xff02: // ＂
    case 0x2018: // ‘
    case 0x2019: // ’
    case 0x201a: // ‚
    case 0x201b: // ‛
    case 0x2032: // ′
    case 0x02bc: // ʼ
    case 0x2039: // ‹
    case 0x203a: // ›
    case 0xff07: // ＇
      return QUOTE_MARK;
    case 0x2010: // ‐
    case 0x2011: // non-breaking hyphen
    case 0x2012: // ‒
    case 0x2013: // –
    case 0x2014: // —
    case 0x2015: // ―
    case 0x2212: // −
    case 0xfe58: // ﹘
    case 0xfe63: // ﹣
    case 0xff0d: // －
      return HYPHEN;
  }
  if (c >= 0xd800 && c <= 0xdfff) return c; // surrogates: kept as they are
  const lower = String.fromCharCode(c).toLowerCase();
  return lower.length === 1 ? lower.charCodeAt(0) : -1;
}

interface Folded {
  text: string;
  /** The offset in the original text of the character folded text[i] came from. */
  origin(i: number): number;
}

const NON_ASCII = /[^\x00-\x7f]/;
/** The ASCII white space folding changes: a run with a character other than a space, or of two or more. */
const ASCII_SPACE_TO_FOLD = /[\t-\r][\t-\r ]*| [\t-\r ]+/g;
/** The ASCII white space runs folding shortens. */
const ASCII_SPACE_RUN = /[\t-\r ]{2,}/g;

/** Folds `text`, recording where each folded code unit came from. */
function foldWithMap(text: string): Folded {
  return NON_ASCII.test(text) || text.includes('--') ? foldUnits(text) : foldAscii(text);
}

/**
 * The fold of ASCII text, by the engine's own string functions: lower case, white space runs to
 * one space. Only the runs it shortens move offsets, so the map is where each one ends.
 */
function foldAscii(text: string): Folded {
  const folded = foldAsciiText(text);
  const after: number[] = [];
  const shift: number[] = [];
  let shifted = 0;
  for (const run of text.matchAll(ASCII_SPACE_RUN)) {
    after.push(run.index - shifted + 1);
    shifted += run[0].length - 1;
    shift.push(shifted);
  }
  return { text: folded, origin: (i) => i + (shift[lastAtMost(after, i)] ?? 0) };
}

/** The fold of ASCII text without its map. */
function foldAsciiText(text: string): string {
  return text.toLowerCase().replace(ASCII_SPACE_TO_FOLD, ' ').replaceAll("'", '"');
}

/** The index of the last of ascending `xs` that is at most `x`, or -1. */
function lastAtMost(xs: number[], x: number): number {
  let lo = 0;
  let hi = xs.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (xs[mid] <= x) lo = mid + 1;
    else hi = mid - 1;
  }
  return hi;
}

/** Past a run of dashes: a typed "--" (or "---") stands for a dash, so a run folds to one "-". */
function skipDashes(text: string, i: number): number {
  while (i < text.length) {
    const c = text.charCodeAt(i);
    if (c !== HYPHEN && (c < 0x2010 || foldUnit(c) !== HYPHEN)) break;
    i++;
  }
  return i;
}

/** The fold of any text, one code unit at a time. */
function foldUnits(text: string): Folded {
  const n = text.length;
  let out = new Uint16Array(n + 16);
  let starts = new Int32Array(n + 16);
  let len = 0;
  let surrogates = false;
  let i = 0;
  while (i < n) {
    const c = text.charCodeAt(i);
    if (len + 4 > out.length) {
      // Only lower-casing expansions (İ → i̇) can outgrow the first allocation.
      const bigger = new Uint16Array(out.length * 2);
      bigger.set(out);
      out = bigger;
      const biggerStarts = new Int32Array(starts.length * 2);
      biggerStarts.set(starts);
      starts = biggerStarts;
    }
    if (c < 0x80 && c > 0x20) {
      out[len] = c >= 0x41 && c <= 0x5a ? c + 32 : c === APOSTROPHE ? QUOTE_MARK : c;
      starts[len++] = i++;
      if (c === HYPHEN) i = skipDashes(text, i);
      continue;
    }
    if (isWhitespace(c)) {
      out[len] = SPACE;
      starts[len++] = i++;
      while (i < n && (isWhitespace(text.charCodeAt(i)) || isInvisible(text.charCodeAt(i)))) i++;
      continue;
    }
    if (isInvisible(c)) {
      i++;
      continue;
    }
    if (c >= 0xd800 && c <= 0xdfff) surrogates = true;
    const f = foldUnit(c);
    if (f === HYPHEN) {
      out[len] = f;
      starts[len++] = i;
      i = skipDashes(text, i + 1);
      continue;
    }
    if (f >= 0) {
      out[len] = f;
      starts[len++] = i;
    } else {
      const lower = String.fromCharCode(c).toLowerCase();
      for (let k = 0; k < lower.length && k < 4; k++) {
        out[len] = lower.charCodeAt(k);
        starts[len++] = i;
      }
    }
    i++;
  }
  const map = starts;
  return { text: unitsToString(out.subarray(0, len), surrogates), origin: (k) => map[k] };
}

const utf16 = typeof TextDecoder === 'function' ? new TextDecoder('utf-16le') : undefined;

/** UTF-16 code units to a string. TextDecoder is fast but would replace lone surrogates, so it is used only without them. */
function unitsToString(units: Uint16Array, surrogates: boolean): string {
  if (utf16 && !surrogates) return utf16.decode(units);
  const parts: string[] = [];
  const CHUNK = 8192;
  for (let k = 0; k < units.length; k += CHUNK) {
    parts.push(String.fromCharCode.apply(null, units.subarray(k, Math.min(units.length, k + CHUNK)) as unknown as number[]));
  }
  return parts.join('');
}

/** Folds a piece of the quote (no map needed). */
function foldPlain(text: string): string {
  return NON_ASCII.test(text) || text.includes('--') ? foldUnits(text).text : foldAsciiText(text);
}

const folds = new Map<string, Folded>();
/** Sources lower-cased, as `inFold` reads them. */
const lowerings = new Map<string, string>();

function foldedSource(source: string): Folded {
  return remembered(folds, source, foldWithMap);
}

/** What `make` makes of a source, kept for the last few sources: an edit re-checks the quotes of the same ones. */
function remembered<T>(cache: Map<string, T>, source: string, make: (source: string) => T): T {
  const hit = cache.get(source);
  if (hit !== undefined) {
    cache.delete(source);
    cache.set(source, hit);
    return hit;
  }
  const made = make(source);
  cache.set(source, made);
  while (cache.size > CACHE_SIZE) {
    const oldest = cache.keys().next().value;
    if (oldest === undefined) break;
    cache.delete(oldest);
  }
  return made;
}

// ---------------------------------------------------------------------------
// The quote's pieces

/** Between two pieces: any gap, or an editor's insertion (a bounded run of words, or the bracket's own text). */
type Gap = { kind: 'any' } | { kind: 'insertion'; maxSpaces: number; maxChars: number; literal?: string };

interface Pattern {
  pieces: string[];
  /** gaps[j] is the gap before pieces[j]; gaps[0] is unused. */
  gaps: Gap[];
  /** The quote starts with an insertion glued to a word ("[T]he"): the match extends back to the word's start. */
  leadingAttached: boolean;
  /** The quote ends with an insertion glued to a word ("state[s]"): the match extends to the word's end. */
  trailingAttached: boolean;
}

/**
 * Gap markers: `[...]`, `[…]`, `…`, `...`, `. . .`; and a bracketed insertion `[words]`.
 * Every alternative is linear: no nested quantifiers over overlapping classes.
 */
const MARKER = /\[[ \t]*(?:\.[ \t]*){2,}\]|\[[ \t]*\u2026[ \t]*\]|\u2026|\.(?:[ \u00a0]?\.){2,}|\[([^[\]]*)\]/g;

function parseQuote(quote: string): Pattern {
  type Seg = { kind: 'text'; text: string } | Gap;
  const segs: Seg[] = [];
  let last = 0;
  const lead = quote.length - quote.trimStart().length;
  const tail = quote.trimEnd().length;
  let leadingAttached = false;
  let trailingAttached = false;
  MARKER.lastIndex = 0;
  for (let m = MARKER.exec(quote); m; m = MARKER.exec(quote)) {
    const after = m.index + m[0].length;
    if (m[1] !== undefined && m.index === lead && after < tail && !/\s/.test(quote.charAt(after))) leadingAttached = true;
    if (m[1] !== undefined && after === tail && m.index > lead && !/\s/.test(quote.charAt(m.index - 1))) trailingAttached = true;
    segs.push({ kind: 'text', text: quote.slice(last, m.index) });
    if (m[1] !== undefined) {
      segs.push({
        kind: 'insertion',
        maxSpaces: MAX_INSERTION_WORDS + 1,
        maxChars: MAX_INSERTION_CHARS,
        literal: foldPlain(m[0]),
      });
    } else segs.push({ kind: 'any' });
    last = m.index + m[0].length;
  }
  segs.push({ kind: 'text', text: quote.slice(last) });

  const pieces: string[] = [];
  const gaps: Gap[] = [];
  let pending: Gap | undefined;
  for (const seg of segs) {
    if (seg.kind === 'text') {
      const text = foldPlain(seg.text).trim();
      if (text === '') continue;
      gaps.push(pieces.length === 0 ? { kind: 'any' } : pending ?? { kind: 'any' });
      pieces.push(text);
      pending = undefined;
    } else if (pieces.length > 0) {
      pending = mergeGaps(pending, seg);
    }
  }
  return { pieces, gaps, leadingAttached, trailingAttached };
}

function mergeGaps(a: Gap | undefined, b: Gap): Gap {
  if (!a) return b;
  if (a.kind === 'any' || b.kind === 'any') return { kind: 'any' };
  return { kind: 'insertion', maxSpaces: a.maxSpaces + b.maxSpaces, maxChars: a.maxChars + b.maxChars };
}

// ---------------------------------------------------------------------------
// Matching

interface Cluster {
  /** Pieces joined by insertions; clusters are joined by unbounded gaps. */
  pieces: string[];
  gaps: Gap[];
}

function clusters(p: Pattern): Cluster[] {
  const out: Cluster[] = [];
  p.pieces.forEach((piece, j) => {
    const gap = p.gaps[j]!;
    if (j === 0 || gap.kind === 'any') out.push({ pieces: [piece], gaps: [{ kind: 'any' }] });
    else {
      const c = out[out.length - 1]!;
      c.pieces.push(piece);
      c.gaps.push(gap);
    }
  });
  return out;
}

class Matcher {
  private steps = 0;
  /** Per cluster: (piece index, position) → end of the cluster's match from there, or -1. Each state is worked out once. */
  private readonly memo = new Map<Cluster, Map<number, number>>();
  constructor(private readonly text: string) {}

  /** Extends a cluster match whose piece j-1 ended at `pos`; returns the end of the whole cluster, or -1. */
  private extend(c: Cluster, j: number, pos: number): number {
    if (j >= c.pieces.length) return pos;
    let memo = this.memo.get(c);
    if (!memo) this.memo.set(c, (memo = new Map()));
    const key = j * (this.text.length + 1) + pos;
    const known = memo.get(key);
    if (known !== undefined) return known;
    const result = this.extendUncached(c, j, pos);
    memo.set(key, result);
    return result;
  }

  private extendUncached(c: Cluster, j: number, pos: number): number {
    const text = this.text;
    const piece = c.pieces[j]!;
    const gap = c.gaps[j]!;
    if (gap.kind === 'any') {
      const q = searchFrom(text, piece, pos);
      return q === -1 ? -1 : this.extend(c, j + 1, q + piece.length);
    }
    // The bracket's own words, as they stand.
    if (gap.literal !== undefined && text.startsWith(gap.literal, pos) && text.startsWith(piece, pos + gap.literal.length)) {
      const end = this.extend(c, j + 1, pos + gap.literal.length + piece.length);
      if (end !== -1) return end;
    }
    // Any run of at most maxSpaces separators and maxChars characters.
    // Searched in a window (a cheap sliced string), so a failed search does not scan the rest of the text.
    const window = text.slice(pos, pos + gap.maxChars + piece.length);
    let spaces = 0;
    let scanned = 0;
    for (let w = window.indexOf(piece); w !== -1; w = window.indexOf(piece, w + 1)) {
      if (++this.steps > STEP_BUDGET) return -1;
      for (; scanned < w; scanned++) if (window.charCodeAt(scanned) === SPACE) spaces++;
      if (spaces > gap.maxSpaces) break;
      const end = this.extend(c, j + 1, pos + w + piece.length);
      if (end !== -1) return end;
    }
    return -1;
  }

  /** The first match of the cluster starting at or after `from`. */
  forward(c: Cluster, from: number): { start: number; end: number } | undefined {
    // A piece missing altogether (the usual near miss) fails fast.
    if (c.pieces.some((p) => searchFrom(this.text, p, from) === -1)) return undefined;
    const first = c.pieces[0]!;
    for (let q = searchFrom(this.text, first, from); q !== -1; q = searchFrom(this.text, first, q + 1)) {
      if (++this.steps > STEP_BUDGET) return undefined;
      const end = this.extend(c, 1, q + first.length);
      if (end !== -1) return { start: q, end };
    }
    return undefined;
  }

  /** The match of the cluster with the latest start that ends at or before `limit`. */
  backward(c: Cluster, limit: number): { start: number; end: number } | undefined {
    const first = c.pieces[0]!;
    if (limit < first.length) return undefined;
    for (let q = this.text.lastIndexOf(first, limit - first.length); q !== -1; q = q === 0 ? -1 : this.text.lastIndexOf(first, q - 1)) {
      if (++this.steps > STEP_BUDGET) return undefined;
      const end = this.extend(c, 1, q + first.length);
      if (end !== -1 && end <= limit) return { start: q, end };
    }
    return undefined;
  }
}

/** Finds the pattern in folded text: offsets into the folded text. */
function matchFolded(text: string, pattern: Pattern): { start: number; end: number } | undefined {
  const cs = clusters(pattern);
  if (cs.length === 0) return undefined;
  const m = new Matcher(text);
  // Forward: each cluster as early as possible after the previous one.
  let pos = 0;
  let end = 0;
  let forwardStart: number | undefined;
  for (const c of cs) {
    const r = m.forward(c, pos);
    if (!r) return undefined;
    forwardStart ??= r.start;
    pos = end = r.end;
  }
  // Backward: pull each cluster as late as possible, so the span is tight
  // (an unbounded gap should not reach back to an early, unrelated occurrence).
  let limit = end;
  let start = 0;
  let last: number | undefined;
  for (let k = cs.length - 1; k >= 0; k--) {
    const r = m.backward(cs[k]!, limit);
    // Not reached in practice (the forward match is always there to be found); kept so a failure cannot lose a found quote.
    if (!r) return { start: forwardStart ?? 0, end };
    if (last === undefined) last = r.end;
    limit = start = r.start;
  }
  return { start, end: last ?? end };
}

function originalSpan(source: string, folded: Folded, start: number, end: number): { start: number; end: number } {
  const from = folded.origin(start);
  const lastStart = folded.origin(end - 1);
  let to = lastStart + 1;
  if (folded.text.charCodeAt(end - 1) === SPACE && isWhitespace(source.charCodeAt(lastStart))) {
    while (to < source.length && (isWhitespace(source.charCodeAt(to)) || isInvisible(source.charCodeAt(to)))) to++;
  }
  return { start: from, end: to };
}

// ---------------------------------------------------------------------------
// Public API

/**
 * Find an evidence quote in a source's text. Folding: whitespace runs, case,
 * curly/straight quotes and apostrophes (“”‘’ vs "'), dashes (– — vs -) are
 * folded; `[...]`, `[…]`, `…` and `. . .` in the quote match any gap (including
 * none) in the source; a `[bracketed insertion]` in the quote (an editor's
 * words) matches any run of words (including none). Returns the offsets in the
 * ORIGINAL source text of the matched passage, or undefined.
 */
export function findQuote(source: string, quote: string): { start: number; end: number } | undefined {
  try {
    if (typeof source !== 'string' || typeof quote !== 'string') return undefined;
    const folded = foldedSource(source);
    // The quote taken literally (its markers included) first: exact and cheapest.
    const literal = foldPlain(quote).trim();
    if (literal === '') return undefined;
    const at = searchFrom(folded.text, literal);
    if (at !== -1) return originalSpan(source, folded, at, at + literal.length);
    const pattern = parseQuote(quote);
    if (pattern.pieces.length === 0) return undefined;
    const m = matchFolded(folded.text, pattern);
    if (!m || m.end <= m.start) return undefined;
    let { start, end } = m;
    const text = folded.text;
    if (pattern.leadingAttached) for (let k = 0; k < MAX_WORD_EXTENSION && start > 0 && WORD_CHAR.test(text.charAt(start - 1)); k++) start--;
    if (pattern.trailingAttached) for (let k = 0; k < MAX_WORD_EXTENSION && end < text.length && WORD_CHAR.test(text.charAt(end)); k++) end++;
    return originalSpan(source, folded, start, end);
  } catch {
    return undefined;
  }
}

/**
 * Whether `findQuote` finds the quote: for the check, which needs no span, and reads thousands of
 * sources once each. An ASCII quote as its source has it, but for case, line breaks and quote
 * marks (the usual case), is found without folding the source (see `inFold`); any other is looked
 * for by `findQuote`.
 */
export function quoteIn(source: string, quote: string): boolean {
  try {
    const literal = foldPlain(quote).trim();
    if (literal === '') return false;
    // A source folded already (a hover, an earlier check) is searched in its fold.
    if (!NON_ASCII.test(literal) && !folds.has(source) && inFold(remembered(lowerings, source, (text) => text.toLowerCase()), literal)) return true;
  } catch {
    // findQuote decides.
  }
  return findQuote(source, quote) !== undefined;
}

/**
 * Whether the folded ASCII `literal` is in the fold of a source, found in the source lower-cased
 * (`lower`) without building that fold: where it holds the literal's longest word, the rest is
 * compared a character at a time either way, a space of the literal against a run of ASCII white
 * space, a quote mark against either ASCII one.
 *
 * A match is all ASCII, and there lower-casing and folding agree (only non-ASCII characters fold
 * otherwise: curly quotes, dashes, other blanks, invisible ones, a final sigma); where the source
 * differs from the quote in those, this says false and `findQuote` decides. False also when the
 * comparing passes a budget linear in the source (a quote of one word over and over).
 */
function inFold(lower: string, literal: string): boolean {
  const anchor = longestWord(literal);
  if (!anchor) return false;
  const word = literal.slice(anchor.start, anchor.end);
  const compare = new Comparison(lower, literal, 4 * lower.length + literal.length);
  for (let at = searchFrom(lower, word); at !== -1 && compare.budget > 0; at = searchFrom(lower, word, at + 1)) {
    if (compare.forward(at + word.length, anchor.end) && compare.backward(at - 1, anchor.start - 1)) return true;
  }
  return false;
}

/** The longest run of the literal without blanks or quote marks (those fold from more than one character), or undefined. */
function longestWord(literal: string): { start: number; end: number } | undefined {
  let best: { start: number; end: number } | undefined;
  let start = 0;
  for (let i = 0; i <= literal.length; i++) {
    const c = literal.charCodeAt(i);
    if (c === SPACE || c === QUOTE_MARK || i === literal.length) {
      if (i > start && (!best || i - start > best.end - best.start)) best = { start, end: i };
      start = i + 1;
    }
  }
  return best;
}

/** The literal compared with the lower-cased source around a place its anchor word was found, within a budget of characters. */
class Comparison {
  constructor(
    private readonly lower: string,
    private readonly literal: string,
    public budget: number,
  ) {}

  /** Whether the literal from `j` on follows in the source from `k` on. */
  forward(k: number, j: number): boolean {
    const { lower, literal } = this;
    for (; j < literal.length; j++, this.budget--) {
      const c = literal.charCodeAt(j);
      if (c !== SPACE) {
        if (!sameFolded(lower.charCodeAt(k++), c)) return false;
      } else {
        if (!isAsciiSpace(lower.charCodeAt(k))) return false;
        while (isAsciiSpace(lower.charCodeAt(++k))) this.budget--;
      }
    }
    return true;
  }

  /** Whether the literal up to `j` (inclusive) comes in the source just before `k` (inclusive). */
  backward(k: number, j: number): boolean {
    const { lower, literal } = this;
    for (; j >= 0; j--, this.budget--) {
      const c = literal.charCodeAt(j);
      if (c !== SPACE) {
        if (!sameFolded(lower.charCodeAt(k--), c)) return false;
      } else {
        if (!isAsciiSpace(lower.charCodeAt(k))) return false;
        while (isAsciiSpace(lower.charCodeAt(--k))) this.budget--;
      }
    }
    return true;
  }
}

/** Whether a lower-cased ASCII source character folds to the literal's `c`: an apostrophe folds to a quote mark. */
function sameFolded(source: number, c: number): boolean {
  return source === c || (c === QUOTE_MARK && source === APOSTROPHE);
}

/** ASCII white space: tab to carriage return, and space. */
function isAsciiSpace(c: number): boolean {
  return c === SPACE || (c >= 0x09 && c <= 0x0d);
}

/** Where a quote not found departs from the closest passage of its source (see `quoteDivergence`). */
export interface QuoteDivergence {
  /** The closest passage (offsets in the source): the part of it that agrees with the quote. */
  span: { start: number; end: number };
  /** Whether that part agrees with the quote's start (it departs after it) or with its end (before it). */
  agreesWithStart: boolean;
  /** What the source has where it departs, and what the quote has there: a few words of each, as written. */
  source: string;
  quote: string;
}

/** Characters of each side shown where a quote departs from its source. */
const EXCERPT = 24;

/**
 * For a quote `findQuote` does not find: the longest start or end of it that the source holds
 * (folded alike), when that is a good part of it, and what each has where they part. Undefined
 * for a quote with gap markers (it has no one place to depart) or nothing close.
 */
export function quoteDivergence(source: string, quote: string): QuoteDivergence | undefined {
  try {
    if (quote.search(MARKER) !== -1) return undefined;
    const folded = foldedSource(source);
    const q = foldWithMap(quote);
    const lead = q.text.length - q.text.trimStart().length;
    const literal = q.text.trim();
    const { head, tail } = quoteEnds(folded, literal);
    const agreesWithStart = head.n >= tail.n;
    const { n, at } = agreesWithStart ? head : tail;
    if (n < Math.max(10, literal.length / 4)) return undefined;
    const span = originalSpan(source, folded, at, at + n);
    // Each side is shown from the start of the word they part in (or up to its end): "48" against "45", not "8" against "5".
    return agreesWithStart
      ? { span, agreesWithStart, source: excerpt(source, wordStart(source, span.end), 1), quote: excerpt(quote, wordStart(quote, q.origin(lead + n)), 1) }
      : { span, agreesWithStart, source: excerpt(source, wordEnd(source, span.start), -1), quote: excerpt(quote, wordEnd(quote, q.origin(lead + literal.length - n - 1) + 1), -1) };
  } catch {
    return undefined;
  }
}

/** The most characters a confident closest passage and its quote may differ by, on each side: a word, a spelling. */
const MAX_DIFFERENCE = 16;

/**
 * For a quote `findQuote` does not find: the passage of the source it plainly means, when they
 * differ in one place by a word or a few characters (a spelling, a transliteration, a word left out
 * or added), as offsets in the source; undefined for anything less certain. The passage runs from
 * the longest start of the quote the source holds to the longest end of it found just after (or
 * the other way round), starts and ends at a word's edge where the quote does, and differs from
 * the quote, folded alike, in at most MAX_DIFFERENCE characters and one space on either side.
 */
export function sourceWording(source: string, quote: string): { start: number; end: number } | undefined {
  try {
    if (quote.search(MARKER) !== -1) return undefined;
    const folded = foldedSource(source);
    const text = folded.text;
    const literal = foldPlain(quote).trim();
    if (literal.length < 10) return undefined;
    const { head, tail } = quoteEnds(folded, literal);
    const tries = head.n >= tail.n ? [fromHead, fromTail] : [fromTail, fromHead];
    for (const along of tries) {
      const passage = along(text, literal, along === fromHead ? head : tail);
      if (passage && confident(text, literal, passage)) return originalSpan(source, folded, passage.start, passage.end);
    }
    return undefined;
  } catch {
    return undefined;
  }
}

/** The passage from where the quote's longest start is found to the end of the longest end of it found close after. */
function fromHead(text: string, literal: string, head: { n: number; at: number }): { start: number; end: number } | undefined {
  if (head.n === 0) return undefined;
  const L = literal.length;
  const limit = head.at + L + MAX_DIFFERENCE;
  // A shorter end starts no earlier in the quote, so it may start no earlier in the source either: the search stays monotone.
  const tail = longestFound(L, (n) => {
    // Searched in the window alone: a failed search does not scan the rest of the source.
    const from = head.at + Math.min(head.n, L - n);
    const at = text.slice(from, limit).indexOf(literal.slice(L - n));
    return at === -1 ? -1 : from + at;
  });
  return tail.n > 0 ? { start: head.at, end: tail.at + tail.n } : undefined;
}

/** The passage from the start of the quote's longest start found close before its longest end found, to that end. */
function fromTail(text: string, literal: string, tail: { n: number; at: number }): { start: number; end: number } | undefined {
  if (tail.n === 0) return undefined;
  const L = literal.length;
  const end = tail.at + tail.n;
  const limit = end - L - MAX_DIFFERENCE;
  const head = longestFound(L, (n) => {
    const from = Math.max(0, limit);
    const at = text.slice(from, end - Math.min(tail.n, L - n)).lastIndexOf(literal.slice(0, n));
    return at === -1 ? -1 : from + at;
  });
  return head.n > 0 ? { start: head.at, end } : undefined;
}

/** Whether a passage differs from the quote (folded) in one place, by little, and has a word's edges where the quote has them. */
function confident(text: string, literal: string, passage: { start: number; end: number }): boolean {
  const found = text.slice(passage.start, passage.end);
  let same = 0;
  while (same < found.length && same < literal.length && found[same] === literal[same]) same++;
  let sameEnd = 0;
  const most = Math.min(found.length, literal.length) - same;
  while (sameEnd < most && found[found.length - 1 - sameEnd] === literal[literal.length - 1 - sameEnd]) sameEnd++;
  const differ = [found.slice(same, found.length - sameEnd), literal.slice(same, literal.length - sameEnd)];
  if (differ.every((d) => d === '')) return false;
  if (differ.some((d) => d.length > Math.min(MAX_DIFFERENCE, literal.length / 4) || d.split(' ').length > 2)) return false;
  const wordy = (c: string) => WORD_CHAR.test(c);
  const edgeAtStart = !wordy(literal.charAt(0)) || !wordy(text.charAt(passage.start - 1));
  const edgeAtEnd = !wordy(literal.charAt(literal.length - 1)) || !wordy(text.charAt(passage.end));
  return edgeAtStart && edgeAtEnd;
}

interface QuoteEnds {
  head: { n: number; at: number };
  tail: { n: number; at: number };
}

/** Per folded source, the ends worked out for each quote: the check, the hover and the fix ask alike, and on a repetitive source each search is slow. */
const endsFound = new WeakMap<Folded, Map<string, QuoteEnds>>();
/** Quotes remembered per source. */
const ENDS_KEPT = 64;

/** The longest start (`head`) and end (`tail`) of a folded quote that its folded source holds, and the first place of each. */
function quoteEnds(folded: Folded, literal: string): QuoteEnds {
  let known = endsFound.get(folded);
  const hit = known?.get(literal);
  if (hit) return hit;
  const found = (part: string) => searchFrom(folded.text, part);
  const headAt = (n: number) => found(literal.slice(0, n));
  const tailAt = (n: number) => found(literal.slice(literal.length - n));
  // A part that ends (or starts) inside an astral character, half of it found, is a character shorter.
  const head = whole(longestFound(literal.length, headAt), (n) => isHighSurrogate(literal.charCodeAt(n - 1)), headAt);
  const tail = whole(longestFound(literal.length, tailAt), (n) => isLowSurrogate(literal.charCodeAt(literal.length - n)), tailAt);
  if (!known) endsFound.set(folded, (known = new Map()));
  if (known.size >= ENDS_KEPT) known.clear();
  const ends = { head, tail };
  known.set(literal, ends);
  return ends;
}

/**
 * The largest n below `max` for which `find(n)` finds a place, and that place: a text that holds
 * a part of a quote holds that part's own parts, so a binary search finds it.
 */
function longestFound(max: number, find: (n: number) => number): { n: number; at: number } {
  let lo = 0;
  let hi = max - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (find(mid) !== -1) lo = mid;
    else hi = mid - 1;
  }
  return { n: lo, at: lo > 0 ? find(lo) : -1 };
}

/** `part` a character shorter when it would split one (`splits`), and where that shorter part is. */
function whole(part: { n: number; at: number }, splits: (n: number) => boolean, find: (n: number) => number): { n: number; at: number } {
  return part.n > 0 && splits(part.n) ? { n: part.n - 1, at: part.n > 1 ? find(part.n - 1) : -1 } : part;
}

const isHighSurrogate = (c: number) => c >= 0xd800 && c <= 0xdbff;
const isLowSurrogate = (c: number) => c >= 0xdc00 && c <= 0xdfff;

/** Where the word that `offset` is inside of (or just after) starts. */
function wordStart(text: string, offset: number): number {
  while (offset > 0 && WORD_CHAR.test(text.charAt(offset - 1)) && WORD_CHAR.test(text.charAt(offset))) offset--;
  return offset;
}

/** Where the word that `offset` is just after or inside of ends. */
function wordEnd(text: string, offset: number): number {
  while (offset < text.length && WORD_CHAR.test(text.charAt(offset)) && offset > 0 && WORD_CHAR.test(text.charAt(offset - 1))) offset++;
  return offset;
}

/** A few characters of `text` after `offset` (`dir` 1) or before it (-1), white space shown as one space. */
function excerpt(text: string, offset: number, dir: 1 | -1): string {
  let [from, to] = dir === 1 ? [offset, offset + EXCERPT] : [offset - EXCERPT, offset];
  // Never half of an astral character (an emoji): a lone surrogate shows as a replacement character.
  if (isHighSurrogate(text.charCodeAt(to - 1)) && isLowSurrogate(text.charCodeAt(to))) to++;
  if (isLowSurrogate(text.charCodeAt(from)) && isHighSurrogate(text.charCodeAt(from - 1))) from--;
  const spaced = text.slice(Math.max(0, from), Math.min(text.length, to)).replace(/\s+/g, ' ');
  // The file's last line break (or a first blank) is no part of what it says there.
  const shown = to >= text.length ? spaced.trimEnd() : from <= 0 ? spaced.trimStart() : spaced;
  if (shown === '') return dir === 1 ? '(the end)' : '(the start)';
  return dir === 1 ? (to < text.length ? `${shown.trimEnd()}…` : shown) : from > 0 ? `…${shown.trimStart()}` : shown;
}

/** Marks that read as double quotation marks. */
const DOUBLE_MARKS = /["“”„‟«»〝〞＂″]/;
/** Single quote marks, but for an apostrophe inside a word (the ’ of "Mykolaiv’s" reads as none). */
const SINGLE_MARKS = /(?<![\p{L}\p{N}])['‘’‚‛‹›]|['‘’‚‛‹›](?![\p{L}\p{N}])/u;

/**
 * How excerpts of a source and a quote are set off in a message: with `double` marks unless one
 * of them holds a double quote mark of any kind (`"Mykolaiv” while…"` reads as broken quoting),
 * then with the first of ‘…’, «…», ⟨…⟩ whose marks neither holds.
 */
export function setOff(excerpts: string[], double: readonly [string, string]): (s: string) => string {
  const pairs: Array<{ marks: readonly [string, string]; clash: RegExp }> = [
    { marks: double, clash: DOUBLE_MARKS },
    { marks: ['‘', '’'], clash: SINGLE_MARKS },
    { marks: ['«', '»'], clash: /[«»]/ },
  ];
  const fits = pairs.find((p) => !excerpts.some((e) => p.clash.test(e)));
  const [open, close] = fits?.marks ?? ['⟨', '⟩'];
  return (s) => `${open}${s}${close}`;
}

/**
 * The lines around a span, for a hover: the matched lines plus `context` lines
 * before and after, as {firstLine (0-based), text}.
 */
export function passageContext(source: string, span: { start: number; end: number }, context: number): { firstLine: number; text: string } {
  const n = source.length;
  const start = clamp(Math.min(span.start, span.end), 0, n);
  const endExclusive = clamp(Math.max(span.start, span.end), 0, n);
  const lastChar = endExclusive > start ? endExclusive - 1 : start;
  const ctx = Math.max(0, Math.floor(Number.isFinite(context) ? context : 0));

  // Line of `start`, counted without splitting the whole text.
  let line = 0;
  for (let i = source.indexOf('\n'); i !== -1 && i < start; i = source.indexOf('\n', i + 1)) line++;

  // Walk back `ctx` lines from the start's line.
  let from = start === 0 ? 0 : source.lastIndexOf('\n', start - 1) + 1;
  let firstLine = line;
  for (let k = 0; k < ctx && from > 0; k++) {
    from = from - 1 === 0 ? 0 : source.lastIndexOf('\n', from - 2) + 1;
    firstLine--;
  }

  // Walk forward to the end of the last char's line, then `ctx` more lines.
  let to = lastChar >= n ? n : source.indexOf('\n', lastChar);
  if (to === -1) to = n;
  for (let k = 0; k < ctx && to < n; k++) {
    const next = source.indexOf('\n', to + 1);
    to = next === -1 ? n : next;
  }
  const text = source.slice(from, to).replace(/\r(?=\n)|\r$/g, '');
  return { firstLine, text };
}

function clamp(x: number, lo: number, hi: number): number {
  return Number.isFinite(x) ? Math.min(hi, Math.max(lo, x)) : lo;
}
