// Kent's tests in a real VS Code (code-server's workbench, driven by run.mjs).
// Loaded by ./index.js; tests run one after another, in this order, in the
// extension host, against the real extension and language server.
//
// The workspace is a temp copy of samples/ (run.mjs): russia-taiwan/ (clean,
// real) and tour/ (every check).  Tests that edit a sample restore it; files
// the tests create live under vscode-tests/.
//
// Helpers (./index.js): test, skip, log, waitFor (re-checked on every
// onDidChangeDiagnostics event and every 200 ms), openDoc, writeFile, wsUri,
// screenshot.  Here: queryDom (reads the page through run.mjs's [kent-dom]).
'use strict';

const fs = require('fs');
const path = require('path');
const vscode = require('vscode');
const { test, skip, log, waitFor, openDoc, writeFile, wsUri, screenshot, sleep } = require('./index');

// Kent's package.json (this file lives in <repo>/test/vscode/suite/).
const REPO = path.resolve(__dirname, '../../..');
const pkg = JSON.parse(fs.readFileSync(path.join(REPO, 'package.json'), 'utf8'));
const EXTENSION_ID = `${pkg.publisher}.${pkg.name}`; // kent-analytics.kent

const RT = 'russia-taiwan/russia-taiwan.kent';
const CN = 'russia-taiwan/chinese-narrative.kent';

// ------------------------------------------------------------------ helpers

function kentExtension() {
  return vscode.extensions.getExtension(EXTENSION_ID);
}

/** The diagnostic's code as a string (VS Code wraps it as { value, target } when it has a codeDescription). */
function codeOf(d) {
  return d.code && typeof d.code === 'object' ? String(d.code.value) : String(d.code);
}

function kentDiags(uri) {
  return vscode.languages.getDiagnostics(uri).filter((d) => d.source === 'kent');
}

function describe(diags) {
  return JSON.stringify(diags.map((d) => `${d.range.start.line + 1}:${d.range.start.character + 1} ${codeOf(d)} ${d.message}`), null, 1);
}

/** Waits until the file's Kent diagnostics satisfy `ok(diags)`; returns them. */
function diagsWhere(uri, ok, timeoutMs, message) {
  return waitFor(
    () => {
      const d = kentDiags(uri);
      return ok(d) && d;
    },
    timeoutMs,
    { message: `${message} (have ${describe(kentDiags(uri))})` },
  ).catch((e) => {
    throw new Error(`${e.message}; now: ${describe(kentDiags(uri))}`);
  });
}

function same(uri1, uri2) {
  return uri1.toString() === uri2.toString();
}

function isLoaded(uri) {
  return vscode.workspace.textDocuments.some((d) => same(d.uri, uri));
}

/** Position of the `nth` occurrence of `needle` in the document, plus `delta` characters. */
function posOf(doc, needle, delta = 0, nth = 0) {
  const text = doc.getText();
  let at = -1;
  for (let i = 0; i <= nth; i++) {
    at = text.indexOf(needle, at + 1);
    if (at < 0) throw new Error(`${JSON.stringify(needle)} (#${nth}) not found in ${doc.uri.fsPath}`);
  }
  return doc.positionAt(at + delta);
}

function markdownOf(hovers) {
  return (hovers || [])
    .flatMap((h) => h.contents)
    .map((c) => (typeof c === 'string' ? c : c.value))
    .join('\n---\n');
}

/** Hover markdown with Kent's escapes (`\-`, `\.`, …) undone, to compare with plain text. */
function plainOf(hovers) {
  return markdownOf(hovers).replace(/\\([\\`*_{}[\]()#+\-.!|~:])/g, '$1');
}

function labelOf(hint) {
  return typeof hint.label === 'string' ? hint.label : hint.label.map((p) => p.value).join('');
}

function assert(cond, message) {
  if (!cond) throw new Error(message);
}

function readDisk(rel) {
  return fs.readFileSync(wsUri(rel).fsPath, 'utf8');
}

/**
 * Reads the page (the workbench DOM), which the extension host cannot see:
 * logs "[kent-dom] name#n CSS" and run.mjs answers with the visible elements
 * matching CSS as [{ text, label, id }] in test-artifacts/name.dom.json.
 * Returns undefined when no launcher answers (test/vscode/electron.mjs).
 */
let domSeq = 0;
async function queryDom(name, selector, timeoutMs = 10_000) {
  const dir = process.env.KENT_TEST_ARTIFACTS;
  if (!dir) return undefined;
  const file = path.join(dir, `${name}.dom.json`);
  fs.rmSync(file, { force: true });
  console.log(`[kent-dom] ${name}#${++domSeq} ${selector}`);
  try {
    await waitFor(() => fs.existsSync(file), timeoutMs, { pollMs: 50, message: `run.mjs to answer the DOM query ${selector}` });
  } catch {
    return undefined;
  }
  const found = JSON.parse(fs.readFileSync(file, 'utf8'));
  fs.rmSync(file, { force: true });
  if (found.error) throw new Error(`DOM query ${selector} failed: ${found.error}`);
  return found;
}

/** Re-queries the DOM until `ok(elements)` returns something truthy; returns it. */
async function waitForDom(name, selector, ok, timeoutMs = 15_000) {
  const until = Date.now() + timeoutMs;
  let last;
  while (Date.now() < until) {
    last = await queryDom(name, selector);
    if (last === undefined) return undefined;
    const v = ok(last);
    if (v) return v;
  }
  throw new Error(`timed out after ${timeoutMs} ms waiting for ${selector}; last seen ${JSON.stringify(last)}`);
}

// ------------------------------------------------------------------ tests

test(`1. extension ${EXTENSION_ID} activates when a .kent file is opened`, async () => {
  const ext = kentExtension();
  assert(ext, `extension ${EXTENSION_ID} is not installed in this VS Code`);
  const { doc } = await openDoc(RT);
  assert(doc.languageId === 'kent', `languageId of ${RT} is ${doc.languageId}, expected kent`);
  await waitFor(() => ext.isActive, 20_000, { message: `${EXTENSION_ID} to activate` });
});

test('2a. diagnostics of an open file (russia-taiwan.kent)', async () => {
  const { doc } = await openDoc(RT);
  const expected = ['acknowledged-disagreement', 'inconsistent-estimate', 'possible-contradiction', 'ungrounded-claim', 'unsupported-claim'];
  const diags = await diagsWhere(doc.uri, (d) => expected.every((c) => d.some((x) => codeOf(x) === c)), 30_000, `${expected.join(', ')} on ${RT}`);
  const codes = [...new Set(diags.map(codeOf))].sort();
  assert(JSON.stringify(codes) === JSON.stringify(expected), `codes ${codes} != ${expected}: ${describe(diags)}`);
  assert(diags.length === 8, `expected 8 diagnostics (as \`kent check\` reports), got ${describe(diags)}`);

  const unsupported = diags.find((d) => codeOf(d) === 'unsupported-claim');
  assert(doc.getText(unsupported.range) === 'C-xi-prestige', `unsupported-claim range covers ${JSON.stringify(doc.getText(unsupported.range))}`);
  assert(unsupported.severity === vscode.DiagnosticSeverity.Warning, `unsupported-claim on a claim is a warning, got severity ${unsupported.severity}`);
  assert(/rests on nothing/.test(unsupported.message), unsupported.message);
  assert(unsupported.code.target && /checks\.md#unsupported-claim$/.test(unsupported.code.target.toString()), `codeDescription: ${JSON.stringify(unsupported.code)}`);

  const inconsistent = diags.find((d) => codeOf(d) === 'inconsistent-estimate');
  assert(doc.getText(inconsistent.range) === 'chinese-narrative/Z4', `inconsistent-estimate range covers ${JSON.stringify(doc.getText(inconsistent.range))}`);
  const rel = inconsistent.relatedInformation || [];
  assert(rel.some((r) => same(r.location.uri, wsUri(CN))), `inconsistent-estimate's relatedInformation does not point at ${CN}: ${JSON.stringify(rel)}`);
});

test('2b. diagnostics of a CLOSED file (chinese-narrative.kent), with related information in the other file', async () => {
  const uri = wsUri(CN);
  assert(!isLoaded(uri), `${CN} should not be open in VS Code yet`);
  const diags = await diagsWhere(uri, (d) => d.length >= 2, 30_000, `diagnostics on closed ${CN}`);
  const codes = diags.map(codeOf).sort();
  assert(JSON.stringify(codes) === '["inconsistent-estimate","vague-estimate"]', `codes on ${CN}: ${describe(diags)}`);
  for (const d of diags) {
    assert(d.source === 'kent', `source ${d.source}`);
    assert(d.severity === vscode.DiagnosticSeverity.Warning, `${codeOf(d)} severity ${d.severity}`);
  }
  const disk = readDisk(CN).split('\n');
  const vague = diags.find((d) => codeOf(d) === 'vague-estimate');
  assert(vague.range.start.line === 25 && disk[25].slice(vague.range.start.character, vague.range.end.character) === 'may', `vague-estimate at ${vague.range.start.line + 1}:${vague.range.start.character + 1} covers ${JSON.stringify(disk[vague.range.start.line].slice(vague.range.start.character, vague.range.end.character))}`);
  assert(/claim Z3 hedges with "may"/.test(vague.message), vague.message);

  const inconsistent = diags.find((d) => codeOf(d) === 'inconsistent-estimate');
  assert(disk[inconsistent.range.start.line].slice(inconsistent.range.start.character, inconsistent.range.end.character) === 'Z4', `inconsistent-estimate covers ${JSON.stringify(disk[inconsistent.range.start.line])}`);
  assert(/russia-taiwan\/C-energy \(likely, 55–80%\).*Z4 \(stated as fact, ≥95%\)/.test(inconsistent.message), inconsistent.message);
  const rel = inconsistent.relatedInformation || [];
  const toRt = rel.find((r) => same(r.location.uri, wsUri(RT)));
  assert(toRt, `relatedInformation does not point at ${RT}: ${JSON.stringify(rel)}`);
  const rtLine = readDisk(RT).split('\n')[toRt.location.range.start.line];
  assert(/C-energy/.test(rtLine), `related location ${toRt.location.range.start.line + 1} in ${RT} is ${JSON.stringify(rtLine)}, expected C-energy's`);
  assert(!isLoaded(uri), `${CN} got loaded by the test itself`);
});

test('2c. editing an open file updates a closed file\'s diagnostics', async () => {
  const { doc, editor } = await openDoc(RT);
  const cn = wsUri(CN);
  await diagsWhere(cn, (d) => d.some((x) => codeOf(x) === 'inconsistent-estimate'), 20_000, 'inconsistent-estimate on chinese-narrative');
  // C-energy: `likely` -> `almost certain` overlaps Z4's "stated as fact": no more inconsistency.
  const at = posOf(doc, '  likelihood: likely\n  same-as: chinese-narrative/Z4', '  likelihood: '.length);
  const range = new vscode.Range(at, at.translate(0, 'likely'.length));
  assert(doc.getText(range) === 'likely', `unexpected text ${doc.getText(range)}`);
  const original = doc.getText();
  assert(await editor.edit((b) => b.replace(range, 'almost certain')), 'edit was not applied');
  try {
    await diagsWhere(cn, (d) => d.length > 0 && !d.some((x) => codeOf(x) === 'inconsistent-estimate'), 20_000, `inconsistent-estimate to leave closed ${CN}`);
    await diagsWhere(doc.uri, (d) => d.length > 0 && !d.some((x) => codeOf(x) === 'inconsistent-estimate'), 20_000, `inconsistent-estimate to leave ${RT}`);
    assert(!isLoaded(cn), `${CN} got loaded`);
  } finally {
    // Undo by the inverse edit, and save so that the editor and the disk agree again.
    const changed = new vscode.Range(range.start, range.start.translate(0, 'almost certain'.length));
    if (doc.getText(changed) === 'almost certain') await editor.edit((b) => b.replace(changed, 'likely'));
    // A save can be refused while the editor is still busy with the edit (seen once in ~10 runs): try again.
    for (let i = 0; i < 5 && !(await doc.save()); i++) await new Promise((r) => setTimeout(r, 200));
  }
  assert(doc.getText() === original, `${RT}: the edit was not undone`);
  assert(!doc.isDirty, `${RT} is still unsaved`);
  assert(readDisk(RT) === original, `${RT} on disk differs from the original`);
  await diagsWhere(cn, (d) => d.some((x) => codeOf(x) === 'inconsistent-estimate'), 20_000, 'inconsistent-estimate to come back after the undo');
});

test('3a. hover on an @key shows the source card', async () => {
  const { doc } = await openDoc(RT);
  const pos = posOf(doc, '[@kortunov-2021]', 3);
  const md = plainOf(await vscode.commands.executeCommand('vscode.executeHoverProvider', doc.uri, pos));
  log(`hover @kortunov-2021: ${md.split('\n').slice(0, 3).join(' | ')}`);
  for (const want of ['Andrey Kortunov on the Kremlin and a Taiwan crisis', '`@kortunov-2021`', 'Author: Andrey Kortunov', 'Reliability: **C**', 'Cited by']) {
    assert(md.includes(want), `hover lacks ${JSON.stringify(want)}:\n${md}`);
  }
  // A bibliography entry (refs.bib) has a card too.
  const bib = plainOf(await vscode.commands.executeCommand('vscode.executeHoverProvider', doc.uri, posOf(doc, '[@khramchikhin-2019]', 3)));
  assert(/from .*refs\.bib/.test(bib) && bib.includes('Reliability:'), `hover on a BibTeX key:\n${bib}`);
});

test('3b. hover on an evidence ID shows the quoted passage from the source file', async () => {
  const { doc } = await openDoc(RT);
  const pos = posOf(doc, 'evidence E-zhao-alliance:', 'evidence '.length + 2);
  const raw = markdownOf(await vscode.commands.executeCommand('vscode.executeHoverProvider', doc.uri, pos));
  const md = plainOf([{ contents: [raw] }]);
  // zhao-2021 is a source block in chinese-narrative.kent with file: sources/zhao-2021.txt.
  const src = readDisk('russia-taiwan/sources/zhao-2021.txt').split('\n');
  const quoteLine = src.findIndex((l) => l.includes('neither China nor Russia is ready for it'));
  assert(quoteLine > 0, 'quote not in the source file');
  assert(md.includes('Zhao Huasheng on a China-Russia alliance'), `no source title:\n${md}`);
  assert(md.includes('Credibility of E-zhao-alliance: **3**'), `no credibility:\n${md}`);
  const heading = /From russia-taiwan\/sources\/zhao-2021\.txt, line (\d+) \(lines (\d+)–(\d+) shown\):/.exec(md);
  assert(heading, `no passage heading:\n${md}`);
  // The passage is a fenced block of the file's lines, verbatim (not escaped): the quote's
  // line with two lines of context either side; the heading names the quote's line and those shown.
  const fence = /```text\n([\s\S]*?)\n```/.exec(raw);
  assert(fence, `no fenced passage:\n${raw}`);
  const first = Number(heading[2]) - 1;
  const quoteStart = Number(heading[1]) - 1;
  assert(first <= quoteStart && quoteStart <= quoteLine && Number(heading[3]) === first + fence[1].split('\n').length, `heading ${heading[0]}: the quote starts on line ${quoteStart + 1} and ends on line ${quoteLine + 1}`);
  assert(first <= quoteLine && quoteLine - first <= 2, `passage starts at line ${first + 1}, the quote is on line ${quoteLine + 1}`);
  const lines = fence[1].split('\n');
  assert(JSON.stringify(lines) === JSON.stringify(src.slice(first, first + lines.length)), `passage is not lines ${first + 1}… of the file:\n${fence[1]}`);
  for (const l of [quoteLine - 2, quoteLine - 1, quoteLine, quoteLine + 2]) {
    if (src[l].trim()) assert(lines.includes(src[l]), `passage lacks line ${l + 1} of zhao-2021.txt ${JSON.stringify(src[l])}:\n${fence[1]}`);
  }
});

test('3c. hover on an item reference shows the item card', async () => {
  const { doc } = await openDoc(RT);
  const hv = await vscode.commands.executeCommand('vscode.executeHoverProvider', doc.uri, posOf(doc, 'same-as: chinese-narrative/Z4', 'same-as: chinese-narrative/'.length));
  assert(hv.length === 1, `expected one hover, got ${hv.length}`);
  assert(doc.getText(hv[0].range) === 'chinese-narrative/Z4', `hover range covers ${JSON.stringify(hv[0].range && doc.getText(hv[0].range))}`);
  const md = plainOf(hv);
  assert(md.includes('**claim chinese-narrative/Z4**'), `item card title:\n${md}`);
  assert(/Likelihood: .*95/.test(md), `item card likelihood:\n${md}`);
  assert(md.includes('most reliable external supplier'), `item card statement:\n${md}`);
});

test('3d. go to definition and find references across files', async () => {
  const { doc } = await openDoc(RT);
  const pos = posOf(doc, 'same-as: chinese-narrative/Z4', 'same-as: chinese-narrative/'.length);
  const defs = await vscode.commands.executeCommand('vscode.executeDefinitionProvider', doc.uri, pos);
  const def = defs.map((d) => ('targetUri' in d ? { uri: d.targetUri, range: d.targetSelectionRange || d.targetRange } : d))[0];
  assert(def && same(def.uri, wsUri(CN)), `definition: ${JSON.stringify(defs)}`);
  assert(readDisk(CN).split('\n')[def.range.start.line].startsWith('claim Z4:'), `definition line ${def.range.start.line + 1}`);
  const refs = await vscode.commands.executeCommand('vscode.executeReferenceProvider', doc.uri, pos);
  const files = new Set(refs.map((r) => path.basename(r.uri.fsPath)));
  assert(files.has('chinese-narrative.kent') && files.has('russia-taiwan.kent') && refs.length >= 3, `references: ${refs.map((r) => `${path.basename(r.uri.fsPath)}:${r.range.start.line + 1}`)}`);
});

test('3e. in the bibliography (refs.bib), hover and references on an entry key come from Kent', async () => {
  const { doc } = await openDoc('russia-taiwan/refs.bib');
  const key = posOf(doc, '@misc{joint-statement-2022', '@misc{'.length + 2);
  const hovers = await vscode.commands.executeCommand('vscode.executeHoverProvider', doc.uri, key);
  assert(/Cited by/.test(markdownOf(hovers)), `hover on the key in refs.bib: ${markdownOf(hovers)}`);
  const refs = await vscode.commands.executeCommand('vscode.executeReferenceProvider', doc.uri, key);
  assert((refs || []).some((l) => l.uri.fsPath.endsWith('russia-taiwan.kent')), `references: ${JSON.stringify((refs || []).map((l) => l.uri.fsPath))}`);
});

test('3f. the chain of support as a call hierarchy: a key judgment down to its claims, a claim back up', async () => {
  const { doc } = await openDoc(RT);
  const items = await vscode.commands.executeCommand('vscode.prepareCallHierarchy', doc.uri, posOf(doc, 'judgment KJ1:', 'judgment K'.length));
  assert(items.length === 1 && items[0].name === 'KJ1', `prepared: ${JSON.stringify(items.map((i) => i.name))}`);
  const down = await vscode.commands.executeCommand('vscode.provideOutgoingCalls', items[0]);
  const names = down.map((c) => c.to.name);
  assert(JSON.stringify(names.slice(0, 5)) === JSON.stringify(['C-adversary', 'C-geography', 'C-politics', 'C-economy', 'C-track-record']), `KJ1 stands on: ${names}`);
  const up = await vscode.commands.executeCommand('vscode.provideIncomingCalls', down[0].to);
  assert(up.some((c) => c.from.name === 'KJ1'), `C-adversary supports: ${up.map((c) => c.from.name)}`);
  // The command the editor's menu offers opens VS Code's own view of it.
  await vscode.commands.executeCommand('kent.showSupportChain');
});

/**
 * The hovers at `pos`, asked again until their text matches `pattern` (or 20 s pass): the server
 * may still be reading files just written. waitFor polls a synchronous predicate; this one awaits.
 */
async function hoverWhen(uri, pos, pattern) {
  let hovers;
  for (const until = Date.now() + 20_000; Date.now() < until; await sleep(250)) {
    hovers = await vscode.commands.executeCommand('vscode.executeHoverProvider', uri, pos);
    if (pattern.test(markdownOf(hovers))) break;
  }
  return hovers;
}

test('3g. in a CSL-JSON bibliography, hover on an entry key comes from Kent; in another JSON file Kent says nothing', async () => {
  await writeFile('vscode-tests/csl/refs.json', '[\n  { "id": "vt-csl-2021", "title": "A CSL item", "reliability": "B" }\n]\n');
  await writeFile('vscode-tests/csl/other.json', '[\n  { "id": "vt-csl-2021", "title": "Not named" }\n]\n');
  await writeFile('vscode-tests/csl/csl.kent', 'assessment vt-csl: CSL\n  bibliography: refs.json\n\nclaim C1: It holds [@vt-csl-2021].\n');
  const kent = await openDoc('vscode-tests/csl/csl.kent');
  await diagsWhere(kent.doc.uri, (d) => !d.some((x) => codeOf(x) === 'unresolved-reference'), 20_000, 'the CSL-JSON key to resolve');
  const { doc } = await openDoc('vscode-tests/csl/refs.json');
  const hovers = await hoverWhen(doc.uri, posOf(doc, '"vt-csl-2021"', 3), /Cited by/);
  assert(/A CSL item/.test(markdownOf(hovers)), `hover on the key in refs.json: ${markdownOf(hovers)}`);
  const other = await openDoc('vscode-tests/csl/other.json');
  const none = await vscode.commands.executeCommand('vscode.executeHoverProvider', other.doc.uri, posOf(other.doc, '"vt-csl-2021"', 3));
  assert(!/Cited by|Reliability/.test(markdownOf(none)), `a JSON file no assessment names has no Kent hover: ${markdownOf(none)}`);
});

test('3i. in a .bibtex bibliography too, hover on an entry key comes from Kent', async () => {
  await writeFile('vscode-tests/bt/refs.bibtex', '@book{vt-bt-2020, title = {A BibTeX book}, year = {2020}}\n');
  await writeFile('vscode-tests/bt/bt.kent', 'assessment vt-bt: BibTeX\n  bibliography: refs.bibtex\n\nclaim C1: It holds [@vt-bt-2020].\n');
  const kent = await openDoc('vscode-tests/bt/bt.kent');
  await diagsWhere(kent.doc.uri, (d) => !d.some((x) => codeOf(x) === 'unresolved-reference'), 20_000, 'the .bibtex key to resolve');
  const { doc } = await openDoc('vscode-tests/bt/refs.bibtex');
  const hovers = await hoverWhen(doc.uri, posOf(doc, 'vt-bt-2020', 2), /Cited by/);
  assert(/A BibTeX book/.test(markdownOf(hovers)), `hover on the key in refs.bibtex: ${markdownOf(hovers)}`);
});

test('3h. moving a source file in the editor rewrites the file: path that names it', async () => {
  await writeFile('vscode-tests/move/sources/report.txt', 'A report.\n');
  await writeFile('vscode-tests/move/move.kent', 'assessment vt-move: Move\n\nsource s1: Report\n  file: sources/report.txt\n');
  await openDoc('vscode-tests/move/move.kent');
  await sleep(1500);
  const edit = new vscode.WorkspaceEdit();
  edit.renameFile(wsUri('vscode-tests/move/sources'), wsUri('vscode-tests/move/library'));
  assert(await vscode.workspace.applyEdit(edit), 'the move was applied');
  const { doc } = await openDoc('vscode-tests/move/move.kent');
  await waitFor(() => doc.getText().includes("file: library/report.txt"), 15_000, { message: "the file: path to follow the move" });
  // The editor tells of the folder alone, not of the file in it: the file is found at its new path.
  await diagsWhere(doc.uri, (d) => !d.some((x) => codeOf(x) === 'source-file-missing'), 15_000, 'no source-file-missing once the folder has moved');
});

test("4. quick fix \"Change to 'high'\" applies and the invalid-value diagnostic goes", async () => {
  const rel = 'vscode-tests/quickfix.kent';
  await writeFile(
    rel,
    [
      'assessment vt-quickfix: Quick fix in a real editor',
      '  date: 2024-01',
      '',
      'judgment VQ1: The widget factory will reopen within the year.',
      '  likelihood: likely',
      '  confidence: very high',
      '  because: E-vq, E-vq2',
      '',
      'evidence E-vq: The owner said so.',
      '  source: vq-src',
      '',
      'evidence E-vq2: The city council said so.',
      '  source: vq-src2',
      '',
      'source vq-src: Owner interview',
      '  reliability: B',
      '',
      'source vq-src2: City council minutes',
      '  reliability: A',
      '',
    ].join('\n'),
  );
  const { doc } = await openDoc(rel);
  const diags = await diagsWhere(doc.uri, (d) => d.some((x) => codeOf(x) === 'invalid-value'), 20_000, 'invalid-value on confidence: very high');
  const invalid = diags.find((x) => codeOf(x) === 'invalid-value');
  assert(doc.getText(invalid.range) === 'very high', `invalid-value covers ${JSON.stringify(doc.getText(invalid.range))}`);
  assert(invalid.severity === vscode.DiagnosticSeverity.Error, `invalid-value severity ${invalid.severity}`);
  const actions = await vscode.commands.executeCommand('vscode.executeCodeActionProvider', doc.uri, invalid.range);
  const fix = actions.find((a) => a.title === "Change to 'high'");
  assert(fix, `no "Change to 'high'" among ${JSON.stringify(actions.map((a) => a.title))}`);
  assert(fix.kind && vscode.CodeActionKind.QuickFix.contains(fix.kind), `kind ${fix.kind && fix.kind.value}`);
  assert(fix.edit, 'the quick fix has no edit');
  assert(await vscode.workspace.applyEdit(fix.edit), 'applyEdit returned false');
  assert(doc.lineAt(5).text === '  confidence: high', `line 6 is ${JSON.stringify(doc.lineAt(5).text)}`);
  // With two independent sources `high` is earned: the document is now clean.
  await diagsWhere(doc.uri, (d) => d.length === 0, 20_000, 'invalid-value to disappear (and no other diagnostic)');
  await doc.save();
});

test('5. rename an item ID from its reference edits the CLOSED file that defines it', async () => {
  const rt = wsUri(RT);
  const cn = wsUri(CN);
  const origRt = readDisk(RT);
  const origCn = readDisk(CN);
  assert(!isLoaded(cn), `${CN} should be closed before the rename`);
  const { doc } = await openDoc(RT);
  assert(doc.getText() === origRt, `${RT} is not as on disk`);

  const renameAt = async (from, to) => {
    const d = await vscode.workspace.openTextDocument(rt);
    const pos = posOf(d, `same-as: chinese-narrative/${from}`, 'same-as: chinese-narrative/'.length + 1);
    const edit = await vscode.commands.executeCommand('vscode.executeDocumentRenameProvider', rt, pos, to);
    assert(edit, `no rename edit for ${from} -> ${to}`);
    const byFile = new Map(edit.entries().map(([u, edits]) => [path.basename(u.fsPath), edits]));
    assert((byFile.get('chinese-narrative.kent') || []).length === 1, `edits for ${CN}: ${JSON.stringify([...byFile].map(([f, e]) => [f, e.length]))}`);
    assert((byFile.get('russia-taiwan.kent') || []).length === 2, `edits for ${RT} (same-as and [[…]]): ${JSON.stringify([...byFile].map(([f, e]) => [f, e.length]))}`);
    assert(await vscode.workspace.applyEdit(edit, { isRefactoring: true }), 'applyEdit returned false');
    const autoSaved = fs.readFileSync(cn.fsPath, 'utf8').includes(`claim ${to}:`);
    await vscode.workspace.saveAll(false);
    return autoSaved;
  };

  let renamed = false;
  try {
    const autoSaved = await renameAt('Z4', 'Z4-energy');
    renamed = true;
    log(`rename: the closed file was ${autoSaved ? 'saved by VS Code (files.refactoring.autoSave)' : 'left dirty; saved by the test'}`);
    const cnDoc = await vscode.workspace.openTextDocument(cn);
    assert(cnDoc.getText().includes('claim Z4-energy:') && !/claim Z4:/.test(cnDoc.getText()), `${CN} in the editor was not renamed`);
    assert(readDisk(CN).includes('claim Z4-energy:'), `${CN} on disk was not renamed`);
    assert(doc.getText().includes('same-as: chinese-narrative/Z4-energy') && doc.getText().includes('[[chinese-narrative/Z4-energy]]'), `${RT} references were not renamed`);
    // The server follows: the cross-file check names the new ID, nothing is unresolved.
    await diagsWhere(cn, (d) => d.some((x) => codeOf(x) === 'inconsistent-estimate' && x.message.includes('Z4-energy (stated as fact')), 20_000, 'inconsistent-estimate naming Z4-energy');
    await diagsWhere(rt, (d) => d.length > 0 && !d.some((x) => codeOf(x) === 'unresolved-reference') && d.some((x) => codeOf(x) === 'inconsistent-estimate' && x.message.includes('chinese-narrative/Z4-energy')), 20_000, `no unresolved-reference in ${RT}`);
  } finally {
    if (renamed) await renameAt('Z4-energy', 'Z4');
  }
  assert(readDisk(CN) === origCn, `${CN} not restored`);
  assert(readDisk(RT) === origRt, `${RT} not restored`);
  await diagsWhere(cn, (d) => d.some((x) => codeOf(x) === 'inconsistent-estimate' && x.message.includes(' Z4 (stated as fact')), 20_000, 'diagnostics back to Z4');
}, { timeoutMs: 60_000 });

test('6. completion after `because: ` offers the document\'s claim IDs', async () => {
  const rel = 'vscode-tests/completion.kent';
  await writeFile(
    rel,
    [
      'assessment vt-completion: Completion in a real editor',
      '  date: 2024-01',
      '',
      'claim VC-alpha: The alpha pump station has been shut.',
      '  because: @vc-src',
      '',
      'claim VC-beta: The beta pump station has been shut.',
      '  because: @vc-src',
      '',
      'judgment VJ: The pipeline will likely stay closed.',
      '  likelihood: likely',
      '  confidence: moderate',
      '  because: ',
      '',
      'source vc-src: Operator notice',
      '  reliability: B',
      '',
    ].join('\n'),
  );
  const { doc } = await openDoc(rel);
  const line = doc.lineAt(12);
  assert(line.text === '  because: ', `line 13 is ${JSON.stringify(line.text)}`);
  const list = await vscode.commands.executeCommand('vscode.executeCompletionItemProvider', doc.uri, line.range.end);
  const labels = list.items.map((i) => (typeof i.label === 'string' ? i.label : i.label.label));
  log(`completion after "because: ": ${labels.slice(0, 12).join(', ')}${labels.length > 12 ? ', …' : ''}`);
  for (const id of ['VC-alpha', 'VC-beta']) assert(labels.includes(id), `completion lacks ${id}: ${JSON.stringify(labels)}`);
  // `@` offers the source keys.
  const at = await vscode.commands.executeCommand('vscode.executeCompletionItemProvider', doc.uri, doc.lineAt(4).range.end.translate(0, -'vc-src'.length), '@');
  const keys = at.items.map((i) => (typeof i.label === 'string' ? i.label : i.label.label));
  assert(keys.some((k) => k.replace(/^@/, '') === 'vc-src'), `completion of @keys lacks vc-src: ${JSON.stringify(keys.slice(0, 30))}`);
  // Accepting VC-alpha fills the list and the judgment is then complete.
  const item = list.items.find((i) => (typeof i.label === 'string' ? i.label : i.label.label) === 'VC-alpha');
  const range = item.range ? ('inserting' in item.range ? item.range.replacing : item.range) : new vscode.Range(line.range.end, line.range.end);
  const insert = typeof item.insertText === 'string' ? item.insertText : item.insertText ? item.insertText.value : 'VC-alpha';
  const editor = vscode.window.activeTextEditor;
  assert(editor && same(editor.document.uri, doc.uri), 'completion.kent is not the active editor');
  assert(await editor.edit((b) => b.replace(range, insert)), 'completion edit not applied');
  assert(doc.lineAt(12).text === '  because: VC-alpha', `after accepting: ${JSON.stringify(doc.lineAt(12).text)}`);
  await doc.save();
  await diagsWhere(doc.uri, (d) => d.length === 0, 20_000, 'completion.kent to be clean');
});

test('6c. at the start of a line a block keyword brings its template, a snippet with the next free ID; after `because: ` and in prose, no snippet', async () => {
  const rel = 'vscode-tests/templates.kent';
  await writeFile(rel, ['assessment vt-templates: Templates in a real editor', '', 'claim VT1: The pump station has been shut.', '  because: ', '', 'Prose about the pipeline ', '', ''].join('\n'));
  const { doc, editor } = await openDoc(rel);
  const isSnippet = (i) => i.kind === vscode.CompletionItemKind.Snippet || i.insertText instanceof vscode.SnippetString;
  const blockStart = await completionWhen(doc.uri, new vscode.Position(6, 0), (items) => items.some((i) => itemLabel(i) === 'judgment'));
  log(`completion at the start of line 7: ${blockStart.map(itemLabel).join(', ')}`);
  const judgment = blockStart.find((i) => itemLabel(i) === 'judgment');
  assert(judgment && judgment.insertText instanceof vscode.SnippetString, `judgment's insertText: ${JSON.stringify(judgment && judgment.insertText)}`);
  assert(/^judgment \$\{1:KJ1\}: \$\{2:Statement\}\n  likelihood: \$\{3\|almost no chance,/.test(judgment.insertText.value), judgment.insertText.value);
  const claim = blockStart.find((i) => itemLabel(i) === 'claim');
  assert(claim && claim.insertText.value.startsWith('claim ${1:VT2}: '), `claim's template: ${JSON.stringify(claim && claim.insertText)}`);
  // The extension contributes no snippets of its own: none but the server's templates, anywhere.
  assert(blockStart.filter(isSnippet).every((i) => ['judgment', 'claim', 'assumption', 'evidence', 'source'].includes(itemLabel(i))), `other snippets: ${JSON.stringify(blockStart.filter(isSnippet).map(itemLabel))}`);
  for (const [what, pos] of [['because: ', doc.lineAt(3).range.end], ['prose', doc.lineAt(5).range.end]]) {
    const list = await vscode.commands.executeCommand('vscode.executeCompletionItemProvider', doc.uri, pos);
    const snippets = (list ? list.items : []).filter(isSnippet);
    assert(snippets.length === 0, `snippets offered after ${what}: ${JSON.stringify(snippets.map(itemLabel))}`);
  }
  // Inserted as the editor does, its choices at their first term.
  const range = judgment.range ? ('inserting' in judgment.range ? judgment.range.replacing : judgment.range) : new vscode.Range(6, 0, 6, 0);
  assert(await editor.insertSnippet(judgment.insertText, range), 'the template was not inserted');
  const inserted = [6, 7, 8, 9].map((l) => doc.lineAt(l).text);
  assert(JSON.stringify(inserted) === JSON.stringify(['judgment KJ1: Statement', '  likelihood: almost no chance', '  confidence: low', '  because: C1']), `inserted: ${JSON.stringify(inserted)}`);
  await vscode.commands.executeCommand('leaveSnippet');
  await vscode.commands.executeCommand('workbench.action.files.revert');
});

test('6b. completion and hover in kent.json come from Kent\'s schema (VS Code\'s own JSON support)', async () => {
  const rel = 'vscode-tests/schema/kent.json';
  await writeFile(rel, '{\n  "rules": {\n    "overconfident": "error",\n    \n  }\n}\n');
  const { doc } = await openDoc(rel);
  assert(doc.languageId === 'json' || doc.languageId === 'jsonc', doc.languageId);
  const labelsAt = async (pos) => {
    const list = await vscode.commands.executeCommand('vscode.executeCompletionItemProvider', doc.uri, pos);
    return (list ? list.items : []).map((i) => (typeof i.label === 'string' ? i.label : i.label.label).replace(/^"|"$/g, ''));
  };
  // The JSON server reads the schema from the extension once the file opens: asked again until it has.
  let codes = [];
  for (const until = Date.now() + 30_000; Date.now() < until && !codes.includes('unused-source'); ) {
    codes = await labelsAt(new vscode.Position(3, 4));
    if (!codes.includes('unused-source')) await sleep(300);
  }
  assert(codes.includes('unused-source'), `completion in "rules" lacks the diagnostic codes: ${JSON.stringify(codes)}`);
  log(`completion in kent.json "rules": ${codes.slice(0, 6).join(', ')}, … (${codes.length})`);
  assert(codes.includes('possible-contradiction') && !codes.includes('overconfident'), JSON.stringify(codes));
  const severities = await labelsAt(posOf(doc, '"error"', 1));
  for (const s of ['warning', 'hint', 'off']) assert(severities.includes(s), `severities: ${JSON.stringify(severities)}`);
  const hovers = await vscode.commands.executeCommand('vscode.executeHoverProvider', doc.uri, posOf(doc, 'overconfident', 3));
  assert(/Default: warning/.test(markdownOf(hovers)), `hover on "overconfident": ${markdownOf(hovers)}`);
});

test('7a. the kent language and grammar are registered', async () => {
  const langs = await vscode.languages.getLanguages();
  assert(langs.includes('kent'), `languages: ${langs}`);
  const grammars = kentExtension().packageJSON.contributes.grammars || [];
  const g = grammars.find((x) => x.language === 'kent');
  assert(g && g.scopeName === 'source.kent', `grammars: ${JSON.stringify(grammars)}`);
  const tm = JSON.parse(fs.readFileSync(path.join(kentExtension().extensionPath, g.path), 'utf8'));
  assert(tm.scopeName === 'source.kent' && Array.isArray(tm.patterns) && tm.patterns.length > 0, 'the TextMate grammar is empty');
  const { doc } = await openDoc(RT);
  assert(doc.languageId === 'kent', doc.languageId);
});

test('7b. inlay hint shows the likelihood\'s interval', async () => {
  const { doc } = await openDoc(RT);
  const hints = await vscode.commands.executeCommand('vscode.executeInlayHintProvider', doc.uri, new vscode.Range(0, 0, doc.lineCount, 0));
  assert(hints && hints.length > 0, 'no inlay hints');
  const likely = posOf(doc, '  likelihood: likely\n', '  likelihood: likely'.length);
  const veryLikely = posOf(doc, '  likelihood: very likely\n', '  likelihood: very likely'.length);
  const at = (p) => hints.filter((h) => h.position.isEqual(p)).map(labelOf);
  assert(at(likely).includes('55–80%'), `hint after "likelihood: likely" (line ${likely.line + 1}): ${JSON.stringify(at(likely))}`);
  assert(at(veryLikely).includes('80–95%'), `hint after "likelihood: very likely" (line ${veryLikely.line + 1}): ${JSON.stringify(at(veryLikely))}`);
});

// 7b asks the provider; this looks at the page. A likelihood with no interval beside it on a
// screenshot taken after the suite ends is the language client already stopped, not a missing hint.
test('7b2. the likelihood\'s interval is drawn beside it in the editor, and Kent leaves inlay hints on', async () => {
  const { doc, editor } = await openDoc(RT);
  const enabled = vscode.workspace.getConfiguration('editor', { languageId: 'kent', uri: doc.uri }).get('inlayHints.enabled');
  assert(enabled !== 'off' && enabled !== 'offUnlessPressed', `editor.inlayHints.enabled for kent is ${enabled}`);
  const line = posOf(doc, '  likelihood: very likely\n').line;
  editor.revealRange(new vscode.Range(line, 0, line, 0), vscode.TextEditorRevealType.InCenter);
  // The editor draws spaces as no-break spaces.
  const drawn = await waitForDom('inlay', '.monaco-editor .view-line', (lines) => lines.find((l) => /likelihood: very likely\s*80–95%/.test((l.text || '').replace(/\u00a0/g, ' '))));
  if (drawn === undefined) skip('the editor\'s page is not observable here (no run.mjs page to query)');
}, { timeoutMs: 30_000 });

test('7c. outline lists the document\'s items', async () => {
  const { doc } = await openDoc(RT);
  const symbols = await vscode.commands.executeCommand('vscode.executeDocumentSymbolProvider', doc.uri);
  const names = [];
  const walk = (s) => s.forEach((x) => (names.push(x.name), walk(x.children || [])));
  walk(symbols || []);
  for (const id of ['KJ1', 'C-energy', 'E-zhao-alliance']) assert(names.some((n) => n === id || n.startsWith(`${id} `) || n.startsWith(`${id}:`)), `outline lacks ${id}: ${names.slice(0, 20)}`);
});

test('7d. `Kent: Check Workspace` runs and agrees with `kent check` on every file', async () => {
  const result = await vscode.commands.executeCommand('kent.checkWorkspace');
  log(`kent.checkWorkspace → ${JSON.stringify(result)}`);
  assert(result && typeof result === 'object', `kent.checkWorkspace returned ${JSON.stringify(result)}`);
  // The CLI on the same folder (saved files only: every test saves what it edits), run from
  // it: `kent check` names files relative to the folder it runs in.
  const root = vscode.workspace.workspaceFolders[0].uri.fsPath;
  const cli = require('child_process').spawnSync(process.execPath, [path.join(REPO, 'bin/kent.js'), 'check', root, '--root', root, '--format', 'json'], {
    cwd: root,
    encoding: 'utf8',
    env: { ...process.env, ELECTRON_RUN_AS_NODE: '1' },
  });
  assert(cli.stdout, `kent check failed: ${cli.stderr}`);
  const report = JSON.parse(cli.stdout);
  const count = (sev) => report.diagnostics.filter((d) => d.severity === sev).length;
  const key = (file, line, ch, code) => `${file}:${line + 1}:${ch + 1} ${code}`;
  const fromCli = report.diagnostics.map((d) => key(d.file, d.range.start.line, d.range.start.character, d.code)).sort();
  const inEditor = [];
  for (const [uri, ds] of vscode.languages.getDiagnostics()) {
    for (const d of ds) if (d.source === 'kent') inEditor.push(key(path.relative(root, uri.fsPath).split(path.sep).join('/'), d.range.start.line, d.range.start.character, codeOf(d)));
  }
  inEditor.sort();
  const missing = fromCli.filter((k) => !inEditor.includes(k));
  const extra = inEditor.filter((k) => !fromCli.includes(k));
  // The counts first, then where they differ (the diagnostics in one and not the other say which).
  const differ = `editor vs CLI: missing ${JSON.stringify(missing)}, extra ${JSON.stringify(extra)}`;
  assert(result.files === report.files && result.errors === count('error') && result.warnings === count('warning'), `server ${JSON.stringify(result)} vs CLI files ${report.files}, ${count('error')} errors, ${count('warning')} warnings; ${differ}`);
  assert(missing.length === 0 && extra.length === 0, differ);
});

test('7e. the status bar shows the workspace\'s Kent error and warning counts', async () => {
  const count = () => {
    let errors = 0;
    let warnings = 0;
    for (const [, ds] of vscode.languages.getDiagnostics()) {
      for (const d of ds) {
        if (d.source !== 'kent') continue;
        if (d.severity === vscode.DiagnosticSeverity.Error) errors++;
        else if (d.severity === vscode.DiagnosticSeverity.Warning) warnings++;
      }
    }
    return { errors, warnings };
  };
  let shown;
  const ok = await waitForDom('statusbar', '.statusbar-item', (items) => {
    const item = items.find((i) => /^Kent\b/.test((i.text || '').trim()) || /^Kent\b/.test(i.label || ''));
    if (!item) return false;
    const m = /Kent\D*(\d+)\D+(\d+)/.exec(item.text);
    if (!m) return false;
    shown = { errors: Number(m[1]), warnings: Number(m[2]), text: item.text.trim(), label: item.label };
    const want = count();
    return shown.errors === want.errors && shown.warnings === want.warnings && shown;
  });
  if (ok === undefined) skip('the status bar is not observable here (no run.mjs page to query)');
  log(`status bar: ${JSON.stringify(ok)}`);
  assert(ok.errors > 0 && ok.warnings > 0, `the tour sample has errors and warnings: ${JSON.stringify(ok)}`);
});

test('8. screenshot: the Kent file with diagnostics and a hover card', async () => {
  // A calmer picture (and a smaller PNG): no minimap, no sticky scroll.
  const editorConfig = vscode.workspace.getConfiguration('editor');
  await editorConfig.update('minimap.enabled', false, vscode.ConfigurationTarget.Global);
  await editorConfig.update('stickyScroll.enabled', false, vscode.ConfigurationTarget.Global);
  try {
    await vscode.commands.executeCommand('workbench.action.closeSidebar');
    await vscode.commands.executeCommand('workbench.action.closePanel');
    await vscode.commands.executeCommand('workbench.action.closeAuxiliaryBar');
    const { doc, editor } = await openDoc(RT);
    await vscode.commands.executeCommand('workbench.action.closeOtherEditors');
    await diagsWhere(doc.uri, (d) => d.some((x) => codeOf(x) === 'unsupported-claim'), 20_000, 'squiggles');
    // Lines 214-255 or so: the unsupported / ungrounded claims (227, 230) and the Kortunov citation (241).
    const cite = posOf(doc, '[@kortunov-2021]', 2);
    editor.revealRange(new vscode.Range(cite.line - 27, 0, cite.line - 27, 0), vscode.TextEditorRevealType.AtTop);
    editor.selection = new vscode.Selection(cite, cite);
    const title = 'Andrey Kortunov on the Kremlin and a Taiwan crisis';
    const md = plainOf(await vscode.commands.executeCommand('vscode.executeHoverProvider', doc.uri, cite));
    assert(md.includes(title), 'hover provider has no card for the citation');
    await vscode.commands.executeCommand('editor.action.showHover');
    const shown = await waitForDom('hover', '.monaco-editor .monaco-hover', (els) => els.some((e) => (e.text || '').includes(title)));
    if (shown === undefined) skip('no run.mjs page to wait on or to screenshot');
    // Squiggles are drawn as decorations; make sure they are on the page too.
    const squiggles = await queryDom('squiggles', '.monaco-editor .squiggly-warning');
    assert(squiggles && squiggles.length > 0, 'no warning squiggles visible');
    assert(await screenshot('kent-vscode', 15_000), 'screenshot test-artifacts/kent-vscode.png was not written');
    log(`screenshot: test-artifacts/kent-vscode.png (${squiggles.length} squiggles visible)`);
  } finally {
    await editorConfig.update('minimap.enabled', undefined, vscode.ConfigurationTarget.Global);
    await editorConfig.update('stickyScroll.enabled', undefined, vscode.ConfigurationTarget.Global);
  }
}, { timeoutMs: 60_000 });

// ------------------------------------------------------------------ editor features reached through the client

/** The first definition as { uri, range } (a LocationLink or a Location). */
function firstLocation(defs) {
  const d = (defs || [])[0];
  return d && ('targetUri' in d ? { uri: d.targetUri, range: d.targetSelectionRange || d.targetRange } : d);
}

test('9a. Format Document tidies an attribute line and writes values in their canonical form', async () => {
  const rel = 'vscode-tests/format.kent';
  await writeFile(rel, ['claim VF1: The ferry has stopped.', '    confidence:  High ', '  likelihood: VERY LIKELY', '  because: @vf-src', '', 'source vf-src: Port notice', '  reliability: b', ''].join('\n'));
  const { doc } = await openDoc(rel);
  const edits = await vscode.commands.executeCommand('vscode.executeFormatDocumentProvider', doc.uri, { tabSize: 2, insertSpaces: true });
  assert(edits && edits.length > 0, 'no formatting edits');
  const edit = new vscode.WorkspaceEdit();
  edit.set(doc.uri, edits);
  assert(await vscode.workspace.applyEdit(edit), 'applyEdit returned false');
  const want = ['claim VF1: The ferry has stopped.', '  confidence: high', '  likelihood: very likely', '  because: @vf-src', '', 'source vf-src: Port notice', '  reliability: B', ''].join('\n');
  assert(doc.getText() === want, `formatted: ${JSON.stringify(doc.getText())}`);
  await doc.save();
});

test('9b. Expand Selection grows from a ref to its attribute line, then to the block', async () => {
  const rel = 'vscode-tests/selection.kent';
  await writeFile(rel, ['claim VS1: The bridge is closed.', '  because: @vs-src', '', 'judgment VSJ: Traffic will likely stay diverted.', '  likelihood: likely', '  because: VS1, @vs-src', '', 'source vs-src: Road authority', '  reliability: B', ''].join('\n'));
  const { doc } = await openDoc(rel);
  const [sel] = await vscode.commands.executeCommand('vscode.executeSelectionRangeProvider', doc.uri, [posOf(doc, 'because: VS1', 'because: V'.length)]);
  const texts = [];
  for (let s = sel; s; s = s.parent) texts.push(doc.getText(s.range));
  log(`selection ranges: ${texts.slice(0, 4).map((t) => JSON.stringify(t)).join(' → ')} → …`);
  assert(texts[0] === 'VS1', `innermost range: ${JSON.stringify(texts[0])}`);
  const line = texts.findIndex((t) => t.trim() === 'because: VS1, @vs-src');
  const block = texts.findIndex((t) => t.startsWith('judgment VSJ:') && t.trimEnd().endsWith('because: VS1, @vs-src'));
  assert(line > 0 && block > line, `no attribute line then block among ${JSON.stringify(texts)}`);
  assert(texts[texts.length - 1] === doc.getText(), 'the outermost range is not the document');
});

test('9c. completion after `// kent-ignore ` offers diagnostic codes, the one reported on the next block first', async () => {
  const rel = 'vscode-tests/ignore-completion.kent';
  await writeFile(rel, ['// kent-ignore ', 'claim VI1: The dam will hold.', ''].join('\n'));
  const { doc } = await openDoc(rel);
  await diagsWhere(doc.uri, (d) => d.some((x) => codeOf(x) === 'unsupported-claim'), 20_000, 'unsupported-claim on VI1');
  const list = await vscode.commands.executeCommand('vscode.executeCompletionItemProvider', doc.uri, doc.lineAt(0).range.end);
  // In the order the editor shows them: by sortText, then label.
  const key = (i) => i.sortText || (typeof i.label === 'string' ? i.label : i.label.label);
  const labels = [...list.items].sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0)).map((i) => (typeof i.label === 'string' ? i.label : i.label.label));
  log(`completion after "// kent-ignore ": ${labels.slice(0, 4).join(', ')}, … (${labels.length})`);
  assert(labels[0] === 'unsupported-claim', `first code offered: ${JSON.stringify(labels.slice(0, 5))}`);
  for (const c of ['unused-source', 'vague-estimate', 'possible-contradiction']) assert(labels.includes(c), `completion lacks ${c}`);
});

test('9d. go to definition on a `quote:` opens the source file at the quoted passage', async () => {
  await writeFile('vscode-tests/quote/harbour-log.txt', ['Harbour log, week 12.', '', 'The night shift reported that', 'the northern gate stayed shut until dawn.', 'Nothing else moved.', ''].join('\n'));
  const rel = 'vscode-tests/quote/quote.kent';
  await writeFile(rel, ['evidence VQE: The northern gate was shut overnight.', '  source: vd-log', '  quote: "the northern gate stayed shut"', '', 'source vd-log: Harbour log', '  reliability: B', '  file: harbour-log.txt', ''].join('\n'));
  const { doc } = await openDoc(rel);
  const defs = await vscode.commands.executeCommand('vscode.executeDefinitionProvider', doc.uri, posOf(doc, 'quote: "the northern', 'quote: "the n'.length));
  const def = firstLocation(defs);
  assert(def && same(def.uri, wsUri('vscode-tests/quote/harbour-log.txt')), `definition: ${JSON.stringify(defs)}`);
  assert(def.range.start.line === 3 && def.range.start.character === 0, `definition at ${def.range.start.line + 1}:${def.range.start.character + 1}`);
  const txt = await vscode.workspace.openTextDocument(def.uri);
  assert(txt.getText(def.range) === 'the northern gate stayed shut', `definition covers ${JSON.stringify(txt.getText(def.range))}`);
});

test('9e. a stale `kent-ignore` code shows `unused-ignore`, faded, and its quick fix removes it', async () => {
  const rel = 'vscode-tests/unused-ignore.kent';
  const block = ['judgment VU1: The canal will likely reopen in spring.', '  likelihood: likely', '  confidence: moderate', '  because: @vu-src', '', 'source vu-src: Canal authority', '  reliability: B', ''];
  await writeFile(rel, ['// kent-ignore missing-confidence: set later', ...block].join('\n'));
  const { doc } = await openDoc(rel);
  const diags = await diagsWhere(doc.uri, (d) => d.some((x) => codeOf(x) === 'unused-ignore'), 20_000, 'unused-ignore on the stale comment');
  const stale = diags.find((x) => codeOf(x) === 'unused-ignore');
  assert(stale.range.start.line === 0 && doc.getText(stale.range).includes('missing-confidence'), `unused-ignore covers ${JSON.stringify(doc.getText(stale.range))}`);
  assert((stale.tags || []).includes(vscode.DiagnosticTag.Unnecessary), `tags: ${JSON.stringify(stale.tags)}`);
  const actions = await vscode.commands.executeCommand('vscode.executeCodeActionProvider', doc.uri, stale.range);
  const fix = actions.find((a) => /^Remove this kent-ignore comment/.test(a.title));
  assert(fix && fix.edit, `no removing quick fix among ${JSON.stringify(actions.map((a) => a.title))}`);
  assert(await vscode.workspace.applyEdit(fix.edit), 'applyEdit returned false');
  assert(doc.getText() === block.join('\n'), `after the fix: ${JSON.stringify(doc.getText())}`);
  await diagsWhere(doc.uri, (d) => !d.some((x) => codeOf(x) === 'unused-ignore'), 20_000, 'unused-ignore to go');
  await doc.save();
});

// ------------------------------------------------------------------ paths, and quick fixes that change what is read

/** A completion item's label as shown. */
function itemLabel(i) {
  return typeof i.label === 'string' ? i.label : i.label.label;
}

/** The items in the order the editor shows them: by sortText, then label. */
function shownOrder(items) {
  const key = (i) => i.sortText || itemLabel(i);
  return [...items].sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));
}

/**
 * The completion items at `pos` (all the server's: the extension contributes no snippets),
 * asked again until `ok(items)` (or 20 s pass): the server may still be learning of files just
 * written (a folder is listed from what the watcher told it).
 */
async function completionWhen(uri, pos, ok) {
  let items = [];
  for (const until = Date.now() + 20_000; Date.now() < until; await sleep(250)) {
    const list = await vscode.commands.executeCommand('vscode.executeCompletionItemProvider', uri, pos);
    items = shownOrder(list ? list.items : []);
    if (ok(items)) break;
  }
  return items;
}

/** Accepts a completion item as the editor would: its text over its range (the replacing one). */
async function accept(editor, item, pos) {
  const range = item.range ? ('inserting' in item.range ? item.range.replacing : item.range) : new vscode.Range(pos, pos);
  const insert = typeof item.insertText === 'string' ? item.insertText : item.insertText ? item.insertText.value : itemLabel(item);
  assert(await editor.edit((b) => b.replace(range, insert)), `accepting ${itemLabel(item)} was not applied`);
}

/** The quick fix titled `title` for `diag`, from the code actions VS Code asks the server for. */
async function quickFix(doc, diag, title) {
  const actions = await vscode.commands.executeCommand('vscode.executeCodeActionProvider', doc.uri, diag.range);
  const fix = (actions || []).find((a) => a.title === title);
  assert(fix, `no ${JSON.stringify(title)} among ${JSON.stringify((actions || []).map((a) => a.title))}`);
  assert(fix.kind && vscode.CodeActionKind.QuickFix.contains(fix.kind), `kind of ${JSON.stringify(title)}: ${fix.kind && fix.kind.value}`);
  assert(fix.edit, `${JSON.stringify(title)} has no edit`);
  return fix;
}

test('10a. completion of a `file:` path: the folder\'s entries, folders first and re-triggering suggestions, then the files in the folder chosen', async () => {
  await writeFile('vscode-tests/paths/sources/iiss-2024.txt', 'The Military Balance 2024.\n');
  await writeFile('vscode-tests/paths/sources/zhao-2021.txt', 'Zhao Huasheng on a China-Russia alliance.\n');
  await writeFile('vscode-tests/paths/archive/old-notes.txt', 'Old notes.\n');
  const rel = 'vscode-tests/paths/paths.kent';
  await writeFile(rel, ['claim VP1: The fleet is in port [@vp-src].', '', 'source vp-src: The Military Balance 2024', '  reliability: B', '  file: ', ''].join('\n'));
  const { doc, editor } = await openDoc(rel);
  const line = 4;
  assert(doc.lineAt(line).text === '  file: ', `line ${line + 1} is ${JSON.stringify(doc.lineAt(line).text)}`);

  const top = await completionWhen(doc.uri, doc.lineAt(line).range.end, (items) => ['archive/', 'sources/'].every((l) => items.some((i) => itemLabel(i) === l)));
  log(`completion after "file: ": ${top.map(itemLabel).join(', ')}`);
  const folders = top.filter((i) => i.kind === vscode.CompletionItemKind.Folder).map(itemLabel);
  assert(JSON.stringify([...folders].sort()) === '["archive/","sources/"]', `folders offered: ${JSON.stringify(folders)} of ${JSON.stringify(top.map(itemLabel))}`);
  assert(top.some((i) => itemLabel(i) === 'paths.kent' && i.kind === vscode.CompletionItemKind.File), `the document's own folder lists paths.kent too: ${JSON.stringify(top.map(itemLabel))}`);
  const firstFile = top.findIndex((i) => i.kind !== vscode.CompletionItemKind.Folder);
  assert(firstFile === folders.length, `folders are not first: ${JSON.stringify(top.map((i) => `${itemLabel(i)}:${i.kind}`))}`);
  // The server adds the re-trigger only for Kent's own extension (its initializationOptions say
  // `trusted`): its presence here says the extension identified itself.
  for (const f of top.slice(0, firstFile)) {
    assert(f.command && f.command.command === 'editor.action.triggerSuggest', `folder ${itemLabel(f)} has command ${JSON.stringify(f.command)}`);
  }
  for (const f of top.slice(firstFile)) assert(!f.command, `file ${itemLabel(f)} has command ${JSON.stringify(f.command)}`);
  assert((await vscode.commands.getCommands(false)).includes('editor.action.triggerSuggest'), 'VS Code has no editor.action.triggerSuggest');

  // Accepting `sources/` (as the editor would, then suggesting again): the files in it.
  await accept(editor, top.find((i) => itemLabel(i) === 'sources/'), doc.lineAt(line).range.end);
  assert(doc.lineAt(line).text === '  file: sources/', `after accepting sources/: ${JSON.stringify(doc.lineAt(line).text)}`);
  const inSources = await completionWhen(doc.uri, doc.lineAt(line).range.end, (items) => items.some((i) => itemLabel(i) === 'iiss-2024.txt'));
  const labels = inSources.map(itemLabel);
  log(`completion after "file: sources/": ${labels.join(', ')}`);
  assert(JSON.stringify([...labels].sort()) === '["iiss-2024.txt","zhao-2021.txt"]', `entries of sources/: ${JSON.stringify(labels)}`);
  assert(inSources.every((i) => i.kind === vscode.CompletionItemKind.File && !i.command), `kinds/commands in sources/: ${JSON.stringify(inSources.map((i) => [itemLabel(i), i.kind, i.command]))}`);

  await accept(editor, inSources.find((i) => itemLabel(i) === 'iiss-2024.txt'), doc.lineAt(line).range.end);
  assert(doc.lineAt(line).text === '  file: sources/iiss-2024.txt', `after accepting the file: ${JSON.stringify(doc.lineAt(line).text)}`);
  await doc.save();
  await diagsWhere(doc.uri, (d) => d.length === 0, 20_000, 'paths.kent to be clean once the file is named');
}, { timeoutMs: 60_000 });

test('10a2. a `file:` of any kind made on disk (a .pdf) is seen: its source-file-missing goes', async () => {
  const rel = 'vscode-tests/pdf/pdf.kent';
  await writeFile(rel, ['claim VPDF1: The fleet is in port [@vpdf-src].', '', 'source vpdf-src: The annex', '  reliability: B', '  file: annex.pdf', ''].join('\n'));
  const { doc } = await openDoc(rel);
  await diagsWhere(doc.uri, (d) => d.some((x) => codeOf(x) === 'source-file-missing'), 20_000, 'source-file-missing on annex.pdf');
  // Outside VS Code (a download, a build): only the extension's file watcher tells the server.
  fs.writeFileSync(wsUri('vscode-tests/pdf/annex.pdf').fsPath, '%PDF-1.4\n');
  await diagsWhere(doc.uri, (d) => !d.some((x) => codeOf(x) === 'source-file-missing'), 20_000, 'source-file-missing to go once annex.pdf is on disk');
}, { timeoutMs: 60_000 });

test('10b. `source-file-missing` says "did you mean" a file beside it; its quick fix names it and the diagnostic goes', async () => {
  await writeFile('vscode-tests/near/sources/iiss-2024.txt', 'The Military Balance 2024.\n');
  const rel = 'vscode-tests/near/near.kent';
  await writeFile(rel, ['claim VN1: The fleet is in port [@vn-src].', '', 'source vn-src: The Military Balance 2024', '  reliability: B', '  file: sources/iis-2024.txt', ''].join('\n'));
  const { doc } = await openDoc(rel);
  const diags = await diagsWhere(doc.uri, (d) => d.some((x) => codeOf(x) === 'source-file-missing' && /did you mean sources\/iiss-2024\.txt\?/.test(x.message)), 20_000, 'source-file-missing with "did you mean"');
  const missing = diags.find((x) => codeOf(x) === 'source-file-missing');
  assert(doc.getText(missing.range) === 'sources/iis-2024.txt', `source-file-missing covers ${JSON.stringify(doc.getText(missing.range))}`);
  const fix = await quickFix(doc, missing, 'Change to sources/iiss-2024.txt');
  assert(await vscode.workspace.applyEdit(fix.edit), 'applyEdit returned false');
  assert(doc.lineAt(4).text === '  file: sources/iiss-2024.txt', `after the fix: ${JSON.stringify(doc.lineAt(4).text)}`);
  await diagsWhere(doc.uri, (d) => d.length === 0, 20_000, 'source-file-missing to go (and no other diagnostic)');
  await doc.save();
});

test('10c. `unindented-attribute`: its quick fix indents `likelihood:` and the likelihood is then read', async () => {
  const rel = 'vscode-tests/unindented.kent';
  await writeFile(rel, ['judgment VUA1: The strike will almost certainly end by May [@vua-src].', '  confidence: moderate', 'likelihood: likely', '', 'source vua-src: Union bulletin', '  reliability: B', ''].join('\n'));
  const { doc } = await openDoc(rel);
  const diags = await diagsWhere(doc.uri, (d) => d.some((x) => codeOf(x) === 'unindented-attribute'), 20_000, 'unindented-attribute on likelihood:');
  const warning = diags.find((x) => codeOf(x) === 'unindented-attribute');
  assert(warning.range.start.line === 2 && doc.getText(warning.range) === 'likelihood', `unindented-attribute at ${warning.range.start.line + 1} covers ${JSON.stringify(doc.getText(warning.range))}`);
  assert(warning.severity === vscode.DiagnosticSeverity.Warning, `severity ${warning.severity}`);
  // Unread, the likelihood cannot disagree with the statement's "almost certainly".
  assert(!diags.some((x) => codeOf(x) === 'estimative-mismatch'), `estimative-mismatch before the fix: ${describe(diags)}`);
  const fix = await quickFix(doc, warning, 'Indent as an attribute of VUA1');
  assert(await vscode.workspace.applyEdit(fix.edit), 'applyEdit returned false');
  assert(doc.lineAt(2).text === '  likelihood: likely', `after the fix: ${JSON.stringify(doc.lineAt(2).text)}`);
  const after = await diagsWhere(doc.uri, (d) => !d.some((x) => codeOf(x) === 'unindented-attribute') && d.some((x) => codeOf(x) === 'estimative-mismatch'), 20_000, 'unindented-attribute to go and the likelihood to be read');
  const mismatch = after.find((x) => codeOf(x) === 'estimative-mismatch');
  assert(/declares `likelihood: likely`/.test(mismatch.message), mismatch.message);
  const hints = await vscode.commands.executeCommand('vscode.executeInlayHintProvider', doc.uri, new vscode.Range(0, 0, doc.lineCount, 0));
  const end = doc.lineAt(2).range.end;
  assert((hints || []).some((h) => h.position.isEqual(end) && labelOf(h) === '55–80%'), `no 55–80% hint after the indented likelihood: ${JSON.stringify((hints || []).map((h) => [h.position.line, h.position.character, labelOf(h)]))}`);
  await doc.save();
});

test('10d. `contradiction` quick fix "Record as a disagreement": `same-as` becomes `contradicts`, the error an `acknowledged-disagreement`', async () => {
  const rel = 'vscode-tests/contradiction.kent';
  await writeFile(
    rel,
    [
      'judgment VCD1: The port will reopen by June.',
      '  likelihood: very likely',
      '  confidence: moderate',
      '  because: @vcd-src',
      '  same-as: VCD2',
      '',
      'judgment VCD2: The port will reopen by June.',
      '  likelihood: very unlikely',
      '  confidence: moderate',
      '  because: @vcd-src',
      '',
      'source vcd-src: Harbour master',
      '  reliability: B',
      '',
    ].join('\n'),
  );
  const { doc } = await openDoc(rel);
  const diags = await diagsWhere(doc.uri, (d) => d.filter((x) => codeOf(x) === 'contradiction').length === 2, 20_000, 'contradiction on both judgments');
  const onSameAs = diags.find((x) => codeOf(x) === 'contradiction' && x.range.start.line === 4);
  assert(onSameAs && doc.getText(onSameAs.range) === 'VCD2', `no contradiction on the same-as ref: ${describe(diags)}`);
  assert(onSameAs.severity === vscode.DiagnosticSeverity.Error, `severity ${onSameAs.severity}`);
  const fix = await quickFix(doc, onSameAs, "Record as a disagreement: 'same-as' → 'contradicts'");
  assert(await vscode.workspace.applyEdit(fix.edit), 'applyEdit returned false');
  assert(doc.lineAt(4).text === '  contradicts: VCD2', `after the fix: ${JSON.stringify(doc.lineAt(4).text)}`);
  const after = await diagsWhere(doc.uri, (d) => !d.some((x) => codeOf(x) === 'contradiction') && d.some((x) => codeOf(x) === 'acknowledged-disagreement'), 20_000, 'contradiction to become acknowledged-disagreement');
  assert(after.length === 1, `only the acknowledged disagreement is left: ${describe(after)}`);
  const ack = after[0];
  assert(ack.range.start.line === 4 && doc.getText(ack.range) === 'VCD2', `acknowledged-disagreement covers ${JSON.stringify(doc.getText(ack.range))} on line ${ack.range.start.line + 1}`);
  assert(/VCD1 \(very likely, 80–95%\) disputes VCD2 \(very unlikely, 5–20%\)/.test(ack.message), ack.message);
  await doc.save();
});

test('11a. `Kent: New Assessment` opens an untitled example, which Kent checks: its two findings, each with a fix', async () => {
  await vscode.commands.executeCommand('kent.newAssessment');
  const editor = await waitFor(() => {
    const e = vscode.window.activeTextEditor;
    return e && e.document.uri.scheme === 'untitled' && e.document.languageId === 'kent' && e;
  }, 10_000, { message: 'an untitled Kent editor' });
  assert(/^assessment harbour:/m.test(editor.document.getText()), editor.document.getText().slice(0, 200));
  const diags = await diagsWhere(editor.document.uri, (d) => d.length >= 2, 20_000, 'the example\'s findings');
  assert(JSON.stringify(diags.map(codeOf).sort()) === JSON.stringify(['estimative-mismatch', 'unsupported-claim']), describe(diags));
  await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
});

test('11b. every command package.json contributes is registered', async () => {
  const all = await vscode.commands.getCommands(true);
  const missing = pkg.contributes.commands.map((c) => c.command).filter((c) => !all.includes(c));
  assert(missing.length === 0, `not registered: ${missing}`);
});

test('11c. `Kent: Show Evidence Map` from outside a Kent editor (a walkthrough\'s button) maps the Kent document shown beside', async () => {
  const mapTabs = () => vscode.window.tabGroups.all.flatMap((g) => g.tabs).filter((t) => t.input instanceof vscode.TabInputWebview && /kent\.evidenceMap/.test(t.input.viewType));
  await vscode.window.tabGroups.close(mapTabs());
  const kentDoc = await vscode.workspace.openTextDocument(wsUri('russia-taiwan/nie-2000.kent'));
  await vscode.window.showTextDocument(kentDoc, { preview: false, viewColumn: vscode.ViewColumn.One });
  const other = await vscode.workspace.openTextDocument(wsUri('russia-taiwan/refs.bib'));
  await vscode.window.showTextDocument(other, { preview: false, viewColumn: vscode.ViewColumn.Two });
  assert(vscode.window.activeTextEditor.document.uri.toString() === other.uri.toString(), 'refs.bib is the active editor');
  await vscode.commands.executeCommand('kent.showEvidenceMap');
  const tab = await waitFor(() => mapTabs()[0], 15_000, { message: 'the evidence map tab' });
  assert(tab.label === 'Evidence Map: nie-2000.kent', `tab label ${tab.label}`);
  await vscode.window.tabGroups.close(mapTabs());
});
