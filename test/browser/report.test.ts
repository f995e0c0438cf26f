// The report and the evidence map as a person sees them: Debian's headless Chromium (driven by
// playwright-core) opens the exported HTML of samples/russia-taiwan, the standalone map SVG and
// the editor's map webview page. It checks what is visible, that every citation is numbered and
// leads somewhere, that no request leaves the page, that the map has one node per item with its
// text inside its box, and that the webview reports the chosen node. Screenshots go to
// test-artifacts/ (git-ignored); with KENT_WRITE_DOCS_IMAGES=1 the README's images are rewritten.
//
// Skipped, with a message, only when Chromium is not installed (`.ci/install-vscode.sh` installs it).
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import { createRequire } from 'node:module';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { checkDocument } from '../../server/src/core/analyze';
import { buildEvidenceGraph } from '../../server/src/core/report/graph';
import { binByTerm, brierScore, calibrationSvg, type Forecast } from '../../server/src/core/report/calibration';
import { exportHtml } from '../../server/src/core/report/html';
import { evidenceMap } from '../../server/src/core/report/map';
import { loadWorkspace } from '../../server/src/cli/load';
import { webviewPage } from '../../client/src/map/html';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { loadFixture } from '../harness';

// The callbacks below run in the page, where these exist; the project's types are Node's, not the DOM's.
/* eslint-disable @typescript-eslint/no-explicit-any */
declare const document: any;
declare const location: any;
declare const window: any;
declare const getComputedStyle: any;
type SVGGElement = any;
type SVGRectElement = any;
type SVGTextElement = any;

const ROOT = path.resolve(__dirname, '..', '..');
const SAMPLE = path.join(ROOT, 'samples', 'russia-taiwan');
const ARTIFACTS = path.join(ROOT, 'test-artifacts', 'browser');
const DOCS_IMAGES = path.join(ROOT, 'docs', 'images');
const CHROMIUM = ['/usr/bin/chromium', '/usr/lib/chromium/chromium'].find((p) => fs.existsSync(p));
const ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--disable-background-networking', '--disable-component-update', '--no-first-run', '--disable-sync'];
const skip = CHROMIUM ? false : 'Chromium is not installed (/usr/bin/chromium): run `bash .ci/install-vscode.sh` or `apt-get install chromium`';
if (skip) console.log(`# browser tests skipped: ${skip}`);

/** playwright-core from the project's devDependencies, else from the VS Code test cache. */
function loadPlaywright(): typeof import('playwright-core') {
  try {
    return createRequire(__filename)('playwright-core');
  } catch {
    return createRequire(path.join(ROOT, '.cache', 'vscode', 'package.json'))('playwright-core');
  }
}

let browser: Browser | undefined;
/** Every URL any page asked for, and those refused. */
const requested: string[] = [];
const refused: string[] = [];
const LOCAL = /^(file|data|about|blob):/;

before(async () => {
  if (skip) return;
  fs.mkdirSync(ARTIFACTS, { recursive: true });
  browser = await loadPlaywright().chromium.launch({ executablePath: CHROMIUM, args: ARGS, headless: true });
});
after(async () => {
  await browser?.close();
});

async function newPage(viewport = { width: 1200, height: 900 }): Promise<{ context: BrowserContext; page: Page; console: string[] }> {
  const context = await browser!.newContext({ viewport, deviceScaleFactor: 1, serviceWorkers: 'block' });
  // Route every request: anything that is not file:, data: or about: is refused and recorded.
  await context.route('**/*', (route) => {
    const url = route.request().url();
    if (LOCAL.test(url)) return route.continue();
    refused.push(url);
    return route.abort('blockedbyclient');
  });
  const page = await context.newPage();
  const console: string[] = [];
  page.on('request', (r) => requested.push(r.url()));
  page.on('console', (m) => console.push(`${m.type()}: ${m.text()}`));
  page.on('pageerror', (e) => console.push(`pageerror: ${e.message}`));
  return { context, page, console };
}

function sample() {
  const { ws } = loadWorkspace(SAMPLE, '.', ['.']);
  return ws;
}

function assertNoRemoteRequests(): void {
  const remote = requested.filter((u) => !LOCAL.test(u));
  assert.deepEqual(remote, [], `requests left the page: ${remote.join(', ')}`);
  assert.deepEqual(refused, []);
}

/** In the page: each map node's texts must lie inside its box; boxes must not overlap. */
async function checkNodes(page: Page, scope: string) {
  return page.evaluate((sel) => {
    const problems: string[] = [];
    const nodes = [...document.querySelectorAll(`${sel} g.kent-node`)] as SVGGElement[];
    const boxes = nodes.map((g) => {
      const rect = g.querySelector('rect') as SVGRectElement;
      const r = rect.getBBox();
      for (const t of g.querySelectorAll(':scope > text')) {
        const b = (t as SVGTextElement).getBBox();
        if (b.x < r.x - 0.5 || b.x + b.width > r.x + r.width + 0.5 || b.y < r.y - 0.5 || b.y + b.height > r.y + r.height + 0.5) {
          problems.push(`${g.getAttribute('data-key')}: text "${(t.textContent ?? '').slice(0, 40)}" (${Math.round(b.x + b.width)}) leaves its box (${Math.round(r.width)})`);
        }
      }
      return { key: g.getAttribute('data-key'), box: g.getBoundingClientRect() };
    });
    for (let i = 0; i < boxes.length; i++)
      for (let j = i + 1; j < boxes.length; j++) {
        const a = boxes[i].box;
        const b = boxes[j].box;
        if (a.left < b.right - 1 && b.left < a.right - 1 && a.top < b.bottom - 1 && b.top < a.bottom - 1) problems.push(`${boxes[i].key} overlaps ${boxes[j].key}`);
      }
    return { keys: boxes.map((b) => b.key), problems };
  }, scope);
}

test('the exported HTML report reads right in Chromium: key judgments, numbered citations, map, no network', { skip }, async () => {
  const ws = sample();
  const doc = ws.getDocument('russia-taiwan.kent')!;
  const diagnostics = checkDocument(ws, doc);
  const file = path.join(ARTIFACTS, 'russia-taiwan.html');
  fs.writeFileSync(file, exportHtml(ws, doc, { diagnostics, generator: 'Kent (browser test)' }));
  const { page, context, console } = await newPage();
  await page.goto(pathToFileURL(file).href);

  // The key judgments box is on the first screen, with words, numbers and confidence.
  const box = page.locator('section.key-judgments');
  await box.waitFor({ state: 'visible' });
  assert.ok(await box.isVisible());
  const first = await box.boundingBox();
  assert.ok(first && first.y < 900, 'the key judgments box starts on the first screen');
  const rows = box.locator('tr.kj');
  assert.equal(await rows.count(), 8);
  for (let i = 0; i < 8; i++) assert.ok(await rows.nth(i).isVisible(), `row ${i + 1} visible`);
  const kj1 = await rows.first().innerText();
  assert.match(kj1, /KJ1/);
  assert.match(kj1, /very likely/);
  assert.match(kj1, /80–95%/);
  assert.match(kj1, /high confidence/);
  await box.screenshot({ path: path.join(ARTIFACTS, 'report-key-judgments.png') });

  // Every citation is a number whose link target exists (and is a source entry).
  const cites = await page.evaluate(() =>
    [...document.querySelectorAll('span.cite a.ref')].map((a) => {
      const href = a.getAttribute('href') ?? '';
      const target = href.startsWith('#') ? document.getElementById(href.slice(1)) : null;
      return { text: a.textContent, href, target: target?.tagName ?? null, targetText: target?.querySelector('.n')?.textContent ?? null };
    }),
  );
  assert.ok(cites.length > 20);
  for (const c of cites) {
    assert.match(c.text ?? '', /^\d+$/, `citation numbered: ${c.text}`);
    assert.equal(c.href, `#ref-${c.text}`);
    assert.equal(c.target, 'LI', `${c.href} leads to a source entry`);
    assert.equal(c.targetText, `[${c.text}]`);
  }
  const dangling = await page.evaluate(() => [...document.querySelectorAll('a[href^="#"]')].map((a) => a.getAttribute('href')!.slice(1)).filter((id) => !document.getElementById(id)));
  assert.deepEqual(dangling, []);
  // Following a citation shows its source entry.
  const firstCite = page.locator('main span.cite a.ref').first();
  const n = await firstCite.innerText();
  await firstCite.click();
  await page.waitForFunction((id) => location.hash === '#' + id, `ref-${n}`);
  const entry = page.locator(`#ref-${n}`);
  assert.ok(await entry.isVisible());
  const rect = await entry.boundingBox();
  assert.ok(rect && rect.y >= 0 && rect.y < 900, 'the source entry is scrolled into view');
  await page.screenshot({ path: path.join(ARTIFACTS, 'report-source-entry.png') });

  // The evidence map: one node per item of the document (and per source, and per related item elsewhere).
  const graph = buildEvidenceGraph(ws, doc, diagnostics);
  const { keys, problems } = await checkNodes(page, '#evidence-map');
  assert.deepEqual(keys, graph.nodes.map((x) => x.key));
  for (const item of doc.items) {
    if (item.kind === 'assessment') continue;
    const key = item.kind === 'source' ? `source:${item.id}` : `item:russia-taiwan.kent#${item.id}`;
    assert.equal(keys.filter((k) => k === key).length, 1, `one node for ${item.id}`);
  }
  assert.deepEqual(problems, []);
  const map = page.locator('#evidence-map');
  await map.scrollIntoViewIfNeeded();
  await map.screenshot({ path: path.join(ARTIFACTS, 'report-map.png') });
  // A node of the map leads to its item.
  await page.locator('#evidence-map a[href="#item-C-economy"]').click();
  await page.waitForFunction(() => location.hash === '#item-C-economy');
  assert.ok(await page.locator('#item-C-economy').isVisible());

  // The annex and the calibration section are there.
  assert.ok(await page.locator('#annex tr.sev-warning').first().isVisible());
  assert.ok(await page.locator('#calibration svg.kent-calibration').isVisible());
  await page.locator('#calibration').screenshot({ path: path.join(ARTIFACTS, 'report-calibration.png') });
  // Long words may break anywhere, but a table's ordinary words are never split across lines:
  // a word with no hyphen or dash drawn on two lines is one broken to fit a squeezed column.
  const split = await page.evaluate(() => {
    const out: string[] = [];
    for (const td of document.querySelectorAll('#key-judgments td, #calibration td, #annex td, #sources td')) {
      const walker = document.createTreeWalker(td, 4 /* NodeFilter.SHOW_TEXT */);
      for (let n = walker.nextNode(); n; n = walker.nextNode()) {
        for (const m of (n.textContent as string).matchAll(/[\w%.()]+/g)) {
          const range = document.createRange();
          range.setStart(n, m.index);
          range.setEnd(n, m.index + m[0].length);
          const lines = new Set([...range.getClientRects()].filter((r: any) => r.width > 0).map((r: any) => Math.round(r.top)));
          if (lines.size > 1) out.push(m[0]);
        }
      }
    }
    return out;
  });
  assert.deepEqual(split, [], 'no word of a table is split across lines');
  await page.screenshot({ path: path.join(ARTIFACTS, 'report-full.png'), fullPage: true });
  if (process.env.KENT_WRITE_DOCS_IMAGES) {
    fs.mkdirSync(DOCS_IMAGES, { recursive: true });
    await page.evaluate(() => window.scrollTo(0, 0));
    await page.setViewportSize({ width: 980, height: 640 });
    await page.screenshot({ path: path.join(DOCS_IMAGES, 'report.png') });
  }

  assert.deepEqual(console.filter((m) => /error|refused|violat/i.test(m)), []);
  assertNoRemoteRequests();
  await context.close();
});

test('the report: a 300-character word or URL in a statement, or a likelihood or confidence not understood, wraps inside the key-judgments box', { skip }, async () => {
  const word = 'Pneumono' + 'ultramicroscopicsilicovolcanoconiosis'.repeat(8);
  const url = 'https://example.org/' + 'a1b2c3d4e5'.repeat(28);
  assert.ok(word.length >= 300 && url.length >= 300);
  const fw = loadFixture(`assessment a: Long words\n\njudgment KJ1: The report names ${word} as the cause.\n  likelihood: likely\n  confidence: low\n  because: @s\n\njudgment KJ2: See ${url} for the data.\n  likelihood: unlikely\n  confidence: moderate\n  because: @s\n\njudgment KJ3: Written but not understood.\n  likelihood: ${word}\n  confidence: ${word}\n  because: @s\n\nsource s: S\n  reliability: B\n`);
  const doc = fw.ws.getDocument('a.kent')!;
  const file = path.join(ARTIFACTS, 'report-long-words.html');
  fs.writeFileSync(file, exportHtml(fw.ws, doc, { diagnostics: checkDocument(fw.ws, doc) }));
  for (const width of [1200, 700]) {
    const { page, context } = await newPage({ width, height: 900 });
    await page.goto(pathToFileURL(file).href);
    const m = await page.evaluate(() => {
      const box = document.querySelector('section.key-judgments');
      const table = box.querySelector('table');
      const inner = box.getBoundingClientRect();
      const style = getComputedStyle(box);
      return {
        boxRight: inner.right - parseFloat(style.borderRightWidth),
        tableRight: table.getBoundingClientRect().right,
        overflowing: [...table.querySelectorAll('td')].filter((td: any) => td.scrollWidth > td.clientWidth + 1).map((td: any) => (td.textContent ?? '').slice(0, 40)),
        statements: [...document.querySelectorAll('main .item .statement')].filter((p: any) => p.scrollWidth > p.clientWidth + 1).length,
        pageWidth: document.documentElement.scrollWidth,
        viewport: window.innerWidth,
      };
    });
    assert.ok(m.tableRight <= m.boxRight + 0.5, `at ${width}px the table (right edge ${m.tableRight}) stays inside its box (${m.boxRight})`);
    assert.deepEqual(m.overflowing, [], `at ${width}px no cell's text runs past it`);
    assert.equal(m.statements, 0, `at ${width}px no item's statement runs past its card`);
    assert.ok(m.pageWidth <= m.viewport, `at ${width}px the page does not scroll sideways (${m.pageWidth} > ${m.viewport})`);
    await page.locator('section.key-judgments').screenshot({ path: path.join(ARTIFACTS, `report-long-words-${width}.png`) });
    await context.close();
  }
});

test('the calibration plot: labels of points close together do not overlap as drawn', { skip }, async () => {
  const f = (term: string, lo: number, hi: number, outcome: boolean, id: string): Forecast => ({ path: 'a.kent', id, span: { start: 0, end: 0 }, statement: '', term, interval: { lo, hi }, p: (lo + hi) / 2, outcome });
  // Four terms at 65–70% that all came true, two at 35% half true, three at 95–97% (right edge).
  const forecasts = [
    f('likely', 0.55, 0.8, true, 'a'), f('60–75%', 0.6, 0.75, true, 'b'), f('70%', 0.7, 0.7, true, 'c'), f('65%', 0.65, 0.65, true, 'd'),
    f('unlikely', 0.2, 0.45, true, 'e'), f('unlikely', 0.2, 0.45, false, 'f'), f('35%', 0.35, 0.35, true, 'g'), f('35%', 0.35, 0.35, false, 'h'),
    f('almost certain', 0.95, 0.99, true, 'i'), f('96%', 0.96, 0.96, true, 'j'), f('97%', 0.97, 0.97, true, 'k'),
  ];
  const bins = binByTerm(forecasts);
  const file = path.join(ARTIFACTS, 'calibration-crowded.svg');
  fs.writeFileSync(file, calibrationSvg({ count: forecasts.length, brier: brierScore(forecasts), byAssessment: [], byAuthor: [], bins, forecasts, skipped: [] }, { standalone: true }));
  const { page, context } = await newPage({ width: 560, height: 500 });
  await page.goto(pathToFileURL(file).href);
  const boxes = await page.evaluate(() =>
    [...document.querySelectorAll('g.kent-bin > text')].map((t) => {
      const b = (t as SVGTextElement).getBBox();
      return { text: t.textContent as string, x0: b.x, y0: b.y, x1: b.x + b.width, y1: b.y + b.height };
    }),
  );
  assert.equal(boxes.length, bins.length);
  const svgBox = { width: 520, height: 470 };
  for (const a of boxes) assert.ok(a.x0 >= 0 && a.x1 <= svgBox.width && a.y0 >= 0 && a.y1 <= svgBox.height, `"${a.text}" inside the plot`);
  const overlapping = boxes.flatMap((a, i) => boxes.slice(i + 1).filter((b) => a.x0 < b.x1 && b.x0 < a.x1 && a.y0 < b.y1 && b.y0 < a.y1).map((b) => `"${a.text}" and "${b.text}"`));
  assert.deepEqual(overlapping, []);
  await page.screenshot({ path: file.replace('.svg', '.png') });
  await context.close();
});

test('the standalone map SVG shows one node per item, text inside its box, nothing loaded', { skip }, async () => {
  const ws = sample();
  for (const name of ['nie-2000.kent', 'russian-narrative.kent']) {
    const doc = ws.getDocument(name)!;
    const map = evidenceMap(ws, doc, checkDocument(ws, doc));
    const file = path.join(ARTIFACTS, name.replace('.kent', '-map.svg'));
    fs.writeFileSync(file, map.svg);
    const { page, context, console } = await newPage({ width: Math.min(1600, map.width + 40), height: 900 });
    await page.goto(pathToFileURL(file).href);
    const { keys, problems } = await checkNodes(page, 'svg');
    assert.deepEqual(keys, map.nodes.map((x) => x.key));
    const local = doc.items.filter((i) => i.kind !== 'assessment');
    for (const item of local) assert.equal(keys.filter((k) => k === (item.kind === 'source' ? `source:${item.id}` : `item:${name}#${item.id}`)).length, 1, `${name}: one node for ${item.id}`);
    assert.deepEqual(problems, []);
    await page.screenshot({ path: file.replace('.svg', '.png') });
    assert.deepEqual(console.filter((m) => /error/i.test(m)), []);
    await context.close();
  }
  assertNoRemoteRequests();
});

test('the map webview: strict CSP, shows the map, reports the chosen node, zooms, runs nothing it is sent', { skip }, async () => {
  const ws = sample();
  const doc = ws.getDocument('nie-2000.kent')!;
  const map = evidenceMap(ws, doc, checkDocument(ws, doc));
  const nonce = 'dGVzdC1ub25jZS0xMjM0NTY3OA==';
  const file = path.join(ARTIFACTS, 'webview.html');
  fs.writeFileSync(
    file,
    webviewPage({ cspSource: 'file:', nonce, title: 'Evidence map' }),
  );
  const { page, context, console } = await newPage({ width: 1000, height: 640 });
  // What VS Code gives a webview: acquireVsCodeApi() with postMessage and state.
  // (A string, not a function: tsx would wrap named functions in helpers the page does not have.)
  await page.addInitScript({
    content: 'window.__posted = []; window.__state = undefined; window.acquireVsCodeApi = function () { return { postMessage: function (m) { window.__posted.push(m); }, getState: function () { return window.__state; }, setState: function (s) { window.__state = s; } }; };',
  });
  await page.goto(pathToFileURL(file).href);
  await page.waitForFunction(() => (window as unknown as { __posted: Array<{ type: string }> }).__posted.some((m) => m.type === 'ready'));
  const csp = await page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute('content');
  assert.equal(csp, `default-src 'none'; img-src file: data:; style-src 'nonce-${nonce}'; script-src 'nonce-${nonce}'`);
  // The stylesheet applied (under the nonce): the toolbar is a flex row.
  assert.equal(await page.locator('header.toolbar').evaluate((e: any) => getComputedStyle(e).display), 'flex');

  const post = (msg: unknown) => page.evaluate((m) => window.postMessage(m, '*'), msg);
  await post({ type: 'update', uri: 'file:///nie-2000.kent', title: map.title, svg: map.svg, nodeCount: map.nodes.length, edgeCount: map.edges.length, problems: { errors: 0, warnings: 0 } });
  await page.locator('#map svg.kent-map').waitFor();
  assert.equal(await page.locator('#map g.kent-node').count(), map.nodes.length);
  assert.equal(await page.locator('#title').innerText(), 'Update on China-Russia Relations');
  assert.match(await page.locator('#status').innerText(), new RegExp(`${map.nodes.length} nodes`));
  const { problems } = await checkNodes(page, '#map');
  assert.deepEqual(problems, []);

  // Choosing a node (click, or Enter on the focused node) tells the extension which one.
  await page.locator('#map g.kent-node[data-key="item:nie-2000.kent#KJ1"]').click();
  await page.locator('#map g.kent-node[data-key="item:nie-2000.kent#E2"]').focus();
  await page.keyboard.press('Enter');
  const posted = await page.evaluate(() => (window as unknown as { __posted: unknown[] }).__posted);
  assert.deepEqual(
    posted.filter((m) => (m as { type: string }).type === 'reveal'),
    [
      { type: 'reveal', key: 'item:nie-2000.kent#KJ1' },
      { type: 'reveal', key: 'item:nie-2000.kent#E2' },
    ],
  );
  assert.equal(await page.locator('#map g.kent-node.selected').getAttribute('data-key'), 'item:nie-2000.kent#E2');
  await page.mouse.move(990, 630);
  await page.screenshot({ path: path.join(ARTIFACTS, 'webview.png') });
  if (process.env.KENT_WRITE_DOCS_IMAGES) {
    fs.mkdirSync(DOCS_IMAGES, { recursive: true });
    await page.screenshot({ path: path.join(DOCS_IMAGES, 'evidence-map.png') });
  }

  // Zoom keeps the drawing and changes its size.
  const width = Number(await page.locator('#map svg').getAttribute('width'));
  await page.locator('#zoom-in').click();
  assert.equal(Number(await page.locator('#map svg').getAttribute('width')), Math.round(width * 1.25));
  await page.locator('#zoom-fit').click();
  assert.ok(Number(await page.locator('#map svg').getAttribute('width')) <= 1000);

  // An update keeps the selection and the new nodes; an SVG carrying script runs nothing.
  const evil = map.svg.replace('</svg>', '<script>window.__pwned = 1</script><foreignObject><iframe src="https://evil.example/"></iframe></foreignObject><image href="https://evil.example/x.png"/></svg>');
  await post({ type: 'update', uri: 'file:///nie-2000.kent', title: map.title, svg: evil, nodeCount: 1, edgeCount: 0, problems: { errors: 1, warnings: 2 } });
  await page.waitForFunction(() => /1 error, 2 warnings/.test(document.getElementById('status')!.textContent ?? ''));
  assert.equal(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned), undefined);
  assert.equal(await page.locator('#map script, #map foreignObject, #map image').count(), 0);
  assert.equal(await page.locator('#map g.kent-node.selected').getAttribute('data-key'), 'item:nie-2000.kent#E2');
  // A script without the nonce is refused by the page's policy.
  await page.evaluate(() => {
    const s = document.createElement('script');
    s.textContent = 'window.__inline = 1';
    document.body.appendChild(s);
  });
  assert.equal(await page.evaluate(() => (window as unknown as { __inline?: number }).__inline), undefined);

  assert.deepEqual(console.filter((m) => /pageerror/i.test(m)), []);
  assertNoRemoteRequests();
  await context.close();
});
