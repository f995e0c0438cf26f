// What Kent knows of a resolved source, whether a `source` block or a bibliography entry.
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

/** Whether a rating is at least as good as `worst` (A best, F worst; unrated is F). */
export function ratedAtLeast(reliability: string | undefined, worst: string): boolean {
  const r = reliability && /^[A-F]$/.test(reliability) ? reliability : 'F';
  return r <= worst;
}
