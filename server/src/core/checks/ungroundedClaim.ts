// `ungrounded-claim`: an item with support, none of which ever reaches a source. Where some
// chain ends at an item standing on nothing, the message names that one, not a circle.
import { supportNode, ungroundedPath } from '../support';
import type { ItemRef } from '../model';
import type { LocatedItem } from '../workspace';
import type { Check, CheckContext } from './context';
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
    // Its chains only go round in circles, and `circular-support` names the one it is on.
    if (node.cyclic && !node.deadEnd && ctx.config.rules['circular-support'] !== 'off') return;
    // The chain as far as a reader follows it: its first steps, then its end (a chain can run 10,000 deep).
    const path = ungroundedPath(ctx.ws, { doc: ctx.doc, item }, SHOWN);
    const end = path.end.item;
    const names = path.steps.map((c) => itemName(c, ctx.doc));
    if (path.length > path.steps.length) names.push(...(path.length > path.steps.length + 1 ? [`… ${path.length - path.steps.length - 1} more …`] : []), itemName(path.end, ctx.doc));
    const shown = path.length > path.steps.length ? [...path.steps, path.end] : path.steps;
    const why = end.kind === 'assumption' ? `assumption ${itemName(path.end, ctx.doc)}` : end === item ? 'itself' : `${end.kind} ${itemName(path.end, ctx.doc)}, ${endsHow(ctx, path.end)}`;
    ctx.report({
      code: 'ungrounded-claim',
      span: item.idSpan,
      message: `${item.kind} ${item.id} has support, but no chain of it reaches a source: ${names.join(' → ')} ends at ${why}`,
      related: shown.slice(1).map((c) => ({ path: c.doc.path, span: c.item.idSpan, message: `${c.item.kind} ${c.item.id}` })),
    });
  },
};

/**
 * Why a chain stops at an item that is not an assumption: its support names nothing (reported
 * there as unresolved: the fix is that name), goes round in a circle, or it stands on nothing.
 */
function endsHow(ctx: CheckContext, end: LocatedItem): string {
  const node = supportNode(ctx.ws, end);
  const unresolved = node.supports.find((s) => s.kind === 'unresolved');
  if (unresolved) return `whose ${unresolved.ref.type === 'source' ? `source ${unresolved.ref.key}` : `support ${refText(unresolved.ref)}`} names nothing`;
  return node.cyclic ? 'whose support only goes round in a circle' : 'which has no support of its own';
}

function refText(ref: ItemRef): string {
  return ref.doc === undefined ? ref.id : `${ref.doc}/${ref.id}`;
}
