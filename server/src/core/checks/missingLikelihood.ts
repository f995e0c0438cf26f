// `missing-likelihood`: a judgment with neither a `likelihood` nor an estimative term in its statement.
import { formatInterval, scaleTerms, type ScaleName, type Term } from '../estimative';
import { wordsIn } from '../estimate';
import type { Item } from '../model';
import type { FixData } from '../types';
import type { Check } from './context';

export const missingLikelihood: Check = {
  item(ctx, item) {
    if (item.kind !== 'judgment' || item.attributes.some((a) => a.name === 'likelihood')) return;
    const words = wordsIn(ctx.doc, item.statement, ctx.config.scale);
    if (words.some((w) => w.kind === 'term')) return;
    ctx.report({
      code: 'missing-likelihood',
      span: item.idSpan,
      message: `judgment ${item.id} does not say how likely it is: add \`likelihood:\` (an estimative term or a percentage)`,
      fixes: addLikelihood(item, ctx.config.scale, words.some((w) => w.kind === 'hedge')),
    });
  },
};

/**
 * One fix per term of the scale, each adding `likelihood: TERM` (a value to choose, not one to type,
 * so none leaves the block in error). A statement that hedges ("could", "may") most often means
 * about even odds, so then the terms nearest even odds come first; otherwise the scale's order.
 * Shared with `vague-estimate`.
 */
export function addLikelihood(item: Item, scale: ScaleName, hedges: boolean): FixData[] {
  const terms = hedges ? nearEvenFirst(scale) : scaleTerms(scale);
  return terms.map((t) => ({
    kind: 'insert-lines' as const,
    offset: item.span.end,
    text: `\n  likelihood: ${t.canonical}`,
    title: `Add \`likelihood: ${t.canonical}\` (${formatInterval(t.interval)})`,
  }));
}

/** The scale's terms, nearest even odds first (ties in the scale's order): what a hedge most often means. */
export function nearEvenFirst(scale: ScaleName): Term[] {
  const fromEven = (t: Term) => Math.abs((t.interval.lo + t.interval.hi) / 2 - 0.5);
  return [...scaleTerms(scale)].sort((a, b) => fromEven(a) - fromEven(b));
}
