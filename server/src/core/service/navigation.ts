// What is under the cursor, and where else it is: go to definition, find references, rename,
// highlight. Items are found by ID (`C1`, `nie-1998/KJ1`), sources by key (`@iiss-2024`, a bare
// `source:` value, a `source` block's own ID; a source key means one source workspace-wide), and
// assessments by their ID (an `assessment` block's, `supersedes:`, the `nie-1998/` of a ref).
import type { Item, ItemRef, KentDocument, Ref, SourceRef } from '../model';
import type { Span } from '../types';
import { relationRefs, type LocatedItem, type ResolvedSource, type Workspace } from '../workspace';

export interface Location {
  path: string;
  span: Span;
}

export type Target =
  | { kind: 'item'; span: Span; at: LocatedItem; ref?: ItemRef }
  | { kind: 'assessment'; span: Span; id: string }
  | { kind: 'source'; span: Span; key: string; resolved?: ResolvedSource; ref?: SourceRef; evidence?: Item }
  | { kind: 'unresolved-item'; span: Span; ref: ItemRef };

const within = (s: Span, offset: number) => offset >= s.start && offset <= s.end;
/** Whether the cursor is on a ref: its span, or the `@` before a key. */
const onRef = (doc: KentDocument, r: Ref, offset: number) => within(r.span, offset) || (r.type === 'source' && offset === r.span.start - 1 && doc.source.charCodeAt(offset) === 0x40);

/** The item or source at `offset` in `doc`: a definition's ID or any reference to one. */
export function targetAt(ws: Workspace, doc: KentDocument, offset: number): Target | undefined {
  for (const item of doc.items) {
    if (offset < item.span.start || offset > item.span.end) continue;
    if (within(item.idSpan, offset)) {
      if (item.kind === 'assessment') return { kind: 'assessment', span: item.idSpan, id: item.id };
      if (item.kind === 'source') return { kind: 'source', span: item.idSpan, key: item.id, resolved: ws.resolveSource(doc, item.id) };
      if (item.kind === 'evidence' && item.source) return { kind: 'source', span: item.idSpan, key: item.source.key, resolved: ws.resolveSource(doc, item.source.key), evidence: item };
      return { kind: 'item', span: item.idSpan, at: { doc, item } };
    }
    const superseded = item.supersedes.find((r) => within(r.span, offset));
    if (superseded) return { kind: 'assessment', span: superseded.span, id: superseded.id };
    const ref = relationRefs(item).find((r) => onRef(doc, r, offset));
    if (ref) return refTarget(ws, doc, ref, item);
    return undefined;
  }
  for (const p of doc.prose) {
    if (offset < p.span.start || offset > p.span.end) continue;
    const ref = [...p.links, ...p.citations.flatMap((c) => c.refs)].find((r) => onRef(doc, r, offset));
    return ref && refTarget(ws, doc, ref);
  }
  return undefined;
}

function refTarget(ws: Workspace, doc: KentDocument, ref: Ref, owner?: Item): Target | undefined {
  if (ref.type === 'source') {
    const evidence = owner?.kind === 'evidence' && owner.source === ref ? owner : undefined;
    return { kind: 'source', span: ref.span, key: ref.key, resolved: ws.resolveSource(doc, ref.key), ref, ...(evidence ? { evidence } : {}) };
  }
  const at = ws.resolveItem(doc, ref);
  if (at) {
    if (at.item.kind === 'source') return { kind: 'source', span: ref.span, key: at.item.id, resolved: ws.resolveSource(at.doc, at.item.id) };
    if (at.item.kind === 'evidence' && at.item.source) return { kind: 'item', span: ref.span, at, ref };
    return { kind: 'item', span: ref.span, at, ref };
  }
  // A bare ID that names no item may be a source key (`because: iiss-2024`).
  if (ref.doc === undefined) {
    const resolved = ws.resolveSource(doc, ref.id);
    if (resolved) return { kind: 'source', span: ref.span, key: ref.id, resolved };
  }
  return { kind: 'unresolved-item', span: ref.span, ref };
}

/** Where the thing at `offset` is defined: the item's block, the source block or bibliography entry. */
export function definition(ws: Workspace, doc: KentDocument, offset: number): Location[] {
  const t = targetAt(ws, doc, offset);
  if (!t) return [];
  if (t.kind === 'item') return [{ path: t.at.doc.path, span: t.at.item.idSpan }];
  if (t.kind === 'assessment') return ws.documentsNamed(t.id).map((d) => ({ path: d.path, span: d.assessment!.idSpan }));
  if (t.kind !== 'source') return [];
  if (t.evidence && t.span === t.evidence.idSpan) return [{ path: doc.path, span: t.evidence.idSpan }];
  const blocks = ws.sourceBlocks(t.key);
  if (blocks.length) return blocks.map((b) => ({ path: b.doc.path, span: b.item.idSpan }));
  if (t.resolved?.kind === 'bibliography') return [{ path: t.resolved.bibPath, span: t.resolved.entry.keySpan }];
  return [];
}

interface Occurrence extends Location {
  /** The span to replace on rename (the ID alone, without a `doc/` prefix or `@`). */
  nameSpan: Span;
  isDefinition: boolean;
}

/** Every occurrence, across the workspace or in the one document `only`, of the item, source or assessment at `offset`. */
function occurrences(ws: Workspace, doc: KentDocument, offset: number, only?: KentDocument): { target: Target; found: Occurrence[] } | undefined {
  const target = targetAt(ws, doc, offset);
  if (!target || target.kind === 'unresolved-item') return undefined;
  if (target.kind === 'item') return { target, found: occurrencesOfItem(ws, target.at, only) };
  const docs = only ? [only] : ws.documents();
  if (target.kind === 'assessment') return { target, found: assessmentOccurrences(target.id, docs) };
  const found: Occurrence[] = [];
  const idOnly = (r: ItemRef): Span => ({ start: r.span.end - r.id.length, end: r.span.end });
  for (const d of docs) {
    const refsOf = (item?: Item): Ref[] => (item ? [...relationRefs(item)] : [...d.prose.flatMap((p) => [...p.links, ...p.citations.flatMap((c) => c.refs)])]);
    const visit = (ref: Ref) => {
      if (ref.type === 'source') {
        if (ref.key === target.key) found.push({ path: d.path, span: ref.span, nameSpan: ref.span, isDefinition: false });
        return;
      }
      const named = ws.resolveItem(d, ref);
      const isThisSource = named ? named.item.kind === 'source' && named.item.id === target.key : ref.doc === undefined && ref.id === target.key;
      if (isThisSource) found.push({ path: d.path, span: ref.span, nameSpan: idOnly(ref), isDefinition: false });
    };
    for (const item of d.items) {
      relationRefs(item).forEach(visit);
      if (item.kind === 'source' && item.id === target.key) found.push({ path: d.path, span: item.idSpan, nameSpan: item.idSpan, isDefinition: true });
    }
    refsOf().forEach(visit);
  }
  if (target.resolved?.kind === 'bibliography' && ws.sourceBlocks(target.key).length === 0) {
    const e = target.resolved.entry;
    found.push({ path: target.resolved.bibPath, span: e.keySpan, nameSpan: e.keySpan, isDefinition: true });
  }
  return { target, found: dedupe(found) };
}

/** Where documents name an assessment: its own block, `supersedes:`, and the `id/` of refs into it. */
function assessmentOccurrences(id: string, within: readonly KentDocument[]): Occurrence[] {
  const found: Occurrence[] = [];
  for (const d of within) {
    const prefix = (r: Ref) => {
      if (r.type !== 'item' || r.doc !== id) return;
      const span = { start: r.span.start, end: r.span.start + id.length };
      found.push({ path: d.path, span, nameSpan: span, isDefinition: false });
    };
    for (const item of d.items) {
      if (item === d.assessment && item.id === id) found.push({ path: d.path, span: item.idSpan, nameSpan: item.idSpan, isDefinition: true });
      for (const r of item.supersedes) if (r.id === id) found.push({ path: d.path, span: r.span, nameSpan: r.span, isDefinition: false });
      relationRefs(item).forEach(prefix);
    }
    for (const p of d.prose) p.links.forEach(prefix);
  }
  return dedupe(found);
}

function dedupe(list: Occurrence[]): Occurrence[] {
  const seen = new Set<string>();
  return list.filter((o) => {
    const k = `${o.path}:${o.nameSpan.start}`;
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}

export function references(ws: Workspace, doc: KentDocument, offset: number, includeDeclaration: boolean): Location[] {
  const t = targetAt(ws, doc, offset);
  // On an evidence's own ID, the references are to the evidence (its hover shows its source).
  const found = t?.kind === 'source' && t.evidence && t.span === t.evidence.idSpan ? occurrencesOfItem(ws, { doc, item: t.evidence }) : occurrences(ws, doc, offset)?.found;
  return (found ?? []).filter((o) => includeDeclaration || !o.isDefinition).map(({ path, span }) => ({ path, span }));
}

export function prepareRename(ws: Workspace, doc: KentDocument, offset: number): { span: Span; placeholder: string } | { error: string } {
  const t = targetAt(ws, doc, offset);
  if (!t) return { error: 'Nothing to rename here: place the cursor on an item ID or a source key' };
  if (t.kind === 'unresolved-item') return { error: `${t.ref.id} names nothing, so there is nothing to rename` };
  if (t.kind === 'item') {
    const span = t.ref ? { start: t.ref.span.end - t.ref.id.length, end: t.ref.span.end } : t.span;
    return { span, placeholder: t.at.item.id };
  }
  if (t.kind === 'assessment') {
    const named = ws.documentsNamed(t.id).length;
    if (named === 0) return { error: `no assessment named ${t.id} in the workspace, so there is nothing to rename` };
    if (named > 1) return { error: `${named} documents are named ${t.id}: rename one of their assessment blocks by hand first` };
    return { span: t.span, placeholder: t.id };
  }
  if (t.evidence && t.span === t.evidence.idSpan) return { span: t.span, placeholder: t.evidence.id };
  return { span: t.span, placeholder: t.key };
}

const ID = /^[A-Za-z][A-Za-z0-9_-]*$/;
const KEY = /^[A-Za-z0-9_][A-Za-z0-9_\-:./+]*$/;

/** The edits that rename the item or source at `offset` everywhere, or why it cannot. */
export function rename(ws: Workspace, doc: KentDocument, offset: number, newName: string): { edits: Array<Location & { newText: string }> } | { error: string } {
  const prepared = prepareRename(ws, doc, offset);
  if ('error' in prepared) return prepared;
  const t = targetAt(ws, doc, offset)!;
  const evidenceItself = t.kind === 'source' && t.evidence && t.span === t.evidence.idSpan;
  const isSource = t.kind === 'source' && !evidenceItself;
  if (isSource ? !KEY.test(newName) || !ID.test(newName) : !ID.test(newName)) {
    return { error: `"${newName}" is not a valid ${isSource ? 'source key' : 'ID'}: it must start with an ASCII letter (A–Z, a–z) and hold only ASCII letters, digits, _ and -` };
  }
  if (t.kind === 'assessment' && newName !== t.id && ws.documentsNamed(newName).length) return { error: `an assessment named ${newName} already exists` };
  const owner = t.kind === 'item' ? t.at : evidenceItself ? { doc, item: t.evidence! } : undefined;
  if (owner && ws.itemIn(owner.doc, newName)) return { error: `${owner.doc.path} already has an item ${newName}` };
  if (isSource && (ws.sourceBlocks(newName).length > 0 || ws.resolveSource(doc, newName))) return { error: `a source ${newName} already exists` };
  const occ = evidenceItself ? occurrencesOfItem(ws, owner!) : occurrences(ws, doc, offset)!.found;
  return { edits: occ.map((o) => ({ path: o.path, span: o.nameSpan, newText: newName })) };
}

/**
 * Where the item, source or assessment at `offset` occurs in `doc` itself, for the editor to
 * mark as the cursor rests on one: the definition written, the references read.
 */
export function highlights(ws: Workspace, doc: KentDocument, offset: number): Array<{ span: Span; isDefinition: boolean }> {
  const t = targetAt(ws, doc, offset);
  const found = t?.kind === 'source' && t.evidence && t.span === t.evidence.idSpan ? occurrencesOfItem(ws, { doc, item: t.evidence }, doc) : occurrences(ws, doc, offset, doc)?.found;
  return (found ?? [])
    .filter((o) => o.path === doc.path)
    .map(({ span, isDefinition }) => ({ span, isDefinition }))
    .sort((a, b) => a.span.start - b.span.start);
}

/**
 * An item's own ID and every ref that names it, across the workspace or in `only`. The index
 * knows every ref that may name it: no pass over the workspace's documents.
 */
function occurrencesOfItem(ws: Workspace, at: LocatedItem, only?: KentDocument): Occurrence[] {
  const out: Occurrence[] = [];
  if (!only || only === at.doc) out.push({ path: at.doc.path, span: at.item.idSpan, nameSpan: at.item.idSpan, isDefinition: true });
  for (const { doc, ref } of ws.refsNaming(at)) {
    if ((!only || only === doc) && ws.resolveItem(doc, ref)?.item === at.item) out.push({ path: doc.path, span: ref.span, nameSpan: { start: ref.span.end - ref.id.length, end: ref.span.end }, isDefinition: false });
  }
  return dedupe(out);
}
