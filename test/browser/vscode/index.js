// A small extension test suite for the evidence map and the report commands, run in a real
// VS Code by the project's launcher:
//
//   node test/vscode/run.mjs --suite "$PWD/test/browser/vscode/index.js"
//
// It opens a sample, runs `Kent: Show Evidence Map`, waits for the map's webview to draw, and
// asks the launcher for a screenshot (test-artifacts/kent-evidence-map.png). The webview's own
// behaviour (CSP, node choice, zoom) is tested in Chromium by test/browser/report.test.ts.
'use strict';

const fs = require('fs');
const path = require('path');
const vscode = require('vscode');

const tests = [];
const test = (name, fn, timeoutMs = 60_000) => tests.push({ name, fn, timeoutMs });
const log = (...a) => console.log(a.map(String).join(' ').split('\n').map((l) => `[kent] ${l}`).join('\n'));
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

async function waitFor(predicate, timeoutMs, message) {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const v = await predicate();
    if (v) return v;
    if (Date.now() > until) throw new Error(`timed out after ${timeoutMs} ms waiting for ${message}`);
    await sleep(200);
  }
}

let shots = 0;
async function screenshot(name, timeoutMs = 15_000) {
  const dir = process.env.KENT_TEST_ARTIFACTS;
  if (!dir) return false;
  const file = path.join(dir, `${name}.png`);
  const before = fs.existsSync(file) ? fs.statSync(file).mtimeMs : 0;
  console.log(`[kent-screenshot] ${name}#${++shots}`);
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    if (fs.existsSync(file) && fs.statSync(file).mtimeMs > before) return true;
    await sleep(100);
  }
  return false;
}

function wsUri(rel) {
  return vscode.Uri.joinPath(vscode.workspace.workspaceFolders[0].uri, ...rel.split('/'));
}

function mapTabs() {
  return vscode.window.tabGroups.all.flatMap((g) => g.tabs).filter((t) => t.input instanceof vscode.TabInputWebview && /kent\.evidenceMap/.test(t.input.viewType));
}

test('the commands are registered', async () => {
  const ext = vscode.extensions.all.find((e) => e.packageJSON && e.packageJSON.name === 'kent');
  if (!ext) throw new Error('the Kent extension is not installed');
  const doc = await vscode.workspace.openTextDocument(wsUri('russia-taiwan/nie-2000.kent'));
  await vscode.window.showTextDocument(doc, { preview: false });
  await waitFor(() => ext.isActive, 30_000, 'the extension to activate');
  const all = await vscode.commands.getCommands(true);
  for (const c of ['kent.showEvidenceMap', 'kent.exportReport']) if (!all.includes(c)) throw new Error(`${c} is not registered`);
});

test('Kent: Show Evidence Map opens the map beside the editor, titled by the document', async () => {
  await vscode.commands.executeCommand('workbench.action.closeSidebar');
  await vscode.commands.executeCommand('workbench.action.closePanel');
  const doc = await vscode.workspace.openTextDocument(wsUri('russia-taiwan/nie-2000.kent'));
  await vscode.window.showTextDocument(doc, { preview: false, viewColumn: vscode.ViewColumn.One });
  // Let the language server index the workspace before drawing.
  await waitFor(() => vscode.languages.getDiagnostics(doc.uri).some((d) => d.source === 'kent'), 30_000, 'diagnostics of nie-2000.kent');
  await vscode.commands.executeCommand('kent.showEvidenceMap');
  const tab = await waitFor(() => mapTabs()[0], 15_000, 'the evidence map tab');
  if (tab.label !== 'Evidence Map: nie-2000.kent') throw new Error(`tab label ${tab.label}`);
  if (tab.group.viewColumn === vscode.ViewColumn.One) throw new Error('the map should open beside the editor');
  // The editor keeps the focus.
  if (vscode.window.activeTextEditor?.document.uri.toString() !== doc.uri.toString()) throw new Error('the editor lost the focus');
  await sleep(4000); // the webview loads its script, asks for the map and draws it
  const shot = await screenshot('kent-evidence-map');
  log(shot ? 'screenshot: test-artifacts/kent-evidence-map.png' : 'no screenshot (launcher without a page)');
});

test('editing the document keeps one map, which follows the active .kent editor', async () => {
  const other = await vscode.workspace.openTextDocument(wsUri('russia-taiwan/nie-1998.kent'));
  await vscode.window.showTextDocument(other, { preview: false, viewColumn: vscode.ViewColumn.One });
  await waitFor(() => mapTabs()[0]?.label === 'Evidence Map: nie-1998.kent', 10_000, 'the map to follow nie-1998.kent');
  await vscode.commands.executeCommand('kent.showEvidenceMap');
  if (mapTabs().length !== 1) throw new Error(`${mapTabs().length} map tabs`);
  await sleep(3000);
  await screenshot('kent-evidence-map-followed');
});

exports.run = async function run() {
  const results = { passed: 0, failed: 0, skipped: 0, tests: [] };
  for (const t of tests) {
    const t0 = Date.now();
    try {
      await Promise.race([t.fn(), sleep(t.timeoutMs).then(() => Promise.reject(new Error(`timed out after ${t.timeoutMs} ms`)))]);
      results.passed++;
      results.tests.push({ name: t.name, status: 'passed', ms: Date.now() - t0 });
      log(`✓ ${t.name} (${Date.now() - t0} ms)`);
    } catch (e) {
      results.failed++;
      results.tests.push({ name: t.name, status: 'failed', ms: Date.now() - t0, error: String((e && e.stack) || e) });
      log(`✗ ${t.name}: ${(e && e.message) || e}`);
      await screenshot(`failed-map-${results.failed}`, 5000).catch(() => {});
    }
  }
  log(`suite finished — ${results.passed} passed, ${results.failed} failed`);
  // The launcher (test/vscode/run.mjs) reads the results from here.
  if (process.env.KENT_TEST_RESULTS) fs.writeFileSync(process.env.KENT_TEST_RESULTS, JSON.stringify(results, null, 2));
  if (results.failed) throw new Error(`${results.failed} test(s) failed`);
};
