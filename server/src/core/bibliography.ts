/**
 * Bibliographies: BibTeX `.bib` and CSL-JSON `.json` files as Zotero or another
 * reference manager exports them. Pure: takes text, returns data, never throws.
 *
 * BibTeX is parsed by citation-js's BibTeX plugin (@citation-js/plugin-bibtex):
 * its first stage (`@biblatex/text` → `@biblatex/entries+list`) keeps every raw
 * field, custom ones included; its second stage (→ CSL) gives decoded titles,
 * names and dates. CSL-JSON is parsed by jsonc-parser, which gives offsets.
 */
import { parseTree, type Node as JsonNode, type ParseError } from 'jsonc-parser';
import { jsonErrorText } from './jsonErrors';
import { RELIABILITY_CODES, canonicalValue } from './attributes';

export interface BibEntry {
  key: string;
  /** Offsets of the key in the bibliography text (for go-to-definition). */
  keySpan: { start: number; end: number };
  /** Human-readable: author "Doe, J. and Roe, R.", date "2021-05" or "2021". */
  readonly title?: string;
  readonly author?: string;
  readonly date?: string;
  readonly url?: string;
  /** Kent's source attributes, carried as extra fields. */
  reliability?: string;
  origin?: string;
  kind?: string;
  /** All raw fields, lowercase names. */
  fields: Record<string, string>;
}
/** `offset` is into the bibliography text; `message` says what was wrong or expected. */
export interface BibError {
  offset: number;
  message: string;
}
export interface Bibliography {
  entries: Map<string, BibEntry>;
  errors: BibError[];
  /**
   * The keys of the entries skipped for an error, when every error is such an entry with its key
   * well written: a key neither read nor skipped is in no part of the file left unread.
   */
  skipped?: ReadonlySet<string>;
}

// ---------------------------------------------------------------------------
// citation-js (untyped CommonJS packages: loaded with require, typed locally)

interface RawBibEntry {
  type: string;
  label: string;
  properties: Record<string, string | number>;
}
interface CslName {
  family?: string;
  given?: string;
  literal?: string;
  'non-dropping-particle'?: string;
  'dropping-particle'?: string;
  suffix?: string;
}
interface CslDate {
  'date-parts'?: Array<Array<number | string>>;
  literal?: string;
  raw?: string;
}
interface CslItem {
  title?: unknown;
  author?: unknown;
  editor?: unknown;
  issued?: unknown;
  URL?: unknown;
  [field: string]: unknown;
}
interface CitationInput {
  data(input: unknown, type: string): unknown;
}

let citationInput: CitationInput | undefined;
let citationLoadError: string | undefined;

function bibtexInput(): CitationInput | undefined {
  if (citationInput || citationLoadError) return citationInput;
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const core = require('@citation-js/core') as { plugins: { input: CitationInput } };
    // Registers the @biblatex/* and @bibtex/* input formats.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    require('@citation-js/plugin-bibtex');
    citationInput = core.plugins.input;
  } catch (e) {
    citationLoadError = e instanceof Error ? e.message : String(e);
  }
  return citationInput;
}

// ---------------------------------------------------------------------------
// Public API

export function bibliographyFormat(path: string): 'bibtex' | 'csl-json' | undefined {
  const m = /\.([A-Za-z]+)$/.exec(path);
  const ext = m?.[1]?.toLowerCase();
  if (ext === 'bib' || ext === 'bibtex') return 'bibtex';
  if (ext === 'json') return 'csl-json';
  return undefined;
}

export function parseBibliography(text: string, format: 'bibtex' | 'csl-json'): Bibliography {
  const result: Bibliography = { entries: new Map(), errors: [] };
  try {
    if (format === 'bibtex') parseBibtex(text, result);
    else parseCslJson(text, result);
  } catch (e) {
    // Never throw: an unexpected failure becomes one error at the start.
    result.errors.push({ offset: 0, message: `cannot read bibliography: ${e instanceof Error ? e.message : String(e)}` });
  }
  return result;
}

// ---------------------------------------------------------------------------
// BibTeX

/** Index of the first NUL character, or -1: a sign the file is binary, not text. */
function binaryOffset(text: string): number {
  return text.indexOf('\u0000');
}

/** Offsets where each line starts. */
function lineStarts(text: string): number[] {
  const starts = [0];
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
  return starts;
}

/** Converts the "at line L col C" of a citation-js/moo error (1-based) into an offset. */
function errorOffset(message: string, text: string): number | undefined {
  const m = /\bline (\d+) col (\d+)/.exec(message);
  if (!m) return undefined;
  const starts = lineStarts(text);
  const line = Math.max(1, Number(m[1]));
  const col = Math.max(1, Number(m[2]));
  const start = starts[Math.min(line, starts.length) - 1] ?? 0;
  return Math.min(text.length, start + col - 1);
}

const TOKEN_NAMES: Record<string, string> = {
  rbrace: '"}"',
  lbrace: '"{"',
  comma: '","',
  equals: '"="',
  identifier: 'a field name',
  dataEntryType: 'an entry type',
  otherEntryType: 'an entry type',
  label: 'a key',
  text: 'text',
  quote: '\'"\'',
  hash: '"#"',
  number: 'a number',
  at: '"@"',
  junk: 'text',
  EOF: 'the end',
};

/** "expected "rbrace", got EOF at line 3 col 1: …" → 'expected "}", got the end'. */
function describeSyntaxError(message: string): string {
  const m = /expected "(\w+)", got (?:"(\w+)"|(EOF))/.exec(message);
  if (m) {
    const expected = TOKEN_NAMES[m[1] ?? ''] ?? m[1];
    const got = TOKEN_NAMES[m[2] ?? m[3] ?? ''] ?? m[2] ?? m[3];
    // A field where the entry should go on or close: the comma after the field before it is missing.
    if (m[1] === 'rbrace' && m[2] === 'identifier') return 'expected "," or "}", got a field name (is the "," after the field before it missing?)';
    return `expected ${expected}, got ${got}`;
  }
  if (/invalid syntax/.test(message)) return 'invalid character';
  return (message.split('\n')[0] ?? message).replace(/\s*at line \d+ col \d+:?\s*$/, '');
}

type ParseOutcome = { ok: true; entries: RawBibEntry[] } | { ok: false; message: string };

function runBibtexParser(input: CitationInput, text: string): ParseOutcome {
  try {
    const data = input.data(text, '@biblatex/text');
    if (!Array.isArray(data)) return { ok: true, entries: [] };
    return { ok: true, entries: data.filter(isRawEntry) };
  } catch (e) {
    return { ok: false, message: e instanceof Error ? e.message : String(e) };
  }
}

function isRawEntry(x: unknown): x is RawBibEntry {
  if (typeof x !== 'object' || x === null) return false;
  const e = x as Partial<RawBibEntry>;
  return typeof e.label === 'string' && typeof e.type === 'string' && typeof e.properties === 'object' && e.properties !== null;
}

interface Chunk {
  start: number;
  end: number;
}

/** Splits at lines whose first non-blank character is `@` (the text before the first such line is a chunk too). */
function splitChunks(text: string): Chunk[] {
  const starts: number[] = [];
  const re = /^[ \t]*@/gm;
  for (let m = re.exec(text); m; m = re.exec(text)) starts.push(m.index + m[0].length - 1);
  const chunks: Chunk[] = [];
  if (starts.length === 0 || starts[0]! > 0) chunks.push({ start: 0, end: starts[0] ?? text.length });
  starts.forEach((s, i) => chunks.push({ start: s, end: starts[i + 1] ?? text.length }));
  return chunks;
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Finds `@type{label` at or after `from`; returns the label's offsets. */
function findKeySpan(text: string, type: string, label: string, from: number): { start: number; end: number } | undefined {
  const re = new RegExp(`@\\s*${escapeRegExp(type)}\\s*[{(]\\s*`, 'gi');
  re.lastIndex = from;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    const start = m.index + m[0].length;
    if (text.startsWith(label, start)) return { start, end: start + label.length };
  }
  return undefined;
}

function isAtSkippable(chunk: string): boolean {
  return /^@\s*(?:string|preamble|comment)\b/i.test(chunk);
}

/** True when the text holds nothing but blanks and `%` comment lines. */
function isBlankBibtex(text: string): boolean {
  return text.split('\n').every((line) => /^\s*(?:%.*)?$/.test(line));
}

function parseBibtex(text: string, out: Bibliography): void {
  if (text.trim() === '') return;
  const nul = binaryOffset(text);
  if (nul !== -1) {
    out.errors.push({ offset: nul, message: 'not a BibTeX file: it holds binary data' });
    return;
  }
  const bomb = expansionBomb(text);
  if (bomb) {
    out.errors.push(bomb);
    return;
  }
  const input = bibtexInput();
  if (!input) {
    out.errors.push({ offset: 0, message: `cannot load the BibTeX parser: ${citationLoadError ?? 'unknown error'}` });
    return;
  }

  const found: Array<{ raw: RawBibEntry; keySpan: { start: number; end: number } }> = [];
  let sawSpecial = false;

  const whole = runBibtexParser(input, text);
  if (whole.ok) {
    let cursor = 0;
    for (const raw of whole.entries) {
      const span = findKeySpan(text, raw.type, raw.label, cursor) ?? fallbackSpan(text, raw.label, cursor);
      cursor = span.end;
      found.push({ raw, keySpan: span });
    }
    sawSpecial = /^[ \t]*@\s*(?:string|preamble|comment)\b/im.test(text);
  } else {
    // Recover entry by entry so one broken entry does not lose the rest.
    const wholeOffset = errorOffset(whole.message, text) ?? 0;
    let prefix = ''; // @string definitions seen so far, so later entries can use them
    let chunkErrors = 0;
    const skipped = new Set<string>();
    let unkeyed = false; // an error outside an entry whose key is plain: what it lost is unknown
    for (const chunk of splitChunks(text)) {
      const body = text.slice(chunk.start, chunk.end);
      if (body.trim() === '') continue;
      const special = isAtSkippable(body);
      if (special) sawSpecial = true;
      const parsed = runBibtexParser(input, prefix + body);
      if (parsed.ok) {
        if (special && /^@\s*string\b/i.test(body)) prefix += body + '\n';
        let cursor = chunk.start;
        for (const raw of parsed.entries) {
          const span = findKeySpan(text, raw.type, raw.label, cursor) ?? fallbackSpan(text, raw.label, cursor);
          cursor = span.end;
          found.push({ raw, keySpan: span });
        }
        continue;
      }
      chunkErrors++;
      const local = (errorOffset(parsed.message, prefix + body) ?? prefix.length) - prefix.length;
      const offset = chunk.start + Math.max(0, Math.min(local, body.length));
      const head = /^@\s*([A-Za-z_][\w:+-]*)\s*[{(]\s*([^,\s{}()]*)/.exec(body);
      const what = head ? (head[2] ? `entry "${head[2]}"` : `@${head[1]} entry`) : 'text';
      const atEnd = body.slice(Math.max(0, local)).trim() === '';
      const key = /^@\s*[A-Za-z_][\w:+-]*\s*[{(]\s*([^,\s{}()=]+)\s*,/.exec(body)?.[1];
      if (key && !special) skipped.add(key);
      else unkeyed = true;
      if (head && atEnd) {
        out.errors.push({
          offset: chunk.start,
          message: `${what} is not closed before ${chunk.end < text.length ? 'the next entry' : 'the end of the file'} (an unbalanced "{" or quote, or a missing "}"); it was skipped`,
        });
      } else {
        out.errors.push({ offset, message: `syntax error in ${what}: ${describeSyntaxError(parsed.message)}${head ? '; the entry was skipped' : ''}` });
      }
    }
    if (chunkErrors === 0) {
      out.errors.push({ offset: wholeOffset, message: `BibTeX syntax error: ${describeSyntaxError(whole.message)}` });
    } else if (!unkeyed) out.skipped = skipped;
  }

  if (found.length === 0 && out.errors.length === 0 && !sawSpecial && !isBlankBibtex(text)) {
    const first = text.search(/\S/);
    out.errors.push({
      offset: Math.max(0, first),
      message: 'not a BibTeX file: no entries found (expected entries like "@article{key, title = {...}}")',
    });
    return;
  }

  for (const { raw, keySpan } of found) {
    const entry = bibtexEntry(input, raw, keySpan);
    addEntry(out, entry);
  }
}

/** The most characters one `@string` macro may expand to, and all uses of macros together. */
const MAX_MACRO = 1_000_000;
const MAX_EXPANDED = 16_000_000;

/**
 * An `@string` expansion bomb (`@string{a1 = a0 # a0}`, `a2 = a1 # a1`, …: 700 bytes that expand
 * to gigabytes) is refused before the BibTeX parser sees it. A linear scan sizes each macro from
 * the sizes of the macros it joins; real files define macros of a few dozen characters.
 */
function expansionBomb(text: string): BibError | undefined {
  if (!/@\s*string\b/i.test(text)) return undefined;
  const sizes = new Map<string, number>();
  const word = /[^\s#{}(),"=]+/y;
  const skipSpace = (i: number) => {
    while (i < text.length && /\s/.test(text[i]!)) i++;
    return i;
  };
  const define = /@\s*string\s*[{(]\s*([^\s=#{}(),"]+)\s*=/gi;
  for (let m = define.exec(text); m; m = define.exec(text)) {
    let i = define.lastIndex;
    let size = 0;
    for (;;) {
      i = skipSpace(i);
      const c = text[i];
      if (c === '"' || c === '{') {
        const start = i++;
        let depth = c === '{' ? 1 : 0;
        for (; i < text.length; i++) {
          const d = text[i];
          if (d === '{') depth++;
          else if (d === '}') {
            depth--;
            if (c === '{' && depth === 0) break;
          } else if (d === '"' && c === '"' && depth <= 0) break;
        }
        i++;
        size += i - start;
      } else {
        word.lastIndex = i;
        const w = word.exec(text);
        if (!w) break;
        i = word.lastIndex;
        size += sizes.get(w[0].toLowerCase()) ?? w[0].length;
      }
      i = skipSpace(i);
      if (text[i] !== '#') break;
      i++;
    }
    sizes.set(m[1]!.toLowerCase(), size);
    if (size > MAX_MACRO) return { offset: m.index, message: `@string ${m[1]} expands to more than ${MAX_MACRO.toLocaleString('en')} characters (a string-expansion bomb); the bibliography is not read` };
    define.lastIndex = Math.max(define.lastIndex, i);
  }
  // Every use of a macro anywhere counts its expansion (a small macro used a million times too).
  let total = 0;
  const any = /[^\s#{}(),"=]+/g;
  for (let m = any.exec(text); m; m = any.exec(text)) {
    total += sizes.get(m[0].toLowerCase()) ?? 0;
    if (total > MAX_EXPANDED) return { offset: m.index, message: `the @string macros used in this file expand to more than ${MAX_EXPANDED.toLocaleString('en')} characters (a string-expansion bomb); the bibliography is not read` };
  }
  return undefined;
}

function fallbackSpan(text: string, label: string, from: number): { start: number; end: number } {
  const i = text.indexOf(label, from);
  const start = i === -1 ? from : i;
  return { start, end: i === -1 ? from : i + label.length };
}

function addEntry(out: Bibliography, entry: BibEntry): void {
  if (out.entries.has(entry.key)) {
    out.errors.push({ offset: entry.keySpan.start, message: `duplicate key "${entry.key}": an earlier entry has the same key; this one is ignored` });
    return;
  }
  out.entries.set(entry.key, entry);
}

function bibtexEntry(input: CitationInput, raw: RawBibEntry, keySpan: { start: number; end: number }): BibEntry {
  const fields: Record<string, string> = {};
  for (const [name, value] of Object.entries(raw.properties)) fields[name.toLowerCase()] = String(value);
  const entry: BibEntry = { key: raw.label, keySpan, fields };
  describeOnDemand(entry, () => bibtexDescription(input, raw, fields));

  const fromNote = noteAttributes([fields.note, fields.annote, fields.annotation, fields.extra]);
  for (const attr of SOURCE_ATTRIBUTES) {
    const value = latexToText(fields[attr]) ?? fromNote[attr];
    if (value) entry[attr] = sourceAttribute(attr, value);
  }
  return entry;
}

type Description = Pick<BibEntry, 'title' | 'author' | 'date' | 'url'>;
const DESCRIPTION = ['title', 'author', 'date', 'url'] as const;

/**
 * Gives an entry its title, author, date and URL when one of them is first read. They come from
 * citation-js's conversion to CSL, which costs more than parsing the file, and only hovers,
 * completion and exports read them: the checks read the ratings.
 */
function describeOnDemand(entry: BibEntry, describe: () => Description): void {
  let description: Description | undefined;
  for (const name of DESCRIPTION) {
    Object.defineProperty(entry, name, { enumerable: true, get: () => (description ??= describe())[name] });
  }
}

/** Title, author, date and URL decoded by citation-js (the CSL conversion), else from the raw fields. */
function bibtexDescription(input: CitationInput, raw: RawBibEntry, fields: Record<string, string>): Description {
  let csl: CslItem | undefined;
  try {
    const list = input.data([raw], '@biblatex/entries+list');
    if (Array.isArray(list) && typeof list[0] === 'object' && list[0] !== null) csl = list[0] as CslItem;
  } catch {
    csl = undefined;
  }
  const title = (csl && typeof csl.title === 'string' ? stripMarkup(csl.title) : undefined) ?? latexToText(fields.title);
  const author = (csl ? formatNames(csl.author) ?? formatNames(csl.editor) : undefined) ?? latexToText(fields.author ?? fields.editor);
  const date = (csl ? formatDate(csl.issued) : undefined) ?? latexToText(fields.date ?? fields.year);
  const url = (csl && typeof csl.URL === 'string' ? csl.URL : undefined) ?? latexToText(fields.url);
  return described({ title, author, date, url });
}

/** The parts of a description that say something: an empty title is no title. */
function described(d: Description): Description {
  const out: { -readonly [K in keyof Description]: Description[K] } = {};
  for (const name of DESCRIPTION) if (d[name]) out[name] = d[name];
  return out;
}

const SOURCE_ATTRIBUTES = ['reliability', 'origin', 'kind'] as const;

/** A source attribute's value as Kent reads it: a rating in any case (`{b}`, "b") is that rating, as in a source block. */
function sourceAttribute(attr: (typeof SOURCE_ATTRIBUTES)[number], value: string): string {
  return attr === 'reliability' ? canonicalValue(value, RELIABILITY_CODES) : value;
}

/** "reliability: B" lines inside a note (Zotero's "Extra" field). */
function noteAttributes(notes: Array<string | undefined>): Partial<Record<(typeof SOURCE_ATTRIBUTES)[number], string>> {
  const out: Partial<Record<(typeof SOURCE_ATTRIBUTES)[number], string>> = {};
  for (const note of notes) {
    if (!note) continue;
    for (const line of note.split(/\r?\n|<br\s*\/?>/)) {
      const m = /^\s*(reliability|origin|kind)\s*:\s*(.*?)\s*$/i.exec(stripMarkup(line));
      if (!m) continue;
      const name = m[1]!.toLowerCase() as (typeof SOURCE_ATTRIBUTES)[number];
      const value = latexToText(m[2]);
      if (value && out[name] === undefined) out[name] = value;
    }
  }
  return out;
}

/** Removes the rich-text markup citation-js puts into CSL strings (<i>, <b>, <sup>, <span class="nocase">, …). */
function stripMarkup(s: string): string {
  return s
    .replace(/<\/?(?:i|b|sup|sub|sc|span)(?:\s[^<>]*)?>/g, '')
    .replace(/\s+/g, ' ')
    .trim();
}

/** A light LaTeX-to-text for raw fields: escapes, common commands, braces. */
function latexToText(s: string | undefined): string | undefined {
  if (s === undefined) return undefined;
  const text = s
    .replace(/\\([&%$#_{}~^])/g, (_m, c: string) => (c === '~' || c === '^' ? '' : c))
    .replace(/\\(?:emph|textit|textbf|textsc|textrm|texttt|mkbibquote|url|href)\s*/g, '')
    .replace(/\\[A-Za-z]+\s*/g, '')
    .replace(/[{}]/g, '')
    .replace(/~/g, ' ')
    .replace(/---/g, '\u2014')
    .replace(/--/g, '\u2013')
    .replace(/\s+/g, ' ')
    .trim();
  return text === '' ? undefined : text;
}

function formatNames(value: unknown): string | undefined {
  if (typeof value === 'string') return value.trim() || undefined;
  if (!Array.isArray(value)) return undefined;
  const names: string[] = [];
  for (const n of value as unknown[]) {
    if (typeof n === 'string') {
      if (n.trim()) names.push(n.trim());
      continue;
    }
    if (typeof n !== 'object' || n === null) continue;
    const name = n as CslName;
    if (typeof name.literal === 'string' && name.literal.trim()) {
      names.push(stripMarkup(name.literal));
      continue;
    }
    const family = [name['non-dropping-particle'], name.family].filter((x): x is string => typeof x === 'string' && x !== '').join(' ');
    const given = [name.given, name['dropping-particle']].filter((x): x is string => typeof x === 'string' && x !== '').join(' ');
    let text = family && given ? `${family}, ${given}` : family || given;
    if (text && typeof name.suffix === 'string' && name.suffix) text += `, ${name.suffix}`;
    if (text) names.push(stripMarkup(text));
  }
  return names.length ? names.join(' and ') : undefined;
}

function formatDate(value: unknown): string | undefined {
  if (typeof value === 'string') return value.trim() || undefined;
  if (typeof value !== 'object' || value === null) return undefined;
  const d = value as CslDate;
  const parts = d['date-parts'];
  if (Array.isArray(parts) && parts.length > 0) {
    const dates = parts
      .filter((p): p is Array<number | string> => Array.isArray(p) && p.length > 0)
      .map((p) =>
        p
          .slice(0, 3)
          .map((x, i) => (i === 0 ? String(x) : String(x).padStart(2, '0')))
          .join('-'),
      )
      .filter((s) => s !== '' && !s.startsWith('undefined'));
    if (dates.length) return dates.join('/');
  }
  if (typeof d.literal === 'string' && d.literal.trim()) return d.literal.trim();
  if (typeof d.raw === 'string' && d.raw.trim()) return d.raw.trim();
  return undefined;
}

// ---------------------------------------------------------------------------
// CSL-JSON

function parseCslJson(text: string, out: Bibliography): void {
  if (text.trim() === '') return;
  const nul = binaryOffset(text);
  if (nul !== -1) {
    out.errors.push({ offset: nul, message: 'not a CSL-JSON file: it holds binary data' });
    return;
  }
  const errors: ParseError[] = [];
  const root = parseTree(text, errors, { allowTrailingComma: true, disallowComments: false, allowEmptyContent: true });
  // Report the first syntax error only: the ones after it mostly follow from it.
  const firstError = errors[0];
  if (firstError) {
    const more = errors.length > 1 ? ` (and ${errors.length - 1} more error${errors.length > 2 ? 's' : ''} after it)` : '';
    out.errors.push({ offset: firstError.offset, message: `invalid JSON: ${jsonErrorText(firstError.error)}${more}` });
  }
  if (!root) {
    if (errors.length === 0) out.errors.push({ offset: 0, message: 'not a CSL-JSON file: expected an array of items' });
    return;
  }

  let items: JsonNode[];
  if (root.type === 'array') items = root.children ?? [];
  else if (root.type === 'object' && (property(root, 'id') || property(root, 'citation-key'))) items = [root];
  else if (root.type === 'object' && property(root, 'items')?.type === 'array') items = property(root, 'items')!.children ?? [];
  else {
    if (errors.length === 0) out.errors.push({ offset: root.offset, message: 'not a CSL-JSON file: expected an array of items ([{"id": ..., "title": ...}])' });
    return;
  }

  for (const item of items) {
    if (item.type !== 'object') {
      out.errors.push({ offset: item.offset, message: 'expected a CSL-JSON item (an object with an "id")' });
      continue;
    }
    const entry = cslEntry(item);
    if (!entry) {
      out.errors.push({ offset: item.offset, message: 'CSL-JSON item has no "id" (or "citation-key")' });
      continue;
    }
    addEntry(out, entry);
  }
}

/** The value node of a property of an object node. */
function property(obj: JsonNode, name: string): JsonNode | undefined {
  for (const p of obj.children ?? []) {
    if (p.type === 'property' && p.children?.[0]?.value === name) return p.children[1];
  }
  return undefined;
}

/** A JSON node back to a plain value (jsonc-parser's getNodeValue, tolerant of partial trees). */
function nodeValue(node: JsonNode | undefined): unknown {
  if (!node) return undefined;
  switch (node.type) {
    case 'array':
      return (node.children ?? []).map(nodeValue);
    case 'object': {
      const o: Record<string, unknown> = Object.create(null) as Record<string, unknown>;
      for (const p of node.children ?? []) {
        const k = p.children?.[0]?.value;
        if (typeof k === 'string') o[k] = nodeValue(p.children?.[1]);
      }
      return o;
    }
    default:
      return node.value;
  }
}

function keyNodeSpan(node: JsonNode): { start: number; end: number } {
  return node.type === 'string' ? { start: node.offset + 1, end: node.offset + Math.max(1, node.length - 1) } : { start: node.offset, end: node.offset + node.length };
}

function cslEntry(item: JsonNode): BibEntry | undefined {
  const keyNode = [property(item, 'citation-key'), property(item, 'id')].find(
    (n) => n !== undefined && (n.type === 'string' || n.type === 'number') && String(n.value) !== '',
  );
  if (!keyNode) return undefined;
  const data = nodeValue(item) as Record<string, unknown>;

  const fields: Record<string, string> = {};
  for (const [name, value] of Object.entries(data)) {
    if (value === undefined || value === null) continue;
    fields[name.toLowerCase()] = typeof value === 'string' ? value : typeof value === 'object' ? JSON.stringify(value) : String(value);
  }
  const entry: BibEntry = {
    key: String(keyNode.value),
    keySpan: keyNodeSpan(keyNode),
    fields,
    ...described({
      title: typeof data.title === 'string' ? stripMarkup(data.title) : undefined,
      author: formatNames(data.author) ?? formatNames(data.editor),
      date: formatDate(data.issued),
      url: typeof data.URL === 'string' ? data.URL.trim() : typeof data.url === 'string' ? data.url.trim() : undefined,
    }),
  };

  const custom = typeof data.custom === 'object' && data.custom !== null ? (data.custom as Record<string, unknown>) : {};
  const fromNote = noteAttributes([typeof data.note === 'string' ? data.note : undefined, typeof data.extra === 'string' ? data.extra : undefined]);
  for (const attr of SOURCE_ATTRIBUTES) {
    const direct = data[attr] ?? custom[attr];
    const value = typeof direct === 'string' || typeof direct === 'number' ? String(direct).trim() : fromNote[attr];
    if (value) entry[attr] = sourceAttribute(attr, value);
  }
  return entry;
}

// ---------------------------------------------------------------------------
// Keys named inside a bibliography, for rename

/**
 * The format of a bibliography: by its extension, else by its text (a CSL-JSON export starts
 * with `[`), as the workspace reads it.
 */
export function bibliographyFormatOf(path: string, text: string): 'bibtex' | 'csl-json' {
  return bibliographyFormat(path) ?? (text.trimStart().startsWith('[') ? 'csl-json' : 'bibtex');
}

/**
 * The text that replaces an entry's key at `span` with `newKey`. A CSL-JSON key is a JSON string
 * (escaped as JSON requires), and a numeric `"id": 12` becomes one: a new key is never a number.
 */
export function keyReplacement(text: string, format: 'bibtex' | 'csl-json', span: { start: number }, newKey: string): string {
  if (format === 'bibtex') return newKey;
  const quoted = JSON.stringify(newKey);
  return text[span.start - 1] === '"' ? quoted.slice(1, -1) : quoted;
}

/**
 * BibTeX/biblatex fields whose value names other entries by key: `crossref` and `xref` one
 * key, `xdata`, `related` and `entryset` (a `@set`) a comma-separated list. CSL-JSON has no
 * field that names another item, so a CSL-JSON bibliography has none.
 */
const KEY_FIELDS = new Set(['crossref', 'xref', 'xdata', 'related', 'entryset']);

/**
 * Where, in the BibTeX `text` (parsed as `bib`), the key fields of entries name `key`: the spans
 * of the keys inside `crossref = {key}`, `xdata = "a, key"` and the like. A value written with
 * `#` or a macro is left alone: what it names is not a key written there.
 *
 * Case: classic BibTeX matches a crossref's key to an entry without regard to case (and warns
 * of the mismatch); biber matches it exactly. A value naming `key` in another case counts as
 * naming it, unless the bibliography has an entry of exactly that value: then it names that one.
 */
export function keyFieldSpans(text: string, bib: Bibliography, key: string): Array<{ start: number; end: number }> {
  const lower = key.toLowerCase();
  const names = (value: string) => value === key || (value.toLowerCase() === lower && !bib.entries.has(value));
  const out: Array<{ start: number; end: number }> = [];
  for (const entry of bib.entries.values()) {
    if (!Object.keys(entry.fields).some((f) => KEY_FIELDS.has(f))) continue;
    for (const field of rawFields(text, entry.keySpan.end)) {
      if (!KEY_FIELDS.has(field.name.toLowerCase()) || !field.value) continue;
      for (const item of listItems(text, field.value)) if (names(text.slice(item.start, item.end))) out.push(item);
    }
  }
  return out;
}

interface RawField {
  name: string;
  /** Inside the braces or quotes of a value written as one `{...}` or `"..."`; else undefined. */
  value?: { start: number; end: number };
}

/** The `, name = value` fields of a BibTeX entry from `from` (just after its key) to its closing brace. */
function rawFields(text: string, from: number): RawField[] {
  const out: RawField[] = [];
  const ws = (i: number) => {
    while (i < text.length && /\s/.test(text[i]!)) i++;
    return i;
  };
  let i = ws(from);
  while (text[i] === ',') {
    i = ws(i + 1);
    const name = /[^\s=,{}()"#]+/y;
    name.lastIndex = i;
    const m = name.exec(text);
    if (!m) break;
    i = ws(name.lastIndex);
    if (text[i] !== '=') break;
    i = ws(i + 1);
    const parts: Array<{ start: number; end: number } | undefined> = [];
    for (;;) {
      const part = valuePart(text, i);
      if (!part) return out;
      parts.push(part.inside);
      i = ws(part.end);
      if (text[i] !== '#') break;
      i = ws(i + 1);
    }
    out.push({ name: m[0], ...(parts.length === 1 && parts[0] ? { value: parts[0] } : {}) });
  }
  return out;
}

/** One part of a field value at `i`: `{...}` (balanced), `"..."` (braces balanced inside) or a bare word. */
function valuePart(text: string, i: number): { end: number; inside?: { start: number; end: number } } | undefined {
  const open = text[i];
  if (open === '{' || open === '"') {
    let depth = 0;
    for (let j = i + 1; j < text.length; j++) {
      const c = text[j];
      // BibTeX counts every brace, a backslash before one too.
      if (c === '{') depth++;
      else if (c === '}' && depth > 0) depth--;
      else if (depth === 0 && c === (open === '{' ? '}' : '"')) return { end: j + 1, inside: { start: i + 1, end: j } };
    }
    return undefined;
  }
  const word = /[^\s,#{}()"=]+/y;
  word.lastIndex = i;
  return word.exec(text) ? { end: word.lastIndex } : undefined;
}

/** The comma-separated items of a value, each trimmed of blanks. */
function listItems(text: string, value: { start: number; end: number }): Array<{ start: number; end: number }> {
  const out: Array<{ start: number; end: number }> = [];
  const re = /[^,\s][^,]*/g;
  const inner = text.slice(value.start, value.end);
  for (let m = re.exec(inner); m; m = re.exec(inner)) {
    const trimmed = m[0].trimEnd();
    out.push({ start: value.start + m.index, end: value.start + m.index + trimmed.length });
  }
  return out;
}
