import { test } from 'node:test';
import assert from 'node:assert/strict';
import { bibliographyFormat, keyFieldSpans, keyReplacement, parseBibliography, type BibEntry } from '../server/src/core/bibliography';

/** Expected entry, with the key span given as the text just before the key (the key follows it, once, in the file). */
type Expected = Omit<BibEntry, 'keySpan'> & { keyAfter: string };
/** Expected error, with its offset given as the text that starts there (first occurrence). */
type ExpectedError = { at: string; message: RegExp };

const BIBTEX = `% Exported by Zotero
@string{iiss = "{International Institute for Strategic Studies}"}

@book{iiss-2024,
  title = {The {Military} {Balance} 2024},
  author = iiss,
  date = {2024-02},
  url = {https://www.iiss.org/publications/the-military-balance/},
  reliability = {B},
  kind = {reference},
}

@article{Zhao2021,
  title = {Why {China} and {Russia} Won't Ally --- a \\emph{Dialogue} on {\\"O}sterreich},
  author = {Zhao, Huasheng and Doe, J.},
  year = 2021,
  month = may,
  journal = {RIAC},
  origin = {fudan-riac-dialogue},
  reliability = "C",
}
@misc{zhao2021,
  title = {Same key but lowercase: keys are case-sensitive},
  note = {reliability: D},
}
`;

const BROKEN = `@book{first, title = {First}, reliability = {A}}
@misc{broken,
  title = {Never closed,
  year = 2020
@book{third, title = {Third}}
@book{fourth, title = {Fourth} year = 1999}
@book{fifth, title = {Fifth}}
`;

const CSL = `[
  {
    "id": "blinken-2024",
    "type": "speech",
    "title": "Secretary Blinken's remarks in <i>Rome</i>",
    "author": [{ "family": "Blinken", "given": "Antony J." }, { "literal": "U.S. Department of State" }],
    "issued": { "date-parts": [["2024", 4]] },
    "URL": "https://www.state.gov/",
    "reliability": "B"
  },
  {
    "id": "ITEM-2",
    "citation-key": "roe-2019",
    "type": "report",
    "title": "A report",
    "issued": { "date-parts": [[2019]] },
    "note": "Some text\\nreliability: C\\norigin: roe-lab"
  }
]`;

const cases: Array<{
  name: string;
  text: string;
  format: 'bibtex' | 'csl-json';
  entries: Expected[];
  errors: ExpectedError[];
}> = [
  {
    name: 'BibTeX with custom fields, @string macros, LaTeX, case-sensitive keys',
    text: BIBTEX,
    format: 'bibtex',
    entries: [
      {
        key: 'iiss-2024',
        keyAfter: '@book{',
        title: 'The Military Balance 2024',
        author: 'International Institute for Strategic Studies',
        date: '2024-02',
        url: 'https://www.iiss.org/publications/the-military-balance/',
        reliability: 'B',
        kind: 'reference',
        fields: {
          title: 'The {Military} {Balance} 2024',
          author: '{International Institute for Strategic Studies}',
          date: '2024-02',
          url: 'https://www.iiss.org/publications/the-military-balance/',
          reliability: 'B',
          kind: 'reference',
        },
      },
      {
        key: 'Zhao2021',
        keyAfter: '@article{',
        title: 'Why China and Russia Won\'t Ally — a Dialogue on Österreich',
        author: 'Zhao, Huasheng and Doe, J.',
        date: '2021-05',
        origin: 'fudan-riac-dialogue',
        reliability: 'C',
        fields: {
          title: 'Why {China} and {Russia} Won\'t Ally --- a \\emph{Dialogue} on {\\"O}sterreich',
          author: 'Zhao, Huasheng and Doe, J.',
          year: '2021',
          month: '05',
          journal: 'RIAC',
          origin: 'fudan-riac-dialogue',
          reliability: 'C',
        },
      },
      {
        key: 'zhao2021',
        keyAfter: '@misc{',
        title: 'Same key but lowercase: keys are case-sensitive',
        reliability: 'D',
        fields: { title: 'Same key but lowercase: keys are case-sensitive', note: 'reliability: D' },
      },
    ],
    errors: [],
  },
  {
    name: 'BibTeX with broken entries: the others are still returned',
    text: BROKEN,
    format: 'bibtex',
    entries: [
      { key: 'first', keyAfter: '@book{', title: 'First', reliability: 'A', fields: { title: 'First', reliability: 'A' } },
      { key: 'third', keyAfter: '@book{', title: 'Third', fields: { title: 'Third' } },
      { key: 'fifth', keyAfter: '@book{', title: 'Fifth', fields: { title: 'Fifth' } },
    ],
    errors: [
      { at: '@misc{broken', message: /^entry "broken" is not closed before the next entry/ },
      { at: 'year = 1999}', message: /^syntax error in entry "fourth": expected "," or "}", got a field name \(is the "," after the field before it missing\?\)/ },
    ],
  },
  {
    name: 'BibTeX: an entry left open at the end of the file says so (there is no next entry)',
    text: '@book{a, title={One}}\n\n@article{open,\n  title={Two},\n  year={2020}\n',
    format: 'bibtex',
    entries: [{ key: 'a', keyAfter: '@book{', title: 'One', fields: { title: 'One' } }],
    errors: [{ at: '@article{open', message: /^entry "open" is not closed before the end of the file/ }],
  },
  {
    name: 'BibTeX: a duplicate key is reported at the second key',
    text: '@book{a, title={One}}\n@book{b, title={Two}}\n@misc{a, title={Three}}\n',
    format: 'bibtex',
    entries: [
      { key: 'a', keyAfter: '@book{', title: 'One', fields: { title: 'One' } },
      { key: 'b', keyAfter: '@book{', title: 'Two', fields: { title: 'Two' } },
    ],
    errors: [{ at: 'a, title={Three}', message: /^duplicate key "a"/ }],
  },
  {
    name: 'CSL-JSON with reliability as a key and in the note',
    text: CSL,
    format: 'csl-json',
    entries: [
      {
        key: 'blinken-2024',
        keyAfter: '"id": "',
        title: "Secretary Blinken's remarks in Rome",
        author: 'Blinken, Antony J. and U.S. Department of State',
        date: '2024-04',
        url: 'https://www.state.gov/',
        reliability: 'B',
        fields: {
          id: 'blinken-2024',
          type: 'speech',
          title: "Secretary Blinken's remarks in <i>Rome</i>",
          author: '[{"family":"Blinken","given":"Antony J."},{"literal":"U.S. Department of State"}]',
          issued: '{"date-parts":[["2024",4]]}',
          url: 'https://www.state.gov/',
          reliability: 'B',
        },
      },
      {
        key: 'roe-2019',
        keyAfter: '"citation-key": "',
        title: 'A report',
        date: '2019',
        reliability: 'C',
        origin: 'roe-lab',
        fields: {
          id: 'ITEM-2',
          'citation-key': 'roe-2019',
          type: 'report',
          title: 'A report',
          issued: '{"date-parts":[[2019]]}',
          note: 'Some text\nreliability: C\norigin: roe-lab',
        },
      },
    ],
    errors: [],
  },
  {
    name: 'CSL-JSON that is not JSON: error at the offset, entries recovered',
    text: '[\n  { "id": "a", "title": "A" }\n  { "id": "b" }\n]',
    format: 'csl-json',
    entries: [
      { key: 'a', keyAfter: '"id": "', title: 'A', fields: { id: 'a', title: 'A' } },
      { key: 'b', keyAfter: '"id": "', fields: { id: 'b' } },
    ],
    errors: [{ at: '{ "id": "b" }', message: /^invalid JSON: expected ","/ }],
  },
  {
    name: 'CSL-JSON: prose',
    text: 'These are my sources.',
    format: 'csl-json',
    entries: [],
    errors: [{ at: 'These', message: /^invalid JSON/ }],
  },
  {
    name: 'CSL-JSON: items without an id',
    text: '[{"title": "no id"}, 3]',
    format: 'csl-json',
    entries: [],
    errors: [
      { at: '{"title"', message: /has no "id"/ },
      { at: '3]', message: /expected a CSL-JSON item/ },
    ],
  },
  {
    name: 'not a bibliography: prose',
    text: 'Dear colleague,\nhere are the sources we discussed.\n',
    format: 'bibtex',
    entries: [],
    errors: [{ at: 'Dear', message: /^not a BibTeX file: no entries found/ }],
  },
  {
    name: 'not a bibliography: binary (JPEG bytes read as text)',
    text: '\uFFFD\uFFFD\uFFFD\uFFFD\u0000\u0010JFIF\u0000\u0001\u0001',
    format: 'bibtex',
    entries: [],
    errors: [{ at: '\u0000', message: /^not a BibTeX file: it holds binary data/ }],
  },
  {
    name: 'not a bibliography: stray @ in text',
    text: 'Write to me @ home {about it}',
    format: 'bibtex',
    entries: [],
    errors: [{ at: 'it}', message: /^syntax error in text: expected ",", got a key/ }],
  },
  { name: 'empty BibTeX file', text: '', format: 'bibtex', entries: [], errors: [] },
  { name: 'BibTeX file with only comments', text: '% nothing yet\n\n', format: 'bibtex', entries: [], errors: [] },
  { name: 'empty CSL-JSON file', text: '  \n', format: 'csl-json', entries: [], errors: [] },
  { name: 'empty CSL-JSON array', text: '[]', format: 'csl-json', entries: [], errors: [] },
];

/** An entry as its properties read (a BibTeX entry's title and the like are read on demand: unset ones read undefined). */
function asRead(e: BibEntry): Partial<BibEntry> {
  return Object.fromEntries(Object.entries(e).filter(([, v]) => v !== undefined));
}

for (const c of cases) {
  test(`parseBibliography: ${c.name}`, () => {
    const bib = parseBibliography(c.text, c.format);
    const expectedEntries = c.entries.map(({ keyAfter, ...e }) => {
      const before = c.text.indexOf(keyAfter + e.key);
      assert.notEqual(before, -1, `test data: ${keyAfter + e.key} is in the text`);
      const start = before + keyAfter.length;
      return { ...e, keySpan: { start, end: start + e.key.length } };
    });
    assert.deepEqual([...bib.entries.values()].map(asRead), expectedEntries);
    assert.deepEqual([...bib.entries.keys()], c.entries.map((e) => e.key));
    assert.equal(bib.errors.length, c.errors.length, JSON.stringify(bib.errors));
    c.errors.forEach((e, i) => {
      const actual = bib.errors[i]!;
      assert.equal(actual.offset, c.text.indexOf(e.at), `offset of error ${i}: ${actual.message}`);
      assert.match(actual.message, e.message);
    });
  });
}

test('parseBibliography never throws', () => {
  const inputs = ['@', '@{', '@book{', '@book{x,', '@book{x, a = {', '@book{x, a = "b', '@string{', '{', '[', '"', '\uD800', '@book(x, a={b})'];
  for (const text of inputs) {
    for (const format of ['bibtex', 'csl-json'] as const) {
      const bib = parseBibliography(text, format);
      assert.ok(bib.entries instanceof Map);
      for (const e of bib.errors) assert.ok(e.offset >= 0 && e.offset <= text.length, `${JSON.stringify(text)}: ${e.offset}`);
    }
  }
});

test('bibliographyFormat', () => {
  const cases: Array<[string, 'bibtex' | 'csl-json' | undefined]> = [
    ['refs.bib', 'bibtex'],
    ['lib/My Library.BIB', 'bibtex'],
    ['refs.json', 'csl-json'],
    ['refs.txt', undefined],
    ['bib', undefined],
  ];
  for (const [path, expected] of cases) assert.equal(bibliographyFormat(path), expected, path);
});

test('keyFieldSpans: the keys crossref, xref, xdata, related and entryset name, in braces or quotes', () => {
  const text = [
    '@collection{col, title = {A {Collection}, with, commas}}',
    '@incollection{a, title = {crossref = {col}}, crossref = {col}}',
    '@incollection{b, CrossRef = " col ", xdata = {x1,col , x2}, related = {col}}',
    '@set{s, entryset = {a,col}}',
    '@misc{c, xref = col, note = {col}}', // a macro, not a key written there
    '@misc{d, crossref = "co" # "l"}', // a concatenation: not a key written there
    '@misc{e, crossref = {COL}}', // another case: names col (classic BibTeX matches without case)
    '',
  ].join('\n');
  const bib = parseBibliography(text, 'bibtex');
  assert.deepEqual(bib.errors, []);
  const found = keyFieldSpans(text, bib, 'col').map((s) => `${text.slice(s.start, s.end)}@${text.lastIndexOf('\n', s.start) + 1}`);
  const line = (n: number) => text.split('\n').slice(0, n).join('\n').length + (n ? 1 : 0);
  assert.deepEqual(found, [`col@${line(1)}`, `col@${line(2)}`, `col@${line(2)}`, `col@${line(2)}`, `col@${line(3)}`, `COL@${line(6)}`]);
  // The title's "crossref = {col}" is text, not a field.
  assert.ok(!keyFieldSpans(text, bib, 'col').some((s) => s.start < text.indexOf('}}, crossref')));
});

test('keyFieldSpans: a value in another case names the entry of exactly that key when there is one', () => {
  const text = '@book{Col, title = {Upper}}\n@book{col, title = {Lower}}\n@misc{a, crossref = {Col}}\n@misc{b, crossref = {col}}\n';
  const bib = parseBibliography(text, 'bibtex');
  const spans = (key: string) => keyFieldSpans(text, bib, key).map((s) => s.start);
  assert.deepEqual(spans('col'), [text.indexOf('{col}}') + 1]);
  assert.deepEqual(spans('Col'), [text.indexOf('{Col}}') + 1]);
});

test('keyReplacement: a CSL-JSON key is written as a JSON string; a numeric id becomes one', () => {
  const text = '[{"id": "old"}, {"id": 12}]';
  assert.equal(keyReplacement(text, 'csl-json', { start: text.indexOf('old') }, 'a/b"c'), 'a/b\\"c');
  assert.equal(keyReplacement(text, 'csl-json', { start: text.indexOf('12') }, 'smith:2021'), '"smith:2021"');
  assert.equal(keyReplacement('@book{old,}', 'bibtex', { start: 6 }, 'smith:2021'), 'smith:2021');
});

test('a reliability in lower case, as a field or in a note, is that rating: `{b}` is B, "c" is C; another value stays as written', () => {
  const bib = parseBibliography('@misc{one, reliability = {b}}\n@misc{two, note = {reliability: d}}\n@misc{three, reliability = {good}}', 'bibtex');
  assert.deepEqual([...bib.entries.values()].map((e) => [e.key, e.reliability]), [['one', 'B'], ['two', 'D'], ['three', 'good']]);
  const csl = parseBibliography('[{"id": "one", "reliability": "c"}, {"id": "two", "custom": {"reliability": "a"}}, {"id": "three", "note": "reliability: e"}]', 'csl-json');
  assert.deepEqual([...csl.entries.values()].map((e) => [e.key, e.reliability]), [['one', 'C'], ['two', 'A'], ['three', 'E']]);
});

test('skipped: the keys of the entries a parse error skipped, when every error is such an entry', () => {
  assert.deepEqual([...parseBibliography(BROKEN, 'bibtex').skipped!].sort(), ['broken', 'fourth']);
  // An entry whose key does not parse, or text outside any entry: what was lost is not known.
  assert.equal(parseBibliography('@book{a, title={One}}\n@book{two words, title={Two}}\n', 'bibtex').skipped, undefined);
  assert.equal(parseBibliography('@book{a, title={One}}\n@book{b title={Two}}\n', 'bibtex').skipped, undefined);
  assert.equal(parseBibliography('@book{a, title={One}}\n', 'bibtex').skipped, undefined);
});
