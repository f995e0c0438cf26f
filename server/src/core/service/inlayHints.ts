// Inlay hints: the interval of every likelihood, beside the term. After a `likelihood:` term its
// interval ("55–80%"); after a percentage the scale term it falls in ("≈ likely"); after each
// estimative term in statements and prose its interval (after a percentage stated there, "a 70%
// chance", the scale term it falls in). Pure.
import { formatInterval, lookupTerm, termFor, termMeaning } from '../estimative';
import { wordsIn } from '../estimate';
import type { KentDocument } from '../model';
import type { Span } from '../types';
import type { Workspace } from '../workspace';

export interface InlayHintEntry {
  offset: number;
  label: string;
  tooltip?: string;
}

export function inlayHints(ws: Workspace, doc: KentDocument, range: Span): InlayHintEntry[] {
  const scale = ws.config.scale;
  const scaleName = scale === 'phia' ? 'PHIA' : 'ICD 203';
  const out: InlayHintEntry[] = [];
  const inRange = (offset: number) => offset >= range.start && offset <= range.end;
  const words = (text: string, base: number) => {
    for (const w of wordsIn(doc, text, scale)) {
      if (w.kind !== 'term' || !w.term || !inRange(base + w.end)) continue;
      if (/\d/.test(w.text)) {
        // A percentage written out ("a 70% chance") states its interval: the hint names the scale
        // term it falls in, as after `likelihood: 70%`, or nothing when it falls in none.
        const t = termFor(w.term.interval, scale);
        if (t) out.push({ offset: base + w.end, label: `\u2248 ${t.canonical}`, tooltip: `${w.term.canonical} lies within ${termMeaning(t)} on the ${scaleName} scale` });
        continue;
      }
      out.push({ offset: base + w.end, label: formatInterval(w.term.interval), tooltip: `${termMeaning(w.term)} on the ${scaleName} scale` });
    }
  };
  for (const item of doc.items) {
    if (item.span.end < range.start || item.span.start > range.end) continue;
    if (item.kind !== 'source' && item.kind !== 'assessment') words(item.statement, item.statementSpan.start);
    const l = item.likelihood;
    if (!l || !inRange(l.span.end)) continue;
    if (l.percent) {
      const t = termFor(l.percent, scale);
      if (t) out.push({ offset: l.span.end, label: `\u2248 ${t.canonical}`, tooltip: `${l.text} lies within ${termMeaning(t)} on the ${scaleName} scale` });
    } else {
      const t = lookupTerm(l.text, scale);
      if (t) out.push({ offset: l.span.end, label: formatInterval(t.interval), tooltip: `${termMeaning(t)} on the ${scaleName} scale` });
    }
  }
  for (const p of doc.prose) {
    if (p.span.end < range.start || p.span.start > range.end) continue;
    words(p.text, p.span.start);
  }
  return out.sort((a, b) => a.offset - b.offset);
}
