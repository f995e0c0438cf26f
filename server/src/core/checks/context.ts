// What every check receives: the workspace, the document being checked, and a way to report.
import type { KentConfig } from '../config';
import { meetingRange } from '../change';
import type { Item, KentDocument, Prose } from '../model';
import type { Code, FixData, RelatedInfo, Severity, Span } from '../types';
import type { LocatedItem, Workspace } from '../workspace';

export interface Finding {
  code: Code;
  span: Span;
  message: string;
  /** Overrides the code's default severity (e.g. `unsupported-claim` on a claim is a warning). */
  severity?: Severity;
  related?: RelatedInfo[];
  fixes?: FixData[];
}

export interface CheckContext {
  ws: Workspace;
  doc: KentDocument;
  config: KentConfig;
  report(finding: Finding): void;
}

/**
 * A check reports the problems of one document, cross-document ones from this document's side:
 * item by item (so an edit re-runs it on the items it may have changed, not the whole
 * document), and for the text outside items (prose, comments, stray lines) in a range: every
 * finding of the range meets it, and all that meet it are found (so an edit re-runs it on the
 * lines around the change).
 */
export interface Check {
  item?(ctx: CheckContext, item: Item): void;
  text?(ctx: CheckContext, range: Span): void;
}

/**
 * What judges a block's content: its support, estimate and wording, or what it lacks. None of it
 * is said of a block whose header has no statement yet (`judgment KJ1:` being typed), whose
 * `syntax` error is the one thing to fix then.
 */
const JUDGES_CONTENT: ReadonlySet<Code> = new Set<Code>([
  'missing-attribute',
  'unsupported-claim',
  'ungrounded-claim',
  'missing-likelihood',
  'missing-confidence',
  'vague-estimate',
  'estimative-mismatch',
  'mixed-likelihood-confidence',
  'overconfident',
]);

/** Whether `code` waits while `item`'s header has no statement (the parser's syntax error). */
export function awaitsStatement(item: Item, code: Code): boolean {
  return JUDGES_CONTENT.has(code) && item.statement.trim() === '';
}

/** Whether a span meets a range (touching counts). */
export function meets(span: Span, range: Span): boolean {
  return span.end >= range.start && span.start <= range.end;
}

/** The paragraphs of a document that meet a range: found by a binary search, as an edit re-checks the few around it. */
export function proseMeeting(doc: KentDocument, range: Span): readonly Prose[] {
  const [from, to] = meetingRange(doc.prose, range.start, range.end);
  return from === 0 && to === doc.prose.length ? doc.prose : doc.prose.slice(from, to);
}

/**
 * "KJ1" in its own document, "nie-1998/KJ1" from another; "R2 in notes/response.kent" from
 * another that has no assessment ID, which a bare "R2" would pass off as this document's. For
 * messages: that form is no ref, and a fix writes a name only where it resolves (see
 * possible-contradiction's `namesIt`).
 */
export function itemName(target: LocatedItem, from: KentDocument): string {
  if (target.doc === from) return target.item.id;
  if (!target.doc.assessment) return `${target.item.id} in ${target.doc.path}`;
  return `${target.doc.assessment.id}/${target.item.id}`;
}

export function related(target: LocatedItem, message: string, span: Span = target.item.idSpan): RelatedInfo {
  return { path: target.doc.path, span, message };
}

/** Judgments and claims: the items that carry estimates and support. */
export function isEstimate(item: Item): boolean {
  return item.kind === 'judgment' || item.kind === 'claim';
}
