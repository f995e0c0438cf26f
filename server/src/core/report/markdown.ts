// `kent export --format md`: the report as Markdown (CommonMark with GitHub tables), for a wiki,
// a pull request or a Markdown preview. The same content as the HTML report. The evidence map is
// a Mermaid flowchart (mermaid.ts), which GitHub and GitLab draw, and also, folded, a `data:` SVG
// image for viewers that draw no Mermaid; so is the calibration plot, after its table: a Mermaid
// bar chart, then the `data:` SVG folded. The file stays self-contained (GitHub shows no `data:` image).
// User text is escaped wherever Markdown would read it as markup (see `md`).
import { CREDIBILITY, RELIABILITY } from '../attributes';
import { formatInterval, scaleTerms } from '../estimative';
import type { Citation, Item, ItemRef, KentDocument, Prose, Ref } from '../model';
import { LineIndex } from '../text';
import type { KentDiagnostic } from '../types';
import type { Workspace } from '../workspace';
import { calibrationMermaid, calibrationReport, calibrationSvg, coAuthored, CO_AUTHORED, type CalibrationReport } from './calibration';
import { citedBySaid, ReportContext } from './citations';
import { attrValue, citedAround, diagnosticIn, earlyOutcome, estimateWords, flow, keyJudgments, listLines, metaOf, preformattedLines, relationLists, reportEstimate, secondBlockNote, segments, unreadJudgments, unreadValues, validConfidence, MARKDOWN_ESCAPE, heldOut, STAR_EMPHASIS, STRONG, UNDERSCORE_EMPHASIS, type Unparsed, type UnreadValue } from './common';
import { flat, httpUrl } from './escape';
import { buildEvidenceGraph, type EvidenceGraph } from './graph';
import { diagAnchor, numbered, type ExportOptions } from './html';
import { layoutEvidenceGraph } from './layout';
import { MERMAID_LEGEND, renderMapMermaid } from './mermaid';
import { renderMapSvg } from './svg';

const KIND_NAME: Record<string, string> = { assessment: 'Assessment', judgment: 'Judgment', claim: 'Claim', assumption: 'Assumption', evidence: 'Evidence' };

/**
 * Text that Markdown shows as written: the marks it may read as markup are backslash-escaped, so
 * user text makes no link or image (`![x](http://…)` in a title would load a remote image where
 * the report is viewed), raw HTML, entity, code span, emphasis, heading, table cell or list. A
 * `(` or `!` is harmless once brackets are escaped; `+`, `-`, `=` and `1.` only open a line.
 */
function md(s: string): string {
  return atStart(s.replace(MARKS, '\\$&'));
}
const MARKS = /[\\`*_[\]<>&|~#]/g;
/** `+`, `-`, `=` or `1.` opening the text, escaped: what `md` does at the start. */
function atStart(s: string): string {
  return s.replace(/^([+\-=]|\d+(?=[.)]))/, (m) => (/\d/.test(m) ? `${m}\\` : `\\${m}`));
}

/**
 * Running text (a statement, prose) as `md` writes it, but for what the HTML report renders of it,
 * kept as markup so that Markdown renders it alike: code spans and backslash escapes as written
 * (code; the mark without its backslash), and **strong**, *emphasis* and _emphasis_ as the HTML
 * report reads them (`lite` in html.ts). Code spans are literal.ts's, as the parser's are. What is
 * kept is held out as a NUL-numbered placeholder while the rest is escaped.
 */
function mdText(s: string): string {
  if (!MARKUP_CHANCE.test(s)) return md(s);
  const { text, hold, restore } = heldOut(s, (span) => span, (escape) => escape);
  const t = text
    .replace(STRONG, (_m, inner: string) => `${hold('**')}${inner}${hold('**')}`)
    .replace(STAR_EMPHASIS, (_m, before: string, inner: string) => `${before}${hold('*')}${inner}${hold('*')}`)
    .replace(UNDERSCORE_EMPHASIS, (_m, before: string, inner: string) => `${before}${hold('_')}${inner}${hold('_')}`);
  return atStart(restore(t.replace(MARKS, '\\$&')));
}
/** Where none of these stands, nothing is kept: `md` alone. */
const MARKUP_CHANCE = /[`\\*_]/;

/** Markdown text inside a table cell (its pipes are escaped with the rest). */
function cell(s: string): string {
  return md(s).replace(/\s*\n\s*/g, ' ');
}
function code(s: string): string {
  const ticks = Math.max(0, ...[...s.matchAll(/`+/g)].map((m) => m[0].length)) + 1;
  const fence = '`'.repeat(ticks);
  return `${fence}${ticks > 1 ? ' ' : ''}${s}${ticks > 1 ? ' ' : ''}${fence}`;
}

class MdRenderer extends ReportContext {
  inline(text: string, base: number, citations: readonly Citation[], links: readonly ItemRef[]): string {
    return segments(text, base, citations, links)
      .map((s) => (s.type === 'text' ? mdText(s.text) : s.type === 'cite' ? this.citation(s.citation) : this.link(s.ref)))
      .join('')
      .replace(/\s*\n\s*/g, ' ');
  }
  citation(c: Citation): string {
    return `[${c.refs
      .map((r) => {
        const n = this.refs.numberOf(r.key);
        const { before, after } = citedAround(r, mdText);
        return before + (n ? `[${n}](#ref-${n})` : `@${md(r.key)} (not found)`) + after;
      })
      .join('; ')}]`;
  }
  link(ref: ItemRef): string {
    const target = this.ws.resolveItem(this.doc, ref);
    if (target && target.doc === this.doc && this.local.get(target.item.id) === target.item) {
      const n = target.item.kind === 'source' ? this.refs.numberOf(target.item.id) : undefined;
      return n ? `[[${n}](#ref-${n})]` : `[${code(target.item.id)}](#item-${target.item.id})`;
    }
    return code(ref.doc ? `${ref.doc}/${ref.id}` : ref.id);
  }
  ref(ref: Ref): string {
    if (ref.type === 'source') {
      const n = this.refs.numberOf(ref.key);
      const { before, after } = citedAround(ref, md);
      return n ? `[${before}[${n}](#ref-${n})${after}]` : `@${md(ref.key)} (not found)`;
    }
    const target = this.ws.resolveItem(this.doc, ref);
    if (target && target.item.kind !== 'source') return this.link(ref);
    const key = target ? target.item.id : ref.doc === undefined ? ref.id : undefined;
    const n = key !== undefined ? this.refs.numberOf(key) : undefined;
    return n ? `[[${n}](#ref-${n})]` : this.link(ref);
  }
  statement(item: Item): string {
    return this.inline(item.statement, item.statementSpan.start, item.citations, item.links);
  }
  prose(p: Prose): string {
    const list = listLines(p);
    const inside = <T extends { span: { start: number; end: number } }>(xs: readonly T[], l: { text: string; base: number }) => xs.filter((x) => x.span.start >= l.base && x.span.end <= l.base + l.text.length);
    if (list) return list.map((l, i) => `${l.ordered ? `${i + 1}.` : '-'} ${this.inline(l.text, l.base, inside(p.citations, l), inside(p.links, l))}`).join('\n');
    const pre = preformattedLines(p);
    if (pre) return fenced(pre.map((l) => this.plain(l.text, l.base, inside(p.citations, l), inside(p.links, l))));
    // Not indented, for four spaces would start a code block (a preformatted paragraph with a citation across lines is read here).
    return this.inline(p.text, p.span.start, p.citations, p.links).trimStart();
  }
  /** A line of a code block: written as it is, a citation as its numbers (`[2, tab. 2]`), a link as its ID, an escaped mark without its backslash. */
  plain(text: string, base: number, citations: readonly Citation[], links: readonly ItemRef[]): string {
    return segments(text, base, citations, links)
      .map((s) => (s.type === 'text' ? s.text.replace(MARKDOWN_ESCAPE, '$1') : s.type === 'cite' ? numbered(this.refs, s.citation) : s.ref.doc ? `${s.ref.doc}/${s.ref.id}` : s.ref.id))
      .join('');
  }
}

/** Lines in a code block, its fence longer than any run of backticks they hold. */
function fenced(lines: readonly string[]): string {
  const fence = '`'.repeat(Math.max(2, ...lines.flatMap((l) => [...l.matchAll(/`+/g)].map((m) => m[0].length))) + 1);
  return [`${fence}text`, ...lines, fence].join('\n');
}

/** A `data:` URI of an SVG, percent-encoded, with the marks encodeURIComponent leaves that Markdown reads (a `)` ends the link, `*` `_` `~` emphasize where a renderer shows the URL as text). */
const dataUri = (svg: string) => `data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg).replace(/[()*_~!']/g, (c) => '%' + c.charCodeAt(0).toString(16).toUpperCase())}`;

export function exportMarkdown(ws: Workspace, doc: KentDocument, options: ExportOptions): string {
  const r = new MdRenderer(ws, doc);
  const meta = metaOf(doc);
  const diags = [...options.diagnostics].filter((d) => d.path === doc.path).sort((a, b) => a.span.start - b.span.start);
  const out: string[] = [];
  out.push(`# ${md(meta.title)}`, '');
  const facts: string[] = [];
  if (meta.id) facts.push(`**Assessment** ${code(meta.id)}`);
  if (meta.date) facts.push(`**Date** ${meta.unreadDate ? unreadMark(meta.unreadDate, diags) : md(meta.date)}`);
  if (meta.author) facts.push(`**Author** ${md(meta.author)}`);
  if (meta.status) facts.push(`**Status** ${md(meta.status)}`);
  if (meta.supersedes.length) facts.push(`**Supersedes** ${meta.supersedes.map(code).join(', ')}`);
  facts.push(`**Source file** ${code(meta.path)}`);
  out.push(facts.join('  \n'), '');

  out.push('## Key judgments at a glance', '');
  const kjs = keyJudgments(ws, doc);
  const pieces = flow(doc);
  const unread = unreadJudgments(pieces);
  const index = new LineIndex(doc.text);
  if (kjs.length) {
    out.push('| Judgment | Likelihood | Probability | Confidence |', '| --- | --- | --- | --- |');
    for (const kj of kjs) {
      const { unread } = kj;
      const outcome = kj.item.resolved || unread.resolved ? ` *(resolved: ${outcomeText(doc, kj.item, unread.resolved, diags)})*` : '';
      const likelihood = unread.likelihood ? unreadMark(unread.likelihood, diags) : cell(kj.words);
      const confidence = kj.confidence ? cell(kj.confidence) : unread.confidence ? unreadMark(unread.confidence, diags) : '*not stated*';
      out.push(`| [**${md(kj.item.id)}**](#item-${kj.item.id}) ${r.statement(kj.item).replace(/\|/g, '\\|')}${outcome} | ${likelihood} | ${cell(kj.numbers)} | ${confidence} |`);
    }
  } else out.push(`*This document states no judgments${unread.length ? ' that Kent could read' : ''}.*`);
  if (unread.length) out.push('', `${unread.length === 1 ? 'A judgment block Kent could not read is' : `${unread.length} judgment blocks Kent could not read are`} not in this table: see ${unread.map((u) => `[line ${u.line}](#line-${u.line})`).join(', ')}.`);
  out.push('');

  for (const piece of pieces) {
    if (piece.kind === 'heading') out.push(`${'#'.repeat(Math.min(6, piece.heading.level + 1))} ${md(piece.heading.text)}`, '');
    else if (piece.kind === 'prose') out.push(r.prose(piece.prose), '');
    else if (piece.kind === 'unparsed') out.push(unparsedBlock(piece.unparsed, diags, index), '');
    else out.push(itemBlock(r, piece.item, diags, secondBlockNote(doc, piece.item, r.local.get(piece.item.id))), '');
  }

  const graph = buildEvidenceGraph(ws, doc, diags, { citation: (c) => numbered(r.refs, c) });
  out.push('## Evidence map', '', ...evidenceMap(graph, md(meta.title)));

  out.push('## Sources', '');
  for (const ref of r.refs.list) {
    const f = ref.facts;
    let line = `${ref.n}. <a id="ref-${ref.n}"></a>`;
    if (!f) line += `${code('@' + ref.key)}: not found in the workspace or its bibliographies.`;
    else {
      line += `**${md(f.title ?? ref.key)}**`;
      const by = [f.author, f.date].filter(Boolean).map((x) => md(flat(x!)));
      if (by.length) line += `. ${by.join(', ')}`;
      line += '.';
      const url = httpUrl(f.url);
      if (url) line += ` <${url}>`;
      line += ` Reliability: ${f.reliability && RELIABILITY[f.reliability] ? `**${f.reliability}** (${RELIABILITY[f.reliability]})` : 'unrated (counts as F: reliability cannot be judged)'}.`;
      if (f.origin !== ref.key) line += ` Origin ${code(f.origin)}.`;
      line += ` Key ${code('@' + ref.key)}.`;
    }
    const cited = citedBySaid(ref.citedBy.map((id) => `[${code(id)}](#item-${id})`), ref.proseLines);
    if (cited) line += ` ${cited}.`;
    out.push(line);
  }
  if (!r.refs.list.length) out.push('*This document cites no sources.*');
  out.push('', '**Reliability**: ' + Object.entries(RELIABILITY).map(([k, v]) => `${k} ${v}`).join('; ') + '.  ');
  out.push('**Credibility**: ' + Object.entries(CREDIBILITY).map(([k, v]) => `${k} ${v}`).join('; ') + '.  ');
  out.push('**Likelihood**: ' + scaleTerms(ws.config.scale).map((t) => `${t.canonical} ${formatInterval(t.interval)}`).join('; ') + '.', '');

  const cal = options.calibration ?? calibrationReport(ws);
  out.push(...calibrationSection(cal));

  out.push('## Annex: open diagnostics', '');
  if (diags.length) {
    out.push('| Line | Severity | Check | Message |', '| --- | --- | --- | --- |');
    for (const [i, d] of diags.entries()) {
      const p = index.position(d.span.start);
      out.push(`| <a id="${diagAnchor(i)}"></a>${p.line + 1}:${p.character + 1} | ${d.severity} | ${code(d.code)} | ${cell(d.message)} |`);
    }
  } else out.push('None: `kent check` reported nothing for this document.');
  out.push('', `*Made by ${md(options.generator ?? 'Kent')} from ${code(meta.path)}.*`, '');
  return out.join('\n');
}

/** The calibration of the workspace, as the HTML report gives it: the scores, what was left out and why, the tables and the plot. */
function calibrationSection(cal: CalibrationReport): string[] {
  if (cal.count === 0 && cal.skipped.length === 0) return [];
  const out = ['## Calibration of resolved judgments', ''];
  if (cal.count === 0) return [...out, 'Across the workspace, no judgment with a known outcome could be scored.', '', ...skippedList(cal)];
  const pct = (p: number) => `${Math.round(p * 1000) / 10}%`;
  const three = (n: number) => n.toFixed(3);
  out.push(`Across the workspace, ${cal.count} judgment${cal.count === 1 ? '' : 's'} with a known outcome ${cal.count === 1 ? 'is' : 'are'} scored; Brier score **${three(cal.brier!)}** (0 is perfect; always saying 50% scores 0.250).`, '', ...skippedList(cal));
  out.push('| Term | Stated | Midpoint | Observed | Count |', '| --- | --- | --- | --- | --- |');
  for (const b of cal.bins) out.push(`| ${cell(b.term)} | ${formatInterval(b.interval)} | ${pct(b.midpoint)} | ${pct(b.observed)} (${b.happened} of ${b.count}) | ${b.count} |`);
  out.push('', '| Assessment | Judgments | Brier |', '| --- | --- | --- |', ...cal.byAssessment.map((s) => `| ${cell(s.name)} | ${s.count} | ${three(s.brier)} |`));
  out.push('', '| Author | Judgments | Brier |', '| --- | --- | --- |', ...cal.byAuthor.map((s) => `| ${cell(s.name)} | ${s.count} | ${three(s.brier)} |`));
  if (coAuthored(cal)) out.push('', `*${CO_AUTHORED[0].toUpperCase()}${CO_AUTHORED.slice(1)}.*`);
  out.push('', 'Bars: how often the judgments stating each term came true; line: the term’s stated midpoint, which the bar of a calibrated analyst reaches.', '', calibrationMermaid(cal), '');
  out.push('<details><summary>The calibration plot as an image, for viewers that draw no Mermaid</summary>', '', `![Calibration plot](${dataUri(calibrationSvg(cal, { standalone: true }))})`, '', '</details>', '');
  return out;
}

/** The resolved judgments calibration left out, and why: a count of the scored alone would pass for all of them. */
function skippedList(cal: CalibrationReport): string[] {
  const n = cal.skipped.length;
  if (!n) return [];
  return [`${cal.count ? `${n} more ${n === 1 ? 'is' : 'are'}` : `${n} ${n === 1 ? 'is' : 'are'}`} marked resolved but not scored:`, '', ...cal.skipped.map((s) => `- ${code(s.path)} ${code(s.id)}: ${mdText(s.reason)}`), ''];
}

/**
 * The map as a Mermaid flowchart, which GitHub and GitLab draw, then the SVG as a `data:` image,
 * folded, for viewers that draw no Mermaid (VS Code's preview): GitHub shows no `data:` image.
 */
function evidenceMap(graph: EvidenceGraph, title: string): string[] {
  if (graph.nodes.length === 0) return ['*This document has no items to map.*', ''];
  const map = renderMapMermaid(graph);
  const out = ['Judgments on the left, what they stand on to the right. ' + MERMAID_LEGEND, '', map.block, ''];
  if (map.shownNodes < map.totalNodes || map.shownEdges < map.totalEdges) {
    out.push(`*The map shows ${map.shownNodes} of ${map.totalNodes} items and ${map.shownEdges} of ${map.totalEdges} links (the judgments and what they stand on first): a larger one is unreadable in Mermaid. The image below and the HTML report show them all.*`, '');
  }
  const svg = renderMapSvg(graph, layoutEvidenceGraph(graph), { idPrefix: 'map', standalone: true });
  out.push('<details><summary>The evidence map as an image, for viewers that draw no Mermaid</summary>', '', `![Evidence map of ${title}](${dataUri(svg)})`, '', '</details>', '');
  return out;
}

/** A block Kent could not read, where it stood: its lines as written in a code block, marked as not understood, with its errors. */
function unparsedBlock(u: Unparsed, diags: readonly KentDiagnostic[], index: LineIndex): string {
  const inside = diags.filter((d) => d.span.start >= u.span.start && d.span.start <= u.span.end);
  const errors = inside.filter((d) => d.severity === 'error').length;
  const fence = '`'.repeat(Math.max(3, ...[...u.text.matchAll(/`+/g)].map((m) => m[0].length + 1)));
  const lines = [`> <a id="line-${u.line}"></a>**Not understood** · line ${u.line}${inside.length ? ` · ${errors ? `${errors} error${errors === 1 ? '' : 's'}` : `${inside.length} problem${inside.length === 1 ? '' : 's'}`}` : ''}`, `> ${fence}text`, ...u.text.split('\n').map((l) => `> ${l}`), `> ${fence}`];
  if (inside.length) {
    for (const d of inside) {
      const p = index.position(d.span.start);
      lines.push('>', `> ${code(d.code)} at ${p.line + 1}:${p.character + 1}: ${md(flat(d.message))}`);
    }
  } else lines.push('>', '> Kent could not read these lines as a block, a heading or prose.');
  lines.push('>', '> *Shown as written: Kent could not read this block, so nothing in it is in the tables, the map or the checks of this report.*');
  return lines.join('\n');
}

/** A value written but not understood: as written (escaped, in quotes), marked, linked to the annex row that says why. */
function unreadMark(u: UnreadValue, diags: readonly KentDiagnostic[]): string {
  const i = diagnosticIn(diags, u.span);
  return `“${md(u.text)}” (**not understood**${i === undefined ? '' : `: see [the annex](#${diagAnchor(i)})`})`;
}

/** "came true, 2024-01"; a date not understood, or a value not understood at all, marked as such; an outcome known before the assessment's date marked as no forecast. */
function outcomeText(doc: KentDocument, item: Item, unread: UnreadValue | undefined, diags: readonly KentDiagnostic[]): string {
  if (!item.resolved) return unread ? unreadMark(unread, diags) : '';
  const said = item.resolved.value ? 'came true' : 'did not happen';
  if (unread) return `${said}, ${unreadMark(unread, diags)}`;
  const early = earlyOutcome(doc, item, diags);
  const mark = early ? ` (**before the assessment’s date, ${md(early.written)}: no forecast, not scored**${early.diag === undefined ? '' : `: see [the annex](#${diagAnchor(early.diag)})`})` : '';
  return `${said}${item.resolved.date ? ', ' + md(item.resolved.date) : ''}${mark}`;
}

function itemBlock(r: MdRenderer, item: Item, diags: readonly KentDiagnostic[], second?: string): string {
  const unread = unreadValues(item, r.ws.config.scale);
  const e = reportEstimate({ doc: r.doc, item }, r.ws.config.scale, unread);
  const head: string[] = [`${second ? '' : `<a id="item-${item.id}"></a>`}**${KIND_NAME[item.kind] ?? item.kind} ${md(item.id)}**`];
  if (second) head.push(`*${md(second)}*`);
  if (unread.likelihood) head.push(`likelihood ${unreadMark(unread.likelihood, diags)}`);
  else if (item.kind === 'judgment' || item.kind === 'claim') head.push(e ? `${md(estimateWords(e))} (${formatInterval(e)})` : '*no likelihood*');
  const confidence = validConfidence(item);
  if (confidence) head.push(`${confidence} confidence`);
  else if (unread.confidence) head.push(`confidence ${unreadMark(unread.confidence, diags)}`);
  if (item.resolved || unread.resolved) head.push(`resolved: ${outcomeText(r.doc, item, unread.resolved, diags)}`);
  const lines = [`> ${head.join(' · ')}  `, `> ${r.statement(item)}`];
  for (const [label, refs] of relationLists(item)) lines.push('>', `> *${label}:* ${refs.map((x) => r.ref(x)).join(', ')}`);
  if (item.kind === 'evidence') {
    if (item.source) lines.push('>', `> *Source:* ${r.ref(item.source)}${attrValue(item, 'locator') ? `, ${md(attrValue(item, 'locator')!)}` : ''}`);
    if (item.credibility) lines.push('>', `> *Credibility:* ${md(flat(item.credibility.value))}${CREDIBILITY[flat(item.credibility.value)] ? ` (${CREDIBILITY[flat(item.credibility.value)]})` : ''}`);
    if (item.quote) lines.push('>', `> “${md(flat(item.quote.text))}”`);
  }
  return lines.join('\n');
}
