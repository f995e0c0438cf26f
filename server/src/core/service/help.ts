// What each block, attribute and confidence level is for, in a line: shown by completion and by
// hovering the keyword, the attribute name or the value. Pure.
import type { BlockKind } from '../model';

export const ATTRIBUTE_HELP: Record<string, string> = {
  date: 'a date: YYYY, YYYY-MM or YYYY-MM-DD',
  author: 'who wrote it',
  bibliography: 'a .bib or CSL .json file, relative to this document',
  status: 'draft or final',
  supersedes: 'assessment IDs this one replaces',
  likelihood: 'an estimative term or a percentage',
  confidence: 'low, moderate or high',
  because: 'support: item IDs, @keys, [@key, p. 3]',
  against: 'counter-evidence: item IDs, @keys',
  assumes: 'assumption IDs it depends on',
  'same-as': 'one item: the same proposition',
  negates: 'one item: the negation of this one',
  contradicts: 'items this one knowingly disputes',
  revises: 'one item (usually earlier) estimated anew',
  resolved: 'true or false, optionally with a date',
  source: 'the source key (required)',
  quote: 'the quoted passage, in double quotes',
  locator: 'where in the source, e.g. p. 14',
  credibility: '1–6 (information credibility)',
  url: 'an http(s) link to the source',
  file: 'a local copy of the source, relative to this document',
  reliability: 'A–F (source reliability)',
  origin: 'where the source gets its information (same origin = not independent)',
  kind: 'what sort of source it is',
};

export const BLOCK_HELP: Record<BlockKind, string> = {
  assessment: 'The document: its ID names it in the workspace. At most one, first.',
  judgment: 'A key judgment: give it a likelihood, a confidence and support.',
  claim: 'A claim that supports judgments.',
  assumption: 'An assumption judgments depend on (`assumes:`).',
  evidence: 'A piece of evidence from a source (`source:` is required).',
  source: 'A source, with its reliability (A–F).',
};

export const CONFIDENCE_MEANING: Record<string, string> = {
  low: 'scant, questionable or fragmented information; the judgment leans on assumptions',
  moderate: 'credibly sourced and plausible, but not corroborated enough for high confidence',
  high: 'well-corroborated information from reliable, independent sources (it can still be wrong)',
};
