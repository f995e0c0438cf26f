// The token-set index must find exactly the sets a brute-force comparison finds, through any
// sequence of additions, removals and moves; and the statement index must report what the plain
// probe of each statement's rarest tokens (the search it replaced) reported, in the same order.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { parseDocument } from '../server/src/core/parser';
import { minimumOverlap, SIMILAR_THRESHOLD } from '../server/src/core/similarity';
import { StatementIndex, type Statement } from '../server/src/core/statementIndex';
import { sortAscending, TokenSetIndex } from '../server/src/core/tokenSetIndex';

function diceOf(a: Int32Array, b: Int32Array): number {
  const common = a.filter((t) => b.includes(t)).length;
  return (2 * common) / (a.length + b.length);
}

function bruteForce(sets: Map<number, { ids: Int32Array; doc: number }>, ids: Int32Array, doc: number): number[] {
  const shortest = (SIMILAR_THRESHOLD * ids.length) / (2 - SIMILAR_THRESHOLD) - 1e-9;
  const longest = ((2 - SIMILAR_THRESHOLD) * ids.length) / SIMILAR_THRESHOLD + 1e-9;
  return [...sets]
    .filter(([, s]) => s.doc !== doc && s.ids.length >= shortest && s.ids.length <= longest && diceOf(ids, s.ids) >= SIMILAR_THRESHOLD)
    .map(([key]) => key)
    .sort((x, y) => x - y);
}

const tokenSet = fc.uniqueArray(fc.integer({ min: 0, max: 40 }), { minLength: 1, maxLength: 14 }).map((a) => Int32Array.from(a).sort());
type Step =
  | { op: 'add'; ids: Int32Array; doc: number }
  | { op: 'remove'; pick: number }
  | { op: 'search'; ids: Int32Array; doc: number; via: number[] };

function steps(sets: fc.Arbitrary<Int32Array>, via: (ids: Int32Array) => number[]): fc.Arbitrary<Step> {
  const doc = fc.integer({ min: 0, max: 3 });
  return fc.oneof(
    { arbitrary: fc.record({ op: fc.constant('add' as const), ids: sets, doc }), weight: 6 },
    { arbitrary: fc.record({ op: fc.constant('remove' as const), pick: fc.nat() }), weight: 2 },
    { arbitrary: fc.record({ op: fc.constant('search' as const), ids: sets, doc, via: sets.map(via) }), weight: 3 },
  );
}

function runSteps(steps: Step[]): void {
  const index = new TokenSetIndex<number>();
  const live = new Map<number, { ids: Int32Array; doc: number; slot: number }>();
  let next = 0;
  for (const s of steps) {
    const keys = [...live.keys()];
    if (s.op === 'add') {
      const key = next++;
      live.set(key, { ids: s.ids, doc: s.doc, slot: index.add(s.ids, s.doc, key) });
    } else if (s.op === 'remove' && keys.length) {
      const key = keys[s.pick % keys.length];
      index.remove(live.get(key)!.slot);
      live.delete(key);
    } else if (s.op === 'search') {
      const via = [...s.via];
      const expected = bruteForce(live, s.ids, s.doc).filter((key) => via.some((t) => live.get(key)!.ids.includes(t)));
      assert.deepEqual([...index.search(s.ids, s.doc, via)].sort((x, y) => x - y), expected);
    }
  }
}

test('TokenSetIndex.search finds exactly the similar sets of other documents that hold a token asked for (property)', () => {
  fc.assert(fc.property(fc.array(steps(tokenSet, (ids) => [...ids].filter((_, i) => i % 2 === 0)), { maxLength: 80 }), runSteps), { numRuns: 400, seed: 7 });
});

// A few tokens in every set, and one rare one: the prefixes are full of common tokens, and a
// search through the holders of the rare tokens is the shorter one.
const commonSet = fc
  .tuple(fc.uniqueArray(fc.integer({ min: 0, max: 4 }), { minLength: 1, maxLength: 5 }), fc.integer({ min: 100, max: 115 }))
  .map(([common, rare]) => Int32Array.from([...common, rare]).sort());

test('TokenSetIndex.search is exact when every set shares common tokens (property)', () => {
  fc.assert(fc.property(fc.array(steps(commonSet, (ids) => [...ids].filter((t) => t >= 100)), { maxLength: 200 }), runSteps), { numRuns: 300, seed: 8 });
});

test('TokenSetIndex.count is the number of indexed sets holding a token', () => {
  const index = new TokenSetIndex<string>();
  const a = index.add(Int32Array.of(1, 2), 0, 'a');
  index.add(Int32Array.of(2, 3), 1, 'b');
  assert.equal(index.count(2), 2);
  index.remove(a);
  assert.equal(index.count(2), 1);
  assert.equal(index.count(1), 0);
  assert.equal(index.count(999), 0);
});

/** The search StatementIndex used before it had a token order: its results are the reference. */
function probeSearch(all: Statement[], st: Statement): Statement[] {
  const postings = (t: number) => all.filter((o) => o.ids.includes(t));
  const probe = [...st.ids].sort((a, b) => postings(a).length - postings(b).length).slice(0, st.ids.length - minimumOverlap(st.ids.length) + 1);
  const shortest = (SIMILAR_THRESHOLD * st.ids.length) / (2 - SIMILAR_THRESHOLD) - 1e-9;
  const longest = ((2 - SIMILAR_THRESHOLD) * st.ids.length) / SIMILAR_THRESHOLD + 1e-9;
  const seen = new Set<Statement>();
  const out: Statement[] = [];
  for (const t of probe) {
    const list = postings(t);
    if (list.length > 500) continue;
    for (const other of list) {
      if (seen.has(other) || other.at.doc === st.at.doc) continue;
      seen.add(other);
      if (other.ids.length >= shortest && other.ids.length <= longest && diceOf(st.ids, other.ids) >= SIMILAR_THRESHOLD) out.push(other);
    }
  }
  return out;
}

const WORDS = ['army', 'navy', 'border', 'Taiwan', 'Russia', 'strait', 'blockade', 'invade', 'election', 'sanction', 'grain', 'oil', 'port', 'missile'];
const statementText = fc.uniqueArray(fc.constantFrom(...WORDS), { minLength: 2, maxLength: 9 }).map((w) => w.join(' '));

test('StatementIndex reports what probing each statement’s rarest tokens reports, in its order (property)', () => {
  fc.assert(
    fc.property(fc.array(fc.array(statementText, { minLength: 1, maxLength: 6 }), { minLength: 2, maxLength: 5 }), (docs) => {
      const index = new StatementIndex('icd203');
      const parsed = docs.map((claims, d) => parseDocument(`d${d}.kent`, [`assessment d${d}: Doc`, '', ...claims.map((c, i) => `claim C${i}: ${c}\n`)].join('\n')));
      parsed.forEach((doc) => index.add(doc));
      const all = parsed.flatMap((doc) => [...index.statementsOf(doc)]);
      for (const st of all) assert.deepEqual(index.similarTo(st), probeSearch(all, st));
    }),
    { numRuns: 150, seed: 11 },
  );
});

test('sortAscending sorts as the built-in sort does (property)', () => {
  fc.assert(
    fc.property(fc.array(fc.integer({ min: -(2 ** 31), max: 2 ** 31 - 1 }), { maxLength: 80 }), (xs) => {
      assert.deepEqual(sortAscending(Int32Array.from(xs)), Int32Array.from(xs).sort());
    }),
    { numRuns: 2000 },
  );
});
