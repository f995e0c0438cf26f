// Format Document (server/src/core/service/format.ts): each rule on its own, then the guarantee as
// a property: on random documents and on every sample, formatting changes nothing the parser or the
// checks read (items, statements, values, refs, citations, headings, prose, diagnostics), tidies
// every chunk that parses cleanly, and formatting twice is formatting once.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { checkDocument, checkWorkspace } from '../server/src/core/analyze';
import { CONFIDENCE_LEVELS, RELIABILITY_CODES, STATUSES, canonicalValue } from '../server/src/core/attributes';
import { lookupTerm } from '../server/src/core/estimative';
import type { KentDocument } from '../server/src/core/model';
import { blockParseCount, parseDocument } from '../server/src/core/parser';
import { formatDocument, formatRange, lineEdits, type FormatEdit } from '../server/src/core/service/format';
import { isWhiteSpace } from '../server/src/core/fastpath';
import { Workspace } from '../server/src/core/workspace';
import { loadSamples, mutate, randomDocument } from '../fuzz/gen';
import { Rng } from '../fuzz/rng';
import { MemoryHost } from './harness';

/** KENT_PROPERTY_SCALE=10 runs ten times as many cases (for a longer hunt). */
const SCALE = Math.max(1, Number(process.env.KENT_PROPERTY_SCALE ?? 1) || 1);

function applyEdits(text: string, edits: readonly FormatEdit[]): string {
  let out = '';
  let at = 0;
  for (const e of edits) {
    assert.ok(e.span.start >= at && e.span.end >= e.span.start && e.span.end <= text.length, `edits in order, apart, inside the text: ${JSON.stringify(e)}`);
    out += text.slice(at, e.span.start) + e.newText;
    at = e.span.end;
  }
  return out + text.slice(at);
}

let parses = 0;
/** A fresh path each time: no parse is a reparse of another test's text. */
const parse = (text: string): KentDocument => parseDocument(`format-${parses++}.kent`, text);
const format = (text: string): string => applyEdits(text, formatDocument(parse(text)));
const lines = (...ls: string[]) => ls.join('\n') + '\n';

// ---------------------------------------------------------------------------------------------
// The rules

describe('format: indentation', () => {
  test('attribute lines take the indentation most attribute lines have', () => {
    const text = lines('claim C1: A.', '    because: E1', '  likelihood: likely', '', 'claim C2: B.', '  because: E1', '\tconfidence: low');
    assert.equal(format(text), lines('claim C1: A.', '  because: E1', '  likelihood: likely', '', 'claim C2: B.', '  because: E1', '  confidence: low'));
  });

  test('a document indented with tabs stays so', () => {
    const text = lines('claim C1: A.', '\tbecause: E1', '\tlikelihood: likely', '    confidence: low');
    assert.equal(format(text), lines('claim C1: A.', '\tbecause: E1', '\tlikelihood: likely', '\tconfidence: low'));
  });

  test('statement and value continuation lines take the indentation most of them have, and stay continuations', () => {
    const text = lines(
      'judgment KJ1: Russia would probably avoid',
      '      becoming directly involved.',
      '    note: this line continues the statement',
      '  likelihood: likely',
      '  because: C1,',
      '    C2',
      '  quote: "first',
      '        second: not a name"',
      '',
      'claim C2: B',
      '    and more.',
    );
    assert.equal(
      format(text),
      lines(
        'judgment KJ1: Russia would probably avoid',
        '    becoming directly involved.',
        '    note: this line continues the statement',
        '  likelihood: likely',
        '  because: C1,',
        '    C2',
        '  quote: "first',
        '    second: not a name"',
        '',
        'claim C2: B',
        '    and more.',
      ),
    );
  });

  test('comment lines keep their indentation: a kent-ignore is the next block\'s wherever it stands', () => {
    const text = lines('claim C1: A.', '      // a note', '    likelihood: likely', '', '   // kent-ignore unsupported-claim: background', 'claim C2: B.');
    assert.equal(format(text), lines('claim C1: A.', '      // a note', '    likelihood: likely', '', '   // kent-ignore unsupported-claim: background', 'claim C2: B.'));
  });
});

describe('format: line ends and blank lines', () => {
  test('trailing spaces and tabs go, on every kind of line, inside a quote too', () => {
    const text = lines('# Heading \t', '', 'Prose line.  ', 'more prose\t', '', '// comment  ', 'claim C1: A statement.  ', '    continued  ', '  quote: "a  ', '    b"  ');
    assert.equal(format(text), lines('# Heading', '', 'Prose line.', 'more prose', '', '// comment', 'claim C1: A statement.', '    continued', '  quote: "a', '    b"'));
  });

  test('a heading with no text keeps its space: without it the line would be prose', () => {
    assert.equal(format('# \n'), '# \n');
    assert.equal(parse(format('# \n')).headings.length, 1);
  });

  test('runs of blank lines become one; blank lines before the first line and after the last go', () => {
    const text = '\n  \n\nassessment a: A\n  date: 2024\n\n\t\n\n# H\n\n\nProse.\n\n\n';
    assert.equal(format(text), 'assessment a: A\n  date: 2024\n\n# H\n\nProse.\n');
  });

  test('a U+FEFF opening the first line after blank lines is text: it keeps a line break before it, or it would become a BOM', () => {
    const text = '\n\n\uFEFFclaim C1: A.\n  because: E1\n';
    assert.equal(parse(text).items.length, 0);
    assert.equal(format(text), '\n\uFEFFclaim C1: A.\n  because: E1\n');
  });

  test('never adds or removes the only blank line between two things', () => {
    const text = lines('claim C1: A.', '  because: E1', '', '  likelihood: likely', 'Prose.', '# H');
    assert.equal(format(text), text);
  });

  test('the file ends with one line break, in the style of its others; CRLF stays CRLF and a BOM stays', () => {
    assert.equal(format('claim C1: A.\r\n  because: E1'), 'claim C1: A.\r\n  because: E1\r\n');
    assert.equal(format('claim C1: A.'), 'claim C1: A.\n');
    assert.equal(format('\uFEFFclaim C1: A.  \r\n\r\n\r\n\r\n# H \r\n\r\n'), '\uFEFFclaim C1: A.\r\n\r\n# H\r\n');
    assert.equal(format('\uFEFF'), '\uFEFF');
    assert.equal(format('\n\n  \n'), '');
    assert.equal(format(''), '');
  });

  test('mixed line breaks: each line keeps its own', () => {
    assert.equal(format('claim C1: A. \r\n  because: E1 \n'), 'claim C1: A.\r\n  because: E1\n');
  });
});

describe('format: attribute lines', () => {
  test('one space after the colon, none before it', () => {
    const text = lines('source s: S', '  author :   IISS', '  date:\t2024-02', '  url:    https://example.org/a  b');
    assert.equal(format(text), lines('source s: S', '  author: IISS', '  date: 2024-02', '  url: https://example.org/a  b'));
  });

  test('`name:value` with a name Kent knows is an attribute, spaced; an unknown `word:x` is text, left as written', () => {
    const text = lines('judgment KJ1: A', '    note:x stays.', '  likelihood:likely', '  because:E1,E2', '  confidence :high');
    assert.equal(format(text), lines('judgment KJ1: A', '    note:x stays.', '  likelihood: likely', '  because: E1, E2', '  confidence: high'));
    assert.equal(parse(text).items[0].likelihood?.text, 'likely');
    const url = lines('source s: S', '  url:https://example.org/a', '    https://example.org/b');
    assert.equal(format(url), lines('source s: S', '  url: https://example.org/a', '    https://example.org/b'));
  });

  test('a value that starts on the next line keeps its colon bare', () => {
    assert.equal(format(lines('claim C1: A.', '  because:   ', '    E1,  E2')), lines('claim C1: A.', '  because:', '    E1, E2'));
  });

  test('list separators become `, `; commas inside a citation are the citation\'s', () => {
    const text = lines('claim C1: A.', '  because: E1 ,E2 ,  [@k,p. 4; @j ,ch. 2],@s', '  assumes: A1,A2', '  contradicts: doc/C2 , C3');
    assert.equal(format(text), lines('claim C1: A.', '  because: E1, E2, [@k,p. 4; @j ,ch. 2], @s', '  assumes: A1, A2', '  contradicts: doc/C2, C3'));
  });

  test('a list that goes on over lines keeps its lines', () => {
    const text = lines('claim C1: A.', '  because: E1 ,', '    E2 ,E3', '  against: E4');
    assert.equal(format(text), lines('claim C1: A.', '  because: E1,', '    E2, E3', '  against: E4'));
  });

  test('commas in free text are the text\'s', () => {
    const text = lines('source s: S', '  author: Smith ,Jones', '  locator: pp. 3 ,4');
    assert.equal(format(text), text);
  });

  test('enumerated values in their canonical form', () => {
    const text = lines('assessment a: A', '  status: Draft', '', 'judgment KJ1: A.', '  confidence: High', '  resolved: TRUE 2025-01', '', 'source s: S', '  reliability: b');
    assert.equal(format(text), lines('assessment a: A', '  status: draft', '', 'judgment KJ1: A.', '  confidence: high', '  resolved: true 2025-01', '', 'source s: S', '  reliability: B'));
  });

  test('likelihood terms in their scale\'s spelling; synonyms, percentages and unknown words stay as written', () => {
    const text = lines('judgment KJ1: A.', '  likelihood: Likely', '', 'judgment KJ2: B.', '  likelihood: VERY   LIKELY', '', 'claim C1: C.', '  likelihood: Highly Probable', '', 'claim C2: D.', '  likelihood: 60-75%', '', 'claim C3: E.', '  likelihood: Fairly Likely');
    assert.equal(format(text), lines('judgment KJ1: A.', '  likelihood: likely', '', 'judgment KJ2: B.', '  likelihood: very likely', '', 'claim C1: C.', '  likelihood: highly probable', '', 'claim C2: D.', '  likelihood: 60-75%', '', 'claim C3: E.', '  likelihood: Fairly Likely'));
  });

  test('values that are not valid, not allowed in the block, or over lines stay as written', () => {
    const text = lines('claim C1: A.', '  confidence: Very High', '  reliability: b', '', 'claim C2: B.', '  confidence: High', '    and more');
    assert.equal(format(text), text);
  });
});

describe('format: what it never touches', () => {
  test('headers, statements and prose keep their words and spacing inside a line', () => {
    const text = lines('judgment   KJ1 :  Russia  would   probably [@k,  p. 4] avoid it.', '  likelihood: likely', '', 'Prose   with  [[KJ1]]  and  spaces.');
    assert.equal(format(text), text);
  });

  test('a chunk with a syntax error is left exactly as written (and counts for no indentation); the others are formatted', () => {
    const broken = lines('claim C1: A.  ', '  because: E1,,  ', '  likelihood:   likely  ');
    const text = broken + '\n\n' + lines('claim C2: B.  ', '    confidence:   High', '    because: E1');
    assert.equal(format(text), broken + '\n' + lines('claim C2: B.', '    confidence: high', '    because: E1'));
  });

  test('a chunk that would read differently formatted is left as written', () => {
    // The locator runs over two lines and closes 1,024 characters after its `[@`. Indented as the
    // other continuation lines are, its `]` would fall past the 1,024 a citation may span.
    const locator = 'p. ' + 'x'.repeat(1012);
    const near = lines(`claim C1: See [@k, ${locator}`, '  4].', '  because: E1 ,E2');
    const text = near + '\n' + lines('claim C2: B.', '            and more.', '            and more.', '  because: E1 ,E2');
    assert.equal(parse(near).parseDiagnostics.length, 0, 'the citation closes in time as written');
    assert.equal(format(text), near + '\n' + lines('claim C2: B.', '            and more.', '            and more.', '  because: E1, E2'));
  });

  test('docs/language.md: the Formatting section\'s example is what Format Document does', () => {
    const docs = fs.readFileSync(path.join(__dirname, '..', 'docs', 'language.md'), 'utf8');
    const [, before, after] = /^Before:\n\n```text\n([\s\S]*?)```\n\nAfter:\n\n```text\n([\s\S]*?)```/m.exec(docs.slice(docs.indexOf('## Formatting'))) ?? [];
    assert.ok(before && after, 'the section shows a Before and an After');
    assert.notEqual(before, after);
    assert.equal(format(before), after);
  });

  test('a document of blank lines with a syntax error (bytes that are not UTF-8, read from disk) is formatted, not failed', () => {
    const doc = parseDocument(`format-${parses++}.kent`, '\n \n', 1);
    assert.equal(doc.parseDiagnostics[0]?.code, 'syntax');
    assert.equal(applyEdits('\n \n', formatDocument(doc)), '');
  });

  test('a tidy document gets no edits', () => {
    const text = lines('assessment a: A', '  date: 2024-09', '', '# Key judgments', '', 'judgment KJ1: Russia would probably avoid', '    war.', '  likelihood: likely', '  because: E1, E2');
    assert.deepEqual(formatDocument(parse(text)), []);
  });

  test('edits are small: the unchanged start and end of a line are not rewritten', () => {
    const text = lines('claim C1: A.', '  because: E1 ,E2   ');
    const at = text.indexOf(' ,');
    assert.deepEqual(formatDocument(parse(text)), [{ span: { start: at, end: text.lastIndexOf('\n') }, newText: ', E2' }]);
  });
});

describe('format: a range', () => {
  const text = lines('claim C1: A.  ', '  because: E1', '', '', '', 'claim C2: B.  ', '    because: E1', '  confidence: low', '', '', 'claim C3: C.  ');
  const doc = parse(text);

  test('formats the chunks the range meets, whole', () => {
    const at = text.indexOf('because: E1', text.indexOf('C2'));
    assert.equal(applyEdits(text, formatRange(doc, { start: at, end: at })), lines('claim C1: A.  ', '  because: E1', '', '', '', 'claim C2: B.', '  because: E1', '  confidence: low', '', '', 'claim C3: C.  '));
  });

  test('and the blank lines inside it', () => {
    const from = text.indexOf('E1');
    const to = text.indexOf('B.');
    assert.equal(applyEdits(text, formatRange(doc, { start: from, end: to })), lines('claim C1: A.', '  because: E1', '', 'claim C2: B.', '  because: E1', '  confidence: low', '', '', 'claim C3: C.  '));
  });

  test('the whole document as a range is Format Document', () => {
    assert.deepEqual(formatRange(doc, { start: 0, end: text.length }), formatDocument(doc));
  });
});

/**
 * Format Selection as it was first defined, the oracle: the lines of the chunks the range meets
 * (and the range's own lines), read on the whole document; Format Document's edits of those lines.
 */
function formatRangeAsDefined(doc: KentDocument, range: { start: number; end: number }): FormatEdit[] {
  const text = doc.text;
  const lines: Array<{ start: number; end: number; blank: boolean }> = [];
  for (let start = text.charCodeAt(0) === 0xfeff ? 1 : 0; ; ) {
    const nl = text.indexOf('\n', start);
    const stop = nl === -1 ? text.length : nl;
    const end = stop > start && text[stop - 1] === '\r' ? stop - 1 : stop;
    lines.push({ start, end, blank: [...text.slice(start, end)].every((c) => isWhiteSpace(c.charCodeAt(0))) });
    if (nl === -1) break;
    start = nl + 1;
  }
  const chunks: Array<{ first: number; last: number }> = [];
  lines.forEach((l, j) => {
    if (l.blank) return;
    if (chunks.length && chunks[chunks.length - 1].last === j - 1) chunks[chunks.length - 1].last = j;
    else chunks.push({ first: j, last: j });
  });
  const lineAt = (offset: number) => lines.reduce((at, l, j) => (l.start <= offset ? j : at), 0);
  const met = chunks.filter((c) => lines[c.first].start <= range.end && lines[c.last].end >= range.start);
  const first = Math.min(lineAt(range.start), met.length ? met[0].first : Infinity);
  const last = Math.max(lineAt(range.end), met.length ? met[met.length - 1].last : -Infinity);
  const merged: FormatEdit[] = [];
  for (const { line, edit } of lineEdits(doc)) {
    if (line < first || line > last) continue;
    const previous = merged[merged.length - 1];
    if (previous && previous.span.end === edit.span.start) merged[merged.length - 1] = { span: { start: previous.span.start, end: edit.span.end }, newText: previous.newText + edit.newText };
    else merged.push(edit);
  }
  return merged;
}

/** A range as an editor sends one: in the text, an empty one, all of it, or past its end. */
const someRange = (length: number) =>
  fc.oneof(
    fc.tuple(fc.nat(length), fc.nat(length)).map(([a, b]) => ({ start: Math.min(a, b), end: Math.max(a, b) })),
    fc.nat(length).map((a) => ({ start: a, end: a })),
    fc.constant({ start: 0, end: length }),
    fc.nat(length).map((a) => ({ start: a, end: length + 5 })),
  );

/** What comes before a document's first block: nothing, blank lines, prose and headings, a U+FEFF opening a line. */
const preamble = fc.constantFrom('', '\n\n', ' \t\n', '# Title  \n\nSome prose.  \n\n', '\uFEFFjudgment J9: x\n\n', '\n\uFEFF# Title\n\n', 'Prose\n  still prose \n\n\n');

describe('format: a range is Format Document on its lines', () => {
  const check = (text: string, ranges: Array<{ start: number; end: number }>) => {
    const doc = parse(text);
    // Several ranges of one version: the indentations counted once serve them all.
    for (const range of ranges) assert.deepEqual(formatRange(doc, range), formatRangeAsDefined(doc, range), `range ${JSON.stringify(range)} of ${JSON.stringify(text)}`);
  };
  const ranges = (text: string) => fc.array(someRange(text.length), { minLength: 1, maxLength: 4 });

  test('random documents, made messy, with what may come before their first block: every range', () => {
    fc.assert(
      fc.property(
        fc.integer(), mess, preamble,
        (seed, m, pre) => {
          const text = messy(pre + randomDocument(new Rng(seed)), m);
          fc.assert(fc.property(ranges(text), (rs) => check(text, rs)), { numRuns: 5 });
        },
      ),
      { numRuns: 200 * SCALE },
    );
  });

  test('random documents, mutated (broken lines, hostile characters, lone CRs): every range', () => {
    fc.assert(
      fc.property(fc.integer(), mess, preamble, (seed, m, pre) => {
        const rng = new Rng(seed);
        const text = mutate(rng, messy(pre + randomDocument(rng), m));
        fc.assert(fc.property(ranges(text), (rs) => check(text, rs)), { numRuns: 5 });
      }),
      { numRuns: 200 * SCALE },
    );
  });

  test('an assessment first after prose, or after another item (a syntax error): a range at every offset', () => {
    for (const text of [
      lines('# T', '', 'assessment A1: x  ', '    date: 2020-01', '', 'claim C1: y', '  because: E1 ,E2'),
      lines('claim C0: x', '', 'assessment A1: y  ', '    date: 2020-01'),
      '\uFEFF' + lines('', 'Prose  ', '', 'assessment A1: x  ', '\tdate: 2020-01'),
    ]) {
      check(text, [...text].map((_, i) => ({ start: i, end: i })));
    }
  });

  test('reads only the chunks it formats: a selection in a large untidy document parses one block, not every one', () => {
    const text = Array.from({ length: 300 }, (_, i) => lines(`claim C${i}: A.  `, '    because: E1 ,E2')).join('\n');
    const doc = parse(text);
    const at = text.indexOf('claim C150:');
    const before = blockParseCount();
    const edits = formatRange(doc, { start: at, end: at + 5 });
    assert.ok(blockParseCount() - before <= 1, `${blockParseCount() - before} blocks parsed`);
    assert.equal(applyEdits(text, edits).split('claim C150: A.\n    because: E1, E2\n').length, 2);
    assert.deepEqual(edits, formatRangeAsDefined(doc, { start: at, end: at + 5 }));
  });
});

// ---------------------------------------------------------------------------------------------
// The guarantee

const spaced = (s: string) => s.replace(/\s+/g, ' ').trim();
const LISTS = new Set(['because', 'against', 'assumes', 'contradicts', 'supersedes']);
const ENUMERATED: Record<string, readonly string[]> = { confidence: CONFIDENCE_LEVELS, reliability: RELIABILITY_CODES, status: STATUSES };

/** A value as the checks read it: its enumerated words in any case, its white space and list commas in any spacing. */
function valueRead(name: string, value: string): string {
  let v = spaced(value);
  if (ENUMERATED[name]) v = canonicalValue(v, ENUMERATED[name]);
  if (name === 'resolved') v = v.replace(/^(true|false)\b/i, (b) => b.toLowerCase());
  if (name === 'likelihood') v = termRead(v);
  return LISTS.has(name) ? v.replace(/ ?, ?/g, ',') : v;
}

/** A likelihood term in any case reads as the term it is (either scale); anything else as written. */
const termRead = (v: string) => (lookupTerm(v, 'icd203') ?? lookupTerm(v, 'phia'))?.canonical ?? v;

const refRead = (r: { type: string; doc?: string; id?: string; key?: string; locator?: string; prefix?: string }) =>
  r.type === 'item' ? `${r.doc ?? ''}/${r.id}` : `@${r.key}|${spaced(r.locator ?? '')}|${spaced(r.prefix ?? '')}`;
const citationsRead = (cs: ReadonlyArray<{ refs: Parameters<typeof refRead>[0][] }>) => cs.map((c) => c.refs.map(refRead));

/** What a reader of the parsed document and of its diagnostics sees, positions aside. */
function meaning(doc: KentDocument, diagnostics: ReadonlyArray<{ code: string }>) {
  return {
    items: doc.items.map((i) => ({
      kind: i.kind,
      id: i.id,
      statement: spaced(i.statement),
      attributes: i.attributes.map((a) => [a.name, a.allowed, valueRead(a.name, a.value)]),
      refs: [i.because, i.against, i.assumes, i.contradicts, i.supersedes].map((rs) => rs.map(refRead)),
      one: [i.sameAs, i.negates, i.revises, i.source].map((r) => (r ? refRead(r) : '')),
      values: [i.likelihood && termRead(spaced(i.likelihood.text)), i.confidence?.value, i.credibility?.value, i.reliability?.value, i.quote?.text, i.file?.path, i.origin, ...i.bibliography.map((b) => b.path)].map((v) => v && spaced(v)),
      numbers: [i.likelihood?.percent, i.resolved],
      citations: citationsRead(i.citations),
      links: i.links.map(refRead),
      ignored: [...i.ignored].sort(),
    })),
    headings: doc.headings.map((h) => [h.level, h.text]),
    prose: doc.prose.map((p) => [spaced(p.text), citationsRead(p.citations), p.links.map(refRead)]),
    ignores: doc.ignoreComments.map((c) => [c.file, c.codes.map((x) => x.code), c.stranded]),
    ignoredInFile: [...doc.ignoredInFile].sort(),
    diagnostics: diagnostics.map((d) => d.code).sort(),
  };
}

/** The document alone in a workspace: what it means, and its text formatted. */
function alone(text: string) {
  const ws = new Workspace(new MemoryHost());
  const doc = ws.setDocument('a.kent', text);
  return meaning(doc, checkDocument(ws, doc));
}

const isBlank = (line: string) => /^\s*$/.test(line);
/** Runs of non-blank lines, as [first, last] line numbers. */
function chunksOf(ls: readonly string[]): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  ls.forEach((l, j) => {
    if (isBlank(l)) return;
    const last = out[out.length - 1];
    if (last && last[1] === j - 1) last[1] = j;
    else out.push([j, j]);
  });
  return out;
}

/**
 * Formatting did its work: the file ends with one line break, no blank line stands first or next
 * to another, and in every chunk of the original without a syntax error no line ends in a space
 * or tab (a heading with no text aside). A chunk the formatter left as written for reading
 * differently would keep the trailing blanks `messy` gave it.
 */
function assertTidy(original: string, formatted: string): void {
  const doc = parse(original);
  const before = original.replace(/^\uFEFF/, '').split('\n').map((l) => l.replace(/\r$/, ''));
  const after = formatted.replace(/^\uFEFF/, '').split('\n').map((l) => l.replace(/\r$/, ''));
  if (formatted.replace(/^\uFEFF/, '') !== '') assert.match(formatted, /[^\n]\r?\n$/, 'one line break at the end');
  assert.ok(!after.slice(0, -1).some((l, j) => isBlank(l) && (j === 0 || isBlank(after[j - 1]))), 'no blank line first or after another');
  const [was, now] = [chunksOf(before), chunksOf(after)];
  assert.equal(now.length, was.length, 'as many chunks');
  const lineOf = lineIndexOf(original);
  was.forEach(([first, last], k) => {
    const broken = doc.parseDiagnostics.some((d) => d.code === 'syntax' && lineOf(d.span.start) >= first && lineOf(d.span.start) <= last);
    if (broken) return;
    for (let j = now[k][0]; j <= now[k][1]; j++) {
      assert.ok(!/[ \t]$/.test(after[j]) || /^#{1,6}[ \t]+$/.test(after[j]), `line ${j + 1} is tidy: ${JSON.stringify(after[j])}`);
    }
  });
}

/** The 0-based line (split at `\n`) of an offset. */
function lineIndexOf(text: string): (offset: number) => number {
  const starts = [0];
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
  return (offset) => {
    let lo = 0;
    for (let hi = starts.length - 1; lo < hi; ) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid] <= offset) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  };
}

/** What an analyst in a hurry does to a document: indentation, spacing, case, blank lines, line breaks. */
interface Mess {
  seed: number;
  indent: string;
  trailing: string;
  colon: string;
  comma: string;
  crlf: boolean;
  bom: boolean;
  finalBreak: string;
}
const mess: fc.Arbitrary<Mess> = fc.record({
  seed: fc.integer(),
  indent: fc.constantFrom('  ', '\t', '    ', ' ', ' \t', '      '),
  trailing: fc.constantFrom(' ', '\t', '  \t', ''),
  colon: fc.constantFrom(': ', ':  ', ' : ', ':\t', ' :\t '),
  comma: fc.constantFrom(', ', ' ,', ' , ', ',', ',\t'),
  crlf: fc.boolean(),
  bom: fc.boolean(),
  finalBreak: fc.constantFrom('', '\n', '\n\n\n'),
});

function messy(text: string, m: Mess): string {
  const rng = new Rng(m.seed);
  const out: string[] = [];
  for (const line of text.replace(/\r?\n$/, '').split(/\r?\n/)) {
    let l = line;
    if (/^[ \t]+\S/.test(l) && rng.chance(0.5)) l = l.replace(/^[ \t]+/, rng.chance(0.5) ? m.indent : rng.pick(['  ', '\t', '    ', ' ']));
    if (rng.chance(0.4)) l = l.replace(/^([ \t]+[a-z][a-z-]*): /, `$1${m.colon}`);
    if (rng.chance(0.4)) l = l.replace(/, /g, () => (rng.chance(0.6) ? m.comma : ', '));
    if (rng.chance(0.3)) l = l.replace(/: (high|low|moderate|draft|final|true|false|likely|unlikely|very likely|almost certain)\b/, (_all, v: string) => `: ${rng.chance(0.5) ? v.toUpperCase() : v[0].toUpperCase() + v.slice(1)}`);
    if (rng.chance(0.3)) l = l.replace(/(reliability: )([A-F])\b/, (_all, n: string, v: string) => n + v.toLowerCase());
    if (rng.chance(0.4)) l += m.trailing;
    out.push(l);
    if (isBlank(l) && rng.chance(0.3)) out.push(...new Array<string>(rng.range(1, 3)).fill(rng.chance(0.5) ? '' : m.trailing));
  }
  return (m.bom ? '\uFEFF' : '') + out.join(m.crlf ? '\r\n' : '\n') + (m.crlf ? m.finalBreak.replace(/\n/g, '\r\n') : m.finalBreak);
}

function assertGuarantee(text: string): void {
  const once = format(text);
  assert.deepEqual(alone(once), alone(text), 'formatted, the document reads the same');
  assert.equal(format(once), once, 'formatting twice is formatting once');
  assertTidy(text, once);
}

describe('format: the guarantee', () => {
  test('random documents, made messy: same meaning, idempotent, tidy', () => {
    fc.assert(
      fc.property(fc.integer(), mess, (seed, m) => {
        assertGuarantee(messy(randomDocument(new Rng(seed)), m));
      }),
      { numRuns: 300 * SCALE },
    );
  });

  test('random documents, mutated (broken lines, hostile characters, lone CRs): same meaning, idempotent', () => {
    fc.assert(
      fc.property(fc.integer(), mess, (seed, m) => {
        const rng = new Rng(seed);
        const text = mutate(rng, messy(randomDocument(rng), m));
        const once = format(text);
        assert.deepEqual(alone(once), alone(text));
        assert.equal(format(once), once);
      }),
      { numRuns: 300 * SCALE },
    );
  });

  for (const sample of loadSamples()) {
    test(`samples/${sample.name}: every document, as is and made messy, reads the same across the workspace`, () => {
      const host = new MemoryHost([...sample.files].map(([path, text]) => ({ path, text, flags: new Set<string>() })));
      const ws = new Workspace(host);
      ws.loadConfig();
      for (const [p, text] of sample.docs) ws.setDocument(p, text);
      const read = () => {
        const all = checkWorkspace(ws);
        return ws.documents().map((d) => meaning(d, all.get(d.path) ?? []));
      };
      const baseline = read();
      const check = (p: string, text: string) => {
        ws.setDocument(p, text);
        const before = read();
        const once = format(text);
        ws.setDocument(p, once);
        assert.deepEqual(read(), before, `${p} formatted reads the same`);
        assert.equal(format(once), once, `${p}: formatting twice is formatting once`);
        assertTidy(text, once);
      };
      for (const [p, text] of sample.docs) {
        check(p, text);
        fc.assert(fc.property(mess, (m) => check(p, messy(text, m))), { numRuns: 15 * SCALE });
        ws.setDocument(p, text);
      }
      assert.deepEqual(read(), baseline);
    });
  }
});
