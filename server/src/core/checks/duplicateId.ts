// `duplicate-id`: two items with one ID in a document, or two documents with one assessment ID.
import type { Check } from './context';

export const duplicateId: Check = {
  item(ctx, item) {
    // The first item of an ID is the one references reach; every later one is the duplicate.
    const first = ctx.ws.itemIn(ctx.doc, item.id) ?? ctx.doc.items.find((i) => i.id === item.id);
    if (first && first !== item) {
      ctx.report({
        code: 'duplicate-id',
        span: item.idSpan,
        message: `${item.id} is already defined in this document; IDs must be unique within a document`,
        related: [{ path: ctx.doc.path, span: first.idSpan, message: `first definition of ${item.id}` }],
      });
    }
    if (item !== ctx.doc.assessment) return;
    const others = ctx.ws.documentsNamed(item.id).filter((d) => d !== ctx.doc);
    if (others.length === 0) return;
    ctx.report({
      code: 'duplicate-id',
      span: item.idSpan,
      message: `assessment ID ${item.id} is also used by ${others.map((d) => d.path).join(', ')}; an assessment ID names one document in the workspace`,
      related: others.map((d) => ({ path: d.path, span: d.assessment!.idSpan, message: `also assessment ${item.id}` })),
    });
  },
};
