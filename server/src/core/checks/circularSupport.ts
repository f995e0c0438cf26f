// `circular-support`: support that leads back to itself. Each cycle is reported once in each
// document it passes through, on its first item there; the rest of the cycle are related locations.
import type { Item } from '../model';
import { supportNode, type Support } from '../support';
import type { LocatedItem } from '../workspace';
import type { Check, CheckContext } from './context';
import { itemName } from './context';

export const circularSupport: Check = {
  item(ctx, item) {
    const node = supportNode(ctx.ws, { doc: ctx.doc, item });
    if (node.at.item !== item) return;
    for (const steps of node.circles ?? []) reportCircle(ctx, item, node.supports, steps);
  },
};

function reportCircle(ctx: CheckContext, item: Item, supports: readonly Support[], steps: readonly LocatedItem[]): void {
  const next = steps[1];
  const edge = supports.find((s) => s.kind === 'item' && s.target.item === next.item);
  ctx.report({
    code: 'circular-support',
    span: edge?.ref.span ?? item.idSpan,
    message: `${item.kind} ${item.id} supports itself in a circle: ${elide(steps.map((s) => itemName(s, ctx.doc))).join(' → ')}`,
    related: elide(steps.slice(1, -1)).flatMap((s) => (typeof s === 'string' ? [] : [{ path: s.doc.path, span: s.item.idSpan, message: `${s.item.kind} ${s.item.id} is on the cycle` }])),
  });
}

/** A cycle through 1,000 documents is named by its first steps and its last. */
const SHOWN = 10;
function elide<T>(steps: readonly T[]): Array<T | string> {
  return steps.length <= SHOWN + 2 ? [...steps] : [...steps.slice(0, SHOWN), `… ${steps.length - SHOWN - 2} more …`, ...steps.slice(-2)];
}
