// References, rename and highlights of assessment IDs and items come from the workspace index.
// Over many random positions of a generated workspace they must equal a full scan of every
// document, and stay equal as the index is updated: a ref typed, a document removed, an
// assessment renamed.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { generateWorkspace, rng } from '../bench/generate.mjs';
import type { Item, KentDocument } from '../server/src/core/model';
import { highlights, references, rename, targetAt } from '../server/src/core/service/navigation';
import type { Span } from '../server/src/core/types';
import { Workspace } from '../server/src/core/workspace';
import { documentRefs, relationRefs } from '../server/src/core/wsindex';

interface Found {
  path: string;
  span: Span;
  nameSpan: Span;
  isDefinition: boolean;
}

/** The occurrences of an assessment ID, by reading every item and paragraph of every document. */
function scanAssessment(id: string, docs: readonly KentDocument[]): Found[] {
  const found: Found[] = [];
  for (const d of docs) {
    const prefix = (r: { type: string; doc?: string; span: Span }) => {
      if (r.type !== 'item' || r.doc !== id) return;
      const span = { start: r.span.start, end: r.span.start + id.length };
      found.push({ path: d.path, span, nameSpan: span, isDefinition: false });
    };
    for (const item of d.items) {
      if (item === d.assessment && item.id === id) found.push({ path: d.path, span: item.idSpan, nameSpan: item.idSpan, isDefinition: true });
      for (const r of item.supersedes) if (r.id === id) found.push({ path: d.path, span: r.span, nameSpan: r.span, isDefinition: false });
      relationRefs(item).forEach(prefix);
    }
    for (const p of d.prose) p.links.forEach(prefix);
  }
  return deduped(found);
}

/** The occurrences of an item, by resolving every ref of every document; sorted by place. */
function scanItem(ws: Workspace, owner: KentDocument, item: Item, docs: readonly KentDocument[]): Found[] {
  const found: Found[] = docs.includes(owner) ? [{ path: owner.path, span: item.idSpan, nameSpan: item.idSpan, isDefinition: true }] : [];
  for (const d of docs) {
    for (const { ref } of documentRefs(d)) {
      if (ref.type === 'item' && ws.resolveItem(d, ref)?.item === item) found.push({ path: d.path, span: ref.span, nameSpan: { start: ref.span.end - ref.id.length, end: ref.span.end }, isDefinition: false });
    }
  }
  return sortedByPlace(deduped(found));
}

function deduped(list: Found[]): Found[] {
  const seen = new Set<string>();
  return list.filter((o) => {
    const k = `${o.path}:${o.nameSpan.start}`;
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}
const sortedByPlace = <T extends { path: string; span: Span }>(list: T[]) => [...list].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : a.span.start - b.span.start));

/** What the full scan finds for the target at `offset`, or undefined where it is neither an assessment nor an item. */
function scanned(ws: Workspace, doc: KentDocument, offset: number, docs: readonly KentDocument[]): { found: Found[]; ordered: boolean } | undefined {
  const t = targetAt(ws, doc, offset);
  if (t?.kind === 'assessment') return { found: scanAssessment(t.id, docs), ordered: true };
  if (t?.kind === 'item') return { found: scanItem(ws, t.at.doc, t.at.item, docs), ordered: false };
  if (t?.kind === 'source' && t.evidence && t.span === t.evidence.idSpan) return { found: scanItem(ws, doc, t.evidence, docs), ordered: false };
  return undefined;
}

/** Positions worth asking at: on and at the edges of IDs and refs, and anywhere at all. */
function positions(ws: Workspace, random: () => number, n: number): Array<[KentDocument, number]> {
  const docs = ws.documents();
  const out: Array<[KentDocument, number]> = [];
  while (out.length < n) {
    const d = docs[Math.floor(random() * docs.length)];
    const spans: Span[] = [];
    for (const item of d.items) spans.push(item.idSpan, ...item.supersedes.map((r) => r.span), ...relationRefs(item).map((r) => r.span));
    for (const p of d.prose) spans.push(...p.links.map((r) => r.span));
    const s = spans[Math.floor(random() * spans.length)];
    out.push(random() < 0.1 ? [d, Math.floor(random() * d.text.length)] : [d, s.start + Math.floor(random() * (s.end - s.start + 1))]);
  }
  return out;
}

/** References, highlights and rename at random positions equal the full scan. How many positions had a target. */
function assertAsScanned(ws: Workspace, seed: number, n = 250): number {
  const random = rng(seed);
  let asked = 0;
  for (const [doc, offset] of positions(ws, random, n)) {
    const scan = scanned(ws, doc, offset, ws.documents());
    if (!scan) continue;
    asked++;
    const where = `${doc.path}@${offset}`;
    const refs = references(ws, doc, offset, true);
    const expected = scan.found.map(({ path, span }) => ({ path, span }));
    assert.deepEqual(scan.ordered ? refs : sortedByPlace(refs), expected, `references at ${where}`);
    const inDoc = sortedByPlace(scanned(ws, doc, offset, [doc])!.found).map(({ span, isDefinition }) => ({ span, isDefinition }));
    assert.deepEqual(highlights(ws, doc, offset), inDoc, `highlights at ${where}`);
    const r = rename(ws, doc, offset, 'Renamed-x');
    if ('error' in r) continue;
    const edits = r.edits.filter((e) => e.newText === 'Renamed-x').map(({ path, span }) => ({ path, span }));
    const names = scan.found.map(({ path, nameSpan }) => ({ path, span: nameSpan }));
    assert.deepEqual(scan.ordered ? edits : sortedByPlace(edits), names, `rename at ${where}`);
  }
  return asked;
}

/** What the index holds of an assessment ID is current and names it: nothing of a version gone or of text typed over. */
function assertNoStale(ws: Workspace, ids: readonly string[]): void {
  for (const id of ids) {
    const { blocks, refs } = ws.namersOfAssessment(id);
    for (const { doc, item } of blocks) {
      assert.equal(ws.getDocument(doc.path), doc, `${id}: a block of a version gone`);
      assert.ok(doc.items.includes(item) && ((item === doc.assessment && item.id === id) || item.supersedes.some((r) => r.id === id)), `${id}: ${item.id} of ${doc.path}`);
    }
    for (const { doc, item, ref } of refs) {
      assert.equal(ws.getDocument(doc.path), doc, `${id}: a ref of a version gone`);
      const written = item ? doc.items.includes(item) && relationRefs(item).includes(ref) : doc.prose.some((p) => p.links.includes(ref));
      assert.ok(written && ref.doc === id, `${id}: ${ref.doc}/${ref.id} in ${doc.path}`);
    }
  }
}

const itemIds = (text: string) => [...text.matchAll(/^(?:judgment|claim|assumption|evidence) ([A-Za-z][\w-]*):/gm)].map((m) => m[1]);

/**
 * A generated workspace, with more ways of naming an assessment than the generator writes:
 * `supersedes:`, refs `doc/ID` into other documents and into their own, to IDs that are not
 * there, in relations and in prose, and two documents with one assessment ID.
 */
function workspace(): { ws: Workspace; texts: Map<string, string> } {
  const { files } = generateWorkspace({ docs: 16, bytesOf: (d) => 4000 + d * 700, seed: 7 });
  const random = rng(11);
  const docs = [...files.keys()].filter((p) => p.endsWith('.kent'));
  const ids = new Map(docs.map((p) => [p.replace('.kent', ''), itemIds(files.get(p)!)]));
  const anyRef = (name: string) => `${name}/${random() < 0.2 ? 'NOPE' : ids.get(name)![Math.floor(random() * ids.get(name)!.length)]}`;
  const other = (i: number) => `doc-${(i + 1 + Math.floor(random() * (docs.length - 1))) % docs.length}`;
  docs.forEach((p, i) => {
    const self = `doc-${i}`;
    let text = files.get(p)!;
    if (i % 3 === 1) text = text.replace(/\n/, `\n  supersedes: ${other(i)}${i % 2 ? `, ${other(i)}` : ''}\n`);
    text += `\nSee [[${anyRef(other(i))}]], [[${anyRef(self)}]] and [[${anyRef(other(i))}]].\n`;
    text += `\nclaim X-${i}: Extra links.\n  because: ${anyRef(other(i))}, ${anyRef(self)}\n  same-as: ${anyRef(other(i))}\n  contradicts: ${anyRef(other(i))}\n`;
    files.set(p, text);
  });
  files.set('doc-15.kent', files.get('doc-15.kent')!.replace('assessment doc-15:', 'assessment doc-14:'));
  const ws = new Workspace({ readFile: (p) => (files.has(p) && !p.endsWith('.kent') ? { ok: true, text: files.get(p)! } : { ok: false, reason: 'missing' }) });
  ws.loadConfig();
  const texts = new Map<string, string>();
  for (const p of docs) {
    ws.setDocument(p, files.get(p)!);
    texts.set(p, files.get(p)!);
  }
  return { ws, texts };
}

/** Type `what` into the document at `at`, one keystroke at a time, as the editor sends it. */
function type(ws: Workspace, texts: Map<string, string>, path: string, at: number, what: string): void {
  for (let k = 1; k <= what.length; k++) {
    const text = texts.get(path)!;
    texts.set(path, text.slice(0, at + k - 1) + what[k - 1] + text.slice(at + k - 1));
    ws.setDocument(path, texts.get(path)!);
  }
}

test('references, highlights and rename of assessments and items equal a full scan at random positions', () => {
  const { ws } = workspace();
  const asked = assertAsScanned(ws, 1, 1000);
  assert.ok(asked > 600, `${asked} positions had a target`);
  // The workspace names assessments in every way the scan reads.
  const doc = ws.getDocument('doc-2.kent')!;
  const found = references(ws, doc, doc.assessment!.idSpan.start, true).map((l) => ws.getDocument(l.path)!.text.slice(l.span.start - 2, l.span.end + 1));
  assert.ok(found.some((s) => s.startsWith(': ')) && found.some((s) => s.startsWith('[[')) && found.some((s) => s.endsWith('/')), found.join(' | '));
});

test('the index stays as the full scan after a ref is typed, a document removed and an assessment renamed', () => {
  const { ws, texts } = workspace();
  // A paragraph naming other assessments, and a supersedes: line, typed keystroke by keystroke.
  const four = texts.get('doc-4.kent')!;
  type(ws, texts, 'doc-4.kent', four.length, '\nAs [[doc-9/KJ1]] and [[doc-4/X-4]] said, [[doc-12/X-12]].\n');
  type(ws, texts, 'doc-4.kent', four.indexOf('\n') + 1, '  supersedes: doc-3, doc-14\n');
  assert.ok(references(ws, ws.getDocument('doc-3.kent')!, texts.get('doc-3.kent')!.indexOf('doc-3'), false).some((l) => l.path === 'doc-4.kent'));
  assertAsScanned(ws, 2);
  // A ref's prefix typed over: `doc-12/` becomes `doc-13/`.
  const at = texts.get('doc-4.kent')!.lastIndexOf('doc-12/') + 5;
  texts.set('doc-4.kent', texts.get('doc-4.kent')!.slice(0, at) + texts.get('doc-4.kent')!.slice(at + 1));
  ws.setDocument('doc-4.kent', texts.get('doc-4.kent')!);
  type(ws, texts, 'doc-4.kent', at, '3');
  assertAsScanned(ws, 3);
  // A document that others name, removed.
  ws.removeDocument('doc-9.kent');
  texts.delete('doc-9.kent');
  assertAsScanned(ws, 4);
  // An assessment renamed everywhere, as the editor applies the edits.
  const six = ws.getDocument('doc-6.kent')!;
  const r = rename(ws, six, six.assessment!.idSpan.start, 'doc-six');
  assert.ok('edits' in r && r.edits.length > 1);
  for (const path of new Set(r.edits.map((e) => e.path))) {
    const text = r.edits.filter((e) => e.path === path).sort((a, b) => b.span.start - a.span.start).reduce((t, e) => t.slice(0, e.span.start) + e.newText + t.slice(e.span.end), texts.get(path)!);
    texts.set(path, text);
    ws.setDocument(path, text);
  }
  const renamed = ws.getDocument('doc-6.kent')!;
  assert.equal(references(ws, renamed, renamed.assessment!.idSpan.start, true).length, r.edits.length);
  assert.deepEqual(references(ws, renamed, renamed.assessment!.idSpan.start, true), scanAssessment('doc-six', ws.documents()).map(({ path, span }) => ({ path, span })));
  assert.equal(scanAssessment('doc-6', ws.documents()).length, 0);
  assertAsScanned(ws, 5);
  // What was typed on the way (`doc-1` before `doc-14`, `doc-12/` before it became `doc-13/`) is gone from the index.
  assertNoStale(ws, ['d', 'do', 'doc', 'doc-', 'doc-1', 'doc-3', 'doc-6', 'doc-9', 'doc-12', 'doc-13', 'doc-14', 'doc-six']);
  assert.ok(ws.namersOfAssessment('doc-14').blocks.some((b) => b.doc.path === 'doc-4.kent'));
});

test('references of an assessment read only the documents that name it', () => {
  const { ws } = workspace();
  let reads = 0;
  for (const d of ws.documents()) {
    const items = d.items;
    Object.defineProperty(d, 'items', { get: () => (reads++, items) });
  }
  const doc = ws.getDocument('doc-5.kent')!;
  const found = references(ws, doc, doc.assessment!.idSpan.start, true);
  const naming = new Set(found.map((l) => l.path));
  assert.ok(naming.size > 1 && naming.size < ws.documentCount, [...naming].join(' '));
  // Its own document's items are read to find the target; no other document's, naming it or not.
  assert.ok(reads <= 2, `${reads} reads of items`);
});
