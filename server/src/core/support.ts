// The support graph: which items a judgment or claim stands on (`because`), whether any chain
// of support reaches a source, where support runs in a circle, and which sources ground it.
// Every walk is iterative (no recursion), so a chain 10,000 deep cannot overflow the stack.
import type { Item, KentDocument, Ref } from './model';
import { nodeKey, type LocatedItem, type ResolvedSource, type Workspace } from './workspace';

/** One step of support: to another item, or straight to a source. */
export type Support = { kind: 'item'; ref: Ref; target: LocatedItem } | { kind: 'source'; ref: Ref; source: ResolvedSource } | { kind: 'unresolved'; ref: Ref };

/**
 * What is known of the support graph so far. It is built on demand, one region at a time (the
 * items a document's checks ask about and everything their support reaches), so checking one
 * document after an edit walks only what that document stands on, never the whole workspace.
 */
export interface SupportGraph {
  /** Outgoing support of each node (nodeKey). */
  supports: Map<string, Support[]>;
  nodes: Map<string, LocatedItem>;
  /** Nodes from which some chain of support reaches a source. */
  grounded: Set<string>;
  /** For a node on a cycle: the cycle as node keys, starting and ending at it. */
  cycles: Map<string, string[]>;
}

const CAN_BE_SUPPORTED = new Set(['judgment', 'claim']);

/** What one item stands on: its `because` refs, its inline citations, an evidence's source. */
export function supportOf(ws: Workspace, doc: KentDocument, item: Item): Support[] {
  const out: Support[] = [];
  const asSource = (ref: Ref, key: string) => {
    const source = ws.resolveSource(doc, key);
    out.push(source ? { kind: 'source', ref, source } : { kind: 'unresolved', ref });
  };
  if (item.kind === 'evidence') {
    if (item.source) asSource(item.source, item.source.key);
    return out;
  }
  if (!CAN_BE_SUPPORTED.has(item.kind)) return out;
  for (const ref of item.because) {
    if (ref.type === 'source') {
      asSource(ref, ref.key);
      continue;
    }
    const target = ws.resolveItem(doc, ref);
    if (target) out.push({ kind: 'item', ref, target });
    else if (ref.doc === undefined) asSource(ref, ref.id); // a bare source key where support expects a source
    else out.push({ kind: 'unresolved', ref });
  }
  for (const c of item.citations) for (const ref of c.refs) asSource(ref, ref.key);
  return out;
}

/** The support graph with `at` (and all it reaches) analysed. */
export function supportGraph(ws: Workspace, at: LocatedItem): SupportGraph {
  return analyse(ws, [at]);
}

function analyse(ws: Workspace, starts: LocatedItem[]): SupportGraph {
  const graph = ws.cached<SupportGraph>('support-graph', () => ({ supports: new Map(), nodes: new Map(), grounded: new Set(), cycles: new Map() }));
  // The region: nodes reachable from the starts that no earlier region covered.
  const region: string[] = [];
  const queue: LocatedItem[] = [];
  const visit = (given: LocatedItem) => {
    const key = nodeKey(given.doc, given.item);
    if (graph.nodes.has(key)) return;
    // With a duplicate ID, the node is the first item of that ID: the one references reach.
    const at = { doc: given.doc, item: ws.itemIn(given.doc, given.item.id) ?? given.item };
    graph.nodes.set(key, at);
    graph.supports.set(key, supportOf(ws, at.doc, at.item));
    region.push(key);
    queue.push(at);
  };
  starts.forEach(visit);
  while (queue.length) {
    const at = queue.pop()!;
    for (const s of graph.supports.get(nodeKey(at.doc, at.item))!) if (s.kind === 'item') visit(s.target);
  }
  if (region.length) {
    propagateGrounding(graph, region);
    findCycles(graph, region);
  }
  return graph;
}

/**
 * Propagate "reaches a source" backwards through the region: a node is grounded when it is a
 * source, cites one, or stands on a grounded node (earlier regions' verdicts are final).
 */
function propagateGrounding(graph: SupportGraph, region: string[]): void {
  const supportedBy = new Map<string, string[]>();
  const queue: string[] = [];
  for (const key of region) {
    const { item } = graph.nodes.get(key)!;
    const out = graph.supports.get(key)!;
    const direct = item.kind === 'source' || out.some((s) => s.kind === 'source' || (s.kind === 'item' && graph.grounded.has(nodeKey(s.target.doc, s.target.item))));
    if (direct) {
      graph.grounded.add(key);
      queue.push(key);
    }
    for (const s of out) {
      if (s.kind !== 'item') continue;
      const t = nodeKey(s.target.doc, s.target.item);
      const list = supportedBy.get(t);
      if (list) list.push(key);
      else supportedBy.set(t, [key]);
    }
  }
  while (queue.length) {
    const key = queue.pop()!;
    for (const parent of supportedBy.get(key) ?? []) {
      if (!graph.grounded.has(parent)) {
        graph.grounded.add(parent);
        queue.push(parent);
      }
    }
  }
}

/**
 * Tarjan's strongly connected components over the region, iteratively; each node on a cycle gets
 * one cycle through it. A cycle through a region node lies wholly in the region: had it touched
 * an earlier region, this node would have been reachable, and analysed, then.
 */
function findCycles(graph: SupportGraph, region: string[]): void {
  const inRegion = new Set(region);
  const succ = (k: string) => (graph.supports.get(k) ?? []).flatMap((s) => (s.kind === 'item' && inRegion.has(nodeKey(s.target.doc, s.target.item)) ? [nodeKey(s.target.doc, s.target.item)] : []));
  const cycles = graph.cycles;
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const onStack = new Set<string>();
  const stack: string[] = [];
  let counter = 0;
  for (const root of region) {
    if (index.has(root)) continue;
    const work: Array<{ node: string; next: string[]; i: number }> = [];
    const enter = (node: string) => {
      index.set(node, counter);
      low.set(node, counter++);
      stack.push(node);
      onStack.add(node);
      work.push({ node, next: succ(node), i: 0 });
    };
    enter(root);
    while (work.length) {
      const frame = work[work.length - 1];
      if (frame.i < frame.next.length) {
        const w = frame.next[frame.i++];
        if (!index.has(w)) enter(w);
        else if (onStack.has(w)) low.set(frame.node, Math.min(low.get(frame.node)!, index.get(w)!));
        continue;
      }
      work.pop();
      if (work.length) {
        const parent = work[work.length - 1].node;
        low.set(parent, Math.min(low.get(parent)!, low.get(frame.node)!));
      }
      if (low.get(frame.node) === index.get(frame.node)) {
        const component: string[] = [];
        let w: string;
        do {
          w = stack.pop()!;
          onStack.delete(w);
          component.push(w);
        } while (w !== frame.node);
        const members = new Set(component);
        const selfLoop = component.length === 1 && succ(frame.node).includes(frame.node);
        if (component.length > 1 || selfLoop) for (const m of component) cycles.set(m, cycleThrough(m, members, succ));
      }
    }
  }
}

/** A shortest cycle from `start` back to itself inside its component (breadth-first). */
function cycleThrough(start: string, members: Set<string>, succ: (k: string) => string[]): string[] {
  const prev = new Map<string, string>();
  const queue = [start];
  for (let q = 0; q < queue.length; q++) {
    const node = queue[q];
    for (const next of succ(node)) {
      if (!members.has(next)) continue;
      if (next === start) {
        const path = [start];
        for (let n = node; n !== start; n = prev.get(n)!) path.push(n);
        path.push(start);
        return [path[0], ...path.slice(1, -1).reverse(), start];
      }
      if (!prev.has(next)) {
        prev.set(next, node);
        queue.push(next);
      }
    }
  }
  return [start, start];
}

/**
 * Sources that ground an item: every source some chain of its support reaches. Stops early
 * once `enough` says the set found so far settles the question.
 */
export function groundingSources(ws: Workspace, start: LocatedItem, enough?: (found: ResolvedSource[]) => boolean): ResolvedSource[] {
  const graph = analyse(ws, [start]);
  const found = new Map<string, ResolvedSource>();
  const seen = new Set<string>([nodeKey(start.doc, start.item)]);
  const queue = [nodeKey(start.doc, start.item)];
  for (let q = 0; q < queue.length; q++) {
    const key = queue[q];
    const { doc, item } = graph.nodes.get(key)!;
    const before = found.size;
    if (item.kind === 'source' && !found.has(item.id)) found.set(item.id, ws.resolveSource(doc, item.id)!);
    for (const s of graph.supports.get(key) ?? []) {
      if (s.kind === 'source' && !found.has(s.source.key)) found.set(s.source.key, s.source);
      if (s.kind === 'item') {
        const t = nodeKey(s.target.doc, s.target.item);
        if (!seen.has(t)) {
          seen.add(t);
          queue.push(t);
        }
      }
    }
    if (found.size > before && enough?.([...found.values()])) break;
  }
  return [...found.values()];
}

/** Per support graph: the length and end of the chain from each node on no cycle. */
const chainTails = new WeakMap<SupportGraph, Map<string, { length: number; end: LocatedItem }>>();

/**
 * One chain of support from an ungrounded item down to where it ends (each step to the first
 * supporter not yet on the chain), for the message, without materialising it: its first `head`
 * steps, its length and its end. Linear over a whole document however deep its chains run: the tail of a
 * node on no cycle is the same from every start (a walk could only leave its own path through
 * a cycle), so it is remembered, and 10,000 claims each 10,000 steps deep cost 10,000 steps.
 */
export function ungroundedPath(ws: Workspace, start: LocatedItem, head = 8): { steps: LocatedItem[]; length: number; end: LocatedItem } {
  const graph = analyse(ws, [start]);
  let tails = chainTails.get(graph);
  if (!tails) chainTails.set(graph, (tails = new Map()));
  const firstUnseen = (k: string, seen: Set<string>) => (graph.supports.get(k) ?? []).find((s) => s.kind === 'item' && !seen.has(nodeKey(s.target.doc, s.target.item)));
  const walked: string[] = [];
  const steps: LocatedItem[] = [];
  const seen = new Set<string>();
  let at = start;
  let tail: { length: number; end: LocatedItem } | undefined;
  for (;;) {
    const k = nodeKey(at.doc, at.item);
    tail = graph.cycles.has(k) ? undefined : tails.get(k);
    if (tail) break;
    walked.push(k);
    seen.add(k);
    if (steps.length < head) steps.push(at);
    const next = firstUnseen(k, seen);
    if (!next || next.kind !== 'item') break;
    at = next.target;
  }
  const end = tail ? tail.end : at;
  const length = walked.length + (tail?.length ?? 0);
  // Remember the tail of every node walked that lies on no cycle.
  walked.forEach((k, i) => {
    if (!graph.cycles.has(k)) tails!.set(k, { length: length - i, end });
  });
  // A remembered tail cut the walk short: take the rest of the head from it.
  if (tail) {
    for (let k = nodeKey(at.doc, at.item); steps.length < head; ) {
      steps.push(at);
      seen.add(k);
      const next = firstUnseen(k, seen);
      if (!next || next.kind !== 'item') break;
      at = next.target;
      k = nodeKey(at.doc, at.item);
    }
  }
  return { steps, length, end };
}
