// A hostile client or workspace against the real server (traced by `fuzz/trace.cjs`): data the
// editor hands back forged (call hierarchy), malformed requests, and a link to `/` made while the
// server watches the workspace itself. Nothing may be opened outside the workspace, no request
// may fail, the server stays up.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { test } from 'node:test';
import type { CallHierarchyItem } from 'vscode-languageserver-protocol';
import { LspClient, makeWorkspace, ROOT } from './lspClient';

const trace = require('../fuzz/trace.cjs') as { locationOf(kind: string, p: string): string };
const TRACER = path.join(ROOT, 'fuzz', 'trace.cjs');
const built = fs.existsSync(path.join(ROOT, 'dist', 'server.js'));

/** A server under the tracer; `strays()` lists what it opened outside `root` (its own code aside). */
async function traced(root: string, options: Partial<Parameters<typeof LspClient.start>[0]> = {}) {
  const fsLog = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'kent-hostile-log-')), 'fs.log');
  const c = await LspClient.start({ root, ...options, env: { NODE_OPTIONS: `--require ${TRACER}`, KENT_FS_LOG: fsLog } });
  const own = (p: string) => ['bin', 'dist', 'node_modules', 'package.json'].some((d) => p === path.join(ROOT, d) || p.startsWith(path.join(ROOT, d) + path.sep)) || p.includes(`${path.sep}node_modules${path.sep}`);
  const strays = () =>
    fs
      .readFileSync(fsLog, 'utf8')
      .split('\n')
      .filter(Boolean)
      .map((l) => ({ kind: l.slice(0, l.indexOf(' ')), path: path.resolve(root, l.slice(l.indexOf(' ') + 1)) }))
      .filter((f) => {
        const real = trace.locationOf(f.kind, f.path);
        return !own(f.path) && real !== root && !real.startsWith(root + path.sep);
      });
  return { c, strays };
}

test('call hierarchy: forged item data (paths outside, links out, non-objects, bad indexes, other URIs) fails nothing and reads nothing outside', { skip: !built && 'run `node esbuild.mjs` first' }, async () => {
  const outside = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'kent-hostile-out-')));
  fs.writeFileSync(path.join(outside, 'o.kent'), 'assessment o: O\n\nclaim C: x\n');
  const root = makeWorkspace({ 'a.kent': 'assessment a: A\n\njudgment KJ1: Ports will likely close.\n  likelihood: likely\n  because: C1\n\nclaim C1: Ports are at risk.\n' });
  fs.symlinkSync(outside, path.join(root, 'outdir'));
  const { c, strays } = await traced(root);
  try {
    await c.waitForDiagnostics(c.uri('a.kent'));
    const [kj1] = await c.request<CallHierarchyItem[]>('textDocument/prepareCallHierarchy', { textDocument: { uri: c.uri('a.kent') }, position: { line: 2, character: 10 } });
    const data = kj1.data as { handle: object };
    const out = '../' + path.basename(outside) + '/o.kent';
    const forged: unknown[] = [null, 1, 'x', [], { handle: 1 }, { handle: {} }, { handle: { kind: 'item' } }, { ...data, path: 5 }, { ...data, path: undefined }];
    for (const p of [out, '/etc/passwd', 'outdir/o.kent', '..', '']) forged.push({ ...data, path: p, handle: { kind: 'item', path: p, id: 'C', nth: 0 } }, { ...data, path: p, handle: { kind: 'source', key: 'C', from: p } });
    for (const nth of [1e308, -1, 'length', '__proto__', 0.5]) forged.push({ ...data, handle: { ...data.handle, nth } });
    for (const id of ['__proto__', 'constructor', {}]) forged.push({ ...data, handle: { ...data.handle, id } });
    const items: unknown[] = forged.map((d) => ({ ...kj1, data: d }));
    for (const uri of ['untitled:Untitled-1', 'file:///etc/passwd', `file://${outside}/o.kent`, 'http://example.com/a.kent', 5]) items.push({ ...kj1, uri });
    items.push(null, {});
    for (const item of items) {
      for (const method of ['callHierarchy/outgoingCalls', 'callHierarchy/incomingCalls']) {
        const r = await c.request<unknown[]>(method, { item });
        assert.deepEqual(r, [], `${method} of ${JSON.stringify(item).slice(0, 200)}`);
      }
    }
    // The genuine item still works.
    assert.equal((await c.request<unknown[]>('callHierarchy/outgoingCalls', { item: kj1 })).length, 1);
  } finally {
    await c.stop();
  }
  assert.deepEqual(strays(), []);
  assert.equal(c.exited?.code, 0);
});

test('workspace/willRenameFiles: malformed renames and moves out of the workspace fail nothing and edit nothing', { skip: !built && 'run `node esbuild.mjs` first' }, async () => {
  const outside = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'kent-hostile-out-')));
  const root = makeWorkspace({ 'a.kent': 'assessment a: A\n  bibliography: refs.json\n', 'refs.json': '[]' });
  const { c, strays } = await traced(root);
  try {
    await c.waitForDiagnostics(c.uri('a.kent'));
    const bad: unknown[] = [{}, { files: null }, { files: 5 }, { files: [null, 5, {}, { oldUri: 5, newUri: [] }] }];
    for (const [from, to] of [
      [c.uri('refs.json'), `file://${outside}/refs.json`],
      [`file://${outside}/refs.json`, c.uri('refs.json')],
      [c.uri('refs.json'), `${c.uri('x')}/../../../etc/refs.json`],
      [c.uri('refs.json'), 'untitled:refs.json'],
      [c.uri('refs.json'), 'http://example.com/refs.json'],
    ]) bad.push({ files: [{ oldUri: from, newUri: to }] });
    for (const params of bad) assert.equal(await c.request('workspace/willRenameFiles', params), null, JSON.stringify(params));
  } finally {
    await c.stop();
  }
  assert.deepEqual(strays(), []);
});

test('a link to / made while the server watches the workspace itself: nothing under it is listed', { skip: !built && 'run `node esbuild.mjs` first' }, async () => {
  const root = makeWorkspace({ 'a.kent': 'assessment a: A\n', 'sub/b.kent': 'assessment b: B\n' });
  fs.symlinkSync(root, path.join(root, 'loop'));
  const { c, strays } = await traced(root, { watchFiles: false });
  try {
    await c.waitForDiagnostics(c.uri('a.kent'));
    fs.symlinkSync('/', path.join(root, 'rootlink'));
    fs.symlinkSync('/usr', path.join(root, 'sub', 'usrlink'));
    // A document made after the links: once it is seen, the links' events were handled before it.
    fs.mkdirSync(path.join(root, 'later'));
    fs.writeFileSync(path.join(root, 'later', 'c.kent'), 'assessment c: C\n\nclaim C1: x\n  because: nothing\n');
    await c.waitForDiagnostics(c.uri('later/c.kent'), (d) => d.length > 0, 10_000);
  } finally {
    await c.stop();
  }
  assert.deepEqual(strays().slice(0, 5), []);
});

test('kent.json that is a link out of the workspace, open in the editor: its text there does not apply either', { skip: !built && 'run `node esbuild.mjs` first' }, async () => {
  const outside = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'kent-hostile-out-')));
  fs.writeFileSync(path.join(outside, 'kent.json'), '{"rules":{"missing-confidence":"off"}}');
  const root = makeWorkspace({ 'a.kent': 'assessment a: A\n\njudgment J: It will likely rain.\n  likelihood: likely\n' });
  fs.symlinkSync(path.join(outside, 'kent.json'), path.join(root, 'kent.json'));
  const { c, strays } = await traced(root);
  try {
    const uri = c.uri('kent.json');
    await c.waitForDiagnostics(uri, (d) => d.some((x) => x.code === 'invalid-config'));
    await c.open(uri, fs.readFileSync(path.join(outside, 'kent.json'), 'utf8'), 1, 'json');
    // Typed into (as an editor would send it): still the defaults, the link still reported.
    await c.change(uri, 2, '{"rules":{"missing-confidence":"off"}} ');
    await c.waitForDiagnostics(uri, (d) => d.some((x) => x.code === 'invalid-config' && /outside/.test(String(x.message))), 5000, true);
    assert.ok((c.diagnostics.get(c.uri('a.kent')) ?? []).some((d) => d.code === 'missing-confidence'));
  } finally {
    await c.stop();
  }
  assert.deepEqual(strays(), []);
});

test('requests naming a file outside every workspace folder, never opened: nothing there is read', { skip: !built && 'run `node esbuild.mjs` first' }, async () => {
  const outside = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'kent-hostile-out-')));
  fs.writeFileSync(path.join(outside, 'kent.json'), '{"scale":"phia"}');
  fs.writeFileSync(path.join(outside, 'o.kent'), 'assessment o: O\n\nclaim C: x\n');
  const root = makeWorkspace({ 'a.kent': 'assessment a: A\n' });
  const { c, strays } = await traced(root);
  try {
    await c.waitForDiagnostics(c.uri('a.kent'));
    const textDocument = { uri: `file://${outside}/o.kent` };
    const position = { line: 2, character: 7 };
    for (const method of ['textDocument/hover', 'textDocument/definition', 'textDocument/references', 'textDocument/documentSymbol', 'textDocument/prepareCallHierarchy', 'textDocument/inlayHint']) {
      await c.request(method, { textDocument, position, context: { includeDeclaration: true }, range: { start: { line: 0, character: 0 }, end: position } });
    }
  } finally {
    await c.stop();
  }
  assert.deepEqual(strays(), []);
});
