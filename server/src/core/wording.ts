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
 * What replaces a hedge to say the term instead, keeping the sentence grammatical, or undefined
 * when no simple rewording does ("cannot be ruled out"; a modal for a term with no adverb).
 */
export function hedgeReplacement(hedge: string, term: Term): string | undefined {
  const lower = hedge.toLowerCase().replace(/\s+/g, ' ');
  const adverb = adverbOf(term);
  let text: string | undefined;
  if (MODAL.has(lower)) text = adverb && `will ${adverb}`;
  else if (SENTENCE_ADVERB.has(lower)) text = adverb;
  else if (POSSIBLE_THAT.test(lower)) text = isNoun(term) ? `there is ${withArticle(term.canonical)} that` : `it is ${term.canonical} that`;
  return text && keepCapital(hedge, text);
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
