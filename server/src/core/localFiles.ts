// The local files a document names: each source's `file:` and the assessment's `bibliography:`.
import type { Item, KentDocument } from './model';
import type { Span } from './types';
import type { BibliographyCode, FileRead, ResolvedPath, Workspace } from './workspace';

export interface LocalFile {
  kind: 'file' | 'bibliography';
  owner: string;
  written: string;
  span: Span;
  resolved: ResolvedPath;
}

/** The files one item of `doc` names: a source's `file:`, an assessment's `bibliography:`. */
export function localFiles(ws: Workspace, doc: KentDocument, item: Item): LocalFile[] {
  const out: LocalFile[] = [];
  if (item.file) out.push({ kind: 'file', owner: `source ${item.id}`, written: item.file.path, span: item.file.span, resolved: ws.resolvePath(doc, item.file.path) });
  for (const b of item.bibliography) out.push({ kind: 'bibliography', owner: `assessment ${item.id}`, written: b.path, span: b.span, resolved: ws.resolvePath(doc, b.path) });
  return out;
}

/**
 * Where the problems (`code`) of the bibliography `f` names are listed, when another document of the
 * workspace names it first (see `Workspace.bibliographyListedAt`); undefined where they are listed on `f` itself.
 */
export function listedElsewhere(ws: Workspace, doc: KentDocument, f: LocalFile, code: BibliographyCode): { path: string; span: Span } | undefined {
  if (f.kind !== 'bibliography' || !f.resolved.ok) return undefined;
  const at = ws.bibliographyListedAt(f.resolved.path, code);
  return at && at.doc.path !== doc.path ? { path: at.doc.path, span: at.span } : undefined;
}

/** Read a local file that is lexically inside the workspace; undefined when it lies outside. */
export function readLocal(ws: Workspace, f: LocalFile): FileRead | undefined {
  return f.resolved.ok ? ws.readFile(f.resolved.path) : undefined;
}
