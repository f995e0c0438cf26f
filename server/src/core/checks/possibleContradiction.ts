// `possible-contradiction`: statements in different documents that say nearly the same thing,
// with opposite polarity or disjoint likelihoods, and no relation between them.
import { compareEstimates, complement } from '../estimative';
import { describeEstimate, estimateOf } from '../estimate';
import type { Item, ItemRef, KentDocument } from '../model';
import type { FixData } from '../types';
import type { Statement } from '../statementIndex';
import type { LocatedItem, Workspace } from '../workspace';
import type { Check, CheckContext } from './context';
import { itemName, related } from './context';

export const possibleContradiction: Check = {
  item(ctx, item) {
    const { ws } = ctx;
    for (const st of statementsOf(ctx, item)) {
      for (const other of ws.statements.similarTo(st)) {
        // A superseded assessment is history: that its successor now judges otherwise is the point.
        if (alreadyRelated(ws, st.at, other.at) || supersedes(other.at.doc, ctx.doc)) continue;
        const why = conflict(st, other, ws.config.scale);
        if (!why) continue;
        const name = itemName(other.at, ctx.doc);
        const revising = supersedes(ctx.doc, other.at.doc);
        // A name that does not lead back to the other item would relate the wrong one, or none:
        // its document needs an assessment ID of its own first, and the fixes wait for it.
        const nameable = namesIt(ws, ctx.doc, other.at);
        const relate = `${revising ? `if ${item.id} revises it (this assessment supersedes ${other.at.doc.assessment!.id}), say so with \`revises\`; ` : ''}if they are about one proposition, say so with \`same-as\`, \`negates\` or \`contradicts\``;
        ctx.report({
          code: 'possible-contradiction',
          span: item.idSpan,
          message: `${item.id} and ${name} say nearly the same thing but ${why}; ${nameable ? relate : `once ${other.at.doc.path} has an assessment ID no other document has, ${relate}`}`,
          related: [related(other.at, `${name}: ${other.at.item.statement.replace(/\s+/g, ' ').trim()}`)],
          fixes: nameable ? [...(revising && !item.revises ? [{ kind: 'insert-lines' as const, offset: item.span.end, text: `\n  revises: ${name}`, title: `Add \`revises: ${name}\`` }] : []), ...relationFixes(item, name)] : [],
        });
      }
    }
  },
};

/** The statements of one item: a binary search of its document's, which are in document order. */
function statementsOf(ctx: CheckContext, item: Item): readonly Statement[] {
  const all = ctx.ws.statements.statementsOf(ctx.doc);
  let lo = 0;
  let hi = all.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (all[mid].at.item.span.start < item.span.start) lo = mid + 1;
    else hi = mid;
  }
  let to = lo;
  while (to < all.length && all[to].at.item === item) to++;
  return all.slice(lo, to);
}

/** Why two similar statements seem to disagree, from `mine`'s side; undefined when they agree. */
function conflict(mine: Statement, theirs: Statement, scale: Parameters<typeof estimateOf>[1]): string | undefined {
  const a = estimateOf(mine.at, scale);
  const b = estimateOf(theirs.at, scale);
  if (mine.prop.negated !== theirs.prop.negated) {
    // "X is unlikely" and "not X is likely" agree: read as `negates` would, they are consistent.
    if (a && b && compareEstimates(a.interval, complement(b.interval)) === 'consistent') return undefined;
    // Name a word read as its opposite: "stay below" and "stay above" deny each other only so.
    const turned = mine.prop.turned ?? theirs.prop.turned;
    return `with opposite polarity (one affirms what the other denies${turned ? `; ${turned}` : ''})`;
  }
  if (a && b && compareEstimates(a.interval, b.interval) !== 'consistent') return `with disjoint likelihoods (${describeEstimate(a)} here, ${describeEstimate(b)} there)`;
  return undefined;
}

/** Whether `a`'s assessment says it supersedes `b`'s. */
function supersedes(a: LocatedItem['doc'], b: LocatedItem['doc']): boolean {
  const id = b.assessment?.id;
  return id !== undefined && a !== b && (a.assessment?.supersedes.some((s) => s.id === id) ?? false);
}

/** Whether either item already names the other in a relation. */
function alreadyRelated(ws: Workspace, a: LocatedItem, b: LocatedItem): boolean {
  const names = (from: LocatedItem, to: LocatedItem) =>
    [from.item.sameAs, from.item.negates, from.item.revises, ...from.item.contradicts].some((r) => r && ws.resolveItem(from.doc, r)?.item === to.item);
  return names(a, b) || names(b, a);
}

/**
 * Whether `itemName` of `target`, written in `from`, resolves to it: not when the target's
 * document has no assessment ID, nor when that ID is `from`'s own or another document's too
 * (a `duplicate-id` error), for then the name means an item elsewhere, or nothing.
 */
function namesIt(ws: Workspace, from: KentDocument, target: LocatedItem): boolean {
  const doc = target.doc === from ? undefined : target.doc.assessment?.id;
  const ref: ItemRef = { type: 'item', ...(doc !== undefined ? { doc } : {}), id: target.item.id, span: target.item.idSpan };
  return ws.resolveItem(from, ref)?.item === target.item;
}

/**
 * The quick fixes that relate `item` to `name`. `same-as` and `negates` take one ref, so neither is
 * offered where the item already has it (a second line is a syntax error, and only the first
 * counts); `contradicts` takes a list, so an existing one is extended rather than repeated.
 */
function relationFixes(item: Item, name: string): FixData[] {
  const fixes: FixData[] = [];
  for (const rel of ['negates', 'same-as', 'contradicts'] as const) {
    const title = `Add \`${rel}: ${name}\``;
    const has = item.attributes.find((a) => a.name === rel);
    if (!has) fixes.push({ kind: 'insert-lines', offset: item.span.end, text: `\n  ${rel}: ${name}`, title });
    else if (rel === 'contradicts') {
      const end = has.valueStart + has.value.length;
      fixes.push({ kind: 'replace', span: { start: end, end }, text: has.value.trim() ? `, ${name}` : ` ${name}`, title });
    }
  }
  return fixes;
}
