// Calibration (server/src/core/report/calibration.ts): the Brier score and the binning by
// likelihood term on hand-computed cases, the collection of resolved judgments from a workspace,
// the text table and the SVG plot.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { binByTerm, brierScore, calibrationReport, calibrationSvg, collectForecasts, formatCalibrationText, type Forecast } from '../server/src/core/report/calibration';
import { loadFixture } from './harness';

const close = (actual: number | undefined, expected: number, msg?: string) => assert.ok(actual !== undefined && Math.abs(actual - expected) < 1e-12, `${msg ?? ''} expected ${expected}, got ${actual}`);

test('Brier score: hand-computed cases', () => {
  assert.equal(brierScore([]), undefined);
  close(brierScore([{ p: 1, outcome: true }]), 0);
  close(brierScore([{ p: 0, outcome: true }]), 1);
  close(brierScore([{ p: 0.5, outcome: true }, { p: 0.5, outcome: false }]), 0.25);
  // (0.675-0)² = 0.455625 ; (0.325-1)² = 0.455625 ; (0.325-0)² = 0.105625 → mean 1.016875/3
  close(brierScore([{ p: 0.675, outcome: false }, { p: 0.325, outcome: true }, { p: 0.325, outcome: false }]), 1.016875 / 3);
  // 0.9 true: 0.01 ; 0.2 false: 0.04 ; 0.7 false: 0.49 → 0.54 / 3 = 0.18
  close(brierScore([{ p: 0.9, outcome: true }, { p: 0.2, outcome: false }, { p: 0.7, outcome: false }]), 0.18);
});

const f = (term: string, lo: number, hi: number, outcome: boolean, id = term): Forecast => ({ path: 'a.kent', id, span: { start: 0, end: 0 }, statement: '', term, interval: { lo, hi }, p: (lo + hi) / 2, outcome });

test('binning by term: counts, observed frequency and per-bin Brier, ordered by midpoint', () => {
  const bins = binByTerm([f('likely', 0.55, 0.8, true, 'a'), f('unlikely', 0.2, 0.45, false, 'b'), f('likely', 0.55, 0.8, false, 'c'), f('likely', 0.55, 0.8, true, 'd'), f('70%', 0.7, 0.7, true, 'e')]);
  assert.deepEqual(
    bins.map((b) => [b.term, b.count, b.happened]),
    [
      ['unlikely', 1, 0],
      ['likely', 3, 2],
      ['70%', 1, 1],
    ],
  );
  const likely = bins[1];
  close(likely.midpoint, 0.675);
  close(likely.observed, 2 / 3);
  // (0.325)² + (0.675)² + (0.325)² = 0.105625*2 + 0.455625 = 0.666875 → /3
  close(likely.brier, 0.666875 / 3);
  close(bins[0].brier, 0.325 ** 2);
  close(bins[2].brier, 0.3 ** 2);
});

const WORKSPACE = `
//- /a.kent
assessment a: Alpha
  author: Team A

judgment J1: Rain tomorrow.
  likelihood: probably
  confidence: low
  because: @s
  resolved: true 2024-01

judgment J2: Snow tomorrow.
  likelihood: 10%
  because: @s
  resolved: false

judgment J3: Hail is likely tomorrow.
  because: @s
  resolved: true

judgment J4: Sun tomorrow.
  because: @s
  resolved: false

judgment J5: Fog tomorrow.
  likelihood: likely
  because: @s

source s: Forecast office
  reliability: B
//- /b.kent
assessment b: Beta
  author: Team B

judgment K1: Wind tomorrow.
  likelihood: unlikely
  because: @t
  resolved: true

source t: Weather service
  reliability: C
`;

test('collecting forecasts: declared terms and synonyms, percentages, terms in the statement; facts are skipped', () => {
  const { ws } = loadFixture(WORKSPACE);
  const { forecasts, skipped } = collectForecasts(ws);
  assert.deepEqual(
    forecasts.map((x) => [x.assessment, x.id, x.term, x.p, x.outcome, x.author]),
    [
      ['a', 'J1', 'likely', 0.675, true, 'Team A'],
      ['a', 'J2', '10%', 0.1, false, 'Team A'],
      ['a', 'J3', 'likely', 0.675, true, 'Team A'],
      ['b', 'K1', 'unlikely', 0.325, true, 'Team B'],
    ],
  );
  assert.equal(forecasts[0].date, '2024-01');
  assert.deepEqual(skipped, [{ path: 'a.kent', id: 'J4', reason: 'no likelihood (stated as fact)' }]);
});

test('collecting forecasts: one range however typed is one term; an invalid date is dropped; an unparsed `resolved:` is said to be skipped', () => {
  const { ws } = loadFixture(`assessment a: A

judgment J1: One.
  likelihood: 60-75%
  resolved: true 2025-13

judgment J2: Two.
  likelihood: 60 – 75 %
  resolved: false

judgment J3: Three.
  likelihood: likely
  resolved: TRUE
`);
  const { forecasts, skipped } = collectForecasts(ws);
  assert.deepEqual(forecasts.map((x) => [x.id, x.term, x.date]), [['J1', '60–75%', undefined], ['J2', '60–75%', undefined]]);
  assert.deepEqual(binByTerm(forecasts).map((b) => [b.term, b.count]), [['60–75%', 2]]);
  assert.deepEqual(skipped, [{ path: 'a.kent', id: 'J3', reason: 'its `resolved:` value does not parse (true or false, then a date)' }]);
});

test('calibration report: overall, per assessment, per author, by term', () => {
  const { ws } = loadFixture(WORKSPACE);
  const r = calibrationReport(ws);
  assert.equal(r.count, 4);
  // J1 (0.325)², J2 (0.1)², J3 (0.325)², K1 (0.675)²
  const a = (0.325 ** 2 + 0.1 ** 2 + 0.325 ** 2) / 3;
  close(r.brier, (0.325 ** 2 + 0.01 + 0.325 ** 2 + 0.675 ** 2) / 4);
  assert.deepEqual(
    r.byAssessment.map((s) => [s.name, s.count]),
    [
      ['a', 3],
      ['b', 1],
    ],
  );
  close(r.byAssessment[0].brier, a);
  close(r.byAssessment[1].brier, 0.675 ** 2);
  assert.deepEqual(
    r.byAuthor.map((s) => s.name),
    ['Team A', 'Team B'],
  );
  assert.deepEqual(
    r.bins.map((b) => [b.term, b.count, b.happened]),
    [
      ['10%', 1, 0],
      ['unlikely', 1, 1],
      ['likely', 2, 2],
    ],
  );
  const text = formatCalibrationText(r);
  assert.match(text, /^Brier score: 0\.\d{3} over 4 resolved judgments/);
  assert.match(text, /likely\s+55%–80%\s+67\.5%\s+100% \(2\/2\)\s+2/);
  assert.match(text, /skipped a\.kent J4: no likelihood/);
});

test('no resolved judgments: a clear message, an empty plot', () => {
  const { ws } = loadFixture('assessment a: A\n\njudgment J: X.\n  likelihood: likely\n  because: @s\n\nsource s: S\n');
  const r = calibrationReport(ws);
  assert.equal(r.count, 0);
  assert.equal(r.brier, undefined);
  assert.match(formatCalibrationText(r), /No resolved judgments/);
  assert.match(calibrationSvg(r), /no resolved judgments yet/);
});

test('calibration plot: the diagonal, one point per term, one tick per judgment; escaped, no script', () => {
  const { ws } = loadFixture(WORKSPACE.replace('Alpha', 'Alpha <script>alert(1)</script>').replace('Team A', 'Team "A" & <b>'));
  const r = calibrationReport(ws);
  const svg = calibrationSvg(r, { standalone: true });
  assert.match(svg, /^<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg"/);
  assert.equal((svg.match(/<g class="kent-bin">/g) ?? []).length, r.bins.length);
  assert.equal((svg.match(/<circle /g) ?? []).length, r.bins.length);
  assert.match(svg, /perfect calibration/);
  assert.doesNotMatch(svg, /<script|href=|src=/i);
  assert.equal((svg.match(/→ (true|false)<\/title><\/line>/g) ?? []).length, r.count);
});
