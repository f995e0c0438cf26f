#!/usr/bin/env node
// Alternative runner for machines WITH network (or a local VS Code build):
// the same suite (test/vscode/suite/index.js) in desktop VS Code through
// @vscode/test-electron, which downloads VS Code into .vscode-test/ unless
// --vscode-executable / VSCODE_EXECUTABLE points at an installed `code`.
// Not usable on the offline dev/CI machines: use test/vscode/run.mjs there.
//
//   node test/vscode/electron.mjs [--extension DIR] [--suite ABS/index.js] [--workspace DIR]
//                                 [--vscode-version stable|1.9x.y] [--vscode-executable PATH]
// Linux without a display: xvfb-run -a node test/vscode/electron.mjs
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const args = process.argv.slice(2);
const opt = (name, dflt) => {
  const i = args.indexOf(name);
  return i >= 0 && i + 1 < args.length ? args[i + 1] : dflt;
};

let runTests;
try {
  ({ runTests } = await import('@vscode/test-electron'));
} catch {
  console.error('@vscode/test-electron is not installed (npm install --save-dev @vscode/test-electron); offline, use node test/vscode/run.mjs');
  console.log('0 passed, 1 failed');
  process.exit(2);
}

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'kent-electron-'));
const extensionDevelopmentPath = path.resolve(opt('--extension', ROOT));
const extensionTestsPath = path.resolve(opt('--suite', path.join(ROOT, 'test/vscode/suite/index.js')));
let workspace = opt('--workspace');
if (workspace) workspace = path.resolve(workspace);
else {
  workspace = path.join(tmp, 'workspace');
  const samples = path.join(ROOT, 'samples');
  if (fs.existsSync(samples)) fs.cpSync(samples, workspace, { recursive: true });
  else fs.mkdirSync(workspace, { recursive: true });
}
const artifacts = path.join(ROOT, 'test-artifacts');
fs.mkdirSync(artifacts, { recursive: true });
const resultsFile = path.join(tmp, 'results.json');

let exitCode = 1;
try {
  exitCode = await runTests({
    version: opt('--vscode-version', process.env.VSCODE_VERSION || 'stable'),
    vscodeExecutablePath: opt('--vscode-executable', process.env.VSCODE_EXECUTABLE),
    extensionDevelopmentPath,
    extensionTestsPath,
    extensionTestsEnv: {
      KENT_TEST_RESULTS: resultsFile,
      KENT_TEST_ARTIFACTS: artifacts, // screenshot() requests go unanswered here (no browser)
      KENT_EXTENSION_PATH: extensionDevelopmentPath,
      KENT_TEST_WORKSPACE: workspace,
    },
    launchArgs: [
      workspace,
      '--disable-extensions', // other extensions; the one under development still loads
      '--disable-workspace-trust',
      '--skip-welcome',
      '--skip-release-notes',
      `--user-data-dir=${path.join(tmp, 'user-data')}`,
      `--extensions-dir=${path.join(tmp, 'extensions')}`,
    ],
  });
} catch (e) {
  console.error(`[electron] ${e && e.message ? e.message : e}`);
}

let summary;
try {
  summary = JSON.parse(fs.readFileSync(resultsFile, 'utf8'));
} catch {}
fs.rmSync(tmp, { recursive: true, force: true });
const passed = summary?.passed ?? 0;
let failed = summary?.failed ?? 0;
const ok = exitCode === 0 && summary && failed === 0;
if (!ok && failed === 0) failed = 1;
console.log(`${passed} passed, ${failed} failed${summary?.skipped ? `, ${summary.skipped} skipped` : ''}`);
process.exit(ok ? 0 : 1);
