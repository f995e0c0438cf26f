// The chain of support through the protocol's call hierarchy: prepare on an ID or a citation,
// outgoing calls (what it stands on) and incoming calls (what stands on it), with the refs as the
// ranges the editor highlights, across documents and into a bibliography.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import { test } from 'node:test';
import type { CallHierarchyIncomingCall, CallHierarchyItem, CallHierarchyOutgoingCall, Range } from 'vscode-languageserver-protocol';
import { LspClient, makeWorkspace } from './lspClient';

const A = 'assessment a: A\n  bibliography: refs.bib\n\njudgment KJ1: Ports will likely close.\n  likelihood: likely\n  because: C1, b/B1\n\nclaim C1: Ports are at risk [@smith].\n';
const B = 'assessment b: B\n  bibliography: refs.bib\n\nclaim B1: Shipping is down.\n  because: @smith\n';
const BIB = '@book{smith, title = {The Ports}, author = {Smith, Ann}, year = {2020}}\n';
const fmt = (r: Range) => `${r.start.line}:${r.start.character}-${r.end.line}:${r.end.character}`;
const file = (uri: string) => uri.split('/').pop();

test('call hierarchy: a judgment\'s support down to the bibliography, and back up from the entry', async () => {
  const root = makeWorkspace({ 'a.kent': A, 'b.kent': B, 'refs.bib': BIB });
  const c = await LspClient.start({ root });
  try {
    await c.waitForDiagnostics(c.uri('a.kent'));
    const [kj1] = await c.request<CallHierarchyItem[]>('textDocument/prepareCallHierarchy', { textDocument: { uri: c.uri('a.kent') }, position: { line: 3, character: 10 } });
    assert.deepEqual([kj1.name, kj1.detail, file(kj1.uri), fmt(kj1.selectionRange)], ['KJ1', 'Ports will likely close.', 'a.kent', '3:9-3:12']);

    const out = await c.request<CallHierarchyOutgoingCall[]>('callHierarchy/outgoingCalls', { item: kj1 });
    assert.deepEqual(out.map((o) => `${o.to.name} ${file(o.to.uri)} from ${o.fromRanges.map(fmt).join(',')}`), ['C1 a.kent from 5:11-5:13', 'B1 b.kent from 5:15-5:19']);

    const c1 = out[0].to;
    const [entry] = (await c.request<CallHierarchyOutgoingCall[]>('callHierarchy/outgoingCalls', { item: c1 })).map((o) => o.to);
    assert.deepEqual([entry.name, entry.detail, file(entry.uri), fmt(entry.selectionRange)], ['smith', 'The Ports · Smith, Ann · 2020', 'refs.bib', '0:6-0:11']);

    const up = await c.request<CallHierarchyIncomingCall[]>('callHierarchy/incomingCalls', { item: entry });
    assert.deepEqual(up.map((i) => `${i.from.name} ${file(i.from.uri)} from ${i.fromRanges.map(fmt).join(',')}`).sort(), ['B1 b.kent from 4:12-4:17', 'C1 a.kent from 7:30-7:35']);

    // Off any name: nothing to show.
    assert.equal(await c.request('textDocument/prepareCallHierarchy', { textDocument: { uri: c.uri('a.kent') }, position: { line: 3, character: 20 } }), null);
  } finally {
    await c.stop();
    fs.rmSync(root, { recursive: true, force: true });
  }
});

test('call hierarchy, definition, references and symbols find an entry where the editor has it, in a bibliography open with unsaved changes', async () => {
  const root = makeWorkspace({ 'a.kent': A, 'b.kent': B, 'refs.bib': BIB });
  const c = await LspClient.start({ root });
  try {
    await c.waitForDiagnostics(c.uri('a.kent'));
    // Two lines typed above the entry, not saved: the key is now at 2:6-2:11 in the editor.
    await c.open(c.uri('refs.bib'), '\n\n' + BIB, 1, 'bibtex');
    const [c1] = await c.request<CallHierarchyItem[]>('textDocument/prepareCallHierarchy', { textDocument: { uri: c.uri('a.kent') }, position: { line: 7, character: 7 } });
    const [entry] = (await c.request<CallHierarchyOutgoingCall[]>('callHierarchy/outgoingCalls', { item: c1 })).map((o) => o.to);
    assert.deepEqual([file(entry.uri), fmt(entry.selectionRange)], ['refs.bib', '2:6-2:11']);
    const [fromBib] = await c.request<CallHierarchyItem[]>('textDocument/prepareCallHierarchy', { textDocument: { uri: c.uri('refs.bib') }, position: { line: 2, character: 8 } });
    assert.equal(fmt(fromBib.selectionRange), '2:6-2:11');

    const cite = { textDocument: { uri: c.uri('a.kent') }, position: { line: 7, character: 32 } };
    const defs = await c.request<Array<{ uri: string; range: Range }>>('textDocument/definition', cite);
    assert.deepEqual(defs.map((d) => `${file(d.uri)} ${fmt(d.range)}`), ['refs.bib 2:6-2:11']);
    const refs = await c.request<Array<{ uri: string; range: Range }>>('textDocument/references', { ...cite, context: { includeDeclaration: true } });
    assert.ok(refs.some((r) => `${file(r.uri)} ${fmt(r.range)}` === 'refs.bib 2:6-2:11'), JSON.stringify(refs));
    const symbols = await c.request<Array<{ name: string; location: { uri: string; range: Range } }>>('workspace/symbol', { query: 'smith' });
    assert.deepEqual(symbols.filter((s) => file(s.location.uri) === 'refs.bib').map((s) => fmt(s.location.range)), ['2:6-2:11']);
  } finally {
    await c.stop();
    fs.rmSync(root, { recursive: true, force: true });
  }
});
