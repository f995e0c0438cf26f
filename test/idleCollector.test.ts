// The language server empties V8's young generation between keystrokes: only once it is half
// full, and then it is empty again.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { collectYoungGeneration, youngGenerationFull } from '../server/src/lsp/idleCollector';

test('the young generation is collected when over half full, and left alone otherwise', () => {
  collectYoungGeneration();
  // Garbage until the young generation is past half full (a bounded loop: V8 may collect on its own first).
  let sink: unknown[] = [];
  for (let i = 0; i < 5_000_000 && !youngGenerationFull(); i++) {
    sink.push({ i });
    if (sink.length > 1000) sink = [];
  }
  assert.ok(youngGenerationFull(), 'allocation filled the young generation past half');
  assert.equal(collectYoungGeneration(), true);
  assert.equal(youngGenerationFull(), false);
  assert.equal(collectYoungGeneration(), false, 'nothing to do when it is not half full');
});
