// `inconsistent-source-rating`: one source rated differently in two places. A key is one source
// across the workspace, so a `source` block is compared with every other block and every
// bibliography entry of that key, and a bibliography's entry with other bibliographies' entries.
import type { Item } from '../model';
import type { RelatedInfo } from '../types';
import type { SourceRating } from '../workspace';
import type { Check, CheckContext } from './context';

export const inconsistentSourceRating: Check = {
  item(ctx, item) {
    if (item.kind === 'source') blockRating(ctx, item);
    else if (item.kind === 'assessment') bibliographyRatings(ctx, item);
  },
};

/** A `source` block rated otherwise elsewhere: reported on its `reliability:`. */
function blockRating(ctx: CheckContext, item: Item): void {
  if (!item.reliability) return;
  const mine = item.reliability.value;
  const others = ctx.ws.sourceRatings(item.id).filter((r) => r.block !== item && r.rating !== mine);
  if (others.length) report(ctx, item.id, mine, item.reliability.span, others);
}

/** An entry of a bibliography this document names, rated otherwise in another bibliography: reported on the `bibliography:` line. (A block of that key reports it on the block.) */
function bibliographyRatings(ctx: CheckContext, assessment: Item): void {
  for (const bib of assessment.bibliography) {
    const resolved = ctx.ws.resolvePath(ctx.doc, bib.path);
    if (!resolved.ok) continue;
    const path = resolved.path;
    for (const [key, entry] of ctx.ws.bibliography(path)?.entries ?? []) {
      const mine = entry.reliability?.trim().toUpperCase();
      if (!mine) continue;
      const others = ctx.ws.sourceRatings(key).filter((r) => !r.block && r.path !== path && r.rating !== mine);
      if (others.length) report(ctx, key, mine, bib.span, others, path);
    }
  }
}

function report(ctx: CheckContext, key: string, mine: string, span: { start: number; end: number }, others: readonly SourceRating[], where?: string): void {
  const related: RelatedInfo[] = others.map((r) => ({ path: r.path, span: r.span, message: `${key} rated ${r.rating} in ${r.path}` }));
  ctx.report({
    code: 'inconsistent-source-rating',
    span,
    message: `source ${key} is rated ${mine} ${where ? `in ${where}` : 'here'} but ${others.map((r) => `${r.rating} in ${r.path}`).join(', ')}; one source should carry one rating`,
    related,
  });
}
