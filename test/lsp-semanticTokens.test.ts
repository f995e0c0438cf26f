// Semantic tokens through the server: offered to an editor that takes them and has no grammar of
// its own for Kent (Neovim, Kate, …); not to the VS Code extension, which colours with its TextMate grammar.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import { test } from 'node:test';
import { parseDocument } from '../server/src/core/parser';
import { semanticTokens, TOKEN_TYPES } from '../server/src/core/service/semanticTokens';
import { LspClient, makeWorkspace } from './lspClient';

const A = 'assessment a: A\n\n// a note\nclaim C1: Ports are at risk [@s].\n  likelihood: likely\n\nsource s: Gazette\n  reliability: B\n';

test('an editor that takes semantic tokens gets the legend and each document\'s tokens, open or closed', async () => {
  const root = makeWorkspace({ 'a.kent': A });
  const c = await LspClient.start({ root, semanticTokens: true });
  try {
    const provider = c.initializeResult.capabilities.semanticTokensProvider as { legend: { tokenTypes: string[] }; full: boolean };
    assert.deepEqual(provider.legend.tokenTypes, [...TOKEN_TYPES]);
    assert.equal(provider.full, true);
    const closed = await c.request<{ data: number[] }>('textDocument/semanticTokens/full', { textDocument: { uri: c.uri('a.kent') } });
    assert.deepEqual(closed.data, semanticTokens(parseDocument('a.kent', A)));
    // Open and edited: the editor's text.
    const edited = A.replace('claim C1', 'claim C22');
    await c.open(c.uri('a.kent'), edited);
    const open = await c.request<{ data: number[] }>('textDocument/semanticTokens/full', { textDocument: { uri: c.uri('a.kent') } });
    assert.deepEqual(open.data, semanticTokens(parseDocument('a.kent', edited)));
    assert.notDeepEqual(open.data, closed.data);
  } finally {
    await c.stop();
    fs.rmSync(root, { recursive: true, force: true });
  }
});

test('the VS Code extension (it says `trusted`), or an editor that takes no tokens, is offered none', async () => {
  for (const options of [{ semanticTokens: true, initializationOptions: { trusted: true } }, { semanticTokens: false }]) {
    const root = makeWorkspace({ 'a.kent': A });
    const c = await LspClient.start({ root, ...options });
    try {
      assert.equal(c.initializeResult.capabilities.semanticTokensProvider, undefined, JSON.stringify(options));
    } finally {
      await c.stop();
      fs.rmSync(root, { recursive: true, force: true });
    }
  }
});
