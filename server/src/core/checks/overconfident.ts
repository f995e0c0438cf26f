// `overconfident`: confidence that outruns the independent, reliable sources underneath it.
import type { ConfidenceThreshold } from '../config';
import { originOf, sourceFacts, ratedAtLeast, type SourceFacts } from '../sources';
import { groundingSources, supportOf } from '../support';
import type { ResolvedSource } from '../workspace';
import type { Check } from './context';
import { isEstimate } from './context';

export const overconfident: Check = {
  item(ctx, item) {
    const level = item.confidence?.value;
    if (!isEstimate(item) || (level !== 'high' && level !== 'moderate')) return;
    const need = ctx.config.confidence[level];
    // The independent origins rated well enough, tallied as the sources are found.
    const have = new Set<string>();
    const counts = (source: ResolvedSource) => {
      const f = sourceFacts(source);
      if (ratedAtLeast(f.reliability, need.reliability)) have.add(originOf(f));
      return have.size >= need.sources;
    };
    const found = groundingSources(ctx.ws, { doc: ctx.doc, item }, counts);
    if (have.size >= need.sources) return;
    // A ref that names nothing may be the missing source: `unresolved-reference` is the problem to fix first.
    if (supportOf(ctx.ws, ctx.doc, item).some((s) => s.kind === 'unresolved')) return;
    const all = found.map(sourceFacts);
    const detail = all.length === 0 ? 'no source at all' : all.map((f) => `${f.key} (${shownRating(f.reliability)}${f.origin !== f.key ? `, origin ${f.origin}` : ''})`).join(', ');
    ctx.report({
      code: 'overconfident',
      span: item.confidence!.span,
      message: `${item.kind} ${item.id} has \`confidence: ${level}\`, which needs ${need.sources} independent source${need.sources === 1 ? '' : 's'} rated ${need.reliability} or better; its support reaches ${detail}${howToRate(found)}`,
      // Only to a level its sources meet: lowering to one that fails too would leave the warning.
      fixes: (level === 'high' && meets(all, ctx.config.confidence.moderate) ? ['moderate', 'low'] : ['low']).map((c) => ({ kind: 'replace' as const, span: item.confidence!.span, text: c, title: `Lower to \`confidence: ${c}\`` })),
    });
  },
};

/**
 * How to rate the first source reached that has no rating, where it is written: a new user may not
 * know that unrated counts as F. (A rating that is not A–F is invalid-value's to tell.)
 */
function howToRate(found: readonly ResolvedSource[]): string {
  const unrated = found.find((s) => sourceFacts(s).reliability === undefined);
  if (!unrated) return '';
  const where = unrated.kind === 'bibliography' ? `a \`reliability = {B}\` field (or \`reliability: B\` in its note) in ${unrated.bibPath}` : `\`reliability:\` (A to F) in its block`;
  return `; an unrated source counts as F: rate ${unrated.key} with ${where}`;
}

/**
 * A rating as the check counts it: one that is not A–F counts as unrated (invalid-value reports
 * it), and its raw text may be half-typed, over two lines (`reliability: C` then `  f` being typed).
 */
function shownRating(reliability: string | undefined): string {
  return reliability !== undefined && /^[A-F]$/.test(reliability) ? reliability : 'unrated';
}

/** Whether sources (all that the support reaches) hold enough independent origins rated well enough for a level. */
function meets(sources: SourceFacts[], need: ConfidenceThreshold): boolean {
  return new Set(sources.filter((f) => ratedAtLeast(f.reliability, need.reliability)).map(originOf)).size >= need.sources;
}
