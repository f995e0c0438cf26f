import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { SIMILAR_THRESHOLD, proposition, roleOf, similarity, stem, wordsOf } from '../server/src/core/similarity';
import type { ScaleName } from '../server/src/core/estimative';

test('stem', () => {
  const cases: { input: string; expected: string }[] = [
    { input: 'becoming', expected: 'becom' },
    { input: 'become', expected: 'becom' },
    { input: 'involved', expected: 'involv' },
    { input: 'involve', expected: 'involv' },
    { input: 'benefits', expected: 'benefit' },
    { input: 'countries', expected: 'country' },
    { input: 'taxes', expected: 'tax' },
    { input: 'running', expected: 'run' },
    { input: 'planned', expected: 'plan' },
    { input: 'agreed', expected: 'agreed' },
    { input: 'tension', expected: 'tension' },
    { input: 'class', expected: 'class' },
    { input: 'russia', expected: 'russia' },
    { input: 'is', expected: 'is' },
    { input: 'sing', expected: 'sing' },
  ];
  for (const { input, expected } of cases) assert.equal(stem(input), expected, input);
});

test('proposition', () => {
  const cases: { input: string; scale?: ScaleName; expected: { tokens: string[]; negated: boolean } }[] = [
    {
      input: 'In a U.S.-China war over Taiwan, Russia would probably avoid\n    becoming directly involved.',
      expected: { tokens: ['becom', 'china', 'directly', 'involv', 'russia', 'taiwan', 'u.s', 'war'], negated: true },
    },
    {
      input: 'Russia would become directly involved in a war over Taiwan',
      expected: { tokens: ['becom', 'directly', 'involv', 'russia', 'taiwan', 'war'], negated: false },
    },
    {
      input: "A war over Taiwan would almost certainly not be in Russia's interest [[KJ2]].",
      expected: { tokens: ['interest', 'russia', 'taiwan', 'war'], negated: true },
    },
    {
      input: "A war over Taiwan would be in Russia’s interest [@blinken-2024, p. 2; @x].",
      expected: { tokens: ['interest', 'russia', 'taiwan', 'war'], negated: false },
    },
    {
      // Literal, as the parser reads it: an escaped bracket and a code span are words, not citations.
      input: 'Russia cites \\[@kremlin] and `[@tass]` [@iiss].',
      expected: { tokens: ['cit', 'kremlin', 'russia', 'tass'], negated: false },
    },
    {
      // A bare `@key` is blanked, but not in a code span, nor escaped: there it is text.
      input: 'Analysts cite `@kremlin` and \\@tass, not @iiss.',
      expected: { tokens: ['analyst', 'cit', 'kremlin', 'tass'], negated: true },
    },
    {
      // A `]` in a code span ends no citation: the whole citation is blanked, locator and all.
      input: 'Russia will strike [@iiss, see `table]` here] soon.',
      expected: { tokens: ['russia', 'soon', 'strik'], negated: false },
    },
    { input: "Russia won't intervene.", expected: { tokens: ['interven', 'russia'], negated: true } },
    { input: 'Russia cannot intervene.', expected: { tokens: ['interven', 'russia'], negated: true } },
    { input: "Russia isn't unable to act.", expected: { tokens: ['act', 'russia', 'unabl'], negated: true } },
    { input: 'Neither China nor Russia is ready for it', expected: { tokens: ['china', 'ready', 'russia'], negated: true } },
    { input: 'China is not ready, nor is Russia', expected: { tokens: ['china', 'ready', 'russia'], negated: false } },
    { input: 'It is not true that Russia will never act', expected: { tokens: ['act', 'russia', 'tru'], negated: false } },
    { input: 'Russia will refrain from striking', expected: { tokens: ['russia', 'strik'], negated: true } },
    { input: 'Russia will not only strike but also invade', expected: { tokens: ['invad', 'russia', 'strik'], negated: false } },
    { input: 'There is no doubt Russia will strike', expected: { tokens: ['doubt', 'russia', 'strik'], negated: false } },
    { input: 'China would take Taiwan without a fight', expected: { tokens: ['china', 'fight', 'taiwan', 'tak', 'without'], negated: false } },
    {
      input: 'We assess with high confidence that Russia may strike',
      expected: { tokens: ['russia', 'strik'], negated: false },
    },
    {
      input: 'There is a realistic possibility that Russia strikes',
      scale: 'phia',
      expected: { tokens: ['russia', 'strik'], negated: false },
    },
    {
      input: 'There is a realistic possibility that Russia strikes',
      expected: { tokens: ['possibility', 'realistic', 'russia', 'strik'], negated: false },
    },
    { input: 'It is likely.', expected: { tokens: [], negated: false } },
    { input: '', expected: { tokens: [], negated: false } },
  ];
  for (const { input, scale = 'icd203', expected } of cases) {
    assert.deepEqual(proposition(input, scale), expected, JSON.stringify(input));
  }
});

test('similarity and SIMILAR_THRESHOLD', () => {
  const cases: { a: string; b: string; expected: number; similar: boolean }[] = [
    {
      a: 'Russia would probably avoid becoming directly involved in a war over Taiwan',
      b: 'Russia would become directly involved in a war over Taiwan',
      expected: 1,
      similar: true,
    },
    {
      a: 'In a U.S.-China war over Taiwan, Russia would probably avoid becoming directly involved.',
      b: 'Russia would become directly involved in a war over Taiwan',
      expected: 12 / 14,
      similar: true,
    },
    {
      a: 'Russia will invade Ukraine',
      b: 'Russia will not invade Georgia',
      expected: 4 / 6,
      similar: false,
    },
    {
      a: "Russia's economy will grow next year.",
      b: 'Russia benefits from tension in the Asia-Pacific but not from a war there.',
      expected: 2 / 11,
      similar: false,
    },
    {
      a: "Russia's forces are committed to the war in Ukraine.",
      b: 'Russia has sanctions relief as a goal.',
      expected: 2 / 9,
      similar: false,
    },
    { a: 'It is likely.', b: 'It is likely.', expected: 0, similar: false },
  ];
  for (const { a, b, expected, similar } of cases) {
    const pa = proposition(a, 'icd203');
    const pb = proposition(b, 'icd203');
    const s = similarity(pa, pb);
    assert.ok(Math.abs(s - expected) < 1e-12, `${a} / ${b}: ${s}`);
    assert.equal(similarity(pb, pa), s);
    assert.equal(s >= SIMILAR_THRESHOLD, similar, `${a} / ${b}`);
  }
});

test('similarity is symmetric, in 0..1, and 1 on itself (property)', () => {
  const words = ['russia', 'china', 'not', 'will', 'war', 'taiwan', 'likely', 'avoid', 'the', 'involved', 'Ukraine'];
  const sentence = fc.array(fc.constantFrom(...words), { maxLength: 12 }).map((ws) => ws.join(' '));
  fc.assert(
    fc.property(fc.oneof(sentence, fc.string({ maxLength: 80 })), sentence, (a, b) => {
      const pa = proposition(a, 'icd203');
      const pb = proposition(b, 'icd203');
      const s = similarity(pa, pb);
      assert.ok(s >= 0 && s <= 1);
      assert.equal(similarity(pb, pa), s);
      assert.equal(similarity(pa, pa), pa.tokens.length > 0 ? 1 : 0);
    }),
    { numRuns: 1000 },
  );
});

test('a statement is read into the words the token pattern matches, each with the role it has on its own (property)', () => {
  const TOKEN = /[\p{L}\p{N}]+(?:\.[\p{L}\p{N}]+)*/gu;
  const pieces = ['not', 'only', 'neither', 'nor', 'avoided', 'the', 'a', '1', 'u.s.', '3.5', '.', '..', ' ', '\n', "won't", 'cannot', 'İ', 'ΟΔΟΣ', 'e\u0301', '日本', '𝐀', '😀', '\ud800', '\udc00', '٣', 'Ⅻ', '²', 'ß', 'Russia', 'countries'];
  const text = fc.oneof(
    fc.string({ maxLength: 40, unit: 'binary' }),
    fc.string({ maxLength: 40, unit: 'grapheme' }),
    fc.array(fc.constantFrom(...pieces), { maxLength: 16 }).map((p) => p.join('')),
  );
  fc.assert(
    fc.property(text, (raw) => {
      const lower = raw.toLowerCase();
      const words = wordsOf(lower);
      assert.deepEqual(words.map((w) => w.word), lower.match(TOKEN) ?? []);
      for (const w of words) assert.deepEqual(w.role, roleOf(w.word));
    }),
    { numRuns: 3000 },
  );
});

test('the table of words read so far, emptied once full, leaves propositions as they were', () => {
  const statement = "Russia won't avoid U.S. sanctions, nor will it refrain from 3.5 strikes";
  const before = proposition(statement, 'icd203');
  // More distinct words than the table holds: it is emptied before the next statement.
  const many = Array.from({ length: 120_000 }, (_, i) => `w${i.toString(36)}`).join(' ');
  const { tokens } = proposition(many, 'icd203');
  assert.ok(tokens.length > 100_000);
  assert.deepEqual(tokens, [...new Set(tokens)].sort());
  assert.deepEqual(proposition(statement, 'icd203'), before);
  assert.deepEqual(proposition(statement + ' in Moscow', 'icd203').tokens, [...before.tokens, 'moscow'].sort());
});

test('a word of a pair of opposites reads as the other word denied, when it is the statement’s only direction', () => {
  const read = (s: string) => proposition(s, 'icd203');
  const opposite = (a: string, b: string) => {
    const [pa, pb] = [read(a), read(b)];
    assert.equal(similarity(pa, pb), 1, `${a} / ${b}`);
    assert.notEqual(pa.negated, pb.negated, `${a} / ${b}`);
  };
  const agree = (a: string, b: string) => assert.equal(read(a).negated, read(b).negated, `${a} / ${b}`);
  // Inflections (irregular ones too) read as one word; stopwords among the pairs become content.
  opposite('Russian arms exports to China will stay below 2020 levels', 'Russian arms exports to China will stay above 2020 levels');
  opposite('Oil output will rise in 2025', 'Oil output fell in 2025');
  opposite('Oil output rose in 2025', 'Oil output will be falling in 2025');
  opposite('Grain exports increased sharply', 'Grain exports will decrease sharply');
  opposite('Russia will send fewer troops to Syria', 'Russia will send more troops to Syria');
  opposite('Tariffs will stay higher than in 2020', 'Tariffs will stay lower than in 2020');
  opposite('The navy will expand', 'The navy shrank');
  opposite('The ruling party will win the election', 'The ruling party lost the election');
  opposite('Oil output will not fall in 2025', 'Oil output will fall in 2025');
  assert.deepEqual(read('Oil output fell in 2025'), { tokens: ['2025', 'oil', 'output', 'ris'], negated: true, turned: '"fell" read as not "rise"' });
  // A denied direction and its opposite agree: "will not rise" is no contradiction of "will fall".
  agree('Oil output will not rise in 2025', 'Oil output will fall in 2025');
  agree('Oil output will not fall in 2025', 'Oil output will rise in 2025');
  // Two directions are read as written: both words of a pair, or two pairs ("fall below" is no double denial).
  assert.deepEqual(read('Exports will rise in the north and fall in the south'), { tokens: ['export', 'fall', 'north', 'ris', 'south'], negated: false });
  assert.deepEqual(read('Exports will fall below 2020 levels'), { tokens: ['2020', 'below', 'export', 'fall', 'level'], negated: false });
  assert.deepEqual(read('Prices will move more or less as before'), { tokens: ['less', 'mor', 'mov', 'pric'], negated: false });
  // "no less than 50" says at least 50: neither the "no" nor the "less" turns it.
  assert.deepEqual(read('Russia will send no less than 50 troops'), { tokens: ['50', 'less', 'russia', 'send', 'troop'], negated: false });
  // Paraphrases keep their polarity; different pairs are not merged.
  agree('Oil output fell in 2025', 'In 2025 oil output was falling');
  assert.ok(similarity(read('Exports will rise'), read('Exports will increase')) < SIMILAR_THRESHOLD);
});

test('a code span’s words are content, shown rather than used: they negate nothing and turn no direction', () => {
  const read = (s: string) => proposition(s, 'icd203');
  // Different words in code make different statements.
  assert.ok(similarity(read('Russia will deploy `Iskander` missiles'), read('Russia will deploy `Kinzhal` missiles')) < 1);
  // A negator in code is a word like any other: no contradiction of the statement without it.
  assert.deepEqual(read('The log reads `access not granted`'), { tokens: ['access', 'grant', 'log', 'not', 'read'], negated: false });
  assert.deepEqual(read("The flag is `won't-avoid`"), { tokens: ['avoid', 'flag', 'not'], negated: false });
  assert.equal(read('Russia will `never` strike').negated, false);
  // …and outside the code span it still negates.
  assert.equal(read('Russia will not strike `Kyiv`').negated, true);
  // A direction in code turns nothing: "`fell`" is the word fell, not "rise" denied.
  assert.deepEqual(read('Exports are tagged `fell`'), { tokens: ['export', 'fall', 'tag'], negated: false });
  // Stopwords stay out there too; a span over two lines, or of two backticks, is one span.
  assert.deepEqual(read('The command is ``the `not`\n  flag``'), { tokens: ['command', 'flag', 'not'], negated: false });
  // A backtick with no partner hides nothing.
  assert.deepEqual(read('A lone ` and not @iiss'), { tokens: ['lon'], negated: true });
});

test('a past "could" is content of the proposition, read as of the assessment\'s year: a hedge before it is blanked', () => {
  const s = 'In 2022 Europe could still buy Russian gas';
  assert.ok(proposition(s, 'icd203', 2024).tokens.includes('could'));
  assert.ok(!proposition(s, 'icd203', 2022).tokens.includes('could'));
  assert.ok(!proposition(s, 'icd203').tokens.includes('could'));
});
