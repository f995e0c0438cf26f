// The Kent language server: a thin shell over the core. Each handler finds the document,
// calls the core with offsets, and converts the answer to LSP. Runs over IPC (the VS Code
// extension) or stdio (`kent-language-server --stdio`, for every other editor).
import * as fs from 'node:fs';
import * as path from 'node:path';
import { setFlagsFromString } from 'node:v8';
import {
  CodeActionKind,
  DiagnosticSeverity,
  ErrorCodes,
  LSPErrorCodes,
  MessageType,
  ResponseError,
  DiagnosticTag,
  DocumentHighlightKind,
  DidChangeConfigurationNotification,
  DidChangeWatchedFilesNotification,
  FileChangeType,
  InsertTextFormat,
  ProposedFeatures,
  ShowMessageNotification,
  SymbolKind,
  TextDocumentSyncKind,
  createConnection,
  type CallHierarchyItem,
  type ClientCapabilities,
  type CodeAction,
  type Command,
  type Diagnostic,
  type FileEvent,
  type InitializeParams,
  type InsertReplaceEdit,
  type MarkupContent,
  type SymbolInformation,
  type InitializeResult,
  type Range,
  type SelectionRange,
  TextDocumentEdit,
  type TextEdit,
  type WorkDoneProgressServerReporter,
  type WorkspaceEdit,
} from 'vscode-languageserver/node';
import { URI } from 'vscode-uri';
import { checkDocument, configDiagnostics, type Checked } from '../core/analyze';
import { changeBetween } from '../core/change';
import type { Scope } from '../core/incremental';
import { CONFIG_FILE, editorSettings, type KentConfig } from '../core/config';
import type { KentDocument } from '../core/model';
import { codeActions } from '../core/service/codeActions';
import { completions, type CompletionEntry } from '../core/service/completion';
import { foldingRanges } from '../core/service/folding';
import { formatDocument, formatRange } from '../core/service/format';
import { selectionRanges } from '../core/service/selectionRange';
import { semanticTokens, TOKEN_MODIFIERS, TOKEN_TYPES } from '../core/service/semanticTokens';
import { hover, sourceHover } from '../core/service/hover';
import { plainText } from '../core/service/plainText';
import { inlayHints } from '../core/service/inlayHints';
import { documentLinks } from '../core/service/links';
import { pathEditsForRenames } from '../core/service/fileRename';
import { sourceLink, standingOn, standsOn, supportLinkAt, type SupportLink } from '../core/service/supportHierarchy';
import { bibliographyTarget, definition, highlights, prepareRename, references, rename, renameSourceTarget, sourceReferences, type SourceTarget } from '../core/service/navigation';
import { bibliographyFormat, parseBibliography, type Bibliography } from '../core/bibliography';
import { documentSymbols, workspaceSymbols, type SymbolEntry } from '../core/service/symbols';
import { exportHtml } from '../core/report/html';
import type { PreviousPositions } from '../core/report/layout';
import { evidenceMap } from '../core/report/map';
import { exportMarkdown } from '../core/report/markdown';
import type { Source } from '../core/source';
import { LineIndex } from '../core/text';
import { tokenNumberCount } from '../core/similarity';
import { parseCacheSizes } from '../core/parser';
import { matchMemoSize } from '../core/grammar';
import { estimativeMemoSizes } from '../core/estimative';
import type { KentDiagnostic, Span } from '../core/types';
import { isIgnoredPath } from '../node/fsHost';
import { DiskWatch } from './diskWatch';
import { Folders, type Folder } from './folders';
import { OpenDocuments, type OpenDocument } from './openDocuments';
import { completionKind, symbolKind, type KindsShown } from './kinds';
import { Lifecycle } from './lifecycle';
import { lasting, stdioTransport } from './stdio';

// Collect garbage once the heap has grown by a fifth, not (V8's default) by half or more: every
// keystroke makes a new version of a document's model, and a large document's old versions
// would otherwise pile up to hundreds of MB before the collector runs. It runs concurrently, so
// typing does not wait for it (see bench/RESULTS.md).
setFlagsFromString('--heap-growing-percent=20');

const lifecycle = new Lifecycle();
const options = { messageStrategy: lifecycle };
const connection = process.argv.includes('--stdio')
  ? createConnection(ProposedFeatures.all, ...stdioTransport(() => lifecycle.shutDown), options)
  : createConnection(ProposedFeatures.all, options);
lifecycle.listen(connection);
const documents = new OpenDocuments();
const folders = new Folders();
/** Diagnostics last published per URI, to publish only what changed. */
const published = new Map<string, Diagnostic[]>();
/** URIs whose diagnostics are published at the next run even if unchanged (`showAgain`). */
const resend = new Set<string>();
/** Current diagnostics per URI, for code actions, and the parse they were computed on. */
const current = new Map<string, KentDiagnostic[]>();
const checkedDoc = new Map<string, KentDocument>();
/** What the client can show (LSP's defaults where it does not say), so that every editor gets what it can read. */
let client = clientSupport({});
let supportsConfiguration = false;
let supportsWorkspaceFolders = false;
let watchFiles = false;
/** Changes on disk the server watches for itself, when the editor cannot watch files for it. */
let diskWatch: DiskWatch | undefined;
/** Debounce before re-checking after an edit: short enough to feel instant. */
const DEBOUNCE_MS = 60;
/** How long a run of re-checks goes on before it lets requests and newer changes in. */
const YIELD_MS = 10;
const CHECKS_DOC = URI.file(path.join(__dirname, '..', 'docs', 'checks.md')).toString();

// ---------------------------------------------------------------------------------------------
// Positions: the one place offsets become LSP line/character and back.

const indexes = new WeakMap<KentDocument, LineIndex>();
/** The latest line index per path: the next version's follows from it (an edit scans only its lines). */
const latestIndex = new Map<string, { text: Source; index: LineIndex }>();
function docIndex(doc: KentDocument): LineIndex {
  let idx = indexes.get(doc);
  if (!idx) {
    const prev = latestIndex.get(doc.path);
    idx = prev ? prev.index.following(doc.source, changeBetween(prev.text, doc.source)) : new LineIndex(doc.source);
    indexes.set(doc, idx);
    latestIndex.set(doc.path, { text: doc.source, index: idx });
  }
  return idx;
}
const textIndexes = new Map<string, { text: string; index: LineIndex }>();
/** Line index of any workspace file (a document, a bibliography) by folder and path. */
function fileIndex(folder: Folder, rel: string): LineIndex {
  const doc = folder.ws.getDocument(rel);
  if (doc) return docIndex(doc);
  // A bibliography open in the editor: its text there, saved or not.
  const open = documents.get(folder.uriOf(rel));
  if (open) return open.lines;
  const text = folder.ws.textOf(rel) ?? '';
  const key = folder.root + '\u0000' + rel;
  const cached = textIndexes.get(key);
  if (cached && cached.text === text) return cached.index;
  const index = new LineIndex(text);
  textIndexes.set(key, { text, index });
  return index;
}
/**
 * A document gone from the workspace (deleted, renamed, its folder removed): its line index goes
 * too, else each name a document ever had would keep its last text for the rest of the session.
 * (Keyed by path alone, the index of another folder's file of that path may go: it is rebuilt.)
 */
function forgetLines(rel: string): void {
  latestIndex.delete(rel);
}

function toRange(index: LineIndex, span: Span): Range {
  return { start: index.position(span.start), end: index.position(span.end) };
}

/**
 * The range of `span`, a span of `rel` as the workspace read it. The workspace reads a
 * bibliography from disk; open in the editor with unsaved changes, the text shown differs, so an
 * entry's key (`key`, or the text the span covers) is found again there, and any other span is
 * placed by the saved text.
 */
function savedRange(folder: Folder, rel: string, span: Span, key?: string): Range {
  const open = documents.get(folder.uriOf(rel));
  const saved = folder.ws.getDocument(rel) ? undefined : folder.ws.textOf(rel);
  if (!open || saved === undefined || saved === open.text) return toRange(fileIndex(folder, rel), span);
  const entry = openBibliography(open, rel)?.entries.get(key ?? saved.slice(span.start, span.end));
  return entry ? toRange(open.lines, entry.keySpan) : toRange(new LineIndex(saved), span);
}

// ---------------------------------------------------------------------------------------------
// Lifecycle

connection.onInitialize((params: InitializeParams): InitializeResult => {
  const init = (params.initializationOptions ?? {}) as { trusted?: boolean } & Partial<KentConfig>;
  folders.trusted = init.trusted !== false;
  folders.settings = settingsFrom(init);
  supportsConfiguration = params.capabilities.workspace?.configuration === true;
  supportsWorkspaceFolders = params.capabilities.workspace?.workspaceFolders === true;
  client = clientSupport(params.capabilities, init.trusted !== undefined);
  // The VS Code extension watches files itself (and says so with `trusted`); other editors are
  // asked to, when they can register watchers on the server's behalf.
  watchFiles = init.trusted === undefined && params.capabilities.workspace?.didChangeWatchedFiles?.dynamicRegistration === true;
  if (init.trusted === undefined && !watchFiles) watchDisk();
  // Workspace folders, else the root by URI, else by the path older editors still send.
  const roots = params.workspaceFolders?.map((f) => localPath(f.uri)) ?? (params.rootUri ? [localPath(params.rootUri)] : params.rootPath ? [params.rootPath] : []);
  for (const root of roots) if (root) folders.add(root, true);
  folders.onLoose = (file) => checkedAlone(file, init.trusted === undefined);
  return {
    capabilities: {
      textDocumentSync: TextDocumentSyncKind.Incremental,
      hoverProvider: true,
      definitionProvider: true,
      referencesProvider: true,
      documentHighlightProvider: true,
      renameProvider: { prepareProvider: true },
      documentSymbolProvider: true,
      workspaceSymbolProvider: true,
      // `-`: `// kent-` completes to `kent-ignore` (an editor suggests nothing unasked in a comment).
      completionProvider: { triggerCharacters: ['@', '[', ':', ',', ' ', '/', '-'], resolveProvider: true },
      codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix, CodeActionKind.Refactor] },
      inlayHintProvider: true,
      foldingRangeProvider: true,
      documentFormattingProvider: true,
      documentRangeFormattingProvider: true,
      selectionRangeProvider: true,
      callHierarchyProvider: true,
      documentLinkProvider: { resolveProvider: false },
      // A client that takes code actions only as commands has them applied through `kent.applyFix`.
      executeCommandProvider: { commands: ['kent.checkWorkspace', ...(fixesAsCommands() ? [APPLY_FIX] : [])] },
      // Editors without Kent's TextMate grammar (all but VS Code, whose extension says `trusted`) colour from these.
      ...(init.trusted === undefined && params.capabilities.textDocument?.semanticTokens ? { semanticTokensProvider: { legend: { tokenTypes: [...TOKEN_TYPES], tokenModifiers: [...TOKEN_MODIFIERS] }, full: true } } : {}),
      workspace: {
        workspaceFolders: { supported: true, changeNotifications: true },
        // Any file or folder moved may be a source, a bibliography, a document or hold them.
        fileOperations: {
          willRename: { filters: [{ scheme: 'file', pattern: { glob: '**/*' } }] },
          // Done: a folder moved or deleted in the editor is told as the folder alone, which a
          // watcher of `*.kent`, `*.bib`… files does not pass on.
          didRename: { filters: [{ scheme: 'file', pattern: { glob: '**/*' } }] },
          didDelete: { filters: [{ scheme: 'file', pattern: { glob: '**/*' } }] },
        },
      },
    },
    serverInfo: { name: 'kent-language-server', version: '0.1.0' },
  };
});

connection.onInitialized(async () => {
  if (watchFiles) {
    // Every file: a source may be of any kind (`.pdf`, `.html`), and a folder listed for paths
    // offered changes with any file in it. What the workspace never read nor listed (a build's,
    // a checkout's thousands of files, .git, node_modules) is dropped on arrival (`filesChanged`).
    register(connection.client.register(DidChangeWatchedFilesNotification.type, { watchers: [{ globPattern: '**/*' }] }), 'file watching', () => {
      watchDisk();
      diskWatch?.follow();
    });
  }
  if (supportsConfiguration) {
    register(connection.client.register(DidChangeConfigurationNotification.type, undefined), 'settings changes');
    await refreshSettings();
  }
  // vscode-languageserver throws on this subscription for a client that never sends the events.
  if (supportsWorkspaceFolders) connection.workspace.onDidChangeWorkspaceFolders((e) => {
    for (const f of e.removed) {
      const folder = folders.forUri(f.uri, false);
      if (folder) diskWatch?.forget(folder);
      if (folder) for (const path of publishedPaths(folder)) {
        clear(folder.uriOf(path));
        forgetLines(path);
      }
      const root = localPath(f.uri);
      if (root) folders.remove(root);
    }
    for (const f of e.added) {
      const root = localPath(f.uri);
      if (root) folders.add(root, true);
    }
    // A folder added may have settings of its own.
    if (supportsConfiguration) void refreshSettings().then(() => schedule());
    // A folder added inside another takes its files from it, and one removed gives them back:
    // every folder is read again, so that each file belongs to the deepest alone.
    for (const folder of folders.all()) {
      if (folder.indexed) indexFolder(folder);
      markAll(folder);
    }
    schedule();
  });
  for (const f of folders.all()) {
    if (f.indexed) indexFolder(f);
    markAll(f);
  }
  diskWatch?.follow();
  schedule(0);
});

/**
 * The local path of a workspace folder's URI; none for a virtual folder (`vscode-vfs://github/…`,
 * a remote repository): its path names no local folder, and Kent reads only the disk.
 */
function localPath(uri: string): string | undefined {
  const parsed = URI.parse(uri);
  return parsed.scheme === 'file' ? parsed.fsPath : undefined;
}

let saidAlone = false;
/**
 * A document opened outside every workspace folder is checked alone: the documents beside it
 * are not read, so what it names in them reads as unresolved. Said in the log for each, and once
 * in the editor (not the VS Code extension's, which opens single files all the time): an editor
 * started without a root folder (`rootUri: null`) gives every document this look.
 */
function checkedAlone(file: string, show: boolean): void {
  const message = `Kent: ${file} is outside the workspace folders, so it is checked alone: the documents beside it are not read. Open its folder as the workspace (or give the editor a root, such as a folder with kent.json) to check it with them.`;
  connection.console.info(message);
  if (!show || saidAlone) return;
  saidAlone = true;
  void connection.sendNotification(ShowMessageNotification.type, { type: MessageType.Info, message });
}

/** A registration the client may refuse (some editors answer with an error): the server goes on without it, or `instead`. */
function register(registration: Promise<unknown>, what: string, instead?: () => void): void {
  registration.catch((e: unknown) => {
    connection.console.warn(`Kent: the editor refused to register ${what} (${e instanceof Error ? e.message : String(e)}); going on ${instead ? 'with its own' : 'without it'}.`);
    instead?.();
  });
}

/** Watch the workspace's folders from the server: what an editor that cannot watch files would miss. */
function watchDisk(): void {
  diskWatch ??= new DiskWatch(folders, (events, reindex) => {
    const mattered = filesChanged(events);
    reindex.forEach(findDocumentsAgain);
    if (mattered || reindex.length) schedule();
  });
}

/** A folder came or went on disk: read the workspace's documents again, and mark the ones that came, went or changed. */
function findDocumentsAgain(folder: Folder): void {
  const before = new Map(folder.ws.documents().map((d) => [d.path, d]));
  indexFolder(folder);
  // The walk finds what is there; what was moved or deleted with its folder is dropped here.
  const open = openPaths();
  for (const path of before.keys()) if (!open.has(path) && !fs.existsSync(folder.host.absolute(path))) folder.ws.removeDocument(path);
  const after = new Map(folder.ws.documents().map((d) => [d.path, d]));
  for (const path of new Set([...before.keys(), ...after.keys()])) {
    if (before.get(path) !== after.get(path)) markAffected(folder, before.get(path), after.get(path), path);
  }
}

/** Kent's settings from what the editor sent: checked as kent.json is, the invalid parts left out and said. */
function settingsFrom(raw: unknown, problems?: Set<string>): Partial<KentConfig> | undefined {
  if (!raw || typeof raw !== 'object') return undefined;
  const r = raw as Record<string, unknown>;
  const given = Object.fromEntries(['scale', 'rules', 'confidence'].flatMap((k) => (r[k] === undefined || r[k] === null ? [] : [[k, r[k]]])));
  const read = editorSettings(given);
  if (problems) read.problems.forEach((p) => problems.add(p));
  else warnOfSettings(read.problems);
  return read.settings;
}

function warnOfSettings(problems: Iterable<string>): void {
  const all = [...problems];
  if (all.length) void connection.sendNotification(ShowMessageNotification.type, { type: MessageType.Warning, message: `Kent left out part of its settings: ${all.join('; ')}.` });
}

/**
 * The editor's settings, for the workspace and for each of its folders: VS Code lets a folder's
 * own settings differ (its `.vscode/settings.json`), so each folder is asked for by its URI.
 */
async function refreshSettings(): Promise<void> {
  const scoped = folders.all().filter((f) => f.indexed);
  try {
    const [workspace, ...each] = await connection.workspace.getConfiguration([{ section: 'kent' }, ...scoped.map((f) => ({ scopeUri: URI.file(f.root).toString(), section: 'kent' }))]);
    const problems = new Set<string>();
    folders.settings = settingsFrom(workspace, problems);
    scoped.forEach((f, i) => (f.settings = settingsFrom(each[i], problems)));
    warnOfSettings(problems);
  } catch {
    // The client does not answer configuration requests: keep the initialization options.
  }
  for (const f of folders.all()) reloadConfig(f);
}

connection.onDidChangeConfiguration(async (change) => {
  if (supportsConfiguration) await refreshSettings();
  else {
    folders.settings = settingsFrom((change.settings as { kent?: unknown })?.kent);
    for (const f of folders.all()) reloadConfig(f);
  }
  schedule();
});

/** Settings or kent.json changed: every document of the folder may read differently. */
function reloadConfig(folder: Folder): void {
  // The editor's text of a kent.json that is a link out of the workspace is no more Kent's to
  // apply than the file is to read: the disk's answer (reported, the defaults) stands.
  const open = documents.get(folder.uriOf(CONFIG_FILE));
  const text = open && folder.host.isInside(folder.host.absolute(CONFIG_FILE)) ? open.text : undefined;
  folder.ws.loadConfig(folder.settings ?? folders.settings, text);
  markAll(folder);
}

function openPaths(): Set<string> {
  const out = new Set<string>();
  for (const d of documents.all()) {
    const f = folders.forUri(d.uri, false);
    if (f) out.add(f.pathOf(d.uri));
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Documents: open ones come from the editor, closed ones from disk.

function locate(uri: string): { folder: Folder; doc: KentDocument } | undefined {
  const open = documents.get(uri);
  // An editor may send the server other files too (a filetype set too widely): they are no Kent
  // document, and get no folder (nor a word that they are checked alone).
  if (open && !isKentDocument(open)) return undefined;
  // A file outside every workspace folder gets a folder of its own only when the editor has it
  // open: a request naming any other path there reads nothing (not even a kent.json beside it).
  const folder = folders.forUri(uri, open !== undefined);
  if (!folder) return undefined;
  const rel = folder.pathOf(uri);
  const doc = open ? setOpen(folder, rel, open) : folder.ws.getDocument(rel);
  return doc && { folder, doc };
}

function isKentDocument(open: OpenDocument): boolean {
  return isKent(open.uri) || open.languageId === 'kent';
}

/** The workspace's document for an open one; its line index is the open document's. */
function setOpen(folder: Folder, rel: string, open: OpenDocument): KentDocument {
  const doc = folder.ws.setDocument(rel, open.source);
  if (doc.source === open.source && !indexes.has(doc)) {
    indexes.set(doc, open.lines);
    latestIndex.set(doc.path, { text: doc.source, index: open.lines });
  }
  return doc;
}

function contentChanged(open: OpenDocument): void {
  if (configEdited(open.uri)) return;
  if (!isKentDocument(open)) return;
  const folder = folders.forUri(open.uri);
  if (!folder) return;
  // The debounce counts from the keystroke: re-parsing the change happens while it runs.
  lastChangeAt = performance.now();
  schedule();
  const rel = folder.pathOf(open.uri);
  const before = folder.ws.getDocument(rel);
  const after = setOpen(folder, rel, open);
  if (after !== before) markAffected(folder, before, after);
}

connection.onDidOpenTextDocument(({ textDocument }) => {
  const open = documents.open(textDocument);
  contentChanged(open);
  showAgain(open);
});

connection.onDidChangeTextDocument(({ textDocument, contentChanges }) => {
  const open = documents.change(textDocument.uri, textDocument.version, contentChanges);
  if (open) contentChanged(open);
});

connection.onDidCloseTextDocument(({ textDocument }) => {
  openBibliographies.delete(textDocument.uri);
  const open = documents.get(textDocument.uri);
  if (!documents.close(textDocument.uri) || !open) return;
  // Closed unsaved, kent.json is what the disk says again.
  if (configEdited(textDocument.uri)) return;
  if (!isKentDocument(open)) return;
  const folder = folders.forUri(textDocument.uri, false);
  if (!folder) return;
  const rel = folder.pathOf(textDocument.uri);
  const before = folder.ws.getDocument(rel);
  if (folder.indexed) folder.loadFromDisk(rel);
  else folder.ws.removeDocument(rel);
  markAffected(folder, before, folder.ws.getDocument(rel), rel);
  showAgain(open);
  schedule();
});

/**
 * Publish a document's diagnostics again once it is opened or closed, even unchanged: an editor
 * may have dropped what it showed. Neovim forgets a buffer's diagnostics when it unloads the
 * buffer (`:bdelete`) or detaches the server, and shows none when the file is opened again.
 */
function showAgain(open: OpenDocument): void {
  const folder = isKentDocument(open) ? folders.forUri(open.uri, false) : undefined;
  if (!folder) return;
  const rel = folder.pathOf(open.uri);
  resend.add(open.uri);
  const marked = pending.get(folder);
  if (marked === 'all') return;
  // An empty scope re-checks nothing: what was found is published as it stands.
  const scopes = marked ?? new Map<string, Scope>();
  if (!scopes.has(rel)) scopes.set(rel, new Set());
  pending.set(folder, scopes);
}

connection.onDidChangeWatchedFiles((params) => {
  if (filesChanged(params.changes)) schedule();
});

/**
 * Files changed on disk, as the editor or the server's own watch saw them. Returns whether any
 * mattered: the editor reports every file, and one the workspace never read, looked for nor
 * listed is dropped here, before any re-check (nor does it cancel a run under way).
 */
function filesChanged(changes: FileEvent[]): boolean {
  let mattered = false;
  // Folders told alone (VS Code tells `rm -r drafts` or `mv ../drafts .` as `drafts`), gathered
  // so that a checkout's thousands are each dealt with once, not the workspace per event.
  const gone = new Map<Folder, Set<string>>();
  const came = new Map<Folder, Set<string>>();
  for (const change of changes) {
    const folder = folders.forUri(change.uri, false);
    if (!folder) continue;
    const rel = folder.pathOf(change.uri);
    if (isIgnoredPath(rel)) continue; // .git, node_modules, dot-folders: never read
    if (rel && !folder.ws.getDocument(rel)) {
      if (change.type === FileChangeType.Deleted) addTo(gone, folder, rel);
      // Only a folder whose documents are looked for: a loose file's is not.
      else if (change.type === FileChangeType.Created && folder.indexed && isFolder(folder.host.absolute(rel))) addTo(came, folder, rel);
    }
    if (isKent(change.uri)) {
      if (documents.get(change.uri)) continue; // the editor's text wins while it is open
      const before = folder.ws.getDocument(rel);
      if (change.type === FileChangeType.Deleted) folder.ws.removeDocument(rel);
      else folder.loadFromDisk(rel);
      markAffected(folder, before, folder.ws.getDocument(rel), rel);
      mattered = true;
    } else if (rel === CONFIG_FILE) {
      // kent.json open in the editor: its text there wins, as a document's does.
      reloadConfig(folder);
      mattered = true;
    } else if (folder.ws.fileChanged(rel)) {
      // A bibliography, a source's local file, a folder listed: rare, and any document may use it.
      markAll(folder);
      mattered = true;
    }
  }
  for (const [folder, dirs] of gone) mattered = foldersGone(folder, dirs) || mattered;
  for (const [folder, dirs] of came) mattered = foldersCame(folder, dirs) || mattered;
  return mattered;
}

function addTo(paths: Map<Folder, Set<string>>, folder: Folder, rel: string): void {
  const set = paths.get(folder) ?? new Set<string>();
  paths.set(folder, set.add(rel));
}

function isFolder(abs: string): boolean {
  return fs.statSync(abs, { throwIfNoEntry: false })?.isDirectory() === true;
}

/** The nearest folder above `rel` that is one of `dirs`, if any. */
function folderAbove(rel: string, dirs: Set<string>): string | undefined {
  for (let dir = path.posix.dirname(rel); dir !== '.' && dir !== '/'; dir = path.posix.dirname(dir)) if (dirs.has(dir)) return dir;
  return undefined;
}

/**
 * Folders deleted or moved out on disk: the closed documents under them go, found by their paths
 * (no walk: there is nothing left to walk), and so do their diagnostics and the names they gave.
 */
function foldersGone(folder: Folder, dirs: Set<string>): boolean {
  const open = openPaths();
  // Each folder asked about once: one back already (`git checkout`) keeps its documents, and its own events follow.
  const absent = new Map<string, boolean>();
  let went = false;
  for (const doc of folder.ws.documents()) {
    const dir = folderAbove(doc.path, dirs);
    if (dir === undefined || open.has(doc.path)) continue;
    if (!absent.has(dir)) absent.set(dir, !fs.existsSync(folder.host.absolute(dir)));
    if (!absent.get(dir)) continue;
    folder.ws.removeDocument(doc.path);
    markAffected(folder, doc, undefined, doc.path);
    went = true;
  }
  return went;
}

/**
 * Folders created or moved in on disk: each walked once, by itself (one inside another of them is
 * walked with it), and the closed documents found there read.
 */
function foldersCame(folder: Folder, dirs: Set<string>): boolean {
  const open = openPaths();
  let found = false;
  for (const dir of dirs) {
    if (folderAbove(dir, dirs) !== undefined) continue;
    const files = folder.kentFilesUnder(dir, warnUnreadable, (abs) => folders.forPath(abs) === folder);
    if (!files) {
      // A document reached through a link: which path names it is the whole folder's question.
      findDocumentsAgain(folder);
      return true;
    }
    for (const rel of files) {
      if (open.has(rel)) continue;
      const before = folder.ws.getDocument(rel);
      folder.loadFromDisk(rel, warnUnreadable);
      const after = folder.ws.getDocument(rel);
      if (before === after) continue;
      markAffected(folder, before, after, rel);
      found = true;
    }
  }
  return found;
}

/**
 * kent.json of a folder opened, edited or closed in the editor: its text there applies at once,
 * saved or not, as a document's does, and its own problems are placed in that text.
 */
function configEdited(uri: string): boolean {
  const folder = folders.forUri(uri, false);
  if (!folder || folder.pathOf(uri) !== CONFIG_FILE) return false;
  reloadConfig(folder);
  schedule();
  return true;
}

function isKent(uri: string): boolean {
  return uri.endsWith('.kent');
}

// ---------------------------------------------------------------------------------------------
// Diagnostics of every document of every folder, open or closed. A change marks what it may
// affect, document by document and item by item (the core knows which: `IncrementalChecker`);
// only that is re-checked. A newer change cancels the run in flight between two documents; what
// it had not reached stays marked.

let generation = 0;
let timer: NodeJS.Timeout | undefined;
/** What to re-check per folder (by path); `all` after a change any document may depend on. */
const pending = new Map<Folder, Map<string, Scope> | 'all'>();
/** Folders whose kent.json diagnostics are to be published again (its rules or text changed), until a run gets through. */
const configDue = new Set<Folder>();

// After shutdown nothing changes any more (notifications are dropped): the checks still to come, or under way, would publish to an editor that is closing.
connection.onShutdown(() => {
  generation++;
  clearTimeout(timer);
  diskWatch?.close();
});

/** Read a folder's documents from disk; what cannot be read is said in the log, not skipped in silence. */
function indexFolder(folder: Folder): void {
  folder.indexAll(openPaths(), warnUnreadable, (abs) => folders.forPath(abs) === folder);
}

function warnUnreadable(abs: string, reason: string): void {
  connection.console.warn(`Kent cannot read ${abs} (${reason}), so it is not checked`);
}

/**
 * What the checks make of `doc` now (its diagnostics, what its suppressions kept quiet), for a
 * hover or completion in a `kent-ignore`: the last run's, or, when an edit (in it or in a
 * document it stands on) is still to be checked, that check run now, for this document alone and
 * published, rather than a full check of a large document for the request.
 */
function checkedNow(folder: Folder, doc: KentDocument): Checked | undefined {
  const marked = pending.get(folder);
  if (marked === 'all' || folder.ws.getDocument(doc.path) !== doc) return undefined;
  const scope = marked?.get(doc.path);
  if (scope) {
    marked!.delete(doc.path);
    const uri = folder.uriOf(doc.path);
    checkedDoc.set(uri, doc);
    publish(folder, uri, folder.checker.diagnostics(doc, scope));
  }
  return folder.checker.checked(doc);
}

function markAll(folder: Folder): void {
  folder.checker.clear();
  pending.set(folder, 'all');
  configDue.add(folder);
}

function markAffected(folder: Folder, before: KentDocument | undefined, after: KentDocument | undefined, removedPath?: string): void {
  // Neither version (a file that could not be read, then or now): nothing moved, only its diagnostics to clear.
  const affected = before || after ? folder.checker.changed(before, after) : new Map<string, Scope>();
  const marked = pending.get(folder);
  if (marked === 'all') return;
  const scopes = marked ?? new Map<string, Scope>();
  for (const [path, scope] of affected) scopes.set(path, merge(scopes.get(path), scope));
  if (removedPath && !after) scopes.set(removedPath, 'all');
  pending.set(folder, scopes);
}

function merge(a: Scope | undefined, b: Scope): Scope {
  if (!a) return b;
  if (a === 'all' || b === 'all') return 'all';
  for (const id of b) a.add(id);
  return a;
}

function schedule(delay = DEBOUNCE_MS): void {
  generation++;
  if (timer) clearTimeout(timer);
  timer = setTimeout(() => void validate(generation, delay), delay);
}

/** A run of checks, for the trace: when it started and ended, the edit it answers, what it sent. */
interface Run {
  started: number;
  checkedAt: number;
  waitMs: number;
  changeAt: number | undefined;
  checked: number;
  writes: Array<Promise<void>>;
}
/** When the latest edit of an open document arrived, until a run answers it (for the trace). */
let lastChangeAt: number | undefined;

/** Re-check what is marked, unless a newer change (`generation`) comes first; `waitMs` is the wait before it, for the trace. */
async function validate(gen: number, waitMs = 0): Promise<void> {
  const run: Run = { started: performance.now(), checkedAt: 0, waitMs, changeAt: lastChangeAt, checked: 0, writes: [] };
  lastChangeAt = undefined;
  const progress = new RunProgress();
  try {
    await checkMarked(gen, run, progress);
  } finally {
    progress.done();
  }
}

/** The documents marked in every folder, checked and published; returns early when a newer change comes (`gen`). */
async function checkMarked(gen: number, run: Run, progress: RunProgress): Promise<void> {
  for (const folder of folders.all()) {
    const marked = pending.get(folder);
    if (!marked) continue;
    const scopes = marked === 'all' ? new Map([...folder.ws.documents().map((d) => d.path), ...publishedPaths(folder)].map((p) => [p, 'all' as Scope])) : marked;
    pending.set(folder, scopes);
    await progress.expect(scopes.size);
    let since = performance.now();
    for (const [path, scope] of [...scopes]) {
      // Let the editor's requests and newer changes in every few milliseconds, not after every
      // document: an edit re-checks one to three documents, and each pause costs a turn of the loop.
      if (performance.now() - since > YIELD_MS) {
        progress.report(run.checked);
        await new Promise((r) => setImmediate(r));
        since = performance.now();
      }
      if (gen !== generation) {
        lastChangeAt ??= run.changeAt;
        return;
      }
      scopes.delete(path);
      const uri = folder.uriOf(path);
      const doc = folder.ws.getDocument(path);
      if (doc) {
        checkedDoc.set(uri, doc);
        publish(folder, uri, folder.checker.diagnostics(doc, scope), run.writes);
        run.checked++;
      } else {
        clear(uri, run.writes);
        forgetLines(path);
      }
    }
    // A change during the run may have marked more (or everything): leave that for the next run.
    if (pending.get(folder) === scopes && scopes.size === 0) pending.delete(folder);
    // A run cancelled half-way leaves its documents marked, and this too: the next run publishes it.
    if (configDue.delete(folder)) {
      const uri = folder.uriOf(CONFIG_FILE);
      if (folder.ws.configDiagnostics.length) publish(folder, uri, configDiagnostics(folder.ws), run.writes);
      else clear(uri, run.writes);
    }
  }
  run.checkedAt = performance.now();
  // What the run read may lie in folders not watched yet.
  diskWatch?.follow();
  if (run.checked || run.writes.length) await traceRun(run);
}

/** A run over more documents than this shows its progress, in an editor that can show it. */
const PROGRESS_DOCUMENTS = 50;

/** The progress of a long run of checks (opening a workspace, a kent.json change), as the editor shows work done. */
class RunProgress {
  private reporter: WorkDoneProgressServerReporter | undefined;
  private total = 0;
  private shown = 0;

  /** `count` more documents to check: a run that grows long starts showing its progress. */
  async expect(count: number): Promise<void> {
    this.total += count;
    if (this.reporter || this.total <= PROGRESS_DOCUMENTS || !client.progress) return;
    // An editor slow to answer (or that never does) must not hold the checks up, nor one that
    // answers with an error: the checks go on without progress.
    const created = connection.window.createWorkDoneProgress().catch(() => undefined);
    const answered = await Promise.race([created, new Promise<undefined>((r) => setTimeout(r, PROGRESS_MS * 10, undefined))]);
    if (!answered) return;
    this.reporter = answered;
    this.reporter.begin('Kent', 0, `checking ${this.total} documents`, false);
  }

  /** `checked` documents done; said at most every PROGRESS_MS. */
  report(checked: number): void {
    if (!this.reporter || performance.now() - this.shown < PROGRESS_MS) return;
    this.shown = performance.now();
    this.reporter.report(Math.min(100, Math.floor((100 * checked) / this.total)), `${checked} of ${this.total} documents`);
  }

  done(): void {
    this.reporter?.done();
    this.reporter = undefined;
  }
}
const PROGRESS_MS = 100;

/**
 * With tracing on (`kent.trace.server`, or `$/setTrace`), one line per run of checks: what it
 * checked and published, and how long it took, the writing of the diagnostics included. After an
 * edit, its "own work" is the time from the edit's arrival to the last diagnostics written, less
 * the debounce: what the server adds to the wait an analyst sees.
 */
async function traceRun(run: Run): Promise<void> {
  await Promise.allSettled(run.writes);
  const written = performance.now();
  const ms = (x: number) => Math.round(x * 100) / 100;
  const detail = {
    documents: run.checked,
    published: run.writes.length,
    checkMs: ms(run.checkedAt - run.started),
    checkAndWriteMs: ms(written - run.started),
    ...(run.changeAt === undefined ? {} : { sinceChangeMs: ms(written - run.changeAt), debounceMs: run.waitMs, startedLateMs: ms(run.started - run.changeAt - run.waitMs), ownWorkMs: ms(written - run.changeAt - run.waitMs) }),
  };
  const own = detail.ownWorkMs === undefined ? '' : `, ${detail.ownWorkMs} ms of work after the ${run.waitMs} ms wait from the edit`;
  connection.tracer.log(`Kent checked ${run.checked} document(s) and published ${run.writes.length} in ${detail.checkAndWriteMs} ms${own}`, JSON.stringify(detail));
}

/** Paths of a folder that currently have published diagnostics (they may be gone now). */
function publishedPaths(folder: Folder): string[] {
  return [...published.keys()].flatMap((uri) => (folders.forUri(uri, false) === folder ? [folder.pathOf(uri)] : []));
}

function clear(uri: string, writes?: Array<Promise<void>>): void {
  resend.delete(uri);
  if (!published.has(uri)) return;
  const written = connection.sendDiagnostics({ uri, diagnostics: [] });
  writes?.push(written);
  published.delete(uri);
  current.delete(uri);
  checkedDoc.delete(uri);
}

/** Publish `diags` on `uri` unless they are what it shows already; `writes` collects the sending. */
function publish(folder: Folder, uri: string, diags: KentDiagnostic[], writes?: Array<Promise<void>>): void {
  current.set(uri, diags);
  const shownList = mostSevere(diags);
  const lsp = shownList.map((d) => shownAs(folder, d));
  if (shownList.length < diags.length) lsp.push(leftOutNote(shownList.length, diags.length));
  const before = published.get(uri);
  const again = resend.delete(uri);
  if (before && !again && sameDiagnostics(before, lsp)) return;
  published.set(uri, lsp);
  const written = connection.sendDiagnostics({ uri, diagnostics: lsp });
  writes?.push(written);
}

/**
 * At most this many diagnostics a document are published. VS Code lists no more than 1,000 a file,
 * and a document with tens of thousands (an old product brought in before its sources) would send
 * megabytes to the editor on every keystroke, to be dropped there.
 */
const MAX_PUBLISHED = 1000;
const SEVERITY_ORDER: ReadonlyArray<KentDiagnostic['severity']> = ['error', 'warning', 'info', 'hint'];

/** The most severe `MAX_PUBLISHED - 1` of `diags` (room for the note), in document order; all of them when they fit. */
function mostSevere(diags: KentDiagnostic[]): KentDiagnostic[] {
  if (diags.length <= MAX_PUBLISHED) return diags;
  // Every diagnostic more severe than the cut-off severity, and the first of the cut-off's own.
  let room = MAX_PUBLISHED - 1;
  const take = new Map<KentDiagnostic['severity'], number>();
  for (const severity of SEVERITY_ORDER) {
    const n = Math.min(room, diags.reduce((k, d) => k + (d.severity === severity ? 1 : 0), 0));
    take.set(severity, n);
    room -= n;
  }
  return diags.filter((d) => {
    const left = take.get(d.severity)!;
    if (left === 0) return false;
    take.set(d.severity, left - 1);
    return true;
  });
}

/** Said at the top of a document when not every diagnostic is published. */
function leftOutNote(shown: number, total: number): Diagnostic {
  const n = (x: number) => x.toLocaleString('en-US');
  return {
    range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
    severity: DiagnosticSeverity.Information,
    source: 'kent',
    message: `Kent shows the ${n(shown)} most severe of the ${n(total)} problems in this document; \`kent check\` lists them all`,
  };
}

/** Whether two lists of diagnostics show the same, compared field by field (no JSON built: a large document has hundreds). */
function sameDiagnostics(a: Diagnostic[], b: Diagnostic[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) {
    const [x, y] = [a[i], b[i]];
    if (x === y) continue;
    // Tags and the code's link follow from the code.
    if (x.message !== y.message || x.code !== y.code || x.severity !== y.severity || !sameRange(x.range, y.range)) return false;
    const [rx, ry] = [x.relatedInformation ?? [], y.relatedInformation ?? []];
    if (rx.length !== ry.length) return false;
    for (let j = 0; j < rx.length; j++) {
      if (rx[j].message !== ry[j].message || rx[j].location.uri !== ry[j].location.uri || !sameRange(rx[j].location.range, ry[j].location.range)) return false;
    }
  }
  return true;
}

function sameRange(a: Range, b: Range): boolean {
  return a.start.line === b.start.line && a.start.character === b.start.character && a.end.line === b.end.line && a.end.character === b.end.character;
}

const SEVERITY = { error: DiagnosticSeverity.Error, warning: DiagnosticSeverity.Warning, info: DiagnosticSeverity.Information, hint: DiagnosticSeverity.Hint };

/** The link to a code's entry in docs/checks.md, one object per code (every publication names it per diagnostic). */
const codeDescriptions = new Map<string, { href: string }>();
function codeDescription(code: string): { href: string } {
  let description = codeDescriptions.get(code);
  if (!description) codeDescriptions.set(code, (description = { href: `${CHECKS_DOC}#${code}` }));
  return description;
}

/** `kentExtension`: the client is Kent's VS Code extension (it says whether the workspace is `trusted`). */
function clientSupport(c: ClientCapabilities, kentExtension = false) {
  const markdown = (formats: string[] | undefined) => formats === undefined || formats.includes('markdown');
  return {
    hoverMarkdown: markdown(c.textDocument?.hover?.contentFormat),
    completionMarkdown: markdown(c.textDocument?.completion?.completionItem?.documentationFormat),
    insertReplace: c.textDocument?.completion?.completionItem?.insertReplaceSupport === true,
    // Neovim 0.7 says false unless a snippet plugin is set up: its block keywords stay plain.
    snippets: c.textDocument?.completion?.completionItem?.snippetSupport === true,
    symbolTree: c.textDocument?.documentSymbol?.hierarchicalDocumentSymbolSupport === true,
    relatedInformation: c.textDocument?.publishDiagnostics?.relatedInformation === true,
    documentChanges: c.workspace?.workspaceEdit?.documentChanges === true,
    codeActionLiterals: c.textDocument?.codeAction?.codeActionLiteralSupport !== undefined,
    completionKinds: kindsShown(c.textDocument?.completion?.completionItemKind?.valueSet),
    symbolKinds: kindsShown(c.textDocument?.documentSymbol?.symbolKind?.valueSet),
    workspaceSymbolKinds: kindsShown(c.workspace?.symbol?.symbolKind?.valueSet),
    applyEdit: c.workspace?.applyEdit === true,
    progress: c.window?.workDoneProgress === true,
    // A VS Code command run by the editor itself; another client might send it back to the
    // server, or fail on it, so it goes to VS Code alone.
    triggerSuggest: kentExtension,
  };
}

/** The kinds a client lists (LSP's first version's when it lists none: `KindsShown`). */
function kindsShown(valueSet: number[] | undefined): KindsShown {
  return Array.isArray(valueSet) ? new Set(valueSet) : undefined;
}

/** Markdown, or the text it shows for a client that takes only plain text. */
function markup(markdown: string, asMarkdown: boolean): MarkupContent {
  return asMarkdown ? { kind: 'markdown', value: markdown } : { kind: 'plaintext', value: plainText(markdown) };
}

/**
 * Each look's LSP diagnostic (`IncrementalChecker.lookOf`): a keystroke in a large document
 * republishes hundreds of diagnostics that only moved along the text, if at all, and each is
 * converted, and its JSON encoded, once.
 */
const shown = new WeakMap<object, Diagnostic>();
function shownAs(folder: Folder, d: KentDiagnostic): Diagnostic {
  const look = folder.checker.lookOf(d);
  let lsp = shown.get(look);
  if (!lsp) shown.set(look, (lsp = lasting(toLspDiagnostic(folder, d))));
  return lsp;
}

function toLspDiagnostic(folder: Folder, d: KentDiagnostic): Diagnostic {
  const out: Diagnostic = {
    range: toRange(fileIndex(folder, d.path), d.span),
    severity: SEVERITY[d.severity],
    code: d.code,
    codeDescription: codeDescription(d.code),
    source: 'kent',
    message: d.message,
  };
  // Shown faded: what it covers can go.
  if (d.code === 'unused-source' || d.code === 'unused-ignore') out.tags = [DiagnosticTag.Unnecessary];
  if (d.related?.length && client.relatedInformation) {
    out.relatedInformation = d.related.map((r) => ({ location: { uri: folder.uriOf(r.path), range: toRange(fileIndex(folder, r.path), r.span) }, message: r.message }));
  } else if (d.related?.length) {
    // A client without related locations still reads where the other items are ("first definition of C1").
    out.message += d.related.map((r) => `\n${whereIs(folder, r.path, r.span)}: ${r.message}`).join('');
  }
  return out;
}

/** `file.kent:12:7`, as `kent check` names a place: line and column from 1. */
function whereIs(folder: Folder, rel: string, span: Span): string {
  const { line, character } = fileIndex(folder, rel).position(span.start);
  return `${rel}:${line + 1}:${character + 1}`;
}

/** Runs `kent.checkWorkspace` starts again while the analyst keeps typing, before it answers with what it has. */
const MAX_COMMAND_ROUNDS = 20;

connection.onExecuteCommand(async (params) => {
  if (params.command === APPLY_FIX && fixesAsCommands()) return applyFix(params.arguments?.[0]);
  if (params.command !== 'kent.checkWorkspace') return undefined;
  for (const f of folders.all()) {
    reloadConfig(f);
    if (f.indexed) indexFolder(f);
  }
  // A change arriving mid-run stops the run (its own comes later): check again until one run
  // finishes, so the counts are of every document, not of those checked before the change.
  for (let round = 0; round < MAX_COMMAND_ROUNDS; round++) {
    const gen = ++generation;
    await validate(gen);
    if (gen === generation) break;
  }
  const all = [...current.values()].flat();
  return { files: folders.all().reduce((n, f) => n + f.ws.documents().length, 0), errors: all.filter((d) => d.severity === 'error').length, warnings: all.filter((d) => d.severity === 'warning').length };
});

// ---------------------------------------------------------------------------------------------
// Features: find the document, call the core, convert.

/** Bibliographies open in the editor, parsed as they stand there: hovering a key asks again and again. */
const openBibliographies = new Map<string, { text: string; bib: Bibliography }>();

/**
 * The source whose key the cursor is on in a bibliography open in the editor (a `.bib` or CSL
 * `.json` the client sends). The client sends every JSON file it opens (package.json, tsconfig…):
 * one that no document names in `bibliography:` is left alone before its text is read, and
 * kent.json never is one (it has its own schema in the editor).
 */
function bibAt(uri: string, position: { line: number; character: number }): { folder: Folder; target: SourceTarget; lines: LineIndex } | undefined {
  const open = documents.get(uri);
  const folder = folders.forUri(uri, false);
  if (!open || !folder || isKentDocument(open)) return undefined;
  const rel = folder.pathOf(uri);
  const format = bibliographyFormat(rel);
  if (!format || isConfigFile(rel) || !folder.ws.namedBibliographies().has(rel)) return undefined;
  const bib = openBibliography(open, rel);
  const target = bib && bibliographyTarget(folder.ws, rel, bib, open.lines.offset(position));
  return target && { folder, target, lines: open.lines };
}

/** A bibliography open in the editor, parsed as it stands there (cached while its text is unchanged). */
function openBibliography(open: OpenDocument, rel: string): Bibliography | undefined {
  const format = bibliographyFormat(rel);
  if (!format) return undefined;
  const text = open.text;
  let parsed = openBibliographies.get(open.uri);
  if (parsed?.text !== text) openBibliographies.set(open.uri, (parsed = { text, bib: parseBibliography(text, format) }));
  return parsed.bib;
}

function isConfigFile(rel: string): boolean {
  return rel === CONFIG_FILE || rel.endsWith('/' + CONFIG_FILE);
}

/** A bibliography's text as the editor has it, open and unsaved, else as the workspace reads it: where rename's edits land. */
function bibText(folder: Folder): (path: string) => string | undefined {
  return (path) => documents.get(folder.uriOf(path))?.text ?? folder.ws.textOf(path);
}

function at(uri: string, position: { line: number; character: number }) {
  const found = locate(uri);
  if (!found) return undefined;
  return { ...found, offset: docIndex(found.doc).offset(position) };
}

connection.onHover(({ textDocument, position }) => {
  const b = bibAt(textDocument.uri, position);
  if (b) {
    const h = sourceHover(b.folder.ws, b.target);
    return { contents: markup(h.markdown, client.hoverMarkdown), range: toRange(b.lines, h.span) };
  }
  const a = at(textDocument.uri, position);
  const h = a && hover(a.folder.ws, a.doc, a.offset, () => checkedNow(a.folder, a.doc));
  return h ? { contents: markup(h.markdown, client.hoverMarkdown), range: toRange(docIndex(a.doc), h.span) } : null;
});

connection.onDefinition(({ textDocument, position }) => {
  const a = at(textDocument.uri, position);
  if (!a) return [];
  return definition(a.folder.ws, a.doc, a.offset).map((l) => ({ uri: a.folder.uriOf(l.path), range: savedRange(a.folder, l.path, l.span) }));
});

// A bibliography is read as the editor has it, as rename reads it: its spans are in that text.
connection.onReferences(({ textDocument, position, context }) => {
  const b = bibAt(textDocument.uri, position);
  if (b) return sourceReferences(b.folder.ws, b.target, context.includeDeclaration, bibText(b.folder)).map((l) => ({ uri: b.folder.uriOf(l.path), range: toRange(fileIndex(b.folder, l.path), l.span) }));
  const a = at(textDocument.uri, position);
  if (!a) return [];
  return references(a.folder.ws, a.doc, a.offset, context.includeDeclaration, bibText(a.folder)).map((l) => ({ uri: a.folder.uriOf(l.path), range: toRange(fileIndex(a.folder, l.path), l.span) }));
});

connection.onDocumentHighlight(({ textDocument, position }) => {
  const a = at(textDocument.uri, position);
  if (!a) return [];
  const index = docIndex(a.doc);
  return highlights(a.folder.ws, a.doc, a.offset).map((h) => ({ range: toRange(index, h.span), kind: h.isDefinition ? DocumentHighlightKind.Write : DocumentHighlightKind.Read }));
});

connection.onPrepareRename(({ textDocument, position }) => {
  const b = bibAt(textDocument.uri, position);
  if (b) return { range: toRange(b.lines, b.target.span), placeholder: b.target.key };
  const a = at(textDocument.uri, position);
  if (!a) return null;
  const r = prepareRename(a.folder.ws, a.doc, a.offset);
  if ('error' in r) throw new ResponseError(LSPErrorCodes.RequestFailed, r.error);
  return { range: toRange(docIndex(a.doc), r.span), placeholder: r.placeholder };
});

connection.onRenameRequest(({ textDocument, position, newName }) => {
  const b = bibAt(textDocument.uri, position);
  if (b) {
    const r = renameSourceTarget(b.folder.ws, b.target, newName, bibText(b.folder));
    if ('error' in r) throw new ResponseError(LSPErrorCodes.RequestFailed, r.error);
    return workspaceEdit(b.folder, r.edits);
  }
  const a = at(textDocument.uri, position);
  if (!a) return null;
  const r = rename(a.folder.ws, a.doc, a.offset, newName, bibText(a.folder));
  if ('error' in r) throw new ResponseError(LSPErrorCodes.RequestFailed, r.error);
  return workspaceEdit(a.folder, r.edits.map((e) => ({ path: e.path, span: e.span, newText: e.newText })));
});

// The chain of support as a call hierarchy: outgoing, what an item stands on; incoming, what stands on it.
connection.languages.callHierarchy.onPrepare(({ textDocument, position }) => {
  const b = bibAt(textDocument.uri, position);
  if (b?.target.resolved) return [hierarchyItem(b.folder, sourceLink(b.folder.ws, b.target.resolved))];
  const a = at(textDocument.uri, position);
  const link = a && supportLinkAt(a.folder.ws, a.doc, a.offset);
  return a && link ? [hierarchyItem(a.folder, link)] : null;
});

connection.languages.callHierarchy.onOutgoingCalls(({ item }) => {
  const f = hierarchyFolder(item);
  if (!f) return [];
  const from = fileIndex(f.folder, f.link.path);
  return standsOn(f.folder.ws, f.link).map((s) => ({ to: hierarchyItem(f.folder, s.link), fromRanges: s.refs.map((r) => toRange(from, r)) }));
});

connection.languages.callHierarchy.onIncomingCalls(({ item }) => {
  const f = hierarchyFolder(item);
  if (!f) return [];
  return standingOn(f.folder.ws, f.link).map((s) => ({ from: hierarchyItem(f.folder, s.link), fromRanges: s.refs.map((r) => toRange(fileIndex(f.folder, s.link.path), r)) }));
});

function hierarchyItem(folder: Folder, link: SupportLink): CallHierarchyItem {
  // An entry's key, from the saved file or the editor's text, is placed where the editor has it.
  const key = link.kind === 'entry' ? link.name : undefined;
  return {
    name: link.name,
    kind: link.kind === 'entry' ? SymbolKind.Constant : symbolKind(link.kind),
    detail: link.detail,
    uri: folder.uriOf(link.path),
    range: savedRange(folder, link.path, link.span, key),
    selectionRange: savedRange(folder, link.path, link.selectionSpan, key),
    data: link,
  };
}

/** The link an editor hands back, in the folder it belongs to; its handle finds it as the workspace is now. */
function hierarchyFolder(item: CallHierarchyItem | null | undefined): { folder: Folder; link: SupportLink } | undefined {
  if (typeof item?.uri !== 'string') return undefined;
  const folder = folders.forUri(item.uri, false);
  const link: unknown = item.data;
  return folder && isSupportLink(link) && isKnownPath(folder, link.path) ? { folder, link } : undefined;
}

/** A document of the folder, or a bibliography one names: no other path handed back is looked up. */
function isKnownPath(folder: Folder, rel: string): boolean {
  return folder.ws.getDocument(rel) !== undefined || folder.ws.namedBibliographies().has(rel);
}

/**
 * Whether the data an editor handed back has the shape the server gave it. Any client may send
 * anything there; a path is only ever looked up in the workspace (read through its confined
 * host), but one that is not a string, or an `nth` that is not an index, would throw.
 */
function isSupportLink(v: unknown): v is SupportLink {
  if (typeof v !== 'object' || v === null) return false;
  const { path: p, handle: h } = v as Partial<SupportLink>;
  if (typeof p !== 'string' || typeof h !== 'object' || h === null) return false;
  if (h.kind === 'item') return typeof h.path === 'string' && typeof h.id === 'string' && Number.isSafeInteger(h.nth) && h.nth >= 0;
  return h.kind === 'source' && typeof h.key === 'string' && typeof h.from === 'string';
}

// Files moved in the editor: the `file:` and `bibliography:` paths naming them, and a moved
// document's own, are rewritten in the same edit as the move.
connection.workspace.onWillRenameFiles((params) => {
  // Only well-formed renames: a client may send anything.
  const files = Array.isArray(params?.files) ? params.files.filter((f) => typeof f?.oldUri === 'string' && typeof f.newUri === 'string') : [];
  const changes: Record<string, TextEdit[]> = {};
  for (const folder of folders.all()) {
    const inside = (uri: string) => folders.forUri(uri, false) === folder;
    const renames = files.filter((f) => inside(f.oldUri) && inside(f.newUri)).map((f) => ({ from: folder.pathOf(f.oldUri), to: folder.pathOf(f.newUri) }));
    if (renames.length) Object.assign(changes, editsByUri(folder, pathEditsForRenames(folder.ws, renames)));
  }
  return Object.keys(changes).length ? { changes } : null;
});

connection.workspace.onDidRenameFiles((params) => {
  const files = Array.isArray(params?.files) ? params.files.filter((f) => typeof f?.oldUri === 'string' && typeof f.newUri === 'string') : [];
  filesMovedInEditor(files.flatMap((f) => [f.oldUri, f.newUri]));
});

connection.workspace.onDidDeleteFiles((params) => {
  const files = Array.isArray(params?.files) ? params.files.filter((f) => typeof f?.uri === 'string') : [];
  filesMovedInEditor(files.map((f) => f.uri));
});

/**
 * Files or folders moved or deleted in the editor, by their paths before and after: what was read
 * at or under them (or found missing there) is read again, and where a folder or document moved,
 * the documents are found again, as when a folder comes or goes on disk.
 */
function filesMovedInEditor(uris: string[]): void {
  const moved = new Set<Folder>();
  for (const uri of uris) {
    const folder = folders.forUri(uri, false);
    if (!folder) continue;
    const rel = folder.pathOf(uri);
    if (!rel || isIgnoredPath(rel)) continue;
    if (rel === CONFIG_FILE) reloadConfig(folder);
    else folder.ws.fileChanged(rel);
    moved.add(folder);
  }
  for (const folder of moved) {
    findDocumentsAgain(folder);
    markAll(folder);
  }
  if (moved.size) schedule();
}

/**
 * Edits as the client applies them. One that reads versioned edits gets each open document's
 * version with its edits, so that a fix worked out before more typing is refused, not applied
 * at offsets that have moved; a closed file's version is null (the file as it is on disk).
 */
function workspaceEdit(folder: Folder, edits: Array<{ path: string; span: Span; newText: string }>): WorkspaceEdit {
  const changes = editsByUri(folder, edits);
  if (!client.documentChanges) return { changes };
  return { documentChanges: Object.entries(changes).map(([uri, e]) => TextDocumentEdit.create({ uri, version: documents.get(uri)?.version ?? null }, e)) };
}

function editsByUri(folder: Folder, edits: Array<{ path: string; span: Span; newText: string }>): Record<string, TextEdit[]> {
  const changes: Record<string, TextEdit[]> = {};
  for (const e of edits) (changes[folder.uriOf(e.path)] ??= []).push({ range: toRange(fileIndex(folder, e.path), e.span), newText: e.newText });
  return changes;
}

connection.onDocumentSymbol(({ textDocument }) => {
  const found = locate(textDocument.uri);
  if (!found) return [];
  const index = docIndex(found.doc);
  const convert = (s: SymbolEntry): import('vscode-languageserver').DocumentSymbol => ({
    name: s.name,
    detail: s.detail,
    kind: symbolKind(s.kind, client.symbolKinds),
    range: toRange(index, s.span),
    selectionRange: toRange(index, s.selection),
    children: s.children.map(convert),
  });
  if (client.symbolTree) return documentSymbols(found.doc).map(convert);
  // A client without the outline tree takes a flat list, each symbol naming what contains it.
  const flat: SymbolInformation[] = [];
  const walk = (s: SymbolEntry, container?: string) => {
    flat.push({ name: s.name, kind: symbolKind(s.kind, client.symbolKinds), location: { uri: textDocument.uri, range: toRange(index, s.span) }, ...(container ? { containerName: container } : {}) });
    s.children.forEach((child) => walk(child, s.name));
  };
  documentSymbols(found.doc).forEach((s) => walk(s));
  return flat;
});

connection.onWorkspaceSymbol(({ query }) =>
  folders.all().flatMap((f) =>
    workspaceSymbols(f.ws, query).map((s) => ({ name: s.name, kind: symbolKind(s.kind, client.workspaceSymbolKinds), containerName: s.container, location: { uri: f.uriOf(s.path), range: savedRange(f, s.path, s.span) } })),
  ),
);

/**
 * From how many entries a completion list goes out without its documentation, which the editor
 * asks for (`completionItem/resolve`) for the entry it shows: after `because:` in a 1 MB document
 * of a large workspace the list has ~8,000 entries, 3 MB with their documentation.
 */
const LAZY_DOCUMENTATION = 100;
/** The last list sent without documentation, for resolving its entries. */
let lastCompletion: { run: number; entries: CompletionEntry[] } | undefined;
/** Run after a folder is inserted in a path: its entries are offered next. */
const TRIGGER_SUGGEST = { title: 'Suggest', command: 'editor.action.triggerSuggest' };
let completionRuns = 0;

connection.onCompletion(({ textDocument, position }) => {
  const a = at(textDocument.uri, position);
  if (!a) return [];
  const index = docIndex(a.doc);
  const entries = completions(a.folder.ws, a.doc, a.offset, () => checkedNow(a.folder, a.doc), { snippets: client.snippets, today: localDate(new Date()) });
  const run = ++completionRuns;
  const lazy = entries.length > LAZY_DOCUMENTATION;
  lastCompletion = lazy ? { run, entries } : undefined;
  return entries.map((c, i) => ({
    label: c.label,
    kind: completionKind(c.kind, client.completionKinds),
    detail: c.detail,
    ...(c.documentation ? (lazy ? { data: { run, entry: i } } : { documentation: markup(c.documentation, client.completionMarkdown) }) : {}),
    ...(c.sortText ? { sortText: c.sortText } : {}),
    ...(c.filterText ? { filterText: c.filterText } : {}),
    ...(c.preselect ? { preselect: true } : {}),
    ...(c.retrigger && client.triggerSuggest ? { command: TRIGGER_SUGGEST } : {}),
    ...(c.snippet ? { insertTextFormat: InsertTextFormat.Snippet } : {}),
    textEdit: completionEdit(index, c),
  }));
});

/** `YYYY-MM-DD` on the analyst's calendar (a template's `date:`), not UTC's. */
function localDate(d: Date): string {
  const two = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${two(d.getMonth() + 1)}-${two(d.getDate())}`;
}

connection.onCompletionResolve((item) => {
  const data = item.data as { run?: unknown; entry?: unknown } | undefined;
  const entry = lastCompletion && data?.run === lastCompletion.run && typeof data.entry === 'number' ? lastCompletion.entries[data.entry] : undefined;
  return entry?.documentation ? { ...item, documentation: markup(entry.documentation, client.completionMarkdown) } : item;
});

/**
 * An entry replaces its insert span; an editor that can (VS Code: `editor.suggest.insertMode`,
 * or Shift+Enter) is also offered the whole token, the text after the cursor included.
 */
function completionEdit(index: LineIndex, c: CompletionEntry): TextEdit | InsertReplaceEdit {
  const newText = c.insertText ?? c.label;
  if (client.insertReplace && c.insert.end !== c.replace.end) return { newText, insert: toRange(index, c.insert), replace: toRange(index, c.replace) };
  return { range: toRange(index, c.insert), newText };
}

/**
 * A fix's title as a menu shows it: editors draw code-action titles as plain text (VS Code's
 * quick-fix menu, Neovim's select), where the core's Markdown code marks would show as
 * backticks. Quoted as TypeScript's fixes are: Change to 'high'.
 */
function menuTitle(title: string): string {
  return title.replace(/`([^`\n]*)`/g, "'$1'");
}

connection.onCodeAction(({ textDocument, range }) => {
  // A client that reads neither code actions nor edits sent back (`workspace/applyEdit`) is offered none.
  if (!client.codeActionLiterals && !client.applyEdit) return [];
  const found = locate(textDocument.uri);
  if (!found) return [];
  const index = docIndex(found.doc);
  const span = { start: index.offset(range.start), end: index.offset(range.end) };
  // Diagnostics published before the latest edit have stale offsets: check the text as it is now.
  const fresh = checkedDoc.get(textDocument.uri) === found.doc && current.get(textDocument.uri);
  const diags = fresh || checkDocument(found.folder.ws, found.doc);
  return codeActions(found.folder.ws, found.doc, span, diags).map((a): CodeAction | Command => {
    const title = menuTitle(a.title);
    const edit = workspaceEdit(found.folder, a.edits);
    // LSP: a client that does not say it reads code actions reads only commands.
    if (!client.codeActionLiterals) return { title, command: APPLY_FIX, arguments: [{ title, edit }] };
    return {
      title,
      kind: a.kind === 'quickfix' ? CodeActionKind.QuickFix : CodeActionKind.Refactor,
      ...(a.diagnostic ? { diagnostics: [toLspDiagnostic(found.folder, a.diagnostic)] } : {}),
      ...(a.isPreferred ? { isPreferred: true } : {}),
      edit,
    };
  });
});

/** The command a fix is offered as, to a client that takes code actions only as commands: the server sends its edit back to apply. */
const APPLY_FIX = 'kent.applyFix';

function fixesAsCommands(): boolean {
  return !client.codeActionLiterals && client.applyEdit;
}

/** Apply a fix offered as a command; its argument is what the server offered, handed back (any client may send anything). */
async function applyFix(fix: unknown): Promise<null> {
  const { title, edit } = (fix ?? {}) as { title?: unknown; edit?: WorkspaceEdit };
  const offered = (typeof edit?.changes === 'object' && edit.changes !== null) || Array.isArray(edit?.documentChanges);
  if (!offered) throw new ResponseError(ErrorCodes.InvalidParams, `${APPLY_FIX} takes the fix the server offered`);
  const applied = await connection.workspace.applyEdit({ ...(typeof title === 'string' ? { label: title } : {}), edit });
  if (!applied?.applied) connection.console.warn(`Kent: the editor did not apply the fix${applied?.failureReason ? `: ${applied.failureReason}` : ''}.`);
  return null;
}

connection.languages.inlayHint.on(({ textDocument, range }) => {
  const found = locate(textDocument.uri);
  if (!found) return [];
  const index = docIndex(found.doc);
  return inlayHints(found.folder.ws, found.doc, { start: index.offset(range.start), end: index.offset(range.end) }).map((h) => ({
    position: index.position(h.offset),
    label: h.label,
    paddingLeft: true,
    ...(h.tooltip ? { tooltip: h.tooltip } : {}),
  }));
});

connection.languages.semanticTokens.on(({ textDocument }) => {
  const found = locate(textDocument.uri);
  return { data: found ? semanticTokens(found.doc) : [] };
});

connection.onFoldingRanges(({ textDocument }) => {
  const found = locate(textDocument.uri);
  return found ? foldingRanges(found.doc) : [];
});

// Format Document and Format Selection: the editor's tab settings are not asked, as a document
// keeps the indentation it mostly uses.
connection.onDocumentFormatting(({ textDocument }) => formatEdits(textDocument.uri));
connection.onDocumentRangeFormatting(({ textDocument, range }) => formatEdits(textDocument.uri, range));

function formatEdits(uri: string, range?: Range): TextEdit[] {
  const found = locate(uri);
  if (!found) return [];
  const index = docIndex(found.doc);
  const edits = range ? formatRange(found.doc, { start: index.offset(range.start), end: index.offset(range.end) }) : formatDocument(found.doc);
  return edits.map((e) => ({ range: toRange(index, e.span), newText: e.newText }));
}

// Each position's spans, innermost first, nested as LSP has them: each range with its parent.
connection.onSelectionRanges(({ textDocument, positions }) => {
  const found = locate(textDocument.uri);
  if (!found) return [];
  const index = docIndex(found.doc);
  return selectionRanges(found.doc, positions.map((p) => index.offset(p))).map((chain, i) =>
    chain.reduceRight<SelectionRange | undefined>((parent, span) => ({ range: toRange(index, span), ...(parent ? { parent } : {}) }), undefined) ?? { range: { start: positions[i], end: positions[i] } },
  );
});

connection.onDocumentLinks(({ textDocument }) => {
  const found = locate(textDocument.uri);
  if (!found) return [];
  const index = docIndex(found.doc);
  return documentLinks(found.folder.ws, found.doc).map((l) => ({
    range: toRange(index, l.span),
    target: l.target.kind === 'url' ? l.target.url : l.target.kind === 'code' ? codeDescription(l.target.code).href : found.folder.uriOf(l.target.path),
  }));
});

// ---------------------------------------------------------------------------------------------
// Reports: `kent/evidenceMap` (the graph, layout and SVG the editor's map shows; `previous` keeps
// the nodes' order) and `kent/export` (the report as text: the client saves it where the user says).

connection.onRequest('kent/evidenceMap', (params: { textDocument: { uri: string }; previous?: PreviousPositions }) => {
  const found = locate(params.textDocument.uri);
  if (!found) return null;
  const { folder, doc } = found;
  const map = evidenceMap(folder.ws, doc, checkDocument(folder.ws, doc), params.previous);
  const nodes = map.nodes.map(({ location, ...n }) => ({ ...n, ...(location ? { uri: folder.uriOf(location.path), range: toRange(fileIndex(folder, location.path), location.span) } : {}) }));
  return { ...map, uri: params.textDocument.uri, nodes };
});

connection.onRequest('kent/export', (params: { textDocument: { uri: string }; format?: 'html' | 'md' }) => {
  const found = locate(params.textDocument.uri);
  if (!found) return null;
  const options = { diagnostics: checkDocument(found.folder.ws, found.doc), generator: 'Kent' };
  const format = params.format === 'md' ? 'md' : 'html';
  const content = format === 'md' ? exportMarkdown(found.folder.ws, found.doc, options) : exportHtml(found.folder.ws, found.doc, options);
  return { format, content, name: path.posix.basename(found.doc.path).replace(/\.kent$/, '') + (format === 'md' ? '.md' : '.html') };
});

// Only with KENT_DEBUG_MEMORY set (tests, the long-session bench): the heap (after a full
// garbage collection, with --expose-gc) and how many entries the server's long-lived tables hold, to see what a
// day of editing leaves behind.
if (process.env.KENT_DEBUG_MEMORY) {
  connection.onRequest('kent/debug/memory', () => {
    // A full collection where the server was started with --expose-gc (test/lspClient.ts does so
    // for this request): no vm module, which Kent's sources never load.
    (globalThis as { gc?: () => void }).gc?.();
    const tables: Record<string, number> = { published: published.size, current: current.size, checkedDoc: checkedDoc.size, latestIndex: latestIndex.size, textIndexes: textIndexes.size, openBibliographies: openBibliographies.size, openDocuments: documents.all().length, tokenNumbers: tokenNumberCount(), ...prefixed('parser', parseCacheSizes()), grammarMemo: matchMemoSize(), ...prefixed('estimative', estimativeMemoSizes()) };
    for (const f of folders.all()) {
      const ws = f.ws as unknown as Record<string, object>;
      for (const [name, owner] of Object.entries({ ws, index: ws.index, statements: ws.statements, checker: f.checker })) countEntries(tables, name, owner);
      tables['statements.propositionCount'] = (tables['statements.propositionCount'] ?? 0) + f.ws.statements.propositionCount();
    }
    return { heapUsed: process.memoryUsage().heapUsed, rss: process.memoryUsage().rss, tables };
  });
}

function prefixed(name: string, sizes: Record<string, number>): Record<string, number> {
  return Object.fromEntries(Object.entries(sizes).map(([k, v]) => [`${name}.${k}`, v]));
}

/** Add the entries of `owner`'s Maps and Sets (its own fields, one level down) to `tables`. */
function countEntries(tables: Record<string, number>, name: string, owner: object): void {
  for (const [field, value] of Object.entries(owner)) {
    if (value instanceof Map || value instanceof Set) tables[`${name}.${field}`] = (tables[`${name}.${field}`] ?? 0) + value.size;
  }
}

// A promise nobody awaited that failed (an editor's error answer to a request the server made)
// ends a Node process by default; the server reports it and goes on serving.
process.on('unhandledRejection', (e) => connection.console.error(`Kent: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`));

connection.listen();
