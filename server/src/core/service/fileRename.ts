// Moving files keeps `file:` and `bibliography:` paths true: when the analyst renames or moves a
// source file, a bibliography, a document or a folder holding any of them, the paths that named
// them (and a moved document's own relative paths) are rewritten, as the editor applies the move.
import { posix } from 'node:path';
import type { Item, KentDocument } from '../model';
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

/**
 * The edits that keep every `file:` and `bibliography:` naming the same file after `renames`. Only
 * the items the index files under a moved path, and the items of moved documents, are read:
 * looking through every item of a 10 MB workspace took 5–8 ms for any move.
 */
export function pathEditsForRenames(ws: Workspace, renames: readonly PathRename[]): PathEdit[] {
  const moved = (p: string) => movedPath(p, renames);
  const touched = itemsTouched(ws, renames);
  const edits: PathEdit[] = [];
  for (const doc of ws.documents()) {
    const docAfter = moved(doc.path);
    const items = docAfter !== doc.path ? doc.items : touched.get(doc);
    if (!items) continue;
    const from = `/${posix.dirname(docAfter)}`;
    for (const item of items) {
      for (const f of item.file ? [item.file, ...item.bibliography] : item.bibliography) {
        const resolved = ws.resolvePath(doc, f.path);
        // A path that leaves the workspace names nothing Kent knows of: left as written.
        if (!resolved.ok) continue;
        const targetAfter = moved(resolved.path);
        if (docAfter === doc.path && targetAfter === resolved.path) continue;
        const written = relativePath(from, targetAfter, f.path);
        if (written !== f.path.trim()) edits.push({ path: doc.path, span: f.span, newText: written });
      }
    }
  }
  return edits;
}

/** By document, in document order, the items naming a file or folder that `renames` moves. */
function itemsTouched(ws: Workspace, renames: readonly PathRename[]): Map<KentDocument, Item[]> {
  const byDoc = new Map<KentDocument, Item[]>();
  for (const r of renames) {
    for (const { doc, item } of ws.itemsNamingFilesAt(r.from)) {
      const list = byDoc.get(doc);
      if (list) list.push(item);
      else byDoc.set(doc, [item]);
    }
  }
  // An item naming two moved files is listed twice.
  for (const [doc, list] of byDoc) byDoc.set(doc, list.sort((a, b) => a.span.start - b.span.start).filter((item, i) => item !== list[i - 1]));
  return byDoc;
}

/** Where `path` is after the renames: the first that moves it or a folder holding it. */
function movedPath(path: string, renames: readonly PathRename[]): string {
  for (const r of renames) {
    if (path === r.from) return r.to;
    if (path.startsWith(`${r.from}/`)) return r.to + path.slice(r.from.length);
  }
  return path;
}

/**
 * `target` as written from the folder `from` (absolute from the workspace root: `/` for the root),
 * in the style it was written (`./` kept). Both absolute, so no call resolves against the process's
 * working directory.
 */
function relativePath(from: string, target: string, before: string): string {
  const rel = posix.relative(from, `/${target}`);
  return before.trim().startsWith('./') && !rel.startsWith('../') ? `./${rel}` : rel;
}
