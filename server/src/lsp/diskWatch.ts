// Changes on disk seen by the server itself, for an editor that cannot watch files for it (Neovim
// on Linux does not offer to, nor do some others). The server watches the folders that hold its
// documents and the files it has read, and turns what changes there into the file events an
// editor would have sent.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { FileChangeType, type FileEvent } from 'vscode-languageserver/node';
import { URI } from 'vscode-uri';
import { isIgnoredPath } from '../node/fsHost';
import { FolderWatcher, isUnder, MOST_FOLDERS } from '../node/watch';
import type { Folder, Folders } from './folders';

/** How long changes settle before they are passed on: a save is often several (write, rename). */
const SETTLE_MS = 50;

/** Changes to pass on: file events, and folders whose documents are to be found again (a folder came or went). */
export type DiskChanges = (events: FileEvent[], reindex: Folder[]) => void;

export class DiskWatch {
  private readonly watcher = new FolderWatcher((abs) => this.noted(abs));
  /** Per workspace folder, how many documents and files it had when its folders were last watched. */
  private readonly followed = new Map<Folder, string>();
  /** Workspace folders whose every folder has been looked for once (later ones are watched as they come). */
  private readonly walked = new Set<Folder>();
  private readonly due = new Set<string>();
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly folders: Folders,
    private readonly changes: DiskChanges,
  ) {}

  /** Watch the folders of every document and file read, of every workspace folder that has new ones. */
  follow(): void {
    for (const folder of this.folders.all()) {
      const { ws, host } = folder;
      const seen = `${ws.documentCount} ${ws.filesAskedCount}`;
      if (this.followed.get(folder) === seen) continue;
      this.followed.set(folder, seen);
      // Each folder up to the root too: a document or file may come in a folder between (a move,
      // `mkdir -p`), and a file looked for in a folder not there yet is seen when the folder comes.
      const dirs = new Set<string>([folder.root]);
      const upTo = (dir: string) => {
        for (; !dirs.has(dir) && isUnder(folder.root, dir); dir = path.dirname(dir)) dirs.add(dir);
      };
      for (const doc of ws.documents()) upTo(path.dirname(host.absolute(doc.path)));
      for (const rel of ws.filesAsked()) upTo(path.dirname(host.absolute(rel)));
      // Only folders inside, links resolved: nothing outside the workspace is watched.
      this.watcher.watch([...dirs].filter((dir) => !this.watcher.isWatching(dir) && this.folders.forPath(dir) === folder && host.isInside(dir)));
      // Then the folders that hold no document yet, while watches are left: a document saved in
      // `drafts/`, empty at start, is seen. Those first, as the number of watches is limited.
      // The walk follows no link, so every folder it meets is inside.
      if (this.walked.has(folder)) continue;
      this.walked.add(folder);
      this.watcher.watch(subfolders(folder.root).filter((dir) => !this.watcher.isWatching(dir) && this.folders.forPath(dir) === folder));
    }
  }

  /** A workspace folder was closed: its folders are no longer watched. */
  forget(folder: Folder): void {
    this.followed.delete(folder);
    this.walked.delete(folder);
    this.watcher.stopUnder(folder.root);
  }

  close(): void {
    clearTimeout(this.timer);
    this.watcher.close();
  }

  private noted(abs: string): void {
    this.due.add(abs);
    this.timer ??= setTimeout(() => this.settled(), SETTLE_MS);
  }

  private settled(): void {
    this.timer = undefined;
    const events: FileEvent[] = [];
    const reindex = new Set<Folder>();
    for (const abs of this.due) {
      const folder = this.folders.forPath(abs);
      if (!folder) continue;
      const rel = folder.host.relative(abs);
      if (isIgnoredPath(rel)) continue;
      const stat = fs.statSync(abs, { throwIfNoEntry: false });
      const uri = URI.file(abs).toString();
      if (rel.endsWith('.kent')) {
        events.push({ uri, type: stat?.isFile() ? FileChangeType.Changed : FileChangeType.Deleted });
        continue;
      }
      // Any other file or folder, as an editor would tell it: the server keeps only what the
      // workspace read, looked for or listed (`Workspace.fileChanged`), a folder for what was under it.
      events.push({ uri, type: stat ? FileChangeType.Changed : FileChangeType.Deleted });
      if (stat?.isDirectory() || (!stat && this.heldAsked(folder, rel))) {
        // A folder came or went: the folders to watch are found again.
        this.followed.delete(folder);
        // A folder made now holds no document yet (`mkdir notes`, a file saved there later): watched as it comes.
        // Only one whose real path is inside: a link made to `/` is a directory too, and the walk
        // would list what lies under it (the walk itself follows no link below it).
        if (stat && folder.host.isInside(abs)) this.watcher.watch(subfolders(abs).filter((dir) => folder.host.isInside(dir)));
        if (stat || this.heldDocuments(folder, rel)) reindex.add(folder);
      }
    }
    this.due.clear();
    if (events.length || reindex.size) this.changes(events, [...reindex]);
  }

  /** The files looked for under a folder. */
  private askedUnder(folder: Folder, rel: string): string[] {
    return [...folder.ws.filesAsked()].filter((file) => file.startsWith(`${rel}/`));
  }

  /** Whether a folder that is gone held documents or files looked for. */
  private heldAsked(folder: Folder, rel: string): boolean {
    return this.heldDocuments(folder, rel) || this.askedUnder(folder, rel).length > 0;
  }

  /** Whether a folder that is gone held documents (moved or deleted with them). */
  private heldDocuments(folder: Folder, rel: string): boolean {
    return folder.ws.documents().some((doc) => doc.path.startsWith(`${rel}/`));
  }
}

/** A folder and the folders under it that Kent would search for documents (not dot-folders, not node_modules), as many as may be watched. */
function subfolders(dir: string, out: string[] = []): string[] {
  if (out.length >= MOST_FOLDERS) return out;
  out.push(dir);
  let entries: fs.Dirent[] = [];
  try {
    entries = fs.readdirSync(dir, { withFileTypes: true });
  } catch {
    // Gone again: nothing under it to watch.
  }
  for (const e of entries) if (e.isDirectory() && !e.name.startsWith('.') && e.name !== 'node_modules') subfolders(path.join(dir, e.name), out);
  return out;
}
