// An inverted index of the propositions of judgments and claims, kept up to date one document
// at a time, to find statements in other documents that say nearly the same thing.
import type { ScaleName } from './estimative';
import type { KentDocument } from './model';
import { minimumOverlap, proposition, SIMILAR_THRESHOLD, type Proposition } from './similarity';
import type { LocatedItem } from './wsindex';

export interface Statement {
  at: LocatedItem;
  prop: Proposition;
  /** The proposition's tokens as ascending ids of this index: compared without string work. */
  ids: Int32Array;
  /** The last query that looked at this statement (cheaper than a set of those seen). */
  seenBy: number;
  /** Its similar statements, as of a generation of the index. */
  similar?: { generation: number; list: Statement[] };
}

/** A rare token shared by more statements than this says little about sameness: not probed. */
const COMMON_TOKEN = 500;

export class StatementIndex {
  private readonly byDoc = new Map<KentDocument, Statement[]>();
  private readonly byToken = new Map<number, Set<Statement>>();
  private readonly tokenIds = new Map<string, number>();
  private queries = 0;
  /** Bumped whenever a statement enters or leaves the index: cached similar lists then expire. */
  private generation = 0;

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
    if (!old || !before.assessment !== !after.assessment || before.assessment?.id !== after.assessment?.id) {
      this.remove(before);
      this.add(after);
      return;
    }
    const kept = new Map<string, Statement[]>();
    for (const st of old) {
      const key = st.at.item.id + '\u0000' + st.at.item.statement;
      kept.set(key, [...(kept.get(key) ?? []), st]);
    }
    const list: Statement[] = [];
    for (const item of after.items) {
      if (item.kind !== 'judgment' && item.kind !== 'claim') continue;
      const same = kept.get(item.id + '\u0000' + item.statement)?.shift();
      if (same) {
        same.at = { doc: after, item };
        list.push(same);
        continue;
      }
      const prop = this.propositionOf(item.statement);
      if (!prop.tokens.length) continue;
      const st: Statement = { at: { doc: after, item }, prop, ids: this.idsOf(prop.tokens), seenBy: 0 };
      this.post(st);
      list.push(st);
    }
    for (const rest of kept.values()) rest.forEach((st) => this.unpost(st));
    this.byDoc.delete(before);
    this.byDoc.set(after, list);
  }

  private post(st: Statement): void {
    for (const t of st.ids) {
      const set = this.byToken.get(t);
      if (set) set.add(st);
      else this.byToken.set(t, new Set([st]));
    }
    this.generation++;
  }

  private unpost(st: Statement): void {
    for (const t of st.ids) {
      const set = this.byToken.get(t);
      set?.delete(st);
      if (set?.size === 0) this.byToken.delete(t);
    }
    this.generation++;
  }

  /** The statements of a document that can pair across documents (it needs an assessment ID to be named). */
  private read(doc: KentDocument): Statement[] {
    if (!doc.assessment) return [];
    const out: Statement[] = [];
    for (const item of doc.items) {
      if (item.kind !== 'judgment' && item.kind !== 'claim') continue;
      const prop = this.propositionOf(item.statement);
      if (prop.tokens.length) out.push({ at: { doc, item }, prop, ids: this.idsOf(prop.tokens), seenBy: 0 });
    }
    return out;
  }

  /** Propositions by statement text: an edit re-reads only the statements it changed. */
  private readonly propositions = new Map<string, Proposition>();

  private propositionOf(statement: string): Proposition {
    let prop = this.propositions.get(statement);
    if (!prop) {
      if (this.propositions.size >= 200_000) this.propositions.clear();
      prop = proposition(statement, this.scale);
      this.propositions.set(statement, prop);
    }
    return prop;
  }

  private idsOf(tokens: readonly string[]): Int32Array {
    const ids = new Int32Array(tokens.length);
    tokens.forEach((t, i) => {
      let id = this.tokenIds.get(t);
      if (id === undefined) this.tokenIds.set(t, (id = this.tokenIds.size));
      ids[i] = id;
    });
    return ids.sort();
  }

  remove(doc: KentDocument): void {
    (this.byDoc.get(doc) ?? []).forEach((st) => this.unpost(st));
    this.byDoc.delete(doc);
  }

  statementsOf(doc: KentDocument): readonly Statement[] {
    return this.byDoc.get(doc) ?? [];
  }

  /**
   * Statements in other documents similar to `st`. A similar statement shares at least
   * `minimumOverlap` of `st`'s tokens, so it shares one of the rarest |A| − overlap + 1 of them
   * (prefix filtering): only those tokens' statements are candidates, and rare tokens have few.
   */
  similarTo(st: Statement): Statement[] {
    if (st.similar?.generation === this.generation) return st.similar.list;
    const list = this.search(st);
    st.similar = { generation: this.generation, list };
    return list;
  }

  private search(st: Statement): Statement[] {
    const postings = (t: number) => this.byToken.get(t)?.size ?? 0;
    const probe = [...st.ids].sort((a, b) => postings(a) - postings(b)).slice(0, st.ids.length - minimumOverlap(st.ids.length) + 1);
    const query = ++this.queries;
    // Dice ≥ δ also bounds the other's size: δ|A|/(2 − δ) ≤ |B| ≤ (2 − δ)|A|/δ.
    const shortest = (SIMILAR_THRESHOLD * st.ids.length) / (2 - SIMILAR_THRESHOLD) - 1e-9;
    const longest = ((2 - SIMILAR_THRESHOLD) * st.ids.length) / SIMILAR_THRESHOLD + 1e-9;
    const out: Statement[] = [];
    for (const t of probe) {
      const set = this.byToken.get(t);
      if (!set || set.size > COMMON_TOKEN) continue;
      for (const other of set) {
        if (other.seenBy === query || other.at.doc === st.at.doc) continue;
        other.seenBy = query;
        if (other.ids.length < shortest || other.ids.length > longest) continue;
        if (dice(st.ids, other.ids) >= SIMILAR_THRESHOLD) out.push(other);
      }
    }
    return out;
  }

  /**
   * Statements of other documents like a statement whose wording differs between two versions of
   * a document (old or new wording): the only ones whose pairing with it may have changed.
   */
  changedPartners(before: KentDocument, after: KentDocument): Statement[] {
    const old = new Map(before.items.map((i) => [i.id, i.statement]));
    const changed = after.items.filter((i) => old.get(i.id) !== i.statement);
    const present = new Set(after.items.map((i) => i.id));
    const gone = before.items.filter((i) => !present.has(i.id));
    const ids = new Set([...changed, ...gone].map((i) => i.id));
    if (ids.size === 0) return [];
    const read = (doc: KentDocument) => (this.byDoc.get(doc) ?? this.read(doc)).filter((st) => ids.has(st.at.item.id));
    return [...read(before), ...read(after)].flatMap((st) => this.similarTo(st));
  }

  /** Statements of other documents similar to any statement of `doc`, indexed or not (a former version). */
  partnersOf(doc: KentDocument): Statement[] {
    return (this.byDoc.get(doc) ?? this.read(doc)).flatMap((st) => this.similarTo(st));
  }
}

/** `similarity` on ascending token ids: twice the common ids over the total. */
function dice(a: Int32Array, b: Int32Array): number {
  let common = 0;
  for (let i = 0, j = 0; i < a.length && j < b.length; ) {
    if (a[i] === b[j]) {
      common++;
      i++;
      j++;
    } else if (a[i] < b[j]) i++;
    else j++;
  }
  return (2 * common) / (a.length + b.length);
}
