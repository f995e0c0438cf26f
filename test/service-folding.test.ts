// Folding ranges (server/src/core/service/folding.ts), 0-based lines.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseDocument } from '../server/src/core/parser';
import { foldingRanges } from '../server/src/core/service/folding';

const LINES = [
  /*  0 */ '// A header comment',
  /*  1 */ '// on two lines',
  /*  2 */ 'assessment alpha: Alpha',
  /*  3 */ '  date: 2024-09',
  /*  4 */ '',
  /*  5 */ '# Key judgments',
  /*  6 */ '',
  /*  7 */ 'Prose «é» 🚀 on one line.',
  /*  8 */ '',
  /*  9 */ 'judgment KJ1: Russia would probably avoid',
  /* 10 */ '    war.',
  /* 11 */ '  // a comment inside',
  /* 12 */ '  likelihood: likely',
  /* 13 */ '',
  /* 14 */ '## Detail',
  /* 15 */ 'claim C1: One line.',
  /* 16 */ '',
  /* 17 */ '// lone comment',
  /* 18 */ '',
  /* 19 */ '# Sources',
  /* 20 */ '',
  /* 21 */ 'source iiss: The Military Balance',
  /* 22 */ '  reliability: B',
  /* 23 */ '',
  /* 24 */ '# Empty',
];

const EXPECTED = [
  { startLine: 0, endLine: 1, kind: 'comment' },
  { startLine: 2, endLine: 3 },
  { startLine: 5, endLine: 17 },
  { startLine: 9, endLine: 12 },
  { startLine: 14, endLine: 17 },
  { startLine: 19, endLine: 22 },
  { startLine: 21, endLine: 22 },
];

for (const eol of ['\n', '\r\n']) {
  test(`folding: blocks, heading sections, comment runs (${JSON.stringify(eol)})`, () => {
    const text = LINES.join(eol) + eol;
    assert.deepEqual(foldingRanges(parseDocument('a.kent', text)), EXPECTED);
  });
}

test('folding: a BOM and a document without a final newline', () => {
  const text = '\uFEFF' + LINES.join('\n');
  assert.deepEqual(foldingRanges(parseDocument('a.kent', text)), EXPECTED);
});

test('folding: an empty document', () => {
  assert.deepEqual(foldingRanges(parseDocument('a.kent', '')), []);
});
