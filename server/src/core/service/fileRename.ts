// Moving files keeps `file:` and `bibliography:` paths true: when the analyst renames or moves a
// source file, a bibliography, a document or a folder holding any of them, the paths that named
// them (and a moved document's own relative paths) are rewritten, as the editor applies the move.
import { posix } from 'node:path';
import { localFiles } from '../localFiles';
import type { Span } from '../types';
import type { Workspace } from '../workspace';

/** A rename of a file or folder, as workspace-relative POSIX paths. */
export interface PathRename {
  from: string;
  to: string;
}

export interface PathEdit {
  /** The document to edit, under its path before the move (the editor edits, then moves). */
  path: string;
  span: Span;
  newText: string;
}

/** The edits that keep every `file:` and `bibliography:` naming the same file after `renames`. */
export function pathEditsForRenames(ws: Workspace, renames: readonly PathRename[]): PathEdit[] {
  const moved = (p: string) => movedPath(p, renames);
  const edits: PathEdit[] = [];
  for (const doc of ws.documents()) {
    const docAfter = moved(doc.path);
    for (const item of doc.items) {
      if (!item.file && !item.bibliography.length) continue;
      for (const f of localFiles(ws, doc, item)) {
        // A path that leaves the workspace names nothing Kent knows of: left as written.
        if (!f.resolved.ok) continue;
        const target = f.resolved.path;
        const targetAfter = moved(target);
        if (docAfter === doc.path && targetAfter === target) continue;
        const written = relativePath(docAfter, targetAfter, f.written);
        if (written !== f.written.trim()) edits.push({ path: doc.path, span: f.span, newText: written });
      }
    }
  }
  return edits;
}

/** Where `path` is after the renames: the first that moves it or a folder holding it. */
function movedPath(path: string, renames: readonly PathRename[]): string {
  for (const r of renames) {
    if (path === r.from) return r.to;
    if (path.startsWith(`${r.from}/`)) return r.to + path.slice(r.from.length);
  }
  return path;
}

/** `target` as written from the document at `docPath`, in the style it was written (`./` kept). */
function relativePath(docPath: string, target: string, before: string): string {
  const rel = posix.relative(posix.dirname(docPath), target);
  return before.trim().startsWith('./') && !rel.startsWith('../') ? `./${rel}` : rel;
}
