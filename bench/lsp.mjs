// The editing benchmark, through the real language server over stdio: `node
// bin/kent-language-server.js --stdio`, a workspace folder on disk, one large document open in the
// "editor". Each one-character edit is an incremental `didChange` with a range; the time is from
// sending it to receiving the last `publishDiagnostics` it causes, in every document whose
// diagnostics it changes. The server publishes a document only when its diagnostics change, so
// each edit names the documents that must be republished (from the generator's reference index);
// the client waits for all of them, then until the server is idle (its main thread sleeping and
// its CPU time still for 100 ms, read from /proc), and counts any other document it republished.
// With tracing on, the server also reports each run of checks (`$/logTrace`): the same span on
// its own clock, from its `didChange` handler to the last diagnostics written.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { spawn } from 'node:child_process';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { createMessageConnection, StreamMessageReader, StreamMessageWriter } from 'vscode-jsonrpc/node';
import { URI } from 'vscode-uri';

const here = path.dirname(fileURLToPath(import.meta.url));
const SERVER = path.join(here, '..', 'bin', 'kent-language-server.js');
const RELATIONS = new Set(['same-as', 'negates', 'contradicts', 'revises']);
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** The server's debounce, read from its source so the report follows it. */
export function serverDebounceMs() {
  const src = fs.readFileSync(path.join(here, '..', 'server', 'src', 'lsp', 'server.ts'), 'utf8');
  const m = /DEBOUNCE_MS\s*=\s*(\d+)/.exec(src);
  return m ? Number(m[1]) : undefined;
}

function procStat(pid) {
  try {
    const s = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    const f = s.slice(s.lastIndexOf(')') + 2).split(' ');
    return { state: f[0], ticks: Number(f[11]) + Number(f[12]) };
  } catch {
    return { state: 'X', ticks: 0 };
  }
}
function peakRssMb(pid) {
  try {
    const m = /VmHWM:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) / 1024 : undefined;
  } catch {
    return undefined;
  }
}

/** Offsets in `text` for the edits of the plan (see `planEdits`). */
function blockRange(text, kind, id) {
  const head = `\n${kind} ${id}:`;
  const start = text.indexOf(head);
  if (start < 0) return undefined;
  const end = text.indexOf('\n\n', start + 1);
  return { start: start + 1, end: end < 0 ? text.length : end, idEnd: start + head.length - 1 };
}

/**
 * 100 pairs of edits (a change, then its undo) on the large document `big` (a model from
 * generate.mjs): an item ID referenced from other documents, a likelihood referenced from other
 * documents, two local edits, and again. Local edits are a typo in a
 * `confidence:` value, in a `because:` ref, or in a `[[ref]]` of prose, on items no other document
 * names: they change the edited document's diagnostics only.
 */
export function planEdits(big, pairs = 100) {
  const text = big.text;
  const fromOthers = (item) => (item.incoming ?? []).filter((i) => i.from !== big.id);
  const jc = [...big.byKind.judgment, ...big.byKind.claim];
  const idTargets = jc.filter((it) => fromOthers(it).length && (it.incoming ?? []).some((i) => i.from === big.id));
  const likTargets = jc.filter((it) => it.likelihood === '70%' && fromOthers(it).some((i) => RELATIONS.has(i.kind)));
  const quiet = jc.filter((it) => !fromOthers(it).length);
  const confTargets = quiet.filter((it) => it.confidence === 'moderate');
  const becauseTargets = quiet.filter((it) => it.because[0]?.type === 'item' && !it.because[0].doc && it.because[0].id);
  const proseRefs = [];
  for (const m of text.matchAll(/\[\[([A-Za-z][A-Za-z0-9_-]*)\]\]/g)) {
    const lineStart = text.lastIndexOf('\n', m.index) + 1;
    if (/^[ \t]|^[a-z]+ [A-Za-z][\w-]*:/.test(text.slice(lineStart, lineStart + 80))) continue; // statements, not prose
    proseRefs.push({ offset: m.index + 2 + m[1].length, id: m[1] });
  }
  const edits = [];
  const others = (it, pred) => [...new Set(fromOthers(it).filter(pred).map((i) => i.from))];
  const k = { id: 0, lik: 0, conf: 0, because: 0, prose: 0 };
  let localEdits = 0;
  const next = (name, list) => list[k[name]++ % list.length];
  for (let p = 0; p < pairs; p++) {
    const slot = [0, 2, 1, 3][p % 4]; // ID, likelihood, local, local
    let e;
    if (slot === 0 && idTargets.length) {
      const it = next('id', idTargets);
      const at = blockRange(text, it.kind, it.id).idEnd;
      e = { kind: 'id', label: it.id, offset: at, insert: 'x', expect: [...new Set((it.incoming ?? []).map((i) => i.from))], others: others(it, () => true).length };
    } else if (slot === 2 && likTargets.length) {
      const it = next('lik', likTargets);
      const b = blockRange(text, it.kind, it.id);
      const at = text.indexOf('  likelihood: 70%', b.start) + '  likelihood: '.length;
      const rel = fromOthers(it).filter((i) => RELATIONS.has(i.kind));
      const both = rel.some((i) => i.kind === 'same-as' || i.kind === 'negates');
      e = { kind: 'likelihood', label: it.id, offset: at, replace: '2', original: '7', expect: [...others(it, (i) => RELATIONS.has(i.kind)), ...(both ? [big.id] : [])], others: others(it, (i) => RELATIONS.has(i.kind)).length };
    } else {
      const which = ['conf', 'because', 'prose'][localEdits++ % 3];
      if (which === 'conf' && confTargets.length) {
        const it = next('conf', confTargets);
        const b = blockRange(text, it.kind, it.id);
        const at = text.indexOf('  confidence: moderate', b.start) + '  confidence: moderat'.length;
        e = { kind: 'local', label: `${it.id} confidence`, offset: at, replace: 'x', original: 'e', expect: [big.id], others: 0 };
      } else if (which === 'because' && becauseTargets.length) {
        const it = next('because', becauseTargets);
        const b = blockRange(text, it.kind, it.id);
        const at = text.indexOf('  because: ', b.start) + '  because: '.length + it.because[0].id.length;
        e = { kind: 'local', label: `${it.id} because`, offset: at, insert: 'x', expect: [big.id], others: 0 };
      } else {
        const ref = next('prose', proseRefs);
        e = { kind: 'local', label: `[[${ref.id}]] in prose`, offset: ref.offset, insert: 'x', expect: [big.id], others: 0 };
      }
    }
    edits.push({ ...e, step: 'change' });
    edits.push({ ...e, step: 'undo' });
  }
  return edits;
}

/** Start the server on `root`, open `bigPath`, wait for every document's diagnostics, run the edits. */
export async function runLspBenchmark({ root, bigPath, docPaths, edits, budgetMs = Infinity, log = () => {} }) {
  root = fs.realpathSync(root);
  const child = spawn(process.execPath, [...(process.env.KENT_BENCH_SERVER_NODE_ARGS ?? '').split(' ').filter(Boolean), SERVER, '--stdio'], { cwd: root, stdio: 'pipe' });
  let stderr = '';
  child.stderr.setEncoding('utf8');
  child.stderr.on('data', (s) => (stderr += s));
  const conn = createMessageConnection(new StreamMessageReader(child.stdout), new StreamMessageWriter(child.stdin));
  const uriOf = (rel) => URI.file(path.join(root, rel)).toString();
  const latest = new Map();
  let publishes = [];
  let waiter;
  const asSet = (ds) => JSON.stringify((ds ?? []).map((x) => JSON.stringify(x)).sort());
  conn.onNotification('textDocument/publishDiagnostics', (p) => {
    const t = performance.now();
    // Only recorded here: comparing with the previous diagnostics waits until the edit is timed,
    // so that the client's own work does not delay its reading of a second document's.
    publishes.push({ uri: p.uri, t, before: latest.get(p.uri), after: p.diagnostics });
    latest.set(p.uri, p.diagnostics);
    if (waiter) waiter();
  });
  // The server's own account of each run of checks (`$/logTrace`, tracing on): the time from the
  // edit's arrival to its last diagnostics written, on the server's clock.
  let traces = [];
  conn.onNotification('$/logTrace', (p) => {
    try {
      traces.push(JSON.parse(p.verbose));
    } catch {
      // a line without the figures
    }
  });
  const reorderedOnly = (p) => p.before !== undefined && asSet(p.before) === asSet(p.after);
  conn.onNotification(() => undefined);
  conn.onRequest(() => null);
  conn.listen();
  const waitFor = async (pred, timeoutMs) => {
    const deadline = performance.now() + timeoutMs;
    while (!pred()) {
      const left = deadline - performance.now();
      if (left <= 0) return false;
      await new Promise((r) => {
        waiter = r;
        setTimeout(r, Math.min(left, 50));
      });
      waiter = undefined;
    }
    return true;
  };
  /** Until the server's main thread sleeps and its CPU time has not moved for `quietMs`, and no publish came in that time. */
  const waitIdle = async (quietMs = 100, timeoutMs = 120_000) => {
    const t0 = performance.now();
    let last = procStat(child.pid);
    let stillSince = performance.now();
    while (performance.now() - t0 < timeoutMs) {
      await sleep(10);
      const s = procStat(child.pid);
      const now = performance.now();
      if (s.ticks !== last.ticks || s.state === 'R' || s.state === 'D') stillSince = now;
      last = s;
      const lastPublish = publishes.length ? publishes[publishes.length - 1].t : 0;
      if (now - stillSince >= quietMs && now - lastPublish >= quietMs) return;
    }
  };

  const tStart = performance.now();
  await conn.sendRequest('initialize', {
    processId: process.pid,
    rootUri: URI.file(root).toString(),
    trace: 'verbose',
    workspaceFolders: [{ uri: URI.file(root).toString(), name: path.basename(root) }],
    capabilities: { workspace: { workspaceFolders: true }, textDocument: { publishDiagnostics: { relatedInformation: true, codeDescriptionSupport: true }, synchronization: { didSave: false } } },
  });
  await conn.sendNotification('initialized', {});
  const bigUri = uriOf(bigPath);
  let text = fs.readFileSync(path.join(root, bigPath), 'utf8');
  let version = 1;
  await conn.sendNotification('textDocument/didOpen', { textDocument: { uri: bigUri, languageId: 'kent', version, text } });
  const all = docPaths.map(uriOf);
  const ok = await waitFor(() => all.every((u) => latest.has(u)), 600_000);
  const coldMs = performance.now() - tStart;
  await waitIdle(300);
  log(`  language server: all ${all.length} documents checked in ${(coldMs / 1000).toFixed(1)} s${ok ? '' : ' (timed out)'}`);
  const initial = new Map([...latest].map(([u, d]) => [u, JSON.stringify(d)]));

  // LSP positions: UTF-16 code units per line, as JavaScript strings index them.
  const position = (offset) => {
    const lineStart = text.lastIndexOf('\n', offset - 1) + 1;
    let line = 0;
    for (let i = text.indexOf('\n'); i !== -1 && i < offset; i = text.indexOf('\n', i + 1)) line++;
    return { line, character: offset - lineStart };
  };
  const results = [];
  const editsStart = performance.now();
  for (const [i, e] of edits.entries()) {
    // Stop at the time budget, between an edit and the next (never leaving a change without its undo).
    if (e.step === 'change' && performance.now() - editsStart > budgetMs) {
      log(`  time budget of ${budgetMs / 1000} s spent: ${i} of ${edits.length} edits done`);
      break;
    }
    let range;
    let newText;
    if (e.insert) {
      if (e.step === 'change') {
        range = { start: position(e.offset), end: position(e.offset) };
        newText = e.insert;
      } else {
        range = { start: position(e.offset), end: position(e.offset + e.insert.length) };
        newText = '';
      }
    } else {
      range = { start: position(e.offset), end: position(e.offset + 1) };
      newText = e.step === 'change' ? e.replace : e.original;
    }
    text = e.insert ? (e.step === 'change' ? text.slice(0, e.offset) + e.insert + text.slice(e.offset) : text.slice(0, e.offset) + text.slice(e.offset + e.insert.length)) : text.slice(0, e.offset) + newText + text.slice(e.offset + 1);
    const expect = new Set(e.expect.map((d) => uriOf(`${d}.kent`)));
    publishes = [];
    traces = [];
    const ticks0 = procStat(child.pid).ticks;
    version++;
    const t0 = performance.now();
    await conn.sendNotification('textDocument/didChange', { textDocument: { uri: bigUri, version }, contentChanges: [{ range, text: newText }] });
    const arrived = await waitFor(() => [...expect].every((u) => publishes.some((p) => p.uri === u)), 120_000);
    const tExpected = publishes.filter((p) => expect.has(p.uri)).reduce((m, p) => Math.max(m, p.t), t0);
    await waitIdle();
    const tLast = publishes.reduce((m, p) => Math.max(m, p.t), t0);
    const published = new Set(publishes.map((p) => p.uri));
    results.push({
      ...e,
      ms: tLast - t0,
      serverRun: traces.filter((x) => x.ownWorkMs !== undefined).at(-1),
      expectedMs: tExpected - t0,
      cpuMs: (procStat(child.pid).ticks - ticks0) * 10,
      published: published.size,
      missed: [...expect].filter((u) => !published.has(u)).length,
      extra: [...published].filter((u) => !expect.has(u)).length,
      reorderedOnly: publishes.filter(reorderedOnly).length,
      arrived,
    });
    if ((i + 1) % 50 === 0) log(`  ${i + 1} edits, last ${(tLast - t0).toFixed(0)} ms`);
  }
  // Every edit was undone: every document's diagnostics should be what they were at the start
  // (as a set: a document whose diagnostics only came back in another order counts as reordered).
  await waitIdle(500);
  const sorted = asSet;
  const changedUris = [...initial].filter(([u, d]) => JSON.stringify(latest.get(u)) !== d).map(([u]) => u);
  const reordered = changedUris.filter((u) => sorted(latest.get(u)) === sorted(JSON.parse(initial.get(u)))).length;
  const differing = changedUris.filter((u) => sorted(latest.get(u)) !== sorted(JSON.parse(initial.get(u)))).map((u) => {
    const before = JSON.parse(initial.get(u)).map((x) => JSON.stringify(x));
    const after = (latest.get(u) ?? []).map((x) => JSON.stringify(x));
    return { uri: u, gone: before.filter((x) => !after.includes(x)).slice(0, 2), added: after.filter((x) => !before.includes(x)).slice(0, 2) };
  });
  const reverted = differing.length === 0;
  const serverPeakRssMb = peakRssMb(child.pid);
  await Promise.race([conn.sendRequest('shutdown'), sleep(5000)]);
  await conn.sendNotification('exit');
  await Promise.race([new Promise((r) => child.once('exit', r)), sleep(5000)]);
  if (child.exitCode === null) child.kill('SIGKILL');
  conn.dispose();
  return { coldMs, results, planned: edits.length, budgetMs, reverted, differing, reordered, serverPeakRssMb, stderr: stderr.slice(-2000) };
}
