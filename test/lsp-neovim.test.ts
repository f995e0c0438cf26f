// What Neovim's built-in client (0.7) does that other clients do not, as the server sees it.
// Found by running the server in a real Neovim; each test says what Neovim does.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { Diagnostic } from 'vscode-languageserver-protocol';
import { LspClient, makeWorkspace } from './lspClient';

const DOC = `assessment errs: Ошибки — Россия 🇷🇺
  date: 2024-09

judgment J1: Россия 🐻 would probably avoid war.
  likelihood: unlikely
  confidence: very high
  because: C9
`;

const codes = (ds: Diagnostic[]) => ds.map((d) => String(d.code)).sort();

describe('Neovim: a buffer unloaded and loaded again', () => {
  let root: string;
  let c: LspClient;
  before(async () => {
    root = makeWorkspace({ 'errs.kent': DOC });
    c = await LspClient.start({ root });
  });
  after(async () => {
    await c.stop();
    fs.rmSync(root, { recursive: true, force: true });
  });

  // Neovim forgets a buffer's diagnostics when it unloads the buffer (`:bdelete`) or detaches
  // the server from it, and sends didClose; opening the file again sends didOpen with the same
  // text. Unless the server publishes again, the file shows no diagnostics, closed or open.
  test('close and reopen with the same text publish the diagnostics again', async () => {
    const uri = c.uri('errs.kent');
    const text = fs.readFileSync(path.join(root, 'errs.kent'), 'utf8');
    await c.open(uri, text);
    const first = await c.waitForDiagnostics(uri, (d) => d.length > 0);
    assert.ok(codes(first).includes('invalid-value'));

    const closed = c.waitForDiagnostics(uri, () => true, 3000, true);
    await c.close(uri);
    assert.deepEqual(codes(await closed), codes(first));

    const reopened = c.waitForDiagnostics(uri, () => true, 3000, true);
    await c.open(uri, text);
    assert.deepEqual(await reopened, first);
  });
});
