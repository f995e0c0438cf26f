// An editor may send the server files that are not Kent's (a filetype list set too widely): they
// are not read as documents, checked, or added to the workspace, open or closed.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import { test } from 'node:test';
import { LspClient, makeWorkspace } from './lspClient';

test('a Markdown file sent to the server gets no diagnostics, no hover, and names nothing', async () => {
  const notes = 'claim C9: Notes that read like Kent.\n  confidence: sky-high\n';
  const root = makeWorkspace({ 'a.kent': 'assessment a: A\n\nclaim C1: Ports are at risk.\n  because: C9\n', 'notes.md': notes });
  const c = await LspClient.start({ root });
  try {
    const a = await c.waitForDiagnostics(c.uri('a.kent'));
    assert.deepEqual(a.map((d) => d.code), ['unresolved-reference']);
    await c.open(c.uri('notes.md'), notes, 1, 'markdown');
    const hover = await c.request('textDocument/hover', { textDocument: { uri: c.uri('notes.md') }, position: { line: 0, character: 7 } });
    assert.equal(hover, null);
    await c.request('textDocument/definition', { textDocument: { uri: c.uri('notes.md') }, position: { line: 0, character: 7 } });
    await c.close(c.uri('notes.md'));
    // A barrier: the command re-checks everything before it answers.
    await c.request('workspace/executeCommand', { command: 'kent.checkWorkspace', arguments: [] });
    assert.equal(c.diagnostics.get(c.uri('notes.md')), undefined);
    // a.kent's C9 still names nothing: the notes' "claim C9" was never a document.
    assert.deepEqual(c.diagnostics.get(c.uri('a.kent'))?.map((d) => d.code), ['unresolved-reference']);
  } finally {
    await c.stop();
    fs.rmSync(root, { recursive: true, force: true });
  }
});
