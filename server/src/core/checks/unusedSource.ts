// `unused-source`: a source block nothing in the workspace cites.
import type { Check } from './context';

export const unusedSource: Check = {
  item(ctx, item) {
    if (item.kind !== 'source' || ctx.ws.citationCount(item.id) > 0) return;
    ctx.report({ code: 'unused-source', span: item.idSpan, message: `source ${item.id} is not cited anywhere in the workspace` });
  },
};
