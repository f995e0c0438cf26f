// Estimative language (brief §2): likelihood scales, recognition of estimative
// terms, hedges and confidence phrases in running text, sentence spans, and
// interval arithmetic. Pure: no I/O. Every RegExp is compiled once, at load.

import { distance } from 'fastest-levenshtein';
import type { Span } from './types';
import { codeSpanEndingFrom, codeSpans, escaped, inCodeSpan, inNameSpan, nameSpans } from './literal';

export type ScaleName = 'icd203' | 'phia';

/** How a message names a scale: "ICD 203", "PHIA". */
export function scaleName(scale: ScaleName): string {
  return scale === 'phia' ? 'PHIA' : 'ICD 203';
}

/** A probability interval, both ends in 0..1. */
export interface Interval {
  lo: number;
  hi: number;
}

/** A likelihood term of a scale. `words` = canonical + synonyms, lowercase. */
export interface Term {
  canonical: string;
  words: string[];
  interval: Interval;
}

const term = (canonical: string, synonyms: string[], lo: number, hi: number): Term =>
  Object.freeze({
    canonical,
    words: Object.freeze([canonical, ...synonyms]) as string[],
    interval: Object.freeze({ lo, hi }),
  });

/** ICD 203 (the default), as in brief §2. */
const ICD203: readonly Term[] = Object.freeze([
  term('almost no chance', ['remote'], 0.01, 0.05),
  term('very unlikely', ['highly unlikely', 'highly improbable', 'highly doubtful'], 0.05, 0.2),
  term('unlikely', ['improbable', 'doubtful'], 0.2, 0.45),
  term('roughly even chance', ['roughly even odds', 'even chance'], 0.45, 0.55),
  term('likely', ['probable', 'probably', 'most likely'], 0.55, 0.8),
  term('very likely', ['highly likely', 'highly probable'], 0.8, 0.95),
  term('almost certain', ['almost certainly', 'nearly certain'], 0.95, 0.99),
]);

/**
 * UK PHIA probability yardstick. Besides the yardstick's own words, the ICD
 * synonyms that plainly mean the same band are accepted ("very likely" is
 * "highly likely"), so that running text written to one scale is not misread
 * under the other ("very unlikely" would otherwise be read as "unlikely").
 * "remote" alone is not a PHIA term; "remote chance" is.
 */
const PHIA: readonly Term[] = Object.freeze([
  term('remote chance', [], 0, 0.05),
  term('highly unlikely', ['very unlikely', 'highly improbable', 'highly doubtful'], 0.1, 0.2),
  term('unlikely', ['improbable', 'doubtful'], 0.25, 0.35),
  term('realistic possibility', [], 0.4, 0.5),
  term('likely', ['probably', 'probable', 'most likely'], 0.55, 0.75),
  term('highly likely', ['very likely', 'highly probable'], 0.8, 0.9),
  term('almost certain', ['almost certainly', 'nearly certain'], 0.95, 1),
]);

const SCALES: Record<ScaleName, readonly Term[]> = { icd203: ICD203, phia: PHIA };

/** Hedges: words that qualify a statement without stating a probability. */
const HEDGES: readonly string[] = [
  'could',
  'may',
  'might',
  'possibly',
  'perhaps',
  'conceivably',
  'cannot be ruled out',
  'can not be ruled out',
  "can't be ruled out",
  'could not be ruled out',
  'it is possible that',
  "it's possible that",
];

export function scaleTerms(scale: ScaleName): readonly Term[] {
  return SCALES[scale] ?? ICD203;
}

/** "likely (55–80%)"; a term named by its numbers ("60-75%", a percentage read in the text) is its interval alone: "60–75%". */
export function termMeaning(t: Term): string {
  return PERCENT_NAME.test(t.canonical) ? formatInterval(t.interval) : `${t.canonical} (${formatInterval(t.interval)})`;
}

const PERCENT_NAME = /^[\d.-]+%$/;

/** A term that no scale names, called by its interval as a `likelihood:` value would write it ("70%", "50-100%"). */
function percentTerm(lo: number, hi: number): Term {
  const canonical = lo === hi ? `${pct(lo)}%` : `${pct(lo)}-${pct(hi)}%`;
  return Object.freeze({ canonical, words: Object.freeze([canonical]) as string[], interval: Object.freeze({ lo, hi }) });
}

/**
 * Phrases read in running text, not taken as a `likelihood:` value. "more likely than not" is the
 * lawyers' preponderance of the evidence: anything above one half, with no upper bound, so
 * 50–100% (read as "likely", 55–80%, it clashed with a declared 90%); "less likely than not" is
 * its mirror, 0–50%; "as likely as not" is even odds, 50%. "in all likelihood" and "likeliest" say
 * what "likely" and "most likely" say.
 */
function textPhrases(scale: ScaleName): Array<[string, Term]> {
  const likely = LOOKUP[scale].get('likely')!;
  return [
    ['more likely than not', percentTerm(0.5, 1)],
    ['less likely than not', percentTerm(0, 0.5)],
    ['as likely as not', percentTerm(0.5, 0.5)],
    ['in all likelihood', likely],
    ['likeliest', likely],
  ];
}

/** Lowercase, straight apostrophes, whitespace collapsed and trimmed. */
function normalize(text: string): string {
  return text.toLowerCase().replace(/[\u2018\u2019\u02bc]/g, "'").replace(/\s+/g, ' ').trim();
}

const LOOKUP: Record<ScaleName, Map<string, Term>> = {
  icd203: new Map(ICD203.flatMap((t) => t.words.map((w) => [w, t] as const))),
  phia: new Map(PHIA.flatMap((t) => t.words.map((w) => [w, t] as const))),
};

/** Exact lookup of a likelihood attribute's words (case-insensitive, internal whitespace collapsed). */
export function lookupTerm(text: string, scale: ScaleName): Term | undefined {
  const terms = LOOKUP[scale] ?? LOOKUP.icd203;
  // A value written as the term itself, the usual case, is its own normal form: no copies made.
  return terms.get(text) ?? terms.get(normalize(text));
}

// ---------------------------------------------------------------------------
// Nearest valid value

/** Words that only grade a value: dropped to find what was meant ("fairly likely" → "likely"). */
const MODIFIERS = new Set([
  'fairly', 'very', 'quite', 'rather', 'somewhat', 'pretty', 'extremely', 'highly', 'moderately',
  'reasonably', 'relatively', 'really', 'more', 'less', 'most', 'least', 'mostly', 'slightly',
  'so', 'too', 'super', 'ultra', 'medium', 'mid', 'low', 'high',
]);

/** Common stand-ins for a valid value, used only when a target is among the candidates. */
const ALIASES: ReadonlyMap<string, readonly string[]> = new Map(Object.entries({
  medium: ['moderate'],
  mid: ['moderate'],
  average: ['moderate'],
  med: ['moderate'],
  probably: ['likely'],
  probable: ['likely'],
  improbable: ['unlikely'],
  certain: ['almost certain'],
  'almost certainly': ['almost certain'],
  'even chance': ['roughly even chance'],
  'even odds': ['roughly even chance'],
  '50/50': ['roughly even chance'],
  'fifty-fifty': ['roughly even chance'],
  remote: ['almost no chance', 'remote chance'],
  'almost no chance': ['remote chance'],
  'remote chance': ['almost no chance'],
  yes: ['true'],
  no: ['false'],
}));

/**
 * Nearest valid value for an invalid one, or undefined if nothing is close.
 * In order: an exact (normalised) match; an alias ("medium" → "moderate");
 * "very X" ↔ "highly X"; the value with grading words dropped ("fairly likely"
 * → "likely", "very high" → "high"); the candidate at the smallest Levenshtein
 * distance, if that distance is at most a third of the value's length
 * (rounded up), ties going to the earlier candidate. With `accept`, only candidates it accepts:
 * the list's normal forms are kept from call to call, and a filtered copy per call would be
 * read afresh each time (thousands of unresolved refs, each over a document's 80,000 IDs).
 */
export function nearestValue(text: string, candidates: readonly string[], accept?: (candidate: string) => boolean): string | undefined {
  const value = normalize(text);
  if (value === '' || candidates.length === 0) return undefined;
  const list = normalized(candidates);
  const { byNorm } = list;
  const exact = (v: string): string | undefined => {
    const hit = byNorm.get(v);
    if (hit !== undefined && (!accept || accept(hit))) return hit;
    for (const alias of ALIASES.get(v) ?? []) {
      const target = byNorm.get(alias);
      if (target !== undefined && (!accept || accept(target))) return target;
    }
    return undefined;
  };

  const direct = exact(value);
  if (direct !== undefined) return direct;

  const words = value.split(' ');
  if (words.length > 1) {
    if (words[0] === 'very' || words[0] === 'highly') {
      const swapped = exact([words[0] === 'very' ? 'highly' : 'very', ...words.slice(1)].join(' '));
      if (swapped !== undefined) return swapped;
    }
    // Drop leading grading words one at a time: "not very likely" → "very likely" → "likely".
    for (let i = 1; i < words.length; i++) {
      if (!MODIFIERS.has(words[i - 1]!)) break;
      const rest = exact(words.slice(i).join(' '));
      if (rest !== undefined) return rest;
    }
  }

  const best = closest(value, list, accept);
  if (best !== undefined) return best;
  // Finally, the last word alone within edit distance ("fairly likley" → "likely").
  if (words.length > 1) return closest(words[words.length - 1]!, list, accept);
  return undefined;
}

/**
 * A list of candidates as read once: by normal form (the first candidate of each), and the distinct
 * normal forms in order with their lengths and letters, for the distance search.
 */
interface Candidates {
  byNorm: Map<string, string>;
  norms: string[];
  originals: string[];
  lengths: Int32Array;
  letters: Int32Array;
}

/** Once per list: a document's IDs are asked for again and again. */
const normalizedLists = new WeakMap<readonly string[], Candidates>();
function normalized(candidates: readonly string[]): Candidates {
  let list = normalizedLists.get(candidates);
  if (!list) {
    const byNorm = new Map<string, string>();
    for (const c of candidates) {
      const n = normalizedCandidate(c);
      if (!byNorm.has(n)) byNorm.set(n, c);
    }
    const norms = [...byNorm.keys()];
    list = {
      byNorm,
      norms,
      originals: [...byNorm.values()],
      lengths: Int32Array.from(norms, (n) => n.length),
      letters: Int32Array.from(norms, letterSet),
    };
    normalizedLists.set(candidates, list);
  }
  return list;
}

/**
 * Give `next`, equal to `previous` but at the positions `changed`, its normal forms from
 * `previous`'s rather than from scratch. Only where no two candidates share a normal form, so
 * that positions align; otherwise `next` is normalized when it is first asked.
 */
export function deriveCandidates(previous: readonly string[], next: readonly string[], changed: readonly number[]): void {
  const prev = normalizedLists.get(previous);
  if (!prev || prev.norms.length !== previous.length || next.length !== previous.length || normalizedLists.has(next)) return;
  const byNorm = new Map(prev.byNorm);
  for (const i of changed) byNorm.delete(prev.norms[i]!);
  const [norms, lengths, letters] = [prev.norms.slice(), prev.lengths.slice(), prev.letters.slice()];
  for (const i of changed) {
    const n = normalizedCandidate(next[i]!);
    if (byNorm.has(n)) return;
    byNorm.set(n, next[i]!);
    [norms[i], lengths[i], letters[i]] = [n, n.length, letterSet(n)];
  }
  normalizedLists.set(next, { byNorm, norms, originals: next.slice(), lengths, letters });
}

/** Candidates' normal forms, kept: a renamed ID makes a new list of a document's IDs, nearly all as before. */
const normalForms = new Map<string, string>();
function normalizedCandidate(c: string): string {
  let n = normalForms.get(c);
  if (n === undefined) {
    if (normalForms.size >= 200_000) normalForms.clear();
    normalForms.set(c, (n = normalize(c)));
  }
  return n;
}

/**
 * The first candidate at the smallest distance from `value`, if that is within a third of its
 * length (and less than all of it). A candidate is measured only if it could beat the best so far
 * and be within that bound: the edit distance is at least the difference in length, and at least
 * the number of letters one has that the other lacks entirely.
 */
function closest(value: string, { norms, originals, lengths, letters }: Candidates, accept?: (candidate: string) => boolean): string | undefined {
  const limit = Math.min(Math.ceil(value.length / 3), value.length - 1);
  const mine = letterSet(value);
  let best = -1;
  let bestDist = limit + 1;
  // Of two as near, one that starts as the value does: `E3` is nearer `E1` than `C3` (an ID's prefix names its kind).
  let bestAlike = false;
  const first = value.charCodeAt(0);
  for (let i = 0; i < norms.length; i++) {
    const alike = norms[i]!.charCodeAt(0) === first;
    const bound = Math.max(Math.abs(lengths[i]! - value.length), bitCount(mine & ~letters[i]!), bitCount(letters[i]! & ~mine));
    if (bound > bestDist || (bound === bestDist && (bestAlike || !alike))) continue;
    const d = distance(value, norms[i]!);
    if ((d < bestDist || (d === bestDist && d <= limit && alike && !bestAlike)) && (!accept || accept(originals[i]!))) {
      bestDist = d;
      best = i;
      bestAlike = alike;
    }
  }
  return best < 0 ? undefined : originals[best];
}

/** The characters of `s` as a set of 32 classes (by code modulo 32): a class in one set and not the other is a character the other lacks. */
function letterSet(s: string): number {
  let set = 0;
  for (let i = 0; i < s.length; i++) set |= 1 << (s.charCodeAt(i) & 31);
  return set;
}

function bitCount(x: number): number {
  x -= (x >>> 1) & 0x55555555;
  x = (x & 0x33333333) + ((x >>> 2) & 0x33333333);
  return Math.imul((x + (x >>> 4)) & 0x0f0f0f0f, 0x01010101) >>> 24;
}

// ---------------------------------------------------------------------------
// Quotations

/**
 * The insides of the double-quoted passages of a text ("…" or “…”): words someone else said or
 * wrote, whose hedges and terms are theirs, not the analyst's ('experts call it "the only
 * source China can conceivably maintain"' does not hedge). A quotation mark with no partner is
 * left alone, and so is a quotation that is the whole text. Undefined when there is none.
 */
export function quotedSpans(text: string): readonly Span[] | undefined {
  if (!QUOTE_MARK.test(text)) return undefined;
  const marks = withoutCodedQuotes(text);
  let spans: Span[] | undefined;
  QUOTED.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = QUOTED.exec(marks)) !== null) {
    const start = m.index + 1;
    const end = m.index + m[0].length - 1;
    if (text.slice(0, m.index).trim() === '' && NOTHING_SAID.test(text.slice(end + 1).replace(BRACKETED, ''))) continue;
    (spans ??= []).push({ start, end });
  }
  return spans;
}

/**
 * `text` with each quotation mark that stands in a code span made a space (the same length): a
 * `"` shown in code (`` `"x"` ``, `` `say "hi` ``) opens and closes no quotation. `text` itself
 * when no code span holds one, as nearly always.
 */
function withoutCodedQuotes(text: string): string {
  const code = codeSpans(text);
  let out = '';
  let last = 0;
  for (let k = 0; k < code.length; k += 2) {
    const inside = text.slice(code[k], code[k + 1]);
    if (!QUOTE_MARK_IN_CODE.test(inside)) continue;
    out += text.slice(last, code[k]) + inside.replace(QUOTE_MARKS, ' ');
    last = code[k + 1];
  }
  return last === 0 ? text : out + text.slice(last);
}

const QUOTE_MARK = /["\u201c]/;
const QUOTE_MARK_IN_CODE = /["\u201c\u201d]/;
const QUOTE_MARKS = /["\u201c\u201d]/g;
const QUOTED = /"[^"]*"|\u201c[^\u201c\u201d]*\u201d/g;
/** After a quotation that is the whole text: marks and citations only. */
const NOTHING_SAID = /^[\s\p{P}]*$/u;
const BRACKETED = /\[[^\]]*\]/g;

function inSpans(spans: readonly Span[], at: number): boolean {
  return spans.some((s) => at >= s.start && at < s.end);
}

/**
 * Whether start..end touches a code span of `code` (as `codeSpans` gives them): literal text, a
 * flag or a term shown rather than used (`may_escalate`, "the term `likely`"), which says nothing
 * about how likely the statement is. Either end inside is enough: a match never spans a backtick
 * and an outside word beside it, but a phrase may run up to one.
 */
function inCode(code: readonly number[], start: number, end: number): boolean {
  return code.length > 0 && (inCodeSpan(code, start) || inCodeSpan(code, end - 1));
}

// ---------------------------------------------------------------------------
// Recognition in running text

export interface EstimativeWord {
  start: number;
  end: number;
  text: string;
  kind: 'term' | 'hedge';
  term?: Term;
  /**
   * A term denied by a "not" before it, after a copula ("is not likely", "isn't very likely"):
   * the word's span starts at the "not" (or the "n't"), and its term is the complement of the
   * one written ("not likely" reads as unlikely). Denying the top band ("is not almost certain")
   * or a term below even odds ("not unlikely", "is not remote") states no probability: that word
   * is a hedge. "Not likely." opening a sentence is a denial too, and so is "is not a realistic
   * possibility", "there is no remote chance".
   */
  negated?: true;
}

const WORD_CHAR = '[\\p{L}\\p{N}_]';
const BEFORE = `(?<!${WORD_CHAR})`;
const AFTER = `(?!${WORD_CHAR})`;

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** A phrase as a pattern: words separated by any whitespace (line breaks included), either apostrophe. */
function phrasePattern(phrase: string): string {
  return phrase
    .split(' ')
    .map((w) => escapeRegExp(w).replace(/'/g, "['\u2019]"))
    .join('\\s+');
}

/**
 * ICD 203's "remote" is an ordinary adjective too ("remote regions", "remote
 * sensing"). In running text it counts only where it speaks of a chance:
 * before chance/possibility/prospect(s)/likelihood/probability/odds, or after
 * a copula ("the chance is remote", "remains very remote"). Checked on the
 * (rare) matches rather than in the scanning RegExp, which stays fast.
 */
const REMOTE_AFTER = /^\s+(?:chances?|possibility|possibilities|prospects?|likelihood|probability|odds)(?![\p{L}\p{N}_])/iu;
const COPULA = '(?:is|are|was|were|be|been|being|remains?|remained|seems?|seemed|appears?|appeared|looks?)';
/**
 * After a copula, graded ("remains very remote") or denied ("is not remote", "isn't remote"). A
 * denial with a grade ("is not very remote") is left unread: it is neither remote nor a plain
 * denial of it.
 */
const REMOTE_BEFORE = new RegExp(
  `(?<![\\p{L}\\p{N}_])(?:${COPULA}\\s+(?:(?:very|extremely|quite|rather|fairly|increasingly|now|still)\\s+)?|${COPULA}\\s+not\\s+|(?:is|are|was|were)n['\u2019]t\\s+)$`,
  'iu',
);

function isChanceRemote(text: string, start: number, end: number): boolean {
  return REMOTE_AFTER.test(text.slice(end, end + 40)) || REMOTE_BEFORE.test(text.slice(Math.max(0, start - 40), start));
}

interface Recognizer {
  regex: RegExp;
  entries: Map<string, { kind: 'term' | 'hedge'; term?: Term }>;
}

function buildRecognizer(scale: ScaleName): Recognizer {
  const entries = new Map<string, { kind: 'term' | 'hedge'; term?: Term }>();
  for (const t of SCALES[scale]) for (const w of t.words) entries.set(w, { kind: 'term', term: t });
  for (const [phrase, t] of textPhrases(scale)) entries.set(phrase, { kind: 'term', term: t });
  for (const h of HEDGES) if (!entries.has(h)) entries.set(h, { kind: 'hedge' });
  const phrases = [...entries.keys()].sort((a, b) => b.length - a.length || (a < b ? -1 : 1));
  const alternatives = phrases.map(phrasePattern);
  const regex = new RegExp(`${BEFORE}(?:${alternatives.join('|')})${AFTER}`, 'giu');
  return { regex, entries };
}

const RECOGNIZERS: Record<ScaleName, Recognizer> = {
  icd203: buildRecognizer('icd203'),
  phia: buildRecognizer('phia'),
};

/**
 * A "not" that denies the term after it: after a copula ("is not likely", "it was not very
 * likely that", "are also not likely"), or a copula's contraction ("isn't likely"), an article
 * allowed between ("is not a realistic possibility", "isn't a remote chance"); likewise a "no"
 * ("there is no realistic possibility"). Not "will not likely resume" or "likely not", where the
 * "not" belongs to the verb and the statement's own probability is the term's. Returns where the
 * denial starts (the "not", or the "n't"), or -1.
 */
const NEGATION_BEFORE =
  /(?:(?<![\p{L}\p{N}_])(?:is|are|was|were|be|been|being|seems?|seemed|appears?|appeared|remains?|remained|looks?|looked|(?:it|that|this|there|what)['\u2019]s|(?:they|we|you)['\u2019]re)\s+(?:(?:also|therefore|thus|still|now|currently|simply|even|then|however)\s+)?(not|no)|(?<=\p{L})(n['\u2019]t))\s+(?:an?\s+)?$/diu;

/**
 * A "Not" that opens a sentence or clause and denies the term after it, the answer of a question
 * left out: "Will Russia intervene? Not likely.", "Not very likely, but …", "The answer: not
 * likely". Only after a sentence's end, a colon, a semicolon or a dash, or at the text's start,
 * and only where the term ends the phrase (a mark, a citation, the end, or "to"): "Not likely
 * voters, but all adults" is no denial. An article may follow: "Not a realistic possibility."
 */
const OPENING_NOT = /(?:[.!?]['"\u201d\u2019)\]]*\s+|[:;\u2013\u2014]\s*|\s-\s+)(not)\s+(?:an?\s+)?$/diu;
const LEADING_NOT = /^['"\u201c\u2018(]?not\s+(?:an?\s+)?$/iu;
const ENDS_PHRASE = /^(?:\s*(?:[[.,:;!?)\]'"\u201d\u2019\u2013\u2014-]|$)|\s+to(?![\p{L}\p{N}_]))/u;

function negationBefore(text: string, start: number, end: number): number {
  if (start < 4) return -1;
  const from = Math.max(0, start - 40);
  const before = text.slice(from, start);
  const m = NEGATION_BEFORE.exec(before);
  if (m) {
    if (m[2] !== undefined && !/(?:is|are|was|were)n['\u2019]t\s+(?:an?\s+)?$/iu.test(before)) return -1;
    return from + m.indices![m[1] !== undefined ? 1 : 2]![0];
  }
  if (!ENDS_PHRASE.test(text.slice(end, end + 4))) return -1;
  if (from === 0 && LEADING_NOT.test(before)) return before.search(/not/iu);
  const opening = OPENING_NOT.exec(before);
  return opening ? from + opening.indices![1]![0] : -1;
}

const NEGATED = new Map<ScaleName, Map<Term, Term | null>>();

/**
 * The term a denied term reads as: the complement of its interval, named by the scale's term
 * with that interval if there is one ("not likely" → unlikely), else by the range ("25-45%").
 * Only a term above even odds and short of the top band is read so: "not likely" is how English
 * says unlikely. Undefined (no probability) for the rest. "Not almost certain" says only that it
 * is not that sure. "Not unlikely", "not improbable", "not remote" are understatements that
 * affirm a chance without saying how big: their complements (likely; for "not highly unlikely",
 * very likely; for "not remote", almost certain) say far more than the writer did.
 */
function negatedTerm(t: Term, scale: ScaleName): Term | undefined {
  let byTerm = NEGATED.get(scale);
  if (!byTerm) NEGATED.set(scale, (byTerm = new Map()));
  let n = byTerm.get(t);
  if (n === undefined) {
    if (t.interval.lo < 0.5 - EPS || t.interval.lo >= 0.95 - EPS) n = null;
    else {
      const interval = complement(t.interval);
      const named = scaleTerms(scale).find((s) => Math.abs(s.interval.lo - interval.lo) < EPS && Math.abs(s.interval.hi - interval.hi) < EPS);
      n = named ? Object.freeze({ canonical: named.canonical, words: Object.freeze([named.canonical]) as string[], interval: Object.freeze(interval) }) : percentTerm(interval.lo, interval.hi);
    }
    byTerm.set(t, n);
  }
  return n ?? undefined;
}

// Uses of a term or hedge that state no probability. Each is tested only where the scanning
// RegExp found that word (a few per statement at most), on a few characters either side.

const LETTER_OR_DIGIT = /[\p{L}\p{N}]/u;
const HYPHEN = /[-\u2010\u2011]/;

/** Joined by a hyphen to another word ("may-day", "could-be", "likely-voter"): part of a compound. */
function inCompound(text: string, start: number, end: number): boolean {
  return (
    (HYPHEN.test(text.charAt(start - 1)) && LETTER_OR_DIGIT.test(text.charAt(start - 2))) ||
    (HYPHEN.test(text.charAt(end)) && LETTER_OR_DIGIT.test(text.charAt(end + 1)))
  );
}

const AFTER_STOP = /[.!?]['"\u201d\u2019)\]]*\s+['"\u201c\u2018(]?$/u;
const AT_START = /^\s*['"\u201c\u2018(]?$/u;
const LOWERCASE_WORD_AFTER = /^\s+\p{Ll}/u;

/**
 * "May" with a capital is the month or a name ("in May", "the May Day rally", "Theresa May"):
 * an English modal comes first only in a question or a wish. It is a hedge only opening a
 * sentence before a lowercase word, a subjectless fragment ("May escalate if talks fail.").
 */
function isCapitalMay(text: string, start: number, end: number): boolean {
  if (text.slice(start, end) !== 'May') return false;
  const from = Math.max(0, start - 8);
  const before = text.slice(from, start);
  const opens = AFTER_STOP.test(before) || (from === 0 && AT_START.test(before));
  return !(opens && LOWERCASE_WORD_AFTER.test(text.slice(end, end + 3)));
}

/**
 * "may not" or "may only" as permission: "operators may not export without a licence", "by law,
 * firms may only sell to licensed buyers". Read so only where the sentence makes the rule plain:
 * "without" a licence, permit or authorisation in the may's clause, or "by law" / "under the
 * law" (or regulations, rules) in its sentence; never before "be" or "have" ("may not be able",
 * "may not have"), which are as often a possibility.
 */
function isPermission(text: string, start: number, end: number): boolean {
  const after = MAY_NOT_AFTER.exec(text.slice(end, end + 20));
  if (!after) return false;
  const [from, to] = sentenceAround(text, start, end);
  const tail = text.slice(end + after[0].length, to);
  const cut = tail.search(PERMISSION_CLAUSE_BREAK);
  return WITHOUT_LICENCE.test(cut < 0 ? tail : tail.slice(0, cut)) || BY_LAW.test(text.slice(from, to));
}

const MAY_NOT_AFTER = /^\s+(?:not|only)\s+(?!(?:be|have|need)(?![\p{L}\p{N}_]))(?=\p{L})/iu;
const PERMISSION_CLAUSE_BREAK = /[,]|(?<![\p{L}\p{N}_])(?:and|but|or|so|yet|while|whereas|because|although|though|if|unless)(?![\p{L}\p{N}_])/iu;
const WITHOUT_LICENCE =
  /(?<![\p{L}\p{N}_])without\s+(?:(?:a|an|the|prior|written|valid|export|import|government|state|official|their|its|his|her|special)\s+){0,2}(?:licen[cs]es?|permits?|authori[sz]ations?)(?![\p{L}\p{N}_])/iu;
const BY_LAW = /(?<![\p{L}\p{N}_])(?:by\s+law|under\s+(?:the\s+|its\s+|this\s+|that\s+|current\s+|national\s+|EU\s+|US\s+)?(?:law|laws|regulations?|rules))(?![\p{L}\p{N}_])/iu;

/** Idioms that hedge nothing: "come what may", "be that as it may", "as the case may be". */
const MAY_IDIOM = /(?<![\p{L}\p{N}_])(?:come\s+what|be\s+(?:that|this)\s+as\s+it|as\s+the\s+case)\s+$/iu;

/** Before "might" the noun: a determiner or possessive ("its might", "China's might", "the might of"). */
const MIGHT_OWNER = /(?:(?<![\p{L}\p{N}_])(?:the|its|their|his|her|our|your|my|whose)|\p{L}['\u2019]s|s['\u2019])\s+$/iu;
/** Adjectives that go with the noun ("military might"); "military" is a noun too ("the military might intervene"). */
const MIGHT_ADJECTIVE = /(?<![\p{L}\p{N}_])(?:military|economic|naval|industrial|financial|nuclear|technological|sheer|combined|collective|conventional|political)\s+$/iu;
/** After "might" the noun: what no modal takes (a mark, a preposition, a finite verb). */
const MIGHT_NOUN_AFTER =
  /^(?:\s*(?:[.,:;!?)\]]|$)|\s+(?:of|and|or|in|on|at|to|for|with|against|over|is|was|has|had|will|would|can|could|may|must|should|grows|grew|remains|rests|makes|continues|increases)(?![\p{L}\p{N}_]))/iu;

/** "might" the noun, not the modal: after a possessive, or an adjective with no verb after. */
function isNounMight(text: string, start: number, end: number): boolean {
  const before = text.slice(Math.max(0, start - 20), start);
  return MIGHT_OWNER.test(before) || (MIGHT_ADJECTIVE.test(before) && MIGHT_NOUN_AFTER.test(text.slice(end, end + 14)));
}

/**
 * "could ill afford" is the idiom for cannot afford, a necessity, not a possibility.
 * "could not" and "could never" state inability ("Analysts could not attribute the intrusion",
 * "the regime could not survive a winter"), or certainty ("could not have been"), not a
 * possibility. "could not only …" and "could not rule out …" still hedge.
 */
const COULD_NOT_AFTER = /^\s+(?:(?:not|never)(?![\p{L}\p{N}_])(?!\s+(?:only|rule)(?![\p{L}\p{N}_]))|ill\s+afford(?![\p{L}\p{N}_]))/iu;

/**
 * "could" as past ability, not a hedge: "In 2022 Europe could still buy Russian gas", "At the
 * time, Kyiv could count on US aid", "Europe could buy gas cheaply until 2021". Read so only
 * where all of these hold:
 * - a past-time marker stands in the could's own clause: opening the sentence ("In 2022,",
 *   "Until then", "Last year", "In the past", "At the time", "Back then", "Historically",
 *   "Two years ago"), with neither a comma nor a conjunction between it and the could, or right
 *   after the could, before any comma or conjunction ("could buy gas until 2021");
 * - a year counts as past only when it is before the year of the assessment's `date:`; with no
 *   date, a year is no marker, and any year in the sentence that is not before the date blocks
 *   the reading ("Russia could intervene in 2027" hedges);
 * - nothing in the sentence points ahead or to a condition (will, would, shall, should, if,
 *   unless, next, soon, again, later, future, eventually, now, today, currently, …);
 * - the could is not followed by "have", "'ve", "be" or "well", which speak of what may have been
 *   ("In 2022 Russia could have sabotaged the pipeline" is a hedge about the past).
 */
function isPastAbility(text: string, start: number, end: number, asOf: number | undefined): boolean {
  if (EPISTEMIC_COULD_AFTER.test(text.slice(end, end + 8))) return false;
  const [from, to] = sentenceAround(text, start, end);
  const sentence = text.slice(from, to);
  if (POINTS_AHEAD.test(sentence) || !yearsBefore(sentence, asOf)) return false;
  const head = text.slice(from, start);
  const opening = PAST_OPENING.exec(head);
  if (opening && isPast(opening, asOf) && !CLAUSE_BREAK.test(head.slice(opening[0].length))) return true;
  const tail = text.slice(end, to);
  const cut = tail.search(CLAUSE_BREAK);
  const clause = cut < 0 ? tail : tail.slice(0, cut);
  const after = PAST_MARKER.exec(clause);
  return after !== null && isPast(after, asOf);
}

/** Where the sentence around start..end runs: to a `.`, `!`, `?`, `;` or `:` either side, at most 200 characters each way. */
function sentenceAround(text: string, start: number, end: number): [number, number] {
  const limit = Math.max(0, start - 200);
  let from = start;
  while (from > limit && !isSentenceMark(text.charCodeAt(from - 1))) from--;
  const cap = Math.min(text.length, end + 200);
  let to = end;
  while (to < cap && !isSentenceMark(text.charCodeAt(to))) to++;
  return [from, to];
}

/** `.`, `!`, `?`, `;` or `:`. */
function isSentenceMark(c: number): boolean {
  return c === 0x2e || c === 0x21 || c === 0x3f || c === 0x3b || c === 0x3a;
}

/** Whether every year in `sentence` is before `asOf` (none there: true). */
function yearsBefore(sentence: string, asOf: number | undefined): boolean {
  YEAR.lastIndex = 0;
  for (let m = YEAR.exec(sentence); m !== null; m = YEAR.exec(sentence)) if (asOf === undefined || Number(m[0]) >= asOf) return false;
  return true;
}

/** A marker matched: a year (group 1) is past only before `asOf`; a phrase is past as it stands. */
function isPast(marker: RegExpExecArray, asOf: number | undefined): boolean {
  return marker[1] === undefined || (asOf !== undefined && Number(marker[1]) < asOf);
}

const YEAR = /(?<![\p{L}\p{N}_.,-])(?:1[89]\d\d|20\d\d)(?![\p{L}\p{N}_])/gu;
const MONTH = '(?:january|february|march|april|may|june|july|august|september|october|november|december)';
/** A past-time marker; group 1 is the year of "in 2022", "until March 2021", "as late as 2019". */
const PAST_TIME =
  `(?:(?:in|during|throughout|until|till|before|through|as\\s+(?:late|recently|early)\\s+as)\\s+(?:(?:early|mid|late|${MONTH})[\\s-]+)?(1[89]\\d\\d|20\\d\\d)(?![\\p{L}\\p{N}_])` +
  '|in\\s+the\\s+past|at\\s+(?:the|that)\\s+time|until\\s+then|back\\s+then|in\\s+those\\s+days|historically|previously|formerly' +
  '|last\\s+(?:year|month|week|winter|summer|spring|autumn|decade)' +
  '|(?:a|one|two|three|four|five|six|ten|several|many|some|\\d+)\\s+(?:years?|months?|decades?)\\s+ago)(?![\\p{L}\\p{N}_])';
/** A marker opening the sentence ("In 2022, …"), a quotation mark or bracket allowed before it. */
const PAST_OPENING = new RegExp(`^\\s*['"\u201c\u2018(]?${PAST_TIME},?`, 'iu');
/** A marker anywhere in the clause after the could. */
const PAST_MARKER = new RegExp(`(?<![\\p{L}\\p{N}_])${PAST_TIME}`, 'iu');
/** A comma or a conjunction: what ends the could's clause. */
const CLAUSE_BREAK = /,|(?<![\p{L}\p{N}_])(?:and|but|or|so|yet|while|whereas|because|although|though|when|as|since|if|unless|that|which|who)(?![\p{L}\p{N}_])/iu;
/** Words that point ahead or to a condition: the could may then be a hedge. */
const POINTS_AHEAD =
  /(?<![\p{L}\p{N}_])(?:will|would|shall|should|if|unless|next|soon|again|later|future|eventually|tomorrow|coming|upcoming|now|today|currently|henceforth)(?![\p{L}\p{N}_])|['\u2019]ll(?![\p{L}\p{N}_])/iu;
const EPISTEMIC_COULD_AFTER = /^\s+(?:have|be|well)(?![\p{L}\p{N}_])|^['\u2019]ve/iu;

/**
 * A modal inside a relative clause or an embedded question describes a capability or an unknown,
 * not the statement's probability: "Russia has no other partner that could match China", "it is
 * hard to predict what could disrupt the partnership". Only clear cases are read so (below);
 * "Sanctions were imposed, which could lead to war" (after a comma: a clause of its own) and
 * "That could happen" (a pronoun) still hedge.
 */
function inSubordinateClause(text: string, start: number): boolean {
  // Most modals follow neither a relative pronoun nor a wh-word: ruled out on a few characters.
  const relative = RELATIVE_PRONOUN.test(text.slice(Math.max(0, start - 8), start));
  if (!relative && !WH_WORD.test(text.slice(Math.max(0, start - 50), start))) return false;
  const before = text.slice(Math.max(0, start - 80), start);
  return (relative && isRelativeClause(before)) || EMBEDDED_QUESTION.test(before);
}

const RELATIVE_PRONOUN = /(?:that|which|who)\s+$/i;
const WH_WORD = /(?:wh(?:at|ether|o|om|ich|en|ere|y)|how)\s/i;

/**
 * "that", "which" or "who" right after a noun phrase and right before the modal: the phrase is a
 * determiner, a possessive ("Russia's"), or has/have/had/lack/possess/with/without/of/"there is",
 * then at most three words (adjectives and the noun), none of them a function word. The noun is
 * no verb that takes a that-clause ("the report says that could happen": "that" is the subject)
 * and ends in no "-ed" ("the report warned that", "Russia has said that"), unless it comes right
 * after a determiner ("the states that could"). No comma may stand before the pronoun.
 */
function isRelativeClause(before: string): boolean {
  const m = RELATIVE_BEFORE.exec(before);
  if (!m) return false;
  const words = m[1]!.trim().toLowerCase().replace(/\u2019/g, "'").split(/\s+/);
  const head = words.length - 1;
  for (let i = head; i >= 0; i--) {
    const w = words[i]!;
    const determiner = DETERMINER.test(w);
    if (i < head && (determiner || HAVING.test(w) || (i > 0 && THERE_IS.test(w) && words[i - 1] === 'there'))) {
      // A word straight after a determiner is a noun; after more words, or after "has", it might
      // be a verb ("the report says that", "Russia has said that").
      return (determiner && i === head - 1) || !(SAYING_VERB.test(words[head]!) || words[head]!.endsWith('ed'));
    }
    if (FUNCTION_WORD.has(w) || (SAYING_VERB.test(w) && i < head)) return false;
  }
  return false;
}

/** Up to four words (an opener and three), then the relative pronoun, then the modal. */
const RELATIVE_BEFORE = /(?:^|[^\p{L}\p{N}_'\u2019-])((?:[\p{L}\p{N}'\u2019-]+\s+){2,4})(?:that|which|who)\s+$/iu;
const DETERMINER = /^(?:the|a|an|no|any|some|all|every|each|another|other|several|many|few|its|their|his|her|our|your|whose|one|\p{L}+'s)$/u;
const HAVING = /^(?:has|have|had|having|lacks?|lacked|possess(?:es|ed)?|with|without|of)$/;
const THERE_IS = /^(?:is|are|was|were)$/;
/** Verbs that take a that-clause, in the forms that might stand where a noun would. */
const SAYING_VERB =
  /^(?:says?|said|tells?|told|thinks?|thought|believe[sd]?|knows?|knew|known|warn(?:s|ed)?|fear(?:s|ed)?|argue[sd]?|suggest(?:s|ed)?|claim(?:s|ed)?|note[sd]?|expect(?:s|ed)?|den(?:y|ies|ied)|admit(?:s|ted)?|doubt(?:s|ed)?|worr(?:y|ies|ied)|hope[sd]?|insist(?:s|ed)?|show(?:s|ed|n)?|indicate[sd]?|impl(?:y|ies|ied)|means?|meant|reports?|reported|assess(?:es|ed)?|judge[sd]?|conclude[sd]?|predict(?:s|ed)?|acknowledge[sd]?|concede[sd]?|agree[sd]?|recogni[sz]e[sd]?|reali[sz]e[sd]?|understands?|understood|feels?|felt|holds?|held|maintain(?:s|ed)?|contend(?:s|ed)?|assert(?:s|ed)?|state[sd]?|adds?|added|explain(?:s|ed)?|stress(?:es|ed)?|emphasi[sz]e[sd]?|caution(?:s|ed)?|speculate[sd]?|estimate[sd]?|suspect(?:s|ed)?|allege[sd]?|announce[sd]?|confirm(?:s|ed)?|assume[sd]?|finds?|found|learn(?:s|ed|t)?|hears?|heard|sees?|seen|saw|signal(?:s|l?ed)?|hint(?:s|ed)?|reveal(?:s|ed)?|prove[sdn]?|demonstrate[sd]?|determine[sd]?|ensure[sd]?|decide[sd]?|guess(?:es|ed)?|wonder(?:s|ed)?|ask(?:s|ed)?)$/;
/** Words that are no part of a noun phrase before its noun (or are the opener of none). */
const FUNCTION_WORD = new Set([
  'is', 'are', 'was', 'were', 'be', 'been', 'being', 'am', 'do', 'does', 'did', 'will', 'would', 'can', 'could',
  'may', 'might', 'shall', 'should', 'must', 'not', 'never', 'also', 'then', 'now', 'still', 'and', 'or',
  'but', 'so', 'yet', 'if', 'because', 'as', 'than', 'though', 'although', 'while', 'since', 'until', 'unless',
  'whether', 'it', "it's", 'he', 'she', 'they', 'we', 'you', 'i', 'this', 'that', 'these', 'those', 'there', 'here',
  'what', 'which', 'who', 'whom', 'how', 'why', 'when', 'where', 'to', 'in', 'on', 'at', 'by', 'for', 'from',
  'about', 'into', 'over', 'under', 'after', 'before', 'against', 'between', 'through', 'during',
]);

/**
 * An embedded question: what, whether, how, who, whom, which, when, where or why right after a
 * verb or adjective of knowing, predicting, asking or assessing (predict, forecast, foresee,
 * know, say, tell, ask, determine, assess, judge, gauge, understand; unclear, uncertain, clear,
 * sure, unknown), then at most four words and the modal, no punctuation between: "hard to
 * predict what could disrupt", "unclear whether Moscow could sustain". Not "if", which is as
 * often a condition ("we assess if talks fail Russia could …").
 */
const EMBEDDED_QUESTION =
  /(?<![\p{L}\p{N}_])(?:predict(?:s|ed|ing)?|forecast(?:s|ing)?|foresee(?:s|n|ing)?|know(?:s|n|ing)?|knew|say(?:s|ing)?|said|tell(?:s|ing)?|told|ask(?:s|ed|ing)?|determin(?:e|es|ed|ing)|assess(?:es|ed|ing)?|judg(?:e|es|ed|ing)|gaug(?:e|es|ed|ing)|understand(?:s|ing)?|understood|unclear|uncertain|clear|sure|unknown)\s+(?:what|whether|how|who|whom|which|when|where|why)(?:\s+[\p{L}\p{N}'\u2019-]+){0,4}\s+$/iu;

/** Terms that are adjectives, and so can modify a noun: likely, unlikely, probable, doubtful, almost certain, … */
const ADJECTIVE_TERM = /(?:likely|likeliest|probable|doubtful|certain)$/;
/**
 * A determiner right before: "the probable origin", "a likely successor", "the most likely
 * scenario", "in the unlikely event". This/that/these/those only before an adjective that is
 * not also an adverb: "this probable cause", but "this likely reflects a shift".
 */
const DETERMINER_BEFORE = /(?<![\p{L}\p{N}_])(?:the|a|an|its|their|his|her|our|your|whose|no|any|every|each)\s+(?:(?:most|more|less|least|increasingly)\s+)?$/iu;
const DEMONSTRATIVE_BEFORE = /(?<![\p{L}\p{N}_])(?:this|that|these|those)\s+$/iu;
const NOUN_AFTER = /^\s+(?!(?:to|that|than)(?![\p{L}\p{N}_]))\p{L}/iu;

/**
 * An adjective term modifying a noun after a determiner: it qualifies that noun, not the
 * statement ("The probable origin was a market" says nothing of how likely the statement is).
 */
function isAttributive(text: string, start: number, end: number, lower: string): boolean {
  if (!ADJECTIVE_TERM.test(lower) || !NOUN_AFTER.test(text.slice(end, end + 8))) return false;
  const before = text.slice(Math.max(0, start - 24), start);
  return DETERMINER_BEFORE.test(before) || (!lower.endsWith('likely') && DEMONSTRATIVE_BEFORE.test(before));
}

/**
 * A single word written with a capital mid-sentence and followed by another capitalised word is
 * part of a name: "talks with Possibly Energy Ltd", "Might Holdings", "a Likely Story Films
 * release". Opening a sentence or clause (after `.`, `!`, `?`, `:`, `;`, a dash, or at the
 * start) the capital is the sentence's: "Possibly Russia, possibly China." still hedges.
 */
function isCapitalisedName(text: string, start: number, end: number): boolean {
  if (!TITLE_CASE_WORD.test(text.slice(start, end))) return false;
  if (!CAPITAL_WORD_AFTER.test(text.slice(end, end + 3))) return false;
  const from = Math.max(0, start - 8);
  const before = text.slice(from, start);
  return !(AFTER_STOP.test(before) || CLAUSE_OPENING.test(before) || (from === 0 && AT_START.test(before)));
}

const TITLE_CASE_WORD = /^\p{Lu}\p{Ll}+$/u;
const CAPITAL_WORD_AFTER = /^[ \t]+\p{Lu}/u;
const CLAUSE_OPENING = /(?:[:;\u2013\u2014]|\s-)\s*['"\u201c\u2018(]?$|\n[ \t]*(?:[-*+][ \t]+)?$/u;

/**
 * A comparative: "more likely than a price cap", "less likely than before", "far more probable".
 * It ranks two outcomes or two times and says nothing of the statement's own probability (a
 * cut-off "more likely than" a cap may be under even odds). "more likely than not" is a phrase of
 * its own, read before this is asked.
 */
const COMPARATIVE_BEFORE = /(?<![\p{L}\p{N}_])(?:more|less)\s+$/iu;

/**
 * A term that reports a belief the sentence denies or all but denies: "Nobody thinks a cut-off is
 * likely", "No one expects talks to be likely to resume", "few analysts believe a deal is
 * probable". The belief is theirs, and denied; the analyst's estimate is not stated by it. The
 * subject (nobody, no one, none, few, hardly anyone, not many) and a verb of believing or saying
 * stand in the same clause before the term: no `.`, `;`, `:`, `!` or `?` between.
 */
const DENIED_BELIEF_BEFORE =
  /(?<![\p{L}\p{N}_])(?:nobody|no[\s-]one|none|few|hardly\s+any(?:one|body)|not\s+(?:many|everyone|everybody|anyone|anybody))(?:\s+[\p{L}'\u2019-]+){0,2}?\s+(?:think|thinks|thought|believe|believes|believed|expect|expects|expected|consider|considers|considered|judge|judges|judged|find|finds|found|deem|deems|deemed|regard|regards|regarded|see|sees|saw|say|says|said|claim|claims|claimed|argue|argues|argued|predict|predicts|predicted|assess|assesses|assessed|imagine|imagines|imagined|suppose|supposes|supposed|reckon|reckons|reckoned|feel|feels|felt)(?![\p{L}\p{N}_])(?:(?!,\s*(?:but|yet|and|while|whereas|though|although)(?![\p{L}\p{N}_]))[^.;:!?])*$/iu;
/** Whether a text holds a subject that denies a belief: most hold none, and the test above is skipped. */
const DENYING_SUBJECT = /(?<![\p{L}\p{N}_])(?:nobody|no[\s-]one|none|few|hardly\s+any|not\s+(?:many|every|any))/iu;

/**
 * What a scan knows of the whole text, found once, when a word's test first asks: most texts
 * hold no estimative word, and most of the rest no "could", whose past the second is for.
 */
interface Reading {
  text: string;
  /** The year of the assessment's `date:`, if known: a year before it is past. */
  asOf: number | undefined;
  /** Whether the text names a subject that denies a belief ("nobody", "few", …). */
  denials?: boolean;
  /** Whether it holds a year or a past-time phrase: without one, no "could" is past. */
  past?: boolean;
  /** Whether it is written in Title Case, as a heading pasted in is: there a capital says nothing of a name. */
  titleCase?: boolean;
}

function inTitleCase(reading: Reading): boolean {
  return (reading.titleCase ??= isTitleCase(reading.text));
}

/**
 * Title Case: every word of four letters or more after the first starts with a capital, and there
 * are at least three ("Russia Will Probably Avoid Direct Involvement"). Short words may stay
 * lowercase ("of", "the", "and", "with"); a sentence with a lowercase long word is prose.
 */
function isTitleCase(text: string): boolean {
  let long = 0;
  for (const m of text.matchAll(LONG_WORD)) {
    if (m.index === firstLetter(text)) continue;
    if (!/\p{Lu}/u.test(m[0][0])) return false;
    long++;
  }
  return long >= 3;
}
const LONG_WORD = /(?<![\p{L}\p{N}_'’-])\p{L}{4,}/gu;
const firstLetter = (text: string) => text.search(/\p{L}/u);

/**
 * "May" in a Title Case text is the month after a preposition of time or before a number ("Talks
 * Resume In May", "By May 2025"), and the modal elsewhere ("Russia May Intervene").
 */
function isTitleCaseMonth(text: string, start: number, end: number): boolean {
  return MONTH_PREPOSITION_BEFORE.test(text.slice(Math.max(0, start - 12), start)) || /^\s*(?:\d|$|[.;:!?)])/.test(text.slice(end, end + 3));
}
const MONTH_PREPOSITION_BEFORE = /(?<![\p{L}\p{N}_])(?:in|by|of|since|until|till|before|after|from|through|during|early|late|mid|last|next|this)[\s-]+$/iu;

function namesDenials(reading: Reading): boolean {
  return (reading.denials ??= DENYING_SUBJECT.test(reading.text));
}

function holdsPast(reading: Reading): boolean {
  return (reading.past ??= PAST_MARKER.test(reading.text));
}

/** Whether the word found at start..end (lowercase `lower`) states no probability where it stands. */
function notAnEstimate(reading: Reading, start: number, end: number, lower: string, kind: 'term' | 'hedge'): boolean {
  const { text, asOf } = reading;
  if (inCompound(text, start, end)) return true;
  const titleCase = inTitleCase(reading);
  if (!titleCase && isCapitalisedName(text, start, end)) return true;
  if (namesDenials(reading) && DENIED_BELIEF_BEFORE.test(text.slice(Math.max(0, start - 120), start))) return true;
  if (kind === 'hedge') {
    if (lower !== 'may' && lower !== 'might' && lower !== 'could') return false;
    if (lower === 'may' && ((titleCase ? isTitleCaseMonth(text, start, end) : isCapitalMay(text, start, end)) || MAY_IDIOM.test(text.slice(Math.max(0, start - 20), start)) || isPermission(text, start, end))) return true;
    if (lower === 'might' && isNounMight(text, start, end)) return true;
    if (lower === 'could' && (COULD_NOT_AFTER.test(text.slice(end, end + 16)) || (holdsPast(reading) && isPastAbility(text, start, end, asOf)))) return true;
    return inSubordinateClause(text, start);
  }
  if (lower === 'remote') return !isChanceRemote(text, start, end);
  if (ADJECTIVE_TERM.test(lower) && COMPARATIVE_BEFORE.test(text.slice(Math.max(0, start - 8), start))) return true;
  return isAttributive(text, start, end, lower);
}

// ---------------------------------------------------------------------------
// Percentages in running text

/**
 * A percentage stated as the chance of the statement reads as a term with that interval: "a 70%
 * chance", "70 percent likely", "an estimated 60-75% probability", "the probability is 70%".
 * Any other percentage is a quantity, not a probability ("inflation of 70%", "a 30% cut", "70% of
 * voters", "a 95% confidence interval"), and is not read: a false estimate is worse than a missed
 * one. A qualifier widens it: "less than a 10% chance" is 0–10%, "over 90% likely" 90–100%,
 * "about 70%" 65–75% (a rounded number, five points either way). A percentage denied ("not a 70%
 * chance", "no 70% chance") states no probability: a hedge, as "not almost certain" is.
 */
function statedPercentages(text: string, skip: (start: number, end: number) => boolean): EstimativeWord[] | undefined {
  // Nearly every statement has neither a % nor "percent": ruled out before any scan.
  if (!text.includes('%') && !PERCENT_WORD.test(text)) return undefined;
  let out: EstimativeWord[] | undefined;
  PERCENT_MARK.lastIndex = 0;
  for (let m = PERCENT_MARK.exec(text); m !== null; m = PERCENT_MARK.exec(text)) {
    const word = percentAt(text, m.index, m.index + m[0].length);
    if (!word || skip(word.start, word.end)) continue;
    const last = out?.[out.length - 1];
    // "60%-75% chance": the range read at its second mark replaces the first number read alone.
    if (last && last.end > word.start) {
      if (word.start <= last.start) out![out!.length - 1] = word;
      continue;
    }
    (out ??= []).push(word);
  }
  return out;
}

/** The estimate a percentage mark at `mark`..`markEnd` states, if it states one. */
function percentAt(text: string, mark: number, markEnd: number): EstimativeWord | undefined {
  CHANCE_AFTER.lastIndex = markEnd;
  const after = CHANCE_AFTER.exec(text);
  const from = Math.max(0, mark - 60);
  const before = text.slice(from, mark);
  // Without "chance" or the like after it, only "the probability is 70%" (and of, was, at) is read.
  if (!after && !CHANCE_WORD.test(before)) return undefined;
  const num = NUMBER_BEFORE.exec(before);
  if (!num) return undefined;
  let start = from + num.index;
  let lo = Number(num[1] ?? num[2]) / 100;
  let hi = Number(num[2]) / 100;
  if (hi > 1 || lo > hi) return undefined;
  const lead = text.slice(Math.max(0, start - 40), start);
  const q = QUALIFIER_BEFORE.exec(lead);
  if (q) {
    start -= lead.length - q.index;
    if (q[1] || q[4]) lo = 0;
    else if (q[2] || q[5]) hi = 1;
    else [lo, hi] = [Math.max(0, round(lo - 0.05)), Math.min(1, round(hi + 0.05))];
  }
  let end = markEnd;
  if (after) end += after[0].length;
  else {
    const noun = CHANCE_IS_BEFORE.exec(text.slice(Math.max(0, start - 30), start));
    if (!noun || QUANTITY_AFTER.test(text.slice(end, end + 6))) return undefined;
    start -= noun[0].length;
  }
  const not = NOT_BEFORE.exec(text.slice(Math.max(0, start - 20), start));
  // Denied, it says only that the chance is not that: no probability, a hedge (as "not almost certain").
  if (not) return { start: start - not[0].length, end, text: text.slice(start - not[0].length, end), kind: 'hedge', negated: true };
  return { start, end, text: text.slice(start, end), kind: 'term', term: percentTerm(lo, hi) };
}

const PERCENT_WORD = /per\s?cent/i;
/** A percent sign, or the word. */
const PERCENT_MARK = /%|(?<![\p{L}\p{N}_])per\s?cent(?![\p{L}\p{N}_])/giu;
/** Right after the mark: what makes the number a probability ("70% chance", "70-percent likely"). */
const CHANCE_AFTER = /[ \t\n\r-]*(?:chance|probability|likelihood|likely|probable)(?![\p{L}\p{N}_])/iuy;
/** Before the number, for "the probability is 70%": a quick test on the text before it. */
const CHANCE_WORD = /probability|chance|likelihood/i;
/** "probability of", "chance is", right before the number (or its qualifier). */
const CHANCE_IS_BEFORE = /(?<![\p{L}\p{N}_])(?:probability|chance|likelihood)\s+(?:of|is|was|at)\s+$/iu;
/** After "probability of 70%": "of the vote" makes it a share. */
const QUANTITY_AFTER = /^\s+(?:of|in|per|on)(?![\p{L}\p{N}_])/iu;
/** The number (or range: "60-75", "60% to 75") right before the mark; not part of a larger number or a word. */
const NUMBER_BEFORE = /(?<![\p{L}\p{N}_.,\-\u2010-\u2014\u2212])(?:(\d{1,3}(?:\.\d+)?)\s*(?:%|per\s?cent)?\s*(?:[-\u2010-\u2014\u2212]|to)\s*)?(\d{1,3}(?:\.\d+)?)\s*$/iu;
/** A qualifier before the number: below it (1, 4), above it (2, 5), or about it (3, 6); an article or "estimated" may stand between. */
const QUALIFIER_BEFORE =
  /(?<![\p{L}\p{N}_])(?:(less\s+than|fewer\s+than|under|below|at\s+most|no\s+more\s+than|up\s+to)|(more\s+than|over|above|at\s+least|greater\s+than|better\s+than)|(about|around|roughly|approximately|some|nearly|almost|close\s+to))\s+(?:(?:an?|estimated)\s+)?$|([<\u2264])\s*$|([>\u2265])\s*$|([~\u2248])\s*$/iu;
/** A denial right before: "not a 70% chance", "no 70% chance". */
const NOT_BEFORE = /(?<![\p{L}\p{N}_])(?:not|no|never|nor)\s+(?:(?:an?|estimated)\s+)?$/iu;

/**
 * Every estimative term and hedge in running text, in order, non-overlapping,
 * longest match first, whole words only, case-insensitive, across line
 * breaks and indentation; less the words that state no probability where
 * they stand (see notAnEstimate).
 */
export function findEstimativeWords(text: string, scale: ScaleName, asOf?: number): readonly EstimativeWord[] {
  // Several checks read the same statement's words: scan each text once per scale (and year of
  // the assessment, which decides whether "in 2022 … could" is past). Keyed by the text itself,
  // whose hash the string keeps (a key built per call would be hashed per call).
  let byYear = WORDS_MEMO.get(scale);
  if (!byYear) WORDS_MEMO.set(scale, (byYear = new Map()));
  let memo = byYear.get(asOf);
  if (!memo) byYear.set(asOf, (memo = new Map()));
  const hit = memo.get(text);
  if (hit) return hit;
  if (memo.size >= WORDS_MEMO_LIMIT) memo.clear();
  const words = scanEstimativeWords(text, scale, asOf);
  if (words !== NO_WORDS) Object.freeze(words);
  memo.set(text, words);
  return words;
}

/** How many entries the estimative reader's memos hold (the long-session bench watches them). */
export function estimativeMemoSizes(): { normalForms: number; words: number } {
  let words = 0;
  for (const byYear of WORDS_MEMO.values()) for (const memo of byYear.values()) words += memo.size;
  return { normalForms: normalForms.size, words };
}

const WORDS_MEMO = new Map<ScaleName, Map<number | undefined, Map<string, readonly EstimativeWord[]>>>();
const WORDS_MEMO_LIMIT = 50_000;

/** What most texts hold: one list shared, not one allocated and frozen per text. */
const NO_WORDS: readonly EstimativeWord[] = Object.freeze([]);

function scanEstimativeWords(text: string, scale: ScaleName, asOf: number | undefined): readonly EstimativeWord[] {
  const { regex, entries } = RECOGNIZERS[scale] ?? RECOGNIZERS.icd203;
  const reading: Reading = { text, asOf };
  // Most texts have no backtick: codeSpans gives them a shared empty list after one indexOf.
  const code = codeSpans(text);
  // Quotations and names are looked for once a word is found: most texts hold none.
  let quoted: readonly Span[] | undefined;
  let names: readonly number[] | undefined;
  const elsewhere = (start: number, end: number) => {
    if (names === undefined) {
      quoted = quotedSpans(text);
      names = nameSpans(text);
    }
    return (quoted !== undefined && inSpans(quoted, start)) || inCode(code, start, end) || (names.length > 0 && inNameSpan(names, start));
  };
  const stated = statedPercentages(text, elsewhere);
  let next = 0; // the first stated percentage not yet behind the scan: both run in text order
  let out: EstimativeWord[] | undefined;
  regex.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = regex.exec(text)) !== null) {
    const said = m[0];
    const start = m.index;
    const end = start + said.length;
    // Quoted, literal, or a key, a link, an address: not the analyst's words.
    if (elsewhere(start, end)) continue;
    if (stated !== undefined) {
      while (next < stated.length && stated[next]!.end <= start) next++;
      if (next < stated.length && stated[next]!.start < end) continue; // the "likely" of "70% likely"
    }
    const lower = said.toLowerCase();
    const entry = entries.get(lower) ?? entries.get(normalize(said));
    if (entry === undefined) continue; // only a long s (ſ), which the regex takes for s
    if (notAnEstimate(reading, start, end, lower, entry.kind)) continue;
    // "not a remote chance": a denial of "remote" runs to its noun, and reads as what was said.
    const to = lower === 'remote' ? end + (REMOTE_AFTER.exec(text.slice(end, end + 40))?.[0].length ?? 0) : end;
    const not = entry.term ? negationBefore(text, start, to) : -1;
    if (not >= 0) {
      // "is not likely": the term itself is denied, which reads as its complement ("unlikely").
      const negated = negatedTerm(entry.term!, scale);
      const word: EstimativeWord = { start: not, end: to, text: text.slice(not, to), kind: negated ? 'term' : 'hedge', negated: true };
      if (negated) word.term = negated;
      (out ??= []).push(word);
      continue;
    }
    const word: EstimativeWord = { start, end, text: said, kind: entry.kind };
    if (entry.term) word.term = entry.term;
    (out ??= []).push(word);
  }
  if (stated === undefined) return out ?? NO_WORDS;
  return out ? [...out, ...stated].sort((a, b) => a.start - b.start) : stated;
}

const LEVEL = '(?:high|moderate|medium|low)';
const CONFIDENCE_REGEX = new RegExp(
  BEFORE +
    '(?:' +
    // "with high confidence", "a high degree of confidence", "low-to-moderate confidence", "high-confidence"
    `(?:with\\s+(?:an?\\s+)?)?(?:(?:very|fairly|reasonably|relatively)\\s+)?${LEVEL}(?:[\\s-]+(?:to|or)[\\s-]+${LEVEL})?` +
    '(?:\\s+(?:level|degree)\\s+of)?[\\s-]+confidence' +
    // "confidence is high", "our confidence in this is low" is too loose; only the plain form
    `|confidence\\s+(?:is|was|remains|remained)\\s+(?:(?:very|fairly|relatively)\\s+)?${LEVEL}` +
    // "highly confident", "moderately confident"
    '|(?:highly|moderately|fairly|reasonably|very|quite|somewhat|not\\s+very)\\s+confident' +
    ')' +
    AFTER,
  'giu',
);

const CONFIDEN = /confiden/iu;

export interface ConfidencePhrase {
  start: number;
  end: number;
  text: string;
}

/** What nearly every text holds: one list shared, not one allocated per text. */
const NO_PHRASES: readonly ConfidencePhrase[] = Object.freeze([]);

/**
 * "confidence is high" is the analysts' only when nothing but a determiner of theirs stands before
 * it ("Our confidence is high", "Confidence is low", "we judge that confidence is low"). A noun
 * or adjective before it makes it someone else's, a fact about the world: "Consumer confidence is
 * low", "Investor confidence remained high".
 */
function isOthersConfidence(text: string, at: number, said: string): boolean {
  if (!/^confidence/iu.test(said)) return false;
  const before = OWNER_BEFORE.exec(text.slice(Math.max(0, at - 30), at));
  return before !== null && !ANALYSTS_OWN.test(before[1]);
}

/** The word right before "confidence", if a word stands there. */
const OWNER_BEFORE = /([\p{L}'\u2019]+)\s+$/u;
/** Words before "confidence" that leave it the analysts' (a determiner of theirs, a conjunction). */
const ANALYSTS_OWN = /^(?:our|my|the|this|overall|analytic|analytical|analysts['\u2019]?|that|and|but|so|while|although|though|as|because|since|if|when|where|whereas)$/iu;

/**
 * "low-confidence reports", "high confidence intelligence": the level grades the noun after it,
 * someone's reporting, not the analyst's judgment. Read so when the phrase ends in "confidence",
 * does not open with "with", and a lowercase word follows that is no function word (a
 * preposition, a conjunction, a determiner, a pronoun, a verb form: "high confidence that",
 * "low confidence in", "moderate confidence because") and no noun of the analyst's own judgment
 * ("a high-confidence judgment", "a low-confidence assessment" are theirs).
 */
function gradesANoun(text: string, start: number, end: number, said: string): boolean {
  if (!ENDS_IN_CONFIDENCE.test(said) || OPENS_WITH.test(said)) return false;
  const next = NEXT_LOWERCASE_WORD.exec(text.slice(end, end + 40));
  if (!next) return false;
  const word = next[1].toLowerCase();
  if (FOLLOWS_CONFIDENCE.has(word) || ANALYTIC_NOUN.test(word)) return false;
  // Hyphened, it is a compound adjective; spaced, after "we have", "we hold", it is the analysts'
  // and the word after starts their clause ("we have high confidence sanctions will fail").
  return HYPHENED.test(said) || !HELD_BEFORE.test(text.slice(Math.max(0, start - 24), start));
}

const ENDS_IN_CONFIDENCE = /confidence$/iu;
const HYPHENED = /-confidence$/iu;
const HELD_BEFORE =
  /(?<![\p{L}\p{N}_])(?:have|has|had|having|hold|holds|held|express(?:es|ed)?|place[sd]?|assign(?:s|ed)?|retain(?:s|ed)?|keeps?|kept|at|of|is|are|was|were)\s+(?:(?:a|an|only|just|very|still|now|also)\s+)?$/iu;
const OPENS_WITH = /^with\s/iu;
const NEXT_LOWERCASE_WORD = /^[ \t]+(\p{Ll}[\p{L}'\u2019]*)/u;
/** The analyst's own judgment, graded by their confidence. */
const ANALYTIC_NOUN = /^(?:judge?ments?|assessments?|estimates?|conclusions?|calls?|findings?|views?|ratings?|analys[ie]s)$/;
/** Words that may follow the analyst's confidence phrase: no noun it would grade. */
const FOLLOWS_CONFIDENCE = new Set([
  'that', 'in', 'of', 'about', 'for', 'because', 'as', 'since', 'given', 'despite', 'though', 'although', 'but',
  'and', 'or', 'nor', 'so', 'while', 'whereas', 'when', 'if', 'unless', 'until', 'on', 'at', 'based', 'owing',
  'due', 'overall', 'here', 'there', 'now', 'only', 'too', 'also', 'even', 'yet', 'still', 'than', 'to', 'the',
  'a', 'an', 'this', 'these', 'those', 'it', 'its', 'we', 'they', 'he', 'she', 'i', 'our', 'their', 'his', 'her',
  'is', 'are', 'was', 'were', 'be', 'remains', 'remained', 'will', 'would', 'can', 'could', 'may', 'might',
  'should', 'must', 'with', 'without', 'from', 'by', 'after', 'before', 'over', 'under', 'among', 'amid',
  'through', 'throughout', 'within', 'regarding', 'concerning', 'rather', 'not', 'which', 'who', 'whom',
  'whose', 'where', 'then', 'thus', 'therefore', 'however', 'either', 'neither', 'both', 'all', 'any', 'some',
]);

/** Confidence phrases: "high/moderate/medium/low confidence", "with high confidence", "highly/moderately confident", etc. */
export function findConfidencePhrases(text: string): readonly ConfidencePhrase[] {
  // Every phrase names confidence: most texts are ruled out by that word alone, far faster.
  if (!CONFIDEN.test(text)) return NO_PHRASES;
  const quoted = quotedSpans(text);
  const code = codeSpans(text);
  const names = nameSpans(text);
  const out: ConfidencePhrase[] = [];
  CONFIDENCE_REGEX.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = CONFIDENCE_REGEX.exec(text)) !== null) {
    if (quoted !== undefined && inSpans(quoted, m.index)) continue; // the quoted writer's confidence
    if (inCode(code, m.index, m.index + m[0].length)) continue; // literal text, not the analyst's confidence
    if (names.length > 0 && inNameSpan(names, m.index)) continue; // a locator or an address
    if (isOthersConfidence(text, m.index, m[0])) continue;
    if (gradesANoun(text, m.index, m.index + m[0].length, m[0])) continue; // "low-confidence reports": the reports' grade
    out.push({ start: m.index, end: m.index + m[0].length, text: m[0] });
  }
  return out;
}

// ---------------------------------------------------------------------------
// Sentences

/** Abbreviations after which a period never ends a sentence. */
const ABBREVIATIONS = new Set([
  'mr', 'mrs', 'ms', 'dr', 'prof', 'st', 'vs', 'cf', 'al', 'approx', 'ca', 'jr', 'sr', 'gen', 'col',
  'lt', 'sgt', 'capt', 'gov', 'sen', 'rep', 'dept', 'fig', 'figs', 'vol', 'vols', 'ch', 'chap',
  'pp', 'para', 'paras', 'eds', 'viz', 'ibid', 'esp', 'incl', 'resp',
]);
/** Abbreviations that do not end a sentence when a number follows ("no. 4", "Jan. 2024", "sec. 3"). */
const NUMBERED = new Set([
  'no', 'nos', 'art', 'sec', 'ed', 'jan', 'feb', 'mar', 'apr', 'jun', 'jul', 'aug', 'sep', 'sept',
  'oct', 'nov', 'dec',
]);
/** Abbreviations that end a sentence only when a capital follows ("etc. The"). */
const SOFT = new Set(['etc', 'inc', 'ltd', 'corp', 'co']);

const CLOSERS = new Set(['"', "'", '\u201d', '\u2019', ')', ']', '\u00bb']);

function isSpace(c: string | undefined): boolean {
  return c === ' ' || c === '\n' || c === '\t' || c === '\r' || c === '\f' || c === '\v' || c === '\u00a0';
}

/** Whether the '.' at `dot` belongs to an abbreviation, given the next non-space character. */
function isAbbreviation(text: string, dot: number, next: string | undefined): boolean {
  // The token before the dot: letters and inner dots ("U.S", "e.g", "p").
  let s = dot;
  while (s > 0 && /[\p{L}.]/u.test(text[s - 1]!)) s--;
  const token = text.slice(s, dot);
  if (token === '') return false;
  if (token.includes('.')) return /^(?:\p{L}\.)+\p{L}$/u.test(token); // U.S., e.g., i.e., a.m.
  if ([...token].length === 1) return true; // initials and "p."
  const lower = token.toLowerCase();
  if (ABBREVIATIONS.has(lower)) return true;
  if (NUMBERED.has(lower)) return next !== undefined && /[0-9IVXivx]/.test(next);
  if (SOFT.has(lower)) return !(next !== undefined && /\p{Lu}/u.test(next));
  return false;
}

/** A bracket body to skip whole: no blank line, no further '[' (beyond a second one opening "[[ID]]") but literal ones. */
function isCitationBody(text: string, from: number, to: number, code: readonly number[]): boolean {
  const first = text[from] === '[' ? from + 1 : from;
  for (let p = text.indexOf('[', first); p !== -1 && p < to; p = text.indexOf('[', p + 1)) {
    if (!isLiteral(text, p, code)) return false;
  }
  return !/\n[ \t]*\n/.test(text.slice(first, to));
}

/**
 * The `]` that closes the `[` at `open`, within 500 characters, or -1. A `]` escaped or in a code
 * span closes nothing, as for the parser: `[@a, see `x]`. here]` is one bracket.
 */
function closingBracket(text: string, open: number, code: readonly number[]): number {
  for (let j = text.indexOf(']', open + 1); j !== -1 && j - open <= 500; j = text.indexOf(']', j + 1)) {
    if (!isLiteral(text, j, code)) return j;
  }
  return -1;
}

/** Whether the character at `at` is text only: escaped, or in one of the code spans `code`. */
function isLiteral(text: string, at: number, code: readonly number[]): boolean {
  return escaped(text, at) || (code.length > 0 && inCodeSpan(code, at));
}

/**
 * Sentence spans of running text: a sentence ends at . ! ? (plus closing
 * quotes or brackets) followed by whitespace or the end. Not split: after
 * abbreviations ("p. 4", "U.S.", "e.g.", "i.e."), inside decimal numbers,
 * inside a closed [...] (citations), or inside a code span (`v1.2`, `e.g. x`:
 * literal text, whose periods are shown, not written). Spans exclude
 * surrounding whitespace.
 */
export function sentenceSpans(text: string): { start: number; end: number }[] {
  const out: { start: number; end: number }[] = [];
  const n = text.length;
  // Most texts have no backtick: one indexOf, and a shared empty list.
  const code = codeSpans(text);
  let start = -1;
  let i = 0;
  const close = (end: number) => {
    if (start >= 0) out.push({ start, end });
    start = -1;
  };
  while (i < n) {
    const c = text[i]!;
    if (start < 0) {
      if (isSpace(c)) {
        i++;
        continue;
      }
      start = i;
    }
    if (c === '`' && code.length > 0) {
      // A code span is skipped whole: nothing in it ends a sentence.
      const end = codeSpanEndingFrom(code, i);
      if (end !== -1) {
        i = end;
        continue;
      }
    } else if (c === '[') {
      // A closed bracket is skipped whole; an unclosed one is ordinary text.
      const j = closingBracket(text, i, code);
      if (j > 0 && isCitationBody(text, i + 1, j, code)) {
        i = j + 1;
        continue;
      }
    } else if (c === '.' || c === '!' || c === '?') {
      let j = i + 1;
      while (j < n && (text[j] === '.' || text[j] === '!' || text[j] === '?')) j++;
      while (j < n && CLOSERS.has(text[j]!)) j++;
      if (j >= n || isSpace(text[j])) {
        let k = j;
        while (k < n && isSpace(text[k])) k++;
        const next = k < n ? text[k] : undefined;
        const singleDot = c === '.' && text[i + 1] !== '.' && text[i + 1] !== '!' && text[i + 1] !== '?';
        if (!(singleDot && isAbbreviation(text, i, next))) {
          close(j);
          i = k;
          continue;
        }
      }
      i = j;
      continue;
    }
    i++;
  }
  if (start >= 0) {
    let end = n;
    while (end > start && isSpace(text[end - 1])) end--;
    close(end);
  }
  return out;
}

// ---------------------------------------------------------------------------
// Intervals

const EPS = 1e-9;
const round = (x: number): number => Math.round(x * 1e9) / 1e9;

/** A claim with no likelihood is asserted as fact. */
export const FACT: Interval = Object.freeze({ lo: 0.95, hi: 1 });

/** The interval of the negated statement: [1 − hi, 1 − lo]. */
export function complement(i: Interval): Interval {
  return { lo: round(1 - i.hi), hi: round(1 - i.lo) };
}

/** Whether the intervals share no point; touching endpoints are not disjoint. */
export function disjoint(a: Interval, b: Interval): boolean {
  return a.hi < b.lo - EPS || b.hi < a.lo - EPS;
}

/**
 * Brief §2: 'contradiction' when disjoint and on opposite sides of one half
 * (one's hi ≤ 0.5 and the other's lo ≥ 0.5), 'inconsistent' when disjoint
 * otherwise, 'consistent' when they overlap. Even odds exactly (50%) says
 * neither that it will nor that it won't: it is on no side.
 */
/**
 * The first term among a statement's words whose interval meets `declared`: with another term
 * that does not, the statement holds two estimates ("will likely agree, but Hungary is unlikely
 * to sign").
 */
export function fittingWord(words: readonly EstimativeWord[], declared: Interval): EstimativeWord | undefined {
  return words.find((w) => w.kind === 'term' && w.term !== undefined && !disjoint(w.term.interval, declared));
}

export function compareEstimates(a: Interval, b: Interval): 'consistent' | 'contradiction' | 'inconsistent' {
  if (!disjoint(a, b)) return 'consistent';
  const below = (x: Interval) => x.hi <= 0.5 + EPS && x.lo < 0.5 - EPS;
  const above = (x: Interval) => x.lo >= 0.5 - EPS && x.hi > 0.5 + EPS;
  if ((below(a) && above(b)) || (below(b) && above(a))) return 'contradiction';
  return 'inconsistent';
}

/** The scale term whose interval holds a percentage (or range): the first such term, if any ("70%" → likely). */
export function termFor(p: Interval, scale: ScaleName): Term | undefined {
  return scaleTerms(scale).find((t) => p.lo >= t.interval.lo - EPS && p.hi <= t.interval.hi + EPS);
}

function pct(x: number): string {
  return String(Math.round(x * 1000) / 10);
}

/** "55–80%", "70%", "≥95%", "≤5%". */
export function formatInterval(i: Interval): string {
  const lo = pct(i.lo);
  const hi = pct(i.hi);
  if (lo === hi) return `${lo}%`;
  if (lo === '0' && hi !== '100') return `\u2264${hi}%`;
  if (hi === '100' && lo !== '0') return `\u2265${lo}%`;
  return `${lo}\u2013${hi}%`;
}

const NUM = '(\\d+(?:\\.\\d+)?|\\.\\d+)';
const PERCENT_ONE = new RegExp(`^${NUM}\\s*%$`);
const PERCENT_RANGE = new RegExp(`^${NUM}\\s*%?\\s*(?:[-\u2010\u2011\u2012\u2013\u2014\u2212]|to)\\s*${NUM}\\s*%$`, 'i');
const PERCENT_NEGATIVE = /^[-\u2212]\s*[\d.].*%$/;

/**
 * A percentage value: "70%" → [0.7, 0.7]; "60-75%" (hyphen, en or em dash,
 * "to", spaces allowed) → [0.6, 0.75]. Undefined if the text is not a
 * percentage; an error string if a bound is outside 0..100 or lo > hi.
 */
export function parsePercent(text: string): Interval | { error: string } | undefined {
  const t = text.trim();
  if (PERCENT_NEGATIVE.test(t)) return { error: 'a percentage must be between 0% and 100%' };
  let lo: number;
  let hi: number;
  const one = PERCENT_ONE.exec(t);
  if (one) {
    lo = hi = Number(one[1]);
  } else {
    const range = PERCENT_RANGE.exec(t);
    if (!range) return undefined;
    lo = Number(range[1]);
    hi = Number(range[2]);
  }
  if (lo > 100 || hi > 100) return { error: 'a percentage must be between 0% and 100%' };
  if (lo > hi) return { error: `the range's lower bound (${lo}%) is above its upper bound (${hi}%)` };
  return { lo: round(lo / 100), hi: round(hi / 100) };
}
