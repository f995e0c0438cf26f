// A large completion list goes out without its entries' documentation, which the editor asks
// for (completionItem/resolve) for the entry it shows; a small list carries it inline.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import { CompletionItemKind, FileChangeType, InsertTextFormat, type CompletionItem, type MarkupContent, type TextEdit } from 'vscode-languageserver-protocol';
import { LspClient, makeWorkspace, writeFile } from './lspClient';

const claims = (n: number) => Array.from({ length: n }, (_, i) => `claim C${i}: Port ${i} is at risk.\n  likelihood: likely\n`).join('\n');
const doc = (n: number) => `assessment a: A\n\njudgment KJ1: Ports will likely close.\n  likelihood: likely\n  because: \n\n${claims(n)}`;
const value = (d: CompletionItem['documentation']) => (typeof d === 'string' ? d : (d as MarkupContent | undefined)?.value);

test('completion: a list of over 100 entries leaves documentation to completionItem/resolve; a short one carries it', async () => {
  const root = makeWorkspace({ 'a.kent': doc(150), 'b.kent': doc(3).replace('assessment a', 'assessment b') });
  const c = await LspClient.start({ root });
  try {
    await c.waitForDiagnostics(c.uri('a.kent'));
    const position = { line: 4, character: 11 };
    const long = await c.request<CompletionItem[]>('textDocument/completion', { textDocument: { uri: c.uri('a.kent') }, position });
    assert.ok(long.length > 150, `${long.length} entries`);
    assert.ok(long.every((i) => i.documentation === undefined));
    const c7 = long.find((i) => i.label === 'C7')!;
    const resolved = await c.request<CompletionItem>('completionItem/resolve', c7);
    assert.match(value(resolved.documentation) ?? '', /Port 7 is at risk/);
    assert.equal(resolved.label, 'C7');
    // An entry of an older list, or forged data, comes back as it was sent.
    await c.request('textDocument/completion', { textDocument: { uri: c.uri('a.kent') }, position });
    assert.equal((await c.request<CompletionItem>('completionItem/resolve', c7)).documentation, undefined);
    assert.equal((await c.request<CompletionItem>('completionItem/resolve', { label: 'x', data: { run: 1, entry: -1 } })).documentation, undefined);

    const short = await c.request<CompletionItem[]>('textDocument/completion', { textDocument: { uri: c.uri('b.kent') }, position });
    assert.ok(short.length > 0 && short.length <= 100, `${short.length} entries`);
    assert.match(value(short.find((i) => i.label === 'C1')?.documentation) ?? '', /Port 1 is at risk/);
  } finally {
    await c.stop();
    fs.rmSync(root, { recursive: true, force: true });
  }
});

test('completion and hover in a kent-ignore through the server: `-` triggers `// kent-`, the codes come block-first, the hover counts what the comment keeps quiet, each code links to checks.md', async () => {
  const text = 'assessment a: A\n\njudgment KJ1: Prices may rise.\n  likelihood: likely\n';
  const root = makeWorkspace({ 'a.kent': text });
  const c = await LspClient.start({ root });
  try {
    assert.ok(c.initializeResult.capabilities.completionProvider?.triggerCharacters?.includes('-'));
    const uri = c.uri('a.kent');
    await c.open(uri, text);
    await c.waitForDiagnostics(uri);
    // Typed as an editor sends it: a line inserted above the judgment.
    await c.change(uri, undefined, [{ range: { start: { line: 2, character: 0 }, end: { line: 2, character: 0 } }, text: '// kent-\n' }]);
    const keywords = await c.request<CompletionItem[]>('textDocument/completion', { textDocument: { uri }, position: { line: 2, character: 8 } });
    assert.deepEqual(keywords.map((i) => i.label), ['kent-ignore', 'kent-ignore-file']);
    await c.change(uri, undefined, [{ range: { start: { line: 2, character: 8 }, end: { line: 2, character: 8 } }, text: 'ignore ' }]);
    const codes = await c.request<CompletionItem[]>('textDocument/completion', { textDocument: { uri }, position: { line: 2, character: 15 } });
    assert.deepEqual(codes.slice(0, 2).map((i) => i.label).sort(), ['missing-confidence', 'unsupported-claim']);
    assert.match(value(codes[0].documentation) ?? '', /1 reported on judgment KJ1 now/);
    await c.change(uri, undefined, [{ range: { start: { line: 2, character: 15 }, end: { line: 2, character: 15 } }, text: 'missing-confidence, vague-estimate: later' }]);
    const card = await c.request<{ contents: MarkupContent }>('textDocument/hover', { textDocument: { uri }, position: { line: 2, character: 20 } });
    assert.match(card.contents.value, /^\*\*missing-confidence\*\*: A judgment without a confidence level\.[\s\S]*keeps 1 diagnostic quiet on judgment KJ1 now$/);
    // Each code opens its section of the checks.md the extension ships, as a diagnostic's code does.
    const links = await c.request<Array<{ range: { start: { line: number; character: number } }; target: string }>>('textDocument/documentLink', { textDocument: { uri } });
    assert.deepEqual(links.map((l) => [l.range.start.character, l.target.replace(/^file:\/\/.*\/docs\//, 'docs/')]), [[15, 'docs/checks.md#missing-confidence'], [35, 'docs/checks.md#vague-estimate']]);
    // The comment's stale code is told alike by the edited document and a fresh check of its text.
    const edited = await c.waitForDiagnostics(uri, (ds) => ds.some((d) => d.code === 'unused-ignore'));
    const freshRoot = makeWorkspace({ 'a.kent': text.replace('judgment', '// kent-ignore missing-confidence, vague-estimate: later\njudgment') });
    const fresh = await LspClient.start({ root: freshRoot });
    try {
      const cold = await fresh.waitForDiagnostics(fresh.uri('a.kent'));
      const shape = (ds: typeof cold) => ds.map((d) => `${d.code} ${d.range.start.line}:${d.range.start.character} ${d.message}`).sort();
      assert.deepEqual(shape(edited), shape(cold));
    } finally {
      await fresh.stop();
      fs.rmSync(freshRoot, { recursive: true, force: true });
    }
  } finally {
    await c.stop();
    fs.rmSync(root, { recursive: true, force: true });
  }
});

test('completion through the server: the likelihood term the statement says goes out first and preselected; `judgment ` at column 0 offers the next ID', async () => {
  const text = 'assessment a: A\n\njudgment KJ1: The ruling party will probably keep its majority.\n  likelihood: \n\njudgment \n';
  const root = makeWorkspace({ 'a.kent': text });
  const c = await LspClient.start({ root });
  try {
    const uri = c.uri('a.kent');
    await c.open(uri, text);
    const terms = await c.request<CompletionItem[]>('textDocument/completion', { textDocument: { uri }, position: { line: 3, character: 14 } });
    assert.deepEqual([terms[0].label, terms[0].preselect], ['likely', true]);
    assert.ok(terms.slice(1).every((i) => i.preselect === undefined));
    const ids = await c.request<CompletionItem[]>('textDocument/completion', { textDocument: { uri }, position: { line: 5, character: 9 } });
    assert.deepEqual(ids.map((i) => [i.label, (i.textEdit as { newText: string }).newText]), [['KJ2', 'KJ2: ']]);
  } finally {
    await c.stop();
    fs.rmSync(root, { recursive: true, force: true });
  }
});

test('path completion through the server: folders (re-triggering suggestions in Kent\'s VS Code extension alone), files, a file created on disk once the editor tells of it; "did you mean" on a missing one', async () => {
  const text = 'assessment a: A\n  bibliography: \n\nsource s: S\n  file: Sources/iiss.txt\n\nCited [@s].\n';
  const root = makeWorkspace({ 'a.kent': text, 'refs.bib': '@misc{k, title = {T}}\n', 'sources/iiss.txt': 'text\n', '.secret.bib': '' });
  const position = { line: 1, character: 16 };
  for (const extension of [true, false]) {
    const c = await LspClient.start({ root, ...(extension ? { initializationOptions: { trusted: true } } : {}) });
    try {
      const uri = c.uri('a.kent');
      await c.open(uri, text);
      const ds = await c.waitForDiagnostics(uri, (d) => d.some((x) => x.code === 'source-file-missing'));
      assert.match(ds.find((x) => x.code === 'source-file-missing')!.message as string, /did you mean sources\/iiss\.txt\?/);
      const list = await c.request<CompletionItem[]>('textDocument/completion', { textDocument: { uri }, position });
      assert.deepEqual(list.map((i) => i.label), ['sources/', 'refs.bib', 'a.kent']);
      assert.deepEqual(list.map((i) => i.kind), [CompletionItemKind.Folder, CompletionItemKind.File, CompletionItemKind.File]);
      assert.deepEqual(list[0].command, extension ? { title: 'Suggest', command: 'editor.action.triggerSuggest' } : undefined);
      assert.equal(list[1].command, undefined);
      if (!extension) continue;
      // A file made on disk shows once the editor's watcher tells of it.
      writeFile(root, 'more.bib', '');
      await c.watched([{ uri: c.uri('more.bib'), type: FileChangeType.Created }]);
      const again = await c.request<CompletionItem[]>('textDocument/completion', { textDocument: { uri }, position });
      assert.ok(again.some((i) => i.label === 'more.bib'));
      fs.rmSync(path.join(root, 'more.bib'));
    } finally {
      await c.stop();
    }
  }
  fs.rmSync(root, { recursive: true, force: true });
});

test('completion: a block keyword at column 0 is a snippet (its template) only for a client that says snippetSupport; elsewhere, and for other clients, plain text', async () => {
  const text = 'assessment a: A\n\nclaim C1: Ports are at risk.\n\njudgment KJ1: Ports will likely close.\n  likelihood: likely\n  because: \n\n';
  const root = makeWorkspace({ 'a.kent': text });
  const newText = (i: CompletionItem | undefined) => (i?.textEdit as TextEdit | undefined)?.newText;
  const now = new Date();
  const month = `${now.getFullYear()}-${String(now.getMonth() + 1).padStart(2, '0')}`;
  try {
    for (const snippets of [true, false]) {
      const c = await LspClient.start({ root, snippets });
      try {
        const uri = c.uri('a.kent');
        await c.waitForDiagnostics(uri);
        const blockStart = await c.request<CompletionItem[]>('textDocument/completion', { textDocument: { uri }, position: { line: 8, character: 0 } });
        const judgment = blockStart.find((i) => i.label === 'judgment');
        const source = blockStart.find((i) => i.label === 'source');
        if (snippets) {
          assert.ok(blockStart.length > 0 && blockStart.every((i) => i.insertTextFormat === InsertTextFormat.Snippet), JSON.stringify(blockStart.map((i) => i.insertTextFormat)));
          assert.match(newText(judgment) ?? '', /^judgment \$\{1:KJ2\}: \$\{2:Statement\}\n {2}likelihood: \$\{3\|almost no chance,/);
          assert.match(newText(source) ?? '', new RegExp(`\\n  date: \\$\\{4:${month}\\}\\n`));
        } else {
          assert.ok(blockStart.every((i) => i.insertTextFormat === undefined));
          assert.equal(newText(judgment), 'judgment KJ2: ');
        }
        const value = await c.request<CompletionItem[]>('textDocument/completion', { textDocument: { uri }, position: { line: 6, character: 11 } });
        assert.ok(value.length > 0 && value.every((i) => i.insertTextFormat === undefined), JSON.stringify(value.map((i) => [i.label, i.insertTextFormat])));
      } finally {
        await c.stop();
      }
    }
  } finally {
    fs.rmSync(root, { recursive: true, force: true });
  }
});
