// Clients that say little of what they can do (Helix, Kate, older Vim and Emacs clients): LSP's
// defaults apply, and every feature answers in a form such a client can read.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import { after, before, describe, test } from 'node:test';
import type { CodeAction, Command } from 'vscode-languageserver-protocol';
import { LspClient, makeWorkspace, type StartOptions } from './lspClient';

const DOC = `assessment a: Café 中文 🐻
  date: 2024-09

claim C1: Gas storage is full 🐻 [@s1].

judgment J1: Storage will last the winter.
  likelihood: likely
  confidence: very high
  because: C1

claim C1: A second claim with the same ID [@s1].

source s1: Storage report
  reliability: B
`;

function serverFor(options: Omit<StartOptions, 'root'>): () => LspClient {
  let root: string;
  let c: LspClient;
  before(async () => {
    root = makeWorkspace({ 'a.kent': DOC });
    c = await LspClient.start({ root, ...options });
    await c.open(c.uri('a.kent'), DOC);
  });
  after(async () => {
    await c?.stop();
    if (root) fs.rmSync(root, { recursive: true, force: true });
  });
  return () => c;
}

const whole = { start: { line: 0, character: 0 }, end: { line: 15, character: 0 } };

describe('code actions for a client without codeActionLiteralSupport', () => {
  const server = serverFor({ codeActions: 'commands' });

  test('fixes come as commands, which the server applies through workspace/applyEdit', async () => {
    const c = server();
    assert.ok(c.initializeResult.capabilities.executeCommandProvider?.commands.includes('kent.applyFix'));
    const uri = c.uri('a.kent');
    await c.waitForDiagnostics(uri, (d) => d.some((x) => x.code === 'invalid-value'));
    const actions = await c.request<Array<CodeAction | Command>>('textDocument/codeAction', { textDocument: { uri }, range: whole, context: { diagnostics: [] } });
    assert.ok(actions.length > 0);
    for (const a of actions) assert.equal(typeof a.command, 'string', `a Command, not a CodeAction: ${JSON.stringify(a)}`);
    const fix = actions.find((a) => a.title === "Change to 'high'") as Command;
    assert.ok(fix, actions.map((a) => a.title).join('\n'));

    await c.request('workspace/executeCommand', { command: fix.command, arguments: fix.arguments });
    const sent = c.serverRequests.filter((r) => r.method === 'workspace/applyEdit').map((r) => r.params as { label?: string; edit: { changes: Record<string, Array<{ newText: string }>> } });
    assert.equal(sent.length, 1);
    assert.equal(sent[0].label, "Change to 'high'");
    assert.deepEqual(sent[0].edit.changes[uri].map((e) => e.newText), ['high']);
  });

  test('a command handed back with anything but a fix is refused, not applied', async () => {
    const c = server();
    await assert.rejects(c.request('workspace/executeCommand', { command: 'kent.applyFix', arguments: ['nonsense'] }), /takes the fix/);
  });
});

describe('code actions for a client that reads neither code actions nor workspace/applyEdit', () => {
  const server = serverFor({ codeActions: 'none' });

  test('none are offered (a CodeAction it cannot read, or a command it cannot apply, would fail in the editor)', async () => {
    const c = server();
    const uri = c.uri('a.kent');
    await c.waitForDiagnostics(uri, (d) => d.some((x) => x.code === 'invalid-value'));
    assert.deepEqual(await c.request('textDocument/codeAction', { textDocument: { uri }, range: whole, context: { diagnostics: [] } }), []);
    assert.ok(!c.initializeResult.capabilities.executeCommandProvider?.commands.includes('kent.applyFix'));
  });
});

describe('diagnostics for a client without relatedInformation', () => {
  const server = serverFor({ plain: true });

  test('the message says where the related item is, as kent check names a place', async () => {
    const c = server();
    const d = await c.waitForDiagnostics(c.uri('a.kent'), (ds) => ds.some((x) => x.code === 'duplicate-id'));
    const dup = d.find((x) => x.code === 'duplicate-id')!;
    assert.equal(dup.relatedInformation, undefined);
    assert.equal(dup.message, 'C1 is already defined in this document; IDs must be unique within a document\na.kent:4:7: first definition of C1');
  });
});

describe('a client that names no root (rootUri null, no folders)', () => {
  const server = serverFor({ rootAs: 'none' });

  test('the document is checked alone, and the editor is told so once: what it names beside it reads as unresolved', async () => {
    const c = server();
    const other = c.uri('b.kent');
    await c.waitForDiagnostics(c.uri('a.kent'), (d) => d.some((x) => x.code === 'duplicate-id'));
    await c.open(other, 'assessment b: B\n\nclaim C1: Names [[a/C1]].\n  because: a/C1\n');
    await c.waitForDiagnostics(other);
    const told = c.messages.filter((m) => m.message.includes('checked alone'));
    assert.equal(told.length, 1, JSON.stringify(c.messages));
    assert.match(told[0].message, /a\.kent is outside the workspace folders, so it is checked alone: the documents beside it are not read/);
    assert.equal(c.logs.filter((m) => m.message.includes('checked alone')).length, 1, 'b.kent shares a.kent\'s folder: said once');
  });
});

describe('completion and symbol kinds for a client that lists none (LSP 1 kinds only)', () => {
  const server = serverFor({ firstKindsOnly: true });

  test('a later kind (a term, a source, an assumption) comes as the nearest of the first version', async () => {
    const c = server();
    const uri = c.uri('a.kent');
    const lines = DOC.split('\n');
    const at = (needle: string, add: number) => ({ line: lines.findIndex((l) => l.includes(needle)), character: lines.find((l) => l.includes(needle))!.indexOf(needle) + add });
    const terms = await c.request<Array<{ label: string; kind: number }>>('textDocument/completion', { textDocument: { uri }, position: at('likelihood: likely', 12) });
    assert.ok(terms.some((i) => i.label === 'likely'), JSON.stringify(terms));
    const sources = await c.request<Array<{ label: string; kind: number }>>('textDocument/completion', { textDocument: { uri }, position: at('[@s1]', 2) });
    assert.ok(sources.some((i) => i.label.includes('s1')), JSON.stringify(sources));
    const symbols = await c.request<Array<{ kind: number }>>('textDocument/documentSymbol', { textDocument: { uri } });
    const workspace = await c.request<Array<{ kind: number }>>('workspace/symbol', { query: '' });
    for (const k of [...terms, ...sources, ...symbols, ...workspace].map((x) => x.kind)) assert.ok(k >= 1 && k <= 18, `kind ${k}`);
  });
});

describe('a client that names no root, and sends the server a file that is no Kent document', () => {
  let root: string;
  let c: LspClient;
  before(async () => {
    root = makeWorkspace({ 'notes/readme.md': '# Notes\n' });
    c = await LspClient.start({ root, rootAs: 'none' });
  });
  after(async () => {
    await c?.stop();
    if (root) fs.rmSync(root, { recursive: true, force: true });
  });

  test('is not said to be checked alone: Kent does not check it at all', async () => {
    const uri = c.uri('notes/readme.md');
    await c.open(uri, '# Notes\n', 1, 'markdown');
    await c.request('textDocument/hover', { textDocument: { uri }, position: { line: 0, character: 2 } });
    await c.request('textDocument/documentSymbol', { textDocument: { uri } });
    assert.deepEqual([...c.logs, ...c.messages].filter((m) => m.message.includes('checked alone')), []);
    // A Kent document beside it is.
    await c.open(c.uri('notes/a.kent'), 'assessment a: A\n');
    await c.waitForDiagnostics(c.uri('notes/a.kent'));
    assert.match(c.messages.find((m) => m.message.includes('checked alone'))?.message ?? '', /a\.kent is outside the workspace folders/);
  });
});
