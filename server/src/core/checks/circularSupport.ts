// `circular-support`: support that leads back to itself. Each cycle is reported once in each
// document it passes through, on its first item there; the rest of the cycle are related locations.
// A tangle (more than 64 items standing on one another) names one cycle, and points to it from
// each other document it reaches.
import type { Item } from '../model';
import { stepOf, supportNode, type CycleCircle, type Support } from '../support';
import type { LocatedItem } from '../workspace';
import type { Check, CheckContext } from './context';
import { itemName, related } from './context';

export const circularSupport: Check = {
  item(ctx, item) {
    const node = supportNode(ctx.ws, { doc: ctx.doc, item });
    if (node.at.item !== item) return;
    for (const circle of node.circles ?? []) {
      if (circle.kind === 'cycle') reportCycle(ctx, item, node.supports, circle);
      else reportTangle(ctx, item, node.supports, circle.tangle, circle.named, circle.next);
    }
  },
};

function reportCycle(ctx: CheckContext, item: Item, supports: readonly Support[], circle: CycleCircle): void {
  const length = circle.around.length;
  const names = elide(length + 1, (i) => itemName(stepOf(circle, i), ctx.doc));
  const tangle = circle.tangle === undefined ? '' : `, one of the circles of a tangle of ${circle.tangle} items standing on one another`;
  ctx.report({
    code: 'circular-support',
    span: stepSpan(supports, stepOf(circle, 1)) ?? item.idSpan,
    message: `${item.kind} ${item.id} supports itself in a circle: ${names.join(' → ')}${tangle}`,
    related: elide(length - 1, (i) => stepOf(circle, i + 1)).flatMap((s) => (typeof s === 'string' ? [] : [related(s, `${s.item.kind} ${s.item.id} is on the cycle`)])),
  });
}

/** A member of a tangle in a document its named cycle misses: where that cycle is named. */
function reportTangle(ctx: CheckContext, item: Item, supports: readonly Support[], size: number, named: LocatedItem, next: LocatedItem): void {
  ctx.report({
    code: 'circular-support',
    span: stepSpan(supports, next) ?? item.idSpan,
    message: `${item.kind} ${item.id} supports itself in a circle, in a tangle of ${size} items standing on one another; one of its circles is named on ${itemName(named, ctx.doc)}`,
    related: [related(named, `${named.item.kind} ${named.item.id}: a circle of the tangle is named here`), related(next, `${next.item.kind} ${next.item.id} is in the tangle`)],
  });
}

/** The `because` ref that steps to `next`. */
function stepSpan(supports: readonly Support[], next: LocatedItem) {
  const edge = supports.find((s) => s.kind === 'item' && s.target.item === next.item);
  return edge?.ref.span;
}

/** A cycle through 1,000 documents is named by its first steps and its last (`count` steps, the `i`th by `at`). */
const SHOWN = 10;
function elide<T>(count: number, at: (i: number) => T): Array<T | string> {
  if (count <= SHOWN + 2) return Array.from({ length: count }, (_, i) => at(i));
  return [...Array.from({ length: SHOWN }, (_, i) => at(i)), `… ${count - SHOWN - 2} more …`, at(count - 2), at(count - 1)];
}
