// Folding ranges (0-based lines): multi-line blocks, heading sections, runs of comment lines. Pure.
import type { KentDocument } from '../model';
import { LineIndex } from '../text';

export interface FoldingRangeEntry {
  startLine: number;
  endLine: number;
  kind?: 'comment' | 'region';
}

export function foldingRanges(doc: KentDocument): FoldingRangeEntry[] {
  const index = new LineIndex(doc.text);
  const lineText = (n: number) => {
    const s = index.lineSpan(n);
    return doc.text.slice(s.start, s.end).replace(/^\uFEFF/, '');
  };
  const out: FoldingRangeEntry[] = [];

  for (const item of doc.items) {
    const start = index.position(item.span.start).line;
    const end = index.position(item.span.end).line;
    if (end > start) out.push({ startLine: start, endLine: end });
  }

  // A heading's section runs to the line before the next heading of the same or a higher level
  // (or the end of the document), trailing blank lines left out.
  const headings = doc.headings.map((h) => ({ level: h.level, line: index.position(h.span.start).line }));
  // The next heading of the same or a higher level, for every heading in one pass (a stack of open
  // sections): searching forward from each heading was quadratic, 36 s for 31,000 headings.
  const nextLine: Array<number | undefined> = [];
  const openSections: number[] = [];
  headings.forEach((h, i) => {
    while (openSections.length && headings[openSections[openSections.length - 1]].level >= h.level) nextLine[openSections.pop()!] = h.line;
    openSections.push(i);
  });
  headings.forEach((h, i) => {
    const next = nextLine[i];
    let end = next !== undefined ? next - 1 : index.lineCount - 1;
    while (end > h.line && lineText(end).trim() === '') end--;
    if (end > h.line) out.push({ startLine: h.line, endLine: end });
  });

  let run = -1;
  for (let n = 0; n <= index.lineCount; n++) {
    const comment = n < index.lineCount && lineText(n).trimStart().startsWith('//');
    if (comment && run === -1) run = n;
    if (!comment && run !== -1) {
      if (n - 1 > run) out.push({ startLine: run, endLine: n - 1, kind: 'comment' });
      run = -1;
    }
  }
  return out.sort((a, b) => a.startLine - b.startLine || b.endLine - a.endLine);
}
