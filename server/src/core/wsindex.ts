// The workspace's index of names, kept up to date one document at a time: adding or removing
// a document touches only that document's entries, so an edit never rebuilds the whole index.
// Entries are keyed by what a reference *says* (`doc/ID`, a local ID, a source key), not by what
// it resolves to, so no entry goes stale when another document appears or disappears.
import type { Item, ItemRef, KentDocument, Ref } from './model';

export interface LocatedItem {
  doc: KentDocument;
  item: Item;
}

/** One reference made by an item (or by prose, when `item` is undefined). */
export interface RefEntry {
  doc: KentDocument;
  item?: Item;
  ref: Ref;
}

/** Every reference an item makes: relations, support, its evidence source, inline citations and links. */
export function relationRefs(item: Item): Ref[] {
  const refs: Ref[] = [...item.because, ...item.against, ...item.assumes, ...item.contradicts, ...item.links];
  if (item.sameAs) refs.push(item.sameAs);
  if (item.negates) refs.push(item.negates);
  if (item.revises) refs.push(item.revises);
  if (item.source) refs.push(item.source);
  for (const c of item.citations) refs.push(...c.refs);
  return refs;
}

/** Every reference a document makes, with the item making it. */
export function documentRefs(doc: KentDocument): RefEntry[] {
  const out: RefEntry[] = [];
  for (const item of doc.items) for (const ref of relationRefs(item)) out.push({ doc, item, ref });
  for (const p of doc.prose) for (const ref of [...p.links, ...p.citations.flatMap((c) => c.refs)]) out.push({ doc, ref });
  return out;
}

/** The name a reference is filed under: `doc/ID` when qualified, `path#ID` when local. */
export function refName(doc: KentDocument, ref: ItemRef): string {
  return ref.doc !== undefined && ref.doc !== doc.assessment?.id ? `${ref.doc}/${ref.id}` : `${doc.path}#${ref.id}`;
}

const byPath = (a: { doc: KentDocument }, b: { doc: KentDocument }) => (a.doc.path < b.doc.path ? -1 : a.doc.path > b.doc.path ? 1 : 0);

/** A map of lists whose entries can be withdrawn by document. */
class MultiMap<V extends { doc: KentDocument }> {
  private readonly map = new Map<string, V[]>();
  private readonly keysOf = new Map<KentDocument, string[]>();

  add(key: string, value: V, sorted = false): void {
    const list = this.map.get(key);
    if (!list) this.map.set(key, [value]);
    else {
      list.push(value);
      if (sorted) list.sort(byPath);
    }
    const keys = this.keysOf.get(value.doc);
    if (keys) keys.push(key);
    else this.keysOf.set(value.doc, [key]);
  }

  removeDoc(doc: KentDocument): void {
    for (const key of new Set(this.keysOf.get(doc) ?? [])) {
      const rest = (this.map.get(key) ?? []).filter((v) => v.doc !== doc);
      if (rest.length) this.map.set(key, rest);
      else this.map.delete(key);
    }
    this.keysOf.delete(doc);
  }

  get(key: string): readonly V[] {
    return this.map.get(key) ?? [];
  }
}

export class WorkspaceIndex {
  private readonly assessments = new MultiMap<{ doc: KentDocument }>();
  private readonly items = new Map<KentDocument, Map<string, Item>>();
  private readonly sources = new MultiMap<LocatedItem>();
  /** Item references by the name they use (`refName`). */
  private readonly itemRefs = new MultiMap<RefEntry & { ref: ItemRef }>();
  /** Item references by bare ID (a bare ID may name a source key). */
  private readonly bareRefs = new MultiMap<RefEntry & { ref: ItemRef }>();
  /** Source references (`@key`, `source:`, citations) by key. */
  private readonly keyRefs = new MultiMap<RefEntry>();

  add(doc: KentDocument): void {
    if (doc.assessment) this.assessments.add(doc.assessment.id, { doc }, true);
    const items = new Map<string, Item>();
    for (const item of doc.items) {
      if (!items.has(item.id)) items.set(item.id, item);
      if (item.kind === 'source') this.sources.add(item.id, { doc, item }, true);
    }
    this.items.set(doc, items);
    for (const entry of documentRefs(doc)) {
      if (entry.ref.type === 'source') this.keyRefs.add(entry.ref.key, entry);
      else {
        const e = entry as RefEntry & { ref: ItemRef };
        this.itemRefs.add(refName(doc, e.ref), e);
        if (e.ref.doc === undefined) this.bareRefs.add(e.ref.id, e);
      }
    }
  }

  remove(doc: KentDocument): void {
    this.assessments.removeDoc(doc);
    this.items.delete(doc);
    this.sources.removeDoc(doc);
    this.itemRefs.removeDoc(doc);
    this.bareRefs.removeDoc(doc);
    this.keyRefs.removeDoc(doc);
  }

  documentsNamed(id: string): KentDocument[] {
    return this.assessments.get(id).map((e) => e.doc);
  }

  itemIn(doc: KentDocument, id: string): Item | undefined {
    return this.items.get(doc)?.get(id);
  }

  sourceBlocks(key: string): readonly LocatedItem[] {
    return this.sources.get(key);
  }

  /** References that may name an item: by its qualified and its local name. */
  refsNaming(target: LocatedItem): ReadonlyArray<RefEntry & { ref: ItemRef }> {
    const local = this.itemRefs.get(`${target.doc.path}#${target.item.id}`);
    const id = target.doc.assessment?.id;
    const qualified = id ? this.itemRefs.get(`${id}/${target.item.id}`) : [];
    return qualified.length === 0 ? local : local.length === 0 ? qualified : [...local, ...qualified];
  }

  /** References that use a source key: `@key`, and bare IDs equal to it. */
  refsToKey(key: string): { keyed: readonly RefEntry[]; bare: ReadonlyArray<RefEntry & { ref: ItemRef }> } {
    return { keyed: this.keyRefs.get(key), bare: this.bareRefs.get(key) };
  }

  /** References that name a document by its assessment ID (`doc/…`). */
  refsIntoDocument(assessmentId: string, ids: Iterable<string>): Array<RefEntry & { ref: ItemRef }> {
    const out: Array<RefEntry & { ref: ItemRef }> = [];
    for (const id of ids) out.push(...this.itemRefs.get(`${assessmentId}/${id}`));
    return out;
  }
}
