// A long run of checks (opening a large workspace) shows its progress in an editor that can show
// work done (`window.workDoneProgress`); a short one, or an editor that cannot, gets none.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import { test } from 'node:test';
import { LspClient, makeWorkspace } from './lspClient';

const doc = (n: number) => `assessment d${n}: Document ${n}\n\nclaim C1: Exports fell [@s].\n\nsource s: Gazette\n  reliability: B\n`;

function workspace(documents: number): string {
  return makeWorkspace(Object.fromEntries(Array.from({ length: documents }, (_, n) => [`d${n}.kent`, doc(n)])));
}

/** Until the server has checked the last document and ended what progress it began. */
async function settled(c: LspClient, documents: number): Promise<void> {
  await c.waitForDiagnostics(c.uri(`d${documents - 1}.kent`), () => true, 20_000);
  await c.request('workspace/executeCommand', { command: 'kent.checkWorkspace', arguments: [] });
  for (const until = Date.now() + 10_000; Date.now() < until && c.progress.filter((p) => p.kind === 'begin').length > c.progress.filter((p) => p.kind === 'end').length; ) await new Promise((r) => setTimeout(r, 20));
}

test('opening a workspace of 80 documents shows "checking 80 documents" until the run ends', async () => {
  const root = workspace(80);
  const c = await LspClient.start({ root, progress: true });
  try {
    await settled(c, 80);
    assert.equal(c.serverRequests.filter((r) => r.method === 'window/workDoneProgress/create').length >= 1, true);
    const begin = c.progress.find((p) => p.kind === 'begin');
    assert.deepEqual([begin?.title, begin?.message, begin?.percentage], ['Kent', 'checking 80 documents', 0]);
    assert.equal(c.progress.filter((p) => p.kind === 'begin').length, c.progress.filter((p) => p.kind === 'end').length);
    for (const p of c.progress.filter((x) => x.kind === 'report')) assert.match(p.message ?? '', /^\d+ of 80 documents$/);
  } finally {
    await c.stop();
    fs.rmSync(root, { recursive: true, force: true });
  }
});

test('a short run, or an editor that cannot show progress, gets none', async () => {
  for (const [documents, progress] of [[10, true], [80, false]] as const) {
    const root = workspace(documents);
    const c = await LspClient.start({ root, progress });
    try {
      await settled(c, documents);
      assert.deepEqual(c.progress, [], `${documents} documents, progress ${progress}`);
      assert.equal(c.serverRequests.some((r) => r.method === 'window/workDoneProgress/create'), false);
    } finally {
      await c.stop();
      fs.rmSync(root, { recursive: true, force: true });
    }
  }
});

test('an editor that answers the progress request with an error still gets every document checked', async () => {
  const root = workspace(60);
  const c = await LspClient.start({ root, progress: true, refuse: ['window/workDoneProgress/create'] });
  try {
    await settled(c, 60);
    assert.equal(c.diagnostics.size >= 60, true);
    assert.deepEqual(c.progress, []);
  } finally {
    await c.stop();
    fs.rmSync(root, { recursive: true, force: true });
  }
});
