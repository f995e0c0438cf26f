// `duplicate-id`: two items with one ID in a document, or two documents with one assessment ID.
import type { CheckContext } from './context';

export function duplicateId(ctx: CheckContext): void {
  const first = new Map<string, { idSpan: { start: number; end: number } }>();
  for (const item of ctx.doc.items) {
    const earlier = first.get(item.id);
    if (!earlier) {
      first.set(item.id, item);
      continue;
    }
    ctx.report({
      code: 'duplicate-id',
      span: item.idSpan,
      message: `${item.id} is already defined in this document; IDs must be unique within a document`,
      related: [{ path: ctx.doc.path, span: earlier.idSpan, message: `first definition of ${item.id}` }],
    });
  }
  const assessment = ctx.doc.assessment;
  if (!assessment) return;
  const others = ctx.ws.documentsNamed(assessment.id).filter((d) => d !== ctx.doc);
  if (others.length === 0) return;
  ctx.report({
    code: 'duplicate-id',
    span: assessment.idSpan,
    message: `assessment ID ${assessment.id} is also used by ${others.map((d) => d.path).join(', ')}; an assessment ID names one document in the workspace`,
    related: others.map((d) => ({ path: d.path, span: d.assessment!.idSpan, message: `also assessment ${assessment.id}` })),
  });
}
