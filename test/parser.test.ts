// The parser on its own: line kinds, continuation lines, offsets, line endings, recovery from
// broken lines, very large and empty input, and the memoisation of Ohm matches.
import { describe, test } from 'node:test';
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { parseDocument } from '../server/src/core/parser';
import { citationSpans } from '../server/src/core/literal';
import { ohmMatchCount } from '../server/src/core/grammar';
import { LineIndex } from '../server/src/core/text';
import { checkDocument } from '../server/src/core/analyze';
import { Workspace } from '../server/src/core/workspace';
import { attributeSpan, nameSpan, valueSpan, type Item, type KentDocument } from '../server/src/core/model';
import type { Span } from '../server/src/core/types';
import { MemoryHost, codes } from './harness';

const here = typeof __dirname === 'string' ? __dirname : path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '..');

const slice = (doc: KentDocument, s: Span) => doc.text.slice(s.start, s.end);
const item = (doc: KentDocument, id: string): Item => {
  const it = doc.items.find((i) => i.id === id);
  assert.ok(it, `no item ${id}; items: ${doc.items.map((i) => i.id).join(', ')}`);
  return it;
};
/** `line:col message` (1-based) of every parse diagnostic. */
const syntaxAt = (doc: KentDocument) => {
  const li = new LineIndex(doc.text);
  return doc.parseDiagnostics.map((d) => {
    const p = li.position(d.span.start);
    return { line: p.line + 1, col: p.character + 1, code: d.code, text: slice(doc, d.span), message: d.message };
  });
};

const EXAMPLE = [
  'assessment ex: An example',
  '  date: 2024-09',
  '  bibliography: refs.bib',
  '',
  '# Key judgments',
  '## A sub-heading',
  '',
  '// a comment line',
  'Prose that cites [@blinken-2024, p. 2] and links [[KJ1]] and [[nie-1998/KJ1]].',
  'It goes on [@a; @b, ch. 2].',
  '',
  'judgment KJ1: In a war over Taiwan, Russia would probably avoid',
  '    becoming directly involved [@iiss-2024].',
  '  likelihood: likely',
  '  confidence: moderate',
  '  because: C1, @zhao-2021,',
  '    nie-1998/KJ1, [@iiss-2024, p. 4]',
  '',
  'claim C1: A claim.',
  '  likelihood: 60-75%',
  '  same-as: nie-1998/KJ2',
  '',
  'assumption A1: The war continues.',
  '  confidence: high',
  '',
  'evidence E1: Experts expect no role.',
  '  source: @zhao-2021',
  '  locator: p. 14',
  '  quote: "neither China nor Russia',
  '    is ready for it"',
  '  credibility: 2',
  '',
  'source zhao-2021: Zhao on an alliance',
  '  reliability: C',
  '  origin: fudan-riac-dialogue',
  '  file: sources/zhao.txt',
  '',
  'judgment KJ2: Resolved.',
  '  resolved: true 2025-01',
  '',
].join('\n');

describe('line kinds', () => {
  const doc = parseDocument('ex.kent', EXAMPLE);

  test('no diagnostics on a well-formed document', () => {
    assert.deepEqual(syntaxAt(doc), []);
  });

  test('blocks of every keyword, in order; the assessment is first', () => {
    assert.deepEqual(
      doc.items.map((i) => `${i.kind} ${i.id}`),
      ['assessment ex', 'judgment KJ1', 'claim C1', 'assumption A1', 'evidence E1', 'source zhao-2021', 'judgment KJ2'],
    );
    assert.equal(doc.assessment?.id, 'ex');
    assert.equal(doc.assessment?.statement, 'An example');
  });

  test('headings with their level and text', () => {
    assert.deepEqual(
      doc.headings.map((h) => [h.level, h.text]),
      [
        [1, 'Key judgments'],
        [2, 'A sub-heading'],
      ],
    );
    assert.equal(slice(doc, doc.headings[0].span), '# Key judgments');
  });

  test('prose paragraphs with their citations and links; comments are not prose', () => {
    assert.equal(doc.prose.length, 1);
    const p = doc.prose[0];
    assert.ok(p.text.startsWith('Prose that cites'));
    assert.ok(!p.text.includes('a comment line'));
    assert.deepEqual(
      p.citations.map((c) => slice(doc, c.span)),
      ['[@blinken-2024, p. 2]', '[@a; @b, ch. 2]'],
    );
    assert.deepEqual(
      p.citations.flatMap((c) => c.refs.map((r) => [r.key, r.locator ?? null, slice(doc, r.span)])),
      [
        ['blinken-2024', 'p. 2', 'blinken-2024'],
        ['a', null, 'a'],
        ['b', 'ch. 2', 'b'],
      ],
    );
    assert.deepEqual(
      p.links.map((l) => [l.doc ?? null, l.id, slice(doc, l.span)]),
      [
        [null, 'KJ1', 'KJ1'],
        ['nie-1998', 'KJ1', 'nie-1998/KJ1'],
      ],
    );
  });

  test('attributes with names and values, typed', () => {
    const kj1 = item(doc, 'KJ1');
    assert.deepEqual(
      kj1.attributes.map((a) => [a.name, a.allowed]),
      [
        ['likelihood', true],
        ['confidence', true],
        ['because', true],
      ],
    );
    assert.equal(kj1.likelihood?.text, 'likely');
    assert.equal(kj1.confidence?.value, 'moderate');
    const c1 = item(doc, 'C1');
    assert.deepEqual(c1.likelihood?.percent, { lo: 0.6, hi: 0.75 });
    // A % on both numbers reads as the same range, not a syntax error.
    for (const written of ['60%-75%', '60 % – 75 %']) {
      const both = parseDocument('b.kent', `claim C1: X.\n  likelihood: ${written}\n`);
      assert.deepEqual([both.items[0].likelihood?.percent, both.parseDiagnostics], [{ lo: 0.6, hi: 0.75 }, []], written);
    }
    assert.deepEqual([c1.sameAs?.doc, c1.sameAs?.id], ['nie-1998', 'KJ2']);
    const e1 = item(doc, 'E1');
    assert.equal(e1.source?.key, 'zhao-2021');
    assert.equal(e1.credibility?.value, '2');
    const src = item(doc, 'zhao-2021');
    assert.equal(src.reliability?.value, 'C');
    assert.equal(src.origin, 'fudan-riac-dialogue');
    assert.equal(src.file?.path, 'sources/zhao.txt');
    assert.deepEqual(item(doc, 'KJ2').resolved, { value: true, date: '2025-01' });
    assert.deepEqual(
      doc.assessment?.bibliography.map((b) => b.path),
      ['refs.bib'],
    );
  });
});

describe('continuation lines', () => {
  const doc = parseDocument('ex.kent', EXAMPLE);

  test('a statement runs over indented lines before the first attribute', () => {
    const kj1 = item(doc, 'KJ1');
    assert.equal(kj1.statement.replace(/\s+/g, ' '), 'In a war over Taiwan, Russia would probably avoid becoming directly involved [@iiss-2024].');
    assert.equal(slice(doc, kj1.statementSpan), kj1.statement);
    assert.deepEqual(
      kj1.citations.map((c) => slice(doc, c.span)),
      ['[@iiss-2024]'],
    );
  });

  test('an attribute value runs over following indented lines', () => {
    const kj1 = item(doc, 'KJ1');
    assert.deepEqual(
      kj1.because.map((r) => (r.type === 'item' ? `${r.doc ? r.doc + '/' : ''}${r.id}` : `@${r.key}${r.locator ? ' ' + r.locator : ''}`)),
      ['C1', '@zhao-2021', 'nie-1998/KJ1', '@iiss-2024 p. 4'],
    );
    const e1 = item(doc, 'E1');
    assert.equal(e1.quote?.text.replace(/\s+/g, ' '), 'neither China nor Russia is ready for it');
    assert.equal(e1.credibility?.value, '2', 'the attribute after a multi-line quote is still read');
  });

  test('a comment line inside a block neither ends it nor joins the statement', () => {
    const d = parseDocument('a.kent', ['claim C1: First line', '// a note', '  second line.', '  because: @s'].join('\n'));
    const c1 = item(d, 'C1');
    assert.equal(c1.statement.replace(/\s+/g, ' ').trim(), 'First line second line.');
    assert.equal(c1.because.length, 1);
  });

  test('a blank line ends a block', () => {
    const d = parseDocument('a.kent', ['claim C1: One.', '', '  more text'].join('\n'));
    assert.equal(item(d, 'C1').statement, 'One.');
    assert.equal(d.prose.length, 1);
  });
});

describe('offsets', () => {
  const doc = parseDocument('ex.kent', EXAMPLE);

  test('IDs, keywords, refs and citations slice back to their text', () => {
    for (const it of doc.items) {
      assert.equal(slice(doc, it.idSpan), it.id);
      assert.equal(slice(doc, it.keywordSpan), it.kind);
      assert.ok(slice(doc, it.span).startsWith(`${it.kind} ${it.id}:`));
      for (const a of it.attributes) {
        assert.equal(slice(doc, nameSpan(a)), a.name);
        assert.equal(slice(doc, valueSpan(a)), a.value);
      }
      for (const r of [...it.because, ...it.against, ...it.assumes, ...it.contradicts, ...it.links]) {
        assert.equal(slice(doc, r.span), r.type === 'item' ? (r.doc ? `${r.doc}/${r.id}` : r.id) : r.key);
      }
      for (const c of it.citations) {
        assert.match(slice(doc, c.span), /^\[.*\]$/s);
        for (const r of c.refs) assert.equal(slice(doc, r.span), r.key);
      }
    }
    const kj1 = item(doc, 'KJ1');
    assert.equal(slice(doc, kj1.likelihood!.span), 'likely');
    assert.equal(slice(doc, item(doc, 'E1').source!.span), 'zhao-2021');
    assert.equal(slice(doc, item(doc, 'E1').quote!.span).startsWith('"neither'), true);
  });

  test('an attribute span covers its line(s) from the name; its spans are built anew, the caller may change them', () => {
    for (const it of doc.items) {
      for (const a of it.attributes) {
        assert.match(slice(doc, attributeSpan(a)), new RegExp(`^${a.name}:`));
        assert.ok(slice(doc, attributeSpan(a)).trimEnd().endsWith(slice(doc, valueSpan(a))));
      }
    }
    const a = item(doc, 'A1').attributes[0];
    const spans = () => [nameSpan(a), valueSpan(a), attributeSpan(a)];
    const was = spans();
    for (const s of spans()) s.start += 5;
    assert.deepEqual(spans(), was);
    assert.equal(slice(doc, valueSpan(a)), 'high');
  });

  test('an item span covers its block, header to last line', () => {
    assert.equal(slice(doc, item(doc, 'A1').span), 'assumption A1: The war continues.\n  confidence: high');
  });
});

describe('line endings and BOM', () => {
  test('CRLF: the same items, and no \\r in any statement, value or span', () => {
    const lf = parseDocument('ex.kent', EXAMPLE);
    const crlf = parseDocument('ex.kent', EXAMPLE.replace(/\n/g, '\r\n'));
    assert.deepEqual(syntaxAt(crlf), []);
    assert.deepEqual(
      crlf.items.map((i) => [i.kind, i.id, i.statement.replace(/\s+/g, ' '), i.attributes.map((a) => [a.name, a.value.replace(/\s+/g, ' ')])]),
      lf.items.map((i) => [i.kind, i.id, i.statement.replace(/\s+/g, ' '), i.attributes.map((a) => [a.name, a.value.replace(/\s+/g, ' ')])]),
    );
    for (const it of crlf.items) {
      assert.equal(slice(crlf, it.idSpan), it.id);
      assert.ok(!slice(crlf, it.statementSpan).endsWith('\r'));
      for (const a of it.attributes) assert.ok(!a.value.endsWith('\r'), `${a.name} value ends with \\r`);
    }
    assert.equal(crlf.headings[0].text, 'Key judgments');
    assert.equal(item(crlf, 'KJ1').likelihood?.text, 'likely');
  });

  test('a BOM does not stop the first line from being a header; offsets still slice', () => {
    const doc = parseDocument('a.kent', '\uFEFFassessment a: With a BOM\n  date: 2024\n\nclaim C1: x [@s].\n');
    assert.deepEqual(syntaxAt(doc), []);
    assert.equal(doc.assessment?.id, 'a');
    assert.equal(slice(doc, doc.assessment!.idSpan), 'a');
    assert.equal(slice(doc, doc.assessment!.keywordSpan), 'assessment');
    assert.equal(slice(doc, item(doc, 'C1').citations[0].span), '[@s]');
  });

  test('a lone CR (old Mac line endings, or one stray) is a syntax error where it is, once per run of lines; CRLF is not', () => {
    const text = 'claim C1: x [@s].\n  likelihood: likely\r  confidence: high\n\nclaim C2: y.\r\n  because: C1\r\n';
    const doc = parseDocument('cr.kent', text);
    assert.deepEqual(
      doc.parseDiagnostics.filter((d) => d.message.includes('carriage return')).map((d) => d.span.start),
      [text.indexOf('\r')],
    );
    assert.deepEqual(parseDocument('crlf.kent', text.replace('likely\r', 'likely\r\n')).parseDiagnostics.filter((d) => d.message.includes('carriage return')), []);
  });

  test('a lone CR line ending inside a value does not leak into it', () => {
    const doc = parseDocument('a.kent', 'claim C1: x\r\n  likelihood: likely\r\n');
    assert.equal(item(doc, 'C1').likelihood?.text, 'likely');
  });
});

describe('recovery', () => {
  // Every block but one line is good; every bad line must yield its own syntax diagnostic.
  const lines = [
    'claim 9bad: starts with a digit', // 1: bad header
    '',
    'claim Good1: fine.',
    '  likelihood: 70', // 4
    '',
    'claim Good2: fine.',
    '  because: C1,,C2', // 7
    '',
    'claim Good3: fine.',
    '  same-as: a b', // 10
    '',
    'judgment Good4: fine.',
    '  resolved: maybe', // 13
    '',
    'evidence Good5: fine.',
    '  quote: "unterminated', // 16
    '',
    'claim Good6: See [[ bad id ]] here.', // 18
    '',
    'claim Good7: See [@ nokey] here.', // 20
    '',
    'claim Good8: See [[C1', // 22
    '',
    'claim Good9: fine.',
    '  negates:', // 25
    '',
    '  because: orphan', // 27
    '',
    'claim Good10: x',
    '  assumes: A1 A2', // 30
    '',
    '// kent-ignore: no codes', // 32
    'claim Good11: x',
    '',
    'claim Good12:', // 35
    '',
    'judgment Good13: x',
    '  confidence: low',
    '  confidence: high', // 39
  ];
  const doc = parseDocument('bad.kent', lines.join('\n'));
  const found = syntaxAt(doc);

  test('every good block is still parsed', () => {
    assert.deepEqual(
      doc.items.map((i) => i.id),
      ['Good1', 'Good2', 'Good3', 'Good4', 'Good5', 'Good6', 'Good7', 'Good8', 'Good9', 'Good10', 'Good11', 'Good12', 'Good13'],
    );
  });

  test('one syntax diagnostic per bad line, on that line', () => {
    assert.deepEqual(
      found.map((f) => `${f.line} ${f.code}`),
      [1, 4, 7, 10, 13, 16, 18, 20, 22, 25, 27, 30, 32, 35, 39].map((l) => `${l} syntax`),
    );
  });

  test('each message says what was expected, at the right position', () => {
    const at = (line: number) => found.find((f) => f.line === line)!;
    assert.deepEqual([at(1).col, at(1).text], [7, '9bad:']);
    assert.match(at(1).message, /expected an ID/);
    assert.match(at(4).message, /likelihood.*expected.*%/);
    assert.deepEqual([at(7).col, at(7).text[0]], [15, ',']);
    assert.match(at(7).message, /because.*expected an item ID/);
    assert.deepEqual([at(10).col, at(10).text], [14, 'b']);
    assert.match(at(10).message, /same-as.*expected end of input/);
    assert.deepEqual([at(13).col, at(13).text], [13, 'maybe']);
    assert.match(at(13).message, /resolved.*expected true or false/);
    assert.equal(at(16).col, 10);
    assert.match(at(16).message, /quote.*expected a double-quoted string/);
    assert.match(at(18).message, /item link: expected/);
    assert.match(at(20).message, /citation: expected a source key/);
    assert.deepEqual([at(22).col, at(22).text], [18, '[[']);
    assert.match(at(22).message, /expected `\]\]`/);
    assert.match(at(25).message, /`negates` has no value; expected one item ID/);
    assert.deepEqual([at(27).col, at(27).text], [3, 'because']);
    assert.match(at(27).message, /outside any block/);
    assert.deepEqual([at(30).col, at(30).text], [15, 'A2']);
    assert.match(at(30).message, /assumes: expected end of input or ","|`assumes`: expected/);
    assert.match(at(32).message, /kent-ignore: expected one or more diagnostic codes/);
    assert.match(at(35).message, /expected a statement/);
    assert.match(at(39).message, /`confidence` is given twice.*expected it once/);
  });

  test('the good values of broken blocks are still read', () => {
    assert.equal(item(doc, 'Good13').confidence?.value, 'low', 'the first of two counts');
    // A broken list keeps the elements that parse, each where it is written.
    assert.deepEqual(
      item(doc, 'Good2').because.map((r) => [r.type === 'item' ? r.id : '', lines.join('\n').slice(r.span.start, r.span.end)]),
      [['C1', 'C1'], ['C2', 'C2']],
    );
    // Refs written without commas (`assumes: A1 A2`) still count, each where it is written.
    assert.deepEqual(
      item(doc, 'Good10').assumes.map((r) => [r.id, lines.join('\n').slice(r.span.start, r.span.end)]),
      [['A1', 'A1'], ['A2', 'A2']],
    );
    assert.deepEqual(item(doc, 'Good6').because, [], 'an element that does not parse is left out');
    // What is kept is what the list without its stray comma gives.
    const refsOf = (value: string) => parseDocument('t.kent', `claim C4: d.\n  because: ${value}\n`).items[0].because;
    assert.deepEqual(refsOf('E1, [@s, p. 3], @k,'), refsOf('E1, [@s, p. 3], @k'));
    assert.equal(refsOf('E1, [@s, p. 3], @k').length, 3);
  });

  test('refs written with spaces, semicolons or `and` for commas: one error on the first ref a comma should precede, a fix that puts commas in, and the refs count', () => {
    const text = 'claim C1: X.\n  because: E1 E2; @s and E3\n\nclaim C2: Y.\n  assumes: A1 A2\n';
    const d = parseDocument('c.kent', text);
    assert.deepEqual(
      d.parseDiagnostics.map((x) => [text.slice(x.span.start, x.span.end), x.message, x.fixes?.map((f) => (f.kind === 'replace' ? [text.slice(f.span.start, f.span.end), f.text, f.title] : []))]),
      [
        ['E2', '`because`: expected "," before `E2`: refs are separated by commas (`E1, E2, @s, E3`)', [['E1 E2; @s and E3', 'E1, E2, @s, E3', 'Separate with commas']]],
        ['A2', '`assumes`: expected "," before `A2`: refs are separated by commas (`A1, A2`)', [['A1 A2', 'A1, A2', 'Separate with commas']]],
      ],
    );
    assert.deepEqual(d.items[0].because.map((r) => text.slice(r.span.start, r.span.end)), ['E1', 'E2', 's', 'E3']);
    // Not for what the grammar tells better: an empty element, a citation, a stray character in a key.
    for (const value of ['C1,,C2', '[@s, p. 3] E1', '@smith&jones E1', 'E1 E$2']) {
      assert.doesNotMatch(parseDocument('c.kent', `claim C1: X.\n  because: ${value}\n`).parseDiagnostics[0].message, /refs are separated by commas \(/, value);
    }
    // The fix leaves a list that parses.
    assert.deepEqual(parseDocument('c.kent', 'claim C1: X.\n  because: E1, E2, @s, E3\n').parseDiagnostics, []);
  });

  test('refs separated over lines: the fix keeps the line breaks and comment lines between them; `, and` is told, not read as an ID', () => {
    const fixed = (value: string) => {
      const text = `claim C1: X.\n  because: ${value}\n`;
      const d = parseDocument('c.kent', text);
      const fix = d.parseDiagnostics[0].fixes![0];
      assert.equal(fix.kind, 'replace');
      const after = text.slice(0, fix.span.start) + (fix.kind === 'replace' ? fix.text : '') + text.slice(fix.span.end);
      assert.deepEqual(parseDocument('c.kent', after).parseDiagnostics, [], after);
      return [d.parseDiagnostics.map((x) => x.message), d.items[0].because.map((r) => text.slice(r.span.start, r.span.end)), after.slice(text.indexOf('because: ') + 9, -1)];
    };
    assert.deepEqual(fixed('E1\n    // the reporting since May\n    E2 and\r\n    E3'), [
      ['`because`: expected "," before `E2`: refs are separated by commas (`E1, E2, E3`)'],
      ['E1', 'E2', 'E3'],
      'E1,\n    // the reporting since May\n    E2,\r\n    E3',
    ]);
    // The Oxford comma: `and` had been read as an ID, and E3 lost.
    assert.deepEqual(fixed('E1, E2, and E3'), [['`because`: `and` before `E3`: refs are separated by commas alone (`E1, E2, E3`)'], ['E1', 'E2', 'E3'], 'E1, E2, E3']);
    // A long list is shown by its first refs.
    const many = Array.from({ length: 1000 }, (_, i) => `E${i}`);
    assert.deepEqual(fixed(many.join(' ')), [['`because`: expected "," before `E1`: refs are separated by commas (`E0, E1, E2, E3, E4, …`)'], many, many.join(', ')]);
  });

  test('a list with a trailing comma is a syntax error, not also an unsupported claim', () => {
    const fx = 'claim C4: Prices will fall.\n  because: E1, @s,\n\nevidence E1: x.\n  source: s\n\nsource s: S\n  reliability: A\n';
    assert.deepEqual(codes(fx).filter((l) => !l.endsWith('unused-source')), ['a.kent:2 syntax']);
  });

  test('the rest of the document is still checked', () => {
    const fx = lines.join('\n') + '\n\njudgment Late: Nothing supports it.\n  likelihood: likely\n  confidence: low\n';
    assert.ok(codes(fx).includes('a.kent:41 unsupported-claim'), codes(fx).join('\n'));
  });
});

describe('miskeyed headers', () => {
  test('`Claim C1:` or `claims C1:` with an attribute under it: a syntax error on the word, changed by a quick fix', () => {
    const text = 'Claim C1: The dam will fail.\n  likelihood: likely\n\nclaims C2: x.\n  because: C1\n\nNote C3: prose that looks like a header.\n  likelihood is not an attribute here\n';
    const doc = parseDocument('m.kent', text);
    assert.deepEqual(doc.items, []);
    assert.deepEqual(
      doc.parseDiagnostics.map((d) => [text.slice(d.span.start, d.span.end), d.fixes?.map((f) => (f.kind === 'replace' ? f.text : ''))]),
      [['Claim', ['claim']], ['claims', ['claim']]],
    );
    assert.match(doc.parseDiagnostics[0].message, /`Claim` is not a block keyword.*lowercase/);
    assert.match(doc.parseDiagnostics[1].message, /did you mean `claim`/);
    // A word alone above attributes, where a bare keyword would be: `sources`, `Source`.
    const lone = 'sources\n  reliability: B\n\nSource\n  url: https://x.org\n\nReliability\n  is prose here\n\nAim\n  date: 2024-03, talks begin\n\nForce\n  date: 2024-04\n\nPlain\n  date: 2024-05\n';
    const loneDoc = parseDocument('l.kent', lone);
    assert.deepEqual(
      loneDoc.parseDiagnostics.map((d) => [lone.slice(d.span.start, d.span.end), d.fixes?.map((f) => (f.kind === 'replace' ? f.text : ''))]),
      [['sources', ['source']], ['Source', ['source']]],
    );
  });

  test('a header with only the colon after its ID missing (`evidence E3 HBM supply is cut off.`) is read as if it were there, with a fix that inserts it', () => {
    const text = 'claim C2: Supply will tighten.\n  because: E3\n\nevidence E3 HBM supply is cut off.\n  source: s1\n\nevidence suggests that\n  the army moved.\n';
    const doc = parseDocument('h.kent', text);
    assert.deepEqual(doc.items.map((i) => [i.kind, i.id, i.statement]), [['claim', 'C2', 'Supply will tighten.'], ['evidence', 'E3', 'HBM supply is cut off.']]);
    assert.equal(doc.items[1].source?.key, 's1');
    assert.deepEqual(
      doc.parseDiagnostics.map((d) => [text.slice(d.span.start, d.span.end), d.message, d.fixes?.map((f) => (f.kind === 'replace' ? [f.span.start, f.text, f.title] : []))]),
      [
        ['E3', 'block header: expected ":" after `E3` (`evidence E3: statement`); the block is read as if it were there', [[text.indexOf('E3 HBM') + 2, ':', 'Insert ":" after E3']]],
        // An ID without a digit is prose gone wrong, not a block: the grammar's error, as before.
        ['that', 'block header: expected ":"; found "that" (expected `KEYWORD ID: statement`)', undefined],
      ],
    );
    const fixed = text.replace('E3 HBM', 'E3: HBM');
    assert.deepEqual(parseDocument('h.kent', fixed).items[1].statement, 'HBM supply is cut off.');
  });

  test('`resolved: yes` (or `no`, `happened`) says which of true or false it means, with a fix; `not yet` and a valid value are left alone', () => {
    const at = (value: string) => {
      const text = `judgment KJ1: X.\n  resolved: ${value}\n`;
      const d = parseDocument('r.kent', text).parseDiagnostics[0];
      return d && [text.slice(d.span.start, d.span.end), d.fixes?.map((f) => (f.kind === 'replace' ? f.text : ''))];
    };
    assert.deepEqual(at('yes 2026-01'), ['yes', ['true']]);
    assert.deepEqual(at('No'), ['No', ['false']]);
    assert.deepEqual(at('True 2026-01'), undefined, 'valid in any case');
    assert.deepEqual(at('happened'), ['happened', ['true']]);
    assert.deepEqual(at('true 2026-01'), undefined);
    assert.deepEqual(at('not yet'), ['not', undefined]);
    assert.match(parseDocument('r.kent', 'judgment KJ1: X.\n  resolved: yes\n').parseDiagnostics[0].message, /found "yes" \(did you mean `true`\?\)/);
  });

  test('a likelihood written both ways (`likely (70%)`, `60 - 75 % (likely)`) is one error, with a fix to each half', () => {
    const text = 'judgment KJ1: Rain.\n  likelihood: likely (70%)\n\njudgment KJ2: Snow.\n  likelihood: 60 - 75 % ( roughly even chance )\n';
    const doc = parseDocument('l.kent', text);
    assert.deepEqual(
      doc.parseDiagnostics.map((d) => [d.code, text.slice(d.span.start, d.span.end), d.fixes?.map((f) => (f.kind === 'replace' ? f.text : ''))]),
      [
        ['syntax', 'likely (70%)', ['likely', '70%']],
        ['syntax', '60 - 75 % ( roughly even chance )', ['roughly even chance', '60-75%']],
      ],
    );
    assert.match(doc.parseDiagnostics[0].message, /give the estimative term or the percentage, not both \(`likely` or `70%`\)/);
    // Each fix leaves a likelihood the parser reads.
    for (const fix of doc.parseDiagnostics[0].fixes ?? []) {
      if (fix.kind !== 'replace') continue;
      const fixed = parseDocument('l2.kent', text.slice(0, fix.span.start) + fix.text + text.slice(fix.span.end));
      assert.equal(fixed.items[0].likelihood?.text, fix.text);
      assert.deepEqual(fixed.parseDiagnostics.filter((d) => d.span.start < text.indexOf('judgment KJ2')), []);
    }
    // A term in parentheses alone is still the grammar's plain error.
    const other = parseDocument('l3.kent', 'judgment KJ1: Rain.\n  likelihood: likely (mostly)\n');
    assert.match(other.parseDiagnostics[0].message, /expected end of input/);
  });

  test('a likelihood written both ways with a % on both numbers (`likely (60%-75%)`, `60 % – 75 % (likely)`) is that error too', () => {
    const text = 'judgment KJ1: Rain.\n  likelihood: likely (60%-75%)\n\njudgment KJ2: Snow.\n  likelihood: 60 % – 75 % (likely)\n';
    const doc = parseDocument('lp.kent', text);
    assert.deepEqual(
      doc.parseDiagnostics.map((d) => [text.slice(d.span.start, d.span.end), d.fixes?.map((f) => (f.kind === 'replace' ? f.text : ''))]),
      [
        ['likely (60%-75%)', ['likely', '60%-75%']],
        ['60 % – 75 % (likely)', ['likely', '60%–75%']],
      ],
    );
    // The percentage offered reads as the range.
    const fixed = parseDocument('lp2.kent', 'judgment KJ1: Rain.\n  likelihood: 60%-75%\n');
    assert.deepEqual([fixed.parseDiagnostics, fixed.items[0].likelihood?.text], [[], '60%-75%']);
  });

  test('`judgment: …` with its ID left out is a syntax error where the ID should be, not prose', () => {
    const text = 'judgment: Russia will act.\n  likelihood: likely\n\nclaim:\n\nA claim: prose may say so, and judgments: too.\n';
    const doc = parseDocument('m.kent', text);
    assert.deepEqual(doc.items, []);
    assert.deepEqual(
      doc.parseDiagnostics.map((d) => [d.code, d.span.start]),
      [
        ['syntax', 'judgment'.length],
        ['syntax', text.indexOf('claim:') + 'claim'.length],
      ],
    );
    assert.match(doc.parseDiagnostics[0].message, /expected an ID/);
    assert.equal(doc.prose.length, 1);
  });
});

describe('a known name and its colon, nothing after', () => {
  /** Each attribute as `name=value`, the value sliced back from its span. */
  const read = (doc: KentDocument, id: string) => item(doc, id).attributes.map((a) => `${a.name}=${slice(doc, valueSpan(a))}`);

  test('`likelihood:likely` under a judgment is its likelihood, as the first attribute or a later one', () => {
    const first = parseDocument('a.kent', ['judgment KJ1: Russia would avoid', '    direct involvement.', '  likelihood:likely', '  because:E1,E2'].join('\n'));
    assert.equal(item(first, 'KJ1').statement.replace(/\s+/g, ' '), 'Russia would avoid direct involvement.');
    assert.deepEqual(read(first, 'KJ1'), ['likelihood=likely', 'because=E1,E2']);
    assert.equal(item(first, 'KJ1').likelihood?.text, 'likely');
    assert.deepEqual(item(first, 'KJ1').because.map((r) => (r.type === 'item' ? r.id : r.key)), ['E1', 'E2']);
    const later = parseDocument('b.kent', ['judgment KJ1: Russia would avoid it.', '  confidence: moderate', '  likelihood:likely'].join('\n'));
    assert.deepEqual(read(later, 'KJ1'), ['confidence=moderate', 'likelihood=likely']);
    assert.deepEqual(syntaxAt(later), []);
  });

  test('`url:https://…` is a url; an unknown `word:x` stays statement or value', () => {
    const doc = parseDocument('a.kent', ['source s: S', '  note:x continues the title', '  url:https://example.org/a', '    https://example.org/b', '    e.g.:x', '  reliability: B'].join('\n'));
    assert.equal(item(doc, 's').statement.replace(/\s+/g, ' '), 'S note:x continues the title');
    assert.deepEqual(read(doc, 's'), ['url=https://example.org/a\n    https://example.org/b\n    e.g.:x', 'reliability=B']);
    assert.deepEqual(syntaxAt(doc), []);
  });

  test('inside an open quote, `source:x` continues the quote', () => {
    const doc = parseDocument('a.kent', ['evidence E1: E', '  quote: "as the', '    source:x said"', '  source:iiss'].join('\n'));
    assert.equal(item(doc, 'E1').quote?.text.replace(/\s+/g, ' '), 'as the source:x said');
    assert.equal(item(doc, 'E1').source?.key, 'iiss');
  });

  test('a quote opened with “ and closed with ” on its line is closed, whatever straight " it holds: the next line is an attribute', () => {
    const doc = parseDocument('a.kent', ['evidence E1: E', '  quote: “closed until "further notice”', '  credibility: 2', '  source: iiss'].join('\n'));
    assert.equal(item(doc, 'E1').quote?.text, 'closed until "further notice');
    assert.deepEqual(read(doc, 'E1'), ['quote=“closed until "further notice”', 'credibility=2', 'source=iiss']);
    assert.deepEqual(syntaxAt(doc), []);
  });

  test('CRLF: the same attributes, no \\r in a value', () => {
    const text = ['judgment KJ1: J.', '  likelihood:likely', '  confidence:', '    high'].join('\r\n');
    const doc = parseDocument('a.kent', text);
    assert.deepEqual(read(doc, 'KJ1'), ['likelihood=likely', 'confidence=high']);
    assert.equal(item(doc, 'KJ1').confidence?.value, 'high');
  });

  test('an attribute line after a blank line is an orphan, spaced or not', () => {
    const doc = parseDocument('a.kent', ['claim C1: x', '', '  confidence:high'].join('\n'));
    assert.deepEqual(syntaxAt(doc).map((x) => [x.line, x.col, x.text]), [[3, 3, 'confidence']]);
  });
});

describe('unknown attributes and orphans', () => {
  test('an unknown `word:` after the first attribute is unknown-attribute (not a continuation)', () => {
    const doc = parseDocument('a.kent', ['claim C1: x', '  because: @s', '  weight: heavy', '  more: stuff'].join('\n'));
    const c1 = item(doc, 'C1');
    assert.deepEqual(
      c1.attributes.map((a) => [a.name, a.allowed]),
      [
        ['because', true],
        ['weight', false],
        ['more', false],
      ],
    );
    assert.equal(c1.because.length, 1);
    assert.deepEqual(codes(['claim C1: x', '  because: @s', '  weight: heavy'].join('\n')).filter((c) => c.includes('unknown-attribute')), ['a.kent:3 unknown-attribute']);
  });

  test('an indented line without `name:` after an attribute continues its value', () => {
    const doc = parseDocument('a.kent', ['claim C1: x', '  because: C2,', '    C3', '  likelihood: likely'].join('\n'));
    assert.deepEqual(
      item(doc, 'C1').because.map((r) => (r.type === 'item' ? r.id : r.key)),
      ['C2', 'C3'],
    );
  });

  test('a URL value with a colon is not mistaken for an attribute', () => {
    const doc = parseDocument('a.kent', ['source s: S', '  url: https://example.org/a:b', '  reliability: B'].join('\n'));
    assert.equal(item(doc, 's').attributes.find((a) => a.name === 'url')?.value, 'https://example.org/a:b');
    assert.equal(item(doc, 's').reliability?.value, 'B');
  });

  test('an orphan attribute after a blank line is a syntax error pointing at its name', () => {
    const doc = parseDocument('a.kent', ['claim C1: x', '  because: @s', '', '  confidence: high'].join('\n'));
    const f = syntaxAt(doc);
    assert.deepEqual(
      f.map((x) => [x.line, x.col, x.text]),
      [[4, 3, 'confidence']],
    );
    assert.match(f[0].message, /outside any block/);
    assert.equal(item(doc, 'C1').confidence, undefined);
  });
});

describe('size and emptiness', () => {
  const ws = () => new Workspace(new MemoryHost());

  test('an empty file, a blank file and a file of one newline', () => {
    for (const t of ['', '\n', '   \n\t\n', '\r\n', '\uFEFF']) {
      const doc = parseDocument('a.kent', t);
      assert.deepEqual([doc.items.length, doc.parseDiagnostics.length], [0, 0]);
      const w = ws();
      assert.deepEqual(checkDocument(w, w.setDocument('a.kent', t)), []);
    }
  });

  test('a 5 MB single line of prose, and a 5 MB statement, do not throw', () => {
    const words = 'Russia could probably avoid war [@k] in May 2024. '.repeat(100_000);
    assert.ok(words.length >= 5_000_000);
    for (const t of [words, 'claim C1: ' + words, 'x'.repeat(5_000_000)]) {
      const w = ws();
      const doc = w.setDocument('a.kent', t);
      const ds = checkDocument(w, doc);
      for (const d of ds) assert.ok(d.span.start >= 0 && d.span.end <= t.length);
    }
  });

  // Hostile lines (both once took minutes: a quadratic bracket search, and slow Ohm failure
  // reporting on long values). They run in a child process, so a regression cannot hang the
  // suite, and the parse is measured in CPU time, so a loaded machine does not fail them.
  const cpuOfParse = (textExpr: string): number => {
    const script = `const { parseDocument } = require('./server/src/core/parser');
      const text = ${textExpr};
      const t0 = process.cpuUsage();
      parseDocument('a.kent', text);
      const t = process.cpuUsage(t0);
      process.stdout.write(String((t.user + t.system) / 1000));`;
    const r = spawnSync(process.execPath, ['--import', 'tsx', '-e', script], { cwd: root, timeout: 120_000, encoding: 'utf8' });
    assert.equal(r.error, undefined, 'timed out after 120 s');
    assert.equal(r.status, 0, r.stderr);
    return Number(r.stdout);
  };

  test('a 2 MB line of unclosed `[[` parses in under 3 s of CPU', () => {
    const ms = cpuOfParse(`'[['.repeat(1_000_000)`);
    assert.ok(ms < 3000, `${ms} ms`);
  });

  test('a quote closed early by an inner `"`, escaped or not, is told that quotes have no escapes; a quote ending in spaces is fine', () => {
    const doc = parseDocument(
      'q.kent',
      ['evidence E1: x', '  source: s', '  quote: "the \\"Bear\\" is ready"', '', 'evidence E2: y', '  source: s', '  quote: "he said "no" twice"', '', 'evidence E3: z', '  source: s', '  quote: "fine"  ', '', 'evidence E4: w', '  source: s', '  quote: "unterminated'].join('\n'),
    );
    const found = syntaxAt(doc);
    assert.deepEqual(found.map((f) => f.line), [3, 7, 15]);
    for (const f of found.slice(0, 2)) assert.match(f.message, /`quote`: .*a `"` inside the quote ends it, and a quote has no escapes: write the inner quotation marks as single quotes or curly quotes/);
    assert.match(found[2].message, /\(expected a double-quoted string\)$/);
    assert.equal(item(doc, 'E3').quote?.text, 'fine');
  });

  test("a quote between single quote marks (`'…'`, `‘…’`) is told to take double ones, with a fix that changes the outer marks alone", () => {
    const lines = ['evidence E1: x', '  source: s', "  quote: 'Huawei's chips ship'", '', 'evidence E2: y', '  source: s', '  quote: ‘he said "no"’', '', 'evidence E3: z', '  source: s', "  quote: 'over", "    lines'"];
    const text = lines.join('\n');
    const doc = parseDocument('q.kent', text);
    assert.deepEqual(
      doc.parseDiagnostics.map((d) => [d.code, text.slice(d.span.start, d.span.end), d.fixes?.map((f) => (f.kind === 'replace' ? f.text : ''))]),
      [
        ['syntax', "'Huawei's chips ship'", ['"Huawei\'s chips ship"']],
        ['syntax', '‘he said "no"’', ['“he said "no"”']],
        ['syntax', "'over\n    lines'", []],
      ],
    );
    assert.equal(doc.parseDiagnostics[0].message, '`quote`: a quote is written between double quote marks (`"…"` or `“…”`), not single ones; single quote marks inside it may stay');
    // Each fix leaves a quote the parser reads, its passage unchanged.
    for (const [d, passage] of [[doc.parseDiagnostics[0], "Huawei's chips ship"], [doc.parseDiagnostics[1], 'he said "no"']] as const) {
      const fix = d.fixes![0]!;
      assert.ok(fix.kind === 'replace');
      const fixed = parseDocument('q.kent', text.slice(0, fix.span.start) + fix.text + text.slice(fix.span.end));
      assert.equal(fixed.items.find((i) => i.quote?.text === passage)?.kind, 'evidence');
    }
  });

  test('a 2 MB unclosed quote value parses in under 3 s of CPU', () => {
    const ms = cpuOfParse(`'evidence E1: x\\n  source: s\\n  quote: "' + 'a'.repeat(2_000_000)`);
    assert.ok(ms < 3000, `${ms} ms`);
  });
});

describe('Ohm memoisation', () => {
  // grammar.ts may answer canonical values by a fast path without Ohm; values with unusual
  // spacing or errors always go to Ohm, so the fixtures below hold some, unique to each run.
  const tag = () => `m${Date.now().toString(36)}${Math.random().toString(36).slice(2)}`;

  test('parsing the same document twice costs no new Ohm matches', () => {
    const t = tag();
    const text = [
      EXAMPLE,
      `claim X${t}: A statement [@k${t} ,  p.  4].`,
      `  likelihood: 60 -  7${t.length % 10}  %`,
      `  because: C1 ,`,
      `    ${t}`,
      `  same-as: ${t} extra`,
      '',
    ].join('\n');
    const before = ohmMatchCount();
    const first = parseDocument('memo.kent', text);
    const afterFirst = ohmMatchCount();
    assert.ok(afterFirst > before, 'the first parse runs Ohm');
    const second = parseDocument('memo.kent', text);
    assert.equal(ohmMatchCount(), afterFirst, 'the second parse is all memo hits');
    assert.deepEqual(
      second.items.map((i) => [i.id, i.because.length, i.likelihood?.text]),
      first.items.map((i) => [i.id, i.because.length, i.likelihood?.text]),
    );
    assert.deepEqual(second.parseDiagnostics, first.parseDiagnostics);
    // Spans are per document, not shared through the memo: a shifted copy has shifted spans.
    const shifted = parseDocument('memo2.kent', '\n\n' + text);
    assert.equal(ohmMatchCount(), afterFirst, 'the same values at other offsets are memo hits too');
    const a = item(first, `X${t}`);
    const b = item(shifted, `X${t}`);
    assert.deepEqual(
      b.because.map((r) => r.span.start),
      a.because.map((r) => r.span.start + 2),
    );
    assert.equal(b.citations[0].span.start, a.citations[0].span.start + 2);
    assert.equal(shifted.parseDiagnostics[0].span.start, first.parseDiagnostics[0].span.start + 2);
  });

  test('editing only a statement costs no new Ohm matches; editing a value costs one', () => {
    const [t1, t2] = [tag(), tag()];
    const base = `claim M${t1}: A statement.\n  likelihood: ${t1}!\n  because: C1 ,  C2\n`;
    parseDocument('m.kent', base);
    const n = ohmMatchCount();
    parseDocument('m.kent', base.replace('A statement.', 'Another statement entirely.'));
    assert.equal(ohmMatchCount(), n);
    parseDocument('m.kent', base.replace(`${t1}!`, `${t2}!`));
    assert.equal(ohmMatchCount(), n + 1);
  });
});

describe('a character no name takes', () => {
  const messages = (text: string) => parseDocument('a.kent', text).parseDiagnostics.filter((d) => d.code === 'syntax').map((d) => [text.slice(d.span.start, d.span.end), d.message] as const);
  test('in a key or an ID, the message names it and what names take, at the character', () => {
    const text = 'assessment a: A\n\nclaim C1: Y [@Müller2020].\n  because: @smith&jones, Cé1\n\njudgment KJé1: Z.\n';
    const found = messages(text);
    assert.deepEqual(found.map(([at]) => at), ['ü', '&', 'é']);
    for (const [at, message] of found) assert.match(message, new RegExp(`"${at}" cannot be in an item ID or a source key: they take ASCII letters, digits, _ and -`));
  });
  test('not in a value made of words, nor where a name has simply ended', () => {
    const text = 'assessment a: A\n\njudgment J: Y [@s1 p. 4].\n  likelihood: likely!\n  because: C1 C2\n';
    for (const [, message] of messages(text)) assert.doesNotMatch(message, /cannot be in an item ID/);
    assert.equal(messages(text).length, 3);
  });
});

describe("citations with Pandoc's prefix", () => {
  const cited = (text: string) => parseDocument('a.kent', text);
  const c1 = (doc: KentDocument) => doc.items.find((i) => i.id === 'C1')!;
  test('[see @a, p. 4; also @b]: each key with its prefix and locator, spans on the keys', () => {
    const text = 'assessment a: A\n\nclaim C1: Exports fell [see @a, p. 4; also -@b] and [cf. @c].\n';
    const doc = cited(text);
    assert.deepEqual(doc.parseDiagnostics, []);
    const refs = c1(doc).citations.flatMap((c) => c.refs.map((r) => [text.slice(r.span.start, r.span.end), r.prefix, r.locator]));
    assert.deepEqual(refs, [['a', 'see', 'p. 4'], ['b', 'also', undefined], ['c', 'cf.', undefined]]);
    assert.deepEqual(c1(doc).citations.map((c) => text.slice(c.span.start, c.span.end)), ['[see @a, p. 4; also -@b]', '[cf. @c]']);
  });
  test('in prose and in because:, and after an edit moves it', () => {
    const text = 'assessment a: A\n\nSome think so [see @a].\n\nclaim C1: Y.\n  because: [see @b, p. 2]\n';
    const doc = cited(text);
    assert.deepEqual(doc.parseDiagnostics, []);
    assert.deepEqual(doc.prose[0].citations[0].refs.map((r) => [r.key, r.prefix]), [['a', 'see']]);
    assert.deepEqual(c1(doc).because.map((r) => [r.type === 'source' && r.key, r.type === 'source' && r.prefix]), [['b', 'see']]);
    const moved = parseDocument('a.kent', text.replace('A\n', 'A longer title\n'), undefined, doc);
    assert.deepEqual(moved.prose[0].citations[0].refs.map((r) => [r.key, r.prefix]), [['a', 'see']]);
  });
  test('a prefix, a key, a locator and the cites of one citation go on over lines, LF or CRLF', () => {
    for (const nl of ['\n', '\r\n']) {
      const text = `assessment a: A${nl}${nl}claim C1: Exports fell [cf.${nl}  @beta, p. 9] and [see${nl}  also${nl}  -@c;${nl}  @d,${nl}  p. 2].${nl}${nl}Prose says [see${nl}@beta].${nl}`;
      const doc = cited(text);
      assert.deepEqual(doc.parseDiagnostics, [], JSON.stringify(nl));
      assert.deepEqual(c1(doc).citations.map((c) => text.slice(c.span.start, c.span.end)), [`[cf.${nl}  @beta, p. 9]`, `[see${nl}  also${nl}  -@c;${nl}  @d,${nl}  p. 2]`]);
      const refs = [...c1(doc).citations, ...doc.prose[0].citations].flatMap((c) => c.refs.map((r) => [text.slice(r.span.start, r.span.end), r.prefix, r.locator]));
      assert.deepEqual(refs, [['beta', 'cf.', 'p. 9'], ['c', `see${nl}  also`, undefined], ['d', undefined, 'p. 2'], ['beta', 'see', undefined]]);
    }
  });
  test('the parser reads a citation where literal.ts sees one, over lines too, and no other', () => {
    // Random bracketed text in a wrapped statement: every citation the parser reads is one that
    // literal.ts (semantic tokens, the estimative reader) sees, with the same span; and every one
    // literal.ts sees is read or said to be malformed. `[[` opens a link, so is left out.
    const token = fc.constantFrom('[', ']', '@a', '@beta', '-@c', '@', 'see', 'cf. ', 'p. 9', 'x', ' ', '\t', ';', ',', '\n  ', '\r\n  ', '\n\t');
    const body = fc.array(token, { maxLength: 16 }).map((t) => t.join('')).filter((t) => !t.includes('[['));
    const crlf = fc.boolean();
    fc.assert(
      fc.property(body, crlf, (text, windows) => {
        const nl = windows ? '\r\n' : '\n';
        const source = `assessment a: A${nl}${nl}claim C1: Y ${text} end.${nl}`;
        const doc = parseDocument('a.kent', source);
        const item = c1(doc);
        const base = item.statementSpan.start;
        const statement = item.statement;
        const seen = citationSpans(statement);
        const read = item.citations.map((c) => [c.span.start - base, c.span.end - base]);
        for (const [start, end] of read) assert.ok(seen.some((s, i) => i % 2 === 0 && s === start && seen[i + 1] === end), `read, not seen: ${JSON.stringify(statement.slice(start, end))}`);
        for (const c of item.citations) for (const r of c.refs) assert.equal(source.slice(r.span.start, r.span.end), r.key);
        const told = doc.parseDiagnostics.filter((d) => d.message.startsWith('citation'));
        for (let i = 0; i < seen.length; i += 2) {
          if (read.some(([start, end]) => start === seen[i] && end === seen[i + 1])) continue;
          assert.ok(told.some((d) => d.span.start >= base + seen[i] && d.span.start <= base + seen[i + 1]), `seen, neither read nor told: ${JSON.stringify(statement.slice(seen[i], seen[i + 1]))}`);
        }
      }),
      { numRuns: 2000, seed: 7 },
    );
  });
  test('brackets without a key are text: [see above], [mail a@b.org], [1 @ 2]', () => {
    const doc = cited('assessment a: A\n\nclaim C1: Y [see above] [mail a@b.org] [1 @ 2].\n');
    assert.deepEqual(doc.parseDiagnostics, []);
    assert.deepEqual(c1(doc).citations, []);
  });
});

describe('literal text: escaped brackets and code spans', () => {
  const cites = (doc: KentDocument, i = 0) => doc.items[i].citations.map((c) => slice(doc, c.span));
  const links = (doc: KentDocument, i = 0) => doc.items[i].links.map((l) => slice(doc, l.span));

  test('\\[@x] and \\[[C1]] are text; an escaped backslash leaves the bracket a citation; \\[[@x]] holds one', () => {
    const doc = parseDocument('a.kent', 'claim C1: a \\[@x] b \\[[C1]] c \\\\[@y] d \\[[@z]] e [@w, p. 4].\n');
    assert.deepEqual(doc.parseDiagnostics, []);
    assert.deepEqual(cites(doc), ['[@y]', '[@z]', '[@w, p. 4]']);
    assert.deepEqual(links(doc), []);
  });

  test('a code span hides what is in it: N backticks close only at N backticks, across lines', () => {
    const text = 'claim C1: `[@a]` and ``x ` [[C2]]`` and ```\n    [@b] `` ``` then [@c] [[C3]].\n';
    const doc = parseDocument('a.kent', text);
    assert.deepEqual(doc.parseDiagnostics, []);
    assert.deepEqual(cites(doc), ['[@c]']);
    assert.deepEqual(links(doc), ['C3']);
  });

  test('an unclosed run of backticks is literal and hides nothing; an escaped backtick opens no span', () => {
    const doc = parseDocument('a.kent', 'claim C1: a `` b [@a] ` c [[C2]].\n\nclaim C2: \\`[@b]` and `[@c]`.\n');
    assert.deepEqual(cites(doc, 0), ['[@a]']);
    assert.deepEqual(links(doc, 0), ['C2']);
    // `\`` is a backtick, so the code span runs from the second to the third: ` and `. Both citations stand.
    assert.deepEqual(cites(doc, 1), ['[@b]', '[@c]']);
  });

  test('in prose too; a malformed citation in a code span is no syntax error; an email address is text', () => {
    const doc = parseDocument('a.kent', 'Write `[@Müller2020]` or \\[@smith&jones], mail analyst@example.org, see [[C1]] and `[[C1`.\n');
    assert.deepEqual(doc.parseDiagnostics, []);
    assert.deepEqual(doc.prose[0].citations, []);
    assert.deepEqual(doc.prose[0].links.map((l) => slice(doc, l.span)), ['C1']);
  });

  test('a `]` in a code span or escaped closes no bracket: the citation runs to the next `]`, as Pandoc reads it', () => {
    const text = 'claim C1: a [@a, see `x]` here] b [@b, p. ``]; y`` 4; @c] c [@d, p. 5\\] six] d [see `@e]` @f, p. 7].\n';
    const doc = parseDocument('a.kent', text);
    assert.deepEqual(doc.parseDiagnostics, []);
    assert.deepEqual(cites(doc), ['[@a, see `x]` here]', '[@b, p. ``]; y`` 4; @c]', '[@d, p. 5\\] six]', '[see `@e]` @f, p. 7]']);
    const refs = doc.items[0].citations.flatMap((c) => c.refs.map((r) => `${r.prefix ?? ''}|${slice(doc, r.span)}|${r.locator ?? ''}`));
    // The locators and prefixes are as written, code spans and backslashes kept.
    assert.deepEqual(refs, ['|a|see `x]` here', '|b|p. ``]; y`` 4', '|c|', '|d|p. 5\\] six', 'see `@e]`|f|p. 7']);
  });

  test('a `]` in a code span: an item link, a suppressed author, a span across lines; unclosed runs hide nothing', () => {
    const text = 'claim C1: [-@a, ch. `]` 2] and [@b, `x\n    ]` y] and [[C2]] `]]`.\n\nclaim C2: [@c, `] d] ` e.\n';
    const doc = parseDocument('a.kent', text);
    assert.deepEqual(cites(doc, 0), ['[-@a, ch. `]` 2]', '[@b, `x\n    ]` y]']);
    assert.deepEqual(links(doc, 0), ['C2']);
    assert.deepEqual(doc.items[0].citations[0].refs[0].locator, 'ch. `]` 2');
    // One backtick pair `] d] ` holds both `]`: the citation has no `]` of its own.
    assert.deepEqual(syntaxAt(doc).map((d) => `${d.line}:${d.col} ${d.message}`), ['4:11 citation: expected `]` to close `[@`']);
  });

  test('a citation left unclosed but for a `]` in a code span is unclosed, as before an edit closes it', () => {
    const open = 'claim C1: a [@a, see `x]` here b.\n';
    let doc = parseDocument('a.kent', open);
    assert.deepEqual(syntaxAt(doc).map((d) => d.text), ['[@']);
    doc = parseDocument('a.kent', open.replace('here', 'here]'), undefined, doc);
    assert.deepEqual(doc.parseDiagnostics, []);
    assert.deepEqual(cites(doc), ['[@a, see `x]` here]']);
  });

  test('a backtick in a statement typed and removed: each version parses as from scratch', () => {
    const v1 = 'assessment a: A\n\nclaim C1: one [@a]\n    two [@b] three\n  because: C2\n\nclaim C2: x\n';
    const v2 = v1.replace('one ', 'one `').replace('two ', 'two` ');
    let doc = parseDocument('edit.kent', v1);
    assert.deepEqual(cites(doc, 1), ['[@a]', '[@b]']);
    doc = parseDocument('edit.kent', v2, undefined, doc);
    assert.deepEqual(cites(doc, 1), ['[@b]']);
    doc = parseDocument('edit.kent', v1, undefined, doc);
    assert.deepEqual(cites(doc, 1), ['[@a]', '[@b]']);
  });
});

describe('two attributes on one line', () => {
  const messages = (text: string) => parseDocument('a.kent', text).parseDiagnostics.filter((d) => d.code === 'syntax').map((d) => [text.slice(d.span.start, d.span.end), d.message] as const);
  test('a known name and its colon inside a value: the message says to give it a line of its own, on the name', () => {
    const text = 'assessment a: A\n\nclaim C1: Y.\n  because: E1, against: E2\n  assumes: A1 contradicts: C2\n';
    assert.deepEqual(messages(text), [
      ['against:', '`because`: `against:` starts another attribute; write it on a line of its own'],
      ['contradicts:', '`assumes`: `contradicts:` starts another attribute; write it on a line of its own'],
    ]);
  });
  test('a word that is no attribute name before a colon is the usual error', () => {
    const text = 'assessment a: A\n\nclaim C1: Y.\n  because: E1, notes: E2\n';
    const found = messages(text);
    assert.equal(found.length, 1);
    assert.doesNotMatch(found[0][1], /starts another attribute/);
  });
});
