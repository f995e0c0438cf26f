// Pairs of estimates of one proposition (`same-as`, `negates`) seen from one document's items,
// in both directions, so each side's document reports its own half.
import { compareEstimates, complement, formatInterval, type ScaleName } from './estimative';
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

const NO_PAIRS: readonly EstimatePair[] = Object.freeze([]);
const newPairCache = () => new Map<Item, readonly EstimatePair[]>();

/** The pairs `item` of `doc` is in: relations it declares, and those declared towards it. */
export function estimatePairs(ws: Workspace, doc: KentDocument, item: Item): readonly EstimatePair[] {
  // Only judgments and claims carry estimates: a quick exit for every other item.
  if (item.kind !== 'judgment' && item.kind !== 'claim') return NO_PAIRS;
  // Two checks read the same pairs: those found are kept per item and state of the workspace
  // (finding none is as quick as looking up a cache, and most items are in none).
  const byItem = ws.cached('estimate-pairs', newPairCache);
  let pairs = byItem.get(item);
  if (!pairs) {
    pairs = findPairs(ws, doc, item);
    if (pairs.length) byItem.set(item, pairs);
  }
  return pairs;
}

function findPairs(ws: Workspace, doc: KentDocument, item: Item): readonly EstimatePair[] {
  const here = { doc, item };
  const naming = ws.refsNaming(here);
  let pairs: EstimatePair[] | undefined;
  if (item.sameAs) pairs = declaredPair(ws, here, 'same-as', item.sameAs, pairs);
  if (item.negates) pairs = declaredPair(ws, here, 'negates', item.negates, pairs);
  // Those declared towards it are among the references naming it: an item's references stand
  // together there, in its order (same-as before negates), so the pairs come item by item.
  for (let i = 0; i < naming.length; i++) {
    const e = naming[i];
    const from = e.item;
    const relation = !from || from === item ? undefined : e.ref === from.sameAs ? 'same-as' : e.ref === from.negates ? 'negates' : undefined;
    if (relation && ws.resolveItem(e.doc, e.ref)?.item === item) pairs = addPair(pairs, ws.config.scale, here, { doc: e.doc, item: from! }, relation, e.ref, false);
  }
  return pairs ?? NO_PAIRS;
}

/** With the pair of a relation `here` declares, when it resolves to another item. */
function declaredPair(ws: Workspace, here: LocatedItem, relation: 'same-as' | 'negates', ref: ItemRef, pairs: EstimatePair[] | undefined): EstimatePair[] | undefined {
  const there = ws.resolveItem(here.doc, ref);
  return there && there.item !== here.item ? addPair(pairs, ws.config.scale, here, there, relation, ref, true) : pairs;
}

/** With the pair of two items' estimates, when both have one (the list is made at the first). */
function addPair(pairs: EstimatePair[] | undefined, scale: ScaleName, here: LocatedItem, there: LocatedItem, relation: 'same-as' | 'negates', ref: ItemRef, declaredHere: boolean): EstimatePair[] | undefined {
  const mine = estimateOf(here, scale);
  const theirs = estimateOf(there, scale);
  if (!mine || !theirs) return pairs;
  const other = relation === 'negates' ? complement(theirs.interval) : theirs.interval;
  const pair: EstimatePair = { here, there, relation, ref, declaredHere, mine, theirs, verdict: compareEstimates(mine.interval, other) };
  if (!pairs) return [pair];
  pairs.push(pair);
  return pairs;
}

/**
 * "StayOut (likely, 55–80%) negates other/Join (likely, 55–80%): …" from the checked item's side.
 * On the item a relation names, the declaring one comes first, as declared; but within one
 * document the two names are alike, and both items would carry one message: there the named
 * item comes first ("Join (likely, 55–80%) is negated by StayOut (likely, 55–80%)").
 */
export function pairMessage(p: EstimatePair, name: (l: LocatedItem) => string): string {
  const mine = `${name(p.here)} (${briefEstimate(p.mine)})`;
  const theirs = `${name(p.there)} (${briefEstimate(p.theirs)})`;
  const link = p.relation === 'negates' ? 'negates' : 'states the same proposition as';
  const named = p.relation === 'negates' ? 'is negated by' : 'is named as the same proposition by';
  const pair = p.declaredHere ? `${mine} ${link} ${theirs}` : p.here.doc.path === p.there.doc.path ? `${mine} ${named} ${theirs}` : `${theirs} ${link} ${mine}`;
  const verdict =
    p.verdict === 'contradiction'
      ? p.relation === 'negates'
        ? 'a statement and its negation cannot both be on the same side of even odds'
        : 'one says it will, the other that it will not'
      : 'their intervals do not overlap';
  // Under `negates` the intervals compared are one item's and the other's complement: say so, of
  // the item the relation names, whichever side reports it.
  const [negated, other] = p.declaredHere ? [p.there, p.mine] : [p.here, p.theirs];
  const negatedEstimate = p.declaredHere ? p.theirs : p.mine;
  const negation =
    p.relation === 'negates' && p.verdict === 'inconsistent'
      ? ` (the negation of ${name(negated)} is ${formatInterval(complement(negatedEstimate.interval))}, against ${formatInterval(other.interval)})`
      : '';
  return `${pair}, but ${verdict}${negation}`;
}

/** Report each pair with the given verdict on this document's side, pointing at the other item. */
export function reportPairs(ctx: CheckContext, item: Item, verdict: EstimatePair['verdict'], code: 'contradiction' | 'inconsistent-estimate'): void {
  const pairs = estimatePairs(ctx.ws, ctx.doc, item);
  if (pairs.length === 0) return;
  const name = (l: LocatedItem) => itemName(l, ctx.doc);
  for (const p of pairs) {
    if (p.verdict !== verdict) continue;
    ctx.report({
      code,
      span: p.declaredHere ? p.ref.span : p.here.item.idSpan,
      message: pairMessage(p, name),
      related: [related(p.there, `${name(p.there)}: ${p.theirs.label}`)],
    });
  }
}
