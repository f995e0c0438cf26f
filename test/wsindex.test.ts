// The workspace's index of names, and the lookups and pairs read from it, must answer exactly
// what a plain scan of every document answers: after random workspaces are built and then edited
// in place (the index withdraws, posts and moves entries), each answer is compared with one
// computed from the documents alone, without the index.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { compareEstimates, complement } from '../server/src/core/estimative';
import { estimateOf } from '../server/src/core/estimate';
import type { Item, ItemRef, KentDocument, Ref } from '../server/src/core/model';
import { estimatePairs, type EstimatePair } from '../server/src/core/relations';
import { Workspace, relationRefs, type LocatedItem } from '../server/src/core/workspace';
import { filingStepCount } from '../server/src/core/wsindex';
import { PieceText } from '../server/src/core/source';

const host = { readFile: () => ({ ok: false as const, reason: 'missing' as const }) };

// Few names, so that documents share assessment IDs, items share IDs, and references collide.
const AIDS = ['a', 'b'];
const IDS = ['X', 'Y', 'Z', 's'];
const TARGETS = ['X', 'Y', 's', 'a/X', 'a/Y', 'b/X', 'b/s', 'a/s'];

const block = fc.record({
  kind: fc.constantFrom('claim', 'judgment', 'source', 'evidence'),
  id: fc.constantFrom(...IDS),
  likelihood: fc.constantFrom('', 'likely', 'unlikely', 'almost certain', 'remote'),
  sameAs: fc.option(fc.constantFrom(...TARGETS), { nil: undefined }),
  negates: fc.option(fc.constantFrom(...TARGETS), { nil: undefined }),
  because: fc.array(fc.constantFrom(...TARGETS, '@s', '@X'), { maxLength: 3 }),
  link: fc.option(fc.constantFrom(...TARGETS), { nil: undefined }),
});
const prose = fc.record({ link: fc.constantFrom(...TARGETS), cite: fc.constantFrom('s', 'X', 'Y') });
const part = fc.oneof(block, prose);
type Part = typeof part extends fc.Arbitrary<infer P> ? P : never;
const documentText = fc.record({ aid: fc.option(fc.constantFrom(...AIDS), { nil: undefined }), parts: fc.array(part, { maxLength: 7 }) });
type DocumentText = typeof documentText extends fc.Arbitrary<infer D> ? D : never;

function render(d: DocumentText): string {
  const out = d.aid ? [`assessment ${d.aid}: An assessment\n  date: 2025-01`] : [];
  for (const p of d.parts) {
    if (!('kind' in p)) {
      out.push(`Running text names [[${p.link}]] and cites [@${p.cite}].`);
      continue;
    }
    const lines = [`${p.kind} ${p.id}: Borduria will join the conflict${p.link ? ` [[${p.link}]]` : ''}.`];
    if (p.kind === 'evidence') lines.push('  source: s');
    if (p.likelihood && (p.kind === 'claim' || p.kind === 'judgment')) lines.push(`  likelihood: ${p.likelihood}`);
    if (p.sameAs) lines.push(`  same-as: ${p.sameAs}`);
    if (p.negates) lines.push(`  negates: ${p.negates}`);
    if (p.because.length && p.kind !== 'source') lines.push(`  because: ${p.because.join(', ')}`);
    out.push(lines.join('\n'));
  }
  return out.join('\n\n') + '\n';
}

/** An edit of one part: replaced, inserted or removed; the rest of the document stays as it was. */
const edit = fc.record({ doc: fc.nat(3), at: fc.nat(8), how: fc.constantFrom('replace', 'insert', 'remove', 'rename'), with: part, aid: fc.option(fc.constantFrom(...AIDS), { nil: undefined }) });
type Edit = typeof edit extends fc.Arbitrary<infer E> ? E : never;

function apply(d: DocumentText, e: Edit): DocumentText {
  const parts: Part[] = [...d.parts];
  const at = parts.length ? e.at % parts.length : 0;
  if (e.how === 'rename') return { aid: e.aid, parts };
  if (e.how === 'insert' || parts.length === 0) parts.splice(at, 0, e.with);
  else if (e.how === 'replace') parts[at] = e.with;
  else parts.splice(at, 1);
  return { aid: d.aid, parts };
}

// The plain answers: from the documents alone.

function docs(ws: Workspace): KentDocument[] {
  return ws.documents().sort((x, y) => (x.path < y.path ? -1 : x.path > y.path ? 1 : 0));
}

function plainNamed(ws: Workspace, id: string): KentDocument[] {
  return docs(ws).filter((d) => d.assessment?.id === id);
}

function plainResolve(ws: Workspace, from: KentDocument, ref: ItemRef): LocatedItem | undefined {
  const within = ref.doc === undefined || ref.doc === from.assessment?.id ? [from] : plainNamed(ws, ref.doc);
  for (const doc of within) {
    const item = doc.items.find((i) => i.id === ref.id);
    if (item) return { doc, item };
  }
  return undefined;
}

/** Every reference of the workspace, with the item (or paragraph, `undefined`) making it. */
function allRefs(ws: Workspace): Array<{ doc: KentDocument; item?: Item; ref: Ref }> {
  return docs(ws).flatMap((doc) => [
    ...doc.items.flatMap((item) => relationRefs(item).map((ref) => ({ doc, item, ref }))),
    ...doc.prose.flatMap((p) => [...p.links, ...p.citations.flatMap((c) => c.refs)].map((ref) => ({ doc, ref }))),
  ]);
}

/** `@key` and `source:` uses, bare keys that name no item but a source, and `doc/key` names of each source block of the key. */
function plainCitations(ws: Workspace, key: string): number {
  let n = 0;
  for (const { doc, ref } of allRefs(ws)) {
    if (ref.type === 'source') n += ref.key === key ? 1 : 0;
    else if (ref.id !== key) continue;
    else if (ref.doc === undefined) {
      const target = plainResolve(ws, doc, ref);
      if (!target || target.item.kind === 'source') n++;
    } else {
      // A qualified name is the block's when it names the block's document: its own, or another by its assessment ID.
      const own = ref.doc === doc.assessment?.id;
      n += sourceBlocksPlain(ws, key).filter((b) => (own ? b.doc.path === doc.path : b.doc.assessment?.id === ref.doc)).length;
    }
  }
  return n;
}

function sourceBlocksPlain(ws: Workspace, key: string): LocatedItem[] {
  return docs(ws).flatMap((doc) => doc.items.filter((i) => i.kind === 'source' && i.id === key).map((item) => ({ doc, item })));
}

const show = (p: EstimatePair) => `${p.here.doc.path}:${p.here.item.span.start} ${p.relation} ${p.there.doc.path}:${p.there.item.span.start} ${p.ref.span.start} ${p.declaredHere} ${p.verdict}`;

/** The pairs as they were found before the rewrite: through `referrers`, relations item by item. */
function referrerPairs(ws: Workspace, doc: KentDocument, item: Item): string[] {
  if (item.kind !== 'judgment' && item.kind !== 'claim') return [];
  const out: string[] = [];
  const add = (here: LocatedItem, there: LocatedItem, relation: 'same-as' | 'negates', ref: ItemRef, declaredHere: boolean) => {
    const mine = estimateOf(here, ws.config.scale);
    const theirs = estimateOf(there, ws.config.scale);
    if (!mine || !theirs) return;
    const other = relation === 'negates' ? complement(theirs.interval) : theirs.interval;
    out.push(show({ here, there, relation, ref, declaredHere, mine, theirs, verdict: compareEstimates(mine.interval, other) }));
  };
  const relationsOf = (i: Item) => [...(i.sameAs ? [['same-as', i.sameAs] as const] : []), ...(i.negates ? [['negates', i.negates] as const] : [])];
  const here = { doc, item };
  for (const [relation, ref] of relationsOf(item)) {
    const there = ws.resolveItem(doc, ref);
    if (there && there.item !== item) add(here, there, relation, ref, true);
  }
  for (const from of ws.referrers(here)) {
    for (const [relation, ref] of relationsOf(from.item)) {
      if (ws.resolveItem(from.doc, ref)?.item === item && from.item !== item) add(here, from, relation, ref, false);
    }
  }
  return out;
}

function assertIndexAnswers(ws: Workspace): void {
  for (const aid of AIDS) assert.deepEqual([...ws.documentsNamed(aid)], plainNamed(ws, aid), `documents named ${aid}`);
  for (const key of IDS) {
    assert.deepEqual(ws.sourceBlocks(key).map((b) => [b.doc, b.item]), sourceBlocksPlain(ws, key).map((b) => [b.doc, b.item]), `source blocks ${key}`);
    assert.equal(ws.citationCount(key), plainCitations(ws, key), `citations of ${key}`);
  }
  const refs = allRefs(ws);
  for (const { doc, ref } of refs) if (ref.type === 'item') assert.deepEqual(ws.resolveItem(doc, ref), plainResolve(ws, doc, ref), `${doc.path}: ${ref.doc ?? ''}/${ref.id}`);
  for (const doc of ws.documents()) {
    // A document's items by ID, duplicates included, in order.
    for (const id of IDS) assert.deepEqual(ws.itemsIn(doc, id), doc.items.filter((i) => i.id === id), `items ${id} of ${doc.path}`);
    for (const item of doc.items) {
      const here = { doc, item };
      // Who names it: every reference that resolves to it, found through the index.
      const naming = (l: ReadonlyArray<{ doc: KentDocument; ref: Ref }>) => l.filter((e) => e.ref.type === 'item' && plainResolve(ws, e.doc, e.ref)?.item === item).map((e) => `${e.doc.path}:${e.ref.span.start}`).sort();
      assert.deepEqual(naming(ws.refsNaming(here)), naming(refs), `refs naming ${doc.path}#${item.id}`);
      // The pairs, asked twice (the second answer comes from the cache), equal the old computation in order.
      const expected = referrerPairs(ws, doc, item);
      assert.deepEqual(estimatePairs(ws, doc, item).map(show), expected, `pairs of ${doc.path}#${item.id}`);
      assert.deepEqual(estimatePairs(ws, doc, item).map(show), expected, `cached pairs of ${doc.path}#${item.id}`);
    }
  }
}

test('the index, built and then edited in place, answers as a plain scan of the documents', () => {
  fc.assert(
    fc.property(fc.array(documentText, { minLength: 1, maxLength: 4 }), fc.array(edit, { maxLength: 8 }), (texts, edits) => {
      const ws = new Workspace(host);
      ws.loadConfig();
      const current = texts.map((t, i) => [`d${i}.kent`, t] as [string, DocumentText]);
      for (const [p, t] of current) ws.setDocument(p, render(t));
      assertIndexAnswers(ws);
      for (const e of edits) {
        const at = e.doc % current.length;
        current[at][1] = apply(current[at][1], e);
        ws.setDocument(current[at][0], render(current[at][1]));
        assertIndexAnswers(ws);
      }
    }),
    { numRuns: 150, seed: 11 },
  );
});

test('pairs are found from both sides, across documents', () => {
  const ws = new Workspace(host);
  ws.loadConfig();
  ws.setDocument('a.kent', render({ aid: 'a', parts: [{ kind: 'claim', id: 'X', likelihood: 'likely', sameAs: undefined, negates: undefined, because: [], link: undefined }] }));
  ws.setDocument('b.kent', render({ aid: 'b', parts: [{ kind: 'claim', id: 'Y', likelihood: 'unlikely', sameAs: 'a/X', negates: undefined, because: ['a/X'], link: undefined }] }));
  const [a, b] = [ws.getDocument('a.kent')!, ws.getDocument('b.kent')!];
  assert.deepEqual(estimatePairs(ws, a, a.items[1]).map((p) => [p.there.item.id, p.declaredHere, p.verdict]), [['Y', false, 'contradiction']]);
  assert.deepEqual(estimatePairs(ws, b, b.items[1]).map((p) => [p.there.item.id, p.declaredHere, p.verdict]), [['X', true, 'contradiction']]);
  assertIndexAnswers(ws);
});

test('a resolved file path is the one a workspace asked for the first time gives', () => {
  const paths = ['sources/a.txt', ' sources/a.txt ', '../a.txt', 'x/../../a.txt', '/etc/passwd', 'C:\\a.txt', '~/a', 'https://a.org/b', 'a\\b.txt', '.', 'sub/./b.bib'];
  const texts = ['assessment a: A\n', 'assessment b: B\n'];
  const docPaths = ['top.kent', 'dir/in.kent', 'dir/deeper/in.kent'];
  fc.assert(
    fc.property(fc.array(fc.tuple(fc.nat(docPaths.length - 1), fc.nat(paths.length - 1), fc.nat(texts.length - 1)), { minLength: 1, maxLength: 30 }), (asks) => {
      const ws = new Workspace(host);
      for (const [d, p, t] of asks) {
        // Documents change (or go) between questions: each answer is still that of an unasked workspace.
        const doc = ws.setDocument(docPaths[d], texts[t]);
        const fresh = new Workspace(host);
        assert.deepEqual(ws.resolvePath(doc, paths[p]), fresh.resolvePath(fresh.setDocument(docPaths[d], texts[t]), paths[p]), `${paths[p]} from ${docPaths[d]}`);
        if (t === 1) ws.removeDocument(docPaths[(d + 1) % docPaths.length]);
      }
    }),
    { numRuns: 100, seed: 5 },
  );
});

test('blocks pasted above many references to one item are filed in order at the cost of one pass, not one pass per reference', () => {
  const blocks = (from: number, n: number, cite: string) => Array.from({ length: n }, (_, i) => `claim C${from + i}: Thing ${from + i} happens.\n  because: ${cite}\n\n`).join('');
  const a = 'assessment a: A\n\nevidence E1: Seen.\n\n' + blocks(0, 2000, 'E1');
  const b = 'assessment b: B\n\n' + blocks(0, 2000, 'a/E1');
  const ws = new Workspace(host);
  ws.setDocument('a.kent', PieceText.of(a));
  ws.setDocument('b.kent', PieceText.of(b));
  const paste = (p: string, text: string, cite: string) => {
    const now = ws.getDocument(p)!.source as PieceText;
    const at = text.indexOf('claim C0');
    return ws.setDocument(p, now.edit(at, at, blocks(5000, 500, cite))).source.toString();
  };
  const before = filingStepCount();
  const [a2, b2] = [paste('a.kent', a, 'E1'), paste('b.kent', b, 'a/E1')];
  // Each of the 1,000 references pasted would otherwise pass over the 2,000 already filed: ~4,000,000 steps.
  const steps = filingStepCount() - before;
  assert.ok(steps < 100_000, `steps to file 1,000 references among 4,000: ${steps}`);
  // In the order a fresh index files them.
  const fresh = new Workspace(host);
  fresh.setDocument('a.kent', a2);
  fresh.setDocument('b.kent', b2);
  const naming = (w: Workspace) => {
    const doc = w.getDocument('a.kent')!;
    return w.refsNaming({ doc, item: doc.items[1] }).map((e) => `${e.doc.path}:${e.ref.span.start}`);
  };
  assert.equal(naming(ws).length, 5000);
  assert.deepEqual(naming(ws), naming(fresh));
  assertIndexAnswers(ws);
});
