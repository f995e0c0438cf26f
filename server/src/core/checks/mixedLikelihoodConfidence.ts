// `mixed-likelihood-confidence`: one sentence holds both an estimative term and a confidence
// phrase; ICD 203 says a product must not combine them in one sentence.
import { findConfidencePhrases, findEstimativeWords, sentenceSpans } from '../estimative';
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
  const terms = findEstimativeWords(text, ctx.config.scale).filter((w) => w.kind === 'term');
  if (terms.length === 0) return;
  for (const s of sentenceSpans(text)) {
    const inside = (x: Span) => x.start >= s.start && x.end <= s.end;
    const phrase = phrases.find(inside);
    const term = terms.find(inside);
    if (!phrase || !term) continue;
    ctx.report({
      code: 'mixed-likelihood-confidence',
      span: { start: start + phrase.start, end: start + phrase.end },
      message: `${what} combines a confidence phrase ("${phrase.text}") with an estimative term ("${term.text.replace(/\s+/g, ' ')}") in one sentence; ICD 203 keeps likelihood and confidence in separate sentences`,
    });
  }
}
