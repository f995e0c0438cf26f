// Pairs of estimates of one proposition (`same-as`, `negates`) seen from one document's items,
// in both directions, so each side's document reports its own half.
import { compareEstimates, complement } from './estimative';
import { briefEstimate, estimateOf, type Estimate } from './estimate';
import type { Item, ItemRef, KentDocument } from './model';
import type { CheckContext } from './checks/context';
import { itemName, related } from './checks/context';
import type { LocatedItem, Workspace } from './workspace';

export interface EstimatePair {
  /** The item in the document being checked. */
  here: LocatedItem;
  there: LocatedItem;
  relation: 'same-as' | 'negates';
  /** The relation's ref, in whichever item declares it. */
  ref: ItemRef;
  declaredHere: boolean;
  mine: Estimate;
  theirs: Estimate;
  verdict: 'consistent' | 'contradiction' | 'inconsistent';
}

/** The pairs `item` of `doc` is in: relations it declares, and those declared towards it. */
export function estimatePairs(ws: Workspace, doc: KentDocument, item: Item): EstimatePair[] {
  // Two checks read the same pairs: find them once per item and state of the workspace.
  const byItem = ws.cached('estimate-pairs', () => new Map<Item, EstimatePair[]>());
  let pairs = byItem.get(item);
  if (!pairs) byItem.set(item, (pairs = findPairs(ws, doc, item)));
  return pairs;
}

function findPairs(ws: Workspace, doc: KentDocument, item: Item): EstimatePair[] {
  const scale = ws.config.scale;
  const pairs: EstimatePair[] = [];
  const add = (here: LocatedItem, there: LocatedItem, relation: 'same-as' | 'negates', ref: ItemRef, declaredHere: boolean) => {
    const mine = estimateOf(here.item, scale);
    const theirs = estimateOf(there.item, scale);
    if (!mine || !theirs) return;
    const other = relation === 'negates' ? complement(theirs.interval) : theirs.interval;
    pairs.push({ here, there, relation, ref, declaredHere, mine, theirs, verdict: compareEstimates(mine.interval, other) });
  };
  // Only judgments and claims carry estimates: a quick exit for every other item.
  if (item.kind !== 'judgment' && item.kind !== 'claim') return pairs;
  const here = { doc, item };
  for (const [relation, ref] of relationsOf(item)) {
    const there = ws.resolveItem(doc, ref);
    if (there && there.item !== item) add(here, there, relation, ref, true);
  }
  for (const from of ws.referrers(here)) {
    for (const [relation, ref] of relationsOf(from.item)) {
      const target = ws.resolveItem(from.doc, ref);
      if (target?.item === item && from.item !== item) add(here, from, relation, ref, false);
    }
  }
  return pairs;
}

function relationsOf(item: Item): Array<['same-as' | 'negates', ItemRef]> {
  const out: Array<['same-as' | 'negates', ItemRef]> = [];
  if (item.sameAs) out.push(['same-as', item.sameAs]);
  if (item.negates) out.push(['negates', item.negates]);
  return out;
}

/** "StayOut (likely, 55–80%) negates other/Join (likely, 55–80%): …" from the checked item's side. */
export function pairMessage(p: EstimatePair, name: (l: LocatedItem) => string): string {
  const mine = `${name(p.here)} (${briefEstimate(p.mine)})`;
  const theirs = `${name(p.there)} (${briefEstimate(p.theirs)})`;
  const link = p.relation === 'negates' ? 'negates' : 'states the same proposition as';
  const pair = p.declaredHere ? `${mine} ${link} ${theirs}` : `${theirs} ${link} ${mine}`;
  const verdict =
    p.verdict === 'contradiction'
      ? p.relation === 'negates'
        ? 'a statement and its negation cannot both be on the same side of even odds'
        : 'one says it will, the other that it will not'
      : 'their intervals do not overlap';
  return `${pair}, but ${verdict}`;
}

/** Report each pair with the given verdict on this document's side, pointing at the other item. */
export function reportPairs(ctx: CheckContext, item: Item, verdict: EstimatePair['verdict'], code: 'contradiction' | 'inconsistent-estimate'): void {
  const name = (l: LocatedItem) => itemName(l, ctx.doc);
  for (const p of estimatePairs(ctx.ws, ctx.doc, item)) {
    if (p.verdict !== verdict) continue;
    ctx.report({
      code,
      span: p.declaredHere ? p.ref.span : p.here.item.idSpan,
      message: pairMessage(p, name),
      related: [related(p.there, `${name(p.there)}: ${p.theirs.label}`)],
    });
  }
}
