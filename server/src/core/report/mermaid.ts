// The evidence map as a Mermaid flowchart, for the Markdown report: GitHub and GitLab draw a
// ```mermaid block, where they show no `data:` image. The same graph as the HTML map (graph.ts):
// one node per item, judgments on the left, what they stand on to the right.
//
// Mermaid reads its whole text as code, so user text never appears outside a quoted label, and
// there only as `mermaidText` writes it: every character but a few inert ones as an entity code
// (`#quot;`, `#35;`). A label then cannot end its quotes, start a line (`click`, `%%{init}%%`, an
// edge), or be read as Markdown. Node IDs are Kent's own (n1, n2…), never an item's ID.
import { RELIABILITY_COLORS, likelihoodFill, nodeFooter } from './svg';
import { truncate } from './escape';
import type { EvidenceGraph, MapEdge, MapEdgeKind, MapNode, MapNodeKind } from './graph';

/**
 * More nodes than this are unreadable in Mermaid's layout, and GitHub refuses a diagram of more
 * than 50,000 characters or 500 edges: a larger map keeps the judgments and what they stand on.
 */
export const MAX_NODES = 120;
export const MAX_EDGES = 250;
/**
 * A label's lines (the ID, the statement, the estimate): characters shown, and characters written once encoded (a line of symbols or
 * another script is cut sooner), so that the largest map stays under GitHub's 50,000.
 */
const HEAD = { chars: 32, written: 60 };
const TEXT = { chars: 60, written: 100 };
const FOOTER = { chars: 40, written: 80 };

/** Characters a quoted Mermaid label shows as they are; everything else is an entity code. */
const INERT = /^[A-Za-z0-9 .,/()'?!_+=-]$/;

/** `s` as the inside of a quoted Mermaid label (`n1["…"]`), shown as written. */
export function mermaidText(s: string): string {
  return encodedChars(s).join('');
}

/**
 * Each character of `s` as a label writes it. The `d` of "direction" is a code too: Mermaid's
 * lexer reads any line holding `direction LR` (TB, BT, RL) as a direction statement, label and all.
 */
function encodedChars(s: string): string[] {
  return [...s].map((ch, i, chars) => (ch === 'd' && chars.slice(i, i + 9).join('') === 'direction' ? '#100;' : INERT.test(ch) ? ch : ch === '"' ? '#quot;' : `#${ch.codePointAt(0)};`));
}

/** How each kind of edge is drawn: an arrow Mermaid knows, a fixed label, a colour. */
const EDGE_LOOK: Record<MapEdgeKind, { arrow: string; label?: string; color: string }> = {
  because: { arrow: '-->', color: '#4a4a4a' },
  source: { arrow: '-->', color: '#7a7a7a' },
  cites: { arrow: '-.->', color: '#4a4a4a' },
  assumes: { arrow: '-.->', label: 'assumes', color: '#7e57c2' },
  against: { arrow: '--x', label: 'against', color: '#c62828' },
  'same-as': { arrow: '==>', label: 'same as', color: '#1565c0' },
  negates: { arrow: '==>', label: 'negates', color: '#6a1b9a' },
  contradicts: { arrow: '==>', label: 'contradicts', color: '#c62828' },
  revises: { arrow: '==>', label: 'revises', color: '#e65100' },
};

const KIND_STYLE: Record<MapNodeKind | 'external', string> = {
  judgment: 'stroke:#01665e,stroke-width:2px',
  claim: 'stroke:#35978f',
  assumption: 'fill:#f6f1fb,stroke:#7e57c2',
  evidence: 'fill:#ffffff,stroke:#7a7a7a',
  source: 'stroke:#555555',
  external: 'stroke-dasharray:5 3',
};

/** What the Markdown report says under the block: how to read the arrows. */
export const MERMAID_LEGEND =
  'Solid arrow: supports (`because:`, an evidence’s `source:`); dotted arrow: cited in the statement, or `assumes`; arrow ending in a cross: cuts against (`against:`); thick labelled arrow: `same-as`, `negates`, `contradicts`, `revises`. Fill: likelihood (sources: reliability); dashed border: another document’s item.';

export interface MermaidMap {
  /** The fenced block, ```mermaid to ```. */
  block: string;
  shownNodes: number;
  totalNodes: number;
  shownEdges: number;
  totalEdges: number;
}

export function renderMapMermaid(graph: EvidenceGraph): MermaidMap {
  const kept = keptNodes(graph, MAX_NODES);
  const shown = graph.nodes.filter((n) => kept.has(n.key));
  const ids = new Map(shown.map((n, i) => [n.key, `n${i + 1}`]));
  const edges = graph.edges.filter((e) => ids.has(e.from) && ids.has(e.to)).slice(0, MAX_EDGES);
  const lines = ['```mermaid', 'flowchart LR'];
  for (const n of shown) lines.push(`  ${ids.get(n.key)}["${nodeLabel(n)}"]`);
  for (const e of edges) lines.push(`  ${ids.get(e.from)} ${edgeArrow(e)} ${ids.get(e.to)}`);
  lines.push(...classLines(graph, ids), ...fillLines(graph, ids), ...linkStyleLines(edges), '```');
  return { block: lines.join('\n'), shownNodes: ids.size, totalNodes: graph.nodes.length, shownEdges: edges.length, totalEdges: graph.edges.length };
}

/** A node's label: its ID and kind, its statement cut short, its estimate or rating; lines joined by `<br>`. */
function nodeLabel(n: MapNode): string {
  const head = `${labelLine(n.label, HEAD)}, ${n.kind}${n.resolved ? (n.resolved.value ? ', came true' : ', did not happen') : ''}`;
  return [head, labelLine(n.text, TEXT), labelLine(nodeFooter(n, FOOTER.chars), FOOTER)].filter((l) => l.length > 0).join('<br>');
}

/** `text` cut to `chars` characters, encoded, and cut again (with an ellipsis) to `written`. */
function labelLine(text: string, size: { chars: number; written: number }): string {
  const chars = encodedChars(truncate(text, size.chars));
  const whole = chars.join('');
  if (whole.length <= size.written) return whole;
  const ELLIPSIS = mermaidText('…');
  let out = '';
  for (const code of chars) {
    if (out.length + code.length > size.written - ELLIPSIS.length) break;
    out += code;
  }
  return out + ELLIPSIS;
}

function edgeArrow(e: MapEdge): string {
  const look = EDGE_LOOK[e.kind];
  return look.label ? `${look.arrow}|"${look.label}"|` : look.arrow;
}

/** `class n1,n4 judgment`: a class per kind, and `external` for another document's items. */
function classLines(graph: EvidenceGraph, ids: Map<string, string>): string[] {
  const members = new Map<MapNodeKind | 'external', string[]>();
  for (const n of graph.nodes) {
    const id = ids.get(n.key);
    if (!id) continue;
    push(members, n.kind, id);
    if (n.external) push(members, 'external', id);
  }
  return [...members].flatMap(([cls, list]) => [`  classDef ${cls} ${KIND_STYLE[cls]}`, `  class ${list.join(',')} ${cls}`]);
}

/** Each estimate's fill on the HTML map's likelihood scale; each source's by its reliability. */
function fillLines(graph: EvidenceGraph, ids: Map<string, string>): string[] {
  const out: string[] = [];
  for (const n of graph.nodes) {
    const id = ids.get(n.key);
    const fill = n.estimate ? likelihoodFill(n.estimate.midpoint) : n.kind === 'source' && n.reliability ? RELIABILITY_COLORS[n.reliability] : undefined;
    if (id && fill) out.push(`  style ${id} fill:${fill}`);
  }
  return out;
}

/** `linkStyle 0,3 stroke:#c62828`: the edges of a kind in its colour (Mermaid numbers edges as written). */
function linkStyleLines(edges: readonly MapEdge[]): string[] {
  const byColor = new Map<string, number[]>();
  edges.forEach((e, i) => push(byColor, EDGE_LOOK[e.kind].color, i));
  return [...byColor].map(([color, list]) => `  linkStyle ${list.join(',')} stroke:${color}`);
}

/**
 * The nodes a capped map keeps: the document's judgments, then what they stand on, breadth first
 * along the edges, then the rest in the graph's order, up to `max`.
 */
function keptNodes(graph: EvidenceGraph, max: number): Set<string> {
  if (graph.nodes.length <= max) return new Set(graph.nodes.map((n) => n.key));
  const next = new Map<string, string[]>();
  for (const e of graph.edges) push(next, e.from, e.to);
  const kept = new Set<string>();
  const queue = graph.nodes.filter((n) => n.kind === 'judgment' && !n.external).map((n) => n.key);
  for (let i = 0; i < queue.length && kept.size < max; i++) {
    if (kept.has(queue[i])) continue;
    kept.add(queue[i]);
    queue.push(...(next.get(queue[i]) ?? []));
  }
  for (const n of graph.nodes) if (kept.size < max) kept.add(n.key);
  return kept;
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}
