// The support graph: which items a judgment or claim stands on (`because`), whether any chain
// of support reaches a source, where support runs in a circle, and which sources ground it.
// Every walk is iterative (no recursion), so a chain 10,000 deep cannot overflow the stack.
import type { Item, KentDocument, Ref } from './model';
import type { LocatedItem, ResolvedSource, Workspace } from './workspace';

/** One step of support: to another item, or straight to a source. */
export type Support = { kind: 'item'; ref: Ref; target: LocatedItem } | { kind: 'source'; ref: Ref; source: ResolvedSource } | { kind: 'unresolved'; ref: Ref };

/** What the support graph knows of one item: the first item of its ID (the one references reach). */
export interface SupportNode {
  readonly at: LocatedItem;
  /** Its outgoing support, in the order written. */
  readonly supports: readonly Support[];
  /** Some chain of support from it reaches a source. */
  readonly grounded: boolean;
  /** On a cycle: the cycle, starting and ending at it. */
  readonly cycle: readonly LocatedItem[] | undefined;
  /** Whether it is on a cycle (`cycle` is then there, laid out when first read). */
  readonly cyclic: boolean;
  /**
   * What to report on its item: every cycle of its members' once in each document it passes
   * through, on its first item there in document order; in a tangle, one cycle so, and a
   * pointer to it on the first member of each document it misses.
   */
  readonly circles: readonly Circle[] | undefined;
  /** Ungrounded, and some chain of its support ends at an item that stands on nothing, not only in circles. */
  readonly deadEnd: boolean;
}

/**
 * A circle to report on an item. A `cycle` is the shared steps of one cycle, read round from the
 * item at `from` (each document it passes through reads it from its own first item, and a ring
 * through 1,000 documents is laid out once, not 1,000 times); `tangle`, in a component of more
 * than LARGE_COMPONENT items that the cycle does not all pass through, is how many it has. A
 * `tangle` circle is a member of such a component that the cycle named misses: where the cycle is
 * named (`named`), and its step (`next`) into the tangle.
 */
export type Circle =
  | { readonly kind: 'cycle'; readonly around: readonly LocatedItem[]; readonly from: number; readonly tangle: number | undefined }
  | { readonly kind: 'tangle'; readonly tangle: number; readonly named: LocatedItem; readonly next: LocatedItem };

export type CycleCircle = Extract<Circle, { kind: 'cycle' }>;

/** A cycle's `i`th step from its item, for `i` from 0 round to its length (the item again). */
export function stepOf(circle: CycleCircle, i: number): LocatedItem {
  return circle.around[(circle.from + i) % circle.around.length];
}

/** A cycle's steps, starting and ending at its item. */
export function stepsOf(circle: CycleCircle): LocatedItem[] {
  return Array.from({ length: circle.around.length + 1 }, (_, i) => stepOf(circle, i));
}

/** A node with what the walks keep on it (one object per item, so no per-walk maps of keys). */
class Node implements SupportNode {
  /** The nodes of its item supports, in the same order. */
  next: Node[] = NO_NODES;
  grounded = false;
  cyclic = false;
  /** Its cycle, or in a large component how to lay it out: each is about as long as the component, and all of them at once were quadratic. */
  private steps: LocatedItem[] | ((node: Node) => LocatedItem[]) | undefined = undefined;
  circles: Circle[] | undefined = undefined;
  deadEnd = false;
  /** With `deadEnd`: its next step on a shortest chain to an item that stands on nothing. */
  toward: Node | undefined = undefined;
  /** In a component of more than LARGE_COMPONENT items: a walk through it stops early. */
  large = false;
  // Tarjan's bookkeeping: `index` -1 until visited; `component` names its strongly connected component.
  index = -1;
  low = 0;
  cursor = 0;
  onStack = false;
  component = -1;
  /** The last walk of `groundingSources` that queued it. */
  walk = 0;
  /** Off any cycle, once walked: the length and end of its chain (see `ungroundedPath`). */
  tail: { length: number; end: LocatedItem } | undefined = undefined;
  constructor(
    readonly at: LocatedItem,
    readonly supports: readonly Support[],
  ) {}

  get cycle(): LocatedItem[] | undefined {
    if (typeof this.steps === 'function') this.steps = this.steps(this);
    return this.steps;
  }

  set cycle(steps: LocatedItem[] | ((node: Node) => LocatedItem[]) | undefined) {
    this.steps = steps;
    this.cyclic = steps !== undefined;
  }
}

/** Shared by every node that stands on no item (never pushed to). */
const NO_NODES: Node[] = [];

/**
 * What is known of the support graph so far. It is built on demand, one region at a time (an
 * item the checks ask about and everything its support reaches), so checking one document after
 * an edit walks only what that document stands on, never the whole workspace. Any change to the
 * workspace drops it (`ws.cached`), so an item's place in its document is a safe key.
 */
class Graph {
  /** Each document's nodes by their item's place in its items (a later item of an ID shares the first's). */
  private readonly placed = new Map<KentDocument, Array<Node | undefined>>();
  /** Nodes of items not in their document's list (a caller holding an older version). */
  private readonly unplaced = new Map<Item, Node>();
  /** Tarjan's visit counter, running on across regions. */
  counter = 0;

  /** The node of an item, made (and queued in `region`) when first met. */
  nodeOf(ws: Workspace, given: LocatedItem, region: Node[]): Node {
    const { doc } = given;
    let slots = this.placed.get(doc);
    if (!slots) this.placed.set(doc, (slots = []));
    const place = placeOf(doc, given.item);
    const known = place < 0 ? this.unplaced.get(given.item) : slots[place];
    if (known) return known;
    // With a duplicate ID, the node is the first item of that ID: the one references reach.
    const item = ws.itemIn(doc, given.item.id) ?? given.item;
    const first = item === given.item ? place : placeOf(doc, item);
    let node = first < 0 ? this.unplaced.get(item) : slots[first];
    if (!node) {
      node = new Node(item === given.item ? given : { doc, item }, supportOf(ws, doc, item));
      region.push(node);
      if (first < 0) this.unplaced.set(item, node);
      else slots[first] = node;
    }
    if (place >= 0) slots[place] = node;
    return node;
  }
}

const newGraph = () => new Graph();

/** Where an item stands in its document's items (in document order), or -1 if it is not among them. */
function placeOf(doc: KentDocument, item: Item): number {
  const items = doc.items;
  const start = item.span.start;
  let lo = 0;
  let hi = items.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >>> 1;
    const at = items[mid];
    if (at === item) return mid;
    if (at.span.start < start) lo = mid + 1;
    else hi = mid - 1;
  }
  return -1;
}

const CAN_BE_SUPPORTED = new Set(['judgment', 'claim']);

/** Shared by every item that stands on nothing (never pushed to). */
const NO_SUPPORT: readonly Support[] = [];

/** What one item stands on: its `because` refs, its inline citations, an evidence's source. */
export function supportOf(ws: Workspace, doc: KentDocument, item: Item): readonly Support[] {
  if (item.kind === 'evidence') return item.source ? [toSource(ws, doc, item.source, item.source.key)] : NO_SUPPORT;
  if (!CAN_BE_SUPPORTED.has(item.kind) || (item.because.length === 0 && item.citations.length === 0)) return NO_SUPPORT;
  const out: Support[] = [];
  for (const ref of item.because) {
    if (ref.type === 'source') {
      out.push(toSource(ws, doc, ref, ref.key));
      continue;
    }
    const target = ws.resolveItem(doc, ref);
    if (target) out.push({ kind: 'item', ref, target });
    else if (ref.doc === undefined) out.push(toSource(ws, doc, ref, ref.id)); // a bare source key where support expects a source
    else out.push({ kind: 'unresolved', ref });
  }
  for (const c of item.citations) for (const ref of c.refs) out.push(toSource(ws, doc, ref, ref.key));
  return out;
}

/** A step of support to the source `key` names, if it resolves. */
function toSource(ws: Workspace, doc: KentDocument, ref: Ref, key: string): Support {
  const source = ws.resolveSource(doc, key);
  return source ? { kind: 'source', ref, source } : { kind: 'unresolved', ref };
}

/** The support graph's node for `at`, with it and all it reaches analysed. */
export function supportNode(ws: Workspace, at: LocatedItem): SupportNode {
  return analyse(ws, at);
}

function analyse(ws: Workspace, start: LocatedItem): Node {
  const graph = ws.cached('support-graph', newGraph);
  // The region: nodes reachable from the start that no earlier region covered.
  const region: Node[] = [];
  const first = graph.nodeOf(ws, start, region);
  for (let q = 0; q < region.length; q++) {
    const node = region[q];
    for (const s of node.supports) {
      if (s.kind !== 'item') continue;
      if (node.next === NO_NODES) node.next = [];
      node.next.push(graph.nodeOf(ws, s.target, region));
    }
  }
  if (region.length) settle(graph, region);
  return first;
}

/**
 * Tarjan's strongly connected components over the region, iteratively. Each component is
 * settled as it closes, when all it reaches is settled already: it is grounded when a member is
 * a source, cites one, or stands on a grounded node outside it; each member on a cycle gets one
 * cycle through it. Nodes of earlier regions are visited and off the stack, so the walk passes
 * them by; a cycle through a region node lies wholly in the region (had it touched an earlier
 * region, this node would have been reachable, and analysed, then).
 */
function settle(graph: Graph, region: Node[]): void {
  if (stack.length || work.length) stack.length = work.length = 0; // left by a walk a bug cut short
  for (const root of region) {
    if (root.index >= 0) continue;
    enter(graph, root);
    while (work.length) {
      const node = work[work.length - 1];
      if (node.cursor < node.next.length) {
        const w = node.next[node.cursor++];
        if (w.index < 0) enter(graph, w);
        else if (w.onStack && w.index < node.low) node.low = w.index;
        continue;
      }
      work.pop();
      if (work.length && node.low < work[work.length - 1].low) work[work.length - 1].low = node.low;
      if (node.low === node.index) closeComponent(node);
    }
  }
}

/** Tarjan's stack and the walk's own, shared by every region: a walk starts and ends with both empty. */
const stack: Node[] = [];
const work: Node[] = [];

function enter(graph: Graph, node: Node): void {
  node.index = node.low = graph.counter++;
  node.onStack = true;
  stack.push(node);
  work.push(node);
}

/** Pop the component `root` heads off the stack and settle it. */
function closeComponent(root: Node): void {
  const from = stack.lastIndexOf(root);
  const members = stack.slice(from);
  let grounded = false;
  for (const m of members) {
    m.onStack = false;
    m.component = root.index;
    if (!grounded) grounded = groundedAlone(m);
  }
  const cyclic = members.length > 1 || root.next.includes(root);
  const viaRoot = cyclic && members.length > LARGE_COMPONENT ? cyclesViaRoot(members) : undefined;
  for (const m of members) {
    m.grounded = grounded;
    m.large = viaRoot !== undefined;
    if (cyclic) m.cycle = viaRoot ?? cycleThrough(m);
  }
  if (!grounded) leadToDeadEnds(members);
  if (cyclic) placeCircles(members);
  while (stack.length > from) stack.pop(); // not `length = from`, which gives up the array's room
}

/** Grounded whatever the rest of its component: a source, citing one, or standing on a grounded node. */
function groundedAlone(node: Node): boolean {
  if (node.at.item.kind === 'source') return true;
  for (const s of node.supports) if (s.kind === 'source') return true;
  for (const n of node.next) if (n.grounded) return true;
  return false;
}

/**
 * An ungrounded component: whether its chains reach an item standing on nothing, and each
 * member's next step on a shortest way there (through the members that step out of the
 * component onto such a chain), so that the chain a message names ends there, not in a circle.
 */
function leadToDeadEnds(members: Node[]): void {
  const inside = (n: Node) => n.component === members[0].component;
  const exits: Node[] = [];
  for (const m of members) {
    m.toward = m.next.find((n) => !inside(n) && n.deadEnd);
    if (m.toward || m.next.length === 0) exits.push(m);
  }
  if (exits.length === 0) return; // its chains only go round in circles
  for (const m of members) m.deadEnd = true;
  if (members.length === 1) return;
  // Steps to the nearest exit, breadth-first against support; each member then steps to its first supporter one nearer.
  const into = supportersInside(members);
  const steps = new Map(exits.map((m) => [m, 0]));
  for (let q = 0; q < exits.length; q++) {
    for (const p of into.get(exits[q]) ?? NO_NODES) {
      if (steps.has(p)) continue;
      steps.set(p, steps.get(exits[q])! + 1);
      exits.push(p);
    }
  }
  for (const m of members) m.toward ??= m.next.find((n) => steps.get(n) === steps.get(m)! - 1);
}

/** For each member of a component, the members standing on it, in the members' order. */
function supportersInside(members: Node[]): Map<Node, Node[]> {
  const into = new Map<Node, Node[]>();
  for (const m of members) for (const n of m.next) if (n.component === m.component) (into.get(n) ?? into.set(n, []).get(n)!).push(m);
  return into;
}

/**
 * Each distinct cycle of the members' (`cycle`), to be reported once in each document it passes
 * through, on its first item there in document order: one diagnostic per cycle per document, so
 * that a document checked alone still shows every cycle through it. A tangle has its own rule.
 */
function placeCircles(members: Node[]): void {
  if (members[0].large) return placeTangle(members);
  const label = new Map(members.map((m, i) => [m.at, i]));
  const nodeOf = new Map(members.map((m) => [m.at, m]));
  const distinct = new Map<string, LocatedItem[]>();
  for (const m of members) {
    const key = rotationKey(m.cycle!.slice(0, -1).map((at) => label.get(at)!));
    if (!distinct.has(key)) distinct.set(key, m.cycle!);
  }
  for (const cycle of distinct.values()) placeCycle(cycle.slice(0, -1), undefined, nodeOf);
  for (const m of members) if (m.circles && m.circles.length > 1) m.circles.sort(byPlaces);
}

/**
 * A tangle (more than LARGE_COMPONENT items standing on one another) names one cycle: the
 * shortest through its first item in the workspace, once in each document it passes through.
 * Each other document of the tangle gets one pointer to it, on its first member there. Naming
 * enough cycles for every item to be on one was quadratic (a web of 8,000 claims: 2,000 cycles
 * of 4,000 steps, 7 s), and thousands of warnings for one tangle help no analyst.
 */
function placeTangle(members: Node[]): void {
  const root = rootOf(members);
  const steps = root.cycle!.slice(0, -1);
  const nodeOf = new Map(members.map((m) => [m.at, m]));
  const passed = placeCycle(steps, steps.length < members.length ? members.length : undefined, nodeOf);
  const firstIn = new Map<KentDocument, Node>();
  for (const m of members) {
    if (passed.has(m.at.doc)) continue;
    const first = firstIn.get(m.at.doc);
    if (!first || m.at.item.span.start < first.at.item.span.start) firstIn.set(m.at.doc, m);
  }
  for (const m of firstIn.values()) {
    const next = m.next.find((n) => n.component === m.component)!;
    m.circles = [{ kind: 'tangle', tangle: members.length, named: root.at, next: next.at }];
  }
}

/** A tangle's root: its member first in the workspace. */
function rootOf(members: Node[]): Node {
  return members.reduce((a, b) => (byPlace(b.at, a.at) < 0 ? b : a));
}

/** Report a cycle (its steps, not closed) once in each document it passes through, on its first item there; the documents. */
function placeCycle(steps: LocatedItem[], tangle: number | undefined, nodeOf: Map<LocatedItem, Node>): Set<KentDocument> {
  const firstIn = new Map<KentDocument, number>();
  steps.forEach((at, i) => {
    const j = firstIn.get(at.doc);
    if (j === undefined || at.item.span.start < steps[j].item.span.start) firstIn.set(at.doc, i);
  });
  for (const i of firstIn.values()) (nodeOf.get(steps[i])!.circles ??= []).push({ kind: 'cycle', around: steps, from: i, tangle });
  return new Set(firstIn.keys());
}

/** The same string for a cycle however it is rotated: its labels, from the least. */
function rotationKey(labels: number[]): string {
  let least = 0;
  for (let i = 1; i < labels.length; i++) if (labels[i] < labels[least]) least = i;
  return [...labels.slice(least), ...labels.slice(0, least)].join(',');
}

/** Where an item stands in the workspace: by document path, then place in its document. */
function byPlace(a: LocatedItem, b: LocatedItem): number {
  return a.doc.path < b.doc.path ? -1 : a.doc.path > b.doc.path ? 1 : a.item.span.start - b.item.span.start;
}

/** Cycles in an order of their own, whatever order the walk met their members in (only a small component's: a tangle's item has one). */
function byPlaces(x: Circle, y: Circle): number {
  const [a, b] = [stepsOf(x as CycleCircle), stepsOf(y as CycleCircle)];
  for (let i = 0; i < a.length && i < b.length; i++) {
    const c = byPlace(a[i], b[i]);
    if (c !== 0) return c;
  }
  return a.length - b.length;
}

/** Above this many items, a component is a tangle: its cycles go through its root (`cyclesViaRoot`), and one is reported (`placeTangle`). */
const LARGE_COMPONENT = 64;

/**
 * A cycle through each member of a large component, found from two searches from its root (one
 * along support, one against it) instead of one search of the component per member: that was
 * quadratic, a second a keystroke for a thousand claims standing on one another. Each cycle runs
 * from the member to the root and back, with any item met twice cut out; the root's own is its
 * shortest. The root is the member first in the workspace, and the searches go in that order,
 * so the cycles are the same whichever item the walk came in by (the editor checks documents in
 * any order). The searches wait for a member other than the root to be asked: the checks ask
 * only the root.
 */
function cyclesViaRoot(members: Node[]): (m: Node) => LocatedItem[] {
  const root = rootOf(members);
  let searched: { towards: Map<Node, Node>; from: Map<Node, Node> } | undefined;
  const search = () => {
    const into = supportersInside([...members].sort((a, b) => byPlace(a.at, b.at)));
    // towards[x]: x's next step on a path to the root; from[x]: the step before x on a path from it.
    const towards = searchFrom(root, (n) => into.get(n) ?? NO_NODES);
    const from = searchFrom(root, (n) => n.next.filter((x) => x.component === root.component));
    return { towards, from };
  };
  return (m) => {
    if (m === root) return cycleThrough(root);
    const { towards, from } = (searched ??= search());
    const walk: Node[] = [];
    for (let n = m; n !== root; n = towards.get(n)!) walk.push(n);
    const back: Node[] = [];
    for (let n = m; n !== root; n = from.get(n)!) back.push(n);
    walk.push(root, ...back.slice(1).reverse());
    return [...withoutRepeats(walk).map((n) => n.at), m.at];
  };
}

/** Breadth-first from `start` along `edges`: for each node reached, the node it was reached from. */
function searchFrom(start: Node, edges: (n: Node) => readonly Node[]): Map<Node, Node> {
  const parent = new Map<Node, Node>();
  const queue = [start];
  for (let q = 0; q < queue.length; q++) {
    for (const next of edges(queue[q])) {
      if (next === start || parent.has(next)) continue;
      parent.set(next, queue[q]);
      queue.push(next);
    }
  }
  return parent;
}

/** A walk with each loop in it cut out, so that no node comes twice. */
function withoutRepeats(walk: Node[]): Node[] {
  const out: Node[] = [];
  const at = new Map<Node, number>();
  for (const n of walk) {
    const seen = at.get(n);
    if (seen !== undefined) {
      for (let i = seen + 1; i < out.length; i++) at.delete(out[i]);
      out.length = seen + 1;
    } else {
      at.set(n, out.length);
      out.push(n);
    }
  }
  return out;
}

/** A shortest cycle from `start` back to itself inside its component (breadth-first). */
function cycleThrough(start: Node): LocatedItem[] {
  const prev = new Map<Node, Node>();
  const queue = [start];
  for (let q = 0; q < queue.length; q++) {
    const node = queue[q];
    for (const next of node.next) {
      if (next.component !== start.component) continue;
      if (next === start) {
        const path = [start.at];
        for (let n = node; n !== start; n = prev.get(n)!) path.push(n.at);
        path.push(start.at);
        return [path[0], ...path.slice(1, -1).reverse(), start.at];
      }
      if (!prev.has(next)) {
        prev.set(next, node);
        queue.push(next);
      }
    }
  }
  return [start.at, start.at];
}

/**
 * Sources that ground an item: every source some chain of its support reaches, each told to
 * `counts` as it is found. Stops, once a node's support is taken in, if `counts` has said the
 * sources found so far settle the question.
 */
export function groundingSources(ws: Workspace, start: LocatedItem, counts?: (source: ResolvedSource) => boolean): ResolvedSource[] {
  const first = analyse(ws, start);
  const found = new Map<string, ResolvedSource>();
  const walk = ++walks;
  first.walk = walk;
  const queue = [first];
  let enough = false;
  for (let q = 0; q < queue.length && !enough; q++) {
    const { at, supports, next } = queue[q];
    if (at.item.kind === 'source' && !found.has(at.item.id)) enough = take(found, at.item.id, ws.resolveSource(at.doc, at.item.id)!, counts) || enough;
    for (const s of supports) if (s.kind === 'source' && !found.has(s.source.key)) enough = take(found, s.source.key, s.source, counts) || enough;
    for (const n of next) {
      if (n.walk === walk) continue;
      n.walk = walk;
      queue.push(n);
    }
  }
  return [...found.values()];
}

/** Numbers the walks of `groundingSources`: a node marked with the current one is already queued. */
let walks = 0;

function take(found: Map<string, ResolvedSource>, key: string, source: ResolvedSource, counts?: (source: ResolvedSource) => boolean): boolean {
  found.set(key, source);
  return counts?.(source) ?? false;
}

/**
 * One chain of support from an ungrounded item down to where it ends, for the message, without
 * materialising it: its first `head` steps, its length and its end. Where some chain ends at an
 * item standing on nothing (`deadEnd`), it is a shortest way there (`toward`); else each step is
 * to the first supporter not yet on the chain, until it comes round. Linear over a whole
 * document however deep its chains run: the tail of a node is the same from every start when
 * it is `deadEnd` or on no cycle (a walk could only leave its own path through a cycle), so it
 * is remembered, and 10,000 claims each 10,000 steps deep cost 10,000 steps.
 */
export function ungroundedPath(ws: Workspace, start: LocatedItem, head = 8): { steps: LocatedItem[]; length: number; end: LocatedItem } {
  const stepFrom = (node: Node, seen: Set<Node>) => (node.deadEnd ? node.toward : node.next.find((n) => !seen.has(n)));
  const keepsTail = (node: Node) => node.deadEnd || !node.cyclic;
  const walked: Node[] = [];
  const steps: LocatedItem[] = [];
  const seen = new Set<Node>();
  let at = start;
  let node = analyse(ws, start);
  let tail: { length: number; end: LocatedItem } | undefined;
  for (;;) {
    tail = keepsTail(node) ? node.tail : undefined;
    if (tail) break;
    walked.push(node);
    seen.add(node);
    if (steps.length < head) steps.push(at);
    // Inside a large circle of support a chain that only comes round wanders it all (quadratic
    // over its items): the first steps show where it goes.
    if (node.large && !node.deadEnd && walked.length >= head) break;
    const next = stepFrom(node, seen);
    if (!next) break;
    node = next;
    at = next.at;
  }
  const end = tail ? tail.end : at;
  const length = walked.length + (tail?.length ?? 0);
  walked.forEach((n, i) => {
    if (keepsTail(n)) n.tail = { length: length - i, end };
  });
  // A remembered tail cut the walk short: take the rest of the head from it.
  if (tail) {
    while (steps.length < head) {
      steps.push(at);
      seen.add(node);
      const next = stepFrom(node, seen);
      if (!next) break;
      node = next;
      at = next.at;
    }
  }
  return { steps, length, end };
}
