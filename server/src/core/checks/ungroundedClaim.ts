// `ungrounded-claim`: an item with support, none of which ever reaches a source.
import { supportNode, ungroundedPath } from '../support';
import type { Check } from './context';
import { isEstimate, itemName } from './context';

/** Steps of a chain named in full before the rest is elided. */
const SHOWN = 8;

export const ungroundedClaim: Check = {
  item(ctx, item) {
    if (!isEstimate(item) || (item.because.length === 0 && item.citations.length === 0)) return;
    const node = supportNode(ctx.ws, { doc: ctx.doc, item });
    if (node.grounded || node.at.item !== item) return;
    // An unresolved ref is the real problem there, and is reported as such.
    if (node.supports.some((s) => s.kind === 'unresolved')) return;
    // The chain as far as a reader follows it: its first steps, then its end (a chain can run 10,000 deep).
    const path = ungroundedPath(ctx.ws, { doc: ctx.doc, item }, SHOWN);
    const end = path.end.item;
    const names = path.steps.map((c) => itemName(c, ctx.doc));
    if (path.length > path.steps.length) names.push(...(path.length > path.steps.length + 1 ? [`… ${path.length - path.steps.length - 1} more …`] : []), itemName(path.end, ctx.doc));
    const shown = path.length > path.steps.length ? [...path.steps, path.end] : path.steps;
    const why = end.kind === 'assumption' ? `assumption ${end.id}` : end === item ? 'itself' : `${end.kind} ${end.id}, which has no support of its own`;
    ctx.report({
      code: 'ungrounded-claim',
      span: item.idSpan,
      message: `${item.kind} ${item.id} has support, but no chain of it reaches a source: ${names.join(' → ')} ends at ${why}`,
      related: shown.slice(1).map((c) => ({ path: c.doc.path, span: c.item.idSpan, message: `${c.item.kind} ${c.item.id}` })),
    });
  },
};
