// The workspace model: every `.kent` document, the index of their names, and resolution of
// references across documents, sources and bibliographies. It reads nothing itself: local
// source files and bibliographies come through a `WorkspaceHost` the front end provides.
import { posix } from 'node:path';
import { bibliographyFormat, parseBibliography, type BibEntry, type Bibliography } from './bibliography';
import { CONFIG_FILE, defaultConfig, mergeConfig, parseConfig, type KentConfig } from './config';
import type { Item, ItemRef, KentDocument, Ref } from './model';
import { parseDocument } from './parser';
import type { KentDiagnostic } from './types';

/** What a front end answers when the core asks for a file of the workspace. */
export type FileRead =
  | { ok: true; text: string }
  /** `outside`: its real path (through links) leaves the workspace; `skipped`: not read by policy (restricted workspace). */
  | { ok: false; reason: 'missing' | 'outside' | 'unreadable' | 'skipped'; message?: string };

export interface WorkspaceHost {
  /** Read a workspace-relative POSIX path that is lexically inside the workspace. */
  readFile(path: string): FileRead;
}

/** A `file:` or `bibliography:` path resolved against its document. */
export type ResolvedPath = { ok: true; path: string } | { ok: false; reason: 'outside' };

/** Where a source key resolves: a `source` block of some document, or a bibliography entry. */
export type ResolvedSource =
  | { kind: 'block'; key: string; doc: KentDocument; item: Item }
  | { kind: 'bibliography'; key: string; doc: KentDocument; bibPath: string; entry: BibEntry };

export interface LocatedItem {
  doc: KentDocument;
  item: Item;
}

export class Workspace {
  private readonly docs = new Map<string, KentDocument>();
  private readonly files = new Map<string, FileRead>();
  private readonly bibs = new Map<string, Bibliography>();
  private index?: WorkspaceIndex;
  /** Caches derived from the whole workspace (support graph, similarity); dropped on any change. */
  private readonly derived = new Map<string, unknown>();
  config: KentConfig = defaultConfig();
  /** Problems in kent.json, reported on that file. */
  configDiagnostics: KentDiagnostic[] = [];

  constructor(private readonly host: WorkspaceHost) {}

  /** Add or replace a document; an unchanged text keeps its parse. */
  setDocument(path: string, text: string, invalidUtf8At?: number): KentDocument {
    const old = this.docs.get(path);
    if (old && old.text === text && invalidUtf8At === undefined) return old;
    const doc = parseDocument(path, text, invalidUtf8At);
    this.docs.set(path, doc);
    this.changed();
    return doc;
  }

  removeDocument(path: string): void {
    if (this.docs.delete(path)) this.changed();
  }

  /** A source file or bibliography changed on disk: forget what was read of it. */
  fileChanged(path: string): void {
    this.files.delete(path);
    this.bibs.delete(path);
    this.changed();
  }

  /** Read kent.json at the root (through the host); what it sets wins over the editor's settings. */
  loadConfig(editorSettings?: Partial<KentConfig>): void {
    this.files.delete(CONFIG_FILE);
    const read = this.readFile(CONFIG_FILE);
    const base = mergeConfig(defaultConfig(), editorSettings);
    const parsed = read.ok ? parseConfig(read.text, CONFIG_FILE, base) : { config: base, diagnostics: [] };
    this.configDiagnostics = parsed.diagnostics;
    this.config = parsed.config;
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
    this.index = undefined;
    this.derived.clear();
  }

  getDocument(path: string): KentDocument | undefined {
    return this.docs.get(path);
  }

  documents(): KentDocument[] {
    return [...this.docs.values()];
  }

  /** A value derived from the whole workspace, computed once per state of it. */
  cached<T>(key: string, compute: () => T): T {
    if (!this.derived.has(key)) this.derived.set(key, compute());
    return this.derived.get(key) as T;
  }

  private get idx(): WorkspaceIndex {
    return (this.index ??= buildIndex(this.docs.values()));
  }

  /** Documents whose assessment ID is `id`. */
  documentsNamed(id: string): KentDocument[] {
    return this.idx.byAssessment.get(id) ?? [];
  }

  /** The first item of `doc` with `id`. */
  itemIn(doc: KentDocument, id: string): Item | undefined {
    return this.idx.items.get(doc.path)?.get(id);
  }

  /** Resolve `ID` (in `from`) or `doc/ID` (anywhere in the workspace). */
  resolveItem(from: KentDocument, ref: ItemRef): LocatedItem | undefined {
    if (ref.doc === undefined || ref.doc === from.assessment?.id) {
      const item = this.itemIn(from, ref.id);
      return item && { doc: from, item };
    }
    for (const doc of this.documentsNamed(ref.doc)) {
      const item = this.itemIn(doc, ref.id);
      if (item) return { doc, item };
    }
    return undefined;
  }

  /** `source` blocks with this key, in every document. */
  sourceBlocks(key: string): LocatedItem[] {
    return this.idx.sources.get(key) ?? [];
  }

  /** §1.2: a source block of the same document, then of any document, then the document's bibliographies. */
  resolveSource(from: KentDocument, key: string): ResolvedSource | undefined {
    const local = this.itemIn(from, key);
    if (local?.kind === 'source') return { kind: 'block', key, doc: from, item: local };
    const anywhere = this.sourceBlocks(key)[0];
    if (anywhere) return { kind: 'block', key, ...anywhere };
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
    const p = path.trim().replace(/\\/g, '/');
    if (p.startsWith('/') || /^[A-Za-z]:/.test(p) || p.startsWith('~') || /^[a-z][a-z0-9+.-]*:\/\//i.test(p)) return { ok: false, reason: 'outside' };
    const joined = posix.normalize(posix.join(posix.dirname(from.path), p));
    if (joined === '..' || joined.startsWith('../') || joined.startsWith('/')) return { ok: false, reason: 'outside' };
    return { ok: true, path: joined };
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

  /** The parsed bibliography at a workspace path, or undefined when it cannot be read. */
  bibliography(path: string): Bibliography | undefined {
    const cached = this.bibs.get(path);
    if (cached) return cached;
    const read = this.readFile(path);
    if (!read.ok) return undefined;
    const format = bibliographyFormat(path) ?? (read.text.trimStart().startsWith('[') ? 'csl-json' : 'bibtex');
    const bib = parseBibliography(read.text, format);
    this.bibs.set(path, bib);
    return bib;
  }

  /** Items (in any document) whose relation attribute points at `target`. */
  referrers(target: LocatedItem): LocatedItem[] {
    return this.idx.referrers.get(nodeKey(target.doc, target.item)) ?? [];
  }

  /** How many places cite a source key (any `@key`, `source:`, bare key in `because`, or link to the source item). */
  citationCount(key: string): number {
    return this.idx.sourceUse.get(key) ?? 0;
  }
}

export function nodeKey(doc: KentDocument, item: Item): string {
  return doc.path + '#' + item.id;
}

interface WorkspaceIndex {
  byAssessment: Map<string, KentDocument[]>;
  items: Map<string, Map<string, Item>>;
  sources: Map<string, LocatedItem[]>;
  /** Reverse index: who refers to an item through any relation (nodeKey → referrers). */
  referrers: Map<string, LocatedItem[]>;
  sourceUse: Map<string, number>;
}

function buildIndex(docs: Iterable<KentDocument>): WorkspaceIndex {
  const index: WorkspaceIndex = { byAssessment: new Map(), items: new Map(), sources: new Map(), referrers: new Map(), sourceUse: new Map() };
  const all = [...docs].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  for (const doc of all) {
    if (doc.assessment) push(index.byAssessment, doc.assessment.id, doc);
    const items = new Map<string, Item>();
    for (const item of doc.items) {
      if (!items.has(item.id)) items.set(item.id, item);
      if (item.kind === 'source') push(index.sources, item.id, { doc, item });
    }
    index.items.set(doc.path, items);
  }
  const countUse = (key: string) => index.sourceUse.set(key, (index.sourceUse.get(key) ?? 0) + 1);
  const targetOf = (doc: KentDocument, ref: ItemRef): LocatedItem | undefined => {
    const docs = ref.doc === undefined || ref.doc === doc.assessment?.id ? [doc] : (index.byAssessment.get(ref.doc) ?? []);
    for (const d of docs) {
      const item = index.items.get(d.path)?.get(ref.id);
      if (item) return { doc: d, item };
    }
    return undefined;
  };
  for (const doc of all) {
    const refs = [...doc.items.flatMap((item) => relationRefs(item).map((ref) => ({ item, ref }))), ...doc.prose.flatMap((p) => [...p.links, ...p.citations.flatMap((c) => c.refs)].map((ref) => ({ item: undefined, ref })))];
    for (const { item, ref } of refs) {
      if (ref.type === 'source') {
        countUse(ref.key);
        continue;
      }
      const target = targetOf(doc, ref);
      if (!target) {
        if (ref.doc === undefined) countUse(ref.id); // a bare source key (`because: iiss-2024`)
        continue;
      }
      if (target.item.kind === 'source') countUse(target.item.id);
      if (item) push(index.referrers, nodeKey(target.doc, target.item), { doc, item });
    }
  }
  return index;
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

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}
