// `missing-likelihood`: a judgment with neither a `likelihood` nor an estimative term in its statement.
import { findEstimativeWords } from '../estimative';
import type { Check } from './context';

export const missingLikelihood: Check = {
  item(ctx, item) {
    if (item.kind !== 'judgment' || item.attributes.some((a) => a.name === 'likelihood')) return;
    const words = findEstimativeWords(item.statement, ctx.config.scale);
    if (words.some((w) => w.kind === 'term')) return;
    ctx.report({
      code: 'missing-likelihood',
      span: item.idSpan,
      message: `judgment ${item.id} does not say how likely it is: add \`likelihood:\` (an estimative term or a percentage)`,
      fixes: [{ kind: 'insert-lines', offset: item.span.end, text: '\n  likelihood: ', title: 'Add `likelihood:`', template: true }],
    });
  },
};
