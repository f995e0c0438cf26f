// `estimative-mismatch`: the statement's estimative words and the declared likelihood disagree.
import { disjoint, findEstimativeWords, formatInterval } from '../estimative';
import { declaredInterval } from '../estimate';
import type { Check } from './context';
import { isEstimate } from './context';

export const estimativeMismatch: Check = {
  item(ctx, item) {
    if (!isEstimate(item) || !item.likelihood) return;
    const declared = declaredInterval(item, ctx.config.scale);
    if (!declared) return;
    const at = item.statementSpan.start;
    for (const w of findEstimativeWords(item.statement, ctx.config.scale)) {
      if (w.kind !== 'term' || !w.term || !disjoint(w.term.interval, declared)) continue;
      const said = w.text.replace(/\s+/g, ' ');
      ctx.report({
        code: 'estimative-mismatch',
        span: { start: at + w.start, end: at + w.end },
        message: `${item.kind} ${item.id} says "${said}" (${formatInterval(w.term.interval)}) but declares \`likelihood: ${item.likelihood.text}\`${item.likelihood.percent ? '' : ` (${formatInterval(declared)})`}`,
        related: [{ path: ctx.doc.path, span: item.likelihood.span, message: `declared likelihood of ${item.id}` }],
        fixes: [
          { kind: 'replace', span: item.likelihood.span, text: w.term.canonical, title: `Declare \`likelihood: ${w.term.canonical}\`` },
        ],
      });
    }
  },
};
