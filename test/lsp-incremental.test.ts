// The language server after typing shows what a fresh server shows for the same text. It re-checks
// only what an edit may affect, and converts each diagnostic once while it stays on its line and
// column: a random run of edits as an editor sends them (incremental ranges, some debounced
// together, some cancelling a run) must leave every document's diagnostics, positions included,
// equal to those of a server started on the final text.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { test } from 'node:test';
import { LspProcess } from '../fuzz/lsp';
import { LineIndex } from '../server/src/core/text';

const SAMPLES = path.join(__dirname, '..', 'samples', 'russia-taiwan');
const DOC = 'russia-taiwan.kent';
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** A small deterministic PRNG: the same edits on every run. */
function rng(seed: number) {
  let s = seed >>> 0;
  return () => ((s = (s * 1664525 + 1013904223) >>> 0) / 2 ** 32);
}

/** One edit as typing makes it: a character typed, a line break typed or joined, a character deleted. */
function randomEdit(text: string, r: () => number): { start: number; end: number; insert: string } {
  const at = Math.floor(r() * text.length);
  const kind = Math.floor(r() * 5);
  if (kind === 0) return { start: at, end: at, insert: 'x' };
  if (kind === 1) return { start: at, end: at, insert: '\n' };
  if (kind === 2) return { start: at, end: at + 1, insert: text[at] === '\n' ? ' ' : '\n' };
  if (kind === 3) return { start: at, end: Math.min(text.length, at + 1), insert: '' };
  return { start: at, end: at, insert: ' ' };
}

/** Each document's diagnostics as the editor shows them, by path, in a stable order. */
function shown(lsp: LspProcess): Map<string, string[]> {
  const rel = (uri: string) => path.relative(lsp.root, new URL(uri).pathname);
  const out = new Map<string, string[]>();
  for (const [uri, diags] of lsp.latest) {
    if (!diags.length) continue;
    const show = (d: (typeof diags)[number] & { relatedInformation?: Array<{ location: { uri: string; range: unknown }; message: string }> }) =>
      JSON.stringify([d.range, d.severity, d.code, d.message, (d.relatedInformation ?? []).map((x) => [rel(x.location.uri), x.location.range, x.message])]);
    out.set(rel(uri), diags.map(show).sort());
  }
  return out;
}

/** Wait until the server has published nothing for `quietMs`. */
async function settle(lsp: LspProcess, quietMs = 600): Promise<void> {
  for (;;) {
    const last = lsp.publications.at(-1)?.at ?? 0;
    await sleep(quietMs);
    if ((lsp.publications.at(-1)?.at ?? 0) === last) return;
  }
}

function workspaceCopy(): string {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'kent-typing-'));
  fs.cpSync(SAMPLES, root, { recursive: true });
  return root;
}

/** The hover on the first letter of every code in the document's `kent-ignore` comments. */
async function ignoreHovers(lsp: LspProcess, uri: string, text: string): Promise<unknown[]> {
  const lines = new LineIndex(text);
  const out: unknown[] = [];
  for (const m of text.matchAll(/\/\/ kent-ignore(?:-file)? +([^:\n]*)/g)) {
    for (const code of m[1].matchAll(/[\w-]+/g)) out.push(await lsp.request('textDocument/hover', { textDocument: { uri }, position: lines.position(m.index + m[0].indexOf(m[1]) + code.index) }));
  }
  return out;
}

/**
 * Open DOC with `text`, type 120 edits of `edit` into it, and compare what is shown (diagnostics,
 * the hovers in kent-ignore comments) with what a fresh server shows for the final text; returns
 * the typed server's hovers.
 */
async function typedShowsAsFresh(text: string, edit: typeof randomEdit): Promise<unknown[]> {
  const [typed, fresh] = [workspaceCopy(), workspaceCopy()];
  const a = await LspProcess.start(typed);
  let b: LspProcess | undefined;
  try {
    const uri = await a.open(DOC, text);
    await a.until(() => a.latest.has(uri), 30_000, 'the first diagnostics');
    await settle(a);
    const r = rng(20261129);
    let version = 1;
    for (let i = 0; i < 120; i++) {
      const e = edit(text, r);
      const lines = new LineIndex(text);
      const range = { start: lines.position(e.start), end: lines.position(e.end) };
      text = text.slice(0, e.start) + e.insert + text.slice(e.end);
      await a.notify('textDocument/didChange', { textDocument: { uri, version: ++version }, contentChanges: [{ range, text: e.insert }] });
      // Some edits come faster than the debounce, some after a run has started or ended.
      await sleep(Math.floor(r() * 4) * 40);
    }
    await settle(a);
    b = await LspProcess.start(fresh);
    const freshUri = await b.open(DOC, text);
    await b.until(() => b!.latest.has(freshUri), 30_000, 'the fresh server\'s diagnostics');
    await settle(b);
    const [after, expected] = [shown(a), shown(b)];
    assert.ok(expected.get(DOC)?.length, 'the edited document has diagnostics to compare');
    assert.deepEqual([...after.keys()].sort(), [...expected.keys()].sort());
    for (const [p, list] of expected) assert.deepEqual(after.get(p), list, p);
    // A hover on a kent-ignore code reads the typed server's last run: it counts what a fresh check counts.
    const hovers = await ignoreHovers(a, uri, text);
    assert.deepEqual(hovers, await ignoreHovers(b, freshUri, text));
    return hovers;
  } finally {
    await a.stop();
    await b?.stop();
    for (const root of [typed, fresh]) fs.rmSync(root, { recursive: true, force: true });
  }
}

test('after a run of typed edits, every document shows what a fresh server shows for the final text', { timeout: 120_000 }, async () => {
  await typedShowsAsFresh(fs.readFileSync(path.join(SAMPLES, DOC), 'utf8'), randomEdit);
});

test('typing around kent-ignore comments (stale codes, blank lines and prose under them) shows what a fresh server shows', { timeout: 120_000 }, async () => {
  // A suppression of a code each block may or may not raise, before every block.
  const text = fs.readFileSync(path.join(SAMPLES, DOC), 'utf8').replace(/\n(judgment|claim|evidence) /g, '\n// kent-ignore missing-confidence, vague-estimate, unsupported-claim: r\n$1 ');
  // Half the edits at the end of a kent-ignore line: a blank line, prose, a line joined.
  const nearIgnore = (t: string, r: () => number) => {
    const ends = [...t.matchAll(/\/\/ kent-ignore [^\n]*\n/g)].map((m) => m.index + m[0].length);
    if (r() < 0.5 || ends.length === 0) return randomEdit(t, r);
    const at = ends[Math.floor(r() * ends.length)];
    const kind = Math.floor(r() * 3);
    return kind === 0 ? { start: at, end: at, insert: '\n' } : kind === 1 ? { start: at, end: at, insert: 'Prose.\n' } : { start: at - 1, end: at, insert: '' };
  };
  const hovers = await typedShowsAsFresh(text, nearIgnore);
  assert.ok(hovers.some((h) => JSON.stringify(h).includes('quiet')), 'some hover counts what its comment keeps quiet');
});

test('an edit that interrupts the re-check after a kent.json change does not lose kent.json\'s own diagnostics', { timeout: 120_000 }, async () => {
  // Enough documents that the full re-check after kent.json changes takes many turns of the
  // event loop, so that the edit sent during it cancels it half-way, as typing would.
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'kent-config-race-'));
  const a = await (async () => {
    for (let i = 0; i < 400; i++) {
      const claims = Array.from({ length: 12 }, (_, k) => `claim C${k}: Statement ${k} of document ${i} about the harbour and the ships.\n  because: @s\n`).join('\n');
      fs.writeFileSync(path.join(root, `d${i}.kent`), `assessment d${i}: Document ${i}\n\n${claims}\nsource s: A report\n  reliability: B\n`);
    }
    return LspProcess.start(root);
  })();
  try {
    const uri = await a.open('d0.kent', fs.readFileSync(path.join(root, 'd0.kent'), 'utf8'));
    await a.until(() => a.latest.has(uri), 60_000, 'the first diagnostics');
    await settle(a);
    // Each round makes kent.json wrong, then right again: its diagnostics must come, then go.
    let version = 1;
    for (let round = 0; round < 4; round++) {
      const wrong = round % 2 === 0;
      fs.writeFileSync(path.join(root, 'kent.json'), wrong ? '{ "rules": { "unused-source": "of" } }\n' : '{}\n');
      await a.notify('workspace/didChangeWatchedFiles', { changes: [{ uri: a.uri('kent.json'), type: round ? 2 : 1 }] });
      // Past the debounce, into the run: an edit, and its undo.
      await sleep(75);
      await a.notify('textDocument/didChange', { textDocument: { uri, version: ++version }, contentChanges: [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, text: ' ' }] });
      await a.notify('textDocument/didChange', { textDocument: { uri, version: ++version }, contentChanges: [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 1 } }, text: '' }] });
      const shown = () => (a.latest.get(a.uri('kent.json')) ?? []).length;
      await a.until(() => (wrong ? shown() > 0 : shown() === 0), 20_000, `kent.json's diagnostics to ${wrong ? 'come' : 'go'}, round ${round + 1}`);
    }
  } finally {
    await a.stop();
    fs.rmSync(root, { recursive: true, force: true });
  }
});
