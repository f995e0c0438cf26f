// The parser reads the shape of a line (heading, block header, attribute, inline bracket) by
// scanning its characters in place. These regular expressions are what those scans must agree
// with; random lines built from the pieces that matter (keywords, `#`, `:`, spaces, tabs, lone
// `\r`, U+2028, no-break spaces) hold each scan to its expression, as the parser's results show it.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { parseDocument } from '../server/src/core/parser';
import { KNOWN_ATTRIBUTES } from '../server/src/core/attributes';

const HEADING = /^(#{1,6})[ \t]+(.*)$/;
const HEADER_START = /^(assessment|judgment|claim|assumption|evidence|source)[ \t]+\S/;
const HEADER_WITH_COLON = /^(assessment|judgment|claim|assumption|evidence|source)[ \t]+[^\s:]*[ \t]*:/;
/** `judgment: …`: a header with its ID left out (a syntax error, not prose). */
const HEADER_WITHOUT_ID = /^(assessment|judgment|claim|assumption|evidence|source):/;
/** `name:` opening an indented line: an attribute line when Kent knows the name, whatever follows. */
const ATTRIBUTE = /^([ \t]+)([A-Za-z][\w-]*)[ \t]*:/;
/** An unknown name's colon must be followed by a space, a tab or the line's end. */
const ANY_ATTRIBUTE = /^([ \t]+)([A-Za-z][\w-]*)[ \t]*:(?=[ \t]|$)/;
const INLINE_OPEN = /\[\[|\[-?@/g;

const piece = fc.constantFrom(
  ...['judgment', 'claim', 'assessment', 'assumption', 'evidence', 'source', 'sources', 'quote', 'likelihood', 'because', 'x-y_1', 'Foo'],
  ...['#', '##', '###', '#######', ' ', '  ', '\t', ':', ':', 'KJ1', 'a/b', '\r', '\u2028', '\u2029', '\u00a0', '\v', '"', 'likely', '.', '-'],
);
/** A line as the line scan gives it: a `\r` at its very end goes with the line break. */
const line = (first: fc.Arbitrary<string>) => fc.tuple(first, fc.array(piece, { maxLength: 8 })).map(([a, rest]) => (a + rest.join('')).replace(/\r$/, ''));
let n = 0;
const parse = (text: string) => parseDocument(`lines-${n++}.kent`, text);
/** Lines that are neither blank nor comments (those are read before any shape). */
const substantial = (l: string) => l.trim() !== '' && !l.trim().startsWith('//');

test('a heading is what /^(#{1,6})[ \\t]+(.*)$/ matches, its text trimmed', () => {
  fc.assert(
    fc.property(line(fc.constantFrom('#', '##', '######', '#######')), (l) => {
      const m = HEADING.exec(l);
      const doc = parse(l);
      assert.deepEqual(
        doc.headings.map((h) => [h.level, h.text]),
        m ? [[m[1].length, m[2].trim()]] : [],
      );
    }),
    { numRuns: 3000, seed: 7 },
  );
});

test('a line followed by an indented one is a block header as the header expressions say', () => {
  fc.assert(
    fc.property(line(piece), (l) => {
      fc.pre(substantial(l) && !/^[ \t#]/.test(l) && !/[\n]/.test(l));
      const header = HEADER_WITH_COLON.test(l) || HEADER_START.test(l) || HEADER_WITHOUT_ID.test(l);
      // A block header leaves no prose: it parses to an item or to a syntax error.
      assert.equal(parse(`${l}\n  more`).prose.length === 0, header, JSON.stringify(l));
    }),
    { numRuns: 3000, seed: 8 },
  );
});

test('an attribute line is what the attribute expression matches with a known name', () => {
  fc.assert(
    fc.property(line(fc.constantFrom(' ', '\t', '  \t', '\u00a0', ' \u00a0')), (l) => {
      fc.pre(substantial(l));
      const m = ATTRIBUTE.exec(l);
      const known = m !== null && KNOWN_ATTRIBUTES.has(m[2]);
      const item = parse(`claim C1: statement\n${l}`).items[0];
      assert.deepEqual(
        item.attributes.map((a) => [a.name, a.start - 20]),
        known ? [[m[2], m[1].length]] : [],
        JSON.stringify(l),
      );
    }),
    { numRuns: 3000, seed: 9 },
  );
});

test('after the first attribute, any `word:` line is an attribute, an unknown name with a space after its colon', () => {
  fc.assert(
    fc.property(line(fc.constantFrom(' ', '\t', '  \t', '\u00a0')), (l) => {
      fc.pre(substantial(l));
      const m = ATTRIBUTE.exec(l);
      const attribute = m !== null && (KNOWN_ATTRIBUTES.has(m[2]) || ANY_ATTRIBUTE.test(l));
      const item = parse(`claim C1: statement\n  against: E1\n${l}`).items[0];
      assert.deepEqual(
        item.attributes.slice(1).map((a) => [a.name, a.start - 34]),
        attribute ? [[m[2], m[1].length]] : [],
        JSON.stringify(l),
      );
    }),
    { numRuns: 3000, seed: 11 },
  );
});

test('inline brackets open where /\\[\\[|\\[-?@/ finds them', () => {
  const bracket = fc.constantFrom('[', '[[', '[@', '[-@', '[-', '-', '@', 'k', ' ', ']', ']]');
  fc.assert(
    fc.property(fc.array(bracket, { maxLength: 12 }), (parts) => {
      const text = 'Prose ' + parts.join('');
      const doc = parse(text);
      // Every opening yields one citation, one link or one diagnostic.
      const found = doc.prose[0].citations.length + doc.prose[0].links.length + doc.parseDiagnostics.length;
      let expected = 0;
      INLINE_OPEN.lastIndex = 0;
      for (let m = INLINE_OPEN.exec(text); m; m = INLINE_OPEN.exec(text)) {
        expected++;
        const close = m[0] === '[[' ? text.indexOf(']]', m.index + 2) : text.indexOf(']', m.index);
        if (close !== -1) INLINE_OPEN.lastIndex = close + (m[0] === '[[' ? 2 : 1);
      }
      assert.equal(found, expected, JSON.stringify(text));
    }),
    { numRuns: 3000, seed: 10 },
  );
});
