// `revised-estimate`: a `revises` relation, shown as the change from the old estimate to the new.
import { CONFIDENCE_LEVELS } from '../attributes';
import { describeEstimate, estimateOf, type Estimate } from '../estimate';
import type { Item } from '../model';
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
    const name = itemName(old, ctx.doc);
    const [confOld, confNow] = [confidenceOf(old.item), confidenceOf(item)];
    const confChange = confOld === confNow ? `confidence ${confNow}` : `confidence ${confOld} → ${confNow}`;
    ctx.report({
      code: 'revised-estimate',
      span: item.revises.span,
      message: `${item.id} revises ${name}: ${estimateShown(was, old.item)} → ${estimateShown(now, item)}; ${confChange}`,
      related: [related(old, `${name}: ${estimateShown(was, old.item)}, confidence ${confOld}`)],
    });
  },
};

/** The estimate as the change shows it; a likelihood written but not understood is said so, not shown as none. */
function estimateShown(e: Estimate | undefined, item: Item): string {
  if (e) return describeEstimate(e);
  const written = item.likelihood && oneLine(item.likelihood.text);
  return written ? `a likelihood not understood ("${written}")` : 'no estimate';
}

/** The confidence as the change shows it: a value invalid-value reports is not repeated as if it were one. */
function confidenceOf(item: Item): string {
  const written = item.confidence && oneLine(item.confidence.value);
  if (!written) return 'not given';
  return (CONFIDENCE_LEVELS as readonly string[]).includes(written) ? written : `not understood ("${written}")`;
}

/** A value as a message quotes it: one line, as invalid-value shows it (`moderate co` with the next attribute's name half-typed below). */
function oneLine(value: string): string {
  return value.trim().replace(/\s*\n\s*/g, ' ');
}
