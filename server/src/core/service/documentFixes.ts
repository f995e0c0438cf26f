// Quick fixes built when the editor asks, from the document as it is then, for diagnostics whose
// fix depends on the lines around the problem (a comma list, the blank line after a block), or
// that offer every valid value where the check's own fix names one guess. Pure: edits are offsets.
import { CREDIBILITY, RELIABILITY } from '../attributes';
import type { Attribute, Item, KentDocument, Ref } from '../model';
import { listEntries } from '../text';
import type { FixData, KentDiagnostic, Span } from '../types';

export interface BuiltFixes {
  fixes: FixData[];
  /** The title of the fix that is plainly what was meant, if one is. */
  preferred?: string;
}

/** Fixes for `d` built from `doc`, replacing the check's own; undefined when there are none to build. */
export function documentFixes(doc: KentDocument, item: Item | undefined, d: KentDiagnostic): BuiltFixes | undefined {
  if (!item) return undefined;
  if (d.code === 'invalid-value') return ratingValues(item, d);
  if (d.code === 'contradiction') return countedBothWays(doc, item, d);
  if (d.code === 'unused-source' && item.kind === 'source') return { fixes: [removeBlock(doc, item)] };
  return undefined;
}

// ---------------------------------------------------------------------------------------------
// invalid-value on `reliability:` / `credibility:`: each valid code, with its meaning.

function ratingValues(item: Item, d: KentDiagnostic): BuiltFixes | undefined {
  const at = (v?: { span: Span }) => v !== undefined && v.span.start === d.span.start && v.span.end === d.span.end;
  const codes = at(item.reliability) ? RELIABILITY : at(item.credibility) ? CREDIBILITY : undefined;
  const written = (at(item.reliability) ? item.reliability : item.credibility)?.value;
  if (!codes || written === undefined) return undefined;
  const title = (code: string) => `Change to \`${code}\` (${codes[code]})`;
  const fixes = Object.keys(codes).map((code): FixData => ({ kind: 'replace', span: d.span, text: code, title: title(code) }));
  // The meaning written out ("usually reliable") is plainly one code; `G` is no code's. (A code in
  // another case, `b`, is that code: valid, so never here.)
  const said = written.trim().replace(/\s+/g, ' ').toLowerCase();
  const meant = Object.keys(codes).find((code) => codes[code].toLowerCase() === said);
  return { fixes, ...(meant ? { preferred: title(meant) } : {}) };
}

// ---------------------------------------------------------------------------------------------
// contradiction: one ref in both `because` and `against`. Take it out of either list.

function countedBothWays(doc: KentDocument, item: Item, d: KentDiagnostic): BuiltFixes | undefined {
  const against = item.against.find((r) => sameSpan(r.span, d.span));
  const related = d.related?.[0];
  const because = related?.path === doc.path ? item.because.find((r) => sameSpan(r.span, related.span)) : undefined;
  if (!against || !because) return undefined;
  const fixes: FixData[] = [];
  const fromAgainst = removeRef(doc, item, 'against', against);
  if (fromAgainst) fixes.push(fromAgainst);
  // Taking away the item's last support would leave it unsupported: a new problem for the old one.
  const supported = item.because.length > 1 || item.citations.length > 0;
  const fromBecause = supported ? removeRef(doc, item, 'because', because) : undefined;
  if (fromBecause) fixes.push(fromBecause);
  return fixes.length ? { fixes } : undefined;
}

/**
 * `ref` taken out of the comma list of attribute `name`: with the comma and blanks after it (or,
 * for the last one, before it), or the attribute's whole line when it is the only entry. None
 * when its entry holds other refs too (`[@a; @b]`): that would take them out as well.
 */
function removeRef(doc: KentDocument, item: Item, name: string, ref: Ref): FixData | undefined {
  const attr = item.attributes.find((a) => a.name === name && a.valueStart <= ref.span.start && ref.span.end <= a.valueStart + a.value.length);
  if (!attr) return undefined;
  const entries = listEntries(attr.value).map((e) => ({ start: attr.valueStart + e.start, end: attr.valueStart + e.end }));
  const i = entries.findIndex((e) => e.start <= ref.span.start && ref.span.end <= e.end);
  const refs = name === 'because' ? item.because : item.against;
  if (i < 0 || refs.some((r) => r !== ref && entries[i].start <= r.span.start && r.span.end <= entries[i].end)) return undefined;
  const written = ref.type === 'source' ? '@' + ref.key : (ref.doc ? ref.doc + '/' : '') + ref.id;
  const title = `Remove ${written} from \`${name}\``;
  if (entries.length === 1) return { kind: 'replace', span: wholeLines(doc, attr), text: '', title };
  const span = i < entries.length - 1 ? { start: entries[i].start, end: entries[i + 1].start } : { start: entries[i - 1].end, end: entries[i].end };
  return { kind: 'replace', span, text: '', title };
}

/** The attribute's line(s) with the line break before them, so that no blank line is left. */
function wholeLines(doc: KentDocument, attr: Attribute): Span {
  const lineStart = doc.text.lastIndexOf('\n', attr.start - 1) + 1;
  const start = lineStart - (doc.text[lineStart - 2] === '\r' ? 2 : 1);
  return { start, end: attr.end };
}

// ---------------------------------------------------------------------------------------------
// unused-source: remove the block.

/**
 * The block, with the comment lines right above it (its notes and `kent-ignore`, not a
 * `kent-ignore-file`, which is the document's) and the blank lines after it when blank lines (or
 * the start of the document) stand before it, so that what came before and after stays apart as
 * it was; at the end of the document, the blank lines before it instead, so that the document
 * ends where the block before it did.
 */
function removeBlock(doc: KentDocument, item: Item): FixData {
  const text = doc.text;
  const blank = (from: number, to: number) => text.slice(from, to).trim() === '';
  let start = lineStartOf(text, item.span.start);
  for (let above = lineStartOf(text, start - 1); start > 0 && BLOCK_NOTE.test(text.slice(above, start)); above = lineStartOf(text, above - 1)) start = above;
  let end = lineEndOf(text, item.span.end);
  const apart = start === 0 || blank(lineStartOf(text, start - 1), start);
  while (apart && end < text.length && blank(end, lineEndOf(text, end))) end = lineEndOf(text, end);
  if (end >= text.length) {
    for (let above = lineStartOf(text, start - 1); start > 0 && blank(above, start); above = lineStartOf(text, above - 1)) start = above;
  }
  // A BOM stays first.
  if (start === 0 && text.charCodeAt(0) === 0xfeff) start = 1;
  return { kind: 'replace', span: { start, end }, text: '', title: `Remove source ${item.id}` };
}

/** A comment line that belongs to the block below it. */
const BLOCK_NOTE = /^[ \t\uFEFF]*\/\/(?![ \t]*kent-ignore-file\b)/;

/** Where the line holding `offset` starts. */
function lineStartOf(text: string, offset: number): number {
  return text.lastIndexOf('\n', offset - 1) + 1;
}

/** Just past the line break of the line holding `offset` (the end of the text on the last line). */
function lineEndOf(text: string, offset: number): number {
  const nl = text.indexOf('\n', offset);
  return nl < 0 ? text.length : nl + 1;
}

const sameSpan = (a: Span, b: Span) => a.start === b.start && a.end === b.end;
