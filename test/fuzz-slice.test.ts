// A seeded slice of `npm run fuzz` (fuzz/run.ts), small enough for every `npm test`: a few
// hundred mutated and generated documents through the parser, the checks and every editor
// service (fuzz/core.ts), and a few hundred random edits and requests against the real bundled
// language server over stdio (fuzz/lsp.ts). Same seed, same cases: a failure here replays with
// `npm run fuzz -- --seed slice-1 --replay CASE`. Each half stops early at its time budget, so
// the slice stays under 20 s on a busy machine; it always runs at least the first cases.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import { CoreFuzzer, FuzzFailure } from '../fuzz/core';
import { loadSamples } from '../fuzz/gen';
import { LspFuzzFailure, runLspFuzz, SERVER } from '../fuzz/lsp';

const SEED = 'slice-1';
const samples = loadSamples();

test('fuzz slice: mutated documents through the parser, the checks and every service', () => {
  const fuzzer = new CoreFuzzer(samples, { seed: SEED });
  const started = Date.now();
  let ran = 0;
  for (let i = 0; i < 400; i++) {
    if (i >= 60 && Date.now() - started > 5000) break;
    try {
      fuzzer.runCase(i);
    } catch (e) {
      if (e instanceof FuzzFailure) assert.fail(`${e.message}\ncase ${e.detail.case} (replay: npm run fuzz -- --seed ${SEED} --replay ${i})\n--- document ---\n${e.detail.text}`);
      throw e;
    }
    ran++;
  }
  assert.ok(ran >= 60);
  assert.ok(fuzzer.stats.operations > ran * 10, `${fuzzer.stats.operations} operations for ${ran} cases`);
});

test('fuzz slice: random edits and requests against the real language server', { skip: !fs.existsSync(SERVER.replace(/bin[\\/]kent-language-server\.js$/, 'dist/server.js')) && 'run `node esbuild.mjs` first' }, async () => {
  try {
    const stats = await runLspFuzz(samples, { seed: SEED, operations: 240, perSession: 120, deadline: Date.now() + 6000 });
    assert.ok(stats.sessions >= 1 && stats.operations >= 1);
    assert.ok(stats.requests > 0 && stats.edits > 0, JSON.stringify(stats));
  } catch (e) {
    if (e instanceof LspFuzzFailure) {
      const { text, stderr, ...rest } = e.detail;
      assert.fail(`${e.message}\n${JSON.stringify(rest)}\n--- document ---\n${text ?? ''}\n--- server stderr ---\n${stderr ?? ''}`);
    }
    throw e;
  }
});
