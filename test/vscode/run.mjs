#!/usr/bin/env node
// Runs an extension test suite inside a real VS Code (code-server's VS Code,
// driven by headless Debian Chromium through playwright-core), without any
// download.  Needs `bash .ci/install-vscode.sh` first.
//
//   node test/vscode/run.mjs [--extension DIR] [--suite ABS/index.js] [--workspace DIR]
//                            [--timeout SECONDS] [--keep-workspace]
//
// Defaults: extension = repo root, suite = test/vscode/suite/index.js,
// workspace = a temp copy of samples/ (tests may edit it).
// Prints "N passed, N failed[, N skipped]" alone on the last line; exits 0 only
// if the suite passed.  Screenshots go to test-artifacts/.
import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const CACHE = process.env.KENT_VSCODE_CACHE || path.join(ROOT, '.cache/vscode');
const ARTIFACTS = path.join(ROOT, 'test-artifacts');
const started = Date.now();
const elapsed = () => `${((Date.now() - started) / 1000).toFixed(1)}s`;
const say = (msg) => console.log(`[vscode-test ${elapsed()}] ${msg}`);

// ---------------------------------------------------------------- arguments
function parseArgs(argv) {
  const opts = { timeout: Number(process.env.KENT_VSCODE_TIMEOUT || 300) };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const val = () => {
      if (i + 1 >= argv.length) die(`missing value for ${a}`);
      return argv[++i];
    };
    if (a === '--extension') opts.extension = val();
    else if (a === '--suite') opts.suite = val();
    else if (a === '--workspace') opts.workspace = val();
    else if (a === '--timeout') opts.timeout = Number(val());
    else if (a === '--keep-workspace') opts.keepWorkspace = true;
    else if (a === '-h' || a === '--help') {
      console.log('usage: node test/vscode/run.mjs [--extension DIR] [--suite ABS/index.js] [--workspace DIR] [--timeout S] [--keep-workspace]');
      process.exit(0);
    } else die(`unknown argument ${a}`);
  }
  return opts;
}
function die(msg) {
  console.error(`[vscode-test] ${msg}`);
  console.log('0 passed, 1 failed');
  process.exit(2);
}

const opts = parseArgs(process.argv.slice(2));
const extensionPath = path.resolve(opts.extension || ROOT);
const suitePath = path.resolve(opts.suite || path.join(ROOT, 'test/vscode/suite/index.js'));
if (!fs.existsSync(path.join(extensionPath, 'package.json'))) die(`no package.json in extension dir ${extensionPath}`);
if (!fs.existsSync(suitePath)) die(`suite not found: ${suitePath}`);

// ---------------------------------------------------------------- tools
const NODE24_CANDIDATES = [path.join(CACHE, 'node24/node_modules/node/bin/node')];
const node24 = NODE24_CANDIDATES.find((p) => fs.existsSync(p));
const csEntry = path.join(CACHE, 'node_modules/code-server/out/node/entry.js');
const requireCache = createRequire(path.join(CACHE, 'package.json'));
if (!node24 || !fs.existsSync(csEntry)) die(`code-server / Node 24 not installed in ${CACHE}: run  bash .ci/install-vscode.sh`);
let chromium;
try {
  chromium = requireCache('playwright-core').chromium;
} catch (e) {
  die(`playwright-core not installed in ${CACHE}: run  bash .ci/install-vscode.sh (${e.message})`);
}
const browserExe = ['/usr/lib/chromium/chromium', '/usr/bin/chromium', '/usr/bin/chromium-browser'].find((p) => fs.existsSync(p));
if (!browserExe) die('Debian chromium not found: run  bash .ci/install-vscode.sh');

// ---------------------------------------------------------------- temp dirs
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'kent-vscode-'));
const dirs = {
  userData: path.join(tmp, 'user-data'),
  extensions: path.join(tmp, 'extensions'),
  browser: path.join(tmp, 'browser'),
  xdgConfig: path.join(tmp, 'xdg-config'),
  xdgData: path.join(tmp, 'xdg-data'),
};
for (const d of Object.values(dirs)) fs.mkdirSync(d, { recursive: true });
let workspace;
if (opts.workspace) {
  workspace = path.resolve(opts.workspace);
} else {
  workspace = path.join(tmp, 'workspace');
  const samples = path.join(ROOT, 'samples');
  if (fs.existsSync(samples)) fs.cpSync(samples, workspace, { recursive: true });
  else fs.mkdirSync(workspace, { recursive: true });
}
fs.mkdirSync(ARTIFACTS, { recursive: true });
// Drop this launcher's own stale pictures so a failure.png is never an old one.
for (const f of fs.readdirSync(ARTIFACTS)) {
  if (f === 'vscode.png' || f === 'failure.png' || /^failed-.*\.png$/.test(f) || f.endsWith('.dom.json')) fs.rmSync(path.join(ARTIFACTS, f), { force: true });
}
// The suite (in the extension host, a child of code-server) reports here.
const resultsFile = path.join(tmp, 'results.json');
// User settings: keep the window quiet and deterministic.
fs.mkdirSync(path.join(dirs.userData, 'User'), { recursive: true });
fs.writeFileSync(
  path.join(dirs.userData, 'User/settings.json'),
  JSON.stringify(
    {
      'workbench.startupEditor': 'none',
      'workbench.tips.enabled': false,
      'workbench.enableExperiments': false,
      'telemetry.telemetryLevel': 'off',
      'extensions.autoUpdate': false,
      'extensions.autoCheckUpdates': false,
      'update.mode': 'none',
      'security.workspace.trust.enabled': false,
      'chat.disableAIFeatures': true,
      'git.enabled': false,
    },
    null,
    2,
  ),
);
fs.writeFileSync(path.join(tmp, 'config.yaml'), 'auth: none\n');

// ---------------------------------------------------------------- cleanup
let server; // code-server child, leader of its own process group
let browser; // a persistent BrowserContext
let page;
let cleaning; // the one cleanup promise
let stopSignal; // set when a signal stops the run
function killServer(signal = 'SIGTERM') {
  if (!server || server.exitCode !== null || server.signalCode !== null) return;
  try {
    process.kill(-server.pid, signal); // the whole group: server, extension host, pty host...
  } catch {}
}
function cleanup() {
  cleaning ??= doCleanup();
  return cleaning;
}
async function doCleanup() {
  say('cleaning up');
  try {
    await Promise.race([browser?.close(), sleep(5000)]);
  } catch {}
  killServer('SIGTERM');
  await Promise.race([new Promise((r) => (server && server.exitCode === null && server.signalCode === null ? server.once('exit', r) : r())), sleep(3000)]);
  killServer('SIGKILL');
  try {
    if (server) process.kill(-server.pid, 'SIGKILL'); // stragglers of the group
  } catch {}
  if (!opts.keepWorkspace) fs.rmSync(tmp, { recursive: true, force: true, maxRetries: 3 });
  else say(`kept temp dir ${tmp}`);
}
// Last resort if the process dies abruptly: synchronous group kill.
process.on('exit', () => {
  try {
    if (server && server.exitCode === null) process.kill(-server.pid, 'SIGKILL');
  } catch {}
});
for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
  process.on(sig, async () => {
    if (stopSignal) return;
    stopSignal = sig;
    say(`got ${sig}, stopping`);
    await cleanup();
    console.error(`[vscode-test] stopped by ${sig}`);
    console.log('0 passed, 1 failed');
    process.exit(sig === 'SIGINT' ? 130 : 143);
  });
}

function sleep(ms) {
  return new Promise((r) => setTimeout(r, ms));
}
function freePort() {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.unref();
    s.on('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });
}
async function waitForHttp(url, ms) {
  const until = Date.now() + ms;
  let last;
  while (Date.now() < until) {
    if (server.exitCode !== null) throw new Error(`code-server exited early with code ${server.exitCode}`);
    try {
      const res = await fetch(url, { redirect: 'manual' });
      if (res.status < 500) return;
      last = `HTTP ${res.status}`;
    } catch (e) {
      last = e.message;
    }
    await sleep(200);
  }
  throw new Error(`code-server did not answer at ${url} within ${ms} ms (${last})`);
}
function safeName(name) {
  return String(name).replace(/[^A-Za-z0-9._-]+/g, '_').slice(0, 100) || 'screenshot';
}

// ---------------------------------------------------------------- main
async function main() {
  const port = await freePort();
  const serverLog = fs.createWriteStream(path.join(ARTIFACTS, 'code-server.log'));
  const args = [
    csEntry,
    '--config', path.join(tmp, 'config.yaml'),
    '--auth', 'none',
    '--bind-addr', `127.0.0.1:${port}`,
    '--user-data-dir', dirs.userData,
    '--extensions-dir', dirs.extensions,
    '--disable-workspace-trust',
    '--disable-telemetry',
    '--disable-update-check',
    '--disable-getting-started-override',
    '--ignore-last-opened',
    '--vscode-option', 'enable-smoke-test-driver',
  ];
  say(`starting code-server on 127.0.0.1:${port}`);
  server = spawn(node24, args, {
    detached: true, // own process group, killed whole at the end
    stdio: ['ignore', 'pipe', 'pipe'],
    env: {
      ...process.env,
      XDG_CONFIG_HOME: dirs.xdgConfig,
      XDG_DATA_HOME: dirs.xdgData,
      KENT_TEST_RESULTS: resultsFile,
      KENT_TEST_ARTIFACTS: ARTIFACTS,
      KENT_EXTENSION_PATH: extensionPath,
      // No extension gallery: nothing to fetch, no lookups of outside hosts.
      EXTENSIONS_GALLERY: '{}',
      KENT_TEST_WORKSPACE: workspace,
    },
  });
  server.stdout.pipe(serverLog);
  server.stderr.pipe(serverLog);
  await waitForHttp(`http://127.0.0.1:${port}/healthz`, 60_000);
  say('code-server is up');

  const remote = (p) => `vscode-remote://127.0.0.1:${port}${p.split(path.sep).join('/')}`;
  const payload = JSON.stringify([
    ['extensionDevelopmentPath', remote(extensionPath)],
    ['extensionTestsPath', remote(suitePath)],
  ]);
  const url = `http://127.0.0.1:${port}/?folder=${encodeURIComponent(workspace)}&payload=${encodeURIComponent(payload)}`;

  // A fresh profile of our own (removed with the temp dir).
  browser = await chromium.launchPersistentContext(dirs.browser, {
    executablePath: browserExe,
    headless: true,
    viewport: { width: 1400, height: 900 },
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--disable-background-networking', '--disable-component-update', '--no-first-run', '--disable-sync', '--disable-dev-shm-usage'],
  });
  const context = browser;
  page = context.pages()[0] ?? (await context.newPage());

  let exitCode;
  let exitResolve;
  const exited = new Promise((r) => (exitResolve = r));
  const shots = [];
  const takeShot = async (name) => {
    const file = path.join(ARTIFACTS, `${safeName(name)}.png`);
    const tmpFile = `${file}.tmp.png`;
    await page.screenshot({ path: tmpFile, timeout: 10_000 });
    fs.renameSync(tmpFile, file); // appears whole: the suite polls for it
    shots.push(file);
    return file;
  };
  // Every workbench log line, and the extension host's console (forwarded to
  // the window's logger), reaches codeAutomationLog (enable-smoke-test-driver).
  // The suite marks its own lines "[kent] ..." (see suite/index.js log()); only
  // those are shown unless KENT_VSCODE_VERBOSE=1.  A "[kent-screenshot] name#n"
  // line asks for test-artifacts/name.png (the extension host is another
  // process than the page, so it cannot call an exposed function itself).
  const seen = new Set();
  // A "[kent-dom] name#n CSS" line asks for the visible elements matching CSS:
  // run.mjs writes [{ text, label, id }] (or { error }) to test-artifacts/name.dom.json (the
  // suite cannot see the page: this is how it reads the status bar or waits for
  // a hover widget).
  const queryDom = async (name, selector) => {
    let found;
    try {
      found = await page.$$eval(selector, (els) =>
        els
          .filter((e) => e.getClientRects().length > 0 && getComputedStyle(e).visibility !== 'hidden')
          .map((e) => ({ text: e.textContent, label: e.getAttribute('aria-label'), id: e.id })),
      );
    } catch (e) {
      found = { error: e.message };
    }
    const file = path.join(ARTIFACTS, `${safeName(name)}.dom.json`);
    fs.writeFileSync(`${file}.tmp`, JSON.stringify(found));
    fs.renameSync(`${file}.tmp`, file);
  };
  const printLog = (text) => {
    const q = /\[kent-dom\] ([A-Za-z0-9._-]+)#(\d+) (.+)$/.exec(text);
    if (q) {
      if (!seen.has(`dom:${q[1]}#${q[2]}`)) {
        seen.add(`dom:${q[1]}#${q[2]}`);
        queryDom(q[1], q[3]).catch((e) => say(`dom query ${q[1]} failed: ${e.message}`));
      }
      return;
    }
    const m = /\[kent-screenshot\] ([A-Za-z0-9._-]+)#(\d+)/.exec(text);
    if (m) {
      if (!seen.has(m[0])) {
        seen.add(m[0]);
        takeShot(m[1]).catch((e) => say(`screenshot ${m[1]} failed: ${e.message}`));
      }
      return;
    }
    const k = /\[kent\] ?(.*)$/u.exec(text);
    if (k) console.log(k[1]);
    else if (process.env.KENT_VSCODE_VERBOSE) console.log(`  | ${text}`);
  };
  await page.exposeFunction('codeAutomationLog', (level, args) => {
    const text = Array.isArray(args) ? args.map((a) => (typeof a === 'string' ? a : JSON.stringify(a))).join(' ') : String(args);
    for (const line of text.split('\n')) printLog(line);
  });
  await page.exposeFunction('codeAutomationExit', (code) => {
    exitCode = code;
    exitResolve();
  });
  if (process.env.KENT_VSCODE_VERBOSE) page.on('console', (msg) => console.log(`  console.${msg.type()}: ${msg.text()}`));
  page.on('pageerror', (e) => process.env.KENT_VSCODE_VERBOSE && console.log(`  pageerror: ${e.message}`));

  say(`opening VS Code: extension=${extensionPath} suite=${suitePath} workspace=${workspace}`);
  await page.goto(url, { waitUntil: 'domcontentloaded' });

  const serverDied = new Promise((r) => server.once('exit', (c, s) => r(`server-exit:${c ?? s}`)));
  const outcome = await Promise.race([exited.then(() => 'exit'), serverDied]);
  let failedReason;
  if (outcome.startsWith('server-exit')) failedReason = `code-server died (${outcome}) before the suite finished (see test-artifacts/code-server.log)`;

  say(outcome === 'exit' ? 'extension host exited' : 'stopping');
  try {
    await takeShot('vscode');
    if (failedReason || exitCode !== 0) await takeShot('failure');
  } catch (e) {
    say(`final screenshot failed: ${e.message}`);
  }
  return { exitCode, failedReason };
}

// Overall timeout, from start to the suite's exit (startup included).
async function withOverallTimeout() {
  let timer;
  const timedOut = new Promise((r) => (timer = setTimeout(r, opts.timeout * 1000, 'timeout')));
  const out = await Promise.race([main(), timedOut]);
  clearTimeout(timer);
  if (out !== 'timeout') return out;
  say('stopping');
  try {
    if (page) await page.screenshot({ path: path.join(ARTIFACTS, 'vscode.png'), timeout: 10_000 });
    if (page) fs.copyFileSync(path.join(ARTIFACTS, 'vscode.png'), path.join(ARTIFACTS, 'failure.png'));
  } catch {}
  return { failedReason: `TIMEOUT: the suite did not finish within ${opts.timeout} s (see test-artifacts/code-server.log and test-artifacts/failure.png; --timeout S to change)` };
}

let result;
try {
  result = await withOverallTimeout();
} catch (e) {
  result = { failedReason: `harness error: ${e.stack || e.message}` };
  try {
    if (page) await page.screenshot({ path: path.join(ARTIFACTS, 'failure.png'), timeout: 10_000 });
  } catch {}
}
if (stopSignal) await new Promise(() => {}); // the signal handler reports and exits
let summary;
try {
  summary = JSON.parse(fs.readFileSync(resultsFile, 'utf8'));
} catch {}
await cleanup();

const { exitCode, failedReason } = result;
if (failedReason) console.error(`[vscode-test] ${failedReason}`);
say(`extension host exit code ${exitCode ?? '(none)'}; screenshots in ${path.relative(process.cwd(), ARTIFACTS) || '.'}/`);
let passed = summary?.passed ?? 0;
let failed = summary?.failed ?? 0;
const skipped = summary?.skipped ?? 0;
const ok = !failedReason && exitCode === 0 && failed === 0 && summary != null;
if (!ok && failed === 0) failed = 1; // crash / timeout / no report: count one failure
if (!summary && !failedReason) console.error('[vscode-test] the suite reported no results (did it run? is KENT_TEST_RESULTS reaching the extension host?)');
console.log(`${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`);
process.exit(ok ? 0 : 1);
