// The evidence map of one document as a graph: one node per item of the document (judgments,
// claims, assumptions, evidence, sources), one per source it cites that is defined elsewhere
// (another document's `source` block or a bibliography entry), and one per item of another
// document that a cross-document relation or support names. Edges are the relations:
// `because` (and inline citations), an evidence's `source`, `against`, `assumes`, and the
// relations between estimates `same-as`, `negates`, `contradicts`, `revises` — in both
// directions across documents. Pure: no layout, no rendering, no I/O.
import { estimateOf } from '../estimate';
import { scaleTerms, type ScaleName } from '../estimative';
import type { Citation, Item, ItemRef, KentDocument, Ref } from '../model';
import { reportEstimate, segments, unreadValues, validConfidence } from './common';
import { sourceFacts } from '../sources';
import { supportOf } from '../support';
import type { Code, KentDiagnostic, Severity, Span } from '../types';
import { nodeKey, type LocatedItem, type ResolvedSource, type Workspace } from '../workspace';
import { flat } from './escape';

export type MapNodeKind = 'judgment' | 'claim' | 'assumption' | 'evidence' | 'source';

/** Support-like edges point from the item that stands on something to what it stands on. */
export type SupportEdgeKind = 'because' | 'cites' | 'source' | 'against' | 'assumes';
/** Relations between estimates point from the item that declares them to the other one. */
export type RelationEdgeKind = 'same-as' | 'negates' | 'contradicts' | 'revises';
export type MapEdgeKind = SupportEdgeKind | RelationEdgeKind;

export const SUPPORT_EDGES: readonly SupportEdgeKind[] = ['because', 'cites', 'source', 'against', 'assumes'];
export const RELATION_EDGES: readonly RelationEdgeKind[] = ['same-as', 'negates', 'contradicts', 'revises'];

export function isRelation(kind: MapEdgeKind): kind is RelationEdgeKind {
  return (RELATION_EDGES as readonly string[]).includes(kind);
}

export interface MapEstimate {
  lo: number;
  hi: number;
  /** The interval's midpoint: the probability the map colours by and calibration scores. */
  midpoint: number;
  /** As written: "likely", "70%", "stated as fact". */
  label: string;
  /** Words for it on the scale ("likely" for 70%), when the midpoint falls in a term. */
  words?: string;
  from: 'likelihood' | 'statement' | 'fact';
}

export interface NodeProblems {
  errors: number;
  warnings: number;
  infos: number;
  hints: number;
  /** The most severe first, at most a handful, for tooltips. */
  messages: Array<{ severity: Severity; code: Code; message: string }>;
}

export interface MapNode {
  /** Stable across edits: `item:PATH#ID` for an item, `source:KEY` for a source. */
  key: string;
  kind: MapNodeKind;
  /** The ID as written in the item's document, or the source key. */
  id: string;
  /** What the map shows: `KJ1`, `nie-1998/KJ1` for another document's item, `iiss-2024`. */
  label: string;
  /** Statement (items) or title (sources), whitespace collapsed. */
  text: string;
  /** Assessment ID of the document that defines it, if it has one. */
  doc?: string;
  /** An item of another document (shown for a cross-document relation or support). */
  external: boolean;
  /** Where it is defined: a workspace path (a `.kent` document or a bibliography) and the ID's span. */
  location?: { path: string; span: Span };
  estimate?: MapEstimate;
  /** A likelihood written but not understood (`fairly likely`), as written: shown so, not as "no likelihood". */
  unreadLikelihood?: string;
  confidence?: string;
  /** Sources: `A`–`F`, undefined when unrated. */
  reliability?: string;
  /** Evidence: `1`–`6`. */
  credibility?: string;
  /** Judgments with `resolved:`. */
  resolved?: { value: boolean; date?: string };
  problems: NodeProblems;
}

export interface MapEdge {
  /** `FROM|KIND|TO`: unique in a graph. */
  key: string;
  from: string;
  to: string;
  kind: MapEdgeKind;
}

export interface EvidenceGraph {
  /** The document's path and assessment. */
  path: string;
  title: string;
  assessment?: string;
  /** Document items first, in document order; then the others in order of first reference. */
  nodes: MapNode[];
  edges: MapEdge[];
  /** Diagnostics of the document not inside any item (prose, headings, the assessment block). */
  unattached: NodeProblems;
}

const emptyProblems = (): NodeProblems => ({ errors: 0, warnings: 0, infos: 0, hints: 0, messages: [] });
const SEVERITY_RANK: Record<Severity, number> = { error: 0, warning: 1, info: 2, hint: 3 };
const MAX_MESSAGES = 6;

/**
 * The estimate of an item as the map and the report show it (judgments and claims only). A
 * judgment that says nothing of how likely it is shows none (the checks say missing-likelihood):
 * only a claim is asserted as fact, and only comparisons read a judgment so.
 */
export function mapEstimate(at: LocatedItem, scale: ScaleName): MapEstimate | undefined {
  const { item } = at;
  const e = estimateOf(at, scale);
  if (!e || (e.from === 'fact' && item.kind === 'judgment')) return undefined;
  const midpoint = (e.interval.lo + e.interval.hi) / 2;
  return { lo: e.interval.lo, hi: e.interval.hi, midpoint, label: e.label, words: termWords(midpoint, scale), from: e.from };
}

/** The scale term whose interval holds `p` (the narrower, on a shared boundary). */
export function termWords(p: number, scale: ScaleName): string | undefined {
  const hits = scaleTerms(scale).filter((t) => p >= t.interval.lo - 1e-9 && p <= t.interval.hi + 1e-9);
  hits.sort((a, b) => a.interval.hi - a.interval.lo - (b.interval.hi - b.interval.lo));
  return hits[0]?.canonical;
}

export interface GraphOptions {
  /** How an inline citation reads in a node's text (default: `[key, p. 4]`; a report numbers them). */
  citation?: (c: Citation) => string;
}

/** A statement as a node shows it: citations as `options.citation` says, `[[ID]]` as `ID`, whitespace collapsed. */
export function nodeText(item: Item, options: GraphOptions = {}): string {
  const cite = options.citation ?? ((c: Citation) => `[${c.refs.map((r) => (r.prefix ? `${r.prefix} ` : '') + r.key + (r.locator ? `, ${r.locator}` : '')).join('; ')}]`);
  const text = segments(item.statement, item.statementSpan.start, item.citations, item.links)
    .map((s) => (s.type === 'text' ? s.text : s.type === 'cite' ? cite(s.citation) : s.ref.doc ? `${s.ref.doc}/${s.ref.id}` : s.ref.id))
    .join('');
  return flat(text);
}

/** Build the evidence map of `doc`; `diagnostics` (from `checkDocument`) mark the nodes they fall in. */
export function buildEvidenceGraph(ws: Workspace, doc: KentDocument, diagnostics: readonly KentDiagnostic[] = [], options: GraphOptions = {}): EvidenceGraph {
  const scale = ws.config.scale;
  const nodes = new Map<string, MapNode>();
  const edges = new Map<string, MapEdge>();
  const local = new Map<string, Item>();
  for (const item of doc.items) if (item.kind !== 'assessment' && !local.has(item.id)) local.set(item.id, item);

  const itemNode = (at: LocatedItem): string | undefined => {
    if (at.item.kind === 'assessment') return undefined;
    if (at.item.kind === 'source') return sourceNode(at.item.id, ws.resolveSource(at.doc, at.item.id));
    const key = 'item:' + nodeKey(at.doc, at.item);
    if (nodes.has(key)) return key;
    const external = at.doc !== doc;
    const docId = at.doc.assessment?.id;
    const item = at.item;
    const node: MapNode = {
      key,
      kind: item.kind as MapNodeKind,
      id: item.id,
      label: external ? `${docId ?? at.doc.path}/${item.id}` : item.id,
      text: external ? nodeText(item) : nodeText(item, options),
      ...(docId ? { doc: docId } : {}),
      external,
      location: { path: at.doc.path, span: item.idSpan },
      problems: emptyProblems(),
    };
    // As the report has it: a likelihood not understood is no estimate, not one read from the statement instead.
    const unread = unreadValues(item, scale);
    const estimate = reportEstimate(at, scale, unread);
    if (estimate) node.estimate = estimate;
    if (unread.likelihood) node.unreadLikelihood = unread.likelihood.text;
    const confidence = validConfidence(item);
    if (confidence) node.confidence = confidence;
    if (item.credibility) node.credibility = item.credibility.value.trim();
    if (item.resolved) node.resolved = { ...item.resolved };
    nodes.set(key, node);
    return key;
  };

  const sourceNode = (key: string, resolved: ResolvedSource | undefined): string | undefined => {
    if (!resolved) return undefined;
    const nodeKeyOf = 'source:' + key;
    if (nodes.has(nodeKeyOf)) return nodeKeyOf;
    const facts = sourceFacts(resolved);
    const where = resolved.kind === 'block' ? { path: resolved.doc.path, span: resolved.item.idSpan } : { path: resolved.bibPath, span: resolved.entry.keySpan };
    const docId = resolved.kind === 'block' ? resolved.doc.assessment?.id : undefined;
    nodes.set(nodeKeyOf, {
      key: nodeKeyOf,
      kind: 'source',
      id: key,
      label: key,
      text: facts.title ? flat(facts.title) : key,
      ...(docId ? { doc: docId } : {}),
      external: false,
      location: where,
      ...(facts.reliability && /^[A-F]$/.test(facts.reliability) ? { reliability: facts.reliability } : {}),
      problems: emptyProblems(),
    });
    return nodeKeyOf;
  };

  const addEdge = (from: string | undefined, to: string | undefined, kind: MapEdgeKind) => {
    if (!from || !to || from === to) return;
    const key = `${from}|${kind}|${to}`;
    if (!edges.has(key)) edges.set(key, { key, from, to, kind });
  };

  /** A ref where support or `against` expects an item or a source. */
  const refTarget = (ref: Ref): string | undefined => {
    if (ref.type === 'source') return sourceNode(ref.key, ws.resolveSource(doc, ref.key));
    const target = ws.resolveItem(doc, ref);
    if (target) return itemNode(target);
    return ref.doc === undefined ? sourceNode(ref.id, ws.resolveSource(doc, ref.id)) : undefined;
  };
  const itemTarget = (ref: ItemRef): string | undefined => {
    const target = ws.resolveItem(doc, ref);
    return target && itemNode(target);
  };

  // Every item of the document first, so that they come in document order.
  const localKeys = new Map<Item, string>();
  for (const item of local.values()) {
    const key = itemNode({ doc, item });
    if (key) localKeys.set(item, key);
  }

  for (const item of local.values()) {
    const from = localKeys.get(item);
    if (!from || item.kind === 'source') continue;
    for (const s of supportOf(ws, doc, item)) {
      const to = s.kind === 'item' ? itemNode(s.target) : s.kind === 'source' ? sourceNode(s.source.key, s.source) : undefined;
      const kind: MapEdgeKind = item.kind === 'evidence' ? 'source' : item.because.includes(s.ref) ? 'because' : 'cites';
      addEdge(from, to, kind);
    }
    for (const ref of item.against) addEdge(from, refTarget(ref), 'against');
    for (const ref of item.assumes) addEdge(from, itemTarget(ref), 'assumes');
    if (item.sameAs) addEdge(from, itemTarget(item.sameAs), 'same-as');
    if (item.negates) addEdge(from, itemTarget(item.negates), 'negates');
    if (item.revises) addEdge(from, itemTarget(item.revises), 'revises');
    for (const ref of item.contradicts) addEdge(from, itemTarget(ref), 'contradicts');
  }

  // Relations other documents declare towards this one's items.
  for (const item of local.values()) {
    const here = { doc, item };
    for (const other of ws.referrers(here)) {
      if (other.doc === doc) continue;
      const relations: Array<[RelationEdgeKind, ItemRef | undefined]> = [
        ['same-as', other.item.sameAs],
        ['negates', other.item.negates],
        ['revises', other.item.revises],
        ...other.item.contradicts.map((r): [RelationEdgeKind, ItemRef] => ['contradicts', r]),
      ];
      for (const [kind, ref] of relations) {
        if (!ref) continue;
        const target = ws.resolveItem(other.doc, ref);
        if (target?.doc === doc && target.item === item) addEdge(itemNode(other), localKeys.get(item), kind);
      }
    }
  }

  const unattached = attachProblems(doc, [...local.values()], localKeys, nodes, diagnostics);
  const title = doc.assessment ? flat(doc.assessment.statement) || doc.assessment.id : doc.path;
  return { path: doc.path, title, ...(doc.assessment ? { assessment: doc.assessment.id } : {}), nodes: [...nodes.values()], edges: [...edges.values()], unattached };
}

/** Count each diagnostic of the document on the item it falls in; the rest are unattached. */
function attachProblems(doc: KentDocument, items: Item[], keys: Map<Item, string>, nodes: Map<string, MapNode>, diagnostics: readonly KentDiagnostic[]): NodeProblems {
  const unattached = emptyProblems();
  const sorted = [...items].sort((a, b) => a.span.start - b.span.start);
  for (const d of diagnostics) {
    if (d.path !== doc.path) continue;
    const item = containing(sorted, d.span.start);
    const key = item && keys.get(item);
    const target = (key && nodes.get(key)?.problems) || unattached;
    count(target, d);
  }
  for (const p of [...[...nodes.values()].map((n) => n.problems), unattached]) {
    p.messages = p.messages.sort((a, b) => SEVERITY_RANK[a.severity] - SEVERITY_RANK[b.severity]).slice(0, MAX_MESSAGES);
  }
  return unattached;
}

function count(p: NodeProblems, d: KentDiagnostic): void {
  if (d.severity === 'error') p.errors++;
  else if (d.severity === 'warning') p.warnings++;
  else if (d.severity === 'info') p.infos++;
  else p.hints++;
  p.messages.push({ severity: d.severity, code: d.code, message: d.message });
}

function containing(items: Item[], offset: number): Item | undefined {
  let lo = 0;
  let hi = items.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const item = items[mid];
    if (offset < item.span.start) hi = mid - 1;
    else if (offset > item.span.end) lo = mid + 1;
    else return item;
  }
  return undefined;
}
