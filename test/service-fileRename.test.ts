// Files moved in the editor keep `file:` and `bibliography:` paths true: the paths naming a moved
// source, bibliography or folder, and a moved document's own relative paths, are rewritten.
import assert from 'node:assert/strict';
import { posix } from 'node:path';
import { test } from 'node:test';
import { generateWorkspace, rng } from '../bench/generate.mjs';
import { localFiles } from '../server/src/core/localFiles';
import { pathEditsForRenames, type PathRename } from '../server/src/core/service/fileRename';
import { Workspace } from '../server/src/core/workspace';

const A = [
  'assessment a: A',
  '  bibliography: refs.bib',
  '',
  'source s1: Report',
  '  file: sources/report.txt',
  '',
  'source s2: Memo',
  '  file: ./sources/memo.txt',
  '',
  'source s3: Outside',
  '  file: ../elsewhere.txt',
  '',
].join('\n');
const B = 'assessment b: B\n  bibliography: ../refs.bib\n\nsource s4: Report again\n  file: ../sources/report.txt\n';

function after(renames: PathRename[]): Record<string, string> {
  const ws = new Workspace({ readFile: () => ({ ok: false, reason: 'missing' }) });
  ws.loadConfig();
  const texts: Record<string, string> = { 'a.kent': A, 'sub/b.kent': B };
  for (const [p, t] of Object.entries(texts)) ws.setDocument(p, t);
  const out = { ...texts };
  const edits = pathEditsForRenames(ws, renames).sort((x, y) => y.span.start - x.span.start);
  for (const e of edits) out[e.path] = out[e.path].slice(0, e.span.start) + e.newText + out[e.path].slice(e.span.end);
  return out;
}

test('a source file renamed: every path naming it, from any document, names the new one', () => {
  const out = after([{ from: 'sources/report.txt', to: 'sources/2024/report-final.txt' }]);
  assert.equal(out['a.kent'], A.replace('file: sources/report.txt', 'file: sources/2024/report-final.txt'));
  assert.equal(out['sub/b.kent'], B.replace('../sources/report.txt', '../sources/2024/report-final.txt'));
});

test('a folder renamed: the paths into it follow, `./` kept as written; a bibliography too', () => {
  const out = after([
    { from: 'sources', to: 'library' },
    { from: 'refs.bib', to: 'bib/refs.bib' },
  ]);
  assert.equal(out['a.kent'], A.replace('file: sources/report.txt', 'file: library/report.txt').replace('./sources/memo.txt', './library/memo.txt').replace('bibliography: refs.bib', 'bibliography: bib/refs.bib'));
  assert.equal(out['sub/b.kent'], B.replace('../sources/report.txt', '../library/report.txt').replace('../refs.bib', '../bib/refs.bib'));
});

test('a document moved: its own relative paths still reach the same files; one moved with its files is left alone', () => {
  const out = after([{ from: 'sub/b.kent', to: 'b.kent' }]);
  assert.equal(out['sub/b.kent'], B.replace('../refs.bib', 'refs.bib').replace('../sources/report.txt', 'sources/report.txt'));
  assert.equal(out['a.kent'], A);
  // The folder with the document and the files it names, all moved: nothing to rewrite.
  const together = after([{ from: 'sub', to: 'deeper/sub' }, { from: 'sources', to: 'deeper/sources' }, { from: 'refs.bib', to: 'deeper/refs.bib' }]);
  assert.equal(together['sub/b.kent'], B);
});

test('nothing moved that a path names, or a path that leaves the workspace: no edit', () => {
  assert.deepEqual(after([{ from: 'notes.txt', to: 'old-notes.txt' }]), { 'a.kent': A, 'sub/b.kent': B });
  assert.equal(after([{ from: 'a.kent', to: 'x/a.kent' }])['a.kent'], A.replace('file: sources/report.txt', 'file: ../sources/report.txt').replace('./sources/memo.txt', '../sources/memo.txt').replace('bibliography: refs.bib', 'bibliography: ../refs.bib'));
});

/** The edits as found by reading every item of every document: what the index must give. */
function scannedEdits(ws: Workspace, renames: readonly PathRename[]): Array<{ path: string; span: { start: number; end: number }; newText: string }> {
  const moved = (p: string) => {
    const r = renames.find((r) => p === r.from || p.startsWith(`${r.from}/`));
    return r ? r.to + p.slice(r.from.length) : p;
  };
  const edits = [];
  for (const doc of ws.documents()) {
    const docAfter = moved(doc.path);
    for (const item of doc.items) {
      for (const f of localFiles(ws, doc, item)) {
        if (!f.resolved.ok) continue;
        const targetAfter = moved(f.resolved.path);
        if (docAfter === doc.path && targetAfter === f.resolved.path) continue;
        const rel = posix.relative(posix.dirname(docAfter), targetAfter);
        const written = f.written.trim().startsWith('./') && !rel.startsWith('../') ? `./${rel}` : rel;
        if (written !== f.written.trim()) edits.push({ path: doc.path, span: f.span, newText: written });
      }
    }
  }
  return edits;
}

/** A generated workspace, with documents in a folder that name files by `../` and `./`. */
function generated(): { ws: Workspace; files: Map<string, string> } {
  const { files } = generateWorkspace({ docs: 12, bytesOf: () => 5000, seed: 5 });
  files.set('a.kent', A);
  files.set('sub/b.kent', B);
  files.set('sub/c.kent', 'assessment c: C\n  bibliography: ../bib/doc-9.bib, ./local.bib\n\nsource s9: Both\n  file: ../sources/' + [...files.keys()].find((p) => p.startsWith('sources/'))!.slice(8) + '\n  bibliography: x.bib\n');
  const ws = new Workspace({ readFile: (p) => (files.has(p) ? { ok: true, text: files.get(p)! } : { ok: false, reason: 'missing' }) });
  ws.loadConfig();
  for (const [p, t] of files) if (p.endsWith('.kent')) ws.setDocument(p, t);
  return { ws, files };
}

/** Random moves of files, folders and documents, one to three at once. */
function randomRenames(random: () => number, files: Map<string, string>): PathRename[] {
  const paths = [...files.keys(), 'sources', 'bib', 'sub', 'sub/local.bib', 'refs.bib', 'nothing.txt'];
  const pick = <T>(a: readonly T[]) => a[Math.floor(random() * a.length)];
  return Array.from({ length: 1 + Math.floor(random() * 3) }, () => {
    const from = pick(paths);
    return { from, to: pick([`moved/${from}`, from.replace(/[^/]+$/, 'renamed.txt'), 'top', `sub/deeper/${from.split('/').pop()}`]) };
  });
}

test('over random moves of a generated workspace, the edits are those a read of every item gives', () => {
  const { ws, files } = generated();
  const random = rng(17);
  let edited = 0;
  for (let k = 0; k < 300; k++) {
    const renames = randomRenames(random, files);
    const edits = pathEditsForRenames(ws, renames);
    assert.deepEqual(edits, scannedEdits(ws, renames), JSON.stringify(renames));
    if (edits.length) edited++;
  }
  assert.ok(edited > 150, `${edited} moves edited something`);
});

test('the paths the index files follow edits: a file: path typed over, a document removed', () => {
  const { ws, files } = generated();
  const source = [...files.keys()].find((p) => p.startsWith('sources/'))!;
  // `file: ../sources/NAME` in sub/c.kent retyped as `file: ../library/NAME`, keystroke by keystroke.
  let text = files.get('sub/c.kent')!;
  const at = text.indexOf('../sources/') + 3;
  for (let k = 0; k < 'sources'.length; k++) {
    text = text.slice(0, at) + text.slice(at + 1);
    ws.setDocument('sub/c.kent', text);
  }
  for (const ch of 'library') {
    const end = text.indexOf('/', at);
    text = text.slice(0, end) + ch + text.slice(end);
    ws.setDocument('sub/c.kent', text);
  }
  // What was typed on the way, and the path typed over, are gone from the index.
  for (const p of [source, 'l', 'li', 'libr', 'library']) {
    for (const { doc, item } of ws.itemsNamingFilesAt(p)) {
      assert.equal(ws.getDocument(doc.path), doc, `${p}: a version gone`);
      assert.ok(doc.items.includes(item), `${p}: an item gone`);
    }
  }
  assert.deepEqual(ws.itemsNamingFilesAt('sources').filter((at) => at.doc.path === 'sub/c.kent').map((at) => at.item.id), []);
  const fromSources = [{ from: 'sources', to: 'srcs' }];
  assert.ok(!pathEditsForRenames(ws, fromSources).some((e) => e.path === 'sub/c.kent'));
  assert.deepEqual(pathEditsForRenames(ws, [{ from: `library/${source.slice(8)}`, to: 'x.txt' }]), [{ path: 'sub/c.kent', span: { start: at - 3, end: at + 'library/'.length + source.length - 8 }, newText: '../x.txt' }]);
  for (const r of [fromSources, [{ from: 'library', to: 'srcs' }], [{ from: 'l', to: 'x' }], [{ from: 'lib', to: 'x' }]]) assert.deepEqual(pathEditsForRenames(ws, r), scannedEdits(ws, r));
  // A document removed: its paths are not edited.
  ws.removeDocument('a.kent');
  for (const r of [[{ from: 'sources', to: 'srcs' }], [{ from: 'refs.bib', to: 'b.bib' }]]) assert.deepEqual(pathEditsForRenames(ws, r), scannedEdits(ws, r));
  assert.ok(!pathEditsForRenames(ws, [{ from: 'refs.bib', to: 'b.bib' }]).some((e) => e.path === 'a.kent'));
});

test('moving one file reads the items of the documents that name it, not every item', () => {
  const { ws, files } = generated();
  let reads = 0;
  for (const d of ws.documents()) {
    const items = d.items;
    Object.defineProperty(d, 'items', { get: () => (reads++, items) });
  }
  const source = [...files.keys()].find((p) => p.startsWith('sources/'))!;
  assert.ok(pathEditsForRenames(ws, [{ from: source, to: 'elsewhere.txt' }]).length > 0);
  assert.equal(reads, 0);
});
