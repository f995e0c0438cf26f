// `missing-attribute`: a block without an attribute it requires (evidence must name its source).
import type { Check } from './context';

export const missingAttribute: Check = {
  item(ctx, item) {
    if (item.kind !== 'evidence' || item.attributes.some((a) => a.name === 'source')) return;
    ctx.report({
      code: 'missing-attribute',
      span: item.idSpan,
      message: `evidence ${item.id} has no \`source:\`; evidence must say where it comes from`,
      fixes: [{ kind: 'insert-lines', offset: item.span.end, text: '\n  source: ', title: 'Add `source:`', template: true }],
    });
  },
};
