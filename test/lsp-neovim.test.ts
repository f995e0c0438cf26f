// What Neovim's built-in client (0.7) does that other clients do not, as the server sees it.
// Found by running the server in a real Neovim; each test says what Neovim does. Where `nvim` is
// installed (CI installs Debian's, 0.7), a test drives the real one.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
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

const ROOT = path.resolve(__dirname, '..');
const SERVER = path.join(ROOT, 'bin', 'kent-language-server.js');
const nvim = spawnSync('nvim', ['--version'], { encoding: 'utf8' });
const noNeovim = nvim.status !== 0 ? 'nvim is not installed (CI installs it: .ci/install-vscode.sh)' : !fs.existsSync(path.join(ROOT, 'dist', 'server.js')) && 'run `node esbuild.mjs` first';

const RED_SEA = `assessment red-sea: Red Sea shipping through Q4 2025
  date: 2025-03

judgment KJ1: Suez transits will likely stay below 60% of their 2023 level.
  likelihood: likely
  confidence: low
  because: E-transits

evidence E-transits: Suez transits fell by about half (2024-06).
  source: @imf-portwatch
  credibility: 2

source imf-portwatch: IMF PortWatch note (weekly) — Suez_Canal transits
  author: IMF & Oxford
  date: 2024-06
  reliability: A
`;

describe('Neovim 0.7: hovers and completion documentation read as written', { skip: noNeovim }, () => {
  // Neovim asks for Markdown first and shows a hover's Markdown as it comes, in a float sized by the
  // raw text; it hides a backslash escape by syntax conceal, but omnifunc's completion menu shows the
  // documentation as sent. Dates, IDs, file names, parentheses and a key's underscores are not
  // Markdown there, so they come unescaped: `2024-06`, not `2024\-06`.
  test("a source's hover and an evidence's completion documentation carry no escapes", () => {
    const root = makeWorkspace({ 'red-sea.kent': RED_SEA }, 'kent-nvim-');
    const out = path.join(root, 'out.json');
    try {
      const lines = RED_SEA.split('\n');
      const key = lines.findIndex((l) => l.startsWith('  source: @imf'));
      const because = lines.findIndex((l) => l.startsWith('  because: E-'));
      const env = { ...process.env, ROOT: root, SERVER, FILE: 'red-sea.kent', OUT: out, HOVER_LINE: String(key), HOVER_CHARACTER: '12', COMPLETE_LINE: String(because), COMPLETE_CHARACTER: '11' };
      const run = spawnSync('nvim', ['--headless', '--clean', '-u', path.join(ROOT, 'test', 'neovim', 'hover-and-completion.lua')], { env, encoding: 'utf8', timeout: 60_000 });
      assert.ok(fs.existsSync(out), `nvim wrote nothing: ${run.stderr}${run.stdout}`);
      const shown = JSON.parse(fs.readFileSync(out, 'utf8')) as { hover: string[]; completion: Array<{ word: string; info: string }> };
      const hover = shown.hover.join('\n');
      assert.match(hover, /^\*\*IMF PortWatch note \(weekly\) — Suez_Canal transits\*\*/);
      assert.match(hover, /Author: IMF & Oxford {2}\nDate: 2024-06/);
      assert.match(hover, /Cited by red-sea\/E-transits/);
      assert.doesNotMatch(hover, /\\/, hover);
      const evidence = shown.completion.find((c) => c.word === 'E-transits');
      assert.equal(evidence?.info, 'Suez transits fell by about half (2024-06).');
    } finally {
      fs.rmSync(root, { recursive: true, force: true });
    }
  });
});
