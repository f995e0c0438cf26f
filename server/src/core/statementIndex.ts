// An inverted index of the propositions of judgments and claims, kept up to date one document
// at a time, to find statements in other documents that say nearly the same thing. The token
// sets find the similar ones fast; which of them are reported, and in which order, is what a
// probe of each statement's rarest tokens (the search this index began with) finds.
import type { ScaleName } from './estimative';
import type { Touched } from './change';
import { assessmentYear } from './estimate';
import type { Item, KentDocument } from './model';
import { reparseOf } from './parser';
import { minimumOverlap, numberedProposition, type NumberedProposition, type Proposition } from './similarity';
import { TokenSetIndex, holds, sortAscending } from './tokenSetIndex';
import type { LocatedItem } from './wsindex';

export interface Statement {
  at: LocatedItem;
  prop: Proposition;
  /** The proposition's tokens as ascending ids of this index: compared without string work. */
  ids: Int32Array;
  /** Where the token sets hold it, or -1 when it is not indexed. */
  slot: number;
  /** When it entered the index: the order the search has always met candidates in. */
  seq: number;
  /** Its similar statements, as of generation `similarAsOf` of the index (0: never searched). */
  similar: readonly Statement[];
  similarAsOf: number;
}

/** A rare token shared by more statements than this says little about sameness: not probed. */
const COMMON_TOKEN = 500;

export class StatementIndex {
  private readonly byDoc = new Map<KentDocument, Statement[]>();
  /** Per token number (see numberedProposition), its id in this index + 1 (0: none yet). Ids are given in the order tokens are met. */
  private idOfNumber = new Int32Array(1024);
  private tokens = 0;
  private readonly sets = new TokenSetIndex<Statement>();
  /** Documents as numbers for the token sets, by path: the index holds one version of a path at a time. */
  private readonly docNumbers = new Map<string, number>();
  private docs = 0;
  private posted = 0;
  /** Bumped whenever a statement enters or leaves the index: cached similar lists then expire. */
  private generation = 1;

  constructor(private scale: ScaleName) {}

  /** Propositions depend on the scale's words: a new scale re-reads every document. */
  setScale(scale: ScaleName): void {
    if (scale === this.scale) return;
    this.scale = scale;
    this.propositions.clear();
    const docs = [...this.byDoc.keys()];
    docs.forEach((d) => this.remove(d));
    docs.forEach((d) => this.add(d));
  }

  add(doc: KentDocument): void {
    const list = this.read(doc);
    list.forEach((st) => this.post(st));
    this.byDoc.set(doc, list);
  }

  /**
   * A new version of a document: statements whose item and wording are unchanged stay in the
   * index (moved to the new version), so an edit that rewords nothing keeps every cached pairing.
   */
  replace(before: KentDocument, after: KentDocument): void {
    const old = this.byDoc.get(before);
    // Without an assessment ID a document's statements cannot be named, so they do not pair; a
    // new assessment year may read any statement's "could" anew (past ability or a hedge).
    if (!old || !after.assessment || before.assessment?.id !== after.assessment.id || assessmentYear(before) !== assessmentYear(after)) {
      this.remove(before);
      this.add(after);
      return;
    }
    const reparse = reparseOf(after);
    const list: Statement[] = [];
    if (reparse?.previous === before) this.replaceTouched(old, before, after, reparse.items, list);
    else this.matchAll(old, after, after.items, list);
    this.byDoc.delete(before);
    this.byDoc.set(after, list);
  }

  /**
   * A version parsed against the previous one: the items outside the blocks it re-parsed are the
   * same blocks, only the touched ones are matched by ID and wording. Proportional to the
   * statements, with no lookup built: this runs on every keystroke.
   */
  private replaceTouched(old: Statement[], before: KentDocument, after: KentDocument, [b0, b1, a0, a1]: Touched, list: Statement[]): void {
    let s = 0;
    // Before the change: item i of both versions. The old list follows the old items' order.
    for (let i = 0; i < b0 && s < old.length; i++) if (old[s].at.item === before.items[i]) list.push(this.moved(old[s++], after, after.items[i]));
    const touched: Statement[] = [];
    for (let i = b0; i < b1 && s < old.length; i++) if (old[s].at.item === before.items[i]) touched.push(old[s++]);
    this.matchAll(touched, after, after.items.slice(a0, a1), list);
    for (let i = b1; i < before.items.length && s < old.length; i++) if (old[s].at.item === before.items[i]) list.push(this.moved(old[s++], after, after.items[i - b1 + a1]));
  }

  /**
   * The statements of `items`, reusing those of `old` stating the same (the rest leave the index),
   * onto `list`. By ID, then the first with the same wording: no key built or hashed from the statement.
   */
  private matchAll(old: Statement[], after: KentDocument, items: readonly Item[], list: Statement[]): void {
    const kept = new Map<string, Statement[]>();
    for (const st of old) {
      const same = kept.get(st.at.item.id);
      if (same) same.push(st);
      else kept.set(st.at.item.id, [st]);
    }
    const asOf = assessmentYear(after);
    for (const item of items) {
      if (item.kind !== 'judgment' && item.kind !== 'claim') continue;
      const same = takeSame(kept.get(item.id), item.statement);
      if (same) {
        list.push(this.moved(same, after, item));
        continue;
      }
      const st = this.statement(after, item, asOf);
      if (!st) continue;
      this.post(st);
      list.push(st);
    }
    for (const rest of kept.values()) rest.forEach((st) => this.unpost(st));
  }

  /**
   * A statement kept, now of the new version (documents are numbered by path: its number stays).
   * Its location is its own, so it moves in place: no object per statement per keystroke.
   */
  private moved(st: Statement, doc: KentDocument, item: Item): Statement {
    st.at.doc = doc;
    st.at.item = item;
    return st;
  }

  private post(st: Statement): void {
    st.seq = ++this.posted;
    st.slot = this.sets.add(st.ids, this.docNumber(st.at.doc), st);
    this.generation++;
  }

  private unpost(st: Statement): void {
    this.sets.remove(st.slot);
    st.slot = -1;
    this.generation++;
  }

  private docNumber(doc: KentDocument): number {
    let n = this.docNumbers.get(doc.path);
    if (n === undefined) this.docNumbers.set(doc.path, (n = ++this.docs));
    return n;
  }

  /** The statements of a document that can pair across documents (it needs an assessment ID to be named). */
  private read(doc: KentDocument): Statement[] {
    if (!doc.assessment) return [];
    const out: Statement[] = [];
    const asOf = assessmentYear(doc);
    for (const item of doc.items) {
      if (item.kind !== 'judgment' && item.kind !== 'claim') continue;
      const st = this.statement(doc, item, asOf);
      if (st) out.push(st);
    }
    return out;
  }

  /** The statement of `item`, its estimative words read as of `asOf`, the year of `doc`'s assessment. */
  private statement(doc: KentDocument, item: Item, asOf: number | undefined): Statement | undefined {
    const { prop, numbers } = this.propositionOf(item.statement, asOf);
    return prop.tokens.length ? { at: { doc, item }, prop, ids: this.idsOf(numbers), slot: -1, seq: 0, similar: NONE, similarAsOf: 0 } : undefined;
  }

  /**
   * Propositions by assessment year and statement text: an edit re-reads only the statements it
   * changed. Keyed by the text itself, as the estimative reader's scans are: no key built per call.
   */
  private readonly propositions = new Map<number | undefined, Map<string, NumberedProposition>>();

  /** How many statements' propositions are kept (the long-session bench watches it). */
  propositionCount(): number {
    let n = 0;
    for (const byText of this.propositions.values()) n += byText.size;
    return n;
  }

  private propositionOf(statement: string, asOf: number | undefined): NumberedProposition {
    let byText = this.propositions.get(asOf);
    if (!byText) this.propositions.set(asOf, (byText = new Map()));
    let prop = byText.get(statement);
    if (!prop) {
      if (byText.size >= 200_000) byText.clear();
      prop = numberedProposition(statement, this.scale, asOf);
      byText.set(statement, prop);
    }
    return prop;
  }

  /**
   * A statement's proposition, read once per wording as the index's own are: a quick fix compares
   * an item with every statement of its document each time the editor asks for code actions.
   */
  proposition(statement: string, scale: ScaleName, asOf: number | undefined): Proposition {
    return scale === this.scale ? this.propositionOf(statement, asOf).prop : numberedProposition(statement, scale, asOf).prop;
  }

  private idsOf(numbers: readonly number[]): Int32Array {
    const ids = new Int32Array(numbers.length);
    for (let i = 0; i < numbers.length; i++) {
      const n = numbers[i];
      while (n >= this.idOfNumber.length) {
        const more = new Int32Array(2 * this.idOfNumber.length);
        more.set(this.idOfNumber);
        this.idOfNumber = more;
      }
      if (this.idOfNumber[n] === 0) this.idOfNumber[n] = ++this.tokens;
      ids[i] = this.idOfNumber[n] - 1;
    }
    return sortAscending(ids);
  }

  remove(doc: KentDocument): void {
    (this.byDoc.get(doc) ?? []).forEach((st) => this.unpost(st));
    this.byDoc.delete(doc);
    // None of its statements is posted any more: a document renamed again and again keeps no number per name.
    this.docNumbers.delete(doc.path);
  }

  statementsOf(doc: KentDocument): readonly Statement[] {
    return this.byDoc.get(doc) ?? [];
  }

  /** Statements in other documents similar to `st`. */
  similarTo(st: Statement): readonly Statement[] {
    if (st.similarAsOf !== this.generation) {
      st.similar = this.search(st);
      st.similarAsOf = this.generation;
    }
    return st.similar;
  }

  private search(st: Statement): readonly Statement[] {
    const probe = this.probe(st.ids);
    // An indexed statement's ranked tokens are at hand in its slot.
    // A statement of a document no longer indexed (a check of a version just replaced) numbers none: 0 is no document's.
    const found = this.sets.search(st.ids, this.docNumbers.get(st.at.doc.path) ?? 0, probe, st.slot);
    return found.length ? inProbeOrder(probe, found) : NONE;
  }

  /**
   * What a similar statement must share with one of `ids`, and in which order reports name them:
   * its |A| − overlap + 1 tokens held by fewest statements (ties by id) — the rarest, which any
   * similar statement shares one of — less those held by more than COMMON_TOKEN.
   */
  private probe(ids: Int32Array): number[] {
    const { sets } = this;
    const rarest: number[] = [];
    for (let i = 0; i < ids.length; i++) {
      const t = ids[i];
      const count = sets.count(t);
      let at = i;
      for (; at > 0 && sets.count(rarest[at - 1]) > count; at--) rarest[at] = rarest[at - 1];
      rarest[at] = t;
    }
    let kept = 0;
    for (let i = 0; i < ids.length - minimumOverlap(ids.length) + 1; i++) if (sets.count(rarest[i]) <= COMMON_TOKEN) rarest[kept++] = rarest[i];
    rarest.length = kept;
    return rarest;
  }

  /** Statements of other documents similar to what `item` (of any version of `doc`) states. */
  partnersOfItem(doc: KentDocument, item: Item): readonly Statement[] {
    if (!doc.assessment || (item.kind !== 'judgment' && item.kind !== 'claim')) return [];
    const st = this.statement(doc, item, assessmentYear(doc));
    return st ? this.search(st).filter((p) => p.at.doc.path !== doc.path) : [];
  }

  /** Statements of other documents similar to any statement of `doc`, indexed or not (a former version). */
  partnersOf(doc: KentDocument): Statement[] {
    return (this.byDoc.get(doc) ?? this.read(doc)).flatMap((st) => this.similarTo(st));
  }
}

/** What a search that finds nothing returns: shared, never written to. */
const NONE: readonly Statement[] = Object.freeze([]);

/**
 * Similar statements in the order a probe of `probe` meets them: by the first token of it they
 * hold, then by document path and place, as a fresh index posts them (files listed in order). Not
 * as posted: a statement cut and pasted back is posted anew, and would move behind the others.
 */
function inProbeOrder(probe: number[], similar: Statement[]): Statement[] {
  const met = similar.map((other) => ({ other, at: probe.findIndex((t) => holds(other.ids, t)) }));
  return met.sort((a, b) => a.at - b.at || asListed(a.other, b.other)).map((m) => m.other);
}

function asListed(a: Statement, b: Statement): number {
  const [p, q] = [a.at.doc.path, b.at.doc.path];
  return p < q ? -1 : p > q ? 1 : a.at.item.span.start - b.at.item.span.start || a.seq - b.seq;
}

/** The first of `list` stating `statement`, taken out of it. */
function takeSame(list: Statement[] | undefined, statement: string): Statement | undefined {
  const at = list?.findIndex((st) => st.at.item.statement === statement) ?? -1;
  return list && at !== -1 ? list.splice(at, 1)[0] : undefined;
}
