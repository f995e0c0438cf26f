// `inconsistent-source-rating`: one source rated differently in two places.
import type { RelatedInfo } from '../types';
import type { Check } from './context';

export const inconsistentSourceRating: Check = {
  item(ctx, item) {
    if (item.kind !== 'source' || !item.reliability) return;
    const mine = item.reliability.value;
    const others: RelatedInfo[] = [];
    for (const other of ctx.ws.sourceBlocks(item.id)) {
      const r = other.item.reliability;
      if (other.item !== item && r && r.value !== mine) others.push({ path: other.doc.path, span: r.span, message: `${item.id} rated ${r.value} in ${other.doc.path}` });
    }
    for (const path of ctx.ws.bibliographyPaths(ctx.doc)) {
      const entry = ctx.ws.bibliography(path)?.entries.get(item.id);
      const r = entry?.reliability?.trim().toUpperCase();
      if (entry && r && r !== mine) others.push({ path, span: entry.keySpan, message: `${item.id} rated ${r} in ${path}` });
    }
    if (others.length === 0) return;
    ctx.report({
      code: 'inconsistent-source-rating',
      span: item.reliability.span,
      message: `source ${item.id} is rated ${mine} here but ${others.map((o) => o.message.replace(`${item.id} rated `, '')).join(', ')}; one source should carry one rating`,
      related: others,
    });
  },
};
