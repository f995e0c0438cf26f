// Navigation by assessment ID (`supersedes:`, an `assessment` block, the `doc/` of a ref) and
// the occurrences the editor highlights where the cursor rests.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { hover } from '../server/src/core/service/hover';
import { definition, highlights, prepareRename, references, rename } from '../server/src/core/service/navigation';
import type { Span } from '../server/src/core/types';
import { Workspace } from '../server/src/core/workspace';

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

test('supersedes: names an assessment: hover shows it, definition goes to it, references find every mention', () => {
  const { ws, docs } = workspace();
  const o = offset(NEW, 'supersedes: old-one', 14);
  const card = hover(ws, docs['new.kent'], o)!;
  assert.match(card.markdown, /\*\*assessment old\\-one\*\*/);
  assert.match(card.markdown, /The old estimate/);
  assert.match(card.markdown, /Date: 1998\\-05/);
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
