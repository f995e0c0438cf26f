// `missing-confidence`: a judgment without `confidence`.
import type { Check } from './context';

export const missingConfidence: Check = {
  item(ctx, item) {
    if (item.kind !== 'judgment' || item.attributes.some((a) => a.name === 'confidence')) return;
    ctx.report({
      code: 'missing-confidence',
      span: item.idSpan,
      message: `judgment ${item.id} does not say how confident the analysts are: add \`confidence: low\`, \`moderate\` or \`high\``,
      fixes: (['low', 'moderate', 'high'] as const).map((c) => ({ kind: 'insert-lines' as const, offset: item.span.end, text: `\n  confidence: ${c}`, title: `Add \`confidence: ${c}\`` })),
    });
  },
};
