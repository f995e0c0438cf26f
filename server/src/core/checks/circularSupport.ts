// `circular-support`: support that leads back to itself.
import { supportNode } from '../support';
import type { Check } from './context';
import { itemName } from './context';

export const circularSupport: Check = {
  item(ctx, item) {
    const node = supportNode(ctx.ws, { doc: ctx.doc, item });
    const steps = node.cycle;
    if (!steps || node.at.item !== item) return;
    const next = steps[1];
    const edge = node.supports.find((s) => s.kind === 'item' && s.target.item === next.item);
    ctx.report({
      code: 'circular-support',
      span: edge?.ref.span ?? item.idSpan,
      message: `${item.kind} ${item.id} supports itself in a circle: ${elide(steps.map((s) => itemName(s, ctx.doc))).join(' → ')}`,
      related: elide(steps.slice(1, -1)).flatMap((s) => (typeof s === 'string' ? [] : [{ path: s.doc.path, span: s.item.idSpan, message: `${s.item.kind} ${s.item.id} is on the cycle` }])),
    });
  },
};

/** A cycle through 1,000 documents is named by its first steps and its last: every item on it reports it. */
const SHOWN = 10;
function elide<T>(steps: T[]): Array<T | string> {
  return steps.length <= SHOWN + 2 ? steps : [...steps.slice(0, SHOWN), `… ${steps.length - SHOWN - 2} more …`, ...steps.slice(-2)];
}
