// Propositions and their similarity, for `possible-contradiction`: two
// statements that say nearly the same thing, with opposite polarity or
// disjoint likelihoods. Pure: no I/O.
//
// Design:
// - A statement is reduced to its content tokens (a set) and a polarity.
//   Estimative terms, hedges and confidence phrases are removed first (they are
//   compared separately, as likelihoods), then citations, then stopwords and
//   negators; the rest is lowercased and lightly stemmed.
// - Polarity: `negated` is true when the statement holds an odd number of
//   negators. Negators are: not (also n't, cannot), no, never, neither (with
//   its "nor" counted once), nor, none, nobody, nothing, nowhere — and the
//   implicit negators "avoid" and "refrain" (any inflection). "Russia would
//   avoid becoming involved" asserts that Russia would not become involved:
//   the statement with "avoid" dropped is the negation of the statement with
//   "not". Treating them as content words instead would make "avoid X" and
//   "X" look like the same claim with the same polarity. Words like "fail",
//   "decline", "without" and "lack" are left as content words: they negate
//   only sometimes ("China would take Taiwan without a fight" does not deny
//   "China would take Taiwan").
//   Not counted: "not only", "not least", "no doubt", "no less", "nothing but".
// - Literal text (see literal.ts) is read as the parser reads it: an escaped
//   bracket or `@`, and whatever stands in a code span, cites nothing, so it
//   is not blanked as a citation. A code span's words are what the statement
//   says (`Iskander` and `Kinzhal` make two statements about different
//   missiles), so they are content tokens; but they are shown, not used: a
//   "not", "avoid" or "below" in a code span denies nothing and turns no
//   direction ("the log reads `access not granted`" does not deny "the log
//   reads `access granted`"; the two merely differ by a word). Stopwords
//   stay out there too: they carry no content anywhere.
// - Opposite directions: of a short list of pairs (above/below, rise/fall,
//   increase/decrease, more/less, higher/lower, expand/shrink, …; every
//   inflection listed, irregular ones too), a word of the second side is read
//   as the first side's token plus one negator: "will stay below 2020 levels"
//   is "will stay above 2020 levels" denied. This is done only when the word
//   is the statement's one direction. Directions do not compose like
//   negators: "fall below" is no double denial, and "rise in the north and
//   fall in the south" denies nothing; such statements keep their words as
//   written. A denied direction and its opposite then agree ("will not rise",
//   "will fall": not rising allows falling), while a direction and its
//   opposite disagree. The pairs are plain opposites only: a word that often
//   means something else ("decline" = refuse, "contract", "over") is left out.
//   Nothing else changes: a proposition is still a token set and a polarity,
//   so the statement index, which keeps propositions by statement text and
//   scale, reads it as before.
// - Similarity is the Sørensen–Dice coefficient of the token sets,
//   2|A∩B| / (|A|+|B|), 0 when either set is empty. Dice is Jaccard
//   stretched (D = 2J/(1+J)); it reads more naturally as "share of words in
//   common" when one statement adds a qualifier to the other.
// - SIMILAR_THRESHOLD = 0.7 (Jaccard ≈ 0.54). "In a U.S.-China war over
//   Taiwan, Russia would probably avoid becoming directly involved" vs
//   "Russia would become directly involved in a war over Taiwan" scores 0.86;
//   two three-word statements that share two words ("Russia will invade
//   Ukraine" / "Russia will not invade Georgia") score 0.67 and are not
//   similar; unrelated statements about Russia score well below 0.3.

import { findConfidencePhrases, findEstimativeWords, type ScaleName } from './estimative';
import { codeSpans, LiteralBrackets } from './literal';

export interface Proposition {
  /** Content tokens, lowercased and stemmed, sorted, without duplicates. */
  tokens: string[];
  /** An odd number of negators (a word read as its opposite counts as one). */
  negated: boolean;
  /** The word read as the opposite of another, for messages: `"below" read as not "above"`. */
  turned?: string;
}

export const SIMILAR_THRESHOLD = 0.7;

const STOPWORDS = new Set(
  (
    'a an the this that these those there here it its it\'s itself they them their theirs themselves ' +
    'he him his she her hers we us our ours you your i me my mine one ones ' +
    'be is are was were been being am do does did doing done have has had having ' +
    'will would shall should can must ought wo ca sha ' +
    'of in on at by for to from with into onto upon over under about above below across after before ' +
    'during through throughout between among against within toward towards via per than then ' +
    'and or but if so as because while whereas although though since unless until whether either ' +
    'what which who whom whose when where why how ' +
    'all any both each every few more most other some such own same also too very just only even ' +
    'again further once still yet already ' +
    'assess assesses assessed judge judges judged judgment estimate estimates estimated believe believes ' +
    'think thinks view'
  ).split(/\s+/),
);

const NEGATORS = new Set(['not', 'no', 'never', 'neither', 'nor', 'none', 'nobody', 'nothing', 'nowhere']);
const IMPLICIT_NEGATORS = new Set([
  'avoid', 'avoids', 'avoided', 'avoiding', 'refrain', 'refrains', 'refrained', 'refraining',
]);
/** Two-word phrases whose first word is a negator that does not negate. */
const NOT_NEGATING = new Set(['not only', 'not least', 'no doubt', 'no less', 'nothing but', 'not just']);

/**
 * Pairs of opposite directions: every form of the second side reads as the first side's word,
 * denied. Each side's forms are listed (irregular ones too: rose, fell, shrank, won, lost), its
 * first form naming it. Only plain opposites: no word that often means something else
 * ("decline" is also "refuse", "contract" a noun, "over" and "under" mostly no direction).
 */
const OPPOSITES: readonly (readonly [string, string])[] = [
  ['above', 'below'],
  ['rise rises rising rose risen', 'fall falls falling fell fallen'],
  ['increase increases increased increasing', 'decrease decreases decreased decreasing'],
  ['more', 'less fewer'],
  ['high', 'low'],
  ['higher', 'lower'],
  ['highest', 'lowest'],
  ['expand expands expanded expanding', 'shrink shrinks shrank shrunk shrinking'],
  ['strengthen strengthens strengthened strengthening', 'weaken weakens weakened weakening'],
  ['win wins won winning', 'lose loses lost losing'],
];

/** A word of a pair of opposites: its own token, and the token it reads as when turned. */
export interface Direction {
  /** The pair's first side's token, with its name ("ris", "rise"). */
  canonical: string;
  canonicalName: string;
  /** Whether the word is of the second side: read as the first, denied. */
  opposite: boolean;
}

const DIRECTIONS: ReadonlyMap<string, { content: string; direction: Direction }> = new Map(
  OPPOSITES.flatMap(([first, second]) => {
    const [firstForms, secondForms] = [first.split(' '), second.split(' ')];
    const canonical = stem(firstForms[0]);
    const side = (forms: string[], opposite: boolean) =>
      forms.map((w) => [w, { content: stem(forms[0]), direction: { canonical, canonicalName: firstForms[0], opposite } }] as const);
    return [...side(firstForms, false), ...side(secondForms, true)];
  }),
);

// No `[` inside a bracket and nothing before its first `@` but non-`@`: a line of `[@[@[@…` is
// matched in linear time (the old pattern backtracked cubically over it).
const CITATION = /\[\[[^[\]\n]*\]\]|\[[^[\]\n@]*@[^[\]\n]*\]|(?<![\p{L}\p{N}_])@[\p{L}\p{N}_][\p{L}\p{N}_:.#$%&+?<>~/-]*/gu;
/**
 * `text` with its citations, item links and `@keys` blanked. A bracket, `;` or `@` that is text
 * only (escaped, or in a code span) is read as `_` first, as the parser reads a citation: so
 * `` `[@x]` `` and `` `@x` `` are words, and a `]` in a code span ends no citation
 * (`[@a, see `x]y`]` is blanked whole). `_` is no letter or digit: the words are those of `text`.
 */
function withoutCitations(text: string): string {
  return new LiteralBrackets(text).masked(text, 0).replace(CITATION, ' ');
}
const CONTRACTION = /([\p{L}]+)n['\u2019]t(?![\p{L}])/giu;
const CANNOT = /(?<![\p{L}])cannot(?![\p{L}])/gu;

/** Light stemming: plural -s/-es/-ies, -ing, -ed, final -e; double consonants undone. */
export function stem(word: string): string {
  let w = word;
  if (w.length > 4 && w.endsWith('ies')) w = w.slice(0, -3) + 'y';
  else if (w.length > 4 && /(?:ss|x|ch|sh|z)es$/.test(w)) w = w.slice(0, -2);
  else if (w.length > 3 && w.endsWith('s') && !/(?:ss|us|is)$/.test(w)) w = w.slice(0, -1);
  if (w.length > 5 && w.endsWith('ing')) w = undouble(w.slice(0, -3));
  else if (w.length > 4 && w.endsWith('ed') && !w.endsWith('eed')) w = undouble(w.slice(0, -2));
  if (w.length > 3 && w.endsWith('e') && !w.endsWith('ee')) w = w.slice(0, -1);
  return w;
}

function undouble(w: string): string {
  return /([b-df-hj-np-tv-z])\1$/.test(w) && !/(?:ll|ss|zz)$/.test(w) ? w.slice(0, -1) : w;
}

/**
 * What a lowercased word does in a proposition: negates it, negates it implicitly, is left out, or
 * is a content token (its stem); a word of a pair of opposites also has its direction.
 */
export type Role = 'negator' | 'implicit-negator' | 'left-out' | { content: string; direction?: Direction };

export function roleOf(w: string): Role {
  const directional = DIRECTIONS.get(w);
  if (directional) return directional; // before stopwords: "above", "below" and "more" are among them
  if (NEGATORS.has(w)) return 'negator';
  if (IMPLICIT_NEGATORS.has(w)) return 'implicit-negator';
  if (STOPWORDS.has(w) || (w.length === 1 && !/\d/.test(w))) return 'left-out';
  return { content: stem(w) };
}

/**
 * The words met so far and their roles, in an open-addressing table keyed by a hash of the word's
 * code units: a statement's words are looked up where they stand in its text, not cut out of it
 * (a workspace has far fewer distinct words than statements' words). Emptied, between statements,
 * once it holds WORD_LIMIT words.
 */
class WordTable {
  private words: string[] = [];
  private roles: Role[] = [];
  /** Per entry, the token number of its role's content (-1 when it has none). */
  private numbers: number[] = [];
  /** Per table position, side by side (one read finds both): the word's hash, and its entry + 1 (0: free). */
  private positions = new Int32Array(2 << 12);

  word(entry: number): string {
    return this.words[entry];
  }

  role(entry: number): Role {
    return this.roles[entry];
  }

  number(entry: number): number {
    return this.numbers[entry];
  }

  emptyIfFull(): void {
    if (this.words.length < WORD_LIMIT) return;
    this.words = [];
    this.roles = [];
    this.numbers = [];
    this.positions = new Int32Array(2 << 12);
  }

  /** The entry of the word text[start, end), added when new. */
  entry(text: string, start: number, end: number): number {
    let hash = 0x811c9dc5; // FNV-1a
    for (let i = start; i < end; i++) hash = Math.imul(hash ^ text.charCodeAt(i), 0x01000193);
    const { positions } = this;
    const mask = (positions.length >> 1) - 1;
    let at = hash & mask;
    for (; positions[2 * at + 1] !== 0; at = (at + 1) & mask) {
      const e = positions[2 * at + 1] - 1;
      if (positions[2 * at] === hash && sameWord(this.words[e], text, start, end)) return e;
    }
    const word = text.slice(start, end);
    const entry = this.words.length;
    const role = roleOf(word);
    this.words.push(word);
    this.roles.push(role);
    this.numbers.push(typeof role === 'object' ? tokenNumber(role.content) : -1);
    positions[2 * at] = hash;
    positions[2 * at + 1] = entry + 1;
    if (4 * this.words.length > positions.length) this.grow();
    return entry;
  }

  /** Twice the room, kept at most half full. */
  private grow(): void {
    const old = this.positions;
    const positions = (this.positions = new Int32Array(old.length * 2));
    const mask = (positions.length >> 1) - 1;
    for (let from = 0; from < old.length; from += 2) {
      if (old[from + 1] === 0) continue;
      let at = old[from] & mask;
      while (positions[2 * at + 1] !== 0) at = (at + 1) & mask;
      positions[2 * at] = old[from];
      positions[2 * at + 1] = old[from + 1];
    }
  }
}

const WORD_LIMIT = 100_000;
const WORD_TABLE = new WordTable();

/**
 * Content tokens as numbers, given in the order first met: a statement index looks its tokens
 * up by number, not by string. Kept as the word table is emptied: a workspace's vocabulary is bounded.
 */
const TOKEN_NUMBERS = new Map<string, number>();

/** How many tokens have numbers (the long-session bench watches it). */
export function tokenNumberCount(): number {
  return TOKEN_NUMBERS.size;
}

function tokenNumber(token: string): number {
  let n = TOKEN_NUMBERS.get(token);
  if (n === undefined) TOKEN_NUMBERS.set(token, (n = TOKEN_NUMBERS.size));
  return n;
}

function sameWord(word: string, text: string, start: number, end: number): boolean {
  if (word.length !== end - start) return false;
  for (let i = 0; i < word.length; i++) if (word.charCodeAt(i) !== text.charCodeAt(start + i)) return false;
  return true;
}

/** Words read from a text: their word-table entries, and which of them stand in a code span. */
interface ScannedWords {
  entries: Int32Array;
  /** Per word, 1 when it stands in one of the code spans given to scanWords; untouched when none was. */
  literal: Uint8Array;
  count: number;
}

/**
 * The words of lowercased `text`, as entries of the word table, onto `out` (emptied first): what
 * /[\p{L}\p{N}]+(?:\.[\p{L}\p{N}]+)*\/gu matches — runs of letters and digits joined by single
 * dots — found by a loop over the code points rather than the regular expression. With `code`
 * (code spans, as `codeSpans` gives them), each word is marked as in one or not.
 */
function scanWords(text: string, out: ScannedWords, code: readonly number[] = NO_CODE): void {
  out.count = 0;
  let span = 0; // the first code span not yet behind the word being read
  const n = text.length;
  let at = 0;
  while (at < n) {
    const first = letterOrDigitAt(text, at);
    if (first === 0) {
      at += codePointWidth(text, at);
      continue;
    }
    const start = at;
    at = endOfRun(text, at + first);
    // A dot joins two runs ("u.s", "3.5"); a dot not followed by a letter or digit ends the word.
    while (at < n && text.charCodeAt(at) === 0x2e) {
      const next = at + 1 < n ? letterOrDigitAt(text, at + 1) : 0;
      if (next === 0) break;
      at = endOfRun(text, at + 1 + next);
    }
    if (out.count === out.entries.length) grow(out);
    if (code.length > 0) {
      while (span < code.length && code[span + 1] <= start) span += 2;
      out.literal[out.count] = span < code.length && code[span] <= start ? 1 : 0;
    }
    out.entries[out.count++] = WORD_TABLE.entry(text, start, at);
  }
}

const NO_CODE: readonly number[] = Object.freeze([]);

function grow(out: ScannedWords): void {
  const entries = new Int32Array(2 * out.count);
  entries.set(out.entries);
  out.entries = entries;
  const literal = new Uint8Array(2 * out.count);
  literal.set(out.literal);
  out.literal = literal;
}

/** The words of lowercased `text` (what a proposition is read from), with their roles. */
export function wordsOf(text: string): { word: string; role: Role }[] {
  WORD_TABLE.emptyIfFull();
  const words: ScannedWords = { entries: new Int32Array(16), literal: new Uint8Array(16), count: 0 };
  scanWords(text, words);
  return [...words.entries.subarray(0, words.count)].map((e) => ({ word: WORD_TABLE.word(e), role: WORD_TABLE.role(e) }));
}

/** Where the run of letters and digits going on at `at` ends. */
function endOfRun(text: string, at: number): number {
  let width: number;
  while (at < text.length && (width = letterOrDigitAt(text, at)) !== 0) at += width;
  return at;
}

/** The width (1 or 2 code units) of the letter or digit at `at`, 0 when there is none. */
function letterOrDigitAt(text: string, at: number): number {
  const c = text.charCodeAt(at);
  if (c < 0x80) return (c >= 0x61 && c <= 0x7a) || (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x5a) ? 1 : 0;
  if (c >= 0xd800 && c <= 0xdbff && at + 1 < text.length) {
    const low = text.charCodeAt(at + 1);
    if (low >= 0xdc00 && low <= 0xdfff) return LETTER_OR_DIGIT.test(text.slice(at, at + 2)) ? 2 : 0;
  }
  return isBmpLetterOrDigit(c) ? 1 : 0;
}

function codePointWidth(text: string, at: number): number {
  const c = text.charCodeAt(at);
  if (c < 0xd800 || c > 0xdbff || at + 1 >= text.length) return 1;
  const low = text.charCodeAt(at + 1);
  return low >= 0xdc00 && low <= 0xdfff ? 2 : 1;
}

const LETTER_OR_DIGIT = /^[\p{L}\p{N}]$/u;
/** Per BMP code unit: 0 not yet asked, 1 a letter or digit, 2 neither (a lone surrogate is neither). */
const BMP_CLASS = new Uint8Array(0x10000);

function isBmpLetterOrDigit(c: number): boolean {
  if (BMP_CLASS[c] === 0) BMP_CLASS[c] = c < 0xd800 || c > 0xdfff ? (LETTER_OR_DIGIT.test(String.fromCharCode(c)) ? 1 : 2) : 2;
  return BMP_CLASS[c] === 1;
}

/** The likelihood and confidence words of `statement`, in order, overlapping ones merged. */
function likelihoodSpans(statement: string, scale: ScaleName, asOf: number | undefined): readonly { start: number; end: number }[] {
  const words = findEstimativeWords(statement, scale, asOf);
  const phrases = findConfidencePhrases(statement);
  if (words.length + phrases.length === 0) return NO_SPANS;
  if (phrases.length === 0 && apart(words)) return words; // as nearly always: nothing to merge
  const spans = [...words, ...phrases].sort((a, b) => a.start - b.start);
  const merged: { start: number; end: number }[] = [];
  for (const s of spans) {
    const last = merged[merged.length - 1];
    if (last && s.start < last.end) last.end = Math.max(last.end, s.end);
    else merged.push({ start: s.start, end: s.end });
  }
  return merged;
}

const NO_SPANS: readonly { start: number; end: number }[] = Object.freeze([]);

/** Whether the spans are in order, none overlapping the one before. */
function apart(spans: readonly { start: number; end: number }[]): boolean {
  for (let k = 1; k < spans.length; k++) if (spans[k].start < spans[k - 1].end) return false;
  return true;
}

function blank(text: string, spans: readonly { start: number; end: number }[]): string {
  if (spans.length === 0) return text;
  let out = '';
  let at = 0;
  for (const s of spans) {
    out += text.slice(at, s.start) + ' ';
    at = s.end;
  }
  return out + text.slice(at);
}

/** The words of the statement being read, its first `count`: one array reused, proposition does not re-enter. */
const WORDS: ScannedWords = { entries: new Int32Array(256), literal: new Uint8Array(256), count: 0 };

/**
 * The content tokens and polarity of a statement, its estimative words read as of `asOf`, the year
 * of its assessment (`assessmentYear`): a "could" of the past is content, as the checks read it.
 */
export function proposition(statement: string, scale: ScaleName, asOf?: number): Proposition {
  return numberedProposition(statement, scale, asOf).prop;
}

/** A proposition, and the numbers of its tokens, in their order (numbers stand for tokens for the whole run). */
export interface NumberedProposition {
  prop: Proposition;
  numbers: readonly number[];
}

export function numberedProposition(statement: string, scale: ScaleName, asOf?: number): NumberedProposition {
  // Likelihood and confidence words first (before citations shift offsets).
  let text = blank(statement, likelihoodSpans(statement, scale, asOf));
  // Each replacement only where its pattern can match at all: most statements have none of them.
  if (text.includes('[') || text.includes('@')) text = withoutCitations(text);
  text = text.toLowerCase();
  if (text.includes("n't") || text.includes('n\u2019t')) {
    text = text.replace(CONTRACTION, (_m, stemPart: string) => {
      const base = stemPart === 'wo' ? 'will' : stemPart === 'ca' ? 'can' : stemPart === 'sha' ? 'shall' : stemPart;
      return `${base} not`;
    });
  }
  if (text.includes('cannot')) text = text.replace(CANNOT, 'can not');

  WORD_TABLE.emptyIfFull();
  // Found in the text as it now stands (one indexOf where there is no backtick): its backticks are
  // the statement's, less those of a citation blanked whole, which holds both runs of any span it
  // meets, as its own brackets are outside every span.
  const code = codeSpans(text);
  scanWords(text, WORDS, code);
  const { entries: words, literal, count } = WORDS;
  let negators = 0;
  let sawNeither = false;
  // Sorted and free of duplicates as they come: a statement has a dozen tokens, no Set or sort
  // needed. A long text goes on in a Set, sorted once at the end: inserting would be quadratic.
  const tokens: string[] = [];
  const numbers: number[] = [];
  let many: Set<string> | undefined;
  // Directional words wait for the whole statement: only a lone direction is turned.
  let directional: { role: { content: string; direction: Direction }; word: string }[] | undefined;
  let plainNext = false;
  for (let i = 0; i < count; i++) {
    const listed = WORD_TABLE.role(words[i]);
    const role = code.length > 0 && literal[i] === 1 ? shownRole(listed, WORD_TABLE.word(words[i])) : listed;
    const plain = plainNext;
    plainNext = false;
    if (role === 'negator') {
      const w = WORD_TABLE.word(words[i]);
      if (i + 1 < count && NOT_NEGATING.has(`${w} ${WORD_TABLE.word(words[i + 1])}`)) {
        plainNext = true; // "no less than 50" says at least 50: "less" is not turned either
        continue;
      }
      if (w === 'neither') sawNeither = true;
      else if (w === 'nor' && sawNeither) continue; // "neither … nor" negates once
      negators++;
    } else if (role === 'implicit-negator') negators++;
    else if (role === 'left-out') continue;
    else if (role.direction && !plain) (directional ??= []).push({ role: role as { content: string; direction: Direction }, word: WORD_TABLE.word(words[i]) });
    else if (many) many.add(role.content);
    else if (tokens.length < MANY_TOKENS) insertSorted(tokens, numbers, role.content, role === listed ? WORD_TABLE.number(words[i]) : tokenNumber(role.content));
    else many = new Set(tokens).add(role.content);
  }
  let turned: string | undefined;
  if (directional) {
    // One direction, of the second side: its word reads as the first side's, denied ("below" as
    // not "above"). Two ("rise and fall", "fall below") are read as written: they do not compose
    // like negators, and "fall below" is no double denial.
    const [first] = directional;
    const lone = directional.every((d) => sameDirection(d.role.direction, first.role.direction));
    if (lone && first.role.direction.opposite) {
      negators++;
      turned = `"${first.word}" read as not "${first.role.direction.canonicalName}"`;
    }
    for (const d of directional) {
      const token = lone && first.role.direction.opposite ? d.role.direction.canonical : d.role.content;
      if (many) many.add(token);
      else if (tokens.length < MANY_TOKENS) insertSorted(tokens, numbers, token, tokenNumber(token));
      else many = new Set(tokens).add(token);
    }
  }
  const prop: Proposition = { tokens: many ? [...many].sort() : tokens, negated: negators % 2 === 1 };
  if (turned) prop.turned = turned;
  return { prop, numbers: many ? prop.tokens.map(tokenNumber) : numbers };
}

/** The role of a word in a code span, shown rather than used: a content token, unless left out anywhere. */
function shownRole(role: Role, word: string): Role {
  if (role === 'left-out') return role;
  if (role === 'negator' || role === 'implicit-negator') return { content: stem(word) };
  return role.direction ? { content: role.content } : role;
}

function sameDirection(a: Direction, b: Direction): boolean {
  return a.canonical === b.canonical && a.opposite === b.opposite;
}

const MANY_TOKENS = 64;

/**
 * Put `token` in its place in ascending `tokens` (code-unit order, as sort() has it), unless it is
 * there, and its `number` in the same place of `numbers`.
 */
function insertSorted(tokens: string[], numbers: number[], token: string, number: number): void {
  let at = tokens.length;
  while (at > 0 && tokens[at - 1] > token) at--;
  if (at > 0 && numbers[at - 1] === number) return;
  for (let i = tokens.length; i > at; i--) {
    tokens[i] = tokens[i - 1];
    numbers[i] = numbers[i - 1];
  }
  tokens[at] = token;
  numbers[at] = number;
}

/** Sørensen–Dice coefficient of the token sets, 0..1; 0 when either is empty. */
export function similarity(a: Proposition, b: Proposition): number {
  if (a.tokens.length === 0 || b.tokens.length === 0) return 0;
  // Both token lists are sorted and free of duplicates: count the common ones in one merge.
  let common = 0;
  for (let i = 0, j = 0; i < a.tokens.length && j < b.tokens.length; ) {
    if (a.tokens[i] === b.tokens[j]) {
      common++;
      i++;
      j++;
    } else if (a.tokens[i] < b.tokens[j]) i++;
    else j++;
  }
  return (2 * common) / (a.tokens.length + b.tokens.length);
}

/**
 * How many of its tokens a statement must share with another to reach `SIMILAR_THRESHOLD`,
 * whatever the other's size: from 2c/(|A|+|B|) ≥ δ and c ≤ |B|, c ≥ δ|A|/(2 − δ).
 */
export function minimumOverlap(tokens: number): number {
  return Math.max(1, Math.ceil((SIMILAR_THRESHOLD * tokens) / (2 - SIMILAR_THRESHOLD) - 1e-9));
}