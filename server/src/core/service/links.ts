// Document links: `url:` values (http and https only), `file:`/`bibliography:` paths that
// resolve inside the workspace, and the codes of a `kent-ignore` (their section of Kent's own
// checks.md, which the extension ships). Nothing else is ever made clickable. Pure.
import { valueSpan, type KentDocument } from '../model';
import type { Code, Span } from '../types';
import type { Workspace } from '../workspace';
import { isCode } from './suppressions';

export interface DocumentLinkEntry {
  span: Span;
  target: { kind: 'url'; url: string } | { kind: 'file'; path: string } | { kind: 'code'; code: Code };
}

export function documentLinks(ws: Workspace, doc: KentDocument): DocumentLinkEntry[] {
  const out: DocumentLinkEntry[] = [];
  const file = (path: string, span: Span) => {
    const resolved = ws.resolvePath(doc, path);
    if (!resolved.ok) return;
    // The host knows what the path lexically hides: a link leading outside, or nothing there.
    const read = ws.readFile(resolved.path);
    if (!read.ok && (read.reason === 'outside' || read.reason === 'missing')) return;
    out.push({ span: { start: span.start, end: span.end }, target: { kind: 'file', path: resolved.path } });
  };
  for (const item of doc.items) {
    for (const attr of item.attributes) {
      if (!attr.allowed || attr.name !== 'url') continue;
      const url = httpUrl(attr.value);
      if (url) out.push({ span: valueSpan(attr), target: { kind: 'url', url } });
    }
    if (item.file) file(item.file.path, item.file.span);
    for (const bib of item.bibliography) file(bib.path, bib.span);
  }
  for (const c of doc.ignoreComments) for (const x of c.codes) if (isCode(x.code)) out.push({ span: { ...x.span }, target: { kind: 'code', code: x.code } });
  return out.sort((a, b) => a.span.start - b.span.start);
}

/** The value as an http(s) URL, or undefined for anything else (`command:`, `file:`, `javascript:`, text). */
function httpUrl(value: string): string | undefined {
  const v = value.trim();
  if (!/^https?:\/\/[^\s/]/i.test(v) || /\s/.test(v)) return undefined;
  try {
    const u = new URL(v);
    return u.protocol === 'http:' || u.protocol === 'https:' ? v : undefined;
  } catch {
    return undefined;
  }
}
