// `invalid-value`: a value that parses but is not one the attribute allows, with the nearest valid one.
import { CONFIDENCE_LEVELS, CREDIBILITY, RELIABILITY, STATUSES, canonicalValue, isValidDate, nameBeingTyped, nameFixes } from '../attributes';
import { resolvedBeforeWritten } from '../estimate';
import { formatInterval, lookupTerm, nearestValue, scaleName, scaleTerms, type Interval, type ScaleName } from '../estimative';
import { listedElsewhere, localFiles } from '../localFiles';
import { valueSpan, type Item, type ItemRef } from '../model';
import { meetingRange } from '../change';
import { CODES, type Span } from '../types';
import type { Check, CheckContext } from './context';

export const invalidValue: Check = {
  item(ctx, item) {
    checkValues(ctx, item);
  },
  text(ctx, range) {
    reportIgnoreCodes(ctx, range);
  },
};

/** The item's attribute values, each against what its attribute allows. */
function checkValues(ctx: CheckContext, item: Item): void {
  const bad = (attr: string, value: string, span: Span, valid: readonly string[], expected: string, known?: { near: string; note?: string }) => {
    const shown = value.replace(/\s*\n\s*/g, ' ');
    const typing = nameBeingTyped(value, item.kind);
    if (typing) {
      // Not a wrong value but a next attribute half-typed: a fix to the value would delete it, so
      // the fixes finish the name instead.
      const names = typing.names.map((n) => `\`${n}:\``).join(' or ');
      const word = { start: span.start + typing.offset, end: span.start + typing.offset + typing.word.length };
      ctx.report({ code: 'invalid-value', span, message: `${item.kind} ${item.id}: \`${attr}: ${shown}\` is not valid: the line \`${typing.word}\` below is read as part of this value until its name ends with a colon (${names})`, fixes: nameFixes(typing.names, word) });
      return;
    }
    const near = known?.near ?? nearestValue(value, valid);
    ctx.report({
      code: 'invalid-value',
      span,
      message: `${item.kind} ${item.id}: \`${attr}: ${shown}\` is not valid; expected ${expected}${known?.note ? `; ${known.note}` : ''}${near ? ` (did you mean \`${near}\`?)` : ''}`,
      ...(near ? { fixes: [{ kind: 'replace' as const, span, text: near, title: `Change to \`${near}\`` }] } : {}),
    });
  };
  const l = item.likelihood;
  if (l?.percent) {
    if (l.percent.lo < 0 || l.percent.hi > 1 || l.percent.lo > l.percent.hi)
      ctx.report({ code: 'invalid-value', span: l.span, message: `${item.kind} ${item.id}: \`likelihood: ${l.text}\` is not a probability; expected a percentage from 0% to 100%, the lower bound first` });
  } else if (l && !lookupTerm(l.text, ctx.config.scale)) {
    bad('likelihood', l.text, l.span, scaleTerms(ctx.config.scale).flatMap((t) => t.words), `an estimative term of the ${scaleName(ctx.config.scale)} scale or a percentage`, otherScalesTerm(l.text, ctx.config.scale));
  }
  if (item.confidence && !(CONFIDENCE_LEVELS as readonly string[]).includes(item.confidence.value))
    bad('confidence', item.confidence.value, item.confidence.span, CONFIDENCE_LEVELS, '`low`, `moderate` or `high`', levelWithItsName(item.confidence.value));
  if (item.reliability && !(item.reliability.value in RELIABILITY))
    bad('reliability', item.reliability.value, item.reliability.span, Object.keys(RELIABILITY), 'a reliability code `A` (completely reliable) to `F` (cannot be judged)', admiraltyHalf(item.reliability.value, 'reliability'));
  if (item.credibility && !(item.credibility.value in CREDIBILITY))
    bad('credibility', item.credibility.value, item.credibility.span, Object.keys(CREDIBILITY), 'a credibility code `1` (confirmed) to `6` (cannot be judged)', admiraltyHalf(item.credibility.value, 'credibility'));
  for (const attr of item.attributes) {
    // An empty value is a syntax error already (`date:` just typed): one diagnostic, not two.
    if (!attr.allowed || attr.value.trim() === '') continue;
    if (attr.name === 'date' && !isValidDate(attr.value)) bad('date', attr.value, valueSpan(attr), [], 'a date `YYYY`, `YYYY-MM` or `YYYY-MM-DD`');
    if (attr.name === 'status' && !(STATUSES as readonly string[]).includes(canonicalValue(attr.value, STATUSES))) bad('status', attr.value, valueSpan(attr), STATUSES, '`draft` or `final`');
  }
  if (item.resolved?.date && !isValidDate(item.resolved.date)) {
    const a = item.attributes.find((x) => x.name === 'resolved')!;
    bad('resolved', a.value, valueSpan(a), [], 'a date `YYYY`, `YYYY-MM` or `YYYY-MM-DD` after true/false');
  }
  resolvedTooEarly(ctx, item);
  for (const ref of item.assumes) {
    const target = ctx.ws.resolveItem(ctx.doc, ref);
    if (target && target.item.kind !== 'assumption')
      ctx.report({ code: 'invalid-value', span: ref.span, message: `${item.kind} ${item.id}: \`assumes\` names ${target.item.kind} ${target.item.id}; expected an assumption (use \`because\` for support)` });
  }
  if (item.quote && !item.quote.text.trim()) ctx.report({ code: 'invalid-value', span: item.quote.span, message: `${item.kind} ${item.id}: the \`quote\` is empty; quote the passage the evidence rests on, or leave \`quote\` out` });
  checkRelations(ctx, item);
  checkBibliographyRatings(ctx, item);
}

/** A judgment resolved before its assessment was dated: written after the outcome, it forecast nothing. */
function resolvedTooEarly(ctx: CheckContext, item: Item): void {
  const written = resolvedBeforeWritten(ctx.doc, item);
  if (!written) return;
  const a = item.attributes.find((x) => x.name === 'resolved')!;
  const date = item.resolved!.date!;
  const start = a.valueStart + a.value.lastIndexOf(date);
  ctx.report({ code: 'invalid-value', span: { start, end: start + date.length }, message: `${item.kind} ${item.id}: resolved ${date}, before the assessment's date ${written}: a judgment made after the outcome is no forecast` });
}

/**
 * A term of the other scale (`roughly even chance` under PHIA, `realistic possibility` under
 * ICD 203), as a team moving between the two writes: which scale it is from, and this scale's
 * term whose band is nearest to its band (by midpoint), not the nearest spelling.
 */
function otherScalesTerm(text: string, scale: ScaleName): { near: string; note: string } | undefined {
  const other: ScaleName = scale === 'phia' ? 'icd203' : 'phia';
  const term = lookupTerm(text, other);
  if (!term) return undefined;
  const mid = (i: Interval) => (i.lo + i.hi) / 2;
  const nearest = [...scaleTerms(scale)].sort((a, b) => Math.abs(mid(a.interval) - mid(term.interval)) - Math.abs(mid(b.interval) - mid(term.interval)))[0];
  const choose = other === 'phia' ? ' (`"scale": "phia"` in kent.json chooses PHIA)' : '';
  return { near: nearest.canonical, note: `\`${text.trim().replace(/\s+/g, ' ')}\` is ${scaleName(other)}'s term for ${formatInterval(term.interval)}${choose}; ${scaleName(scale)}'s nearest band is ${formatInterval(nearest.interval)}` };
}

/**
 * A two-character Admiralty (NATO) grade such as `B2`: its letter rates the source and its digit
 * the information, which Kent keeps apart (`reliability` on the source, `credibility` on the
 * evidence). The half the attribute takes is the fix; the other goes where the note says.
 */
function admiraltyHalf(value: string, attr: 'reliability' | 'credibility'): { near: string; note: string } | undefined {
  const m = /^([A-Fa-f])[ \t/-]?([1-6])$/.exec(value.trim());
  if (!m) return undefined;
  const [letter, digit] = [m[1].toUpperCase(), m[2]];
  const other = attr === 'reliability' ? `its digit is the information's credibility (\`credibility: ${digit}\`, on the evidence)` : `its letter is the source's reliability (\`reliability: ${letter}\`, on the source)`;
  return { near: attr === 'reliability' ? letter : digit, note: `\`${value.trim()}\` is an Admiralty grade: ${other}` };
}

/** For a bibliography entry rated `B2`: what its halves are, and which one the field takes. */
function gradeNote(reliability: string): string {
  const grade = admiraltyHalf(reliability, 'reliability');
  return grade ? `; ${grade.note}, so the field takes \`${grade.near}\`` : '';
}

/** `high confidence` for `high`: the level with the attribute's name after it. */
function levelWithItsName(value: string): { near: string } | undefined {
  const m = /^(low|moderate|high)[ \t]+confidence$/i.exec(value.trim());
  return m ? { near: m[1].toLowerCase() } : undefined;
}

/** Entries of a bibliography the assessment names whose `reliability` field is not A–F (they count as unrated): on `bibliography:`, each entry related. */
function checkBibliographyRatings(ctx: CheckContext, item: Item): void {
  for (const f of localFiles(ctx.ws, ctx.doc, item)) {
    const { resolved } = f;
    const bib = f.kind === 'bibliography' && resolved.ok ? ctx.ws.bibliography(resolved.path) : undefined;
    if (!resolved.ok || !bib) continue;
    const bad = [...bib.entries.values()].filter((e) => e.reliability !== undefined && !(e.reliability in RELIABILITY));
    if (bad.length === 0) continue;
    const elsewhere = listedElsewhere(ctx.ws, ctx.doc, f, 'invalid-value');
    if (elsewhere) {
      const count = bad.length === 1 ? '1 entry has a reliability that is not valid and counts' : `${bad.length} entries have a reliability that is not valid and count`;
      ctx.report({ code: 'invalid-value', span: f.span, message: `assessment ${item.id}: bibliography ${f.written}: ${count} as unrated until fixed (listed on ${elsewhere.path})`, related: [{ ...elsewhere, message: `the entries of ${resolved.path}` }] });
      continue;
    }
    const [first] = bad;
    const more = bad.length > 1 ? ` (and ${bad.length - 1} more entr${bad.length > 2 ? 'ies' : 'y'})` : '';
    ctx.report({
      code: 'invalid-value',
      span: f.span,
      message: `assessment ${item.id}: bibliography ${f.written}: entry ${first.key} has reliability \`${first.reliability}\`, which is not valid; expected a reliability code \`A\` (completely reliable) to \`F\` (cannot be judged)${gradeNote(first.reliability!)}${more}; until then it counts as unrated`,
      related: bad.slice(0, 20).map((e) => ({ path: resolved.path, span: e.keySpan, message: `${e.key}: reliability \`${e.reliability}\`` })),
    });
  }
}

/** A relation links two statements: not an item to itself, nor to evidence or a source (what supports statements, not one). */
function checkRelations(ctx: CheckContext, item: Item): void {
  const relations: Array<[string, ItemRef | undefined]> = [['same-as', item.sameAs], ['negates', item.negates], ['revises', item.revises], ...item.contradicts.map((r): [string, ItemRef] => ['contradicts', r])];
  for (const [name, ref] of relations) {
    const target = ref && ctx.ws.resolveItem(ctx.doc, ref);
    if (!ref || !target) continue;
    if (target.item === item) ctx.report({ code: 'invalid-value', span: ref.span, message: `${item.kind} ${item.id}: \`${name}\` names ${item.id} itself; a relation links two statements` });
    else if (!isStatement(target.item)) ctx.report({ code: 'invalid-value', span: ref.span, message: `${item.kind} ${item.id}: \`${name}\` names ${target.item.kind} ${target.item.id}; expected a judgment, claim or assumption (use \`because\` or \`against\` for evidence and sources)` });
  }
}

/** `// kent-ignore` naming a code that does not exist silences nothing: say so (on the lines meeting `range`). */
function reportIgnoreCodes(ctx: CheckContext, range: Span): void {
  // The comments as the parser read them (whatever white space it allows before and inside
  // them, a byte-order mark, miscased names left out): a regex of its own here had drifted.
  const { source, ignoreComments } = ctx.doc;
  const from = source.lastIndexOf('\n', range.start - 1) + 1;
  const to = source.indexOf('\n', range.end);
  const [first, last] = meetingRange(ignoreComments, from, to < 0 ? source.length : to);
  for (let i = first; i < last; i++) {
    for (const { code, span } of ignoreComments[i].codes) {
      if ((CODES as readonly string[]).includes(code)) continue;
      const near = nearestValue(code, CODES);
      ctx.report({
        code: 'invalid-value',
        span: { ...span },
        message: `kent-ignore: no diagnostic code "${code}"${near ? ` (did you mean \`${near}\`?)` : ''}; this comment silences nothing`,
        ...(near ? { fixes: [{ kind: 'replace' as const, span: { ...span }, text: near, title: `Change to \`${near}\`` }] } : {}),
      });
    }
  }
}

const isStatement = (item: Item) => item.kind === 'judgment' || item.kind === 'claim' || item.kind === 'assumption';
