// `contradiction`: two estimates of one proposition on opposite sides of even odds; also an
// item that counts one ref both for and against itself.
import { reportPairs } from '../relations';
import type { Check } from './context';

export const contradiction: Check = {
  item(ctx, item) {
    reportPairs(ctx, item, 'contradiction', 'contradiction');
    const key = (r: (typeof item.because)[number]) => (r.type === 'source' ? '@' + r.key : (r.doc ? r.doc + '/' : '') + r.id);
    const support = new Map(item.because.map((r) => [key(r), r]));
    for (const r of item.against) {
      const also = support.get(key(r));
      if (!also) continue;
      ctx.report({
        code: 'contradiction',
        span: r.span,
        message: `${item.kind} ${item.id} counts ${key(r)} both for it (\`because\`) and against it (\`against\`)`,
        related: [{ path: ctx.doc.path, span: also.span, message: `${key(r)} in \`because\`` }],
      });
    }
  },
};
