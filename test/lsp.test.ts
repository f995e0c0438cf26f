// Protocol tests: the real bundled server (`node bin/kent-language-server.js --stdio`, built
// by `node esbuild.mjs`) driven over JSON-RPC by test/lspClient.ts on a temp workspace.
// Every wait is on an event (a publication, a response); nothing sleeps.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import type {
  CodeAction,
  CompletionItem,
  Diagnostic,
  DocumentLink,
  DocumentSymbol,
  FoldingRange,
  Hover,
  InlayHint,
  Location,
  MarkupContent,
  Position,
  Range,
  SelectionRange,
  SymbolInformation,
  TextEdit,
  WorkspaceEdit,
} from 'vscode-languageserver-protocol';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { LspClient, fileUri, makeWorkspace, writeFile, type StartOptions } from './lspClient';

// ---------------------------------------------------------------------------------------------
// The fixture

const A = `assessment a: Alpha assessment
  date: 2024-09
  bibliography: refs.bib

# Key judgments

Prose citing [@smith-2020, p. 2] and [[KJ1]].

judgment KJ1: Russia would probably avoid direct involvement.
  likelihood: likely
  confidence: moderate
  because: X, E1

claim X: The Pacific bastion is at risk in a war.
  likelihood: likely
  same-as: b/Y
  because: E1, @smith-2020

## Evidence

evidence E1: Experts expect no direct role.
  source: s1
  quote: "neither China nor Russia is ready"
  credibility: 2

source s1: The Military Balance
  author: IISS
  reliability: B
  url: https://example.org/s1
  file: sources/x.txt

source lonely: Nobody cites this
  reliability: C
`;

const B = `assessment b: Beta assessment

claim Y: The Pacific bastion is at risk in a war.
  likelihood: unlikely
  because: @s1, @evil

source evil: Evil [x](command:workbench.action.quit) ![img](http://evil/x.png)
  author: Mallory ![a](http://evil/a.png) [y](command:workbench.action.quit)
  reliability: D
`;

const C = `assessment c: Gamma

claim Z: Gamma depends on a missing item.
  because: d/M
  confidence: very high

source far: Outside the workspace
  reliability: A
  file: ../outside.txt
`;

/** CRLF line ends, and non-ASCII (a surrogate pair included) before the IDs. */
const CRLF = ['assessment crlf: Crlf «é» 🚀', '', 'claim C1: Ünïcödé 🚀 statement cites [[C2]] and 🚀 [[C2]].', '  because: C2', '', 'claim C2: Base 🚀 fact [@s1].', ''].join('\r\n');

const D = `assessment d: Delta

claim M: Defined here [@s1].
`;

const BIB = `@book{smith-2020,
  title = {Evil [x](command:workbench.action.quit) ![img](http://evil/x.png)},
  author = {Smith, Jane},
  year = {2020},
  reliability = {B}
}
`;

const X_TXT = `line one of the source
line two before
they said neither China nor Russia is ready for it
line four after
line five after
line six
`;

const KENT_JSON = '{ "rules": {} }\n';

const FILES: Record<string, string> = {
  'a.kent': A,
  'b.kent': B,
  'c.kent': C,
  'crlf.kent': CRLF,
  'refs.bib': BIB,
  'sources/x.txt': X_TXT,
  'kent.json': KENT_JSON,
};

// ---------------------------------------------------------------------------------------------
// Helpers

/** Position (UTF-16) of the `nth` occurrence of `needle` in `text`, plus `delta` code units. */
function pos(text: string, needle: string, delta = 0, nth = 0): Position {
  let i = -1;
  for (let k = 0; k <= nth; k++) {
    i = text.indexOf(needle, i + 1);
    if (i < 0) throw new Error(`fixture has no ${nth + 1}th ${JSON.stringify(needle)}`);
  }
  const o = i + delta;
  const before = text.slice(0, o);
  const line = before.split('\n').length - 1;
  return { line, character: o - (before.lastIndexOf('\n') + 1) };
}

/** Range of `length` code units at the `nth` occurrence of `needle` (+ `delta`). */
function rng(text: string, needle: string, delta = 0, length = needle.length - delta, nth = 0): Range {
  const start = pos(text, needle, delta, nth);
  return { start, end: { line: start.line, character: start.character + length } };
}

const r = (l1: number, c1: number, l2: number, c2: number): Range => ({ start: { line: l1, character: c1 }, end: { line: l2, character: c2 } });
const fmt = (x: Range) => `${x.start.line}:${x.start.character}-${x.end.line}:${x.end.character}`;
/** A diagnostic as `code severity range`, for exact comparison of a document's list. */
const brief = (d: Diagnostic) => `${d.code} ${d.severity} ${fmt(d.range)}`;
/** The message as text (LSP 3.18 allows Markdown messages). */
const msg = (d: Diagnostic): string => (typeof d.message === 'string' ? d.message : d.message.value);
const has = (code: string) => (ds: Diagnostic[]) => ds.some((d) => d.code === code);
const hasNo = (code: string) => (ds: Diagnostic[]) => !ds.some((d) => d.code === code);
const ERROR = 1;
const WARNING = 2;
const HINT = 4;

function markdown(h: Hover | null): string {
  assert.ok(h, 'expected a hover');
  const c = h.contents as MarkupContent;
  assert.equal(c.kind, 'markdown');
  return c.value;
}

/** No live link, image or command survives in rendered Markdown. */
function assertInert(md: string): void {
  assert.ok(!md.includes('command:'), `a command: survives in ${md}`);
  assert.ok(!/(^|[^\\])!\[/.test(md), `an image survives in ${md}`);
  assert.ok(!/(^|[^\\])\]\(/.test(md), `a link survives in ${md}`);
}

// Expected diagnostics of the fixture (line/character, 0-based).
const EXPECTED_A = [`contradiction ${ERROR} ${fmt(rng(A, 'b/Y'))}`, `unused-source ${HINT} ${fmt(rng(A, 'lonely'))}`];
const EXPECTED_B = [`contradiction ${ERROR} ${fmt(rng(B, 'Y:', 0, 1))}`];
const EXPECTED_C = [
  `unresolved-reference ${ERROR} ${fmt(rng(C, 'd/M'))}`,
  `invalid-value ${ERROR} ${fmt(rng(C, 'very high'))}`,
  `unused-source ${HINT} ${fmt(rng(C, 'far'))}`,
  `path-outside-workspace ${ERROR} ${fmt(rng(C, '../outside.txt'))}`,
];

// ---------------------------------------------------------------------------------------------

describe('language server over stdio', () => {
  let root: string;
  let c: LspClient;
  let a: string, b: string, cu: string, crlf: string;
  const td = (uri: string) => ({ textDocument: { uri } });
  const baseline = (expected: string[]) => (ds: Diagnostic[]) => JSON.stringify(ds.map(brief)) === JSON.stringify(expected);

  before(async () => {
    root = makeWorkspace(FILES);
    c = await LspClient.start({ root });
    [a, b, cu, crlf] = ['a.kent', 'b.kent', 'c.kent', 'crlf.kent'].map((f) => c.uri(f));
  });

  after(async () => {
    await c?.stop();
    if (root) fs.rmSync(root, { recursive: true, force: true });
  });

  test('initialize announces the features', () => {
    const caps = c.initializeResult.capabilities;
    assert.equal(caps.textDocumentSync, 2);
    for (const k of ['hoverProvider', 'definitionProvider', 'referencesProvider', 'documentHighlightProvider', 'documentSymbolProvider', 'workspaceSymbolProvider', 'inlayHintProvider', 'foldingRangeProvider', 'selectionRangeProvider'] as const) {
      assert.ok(caps[k], k);
    }
    assert.deepEqual(caps.renameProvider, { prepareProvider: true });
    assert.deepEqual(caps.executeCommandProvider?.commands, ['kent.checkWorkspace']);
    assert.ok(caps.completionProvider?.triggerCharacters?.includes('@'));
  });

  test('diagnostics for every (closed) .kent file at start, read from disk', async () => {
    const da = await c.waitForDiagnostics(a, baseline(EXPECTED_A));
    const db = await c.waitForDiagnostics(b, baseline(EXPECTED_B));
    const dc = await c.waitForDiagnostics(cu, baseline(EXPECTED_C));
    assert.deepEqual(await c.waitForDiagnostics(crlf), []);
    for (const d of [...da, ...db, ...dc]) {
      assert.equal(d.source, 'kent');
      assert.equal(typeof d.code, 'string');
      assert.ok(d.codeDescription?.href.endsWith(`#${d.code}`), d.codeDescription?.href);
    }
    assert.deepEqual(da.find((d) => d.code === 'unused-source')?.tags, [1]);
    assert.match(msg(dc.find((d) => d.code === 'invalid-value')!), /did you mean `high`/);
    // The contradiction, on both items, each pointing into the other document.
    const ca = da.find((d) => d.code === 'contradiction')!;
    assert.match(msg(ca), /X .*b\/Y/);
    assert.deepEqual(ca.relatedInformation?.map((x) => [x.location.uri, fmt(x.location.range)]), [[b, fmt(rng(B, 'Y:', 0, 1))]]);
    const cb = db.find((d) => d.code === 'contradiction')!;
    assert.deepEqual(cb.relatedInformation?.map((x) => [x.location.uri, fmt(x.location.range)]), [[a, fmt(rng(A, 'claim X', 6, 1))]]);
    // kent.json is valid: nothing published on it.
    assert.deepEqual(c.diagnostics.get(c.uri('kent.json')) ?? [], []);
  });

  test('workspace/executeCommand kent.checkWorkspace returns counts', async () => {
    await c.waitForDiagnostics(cu, baseline(EXPECTED_C));
    const res = await c.request('workspace/executeCommand', { command: 'kent.checkWorkspace', arguments: [] });
    // 4 documents; errors: the contradiction (on a and b), c.kent's unresolved ref, invalid value, path outside.
    assert.deepEqual(res, { files: 4, errors: 5, warnings: 0 });
    assert.equal(await c.request('workspace/executeCommand', { command: 'kent.nothing', arguments: [] }), null);
  });

  test('codeDescription.href names an existing document and heading', async () => {
    const all = [a, b, cu].flatMap((u) => c.diagnostics.get(u) ?? []);
    assert.ok(all.length >= 7);
    for (const d of all) {
      const [file, anchor] = d.codeDescription!.href.split('#');
      const text = fs.readFileSync(fileURLToPath(file), 'utf8');
      assert.ok(text.split('\n').includes(`## ${anchor}`), `${file} has no heading for #${anchor}`);
    }
  });

  test('textDocument/formatting and rangeFormatting: the editor\'s text tidied, CRLF kept; a selection formats the blocks it meets', async () => {
    assert.equal(c.initializeResult.capabilities.documentFormattingProvider, true);
    assert.equal(c.initializeResult.capabilities.documentRangeFormattingProvider, true);
    const u = c.uri('fmt.kent');
    const text = '\uFEFFclaim C1: A 🚀 statement.  \r\n    because: E1 ,E2\r\n  confidence:  High\r\n\r\n\r\n\r\nclaim C2: B.\t\r\n  confidence: Low';
    await c.open(u, text, 1);
    try {
      const options = { tabSize: 8, insertSpaces: false };
      const all = await c.request<TextEdit[]>('textDocument/formatting', { textDocument: { uri: u }, options });
      const doc = TextDocument.create(u, 'kent', 1, text);
      assert.equal(TextDocument.applyEdits(doc, all), '\uFEFFclaim C1: A 🚀 statement.\r\n  because: E1, E2\r\n  confidence: high\r\n\r\nclaim C2: B.\r\n  confidence: low\r\n');
      const some = await c.request<TextEdit[]>('textDocument/rangeFormatting', { textDocument: { uri: u }, range: rng(text.replace(/\r/g, ''), 'B.'), options });
      assert.equal(TextDocument.applyEdits(doc, some), '\uFEFFclaim C1: A 🚀 statement.  \r\n    because: E1 ,E2\r\n  confidence:  High\r\n\r\n\r\n\r\nclaim C2: B.\r\n  confidence: low\r\n');
      assert.deepEqual(await c.request('textDocument/formatting', { textDocument: { uri: c.uri('kent.json') }, options }), []);
    } finally {
      await c.close(u);
    }
  });

  test('an open document is checked from the editor text; on close, from disk again', async () => {
    // The editor's text drops the unused source and adds an unsupported judgment.
    const edited = A.replace('source lonely: Nobody cites this\n  reliability: C\n', 'judgment KJ9: Unsupported.\n  likelihood: likely\n  confidence: low\n');
    await c.open(a, edited, 1);
    const d = await c.waitForDiagnostics(a, hasNo('unused-source'));
    assert.deepEqual(d.map(brief), [`contradiction ${ERROR} ${fmt(rng(edited, 'b/Y'))}`, `unsupported-claim ${ERROR} ${fmt(rng(edited, 'KJ9'))}`]);
    await c.close(a);
    await c.waitForDiagnostics(a, baseline(EXPECTED_A));
  });

  test('cross-file update: editing a.kent re-publishes the closed b.kent', async () => {
    await c.open(a, A, 1);
    // Incremental: `likely` → `unlikely` on X's likelihood line.
    const at = rng(A, 'likelihood: likely', 12, 6, 1);
    await c.change(a, 2, [{ range: at, text: 'unlikely' }]);
    await c.waitForDiagnostics(b, (ds) => ds.length === 0);
    await c.waitForDiagnostics(a, baseline([`unused-source ${HINT} ${fmt(rng(A, 'lonely'))}`]));
    // Full text back: the contradiction reappears on both.
    await c.change(a, 3, A);
    const db = await c.waitForDiagnostics(b, baseline(EXPECTED_B));
    assert.equal(db[0].relatedInformation?.[0].location.uri, a);
    await c.waitForDiagnostics(a, baseline(EXPECTED_A));
    // a.kent stays open (with its disk text) for the tests below.
  });

  test('didChangeWatchedFiles: a created/deleted .kent file, kent.json rules, a source file', async () => {
    // A new document defines d/M: c.kent's unresolved reference goes away.
    writeFile(root, 'sub/d.kent', D);
    await c.watched([{ uri: c.uri('sub/d.kent'), type: 1 }]);
    await c.waitForDiagnostics(cu, baseline(EXPECTED_C.filter((e) => !e.startsWith('unresolved-reference'))));
    assert.deepEqual(await c.waitForDiagnostics(c.uri('sub/d.kent')), []);
    // Deleted: it comes back.
    fs.rmSync(path.join(root, 'sub', 'd.kent'));
    await c.watched([{ uri: c.uri('sub/d.kent'), type: 3 }]);
    const dc = await c.waitForDiagnostics(cu, baseline(EXPECTED_C));
    assert.match(msg(dc[0]), /no assessment named d/);

    // kent.json turns unused-source off: the hints disappear (open a.kent and closed c.kent alike).
    writeFile(root, 'kent.json', '{ "rules": { "unused-source": "off" } }\n');
    await c.watched([{ uri: c.uri('kent.json'), type: 2 }]);
    await c.waitForDiagnostics(a, baseline(EXPECTED_A.filter((e) => !e.startsWith('unused-source'))));
    await c.waitForDiagnostics(cu, baseline(EXPECTED_C.filter((e) => !e.startsWith('unused-source'))));
    // A bad kent.json is reported on kent.json itself.
    writeFile(root, 'kent.json', '{ "rules": { "unused-source": "of" } }\n');
    await c.watched([{ uri: c.uri('kent.json'), type: 2 }]);
    const dj = await c.waitForDiagnostics(c.uri('kent.json'), (ds) => ds.length > 0);
    assert.deepEqual(dj.map(brief), [`invalid-config ${ERROR} 0:30-0:34`]);
    assert.match(msg(dj[0]), /did you mean "off"/);
    // Restored: the hints are back and kent.json is cleared.
    writeFile(root, 'kent.json', KENT_JSON);
    await c.watched([{ uri: c.uri('kent.json'), type: 2 }]);
    await c.waitForDiagnostics(c.uri('kent.json'), (ds) => ds.length === 0);
    await c.waitForDiagnostics(a, baseline(EXPECTED_A));
    await c.waitForDiagnostics(cu, baseline(EXPECTED_C));

    // A local source file changes: the quote is no longer in it.
    writeFile(root, 'sources/x.txt', 'nothing here\n');
    await c.watched([{ uri: c.uri('sources/x.txt'), type: 2 }]);
    const qa = await c.waitForDiagnostics(a, has('quote-not-found'));
    const q = qa.find((d) => d.code === 'quote-not-found')!;
    assert.deepEqual([q.severity, fmt(q.range)], [WARNING, fmt(rng(A, '"neither China nor Russia is ready"'))]);
    assert.deepEqual(q.relatedInformation?.map((x) => [x.location.uri, fmt(x.location.range)]), [[a, fmt(rng(A, 'sources/x.txt'))]]);
    writeFile(root, 'sources/x.txt', X_TXT);
    await c.watched([{ uri: c.uri('sources/x.txt'), type: 2 }]);
    await c.waitForDiagnostics(a, baseline(EXPECTED_A));
  });

  test('a .kent file created in a dot-folder is ignored, as at start-up', async () => {
    writeFile(root, '.history/b_2024.kent', B);
    try {
      await c.watched([{ uri: c.uri('.history/b_2024.kent'), type: 1 }]);
      // A barrier: the command re-checks everything before it answers.
      await c.request('workspace/executeCommand', { command: 'kent.checkWorkspace', arguments: [] });
      assert.deepEqual(c.diagnostics.get(b)?.map(brief), EXPECTED_B);
      assert.equal(c.diagnostics.get(c.uri('.history/b_2024.kent')), undefined);
    } finally {
      fs.rmSync(path.join(root, '.history'), { recursive: true, force: true });
      await c.watched([{ uri: c.uri('.history/b_2024.kent'), type: 3 }]);
      await c.waitForDiagnostics(b, baseline(EXPECTED_B));
    }
  });

  test('hover on @key in a citation: title, reliability with meaning, no live link or image', async () => {
    const h = await c.request<Hover>('textDocument/hover', { ...td(a), position: pos(A, '@smith-2020', 3) });
    assert.deepEqual(h.range, rng(A, 'smith-2020'));
    const md = markdown(h);
    assert.ok(md.includes('Evil \\[x\\](command\\:workbench.action.quit) !\\[img\\](http\\://evil/x.png)'), md);
    assert.ok(md.includes('`@smith-2020` · from refs.bib'), md);
    assert.ok(md.includes('Author: Smith, Jane'), md);
    assert.ok(md.includes('Reliability: **B** — usually reliable'), md);
    assert.ok(md.includes('Cited by a/X'), md);
    assertInert(md);
    // A source block whose title, author and URL carry links, images and commands.
    const he = markdown(await c.request<Hover>('textDocument/hover', { ...td(b), position: pos(B, '@evil', 2) }));
    assert.ok(he.includes('Reliability: **D** — not usually reliable'), he);
    assertInert(he);
  });

  test('hover on an evidence ID and on its source: the quoted passage with surrounding lines', async () => {
    const passage = ['```text', 'line one of the source', 'line two before', 'they said neither China nor Russia is ready for it', 'line four after', 'line five after', '```'].join('\n');
    for (const [at, range] of [
      [pos(A, 'evidence E1', 10), rng(A, 'E1:', 0, 2)],
      [pos(A, 'source: s1', 9), rng(A, 'source: s1', 8)],
    ] as const) {
      const h = await c.request<Hover>('textDocument/hover', { ...td(a), position: at });
      assert.deepEqual(h.range, range);
      const md = markdown(h);
      assert.ok(md.startsWith('**The Military Balance**  \n`@s1`'), md);
      assert.ok(md.includes('Author: IISS'), md);
      assert.ok(md.includes('Reliability: **B** — usually reliable'), md);
      assert.ok(md.includes('Credibility of E1: **2** — probably true'), md);
      assert.ok(md.includes('URL: <https://example.org/s1>'), md);
      assert.ok(md.includes(`From sources/x.txt, line 3 (lines 1–5 shown):\n\n${passage}`), md);
      assert.ok(md.includes('Cited by a/E1, b/Y, crlf/C2'), md);
    }
    // An evidence ID named as support (`because: X, E1`): what the evidence says, then the same source card.
    const h = await c.request<Hover>('textDocument/hover', { ...td(a), position: pos(A, 'X, E1', 3) });
    assert.deepEqual(h.range, rng(A, 'X, E1', 3));
    const md = markdown(h);
    assert.ok(md.startsWith('**evidence a/E1**: Experts expect no direct role.'), md);
    assert.ok(md.includes('**The Military Balance**  \n`@s1`'), md);
    assert.ok(md.includes(`From sources/x.txt, line 3 (lines 1–5 shown):\n\n${passage}`), md);
    assert.ok(md.includes('Credibility of E1: **2** — probably true'), md);
  });

  test('hover on an item ref in another document: statement and likelihood interval', async () => {
    const h = await c.request<Hover>('textDocument/hover', { ...td(a), position: pos(A, 'b/Y', 2) });
    assert.deepEqual(h.range, rng(A, 'b/Y'));
    assert.equal(markdown(h), '**claim b/Y**\n\nThe Pacific bastion is at risk in a war.\n\nLikelihood: unlikely (20–45%)  \nBecause: @s1, @evil  \n\n_b.kent_');
    const hl = await c.request<Hover>('textDocument/hover', { ...td(a), position: pos(A, 'likelihood: likely', 14) });
    assert.equal(markdown(hl), 'Likelihood **likely**: 55–80% on the ICD 203 scale  \nOther words for it: probable, probably, most likely');
    assert.deepEqual(hl.range, rng(A, 'likelihood: likely', 12, 6));
    assert.equal(await c.request('textDocument/hover', { ...td(a), position: { line: 3, character: 0 } }), null);
  });

  test('definition: an item in another file, @key into the bibliography', async () => {
    assert.deepEqual(await c.request<Location[]>('textDocument/definition', { ...td(a), position: pos(A, 'b/Y', 2) }), [{ uri: b, range: rng(B, 'Y:', 0, 1) }]);
    assert.deepEqual(await c.request<Location[]>('textDocument/definition', { ...td(a), position: pos(A, '@smith-2020', 1) }), [
      { uri: c.uri('refs.bib'), range: rng(BIB, 'smith-2020') },
    ]);
    assert.deepEqual(await c.request<Location[]>('textDocument/definition', { ...td(cu), position: pos(C, 'd/M', 2) }), []);
  });

  test('references, with and without the declaration', async () => {
    const at = { ...td(a), position: pos(A, 'b/Y', 2) };
    const sort = (ls: Location[]) => ls.map((l) => `${l.uri} ${fmt(l.range)}`).sort();
    assert.deepEqual(sort(await c.request<Location[]>('textDocument/references', { ...at, context: { includeDeclaration: true } })), sort([
      { uri: a, range: rng(A, 'b/Y') },
      { uri: b, range: rng(B, 'Y:', 0, 1) },
    ]));
    assert.deepEqual(await c.request<Location[]>('textDocument/references', { ...at, context: { includeDeclaration: false } }), [{ uri: a, range: rng(A, 'b/Y') }]);
    // A source: `source:` value, its block, `@s1` in closed b.kent and crlf.kent.
    const s1 = await c.request<Location[]>('textDocument/references', { ...td(b), position: pos(B, '@s1', 2), context: { includeDeclaration: true } });
    assert.deepEqual(sort(s1), sort([
      { uri: a, range: rng(A, 'source: s1', 8) },
      { uri: a, range: rng(A, 'source s1', 7) },
      { uri: b, range: rng(B, '@s1', 1) },
      { uri: crlf, range: rng(CRLF, '[@s1]', 2, 2) },
    ]));
  });

  test('document highlight: the ID under the cursor, its block written, its refs read, in this document only', async () => {
    const hs = await c.request<Array<{ range: Range; kind: number }>>('textDocument/documentHighlight', { ...td(a), position: pos(A, 'because: X', 9) });
    assert.deepEqual(hs.map((h) => `${fmt(h.range)} ${h.kind}`).sort(), [`${fmt(rng(A, 'X, E1', 0, 1))} 2`, `${fmt(rng(A, 'claim X', 6))} 3`].sort());
    // On a ref into another document: only this document's occurrences.
    const other = await c.request<Array<{ range: Range; kind: number }>>('textDocument/documentHighlight', { ...td(a), position: pos(A, 'b/Y', 2) });
    assert.deepEqual(other.map((h) => `${fmt(h.range)} ${h.kind}`), [`${fmt(rng(A, 'b/Y'))} 2`]);
  });

  test('references on an evidence ID find the evidence item, as rename does', async () => {
    const refs = await c.request<Location[]>('textDocument/references', { ...td(a), position: pos(A, 'evidence E1', 10), context: { includeDeclaration: false } });
    assert.deepEqual(refs.map((l) => `${l.uri} ${fmt(l.range)}`).sort(), [`${a} ${fmt(rng(A, 'X, E1', 3))}`, `${a} ${fmt(rng(A, 'E1, @smith', 0, 2))}`].sort());
  });

  test('prepareRename and rename across files (closed b.kent edited)', async () => {
    const at = { ...td(a), position: pos(A, 'b/Y', 2) };
    assert.deepEqual(await c.request('textDocument/prepareRename', at), { range: rng(A, 'b/Y', 2, 1), placeholder: 'Y' });
    const edit = await c.request<WorkspaceEdit>('textDocument/rename', { ...at, newName: 'Y2' });
    assert.deepEqual(edit, {
      changes: {
        [a]: [{ range: rng(A, 'b/Y', 2, 1), newText: 'Y2' }],
        [b]: [{ range: rng(B, 'Y:', 0, 1), newText: 'Y2' }],
      },
    });
    // A bibliography key: the citations and the refs.bib entry.
    const bib = await c.request<WorkspaceEdit>('textDocument/rename', { ...td(a), position: pos(A, '@smith', 3), newName: 'smith-2021' });
    assert.deepEqual(Object.keys(bib.changes!).sort(), [a, c.uri('refs.bib')].sort());
    assert.deepEqual(bib.changes![a].map((e) => fmt(e.range)).sort(), [fmt(rng(A, 'smith-2020', 0, 10, 0)), fmt(rng(A, 'smith-2020', 0, 10, 1))].sort());
    assert.deepEqual(bib.changes![c.uri('refs.bib')], [{ range: rng(BIB, 'smith-2020'), newText: 'smith-2021' }]);
    // A key in a reference manager's style, with `:` (the grammar's keys take `: . / +`).
    const colon = await c.request<WorkspaceEdit>('textDocument/rename', { ...td(a), position: pos(A, '@smith', 3), newName: 'smith:2020' });
    assert.deepEqual(colon.changes![c.uri('refs.bib')], [{ range: rng(BIB, 'smith-2020'), newText: 'smith:2020' }]);
    assert.deepEqual(colon.changes![a].map((e) => e.newText), ['smith:2020', 'smith:2020']);
    // Evidence renamed by its own ID.
    const e1 = await c.request<WorkspaceEdit>('textDocument/rename', { ...td(a), position: pos(A, 'evidence E1', 10), newName: 'E7' });
    assert.deepEqual(e1.changes![a].map((e) => fmt(e.range)).sort(), [rng(A, 'E1:', 0, 2), rng(A, 'X, E1', 3), rng(A, 'E1, @smith', 0, 2)].map(fmt).sort());
  });

  test('rename in a CRLF document with non-ASCII text: exactly the ID ranges', async () => {
    const prep = await c.request('textDocument/prepareRename', { ...td(crlf), position: pos(CRLF, '[[C2]] and', 3) });
    assert.deepEqual(prep, { range: rng(CRLF, '[[C2]] and', 2, 2), placeholder: 'C2' });
    const edit = await c.request<WorkspaceEdit>('textDocument/rename', { ...td(crlf), position: pos(CRLF, 'claim C2', 7), newName: 'C9' });
    const edits = edit.changes![crlf];
    assert.deepEqual(Object.keys(edit.changes!), [crlf]);
    assert.deepEqual(edits.map((e) => fmt(e.range)).sort(), [rng(CRLF, '[[C2]]', 2, 2, 0), rng(CRLF, '[[C2]]', 2, 2, 1), rng(CRLF, 'because: C2', 9), rng(CRLF, 'claim C2', 6)].map(fmt).sort());
    // `🚀` is two UTF-16 units: the second [[C2]] is at column 53 of line 2.
    assert.ok(edits.some((e) => fmt(e.range) === '2:53-2:55'));
    // Applied to the CRLF text, the edits change the IDs and nothing else.
    const lines = CRLF.split('\r\n');
    for (const e of [...edits].sort((x, y) => y.range.start.line - x.range.start.line || y.range.start.character - x.range.start.character)) {
      const l = lines[e.range.start.line];
      lines[e.range.start.line] = l.slice(0, e.range.start.character) + e.newText + l.slice(e.range.end.character);
    }
    assert.equal(lines.join('\r\n'), CRLF.replace(/C2/g, 'C9'));
  });

  test('rename to an invalid ID, or where nothing is: error responses', async () => {
    await assert.rejects(c.request('textDocument/rename', { ...td(a), position: pos(A, 'claim X', 6), newName: '9 bad' }), (e: Error) => /not a valid ID/.test(e.message));
    await assert.rejects(c.request('textDocument/rename', { ...td(a), position: pos(A, 'claim X', 6), newName: 'KJ1' }), (e: Error) => /already has an item KJ1/.test(e.message));
    await assert.rejects(c.request('textDocument/prepareRename', { ...td(a), position: { line: 3, character: 0 } }), (e: Error) => /Nothing to rename/.test(e.message));
  });

  test('documentSymbol: headings contain the blocks under them', async () => {
    const syms = await c.request<DocumentSymbol[]>('textDocument/documentSymbol', td(a));
    const shape = (s: DocumentSymbol): unknown => [s.name, s.kind, fmt(s.selectionRange), ...(s.children?.length ? [s.children.map(shape)] : [])];
    assert.deepEqual(syms.map(shape), [
      ['a', 1, fmt(rng(A, 'a:', 0, 1))],
      [
        'Key judgments',
        3,
        fmt(rng(A, '# Key judgments')),
        [
          ['KJ1', 5, fmt(rng(A, 'KJ1:', 0, 3))],
          ['X', 11, fmt(rng(A, 'X:', 0, 1))],
          ['Evidence', 3, fmt(rng(A, '## Evidence')), [['E1', 8, fmt(rng(A, 'E1:', 0, 2))], ['s1', 14, fmt(rng(A, 's1:', 0, 2))], ['lonely', 14, fmt(rng(A, 'lonely:', 0, 6))]]],
        ],
      ],
    ]);
    assert.deepEqual(syms[1].range, r(4, 0, 32, 16));
    assert.equal(syms[1].children![0].detail, 'judgment: Russia would probably avoid direct involvement.');
  });

  test('workspace/symbol matches IDs and statements', async () => {
    const bastion = await c.request<SymbolInformation[]>('workspace/symbol', { query: 'bastion' });
    assert.deepEqual(bastion.map((s) => [s.name, s.containerName, s.location.uri, fmt(s.location.range)]), [
      ['X: The Pacific bastion is at risk in a war.', 'a', a, fmt(rng(A, 'X:', 0, 1))],
      ['Y: The Pacific bastion is at risk in a war.', 'b', b, fmt(rng(B, 'Y:', 0, 1))],
    ]);
    const kj = await c.request<SymbolInformation[]>('workspace/symbol', { query: 'kj1' });
    assert.deepEqual(kj.map((s) => s.name), ['KJ1: Russia would probably avoid direct involvement.']);
    // A source cited from the bibliography is found too, by key or title, at its key in refs.bib.
    for (const query of ['smith', 'evil']) {
      const bib = (await c.request<SymbolInformation[]>('workspace/symbol', { query })).filter((s) => s.location.uri.endsWith('.bib'));
      assert.deepEqual(bib.map((s) => [s.location.uri, fmt(s.location.range), s.kind]), [[c.uri('refs.bib'), fmt(rng(BIB, 'smith-2020')), 14]], query); // 14: Constant, as a source block's
      assert.match(bib[0].name, /^smith-2020: Evil/);
    }
  });

  test('completion: IDs after `because: `, keys after `@`, terms after `likelihood: `', async () => {
    try {
      const t1 = A.replace('because: X, E1', 'because: ');
      await c.change(a, undefined, t1);
      const ids = await c.request<CompletionItem[]>('textDocument/completion', { ...td(a), position: pos(t1, 'because: ', 9) });
      // This document's own bibliography (smith-2020) before other documents' source blocks.
      assert.deepEqual(ids.map((i) => i.label), ['X', 'E1', 'b/', 'c/', 'crlf/', '@s1', '@lonely', '@smith-2020', '@evil', '@far']);
      assert.deepEqual((ids[0].textEdit as { range: Range }).range, rng(t1, 'because: ', 9, 0));

      const t2 = A.replace('Prose citing [@smith-2020, p. 2]', 'Prose citing [@');
      await c.change(a, undefined, t2);
      const keys = await c.request<CompletionItem[]>('textDocument/completion', { ...td(a), position: pos(t2, '[@', 2) });
      assert.deepEqual(keys.map((i) => i.label), ['@s1', '@lonely', '@smith-2020', '@evil', '@far']);
      assert.deepEqual(keys.map((i) => (i.textEdit as { range: Range }).range), keys.map(() => rng(t2, '[@', 1, 1)));
      assert.equal(keys[0].detail, 'The Military Balance · reliability B (usually reliable)');

      // Typed before a word: the completion replaces `@`, not the word (this client has no insert/replace ranges).
      const t4 = A.replace('Prose citing [@smith-2020, p. 2]', 'Prose citing [@foo');
      await c.change(a, undefined, t4);
      const before = await c.request<CompletionItem[]>('textDocument/completion', { ...td(a), position: pos(t4, '[@foo', 2) });
      assert.deepEqual(before.map((i) => i.label), ['@s1', '@lonely', '@smith-2020', '@evil', '@far']);
      assert.deepEqual(before.map((i) => i.textEdit), before.map((i) => ({ range: rng(t4, '[@foo', 1, 1), newText: i.label })));

      const t3 = A.replace('  likelihood: likely\n  same-as', '  likelihood: \n  same-as');
      await c.change(a, undefined, t3);
      const terms = await c.request<CompletionItem[]>('textDocument/completion', { ...td(a), position: pos(t3, 'likelihood: \n', 12) });
      // A term's other words reach the editor, which filters by them: `prob` finds likely.
      assert.match(terms.find((i) => i.label === 'likely')?.filterText ?? '', /\bprobably\b/);
      assert.deepEqual(terms.map((i) => [i.label, i.detail]), [
        ['almost no chance', '1–5%'],
        ['very unlikely', '5–20%'],
        ['unlikely', '20–45%'],
        ['roughly even chance', '45–55%'],
        ['likely', '55–80%'],
        ['very likely', '80–95%'],
        ['almost certain', '95–99%'],
        ['70%', 'a percentage, or a range: 60-75%'],
      ]);
    } finally {
      await c.change(a, undefined, A);
    }
  });

  test('completion documentation (Markdown) carries no live link or image', async () => {
    const t1 = B.replace('because: @s1, @evil', 'because: @');
    try {
      await c.open(b, t1, 1);
      const keys = await c.request<CompletionItem[]>('textDocument/completion', { ...td(b), position: pos(t1, 'because: @', 10) });
      const evil = keys.find((k) => k.label === '@evil');
      assert.ok(evil);
      assertInert((evil.documentation as MarkupContent).value);
    } finally {
      await c.close(b);
      await c.waitForDiagnostics(b, baseline(EXPECTED_B));
    }
  });

  test("code actions: \"Change to 'high'\" for invalid-value (a menu's plain-text title: quotes, not Markdown backticks), and a kent-ignore suppression", async () => {
    const at = rng(C, 'very high');
    const actions = await c.request<CodeAction[]>('textDocument/codeAction', { ...td(cu), range: { start: at.start, end: at.start }, context: { diagnostics: [] } });
    assert.deepEqual(actions.map((x) => x.title), ["Change to 'high'", 'Suppress invalid-value for Z', 'Suppress invalid-value in this file']);
    const [fix, suppress, file] = actions;
    assert.equal(fix.kind, 'quickfix');
    assert.equal(fix.isPreferred, true);
    assert.equal(fix.diagnostics?.[0].code, 'invalid-value');
    assert.deepEqual(fix.edit, { changes: { [cu]: [{ range: at, newText: 'high' }] } });
    assert.deepEqual(suppress.edit, { changes: { [cu]: [{ range: r(2, 0, 2, 0), newText: '// kent-ignore invalid-value: reason\n' }] } });
    assert.deepEqual(file.edit, { changes: { [cu]: [{ range: r(0, 0, 0, 0), newText: '// kent-ignore-file invalid-value: reason\n' }] } });
    // Applying the suppression (in the editor) removes the diagnostic.
    const suppressed = C.replace('claim Z', '// kent-ignore invalid-value: reason\nclaim Z');
    await c.open(cu, suppressed, 1);
    await c.waitForDiagnostics(cu, hasNo('invalid-value'));
    await c.close(cu);
    await c.waitForDiagnostics(cu, baseline(EXPECTED_C));
  });

  test('code actions right after an edit use the edited text', async () => {
    await c.open(cu, C, 1);
    try {
      // Insert a line at the top and ask for fixes at once (before the debounced re-check).
      await c.change(cu, 2, [{ range: r(0, 0, 0, 0), text: '// x\n' }]);
      const edited = '// x\n' + C;
      const at = rng(edited, 'very high');
      const actions = await c.request<CodeAction[]>('textDocument/codeAction', { ...td(cu), range: { start: pos(edited, 'very high', 2), end: pos(edited, 'very high', 2) }, context: { diagnostics: [] } });
      const fix = actions.find((x) => x.title === "Change to 'high'");
      assert.deepEqual(fix?.edit, { changes: { [cu]: [{ range: at, newText: 'high' }] } });
    } finally {
      await c.close(cu);
      await c.waitForDiagnostics(cu, baseline(EXPECTED_C));
    }
  });

  test('typing the next attribute under a list, and a blank line under a kent-ignore: said as the core says, with the fixes the core gives', async () => {
    const uri = c.uri('typing.kent');
    const T0 = '// kent-ignore unsupported-claim: background\nclaim T1: Ports close.\n  because: T2\n\nclaim T2: Ships wait [@k].\n';
    await c.open(uri, T0, 1);
    try {
      // A stale code: T1 has support.
      const stale = (await c.waitForDiagnostics(uri, has('unused-ignore'))).find((d) => d.code === 'unused-ignore')!;
      assert.deepEqual([fmt(stale.range), stale.severity, stale.tags], [fmt(r(0, 15, 0, 32)), WARNING, [1]]);
      // `co` typed under the list, on the way to `confidence:`.
      await c.change(uri, 2, [{ range: r(2, 13, 2, 13), text: '\n  co' }]);
      const typing = (await c.waitForDiagnostics(uri, has('syntax'))).filter((d) => d.code === 'syntax');
      assert.deepEqual(typing.map((d) => [fmt(d.range), msg(d)]), [[fmt(r(3, 2, 3, 4)), '`because`: the line `co` is read as part of this list until its name ends with a colon (`confidence:` or `contradicts:`); a list goes on to the next line only after a comma']]);
      const onWord = await c.request<CodeAction[]>('textDocument/codeAction', { ...td(uri), range: r(3, 3, 3, 3), context: { diagnostics: [] } });
      assert.deepEqual(onWord.filter((x) => x.diagnostics?.[0]?.code === 'syntax').map((x) => x.title), ["Change to 'confidence:'", "Change to 'contradicts:'"]);
      // A blank line typed under the comment cuts it off from T1.
      await c.change(uri, 3, [{ range: r(1, 0, 1, 0), text: '\n' }]);
      const cut = (await c.waitForDiagnostics(uri, (ds) => ds.some((d) => d.code === 'unused-ignore' && msg(d).includes('blank line')))).find((d) => d.code === 'unused-ignore')!;
      assert.equal(msg(cut), 'kent-ignore applies to no block: the blank line between it and claim T1 cancels it; remove the blank line (or the comment)');
      const actions = await c.request<CodeAction[]>('textDocument/codeAction', { ...td(uri), range: r(0, 20, 0, 20), context: { diagnostics: [] } });
      const fix = actions.find((x) => x.title === 'Remove the blank line between this comment and T1');
      assert.deepEqual(fix?.edit, { changes: { [uri]: [{ range: r(1, 0, 2, 0), newText: '' }] } });
    } finally {
      await c.close(uri);
    }
  });

  test('inlay hints: intervals beside likelihood terms, only in the requested range', async () => {
    const all = await c.request<InlayHint[]>('textDocument/inlayHint', { ...td(a), range: r(0, 0, 40, 0) });
    // "probably" says what KJ1's declared likelihood says: its interval shows once, beside the declared value.
    assert.deepEqual(all.map((h) => [h.label, h.position]), [
      ['55–80%', pos(A, 'likelihood: likely', 18, 0)],
      ['55–80%', pos(A, 'likelihood: likely', 18, 1)],
    ]);
    assert.equal(all[0].tooltip, 'likely (55–80%) on the ICD 203 scale');
    const some = await c.request<InlayHint[]>('textDocument/inlayHint', { ...td(a), range: r(14, 0, 15, 0) });
    assert.deepEqual(some.map((h) => h.position), [pos(A, 'likelihood: likely', 18, 1)]);
  });

  test('folding ranges: blocks and heading sections', async () => {
    const f = await c.request<FoldingRange[]>('textDocument/foldingRange', td(a));
    assert.deepEqual(f.map((x) => [x.startLine, x.endLine]), [[0, 2], [4, 32], [8, 11], [13, 16], [18, 32], [20, 23], [25, 29], [31, 32]]);
  });

  test('selection ranges: from a ref out to its value, line, block, sections and the document; one chain per position', async () => {
    const texts = (x: SelectionRange | undefined): string[] => {
      const out: string[] = [];
      const lines = A.split('\n');
      const at = (p: Position) => lines.slice(0, p.line).reduce((n, l) => n + l.length + 1, 0) + p.character;
      for (; x; x = x.parent) out.push(A.slice(at(x.range.start), at(x.range.end)));
      return out;
    };
    const chains = await c.request<SelectionRange[]>('textDocument/selectionRange', { ...td(a), positions: [pos(A, 'E1, @smith', 1), pos(A, 'smith-2020, p. 2', 2)] });
    assert.equal(chains.length, 2);
    const claim = A.slice(A.indexOf('claim X'), A.indexOf('\n\n## Evidence'));
    const keyJudgments = A.slice(A.indexOf('# Key'), A.length - 1);
    assert.deepEqual(texts(chains[0]), ['E1', 'E1, @smith-2020', 'because: E1, @smith-2020', claim, keyJudgments, A]);
    assert.deepEqual(texts(chains[1]), ['smith-2020', '[@smith-2020, p. 2]', 'Prose citing [@smith-2020, p. 2] and [[KJ1]].', keyJudgments, A]);
  });

  test('document links: https URL, workspace file; none outside the workspace', async () => {
    const links = await c.request<DocumentLink[]>('textDocument/documentLink', td(a));
    assert.deepEqual(links, [
      { range: rng(A, 'refs.bib'), target: c.uri('refs.bib') },
      { range: rng(A, 'https://example.org/s1'), target: 'https://example.org/s1' },
      { range: rng(A, 'sources/x.txt'), target: c.uri('sources/x.txt') },
    ]);
    assert.deepEqual(await c.request('textDocument/documentLink', td(cu)), []);
  });

  test('kent.checkWorkspace counts .kent files only, after kent.json was once reported', async () => {
    const res = await c.request('workspace/executeCommand', { command: 'kent.checkWorkspace', arguments: [] });
    assert.deepEqual(res, { files: 4, errors: 5, warnings: 0 });
  });

  test('workspace folders added and removed; a loose file outside any folder', async () => {
    const other = makeWorkspace({ 'z.kent': 'assessment z: Zed\n\nclaim Q: Fact [@s1].\n' });
    const loose = makeWorkspace({});
    try {
      const z = fileUri(path.join(other, 'z.kent'));
      await c.notify('workspace/didChangeWorkspaceFolders', { event: { added: [{ uri: fileUri(other), name: 'other' }], removed: [] } });
      // Its own workspace: @s1 (defined in a.kent of the first folder) does not resolve there.
      const dz = await c.waitForDiagnostics(z);
      assert.deepEqual(dz.map(brief), [`unresolved-reference ${ERROR} 2:16-2:18`]);
      await c.notify('workspace/didChangeWorkspaceFolders', { event: { added: [], removed: [{ uri: fileUri(other), name: 'other' }] } });
      await c.waitForDiagnostics(z, (ds) => ds.length === 0);

      const l = fileUri(path.join(loose, 'l.kent'));
      await c.open(l, 'assessment l: Loose\n\nclaim Q: Fact [[Nope]].\n', 1);
      const dl = await c.waitForDiagnostics(l, (ds) => ds.length > 0);
      assert.ok(dl.some((d) => d.code === 'unresolved-reference' && fmt(d.range) === '2:16-2:20'), JSON.stringify(dl.map(brief)));
      await c.close(l);
      await c.waitForDiagnostics(l, (ds) => ds.length === 0);
    } finally {
      fs.rmSync(other, { recursive: true, force: true });
      fs.rmSync(loose, { recursive: true, force: true });
    }
  });

  test('a file in a folder that does not exist yet is checked on its own text, and answers requests', async () => {
    const missing = path.join(os.tmpdir(), `kent-no-such-folder-${process.pid}`, 'notes');
    const n = fileUri(path.join(missing, 'draft.kent'));
    const text = 'assessment draft: Draft\n\njudgment J1: It will rain [[Nope]].\n';
    await c.open(n, text, 1);
    const dn = await c.waitForDiagnostics(n, (ds) => ds.length > 0);
    assert.ok(dn.some((d) => d.code === 'unresolved-reference' && fmt(d.range) === fmt(rng(text, 'Nope'))), JSON.stringify(dn.map(brief)));
    const symbols = await c.request<Array<{ name: string }>>('textDocument/documentSymbol', { textDocument: { uri: n } });
    assert.deepEqual(symbols.map((x) => x.name), ['draft', 'J1']);
    assert.equal(await c.request('textDocument/hover', { textDocument: { uri: fileUri('/no/such/dir/x.kent') }, position: { line: 0, character: 0 } }), null);
    assert.ok(!fs.existsSync(missing), 'the folder is not made');
    await c.close(n);
  });

  test('an unsaved (untitled) document is checked on its own text, and cleared when closed', async () => {
    const u = 'untitled:Untitled-7';
    await c.open(u, 'assessment u: Unsaved\n\njudgment KJ1: Russia may intervene.\n  file: x.txt\n', 1);
    const du = await c.waitForDiagnostics(u, (ds) => ds.length > 0);
    assert.deepEqual(du.map((d) => d.code).sort(), ['missing-confidence', 'missing-likelihood', 'unknown-attribute', 'unsupported-claim', 'vague-estimate']);
    await c.close(u);
    await c.waitForDiagnostics(u, (ds) => ds.length === 0);
  });

  test('robustness: garbage edits and requests at random positions, then a correct hover', async () => {
    const g = c.uri('g.kent');
    await c.open(g, 'assessment g: G\n', 1);
    const texts = [
      ...fc.sample(fc.string({ unit: 'binary', maxLength: 3000 }), { seed: 42, numRuns: 4 }),
      ...fc.sample(
        fc.string({ unit: fc.constantFrom('\n', '\r\n', '\r', ' ', ':', '@', '[', ']', '[[', ']]', 'claim ', 'source ', 'evidence ', '  because: ', '  likelihood: ', '"', '/', 'likely', 'A1', '\uD800', '\uDC00', '🚀', '\t', '//', '# ', '\uFEFF'), maxLength: 400 }),
        { seed: 7, numRuns: 12 },
      ),
      'x'.repeat(1024 * 1024),
      // The fixture broken on every line.
      A.split('\n')
        .map((l, i) => (i % 3 === 0 ? l.replace(':', '') : i % 3 === 1 ? '  ' + l + ' [[@' : l.replace(/ /g, '\t:')))
        .join('\n'),
    ];
    const methods = ['textDocument/hover', 'textDocument/completion', 'textDocument/definition', 'textDocument/references', 'textDocument/documentHighlight', 'textDocument/documentSymbol', 'textDocument/inlayHint', 'textDocument/codeAction', 'textDocument/foldingRange', 'textDocument/documentLink', 'textDocument/selectionRange'];
    const failures: string[] = [];
    let seed = 1;
    for (const text of texts) {
      await c.change(g, undefined, text);
      // Incremental edits at random (possibly out-of-range) positions, too.
      const edits = fc.sample(fc.tuple(fc.nat(60), fc.nat(120), fc.nat(3), fc.string({ maxLength: 20 })), { seed: seed++, numRuns: 3 });
      await c.change(g, undefined, edits.map(([l, ch, dl, t]) => ({ range: r(l, ch, l + dl, ch), text: t })));
      const lineCount = text.split('\n').length;
      for (const [line, character] of fc.sample(fc.tuple(fc.nat(lineCount + 1), fc.nat(300)), { seed: seed++, numRuns: 4 })) {
        for (const m of methods) {
          const position = { line, character };
          const params = { ...td(g), position, positions: [position], range: r(0, 0, line, character), context: { diagnostics: [], includeDeclaration: true } };
          try {
            await c.request(m, params);
          } catch (e) {
            failures.push(`${m} at ${line}:${character}: ${(e as Error).message}`);
          }
        }
      }
    }
    assert.deepEqual(failures, []);
    assert.equal(c.exited, undefined, `the server exited: ${c.stderr}`);
    // It survived: a well-formed document gets a correct hover and diagnostics again.
    const G = A.replace('assessment a:', 'assessment g:').replace('source s1: The Military Balance', 'source s9: The Military Balance').replace('source: s1', 'source: s9').replace('source lonely', 'source lonely9');
    await c.change(g, undefined, G);
    const h = await c.request<Hover>('textDocument/hover', { ...td(g), position: pos(G, 'b/Y', 2) });
    assert.ok(markdown(h).startsWith('**claim b/Y**\n\nThe Pacific bastion is at risk in a war.'));
    assert.deepEqual(h.range, rng(G, 'b/Y'));
    await c.waitForDiagnostics(g, has('contradiction'));
    // Closed, it is gone (not on disk) and its diagnostics are cleared.
    await c.close(g);
    await c.waitForDiagnostics(g, (ds) => ds.length === 0);
    await c.waitForDiagnostics(a, baseline(EXPECTED_A));
  });
});

// ---------------------------------------------------------------------------------------------

describe('language server with workspace/configuration, per folder', () => {
  test("each workspace folder's own settings apply to its documents (asked for by the folder's URI)", async () => {
    const DOC = 'assessment q: Q\n\nclaim Q1: Ports will close.\n';
    const root = makeWorkspace({ 'a.kent': DOC });
    const other = makeWorkspace({ 'b.kent': DOC.replace('assessment q', 'assessment r') });
    const own = { rules: { 'unsupported-claim': 'off' } };
    const c = await LspClient.start({ root, configuration: (items) => items.map((i) => (i.scopeUri === fileUri(other) ? own : i.section === 'kent' ? {} : null)) });
    try {
      assert.deepEqual((await c.waitForDiagnostics(c.uri('a.kent'), (ds) => ds.length > 0)).map((d) => d.code), ['unsupported-claim']);
      await c.notify('workspace/didChangeWorkspaceFolders', { event: { added: [{ uri: fileUri(other), name: 'other' }], removed: [] } });
      const b = fileUri(path.join(other, 'b.kent'));
      // The other folder's rule turns the code off there: checked, and published with nothing in it.
      await c.waitForDiagnostics(b, (ds) => ds.length === 0);
      await c.request('workspace/executeCommand', { command: 'kent.checkWorkspace', arguments: [] });
      assert.deepEqual(c.diagnostics.get(b), []);
      assert.deepEqual(c.diagnostics.get(c.uri('a.kent'))?.map((d) => d.code), ['unsupported-claim']);
    } finally {
      await c.stop();
      fs.rmSync(root, { recursive: true, force: true });
      fs.rmSync(other, { recursive: true, force: true });
    }
  });
});

describe('language server with workspace/configuration', () => {
  let root: string;
  let c: LspClient;
  let settings: unknown = { rules: { 'unused-source': 'error' }, scale: 'phia' };

  before(async () => {
    root = makeWorkspace({ 'a.kent': A, 'b.kent': B, 'refs.bib': BIB, 'sources/x.txt': X_TXT, 'kent.json': '{ "rules": { "contradiction": "warning" } }\n' });
    c = await LspClient.start({ root, configuration: (items) => items.map((i) => (i.section === 'kent' ? settings : null)) });
  });

  after(async () => {
    await c?.stop();
    if (root) fs.rmSync(root, { recursive: true, force: true });
  });

  test('settings come from workspace/configuration; kent.json wins; a change re-checks', async () => {
    const a = c.uri('a.kent');
    // unused-source raised to error by the settings; contradiction lowered to warning by kent.json.
    const d = await c.waitForDiagnostics(a, (ds) => ds.length === 2);
    assert.deepEqual(d.map(brief), [`contradiction ${WARNING} ${fmt(rng(A, 'b/Y'))}`, `unused-source ${ERROR} ${fmt(rng(A, 'lonely'))}`]);
    assert.ok(c.serverRequests.some((q) => q.method === 'workspace/configuration'));
    assert.ok(c.serverRequests.some((q) => q.method === 'client/registerCapability'));
    // The PHIA scale from the settings.
    const hints = await c.request<InlayHint[]>('textDocument/inlayHint', { textDocument: { uri: a }, range: r(0, 0, 40, 0) });
    assert.deepEqual(hints.map((h) => h.label), ['55–75%', '55–75%']);
    // The settings change: the server asks again.
    settings = { rules: { 'unused-source': 'off' } };
    const asked = c.serverRequests.length;
    await c.notify('workspace/didChangeConfiguration', { settings: null });
    const d2 = await c.waitForDiagnostics(a, hasNo('unused-source'));
    assert.deepEqual(d2.map(brief), [`contradiction ${WARNING} ${fmt(rng(A, 'b/Y'))}`]);
    assert.ok(c.serverRequests.slice(asked).some((q) => q.method === 'workspace/configuration'));
    const hints2 = await c.request<InlayHint[]>('textDocument/inlayHint', { textDocument: { uri: a }, range: r(0, 0, 40, 0) });
    assert.deepEqual(hints2.map((h) => h.label), ['55–80%', '55–80%']);
  });
});

/**
 * A server for the describe block around it, on a fresh workspace of a.kent, b.kent, refs.bib
 * and sources/x.txt, started with `options` before its tests and stopped after them.
 */
function serverFor(options: Omit<StartOptions, 'root'>): () => LspClient {
  let root: string;
  let c: LspClient;
  before(async () => {
    root = makeWorkspace({ 'a.kent': A, 'b.kent': B, 'refs.bib': BIB, 'sources/x.txt': X_TXT });
    c = await LspClient.start({ root, ...options });
  });
  after(async () => {
    await c?.stop();
    if (root) fs.rmSync(root, { recursive: true, force: true });
  });
  return () => c;
}

for (const rootAs of ['rootUri', 'rootPath'] as const) {
  describe(`language server for a client without workspace folders (${rootAs} only)`, () => {
    const server = serverFor({ rootAs });

    test(`the folder named by ${rootAs} is read and checked as a whole, closed documents included`, async () => {
      const c = server();
      // The contradiction between a.kent and the closed b.kent is only found with b.kent indexed.
      const d = await c.waitForDiagnostics(c.uri('a.kent'), (ds) => ds.some((x) => x.code === 'contradiction'));
      assert.deepEqual(d.find((x) => x.code === 'contradiction')?.relatedInformation?.map((x) => x.location.uri), [c.uri('b.kent')]);
      assert.ok((await c.waitForDiagnostics(c.uri('b.kent'))).some((x) => x.code === 'contradiction'));
      assert.equal(c.exited, undefined, c.stderr);
    });
  });
}

test('a virtual workspace folder (vscode-vfs://, a remote repository) is not read from the local disk at its path', async () => {
  // VS Code names a virtual workspace's folder by a URI whose path is no local path: read as one
  // (`/tmp/…` here), it would have Kent check whatever local folder happens to bear that name.
  const real = makeWorkspace({ 'r.kent': 'assessment r: R\n\nclaim R1: Stands on nothing.\n' });
  const local = makeWorkspace({ 'v.kent': 'assessment v: V\n\nclaim Vlocal1: Stands on nothing.\n' });
  const dirs = [real, local];
  const c = await LspClient.start({ root: real, folderUris: [fileUri(real), `vscode-vfs://github${local.split(path.sep).join('/')}`] });
  try {
    // Every folder is indexed before the first run of checks publishes anything.
    assert.ok((await c.waitForDiagnostics(c.uri('r.kent'))).some((d) => d.code === 'unsupported-claim'));
    assert.deepEqual(await c.request<SymbolInformation[]>('workspace/symbol', { query: 'Vlocal1' }), []);
    assert.equal(c.diagnostics.get(fileUri(path.join(local, 'v.kent'))), undefined);
    // Nor one added later, beside a local folder added with it.
    const added = makeWorkspace({ 'w.kent': 'assessment w: W\n\nclaim W1: Stands on nothing.\n' });
    const local2 = makeWorkspace({ 'v2.kent': 'assessment v2: V2\n\nclaim Vlocal2: Stands on nothing.\n' });
    dirs.push(added, local2);
    const folder = (uri: string) => ({ uri, name: path.posix.basename(uri) });
    await c.notify('workspace/didChangeWorkspaceFolders', { event: { added: [folder(fileUri(added)), folder(`vscode-vfs://github${local2.split(path.sep).join('/')}`)], removed: [] } });
    await c.waitForDiagnostics(fileUri(path.join(added, 'w.kent')));
    assert.deepEqual(await c.request<SymbolInformation[]>('workspace/symbol', { query: 'Vlocal' }), []);
    assert.equal(c.exited, undefined, c.stderr);
  } finally {
    await c.stop();
    for (const dir of dirs) fs.rmSync(dir, { recursive: true, force: true });
  }
});

describe('language server tracing (kent.trace.server)', () => {
  const verbose = serverFor({ trace: 'verbose' });
  const quiet = serverFor({});

  /** Open a.kent, then give X b/Y's likelihood: the contradiction goes, after a run of checks. */
  const editAway = async (c: LspClient) => {
    const a = c.uri('a.kent');
    await c.open(a, A, 1);
    await c.waitForDiagnostics(a, (ds) => ds.some((d) => d.code === 'contradiction'));
    const before = c.traces.length;
    await c.change(a, 2, [{ range: rng(A, 'likelihood: likely', 12, 6, 1), text: 'unlikely' }]);
    await c.waitForDiagnostics(a, (ds) => !ds.some((d) => d.code === 'contradiction'), 5000, true);
    return before;
  };

  test('verbose: each run of checks after an edit says what it checked and how long it took, the wait apart', async () => {
    const c = verbose();
    const before = await editAway(c);
    await until(() => c.traces.length > before);
    const run = c.traces.slice(before).map((t) => ({ message: t.message, ...JSON.parse(t.verbose ?? '{}') })).find((t) => t.ownWorkMs !== undefined);
    assert.ok(run, JSON.stringify(c.traces.slice(before)));
    assert.match(run.message, /^Kent checked \d+ document\(s\) and published \d+ in [\d.]+ ms, [\d.]+ ms of work after the \d+ ms wait from the edit$/);
    assert.ok(run.documents >= 1 && run.published >= 1, JSON.stringify(run));
    // The run starts once the debounce has passed since the edit arrived, and its own work is what follows.
    assert.ok(run.sinceChangeMs >= run.debounceMs, JSON.stringify(run));
    assert.equal(Math.round((run.sinceChangeMs - run.debounceMs) * 100), Math.round(run.ownWorkMs * 100));
    assert.ok(run.checkAndWriteMs >= run.checkMs, JSON.stringify(run));
  });

  test('off (the default): no trace is sent', async () => {
    const c = quiet();
    await editAway(c);
    assert.deepEqual(c.traces, []);
  });
});

async function until(pred: () => boolean, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!pred()) {
    if (Date.now() > deadline) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 10));
  }
}

describe('language server for a client that shows plain text only (eglot without markdown-mode)', () => {
  const server = serverFor({ plain: true });

  test('hovers and documentation come as plain text, the outline as a flat list, diagnostics without related locations', async () => {
    const c = server();
    const a = c.uri('a.kent');
    const h = await c.request<Hover>('textDocument/hover', { textDocument: { uri: a }, position: pos(A, 'source: s1', 9) });
    const contents = h.contents as MarkupContent;
    assert.equal(contents.kind, 'plaintext');
    assert.ok(contents.value.startsWith('The Military Balance\n@s1\n'), contents.value);
    assert.ok(contents.value.includes('Reliability: B — usually reliable\n'), contents.value);
    assert.ok(contents.value.includes('URL: https://example.org/s1\n'), contents.value);
    assert.ok(contents.value.includes('From sources/x.txt, line 3 (lines 1–5 shown):\n\nline one of the source\n'), contents.value);
    assert.ok(!/[\\*`]|&lt;/.test(contents.value), contents.value);

    const items = await c.request<Array<{ label: string; documentation?: MarkupContent }>>('textDocument/completion', { textDocument: { uri: a }, position: pos(A, 'likelihood: likely', 14) });
    const documented = items.filter((i) => i.documentation);
    assert.ok(documented.length > 0);
    for (const i of documented) assert.equal(i.documentation!.kind, 'plaintext');

    const symbols = await c.request<Array<{ name: string; containerName?: string; location?: unknown; children?: unknown }>>('textDocument/documentSymbol', { textDocument: { uri: a } });
    const kj1 = symbols.find((x) => x.name === 'KJ1');
    assert.ok(kj1?.location && kj1.containerName && kj1.children === undefined, JSON.stringify(symbols));

    const d = await c.waitForDiagnostics(a, (ds) => ds.some((x) => x.code === 'contradiction'));
    assert.ok(d.every((x) => x.relatedInformation === undefined), JSON.stringify(d));
  });
});

describe('language server on a folder with links among its documents', () => {
  test('a link to a document is not a second copy of it; a dangling link is named in the log', async () => {
    const root = makeWorkspace({ 'a.kent': 'assessment a: A\n\nclaim C1: Gas storage is full [@s].\n\nsource s: S\n  reliability: A\n' });
    fs.symlinkSync('a.kent', path.join(root, 'link.kent'));
    fs.symlinkSync('nowhere.kent', path.join(root, 'dangling.kent'));
    const c = await LspClient.start({ root });
    try {
      await c.request('workspace/executeCommand', { command: 'kent.checkWorkspace', arguments: [] });
      const d = await c.waitForDiagnostics(c.uri('a.kent'));
      assert.deepEqual(d.map((x) => x.code), [], 'no duplicate-id with the link');
      assert.equal(c.diagnostics.has(c.uri('link.kent')), false);
      await until(() => c.logs.some((l) => l.message.includes('dangling.kent')));
      assert.match(c.logs.find((l) => l.message.includes('dangling.kent'))!.message, /cannot read .*dangling\.kent \(ENOENT\)/);
    } finally {
      await c.stop();
      fs.rmSync(root, { recursive: true, force: true });
    }
  });
});

describe('language server told of a file that is not there', () => {
  const server = serverFor({});

  test('a change or creation event for a .kent file that cannot be read is no error', async () => {
    const c = server();
    await c.waitForDiagnostics(c.uri('a.kent'), (ds) => ds.length > 0);
    await c.notify('workspace/didChangeWatchedFiles', { changes: [{ uri: c.uri('ghost.kent'), type: 2 }, { uri: c.uri('gone/ghost.kent'), type: 1 }] });
    const hover = await c.request<{ contents: unknown } | null>('textDocument/hover', { textDocument: { uri: c.uri('a.kent') }, position: { line: 8, character: 10 } });
    assert.ok(hover);
    assert.deepEqual(c.logs.filter((l) => l.type === 1), []);
  });
});

describe('language server with a workspace folder inside another', () => {
  test('a file belongs to the deepest folder alone, and goes back to the outer one when the inner is removed', async () => {
    const root = makeWorkspace({
      'x.kent': 'assessment dupid: Outer\n\nclaim X1: Outer [@s].\n\nsource s: S\n  reliability: A\n',
      'sub/y.kent': 'assessment dupid: Inner\n\nclaim Y1: Inner [@s].\n',
    });
    const c = await LspClient.start({ root });
    try {
      const [x, y] = [c.uri('x.kent'), c.uri('sub/y.kent')];
      // One folder: both documents in one workspace, the assessment ID twice.
      await c.waitForDiagnostics(x, (ds) => ds.some((d) => d.code === 'duplicate-id'));
      const sub = fileUri(path.join(root, 'sub'));
      await c.notify('workspace/didChangeWorkspaceFolders', { event: { added: [{ uri: sub, name: 'sub' }], removed: [] } });
      // Two: each sees its own documents only, both the same way.
      await c.waitForDiagnostics(x, (ds) => !ds.some((d) => d.code === 'duplicate-id'));
      const dy = await c.waitForDiagnostics(y, (ds) => ds.some((d) => d.code === 'unresolved-reference'));
      assert.ok(!dy.some((d) => d.code === 'duplicate-id'), JSON.stringify(dy.map(brief)));
      await c.notify('workspace/didChangeWorkspaceFolders', { event: { added: [], removed: [{ uri: sub, name: 'sub' }] } });
      await c.waitForDiagnostics(x, (ds) => ds.some((d) => d.code === 'duplicate-id'));
      await c.waitForDiagnostics(y, (ds) => ds.some((d) => d.code === 'duplicate-id') && !ds.some((d) => d.code === 'unresolved-reference'));
    } finally {
      await c.stop();
      fs.rmSync(root, { recursive: true, force: true });
    }
  });
});

describe('language server over stdio when the editor goes away', () => {
  /** Start a server, maybe ask it to shut down, then close its input: how does it end? */
  const endInput = async (shutdownFirst: boolean) => {
    const root = makeWorkspace({ 'a.kent': A, 'b.kent': B });
    const c = await LspClient.start({ root });
    try {
      await c.waitForDiagnostics(c.uri('a.kent'), (ds) => ds.length > 0);
      if (shutdownFirst) await c.request('shutdown', null);
      c.child.stdin.end();
      await until(() => c.exited !== undefined);
      return c.exited;
    } finally {
      await c.stop();
      fs.rmSync(root, { recursive: true, force: true });
    }
  };

  test('its input closing without a shutdown ends it with code 1', async () => {
    assert.deepEqual(await endInput(false), { code: 1, signal: null });
  });

  test('its input closing after a shutdown ends it with code 0', async () => {
    assert.deepEqual(await endInput(true), { code: 0, signal: null });
  });
});

describe('language server for a client with insert and replace ranges (VS Code)', () => {
  const server = serverFor({ insertReplace: true });

  test('completion inside a key: inserted, it keeps the text after the cursor unless that is its own rest; replacing takes the key', async () => {
    const c = server();
    const a = c.uri('a.kent');
    const text = A.replace('Prose citing [@smith-2020, p. 2]', 'Prose citing [@smi-2020, p. 2] and [@foo bar');
    await c.open(a, text, 1);
    try {
      const inKey = await c.request<CompletionItem[]>('textDocument/completion', { textDocument: { uri: a }, position: pos(text, '[@smi', 5) });
      const key = rng(text, '@smi-2020');
      const edits = Object.fromEntries(inKey.map((i) => [i.label, i.textEdit]));
      assert.deepEqual(edits['@s1'], { newText: '@s1', insert: rng(text, '@smi', 0, 4), replace: key });
      // `-2020` is the rest of this key: inserted, it replaces the whole, one range for both.
      assert.deepEqual(edits['@smith-2020'], { newText: '@smith-2020', range: key });
      const beforeWord = await c.request<CompletionItem[]>('textDocument/completion', { textDocument: { uri: a }, position: pos(text, '[@foo', 2) });
      assert.deepEqual(beforeWord.map((i) => i.label), ['@s1', '@lonely', '@smith-2020', '@evil']);
      for (const i of beforeWord) assert.deepEqual(i.textEdit, { newText: i.label, insert: rng(text, '[@foo', 1, 1), replace: rng(text, '[@foo', 1) });
    } finally {
      await c.close(a);
    }
  });
});

describe('language server with an unsaved document', () => {
  test('nothing is made on disk for it: the temp folder is as empty after exit as before', async () => {
    const tmp = makeWorkspace({}, 'kent-tmpdir-');
    const root = makeWorkspace({ 'a.kent': A });
    const c = await LspClient.start({ root, env: { TMPDIR: tmp, TMP: tmp, TEMP: tmp } });
    try {
      const u = 'untitled:Untitled-3';
      const text = 'assessment u: Unsaved\n\nclaim C1: Ports are at risk [@s1].\n  because: E1\n';
      await c.open(u, text, 1);
      const ds = await c.waitForDiagnostics(u, (d) => d.length > 0);
      assert.ok(ds.some((d) => d.code === 'unresolved-reference'), JSON.stringify(ds));
      assert.ok(await c.request('textDocument/hover', { textDocument: { uri: u }, position: pos(text, 'C1') }));
      await c.close(u);
      await c.waitForDiagnostics(u, (d) => d.length === 0);
    } finally {
      await c.stop();
      fs.rmSync(root, { recursive: true, force: true });
    }
    try {
      assert.deepEqual(fs.readdirSync(tmp), []);
    } finally {
      fs.rmSync(tmp, { recursive: true, force: true });
    }
  });
});

describe('language server after shutdown (LSP: only exit is served)', () => {
  /** A server on the usual fixture, its first diagnostics in. */
  const started = async () => {
    const root = makeWorkspace({ 'a.kent': A, 'b.kent': B });
    const c = await LspClient.start({ root });
    await c.waitForDiagnostics(c.uri('a.kent'), (ds) => ds.length > 0);
    return { root, c };
  };
  /** Settings the server warns about (showMessage), as it does for any `workspace/didChangeConfiguration` carrying them. */
  const badSettings = { settings: { kent: { scale: 'nope' } } };
  const INVALID_REQUEST = -32600;
  const refused = (e: unknown) => (e as { code?: number }).code === INVALID_REQUEST;

  test('requests fail with InvalidRequest, notifications but exit are dropped, exit ends it with code 0', async () => {
    const { root, c } = await started();
    try {
      const a = c.uri('a.kent');
      const hoverAt = { textDocument: { uri: a }, position: pos(A, 'claim X', 6) };
      assert.ok(await c.request('textDocument/hover', hoverAt), 'served before shutdown');
      // The notification is handled before shutdown: the server warns of the bad settings.
      await c.notify('workspace/didChangeConfiguration', badSettings);
      assert.equal(await c.request('shutdown', null), null);
      const warned = c.messages.length;
      assert.equal(warned, 1, JSON.stringify(c.messages));
      await c.notify('workspace/didChangeConfiguration', badSettings);
      await assert.rejects(c.request('textDocument/hover', hoverAt), refused);
      await assert.rejects(c.request('textDocument/completion', hoverAt), refused);
      await assert.rejects(c.request('workspace/executeCommand', { command: 'kent.checkWorkspace' }), refused);
      await assert.rejects(c.request('kent/no-such-request', {}), refused);
      await assert.rejects(c.request('shutdown', null), refused);
      // Messages are handled in order: the refusals came after the notification, which said nothing.
      assert.equal(c.messages.length, warned, JSON.stringify(c.messages));
      assert.equal(c.exited, undefined, 'still running until exit');
      await c.notify('exit', null);
      await until(() => c.exited !== undefined);
      assert.deepEqual(c.exited, { code: 0, signal: null });
    } finally {
      await c.stop();
      fs.rmSync(root, { recursive: true, force: true });
    }
  });

  test('exit without shutdown ends it with code 1', async () => {
    const { root, c } = await started();
    try {
      await c.notify('exit', null);
      await until(() => c.exited !== undefined);
      assert.deepEqual(c.exited, { code: 1, signal: null });
    } finally {
      await c.stop();
      fs.rmSync(root, { recursive: true, force: true });
    }
  });
});

describe('language server for a client that refuses what the server asks', () => {
  const server = serverFor({ watchFiles: true, configuration: () => [], refuse: ['client/registerCapability', 'workspace/configuration'] });

  test('an error answer to client/registerCapability or workspace/configuration does not end the server', async () => {
    const c = server();
    const d = await c.waitForDiagnostics(c.uri('a.kent'), (ds) => ds.some((x) => x.code === 'contradiction'));
    assert.ok(d.length > 0);
    assert.deepEqual(c.serverRequests.filter((q) => q.method === 'client/registerCapability').length, 2, 'file watching and settings changes were asked for');
    // Still serving after the refusals: a request is answered.
    const hover = await c.request<{ contents: unknown } | null>('textDocument/hover', { textDocument: { uri: c.uri('a.kent') }, position: { line: 8, character: 10 } });
    assert.ok(hover);
    assert.equal(c.exited, undefined, c.stderr);
  });
});

describe('language server with invalid settings from the editor', () => {
  // As an editor without a settings schema may send them: a bad severity, an unknown rule, a bad scale, next to a valid rule.
  const server = serverFor({ initializationOptions: { scale: 'nope', rules: { 'unused-source': 'loud', 'no-such-rule': 'error', contradiction: 'warning' } } });

  test('the valid part applies, the rest is left out and said in a warning', async () => {
    const c = server();
    // contradiction lowered to warning by the valid rule; unused-source keeps its default (hint), not "loud".
    const expected = [`contradiction ${WARNING} ${fmt(rng(A, 'b/Y'))}`, `unused-source ${HINT} ${fmt(rng(A, 'lonely'))}`];
    await c.waitForDiagnostics(c.uri('a.kent'), (ds) => JSON.stringify(ds.map(brief)) === JSON.stringify(expected));
    const warning = c.messages.find((m) => m.type === 2);
    assert.ok(warning, JSON.stringify(c.messages));
    assert.match(warning.message, /^Kent left out part of its settings: /);
    assert.match(warning.message, /"scale" must be "icd203" or "phia"/);
    assert.match(warning.message, /severity of "unused-source" must be one of error, warning, info, hint, off/);
    assert.match(warning.message, /no rule "no-such-rule"/);
  });
});

describe('language server with kent.json open in the editor', () => {
  let root: string;
  let c: LspClient;

  before(async () => {
    root = makeWorkspace({ 'a.kent': A, 'b.kent': B, 'refs.bib': BIB, 'sources/x.txt': X_TXT, 'kent.json': '{}\n' });
    c = await LspClient.start({ root });
  });

  after(async () => {
    await c?.stop();
    if (root) fs.rmSync(root, { recursive: true, force: true });
  });

  test('its unsaved text applies to every document at once, its problems placed in that text; closed, the disk applies again', async () => {
    const a = c.uri('a.kent');
    const kj = c.uri('kent.json');
    await c.waitForDiagnostics(a, has('unused-source'));
    // VS Code sends kent.json as it sends any JSON file.
    await c.open(kj, '{}\n', 1, 'json');
    await c.change(kj, 2, '{ "rules": { "unused-source": "off" } }\n');
    await c.waitForDiagnostics(a, hasNo('unused-source'));
    const bad = '{\n  "rules": { "unused-source": "of" } }\n';
    await c.change(kj, 3, bad);
    const dj = await c.waitForDiagnostics(kj, (ds) => ds.length > 0);
    assert.deepEqual(dj.map(brief), [`invalid-config ${ERROR} ${fmt(rng(bad, '"of"'))}`]);
    await c.waitForDiagnostics(a, has('unused-source'));
    await c.change(kj, 4, '{ "rules": { "unused-source": "off" } }\n');
    await c.waitForDiagnostics(kj, (ds) => ds.length === 0);
    await c.waitForDiagnostics(a, hasNo('unused-source'));
    // A change on disk while it is open: the editor's text still wins.
    writeFile(root, 'kent.json', '{ "rules": { "unused-source": "error" } }\n');
    await c.watched([{ uri: kj, type: 2 }]);
    await c.request('workspace/executeCommand', { command: 'kent.checkWorkspace', arguments: [] });
    assert.ok(hasNo('unused-source')(c.diagnostics.get(a) ?? []));
    // Closed without saving: what the disk says.
    await c.close(kj);
    const d = await c.waitForDiagnostics(a, has('unused-source'));
    assert.equal(d.find((x) => x.code === 'unused-source')?.severity, ERROR);
  });
});

describe('language server on a document with more problems than an editor lists', () => {
  test('the 999 most severe are published, in document order, with a note saying how many there are; an edit that fixes some lets others in', async () => {
    // 1,100 claims resting on nothing (warnings), then three errors: a duplicate ID and two unresolved refs.
    let text = 'assessment big: Big\n\n';
    for (let i = 0; i < 1100; i++) text += `claim C${i}: The ministry will publish tariff schedule ${i}.\n\n`;
    text += 'claim C0: Again.\n  because: Nowhere1\n\nclaim D1: More.\n  because: Nowhere2\n';
    const root = makeWorkspace({ 'big.kent': text });
    const c = await LspClient.start({ root });
    try {
      const uri = c.uri('big.kent');
      await c.open(uri, text);
      const ds = await c.waitForDiagnostics(uri, (d) => d.length > 0, 20_000);
      assert.equal(ds.length, 1000);
      const note = ds.filter((d) => d.code === undefined);
      assert.equal(note.length, 1);
      const said = String(note[0].message);
      assert.match(said, /^Kent shows the 999 most severe of the 1,10\d problems in this document; `kent check` lists them all$/);
      assert.deepEqual(note[0].range.start, { line: 0, character: 0 });
      const errors = ds.filter((d) => d.severity === 1);
      assert.ok(errors.length >= 3, 'every error is published');
      // The warnings published are the first ones, in document order.
      const lines = ds.filter((d) => d.severity === 2).map((d) => d.range.start.line);
      assert.deepEqual(lines, [...lines].sort((a, b) => a - b));
      assert.equal(lines[0], 2);
      // 200 claims deleted (C1 to C200): every problem fits, and the note goes.
      const lineOf = (s: string) => text.slice(0, text.indexOf(s)).split('\n').length - 1;
      await c.change(uri, undefined, [{ range: { start: { line: lineOf('claim C1:'), character: 0 }, end: { line: lineOf('claim C201:'), character: 0 } }, text: '' }]);
      const after = await c.waitForDiagnostics(uri, (d) => d.length < 1000, 20_000, true);
      assert.equal(after.filter((d) => d.code === undefined).length, 0);
      assert.equal(after.filter((d) => d.severity === 1).length, errors.length);
      const total = Number(/of the ([\d,]+) problems/.exec(said)![1].replace(',', ''));
      assert.equal(after.length, total - 200, 'one warning for each claim deleted');
    } finally {
      await c.stop();
      fs.rmSync(root, { recursive: true, force: true });
    }
  });
});

describe('language server for a client that takes versioned edits (documentChanges)', () => {
  test('a fix and a rename carry the open document\'s version, and null for a closed file: a fix worked out before more typing is refused by the editor, not misplaced', async () => {
    const root = makeWorkspace({ 'a.kent': 'assessment a: A\n\nclaim C1: Ports close [@s].\n  confidence: hihg\n\nsource s: S\n  reliability: B\n', 'b.kent': 'assessment b: B\n\nclaim C2: Ports stay shut.\n  because: a/C1\n' });
    const c = await LspClient.start({ root, documentChanges: true });
    try {
      const uri = c.uri('a.kent');
      await c.open(uri, fs.readFileSync(path.join(root, 'a.kent'), 'utf8'), 7);
      const ds = await c.waitForDiagnostics(uri, (d) => d.some((x) => x.code === 'invalid-value'));
      const bad = ds.find((x) => x.code === 'invalid-value')!;
      const actions = await c.request<Array<{ title: string; edit?: WorkspaceEdit }>>('textDocument/codeAction', { textDocument: { uri }, range: bad.range, context: { diagnostics: [bad] } });
      const fix = actions.find((a) => a.title === "Change to 'high'")!;
      assert.equal(fix.edit?.changes, undefined);
      assert.deepEqual(fix.edit?.documentChanges, [{ textDocument: { uri, version: 7 }, edits: [{ range: bad.range, newText: 'high' }] }]);
      // A rename reaching the closed b.kent: its edits come with version null (the file as on disk).
      const rename = await c.request<WorkspaceEdit>('textDocument/rename', { textDocument: { uri }, position: { line: 2, character: 7 }, newName: 'C9' });
      const byUri = new Map((rename.documentChanges as Array<{ textDocument: { uri: string; version: number | null } }>).map((d) => [d.textDocument.uri, d.textDocument.version]));
      assert.deepEqual([...byUri].sort(), [[uri, 7], [c.uri('b.kent'), null]].sort());
    } finally {
      await c.stop();
      fs.rmSync(root, { recursive: true, force: true });
    }
  });
});
