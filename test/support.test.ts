// The support graph is built on demand, one region at a time, with what it learns kept on its
// nodes: whatever order the items are asked about in, each must get what a plain walk of the
// whole graph gives (grounded or not, the cycle through it, its chain, its sources).
import { describe, test } from 'node:test';
import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { groundingSources, stepsOf, supportNode, supportOf, ungroundedPath, type CycleCircle } from '../server/src/core/support';
import { Workspace, type LocatedItem } from '../server/src/core/workspace';
import type { KentDocument } from '../server/src/core/model';
import { MemoryHost } from './harness';

const DOCS = ['a', 'b', 'c'];
/** Few IDs, so that duplicates and cycles are common. */
const IDS = ['I1', 'I2', 'I3', 'I4', 'I5'];

const ref = fc.oneof(
  { weight: 6, arbitrary: fc.constantFrom(...IDS) },
  { weight: 3, arbitrary: fc.tuple(fc.constantFrom(...DOCS), fc.constantFrom(...IDS)).map(([d, id]) => `${d}/${id}`) },
  { weight: 3, arbitrary: fc.constantFrom('@s1', '@s2', '@s1', '@s2', 'x/I9', 'nowhere') },
);
const block = fc.oneof(
  { weight: 6, arbitrary: fc.tuple(fc.constantFrom('claim', 'judgment'), fc.constantFrom(...IDS), fc.array(ref, { maxLength: 3 })) },
  { weight: 1, arbitrary: fc.tuple(fc.constant('assumption'), fc.constantFrom(...IDS), fc.constant([] as string[])) },
  { weight: 1, arbitrary: fc.tuple(fc.constant('evidence'), fc.constantFrom(...IDS), fc.constant([] as string[])) },
  { weight: 1, arbitrary: fc.tuple(fc.constant('source'), fc.constantFrom('s1', 's2', ...IDS), fc.constant([] as string[])) },
);
const workspace = fc.array(fc.array(block, { maxLength: 7 }), { minLength: DOCS.length, maxLength: DOCS.length });

function textOf(name: string, blocks: Array<[string, string, string[]]>): string {
  const parts = [`assessment ${name}: ${name.toUpperCase()}\n`];
  for (const [kind, id, refs] of blocks) {
    if (kind === 'source') parts.push(`source ${id}: A source\n  reliability: B\n  origin: ${id}\n`);
    else if (kind === 'evidence') parts.push(`evidence ${id}: A report.\n  source: s1\n`);
    else parts.push(`${kind} ${id}: A statement.\n${refs.length ? `  because: ${refs.join(', ')}\n` : ''}`);
  }
  return parts.join('\n');
}

function load(docs: Array<Array<[string, string, string[]]>>): Workspace {
  const ws = new Workspace(new MemoryHost());
  ws.loadConfig();
  docs.forEach((blocks, i) => ws.setDocument(`${DOCS[i]}.kent`, textOf(DOCS[i], blocks)));
  return ws;
}

/** The plain computation: the same graph walked from scratch for each question. */
class Plain {
  constructor(private readonly ws: Workspace) {}
  first(at: LocatedItem): LocatedItem {
    return { doc: at.doc, item: this.ws.itemIn(at.doc, at.item.id) ?? at.item };
  }
  next(at: LocatedItem): LocatedItem[] {
    return supportOf(this.ws, at.doc, at.item).flatMap((s) => (s.kind === 'item' ? [this.first(s.target)] : []));
  }
  /** Every node reachable from `at` by one step or more. */
  reach(at: LocatedItem): Set<KentDocument['items'][number]> {
    const seen = new Set<KentDocument['items'][number]>();
    const queue = this.next(at);
    while (queue.length) {
      const n = queue.pop()!;
      if (seen.has(n.item)) continue;
      seen.add(n.item);
      queue.push(...this.next(n));
    }
    return seen;
  }
  grounded(at: LocatedItem): boolean {
    const direct = (n: LocatedItem) => n.item.kind === 'source' || supportOf(this.ws, n.doc, n.item).some((s) => s.kind === 'source');
    if (direct(at)) return true;
    const all = this.allFrom(at);
    return all.some(direct);
  }
  allFrom(at: LocatedItem): LocatedItem[] {
    const out: LocatedItem[] = [];
    const seen = new Set([at.item]);
    const queue = [at];
    for (let q = 0; q < queue.length; q++) {
      out.push(queue[q]);
      for (const n of this.next(queue[q])) if (!seen.has(n.item)) seen.add(n.item), queue.push(n);
    }
    return out;
  }
  /** A shortest cycle back to `at` among the nodes that reach it and that it reaches, breadth-first in support order. */
  cycle(at: LocatedItem): LocatedItem[] | undefined {
    if (!this.reach(at).has(at.item)) return undefined;
    const member = (n: LocatedItem) => n.item === at.item || (this.reach(at).has(n.item) && this.reach(n).has(at.item));
    const prev = new Map<unknown, LocatedItem>();
    const queue = [at];
    for (let q = 0; q < queue.length; q++) {
      for (const n of this.next(queue[q])) {
        if (!member(n)) continue;
        if (n.item === at.item) {
          const path = [at];
          for (let m = queue[q]; m.item !== at.item; m = prev.get(m.item)!) path.push(m);
          return [at, ...path.slice(1).reverse(), at];
        }
        if (!prev.has(n.item)) prev.set(n.item, queue[q]), queue.push(n);
      }
    }
    assert.fail('a node that reaches itself has a cycle');
  }
  /** The items that reach `at` and that it reaches (itself included): its strongly connected component. */
  component(at: LocatedItem): Set<KentDocument['items'][number]> {
    const reach = this.reach(at);
    return new Set([at.item, ...this.allFrom(at).filter((n) => reach.has(n.item) && this.reach(n).has(at.item)).map((n) => n.item)]);
  }
  /** Ungrounded, and some chain from it ends at an item with no item to stand on. */
  deadEnd(at: LocatedItem): boolean {
    return !this.grounded(at) && this.allFrom(at).some((n) => this.next(n).length === 0);
  }
  /** Steps from `at` within its component to the nearest member that steps out onto a dead end, or stands on nothing. */
  stepsOut(at: LocatedItem): number {
    const inside = this.component(at);
    const exit = (n: LocatedItem) => this.next(n).length === 0 || this.next(n).some((m) => !inside.has(m.item) && this.deadEnd(m));
    let ring = [at];
    const seen = new Set([at.item]);
    for (let steps = 0; ring.length; steps++) {
      if (ring.some(exit)) return steps;
      ring = ring.flatMap((n) => this.next(n).filter((m) => inside.has(m.item) && !seen.has(m.item) && seen.add(m.item)));
    }
    assert.fail('a dead end that cannot be reached');
  }
  /**
   * The chain: towards a dead end, when there is one, by a shortest way (out of the component at
   * once if it can, else to the first supporter nearer the way out); else each step to the first
   * supporter not yet on it.
   */
  chain(at: LocatedItem): LocatedItem[] {
    const out = [at];
    const seen = new Set([this.first(at).item]);
    for (let n = this.first(at); ; ) {
      const next = this.deadEnd(n) ? this.toward(n) : this.next(n).find((m) => !seen.has(m.item));
      if (!next) return out;
      seen.add(next.item);
      out.push(next);
      n = next;
    }
  }
  toward(at: LocatedItem): LocatedItem | undefined {
    const inside = this.component(at);
    const out = this.next(at).find((m) => !inside.has(m.item) && this.deadEnd(m));
    if (out) return out;
    const steps = this.stepsOut(at);
    return this.next(at).find((m) => inside.has(m.item) && this.stepsOut(m) === steps - 1);
  }
  /** The cycles reported on `at`: each member's cycle, once, on its first item in each document it passes through, starting there. */
  circles(at: LocatedItem): string[][] | undefined {
    if (!this.cycle(at)) return undefined;
    const members = this.allFrom(at).filter((n) => this.component(at).has(n.item));
    const out = new Map<string, string[]>();
    for (const m of members) {
      const steps = this.cycle(m)!.slice(0, -1);
      const mine = steps.filter((s) => s.doc === at.doc);
      if (!mine.some((s) => s.item === at.item) || mine.some((s) => s.item.span.start < at.item.span.start)) continue;
      const i = steps.findIndex((s) => s.item === at.item);
      const rotated = [...steps.slice(i), ...steps.slice(0, i), at].map(name);
      out.set(rotated.join(' '), rotated);
    }
    return out.size ? [...out.values()] : undefined;
  }
  /** Sources breadth-first, stopping after the node that brings the count to `enough`. */
  sources(at: LocatedItem, enough = Infinity): string[] {
    const keys = new Set<string>();
    for (const n of this.allFrom(this.first(at))) {
      if (n.item.kind === 'source') keys.add(n.item.id);
      for (const s of supportOf(this.ws, n.doc, n.item)) if (s.kind === 'source') keys.add(s.source.key);
      if (keys.size >= enough) break;
    }
    return [...keys];
  }
}

const name = (at: LocatedItem) => `${at.doc.path}#${at.item.id}@${at.item.span.start}`;

describe('support graph', () => {
  test('asked in any order, each item gets what a plain walk of the whole graph gives', () => {
    fc.assert(
      fc.property(workspace, fc.array(fc.nat(), { minLength: 1, maxLength: 40 }), (docs, order) => {
        const plainWs = load(docs);
        const plain = new Plain(plainWs);
        const all = plainWs.documents().flatMap((doc) => doc.items.map((item) => ({ doc, item })));
        if (all.length === 0) return;
        // Asked of a later item of an ID, the checks stop at the node (the first item's); so does the chain here.
        const expected = new Map(
          all.map((at) => {
            const first = plain.first(at);
            const chain = plain.grounded(first) ? undefined : plain.chain(at);
            return [name(at), { at: name(first), grounded: plain.grounded(first), deadEnd: plain.deadEnd(first), cycle: plain.cycle(first)?.map(name), circles: plain.circles(first), chain: chain?.map(name), sources: plain.sources(at), until: [1, 2].map((n) => plain.sources(at, n)) }];
          }),
        );
        // A fresh workspace (so a fresh graph), asked in the order drawn: regions form differently.
        const ws = load(docs);
        const items = ws.documents().flatMap((doc) => doc.items.map((item) => ({ doc, item })));
        const asked = [...order.map((i) => items[i % items.length]), ...items];
        for (const at of asked) {
          const want = expected.get(name(at))!;
          const node = supportNode(ws, at);
          assert.equal(name(node.at), want.at);
          assert.equal(node.grounded, want.grounded, `grounded ${name(at)}`);
          assert.equal(node.deadEnd, want.deadEnd, `dead end under ${name(at)}`);
          assert.deepEqual(node.cycle?.map(name), want.cycle, `cycle through ${name(at)}`);
          assert.deepEqual(node.circles?.map((c) => stepsOf(c as CycleCircle).map(name)).sort(), want.circles?.sort(), `circles reported on ${name(at)}`);
          assert.deepEqual(groundingSources(ws, at).map((s) => s.key), want.sources, `sources of ${name(at)}`);
          for (const enough of [1, 2]) {
            let told = 0;
            assert.deepEqual(groundingSources(ws, at, () => ++told >= enough).map((s) => s.key), want.until[enough - 1], `sources of ${name(at)} until ${enough}`);
          }
          if (want.chain && want.at === name(at)) {
            const path = ungroundedPath(ws, at, 2);
            assert.deepEqual([path.length, name(path.end), path.steps.map(name)], [want.chain.length, want.chain.at(-1), want.chain.slice(0, 2)], `chain from ${name(at)}`);
          }
        }
      }),
      { numRuns: 300 },
    );
  });

  test('a chain 10,000 deep, asked about from its far end first', () => {
    const n = 10_000;
    const blocks: Array<[string, string, string[]]> = [];
    for (let i = 0; i < n; i++) blocks.push(['claim', `C${i}`, i + 1 < n ? [`C${i + 1}`] : []]);
    const ws = new Workspace(new MemoryHost());
    ws.loadConfig();
    const doc = ws.setDocument('a.kent', textOf('a', blocks));
    const claims = doc.items.filter((i) => i.kind === 'claim');
    for (let i = n - 1; i >= 0; i -= 1000) assert.equal(supportNode(ws, { doc, item: claims[i] }).grounded, false);
    const path = ungroundedPath(ws, { doc, item: claims[0] });
    assert.equal(path.length, n);
    assert.equal(path.end.item.id, `C${n - 1}`);
  });
});

describe('a large circle of support (more than 64 items standing on one another)', () => {
  // 300 claims, each standing on five others: one strongly connected component, no source.
  const N = 300;
  const text = ['assessment big: Big\n'];
  for (let i = 0; i < N; i++) text.push(`claim C${i}: A statement.\n  because: ${[1, 2, 3, 4, 5].map((k) => `C${(7 * i + 13 * k + 1) % N}`).join(', ')}\n`);
  const ws = new Workspace(new MemoryHost());
  ws.loadConfig();
  const doc = ws.setDocument('big.kent', text.join('\n'));
  const at = (item: KentDocument['items'][number]): LocatedItem => ({ doc, item });
  const claims = doc.items.filter((item) => item.kind === 'claim');

  test('each item gets a cycle through it: a real one, along `because`, no item twice', () => {
    assert.equal(claims.length, N);
    for (const item of claims) {
      const cycle = supportNode(ws, at(item)).cycle!.map((c) => c.item.id);
      assert.equal(cycle[0], item.id);
      assert.equal(cycle.at(-1), item.id);
      assert.equal(new Set(cycle.slice(0, -1)).size, cycle.length - 1, cycle.join(' → '));
      for (let i = 0; i + 1 < cycle.length; i++) {
        const from = doc.items.find((x) => x.id === cycle[i])!;
        assert.ok(from.because.some((r) => r.type === 'item' && r.id === cycle[i + 1]), `${cycle[i]} does not stand on ${cycle[i + 1]}`);
      }
    }
  });

  test('an ungrounded chain into it shows its first steps and stops, rather than wander all of it', () => {
    for (const item of claims.slice(0, 20)) {
      const path = ungroundedPath(ws, at(item), 8);
      assert.equal(path.steps.length, 8);
      assert.equal(path.length, 8, 'the walk stopped where its shown steps end');
      assert.equal(path.end.item, path.steps[7].item);
    }
  });
});

describe('a tangle of support costs work linear in its size', () => {
  /** Every circle reported on any item of the workspace. */
  const allCircles = (ws: Workspace) => ws.documents().flatMap((doc) => doc.items.flatMap((item) => supportNode(ws, { doc, item }).circles ?? []));

  test('4,000 claims, each on the next and on a side claim rejoining two steps on: one circle, laid out once (each claim not yet on one named had its own, 2,000 steps each)', () => {
    const n = 2000;
    const text = ['assessment a: A\n'];
    for (let i = 0; i < n; i++) text.push(`claim C${i}: Thing ${i}.\n  because: C${(i + 1) % n}, S${i}\n`, `claim S${i}: Side ${i}.\n  because: C${(i + 2) % n}\n`);
    const ws = new Workspace(new MemoryHost());
    ws.loadConfig();
    ws.setDocument('a.kent', text.join('\n'));
    const circles = allCircles(ws);
    assert.equal(circles.length, 1);
    const [named] = circles as CycleCircle[];
    assert.ok(named.around.length <= 2 * n, `${named.around.length} steps`);
    assert.equal(named.tangle, 2 * n);
  });

  test('a ring through 300 documents: one circle in each, all reading the one cycle laid out (not 300 copies of 300 steps)', () => {
    const n = 300;
    const ws = new Workspace(new MemoryHost());
    ws.loadConfig();
    for (let i = 0; i < n; i++) ws.setDocument(`d${i}.kent`, `assessment d${i}: D\n\nclaim C: Link ${i}.\n  because: d${(i + 1) % n}/C\n`);
    const circles = allCircles(ws) as CycleCircle[];
    assert.equal(circles.length, n);
    assert.equal(new Set(circles.map((c) => c.around)).size, 1);
    // Each document reads it round from its own claim.
    for (const doc of ws.documents()) {
      const [circle] = supportNode(ws, { doc, item: doc.items.find((i) => i.kind === 'claim')! }).circles as CycleCircle[];
      const steps = stepsOf(circle);
      assert.deepEqual([steps.length, steps[0].doc, steps[n].doc], [n + 1, doc, doc]);
    }
  });
});
