// ASCII sources are folded by the engine's string functions, others one code unit at a time: both
// must find the same passages at the same offsets.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { findQuote } from '../server/src/core/quote';

const piece = fc.constantFrom('Russia', 'WILL', 'not', 'the', 'Bear', ' ', '  ', '\n', '\r\n', '\t', ' \n\t ', '\x01', '"', '-', '...', '[...]', '[the]', 'x.', '\n\n');
const source = fc.array(piece, { minLength: 1, maxLength: 40 }).map((a) => a.join(''));

test('an ASCII source and the same source with a non-ASCII tail give the same match (property)', () => {
  fc.assert(
    fc.property(source, fc.nat(), fc.nat(), fc.array(piece, { maxLength: 6 }), (text, a, b, extra) => {
      const from = a % (text.length + 1);
      const to = from + (b % 60);
      for (const quote of [text.slice(from, to), extra.join('')]) {
        assert.deepEqual(findQuote(text, quote), findQuote(text + ' \u00e9', quote), JSON.stringify({ text, quote }));
      }
    }),
    { numRuns: 3000, seed: 5 },
  );
});
