// The file-system front of the workspace: reads files for the core, and never anything whose
// real path (links resolved) lies outside the workspace root.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { decodeLocalFile } from '../core/text';
import type { FileRead, FolderEntry, FolderListing, WorkspaceHost } from '../core/workspace';

/** Largest local source or bibliography Kent reads. */
const MAX_FILE_BYTES = 64 * 1024 * 1024;
/** Most entries of one folder listed: completion offers them all, and a folder of a million files must not stall it. */
export const MAX_FOLDER_ENTRIES = 2000;

export class FsHost implements WorkspaceHost {
  readonly root: string;
  private readonly realRoot: string;
  /** Every absolute path opened, for tests that prove confinement. */
  readonly opened: string[] = [];

  /**
   * Folders' real paths, for a host that serves one pass over a workspace (`kent check`), which
   * takes its folders as they are when it starts: a file in a known folder is then opened without
   * resolving every component of its path again. A long-lived host (the language server) resolves
   * each file's path whole, as a folder may become a link while it runs.
   */
  private readonly realFolders?: Map<string, string>;

  constructor(root: string, options: { onePass?: boolean } = {}) {
    this.root = path.resolve(root);
    this.realRoot = realpathOrSelf(this.root);
    if (options.onePass) this.realFolders = new Map();
  }

  /** Workspace-relative POSIX path of an absolute path. */
  relative(abs: string): string {
    return path.relative(this.root, abs).split(path.sep).join('/');
  }

  absolute(rel: string): string {
    return path.join(this.root, ...rel.split('/'));
  }

  /** Whether an absolute path's real location is inside the workspace root. */
  isInside(abs: string): boolean {
    let real: string;
    try {
      // The system's realpath: one call, where the JavaScript one makes one per path component.
      real = fs.realpathSync.native(abs);
    } catch {
      real = path.resolve(abs);
    }
    return this.isRealInside(real);
  }

  private isRealInside(real: string): boolean {
    const rel = path.relative(this.realRoot, real);
    return rel === '' || (!rel.startsWith('..') && !path.isAbsolute(rel));
  }

  readFile(rel: string): FileRead {
    const abs = this.absolute(rel);
    return this.readInKnownFolder(abs) ?? this.readResolved(abs);
  }

  /**
   * A file that is not itself a link, in a folder whose real path is known to be inside, opened
   * as it is. Undefined for anything else (a link, a folder
   * outside, a missing file, an error), which `readResolved` then reads the careful way.
   */
  private readInKnownFolder(abs: string): FileRead | undefined {
    if (!this.realFolders) return undefined;
    const folder = path.dirname(abs);
    let real = this.realFolders.get(folder);
    if (real === undefined) {
      try {
        real = fs.realpathSync.native(folder);
      } catch {
        return undefined;
      }
      this.realFolders.set(folder, real);
    }
    if (!this.isRealInside(path.join(real, path.basename(abs)))) return undefined;
    let fd: number;
    try {
      // The file itself must not be a link: the system refuses to open one with O_NOFOLLOW
      // (where it has no such flag, it is asked first).
      if (!NO_FOLLOW && fs.lstatSync(abs).isSymbolicLink()) return undefined;
      fd = fs.openSync(abs, fs.constants.O_RDONLY | fs.constants.O_NONBLOCK | NO_FOLLOW);
    } catch {
      return undefined;
    }
    this.opened.push(abs);
    return this.readOpen(fd);
  }

  /**
   * Where `abs` really is (links resolved), when that is inside the workspace. One call both
   * finds the path and resolves its links: nothing is opened before it is known to be inside.
   */
  private realInside(abs: string): { ok: true; real: string } | { ok: false; reason: 'missing' | 'outside' } {
    let real: string;
    try {
      real = fs.realpathSync.native(abs);
    } catch {
      return { ok: false, reason: 'missing' };
    }
    return this.isRealInside(real) ? { ok: true, real } : { ok: false, reason: 'outside' };
  }

  private readResolved(abs: string): FileRead {
    const found = this.realInside(abs);
    if (!found.ok) return found;
    let fd: number;
    try {
      // Non-blocking, so that a FIFO is not waited on: it is then refused as not a file.
      fd = fs.openSync(abs, fs.constants.O_RDONLY | fs.constants.O_NONBLOCK);
    } catch (e) {
      return { ok: false, reason: 'unreadable', message: errorCode(e) };
    }
    this.opened.push(abs);
    return this.readOpen(fd);
  }

  /**
   * A folder's entries, when its real path (links resolved) is inside the workspace; a link in it
   * that leads outside is left out, and a dangling one too (nothing to offer or to read there).
   */
  listFolder(rel: string): FolderListing {
    const abs = this.absolute(rel);
    const found = this.realInside(abs);
    if (!found.ok) return found;
    const { real } = found;
    let dir: fs.Dir;
    try {
      dir = fs.opendirSync(real);
    } catch {
      return { ok: false, reason: 'unreadable' };
    }
    this.opened.push(abs);
    const entries: FolderEntry[] = [];
    try {
      for (let e = dir.readSync(); e && entries.length < MAX_FOLDER_ENTRIES; e = dir.readSync()) {
        const entry = this.entryOf(real, e);
        if (entry) entries.push(entry);
      }
    } catch {
      // Gone or unreadable while listed: what was read stands.
    } finally {
      dir.closeSync();
    }
    return { ok: true, entries };
  }

  /** A folder entry as offered: a plain file or folder as it is; a link by where it leads, when that is inside. */
  private entryOf(folder: string, e: fs.Dirent): FolderEntry | undefined {
    if (!e.isSymbolicLink()) return e.isDirectory() || e.isFile() ? { name: e.name, folder: e.isDirectory() } : undefined;
    const abs = path.join(folder, e.name);
    if (!this.isInside(abs)) return undefined;
    const target = fs.statSync(abs, { throwIfNoEntry: false });
    return target && (target.isDirectory() || target.isFile()) ? { name: e.name, folder: target.isDirectory() } : undefined;
  }

  /** An open file's text, when it is a file and not too large; closes it. */
  private readOpen(fd: number): FileRead {
    try {
      const stat = fs.fstatSync(fd);
      if (!stat.isFile()) return { ok: false, reason: 'unreadable', message: 'not a file' };
      if (stat.size > MAX_FILE_BYTES) return { ok: false, reason: 'unreadable', message: `larger than ${MAX_FILE_BYTES / 1024 / 1024} MB` };
      return { ok: true, text: decodeLocalFile(readAll(fd, stat.size)) };
    } catch (e) {
      return { ok: false, reason: 'unreadable', message: errorCode(e) };
    } finally {
      fs.closeSync(fd);
    }
  }
}

/** What went wrong with a file, briefly: the system's code (ENOENT, EACCES, ELOOP) when it gave one. */
export function errorCode(e: unknown): string {
  return (e as NodeJS.ErrnoException).code ?? (e as Error).message;
}

/** Opening a link itself fails with this flag (Linux, macOS); 0 where the system has none. */
const NO_FOLLOW = fs.constants.O_NOFOLLOW ?? 0;

/**
 * The bytes of an open file of `size` bytes (`readFileSync` would ask its size again). A file
 * that reports no size (as some system files do) is read to its end.
 */
function readAll(fd: number, size: number): Buffer {
  if (size === 0) return fs.readFileSync(fd);
  const buf = Buffer.allocUnsafe(size);
  let n = 0;
  while (n < size) {
    const read = fs.readSync(fd, buf, n, size - n, null);
    if (read === 0) break;
    n += read;
  }
  return buf.subarray(0, n);
}

/** Folders Kent never looks into: dot-folders (.git, editor history) and node_modules. */
export function isIgnoredPath(rel: string): boolean {
  return rel.split('/').some((part) => (part.startsWith('.') && part !== '.' && part !== '..') || part === 'node_modules');
}

/**
 * Every `.kent` file under a directory, recursively, skipping dot-folders and node_modules. A
 * folder that cannot be listed is named to `unreadable`, so that a caller can say so.
 */
export function findKentFiles(dir: string, host: FsHost, out: string[] = [], unreadable: (abs: string, reason: string) => void = () => {}): string[] {
  const stack = [dir];
  // Folders already listed, by real path: a link to `.` or to a parent would otherwise be
  // followed 40 levels deep (two such links: 2^40 paths).
  const listed = new Set<string>();
  while (stack.length) {
    const d = stack.pop()!;
    let real: string;
    try {
      real = fs.realpathSync(d);
    } catch (e) {
      unreadable(d, errorCode(e));
      continue;
    }
    if (listed.has(real)) continue;
    listed.add(real);
    let entries: fs.Dirent[];
    try {
      entries = fs.readdirSync(d, { withFileTypes: true });
    } catch (e) {
      unreadable(d, errorCode(e));
      continue;
    }
    for (const e of entries.sort((a, b) => (a.name < b.name ? -1 : 1))) {
      if (e.name.startsWith('.') || e.name === 'node_modules') continue;
      const abs = path.join(d, e.name);
      // Only a link can lead out of a folder that is inside: plain entries need no realpath.
      const inside = !e.isSymbolicLink() || host.isInside(abs);
      if (!inside) continue;
      if (e.isDirectory() || (e.isSymbolicLink() && isDirectory(abs))) stack.push(abs);
      // Regular files only: reading a FIFO named `x.kent` would block forever. A dangling link
      // is kept, so that reading it reports the problem instead of skipping it in silence.
      else if (e.name.endsWith('.kent') && (e.isFile() || (e.isSymbolicLink() && (isFile(abs) || !fs.existsSync(abs))))) out.push(abs);
    }
  }
  return out.sort();
}

function isDirectory(abs: string): boolean {
  try {
    return fs.statSync(abs).isDirectory();
  } catch {
    return false;
  }
}

function isFile(abs: string): boolean {
  try {
    return fs.statSync(abs).isFile();
  } catch {
    return false;
  }
}

/**
 * The real path of a folder, or the path itself when the folder does not exist: an editor opens a
 * file in a folder not yet made (`:e notes/new.kent`). Nothing under it can be read until it
 * exists, and then only if its real path is this one.
 */
function realpathOrSelf(folder: string): string {
  try {
    return fs.realpathSync(folder);
  } catch {
    return folder;
  }
}

/**
 * The path each file is read under: one per real file, so that a link to a document is not a
 * second copy of it (with its assessment ID a duplicate). A path that is not itself a link wins.
 */
export function documentPaths(files: string[]): Map<string, string> {
  const realOf = new Map(files.map((abs) => [abs, realPath(abs)]));
  const named = new Map<string, string>();
  for (const [abs, real] of realOf) {
    const seen = named.get(real);
    if (seen === undefined || (isLink(seen) && !isLink(abs))) named.set(real, abs);
  }
  return new Map([...realOf].map(([abs, real]) => [abs, named.get(real)!]));
}

/** A file's real path; its own path when it has none (a dangling link, which is then reported unreadable). */
function realPath(abs: string): string {
  try {
    return fs.realpathSync.native(abs);
  } catch {
    return abs;
  }
}

export function isLink(abs: string): boolean {
  try {
    return fs.lstatSync(abs).isSymbolicLink();
  } catch {
    return false;
  }
}
