// `unsupported-claim`: a judgment or claim with no `because` and no inline citation.
import type { Check } from './context';
import { isEstimate } from './context';

/** The opening of an inline citation, `[@` or `[-@`. */
const CITATION_TRIED = /\[-?@/;

export const unsupportedClaim: Check = {
  item(ctx, item) {
    if (!isEstimate(item) || item.because.length > 0 || item.citations.length > 0) return;
    // A `because:` that does not parse is a syntax error already: "rests on nothing: add
    // `because:`" would point the analyst away from the line to mend.
    if (item.attributes.some((a) => a.name === 'because')) return;
    // Likewise an inline citation that does not parse (`[@Müller2020]`): the analyst did cite.
    if (CITATION_TRIED.test(item.statement)) return;
    ctx.report({
      code: 'unsupported-claim',
      span: item.idSpan,
      severity: item.kind === 'judgment' ? 'error' : 'warning',
      message: `${item.kind} ${item.id} rests on nothing: add \`because:\` with the claims, evidence or sources that support it, or cite a source inline`,
      fixes: [{ kind: 'insert-lines', offset: item.span.end, text: '\n  because: ', title: 'Add `because:`', template: true }],
    });
  },
};
