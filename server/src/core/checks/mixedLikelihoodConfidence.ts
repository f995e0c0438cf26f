// `mixed-likelihood-confidence`: one sentence holds both an estimative term and a confidence
// phrase; ICD 203 says a product must not combine them in one sentence.
import { findConfidencePhrases, findEstimativeWords, sentenceSpans } from '../estimative';
import type { Span } from '../types';
import type { CheckContext } from './context';

export function mixedLikelihoodConfidence(ctx: CheckContext): void {
  const texts: Array<{ text: string; start: number; what: string }> = [
    ...ctx.doc.items.filter((i) => i.kind !== 'source' && i.kind !== 'assessment').map((i) => ({ text: i.statement, start: i.statementSpan.start, what: `${i.kind} ${i.id}` })),
    ...ctx.doc.prose.map((p) => ({ text: p.text, start: p.span.start, what: 'this sentence' })),
  ];
  for (const { text, start, what } of texts) {
    const phrases = findConfidencePhrases(text);
    if (phrases.length === 0) continue;
    const terms = findEstimativeWords(text, ctx.config.scale).filter((w) => w.kind === 'term');
    if (terms.length === 0) continue;
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
}
