// Numbered references for a report: every source a document uses gets one number, in order of
// first use in the document (an inline `[@key]`, a `because:` source, an evidence's `source:`),
// then the document's own `source` blocks that nothing cites. Each number is one entry of the
// source list; a key that names nothing still gets an entry (saying so), so that every
// citation in the report links to an entry.
import type { Item, KentDocument, Ref } from '../model';
import { linesSaid, proseCitationLines, sourceFacts, type SourceFacts } from '../sources';
import type { ResolvedSource, Workspace } from '../workspace';

export interface Reference {
  n: number;
  key: string;
  resolved?: ResolvedSource;
  facts?: SourceFacts;
  /** Items of the document that cite it (IDs), in document order. */
  citedBy: string[];
  /** The lines (1-based) on which the document's prose cites it. */
  proseLines: number[];
}

export interface References {
  list: Reference[];
  /** The number of a source key, or undefined when the document does not use it. */
  numberOf(key: string): number | undefined;
  /** The source key a ref means in this document, if it means a source (`@key`, or a bare key that is no item). */
  keyOf(ref: Ref): string | undefined;
}

export function numberReferences(ws: Workspace, doc: KentDocument): References {
  const byKey = new Map<string, Reference>();
  const inProse = proseCitationLines(doc);
  const list: Reference[] = [];
  const keyOf = (ref: Ref): string | undefined => {
    if (ref.type === 'source') return ref.key;
    const target = ws.resolveItem(doc, ref);
    if (target) return target.item.kind === 'source' ? target.item.id : undefined;
    return ref.doc === undefined ? ref.id : undefined;
  };
  const use = (key: string, by?: string) => {
    let r = byKey.get(key);
    if (!r) {
      const resolved = ws.resolveSource(doc, key);
      r = { n: list.length + 1, key, citedBy: [], proseLines: inProse.get(key) ?? [], ...(resolved ? { resolved, facts: sourceFacts(resolved) } : {}) };
      byKey.set(key, r);
      list.push(r);
    }
    if (by && !r.citedBy.includes(by)) r.citedBy.push(by);
  };

  // Every source use, in document order.
  const uses: Array<{ at: number; key: string; by?: string }> = [];
  for (const p of doc.prose) for (const c of p.citations) for (const ref of c.refs) uses.push({ at: ref.span.start, key: ref.key });
  for (const item of doc.items) {
    if (item.kind === 'assessment' || item.kind === 'source') continue;
    for (const c of item.citations) for (const ref of c.refs) uses.push({ at: ref.span.start, key: ref.key, by: item.id });
    for (const ref of [...item.because, ...item.against]) {
      // A bare ID in `because:` that names no item may still name a source (counted if it resolves).
      const key = keyOf(ref);
      if (key && (ref.type === 'source' || ws.resolveSource(doc, key))) uses.push({ at: ref.span.start, key, by: item.id });
    }
    if (item.source) uses.push({ at: item.source.span.start, key: item.source.key, by: item.id });
  }
  uses.sort((a, b) => a.at - b.at);
  for (const u of uses) use(u.key, u.by);
  for (const item of doc.items) if (item.kind === 'source') use(item.id);

  return { list, numberOf: (key) => byKey.get(key)?.n, keyOf };
}

/** "Cited by KJ1, KJ2, and in the prose (line 4)", the items as the report links them: as a hover says it, within one document. */
export function citedBySaid(items: readonly string[], proseLines: readonly number[]): string | undefined {
  const inProse = proseLines.length ? `in the prose (${linesSaid(proseLines)})` : '';
  if (items.length) return `Cited by ${items.join(', ')}${inProse && `, and ${inProse}`}`;
  return inProse && `Cited ${inProse}`;
}

/** What a report renderer needs of its document: the numbered references and its own items by ID. */
export class ReportContext {
  readonly refs: References;
  readonly local = new Map<string, Item>();
  constructor(
    readonly ws: Workspace,
    readonly doc: KentDocument,
  ) {
    this.refs = numberReferences(ws, doc);
    for (const item of doc.items) if (item.kind !== 'assessment' && !this.local.has(item.id)) this.local.set(item.id, item);
  }
}
