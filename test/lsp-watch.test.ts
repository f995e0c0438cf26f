// An editor that cannot watch files for the server (Neovim on Linux does not offer to): the server
// watches the workspace's folders itself, so that what changes on disk (a source file, a new or
// deleted document, kent.json) is checked again as if the editor had said so. An editor that does
// watch (or the VS Code extension) is left to it.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { FileChangeType, type CompletionItem, type Diagnostic } from 'vscode-languageserver-protocol';
import { LspClient, makeWorkspace, writeFile } from './lspClient';

const A = `assessment a: Alpha
  date: 2024-01

claim C1: Russia will stay out of a war over Taiwan.
  because: E1

evidence E1: A Chinese expert expects no Russian role.
  source: @s
  quote: "neither China nor Russia is ready"

source s: Interview
  reliability: B
  file: sources/x.txt
`;
const X_TXT = 'He said that neither China nor Russia is ready for such a war.\n';
const B = `assessment b: Beta
  date: 2024-01

claim B1: China will not ask Russia for help.
`;

const codes = (ds: Diagnostic[]) => ds.map((d) => String(d.code)).sort();
const has = (code: string) => (ds: Diagnostic[]) => ds.some((d) => d.code === code);
const lacks = (code: string) => (ds: Diagnostic[]) => !ds.some((d) => d.code === code);

describe('an editor that cannot watch files: the server watches the workspace itself', () => {
  let root: string;
  let c: LspClient;
  before(async () => {
    root = makeWorkspace({ 'a.kent': A, 'sources/x.txt': X_TXT });
    fs.mkdirSync(path.join(root, 'drafts/2024'), { recursive: true });
    c = await LspClient.start({ root, watchFiles: false });
    assert.deepEqual(await c.waitForDiagnostics(c.uri('a.kent')), []);
  });
  after(async () => {
    await c.stop();
    fs.rmSync(root, { recursive: true, force: true });
  });

  test('a source file changed on disk: its quote is looked for again', async () => {
    writeFile(root, 'sources/x.txt', 'Nothing of the kind.\n');
    await c.waitForDiagnostics(c.uri('a.kent'), has('quote-not-found'), 10_000);
    writeFile(root, 'sources/x.txt', X_TXT);
    await c.waitForDiagnostics(c.uri('a.kent'), lacks('quote-not-found'), 10_000);
  });

  test('a document created, changed and deleted on disk, in a folder that did not exist', async () => {
    const b = c.uri('more/b.kent');
    writeFile(root, 'more/b.kent', B);
    assert.deepEqual(codes(await c.waitForDiagnostics(b, (ds) => ds.length > 0, 10_000)), ['unsupported-claim']);
    writeFile(root, 'more/b.kent', B.replace('help.\n', 'help.\n  because: a/C1\n'));
    await c.waitForDiagnostics(b, (ds) => ds.length === 0, 10_000);
    writeFile(root, 'more/b.kent', B);
    await c.waitForDiagnostics(b, (ds) => ds.length > 0, 10_000);
    // Deleted: its diagnostics go with it.
    fs.rmSync(path.join(root, 'more'), { recursive: true });
    await c.waitForDiagnostics(b, (ds) => ds.length === 0, 10_000);
  });

  test('a folder of documents moved: the document is found under its new path, and gone from the old', async () => {
    writeFile(root, 'old/e.kent', B.replace('assessment b', 'assessment e'));
    await c.waitForDiagnostics(c.uri('old/e.kent'), has('unsupported-claim'), 10_000);
    fs.renameSync(path.join(root, 'old'), path.join(root, 'new'));
    await c.waitForDiagnostics(c.uri('new/e.kent'), has('unsupported-claim'), 10_000);
    await c.waitForDiagnostics(c.uri('old/e.kent'), (ds) => ds.length === 0, 10_000);
    // Not a second document e: no duplicate-id.
    assert.ok(!c.diagnostics.get(c.uri('new/e.kent'))!.some((d) => d.code === 'duplicate-id'));
    fs.rmSync(path.join(root, 'new'), { recursive: true });
    await c.waitForDiagnostics(c.uri('new/e.kent'), (ds) => ds.length === 0, 10_000);
  });

  test('a bibliography and a source file in folders that do not exist yet: seen when they come, and go', async () => {
    const f = c.uri('f.kent');
    const F = 'assessment f: Foxtrot\n  bibliography: refs/r.bib\n\nclaim F1: Exports fell [@k].\n\nevidence F2: A report.\n  source: @t\n  quote: "exports fell"\n\nsource t: Report\n  reliability: B\n  file: docs/t.txt\n';
    writeFile(root, 'f.kent', F);
    await c.waitForDiagnostics(f, (ds) => has('unresolved-reference')(ds) && codes(ds).filter((x) => x === 'source-file-missing').length === 2, 10_000);
    writeFile(root, 'refs/r.bib', '@book{k, title={Trade}, reliability={B}}\n');
    await c.waitForDiagnostics(f, lacks('unresolved-reference'), 10_000);
    writeFile(root, 'docs/t.txt', 'In March exports fell.\n');
    await c.waitForDiagnostics(f, lacks('source-file-missing'), 10_000);
    // The folders are watched now: a change in them is seen.
    writeFile(root, 'docs/t.txt', 'Nothing of the kind.\n');
    await c.waitForDiagnostics(f, has('quote-not-found'), 10_000);
    fs.rmSync(path.join(root, 'refs'), { recursive: true });
    await c.waitForDiagnostics(f, has('unresolved-reference'), 10_000);
    fs.rmSync(path.join(root, 'f.kent'));
    fs.rmSync(path.join(root, 'docs'), { recursive: true });
    await c.waitForDiagnostics(f, (ds) => ds.length === 0, 10_000);
  });

  test('a document moved to a folder between the root and its own', async () => {
    writeFile(root, 'x/y/z/g.kent', B.replace('assessment b', 'assessment g'));
    await c.waitForDiagnostics(c.uri('x/y/z/g.kent'), has('unsupported-claim'), 10_000);
    fs.renameSync(path.join(root, 'x/y/z/g.kent'), path.join(root, 'x/y/g.kent'));
    await c.waitForDiagnostics(c.uri('x/y/g.kent'), has('unsupported-claim'), 10_000);
    await c.waitForDiagnostics(c.uri('x/y/z/g.kent'), (ds) => ds.length === 0, 10_000);
    fs.rmSync(path.join(root, 'x'), { recursive: true });
    await c.waitForDiagnostics(c.uri('x/y/g.kent'), (ds) => ds.length === 0, 10_000);
  });

  test('a folder made empty, a document saved in it later', async () => {
    fs.mkdirSync(path.join(root, 'notes/deep'), { recursive: true });
    // Long enough for the server to have seen the folders come, and found no document there.
    await new Promise((r) => setTimeout(r, 500));
    writeFile(root, 'notes/deep/h.kent', B.replace('assessment b', 'assessment h'));
    await c.waitForDiagnostics(c.uri('notes/deep/h.kent'), has('unsupported-claim'), 10_000);
    fs.rmSync(path.join(root, 'notes'), { recursive: true });
    await c.waitForDiagnostics(c.uri('notes/deep/h.kent'), (ds) => ds.length === 0, 10_000);
  });

  test('a document saved in a folder that held none when the server started', async () => {
    writeFile(root, 'drafts/2024/i.kent', B.replace('assessment b', 'assessment i'));
    await c.waitForDiagnostics(c.uri('drafts/2024/i.kent'), has('unsupported-claim'), 10_000);
  });

  test('kent.json written at the root: its rules apply', async () => {
    writeFile(root, 'b.kent', B);
    await c.waitForDiagnostics(c.uri('b.kent'), has('unsupported-claim'), 10_000);
    writeFile(root, 'kent.json', '{ "rules": { "unsupported-claim": "off" } }\n');
    await c.waitForDiagnostics(c.uri('b.kent'), lacks('unsupported-claim'), 10_000);
    fs.rmSync(path.join(root, 'kent.json'));
    await c.waitForDiagnostics(c.uri('b.kent'), has('unsupported-claim'), 10_000);
  });

  test('a file in a dot-folder is not read', async () => {
    writeFile(root, '.history/c.kent', B.replace('assessment b', 'assessment c'));
    writeFile(root, 'd.kent', B.replace('assessment b', 'assessment d'));
    // d.kent, written after it, is seen: by then the dot-folder's file would have been too.
    await c.waitForDiagnostics(c.uri('d.kent'), has('unsupported-claim'), 10_000);
    assert.equal(c.diagnostics.get(c.uri('.history/c.kent')), undefined);
  });
});

describe('an editor that watches files: the server does not watch them too', () => {
  test('a change on disk it has not been told of is not seen', async () => {
    const root = makeWorkspace({ 'a.kent': A, 'sources/x.txt': X_TXT });
    const c = await LspClient.start({ root, watchFiles: true });
    try {
      assert.deepEqual(await c.waitForDiagnostics(c.uri('a.kent')), []);
      writeFile(root, 'sources/x.txt', 'Nothing of the kind.\n');
      // Long enough for the server's own watch to have settled, were there one; the command is a barrier.
      await new Promise((r) => setTimeout(r, 500));
      await c.request('workspace/executeCommand', { command: 'kent.checkWorkspace', arguments: [] });
      assert.deepEqual(c.diagnostics.get(c.uri('a.kent')), []);
    } finally {
      await c.stop();
      fs.rmSync(root, { recursive: true, force: true });
    }
  });
});

test('an editor that cannot watch files: a file made on disk in a folder listed for path completion is offered', async () => {
  const text = 'source s: S\n  file: sources/\n';
  const root = makeWorkspace({ 'c.kent': text, 'sources/x.txt': X_TXT });
  const c = await LspClient.start({ root, watchFiles: false });
  try {
    const uri = c.uri('c.kent');
    await c.open(uri, text);
    await c.waitForDiagnostics(uri);
    const labels = async () => (await c.request<CompletionItem[]>('textDocument/completion', { textDocument: { uri }, position: { line: 1, character: 16 } })).map((i) => i.label);
    assert.deepEqual(await labels(), ['x.txt']);
    // A kind no document reads or looks for: only the listing makes it matter.
    writeFile(root, 'sources/report.pdf', '%PDF');
    const deadline = Date.now() + 10_000;
    while (!(await labels()).includes('report.pdf')) {
      assert.ok(Date.now() < deadline, 'report.pdf never offered');
      await new Promise((r) => setTimeout(r, 50));
    }
  } finally {
    await c.stop();
    fs.rmSync(root, { recursive: true, force: true });
  }
});

/**
 * An editor that watches files for the server: it sends an event for a file on disk only when
 * a glob the server registered matches it (LSP globs: `*`, `**`, `?`, `{a,b}`), as VS Code does.
 */
class WatchingEditor {
  constructor(private readonly c: LspClient) {}

  private globs(): RegExp[] {
    const registrations = this.c.serverRequests.filter((r) => r.method === 'client/registerCapability').flatMap((r) => (r.params as { registrations: Array<{ method: string; registerOptions?: { watchers?: Array<{ globPattern: string }> } }> }).registrations);
    return registrations.filter((r) => r.method === 'workspace/didChangeWatchedFiles').flatMap((r) => r.registerOptions?.watchers ?? []).map((w) => globRegExp(w.globPattern));
  }

  /** What the editor would send for these files (workspace-relative) changed on disk. */
  async saw(rels: string[], type: FileChangeType = FileChangeType.Created): Promise<void> {
    const globs = this.globs();
    const changes = rels.filter((rel) => globs.some((g) => g.test(rel))).map((rel) => ({ uri: this.c.uri(rel), type }));
    if (changes.length) await this.c.watched(changes);
  }
}

function globRegExp(glob: string): RegExp {
  let re = '';
  for (let i = 0; i < glob.length; i++) {
    const ch = glob[i]!;
    if (glob.startsWith('**/', i)) (re += '(?:.*/)?'), (i += 2);
    else if (glob.startsWith('**', i)) (re += '.*'), i++;
    else if (ch === '*') re += '[^/]*';
    else if (ch === '?') re += '[^/]';
    else if (ch === '{') re += '(?:';
    else if (ch === '}') re += ')';
    else if (ch === ',') re += '|';
    else re += ch.replace(/[.+^$()|[\]\\]/g, '\\$&');
  }
  return new RegExp(`^${re}$`);
}

describe('an editor that watches files for the server: every kind of file, and only what matters re-checked', () => {
  const R = 'assessment r: Romeo\n  date: 2024-01\n\nsource s: Report\n  reliability: B\n  file: report.pdf\n';
  let root: string;
  let c: LspClient;
  let editor: WatchingEditor;
  before(async () => {
    root = makeWorkspace({ 'r.kent': R, 'sources/x.txt': X_TXT });
    c = await LspClient.start({ root, watchFiles: true, trace: 'messages' });
    editor = new WatchingEditor(c);
    await c.waitForDiagnostics(c.uri('r.kent'), has('source-file-missing'));
  });
  after(async () => {
    await c.stop();
    fs.rmSync(root, { recursive: true, force: true });
  });

  test('a missing file: made on disk, source-file-missing goes', async () => {
    writeFile(root, 'report.pdf', '%PDF');
    await editor.saw(['report.pdf']);
    await c.waitForDiagnostics(c.uri('r.kent'), lacks('source-file-missing'), 10_000);
  });

  test('a .pdf made in a folder listed for path completion is offered', async () => {
    const text = 'source t: T\n  file: sources/\n';
    const uri = c.uri('t.kent');
    await c.open(uri, text);
    const labels = async () => (await c.request<CompletionItem[]>('textDocument/completion', { textDocument: { uri }, position: { line: 1, character: 16 } })).map((i) => i.label);
    assert.deepEqual(await labels(), ['x.txt']);
    writeFile(root, 'sources/annex.pdf', '%PDF');
    await editor.saw(['sources/annex.pdf']);
    assert.deepEqual(await labels(), ['annex.pdf', 'x.txt']);
    await c.close(uri);
  });

  test('a thousand events for files the workspace never read nor listed: nothing checked again', async () => {
    // Settled first: no run of checks still to come from the tests before.
    await new Promise((r) => setTimeout(r, 300));
    const runs = () => c.traces.filter((t) => t.message.startsWith('Kent checked')).length;
    const before = runs();
    const build = Array.from({ length: 1000 }, (_, i) => (i % 2 ? `build/out-${i}.js` : `.git/objects/${i}`));
    await editor.saw(build);
    await editor.saw(build, FileChangeType.Changed);
    // Long past the debounce: a run, were one scheduled, would have traced; the request is a barrier.
    await new Promise((r) => setTimeout(r, 300));
    await c.request('textDocument/hover', { textDocument: { uri: c.uri('r.kent') }, position: { line: 0, character: 0 } });
    assert.equal(runs(), before);
    // One that matters still does: the file read, deleted.
    fs.rmSync(path.join(root, 'report.pdf'));
    await editor.saw(['report.pdf'], FileChangeType.Deleted);
    await c.waitForDiagnostics(c.uri('r.kent'), has('source-file-missing'), 10_000);
    // Its run is traced once its diagnostics are written, so just after them.
    for (const deadline = Date.now() + 5_000; runs() === before && Date.now() < deadline; ) await new Promise((r) => setTimeout(r, 20));
    assert.equal(runs(), before + 1);
  });
});

describe('an editor that tells of a folder alone (VS Code for `rm -r`, `mv` in a terminal): its documents come and go with it', () => {
  const P = 'assessment p: Papa\n  date: 2024-01\n\nclaim P1: Ports stay open.\n  because: q/Q1, r/R1\n';
  const Q = 'assessment q: Quebec\n  date: 2024-01\n\nclaim Q1: Trade holds.\n';
  const R2 = 'assessment r: Romeo\n  date: 2024-01\n\nclaim R1: Prices hold.\n';
  let root: string;
  let outside: string;
  let c: LspClient;
  before(async () => {
    root = makeWorkspace({ 'p.kent': P, 'briefs/q.kent': Q, 'briefs/r.kent': R2 });
    outside = makeWorkspace({});
    c = await LspClient.start({ root, watchFiles: true });
    await c.waitForDiagnostics(c.uri('briefs/q.kent'), has('unsupported-claim'));
    await c.waitForDiagnostics(c.uri('briefs/r.kent'), has('unsupported-claim'));
    await c.waitForDiagnostics(c.uri('p.kent'), lacks('unresolved-reference'));
  });
  after(async () => {
    await c.stop();
    fs.rmSync(root, { recursive: true, force: true });
    fs.rmSync(outside, { recursive: true, force: true });
  });

  test('a folder of two documents deleted, told by its Deleted event alone: their diagnostics go, refs into them no longer resolve', async () => {
    fs.rmSync(path.join(root, 'briefs'), { recursive: true });
    await c.watched([{ uri: c.uri('briefs'), type: FileChangeType.Deleted }]);
    await c.waitForDiagnostics(c.uri('briefs/q.kent'), (ds) => ds.length === 0, 10_000);
    await c.waitForDiagnostics(c.uri('briefs/r.kent'), (ds) => ds.length === 0, 10_000);
    const p = await c.waitForDiagnostics(c.uri('p.kent'), (ds) => ds.filter((d) => d.code === 'unresolved-reference').length === 2, 10_000);
    assert.equal(p.filter((d) => d.code === 'unresolved-reference').length, 2);
  });

  test('a folder of documents moved in, told by its Created event alone (and its subfolder): their diagnostics come, refs into them resolve', async () => {
    writeFile(outside, 'drafts/q.kent', Q);
    writeFile(outside, 'drafts/more/r.kent', R2);
    fs.renameSync(path.join(outside, 'drafts'), path.join(root, 'drafts'));
    // As a checkout tells it: the folder and the one under it, each once.
    await c.watched([
      { uri: c.uri('drafts'), type: FileChangeType.Created },
      { uri: c.uri('drafts/more'), type: FileChangeType.Created },
    ]);
    await c.waitForDiagnostics(c.uri('drafts/q.kent'), has('unsupported-claim'), 10_000);
    await c.waitForDiagnostics(c.uri('drafts/more/r.kent'), has('unsupported-claim'), 10_000);
    await c.waitForDiagnostics(c.uri('p.kent'), lacks('unresolved-reference'), 10_000);
  });

  test('a folder moved in holding a link to a document already read: not a second copy of it', async () => {
    fs.mkdirSync(path.join(outside, 'links'));
    fs.symlinkSync(path.join(root, 'drafts/q.kent'), path.join(outside, 'links/q.kent'));
    writeFile(outside, 'links/s.kent', Q.replace('assessment q: Quebec', 'assessment s: Sierra'));
    fs.renameSync(path.join(outside, 'links'), path.join(root, 'links'));
    await c.watched([{ uri: c.uri('links'), type: FileChangeType.Created }]);
    await c.waitForDiagnostics(c.uri('links/s.kent'), has('unsupported-claim'), 10_000);
    // The same batch's run has checked q.kent too: had the link been read as a document, q would be declared twice.
    assert.ok(!c.diagnostics.get(c.uri('drafts/q.kent'))!.some((d) => d.code === 'duplicate-id'));
    assert.equal(c.diagnostics.get(c.uri('links/q.kent')), undefined);
  });
});
