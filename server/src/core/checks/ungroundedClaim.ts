// `ungrounded-claim`: an item with support, none of which ever reaches a source.
import { supportGraph, ungroundedChain } from '../support';
import { nodeKey } from '../workspace';
import type { CheckContext } from './context';
import { isEstimate, itemName } from './context';

export function ungroundedClaim(ctx: CheckContext): void {
  const graph = supportGraph(ctx.ws, ctx.doc);
  for (const item of ctx.doc.items) {
    if (!isEstimate(item) || (item.because.length === 0 && item.citations.length === 0)) continue;
    const key = nodeKey(ctx.doc, item);
    if (graph.grounded.has(key) || graph.nodes.get(key)?.item !== item) continue;
    // An unresolved ref is the real problem there, and is reported as such.
    if ((graph.supports.get(key) ?? []).some((s) => s.kind === 'unresolved')) continue;
    const chain = ungroundedChain(ctx.ws, { doc: ctx.doc, item });
    const end = chain[chain.length - 1].item;
    const why = end.kind === 'assumption' ? `assumption ${end.id}` : end === item ? 'itself' : `${end.kind} ${end.id}, which has no support of its own`;
    ctx.report({
      code: 'ungrounded-claim',
      span: item.idSpan,
      message: `${item.kind} ${item.id} has support, but no chain of it reaches a source: ${chain.map((c) => itemName(c, ctx.doc)).join(' → ')} ends at ${why}`,
      related: chain.slice(1).map((c) => ({ path: c.doc.path, span: c.item.idSpan, message: `${c.item.kind} ${c.item.id}` })),
    });
  }
}
