// `kent export --format html`: one self-contained HTML file a reader can use. Title and
// metadata; a key-judgments box (likelihood in words and numbers, confidence); the sections and
// prose with numbered citations, each linked to its entry of the source list; every claim and
// judgment with its support (and a block Kent could not read, as written, with its error); the
// source list with ratings and their meaning; the evidence map as inline SVG; the calibration
// plot when the workspace has resolved judgments; an annex of the open diagnostics. No script, no network: styles are inline, the page's Content-Security-Policy
// forbids any load, the only links are `#anchors` and the sources' own http(s) URLs. All user
// text is escaped.
import { CREDIBILITY, RELIABILITY } from '../attributes';
import { formatInterval, scaleTerms } from '../estimative';
import type { Citation, Item, ItemRef, KentDocument, Prose, Ref } from '../model';
import { LineIndex } from '../text';
import type { KentDiagnostic } from '../types';
import type { Workspace } from '../workspace';
import { calibrationReport, calibrationSvg, coAuthored, CO_AUTHORED, type CalibrationReport } from './calibration';
import { citedBySaid, ReportContext, type Reference, type References } from './citations';
import { attrValue, citedAround, codeSpanText, diagnosticIn, earlyOutcome, estimateWords, flow, keyJudgments, listLines, metaOf, preformattedLines, relationLists, reportEstimate, secondBlockNote, segments, unreadJudgments, unreadValues, validConfidence, heldOut, STAR_EMPHASIS, STRONG, UNDERSCORE_EMPHASIS, type EarlyOutcome, type Unparsed, type UnreadValue } from './common';
import { escapeXml as esc, flat, httpUrl } from './escape';
import { buildEvidenceGraph, type MapNode } from './graph';
import { layoutEvidenceGraph } from './layout';
import { likelihoodColor, renderMapSvg } from './svg';

export interface ExportOptions {
  /** The document's diagnostics (`checkDocument`): they mark the map and fill the annex. */
  diagnostics: readonly KentDiagnostic[];
  /** "Kent 0.1.0": named in the footer. */
  generator?: string;
  /** Calibration of the workspace; computed when not given. */
  calibration?: CalibrationReport;
}

const KIND_NAME: Record<string, string> = { assessment: 'Assessment', judgment: 'Judgment', claim: 'Claim', assumption: 'Assumption', evidence: 'Evidence', source: 'Source' };

/** The anchor of an item of the document in the report. */
export const itemAnchor = (id: string) => `item-${id}`;
export const refAnchor = (n: number) => `ref-${n}`;
/** The anchor of a block Kent could not read, by its first line (1-based). */
export const lineAnchor = (line: number) => `line-${line}`;
/** The anchor of a row of the annex, by its index in the annex (0-based). */
export const diagAnchor = (i: number) => `diag-${i + 1}`;

class Renderer extends ReportContext {

  /** Running text with its citations numbered and its item links linked. */
  inline(text: string, base: number, citations: readonly Citation[], links: readonly ItemRef[]): string {
    return segments(text, base, citations, links)
      .map((s) => (s.type === 'text' ? lite(s.text) : s.type === 'cite' ? this.citation(s.citation) : this.link(s.ref)))
      .join('');
  }

  citation(c: Citation): string {
    const parts = c.refs.map((r) => {
      const n = this.refs.numberOf(r.key);
      // A prefix and a locator are inline Markdown to Pandoc: a code span in one shows as code.
      const { before, after } = citedAround(r, lite);
      return before + (n ? `<a class="ref" href="#${refAnchor(n)}">${n}</a>${after}` : `<span class="unresolved">@${esc(r.key)}</span>${after}`);
    });
    return `<span class="cite">[${parts.join('; ')}]</span>`;
  }

  link(ref: ItemRef): string {
    const target = this.ws.resolveItem(this.doc, ref);
    if (target && target.doc === this.doc && this.local.get(target.item.id) === target.item) {
      if (target.item.kind === 'source') {
        const n = this.refs.numberOf(target.item.id);
        if (n) return `<a class="ref" href="#${refAnchor(n)}">[${n}]</a>`;
      }
      return `<a class="xref" href="#${itemAnchor(target.item.id)}">${esc(target.item.id)}</a>`;
    }
    const name = ref.doc ? `${ref.doc}/${ref.id}` : ref.id;
    if (target) return `<span class="xref other" title="${esc(`in ${target.doc.assessment?.id ?? target.doc.path}: ${flat(target.item.statement)}`)}">${esc(name)}</span>`;
    return `<span class="xref unresolved" title="names nothing in the workspace">${esc(name)}</span>`;
  }

  /** A ref in a relation list: an item of this document, another's, or a numbered source. */
  ref(ref: Ref): string {
    if (ref.type === 'source') {
      const n = this.refs.numberOf(ref.key);
      const { before, after } = citedAround(ref, esc);
      return n ? `<span class="cite">[${before}<a class="ref" href="#${refAnchor(n)}">${n}</a>${after}]</span>` : `<span class="unresolved">@${esc(ref.key)}</span>`;
    }
    const target = this.ws.resolveItem(this.doc, ref);
    if (target && target.item.kind !== 'source') return this.link(ref);
    // A source named by its bare key (`because: iiss-2024`).
    const key = target ? target.item.id : ref.doc === undefined ? ref.id : undefined;
    const n = key !== undefined ? this.refs.numberOf(key) : undefined;
    return n ? `<span class="cite">[<a class="ref" href="#${refAnchor(n)}">${n}</a>]</span>` : this.link(ref);
  }

  statement(item: Item): string {
    return this.inline(item.statement, item.statementSpan.start, item.citations, item.links);
  }

  prose(p: Prose): string {
    const list = listLines(p);
    if (list) {
      const tag = list[0].ordered ? 'ol' : 'ul';
      return `<${tag}>${list.map((l) => `<li>${this.inline(l.text, l.base, within(p.citations, l), within(p.links, l))}</li>`).join('')}</${tag}>`;
    }
    const pre = preformattedLines(p);
    if (pre) return `<pre class="prose">${pre.map((l) => this.inline(l.text, l.base, within(p.citations, l), within(p.links, l))).join('\n')}</pre>`;
    return `<p>${this.inline(p.text, p.span.start, p.citations, p.links)}</p>`;
  }
}

/** A citation as plain text with the report's numbers: `[3, p. 4; 5]`. */
export function numbered(refs: References, c: Citation): string {
  return `[${c.refs.map((x) => { const { before, after } = citedAround(x, (s) => s); return `${before}${refs.numberOf(x.key) ?? '?'}${after}`; }).join('; ')}]`;
}

function within<T extends { span: { start: number; end: number } }>(xs: readonly T[], l: { text: string; base: number }): T[] {
  return xs.filter((x) => x.span.start >= l.base && x.span.end <= l.base + l.text.length);
}

/**
 * Escape, then the little Markdown prose uses: code spans (any run of backticks, across lines, as
 * literal.ts finds them for citations), backslash escapes (`\[` shows `[`), **strong**,
 * *emphasis*. A code span and an escaped mark are held out of the text as a NUL-numbered
 * placeholder while emphasis is read, so what they show is never markup.
 */
function lite(text: string): string {
  const { text: s, restore } = heldOut(text, (span) => `<code>${esc(codeSpanText(span))}</code>`, (_escape, mark) => esc(mark));
  return restore(
    esc(s)
      .replace(STRONG, '<strong>$1</strong>')
      .replace(STAR_EMPHASIS, '$1<em>$2</em>')
      .replace(UNDERSCORE_EMPHASIS, '$1<em>$2</em>'),
  );
}

export function exportHtml(ws: Workspace, doc: KentDocument, options: ExportOptions): string {
  const r = new Renderer(ws, doc);
  const meta = metaOf(doc);
  const diags = [...options.diagnostics].filter((d) => d.path === doc.path).sort((a, b) => a.span.start - b.span.start);
  const counts = { error: 0, warning: 0, info: 0, hint: 0 };
  for (const d of diags) counts[d.severity]++;
  const calibration = options.calibration ?? calibrationReport(ws);
  const index = new LineIndex(doc.text);
  const body: string[] = [];

  // Title and metadata.
  body.push(`<header class="title"><p class="kicker">Assessment${meta.id ? ` <code>${esc(meta.id)}</code>` : ''}</p><h1>${esc(meta.title)}</h1>`);
  const facts: Array<[string, string]> = [];
  if (meta.date) facts.push(['Date', meta.unreadDate ? unreadMark(meta.unreadDate, diags) : esc(meta.date)]);
  if (meta.author) facts.push(['Author', esc(meta.author)]);
  if (meta.status) facts.push(['Status', esc(meta.status)]);
  if (meta.supersedes.length) facts.push(['Supersedes', meta.supersedes.map((s) => `<code>${esc(s)}</code>`).join(', ')]);
  facts.push(['Source file', `<code>${esc(meta.path)}</code>`]);
  facts.push(['Checks', diags.length ? `<a href="#annex">${plural(counts.error, 'error')}, ${plural(counts.warning, 'warning')}, ${plural(counts.info, 'info')}, ${plural(counts.hint, 'hint')}</a> open` : 'no open problems']);
  body.push(`<dl class="meta">${facts.map(([k, v]) => `<dt>${k}</dt><dd>${v}</dd>`).join('')}</dl></header>`);

  // Key judgments box.
  const kjs = keyJudgments(ws, doc);
  const pieces = flow(doc);
  const unread = unreadJudgments(pieces);
  body.push('<section class="key-judgments" id="key-judgments" aria-labelledby="key-judgments-title"><h2 id="key-judgments-title">Key judgments at a glance</h2>');
  if (kjs.length) {
    body.push('<table><thead><tr><th scope="col">Judgment</th><th scope="col">Likelihood</th><th scope="col">Probability</th><th scope="col">Confidence</th></tr></thead><tbody>');
    for (const kj of kjs) {
      const { unread } = kj;
      const outcome = kj.item.resolved || unread.resolved ? `<div class="outcome">Resolved: ${outcomeText(doc, kj.item, unread.resolved, diags)}</div>` : '';
      const likelihood = unread.likelihood ? unreadMark(unread.likelihood, diags) : `${swatch(kj.estimate?.midpoint)}${esc(kj.words)}`;
      const confidence = kj.confidence ? `${esc(kj.confidence)} confidence` : unread.confidence ? unreadMark(unread.confidence, diags) : '<span class="missing">not stated</span>';
      body.push(
        `<tr class="kj" data-id="${esc(kj.item.id)}"><td><a class="id" href="#${itemAnchor(kj.item.id)}">${esc(kj.item.id)}</a> ${r.statement(kj.item)}${outcome}</td>` +
          `<td class="likelihood">${likelihood}</td><td class="probability">${esc(kj.numbers)}</td><td class="confidence">${confidence}</td></tr>`,
      );
    }
    body.push('</tbody></table>');
  } else body.push(`<p class="missing">This document states no judgments${unread.length ? ' that Kent could read' : ''}.</p>`);
  if (unread.length) body.push(`<p class="unread">${unread.length === 1 ? 'A judgment block Kent could not read is' : `${unread.length} judgment blocks Kent could not read are`} not in this table: see ${unread.map((u) => `<a href="#${lineAnchor(u.line)}">line ${u.line}</a>`).join(', ')}.</p>`);
  body.push('</section>');

  // The document: headings, prose and items in order.
  body.push('<main class="document">');
  for (const piece of pieces) {
    if (piece.kind === 'heading') {
      const level = Math.min(6, piece.heading.level + 1);
      body.push(`<h${level}>${lite(piece.heading.text)}</h${level}>`);
    } else if (piece.kind === 'prose') body.push(r.prose(piece.prose));
    else if (piece.kind === 'unparsed') body.push(unparsedCard(piece.unparsed, diags, index));
    else body.push(itemCard(r, piece.item, diags, secondBlockNote(doc, piece.item, r.local.get(piece.item.id))));
  }
  body.push('</main>');

  // Evidence map.
  const graph = buildEvidenceGraph(ws, doc, diags, { citation: (c) => numbered(r.refs, c) });
  const layout = layoutEvidenceGraph(graph);
  const anchorOf = (n: MapNode) => {
    if (n.kind === 'source') {
      const num = r.refs.numberOf(n.id);
      return num ? refAnchor(num) : undefined;
    }
    return n.external ? undefined : itemAnchor(n.id);
  };
  body.push(
    '<section class="map" id="evidence-map" aria-labelledby="evidence-map-title"><h2 id="evidence-map-title">Evidence map</h2>',
    '<p class="note">Judgments on the left, what supports them to the right: claims and assumptions, evidence, and sources in the last column. A node\u2019s colour is its likelihood, its border its confidence, a source\u2019s colour its reliability; a badge counts open errors and warnings. Select a node to go to it.</p>',
    `<div class="map-frame">${renderMapSvg(graph, layout, { idPrefix: 'map', anchorOf })}</div></section>`,
  );

  // Sources.
  body.push('<section class="sources" id="sources" aria-labelledby="sources-title"><h2 id="sources-title">Sources</h2>');
  if (r.refs.list.length) body.push(`<ol class="source-list">${r.refs.list.map((ref) => sourceEntry(ref)).join('')}</ol>`);
  else body.push('<p class="missing">This document cites no sources.</p>');
  body.push(ratingKey(ws), '</section>');

  // Calibration.
  if (calibration.count > 0 || calibration.skipped.length > 0) body.push(calibrationSection(calibration));

  // Annex: open diagnostics.
  body.push('<section class="annex" id="annex" aria-labelledby="annex-title"><h2 id="annex-title">Annex: open diagnostics</h2>');
  if (diags.length) {
    body.push(`<p>${plural(counts.error, 'error')}, ${plural(counts.warning, 'warning')}, ${plural(counts.info, 'info')}, ${plural(counts.hint, 'hint')} from <code>kent check</code> when this report was made.</p>`);
    body.push('<table><thead><tr><th scope="col">Line</th><th scope="col">Severity</th><th scope="col">Check</th><th scope="col">Message</th></tr></thead><tbody>');
    for (const [i, d] of diags.entries()) {
      const p = index.position(d.span.start);
      body.push(`<tr class="sev-${d.severity}" id="${diagAnchor(i)}"><td>${p.line + 1}:${p.character + 1}</td><td>${d.severity}</td><td><code>${esc(d.code)}</code></td><td>${esc(d.message)}</td></tr>`);
    }
    body.push('</tbody></table>');
  } else body.push('<p>None: <code>kent check</code> reported nothing for this document.</p>');
  body.push('</section>');

  body.push(`<footer><p>Made by ${esc(options.generator ?? 'Kent')} from <code>${esc(meta.path)}</code>.</p></footer>`);
  return page(meta.title, body.join('\n'));
}

function itemCard(r: Renderer, item: Item, diags: readonly KentDiagnostic[], second?: string): string {
  const unread = unreadValues(item, r.ws.config.scale);
  const e = reportEstimate({ doc: r.doc, item }, r.ws.config.scale, unread);
  const head: string[] = [`<span class="kind">${KIND_NAME[item.kind] ?? item.kind}</span> <span class="id">${esc(item.id)}</span>`];
  if (unread.likelihood) head.push(`<span class="est">likelihood ${unreadMark(unread.likelihood, diags)}</span>`);
  else if (item.kind === 'judgment' || item.kind === 'claim') {
    if (e) head.push(`<span class="est">${swatch(e.midpoint)}${esc(estimateWords(e))} · ${esc(formatInterval(e))}</span>`);
    else head.push('<span class="est missing">no likelihood</span>');
  }
  const confidence = validConfidence(item);
  if (confidence) head.push(`<span class="conf">${confidence} confidence</span>`);
  else if (unread.confidence) head.push(`<span class="conf">confidence ${unreadMark(unread.confidence, diags)}</span>`);
  if (item.resolved || unread.resolved) head.push(`<span class="outcome">resolved: ${outcomeText(r.doc, item, unread.resolved, diags)}</span>`);
  if (second) head.push(`<span class="second">${esc(second)}</span>`);
  const inside = diags.filter((d) => d.span.start >= item.span.start && d.span.start <= item.span.end);
  const errors = inside.filter((d) => d.severity === 'error').length;
  const warnings = inside.filter((d) => d.severity === 'warning').length;
  if (errors || warnings) head.push(`<a class="badge ${errors ? 'error' : 'warning'}" href="#annex" title="${esc(inside.map((d) => `${d.code}: ${d.message}`).join('\n'))}">${[errors ? plural(errors, 'error') : '', warnings ? plural(warnings, 'warning') : ''].filter(Boolean).join(', ')}</a>`);
  const parts: string[] = [`<section class="item ${item.kind}"${second ? '' : ` id="${itemAnchor(item.id)}"`}><header>${head.join(' ')}</header>`, `<p class="statement">${r.statement(item)}</p>`];
  const rows: string[] = [];
  for (const [label, refs] of relationLists(item)) rows.push(`<dt>${label}</dt><dd>${refs.map((x) => r.ref(x)).join(', ')}</dd>`);
  if (item.kind === 'evidence') {
    if (item.source) rows.push(`<dt>Source</dt><dd>${r.ref(item.source)}${attrValue(item, 'locator') ? `, ${esc(attrValue(item, 'locator')!)}` : ''}</dd>`);
    if (item.credibility) rows.push(`<dt>Credibility</dt><dd>${esc(flat(item.credibility.value))}${CREDIBILITY[flat(item.credibility.value)] ? ` — ${CREDIBILITY[flat(item.credibility.value)]}` : ''}</dd>`);
    if (attrValue(item, 'date')) rows.push(`<dt>Date</dt><dd>${esc(attrValue(item, 'date')!)}</dd>`);
  }
  if (rows.length) parts.push(`<dl class="support">${rows.join('')}</dl>`);
  if (item.quote) parts.push(`<blockquote>${esc(flat(item.quote.text))}</blockquote>`);
  parts.push('</section>');
  return parts.join('');
}

/**
 * A block Kent could not read, where it stood: its lines as written, marked as not understood,
 * with the errors found in it (the annex lists them too).
 */
function unparsedCard(u: Unparsed, diags: readonly KentDiagnostic[], index: LineIndex): string {
  const inside = diags.filter((d) => d.span.start >= u.span.start && d.span.start <= u.span.end);
  const errors = inside.filter((d) => d.severity === 'error').length;
  const head = [`<span class="kind">Not understood</span> <span class="where">line ${u.line}</span>`];
  if (inside.length) head.push(`<a class="badge ${errors ? 'error' : 'warning'}" href="#annex">${errors ? plural(errors, 'error') : plural(inside.length, 'problem')}</a>`);
  const why = inside.length
    ? `<ul class="why">${inside.map((d) => { const p = index.position(d.span.start); return `<li><code>${esc(d.code)}</code> at ${p.line + 1}:${p.character + 1}: ${esc(d.message)}</li>`; }).join('')}</ul>`
    : '<ul class="why"><li>Kent could not read these lines as a block, a heading or prose.</li></ul>';
  return (
    `<section class="item unparsed" id="${lineAnchor(u.line)}"><header>${head.join(' ')}</header>` +
    `<pre class="as-written">${esc(u.text)}</pre>${why}` +
    '<p class="note">Shown as written: Kent could not read this block, so nothing in it is in the tables, the map or the checks of this report.</p></section>'
  );
}

/** A value written but not understood: as written, marked, linked to the annex row that says why. */
function unreadMark(u: UnreadValue, diags: readonly KentDiagnostic[]): string {
  const i = diagnosticIn(diags, u.span);
  const mark = i === undefined ? '<span class="not-understood">not understood</span>' : `<a class="not-understood" href="#${diagAnchor(i)}" title="${esc(diags[i].message)}">not understood</a>`;
  return `<span class="unread-value">${esc(u.text)}</span> ${mark}`;
}

/** "came true (2024-01)"; a date not understood, or a value not understood at all, marked as such; an outcome known before the assessment's date marked as no forecast. */
function outcomeText(doc: KentDocument, item: Item, unread: UnreadValue | undefined, diags: readonly KentDiagnostic[]): string {
  if (!item.resolved) return unread ? unreadMark(unread, diags) : '';
  const said = item.resolved.value ? 'came true' : 'did not happen';
  if (unread) return `${said} (${unreadMark(unread, diags)})`;
  return `${said}${item.resolved.date ? ` (${esc(item.resolved.date)})` : ''}${earlyMark(earlyOutcome(doc, item, diags), diags)}`;
}

/** After an outcome known before the assessment's date: that it is no forecast, linked to the error that says so. */
function earlyMark(early: EarlyOutcome | undefined, diags: readonly KentDiagnostic[]): string {
  if (!early) return '';
  const text = `before the assessment\u2019s date (${esc(early.written)}): no forecast, not scored`;
  return early.diag === undefined ? ` <span class="not-scored">${text}</span>` : ` <a class="not-scored" href="#${diagAnchor(early.diag)}" title="${esc(diags[early.diag].message)}">${text}</a>`;
}

function sourceEntry(ref: Reference): string {
  const f = ref.facts;
  const parts: string[] = [`<span class="n">[${ref.n}]</span> `];
  if (!f) {
    parts.push(`<code>@${esc(ref.key)}</code> — <span class="unresolved">not found in the workspace or its bibliographies</span>`);
  } else {
    parts.push(`<span class="src-title">${esc(f.title ?? ref.key)}</span>`);
    const by = [f.author, f.date].filter(Boolean).map((x) => esc(flat(x!)));
    if (by.length) parts.push(`. ${by.join(', ')}`);
    parts.push('.');
    const url = httpUrl(f.url);
    if (url) parts.push(` <a class="url" href="${esc(url)}" rel="noreferrer noopener">${esc(url)}</a>`);
    else if (f.url) parts.push(` ${esc(flat(f.url))}`);
    const rating = f.reliability && RELIABILITY[f.reliability] ? `<span class="rating rel-${f.reliability}">${f.reliability}</span> ${RELIABILITY[f.reliability]}` : '<span class="rating rel-none">–</span> unrated (counts as F: reliability cannot be judged)';
    parts.push(`<div class="src-facts">Reliability: ${rating}`);
    if (f.origin !== ref.key) parts.push(` · origin <code>${esc(f.origin)}</code>`);
    if (f.kind) parts.push(` · ${esc(flat(f.kind))}`);
    parts.push(` · key <code>@${esc(ref.key)}</code>`);
    if (ref.resolved?.kind === 'bibliography') parts.push(` · from <code>${esc(ref.resolved.bibPath)}</code>`);
    parts.push('</div>');
  }
  const cited = citedBySaid(ref.citedBy.map((id) => `<a href="#${itemAnchor(id)}">${esc(id)}</a>`), ref.proseLines);
  if (cited) parts.push(`<div class="cited-by">${cited}</div>`);
  return `<li id="${refAnchor(ref.n)}" value="${ref.n}">${parts.join('')}</li>`;
}

function ratingKey(ws: Workspace): string {
  const rel = Object.entries(RELIABILITY)
    .map(([k, v]) => `<tr><td><span class="rating rel-${k}">${k}</span></td><td>${v}</td></tr>`)
    .join('');
  const cred = Object.entries(CREDIBILITY)
    .map(([k, v]) => `<tr><td>${k}</td><td>${v}</td></tr>`)
    .join('');
  const scale = scaleTerms(ws.config.scale)
    .map((t) => `<tr><td>${swatch((t.interval.lo + t.interval.hi) / 2)}${esc(t.canonical)}</td><td>${formatInterval(t.interval)}</td></tr>`)
    .join('');
  return (
    '<details class="key" open><summary>What the ratings mean</summary><div class="keys">' +
    `<table><caption>Source reliability</caption><tbody>${rel}</tbody></table>` +
    `<table><caption>Information credibility</caption><tbody>${cred}</tbody></table>` +
    `<table><caption>Likelihood (${ws.config.scale === 'phia' ? 'PHIA yardstick' : 'ICD 203'})</caption><tbody>${scale}</tbody></table>` +
    '</div></details>'
  );
}

function calibrationSection(c: CalibrationReport): string {
  const head = '<section class="calibration" id="calibration" aria-labelledby="calibration-title"><h2 id="calibration-title">Calibration of resolved judgments</h2>';
  if (c.count === 0) return [head, `<p>Across the workspace, no judgment with a known outcome could be scored.</p>`, skippedList(c), '</section>'].join('');
  const pct = (p: number) => `${Math.round(p * 1000) / 10}%`;
  const rows = c.bins.map((b) => `<tr><td>${esc(b.term)}</td><td>${esc(formatInterval(b.interval))}</td><td>${pct(b.midpoint)}</td><td>${pct(b.observed)} (${b.happened} of ${b.count})</td><td>${b.count}</td></tr>`).join('');
  const by = c.byAssessment.map((s) => `<tr><td>${esc(s.name)}</td><td>${s.count}</td><td>${s.brier.toFixed(3)}</td></tr>`).join('');
  const authors = c.byAuthor.map((s) => `<tr><td>${esc(s.name)}</td><td>${s.count}</td><td>${s.brier.toFixed(3)}</td></tr>`).join('');
  return [
    head,
    `<p>Across the workspace, ${plural(c.count, 'judgment')} with a known outcome ${c.count === 1 ? 'is' : 'are'} scored. Taking each likelihood\u2019s midpoint as the forecast, the Brier score is <strong>${c.brier!.toFixed(3)}</strong> (0 is perfect; always saying 50% scores 0.250).</p>`,
    skippedList(c),
    `<div class="cal-grid"><div>${calibrationSvg(c, { idPrefix: 'cal' })}</div><div>`,
    `<table><caption>By likelihood term</caption><thead><tr><th scope="col">Term</th><th scope="col">Stated</th><th scope="col">Midpoint</th><th scope="col">Observed</th><th scope="col">Count</th></tr></thead><tbody>${rows}</tbody></table>`,
    `<table><caption>By assessment</caption><thead><tr><th scope="col">Assessment</th><th scope="col">Judgments</th><th scope="col">Brier</th></tr></thead><tbody>${by}</tbody></table>`,
    `<table><caption>By author</caption><thead><tr><th scope="col">Author</th><th scope="col">Judgments</th><th scope="col">Brier</th></tr></thead><tbody>${authors}</tbody></table>`,
    coAuthored(c) ? `<p class="note">${esc(CO_AUTHORED[0].toUpperCase() + CO_AUTHORED.slice(1)).replace(/`([^`]*)`/g, '<code>$1</code>')}.</p>` : '',
    '</div></div></section>',
  ].join('');
}

/** The resolved judgments calibration left out, and why: a count of the scored alone would pass for all of them. */
function skippedList(c: CalibrationReport): string {
  if (!c.skipped.length) return '';
  const n = c.skipped.length;
  const items = c.skipped.map((s) => `<li><code>${esc(s.path)}</code> <code>${esc(s.id)}</code>: ${lite(s.reason)}</li>`).join('');
  return `<p>${c.count ? `${n} more ${n === 1 ? 'is' : 'are'}` : `${n} ${n === 1 ? 'is' : 'are'}`} marked resolved but not scored:</p><ul class="not-scored-list">${items}</ul>`;
}

/** A small colour chip of the likelihood scale (an inline SVG: no style attribute needed). */
function swatch(p: number | undefined): string {
  if (p === undefined) return '';
  return `<svg class="chip" width="10" height="10" viewBox="0 0 10 10" aria-hidden="true"><rect width="10" height="10" rx="2" fill="${likelihoodColor(p)}" stroke="#777777" stroke-width="0.6"/></svg>`;
}


function plural(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}`;
}

function page(title: string, body: string): string {
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">
<meta name="generator" content="Kent">
<title>${esc(title)}</title>
<style>
${CSS}
</style>
</head>
<body>
${body}
</body>
</html>
`;
}

const CSS = `:root { color-scheme: light; --ink: #1b1b1b; --muted: #5a5a5a; --line: #d9d9d9; --accent: #0b5cad; --soft: #f6f7f9; }
* { box-sizing: border-box; }
body { margin: 0 auto; max-width: 62rem; padding: 2rem 1.5rem 4rem; font: 16px/1.55 system-ui, -apple-system, "Segoe UI", Roboto, "DejaVu Sans", Arial, sans-serif; color: var(--ink); background: #fff; overflow-wrap: break-word; }
h1 { font-size: 1.9rem; line-height: 1.25; margin: 0.2rem 0 1rem; }
h2 { font-size: 1.35rem; margin: 2.4rem 0 0.8rem; padding-bottom: 0.25rem; border-bottom: 1px solid var(--line); }
h3 { font-size: 1.15rem; margin: 1.8rem 0 0.6rem; } h4, h5, h6 { font-size: 1rem; margin: 1.4rem 0 0.5rem; }
a { color: var(--accent); } code { font-family: ui-monospace, "DejaVu Sans Mono", Menlo, Consolas, monospace; font-size: 0.9em; background: var(--soft); padding: 0 0.2em; border-radius: 3px; }
.kicker { margin: 0; color: var(--muted); text-transform: uppercase; letter-spacing: 0.06em; font-size: 0.8rem; } .kicker code { text-transform: none; letter-spacing: 0; }
dl.meta { display: grid; grid-template-columns: max-content 1fr; gap: 0.15rem 1rem; margin: 0; font-size: 0.95rem; }
dl.meta dt { color: var(--muted); } dl.meta dd { margin: 0; }
.key-judgments { margin: 2rem 0; padding: 0.4rem 1.2rem 1rem; border: 2px solid #23395d; border-radius: 8px; background: #f3f6fb; }
.key-judgments h2 { border: 0; margin-top: 0.8rem; }
table { border-collapse: collapse; width: 100%; font-size: 0.95rem; }
th, td { text-align: left; vertical-align: top; padding: 0.45rem 0.6rem; border-bottom: 1px solid var(--line); }
th { font-size: 0.85rem; color: var(--muted); font-weight: 600; }
.key-judgments td:first-child, .annex td:last-child, dd { overflow-wrap: anywhere; }
.key-judgments td.likelihood, .key-judgments td.probability, .key-judgments td.confidence { white-space: nowrap; }
.key-judgments td.probability { font-variant-numeric: tabular-nums; font-weight: 600; }
a.id { font-weight: 700; margin-right: 0.3rem; text-decoration: none; }
.outcome, .second { color: var(--muted); font-size: 0.88rem; }
.second { font-style: italic; }
.missing { color: var(--muted); font-style: italic; }
.unread-value { font-family: ui-monospace, "DejaVu Sans Mono", Menlo, Consolas, monospace; font-size: 0.9em; color: var(--ink); background: #fdecea; padding: 0 0.2em; border-radius: 3px; white-space: normal; overflow-wrap: anywhere; }
.not-scored { color: #c62828; font-size: 0.85em; font-weight: 600; font-style: normal; }
.not-understood { color: #c62828; font-size: 0.85em; font-weight: 600; font-style: normal; white-space: nowrap; }
svg.chip { margin-right: 0.35rem; vertical-align: -1px; }
.item { margin: 1rem 0; padding: 0.6rem 0.9rem; border: 1px solid var(--line); border-left: 4px solid #9aa5b1; border-radius: 6px; background: #fff; }
.item.judgment { border-left-color: #23395d; background: #f8fafd; } .item.claim { border-left-color: #5b7fa6; }
.item.assumption { border-left-color: #8e7cc3; background: #fbf9fe; } .item.evidence { border-left-color: #9e9e9e; }
.item header { font-size: 0.88rem; color: var(--muted); display: flex; flex-wrap: wrap; gap: 0.3rem 0.8rem; align-items: baseline; }
.item .kind { text-transform: uppercase; letter-spacing: 0.05em; font-size: 0.78rem; } .item .id { font-weight: 700; color: var(--ink); }
.item .statement { margin: 0.35rem 0; }
.item.unparsed { border-left-color: #c62828; background: #fffafa; } .item.unparsed .kind { color: #c62828; font-weight: 700; }
pre.prose { margin: 0.8rem 0; font: 0.88rem/1.45 ui-monospace, "DejaVu Sans Mono", Menlo, Consolas, monospace; white-space: pre-wrap; overflow-wrap: anywhere; }
pre.as-written { margin: 0.4rem 0; padding: 0.4rem 0.6rem; background: var(--soft); border-radius: 4px; font: 0.88rem/1.45 ui-monospace, "DejaVu Sans Mono", Menlo, Consolas, monospace; white-space: pre-wrap; overflow-wrap: anywhere; }
ul.why { margin: 0.3rem 0; padding-left: 1.2rem; font-size: 0.92rem; } .item.unparsed .note { margin: 0.2rem 0 0; font-size: 0.85rem; }
.unread { margin: 0.6rem 0 0; font-size: 0.92rem; }
dl.support { display: grid; grid-template-columns: max-content 1fr; gap: 0.1rem 0.8rem; margin: 0.3rem 0 0; font-size: 0.92rem; }
dl.support dt { color: var(--muted); } dl.support dd { margin: 0; }
blockquote { margin: 0.5rem 0 0.2rem; padding: 0.2rem 0.8rem; border-left: 3px solid var(--line); color: #333; font-style: italic; }
.badge { font-size: 0.8rem; padding: 0 0.45rem; border-radius: 0.7rem; text-decoration: none; font-weight: 600; }
.badge.error { background: #c62828; color: #fff; } .badge.warning { background: #f9a825; color: #1b1b1b; }
.cite { white-space: nowrap; } .cite a.ref { font-weight: 600; text-decoration: none; }
.xref { font-family: ui-monospace, "DejaVu Sans Mono", Menlo, Consolas, monospace; font-size: 0.88em; }
.xref.other { color: var(--muted); } .unresolved { color: #c62828; text-decoration: underline wavy #c62828; }
.map-frame { overflow: auto; max-height: 80vh; border: 1px solid var(--line); border-radius: 6px; }
.map-frame svg { display: block; }
.map-frame a:focus-visible g rect:first-of-type { stroke: #0b5cad; }
.note { color: var(--muted); font-size: 0.92rem; }
ol.source-list { padding-left: 0; list-style: none; }
ol.source-list li { margin: 0 0 0.8rem; padding-left: 2.6rem; text-indent: -2.6rem; }
ol.source-list li:target, .item:target, tr:target { outline: 3px solid #ffd54f; outline-offset: 2px; }
.n { display: inline-block; width: 2.6rem; text-indent: 0; font-weight: 700; color: var(--muted); }
.src-title { font-weight: 600; } .src-facts, .cited-by { text-indent: 0; font-size: 0.9rem; color: var(--muted); }
.url { word-break: break-all; }
.rating { display: inline-block; min-width: 1.3rem; text-align: center; font-weight: 700; border-radius: 3px; border: 1px solid #777; color: #1b1b1b; }
.rel-A { background: #1a9850; color: #fff; } .rel-B { background: #91cf60; } .rel-C { background: #d9ef8b; } .rel-D { background: #fee08b; } .rel-E { background: #fc8d59; } .rel-F { background: #c8c8c8; } .rel-none { background: #fff; border-style: dashed; }
details.key { margin-top: 1rem; font-size: 0.9rem; } details.key summary { cursor: pointer; color: var(--muted); }
.keys { display: grid; grid-template-columns: repeat(auto-fit, minmax(15rem, 1fr)); gap: 1rem; margin-top: 0.6rem; }
caption { text-align: left; font-weight: 600; padding: 0.3rem 0; }
.cal-grid { display: grid; grid-template-columns: minmax(0, 520px) 1fr; gap: 1.2rem; align-items: start; }
.cal-grid svg { max-width: 100%; height: auto; }
.cal-grid table { margin-bottom: 1rem; }
.annex tr.sev-error td:nth-child(2) { color: #c62828; font-weight: 600; } .annex tr.sev-warning td:nth-child(2) { color: #9a6700; font-weight: 600; }
.annex td:first-child { white-space: nowrap; font-variant-numeric: tabular-nums; }
footer { margin-top: 3rem; color: var(--muted); font-size: 0.85rem; border-top: 1px solid var(--line); }
@media (max-width: 720px) { .cal-grid { grid-template-columns: 1fr; } }
@media print { .map-frame { max-height: none; overflow: visible; } details.key { display: block; } a { color: inherit; } }`;
