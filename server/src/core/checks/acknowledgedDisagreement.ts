// `acknowledged-disagreement`: a `contradicts` relation, shown with both estimates.
import { briefEstimate, estimateOf } from '../estimate';
import type { Check } from './context';
import { itemName, related } from './context';

export const acknowledgedDisagreement: Check = {
  item(ctx, item) {
    const scale = ctx.config.scale;
    for (const ref of item.contradicts) {
      const there = ctx.ws.resolveItem(ctx.doc, ref);
      // Disputing itself or evidence or a source is invalid-value, said there.
      if (!there || there.item === item || there.item.kind === 'evidence' || there.item.kind === 'source') continue;
      const mine = estimateOf({ doc: ctx.doc, item }, scale);
      const theirs = estimateOf(there, scale);
      const name = itemName(there, ctx.doc);
      ctx.report({
        code: 'acknowledged-disagreement',
        span: ref.span,
        message: `${item.id} (${briefEstimate(mine)}) disputes ${name} (${briefEstimate(theirs)})`,
        related: [related(there, `${name}: ${briefEstimate(theirs)}`)],
      });
    }
  },
};
