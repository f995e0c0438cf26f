// From inside a bibliography open in the editor (a `.bib` or CSL `.json` the client sends): hover, references and
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

const CSL = '[\n  { "id": "smith-2021", "title": "The Ports", "author": [{ "family": "Smith", "given": "Ann" }], "reliability": "B" }\n]\n';
const A_CSL = 'assessment a: A\n  bibliography: refs.json\n\nclaim C1: Ports are at risk [@smith-2021, p. 4].\n  because: @smith-2021\n';
const editsOf = (edit: WorkspaceEdit) => Object.entries(edit.changes ?? {}).flatMap(([uri, es]) => es.map((e) => `${uri.split('/').pop()} ${fmt(e.range)} ${e.newText}`)).sort();

test("an entry's key in an open CSL-JSON bibliography: hover, references and rename, as in a .bib", async () => {
  const root = makeWorkspace({ 'a.kent': A_CSL, 'refs.json': CSL });
  const c = await LspClient.start({ root });
  try {
    await c.waitForDiagnostics(c.uri('a.kent'));
    await c.open(c.uri('refs.json'), CSL, 1, 'json');
    const key = { line: 1, character: 14 };
    const hover = await c.request<Hover | null>('textDocument/hover', { textDocument: { uri: c.uri('refs.json') }, position: key });
    const md = (hover?.contents as { value: string } | undefined)?.value ?? '';
    assert.match(md, /\*\*The Ports\*\*/);
    assert.match(md, /Cited by a\/C1/);
    assert.equal(fmt(hover!.range!), '1:11-1:21');
    const refs = await c.request<Location[]>('textDocument/references', { textDocument: { uri: c.uri('refs.json') }, position: key, context: { includeDeclaration: true } });
    assert.deepEqual(refs.map((l) => `${l.uri.split('/').pop()} ${fmt(l.range)}`).sort(), ['a.kent 3:30-3:40', 'a.kent 4:12-4:22', 'refs.json 1:11-1:21']);
    const prep = await c.request<{ range: Range; placeholder: string }>('textDocument/prepareRename', { textDocument: { uri: c.uri('refs.json') }, position: key });
    assert.equal(prep.placeholder, 'smith-2021');
    const edit = await c.request<WorkspaceEdit>('textDocument/rename', { textDocument: { uri: c.uri('refs.json') }, position: key, newName: 'doi.org/10.1/x' });
    assert.deepEqual(editsOf(edit), ['a.kent 3:30-3:40 doi.org/10.1/x', 'a.kent 4:12-4:22 doi.org/10.1/x', 'refs.json 1:11-1:21 doi.org/10.1/x']);
    // Off a key (the title's value): nothing.
    assert.equal(await c.request('textDocument/hover', { textDocument: { uri: c.uri('refs.json') }, position: { line: 1, character: 30 } }), null);
  } finally {
    await c.stop();
    fs.rmSync(root, { recursive: true, force: true });
  }
});

test('a JSON file no assessment names as a bibliography (package.json, kent.json) gets nothing, and is no Kent document', async () => {
  // package.json reads like CSL-JSON with a cited key, but no assessment names it. kent.json holds
  // CSL-JSON too and b.kent names it in `bibliography:`: still Kent's configuration in the editor, never a bibliography.
  const pkg = '[\n  { "id": "smith-2021", "title": "Not a bibliography" }\n]\n';
  const config = pkg;
  const b = 'assessment b: B\n  bibliography: kent.json\n\nclaim C1: Ports [@smith-2021].\n';
  const root = makeWorkspace({ 'a.kent': A_CSL, 'refs.json': CSL, 'package.json': pkg, 'kent.json': config, 'b.kent': b });
  const c = await LspClient.start({ root });
  try {
    await c.waitForDiagnostics(c.uri('a.kent'));
    for (const [file, text] of [['package.json', pkg], ['kent.json', config]] as const) {
      await c.open(c.uri(file), text, 1, 'json');
      const doc = { textDocument: { uri: c.uri(file) } };
      for (let character = 0; character < 20; character++) {
        assert.equal(await c.request('textDocument/hover', { ...doc, position: { line: 1, character } }), null, `${file} hover at 1:${character}`);
      }
      const refs = await c.request<Location[] | null>('textDocument/references', { ...doc, position: { line: 1, character: 14 }, context: { includeDeclaration: true } });
      assert.deepEqual(refs ?? [], [], `${file} references`);
      assert.equal(await c.request('textDocument/prepareRename', { ...doc, position: { line: 1, character: 14 } }), null, `${file} prepareRename`);
      assert.deepEqual((await c.request<unknown[] | null>('textDocument/documentSymbol', doc)) ?? [], [], `${file} symbols`);
      assert.deepEqual((await c.request<unknown[] | null>('textDocument/completion', { ...doc, position: { line: 1, character: 14 } })) ?? [], [], `${file} completion`);
    }
    await c.request('workspace/executeCommand', { command: 'kent.checkWorkspace', arguments: [] });
    assert.equal(c.diagnostics.get(c.uri('package.json')), undefined);
    // kent.json's diagnostics are about the configuration alone, never a Kent document's.
    for (const d of c.diagnostics.get(c.uri('kent.json')) ?? []) assert.doesNotMatch(String(d.code), /syntax|unknown-attribute|unresolved-reference/);
    // Renaming the key from a.kent touches refs.json alone of the JSON files.
    const edit = await c.request<WorkspaceEdit>('textDocument/rename', { textDocument: { uri: c.uri('a.kent') }, position: { line: 3, character: 33 }, newName: 'smith-2020' });
    assert.deepEqual(Object.keys(edit.changes ?? {}).map((u) => u.split('/').pop()).sort(), ['a.kent', 'refs.json']);
  } finally {
    await c.stop();
    fs.rmSync(root, { recursive: true, force: true });
  }
});

test('renaming a key, from a document or from the open .bib, rewrites the crossref and related fields that name it', async () => {
  const bib = '@book{smith:2020, title = {The Ports}, year = {2020}}\n@incollection{ch1, title = {One}, crossref = {smith:2020}}\n@incollection{ch2, title = {Two}, crossref = "smith:2020", related = {ch1, smith:2020}}\n';
  const root = makeWorkspace({ 'a.kent': A, 'refs.bib': bib });
  const c = await LspClient.start({ root });
  try {
    await c.waitForDiagnostics(c.uri('a.kent'));
    // From the document, the .bib closed: the file's text.
    const fromDoc = await c.request<WorkspaceEdit>('textDocument/rename', { textDocument: { uri: c.uri('a.kent') }, position: { line: 3, character: 33 }, newName: 'smith-2020' });
    assert.deepEqual(editsOf(fromDoc).filter((e) => e.startsWith('refs.bib')), [
      'refs.bib 0:6-0:16 smith-2020',
      'refs.bib 1:46-1:56 smith-2020',
      'refs.bib 2:46-2:56 smith-2020',
      'refs.bib 2:75-2:85 smith-2020',
    ]);
    // From the .bib open with an unsaved line above: every edit a line down, where the editor has it.
    await c.open(c.uri('refs.bib'), '% edited, not saved\n' + bib, 1, 'bibtex');
    const fromBib = await c.request<WorkspaceEdit>('textDocument/rename', { textDocument: { uri: c.uri('refs.bib') }, position: { line: 1, character: 8 }, newName: 'smith-2020' });
    assert.deepEqual(editsOf(fromBib).filter((e) => e.startsWith('refs.bib')), [
      'refs.bib 1:6-1:16 smith-2020',
      'refs.bib 2:46-2:56 smith-2020',
      'refs.bib 3:46-3:56 smith-2020',
      'refs.bib 3:75-3:85 smith-2020',
    ]);
    // References show what rename rewrites, from the open .bib and from the document, where the editor has them.
    const placesOf = (ls: Location[]) => ls.map((l) => `${l.uri.split('/').pop()} ${fmt(l.range)}`).sort();
    const renamed = editsOf(fromBib).map((e) => e.replace(/ smith-2020$/, ''));
    const refsFromBib = await c.request<Location[]>('textDocument/references', { textDocument: { uri: c.uri('refs.bib') }, position: { line: 1, character: 8 }, context: { includeDeclaration: true } });
    assert.deepEqual(placesOf(refsFromBib), renamed);
    const refsFromDoc = await c.request<Location[]>('textDocument/references', { textDocument: { uri: c.uri('a.kent') }, position: { line: 3, character: 33 }, context: { includeDeclaration: true } });
    assert.deepEqual(placesOf(refsFromDoc), renamed);
  } finally {
    await c.stop();
    fs.rmSync(root, { recursive: true, force: true });
  }
});
