// Code actions (server/src/core/service/codeActions.ts): quick fixes from the checks' `fixes`,
// suppressions, refactors. `$0` marks the cursor (or `$0…$1` a selection); diagnostics come
// from the real checks. Each case gives the exact titles and, for some, the text after applying.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Workspace } from '../server/src/core/workspace';
import { checkDocument } from '../server/src/core/analyze';
import { codeActions, type CodeActionEntry, type TextEdit } from '../server/src/core/service/codeActions';
import type { KentDiagnostic } from '../server/src/core/types';

const DOC = `assessment alpha: Alpha

judgment KJ1: 🚀 Russia would Probably avoid war.
  likelihood: unlikely
  confidence: hihg
  because: E1

judgment KJ2: Russia may intervene «soon».
  because: E1

evidence E1: Experts expect no role.
  source: iiss

source iiss: The Military Balance
  reliability: B
`;

function run(text: string, eol: '\n' | '\r\n' = '\n') {
  const marked = text.replace(/\n/g, eol);
  const start = marked.indexOf('$0');
  assert.ok(start >= 0, 'fixture has a $0 cursor');
  const noStart = marked.replace('$0', '');
  const end = noStart.includes('$1') ? noStart.indexOf('$1') : start;
  const clean = noStart.replace('$1', '');
  const ws = new Workspace({ readFile: () => ({ ok: false, reason: 'missing' }) });
  const doc = ws.setDocument('a.kent', clean);
  const diagnostics = checkDocument(ws, doc);
  return { clean, actions: codeActions(ws, doc, { start, end }, diagnostics), ws, doc, diagnostics };
}

function apply(text: string, edits: TextEdit[]): string {
  for (const e of [...edits].sort((a, b) => b.span.start - a.span.start)) text = text.slice(0, e.span.start) + e.newText + text.slice(e.span.end);
  return text;
}

function action(actions: CodeActionEntry[], title: string): CodeActionEntry {
  const a = actions.find((x) => x.title === title);
  assert.ok(a, `no action "${title}" in ${JSON.stringify(actions.map((x) => x.title))}`);
  return a;
}

// "may" is a modal: only the terms with an adverb after "will" replace it ("will probably", "will likely"), not "unlikely".
const REPLACE_MAY = ['will probably', 'will likely', 'will very likely', 'will almost certainly'].map((t) => `Replace "may" with "${t}"`);

// A likelihood for each term of ICD 203, as a hedge ("may") most often means: nearest even odds first.
const ADD_NEAR_EVEN = [
  'roughly even chance (45–55%)',
  'unlikely (20–45%)',
  'likely (55–80%)',
  'very unlikely (5–20%)',
  'very likely (80–95%)',
  'almost no chance (1–5%)',
  'almost certain (95–99%)',
].map((t) => `Add \`likelihood: ${t.replace(' (', '` (')}`);

interface Case {
  name: string;
  text: string;
  eol?: '\n' | '\r\n';
  titles: string[];
  preferred?: string[];
  /** title → the whole document after applying it (written with \n; converted to the case's eol). */
  results?: Record<string, string>;
}

const cases: Case[] = [
  {
    name: 'invalid-value: the fix, suppress for the item, suppress in the file',
    text: DOC.replace('hihg', 'hi$0hg'),
    titles: ['Change to `high`', 'Suppress invalid-value for KJ1', 'Suppress invalid-value in this file'],
    preferred: ['Change to `high`'],
    results: {
      'Change to `high`': DOC.replace('hihg', 'high'),
      'Suppress invalid-value for KJ1': DOC.replace('judgment KJ1', '// kent-ignore invalid-value: reason\njudgment KJ1'),
      'Suppress invalid-value in this file': '// kent-ignore-file invalid-value: reason\n' + DOC,
    },
  },
  {
    name: 'estimative-mismatch: declare the word’s term, or change the word to the declared term’s adverb (case kept, after an astral character)',
    text: DOC.replace('Probably', 'Prob$0ably').replace('likelihood: unlikely', 'likelihood: almost certain'),
    titles: ['Declare `likelihood: likely`', "Change 'Probably' to 'Almost certainly'", 'Suppress estimative-mismatch for KJ1', 'Suppress estimative-mismatch in this file'],
    results: {
      "Change 'Probably' to 'Almost certainly'": DOC.replace('Probably', 'Almost certainly').replace('likelihood: unlikely', 'likelihood: almost certain'),
      'Declare `likelihood: likely`': DOC.replace('likelihood: unlikely', 'likelihood: likely'),
    },
  },
  {
    name: 'estimative-mismatch: an adverb is not changed into a term that has none ("would unlikely avoid" is not English)',
    text: DOC.replace('Probably', 'Prob$0ably'),
    titles: ['Declare `likelihood: likely`', 'Suppress estimative-mismatch for KJ1', 'Suppress estimative-mismatch in this file'],
  },
  {
    name: 'estimative-mismatch in a statement with two estimates: neither declaring the word nor changing it (that would change its clause)',
    text: DOC.replace('Russia would Probably avoid war.', 'Russia is unlikely to fight, and China is prob$0ably going to wait.'),
    titles: ['Suppress estimative-mismatch for KJ1', 'Suppress estimative-mismatch in this file'],
  },
  {
    name: 'estimative-mismatch: an adjective becomes the declared term',
    text: DOC.replace('Russia would Probably avoid war.', 'It is prob$0able that Russia avoids war.'),
    titles: ['Declare `likelihood: likely`', "Change 'probable' to 'unlikely'", 'Suppress estimative-mismatch for KJ1', 'Suppress estimative-mismatch in this file'],
    results: { "Change 'probable' to 'unlikely'": DOC.replace('Russia would Probably avoid war.', 'It is unlikely that Russia avoids war.') },
  },
  {
    name: 'estimative-mismatch with a percentage: no word change',
    text: DOC.replace('likelihood: unlikely', 'likelihood: 10%').replace('Probably', '$0Probably'),
    titles: ['Declare `likelihood: likely`', 'Suppress estimative-mismatch for KJ1', 'Suppress estimative-mismatch in this file'],
  },
  {
    name: 'vague-estimate: every fix it carries',
    text: DOC.replace('may', 'm$0ay'),
    titles: [...ADD_NEAR_EVEN, ...REPLACE_MAY, 'Suppress vague-estimate for KJ2', 'Suppress vague-estimate in this file'],
    preferred: [],
    results: {
      'Add `likelihood: roughly even chance` (45–55%)': DOC.replace('  because: E1\n\nevidence', '  because: E1\n  likelihood: roughly even chance\n\nevidence'),
      'Add `likelihood: almost certain` (95–99%)': DOC.replace('  because: E1\n\nevidence', '  because: E1\n  likelihood: almost certain\n\nevidence'),
      'Replace "may" with "will probably"': DOC.replace('may', 'will probably'),
      'Replace "may" with "will likely"': DOC.replace('may', 'will likely'),
      'Replace "may" with "will very likely"': DOC.replace('may', 'will very likely'),
    },
  },
  {
    name: 'two diagnostics at the cursor: fixes first, then one suppression per code',
    text: DOC.replace('KJ2:', 'KJ$02:'),
    titles: [
      ...ADD_NEAR_EVEN,
      'Add `confidence: low`',
      'Add `confidence: moderate`',
      'Add `confidence: high`',
      'Suppress missing-likelihood for KJ2',
      'Suppress missing-likelihood in this file',
      'Suppress missing-confidence for KJ2',
      'Suppress missing-confidence in this file',
    ],
    // Seven terms to choose from: none is preferred, as an editor may apply a preferred fix unasked.
    preferred: [],
  },
  {
    name: 'missing-likelihood on a statement that does not hedge: a term each, in the scale’s order',
    text: DOC.replace('KJ2: Russia may intervene', 'KJ$02: Russia will intervene').replace('  because: E1\n\nevidence', '  confidence: low\n  because: E1\n\nevidence'),
    titles: [
      'Add `likelihood: almost no chance` (1–5%)',
      'Add `likelihood: very unlikely` (5–20%)',
      'Add `likelihood: unlikely` (20–45%)',
      'Add `likelihood: roughly even chance` (45–55%)',
      'Add `likelihood: likely` (55–80%)',
      'Add `likelihood: very likely` (80–95%)',
      'Add `likelihood: almost certain` (95–99%)',
      'Suppress missing-likelihood for KJ2',
      'Suppress missing-likelihood in this file',
    ],
    preferred: [],
    results: {
      'Add `likelihood: likely` (55–80%)': DOC.replace('KJ2: Russia may intervene', 'KJ2: Russia will intervene').replace('  because: E1\n\nevidence', '  confidence: low\n  because: E1\n  likelihood: likely\n\nevidence'),
    },
  },
  {
    name: 'a selection covers every diagnostic it overlaps',
    text: DOC.replace('KJ2: Russia may', 'KJ2$0: Russia m$1ay'),
    titles: [
      ...ADD_NEAR_EVEN,
      'Add `confidence: low`',
      'Add `confidence: moderate`',
      'Add `confidence: high`',
      ...ADD_NEAR_EVEN,
      ...REPLACE_MAY,
      'Suppress missing-likelihood for KJ2',
      'Suppress missing-likelihood in this file',
      'Suppress missing-confidence for KJ2',
      'Suppress missing-confidence in this file',
      'Suppress vague-estimate for KJ2',
      'Suppress vague-estimate in this file',
    ],
  },
  {
    name: 'an existing kent-ignore line above the block gets the code appended',
    text: DOC.replace('judgment KJ2', '// kent-ignore missing-confidence: reviewed\njudgment KJ2').replace('KJ2:', '$0KJ2:'),
    titles: [...ADD_NEAR_EVEN, 'Suppress missing-likelihood for KJ2', 'Suppress missing-likelihood in this file'],
    results: {
      'Suppress missing-likelihood for KJ2': DOC.replace('judgment KJ2', '// kent-ignore missing-confidence, missing-likelihood: reviewed\njudgment KJ2'),
    },
  },
  {
    name: 'an existing kent-ignore-file line gets the code appended',
    text: '// kent-ignore-file unused-source: fine\n' + DOC.replace('hihg', '$0hihg'),
    titles: ['Change to `high`', 'Suppress invalid-value for KJ1', 'Suppress invalid-value in this file'],
    results: {
      'Suppress invalid-value in this file': '// kent-ignore-file unused-source, invalid-value: fine\n' + DOC,
    },
  },
  {
    name: 'a prose diagnostic: no block to suppress it for',
    text: DOC.replace('\njudgment KJ2', '\nSee [[C$08]].\n\njudgment KJ2'),
    titles: ['Create claim C8', 'Suppress unresolved-reference in this file'],
    results: {
      'Create claim C8': DOC.replace('\njudgment KJ2', '\nSee [[C8]].\n\njudgment KJ2') + '\nclaim C8: TODO\n',
    },
  },
  {
    name: 'a missing support ID is created as the kind its prefix names: evidence beside E1, an assumption by Kent’s A prefix',
    text: DOC.replace('  because: E1\n\njudgment KJ2', '  because: E1, E$04, A2\n\njudgment KJ2'),
    titles: ['Create evidence E4', 'Suppress unresolved-reference for KJ1', 'Suppress unresolved-reference in this file'],
    results: {
      'Create evidence E4': DOC.replace('  because: E1\n\njudgment KJ2', '  because: E1, E4, A2\n\njudgment KJ2') + '\nevidence E4: TODO\n',
    },
  },
  {
    name: 'an assumption ID in a link is created as an assumption; an ID with no known prefix stays a claim',
    text: DOC.replace('\njudgment KJ2', '\nSee [[A$07]] and [[Ports]].\n\njudgment KJ2'),
    titles: ['Create assumption A7', 'Suppress unresolved-reference in this file'],
    results: {
      'Create assumption A7': DOC.replace('\njudgment KJ2', '\nSee [[A7]] and [[Ports]].\n\njudgment KJ2') + '\nassumption A7: TODO\n',
    },
  },
  {
    name: 'refactor: declare the likelihood the statement implies, with the block’s indentation',
    text: DOC.replace('\njudgment KJ2', '\njudgment KJ3: Russia would almost certai$0nly not win.\n    confidence: low\n    because: E1\n\njudgment KJ2'),
    titles: ['Declare likelihood: almost certain'],
    results: {
      'Declare likelihood: almost certain': DOC.replace(
        '\njudgment KJ2',
        '\njudgment KJ3: Russia would almost certainly not win.\n    confidence: low\n    because: E1\n    likelihood: almost certain\n\njudgment KJ2',
      ),
    },
  },
  {
    name: 'CRLF: inserted lines keep CRLF',
    eol: '\r\n',
    text: DOC.replace('may', 'm$0ay'),
    titles: [...ADD_NEAR_EVEN, ...REPLACE_MAY, 'Suppress vague-estimate for KJ2', 'Suppress vague-estimate in this file'],
    results: {
      'Add `likelihood: unlikely` (20–45%)': DOC.replace('  because: E1\n\nevidence', '  because: E1\n  likelihood: unlikely\n\nevidence'),
      'Suppress vague-estimate for KJ2': DOC.replace('judgment KJ2', '// kent-ignore vague-estimate: reason\njudgment KJ2'),
      'Suppress vague-estimate in this file': '// kent-ignore-file vague-estimate: reason\n' + DOC,
    },
  },
  {
    name: 'CRLF: a refactor and a stub keep CRLF',
    eol: '\r\n',
    text: DOC.replace('\njudgment KJ2', '\njudgment KJ3: It will probably rain [[C$08]].\n  confidence: low\n\njudgment KJ2'),
    titles: ['Create claim C8', 'Suppress unresolved-reference for KJ3', 'Suppress unresolved-reference in this file', 'Declare likelihood: likely'],
    results: {
      'Declare likelihood: likely': DOC.replace('\njudgment KJ2', '\njudgment KJ3: It will probably rain [[C8]].\n  confidence: low\n  likelihood: likely\n\njudgment KJ2'),
      'Create claim C8': DOC.replace('\njudgment KJ2', '\njudgment KJ3: It will probably rain [[C8]].\n  confidence: low\n\njudgment KJ2') + '\nclaim C8: TODO\n',
    },
  },
];

for (const c of cases) {
  test(`code actions: ${c.name}`, () => {
    const eol = c.eol ?? '\n';
    const { clean, actions } = run(c.text, eol);
    assert.deepEqual(
      actions.map((a) => a.title),
      c.titles,
    );
    if (c.preferred) assert.deepEqual(actions.filter((a) => a.isPreferred).map((a) => a.title), c.preferred);
    for (const [title, expected] of Object.entries(c.results ?? {})) {
      assert.equal(apply(clean, action(actions, title).edits), expected.replace(/\n/g, eol), title);
    }
    for (const a of actions) {
      assert.equal(a.kind, a.title.startsWith('Declare likelihood: ') ? 'refactor' : 'quickfix');
      assert.ok(a.kind === 'refactor' || a.diagnostic, `${a.title} names its diagnostic`);
      for (const e of a.edits) assert.equal(e.path, 'a.kent');
    }
  });
}

// Comment lines right after a block (no blank line) stand before the next block: the suppression
// goes on the line above it, or extends a `kent-ignore` already among them.
test('code actions: suppressing for a block right after another block or its trailing comment', () => {
  for (const between of ['', '// reviewed\n']) {
    const text = `claim C1: Prices will fall.\n  because: @s1\n${between}claim C2: Prices m$0ay rise.\n  because: @s1\n`;
    const { clean, actions } = run(text);
    const after = apply(clean, action(actions, 'Suppress vague-estimate for C2').edits);
    assert.equal(after, clean.replace('claim C2', '// kent-ignore vague-estimate: reason\nclaim C2'));
  }
  const text = `claim C1: Prices will fall.\n  because: @s1\n// kent-ignore unsupported-claim: reviewed\nclaim C2: Prices m$0ay rise.\n`;
  const { clean, actions } = run(text);
  assert.equal(apply(clean, action(actions, 'Suppress vague-estimate for C2').edits), clean.replace('unsupported-claim: reviewed', 'unsupported-claim, vague-estimate: reviewed'));
});

test('code actions: a BOM stays first when suppressing in the file', () => {
  const { clean, actions } = run('\uFEFF' + DOC.replace('hihg', '$0hihg'));
  assert.equal(apply(clean, action(actions, 'Suppress invalid-value in this file').edits), '\uFEFF// kent-ignore-file invalid-value: reason\n' + DOC);
});

test('code actions: a BOM before the first block', () => {
  const text = '\uFEFFjudgment KJ1: It may$0 rain.\n  confidence: low\n  because: @x\n';
  const { clean, actions } = run(text);
  assert.equal(apply(clean, action(actions, 'Suppress vague-estimate for KJ1').edits), '\uFEFF// kent-ignore vague-estimate: reason\n' + clean.slice(1));
});

test('code actions: diagnostics of another file or elsewhere are left out', () => {
  const { ws, doc, diagnostics } = run(DOC.replace('hihg', '$0hihg'));
  const here = diagnostics.find((d) => d.code === 'invalid-value')!;
  const elsewhere: KentDiagnostic = { ...here, path: 'b.kent' };
  const far: KentDiagnostic = { ...here, span: { start: 0, end: 3 } };
  assert.deepEqual(codeActions(ws, doc, { start: here.span.start, end: here.span.start }, [elsewhere, far]), []);
});

test('code actions: a code already ignored is not offered again', () => {
  const text = '// kent-ignore-file invalid-value: x\n' + DOC;
  const ws = new Workspace({ readFile: () => ({ ok: false, reason: 'missing' }) });
  const doc = ws.setDocument('a.kent', text);
  const at = text.indexOf('hihg');
  const d: KentDiagnostic = { path: 'a.kent', span: { start: at, end: at + 4 }, severity: 'error', code: 'invalid-value', message: 'm' };
  assert.deepEqual(
    codeActions(ws, doc, { start: at, end: at }, [d]).map((a) => a.title),
    ['Suppress invalid-value for KJ1'],
  );
});

// A misspelt source key, another document's item or an assessment ID gets the nearest name as its
// preferred fix, as a misspelt local ID does: the keys of the workspace's source blocks and of the
// document's bibliography, the items of the document named, the workspace's assessment IDs.
test('code actions: "did you mean" for source keys, other documents\' items and assessment IDs', () => {
  const files: Record<string, string> = {
    'refs.bib': '@article{moller-2022,\n  title = {Nitrogen loads},\n  year = {2022}\n}\n',
    'old.kent': 'assessment bloom-2023: Blooms, 2023\n\nevidence E1: Counts exceeded the threshold.\n  source: niwa-2023\n\nsource niwa-2023: NIWA lake survey\n  reliability: B\n',
  };
  const ws = new Workspace({ readFile: (p) => (p in files ? { ok: true, text: files[p] } : { ok: false, reason: 'missing' }) });
  ws.setDocument('old.kent', files['old.kent']);
  const text = [
    'assessment bloom-2024: Blooms, 2024',
    '  bibliography: refs.bib',
    '  supersedes: bloom-202',
    '',
    'Blooms recurred [@niwa-2032].',
    '',
    'claim C1: Blooms will recur.',
    '  because: @moler-2022, bloom-2023/E2, bloom-202/E1',
    '',
  ].join('\n');
  const doc = ws.setDocument('new.kent', text);
  const diagnostics = checkDocument(ws, doc).filter((d) => d.code === 'unresolved-reference');
  const cases: Array<[written: string, fixed: string]> = [
    ['bloom-202\n', 'bloom-2023\n'],
    ['@niwa-2032', '@niwa-2023'],
    ['@moler-2022', '@moller-2022'],
    ['bloom-2023/E2', 'bloom-2023/E1'],
    ['bloom-202/E1', 'bloom-2023/E1'],
  ];
  assert.equal(diagnostics.length, cases.length, diagnostics.map((d) => d.message).join('\n'));
  for (const [written, fixed] of cases) {
    const at = text.indexOf(written) + (written.startsWith('@') ? 1 : 0);
    const d = diagnostics.find((x) => x.span.start === at);
    assert.ok(d, `a diagnostic at ${written}`);
    const name = fixed.replace(/^@|\n$/g, '');
    assert.match(d.message, new RegExp(`\\(did you mean ${name}\\?\\)$`));
    const actions = codeActions(ws, doc, d.span, [d]);
    const fix = action(actions, `Change to ${name}`);
    assert.equal(fix.isPreferred, true);
    const after = apply(text, fix.edits);
    assert.equal(after, text.replace(written, fixed));
    // Applied, the reference resolves.
    const again = new Workspace({ readFile: (p) => (p in files ? { ok: true, text: files[p] } : { ok: false, reason: 'missing' }) });
    again.setDocument('old.kent', files['old.kent']);
    const fixedDoc = again.setDocument('new.kent', after);
    assert.equal(checkDocument(again, fixedDoc).filter((x) => x.code === 'unresolved-reference').length, cases.length - 1);
  }
  // `supersedes` does not suggest the document itself.
  const self = ws.setDocument('new.kent', text.replace('supersedes: bloom-202', 'supersedes: bloom-2025'));
  const selfDiag = checkDocument(ws, self).find((d) => d.message.includes('no assessment named bloom-2025'));
  assert.match(selfDiag!.message, /did you mean bloom-2023\?/);
});

// possible-contradiction's fixes on an item that already has relations: `same-as`/`negates` take
// one ref (a second line is a syntax error and does not count), `contradicts` a list.
test('code actions: possible-contradiction adds no second same-as or negates, and extends contradicts', () => {
  const other = 'assessment b: B\n\nclaim Y: The ceasefire will not hold through the winter.\n  likelihood: likely\n  because: @s1\n\nclaim Z: Grain prices will rise.\n  because: @s1\n\nsource s1: S\n  reliability: B\n';
  const text = 'assessment a: A\n\nclaim X: The ceasefire will hold through the winter.\n  likelihood: likely\n  because: @s1\n  same-as: b/Z\n  contradicts: b/Z\n';
  const ws = new Workspace({ readFile: () => ({ ok: false, reason: 'missing' }) });
  ws.setDocument('b.kent', other);
  const doc = ws.setDocument('a.kent', text);
  const d = checkDocument(ws, doc).find((x) => x.code === 'possible-contradiction');
  assert.ok(d, 'a possible-contradiction on X');
  const titles = codeActions(ws, doc, d.span, [d]).map((a) => a.title).filter((t) => t.startsWith('Add'));
  assert.deepEqual(titles, ['Add `negates: b/Y`', 'Add `contradicts: b/Y`']);
  const after = apply(text, action(codeActions(ws, doc, d.span, [d]), 'Add `contradicts: b/Y`').edits);
  assert.equal(after, text.replace('contradicts: b/Z', 'contradicts: b/Z, b/Y'));
  const fixed = ws.setDocument('a.kent', after);
  const left = checkDocument(ws, fixed).map((x) => x.code);
  assert.ok(!left.includes('possible-contradiction') && !left.includes('syntax'), left.join(', '));
});

// ---------------------------------------------------------------------------------------------
// Fixes built from the document when asked (server/src/core/service/documentFixes.ts).

const GROUNDS = `
evidence E1: Experts expect no role.
  source: s1

evidence E2: Officials deny a role.
  source: s1

evidence E3: Troops moved.
  source: s1

source s1: S
  reliability: B
`;

/** The titles of the fixes (not the suppressions) at the cursor, which are preferred, and each one's result. */
function fixesAt(text: string) {
  const { clean, actions } = run(text);
  const fixes = actions.filter((a) => a.kind === 'quickfix' && !a.title.startsWith('Suppress '));
  return {
    titles: fixes.map((a) => a.title),
    preferred: fixes.filter((a) => a.isPreferred).map((a) => a.title),
    after: (title: string) => apply(clean, action(actions, title).edits),
    clean,
  };
}

test('code actions: a ref both in because and against is taken out of either list, the line too when it was alone', () => {
  const text = `judgment KJ1: Talks will resume.
  likelihood: likely
  confidence: low
  because: E1, E2,
    E3
  against: E$02
${GROUNDS}`;
  const { titles, preferred, after, clean } = fixesAt(text);
  assert.deepEqual(titles, ['Remove E2 from `against`', 'Remove E2 from `because`']);
  assert.deepEqual(preferred, []);
  assert.equal(after('Remove E2 from `against`'), clean.replace('\n  against: E2', ''));
  assert.equal(after('Remove E2 from `because`'), clean.replace('E1, E2,\n    E3', 'E1, E3'));
  // Last in its list: the comma before it goes; first: the one after it. CRLF kept.
  const last = fixesAt(text.replace('E1, E2,\n    E3', 'E1, E3, E2').replace('against: E$02', 'against: E$02, E1').replace(/\n/g, '\r\n'));
  assert.equal(last.after('Remove E2 from `because`'), last.clean.replace('E1, E3, E2', 'E1, E3'));
  assert.equal(last.after('Remove E2 from `against`'), last.clean.replace('against: E2, E1', 'against: E1'));
  const alone = fixesAt(text.replace('\n  against: E$02', '\n  against: E1, E$02').replace(/\n/g, '\r\n'));
  assert.equal(alone.after('Remove E2 from `against`'), alone.clean.replace('against: E1, E2', 'against: E1'));
});

test('code actions: a cited source in both lists; never the only support, never a citation shared with another source', () => {
  const text = `claim C1: Talks will fail.
  because: [@s1, p. 2]
  against: E1, [@s$01, p. 4], E3
${GROUNDS}`;
  const { titles, after, clean } = fixesAt(text);
  // Without `[@s1, p. 2]` the claim would have no support left: only `against` gives it up.
  assert.deepEqual(titles, ['Remove @s1 from `against`']);
  assert.equal(after('Remove @s1 from `against`'), clean.replace('E1, [@s1, p. 4], E3', 'E1, E3'));
  const cited = fixesAt(text.replace('Talks will fail.', 'Talks will fail [@s1].'));
  assert.equal(cited.after('Remove @s1 from `because`'), cited.clean.replace('\n  because: [@s1, p. 2]', ''));
  const shared = fixesAt(text.replace('[@s$01, p. 4]', '[@s$01, p. 4; @s2]').replace('source s1: S', 'source s2: T\n\nsource s1: S'));
  assert.deepEqual(shared.titles, []);
});

/** `line code` of each diagnostic of a text checked alone. */
function codesOf(text: string): string[] {
  const ws = new Workspace({ readFile: () => ({ ok: false, reason: 'missing' }) });
  const doc = ws.setDocument('a.kent', text);
  return checkDocument(ws, doc).map((d) => `${text.slice(0, d.span.start).split('\n').length} ${d.code}`);
}

const TWO_ESTIMATES = `claim C1: Borduria's economy will grow in 2025.
  likelihood: likely
  because: @s1

claim C2: Borduria's economy will grow next year.
  likelihood: very unlikely
  because: @s1
  same-as: C$01

source s1: S
  reliability: B
`;

test('code actions: a same-as contradiction is recorded as a disagreement, or the likelihood set to the other one', () => {
  const { titles, preferred, after, clean } = fixesAt(TWO_ESTIMATES);
  const record = 'Record as a disagreement: `same-as` → `contradicts`';
  assert.deepEqual(titles, [record, 'Set likelihood to likely (as C1 says)']);
  assert.deepEqual(preferred, []);
  assert.deepEqual(codesOf(clean), ['1 contradiction', '8 contradiction']);
  assert.equal(after(record), clean.replace('same-as: C1', 'contradicts: C1'));
  assert.deepEqual(codesOf(after(record)), ['8 acknowledged-disagreement']);
  assert.equal(after('Set likelihood to likely (as C1 says)'), clean.replace('very unlikely', 'likely'));
  assert.deepEqual(codesOf(after('Set likelihood to likely (as C1 says)')), []);
  // From the other side, the `same-as` is not in this item: only its own likelihood is for it to change.
  const other = fixesAt(TWO_ESTIMATES.replace('C$01', 'C1').replace('claim C1:', 'claim C$01:'));
  assert.deepEqual(other.titles, ['Set likelihood to very unlikely (as C2 says)']);
  assert.deepEqual(codesOf(other.after('Set likelihood to very unlikely (as C2 says)')), []);
});

test('code actions: a negates contradiction is recorded as a disagreement, or the likelihood set to the complement', () => {
  const text = TWO_ESTIMATES.replace('very unlikely', 'likely').replace('will grow next year', 'will not grow next year').replace('same-as: C$01', 'negates: C$01');
  const record = 'Record as a disagreement: `negates` → `contradicts`';
  const { titles, after, clean } = fixesAt(text);
  assert.deepEqual(titles, [record, 'Set likelihood to unlikely (as C1 says)']);
  assert.equal(after(record), clean.replace('negates: C1', 'contradicts: C1'));
  assert.deepEqual(codesOf(after(record)), ['8 acknowledged-disagreement']);
  assert.deepEqual(codesOf(after('Set likelihood to unlikely (as C1 says)')), []);
});

test('code actions: recording a disagreement joins a contradicts already there (a second one would not parse)', () => {
  const text = TWO_ESTIMATES.replace('  same-as: C$01', '  contradicts: C3\n  same-as: C$01').replace('source s1', 'claim C3: Borduria will stagnate.\n  likelihood: unlikely\n  because: @s1\n\nsource s1');
  const { after, clean } = fixesAt(text);
  const fixed = after('Record as a disagreement: `same-as` → `contradicts`');
  assert.equal(fixed, clean.replace('contradicts: C3\n  same-as: C1', 'contradicts: C3, C1'));
  assert.deepEqual(codesOf(fixed), ['8 acknowledged-disagreement', '8 acknowledged-disagreement']);
  // Already listed there: the `same-as` line just goes.
  const listed = fixesAt(text.replace('contradicts: C3', 'contradicts: C1, C3'));
  assert.equal(listed.after('Record as a disagreement: `same-as` → `contradicts`'), listed.clean.replace('\n  same-as: C1', ''));
});

test('code actions: recording a disagreement into a contradicts: still being typed (empty, or ending in a comma) leaves a list that parses', () => {
  const record = 'Record as a disagreement: `same-as` → `contradicts`';
  const empty = fixesAt(TWO_ESTIMATES.replace('  same-as: C$01', '  contradicts:\n  same-as: C$01'));
  assert.equal(empty.after(record), empty.clean.replace('contradicts:\n  same-as: C1', 'contradicts: C1'));
  assert.deepEqual(codesOf(empty.after(record)), ['8 acknowledged-disagreement']);
  const C3 = 'claim C3: Borduria will stagnate.\n  likelihood: unlikely\n  because: @s1\n\nsource s1';
  const comma = fixesAt(TWO_ESTIMATES.replace('  same-as: C$01', '  contradicts: C3,\n  same-as: C$01').replace('source s1', C3));
  assert.equal(comma.after(record), comma.clean.replace('contradicts: C3,\n  same-as: C1', 'contradicts: C3, C1'));
  assert.deepEqual(codesOf(comma.after(record)), ['8 acknowledged-disagreement', '8 acknowledged-disagreement']);
});

test('code actions: a likelihood the statement would then disagree with is not offered; a statement of fact gets one added', () => {
  // "unlikely" in the statement: setting `likely` would be an estimative-mismatch.
  const worded = fixesAt(TWO_ESTIMATES.replace('will grow next year', 'is unlikely to grow next year'));
  assert.deepEqual(worded.titles, ['Record as a disagreement: `same-as` → `contradicts`']);
  // C1 stated as fact (95–100%): it gets C2's term on a line of its own; C2 gets C1's interval as a percentage.
  const fact = TWO_ESTIMATES.replace('  likelihood: likely\n', '');
  const onFact = fixesAt(fact.replace('C$01', 'C1').replace('claim C1:', 'claim C$01:'));
  assert.deepEqual(onFact.titles, ['Set likelihood to very unlikely (as C2 says)']);
  assert.equal(onFact.after('Set likelihood to very unlikely (as C2 says)'), onFact.clean.replace('  because: @s1\n', '  because: @s1\n  likelihood: very unlikely\n'));
  assert.deepEqual(codesOf(onFact.after('Set likelihood to very unlikely (as C2 says)')), []);
  const onEstimate = fixesAt(fact);
  assert.deepEqual(onEstimate.titles, ['Record as a disagreement: `same-as` → `contradicts`', 'Set likelihood to 95-100% (as C1 says)']);
  assert.deepEqual(codesOf(onEstimate.after('Set likelihood to 95-100% (as C1 says)')), []);
});

test('code actions: an invalid reliability or credibility offers every valid code with its meaning', () => {
  const text = `evidence E1: Experts expect no role [@s1].
  source: s1
  credibility: 7$0

source s1: S
  reliability: G
`;
  const credibility = fixesAt(text);
  assert.deepEqual(credibility.titles, [
    'Change to `1` (confirmed by other sources)',
    'Change to `2` (probably true)',
    'Change to `3` (possibly true)',
    'Change to `4` (doubtful)',
    'Change to `5` (improbable)',
    'Change to `6` (truth cannot be judged)',
  ]);
  assert.deepEqual(credibility.preferred, []);
  assert.equal(credibility.after('Change to `3` (possibly true)'), credibility.clean.replace('credibility: 7', 'credibility: 3'));
  const reliability = fixesAt(text.replace('credibility: 7$0', 'credibility: 7').replace('reliability: G', 'reliability: G$0'));
  assert.deepEqual(reliability.titles, [
    'Change to `A` (completely reliable)',
    'Change to `B` (usually reliable)',
    'Change to `C` (fairly reliable)',
    'Change to `D` (not usually reliable)',
    'Change to `E` (unreliable)',
    'Change to `F` (reliability cannot be judged)',
  ]);
  // `G` is no code's guess: nothing is preferred. A code's meaning written out is plainly meant;
  // the code in lower case is that code, valid, with nothing to fix.
  assert.deepEqual(reliability.preferred, []);
  assert.deepEqual(fixesAt(text.replace('credibility: 7$0', 'credibility: 7').replace('reliability: G', 'reliability: b$0')).titles, []);
  const meaning = fixesAt(text.replace('credibility: 7$0', 'credibility: 7').replace('reliability: G', 'reliability: Usually  reliable$0'));
  assert.deepEqual(meaning.preferred, ['Change to `B` (usually reliable)']);
  assert.equal(meaning.after('Change to `B` (usually reliable)'), meaning.clean.replace('Usually  reliable', 'B'));
  // An Admiralty grade: its letter is the source's reliability, its digit the information's credibility.
  const grade = fixesAt(text.replace('credibility: 7$0', 'credibility: 7').replace('reliability: G', 'reliability: b2$0'));
  assert.deepEqual(grade.preferred, ['Change to `B` (usually reliable)']);
  assert.deepEqual(fixesAt(text.replace('credibility: 7$0', 'credibility: B2$0')).preferred, ['Change to `2` (probably true)']);
});

test('code actions: an unused source is removed with its notes and the blank line after it', () => {
  const text = `// kent-ignore-file missing-confidence: drafts
source s0: Kept for later

claim C1: Talks will resume [@s1].

// from the old list
// kent-ignore inconsistent-source-rating: checked
source s$02: Unused
  reliability: C

source s1: S
  reliability: B
source s3: Right after

# Annex

source s4: Last
  reliability: D
`;
  const { titles, preferred, after, clean } = fixesAt(text);
  assert.deepEqual(titles, ['Remove source s2']);
  assert.deepEqual(preferred, [], 'removing a block is never applied unasked');
  assert.equal(after('Remove source s2'), clean.replace('// from the old list\n// kent-ignore inconsistent-source-rating: checked\nsource s2: Unused\n  reliability: C\n\n', ''));
  // The kent-ignore-file line above the first block is the document's: it stays, apart from what follows.
  const first = fixesAt(text.replace('source s$02', 'source s2').replace('source s0', 'source s$00'));
  assert.equal(first.after('Remove source s0'), first.clean.replace('source s0: Kept for later\n', ''));
  // Right after another block: the blank line after it stays, keeping the heading apart.
  const after3 = fixesAt(text.replace('source s$02', 'source s2').replace('source s3', 'source s$03'));
  assert.equal(after3.after('Remove source s3'), after3.clean.replace('source s3: Right after\n', ''));
  // Last in the document (CRLF, no final newline): the blank line before it goes, CRLF kept.
  const last = fixesAt(text.replace('source s$02', 'source s2').replace('source s4', 'source s$04').replace(/\n$/, '').replace(/\n/g, '\r\n'));
  assert.equal(last.after('Remove source s4'), last.clean.replace('\r\nsource s4: Last\r\n  reliability: D', ''));
});

test('code actions: an attribute a fix adds takes the indentation the block uses (a tab, four spaces)', () => {
  for (const indent of ['\t', '    ', '  ']) {
    const text = `assessment a: A\n\njudgment $0KJ1: Alpha will hold.\n${indent}likelihood: likely\n${indent}because: @s\n\nsource s: S\n${indent}reliability: B\n`;
    const { clean, actions } = run(text);
    const added = apply(clean, action(actions, 'Add `confidence: moderate`').edits);
    assert.ok(added.includes(`${indent}because: @s\n${indent}confidence: moderate\n`), JSON.stringify(added));
    const ws = new Workspace({ readFile: () => ({ ok: false, reason: 'missing' }) });
    const codes = checkDocument(ws, ws.setDocument('a.kent', added)).map((d) => d.code);
    assert.ok(!codes.includes('missing-confidence') && !codes.includes('syntax'), codes.join());
  }
});

test('code actions: an attribute typed at column 0 under a block is indented as its attributes are (a tab, four spaces, CRLF kept); the preferred fix', () => {
  for (const eol of ['\n', '\r\n'] as const) {
    for (const indent of ['\t', '    ']) {
      const text = `judgment KJ1: Alpha will hold [@s].\n${indent}confidence: moderate\n$0likelihood: likely\n\nsource s: S\n${indent}reliability: B\n`;
      const { clean, actions } = run(text, eol);
      const fix = action(actions, 'Indent as an attribute of KJ1');
      assert.equal(fix.isPreferred, true);
      assert.equal(fix.diagnostic?.code, 'unindented-attribute');
      const fixed = apply(clean, fix.edits);
      assert.equal(fixed, clean.replace(`${eol}likelihood`, `${eol}${indent}likelihood`));
      const ws = new Workspace({ readFile: () => ({ ok: false, reason: 'missing' }) });
      assert.deepEqual(checkDocument(ws, ws.setDocument('a.kent', fixed)).map((d) => d.code), []);
    }
  }
});

test('code actions: a miscased block keyword offers the keyword the parser found (syntax fixes reach the editor)', () => {
  const { clean, actions } = run('$0Claim C1: Alpha will hold [@s].\n  confidence: moderate\n\nsource s: S\n  reliability: B\n');
  assert.equal(apply(clean, action(actions, 'Change to `claim`').edits), clean.replace('Claim', 'claim'));
});

test('code actions: a likelihood word no scale has offers every term of the scale, with its interval; a near spelling first, preferred', () => {
  const ICD = ['almost no chance (1–5%)', 'very unlikely (5–20%)', 'unlikely (20–45%)', 'roughly even chance (45–55%)', 'likely (55–80%)', 'very likely (80–95%)', 'almost certain (95–99%)'].map((t) => `Change to \`${t.replace(' (', '` (')}`);
  const doc = (likelihood: string) => `judgment KJ1: Talks will resume.\n  likelihood: ${likelihood}\n  confidence: low\n  because: @s1\n\nsource s1: S\n  reliability: B\n`;
  const unknown = fixesAt(doc('plaus$0ible'));
  assert.deepEqual(unknown.titles, ICD);
  assert.deepEqual(unknown.preferred, []);
  assert.equal(unknown.after('Change to `roughly even chance` (45–55%)'), unknown.clean.replace('plausible', 'roughly even chance'));
  assert.deepEqual(codesOf(unknown.after('Change to `roughly even chance` (45–55%)')), []);
  // A misspelling: its term first and preferred.
  const typo = fixesAt(doc('very likley$0'));
  assert.equal(typo.titles[0], 'Change to `very likely` (80–95%)');
  assert.deepEqual(typo.preferred, ['Change to `very likely` (80–95%)']);
  assert.deepEqual([...typo.titles].sort(), [...ICD].sort());
});

test('code actions: the next attribute half-typed under a list or a value is finished by a fix, preferred when the word can become one name alone', () => {
  // Under a ref list (a syntax error): `confiden` can only be `confidence:`.
  const list = fixesAt('claim C1: Ports will close.\n  because: @s1, @s2\n  confi$0den\n\nsource s1: S\n\nsource s2: T\n');
  assert.deepEqual(list.titles, ['Change to `confidence:`']);
  assert.deepEqual(list.preferred, ['Change to `confidence:`']);
  assert.equal(list.after('Change to `confidence:`'), list.clean.replace('  confiden', '  confidence:'));
  // Under a likelihood (a syntax error) or a confidence (an invalid-value): the value above is kept.
  for (const [above, word, name] of [['likelihood: likely', 'confiden', 'confidence'], ['confidence: low', 'be', 'because']]) {
    const value = fixesAt(`judgment KJ1: Ports will likely close.\n  ${above}\n  ${word}$0\n\nsource s1: S\n`);
    assert.deepEqual(value.titles, [`Change to \`${name}:\``]);
    assert.deepEqual(value.preferred, [`Change to \`${name}:\``]);
    assert.equal(value.after(`Change to \`${name}:\``), value.clean.replace(`  ${word}\n`, `  ${name}:\n`));
  }
  // `co` may be `confidence:` or `contradicts:`: both offered, neither preferred (an editor may apply a preferred fix unasked).
  // Under `reliability: B`, the word is not a wrong code: no code is offered for it.
  for (const text of ['claim C1: Ports will close.\n  because: @s1\n  c$0o\n\nsource s1: S\n', 'judgment KJ1: Ports will likely close.\n  likelihood: likely\n  c$0o\n\nsource s1: S\n', 'source s1: S\n  reliability: B\n  d$0a\n']) {
    const two = fixesAt(text);
    assert.deepEqual(two.titles, text.startsWith('source') ? ['Change to `date:`'] : ['Change to `confidence:`', 'Change to `contradicts:`'], text);
    assert.deepEqual(two.preferred, text.startsWith('source') ? ['Change to `date:`'] : [], text);
  }
});

test('code actions: a syntax error is not offered as a suppression (the checks cannot read that text); its fixes still are, and other codes keep theirs', () => {
  const { actions } = run('claim C1: Ports will close.\n  because: @s1\n  c$0o\n\nsource s1: S\n');
  assert.deepEqual(actions.map((a) => a.title), ['Change to `confidence:`', 'Change to `contradicts:`']);
  // A syntax error outside any block: nothing to offer at all.
  assert.deepEqual(run('claim C1: Ports will close [@s1].\n\n  confi$0dence: low\n\nsource s1: S\n').actions.filter((a) => a.title.startsWith('Suppress syntax')), []);
  // Beside it, another code is still suppressible.
  const both = run('claim C1: Ports m$0ay close.\n  because: @s1\n  co\n\nsource s1: S\n').actions.map((a) => a.title);
  assert.ok(both.includes('Suppress vague-estimate for C1') && both.includes('Suppress vague-estimate in this file'), both.join());
});

test('code actions: an unsupported claim is offered the evidence and claims of its document that say most nearly what it says, best first, none preferred; each fix leaves no syntax error', () => {
  const text = [
    'claim $0C1: Egg prices will rise as poultry flocks are culled.',
    '  likelihood: likely',
    '  against: E4',
    '',
    'evidence E1: Flocks were culled in Iowa.',
    '  source: @usda',
    '',
    'evidence E2: Egg prices rose after poultry flocks were culled in 2015.',
    '  source: @usda',
    '',
    'claim C2: Poultry flocks are culled when the virus is found [@usda].',
    '',
    'evidence E3: Cattle herds tested positive.',
    '  source: @usda',
    '',
    'evidence E4: Egg prices fell when flocks were culled.',
    '  source: @usda',
    '',
    'claim C3: Egg prices and culled flocks move together.',
    '  because: C1',
    '',
    'claim C4: Egg supply tightens as poultry is culled [@usda].',
    '',
    'source usda: USDA',
    '  reliability: B',
    '',
  ].join('\n');
  const fixes = fixesAt(text);
  // E4 is counted against C1, and C3 rests on C1 (a circle): neither is offered; E3 shares no word.
  assert.deepEqual(fixes.titles, ['Add `because: E2`', 'Add `because: C2`', 'Add `because: C4`']);
  assert.deepEqual(fixes.preferred, []);
  const after = fixes.after('Add `because: E2`');
  assert.equal(after, fixes.clean.replace('  against: E4\n', '  against: E4\n  because: E2\n'));
  assert.deepEqual(codesOf(after).filter((c) => / (syntax|unsupported-claim|circular-support)$/.test(c)), []);
  // Nothing in the document says anything like it: no fix (an empty `because:` would be a syntax error).
  assert.deepEqual(fixesAt('claim $0C1: Egg prices will rise.\n\nevidence E1: Cattle herds tested positive.\n  source: @s\n\nsource s: S\n').titles, []);
  // A claim that rests on nothing itself is not offered: the warning would only move to ungrounded-claim.
  assert.deepEqual(fixesAt('claim $0C1: Egg prices will rise.\n\nclaim C2: Egg prices will rise this spring.\n').titles, []);
});

test('code actions: an unsupported claim that thousands of claims stand on, one on the next, is offered none of them, found in one walk back along the refs (a walk down from each took seconds)', () => {
  const n = 3000;
  const chain = Array.from({ length: n }, (_, i) => `claim C${i}: Russian forces hold position ${i} near the strait.\n  because: ${i + 1 < n ? `C${i + 1}` : 'X'}\n`);
  const text = [...chain, 'claim $0X: Russian forces hold position near the strait.\n', 'evidence E1: Russian forces were seen near the strait.\n  source: @s\n', 'source s: S\n  reliability: B\n'].join('\n');
  const { ws, doc, diagnostics, actions } = run(text);
  assert.deepEqual(actions.filter((a) => a.title.startsWith('Add')).map((a) => a.title), ['Add `because: E1`']);
  // The work, counted (not timed): refs resolved for one request, a few per claim, not a walk per claim.
  const at = text.indexOf('$0');
  let resolved = 0;
  const resolveItem = ws.resolveItem.bind(ws);
  ws.resolveItem = (...args: Parameters<typeof resolveItem>) => (resolved++, resolveItem(...args));
  codeActions(ws, doc, { start: at, end: at }, diagnostics);
  assert.ok(resolved < 10 * n, `${resolved} refs resolved for ${n} claims`);
});

test('code actions: an accented letter in an ID or a key is written plain by a fix (header, ref, link, citation); a Cyrillic name gets none', () => {
  const text = [
    'claim C-café: The café owners are reopening [@müller-2020].',
    '  because: E1, E-naïve',
    '',
    'claim C2: Owners are back [[C-café]].',
    '  because:E-naïve',
    '',
    'evidence E1: A report.',
    '  source: müller-2020',
    '',
    'evidence E-naive: A quote.',
    '  source: müller-2020',
    '',
    'claim Лиман: Cyrillic.',
    '  because: E1',
    '',
    'source muller-2020: A source',
    '  reliability: B',
    '',
  ].join('\n');
  const ws = new Workspace({ readFile: () => ({ ok: false, reason: 'missing' }) });
  let doc = ws.setDocument('a.kent', text);
  const syntax = checkDocument(ws, doc).filter((d) => d.code === 'syntax');
  const fixOf = (d: KentDiagnostic) => codeActions(ws, doc, d.span, [d]).find((a) => a.title.startsWith('Change "'));
  const titles = syntax.map((d) => `${text.slice(0, d.span.start).split('\n').length}: ${fixOf(d)?.title}`);
  // (The broken header's block is not read, so its citation and list are not reported apart.)
  assert.deepEqual(titles, [
    '1: Change "C-café" to "C-cafe"',
    '4: Change "C-café" to "C-cafe"',
    '5: Change "E-naïve" to "E-naive"',
    '8: Change "müller-2020" to "muller-2020"',
    '11: Change "müller-2020" to "muller-2020"',
    '13: undefined', // Лиман: no plain spelling to offer
  ]);
  // Each fix is preferred (the error has no other). Applied one by one (a header fixed brings its
  // block's own errors to light), they leave the Cyrillic header alone.
  let fixed = text;
  for (let round = 0; round < 20; round++) {
    const fix = checkDocument(ws, doc).map(fixOf).find((f) => f !== undefined);
    if (!fix) break;
    assert.equal(fix.isPreferred, true);
    fixed = apply(fixed, fix.edits);
    doc = ws.setDocument('a.kent', fixed);
  }
  assert.equal(fixed, text.replace(/é/g, 'e').replace(/ï/g, 'i').replace(/ü/g, 'u').replace('The cafe owners', 'The café owners'));
  const left = checkDocument(ws, doc);
  assert.deepEqual(left.map((d) => `${d.code} ${doc.text.slice(d.span.start, d.span.end)}`), ['syntax Лиман:']);
  // A header whose plain ID another block has: no fix, which would make a duplicate-id.
  const taken = ws.setDocument('b.kent', 'claim C-café: One [@muller-2020].\n\nclaim C-cafe: Two [@muller-2020].\n');
  const [header] = checkDocument(ws, taken).filter((d) => d.code === 'syntax');
  assert.equal(codeActions(ws, taken, header.span, [header]).find((a) => a.title.startsWith('Change "')), undefined);
});

/** A workspace of `a.kent` and its sources' local copies; the code actions at `needle` in a.kent, and the document after a fix. */
function quoteActions(kent: string, files: Record<string, string>, needle: string) {
  const ws = new Workspace({ readFile: (p) => (p in files ? { ok: true, text: files[p] } : { ok: false, reason: 'missing' }) });
  const doc = ws.setDocument('a.kent', kent);
  const at = kent.indexOf(needle);
  assert.ok(at >= 0, needle);
  const actions = codeActions(ws, doc, { start: at, end: at }, checkDocument(ws, doc));
  /** The diagnostics of evidence `id` once `title` is applied, as `code line` (none when it checks clean). */
  const after = (title: string, id: string) => {
    const text = apply(kent, action(actions, title).edits);
    const again = new Workspace({ readFile: (p) => (p in files ? { ok: true, text: files[p] } : { ok: false, reason: 'missing' }) });
    const d = again.setDocument('a.kent', text);
    const item = d.items.find((i) => i.id === id)!;
    const within = checkDocument(again, d).filter((x) => x.span.start >= item.span.start && x.span.start <= item.span.end);
    return { text, problems: within.map((x) => x.code) };
  };
  return { titles: actions.map((a) => a.title), actions, after };
}

const WORDS = "Replace the quote with the source's words";

test("code actions: a quote that differs from its source by a word or a spelling is offered the source's words, between the quote marks the analyst wrote; the evidence then checks clean", () => {
  const kent = (quote: string, file = 'sources/wfp.html') => `evidence E3: WFP says insurers remain reluctant.
  source: wfp
  quote: ${quote}
  credibility: 2

source wfp: WFP Black Sea update
  reliability: A
  file: ${file}
`;
  const page = '<html><body>\n    <p>The World Food Programme notes that &ldquo;insurers remain reluctant to cover calls at <b>Mykolaiv</b>&rdquo; while the estuary is mined.</p>\n</body></html>';
  const files = { 'sources/wfp.html': page, 'sources/gazette.txt': 'By order of the Ministry, the crossings at Klopstok\nand Zvorna are closed to all traffic until "further notice".\n' };
  // A transliteration, on a web page: its words without the markup, the analyst's straight marks kept.
  const spelt = quoteActions(kent('"insurers remain reluctant to cover calls at Mykolayiv"'), files, 'Mykolayiv');
  assert.deepEqual(spelt.titles, [WORDS, 'Suppress quote-not-found for E3', 'Suppress quote-not-found in this file']);
  assert.equal(spelt.actions[0].isPreferred, undefined, 'a rewritten quote is the analyst’s choice, never applied unasked');
  const fixed = spelt.after(WORDS, 'E3');
  assert.match(fixed.text, /\n {2}quote: "insurers remain reluctant to cover calls at Mykolaiv"\n/);
  assert.deepEqual(fixed.problems, []);
  // Curly marks stay curly; a word left out comes back; a passage over two lines of the file stays on the quote's one line.
  const dropped = quoteActions(kent('“the crossings at Klopstok and Zvorna closed to all traffic”', 'sources/gazette.txt'), files, 'Klopstok');
  const back = dropped.after(WORDS, 'E3');
  assert.match(back.text, /\n {2}quote: “the crossings at Klopstok and Zvorna are closed to all traffic”\n/);
  assert.deepEqual(back.problems, []);
  // The file's inner straight quote marks would close a straight quote: they turn single, as a quotation's inner quotes do.
  const inner = quoteActions(kent('"are closed to all trafic until "further notice""'.replace(/"further notice""/, "'further notice'\""), 'sources/gazette.txt'), files, 'trafic');
  const single = inner.after(WORDS, 'E3');
  assert.match(single.text, /\n {2}quote: "are closed to all traffic until 'further notice'"\n/);
  assert.deepEqual(single.problems, []);
});

test("code actions: no source's words for a quote that is far from the file, differs in two places or by several words, has gaps, or whose file is missing", () => {
  const files = { 'sources/rep.txt': 'The minister said: “Neither China nor Russia is ready for it,” adding\nthat the alliance was a myth. Later, the talks ended.' };
  const kent = (quote: string, file = 'sources/rep.txt') => `evidence E1: The report.
  source: rep
  quote: ${quote}

source rep: A report
  reliability: B
  file: ${file}
`;
  for (const quote of [
    '"Neither China nor Russia is willing to do it"', // several words retyped
    '"The ministers said: Neither China nor Russia"', // two places: a letter and a quote mark
    '"the crossings are closed until further notice"', // nothing like it
    '"Neither China [...] is ready for it, adding that alliance"', // a gap marked
    '"Neither China nor Russia is ready for it at all now"', // words added at the end: where would they end?
  ]) {
    const { titles } = quoteActions(kent(quote), files, quote);
    assert.ok(titles.includes('Suppress quote-not-found for E1'), quote);
    assert.ok(!titles.includes(WORDS), quote);
  }
  assert.ok(!quoteActions(kent('"Neither China nor Rusia is ready for it"', 'sources/gone.txt'), files, 'Rusia').titles.includes(WORDS));
  // The same quote, one letter off, is offered them.
  assert.ok(quoteActions(kent('"Neither China nor Rusia is ready for it"'), files, 'Rusia').titles.includes(WORDS));
});

test("code actions: a quote that runs over lines keeps doing so with the source's words, its next lines indented as before; a one-line quote never gets a line break", () => {
  const files = { 'sources/rep.txt': 'The minister said: “Neither China nor Russia is ready for it,” adding\nthat the alliance was a myth.' };
  const kent = (quote: string) => `evidence E1: The report.
  source: rep
  quote: ${quote}

source rep: A report
  reliability: B
  file: sources/rep.txt
`;
  const over = quoteActions(kent('"Russia is ready for it,” adding\n      that alliance was a myth"'), files, 'alliance');
  const fixed = over.after(WORDS, 'E1');
  assert.match(fixed.text, /\n {2}quote: "Russia is ready for it,” adding\n {6}that the alliance was a myth"\n/);
  assert.deepEqual(fixed.problems, []);
  const one = quoteActions(kent('"Russia is ready for it,” adding that alliance was a myth"'), files, 'alliance').after(WORDS, 'E1');
  assert.match(one.text, /\n {2}quote: "Russia is ready for it,” adding that the alliance was a myth"\n/);
  assert.deepEqual(one.problems, []);
});

test("code actions: the source's words over lines never start a line with `name:` or `//` (an attribute, a comment), and a curly quote keeps a straight \" inside; the evidence then checks clean", () => {
  const files = { 'sources/rep.txt': 'The minister said the crossings\ndate: closed to all traffic\n// until "further notice" was given.\nLater, the talks ended.' };
  const kent = (quote: string) => `evidence E1: The report.
  source: rep
  quote: ${quote}
  credibility: 2

source rep: A report
  reliability: B
  file: sources/rep.txt
`;
  const over = quoteActions(kent('“the crossings date: closed\n      to all trafic // until "further notice" was given”'), files, 'trafic');
  const fixed = over.after(WORDS, 'E1');
  assert.match(fixed.text, /\n {2}quote: “the crossings date: closed to all traffic \/\/ until "further notice" was given”\n {2}credibility: 2\n/);
  assert.deepEqual(fixed.problems, []);
  const straight = quoteActions(kent('"the crossings date: closed\n      to all trafic // until"'), files, 'trafic').after(WORDS, 'E1');
  assert.match(straight.text, /\n {2}quote: "the crossings date: closed to all traffic \/\/ until"\n {2}credibility: 2\n/);
  assert.deepEqual(straight.problems, []);
});
