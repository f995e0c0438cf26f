// Selection ranges (server/src/core/service/selectionRange.ts): from the cursor outwards, each
// span holding the one before. Each case names the cursor by a needle and gives the text of
// every span, innermost first.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Workspace } from '../server/src/core/workspace';
import { selectionRanges } from '../server/src/core/service/selectionRange';

const DETAIL = `## Detail

judgment KJ1: Russia would probably avoid war
    in the Pacific.
  likelihood: likely
  because: C1, [@s1, p. 4],
    E1

claim C1: Ports are at risk.
  because: @s1`;

const KEY_JUDGMENTS = `# Key judgments

Prose citing [@s1, p. 2] and [[KJ1]].

${DETAIL}`;

const SOURCES = `# Sources

source s1: S
  reliability: B`;

const HEADER = `assessment a: Alpha
  date: 2024-09`;

const TEXT = `${HEADER}\n\n${KEY_JUDGMENTS}\n\n${SOURCES}\n`;

function chainAt(needle: string, delta = 0, text = TEXT): string[] {
  const ws = new Workspace({ readFile: () => ({ ok: false, reason: 'missing' }) });
  const doc = ws.setDocument('a.kent', text);
  const at = text.indexOf(needle);
  assert.ok(at >= 0, needle);
  const [chain] = selectionRanges(doc, [at + delta]);
  for (let i = 1; i < chain.length; i++) {
    assert.ok(chain[i].start <= chain[i - 1].start && chain[i - 1].end <= chain[i].end && chain[i].end - chain[i].start > chain[i - 1].end - chain[i - 1].start, `span ${i} holds span ${i - 1}`);
  }
  return chain.map((s) => text.slice(s.start, s.end));
}

const JUDGMENT = DETAIL.slice(DETAIL.indexOf('judgment'), DETAIL.indexOf('\n\nclaim'));

test('a ref in a list: the ref, the value, the attribute line, the block, its sections, the document', () => {
  assert.deepEqual(chainAt('C1, [@s1', 1), ['C1', 'C1, [@s1, p. 4],\n    E1', 'because: C1, [@s1, p. 4],\n    E1', JUDGMENT, DETAIL, KEY_JUDGMENTS, TEXT]);
});

test('a key in a citation: the key, the citation, then outwards', () => {
  assert.deepEqual(chainAt('s1, p. 4', 1).slice(0, 4), ['s1', '[@s1, p. 4]', 'C1, [@s1, p. 4],\n    E1', 'because: C1, [@s1, p. 4],\n    E1']);
});

test('a word of a statement continued on a second line: the word, the statement, the header, the block', () => {
  assert.deepEqual(chainAt('probably', 3).slice(0, 4), [
    'probably',
    'Russia would probably avoid war\n    in the Pacific.',
    'judgment KJ1: Russia would probably avoid war\n    in the Pacific.',
    JUDGMENT,
  ]);
});

test('an ID in its header: the ID, the header, the block', () => {
  assert.deepEqual(chainAt('KJ1:', 0).slice(0, 3), ['KJ1', 'judgment KJ1: Russia would probably avoid war\n    in the Pacific.', JUDGMENT]);
});

test('a one-word value: the value, the line, the block; a source block in the last section', () => {
  assert.deepEqual(chainAt('B\n'), ['B', 'reliability: B', 'source s1: S\n  reliability: B', SOURCES, TEXT]);
});

test('prose: the link, the paragraph, the section (sub-sections included)', () => {
  assert.deepEqual(chainAt('KJ1]]', 1), ['KJ1', '[[KJ1]]', 'Prose citing [@s1, p. 2] and [[KJ1]].', KEY_JUDGMENTS, TEXT].filter((x, i, all) => all.indexOf(x) === i));
});

test('a heading: the word, the heading line, its section, the section above', () => {
  assert.deepEqual(chainAt('Detail', 2), ['Detail', '## Detail', DETAIL, KEY_JUDGMENTS, TEXT]);
});

test('a block before any heading: no section; a cursor between words starts at the value', () => {
  assert.deepEqual(chainAt('2024-09', 4), ['2024-09', 'date: 2024-09', HEADER, TEXT]);
  assert.deepEqual(chainAt(', [@s1', 1).slice(0, 2), ['C1, [@s1, p. 4],\n    E1', 'because: C1, [@s1, p. 4],\n    E1']);
});

test('several positions, out of range ones clamped; a blank document', () => {
  const ws = new Workspace({ readFile: () => ({ ok: false, reason: 'missing' }) });
  const doc = ws.setDocument('a.kent', TEXT);
  const chains = selectionRanges(doc, [0, TEXT.length + 50, -3]);
  assert.equal(chains.length, 3);
  assert.deepEqual(chains[1].at(-1), { start: 0, end: TEXT.length });
  assert.deepEqual(chains[2][0], { start: 0, end: 'assessment'.length });
  assert.deepEqual(selectionRanges(ws.setDocument('b.kent', ''), [0]), [[]]);
});
