// `unused-source`: a source block nothing in the workspace cites.
import type { CheckContext } from './context';

export function unusedSource(ctx: CheckContext): void {
  for (const item of ctx.doc.items) {
    if (item.kind !== 'source' || ctx.ws.citationCount(item.id) > 0) continue;
    ctx.report({ code: 'unused-source', span: item.idSpan, message: `source ${item.id} is not cited anywhere in the workspace` });
  }
}
