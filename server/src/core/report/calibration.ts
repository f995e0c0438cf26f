// Calibration of resolved judgments (`resolved: true|false`) across the workspace. The forecast
// probability of a judgment is the midpoint of its likelihood interval ("likely", 55–80%, is
// 0.675); the Brier score is the mean of (forecast − outcome)², outcome 1 when the statement came
// true and 0 when it did not: 0 is perfect, and always saying 50% scores 0.25. Judgments are
// grouped by the likelihood term they used, to set each term's stated interval beside how often
// statements so worded came true. Pure: the text table and the SVG plot are built here too.
import { isValidDate } from '../attributes';
import { estimateOf, resolvedBeforeWritten } from '../estimate';
import { formatInterval, lookupTerm, scaleName, type Interval, type ScaleName } from '../estimative';
import type { KentDocument } from '../model';
import type { Span } from '../types';
import type { LocatedItem, Workspace } from '../workspace';
import { reportEstimate, unreadValues } from './common';
import { escapeXml, flat, num } from './escape';
import { mermaidText } from './mermaid';
import { FONT } from './svg';

export interface Forecast {
  /** The document: workspace path, assessment ID and author. */
  path: string;
  assessment?: string;
  author?: string;
  id: string;
  span: Span;
  statement: string;
  /** The likelihood as grouped: a canonical term ("likely" for "probably") or a percentage ("70%"). */
  term: string;
  interval: Interval;
  /** The forecast probability: the interval's midpoint. */
  p: number;
  outcome: boolean;
  date?: string;
}

/** A resolved judgment left out of the scores, and why. */
export interface Skipped {
  path: string;
  id: string;
  reason: string;
}

export interface Score {
  name: string;
  count: number;
  brier: number;
}

export interface TermBin {
  term: string;
  interval: Interval;
  midpoint: number;
  count: number;
  /** How many came true. */
  happened: number;
  /** happened / count. */
  observed: number;
  brier: number;
}

export interface CalibrationReport {
  count: number;
  /** Undefined when nothing is resolved. */
  brier?: number;
  byAssessment: Score[];
  byAuthor: Score[];
  bins: TermBin[];
  forecasts: Forecast[];
  skipped: Skipped[];
}

/** Mean squared difference between forecast probability and outcome (1 true, 0 false). */
export function brierScore(forecasts: ReadonlyArray<{ p: number; outcome: boolean }>): number | undefined {
  if (forecasts.length === 0) return undefined;
  let sum = 0;
  for (const f of forecasts) sum += (f.p - (f.outcome ? 1 : 0)) ** 2;
  return sum / forecasts.length;
}

/** Forecasts grouped by likelihood term, in order of the term's midpoint. */
export function binByTerm(forecasts: readonly Forecast[]): TermBin[] {
  const groups = new Map<string, Forecast[]>();
  for (const f of forecasts) {
    const key = `${f.term}\u0000${f.interval.lo}\u0000${f.interval.hi}`;
    const list = groups.get(key);
    if (list) list.push(f);
    else groups.set(key, [f]);
  }
  const bins: TermBin[] = [];
  for (const list of groups.values()) {
    const happened = list.filter((f) => f.outcome).length;
    const { term, interval } = list[0];
    bins.push({ term, interval, midpoint: (interval.lo + interval.hi) / 2, count: list.length, happened, observed: happened / list.length, brier: brierScore(list)! });
  }
  return bins.sort((a, b) => a.midpoint - b.midpoint || a.term.localeCompare(b.term));
}

/** Every resolved judgment of the workspace as a forecast (documents in path order). */
export function collectForecasts(ws: Workspace): { forecasts: Forecast[]; skipped: Skipped[] } {
  const scale = ws.config.scale;
  const forecasts: Forecast[] = [];
  const skipped: Skipped[] = [];
  const docs = [...ws.documents()].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  for (const doc of docs) {
    const author = assessmentAuthor(doc);
    for (const item of doc.items) {
      if (item.kind !== 'judgment') continue;
      if (!item.resolved) {
        // `resolved: TRUE` is a syntax error: say it was not counted, rather than leave it out unsaid.
        if (item.attributes.some((a) => a.name === 'resolved')) skipped.push({ path: doc.path, id: item.id, reason: 'its `resolved:` value does not parse (true or false, then a date)' });
        continue;
      }
      const written = resolvedBeforeWritten(doc, item);
      if (written) {
        skipped.push({ path: doc.path, id: item.id, reason: `it was resolved (${item.resolved.date}) before the assessment's date (${written}): a judgment made after the outcome is no forecast` });
        continue;
      }
      const unread = unreadValues(item, scale).likelihood;
      const e = reportEstimate({ doc, item }, scale, { ...(unread ? { likelihood: unread } : {}) });
      if (!e) {
        skipped.push({ path: doc.path, id: item.id, reason: noProbability({ doc, item }, scale, unread?.text) });
        continue;
      }
      forecasts.push({
        path: doc.path,
        ...(doc.assessment ? { assessment: doc.assessment.id } : {}),
        ...(author ? { author } : {}),
        id: item.id,
        span: item.idSpan,
        statement: flat(item.statement),
        term: e.from === 'likelihood' && item.likelihood?.percent !== undefined ? formatInterval(e) : termOf(item.likelihood?.text ?? e.label, scale),
        interval: { lo: e.lo, hi: e.hi },
        p: e.midpoint,
        outcome: item.resolved.value,
        // A date that is no date (`2025-13`, `2024-02-30`) is invalid-value in the check, which still
        // counts the outcome: the judgment is scored, its date not carried into the report.
        ...(item.resolved.date && isValidDate(item.resolved.date) ? { date: item.resolved.date } : {}),
      });
    }
  }
  return { forecasts, skipped };
}

/** Why a resolved judgment has no probability to score: a likelihood not understood is named as written (`120%`), not taken for none. */
function noProbability(at: LocatedItem, scale: ScaleName, unread: string | undefined): string {
  if (unread !== undefined) return `its likelihood \`${unread}\` is not understood (a term of the ${scaleName(scale)} scale or a percentage from 0% to 100%)`;
  return estimateOf(at, scale)?.from === 'fact' ? 'no likelihood (stated as fact)' : 'no probability (hedged, or an unknown likelihood)';
}

export function calibrationReport(ws: Workspace): CalibrationReport {
  const { forecasts, skipped } = collectForecasts(ws);
  const brier = brierScore(forecasts);
  return {
    count: forecasts.length,
    ...(brier !== undefined ? { brier } : {}),
    byAssessment: scoresBy(forecasts, (f) => [f.assessment ?? f.path]),
    byAuthor: scoresBy(forecasts, (f) => authorsOf(f.author)),
    bins: binByTerm(forecasts),
    forecasts,
    skipped,
  };
}

/**
 * The people an `author:` names: several are separated by `;` ("Rinaldi, M.; Tanaka, A."), as
 * reference managers write them (a comma may stand inside a name). A co-written judgment counts
 * for each, so that "A; B" and "B; A" are not two analysts, nor either of them a third.
 */
export function authorsOf(author: string | undefined): string[] {
  const names = [...new Set((author ?? '').split(';').map((n) => n.trim()).filter(Boolean))];
  return names.length ? names : ['(no author)'];
}

/** Scores per group; a forecast in several groups (co-authors) counts in each. */
function scoresBy(forecasts: readonly Forecast[], keys: (f: Forecast) => readonly string[]): Score[] {
  const groups = new Map<string, Forecast[]>();
  for (const f of forecasts) {
    for (const k of keys(f)) {
      const list = groups.get(k);
      if (list) list.push(f);
      else groups.set(k, [f]);
    }
  }
  return [...groups].map(([name, list]) => ({ name, count: list.length, brier: brierScore(list)! })).sort((a, b) => a.name.localeCompare(b.name));
}

function assessmentAuthor(doc: KentDocument): string | undefined {
  const a = doc.assessment?.attributes.find((x) => x.allowed && x.name === 'author');
  return a ? flat(a.value) || undefined : undefined;
}

/** A term's canonical name (synonyms count together); a percentage goes by its interval, however it was typed (`60-75%`, `60 – 75 %`). */
function termOf(text: string, scale: ScaleName): string {
  return lookupTerm(text, scale)?.canonical ?? flat(text).toLowerCase();
}

// ---------------------------------------------------------------------------------------------
// Output

const pct = (p: number) => `${Math.round(p * 1000) / 10}%`;
const three = (n: number) => n.toFixed(3);
/** A stated interval as Kent writes ranges everywhere: one percent sign (`55–80%`, `70%`, `≤5%`). */
export const intervalText = (i: Interval) => formatInterval(i);

/** The plain-text report `kent calibration` prints. */
export function formatCalibrationText(r: CalibrationReport): string {
  const lines: string[] = [];
  if (r.count === 0) {
    lines.push(r.skipped.length ? 'No resolved judgment could be scored: fix those below, or add `resolved: true` or `resolved: false` to judgments whose outcome is known.' : 'No resolved judgments: add `resolved: true` or `resolved: false` to judgments whose outcome is known.');
    return [...lines, ...skippedLines(r)].join('\n') + '\n';
  }
  lines.push(`Brier score: ${three(r.brier!)} over ${r.count} resolved judgment${r.count === 1 ? '' : 's'} (0 is perfect; always saying 50% scores 0.250)`, '');
  lines.push(...table(['assessment', 'judgments', 'Brier'], r.byAssessment.map((s) => [s.name, String(s.count), three(s.brier)])), '');
  lines.push(...table(['author', 'judgments', 'Brier'], r.byAuthor.map((s) => [s.name, String(s.count), three(s.brier)])));
  if (coAuthored(r)) lines.push(`(${CO_AUTHORED})`);
  lines.push('');
  lines.push(...table(['likelihood', 'stated', 'midpoint', 'observed', 'count'], r.bins.map((b) => [b.term, intervalText(b.interval), pct(b.midpoint), `${pct(b.observed)} (${b.happened}/${b.count})`, String(b.count)])), '');
  lines.push('Resolved judgments:');
  for (const f of r.forecasts) lines.push(`  ${f.assessment ?? f.path}/${f.id}: ${f.term} (${pct(f.p)}) → ${f.outcome ? 'true' : 'false'}${f.date ? ' ' + f.date : ''}`);
  return [...lines, ...skippedLines(r)].join('\n') + '\n';
}

/** The resolved judgments left out, under a heading of their own: listed among the scored ones, they read as scored. */
function skippedLines(r: CalibrationReport): string[] {
  if (!r.skipped.length) return [];
  return ['', `Not scored (${r.skipped.length} resolved, left out):`, ...r.skipped.map((s) => `  ${s.path} ${s.id}: ${s.reason}`)];
}

/** Why the author table's counts add up to more than the total. */
export const CO_AUTHORED = 'a judgment whose assessment names several authors, separated by `;`, counts for each';

/** Whether some judgment counts for several authors, so that the author table's counts add up to more than the total. */
export function coAuthored(r: CalibrationReport): boolean {
  return r.byAuthor.reduce((n, s) => n + s.count, 0) > r.count;
}

function table(head: string[], rows: string[][]): string[] {
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (cells: string[]) => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ').trimEnd();
  return [line(head), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)];
}

/**
 * The calibration as a Mermaid bar chart, which GitHub and GitLab draw (they show no `data:`
 * image): a bar per likelihood term for how often its judgments came true, and a line through
 * the terms' stated midpoints, which a calibrated analyst's bars would reach. Labels are written
 * as `mermaidText` writes them, so no term can end its quotes or start a line.
 */
export function calibrationMermaid(r: CalibrationReport): string {
  const pct = (p: number) => String(Math.round(p * 1000) / 10);
  const label = (b: TermBin) => `"${mermaidText(`${b.term} (${b.count})`)}"`;
  return [
    '```mermaid',
    'xychart-beta',
    `  title "${mermaidText('Came true, by stated likelihood')}"`,
    `  x-axis "${mermaidText('Likelihood term (judgments)')}" [${r.bins.map(label).join(', ')}]`,
    `  y-axis "${mermaidText('Percent')}" 0 --> 100`,
    `  bar [${r.bins.map((b) => pct(b.observed)).join(', ')}]`,
    `  line [${r.bins.map((b) => pct(b.midpoint)).join(', ')}]`,
    '```',
  ].join('\n');
}

export interface PlotOptions {
  standalone?: boolean;
  idPrefix?: string;
}

/**
 * The calibration plot: stated probability (x) against observed frequency (y), the diagonal
 * of perfect calibration, one point per likelihood term (area by count) with its stated
 * interval as a bar, and each resolved judgment as a tick at the top (true) or bottom (false).
 */
export function calibrationSvg(r: CalibrationReport, options: PlotOptions = {}): string {
  const id = options.idPrefix ?? 'kent-calibration';
  const W = 520;
  const H = 470;
  const left = 64;
  const top = 44;
  const size = 360;
  const X = (p: number) => left + p * size;
  const Y = (p: number) => top + (1 - p) * size;
  const out: string[] = [];
  out.push(
    `<svg${options.standalone ? ' xmlns="http://www.w3.org/2000/svg"' : ''} class="kent-calibration" viewBox="0 0 ${W} ${H}" width="${W}" height="${H}" role="img" aria-labelledby="${id}-title" font-family="${escapeXml(FONT)}" font-size="11">`,
    `<title id="${id}-title">Calibration: stated probability against observed frequency${r.brier !== undefined ? `, Brier score ${three(r.brier)} over ${r.count} resolved judgments` : ''}</title>`,
    `<rect x="0" y="0" width="${W}" height="${H}" fill="#ffffff"/>`,
    `<text x="${left}" y="20" font-size="13" font-weight="bold" fill="#1b1b1b">Calibration of resolved judgments</text>`,
    `<text x="${left}" y="36" fill="#5a5a5a">${r.count} resolved${r.brier !== undefined ? ` · Brier score ${three(r.brier)} (0 is perfect, 0.25 is always 50%)` : ''}</text>`,
  );
  // Grid and axes.
  for (let i = 0; i <= 10; i++) {
    const p = i / 10;
    const major = i % 2 === 0;
    out.push(`<line x1="${num(X(p))}" y1="${top}" x2="${num(X(p))}" y2="${top + size}" stroke="${major ? '#e2e2e2' : '#f1f1f1'}"/>`, `<line x1="${left}" y1="${num(Y(p))}" x2="${left + size}" y2="${num(Y(p))}" stroke="${major ? '#e2e2e2' : '#f1f1f1'}"/>`);
    if (major) {
      out.push(`<text x="${num(X(p))}" y="${top + size + 16}" text-anchor="middle" fill="#5a5a5a">${i * 10}%</text>`, `<text x="${left - 6}" y="${num(Y(p) + 4)}" text-anchor="end" fill="#5a5a5a">${i * 10}%</text>`);
    }
  }
  out.push(`<rect x="${left}" y="${top}" width="${size}" height="${size}" fill="none" stroke="#888888"/>`);
  out.push(`<line x1="${X(0)}" y1="${Y(0)}" x2="${X(1)}" y2="${Y(1)}" stroke="#888888" stroke-dasharray="5 4"><title>perfect calibration</title></line>`);
  out.push(`<text x="${left + size / 2}" y="${top + size + 34}" text-anchor="middle" fill="#1b1b1b">stated probability (midpoint of the likelihood interval)</text>`);
  out.push(`<text x="18" y="${top + size / 2}" text-anchor="middle" fill="#1b1b1b" transform="rotate(-90 18 ${top + size / 2})">observed frequency (came true)</text>`);
  // Each resolved judgment: a tick on the top (true) or bottom (false) edge.
  for (const f of r.forecasts) {
    const x = X(f.p);
    const y = f.outcome ? top : top + size;
    const dy = f.outcome ? 7 : -7;
    out.push(`<line x1="${num(x)}" y1="${y}" x2="${num(x)}" y2="${y + dy}" stroke="#444444" stroke-width="1.5"><title>${escapeXml(`${f.assessment ?? f.path}/${f.id}: ${f.term} (${pct(f.p)}) → ${f.outcome ? 'true' : 'false'}`)}</title></line>`);
  }
  // One point per term: its stated interval as a bar at the observed frequency, labelled beside it
  // (nudged clear of the labels and points around it, with a leader line when moved away).
  const points = r.bins.map((b) => ({ x: X(b.midpoint), y: Y(b.observed), r: pointRadius(b.count) }));
  const texts = r.bins.map((b) => `${b.term} (n=${b.count})`);
  const bounds = { left, right: W - 4, top: top + 8, bottom: top + size - 8 };
  // The labels first; the diagonal's caption then where it meets none of them (nor a point, bar or
  // tick); the labels again around it only when no such spot was found.
  const first = placeLabels(points, texts, bounds);
  const marks = [...r.bins.map((b) => ({ x0: X(b.interval.lo), y0: Y(b.observed) - 2, x1: X(b.interval.hi), y1: Y(b.observed) + 2 })), ...r.forecasts.map((f) => ({ x0: X(f.p) - 1, y0: f.outcome ? top : top + size - 7, x1: X(f.p) + 1, y1: f.outcome ? top + 7 : top + size }))];
  const caption = placeCaption({ left, top, size }, first.map((l) => l.box), points.map(circleBox), marks);
  const labels = first.some((l) => quadMeetsBox(caption.corners, l.box)) ? placeLabels(points, texts, bounds, [caption.corners]) : first;
  out.push(`<text x="${num(caption.x)}" y="${num(caption.y)}" fill="#888888" transform="rotate(-45 ${num(caption.x)} ${num(caption.y)})">${CAPTION}</text>`);
  // The leader lines beneath every label: where crowded points leave a leader no way round another
  // label, the label's white halo covers it rather than the line striking through the text.
  out.push(
    '<g class="kent-leaders">',
    ...labels.flatMap((l, i) => (l.leader ? [`<line class="kent-leader" data-bin="${i}" x1="${num(l.leader.x1)}" y1="${num(l.leader.y1)}" x2="${num(l.leader.x2)}" y2="${num(l.leader.y2)}" stroke="#0d47a1" stroke-width="0.8" stroke-opacity="0.7"/>`] : [])),
    '</g>',
  );
  r.bins.forEach((b, i) => {
    const { x, y, r: radius } = points[i];
    const l = labels[i];
    const label = `${b.term}: stated ${intervalText(b.interval)}, observed ${pct(b.observed)} (${b.happened} of ${b.count})`;
    out.push(
      `<g class="kent-bin"><title>${escapeXml(label)}</title>`,
      `<line x1="${num(X(b.interval.lo))}" y1="${num(y)}" x2="${num(X(b.interval.hi))}" y2="${num(y)}" stroke="#1565c0" stroke-width="3" stroke-opacity="0.55"/>`,
      `<circle cx="${num(x)}" cy="${num(y)}" r="${num(radius)}" fill="#1565c0" fill-opacity="0.8" stroke="#ffffff" stroke-width="1.5"/>`,
      `<text x="${num(l.x)}" y="${num(l.y)}"${l.anchor === 'end' ? ' text-anchor="end"' : ''} fill="#0d47a1" stroke="#ffffff" stroke-width="3" paint-order="stroke">${escapeXml(l.text)}</text>`,
      '</g>',
    );
  });
  if (r.count === 0) out.push(`<text x="${left + size / 2}" y="${top + size / 2}" text-anchor="middle" fill="#5a5a5a">no resolved judgments yet</text>`);
  out.push('</svg>');
  return out.join('\n');
}

/**
 * A term's point grows with its count (area), up to 16 judgments: beyond, a circle would cover
 * its neighbours and the plot (1,500 judgments of one term drew one 240px across); its label says n.
 */
export const pointRadius = (count: number) => 4 + 3 * Math.sqrt(Math.min(count, 16));

/**
 * The size the plot reckons a label at font size 11 takes: a generous advance per character
 * (DejaVu Sans, the widest common default, draws digits at 7px and lowercase at 5–7px) and the
 * glyphs' extent above and below the baseline, with the white halo drawn around the text.
 */
export const LABEL_BOX = { charWidth: 7, ascent: 10, descent: 3, halo: 1.5 };
/** How far above or below its point a label may sit without a leader line to it. */
const LEADER_GAP = 2;

export interface PlacedLabel {
  text: string;
  /** The text's anchor point (baseline) and side: `start` to the right of its point, `end` to its left. */
  x: number;
  y: number;
  anchor: 'start' | 'end';
  /** A line from the point to the label, when the label had to move away from beside it. */
  leader?: { x1: number; y1: number; x2: number; y2: number };
  /** The room the label is reckoned to take, its halo included. */
  box: Box;
}

export interface Box {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
}
const overlaps = (a: Box, b: Box) => a.x0 < b.x1 && b.x0 < a.x1 && a.y0 < b.y1 && b.y0 < a.y1;

/**
 * Labels for points (circles of radius r): each beside its point, right of it unless that runs
 * past `bounds.right`, its middle at the point's height; when that spot overlaps a label placed
 * before or another point, the nearest free spot up or down the plot (either side) instead. A
 * label is never placed over another, nor over an `avoid` quadrilateral: in the worst case it goes
 * below the lowest of them.
 */
export function placeLabels(points: ReadonlyArray<{ x: number; y: number; r: number }>, texts: readonly string[], bounds: { left: number; right: number; top: number; bottom: number }, avoid: readonly Quad[] = []): PlacedLabel[] {
  const { charWidth, ascent, descent, halo } = LABEL_BOX;
  const gap = 4;
  const height = ascent + descent + 2 * halo;
  const placed: Box[] = [];
  const circles: Box[] = points.map(circleBox);
  const taken = (box: Box) => placed.some((b) => overlaps(b, box)) || avoid.some((q) => quadMeetsBox(q, box));
  const out: PlacedLabel[] = new Array(points.length);
  // Place the labels from the top of the plot down, left to right at one height.
  const order = points.map((_, i) => i).sort((a, b) => points[a].y - points[b].y || points[a].x - points[b].x);
  for (const i of order) {
    const p = points[i];
    const width = texts[i].length * charWidth + 2 * halo;
    const boxAt = (side: 'start' | 'end', top: number): Box => (side === 'start' ? { x0: p.x + p.r + gap, y0: top, x1: p.x + p.r + gap + width, y1: top + height } : { x0: p.x - p.r - gap - width, y0: top, x1: p.x - p.r - gap, y1: top + height });
    // Only a side the label fits on across (a label left of a point at 1% ran over the axis' 30%).
    const fitting = (['start', 'end'] as const).filter((side) => boxAt(side, 0).x0 >= bounds.left && boxAt(side, 0).x1 <= bounds.right);
    const sides: Array<'start' | 'end'> = fitting.length ? fitting : [p.x - bounds.left > bounds.right - p.x ? 'end' : 'start'];
    const natural = Math.min(Math.max(p.y - height / 2, bounds.top), bounds.bottom - height);
    const others = circles.filter((_, j) => j !== i);
    let chosen: { side: 'start' | 'end'; box: Box } | undefined;
    let fallback: { side: 'start' | 'end'; box: Box } | undefined;
    const span = bounds.bottom - bounds.top;
    for (let step = 0; step <= span && !chosen; step += 2) {
      for (const dy of step === 0 ? [0] : [step, -step]) {
        const y0 = natural + dy;
        if (y0 < bounds.top || y0 + height > bounds.bottom) continue;
        for (const side of sides) {
          const box = boxAt(side, y0);
          if (taken(box)) continue;
          if (!others.some((c) => overlaps(c, box))) {
            chosen = { side, box };
            break;
          }
          fallback ??= { side, box };
        }
        if (chosen) break;
      }
    }
    // Crowded beyond the plot's height: free of labels if of no point, else under the lowest label.
    chosen ??= fallback ?? { side: sides[0], box: boxAt(sides[0], Math.max(natural, ...placed.map((b) => b.y1), ...avoid.flat().map((c) => c.y))) };
    placed.push(chosen.box);
    const { side, box } = chosen;
    const middle = (box.y0 + box.y1) / 2;
    const label: PlacedLabel = { text: texts[i], x: side === 'start' ? box.x0 + halo : box.x1 - halo, y: box.y0 + halo + ascent, anchor: side, box };
    // Beside its point while the label reaches the circle's height (a label kept off the plot's
    // edge sits just above or below a point on it); else a leader line.
    if (Math.max(box.y0 - (p.y + p.r), p.y - p.r - box.y1) > LEADER_GAP) {
      const ex = side === 'start' ? box.x0 : box.x1;
      const dx = ex - p.x;
      const dy = middle - p.y;
      const d = Math.hypot(dx, dy) || 1;
      label.leader = { x1: p.x + (dx / d) * p.r, y1: p.y + (dy / d) * p.r, x2: ex, y2: middle };
    }
    out[i] = label;
  }
  return out;
}

const circleBox = (p: { x: number; y: number; r: number }): Box => ({ x0: p.x - p.r, y0: p.y - p.r, x1: p.x + p.r, y1: p.y + p.r });

// ---------------------------------------------------------------------------------------------
// The diagonal's caption

const CAPTION = 'perfect calibration';
/** A convex quadrilateral, its corners in order: a rotated text's room. */
export type Quad = ReadonlyArray<{ x: number; y: number }>;

/**
 * Where the caption goes: along the diagonal (turned 45°, reading up it), just above it or just
 * below, inside the plot's square. The spot nearest 70% that meets no label, point or mark (a
 * stated interval's bar, a judgment's tick); failing that, one that meets no label or point, so
 * that points keep their labels beside them; failing that, one on no point, and the labels move.
 */
export function placeCaption(plot: { left: number; top: number; size: number }, labels: readonly Box[], points: readonly Box[], marks: readonly Box[]): { x: number; y: number; corners: Quad } {
  const spots = captionSpots(plot);
  const clear = (c: Quad, boxes: readonly Box[]) => !boxes.some((b) => quadMeetsBox(c, b));
  return (
    spots.find((s) => clear(s.corners, labels) && clear(s.corners, points) && clear(s.corners, marks)) ??
    spots.find((s) => clear(s.corners, labels) && clear(s.corners, points)) ??
    spots.find((s) => clear(s.corners, points)) ??
    spots[0]
  );
}

/** The caption's spots inside the square, by distance from 70% along the diagonal, above it before below. */
function captionSpots(plot: { left: number; top: number; size: number }): Array<{ x: number; y: number; corners: Quad }> {
  const { charWidth, ascent, descent } = LABEL_BOX;
  const width = CAPTION.length * charWidth;
  const gap = 3;
  const k = Math.SQRT1_2;
  const inside = (c: Quad) => c.every((p) => p.x >= plot.left + 1 && p.x <= plot.left + plot.size - 1 && p.y >= plot.top + 1 && p.y <= plot.top + plot.size - 1);
  const spots: Array<{ x: number; y: number; corners: Quad }> = [];
  for (let step = 0; step <= 70; step++) {
    const p = 0.7 + (step % 2 ? 1 : -1) * Math.ceil(step / 2) * 0.02;
    // Up the text's ascent is up-left of the diagonal: the baseline a gap and a descent above it, or a gap and an ascent below.
    for (const off of [gap + descent, -(gap + ascent)]) {
      const x = plot.left + p * plot.size - off * k;
      const y = plot.top + (1 - p) * plot.size - off * k;
      const along = (d: number, up: number) => ({ x: x + d * k - up * k, y: y - d * k - up * k });
      const corners = [along(0, -descent), along(width, -descent), along(width, ascent), along(0, ascent)];
      if (inside(corners)) spots.push({ x, y, corners });
    }
  }
  return spots;
}

/** Whether a convex quadrilateral and a box overlap: no separating axis among the box's and the quadrilateral's edges' normals. */
export function quadMeetsBox(q: Quad, b: Box): boolean {
  const box = [{ x: b.x0, y: b.y0 }, { x: b.x1, y: b.y0 }, { x: b.x1, y: b.y1 }, { x: b.x0, y: b.y1 }];
  const axes = [{ x: 1, y: 0 }, { x: 0, y: 1 }, ...q.map((c, i) => ({ x: q[(i + 1) % q.length].y - c.y, y: c.x - q[(i + 1) % q.length].x }))];
  return axes.every((a) => {
    const pq = q.map((c) => c.x * a.x + c.y * a.y);
    const pb = box.map((c) => c.x * a.x + c.y * a.y);
    return Math.max(...pq) > Math.min(...pb) && Math.max(...pb) > Math.min(...pq);
  });
}
