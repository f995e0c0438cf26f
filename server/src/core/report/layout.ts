// Layout of the evidence map with dagre (a layered, Sugiyama-style layout; synchronous and
// pure JavaScript, so the same code serves the editor's map and the CLI's export).
//
// Columns, left to right, follow the argument: judgments, then what they stand on (claims and
// assumptions, then claims those stand on), evidence, and the sources in the last column. The
// columns are computed here (longest chain of support, at least the kind's own column) and
// given to dagre as fixed ranks, so an edit never moves a node to another column unless its
// support changed. Within a column, the order of the nodes that were already on the map is
// kept (dagre order constraints from their previous positions); new nodes go where they cross
// fewest edges. So the map does not reshuffle as the analyst types. A map too large for dagre
// to lay out in a moment (LAYERED_LIMIT) is stacked in its columns instead.
import dagre from '@dagrejs/dagre';
import { cutPoint, isHighSurrogate } from './escape';
import { isRelation, type EvidenceGraph, type MapEdge, type MapNode } from './graph';

export interface Point {
  x: number;
  y: number;
}

export interface NodeBox {
  /** Top-left corner and size. */
  x: number;
  y: number;
  width: number;
  height: number;
  /** Column, 0 = judgments. */
  rank: number;
  /** The node's text, wrapped to the box. */
  lines: string[];
}

export interface EdgeRoute {
  /** From the arrow's tail to its head: support is drawn from what supports to what it supports. */
  points: Point[];
  /** True when dagre routed it; false for an edge inside one column or against the flow (drawn as an arc). */
  routed: boolean;
}

export interface MapLayout {
  width: number;
  height: number;
  nodes: Record<string, NodeBox>;
  edges: Record<string, EdgeRoute>;
}

/** Centres of the nodes on the previous map, by node key: the order within each column is kept. */
export type PreviousPositions = Record<string, Point>;

export interface LayoutOptions {
  previous?: PreviousPositions;
}

export const NODE_WIDTH = 236;
export const SOURCE_WIDTH = 210;
/** Geometry shared with the SVG renderer. */
export const BOX = {
  padX: 12,
  padTop: 8,
  header: 15,
  line: 14,
  footer: 16,
  padBottom: 6,
  fontSize: 11.5,
  /** Average advance of a character at fontSize, generous so that wide fonts (DejaVu Sans) fit. */
  charWidth: 6.6,
  maxLines: 4,
  sourceMaxLines: 3,
};

const KIND_COLUMN: Record<MapNode['kind'], number> = { judgment: 0, claim: 1, assumption: 1, evidence: 2, source: 0 };

export function layoutEvidenceGraph(graph: EvidenceGraph, options: LayoutOptions = {}): MapLayout {
  const ranks = assignRanks(graph);
  const boxes: Record<string, NodeBox> = {};
  for (const n of graph.nodes) {
    const width = n.kind === 'source' ? SOURCE_WIDTH : NODE_WIDTH;
    const lines = wrap(n.text, Math.floor((width - 2 * BOX.padX - 6) / BOX.charWidth), n.kind === 'source' ? BOX.sourceMaxLines : BOX.maxLines);
    const height = BOX.padTop + BOX.header + Math.max(1, lines.length) * BOX.line + BOX.footer + BOX.padBottom;
    boxes[n.key] = { x: 0, y: 0, width, height, rank: ranks.get(n.key) ?? 0, lines };
  }
  if (graph.nodes.length === 0) return { width: 0, height: 0, nodes: {}, edges: {} };

  // Typing inside a statement rarely changes the map's shape: the same nodes, columns, sizes and
  // edges get the same layout, without running dagre again.
  const signature = JSON.stringify([graph.nodes.map((n) => [n.key, boxes[n.key].rank, boxes[n.key].width, boxes[n.key].height]), graph.edges.map((e) => e.key)]);
  const cached = CACHE.get(signature);
  if (cached) {
    for (const [key, b] of Object.entries(boxes)) Object.assign(b, { x: cached.nodes[key].x, y: cached.nodes[key].y });
    const edges: Record<string, EdgeRoute> = {};
    for (const [key, r] of Object.entries(cached.edges)) edges[key] = { points: r.points.map((p) => ({ ...p })), routed: r.routed };
    return { width: cached.width, height: cached.height, nodes: boxes, edges };
  }
  const laid = graph.nodes.length > LAYERED_LIMIT ? stackColumns(graph, boxes, options.previous ?? {}) : runDagre(graph, boxes, options.previous ?? {});
  CACHE.set(signature, laid);
  if (CACHE.size > CACHE_SIZE) CACHE.delete(CACHE.keys().next().value!);
  return laid;
}

const CACHE = new Map<string, MapLayout>();
const CACHE_SIZE = 16;

/**
 * Above this many nodes the map is laid out in plain columns: dagre's time grows faster than the
 * graph (2 s for 840 nodes, 6 s for 1,640, 34 s for 3,040 on one core), and the language server
 * answers nothing else while it runs.
 */
export const LAYERED_LIMIT = 1000;

/** The input to dagre in the order it should first try: by column, then previous vertical order, then document order. */
function inColumnOrder(graph: EvidenceGraph, boxes: Record<string, NodeBox>, previous: PreviousPositions): MapNode[] {
  const docOrder = new Map(graph.nodes.map((n, i) => [n.key, i]));
  return [...graph.nodes].sort((a, b) => {
    const ra = boxes[a.key].rank - boxes[b.key].rank;
    if (ra) return ra;
    const pa = previous[a.key]?.y ?? Infinity;
    const pb = previous[b.key]?.y ?? Infinity;
    if (pa !== pb) return pa < pb ? -1 : 1;
    return docOrder.get(a.key)! - docOrder.get(b.key)!;
  });
}

/** A large map's fast layout: each column stacked top to bottom in that order; edges between columns run straight from side to side. */
function stackColumns(graph: EvidenceGraph, boxes: Record<string, NodeBox>, previous: PreviousPositions): MapLayout {
  const lastRank = Math.max(...graph.nodes.map((n) => boxes[n.key].rank));
  const widths = Array.from({ length: lastRank + 1 }, () => 0);
  for (const n of graph.nodes) widths[boxes[n.key].rank] = Math.max(widths[boxes[n.key].rank], boxes[n.key].width);
  const left = widths.map((_, r) => widths.slice(0, r).reduce((x, w) => x + w + COLUMN_GAP, 0));
  const bottom = widths.map(() => 0);
  for (const n of inColumnOrder(graph, boxes, previous)) {
    const box = boxes[n.key];
    box.x = left[box.rank] + (widths[box.rank] - box.width) / 2;
    box.y = bottom[box.rank];
    bottom[box.rank] += box.height + NODE_GAP;
  }
  const edges: Record<string, EdgeRoute> = {};
  for (const e of graph.edges) {
    const [tail, head] = ends(e).map((k) => boxes[k]);
    if (tail.rank === head.rank) edges[e.key] = { points: arc(boxes, e), routed: false };
    else {
      const side = (box: NodeBox, facing: NodeBox) => ({ x: facing.rank > box.rank ? box.x + box.width : box.x, y: box.y + box.height / 2 });
      edges[e.key] = { points: [side(tail, head), side(head, tail)], routed: true };
    }
  }
  return normalise(boxes, edges);
}
/** The space between two columns, and between two nodes of a column, as dagre leaves them. */
const COLUMN_GAP = 64;
const NODE_GAP = 14;

function runDagre(graph: EvidenceGraph, boxes: Record<string, NodeBox>, previous: PreviousPositions): MapLayout {
  const g = new dagre.graphlib.Graph({ multigraph: true });
  g.setGraph({ rankdir: 'LR', ranker: 'none', nodesep: 14, ranksep: 64, edgesep: 8, marginx: 12, marginy: 12 });
  g.setDefaultEdgeLabel(() => ({}));

  // dagre's first ordering follows insertion, and the constraints below keep the previous order.
  const ordered = inColumnOrder(graph, boxes, previous);
  // dagre makes room for edge labels by doubling each edge's length: ranks are given doubled.
  for (const n of ordered) g.setNode(n.key, { width: boxes[n.key].width, height: boxes[n.key].height, rank: boxes[n.key].rank * 2 });

  const routedByDagre = new Map<string, { v: string; w: string }>();
  for (const e of graph.edges) {
    const a = boxes[e.from].rank;
    const b = boxes[e.to].rank;
    if (a === b) continue;
    const [v, w] = a < b ? [e.from, e.to] : [e.to, e.from];
    g.setEdge(v, w, { minlen: 1, weight: isRelation(e.kind) ? 1 : 2 }, e.key);
    routedByDagre.set(e.key, { v, w });
  }

  const constraints: Array<{ left: string; right: string }> = [];
  const columns = new Map<number, string[]>();
  for (const n of ordered) {
    if (!previous[n.key]) continue;
    const r = boxes[n.key].rank;
    const col = columns.get(r) ?? [];
    col.push(n.key);
    columns.set(r, col);
  }
  for (const col of columns.values()) for (let i = 1; i < col.length; i++) constraints.push({ left: col[i - 1], right: col[i] });

  dagre.layout(g, { constraints });

  for (const n of graph.nodes) {
    const laid = g.node(n.key) as { x: number; y: number };
    const box = boxes[n.key];
    box.x = laid.x - box.width / 2;
    box.y = laid.y - box.height / 2;
  }
  const edges: Record<string, EdgeRoute> = {};
  for (const e of graph.edges) {
    const oriented = routedByDagre.get(e.key);
    if (oriented) {
      const label = g.edge({ ...oriented, name: e.key }) as { points: Point[] };
      const points = onFacingSides(label.points.map((p) => ({ x: p.x, y: p.y })), boxes[oriented.v], boxes[oriented.w]);
      // dagre's points run from the left column to the right one; the arrow runs tail to head.
      edges[e.key] = { points: ends(e)[0] === oriented.v ? points : points.reverse(), routed: true };
    } else {
      edges[e.key] = { points: arc(boxes, e), routed: false };
    }
  }
  return normalise(boxes, edges);
}

/**
 * dagre ends an edge where the line from its last bend towards the node's centre meets the box:
 * with a bend far above or below, that is the box's top or bottom, and the curve to it crosses
 * the nodes stacked above or below in the same column. An edge runs between columns, so it is
 * ended on the side that faces the other column instead, level with its bend (within the box).
 */
function onFacingSides(points: Point[], left: NodeBox, right: NodeBox): Point[] {
  if (points.length < 2) return points;
  const level = (box: NodeBox, y: number) => Math.min(box.y + box.height - SIDE_INSET, Math.max(box.y + SIDE_INSET, y));
  const last = points.length - 1;
  points[0] = { x: left.x + left.width, y: level(left, points[1].y) };
  points[last] = { x: right.x, y: level(right, points[last - 1].y) };
  return points;
}
/** How far from a box's corner an edge may end: clear of the rounded corner and the badge. */
const SIDE_INSET = 10;

/** Shift everything so that nothing (a box, an edge's bend) lies within MARGIN of the top or left, and measure. */
function normalise(boxes: Record<string, NodeBox>, edges: Record<string, EdgeRoute>): MapLayout {
  const MARGIN = 12;
  let minX = Infinity;
  let minY = Infinity;
  let maxX = -Infinity;
  let maxY = -Infinity;
  const see = (x: number, y: number) => {
    minX = Math.min(minX, x);
    minY = Math.min(minY, y);
    maxX = Math.max(maxX, x);
    maxY = Math.max(maxY, y);
  };
  for (const b of Object.values(boxes)) {
    see(b.x, b.y);
    see(b.x + b.width, b.y + b.height);
  }
  for (const r of Object.values(edges)) for (const p of r.points) see(p.x, p.y);
  const dx = MARGIN - minX;
  const dy = MARGIN - minY;
  for (const b of Object.values(boxes)) {
    b.x = round(b.x + dx);
    b.y = round(b.y + dy);
  }
  for (const r of Object.values(edges)) r.points = r.points.map((p) => ({ x: round(p.x + dx), y: round(p.y + dy) }));
  return { width: Math.ceil(maxX - minX + 2 * MARGIN), height: Math.ceil(maxY - minY + 2 * MARGIN), nodes: boxes, edges };
}

const round = (n: number) => Math.round(n * 10) / 10;
/** Tail and head of the drawn arrow: support runs from the supporter to the supported. */
export function ends(e: MapEdge): [tail: string, head: string] {
  return isRelation(e.kind) ? [e.from, e.to] : [e.to, e.from];
}

/** The positions to pass as `previous` to the next layout: each node's centre. */
export function positionsOf(layout: MapLayout): PreviousPositions {
  const out: PreviousPositions = {};
  for (const [key, b] of Object.entries(layout.nodes)) out[key] = { x: b.x + b.width / 2, y: b.y + b.height / 2 };
  return out;
}

/**
 * Columns: each node at least in its kind's column (judgments 0, claims and assumptions 1,
 * evidence 2), and to the right of everything it supports; another document's item to the
 * right of the item related to it; sources in a last column of their own. Support that runs in
 * a circle is cut where the circle closes (at the node met first in document order).
 */
export function assignRanks(graph: EvidenceGraph): Map<string, number> {
  const rank = new Map<string, number>();
  const nonSource = graph.nodes.filter((n) => n.kind !== 'source');
  const floor = (n: MapNode) => KIND_COLUMN[n.kind];
  const kind = new Map(graph.nodes.map((n) => [n.key, n]));
  // Constraint edges u -> v: v is at least one column right of u.
  const succ = new Map<string, string[]>();
  const indegree = new Map<string, number>(nonSource.map((n) => [n.key, 0]));
  const addConstraint = (u: string, v: string) => {
    if (!indegree.has(u) || !indegree.has(v) || u === v) return;
    (succ.get(u) ?? succ.set(u, []).get(u)!).push(v);
    indegree.set(v, indegree.get(v)! + 1);
  };
  for (const e of graph.edges) {
    const from = kind.get(e.from);
    const to = kind.get(e.to);
    if (!from || !to) continue;
    if (!isRelation(e.kind)) addConstraint(e.from, e.to);
    else if (to.external && !from.external) addConstraint(e.from, e.to);
    else if (from.external && !to.external) addConstraint(e.to, e.from);
  }
  const order = new Map(graph.nodes.map((n, i) => [n.key, i]));
  const remaining = new Set(nonSource.map((n) => n.key));
  const ready = nonSource.filter((n) => indegree.get(n.key) === 0).map((n) => n.key);
  for (const n of nonSource) rank.set(n.key, floor(n));
  const settle = (key: string) => {
    remaining.delete(key);
    for (const v of succ.get(key) ?? []) {
      if (!remaining.has(v)) continue;
      rank.set(v, Math.max(rank.get(v)!, rank.get(key)! + 1));
      indegree.set(v, indegree.get(v)! - 1);
      if (indegree.get(v) === 0) ready.push(v);
    }
  };
  while (remaining.size) {
    if (ready.length) {
      const key = ready.shift()!;
      if (remaining.has(key)) settle(key);
      continue;
    }
    // A circle of support: break it at the earliest node still waiting.
    const next = [...remaining].sort((a, b) => order.get(a)! - order.get(b)!)[0];
    settle(next);
  }
  let last = 0;
  for (const r of rank.values()) last = Math.max(last, r);
  const sourceColumn = nonSource.length ? last + 1 : 0;
  for (const n of graph.nodes) if (n.kind === 'source') rank.set(n.key, sourceColumn);
  return rank;
}

/** An edge dagre did not route (inside one column, or against the flow): an arc beside the column. */
function arc(boxes: Record<string, NodeBox>, e: MapEdge): Point[] {
  const [tail, head] = ends(e);
  const a = boxes[tail];
  const b = boxes[head];
  if (a.rank === b.rank) {
    const x = Math.max(a.x + a.width, b.x + b.width);
    const ya = a.y + a.height / 2;
    const yb = b.y + b.height / 2;
    const bulge = 26 + Math.min(60, Math.abs(yb - ya) / 8);
    return [
      { x: a.x + a.width, y: ya },
      { x: x + bulge, y: (ya + yb) / 2 },
      { x: b.x + b.width, y: yb },
    ];
  }
  const ac = { x: a.x + a.width / 2, y: a.y + a.height / 2 };
  const bc = { x: b.x + b.width / 2, y: b.y + b.height / 2 };
  return [clip(a, bc), clip(b, ac)];
}

/** Where the segment from the centre of `box` towards `to` leaves the box. */
function clip(box: NodeBox, to: Point): Point {
  const cx = box.x + box.width / 2;
  const cy = box.y + box.height / 2;
  const dx = to.x - cx;
  const dy = to.y - cy;
  if (dx === 0 && dy === 0) return { x: cx, y: cy };
  const sx = dx === 0 ? Infinity : box.width / 2 / Math.abs(dx);
  const sy = dy === 0 ? Infinity : box.height / 2 / Math.abs(dy);
  const s = Math.min(sx, sy);
  return { x: cx + dx * s, y: cy + dy * s };
}

/** Greedy word wrap to `width` characters and at most `maxLines` lines, the last one cut with an ellipsis. */
export function wrap(text: string, width: number, maxLines: number): string[] {
  // At least one character a line: a word would never shrink at width 0.
  width = Math.max(1, width);
  const lines: string[] = [];
  let line = '';
  for (let word of text.split(/\s+/).filter(Boolean)) {
    while (word.length > width) {
      // A word longer than a line is broken.
      if (line) lines.push(line);
      line = '';
      // Not between the halves of an emoji; at least one character, or the loop would not end.
      const cut = cutPoint(word, width - 1) || (isHighSurrogate(word.charCodeAt(0)) ? 2 : 1);
      lines.push(word.slice(0, cut) + '-');
      word = word.slice(cut);
    }
    if (!line) line = word;
    else if (line.length + 1 + word.length <= width) line += ' ' + word;
    else {
      lines.push(line);
      line = word;
    }
  }
  if (line) lines.push(line);
  if (lines.length <= maxLines) return lines;
  const kept = lines.slice(0, maxLines);
  const last = kept[maxLines - 1];
  kept[maxLines - 1] = (last.length > width - 1 ? last.slice(0, cutPoint(last, width - 1)) : last).replace(/[\s,;:.]+$/, '') + '…';
  return kept;
}
