// Completion: what may be typed at an offset. Decided from the text of the current line (it is
// usually incomplete while typing) with the parsed workspace for the candidates. Pure.
import { ATTRIBUTE_HELP, BLOCK_HELP, CONFIDENCE_MEANING } from './help';
import { escapeMarkdown } from './hover';
import { ALLOWED_ATTRIBUTES, CONFIDENCE_LEVELS, CREDIBILITY, KNOWN_ATTRIBUTES, RELIABILITY, RELIABILITY_CODES, REPEATABLE } from '../attributes';
import { formatInterval, scaleName, scaleTerms, termMeaning, type Term } from '../estimative';
import { wordsIn } from '../estimate';
import { LiteralBrackets } from '../literal';
import type { BlockKind, Item, KentDocument } from '../model';
import { CODES, type KentDiagnostic, type Span } from '../types';
import { checkSuppressions, type Checked } from '../analyze';
import { CODE_SUMMARY } from '../codes';
import { severityText, summaryOf } from './suppressions';
import type { Workspace } from '../workspace';

export interface CompletionEntry {
  label: string;
  kind: 'item' | 'source' | 'document' | 'attribute' | 'term' | 'value' | 'keyword' | 'file' | 'folder';
  detail?: string;
  documentation?: string;
  insertText?: string;
  /** What an editor matches the typed text against, when more than the label: a term's other words (`prob` finds `likely` through `probably`). */
  filterText?: string;
  /** The token it completes, the part after the cursor included (LSP's replace range). */
  replace: Span;
  /**
   * What inserting it at the cursor replaces (LSP's insert range): the part of the token before
   * the cursor, and the part after it only when that is the rest of this entry.
   */
  insert: Span;
  sortText?: string;
  /** The entry the editor selects first: the term the statement's own word says. */
  preselect?: boolean;
  /** Completion is asked for again once it is inserted: a folder's entries come next. */
  retrigger?: boolean;
  /** `insertText` is an LSP snippet (tab stops, choices): a block's template. */
  snippet?: boolean;
}

/** What the editor can take, told by the caller. */
export interface CompletionOptions {
  /** The editor takes LSP snippets: a block keyword where a block starts inserts the block's template. */
  snippets?: boolean;
  /** Today as `YYYY-MM-DD` (the core has no clock): a template's `date:`. Without it, a placeholder. */
  today?: string;
}

/** An entry before `completions` decides its insert span. */
type Draft = Omit<CompletionEntry, 'insert'>;

const HEADER = /^(assessment|judgment|claim|assumption|evidence|source)[ \t]+([A-Za-z][A-Za-z0-9_-]*)/;
/** A block keyword and the ID after it being typed, before its colon. */
const NAMING = /^(assessment|judgment|claim|assumption|evidence|source)[ \t]+([A-Za-z][A-Za-z0-9_-]*)?$/;
const ATTR_LINE = /^([ \t]+)([A-Za-z][\w-]*)[ \t]*:/;
/** Characters of a reference token: item IDs, `doc/ID`, `@keys` (keys may hold `: . / +`). */
const TOKEN_BEFORE = /[^\s,;[\]]*$/;
const TOKEN_AFTER = /^[^\s,;[\]]*/;
const KEY_BEFORE = /(?<![\p{L}\p{N}_])@[A-Za-z0-9_:./+-]*$/u;
const KEY_AFTER = /^[A-Za-z0-9_:./+-]*/;
/** The grammar's `key`: what may follow `@`. */
const CITABLE_KEY = /^[A-Za-z0-9_][A-Za-z0-9_:./+-]*$/;

/** Attributes whose value is free text, a path or a URL: no reference completion there. */
const NO_REFS = new Set(['url', 'file', 'bibliography', 'date', 'author', 'origin', 'kind', 'status', 'locator', 'quote']);
/** Attributes whose value may hold a citation `[@key, p. 3]`; any other value's `[` opens none. */
const CITING = new Set(['because', 'against']);
/** Kinds an item ref in `because:`/`against:` or `[[…]]` may name (sources come as `@keys`). */
const SUPPORT_KINDS: readonly BlockKind[] = ['judgment', 'claim', 'assumption', 'evidence'];
const ESTIMATE_KINDS: readonly BlockKind[] = ['judgment', 'claim'];

const DEFAULT_PREFIX: Record<BlockKind, string> = { assessment: '', judgment: 'KJ', claim: 'C', assumption: 'A', evidence: 'E', source: 'S' };


interface LineContext {
  lineStart: number;
  /** End of the line's content, before any `\r\n`. */
  lineEnd: number;
  before: string;
  after: string;
}

interface Block {
  kind: BlockKind;
  id: string;
  /** The block's lines (header excluded) as [start, text], the current line included. */
  lines: Array<{ start: number; text: string }>;
}

/** `checked`: the document's current diagnostics, asked for only in a `kent-ignore`, when the caller holds them (the server does); without them the document is checked. */
export function completions(ws: Workspace, doc: KentDocument, offset: number, checked?: () => Checked | undefined, options: CompletionOptions = {}): CompletionEntry[] {
  const text = doc.text;
  const at = Math.max(0, Math.min(offset, text.length));
  const line = lineAt(text, at);
  const drafts = line.before.trimStart().startsWith('//') ? inComment(ws, doc, at, line, checked) : complete(ws, doc, at, line, options);
  return drafts.map((e, i) => ({ ...e, insert: insertSpan(text, at, e), sortText: String(i).padStart(4, '0') }));
}

/**
 * An entry inserted at the cursor replaces what was typed of its token, and what follows the
 * cursor only when that is the rest of the entry itself (`@smi|th-2020` → `@smith-2020`): the
 * text the cursor stands before (`[@|foo`, `because: |C1`) is not eaten by another entry. The
 * editor may still replace the whole token on request (the replace span).
 */
function insertSpan(text: string, at: number, e: Draft): Span {
  const rest = text.slice(at, e.replace.end);
  return rest === '' || e.label.endsWith(rest) ? e.replace : { start: e.replace.start, end: at };
}

function complete(ws: Workspace, doc: KentDocument, at: number, line: LineContext, options: CompletionOptions): Draft[] {
  const { before, after, lineStart } = line;
  const attrMatch = ATTR_LINE.exec(before);
  const block = /^[ \t]/.test(before) ? enclosingBlock(doc.text, lineStart) : undefined;
  const attrName = attrMatch && block && KNOWN_ATTRIBUTES.has(attrMatch[2]) ? attrMatch[2] : undefined;

  // What is escaped or in a code span is text: no link or key is completed there. A code span may
  // run over the lines of a paragraph or statement, as the parser reads them; elsewhere, the line.
  const literal = new LiteralBrackets(before + after);
  const hides = (i: number) => hiddenInRunningText(doc, lineStart + i) ?? literal.hides(i);
  // The attribute whose value the cursor is in: named on this line, or continued from above.
  const valueName = attrName ?? (block && !attrMatch ? continuedAttribute(block, lineStart) : undefined);
  // `[[ID` anywhere: item links.
  const link = before.lastIndexOf('[[');
  if (link !== -1 && before.indexOf(']]', link) === -1 && !hides(link) && !(valueName && NO_REFS.has(valueName))) {
    const typed = before.slice(link + 2);
    if (!/[\]\s]/.test(typed.trim()) && !typed.includes('\n')) {
      const start = at - typed.trimStart().length;
      const replace = { start, end: at + (after.match(/^[A-Za-z0-9_/-]*/)?.[0].length ?? 0) };
      // In a block's statement (its header line, or a line continuing it), not the block itself: an item does not cite itself.
      const self = block?.id ?? HEADER.exec(before.replace(/^\uFEFF/, ''))?.[2];
      return itemRefs(ws, doc, typed.trim(), replace, SUPPORT_KINDS.concat('source'), self, new Set(), true);
    }
  }

  // `[` just typed where a citation may open (running text, `because:`, `against:`): the keys, each
  // with its `@` (`[@key]` is how a source is cited; an item link is `[[`, which the next `[` makes).
  if (before.endsWith('[') && !before.endsWith('[[') && !hides(before.length - 1) && (valueName === undefined || CITING.has(valueName))) {
    return sourceKeys(ws, doc, { start: at, end: at }, true);
  }

  // `@key` anywhere a reference may stand (statements, prose, `because:`, `source:`, …).
  const key = KEY_BEFORE.exec(before);
  if (key && !(valueName && NO_REFS.has(valueName)) && !hides(key.index)) {
    // A key may hold `.` and `:`, but not at its end: "@key." ends a sentence.
    const tail = KEY_AFTER.exec(after)![0].replace(/[.:/+]+$/, '');
    const replace = { start: at - key[0].length, end: at + tail.length };
    return sourceKeys(ws, doc, replace, true);
  }

  // `name: value` on this line, or a list continued from the line above (`because: C1,`).
  let name = attrName;
  let valueBefore = attrMatch && name ? before.slice(attrMatch[0].length) : undefined;
  let valueStart = lineStart + (attrMatch?.[0].length ?? 0);
  let listStart = valueStart;
  if (!name && block && !attrMatch) {
    const cont = continuedList(block, lineStart);
    if (cont) {
      name = cont.name;
      valueBefore = before;
      valueStart = lineStart;
      listStart = cont.valueStart;
    }
  }
  if (name && block && valueBefore !== undefined) {
    return attributeValue(ws, doc, block, name, valueBefore, valueStart, listStart, at, line);
  }

  // An indented line's first word inside a block: attribute names.
  if (block && !attrMatch) {
    const word = /^[ \t]+([A-Za-z][\w-]*)?$/.exec(before);
    if (word) {
      const start = at - (word[1]?.length ?? 0);
      const tail = /^[\w-]*/.exec(after)![0];
      const colonFollows = /^[\w-]*[ \t]*:/.test(after);
      return attributeNames(block, lineStart, { start, end: at + tail.length }, colonFollows);
    }
  }

  // `judgment |` at column 0: the block's ID is being named.
  const naming = NAMING.exec(before.replace(/^\uFEFF/, ''));
  if (naming) return blockId(doc, naming[1] as BlockKind, naming[2] ?? '', at, after);

  // Column 0, an empty line or a partial keyword: block keywords. Keywords are lowercase: a
  // capital ("Evidence suggests…", "As expected") starts prose, which Enter must not turn into a block.
  if (/^[a-z]*$/.test(before + after)) {
    const replace = { start: lineStart, end: line.lineEnd };
    // Right under a block, the word is more likely its next attribute, typed where an editor did
    // not indent: unindented it would be prose, silently not an attribute.
    const above = lineStart > 0 ? enclosingBlock(doc.text, lineStart) : undefined;
    if (above) {
      const attributes = attributeNames(above, lineStart, replace, false).map((e) => ({ ...e, insertText: attributeIndentOf(above) + e.insertText }));
      return [...attributes, ...blockKeywords(ws, doc, replace, lineStart)];
    }
    // Where a block starts, a keyword brings its template, for an editor that fills one in.
    return blockKeywords(ws, doc, replace, lineStart, options.snippets ? options : undefined);
  }
  return [];
}

// ---------------------------------------------------------------------------
// Contexts

const SUPPRESSIONS = ['kent-ignore', 'kent-ignore-file'];
/** A comment's first word being typed: `// kent-`. */
const COMMENT_WORD = /^\uFEFF?[ \t]*\/\/[ \t]*([A-Za-z][A-Za-z-]*)$/;
/** The codes of a `kent-ignore` before the cursor, the `:` before its reason not yet typed. */
const IGNORE_CODES = /^\uFEFF?[ \t]*\/\/[ \t]*kent-ignore(-file)?[ \t]+([^:]*)$/;

/** In a comment: `kent-ignore` itself, or the codes it names. Any other comment is the analyst's prose. */
function inComment(ws: Workspace, doc: KentDocument, at: number, line: LineContext, checked: (() => Checked | undefined) | undefined): Draft[] {
  const { before, after } = line;
  const tail = /^[A-Za-z-]*/.exec(after)![0];
  const word = COMMENT_WORD.exec(before)?.[1];
  if (word) {
    if (!SUPPRESSIONS.some((k) => k.startsWith(word + tail) && k !== word + tail)) return [];
    const spaced = /^[ \t]/.test(after.slice(tail.length));
    return SUPPRESSIONS.map((label) => ({
      label,
      kind: 'keyword' as const,
      detail: label === 'kent-ignore' ? 'kent-ignore CODE: reason — turns codes off for the next block' : 'kent-ignore-file CODE: reason — turns codes off for this document',
      insertText: spaced ? label : `${label} `,
      replace: { start: at - word.length, end: at + tail.length },
    }));
  }
  const m = IGNORE_CODES.exec(before);
  if (!m) return [];
  // The code being typed is what follows the last comma: one word, or none yet.
  const typed = m[2].slice(m[2].lastIndexOf(',') + 1).trimStart();
  if (!/^[A-Za-z-]*$/.test(typed)) return [];
  const rest = after.slice(tail.length);
  const written = `${m[2].slice(0, m[2].length - typed.length)},${rest.slice(0, rest.includes(':') ? rest.indexOf(':') : undefined)}`;
  const named = new Set(written.split(',').map((c) => c.trim()));
  return ignoreCodes(ws, doc, m[1] !== undefined, line, named, { start: at - typed.length, end: at + tail.length }, checked);
}

/**
 * Every diagnostic code, but those the comment already names: first those reported now on the
 * block after the comment (`kent-ignore-file`: in the document), most reported first, since the
 * analyst is usually silencing one of them.
 */
function ignoreCodes(ws: Workspace, doc: KentDocument, file: boolean, line: LineContext, named: Set<string>, replace: Span, checked: (() => Checked | undefined) | undefined): Draft[] {
  const block = file ? undefined : blockAfterComment(doc, line);
  const counts = new Map<string, number>();
  const count = (d: KentDiagnostic) => counts.set(d.code, (counts.get(d.code) ?? 0) + 1);
  if (file || block) {
    const all = (checked?.() ?? checkSuppressions(ws, doc)).diagnostics;
    if (block) for (let i = firstFrom(all, block.span.start); i < all.length && all[i].span.start <= block.span.end; i++) count(all[i]);
    else for (const d of all) if (d.span.start < line.lineStart || d.span.start > line.lineEnd) count(d);
  }
  const where = block ? `on ${block.kind} ${block.id}` : 'in this document';
  const codes = CODES.filter((c) => !named.has(c));
  const reported = codes.filter((c) => counts.has(c)).sort((a, b) => counts.get(b)! - counts.get(a)!);
  return [...reported, ...codes.filter((c) => !counts.has(c))].map((code) => {
    const n = counts.get(code);
    const now = n ? `${n} reported ${where} now` : undefined;
    return {
      label: code,
      kind: 'value' as const,
      detail: [now, severityText(ws, code), CODE_SUMMARY[code].replace(/`/g, '')].filter(Boolean).join(' · '),
      documentation: [summaryOf(code), `Severity: ${severityText(ws, code)}`, ...(now ? [escapeMarkdown(`${now}.`)] : [])].join('  \n'),
      replace,
    };
  });
}

/** The index of the first diagnostic (they are in document order) to start at or after `offset`: a block's are read alone. */
function firstFrom(diagnostics: readonly KentDiagnostic[], offset: number): number {
  let lo = 0;
  let hi = diagnostics.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (diagnostics[mid].span.start < offset) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** The block a `kent-ignore` on this line would apply to: the next one, with only comment lines between. */
function blockAfterComment(doc: KentDocument, line: LineContext): Item | undefined {
  if (doc.items.some((i) => i.span.start <= line.lineStart && line.lineStart <= i.span.end)) return undefined;
  const next = doc.items.find((i) => i.span.start > line.lineEnd);
  if (!next) return undefined;
  const between = doc.text.slice(line.lineEnd, next.span.start).split('\n').slice(1, -1);
  return between.every(isComment) ? next : undefined;
}

function attributeValue(
  ws: Workspace,
  doc: KentDocument,
  block: Block,
  name: string,
  valueBefore: string,
  valueLineStart: number,
  /** Where the attribute's value starts (an earlier line, for a list continued over lines). */
  listStart: number,
  at: number,
  line: LineContext,
): Draft[] {
  const { after } = line;
  const lead = valueBefore.length - valueBefore.trimStart().length;
  // Single values: the whole value, so that multi-word terms replace cleanly ("very li" → "very likely").
  const wholeValue: Span = { start: valueLineStart + lead, end: Math.max(at, line.lineStart + (line.before + after).trimEnd().length) };
  // List values: the token at the cursor.
  const tokenBefore = TOKEN_BEFORE.exec(valueBefore)![0];
  const token: Span = { start: at - tokenBefore.length, end: at + TOKEN_AFTER.exec(after)![0].length };
  const inCitation = valueBefore.lastIndexOf('[') > valueBefore.lastIndexOf(']');
  const listed = listedTokens(doc.text.slice(listStart, line.lineEnd), token.start - listStart, token.end - listStart);

  switch (name) {
    case 'because':
    case 'against': {
      if (inCitation) return [];
      return [
        ...itemRefs(ws, doc, tokenBefore, token, SUPPORT_KINDS, block.id, listed, true),
        ...(tokenBefore.includes('/') ? [] : sourceKeys(ws, doc, token, true, listed)),
      ];
    }
    case 'assumes':
      return itemsOf(doc, '', ['assumption'], block.id, listed, token);
    case 'same-as':
    case 'negates':
    case 'contradicts':
    case 'revises':
      return itemRefs(ws, doc, tokenBefore, token, ESTIMATE_KINDS, block.id, listed, false);
    case 'supersedes':
      return otherAssessments(ws, doc)
        .filter((d) => !listed.has(d.id))
        .map((d) => ({ label: d.id, kind: 'document' as const, detail: d.title, replace: token }));
    case 'source':
      return sourceKeys(ws, doc, wholeValue, false);
    case 'file':
    case 'bibliography':
      return pathEntries(ws, doc, name, valueBefore.slice(lead), at, after);
    case 'likelihood': {
      const scale = ws.config.scale;
      const stated = statedWord(ws, doc, block);
      const terms: Draft[] = scaleTerms(scale).map((t) => ({
        label: t.canonical,
        kind: 'term',
        detail: formatInterval(t.interval) + (stated?.term === t ? ` · the statement says "${stated.text}"` : ''),
        documentation: `${termMeaning(t)} on the ${scaleName(scale)} scale${t.words.length > 1 ? `; in running text also: ${t.words.slice(1).join(', ')}` : ''}`,
        ...(t.words.length > 1 ? { filterText: t.words.join(' ') } : {}),
        ...(stated?.term === t ? { preselect: true } : {}),
        replace: wholeValue,
      }));
      // The term the statement already uses comes first: declaring another is an estimative-mismatch.
      terms.sort((a, b) => Number(b.preselect ?? false) - Number(a.preselect ?? false));
      terms.push({
        label: '70%',
        kind: 'value',
        detail: 'a percentage, or a range: 60-75%',
        documentation: 'A percentage `70%` or a range `60-75%` states the probability directly instead of a term.',
        replace: wholeValue,
      });
      return terms;
    }
    case 'confidence': {
      const c = ws.config.confidence;
      const threshold: Record<string, string> = {
        high: `Kent expects at least ${c.high.sources} independent grounding source(s) rated A–${c.high.reliability} (\`overconfident\`).`,
        moderate: `Kent expects at least ${c.moderate.sources} independent grounding source(s) rated A–${c.moderate.reliability} (\`overconfident\`).`,
      };
      return CONFIDENCE_LEVELS.map((level) => ({
        label: level,
        kind: 'value' as const,
        detail: CONFIDENCE_MEANING[level],
        ...(threshold[level] ? { documentation: threshold[level] } : {}),
        replace: wholeValue,
      }));
    }
    case 'reliability':
      return Object.entries(RELIABILITY).map(([code, meaning]) => ({ label: code, kind: 'value' as const, detail: meaning, replace: wholeValue }));
    case 'credibility':
      return Object.entries(CREDIBILITY).map(([code, meaning]) => ({ label: code, kind: 'value' as const, detail: meaning, replace: wholeValue }));
    case 'status':
      return [
        { label: 'draft', kind: 'value', detail: 'work in progress', replace: wholeValue },
        { label: 'final', kind: 'value', detail: 'published', replace: wholeValue },
      ];
    case 'resolved': {
      // `true` or `false` is the first word: the date after it is not part of what is completed.
      const typed = valueBefore.slice(lead);
      if (/\s/.test(typed)) return [];
      const word: Span = { start: wholeValue.start, end: at + /^\S*/.exec(after)![0].length };
      return [
        { label: 'true', kind: 'value', detail: 'it came true (add a date: true 2025-01)', replace: word },
        { label: 'false', kind: 'value', detail: 'it did not come true (add a date: false 2025-01)', replace: word },
      ];
    }
    default:
      return [];
  }
}

/** Files a bibliography may be (BibTeX, CSL-JSON): offered first after `bibliography:`. */
const BIBLIOGRAPHY_FILE = /\.(bib|bibtex|json)$/i;

/**
 * The entries of the folder typed so far (relative to the document) for a `file:` or
 * `bibliography:` path: folders, then the files of the attribute's kind, then the rest. What the
 * workspace does not list (outside it, hidden, `node_modules`) offers nothing.
 */
function pathEntries(ws: Workspace, doc: KentDocument, attribute: 'file' | 'bibliography', typed: string, at: number, after: string): Draft[] {
  const slash = Math.max(typed.lastIndexOf('/'), typed.lastIndexOf('\\'));
  const leaf = typed.slice(slash + 1);
  // `sources/.`, not `sources/`: the folder's own path, without the slash normalizing keeps.
  const folder = ws.resolvePath(doc, `${typed.slice(0, slash + 1)}.`);
  const listing = folder.ok ? ws.listFolder(folder.path) : undefined;
  if (!listing?.ok) return [];
  const replace = { start: at - leaf.length, end: at + /^[^/\\]*/.exec(after)![0].trimEnd().length };
  const wanted = (name: string) => attribute === 'file' || BIBLIOGRAPHY_FILE.test(name);
  const files = listing.entries.filter((e) => !e.folder);
  return [
    ...listing.entries.filter((e) => e.folder).map((e): Draft => ({ label: `${e.name}/`, kind: 'folder', replace, retrigger: true })),
    ...files.filter((e) => wanted(e.name)).map((e): Draft => ({ label: e.name, kind: 'file', replace })),
    ...files.filter((e) => !wanted(e.name)).map((e): Draft => ({ label: e.name, kind: 'file', detail: 'not a bibliography (.bib or CSL-JSON .json)', replace })),
  ];
}

/** The scale term of the first estimative word in the block's statement ("will probably win" → likely), with the word as written. */
function statedWord(ws: Workspace, doc: KentDocument, block: Block): { term: Term; text: string } | undefined {
  const item = doc.items.find((i) => i.kind === block.kind && i.id === block.id);
  if (!item) return undefined;
  const word = wordsIn(doc, item.statement, ws.config.scale).find((w) => w.kind === 'term');
  const term = word && scaleTerms(ws.config.scale).find((t) => t.canonical === word.term?.canonical);
  return term && { term, text: word.text.replace(/\s+/g, ' ') };
}

function attributeNames(block: Block, currentLine: number, replace: Span, colonFollows: boolean): Draft[] {
  const present = new Set<string>();
  for (const l of block.lines) {
    if (l.start === currentLine) continue;
    const m = ATTR_LINE.exec(l.text);
    if (m && KNOWN_ATTRIBUTES.has(m[2])) present.add(m[2]);
  }
  return ALLOWED_ATTRIBUTES[block.kind]
    .filter((name) => REPEATABLE.has(name) || !present.has(name))
    .map((name) => ({
      label: name,
      kind: 'attribute' as const,
      detail: ATTRIBUTE_HELP[name],
      insertText: colonFollows ? name : `${name}: `,
      replace,
    }));
}

/** The ID a new block of `kind` would take (the file's name for the assessment), with its colon unless one follows. */
function blockId(doc: KentDocument, kind: BlockKind, typed: string, at: number, after: string): Draft[] {
  // A document has one assessment: a second gets no name offered.
  if (kind === 'assessment' && doc.assessment) return [];
  const tail = /^[A-Za-z0-9_-]*/.exec(after)![0];
  const id = kind === 'assessment' ? assessmentIdFor(doc.path) : nextId(doc, kind);
  const colonFollows = /^[ \t]*:/.test(after.slice(tail.length));
  return [{ label: id, kind: 'value', detail: kind === 'assessment' ? 'from the file name' : `the next free ${kind} ID`, insertText: colonFollows ? id : `${id}: `, replace: { start: at - typed.length, end: at + tail.length } }];
}

/** The indentation of the block's first attribute line, or two spaces. */
function attributeIndentOf(block: Block): string {
  for (const l of block.lines) {
    const m = ATTR_LINE.exec(l.text);
    if (m && KNOWN_ATTRIBUTES.has(m[2])) return m[1];
  }
  return '  ';
}

/** The block keywords, each with its next free ID; with `templates`, each inserts its block's template. */
function blockKeywords(ws: Workspace, doc: KentDocument, replace: Span, lineStart: number, templates?: CompletionOptions): Draft[] {
  const out: Draft[] = [];
  const keyword = (kind: BlockKind, id: string, detail: string): Draft =>
    templates
      ? { label: kind, kind: 'keyword', detail: `${detail} — template`, documentation: BLOCK_HELP[kind], insertText: blockTemplate(ws, kind, id, templates.today), snippet: true, replace }
      : { label: kind, kind: 'keyword', detail, documentation: BLOCK_HELP[kind], insertText: `${kind} ${id}: `, replace };
  const nothingBefore = doc.items.every((i) => i.span.start >= lineStart);
  if (!doc.assessment && nothingBefore) {
    const id = assessmentIdFor(doc.path);
    out.push(keyword('assessment', id, `assessment ${id}: title`));
  }
  for (const kind of ['judgment', 'claim', 'assumption', 'evidence', 'source'] as const) {
    const id = nextId(doc, kind);
    out.push(keyword(kind, id, `${kind} ${id}: …`));
  }
  return out;
}

/**
 * A block as an LSP snippet: its header with `id`, then the attributes its checks ask for, the
 * closed ones (likelihood in the workspace's scale, confidence, ratings) as choices.
 */
function blockTemplate(ws: Workspace, kind: BlockKind, id: string, today: string | undefined): string {
  const month = escapePlaceholder(today ? today.slice(0, 7) : 'YYYY-MM');
  const choice = (n: number, values: readonly string[]) => `\${${n}|${values.map(escapeChoice).join(',')}|}`;
  const confidence = (n: number) => `  confidence: ${choice(n, CONFIDENCE_LEVELS)}`;
  const lines: Record<BlockKind, string[]> = {
    assessment: ['${2:Title}', `  date: \${3:${month}}`, '  author: ${4:Author}', '  bibliography: ${5:refs.bib}', ''],
    judgment: ['${2:Statement}', `  likelihood: ${choice(3, scaleTerms(ws.config.scale).map((t) => t.canonical))}`, confidence(4), '  because: ${5:C1}'],
    claim: ['${2:Statement}', '  because: ${3:E1}'],
    assumption: ['${2:Statement}', confidence(3)],
    evidence: ['${2:What the source shows}', '  source: @${3:key}', '  locator: ${4:p. 1}', '  quote: "${5:exact words from the source}"', `  credibility: ${choice(6, Object.keys(CREDIBILITY))}`],
    source: ['${2:Title}', '  author: ${3:Author}', `  date: \${4:${month}}`, `  reliability: ${choice(5, RELIABILITY_CODES)}`, '  url: ${6:https://}', '  file: ${7:sources/$1.txt}'],
  };
  const [statement, ...attributes] = lines[kind];
  return [`${kind} \${1:${escapePlaceholder(id)}}: ${statement}`, ...attributes, '$0'].join('\n');
}

/** Text in a snippet's placeholder: `$`, `}` and a backslash are the snippet's own. */
const escapePlaceholder = (s: string) => s.replace(/[$}\\]/g, '\\$&');
/** A choice's value: `,` and `|` too. */
const escapeChoice = (s: string) => s.replace(/[$}\\,|]/g, '\\$&');

// ---------------------------------------------------------------------------
// Candidates

/**
 * Item refs: this document's items of `kinds`, then either `doc/` prefixes of other documents
 * (`prefixes`) or their items in full (`doc/ID`). A token already holding `doc/` lists that
 * document's items.
 */
function itemRefs(
  ws: Workspace,
  doc: KentDocument,
  typed: string,
  replace: Span,
  kinds: readonly BlockKind[],
  self: string | undefined,
  listed: Set<string>,
  prefixes: boolean,
): Draft[] {
  const slash = typed.indexOf('/');
  if (slash !== -1) {
    const name = typed.slice(0, slash);
    const target = name === doc.assessment?.id ? doc : ws.documentsNamed(name)[0];
    if (!target) return [];
    return itemsOf(target, `${name}/`, kinds, target === doc ? self : undefined, listed, replace);
  }
  const out = itemsOf(doc, '', kinds, self, listed, replace);
  for (const other of otherAssessments(ws, doc)) {
    if (prefixes) out.push({ label: `${other.id}/`, kind: 'document', detail: other.title, documentation: escapeMarkdown(other.path), replace });
    else out.push(...itemsOf(other.doc, `${other.id}/`, kinds, undefined, listed, replace));
  }
  return out;
}

/** A document's items of `kinds` as refs (`prefix` + ID), each ID once: a repeated ID (a duplicate-id error) names the first. */
function itemsOf(doc: KentDocument, prefix: string, kinds: readonly BlockKind[], self: string | undefined, listed: Set<string>, replace: Span): Draft[] {
  const seen = new Set<string>();
  const out: Draft[] = [];
  for (const i of doc.items) {
    const label = prefix + i.id;
    if (!kinds.includes(i.kind) || i.id === self || listed.has(label) || seen.has(label)) continue;
    seen.add(label);
    out.push(itemEntry(i, label, replace));
  }
  return out;
}

function itemEntry(item: Item, label: string, replace: Span): Draft {
  const statement = oneLine(item.statement);
  const extra = [item.likelihood && `likelihood: ${item.likelihood.text}`, item.confidence && `confidence: ${item.confidence.value}`].filter(Boolean);
  return {
    label,
    kind: 'item',
    detail: `${item.kind}: ${truncate(statement, 60)}`,
    documentation: [statement, ...extra].map((t) => escapeMarkdown(String(t))).join('\n\n'),
    replace,
  };
}

/** Other documents with an assessment ID, one per ID, by ID. */
function otherAssessments(ws: Workspace, doc: KentDocument): Array<{ id: string; title: string; path: string; doc: KentDocument }> {
  const byId = new Map<string, KentDocument>();
  for (const d of [...ws.documents()].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0))) {
    const id = d.assessment?.id;
    if (d === doc || !id || id === doc.assessment?.id || byId.has(id)) continue;
    byId.set(id, d);
  }
  return [...byId.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([id, d]) => ({ id, title: oneLine(d.assessment!.statement), path: d.path, doc: d }));
}

/**
 * Source keys: `source` blocks of this document, then entries of its bibliographies, then `source`
 * blocks of other documents (the analyst cites from their own list first; a workspace has many);
 * one entry per key, described by the source it resolves to (a block before a bibliography entry).
 * Labels carry `@` when `at` is set.
 */
function sourceKeys(ws: Workspace, doc: KentDocument, replace: Span, at: boolean, listed: Set<string> = new Set()): Draft[] {
  const out: Array<Draft & { rank: number }> = [];
  const byKey = new Map<string, { rank: number }>();
  const add = (key: string, title: string, reliability: string | undefined, documentation: string, rank: number) => {
    const known = byKey.get(key);
    if (known) return void (known.rank = Math.min(known.rank, rank));
    if (listed.has(key)) return;
    const r = reliability ? ` · reliability ${reliability}${RELIABILITY[reliability] ? ` (${RELIABILITY[reliability]})` : ''}` : '';
    const entry = { label: at ? `@${key}` : key, kind: 'source' as const, detail: `${title}${r}`, documentation: escapeMarkdown(documentation), replace, rank };
    byKey.set(key, entry);
    out.push(entry);
  };
  const docs = [doc, ...[...ws.documents()].filter((d) => d !== doc).sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0))];
  for (const d of docs) {
    for (const item of d.items) {
      if (item.kind !== 'source') continue;
      const author = item.attributes.find((a) => a.name === 'author')?.value;
      const date = item.attributes.find((a) => a.name === 'date')?.value;
      add(item.id, oneLine(item.statement), item.reliability?.value, [author, date, `source block in ${d.path}`].filter(Boolean).join(' · '), d === doc ? 0 : 2);
    }
  }
  for (const bib of doc.assessment?.bibliography ?? []) {
    const resolved = ws.resolvePath(doc, bib.path);
    if (!resolved.ok) continue;
    for (const entry of ws.bibliography(resolved.path)?.entries.values() ?? []) {
      // A BibTeX key Kent cannot cite (`Müller2020`, `smith&jones`) would be a syntax error once inserted.
      if (!CITABLE_KEY.test(entry.key)) continue;
      add(entry.key, entry.title ? oneLine(entry.title) : '(untitled)', entry.reliability, [entry.author, entry.date, `bibliography ${resolved.path}`].filter(Boolean).join(' · '), 1);
    }
  }
  // A stable sort: within a rank, the order above.
  return out.sort((a, b) => a.rank - b.rank).map(({ rank: _, ...entry }) => entry);
}

// ---------------------------------------------------------------------------
// Text helpers

function lineAt(text: string, offset: number): LineContext {
  // lastIndexOf with a negative start still looks at index 0: offset 0 is always the line's start.
  let lineStart = offset > 0 ? text.lastIndexOf('\n', offset - 1) + 1 : 0;
  if (lineStart === 0 && text.charCodeAt(0) === 0xfeff && offset > 0) lineStart = 1;
  let lineEnd = text.indexOf('\n', offset);
  if (lineEnd === -1) lineEnd = text.length;
  if (lineEnd > lineStart && text.charCodeAt(lineEnd - 1) === 13) lineEnd--;
  const end = Math.max(offset, lineEnd);
  return { lineStart, lineEnd: end, before: text.slice(lineStart, offset), after: text.slice(offset, end) };
}

/** The line starting at `start`, without its terminator; `next` is where the following line starts (none after the last). */
function lineFrom(text: string, start: number): { start: number; text: string; next: number | undefined } {
  const nl = text.indexOf('\n', start);
  const stop = nl === -1 ? text.length : nl;
  const end = stop > start && text.charCodeAt(stop - 1) === 13 ? stop - 1 : stop;
  return { start, text: text.slice(start, end), next: nl === -1 ? undefined : nl + 1 };
}

/** The start of the line before the one starting at `start` (> 0). */
function previousLineStart(text: string, start: number): number {
  // lastIndexOf with a negative start still looks at index 0: the first line is asked for by 0.
  return start >= 2 ? text.lastIndexOf('\n', start - 2) + 1 : 0;
}

const isBlank = (s: string) => s.trim() === '';
const isComment = (s: string) => s.trimStart().startsWith('//');
const isIndented = (s: string) => s.length > 0 && (s[0] === ' ' || s[0] === '\t');

/**
 * The block an indented line at `lineStart` belongs to, found by the text above and below it.
 * Only the block's own lines are read (not every line of the text: a 1 MB document has 26,000).
 */
function enclosingBlock(text: string, lineStart: number): Block | undefined {
  // Not where a line starts (after a byte order mark): no block.
  if (lineStart > text.length || (lineStart > 0 && text.charCodeAt(lineStart - 1) !== 10)) return undefined;
  let header: ReturnType<typeof lineFrom> | undefined;
  for (let s = lineStart; s > 0 && !header; ) {
    s = previousLineStart(text, s);
    const line = lineFrom(text, s);
    const t = line.text.replace(/^\uFEFF/, '');
    if (isBlank(t)) return undefined;
    if (!isComment(t) && !isIndented(t)) header = line;
  }
  if (!header) return undefined;
  const m = HEADER.exec(header.text.replace(/^\uFEFF/, ''));
  if (!m) return undefined;
  const lines: Array<{ start: number; text: string }> = [];
  let line = lineFrom(text, header.next!);
  for (; line.start < lineStart; line = lineFrom(text, line.next!)) lines.push({ start: line.start, text: line.text });
  lines.push({ start: line.start, text: line.text });
  while (line.next !== undefined) {
    line = lineFrom(text, line.next);
    if (isBlank(line.text) || !(isIndented(line.text) || isComment(line.text))) break;
    lines.push({ start: line.start, text: line.text });
  }
  return { kind: m[1] as BlockKind, id: m[2], lines };
}

/**
 * The attribute whose value an indented line without a name of its own continues: the nearest
 * attribute line above it in the block. Undefined on a line of the statement.
 */
function continuedAttribute(block: Block, lineStart: number): string | undefined {
  const index = block.lines.findIndex((l) => l.start === lineStart);
  for (let i = index - 1; i >= 0; i--) {
    const m = ATTR_LINE.exec(block.lines[i].text);
    if (m && KNOWN_ATTRIBUTES.has(m[2])) return m[2];
  }
  return undefined;
}

/**
 * Whether the character at `offset` is text only (escaped, or in a code span) in the paragraph or
 * statement it stands in, read whole as the parser reads it: a code span may run over lines.
 * Undefined outside both.
 */
function hiddenInRunningText(doc: KentDocument, offset: number): boolean | undefined {
  const prose = doc.prose.find((p) => p.span.start <= offset && offset < p.span.end);
  if (prose) return new LiteralBrackets(prose.text).hides(offset - prose.span.start);
  const item = doc.items.find((i) => i.statementSpan.start <= offset && offset < i.statementSpan.end);
  return item && new LiteralBrackets(item.statement).hides(offset - item.statementSpan.start);
}

/** The list attribute continued on this line: the line above (in the block) ends with a comma. */
function continuedList(block: Block, lineStart: number): { name: string; valueStart: number } | undefined {
  const index = block.lines.findIndex((l) => l.start === lineStart);
  for (let i = index - 1; i >= 0; i--) {
    const t = block.lines[i].text;
    if (isComment(t)) continue;
    if (!t.trimEnd().endsWith(',')) return undefined;
    // Walk up to the attribute this comma-ended run belongs to.
    for (let j = i; j >= 0; j--) {
      const m = ATTR_LINE.exec(block.lines[j].text);
      if (m && KNOWN_ATTRIBUTES.has(m[2])) return { name: m[2], valueStart: block.lines[j].start + m[0].length };
    }
    return undefined;
  }
  return undefined;
}

/** Refs already written in a list value (the token being typed excluded), for not offering them twice. */
function listedTokens(value: string, tokenStart: number, tokenEnd: number): Set<string> {
  const rest = value.slice(0, tokenStart) + value.slice(tokenEnd);
  const out = new Set<string>();
  for (const part of rest.split(/[,;]/)) {
    const t = part.trim().replace(/^\[?-?@?/, '').replace(/\]$/, '');
    if (t) out.add(t);
  }
  return out;
}

function oneLine(s: string): string {
  return s.replace(/\s+/g, ' ').trim();
}

function truncate(s: string, n: number): string {
  return s.length <= n ? s : s.slice(0, n - 1).trimEnd() + '…';
}

/** `reports/nie 1998.kent` → `nie-1998`. */
function assessmentIdFor(path: string): string {
  const base = path.split('/').pop()!.replace(/\.kent$/i, '');
  const id = base.replace(/[^A-Za-z0-9_-]+/g, '-').replace(/^-+|-+$/g, '');
  return /^[A-Za-z]/.test(id) ? id : `a-${id || 'assessment'}`;
}

/** The next free ID for a new block: the most used numbered prefix of that kind (KJ3, C4, E7), or the default. */
export function nextId(doc: KentDocument, kind: BlockKind): string {
  const NUMBERED = /^([A-Za-z]+[-_]?)(\d{1,3})$/;
  const counts = new Map<string, number>();
  for (const it of doc.items) {
    if (it.kind !== kind) continue;
    const m = NUMBERED.exec(it.id);
    if (m) counts.set(m[1], (counts.get(m[1]) ?? 0) + 1);
  }
  let prefix = DEFAULT_PREFIX[kind];
  let best = 0;
  for (const [p, n] of counts) {
    if (n > best) {
      best = n;
      prefix = p;
    }
  }
  const used = new Set(doc.items.map((i) => i.id));
  let max = 0;
  for (const id of used) {
    const m = NUMBERED.exec(id);
    if (m && m[1] === prefix) max = Math.max(max, Number(m[2]));
  }
  let n = max + 1;
  while (used.has(`${prefix}${n}`)) n++;
  return `${prefix}${n}`;
}
