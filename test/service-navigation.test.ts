// Navigation by assessment ID (`supersedes:`, an `assessment` block, the `doc/` of a ref) and
// the occurrences the editor highlights where the cursor rests.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { hover, sourceHover } from '../server/src/core/service/hover';
import { bibliographyTarget, definition, highlights, prepareRename, references, rename, renameSourceTarget, sourceReferences } from '../server/src/core/service/navigation';
import { parseBibliography } from '../server/src/core/bibliography';
import { plainText } from '../server/src/core/service/plainText';
import type { Span } from '../server/src/core/types';
import { Workspace } from '../server/src/core/workspace';
import { checkWorkspace } from '../server/src/core/analyze';

const OLD = 'assessment old-one: The old estimate\n  date: 1998-05\n  author: Estimates staff\n\njudgment KJ1: Alpha is likely to hold.\n  likelihood: likely\n';
const NEW = [
  'assessment new-one: The new estimate',
  '  supersedes: old-one',
  '',
  'claim C1: Beta holds, as the old estimate said.',
  '  because: old-one/KJ1, C2',
  '  same-as: old-one/KJ1',
  '',
  'claim C2: Gamma holds.',
  '  because: @src',
  '',
  'source src: A report',
  '  reliability: B',
  '',
  'As [[old-one/KJ1]] and [[C2]] say, [@src].',
  '',
].join('\n');

function workspace(extra: Record<string, string> = {}) {
  const ws = new Workspace({ readFile: () => ({ ok: false, reason: 'missing' }) });
  ws.loadConfig();
  const docs = Object.fromEntries(Object.entries({ 'old.kent': OLD, 'new.kent': NEW, ...extra }).map(([p, t]) => [p, ws.setDocument(p, t)]));
  return { ws, docs };
}

/** The text a span covers in `text`. */
const at = (text: string, s: Span) => text.slice(s.start, s.end);
/** The offset of the `n`th occurrence of `what` in `text`, plus `delta`. */
function offset(text: string, what: string, delta = 0, n = 0): number {
  let i = -1;
  for (let k = 0; k <= n; k++) i = text.indexOf(what, i + 1);
  assert.ok(i >= 0, what);
  return i + delta;
}

test('hover on a doc/ID ref that names nothing shows it as written, its document included', () => {
  const { ws, docs } = workspace();
  const text = docs['new.kent'].text;
  const doc = ws.setDocument('new.kent', text.replace(/\n$/, '') + '\n\nSee [[old-one/KJ9]] and [[KJ9]].\n');
  const at = (needle: string, delta = 3) => hover(ws, doc, offset(doc.text, needle, delta))!.markdown;
  assert.equal(at('[[old-one/KJ9]]', 11), '**old-one/KJ9**: names nothing in the workspace');
  assert.equal(at('[[KJ9]]'), '**KJ9**: names nothing in the workspace');
});

test('supersedes: names an assessment: hover shows it, definition goes to it, references find every mention', () => {
  const { ws, docs } = workspace();
  const o = offset(NEW, 'supersedes: old-one', 14);
  const card = hover(ws, docs['new.kent'], o)!;
  assert.match(card.markdown, /\*\*assessment old-one\*\*/);
  assert.match(card.markdown, /The old estimate/);
  assert.match(card.markdown, /Date: 1998-05/);
  assert.doesNotMatch(card.markdown, /names nothing/);
  assert.deepEqual(definition(ws, docs['new.kent'], o), [{ path: 'old.kent', span: { start: 11, end: 18 } }]);
  const refs = references(ws, docs['new.kent'], o, true).map((l) => `${l.path}:${at(l.path === 'old.kent' ? OLD : NEW, l.span)}:${l.span.start}`);
  assert.deepEqual(refs.sort(), [
    'old.kent:old-one:11',
    `new.kent:old-one:${offset(NEW, 'supersedes: old-one', 12)}`,
    `new.kent:old-one:${offset(NEW, 'old-one/KJ1')}`,
    `new.kent:old-one:${offset(NEW, 'old-one/KJ1', 0, 1)}`,
    `new.kent:old-one:${offset(NEW, '[[old-one', 2)}`,
  ].sort());
  // Without the declaration: the assessment block's own ID is left out.
  assert.equal(references(ws, docs['new.kent'], o, false).length, 4);
  // An assessment nobody has: said so, not a crash.
  const { ws: lone, docs: d2 } = workspace({ 'x.kent': 'assessment x: X\n  supersedes: gone\n' });
  assert.match(hover(lone, d2['x.kent'], 'assessment x: X\n  supersedes: g'.length)!.markdown, /no assessment of this ID/);
});

test('renaming an assessment renames its block, supersedes: and the doc/ of every ref into it', () => {
  const { ws, docs } = workspace();
  const o = offset(OLD, 'old-one', 2);
  assert.deepEqual(prepareRename(ws, docs['old.kent'], o), { span: { start: 11, end: 18 }, placeholder: 'old-one' });
  const r = rename(ws, docs['old.kent'], o, 'nie-1998');
  assert.ok('edits' in r);
  const apply = (path: string, text: string) =>
    r.edits
      .filter((e) => e.path === path)
      .sort((a, b) => b.span.start - a.span.start)
      .reduce((t, e) => t.slice(0, e.span.start) + e.newText + t.slice(e.span.end), text);
  assert.equal(apply('old.kent', OLD), OLD.replace('old-one', 'nie-1998'));
  assert.equal(apply('new.kent', NEW), NEW.replaceAll('old-one', 'nie-1998'));
  // The renamed workspace resolves as before: no unresolved reference appears.
  const renamed = new Workspace({ readFile: () => ({ ok: false, reason: 'missing' }) });
  renamed.loadConfig();
  const doc = renamed.setDocument('new.kent', apply('new.kent', NEW));
  renamed.setDocument('old.kent', apply('old.kent', OLD));
  assert.deepEqual(definition(renamed, doc, offset(doc.text, 'supersedes: nie-1998', 14)), [{ path: 'old.kent', span: { start: 11, end: 19 } }]);
  // From supersedes: too, and refused onto a name another assessment has, or for two of one name.
  assert.ok('edits' in rename(ws, docs['new.kent'], offset(NEW, 'supersedes: old-one', 14), 'nie-1998'));
  assert.match((rename(ws, docs['old.kent'], o, 'new-one') as { error: string }).error, /already exists/);
  const { ws: twice, docs: d2 } = workspace({ 'copy.kent': OLD });
  assert.match((prepareRename(twice, d2['old.kent'], o) as { error: string }).error, /2 documents are named old-one/);
});

test("on the doc/ of a ref, the assessment is the target: hover, definition, references and rename are its, not the item's", () => {
  const { ws, docs } = workspace();
  const doc = docs['new.kent'];
  for (const o of [offset(NEW, 'because: old-one/KJ1', 10), offset(NEW, '[[old-one/KJ1]]', 4)]) {
    assert.match(hover(ws, doc, o)!.markdown, /^\*\*assessment old-one\*\*/);
    assert.deepEqual(definition(ws, doc, o), [{ path: 'old.kent', span: { start: 11, end: 18 } }]);
    assert.equal(references(ws, doc, o, true).length, 5);
    const start = NEW.lastIndexOf('old-one', o);
    assert.deepEqual(prepareRename(ws, doc, o), { span: { start, end: start + 7 }, placeholder: 'old-one' });
    const r = rename(ws, doc, o, 'nie-1998');
    assert.ok('edits' in r && r.edits.every((e) => e.newText === 'nie-1998' && (e.path === 'old.kent' ? OLD : NEW).slice(e.span.start, e.span.end) === 'old-one'), JSON.stringify(r));
  }
  // The `/` and the ID after it are still the item's.
  const item = offset(NEW, 'because: old-one/KJ1', 16);
  assert.match(hover(ws, doc, item)!.markdown, /^\*\*judgment old-one\/KJ1\*\*/);
  assert.equal((prepareRename(ws, doc, item + 2) as { placeholder: string }).placeholder, 'KJ1');
});

test('highlights: where the item, source or assessment under the cursor occurs in this document', () => {
  const { ws, docs } = workspace();
  const doc = docs['new.kent'];
  const shown = (o: number) => highlights(ws, doc, o).map((h) => `${at(NEW, h.span)}@${h.span.start}${h.isDefinition ? ' (definition)' : ''}`);
  // An item: its block's ID written, its refs read (the one in prose too).
  assert.deepEqual(shown(offset(NEW, 'claim C2', 7)), [`C2@${offset(NEW, 'KJ1, C2', 5)}`, `C2@${offset(NEW, 'claim C2', 6)} (definition)`, `C2@${offset(NEW, '[[C2', 2)}`]);
  // A source key, from a citation in prose.
  assert.deepEqual(shown(offset(NEW, '[@src', 3)), [`src@${offset(NEW, '@src', 1)}`, `src@${offset(NEW, 'source src', 7)} (definition)`, `src@${offset(NEW, '[@src', 2)}`]);
  // An item of another document: its refs here only, never a location elsewhere.
  assert.deepEqual(shown(offset(NEW, 'old-one/KJ1', 9)), [`old-one/KJ1@${offset(NEW, 'old-one/KJ1')}`, `old-one/KJ1@${offset(NEW, 'old-one/KJ1', 0, 1)}`, `old-one/KJ1@${offset(NEW, '[[old-one', 2)}`]);
  // Nothing under the cursor: nothing to highlight.
  assert.deepEqual(shown(offset(NEW, 'Gamma', 2)), []);
});

// An analyst writing in a language with accents (Dé1, Ōtautahi) is told that IDs are ASCII: "a letter"
// alone would read as allowing é.
test('a rename to a name with a non-ASCII letter is refused, saying IDs take ASCII letters only', () => {
  const { ws, docs } = workspace();
  const o = offset(OLD, 'old-one', 2);
  for (const name of ['Dé1', 'Ōtautahi']) {
    const r = rename(ws, docs['old.kent'], o, name);
    assert.ok('error' in r, `${name} refused`);
    assert.match(r.error, /ASCII letter/);
  }
});

test('the @ of a citation or a because: key leads to the source, as the key does', () => {
  const { ws, docs } = workspace();
  const doc = docs['new.kent'];
  for (const at of [offset(NEW, '[@src', 1), offset(NEW, 'because: @src', 9)]) {
    assert.equal(NEW[at], '@');
    assert.match(hover(ws, doc, at)?.markdown ?? '', /\*\*A report\*\*/, `hover at ${at}`);
    assert.deepEqual(definition(ws, doc, at), [{ path: 'new.kent', span: { start: offset(NEW, 'source src', 7), end: offset(NEW, 'source src', 10) } }]);
  }
  // Not the @ of some other text: a bare `@` in prose leads nowhere.
  assert.equal(hover(ws, doc, offset(NEW, 'As [[', 0))?.markdown, undefined);
});

// Source keys: a key from a bibliography alone may be any key of the grammar (`smith:2021`, as
// reference managers write them); a `source` block's key is its ID.
const BIB = '@book{smith,\n  title = {A {Book}},\n  author = {Smith, J.},\n  year = {2020}\n}\n';
const CITES = [
  'assessment cites: Cites',
  '  bibliography: refs.bib',
  '',
  'claim C1: X holds [@smith, p. 4].',
  '  because: smith, @smith',
  '',
  'claim R1: Y holds.',
  '  because: src',
  '',
  'source src: A report',
  '  reliability: B',
  '',
  'evidence E1: It was said.',
  '  source: smith',
  '',
  'Prose [@smith].',
  '',
].join('\n');

/** A workspace of `.kent` documents and the files they read (bibliographies). */
function withFiles(files: Record<string, string>) {
  const ws = new Workspace({ readFile: (p) => (p in files && !p.endsWith('.kent') ? { ok: true, text: files[p] } : { ok: false, reason: 'missing' }) });
  ws.loadConfig();
  const docs = Object.fromEntries(Object.entries(files).filter(([p]) => p.endsWith('.kent')).map(([p, t]) => [p, ws.setDocument(p, t)]));
  return { ws, docs };
}
type Edits = Array<{ path: string; span: Span; newText: string }>;
function applyAll(files: Record<string, string>, edits: Edits): Record<string, string> {
  const out = { ...files };
  for (const path of Object.keys(out)) {
    out[path] = edits
      .filter((e) => e.path === path)
      .sort((a, b) => b.span.start - a.span.start)
      .reduce((t, e) => t.slice(0, e.span.start) + e.newText + t.slice(e.span.end), out[path]);
  }
  return out;
}
/** The problems a rename must never leave behind. */
function broken(files: Record<string, string>): string[] {
  const { ws } = withFiles(files);
  return [...checkWorkspace(ws).values()]
    .flat()
    .filter((d) => ['syntax', 'unresolved-reference', 'source-file-missing', 'duplicate-id'].includes(d.code))
    .map((d) => `${d.code}: ${d.message}`);
}
function renamed(files: Record<string, string>, path: string, at: number, newName: string): Record<string, string> {
  const { ws, docs } = withFiles(files);
  const r = rename(ws, docs[path], at, newName);
  assert.ok('edits' in r, `${newName}: ${'error' in r ? r.error : ''}`);
  return applyAll(files, r.edits);
}
function refusal(files: Record<string, string>, path: string, at: number, newName: string): string {
  const { ws, docs } = withFiles(files);
  const r = rename(ws, docs[path], at, newName);
  assert.ok('error' in r, `${newName} refused`);
  return r.error;
}

test('a key from a bibliography renames to any key the grammar takes: the .bib entry and every citation follow', () => {
  const files = { 'cites.kent': CITES, 'refs.bib': BIB };
  const o = offset(CITES, '[@smith', 3);
  for (const key of ['smith:2021', 'smith.2021', 'doi.org/10.1/x', 'a+b', '2021smith', '_smith', 'smith-2021']) {
    const after = renamed(files, 'cites.kent', o, key);
    assert.equal(after['refs.bib'], BIB.replace('smith,', `${key},`), key);
    // A bare `because: smith` stays bare only while the new key is an ID: `smith:2021` would not parse there.
    const bare = /^[A-Za-z][\w-]*$/.test(key) ? key : `@${key}`;
    assert.equal(after['cites.kent'], CITES.replaceAll('@smith', `@${key}`).replace('because: smith', `because: ${bare}`).replace('source: smith', `source: ${key}`), key);
    assert.deepEqual(broken(after), [], key);
    // The renamed citation leads to the renamed entry.
    const { ws, docs } = withFiles(after);
    const doc = docs['cites.kent'];
    assert.deepEqual(definition(ws, doc, offset(doc.text, `[@${key}`, 3)), [{ path: 'refs.bib', span: { start: 6, end: 6 + key.length } }], key);
  }
});

test('a rename to what the key grammar does not take is refused, saying what a key is', () => {
  const files = { 'cites.kent': CITES, 'refs.bib': BIB };
  const o = offset(CITES, '[@smith', 3);
  for (const name of ['smith 2021', ':smith', '-smith', 'smith,2021', 'smith}', 'smïth', '@smith', '']) {
    assert.match(refusal(files, 'cites.kent', o, name), /not a valid source key: it must start with an ASCII letter \(A–Z, a–z\), a digit or _ and hold only ASCII letters, digits and _ - : \. \/ \+/, JSON.stringify(name));
  }
});

test("a source block's key stays an ID; a bibliography entry of that key in its document's bibliography is renamed with it", () => {
  const files = { 'cites.kent': CITES.replace('reliability: B', 'reliability: B\n\nMore [@src].'), 'refs.bib': BIB + '@misc{src,\n  title = {The report}\n}\n' };
  const o = offset(files['cites.kent'], 'source src', 8);
  assert.match(refusal(files, 'cites.kent', o, 'src:2024'), /"src:2024" is not a valid ID for the source block src: .*ASCII letter.*bibliography keys only/);
  // Onto an item ID of its document: two items of one ID.
  assert.equal(refusal(files, 'cites.kent', o, 'C1'), 'cites.kent already has an item C1');
  const after = renamed(files, 'cites.kent', o, 'report-2024');
  assert.equal(after['refs.bib'], files['refs.bib'].replace('{src,', '{report-2024,'));
  assert.equal(after['cites.kent'], files['cites.kent'].replaceAll('src', 'report-2024'));
  assert.deepEqual(broken(after), []);
});

test('a bare key in because: keeps naming its source when a rename would make it name an item', () => {
  const files = { 'cites.kent': CITES, 'refs.bib': BIB };
  // The entry renamed to an item's ID: `because: R1` would be the claim R1.
  const toItem = renamed(files, 'cites.kent', offset(CITES, '[@smith', 3), 'R1');
  assert.match(toItem['cites.kent'], /because: @R1, @R1\n/);
  // An item renamed to the key: `because: smith` would be the item.
  const toKey = renamed(files, 'cites.kent', offset(CITES, 'claim R1', 7), 'smith');
  assert.match(toKey['cites.kent'], /because: @smith, @smith\n/);
  assert.match(toKey['cites.kent'], /claim smith: Y holds/);
  for (const after of [toItem, toKey]) assert.deepEqual(broken(after), []);
});

test('one key in two bibliographies of two documents: renaming one entry leaves the other and its citations', () => {
  const other = 'assessment other: Other\n  bibliography: other.bib\n\nclaim C1: Z holds [@smith].\n';
  const files = { 'cites.kent': CITES, 'refs.bib': BIB, 'other.kent': other, 'other.bib': BIB.replace('A {Book}', 'Another') };
  const after = renamed(files, 'cites.kent', offset(CITES, '[@smith', 3), 'smith:2020');
  assert.equal(after['other.kent'], other);
  assert.equal(after['other.bib'], files['other.bib']);
  assert.equal(after['refs.bib'], BIB.replace('smith,', 'smith:2020,'));
  assert.deepEqual(broken(after), []);
  // A new key that another citing document's bibliography already has is taken.
  assert.match(refusal({ ...files, 'refs.bib': BIB + '@misc{jones,\n  title = {J}\n}\n' }, 'cites.kent', offset(CITES, '[@smith', 3), 'jones'), /a source jones already exists \(in refs\.bib\)/);
});

test('a bare ID outside because:/against: is no source key: not a reference to the source, not renamed with it', () => {
  const text = CITES.replace('claim R1: Y holds.\n', 'claim R1: Y holds.\n  same-as: smith\n');
  const { ws, docs } = withFiles({ 'cites.kent': text, 'refs.bib': BIB });
  const refs = references(ws, docs['cites.kent'], offset(text, '[@smith', 3), false);
  assert.ok(!refs.some((l) => l.span.start === offset(text, 'same-as: smith', 9)), 'same-as: smith is not listed');
  assert.equal(refs.length, 5);
});

test('hover explains a block keyword, an attribute name and a rated value, with what kent.json asks of confidence', () => {
  const text = 'assessment h: H\n\njudgment J: X holds [@s].\n  likelihood: likely\n  confidence: high\n\nevidence E: Y.\n  source: @s\n  credibility: 2\n\nsource s: S\n  reliability: B\n  author: Anon\n';
  const ws = new Workspace({ readFile: (p) => (p === 'kent.json' ? { ok: true, text: '{ "confidence": { "high": { "sources": 3, "reliability": "B" } } }' } : { ok: false, reason: 'missing' }) });
  ws.loadConfig();
  const doc = ws.setDocument('h.kent', text);
  const at = (needle: string, delta = 1) => hover(ws, doc, text.indexOf(needle) + delta);
  assert.match(at('judgment')!.markdown, /^\*\*judgment\*\*: A key judgment/);
  assert.deepEqual(at('judgment')!.span, { start: text.indexOf('judgment'), end: text.indexOf('judgment') + 'judgment'.length });
  // Kent's help is Markdown, its code in bold (no backslash before it: a plain-text card then drops the marks).
  assert.equal(at('evidence E')!.markdown, '**evidence**: A piece of evidence from a source (**source:** is required).');
  assert.equal(plainText(at('evidence E')!.markdown), 'evidence: A piece of evidence from a source (source: is required).');
  assert.match(at('confidence:')!.markdown, /^\*\*confidence\*\*: low, moderate or high/);
  assert.match(at("high", 1)!.markdown, /^Confidence \*\*high\*\*: well\\?-corroborated .*Kent asks for 3 independent sources rated B or better/s);
  assert.match(at('reliability: B', 'reliability: '.length)!.markdown, /^Reliability \*\*B\*\*: usually reliable/);
  assert.match(at('credibility: 2', 'credibility: '.length)!.markdown, /^Credibility \*\*2\*\*: probably true/);
  // Free text has no meaning to show; an estimative word and a likelihood keep their own hovers.
  assert.equal(at('Anon'), undefined);
  assert.match(at('likely\n', 1)!.markdown, /^Likelihood \*\*likely\*\*/);
});

// A CSL-JSON bibliography is one as a BibTeX one is: its keys are JSON strings.
const CSL = '[\n  {\n    "id": "smith",\n    "title": "A Book",\n    "author": [{ "family": "Smith", "given": "J." }],\n    "reliability": "B"\n  },\n  { "id": 7, "title": "Numbered" }\n]\n';
const CITES_CSL = CITES.replace('refs.bib', 'refs.json');

test('a key from a CSL-JSON bibliography: references and rename reach the "id" string, written as JSON', () => {
  const files = { 'cites.kent': CITES_CSL, 'refs.json': CSL, 'package.json': '{ "name": "x" }\n' };
  const { ws, docs } = withFiles(files);
  const doc = docs['cites.kent'];
  const o = offset(CITES_CSL, '[@smith', 3);
  const refs = references(ws, doc, o, true);
  assert.deepEqual(refs.filter((l) => l.path === 'refs.json'), [{ path: 'refs.json', span: { start: offset(CSL, 'smith'), end: offset(CSL, 'smith') + 5 } }]);
  assert.equal(refs.length, 6);
  for (const key of ['smith:2021', 'doi.org/10.1/x']) {
    const after = renamed(files, 'cites.kent', o, key);
    assert.equal(after['refs.json'], CSL.replace('"smith"', JSON.stringify(key)), key);
    assert.deepEqual(JSON.parse(after['refs.json'])[0].id, key);
    assert.deepEqual(broken(after), [], key);
  }
  // Only the named file is a bibliography.
  assert.deepEqual([...ws.namedBibliographies()], ['refs.json']);
});

test('from a CSL-JSON entry itself: the target, its hover, its references and a rename', () => {
  const files = { 'cites.kent': CITES_CSL.replace('Prose [@smith].', 'Prose [@smith] and [@7].'), 'refs.json': CSL };
  const { ws } = withFiles(files);
  const bib = parseBibliography(CSL, 'csl-json');
  const target = bibliographyTarget(ws, 'refs.json', bib, offset(CSL, 'smith', 2))!;
  assert.equal(target.key, 'smith');
  assert.match(sourceHover(ws, target).markdown, /\*\*A Book\*\*[\s\S]*Reliability: \*\*B\*\*[\s\S]*Cited by cites\/C1/);
  assert.equal(sourceReferences(ws, target, false).length, 5);
  const r = renameSourceTarget(ws, target, 'smith-2020');
  assert.ok('edits' in r);
  assert.equal(applyAll(files, r.edits)['refs.json'], CSL.replace('"smith"', '"smith-2020"'));
  // A numeric id renamed becomes a string: the JSON stays JSON, and the key resolves.
  const seven = bibliographyTarget(ws, 'refs.json', bib, offset(CSL, '7'))!;
  const r7 = renameSourceTarget(ws, seven, 'numbered');
  assert.ok('edits' in r7);
  const after = applyAll(files, r7.edits);
  assert.equal(JSON.parse(after['refs.json'])[1].id, 'numbered');
  assert.match(after['cites.kent'], /\[@numbered\]/);
  assert.deepEqual(broken(after), []);
  // Off a key: nothing.
  assert.equal(bibliographyTarget(ws, 'refs.json', bib, offset(CSL, 'A Book')), undefined);
});

// BibTeX/biblatex fields that name an entry by key follow its rename.
const XBIB = [
  '@book{smith,\n  title = {A {Book}},\n  year = {2020}\n}',
  '@incollection{ch1,\n  title = {Chapter one},\n  crossref = {smith}\n}',
  '@incollection{ch2,\n  title = {Chapter two},\n  crossref = "Smith",\n  related = {ch1, smith}\n}',
  '',
].join('\n');

test('renaming a BibTeX key rewrites the crossref and related fields that name it', () => {
  const files = { 'cites.kent': CITES, 'refs.bib': XBIB };
  const after = renamed(files, 'cites.kent', offset(CITES, '[@smith', 3), 'smith:2020');
  assert.equal(after['refs.bib'], XBIB.replace('{smith,', '{smith:2020,').replace('{smith}', '{smith:2020}').replace('"Smith"', '"smith:2020"').replace('ch1, smith}', 'ch1, smith:2020}'));
  assert.deepEqual(broken(after), []);
  // From the entry itself, the same edits.
  const { ws } = withFiles(files);
  const target = bibliographyTarget(ws, 'refs.bib', parseBibliography(XBIB, 'bibtex'), offset(XBIB, 'smith', 1))!;
  const r = renameSourceTarget(ws, target, 'smith:2020');
  assert.ok('edits' in r);
  assert.equal(applyAll(files, r.edits)['refs.bib'], after['refs.bib']);
});

test('references of a BibTeX key list the crossref and related fields that name it: what rename rewrites, from a citation or the entry', () => {
  const files = { 'cites.kent': CITES, 'refs.bib': XBIB };
  const { ws, docs } = withFiles(files);
  const where = (ls: Array<{ path: string; span: Span }>) => ls.map((l) => `${l.path} ${l.span.start}-${l.span.end}`).sort();
  const at = offset(CITES, '[@smith', 3);
  const r = rename(ws, docs['cites.kent'], at, 'smith2');
  assert.ok('edits' in r);
  const fromCitation = references(ws, docs['cites.kent'], at, true);
  assert.deepEqual(where(fromCitation), where(r.edits));
  const inBib = fromCitation.filter((l) => l.path === 'refs.bib').map((l) => XBIB.slice(Math.max(0, l.span.start - 12), l.span.end + 1));
  assert.deepEqual(inBib, ['@book{smith,', 'crossref = {smith}', 'crossref = "Smith"', 'ted = {ch1, smith}']);
  // From the entry's key in the .bib: the same places; without the declaration, the entry's key left out.
  const target = bibliographyTarget(ws, 'refs.bib', parseBibliography(XBIB, 'bibtex'), offset(XBIB, 'smith', 1))!;
  assert.deepEqual(where(sourceReferences(ws, target, true)), where(r.edits));
  assert.deepEqual(where(sourceReferences(ws, target, false)), where(r.edits.filter((e) => !(e.path === 'refs.bib' && e.span.start === XBIB.indexOf('smith')))));
  // Read as the editor has the .bib, unsaved: the fields where it has them, as rename places its edits.
  const shown = '% edited, not saved\n' + XBIB;
  const bibText = (p: string) => (p === 'refs.bib' ? shown : ws.textOf(p));
  const shownRename = rename(ws, docs['cites.kent'], at, 'smith2', bibText);
  assert.ok('edits' in shownRename);
  assert.deepEqual(where(references(ws, docs['cites.kent'], at, true, bibText)), where(shownRename.edits));
  assert.deepEqual(where(sourceReferences(ws, target, true, bibText)), where(shownRename.edits));
});

test("a crossref in another document's bibliography, which has its own entry of the key, is left alone", () => {
  const other = 'assessment other: Other\n  bibliography: other.bib\n\nclaim C1: Z holds [@ch1].\n';
  const files = { 'cites.kent': CITES, 'refs.bib': XBIB, 'other.kent': other, 'other.bib': XBIB };
  const after = renamed(files, 'cites.kent', offset(CITES, '[@smith', 3), 'smith-2020');
  assert.equal(after['other.bib'], XBIB);
  assert.match(after['refs.bib'], /crossref = \{smith-2020\}/);
});

test('rename places its bibliography edits by the text given (the editor\'s, unsaved), not the file read', () => {
  const files = { 'cites.kent': CITES, 'refs.bib': XBIB };
  const { ws, docs } = withFiles(files);
  const shown = '% edited, not saved\n' + XBIB;
  const r = rename(ws, docs['cites.kent'], offset(CITES, '[@smith', 3), 'smith2', (p) => (p === 'refs.bib' ? shown : ws.textOf(p)));
  assert.ok('edits' in r);
  const edited = applyAll({ 'refs.bib': shown }, r.edits.filter((e) => e.path === 'refs.bib'))['refs.bib'];
  assert.equal(edited, '% edited, not saved\n' + XBIB.replace('{smith,', '{smith2,').replace('{smith}', '{smith2}').replace('"Smith"', '"smith2"').replace('ch1, smith}', 'ch1, smith2}'));
});

test('an escaped bracket or a code span is text: no hover or definition on it, and a rename leaves it as written', () => {
  const text = 'assessment lit: Literal\n\nclaim C1: Cite it [@s1], not `[@s1]` nor \\[@s1]; link [[C1]], not `[[C1]]`.\n\nsource s1: A source\n';
  const files = { 'lit.kent': text };
  const { ws, docs } = withFiles(files);
  for (const [what, n] of [['s1]`', 0], ['s1];', 0], ['C1]]`', 0]] as const) {
    const o = offset(text, what, 0, n);
    assert.equal(hover(ws, docs['lit.kent'], o), undefined, what);
    assert.deepEqual(definition(ws, docs['lit.kent'], o), [], what);
  }
  const after = renamed(files, 'lit.kent', offset(text, 's1]'), 'src')['lit.kent'];
  assert.equal(after, text.replace('[@s1],', '[@src],').replace('source s1:', 'source src:'));
});

test('references and rename of a source key look only at the refs the index holds for it, not every ref of the workspace', () => {
  const ws = new Workspace({ readFile: () => ({ ok: false, reason: 'missing' }) });
  ws.loadConfig();
  const busy = (i: number) => `assessment d${i}: D\n\n${Array.from({ length: 20 }, (_, j) => `claim C${j}: Fact ${j}.\n  because: C${(j + 1) % 20}\n`).join('\n')}`;
  for (let i = 0; i < 30; i++) ws.setDocument(`d${i}.kent`, busy(i));
  const text = 'assessment s: S\n\nclaim K: Cited [@src].\n  because: src\n\nsource src: A source\n';
  const doc = ws.setDocument('s.kent', text);
  let resolved = 0;
  const resolveItem = ws.resolveItem.bind(ws);
  ws.resolveItem = (from, ref) => {
    resolved++;
    return resolveItem(from, ref);
  };
  const found = references(ws, doc, text.indexOf('@src') + 1, true);
  assert.deepEqual(found.map((l) => text.slice(l.span.start, l.span.end)), ['src', 'src', 'src']);
  // The 600 claims' `because` refs elsewhere are not resolved one by one.
  assert.ok(resolved < 10, `${resolved} refs resolved`);
  const r = rename(ws, doc, text.indexOf('@src') + 1, 'src2');
  assert.ok('edits' in r && r.edits.length === 3);
  assert.ok(resolved < 20, `${resolved} refs resolved`);
});

test('definition on a file: or bibliography: path opens the file; on a quote, the passage in its source\'s file; nothing for what cannot be read', () => {
  const files: Record<string, string> = {
    'sources/report.txt': 'Page one.\nThe talks will stall,\nofficials said.\n',
    'refs.bib': '@book{b1, title = {A book}}\n',
  };
  const ws = new Workspace({ readFile: (p: string) => (p in files ? { ok: true, text: files[p] } : { ok: false, reason: 'missing' }) });
  ws.loadConfig();
  const text = [
    'assessment a: A',
    '  bibliography: refs.bib',
    '  bibliography: gone.bib',
    '',
    'evidence E1: Officials expect a stall.',
    '  source: report',
    '  quote: "the talks will stall, officials said"',
    '',
    'evidence E2: Nothing like it.',
    '  source: report',
    '  quote: "not in the file"',
    '',
    'source report: A report',
    '  file: sources/report.txt',
    '',
    'source far: Outside',
    '  file: ../outside.txt',
    '',
  ].join('\n');
  const doc = ws.setDocument('a.kent', text);
  const def = (needle: string, delta = 2) => definition(ws, doc, offset(text, needle, delta));
  assert.deepEqual(def('refs.bib'), [{ path: 'refs.bib', span: { start: 0, end: 0 } }]);
  assert.deepEqual(def('sources/report.txt'), [{ path: 'sources/report.txt', span: { start: 0, end: 0 } }]);
  const [quoted] = def('"the talks');
  assert.equal(quoted.path, 'sources/report.txt');
  assert.equal(files['sources/report.txt'].slice(quoted.span.start, quoted.span.end), 'The talks will stall,\nofficials said');
  // A missing file, a path leading outside and a quote not found go nowhere.
  assert.deepEqual(def('gone.bib'), []);
  assert.deepEqual(def('../outside.txt', 4), []);
  assert.deepEqual(def('"not in the file'), []);
  // The item refs of the same blocks still go to their definitions.
  assert.deepEqual(def('source: report', 9), [{ path: 'a.kent', span: { start: offset(text, 'report: A report'), end: offset(text, 'report: A report') + 6 } }]);
});
