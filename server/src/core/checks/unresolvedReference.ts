// `unresolved-reference`: a ref, `@key` or `[[ID]]` that names nothing in the workspace.
import { posix } from 'node:path';
import { deriveCandidates, nearestValue } from '../estimative';
import type { BlockKind, Item, ItemRef, KentDocument, Ref, SourceRef } from '../model';
import type { Code, FixData, Span } from '../types';
import { reparseOf } from '../parser';
import { proseMeeting, type Check, type CheckContext } from './context';

const STATEMENTS: ReadonlySet<BlockKind> = new Set(['judgment', 'claim', 'assumption']);

export const unresolvedReference: Check = {
  item(ctx, it) {
    const where = `${it.kind} ${it.id}`;
    const { item, source } = resolvers(ctx);
    // An item does not support itself (that is circular-support): "did you mean" never names it.
    const other = (t: Item) => t !== it;
    for (const list of [it.because, it.against]) {
      for (const ref of list) {
        if (ref.type === 'source') source(ref, where);
        else item(ref, where, supportKindOf(ctx.doc, ref.id), true, list, other);
      }
    }
    it.assumes.forEach((r) => item(r, where, 'assumption', false, it.assumes, (t) => t.kind === 'assumption'));
    // A relation links two statements: "did you mean" names neither the item itself nor evidence or a source.
    const statement = (t: Item) => t !== it && STATEMENTS.has(t.kind);
    it.contradicts.forEach((r) => item(r, where, 'claim', false, it.contradicts, statement));
    it.links.forEach((r) => item(r, where, supportKindOf(ctx.doc, r.id)));
    for (const r of [it.sameAs, it.negates, it.revises]) if (r) item(r, where, 'claim', false, [], statement);
    if (it.source) source(it.source, where);
    for (const c of it.citations) c.refs.forEach((r) => source(r, where));
    for (const s of it.supersedes) if (ctx.ws.documentsNamed(s.id).length === 0) noAssessment(ctx, s.id, s.span, (near) => near, where, (a) => a !== ctx.doc.assessment?.id);
  },
  text(ctx, range) {
    const { item, source } = resolvers(ctx);
    for (const p of proseMeeting(ctx.doc, range)) {
      p.links.forEach((r) => item(r, 'link', supportKindOf(ctx.doc, r.id)));
      for (const c of p.citations) c.refs.forEach((r) => source(r, 'citation'));
    }
  },
};

/**
 * A document's item IDs, one list per version (so "did you mean" reads them once), and the same
 * list as the last version's while its IDs are the same: most keystrokes change none, and a new
 * list would make "did you mean" normalize every ID again. When a few IDs changed (an ID being
 * typed), the new list's normal forms are derived from the last one's.
 */
const ids = new WeakMap<KentDocument, string[]>();
const lastIds = new Map<string, { doc: KentDocument; list: string[] }>();
function idsOf(doc: KentDocument): string[] {
  let list = ids.get(doc);
  if (!list) {
    const last = lastIds.get(doc.path);
    const changed = last && last.list.length === doc.items.length ? changedAt(last, doc) : undefined;
    if (changed?.length === 0) list = last!.list;
    else {
      list = doc.items.map((i) => i.id);
      if (changed) deriveCandidates(last!.list, list, changed);
    }
    ids.set(doc, list);
    lastIds.set(doc.path, { doc, list });
  }
  return list;
}

/**
 * Positions where `doc`'s item IDs differ from the last list (same length), or undefined past a
 * few. A version parsed against that list's names only the items it replaced: the rest, in a
 * large document thousands, are not read again.
 */
function changedAt(last: { doc: KentDocument; list: string[] }, doc: KentDocument): number[] | undefined {
  const reparse = reparseOf(doc);
  const [, , a0, a1] = reparse?.previous === last.doc ? reparse.items : [0, 0, 0, doc.items.length];
  const out: number[] = [];
  for (let i = a0; i < a1; i++) if (doc.items[i]!.id !== last.list[i] && out.push(i) > 8) return undefined;
  return out;
}

/** Kent's own prefixes of the kinds a missing support is created as (a judgment's stub would be an unsupported-claim error: a claim it is). */
const SUPPORT_PREFIX: Readonly<Record<string, BlockKind>> = { C: 'claim', A: 'assumption', E: 'evidence' };
const STUB_KINDS: ReadonlySet<BlockKind> = new Set(Object.values(SUPPORT_PREFIX));
const NUMBERED = /^([A-Za-z]+[-_]?)\d+$/;

/**
 * The kind of block a missing support ID names, for the "Create" fix: the kind most of the
 * document's claims, assumptions and evidence numbered with its prefix are (`E4` beside evidence
 * E1–E3), else the kind Kent's own prefixes give (`E`, `A`, `C`), else a claim.
 */
function supportKindOf(doc: KentDocument, id: string): BlockKind {
  const prefix = NUMBERED.exec(id)?.[1];
  if (prefix === undefined) return 'claim';
  return kindsByPrefix(doc).get(prefix) ?? SUPPORT_PREFIX[prefix] ?? 'claim';
}

/**
 * For each ID prefix of a document's claims, assumptions and evidence, the kind most of them are
 * (the first to reach that count, on a tie): read once per document version, as every support
 * ref asks, and 10,000 claims each citing one had each counted all 10,000 again.
 */
function kindsByPrefix(doc: KentDocument): Map<string, BlockKind> {
  const known = KINDS_BY_PREFIX.get(doc);
  if (known) return known;
  const counts = new Map<string, Map<BlockKind, number>>();
  for (const i of doc.items) {
    const prefix = STUB_KINDS.has(i.kind) ? NUMBERED.exec(i.id)?.[1] : undefined;
    if (prefix === undefined) continue;
    const byKind = counts.get(prefix) ?? counts.set(prefix, new Map()).get(prefix)!;
    byKind.set(i.kind, (byKind.get(i.kind) ?? 0) + 1);
  }
  const most = new Map<string, BlockKind>();
  for (const [prefix, byKind] of counts) most.set(prefix, [...byKind].sort((a, b) => b[1] - a[1])[0]![0]);
  KINDS_BY_PREFIX.set(doc, most);
  return most;
}
const KINDS_BY_PREFIX = new WeakMap<KentDocument, Map<string, BlockKind>>();

/**
 * An assessment ID that names no document (`supersedes: bloom-202`, `bloom-202/KJ1`): the nearest
 * assessment ID of the workspace that `accepts` is suggested, and `fix` writes the ref with it.
 */
function noAssessment(ctx: CheckContext, id: string, span: Span, fix: (near: string) => string, where: string, accepts: (aid: string) => boolean): void {
  // A command line given files alone read those: the document may be beside them, unread.
  const only = ctx.ws.checkedOnly;
  const unread = only?.unread(id);
  if (unread) {
    ctx.report({ code: 'unresolved-reference', span, message: `${where}: no assessment named ${id} among the documents checked (${unread} is ${id}, not among the files checked; run \`kent check\` on the folder, or add --root .)` });
    return;
  }
  const near = nearestValue(id, ctx.ws.assessmentIds(), accepts);
  ctx.report({
    code: 'unresolved-reference',
    span,
    message: `${where}: no assessment named ${id} ${only ? 'among the documents checked' : 'in the workspace'}${near ? ` (did you mean ${fix(near)}?)` : ''}`,
    fixes: near ? [{ kind: 'replace', span, text: fix(near), title: `Change to ${fix(near)}` }] : [],
  });
}

/**
 * A key that is an entry of a bibliography another assessment names, but not this one: the
 * analyst cited it as the other documents do. Reported as such, with the fix that names that
 * bibliography here, rather than a "did you mean" some other key. True when reported.
 */
function inOtherBibliography(ctx: CheckContext, ref: SourceRef, where: string): boolean {
  const { ws, doc } = ctx;
  const bib = ws.bibliographyWithKey(ref.key);
  if (bib === undefined) return false;
  const rel = posix.relative(posix.dirname(doc.path), bib);
  const a = doc.assessment;
  ctx.report({
    code: 'unresolved-reference',
    span: ref.span,
    message: `${where}: ${ref.key} is an entry of ${bib}, which ${a ? 'this assessment does not name' : 'this document, with no assessment, cannot name'} in \`bibliography:\``,
    fixes: a ? [{ kind: 'insert-lines', offset: a.span.end, text: `\n  bibliography: ${rel}`, title: `Add \`bibliography: ${rel}\`` }] : [],
  });
  return true;
}

/**
 * A key not found while the assessment's bibliography could not be read, or only in part: the
 * key may well be in it, so the file is what to fix, not the key (no "did you mean", no stub).
 * When Kent knows which entries a parse error skipped, only those keys are so reported, and a
 * key of none of them is an ordinary typo. The bibliography's own diagnostic says why it was not
 * read. True when reported.
 */
function inUnreadBibliography(ctx: CheckContext, ref: SourceRef, where: string): boolean {
  const unread = unreadBibliography(ctx, ref.key);
  if (!unread) return false;
  const missed = unread.entry
    ? `its entry in ${unread.written} does not parse and was skipped (the bibliography's ${unread.code} says why): fix the entry, not the key`
    : `the assessment's bibliography ${unread.written} ${unread.how} (its own ${unread.code} says why): fix the bibliography, not the key`;
  ctx.report({
    code: 'unresolved-reference',
    span: ref.span,
    message: `${where}: no source ${ref.key} in this document or ${lookedIn(ctx)}, and ${missed}`,
    fixes: [],
  });
  return true;
}

/**
 * The first of the assessment's bibliographies that was not read in full where `key` may be: what
 * happened to it, the code that reports it, and whether its entry of that key is the one skipped.
 */
function unreadBibliography(ctx: CheckContext, key: string): { written: string; how: string; code: Code; entry?: true } | undefined {
  const { ws, doc } = ctx;
  for (const bib of doc.assessment?.bibliography ?? []) {
    const outside = { written: bib.path, how: 'could not be read', code: 'path-outside-workspace' as const };
    const resolved = ws.resolvePath(doc, bib.path);
    if (!resolved.ok) return outside;
    const read = ws.readFile(resolved.path);
    if (!read.ok) {
      if (read.reason === 'outside') return outside;
      // Not read by choice (an untrusted workspace): no diagnostic says why, and no key is the wrong one.
      if (read.reason === 'skipped') continue;
      return { written: bib.path, how: 'could not be read', code: 'source-file-missing' };
    }
    const parsed = ws.bibliography(resolved.path);
    if (!parsed?.errors.length) continue;
    // Every entry skipped is known by its key: one of another key was read or is in no entry at all.
    if (parsed.skipped && !parsed.skipped.has(key)) continue;
    return { written: bib.path, how: 'could not be fully parsed', code: 'source-file-missing', ...(parsed.skipped ? { entry: true as const } : {}) };
  }
  return undefined;
}

/** Report a ref (`item`) or source ref (`source`) that resolves to nothing, with a fix where one is likely. */
function resolvers(ctx: CheckContext) {
  const { ws, doc } = ctx;
  const stub = (kind: BlockKind, id: string): FixData[] => [
    { kind: 'insert-lines', offset: doc.source.length, text: `${doc.source.charCodeAt(doc.source.length - 1) === 10 ? '' : '\n'}\n${kind} ${id}: TODO\n`, title: `Create ${kind} ${id}` },
  ];
  /**
   * `list`: the refs written beside this one, which a suggestion must not repeat; `accepts`: the
   * items the ref may name (an `assumes` names assumptions), which alone a suggestion may be.
   */
  const item = (ref: ItemRef, where: string, stubKind: BlockKind, sourceFallback = false, list: readonly Ref[] = [], accepts: (target: Item) => boolean = () => true) => {
    if (ws.resolveItem(doc, ref)) return;
    if (sourceFallback && ref.doc === undefined && ws.resolveSource(doc, ref.id)) return;
    if (ref.doc !== undefined && ref.doc !== doc.assessment?.id && ws.documentsNamed(ref.doc).length === 0) {
      // Only an assessment whose item of that ID may stand here: `h5n1-b/C3` does not become a `h5n1-a/C3` that does not exist.
      const holds = (aid: string) =>
        !list.some((r) => r !== ref && r.type === 'item' && r.doc === aid && r.id === ref.id) &&
        ws.documentsNamed(aid).some((d) => {
          const target = ws.itemIn(d, ref.id);
          return target !== undefined && accepts(target);
        });
      noAssessment(ctx, ref.doc, ref.span, (near) => `${near}/${ref.id}`, where, holds);
      return;
    }
    // Another document's item: the nearest ID of that document (of all of them, if two share its name: a duplicate-id error).
    const others = ref.doc !== undefined && ref.doc !== doc.assessment?.id ? ws.documentsNamed(ref.doc) : [];
    const ids = others.length > 1 ? others.flatMap(idsOf) : idsOf(others[0] ?? doc);
    let nearId = nearestValue(ref.id, ids);
    const taken = (id: string) => list.some((r) => r !== ref && r.type === 'item' && r.id === id && r.doc === ref.doc);
    const fits = (id: string) =>
      (others.length ? others : [doc]).some((d) => {
        const target = ws.itemIn(d, id);
        return target !== undefined && accepts(target);
      });
    // Any ID first (the common case), then only those that may stand here when it may not.
    if (nearId !== undefined && (taken(nearId) || !fits(nearId))) nearId = nearestValue(ref.id, ids, (id) => !taken(id) && fits(id));
    const near = (ref.doc === undefined ? elsewhere(ref, list, accepts) : undefined) ?? (nearId === undefined ? undefined : ref.doc !== undefined ? `${ref.doc}/${nearId}` : nearId);
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
  /**
   * A bare ID that names no item here but exactly the one of one other assessment: the item was
   * moved there (its block cut and pasted into another document), and `doc/ID` is what was meant,
   * however near a local ID is. Two or more assessments with it: no guess.
   */
  const elsewhere = (ref: ItemRef, list: readonly Ref[], accepts: (target: Item) => boolean): string | undefined => {
    // One pass over the documents, no list of IDs sorted: a workspace mid-refactor has thousands of such refs.
    let aid: string | undefined;
    for (const d of ws.documents()) {
      const id = d.assessment?.id;
      if (d === doc || id === undefined || id === doc.assessment?.id || id === aid) continue;
      const target = ws.itemIn(d, ref.id);
      if (target === undefined || !accepts(target)) continue;
      if (aid !== undefined) return undefined;
      aid = id;
    }
    if (aid === undefined) return undefined;
    return list.some((r) => r !== ref && r.type === 'item' && r.doc === aid && r.id === ref.id) ? undefined : `${aid}/${ref.id}`;
  };
  // The keys this document can cite, read once per run and only when a key resolves to nothing.
  let keys: string[] | undefined;
  const source = (ref: SourceRef, where: string) => {
    if (ws.resolveSource(doc, ref.key)) return;
    if (inOtherBibliography(ctx, ref, where)) return;
    if (inUnreadBibliography(ctx, ref, where)) return;
    const near = nearestValue(ref.key, (keys ??= ws.sourceKeys(doc)));
    ctx.report({
      code: 'unresolved-reference',
      span: ref.span,
      message: `${where}: no source ${ref.key} in this document, ${lookedIn(ctx)} or the assessment's bibliography${near ? ` (did you mean ${near}?)` : ''}`,
      fixes: [...(near ? [{ kind: 'replace' as const, span: ref.span, text: near, title: `Change to ${near}` }] : []), ...stub('source', ref.key)],
    });
  };
  return { item, source };
}

/** Where else a source was looked for: the workspace, or, for a command line given files alone, the documents it checked. */
function lookedIn(ctx: CheckContext): string {
  return ctx.ws.checkedOnly ? 'the other documents checked' : 'the workspace';
}
