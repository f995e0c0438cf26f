// The parsed shape of one Kent document: blocks (items), their attributes and references.
import type { KentDiagnostic, Span } from './types';
import type { Source } from './source';

export const BLOCK_KINDS = ['assessment', 'judgment', 'claim', 'assumption', 'evidence', 'source'] as const;
export type BlockKind = (typeof BLOCK_KINDS)[number];

/** A reference to another item: `C1`, `nie-1998/KJ1`, `[[C1]]`. */
export interface ItemRef {
  type: 'item';
  /** Assessment ID of another document, when written `doc/ID`. */
  doc?: string;
  id: string;
  span: Span;
}

/** A reference to a source: `@key`, a bare source ID, or one citation of `[@key, p. 4]`. */
export interface SourceRef {
  type: 'source';
  key: string;
  locator?: string;
  /** Pandoc's prefix, `see` in `[see @key, p. 4]`. */
  prefix?: string;
  span: Span;
}

export type Ref = ItemRef | SourceRef;

/** A `[@key, p. 4; @other]` bracket in running text. */
export interface Citation {
  span: Span;
  refs: SourceRef[];
}

/**
 * `name: value` on a block's body line(s). It keeps offsets rather than spans: a workspace holds
 * about as many attributes as lines, while their spans are read rarely (a check reporting on a
 * value, a code action), so `nameSpan`, `valueSpan` and `attributeSpan` build one when asked.
 * A plain object from a literal, not a class instance: V8 learns that a literal's objects survive
 * and allocates them in the old generation; a class's (measured: 2 more scavenges, 12 MB more
 * copied on a cold check of 10 MB) stayed young and were copied twice each.
 */
export interface Attribute {
  name: string;
  /** Raw value text (continuation lines included, newlines kept so offsets map 1:1). */
  value: string;
  /** Where the name, and with it the whole attribute, starts (after the indentation). */
  start: number;
  /** Where the value starts: it ends `value.length` later, trailing blanks trimmed. */
  valueStart: number;
  /** Where the attribute's last line ends. */
  end: number;
  /** False for a name the block does not take (reported as `unknown-attribute`). */
  allowed: boolean;
}

/** The attribute's name. A new span each time: changing it changes nothing stored. */
export function nameSpan(a: Attribute): Span {
  return { start: a.start, end: a.start + a.name.length };
}

/** The attribute's value, trimmed. A new span each time. */
export function valueSpan(a: Attribute): Span {
  return { start: a.valueStart, end: a.valueStart + a.value.length };
}

/** Whole line(s) of the attribute, from the name to the end of its last line. A new span each time. */
export function attributeSpan(a: Attribute): Span {
  return { start: a.start, end: a.end };
}

/** A likelihood as written: a scale term or a percentage; resolved against the scale by the checks. */
export interface LikelihoodValue {
  text: string;
  span: Span;
  /** Set when the value is a percentage or range: probabilities 0..1. */
  percent?: { lo: number; hi: number };
}

export interface Resolution {
  value: boolean;
  date?: string;
}

/** One block: `judgment KJ1: …` with its attributes. */
export interface Item {
  kind: BlockKind;
  id: string;
  idSpan: Span;
  keywordSpan: Span;
  /** The statement (or title): header text plus continuation lines, with comment lines blanked. */
  statement: string;
  statementSpan: Span;
  /** Whole block, header to last line. */
  span: Span;
  attributes: Attribute[];
  /** Inline citations and item links in the statement. */
  citations: Citation[];
  links: ItemRef[];
  // Typed attribute values, where present and parsed.
  likelihood?: LikelihoodValue;
  confidence?: { value: string; span: Span };
  because: Ref[];
  against: Ref[];
  assumes: ItemRef[];
  sameAs?: ItemRef;
  negates?: ItemRef;
  contradicts: ItemRef[];
  revises?: ItemRef;
  resolved?: Resolution;
  supersedes: ItemRef[];
  bibliography: { path: string; span: Span }[];
  source?: SourceRef;
  quote?: { text: string; span: Span };
  credibility?: { value: string; span: Span };
  reliability?: { value: string; span: Span };
  origin?: string;
  file?: { path: string; span: Span };
  /** Codes silenced by `// kent-ignore` on the line before the block. */
  ignored: Set<string>;
}

/** A `// kent-ignore` or `// kent-ignore-file` comment, as written. */
export interface IgnoreComment {
  /** `kent-ignore-file`: the whole document; else the block right after it. */
  file: boolean;
  /** The comment line, its line break excluded. */
  span: Span;
  /** Each code named, where it is written. */
  codes: { code: string; span: Span }[];
  /**
   * Why it applies to nothing, when it does not: it stands inside a block, or a heading, a prose
   * line or a blank line (or the end of the file) comes before any block.
   */
  stranded?: 'inside' | 'heading' | 'prose' | 'blank';
}

export interface Heading {
  level: number;
  text: string;
  span: Span;
}

/** A run of prose lines (a paragraph), kept for citations, links and sentence checks. */
export interface Prose {
  text: string;
  span: Span;
  citations: Citation[];
  links: ItemRef[];
}

export interface KentDocument {
  /** Workspace-relative POSIX path. */
  path: string;
  /** Its text; for a document being edited, built on first read (what runs on every keystroke reads `source`). */
  readonly text: string;
  /** Its text as read piece by piece: what the parser, the line index and the incremental checker read. */
  readonly source: Source;
  /** The `assessment` block, if the document has one (first). */
  assessment?: Item;
  /** Every block in order, the assessment included. */
  items: Item[];
  headings: Heading[];
  prose: Prose[];
  /** Codes silenced for the whole document by `// kent-ignore-file`. */
  ignoredInFile: Set<string>;
  /** Whether any `kent-ignore` or `kent-ignore-file` comment is here (without one, no finding is looked up for suppression). */
  ignores: boolean;
  /** Its `kent-ignore` and `kent-ignore-file` comments that name codes, in order: `unused-ignore` reads them. */
  ignoreComments: IgnoreComment[];
  /** Problems found while parsing (`syntax`, `unknown-attribute`, `invalid-value`, …). */
  parseDiagnostics: KentDiagnostic[];
}

/** The document's name in the workspace: its assessment ID, or its path when it has none. */
export function documentName(doc: KentDocument): string | undefined {
  return doc.assessment?.id;
}
