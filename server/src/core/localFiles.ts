// The local files a document names: each source's `file:` and the assessment's `bibliography:`.
import type { Item, KentDocument } from './model';
import type { Span } from './types';
import { quotableText } from './htmlText';
import type { BibliographyCode, FileRead, ResolvedPath, ResolvedSource, Workspace } from './workspace';

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

/** A source block's local copy, read, as quotes are looked for in it. */
export interface SourceCopy {
  /** The source block. */
  source: Extract<ResolvedSource, { kind: 'block' }>;
  /** Its `file:` as written, and the file's workspace path. */
  file: { path: string; span: Span };
  path: string;
  /** The file's text; a web page's as its reader sees it (see htmlText.ts), offsets unchanged. */
  text: string;
}

/** The local copy of `source` that quotes are looked for in; undefined when it is no block with a `file:`, or the file cannot be read (other checks say why). */
export function sourceCopy(ws: Workspace, source: ResolvedSource | undefined): SourceCopy | undefined {
  if (source?.kind !== 'block' || !source.item.file) return undefined;
  const path = ws.resolvePath(source.doc, source.item.file.path);
  const read = path.ok ? ws.readFile(path.path) : undefined;
  return path.ok && read?.ok ? { source, file: source.item.file, path: path.path, text: quotableText(path.path, read.text) } : undefined;
}
