// What is under the cursor, and where else it is: go to definition, find references, rename,
// highlight. Items are found by ID (`C1`, `nie-1998/KJ1`), sources by key (`@iiss-2024`, a bare
// `source:` value, a `source` block's own ID; a source key means one source workspace-wide), and
// assessments by their ID (an `assessment` block's, `supersedes:`, the `nie-1998/` of a ref).
import { bibliographyFormatOf, keyFieldSpans, keyReplacement, parseBibliography, type Bibliography } from '../bibliography';
import { meetingRange } from '../change';
import type { Item, ItemRef, KentDocument, Prose, Ref, SourceRef } from '../model';
import { sourceCopy } from '../localFiles';
import { findQuote } from '../quote';
import type { Span } from '../types';
import { relationRefs, type LocatedItem, type RefEntry, type ResolvedSource, type Workspace } from '../workspace';

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
    if (ref) return assessmentOfRef(ref, offset) ?? refTarget(ws, doc, ref, item);
    return undefined;
  }
  for (const p of doc.prose) {
    if (offset < p.span.start || offset > p.span.end) continue;
    const ref = [...p.links, ...p.citations.flatMap((c) => c.refs)].find((r) => onRef(doc, r, offset));
    return ref && (assessmentOfRef(ref, offset) ?? refTarget(ws, doc, ref));
  }
  return undefined;
}

/**
 * On the `nie-1998` of `nie-1998/KJ1`, the assessment it names (the `/` and `KJ1` are the item's):
 * references and rename count that prefix as the assessment's, and renaming from it renamed KJ1.
 */
function assessmentOfRef(ref: Ref, offset: number): Target | undefined {
  if (ref.type !== 'item' || ref.doc === undefined || offset >= ref.span.start + ref.doc.length) return undefined;
  return { kind: 'assessment', span: { start: ref.span.start, end: ref.span.start + ref.doc.length }, id: ref.doc };
}

export type SourceTarget = Extract<Target, { kind: 'source' }>;

/**
 * The source whose entry key is at `offset` in the bibliography `bibPath`, parsed from its text as
 * the editor has it (`bib`): the target a citation of it would be, for a document that reads the
 * key there. Undefined off a key, or for a bibliography no document reads that key from.
 */
export function bibliographyTarget(ws: Workspace, bibPath: string, bib: Bibliography, offset: number): SourceTarget | undefined {
  for (const entry of bib.entries.values()) {
    if (!within(entry.keySpan, offset)) continue;
    for (const doc of ws.documents()) {
      const resolved = ws.resolveSource(doc, entry.key);
      // The entry as the editor has it: its key's span in the text shown, saved or not.
      if (resolved?.kind === 'bibliography' && resolved.bibPath === bibPath) return { kind: 'source', span: entry.keySpan, key: entry.key, resolved: { ...resolved, entry } };
    }
    return undefined;
  }
  return undefined;
}

/**
 * Where a source is named, for a target found outside a document (a bibliography's entry): as
 * `references` from a citation of it, the bibliographies read as `bibText` gives them.
 */
export function sourceReferences(ws: Workspace, target: SourceTarget, includeDeclaration: boolean, bibText?: BibliographyText): Location[] {
  return withBibliographyMentions(ws, target.key, sourceOccurrences(ws, target, ws.documents()), bibText)
    .filter((o) => includeDeclaration || !o.isDefinition)
    .map(({ path, span }) => ({ path, span }));
}

/**
 * A source's occurrences with those in bibliographies read anew as rename will meet them: its
 * entries and the BibTeX fields that name it (`crossref`, …), each where `bibText` has it. What
 * references list is then what rename rewrites.
 */
function withBibliographyMentions(ws: Workspace, key: string, occ: Occurrence[], bibText: BibliographyText = (p) => ws.textOf(p)): Occurrence[] {
  const inDocs = occ.filter((o) => ws.getDocument(o.path));
  const inBibs = bibliographyMentions(ws, key, ws.sourceBlocks(key), occ, bibText).map(({ path, span, isEntry }) => ({ path, span, nameSpan: span, isDefinition: isEntry }));
  return [...inDocs, ...inBibs];
}

/**
 * The text of a bibliography as the edits will meet it: the editor's, where it has the file open
 * unsaved, else the file's. Rename positions its edits in a bibliography by this text.
 */
export type BibliographyText = (path: string) => string | undefined;

/** Renaming a source from a target found outside a document (a bibliography's entry). */
export function renameSourceTarget(ws: Workspace, target: SourceTarget, newName: string, bibText?: BibliographyText): { edits: Array<Location & { newText: string }> } | { error: string } {
  return renameSource(ws, target, sourceOccurrences(ws, target, ws.documents()), newName, bibText);
}

/** Whether `ref` is a bare ID in `because`/`against`, the lists that read one naming no item as a source key. */
function readsBareKey(owner: Item, ref: Ref): ref is ItemRef {
  return ref.type === 'item' && ref.doc === undefined && (owner.because.includes(ref) || owner.against.includes(ref));
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
  // A bare ID that names no item may be a source key (`because: iiss-2024`), where support is read.
  if (owner && readsBareKey(owner, ref)) {
    const resolved = ws.resolveSource(doc, ref.id);
    if (resolved) return { kind: 'source', span: ref.span, key: ref.id, resolved };
  }
  return { kind: 'unresolved-item', span: ref.span, ref };
}

/**
 * Where the thing at `offset` is defined: the item's block, the source block or bibliography entry;
 * for a `file:` or `bibliography:` path, the file; for a `quote:`, the passage in its source's file.
 */
export function definition(ws: Workspace, doc: KentDocument, offset: number): Location[] {
  const pointed = pointedAt(ws, doc, offset);
  if (pointed) return pointed;
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

/**
 * What a `file:`, `bibliography:` or `quote:` value at `offset` points at, when it is a workspace
 * file that can be read (a path leading outside, through `..` or a link, is never opened); [] on
 * such a value that points at nothing readable; undefined elsewhere.
 */
function pointedAt(ws: Workspace, doc: KentDocument, offset: number): Location[] | undefined {
  const item = doc.items.find((i) => offset >= i.span.start && offset <= i.span.end);
  if (!item) return undefined;
  const path = item.file && within(item.file.span, offset) ? item.file.path : item.bibliography.find((b) => within(b.span, offset))?.path;
  if (path !== undefined) {
    const resolved = ws.resolvePath(doc, path);
    return resolved.ok && ws.readFile(resolved.path).ok ? [{ path: resolved.path, span: { start: 0, end: 0 } }] : [];
  }
  if (!item.quote || !within(item.quote.span, offset) || !item.source) return undefined;
  const copy = sourceCopy(ws, ws.resolveSource(doc, item.source.key));
  const found = copy && findQuote(copy.text, item.quote.text);
  return copy && found ? [{ path: copy.path, span: found }] : [];
}

interface Occurrence extends Location {
  /** The span to replace on rename (the ID alone, without a `doc/` prefix or `@`). */
  nameSpan: Span;
  isDefinition: boolean;
  /** The document of a bare key in `because`/`against`: a source there only while no item of it has that ID. */
  bare?: KentDocument;
}

/** Every occurrence, across the workspace or in the one document `only`, of the item, source or assessment at `offset`. */
function occurrences(ws: Workspace, doc: KentDocument, offset: number, only?: KentDocument): { target: Target; found: Occurrence[] } | undefined {
  const target = targetAt(ws, doc, offset);
  if (!target || target.kind === 'unresolved-item') return undefined;
  if (target.kind === 'item') return { target, found: occurrencesOfItem(ws, target.at, only) };
  const docs = only ? [only] : ws.documents();
  if (target.kind === 'assessment') return { target, found: assessmentOccurrences(ws, target.id, docs) };
  return { target, found: sourceOccurrences(ws, target, docs) };
}

/**
 * Where `docs` name the source `target`: its refs, its `source` blocks, and the bibliography entries
 * of its key. A block's key is one source workspace-wide, together with the entries of that key in
 * the bibliographies of the block's document (see inconsistent-source-rating). A key from a
 * bibliography alone is that entry only where a document resolves it there: another document may
 * cite the same key from a bibliography of its own.
 */
function sourceOccurrences(ws: Workspace, target: Extract<Target, { kind: 'source' }>, docs: readonly KentDocument[]): Occurrence[] {
  const key = target.key;
  const blocks = ws.sourceBlocks(key);
  const entry = blocks.length === 0 && target.resolved?.kind === 'bibliography' ? target.resolved : undefined;
  const found: Occurrence[] = [];
  const candidates = refsThatMayName(ws, key, blocks);
  for (const d of docs) {
    // A version the index does not hold (a caller's older one) is read whole.
    const indexed = ws.getDocument(d.path) === d;
    const refs = indexed ? candidates.get(d) : undefined;
    const own = indexed ? ws.itemsIn(d, key).filter((item) => item.kind === 'source') : d.items.filter((item) => item.kind === 'source' && item.id === key);
    if (indexed && !refs && !own.length) continue;
    if (entry) {
      const here = ws.resolveSource(d, key);
      if (here?.kind !== 'bibliography' || here.bibPath !== entry.bibPath) continue;
    }
    for (const o of sourceRefsIn(ws, d, key, indexed ? (refs ?? []) : undefined)) found.push(o);
    for (const item of own) found.push({ path: d.path, span: item.idSpan, nameSpan: item.idSpan, isDefinition: true });
  }
  for (const { bibPath, span } of entry ? [{ bibPath: entry.bibPath, span: entry.entry.keySpan }] : entriesBesideBlocks(ws, blocks, key)) {
    found.push({ path: bibPath, span, nameSpan: span, isDefinition: true });
  }
  return dedupe(found);
}

/**
 * The refs of the workspace that may name the source `key`, by document, from the index: `@key`,
 * bare IDs equal to it, and refs to its `source` blocks by ID (`doc/key`). Looking through every
 * ref of every document took ~40 ms for a key of a 10 MB workspace, on each references or rename.
 */
function refsThatMayName(ws: Workspace, key: string, blocks: readonly LocatedItem[]): Map<KentDocument, RefEntry[]> {
  const { keyed, bare } = ws.refsToKey(key);
  const byDoc = new Map<KentDocument, RefEntry[]>();
  const seen = new Set<Ref>();
  for (const e of [...keyed, ...bare, ...blocks.flatMap((b) => ws.refsNaming(b))]) {
    if (seen.has(e.ref)) continue;
    seen.add(e.ref);
    const list = byDoc.get(e.doc);
    if (list) list.push(e);
    else byDoc.set(e.doc, [e]);
  }
  return byDoc;
}

/** Where a ref stands in a document's refs as `sourceRefsIn` meets them: its item's (or paragraph's) place, then its own. */
function refOrder(doc: KentDocument, e: RefEntry): [number, number] {
  if (e.item) return [doc.items.indexOf(e.item), relationRefs(e.item).indexOf(e.ref)];
  const at = doc.prose.findIndex((p) => p.span.start <= e.ref.span.start && e.ref.span.end <= p.span.end);
  const p = doc.prose[at];
  return [doc.items.length + at, p ? [...p.links, ...p.citations.flatMap((c) => c.refs)].indexOf(e.ref) : 0];
}

/**
 * The refs of `doc` (its items' and its prose's) that name the source `key`: of `candidates`
 * (from the index), or of all of its refs; in the order they stand among its refs.
 */
function sourceRefsIn(ws: Workspace, doc: KentDocument, key: string, candidates?: readonly RefEntry[]): Occurrence[] {
  const found: Occurrence[] = [];
  const idOnly = (r: ItemRef): Span => ({ start: r.span.end - r.id.length, end: r.span.end });
  const visit = (ref: Ref, owner?: Item) => {
    if (ref.type === 'source') {
      if (ref.key === key) found.push({ path: doc.path, span: ref.span, nameSpan: ref.span, isDefinition: false });
      return;
    }
    const named = ws.resolveItem(doc, ref);
    if (named) {
      if (named.item.kind === 'source' && named.item.id === key) found.push({ path: doc.path, span: ref.span, nameSpan: idOnly(ref), isDefinition: false });
    } else if (ref.id === key && owner && readsBareKey(owner, ref)) {
      found.push({ path: doc.path, span: ref.span, nameSpan: ref.span, isDefinition: false, bare: doc });
    }
  };
  if (candidates) {
    const ordered = candidates.map((e) => ({ e, at: refOrder(doc, e) })).sort((a, b) => a.at[0] - b.at[0] || a.at[1] - b.at[1]);
    for (const { e } of ordered) visit(e.ref, e.item);
    return found;
  }
  for (const item of doc.items) for (const r of relationRefs(item)) visit(r, item);
  for (const p of doc.prose) for (const r of [...p.links, ...p.citations.flatMap((c) => c.refs)]) visit(r);
  return found;
}

/** The entries with `key` in the bibliographies named by the documents of `blocks`: the same source as the blocks. */
function entriesBesideBlocks(ws: Workspace, blocks: readonly LocatedItem[], key: string): Array<{ bibPath: string; span: Span }> {
  const paths = new Set(blocks.flatMap((b) => ws.bibliographyPaths(b.doc)));
  return [...paths].flatMap((bibPath) => {
    const e = ws.bibliography(bibPath)?.entries.get(key);
    return e ? [{ bibPath, span: e.keySpan }] : [];
  });
}

/**
 * Where `docs` name an assessment: its own block, `supersedes:`, and the `id/` of refs into it.
 * Of a document the index holds, only the items and paragraphs it files under the ID are read:
 * looking through every item of every document took 20–50 ms on a 10 MB workspace.
 */
function assessmentOccurrences(ws: Workspace, id: string, docs: readonly KentDocument[]): Occurrence[] {
  const namers = new Map<KentDocument, { items: Set<Item>; prose: Set<Prose> }>();
  const of = (doc: KentDocument) => namers.get(doc) ?? namers.set(doc, { items: new Set(), prose: new Set() }).get(doc)!;
  const { blocks, refs } = ws.namersOfAssessment(id);
  for (const { doc, item } of blocks) of(doc).items.add(item);
  for (const { doc, item, ref } of refs) {
    if (item) of(doc).items.add(item);
    else of(doc).prose.add(paragraphOf(doc, ref));
  }
  const found: Occurrence[] = [];
  const inOrder = <T extends { span: Span }>(set: Set<T>) => [...set].sort((a, b) => a.span.start - b.span.start);
  for (const d of docs) {
    // A version the index does not hold (a caller's older one) is read whole.
    if (ws.getDocument(d.path) !== d) assessmentOccurrencesIn(d, id, d.items, d.prose, found);
    const at = namers.get(d);
    if (at) assessmentOccurrencesIn(d, id, inOrder(at.items), inOrder(at.prose), found);
  }
  return dedupe(found);
}

/** The paragraph of `doc` that holds `ref`. */
function paragraphOf(doc: KentDocument, ref: Ref): Prose {
  return doc.prose[meetingRange(doc.prose, ref.span.start, ref.span.start)[0]];
}

/** The occurrences of the assessment `id` among `items`, then `prose`, of `d` (each in document order). */
function assessmentOccurrencesIn(d: KentDocument, id: string, items: readonly Item[], prose: readonly Prose[], found: Occurrence[]): void {
  const prefix = (r: Ref) => {
    if (r.type !== 'item' || r.doc !== id) return;
    const span = { start: r.span.start, end: r.span.start + id.length };
    found.push({ path: d.path, span, nameSpan: span, isDefinition: false });
  };
  for (const item of items) {
    if (item === d.assessment && item.id === id) found.push({ path: d.path, span: item.idSpan, nameSpan: item.idSpan, isDefinition: true });
    for (const r of item.supersedes) if (r.id === id) found.push({ path: d.path, span: r.span, nameSpan: r.span, isDefinition: false });
    relationRefs(item).forEach(prefix);
  }
  for (const p of prose) p.links.forEach(prefix);
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

/**
 * Where the thing at `offset` is named. For a source, the bibliographies are read as `bibText`
 * gives them (as rename reads them), with the BibTeX fields that name its key.
 */
export function references(ws: Workspace, doc: KentDocument, offset: number, includeDeclaration: boolean, bibText?: BibliographyText): Location[] {
  const t = targetAt(ws, doc, offset);
  // On an evidence's own ID, the references are to the evidence (its hover shows its source).
  const evidenceItself = t?.kind === 'source' && t.evidence && t.span === t.evidence.idSpan;
  const occ = evidenceItself ? occurrencesOfItem(ws, { doc, item: t.evidence! }) : occurrences(ws, doc, offset)?.found;
  const found = occ && t?.kind === 'source' && !evidenceItself ? withBibliographyMentions(ws, t.key, occ, bibText) : occ;
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

// The grammar's `id` (items, assessments, `source` blocks) and `key` (after `@`, bibliography keys).
const ID = /^[A-Za-z][A-Za-z0-9_-]*$/;
const KEY = /^[A-Za-z0-9_][A-Za-z0-9_\-:./+]*$/;
const ID_RULE = 'it must start with an ASCII letter (A–Z, a–z) and hold only ASCII letters, digits, _ and -';
const KEY_RULE = 'it must start with an ASCII letter (A–Z, a–z), a digit or _ and hold only ASCII letters, digits and _ - : . / +';

type Edit = Location & { newText: string };

/** The edits that rename the item or source at `offset` everywhere, or why it cannot. */
export function rename(ws: Workspace, doc: KentDocument, offset: number, newName: string, bibText?: BibliographyText): { edits: Edit[] } | { error: string } {
  const prepared = prepareRename(ws, doc, offset);
  if ('error' in prepared) return prepared;
  const t = targetAt(ws, doc, offset)!;
  const evidenceItself = t.kind === 'source' && t.evidence && t.span === t.evidence.idSpan;
  if (t.kind === 'source' && !evidenceItself) return renameSource(ws, t, occurrences(ws, doc, offset)!.found, newName, bibText);
  if (!ID.test(newName)) return { error: `"${newName}" is not a valid ID: ${ID_RULE}` };
  if (t.kind === 'assessment' && newName !== t.id && ws.documentsNamed(newName).length) return { error: `an assessment named ${newName} already exists` };
  const owner = t.kind === 'item' ? t.at : evidenceItself ? { doc, item: t.evidence! } : undefined;
  if (owner && ws.itemIn(owner.doc, newName)) return { error: `${owner.doc.path} already has an item ${newName}` };
  const occ = owner ? occurrencesOfItem(ws, owner) : occurrences(ws, doc, offset)!.found;
  const edits: Edit[] = occ.map((o) => ({ path: o.path, span: o.nameSpan, newText: newName }));
  return { edits: owner ? [...edits, ...keepSourceKeys(ws, owner.doc, newName)] : edits };
}

/**
 * Renaming a source: a key that some `source` block has must stay an ID (the block's header takes
 * one); a key from bibliographies alone may be any key. A bare key in `because` becomes `@key` when
 * it would no longer be read as this source: the new key is no ID, or names an item there.
 */
function renameSource(ws: Workspace, t: Extract<Target, { kind: 'source' }>, occ: Occurrence[], newName: string, bibText: BibliographyText = (p) => ws.textOf(p)): { edits: Edit[] } | { error: string } {
  const blocks = ws.sourceBlocks(t.key);
  if (blocks.length && !ID.test(newName)) {
    const hint = KEY.test(newName) ? ' (: . / + and a leading digit or _ are for bibliography keys only)' : '';
    return { error: `"${newName}" is not a valid ID for the source block ${t.key}: ${ID_RULE}${hint}` };
  }
  if (!KEY.test(newName)) return { error: `"${newName}" is not a valid source key: ${KEY_RULE}` };
  if (newName === t.key) return { edits: [] };
  const conflict = sourceNameConflict(ws, blocks, occ, newName);
  if (conflict) return { error: conflict };
  const inDocs = occ.filter((o) => ws.getDocument(o.path));
  const edits = inDocs.map((o) => {
    const asKey = o.bare !== undefined && (!ID.test(newName) || ws.itemIn(o.bare, newName) !== undefined);
    return { path: o.path, span: o.nameSpan, newText: asKey ? `@${newName}` : newName };
  });
  return { edits: [...edits, ...bibliographyEdits(ws, t.key, newName, blocks, occ, bibText)] };
}

/** A key renamed in the bibliographies: each of its mentions there (see `bibliographyMentions`), an entry's key written as its format writes one. */
function bibliographyEdits(ws: Workspace, key: string, newName: string, blocks: readonly LocatedItem[], occ: Occurrence[], bibText: BibliographyText): Edit[] {
  return bibliographyMentions(ws, key, blocks, occ, bibText).map(({ path, span, isEntry, text }) => ({
    path,
    span,
    newText: isEntry ? keyReplacement(text, bibliographyFormatOf(path, text), span, newName) : newName,
  }));
}

/**
 * Where the bibliographies name a key: the entries of it among `occ`, and the BibTeX fields that
 * name it (`crossref`, `xdata`, …) in the bibliographies of the documents that cite it or hold
 * its block. Each file is read as `bibText` gives it, so that the spans are where its key and
 * fields stand in that text. A bibliography that only cites the key, and has an entry of that key
 * of its own, names its own entry: left out.
 */
function bibliographyMentions(ws: Workspace, key: string, blocks: readonly LocatedItem[], occ: Occurrence[], bibText: BibliographyText): Array<{ path: string; span: Span; isEntry: boolean; text: string }> {
  const defining = new Set(occ.filter((o) => o.isDefinition && !ws.getDocument(o.path)).map((o) => o.path));
  const docs = new Set([...blocks.map((b) => b.doc), ...occ.flatMap((o) => ws.getDocument(o.path) ?? [])]);
  const paths = new Set([...defining, ...[...docs].flatMap((d) => ws.bibliographyPaths(d))]);
  const out: Array<{ path: string; span: Span; isEntry: boolean; text: string }> = [];
  for (const path of paths) {
    const text = bibText(path);
    if (text === undefined) continue;
    const format = bibliographyFormatOf(path, text);
    // The workspace's parse, when the text is the file it read: a parse on each request took ~2 ms.
    const bib = (text === ws.textOf(path) && ws.bibliography(path)) || parseBibliography(text, format);
    const entry = bib.entries.get(key);
    if (entry && !defining.has(path)) continue;
    if (entry) out.push({ path, span: entry.keySpan, isEntry: true, text });
    if (format === 'bibtex') for (const span of keyFieldSpans(text, bib, key)) out.push({ path, span, isEntry: false, text });
  }
  return out;
}

/** Why `newName` is taken for a source: by a source anywhere, an entry where the key is cited, an item beside a block. */
function sourceNameConflict(ws: Workspace, blocks: readonly LocatedItem[], occ: Occurrence[], newName: string): string | undefined {
  if (ws.sourceBlocks(newName).length) return `a source ${newName} already exists`;
  for (const b of blocks) if (ws.itemIn(b.doc, newName)) return `${b.doc.path} already has an item ${newName}`;
  const docs = new Set([...blocks.map((b) => b.doc), ...occ.flatMap((o) => ws.getDocument(o.path) ?? [])]);
  for (const d of docs) {
    const taken = ws.resolveSource(d, newName);
    if (taken) return taken.kind === 'bibliography' ? `a source ${newName} already exists (in ${taken.bibPath})` : `a source ${newName} already exists`;
  }
  return undefined;
}

/**
 * Bare keys in `doc`'s `because`/`against` that read as the source `newName` until an item takes
 * that ID: written `@newName`, so that renaming an item does not capture them.
 */
function keepSourceKeys(ws: Workspace, doc: KentDocument, newName: string): Edit[] {
  if (!ws.resolveSource(doc, newName)) return [];
  const out: Edit[] = [];
  for (const item of doc.items) {
    for (const ref of [...item.because, ...item.against]) {
      if (ref.type === 'item' && ref.doc === undefined && ref.id === newName) out.push({ path: doc.path, span: { start: ref.span.start, end: ref.span.start }, newText: '@' });
    }
  }
  return out;
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
