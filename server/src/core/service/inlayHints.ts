// Inlay hints: the interval of every likelihood, beside the term. After a `likelihood:` term its
// interval ("55–80%"); after a percentage the scale term it falls in ("≈ likely"); after each
// estimative term in statements and prose its interval (after a percentage stated there, "a 70%
// chance", the scale term it falls in). Pure.
import { formatInterval, lookupTerm, scaleName, termFor, termMeaning, type ScaleName, type Term } from '../estimative';
import { wordsIn } from '../estimate';
import type { KentDocument, LikelihoodValue } from '../model';
import type { Span } from '../types';
import type { Workspace } from '../workspace';

export interface InlayHintEntry {
  offset: number;
  label: string;
  tooltip?: string;
}

export function inlayHints(ws: Workspace, doc: KentDocument, range: Span): InlayHintEntry[] {
  const scale = ws.config.scale;
  const out: InlayHintEntry[] = [];
  const inRange = (offset: number) => offset >= range.start && offset <= range.end;
  // `shown`: the label the block's declared likelihood already shows, not repeated beside the
  // statement's word that says the same ("probably" with `likelihood: likely`: 55–80% once).
  const words = (text: string, base: number, shown?: string) => {
    for (const w of wordsIn(doc, text, scale)) {
      if (w.kind !== 'term' || !w.term || !inRange(base + w.end)) continue;
      const hint = wordHint(w.text, w.term, scale);
      if (hint && hint.label !== shown) out.push({ offset: base + w.end, ...hint });
    }
  };
  for (const item of doc.items) {
    if (item.span.end < range.start || item.span.start > range.end) continue;
    const declared = item.likelihood && likelihoodHint(item.likelihood, scale);
    if (item.kind !== 'source' && item.kind !== 'assessment') words(item.statement, item.statementSpan.start, declared?.label);
    if (declared && inRange(item.likelihood!.span.end)) out.push({ offset: item.likelihood!.span.end, ...declared });
  }
  for (const p of doc.prose) {
    if (p.span.end < range.start || p.span.start > range.end) continue;
    words(p.text, p.span.start);
  }
  return out.sort((a, b) => a.offset - b.offset);
}

type Hint = Omit<InlayHintEntry, 'offset'>;

/**
 * Beside an estimative word of running text, its interval; beside a percentage written out ("a
 * 70% chance"), which states its interval, the scale term it falls in, as after `likelihood: 70%`
 * (none when it falls in none).
 */
function wordHint(said: string, term: Term, scale: ScaleName): Hint | undefined {
  if (!/\d/.test(said)) return { label: formatInterval(term.interval), tooltip: `${termMeaning(term)} on the ${scaleName(scale)} scale` };
  const t = termFor(term.interval, scale);
  return t && { label: `\u2248 ${t.canonical}`, tooltip: `${term.canonical} lies within ${termMeaning(t)} on the ${scaleName(scale)} scale` };
}

/** Beside a `likelihood:` term its interval; beside a percentage the scale term it falls in. */
function likelihoodHint(l: LikelihoodValue, scale: ScaleName): Hint | undefined {
  if (l.percent) {
    const t = termFor(l.percent, scale);
    return t && { label: `\u2248 ${t.canonical}`, tooltip: `${l.text} lies within ${termMeaning(t)} on the ${scaleName(scale)} scale` };
  }
  const t = lookupTerm(l.text, scale);
  return t && { label: formatInterval(t.interval), tooltip: `${termMeaning(t)} on the ${scaleName(scale)} scale` };
}

