// The server's workspaces: one core `Workspace` per open folder (plus one per loose file's
// folder), each reading files through an `FsHost` confined to that folder.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { URI } from 'vscode-uri';
import type { KentConfig } from '../core/config';
import { IncrementalChecker } from '../core/incremental';
import { decodeUtf8 } from '../core/text';
import { Workspace, type FileRead, type FolderListing } from '../core/workspace';
import { FsHost, documentPaths, errorCode, findKentFiles, isLink } from '../node/fsHost';

/** In a restricted (untrusted) workspace only `.kent` documents are read; sources and bibliographies are not. */
class PolicyHost extends FsHost {
  constructor(
    root: string,
    private readonly trusted: () => boolean,
  ) {
    super(root);
  }
  override readFile(rel: string): FileRead {
    if (!this.trusted() && rel !== 'kent.json') return { ok: false, reason: 'skipped' };
    return super.readFile(rel);
  }
  /** Nor are folders listed: what a restricted workspace holds is not offered in completion either. */
  override listFolder(rel: string): FolderListing {
    if (!this.trusted()) return { ok: false, reason: 'skipped' };
    return super.listFolder(rel);
  }
}

/** Reads nothing: an unsaved document has no folder on disk, so neither sources nor a kent.json. */
class NoFilesHost extends FsHost {
  override readFile(): FileRead {
    return { ok: false, reason: 'skipped' };
  }
  override listFolder(): FolderListing {
    return { ok: false, reason: 'skipped' };
  }
  override isInside(): boolean {
    return false;
  }
}

export class Folder {
  readonly host: FsHost;
  readonly ws: Workspace;
  /** What the checks found, kept so that an edit re-checks only what it may change. */
  readonly checker: IncrementalChecker;
  /** The editor's settings for this folder (its own `.vscode/settings.json`), where they were asked for by folder. */
  settings: Partial<KentConfig> | undefined;
  constructor(
    readonly root: string,
    readonly indexed: boolean,
    trusted: () => boolean,
  ) {
    this.host = this.hostFor(root, trusted);
    this.ws = new Workspace(this.host);
    this.checker = new IncrementalChecker(this.ws);
  }

  /** What reads the folder's files (called by the constructor). */
  protected hostFor(root: string, trusted: () => boolean): FsHost {
    return new PolicyHost(root, trusted);
  }

  pathOf(uri: string): string {
    return this.host.relative(URI.parse(uri).fsPath);
  }

  /** URIs by path, made once: every diagnostic's related locations name one, on every publication. */
  private readonly uris = new Map<string, string>();
  uriOf(rel: string): string {
    let uri = this.uris.get(rel);
    if (uri === undefined) {
      if (this.uris.size >= 100_000) this.uris.clear();
      this.uris.set(rel, (uri = URI.file(this.host.absolute(rel)).toString()));
    }
    return uri;
  }

  /**
   * Read every `.kent` file under the folder from disk, each real file once (a link to another
   * document is not a second copy of it) and only those it `owns` (not those of a workspace folder
   * inside it); `unreadable` hears of each file or folder that cannot be read.
   */
  indexAll(openPaths: Set<string>, unreadable?: (abs: string, reason: string) => void, owns: (abs: string) => boolean = () => true): void {
    const files = findKentFiles(this.root, this.host, [], unreadable);
    const named = documentPaths(files);
    for (const abs of files) {
      const rel = this.host.relative(abs);
      if (named.get(abs) !== abs || !owns(abs)) this.ws.removeDocument(rel);
      else if (!openPaths.has(rel)) this.loadFromDisk(rel, unreadable);
    }
  }

  /**
   * The `.kent` files under one folder that came on disk (moved in, checked out), by path, found
   * as `indexAll` finds them but walking that folder alone; only those it `owns`. Undefined when
   * one is reached through a link: which path names that document is then the whole folder's
   * question (`indexAll`), as the file may be a document already.
   */
  kentFilesUnder(rel: string, unreadable?: (abs: string, reason: string) => void, owns: (abs: string) => boolean = () => true): string[] | undefined {
    const dir = this.host.absolute(rel);
    // A link made to `/` is a folder too: nothing under it is the workspace's.
    if (!this.host.isInside(dir)) return [];
    const files = findKentFiles(dir, this.host, [], unreadable);
    if (files.some((abs) => throughLink(dir, abs))) return undefined;
    return files.filter(owns).map((abs) => this.host.relative(abs));
  }

  /** (Re)load a closed document from disk; remove it when it is gone (`unreadable` hears of one that is there but cannot be read). */
  loadFromDisk(rel: string, unreadable?: (abs: string, reason: string) => void): void {
    const abs = this.host.absolute(rel);
    try {
      if (!this.host.isInside(abs)) return this.ws.removeDocument(rel);
      // Regular files only: a FIFO named `x.kent` would block the server forever.
      if (!fs.statSync(abs).isFile()) return this.ws.removeDocument(rel);
      const { text, invalidAt } = decodeUtf8(fs.readFileSync(abs));
      this.ws.setDocument(rel, text, invalidAt);
    } catch (e) {
      this.ws.removeDocument(rel);
      // Gone is gone (a deleted file); a dangling link or a file without permission is not.
      if (unreadable && (errorCode(e) !== 'ENOENT' || isLink(abs))) unreadable(abs, errorCode(e));
    }
  }
}

/** Whether a file found under `dir` is reached through a link (itself one, or a folder between). */
function throughLink(dir: string, abs: string): boolean {
  try {
    return path.relative(fs.realpathSync.native(dir), fs.realpathSync.native(abs)) !== path.relative(dir, abs);
  } catch {
    return true; // a dangling link
  }
}

/**
 * Unsaved (`untitled:`) documents: checked on their own text, with nothing on disk to read.
 * Each is filed under a path made from its URI, and mapped back.
 */
class UntitledFolder extends Folder {
  constructor(settings: Partial<KentConfig> | undefined) {
    // The root only names the folder: its host reads nothing there, and the path is never made.
    super(path.join(os.tmpdir(), 'kent-untitled'), false, () => false);
    this.ws.loadConfig(settings);
  }
  protected override hostFor(root: string): FsHost {
    return new NoFilesHost(root);
  }
  override pathOf(uri: string): string {
    return 'untitled/' + encodeURIComponent(URI.parse(uri).path);
  }
  override uriOf(rel: string): string {
    return URI.from({ scheme: 'untitled', path: decodeURIComponent(rel.slice('untitled/'.length)) }).toString();
  }
  override loadFromDisk(rel: string): void {
    this.ws.removeDocument(rel);
  }
}

export class Folders {
  private readonly folders: Folder[] = [];
  private untitled?: UntitledFolder;
  trusted = true;
  settings: Partial<KentConfig> | undefined;
  /** Told of each file that gets a folder of its own, outside every workspace folder. */
  onLoose?: (file: string) => void;

  add(root: string, indexed: boolean): Folder {
    const folder = new Folder(path.resolve(root), indexed, () => this.trusted);
    folder.ws.loadConfig(this.settings);
    this.folders.push(folder);
    return folder;
  }

  remove(root: string): void {
    const i = this.folders.findIndex((f) => f.root === path.resolve(root));
    if (i >= 0) this.folders.splice(i, 1);
  }

  all(): Folder[] {
    return this.untitled ? [...this.folders, this.untitled] : this.folders;
  }

  /** The folder holding a file URI (the deepest one); a loose file gets its own unindexed folder. */
  forUri(uri: string, createLoose = true): Folder | undefined {
    const parsed = URI.parse(uri);
    if (parsed.scheme === 'untitled') {
      if (!this.untitled && createLoose) this.untitled = new UntitledFolder(this.settings);
      return this.untitled;
    }
    if (parsed.scheme !== 'file') return undefined;
    const fsPath = parsed.fsPath;
    const found = this.forPath(fsPath);
    if (found || !createLoose) return found;
    const loose = this.add(path.dirname(fsPath), false);
    this.onLoose?.(fsPath);
    return loose;
  }

  /** The deepest folder holding a path: with nested workspace folders, a file is the inner one's alone. */
  forPath(fsPath: string): Folder | undefined {
    let best: Folder | undefined;
    for (const f of this.folders) {
      const rel = path.relative(f.root, fsPath);
      if (!rel.startsWith('..') && !path.isAbsolute(rel) && (!best || f.root.length > best.root.length)) best = f;
    }
    return best;
  }
}
