// `revised-estimate`: a `revises` relation, shown as the change from the old estimate to the new.
import { describeEstimate, estimateOf } from '../estimate';
import type { Check } from './context';
import { itemName, related } from './context';

export const revisedEstimate: Check = {
  item(ctx, item) {
    const scale = ctx.config.scale;
    if (!item.revises) return;
    const old = ctx.ws.resolveItem(ctx.doc, item.revises);
    // Revising itself or evidence or a source is invalid-value, said there.
    if (!old || old.item === item || old.item.kind === 'evidence' || old.item.kind === 'source') return;
    const was = estimateOf(old, scale);
    const now = estimateOf({ doc: ctx.doc, item }, scale);
    const show = (e: typeof was) => (e ? describeEstimate(e) : 'no estimate');
    const conf = (c?: { value: string }) => c?.value ?? 'not given';
    const name = itemName(old, ctx.doc);
    const confChange = conf(old.item.confidence) === conf(item.confidence) ? `confidence ${conf(item.confidence)}` : `confidence ${conf(old.item.confidence)} → ${conf(item.confidence)}`;
    ctx.report({
      code: 'revised-estimate',
      span: item.revises.span,
      message: `${item.id} revises ${name}: ${show(was)} → ${show(now)}; ${confChange}`,
      related: [related(old, `${name}: ${show(was)}, confidence ${conf(old.item.confidence)}`)],
    });
  },
};
