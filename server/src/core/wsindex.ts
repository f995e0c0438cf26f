// The workspace's index of names, kept up to date one document at a time: adding or removing
// a document touches only that document's entries, and an edit inside a document only those of
// the items it touched (the others' entries move to the new version in place), so an edit never
// rebuilds the whole index. Entries are keyed by what a reference *says* (`doc/ID`, a local ID, a
// source key), not by what it resolves to, so no entry goes stale when another document appears
// or disappears.
import { changeBetween, touchedBySpan, type Change, type Touched } from './change';
import type { Item, ItemRef, KentDocument, Prose, Ref } from './model';
import { reparseOf } from './parser';
import type { Span } from './types';

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

/** A reference of the index: where it stands among its item's (or paragraph's) refs, to follow it to a new version. */
interface Entry extends RefEntry {
  at: number;
}

/** What the index holds of one item or paragraph: its refs, and the item itself when it is a source. */
interface Part {
  of: Item | Prose;
  refs: Entry[];
  source?: LocatedItem;
}

/** What the index holds of one version of a document. */
interface DocumentEntries {
  doc: KentDocument;
  named?: { doc: KentDocument };
  /** Each ID's first item (the one references reach), by its place in the document's items. */
  firstAt: Map<string, number>;
  /** Parallel to the document's items, then to its paragraphs. */
  ofItems: Part[];
  ofProse: Part[];
}

/** Lists by key. */
class MultiMap<V> {
  private readonly map = new Map<string, V[]>();

  add(key: string, value: V, order?: (a: V, b: V) => number): void {
    const list = this.map.get(key);
    if (!list) this.map.set(key, [value]);
    else {
      list.push(value);
      if (order) list.sort(order);
    }
  }

  /** Take these values out of the lists of their keys, one pass over each list. */
  withdraw(byKey: Map<string, Set<V>>): void {
    for (const [key, gone] of byKey) {
      const rest = (this.map.get(key) ?? []).filter((v) => !gone.has(v));
      if (rest.length) this.map.set(key, rest);
      else this.map.delete(key);
    }
  }

  get(key: string): readonly V[] {
    return this.map.get(key) ?? [];
  }
}

/** Values to withdraw, by key. */
class Withdrawal<V> {
  readonly byKey = new Map<string, Set<V>>();
  add(key: string, v: V): void {
    const set = this.byKey.get(key);
    if (set) set.add(v);
    else this.byKey.set(key, new Set([v]));
  }
}

export class WorkspaceIndex {
  private readonly docs = new Map<string, DocumentEntries>();
  private readonly assessments = new MultiMap<{ doc: KentDocument }>();
  private readonly sources = new MultiMap<LocatedItem>();
  /** Item references by the name they use (`refName`). */
  private readonly itemRefs = new MultiMap<RefEntry & { ref: ItemRef }>();
  /** Item references by bare ID (a bare ID may name a source key). */
  private readonly bareRefs = new MultiMap<RefEntry & { ref: ItemRef }>();
  /** Source references (`@key`, `source:`, citations) by key. */
  private readonly keyRefs = new MultiMap<RefEntry>();

  add(doc: KentDocument): void {
    const named = doc.assessment ? { doc } : undefined;
    if (named) this.assessments.add(doc.assessment!.id, named, byPath);
    const entries: DocumentEntries = { doc, named, firstAt: firstOfEachId(doc.items), ofItems: [], ofProse: [] };
    entries.ofItems = doc.items.map((item) => this.post(doc, item));
    entries.ofProse = doc.prose.map((p) => this.post(doc, undefined, p));
    this.docs.set(doc.path, entries);
  }

  remove(doc: KentDocument): void {
    const entries = this.docs.get(doc.path);
    if (!entries || entries.doc !== doc) return;
    if (entries.named) this.assessments.withdraw(new Map([[doc.assessment!.id, new Set([entries.named])]]));
    this.withdraw([...entries.ofItems, ...entries.ofProse]);
    this.docs.delete(doc.path);
  }

  /**
   * A new version of a document. With the same assessment ID, only the entries of the items and
   * paragraphs the edit touched are withdrawn and posted again; the rest move to the new version.
   */
  replace(before: KentDocument, after: KentDocument): void {
    const entries = this.docs.get(before.path);
    if (!entries || entries.doc !== before || before.assessment?.id !== after.assessment?.id) {
      this.remove(before);
      this.add(after);
      return;
    }
    // The parser knows what it replaced; else (a parse not given its previous version) the spans tell.
    const reparse = reparseOf(after);
    const change = reparse?.previous === before ? undefined : changeBetween(before.source, after.source);
    const items = change ? touched(entries.ofItems, before.items, after.items, change) : reparse!.items;
    const prose = change ? touched(entries.ofProse, before.prose, after.prose, change) : reparse!.prose;
    if (!items || !prose) {
      this.remove(before);
      this.add(after);
      return;
    }
    entries.ofItems = this.update(entries.ofItems, items, after.items, (item) => this.post(after, item), (part, i) => this.move(part, after, after.items[i]));
    entries.ofProse = this.update(entries.ofProse, prose, after.prose, (p) => this.post(after, undefined, p), (part, i) => this.move(part, after, undefined, after.prose[i]));
    if (entries.named) entries.named.doc = after;
    entries.firstAt = items[1] - items[0] === items[3] - items[2] ? patchFirsts(entries.firstAt, before.items, after.items, items) : firstOfEachId(after.items);
    entries.doc = after;
  }

  /** The parts of a new version: those the change touched (`b0..b1` of the old, `a0..a1` of the new) posted anew, the others moved. */
  private update<T>(parts: Part[], [b0, b1, a0, a1]: Touched, after: readonly T[], post: (x: T) => Part, move: (part: Part, i: number) => void): Part[] {
    this.withdraw(parts.slice(b0, b1));
    const fresh = after.slice(a0, a1).map(post);
    for (let i = 0; i < b0; i++) move(parts[i], i);
    for (let i = b1; i < parts.length; i++) move(parts[i], i - b1 + a1);
    // In place when few are new: the list is this document's alone, and a copy of thousands of
    // parts per keystroke is garbage (a spread of many arguments, though, could overflow the stack).
    if (fresh.length > 1000) return [...parts.slice(0, b0), ...fresh, ...parts.slice(b1)];
    parts.splice(b0, b1 - b0, ...fresh);
    return parts;
  }

  /** Index the refs of one item (or paragraph) of `doc`, and the item when it is a source. */
  private post(doc: KentDocument, item: Item | undefined, prose?: Prose): Part {
    const refs = item ? relationRefs(item) : proseRefs(prose!);
    const part: Part = { of: (item ?? prose)!, refs: refs.map((ref, at) => ({ doc, item, ref, at })) };
    for (const e of part.refs) {
      if (e.ref.type === 'source') this.keyRefs.add(e.ref.key, e);
      else {
        const entry = e as Entry & { ref: ItemRef };
        this.itemRefs.add(refName(doc, entry.ref), entry);
        if (entry.ref.doc === undefined) this.bareRefs.add(entry.ref.id, entry);
      }
    }
    if (item?.kind === 'source') {
      part.source = { doc, item };
      this.sources.add(item.id, part.source, byPath);
    }
    return part;
  }

  /** Withdraw parts' entries. */
  private withdraw(parts: Part[]): void {
    const keyed = new Withdrawal<RefEntry>();
    const named = new Withdrawal<RefEntry & { ref: ItemRef }>();
    const bare = new Withdrawal<RefEntry & { ref: ItemRef }>();
    const sources = new Withdrawal<LocatedItem>();
    for (const part of parts) {
      for (const e of part.refs) {
        if (e.ref.type === 'source') keyed.add(e.ref.key, e);
        else {
          const entry = e as Entry & { ref: ItemRef };
          named.add(refName(e.doc, entry.ref), entry);
          if (entry.ref.doc === undefined) bare.add(entry.ref.id, entry);
        }
      }
      if (part.source) sources.add(part.source.item.id, part.source);
    }
    this.keyRefs.withdraw(keyed.byKey);
    this.itemRefs.withdraw(named.byKey);
    this.bareRefs.withdraw(bare.byKey);
    this.sources.withdraw(sources.byKey);
  }

  /** Entries of an untouched item (or paragraph) follow it to the new version, in place. */
  private move(part: Part, doc: KentDocument, item: Item | undefined, prose?: Prose): void {
    const now = (item ?? prose)!;
    // Before the change the parser keeps the very objects; after it, moved copies.
    const refs = part.of === now ? undefined : item ? relationRefs(item) : proseRefs(prose!);
    part.of = now;
    for (const e of part.refs) {
      e.doc = doc;
      if (!refs) continue;
      e.item = item;
      e.ref = refs[e.at];
    }
    if (part.source) {
      part.source.doc = doc;
      part.source.item = item!;
    }
  }

  documentsNamed(id: string): KentDocument[] {
    return this.assessments.get(id).map((e) => e.doc);
  }

  itemIn(doc: KentDocument, id: string): Item | undefined {
    const entries = this.docs.get(doc.path);
    const at = entries?.doc === doc ? entries.firstAt.get(id) : undefined;
    return at === undefined ? undefined : doc.items[at];
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

/** The items (or paragraphs) a change touched in both versions; undefined when the rest do not line up one to one. */
function touched(parts: Part[], before: ReadonlyArray<{ span: Span }>, after: ReadonlyArray<{ span: Span }>, change: Change): Touched | undefined {
  const t = touchedBySpan(before, after, change);
  const [b0, b1, a0, a1] = t;
  return b0 !== a0 || before.length - b1 !== after.length - a1 || parts.length !== before.length ? undefined : t;
}

/** Each ID's first item (the one references reach), by its place. */
function firstOfEachId(items: readonly Item[]): Map<string, number> {
  const first = new Map<string, number>();
  items.forEach((item, i) => {
    if (!first.has(item.id)) first.set(item.id, i);
  });
  return first;
}

/** The same with as many items touched as there were: only the touched IDs can have moved. */
function patchFirsts(first: Map<string, number>, before: readonly Item[], after: readonly Item[], [b0, b1, a0, a1]: Touched): Map<string, number> {
  const ids = new Set([...before.slice(b0, b1), ...after.slice(a0, a1)].map((i) => i.id));
  for (const id of ids) {
    const at = after.findIndex((i) => i.id === id);
    if (at < 0) first.delete(id);
    else first.set(id, at);
  }
  return first;
}

function proseRefs(p: Prose): Ref[] {
  return [...p.links, ...p.citations.flatMap((c) => c.refs)];
}
