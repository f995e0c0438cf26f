// Kent's parser. A line scan splits the document into blocks, headings, comments and prose
// (cheap and exact: blocks start at column 0 and end at a blank line); the structured pieces
// of each block go through the Ohm grammar one small value at a time. It never throws: a
// broken line yields a `syntax` diagnostic and every other block is still parsed.
import { ALLOWED_ATTRIBUTES, KNOWN_ATTRIBUTES, REPEATABLE } from './attributes';
import { matchRule, type MatchOutcome, type Parsed, type RefNode, type Rule } from './grammar';
import type { Attribute, BlockKind, Citation, Heading, Item, ItemRef, KentDocument, Prose, Ref, SourceRef } from './model';
import type { KentDiagnostic, Span } from './types';

interface Line {
  start: number;
  /** End of content, before any `\r\n`. */
  end: number;
  text: string;
}

const HEADER_START = /^(assessment|judgment|claim|assumption|evidence|source)[ \t]+\S/;
const HEADER_WITH_COLON = /^(assessment|judgment|claim|assumption|evidence|source)[ \t]+[^\s:]*[ \t]*:/;
const HEADING = /^(#{1,6})[ \t]+(.*)$/;
const ATTRIBUTE = /^([ \t]+)([A-Za-z][\w-]*)[ \t]*:(?=[ \t]|$)/;
const IGNORE = /^\s*\/\/\s*kent-ignore(-file)?\b[ \t]*([^:]*)(?::(.*))?$/;
/** The brackets inline text may hold: `[[ID]]`, `[@key, p. 4; @k2]`, `[-@key]`. */
const INLINE_OPEN = /\[\[|\[-?@/g;

export function splitLines(text: string): Line[] {
  const lines: Line[] = [];
  let start = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  while (start <= text.length) {
    let nl = text.indexOf('\n', start);
    if (nl === -1) nl = text.length;
    const end = nl > start && text.charCodeAt(nl - 1) === 13 ? nl - 1 : nl;
    lines.push({ start, end, text: text.slice(start, end) });
    start = nl + 1;
  }
  return lines;
}

/**
 * Parsed blocks by their text (and the kent-ignore codes before them): an edit re-parses only
 * the blocks it touched; the others are reused, their offsets shifted where the edit moved them.
 */
const blockCache = new Map<string, { start: number; item?: Item; diagnostics: KentDiagnostic[] }>();
const BLOCK_CACHE_LIMIT = 200_000;
let blockParses = 0;

/** How many blocks were parsed rather than reused: tests use it to prove an edit reparses little. */
export function blockParseCount(): number {
  return blockParses;
}

/** A copy of a parsed block moved by `delta` characters (spans are the only offsets it holds). */
function shiftItem(item: Item, delta: number): Item {
  const sp = (x: Span): Span => ({ start: x.start + delta, end: x.end + delta });
  const ref = <R extends Ref>(r: R): R => ({ ...r, span: sp(r.span) });
  const opt = <T extends { span: Span }>(x: T | undefined): T | undefined => (x ? { ...x, span: sp(x.span) } : undefined);
  return {
    ...item,
    idSpan: sp(item.idSpan),
    keywordSpan: sp(item.keywordSpan),
    statementSpan: sp(item.statementSpan),
    span: sp(item.span),
    attributes: item.attributes.map((a) => ({ ...a, nameSpan: sp(a.nameSpan), valueSpan: sp(a.valueSpan), span: sp(a.span) })),
    citations: item.citations.map((c) => ({ span: sp(c.span), refs: c.refs.map(ref) })),
    links: item.links.map(ref),
    likelihood: opt(item.likelihood),
    confidence: opt(item.confidence),
    because: item.because.map(ref),
    against: item.against.map(ref),
    assumes: item.assumes.map(ref),
    sameAs: item.sameAs && ref(item.sameAs),
    negates: item.negates && ref(item.negates),
    contradicts: item.contradicts.map(ref),
    revises: item.revises && ref(item.revises),
    supersedes: item.supersedes.map(ref),
    bibliography: item.bibliography.map((b) => ({ ...b, span: sp(b.span) })),
    source: item.source && ref(item.source),
    quote: opt(item.quote),
    credibility: opt(item.credibility),
    reliability: opt(item.reliability),
    file: opt(item.file),
  };
}

function shiftDiagnostic(d: KentDiagnostic, delta: number): KentDiagnostic {
  return { ...d, span: { start: d.span.start + delta, end: d.span.end + delta } };
}

/** Syntax errors reported per document at most. */
const MAX_SYNTAX = 500;

const isBlank = (l: Line) => l.text.trim() === '';
const isComment = (l: Line) => l.text.trimStart().startsWith('//');
const isIndented = (l: Line) => l.text.length > 0 && (l.text[0] === ' ' || l.text[0] === '\t');

/**
 * Parse one `.kent` document. `path` is its workspace-relative POSIX path; `invalidUtf8At`,
 * when the front end found bytes that are not UTF-8, is where the first one decoded.
 */
export function parseDocument(path: string, text: string, invalidUtf8At?: number): KentDocument {
  const doc = new DocumentParser(path, text).run();
  if (invalidUtf8At !== undefined) {
    doc.parseDiagnostics.unshift({
      path,
      span: { start: invalidUtf8At, end: Math.min(text.length, invalidUtf8At + 1) },
      severity: 'error',
      code: 'syntax',
      message: 'this file is not valid UTF-8: the bytes here could not be decoded (shown as \uFFFD); save the file as UTF-8',
    });
  }
  return doc;
}

class DocumentParser {
  private readonly lines: Line[];
  private readonly diagnostics: KentDiagnostic[] = [];
  private readonly items: Item[] = [];
  private readonly headings: Heading[] = [];
  private readonly prose: Prose[] = [];
  private readonly ignoredInFile = new Set<string>();

  constructor(
    private readonly path: string,
    private readonly text: string,
  ) {
    this.lines = splitLines(text);
  }

  run(): KentDocument {
    const lines = this.lines;
    let pendingIgnores: string[] = [];
    let paragraph: Line[] = [];
    const endParagraph = () => {
      if (paragraph.length) this.prose.push(this.parseProse(paragraph));
      paragraph = [];
    };
    let i = 0;
    while (i < lines.length) {
      const line = lines[i];
      if (isBlank(line)) {
        endParagraph();
        pendingIgnores = [];
        i++;
        continue;
      }
      if (isComment(line)) {
        pendingIgnores.push(...this.readIgnoreComment(line));
        i++;
        continue;
      }
      if (!isIndented(line)) {
        const heading = HEADING.exec(line.text);
        if (heading) {
          endParagraph();
          this.headings.push({ level: heading[1].length, text: heading[2].trim(), span: { start: line.start, end: line.end } });
          i++;
          continue;
        }
        if (this.isBlockHeader(i)) {
          endParagraph();
          i = this.parseBlock(i, new Set(pendingIgnores));
          pendingIgnores = [];
          continue;
        }
      } else if (paragraph.length === 0) {
        this.reportOrphanAttribute(line);
      }
      paragraph.push(line);
      i++;
    }
    endParagraph();
    this.checkAssessmentPlacement();
    this.capSyntax();
    const assessment = this.items[0]?.kind === 'assessment' ? this.items[0] : undefined;
    return {
      path: this.path,
      text: this.text,
      assessment,
      items: this.items,
      headings: this.headings,
      prose: this.prose,
      ignoredInFile: this.ignoredInFile,
      parseDiagnostics: this.diagnostics,
    };
  }

  private syntax(span: Span, message: string): void {
    this.diagnostics.push({ path: this.path, span, severity: 'error', code: 'syntax', message });
  }

  /** A document broken everywhere reports its first problems, then says how many more there are. */
  private capSyntax(): void {
    const syntax = this.diagnostics.filter((d) => d.code === 'syntax');
    if (syntax.length <= MAX_SYNTAX) return;
    const kept = new Set(syntax.slice(0, MAX_SYNTAX));
    const last = syntax[MAX_SYNTAX - 1];
    const rest = this.diagnostics.filter((d) => d.code !== 'syntax' || kept.has(d));
    this.diagnostics.length = 0;
    for (const d of rest) this.diagnostics.push(d);
    this.syntax(last.span, `${syntax.length - MAX_SYNTAX} more syntax errors after this one are not shown; fix these first`);
  }

  /** A line at column 0 is a block header when it reads `KEYWORD ID:` or is followed by indented lines. */
  private isBlockHeader(i: number): boolean {
    const text = this.lines[i].text;
    if (HEADER_WITH_COLON.test(text)) return true;
    if (!HEADER_START.test(text)) return false;
    const next = this.lines[i + 1];
    return next !== undefined && isIndented(next) && !isBlank(next);
  }

  /** `// kent-ignore CODE, CODE: reason` returns its codes; `kent-ignore-file` records them for the document. */
  private readIgnoreComment(line: Line): string[] {
    const m = IGNORE.exec(line.text);
    if (!m) return [];
    const codes = m[2]
      .split(',')
      .map((c) => c.trim())
      .filter(Boolean);
    if (codes.length === 0) {
      this.syntax({ start: line.start, end: line.end }, 'kent-ignore: expected one or more diagnostic codes, then `: reason`');
    }
    if (m[1]) {
      codes.forEach((c) => this.ignoredInFile.add(c));
      return [];
    }
    return codes;
  }

  /** An attribute line after a blank line belongs to no block: a common slip worth saying so. */
  private reportOrphanAttribute(line: Line): void {
    const m = ATTRIBUTE.exec(line.text);
    if (m && KNOWN_ATTRIBUTES.has(m[2])) {
      const start = line.start + m[1].length;
      this.syntax(
        { start, end: start + m[2].length },
        `\`${m[2]}:\` is outside any block: a blank line ends a block, so this attribute belongs to nothing. Remove the blank line above it.`,
      );
    }
  }

  private checkAssessmentPlacement(): void {
    this.items.forEach((item, index) => {
      if (item.kind === 'assessment' && index > 0) {
        this.syntax(item.keywordSpan, `assessment ${item.id}: a document has at most one \`assessment\` block, and it comes first`);
      }
    });
  }

  /** Parse the block starting at line `i`; returns the index of the first line after it. */
  private parseBlock(first: number, ignored: Set<string>): number {
    const lines = this.lines;
    let last = first;
    const body: Line[] = [];
    for (let j = first + 1; j < lines.length; j++) {
      const l = lines[j];
      if (isBlank(l)) break;
      if (isComment(l)) {
        last = j;
        continue;
      }
      if (!isIndented(l)) break;
      body.push(l);
      last = j;
    }
    const start = lines[first].start;
    const key = [...ignored].join(',') + '\u0000' + this.text.slice(start, lines[last].end);
    const cached = blockCache.get(key);
    if (cached) {
      const delta = start - cached.start;
      if (cached.item) this.items.push(delta === 0 ? cached.item : shiftItem(cached.item, delta));
      for (const d of cached.diagnostics) this.diagnostics.push({ ...shiftDiagnostic(d, delta), path: this.path });
      return last + 1;
    }
    blockParses++;
    const before = this.diagnostics.length;
    const item = this.parseHeaderAndBody(lines[first], body, ignored);
    if (item) {
      item.span = { start, end: lines[last].end };
      this.items.push(item);
    }
    if (blockCache.size >= BLOCK_CACHE_LIMIT) blockCache.clear();
    blockCache.set(key, { start, item, diagnostics: this.diagnostics.slice(before) });
    return last + 1;
  }

  private parseHeaderAndBody(header: Line, body: Line[], ignored: Set<string>): Item | undefined {
    const colon = header.text.indexOf(':');
    const prefix = colon === -1 ? header.text.trimEnd() : header.text.slice(0, colon + 1);
    const outcome = matchRule('Header', prefix);
    if (!outcome.ok) {
      this.reportMatchFailure(outcome, header.start, prefix, 'block header', 'expected `KEYWORD ID: statement`');
      return undefined;
    }
    const h = outcome.value as Extract<Parsed, { type: 'header' }>;
    const kind = h.keyword as BlockKind;
    const textStart = header.start + h.colon + 1;
    // Statement: the rest of the header line plus indented lines before the first attribute.
    let firstAttr = body.findIndex((l) => {
      const m = ATTRIBUTE.exec(l.text);
      return m !== null && KNOWN_ATTRIBUTES.has(m[2]);
    });
    if (firstAttr === -1) firstAttr = body.length;
    const statementEnd = firstAttr > 0 ? body[firstAttr - 1].end : header.end;
    const statementSpan = trimSpan(this.text, textStart, statementEnd);
    const statement = blankComments(this.text.slice(statementSpan.start, statementSpan.end));
    const item: Item = {
      kind,
      id: h.id,
      idSpan: shift(h.idSpan, header.start),
      keywordSpan: shift(h.keywordSpan, header.start),
      statement,
      statementSpan,
      span: { start: header.start, end: header.end },
      attributes: [],
      citations: [],
      links: [],
      because: [],
      against: [],
      assumes: [],
      contradicts: [],
      supersedes: [],
      bibliography: [],
      ignored,
    };
    if (statement.trim() === '') {
      this.syntax(item.idSpan, `${kind} ${h.id}: expected a ${kind === 'source' || kind === 'assessment' ? 'title' : 'statement'} after \`${h.id}:\``);
    }
    const inline = this.scanInline(statement, statementSpan.start);
    item.citations = inline.citations;
    item.links = inline.links;
    for (const attr of this.readAttributes(kind, body.slice(firstAttr))) {
      item.attributes.push(attr);
      if (attr.allowed) this.applyAttribute(item, attr);
    }
    return item;
  }

  /** Group attribute lines with their continuation lines. */
  private readAttributes(kind: BlockKind, lines: Line[]): Attribute[] {
    const attrs: Attribute[] = [];
    const seen = new Set<string>();
    for (const line of lines) {
      const m = ATTRIBUTE.exec(line.text);
      const prev = attrs[attrs.length - 1];
      const insideQuote = prev?.name === 'quote' && countQuotes(this.text.slice(prev.valueSpan.start, line.start)) % 2 === 1;
      if (!m || insideQuote) {
        if (prev) {
          // Continuation of the previous attribute's value.
          prev.valueSpan = trimSpan(this.text, prev.valueSpan.start, line.end);
          prev.value = blankComments(this.text.slice(prev.valueSpan.start, prev.valueSpan.end));
          prev.span.end = line.end;
        }
        continue;
      }
      const nameStart = line.start + m[1].length;
      const name = m[2];
      const attr: Attribute = {
        name,
        nameSpan: { start: nameStart, end: nameStart + name.length },
        value: '',
        valueSpan: trimSpan(this.text, line.start + m[0].length, line.end),
        span: { start: nameStart, end: line.end },
        allowed: ALLOWED_ATTRIBUTES[kind].includes(name),
      };
      attr.value = this.text.slice(attr.valueSpan.start, attr.valueSpan.end);
      if (attr.allowed && seen.has(name) && !REPEATABLE.has(name)) {
        this.syntax(attr.nameSpan, `\`${name}\` is given twice in this ${kind}; expected it once (the first one counts)`);
        attr.allowed = false;
      }
      seen.add(name);
      attrs.push(attr);
    }
    return attrs;
  }

  /** Parse an attribute's value into the item's typed fields; syntax errors are reported. */
  private applyAttribute(item: Item, attr: Attribute): void {
    const v = attr.value;
    const at = attr.valueSpan.start;
    const span = attr.valueSpan;
    if (v.trim() === '') {
      this.syntax(attr.nameSpan, `\`${attr.name}\` has no value; expected ${EXPECTED_VALUE[attr.name] ?? 'a value'}`);
      return;
    }
    switch (attr.name) {
      case 'likelihood': {
        const r = this.match('Likelihood', v, at, attr);
        if (r?.type === 'likelihood') item.likelihood = { text: r.text, span, ...(r.percent ? { percent: r.percent } : {}) };
        return;
      }
      case 'confidence':
        item.confidence = { value: v, span };
        return;
      case 'credibility':
        item.credibility = { value: v, span };
        return;
      case 'reliability':
        item.reliability = { value: v, span };
        return;
      case 'because':
      case 'against':
        item[attr.name] = this.refs('RefList', v, at, attr);
        return;
      case 'assumes':
      case 'contradicts':
      case 'supersedes':
        item[attr.name] = this.refs('IdList', v, at, attr).filter(isItemRef);
        return;
      case 'same-as':
      case 'negates':
      case 'revises': {
        const ref = this.refs('OneRef', v, at, attr).find(isItemRef);
        if (ref) item[attr.name === 'same-as' ? 'sameAs' : attr.name] = ref;
        return;
      }
      case 'resolved': {
        const r = this.match('Resolved', v, at, attr);
        if (r?.type === 'resolved') item.resolved = r.date ? { value: r.value, date: r.date } : { value: r.value };
        return;
      }
      case 'source': {
        const ref = this.refs('SourceAttr', v, at, attr)[0];
        if (ref?.type === 'source') item.source = ref;
        return;
      }
      case 'quote': {
        const r = this.match('Quote', v, at, attr);
        if (r?.type === 'quote') item.quote = { text: r.text, span };
        return;
      }
      case 'bibliography':
        item.bibliography.push({ path: v, span });
        return;
      case 'file':
        item.file = { path: v, span };
        return;
      case 'origin':
        item.origin = v;
        return;
      default:
        // date, author, url, locator, status, kind: free text, read from `attributes` where needed.
        return;
    }
  }

  private match(rule: Rule, text: string, at: number, attr: Attribute): Parsed | undefined {
    const outcome = matchRule(rule, text);
    if (outcome.ok) return outcome.value;
    this.reportMatchFailure(outcome, at, text, `\`${attr.name}\``, `expected ${EXPECTED_VALUE[attr.name] ?? 'a value'}`);
    return undefined;
  }

  private refs(rule: Rule, text: string, at: number, attr: Attribute): Ref[] {
    const r = this.match(rule, text, at, attr);
    return r?.type === 'refs' ? r.refs.map((n) => toRef(n, at)) : [];
  }

  private reportMatchFailure(outcome: Extract<MatchOutcome, { ok: false }>, at: number, text: string, what: string, hint: string): void {
    const offset = Math.min(outcome.offset, text.length);
    const found = offset < text.length ? `found "${text.slice(offset).match(/^\S{1,20}/)?.[0] ?? text[offset]}"` : 'found the end of the line';
    const start = at + offset;
    const end = offset < text.length ? start + (text.slice(offset).match(/^\S+/)?.[0].length ?? 1) : start;
    this.syntax({ start: end === start && start > at ? start - 1 : start, end: end === start && start > at ? start : end }, `${what}: expected ${outcome.expected}; ${found} (${hint})`);
  }

  /** Citations `[@key, p. 4]` and item links `[[ID]]` in running text starting at `base`. */
  private scanInline(text: string, base: number): { citations: Citation[]; links: ItemRef[] } {
    const citations: Citation[] = [];
    const links: ItemRef[] = [];
    INLINE_OPEN.lastIndex = 0;
    for (let m = INLINE_OPEN.exec(text); m; m = INLINE_OPEN.exec(text)) {
      const open = m.index;
      if (m[0] === '[[') {
        const close = closing(text, ']]', open + 2, MAX_LINK);
        const inner = close === -1 ? '' : text.slice(open + 2, close);
        if (close === -1 || inner.includes('\n\n')) {
          this.syntax({ start: base + open, end: base + open + 2 }, 'item link: expected `]]` to close `[[`');
          continue;
        }
        const lead = inner.length - inner.trimStart().length;
        const outcome = matchRule('OneRef', inner.trim());
        if (outcome.ok && outcome.value.type === 'refs') {
          links.push(toRef(outcome.value.refs[0], base + open + 2 + lead) as ItemRef);
        } else if (!outcome.ok) {
          this.reportMatchFailure(outcome, base + open + 2 + lead, inner.trim(), 'item link', 'expected `[[ID]]` or `[[assessment/ID]]`');
        }
        INLINE_OPEN.lastIndex = close + 2;
        continue;
      }
      const close = closing(text, ']', open, MAX_CITATION);
      if (close === -1) {
        this.syntax({ start: base + open, end: base + open + m[0].length }, 'citation: expected `]` to close `[@`');
        continue;
      }
      const outcome = matchRule('Citation', text.slice(open, close + 1));
      if (outcome.ok && outcome.value.type === 'citation') {
        citations.push({
          span: { start: base + open, end: base + close + 1 },
          refs: outcome.value.refs.map((r) => toRef(r, base + open) as SourceRef),
        });
      } else if (!outcome.ok) {
        this.reportMatchFailure(outcome, base + open, text.slice(open, close + 1), 'citation', 'expected `[@key]` or `[@key, p. 4; @other]`');
      }
      INLINE_OPEN.lastIndex = close + 1;
    }
    return { citations, links };
  }

  private parseProse(lines: Line[]): Prose {
    const span = { start: lines[0].start, end: lines[lines.length - 1].end };
    const text = blankComments(this.text.slice(span.start, span.end));
    return { text, span, ...this.scanInline(text, span.start) };
  }
}

const EXPECTED_VALUE: Record<string, string> = {
  likelihood: 'an estimative term (e.g. `likely`) or a percentage (`70%`, `60-75%`)',
  confidence: '`low`, `moderate` or `high`',
  because: 'item IDs, `@keys` or `[@key, p. 3]`, separated by commas',
  against: 'item IDs, `@keys` or `[@key, p. 3]`, separated by commas',
  assumes: 'assumption IDs separated by commas',
  contradicts: 'item IDs separated by commas',
  supersedes: 'assessment IDs separated by commas',
  'same-as': 'one item ID, e.g. `C1` or `nie-1998/KJ1`',
  negates: 'one item ID, e.g. `C1` or `nie-1998/KJ1`',
  revises: 'one item ID, e.g. `nie-1998/KJ1`',
  resolved: '`true` or `false`, optionally with a date (`true 2025-01`)',
  source: 'a source key, e.g. `iiss-2024` or `@iiss-2024`',
  quote: 'a double-quoted string',
  credibility: 'a credibility code from `1` to `6`',
  reliability: 'a reliability code from `A` to `F`',
  bibliography: 'a path to a `.bib` or `.json` file',
  file: 'a path to a local copy of the source',
};

/** Longest `[[link]]` and `[@citation]`: an opening bracket without a close this near is unclosed. */
const MAX_LINK = 256;
const MAX_CITATION = 1024;

/** Where `close` first occurs within `max` characters from `from`, or -1: bounded, so many unclosed brackets stay linear. */
function closing(text: string, close: string, from: number, max: number): number {
  const at = text.slice(from, from + max + close.length).indexOf(close);
  return at === -1 ? -1 : from + at;
}

function toRef(n: RefNode, base: number): Ref {
  return { ...n, span: shift(n.span, base) } as Ref;
}

function isItemRef(r: Ref): r is ItemRef {
  return r.type === 'item';
}

function shift(s: { start: number; end: number }, by: number): Span {
  return { start: s.start + by, end: s.end + by };
}

/** The span [start, end) of `text` without leading and trailing whitespace. */
function trimSpan(text: string, start: number, end: number): Span {
  while (start < end && /\s/.test(text[start])) start++;
  while (end > start && /\s/.test(text[end - 1])) end--;
  return { start, end };
}

/** Replace `//` comment lines inside a multi-line value with spaces, keeping offsets. */
function blankComments(s: string): string {
  if (!s.includes('//')) return s;
  return s.replace(/(^|\n)([ \t]*\/\/[^\n]*)/g, (_all, nl: string, c: string) => nl + ' '.repeat(c.length));
}

function countQuotes(s: string): number {
  let n = 0;
  for (const ch of s) if (ch === '"') n++;
  return n;
}
