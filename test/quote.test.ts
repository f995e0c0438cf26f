import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { findQuote, passageContext, quoteDivergence, searchFrom, searchWork } from '../server/src/core/quote';
import { readerText } from '../server/src/core/htmlText';

const SOURCE = [
  'Chapter 1',
  '',
  'The “Bear” — as analysts call it — is NOT ready.',
  'Neither China nor  Russia',
  '\tis ready for it, he said; the alliance’s future is a myth.',
  'The war ended in 2024.',
].join('\r\n');

/** `expected` is the exact passage of SOURCE the quote must match (it occurs once), or undefined for no match. */
const cases: Array<{ name: string; quote: string; expected: string | undefined }> = [
  { name: 'exact', quote: 'The war ended in 2024.', expected: 'The war ended in 2024.' },
  { name: 'case and whitespace folded', quote: 'neither china nor russia is READY', expected: 'Neither China nor  Russia\r\n\tis ready' },
  { name: 'curly quotes and dashes folded', quote: 'the "Bear" - as analysts call it -', expected: 'The “Bear” — as analysts call it —' },
  // A typed "--" (or "---") stands for a dash: a run of dashes matches one, either way round.
  { name: 'a typed -- matches an em dash', quote: 'the "Bear" -- as analysts call it --', expected: 'The “Bear” — as analysts call it —' },
  { name: 'a typed --- matches an em dash', quote: 'the "Bear" --- as', expected: 'The “Bear” — as' },
  { name: 'apostrophe folded', quote: "the alliance's future", expected: 'the alliance’s future' },
  // Quoting a passage turns its double quotes into single ones: the marks fold together.
  { name: 'single quote marks match double ones', quote: "the 'Bear' - as analysts call it", expected: 'The “Bear” — as analysts call it' },
  { name: 'single curly marks match straight double ones', quote: 'the ‘Bear’ — as', expected: 'The “Bear” — as' },
  { name: 'leading and trailing blanks ignored', quote: '  the war ended \n', expected: 'The war ended' },
  { name: '[...] gap', quote: 'Neither China [...] ready for it', expected: 'Neither China nor  Russia\r\n\tis ready for it' },
  { name: '[…] gap', quote: 'Neither China […] ready for it', expected: 'Neither China nor  Russia\r\n\tis ready for it' },
  { name: '. . . gap', quote: 'Neither China . . . ready for it', expected: 'Neither China nor  Russia\r\n\tis ready for it' },
  { name: '… gap', quote: 'he said… a myth', expected: 'he said; the alliance’s future is a myth' },
  { name: 'gap matching nothing', quote: 'the war [...] ended', expected: 'The war ended' },
  { name: 'several gaps in order', quote: 'Chapter 1 [...] ready. [...] 2024', expected: SOURCE.slice(0, SOURCE.length - 1) },
  { name: 'bracketed insertion for words', quote: '[Beijing] nor Russia is ready', expected: 'nor  Russia\r\n\tis ready' },
  { name: 'bracketed insertion in the middle', quote: 'Neither [Beijing] nor Russia', expected: 'Neither China nor  Russia' },
  { name: 'bracketed insertion matching nothing', quote: 'The [final] war ended', expected: 'The war ended' },
  { name: 'bracketed letter glued to a word', quote: '[t]he war ended', expected: 'The war ended' },
  { name: 'near miss: a word changed', quote: 'Neither China nor Moscow is ready', expected: undefined },
  { name: 'near miss: words out of order', quote: 'the war ended [...] Chapter 1', expected: undefined },
  { name: 'near miss: insertion spanning too many words', quote: 'Chapter [a] 2024', expected: undefined },
  { name: 'empty quote', quote: '', expected: undefined },
  { name: 'only a gap marker', quote: '[...]', expected: undefined },
];

for (const c of cases) {
  test(`findQuote: ${c.name}`, () => {
    const r = findQuote(SOURCE, c.quote);
    if (c.expected === undefined) {
      assert.equal(r, undefined);
      return;
    }
    const start = SOURCE.indexOf(c.expected);
    assert.notEqual(start, -1, 'test data: expected passage is in the source');
    assert.deepEqual(r, { start, end: start + c.expected.length });
    assert.equal(SOURCE.slice(r!.start, r!.end), c.expected);
  });
}

test('findQuote: a run of dashes in the source matches one typed dash, and its span covers the run (ASCII source)', () => {
  const source = 'Stage 3 -- the last one -- opens in 2026.';
  const r = findQuote(source, 'stage 3 - the last one — opens');
  assert.equal(r && source.slice(r.start, r.end), 'Stage 3 -- the last one -- opens');
});

test('findQuote: an unbounded gap takes the closest earlier occurrence', () => {
  const source = 'the war began. Much later the war was long and the war ended.';
  const r = findQuote(source, 'the war [...] ended');
  assert.equal(r && source.slice(r.start, r.end), 'the war ended');
});

test('findQuote: megabyte source, common words, many insertions', () => {
  const source = 'lorem ipsum dolor sit amet, the war was long. '.repeat(40_000) + 'The Needle in “the” haystack.';
  const t0 = Date.now();
  const exact = findQuote(source, 'needle in "the" haystack');
  const gaps = findQuote(source, 'the [x] the [y] the [z] haystack');
  const miss = findQuote(source, 'lorem [x] lorem [y] lorem [z] lorem [a] absent');
  const elapsed = Date.now() - t0;
  assert.equal(exact && source.slice(exact.start, exact.end), 'Needle in “the” haystack');
  assert.equal(gaps && source.slice(gaps.start, gaps.end), 'the war was long. The Needle in “the” haystack');
  assert.equal(miss, undefined);
  assert.ok(elapsed < 5000, `took ${elapsed} ms`);
});

const contextCases: Array<{ name: string; source: string; passage: string; context: number; expected: { firstLine: number; text: string } }> = [
  { name: 'one line, one around', source: 'a\nb\nc match c\nd\ne', passage: 'match', context: 1, expected: { firstLine: 1, text: 'b\nc match c\nd' } },
  { name: 'no context', source: 'a\nb\nc match c\nd\ne', passage: 'match', context: 0, expected: { firstLine: 2, text: 'c match c' } },
  { name: 'spanning lines, CRLF', source: 'a\r\nb x\r\ny c\r\nd', passage: 'x\r\ny', context: 1, expected: { firstLine: 0, text: 'a\nb x\ny c\nd' } },
  { name: 'clipped at the start', source: 'match\nb\nc', passage: 'match', context: 3, expected: { firstLine: 0, text: 'match\nb\nc' } },
  { name: 'empty first line', source: '\nmatch\nz', passage: 'match', context: 1, expected: { firstLine: 0, text: '\nmatch\nz' } },
  { name: 'last line', source: 'a\nb\nmatch', passage: 'match', context: 1, expected: { firstLine: 1, text: 'b\nmatch' } },
];

for (const c of contextCases) {
  test(`passageContext: ${c.name}`, () => {
    const start = c.source.indexOf(c.passage);
    assert.deepEqual(passageContext(c.source, { start, end: start + c.passage.length }, c.context), c.expected);
  });
}

const ALPHABET = ['a', 'b', 'C', 'D', ' ', '  ', '\n', '\r\n', '\t', '.', '. . .', '...', '…', '[', ']', '[x]', '[...]', '“', '”', '"', "'", '’', '—', '-', 'İ', 'Σ', '\u00ad', '\u00a0', '\u0085', '😀'];
const textArb = fc.oneof(
  fc.string({ unit: fc.constantFrom(...ALPHABET), maxLength: 60 }),
  fc.string({ unit: 'binary', maxLength: 60 }),
);
/** A quote that folds to something: it holds a character that is neither blank nor invisible. */
const VISIBLE = /[^\s\u0085\u00ad\u200b-\u200d\u2060\ufeff]/;

test('property: findQuote never throws and returns a span inside the source', () => {
  fc.assert(
    fc.property(textArb, textArb, (source, quote) => {
      const r = findQuote(source, quote);
      if (r !== undefined) assert.ok(0 <= r.start && r.start < r.end && r.end <= source.length);
    }),
    { numRuns: 2000 },
  );
});

test('property: any substring of the source is found', () => {
  fc.assert(
    fc.property(textArb, fc.nat(), fc.nat(), (source, a, b) => {
      const i = a % (source.length + 1);
      const j = b % (source.length + 1);
      const quote = source.slice(Math.min(i, j), Math.max(i, j));
      fc.pre(VISIBLE.test(quote));
      const r = findQuote(source, quote);
      assert.ok(r !== undefined, `not found: ${JSON.stringify(quote)} in ${JSON.stringify(source)}`);
      assert.ok(0 <= r.start && r.start < r.end && r.end <= source.length);
      // The span found matches the quote too.
      assert.ok(findQuote(source.slice(r.start, r.end), quote) !== undefined);
    }),
    { numRuns: 2000 },
  );
});

test('quoteDivergence: never half of an astral character, where the texts part or where an excerpt is cut', () => {
  const lone = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;
  const whole = (source: string, quote: string) => {
    const d = quoteDivergence(source, quote);
    assert.ok(d, quote);
    for (const side of [d.source, d.quote, source.slice(d.span.start, d.span.end)]) assert.doesNotMatch(side, lone, JSON.stringify(side));
    return d;
  };
  // 𝐀 and 𝐁 share their first half: the agreeing start ends before them, not between their halves.
  assert.deepEqual(whole('The quick brown fox 𝐁 jumps over it', 'The quick brown fox 𝐀 leaps over it').quote, '𝐀 leaps over it');
  // 24 code units from a word's start end inside an emoji, either way.
  whole('The quick brown fox jumps over a' + '😀'.repeat(20) + ' end', 'The quick brown fox jumps over the lazy dog');
  whole('😀'.repeat(20) + 'b the quick brown fox jumps over the lazy dog', 'a the quick brown fox jumps over the lazy dog');
});

test('a web page read as its reader sees it keeps its length; markup never closed hides the rest, and a stray `<` is text', () => {
  const Z = '\u200b';
  const cases: Array<[string, string]> = [
    ['a <b>bold</b> word', `a ${Z.repeat(3)}bold${Z.repeat(4)} word`],
    ['one<br>two &amp; &#8217;&#x2019;', `one    two &${Z.repeat(4)} ’${Z.repeat(6)}’${Z.repeat(7)}`],
    ['x < y and <a "b>c</a>', `x < y and <a "b>c${Z.repeat(4)}`],
    ['text <!-- never closed\nmore', `text ${' '.repeat(17)}\n${' '.repeat(4)}`],
    ['text <script>var a = "<b>";\nmore', `text ${' '.repeat(22)}\n${' '.repeat(4)}`],
    ['&bogus; &#0; &#xD800;', '&bogus; &#0; &#xD800;'],
    // Names of an object's own machinery are no entities (they read as a function's source, lengthening the page).
    ['&constructor; &toString;', '&constructor; &toString;'],
    // `İ` is two units lower-cased: the script after it is still found, and hidden.
    ['İ<script>x</script>ok', `İ${' '.repeat(18)}ok`],
  ];
  for (const [html, expected] of cases) {
    const out = readerText(html);
    assert.equal(out.length, html.length, html);
    assert.equal(out, expected, html);
  }
});

test('property: a web page\'s reader text is the same wherever a letter stands that lower-cases to more than itself (`İ`)', () => {
  const parts = ['İ', 'x', ' ', '<script>', '</script>', '<style>', '</style>', '<!--', '-->', '<b>', '</b>', '<p>', '&amp;', '&ndash;', '"', '<'];
  fc.assert(
    fc.property(fc.array(fc.constantFrom(...parts), { maxLength: 30 }), (pieces) => {
      const html = pieces.join('');
      const plain = html.replaceAll('İ', 'x');
      assert.equal(readerText(html), readerText(plain).replace(/x/g, (x, at: number) => (html[at] === 'İ' ? 'İ' : x)));
    }),
  );
});

test('searchFrom finds what indexOf finds, long patterns included (those past V8 table search are searched by KMP)', () => {
  fc.assert(
    fc.property(fc.string({ unit: fc.constantFrom('a', 'b', ' '), maxLength: 2000 }), fc.string({ unit: fc.constantFrom('a', 'b', ' '), minLength: 1, maxLength: 12 }), fc.nat(400), fc.nat(2100), (text, unit, times, from) => {
      const pattern = unit.repeat(1 + times);
      assert.equal(searchFrom(text, pattern, from), text.indexOf(pattern, from));
      const inside = text.slice(from % (text.length + 1), (from % (text.length + 1)) + 300);
      assert.equal(searchFrom(text, inside), text.indexOf(inside));
    }),
    { numRuns: 300 },
  );
});

test('a long quote in a repetitive source is looked for in work linear in the source (ab ab ab … with one word changed)', () => {
  const source = 'ab '.repeat(50_000);
  const quote = `${'ab '.repeat(1000)}x ${'ab '.repeat(1000)}`.trim();
  const before = searchWork.chars;
  assert.equal(findQuote(source, quote), undefined);
  // Searched by the counted linear search (V8's own reads a long pattern's head a character at a time at every place its tail matches).
  assert.ok(searchWork.chars - before >= source.length);
  assert.ok(searchWork.chars - before <= 3 * source.length, `read ${searchWork.chars - before} characters for a ${source.length}-character source`);
  // Where the source parts from it: a binary search over the quote's length, each step a linear search.
  const divergence = quoteDivergence(source, quote);
  assert.ok(divergence?.agreesWithStart);
  assert.ok(searchWork.chars - before <= 3 * source.length + 2 * Math.log2(quote.length + 1) * source.length);
});
