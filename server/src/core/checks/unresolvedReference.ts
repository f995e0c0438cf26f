// `unresolved-reference`: a ref, `@key` or `[[ID]]` that names nothing in the workspace.
import { nearestValue } from '../estimative';
import type { BlockKind, ItemRef, SourceRef } from '../model';
import type { FixData } from '../types';
import type { CheckContext } from './context';

export function unresolvedReference(ctx: CheckContext): void {
  const { ws, doc } = ctx;
  const ids = doc.items.map((i) => i.id);
  const stub = (kind: BlockKind, id: string): FixData[] => [
    { kind: 'insert-lines', offset: doc.text.length, text: `${doc.text.endsWith('\n') ? '' : '\n'}\n${kind} ${id}: TODO\n`, title: `Create ${kind} ${id}` },
  ];
  const item = (ref: ItemRef, where: string, stubKind: BlockKind, sourceFallback = false) => {
    if (ws.resolveItem(doc, ref)) return;
    if (sourceFallback && ref.doc === undefined && ws.resolveSource(doc, ref.id)) return;
    if (ref.doc !== undefined && ref.doc !== doc.assessment?.id && ws.documentsNamed(ref.doc).length === 0) {
      ctx.report({ code: 'unresolved-reference', span: ref.span, message: `${where}: no assessment named ${ref.doc} in the workspace` });
      return;
    }
    const near = ref.doc === undefined ? nearestValue(ref.id, ids) : undefined;
    ctx.report({
      code: 'unresolved-reference',
      span: ref.span,
      message: `${where}: ${ref.doc ? `${ref.doc} has no item ${ref.id}` : `no item ${ref.id} in this document`}${near ? ` (did you mean ${near}?)` : ''}`,
      fixes: [
        ...(near ? [{ kind: 'replace' as const, span: ref.span, text: near, title: `Change to ${near}` }] : []),
        ...(ref.doc === undefined ? stub(stubKind, ref.id) : []),
      ],
    });
  };
  const source = (ref: SourceRef, where: string) => {
    if (ws.resolveSource(doc, ref.key)) return;
    ctx.report({
      code: 'unresolved-reference',
      span: ref.span,
      message: `${where}: no source ${ref.key} in this document, the workspace or the assessment's bibliography`,
      fixes: stub('source', ref.key),
    });
  };
  for (const it of doc.items) {
    const where = `${it.kind} ${it.id}`;
    for (const ref of [...it.because, ...it.against]) {
      if (ref.type === 'source') source(ref, where);
      else item(ref, where, 'claim', true);
    }
    it.assumes.forEach((r) => item(r, where, 'assumption'));
    [...it.contradicts, ...it.links].forEach((r) => item(r, where, 'claim'));
    for (const r of [it.sameAs, it.negates, it.revises]) if (r) item(r, where, 'claim');
    if (it.source) source(it.source, where);
    for (const c of it.citations) c.refs.forEach((r) => source(r, where));
    for (const s of it.supersedes) {
      if (ws.documentsNamed(s.id).length === 0) ctx.report({ code: 'unresolved-reference', span: s.span, message: `${where}: no assessment named ${s.id} in the workspace` });
    }
  }
  for (const p of doc.prose) {
    p.links.forEach((r) => item(r, 'link', 'claim'));
    for (const c of p.citations) c.refs.forEach((r) => source(r, 'citation'));
  }
}
