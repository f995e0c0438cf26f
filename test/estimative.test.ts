import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import {
  FACT,
  compareEstimates,
  complement,
  deriveCandidates,
  disjoint,
  findConfidencePhrases,
  findEstimativeWords,
  formatInterval,
  lookupTerm,
  nearestValue,
  parsePercent,
  quotedSpans,
  scaleTerms,
  sentenceSpans,
  termMeaning,
  type Interval,
  type ScaleName,
} from '../server/src/core/estimative';
import { hedgeReplacements } from '../server/src/core/wording';

const iv = (lo: number, hi: number): Interval => ({ lo, hi });

test('scaleTerms: ICD 203 and PHIA tables (brief §2)', () => {
  const cases: { scale: ScaleName; expected: string[] }[] = [
    {
      scale: 'icd203',
      expected: [
        'almost no chance (1–5%)',
        'very unlikely (5–20%)',
        'unlikely (20–45%)',
        'roughly even chance (45–55%)',
        'likely (55–80%)',
        'very likely (80–95%)',
        'almost certain (95–99%)',
      ],
    },
    {
      scale: 'phia',
      expected: [
        'remote chance (≤5%)',
        'highly unlikely (10–20%)',
        'unlikely (25–35%)',
        'realistic possibility (40–50%)',
        'likely (55–75%)',
        'highly likely (80–90%)',
        'almost certain (≥95%)',
      ],
    },
  ];
  for (const { scale, expected } of cases) assert.deepEqual(scaleTerms(scale).map(termMeaning), expected, scale);
});

test('lookupTerm', () => {
  const cases: { input: string; scale: ScaleName; expected: string | undefined }[] = [
    { input: 'likely', scale: 'icd203', expected: 'likely' },
    { input: '  Almost   Certain ', scale: 'icd203', expected: 'almost certain' },
    { input: 'almost\n  certainly', scale: 'icd203', expected: 'almost certain' },
    { input: 'probably', scale: 'icd203', expected: 'likely' },
    { input: 'highly improbable', scale: 'icd203', expected: 'very unlikely' },
    { input: 'remote', scale: 'icd203', expected: 'almost no chance' },
    { input: 'even chance', scale: 'icd203', expected: 'roughly even chance' },
    { input: 'remote', scale: 'phia', expected: undefined },
    { input: 'remote chance', scale: 'phia', expected: 'remote chance' },
    { input: 'realistic possibility', scale: 'phia', expected: 'realistic possibility' },
    { input: 'realistic possibility', scale: 'icd203', expected: undefined },
    { input: 'very likely', scale: 'phia', expected: 'highly likely' },
    { input: 'fairly likely', scale: 'icd203', expected: undefined },
    { input: 'likelihood', scale: 'icd203', expected: undefined },
    { input: 'may', scale: 'icd203', expected: undefined },
    { input: 'constructor', scale: 'icd203', expected: undefined },
    { input: '', scale: 'icd203', expected: undefined },
  ];
  for (const { input, scale, expected } of cases) {
    assert.equal(lookupTerm(input, scale)?.canonical, expected, `${scale}: ${JSON.stringify(input)}`);
  }
  assert.deepEqual(lookupTerm('unlikely', 'icd203')?.interval, iv(0.2, 0.45));
  assert.deepEqual(lookupTerm('unlikely', 'phia')?.interval, iv(0.25, 0.35));
});

test('nearestValue', () => {
  const likelihoods = scaleTerms('icd203').map((t) => t.canonical);
  const phia = scaleTerms('phia').map((t) => t.canonical);
  const confidence = ['low', 'moderate', 'high'];
  const reliability = ['A', 'B', 'C', 'D', 'E', 'F'];
  const cases: { input: string; candidates: readonly string[]; expected: string | undefined }[] = [
    { input: 'fairly likely', candidates: likelihoods, expected: 'likely' },
    { input: 'quite unlikely', candidates: likelihoods, expected: 'unlikely' },
    { input: 'likley', candidates: likelihoods, expected: 'likely' },
    { input: 'Very Likely', candidates: likelihoods, expected: 'very likely' },
    { input: 'very likely', candidates: phia, expected: 'highly likely' },
    { input: 'highly likely', candidates: likelihoods, expected: 'very likely' },
    { input: 'probably', candidates: likelihoods, expected: 'likely' },
    { input: 'remote', candidates: phia, expected: 'remote chance' },
    { input: 'very high', candidates: confidence, expected: 'high' },
    { input: 'medium', candidates: confidence, expected: 'moderate' },
    { input: 'moderatly', candidates: confidence, expected: 'moderate' },
    { input: 'hgih', candidates: confidence, expected: 'high' },
    { input: 'b', candidates: reliability, expected: 'B' },
    // near misses: nothing close
    { input: 'G', candidates: reliability, expected: undefined },
    { input: 'banana', candidates: confidence, expected: undefined },
    { input: 'sure thing', candidates: likelihoods, expected: undefined },
    { input: '', candidates: confidence, expected: undefined },
    { input: 'constructor', candidates: confidence, expected: undefined },
  ];
  for (const { input, candidates, expected } of cases) {
    assert.equal(nearestValue(input, candidates), expected, JSON.stringify(input));
  }
});

test('nearestValue with accept: only accepted candidates, from the same (kept) list', () => {
  const ids = ['Claim1', 'Claim2', 'Claim3'];
  const notOne = (c: string) => c !== 'Claim1';
  assert.equal(nearestValue('Claim1', ids), 'Claim1');
  assert.equal(nearestValue('Claim1', ids, notOne), 'Claim2', 'an exact match not accepted: the nearest accepted one');
  assert.equal(nearestValue('Claim1x', ids, notOne), 'Claim2');
  assert.equal(nearestValue('Claim1x', ids, () => false), undefined);
});

type Found = [text: string, kind: 'term' | 'hedge', canonical?: string];
const found = (text: string, scale: ScaleName = 'icd203'): Found[] =>
  findEstimativeWords(text, scale).map((w) => {
    assert.equal(text.slice(w.start, w.end), w.text);
    return w.term ? [w.text, w.kind, w.term.canonical] : [w.text, w.kind];
  });

test('findEstimativeWords', () => {
  const cases: { input: string; scale?: ScaleName; expected: Found[] }[] = [
    { input: 'Russia would probably avoid it.', expected: [['probably', 'term', 'likely']] },
    { input: 'It is unlikely.', expected: [['unlikely', 'term', 'unlikely']] },
    { input: 'the likelihood of war', expected: [] },
    { input: 'The outcome is improbable', expected: [['improbable', 'term', 'unlikely']] },
    { input: 'it is probable that', expected: [['probable', 'term', 'likely']] },
    { input: 'It is very\n    likely to happen', expected: [['very\n    likely', 'term', 'very likely']] },
    { input: 'HIGHLY UNLIKELY', expected: [['HIGHLY UNLIKELY', 'term', 'very unlikely']] },
    { input: 'almost certainly not', expected: [['almost certainly', 'term', 'almost certain']] },
    { input: 'Russia will most likely stay out', expected: [['most likely', 'term', 'likely']] },
    { input: 'a roughly even chance', expected: [['roughly even chance', 'term', 'roughly even chance']] },
    { input: 'It may rain', expected: [['may', 'hedge']] },
    { input: 'to his dismay', expected: [] },
    { input: 'in May 2024 and on 3 May', expected: [] },
    { input: 'In May, it could rain', expected: [['could', 'hedge']] },
    { input: 'Perhaps it might', expected: [['Perhaps', 'hedge'], ['might', 'hedge']] },
    { input: 'mighty and perhapsy', expected: [] },
    { input: 'An attack cannot be\n  ruled out.', expected: [['cannot be\n  ruled out', 'hedge']] },
    { input: 'An attack can’t be ruled out.', expected: [['can’t be ruled out', 'hedge']] },
    { input: 'It is possible that it is likely', expected: [['It is possible that', 'hedge'], ['likely', 'term', 'likely']] },
    { input: 'it is possible', expected: [] },
    { input: 'conceivably, possibly', expected: [['conceivably', 'hedge'], ['possibly', 'hedge']] },
    { input: 'The chance is remote.', expected: [['remote', 'term', 'almost no chance']] },
    { input: 'a remote possibility', expected: [['remote', 'term', 'almost no chance']] },
    { input: 'in remote regions', expected: [] },
    { input: 'likely_x x_likely likely2', expected: [] },
    { input: 'unlikely', scale: 'phia', expected: [['unlikely', 'term', 'unlikely']] },
    { input: 'The chance is remote.', scale: 'phia', expected: [] },
    { input: 'a remote chance', scale: 'phia', expected: [['remote chance', 'term', 'remote chance']] },
    {
      input: 'a realistic possibility',
      scale: 'phia',
      expected: [['realistic possibility', 'term', 'realistic possibility']],
    },
    { input: 'a realistic possibility', expected: [] },
    { input: 'very likely', scale: 'phia', expected: [['very likely', 'term', 'highly likely']] },
  ];
  for (const { input, scale = 'icd203', expected } of cases) {
    assert.deepEqual(found(input, scale), expected, `${scale}: ${JSON.stringify(input)}`);
  }
  const [w] = findEstimativeWords('unlikely', 'icd203');
  assert.deepEqual(w, { start: 0, end: 8, text: 'unlikely', kind: 'term', term: lookupTerm('unlikely', 'icd203') });
  assert.deepEqual(w?.term?.interval, iv(0.2, 0.45));
});

test('findEstimativeWords: ordered, non-overlapping, within the text (property)', () => {
  const vocabulary = [
    'likely', 'unlikely', 'very', 'highly', 'almost', 'certain', 'remote', 'chance', 'may', 'May',
    'could', 'cannot', 'be', 'ruled', 'out', 'it', 'is', 'possible', 'that', 'realistic', 'possibility',
    ' ', '\n  ', '.', '-', "'", '’', 'é', '2024',
  ];
  const textArb = fc.oneof(
    fc.string({ maxLength: 200 }),
    fc.array(fc.constantFrom(...vocabulary), { maxLength: 40 }).map((ws) => ws.join(' ')),
    fc.array(fc.constantFrom(...vocabulary), { maxLength: 40 }).map((ws) => ws.join('')),
  );
  fc.assert(
    fc.property(textArb, fc.constantFrom<ScaleName>('icd203', 'phia'), (text, scale) => {
      const words = findEstimativeWords(text, scale);
      let prev = 0;
      for (const w of words) {
        assert.ok(w.start >= prev && w.start < w.end && w.end <= text.length);
        assert.equal(text.slice(w.start, w.end), w.text);
        assert.equal(w.kind === 'term', w.term !== undefined);
        prev = w.end;
      }
    }),
    { numRuns: 2000 },
  );
});

test('findConfidencePhrases', () => {
  const cases: { input: string; expected: string[] }[] = [
    { input: 'We assess with high confidence that it is likely.', expected: ['with high confidence'] },
    { input: 'moderate confidence; low confidence; medium confidence', expected: ['moderate confidence', 'low confidence', 'medium confidence'] },
    { input: 'We have a high degree of confidence', expected: ['high degree of confidence'] },
    { input: 'a high-confidence judgment', expected: ['high-confidence'] },
    { input: 'low-to-moderate confidence', expected: ['low-to-moderate confidence'] },
    { input: 'We are highly\n  confident; moderately confident', expected: ['highly\n  confident', 'moderately confident'] },
    { input: 'Our confidence is low.', expected: ['confidence is low'] },
    { input: 'Confidence is high; we judge that confidence is low.', expected: ['Confidence is high', 'confidence is low'] },
    // Someone else's confidence, a fact about the world, not the analysts' confidence.
    { input: 'Consumer confidence is low; investor confidence remained high.', expected: [] },
    { input: 'a confidence interval of 95%', expected: [] },
    { input: 'highly confidential', expected: [] },
    { input: 'high confidences', expected: [] },
    { input: 'confidence-building measures', expected: [] },
    { input: 'highconfidence', expected: [] },
    { input: 'Zhao says "with high confidence" it is so; we have low confidence.', expected: ['low confidence'] },
  ];
  for (const { input, expected } of cases) {
    const got = findConfidencePhrases(input);
    for (const p of got) assert.equal(input.slice(p.start, p.end), p.text);
    assert.deepEqual(got.map((p) => p.text), expected, JSON.stringify(input));
  }
});

test('sentenceSpans', () => {
  const cases: { input: string; expected: string[] }[] = [
    { input: 'One. Two! Three? Four', expected: ['One.', 'Two!', 'Three?', 'Four'] },
    { input: '  Padded sentence.  \n', expected: ['Padded sentence.'] },
    { input: 'See p. 4 of the report. Next.', expected: ['See p. 4 of the report.', 'Next.'] },
    { input: 'The U.S. and China, e.g. here, i.e. there. Next.', expected: ['The U.S. and China, e.g. here, i.e. there.', 'Next.'] },
    { input: 'It grew 3.5 percent. Then fell.', expected: ['It grew 3.5 percent.', 'Then fell.'] },
    { input: 'As cited [@a, p. 4. Ch. 2]. Next.', expected: ['As cited [@a, p. 4. Ch. 2].', 'Next.'] },
    { input: 'Line one\ncontinues. Line\ntwo.', expected: ['Line one\ncontinues.', 'Line\ntwo.'] },
    { input: 'He said "stop." Then left.', expected: ['He said "stop."', 'Then left.'] },
    { input: 'Wait... what?! Yes.', expected: ['Wait...', 'what?!', 'Yes.'] },
    { input: 'Ships, tanks, etc. The end.', expected: ['Ships, tanks, etc.', 'The end.'] },
    { input: 'Ships, tanks, etc. and more.', expected: ['Ships, tanks, etc. and more.'] },
    { input: 'Dr. Smith met J. Doe. Done.', expected: ['Dr. Smith met J. Doe.', 'Done.'] },
    { input: 'See no. 4. Or say no. Fine.', expected: ['See no. 4.', 'Or say no.', 'Fine.'] },
    { input: 'An open [bracket. Then more.', expected: ['An open [bracket.', 'Then more.'] },
    { input: 'Open [bracket. Then [@a, p. 2]. End.', expected: ['Open [bracket.', 'Then [@a, p. 2].', 'End.'] },
    { input: 'See [[KJ2]]. And [[doc/KJ1]] too.', expected: ['See [[KJ2]].', 'And [[doc/KJ1]] too.'] },
    { input: 'A [gap.\n\nB] c.', expected: ['A [gap.', 'B] c.'] },
    { input: 'example.com is a site.', expected: ['example.com is a site.'] },
    // A code span is literal text: its periods end no sentence, and a `]` in it closes no bracket.
    { input: 'Type `stop. go` now. Next.', expected: ['Type `stop. go` now.', 'Next.'] },
    { input: 'It ends `with a dot.` Then goes on.', expected: ['It ends `with a dot.` Then goes on.'] },
    { input: 'Run ``a`. b``. Done.', expected: ['Run ``a`. b``.', 'Done.'] },
    { input: 'A span `over. a\nline` too. Done!', expected: ['A span `over. a\nline` too.', 'Done!'] },
    { input: 'Cited [@a, see `x]`. Then] here. Done.', expected: ['Cited [@a, see `x]`. Then] here.', 'Done.'] },
    { input: 'Cited [@a, see \\]. Then] here. Done.', expected: ['Cited [@a, see \\]. Then] here.', 'Done.'] },
    // A backtick with no partner hides nothing.
    { input: 'A lone ` tick. Next.', expected: ['A lone ` tick.', 'Next.'] },
    { input: '', expected: [] },
    { input: ' \n\t ', expected: [] },
  ];
  for (const { input, expected } of cases) {
    assert.deepEqual(
      sentenceSpans(input).map((s) => input.slice(s.start, s.end)),
      expected,
      JSON.stringify(input),
    );
  }
});

test('complement, disjoint, compareEstimates', () => {
  const likely = lookupTerm('likely', 'icd203')!.interval;
  const unlikely = lookupTerm('unlikely', 'icd203')!.interval;
  const even = lookupTerm('even chance', 'icd203')!.interval;
  const veryLikely = lookupTerm('very likely', 'icd203')!.interval;
  assert.deepEqual(complement(likely), iv(0.2, 0.45));
  assert.deepEqual(complement(FACT), iv(0, 0.05));
  assert.deepEqual(FACT, iv(0.95, 1));

  const disjointCases: { a: Interval; b: Interval; expected: boolean }[] = [
    { a: likely, b: unlikely, expected: true },
    { a: likely, b: veryLikely, expected: false }, // touching at 0.8
    { a: complement(likely), b: even, expected: false }, // touching at 0.45 despite 1 − 0.55
    { a: iv(0.7, 0.7), b: likely, expected: false },
    { a: iv(0.5, 0.5), b: iv(0.51, 0.6), expected: true },
  ];
  for (const { a, b, expected } of disjointCases) {
    assert.equal(disjoint(a, b), expected, `${formatInterval(a)} / ${formatInterval(b)}`);
    assert.equal(disjoint(b, a), expected);
  }

  const compareCases: { a: Interval; b: Interval; expected: 'consistent' | 'contradiction' | 'inconsistent' }[] = [
    { a: likely, b: unlikely, expected: 'contradiction' },
    { a: likely, b: FACT, expected: 'inconsistent' },
    { a: complement(likely), b: unlikely, expected: 'consistent' },
    { a: likely, b: complement(unlikely), expected: 'consistent' },
    { a: even, b: likely, expected: 'consistent' },
    { a: iv(0.2, 0.5), b: iv(0.5, 0.9), expected: 'consistent' }, // touching
    { a: iv(0.2, 0.5), b: iv(0.6, 0.9), expected: 'contradiction' },
    { a: iv(0.2, 0.45), b: iv(0.47, 0.9), expected: 'inconsistent' }, // not on opposite sides of 0.5
    { a: lookupTerm('very unlikely', 'icd203')!.interval, b: unlikely, expected: 'consistent' },
    { a: iv(0.05, 0.1), b: iv(0.3, 0.4), expected: 'inconsistent' },
    { a: complement(FACT), b: FACT, expected: 'contradiction' },
    // Even odds exactly is on neither side: against 90% and against 20% alike, not "it won't" and "it will" at once.
    { a: iv(0.5, 0.5), b: iv(0.9, 0.9), expected: 'inconsistent' },
    { a: iv(0.5, 0.5), b: iv(0.2, 0.2), expected: 'inconsistent' },
    { a: iv(0.4, 0.5), b: iv(0.6, 0.9), expected: 'contradiction' }, // PHIA's realistic possibility against likely
  ];
  for (const { a, b, expected } of compareCases) {
    assert.equal(compareEstimates(a, b), expected, `${formatInterval(a)} vs ${formatInterval(b)}`);
    assert.equal(compareEstimates(b, a), expected);
  }
});

test('formatInterval', () => {
  const cases: { input: Interval; expected: string }[] = [
    { input: iv(0.55, 0.8), expected: '55–80%' },
    { input: iv(0.7, 0.7), expected: '70%' },
    { input: iv(0.95, 1), expected: '≥95%' },
    { input: iv(0, 0.05), expected: '≤5%' },
    { input: iv(0, 1), expected: '0–100%' },
    { input: iv(0.725, 0.8), expected: '72.5–80%' },
    { input: complement(iv(0.55, 0.8)), expected: '20–45%' },
    { input: iv(1, 1), expected: '100%' },
  ];
  for (const { input, expected } of cases) assert.equal(formatInterval(input), expected);
});

test('parsePercent', () => {
  const err = (text: string) => ({ error: text });
  const cases: { input: string; expected: Interval | { error: string } | undefined }[] = [
    { input: '70%', expected: iv(0.7, 0.7) },
    { input: ' 70 % ', expected: iv(0.7, 0.7) },
    { input: '60-75%', expected: iv(0.6, 0.75) },
    { input: '60–75%', expected: iv(0.6, 0.75) },
    { input: '60 – 75 %', expected: iv(0.6, 0.75) },
    { input: '60%-75%', expected: iv(0.6, 0.75) },
    { input: '72.5%', expected: iv(0.725, 0.725) },
    { input: '0%', expected: iv(0, 0) },
    { input: '100%', expected: iv(1, 1) },
    { input: '101%', expected: err('a percentage must be between 0% and 100%') },
    { input: '-5%', expected: err('a percentage must be between 0% and 100%') },
    { input: '80-60%', expected: err("the range's lower bound (80%) is above its upper bound (60%)") },
    { input: '70', expected: undefined },
    { input: 'likely', expected: undefined },
    { input: '60-75', expected: undefined },
    { input: '', expected: undefined },
  ];
  for (const { input, expected } of cases) assert.deepEqual(parsePercent(input), expected, JSON.stringify(input));
});

test('nearestValue skips candidates whose length or letters rule them out, and answers as if it had tried them all', () => {
  const { distance } = require('fastest-levenshtein') as { distance: (a: string, b: string) => number };
  // The plain search: every candidate's distance, the first closest kept, unless a later one as
  // close starts as the value does and the first does not (`E3`: `E1` before `C3`).
  const plain = (text: string, candidates: string[]) => {
    const value = text.toLowerCase().trim();
    let best: string | undefined;
    let bestDist = Infinity;
    const alike = (c: string | undefined) => c !== undefined && c.toLowerCase()[0] === value[0];
    for (const c of candidates) {
      const d = distance(value, c.toLowerCase());
      if (d < bestDist || (d === bestDist && alike(c) && !alike(best))) [best, bestDist] = [c, d];
    }
    return bestDist <= Math.ceil(value.length / 3) && bestDist < value.length ? best : undefined;
  };
  // An ID's prefix names its kind: of two as near, the one with the value's first letter.
  assert.equal(nearestValue('E3', ['C1', 'C3', 'E1', 'E2']), 'E1');
  assert.equal(nearestValue('C4', ['E1', 'C3', 'E4']), 'C3');
  fc.assert(
    fc.property(fc.stringMatching(/^[a-z]{1,12}$/), fc.uniqueArray(fc.stringMatching(/^[a-z]{1,14}$/), { minLength: 1, maxLength: 30 }), (text, candidates) => {
      if (candidates.includes(text)) return;
      assert.equal(nearestValue(text, candidates), plain(text, candidates));
    }),
    { numRuns: 2000, seed: 8 },
  );
  // One list asked again and again, as a document's IDs are: what is kept of it answers as the plain search.
  // Mixed case makes candidates that share a normal form, of which the first counts. (Words with an alias are left out.)
  const ALIASED = new Set(['medium', 'mid', 'average', 'med', 'probably', 'probable', 'improbable', 'certain', 'remote', 'yes', 'no']);
  fc.assert(
    fc.property(
      fc.array(fc.stringMatching(/^[a-z0-9-]{1,12}$/).filter((t) => !ALIASED.has(t)), { minLength: 1, maxLength: 6 }),
      fc.array(fc.stringMatching(/^[a-zA-Z0-9-]{1,14}$/), { minLength: 1, maxLength: 40 }),
      (texts, candidates) => {
        for (const text of texts) assert.equal(nearestValue(text, candidates), plain(text, candidates), text);
      },
    ),
    { numRuns: 1000, seed: 9 },
  );
});

test('a list derived from the previous one (an ID being typed) answers as the same list normalized from scratch', () => {
  const id = fc.stringMatching(/^[a-zA-Z][a-zA-Z0-9-]{0,10}$/);
  fc.assert(
    fc.property(
      fc.array(id, { minLength: 1, maxLength: 40 }),
      fc.array(fc.tuple(fc.nat(), id), { minLength: 1, maxLength: 4 }),
      fc.array(id, { minLength: 1, maxLength: 6 }),
      (previous, changes, texts) => {
        nearestValue(texts[0]!, previous); // the previous version's IDs, normalized once asked
        const next = [...previous];
        const at = [...new Set(changes.map(([i, v]) => ((next[i % next.length] = v), i % next.length)))];
        deriveCandidates(previous, next, at);
        // Duplicates (by normal form, before or after) leave `next` to be built when asked: either way, the same answers.
        const fresh = [...next];
        for (const text of [...texts, ...next, ...previous]) assert.equal(nearestValue(text, next), nearestValue(text, fresh), text);
      },
    ),
    { numRuns: 1500, seed: 10 },
  );
});

test('findEstimativeWords: a "not" after a copula denies the term (its complement); one that belongs to the verb does not', () => {
  const read = (text: string, scale: ScaleName = 'icd203') =>
    findEstimativeWords(text, scale).map((w) => `${w.text}|${w.kind}|${w.term ? `${w.term.canonical} ${formatInterval(w.term.interval)}` : '-'}`);
  assert.deepEqual(read('Russia is not likely to resume flows.'), ['not likely|term|unlikely 20–45%']);
  assert.deepEqual(read("Russia isn't likely to resume flows."), ["n't likely|term|unlikely 20–45%"]);
  assert.deepEqual(read('Russia isn\u2019t likely to resume flows.'), ['n\u2019t likely|term|unlikely 20–45%']);
  assert.deepEqual(read('It was not very likely that talks would resume.'), ['not very likely|term|very unlikely 5–20%']);
  assert.deepEqual(read('They are also not likely to win.'), ['not likely|term|unlikely 20–45%']);
  // PHIA has no band at the complement of likely (55–75%): the range names it.
  assert.deepEqual(read('Russia is not likely to resume flows.', 'phia'), ['not likely|term|25-45% 25–45%']);
  // An extreme band denied says only that it is not that extreme.
  assert.deepEqual(read('A deal is not almost certain.'), ['not almost certain|hedge|-']);
  // The "not" belongs to the verb: the statement's probability is the term's.
  assert.deepEqual(read('Russia will not likely resume flows.'), ['likely|term|likely 55–80%']);
  assert.deepEqual(read('Russia would probably not intervene.'), ['probably|term|likely 55–80%']);
  assert.deepEqual(read('Russia is likely not to resume.'), ['likely|term|likely 55–80%']);
  assert.deepEqual(read("Russia won't likely resume."), ['likely|term|likely 55–80%']);
  // The span starts at the denial: the statement's text there is what the word reports.
  const text = 'The cluster is not likely to grow.';
  const [w] = findEstimativeWords(text, 'icd203');
  assert.equal(text.slice(w.start, w.end), 'not likely');
});

test('findEstimativeWords: "Not likely." opening a sentence or clause is a denial too', () => {
  const read = (text: string, scale: ScaleName = 'icd203') =>
    findEstimativeWords(text, scale).map((w) => `${w.text}|${w.kind}|${w.term ? `${w.term.canonical} ${formatInterval(w.term.interval)}` : '-'}`);
  assert.deepEqual(read('Not likely.'), ['Not likely|term|unlikely 20–45%']);
  assert.deepEqual(read('Will Russia intervene? Not likely.'), ['Not likely|term|unlikely 20–45%']);
  assert.deepEqual(read('Not likely: the talks will fail.'), ['Not likely|term|unlikely 20–45%']);
  assert.deepEqual(read('Not very likely, but the talks could fail.'), ['Not very likely|term|very unlikely 5–20%', 'could|hedge|-']);
  assert.deepEqual(read('The answer: not likely.'), ['not likely|term|unlikely 20–45%']);
  assert.deepEqual(read('Talks resume? Not likely to happen.'), ['Not likely|term|unlikely 20–45%']);
  assert.deepEqual(read('(Not likely, in short.)'), ['Not likely|term|unlikely 20–45%']);
  // Quoted speech is the speaker's estimate, not the statement's.
  assert.deepEqual(read('\u201cNot likely,\u201d he said.'), []);
  assert.deepEqual(read('Not likely.', 'phia'), ['Not likely|term|25-45% 25–45%']);
  // Not a denial: "likely" is not the end of the phrase, or the "not" opens no clause.
  assert.deepEqual(read('Not likely voters, but all adults, were polled.'), ['likely|term|likely 55–80%']);
  assert.deepEqual(read('Russia, not likely.'), ['likely|term|likely 55–80%']);
  const text = 'Will talks resume? Not likely.';
  const [w] = findEstimativeWords(text, 'icd203');
  assert.equal(text.slice(w.start, w.end), 'Not likely');
});

test('findEstimativeWords: denying a term below even odds, or the top band, states no probability (a hedge)', () => {
  const read = (text: string, scale: ScaleName = 'icd203') =>
    findEstimativeWords(text, scale).map((w) => `${w.text}|${w.kind}|${w.term ? `${w.term.canonical} ${formatInterval(w.term.interval)}` : '-'}`);
  // "not remote" is not almost certain; it says only that the chance is more than remote.
  assert.deepEqual(read('The chance is not remote.'), ['not remote|hedge|-']);
  assert.deepEqual(read('The chance of a coup is not remote.'), ['not remote|hedge|-']);
  assert.deepEqual(read("The odds aren't remote."), ["n't remote|hedge|-"]);
  // Understatements: their complements (likely, very likely) say more than the writer did.
  assert.deepEqual(read('A coup is not improbable.'), ['not improbable|hedge|-']);
  assert.deepEqual(read('A recession is not unlikely.'), ['not unlikely|hedge|-']);
  assert.deepEqual(read('A coup is not highly unlikely.'), ['not highly unlikely|hedge|-']);
  assert.deepEqual(read('A coup is not improbable.', 'phia'), ['not improbable|hedge|-']);
  assert.deepEqual(read('Not unlikely.'), ['Not unlikely|hedge|-']);
  // Even odds denied says neither more nor less.
  assert.deepEqual(read('A deal is not even chance: it is better.'), ['not even chance|hedge|-']);
  // Still read as before: remote after a copula; a graded denial of remote is left unread; remote that is no chance.
  assert.deepEqual(read('The chance is very remote.'), ['remote|term|almost no chance 1–5%']);
  assert.deepEqual(read('The chance is not very remote.'), []);
  assert.deepEqual(read('Not remote: the staff work on site.'), []);
  assert.deepEqual(read('The chance is not remote.', 'phia'), []);
});

test('findEstimativeWords: a word that states no probability where it stands is not read', () => {
  const read = (text: string, scale: ScaleName = 'icd203') =>
    findEstimativeWords(text, scale).map((w) => `${w.text}|${w.kind}${w.term ? `|${w.term.canonical}` : ''}`);
  // Inside a hyphenated compound.
  assert.deepEqual(read('Officials may-day signal was sent.'), []);
  assert.deepEqual(read('The likely-voter screen and could-be defectors, a well-may'), []);
  assert.deepEqual(read('likely\u2010voter, mid-May'), []);
  assert.deepEqual(read('It is likely - and could - happen.'), ['likely|term|likely', 'could|hedge']);
  // "May" with a capital: a month or a name, unless it opens a sentence before a lowercase word.
  assert.deepEqual(read('Protests at the May Day rally turned violent.'), []);
  assert.deepEqual(read('Theresa May resigned. May Day passed. May 2024 was calm.'), []);
  assert.deepEqual(read('May escalate if talks fail.'), ['May|hedge']);
  assert.deepEqual(read('Talks stall. (May escalate if talks fail.)'), ['May|hedge']);
  assert.deepEqual(read('Talks may fail. MAY fail.'), ['may|hedge', 'MAY|hedge']);
  // "might" the noun.
  assert.deepEqual(read("China's military might grows each year."), []);
  assert.deepEqual(read('with all its might; the might of Rome; the allies\u2019 might'), []);
  assert.deepEqual(read('Economic might, not numbers, decides.'), []);
  assert.deepEqual(read('The military might intervene.'), ['might|hedge']);
  assert.deepEqual(read('Russia might retaliate; that might fail.'), ['might|hedge', 'might|hedge']);
  // "could not" is inability, not possibility; "could not only", "could not rule out" still hedge.
  assert.deepEqual(read('Analysts could not attribute the intrusion.'), []);
  assert.deepEqual(read('The regime could never survive a winter.'), []);
  assert.deepEqual(read('Russia could not only invade but annex.'), ['could|hedge']);
  assert.deepEqual(read('Analysts could not rule out an insider.'), ['could|hedge']);
  assert.deepEqual(read('An attack could not be ruled out.'), ['could not be ruled out|hedge']);
  assert.deepEqual(read('Russia could notionally intervene.'), ['could|hedge']);
  // "could ill afford": cannot afford, a necessity.
  assert.deepEqual(read('Washington could ill afford to ignore it.'), []);
  assert.deepEqual(read('Washington could illuminate it.'), ['could|hedge']);
  // A modal in a relative clause after a noun phrase, or in an embedded question after a verb of
  // knowing or predicting, describes a capability or an unknown: no hedge of the statement.
  assert.deepEqual(read('Russia has no other strategic partner that could match China [@s1].'), []);
  assert.deepEqual(read('It is hard to predict what could disrupt the partnership [@s1].'), []);
  assert.deepEqual(read('Iran has missiles that could reach Europe; the states that may object are few.'), []);
  assert.deepEqual(read("Moscow has few allies who could help, and Russia's partners that might help are fewer."), []);
  assert.deepEqual(read('It is unclear whether the Russian army could sustain it; we cannot say how long the truce may last.'), []);
  // Still hedges: a pronoun subject, a clause after a comma, a that-clause after a verb of saying, a condition.
  assert.deepEqual(read('That could happen. This could escalate.'), ['could|hedge', 'could|hedge']);
  assert.deepEqual(read('Sanctions were imposed, which could lead to war.'), ['could|hedge']);
  assert.deepEqual(read('Officials say that could happen; the report says that may happen.'), ['could|hedge', 'may|hedge']);
  assert.deepEqual(read('The report warned that could happen; Russia has said that might happen.'), ['could|hedge', 'might|hedge']);
  assert.deepEqual(read('We assess if talks fail Russia could retaliate.'), ['could|hedge']);
  assert.deepEqual(read('Analysts know what may happen, and war may follow.'), ['may|hedge']);
  assert.deepEqual(read('The partner in Asia that could help is Japan.'), ['could|hedge']);
  // In quotation marks: the quoted writer's words, not the statement's; an unpaired mark, or a
  // quotation that is the whole text, is read as ever.
  assert.deepEqual(read('Talks stall. \u201cMay escalate,\u201d he said.'), []);
  assert.deepEqual(read('Experts call it "the only source China can conceivably maintain", and it may be.'), ['may|hedge']);
  assert.deepEqual(read('A "likely" deal; talks "may" fail; a 12" gun may fire.'), ['may|hedge']);
  assert.deepEqual(read('"Russia may intervene."'), ['may|hedge']);
  // An adjective term modifying a noun after a determiner qualifies that noun, not the statement.
  assert.deepEqual(read('The probable origin was a market.'), []);
  assert.deepEqual(read('He named a likely successor; the most likely scenario is a truce.'), []);
  assert.deepEqual(read('In the unlikely event of a strike, its almost certain collapse and their highly doubtful claims.'), []);
  assert.deepEqual(read('the least likely outcome; this probable cause'), []);
  // Not attributive: predicative, adverbial, a noun term, or "this/that" before "likely" (an adverb).
  assert.deepEqual(read('It is probable that talks fail; talks are likely to fail.'), ['probable|term|likely', 'likely|term|likely']);
  assert.deepEqual(read('This likely reflects a shift.'), ['likely|term|likely']);
  assert.deepEqual(read('There is a roughly even chance of a deal.'), ['roughly even chance|term|roughly even chance']);
  assert.deepEqual(read('a remote chance'), ['remote|term|almost no chance']);
  assert.deepEqual(read('a realistic possibility', 'phia'), ['realistic possibility|term|realistic possibility']);
  assert.deepEqual(read('It is the likely.'), ['likely|term|likely']);
  assert.deepEqual(read('The probable origin was a market; spread was almost certainly zoonotic.'), ['almost certainly|term|almost certain']);
});

test('findEstimativeWords: a denial with an article ("not a realistic possibility") or a "no" is read as denials are', () => {
  const read = (text: string, scale: ScaleName = 'icd203') =>
    findEstimativeWords(text, scale).map((w) => `${w.text}|${w.kind}${w.term ? `|${w.term.canonical}` : ''}`);
  // At or below even odds, denied: a hedge, under either scale.
  assert.deepEqual(read('A ceasefire is not a realistic possibility.', 'phia'), ['not a realistic possibility|hedge']);
  assert.deepEqual(read("A ceasefire isn't a realistic possibility.", 'phia'), ["n't a realistic possibility|hedge"]);
  assert.deepEqual(read('There is no realistic possibility of a deal.', 'phia'), ['no realistic possibility|hedge']);
  assert.deepEqual(read('Will they strike? Not a realistic possibility [@s].', 'phia'), ['Not a realistic possibility|hedge']);
  assert.deepEqual(read('There is not a remote chance of a deal.', 'phia'), ['not a remote chance|hedge']);
  assert.deepEqual(read('There is not a remote chance of a deal.'), ['not a remote chance|hedge']);
  assert.deepEqual(read('A deal is not an even chance.'), ['not an even chance|hedge']);
  assert.deepEqual(read('Not a remote chance.'), ['Not a remote chance|hedge']);
  // A denial ends at a citation as at a mark.
  assert.deepEqual(read('Will Russia intervene? Not likely [@s].'), ['Not likely|term|unlikely']);
  // Not a denial: the article's noun is graded by an adjective term; "no longer"; no copula.
  assert.deepEqual(read('A truce is not a likely outcome.'), []);
  assert.deepEqual(read('There is no likely successor.'), []);
  assert.deepEqual(read('A truce is no longer likely.'), ['likely|term|likely']);
  assert.deepEqual(read('a realistic possibility', 'phia'), ['realistic possibility|term|realistic possibility']);
});

test('hedgeReplacements: every rewording of a hedge reads back as the term it was offered for, on both scales', () => {
  const sentences: Record<string, string> = {
    could: 'The actor could return.',
    may: 'The actor may return.',
    might: 'The actor might return.',
    perhaps: 'Perhaps the actor returns.',
    'it is possible that': 'It is possible that the actor returns.',
  };
  for (const scale of ['icd203', 'phia'] as const) {
    for (const t of scaleTerms(scale)) {
      for (const [hedge, sentence] of Object.entries(sentences)) {
        const at = sentence.toLowerCase().indexOf(hedge);
        const said = sentence.slice(at, at + hedge.length);
        for (const text of hedgeReplacements(said, t)) {
          const reworded = sentence.slice(0, at) + text + sentence.slice(at + hedge.length);
          const words = findEstimativeWords(reworded, scale);
          assert.deepEqual(words.map((w) => w.term?.canonical), [t.canonical], `${scale}: ${reworded}`);
        }
      }
    }
  }
  // A modal takes "will" and each adverb the term has, "likely" and "very likely" included.
  const icd = (c: string) => scaleTerms('icd203').find((t) => t.canonical === c)!;
  assert.deepEqual(hedgeReplacements('could', icd('likely')), ['will probably', 'will likely']);
  assert.deepEqual(hedgeReplacements('could', icd('very likely')), ['will very likely']);
  assert.deepEqual(hedgeReplacements('could', icd('unlikely')), []);
  assert.deepEqual(hedgeReplacements('perhaps', icd('likely')), ['probably']);
  const highly = scaleTerms('phia').find((t) => t.canonical === 'highly likely')!;
  assert.deepEqual(hedgeReplacements('Might', highly), ['Will very likely']);
});

test('findEstimativeWords, findConfidencePhrases: a code span is literal text, not the analyst\'s words', () => {
  const read = (text: string) => findEstimativeWords(text, 'icd203').map((w) => w.text);
  const phrases = (text: string) => findConfidencePhrases(text).map((p) => p.text);
  // A flag, a term shown rather than used, a run of two backticks, a span across a line break.
  assert.deepEqual(read('The model flag `may escalate` is set.'), []);
  assert.deepEqual(read('The term `likely` is defined in ICD 203.'), []);
  assert.deepEqual(read('The term ``very likely`` names 80-95%; talks may fail.'), ['may']);
  assert.deepEqual(read('The field `almost\n    certain` is new.'), []);
  assert.deepEqual(read('We say `with high confidence` rarely; a deal is likely.'), ['likely']);
  assert.deepEqual(phrases('We say `with high confidence` rarely; a deal is likely.'), []);
  assert.deepEqual(phrases('We assess with high confidence that `likely` is a term.'), ['with high confidence']);
  // A backtick with no partner hides nothing; nor does an escaped one.
  assert.deepEqual(read('An unclosed ` so talks may fail.'), ['may']);
  assert.deepEqual(read('Not code: \\`likely` is read.'), ['likely']);
});

test('findEstimativeWords, findConfidencePhrases: a citation, an item link, an address or a link destination names something; its words are not read', () => {
  const read = (text: string) => findEstimativeWords(text, 'icd203').map((w) => w.text);
  const phrases = (text: string) => findConfidencePhrases(text).map((p) => p.text);
  // A source key, a prefix or locator, an item ID: the analyst's citation, not a hedge.
  assert.deepEqual(read('The agency cites [@may, p. 2] on storage.'), []);
  assert.deepEqual(read('Storage is ample [see @iea, the "likely" table; @may].'), []);
  assert.deepEqual(read('As argued in [[may-2024/KJ1]], prices may rise.'), ['may']);
  // Addresses, bare, as autolinks and as a Markdown link's destination; the link text is read.
  assert.deepEqual(read('See https://example.org/probably and <https://example.org/maybe/might>.'), []);
  assert.deepEqual(read('Turnout was probably high, says the [report](notes/may.md).'), ['probably']);
  assert.deepEqual(read('Mail analyst@may.example.org or www.example.org/likely; a deal is likely.'), ['likely']);
  assert.deepEqual(phrases('Prices will rise [@ecb, "high confidence" scenario].'), []);
  // Brackets that cite nothing are read as ever.
  assert.deepEqual(read('The minister [probably] said so; talks [could fail].'), ['probably', 'could']);
});

test('findEstimativeWords: "come what may", "be that as it may" and "as the case may be" hedge nothing', () => {
  const read = (text: string) => findEstimativeWords(text, 'icd203').map((w) => w.text);
  assert.deepEqual(read('Come what may, the ministry will publish the data.'), []);
  assert.deepEqual(read('Be that as it may, Moscow will keep the flows.'), []);
  assert.deepEqual(read('Prices will rise or fall, as the case may be; talks may fail.'), ['may']);
  assert.deepEqual(read('That may, as it happens, change.'), ['may']);
});

test('quotedSpans: a quotation mark in a code span opens and closes no quotation', () => {
  const quoted = (text: string) => (quotedSpans(text) ?? []).map((q) => text.slice(q.start, q.end));
  assert.deepEqual(quoted('Set `"` so a deal is likely, as "experts say".'), ['experts say']);
  assert.deepEqual(quoted('The flag `--name="x` and \u201cso\u201d, or ``a \u201d b``.'), ['so']);
  assert.deepEqual(quoted('Type `say "hi"` and go.'), []);
  // A code span within a quotation is the quoted writer's too; a lone backtick hides nothing.
  assert.deepEqual(quoted('He said "run `a"b` now" and left.'), ['run `a"b` now']);
  assert.deepEqual(quoted('A lone ` and "a quote" here.'), ['a quote']);
  // So the estimative words outside the quotation are read, and those in it are not.
  const read = (text: string) => findEstimativeWords(text, 'icd203').map((w) => w.text);
  assert.deepEqual(read('Set `"` so a deal is likely, as "experts probably say".'), ['likely']);
});

test('findEstimativeWords: a percentage stated as the chance of the statement is a term with that interval; any other percentage is not', () => {
  const cases: Array<[string, Found[]]> = [
    ['There is a 70% chance the talks fail.', [['70% chance', 'term', '70%']]],
    ['an estimated 60-75% probability of collapse', [['60-75% probability', 'term', '60-75%']]],
    ['a 60–75% probability', [['60–75% probability', 'term', '60-75%']]],
    ['a 60% to 75% chance', [['60% to 75% chance', 'term', '60-75%']]],
    ['The deal is 70 percent likely.', [['70 percent likely', 'term', '70%']]],
    ['a 70 per cent chance', [['70 per cent chance', 'term', '70%']]],
    ['a 70%-chance of rain', [['70%-chance', 'term', '70%']]],
    ['The probability is 70%.', [['probability is 70%', 'term', '70%']]],
    // Qualified: below, above, about.
    ['less than a 10% chance', [['less than a 10% chance', 'term', '0-10%']]],
    ['no more than a 10% chance', [['no more than a 10% chance', 'term', '0-10%']]],
    ['over 90% likely', [['over 90% likely', 'term', '90-100%']]],
    ['a roughly 70% chance', [['roughly 70% chance', 'term', '65-75%']]],
    // Denied: no probability stated.
    ['There is not a 70% chance of that.', [['not a 70% chance', 'hedge']]],
    ['It is not 70% likely.', [['not 70% likely', 'hedge']]],
    // Quantities, not probabilities.
    ['inflation of 70%', []],
    ['a 30% cut in spending', []],
    ['70% of voters back the deal', []],
    ['a 95% confidence interval', []],
    ['a probability of 70% of the vote', []],
    ['a 150% chance', []],
    ['1,070% chance', []],
    ['in 2024-25% chance', []],
    ['Experts say "a 70% chance" of it.', []],
    ['See `70% chance` in the log.', []],
  ];
  for (const [input, expected] of cases) assert.deepEqual(found(input, 'icd203'), expected, JSON.stringify(input));
  const [w] = findEstimativeWords('a 60-75% probability', 'phia');
  assert.deepEqual(w?.term?.interval, iv(0.6, 0.75));
  assert.equal(termMeaning(w!.term!), '60–75%');
  // With a term beside it, both are read, in order; the "likely" of "70% likely" is not read again.
  assert.deepEqual(found('Talks will likely fail: a 70% likely outcome.', 'icd203'), [['likely', 'term', 'likely'], ['70% likely', 'term', '70%']]);
});

test('findEstimativeWords: percentages are read in one pass over long runs of digits and marks', { timeout: 10_000 }, () => {
  const long = 1_000_000;
  for (const text of ['1234567890%'.repeat(long / 11), '1%'.repeat(long / 2), '9'.repeat(long) + '% chance', '1 - '.repeat(long / 4) + '1%', 'probability is ' + '1% '.repeat(long / 3), 'less than '.repeat(long / 10) + '5% chance']) {
    findEstimativeWords(text, 'icd203');
  }
  const many = 'a 70% likely outcome, '.repeat(long / 22);
  assert.equal(findEstimativeWords(many, 'icd203').length, Math.floor(long / 22));
});

test('findEstimativeWords: "more likely than not" is above one half, "in all likelihood" and "likeliest" are likely, on both scales', () => {
  for (const scale of ['icd203', 'phia'] as const) {
    assert.deepEqual(found('It is more likely than not that talks fail.', scale), [['more likely than not', 'term', '50-100%']]);
    assert.deepEqual(found('It is less likely than not.', scale), [['less likely than not', 'term', '0-50%']]);
    assert.deepEqual(found('It is as likely as not.', scale), [['as likely as not', 'term', '50%']]);
    assert.deepEqual(found('In all likelihood, talks fail.', scale), [['In all likelihood', 'term', 'likely']]);
    assert.deepEqual(found('Failure is likeliest; failure is most likely.', scale), [['likeliest', 'term', 'likely'], ['most likely', 'term', 'likely']]);
    // Before a noun, after a determiner, as "the most likely scenario": no estimate of the statement.
    assert.deepEqual(found('The likeliest outcome is a deal.', scale), []);
    assert.deepEqual(found('It is not more likely than not.', scale), [['not more likely than not', 'term', '0-50%']]);
  }
  assert.deepEqual(findEstimativeWords('more likely than not', 'icd203')[0]?.term?.interval, iv(0.5, 1));
  assert.deepEqual(findEstimativeWords('in all likelihood', 'phia')[0]?.term?.interval, iv(0.55, 0.75));
  // Not a value of `likelihood:`: only running text.
  assert.equal(lookupTerm('more likely than not', 'icd203'), undefined);
});

test('findEstimativeWords: "could" as past ability is no hedge; a could about the future or a condition still is', () => {
  const read = (text: string, asOf?: number) => findEstimativeWords(text, 'icd203', asOf).map((w) => `${w.text}|${w.kind}`);
  // A year before the assessment's date, opening the sentence or right after the could.
  assert.deepEqual(read('In 2022 Europe could still buy Russian gas.', 2024), []);
  assert.deepEqual(read('In early 2022, Europe could still buy Russian gas.', 2024), []);
  assert.deepEqual(read('Europe could buy gas cheaply until 2021.', 2024), []);
  // Past phrases need no date.
  assert.deepEqual(read('At the time, Kyiv could count on US aid.'), []);
  assert.deepEqual(read('In the past Europe could buy gas cheaply.'), []);
  assert.deepEqual(read('Two years ago Moscow could sell at a premium.'), []);
  // No date: a year is not known to be past. A year not before the date is not past.
  assert.deepEqual(read('In 2022 Europe could still buy Russian gas.'), ['could|hedge']);
  assert.deepEqual(read('In 2024 Europe could still buy Russian gas.', 2024), ['could|hedge']);
  assert.deepEqual(read('Russia could intervene in 2027.', 2024), ['could|hedge']);
  assert.deepEqual(read('Russia could intervene in 2027.'), ['could|hedge']);
  assert.deepEqual(read('In the past Europe could buy gas from 2027 on.'), ['could|hedge']);
  // The marker must be in the could's clause.
  assert.deepEqual(read('Europe bought gas in 2021 and Russia could cut it off.', 2024), ['could|hedge']);
  assert.deepEqual(read('Russia could intervene, as it did last year.'), ['could|hedge']);
  assert.deepEqual(read('In 2021, Europe bought gas, Russia could cut it off.', 2024), ['could|hedge']);
  // A word pointing ahead or to a condition, or a could of what may have been: a hedge.
  assert.deepEqual(read('In 2022 Europe could buy gas if it paid in roubles.', 2024), ['could|hedge']);
  assert.deepEqual(read('In the past Europe could buy gas, but it could lose access next year.'), ['could|hedge', 'could|hedge']);
  assert.deepEqual(read('In 2022 Russia could have sabotaged the pipeline.', 2024), ['could|hedge']);
  assert.deepEqual(read('At the time, the blast could be sabotage.'), ['could|hedge']);
  // Only could: "may" and "might" are not past tenses.
  assert.deepEqual(read('In 2022 Russia might intervene.', 2024), ['might|hedge']);
});

test('findEstimativeWords: in a Title Case statement (a heading pasted in) the capitals say nothing of names', () => {
  assert.deepEqual(found('Russia Will Probably Avoid Direct Involvement.').map(([w]) => w), ['Probably']);
  assert.deepEqual(found('Russia May Intervene In A Crisis Over Taiwan.').map(([w]) => w), ['May']);
  assert.deepEqual(found('Russia May, If Pressed, Intervene Over Taiwan.').map(([w]) => w), ['May']);
  assert.deepEqual(found('Beijing Is Likely To Hold Talks With Washington.').map(([w]) => w), ['Likely']);
  // The month, after a preposition of time or before a number, in Title Case too.
  assert.deepEqual(found('Talks Will Resume In May With Both Delegations.'), []);
  assert.deepEqual(found('Prices Stabilised By May 2025 Across Europe.'), []);
  // Prose with a name is not Title Case: the name stays a name.
  assert.deepEqual(found('Gazprom held talks with Possibly Energy Ltd and Might Holdings.'), []);
});

test('findEstimativeWords: a hedge or term capitalised mid-sentence before another capitalised word is a name', () => {
  assert.deepEqual(found('The firm held talks with Possibly Energy Ltd and Might Holdings.'), []);
  assert.deepEqual(found('Shares in Likely Story Films rose.'), []);
  // Opening a sentence or clause, the capital is the sentence's.
  assert.deepEqual(found('Possibly Russia, possibly China.'), [['Possibly', 'hedge'], ['possibly', 'hedge']]);
  assert.deepEqual(found('Talks stalled. Perhaps Moscow balked.'), [['Perhaps', 'hedge']]);
  assert.deepEqual(found('The answer: Possibly Russia.'), [['Possibly', 'hedge']]);
  // A lowercase word after it: no name.
  assert.deepEqual(found('The firm Possibly will sign.'), [['Possibly', 'hedge']]);
});

test('findEstimativeWords: a term in a belief that is denied (nobody thinks, few believe) is not the statement\'s', () => {
  assert.deepEqual(found('Nobody thinks a cut-off is likely.'), []);
  assert.deepEqual(found('No one expects talks to be likely to resume.'), []);
  assert.deepEqual(found('Few analysts believe a deal is probable.'), []);
  assert.deepEqual(found('Hardly anyone thinks talks could resume.'), []);
  // The analyst's own clause after it is read.
  assert.deepEqual(found('No one expects a deal; a cut-off is likely.'), [['likely', 'term', 'likely']]);
  assert.deepEqual(found('Nobody thinks a cut-off is likely, but we assess it is likely.'), [['likely', 'term', 'likely']]);
  // No denying subject: the term is read.
  assert.deepEqual(found('Analysts think a cut-off is likely.'), [['likely', 'term', 'likely']]);
});

test('findEstimativeWords: a comparative ("more likely than", "less probable") is not the term', () => {
  assert.deepEqual(found('A cut-off is more likely than a price cap.'), []);
  assert.deepEqual(found('A cut-off is less likely than before.'), []);
  assert.deepEqual(found('A cut-off is far more probable now.'), []);
  assert.deepEqual(found('A cut-off is likelier than a cap.'), []);
  assert.deepEqual(found('It is more likely than not.'), [['more likely than not', 'term', '50-100%']]);
  assert.deepEqual(found('It is most likely.'), [['most likely', 'term', 'likely']]);
});

test('findConfidencePhrases: a level that grades a noun ("low-confidence reports") is not the analyst\'s confidence', () => {
  const phrases = (text: string) => findConfidencePhrases(text).map((p) => p.text);
  assert.deepEqual(phrases('Low-confidence reports say so.'), []);
  assert.deepEqual(phrases('High-confidence intelligence shows a buildup.'), []);
  assert.deepEqual(phrases('Low confidence reporting suggests a buildup.'), []);
  assert.deepEqual(phrases('We have low-confidence reports of it.'), []);
  // The analyst's: with a function word after, opened by "with", held ("we have"), or grading their own judgment.
  assert.deepEqual(phrases('We have high confidence that it is so.'), ['high confidence']);
  assert.deepEqual(phrases('We assess with high confidence Russia will act.'), ['with high confidence']);
  assert.deepEqual(phrases('It holds, with moderate confidence.'), ['with moderate confidence']);
  assert.deepEqual(phrases('We have high confidence sanctions will fail.'), ['high confidence']);
  assert.deepEqual(phrases('We hold low confidence in this.'), ['low confidence']);
  assert.deepEqual(phrases('This is a high-confidence judgment.'), ['high-confidence']);
  assert.deepEqual(phrases('Confidence: moderate confidence overall.'), ['moderate confidence']);
});

test('findEstimativeWords: "may not" as permission (without a licence, by law) is no hedge; a possibility still is', () => {
  assert.deepEqual(found('Operators may not export without a licence.'), []);
  assert.deepEqual(found('By law, firms may only sell to licensed buyers.'), []);
  assert.deepEqual(found('Under EU rules, operators may not export dual-use goods without an export licence.'), []);
  assert.deepEqual(found('Russia may not export gas, and Europe may not buy without a licence.'), [['may', 'hedge']]);
  // Nothing that makes a rule plain, or "may not be", "may not have": a possibility.
  assert.deepEqual(found('Russia may not survive without Chinese support.'), [['may', 'hedge']]);
  assert.deepEqual(found('Under sanctions, Russia may not be able to export.'), [['may', 'hedge']]);
  assert.deepEqual(found('Operators may not export without approval.'), [['may', 'hedge']]);
  assert.deepEqual(found('Russia may not intervene.'), [['may', 'hedge']]);
});
