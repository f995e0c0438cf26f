// The stdio transport's encoder: whatever a message holds, its bytes are those of JSON.stringify.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { spawnSync } from 'node:child_process';
import * as path from 'node:path';
import { encodeJson, lasting } from '../server/src/lsp/stdio';

/** Text as diagnostics carry it: ASCII, the estimative ranges' "–" and "→", quotes, controls, astral and lone surrogates. */
const text = fc.oneof(fc.string(), fc.constantFrom('80–95%', 'likely → unlikely', '≥ 2', '"q" \\ \n\t', '\u2028', '𝔸', '\ud800'));
/** Values JSON.stringify treats specially: skipped in objects, null in arrays, or serialized by toJSON. */
const odd = fc.constantFrom(undefined, () => 1, Symbol('s'), NaN, -0, Infinity, new Date(0), { toJSON: () => ['x'] });
const value = fc.letrec((tie) => ({
  leaf: fc.oneof(text, fc.integer(), fc.double(), fc.boolean(), fc.constant(null), odd),
  node: fc.oneof({ maxDepth: 4 }, tie('leaf'), fc.array(tie('node'), { maxLength: 8 }), fc.dictionary(text, tie('node'), { maxKeys: 6 })),
})).node;

test('encodeJson gives the bytes of JSON.stringify for any value', () => {
  fc.assert(
    fc.property(value, (v) => {
      const json = JSON.stringify(v) as string | undefined;
      if (json === undefined) assert.throws(() => encodeJson(v), TypeError);
      else assert.ok(encodeJson(v).equals(Buffer.from(json, 'utf8')));
    }),
    { numRuns: 2000 },
  );
});

test('encodeJson on a publishDiagnostics message with non-Latin-1 messages: the same bytes', () => {
  const diagnostic = (i: number) => ({
    range: { start: { line: i, character: 2 }, end: { line: i, character: 9 } },
    severity: 3,
    code: 'revised-estimate',
    source: 'kent',
    message: `KJ${i} revises KJ${i + 1}: very likely (80–95%) → unlikely (20–45%)`,
    relatedInformation: [{ location: { uri: 'file:///w/a.kent', range: { start: { line: 1, character: 0 }, end: { line: 1, character: 4 } } }, message: 'KJ1' }],
    tags: undefined,
  });
  const message = { jsonrpc: '2.0', method: 'textDocument/publishDiagnostics', params: { uri: 'file:///w/a.kent', version: undefined, diagnostics: Array.from({ length: 500 }, (_, i) => diagnostic(i)) } };
  const bytes = encodeJson(message);
  assert.ok(bytes.equals(Buffer.from(JSON.stringify(message), 'utf8')));
  assert.ok(bytes.length > 100_000);
});

test('an array element marked lasting is encoded once: later messages reuse its bytes', () => {
  const kept = lasting({ message: 'very likely (80–95%) → unlikely', range: { start: { line: 3, character: 1 } } });
  const fresh = { message: 'made anew' };
  const message = (n: number) => ({ params: { n, diagnostics: [kept, fresh, null, kept] } });
  const first = JSON.stringify(message(1));
  assert.ok(encodeJson(message(1)).equals(Buffer.from(first, 'utf8')));
  // A lasting object is never changed once sent; were it changed, its first bytes would still be sent.
  kept.message = 'changed';
  fresh.message = 'changed too';
  const second = JSON.parse(encodeJson(message(2)).toString('utf8'));
  assert.deepEqual(second.params.diagnostics.map((d: { message?: string } | null) => d?.message), ['very likely (80–95%) → unlikely', 'changed too', undefined, 'very likely (80–95%) → unlikely']);
  assert.equal(second.params.n, 2);
});

test('encodeJson on large results (semantic tokens, a long list of objects with lasting ones among them): the bytes of JSON.stringify', () => {
  const tokens = Array.from({ length: 150_000 }, (_, i) => (i * 7919) % 97);
  const semantic = { jsonrpc: '2.0', id: 3, result: { data: tokens } };
  assert.ok(encodeJson(semantic).equals(Buffer.from(JSON.stringify(semantic), 'utf8')));
  const entries = Array.from({ length: 5000 }, (_, i) => (i % 7 === 0 ? lasting({ label: `@k${i}`, detail: '80–95% → 𝔸' }) : { label: `C${i}`, documentation: i % 2 ? 'likely → unlikely' : 'plain', n: [i, null, 'x'] }));
  const list = { jsonrpc: '2.0', id: 4, result: [...entries, 1, 'two', null, [3, '→']] };
  for (let round = 0; round < 2; round++) assert.ok(encodeJson(list).equals(Buffer.from(JSON.stringify(list), 'utf8')));
});

test('kent-language-server started by hand, with no transport: its usage on stderr, exit 2; --help: on stdout, exit 0', () => {
  // Without a transport it had thrown from inside vscode-languageserver, a stack trace and no hint.
  const bin = path.resolve(__dirname, '..', 'bin', 'kent-language-server.js');
  const bare = spawnSync(process.execPath, [bin], { encoding: 'utf8', input: '' });
  assert.equal(bare.status, 2);
  assert.match(bare.stderr, /^Usage: kent-language-server --stdio\n/);
  assert.doesNotMatch(bare.stderr, /at .*\.js:\d+/);
  const help = spawnSync(process.execPath, [bin, '--help'], { encoding: 'utf8', input: '' });
  assert.equal(help.status, 0);
  assert.match(help.stdout, /speaks the Language Server Protocol/);
});
