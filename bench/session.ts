// A day-long editing session against the real language server: `node --import tsx
// bench/session.ts [rounds]`. A workspace of 100 documents (copied from a generated one), a few
// open at a time; each round types and undoes edits (IDs, likelihoods, refs, whole blocks) and
// asks for what an editor asks between keystrokes; now and then a document is closed and another
// opened, a file renamed or deleted on disk (with the events an editor sends), kent.json edited.
// Every so many rounds, once the server is idle: its heap after a full GC, its tables' sizes
// (KENT_DEBUG_MEMORY) and the time a request takes. At the end the diagnostics it published are
// compared with what a fresh server publishes for the same files.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import type { Diagnostic } from 'vscode-languageserver-protocol';
import { LspClient, fileUri } from '../test/lspClient';

const FROM = process.env.KENT_SESSION_FROM ?? '/tmp/ws200';
const ROUNDS = Number(process.argv[2] ?? 400);
const EVERY = Number(process.argv[3] ?? 50);
/** Another build's server script to drive (a bin/kent-language-server.js). */
const SERVER = process.env.KENT_SESSION_SERVER;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

let seed = Number(process.env.KENT_SESSION_SEED ?? 12345);
/** mulberry32: a seeded sequence, so that a session can be replayed. */
function rand(n: number): number {
  seed = (seed + 0x6d2b79f5) | 0;
  let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
  return (((t ^ (t >>> 14)) >>> 0) % n);
}
const pick = <T>(a: readonly T[]): T => a[rand(a.length)];

/** The first 100 documents of FROM (a workspace bench/generate.mjs made), or 100 generated here when there is none. */
async function copyWorkspace(): Promise<string> {
  const dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'kent-session-')));
  if (!fs.existsSync(path.join(FROM, 'doc-99.kent'))) {
    const { generateWorkspace } = await import('./generate.mjs');
    const { files } = generateWorkspace({ docs: 100, bytesOf: () => 50_000, seed: 1 });
    for (const [rel, text] of files) {
      fs.mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
      fs.writeFileSync(path.join(dir, rel), text);
    }
    return dir;
  }
  for (let i = 0; i < 100; i++) fs.copyFileSync(path.join(FROM, `doc-${i}.kent`), path.join(dir, `doc-${i}.kent`));
  for (const extra of ['kent.json', 'bib', 'sources']) if (fs.existsSync(path.join(FROM, extra))) fs.cpSync(path.join(FROM, extra), path.join(dir, extra), { recursive: true });
  return dir;
}

function position(text: string, offset: number): { line: number; character: number } {
  let line = 0;
  let start = 0;
  for (let i = text.indexOf('\n'); i !== -1 && i < offset; i = text.indexOf('\n', i + 1)) {
    line++;
    start = i + 1;
  }
  return { line, character: offset - start };
}

/** An open document as the editor holds it. */
interface Open {
  uri: string;
  text: string;
}

async function edit(c: LspClient, doc: Open, start: number, end: number, insert: string): Promise<void> {
  const range = { start: position(doc.text, start), end: position(doc.text, end) };
  doc.text = doc.text.slice(0, start) + insert + doc.text.slice(end);
  await c.change(doc.uri, undefined, [{ range, text: insert }]);
}

/** Type `word` at `at` a character at a time, then delete it a character at a time (undo). */
async function typeAndUndo(c: LspClient, doc: Open, at: number, word: string, pause: () => Promise<void>): Promise<void> {
  for (let i = 0; i < word.length; i++) {
    await edit(c, doc, at + i, at + i, word[i]);
    await pause();
  }
  for (let i = word.length; i > 0; i--) {
    await edit(c, doc, at + i - 1, at + i, '');
    await pause();
  }
}

/** Requests an editor makes between keystrokes, at a random place. */
async function ask(c: LspClient, doc: Open): Promise<void> {
  const textDocument = { uri: doc.uri };
  const p = position(doc.text, rand(doc.text.length));
  const lines = doc.text.split('\n').length;
  const all = [
    c.request('textDocument/hover', { textDocument, position: p }),
    c.request('textDocument/completion', { textDocument, position: p }),
    c.request('textDocument/codeAction', { textDocument, range: { start: p, end: p }, context: { diagnostics: [] } }),
    c.request('textDocument/references', { textDocument, position: p, context: { includeDeclaration: true } }),
    c.request('textDocument/documentSymbol', { textDocument }),
    c.request('textDocument/inlayHint', { textDocument, range: { start: { line: 0, character: 0 }, end: { line: Math.min(lines, 80), character: 0 } } }),
    c.request('textDocument/semanticTokens/full', { textDocument }),
    c.request('textDocument/documentHighlight', { textDocument, position: p }),
    c.request('textDocument/prepareRename', { textDocument, position: p }).catch(() => null),
  ];
  await Promise.all([pick(all), pick(all)]);
  await Promise.allSettled(all);
}

/** Idle: the server's process sleeping with its CPU time still for 150 ms. */
async function idle(c: LspClient): Promise<void> {
  const ticks = () => {
    const s = fs.readFileSync(`/proc/${c.child.pid}/stat`, 'utf8');
    const f = s.slice(s.lastIndexOf(')') + 2).split(' ');
    return Number(f[11]) + Number(f[12]);
  };
  let last = ticks();
  for (;;) {
    await sleep(150);
    const now = ticks();
    if (now === last) return;
    last = now;
  }
}

interface Memory {
  heapUsed: number;
  rss: number;
  tables: Record<string, number>;
}

async function main(): Promise<void> {
  const root = await copyWorkspace();
  const names = Array.from({ length: 100 }, (_, i) => `doc-${i}.kent`);
  const c = await LspClient.start({ root, watchFiles: true, semanticTokens: true, env: { KENT_DEBUG_MEMORY: '1' }, server: SERVER });
  const open = new Map<string, Open>();
  const openDoc = async (rel: string) => {
    const uri = c.uri(rel);
    const text = fs.readFileSync(path.join(root, rel), 'utf8');
    open.set(rel, { uri, text });
    await c.open(uri, text);
  };
  for (const rel of names.slice(0, 5)) await openDoc(rel);
  await idle(c);
  const samples: Array<{ round: number; heapMb: number; rssMb: number; askMs: number; editMs: number; tables: Record<string, number> }> = [];
  const pause = async () => {
    if (rand(4) === 0) await sleep(rand(90));
  };
  let renamed = 0;
  for (let round = 0; round <= ROUNDS; round++) {
    if (round % EVERY === 0) {
      await idle(c);
      const doc = open.get(pick([...open.keys()]))!;
      const t0 = performance.now();
      for (let i = 0; i < 5; i++) await ask(c, doc);
      const askMs = (performance.now() - t0) / 5;
      // One edit's check: a likelihood made invalid, to its diagnostic published; then undone.
      const at = doc.text.indexOf('likelihood: ') + 12;
      const line = position(doc.text, at).line;
      const onLine = (ds: Array<{ range: { start: { line: number } } }>) => ds.some((d) => d.range.start.line === line);
      const e0 = performance.now();
      await edit(c, doc, at, at, 'zz');
      await c.waitForDiagnostics(doc.uri, onLine, 20_000, true);
      const editMs = performance.now() - e0;
      await edit(c, doc, at, at + 2, '');
      await idle(c);
      const m = await c.request<Memory>('kent/debug/memory', {});
      samples.push({ round, heapMb: +(m.heapUsed / 2 ** 20).toFixed(1), rssMb: +(m.rss / 2 ** 20).toFixed(1), askMs: +askMs.toFixed(1), editMs: +editMs.toFixed(0), tables: m.tables });
      console.log(JSON.stringify(samples[samples.length - 1]));
    }
    if (round === ROUNDS) break;
    const [rel, doc] = pick([...open.entries()]);
    const kind = rand(10);
    if (kind < 2 && rand(2)) {
      // Words typed into a judgment's statement, then deleted: prose, a new word each time.
      const m = [...doc.text.matchAll(/^judgment [A-Za-z][\w-]*: /gm)];
      if (m.length) {
        const hit = pick(m);
        await typeAndUndo(c, doc, hit.index! + hit[0].length, `${pick(['unlikely', 'Moscow', 'reportedly', 'the'])} w${round}q${rand(1000)} `, pause);
      }
    } else if (kind < 3) {
      // An ID renamed in place: typed at the end of an item's ID, then undone.
      const m = [...doc.text.matchAll(/^(?:judgment|claim|evidence) ([A-Za-z][\w-]*):/gm)];
      if (m.length) {
        const hit = pick(m);
        await typeAndUndo(c, doc, hit.index! + hit[0].length - 1, pick(['x', 'Zq', 'abc', `r${round}`]), pause);
      }
    } else if (kind < 5) {
      // A likelihood retyped: deleted, a new one typed, then the old one back.
      const m = [...doc.text.matchAll(/likelihood: ([^\n]+)/g)];
      if (m.length) {
        const hit = pick(m);
        const start = hit.index! + 12;
        const old = hit[1];
        await edit(c, doc, start, start + old.length, '');
        await typeAndUndo(c, doc, start, pick(['likely', 'almost certainly', '55%', 'even chance']), pause);
        await edit(c, doc, start, start, old);
      }
    } else if (kind < 7) {
      // A ref added to a because: list, then removed.
      const m = [...doc.text.matchAll(/because: ([^\n]+)/g)];
      const ids = [...doc.text.matchAll(/^(?:claim|evidence) ([A-Za-z][\w-]*):/gm)].map((x) => x[1]);
      if (m.length && ids.length) {
        const hit = pick(m);
        await typeAndUndo(c, doc, hit.index! + hit[0].length, `, ${pick(ids)}`, pause);
      }
    } else if (kind < 8) {
      // A whole block cut and pasted back (or pasted twice, then the copy deleted).
      const m = [...doc.text.matchAll(/\n\n((?:judgment|claim|evidence) [^\n]+\n(?:  [^\n]*\n)+)/g)];
      if (m.length) {
        const hit = pick(m);
        const start = hit.index! + 2;
        const block = hit[1];
        if (rand(2)) {
          await edit(c, doc, start, start + block.length, '');
          await pause();
          await ask(c, doc);
          await edit(c, doc, start, start, block);
        } else {
          await edit(c, doc, start, start, block);
          await pause();
          await ask(c, doc);
          await edit(c, doc, start, start + block.length, '');
        }
      }
    } else if (kind < 9) {
      // Close one document, open another.
      // The first document stays open all day, as the one the analyst works on.
      if (open.size >= 5 && rel !== names[0]) {
        open.delete(rel);
        // Closed as it was saved: undo has already brought it back to the disk's text.
        await c.close(doc.uri);
      }
      const closed = names.filter((n) => !open.has(n) && fs.existsSync(path.join(root, n)));
      if (closed.length && open.size < 5) await openDoc(pick(closed));
    } else {
      const what = rand(3);
      const closed = names.filter((n) => !open.has(n) && fs.existsSync(path.join(root, n)));
      if (what === 0 && closed.length) {
        // A file renamed on disk and back, with the events the editor sends.
        const from = pick(closed);
        const to = `renamed-${renamed++}.kent`;
        fs.renameSync(path.join(root, from), path.join(root, to));
        await c.watched([
          { uri: c.uri(from), type: 3 },
          { uri: c.uri(to), type: 1 },
        ]);
        await sleep(rand(200));
        await ask(c, doc);
        fs.renameSync(path.join(root, to), path.join(root, from));
        await c.watched([
          { uri: c.uri(to), type: 3 },
          { uri: c.uri(from), type: 1 },
        ]);
      } else if (what === 1 && closed.length) {
        // A file deleted, then restored.
        const gone = pick(closed);
        const text = fs.readFileSync(path.join(root, gone), 'utf8');
        fs.rmSync(path.join(root, gone));
        await c.watched([{ uri: c.uri(gone), type: 3 }]);
        await sleep(rand(200));
        fs.writeFileSync(path.join(root, gone), text);
        await c.watched([{ uri: c.uri(gone), type: 1 }]);
      } else {
        // kent.json edited on disk and back.
        const cfg = path.join(root, 'kent.json');
        const text = fs.readFileSync(cfg, 'utf8');
        fs.writeFileSync(cfg, text.replace('icd203', 'nato'));
        await c.watched([{ uri: fileUri(cfg), type: 2 }]);
        await sleep(rand(300));
        fs.writeFileSync(cfg, text);
        await c.watched([{ uri: fileUri(cfg), type: 2 }]);
      }
    }
    await ask(c, doc);
  }
  await idle(c);
  const session = new Map(c.diagnostics);
  const errors = c.logs.filter((l) => l.type <= 2);
  const stderr = c.stderr;
  await c.stop();

  // A fresh server on the same files, the same documents open with the same text.
  const fresh = await LspClient.start({ root, watchFiles: true, semanticTokens: true, server: SERVER });
  for (const doc of open.values()) await fresh.open(doc.uri, doc.text);
  await fresh.request('workspace/executeCommand', { command: 'kent.checkWorkspace', arguments: [] });
  await idle(fresh);
  const differ: string[] = [];
  const key = (ds: unknown[] | undefined) => JSON.stringify(ds ?? []);
  for (const uri of new Set([...session.keys(), ...fresh.diagnostics.keys()])) {
    if (key(session.get(uri)) === key(fresh.diagnostics.get(uri))) continue;
    const show = (ds: Diagnostic[] | undefined) => new Set((ds ?? []).map((d) => JSON.stringify(d)));
    const [a, b] = [show(session.get(uri)), show(fresh.diagnostics.get(uri))];
    differ.push(`${uri}: session ${a.size}, fresh ${b.size}`, ...[...a].filter((d) => !b.has(d)).map((d) => `  session only: ${d}`), ...[...b].filter((d) => !a.has(d)).map((d) => `  fresh only: ${d}`));
    if (a.size === b.size && [...a].every((d) => b.has(d))) differ.push('  (same diagnostics, in another order)');
  }
  await fresh.stop();
  console.log(JSON.stringify({ differ, errors, stderr: stderr.slice(-2000) }, null, 1));
  for (const doc of open.values()) {
    if (doc.text !== fs.readFileSync(path.join(root, path.basename(doc.uri)), 'utf8')) console.log('open text differs from disk:', doc.uri);
  }
  fs.rmSync(root, { recursive: true, force: true });
}

void main();
