// `source-file-missing`: a `file:` or `bibliography:` that does not exist, cannot be read, or
// (for a bibliography) cannot be parsed — the message says where. A missing one whose name is a
// slip of a file that is there (`ref.bib` beside `refs.bib`, `Sources/` for `sources/`) is said,
// with the fix that names it.
import { posix } from 'node:path';
import { distance } from 'fastest-levenshtein';
import { listedElsewhere, localFiles, readLocal, type LocalFile } from '../localFiles';
import type { KentDocument } from '../model';
import { LineIndex } from '../text';
import type { FixData } from '../types';
import type { Workspace } from '../workspace';
import type { Check } from './context';

export const sourceFileMissing: Check = {
  item(ctx, item) {
    for (const f of localFiles(ctx.ws, ctx.doc, item)) {
      const read = readLocal(ctx.ws, f);
      if (!read || !f.resolved.ok) continue;
      if (!read.ok) {
        if (read.reason === 'outside' || read.reason === 'skipped') continue;
        const near = read.reason === 'missing' ? nearPath(ctx.ws, ctx.doc, f) : undefined;
        const what = read.reason === 'missing' ? 'does not exist' : `cannot be read${read.message ? ` (${read.message})` : ''}`;
        const fixes: FixData[] = near ? [{ kind: 'replace', span: f.span, text: near, title: `Change to ${near}` }] : [];
        ctx.report({ code: 'source-file-missing', span: f.span, message: `${f.owner}: \`${f.kind}: ${f.written}\` ${what} (looked for ${f.resolved.path}${near ? `; did you mean ${near}?` : ''})`, fixes });
        continue;
      }
      if (f.kind !== 'bibliography') continue;
      const bib = ctx.ws.bibliography(f.resolved.path);
      if (!bib || bib.errors.length === 0) continue;
      const entries = `${bib.entries.size} entr${bib.entries.size === 1 ? 'y' : 'ies'} read`;
      const elsewhere = listedElsewhere(ctx.ws, ctx.doc, f, 'source-file-missing');
      if (elsewhere) {
        const count = `${bib.errors.length} problem${bib.errors.length === 1 ? '' : 's'}`;
        ctx.report({ code: 'source-file-missing', span: f.span, message: `${f.owner}: bibliography ${f.written} cannot be fully parsed (${count}, listed on ${elsewhere.path}); ${entries}`, related: [{ ...elsewhere, message: `the problems of ${f.resolved.path}` }] });
        continue;
      }
      const lines = new LineIndex(read.text);
      const first = bib.errors[0];
      const pos = lines.position(first.offset);
      const more = bib.errors.length > 1 ? ` (and ${bib.errors.length - 1} more problem${bib.errors.length > 2 ? 's' : ''})` : '';
      ctx.report({
        code: 'source-file-missing',
        span: f.span,
        message: `${f.owner}: bibliography ${f.written} cannot be fully parsed: ${f.resolved.path}:${pos.line + 1}:${pos.character + 1}: ${first.message}${more}; ${entries}`,
        related: bib.errors.slice(0, 20).map((e) => ({ path: f.resolved.ok ? f.resolved.path : '', span: { start: e.offset, end: e.offset + 1 }, message: e.message })),
      });
    }
  },
};

/**
 * The path as written with each name that is not in its folder replaced by the one name there it
 * is a slip of (case, a letter or so), folder by folder: `Sources/ref.bib` → `sources/refs.bib`.
 * Only the names after the last `..` or `.` are corrected (those before lead to the document's
 * own folders). Undefined when a name has no such match, or more than one.
 */
function nearPath(ws: Workspace, doc: KentDocument, f: LocalFile): string | undefined {
  const parts = f.written.trim().split(/[/\\]/);
  let first = parts.length;
  while (first > 0 && !['', '.', '..'].includes(parts[first - 1]!)) first--;
  const base = ws.resolvePath(doc, [...parts.slice(0, first), '.'].join('/'));
  if (!base.ok || first === parts.length) return undefined;
  const fixed = parts.slice(0, first);
  let dir = base.path;
  for (let i = first; i < parts.length; i++) {
    const listing = ws.listFolder(dir);
    if (!listing.ok) return undefined;
    const last = i === parts.length - 1;
    const names = listing.entries.filter((e) => e.folder !== last).map((e) => e.name);
    const name = names.includes(parts[i]!) ? parts[i] : nearestName(parts[i]!, names);
    if (name === undefined) return undefined;
    fixed.push(name);
    dir = posix.join(dir, name);
  }
  const near = fixed.join('/');
  return near === f.written.trim() ? undefined : near;
}

/** The one name within a slip of `typed`: the same but for case, else a few letters apart (a quarter of its length). */
function nearestName(typed: string, names: readonly string[]): string | undefined {
  const lower = typed.toLowerCase();
  let best: string | undefined;
  let bestDistance = Math.max(1, Math.floor(typed.length / 4)) + 1;
  let ties = 0;
  for (const name of names) {
    // Lengths further apart than the slip allowed: no need to measure (a name of 100,000 characters against a folder's).
    if (Math.abs(name.length - typed.length) >= bestDistance) continue;
    const d = distance(lower, name.toLowerCase());
    if (d < bestDistance) [best, bestDistance, ties] = [name, d, 0];
    else if (d === bestDistance) ties++;
  }
  return ties === 0 ? best : undefined;
}
