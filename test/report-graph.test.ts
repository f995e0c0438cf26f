// The evidence map's graph model, layout and SVG (server/src/core/report/graph.ts, layout.ts,
// svg.ts): one node per item, one edge per relation, cross-document relations both ways,
// diagnostics on the nodes they fall in, columns by kind, a stable order as the text changes,
// and SVG that escapes user text and carries no script or external reference.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checkDocument } from '../server/src/core/analyze';
import { buildEvidenceGraph } from '../server/src/core/report/graph';
import { assignRanks, LAYERED_LIMIT, layoutEvidenceGraph, NODE_WIDTH, positionsOf, wrap } from '../server/src/core/report/layout';
import { evidenceMap } from '../server/src/core/report/map';
import { likelihoodColor, nodeFooter, nodeLook, renderMapSvg, truncateRef } from '../server/src/core/report/svg';
import { truncate } from '../server/src/core/report/escape';
import { loadFixture } from './harness';

const FIXTURE = `
//- /main.kent
assessment main: Main assessment
  bibliography: refs.bib

judgment KJ1: Russia would probably stay out of a war over Taiwan.
  likelihood: likely
  confidence: moderate
  because: C1, E1, [@bib-source, p. 3]
  against: E2
  assumes: A1
  contradicts: other/L1

judgment KJ2: A war would almost certainly not serve Russia.
  likelihood: almost certain
  confidence: high
  because: C1
  same-as: other/L2

claim C1: Russia's Pacific forces are weak [@s1].
  because: E1

assumption A1: The war in Ukraine goes on.

evidence E1: Experts expect no Russian role.
  source: s1
  credibility: 2

evidence E2: Officials hint at help.
  source: s2
  credibility: 4

source s1: Local source
  reliability: B

source s2: Another local source
//- /other.kent
assessment other: The other view

judgment L1: Russia will join the war.
  likelihood: likely
  because: @shared

judgment L2: A war would not serve Russia.
  likelihood: very likely
  because: @shared

judgment L3: Russia stays neutral.
  likelihood: likely
  revises: main/KJ1
  because: @shared

source shared: A source defined in the other document
  reliability: D
//- /refs.bib
@article{bib-source, title = {From the bibliography}, reliability = {A}}
`;

function graphOf(fixture = FIXTURE, path = 'main.kent') {
  const fw = loadFixture(fixture);
  const doc = fw.ws.getDocument(path)!;
  return { fw, doc, graph: buildEvidenceGraph(fw.ws, doc, checkDocument(fw.ws, doc)) };
}

test('one node per item of the document, plus cited sources and related items of other documents', () => {
  const { graph, doc } = graphOf();
  const items = doc.items.filter((i) => i.kind !== 'assessment');
  for (const item of items) {
    const nodes = graph.nodes.filter((n) => !n.external && n.id === item.id && n.kind === item.kind);
    assert.equal(nodes.length, 1, `one node for ${item.kind} ${item.id}`);
  }
  assert.deepEqual(
    graph.nodes.map((n) => [n.key, n.kind, n.label, n.external]),
    [
      ['item:main.kent#KJ1', 'judgment', 'KJ1', false],
      ['item:main.kent#KJ2', 'judgment', 'KJ2', false],
      ['item:main.kent#C1', 'claim', 'C1', false],
      ['item:main.kent#A1', 'assumption', 'A1', false],
      ['item:main.kent#E1', 'evidence', 'E1', false],
      ['item:main.kent#E2', 'evidence', 'E2', false],
      ['source:s1', 'source', 's1', false],
      ['source:s2', 'source', 's2', false],
      ['source:bib-source', 'source', 'bib-source', false],
      ['item:other.kent#L1', 'judgment', 'other/L1', true],
      ['item:other.kent#L2', 'judgment', 'other/L2', true],
      ['item:other.kent#L3', 'judgment', 'other/L3', true],
    ],
  );
  assert.equal(new Set(graph.nodes.map((n) => n.key)).size, graph.nodes.length, 'keys are unique');
});

test('one edge per relation, in the direction it is declared', () => {
  const { graph } = graphOf();
  const short = (k: string) => k.replace(/^item:[^#]+#/, '').replace(/^source:/, '@');
  assert.deepEqual(graph.edges.map((e) => `${short(e.from)} ${e.kind} ${short(e.to)}`).sort(), [
    'C1 because E1',
    'C1 cites @s1',
    'E1 source @s1',
    'E2 source @s2',
    'KJ1 against E2',
    'KJ1 assumes A1',
    'KJ1 because @bib-source',
    'KJ1 because C1',
    'KJ1 because E1',
    'KJ1 contradicts L1',
    'KJ2 because C1',
    'KJ2 same-as L2',
    'L3 revises KJ1',
  ]);
});

test('node facts: estimate midpoint, confidence, reliability, credibility, where to reveal it', () => {
  const { graph, fw } = graphOf();
  const node = (key: string) => graph.nodes.find((n) => n.key === key)!;
  assert.deepEqual({ ...node('item:main.kent#KJ1').estimate }, { lo: 0.55, hi: 0.8, midpoint: 0.675, label: 'likely', words: 'likely', from: 'likelihood' });
  assert.equal(node('item:main.kent#KJ2').confidence, 'high');
  assert.equal(node('item:main.kent#C1').estimate?.from, 'fact');
  assert.equal(node('source:s1').reliability, 'B');
  assert.equal(node('source:s2').reliability, undefined);
  assert.equal(node('source:bib-source').reliability, 'A');
  assert.equal(node('source:bib-source').location?.path, 'refs.bib');
  assert.equal(node('item:main.kent#E2').credibility, '4');
  const loc = node('item:other.kent#L1').location!;
  assert.equal(fw.textOf(loc.path).slice(loc.span.start, loc.span.end), 'L1');
});

test('diagnostics mark the node they fall in; the rest are unattached', () => {
  const fixture = `
assessment d: D

Prose citing [@nothing].

judgment J1: Something happens.
  because: C9

claim C2: Unsupported.
`;
  const { graph } = graphOf(fixture, 'a.kent');
  const j1 = graph.nodes.find((n) => n.id === 'J1')!;
  const c2 = graph.nodes.find((n) => n.id === 'C2')!;
  assert.ok(j1.problems.errors >= 1, 'J1: unresolved C9 is an error');
  assert.ok(j1.problems.messages.some((m) => m.code === 'unresolved-reference'));
  assert.ok(j1.problems.warnings >= 1, 'J1: missing likelihood and confidence');
  assert.equal(c2.problems.warnings, 1);
  assert.equal(c2.problems.messages[0].code, 'unsupported-claim');
  assert.equal(graph.unattached.errors, 1, 'the unresolved @nothing in prose');
});

test('incoming cross-document relations appear in the other document too', () => {
  const { graph } = graphOf(FIXTURE, 'other.kent');
  const keys = graph.edges.map((e) => `${e.from} ${e.kind} ${e.to}`);
  assert.ok(keys.includes('item:main.kent#KJ1 contradicts item:other.kent#L1'));
  assert.ok(keys.includes('item:main.kent#KJ2 same-as item:other.kent#L2'));
  assert.ok(keys.includes('item:other.kent#L3 revises item:main.kent#KJ1'));
  assert.ok(graph.nodes.find((n) => n.key === 'item:main.kent#KJ1')?.external);
});

test('columns: judgments, then claims and assumptions, evidence, sources last; other documents beside their partner', () => {
  const { graph } = graphOf();
  const ranks = assignRanks(graph);
  const r = (key: string) => ranks.get(key);
  assert.equal(r('item:main.kent#KJ1'), 0);
  assert.equal(r('item:main.kent#KJ2'), 0);
  assert.equal(r('item:main.kent#C1'), 1);
  assert.equal(r('item:main.kent#A1'), 1);
  assert.equal(r('item:main.kent#E1'), 2);
  assert.equal(r('item:other.kent#L1'), 1);
  for (const n of graph.nodes) if (n.kind === 'source') assert.equal(ranks.get(n.key), 3, n.key);
});

test('circular support does not hang the column assignment', () => {
  const { graph } = graphOf(`
assessment c: Circle

claim A: a.
  because: B

claim B: b.
  because: A
`, 'a.kent');
  const ranks = assignRanks(graph);
  assert.deepEqual([ranks.get('item:a.kent#A'), ranks.get('item:a.kent#B')], [1, 2]);
  const layout = layoutEvidenceGraph(graph);
  assert.equal(Object.keys(layout.nodes).length, 2);
  assert.equal(Object.keys(layout.edges).length, 2);
});

test('layout: every node has a box, boxes do not overlap, every edge has a route', () => {
  const { graph } = graphOf();
  const layout = layoutEvidenceGraph(graph);
  const boxes = graph.nodes.map((n) => ({ key: n.key, ...layout.nodes[n.key] }));
  for (const b of boxes) assert.ok(b.x >= 0 && b.y >= 0 && b.x + b.width <= layout.width && b.y + b.height <= layout.height, `${b.key} inside the map`);
  for (let i = 0; i < boxes.length; i++)
    for (let j = i + 1; j < boxes.length; j++) {
      const a = boxes[i];
      const b = boxes[j];
      const overlap = a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
      assert.ok(!overlap, `${a.key} and ${b.key} overlap`);
    }
  for (const e of graph.edges) assert.ok(layout.edges[e.key]?.points.length >= 2, `a route for ${e.key}`);
  // Columns run left to right.
  assert.ok(layout.nodes['item:main.kent#KJ1'].x < layout.nodes['item:main.kent#C1'].x);
  assert.ok(layout.nodes['item:main.kent#C1'].x < layout.nodes['item:main.kent#E1'].x);
  assert.ok(layout.nodes['item:main.kent#E1'].x < layout.nodes['source:s1'].x);
});

test('layout: an edge between columns ends on the sides that face each other, not across a neighbour in the column', () => {
  // C1 supports KJ1 and KJ2 and stands level with the top one: dagre ended the edge to KJ2 on its
  // top, from a bend level with C1, so the curve ran through KJ1 (and the node between).
  const { graph } = graphOf(`
//- /a.kent
assessment a: Rates

judgment KJ3: A cut in March is the likely outcome.
  likelihood: likely
  because: C1

judgment KJ1: There is a roughly even chance of two cuts.
  likelihood: roughly even chance
  because: C1

judgment KJ2: The committee will likely hold in March.
  likelihood: likely
  because: C1, C2, C3

claim C1: Wage growth has slowed.
claim C2: Services inflation is sticky.
claim C3: Markets expect a cut.
`, 'a.kent');
  const layout = layoutEvidenceGraph(graph);
  const routed = graph.edges.filter((e) => layout.edges[e.key].routed);
  assert.ok(routed.length >= 5, `edges between columns: ${routed.length}`);
  for (const e of routed) {
    const points = layout.edges[e.key].points;
    const ends = [points[0], points[points.length - 1]];
    const boxes = [layout.nodes[e.from], layout.nodes[e.to]].sort((a, b) => a.x - b.x);
    const [left, right] = ends[0].x < ends[1].x ? ends : [ends[1], ends[0]];
    assert.equal(left.x, boxes[0].x + boxes[0].width, `${e.key} leaves the left box by its right side`);
    assert.equal(right.x, boxes[1].x, `${e.key} reaches the right box by its left side`);
    assert.ok(left.y > boxes[0].y && left.y < boxes[0].y + boxes[0].height, `${e.key} ends within the left box's height`);
    assert.ok(right.y > boxes[1].y && right.y < boxes[1].y + boxes[1].height, `${e.key} ends within the right box's height`);
  }
});

test('layout: a map above the layered layout\'s limit is stacked in columns, fast, without overlaps', () => {
  // 2,040 nodes: dagre took 6 s for 1,640 and 34 s for 3,040, the language server blocked meanwhile.
  const n = 1000;
  const lines = ['//- /big.kent', 'assessment big: Many judgments', ''];
  for (let i = 0; i < n; i++) lines.push(`judgment KJ${i}: Item ${i} will likely happen.`, '  likelihood: likely', `  because: C${i}, C${(i * 7) % n}`, '', `claim C${i}: Claim ${i} [@s${i % 40}].`, '');
  for (let i = 0; i < 40; i++) lines.push(`source s${i}: Source ${i}`, '  reliability: C', '');
  const { graph } = graphOf(lines.join('\n'), 'big.kent');
  assert.ok(graph.nodes.length > LAYERED_LIMIT);
  const started = Date.now();
  const layout = layoutEvidenceGraph(graph);
  assert.ok(Date.now() - started < 3000, `laid out in ${Date.now() - started} ms`);
  const columns = columnOrder(graph, layout);
  assert.equal(columns.length, 3, 'judgments, claims, sources');
  for (const [c, keys] of columns.entries()) {
    for (let i = 1; i < keys.length; i++) assert.ok(layout.nodes[keys[i - 1]].y + layout.nodes[keys[i - 1]].height < layout.nodes[keys[i]].y, `column ${c}: ${keys[i - 1]} above ${keys[i]}, apart`);
    if (c > 0) assert.ok(layout.nodes[columns[c - 1][0]].x + NODE_WIDTH < layout.nodes[keys[0]].x, `column ${c} right of column ${c - 1}`);
  }
  for (const e of graph.edges) {
    const [tail, head] = [layout.edges[e.key].points[0], layout.edges[e.key].points.at(-1)!];
    const [t, h] = [layout.nodes[e.to], layout.nodes[e.from]]; // support: drawn from what supports to what it supports
    assert.deepEqual([tail.x, head.x], [t.x, h.x + h.width], `${e.key} from the side of one box to the facing side of the other`);
  }
});

/** Vertical order of the nodes of each column. */
function columnOrder(graph: ReturnType<typeof graphOf>['graph'], layout: ReturnType<typeof layoutEvidenceGraph>): string[][] {
  const cols = new Map<number, string[]>();
  for (const n of graph.nodes) (cols.get(layout.nodes[n.key].rank) ?? cols.set(layout.nodes[n.key].rank, []).get(layout.nodes[n.key].rank)!).push(n.key);
  return [...cols.entries()].sort((a, b) => a[0] - b[0]).map(([, keys]) => keys.sort((a, b) => layout.nodes[a].y - layout.nodes[b].y));
}

test('stability: with the previous positions, nodes that remain keep their order in every column', () => {
  const many = Array.from({ length: 8 }, (_, i) => `claim C${i}: Claim number ${i}.\n  because: E${(i * 3) % 5}\n`).join('\n');
  const evidence = Array.from({ length: 5 }, (_, i) => `evidence E${i}: Evidence ${i}.\n  source: s${i % 3}\n`).join('\n');
  const sources = Array.from({ length: 3 }, (_, i) => `source s${i}: Source ${i}\n  reliability: B\n`).join('\n');
  const judgments = `judgment J1: One.\n  likelihood: likely\n  because: C0, C3, C5, C7\n\njudgment J2: Two.\n  likelihood: unlikely\n  because: C1, C2, C4, C6\n`;
  const before = `assessment s: Stable\n\n${judgments}\n${many}\n${evidence}\n${sources}`;
  const g1 = graphOf(before, 'a.kent').graph;
  const l1 = layoutEvidenceGraph(g1);
  // The analyst adds a claim supporting J1 and a link from it to E4: the graph changes shape.
  const after = before.replace('because: C0, C3, C5, C7', 'because: C0, C3, C5, C7, Cnew') + `\nclaim Cnew: A new claim.\n  because: E4, E1\n`;
  const g2 = graphOf(after, 'a.kent').graph;
  const l2 = layoutEvidenceGraph(g2, { previous: positionsOf(l1) });
  const old = columnOrder(g1, l1);
  const now = columnOrder(g2, l2).map((col) => col.filter((k) => k in l1.nodes));
  assert.deepEqual(now, old, 'existing nodes keep their order in each column');
  assert.ok('item:a.kent#Cnew' in l2.nodes);
  // The same shape again (typing inside a statement): the very same positions.
  const l3 = layoutEvidenceGraph(graphOf(after.replace('A new claim.', 'A new claim, reworded.'), 'a.kent').graph, { previous: positionsOf(l2) });
  for (const [k, b] of Object.entries(l2.nodes)) assert.deepEqual([l3.nodes[k].x, l3.nodes[k].y], [b.x, b.y], k);
});

test('text wraps to the box and long text ends with an ellipsis', () => {
  assert.deepEqual(wrap('one two three four five six', 9, 4), ['one two', 'three', 'four five', 'six']);
  assert.deepEqual(wrap('one two three four five six seven', 9, 3), ['one two', 'three', 'four fiv…']);
  assert.deepEqual(wrap('Supercalifragilistic', 8, 4), ['Superca-', 'lifragi-', 'listic']);
  assert.deepEqual(wrap('', 10, 3), []);
});

test('SVG: one node element per graph node, edges, legend; colours by likelihood, confidence and reliability', () => {
  const { graph } = graphOf();
  const layout = layoutEvidenceGraph(graph);
  const svg = renderMapSvg(graph, layout, { standalone: true });
  const keys = [...svg.matchAll(/<g class="kent-node"[^>]*data-key="([^"]*)"/g)].map((m) => m[1]);
  assert.deepEqual(keys, graph.nodes.map((n) => n.key));
  assert.equal((svg.match(/<path class="kent-edge"/g) ?? []).length, graph.edges.length);
  assert.match(svg, /class="kent-legend"/);
  assert.match(svg, /<text[^>]*>contradicts<\/text>/);
  const kj2 = graph.nodes.find((n) => n.id === 'KJ2')!;
  assert.equal(nodeLook(kj2).strokeWidth, 4.5, 'high confidence: heavy border');
  assert.equal(nodeLook(graph.nodes.find((n) => n.id === 'KJ1')!).strokeWidth, 2.5);
  assert.equal(nodeLook(graph.nodes.find((n) => n.key === 'source:bib-source')!).band, '#1a9850', 'reliability A');
  assert.equal(nodeLook(graph.nodes.find((n) => n.key === 'item:other.kent#L1')!).dash, '5 3', 'another document: dashed');
  assert.notEqual(likelihoodColor(0.1), likelihoodColor(0.9));
  assert.equal(likelihoodColor(0), '#8c510a');
  assert.equal(likelihoodColor(1), '#01665e');
});

test('SVG: user text is escaped; no script, no style attribute, no external reference', () => {
  const evil = `
assessment x: <script>alert(1)</script> & "quotes"

judgment J1: </text><script>alert(2)</script><a href="https://evil.example/">x</a> "it's" & more.
  likelihood: likely
  confidence: low
  because: @s-1

source s-1: <img src=x onerror=alert(3)>
  url: javascript:alert(4)
`;
  const { graph } = graphOf(evil, 'a.kent');
  const svg = renderMapSvg(graph, layoutEvidenceGraph(graph), { standalone: true });
  assert.doesNotMatch(svg, /<script|<img|<a |<foreignObject|style=|<style/i);
  assert.doesNotMatch(svg, /\s(?:xlink:)?(?:href|src)\s*=\s*["']/i, 'no attribute loads or links anything');
  assert.match(svg, /&lt;\/text&gt;&lt;script&gt;/);
  assert.match(svg, /&lt;script&gt;alert\(1\)&lt;\/script&gt; &amp; &quot;quotes&quot;/);
  // Well-formed XML: every element closes (a crude but sufficient check: tags balance).
  const opens = (svg.match(/<(?!\/)(?![^>]*\/>)[a-zA-Z]+[^>]*>/g) ?? []).length;
  const closes = (svg.match(/<\/[a-zA-Z]+>/g) ?? []).length;
  assert.equal(opens, closes);
});

test('the server reply: graph, layout and SVG together, positions to send back', () => {
  const fw = loadFixture(FIXTURE);
  const doc = fw.ws.getDocument('main.kent')!;
  const map = evidenceMap(fw.ws, doc, checkDocument(fw.ws, doc));
  assert.equal(map.title, 'Main assessment');
  assert.equal(map.nodes.length, 12);
  for (const n of map.nodes) assert.ok(n.box && map.positions[n.key], n.key);
  assert.match(map.svg, /^<svg xmlns=/);
  const empty = loadFixture('assessment e: Empty\n');
  const none = evidenceMap(empty.ws, empty.ws.getDocument('a.kent')!, []);
  assert.equal(none.nodes.length, 0);
  assert.match(none.svg, /no judgments, claims, evidence or sources yet/);
});

test('a likelihood written but not understood shows as written, not as "no likelihood" nor as the statement\'s word', () => {
  const fixture = 'assessment a: A\n\njudgment J: Russia will likely stay out [@s].\n  likelihood: fairly <likely>\n  confidence: low\n\nsource s: S\n  reliability: B\n';
  const { graph } = graphOf(fixture, 'a.kent');
  const node = graph.nodes.find((n) => n.id === 'J')!;
  assert.equal(node.estimate, undefined);
  assert.equal(node.unreadLikelihood, 'fairly <likely>');
  assert.match(nodeFooter(node), /^“fairly <likel…” not understood/);
  const svg = renderMapSvg(graph, layoutEvidenceGraph(graph), { standalone: true });
  assert.match(svg, /likelihood: fairly &lt;likely&gt; \(not understood\)/);
  assert.doesNotMatch(svg, /no likelihood/);
});

test("map: another document's item cut to its box keeps its ID and the end of its document's name, so items of documents named alike stay apart", () => {
  const { ws } = loadFixture(`
//- /vasca-2024-01.kent
assessment vasca-2024-01: January

judgment KJ1: An eruption before July.
  likelihood: roughly even chance
  because: @s
  resolved: true 2024-07

judgment KJ4: Lava reaches the road.
  likelihood: 60-75%
  because: @s
  resolved: false 2024-12

source s: Observatory
  reliability: A
//- /vasca-2024-05.kent
assessment vasca-2024-05: May

judgment KJ2: A second fissure before the end of 2024.
  likelihood: likely
  because: @t
  revises: vasca-2024-01/KJ1
  resolved: true 2024-10

judgment KJ3: Lava reaches the road.
  likelihood: unlikely
  because: @t
  revises: vasca-2024-01/KJ4
  resolved: false 2024-12

source t: Observatory
  reliability: A
`);
  const doc = ws.getDocument('vasca-2024-01.kent')!;
  const graph = buildEvidenceGraph(ws, doc, checkDocument(ws, doc));
  const svg = renderMapSvg(graph, layoutEvidenceGraph(graph));
  const labels = [...svg.matchAll(/<tspan font-weight="bold"[^>]*> ([^<]*)<\/tspan>/g)].map((m) => m[1]);
  const external = labels.filter((l) => l.includes('/'));
  assert.equal(external.length, 2);
  for (const [l, id] of external.map((l, i) => [l, ['KJ2', 'KJ3'][i]])) assert.match(l, new RegExp(`^(vasca|…).*2024-05/${id}$`), l);
  assert.equal(new Set(external).size, 2);
  // Cut where needed only, and never the ID itself.
  assert.equal(truncateRef('nie-2000/KJ1', 20), 'nie-2000/KJ1');
  assert.equal(truncateRef('vasca-2024-05/KJ2', 13), '…-2024-05/KJ2');
  assert.equal(truncateRef('a-very-long-document-name/a-very-long-item-id', 12), 'a-very-long…');
  assert.equal(truncateRef('a long statement with no slash at all', 12), 'a long stat…');
});

test('the map never cuts an emoji in two: a long word of them, a likelihood not understood, a document name; the Markdown report (its data: image) is written', async () => {
  const lone = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
  assert.doesNotMatch(truncateRef('x😀ab/XY', 7), lone);
  for (let max = 0; max < 5; max++) assert.doesNotMatch(truncate('a😀😀😀', max), lone, `truncate at ${max}`);
  assert.deepEqual(wrap('ab', 0, 3), ['a-', 'b'], 'width 0 reads as 1: the word still shrinks');
  for (let width = 1; width < 8; width++) for (const text of ['😀😀😀😀😀😀', 'a😀😀😀😀😀😀😀', 'ab 😀😀😀😀😀😀😀😀😀😀 cd']) for (const line of wrap(text, width, 3)) assert.doesNotMatch(line, lone, `${text} ${width}`);
  const { exportMarkdown } = await import('../server/src/core/report/markdown');
  const { exportHtml } = await import('../server/src/core/report/html');
  const fw = loadFixture(`assessment x: T\n\njudgment KJ1: a${'😀'.repeat(60)} it will rain.\n  likelihood: ${'😀'.repeat(10)}\n  confidence: low\n`);
  const doc = fw.ws.getDocument('a.kent')!;
  assert.doesNotMatch(exportMarkdown(fw.ws, doc, { diagnostics: [] }), lone);
  assert.doesNotMatch(exportHtml(fw.ws, doc, { diagnostics: [] }), lone);
});
