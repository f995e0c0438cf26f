// What the editor tells about the codes of a `// kent-ignore` comment, shared by completion and
// hover: what a code checks, how severe it is under the workspace's rules. Pure.
import { CODE_SUMMARY } from '../codes';
import type { IgnoreComment, KentDocument } from '../model';
import { CODES, DEFAULT_SEVERITY, type Code, type SeveritySetting } from '../types';
import type { Workspace } from '../workspace';

export function isCode(code: string): code is Code {
  return (CODES as readonly string[]).includes(code);
}

/** A code's summary with Kent's own code spans in bold: cards hold no code span but a source's `@key`. */
export function summaryOf(code: Code): string {
  return CODE_SUMMARY[code].replace(/`([^`]+)`/g, '**$1**');
}

/** The code's severity under the workspace's rules (kent.json, the editor's settings), then by default. */
export function severityOf(ws: Workspace, code: Code): { now: SeveritySetting; byDefault: SeveritySetting } {
  return { now: ws.config.rules[code] ?? DEFAULT_SEVERITY[code], byDefault: DEFAULT_SEVERITY[code] };
}

/**
 * Defaults that depend on the block reported on, where DEFAULT_SEVERITY alone would mislead:
 * `unsupported-claim` is an error only on a judgment (as kent.json's schema says too).
 */
const DEFAULT_BY_BLOCK: Partial<Record<Code, string>> = { 'unsupported-claim': 'error on a judgment, warning on a claim' };

/** "warning", or "error (by default: warning)" when the rules say otherwise. */
export function severityText(ws: Workspace, code: Code): string {
  const { now, byDefault } = severityOf(ws, code);
  const byBlock = DEFAULT_BY_BLOCK[code];
  if (ws.config.rules[code] === undefined) return byBlock ?? byDefault;
  return now === byDefault && !byBlock ? now : `${now} (by default: ${byBlock ?? byDefault})`;
}

/** The `kent-ignore` comment whose code is written at `offset`, and that code. */
export function ignoredCodeAt(doc: KentDocument, offset: number): { comment: IgnoreComment; code: IgnoreComment['codes'][number] } | undefined {
  for (const comment of doc.ignoreComments) {
    if (offset < comment.span.start) break;
    if (offset > comment.span.end) continue;
    const code = comment.codes.find((x) => offset >= x.span.start && offset <= x.span.end);
    return code && { comment, code };
  }
  return undefined;
}
