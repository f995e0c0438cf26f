// Files moved in the editor keep `file:` and `bibliography:` paths true: the paths naming a moved
// source, bibliography or folder, and a moved document's own relative paths, are rewritten.
import assert from 'node:assert/strict';
import { test } from 'node:test';
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
