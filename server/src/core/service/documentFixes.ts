// Quick fixes built when the editor asks, from the document as it is then, for diagnostics whose
// fix depends on the lines around the problem (a comma list, the blank line after a block), or
// that offer every valid value where the check's own fix names one guess. Pure: edits are offsets.
import { CREDIBILITY, RELIABILITY, nameBeingTyped } from '../attributes';
import { itemName } from '../checks/context';
import { complement, fittingWord, formatInterval, lookupTerm, scaleTerms, type Interval } from '../estimative';
import { assessmentYear, wordsIn } from '../estimate';
import { nameSpan, type Attribute, type Item, type KentDocument, type Ref } from '../model';
import { estimatePairs, type EstimatePair } from '../relations';
import { similarity } from '../similarity';
import { supportOf } from '../support';
import { sourceWordsFix } from './sourceWords';
import { listEntries } from '../text';
import type { FixData, KentDiagnostic, Span } from '../types';
import type { LocatedItem, Workspace } from '../workspace';

export interface BuiltFixes {
  fixes: FixData[];
  /** The title of the fix that is plainly what was meant, if one is. */
  preferred?: string;
}

/** Fixes for `d` built from `doc`, replacing the check's own; undefined when there are none to build. */
export function documentFixes(ws: Workspace, doc: KentDocument, item: Item | undefined, d: KentDiagnostic): BuiltFixes | undefined {
  if (!item) return undefined;
  if (d.code === 'invalid-value') return nameTyped(item, d) ?? ratingValues(item, d) ?? likelihoodTerms(ws, item, d);
  if (d.code === 'contradiction') return countedBothWays(doc, item, d) ?? estimatesApart(ws, doc, item, d);
  if (d.code === 'unused-source' && item.kind === 'source') return { fixes: [removeBlock(doc, item)] };
  if (d.code === 'unsupported-claim') return groundsFor(ws, doc, item);
  if (d.code === 'quote-not-found') return oneFix(sourceWordsFix(ws, doc, item));
  return undefined;
}

/** A fix as fixes built, not preferred: an editor applying the preferred fix unasked must not rewrite a quote. */
function oneFix(fix: FixData | undefined): BuiltFixes | undefined {
  return fix && { fixes: [fix] };
}

// ---------------------------------------------------------------------------------------------
// invalid-value that is the next attribute's name half-typed under a value (`likelihood: likely`,
// then `  confiden`): the check's *Change to `confidence:`* fixes, preferred only when the word
// can become one name (`co` may be `confidence:` or `contradicts:`: the choice is the analyst's).

function nameTyped(item: Item, d: KentDiagnostic): BuiltFixes | undefined {
  const attr = item.attributes.find((a) => a.valueStart === d.span.start);
  const typing = attr && nameBeingTyped(attr.value, item.kind);
  if (!typing) return undefined;
  const fixes = d.fixes ?? [];
  return { fixes, ...(fixes.length === 1 ? { preferred: fixes[0].title } : {}) };
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
  // The meaning written out ("usually reliable") is plainly one code, and so is an Admiralty
  // grade's half (`B2`: `B` for reliability, `2` for credibility); `G` is no code's. (A code in
  // another case, `b`, is that code: valid, so never here.)
  const said = written.trim().replace(/\s+/g, ' ').toLowerCase();
  const grade = /^([a-f])[ \t/-]?([1-6])$/.exec(said);
  const meant = Object.keys(codes).find((code) => codes[code].toLowerCase() === said) ?? (grade ? (codes === RELIABILITY ? grade[1].toUpperCase() : grade[2]) : undefined);
  return { fixes, ...(meant ? { preferred: title(meant) } : {}) };
}

// ---------------------------------------------------------------------------------------------
// invalid-value on a `likelihood:` word: each term of the scale, with its interval. The check's
// "did you mean" (a near spelling) comes first and is preferred; a word no term is near to
// (`plausible`) still gets the scale to choose from.

function likelihoodTerms(ws: Workspace, item: Item, d: KentDiagnostic): BuiltFixes | undefined {
  const l = item.likelihood;
  if (!l || l.percent || !sameSpan(l.span, d.span)) return undefined;
  // A next attribute half-typed into the value: changing the value would delete that line.
  if (nameBeingTyped(l.text, item.kind)) return undefined;
  const scale = ws.config.scale;
  const guess = d.fixes?.find((f) => f.kind === 'replace');
  const meant = guess?.kind === 'replace' ? lookupTerm(guess.text, scale)?.canonical : undefined;
  const title = (term: string, interval: Interval) => `Change to \`${term}\` (${formatInterval(interval)})`;
  const terms = [...scaleTerms(scale)].sort((a, b) => Number(b.canonical === meant) - Number(a.canonical === meant));
  const fixes = terms.map((t): FixData => ({ kind: 'replace', span: d.span, text: t.canonical, title: title(t.canonical, t.interval) }));
  const preferred = terms.find((t) => t.canonical === meant);
  return { fixes, ...(preferred ? { preferred: title(preferred.canonical, preferred.interval) } : {}) };
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

// ---------------------------------------------------------------------------------------------
// contradiction between two estimates of one proposition: record the disagreement, or agree.

function estimatesApart(ws: Workspace, doc: KentDocument, item: Item, d: KentDiagnostic): BuiltFixes | undefined {
  const pair = estimatePairs(ws, doc, item).find((p) => p.verdict === 'contradiction' && reports(p, d));
  if (!pair) return undefined;
  const fixes = [recordDisagreement(ws, doc, item, pair), agreeWith(ws, doc, item, pair)].filter((f): f is FixData => f !== undefined);
  return fixes.length ? { fixes } : undefined;
}

/** Whether `d` is the report of this pair (the check's span, and the other item related). */
function reports(p: EstimatePair, d: KentDiagnostic): boolean {
  const related = d.related?.[0];
  return sameSpan(p.declaredHere ? p.ref.span : p.here.item.idSpan, d.span) && related?.path === p.there.doc.path && sameSpan(related.span, p.there.item.idSpan);
}

/**
 * `same-as` (or `negates`) → `contradicts`, which `acknowledged-disagreement` then shows: the two
 * estimates of one proposition disagree, knowingly. Only where this item declares the relation;
 * with a `contradicts:` already there, the ref joins it (a second would be a syntax error) and
 * the relation's line goes.
 */
function recordDisagreement(ws: Workspace, doc: KentDocument, item: Item, p: EstimatePair): FixData | undefined {
  if (!p.declaredHere) return undefined;
  const relation = attributeHolding(item, p.relation, p.ref);
  if (!relation) return undefined;
  const title = `Record as a disagreement: \`${p.relation}\` → \`contradicts\``;
  const contradicts = item.attributes.find((a) => a.name === 'contradicts' && a.allowed);
  if (!contradicts) return { kind: 'replace', span: nameSpan(relation), text: 'contradicts', title };
  const listed = item.contradicts.some((r) => ws.resolveItem(doc, r)?.item === p.there.item);
  const edits = [{ span: wholeLines(doc, relation), text: '' }];
  if (!listed) {
    const end = contradicts.valueStart + contradicts.value.length;
    // After an empty value or a trailing comma (`contradicts:` or `C3,` being typed), no comma of its own: it would be an empty entry.
    const comma = /^\s*$|,\s*$/.test(contradicts.value) ? ' ' : ', ';
    edits.push({ span: { start: end, end }, text: comma + doc.text.slice(p.ref.span.start, p.ref.span.end) });
  }
  return { kind: 'replace', ...joined(doc, edits), title };
}

/**
 * The likelihood that agrees with the other estimate (for `negates`, its complement): its term
 * on the scale, else its percentage. Not offered when the statement's own estimative words would
 * then disagree with it (an `estimative-mismatch` for the contradiction).
 */
function agreeWith(ws: Workspace, doc: KentDocument, item: Item, p: EstimatePair): FixData | undefined {
  const target = p.relation === 'negates' ? complement(p.theirs.interval) : p.theirs.interval;
  const words = wordsIn(doc, item.statement, ws.config.scale);
  if (words.some((w) => w.kind === 'term') && !fittingWord(words, target)) return undefined;
  const value = likelihoodFor(ws, target);
  const title = `Set likelihood to ${value} (as ${itemName(p.there, doc)} says)`;
  if (item.likelihood) return { kind: 'replace', span: item.likelihood.span, text: value, title };
  return { kind: 'insert-lines', offset: item.span.end, text: `\n  likelihood: ${value}`, title };
}

/** A `likelihood:` value for an interval: the scale's term for it, else a percentage (`70%`, `95-100%`). */
function likelihoodFor(ws: Workspace, i: Interval): string {
  const same = (a: number, b: number) => Math.abs(a - b) < 1e-9;
  const term = scaleTerms(ws.config.scale).find((t) => same(t.interval.lo, i.lo) && same(t.interval.hi, i.hi));
  if (term) return term.canonical;
  const pct = (x: number) => String(Math.round(x * 1000) / 10);
  return pct(i.lo) === pct(i.hi) ? `${pct(i.lo)}%` : `${pct(i.lo)}-${pct(i.hi)}%`;
}

/** The attribute `name` whose value holds `ref`. */
function attributeHolding(item: Item, name: string, ref: Ref): Attribute | undefined {
  return item.attributes.find((a) => a.name === name && a.valueStart <= ref.span.start && ref.span.end <= a.valueStart + a.value.length);
}

/** Edits that do not overlap, as one replacement of the text from the first to the last. */
function joined(doc: KentDocument, edits: Array<{ span: Span; text: string }>): { span: Span; text: string } {
  const sorted = [...edits].sort((a, b) => a.span.start - b.span.start || a.span.end - b.span.end);
  let text = '';
  for (let i = 0; i < sorted.length; i++) {
    text += sorted[i].text;
    if (i + 1 < sorted.length) text += doc.text.slice(sorted[i].span.end, sorted[i + 1].span.start);
  }
  return { span: { start: sorted[0].span.start, end: sorted[sorted.length - 1].span.end }, text };
}

/**
 * `ref` taken out of the comma list of attribute `name`: with the comma and blanks after it (or,
 * for the last one, before it), or the attribute's whole line when it is the only entry. None
 * when its entry holds other refs too (`[@a; @b]`): that would take them out as well.
 */
function removeRef(doc: KentDocument, item: Item, name: string, ref: Ref): FixData | undefined {
  const attr = attributeHolding(item, name, ref);
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
// unsupported-claim: rest the item on the evidence or claims of its document whose statements say
// most nearly what it says (*Add `because: E3`*), best first. None is preferred: which of them
// supports it is the analyst's call. (An empty `because:` to fill in would trade the warning for
// a syntax error, so none is offered when no statement shares a word with it.)

/** How many of the nearest statements are offered. */
const GROUNDS_OFFERED = 3;

function groundsFor(ws: Workspace, doc: KentDocument, item: Item): BuiltFixes {
  const scale = ws.config.scale;
  const year = assessmentYear(doc);
  const proposition = (statement: string) => ws.statements.proposition(statement, scale, year);
  const own = proposition(item.statement);
  const against = new Set(item.against.map((r) => (r.type === 'item' && r.doc === undefined ? r.id : '')));
  const scored = doc.items
    // A claim that rests on nothing itself would only move the warning to ungrounded-claim.
    .filter((c) => (c.kind === 'evidence' || (c.kind === 'claim' && restsOnSomething(c))) && c !== item && !against.has(c.id))
    .map((c) => ({ c, score: similarity(own, proposition(c.statement)) }))
    .filter((x) => x.score > 0)
    .sort((a, b) => b.score - a.score);
  const fixes: FixData[] = [];
  let standing: Set<Item> | undefined;
  for (const { c } of scored) {
    if (fixes.length === GROUNDS_OFFERED) break;
    // Its ID must name it (not a duplicate's first), and it must not rest on the item already: that would be a circle.
    const named = ws.resolveItem(doc, { type: 'item', id: c.id, span: c.idSpan });
    if (named?.item !== c || (standing ??= standingOn(ws, { doc, item })).has(c)) continue;
    fixes.push({ kind: 'insert-lines', offset: item.span.end, text: `\n  because: ${c.id}`, title: `Add \`because: ${c.id}\`` });
  }
  return { fixes };
}

function restsOnSomething(c: Item): boolean {
  return c.because.length > 0 || c.citations.length > 0;
}

/**
 * The items that stand on `at`, step by step: found once, back along the refs that name each,
 * not by a walk down from each candidate (in a chain of 3,000 claims resting on one, that was
 * 3,000 walks of up to 3,000 steps, 2 s a code-action request).
 */
function standingOn(ws: Workspace, at: LocatedItem): Set<Item> {
  const out = new Set<Item>();
  const stack = [at];
  for (let x = stack.pop(); x; x = stack.pop()) {
    for (const e of ws.refsNaming(x)) {
      if (!e.item || out.has(e.item)) continue;
      const target = x.item;
      if (!supportOf(ws, e.doc, e.item).some((s) => s.kind === 'item' && s.ref === e.ref && s.target.item === target)) continue;
      out.add(e.item);
      stack.push({ doc: e.doc, item: e.item });
    }
  }
  return out;
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
