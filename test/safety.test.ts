// Editor safety and "nothing lost" (issue 6, "Survive anything").
//
// - Hovers and completion documentation render user text as Markdown that can neither run a
//   command nor load anything: a title, statement, quote, author, date, URL, bibliography entry
//   holding `[x](command:…)`, `<img src=http://…>`, `![i](http://…)`, HTML, backticks and fences
//   comes out escaped, and a quoted passage from a local file sits in a fence it cannot leave.
// - Document links are http(s) URLs and workspace files only (and, for a kent-ignore's code, its
//   section of the checks.md the extension ships).
// - The extension declares how it behaves in untrusted and virtual workspaces, and in a
//   restricted workspace the server reads `.kent` documents and kent.json, nothing else
//   (server/src/lsp/folders.ts PolicyHost, in-process and traced in the real server).
// - Rename and every quick fix produce exact edits, on open and closed files, with CRLF line
//   ends and text outside the BMP: each edit is applied and the whole result compared.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { checkDocument, checkWorkspace } from '../server/src/core/analyze';
import { codeActions } from '../server/src/core/service/codeActions';
import { completions } from '../server/src/core/service/completion';
import { hover } from '../server/src/core/service/hover';
import { documentLinks } from '../server/src/core/service/links';
import { Workspace, type FileRead } from '../server/src/core/workspace';
import { FsHost } from '../server/src/node/fsHost';
import { Folder, Folders } from '../server/src/lsp/folders';
import { applyEdits } from '../fuzz/core';
import { LspProcess } from '../fuzz/lsp';

const ROOT = path.resolve(__dirname, '..');
const TRACER = path.join(ROOT, 'fuzz', 'trace.cjs');
const built = fs.existsSync(path.join(ROOT, 'dist', 'server.js'));

// ---------------------------------------------------------------------------------------------
// Markdown that can do nothing

const EVIL = '[x](command:workbench.action.quit) <img src=http://x/a.png> ![i](http://x/y.png) <script>alert(1)</script> <a href="command:x">a</a> `code` ``` fence ~~~ &lt;b&gt; R&D &#65; <http://auto.link> http://bare.link javascript:alert(1) data:text/html,x *em* _u_';

/** Split Markdown into fenced code blocks (CommonMark backtick fences) and the rest. */
function splitFences(md: string): { prose: string; blocks: string[] } {
  const lines = md.split('\n');
  const prose: string[] = [];
  const blocks: string[] = [];
  for (let i = 0; i < lines.length; i++) {
    const open = /^ {0,3}(`{3,})[^`]*$/.exec(lines[i]);
    if (!open) {
      prose.push(lines[i]);
      continue;
    }
    const body: string[] = [];
    let j = i + 1;
    for (; j < lines.length; j++) {
      const close = /^ {0,3}(`{3,})\s*$/.exec(lines[j]);
      if (close && close[1].length >= open[1].length) break;
      body.push(lines[j]);
    }
    assert.ok(j < lines.length, `an unclosed fence in:\n${md}`);
    blocks.push(body.join('\n'));
    i = j;
  }
  return { prose: prose.join('\n'), blocks };
}

/** Markdown outside fences holds no live link, image, HTML or command; only http(s) autolinks. */
function assertInert(md: string, where: string): void {
  const { prose } = splitFences(md);
  const withoutAutolinks = prose.replace(/<https?:\/\/[^\s<>()]+>/g, '');
  assert.ok(!prose.includes('!['), `${where}: an image\n${md}`);
  assert.ok(!/<[A-Za-z/!?]/.test(withoutAutolinks), `${where}: raw HTML\n${md}`);
  assert.ok(!/(?:command|javascript|data|vbscript|file):/i.test(prose), `${where}: a live scheme\n${md}`);
  assert.ok(!/(^|[^\\])\[[^\]\n]*\]\(/.test(prose), `${where}: a Markdown link\n${md}`);
  assert.ok(!/(^|[^\\])\[[^\]\n]*\]\[/.test(prose), `${where}: a reference link\n${md}`);
  assert.ok(!/(^|[^\\`])`[^`]/.test(prose.replace(/`@[A-Za-z0-9_:./+-]+`/g, '')), `${where}: an unescaped backtick\n${md}`);
  assert.ok(!/&(?!amp;|lt;|gt;)#?[A-Za-z0-9]+;/.test(prose), `${where}: a live entity\n${md}`);
}

function memoryWorkspace(files: Record<string, string>): Workspace {
  const w = new Workspace({ readFile: (p): FileRead => (p in files ? { ok: true, text: files[p] } : { ok: false, reason: 'missing' }) });
  w.loadConfig();
  return w;
}

test('hovers render hostile titles, statements, quotes, authors, URLs and bibliography entries inert', () => {
  const passage = `before\n\`\`\`\n[y](command:evil) <img src=x> ${'`'.repeat(7)}\nthe quoted words are here\n</pre>\`\`\`\`\nafter\n`;
  const bib = `@misc{bibsrc, title = {${EVIL.replace(/[{}]/g, '')}}, author = {Evil, [x](command:y)}, url = {command:workbench.action.quit}, reliability = {B}}\n`;
  const w = memoryWorkspace({ 'src.txt': passage, 'refs.bib': bib });
  const text = [
    `assessment a: ${EVIL}`,
    '  bibliography: refs.bib',
    '',
    `Prose ${EVIL} cites [@s] and [@bibsrc] and [[KJ1]].`,
    '',
    '// kent-ignore missing-confidence, `code` <img src=x> [x](y), ![i](z) *em*, : reason',
    `judgment KJ1: ${EVIL} probably.`,
    '  likelihood: likely',
    '  confidence: low',
    '  because: E1, E2, @bibsrc',
    '',
    `evidence E1: ${EVIL}`,
    '  source: s',
    `  quote: "${EVIL.replace(/"/g, '')}"`,
    '',
    'evidence E2: Found in the file.',
    '  source: s',
    '  quote: "the quoted words are here"',
    '  credibility: 2',
    '',
    `source s: ${EVIL}`,
    `  author: ${EVIL}`,
    `  date: ${EVIL}`,
    `  origin: ${EVIL}`,
    '  url: command:workbench.action.quit',
    '  file: src.txt',
    '',
  ].join('\n');
  const doc = w.setDocument('[x](command:y) <img src=x>.kent', text);
  let hovers = 0;
  let passages = 0;
  for (let offset = 0; offset <= text.length; offset++) {
    const h = hover(w, doc, offset);
    if (!h) continue;
    hovers++;
    assertInert(h.markdown, `hover at ${offset}`);
    for (const block of splitFences(h.markdown).blocks) {
      passages++;
      assert.ok(passage.includes(block), `a fence holds exactly a passage of the file:\n${block}`);
    }
  }
  assert.ok(hovers > 40, `${hovers} hovers`);
  assert.ok(passages > 0, 'the quoted passage was shown');
  // The user's text is shown, escaped — not dropped.
  const card = hover(w, doc, text.indexOf('source s:') + 7)!.markdown;
  assert.ok(card.includes('\\[x\\](command\\:workbench.action.quit)'), card);
  assert.ok(card.includes('&lt;img src=http\\://x/a.png>'), card);
  const bibCard = hover(w, doc, text.indexOf('@bibsrc') + 2)!.markdown;
  assert.match(bibCard, /from refs\.bib/);
  assertInert(bibCard, 'bibliography hover');
  // Completion documentation is Markdown too.
  for (const at of [text.indexOf('because: E1') + 9, text.indexOf('[@s]') + 2, text.indexOf('[[KJ1]]') + 2, text.indexOf('*em*, ') + 6]) {
    for (const c of completions(w, doc, at)) if (c.documentation) assertInert(c.documentation, `completion ${c.label}`);
  }
});

test('document links are http(s) URLs and workspace files only', () => {
  const w = memoryWorkspace({ 'src.txt': 'x' });
  const urls = ['command:workbench.action.quit', 'javascript:alert(1)', 'file:///etc/passwd', 'data:text/html,<b>x</b>', 'vscode://settings', 'https://ok.example/a', 'http://ok.example/b', 'https://x y'];
  const text = urls.map((u, i) => `source s${i}: S\n  url: ${u}\n  file: ${i % 2 ? 'src.txt' : '../outside.txt'}\n`).join('\n');
  const doc = w.setDocument('a.kent', text);
  const links = documentLinks(w, doc).map((l) => (l.target.kind === 'url' ? l.target.url : l.target.kind === 'file' ? `file ${l.target.path}` : `code ${l.target.code}`));
  assert.deepEqual(links.sort(), ['file src.txt', 'file src.txt', 'file src.txt', 'file src.txt', 'http://ok.example/b', 'https://ok.example/a'].sort());
});

test('the real server answers a hostile hover with the same inert Markdown', { skip: !built && 'run `node esbuild.mjs` first' }, async () => {
  const dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'kent-safety-')));
  const lsp = await LspProcess.start(dir);
  try {
    const text = `source s: ${EVIL}\n  url: command:x\n\nclaim C: ${EVIL}\n  because: @s\n`;
    const uri = await lsp.open('a.kent', text);
    for (const [line, character] of [[0, 7], [3, 6], [4, 13]]) {
      const h = await lsp.request<{ contents: { kind: string; value: string } }>('textDocument/hover', { textDocument: { uri }, position: { line, character } });
      assert.equal(h.contents.kind, 'markdown');
      assertInert(h.contents.value, `server hover ${line}:${character}`);
    }
  } finally {
    await lsp.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

// ---------------------------------------------------------------------------------------------
// Workspace trust

test('package.json declares the behaviour in untrusted and virtual workspaces', () => {
  const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { capabilities?: Record<string, { supported: unknown; description?: string }> };
  const untrusted = pkg.capabilities?.untrustedWorkspaces;
  const virtual = pkg.capabilities?.virtualWorkspaces;
  assert.ok(untrusted && (untrusted.supported === 'limited' || untrusted.supported === false), JSON.stringify(untrusted));
  assert.match(untrusted.description ?? '', /Restricted Mode/);
  assert.match(untrusted.description ?? '', /not read/);
  assert.ok(virtual && (virtual.supported === 'limited' || virtual.supported === false), JSON.stringify(virtual));
  assert.ok((virtual.description ?? '').length > 20);
  // The client tells the server whether the workspace is trusted, and restarts it when trust is granted.
  const client = fs.readFileSync(path.join(ROOT, 'client', 'src', 'extension.ts'), 'utf8');
  assert.match(client, /trusted: workspace\.isTrusted/);
  assert.match(client, /onDidGrantWorkspaceTrust/);
});

let restricted = '';
before(() => {
  restricted = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'kent-restricted-')));
  const files: Record<string, string> = {
    'kent.json': '{ "rules": { "unused-source": "off" } }',
    'refs.bib': '@misc{bib1, title = {From the bibliography}, reliability = {A}}\n',
    'sources/src.txt': 'the quoted words are here\n',
    'a.kent': 'assessment a: A\n  bibliography: refs.bib\n\nclaim C: Cited [@bib1].\n  because: E1\n\nevidence E1: Quoted.\n  source: s\n  quote: "the quoted words are here"\n\nsource s: S\n  file: sources/src.txt\n',
    'b.kent': 'assessment b: B\n\nclaim D: x\n  because: a/C\n',
  };
  for (const [rel, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(restricted, rel)), { recursive: true });
    fs.writeFileSync(path.join(restricted, rel), text);
  }
});
after(() => {
  if (restricted) fs.rmSync(restricted, { recursive: true, force: true });
});

test('PolicyHost: an untrusted folder reads kent.json and no source file or bibliography; trust turns them on', () => {
  let trusted = false;
  const folder = new Folder(restricted, true, () => trusted);
  folder.ws.loadConfig();
  folder.indexAll(new Set());
  const diags = [...checkWorkspace(folder.ws).values()].flat();
  assert.deepEqual(folder.host.opened.map((p) => path.relative(restricted, p)), ['kent.json']);
  assert.equal(folder.ws.config.rules['unused-source'], 'off', 'kent.json is read');
  assert.deepEqual(folder.host.readFile('sources/src.txt'), { ok: false, reason: 'skipped' });
  // Nothing is reported about files it did not read.
  assert.deepEqual(diags.filter((d) => ['quote-not-found', 'source-file-missing', 'path-outside-workspace'].includes(d.code)), []);
  const a = folder.ws.getDocument('a.kent')!;
  assert.ok(!hover(folder.ws, a, a.text.indexOf('E1:') + 1)?.markdown.includes('From sources'), 'no passage from a file');
  // Trust granted (the client restarts the server; a fresh folder here).
  trusted = true;
  const fresh = new Folder(restricted, true, () => trusted);
  fresh.ws.loadConfig();
  fresh.indexAll(new Set());
  checkWorkspace(fresh.ws);
  assert.deepEqual(fresh.host.opened.map((p) => path.relative(restricted, p)).sort(), ['kent.json', 'refs.bib', 'sources/src.txt']);
});

test('the folder of unsaved (untitled) documents makes nothing on disk and reads nothing, even where its root is a real folder', () => {
  const tmp = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'kent-tmpdir-')));
  const saved = process.env.TMPDIR;
  process.env.TMPDIR = tmp;
  try {
    const folder = new Folders().forUri('untitled:Untitled-1')!;
    const doc = folder.ws.setDocument(folder.pathOf('untitled:Untitled-1'), 'assessment u: U\n\nsource s1: S\n  file: x.txt\n');
    checkDocument(folder.ws, doc);
    assert.deepEqual(fs.readdirSync(tmp), [], 'no folder made');
    // Were its root a folder holding a kent.json and the source's file, it still reads neither.
    fs.mkdirSync(folder.root, { recursive: true });
    fs.writeFileSync(path.join(folder.root, 'kent.json'), '{ "rules": { "unused-source": "off" } }');
    fs.writeFileSync(path.join(folder.root, 'x.txt'), 'text');
    folder.ws.loadConfig();
    assert.notEqual(folder.ws.config.rules['unused-source'], 'off', 'kent.json is not read');
    const plain = new Folder(folder.root, false, () => true);
    plain.ws.loadConfig();
    assert.equal(plain.ws.config.rules['unused-source'], 'off', 'a folder there would read it');
    assert.deepEqual(folder.host.readFile('x.txt'), { ok: false, reason: 'skipped' });
    assert.deepEqual(folder.host.opened, []);
  } finally {
    if (saved === undefined) delete process.env.TMPDIR;
    else process.env.TMPDIR = saved;
    fs.rmSync(tmp, { recursive: true, force: true });
  }
});

test('the real server in a restricted workspace opens only .kent documents and kent.json (traced)', { skip: !built && 'run `node esbuild.mjs` first' }, async () => {
  const fsLog = path.join(os.tmpdir(), `kent-restricted-${process.pid}-${Date.now()}.log`);
  const lsp = await LspProcess.start(restricted, { initializationOptions: { trusted: false }, execArgv: ['--require', TRACER], env: { ...process.env, KENT_FS_LOG: fsLog } });
  try {
    const uri = await lsp.open('a.kent', fs.readFileSync(path.join(restricted, 'a.kent'), 'utf8'));
    await lsp.request('workspace/executeCommand', { command: 'kent.checkWorkspace', arguments: [] });
    for (let line = 0; line < 12; line++) await lsp.request('textDocument/hover', { textDocument: { uri }, position: { line, character: 8 } });
    await lsp.request('textDocument/documentLink', { textDocument: { uri } });
    await lsp.notify('workspace/didChangeWatchedFiles', { changes: [{ uri: lsp.uri('sources/src.txt'), type: 2 }, { uri: lsp.uri('refs.bib'), type: 2 }] });
    await lsp.request('workspace/executeCommand', { command: 'kent.checkWorkspace', arguments: [] });
    assert.deepEqual(lsp.errors, []);
  } finally {
    await lsp.stop();
  }
  const records = fs
    .readFileSync(fsLog, 'utf8')
    .trim()
    .split('\n')
    .map((l) => ({ kind: l.slice(0, l.indexOf(' ')), path: path.resolve(restricted, l.slice(l.indexOf(' ') + 1)) }))
    .filter((r) => r.path === restricted || r.path.startsWith(restricted + path.sep));
  fs.rmSync(fsLog, { force: true });
  // Listing folders (to find .kent files) is not reading them.
  const listed = records.filter((r) => /readdir|opendir/.test(r.kind));
  for (const r of listed) assert.ok(fs.statSync(r.path).isDirectory(), r.path);
  const names = [...new Set(records.filter((r) => !listed.includes(r)).map((r) => path.relative(restricted, r.path)))].sort();
  assert.ok(names.includes('b.kent'), `the trace sees the closed documents read: ${names.join(', ')}`);
  assert.deepEqual(names.filter((n) => !n.endsWith('.kent') && n !== 'kent.json'), [], 'read in a restricted workspace');
  assert.deepEqual(records.filter((r) => r.kind.startsWith('write:')), [], 'written in a restricted workspace');
});

// ---------------------------------------------------------------------------------------------
// Nothing lost: exact edits with CRLF and text outside the BMP

const ALPHA = [
  'assessment alpha: Ålpha — 中国 🚀',
  '',
  'judgment KJ1: 🚀 Россия: it is probable that war is avoided «now» 👩‍👩‍👧.',
  '  likelihood: unlikely',
  '  confidence: hihg',
  '  because: E1, Ghost',
  '',
  'claim C2: 中国 🚀 may intervene.',
  '',
  'evidence E1: Experts 🚀 expect 中国 to play no role.',
  '  source: iiss',
  '  credibilty: 2',
  '',
  'source iiss: The Military Balance ✓',
  '  reliability: B',
  '',
].join('\r\n');

const BETA = [
  'assessment beta: Бета 🚀',
  '',
  'claim B1: 🚀 «Quoted» 中国 text cites [[alpha/KJ1]] and [@iiss] 👩‍👩‍👧.',
  '  same-as: alpha/KJ1',
  '  because: alpha/E1',
  '',
].join('\r\n');

const insertBefore = (text: string, needle: string, what: string) => {
  const at = text.indexOf(needle);
  assert.ok(at >= 0, needle);
  return text.slice(0, at) + what + text.slice(at);
};
const insertAfter = (text: string, needle: string, what: string) => insertBefore(text, needle, '').replace(needle, needle + what);

/** The whole document each quick fix must produce, by its title. */
function expectedAfter(written: string, text: string): string | undefined {
  // The core's titles mark code with backticks; the server sends them quoted, as menus draw plain text.
  const title = written.replace(/`([^`\n]*)`/g, "'$1'");
  let m: RegExpExecArray | null;
  if (title === "Declare 'likelihood: likely'") return text.replace('  likelihood: unlikely', '  likelihood: likely');
  if (title === "Change 'probable' to 'unlikely'") return text.replace('it is probable that', 'it is unlikely that');
  if (title === "Change to 'high'") return text.replace('confidence: hihg', 'confidence: high');
  if (title === "Change to 'credibility'") return text.replace('  credibilty: 2', '  credibility: 2');
  if (title === 'Create claim Ghost') return text + '\r\nclaim Ghost: TODO\r\n';
  if (title === "Add 'because: E1'") return insertAfter(text, 'claim C2: 中国 🚀 may intervene.', '\r\n  because: E1');
  if ((m = /^Add 'likelihood: ([a-z ]+)' \(.+\)$/.exec(title))) return insertAfter(text, 'claim C2: 中国 🚀 may intervene.', `\r\n  likelihood: ${m[1]}`);
  if ((m = /^Replace "may" with "([a-z ]+)"$/.exec(title))) return text.replace('🚀 may intervene', `🚀 ${m[1]} intervene`);
  if ((m = /^Suppress ([a-z-]+) for (\w+)$/.exec(title))) {
    const header = { KJ1: 'judgment KJ1:', C2: 'claim C2:', E1: 'evidence E1:' }[m[2]];
    return header && insertBefore(text, header, `// kent-ignore ${m[1]}: reason\r\n`);
  }
  if ((m = /^Suppress ([a-z-]+) in this file$/.exec(title))) return `// kent-ignore-file ${m[1]}: reason\r\n` + text;
  return undefined;
}

/**
 * Fixes of ALPHA's six problems (suppressions come on top: two per code). vague-estimate on "may"
 * offers a likelihood for each of the seven terms and four rewordings ("will probably", "will
 * likely", "will very likely", "will almost certainly").
 */
const EXPECTED_FIXES = 17;
const isSuppression = (title: string) => title.startsWith('Suppress ');

test('every quick fix of a closed CRLF document with emoji produces exactly the document it should', () => {
  const dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'kent-fixes-')));
  try {
    fs.writeFileSync(path.join(dir, 'alpha.kent'), ALPHA);
    const w = new Workspace(new FsHost(dir));
    w.loadConfig();
    const doc = w.setDocument('alpha.kent', fs.readFileSync(path.join(dir, 'alpha.kent'), 'utf8'));
    const diags = checkDocument(w, doc);
    const actions = codeActions(w, doc, { start: 0, end: doc.text.length }, diags);
    assert.equal(actions.filter((a) => !isSuppression(a.title)).length, EXPECTED_FIXES, actions.map((a) => a.title).join('\n'));
    assert.equal(actions.filter((a) => isSuppression(a.title)).length, 2 * new Set(diags.map((d) => d.code)).size);
    for (const a of actions) {
      const want = expectedAfter(a.title, ALPHA);
      assert.ok(want, `no expectation for "${a.title}"`);
      assert.equal(applyEdits(ALPHA, a.edits), want, a.title);
    }
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

interface LspEdit {
  range: { start: { line: number; character: number }; end: { line: number; character: number } };
  newText: string;
}

test('through the server: every quick fix of the open document, and rename across open and closed files, exact', { skip: !built && 'run `node esbuild.mjs` first' }, async () => {
  const dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'kent-rename-')));
  fs.writeFileSync(path.join(dir, 'alpha.kent'), ALPHA);
  fs.writeFileSync(path.join(dir, 'beta.kent'), BETA);
  const lsp = await LspProcess.start(dir);
  try {
    const uri = await lsp.open('alpha.kent', ALPHA);
    const betaUri = lsp.uri('beta.kent');
    const client = TextDocument.create(uri, 'kent', 1, ALPHA);
    await lsp.until(() => (lsp.latest.get(uri)?.length ?? 0) >= 6, 30_000, 'diagnostics of alpha.kent');

    // Quick fixes: ask over the whole document, apply each action's edit to the client's copy.
    const actions = await lsp.request<Array<{ title: string; edit: { changes: Record<string, LspEdit[]> } }>>('textDocument/codeAction', {
      textDocument: { uri },
      range: { start: { line: 0, character: 0 }, end: client.positionAt(ALPHA.length) },
      context: { diagnostics: [] },
    });
    // Beside ALPHA's own problems, beta.kent's `same-as: alpha/KJ1` makes a contradiction here.
    assert.equal(actions.filter((a) => !isSuppression(a.title) && expectedAfter(a.title, ALPHA) !== undefined).length, EXPECTED_FIXES, actions.map((a) => a.title).join('\n'));
    assert.ok(actions.some((a) => a.title === 'Suppress contradiction for KJ1'));
    for (const a of actions) {
      const want = expectedAfter(a.title, ALPHA);
      if (want === undefined) continue; // a refactor, not a fix of these problems
      assert.deepEqual(Object.keys(a.edit.changes), [uri], a.title);
      assert.equal(TextDocument.applyEdits(client, a.edit.changes[uri]), want, a.title);
    }

    // Rename an item from its definition (open file): the closed file's references follow.
    const rename = async (line: number, character: number, newName: string) => {
      const edit = await lsp.request<{ changes: Record<string, LspEdit[]> }>('textDocument/rename', { textDocument: { uri }, position: { line, character }, newName });
      const out: Record<string, string> = {};
      for (const [u, edits] of Object.entries(edit.changes)) {
        const base = u === uri ? client : TextDocument.create(u, 'kent', 0, fs.readFileSync(new URL(u), 'utf8'));
        out[u] = TextDocument.applyEdits(base, edits);
      }
      return out;
    };
    const kj1 = await rename(2, 10, 'KeyJudgment');
    assert.deepEqual(Object.keys(kj1).sort(), [uri, betaUri].sort());
    assert.equal(kj1[uri], ALPHA.replace('judgment KJ1:', 'judgment KeyJudgment:'));
    assert.equal(kj1[betaUri], BETA.replaceAll('alpha/KJ1', 'alpha/KeyJudgment'));

    // Rename a source key: its block, `source:` and the citation in the closed file (after an emoji on the same line).
    const lines = ALPHA.split('\r\n');
    const iiss = await rename(lines.findIndex((l) => l.startsWith('source iiss')), 8, 'iiss-2024');
    assert.equal(iiss[uri], ALPHA.replace('  source: iiss', '  source: iiss-2024').replace('source iiss:', 'source iiss-2024:'));
    assert.equal(iiss[betaUri], BETA.replace('[@iiss]', '[@iiss-2024]'));

    // Rename from a reference that follows an emoji (UTF-16 columns): E1 in `because: E1, Ghost`.
    const e1 = await rename(5, 12, 'Evidence1');
    assert.equal(e1[uri], ALPHA.replace('because: E1,', 'because: Evidence1,').replace('evidence E1:', 'evidence Evidence1:'));
    assert.equal(e1[betaUri], BETA.replace('alpha/E1', 'alpha/Evidence1'));
    assert.deepEqual(lsp.errors, []);
  } finally {
    await lsp.stop();
    // The server wrote nothing: the closed file is as it was.
    assert.equal(fs.readFileSync(path.join(dir, 'beta.kent'), 'utf8'), BETA);
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
