// The fast path must build exactly what Ohm builds, wherever it answers at all.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { fastMatch } from '../server/src/core/fastpath';
import { ohmMatch, type Rule } from '../server/src/core/grammar';

const RULES: Rule[] = ['Header', 'RefList', 'IdList', 'OneRef', 'SourceAttr', 'Likelihood', 'Quote', 'Citation', 'Resolved'];

function agree(rule: Rule, text: string): void {
  const fast = fastMatch(rule, text);
  if (fast === undefined) return;
  const ohm = ohmMatch(rule, text);
  assert.ok(ohm.ok, `fast path accepted ${JSON.stringify(text)} as ${rule}, Ohm rejected it`);
  assert.deepEqual(fast, ohm.value, `${rule} ${JSON.stringify(text)}`);
}

const chars = fc.constantFrom(...'aZk19_-@/,.;:%"[] \t\n\x01“”é+'.split(''), 'judgment ', 'claim ', 'likely', '@key', 'C1', ', ', 'p. 4', 'nie-1998/', 'true', '2024-09');
const noise = fc.array(chars, { maxLength: 14 }).map((a) => a.join(''));
const id = fc.stringMatching(/^[A-Za-z][A-Za-z0-9_-]{0,6}$/);
const key = fc.stringMatching(/^[A-Za-z0-9_][A-Za-z0-9_:.\/+-]{0,6}$/);
const ref = fc.oneof(id, fc.tuple(id, id).map(([d, i]) => `${d}/${i}`), key.map((k) => '@' + k));
const space = fc.constantFrom('', ' ', '\n    ', '\t', '\n', ' \x01', '\r\n  ');
// Prefixes and cites over lines (LF and CRLF) are the grammar's alone: the fast path must decline them or agree.
const opening = fc.constantFrom('[@', '[-@', '[ @', '[cf.\n  @', '[see\r\n@', '[see\n  -@', '[@a;\r\n  also @');
const citation = fc.tuple(opening, key, space, fc.constantFrom(']', ', p. 4]', ',p. 4 ]', ', ]', '; @b]', ', pp. 3–4, n. 2]', ',\n p. 9]', ', p. 9\n]', ',\r\n  p.\r\n  9]', ';\r\n  @b]')).map((p) => p.join(''));
const canonical: Record<(typeof RULES)[number], fc.Arbitrary<string>> = {
  Header: fc.tuple(fc.constantFrom('assessment', 'judgment', 'claim', 'source', 'sources', 'claimx'), fc.constantFrom(' ', '  ', '\t'), id, fc.constantFrom(':', ' :', '')).map((p) => p.join('')),
  RefList: fc.array(fc.oneof(ref, citation), { minLength: 1, maxLength: 4 }).chain((rs) => fc.constantFrom(', ', ',', ' , ', ',\n    ', ', ,').map((sep) => rs.join(sep))),
  IdList: fc.array(id, { minLength: 1, maxLength: 4 }).map((rs) => rs.join(', ')),
  OneRef: ref,
  SourceAttr: fc.oneof(key, key.map((k) => '@' + k)),
  Likelihood: fc.oneof(fc.constantFrom('likely', 'very likely', 'almost-certain', 'fairly likely ', 'x'), fc.tuple(fc.nat(120), fc.constantFrom('%', ' %', '-80%', ' - 90 %', '–75%', '%-80%', '% – 90 %', '%%-80%')).map(([n, s]) => n + s)),
  Quote: fc.string({ maxLength: 12 }).map((s) => `"${s}"`),
  Citation: citation,
  Resolved: fc.tuple(fc.constantFrom('true', 'false', 'truex', ' true'), space, fc.constantFrom('', '2024', '2024-09', '2024-09-30', '2024-9', '20245')).map((p) => p.join('')),
};

for (const rule of RULES) {
  test(`fast path agrees with Ohm: ${rule}`, () => {
    fc.assert(fc.property(fc.oneof(canonical[rule], noise), (text) => agree(rule, text)), { numRuns: 1500, seed: 42 });
  });
}

test('the fast path answers the canonical forms (so it is really used)', () => {
  const cases: Array<[Rule, string]> = [
    ['Header', 'judgment KJ1:'],
    ['RefList', 'C1, nie-1998/KJ1, @iiss-2024'],
    ['Likelihood', 'almost certain'],
    ['Likelihood', '60-75%'],
    ['Quote', '"neither China nor Russia is ready for it"'],
    ['Citation', '[@blinken-2024, p. 2]'],
    ['Citation', '[@blinken-2024,\n    p. 2]'],
    ['RefList', 'E1, [@iiss-2024, p. 4], @zhao-2021'],
    ['Resolved', 'false 2025-01'],
    ['SourceAttr', 'iiss-2024'],
  ];
  for (const [rule, text] of cases) {
    assert.ok(fastMatch(rule, text), `${rule} ${text}`);
    agree(rule, text);
  }
});
