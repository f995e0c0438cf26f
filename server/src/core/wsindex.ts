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
  let n = item.because.length + item.against.length + item.assumes.length + item.contradicts.length + item.links.length;
  if (item.sameAs) n++;
  if (item.negates) n++;
  if (item.revises) n++;
  if (item.source) n++;
  for (const c of item.citations) n += c.refs.length;
  // Filled in place, not spread or pushed: a list grown by push keeps room for 17.
  const refs = new Array<Ref>(n);
  let at = copyInto(refs, 0, item.because);
  at = copyInto(refs, at, item.against);
  at = copyInto(refs, at, item.assumes);
  at = copyInto(refs, at, item.contradicts);
  at = copyInto(refs, at, item.links);
  if (item.sameAs) refs[at++] = item.sameAs;
  if (item.negates) refs[at++] = item.negates;
  if (item.revises) refs[at++] = item.revises;
  if (item.source) refs[at++] = item.source;
  for (const c of item.citations) at = copyInto(refs, at, c.refs);
  return refs;
}

/** Every reference a paragraph makes: links, then citations. */
function proseRefs(p: Prose): Ref[] {
  let n = p.links.length;
  for (const c of p.citations) n += c.refs.length;
  const refs = new Array<Ref>(n);
  let at = copyInto(refs, 0, p.links);
  for (const c of p.citations) at = copyInto(refs, at, c.refs);
  return refs;
}

/** Copy `refs` into `out` from `at`; where the next one goes. */
function copyInto(out: Ref[], at: number, refs: readonly Ref[]): number {
  for (let i = 0; i < refs.length; i++) out[at++] = refs[i];
  return at;
}

/** Every reference a document makes, with the item making it. */
export function documentRefs(doc: KentDocument): RefEntry[] {
  const out: RefEntry[] = [];
  for (const item of doc.items) for (const ref of relationRefs(item)) out.push({ doc, item, ref });
  for (const p of doc.prose) for (const ref of proseRefs(p)) out.push({ doc, ref });
  return out;
}

/** A reference of the index; it stands at the place of its ref among its item's (or paragraph's) refs. */
type Entry = RefEntry;
type ItemEntry = RefEntry & { ref: ItemRef };

/** What the index holds of one item or paragraph: its refs, and the item itself when it is a source, supersedes an assessment or names files. */
interface Part {
  of: Item | Prose;
  refs: Entry[];
  /** Filed under `sources` (a source block), `superseded` (each ID of its `supersedes:`) and `filesNamed` (each of `files`). */
  located?: LocatedItem;
  /** The workspace paths its `file:` and `bibliography:` lead to. */
  files?: string[];
}

/** The workspace path a `file:` or `bibliography:` path written in `doc` leads to; undefined for one that leaves the workspace. */
export type PathResolver = (doc: KentDocument, written: string) => string | undefined;

/** What the index holds of one version of a document. */
interface DocumentEntries {
  doc: KentDocument;
  /** Each ID's first item (the one references reach), by its place in the document's items. */
  firstAt: Map<string, number>;
  /** How many items have each ID (more than one: a duplicate). */
  count: Map<string, number>;
  /** Parallel to the document's items, then to its paragraphs. */
  ofItems: Part[];
  ofProse: Part[];
}

const NONE: readonly never[] = Object.freeze([]);
/** The entries of a part with no refs: never written to (`move` writes to entries, not to the list). */
const NO_ENTRIES: Entry[] = [];

/** Up to this length a list grows by a copy of its exact size. */
const SMALL = 8;

function grown<V>(list: readonly V[], value: V): V[] {
  const out = new Array<V>(list.length + 1);
  for (let i = 0; i < list.length; i++) out[i] = list[i];
  out[list.length] = value;
  return out;
}

/** Entries compared or moved to keep ordered lists in order: tests count it (a paste must not pass over a list once per reference). */
let filingSteps = 0;
export function filingStepCount(): number {
  return filingSteps;
}

/** Where `value` goes in `list` (in order): after every value that does not come after it. */
function placeIn<V>(list: readonly V[], value: V, after: (a: V, b: V) => boolean): number {
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    filingSteps++;
    if (after(list[mid], value)) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

/** Up to this many values appended out of order go in one by one; more are sorted and merged in one pass. */
const FEW = 8;

/** Lists by key. */
class MultiMap<V> {
  private readonly map = new Map<string, V[]>();
  /**
   * Lists `insert` appended to out of order: how long a start of each is in order, and the order.
   * Put in order when next read, so that a paste of many references passes over a list once.
   */
  private readonly unsettled = new Map<string, { inOrder: number; after: (a: V, b: V) => boolean }>();

  add(key: string, value: V): void {
    const list = this.map.get(key);
    if (!list) this.map.set(key, [value]);
    else if (list.length >= SMALL) list.push(value);
    // Most lists stay short, and one grown by push keeps room for 17: a short one is copied at its size.
    else this.map.set(key, grown(list, value));
  }

  /** Add after every value that does not come after it: the list, when read, is in order, equal ones in the order added. */
  insert(key: string, value: V, after: (a: V, b: V) => boolean): void {
    const list = this.map.get(key);
    if (!list) return void this.map.set(key, [value]);
    // A document filed top to bottom, or the last path: in order as appended, the common case.
    if (!this.unsettled.has(key)) {
      filingSteps++;
      if (after(list[list.length - 1], value)) this.unsettled.set(key, { inOrder: list.length, after });
    }
    list.push(value);
  }

  /** `list` (of `key`) in order: what `insert` appended out of order put in place. */
  private settled(key: string, list: V[]): V[] {
    const pending = this.unsettled.get(key);
    if (!pending) return list;
    this.unsettled.delete(key);
    const { inOrder, after } = pending;
    const added = list.splice(inOrder);
    // Stable: equal ones stay in the order added.
    added.sort((a, b) => (filingSteps++, after(a, b) ? 1 : after(b, a) ? -1 : 0));
    if (added.length <= FEW) {
      for (const value of added) {
        const at = placeIn(list, value, after);
        filingSteps += list.length - at;
        list.splice(at, 0, value);
      }
      return list;
    }
    const merged = new Array<V>(list.length + added.length);
    let [i, j, k] = [0, 0, 0];
    while (j < added.length) merged[k++] = i < list.length && !after(list[i], added[j]) ? list[i++] : added[j++];
    while (i < list.length) merged[k++] = list[i++];
    filingSteps += merged.length;
    this.map.set(key, merged);
    return merged;
  }

  /** Put `now` where `was` stands. */
  swap(key: string, was: V, now: V): void {
    const list = this.map.get(key);
    const at = list ? list.indexOf(was) : -1;
    if (at >= 0) list![at] = now;
  }

  /** Take these values out of the lists of their keys, one pass over each list. */
  withdraw(byKey: Map<string, Set<V>>): void {
    for (const [key, gone] of byKey) {
      const rest = this.get(key).filter((v) => !gone.has(v));
      if (rest.length) this.map.set(key, rest);
      else this.map.delete(key);
    }
  }

  get(key: string): readonly V[] {
    const list = this.map.get(key);
    return !list ? NONE : this.unsettled.size === 0 ? list : this.settled(key, list);
  }

  get size(): number {
    return this.map.size;
  }

  /** The keys that have values (a list emptied by `withdraw` is gone). */
  keys(): IterableIterator<string> {
    return this.map.keys();
  }
}

/**
 * Lists by a name in two parts (a document and an ID): one map per document, so filing and
 * finding a reference needs no joined string (each would be built, flattened and hashed anew).
 */
class NameMap<V> {
  private readonly scopes = new Map<string, MultiMap<V>>();

  /** File `value` after every value that does not come after it (`after`): the lists stay in order. */
  insert(scope: string, id: string, value: V, after: (a: V, b: V) => boolean): void {
    let ids = this.scopes.get(scope);
    if (!ids) this.scopes.set(scope, (ids = new MultiMap<V>()));
    ids.insert(id, value, after);
  }

  withdraw(byScope: Map<string, Withdrawal<V>>): void {
    for (const [scope, gone] of byScope) {
      const ids = this.scopes.get(scope);
      if (!ids) continue;
      ids.withdraw(gone.byKey);
      if (ids.size === 0) this.scopes.delete(scope);
    }
  }

  get(scope: string, id: string): readonly V[] {
    return this.scopes.get(scope)?.get(id) ?? NONE;
  }

  /** The scopes (assessment IDs) anything is filed under. */
  scopeNames(): IterableIterator<string> {
    return this.scopes.keys();
  }

  /** The IDs filed under a scope. */
  idsIn(scope: string): Iterable<string> {
    return this.scopes.get(scope)?.keys() ?? NONE;
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

/** The same, by scope and then key. */
class ScopedWithdrawal<V> {
  readonly byScope = new Map<string, Withdrawal<V>>();
  add(scope: string, key: string, v: V): void {
    let w = this.byScope.get(scope);
    if (!w) this.byScope.set(scope, (w = new Withdrawal<V>()));
    w.add(key, v);
  }
}

const pathAfter = (a: KentDocument, b: KentDocument) => a.path > b.path;
/** Blocks go by path, then by place in their document (an edit may post again the first of two blocks with one key). */
const blockAfter = (a: LocatedItem, b: LocatedItem) => a.doc.path > b.doc.path || (a.doc.path === b.doc.path && a.item.span.start > b.item.span.start);
/**
 * References naming an item go likewise, by path and then place, as a fresh index files them:
 * appended, those of a block pasted back would follow the others, and the pairs of estimates
 * read from them (and their diagnostics at one place) would come in another order.
 */
const refAfter = (a: ItemEntry, b: ItemEntry) => a.doc.path > b.doc.path || (a.doc.path === b.doc.path && a.ref.span.start > b.ref.span.start);

/**
 * Where the index files an item reference of `doc`: a qualified one (`doc/ID` naming another
 * assessment) under that assessment ID, any other under the path of the document making it.
 */
function qualifier(doc: KentDocument, ref: ItemRef): string | undefined {
  return ref.doc !== undefined && ref.doc !== doc.assessment?.id ? ref.doc : undefined;
}

export class WorkspaceIndex {
  constructor(private readonly resolvePath: PathResolver) {}

  private readonly docs = new Map<string, DocumentEntries>();
  /** Documents by assessment ID, in order of path. */
  private readonly assessments = new MultiMap<KentDocument>();
  /** Source blocks by key, in order of path and then of place in their document. */
  private readonly sources = new MultiMap<LocatedItem>();
  /** Local item references (`ID`, or `doc/ID` naming their own document) by the path of the document making them and ID. */
  private readonly localRefs = new NameMap<ItemEntry>();
  /** Qualified item references (`doc/ID` naming another assessment) by that assessment ID and ID. */
  private readonly qualifiedRefs = new NameMap<ItemEntry>();
  /** References written `doc/ID` with the assessment ID of their own document, by that ID (filed as local, too). */
  private readonly selfQualifiedRefs = new MultiMap<ItemEntry>();
  /** Items by the assessment IDs of their `supersedes:`. */
  private readonly superseded = new MultiMap<LocatedItem>();
  /** Items by the workspace paths their `file:` and `bibliography:` lead to. */
  private readonly filesNamed = new MultiMap<LocatedItem>();
  /** Item references by bare ID (a bare ID may name a source key). */
  private readonly bareRefs = new MultiMap<ItemEntry>();
  /** Source references (`@key`, `source:`, citations) by key. */
  private readonly keyRefs = new MultiMap<Entry>();

  add(doc: KentDocument): void {
    if (doc.assessment) this.assessments.insert(doc.assessment.id, doc, pathAfter);
    const ofItems = new Array<Part>(doc.items.length);
    for (let i = 0; i < ofItems.length; i++) ofItems[i] = this.post(doc, doc.items[i]);
    const ofProse = new Array<Part>(doc.prose.length);
    for (let i = 0; i < ofProse.length; i++) ofProse[i] = this.post(doc, undefined, doc.prose[i]);
    this.docs.set(doc.path, { doc, ...firstOfEachId(doc.items), ofItems, ofProse });
  }

  remove(doc: KentDocument): void {
    const entries = this.docs.get(doc.path);
    if (!entries || entries.doc !== doc) return;
    if (doc.assessment) this.assessments.withdraw(new Map([[doc.assessment.id, new Set([doc])]]));
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
    if (after.assessment) this.assessments.swap(after.assessment.id, before, after);
    if (items[1] - items[0] === items[3] - items[2]) patchFirsts(entries, before.items, after.items, items);
    else Object.assign(entries, firstOfEachId(after.items));
    entries.doc = after;
  }

  /** The parts of a new version: those the change touched (`b0..b1` of the old, `a0..a1` of the new) posted anew, the others moved. */
  private update<T>(parts: Part[], [b0, b1, a0, a1]: Touched, after: readonly T[], post: (x: T) => Part, move: (part: Part, i: number) => void): Part[] {
    this.withdraw(parts.slice(b0, b1));
    // Moved first: a new block then finds its neighbours in the list at their new places.
    for (let i = 0; i < b0; i++) move(parts[i], i);
    for (let i = b1; i < parts.length; i++) move(parts[i], i - b1 + a1);
    const fresh = after.slice(a0, a1).map(post);
    // In place when few are new: the list is this document's alone, and a copy of thousands of
    // parts per keystroke is garbage (a spread of many arguments, though, could overflow the stack).
    if (fresh.length > 1000) return [...parts.slice(0, b0), ...fresh, ...parts.slice(b1)];
    parts.splice(b0, b1 - b0, ...fresh);
    return parts;
  }

  /** Index the refs of one item (or paragraph) of `doc`, and the item when it is a source. */
  private post(doc: KentDocument, item: Item | undefined, prose?: Prose): Part {
    const refs = item ? relationRefs(item) : proseRefs(prose!);
    const entries: Entry[] = refs.length === 0 ? NO_ENTRIES : new Array<Entry>(refs.length);
    for (let at = 0; at < refs.length; at++) {
      const ref = refs[at];
      const e: Entry = { doc, item, ref };
      entries[at] = e;
      if (ref.type === 'source') this.keyRefs.add(ref.key, e);
      else {
        const named = e as ItemEntry;
        const q = qualifier(doc, ref);
        if (q === undefined) this.localRefs.insert(doc.path, ref.id, named, refAfter);
        else this.qualifiedRefs.insert(q, ref.id, named, refAfter);
        if (ref.doc === undefined) this.bareRefs.add(ref.id, named);
        else if (q === undefined) this.selfQualifiedRefs.add(ref.doc, named);
      }
    }
    const part: Part = { of: (item ?? prose)!, refs: entries };
    if (item && (item.kind === 'source' || item.supersedes.length || item.file || item.bibliography.length)) {
      const at = (part.located = { doc, item });
      if (item.kind === 'source') this.sources.insert(item.id, at, blockAfter);
      for (const r of item.supersedes) this.superseded.add(r.id, at);
      const files = this.filesOf(doc, item);
      if (files.length) part.files = files;
      for (const f of files) this.filesNamed.add(f, at);
    }
    return part;
  }

  /** The distinct workspace paths an item's `file:` and `bibliography:` lead to. */
  private filesOf(doc: KentDocument, item: Item): string[] {
    const out: string[] = [];
    const written = item.bibliography.map((b) => b.path);
    if (item.file) written.unshift(item.file.path);
    for (const w of written) {
      const path = this.resolvePath(doc, w);
      if (path !== undefined && !out.includes(path)) out.push(path);
    }
    return out;
  }

  /** Withdraw parts' entries. */
  private withdraw(parts: Part[]): void {
    const keyed = new Withdrawal<Entry>();
    const local = new ScopedWithdrawal<ItemEntry>();
    const qualified = new ScopedWithdrawal<ItemEntry>();
    const bare = new Withdrawal<ItemEntry>();
    const selfQualified = new Withdrawal<ItemEntry>();
    const sources = new Withdrawal<LocatedItem>();
    const superseded = new Withdrawal<LocatedItem>();
    const files = new Withdrawal<LocatedItem>();
    for (const part of parts) {
      for (const e of part.refs) {
        const ref = e.ref;
        if (ref.type === 'source') keyed.add(ref.key, e);
        else {
          const named = e as ItemEntry;
          const q = qualifier(e.doc, ref);
          if (q === undefined) local.add(e.doc.path, ref.id, named);
          else qualified.add(q, ref.id, named);
          if (ref.doc === undefined) bare.add(ref.id, named);
          else if (q === undefined) selfQualified.add(ref.doc, named);
        }
      }
      const at = part.located;
      if (!at) continue;
      if (at.item.kind === 'source') sources.add(at.item.id, at);
      for (const r of at.item.supersedes) superseded.add(r.id, at);
      for (const f of part.files ?? NONE) files.add(f, at);
    }
    this.keyRefs.withdraw(keyed.byKey);
    this.localRefs.withdraw(local.byScope);
    this.qualifiedRefs.withdraw(qualified.byScope);
    this.bareRefs.withdraw(bare.byKey);
    this.selfQualifiedRefs.withdraw(selfQualified.byKey);
    this.sources.withdraw(sources.byKey);
    this.superseded.withdraw(superseded.byKey);
    this.filesNamed.withdraw(files.byKey);
  }

  /** Entries of an untouched item (or paragraph) follow it to the new version, in place. */
  private move(part: Part, doc: KentDocument, item: Item | undefined, prose?: Prose): void {
    const now = (item ?? prose)!;
    // Before the change the parser keeps the very objects; after it, moved copies.
    const refs = part.of === now ? undefined : item ? relationRefs(item) : proseRefs(prose!);
    part.of = now;
    for (let at = 0; at < part.refs.length; at++) {
      const e = part.refs[at];
      e.doc = doc;
      if (!refs) continue;
      e.item = item;
      e.ref = refs[at];
    }
    if (part.located) {
      part.located.doc = doc;
      part.located.item = item!;
    }
  }

  /** Documents whose assessment ID is `id`, in order of path. */
  documentsNamed(id: string): readonly KentDocument[] {
    return this.assessments.get(id);
  }

  itemIn(doc: KentDocument, id: string): Item | undefined {
    const entries = this.docs.get(doc.path);
    const at = entries?.doc === doc ? entries.firstAt.get(id) : undefined;
    return at === undefined ? undefined : doc.items[at];
  }

  /** Every item of `doc` with `id`, in order: one, unless the ID is a duplicate. */
  itemsIn(doc: KentDocument, id: string): Item[] {
    const entries = this.docs.get(doc.path);
    if (entries?.doc !== doc) return doc.items.filter((i) => i.id === id);
    const at = entries.firstAt.get(id);
    if (at === undefined) return [];
    return entries.count.get(id)! > 1 ? doc.items.filter((i, j) => j >= at && i.id === id) : [doc.items[at]];
  }

  sourceBlocks(key: string): readonly LocatedItem[] {
    return this.sources.get(key);
  }

  /** Every key some `source` block has, in any document. */
  sourceKeys(): string[] {
    return [...this.sources.keys()];
  }

  /** Every assessment ID of the workspace. */
  assessmentIds(): string[] {
    return [...this.assessments.keys()];
  }

  /** References that may name an item: by its local and its qualified name. */
  refsNaming(target: LocatedItem): readonly ItemEntry[] {
    const local = this.localRefs.get(target.doc.path, target.item.id);
    const id = target.doc.assessment?.id;
    const qualified = id ? this.qualifiedRefs.get(id, target.item.id) : NONE;
    return qualified.length === 0 ? local : local.length === 0 ? qualified : local.concat(qualified);
  }

  /** References that use a source key: `@key`, and bare IDs equal to it. */
  refsToKey(key: string): { keyed: readonly RefEntry[]; bare: readonly ItemEntry[] } {
    return { keyed: this.keyRefs.get(key), bare: this.bareRefs.get(key) };
  }

  /**
   * Where an assessment ID may be written: in `blocks`, its documents' assessment blocks and the
   * items whose `supersedes:` names it; in `refs`, every reference written `id/…`.
   */
  namersOfAssessment(id: string): { blocks: LocatedItem[]; refs: ItemEntry[] } {
    const blocks: LocatedItem[] = this.assessments.get(id).map((doc) => ({ doc, item: doc.assessment! }));
    for (const at of this.superseded.get(id)) blocks.push(at);
    const refs: ItemEntry[] = [];
    for (const ref of this.qualifiedRefs.idsIn(id)) for (const e of this.qualifiedRefs.get(id, ref)) refs.push(e);
    for (const e of this.selfQualifiedRefs.get(id)) refs.push(e);
    return { blocks, refs };
  }

  /** Items whose `file:` or `bibliography:` leads to `path`, or into the folder `path`. */
  itemsNamingFilesAt(path: string): LocatedItem[] {
    const out = [...this.filesNamed.get(path)];
    const folder = `${path}/`;
    for (const f of this.filesNamed.keys()) if (f.startsWith(folder)) for (const at of this.filesNamed.get(f)) out.push(at);
    return out;
  }

  /** The `doc/ID` references of other documents into `doc` that name no item of it. */
  unresolvedRefsInto(doc: KentDocument): ItemEntry[] {
    const id = doc.assessment?.id;
    const out: ItemEntry[] = [];
    if (id === undefined) return out;
    for (const ref of this.qualifiedRefs.idsIn(id)) if (!this.itemIn(doc, ref)) for (const e of this.qualifiedRefs.get(id, ref)) out.push(e);
    return out;
  }

  /**
   * The `doc/ID` references, ID one of `ids`, whose `doc` names no document: their "did you mean"
   * offers only an assessment that has an item of that ID.
   */
  refsIntoNoDocument(ids: readonly string[]): ItemEntry[] {
    const out: ItemEntry[] = [];
    for (const scope of this.qualifiedRefs.scopeNames()) {
      if (this.documentsNamed(scope).length > 0) continue;
      for (const id of ids) for (const e of this.qualifiedRefs.get(scope, id)) out.push(e);
    }
    return out;
  }

  /** References that name a document by its assessment ID (`doc/…`). */
  refsIntoDocument(assessmentId: string, ids: Iterable<string>): ItemEntry[] {
    const out: ItemEntry[] = [];
    for (const id of ids) for (const e of this.qualifiedRefs.get(assessmentId, id)) out.push(e);
    return out;
  }
}

/** The items (or paragraphs) a change touched in both versions; undefined when the rest do not line up one to one. */
function touched(parts: Part[], before: ReadonlyArray<{ span: Span }>, after: ReadonlyArray<{ span: Span }>, change: Change): Touched | undefined {
  const t = touchedBySpan(before, after, change);
  const [b0, b1, a0, a1] = t;
  return b0 !== a0 || before.length - b1 !== after.length - a1 || parts.length !== before.length ? undefined : t;
}

/** Each ID's first item (the one references reach), by its place, and how many items have it. */
function firstOfEachId(items: readonly Item[]): Pick<DocumentEntries, 'firstAt' | 'count'> {
  const firstAt = new Map<string, number>();
  const count = new Map<string, number>();
  items.forEach((item, i) => {
    const n = count.get(item.id) ?? 0;
    if (n === 0) firstAt.set(item.id, i);
    count.set(item.id, n + 1);
  });
  return { firstAt, count };
}

/** The same with as many items touched as there were: only the touched IDs can have moved, come or gone. */
function patchFirsts(entries: DocumentEntries, before: readonly Item[], after: readonly Item[], [b0, b1, a0, a1]: Touched): void {
  const { firstAt, count } = entries;
  const tally = (id: string, by: number) => {
    const n = (count.get(id) ?? 0) + by;
    if (n > 0) count.set(id, n);
    else count.delete(id);
  };
  for (let i = b0; i < b1; i++) tally(before[i].id, -1);
  for (let i = a0; i < a1; i++) tally(after[i].id, 1);
  const ids = new Set([...before.slice(b0, b1), ...after.slice(a0, a1)].map((i) => i.id));
  for (const id of ids) {
    const at = count.has(id) ? after.findIndex((i) => i.id === id) : -1;
    if (at < 0) firstAt.delete(id);
    else firstAt.set(id, at);
  }
}
