// `npm run bench`: Kent's throughput, memory and editing latency on generated workspaces modelled
// on samples/russia-taiwan, beside a plain line scan, Argdown and Microsoft's Markdown language
// service on equal bytes, all measured in this one run. Prints the report and writes
// bench/RESULTS.md. A script, not a test: it asserts nothing.
//
//   node --expose-gc bench/run.mjs [--large] [--edits N] [--edit-budget S]
//     --large          documents of ~50 KB instead of ~10 KB in the 1…1,000-document series (1,000 → 50 MB)
//     --edits N        one-character edits in the language-server benchmark (default 200)
//     --edit-budget S  stop the edits after S seconds (default 150), so a slow server cannot make the
//                      run endless; the report says how many were done
//     --quick          a smoke run of this script: tiny workspaces, a few edits (figures meaningless)
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { CROSS_TOPIC, generateWorkspace, SAMPLE_DIR, sampleStats, TOPIC_DOCS, writeFiles } from './generate.mjs';
import { planEdits, runLspBenchmark, serverDebounceMs } from './lsp.mjs';
import { measureWorkspace } from './samples.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const argv = process.argv.slice(2);
const LARGE = argv.includes('--large');
const QUICK = argv.includes('--quick');
const option = (name, fallback) => (argv.includes(name) ? Number(argv[argv.indexOf(name) + 1]) : fallback);
const EDITS = option('--edits', argv.includes('--quick') ? 8 : 200);
const EDIT_BUDGET_S = option('--edit-budget', 150);
const TMP = fs.realpathSync(os.tmpdir());
const runStart = performance.now();
const loadAtStart = os.loadavg();
const log = (s) => process.stderr.write(s + '\n');
const mb = (b) => b / 1e6;
const fmt = (x, d = 2) => (x >= 100 ? x.toFixed(0) : x >= 10 ? x.toFixed(1) : x.toFixed(d));

function child(args) {
  return JSON.parse(execFileSync(process.execPath, args, { encoding: 'utf8', maxBuffer: 1 << 26, cwd: path.join(here, '..') }));
}
/**
 * Each timed run is repeated REPS times, each in a fresh process, and the run of median wall time
 * kept (its CPU time and memory with it): one run on a machine shared with other processes can be
 * a third slower than the next. Kent and the peers are treated alike.
 */
const REPS = QUICK ? 1 : 3;
function medianRun(run) {
  const runs = Array.from({ length: REPS }, run).sort((a, b) => a.ms - b.ms);
  return { ...runs[(runs.length - 1) >> 1], reps: runs.map((r) => r.ms) };
}
const kentCheck = (dir) => medianRun(() => child(['--max-old-space-size=8192', path.join(here, 'child.cjs'), dir, '--baseline']));
const compare = (mode, dir) => medianRun(() => child(['--max-old-space-size=8192', path.join(here, 'compare.mjs'), mode, dir]));

/** Generate `format` for a workspace spec, write it, run `fn(dir, ws)`, delete it. */
async function withWorkspace(name, spec, format, fn) {
  const t0 = performance.now();
  const ws = generateWorkspace({ ...spec, format });
  const dir = path.join(TMP, `kent-bench-${name.replace(/[^A-Za-z0-9]+/g, '-')}-${format}`);
  writeFiles(dir, ws.files);
  log(`  generated ${format}: ${ws.models.length} documents, ${fmt(mb(ws.bytes))} MB in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  try {
    return await fn(dir, ws);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** Kent, the floor, and (unless `kentOnly`) Argdown and Markdown on the same bytes. */
async function measureSize(name, spec, kentOnly, after) {
  log(`${name}:`);
  const row = { name, docs: spec.docs };
  await withWorkspace(name, spec, 'kent', async (dir, ws) => {
    if (name === '1,000 docs') row.stats = measureWorkspace(dir).summary;
    const r = kentCheck(dir);
    Object.assign(row, { bytes: ws.bytes, items: ws.items, kent: r });
    log(`  kent check: ${fmt(r.ms / 1000)} s (CPU ${fmt(r.cpuMs / 1000)} s), ${fmt(r.maxRssMb)} MB peak RSS; runs ${r.reps.map((x) => fmt(x / 1000)).join(', ')} s`);
    if (after) row.profile = profileKent(dir);
    if (after) row.after = await after(dir, ws);
  });
  if (kentOnly) return row;
  // Argdown and Markdown, generated from the same model to the same bytes per document.
  await withWorkspace(name, spec, 'argdown', (dir) => {
    row.argdownParse = compare('argdown-parse', dir);
    row.argdownModel = compare('argdown-model', dir);
    log(`  argdown: parse ${fmt(row.argdownParse.ms / 1000)} s, parse+model ${fmt(row.argdownModel.ms / 1000)} s`);
  });
  await withWorkspace(name, spec, 'markdown', (dir) => {
    row.markdown = compare('markdown', dir);
    log(`  markdown: ${fmt(row.markdown.ms / 1000)} s`);
  });
  return row;
}

/** Where Kent's time goes: a separate, profiled `kent check` (not the timed one), self time by function. */
function profileKent(dir) {
  const profDir = fs.mkdtempSync(path.join(TMP, 'kent-prof-'));
  try {
    execFileSync(process.execPath, ['--cpu-prof', `--cpu-prof-dir=${profDir}`, path.join(here, 'child.cjs'), dir], { encoding: 'utf8', maxBuffer: 1 << 26 });
    const file = fs.readdirSync(profDir).find((f) => f.endsWith('.cpuprofile'));
    const prof = JSON.parse(fs.readFileSync(path.join(profDir, file), 'utf8'));
    const byId = new Map(prof.nodes.map((n) => [n.id, n]));
    const self = new Map();
    let total = 0;
    prof.samples.forEach((id, i) => {
      const dt = prof.timeDeltas[i] ?? 0;
      const n = byId.get(id);
      if (n.callFrame.functionName === '(idle)' || n.callFrame.functionName === '(program)') return;
      total += dt;
      const key = n.callFrame.functionName === '(garbage collector)' ? 'garbage collection' : `${n.callFrame.functionName || '(anonymous)'}${n.callFrame.url.includes('dist/cli.js') ? '' : n.callFrame.url ? ' (node)' : ''}`;
      self.set(key, (self.get(key) ?? 0) + dt);
    });
    return [...self].sort((a, b) => b[1] - a[1]).slice(0, 8).map(([name, t]) => ({ name, share: t / total }));
  } finally {
    fs.rmSync(profDir, { recursive: true, force: true });
  }
}

// ---------------------------------------------------------------------------------------------

// One document size for the whole series, so that size grows by document count alone (the
// samples' documents average 6.5 KB).
const PER_DOC = LARGE ? 50_000 : 10_000;
const SIZES = [
  { name: '1 doc', spec: { docs: 1, bytesOf: () => PER_DOC } },
  { name: '10 docs', spec: { docs: 10, bytesOf: () => PER_DOC } },
  { name: '100 docs', spec: { docs: 100, bytesOf: () => PER_DOC } },
  { name: '1,000 docs', spec: { docs: 1000, bytesOf: () => PER_DOC } },
].slice(0, QUICK ? 2 : 4);
if (QUICK) SIZES[1].name = '1,000 docs';
// The editing workspace: 200 documents, ~10 MB, one of them ~1 MB; that one's items that other
// documents relate to (same-as, negates, contradicts, revises) state their likelihood as a
// percentage, so a one-character edit (70% → 20%) changes it.
const BIG = QUICK ? 100_000 : 1_000_000;
const EDIT_DOCS = QUICK ? 20 : 200;
/** Claims with two unresolved refs each, added to each other document for the mid-refactor edits. */
const UNRESOLVED_PER_DOC = 10;
const editSpec = {
  docs: EDIT_DOCS,
  bytesOf: (d) => (d === 0 ? BIG : (BIG * 10 - BIG) / (EDIT_DOCS - 1)),
  percentLikelihoods(models) {
    const big = models[0];
    for (const it of [...big.byKind.judgment, ...big.byKind.claim]) {
      const related = (it.incoming ?? []).some((i) => i.from !== big.id && ['same-as', 'negates', 'contradicts', 'revises'].includes(i.kind));
      if (related && (it.likelihood === 'likely' || it.likelihood === undefined)) it.likelihood = '70%';
    }
  },
};

sampleStats();
const sample = measureWorkspace(SAMPLE_DIR).summary;
const rows = [];
for (const s of SIZES) rows.push(await measureSize(s.name, s.spec));
const debounce = serverDebounceMs();
const editRow = await measureSize('200 docs, one of 1 MB', editSpec, false, async (dir, ws) => {
  log('  language server (edits in the 1 MB document):');
  const big = ws.models[0];
  const edits = planEdits(big, Math.ceil(EDITS / 2)).slice(0, EDITS);
  const run = (list, budgetMs) => runLspBenchmark({ root: dir, bigPath: `${big.id}.kent`, docPaths: ws.models.map((m) => `${m.id}.kent`), edits: list, budgetMs, log });
  const main = await run(edits, EDIT_BUDGET_S * 1000);
  // Mid-refactor: every other document also names items the 1 MB one does not have, and its own
  // that are not there, so that an ID typed may be the "did you mean" of thousands of refs.
  log(`  language server, mid-refactor (${UNRESOLVED_PER_DOC * 2} unresolved refs in each other document):`);
  for (const m of ws.models.slice(1)) fs.appendFileSync(path.join(dir, `${m.id}.kent`), unresolvedClaims(big.id));
  const refactor = await run(edits.filter((e) => e.kind === 'id').slice(0, QUICK ? 4 : 40), 120_000);
  return { ...main, refactor };
});
const lsp = editRow.after;

/** Claims whose refs name nothing: half into the 1 MB document (`big/gone-N`), half local (`nope-N`). */
function unresolvedClaims(bigId) {
  let out = '';
  for (let i = 0; i < UNRESOLVED_PER_DOC; i++) out += `\nclaim Refactor${i}: A claim whose support was renamed away.\n  because: ${bigId}/gone-${i}, nope-${i}\n`;
  return out;
}

// ---------------------------------------------------------------------------------------------
// The report.

const mbps = (bytes, ms) => mb(bytes) / (ms / 1000);
const quantile = (xs, q) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? s[Math.min(s.length - 1, Math.ceil(q * s.length) - 1)] : NaN;
};
const median = (xs) => quantile(xs, 0.5);
/** Own work per edit on the server's clock (its trace), for the edits it traced. */
const serverOwn = (xs) => xs.flatMap((x) => (x.serverRun ? [x.serverRun.ownWorkMs] : []));
const p95 = (xs) => quantile(xs, 0.95);

// Growth exponent of time against size: least squares on log-log over the sizes from 10 documents up.
const pts = rows.filter((r) => r.docs >= 10);
const lx = pts.map((r) => Math.log(r.bytes));
const ly = pts.map((r) => Math.log(r.kent.ms));
const lyc = pts.map((r) => Math.log(r.kent.cpuMs));
const mean = (a) => a.reduce((s, x) => s + x, 0) / a.length;
const slope = (ys) => {
  const mx = mean(lx);
  const my = mean(ys);
  return lx.reduce((s, x, i) => s + (x - mx) * (ys[i] - my), 0) / lx.reduce((s, x) => s + (x - mx) ** 2, 0);
};
const exponent = slope(ly);
const exponentCpu = slope(lyc);

const cpu = os.cpus();
const machine = `${cpu.length} × ${cpu[0]?.model ?? 'CPU'}${cpu[0]?.speed ? ` (${cpu[0].speed} MHz)` : ''}, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB RAM, Node ${process.version}, ${os.type()} ${os.release()}`;
const loadAtEnd = os.loadavg();
const L = [];
L.push('# Kent benchmark', '');
L.push(`Run ${new Date().toISOString()} by \`npm run bench\` (bench/run.mjs); every figure below is from this one run (${((performance.now() - runStart) / 60000).toFixed(1)} min).`, '');
L.push(`Machine: ${machine}. Load average (1 min) ${loadAtStart[0].toFixed(1)} at the start, ${loadAtEnd[0].toFixed(1)} at the end (other sessions' processes share the ${cpu.length} cores; under load wall time exceeds CPU time). CPU time counts every thread of a process, the garbage collector's included, so it can also exceed wall time. Ratios are taken within the run, each tool in its own fresh process on the same bytes, so load weighs on both sides.`, '');

L.push('## Workspaces', '');
L.push(`Generated by bench/generate.mjs from what bench/samples.mjs measures on samples/russia-taiwan: every item copies the shape of a randomly drawn sample item of its kind (statement length, refs by kind in \`because\`/\`against\`/\`assumes\`, cross-document relations, attributes and their values); items, prose paragraphs, headings, comments, sources with local files (quoted passages included) and BibTeX bibliographies come at the samples' rates per KB. Text comes from a bigram model of the samples' own prose. Documents form topics of ${TOPIC_DOCS} (the samples' count): a topic shares a vocabulary (the samples' frequent words, renamed per topic) and ${Math.round((1 - CROSS_TOPIC) * 100)}% of its cross-document refs; rarer words are each document's own.`, '');
L.push('| statistic | samples/russia-taiwan | generated, 1,000 documents |', '| --- | ---: | ---: |');
const g = rows.find((r) => r.stats).stats;
for (const k of Object.keys(sample)) if (k !== 'kb' && k !== 'documents') L.push(`| ${k} | ${typeof sample[k] === 'number' ? fmt(sample[k]) : sample[k]} | ${typeof g[k] === 'number' ? fmt(g[k]) : g[k]} |`);
L.push('');

L.push('## Cold `kent check`', '');
L.push(`A fresh process per workspace runs \`kent check --format json\` (files already in the OS cache). Time is from calling the CLI to its exit code: reading, parsing, every check, the JSON. Before it, in the same process, a plain line scan reads the same files and tests every line once (the floor). Each figure is the run of median wall time of ${REPS}, each in its own fresh process (the peers below alike).`, '');
L.push('| workspace | .kent MB | items | wall s | CPU s | MB/s | items/s | MB/s on CPU time | peak RSS MB | line scan MB/s (floor) |', '| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |');
for (const r of [...rows, editRow]) L.push(`| ${r.name}${r === editRow ? '' : ` × ~${Math.round(r.bytes / r.docs / 1000)} KB`} | ${fmt(mb(r.bytes))} | ${r.items} | ${fmt(r.kent.ms / 1000)} | ${fmt(r.kent.cpuMs / 1000)} | ${fmt(mbps(r.bytes, r.kent.ms))} | ${Math.round(r.items / (r.kent.ms / 1000))} | ${fmt(mbps(r.bytes, r.kent.cpuMs))} | ${Math.round(r.kent.maxRssMb)} | ${Math.round(mbps(r.kent.bytes, r.kent.baselineMs))} |`);
L.push('', `Time grows as size^${exponent.toFixed(2)} (wall) and size^${exponentCpu.toFixed(2)} (CPU) over the series from 10 documents up (least squares on log-log; 1.00 is linear).${LARGE ? '' : ' The series has ~10 KB documents (1,000 documents ≈ 10 MB), to keep the run near 10 minutes on this machine with Kent at its present speed; \`--large\` makes them ~50 KB (50 MB).'}`, '');

const profile = editRow.profile;
if (profile) L.push(`Where the time goes (a separate \`--cpu-prof\` run of the 200-document, 10 MB check, self time): ${profile.map((p) => `${p.name} ${(p.share * 100).toFixed(0)}%`).join(', ')}.`, '');

L.push('## Beside Argdown and Markdown, on equal bytes', '');
L.push(`Same documents, statements and relations, rendered as Argdown (judgments, claims, sources as statements, evidence as arguments; \`because\` → support, \`against\` → attack, \`contradicts\` → contrary, \`negates\` → contradictory; likelihood and confidence as tags) and as Markdown (each item a heading; every ref a link, cross-document ones to \`other.md#id\`, sources to their files). Argdown: \`@argdown/core\` ArgdownApplication, parser plugin, then parser + model plugins, one run per file. Markdown: \`vscode-markdown-languageservice\` \`computeDiagnostics\` on every document of an in-memory workspace, all link validation on. Each tool in a fresh process; time includes reading the files. "× Kent" is its MB/s over Kent's (above 1: faster than Kent); "CPU" the same ratio on CPU time.`, '');
L.push('| workspace | Kent MB/s | line scan (floor) | Argdown parse | Argdown parse + model | Markdown link diagnostics |', '| --- | ---: | ---: | ---: | ---: | ---: |');
const vs = (r, t) => {
  const k = mbps(r.bytes, r.kent.ms);
  const kc = mbps(r.bytes, r.kent.cpuMs);
  const m = mbps(t.bytes, t.ms);
  return `${fmt(m)} MB/s = ${fmt(m / k, 1)}× Kent (CPU: ${fmt(mbps(t.bytes, t.cpuMs) / kc, 1)}×)`;
};
for (const r of [...rows, editRow].filter((r) => r.argdownParse)) {
  L.push(`| ${r.name} (${fmt(mb(r.bytes))} MB) | ${fmt(mbps(r.bytes, r.kent.ms))} | ${fmt(mbps(r.kent.bytes, r.kent.baselineMs) / mbps(r.bytes, r.kent.ms), 0)}× | ${vs(r, r.argdownParse)} | ${vs(r, r.argdownModel)} | ${vs(r, r.markdown)} |`);
}
const e = editRow;
L.push('', `Sizes: Argdown ${fmt(mb(e.argdownParse.bytes))} MB and Markdown ${fmt(mb(e.markdown.bytes))} MB against Kent's ${fmt(mb(e.bytes))} MB for the 200-document workspace; Argdown reported ${e.argdownParse.errors} lexer/parser errors and built ${e.argdownModel.statements} statements and arguments with ${e.argdownModel.relations} relations; the Markdown service reported ${e.markdown.errors} link diagnostics (none expected). Peak RSS: Argdown ${Math.round(e.argdownModel.maxRssMb)} MB, Markdown ${Math.round(e.markdown.maxRssMb)} MB, Kent ${Math.round(e.kent.maxRssMb)} MB.`, '');

L.push('## Editing through the language server', '');
const res = lsp.results;
const kinds = [
  ['all edits', () => true],
  ['ID referenced from other documents', (x) => x.kind === 'id'],
  ['likelihood referenced from other documents (70% ↔ 20%)', (x) => x.kind === 'likelihood'],
  ['local: the edited document only', (x) => x.kind === 'local'],
];
L.push(`\`node bin/kent-language-server.js --stdio\`, workspace folder of 200 documents (${fmt(mb(e.bytes))} MB, one of ${fmt(mb(BIG), 1)} MB, open in the client; the others closed, read from disk). Cold start to every document's first diagnostics: ${fmt(lsp.coldMs / 1000)} s. Then ${res.length}${res.length < lsp.planned ? ` of the ${lsp.planned} planned (the rest did not fit the run's ${lsp.budgetMs / 1000} s budget for edits)` : ''} one-character edits in the 1 MB document, each an incremental \`didChange\` with a range, each followed by its undo; an ID edit appends a character to an item ID that other documents name, a likelihood edit turns \`70%\` into \`20%\` (and back) on an item other documents relate to, a local edit is a typo in a \`confidence:\` value, a \`because:\` ref or a prose \`[[ref]]\`. Time: from sending \`didChange\` to receiving the last \`publishDiagnostics\` the edit caused, every affected document included (the client waits for the documents whose diagnostics must change, then until the server is idle, counting any other document it republished). The server waits DEBOUNCE_MS = ${debounce} ms from an edit's arrival before checking (it applies and re-parses the change during that wait). "Server's own work" is the time from the edit to its last diagnostics less that wait, twice: as the client sees it (end to end, less the wait: it includes the pipe and the client's reading and parsing of the message, ~110 KB for the 1 MB document's diagnostics), and on the server's clock (its trace, \`$/logTrace\` with tracing \`verbose\`: from the \`didChange\` handler to the last diagnostics written to the pipe, less the wait; a message larger than the pipe's buffer is written only as the client reads it). The last column is all the CPU time the server spent per edit, within the wait or not.`, '');
L.push('| edits | n | docs republished (mean / max) | end to end median | end to end p95 | own work, client\'s clock: median | p95 | own work, server\'s clock: median | p95 | server CPU per edit (mean) |', '| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |');
for (const [label, f] of kinds) {
  const xs = res.filter(f);
  if (!xs.length) continue;
  const ms = xs.map((x) => x.ms);
  const own = xs.map((x) => x.ms - debounce);
  const server = serverOwn(xs);
  L.push(`| ${label} | ${xs.length} | ${fmt(mean(xs.map((x) => x.published)), 1)} / ${Math.max(...xs.map((x) => x.published))} | ${fmt(median(ms))} ms | ${fmt(p95(ms))} ms | ${fmt(median(own))} ms | ${fmt(p95(own))} ms | ${fmt(median(server))} ms | ${fmt(p95(server))} ms | ${fmt(mean(xs.map((x) => x.cpuMs)))} ms |`);
}
const runs = res.flatMap((x) => (x.serverRun ? [x.serverRun] : []));
if (runs.length) {
  const check = runs.map((r) => r.checkMs);
  const write = runs.map((r) => r.checkAndWriteMs - r.checkMs);
  const late = runs.map((r) => r.startedLateMs);
  L.push('', `On the server's clock, the own work splits into re-checking and converting (median ${fmt(median(check))} ms, p95 ${fmt(p95(check))} ms), writing the diagnostics to the pipe (median ${fmt(median(write))} ms, p95 ${fmt(p95(write))} ms) and the timer's lateness after the wait (median ${fmt(median(late))} ms, p95 ${fmt(p95(late))} ms).`);
}
const untraced = res.filter((x) => !x.serverRun).length;
if (untraced) L.push('', `${untraced} of ${res.length} edits had no trace of their run from the server: the server's clock leaves them out.`);
const missed = res.filter((x) => x.missed).length;
const extra = res.filter((x) => x.extra).length;
const reorders = res.reduce((n, x) => n + x.reorderedOnly, 0);
L.push('', `Expected documents not republished: ${missed} of ${res.length} edits${missed ? ' (a missed update!)' : ''}; edits that also republished documents beyond the expected ones: ${extra}; publications whose diagnostics were the same as before but in another order: ${reorders}. After the edits and their undos, every document's diagnostics equal the initial ones: ${lsp.reverted ? 'yes' : `NO, in ${lsp.differing.length} documents`}${lsp.reordered ? ` (in ${lsp.reordered} the same diagnostics came back in another order)` : ''}. Server peak RSS: ${lsp.serverPeakRssMb ? Math.round(lsp.serverPeakRssMb) + ' MB' : 'n/a'}.`, '');

const rf = lsp.refactor?.results ?? [];
if (rf.length) {
  const unresolved = (EDIT_DOCS - 1) * UNRESOLVED_PER_DOC * 2;
  L.push(`**Mid-refactor.** The same workspace, after each of the other ${EDIT_DOCS - 1} documents got ${UNRESOLVED_PER_DOC} claims each naming an item the 1 MB document does not have and one of its own that is not there (${unresolved.toLocaleString('en-US')} unresolved refs, half of them into the 1 MB document), then ${rf.length} ID edits as above: an ID typed may now be the "did you mean" of any of them, and only the refs it is near enough to be offered to are re-checked.`, '');
  L.push('| edits | n | docs republished (mean / max) | end to end median | end to end p95 | own work, server\'s clock: median | p95 |', '| --- | ---: | ---: | ---: | ---: | ---: | ---: |');
  const server = serverOwn(rf);
  L.push(`| ID referenced from other documents, mid-refactor | ${rf.length} | ${fmt(mean(rf.map((x) => x.published)), 1)} / ${Math.max(...rf.map((x) => x.published))} | ${fmt(median(rf.map((x) => x.ms)))} ms | ${fmt(p95(rf.map((x) => x.ms)))} ms | ${fmt(median(server))} ms | ${fmt(p95(server))} ms |`, '');
}

L.push('## Targets', '');
const coldMbps = mbps(e.bytes, e.kent.ms);
const ownP95 = p95(serverOwn(res));
const clientOwnP95 = p95(res.map((x) => x.ms - debounce));
const t = (ok, text) => `- ${ok ? 'met' : 'MISSED'}: ${text}`;
L.push(t(coldMbps >= 8, `cold check of the 10 MB / 200-document workspace ≥ 8 MB/s end to end: ${fmt(coldMbps)} MB/s${coldMbps >= 8 ? '' : `, short by ${fmt(8 - coldMbps)} MB/s (${fmt(8 / coldMbps, 1)}× too slow)`}; on CPU time ${fmt(mbps(e.bytes, e.kent.cpuMs))} MB/s.`));
// The peers as a yardstick of the machine: the issue measured them before setting the targets.
const thousand = rows.find((r) => r.name === '1,000 docs' && r.markdown);
if (thousand) {
  const md = mbps(thousand.markdown.bytes, thousand.markdown.ms);
  L.push(`  For scale: the issue measured the Markdown language service at 6.6 MB/s cold on 1,000 files before it set this target; this run measured it at ${fmt(md)} MB/s on the same shape, so the machine ran at ${fmt(md / 6.6, 2)}× that speed (8 MB/s then would be ${fmt((8 * md) / 6.6)} MB/s now). The target is judged as written, not scaled.`);
}
L.push(t(ownP95 <= 10, `one-character edit in the 1 MB document, server's own work p95 ≤ 10 ms: ${fmt(ownP95)} ms on the server's clock${ownP95 <= 10 ? '' : `, over by ${fmt(ownP95 - 10)} ms`}; as the client sees it (end to end less the wait, the transfer and the client's parsing included) ${fmt(clientOwnP95)} ms${clientOwnP95 <= 10 ? '' : `, ${fmt(clientOwnP95 - 10)} ms over`} (end to end p95 ${fmt(p95(res.map((x) => x.ms)))} ms).`));
L.push(t(debounce <= 150, `debounce ≤ 150 ms: ${debounce} ms.`));
const rss = (x) => `${Math.round(x)} MB${x <= 400 ? '' : ` (over by ${Math.round(x - 400)} MB)`}`;
const rssOk = e.kent.maxRssMb <= 400 && !(lsp.serverPeakRssMb > 400);
L.push(t(rssOk, `peak RSS ≤ 400 MB for the 10 MB workspace: \`kent check\` ${rss(e.kent.maxRssMb)}${lsp.serverPeakRssMb ? `; language server after the edits ${rss(lsp.serverPeakRssMb)}` : ''}.`));
L.push(t(exponent <= 1.1, `time linear in size: grows as size^${exponent.toFixed(2)} (wall), size^${exponentCpu.toFixed(2)} (CPU).`));
L.push('');

const report = L.join('\n');
fs.writeFileSync(path.join(here, 'RESULTS.md'), report);
console.log(report);
if (lsp.stderr.trim()) log(`language server stderr (tail):\n${lsp.stderr}`);
