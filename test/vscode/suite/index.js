// Entry of the VS Code extension test suite.  VS Code's test runner loads this
// file in the extension host (extensionTestsPath) and awaits exports.run();
// a throw makes the extension host exit non-zero.  Works the same under
// test/vscode/run.mjs (code-server + Chromium) and test/vscode/electron.mjs
// (@vscode/test-electron).
//
// A tiny built-in runner (no mocha): test files call test(name, fn) or
// test.skip(name, reason); tests run one after another in registration order.
// Every *.test.js file beside this one is loaded (kent.test.js holds Kent's).
'use strict';

const fs = require('fs');
const path = require('path');
const vscode = require('vscode');

const tests = [];
function test(name, fn, { timeoutMs = 30_000 } = {}) {
  tests.push({ name, fn, timeoutMs });
}
/** Marks a test skipped from inside it: `skip('why')` throws a Skip. */
class Skip extends Error {}
function skip(reason) {
  throw new Skip(reason);
}
test.skip = (name, reason = '') => tests.push({ name, fn: () => skip(reason), timeoutMs: 1000 });

/** Prints lines the launcher shows (prefixed "[kent] "; other output shows only with KENT_VSCODE_VERBOSE=1). */
function log(...args) {
  const text = args.map((a) => (typeof a === 'string' ? a : require('util').inspect(a))).join(' ');
  console.log(text.split('\n').map((l) => `[kent] ${l}`).join('\n'));
}

function sleep(ms) {
  return new Promise((r) => setTimeout(r, ms));
}

/**
 * Resolves when predicate() is truthy.  Re-checked on every
 * vscode.languages.onDidChangeDiagnostics event (the usual thing to wait for)
 * and, as a fallback for other state (activation, editors...), every pollMs.
 * Rejects after timeoutMs with `message`.
 */
function waitFor(predicate, timeoutMs = 10_000, { pollMs = 200, message = 'condition' } = {}) {
  return new Promise((resolve, reject) => {
    let done = false;
    const finish = (err, value) => {
      if (done) return;
      done = true;
      sub.dispose();
      clearInterval(poll);
      clearTimeout(timer);
      err ? reject(err) : resolve(value);
    };
    const check = () => {
      try {
        const v = predicate();
        if (v) finish(null, v);
      } catch (e) {
        finish(e);
      }
    };
    const sub = vscode.languages.onDidChangeDiagnostics(check);
    const poll = setInterval(check, pollMs);
    const timer = setTimeout(() => finish(new Error(`timed out after ${timeoutMs} ms waiting for ${message}`)), timeoutMs);
    check();
  });
}

function workspaceRoot() {
  const folders = vscode.workspace.workspaceFolders;
  if (!folders || folders.length === 0) throw new Error('no workspace folder is open');
  return folders[0].uri;
}

/** URI of a workspace-relative path. */
function wsUri(relPath) {
  return vscode.Uri.joinPath(workspaceRoot(), ...relPath.split('/'));
}

/** Writes a workspace-relative file (creating folders), returns its URI. */
async function writeFile(relPath, text) {
  const uri = wsUri(relPath);
  await vscode.workspace.fs.writeFile(uri, Buffer.from(text, 'utf8'));
  return uri;
}

/** Opens a workspace-relative file in an editor; returns { doc, editor }. */
async function openDoc(relPath) {
  const doc = await vscode.workspace.openTextDocument(wsUri(relPath));
  const editor = await vscode.window.showTextDocument(doc, { preview: false });
  return { doc, editor };
}

/**
 * Asks the launcher for a screenshot test-artifacts/<name>.png of the window.
 * The extension host is not the browser, so it cannot call the page's
 * kentScreenshot(); it logs a request line that run.mjs sees and answers by
 * writing the file, which this waits for (best effort: under electron.mjs no
 * one answers and this returns false after timeoutMs).
 */
let screenshotSeq = 0;
async function screenshot(name, timeoutMs = 10_000) {
  const dir = process.env.KENT_TEST_ARTIFACTS;
  const safe = String(name).replace(/[^A-Za-z0-9._-]+/g, '_').slice(0, 100) || 'screenshot';
  if (!dir) return false;
  const file = path.join(dir, `${safe}.png`);
  const before = fs.existsSync(file) ? fs.statSync(file).mtimeMs : 0;
  console.log(`[kent-screenshot] ${safe}#${++screenshotSeq}`);
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    if (fs.existsSync(file) && fs.statSync(file).mtimeMs > before) return true;
    await sleep(100);
  }
  return false;
}

// Exported before the test files are required (they require this module).
Object.assign(exports, { test, skip, log, Skip, waitFor, openDoc, writeFile, wsUri, workspaceRoot, screenshot, sleep });

// ------------------------------------------------ harness self-tests (no Kent needed)
test('a workspace folder is open', async () => {
  const folders = vscode.workspace.workspaceFolders;
  if (!folders || folders.length === 0) throw new Error('vscode.workspace.workspaceFolders is empty');
  if (process.env.KENT_TEST_WORKSPACE && folders[0].uri.fsPath !== process.env.KENT_TEST_WORKSPACE) {
    throw new Error(`workspace is ${folders[0].uri.fsPath}, expected ${process.env.KENT_TEST_WORKSPACE}`);
  }
});

test('a file opens in an editor', async () => {
  const text = 'Harness smoke test.\n';
  await writeFile('harness-smoke.txt', text);
  const { doc } = await openDoc('harness-smoke.txt');
  if (doc.getText() !== text) throw new Error(`unexpected content ${JSON.stringify(doc.getText())}`);
  await waitFor(() => vscode.window.activeTextEditor?.document.uri.toString() === doc.uri.toString(), 10_000, {
    message: 'the file to be the active editor',
  });
});

// ------------------------------------------------ runner
function withTimeout(promise, ms, name) {
  let timer;
  return Promise.race([
    promise.finally(() => clearTimeout(timer)),
    new Promise((_, reject) => (timer = setTimeout(() => reject(new Error(`test "${name}" timed out after ${ms} ms`)), ms))),
  ]);
}

exports.run = async function run() {
  for (const f of fs.readdirSync(__dirname).filter((f) => f.endsWith('.test.js')).sort()) {
    require(path.join(__dirname, f));
  }
  const only = process.env.KENT_TEST_GREP ? new RegExp(process.env.KENT_TEST_GREP) : null;
  const results = { passed: 0, failed: 0, skipped: 0, tests: [] };
  log(`running ${tests.length} tests in VS Code ${vscode.version}`);
  for (const t of tests) {
    if (only && !only.test(t.name)) continue;
    const t0 = Date.now();
    let status;
    let error;
    try {
      await withTimeout(Promise.resolve().then(t.fn), t.timeoutMs, t.name);
      status = 'passed';
      log(`✓ ${t.name} (${Date.now() - t0} ms)`);
    } catch (e) {
      if (e instanceof Skip) {
        status = 'skipped';
        log(`- ${t.name} (skipped: ${e.message})`);
      } else {
        status = 'failed';
        error = (e && e.stack) || String(e);
        log(`✗ ${t.name}: ${(e && e.message) || e}`);
        if (e && e.stack) log(String(e.stack).split('\n').slice(1, 6).join('\n'));
        await screenshot(`failed-${t.name}`, 5000).catch(() => {});
      }
    }
    results[status]++;
    results.tests.push({ name: t.name, status, ms: Date.now() - t0, error });
  }
  const line = `${results.passed} passed, ${results.failed} failed${results.skipped ? `, ${results.skipped} skipped` : ''}`;
  log(`suite finished — ${line}`);
  if (process.env.KENT_TEST_RESULTS) {
    fs.writeFileSync(process.env.KENT_TEST_RESULTS, JSON.stringify(results, null, 2));
  }
  if (results.failed > 0) throw new Error(`${results.failed} test(s) failed`);
};
