// The report (server/src/core/report/html.ts, markdown.ts) and the `kent export` and
// `kent calibration` commands: structure of the HTML (key judgments, numbered citations linked to
// existing source entries, no script, no loads), escaping, the Markdown twin, and the CLI's
// output rules (stdout, or exactly the one file named by --output).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { checkDocument } from '../server/src/core/analyze';
import { buildEvidenceGraph, RELATION_EDGES, SUPPORT_EDGES, type EvidenceGraph } from '../server/src/core/report/graph';
import { MAX_EDGES, MAX_NODES, mermaidText, renderMapMermaid } from '../server/src/core/report/mermaid';
import { exportHtml } from '../server/src/core/report/html';
import { exportMarkdown } from '../server/src/core/report/markdown';
import { runCli } from '../server/src/cli/main';
import { loadWorkspace } from '../server/src/cli/load';
import MarkdownIt from 'markdown-it';
import fc from 'fast-check';
import { loadFixture } from './harness';

const ROOT = path.resolve(__dirname, '..');
const SAMPLE = path.join(ROOT, 'samples', 'russia-taiwan');

function sampleReport(name = 'russia-taiwan.kent') {
  const { ws } = loadWorkspace(SAMPLE, '.', ['.']);
  const doc = ws.getDocument(name)!;
  const diagnostics = checkDocument(ws, doc);
  return { ws, doc, diagnostics, html: exportHtml(ws, doc, { diagnostics, generator: 'Kent test' }), md: exportMarkdown(ws, doc, { diagnostics, generator: 'Kent test' }) };
}

/** Every `id="…"` in a page. */
const ids = (html: string) => new Set([...html.matchAll(/\sid="([^"]+)"/g)].map((m) => m[1]));

/** Every attribute that would load or link something: `src=`, `href=`, `xlink:href=`, `srcset=`, `action=`, `poster=`, `data=`. */
function loadingAttributes(html: string): Array<{ tag: string; name: string; value: string }> {
  const out: Array<{ tag: string; name: string; value: string }> = [];
  for (const m of html.matchAll(/<([a-zA-Z][\w:-]*)\b([^>]*)>/g)) {
    for (const a of m[2].matchAll(/\s((?:xlink:)?(?:href|src|srcset|action|poster|data|formaction|background))\s*=\s*"([^"]*)"/gi)) out.push({ tag: m[1].toLowerCase(), name: a[1].toLowerCase(), value: a[2] });
  }
  return out;
}

test('HTML report of the sample: key judgments with likelihood in words and numbers and confidence', () => {
  const { html, doc } = sampleReport();
  assert.match(html, /^<!DOCTYPE html>/);
  assert.match(html, /<title>Russia&#39;s Role in a U\.S\.-China War over Taiwan<\/title>/);
  const box = html.slice(html.indexOf('<section class="key-judgments"'), html.indexOf('</section>', html.indexOf('<section class="key-judgments"')));
  const judgments = doc.items.filter((i) => i.kind === 'judgment');
  assert.equal(judgments.length, 8);
  for (const j of judgments) assert.match(box, new RegExp(`<tr class="kj" data-id="${j.id}">`), `${j.id} in the key judgments box`);
  assert.match(box, /KJ1<\/a> The Russia-China partnership[\s\S]*?very likely<\/td><td class="probability">80–95%<\/td><td class="confidence">high confidence<\/td>/);
  assert.match(box, /KJ6<\/a>[\s\S]*?likely<\/td><td class="probability">55–80%<\/td><td class="confidence">moderate confidence<\/td>/);
  assert.match(html, /<dt>Author<\/dt><dd>Carnegie Endowment for International Peace<\/dd>/);
});

test('HTML report: every citation is numbered and links to an entry of the source list', () => {
  const { html } = sampleReport();
  const anchors = ids(html);
  assert.doesNotMatch(html.replace(/<blockquote>[\s\S]*?<\/blockquote>/g, ''), /\[@|\[-@/, 'no citation is left as written');
  const cites = [...html.matchAll(/<span class="cite">\[(.*?)\]<\/span>/g)].map((m) => m[1]);
  assert.ok(cites.length > 20, `citations found: ${cites.length}`);
  for (const c of cites) {
    for (const part of c.split('; ')) assert.match(part, /^<a class="ref" href="#ref-(\d+)">\1<\/a>(, .+)?$/, part);
  }
  const numbers = new Set([...html.matchAll(/href="#ref-(\d+)"/g)].map((m) => Number(m[1])));
  for (const n of numbers) {
    assert.ok(anchors.has(`ref-${n}`), `ref-${n} exists`);
    assert.match(html, new RegExp(`<li id="ref-${n}" value="${n}"><span class="n">\\[${n}\\]</span>`));
  }
  // Numbers run 1..N without gaps, in order of first use in the text.
  const entries = [...html.matchAll(/<li id="ref-(\d+)"/g)].map((m) => Number(m[1]));
  assert.deepEqual(entries, entries.map((_, i) => i + 1));
  // Every in-page link has a target.
  for (const m of html.matchAll(/href="#([^"]+)"/g)) assert.ok(anchors.has(m[1]), `#${m[1]} has a target`);
  // Ratings and their meaning.
  assert.match(html, /Reliability: <span class="rating rel-B">B<\/span> usually reliable/);
  assert.match(html, /<caption>Source reliability<\/caption>/);
});

test('HTML report: no script, no resource loads; links are #anchors or the sources\u2019 own URLs', () => {
  const { html } = sampleReport();
  assert.doesNotMatch(html, /<script/i);
  assert.doesNotMatch(html, /<(img|iframe|object|embed|link|video|audio|source)\b/i);
  assert.doesNotMatch(html, /@import|url\((?!#)/i, 'no CSS loads');
  assert.match(html, /<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">/);
  const attrs = loadingAttributes(html);
  assert.ok(attrs.length > 0);
  for (const a of attrs) {
    assert.equal(a.name, 'href', `${a.tag} ${a.name}=${a.value}`);
    assert.equal(a.tag, 'a', `href only on <a>: ${a.tag}`);
    assert.ok(a.value.startsWith('#') || /^https?:\/\//.test(a.value), a.value);
  }
  const external = attrs.filter((a) => !a.value.startsWith('#')).map((a) => a.value);
  assert.deepEqual(external, ['https://www.iiss.org/publications/the-military-balance/']);
});

test('HTML report: the evidence map inline, one node per item, linked to the items; the annex lists every diagnostic', () => {
  const { html, ws, doc, diagnostics } = sampleReport();
  const graph = buildEvidenceGraph(ws, doc, diagnostics);
  const map = html.slice(html.indexOf('<section class="map"'), html.indexOf('</section>', html.indexOf('<section class="map"')));
  assert.match(map, /<svg class="kent-map"/);
  assert.doesNotMatch(map, /xmlns=/, 'inline SVG needs no namespace');
  assert.equal((map.match(/<g class="kent-node"/g) ?? []).length, graph.nodes.length);
  assert.equal(graph.nodes.filter((n) => !n.external && n.kind !== 'source').length, doc.items.filter((i) => i.kind !== 'assessment' && i.kind !== 'source').length);
  assert.match(map, /<a href="#item-KJ1"><g class="kent-node"/);
  const annex = html.slice(html.indexOf('<section class="annex"'));
  const rows = annex.match(/<tr class="sev-/g) ?? [];
  assert.equal(rows.length, diagnostics.length);
  assert.match(annex, /<tr class="sev-warning" id="diag-\d+"><td>227:7<\/td><td>warning<\/td><td><code>unsupported-claim<\/code><\/td>/);
});

test('Markdown report: the calibration as a Mermaid bar chart GitHub draws, the data: image folded below it', () => {
  const { md } = sampleReport('nie-2000.kent');
  const section = md.slice(md.indexOf('## Calibration'), md.indexOf('## Annex'));
  const chart = /```mermaid\nxychart-beta\n([^`]*)```/.exec(section);
  assert.ok(chart, 'a mermaid xychart block');
  assert.match(chart[1], /x-axis "[^"]*" \["unlikely \(2\)", "likely \(2\)"\]/);
  assert.match(chart[1], /\n  bar \[50, 0\]\n  line \[32\.5, 67\.5\]\n/);
  assert.match(section, /<details><summary>[^<]*<\/summary>\n\n!\[Calibration plot\]\(data:image\/svg\+xml;/);
  // A percentage term: its `%` written as an entity code, like every mark in a Mermaid label.
  const fw = loadFixture('assessment a: A\n\njudgment J: X.\n  likelihood: 70%\n  confidence: low\n  resolved: true 2024\n  because: @s\n\nsource s: S\n  reliability: A\n');
  const pct = exportMarkdown(fw.ws, fw.ws.getDocument('a.kent')!, { diagnostics: [] });
  assert.match(pct, /x-axis "[^"]*" \["70#37; \(1\)"\]\n  y-axis "Percent" 0 --> 100\n  bar \[100\]\n  line \[70\]/);
});

test('HTML report: the calibration plot when the workspace has resolved judgments', () => {
  const { html } = sampleReport('nie-2000.kent');
  assert.match(html, /<section class="calibration"/);
  assert.match(html, /Brier score is <strong>0\.368<\/strong>/);
  assert.match(html, /<svg class="kent-calibration"/);
  assert.match(html, /Resolved: did not happen \(2003\)/);
  // The stated interval as Kent writes ranges: one percent sign, in the HTML and the Markdown table.
  assert.match(html, /<tr><td>likely<\/td><td>55–80%<\/td><td>67\.5%<\/td>/);
  assert.match(sampleReport('nie-2000.kent').md, /\| likely \| 55–80% \| 67\.5% \|/);
  const none = loadFixture('assessment a: A\n\njudgment J: X.\n  likelihood: likely\n  confidence: low\n  because: @s\n\nsource s: S\n  reliability: A\n');
  const doc = none.ws.getDocument('a.kent')!;
  assert.doesNotMatch(exportHtml(none.ws, doc, { diagnostics: [] }), /class="calibration"/);
});

test('HTML report: all user text is escaped; unsafe URLs are not links; unknown keys still get an entry', () => {
  const fw = loadFixture(`
assessment x: <script>alert(1)</script> & Co
  author: "Eve" <eve@example.org>

# Heading <img src=x onerror=alert(2)>

Prose with <b>tags</b> and a citation [@good, p. <4>] and [@missing] and [[J1]].

judgment J1: It is </td></tr><script>alert(3)</script> likely.
  likelihood: likely
  confidence: moderate
  because: @good, @bad

source good: Good "title" <i>
  url: https://example.org/a?b=1&c="2"
  reliability: A

source bad: Bad url
  url: javascript:alert(4)
`);
  const doc = fw.ws.getDocument('a.kent')!;
  const html = exportHtml(fw.ws, doc, { diagnostics: checkDocument(fw.ws, doc) });
  assert.doesNotMatch(html, /<script|<img|<b>tags|<i>|<\/td><\/tr><script/i);
  assert.match(html, /&lt;script&gt;alert\(1\)&lt;\/script&gt; &amp; Co/);
  assert.match(html, /Heading &lt;img src=x onerror=alert\(2\)&gt;/);
  assert.doesNotMatch(html, /href="javascript:/i);
  assert.match(html, /Bad url<\/span>\. javascript:alert\(4\)/);
  // The URL with a quote in it is not a link (it is not a plain http URL); it shows as text.
  assert.doesNotMatch(html, /href="https:\/\/example\.org/);
  // `[@missing]` is numbered and links to an entry saying so.
  const m = /<span class="cite">\[<a class="ref" href="#ref-(\d+)">\d+<\/a>\]<\/span> and/.exec(html);
  assert.ok(m, 'the unknown key is numbered');
  assert.match(html, new RegExp(`<li id="ref-${m![1]}"[^>]*>.*not found in the workspace`));
  assert.match(html, /\[<a class="ref" href="#ref-1">1<\/a>, p\. &lt;4&gt;\]/);
  assert.match(html, /<a class="xref" href="#item-J1">J1<\/a>/);
});

test('Markdown report: key judgments table, numbered citations with anchors, the map as a mermaid flowchart and a folded data: image', () => {
  const { md, ws, doc, diagnostics } = sampleReport();
  assert.match(md, /^# Russia's Role in a U\.S\.-China War over Taiwan\n/);
  assert.match(md, /\| Judgment \| Likelihood \| Probability \| Confidence \|/);
  assert.match(md, /\| \[\*\*KJ1\*\*\]\(#item-KJ1\) The Russia-China partnership.* \| very likely \| 80–95% \| high \|/);
  const links = new Set([...md.matchAll(/\]\(#(ref-\d+|item-[\w-]+)\)/g)].map((m) => m[1]));
  const anchors = new Set([...md.matchAll(/<a id="([^"]+)"><\/a>/g)].map((m) => m[1]));
  for (const l of links) assert.ok(anchors.has(l), `#${l} has an anchor`);
  assert.match(md, /!\[Evidence map of [^\]]+\]\(data:image\/svg\+xml;charset=utf-8,%3Csvg%20xmlns/);
  assert.equal(parseMermaid(mermaidBlock(md)).nodes.size, buildEvidenceGraph(ws, doc, diagnostics).nodes.length);
  assert.doesNotMatch(md, /<script/i);
  assert.match(md, /## Annex: open diagnostics/);
});

// ---------------------------------------------------------------------------------------------
// The command line

function run(args: string[], cwd = ROOT) {
  let stdout = '';
  let stderr = '';
  const status = runCli(args, { cwd, stdout: (s) => (stdout += s), stderr: (s) => (stderr += s), isTty: false });
  return { status, stdout, stderr };
}

function listTree(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string) => {
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      const p = path.join(d, e.name);
      if (e.isDirectory()) walk(p);
      else out.push(path.relative(dir, p) + ':' + fs.statSync(p).size);
    }
  };
  walk(dir);
  return out.sort();
}

test('kent export: to stdout by default, nothing written', () => {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'kent-export-'));
  fs.cpSync(SAMPLE, tmp, { recursive: true });
  const before = listTree(tmp);
  const r = run(['export', 'russia-taiwan.kent'], tmp);
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stdout, /^<!DOCTYPE html>/);
  assert.match(r.stdout, /Made by Kent \d+\.\d+\.\d+/);
  assert.deepEqual(listTree(tmp), before);
  const md = run(['export', 'nie-1998.kent', '--format', 'md'], tmp);
  assert.equal(md.status, 0, md.stderr);
  assert.match(md.stdout, /^# China-Russia Relations over the Next Five Years/);
  fs.rmSync(tmp, { recursive: true, force: true });
});

test('Markdown report: user text makes no link, image, HTML, heading or list when rendered; a code span is code, its text escaped; emphasis is emphasis, as in the HTML report', () => {
  const hostile = {
    title: 'Title ](http://evil.example/x.png) [',
    statement: '# Not a heading: [x](javascript:alert(6)) and ![y](http://evil.example/p.png) with `a<b && c>d` and *stars*',
    prose: 'Prose with <img src=x onerror=alert(1)> ~~struck~~ | pipe',
  };
  const fw = loadFixture(`assessment x: ${hostile.title}

${hostile.prose}

judgment KJ1: ${hostile.statement}
  likelihood: likely
  confidence: low
  because: @s

source s: S
  reliability: B
`);
  const out = exportMarkdown(fw.ws, fw.ws.getDocument('a.kent')!, { diagnostics: [] });
  const html = new MarkdownIt({ html: true }).render(out);
  // No image but the map's data: URI (which markdown-it declines to show); no link leaves the page; no raw tag or heading from user text.
  assert.deepEqual([...html.matchAll(/<img src="([^"]*)"/g)].filter((m) => !m[1].startsWith('data:image/svg+xml;')), []);
  assert.match(out, /!\[Evidence map of .*?\]\(data:image\/svg\+xml;/);
  assert.deepEqual([...html.matchAll(/<a href="([^"]*)"/g)].filter((m) => !m[1].startsWith('#')), []);
  assert.doesNotMatch(html, /<img[^>]*onerror|<del>/);
  // Emphasis is rendered, as the HTML report renders it.
  assert.match(html, /<em>stars<\/em>/);
  // A code span is one in the HTML report too: shown as code, what it holds as text.
  assert.match(html, /<code>a&lt;b &amp;&amp; c&gt;d<\/code>/);
  assert.equal([...html.matchAll(/<h1/g)].length, 1, 'the title is the only h1');
  // And each piece of user text reads as written.
  const text = html.replace(/<[^>]*>/g, '').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&amp;/g, '&');
  for (const t of Object.values(hostile)) assert.ok(text.includes(t.replace(/`/g, '').replace(/\*stars\*/, 'stars')), `${t} is shown as written`);
});

test('kent export DOC --root DIR: names resolve against every document under the root, as kent check resolves them', () => {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'kent-export-'));
  fs.mkdirSync(path.join(tmp, 'one'));
  fs.mkdirSync(path.join(tmp, 'two'));
  fs.writeFileSync(path.join(tmp, 'one', 'a.kent'), 'assessment a: A\n\njudgment KJ1: It will rain.\n  likelihood: likely\n  confidence: low\n  because: @s\n  same-as: b/K1\n\nsource s: S\n  reliability: B\n');
  fs.writeFileSync(path.join(tmp, 'two', 'b.kent'), 'assessment b: B\n\njudgment K1: It will rain.\n  likelihood: unlikely\n  confidence: low\n  because: @s\n');
  const r = run(['export', 'one/a.kent', '--root', '.', '--format', 'md'], tmp);
  assert.equal(r.status, 0, r.stderr);
  assert.doesNotMatch(r.stdout, /unresolved-reference/);
  assert.match(r.stdout, /contradiction/);
  fs.rmSync(tmp, { recursive: true, force: true });
});

test('a percentage likelihood shows once, beside the term it falls within: report text and map', () => {
  const fw = loadFixture('assessment a: A\n\njudgment KJ1: It will rain.\n  likelihood: 85%\n  confidence: low\n  because: @s\n\njudgment KJ2: It will snow.\n  likelihood: 40-60%\n  confidence: low\n  because: @s\n\nsource s: S\n  reliability: B\n');
  const doc = fw.ws.getDocument('a.kent')!;
  const md = exportMarkdown(fw.ws, doc, { diagnostics: [] });
  const html = exportHtml(fw.ws, doc, { diagnostics: [] });
  assert.match(md, /very likely \(85%\)/);
  assert.doesNotMatch(md + html, /85%\) \(85%|85% · 85%|\(85%\) · 85%/);
  assert.match(md, /roughly even chance \(40–60%\)/);
  assert.match(html, /very likely · 85%/);
});

test('key judgments: one with no likelihood shows none, not "stated as fact"', () => {
  const fw = loadFixture('assessment a: A\n\njudgment KJ5: It will rain.\n  confidence: low\n  because: @s\n\nsource s: S\n  reliability: B\n');
  const md = exportMarkdown(fw.ws, fw.ws.getDocument('a.kent')!, { diagnostics: [] });
  assert.match(md, /\| \[\*\*KJ5\*\*\]\(#item-KJ5\) It will rain\. \| not stated \| — \| low \|/);
  assert.doesNotMatch(md, /stated as fact/);
});

const UNREAD_VALUES = `assessment a: A
  date: 2024-02-30

judgment J1: The outbreak will spread.
  likelihood: fairly likely
  confidence: very <b>high</b> | *x*
  because: @s
  resolved: true 2024-02-30

judgment J2: It will likely rain.
  likelihood: 70
  confidence: low
  because: @s
  resolved: yes

source s: S
  reliability: B
`;

/** A fixture's a.kent exported both ways, with its diagnostics in the annex. */
function fixtureReport(fixture: string) {
  const fw = loadFixture(fixture);
  const doc = fw.ws.getDocument('a.kent')!;
  const diagnostics = checkDocument(fw.ws, doc);
  return { doc, diagnostics, html: exportHtml(fw.ws, doc, { diagnostics }), md: exportMarkdown(fw.ws, doc, { diagnostics }) };
}

const unreadValuesReport = () => fixtureReport(UNREAD_VALUES);

test('HTML report: a likelihood, confidence or resolved date not understood shows as written, marked, linked to its row of the annex', () => {
  const { html } = unreadValuesReport();
  const box = html.slice(html.indexOf('<section class="key-judgments"'), html.indexOf('</section>', html.indexOf('<section class="key-judgments"')));
  assert.doesNotMatch(box, /not stated/);
  const mark = (text: string) => new RegExp(`<span class="unread-value">${text}</span> <a class="not-understood" href="#(diag-\\d+)" title="[^"]*">not understood</a>`);
  assert.match(box, new RegExp(`<td class="likelihood">${mark('fairly likely').source}</td><td class="probability">—</td><td class="confidence">${mark('very &lt;b&gt;high&lt;/b&gt; \\| \\*x\\*').source}</td>`));
  assert.match(box, new RegExp(`Resolved: came true \\(${mark('2024-02-30').source}\\)`));
  // A likelihood that does not parse is what the analyst wrote, not the statement's "likely".
  assert.match(box, new RegExp(`<td class="likelihood">${mark('70').source}</td><td class="probability">—</td><td class="confidence">low confidence</td>`));
  assert.match(box, new RegExp(`Resolved: ${mark('yes').source}`));
  // Each mark leads to the annex row of the error it stands for.
  const rows = new Map([...html.matchAll(/<tr class="sev-error" id="(diag-\d+)"><td>[^<]*<\/td><td>error<\/td><td><code>([^<]*)<\/code><\/td><td>([^<]*)<\/td>/g)].map((m) => [m[1], `${m[2]}: ${m[3]}`]));
  const targets = [...box.matchAll(/<a class="not-understood" href="#(diag-\d+)"/g)].map((m) => rows.get(m[1]));
  assert.deepEqual(targets.map((t) => /^(invalid-value|syntax): (judgment J\d: )?`?(likelihood|confidence|resolved)/.exec(t ?? '')?.[3]), ['resolved', 'likelihood', 'confidence', 'resolved', 'likelihood']);
  const main = html.slice(html.indexOf('<main class="document">'), html.indexOf('</main>'));
  assert.match(main, new RegExp(`<span class="est">likelihood ${mark('fairly likely').source}</span> <span class="conf">confidence ${mark('very &lt;b&gt;high&lt;/b&gt; \\| \\*x\\*').source}</span> <span class="outcome">resolved: came true \\(${mark('2024-02-30').source}\\)</span>`));
  assert.doesNotMatch(html, /<b>high/);
  assert.match(html, new RegExp(`<dt>Date</dt><dd>${mark('2024-02-30').source}</dd>`));
  const anchors = ids(html);
  for (const m of html.matchAll(/href="#([^"]+)"/g)) assert.ok(anchors.has(m[1]), `#${m[1]} has a target`);
});

test('Markdown report: a value not understood shows as written, escaped, marked, linked to its row of the annex', () => {
  const { md } = unreadValuesReport();
  const rendered = new MarkdownIt({ html: true }).render(md);
  const box = rendered.slice(rendered.indexOf('<table>'), rendered.indexOf('</table>'));
  assert.doesNotMatch(box, /not stated/);
  const mark = (text: string) => `“${text}” \\(<strong>not understood</strong>: see <a href="#(diag-\\d+)">the annex</a>\\)`;
  assert.match(box, new RegExp(`<td>${mark('fairly likely')}</td>\n<td>—</td>\n<td>${mark('very &lt;b&gt;high&lt;/b&gt; \\| \\*x\\*')}</td>`));
  assert.match(box, new RegExp(`resolved: came true, ${mark('2024-02-30')}`));
  assert.match(box, new RegExp(`<td>${mark('70')}</td>\n<td>—</td>\n<td>low</td>`));
  assert.match(box, new RegExp(`resolved: ${mark('yes')}`));
  assert.match(rendered, new RegExp(`<strong>Judgment J1</strong> · likelihood ${mark('fairly likely')} · confidence ${mark('very &lt;b&gt;high&lt;/b&gt; \\| \\*x\\*')} · resolved: came true, ${mark('2024-02-30')}`));
  assert.doesNotMatch(rendered, /<b>high|<em>x<\/em>/);
  assert.match(rendered, new RegExp(`<strong>Date</strong> ${mark('2024-02-30')}`));
  const anchors = ids(rendered);
  for (const m of rendered.matchAll(/href="#([^"]+)"/g)) assert.ok(anchors.has(m[1]), `#${m[1]} has a target`);
});

test("the report's own box is not titled as a section of the document, and a section left empty (sources go to the end) is not shown", () => {
  const fw = loadFixture('assessment a: A\n\n# Key judgments\n\njudgment KJ1: It will rain.\n  likelihood: likely\n  confidence: low\n  because: @s\n\n# Sources\n\nsource s: The Gazette\n  reliability: B\n');
  const doc = fw.ws.getDocument('a.kent')!;
  const md = exportMarkdown(fw.ws, doc, { diagnostics: [] });
  assert.deepEqual(md.split('\n').filter((l) => /^#+ (Key judgments|Sources)/.test(l)), ['## Key judgments at a glance', '## Key judgments', '## Sources']);
  const html = exportHtml(fw.ws, doc, { diagnostics: [] });
  assert.equal([...html.matchAll(/<h2[^>]*>Sources<\/h2>/g)].length, 1);
});

test('kent export --output FILE writes that file and nothing else', () => {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'kent-export-'));
  const work = path.join(tmp, 'work');
  const out = path.join(tmp, 'out');
  fs.cpSync(SAMPLE, work, { recursive: true });
  fs.mkdirSync(out);
  const before = listTree(tmp);
  const r = run(['export', 'work/russia-taiwan.kent', '--output', 'out/report.html', '--root', 'work'], tmp);
  assert.equal(r.status, 0, r.stderr);
  assert.equal(r.stdout, '');
  const after = listTree(tmp);
  const added = after.filter((f) => !before.includes(f));
  assert.deepEqual(
    added.map((f) => f.replace(/:\d+$/, '')),
    ['out/report.html'],
  );
  assert.deepEqual(after.filter((f) => !f.startsWith('out/')), before);
  assert.match(fs.readFileSync(path.join(out, 'report.html'), 'utf8'), /<section class="key-judgments"/);
  fs.rmSync(tmp, { recursive: true, force: true });
});

test('kent export --output and calibration --svg never write over a file Kent reads: a document, a source, a bibliography', () => {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'kent-export-'));
  fs.cpSync(SAMPLE, tmp, { recursive: true });
  const before = listTree(tmp);
  const source = fs.readdirSync(path.join(tmp, 'sources'))[0];
  for (const target of ['russia-taiwan.kent', 'nie-1998.kent', './NIE-1998.KENT', 'refs.bib', `sources/${source}`]) {
    for (const args of [['export', 'russia-taiwan.kent', '--output', target], ['calibration', '.', '--svg', target]]) {
      const r = run(args, tmp);
      assert.equal(r.status, 2, `${args.join(' ')}: ${r.stderr}`);
      assert.match(r.stderr, /will not write .*it is one of the files Kent reads/);
    }
  }
  assert.deepEqual(listTree(tmp), before, 'nothing was written');
  fs.rmSync(tmp, { recursive: true, force: true });
});

test('kent export: bad usage and unreadable paths exit 2 with a message', () => {
  const noDoc = run(['export']);
  assert.equal(noDoc.status, 2);
  assert.match(noDoc.stderr, /export needs a document/);
  assert.match(noDoc.stderr, /Usage: kent export DOC/);
  const badFormat = run(['export', 'samples/russia-taiwan/nie-1998.kent', '--format', 'pdf']);
  assert.equal(badFormat.status, 2);
  assert.match(badFormat.stderr, /unknown format "pdf": expected html or md/);
  const missing = run(['export', 'samples/nope.kent']);
  assert.equal(missing.status, 2);
  assert.match(missing.stderr, /cannot read samples\/nope\.kent/);
  const folder = run(['export', 'samples']);
  assert.equal(folder.status, 2);
  assert.match(folder.stderr, /samples is a folder: export takes one \.kent document/);
  const outside = run(['export', path.join(SAMPLE, 'nie-1998.kent'), '--root', path.join(ROOT, 'samples', 'tour')]);
  assert.equal(outside.status, 2);
  assert.match(outside.stderr, /outside the workspace/);
  assert.equal(run(['export', '--help']).status, 0);
  // An output in a folder that does not exist, or over a folder: said in words, exit 2.
  const noFolder = run(['export', 'samples/russia-taiwan/nie-1998.kent', '--output', 'no-such-folder/x.html']);
  assert.equal(noFolder.status, 2);
  assert.match(noFolder.stderr, /cannot write no-such-folder\/x\.html: the folder no-such-folder does not exist \(ENOENT\)/);
  const overFolder = run(['calibration', 'samples/russia-taiwan', '--svg', 'samples']);
  assert.equal(overFolder.status, 2);
  assert.match(overFolder.stderr, /cannot write samples: it is a folder \(EISDIR\)/);
});

test('kent calibration: Brier overall, per assessment and author, by term; --svg writes the plot; --format json', () => {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'kent-cal-'));
  const r = run(['calibration', 'samples/russia-taiwan', '--svg', path.join(tmp, 'plot.svg')]);
  assert.equal(r.status, 0, r.stderr);
  // Hand-computed: likely (0.675) false ×2, unlikely (0.325) false and true → (3 × 0.455625 + 0.105625) / 4.
  assert.match(r.stdout, /^Brier score: 0\.368 over 4 resolved judgments/);
  assert.match(r.stdout, /nie-1998\s+1\s+0\.456/);
  assert.match(r.stdout, /nie-2000\s+3\s+0\.339/);
  assert.match(r.stdout, /U\.S\. National Intelligence Council\s+4\s+0\.368/);
  assert.match(r.stdout, /unlikely\s+20–45%\s+32\.5%\s+50% \(1\/2\)\s+2/);
  assert.match(r.stdout, /likely\s+55–80%\s+67\.5%\s+0% \(0\/2\)\s+2/);
  const svg = fs.readFileSync(path.join(tmp, 'plot.svg'), 'utf8');
  assert.match(svg, /^<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg" class="kent-calibration"/);
  assert.deepEqual(fs.readdirSync(tmp), ['plot.svg']);
  const json = JSON.parse(run(['calibration', 'samples/russia-taiwan', '--format', 'json']).stdout);
  assert.equal(json.resolved, 4);
  assert.equal(json.brier, 0.3681);
  assert.deepEqual(
    json.byTerm.map((b: { term: string; count: number; happened: number }) => [b.term, b.count, b.happened]),
    [
      ['unlikely', 2, 1],
      ['likely', 2, 0],
    ],
  );
  const none = run(['calibration', 'samples/tour']);
  assert.equal(none.status, 0);
  assert.match(none.stdout, /No resolved judgments/);
  assert.equal(run(['calibration', '--bogus']).status, 2);
  fs.rmSync(tmp, { recursive: true, force: true });
});

test('kent --help names the new commands', () => {
  const r = run(['--help']);
  assert.match(r.stdout, /kent export DOC \[--format html\|md\] \[--output FILE\]/);
  assert.match(r.stdout, /kent calibration \[PATH\.\.\.\] \[--svg FILE\]/);
  assert.match(run(['export', '--help']).stdout, /md\s+\(Markdown; its evidence map a Mermaid flowchart/);
});

// A block whose header does not parse is neither an item nor prose: the report shows it where it
// stood, as written, marked as not understood, with its error.
const UNREAD = `assessment a: A

# Findings

Before the blocks.

judgment : Rain <b>tomorrow</b> & hail.
  likelihood: likely
  confidence: low

Between the blocks.

claim Cone has no colon
  // a comment, not shown
  because: @s
judgment 1KJ: An ID that starts with a digit \`\`\` and a fence.

judgment KJ2: Snow.
  likelihood: unlikely
  confidence: low
  because: @s

source s: S
  reliability: B
`;

function unreadReport() {
  const report = fixtureReport(UNREAD);
  return { ...report, syntax: report.diagnostics.filter((d) => d.code === 'syntax') };
}

test('HTML report: a block whose header does not parse stands where it was, as written, marked as not understood with its error', () => {
  const { html, syntax, doc } = unreadReport();
  assert.equal(doc.items.filter((i) => i.kind === 'judgment' || i.kind === 'claim').length, 1, 'the parser reads only KJ2');
  assert.equal(syntax.length, 3, syntax.map((d) => d.message).join('\n'));
  const main = html.slice(html.indexOf('<main class="document">'), html.indexOf('</main>'));
  const cards = [...main.matchAll(/<section class="item unparsed" id="(line-\d+)">([\s\S]*?)<\/section>/g)];
  assert.deepEqual(cards.map((m) => m[1]), ['line-7', 'line-13', 'line-16']);
  // As written (escaped), comment lines left out, each with its own error.
  const pre = cards.map((m) => /<pre class="as-written">([\s\S]*?)<\/pre>/.exec(m[2])![1]);
  assert.deepEqual(pre, ['judgment : Rain &lt;b&gt;tomorrow&lt;/b&gt; &amp; hail.\n  likelihood: likely\n  confidence: low', 'claim Cone has no colon\n  because: @s', 'judgment 1KJ: An ID that starts with a digit ``` and a fence.']);
  syntax.forEach((d, i) => {
    assert.ok(cards[i][2].includes(d.message.replace(/"/g, '&quot;')), `card ${i + 1} gives its error: ${d.message}`);
    assert.match(cards[i][2], /<span class="kind">Not understood<\/span>/);
    assert.match(cards[i][2], /<a class="badge error" href="#annex">1 error<\/a>/);
  });
  // Where it stood: between the prose around it, before KJ2.
  const order = ['Before the blocks.', 'id="line-7"', 'Between the blocks.', 'id="line-13"', 'id="line-16"', 'id="item-KJ2"'].map((s) => main.indexOf(s));
  assert.ok(order.every((at, i) => at > 0 && (i === 0 || at > order[i - 1])), `in document order: ${order}`);
  // The key judgments box says which judgments it could not list, linking to them.
  const box = html.slice(html.indexOf('<section class="key-judgments"'), html.indexOf('</section>', html.indexOf('<section class="key-judgments"')));
  assert.equal((box.match(/<tr class="kj"/g) ?? []).length, 1);
  assert.match(box, /2 judgment blocks Kent could not read are not in this table: see <a href="#line-7">line 7<\/a>, <a href="#line-16">line 16<\/a>\./);
  const anchors = ids(html);
  for (const m of html.matchAll(/href="#([^"]+)"/g)) assert.ok(anchors.has(m[1]), `#${m[1]} has a target`);
  assert.doesNotMatch(html, /<b>tomorrow/);
});

test('Markdown report: a block whose header does not parse stands where it was, in a code block, marked as not understood with its error', () => {
  const { md, syntax } = unreadReport();
  const rendered = new MarkdownIt({ html: true }).render(md);
  const blocks = [...rendered.matchAll(/<blockquote>\n<p><a id="(line-\d+)"><\/a><strong>Not understood<\/strong>[^<]*<\/p>\n<pre><code class="language-text">([\s\S]*?)<\/code><\/pre>([\s\S]*?)<\/blockquote>/g)];
  assert.deepEqual(blocks.map((m) => m[1]), ['line-7', 'line-13', 'line-16']);
  const unescape = (s: string) => s.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&amp;/g, '&');
  assert.deepEqual(blocks.map((m) => unescape(m[2])), ['judgment : Rain <b>tomorrow</b> & hail.\n  likelihood: likely\n  confidence: low\n', 'claim Cone has no colon\n  because: @s\n', 'judgment 1KJ: An ID that starts with a digit ``` and a fence.\n']);
  syntax.forEach((d, i) => assert.ok(unescape(blocks[i][3].replace(/<[^>]+>/g, '')).includes(d.message), `block ${i + 1} gives its error: ${d.message}`));
  const order = ['Before the blocks.', 'id="line-7"', 'Between the blocks.', 'id="line-13"', 'id="line-16"', 'id="item-KJ2"'].map((s) => rendered.indexOf(s));
  assert.ok(order.every((at, i) => at > 0 && (i === 0 || at > order[i - 1])), `in document order: ${order}`);
  assert.match(md, /2 judgment blocks Kent could not read are not in this table: see \[line 7\]\(#line-7\), \[line 16\]\(#line-16\)\./);
  assert.doesNotMatch(rendered, /<b>tomorrow/);
});

test('the report shows no block as not understood when every block parses (the samples)', () => {
  for (const name of ['russia-taiwan.kent', 'nie-2000.kent', 'russian-narrative.kent']) {
    const { html, md } = sampleReport(name);
    assert.doesNotMatch(html + md, /Not understood|could not read/, name);
  }
});

test('HTML report: a long word with no break point wraps in the key-judgments table (CSS)', () => {
  const { html } = sampleReport();
  const css = /<style>([\s\S]*?)<\/style>/.exec(html)![1];
  // Every rule of the stylesheet, with the declarations of each selector.
  const rules = [...css.replace(/@media[^{]*\{([^{}]*\{[^{}]*\})*\s*\}/g, '').matchAll(/([^{}]+)\{([^{}]*)\}/g)].map((m) => ({ selectors: m[1].split(',').map((x) => x.trim()), body: m[2] }));
  // `overflow-wrap: break-word` is not enough in a table: the table is as wide as its cells' longest
  // words (their min-content width) whatever it says; `anywhere` (or word-break) lets them shrink.
  const wraps = (body: string) => /overflow-wrap:\s*anywhere|word-break:\s*(break-all|break-word)/.test(body);
  // A rule for the statement cells of the key-judgments table (the first cell of each row), applied to them directly.
  const forCells = rules.filter((r) => r.selectors.some((s) => /(^|[\s>])td(:first-child)?$/.test(s) && (s.startsWith('td') || s.includes('key-judgments'))));
  assert.ok(forCells.some((r) => wraps(r.body)), `a rule for the table cells breaks long words: ${forCells.map((r) => r.selectors.join(', ')).join(' | ')}`);
  // Its cells of words and numbers stay on one line (td.likelihood, …); no rule keeps every cell, the statement's too, on one.
  for (const r of rules.filter((x) => /white-space:\s*nowrap/.test(x.body))) for (const s of r.selectors) assert.doesNotMatch(s, /(^|[\s>])td$/, s);
});

test('a block that repeats an ID, and a second assessment block, stand where they are, marked, without the first one\'s anchor', () => {
  const text = `assessment a: A

judgment KJ1: Alpha will hold.
  likelihood: likely
  because: C1

claim C1: Beta holds.
  because: @s

claim C1: Gamma holds too.
  because: @s

assessment b: A second assessment block

source s: S
  reliability: B
`;
  const fw = loadFixture(text);
  const doc = fw.ws.getDocument('a.kent')!;
  const diagnostics = checkDocument(fw.ws, doc);
  const html = exportHtml(fw.ws, doc, { diagnostics });
  const main = html.slice(html.indexOf('<main class="document">'), html.indexOf('</main>'));
  const order = ['Beta holds.', 'Gamma holds too.', 'A second assessment block'].map((s) => main.indexOf(s));
  assert.ok(order.every((at, i) => at > 0 && (i === 0 || at > order[i - 1])), `in document order: ${order}`);
  assert.equal((main.match(/id="item-C1"/g) ?? []).length, 1, 'one anchor for C1, on the first');
  assert.ok(main.indexOf('id="item-C1"') < order[0]);
  assert.match(main, /<span class="second">a second block with the ID C1: references reach the first<\/span>/);
  assert.match(main, /<span class="second">another assessment block: only the first, a, names this document<\/span>/);
  const md = exportMarkdown(fw.ws, doc, { diagnostics });
  const rendered = new MarkdownIt({ html: true }).render(md);
  assert.ok(rendered.indexOf('Beta holds.') < rendered.indexOf('Gamma holds too.'));
  assert.match(rendered, /A second assessment block/);
  assert.equal((md.match(/<a id="item-C1"><\/a>/g) ?? []).length, 1);
  assert.match(md, /\*a second block with the ID C1: references reach the first\*/);
});

test("reports keep a citation's Pandoc prefix, escaped, before its number: [see 1, p. 4; also 2]", () => {
  const fw = loadFixture('assessment a: A\n\njudgment J: Trade will fall [see @s1, p. 4; also @s2].\n  likelihood: likely\n  confidence: low\n  because: [<b>cf.</b> @s2]\n\nsource s1: S1\n  reliability: A\n\nsource s2: S2\n  reliability: B\n');
  const doc = fw.ws.getDocument('a.kent')!;
  const html = exportHtml(fw.ws, doc, { diagnostics: [] });
  assert.match(html, /\[see <a class="ref" href="#ref-1">1<\/a>, p\. 4; also <a class="ref" href="#ref-2">2<\/a>\]/);
  assert.match(html, /\[&lt;b&gt;cf\.&lt;\/b&gt; <a class="ref" href="#ref-2">2<\/a>\]/);
  assert.doesNotMatch(html, /<b>cf/);
  const md = exportMarkdown(fw.ws, doc, { diagnostics: [] });
  assert.match(md, /\[see \[1\]\(#ref-1\), p\. 4; also \[2\]\(#ref-2\)\]/);
  assert.doesNotMatch(new MarkdownIt().render(md), /<b>cf/);
});

test('reports number a citation whose prefix ends a line: [cf.⏎@s1, p. 4] is [cf. 1, p. 4]', () => {
  const fw = loadFixture('assessment a: A\r\n\r\njudgment J: Trade will fall [cf.\r\n  @s1, p. 4].\r\n  likelihood: likely\r\n  confidence: low\r\n\r\nsource s1: S1\r\n  reliability: A\r\n');
  const doc = fw.ws.getDocument('a.kent')!;
  assert.match(exportHtml(fw.ws, doc, { diagnostics: [] }), /\[cf\. <a class="ref" href="#ref-1">1<\/a>, p\. 4\]/);
  assert.match(exportMarkdown(fw.ws, doc, { diagnostics: [] }), /\[cf\. \[1\]\(#ref-1\), p\. 4\]/);
});

test('reports: an escaped bracket shows without its backslash, a code span of any run of backticks as code, a term in one is no estimate', () => {
  const fw = loadFixture(`assessment x: X

Write \`[@s]\` or \`\`a \` [[KJ1]]\`\` to cite, not \\[@s] or \\[[KJ1]]; \`*not em*\` and a \`\`\`
run\`\`\` across lines [@s, see \`p]\` 4].

judgment KJ1: The term \`likely\` is defined, and a|pipe is \`a|b\` [@s].
  confidence: low

judgment KJ2: A truce is likely [@s].
  confidence: low

source s: S
  reliability: B
`);
  const doc = fw.ws.getDocument('a.kent')!;
  const html = exportHtml(fw.ws, doc, { diagnostics: [] });
  const para = html.match(/<p>Write[\s\S]*?<\/p>/)?.[0] ?? '';
  assert.equal(
    para.replace(/<a class="ref" href="#ref-1">1<\/a>/g, '1').replace(/<span class="cite">(.*?)<\/span>/g, '{$1}'),
    '<p>Write <code>[@s]</code> or <code>a ` [[KJ1]]</code> to cite, not [@s] or [[KJ1]]; <code>*not em*</code> and a <code> run</code> across lines {[1, see <code>p]</code> 4]}.</p>',
  );
  // The key judgments table: KJ1 states no likelihood (the term in a code span is shown, not used); KJ2 does.
  const rows = [...html.matchAll(/<tr class="kj" data-id="(\w+)">[\s\S]*?<td class="likelihood">([\s\S]*?)<\/td>/g)].map((m) => `${m[1]} ${m[2].replace(/<[^>]*>/g, '')}`);
  assert.deepEqual(rows, ['KJ1 not stated', 'KJ2 likely']);
  assert.match(html, /The term <code>likely<\/code> is defined/);

  // The Markdown twin renders the same: the escapes and code spans are kept as written.
  const md = exportMarkdown(fw.ws, doc, { diagnostics: [] });
  assert.ok(md.includes('not \\[@s\\] or \\[\\[KJ1\\]\\]; `*not em*`'), md.split('\n').find((l) => l.startsWith('Write')));
  const rendered = new MarkdownIt({ html: true }).render(md);
  assert.equal(
    rendered.match(/<p>Write[\s\S]*?<\/p>/)?.[0].replace(/<a href="#ref-1">1<\/a>/g, '1'),
    '<p>Write <code>[@s]</code> or <code>a ` [[KJ1]]</code> to cite, not [@s] or [[KJ1]]; <code>*not em*</code> and a <code> run</code> across lines [1, see <code>p]</code> 4].</p>',
  );
  // In the table, a pipe in a code span stays in its cell.
  assert.match(rendered, /<td><a href="#item-KJ1"><strong>KJ1<\/strong><\/a> The term <code>likely<\/code> is defined, and a\|pipe is <code>a\|b<\/code>/);
});

test('a report reads values written in any case as Kent does: `status: Draft`, `confidence: High`, `reliability: b`, `resolved: True`', () => {
  const { ws } = loadFixture(`assessment a: A
  status: Draft

judgment J1: Prices will fall [@src].
  likelihood: likely
  confidence: High
  resolved: True

source src: A source
  reliability: b
`);
  const doc = ws.getDocument('a.kent')!;
  const diagnostics = checkDocument(ws, doc);
  const md = exportMarkdown(ws, doc, { diagnostics, generator: 'Kent test' });
  assert.match(md, /\*\*Status\*\* draft/);
  assert.match(md, /\| likely \| 55–80% \| high \|/);
  assert.match(md, /came true/);
  assert.match(md, /Reliability: \*\*B\*\* \(usually reliable\)/);
});

// ---------------------------------------------------------------------------------------------
// The Markdown report's Mermaid map

/** The one line of each kind `renderMapMermaid` writes; any other line fails the parse. */
const MERMAID_LINE = {
  node: /^ {2}(n\d+)\["((?:[A-Za-z0-9 .,/()'?!_+=-]|#quot;|#\d+;|<br>)*)"\]$/,
  edge: /^ {2}(n\d+) (-->|-\.->|--x|==>)(?:\|"(same as|negates|contradicts|revises|assumes|against)"\|)? (n\d+)$/,
  classDef: /^ {2}classDef (judgment|claim|assumption|evidence|source|external) [a-z-]+:[#0-9a-z ]+(?:,[a-z-]+:[#0-9a-z ]+)*$/,
  class: /^ {2}class (n\d+(?:,n\d+)*) (judgment|claim|assumption|evidence|source|external)$/,
  style: /^ {2}style (n\d+) fill:#[0-9a-f]{6}$/,
  linkStyle: /^ {2}linkStyle (\d+(?:,\d+)*) stroke:#[0-9a-f]{6}$/,
};

interface ParsedMermaid {
  /** Kent's node ID → the label's lines, entity codes decoded. */
  nodes: Map<string, string[]>;
  edges: Array<{ from: string; arrow: string; label?: string; to: string }>;
  classes: Map<string, Set<string>>;
}

/** Entity codes as Mermaid decodes them: `#quot;` and `#NNN;`. */
const decodeMermaid = (s: string) => s.replace(/#quot;|#(\d+);/g, (_m, n: string | undefined) => (n === undefined ? '"' : String.fromCodePoint(Number(n))));

/** A ```mermaid block parsed strictly by the grammar of the lines Kent writes. */
function parseMermaid(block: string): ParsedMermaid {
  const lines = block.split('\n');
  assert.equal(lines[0], '```mermaid');
  assert.equal(lines[1], 'flowchart LR');
  assert.equal(lines[lines.length - 1], '```');
  const out: ParsedMermaid = { nodes: new Map(), edges: [], classes: new Map() };
  for (const line of lines.slice(2, -1)) {
    assert.doesNotMatch(line, /direction\s+(?:TB|BT|RL|LR)/, 'Mermaid reads such a line as a direction statement');
    let m: RegExpMatchArray | null;
    if ((m = line.match(MERMAID_LINE.node))) {
      assert.ok(!out.nodes.has(m[1]), `${m[1]} is declared once`);
      out.nodes.set(m[1], m[2].split('<br>').map(decodeMermaid));
    } else if ((m = line.match(MERMAID_LINE.edge))) out.edges.push({ from: m[1], arrow: m[2], ...(m[3] ? { label: m[3] } : {}), to: m[4] });
    else if ((m = line.match(MERMAID_LINE.class))) for (const id of m[1].split(',')) out.classes.set(id, new Set([...(out.classes.get(id) ?? []), m[2]]));
    else assert.ok(MERMAID_LINE.classDef.test(line) || MERMAID_LINE.style.test(line) || MERMAID_LINE.linkStyle.test(line), `a line Kent writes: ${JSON.stringify(line)}`);
  }
  for (const e of out.edges) assert.ok(out.nodes.has(e.from) && out.nodes.has(e.to), `edge ${e.from} → ${e.to} joins declared nodes`);
  for (const [id] of out.classes) assert.ok(out.nodes.has(id), `${id} is declared`);
  return out;
}

const mermaidBlock = (md: string) => {
  const m = md.match(/^```mermaid\n[\s\S]*?\n```$/m);
  assert.ok(m, 'the report has a mermaid block');
  return m[0];
};

test('Markdown report: the evidence map as a mermaid flowchart, one node per item, edges by kind, other documents\u2019 items marked', () => {
  const fw = loadFixture(`
//- /a.kent
assessment a: A

judgment KJ1: Borduria will join.
  likelihood: likely
  confidence: moderate
  because: C1
  against: E2
  assumes: A1

judgment KJ2: Borduria will not join.
  likelihood: unlikely
  confidence: low
  because: E1
  contradicts: b/KJ9

claim C1: Talks go on [@s].
  because: E1

assumption A1: Nothing changes.

evidence E1: A report.
  source: s
  credibility: 2

evidence E2: A denial.
  source: s

source s: Gazette
  reliability: B

//- /b.kent
assessment b: B

judgment KJ9: Borduria joins in 2000.
  likelihood: very likely
  confidence: low
  because: @s
  same-as: a/KJ1
`);
  const doc = fw.ws.getDocument('a.kent')!;
  const md = exportMarkdown(fw.ws, doc, { diagnostics: [] });
  const map = parseMermaid(mermaidBlock(md));
  const byId = new Map([...map.nodes].map(([n, lines]) => [lines[0].split(',')[0], n]));
  assert.deepEqual([...byId.keys()].sort(), ['A1', 'C1', 'E1', 'E2', 'KJ1', 'KJ2', 'b/KJ9', 's'].sort());
  assert.deepEqual(map.nodes.get(byId.get('KJ1')!), ['KJ1, judgment', 'Borduria will join.', 'likely · 55–80% · moderate confidence']);
  assert.deepEqual(map.nodes.get(byId.get('s')!)![0], 's, source');
  const idOf = new Map([...byId].map(([id, n]) => [n, id]));
  const edges = map.edges.map((e) => `${idOf.get(e.from)} ${e.arrow}${e.label ? ` ${e.label}` : ''} ${idOf.get(e.to)}`).sort();
  assert.deepEqual(
    edges,
    ['KJ1 --> C1', 'KJ1 --x against E2', 'KJ1 -.-> assumes A1', 'KJ2 --> E1', 'KJ2 ==> contradicts b/KJ9', 'C1 --> E1', 'C1 -.-> s', 'E1 --> s', 'E2 --> s', 'b/KJ9 ==> same as KJ1'].sort(),
  );
  assert.ok(map.classes.get(byId.get('b/KJ9')!)!.has('external'));
  assert.ok(!map.classes.get(byId.get('KJ1')!)!.has('external'));
  assert.deepEqual([...map.classes.get(byId.get('KJ1')!)!], ['judgment']);
  // The legend says how to read it; the image stays, folded, for viewers that draw no Mermaid.
  assert.match(md, /Solid arrow: supports .*thick labelled arrow: `same-as`, `negates`, `contradicts`, `revises`/);
  assert.match(md, /<details><summary>[^<]*<\/summary>\n\n!\[Evidence map of A\]\(data:image\/svg\+xml;/);
  assert.doesNotMatch(md, /The map shows \d+ of/, 'a small map is not capped');
});

/** Text from a hostile alphabet: Mermaid's and Markdown's marks, keywords, entities, other scripts. */
const hostileText = fc
  .array(fc.oneof(fc.constantFrom('"', "'", '[', ']', '(', ')', '{', '}', '<', '>', '-->', '---', '==>', '-.->', '|', '%%', '%%{init: {"securityLevel":"loose"}}%%', 'click n1 href "javascript:alert(1)"', '<script>alert(1)</script>', '`', '```', '\n', '\r', '\t', '#', '#quot;', '#35;', '&amp;', ';', ':', ':::', 'end', 'style', 'classDef x fill:#f00;', '<br>', 'direction LR', 'direction', ' TB', 'é', '中', '😀', '\u202e', '\u0000', ' ', 'n1', 'x'), fc.string({ unit: 'grapheme', maxLength: 4 })), { maxLength: 30 })
  .map((a) => a.join(''));

test('mermaidText: any text round-trips through Mermaid\u2019s entity decoding, and only inert characters are left as written', () => {
  fc.assert(
    fc.property(hostileText, (s) => {
      const out = mermaidText(s);
      assert.match(out, /^(?:[A-Za-z0-9 .,/()'?!_+=-]|#quot;|#\d+;)*$/);
      assert.equal(decodeMermaid(out), s);
    }),
    { numRuns: 500 },
  );
});

test('Markdown report map: hostile labels make exactly the nodes and edges of the graph, each label read as written', () => {
  const kinds = ['judgment', 'claim', 'assumption', 'evidence', 'source'] as const;
  const graphOf = fc
    .array(fc.record({ kind: fc.constantFrom(...kinds), label: hostileText, text: hostileText, external: fc.boolean(), unread: fc.option(hostileText, { nil: undefined }) }), { minLength: 1, maxLength: 12 })
    .chain((nodes) =>
      fc.record({
        nodes: fc.constant(nodes),
        edges: fc.uniqueArray(fc.tuple(fc.nat(nodes.length - 1), fc.nat(nodes.length - 1), fc.constantFrom(...SUPPORT_EDGES, ...RELATION_EDGES)), { maxLength: 20, selector: ([a, b, k]) => `${a}|${k}|${b}` }),
      }),
    );
  fc.assert(
    fc.property(graphOf, ({ nodes, edges }) => {
      const graph: EvidenceGraph = {
        path: 'a.kent',
        title: 'A',
        nodes: nodes.map((n, i) => ({ key: `k${i}`, kind: n.kind, id: n.label, label: n.label, text: n.text, external: n.external, ...(n.unread !== undefined ? { unreadLikelihood: n.unread } : {}), problems: { errors: 0, warnings: 0, infos: 0, hints: 0, messages: [] } })),
        edges: edges.filter(([a, b]) => a !== b).map(([a, b, kind]) => ({ key: `k${a}|${kind}|k${b}`, from: `k${a}`, to: `k${b}`, kind })),
        unattached: { errors: 0, warnings: 0, infos: 0, hints: 0, messages: [] },
      };
      const parsed = parseMermaid(renderMapMermaid(graph).block);
      assert.equal(parsed.nodes.size, graph.nodes.length);
      const ids = [...parsed.nodes.keys()];
      assert.deepEqual(ids, graph.nodes.map((_, i) => `n${i + 1}`), 'node IDs are Kent\u2019s own, in order');
      // Each label shows the node's own text, as written (cut short with an ellipsis where long).
      const shown = (line: string, whole: string) => assert.ok(whole.startsWith(line.replace(/…$/, '')), `${JSON.stringify(line)} is the start of ${JSON.stringify(whole)}`);
      graph.nodes.forEach((n, i) => {
        const lines = parsed.nodes.get(ids[i])!;
        assert.ok(lines[0].endsWith(`, ${n.kind}`), 'the kind follows the ID');
        shown(lines[0].slice(0, -`, ${n.kind}`.length), n.label);
        if (n.text) shown(lines[1], n.text);
      });
      const arrows = { because: '-->', source: '-->', cites: '-.->', assumes: '-.-> assumes', against: '--x against', 'same-as': '==> same as', negates: '==> negates', contradicts: '==> contradicts', revises: '==> revises' };
      assert.deepEqual(
        parsed.edges.map((e) => `${e.from} ${e.arrow}${e.label ? ` ${e.label}` : ''} ${e.to}`),
        graph.edges.map((e) => `n${Number(e.from.slice(1)) + 1} ${arrows[e.kind]} n${Number(e.to.slice(1)) + 1}`),
      );
    }),
    { numRuns: 300 },
  );
});

test('Markdown report map: a large map is capped with a note, keeps the judgments and what they stand on, and stays within GitHub\u2019s limits', () => {
  const worst = '😀"#<'.repeat(50);
  const n = 600;
  const graph: EvidenceGraph = {
    path: 'a.kent',
    title: 'A',
    nodes: Array.from({ length: n }, (_, i) => ({ key: `k${i}`, kind: i % 100 === 99 ? ('judgment' as const) : ('claim' as const), id: `C${i}${worst}`, label: `C${i}${worst}`, text: worst, external: false, unreadLikelihood: worst, problems: { errors: 0, warnings: 0, infos: 0, hints: 0, messages: [] } })),
    edges: Array.from({ length: 3 * n }, (_, i) => ({ key: `e${i}`, from: `k${i % n}`, to: `k${(i * 7 + 1) % n}`, kind: RELATION_EDGES[i % 4] })).filter((e) => e.from !== e.to),
    unattached: { errors: 0, warnings: 0, infos: 0, hints: 0, messages: [] },
  };
  const map = renderMapMermaid(graph);
  const parsed = parseMermaid(map.block);
  assert.equal(parsed.nodes.size, MAX_NODES);
  assert.equal(map.shownNodes, MAX_NODES);
  assert.equal(map.totalNodes, n);
  assert.ok(parsed.edges.length <= MAX_EDGES && parsed.edges.length < 500, 'GitHub draws at most 500 edges');
  assert.ok(map.block.length < 50_000, `GitHub draws at most 50,000 characters (${map.block.length})`);
  // Every judgment is kept, and the first thing each stands on.
  const heads = [...parsed.nodes.values()].map((l) => l[0].split(worst.slice(0, 2))[0]);
  for (let i = 99; i < n; i += 100) {
    assert.ok(heads.includes(`C${i}`), `judgment C${i} is shown`);
    assert.ok(heads.includes(`C${(i * 7 + 1) % n}`), `what C${i} stands on is shown`);
  }
  // The report says so.
  const fw = loadFixture(['assessment a: A', '', ...Array.from({ length: 130 }, (_, i) => `claim C${i}: Claim ${i}.\n  because: C${i + 1}\n`)].join('\n'));
  const md = exportMarkdown(fw.ws, fw.ws.getDocument('a.kent')!, { diagnostics: [] });
  assert.match(md, new RegExp(`\\*The map shows ${MAX_NODES} of 130 items and \\d+ of 129 links`));
  assert.equal(parseMermaid(mermaidBlock(md)).nodes.size, MAX_NODES);
});

test('Markdown report: a hostile statement stays inside its Mermaid label and the code fence', () => {
  const statement = 'Break "] --> n9["x"] direction TB %%{init: {"securityLevel":"loose"}}%% ``` <script>alert(1)</script> # ; click n1 href "javascript:alert(2)" é';
  const fw = loadFixture(`assessment x: X\n\njudgment KJ1: ${statement}\n  likelihood: likely\n  because: @s\n\nsource s: S ]\n  reliability: B\n`);
  const md = exportMarkdown(fw.ws, fw.ws.getDocument('a.kent')!, { diagnostics: [] });
  const map = parseMermaid(mermaidBlock(md));
  assert.equal(map.nodes.size, 2);
  assert.deepEqual(map.edges, [{ from: 'n1', arrow: '-->', to: 'n2' }]);
  assert.equal(map.nodes.get('n1')![1].replace(/…$/, ''), statement.slice(0, map.nodes.get('n1')![1].length - 1));
  const html = new MarkdownIt({ html: true }).render(md);
  const fenced = html.match(/<pre><code class="language-mermaid">([\s\S]*?)<\/code><\/pre>/);
  assert.ok(fenced, 'the block is one code block');
  assert.equal(fenced[1].replace(/&quot;/g, '"').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&'), mermaidBlock(md).split('\n').slice(1, -1).join('\n') + '\n');
});

test('HTML report: the open problems are counted by the severities the annex lists (infos and hints, not "notes")', () => {
  const { html, diagnostics } = sampleReport('russia-taiwan.kent');
  const count = (s: string) => diagnostics.filter((d) => d.severity === s).length;
  const n = (k: number, w: string) => `${k} ${w}${k === 1 ? '' : 's'}`;
  assert.ok(html.includes(`<a href="#annex">${n(count('error'), 'error')}, ${n(count('warning'), 'warning')}, ${n(count('info'), 'info')}, ${n(count('hint'), 'hint')}</a> open`), 'the header counts as the annex does');
  assert.doesNotMatch(html, /\d notes?<\/a> open/);
});

test('reports: a paragraph indented as a whole (a table pasted from a word processor) keeps its lines and columns', () => {
  const fw = loadFixture(`assessment a: A

Premiums, per cent of hull value:

    Quarter      Low     High    Trigger
    2025 Q1      1.00    1.50    port strikes [@s, tab. 2]
      2026 Q1    1.00    1.75    \`silo\` fire

source s: S
  reliability: B
`);
  const doc = fw.ws.getDocument('a.kent')!;
  const html = exportHtml(fw.ws, doc, { diagnostics: [] });
  assert.match(html, /<pre class="prose">Quarter {6}Low {5}High {4}Trigger\n2025 Q1 {6}1\.00 {4}1\.50 {4}port strikes <span class="cite">\[<a class="ref" href="#ref-1">1<\/a>, tab\. 2\]<\/span>\n {2}2026 Q1 {4}1\.00 {4}1\.75 {4}<code>silo<\/code> fire<\/pre>/);
  const md = exportMarkdown(fw.ws, doc, { diagnostics: [] });
  const rendered = new MarkdownIt({ html: true }).render(md);
  assert.match(rendered, /<pre><code class="language-text">Quarter {6}Low {5}High {4}Trigger\n2025 Q1 {6}1\.00 {4}1\.50 {4}port strikes \[1, tab\. 2\]\n {2}2026 Q1 {4}1\.00 {4}1\.75 {4}`silo` fire\n<\/code><\/pre>/);
  assert.match(rendered, /<p>Premiums, per cent of hull value:<\/p>/);
});

test('reports: an indented paragraph of tabs and spaces keeps its columns; one with a citation across lines is one run of text, the citation a number', () => {
  const fw = loadFixture('assessment a: A\n\n\tQuarter\tLow\n    2025 Q1 [@s]\n\n    Rates rose [@s,\n    tab. 2] in 2025\n\nsource s: S\n  reliability: B\n');
  const doc = fw.ws.getDocument('a.kent')!;
  const html = exportHtml(fw.ws, doc, { diagnostics: [] });
  assert.match(html, /<pre class="prose">Quarter\tLow\n2025 Q1 <span class="cite">\[<a class="ref" href="#ref-1">1<\/a>\]<\/span><\/pre>/);
  assert.match(html, /<p> *Rates rose <span class="cite">\[<a class="ref" href="#ref-1">1<\/a>, tab\. 2\]<\/span> in 2025<\/p>/);
  const md = exportMarkdown(fw.ws, doc, { diagnostics: [] });
  assert.match(md, /^```text\nQuarter\tLow\n2025 Q1 \[1\]\n```$/m);
  assert.match(md, /^Rates rose \[\[1\]\(#ref-1\), tab\. 2\] in 2025$/m);
  assert.doesNotMatch(md, /\[@s/);
});

test('the source list says where prose cites a source, beside the items that do: one cited only in prose has its line too', () => {
  const fw = loadFixture(
    'assessment a: Red Sea\n\nTransits fell by half, as Xinhua reported [@xinhua-2026].\n\nclaim C1: Insurers priced it in [@unctad-2026, p. 3].\n\nRates doubled [@unctad-2026, fig. 1] and stayed [-@unctad-2026].\n\nsource xinhua-2026: Xinhua\n  reliability: C\n\nsource unctad-2026: UNCTAD\n  reliability: A\n',
  );
  const doc = fw.ws.getDocument('a.kent')!;
  const html = exportHtml(fw.ws, doc, { diagnostics: [] });
  assert.match(html, /<li id="ref-1" value="1">.*?<div class="cited-by">Cited in the prose \(line 3\)<\/div><\/li>/);
  assert.match(html, /<li id="ref-2" value="2">.*?<div class="cited-by">Cited by <a href="#[^"]+">C1<\/a>, and in the prose \(line 7\)<\/div><\/li>/);
  const md = exportMarkdown(fw.ws, doc, { diagnostics: [] });
  assert.match(md, /^1\. <a id="ref-1"><\/a>\*\*Xinhua\*\*.* Cited in the prose \(line 3\)\.$/m);
  assert.match(md, /^2\. <a id="ref-2"><\/a>\*\*UNCTAD\*\*.* Cited by \[`C1`\]\(#item-C1\), and in the prose \(line 7\)\.$/m);
});

test('the Markdown report renders **strong**, *emphasis* and _emphasis_ in prose and statements as the HTML report does; other marks stay text', () => {
  const { ws } = loadFixture(`assessment a: A

The port is **closed to grain** until *further notice*, per _Lloyd's_ [@s]; \`**code**\` and \\*escaped\\* stay, as do a*b*c and 2 * 3 * 4.

judgment KJ1: Shipping will **not** resume before _March_ [@s].
  likelihood: likely

source s: S
  reliability: B
`);
  const doc = ws.getDocument('a.kent')!;
  const strongAndEm = (html: string) => [...html.matchAll(/<(strong|em|code)>([^<]*)<\/\1>/g)].map((m) => `${m[1]}:${m[2]}`).filter((x) => !/^strong:(KJ1|Judgment KJ1|Assessment|Source file|Reliability|Credibility|Likelihood)$/.test(x));
  const html = exportHtml(ws, doc, { diagnostics: [] });
  const rendered = new MarkdownIt({ html: true }).render(exportMarkdown(ws, doc, { diagnostics: [] }));
  const paragraph = (h: string) => h.match(/<p>The port[\s\S]*?<\/p>/)?.[0] ?? '';
  assert.deepEqual(strongAndEm(paragraph(rendered)), ['strong:closed to grain', 'em:further notice', "em:Lloyd's", 'code:**code**']);
  assert.deepEqual(strongAndEm(paragraph(rendered)), strongAndEm(paragraph(html).replace(/&#39;/g, "'")));
  assert.match(paragraph(rendered), /\*escaped\* stay, as do a\*b\*c and 2 \* 3 \* 4\./);
  // The statement, wherever the report shows it: "not" and "March" marked in both.
  assert.match(rendered, /Shipping will <strong>not<\/strong> resume before <em>March<\/em>/);
  assert.match(html, /Shipping will <strong>not<\/strong> resume before <em>March<\/em>/);
});

// A workspace whose resolved judgments are partly left out of calibration: one resolved before its
// assessment's date, one whose likelihood is not understood; the first document co-written.
const LEFT_OUT = `
//- /a.kent
assessment a: Alpha
  date: 2024-05
  author: Rinaldi, M.; Tanaka, A.

judgment J1: Rain in June.
  likelihood: likely
  confidence: low
  because: @s
  resolved: true 2024-06

judgment J2: Rain in April.
  likelihood: likely
  confidence: low
  because: @s
  resolved: true 2024-04

judgment J3: Rain in July.
  likelihood: fairly likely
  confidence: low
  because: @s
  resolved: false 2024-07

source s: Forecast office
  reliability: B
//- /b.kent
assessment b: Beta
  author: Tanaka, A.

judgment K1: Wind.
  likelihood: unlikely
  confidence: low
  because: @t
  resolved: false

source t: Weather service
  reliability: C
`;

function leftOutReport(text = LEFT_OUT) {
  const { ws } = loadFixture(text);
  const doc = ws.getDocument('a.kent')!;
  const diagnostics = checkDocument(ws, doc);
  const html = exportHtml(ws, doc, { diagnostics });
  const md = new MarkdownIt({ html: true }).render(exportMarkdown(ws, doc, { diagnostics }));
  return { html, md };
}

test('reports: the calibration says how many resolved judgments it scored, and lists those it left out and why', () => {
  const { html, md } = leftOutReport();
  for (const page of [html, md]) {
    const section = page.slice(page.indexOf('Calibration of resolved judgments'), page.indexOf('Annex: open diagnostics'));
    assert.match(section, /Across the workspace, 2 judgments with a known outcome are scored/);
    assert.match(section, /2 more are marked resolved but not scored:/);
    assert.match(section, /<li><code>a\.kent<\/code> <code>J2<\/code>: it was resolved \(2024-04\) before the assessment(?:'|&#39;)s date \(2024-05\): a judgment made after the outcome is no forecast<\/li>/);
    // The reason's code spans are code, the analyst's text in them as written.
    assert.match(section, /<li><code>a\.kent<\/code> <code>J3<\/code>: its likelihood <code>fairly likely<\/code> is not understood/);
  }
  // None scored: the section says so and lists them, rather than vanishing.
  const none = leftOutReport(LEFT_OUT.replace('resolved: true 2024-06', 'resolved: yes').replace('resolved: false\n', ''));
  for (const page of [none.html, none.md]) {
    assert.match(page, /Calibration of resolved judgments/);
    assert.match(page, /no judgment with a known outcome could be scored/);
    assert.match(page, /3 are marked resolved but not scored:/);
    assert.doesNotMatch(page, /kent-calibration|xychart/);
  }
});

test('reports: a judgment resolved before its assessment was dated says it is no forecast, linked to the error', () => {
  const { html, md } = leftOutReport();
  const early = /came true,? \(?2024-04\)? (?:<a class="not-scored" href="#(diag-\d+)"[^>]*>before the assessment’s date \(2024-05\): no forecast, not scored<\/a>|\(<strong>before the assessment’s date, 2024-05: no forecast, not scored<\/strong>: see <a href="#(diag-\d+)">the annex<\/a>\))/g;
  for (const page of [html, md]) {
    const marks = [...page.matchAll(early)];
    assert.equal(marks.length, 2, 'in the key-judgments box and on the judgment');
    const target = marks[0][1] ?? marks[0][2];
    const row = page.slice(page.indexOf(`id="${target}"`), page.indexOf('</tr>', page.indexOf(`id="${target}"`)));
    assert.match(row, /invalid-value[\s\S]*judgment J2: resolved 2024-04, before the assessment(?:'|&#39;)s date 2024-05/);
    // J1, resolved after the date, is an outcome like any other.
    assert.match(page, /came true,? \(?2024-06\)?(?!\s*(<a class="not-scored"|\(<strong>before))/);
  }
});

test('reports: the calibration by assessment and by author in the Markdown as in the HTML; co-authors counted each', () => {
  const { html, md } = leftOutReport();
  const rows = (page: string, caption: RegExp) => {
    const at = page.search(caption);
    const table = page.slice(at, page.indexOf('</table>', at));
    return [...table.matchAll(/<tr>\s*<td>([^<]*)<\/td>\s*<td>(\d+)<\/td>\s*<td>([\d.]+)<\/td>\s*<\/tr>/g)].map((m) => [m[1], m[2], m[3]]);
  };
  // a: J1 (0.325)²; b: K1 (0.325)² — both 0.106.
  const byAssessment = [['a', '1', '0.106'], ['b', '1', '0.106']];
  const byAuthor = [['Rinaldi, M.', '1', '0.106'], ['Tanaka, A.', '2', '0.106']];
  assert.deepEqual(rows(html, /<caption>By assessment/), byAssessment);
  assert.deepEqual(rows(md, /<th>Assessment<\/th>/), byAssessment);
  assert.deepEqual(rows(html, /<caption>By author/), byAuthor);
  assert.deepEqual(rows(md, /<th>Author<\/th>/), byAuthor);
  for (const page of [html, md]) assert.match(page, /A judgment whose assessment names several authors, separated by <code>;<\/code>, counts for each\./);
  for (const page of [html, md]) {
    const anchors = ids(page);
    for (const m of page.matchAll(/href="#([^"]+)"/g)) assert.ok(anchors.has(m[1]), `#${m[1]} has a target`);
  }
});

/** The prose of a one-paragraph document as each report shows it: the HTML report's, and the Markdown report's rendered by markdown-it. */
function proseBothWays(prose: string): { html: string; markdown: string } {
  const fw = loadFixture(`assessment x: T\n\n${prose}\n`);
  const doc = fw.ws.getDocument('a.kent')!;
  const h = exportHtml(fw.ws, doc, { diagnostics: [] });
  const html = h.slice(h.indexOf('<main class="document">') + '<main class="document">'.length, h.indexOf('</main>'));
  const r = new MarkdownIt({ html: true }).render(exportMarkdown(fw.ws, doc, { diagnostics: [] }));
  const from = r.indexOf('</p>', r.indexOf('states no judgments')) + 4;
  return { html, markdown: r.slice(from, r.indexOf('<h2>', from)) };
}

test('Report emphasis: `** **` is no rule across the Markdown page, and a `**` CommonMark does not read as strong is not strong in the HTML report either', () => {
  const elements = (s: string) => [...s.matchAll(/<\/?(em|strong|code|hr|a|img|h\d|ul|ol|li|pre|del|blockquote)\b/g)].map((m) => m[0]).join(' ');
  const shown = (s: string) => s.replace(/<[^>]*>/g, '').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&amp;/g, '&').replace(/\s+/g, ' ').trim();
  for (const prose of ['** **', 'x ** ** y', 'aa)b**)]**[(', '**a **', '*a *', '_a _']) {
    const { html, markdown } = proseBothWays(prose);
    assert.doesNotMatch(markdown, /<hr/, prose);
    assert.doesNotMatch(html, /<strong>|<em>/, prose);
    assert.equal(shown(markdown), prose, prose);
  }
  assert.match(proseBothWays('**(a)** and (*b*) and `c`**d**').markdown, /<strong>\(a\)<\/strong> and \(<em>b<\/em>\) and <code>c<\/code><strong>d<\/strong>/);
  // Any text of these marks: the same elements and the same text, either report.
  const mark = fc.constantFrom('*', '**', '_', '__', ' ', 'a', 'é', '中', '`', '\\', '\\*', '(', ')', '.', ',', '!', '[', ']', '<', '&', '"', '-', '#', '~~');
  fc.assert(
    fc.property(fc.array(mark, { minLength: 1, maxLength: 12 }).map((a) => a.join('')).filter((s) => /^[^\s#-].*\S$|^[^\s#-]$/.test(s)), (prose) => {
      const { html, markdown } = proseBothWays(prose);
      assert.equal(elements(markdown), elements(html));
      assert.equal(shown(markdown), shown(html));
    }),
    { numRuns: 300 },
  );
});
