// `quote-not-found`: an evidence quote that is not in its source's local file.
import { readerExcerpt } from '../htmlText';
import { sourceCopy } from '../localFiles';
import { quoteDivergence, quoteIn, setOff, type QuoteDivergence } from '../quote';
import type { Check } from './context';

export const quoteNotFound: Check = {
  item(ctx, item) {
    // An empty quote is invalid-value: there is nothing to look for.
    if (item.kind !== 'evidence' || !item.quote?.text.trim() || !item.source) return;
    // A file that cannot be read is reported on the source, as source-file-missing or path-outside-workspace.
    const copy = sourceCopy(ctx.ws, ctx.ws.resolveSource(ctx.doc, item.source.key));
    if (!copy || quoteIn(copy.text, item.quote.text)) return;
    const { source, file, path, text } = copy;
    const near = quoteDivergence(text, item.quote.text);
    ctx.report({
      code: 'quote-not-found',
      span: item.quote.span,
      message: `evidence ${item.id}: the quote is not in ${path}, the local copy of ${source.key}${near ? `; ${whereItDeparts(near)}` : ''} (case is ignored, and so are line breaks and runs of spaces; curly and straight quote marks match each other; mark omissions with [...])`,
      related: [
        { path: source.doc.path, span: file.span, message: `file of source ${source.key}` },
        ...(near ? [{ path, span: near.span, message: 'the closest passage' }] : []),
      ],
    });
  },
};

/** The closest passage, said where it parts from the quote: a space, a digit, a word retyped. */
function whereItDeparts(near: QuoteDivergence): string {
  const [source, quote] = [readerExcerpt(near.source), near.quote];
  // Excerpts holding a double quote mark, straight or curly, are set off with other marks: `"""` would say nothing.
  const q = setOff([source, quote], ['"', '"']);
  return near.agreesWithStart
    ? `the file agrees with its start, then has ${q(source)} where the quote has ${q(quote)}`
    : `the file agrees with its end, but before that has ${q(source)} where the quote has ${q(quote)}`;
}
