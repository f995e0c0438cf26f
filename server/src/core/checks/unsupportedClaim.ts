// `unsupported-claim`: a judgment or claim with no `because` and no inline citation.
import type { Check } from './context';
import { isEstimate } from './context';
import { LiteralBrackets } from '../literal';
import { citationOpening } from '../parser';

/**
 * Whether `statement` opens an inline citation where the parser reads one (`[@key`, `[-@key`,
 * `[see @key`; not escaped, not in a code span): one it could not read is a syntax error, said
 * there, and "rests on nothing" beside it would misstate what the analyst wrote.
 */
function citationTried(statement: string): boolean {
  if (!statement.includes('@')) return false;
  const literal = new LiteralBrackets(statement);
  for (let open = statement.indexOf('['); open !== -1; open = statement.indexOf('[', open + 1)) {
    if (!literal.hides(open) && citationOpening(statement, open, () => literal) > 0) return true;
  }
  return false;
}

export const unsupportedClaim: Check = {
  item(ctx, item) {
    if (!isEstimate(item) || item.because.length > 0 || item.citations.length > 0) return;
    // A `because:` that does not parse is a syntax error already: "rests on nothing: add
    // `because:`" would point the analyst away from the line to mend.
    if (item.attributes.some((a) => a.name === 'because')) return;
    // Likewise an inline citation that does not parse (`[@Müller2020]`): the analyst did cite.
    if (citationTried(item.statement)) return;
    ctx.report({
      code: 'unsupported-claim',
      span: item.idSpan,
      severity: item.kind === 'judgment' ? 'error' : 'warning',
      message: `${item.kind} ${item.id} rests on nothing: add \`because:\` with the claims, evidence or sources that support it, or cite a source inline`,
      // Its fixes (*Add `because: E3`*) are built when asked: service/documentFixes.ts.
    });
  },
};
