// `possible-contradiction`: statements in different documents that say nearly the same thing,
// with opposite polarity or disjoint likelihoods, and no relation between them.
import { compareEstimates } from '../estimative';
import { describeEstimate, estimateOf } from '../estimate';
import { proposition, similarity, SIMILAR_THRESHOLD, type Proposition } from '../similarity';
import { nodeKey, type LocatedItem, type Workspace } from '../workspace';
import type { CheckContext } from './context';
import { isEstimate, itemName, related } from './context';

interface Candidate {
  at: LocatedItem;
  prop: Proposition;
}

/** A token shared by more statements than this says little about sameness; skip it when pairing. */
const COMMON_TOKEN = 200;

export function possibleContradiction(ctx: CheckContext): void {
  const found = ctx.ws.cached('possible-contradictions', () => findPairs(ctx.ws));
  for (const item of ctx.doc.items) {
    for (const { other, why } of found.get(nodeKey(ctx.doc, item)) ?? []) {
      const name = itemName(other, ctx.doc);
      ctx.report({
        code: 'possible-contradiction',
        span: item.idSpan,
        message: `${item.id} and ${name} say nearly the same thing but ${why}; if they are about one proposition, say so with \`same-as\`, \`negates\` or \`contradicts\``,
        related: [related(other, `${name}: ${other.item.statement.replace(/\s+/g, ' ').trim()}`)],
        fixes: (['negates', 'same-as', 'contradicts'] as const).map((rel) => ({
          kind: 'insert-lines' as const,
          offset: item.span.end,
          text: `\n  ${rel}: ${name}`,
          title: `Add \`${rel}: ${name}\``,
        })),
      });
    }
  }
}

function findPairs(ws: Workspace): Map<string, Array<{ other: LocatedItem; why: string }>> {
  const scale = ws.config.scale;
  const candidates: Candidate[] = [];
  const byToken = new Map<string, number[]>();
  for (const doc of ws.documents()) {
    if (!doc.assessment) continue; // another document could not name it in a relation
    for (const item of doc.items) {
      if (!isEstimate(item)) continue;
      const prop = proposition(item.statement, scale);
      if (prop.tokens.length === 0) continue;
      const n = candidates.push({ at: { doc, item }, prop }) - 1;
      for (const t of new Set(prop.tokens)) {
        const list = byToken.get(t);
        if (list) list.push(n);
        else byToken.set(t, [n]);
      }
    }
  }
  const out = new Map<string, Array<{ other: LocatedItem; why: string }>>();
  const add = (a: LocatedItem, b: LocatedItem, why: string) => {
    const k = nodeKey(a.doc, a.item);
    const list = out.get(k);
    if (list) list.push({ other: b, why });
    else out.set(k, [{ other: b, why }]);
  };
  candidates.forEach((a, i) => {
    const seen = new Set<number>();
    for (const t of new Set(a.prop.tokens)) {
      const list = byToken.get(t)!;
      if (list.length > COMMON_TOKEN) continue;
      for (const j of list) {
        if (j <= i || seen.has(j)) continue;
        seen.add(j);
        const b = candidates[j];
        if (b.at.doc === a.at.doc || alreadyRelated(ws, a.at, b.at) || similarity(a.prop, b.prop) < SIMILAR_THRESHOLD) continue;
        const why = conflict(a, b, scale);
        if (!why) continue;
        add(a.at, b.at, why);
        add(b.at, a.at, why);
      }
    }
  });
  return out;
}

function conflict(a: Candidate, b: Candidate, scale: Parameters<typeof estimateOf>[1]): string | undefined {
  if (a.prop.negated !== b.prop.negated) return 'with opposite polarity (one affirms what the other denies)';
  const ea = estimateOf(a.at.item, scale);
  const eb = estimateOf(b.at.item, scale);
  if (ea && eb && compareEstimates(ea.interval, eb.interval) !== 'consistent') return `with disjoint likelihoods (${describeEstimate(ea)} against ${describeEstimate(eb)})`;
  return undefined;
}

/** Whether either item already names the other in a relation. */
function alreadyRelated(ws: Workspace, a: LocatedItem, b: LocatedItem): boolean {
  const names = (from: LocatedItem, to: LocatedItem) =>
    [from.item.sameAs, from.item.negates, from.item.revises, ...from.item.contradicts].some((r) => r && ws.resolveItem(from.doc, r)?.item === to.item);
  return names(a, b) || names(b, a);
}
