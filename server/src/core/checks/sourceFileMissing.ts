// `source-file-missing`: a `file:` or `bibliography:` that does not exist, cannot be read, or
// (for a bibliography) cannot be parsed — the message says where.
import { localFiles, readLocal } from '../localFiles';
import { LineIndex } from '../text';
import type { Check } from './context';

export const sourceFileMissing: Check = {
  item(ctx, item) {
    for (const f of localFiles(ctx.ws, ctx.doc, item)) {
      const read = readLocal(ctx.ws, f);
      if (!read || !f.resolved.ok) continue;
      if (!read.ok) {
        if (read.reason === 'outside' || read.reason === 'skipped') continue;
        const what = read.reason === 'missing' ? 'does not exist' : `cannot be read${read.message ? ` (${read.message})` : ''}`;
        ctx.report({ code: 'source-file-missing', span: f.span, message: `${f.owner}: \`${f.kind}: ${f.written}\` ${what} (looked for ${f.resolved.path})` });
        continue;
      }
      if (f.kind !== 'bibliography') continue;
      const bib = ctx.ws.bibliography(f.resolved.path);
      if (!bib || bib.errors.length === 0) continue;
      const lines = new LineIndex(read.text);
      const first = bib.errors[0];
      const pos = lines.position(first.offset);
      const more = bib.errors.length > 1 ? ` (and ${bib.errors.length - 1} more problem${bib.errors.length > 2 ? 's' : ''})` : '';
      ctx.report({
        code: 'source-file-missing',
        span: f.span,
        message: `${f.owner}: bibliography ${f.written} cannot be fully parsed: ${f.resolved.path}:${pos.line + 1}:${pos.character + 1}: ${first.message}${more}; ${bib.entries.size} entr${bib.entries.size === 1 ? 'y' : 'ies'} read`,
        related: bib.errors.slice(0, 20).map((e) => ({ path: f.resolved.ok ? f.resolved.path : '', span: { start: e.offset, end: e.offset + 1 }, message: e.message })),
      });
    }
  },
};
