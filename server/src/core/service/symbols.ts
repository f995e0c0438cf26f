// The outline (headings as containers of the blocks under them) and workspace symbols.
import type { BlockKind, KentDocument } from '../model';
import type { Span } from '../types';
import type { Workspace } from '../workspace';

export interface SymbolEntry {
  name: string;
  detail: string;
  kind: BlockKind | 'heading';
  span: Span;
  selection: Span;
  children: SymbolEntry[];
}

const flat = (s: string, max = 80) => {
  // A prefix decides a long statement's name: collapsing the spaces of 5 MB took a second.
  const head = s.length > max * 4 ? s.slice(0, max * 4).replace(/\s+/g, ' ').trimStart() : undefined;
  if (head !== undefined && head.length > max + 1) return head.slice(0, max - 1) + '…';
  const t = s.replace(/\s+/g, ' ').trim();
  return t.length > max ? t.slice(0, max - 1) + '…' : t;
};

export function documentSymbols(doc: KentDocument): SymbolEntry[] {
  const roots: SymbolEntry[] = [];
  const open: Array<{ level: number; entry: SymbolEntry }> = [];
  const events = [
    ...doc.headings.map((h) => ({ at: h.span.start, heading: h })),
    ...doc.items.map((i) => ({ at: i.span.start, item: i })),
  ].sort((a, b) => a.at - b.at);
  const close = (level: number, end: number) => {
    while (open.length && open[open.length - 1].level >= level) {
      const closing = open.pop()!;
      closing.entry.span = { start: closing.entry.span.start, end: Math.max(closing.entry.span.end, end) };
    }
  };
  const add = (entry: SymbolEntry) => (open.length ? open[open.length - 1].entry.children : roots).push(entry);
  for (const e of events) {
    if ('heading' in e && e.heading) {
      close(e.heading.level, e.heading.span.start);
      const entry: SymbolEntry = { name: e.heading.text || '(heading)', detail: '', kind: 'heading', span: { ...e.heading.span }, selection: e.heading.span, children: [] };
      add(entry);
      // A sub-heading lies inside its parent sections (a symbol's children are within its range).
      for (const o of open) o.entry.span = { start: o.entry.span.start, end: Math.max(o.entry.span.end, e.heading.span.end) };
      open.push({ level: e.heading.level, entry });
    } else if ('item' in e && e.item) {
      const i = e.item;
      add({ name: i.id, detail: `${i.kind}: ${flat(i.statement)}`, kind: i.kind, span: i.span, selection: i.idSpan, children: [] });
      for (const o of open) o.entry.span = { start: o.entry.span.start, end: Math.max(o.entry.span.end, i.span.end) };
    }
  }
  return roots;
}

export interface WorkspaceSymbolEntry {
  name: string;
  kind: BlockKind;
  path: string;
  span: Span;
  container: string;
}

/**
 * Items whose ID or statement contains every character of `query` in order (fuzzy,
 * case-insensitive), then the entries of the documents' bibliographies by key or title: a source
 * cited from a `.bib` file is found as one written as a block is.
 */
export function workspaceSymbols(ws: Workspace, query: string, limit = 500): WorkspaceSymbolEntry[] {
  const q = query.toLowerCase();
  const matches = (id: string, text: string) => !q || fuzzy(id.toLowerCase(), q) || text.toLowerCase().includes(q);
  const out: WorkspaceSymbolEntry[] = [];
  for (const doc of ws.documents()) {
    for (const item of doc.items) {
      if (!matches(item.id, item.statement)) continue;
      out.push({ name: item.kind === 'assessment' ? item.id : `${item.id}: ${flat(item.statement, 60)}`, kind: item.kind, path: doc.path, span: item.idSpan, container: doc.assessment?.id ?? doc.path });
      if (out.length >= limit) return out;
    }
  }
  const bibs = new Set<string>();
  for (const doc of ws.documents()) {
    for (const path of ws.bibliographyPaths(doc)) {
      if (bibs.has(path)) continue;
      bibs.add(path);
      for (const e of ws.bibliography(path)?.entries.values() ?? []) {
        if (!matches(e.key, e.title ?? '')) continue;
        out.push({ name: e.title ? `${e.key}: ${flat(e.title, 60)}` : e.key, kind: 'source', path, span: e.keySpan, container: path });
        if (out.length >= limit) return out;
      }
    }
  }
  return out;
}

function fuzzy(text: string, q: string): boolean {
  let i = 0;
  for (const ch of text) if (ch === q[i]) i++;
  return i === q.length;
}
