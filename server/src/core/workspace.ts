// The workspace model: every `.kent` document, the index of their names, and resolution of
// references across documents, sources and bibliographies. It reads nothing itself: local
// source files and bibliographies come through a `WorkspaceHost` the front end provides.
import { posix } from 'node:path';
import { bibliographyFormatOf, parseBibliography, type BibEntry, type Bibliography } from './bibliography';
import { detachStrings, meetingRange } from './change';
import { CONFIG_FILE, defaultConfig, mergeConfig, parseConfig, type KentConfig } from './config';
import type { Item, ItemRef, KentDocument } from './model';
import { changeOf, forgetParse, parseDocument } from './parser';
import { StatementIndex } from './statementIndex';
import { textOf, type Source } from './source';
import type { KentDiagnostic, Span } from './types';
import { WorkspaceIndex, documentRefs, type LocatedItem, type RefEntry } from './wsindex';

export { relationRefs, type LocatedItem, type RefEntry } from './wsindex';

/** What a front end answers when the core asks for a file of the workspace. */
export type FileRead =
  | { ok: true; text: string }
  /** `outside`: its real path (through links) leaves the workspace; `skipped`: not read by policy (restricted workspace). */
  | { ok: false; reason: 'missing' | 'outside' | 'unreadable' | 'skipped'; message?: string };

/**
 * kent.json that is there but cannot be read (a folder, too large, no permission, a link out of
 * the workspace): said, or a CI run would pass on the defaults unnoticed. Absent (or not read in
 * a restricted workspace) is no problem.
 */
function unreadConfig(read: Extract<FileRead, { ok: false }>): KentDiagnostic[] {
  if (read.reason === 'missing' || read.reason === 'skipped') return [];
  const why = read.reason === 'outside' ? 'it leads outside the workspace' : (read.message ?? 'unreadable');
  return [{ path: CONFIG_FILE, span: { start: 0, end: 0 }, severity: 'error', code: 'invalid-config', message: `kent.json cannot be read (${why}); the defaults apply` }];
}

/** One entry of a folder: its name, and whether it is a folder itself. */
export interface FolderEntry {
  name: string;
  folder: boolean;
}

/** What a front end answers when the core asks what a folder of the workspace holds. */
export type FolderListing = { ok: true; entries: FolderEntry[] } | { ok: false; reason: 'missing' | 'outside' | 'unreadable' | 'skipped' };

export interface WorkspaceHost {
  /** Read a workspace-relative POSIX path that is lexically inside the workspace. */
  readFile(path: string): FileRead;
  /**
   * The entries of a workspace-relative POSIX folder (`.`: the root) that is lexically inside
   * the workspace, leaving out any that lead outside it (a link out). A host without it (a test's,
   * a fuzzer's) lists nothing: no path is offered or suggested.
   */
  listFolder?(path: string): FolderListing;
}

/** A `file:` or `bibliography:` path resolved against its document. */
export type ResolvedPath = { ok: true; path: string } | { ok: false; reason: 'outside' };

/** A place a source is rated: a `source` block, or an entry of a bibliography some document names. */
export interface SourceRating {
  rating: string;
  /** The document of the block, or the bibliography file. */
  path: string;
  /** The block's `reliability:` value, or the entry's key. */
  span: Span;
  block?: Item;
}

/** Where a source key resolves: a `source` block of some document, or a bibliography entry. */
export type ResolvedSource =
  | { kind: 'block'; key: string; doc: KentDocument; item: Item }
  | { kind: 'bibliography'; key: string; doc: KentDocument; bibPath: string; entry: BibEntry };

/** What a command line that checks named files alone can tell of the documents it did not read. */
export interface CheckedOnly {
  /** The workspace path of a document beside the files checked, not read, whose assessment ID is `id`. */
  unread(id: string): string | undefined;
}

export class Workspace {
  private readonly docs = new Map<string, KentDocument>();
  private readonly files = new Map<string, FileRead>();
  private readonly bibs = new Map<string, Bibliography>();
  /** Folders listed, by path (`.`: the root): completion lists one per keystroke, the checks one per missing file. */
  private readonly listings = new Map<string, FolderListing>();
  private readonly index = new WorkspaceIndex((doc, written) => {
    const resolved = this.resolvePath(doc, written);
    return resolved.ok ? resolved.path : undefined;
  });
  /** Judgments' and claims' propositions, for `possible-contradiction`. */
  readonly statements = new StatementIndex('icd203');
  /** Values derived from the workspace, recomputed on demand after a change. */
  private readonly derived = new Map<string, unknown>();
  /** `file:` and `bibliography:` paths resolved, by their document's path and the path as written (many items name one file). */
  private readonly resolvedPaths = new Map<string, Map<string, ResolvedPath>>();
  /** Bumped on every change: lets callers tell whether what they computed is still current. */
  version = 0;
  config: KentConfig = defaultConfig();
  /** Problems in kent.json, reported on that file. */
  configDiagnostics: KentDiagnostic[] = [];
  /** Set when a command line checks named files alone: the documents read are not the workspace. */
  checkedOnly?: CheckedOnly;

  constructor(private readonly host: WorkspaceHost) {}

  /**
   * Add or replace a document; an unchanged text keeps its parse. A file read from disk and then
   * opened in the editor is parsed once: the editor's copy (in pieces) is the same text.
   */
  setDocument(path: string, text: Source, invalidUtf8At?: number): KentDocument {
    const old = this.docs.get(path);
    if (old && invalidUtf8At === undefined && (readAs.get(old) === text || sameText(old.source, text))) {
      // Every request on an open document sets it again: its copy is compared once, not each time.
      if (old.source !== text) readAs.set(old, text);
      return old;
    }
    const doc = parseDocument(path, text, invalidUtf8At, old);
    this.resolvedPaths.delete(path); // the paths it wrote may have changed (while one is typed, each prefix would stay)
    if (old) detachChanged(old, doc);
    this.docs.set(path, doc);
    if (old) this.index.replace(old, doc);
    else this.index.add(doc);
    if (!old) this.forgetListingsAbove(path); // a document new on disk: its folder lists it
    if (old) this.statements.replace(old, doc);
    else this.statements.add(doc);
    this.changed();
    return doc;
  }

  removeDocument(path: string): void {
    const old = this.docs.get(path);
    if (!old) return;
    this.docs.delete(path);
    this.resolvedPaths.delete(path);
    this.forgetListingsAbove(path);
    this.index.remove(old);
    this.statements.remove(old);
    forgetParse(path);
    this.changed();
  }

  /**
   * A file or folder changed on disk: forget what was read or listed of it. Returns whether it
   * mattered: false when the workspace never read it, looked for it, nor listed its folder (a
   * build's output, a checkout's thousands of files), and nothing it shows can have changed.
   */
  fileChanged(path: string): boolean {
    // Each, not short-circuited: a bibliography is in `files` and `bibs` alike.
    const held = [forget(this.files, path), forget(this.bibs, path), forget(this.listings, path), this.forgetListingsChangedBy(path)];
    if (!held.includes(true)) return false;
    this.changed();
    return true;
  }

  /**
   * A document that came or went changes its folder's listing, and a folder made for it or gone
   * with it (`mkdir -p`, `rm -r`, told by the document alone) the listings above.
   */
  private forgetListingsAbove(path: string): void {
    if (this.listings.size === 0) return;
    for (let dir = posix.dirname(path); ; dir = posix.dirname(dir)) {
      this.listings.delete(dir);
      if (dir === '.' || dir === '/') break;
    }
  }

  /**
   * Any other file or folder that came or went changes its folder's listing, and a folder made
   * for it (`mkdir -p`, told by the file alone) the listings above that do not hold that folder
   * yet. One further up that holds it is kept: a build writing deep under a listed root is no
   * change to the root (a folder that goes is told by its own event). Returns whether a listing was forgotten.
   */
  private forgetListingsChangedBy(path: string): boolean {
    if (this.listings.size === 0) return false;
    let forgot = false;
    for (let child = path, dir = posix.dirname(path); ; child = dir, dir = posix.dirname(dir)) {
      const listing = this.listings.get(dir);
      if (listing && (child === path || !holdsFolder(listing, posix.basename(child)))) forgot = this.listings.delete(dir) || forgot;
      if (dir === '.' || dir === '/') break;
    }
    return forgot;
  }

  /**
   * Read kent.json at the root (through the host, or `text`: the file as an editor has it open);
   * what it sets wins over the editor's settings.
   */
  loadConfig(editorSettings?: Partial<KentConfig>, text?: string): void {
    this.files.delete(CONFIG_FILE);
    const read: FileRead = text === undefined ? this.readFile(CONFIG_FILE) : { ok: true, text };
    const base = mergeConfig(defaultConfig(), editorSettings);
    const parsed = read.ok ? parseConfig(read.text, CONFIG_FILE, base) : { config: base, diagnostics: unreadConfig(read) };
    this.configDiagnostics = parsed.diagnostics;
    this.config = parsed.config;
    this.statements.setScale(this.config.scale);
    this.changed();
  }

  /** The text behind a workspace path: an open document, or a file read through the host. */
  textOf(path: string): string | undefined {
    const doc = this.docs.get(path);
    if (doc) return doc.text;
    const read = this.readFile(path);
    return read.ok ? read.text : undefined;
  }

  private changed(): void {
    this.version++;
    this.derived.clear();
  }

  getDocument(path: string): KentDocument | undefined {
    return this.docs.get(path);
  }

  documents(): KentDocument[] {
    return [...this.docs.values()];
  }

  get documentCount(): number {
    return this.docs.size;
  }

  /** Every file read or looked for (sources, bibliographies, kent.json), found or not: what a change on disk may alter. */
  filesAsked(): IterableIterator<string> {
    return this.files.keys();
  }

  get filesAskedCount(): number {
    return this.files.size;
  }

  /** Whether a file was read or looked for (see `filesAsked`). */
  asked(path: string): boolean {
    return this.files.has(path);
  }

  /**
   * Every rating of a source key: `source` blocks of any document and entries of any document's
   * bibliographies, a key being one source across the workspace. The blocks by key from the
   * index: an edit re-checks a cited source's block, and a map of every block's rating, rebuilt
   * after each keystroke, made the edit's slowest part. The entries (far fewer) in one map per state.
   */
  sourceRatings(key: string): SourceRating[] {
    const out: SourceRating[] = [];
    for (const b of this.sourceBlocks(key)) if (b.item.reliability) out.push({ rating: b.item.reliability.value, path: b.doc.path, span: b.item.reliability.span, block: b.item });
    for (const r of this.entryRatings().get(key) ?? []) out.push(r);
    return out;
  }

  /** The rated entries of the bibliographies any document names, by key. */
  private entryRatings(): Map<string, SourceRating[]> {
    return this.cached('entryRatings', () => {
      const out = new Map<string, SourceRating[]>();
      for (const path of this.namedBibliographies()) {
        for (const [key, entry] of this.bibliography(path)?.entries ?? []) {
          const rating = entry.reliability?.trim().toUpperCase();
          if (rating) (out.get(key) ?? out.set(key, []).get(key)!).push({ rating, path, span: entry.keySpan });
        }
      }
      return out;
    });
  }

  /**
   * The workspace paths some document names in `bibliography:`: the only files read as
   * bibliographies. The editor asks on every request in a JSON file it sends (package.json
   * too), so the set is kept until the workspace changes.
   */
  namedBibliographies(): ReadonlySet<string> {
    return this.cached('namedBibliographies', () => new Set(this.documents().flatMap((d) => this.bibliographyPaths(d))));
  }

  /**
   * The first (in path order) bibliography some document names that has an entry for `key`:
   * where a key unresolved in a document that does not name it is found.
   */
  bibliographyWithKey(key: string): string | undefined {
    return [...this.namedBibliographies()].sort().find((p) => this.bibliography(p)?.entries.has(key));
  }

  /**
   * Where a bibliography's problems of kind `code` are listed in full: the first document (in path
   * order) that names it and does not silence `code` (`kent-ignore`), at its `bibliography:`
   * value; the first that names it when all do. Others that name it point there, so that a
   * refs.bib shared by a team is read for its problems once, not once per assessment, and a
   * document that hides them hides them from itself alone.
   */
  bibliographyListedAt(path: string, code: BibliographyCode): { doc: KentDocument; span: Span } | undefined {
    return this.cached(`bibliographyListedAt ${code}`, () => {
      const out = new Map<string, { doc: KentDocument; span: Span; silenced: boolean }>();
      const docs = [...this.docs.values()].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
      for (const d of docs) {
        const silenced = silencesInAssessment(d, code);
        for (const b of d.assessment?.bibliography ?? []) {
          const resolved = this.resolvePath(d, b.path);
          const first = resolved.ok ? out.get(resolved.path) : undefined;
          if (resolved.ok && (!first || (first.silenced && !silenced))) out.set(resolved.path, { doc: d, span: b.span, silenced });
        }
      }
      return out;
    }).get(path);
  }

  /** Documents whose bibliographies have an entry for one of `keys`: where a rating of those keys may be compared. */
  documentsWithEntries(keys: ReadonlySet<string>): KentDocument[] {
    const hasOne = (path: string) => {
      const entries = this.bibliography(path)?.entries;
      if (entries) for (const k of keys) if (entries.has(k)) return true;
      return false;
    };
    return this.documents().filter((d) => this.bibliographyPaths(d).some(hasOne));
  }

  /** The keys of the entries of a document's bibliographies. */
  entryKeys(doc: KentDocument): string[] {
    return this.bibliographyPaths(doc).flatMap((p) => [...(this.bibliography(p)?.entries.keys() ?? [])]);
  }

  /** A value derived from the whole workspace, computed once per state of it. */
  cached<T>(key: string, compute: () => T): T {
    if (!this.derived.has(key)) this.derived.set(key, compute());
    return this.derived.get(key) as T;
  }

  /** Documents whose assessment ID is `id`. */
  documentsNamed(id: string): readonly KentDocument[] {
    return this.index.documentsNamed(id);
  }

  /** The first item of `doc` with `id`. */
  itemIn(doc: KentDocument, id: string): Item | undefined {
    return this.index.itemIn(doc, id);
  }

  /** Every item of `doc` with `id`, in document order (more than one: a duplicate ID). */
  itemsIn(doc: KentDocument, id: string): Item[] {
    return this.index.itemsIn(doc, id);
  }

  /** Resolve `ID` (in `from`) or `doc/ID` (anywhere in the workspace). */
  resolveItem(from: KentDocument, ref: ItemRef): LocatedItem | undefined {
    return this.resolve(from, ref, located);
  }

  /** The item a reference resolves to, for callers that need not know its document. */
  private itemNamedBy(from: KentDocument, ref: ItemRef): Item | undefined {
    return this.resolve(from, ref, itemOnly);
  }

  /** A local ID in `from`; a qualified one in the first document (by path) of that assessment ID that has it. */
  private resolve<T>(from: KentDocument, ref: ItemRef, found: (doc: KentDocument, item: Item) => T): T | undefined {
    if (ref.doc === undefined || ref.doc === from.assessment?.id) {
      const item = this.itemIn(from, ref.id);
      return item && found(from, item);
    }
    for (const doc of this.documentsNamed(ref.doc)) {
      const item = this.itemIn(doc, ref.id);
      if (item) return found(doc, item);
    }
    return undefined;
  }

  /** `source` blocks with this key, in every document. */
  sourceBlocks(key: string): readonly LocatedItem[] {
    return this.index.sourceBlocks(key);
  }

  /**
   * Every key `from` can cite: the workspace's `source` blocks, then the entries of its
   * bibliographies. One list per set of bibliographies until the workspace changes: "did you
   * mean" reads a list once, and a check of many documents asks again and again.
   */
  sourceKeys(from: KentDocument): string[] {
    if (this.keyLists.version !== this.version) this.keyLists = { version: this.version, byBibliographies: new Map() };
    const bibs = this.bibliographyPaths(from);
    const name = bibs.join('\n');
    let keys = this.keyLists.byBibliographies.get(name);
    if (!keys) {
      // Sorted, as the assessment IDs are: "did you mean" breaks ties by order, which must not be the order documents were opened in.
      const all = new Set(this.index.sourceKeys().sort());
      for (const path of bibs) for (const key of this.bibliography(path)?.entries.keys() ?? []) all.add(key);
      this.keyLists.byBibliographies.set(name, (keys = [...all]));
    }
    return keys;
  }
  private keyLists = { version: -1, byBibliographies: new Map<string, string[]>() };

  /** The workspace paths of `doc`'s bibliographies (those inside the workspace), in order. */
  bibliographyPaths(doc: KentDocument): string[] {
    return (doc.assessment?.bibliography ?? []).flatMap((bib) => {
      const resolved = this.resolvePath(doc, bib.path);
      return resolved.ok ? [resolved.path] : [];
    });
  }

  /** Every assessment ID of the workspace, sorted: the same list however the documents came in. */
  assessmentIds(): string[] {
    return this.index.assessmentIds().sort();
  }

  /** §1.2: a source block of the same document, then of any document, then the document's bibliographies. */
  resolveSource(from: KentDocument, key: string): ResolvedSource | undefined {
    const local = this.itemIn(from, key);
    if (local?.kind === 'source') return { kind: 'block', key, doc: from, item: local };
    const anywhere = this.sourceBlocks(key)[0];
    if (anywhere) return { kind: 'block', key, doc: anywhere.doc, item: anywhere.item };
    for (const bib of from.assessment?.bibliography ?? []) {
      const resolved = this.resolvePath(from, bib.path);
      if (!resolved.ok) continue;
      const entry = this.bibliography(resolved.path)?.entries.get(key);
      if (entry) return { kind: 'bibliography', key, doc: from, bibPath: resolved.path, entry };
    }
    return undefined;
  }

  /** Resolve a `file:`/`bibliography:` path against its document, refusing any that leaves the workspace. */
  resolvePath(from: KentDocument, path: string): ResolvedPath {
    // The answer depends on the two paths alone, and every check and unresolved key asks again.
    let byPath = this.resolvedPaths.get(from.path);
    if (!byPath) this.resolvedPaths.set(from.path, (byPath = new Map()));
    let resolved = byPath.get(path);
    if (!resolved) byPath.set(path, (resolved = resolveAgainst(from.path, path)));
    return resolved;
  }

  /** Read a workspace file through the host, once per change of it. */
  readFile(path: string): FileRead {
    let read = this.files.get(path);
    if (!read) {
      try {
        read = this.host.readFile(path);
      } catch (e) {
        read = { ok: false, reason: 'unreadable', message: (e as Error).message };
      }
      this.files.set(path, read);
    }
    return read;
  }

  /** Whether a folder's listing is held (see `listFolder`): a file coming or going in it changes what is offered. */
  listed(path: string): boolean {
    return this.listings.has(path);
  }

  /**
   * What a workspace folder (`.`: the root) holds, through the host, once per change in it, with
   * hidden entries and `node_modules` left out; nothing in a folder so named.
   */
  listFolder(path: string): FolderListing {
    let listing = this.listings.get(path);
    if (!listing) {
      listing = isHiddenPath(path) ? { ok: false, reason: 'skipped' } : this.hostListing(path);
      this.listings.set(path, listing);
    }
    return listing;
  }

  private hostListing(path: string): FolderListing {
    let listing: FolderListing;
    try {
      listing = this.host.listFolder?.(path) ?? { ok: false, reason: 'skipped' };
    } catch {
      return { ok: false, reason: 'unreadable' };
    }
    if (!listing.ok) return listing;
    return { ok: true, entries: listing.entries.filter((e) => !isHiddenName(e.name)).sort((a, b) => Number(b.folder) - Number(a.folder) || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0)) };
  }

  /** The parsed bibliography at a workspace path, or undefined when it cannot be read. */
  bibliography(path: string): Bibliography | undefined {
    const cached = this.bibs.get(path);
    if (cached) return cached;
    const read = this.readFile(path);
    if (!read.ok) return undefined;
    const format = bibliographyFormatOf(path, read.text);
    const bib = parseBibliography(read.text, format);
    this.bibs.set(path, bib);
    return bib;
  }

  /** Items (in any document) whose references point at `target`. */
  referrers(target: LocatedItem): LocatedItem[] {
    const out: LocatedItem[] = [];
    for (const e of this.index.refsNaming(target)) {
      if (e.item && !out.some((o) => o.item === e.item) && this.itemNamedBy(e.doc, e.ref) === target.item) out.push({ doc: e.doc, item: e.item });
    }
    return out;
  }

  /** How many places cite a source key (`@key`, `source:`, a bare key, a link to the source item). */
  citationCount(key: string): number {
    const { keyed, bare } = this.index.refsToKey(key);
    let n = keyed.length;
    for (const e of bare) {
      const target = this.itemNamedBy(e.doc, e.ref);
      if (!target || target.kind === 'source') n++;
    }
    for (const block of this.sourceBlocks(key)) for (const e of this.index.refsNaming(block)) if (e.ref.doc !== undefined) n++;
    return n;
  }

  /**
   * The documents whose diagnostics may differ after `before` became `after` as a whole (either
   * may be absent; its names may have changed): the document itself, every document that names
   * it or shares a name with it, and in turn those that stand on them (support, and so grounding,
   * runs through chains of documents). Edits inside a document are narrower: see `incremental.ts`.
   */
  affectedBy(before: KentDocument | undefined, after: KentDocument | undefined): Set<KentDocument> {
    const out = new Set<KentDocument>();
    if (after) out.add(after);
    // One step to every document that names it; beyond that, only along support, which is
    // what carries grounding, cycles and the ratings under a confidence from document to document.
    const versions = [before, after].filter((d): d is KentDocument => d !== undefined);
    for (const v of versions) for (const other of this.dependents(v)) out.add(other);
    const seen = new Set<KentDocument>(versions);
    const queue = [...versions];
    while (queue.length) {
      for (const other of this.supporters(queue.pop()!)) {
        if (seen.has(other)) continue;
        seen.add(other);
        out.add(other);
        queue.push(other);
      }
    }
    return this.current(out);
  }

  private current(docs: Set<KentDocument>): Set<KentDocument> {
    return new Set([...docs].filter((d) => this.docs.get(d.path) === d));
  }

  /** References that may name an item: by its local and its qualified name. */
  refsNaming(target: LocatedItem): ReadonlyArray<RefEntry & { ref: ItemRef }> {
    return this.index.refsNaming(target);
  }

  /** The items (and paragraphs, with no item) that may write the assessment ID `id`: see `WorkspaceIndex.namersOfAssessment`. */
  namersOfAssessment(id: string): { blocks: LocatedItem[]; refs: ReadonlyArray<RefEntry & { ref: ItemRef }> } {
    return this.index.namersOfAssessment(id);
  }

  /** Items whose `file:` or `bibliography:` leads to `path`, or into the folder `path`. */
  itemsNamingFilesAt(path: string): LocatedItem[] {
    return this.index.itemsNamingFilesAt(path);
  }

  /** The `doc/ID` references of other documents into `doc` that name no item of it. */
  unresolvedRefsInto(doc: KentDocument): ReadonlyArray<RefEntry & { ref: ItemRef }> {
    return this.index.unresolvedRefsInto(doc);
  }

  /** The `doc/ID` references, ID one of `ids`, whose `doc` names no document. */
  refsIntoNoDocument(ids: readonly string[]): ReadonlyArray<RefEntry & { ref: ItemRef }> {
    return this.index.refsIntoNoDocument(ids);
  }

  /** References that use a source key: `@key`, and bare IDs equal to it. */
  refsToKey(key: string): { keyed: readonly RefEntry[]; bare: ReadonlyArray<RefEntry & { ref: ItemRef }> } {
    return this.index.refsToKey(key);
  }

  /** Documents that stand on `doc`: `because` naming its items, or any use of its source keys. */
  private supporters(doc: KentDocument): KentDocument[] {
    const out = new Set<KentDocument>();
    const id = doc.assessment?.id;
    if (id) for (const e of this.index.refsIntoDocument(id, doc.items.map((i) => i.id))) if (e.item?.because.includes(e.ref)) out.add(e.doc);
    for (const item of doc.items) {
      if (item.kind !== 'source') continue;
      const { keyed, bare } = this.index.refsToKey(item.id);
      for (const e of [...keyed, ...bare]) out.add(e.doc);
    }
    out.delete(doc);
    return [...this.current(out)];
  }

  /** Current documents that name `doc`'s items or sources, share its assessment ID, or are open-ended. */
  private dependents(doc: KentDocument): KentDocument[] {
    const out = new Set<KentDocument>();
    const id = doc.assessment?.id;
    if (id) {
      for (const d of this.documentsNamed(id)) out.add(d);
      for (const e of this.index.refsIntoDocument(id, doc.items.map((i) => i.id))) out.add(e.doc);
    }
    for (const item of doc.items) {
      if (item.kind !== 'source') continue;
      const { keyed, bare } = this.index.refsToKey(item.id);
      for (const e of [...keyed, ...bare]) out.add(e.doc);
      for (const b of this.sourceBlocks(item.id)) out.add(b.doc);
    }
    for (const d of this.openEnded()) out.add(d);
    for (const p of this.statements.partnersOf(doc)) out.add(p.at.doc);
    out.delete(doc);
    return [...this.current(out)];
  }

  /** Documents with an unresolved reference: any other document's change may resolve it. */
  private openEnded(): KentDocument[] {
    return this.cached('open-ended', () => [...this.docs.values()].filter((d) => documentRefs(d).some((e) => (e.ref.type === 'source' ? !this.resolveSource(d, e.ref.key) : !this.resolveItem(d, e.ref)))));
  }
}

/** A `file:`/`bibliography:` path against the path of its document, refused when it leaves the workspace. */
function resolveAgainst(docPath: string, path: string): ResolvedPath {
  const p = path.trim().replace(/\\/g, '/');
  if (p.startsWith('/') || /^[A-Za-z]:/.test(p) || p.startsWith('~') || /^[a-z][a-z0-9+.-]*:\/\//i.test(p)) return { ok: false, reason: 'outside' };
  const joined = posix.normalize(posix.join(posix.dirname(docPath), p));
  if (joined === '..' || joined.startsWith('../') || joined.startsWith('/')) return { ok: false, reason: 'outside' };
  return { ok: true, path: joined };
}

const located = (doc: KentDocument, item: Item): LocatedItem => ({ doc, item });
const itemOnly = (_doc: KentDocument, item: Item) => item;

/** Whether two sources hold the same text; two versions of an edited text are told apart without building either. */
/** A copy of a document's text found to be the same, as another object (the editor's copy of a file read from disk). */
const readAs = new WeakMap<KentDocument, Source>();

function sameText(a: Source, b: Source): boolean {
  return a === b || (typeof a !== typeof b && a.length === b.length && textOf(a) === textOf(b));
}

/** The parts an edit made the parser read anew: their strings are copied out of the new text (see `detachStrings`). */
function detachChanged(before: KentDocument, after: KentDocument): void {
  const { start, endAfter } = changeOf(before, after);
  const meeting = <T extends { span: { start: number; end: number } }>(list: readonly T[]) => {
    const [from, to] = meetingRange(list, start, endAfter);
    return list.slice(from, to);
  };
  detachStrings([...meeting(after.items), ...meeting(after.prose), ...meeting(after.headings), ...meeting(after.parseDiagnostics)]);
}

export function nodeKey(doc: KentDocument, item: Item): string {
  return doc.path + '#' + item.id;
}

/** Names Kent never offers or looks into: dot-files and dot-folders (.git, editor history) and node_modules. */
function isHiddenName(name: string): boolean {
  return (name.startsWith('.') && name !== '.' && name !== '..') || name === 'node_modules';
}

function isHiddenPath(path: string): boolean {
  return path.split('/').some(isHiddenName);
}

/** Whether a listing (one found, or a folder missing then: any entry under it is news) holds `name` as a folder. */
function holdsFolder(listing: FolderListing, name: string): boolean {
  return listing.ok && listing.entries.some((e) => e.folder && e.name === name);
}

/**
 * Drop what is cached of `path` and, when it is a folder, of everything under it: an editor tells
 * a folder moved or deleted by the folder alone, not by each file in it. Returns whether anything was.
 */
function forget(cache: Map<string, unknown>, path: string): boolean {
  // A path read as a file holds nothing under it: a checkout's thousands of file events each
  // cost one lookup, not a pass over every file read.
  if (cache.delete(path)) return true;
  const folder = `${path}/`;
  let forgot = false;
  for (const key of cache.keys()) if (key.startsWith(folder)) forgot = cache.delete(key);
  return forgot;
}

/** The checks that report on a shared bibliography as a whole: its parse problems, its unrated entries. */
export const BIBLIOGRAPHY_CODES = ['source-file-missing', 'invalid-value'] as const;
export type BibliographyCode = (typeof BIBLIOGRAPHY_CODES)[number];

/** Whether `doc` silences `code` on its assessment block (`// kent-ignore` before it) or in the whole file. */
export function silencesInAssessment(doc: KentDocument, code: string): boolean {
  return doc.ignoredInFile.has(code) || (doc.assessment?.ignored.has(code) ?? false);
}
