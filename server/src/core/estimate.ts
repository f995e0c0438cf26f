// What probability an item asserts: its declared likelihood, else the estimative words of its
// statement, else (for a judgment or claim stated flatly) fact.
import { FACT, findEstimativeWords, formatInterval, lookupTerm, type Interval, type ScaleName } from './estimative';
import type { Item } from './model';

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

export function estimateOf(item: Item, scale: ScaleName): Estimate | undefined {
  if (item.kind !== 'judgment' && item.kind !== 'claim') return undefined;
  if (item.likelihood) {
    const interval = declaredInterval(item, scale);
    return interval && { interval, label: item.likelihood.text, from: 'likelihood' };
  }
  const words = findEstimativeWords(item.statement, scale);
  const term = words.find((w) => w.kind === 'term');
  if (term?.term) return { interval: term.term.interval, label: term.text.replace(/\s+/g, ' '), from: 'statement' };
  if (words.length) return undefined; // hedged without a probability: nothing to compare
  return { interval: FACT, label: 'stated as fact', from: 'fact' };
}

/** "likely (55–80%)" / "stated as fact (95–100%)". */
export function describeEstimate(e: Estimate): string {
  return `${e.label} (${formatInterval(e.interval)})`;
}

/** "likely, 55–80%": for use inside parentheses after a name. */
export function briefEstimate(e: Estimate | undefined): string {
  return e ? `${e.label}, ${formatInterval(e.interval)}` : 'no estimate';
}
