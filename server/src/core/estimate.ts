// What probability an item asserts: its declared likelihood, else the estimative words of its
// statement, else (for a judgment or claim stated flatly) fact.
import { endsBefore, isValidDate } from './attributes';
import { FACT, findEstimativeWords, formatInterval, lookupTerm, type EstimativeWord, type Interval, type ScaleName } from './estimative';
import type { Item, KentDocument } from './model';
import type { LocatedItem } from './wsindex';

/**
 * The year of the document's assessment `date:` ("2024-09" → 2024): a year before it is past, so
 * "In 2022 Europe could still buy gas" is past ability, not a hedge. Undefined without one.
 */
export function assessmentYear(doc: KentDocument): number | undefined {
  const date = assessmentDate(doc);
  const year = date === undefined ? undefined : YEAR_OF_DATE.exec(date);
  return year ? Number(year[1]) : undefined;
}

const YEAR_OF_DATE = /^(\d{4})(?:-|$)/;

/** The document's assessment `date:` as written. */
export function assessmentDate(doc: KentDocument): string | undefined {
  return doc.assessment?.attributes.find((a) => a.name === 'date')?.value;
}

/**
 * The assessment's date, when `item` was resolved strictly before it: a judgment made after its
 * outcome was known is no forecast (`invalid-value`, and left out of calibration).
 */
export function resolvedBeforeWritten(doc: KentDocument, item: Item): string | undefined {
  const resolved = item.resolved?.date;
  const written = assessmentDate(doc)?.trim();
  if (!resolved || !written || !isValidDate(resolved) || !isValidDate(written)) return undefined;
  return endsBefore(resolved, written) ? written : undefined;
}

/**
 * The estimative words of a text of `doc` (an item's statement, a paragraph), read as of its
 * assessment's year: every reader (checks, hover, hints, fixes, similarity) goes through here, so
 * that a "could" one calls past ability no other calls a hedge. The reader keeps its scans per year.
 */
export function wordsIn(doc: KentDocument, text: string, scale: ScaleName): readonly EstimativeWord[] {
  return findEstimativeWords(text, scale, assessmentYear(doc));
}

export interface Estimate {
  interval: Interval;
  /** How the estimate reads: "likely", "70%", "stated as fact". */
  label: string;
  /** Where it comes from, for messages. */
  from: 'likelihood' | 'statement' | 'fact';
}

/** The interval of a declared likelihood, or undefined when it is not a term of the scale. */
export function declaredInterval(item: Item, scale: ScaleName): Interval | undefined {
  const l = item.likelihood;
  if (!l) return undefined;
  if (l.percent) return l.percent.lo <= l.percent.hi && l.percent.lo >= 0 && l.percent.hi <= 1 ? l.percent : undefined;
  return lookupTerm(l.text, scale)?.interval;
}

export function estimateOf({ doc, item }: LocatedItem, scale: ScaleName): Estimate | undefined {
  if (item.kind !== 'judgment' && item.kind !== 'claim') return undefined;
  if (item.likelihood) {
    const interval = declaredInterval(item, scale);
    return interval && { interval, label: item.likelihood.text, from: 'likelihood' };
  }
  const words = wordsIn(doc, item.statement, scale);
  const term = words.find((w) => w.kind === 'term');
  if (term?.term) return { interval: term.term.interval, label: term.text.replace(/\s+/g, ' '), from: 'statement' };
  if (words.length) return undefined; // hedged without a probability: nothing to compare
  return { interval: FACT, label: 'stated as fact', from: 'fact' };
}

/** "likely (55–80%)" / "stated as fact (95–100%)"; a percentage is shown once ("70%", "60–75%"). */
export function describeEstimate(e: Estimate): string {
  const interval = formatInterval(e.interval);
  return isPercentLabel(e, interval) ? interval : `${e.label} (${interval})`;
}

/** "likely, 55–80%": for use inside parentheses after a name; a percentage is shown once. */
export function briefEstimate(e: Estimate | undefined): string {
  if (!e) return 'no estimate';
  const interval = formatInterval(e.interval);
  return isPercentLabel(e, interval) ? interval : `${e.label}, ${interval}`;
}

/** Whether the label is a declared percentage that says what its interval says ("60-75%" and 60–75%). */
function isPercentLabel(e: Estimate, interval: string): boolean {
  if (e.from !== 'likelihood' || !e.label.endsWith('%')) return false;
  const bare = (s: string) => s.replace(/[\s%]/g, '').replace(/[-\u2013\u2014]/g, '-');
  return bare(e.label) === bare(interval);
}
