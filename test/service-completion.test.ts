// Completion contexts (server/src/core/service/completion.ts): each fixture marks the cursor with `$0`.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Workspace } from '../server/src/core/workspace';
import { completions, type CompletionEntry, type CompletionOptions } from '../server/src/core/service/completion';
import { CODES } from '../server/src/core/types';
import { loadFixture } from './harness';

const BETA = `assessment beta: Beta assessment

judgment KJ1: Russia would not intervene.
  likelihood: unlikely

claim C9: Something said in Beta.
`;
const BIB = `@book{zhao-2021, title = {China and Russia}, author = {Zhao, H.}, year = {2021}, reliability = {C}}\n`;

/** The main fixture; `{{KJ1}}` is replaced by the attribute lines of KJ1 under test. */
const ALPHA = `assessment alpha: Alpha — Zhao’s «view»
  bibliography: refs.bib

# Key judgments

judgment KJ1: Russia would probably avoid war.
{{KJ1}}

claim C1: Ports are at risk.
  because: @iiss

assumption A1: The war continues.

evidence E1: Experts expect no role.
  source: iiss

source iiss: The Military Balance
  reliability: B
`;

function setup(text: string, scale?: 'phia', options?: CompletionOptions): { list: CompletionEntry[]; text: string } {
  const files: Record<string, string> = { 'refs.bib': BIB };
  const ws = new Workspace({ readFile: (p) => (p in files ? { ok: true, text: files[p] } : { ok: false, reason: 'missing' }) });
  if (scale) ws.config.scale = scale;
  ws.setDocument('b.kent', BETA);
  const offset = text.indexOf('$0');
  assert.ok(offset >= 0, 'fixture has a $0 cursor');
  const clean = text.replace('$0', '');
  const doc = ws.setDocument('a.kent', clean);
  return { list: completions(ws, doc, offset, undefined, options), text: clean };
}

const alpha = (kj1: string) => ALPHA.replace('{{KJ1}}', kj1);
const SUPPORT = ['A1', 'E1', 'beta/', '@iiss', '@zhao-2021'];
const RELATED = ['C1', 'beta/KJ1', 'beta/C9'];

interface Case {
  name: string;
  text: string;
  labels: string[];
  /** The text the completion replaces (the same for every entry): its token, what follows the cursor included. */
  replaced?: string;
  /** The text it replaces when inserted at the cursor, where that differs from `replaced`: text after the cursor is kept… */
  inserted?: string;
  /** …except by these entries, whose rest it is: they replace the whole token. */
  whole?: string[];
  scale?: 'phia';
  /** label → expected detail / insertText. */
  detail?: Record<string, string>;
  insert?: Record<string, string>;
}

const cases: Case[] = [
  { name: 'because: after a comma (self and listed refs left out)', text: alpha('  likelihood: likely\n  because: C1, $0'), labels: SUPPORT, replaced: '' },
  {
    name: 'because: after the colon',
    text: alpha('  likelihood: likely\n  because: $0'),
    labels: ['C1', ...SUPPORT],
    replaced: '',
    detail: { C1: 'claim: Ports are at risk.', 'beta/': 'Beta assessment', '@iiss': 'The Military Balance · reliability B (usually reliable)', '@zhao-2021': 'China and Russia · reliability C (fairly reliable)' },
  },
  { name: 'against: a partial ID', text: alpha('  likelihood: likely\n  against: C$0'), labels: ['C1', ...SUPPORT], replaced: 'C' },
  { name: 'because: a partial ID before another ref', text: alpha('  because: E$0, C1'), labels: SUPPORT, replaced: 'E' },
  { name: 'because: after doc/ → that document’s items', text: alpha('  because: beta/K$0'), labels: ['beta/KJ1', 'beta/C9'], replaced: 'beta/K' },
  { name: 'because: @ → keys', text: alpha('  because: C1, @z$0'), labels: ['@iiss', '@zhao-2021'], replaced: '@z' },
  { name: 'because: continued on the next line after a comma', text: alpha('  because: C1,\n    $0'), labels: SUPPORT, replaced: '' },
  { name: 'because: inside a citation’s locator → nothing', text: alpha('  because: [@iiss, p$0'), labels: [] },
  { name: 'because: [ → keys with their @', text: alpha('  because: C1, [$0'), labels: ['@iiss', '@zhao-2021'], replaced: '' },
  { name: '[ in prose → keys with their @', text: alpha('  likelihood: likely').replace('# Key judgments', '# Key judgments\n\nAs reported [$0]'), labels: ['@iiss', '@zhao-2021'], replaced: '' },
  { name: 'no keys after an escaped \\[ or in a code span', text: alpha('  likelihood: likely').replace('# Key judgments', '# Key judgments\n\nSee \\[$0 and `[`'), labels: [] },
  { name: 'no item links after [[ in a value that takes no refs (url:)', text: alpha('  likelihood: likely').replace('  source: iiss', '  source: iiss\n  url: https://x.org/[[$0'), labels: [] },
  { name: 'no keys after [ in a url:', text: alpha('  likelihood: likely').replace('  source: iiss', '  source: iiss\n  url: https://x.org/[$0'), labels: [] },
  { name: 'no keys after [ or @ on a quote’s next line (its `[...]` gaps, a handle)', text: alpha('  likelihood: likely').replace('  source: iiss', '  source: iiss\n  quote: "the ports\n    [$0'), labels: [] },
  { name: 'no keys after @ on a quote’s next line', text: alpha('  likelihood: likely').replace('  source: iiss', '  source: iiss\n  quote: "the ports, said\n    @$0'), labels: [] },
  { name: 'no keys after [ in a value that takes no citation (same-as:): its own refs, as before the [', text: alpha('  same-as: [$0'), labels: RELATED, replaced: '' },
  { name: 'no keys after [ in a value that takes no citation (assumes:): its own refs, as before the [', text: alpha('  assumes: [$0'), labels: ['A1'], replaced: '' },
  { name: 'because: continued on the next line, [ → keys', text: alpha('  because: C1,\n    [$0'), labels: ['@iiss', '@zhao-2021'], replaced: '' },
  { name: 'no keys after [ in a code span that runs over lines', text: alpha('  likelihood: likely').replace('# Key judgments', '# Key judgments\n\nSee `the\ncode [$0 here` then'), labels: [] },
  { name: 'a [ after a code span over lines closed → keys', text: alpha('  likelihood: likely').replace('# Key judgments', '# Key judgments\n\nSee `the\ncode` [$0 then'), labels: ['@iiss', '@zhao-2021'], replaced: '' },
  { name: 'assumes: assumption IDs', text: alpha('  assumes: $0'), labels: ['A1'], replaced: '' },
  { name: 'same-as: judgments and claims, with doc/ID', text: alpha('  same-as: $0'), labels: RELATED, replaced: '' },
  { name: 'negates', text: alpha('  negates: b$0'), labels: RELATED, replaced: 'b' },
  { name: 'contradicts', text: alpha('  contradicts: $0'), labels: RELATED, replaced: '' },
  { name: 'revises', text: alpha('  revises: $0'), labels: RELATED, replaced: '' },
  { name: 'supersedes: other assessments', text: ALPHA.replace('  bibliography: refs.bib', '  bibliography: refs.bib\n  supersedes: $0').replace('{{KJ1}}', '  likelihood: likely'), labels: ['beta'], replaced: '' },
  { name: '@ in a statement', text: alpha('  likelihood: likely').replace('avoid war.', 'avoid war @ii$0.'), labels: ['@iiss', '@zhao-2021'], replaced: '@ii' },
  { name: '[@ in prose', text: alpha('  likelihood: likely').replace('# Key judgments', '# Key judgments\n\nAs reported [@$0]'), labels: ['@iiss', '@zhao-2021'], replaced: '@' },
  { name: '[-@ in prose', text: alpha('  likelihood: likely').replace('# Key judgments', '# Key judgments\n\nAs reported [-@zh$0'), labels: ['@iiss', '@zhao-2021'], replaced: '@zh' },
  { name: '[@ before a word: the word is kept', text: alpha('  likelihood: likely').replace('# Key judgments', '# Key judgments\n\nAs reported [@$0foo'), labels: ['@iiss', '@zhao-2021'], replaced: '@foo', inserted: '@' },
  { name: '[@ after a word, before more text', text: alpha('  likelihood: likely').replace('# Key judgments', '# Key judgments\n\nAs reported[@$0more text'), labels: ['@iiss', '@zhao-2021'], replaced: '@more', inserted: '@' },
  { name: '[@ inside a key: the rest is replaced by the key it ends', text: alpha('  likelihood: likely').replace('# Key judgments', '# Key judgments\n\nAs reported [@zh$0ao-2021, p. 2]'), labels: ['@iiss', '@zhao-2021'], replaced: '@zhao-2021', inserted: '@zh', whole: ['@zhao-2021'] },
  { name: '@ in a statement before a word', text: alpha('  likelihood: likely').replace('avoid war.', 'avoid war @$0ports.'), labels: ['@iiss', '@zhao-2021'], replaced: '@ports', inserted: '@' },
  { name: 'because: @ before a key', text: alpha('  because: E1, @$0iiss'), labels: ['@iiss', '@zhao-2021'], replaced: '@iiss', inserted: '@', whole: ['@iiss'] },
  { name: 'because: before a ref', text: alpha('  because: $0C1'), labels: ['C1', ...SUPPORT], replaced: 'C1', inserted: '', whole: ['C1'] },
  { name: 'same-as: before a ref', text: alpha('  same-as: $0beta/C9'), labels: ['C1', 'beta/KJ1', 'beta/C9'], replaced: 'beta/C9', inserted: '', whole: ['beta/C9'] },
  { name: '[[ before an ID', text: alpha('  likelihood: likely').replace('# Key judgments', '# Key judgments\n\nSee [[$0KJ1]]'), labels: ['KJ1', 'C1', 'A1', 'E1', 'iiss', 'beta/'], replaced: 'KJ1', inserted: '', whole: ['KJ1'] },
  { name: 'source: before a key', text: alpha('  likelihood: likely').replace('  source: iiss', '  source: $0iiss'), labels: ['iiss', 'zhao-2021'], replaced: 'iiss', inserted: '', whole: ['iiss'] },
  {
    name: 'likelihood: before a term, kept unless the term ends it',
    text: alpha('  likelihood: $0likely'),
    // KJ1 says "probably": its term comes first.
    labels: ['likely', 'almost no chance', 'very unlikely', 'unlikely', 'roughly even chance', 'very likely', 'almost certain', '70%'],
    replaced: 'likely',
    inserted: '',
    whole: ['very unlikely', 'unlikely', 'likely', 'very likely'],
  },
  { name: 'resolved: the word, not the date after it', text: alpha('  resolved: $0false 2025-01'), labels: ['true', 'false'], replaced: 'false', inserted: '', whole: ['false'] },
  { name: 'resolved: nothing in the date', text: alpha('  resolved: true 20$0'), labels: [] },
  { name: 'an e-mail address is not a key', text: alpha('  likelihood: likely').replace('# Key judgments', '# Key judgments\n\nWrite to me@ex$0'), labels: [] },
  { name: '[[ in a statement: not the item being written', text: alpha('  likelihood: likely').replace('avoid war.', 'avoid war [[$0'), labels: ['C1', 'A1', 'E1', 'iiss', 'beta/'], replaced: '' },
  { name: '[[ on a statement’s continuation line: not the item being written', text: alpha('  likelihood: likely').replace('avoid war.', 'avoid war,\n    as [[K$0 says.'), labels: ['C1', 'A1', 'E1', 'iiss', 'beta/'], replaced: 'K' },
  { name: '[[doc/ in a statement naming its own document: not the item being written', text: alpha('  likelihood: likely').replace('avoid war.', 'avoid war [[alpha/$0'), labels: ['alpha/C1', 'alpha/A1', 'alpha/E1', 'alpha/iiss'], replaced: 'alpha/' },
  { name: '[[ in another block’s statement offers the item', text: alpha('  likelihood: likely').replace('Ports are at risk.', 'Ports are at risk [[$0'), labels: ['KJ1', 'A1', 'E1', 'iiss', 'beta/'], replaced: '' },
  { name: 'same-as: doc/ naming its own document leaves the item out', text: alpha('  same-as: alpha/$0'), labels: ['alpha/C1'], replaced: 'alpha/' },
  { name: '[[ in prose → IDs', text: alpha('  likelihood: likely').replace('# Key judgments', '# Key judgments\n\nSee [[$0]]'), labels: ['KJ1', 'C1', 'A1', 'E1', 'iiss', 'beta/'], replaced: '' },
  { name: 'no IDs after an escaped \\[[ (text, not a link)', text: alpha('  likelihood: likely').replace('# Key judgments', '# Key judgments\n\nSee \\[[$0'), labels: [] },
  { name: 'no IDs after [[ in a code span', text: alpha('  likelihood: likely').replace('# Key judgments', '# Key judgments\n\nSee `[[$0C1]]` in code'), labels: [] },
  { name: 'no keys after [@ in a code span', text: alpha('  likelihood: likely').replace('# Key judgments', '# Key judgments\n\nSee `[@i$0]` in code'), labels: [] },
  { name: '[[doc/ in prose', text: alpha('  likelihood: likely').replace('# Key judgments', '# Key judgments\n\nSee [[beta/$0]]'), labels: ['beta/KJ1', 'beta/C9'], replaced: 'beta/' },
  { name: 'source: keys without @', text: alpha('  likelihood: likely').replace('  source: iiss', '  source: $0'), labels: ['iiss', 'zhao-2021'], replaced: '' },
  { name: 'source: a typed @key', text: alpha('  likelihood: likely').replace('  source: iiss', '  source: @i$0'), labels: ['@iiss', '@zhao-2021'], replaced: '@i' },
  {
    name: 'attribute names at an indented line start (present ones left out)',
    text: alpha('  likelihood: likely\n  because: C1\n  $0'),
    labels: ['confidence', 'against', 'assumes', 'same-as', 'negates', 'contradicts', 'revises', 'resolved'],
    replaced: '',
    insert: { confidence: 'confidence: ', resolved: 'resolved: ' },
  },
  { name: 'attribute names: a partial name', text: alpha('  likelihood: likely\n  con$0'), labels: ['confidence', 'because', 'against', 'assumes', 'same-as', 'negates', 'contradicts', 'revises', 'resolved'], replaced: 'con' },
  {
    name: 'attribute names: before an existing colon (the rest of the name kept, but by that name)',
    text: alpha('  likelihood: likely\n  bec$0ause: C1'),
    labels: ['confidence', 'because', 'against', 'assumes', 'same-as', 'negates', 'contradicts', 'revises', 'resolved'],
    replaced: 'because',
    inserted: 'bec',
    whole: ['because'],
    insert: { because: 'because' },
  },
  { name: 'attribute names: assessment (bibliography repeatable)', text: alpha('  likelihood: likely').replace('  bibliography: refs.bib', '  bibliography: refs.bib\n  $0'), labels: ['date', 'author', 'bibliography', 'status', 'supersedes'], replaced: '' },
  { name: 'attribute names: evidence', text: alpha('').replace('  source: iiss', '  source: iiss\n  $0'), labels: ['quote', 'locator', 'credibility', 'date'], replaced: '' },
  { name: 'no attribute names in indented prose', text: alpha('').replace('# Key judgments', '# Key judgments\n\n  $0'), labels: [] },
  {
    name: 'likelihood: the scale’s terms and the percentage form',
    text: alpha('  likelihood: $0'),
    labels: ['likely', 'almost no chance', 'very unlikely', 'unlikely', 'roughly even chance', 'very likely', 'almost certain', '70%'],
    replaced: '',
    detail: { likely: '55–80% · the statement says "probably"', 'almost no chance': '1–5%', '70%': 'a percentage, or a range: 60-75%' },
  },
  { name: 'likelihood: a multi-word term is replaced whole', text: alpha('  likelihood: very li$0'), labels: ['likely', 'almost no chance', 'very unlikely', 'unlikely', 'roughly even chance', 'very likely', 'almost certain', '70%'], replaced: 'very li' },
  {
    name: 'likelihood: PHIA scale',
    text: alpha('  likelihood: $0'),
    scale: 'phia',
    labels: ['likely', 'remote chance', 'highly unlikely', 'unlikely', 'realistic possibility', 'highly likely', 'almost certain', '70%'],
    replaced: '',
    detail: { likely: '55–75% · the statement says "probably"', 'remote chance': '≤5%', 'almost certain': '≥95%' },
  },
  { name: 'confidence', text: alpha('  confidence: m$0'), labels: ['low', 'moderate', 'high'], replaced: 'm', detail: { moderate: 'credibly sourced and plausible, but not corroborated enough for high confidence' } },
  { name: 'reliability', text: alpha('').replace('  reliability: B', '  reliability: $0'), labels: ['A', 'B', 'C', 'D', 'E', 'F'], replaced: '', detail: { B: 'usually reliable', F: 'reliability cannot be judged' } },
  { name: 'credibility', text: alpha('').replace('  source: iiss', '  source: iiss\n  credibility: $0'), labels: ['1', '2', '3', '4', '5', '6'], replaced: '', detail: { '2': 'probably true' } },
  { name: 'status', text: alpha('').replace('  bibliography: refs.bib', '  status: d$0'), labels: ['draft', 'final'], replaced: 'd' },
  { name: 'resolved', text: alpha('  resolved: $0'), labels: ['true', 'false'], replaced: '' },
  { name: 'url: no key completion after @', text: alpha('').replace('  reliability: B', '  url: https://x.org/@i$0'), labels: [] },
  {
    name: 'block keywords on an empty line, with the next free IDs',
    text: alpha('  likelihood: likely') + '\n$0',
    labels: ['judgment', 'claim', 'assumption', 'evidence', 'source'],
    replaced: '',
    insert: { judgment: 'judgment KJ2: ', claim: 'claim C2: ', assumption: 'assumption A2: ', evidence: 'evidence E2: ', source: 'source S1: ' },
  },
  { name: 'block keywords on a partial word', text: alpha('  likelihood: likely') + '\ncl$0', labels: ['judgment', 'claim', 'assumption', 'evidence', 'source'], replaced: 'cl' },
  {
    name: 'block keywords: next ID after the highest number of the most used prefix',
    text: 'assessment x: X\n\njudgment KJ3: A.\n\njudgment KJ1: B.\n\nclaim Q7: C.\n\n$0',
    labels: ['judgment', 'claim', 'assumption', 'evidence', 'source'],
    insert: { judgment: 'judgment KJ4: ', claim: 'claim Q8: ' },
  },
  { name: 'block keywords in an empty document offer the assessment', text: '$0', labels: ['assessment', 'judgment', 'claim', 'assumption', 'evidence', 'source'], replaced: '', insert: { assessment: 'assessment a: ', judgment: 'judgment KJ1: ' } },
  { name: 'no keywords for a capitalised word: prose (Enter would have made "Evidence" a block)', text: alpha('  likelihood: likely') + '\nEvidence$0', labels: [] },
  { name: 'no keywords inside a prose line', text: alpha('  likelihood: likely').replace('# Key judgments', '# Key judgments\n\nRussia ben$0'), labels: [] },
  { name: 'nothing on a comment line', text: alpha('  // because: $0'), labels: [] },
];

for (const c of cases) {
  test(`completion: ${c.name}`, () => {
    const { list, text } = setup(c.text, c.scale);
    assert.deepEqual(
      list.map((e) => e.label),
      c.labels,
    );
    if (c.replaced !== undefined) {
      for (const e of list) {
        assert.equal(text.slice(e.replace.start, e.replace.end), c.replaced, `replace span of ${e.label}`);
        assert.equal(text.slice(e.insert.start, e.insert.end), c.whole?.includes(e.label) ? c.replaced : (c.inserted ?? c.replaced), `insert span of ${e.label}`);
      }
    }
    for (const [label, detail] of Object.entries(c.detail ?? {})) assert.equal(list.find((e) => e.label === label)?.detail, detail, `detail of ${label}`);
    for (const [label, insert] of Object.entries(c.insert ?? {})) assert.equal(list.find((e) => e.label === label)?.insertText, insert, `insertText of ${label}`);
    assert.deepEqual(
      list.map((e) => e.sortText),
      list.map((_, i) => String(i).padStart(4, '0')),
    );
  });
}

test('completion: likelihood offers first, preselected, the term the statement already says; a statement with no estimative word keeps the scale order', () => {
  const { list } = setup(alpha('  likelihood: $0'));
  assert.deepEqual(list.slice(0, 2).map((e) => [e.label, e.preselect]), [['likely', true], ['almost no chance', undefined]]);
  assert.equal(list[0].detail, '55–80% · the statement says "probably"');
  assert.equal(list.filter((e) => e.preselect).length, 1);
  const phia = setup(alpha('  likelihood: $0').replace('would probably avoid', 'would almost certainly avoid'), 'phia').list;
  assert.deepEqual([phia[0].label, phia[0].preselect], ['almost certain', true]);
  const plain = setup(alpha('  likelihood: likely').replace('  because: @iiss', '  likelihood: $0\n  because: @iiss')).list;
  assert.deepEqual(plain.map((e) => e.label), ['almost no chance', 'very unlikely', 'unlikely', 'roughly even chance', 'likely', 'very likely', 'almost certain', '70%']);
  assert.ok(plain.every((e) => e.preselect === undefined));
});

test('completion: after a block keyword at column 0, the next free ID with its colon (the file name for the assessment)', () => {
  const at = (line: string) => {
    const { list, text } = setup(alpha('  likelihood: likely').replace('# Key judgments', `# Key judgments\n\n${line}`));
    return list.map((e) => [e.label, e.insertText, text.slice(e.replace.start, e.replace.end)]);
  };
  assert.deepEqual(at('judgment $0'), [['KJ2', 'KJ2: ', '']]);
  assert.deepEqual(at('claim C$0'), [['C2', 'C2: ', 'C']]);
  assert.deepEqual(at('evidence $0: Satellite images.'), [['E2', 'E2', '']]);
  assert.deepEqual(at('source $0'), [['S1', 'S1: ', '']]);
  const fresh = setup('assessment $0').list;
  assert.deepEqual(fresh.map((e) => [e.label, e.insertText]), [['a', 'a: ']]);
  assert.deepEqual(at('assessment $0'), [], 'the document has its assessment');
  // Not after the colon, not in prose that starts with another word.
  assert.deepEqual(at('judgment KJ2: $0'), []);
  assert.deepEqual(at('judgments $0'), []);
});

test('completion: a word at column 0 right under a block offers its attributes first, indented as the block’s, then the block keywords', () => {
  const { list, text } = setup(alpha('    likelihood: likely\nco$0'));
  const labels = list.map((e) => e.label);
  assert.deepEqual(labels.slice(0, 3), ['confidence', 'because', 'against']);
  assert.ok(!labels.includes('likelihood'), 'an attribute the block has is not offered again');
  assert.deepEqual(labels.slice(-5), ['judgment', 'claim', 'assumption', 'evidence', 'source']);
  const confidence = list.find((e) => e.label === 'confidence')!;
  assert.equal(confidence.insertText, '    confidence: ');
  assert.equal(text.slice(confidence.replace.start, confidence.replace.end), 'co');
  // A header alone: two spaces. After a blank line or prose: keywords only.
  assert.equal(setup(alpha('co$0')).list[0].insertText, '  likelihood: ');
  assert.deepEqual(setup(alpha('  likelihood: likely') + '\nco$0').list.map((e) => e.label), ['judgment', 'claim', 'assumption', 'evidence', 'source']);
  assert.deepEqual(setup(alpha('  likelihood: likely').replace('# Key judgments', '# Key judgments\nAs argued.\nco$0')).list.map((e) => e.label), ['judgment', 'claim', 'assumption', 'evidence', 'source']);
});

test('completion: source keys of this document and its bibliography come before other documents’ source blocks; a key also in the bibliography ranks with it, described by the block it resolves to', () => {
  const files: Record<string, string> = { 'refs.bib': `${BIB}@book{aaa-shared, title = {Shared in bib}}\n` };
  const ws = new Workspace({ readFile: (p) => (p in files ? { ok: true, text: files[p] } : { ok: false, reason: 'missing' }) });
  ws.setDocument('b.kent', 'assessment beta: B\n\nsource aaa-other: Elsewhere\n  reliability: C\n\nsource aaa-shared: Shared block\n  reliability: A\n');
  const text = 'assessment alpha: A\n  bibliography: refs.bib\n\nclaim C1: X holds [@$0].\n\nsource own: Own\n  reliability: B\n';
  const doc = ws.setDocument('a.kent', text.replace('$0', ''));
  const list = completions(ws, doc, text.indexOf('$0'));
  assert.deepEqual(list.map((e) => e.label), ['@own', '@aaa-shared', '@zhao-2021', '@aaa-other']);
  assert.equal(list.find((e) => e.label === '@aaa-shared')?.detail, 'Shared block · reliability A (completely reliable)');
});

test('completion: kinds of entries', () => {
  const { list } = setup(alpha('  likelihood: likely\n  because: $0'));
  assert.deepEqual(
    list.map((e) => e.kind),
    ['item', 'item', 'item', 'document', 'source', 'source'],
  );
});

test('completion: CRLF lines', () => {
  const { list, text } = setup(alpha('  likelihood: likely\n  confidence: hi$0').replace(/\n/g, '\r\n'));
  assert.deepEqual(
    list.map((e) => e.label),
    ['low', 'moderate', 'high'],
  );
  assert.equal(text.slice(list[0].replace.start, list[0].replace.end), 'hi');
});

test('completion: a likelihood term is found by its other words (prob → likely, through probably)', () => {
  const { list, text } = setup(alpha('  likelihood: prob$0'));
  // What an editor keeps as the analyst types: entries with a word of their filter text (else label) starting with what was typed.
  const typed = text.slice(list[0].insert.start, list[0].insert.end);
  assert.equal(typed, 'prob');
  const kept = list.filter((e) => (e.filterText ?? e.label).split(' ').some((w) => w.startsWith(typed)));
  assert.ok(kept.some((e) => e.label === 'likely'), kept.map((e) => e.label).join(', '));
  assert.match(list.find((e) => e.label === 'likely')!.filterText ?? '', /\bprobably\b/);
  // By their labels alone, nothing would be left.
  assert.deepEqual(list.filter((e) => e.label.split(' ').some((w) => w.startsWith(typed))).map((e) => e.label), []);
});

test('completion: a bibliography key Kent cannot cite (non-ASCII, &) is not offered: inserted, it was a syntax error', () => {
  const bib = '@book{Müller2020, title = {Umlaut}}\n@book{smith&jones, title = {Amp}}\n@Book{smith:2021, title = {Colon}}\n';
  const ws = new Workspace({ readFile: (p) => (p === 'refs.bib' ? { ok: true, text: bib } : { ok: false, reason: 'missing' }) });
  const text = 'assessment x: X\n  bibliography: refs.bib\n\nclaim C1: Y holds [@';
  const doc = ws.setDocument('x.kent', text + ']\n');
  assert.deepEqual(
    completions(ws, doc, text.length).map((e) => e.label),
    ['@smith:2021'],
  );
});

test('completion: an ID two items share (a duplicate-id error) is offered once, here and from another document', () => {
  const files: Record<string, string> = {};
  const ws = new Workspace({ readFile: (p) => (p in files ? { ok: true, text: files[p] } : { ok: false, reason: 'missing' }) });
  ws.setDocument('b.kent', 'assessment beta: Beta\n\nclaim K1: One.\n\nclaim K1: Two.\n');
  const here = 'assessment alpha: Alpha\n\nclaim C1: One.\n\nclaim C1: Again.\n\njudgment J: X.\n  negates: ';
  const doc = ws.setDocument('a.kent', here + '\n');
  assert.deepEqual(completions(ws, doc, here.length).map((e) => e.label), ['C1', 'beta/K1']);
  const prefixed = here + 'beta/';
  const doc2 = ws.setDocument('a.kent', prefixed + '\n');
  assert.deepEqual(completions(ws, doc2, prefixed.length).map((e) => e.label), ['beta/K1']);
});

// The block around the cursor is found from the lines next to it, not from every line of the text.
test('completion: the enclosing block, read around the cursor (comments, a byte order mark, CRLF, the last line)', () => {
  const ws = new Workspace({ readFile: () => ({ ok: false, reason: 'missing' }) });
  const labels = (text: string) => {
    const offset = text.indexOf('$0');
    const doc = ws.setDocument('x.kent', text.replace('$0', ''));
    return completions(ws, doc, offset).map((e) => e.label);
  };
  const judgment = ['likelihood', 'confidence', 'because', 'against', 'assumes', 'same-as', 'negates', 'contradicts', 'revises', 'resolved'];
  const without = (...present: string[]) => judgment.filter((n) => !present.includes(n));
  // Attributes above and below the cursor, past comment lines, are not offered again.
  const block = 'assessment x: X\n\njudgment KJ1: Y.\n  likelihood: likely\n  // note\n  $0\n  // more\n  confidence: high\n\nclaim C1: Z.\n  because: KJ1\n';
  assert.deepEqual(labels(block), without('likelihood', 'confidence'));
  assert.deepEqual(labels(block.replace(/\n/g, '\r\n')), without('likelihood', 'confidence'));
  // A blank line above ends the block: nothing is completed on the indented line.
  assert.deepEqual(labels('assessment x: X\n\njudgment KJ1: Y.\n\n  $0\n'), []);
  // The first line, after a byte order mark, is the header; the cursor on the last line, no newline after it.
  assert.deepEqual(labels('\uFEFFjudgment KJ1: Y.\n  confidence: low\n  $0'), without('confidence'));
  // A list continued over lines (the line above ends with a comma), in a block whose header is far above.
  const list = 'assessment x: X\n\nclaim C1: One.\n\nclaim C2: Two.\n\njudgment KJ1: Y.\n  because: C1,\n  // why\n  $0\n';
  assert.deepEqual(labels(list), ['C2']);
  assert.deepEqual(labels(list.replace(/\n/g, '\r\n')), ['C2']);
  // A header that is not a block (prose above an indented line): none.
  assert.deepEqual(labels('assessment x: X\n\nSome prose.\n  $0\n'), []);
});

// In a `kent-ignore` comment: the codes, those reported on its block (or, for
// `kent-ignore-file`, in the document) first, and none it already names.
const IGNORING = `assessment a: A

judgment KJ1: Prices may rise [[C9]].

claim C1: Ports are at risk.
  because: @s

source s: S
  reliability: B
`;

function ignoring(text: string): { list: CompletionEntry[]; labels: string[]; text: string } {
  const ws = new Workspace({ readFile: () => ({ ok: false, reason: 'missing' }) });
  ws.config.rules['missing-confidence'] = 'info';
  const offset = text.indexOf('$0');
  const clean = text.replace('$0', '');
  const list = completions(ws, ws.setDocument('a.kent', clean), offset);
  return { list, labels: list.map((e) => e.label), text: clean };
}

test('completion in kent-ignore: the codes reported on the next block first, most reported first, each with its severity and summary', () => {
  const { list, labels, text } = ignoring(IGNORING.replace('judgment KJ1', '// kent-ignore $0\njudgment KJ1'));
  // KJ1 has no likelihood, no confidence, no support, a hedge and a link to nothing.
  assert.deepEqual(labels.slice(0, 5).sort(), ['missing-confidence', 'missing-likelihood', 'unresolved-reference', 'unsupported-claim', 'vague-estimate']);
  assert.equal(labels.length, CODES.length, 'every code once');
  assert.deepEqual(new Set(labels).size, labels.length);
  const mc = list.find((e) => e.label === 'missing-confidence')!;
  assert.equal(mc.detail, '1 reported on judgment KJ1 now · info (by default: warning) · A judgment without a confidence level.');
  assert.equal(mc.documentation, 'A judgment without a confidence level.  \nSeverity: info (by default: warning)  \n1 reported on judgment KJ1 now.');
  assert.equal(list.find((e) => e.label === 'unused-source')!.detail, 'hint · A source nothing cites.');
  // The ranking is the order an editor shows.
  assert.deepEqual([...list].sort((a, b) => (a.sortText! < b.sortText! ? -1 : 1)).map((e) => e.label), labels);
  assert.equal(text.slice(list[0].replace.start, list[0].replace.end), '');
});

test('completion in kent-ignore: after a comma, a partial code is replaced and codes the comment names are left out', () => {
  const { list, labels, text } = ignoring(IGNORING.replace('judgment KJ1', '// kent-ignore vague-estimate, miss$0ing-x, unresolved-reference: why\njudgment KJ1'));
  assert.deepEqual(labels.slice(0, 3).sort(), ['missing-confidence', 'missing-likelihood', 'unsupported-claim']);
  for (const named of ['vague-estimate', 'unresolved-reference']) assert.ok(!labels.includes(named), named);
  assert.equal(text.slice(list[0].replace.start, list[0].replace.end), 'missing-x');
  // After the colon comes the reason, free text.
  assert.deepEqual(ignoring(IGNORING.replace('judgment KJ1', '// kent-ignore vague-estimate: so$0\njudgment KJ1')).labels, []);
  // Two words with no comma between are no code.
  assert.deepEqual(ignoring(IGNORING.replace('judgment KJ1', '// kent-ignore vague-estimate mi$0\njudgment KJ1')).labels, []);
});

test('completion in kent-ignore-file: the codes reported in the document first; a comment cut off from its block ranks none', () => {
  // @t names nothing, and s is cited no more: reported outside KJ1.
  const { list: file } = ignoring(`// kent-ignore-file $0\n${IGNORING.replace('because: @s', 'because: @t')}`);
  assert.equal(file[0].detail, '2 reported in this document now · error · A reference, @key or [[ID]] that names nothing.');
  assert.deepEqual(file.slice(1, 6).map((e) => e.label).sort(), ['missing-confidence', 'missing-likelihood', 'unsupported-claim', 'unused-source', 'vague-estimate']);
  // A blank line cancels the comment: nothing is reported on a block it applies to.
  const { list } = ignoring(IGNORING.replace('judgment KJ1', '// kent-ignore $0\n\njudgment KJ1'));
  assert.equal(list[0].label, 'syntax');
  assert.ok(list.every((e) => !e.detail!.includes('reported')));
});

test('completion: // kent- completes to kent-ignore and kent-ignore-file; another comment gets nothing', () => {
  const { list, text } = ignoring(IGNORING.replace('judgment KJ1', '// kent-$0\njudgment KJ1'));
  assert.deepEqual(list.map((e) => [e.label, e.insertText]), [['kent-ignore', 'kent-ignore '], ['kent-ignore-file', 'kent-ignore-file ']]);
  assert.equal(text.slice(list[0].replace.start, list[0].replace.end), 'kent-');
  assert.deepEqual(ignoring(IGNORING.replace('judgment KJ1', '// A note$0\njudgment KJ1')).labels, []);
  assert.deepEqual(ignoring(IGNORING.replace('judgment KJ1', '// kent-ignore-file$0\njudgment KJ1')).labels, []);
});

// ---------------------------------------------------------------------------------------------
// Paths: `file:` and `bibliography:`

/** Completion at the fixture's `$0`, with the host that served it. */
function pathsAt(fixture: string): { list: CompletionEntry[]; text: string; fw: ReturnType<typeof loadFixture> } {
  const fw = loadFixture(fixture);
  const cursor = fw.fixture.cursor!;
  const doc = fw.ws.getDocument(cursor.path)!;
  return { list: completions(fw.ws, doc, cursor.offset), text: doc.text, fw };
}

const PATHS = `
  //- /notes/a.kent
  assessment a: A
    bibliography: $0

  //- /notes/refs.bib
  @misc{k, title = {T}}
  //- /notes/refs.json
  []
  //- /notes/README.txt
  read me
  //- /notes/sources/iiss.txt
  text
  //- /notes/.hidden.bib
  @misc{h, title = {H}}
  //- /notes/node_modules/x.bib
  @misc{x, title = {X}}
  //- /top.txt
  top
`;

test('completion of a bibliography: path: the document folder\'s folders, then .bib/.json files, then the rest; hidden files and node_modules left out', () => {
  const { list } = pathsAt(PATHS);
  assert.deepEqual(list.map((e) => e.label), ['sources/', 'refs.bib', 'refs.json', 'README.txt']);
  assert.deepEqual(list.map((e) => e.kind), ['folder', 'file', 'file', 'file']);
  assert.equal(list[0].retrigger, true, 'a folder asks for its entries next');
  assert.equal(list[1].retrigger, undefined);
  assert.match(list[3].detail ?? '', /not a bibliography/);
});

test('completion of a file: path: the folder typed so far, relative to the document; the segment typed is what is replaced', () => {
  const { list, text } = pathsAt(PATHS.replace('bibliography: $0', 'bibliography: refs.bib\n\n  source s: S\n    file: sources/ii$0x'));
  assert.deepEqual(list.map((e) => e.label), ['iiss.txt']);
  assert.equal(text.slice(list[0].replace.start, list[0].replace.end), 'iix');
  assert.equal(text.slice(list[0].insert.start, list[0].insert.end), 'ii', 'text after the cursor that is not the rest of the name stays');
  // `..` up to the root, which is inside; beyond it, nothing.
  assert.deepEqual(pathsAt(PATHS.replace('bibliography: $0', 'bibliography: ../$0')).list.map((e) => e.label), ['notes/', 'top.txt']);
  for (const out of ['../../', '../../../etc/', '/etc/', '~/', 'C:\\\\']) assert.deepEqual(pathsAt(PATHS.replace('bibliography: $0', `bibliography: ${out}$0`)).list, [], out);
  // Typed into a hidden folder or node_modules: nothing offered from it.
  for (const hidden of ['node_modules/', '.git/']) assert.deepEqual(pathsAt(PATHS.replace('bibliography: $0', `bibliography: ${hidden}$0`)).list, [], hidden);
});

test('path completion lists a folder once, and again after a file event in it (a file created, a folder made for one)', () => {
  const { fw } = pathsAt(PATHS);
  const doc = fw.ws.getDocument('notes/a.kent')!;
  const offset = doc.text.indexOf('bibliography: ') + 'bibliography: '.length;
  const labels = () => completions(fw.ws, fw.ws.getDocument('notes/a.kent')!, offset).map((e) => e.label);
  labels();
  labels();
  assert.equal(fw.host.listings.filter((p) => p === 'notes').length, 1, 'listed once across requests');
  fw.host.files.set('notes/more.bib', '');
  assert.ok(!labels().includes('more.bib'), 'until an event says so, the listing stands');
  fw.ws.fileChanged('notes/more.bib');
  assert.ok(labels().includes('more.bib'));
  fw.host.files.set('notes/new/deep/x.bib', '');
  fw.ws.fileChanged('notes/new/deep/x.bib');
  assert.ok(labels().includes('new/'), 'a folder made with the file shows in the folders above');
  // A document new on disk (told by its own event, not as a file) lists in its folder too, and goes with it.
  fw.host.files.set('notes/drafts/b.kent', '');
  fw.ws.setDocument('notes/drafts/b.kent', 'assessment b: B\n');
  assert.ok(labels().includes('drafts/'));
  fw.host.files.delete('notes/drafts/b.kent');
  fw.ws.removeDocument('notes/drafts/b.kent');
  assert.ok(!labels().includes('drafts/'));
});

const SNIPPETS: CompletionOptions = { snippets: true, today: '2026-11-30' };
const template = (list: CompletionEntry[], label: string) => list.find((e) => e.label === label && e.snippet)?.insertText;

test('completion: with snippet support, a block keyword where a block starts inserts its template, with the next free ID and this month', () => {
  const { list, text } = setup(alpha('  likelihood: likely') + '\nju$0', undefined, SNIPPETS);
  assert.deepEqual(list.map((e) => [e.label, e.snippet]), ['judgment', 'claim', 'assumption', 'evidence', 'source'].map((k) => [k, true]));
  assert.ok(list.every((e) => text.slice(e.replace.start, e.replace.end) === 'ju'));
  assert.equal(
    template(list, 'judgment'),
    'judgment ${1:KJ2}: ${2:Statement}\n  likelihood: ${3|almost no chance,very unlikely,unlikely,roughly even chance,likely,very likely,almost certain|}\n  confidence: ${4|low,moderate,high|}\n  because: ${5:C1}\n$0',
  );
  assert.equal(template(list, 'claim'), 'claim ${1:C2}: ${2:Statement}\n  because: ${3:E1}\n$0');
  assert.equal(template(list, 'assumption'), 'assumption ${1:A2}: ${2:Statement}\n  confidence: ${3|low,moderate,high|}\n$0');
  assert.equal(
    template(list, 'evidence'),
    'evidence ${1:E2}: ${2:What the source shows}\n  source: @${3:key}\n  locator: ${4:p. 1}\n  quote: "${5:exact words from the source}"\n  credibility: ${6|1,2,3,4,5,6|}\n$0',
  );
  assert.equal(
    template(list, 'source'),
    'source ${1:S1}: ${2:Title}\n  author: ${3:Author}\n  date: ${4:2026-11}\n  reliability: ${5|A,B,C,D,E,F|}\n  url: ${6:https://}\n  file: ${7:sources/$1.txt}\n$0',
  );
});

test('completion: the assessment template is named after the file; without a date from the caller its date is a placeholder', () => {
  assert.equal(template(setup('$0', undefined, SNIPPETS).list, 'assessment'), 'assessment ${1:a}: ${2:Title}\n  date: ${3:2026-11}\n  author: ${4:Author}\n  bibliography: ${5:refs.bib}\n\n$0');
  assert.match(template(setup('$0', undefined, { snippets: true }).list, 'assessment') ?? '', /date: \$\{3:YYYY-MM\}/);
});

test('completion: a judgment template offers the workspace scale’s terms: PHIA’s under PHIA', () => {
  const { list } = setup(alpha('  likelihood: likely') + '\n$0', 'phia', SNIPPETS);
  assert.match(template(list, 'judgment') ?? '', /likelihood: \$\{3\|remote chance,highly unlikely,unlikely,realistic possibility,likely,highly likely,almost certain\|\}/);
});

test('completion: no template away from where a block starts: under a block’s lines, at a value, in prose, in a comment', () => {
  // Right under a block its attributes come first; the keywords there insert only their header.
  const under = setup(alpha('  likelihood: likely') + 'cl$0', undefined, SNIPPETS).list;
  assert.deepEqual(under.slice(-5).map((e) => [e.label, e.insertText, e.snippet]), [
    ['judgment', 'judgment KJ2: ', undefined],
    ['claim', 'claim C2: ', undefined],
    ['assumption', 'assumption A2: ', undefined],
    ['evidence', 'evidence E2: ', undefined],
    ['source', 'source S1: ', undefined],
  ]);
  assert.ok(under.some((e) => e.kind === 'attribute'));
  for (const text of [
    alpha('  because: $0'),
    alpha('  likelihood: $0'),
    alpha('').replace('  reliability: B', '  reliability: B\n  file: $0'),
    alpha('  likelihood: likely').replace('# Key judgments', '# Key judgments\n\nRussia ben$0'),
    alpha('  likelihood: likely').replace('# Key judgments', '# Key judgments\n\nrussia ben$0'),
    alpha('  likelihood: likely').replace('# Key judgments', '# Key judgments\n\njudgment $0'),
    alpha('  // $0'),
  ]) {
    const list = setup(text, undefined, SNIPPETS).list;
    assert.ok(list.every((e) => !e.snippet && !e.insertText?.includes('${')), `${JSON.stringify(text.slice(text.indexOf('$0') - 20, text.indexOf('$0')))}: ${list.map((e) => e.label)}`);
  }
});

test('completion: without snippet support a block keyword inserts its header alone', () => {
  for (const options of [undefined, { today: '2026-11-30' }, { snippets: false, today: '2026-11-30' }]) {
    const { list } = setup(alpha('  likelihood: likely') + '\n$0', undefined, options);
    assert.deepEqual(list.map((e) => [e.insertText, e.snippet]), [['judgment KJ2: ', undefined], ['claim C2: ', undefined], ['assumption A2: ', undefined], ['evidence E2: ', undefined], ['source S1: ', undefined]]);
  }
});

test('a file event matters only for a file read or looked for, or a folder listed: any other is dropped, the workspace unchanged', () => {
  const { fw } = pathsAt(`${PATHS.replace('bibliography: $0', 'bibliography: refs.bib\n\n  source s: S\n    file: sources/$0')}  //- /notes/sources/old/a.pdf\n  %PDF\n`);
  const doc = fw.ws.getDocument('notes/a.kent')!;
  fw.ws.bibliography('notes/refs.bib');
  fw.ws.readFile('notes/gone.pdf'); // looked for, missing
  completions(fw.ws, doc, fw.fixture.cursor!.offset); // lists notes/sources
  const version = fw.ws.version;
  // Never read nor listed: a build's output, a file deep under a folder whose listing holds its folder.
  for (const path of ['build/out.js', 'top.txt', 'notes/sources/old/b.pdf']) assert.equal(fw.ws.fileChanged(path), false, path);
  assert.equal(fw.ws.version, version, 'nothing forgotten, nothing to check again');
  assert.ok(fw.ws.listed('notes/sources'));
  // A bibliography read, a file looked for, one in a folder listed, a folder holding a file read.
  for (const path of ['notes/refs.bib', 'notes/gone.pdf', 'notes/sources/new.pdf', 'notes']) {
    completions(fw.ws, doc, fw.fixture.cursor!.offset);
    fw.ws.bibliography('notes/refs.bib');
    assert.equal(fw.ws.fileChanged(path), true, path);
  }
  assert.ok(fw.ws.version > version);
  // A folder new to a listing further up (`mkdir -p`, told by the file alone) matters too.
  completions(fw.ws, doc, fw.fixture.cursor!.offset);
  assert.equal(fw.ws.fileChanged('notes/sources/new/deep/y.pdf'), true);
  assert.ok(!fw.ws.listed('notes/sources'));
});
