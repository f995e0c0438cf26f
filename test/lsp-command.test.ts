// `kent.checkWorkspace` (the extension's "Kent: Check Workspace", and what the VS Code suite uses
// to compare the editor with `kent check`): its counts are of every document of the workspace.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import { test } from 'node:test';
import { LspClient, makeWorkspace } from './lspClient';

test('kent.checkWorkspace counts every document even when an edit arrives while it runs', async () => {
  // Each document has one error. The edit stops the command's run part way (its own run comes
  // later); the command had answered with the counts of the documents checked until then.
  const n = 400;
  const files: Record<string, string> = {};
  for (let i = 0; i < n; i++) files[`d${i}.kent`] = `assessment d${i}: D${i}\n\nclaim C1: Ports on route ${i} are at risk.\n  because: C9\n`;
  const root = makeWorkspace(files);
  const c = await LspClient.start({ root });
  try {
    const uri = c.uri('d0.kent');
    await c.open(uri, files['d0.kent']);
    const answer = c.request<{ files: number; errors: number }>('workspace/executeCommand', { command: 'kent.checkWorkspace', arguments: [] });
    await c.change(uri, 2, files['d0.kent'].replace('C9', 'C9, C8'));
    const counts = await answer;
    assert.equal(counts.files, n);
    assert.ok(counts.errors >= n, `${counts.errors} errors counted, of at least ${n}`);
  } finally {
    await c.stop();
    fs.rmSync(root, { recursive: true, force: true });
  }
});
