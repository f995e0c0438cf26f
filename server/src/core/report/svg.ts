// SVG of the evidence map: one `<g class="kent-node">` per node, a path per edge, and a legend.
// Colours: a node's fill is its likelihood (the interval's midpoint on a diverging scale, brown
// for "will not" through grey for even chance to teal for "will"); its border's weight is its
// confidence; a source is filled by its reliability (A–F); a red or amber badge counts the
// errors and warnings inside it. Only presentation attributes are used (no `style`, no
// `<style>`, no script, no external reference), so the SVG shows under a strict
// Content-Security-Policy and in a file read offline. All user text is escaped.
import { CREDIBILITY, RELIABILITY } from '../attributes';
import { formatInterval } from '../estimative';
import { estimateWords } from './common';
import { cutPoint, escapeXml, num, truncate } from './escape';
import { isRelation, type EvidenceGraph, type MapEdgeKind, type MapNode } from './graph';
import { BOX, type MapLayout, type Point } from './layout';

export interface SvgOptions {
  /** Prefix of the SVG's element IDs (markers), unique per page when several SVGs share one. */
  idPrefix?: string;
  /** Add the SVG namespace: needed for a standalone `.svg` file or a `data:` URI, not inline in HTML. */
  standalone?: boolean;
  /** Wrap each node in `<a href="#…">` to this anchor (an export's item or source entry). */
  anchorOf?: (node: MapNode) => string | undefined;
  /** Draw the legend above the map (default true). */
  legend?: boolean;
  /** Accessible name of the SVG. */
  title?: string;
}

export const FONT = "system-ui, -apple-system, 'Segoe UI', Roboto, 'DejaVu Sans', Arial, sans-serif";
const TEXT = '#1b1b1b';
const MUTED = '#5a5a5a';

// ---------------------------------------------------------------------------------------------
// Colour scales

/** Diverging likelihood scale (ColorBrewer BrBG): brown = will not, grey = even chance, teal = will. */
const LIKELIHOOD_STOPS: Array<[number, string]> = [
  [0, '#8c510a'],
  [0.2, '#bf812d'],
  [0.35, '#dfc27d'],
  [0.5, '#eeeeee'],
  [0.65, '#80cdc1'],
  [0.8, '#35978f'],
  [1, '#01665e'],
];

/** The colour of a probability on the diverging scale. */
export function likelihoodColor(p: number): string {
  const x = Math.max(0, Math.min(1, p));
  for (let i = 1; i < LIKELIHOOD_STOPS.length; i++) {
    const [p1, c1] = LIKELIHOOD_STOPS[i];
    const [p0, c0] = LIKELIHOOD_STOPS[i - 1];
    if (x <= p1) return mix(c0, c1, (x - p0) / (p1 - p0));
  }
  return LIKELIHOOD_STOPS[LIKELIHOOD_STOPS.length - 1][1];
}

/** A node's fill for a probability: the scale's colour lightened so dark text stays legible. */
export function likelihoodFill(p: number): string {
  return mix(likelihoodColor(p), '#ffffff', 0.62);
}

/** Source reliability A (completely reliable) to E (unreliable); F (cannot be judged) is grey. */
export const RELIABILITY_COLORS: Record<string, string> = {
  A: '#1a9850',
  B: '#91cf60',
  C: '#d9ef8b',
  D: '#fee08b',
  E: '#fc8d59',
  F: '#c8c8c8',
};
export const UNRATED_COLOR = '#ffffff';

/** Border width by confidence. */
export const CONFIDENCE_STROKE: Record<string, number> = { low: 1, moderate: 2.5, high: 4.5 };
const NO_CONFIDENCE_STROKE = 1;

const ERROR_COLOR = '#c62828';
const WARNING_COLOR = '#f9a825';

const EDGE_STYLE: Record<MapEdgeKind, { color: string; width: number; dash?: string; label?: string; head: 'arrow' | 'tee' }> = {
  because: { color: '#4a4a4a', width: 1.4, head: 'arrow' },
  cites: { color: '#4a4a4a', width: 1.2, dash: '2 3', head: 'arrow' },
  source: { color: '#7a7a7a', width: 1.2, head: 'arrow' },
  assumes: { color: '#7e57c2', width: 1.3, dash: '6 3', head: 'arrow' },
  against: { color: ERROR_COLOR, width: 1.5, dash: '6 3', head: 'tee' },
  'same-as': { color: '#1565c0', width: 1.8, label: 'same as', head: 'arrow' },
  negates: { color: '#6a1b9a', width: 1.8, label: 'negates', head: 'arrow' },
  contradicts: { color: ERROR_COLOR, width: 1.8, label: 'contradicts', head: 'arrow' },
  revises: { color: '#e65100', width: 1.8, label: 'revises', head: 'arrow' },
};

function hex(c: string): [number, number, number] {
  return [parseInt(c.slice(1, 3), 16), parseInt(c.slice(3, 5), 16), parseInt(c.slice(5, 7), 16)];
}
/** `a` blended towards `b` by `t` (0 = a, 1 = b). */
function mix(a: string, b: string, t: number): string {
  const x = hex(a);
  const y = hex(b);
  return '#' + x.map((v, i) => Math.round(v + (y[i] - v) * t).toString(16).padStart(2, '0')).join('');
}

// ---------------------------------------------------------------------------------------------
// Node appearance (shared with the editor's node list and the tests)

export interface NodeLook {
  fill: string;
  /** The band at the node's left edge: the full-strength likelihood or reliability colour. */
  band: string;
  stroke: string;
  strokeWidth: number;
  dash?: string;
}

export function nodeLook(n: MapNode): NodeLook {
  if (n.kind === 'source') {
    const c = n.reliability ? RELIABILITY_COLORS[n.reliability] : UNRATED_COLOR;
    return { fill: mix(c, '#ffffff', 0.35), band: c, stroke: '#555555', strokeWidth: 1, ...(n.reliability ? {} : { dash: '4 3' }) };
  }
  const fill = n.estimate ? likelihoodFill(n.estimate.midpoint) : n.kind === 'assumption' ? '#f6f1fb' : '#ffffff';
  const band = n.estimate ? likelihoodColor(n.estimate.midpoint) : n.kind === 'assumption' ? '#b39ddb' : '#bdbdbd';
  const strokeWidth = n.confidence && CONFIDENCE_STROKE[n.confidence] ? CONFIDENCE_STROKE[n.confidence] : NO_CONFIDENCE_STROKE;
  return { fill, band, stroke: n.confidence ? '#2b2b2b' : '#777777', strokeWidth, ...(n.external ? { dash: '5 3' } : {}) };
}

const KIND_LABEL: Record<MapNode['kind'], string> = { judgment: 'JUDGMENT', claim: 'CLAIM', assumption: 'ASSUMPTION', evidence: 'EVIDENCE', source: 'SOURCE' };

/** The one-line summary under a node's text, at most `max` characters. */
export function nodeFooter(n: MapNode, max = 34): string {
  if (n.kind === 'source') return n.reliability ? `${n.reliability} — ${RELIABILITY[n.reliability]}` : 'unrated (counts as F)';
  if (n.kind === 'evidence') return n.credibility ? `credibility ${n.credibility}${CREDIBILITY[n.credibility] ? ' — ' + CREDIBILITY[n.credibility] : ''}` : 'credibility not rated';
  const estimate = n.estimate ? (n.estimate.from === 'fact' ? `fact · ${formatInterval(n.estimate)}` : `${estimateWords(n.estimate)} · ${formatInterval(n.estimate)}`) : n.unreadLikelihood !== undefined ? `“${truncate(n.unreadLikelihood, 14)}” not understood` : n.kind === 'assumption' ? '' : 'no likelihood';
  const options = n.confidence ? [`${n.confidence} confidence`, `${n.confidence} conf.`, n.confidence] : [''];
  for (const c of options) {
    const text = [estimate, c].filter(Boolean).join(' · ');
    if (text.length <= max) return text;
  }
  return truncate([estimate, n.confidence ?? ''].filter(Boolean).join(' · '), max);
}

/** A resolved judgment's outcome, shown at the right of its header. */
export function outcomeTag(n: MapNode): string | undefined {
  return n.resolved ? (n.resolved.value ? '✓ came true' : '✗ did not') : undefined;
}

/** Tooltip text: everything the node stands for. */
export function nodeTooltip(n: MapNode): string {
  const lines = [`${KIND_LABEL[n.kind].toLowerCase()} ${n.label}${n.external && n.doc ? ` (in ${n.doc})` : ''}`, n.text];
  if (n.estimate) lines.push(`likelihood: ${n.estimate.label} (${formatInterval(n.estimate)}, midpoint ${Math.round(n.estimate.midpoint * 100)}%)`);
  else if (n.unreadLikelihood !== undefined) lines.push(`likelihood: ${n.unreadLikelihood} (not understood)`);
  if (n.confidence) lines.push(`confidence: ${n.confidence}`);
  if (n.kind === 'source') lines.push(`reliability: ${n.reliability ? `${n.reliability} — ${RELIABILITY[n.reliability]}` : 'unrated (counts as F — reliability cannot be judged)'}`);
  if (n.credibility) lines.push(`credibility: ${n.credibility}${CREDIBILITY[n.credibility] ? ' — ' + CREDIBILITY[n.credibility] : ''}`);
  if (n.resolved) lines.push(`resolved: ${n.resolved.value ? 'true' : 'false'}${n.resolved.date ? ' ' + n.resolved.date : ''}`);
  for (const m of n.problems.messages) lines.push(`${m.severity} ${m.code}: ${m.message}`);
  return lines.join('\n');
}

// ---------------------------------------------------------------------------------------------
// Rendering

const LEGEND_HEIGHT = 92;
const LEGEND_WIDTH = 960;

export function renderMapSvg(graph: EvidenceGraph, layout: MapLayout, options: SvgOptions = {}): string {
  const id = options.idPrefix ?? 'kent-map';
  const legend = options.legend !== false;
  const top = legend ? LEGEND_HEIGHT : 0;
  const width = Math.max(layout.width, legend ? LEGEND_WIDTH : 0, 200);
  const height = layout.height + top + 4;
  const title = options.title ?? `Evidence map of ${graph.title}`;
  const out: string[] = [];
  out.push(
    `<svg${options.standalone ? ' xmlns="http://www.w3.org/2000/svg"' : ''} class="kent-map" viewBox="0 0 ${num(width)} ${num(height)}" width="${num(width)}" height="${num(height)}" role="img" aria-labelledby="${id}-title" font-family="${escapeXml(FONT)}" font-size="${BOX.fontSize}">`,
    `<title id="${id}-title">${escapeXml(title)}</title>`,
    defs(id),
    `<rect x="0" y="0" width="${num(width)}" height="${num(height)}" fill="#ffffff"/>`,
  );
  if (legend) out.push(renderLegend(id, width));
  out.push(`<g transform="translate(0 ${top})">`);
  if (graph.nodes.length === 0) out.push(`<text x="16" y="28" fill="${MUTED}">This document has no judgments, claims, evidence or sources yet.</text>`);
  out.push('<g class="kent-edges">');
  for (const e of graph.edges) {
    const route = layout.edges[e.key];
    if (!route || route.points.length < 2) continue;
    const s = EDGE_STYLE[e.kind];
    out.push(
      `<path class="kent-edge" data-kind="${e.kind}" d="${curve(route.points, route.routed)}" fill="none" stroke="${s.color}" stroke-width="${s.width}" stroke-opacity="0.8"${s.dash ? ` stroke-dasharray="${s.dash}"` : ''} marker-end="url(#${id}-${s.head === 'tee' ? 'tee' : 'arrow-' + e.kind})"><title>${escapeXml(edgeTitle(graph, e.from, e.to, e.kind))}</title></path>`,
    );
  }
  for (const e of graph.edges) {
    const s = EDGE_STYLE[e.kind];
    const route = layout.edges[e.key];
    if (!s.label || !route) continue;
    const mid = midpoint(route.points);
    out.push(`<text x="${num(mid.x)}" y="${num(mid.y - 4)}" text-anchor="middle" font-size="10" fill="${s.color}" stroke="#ffffff" stroke-width="3" paint-order="stroke">${s.label}</text>`);
  }
  out.push('</g>', '<g class="kent-nodes">');
  graph.nodes.forEach((n, i) => {
    const box = layout.nodes[n.key];
    if (box) out.push(renderNode(n, box, `${id}-n${i}`, options.anchorOf?.(n)));
  });
  out.push('</g>', '</g>', '</svg>');
  return out.join('\n');
}

function defs(id: string): string {
  const markers = (Object.keys(EDGE_STYLE) as MapEdgeKind[])
    .filter((k) => EDGE_STYLE[k].head === 'arrow')
    .map((k) => `<marker id="${id}-arrow-${k}" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse"><path d="M0 0 L10 5 L0 10 z" fill="${EDGE_STYLE[k].color}"/></marker>`);
  markers.push(`<marker id="${id}-tee" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="8" markerHeight="8" orient="auto"><path d="M9 0 L9 10" stroke="${ERROR_COLOR}" stroke-width="2.5"/></marker>`);
  return `<defs>${markers.join('')}</defs>`;
}

function edgeTitle(graph: EvidenceGraph, from: string, to: string, kind: MapEdgeKind): string {
  const label = (k: string) => graph.nodes.find((n) => n.key === k)?.label ?? k;
  if (isRelation(kind)) return `${label(from)} ${kind} ${label(to)}`;
  const verb = kind === 'against' ? 'cuts against' : kind === 'assumes' ? 'is assumed by' : kind === 'source' ? 'is the source of' : kind === 'cites' ? 'is cited by' : 'supports';
  return `${label(to)} ${verb} ${label(from)}`;
}

function renderNode(n: MapNode, box: MapLayout['nodes'][string], elementId: string, anchor: string | undefined): string {
  const look = nodeLook(n);
  const w = box.width;
  const h = box.height;
  const parts: string[] = [];
  const name = `${KIND_LABEL[n.kind].toLowerCase()} ${n.label}`;
  parts.push(
    `<g class="kent-node" id="${elementId}" data-key="${escapeXml(n.key)}" data-kind="${n.kind}" transform="translate(${num(box.x)} ${num(box.y)})" tabindex="0" role="button" aria-label="${escapeXml(name)}">`,
    `<title>${escapeXml(nodeTooltip(n))}</title>`,
    `<rect x="0" y="0" width="${num(w)}" height="${num(h)}" rx="${n.kind === 'judgment' ? 9 : n.kind === 'source' ? 2 : 5}" fill="${look.fill}" stroke="${look.stroke}" stroke-width="${look.strokeWidth}"${look.dash ? ` stroke-dasharray="${look.dash}"` : ''}/>`,
    `<rect x="${num(look.strokeWidth / 2)}" y="${num(look.strokeWidth / 2)}" width="6" height="${num(h - look.strokeWidth)}" fill="${look.band}"/>`,
  );
  const tx = BOX.padX;
  let y = BOX.padTop + 10;
  // The header: kind, label and (for another document's item) where it is, cut to the box.
  const outcome = outcomeTag(n);
  const room = Math.floor((w - BOX.padX - (n.kind === 'source' ? 34 : 14) - (outcome ? 70 : 0)) / BOX.charWidth) - KIND_LABEL[n.kind].length;
  const label = truncateRef(n.label, Math.max(6, room));
  const external = n.external && n.doc && !n.label.startsWith(n.doc + '/') ? truncate(` · in ${n.doc}`, Math.max(0, room - label.length)) : '';
  parts.push(
    `<text x="${tx}" y="${y}" font-size="9.5" letter-spacing="0.4" fill="${MUTED}">${KIND_LABEL[n.kind]}<tspan font-weight="bold" font-size="11" letter-spacing="0" fill="${TEXT}"> ${escapeXml(label)}</tspan>${external.length > 4 ? `<tspan font-size="9.5" fill="${MUTED}">${escapeXml(external)}</tspan>` : ''}</text>`,
  );
  if (outcome) parts.push(`<text x="${num(w - 8)}" y="${y}" text-anchor="end" font-size="9.5" font-weight="bold" fill="${n.resolved!.value ? '#1b5e20' : '#8e2424'}">${outcome}</text>`);
  y += BOX.header;
  if (box.lines.length) {
    parts.push(`<text x="${tx}" y="${y}" fill="${TEXT}">` + box.lines.map((l, i) => `<tspan x="${tx}"${i ? ` dy="${BOX.line}"` : ''}>${escapeXml(l)}</tspan>`).join('') + '</text>');
  }
  y += Math.max(1, box.lines.length) * BOX.line - BOX.line + BOX.footer + 1;
  parts.push(`<text x="${tx}" y="${num(y)}" font-size="10" fill="${MUTED}">${escapeXml(nodeFooter(n, Math.floor((w - tx - 6) / 6.2)))}</text>`);
  if (n.kind === 'source') {
    const letter = n.reliability ?? '?';
    parts.push(`<rect x="${num(w - 26)}" y="5" width="20" height="18" rx="3" fill="${look.band}" stroke="#555555" stroke-width="0.8"/>`, `<text x="${num(w - 16)}" y="18" text-anchor="middle" font-weight="bold" font-size="12" fill="${TEXT}">${escapeXml(letter)}</text>`);
  }
  // Problems: a red badge for errors, an amber one for warnings, at the top-right corner.
  let bx = w - (n.kind === 'source' ? 34 : 4);
  const badge = (count: number, color: string, textColor: string, what: string) => {
    const label = count > 99 ? '99+' : String(count);
    const r = label.length > 1 ? 10 : 8.5;
    parts.push(`<g class="kent-badge" data-severity="${what}"><circle cx="${num(bx)}" cy="4" r="${r}" fill="${color}" stroke="#ffffff" stroke-width="1.5"/><text x="${num(bx)}" y="8" text-anchor="middle" font-size="10" font-weight="bold" fill="${textColor}">${label}</text></g>`);
    bx -= 2 * r + 3;
  };
  if (n.problems.errors) badge(n.problems.errors, ERROR_COLOR, '#ffffff', 'error');
  if (n.problems.warnings) badge(n.problems.warnings, WARNING_COLOR, '#1b1b1b', 'warning');
  parts.push('</g>');
  const g = parts.join('');
  return anchor ? `<a href="#${escapeXml(anchor)}">${g}</a>` : g;
}

function renderLegend(id: string, width: number): string {
  const out: string[] = [`<g class="kent-legend" font-size="10.5" fill="${TEXT}">`];
  out.push(`<rect x="0.5" y="0.5" width="${num(width - 1)}" height="${LEGEND_HEIGHT - 8}" fill="#fafafa" stroke="#dddddd"/>`);
  // Likelihood: a diverging bar of the scale, 0% to 100%.
  let x = 12;
  out.push(`<text x="${x}" y="18" font-weight="bold">Likelihood (interval midpoint)</text>`);
  const barW = 190;
  const steps = 20;
  for (let i = 0; i < steps; i++) out.push(`<rect x="${num(x + (i * barW) / steps)}" y="25" width="${num(barW / steps + 0.5)}" height="12" fill="${likelihoodFill((i + 0.5) / steps)}"/>`);
  out.push(`<rect x="${x}" y="25" width="${barW}" height="12" fill="none" stroke="#999999" stroke-width="0.6"/>`);
  for (const [p, label] of [
    [0, '0%'],
    [0.5, '50%'],
    [1, '100%'],
  ] as Array<[number, string]>) {
    out.push(`<text x="${num(x + p * barW)}" y="49" text-anchor="${p === 0 ? 'start' : p === 1 ? 'end' : 'middle'}" fill="${MUTED}">${label}</text>`);
  }
  out.push(`<text x="${x}" y="63" fill="${MUTED}">will not ← even chance → will</text>`);
  // Confidence: border weight.
  x = 232;
  out.push(`<text x="${x}" y="18" font-weight="bold">Confidence (border)</text>`);
  (['low', 'moderate', 'high'] as const).forEach((c, i) => {
    const cx = x + i * 58;
    out.push(`<rect x="${cx + 2}" y="26" width="46" height="18" rx="4" fill="#ffffff" stroke="#2b2b2b" stroke-width="${CONFIDENCE_STROKE[c]}"/>`, `<text x="${cx + 25}" y="59" text-anchor="middle" fill="${MUTED}">${c}</text>`);
  });
  out.push(`<text x="${x}" y="76" fill="${MUTED}">dashed: another document</text>`);
  // Reliability A–F.
  x = 422;
  out.push(`<text x="${x}" y="18" font-weight="bold">Source reliability</text>`);
  Object.entries(RELIABILITY_COLORS).forEach(([letter, color], i) => {
    const cx = x + i * 26;
    out.push(`<rect x="${cx}" y="25" width="22" height="18" rx="3" fill="${color}" stroke="#555555" stroke-width="0.8"><title>${letter} — ${RELIABILITY[letter]}</title></rect>`, `<text x="${cx + 11}" y="38" text-anchor="middle" font-weight="bold">${letter}</text>`);
  });
  out.push(`<text x="${x}" y="59" fill="${MUTED}">A completely reliable …</text>`, `<text x="${x}" y="72" fill="${MUTED}">E unreliable, F cannot be judged</text>`);
  // Problems and edges.
  x = 630;
  out.push(`<text x="${x}" y="18" font-weight="bold">Problems</text>`);
  out.push(`<circle cx="${x + 8}" cy="32" r="7.5" fill="${ERROR_COLOR}"/><text x="${x + 8}" y="36" text-anchor="middle" font-size="9.5" font-weight="bold" fill="#ffffff">1</text><text x="${x + 20}" y="36">errors</text>`);
  out.push(`<circle cx="${x + 8}" cy="52" r="7.5" fill="${WARNING_COLOR}"/><text x="${x + 8}" y="56" text-anchor="middle" font-size="9.5" font-weight="bold">1</text><text x="${x + 20}" y="56">warnings</text>`);
  x = 730;
  out.push(`<text x="${x}" y="18" font-weight="bold">Arrows</text>`);
  const rows: Array<[MapEdgeKind, string]> = [
    ['because', 'supports'],
    ['against', 'cuts against'],
    ['assumes', 'assumed by'],
    ['contradicts', 'relation'],
  ];
  rows.forEach(([kind, label], i) => {
    const s = EDGE_STYLE[kind];
    const y = 30 + i * 14;
    const marker = s.head === 'tee' ? `${id}-tee` : `${id}-arrow-${kind}`;
    out.push(`<path d="M${x} ${y} L${x + 34} ${y}" stroke="${s.color}" stroke-width="${s.width}"${s.dash ? ` stroke-dasharray="${s.dash}"` : ''} marker-end="url(#${marker})"/><text x="${x + 42}" y="${y + 4}">${label}</text>`);
  });
  out.push(`<text x="${x + 118}" y="34" fill="${MUTED}">relations:</text><text x="${x + 118}" y="48" fill="${MUTED}">same as, negates,</text><text x="${x + 118}" y="62" fill="${MUTED}">contradicts, revises</text>`);
  out.push('</g>');
  return out.join('');
}

/**
 * A smooth path through the points. Between two points of a routed (left-to-right) edge, a cubic
 * with horizontal tangents: it never swings outside the two points' band. An arc (an edge
 * inside one column) is a quadratic through its bend.
 */
export function curve(points: Point[], routed = true): string {
  const p = (q: Point) => `${num(q.x)} ${num(q.y)}`;
  if (points.length === 2) return `M${p(points[0])} L${p(points[1])}`;
  if (!routed && points.length === 3) return `M${p(points[0])} Q${p(points[1])} ${p(points[2])}`;
  let d = `M${p(points[0])}`;
  for (let i = 0; i < points.length - 1; i++) {
    const a = points[i];
    const b = points[i + 1];
    const dx = (b.x - a.x) / 2;
    d += ` C${p({ x: a.x + dx, y: a.y })} ${p({ x: b.x - dx, y: b.y })} ${p(b)}`;
  }
  return d;
}

function midpoint(points: Point[]): Point {
  if (points.length % 2 === 1) return points[(points.length - 1) / 2];
  const a = points[points.length / 2 - 1];
  const b = points[points.length / 2];
  return { x: (a.x + b.x) / 2, y: (a.y + b.y) / 2 };
}

/**
 * A node's label cut to `max` characters. Another document's item (`vasca-2024-05/KJ2`) keeps
 * its ID and the end of its document's name (`…2024-05/KJ2`): cut from the end, two items of
 * documents named alike (`vasca-2024-05`, `vasca-2024-01`) read the same (`vasca-2024-0…`).
 */
export function truncateRef(label: string, max: number): string {
  const slash = label.lastIndexOf('/');
  if (label.length <= max || slash <= 0) return truncate(label, max);
  const id = label.slice(slash);
  const keep = max - 1 - id.length;
  if (keep < 3) return truncate(label, max);
  // Not from the second half of an emoji in a document's name.
  const from = slash - keep + (cutPoint(label, slash - keep) === slash - keep ? 0 : 1);
  return `…${label.slice(from, slash)}${id}`;
}

