// Kent's tests in a real VS Code.  Loaded by ./index.js; add entries as
//   test('name', async () => { ... })       // throw to fail
// Helpers (from ./index.js):
//   waitFor(predicate, timeoutMs)  re-checks on every onDidChangeDiagnostics event
//                                  (and every 200 ms); rejects on timeout
//   openDoc(relPath)               opens a workspace-relative file -> { doc, editor }
//   writeFile(relPath, text)       creates/overwrites a workspace file -> uri
//   wsUri(relPath)                 workspace-relative path -> vscode.Uri
//   skip(reason)                   marks the running test skipped
//   screenshot(name)               test-artifacts/<name>.png (run.mjs only)
// The workspace is a temp copy of samples/ (run.mjs), so tests may edit files.
'use strict';

const fs = require('fs');
const path = require('path');
const vscode = require('vscode');
const { test, skip, waitFor, openDoc, writeFile, screenshot } = require('./index');

// Kent's package.json (this file lives in <repo>/test/vscode/suite/).
const pkg = JSON.parse(fs.readFileSync(path.resolve(__dirname, '../../../package.json'), 'utf8'));
const EXTENSION_ID = `${pkg.publisher}.${pkg.name}`;

function kentExtension() {
  return vscode.extensions.getExtension(EXTENSION_ID) || vscode.extensions.all.find((e) => e.id.toLowerCase() === EXTENSION_ID.toLowerCase());
}

/** A .kent file to open: the first one in the workspace, else a small one written for the test. */
async function someKentFile() {
  const found = await vscode.workspace.findFiles('**/*.kent', '**/node_modules/**', 1);
  if (found.length > 0) return vscode.workspace.asRelativePath(found[0], false);
  await writeFile('harness-activation.kent', 'Assessment: the harness can open a Kent file.\n');
  return 'harness-activation.kent';
}

test(`extension ${EXTENSION_ID} activates when a .kent file is opened`, async () => {
  const ext = kentExtension();
  if (!ext) skip(`extension ${EXTENSION_ID} is not installed in this VS Code (extensionDevelopmentPath is another extension?)`);
  const rel = await someKentFile();
  const { doc } = await openDoc(rel);
  await waitFor(() => ext.isActive, 20_000, { message: `${EXTENSION_ID} to activate after opening ${rel} (languageId ${doc.languageId})` });
  await screenshot('kent-activated');
});

// ---------------------------------------------------------------------------
// KENT-SPECIFIC TESTS — TO BE FILLED IN.
// e.g.
// test('unsupported claim gets a diagnostic', async () => {
//   const { doc } = await openDoc('some-sample.kent');
//   const diags = await waitFor(() => {
//     const d = vscode.languages.getDiagnostics(doc.uri);
//     return d.length > 0 && d;
//   }, 15_000);
//   if (!diags.some((d) => /unsupported/i.test(d.message))) throw new Error(JSON.stringify(diags));
// });
// ---------------------------------------------------------------------------
