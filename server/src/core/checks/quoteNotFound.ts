// `quote-not-found`: an evidence quote that is not in its source's local file.
import { quoteIn } from '../quote';
import type { Check } from './context';

export const quoteNotFound: Check = {
  item(ctx, item) {
    // An empty quote is invalid-value: there is nothing to look for.
    if (item.kind !== 'evidence' || !item.quote?.text.trim() || !item.source) return;
    const source = ctx.ws.resolveSource(ctx.doc, item.source.key);
    if (source?.kind !== 'block' || !source.item.file) return;
    const path = ctx.ws.resolvePath(source.doc, source.item.file.path);
    if (!path.ok) return;
    const read = ctx.ws.readFile(path.path);
    if (!read.ok) return; // reported on the source as source-file-missing or path-outside-workspace
    if (quoteIn(read.text, item.quote.text)) return;
    ctx.report({
      code: 'quote-not-found',
      span: item.quote.span,
      message: `evidence ${item.id}: the quote is not in ${path.path}, the local copy of ${source.key} (case and spacing are ignored, curly and straight quote marks match each other; mark omissions with [...])`,
      related: [{ path: source.doc.path, span: source.item.file.span, message: `file of source ${source.key}` }],
    });
  },
};
