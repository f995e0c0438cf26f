// Which attributes each block takes (language brief §1.3).
import type { BlockKind } from './model';
import type { FixData, Span } from './types';

const ESTIMATE = ['likelihood', 'confidence', 'because', 'against', 'assumes', 'same-as', 'negates', 'contradicts', 'revises'];

export const ALLOWED_ATTRIBUTES: Record<BlockKind, readonly string[]> = {
  assessment: ['date', 'author', 'bibliography', 'status', 'supersedes'],
  judgment: [...ESTIMATE, 'resolved'],
  claim: ESTIMATE,
  assumption: ['confidence'],
  evidence: ['source', 'quote', 'locator', 'credibility', 'date'],
  source: ['author', 'date', 'url', 'file', 'reliability', 'origin', 'kind'],
};

/** Every attribute name of the language: an indented `name:` line with one of these is an attribute. */
/**
 * A value's last line when it is one word that begins a name the block takes: the next attribute
 * being typed (`confidence: moderate`, then `  be` on the way to `because:`), which the language
 * reads as part of the value above until its colon comes. `offset`: where the word starts in the value.
 */
export function nameBeingTyped(value: string, kind: BlockKind): { word: string; names: string[]; offset: number } | undefined {
  const nl = value.lastIndexOf('\n');
  if (nl === -1) return undefined;
  const line = value.slice(nl + 1);
  const word = line.trim();
  if (!/^[a-z][a-z-]*$/.test(word)) return undefined;
  const names = ALLOWED_ATTRIBUTES[kind].filter((n) => n.startsWith(word));
  return names.length ? { word, names, offset: nl + 1 + line.indexOf(word) } : undefined;
}

/** *Change to `confidence:`*, one for each name a half-typed word (at `word`) may become: the word alone changes, the value above it stays. */
export function nameFixes(names: readonly string[], word: Span): FixData[] {
  return names.map((n) => ({ kind: 'replace', span: word, text: `${n}:`, title: `Change to \`${n}:\`` }));
}

export const KNOWN_ATTRIBUTES: ReadonlySet<string> = new Set(Object.values(ALLOWED_ATTRIBUTES).flat());

/** Attributes that may appear more than once in a block. */
export const REPEATABLE: ReadonlySet<string> = new Set(['bibliography']);

export const CONFIDENCE_LEVELS = ['low', 'moderate', 'high'] as const;
export type ConfidenceLevel = (typeof CONFIDENCE_LEVELS)[number];

/** Admiralty (NATO) source reliability and information credibility codes. */
export const RELIABILITY: Record<string, string> = {
  A: 'completely reliable',
  B: 'usually reliable',
  C: 'fairly reliable',
  D: 'not usually reliable',
  E: 'unreliable',
  F: 'reliability cannot be judged',
};
export const CREDIBILITY: Record<string, string> = {
  '1': 'confirmed by other sources',
  '2': 'probably true',
  '3': 'possibly true',
  '4': 'doubtful',
  '5': 'improbable',
  '6': 'truth cannot be judged',
};
export const RELIABILITY_CODES: readonly string[] = Object.keys(RELIABILITY);
export const STATUSES = ['draft', 'final'] as const;

/**
 * An enumerated value as Kent reads it: one of `valid` written in any case (`High`, `b`,
 * `Draft`) is that value, so every check, hover and report sees one spelling; anything else stays
 * as written, for invalid-value to name.
 */
export function canonicalValue(value: string, valid: readonly string[]): string {
  if (valid.includes(value)) return value;
  const lower = value.toLowerCase();
  return valid.find((v) => v.toLowerCase() === lower) ?? value;
}

/** A date as Kent takes it: `YYYY`, `YYYY-MM` or `YYYY-MM-DD`, with a real month and day. */
export const VALID_DATE = /^\d{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?)?$/;

/**
 * Whether valid date `a` ends before valid date `b` begins: read at the coarser of the two, so
 * `2025-10` is before `2025-11-05`, but `2025` is not before `2025-11` (it may be December).
 */
export function endsBefore(a: string, b: string): boolean {
  const n = Math.min(a.length, b.length);
  return a.slice(0, n) < b.slice(0, n);
}

/** A date as Kent takes it, whose day is in its month: not 2024-02-30 nor 2023-02-29. */
export function isValidDate(text: string): boolean {
  if (!VALID_DATE.test(text)) return false;
  const [year, month, day] = text.split('-').map(Number);
  if (day === undefined) return true;
  // Day 0 of the next month is the last day of this one (UTC, so no time zone shifts it).
  return day <= new Date(Date.UTC(year, month, 0)).getUTCDate();
}
