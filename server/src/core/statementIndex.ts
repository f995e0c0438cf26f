// An inverted index of the propositions of judgments and claims, kept up to date one document
// at a time, to find statements in other documents that say nearly the same thing.
import type { ScaleName } from './estimative';
import type { KentDocument } from './model';
import { proposition, similarity, SIMILAR_THRESHOLD, type Proposition } from './similarity';
import type { LocatedItem } from './wsindex';

export interface Statement {
  at: LocatedItem;
  prop: Proposition;
}

/** A token shared by more statements than this says little about sameness; skip it when pairing. */
const COMMON_TOKEN = 200;

export class StatementIndex {
  private readonly byDoc = new Map<KentDocument, Statement[]>();
  private readonly byToken = new Map<string, Set<Statement>>();

  constructor(private scale: ScaleName) {}

  /** Propositions depend on the scale's words: a new scale re-reads every document. */
  setScale(scale: ScaleName): void {
    if (scale === this.scale) return;
    this.scale = scale;
    const docs = [...this.byDoc.keys()];
    docs.forEach((d) => this.remove(d));
    docs.forEach((d) => this.add(d));
  }

  add(doc: KentDocument): void {
    const list = this.read(doc);
    for (const st of list) {
      for (const t of new Set(st.prop.tokens)) {
        const set = this.byToken.get(t);
        if (set) set.add(st);
        else this.byToken.set(t, new Set([st]));
      }
    }
    this.byDoc.set(doc, list);
  }

  /** The statements of a document that can pair across documents (it needs an assessment ID to be named). */
  private read(doc: KentDocument): Statement[] {
    if (!doc.assessment) return [];
    const out: Statement[] = [];
    for (const item of doc.items) {
      if (item.kind !== 'judgment' && item.kind !== 'claim') continue;
      const prop = proposition(item.statement, this.scale);
      if (prop.tokens.length) out.push({ at: { doc, item }, prop });
    }
    return out;
  }

  remove(doc: KentDocument): void {
    for (const st of this.byDoc.get(doc) ?? []) {
      for (const t of new Set(st.prop.tokens)) {
        const set = this.byToken.get(t);
        set?.delete(st);
        if (set?.size === 0) this.byToken.delete(t);
      }
    }
    this.byDoc.delete(doc);
  }

  statementsOf(doc: KentDocument): readonly Statement[] {
    return this.byDoc.get(doc) ?? [];
  }

  /** Statements in other documents similar to `st`. */
  similarTo(st: Statement): Statement[] {
    const seen = new Set<Statement>();
    const out: Statement[] = [];
    for (const t of new Set(st.prop.tokens)) {
      const set = this.byToken.get(t);
      if (!set || set.size > COMMON_TOKEN) continue;
      for (const other of set) {
        if (seen.has(other) || other.at.doc === st.at.doc) continue;
        seen.add(other);
        if (similarity(st.prop, other.prop) >= SIMILAR_THRESHOLD) out.push(other);
      }
    }
    return out;
  }

  /** Statements of other documents similar to any statement of `doc`, indexed or not (a former version). */
  partnersOf(doc: KentDocument): Statement[] {
    return (this.byDoc.get(doc) ?? this.read(doc)).flatMap((st) => this.similarTo(st));
  }
}
