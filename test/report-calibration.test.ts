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
  resolved: false 2024-02-30

judgment J3: Three.
  likelihood: likely
  resolved: yes

judgment J4: Four, resolved in capitals, which Kent reads as any case.
  likelihood: 60-75%
  resolved: TRUE 2025-01
`);
  const { forecasts, skipped } = collectForecasts(ws);
  assert.deepEqual(forecasts.map((x) => [x.id, x.term, x.date, x.outcome]), [['J1', '60–75%', undefined, true], ['J2', '60–75%', undefined, false], ['J4', '60–75%', '2025-01', true]]);
  assert.deepEqual(binByTerm(forecasts).map((b) => [b.term, b.count]), [['60–75%', 3]]);
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
  assert.match(text, /likely\s+55–80%\s+67\.5%\s+100% \(2\/2\)\s+2/);
  // The judgments left out stand under a heading of their own, after the scored ones, not among them.
  assert.match(text, /Resolved judgments:\n(  \S+\/\S+: .*\n)+\nNot scored \(1 resolved, left out\):\n  a\.kent J4: no likelihood \(stated as fact\)\n$/);
});

test('per author: an author list separated by `;` counts each judgment for each author, in whatever order they are named', () => {
  // a: J1 (0.325)², J2 (0.1)², J3 (0.325)²; b: K1 (0.675)².
  const { ws } = loadFixture(WORKSPACE.replace('author: Team A', 'author: Rinaldi, M.; Tanaka, A.').replace('author: Team B', 'author: Tanaka, A. ;Rinaldi, M.; Tanaka, A.'));
  const r = calibrationReport(ws);
  assert.deepEqual(
    r.byAuthor.map((s) => [s.name, s.count]),
    [
      ['Rinaldi, M.', 4],
      ['Tanaka, A.', 4],
    ],
  );
  close(r.byAuthor[0].brier, (0.325 ** 2 + 0.01 + 0.325 ** 2 + 0.675 ** 2) / 4);
  assert.match(formatCalibrationText(r), /^Rinaldi, M\.\s+4\s+0\.\d{3}\n.*\n\(a judgment whose assessment names several authors, separated by `;`, counts for each\)$/m);
  // One author each: no note, and an assessment without an author is grouped as such.
  const plain = calibrationReport(loadFixture(WORKSPACE.replace('  author: Team A\n', '')).ws);
  assert.deepEqual(plain.byAuthor.map((s) => [s.name, s.count]), [['(no author)', 3], ['Team B', 1]]);
  assert.doesNotMatch(formatCalibrationText(plain), /counts for each/);
});

test('a stated interval is written as Kent writes ranges, one percent sign, as the term column writes a percentage', () => {
  const { ws } = loadFixture('assessment a: A\n\njudgment J1: One.\n  likelihood: 60-75%\n  resolved: true\n\njudgment J2: Two.\n  likelihood: likely\n  resolved: false\n');
  const r = calibrationReport(ws);
  const text = formatCalibrationText(r);
  assert.match(text, /^likely\s+55–80%\s+67\.5%/m);
  assert.match(text, /^60–75%\s+60–75%\s+67\.5%/m);
  assert.doesNotMatch(text, /\d%–\d/);
  const svg = calibrationSvg(r);
  assert.match(svg, /60–75%: stated 60–75%, observed/);
  assert.doesNotMatch(svg, /\d%–\d/);
});

test('a judgment resolved before its assessment was dated is skipped: made after the outcome, it forecast nothing', () => {
  const { ws } = loadFixture(WORKSPACE.replace('author: Team A', 'author: Team A\n  date: 2024-02'));
  const { forecasts, skipped } = collectForecasts(ws);
  assert.deepEqual(forecasts.map((x) => x.id), ['J2', 'J3', 'K1']);
  assert.deepEqual(skipped[0], { path: 'a.kent', id: 'J1', reason: "it was resolved (2024-01) before the assessment's date (2024-02): a judgment made after the outcome is no forecast" });
  // Within the same month (or a coarser date) it is not before.
  assert.deepEqual(collectForecasts(loadFixture(WORKSPACE.replace('author: Team A', 'author: Team A\n  date: 2024')).ws).forecasts.map((x) => x.id), ['J1', 'J2', 'J3', 'K1']);
});

test('a resolved judgment whose likelihood is not understood is skipped, naming it as written, not as none', () => {
  const { ws } = loadFixture('assessment a: A\n\njudgment J1: One.\n  likelihood: 120%\n  resolved: true\n\njudgment J2: It will likely rain.\n  likelihood: fairly likely\n  resolved: false\n\njudgment J3: It will likely snow.\n  likelihood: 70\n  resolved: false\n');
  const { forecasts, skipped } = collectForecasts(ws);
  assert.deepEqual(forecasts, []);
  assert.deepEqual(
    skipped.map((s) => `${s.id}: ${s.reason}`),
    ['J1: its likelihood `120%` is not understood (a term of the ICD 203 scale or a percentage from 0% to 100%)', 'J2: its likelihood `fairly likely` is not understood (a term of the ICD 203 scale or a percentage from 0% to 100%)', 'J3: its likelihood `70` is not understood (a term of the ICD 203 scale or a percentage from 0% to 100%)'],
  );
});

test('no resolved judgments: a clear message, an empty plot', () => {
  const { ws } = loadFixture('assessment a: A\n\njudgment J: X.\n  likelihood: likely\n  because: @s\n\nsource s: S\n');
  const r = calibrationReport(ws);
  assert.equal(r.count, 0);
  assert.equal(r.brier, undefined);
  assert.match(formatCalibrationText(r), /No resolved judgments/);
  assert.match(calibrationSvg(r), /no resolved judgments yet/);
});

test('resolved judgments none of which can be scored: not said to be none, and each listed with why', () => {
  const { ws } = loadFixture('assessment a: A\n\njudgment J1: X.\n  likelihood: fairly likely\n  resolved: true\n\njudgment J2: Y.\n  likelihood: likely\n  resolved: yes\n');
  const text = formatCalibrationText(calibrationReport(ws));
  assert.doesNotMatch(text, /No resolved judgments/);
  assert.match(text, /^No resolved judgment could be scored/);
  assert.match(text, /Not scored \(2 resolved, left out\):\n  a\.kent J1: its likelihood `fairly likely` is not understood.*\n  a\.kent J2: its `resolved:` value does not parse/);
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

/**
 * The label boxes of a calibration plot, as a browser would draw them: each `<text>` of a
 * `kent-bin` group at its baseline, 10px above and 3px below it at font size 11 (DejaVu Sans),
 * 6.7px a character (the widest of its digits, 0.64em, drawn 7px; lowercase 5–7px), on the side its
 * text-anchor says. Measured in Chromium, independent of the plot's own reckoning.
 */
function labelBoxes(svg: string) {
  const leaders = new Set([...svg.matchAll(/<line class="kent-leader" data-bin="(\d+)"/g)].map((m) => Number(m[1])));
  return [...svg.matchAll(/<g class="kent-bin">[\s\S]*?<circle cx="([\d.]+)" cy="([\d.]+)" r="([\d.]+)"[^>]*>[\s\S]*?<text x="([\d.]+)" y="([\d.]+)"( text-anchor="end")?[^>]*>([^<]*)<\/text>/g)].map((m, i) => {
    const [cx, cy, r] = m.slice(1, 4).map(Number);
    const [x, y] = m.slice(4, 6).map(Number);
    const width = m[7].replace(/&[^;]+;/g, '_').length * 6.7;
    const x0 = m[6] ? x - width : x;
    return { text: m[7], cx, cy, r, leader: leaders.has(i), x0, x1: x0 + width, y0: y - 10, y1: y + 3 };
  });
}

function assertNoOverlap(svg: string, count: number) {
  const boxes = labelBoxes(svg);
  assert.equal(boxes.length, count, 'one label per point');
  for (let i = 0; i < boxes.length; i++)
    for (let j = i + 1; j < boxes.length; j++) {
      const a = boxes[i];
      const b = boxes[j];
      assert.ok(!(a.x0 < b.x1 && b.x0 < a.x1 && a.y0 < b.y1 && b.y0 < a.y1), `labels overlap: "${a.text}" [${a.x0.toFixed(1)}–${a.x1.toFixed(1)} × ${a.y0}–${a.y1}] and "${b.text}" [${b.x0.toFixed(1)}–${b.x1.toFixed(1)} × ${b.y0}–${b.y1}]`);
    }
  // Each label stays inside the drawing, and one moved off its point is joined to it by a leader line.
  for (const b of boxes) assert.ok(b.x0 >= 0 && b.x1 <= 520 && b.y0 >= 0 && b.y1 <= 470, `"${b.text}" inside the plot`);
  // (The gap between the label's glyphs and the circle's height: a label just above or below a point on an edge is beside it.)
  for (const b of boxes) {
    const gap = Math.max(b.y0 - (b.cy + b.r), b.cy - b.r - b.y1);
    if (gap > 4) assert.ok(b.leader, `"${b.text}" is ${gap.toFixed(1)}px off its point: a leader line joins them`);
    if (gap < 3) assert.ok(!b.leader, `"${b.text}" is beside its point: no leader line`);
  }
  assert.equal((svg.match(/class="kent-leader"/g) ?? []).length, boxes.filter((b) => b.leader).length);
}

const plotOf = (forecasts: Forecast[]) => ({ count: forecasts.length, brier: brierScore(forecasts), byAssessment: [], byAuthor: [], bins: binByTerm(forecasts), forecasts, skipped: [] });

test('calibration plot: labels of nearby points do not overlap', () => {
  // likely (67.5%), 60–75% (67.5%), 70% and 65%, all came true: four points at one spot.
  const close = [f('likely', 0.55, 0.8, true, 'a'), f('60–75%', 0.6, 0.75, true, 'b'), f('70%', 0.7, 0.7, true, 'c'), f('65%', 0.65, 0.65, true, 'd'), f('likely', 0.55, 0.8, true, 'e')];
  const svg = calibrationSvg(plotOf(close));
  assertNoOverlap(svg, 4);
  assert.ok(svg.includes('class="kent-leader"'), 'four labels at one spot: some moved, with a leader line');
  // Two points a few pixels apart in the middle of the plot, and two near the right edge.
  const middle = [f('unlikely', 0.2, 0.45, true, 'a'), f('unlikely', 0.2, 0.45, false, 'b'), f('35%', 0.35, 0.35, true, 'c'), f('35%', 0.35, 0.35, false, 'd'), f('almost certain', 0.95, 0.99, true, 'e'), f('96%', 0.96, 0.96, true, 'f'), f('97%', 0.97, 0.97, false, 'g')];
  assertNoOverlap(calibrationSvg(plotOf(middle)), 5);
});

test('calibration plot: the leader lines lie beneath every label, so none strikes through another label\'s text', () => {
  // A forecast series whose very likely and almost certain both came true: crowded at the top
  // right, the almost certain label sits below the very likely one, its leader line across it.
  const series = [f('30%', 0.3, 0.3, true), f('unlikely', 0.2, 0.45, false), f('roughly even chance', 0.45, 0.55, false), f('60–75%', 0.6, 0.75, false), f('likely', 0.55, 0.8, true), f('very likely', 0.8, 0.95, true), f('almost certain', 0.95, 0.99, true)];
  const svg = calibrationSvg(plotOf(series));
  assertNoOverlap(svg, 7);
  const firstLabel = svg.search(/<text[^>]*fill="#0d47a1"[^>]*paint-order="stroke"/);
  const leaders = [...svg.matchAll(/class="kent-leader"/g)].map((m) => m.index!);
  assert.ok(leaders.length > 0, 'crowded labels: some moved, with a leader line');
  for (const at of leaders) assert.ok(at < firstLabel, 'a leader line is drawn before the first label (the labels\' halos cover it)');
});

test('calibration plot: a term of many judgments gets a point of bounded size, its count in its label', () => {
  const many = Array.from({ length: 1500 }, (_, i) => f('likely', 0.55, 0.8, i % 3 > 0, `m${i}`));
  const svg = calibrationSvg(plotOf([...many, f('very likely', 0.8, 0.95, true), f('unlikely', 0.2, 0.45, false)]));
  const radii = [...svg.matchAll(/<g class="kent-bin">[\s\S]*?<circle [^>]*r="([\d.]+)"/g)].map((m) => Number(m[1]));
  assert.equal(radii.length, 3);
  for (const r of radii) assert.ok(r <= 16, `radius ${r}`);
  assert.ok(radii[1] > radii[0], 'more judgments, a larger point');
  assert.match(svg, />likely \(n=1500\)</);
});

test('calibration plot: labels never overlap, for random sets of terms', () => {
  let seed = 7;
  const random = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
  for (let round = 0; round < 200; round++) {
    const forecasts: Forecast[] = [];
    const terms = 1 + Math.floor(random() * 10);
    for (let t = 0; t < terms; t++) {
      // Percentages bunched in one region, so that points crowd.
      const p = Math.round((0.5 + random() * 0.3) * 100) / 100;
      const n = 1 + Math.floor(random() * 4);
      for (let k = 0; k < n; k++) forecasts.push(f(`${Math.round(p * 100)}%`, p, p, random() < 0.7, `t${t}-${k}`));
    }
    const bins = binByTerm(forecasts).length;
    assertNoOverlap(calibrationSvg(plotOf(forecasts)), bins);
  }
});

/**
 * The "perfect calibration" caption as a browser draws it: the text's box (6.7px a character, 10px
 * above the baseline and 3px below, as the labels') turned by its `rotate(a cx cy)`, as 4 corners.
 */
function captionCorners(svg: string): Array<[number, number]> {
  const m = /<text x="([\d.]+)" y="([\d.]+)"[^>]*transform="rotate\((-?[\d.]+) ([\d.]+) ([\d.]+)\)"[^>]*>perfect calibration<\/text>/.exec(svg);
  assert.ok(m, 'the diagonal has its caption');
  const [x, y, angle, cx, cy] = m.slice(1, 6).map(Number);
  const a = (angle * Math.PI) / 180;
  const turn = ([px, py]: [number, number]): [number, number] => [cx + (px - cx) * Math.cos(a) - (py - cy) * Math.sin(a), cy + (px - cx) * Math.sin(a) + (py - cy) * Math.cos(a)];
  const w = 'perfect calibration'.length * 6.7;
  return ([[x, y - 10], [x + w, y - 10], [x + w, y + 3], [x, y + 3]] as Array<[number, number]>).map(turn);
}

/** Whether two convex polygons overlap (separating axes: the normals of both polygons' edges). */
function polygonsOverlap(p: Array<[number, number]>, q: Array<[number, number]>): boolean {
  for (const poly of [p, q]) {
    for (let i = 0; i < poly.length; i++) {
      const [x0, y0] = poly[i];
      const [x1, y1] = poly[(i + 1) % poly.length];
      const axis = [y0 - y1, x1 - x0];
      const project = (r: Array<[number, number]>) => r.map(([x, y]) => x * axis[0] + y * axis[1]);
      const a = project(p);
      const b = project(q);
      if (Math.max(...a) <= Math.min(...b) || Math.max(...b) <= Math.min(...a)) return false;
    }
  }
  return true;
}

function assertCaptionClear(svg: string) {
  const caption = captionCorners(svg);
  // Inside the plot's square (left 64, top 44, 360 wide).
  for (const [x, y] of caption) assert.ok(x >= 64 && x <= 424 && y >= 44 && y <= 404, `caption corner (${x.toFixed(1)}, ${y.toFixed(1)}) inside the plot`);
  for (const b of labelBoxes(svg)) {
    const box: Array<[number, number]> = [[b.x0, b.y0], [b.x1, b.y0], [b.x1, b.y1], [b.x0, b.y1]];
    assert.ok(!polygonsOverlap(caption, box), `label "${b.text}" [${b.x0.toFixed(1)}–${b.x1.toFixed(1)} × ${b.y0}–${b.y1}] overlaps the caption ${JSON.stringify(caption.map(([x, y]) => [Math.round(x), Math.round(y)]))}`);
    // Nor on a point: the circle's square.
    const dot: Array<[number, number]> = [[b.cx - b.r, b.cy - b.r], [b.cx + b.r, b.cy - b.r], [b.cx + b.r, b.cy + b.r], [b.cx - b.r, b.cy + b.r]];
    assert.ok(!polygonsOverlap(caption, dot), `the caption sits on the point of "${b.text}"`);
  }
}

test('calibration plot: no label on the "perfect calibration" caption, and the caption on no point', () => {
  // 65%, came true: its label, beside it at the top of the plot, ran into the caption.
  assertCaptionClear(calibrationSvg(plotOf([f('65%', 0.65, 0.65, true, 'a')])));
  // Points along and near the diagonal where the caption was drawn.
  const along = [f('very likely', 0.8, 0.95, true, 'a'), f('very likely', 0.8, 0.95, true, 'b'), f('80%', 0.8, 0.8, true, 'c'), f('80%', 0.8, 0.8, true, 'd'), f('80%', 0.8, 0.8, true, 'e'), f('80%', 0.8, 0.8, false, 'g')];
  assertCaptionClear(calibrationSvg(plotOf(along)));
  let seed = 11;
  const random = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
  for (let round = 0; round < 300; round++) {
    const forecasts: Forecast[] = [];
    const terms = 1 + Math.floor(random() * 8);
    for (let t = 0; t < terms; t++) {
      const p = Math.round(random() * 100) / 100;
      const n = 1 + Math.floor(random() * 5);
      for (let k = 0; k < n; k++) forecasts.push(f(`${Math.round(p * 100)}%`, p, p, random() < p + 0.15, `t${t}-${k}`));
    }
    const svg = calibrationSvg(plotOf(forecasts));
    assertCaptionClear(svg);
    assertNoOverlap(svg, binByTerm(forecasts).length);
  }
});

test('calibration plot: a label near the left edge stays right of the axis, not over its percentages', () => {
  // 1%, 2% and 3%, a third to a half came true: the 1% label went left of its point, over "30%" and past the drawing.
  const low = [f('1%', 0.01, 0.01, true, 'a'), f('1%', 0.01, 0.01, false, 'b'), f('1%', 0.01, 0.01, false, 'c'), f('2%', 0.02, 0.02, true, 'd'), f('2%', 0.02, 0.02, false, 'e'), f('3%', 0.03, 0.03, true, 'g'), f('3%', 0.03, 0.03, false, 'h'), f('3%', 0.03, 0.03, false, 'i')];
  const svg = calibrationSvg(plotOf(low));
  assertNoOverlap(svg, 3);
  for (const b of labelBoxes(svg)) assert.ok(b.x0 >= 64, `"${b.text}" starts at ${b.x0.toFixed(1)}, left of the plot`);
});
