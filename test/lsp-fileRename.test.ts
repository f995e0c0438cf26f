// A file moved in the editor: the server answers `workspace/willRenameFiles` with the edits that
// keep the `file:` paths naming it true, in the document as the editor has it.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import { test } from 'node:test';
import type { WorkspaceEdit } from 'vscode-languageserver-protocol';
import { LspClient, makeWorkspace } from './lspClient';

const A = 'assessment a: A\n\nsource s1: Report\n  file: sources/report.txt\n';

test('willRenameFiles: a source moved, its file: path follows (unsaved text included); a move of an unnamed file edits nothing', async () => {
  const root = makeWorkspace({ 'a.kent': A, 'sources/report.txt': 'Text.\n', 'notes.txt': 'x\n' });
  const c = await LspClient.start({ root });
  try {
    await c.waitForDiagnostics(c.uri('a.kent'));
    // Unsaved: a line added above moves the path down a line.
    await c.open(c.uri('a.kent'), '// draft\n' + A, 1);
    const edit = await c.request<WorkspaceEdit | null>('workspace/willRenameFiles', { files: [{ oldUri: c.uri('sources'), newUri: c.uri('library/2024') }] });
    const changes = Object.entries(edit?.changes ?? {}).flatMap(([uri, es]) => es.map((e) => `${uri.split('/').pop()} ${e.range.start.line}:${e.range.start.character}-${e.range.end.line}:${e.range.end.character} ${e.newText}`));
    assert.deepEqual(changes, ['a.kent 4:8-4:26 library/2024/report.txt']);
    assert.equal(await c.request('workspace/willRenameFiles', { files: [{ oldUri: c.uri('notes.txt'), newUri: c.uri('old-notes.txt') }] }), null);
  } finally {
    await c.stop();
    fs.rmSync(root, { recursive: true, force: true });
  }
});

test('didRenameFiles, didDeleteFiles: a folder moved or deleted in the editor (told by the folder alone) is read again, documents in it too', async () => {
  // The path already names where the folder goes (willRenameFiles rewrote it before the move).
  const moved = 'assessment a: A\n\nevidence E1: Said.\n  source: s1\n  quote: "Text"\n\nsource s1: Report\n  file: library/report.txt\n';
  const root = makeWorkspace({ 'a.kent': moved, 'sources/report.txt': 'Text.\n', 'drafts/b.kent': 'assessment b: B\n\nclaim B1: Alone.\n' });
  // As VS Code's extension: it watches files itself (the server does not), and sends no event here.
  const c = await LspClient.start({ root, initializationOptions: { trusted: true } });
  try {
    const codes = (ds: Array<{ code?: unknown }>) => ds.map((d) => String(d.code));
    assert.deepEqual(codes(await c.waitForDiagnostics(c.uri('a.kent'), (ds) => ds.length > 0)), ['source-file-missing']);
    await c.waitForDiagnostics(c.uri('drafts/b.kent'), (ds) => ds.length > 0);
    fs.renameSync(`${root}/sources`, `${root}/library`);
    fs.renameSync(`${root}/drafts`, `${root}/notes`);
    c.notify('workspace/didRenameFiles', { files: [{ oldUri: c.uri('sources'), newUri: c.uri('library') }, { oldUri: c.uri('drafts'), newUri: c.uri('notes') }] });
    assert.deepEqual(await c.waitForDiagnostics(c.uri('a.kent'), (ds) => ds.length === 0, 10_000), []);
    // The document moved with its folder: checked at its new path, its old one cleared.
    await c.waitForDiagnostics(c.uri('notes/b.kent'), (ds) => codes(ds).includes('unsupported-claim'), 10_000);
    await c.waitForDiagnostics(c.uri('drafts/b.kent'), (ds) => ds.length === 0, 10_000);
    fs.rmSync(`${root}/library`, { recursive: true });
    c.notify('workspace/didDeleteFiles', { files: [{ uri: c.uri('library') }] });
    assert.deepEqual(codes(await c.waitForDiagnostics(c.uri('a.kent'), (ds) => ds.length > 0, 10_000)), ['source-file-missing']);
  } finally {
    await c.stop();
    fs.rmSync(root, { recursive: true, force: true });
  }
});
