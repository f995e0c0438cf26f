// Semantic tokens (server/src/core/service/semanticTokens.ts): decoded back to the text each names.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseDocument } from '../server/src/core/parser';
import { semanticTokens, TOKEN_MODIFIERS, TOKEN_TYPES } from '../server/src/core/service/semanticTokens';

/** Each token as `text type` (`+` for a declaration), read back from LSP's relative encoding. */
function decoded(text: string): string[] {
  const lines = text.split(/\r\n|\r|\n/); // as LSP counts lines
  const data = semanticTokens(parseDocument('a.kent', text));
  const out: string[] = [];
  let line = 0;
  let char = 0;
  for (let i = 0; i < data.length; i += 5) {
    line += data[i];
    char = data[i] === 0 ? char + data[i + 1] : data[i + 1];
    const declared = data[i + 4] & (1 << TOKEN_MODIFIERS.indexOf('declaration'));
    out.push(`${lines[line].slice(char, char + data[i + 2])} ${TOKEN_TYPES[data[i + 3]]}${declared ? '+' : ''}`);
  }
  return out;
}

test('keywords, declared IDs, attribute names and values, refs with their doc/ prefix, keys, quotes, comments', () => {
  const text = [
    'assessment rt: Russia and Taiwan',
    '  date: 2024-09',
    '',
    '// kent-ignore missing-confidence: drafted',
    'judgment KJ1: Russia would avoid a war [see @iiss, p. 4].',
    '  likelihood: likely',
    '  because: C1, nie/KJ2, @iiss',
    '',
    'claim C1: Ports are at risk.',
    '  likelihood: 70%',
    '',
    'Prose cites [@iiss] and [[C1]].',
    '',
    'evidence E1: Experts expect no role.',
    '  source: @iiss',
    '  quote: "neither China',
    '    nor Russia"',
    '',
    'source iiss: The Military Balance',
    '  reliability: B',
    '  file: sources/mb.txt',
  ].join('\n');
  assert.deepEqual(decoded(text), [
    'assessment keyword', 'rt namespace+', 'date property', '2024-09 number',
    '// kent-ignore missing-confidence: drafted comment',
    'judgment keyword', 'KJ1 variable+', 'iiss type', 'likelihood property', 'likely enumMember',
    'because property', 'C1 variable', 'nie namespace', 'KJ2 variable', 'iiss type',
    'claim keyword', 'C1 variable+', 'likelihood property', '70% number',
    'iiss type', 'C1 variable',
    'evidence keyword', 'E1 variable+', 'source property', 'iiss type', 'quote property', '"neither China string', 'nor Russia" string',
    'source keyword', 'iiss type+', 'reliability property', 'B enumMember', 'file property', 'sources/mb.txt string',
  ]);
});

test('a supersedes: value names an assessment: a namespace, as the assessment\'s own ID and the doc/ of a ref are', () => {
  const text = 'assessment new-one: New\n  supersedes: old-one, older\n\nclaim C1: X.\n  because: old-one/KJ1\n';
  assert.deepEqual(decoded(text), [
    'assessment keyword', 'new-one namespace+', 'supersedes property', 'old-one namespace', 'older namespace',
    'claim keyword', 'C1 variable+', 'because property', 'old-one namespace', 'KJ1 variable',
  ]);
});

test('a CRLF document: no token takes the \\r; tokens never overlap and stay in order', () => {
  const text = 'assessment a: A\r\n\r\nclaim C1: X.\r\n  because: @s\r\n// note\r\n';
  assert.deepEqual(decoded(text.replace(/\r/g, '')), decoded(text).map((t) => t.replace(/\r/g, '')));
  assert.ok(decoded(text).every((t) => !t.includes('\r')));
});

test('a lone carriage return ends a line for the editor: a token after it is placed on the next line', () => {
  assert.deepEqual(decoded('assessment a: A\n\n// one\rtwo\nclaim C1: X [@s].\n'), ['assessment keyword', 'a namespace+', '// one comment', 'two comment', 'claim keyword', 'C1 variable+', 's type']);
});

test('a comment line inside a multi-line quote is a comment, not part of the quote (the parser leaves it out)', () => {
  const text = 'evidence E1: X.\n  source: @s\n  quote: "first\n  // a note on the quote\n    second"\n';
  assert.deepEqual(decoded(text), ['evidence keyword', 'E1 variable+', 'source property', 's type', 'quote property', '"first string', '// a note on the quote comment', 'second" string']);
});

test('an escaped bracket, a code span and an email address are text: no tokens for what they hold', () => {
  const text = ['claim C1: See \\[@a] and `[@b]` or ``[[C2]]``, not [@c].', '', 'Mail analyst@example.org, not \\[[C1]] but [[C1]].'].join('\n');
  assert.deepEqual(decoded(text), ['claim keyword', 'C1 variable+', 'c type', 'C1 variable']);
});
