// `inconsistent-source-rating`: one source rated differently in two places.
import { localFiles } from '../localFiles';
import type { RelatedInfo } from '../types';
import type { Check, CheckContext } from './context';

export const inconsistentSourceRating: Check = {
  item(ctx, item) {
    if (item.kind !== 'source' || !item.reliability) return;
    const mine = item.reliability.value;
    const others: RelatedInfo[] = [];
    for (const other of ctx.ws.sourceBlocks(item.id)) {
      const r = other.item.reliability;
      if (other.item !== item && r && r.value !== mine) others.push({ path: other.doc.path, span: r.span, message: `${item.id} rated ${r.value} in ${other.doc.path}` });
    }
    for (const path of bibliographies(ctx)) {
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

/** The document's bibliographies, as workspace paths. */
function bibliographies(ctx: CheckContext): string[] {
  const assessment = ctx.doc.assessment;
  if (!assessment) return [];
  return localFiles(ctx.ws, ctx.doc, assessment).flatMap((f) => (f.kind === 'bibliography' && f.resolved.ok ? [f.resolved.path] : []));
}
