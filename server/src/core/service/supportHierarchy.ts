// The chain of support as the editor's call hierarchy: an item "calls" what it stands on. Its
// outgoing calls are its support (`because`, inline citations, an evidence's source), its
// incoming calls the items that stand on it, so an analyst can walk from a key judgment down to
// its sources, or up from a source to every judgment that rests on it, across documents.
import type { BlockKind, Item, KentDocument } from '../model';
import { supportOf, type Support } from '../support';
import type { Span } from '../types';
import type { LocatedItem, ResolvedSource, Workspace } from '../workspace';
import { targetAt } from './navigation';

/** One link of a chain: an item of a document, or a source (a block, or a bibliography entry). */
export interface SupportLink {
  name: string;
  /** The block's kind; `entry` for a bibliography entry. */
  kind: BlockKind | 'entry';
  /** Its statement or title, for the line beside the name. */
  detail: string;
  path: string;
  /** The whole block (the entry's key for a bibliography entry). */
  span: Span;
  /** Its ID (or key). */
  selectionSpan: Span;
  /** What finds it again in a later request: an item by document and ID, a source by key as read from a document. */
  handle: SupportHandle;
}

/**
 * An item by document and ID, and which of the items of that ID it is (0 but for a duplicate ID:
 * the second `C1` has its own support, though refs reach only the first).
 */
export type SupportHandle = { kind: 'item'; path: string; id: string; nth: number } | { kind: 'source'; key: string; from: string };

/** A link and the places in the standing item that name the other: the refs written. */
export interface SupportStep {
  link: SupportLink;
  refs: Span[];
}

/** The link at `offset`: an item's ID or a ref to it, a source's key or a citation of it. */
export function supportLinkAt(ws: Workspace, doc: KentDocument, offset: number): SupportLink | undefined {
  const t = targetAt(ws, doc, offset);
  if (t?.kind === 'item') return itemLink(ws, t.at);
  // An evidence's own ID is read as its source elsewhere (hover, rename); here it is the evidence.
  if (t?.kind === 'source' && t.evidence && t.span === t.evidence.idSpan) return itemLink(ws, { doc, item: t.evidence });
  if (t?.kind === 'source' && t.resolved) return sourceLink(ws, t.resolved);
  return undefined;
}

/** What `link` stands on, in the order written, with the refs that name each. */
export function standsOn(ws: Workspace, link: SupportLink): SupportStep[] {
  const at = itemOf(ws, link.handle);
  if (!at) return [];
  const steps = new Map<string, SupportStep>();
  for (const s of supportOf(ws, at.doc, at.item)) {
    const to = stepLink(ws, s);
    if (!to) continue;
    const key = handleKey(to.handle);
    const known = steps.get(key);
    if (known) known.refs.push(s.ref.span);
    else steps.set(key, { link: to, refs: [s.ref.span] });
  }
  return [...steps.values()];
}

/** The items that stand on `link`, with the refs in each that name it. */
export function standingOn(ws: Workspace, link: SupportLink): SupportStep[] {
  const target = handleKey(link.handle);
  const out: SupportStep[] = [];
  for (const at of candidates(ws, link.handle)) {
    const refs: Span[] = [];
    for (const s of supportOf(ws, at.doc, at.item)) {
      const to = stepLink(ws, s);
      if (to && handleKey(to.handle) === target) refs.push(s.ref.span);
    }
    if (refs.length) out.push({ link: itemLink(ws, at), refs });
  }
  return out;
}

/** Items that may stand on what `handle` names: those with a ref that could resolve to it. */
function candidates(ws: Workspace, handle: SupportHandle): LocatedItem[] {
  const found = new Map<Item, LocatedItem>();
  const add = (doc: KentDocument, item: Item | undefined) => {
    if (item && !found.has(item)) found.set(item, { doc, item });
  };
  if (handle.kind === 'item') {
    const at = itemOf(ws, handle);
    if (at) for (const e of ws.refsNaming(at)) add(e.doc, e.item);
  } else {
    const { keyed, bare } = ws.refsToKey(handle.key);
    for (const e of [...keyed, ...bare]) add(e.doc, e.item);
    // A source block is also an item: a ref to it by ID (`nie-1998/iiss`) stands on it.
    const block = resolveHandle(ws, handle);
    if (block?.kind === 'block') for (const e of ws.refsNaming({ doc: block.doc, item: block.item })) add(e.doc, e.item);
  }
  return [...found.values()];
}

function stepLink(ws: Workspace, s: Support): SupportLink | undefined {
  if (s.kind === 'item') return s.target.item.kind === 'source' ? sourceOfBlock(ws, s.target) : itemLink(ws, s.target);
  if (s.kind === 'source') return sourceLink(ws, s.source);
  return undefined;
}

function itemLink(ws: Workspace, { doc, item }: LocatedItem): SupportLink {
  const nth = Math.max(0, ws.itemsIn(doc, item.id).indexOf(item));
  return { name: item.id, kind: item.kind, detail: oneLine(item.statement), path: doc.path, span: item.span, selectionSpan: item.idSpan, handle: { kind: 'item', path: doc.path, id: item.id, nth } };
}

function sourceOfBlock(ws: Workspace, at: LocatedItem): SupportLink {
  return sourceLink(ws, { kind: 'block', key: at.item.id, doc: at.doc, item: at.item });
}

/** The link of a source found outside a document (a bibliography entry's key). */
export function sourceLink(ws: Workspace, source: ResolvedSource): SupportLink {
  if (source.kind === 'block') {
    return { ...itemLink(ws, source), handle: { kind: 'source', key: source.key, from: source.doc.path } };
  }
  const { entry } = source;
  const detail = [entry.title, entry.author, entry.date].filter(Boolean).join(' · ');
  return { name: entry.key, kind: 'entry', detail: oneLine(detail), path: source.bibPath, span: entry.keySpan, selectionSpan: entry.keySpan, handle: { kind: 'source', key: source.key, from: source.doc.path } };
}

/** The item a handle names, as the workspace is now. */
function itemOf(ws: Workspace, handle: SupportHandle): LocatedItem | undefined {
  if (handle.kind === 'source') {
    const block = resolveHandle(ws, handle);
    return block?.kind === 'block' ? { doc: block.doc, item: block.item } : undefined;
  }
  const doc = ws.getDocument(handle.path);
  const item = doc && ws.itemsIn(doc, handle.id)[handle.nth];
  return doc && item ? { doc, item } : undefined;
}

function resolveHandle(ws: Workspace, handle: Extract<SupportHandle, { kind: 'source' }>): ResolvedSource | undefined {
  const from = ws.getDocument(handle.from);
  return from && ws.resolveSource(from, handle.key);
}

/** One name per thing: a source block reached as an item and as a source is one link. */
function handleKey(handle: SupportHandle): string {
  return handle.kind === 'item' ? `item\u0000${handle.path}\u0000${handle.id}\u0000${handle.nth}` : `source\u0000${handle.key}`;
}

function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}
