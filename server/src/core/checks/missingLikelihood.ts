// `missing-likelihood`: a judgment with neither a `likelihood` nor an estimative term in its statement.
import { findEstimativeWords } from '../estimative';
import type { CheckContext } from './context';

export function missingLikelihood(ctx: CheckContext): void {
  for (const item of ctx.doc.items) {
    if (item.kind !== 'judgment' || item.attributes.some((a) => a.name === 'likelihood')) continue;
    const words = findEstimativeWords(item.statement, ctx.config.scale);
    if (words.some((w) => w.kind === 'term')) continue;
    ctx.report({
      code: 'missing-likelihood',
      span: item.idSpan,
      message: `judgment ${item.id} does not say how likely it is: add \`likelihood:\` (an estimative term or a percentage)`,
      fixes: [{ kind: 'insert-lines', offset: item.span.end, text: '\n  likelihood: ', title: 'Add `likelihood:`' }],
    });
  }
}

