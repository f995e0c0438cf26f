// Hover cards: a source (title, author, date, reliability and credibility with their meaning,
// URL, the quoted passage in its local file, who cites it; on a citation, its locator and
// prefix) or an item (statement, likelihood with its interval, confidence, support). All user
// text is escaped: a hover never carries a live link other than an http(s) URL, never a
// command, never an image.
import { CONFIDENCE_LEVELS, CREDIBILITY, RELIABILITY, RELIABILITY_CODES, canonicalValue } from '../attributes';
import { describeEstimate, estimateOf, wordsIn } from '../estimate';
import { formatInterval, lookupTerm, scaleName, termFor, type Interval, type ScaleName, type Term } from '../estimative';
import { nameSpan, valueSpan, type Attribute, type IgnoreComment, type Item, type KentDocument, type SourceRef } from '../model';
import { isWebPage, quotableText, readerExcerpt, readerLines } from '../htmlText';
import { sourceCopy } from '../localFiles';
import { findQuote, passageContext, quoteDivergence, setOff } from '../quote';
import { linesSaid, proseCitationLines, sourceFacts } from '../sources';
import type { Span } from '../types';
import { relationRefs, type LocatedItem, type ResolvedSource, type Workspace } from '../workspace';
import { ATTRIBUTE_HELP, BLOCK_HELP, CONFIDENCE_MEANING } from './help';
import { targetAt, type SourceTarget } from './navigation';
import { ignoredCodeAt, isCode, severityOf, severityText, summaryOf } from './suppressions';
import { checkSuppressions, type Checked } from '../analyze';
import { blockOf, judgedStale } from '../checks/unusedIgnore';

export interface HoverResult {
  markdown: string;
  span: Span;
}

/**
 * User text as Markdown that shows it as written: no link, image, HTML, entity, code span,
 * emphasis, strikethrough, table, heading, list or quote. A mark is escaped only where CommonMark,
 * or GFM as VS Code renders it, would read it as markup: Neovim sizes its hover by the escapes it
 * hides, and its completion menu shows them, so `2024\-06` or `refs\.bib` read badly there.
 */
export function escapeMarkdown(s: string): string {
  const links = /\](?:[([:]|$)/.test(s);
  return s
    .replace(INLINE_MARK, (m, at: number) => inlineMark(s, m, at, links))
    .replace(DEEP_INDENT, '$1')
    .replace(LINE_START, (_, start: string, mark: string) => start + (/\d/.test(mark) ? mark + '\\' : '\\' + mark));
}

// A backslash before punctuation or a line end; code, emphasis, strikethrough and table marks;
// brackets; HTML's `<`; an entity's `&`; a scheme's `:` (`command:x`, `http://`); `//` opening a
// scheme-less link (`//x.org`); `www.`; an email's `@` (its name may end in `;`, `$`, `,` …);
// and runs of underscores.
const INLINE_MARK = /\\(?=[!-/:-@[-`{-~]|[\r\n]|$)|[`*~|[\]<]|&(?=#?[A-Za-z0-9]+;)|(?<=[A-Za-z]):(?=\S)|(?<!:)\/(?=\/)|(?<![\w.])www\.|(?<=[\w.+\-;:&=$,"])@|_+/gi;

function inlineMark(s: string, m: string, at: number, links: boolean): string {
  if (m === '<') return '&lt;';
  if (m === '&') return '&amp;';
  if (m === '[' || m === ']') return links ? '\\' + m : m;
  if (m[0] === '_' && WORD.test(s[at - 1] ?? '') && WORD.test(s[at + m.length] ?? '')) return m; // inside a word: never emphasis
  if (m.length > 1 && m[0] !== '_') return m.slice(0, 3) + '\\.'; // www.
  return m.replace(/./g, '\\$&');
}
const WORD = /^[\p{L}\p{N}]$/u;
/**
 * Four columns of blanks opening a line, which after a blank line (or alone) open a code block:
 * dropped, as Markdown drops a paragraph line's indentation anyway. A lone CR ends a line too.
 */
const DEEP_INDENT = /(^|\r\n?|\n)(?: {4}| {0,3}\t)[ \t]*/g;
/** What opens a line as a heading, list, quote or setext underline (after a CR as after a LF). */
const LINE_START = /(^[ \t]*|[\r\n][ \t]*)([#+\-=>]|\d+(?=[.)]))/g;

/** A fenced block that user text cannot break out of. */
function fenced(text: string): string {
  // A loop, not Math.max(...runs): a passage of 100,000 runs of backticks overflowed the stack.
  let longest = 2;
  for (const m of text.matchAll(/`+/g)) longest = Math.max(longest, m[0].length);
  const fence = '`'.repeat(longest + 1);
  return `${fence}text\n${text}\n${fence}`;
}

/** At most this many characters of a statement or quote are shown: a 5 MB statement made a 5 MB hover, in 2 s. */
const SHOWN = 2000;
const flat = (s: string) => {
  const cut = s.length > SHOWN * 4;
  const t = (cut ? s.slice(0, SHOWN * 4) : s).replace(/\s+/g, ' ').trim();
  return t.length > SHOWN ? t.slice(0, SHOWN - 1) + '…' : cut ? t + ' …' : t;
};

/** `checked`: the document's current diagnostics, asked for only on a `kent-ignore` code, when the caller holds them (the server does); without them the document is checked. */
export function hover(ws: Workspace, doc: KentDocument, offset: number, checked?: () => Checked | undefined): HoverResult | undefined {
  const ignored = ignoredCodeAt(doc, offset);
  if (ignored) return { span: ignored.code.span, markdown: ignoredCodeCard(ws, doc, ignored.comment, ignored.code.code, checked) };
  const t = targetAt(ws, doc, offset);
  if (t?.kind === 'source') return { span: t.span, markdown: sourceCard(ws, t.key, t.resolved, t.evidence, t.ref) };
  if (t?.kind === 'item') return { span: t.span, markdown: t.at.item.kind === 'evidence' ? evidenceCard(ws, t.at) : itemCard(ws, t.at) };
  if (t?.kind === 'assessment') return { span: t.span, markdown: assessmentCard(ws, t.id) };
  // As written: `b/nope` names nothing, not `nope` (which may well be an item here).
  if (t?.kind === 'unresolved-item') return { span: t.span, markdown: `**${escapeMarkdown(t.ref.doc === undefined ? t.ref.id : `${t.ref.doc}/${t.ref.id}`)}**: names nothing in the workspace` };
  return citedPartHover(ws, doc, offset) ?? estimativeWordHover(ws, doc, offset) ?? blockHover(ws, doc, offset);
}

/** On a citation's prefix or locator (`see`, `p. 4` of `[see @key, p. 4]`), its source's card, as on its key. */
function citedPartHover(ws: Workspace, doc: KentDocument, offset: number): HoverResult | undefined {
  for (const ref of sourceRefsAround(doc, offset)) {
    const span = [prefixSpan(doc, ref), locatorSpan(doc, ref)].find((s) => s && within(s, offset));
    if (span) return { span, markdown: sourceCard(ws, ref.key, ws.resolveSource(doc, ref.key), undefined, ref) };
  }
  return undefined;
}

/** The source refs of the block or paragraph at `offset`: its citations, and a block's `because`/`against` ones. */
function sourceRefsAround(doc: KentDocument, offset: number): SourceRef[] {
  const item = doc.items.find((i) => within(i.span, offset));
  if (item) return relationRefs(item).filter((r): r is SourceRef => r.type === 'source' && (r.locator !== undefined || r.prefix !== undefined));
  return doc.prose.find((p) => within(p.span, offset))?.citations.flatMap((c) => c.refs) ?? [];
}

/** Where a cite's locator is written: after the comma that follows its key, as the parser took it (trimmed). */
function locatorSpan(doc: KentDocument, ref: SourceRef): Span | undefined {
  if (!ref.locator) return undefined;
  let start = doc.source.indexOf(',', ref.span.end) + 1;
  while (isBlank(doc.source.charCodeAt(start))) start++;
  return writtenAt(doc, ref.locator, start);
}

/** Where a cite's prefix is written: before its key's `@` (or `-@`), trimmed. */
function prefixSpan(doc: KentDocument, ref: SourceRef): Span | undefined {
  if (!ref.prefix) return undefined;
  let end = ref.span.start - 1;
  if (doc.source.charCodeAt(end - 1) === 0x2d /* - */) end--;
  while (end > 0 && isBlank(doc.source.charCodeAt(end - 1))) end--;
  return writtenAt(doc, ref.prefix, end - ref.prefix.length);
}

/** `text`'s span at `start`, if the document has it there: a cite read some other way shows no card. */
function writtenAt(doc: KentDocument, text: string, start: number): Span | undefined {
  return start >= 0 && doc.source.slice(start, start + text.length) === text ? { start, end: start + text.length } : undefined;
}

const isBlank = (c: number) => c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d;

/** A code in a `kent-ignore` comment: what it checks, how severe it is here, and what this comment keeps quiet of it now. */
function ignoredCodeCard(ws: Workspace, doc: KentDocument, comment: IgnoreComment, code: string, checked: (() => Checked | undefined) | undefined): string {
  if (!isCode(code)) return `**${escapeMarkdown(code)}** is no diagnostic code: it silences nothing`;
  const head = `**${code}**: ${summaryOf(code)}  \nSeverity: ${severityText(ws, code)}  \n`;
  if (severityOf(ws, code).now === 'off') return `${head}It is off, so there is nothing for this comment to silence`;
  if (comment.stranded) return `${head}This comment applies to no block, so it silences nothing: see **unused-ignore**`;
  const item = blockOf(doc, comment);
  const where = item ? `on ${item.kind} ${escapeMarkdown(item.id)}` : 'in this document';
  const quiet = (checked?.() ?? checkSuppressions(ws, doc)).silenced.count(item, code);
  if (quiet) return `${head}This comment keeps ${quiet} diagnostic${quiet === 1 ? '' : 's'} quiet ${where} now`;
  if (judgedStale(code) || code === 'unused-ignore') return `${head}This comment silences nothing ${where} now: see **unused-ignore**`;
  return `${head}This comment silences nothing ${where} now; what this code reports may stand on other files, so **unused-ignore** lets it be`;
}

/** What a block keyword, an attribute's name or a rated value (`confidence: low`, `reliability: B`) means: help for a new writer. */
function blockHover(ws: Workspace, doc: KentDocument, offset: number): HoverResult | undefined {
  const item = doc.items.find((i) => offset >= i.span.start && offset <= i.span.end);
  if (!item) return undefined;
  // Kent's own Markdown (as completion shows it), not escaped: its `source:` is code, not backticks.
  // Kent's own help, its code in bold: a hover's only code spans are a source's `@key` (test/safety.test.ts holds hovers to that).
  if (within(item.keywordSpan, offset)) return { span: item.keywordSpan, markdown: `**${item.kind}**: ${BLOCK_HELP[item.kind].replace(/`([^`]+)`/g, '**$1**')}` };
  const pointed = pointedValueHover(ws, doc, item, offset);
  if (pointed) return pointed;
  for (const a of item.attributes) {
    const name = nameSpan(a);
    if (within(name, offset)) return ATTRIBUTE_HELP[a.name] ? { span: name, markdown: `**${a.name}**: ${escapeMarkdown(ATTRIBUTE_HELP[a.name])}` } : undefined;
    const value = valueSpan(a);
    if (within(value, offset)) {
      const meaning = valueMeaning(ws, a);
      return meaning ? { span: value, markdown: meaning } : undefined;
    }
  }
  return undefined;
}

const within = (span: Span, offset: number) => offset >= span.start && offset <= span.end;

/** A `quote:`, `file:` or `bibliography:` value: what it points at, as the workspace has it. */
function pointedValueHover(ws: Workspace, doc: KentDocument, item: Item, offset: number): HoverResult | undefined {
  if (item.quote && within(item.quote.span, offset)) return { span: item.quote.span, markdown: quoteCard(ws, doc, item) };
  if (item.file && within(item.file.span, offset)) return { span: item.file.span, markdown: localFileCard(ws, doc, item, item.file.path) };
  const bib = item.bibliography.find((b) => within(b.span, offset));
  return bib && { span: bib.span, markdown: bibliographyCard(ws, doc, bib.path) };
}

/** Where an evidence's quote is in its source's local file, with the lines around it; or why it is not checked. */
function quoteCard(ws: Workspace, doc: KentDocument, evidence: Item): string {
  const key = evidence.source?.key;
  const resolved = key === undefined ? undefined : ws.resolveSource(doc, key);
  const head = `**Quote** of ${key === undefined ? 'no source' : `\`@${key.replace(/`/g, '')}\``}`;
  if (!resolved) return `${head}: ${key === undefined ? 'the evidence names no source' : 'it names no source'}, so the quote is not checked`;
  const file = resolved.kind === 'block' ? resolved.item.file : undefined;
  if (!file) return `${head}: the source has no local file, so the quote is not checked`;
  const path = ws.resolvePath(resolved.doc, file.path);
  if (!path.ok) return `${head}: its local file lies outside the workspace and is not read`;
  const read = ws.readFile(path.path);
  if (!read.ok) return `${head}: ${escapeMarkdown(path.path)} ${UNREAD[read.reason]}`;
  return `${head}\n\n${quotedPassage(ws, resolved, evidence)}`;
}

/** Why a file named by a document was not read. */
const UNREAD: Record<'missing' | 'outside' | 'unreadable' | 'skipped', string> = {
  missing: 'does not exist',
  outside: 'leads outside the workspace (through a link) and is not read',
  unreadable: 'cannot be read',
  skipped: 'is not read in a restricted workspace',
};

/** A source's local file: whether it is there, how long it is, and which evidence quotes it (and whether the quote is found). */
function localFileCard(ws: Workspace, doc: KentDocument, source: Item, rel: string): string {
  const path = ws.resolvePath(doc, rel);
  if (!path.ok) return `**${escapeMarkdown(rel)}** lies outside the workspace: Kent never reads it`;
  const read = ws.readFile(path.path);
  const head = `**${escapeMarkdown(path.path)}**: local copy of source \`@${source.id.replace(/`/g, '')}\``;
  if (!read.ok) return `${head}; it ${UNREAD[read.reason]}`;
  const lines = read.text.split('\n').length - (read.text.endsWith('\n') ? 1 : 0);
  const quoting: string[] = [];
  for (const d of ws.documents()) {
    for (const e of d.items) {
      if (e.kind !== 'evidence' || !e.quote || e.source?.key !== source.id) continue;
      const r = ws.resolveSource(d, source.id);
      if (r?.kind !== 'block' || r.item !== source) continue;
      const found = findQuote(quotableText(path.path, read.text), e.quote.text);
      quoting.push(`${escapeMarkdown(nameOf({ doc: d, item: e }))} (${found ? `line ${lineAt(read.text, found.start)}` : 'not found'})`);
    }
  }
  const quoted = quoting.length ? `Quoted by ${quoting.slice(0, 12).join(', ')}${quoting.length > 12 ? ` and ${quoting.length - 12} more` : ''}` : 'No evidence quotes it';
  return `${head}\n\n${lines} line${lines === 1 ? '' : 's'} · ${quoted}`;
}

/** A bibliography named by the assessment: whether it reads, how many entries, and which of them this document cites. */
function bibliographyCard(ws: Workspace, doc: KentDocument, rel: string): string {
  const path = ws.resolvePath(doc, rel);
  if (!path.ok) return `**${escapeMarkdown(rel)}** lies outside the workspace: Kent never reads it`;
  const read = ws.readFile(path.path);
  if (!read.ok) return `**${escapeMarkdown(path.path)}**: bibliography; it ${UNREAD[read.reason]}`;
  const bib = ws.bibliography(path.path);
  const entries = bib?.entries.size ?? 0;
  const errors = bib?.errors.length ?? 0;
  const cited = new Set<string>();
  const note = (key: string) => {
    const r = ws.resolveSource(doc, key);
    if (r?.kind === 'bibliography' && r.bibPath === path.path) cited.add(key);
  };
  for (const item of doc.items) for (const r of relationRefs(item)) if (r.type === 'source') note(r.key);
  for (const p of doc.prose) for (const c of p.citations) for (const r of c.refs) note(r.key);
  const keys = [...cited].sort();
  const lines = [`**${escapeMarkdown(path.path)}**: bibliography, ${entries} entr${entries === 1 ? 'y' : 'ies'}${errors ? `, ${errors} problem${errors === 1 ? '' : 's'} reading it` : ''}`, ''];
  lines.push(keys.length ? `Cited here: ${keys.slice(0, 12).map(escapeMarkdown).join(', ')}${keys.length > 12 ? ` and ${keys.length - 12} more` : ''}` : 'Nothing here cites it yet');
  return lines.join('\n');
}

/** The 1-based line of an offset. */
function lineAt(text: string, offset: number): number {
  let line = 1;
  for (let i = text.indexOf('\n'); i !== -1 && i < offset; i = text.indexOf('\n', i + 1)) line++;
  return line;
}

/** The meaning of a confidence level (with what the workspace asks of its sources), a reliability or a credibility. */
function valueMeaning(ws: Workspace, a: Attribute): string | undefined {
  // Read in any case, as the checks read it: `confidence: High` is high, `reliability: b` is B.
  const written = a.value.trim();
  const v = a.name === 'confidence' ? canonicalValue(written, CONFIDENCE_LEVELS) : a.name === 'reliability' ? canonicalValue(written, RELIABILITY_CODES) : written;
  if (a.name === 'confidence' && CONFIDENCE_MEANING[v]) {
    const needs = v === 'low' ? 'Kent asks nothing of its sources' : sourcesNeeded(ws.config.confidence[v as 'moderate' | 'high']);
    return `Confidence **${v}**: ${escapeMarkdown(CONFIDENCE_MEANING[v])}.  \n${escapeMarkdown(needs)}.`;
  }
  if (a.name === 'reliability' && RELIABILITY[v]) return `Reliability **${v}**: ${RELIABILITY[v]} (Admiralty scale, A to F)`;
  if (a.name === 'credibility' && CREDIBILITY[v]) return `Credibility **${v}**: ${CREDIBILITY[v]} (Admiralty scale, 1 to 6)`;
  return undefined;
}

function sourcesNeeded({ sources, reliability }: { sources: number; reliability: string }): string {
  if (sources === 0) return 'Kent asks nothing of its sources';
  return `Kent asks for ${sources} independent source${sources === 1 ? '' : 's'} rated ${reliability} or better in its support (else overconfident)`;
}

/** The card of a source found outside a document (a bibliography's entry). */
export function sourceHover(ws: Workspace, target: SourceTarget): HoverResult {
  return { span: target.span, markdown: sourceCard(ws, target.key, target.resolved) };
}

/** `cite`: the citation hovered (`[see @key, p. 4]`), whose prefix and locator the card says first. */
function sourceCard(ws: Workspace, key: string, resolved: ResolvedSource | undefined, evidence?: Item, cite?: SourceRef): string {
  if (!resolved) return [unresolvedSourceCard(ws, key), ...citeLines(cite)].join('  \n');
  const f = sourceFacts(resolved);
  // An entry with no title is named by its key alone, not twice.
  const lines: string[] = [...(f.title ? [`**${escapeMarkdown(f.title)}**  `] : []), `\`@${key.replace(/`/g, '')}\`${resolved.kind === 'bibliography' ? ` · from ${escapeMarkdown(resolved.bibPath)}` : ''}`, ''];
  for (const line of citeLines(cite)) lines.push(`${line}  `);
  if (f.author) lines.push(`Author: ${escapeMarkdown(f.author)}  `);
  if (f.date) lines.push(`Date: ${escapeMarkdown(f.date)}  `);
  lines.push(`Reliability: ${f.reliability && RELIABILITY[f.reliability] ? `**${f.reliability}** — ${RELIABILITY[f.reliability]}` : 'unrated (counts as F — reliability cannot be judged)'}  `);
  if (f.origin !== key) lines.push(`Origin: ${escapeMarkdown(f.origin)} (sources of one origin are not independent)  `);
  if (evidence?.credibility && CREDIBILITY[evidence.credibility.value]) lines.push(`Credibility of ${escapeMarkdown(evidence.id)}: **${evidence.credibility.value}** — ${CREDIBILITY[evidence.credibility.value]}  `);
  if (f.url && /^https?:\/\/[^\s<>()]+$/i.test(f.url)) lines.push(`URL: <${f.url}>  `);
  else if (f.url) lines.push(`URL: ${escapeMarkdown(f.url)}  `);
  const local = localFileLine(ws, resolved);
  if (local) lines.push(local);
  const passage = evidence?.quote ? quotedPassage(ws, resolved, evidence) : undefined;
  if (passage) lines.push('', passage);
  else if (evidence?.quote) lines.push('', `> ${escapeMarkdown(flat(evidence.quote.text))}`);
  const citing = citedByLine(ws, key, resolved);
  if (citing) lines.push('', citing);
  return lines.join('\n');
}

/** What one citation adds to its source: "Prefix: see", "Locator: p. 4". */
function citeLines(cite: SourceRef | undefined): string[] {
  const out: string[] = [];
  if (cite?.prefix) out.push(`Prefix: ${escapeMarkdown(flat(cite.prefix))}`);
  if (cite?.locator) out.push(`Locator: ${escapeMarkdown(flat(cite.locator))}`);
  return out;
}

/** "Cited by a/C1, and in the prose of a (line 4)": the items first, then each document whose prose cites it. */
function citedByLine(ws: Workspace, key: string, resolved: ResolvedSource): string | undefined {
  const { items, prose } = citedBy(ws, key, resolved);
  const listed = (names: string[]) => `${names.slice(0, 12).map(escapeMarkdown).join(', ')}${names.length > 12 ? ` and ${names.length - 12} more` : ''}`;
  const inProse = prose.length ? `in the prose of ${listed(prose)}` : '';
  if (items.length) return `Cited by ${listed(items)}${inProse && `, and ${inProse}`}`;
  return inProse && `Cited ${inProse}`;
}

/** A source block's local file, and whether it is there: a quote cannot be checked against a file that is not. */
function localFileLine(ws: Workspace, resolved: ResolvedSource): string | undefined {
  const file = resolved.kind === 'block' ? resolved.item.file : undefined;
  if (!file) return undefined;
  const path = ws.resolvePath(resolved.doc, file.path);
  if (!path.ok) return `Local copy: ${escapeMarkdown(file.path)} — outside the workspace, not read  `;
  const read = ws.readFile(path.path);
  return `Local copy: ${escapeMarkdown(path.path)}${read.ok ? '' : ` — ${UNREAD[read.reason]}`}  `;
}

/** A key that names no source here; an entry of a bibliography other assessments name is said to be one. */
function unresolvedSourceCard(ws: Workspace, key: string): string {
  const bib = ws.bibliographyWithKey(key);
  const head = `**@${escapeMarkdown(key)}**`;
  return bib ? `${head}: an entry of ${escapeMarkdown(bib)}, which this assessment does not name in **bibliography**` : `${head}: no such source in the workspace or the bibliography`;
}

/** The quote with its surrounding lines from the source's local file. */
function quotedPassage(ws: Workspace, resolved: ResolvedSource, evidence: Item): string | undefined {
  // A web page is shown as its reader sees it: the text, not the markup.
  const copy = sourceCopy(ws, resolved);
  if (!copy || !evidence.quote) return undefined;
  const { path, text } = copy;
  const span = findQuote(text, evidence.quote.text);
  return readerExcerpt(span ? passageAround(text, span, path) : closestPassage(text, evidence.quote.text, path));
}

/**
 * A quote not found: where the file comes closest, if it holds a good part of it, shown as a
 * found quote is, so that the analyst sees what the source says there.
 */
function closestPassage(text: string, quote: string, path: string): string {
  const near = quoteDivergence(text, quote);
  if (!near) return `Quote not found in ${escapeMarkdown(path)}`;
  const [source, quoted] = [readerExcerpt(near.source), near.quote];
  const q = setOff([source, quoted], ['“', '”']);
  const parts = near.agreesWithStart ? `agrees with the quote's start, then has ${q(source)} where the quote has ${q(quoted)}` : `agrees with the quote's end, but before that has ${q(source)} where the quote has ${q(quoted)}`;
  return `Quote not found in ${escapeMarkdown(path)}. The closest passage ${escapeMarkdown(parts)}.\n\n${passageAround(text, near.span, path)}`;
}

/** A passage of a source file with the lines around it. */
function passageAround(text: string, span: { start: number; end: number }, path: string): string {
  const ctx = passageContext(text, span, 2);
  // The quote's own line, and the lines shown around it (no blank lines trailing).
  const line = lineAt(text, span.start);
  // Lines as long as a book (a file of one line): the quoted words alone, cut in the middle past a limit.
  const page = isWebPage(path);
  if (ctx.text.length > MAX_PASSAGE) {
    const words = text.slice(span.start, span.end);
    return `From ${escapeMarkdown(path)}, line ${line} (the quoted words alone: the lines are long):\n\n${fenced(clipped(page ? readerLines(words).join('\n') : words))}`;
  }
  const lines = page ? pageLines(ctx.text) : { lines: ctx.text.replace(/\s+$/, '').split('\n'), skipped: 0 };
  const [first, last] = [ctx.firstLine + lines.skipped + 1, ctx.firstLine + lines.skipped + lines.lines.length];
  return `From ${escapeMarkdown(path)}, line ${line}${last > first ? ` (lines ${first}–${last} shown)` : ''}:\n\n${fenced(lines.lines.join('\n'))}`;
}

/** A web page's lines as its reader sees them: no markup's indentation, and no lines of markup alone before or after the text (`skipped` before). */
function pageLines(text: string): { lines: string[]; skipped: number } {
  const lines = readerLines(text);
  let skipped = 0;
  while (lines.length > 1 && lines[0] === '') {
    lines.shift();
    skipped++;
  }
  while (lines.length > 1 && lines[lines.length - 1] === '') lines.pop();
  return { lines, skipped };
}

/** The most of a source file a quote's card shows: a hover is read at a glance. */
const MAX_PASSAGE = 4000;

/** `text`, at most MAX_PASSAGE characters: its start and end, with an ellipsis between. */
function clipped(text: string): string {
  if (text.length <= MAX_PASSAGE) return text;
  const half = MAX_PASSAGE / 2;
  return `${text.slice(0, half)} … ${text.slice(text.length - half)}`;
}

/**
 * Items anywhere in the workspace whose refs to `key` reach this source, and documents whose
 * prose cites it (with the lines): a bibliography's entry only from documents that name that
 * bibliography (elsewhere the key is unresolved), a bare ID only where no item of that ID comes first.
 */
function citedBy(ws: Workspace, key: string, source: ResolvedSource): { items: string[]; prose: string[] } {
  const items: string[] = [];
  const prose: string[] = [];
  const same = (r: ResolvedSource | undefined) => r !== undefined && (r.kind === 'block' ? source.kind === 'block' : source.kind === 'bibliography' && r.bibPath === source.bibPath);
  // The index's refs of no item are prose's: only those documents' prose is read.
  const citingProse = new Set(ws.refsToKey(key).keyed.filter((e) => !e.item).map((e) => e.doc));
  for (const d of ws.documents()) {
    for (const item of d.items) {
      const names = relationRefs(item).some((r) => (r.type === 'source' ? r.key === key : r.doc === undefined && r.id === key && bareIdIsSource(ws, d, key)));
      if (names && same(ws.resolveSource(d, key))) items.push(d.assessment ? `${d.assessment.id}/${item.id}` : item.id);
    }
    const lines = citingProse.has(d) ? proseCitationLines(d, key).get(key) : undefined;
    if (lines && same(ws.resolveSource(d, key))) prose.push(`${d.assessment?.id ?? d.path} (${linesSaid(lines)})`);
  }
  return { items, prose };
}

/** Whether a bare `key` in `doc` may name a source: no other kind of item there has that ID. */
function bareIdIsSource(ws: Workspace, doc: KentDocument, key: string): boolean {
  const local = ws.itemIn(doc, key);
  return local === undefined || local.kind === 'source';
}

/** An assessment by its ID: its title, date, author and status, and where it is. */
function assessmentCard(ws: Workspace, id: string): string {
  const docs = ws.documentsNamed(id);
  if (docs.length === 0) return `**${escapeMarkdown(id)}**: no assessment of this ID in the workspace`;
  return docs
    .map((d) => {
      const a = d.assessment!;
      const lines = [`**assessment ${escapeMarkdown(id)}**`, '', escapeMarkdown(flat(a.statement)), ''];
      for (const name of ['date', 'author', 'status']) {
        const value = a.attributes.find((x) => x.name === name)?.value.trim();
        if (value) lines.push(`${name[0].toUpperCase()}${name.slice(1)}: ${escapeMarkdown(flat(value))}  `);
      }
      const judgments = d.items.filter((i) => i.kind === 'judgment').length;
      lines.push(`In ${escapeMarkdown(d.path)} · ${judgments} judgment${judgments === 1 ? '' : 's'}, ${d.items.length - 1} block${d.items.length === 2 ? '' : 's'} in all`);
      return lines.join('\n');
    })
    .join('\n\n---\n\n');
}

/** Evidence named elsewhere (`because: E1`): what it says, then its source's card with the quoted passage. */
function evidenceCard(ws: Workspace, at: LocatedItem): string {
  const { item, doc } = at;
  const resolved = item.source && ws.resolveSource(doc, item.source.key);
  if (!item.source || !resolved) return itemCard(ws, at);
  return [`**evidence ${escapeMarkdown(nameOf(at))}**: ${escapeMarkdown(flat(item.statement))}`, '', '---', '', sourceCard(ws, item.source.key, resolved, item)].join('\n');
}

const nameOf = ({ item, doc }: LocatedItem) => (doc.assessment && doc.assessment !== item ? `${doc.assessment.id}/${item.id}` : item.id);

function itemCard(ws: Workspace, at: LocatedItem): string {
  const { item, doc } = at;
  const lines = [`**${item.kind} ${escapeMarkdown(nameOf(at))}**`, '', escapeMarkdown(flat(item.statement)), ''];
  const est = estimateOf(at, ws.config.scale);
  if (est) lines.push(`Likelihood: ${escapeMarkdown(describeEstimate(est))}${est.from === 'statement' ? ' (from the statement’s words)' : ''}  `);
  if (item.confidence) lines.push(`Confidence: ${escapeMarkdown(item.confidence.value)}  `);
  const because = item.because.map((r) => (r.type === 'source' ? '@' + r.key : (r.doc ? r.doc + '/' : '') + r.id));
  if (because.length) lines.push(`Because: ${because.map(escapeMarkdown).join(', ')}  `);
  const against = item.against.map((r) => (r.type === 'source' ? '@' + r.key : (r.doc ? r.doc + '/' : '') + r.id));
  if (against.length) lines.push(`Against: ${against.map(escapeMarkdown).join(', ')}  `);
  if (item.kind === 'evidence' && item.source) lines.push(`Source: @${escapeMarkdown(item.source.key)}  `);
  // A statement alone (an assumption) already ends in a blank line.
  if (doc.path) lines.push(...(lines[lines.length - 1] === '' ? [] : ['']), `_${escapeMarkdown(doc.path)}_`);
  return lines.join('\n');
}

/** ", within *likely* (55–80%) on the ICD 203 scale": the term a percentage falls in, as its inlay hint says. */
function termWithin(p: Interval, scale: ScaleName): string {
  const t = termFor(p, scale);
  return t ? `, within *${t.canonical}* (${formatInterval(t.interval)}) on the ${scaleName(scale)} scale` : '';
}

/** Hovering an estimative word, or a likelihood's value, shows what it means on the scale. */
function estimativeWordHover(ws: Workspace, doc: KentDocument, offset: number): HoverResult | undefined {
  for (const item of doc.items) {
    if (offset < item.span.start || offset > item.span.end) continue;
    if (item.likelihood && offset >= item.likelihood.span.start && offset <= item.likelihood.span.end) {
      const est = estimateOf({ doc, item }, ws.config.scale);
      if (!est) return undefined;
      const term = lookupTerm(item.likelihood.text, ws.config.scale);
      const markdown = term ? `Likelihood ${termCard(flat(item.likelihood.text), term, false, ws.config.scale)}` : `Likelihood **${formatInterval(est.interval)}**: a probability stated directly${termWithin(est.interval, ws.config.scale)}`;
      return { span: item.likelihood.span, markdown };
    }
    return wordHover(ws, doc, item.statement, item.statementSpan.start, offset);
  }
  // A paragraph's words read as a statement's do: its inlay hints already show their intervals.
  const p = doc.prose.find((x) => within(x.span, offset));
  return p && wordHover(ws, doc, p.text, p.span.start, offset);
}

/** The estimative word or hedge of `text` (starting at `base`) under `offset`, if any. */
function wordHover(ws: Workspace, doc: KentDocument, text: string, base: number, offset: number): HoverResult | undefined {
  const rel = offset - base;
  const word = wordsIn(doc, text, ws.config.scale).find((w) => rel >= w.start && rel <= w.end);
  if (!word) return undefined;
  const span = { start: base + word.start, end: base + word.end };
  return { span, markdown: word.term ? termCard(flat(word.text), word.term, word.negated === true, ws.config.scale) : `**${escapeMarkdown(flat(word.text))}** is a hedge: it states no probability` };
}

/**
 * "**likely**: 55–80% on the ICD 203 scale", or for another word of the term, or a denial, what it
 * reads as ("**probably** reads as *likely*: …"); then the term's other words, which say the same.
 */
function termCard(written: string, term: Term, negated: boolean, scale: ScaleName): string {
  const said = written.toLowerCase();
  const head = `**${escapeMarkdown(written)}**${said === term.canonical && !negated ? '' : ` reads as *${term.canonical}*`}`;
  const others = term.words.filter((w) => w !== said && w !== term.canonical);
  const also = others.length ? `  \nOther words for it: ${others.join(', ')}` : '';
  return `${head}: ${formatInterval(term.interval)} on the ${scaleName(scale)} scale${also}`;
}
