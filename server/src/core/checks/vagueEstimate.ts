// `vague-estimate`: a statement that hedges (could, may, …) and declares no likelihood.
import { scaleTerms, type ScaleName } from '../estimative';
import { wordsIn } from '../estimate';
import { hedgeReplacements } from '../wording';
import { addLikelihood, nearEvenFirst } from './missingLikelihood';
import type { Check } from './context';
import { isEstimate } from './context';

export const vagueEstimate: Check = {
  item(ctx, item) {
    if (!isEstimate(item) || item.likelihood) return;
    const words = wordsIn(ctx.doc, item.statement, ctx.config.scale);
    if (words.some((w) => w.kind === 'term')) return;
    const hedge = words.find((w) => w.kind === 'hedge');
    if (!hedge) return;
    const at = item.statementSpan.start;
    const span = { start: at + hedge.start, end: at + hedge.end };
    ctx.report({
      code: 'vague-estimate',
      span,
      message: `${item.kind} ${item.id} hedges with "${hedge.text}" but gives no likelihood: say how likely (e.g. \`likelihood: ${nearEven(ctx.config.scale)}\`) so readers do not guess`,
      fixes: [
        ...addLikelihood(item, ctx.config.scale, true),
        ...rewordings(hedge.text, ctx.config.scale).map((text) => ({ kind: 'replace' as const, span, text, title: `Replace "${hedge.text}" with "${text}"` })),
      ],
    });
  },
};

/** The example a hedge is offered: the scale's term nearest even odds, what "could" most often means (ICD 203: roughly even chance; PHIA: realistic possibility). */
function nearEven(scale: ScaleName): string {
  return nearEvenFirst(scale)[0].canonical;
}

/** The hedge reworded to each term of the scale that fits its place in the sentence. */
function rewordings(hedge: string, scale: ScaleName): string[] {
  return scaleTerms(scale).flatMap((t) => hedgeReplacements(hedge, t));
}
