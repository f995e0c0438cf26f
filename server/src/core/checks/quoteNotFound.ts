// `quote-not-found`: an evidence quote that is not in its source's local file.
import { findQuote } from '../quote';
import type { CheckContext } from './context';

export function quoteNotFound(ctx: CheckContext): void {
  for (const item of ctx.doc.items) {
    if (item.kind !== 'evidence' || !item.quote || !item.source) continue;
    const source = ctx.ws.resolveSource(ctx.doc, item.source.key);
    if (source?.kind !== 'block' || !source.item.file) continue;
    const path = ctx.ws.resolvePath(source.doc, source.item.file.path);
    if (!path.ok) continue;
    const read = ctx.ws.readFile(path.path);
    if (!read.ok) continue; // reported on the source as source-file-missing or path-outside-workspace
    if (findQuote(read.text, item.quote.text)) continue;
    ctx.report({
      code: 'quote-not-found',
      span: item.quote.span,
      message: `evidence ${item.id}: the quote is not in ${path.path}, the local copy of ${source.key} (compared ignoring case, spacing and quote marks; use [...] for omissions)`,
      related: [{ path: source.doc.path, span: source.item.file.span, message: `file of source ${source.key}` }],
    });
  }
}
