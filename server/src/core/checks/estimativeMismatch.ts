// `estimative-mismatch`: the statement's estimative words and the declared likelihood disagree.
import { disjoint, findEstimativeWords, formatInterval } from '../estimative';
import { declaredInterval } from '../estimate';
import type { CheckContext } from './context';
import { isEstimate } from './context';

export function estimativeMismatch(ctx: CheckContext): void {
  for (const item of ctx.doc.items) {
    if (!isEstimate(item) || !item.likelihood) continue;
    const declared = declaredInterval(item, ctx.config.scale);
    if (!declared) continue;
    const at = item.statementSpan.start;
    for (const w of findEstimativeWords(item.statement, ctx.config.scale)) {
      if (w.kind !== 'term' || !w.term || !disjoint(w.term.interval, declared)) continue;
      const said = w.text.replace(/\s+/g, ' ');
      ctx.report({
        code: 'estimative-mismatch',
        span: { start: at + w.start, end: at + w.end },
        message: `${item.kind} ${item.id} says "${said}" (${formatInterval(w.term.interval)}) but declares \`likelihood: ${item.likelihood.text}\` (${formatInterval(declared)})`,
        related: [{ path: ctx.doc.path, span: item.likelihood.span, message: `declared likelihood of ${item.id}` }],
        fixes: [
          { kind: 'replace', span: item.likelihood.span, text: w.term.canonical, title: `Declare \`likelihood: ${w.term.canonical}\`` },
        ],
      });
    }
  }
}
