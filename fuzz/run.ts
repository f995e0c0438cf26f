// `npm run fuzz -- [--cases N] [--seconds S] [--seed X] [--lsp-share F] [--workers W] [--max-ms MS]`
//
// Throws random and mutated documents at Kent until N cases have run or S seconds have passed:
// most cases go through the core in-process (parse, check, every editor service at random
// offsets; fuzz/core.ts), the rest are edit and request operations against the real bundled
// language server over stdio (fuzz/lsp.ts). Any exception, any operation over a second, any
// range outside its document, a server that logs an error, dies or stops answering: the run
// fails, printing the case and how to replay it (`--replay CASE` reruns one core case).
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { fork, type ChildProcess } from 'node:child_process';
import { CoreFuzzer, FuzzFailure, type CoreStats } from './core';
import { loadSamples, ROOT } from './gen';
import { LspFuzzFailure, runLspFuzz, SERVER, type LspStats } from './lsp';

interface Args {
  cases: number;
  seconds: number;
  seed: string;
  lspShare: number;
  workers: number;
  maxMs: number;
  replay?: number;
}

function parseArgs(argv: string[]): Args {
  const args: Args = {
    cases: 100_000,
    seconds: 3600,
    seed: Math.random().toString(36).slice(2, 10),
    lspShare: 0.02,
    workers: Math.max(1, Math.min(2, os.cpus().length)),
    maxMs: 1000,
  };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const [flag, inline] = a.includes('=') ? [a.slice(0, a.indexOf('=')), a.slice(a.indexOf('=') + 1)] : [a, undefined];
    const value = () => {
      const v = inline ?? argv[++i];
      if (v === undefined) usage(`${flag} needs a value`);
      return v!;
    };
    const num = () => {
      const n = Number(value());
      if (!Number.isFinite(n) || n < 0) usage(`${flag} needs a non-negative number`);
      return n;
    };
    if (flag === '--cases') args.cases = Math.floor(num());
    else if (flag === '--seconds') args.seconds = num();
    else if (flag === '--seed') args.seed = value();
    else if (flag === '--lsp-share') args.lspShare = Math.min(1, num());
    else if (flag === '--workers') args.workers = Math.max(1, Math.floor(num()));
    else if (flag === '--max-ms') args.maxMs = num();
    else if (flag === '--replay') args.replay = Math.floor(num());
    else if (flag === '--help' || flag === '-h') usage();
    else usage(`unknown option ${a}`);
  }
  return args;
}

function usage(error?: string): never {
  const text = `Usage: npm run fuzz -- [--cases N] [--seconds S] [--seed X] [--lsp-share F] [--workers W] [--max-ms MS] [--replay CASE]
  --cases N      cases to run in all (default 100000); a share of them (--lsp-share, default 0.02)
                 are edit/request operations against the real language server, the rest core cases
  --seconds S    stop after this long even if N cases have not run (default 3600)
  --seed X       seed (default: random, printed); a failure names its case, replayable with --replay
  --workers W    threads for the core cases (default: up to 2)
  --max-ms MS    the slowest an operation may be (default 1000)`;
  if (error) {
    console.error(`fuzz: ${error}\n\n${text}`);
    process.exit(2);
  }
  console.log(text);
  process.exit(0);
}

/** Worker processes still running, stopped when the run fails. */
const children = new Set<ChildProcess>();

function report(kind: string, message: string, detail: { text?: string; [k: string]: unknown }, seed: string): never {
  let saved = '';
  if (detail.text !== undefined) {
    const file = path.join(os.tmpdir(), `kent-fuzz-failure-${seed}-${Date.now()}.kent`);
    fs.writeFileSync(file, detail.text);
    saved = `\nthe document is saved in ${file}`;
  }
  const { text: _text, stderr, ...rest } = detail;
  console.error(`\nFUZZ FAILURE (${kind}): ${message}\n${JSON.stringify(rest)}${saved}${stderr ? `\nserver stderr:\n${String(stderr)}` : ''}`);
  if (typeof rest.case === 'string') console.error(`replay: npm run fuzz -- --seed ${seed} --replay ${rest.case.split('/').pop()!.split('#')[0]}`);
  for (const child of children) child.kill();
  process.exit(1);
}

async function runCore(args: Args, count: number, deadline: number): Promise<{ stats: CoreStats[]; ran: number }> {
  const workers = Math.max(1, Math.min(args.workers, count));
  const script = path.join(__dirname, 'worker.ts');
  let ran = 0;
  let lastPrint = Date.now();
  const results = await Promise.all(
    Array.from({ length: workers }, (_, w) => {
      const share = Math.floor(count / workers) + (w < count % workers ? 1 : 0);
      return new Promise<CoreStats>((resolve, reject) => {
        const child = fork(script, [], { cwd: ROOT, execArgv: ['--import', 'tsx'], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
        children.add(child);
        child.on('exit', () => children.delete(child));
        let settled = false;
        child.on('message', (m: { type: string; done?: number; stats?: CoreStats; failure?: { message: string; detail: { text?: string } } }) => {
          if (m.type === 'progress') {
            ran += m.done!;
            if (Date.now() - lastPrint > 15_000) {
              lastPrint = Date.now();
              console.log(`  core: ${ran} cases`);
            }
          } else if (m.type === 'done') {
            settled = true;
            resolve(m.stats!);
          } else if (m.type === 'failure') report('core', m.failure!.message, m.failure!.detail, args.seed);
        });
        child.on('error', reject);
        child.on('exit', (code, signal) => (!settled ? reject(new Error(`fuzz worker ${w} exited with ${code ?? signal} before finishing`)) : undefined));
        child.send({ seed: args.seed, first: w, step: workers, count: share, deadline, maxMs: args.maxMs });
      });
    }),
  );
  return { stats: results, ran };
}

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  const samples = loadSamples();
  if (args.replay !== undefined) {
    const fuzzer = new CoreFuzzer(samples, { seed: args.seed, maxMs: args.maxMs });
    try {
      fuzzer.runCase(args.replay);
    } catch (e) {
      if (e instanceof FuzzFailure) report('core', e.message, e.detail, args.seed);
      throw e;
    }
    console.log(`case ${args.seed}/core/${args.replay} passes (${fuzzer.stats.operations} operations, slowest ${fuzzer.stats.slowest.op} ${fuzzer.stats.slowest.ms.toFixed(1)} ms)`);
    return;
  }
  if (!fs.existsSync(path.join(ROOT, 'dist', 'server.js'))) usage('dist/server.js is missing: run `node esbuild.mjs` first');
  const started = Date.now();
  const deadline = started + args.seconds * 1000;
  const lspOps = args.cases > 0 ? Math.max(args.lspShare > 0 ? 1 : 0, Math.round(args.cases * args.lspShare)) : 0;
  const coreCases = args.cases - lspOps;
  console.log(`fuzz: seed ${args.seed}, ${args.cases} cases (${coreCases} core, ${lspOps} language-server operations), at most ${args.seconds} s, ${args.workers} worker(s)`);

  // The core gets most of the time; the server sessions what is left (at least 15%).
  const core = await runCore(args, coreCases, started + args.seconds * 1000 * (lspOps ? 0.85 : 1));
  const coreMs = Date.now() - started;
  let lsp: LspStats | undefined;
  if (lspOps) {
    try {
      lsp = await runLspFuzz(samples, { seed: args.seed, operations: lspOps, deadline, maxMs: args.maxMs, server: SERVER });
    } catch (e) {
      if (e instanceof LspFuzzFailure) report('language server', e.message, e.detail, args.seed);
      throw e;
    }
  }
  const total = (Date.now() - started) / 1000;
  const ops = core.stats.reduce((n, s) => n + s.operations, 0);
  const slowest = core.stats.map((s) => s.slowest).sort((a, b) => b.ms - a.ms)[0];
  const time: Record<string, number> = {};
  for (const s of core.stats) for (const [k, v] of Object.entries(s.time)) time[k] = (time[k] ?? 0) + v;
  const ran = core.ran + (lsp?.operations ?? 0);
  console.log(`\nfuzz: ${ran} cases run in ${total.toFixed(1)} s, no failure (seed ${args.seed})`);
  console.log(`  core: ${core.ran} documents in ${(coreMs / 1000).toFixed(1)} s, ${ops} operations (parse, check, services); slowest ${slowest?.op} ${slowest?.ms.toFixed(1)} ms (${slowest?.case})`);
  console.log(`        time per operation: ${Object.entries(time).sort((a, b) => b[1] - a[1]).map(([k, v]) => `${k} ${(v / 1000).toFixed(1)} s`).join(', ')}`);
  if (lsp) {
    console.log(`  server: ${lsp.operations} operations in ${lsp.sessions} sessions (${lsp.edits} edits, ${lsp.requests} requests, ${lsp.checkpoints} checkpoints, ${lsp.retried} slow once and fast when sent again); slowest ${lsp.slowest.method} ${lsp.slowest.ms.toFixed(1)} ms; every session ended with the server answering a hover and exiting 0`);
  }
  if (ran < args.cases) console.log(`  stopped by --seconds ${args.seconds} before ${args.cases} cases`);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
