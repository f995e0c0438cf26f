// Shared vocabulary of the core: spans, diagnostics, codes. No I/O here.

/** A half-open range of UTF-16 offsets into one document's text. */
export interface Span {
  start: number;
  end: number;
}

export type Severity = 'error' | 'warning' | 'info' | 'hint';
export type SeveritySetting = Severity | 'off';

/** Every diagnostic code Kent reports (docs/checks.md has one entry per code). */
export const CODES = [
  'syntax',
  'unknown-attribute',
  'invalid-value',
  'missing-attribute',
  'duplicate-id',
  'unresolved-reference',
  'unsupported-claim',
  'ungrounded-claim',
  'circular-support',
  'missing-likelihood',
  'missing-confidence',
  'vague-estimate',
  'estimative-mismatch',
  'mixed-likelihood-confidence',
  'overconfident',
  'contradiction',
  'inconsistent-estimate',
  'acknowledged-disagreement',
  'revised-estimate',
  'possible-contradiction',
  'inconsistent-source-rating',
  'quote-not-found',
  'source-file-missing',
  'path-outside-workspace',
  'unused-source',
  'unused-ignore',
  'unindented-attribute',
  'invalid-config',
] as const;
export type Code = (typeof CODES)[number];

export const DEFAULT_SEVERITY: Record<Code, Severity> = {
  syntax: 'error',
  'unknown-attribute': 'error',
  'invalid-value': 'error',
  'missing-attribute': 'error',
  'duplicate-id': 'error',
  'unresolved-reference': 'error',
  'unsupported-claim': 'error', // a judgment; claims are reported as warnings by the check
  'ungrounded-claim': 'warning',
  'circular-support': 'warning',
  'missing-likelihood': 'warning',
  'missing-confidence': 'warning',
  'vague-estimate': 'warning',
  'estimative-mismatch': 'warning',
  'mixed-likelihood-confidence': 'warning',
  overconfident: 'warning',
  contradiction: 'error',
  'inconsistent-estimate': 'warning',
  'acknowledged-disagreement': 'info',
  'revised-estimate': 'info',
  'possible-contradiction': 'hint',
  'inconsistent-source-rating': 'warning',
  'quote-not-found': 'warning',
  'source-file-missing': 'warning',
  'path-outside-workspace': 'error',
  'unused-source': 'hint',
  'unused-ignore': 'warning',
  'unindented-attribute': 'warning',
  'invalid-config': 'error',
};

/** A location in another (or the same) document, for cross-document diagnostics. */
export interface RelatedInfo {
  /** Workspace-relative POSIX path of the document, e.g. `nie/nie-1998.kent`. */
  path: string;
  span: Span;
  message: string;
}

/** Data a quick fix needs; shape depends on the code. */
export type FixData =
  | { kind: 'replace'; span: Span; text: string; title: string }
  /** `template`: the lines are left for the analyst to complete (`because: `), so never the preferred fix, which an editor may apply unasked. */
  | { kind: 'insert-lines'; offset: number; text: string; title: string; template?: true };

export interface KentDiagnostic {
  /** Workspace-relative POSIX path of the document the diagnostic is in. */
  path: string;
  span: Span;
  severity: Severity;
  code: Code;
  message: string;
  related?: RelatedInfo[];
  /** Edits the editor may offer as quick fixes, computed by the check that knows the problem. */
  fixes?: FixData[];
}
