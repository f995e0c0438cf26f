// `contradiction`: two estimates of one proposition on opposite sides of even odds; also an
// item that counts one ref both for and against itself.
import { reportPairs } from '../relations';
import type { Item, Ref } from '../model';
import type { Check, CheckContext } from './context';

export const contradiction: Check = {
  item(ctx, item) {
    reportPairs(ctx, item, 'contradiction', 'contradiction');
    reportSameAndNegated(ctx, item);
    const support = new Map(item.because.map((r) => [refKey(ctx, r), r]));
    for (const r of item.against) {
      const also = support.get(refKey(ctx, r));
      if (!also) continue;
      ctx.report({
        code: 'contradiction',
        span: r.span,
        message: `${item.kind} ${item.id} counts ${written(r)} both for it (\`because\`) and against it (\`against\`)`,
        related: [{ path: ctx.doc.path, span: also.span, message: `${written(also)} in \`because\`` }],
      });
    }
  },
};

/** `same-as` and `negates` naming one item: a statement cannot be both a proposition and its negation. */
function reportSameAndNegated(ctx: CheckContext, item: Item): void {
  const { sameAs, negates } = item;
  if (!sameAs || !negates || refKey(ctx, sameAs) !== refKey(ctx, negates)) return;
  ctx.report({
    code: 'contradiction',
    span: negates.span,
    message: `${item.kind} ${item.id} says it is both the same proposition as ${written(negates)} (\`same-as\`) and its negation (\`negates\`); keep the one that is true`,
    related: [{ path: ctx.doc.path, span: sameAs.span, message: `${written(sameAs)} in \`same-as\`` }],
  });
}

/** The ref as written: `@key`, `ID`, `doc/ID`. */
function written(r: Ref): string {
  return r.type === 'source' ? '@' + r.key : (r.doc ? r.doc + '/' : '') + r.id;
}

/**
 * One name for what a ref means here, so that two spellings of one thing match: `E1` and
 * `this-doc/E1` are one item, and a bare `vendor` (a `source` block, or no item at all) is `@vendor`.
 */
function refKey(ctx: CheckContext, r: Ref): string {
  if (r.type === 'source') return '@' + r.key;
  if (r.doc !== undefined && r.doc !== ctx.doc.assessment?.id) return r.doc + '/' + r.id;
  const local = ctx.ws.itemIn(ctx.doc, r.id);
  if (!local) return r.doc === undefined ? '@' + r.id : r.id;
  return local.kind === 'source' ? '@' + r.id : r.id;
}
