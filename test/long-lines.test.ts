// Long hostile lines of the shapes the newer scans read (kent-ignore comments, names the
// estimative reader skips, a long ref list's tokens): each is read in one pass. Each runs in a
// child process killed after a minute, a guard against a scan quadratic in the line's length
// (many minutes at these sizes), and what it read is checked; no test asserts a time.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as path from 'node:path';
import { hover } from '../server/src/core/service/hover';
import { Workspace } from '../server/src/core/workspace';
import { MemoryHost } from './harness';

const root = path.resolve(__dirname, '..');

/** Run `script` (CommonJS, the repository's modules at hand) in a child process; what it prints, as JSON. */
function factsOf(script: string): any {
  const r = spawnSync(process.execPath, ['--import', 'tsx', '-e', script], { cwd: root, timeout: 60_000, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  assert.equal(r.error, undefined, 'not done after a minute');
  assert.equal(r.status, 0, r.stderr);
  return JSON.parse(r.stdout);
}

test('kent-ignore: a reason holding a U+2028, a U+2029 or a lone CR is read to the line end, after any run of spaces', () => {
  // The regex backtracked through every split of the spaces when the reason's `.` met the odd character.
  const facts = factsOf(`const { parseDocument } = require('./server/src/core/parser');
    const out = [];
    for (const odd of ['\\u2028', '\\u2029', '\\r']) {
      const doc = parseDocument('a.kent', '// kent-ignore vague-estimate: a reason' + odd + 'more\\nclaim C1: Prices may rise.\\n');
      const long = parseDocument('b.kent', '// kent-ignore' + ' '.repeat(300000) + 'x, y' + ' '.repeat(300000) + ':' + odd + '\\nclaim C1: Prices may rise.\\n');
      out.push([[...doc.items[0].ignored], [...long.items[0].ignored]]);
    }
    process.stdout.write(JSON.stringify(out));`);
  assert.deepEqual(facts, Array(3).fill([['vague-estimate'], ['x', 'y']]));
});

test('estimative reading: 300,000 addresses and hedges on one line, each hedge outside them found', () => {
  // Each hedge was looked up in every address of the line.
  const facts = factsOf(`const { findConfidencePhrases, findEstimativeWords } = require('./server/src/core/estimative');
    const n = 300000;
    process.stdout.write(JSON.stringify([
      findEstimativeWords('may https://a.example/may '.repeat(n), 'icd203').length,
      findEstimativeWords('likely analyst@may.example '.repeat(n), 'icd203').length,
      findConfidencePhrases('with high confidence [@may, p. 2] '.repeat(n)).length,
    ]));`);
  assert.deepEqual(facts, [300_000, 300_000, 300_000]);
});

test('unused-ignore: a kent-ignore-file naming 1,000,000 codes, each told with its own fix', () => {
  // Each stale code's fix looked its code up among all the comment's codes.
  const facts = factsOf(`const { checkDocument } = require('./server/src/core/analyze');
    const { Workspace } = require('./server/src/core/workspace');
    const n = 1000000;
    const text = '// kent-ignore-file ' + Array(n).fill('vague-estimate').join(', ') + ': r\\nclaim C1: Prices will rise.\\n  because: @s\\n';
    const ws = new Workspace({ readFile: () => ({ ok: false, reason: 'missing' }) });
    const stale = checkDocument(ws, ws.setDocument('a.kent', text)).filter((d) => d.code === 'unused-ignore');
    const fix = (d) => text.slice(d.fixes[0].span.start, d.fixes[0].span.end);
    process.stdout.write(JSON.stringify([stale.length, fix(stale[0]), fix(stale[stale.length - 1])]));`);
  // The first code goes with the comma after it, the last with the comma before it.
  assert.deepEqual(facts, [1_000_000, 'vague-estimate, ', ', vague-estimate']);
});

test('semanticTokens: a because: list of 1,500,000 refs on one line, every ref a token', () => {
  // Each token searched the rest of its line for the next line break.
  const facts = factsOf(`const { parseDocument } = require('./server/src/core/parser');
    const { semanticTokens } = require('./server/src/core/service/semanticTokens');
    const n = 1500000;
    const text = 'claim C1: x\\n  because: ' + Array.from({ length: n }, (_, i) => 'E' + i).join(', ') + '\\n';
    const data = semanticTokens(parseDocument('a.kent', text));
    process.stdout.write(JSON.stringify([data.length / 5, data.slice(-5, -2)]));`);
  // The keyword, the ID, the attribute's name, then the refs; the last, E1499999, on the line of
  // the one before, E1499998, 10 characters after it.
  assert.deepEqual(facts, [3 + 1_500_000, [0, 'E1499998, '.length, 'E1499999'.length]]);
});

test('hover: a quote found in a source line of 800,000 runs of backticks gets its card', () => {
  const line = 'a` '.repeat(400_000) + 'the quote here ' + '`b '.repeat(400_000);
  const ws = new Workspace(new MemoryHost([{ path: 'src.txt', text: line, flags: new Set() }]));
  const text = 'source S1: x\n  file: src.txt\n\nevidence E1: y\n  source: S1\n  quote: "the quote"\n';
  const doc = ws.setDocument('a.kent', text);
  // Its fence was measured by spreading every run of backticks into Math.max's arguments; now the
  // line is too long to show, and the quoted words are shown alone.
  const card = hover(ws, doc, text.indexOf('the quote'))?.markdown ?? '';
  assert.match(card, /From src\.txt, line 1 \(the quoted words alone: the lines are long\):\n\n```text\nthe quote\n```$/);
});

test('mixed-likelihood-confidence: a statement of 320,000 sentences, the one that mixes told', () => {
  // Each sentence searched every confidence phrase and estimative term of the statement.
  const facts = factsOf(`const { checkDocument } = require('./server/src/core/analyze');
    const { Workspace } = require('./server/src/core/workspace');
    const text = 'judgment J1: ' + 'It is likely. We have high confidence. '.repeat(160000) + 'A deal is likely, we assess with high confidence.\\n';
    const ws = new Workspace({ readFile: () => ({ ok: false, reason: 'missing' }) });
    const mixed = checkDocument(ws, ws.setDocument('a.kent', text)).filter((d) => d.code === 'mixed-likelihood-confidence');
    process.stdout.write(JSON.stringify(mixed.map((d) => text.slice(d.span.start, d.span.end))));`);
  assert.deepEqual(facts, ['with high confidence']);
});

test('unused-ignore: 200,000 kent-ignore lines in a run, then a blank line before a block: each told of the blank line', () => {
  // Each comment walked the rest of the run to find the blank line after it.
  const facts = factsOf(`const { checkDocument } = require('./server/src/core/analyze');
    const { Workspace } = require('./server/src/core/workspace');
    const text = '// kent-ignore vague-estimate: r\\n'.repeat(200000) + '\\nclaim C1: Prices may rise.\\n  because: @s\\n';
    const ws = new Workspace({ readFile: () => ({ ok: false, reason: 'missing' }) });
    const told = checkDocument(ws, ws.setDocument('a.kent', text)).filter((d) => d.code === 'unused-ignore');
    const fixes = new Set(told.map((d) => JSON.stringify(d.fixes[0].span)));
    process.stdout.write(JSON.stringify([told.length, new Set(told.map((d) => d.message)).size, [...fixes]]));`);
  // The same blank line, the one line after the run, for each.
  const blank = 200_000 * '// kent-ignore vague-estimate: r\n'.length;
  assert.deepEqual(facts, [200_000, 1, [JSON.stringify({ start: blank, end: blank + 1 })]]);
});

test('estimative reading: names in a 1 MB run (letters and a colon, an unfinished address, an unclosed bracket) are found in one pass', () => {
  // The first patterns rescanned a run from each of its positions: minutes at 1 MB.
  const facts = factsOf(`const { findConfidencePhrases, findEstimativeWords } = require('./server/src/core/estimative');
    const long = 1000000;
    const texts = [
      'a'.repeat(long) + ': may',
      'x@' + 'a-'.repeat(long / 2) + ' may',
      '[' + '@a '.repeat(long / 3) + ' may',
      'see [@may, p. 2] and ' + 'ab.'.repeat(long / 3) + 'analyst@maybe.org may',
    ];
    process.stdout.write(JSON.stringify(texts.map((t) => [findEstimativeWords(t, 'icd203').map((w) => w.text), findConfidencePhrases(t + ' high confidence').length])));`);
  assert.deepEqual(facts, Array(4).fill([['may'], 1]));
});

test('estimative reading: past-time coulds, denied beliefs and graded reports in a 3 MB statement, each read in bounded reach', () => {
  // Each could looks at its own sentence, each term at the clause before it, each confidence
  // phrase at the word after it: at most a few hundred characters, however long the line.
  const facts = factsOf(`const { findConfidencePhrases, findEstimativeWords } = require('./server/src/core/estimative');
    const n = 100000;
    const words = (t, year) => findEstimativeWords(t, 'icd203', year).length;
    process.stdout.write(JSON.stringify([
      words('In 2022 Europe could buy gas. '.repeat(n), 2024),
      words('In the past ' + 'x could '.repeat(3 * n) + '.'),
      words('Nobody thinks ' + 'it likely and '.repeat(2 * n) + '.'),
      words('A cut-off is more likely than a cap; '.repeat(n)),
      findConfidencePhrases('low-confidence reports and '.repeat(n)).length,
      findConfidencePhrases('Possibly Energy with high confidence. '.repeat(n)).length,
      words('By law firms may not sell ' + 'and may not sell '.repeat(2 * n) + '.'),
    ]));`);
  // The run of coulds is one sentence, looked at 200 characters either side of each could: the
  // first 24 see "In the past" open it. The denial is looked for 120 characters back: the first
  // 8 likelys are in it, the rest are read. "By law" makes the sentence's "may not" a rule as
  // far as it is looked for, 200 characters back: the first 12.
  assert.deepEqual(facts, [0, 300_000 - 24, 200_000 - 8, 0, 0, 100_000, 200_001 - 12]);
});

test('unresolved-reference: 12,000 claims each naming a slip of its own ID, each offered another claim', () => {
  // The nearest ID was the claim itself, which a suggestion may not be: a filtered copy of the
  // document's IDs was then made and read afresh for each ref (quadratic: minutes here).
  const facts = factsOf(`const { checkDocument } = require('./server/src/core/analyze');
    const { Workspace } = require('./server/src/core/workspace');
    const n = 12000;
    let text = 'assessment u: U\\n\\n';
    for (let i = 0; i < n; i++) text += 'claim Claim' + i + ': Statement ' + i + '.\\n  because: Claim' + i + 'x\\n\\n';
    const ws = new Workspace({ readFile: () => ({ ok: false, reason: 'missing' }) });
    const refs = checkDocument(ws, ws.setDocument('u.kent', text)).filter((d) => d.code === 'unresolved-reference');
    const offered = refs.map((d) => /no item Claim(\\d+)x in this document \\(did you mean Claim(\\d+)\\?\\)/.exec(d.message));
    process.stdout.write(JSON.stringify([refs.length, offered.every((m) => m && m[1] !== m[2]), refs[0].message]));`);
  assert.deepEqual(facts, [12_000, true, 'claim Claim0: no item Claim0x in this document (did you mean Claim1?)']);
});

test('unresolved-reference: 12,000 numbered claims each standing on the next, the last on missing evidence E1, which its fix creates as evidence', () => {
  // Every support ref, resolved or not, counted the document's items numbered with its prefix
  // for the kind a missing one would be created as (quadratic: over a minute here).
  const facts = factsOf(`const { checkDocument } = require('./server/src/core/analyze');
    const { Workspace } = require('./server/src/core/workspace');
    const n = 12000;
    let text = 'assessment u: U\\n\\n';
    for (let i = 0; i < n; i++) text += 'claim C' + i + ': Statement ' + i + '.\\n  because: ' + (i === n - 1 ? 'E1' : 'C' + (i + 1)) + '\\n\\n';
    const ws = new Workspace({ readFile: () => ({ ok: false, reason: 'missing' }) });
    const refs = checkDocument(ws, ws.setDocument('u.kent', text)).filter((d) => d.code === 'unresolved-reference');
    process.stdout.write(JSON.stringify([refs.length, refs[0].fixes.map((f) => f.title)]));`);
  assert.deepEqual(facts, [1, ['Change to C1', 'Create evidence E1']]);
});

test('circular-support: a ring of 10,000 claims through 100 documents is reported once in each, with no ungrounded-claim', () => {
  // Each member's cycle (the whole ring) was laid out and compared with the others': quadratic
  // in time and memory, minutes and gigabytes here.
  const facts = factsOf(`const { checkDocument } = require('./server/src/core/analyze');
    const { Workspace } = require('./server/src/core/workspace');
    const n = 10000, docs = 100, per = n / docs;
    const ws = new Workspace({ readFile: () => ({ ok: false, reason: 'missing' }) });
    for (let d = 0; d < docs; d++) {
      let text = 'assessment d' + d + ': D\\n\\n';
      for (let i = d * per; i < (d + 1) * per; i++) {
        const next = (i + 1) % n, nd = Math.floor(next / per);
        text += 'claim C' + i + ': Statement.\\n  because: ' + (nd === d ? '' : 'd' + nd + '/') + 'C' + next + '\\n\\n';
      }
      ws.setDocument('d' + d + '.kent', text);
    }
    const found = [];
    for (let d = 0; d < docs; d++) found.push(...checkDocument(ws, ws.getDocument('d' + d + '.kent')).filter((x) => x.code === 'circular-support' || x.code === 'ungrounded-claim'));
    process.stdout.write(JSON.stringify([found.length, found.every((x) => x.code === 'circular-support'), found[0].message]));`);
  assert.deepEqual(facts, [100, true, 'claim C0 supports itself in a circle: C0 → C1 → C2 → C3 → C4 → C5 → C6 → C7 → C8 → C9 → … 9989 more … → d99/C9999 → C0']);
});

test('likelihood: a term and a percentage with 200,000 spaces around them, with or without their brackets, read in one pass', () => {
  // The term could end in the spaces after it, and a value with no bracket to end them tried every split of them.
  const facts = factsOf(`const { parseDocument } = require('./server/src/core/parser');
    const spaces = ' '.repeat(200000);
    const fixes = (value) => parseDocument('a.kent', 'judgment KJ1: Rain.\\n  likelihood: ' + value + '\\n').parseDiagnostics.map((d) => (d.fixes ?? []).map((f) => f.text));
    process.stdout.write(JSON.stringify([
      fixes('likely' + spaces + '(70%)'),
      fixes('70% (likely' + spaces + ')'),
      fixes('likely' + spaces + '70%)').length,
      fixes('70% (likely' + spaces + 'x').length,
    ]));`);
  assert.deepEqual(facts, [[['likely', '70%']], [['likely', '70%']], 1, 1]);
});
