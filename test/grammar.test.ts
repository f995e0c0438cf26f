// Tokenizes Kent with the TextMate grammar the editor uses, through the same engine
// (vscode-textmate + the Oniguruma WASM build), and checks the scopes of each line kind.
import { before, describe, test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import * as onigurumaModule from 'vscode-oniguruma';
import * as textmateModule from 'vscode-textmate';
import type { IGrammar, StateStack } from 'vscode-textmate';
import { KNOWN_ATTRIBUTES } from '../server/src/core/attributes';
import { parseDocument } from '../server/src/core/parser';

// Both are CommonJS bundles: run as an ES module, their exports are only on `default`.
const interop = <T>(m: T): T => (m as { default?: T }).default ?? m;
const oniguruma = interop(onigurumaModule);
const { INITIAL, parseRawGrammar, Registry } = interop(textmateModule);

// Works whether the test runs as CommonJS or as an ES module.
const here = typeof __dirname === 'string' ? __dirname : path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '..');
const grammarPath = path.join(root, 'syntaxes', 'kent.tmLanguage.json');

let grammar: IGrammar;

before(async () => {
  const wasm = fs.readFileSync(path.join(root, 'node_modules', 'vscode-oniguruma', 'release', 'onig.wasm'));
  await oniguruma.loadWASM(wasm.buffer.slice(wasm.byteOffset, wasm.byteOffset + wasm.byteLength));
  const registry = new Registry({
    onigLib: Promise.resolve({
      createOnigScanner: (patterns: string[]) => new oniguruma.OnigScanner(patterns),
      createOnigString: (text: string) => new oniguruma.OnigString(text),
    }),
    loadGrammar: async (scopeName: string) =>
      scopeName === 'source.kent' ? parseRawGrammar(fs.readFileSync(grammarPath, 'utf8'), grammarPath) : null,
  });
  const loaded = await registry.loadGrammar('source.kent');
  assert.ok(loaded, 'source.kent grammar loads');
  grammar = loaded;
});

/** Each token of a document as [line, text, scopes]. */
function tokenize(text: string): Array<{ line: number; text: string; scopes: string[] }> {
  const tokens: Array<{ line: number; text: string; scopes: string[] }> = [];
  let state: StateStack = INITIAL;
  text.split('\n').forEach((lineText, line) => {
    const result = grammar.tokenizeLine(lineText, state);
    for (const token of result.tokens) {
      tokens.push({ line, text: lineText.slice(token.startIndex, token.endIndex), scopes: token.scopes });
    }
    state = result.ruleStack;
  });
  return tokens;
}

/** The scopes of the token that is exactly `text` on `line` (0-based), or a failure listing the line's tokens. */
function scopesOf(text: string, source: string, line: number, nth = 0): string[] {
  const all = tokenize(source);
  const matches = all.filter((t) => t.line === line && t.text === text);
  const found = matches[nth];
  if (!found) {
    const seen = all.filter((t) => t.line === line).map((t) => `${JSON.stringify(t.text)} ${t.scopes.join(' ')}`);
    assert.fail(`no token ${JSON.stringify(text)} on line ${line}; tokens:\n  ${seen.join('\n  ')}`);
  }
  return found.scopes;
}

function assertScope(scopes: string[], expected: string): void {
  assert.ok(
    scopes.some((s) => s === expected || s.startsWith(expected + '.')),
    `expected a scope ${expected}, got ${scopes.join(' ')}`,
  );
}

function assertNoScope(scopes: string[], unexpected: string): void {
  assert.ok(!scopes.some((s) => s === unexpected || s.startsWith(unexpected + '.')), `unexpected ${unexpected} in ${scopes.join(' ')}`);
}

const doc = [
  /* 0 */ 'assessment russia-taiwan: Russia\'s Role in a U.S.-China War over Taiwan',
  /* 1 */ '  date: 2024-09',
  /* 2 */ '',
  /* 3 */ '# Key judgments',
  /* 4 */ '',
  /* 5 */ 'Russia benefits from tension [[KJ2]] and [[nie-1998/KJ1]] [@blinken-2024, p. 2; @iiss-2024].',
  /* 6 */ '',
  /* 7 */ '// kent-ignore missing-confidence, vague-estimate: drafting',
  /* 8 */ 'judgment KJ1: Russia would probably avoid a war; it could also',
  /* 9 */ '    be that Moscow may hedge, and a role cannot be ruled out. Maybe unlikely.',
  /* 10 */ '  likelihood: likely',
  /* 11 */ '  confidence: moderate',
  /* 12 */ '  because: C1, nie-1998/KJ2, [@iiss-2024, p. 3]',
  /* 13 */ '',
  /* 14 */ 'evidence E1: Chinese experts expect no direct Russian role.',
  /* 15 */ '  source: @zhao-2021',
  /* 16 */ '  quote: "neither China nor Russia is ready for it"',
  /* 17 */ '  credibility: 2',
  /* 18 */ '',
  /* 19 */ 'source iiss-2024: The Military Balance 2024',
  /* 20 */ '  reliability: B',
  /* 21 */ '  likelihood: 60-75%',
  /* 22 */ '  url: https://www.iiss.org/publications/the-military-balance/',
  /* 23 */ '',
  /* 24 */ '  // an indented comment',
  /* 25 */ 'In May 2024 the likelihood was unclear.',
].join('\n');

describe('kent.tmLanguage.json', () => {
  test('block header: keyword, ID, statement', () => {
    assertScope(scopesOf('judgment', doc, 8), 'keyword.control');
    assertScope(scopesOf('KJ1', doc, 8), 'entity.name.type');
    assertScope(scopesOf('judgment', doc, 8), 'meta.block.judgment.kent');
    assertScope(scopesOf('assessment', doc, 0), 'keyword.control');
    assertScope(scopesOf('russia-taiwan', doc, 0), 'entity.name.type');
    assertScope(scopesOf('iiss-2024', doc, 19), 'entity.name.type');
  });

  test('heading', () => {
    assertScope(scopesOf('#', doc, 3), 'markup.heading');
    assertScope(scopesOf('Key judgments', doc, 3), 'entity.name.section');
  });

  test('attributes: names and values', () => {
    assertScope(scopesOf('likelihood', doc, 10), 'support.type.property-name');
    assertScope(scopesOf('likely', doc, 10), 'constant.language.estimative');
    assertScope(scopesOf('moderate', doc, 11), 'constant.language.confidence');
    assertScope(scopesOf('2024-09', doc, 1), 'constant.numeric.date');
    assertScope(scopesOf('C1', doc, 12), 'variable.other');
    assertScope(scopesOf('nie-1998', doc, 12), 'entity.name.namespace');
    assertScope(scopesOf('KJ2', doc, 12), 'variable.other');
    assertScope(scopesOf('zhao-2021', doc, 15), 'entity.name.tag.citation-key');
    assertScope(scopesOf('neither China nor Russia is ready for it', doc, 16), 'string.quoted.double');
    assertScope(scopesOf('2', doc, 17), 'constant.numeric');
    assertScope(scopesOf('B', doc, 20), 'constant.language.reliability');
    assertScope(scopesOf('60-75%', doc, 21), 'constant.numeric.percentage');
    // A range with a % on both numbers, or an em dash, is one token, as the parser reads it.
    assertScope(scopesOf('60%-75%', 'judgment J: X.\n  likelihood: 60%-75%', 1), 'constant.numeric.percentage');
    assertScope(scopesOf('60 — 75%', 'judgment J: X.\n  likelihood: 60 — 75%', 1), 'constant.numeric.percentage');
    assertScope(scopesOf('https://www.iiss.org/publications/the-military-balance/', doc, 22), 'markup.underline.link');
  });

  test('inline citation and item links', () => {
    assertScope(scopesOf('[', doc, 5), 'meta.citation');
    assertScope(scopesOf('blinken-2024', doc, 5), 'entity.name.tag.citation-key');
    assertScope(scopesOf('p. 2', doc, 5), 'meta.citation');
    assertScope(scopesOf('iiss-2024', doc, 5), 'entity.name.tag.citation-key');
    assertScope(scopesOf('KJ2', doc, 5), 'meta.link.item');
    assertScope(scopesOf('KJ2', doc, 5), 'variable.other');
    assertScope(scopesOf('nie-1998', doc, 5), 'entity.name.namespace');
    assertScope(scopesOf('iiss-2024', doc, 12), 'entity.name.tag.citation-key');
  });

  test('escaped brackets and code spans are text, not citations or links', () => {
    const line = 'Escaped \\[@x] and \\[[C1]], code `[@y]` and ``[[C2]] `[@z]` `` but [@k].';
    const tokens = tokenize(line);
    const citedOrLinked = (t: { scopes: string[] }) => t.scopes.some((s) => s.startsWith('meta.citation') || s.startsWith('meta.link.item'));
    // The one citation of the line is the last, [@k].
    assert.deepEqual(tokens.filter(citedOrLinked).map((t) => t.text).join(''), '[@k]');
    assertScope(scopesOf('\\[', line, 0), 'constant.character.escape');
    assertScope(scopesOf('[@y]', line, 0), 'markup.inline.raw');
    assertScope(scopesOf('[[C2]] `[@z]` ', line, 0), 'markup.inline.raw');
    assertScope(scopesOf('``', line, 0), 'punctuation.definition.raw');
    // An unclosed backtick is a backtick: the citation after it is one. So is an escaped backslash's.
    assertScope(scopesOf('x', 'A lone ` and [@x].', 0), 'entity.name.tag.citation-key');
    assertScope(scopesOf('x', 'A path C:\\\\[@x].', 0), 'entity.name.tag.citation-key');
    // In a statement, and inside bold.
    assertScope(scopesOf('[@y]', 'judgment J1: See `[@y]`.', 0), 'markup.inline.raw');
    assertNoScope(scopesOf('@y]', 'claim C1: **not \\[@y]**', 0), 'meta.citation');
  });

  test('a code span or an escaped `]` within a citation ends nothing, and its content is code only', () => {
    const line = 'See [@key, see `a]b likely` here] and [see `x]y` @k2, p. 4; @k3] and [see \\] @k4] end.';
    const citation = (t: { scopes: string[] }) => t.scopes.some((s) => s.startsWith('meta.citation.kent'));
    assert.deepEqual(
      tokenize(line).filter(citation).map((t) => t.text).join(''),
      '[@key, see `a]b likely` here][see `x]y` @k2, p. 4; @k3][see \\] @k4]',
    );
    // The locator runs past the code span to the citation's own `]`.
    assertScope(scopesOf(' here', line, 0), 'string.unquoted.locator');
    assertScope(scopesOf('a]b likely', line, 0), 'markup.inline.raw');
    assertScope(scopesOf('x]y', line, 0), 'markup.inline.raw');
    assertScope(scopesOf('p. 4', line, 0), 'string.unquoted.locator');
    for (const key of ['key', 'k2', 'k3', 'k4']) assertScope(scopesOf(key, line, 0), 'entity.name.tag.citation-key');
    assertScope(scopesOf('\\]', line, 0), 'constant.character.escape');
    // In a code span, a key, an item ID or an estimative word is code, not what it would be outside.
    const inside = 'Cite [@k, `@x [[C1]] likely`; @y] as ``[@z, `likely`]``.';
    for (const text of ['@x [[C1]] likely', '[@z, `likely`]']) {
      const scopes = scopesOf(text, inside, 0);
      assertScope(scopes, 'markup.inline.raw');
      for (const s of ['meta.citation-key', 'entity.name.tag.citation-key', 'meta.link.item', 'variable.other', 'constant.language.estimative']) assertNoScope(scopes, s);
    }
    // An `@` only in a code span opens no citation: `[x `@k]` y]` is text, as the parser reads it.
    assert.ok(!tokenize('Not [x `@k]` y] here.').some(citation));
  });

  test('a citation’s opening reads what its prefix holds one way only: no backtracking over backticks', () => {
    // A bracket of backticks and no key. A pattern that could read a backtick two ways (a code
    // span's opener, or a lone backtick) tries 2^k readings of it before failing: about a second
    // at k = 28, where Oniguruma's retry limit starts to cut it short.
    const raw = JSON.parse(fs.readFileSync(grammarPath, 'utf8')) as { repository: { citation: { begin: string } } };
    const opening = new oniguruma.OnigScanner([raw.repository.citation.begin]);
    const started = performance.now();
    for (let k = 20; k <= 30; k++) {
      for (const line of ['[' + '` '.repeat(k) + ']', '[' + '`a '.repeat(k) + ']', '[' + '\\` '.repeat(k) + ']']) {
        assert.equal(opening.findNextMatchSync(new oniguruma.OnigString(line), 0), null, line);
      }
    }
    const ms = performance.now() - started;
    assert.ok(ms < 100, `${ms.toFixed(0)} ms`);
    // It still opens where a key follows such a prefix.
    assert.ok(opening.findNextMatchSync(new oniguruma.OnigString('[' + '` '.repeat(30) + '@k]'), 0));
  });

  test('long lines of backticks and brackets tokenize without catastrophic backtracking', () => {
    const n = 10_000;
    const repeat = (s: string) => s.repeat(Math.ceil(n / s.length)).slice(0, n);
    // Runs of every length after one `[`: each has no partner, and no `@` ever comes.
    let runs = '[';
    for (let length = 1; runs.length < n; length++) runs += ' ' + '`'.repeat(length);
    const lines = [runs, repeat('[' + '` '.repeat(40) + '] '), '[' + '`'.repeat(n), repeat('[`'), repeat('`['), repeat('[ `a]` '), repeat('[@k, `'), repeat('[a `` b ` c @'), repeat('@[`\\')];
    for (const line of lines) {
      const started = performance.now();
      tokenize(line);
      const ms = performance.now() - started;
      // Linear work takes well under a second; backtracking over 10,000 characters would take ages.
      assert.ok(ms < 5000, `${JSON.stringify(line.slice(0, 20))}…: ${ms.toFixed(0)} ms`);
    }
  });

  test('estimative terms in running text, whole words only', () => {
    assertScope(scopesOf('probably', doc, 8), 'constant.language.estimative');
    assertScope(scopesOf('unlikely', doc, 9), 'constant.language.estimative');
    const plain = tokenize('The likelihood of unlikelyhood is probablyx.');
    assert.ok(plain.every((t) => !t.scopes.some((s) => s.startsWith('constant.language.estimative'))));
    assertScope(scopesOf('almost certainly', 'It will almost certainly fail.', 0), 'constant.language.estimative');
    assertScope(scopesOf('roughly even chance', 'There is a roughly even chance.', 0), 'constant.language.estimative');
    assertScope(scopesOf('realistic possibility', 'A realistic possibility.', 0), 'constant.language.estimative');
    assertScope(scopesOf('very unlikely', 'It is very unlikely.', 0), 'constant.language.estimative');
  });

  test('hedges in running text, whole words only', () => {
    assertScope(scopesOf('could', doc, 8), 'markup.italic.hedge');
    assertScope(scopesOf('may', doc, 9), 'markup.italic.hedge');
    assertScope(scopesOf('cannot be ruled out', doc, 9), 'markup.italic.hedge');
    assertScope(scopesOf('It is possible that', 'It is possible that it rains.', 0), 'markup.italic.hedge');
    // "Maybe" is not "may"; "May 2024" is a month.
    assertNoScope(scopesOf('. Maybe ', doc, 9), 'markup.italic.hedge');
    assertNoScope(scopesOf('In May 2024 the likelihood was unclear.', doc, 25), 'markup.italic.hedge');
  });

  test('comments and kent-ignore directives', () => {
    assertScope(scopesOf('//', doc, 24), 'comment.line.double-slash');
    assertScope(scopesOf(' an indented comment', doc, 24), 'comment.line.double-slash');
    assertScope(scopesOf('//', doc, 7), 'comment.line.double-slash');
    assertScope(scopesOf('kent-ignore', doc, 7), 'keyword.control.directive');
    assertScope(scopesOf('missing-confidence', doc, 7), 'constant.language.diagnostic-code');
    assertScope(scopesOf('vague-estimate', doc, 7), 'constant.language.diagnostic-code');
    assertScope(scopesOf(' drafting', doc, 7), 'comment.line.double-slash');
    // `//` inside a URL is not a comment.
    assertNoScope(scopesOf('https://www.iiss.org/publications/the-military-balance/', doc, 22), 'comment.line.double-slash');
  });

  test('attribute lines are the ones the parser reads: a known name needs no space after its colon, an unknown one does, an open quote goes on', () => {
    const block = [
      'judgment KJ1: Russia would avoid',
      '    note:x, in the statement',
      '  likelihood:likely',
      '  because:E1,E2',
      '  url:https://example.org/a',
      '    https://example.org/b',
      '    e.g.:x',
      '  weight: heavy',
      '  quote: "as the',
      '    source:x said"',
      '  confidence:high',
      '  file://x',
    ].join('\n');
    const tokens = tokenize(block);
    const named = (line: number) => tokens.some((t) => t.line === line && t.scopes.some((s) => s.startsWith('support.type.property-name')));
    const parsed = new Set(parseDocument('tm.kent', block).items[0].attributes.map((a) => block.slice(0, a.start).split('\n').length - 1));
    assert.deepEqual([...parsed], [2, 3, 4, 7, 8, 10, 11]);
    assert.deepEqual(block.split('\n').map((_, line) => named(line)), block.split('\n').map((_, line) => parsed.has(line)));
    assertScope(scopesOf('likely', block, 2), 'constant.language.estimative');
    assertScope(scopesOf('high', block, 10), 'constant.language.confidence');
    assertScope(scopesOf('    source:x said', block, 9), 'string.quoted.double');
  });

  test('the names that open attribute lines are the language\'s', () => {
    const raw = JSON.parse(fs.readFileSync(grammarPath, 'utf8')) as { repository: { attributes: { begin: string } } };
    const names = /\(\?:([a-z|-]+)\)/.exec(raw.repository.attributes.begin)![1].split('|');
    assert.deepEqual(names.sort(), [...KNOWN_ATTRIBUTES].sort());
  });
});
