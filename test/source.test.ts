// PieceText must read exactly as the string it stands for, after any sequence of edits: every
// reader (the parser, the line index, the checks) relies on it behaving as a string does.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import fc from 'fast-check';
import { PieceText } from '../server/src/core/source';

const alphabet = fc.constantFrom('a', 'b', '\n', '\r', ' ', 'é', '😀', 'ab\n\n', 'x'.repeat(40_000));
const text = fc.array(alphabet, { maxLength: 30 }).map((a) => a.join(''));
const edit = fc.record({ start: fc.nat(), length: fc.nat({ max: 50_000 }), insert: text });

test('PieceText reads as its string after random edits: length, characters, slices, searches', () => {
  fc.assert(
    fc.property(text, fc.array(edit, { maxLength: 8 }), fc.array(fc.integer({ min: -5, max: 200_000 }), { minLength: 4, maxLength: 4 }), (initial, edits, probes) => {
      let expected = initial;
      let pieces = PieceText.of(initial);
      for (const e of edits) {
        const start = e.start % (expected.length + 1);
        const end = Math.min(expected.length, start + e.length);
        expected = expected.slice(0, start) + e.insert + expected.slice(end);
        const next = pieces.edit(start, end, e.insert);
        assert.deepEqual(next.change, { start, endBefore: end, endAfter: start + e.insert.length });
        assert.equal(next.previous, pieces);
        pieces = next;
        assert.equal(pieces.length, expected.length);
        for (const p of probes) {
          const i = p % (expected.length + 2);
          assert.equal(pieces.charCodeAt(i), i < expected.length && i >= 0 ? expected.charCodeAt(i) : NaN);
          assert.equal(pieces.slice(i), expected.slice(i));
          assert.equal(pieces.slice(i, i + 37_000), expected.slice(i, i + 37_000));
          assert.equal(pieces.slice(-i), expected.slice(-i));
          for (const s of ['\n', '\n\n', 'b\n', 'x'.repeat(3), '']) {
            assert.equal(pieces.indexOf(s, i), expected.indexOf(s, i), `indexOf ${JSON.stringify(s)} from ${i}`);
            assert.equal(pieces.lastIndexOf(s, i), expected.lastIndexOf(s, i), `lastIndexOf ${JSON.stringify(s)} from ${i}`);
          }
          assert.equal(pieces.lastIndexOf('\n'), expected.lastIndexOf('\n'));
        }
      }
      assert.equal(pieces.toString(), expected);
    }),
    { numRuns: 300, seed: 3 },
  );
});

test('an edit to a large text rebuilds one piece, not the text', () => {
  const big = PieceText.of('claim C1: Alpha holds.\n\n'.repeat(50_000));
  const edited = big.edit(600_000, 600_001, 'X');
  // Every piece but the edited one is shared with the version before.
  const before = (big as unknown as { pieces: string[] }).pieces;
  const after = (edited as unknown as { pieces: string[] }).pieces;
  assert.equal(after.filter((p) => before.includes(p)).length, before.length - 1);
  assert.ok(after.every((p) => p.length <= 32_768));
});

test('a version does not keep the versions it was edited from alive (an open document over a day of keystrokes)', async () => {
  setFlagsFromString('--expose-gc');
  const gc = runInNewContext('gc') as () => void;
  let version = PieceText.of('x'.repeat(60_000));
  const earlier: Array<WeakRef<PieceText>> = [];
  for (let i = 0; i < 500; i++) {
    earlier.push(new WeakRef(version));
    version = version.edit(i * 97, i * 97, 'a');
    version.toString(); // a reader that needs the whole text
  }
  // The previous version is known while its holder keeps it: that is what an incremental parse asks.
  const before = PieceText.of('abc');
  const after = before.edit(1, 1, 'z');
  assert.equal(after.previous, before);
  // WeakRefs made in this turn hold their targets until it ends.
  await new Promise((resolve) => setImmediate(resolve));
  gc();
  assert.equal(earlier.filter((w) => w.deref() !== undefined).length, 0);
  assert.equal(version.toString().length, 60_500);
});
