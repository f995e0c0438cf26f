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
