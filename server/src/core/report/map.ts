// What the language server answers to `kent/evidenceMap`: the graph, its layout and its SVG,
// ready for the editor's webview to show as they are. The editor sends back the node positions
// of the map it shows, so that the next layout keeps the nodes' order (see layout.ts).
import type { KentDocument } from '../model';
import type { KentDiagnostic } from '../types';
import type { Workspace } from '../workspace';
import { buildEvidenceGraph, type EvidenceGraph, type MapEdge, type MapNode } from './graph';
import { layoutEvidenceGraph, positionsOf, type MapLayout, type PreviousPositions } from './layout';
import { renderMapSvg } from './svg';

export interface EvidenceMap {
  title: string;
  path: string;
  nodes: Array<MapNode & { box: MapLayout['nodes'][string] }>;
  edges: MapEdge[];
  width: number;
  height: number;
  /** Centre of each node: what to send as `previous` next time. */
  positions: PreviousPositions;
  /** The map as SVG (standalone, no script, no external reference). */
  svg: string;
  /** Problems of the document outside any item (prose, the assessment block). */
  unattached: EvidenceGraph['unattached'];
}

export function evidenceMap(ws: Workspace, doc: KentDocument, diagnostics: readonly KentDiagnostic[], previous?: PreviousPositions): EvidenceMap {
  const graph = buildEvidenceGraph(ws, doc, diagnostics);
  const layout = layoutEvidenceGraph(graph, previous ? { previous } : {});
  const svg = renderMapSvg(graph, layout, { standalone: true, idPrefix: 'kent-map' });
  return {
    title: graph.title,
    path: graph.path,
    nodes: graph.nodes.map((n) => ({ ...n, box: layout.nodes[n.key] })),
    edges: graph.edges,
    width: layout.width,
    height: layout.height,
    positions: positionsOf(layout),
    svg,
    unattached: graph.unattached,
  };
}
