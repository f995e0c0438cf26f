// From inside a bibliography open in the editor (a `.bib` the client sends): hover, references and
// rename on an entry's key, positioned in the text as the editor has it, saved or not.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import { test } from 'node:test';
import type { Hover, Location, Range, WorkspaceEdit } from 'vscode-languageserver-protocol';
import { LspClient, makeWorkspace } from './lspClient';

const A = 'assessment a: A\n  bibliography: refs.bib\n\nclaim C1: Ports are at risk [@smith:2020, p. 4].\n  because: @smith:2020\n';
const BIB = '@book{smith:2020, title = {The Ports}, author = {Smith, Ann}, year = {2020}, reliability = {B}}\n\n@misc{jones, title = {Unused}}\n';
const fmt = (r: Range) => `${r.start.line}:${r.start.character}-${r.end.line}:${r.end.character}`;

test("an entry's key in an open .bib: hover shows the source, references find its citations, rename renames them all", async () => {
  const root = makeWorkspace({ 'a.kent': A, 'refs.bib': BIB, 'other.bib': BIB });
  const c = await LspClient.start({ root });
  try {
    await c.waitForDiagnostics(c.uri('a.kent'));
    // Unsaved in the editor: a comment line above moves every key down a line.
    const shown = '% edited, not saved\n' + BIB;
    await c.open(c.uri('refs.bib'), shown, 1, 'bibtex');
    const key = { line: 1, character: 8 };
    const hover = await c.request<Hover | null>('textDocument/hover', { textDocument: { uri: c.uri('refs.bib') }, position: key });
    const md = (hover?.contents as { value: string } | undefined)?.value ?? '';
    assert.match(md, /\*\*The Ports\*\*/);
    assert.match(md, /Cited by a\/C1/);
    assert.equal(fmt(hover!.range!), '1:6-1:16');
    const refs = await c.request<Location[]>('textDocument/references', { textDocument: { uri: c.uri('refs.bib') }, position: key, context: { includeDeclaration: true } });
    assert.deepEqual(refs.map((l) => `${l.uri.split('/').pop()} ${fmt(l.range)}`).sort(), ['a.kent 3:30-3:40', 'a.kent 4:12-4:22', 'refs.bib 1:6-1:16']);
    const prep = await c.request<{ range: Range; placeholder: string }>('textDocument/prepareRename', { textDocument: { uri: c.uri('refs.bib') }, position: key });
    assert.equal(prep.placeholder, 'smith:2020');
    const edit = await c.request<WorkspaceEdit>('textDocument/rename', { textDocument: { uri: c.uri('refs.bib') }, position: key, newName: 'smith:2021' });
    const changes = Object.entries(edit.changes ?? {}).flatMap(([uri, es]) => es.map((e) => `${uri.split('/').pop()} ${fmt(e.range)} ${e.newText}`)).sort();
    assert.deepEqual(changes, ['a.kent 3:30-3:40 smith:2021', 'a.kent 4:12-4:22 smith:2021', 'refs.bib 1:6-1:16 smith:2021']);
    // Off a key, and in a bibliography no document reads: nothing.
    assert.equal(await c.request('textDocument/hover', { textDocument: { uri: c.uri('refs.bib') }, position: { line: 1, character: 30 } }), null);
    await c.open(c.uri('other.bib'), BIB, 1, 'bibtex');
    assert.equal(await c.request('textDocument/hover', { textDocument: { uri: c.uri('other.bib') }, position: { line: 0, character: 8 } }), null);
    // The .bib was never read as a Kent document.
    await c.request('workspace/executeCommand', { command: 'kent.checkWorkspace', arguments: [] });
    assert.equal(c.diagnostics.get(c.uri('refs.bib')), undefined);
  } finally {
    await c.stop();
    fs.rmSync(root, { recursive: true, force: true });
  }
});
