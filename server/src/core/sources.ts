// What Kent knows of a resolved source, whether a `source` block or a bibliography entry.
import type { KentDocument } from './model';
import { LineIndex } from './text';
import type { ResolvedSource } from './workspace';

export interface SourceFacts {
  key: string;
  title?: string;
  author?: string;
  date?: string;
  url?: string;
  /** `A`–`F`, or undefined when unrated (counts as F). */
  reliability?: string;
  /** Sources sharing an origin are not independent; a source without one is its own. */
  origin: string;
  kind?: string;
}

export function sourceFacts(s: ResolvedSource): SourceFacts {
  if (s.kind === 'bibliography') {
    const e = s.entry;
    // Title, author, date and URL read through: a check that weighs ratings need not decode them (see `BibEntry`).
    return {
      key: s.key,
      get title() {
        return e.title;
      },
      get author() {
        return e.author;
      },
      get date() {
        return e.date;
      },
      get url() {
        return e.url;
      },
      reliability: e.reliability?.trim().toUpperCase(),
      origin: e.origin ?? s.key,
      kind: e.kind,
    };
  }
  const attr = (name: string) => s.item.attributes.find((a) => a.allowed && a.name === name)?.value;
  return {
    key: s.key,
    title: s.item.statement.replace(/\s+/g, ' ').trim(),
    author: attr('author'),
    date: attr('date'),
    url: attr('url'),
    reliability: s.item.reliability?.value,
    origin: s.item.origin ?? s.key,
    kind: attr('kind'),
  };
}

/**
 * What two sources share when they share an origin: the origin as typed by hand in two places
 * ("Interior Ministry", "interior  ministry", "Interior Ministry.", a value over two lines, an
 * accent composed or not) is one origin.
 */
export function originOf(f: SourceFacts): string {
  return f.origin.normalize('NFC').replace(/\s+/g, ' ').trim().replace(/[\s.,;]+$/, '').toLowerCase();
}

/** Whether a rating is at least as good as `worst` (A best, F worst; unrated is F). */
export function ratedAtLeast(reliability: string | undefined, worst: string): boolean {
  const r = reliability && /^[A-F]$/.test(reliability) ? reliability : 'F';
  return r <= worst;
}

/**
 * The 1-based lines on which `doc`'s prose cites each source key (or `key` alone), each line
 * once, in order: who cites a source counts these beside the items that cite it. Lines are
 * counted only for a document that cites one: a hover asks this of every document.
 */
export function proseCitationLines(doc: KentDocument, key?: string): Map<string, number[]> {
  const out = new Map<string, number[]>();
  let lines: LineIndex | undefined;
  for (const p of doc.prose) {
    for (const c of p.citations) {
      for (const r of c.refs) {
        if (key !== undefined && r.key !== key) continue;
        const line = (lines ??= new LineIndex(doc.source)).position(r.span.start).line + 1;
        const list = out.get(r.key);
        if (!list) out.set(r.key, [line]);
        else if (list[list.length - 1] !== line) list.push(line);
      }
    }
  }
  return out;
}

/** "line 4", "lines 3, 9", "lines 3, 9, 14, 20, 31, 40 and 2 more". */
export function linesSaid(lines: readonly number[]): string {
  const shown = lines.slice(0, 6).join(', ');
  return `${lines.length === 1 ? 'line' : 'lines'} ${shown}${lines.length > 6 ? ` and ${lines.length - 6} more` : ''}`;
}
