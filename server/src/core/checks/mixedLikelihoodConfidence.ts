// `mixed-likelihood-confidence`: one sentence holds both an estimative term and a confidence
// phrase; ICD 203 says a product must not combine them in one sentence.
import { findConfidencePhrases, sentenceSpans } from '../estimative';
import { wordsIn } from '../estimate';
import type { Span } from '../types';
import { proseMeeting, type Check, type CheckContext } from './context';

export const mixedLikelihoodConfidence: Check = {
  item(ctx, item) {
    if (item.kind !== 'source' && item.kind !== 'assessment') reportMixed(ctx, item.statement, item.statementSpan.start, `${item.kind} ${item.id}`);
  },
  text(ctx, range) {
    for (const p of proseMeeting(ctx.doc, range)) reportMixed(ctx, p.text, p.span.start, 'this sentence');
  },
};

function reportMixed(ctx: CheckContext, text: string, start: number, what: string): void {
  const phrases = findConfidencePhrases(text);
  if (phrases.length === 0) return;
  const terms = wordsIn(ctx.doc, text, ctx.config.scale).filter((w) => w.kind === 'term');
  if (terms.length === 0) return;
  // Phrases, terms and sentences each come in text order: one walk down the three, not a search
  // of every phrase and term for each sentence (quadratic in a long statement of many sentences).
  let p = 0;
  let t = 0;
  for (const s of sentenceSpans(text)) {
    while (p < phrases.length && phrases[p].start < s.start) p++;
    while (t < terms.length && terms[t].start < s.start) t++;
    const phrase = firstInside(phrases, p, s);
    const term = firstInside(terms, t, s);
    if (!phrase || !term) continue;
    ctx.report({
      code: 'mixed-likelihood-confidence',
      span: { start: start + phrase.start, end: start + phrase.end },
      message: `${what} combines a confidence phrase ("${phrase.text}") with an estimative term ("${term.text.replace(/\s+/g, ' ')}") in one sentence; ${ctx.config.scale === 'icd203' ? 'ICD 203 keeps' : 'keep'} likelihood and confidence in separate sentences${ctx.config.scale === 'icd203' ? '' : ', so that neither is read as the other'}`,
    });
  }
}

/** The first of `list` (in text order) from index `from` that lies inside `s`: only those starting in it are looked at. */
function firstInside<T extends Span>(list: readonly T[], from: number, s: Span): T | undefined {
  for (let i = from; i < list.length && list[i].start < s.end; i++) if (list[i].end <= s.end) return list[i];
  return undefined;
}
