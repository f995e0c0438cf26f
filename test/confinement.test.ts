// Confinement (issue 6, "Survive anything"): Kent reads the workspace and nothing else, never
// the network, never runs code it reads, and never writes.
//
// - every `file:` and `bibliography:` path is resolved, through its real path, and refused
//   outside the workspace: `..`, absolute paths, `~`, Windows `C:\x` and `..\..\x`, UNC paths,
//   `file://` URLs, links (to files, to folders, chains of links), links to `.kent` files and
//   folders;
// - `kent check` (the real bundle, in-process) of a workspace full of such paths opens nothing
//   outside it: every `fs` call that opens, reads or lists is traced (fuzz/trace.cjs), and so is
//   every file the real language server opens (the same tracer, preloaded);
// - no network: every way Node connects or spawns is patched to record and throw, in-process for
//   the CLI and the core services, preloaded for the server; the bundles' network modules are
//   listed and all belong to dependencies' unused transports;
// - no `eval`, `new Function`, dynamic `require`/`import` in our sources;
// - hostile bibliographies and kent.json (deep nesting, 100,000 braces, @string bombs, lone
//   surrogates, binary) come back as errors, quickly; FIFOs and link loops do not hang a check;
// - `kent check` writes nothing: the workspace's files and mtimes are the same before and after.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { execFileSync, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { parseBibliography } from '../server/src/core/bibliography';
import { parseConfig } from '../server/src/core/config';
import { checkWorkspace } from '../server/src/core/analyze';
import { documentLinks } from '../server/src/core/service/links';
import { hover } from '../server/src/core/service/hover';
import { Workspace } from '../server/src/core/workspace';
import { FsHost } from '../server/src/node/fsHost';
import { LspProcess } from '../fuzz/lsp';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const trace = require('../fuzz/trace.cjs') as {
  install(onNetwork: (what: string, detail: string) => void, onFile: (kind: string, p: string) => void): () => void;
  realLocation(p: string): string;
  locationOf(kind: string, p: string): string;
};

const ROOT = path.resolve(__dirname, '..');
const CLI_BUNDLE = path.join(ROOT, 'dist', 'cli.js');
const SERVER_BUNDLE = path.join(ROOT, 'dist', 'server.js');
const TRACER = path.join(ROOT, 'fuzz', 'trace.cjs');
const SECRET = 'SECRET-7f3a9c';
const built = fs.existsSync(CLI_BUNDLE) && fs.existsSync(SERVER_BUNDLE);

let base = '';
let ws = '';
let outside = '';

function write(abs: string, text: string): void {
  fs.mkdirSync(path.dirname(abs), { recursive: true });
  fs.writeFileSync(abs, text);
}

/** The escaping `file:` values of the hostile document, each a different way out. */
const ESCAPES = (abs: string) => [
  ['dotdot', '../outside/secret.txt'],
  ['absolute', `${abs}/secret.txt`],
  ['windows-drive', 'C:\\outside\\secret.txt'],
  ['windows-dotdot', '..\\outside\\secret.txt'],
  ['file-url', `file://${abs}/secret.txt`],
  ['home', '~/secret.txt'],
  ['unc', '\\\\server\\share\\secret.txt'],
  ['dotdot-middle', 'sources/../../outside/secret.txt'],
  ['link', 'sources/link.txt'],
  ['link-chain', 'sources/chain1'],
  ['link-to-folder', 'sources/out-dir/secret.txt'],
  ['dangling-link', 'sources/dangling.txt'],
];

before(() => {
  base = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'kent-confine-')));
  outside = path.join(base, 'outside');
  ws = path.join(base, 'ws');
  write(path.join(outside, 'secret.txt'), `${SECRET}: the quoted words are here\n`);
  write(path.join(outside, 'secret.bib'), `@misc{leak, title = {${SECRET}}, reliability = {A}, url = {http://example.com/${SECRET}}}\n`);
  write(path.join(outside, 'evil.kent'), `assessment evil: ${SECRET}\n`);
  write(path.join(outside, 'dir', 'evil2.kent'), `assessment evil2: ${SECRET}\n`);
  write(path.join(ws, 'sources', 'ok.txt'), 'the quoted words are here\n');
  fs.symlinkSync(path.join(outside, 'secret.txt'), path.join(ws, 'sources', 'link.txt'));
  fs.symlinkSync(path.join(ws, 'sources', 'chain2'), path.join(ws, 'sources', 'chain1'));
  fs.symlinkSync(path.join(outside, 'secret.txt'), path.join(ws, 'sources', 'chain2'));
  fs.symlinkSync(outside, path.join(ws, 'sources', 'out-dir'));
  fs.symlinkSync(path.join(outside, 'nothing-here.txt'), path.join(ws, 'sources', 'dangling.txt'));
  fs.symlinkSync(path.join(ws, 'sources', 'ok.txt'), path.join(ws, 'sources', 'inner.txt'));
  fs.symlinkSync(path.join(outside, 'secret.bib'), path.join(ws, 'bib-link.bib'));
  fs.symlinkSync(path.join(outside, 'evil.kent'), path.join(ws, 'evil-link.kent'));
  fs.symlinkSync(path.join(outside, 'dir'), path.join(ws, 'linked-dir'));
  const escapes = ESCAPES(outside);
  const lines = [
    'assessment a: Confinement',
    '  bibliography: ../outside/secret.bib',
    '  bibliography: bib-link.bib',
    `  bibliography: ${outside}/secret.bib`,
    '',
    `claim C: Every source is cited here [@leak].`,
    `  because: ${escapes.map((_, i) => `E${i}`).join(', ')}, Eok`,
    '',
  ];
  escapes.forEach(([name, p], i) => lines.push(`source s${i}: ${name}`, `  url: https://example.com/${name}`, `  file: ${p}`, '', `evidence E${i}: Quoted from ${name}.`, `  source: s${i}`, '  quote: "the quoted words are here"', ''));
  lines.push('source ok: inside, through a link that stays inside', '  file: sources/inner.txt', '', 'evidence Eok: Quoted from inside.', '  source: ok', '  quote: "the quoted words are here"', '');
  write(path.join(ws, 'a.kent'), lines.join('\n'));
});

after(() => {
  if (base) fs.rmSync(base, { recursive: true, force: true });
});

// ---------------------------------------------------------------------------------------------
// Resolution

test('resolvePath refuses every way out of the workspace, lexically', () => {
  const w = new Workspace({ readFile: () => ({ ok: false, reason: 'missing' }) });
  const doc = w.setDocument('sub/a.kent', 'assessment a: A\n');
  const refused = ['../../x', '../../../etc/passwd', '/etc/passwd', 'C:\\Windows\\win.ini', 'c:/x', 'C:x', '..\\..\\x', 'sub\\..\\..\\..\\x', 'file:///etc/passwd', 'FILE://host/x', 'http://example.com/x.bib', '~/x', '~root/x', '\\\\server\\share\\x', '//server/share/x', 'x/../../../y', '  ../../x  '];
  for (const p of refused) assert.deepEqual(w.resolvePath(doc, p), { ok: false, reason: 'outside' }, p);
  const allowed: Array<[string, string]> = [
    ['x.txt', 'sub/x.txt'],
    ['./x.txt', 'sub/x.txt'],
    ['../x.txt', 'x.txt'],
    ['sources\\x.txt', 'sub/sources/x.txt'],
    ['a/../b.txt', 'sub/b.txt'],
    ['..%2f..%2fx', 'sub/..%2f..%2fx'], // not decoded: a file of that odd name, inside
  ];
  for (const [p, want] of allowed) assert.deepEqual(w.resolvePath(doc, p), { ok: true, path: want }, p);
});

for (const onePass of [false, true]) test(`FsHost reads through links only when their real path stays inside${onePass ? ' (one pass, folders resolved once)' : ''}`, () => {
  const host = new FsHost(ws, { onePass });
  assert.equal(host.readFile('sources/ok.txt').ok, true);
  assert.equal(host.readFile('sources/inner.txt').ok, true, 'a link that stays inside is read');
  for (const rel of ['sources/link.txt', 'sources/chain1', 'sources/out-dir/secret.txt', 'bib-link.bib', 'evil-link.kent', 'linked-dir/evil2.kent']) {
    assert.deepEqual(host.readFile(rel), { ok: false, reason: 'outside' }, rel);
  }
  assert.deepEqual(host.readFile('sources/dangling.txt'), { ok: false, reason: 'missing' });
  assert.deepEqual(host.readFile('sources/x\u0000y.txt'), { ok: false, reason: 'missing' });
  assert.equal(host.readFile('sources').ok, false, 'a folder is not read as a file');
  // Every file it opened is inside the workspace's real root.
  for (const abs of host.opened) assert.ok(trace.realLocation(abs).startsWith(ws + path.sep), abs);
  // The root given through a link: what is inside is still inside.
  const viaLink = path.join(base, 'ws-link');
  fs.symlinkSync(ws, viaLink);
  const linked = new FsHost(viaLink, { onePass });
  assert.equal(linked.readFile('sources/ok.txt').ok, true);
  assert.deepEqual(linked.readFile('sources/link.txt'), { ok: false, reason: 'outside' });
  fs.unlinkSync(viaLink);
});

test('FsHost lists a folder only when its real path is inside, and never a link out of it', () => {
  const host = new FsHost(ws);
  const names = (rel: string) => {
    const listing = host.listFolder(rel);
    assert.ok(listing.ok, rel);
    return listing.entries.map((e) => `${e.name}${e.folder ? '/' : ''}`).sort();
  };
  // The links to a file, a chain and a folder outside, and the dangling one, are not offered.
  assert.deepEqual(names('sources'), ['inner.txt', 'ok.txt']);
  assert.ok(names('.').includes('sources/'));
  assert.ok(!names('.').some((n) => n.startsWith('linked-dir') || n.startsWith('bib-link') || n.startsWith('evil-link')), 'links out of the root are left out');
  for (const rel of ['sources/out-dir', 'linked-dir']) assert.deepEqual(host.listFolder(rel), { ok: false, reason: 'outside' }, rel);
  assert.deepEqual(host.listFolder('sources/none'), { ok: false, reason: 'missing' });
  assert.equal(host.listFolder('sources/ok.txt').ok, false, 'a file is not listed as a folder');
  for (const abs of host.opened) assert.ok(trace.realLocation(abs) === ws || trace.realLocation(abs).startsWith(ws + path.sep), abs);
  // Through the core: a `..` that leaves the root resolves to nothing, so nothing is listed.
  const w = new Workspace(host);
  const doc = w.setDocument('a.kent', 'assessment a: A\n');
  assert.deepEqual(w.resolvePath(doc, '../outside'), { ok: false, reason: 'outside' });
  assert.equal(w.listFolder('sources/out-dir').ok, false);
});

// ---------------------------------------------------------------------------------------------
// `kent check`, traced

interface Traced {
  status: number;
  stdout: string;
  stderr: string;
  files: Array<{ kind: string; path: string }>;
  network: string[];
}

/** Run the bundled CLI in this process with every fs open and network attempt traced. */
function tracedCli(args: string[], cwd = ws): Traced {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { runCli } = require(CLI_BUNDLE) as { runCli(argv: string[], io: { cwd: string; stdout(s: string): void; stderr(s: string): void; isTty: boolean }): number };
  const files: Traced['files'] = [];
  const network: string[] = [];
  let stdout = '';
  let stderr = '';
  const undo = trace.install(
    (what, detail) => network.push(`${what} ${detail}`),
    (kind, p) => files.push({ kind, path: path.resolve(cwd, p) }),
  );
  let status: number;
  try {
    status = runCli(args, { cwd, stdout: (s) => (stdout += s), stderr: (s) => (stderr += s), isTty: false });
  } finally {
    undo();
  }
  return { status, stdout, stderr, files, network };
}

/** Whether a traced access (`kind`, `p`) lands inside `root`; see the tracer's `locationOf`. */
const isInside = (kind: string, p: string, root: string) => {
  const real = trace.locationOf(kind, p);
  return real === root || real.startsWith(root + path.sep);
};

test('the tracer locates an O_NOFOLLOW open at the link itself, any other open where the link leads', () => {
  const link = path.join(ws, 'sources', 'link.txt');
  assert.equal(isInside('read:openSync:nofollow', link, ws), true);
  assert.equal(isInside('read:openSync', link, ws), false);
  assert.equal(isInside('read:openSync:nofollow', path.join(ws, 'linked-dir', 'evil2.kent'), ws), false, 'a linked folder is still followed');
});

test('kent check of a workspace full of escaping paths and links opens nothing outside it', { skip: !built && 'run `node esbuild.mjs` first' }, () => {
  const r = tracedCli(['check', '--format', 'json']);
  assert.equal(r.status, 1, r.stderr);
  assert.ok(r.files.length > 0, 'the trace saw the files Kent read');
  const escaped = r.files.filter((f) => !isInside(f.kind, f.path, ws));
  assert.deepEqual(escaped, [], 'opened outside the workspace');
  assert.ok(!r.stdout.includes(SECRET), 'nothing of the outside files reached the output');
  assert.deepEqual(r.network, []);
  assert.deepEqual(r.files.filter((f) => f.kind.startsWith('write:')), [], 'kent check writes nothing');

  const report = JSON.parse(r.stdout) as { files: number; diagnostics: Array<{ file: string; code: string; range: { start: { line: number } } }> };
  assert.equal(report.files, 1, 'neither evil-link.kent nor linked-dir/evil2.kent is part of the workspace');
  const text = fs.readFileSync(path.join(ws, 'a.kent'), 'utf8').split('\n');
  const outsideLines = report.diagnostics.filter((d) => d.code === 'path-outside-workspace').map((d) => text[d.range.start.line].trim());
  const expected = [
    'bibliography: ../outside/secret.bib',
    'bibliography: bib-link.bib',
    `bibliography: ${outside}/secret.bib`,
    ...ESCAPES(outside)
      .filter(([name]) => name !== 'dangling-link')
      .map(([, p]) => `file: ${p}`),
  ];
  assert.deepEqual(outsideLines.sort(), expected.sort());
  // The dangling link is simply missing; the link that stays inside is read, and its quote found.
  const codes = report.diagnostics.map((d) => `${d.code} ${text[d.range.start.line].trim()}`);
  assert.ok(codes.includes('source-file-missing file: sources/dangling.txt'), codes.join('\n'));
  assert.ok(!codes.some((c) => c.startsWith('quote-not-found')), 'the quote was found in sources/inner.txt');
  assert.ok(codes.includes('unresolved-reference claim C: Every source is cited here [@leak].'), '@leak lives only in the refused bibliographies');
});

test('kent check refuses targets that lead outside: a linked document, a linked folder, ..', { skip: !built && 'run `node esbuild.mjs` first' }, () => {
  for (const target of ['evil-link.kent', 'linked-dir', '../outside/evil.kent', path.join(outside, 'evil.kent')]) {
    const r = tracedCli(['check', target]);
    assert.equal(r.status, 2, target);
    assert.match(r.stderr, /outside the workspace/, target);
    assert.deepEqual(r.files.filter((f) => !isInside(f.kind, f.path, ws)), [], target);
  }
});

test('the language server opens nothing outside the workspace either (traced by a preload)', { skip: !built && 'run `node esbuild.mjs` first' }, async () => {
  const fsLog = path.join(base, 'server-fs.log');
  const netLog = path.join(base, 'server-net.log');
  const lsp = await LspProcess.start(ws, { execArgv: ['--require', TRACER], env: { ...process.env, KENT_FS_LOG: fsLog, KENT_NETWORK_LOG: netLog } });
  try {
    const text = fs.readFileSync(path.join(ws, 'a.kent'), 'utf8');
    const uri = await lsp.open('a.kent', text);
    await lsp.request('workspace/executeCommand', { command: 'kent.checkWorkspace', arguments: [] });
    const lines = text.split('\n');
    // Hover every evidence (its card shows the quoted passage from the source's file) and source.
    for (let line = 0; line < lines.length; line++) {
      const m = /^(evidence|source) (\S+):/.exec(lines[line]);
      if (!m) continue;
      const h = await lsp.request<{ contents: { value: string } } | null>('textDocument/hover', { textDocument: { uri }, position: { line, character: m[1].length + 2 } });
      assert.ok(!h?.contents.value.includes(SECRET), `hover of ${m[2]} shows nothing from outside`);
    }
    const links = await lsp.request<Array<{ target: string }>>('textDocument/documentLink', { textDocument: { uri } });
    for (const l of links) assert.ok(l.target.startsWith('https:') || l.target.startsWith(`file://${ws}/`), l.target);
    const diags = lsp.latest.get(uri) ?? [];
    assert.equal(diags.filter((d) => d.code === 'path-outside-workspace').length, 14);
    assert.deepEqual(lsp.errors, []);
  } finally {
    await lsp.stop();
  }
  const opened = fs.readFileSync(fsLog, 'utf8').trim().split('\n').filter(Boolean).map((l) => ({ kind: l.slice(0, l.indexOf(' ')), path: l.slice(l.indexOf(' ') + 1) }));
  // Kent's own code is loaded from its installation; everything else must be in the workspace.
  const own = (p: string) => [path.join(ROOT, 'bin'), path.join(ROOT, 'dist'), path.join(ROOT, 'node_modules'), path.join(ROOT, 'package.json')].some((d) => p === d || p.startsWith(d + path.sep));
  const strays = opened.filter((f) => !own(path.resolve(ws, f.path)) && !isInside(f.kind, path.resolve(ws, f.path), ws));
  assert.deepEqual(strays, [], 'the server opened files outside the workspace');
  assert.ok(opened.some((f) => f.path.endsWith('sources/inner.txt')), 'the trace sees what the server reads');
  assert.equal(fs.existsSync(netLog) ? fs.readFileSync(netLog, 'utf8') : '', '', 'the server tried the network');
});

// ---------------------------------------------------------------------------------------------
// No network, no code from the workspace

test('no network and no child process: the CLI, the core services and the server, patched', { skip: !built && 'run `node esbuild.mjs` first' }, async () => {
  // A bibliography full of URLs, DOIs and cross-references: a reference manager's export.
  const dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'kent-net-')));
  try {
    write(path.join(dir, 'refs.bib'), '@article{doi1, title = {Fetched?}, doi = {10.1000/xyz123}, url = {https://example.com/paper}, crossref = {col}}\n@collection{col, title = {A collection}, url = {http://example.org/col}}\n@misc{remote, title = {Remote}, howpublished = {\\url{https://example.net/x.bib}}}\n');
    write(path.join(dir, 'refs.json'), JSON.stringify([{ id: 'csl1', title: 'CSL', URL: 'https://example.com/csl', DOI: '10.1/abc' }]));
    write(path.join(dir, 'a.kent'), 'assessment a: Network\n  bibliography: refs.bib\n  bibliography: refs.json\n\nclaim C: Cited [@doi1; @remote; @csl1].\n  because: @col\n\nsource web: A web page\n  url: https://example.com/page\n  file: http://example.com/file.txt\n');
    const r = tracedCli(['check', '--format', 'sarif'], dir);
    assert.deepEqual(r.network, []);
    const r2 = tracedCli(['check'], path.join(ROOT, 'samples'));
    assert.deepEqual(r2.network, []);

    const network: string[] = [];
    const undo = trace.install((what) => network.push(what), () => undefined);
    try {
      const w = new Workspace(new FsHost(dir));
      w.loadConfig();
      const doc = w.setDocument('a.kent', fs.readFileSync(path.join(dir, 'a.kent'), 'utf8'));
      checkWorkspace(w);
      for (let o = 0; o < doc.text.length; o += 3) hover(w, doc, o);
      documentLinks(w, doc);
    } finally {
      undo();
    }
    assert.deepEqual(network, []);

    const netLog = path.join(dir, 'net.log');
    const lsp = await LspProcess.start(dir, { execArgv: ['--require', TRACER], env: { ...process.env, KENT_NETWORK_LOG: netLog } });
    try {
      const uri = await lsp.open('a.kent', fs.readFileSync(path.join(dir, 'a.kent'), 'utf8'));
      await lsp.request('workspace/executeCommand', { command: 'kent.checkWorkspace', arguments: [] });
      for (let c = 0; c < 30; c++) await lsp.request('textDocument/hover', { textDocument: { uri }, position: { line: 4, character: c } });
      await lsp.request('textDocument/documentLink', { textDocument: { uri } });
      await lsp.request('textDocument/completion', { textDocument: { uri }, position: { line: 5, character: 13 } });
    } finally {
      await lsp.stop();
    }
    assert.equal(fs.existsSync(netLog) ? fs.readFileSync(netLog, 'utf8') : '', '');
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test('the bundles reach network modules only inside dependencies (unused transports), never from our code', { skip: !built && 'run `node esbuild.mjs` first' }, () => {
  const allowed = new Set(['sync-fetch', 'node-fetch', 'fetch-ponyfill', 'whatwg-url', 'vscode-jsonrpc', 'vscode-languageserver', 'vscode-languageclient', '@citation-js/core']);
  for (const bundle of [CLI_BUNDLE, SERVER_BUNDLE]) {
    const text = fs.readFileSync(bundle, 'utf8');
    const lines = text.split('\n');
    let owner = '';
    const found: string[] = [];
    lines.forEach((line) => {
      const m = /^\/\/ (.+\.(?:js|cjs|mjs|ts))$/.exec(line);
      if (m) owner = m[1];
      if (/require\("(?:node:)?(?:http|https|http2|net|tls|dgram|dns|child_process)"\)/.test(line)) found.push(owner);
    });
    for (const o of found) {
      const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(o)?.[1];
      assert.ok(pkg && allowed.has(pkg), `${path.basename(bundle)}: a network or process module is required by ${o || 'unknown code'}`);
    }
  }
});

/** Every source file of ours: server/src, client/src, bin. */
function ourSources(): string[] {
  const out: string[] = [];
  const walk = (d: string) => {
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      const abs = path.join(d, e.name);
      if (e.isDirectory()) walk(abs);
      else if (/\.(ts|js|cjs|mjs)$/.test(e.name)) out.push(abs);
    }
  };
  for (const d of ['server/src', 'client/src', 'bin']) walk(path.join(ROOT, d));
  return out;
}

test('our sources hold no eval, new Function, dynamic require or import, vm, or network and process modules', () => {
  const files = ourSources();
  assert.ok(files.length > 30);
  const rules: Array<[RegExp, string]> = [
    [/(?<![\w.$])eval\s*\(/, 'eval'],
    [/new\s+Function\b|(?<![\w.$])Function\s*\(/, 'new Function'],
    [/(?<![\w.$])require\s*\(\s*(?!['"][^'"]+['"]\s*\))/, 'a require of a computed name'],
    [/(?<![\w.$])import\s*\(\s*(?!['"][^'"]+['"]\s*\))/, 'an import() of a computed name'],
    [/set(?:Timeout|Interval|Immediate)\s*\(\s*['"`]/, 'a timer given code as a string'],
    [/['"](?:node:)?(?:vm|http|https|http2|net|tls|dgram|dns|child_process|worker_threads)['"]/, 'a network, process or vm module'],
  ];
  const hits: string[] = [];
  for (const file of files) {
    const src = fs.readFileSync(file, 'utf8');
    // Comments and string contents say nothing about what the code does: drop line comments.
    const code = src.replace(/^\s*\/\/.*$/gm, '').replace(/^\s*\*.*$/gm, '');
    for (const [re, what] of rules) {
      const m = re.exec(code);
      if (m) hits.push(`${path.relative(ROOT, file)}: ${what}: ${code.slice(Math.max(0, m.index - 30), m.index + 50).replace(/\s+/g, ' ')}`);
    }
  }
  // `import(...)` as a TypeScript type position (`import('x').T`) is a type, not code.
  assert.deepEqual(hits.filter((h) => !/import\('[^']+'\)\.\w/.test(h)), []);
});

// ---------------------------------------------------------------------------------------------
// Hostile bibliographies and settings

test('hostile BibTeX and CSL-JSON come back as errors, quickly', () => {
  const N = 100_000;
  let bomb = '@string{a0 = "xxxxxxxxxx"}\n';
  for (let i = 1; i <= 40; i++) bomb += `@string{a${i} = a${i - 1} # a${i - 1}}\n`;
  bomb += '@misc{k, title = a40}\n';
  const wide = '@string{j = "Journal of Things"}\n' + `@misc{w, title = ${'j # '.repeat(1_100_000)}j}\n`;
  const cases: Array<[string, string, 'bibtex' | 'csl-json', RegExp]> = [
    ['CSL-JSON nested 100,000 deep', '['.repeat(N), 'csl-json', /./],
    ['CSL-JSON nested and closed', '['.repeat(N) + ']'.repeat(N), 'csl-json', /./],
    ['CSL-JSON objects 100,000 deep', '{"a":'.repeat(N), 'csl-json', /./],
    ['BibTeX 100,000 open braces', `@article{a, title = ${'{'.repeat(N)}`, 'bibtex', /./],
    ['BibTeX 100,000 balanced braces', `@article{a, title = ${'{'.repeat(N)}${'}'.repeat(N)}}`, 'bibtex', /./],
    ['BibTeX @string doubling bomb (2^40)', bomb, 'bibtex', /string-expansion bomb/],
    ['BibTeX one macro used a million times', wide, 'bibtex', /string-expansion bomb/],
    ['BibTeX binary', '@misc{k,\u0000\u0001\u0002}', 'bibtex', /binary/],
    ['CSL-JSON binary', '[\u0000]', 'csl-json', /binary/],
  ];
  for (const [name, text, format, message] of cases) {
    const t0 = performance.now();
    const bib = parseBibliography(text, format);
    const ms = performance.now() - t0;
    assert.ok(bib.errors.length > 0, `${name}: no error`);
    assert.match(bib.errors[0].message, message, name);
    assert.ok(ms < 5000, `${name} took ${ms.toFixed(0)} ms`);
  }
  // Lone surrogates (invalid UTF-16) are text like any other: read, no exception.
  for (const [text, format] of [['@misc{k\uD800, title = {\uDC00x\uD83D}}', 'bibtex'], ['[{"id":"k\uD800","title":"\\uDC00"}]', 'csl-json']] as const) {
    const bib = parseBibliography(text, format);
    assert.equal(bib.entries.size, 1, text);
  }
});

test('a kent.json nested 100,000 deep is reported, and the defaults apply', () => {
  for (const text of ['['.repeat(100_000), '{"rules":' + '{"a":'.repeat(100_000)]) {
    const { config, diagnostics } = parseConfig(text);
    assert.equal(config.scale, 'icd203');
    assert.equal(diagnostics[0]?.code, 'invalid-config');
  }
});

test('FIFOs and link loops in a workspace do not hang kent check', { skip: (!built && 'run `node esbuild.mjs` first') || (process.platform === 'win32' && 'no FIFOs on Windows') }, () => {
  const dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'kent-hang-')));
  try {
    write(path.join(dir, 'a.kent'), 'assessment a: A\n\nsource s: S\n  file: pipe.txt\n');
    execFileSync('mkfifo', [path.join(dir, 'pipe.kent'), path.join(dir, 'pipe.txt')]);
    fs.symlinkSync('.', path.join(dir, 'loop1'));
    fs.symlinkSync('.', path.join(dir, 'loop2'));
    fs.symlinkSync('..', path.join(dir, 'up'));
    const r = spawnSync(process.execPath, [path.join(ROOT, 'bin', 'kent.js'), 'check', '--format', 'json'], { cwd: dir, encoding: 'utf8', timeout: 30_000 });
    assert.equal(r.signal, null, 'kent check hung');
    const report = JSON.parse(r.stdout) as { files: number; diagnostics: Array<{ code: string; message: string }> };
    assert.equal(report.files, 1, 'a.kent, once: not the FIFO, not 2^40 copies through the loops');
    assert.ok(report.diagnostics.some((d) => d.code === 'source-file-missing' && /not a file/.test(d.message)));
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

// ---------------------------------------------------------------------------------------------
// Nothing written

function snapshot(dir: string): Map<string, string> {
  const out = new Map<string, string>();
  const walk = (d: string) => {
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      const abs = path.join(d, e.name);
      const st = fs.lstatSync(abs);
      const rel = path.relative(dir, abs);
      if (e.isDirectory()) {
        out.set(rel + '/', `dir ${st.mtimeMs}`);
        walk(abs);
      } else if (e.isSymbolicLink()) out.set(rel, `link ${fs.readlinkSync(abs)} ${st.mtimeMs}`);
      else out.set(rel, `${st.size} ${st.mtimeMs} ${createHash('sha256').update(fs.readFileSync(abs)).digest('hex')}`);
    }
  };
  walk(dir);
  return out;
}

test('kent check writes nothing: every file, folder and mtime is the same after it', { skip: !built && 'run `node esbuild.mjs` first' }, () => {
  const dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'kent-ro-')));
  try {
    fs.cpSync(path.join(ROOT, 'samples'), dir, { recursive: true });
    const before = snapshot(dir);
    const beforeWs = snapshot(ws);
    for (const args of [['check'], ['check', '--format', 'json'], ['check', '--format', 'sarif'], ['check', 'tour', '--no-color']]) {
      const r = spawnSync(process.execPath, [path.join(ROOT, 'bin', 'kent.js'), ...args], { cwd: dir, encoding: 'utf8', timeout: 60_000 });
      assert.ok(r.status === 0 || r.status === 1, `${args.join(' ')}: ${r.stderr}`);
    }
    spawnSync(process.execPath, [path.join(ROOT, 'bin', 'kent.js'), 'check'], { cwd: ws, encoding: 'utf8', timeout: 60_000 });
    assert.deepEqual(snapshot(dir), before);
    assert.deepEqual(snapshot(ws), beforeWs);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
