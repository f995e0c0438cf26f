// Checking as the analyst types. What the checks found is kept per document and item; an edit
// moves what it did not touch along with the text, and re-checks only the items whose findings
// it may change: the items it touched, whatever names, cites, pairs with or stands on them (in
// any document), and whatever they name in turn. A full rebuild would find the same.
import { touchedBySpan, type Change } from './change';
import { changeOf, reparseOf } from './parser';
import { assessmentDate, assessmentYear } from './estimate';
import { nearestValue } from './estimative';
import { diagnosticsOf, findAgain, findAll, type Checked, type DocumentFindings, type Found, type Made } from './analyze';
import { Silenced } from './checks/unusedIgnore';
import type { Item, ItemRef, KentDocument, Ref } from './model';
import { meets, proseMeeting } from './checks/context';
import type { Source } from './source';
import { keepsLines } from './text';
import type { FixData, KentDiagnostic, RelatedInfo, Span } from './types';
import { relationRefs, silencesInAssessment, BIBLIOGRAPHY_CODES, type LocatedItem, type RefEntry, type Workspace } from './workspace';

/** What to re-check in a document: the items with these IDs (none: only re-publish what moved), or all of it. */
export type Scope = Set<string> | 'all';

export class IncrementalChecker {
  private readonly found = new Map<string, DocumentFindings>();
  /** Text (outside items) to re-check per document, in its current version. */
  private readonly dirty = new Map<string, Span[]>();
  /** For each path, the documents whose findings point into it. */
  private readonly pointingInto = new Map<string, Set<string>>();
  private readonly pointsInto = new Map<string, Set<string>>();
  /** What was made of each finding, under the current rules. */
  private made: Made = { diagnostic: new WeakMap(), look: new WeakMap() };
  /** The last diagnostics made of each document, and the version they are of: hover and completion read them. */
  private readonly last = new Map<string, { doc: KentDocument; checked: Checked }>();

  constructor(private readonly ws: Workspace) {}

  /** Forget everything found (the rules changed: kent.json, the editor's settings, a bibliography). */
  clear(): void {
    this.found.clear();
    this.dirty.clear();
    this.pointingInto.clear();
    this.pointsInto.clear();
    this.last.clear();
    this.made = { diagnostic: new WeakMap(), look: new WeakMap() };
  }

  /** The diagnostics of `doc`, re-checking `scope` of what was found before (all of it when nothing is kept). */
  diagnostics(doc: KentDocument, scope: Scope): KentDiagnostic[] {
    let found = this.found.get(doc.path);
    if (!found || found.doc !== doc || scope === 'all') found = findAll(this.ws, doc);
    else findAgain(this.ws, found, scope, paragraphsAround(doc, this.dirty.get(doc.path) ?? []));
    this.dirty.delete(doc.path);
    this.found.set(doc.path, found);
    this.notePointers(found);
    const silenced = new Silenced();
    const diagnostics = diagnosticsOf(this.ws, found, this.made, silenced);
    this.last.set(doc.path, { doc, checked: { diagnostics, silenced } });
    return diagnostics;
  }

  /**
   * What the last `diagnostics` of `doc` made, if of this very version; none once the rules
   * changed. Whether an edit elsewhere has yet to re-check it is for the caller to know.
   */
  checked(doc: KentDocument): Checked | undefined {
    const last = this.last.get(doc.path);
    return last?.doc === doc ? last.checked : undefined;
  }

  /**
   * What `d` (a diagnostic this checker returned) looks like in an editor: the same object for
   * two diagnostics shown alike, at the same line and column, with the same words, related
   * locations and severity, until the rules change (`clear`). An edit that moves a finding within
   * the text, but not to another line or column, keeps its look: converted once, it is shown
   * again as it was.
   */
  lookOf(d: KentDiagnostic): object {
    return this.made.look.get(d) ?? d;
  }

  /**
   * A document changed from `before` to `after` (either may be absent: added, removed). Move
   * what was found with the text, and say what to re-check where: by path, a scope.
   */
  changed(before: KentDocument | undefined, after: KentDocument | undefined): Map<string, Scope> {
    const out = new Map<string, Scope>();
    const path = (after ?? before)!.path;
    if (!before || !after || namesDiffer(before, after) || assessmentYear(before) !== assessmentYear(after)) {
      // Its names changed (or it came or went), or its assessment's year, which reads each "could"
      // of it anew (past ability or a hedge), and so its estimates: whatever depends on it re-checks in full.
      for (const p of [path, ...(this.pointingInto.get(path) ?? [])]) out.set(p, 'all');
      for (const d of this.ws.affectedBy(before, after)) out.set(d.path, 'all');
      for (const d of this.ratedAlike(before, after)) out.set(d.path, 'all');
      // Which document lists a shared bibliography's problems (the first to name it) may have changed.
      for (const d of this.namingBibliographiesOf(before, after)) add(out, d.path, d.assessment!.id);
      for (const v of [before, after]) if (v) this.namedBy(v, out);
      if (!after) this.forget(path);
      this.didYouMeanEverywhere(out);
      return out;
    }
    const w = changeOf(before, after);
    out.set(path, new Set());
    this.move(path, before, after, w, out);
    // A date within the year re-reads no "could", only whether each judgment was resolved before it.
    if (assessmentDate(before) !== assessmentDate(after)) for (const item of after.items) if (item.resolved?.date) add(out, path, item.id);
    // The parser knows which parts it replaced; else (or for a text not parsed from the previous one) the spans tell.
    const reparse = reparseOf(after);
    const [items, prose] = reparse?.previous === before ? [reparse.items, reparse.prose] : [touchedBySpan(before.items, after.items, w), touchedBySpan(before.prose, after.prose, w)];
    const touched = [...before.items.slice(items[0], items[1]).map((item) => ({ doc: before, item })), ...after.items.slice(items[2], items[3]).map((item) => ({ doc: after, item }))];
    for (const t of touched) add(out, path, t.item.id);
    if (idsDiffer(touched)) this.didYouMeanAfterIds(after, touched, out);
    this.bareRefsElsewhere(after, touched, out);
    this.refsIntoNoDocument(touched, out);
    this.dependents(after, touched, out);
    for (const p of [...before.prose.slice(prose[0], prose[1]), ...after.prose.slice(prose[2], prose[3])]) {
      for (const ref of [...p.links, ...p.citations.flatMap((c) => c.refs)]) this.targets(after, ref, out, false);
    }
    return out;
  }

  /**
   * Documents that rate a key of the bibliographies of either version (in their own
   * bibliographies or `source` blocks): `inconsistent-source-rating` compares them.
   */
  private ratedAlike(before: KentDocument | undefined, after: KentDocument | undefined): KentDocument[] {
    const keys = new Set([before, after].flatMap((d) => (d ? this.ws.entryKeys(d) : [])));
    if (keys.size === 0) return [];
    const out = new Set(this.ws.documentsWithEntries(keys));
    for (const key of keys) for (const b of this.ws.sourceBlocks(key)) out.add(b.doc);
    return [...out];
  }

  /** Documents that name a bibliography either version names. */
  private namingBibliographiesOf(before: KentDocument | undefined, after: KentDocument | undefined): KentDocument[] {
    const named = new Set([before, after].flatMap((d) => (d ? this.ws.bibliographyPaths(d) : [])));
    if (named.size === 0) return [];
    return this.ws.documents().filter((d) => this.ws.bibliographyPaths(d).some((p) => named.has(p)));
  }

  /** Everything whose findings may read what `touched` items were or are, added to `out`. */
  private dependents(current: KentDocument, touched: LocatedItem[], out: Map<string, Scope>): void {
    const { ws } = this;
    const standing: LocatedItem[] = [];
    const referrer = (e: RefEntry) => {
      add(out, e.doc.path, e.item?.id);
      if (!e.item) this.markText(e.doc.path, e.ref.span);
      if (e.item && standsOn(e.item, e.ref)) standing.push({ doc: e.doc, item: e.item });
    };
    for (const t of touched) {
      // What names it: resolution, estimates, kinds and support read through the name.
      ws.refsNaming(t).forEach(referrer);
      if (t.item.kind === 'source') {
        const { keyed, bare } = ws.refsToKey(t.item.id);
        [...keyed, ...bare].forEach(referrer);
        for (const b of ws.sourceBlocks(t.item.id)) add(out, b.doc.path, b.item.id);
      }
      // What it names: citations are counted, and pairs seen, from their side too.
      const relations = new Set<Ref>(relationsOf(t.item));
      for (const ref of relationRefs(t.item)) this.targets(current, ref, out, relations.has(ref));
      // Statements like it elsewhere (possible contradictions).
      for (const p of ws.statements.partnersOfItem(t.doc, t.item)) add(out, p.at.doc.path, p.at.item.id);
    }
    // Grounding, cycles and the sources under a confidence travel up chains of support.
    const seen = new Set<Item>();
    while (standing.length) {
      const at = standing.pop()!;
      if (seen.has(at.item)) continue;
      seen.add(at.item);
      for (const e of ws.refsNaming(at)) if (e.item && standsOn(e.item, e.ref)) referrer(e);
    }
  }

  /**
   * What a version of a document that came, went or was renamed names, seen from the other
   * side: a source it cites is used or unused now, a `same-as` pair is reported on both items.
   */
  private namedBy(doc: KentDocument, out: Map<string, Scope>): void {
    for (const item of doc.items) {
      const relations = new Set<Ref>(relationsOf(item));
      for (const ref of relationRefs(item)) this.targets(doc, ref, out, relations.has(ref));
    }
    for (const p of doc.prose) for (const ref of [...p.links, ...p.citations.flatMap((c) => c.refs)]) this.targets(doc, ref, out, false);
  }

  /**
   * What a ref of `doc` may reach and whose findings read it: sources (they count the refs that
   * cite them) and, for a relation (`same-as`, `negates`, …), the item it names (pairs and
   * possible contradictions are seen from both sides).
   */
  private targets(doc: KentDocument, ref: Ref, out: Map<string, Scope>, relation: boolean): void {
    const { ws } = this;
    const reached = (d: KentDocument, id: string) => {
      const item = ws.itemIn(d, id);
      if (item && (relation || item.kind === 'source')) add(out, d.path, id);
    };
    if (ref.type === 'source' || ref.doc === undefined) {
      const key = ref.type === 'source' ? ref.key : ref.id;
      for (const b of ws.sourceBlocks(key)) add(out, b.doc.path, b.item.id);
      reached(doc, key);
    } else {
      for (const d of ws.documentsNamed(ref.doc)) reached(d, ref.id);
    }
  }

  /**
   * IDs came or went: the "did you mean" of an unresolved ref may change in any document (another
   * document's items, source keys and assessment IDs are suggested too).
   */
  private didYouMeanEverywhere(out: Map<string, Scope>): void {
    for (const path of this.found.keys()) if (out.get(path) !== 'all') this.didYouMean(path, out);
  }

  /**
   * Item IDs of `doc` came or went: the "did you mean" of a ref that names no item of it may
   * change — its own refs, and those `doc/ID` refs of other documents that an ID typed or typed
   * away is near enough to be offered to (or was); a source block's key is suggested to any
   * document's source refs. Not every unresolved ref of the workspace: with thousands (a
   * workspace mid-refactor), that cost 150 ms a keystroke.
   */
  private didYouMeanAfterIds(doc: KentDocument, touched: LocatedItem[], out: Map<string, Scope>): void {
    if (touched.some((t) => t.item.kind === 'source')) return this.didYouMeanEverywhere(out);
    if (out.get(doc.path) !== 'all') this.didYouMean(doc.path, out);
    // One list per ID, so that each is read (normalized) once for all the refs.
    const changed = idsChanged(touched).map((id) => [id]);
    for (const e of this.ws.unresolvedRefsInto(doc)) {
      if (out.get(e.doc.path) === 'all' || !changed.some((one) => nearestValue(e.ref.id, one) !== undefined)) continue;
      add(out, e.doc.path, e.item?.id);
      if (!e.item) this.markText(e.doc.path, e.ref.span);
    }
  }

  /**
   * A bare ID of another document that names no item there is offered as `doc/ID` when one other
   * assessment has such an item (of a kind the ref may name): an item with that ID typed, typed
   * away or changed here may change the offer. Only refs with exactly a touched ID are read.
   */
  private bareRefsElsewhere(doc: KentDocument, touched: LocatedItem[], out: Map<string, Scope>): void {
    for (const id of new Set(touched.map((t) => t.item.id))) {
      for (const e of this.ws.refsToKey(id).bare) {
        if (e.doc === doc || out.get(e.doc.path) === 'all' || this.ws.resolveItem(e.doc, e.ref)) continue;
        add(out, e.doc.path, e.item?.id);
        if (!e.item) this.markText(e.doc.path, e.ref.span);
      }
    }
  }

  /**
   * A `doc/ID` naming no document is offered another assessment only where that one has an item
   * of that ID and kind: an item typed, typed away or of another kind now may change the offer.
   * Read only when an ID or a kind changed, not on every keystroke in a statement.
   */
  private refsIntoNoDocument(touched: LocatedItem[], out: Map<string, Scope>): void {
    const ids = kindsChanged(touched);
    if (ids.length === 0) return;
    for (const e of this.ws.refsIntoNoDocument(ids)) {
      if (out.get(e.doc.path) === 'all') continue;
      add(out, e.doc.path, e.item?.id);
      if (!e.item) this.markText(e.doc.path, e.ref.span);
    }
  }

  /** IDs came or went in some document: an unresolved ref's "did you mean" in `path` may change. */
  private didYouMean(path: string, out: Map<string, Scope>): void {
    const found = this.found.get(path);
    if (!found) return;
    for (const [id, list] of found.byId) if (list.some((f) => f.code === 'unresolved-reference')) add(out, path, id);
    for (const f of found.text) {
      if (f.code !== 'unresolved-reference') continue;
      this.markText(path, f.span);
      add(out, path);
    }
  }

  private markText(path: string, span: Span): void {
    const list = this.dirty.get(path);
    if (list) list.push(span);
    else this.dirty.set(path, [span]);
  }

  /**
   * Move what was found in and into `path` along with its text. A finding with an offset inside
   * the changed window cannot be moved: its item is re-checked. A finding moved to another line
   * or column gets a new look (`Found.look`).
   */
  private move(path: string, before: KentDocument, after: KentDocument, change: Change, out: Map<string, Scope>): void {
    const w: Shift = { ...change, limit: lastShownMoved(before.source, after.source, change) };
    const own = this.found.get(path);
    if (own) {
      // forEach, not for…of: no [key, value] pair per item on every keystroke.
      own.byId.forEach((list, id) => {
        const moved = moveAll(list, path, w, true);
        if (moved) own.byId.set(id, moved);
        else add(out, path, id);
      });
      const dirty = (this.dirty.get(path) ?? []).map((r) => moveRange(r, w));
      own.text = own.text.flatMap((f) => {
        const moved = moveFound(f, path, w, true);
        // One that cannot move (a fix at the very end, say) is found again where it now is.
        const at = moved ? undefined : moveSpan(f.span, w);
        if (at) dirty.push(at);
        return moved ?? [];
      });
      // What cannot move is simply found anew: `unused-ignore` is found again in full each time.
      own.unused = own.unused.flatMap((f) => moveFound(f, path, w, true) ?? []);
      own.doc = after;
      const around = blockAround(after.source, w.start, w.endAfter);
      // Some parse problems read the whole document (where the assessment stands, how many there are).
      const whole = parseProblemsMoved(before, after, w, around) ? [] : [{ start: 0, end: after.source.length }];
      this.dirty.set(path, [...dirty, around, ...whole]);
    }
    const { limit } = w;
    for (const other of this.pointingInto.get(path) ?? []) {
      const found = this.found.get(other);
      if (!found) continue;
      // Re-published only when the line or column of a location it points to moved: an edit
      // after them all moves none, and one that keeps the lines moves only those on its own line.
      let moves = false;
      found.byId.forEach((list, id) => {
        const moved = moveAll(list, path, w, false);
        if (moved !== list && list.some((f) => pointsBetween(f, path, w.endBefore, limit))) moves = true;
        if (moved) found.byId.set(id, moved);
        else add(out, other, id);
      });
      found.text = found.text.flatMap((f) => {
        const moved = moveFound(f, path, w, false);
        if (moved !== f && pointsBetween(f, path, w.endBefore, limit)) moves = true;
        if (!moved) this.markText(other, f.span);
        return moved ?? [];
      });
      if (moves) add(out, other);
    }
  }

  private forget(path: string): void {
    this.found.delete(path);
    this.last.delete(path); // its last version and diagnostics: a renamed document would keep one per name
    this.dirty.delete(path);
    for (const target of this.pointsInto.get(path) ?? []) this.pointingInto.get(target)?.delete(path);
    this.pointsInto.delete(path);
  }

  /** Record which other documents a document's findings point into. */
  private notePointers(found: DocumentFindings): void {
    const path = found.doc.path;
    const into = new Set<string>();
    const note = (list: Found[]) => {
      for (const f of list) for (const r of f.related ?? []) if (r.path !== path) into.add(r.path);
    };
    note(found.text);
    for (const list of found.byId.values()) note(list);
    for (const old of this.pointsInto.get(path) ?? []) if (!into.has(old)) this.pointingInto.get(old)?.delete(path);
    for (const p of into) {
      const set = this.pointingInto.get(p);
      if (set) set.add(path);
      else this.pointingInto.set(p, new Set([path]));
    }
    this.pointsInto.set(path, into);
  }
}

function add(out: Map<string, Scope>, path: string, id?: string): void {
  let scope = out.get(path);
  if (scope === 'all') return;
  if (!scope) out.set(path, (scope = new Set()));
  if (id !== undefined) scope.add(id);
}

function relationsOf(item: Item): ItemRef[] {
  return [item.sameAs, item.negates, item.revises, ...item.contradicts].filter((r): r is ItemRef => r !== undefined);
}

/** Whether an item stands on a ref of its own: what the support graph follows. */
function standsOn(item: Item, ref: Ref): boolean {
  if (item.kind === 'evidence') return item.source === ref;
  return item.because.includes(ref) || item.citations.some((c) => (c.refs as Ref[]).includes(ref));
}

/**
 * What other documents resolve a document's names through: its assessment ID, bibliographies,
 * supersedes; and, where it names a bibliography, whether it silences the problems listed on the
 * first document to show them (see `Workspace.bibliographyListedAt`).
 */
function namesDiffer(a: KentDocument, b: KentDocument): boolean {
  const names = (d: KentDocument) => {
    const x = d.assessment;
    const silenced = x?.bibliography.length ? BIBLIOGRAPHY_CODES.map((code) => (silencesInAssessment(d, code) ? 1 : 0)).join('') : '';
    return x ? `${x.id}\n${x.bibliography.map((f) => f.path).join('\n')}\n${x.supersedes.map((s) => s.id).join('\n')}\n${silenced}` : '';
  };
  return names(a) !== names(b);
}

/** Whether the touched items' IDs differ between the two versions. */
function idsDiffer(touched: LocatedItem[]): boolean {
  return idsChanged(touched).length > 0;
}

/** The IDs the touched items of one version have more or fewer of, of some kind, than the other's: typed, typed away, or of another kind now. */
function kindsChanged(touched: LocatedItem[]): string[] {
  const first = touched[0]?.doc;
  const count = new Map<string, { id: string; n: number }>();
  for (const { doc, item } of touched) {
    const key = `${item.kind} ${item.id}`;
    const c = count.get(key) ?? count.set(key, { id: item.id, n: 0 }).get(key)!;
    c.n += doc === first ? 1 : -1;
  }
  return [...count.values()].flatMap((c) => (c.n !== 0 ? [c.id] : []));
}

/** The IDs the touched items of one version have more or fewer of than those of the other: typed, or typed away. */
function idsChanged(touched: LocatedItem[]): string[] {
  const count = new Map<string, number>();
  for (const t of touched) count.set(t.item.id, (count.get(t.item.id) ?? 0) + (t.doc === touched[0].doc ? 1 : -1));
  return [...count].flatMap(([id, n]) => (n !== 0 ? [id] : []));
}


/**
 * The last offset of the old text whose line or column a change moves (positions past it keep
 * both, only their offsets shift): the end of the change's line, or Infinity when the change
 * adds or removes a line break (every line after it moves).
 */
function lastShownMoved(before: Source, after: Source, w: Change): number {
  if (!keepsLines(before, after, w)) return Infinity;
  for (let i = w.endBefore; i < before.length; i++) {
    const c = before.charCodeAt(i);
    if (c === 10 || c === 13) return i;
  }
  return Infinity;
}

/** Whether a finding points to a location in `path` with an end in (after, upTo]. */
function pointsBetween(f: Found, path: string, after: number, upTo: number): boolean {
  const within = (o: number) => o > after && o <= upTo;
  return f.related?.some((r) => r.path === path && (within(r.span.start) || within(r.span.end))) ?? false;
}

/** An offset of the old text in the new one; undefined inside (or at the edge of) the change. */
function moveOffset(o: number, w: Change): number | undefined {
  if (o < w.start) return o;
  if (o > w.endBefore) return o + w.endAfter - w.endBefore;
  return undefined;
}

/** The blocks (runs of lines between blank lines) around a change: what the parser read anew. */
function blockAround(text: Source, start: number, end: number): Span {
  const before = text.lastIndexOf('\n\n', start - 1);
  const after = text.indexOf('\n\n', end);
  return { start: before < 0 ? 0 : before, end: after < 0 ? text.length : after + 2 };
}

/** Whether the parse problems outside the blocks around a change are the old ones, moved. */
function parseProblemsMoved(before: KentDocument, after: KentDocument, w: Change, around: Span): boolean {
  // A problem both versions hold (the same object, moved in place by the parser) is where it should be.
  const inBefore = new Set(before.parseDiagnostics);
  const inAfter = new Set(after.parseDiagnostics);
  const show = (d: { span: Span; message: string }) => `${d.span.start}:${d.span.end}:${d.message}`;
  const old = new Map<string, number>();
  for (const d of before.parseDiagnostics) {
    if (inAfter.has(d)) continue;
    const span = moveSpan(d.span, w);
    if (span && !meets(span, around)) old.set(show({ span, message: d.message }), (old.get(show({ span, message: d.message })) ?? 0) + 1);
  }
  for (const d of after.parseDiagnostics) {
    if (inBefore.has(d) || meets(d.span, around)) continue;
    const n = old.get(show(d));
    if (!n) return false;
    old.set(show(d), n - 1);
  }
  return [...old.values()].every((n) => n === 0);
}

/** A range of the old text in the new one, grown to cover the change where it meets it. */
function moveRange(r: Span, w: Change): Span {
  if (r.end < w.start) return r;
  const delta = w.endAfter - w.endBefore;
  if (r.start > w.endBefore) return { start: r.start + delta, end: r.end + delta };
  return { start: Math.min(r.start, w.start), end: r.end > w.endBefore ? r.end + delta : w.endAfter };
}

/** Ranges grown to the paragraphs they meet (a paragraph's findings read all of it), merged. */
function paragraphsAround(doc: KentDocument, ranges: readonly Span[]): Span[] {
  const grown = ranges.map((r) => {
    let { start, end } = r;
    for (const p of proseMeeting(doc, r)) {
      start = Math.min(start, p.span.start);
      end = Math.max(end, p.span.end);
    }
    return { start, end };
  });
  grown.sort((a, b) => a.start - b.start);
  const out: Span[] = [];
  for (const r of grown) {
    const last = out[out.length - 1];
    if (last && r.start <= last.end) last.end = Math.max(last.end, r.end);
    else out.push({ ...r });
  }
  return out;
}

/** A change as findings move by it: `limit` is the last old offset whose line or column it moves (see `lastShownMoved`). */
interface Shift extends Change {
  limit: number;
}

/** Whether a span of the old text shows at another line or column in the new one. */
function relooks(s: Span, w: Shift): boolean {
  const moves = (o: number) => o > w.endBefore && o <= w.limit;
  return moves(s.start) || moves(s.end);
}

function moveSpan(s: Span, w: Change): Span | undefined {
  const start = moveOffset(s.start, w);
  const end = moveOffset(s.end, w);
  if (start === undefined || end === undefined) return undefined;
  return start === s.start && end === s.end ? s : { start, end };
}

/**
 * The findings with every offset into `path` moved; undefined when one cannot be. `own`: the
 * findings are `path`'s, so their spans and fixes move too (else only related locations into it).
 */
function moveAll(list: Found[], path: string, w: Shift, own: boolean): Found[] | undefined {
  let out: Found[] | undefined;
  for (let i = 0; i < list.length; i++) {
    const moved = moveFound(list[i], path, w, own);
    if (!moved) return undefined;
    if (moved !== list[i]) (out ??= list.slice(0, i)).push(moved);
    else out?.push(moved);
  }
  return out ?? list;
}

/**
 * A finding moved by a change (the same object if nothing in it moves), or undefined if it cannot
 * be: an offset lies in the change. A copy that shows at another line or column gets a new look.
 */
function moveFound(f: Found, path: string, w: Shift, own: boolean): Found | undefined {
  let span = f.span;
  let fixes = f.fixes;
  let relook = false;
  if (own) {
    const s = moveSpan(f.span, w);
    if (!s) return undefined;
    span = s;
    relook = relooks(f.span, w);
    if (f.fixes) {
      const moved = f.fixes.map((fix) => moveFix(fix, w));
      if (moved.includes(undefined)) return undefined;
      if (moved.some((x, i) => x !== f.fixes![i])) fixes = moved as FixData[];
    }
  }
  let related = f.related;
  if (f.related?.some((r) => r.path === path)) {
    const moved: RelatedInfo[] = [];
    for (const r of f.related) {
      const at = r.path === path ? moveSpan(r.span, w) : r.span;
      if (!at) return undefined;
      if (r.path === path && relooks(r.span, w)) relook = true;
      moved.push(at === r.span ? r : { ...r, span: at });
    }
    if (moved.some((r, i) => r !== f.related![i])) related = moved;
  }
  if (span === f.span && fixes === f.fixes && related === f.related && !relook) return f;
  return { ...f, span, ...(fixes ? { fixes } : {}), ...(related ? { related } : {}), ...(relook ? { look: {} } : {}) };
}

function moveFix(fix: FixData, w: Change): FixData | undefined {
  if (fix.kind === 'replace') {
    const at = moveSpan(fix.span, w);
    return at && (at === fix.span ? fix : { ...fix, span: at });
  }
  const at = moveOffset(fix.offset, w);
  return at === undefined ? undefined : at === fix.offset ? fix : { ...fix, offset: at };
}
