// How an estimative term fits into a sentence in place of another word, so that a quick fix
// that rewrites a statement leaves English behind ("will unlikely avoid" is not). Pure.
import type { Term } from './estimative';

/** An estimative word used as an adverb: "probably", "almost certainly". */
export const ADVERB = /(?:ably|ainly)$/i;

/** The term's adverb ("probably" for likely), or undefined when it has none (unlikely). */
export function adverbOf(term: Term): string | undefined {
  return term.words.find((w) => ADVERB.test(w));
}

/** Hedges that are modal verbs: "could return" becomes "will probably return". */
const MODAL = new Set(['could', 'may', 'might']);
/** Hedges that are sentence adverbs: "perhaps" becomes "probably". */
const SENTENCE_ADVERB = new Set(['possibly', 'perhaps', 'conceivably']);
/** "it is possible that": the term goes where "possible" was. */
const POSSIBLE_THAT = /^it(?:\s+is|['’]s)\s+possible\s+that$/i;

/**
 * What may replace a hedge to say the term instead, keeping the sentence grammatical, best first;
 * none when no simple rewording does ("cannot be ruled out"; a modal for a term with no adverb).
 * A modal becomes "will" and an adverb of the term: its "-ably"/"-ainly" adverb ("will probably",
 * "will almost certainly"), then "likely" or "very likely" where the term has that word, which
 * English uses as an adverb after "will" ("will likely return", "will very likely return").
 * "unlikely" and "highly likely" are no such adverbs ("will unlikely return" is not English), and
 * "will very probably" would be read back as *likely*, "very probably" being no term.
 */
export function hedgeReplacements(hedge: string, term: Term): string[] {
  const lower = hedge.toLowerCase().replace(/\s+/g, ' ');
  let texts: string[];
  if (MODAL.has(lower)) texts = modalAdverbs(term).map((a) => `will ${a}`);
  else if (SENTENCE_ADVERB.has(lower)) texts = [adverbOf(term) ?? []].flat();
  else if (POSSIBLE_THAT.test(lower)) texts = [isNoun(term) ? `there is ${withArticle(term.canonical)} that` : `it is ${term.canonical} that`];
  else texts = [];
  return texts.map((t) => keepCapital(hedge, t));
}

/** "likely" and "very likely": adjectives that are adverbs too, after "will". */
const LIKELY_ADVERB = /^(?:very )?likely$/;

/** The words of a term that go between "will" and a verb, its "-ly" adverb first. */
function modalAdverbs(term: Term): string[] {
  const adverb = adverbOf(term);
  const likely = term.words.find((w) => LIKELY_ADVERB.test(w));
  return [adverb ?? [], likely ?? []].flat();
}

/** "roughly even chance", "realistic possibility": nouns, not adjectives ("it is likely that"). */
function isNoun(term: Term): boolean {
  return /(?:chance|odds|possibility)$/.test(term.canonical);
}

/** "a roughly even chance", but "almost no chance". */
function withArticle(noun: string): string {
  return /^almost no\b/.test(noun) ? noun : `a ${noun}`;
}

function keepCapital(original: string, text: string): string {
  return /^\p{Lu}/u.test(original) ? text[0].toUpperCase() + text.slice(1) : text;
}
