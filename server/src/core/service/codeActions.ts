// Code actions: the quick fixes the checks computed (`KentDiagnostic.fixes`) or that are built
// from the document when asked (documentFixes.ts), suppressions (`// kent-ignore`), and refactors
// of the block at the cursor. Pure: edits are offsets.
import { fittingWord, lookupTerm } from '../estimative';
import { wordsIn } from '../estimate';
import type { Item, KentDocument } from '../model';
import type { FixData, KentDiagnostic, Span } from '../types';
import type { Workspace } from '../workspace';
import { ADVERB, adverbOf } from '../wording';
import { asciiNameFix } from './asciiName';
import { documentFixes } from './documentFixes';

export interface TextEdit {
  path: string;
  span: Span;
  newText: string;
}

export interface CodeActionEntry {
  title: string;
  kind: 'quickfix' | 'refactor';
  diagnostic?: KentDiagnostic;
  edits: TextEdit[];
  isPreferred?: boolean;
}

/** Codes whose first `replace` fix is the "did you mean" value: the preferred fix. */
const DID_YOU_MEAN = new Set(['invalid-value', 'unknown-attribute', 'unresolved-reference']);

/**
 * Codes never offered as a suppression: a syntax error is text Kent cannot read, so the checks do
 * not run on it; silencing the error would hide that, not a judgement made of the text. (A
 * `kent-ignore syntax` written by hand still silences it.)
 */
const NOT_SUPPRESSED = new Set(['syntax']);

const IGNORE_LINE = /^([ \t\uFEFF]*\/\/[ \t]*kent-ignore(?!-)[ \t]*)([^:]*?)([ \t]*)(:.*)?$/;
const IGNORE_FILE_LINE = /^([ \t\uFEFF]*\/\/[ \t]*kent-ignore-file\b[ \t]*)([^:\r\n]*?)([ \t]*)(:[^\r\n]*)?\r?$/m;

export function codeActions(ws: Workspace, doc: KentDocument, span: Span, diagnostics: KentDiagnostic[]): CodeActionEntry[] {
  const eol = doc.text.includes('\r\n') ? '\r\n' : '\n';
  const lines = (s: string) => s.replace(/\r?\n/g, eol);
  const fixes: CodeActionEntry[] = [];
  const suppressions: CodeActionEntry[] = [];
  const seen = new Set<string>();
  const overlapping = diagnostics.filter((d) => d.path === doc.path && d.span.start <= span.end && span.start <= d.span.end);

  for (const d of overlapping) {
    const item = itemAt(doc, d.span.start);
    const built = documentFixes(ws, doc, item, d);
    const own = built?.fixes ?? d.fixes ?? [];
    const indent = item ? attributeIndent(doc, item) : '  ';
    own.forEach((fix, i) => {
      const action: CodeActionEntry = { title: fix.title, kind: 'quickfix', diagnostic: d, edits: [fixEdit(doc.path, fix, lines, indent)] };
      const template = fix.kind === 'insert-lines' && fix.template;
      if (built ? fix.title === built.preferred : !template && (own.length === 1 || (i === 0 && fix.kind === 'replace' && DID_YOU_MEAN.has(d.code)))) action.isPreferred = true;
      fixes.push(action);
    });
    const ascii = asciiNameFix(doc, d);
    if (ascii) fixes.push({ title: ascii.title, kind: 'quickfix', diagnostic: d, edits: [ascii.edit], ...(own.length === 0 ? { isPreferred: true } : {}) });
    if (d.code === 'estimative-mismatch' && item) {
      const change = changeWordToDeclared(ws, doc, item, d);
      if (change) fixes.push(change);
    }
    if (NOT_SUPPRESSED.has(d.code)) continue;
    if (item && !seen.has(`item ${item.span.start} ${d.code}`)) {
      seen.add(`item ${item.span.start} ${d.code}`);
      const edit = suppressForItem(doc, item, d.code, eol);
      if (edit) suppressions.push({ title: `Suppress ${d.code} for ${item.id}`, kind: 'quickfix', diagnostic: d, edits: [edit] });
    }
    if (!seen.has(`file ${d.code}`)) {
      seen.add(`file ${d.code}`);
      const edit = suppressForFile(doc, d.code, eol);
      if (edit) suppressions.push({ title: `Suppress ${d.code} in this file`, kind: 'quickfix', diagnostic: d, edits: [edit] });
    }
  }
  return [...fixes, ...suppressions, ...refactors(ws, doc, span, eol)];
}

/**
 * A fix as an edit, in the document's line breaks. An attribute line a check inserts (written with
 * two spaces) takes the indentation the block's attributes use: four spaces or a tab stays so.
 */
function fixEdit(path: string, fix: FixData, lines: (s: string) => string, indent: string): TextEdit {
  if (fix.kind === 'replace') return { path, span: { start: fix.span.start, end: fix.span.end }, newText: lines(fix.text) };
  const text = indent === '  ' ? fix.text : fix.text.replace(/\n  (?=[a-z][a-z-]*:)/g, `\n${indent}`);
  return { path, span: { start: fix.offset, end: fix.offset }, newText: lines(text) };
}

/** The block containing an offset (its header through its last line). */
function itemAt(doc: KentDocument, offset: number): Item | undefined {
  return doc.items.find((i) => i.span.start <= offset && offset <= i.span.end);
}

/** `estimative-mismatch`, the other direction: make the statement's word say the declared term. */
function changeWordToDeclared(ws: Workspace, doc: KentDocument, item: Item, d: KentDiagnostic): CodeActionEntry | undefined {
  const l = item.likelihood;
  if (!l || l.percent) return undefined;
  const term = lookupTerm(l.text, ws.config.scale);
  if (!term) return undefined;
  // A statement whose other word fits the declared term holds two estimates: changing this word
  // would change what its clause says ("Hungary is unlikely to sign" → "likely to sign").
  if (fittingWord(wordsIn(doc, item.statement, ws.config.scale), term.interval)) return undefined;
  const word = doc.text.slice(d.span.start, d.span.end);
  // An adverb ("will probably reopen") is replaced by an adverb of the declared term, if it has
  // one ("almost certainly"); "will unlikely reopen" is not English, so then no word is offered.
  const replacement = ADVERB.test(word) ? adverbOf(term) : term.canonical;
  if (!replacement || word.replace(/\s+/g, ' ').toLowerCase() === replacement) return undefined;
  const newText = /^\p{Lu}/u.test(word) ? replacement[0].toUpperCase() + replacement.slice(1) : replacement;
  return {
    title: `Change '${word.replace(/\s+/g, ' ')}' to '${newText}'`,
    kind: 'quickfix',
    diagnostic: d,
    edits: [{ path: doc.path, span: { start: d.span.start, end: d.span.end }, newText }],
  };
}

/** `// kent-ignore CODE: reason` above the block, or `, CODE` added to the one already there. */
function suppressForItem(doc: KentDocument, item: Item, code: string, eol: string): TextEdit | undefined {
  const text = doc.text;
  let cursor = item.span.start;
  while (cursor > 0) {
    const prevStart = text.lastIndexOf('\n', cursor - 2) + 1;
    let line = text.slice(prevStart, cursor - 1);
    if (line.endsWith('\r')) line = line.slice(0, -1);
    if (!line.replace(/^\uFEFF/, '').trimStart().startsWith('//')) break;
    const m = IGNORE_LINE.exec(line);
    if (m && m[2].trim() !== '') {
      const codes = m[2].split(',').map((c) => c.trim());
      if (codes.includes(code)) return undefined;
      const at = prevStart + m[1].length + m[2].length;
      return { path: doc.path, span: { start: at, end: at }, newText: `, ${code}` };
    }
    cursor = prevStart;
  }
  return { path: doc.path, span: { start: item.span.start, end: item.span.start }, newText: `// kent-ignore ${code}: reason${eol}` };
}

/** `// kent-ignore-file CODE: reason` on line 0 (after a BOM), or `, CODE` added to an existing one. */
function suppressForFile(doc: KentDocument, code: string, eol: string): TextEdit | undefined {
  const m = IGNORE_FILE_LINE.exec(doc.text);
  if (m && m[2].trim() !== '') {
    const codes = m[2].split(',').map((c) => c.trim());
    if (codes.includes(code)) return undefined;
    const at = m.index + m[1].length + m[2].length;
    return { path: doc.path, span: { start: at, end: at }, newText: `, ${code}` };
  }
  const at = doc.text.charCodeAt(0) === 0xfeff ? 1 : 0;
  return { path: doc.path, span: { start: at, end: at }, newText: `// kent-ignore-file ${code}: reason${eol}` };
}

/** Refactors of the block at `span`, not tied to a diagnostic. */
function refactors(ws: Workspace, doc: KentDocument, span: Span, eol: string): CodeActionEntry[] {
  const item = itemAt(doc, span.start);
  if (!item || (item.kind !== 'judgment' && item.kind !== 'claim')) return [];
  const out: CodeActionEntry[] = [];
  if (!item.attributes.some((a) => a.name === 'likelihood')) {
    const word = wordsIn(doc, item.statement, ws.config.scale).find((w) => w.kind === 'term');
    if (word?.term) {
      out.push({
        title: `Declare likelihood: ${word.term.canonical}`,
        kind: 'refactor',
        edits: [{ path: doc.path, span: { start: item.span.end, end: item.span.end }, newText: `${eol}${attributeIndent(doc, item)}likelihood: ${word.term.canonical}` }],
      });
    }
  }
  return out;
}

/** The indentation the block's attributes use (two spaces when it has none). */
function attributeIndent(doc: KentDocument, item: Item): string {
  const first = item.attributes[0];
  if (!first) return '  ';
  const lineStart = doc.text.lastIndexOf('\n', first.start - 1) + 1;
  const indent = doc.text.slice(lineStart, first.start);
  return /^[ \t]+$/.test(indent) ? indent : '  ';
}
