// `inconsistent-estimate`: two estimates of one proposition that are disjoint on the same side of even odds.
import { estimatePairs, pairMessage } from '../relations';
import type { CheckContext } from './context';
import { itemName, related } from './context';

export function inconsistentEstimate(ctx: CheckContext): void {
  const name = (l: Parameters<typeof itemName>[0]) => itemName(l, ctx.doc);
  for (const p of estimatePairs(ctx.ws, ctx.doc)) {
    if (p.verdict !== 'inconsistent') continue;
    ctx.report({
      code: 'inconsistent-estimate',
      span: p.declaredHere ? p.ref.span : p.here.item.idSpan,
      message: pairMessage(p, name),
      related: [related(p.there, `${name(p.there)}: ${p.theirs.label}`)],
    });
  }
}
