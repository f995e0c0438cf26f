// ASCII sources are folded by the engine's string functions, others one code unit at a time: both
// must find the same passages at the same offsets.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { findQuote, quoteIn } from '../server/src/core/quote';

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

/** A quote as an analyst types it from a passage: line breaks and runs of blanks as one space, case changed here and there. */
function retyped(passage: string, upper: number): string {
  return passage.replace(/\s+/g, ' ').replace(/[a-z]/g, (c, i: number) => ((i * 7 + upper) % 5 === 0 ? c.toUpperCase() : c));
}

test('quoteIn says what findQuote says: found or not (property)', () => {
  // Characters lower-casing and folding treat otherwise: the final sigma, İ, the Kelvin sign, curly quotes, dashes, other blanks, invisible ones, astral letters.
  const otherwise = fc.constantFrom('ΟΔΟΣ', 'οδος', 'İ', 'i\u0307', '\u212a', 'k', '’', '“', '—', '-—', '\u00a0', '\u00ad', '\u200b', '\u0085', '\ud801\udc00', '\ud801\udc28', '😀');
  const anyPiece = fc.oneof(piece, fc.constantFrom("'", "Russia's", 'wiLL'), otherwise);
  const withApostrophes = fc.array(anyPiece, { minLength: 1, maxLength: 40 }).map((a) => a.join(''));
  fc.assert(
    fc.property(withApostrophes, fc.nat(), fc.nat(), fc.nat(), fc.array(anyPiece, { maxLength: 6 }), (text, a, b, upper, extra) => {
      const from = a % (text.length + 1);
      const passage = text.slice(from, from + (b % 60));
      const cut = upper % (passage.length + 1);
      // Near misses too: a space put in, a run of blanks taken out.
      const quotes = [passage, retyped(passage, upper), extra.join(''), `${passage}x`, `${passage.slice(0, cut)} ${passage.slice(cut)}`, passage.replace(/\s+/, '')];
      // Every quoteIn before any findQuote: a source findQuote has folded is searched in its fold.
      const found = quotes.map((quote) => quoteIn(text, quote));
      quotes.forEach((quote, i) => assert.equal(found[i], findQuote(text, quote) !== undefined, JSON.stringify({ text, quote })));
    }),
    { numRuns: 5000, seed: 7 },
  );
});

test('quoteIn: a retyped quote is found in a wrapped source; lower-casing is not taken for folding; a quote of one word over and over gives up in time', () => {
  assert.equal(quoteIn("It from Russia's newest\nballistic   missile", 'it from RUSSIA\u2019S newest ballistic missile'), true);
  assert.equal(quoteIn('It from Russia', 'from Russia\u2019s'), false);
  // A space of the quote is a run of blanks in the source, never another character, nor none.
  assert.deepEqual(['the.bear', 'thebear', 'the \n\t bear', 'THE\r\nBEAR'].map((source) => quoteIn(source, 'the bear')), [false, false, true, true]);
  assert.deepEqual(['bear.the', 'bearthe', 'bear \n\t the'].map((source) => quoteIn(source, 'bear the')), [false, false, true]);
  assert.deepEqual(['a.the bear', 'athe bear', 'a \n\t the bear'].map((source) => quoteIn(source, 'a the bear')), [false, false, true]);
  // A source with curly quotes and dashes: the plain words around them are found as well.
  assert.equal(quoteIn('\u201cIt\u2019s\u201d \u2014 said\nHE, \u00e9mu', 'said he,'), true);
  // Where lower-casing the whole source and folding it differ (a final sigma; astral letters, which
  // folding leaves as they are), a quote is found as findQuote finds it.
  for (const [source, quote] of [['ΟΔΟΣ', 'οδος'], ['\ud801\udc00', '\ud801\udc28']]) {
    assert.equal(quoteIn(source, quote), findQuote(source, quote) !== undefined, quote);
  }
  const source = 'a '.repeat(500_000);
  const t0 = Date.now();
  assert.equal(quoteIn(source, `${'a '.repeat(1000)}b`), false);
  assert.ok(Date.now() - t0 < 5000, `took ${Date.now() - t0} ms`);
});
