// Watching folders on disk from the server itself, for editors that cannot watch files for it:
// one non-recursive watch per folder (a recursive one would also watch every folder Kent never
// reads, node_modules and .git included).
import * as fs from 'node:fs';
import * as path from 'node:path';

/** More folders than this are not watched: each costs the system a watch, and their number is limited. */
export const MOST_FOLDERS = 1000;

export class FolderWatcher {
  private readonly watching = new Map<string, fs.FSWatcher>();

  /** `changed` hears the absolute path of each entry that changed, was created or removed in a watched folder. */
  constructor(private readonly changed: (abs: string) => void) {}

  /** Watch these folders too (absolute paths); one that cannot be watched (gone, not a folder) is left out. */
  watch(folders: Iterable<string>): void {
    for (const dir of folders) {
      if (this.watching.has(dir) || this.watching.size >= MOST_FOLDERS) continue;
      try {
        // Not persistent: a watch must not keep the server alive after the editor has gone.
        const watcher = fs.watch(dir, { persistent: false }, (_event, name) => this.changed(name ? path.join(dir, name.toString()) : dir));
        watcher.on('error', () => this.stop(dir));
        this.watching.set(dir, watcher);
      } catch {
        // Gone since, or not a folder: nothing there to watch.
      }
    }
  }

  isWatching(dir: string): boolean {
    return this.watching.has(dir);
  }

  /** Stop watching the folders under `root` (itself included). */
  stopUnder(root: string): void {
    for (const dir of [...this.watching.keys()]) if (isUnder(root, dir)) this.stop(dir);
  }

  close(): void {
    for (const dir of [...this.watching.keys()]) this.stop(dir);
  }

  private stop(dir: string): void {
    this.watching.get(dir)?.close();
    this.watching.delete(dir);
  }
}

/** Whether `dir` is `root` or inside it (paths only, links not resolved). */
export function isUnder(root: string, dir: string): boolean {
  const rel = path.relative(root, dir);
  return !rel.startsWith('..') && !path.isAbsolute(rel);
}
