// `estimative-mismatch`: the statement's estimative words and the declared likelihood disagree.
import { complement, disjoint, fittingWord, formatInterval, type EstimativeWord, type Interval } from '../estimative';
import { declaredInterval, wordsIn } from '../estimate';
import type { Check } from './context';
import { isEstimate } from './context';

export const estimativeMismatch: Check = {
  item(ctx, item) {
    if (!isEstimate(item) || !item.likelihood) return;
    const declared = declaredInterval(item, ctx.config.scale);
    if (!declared) return;
    const at = item.statementSpan.start;
    const words = wordsIn(ctx.doc, item.statement, ctx.config.scale);
    const fitting = fittingWord(words, declared);
    for (const w of words) {
      if (w.kind !== 'term' || !w.term || !disjoint(w.term.interval, declared)) continue;
      const said = w.text.replace(/\s+/g, ' ');
      const message = `${item.kind} ${item.id} says "${said}" (${formatInterval(w.term.interval)}) but declares \`likelihood: ${item.likelihood.text}\`${item.likelihood.percent ? '' : ` (${formatInterval(declared)})`}`;
      ctx.report({
        code: 'estimative-mismatch',
        span: { start: at + w.start, end: at + w.end },
        // Another word of the statement fits the declared likelihood: the statement holds two
        // estimates, and declaring this word's term would only move the mismatch to the other.
        message: fitting
          ? `${message}, which its "${fitting.text.replace(/\s+/g, ' ')}" fits: a statement with two estimates makes two judgments; split it into two items, each with its own likelihood`
          : message + notIncludedReminder(item.statement, w, declared),
        related: [{ path: ctx.doc.path, span: item.likelihood.span, message: `declared likelihood of ${item.id}` }],
        fixes: fitting
          ? []
          : [{ kind: 'replace', span: item.likelihood.span, text: w.term.canonical, title: `Declare \`likelihood: ${w.term.canonical}\`` }],
      });
    }
  },
};

/**
 * The easy mistake: a likelihood declared for the statement without its "not" ("almost certainly
 * not … riots" with `likelihood: very unlikely`, the chance of riots). When the statement denies
 * something and the word fits the declared interval's complement, say the rule (brief §2).
 */
function notIncludedReminder(statement: string, w: EstimativeWord, declared: Interval): string {
  if (!w.negated && !NEGATION.test(statement)) return '';
  if (disjoint(w.term!.interval, complement(declared))) return '';
  return `; the likelihood is of the statement as written, "not" included: \`likelihood: ${w.term!.canonical}\` fits it`;
}

// "not certainly", "not necessarily" qualify the estimate ("probably — though not certainly — will"), not the proposition.
const NEGATION = /(?<![\p{L}\p{N}_])(?:not(?!\s+(?:certainly|certain|necessarily|definitely|surely|guaranteed)(?![\p{L}\p{N}_]))|never|no|cannot)(?![\p{L}\p{N}_])|\p{L}n['\u2019]t(?![\p{L}\p{N}_])/iu;
