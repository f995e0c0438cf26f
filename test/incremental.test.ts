// Incremental analysis must give exactly what a full rebuild gives: after every edit of a random
// sequence, re-checking only what `IncrementalChecker.changed` names (and moving the rest with
// the text) leaves every document's diagnostics equal to those of a fresh workspace built from
// the same texts. And an edit must not reparse the blocks it did not touch, nor re-check the
// items it cannot affect.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import fc from 'fast-check';
import { checkDocument, type Checked } from '../server/src/core/analyze';
import { IncrementalChecker, type Scope } from '../server/src/core/incremental';
import { blockParseCount, parseCacheSizes } from '../server/src/core/parser';
import { completions } from '../server/src/core/service/completion';
import { hover } from '../server/src/core/service/hover';
import { PieceText } from '../server/src/core/source';
import { LineIndex } from '../server/src/core/text';
import type { KentDiagnostic, Span } from '../server/src/core/types';
import type { KentDocument } from '../server/src/core/model';
import { Workspace, type RefEntry, type WorkspaceHost } from '../server/src/core/workspace';

const ROOT = path.join(__dirname, '..', 'samples');
const host: WorkspaceHost = {
  readFile(p) {
    const abs = path.join(ROOT, p);
    return fs.existsSync(abs) && fs.statSync(abs).isFile() ? { ok: true, text: fs.readFileSync(abs, 'utf8') } : { ok: false, reason: 'missing' };
  },
};

function kentFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? kentFiles(path.join(dir, e.name)) : e.name.endsWith('.kent') ? [path.join(dir, e.name)] : []));
}
const SAMPLES = new Map(kentFiles(ROOT).map((abs) => [path.relative(ROOT, abs).split(path.sep).join('/'), fs.readFileSync(abs, 'utf8')]));

/**
 * Diagnostics as an editor shows them: by line and column (in the texts of the moment), which is
 * what a re-publication must keep true; an offset may shift without any position changing.
 */
function show(ds: KentDiagnostic[], ws: Workspace): string[] {
  const at = (p: string, span: Span) => {
    const lines = new LineIndex(ws.getDocument(p)?.text ?? ws.textOf(p) ?? '');
    const [a, b] = [lines.position(span.start), lines.position(span.end)];
    return `${p}:${a.line}:${a.character}-${b.line}:${b.character}`;
  };
  return ds.map((d) => `${at(d.path, d.span)} ${d.severity} ${d.code}: ${d.message} ${(d.related ?? []).map((r) => `${at(r.path, r.span)} ${r.message}`).join('; ')}`).sort();
}

/** What the editor tells in each `kent-ignore` comment: the hover on each code, the codes offered after it with their counts. */
function ignoreHelp(ws: Workspace, doc: KentDocument, checked?: () => Checked | undefined): string[] {
  return doc.ignoreComments.flatMap((c) =>
    c.codes.flatMap((x) => [hover(ws, doc, x.span.start, checked)?.markdown ?? '', ...completions(ws, doc, x.span.end, checked).map((e) => `${e.label} ${e.detail}`)]),
  );
}

/** Edits an analyst makes that change what other documents see, and some that do not. */
const EDITS: Array<(text: string, r: number) => string> = [
  (t) => t.replace(/likelihood: likely\b/, 'likelihood: unlikely'),
  (t) => t.replace(/likelihood: unlikely\b/, 'likelihood: almost certain'),
  (t) => t.replace(/reliability: B\b/, 'reliability: E'),
  (t) => t.replace(/\b(judgment|claim) ([A-Za-z][\w-]*):/, (_m, k, id) => `${k} ${id}x:`),
  (t) => t.replace(/^assessment ([\w-]+)/m, 'assessment $1-renamed'),
  (t) => t.replace(/^assessment ([\w-]+)-renamed/m, 'assessment $1'),
  (t, r) => {
    const lines = t.split('\n');
    lines.splice(r % lines.length, 1);
    return lines.join('\n');
  },
  (t, r) => {
    const at = r % (t.length + 1);
    return t.slice(0, at) + 'x' + t.slice(at);
  },
  (t) => t.replace(/\n\nsource ([\w-]+):[^\n]*(\n  [^\n]*)*/, ''),
  (t) => t.replace(/because: /, 'because: nie-1998/KJ1, '),
  // Support chains across documents (russia-taiwan → nie-1998 → …), so grounding travels.
  (t) => t.replace(/because: /, 'because: russia-taiwan/KJ1, '),
  (t) => t.replace(/because: /, 'because: chinese-narrative/Z4, '),
  (t) => t.replace(/\n  source: [\w@-]+/, '\n  source: @nowhere'),
  (t) => t + '\n\nclaim Echo: Russia would become directly involved in a war over Taiwan.\n  because: @iiss-2024\n',
  // Rewording a statement that pairs with one in another document (a possible-contradiction),
  // and back: only the wording changes.
  (t) => t.replace('The ceasefire will hold through the winter.', 'Negotiators think the truce holds until spring.'),
  (t) => t.replace('Negotiators think the truce holds until spring.', 'The ceasefire will hold through the winter.'),
  (t) => t.replace(/(claim C-threatening: The Sino-Russian relationship has developed)/, '$1 quietly'),
  // Relations, sources, IDs and suppressions: what other items read through names and keys.
  (t) => t.replace(/\n  (same-as|negates|revises): ([\w/-]+)/, '\n  $1: $2x'),
  (t) => t.replace(/\n  (same-as|negates|revises): ([\w/-]+)x\b/, '\n  $1: $2'),
  (t) => t.replace(/\n  contradicts: /, '\n  same-as: '),
  (t) => t.replace(/^source ([\w-]+):/m, 'source $1-b:'),
  (t) => t.replace(/^source ([\w-]+)-b:/m, 'source $1:'),
  (t) => t.replace(/@([\w-]+)/, '@$1-b'),
  (t) => t.replace(/\n(judgment|claim) /, '\n// kent-ignore possible-contradiction, unsupported-claim\n$1 '),
  // Suppressions that go stale, or stranded (unused-ignore): a code the block may or may not
  // raise, a blank line or prose typed under the comment, a file-wide one.
  (t) => t.replace(/\n(judgment|claim) /, '\n// kent-ignore vague-estimate, missing-confidence: r\n$1 '),
  (t) => t.replace(/(\/\/ kent-ignore [^\n]*\n)/, '$1\n'),
  (t) => t.replace(/(\/\/ kent-ignore [^\n]*\n)/, '$1Some prose.\n'),
  (t) => t.replace(/(\/\/ kent-ignore [^\n]*\n)\n/, '$1'),
  (t) => '// kent-ignore-file unsupported-claim, syntax, unused-ignore: r\n' + t,
  // A header's statement deleted, as when it is being typed: its content goes unjudged; and typed back.
  (t) => t.replace(/\n(judgment|claim|evidence) ([\w-]+):[^\n]*/, '\n$1 $2:'),
  (t) => t.replace(/\n(judgment|claim|evidence) ([\w-]+):\n/, '\n$1 $2: Typed again.\n'),
  // An attribute typed at column 0 under a block (unindented-attribute), and indented again.
  (t) => t.replace(/\n  (likelihood|confidence|source): /, '\n$1: '),
  (t) => t.replace(/\n(likelihood|confidence): /, '\n  $1: '),
  (t) => t.replace(/\n  confidence: \w+/, ''),
  (t) => t.replace(/likelihood: \d+%/, 'likelihood: 5%'),
  (t) => t.replace(/\n  because: [^\n]*/, ''),
  (t) => t.replace(/\n  (confidence|reliability): \w+/, '\n  $1: high'),
  (t, r) => {
    // A block repeated (a duplicate ID), or moved to the end.
    const blocks = t.split('\n\n');
    const b = blocks[r % blocks.length];
    return r % 2 ? t + '\n\n' + b : blocks.filter((x) => x !== b).join('\n\n') + '\n\n' + b;
  },
  (t, r) => {
    const at = r % (t.length + 1);
    return t.slice(0, at) + t.slice(at + 1 + (r % 7));
  },
  // A line break typed over a character, or a character over a line break: no offset after it
  // moves, but the lines (and columns) of all that follows do.
  (t, r) => {
    const at = r % t.length;
    return t.slice(0, at) + (t[at] === '\n' ? 'x' : '\n') + t.slice(at + 1);
  },
  (t, r) => {
    const at = t.indexOf('\n', r % t.length);
    return at < 0 ? t : t.slice(0, at) + ' ' + t.slice(at + 1);
  },
  // A backtick or a backslash typed before a citation, or anywhere: what they hide is no longer
  // cited (a source may fall unused, a judgment rest on nothing), and what they hid is again.
  (t) => t.replace(/ \[@/, ' `[@'),
  (t) => t.replace(/ \[@/, ' \\[@'),
  (t) => t.replace(/ `\[@/, ' [@'),
  // A code span typed inside a citation, around its `]`: the citation runs on to the next `]`.
  (t) => t.replace(/(\[@[^\]\n]*)\]/, '$1 `x]` y]'),
  (t, r) => {
    const at = r % (t.length + 1);
    return t.slice(0, at) + (r % 2 ? '`' : '\\') + t.slice(at);
  },
];

/** What the index answers about a document's items: who names them, who cites them as sources. */
function indexOf(ws: Workspace, doc: KentDocument): string[] {
  const where = (e: RefEntry) => `${e.doc.path}:${e.item?.id ?? '¶'}:${e.ref.span.start}-${e.ref.span.end}:${e.doc === ws.getDocument(e.doc.path)}`;
  return doc.items.flatMap((item) => {
    const { keyed, bare } = ws.refsToKey(item.id);
    return [item.id, ws.itemIn(doc, item.id) === item ? 'first' : 'later', ...ws.refsNaming({ doc, item }).map(where).sort(), ...[...keyed, ...bare].map(where).sort(), ...ws.sourceBlocks(item.id).map((b) => `${b.doc.path}:${b.item.idSpan.start}`)];
  });
}

/**
 * Apply what `changed` says to re-check: the shown diagnostics of every document it names.
 * `seen` holds how each look (`lookOf`) showed: a diagnostic with a look seen before must show
 * the same, line and column, for the server converts each look once.
 */
function recheck(checker: IncrementalChecker, ws: Workspace, scopes: Map<string, Scope>, shown: Map<string, string[]>, seen = new Map<object, string>()): void {
  for (const [p, scope] of scopes) {
    const doc = ws.getDocument(p);
    if (!doc) {
      shown.delete(p);
      continue;
    }
    const diagnostics = checker.diagnostics(doc, scope);
    for (const d of diagnostics) {
      const now = show([d], ws)[0];
      const then = seen.get(checker.lookOf(d));
      if (then !== undefined) assert.equal(now, then, 'a diagnostic with a look seen before shows as it showed');
      seen.set(checker.lookOf(d), now);
    }
    shown.set(p, show(diagnostics, ws));
  }
}

test('after random edit sequences, re-checking only what an edit may affect equals a full rebuild', () => {
  fc.assert(
    fc.property(fc.array(fc.tuple(fc.nat(SAMPLES.size - 1), fc.nat(EDITS.length - 1), fc.nat(100_000)), { minLength: 1, maxLength: 12 }), (edits) => {
      const texts = new Map(SAMPLES);
      const ws = new Workspace(host);
      ws.loadConfig();
      for (const [p, t] of texts) ws.setDocument(p, t);
      const checker = new IncrementalChecker(ws);
      const shown = new Map<string, string[]>();
      const seen = new Map<object, string>();
      recheck(checker, ws, new Map(ws.documents().map((d) => [d.path, 'all'])), shown, seen);
      for (const [docIndex, editIndex, r] of edits) {
        const p = [...texts.keys()][docIndex];
        const next = EDITS[editIndex](texts.get(p)!, r);
        texts.set(p, next);
        const before = ws.getDocument(p);
        const after = ws.setDocument(p, next);
        if (after !== before) recheck(checker, ws, checker.changed(before, after), shown, seen);

        const fresh = new Workspace(host);
        fresh.loadConfig();
        for (const [q, t] of texts) fresh.setDocument(q, t);
        for (const d of fresh.documents()) assert.deepEqual(shown.get(d.path), show(checkDocument(fresh, d), fresh), `${d.path} after editing ${p}`);
        // Hover and completion in a `kent-ignore` read the checker's last run as they would a fresh check.
        for (const d of fresh.documents()) {
          const now = ws.getDocument(d.path)!;
          const checked = checker.checked(now);
          assert.ok(checked, `${d.path}: the checker holds its current diagnostics`);
          assert.deepEqual(ignoreHelp(ws, now, () => checked), ignoreHelp(fresh, d), `kent-ignore help in ${d.path} after editing ${p}`);
        }
        // The index, updated in place, answers as one built from scratch.
        for (const d of fresh.documents()) assert.deepEqual(indexOf(ws, ws.getDocument(d.path)!), indexOf(fresh, d), `index of ${d.path} after editing ${p}`);
      }
    }),
    { numRuns: 80, seed: 9 },
  );
});

test('an edit reparses only the block it touched', () => {
  const ws = new Workspace(host);
  const [p, text] = [...SAMPLES].find(([q]) => q.endsWith('russia-taiwan.kent'))!;
  ws.setDocument(p, text);
  const blocks = ws.getDocument(p)!.items.length;
  assert.ok(blocks > 20);
  const at = text.indexOf('likelihood:');
  const before = blockParseCount();
  ws.setDocument(p, text.slice(0, at) + 'likelihood:  ' + text.slice(at + 'likelihood:'.length));
  assert.equal(blockParseCount() - before, 1, 'one block reparsed');
  // The same edit undone: nothing is reparsed at all.
  const again = blockParseCount();
  ws.setDocument(p, text);
  assert.equal(blockParseCount() - again, 0);
});

test('a day of keystrokes keeps the blocks of the latest thousand versions, not every version: an undo still reparses nothing', () => {
  const ws = new Workspace(host);
  const [p, text] = [...SAMPLES].find(([q]) => q.endsWith('russia-taiwan.kent'))!;
  let now = PieceText.of(text);
  ws.setDocument(p, now);
  const at = text.indexOf('likelihood:') + 'likelihood:'.length;
  for (let i = 0; i < 1500; i++) ws.setDocument(p, (now = now.edit(at, at, ' ')));
  // Each keystroke made the edited block anew: those of the last thousand are kept.
  assert.ok(parseCacheSizes().chunkCache <= 1000, `blocks kept: ${parseCacheSizes().chunkCache}`);
  const before = blockParseCount();
  ws.setDocument(p, now.edit(at, at + 1, ''));
  assert.equal(blockParseCount() - before, 0, 'the keystroke undone: its block is at hand');
});

test('keystrokes in one very long block keep a bounded amount of its text, not a copy per keystroke', () => {
  // A 200,000-character quote pasted as one block: each keystroke replaces the whole block, and a
  // cache of a thousand such blocks would hold 200 million characters and their parses.
  const ws = new Workspace(host);
  const text = 'assessment a: A\n\nsource s: S\n  reliability: B\n  quote: ' + 'word '.repeat(40_000) + '\n';
  let now = PieceText.of(text);
  ws.setDocument('long.kent', now);
  const at = text.indexOf('quote: ') + 7;
  for (let i = 0; i < 100; i++) ws.setDocument('long.kent', (now = now.edit(at, at, 'x')));
  assert.ok(parseCacheSizes().chunkCache <= 21, `blocks of 200,000 characters kept: ${parseCacheSizes().chunkCache}`);
  // Small blocks are still kept a thousand deep: an undo there reparses nothing.
  const [p, small] = [...SAMPLES].find(([q]) => q.endsWith('russia-taiwan.kent'))!;
  let typed = PieceText.of(small);
  ws.setDocument(p, typed);
  const at2 = small.indexOf('likelihood:') + 'likelihood:'.length;
  for (let i = 0; i < 500; i++) ws.setDocument(p, (typed = typed.edit(at2, at2, ' ')));
  const before = blockParseCount();
  ws.setDocument(p, typed.edit(at2, at2 + 100, ''));
  assert.equal(blockParseCount() - before, 0, 'a hundred keystrokes undone at once: their block is at hand');
});

test('a document opened in the editor with the text read from disk keeps its parse; opened with another text, it is parsed again', () => {
  const ws = new Workspace(host);
  const [p, text] = [...SAMPLES].find(([q]) => q.endsWith('russia-taiwan.kent'))!;
  const fromDisk = ws.setDocument(p, text);
  // The editor's copy: the same text, in pieces, as the language server holds an open document.
  const open = PieceText.of(text);
  let reads = 0;
  const whole = open.toString.bind(open);
  open.toString = () => (reads++, whole());
  const before = blockParseCount();
  assert.equal(ws.setDocument(p, open), fromDisk, 'the same document');
  assert.equal(blockParseCount() - before, 0, 'no block parsed again');
  // Every request on the open document sets it again: its text is compared once, not each time.
  const compared = reads;
  ws.setDocument(p, open);
  ws.setDocument(p, open);
  assert.equal(reads, compared, 'the same copy is not compared again');
  const edited = ws.setDocument(p, PieceText.of(text.replace('likelihood:', 'likelihood: \t')));
  assert.notEqual(edited, fromDisk);
  assert.ok(blockParseCount() - before > 0, 'another text is parsed');
});

test('an edit that changes nothing other documents can see re-checks only the item it touched', () => {
  const ws = new Workspace(host);
  for (const [p, t] of SAMPLES) ws.setDocument(p, t);
  const checker = new IncrementalChecker(ws);
  for (const d of ws.documents()) checker.diagnostics(d, 'all');
  const [p, text] = [...SAMPLES].find(([q]) => q.endsWith('russia-taiwan.kent'))!;
  const before = ws.getDocument(p)!;
  // A word of prose retyped: only the document re-assembles, re-checking no item.
  const prose = text.indexOf('\n\n', text.indexOf('# ')) + 2;
  const after = ws.setDocument(p, text.slice(0, prose) + 'X' + text.slice(prose + 1));
  const scopes = checker.changed(before, after);
  // Documents whose diagnostics point into it re-publish (their locations moved) but re-check nothing.
  for (const [q, scope] of scopes) assert.deepEqual(scope, new Set(), q);
  assert.ok(scopes.has(p));
  // A typo in one claim's confidence: that claim alone is re-checked.
  const at = after.text.indexOf('confidence: moderate') + 'confidence: moderat'.length;
  const item = after.items.find((i) => i.span.start <= at && at <= i.span.end)!;
  const again = ws.setDocument(p, after.text.slice(0, at) + 'x' + after.text.slice(at + 1));
  const scopes2 = checker.changed(after, again);
  assert.deepEqual([...(scopes2.get(p) as Set<string>)], [item.id]);
  assert.ok(checker.diagnostics(again, scopes2.get(p)!).some((d) => d.code === 'invalid-value' && d.message.includes(item.id)));
});

test('an edit keeps the look of every unused-ignore it leaves where it was shown, and gives one it moves a new look', () => {
  const ws = new Workspace(host);
  const text = [
    'judgment J1: One.',
    '  likelihood: likely',
    '  confidence: high',
    '',
    '// kent-ignore vague-estimate: nothing vague here',
    'judgment J2: Two.',
    '  likelihood: likely',
    '  confidence: high',
    '',
  ].join('\n');
  const checker = new IncrementalChecker(ws);
  const unused = (doc: KentDocument) => checker.diagnostics(doc, 'all').filter((d) => d.code === 'unused-ignore');
  const doc = ws.setDocument('u.kent', text);
  const [first] = unused(doc);
  assert.ok(first, 'the comment silences nothing');
  // A word typed in J1: the comment's offsets shift, its line and column do not.
  const typed = ws.setDocument('u.kent', text.replace('One.', 'One more.'));
  const scopes = checker.changed(doc, typed);
  const [kept] = checker.diagnostics(typed, scopes.get('u.kent')!).filter((d) => d.code === 'unused-ignore');
  assert.equal(kept.span.start, first.span.start + ' more'.length);
  assert.equal(checker.lookOf(kept), checker.lookOf(first), 'shown as it was: converted once');
  // A line added above it: shown on another line, so a look of its own.
  const added = ws.setDocument('u.kent', typed.text.replace('One more.', 'One\n    more.'));
  const [moved] = checker.diagnostics(added, checker.changed(typed, added).get('u.kent')!).filter((d) => d.code === 'unused-ignore');
  assert.notEqual(checker.lookOf(moved), checker.lookOf(kept));
  assert.deepEqual(moved, checkDocument(ws, added).find((d) => d.code === 'unused-ignore'));
});

test('grounding travels along support through documents: a change two documents away re-checks the supporter', () => {
  const docs = new Map([
    ['a.kent', 'assessment a: A\n\nclaim A1: Alpha holds.\n  because: b/B1\n'],
    ['b.kent', 'assessment b: B\n\nclaim B1: Beta holds.\n  because: c/C1\n'],
    ['c.kent', 'assessment c: C\n\nclaim C1: Gamma holds.\n  because: @src\n\nsource src: A report\n  reliability: B\n'],
  ]);
  const ws = new Workspace({ readFile: () => ({ ok: false, reason: 'missing' }) });
  for (const [p, t] of docs) ws.setDocument(p, t);
  const checker = new IncrementalChecker(ws);
  const shown = new Map(ws.documents().map((d) => [d.path, show(checker.diagnostics(d, 'all'), ws)]));
  assert.ok(!shown.get('a.kent')!.some((d) => d.includes('ungrounded-claim')));
  // C1 loses its source: C1, B1 and A1 now rest on nothing that reaches a source.
  const before = ws.getDocument('c.kent');
  const after = ws.setDocument('c.kent', 'assessment c: C\n\nclaim C1: Gamma holds.\n  because: C2\n\nclaim C2: Delta holds.\n  because: C1\n');
  const scopes = checker.changed(before, after);
  assert.deepEqual([...scopes.keys()].sort(), ['a.kent', 'b.kent', 'c.kent']);
  assert.deepEqual([...(scopes.get('a.kent') as Set<string>)], ['A1']);
  recheck(checker, ws, scopes, shown);
  assert.ok(shown.get('a.kent')!.some((d) => d.includes('ungrounded-claim')), shown.get('a.kent')!.join('\n'));
});

test('a document pointing into an edited one re-publishes only when a line or column it points to moved', () => {
  const ws = new Workspace({ readFile: () => ({ ok: false, reason: 'missing' }) });
  ws.setDocument('a.kent', 'assessment a: A\n\nclaim A1: Alpha holds.\n  because: b/B1\n');
  const b = 'assessment b: B\n\nclaim B1: Beta holds.\n  because: a/A1\n';
  ws.setDocument('b.kent', b);
  const checker = new IncrementalChecker(ws);
  for (const d of ws.documents()) checker.diagnostics(d, 'all');
  // a.kent's diagnostics point at B1, on b.kent's third line.
  assert.ok(checker.diagnostics(ws.getDocument('a.kent')!, new Set()).some((d) => d.related?.some((r) => r.path === 'b.kent' && r.span.start === b.indexOf('B1'))));
  const edit = (text: string) => {
    const before = ws.getDocument('b.kent');
    const scopes = checker.changed(before, ws.setDocument('b.kent', text));
    for (const d of ws.documents()) checker.diagnostics(d, 'all');
    return scopes;
  };
  // The title retyped, on the first line: B1's offset shifts, but not its line or column.
  assert.ok(!edit(b.replace(': B', ': Bb')).has('a.kent'));
  // A space before B1, on its own line: its column moves.
  assert.ok(edit(b.replace(': B', ': Bb').replace('claim B1', 'claim  B1')).has('a.kent'));
  // A line break before it: its line moves.
  assert.ok(edit(b.replace('\n\n', '\n\n\n')).has('a.kent'));
  // A `\r` and a `\n` joined into one line break by deleting what stood between them: its line moves too.
  const split = b.replace('B\n', 'B\rx\n');
  edit(split);
  assert.ok(edit(split.replace('\rx\n', '\r\n')).has('a.kent'));
});

test('an ID typed in one document re-checks the refs that could now be suggested it: its own, and doc/ID refs into it, not every unresolved ref', () => {
  const docs = new Map([
    ['x.kent', 'assessment x: X\n\nclaim KJ1: Alpha holds.\n  because: @s\n\nsource s: S\n  reliability: B\n'],
    ['y.kent', 'assessment y: Y\n\nclaim Y1: Beta holds.\n  because: x/KJ2\n\nclaim Y2: Gamma holds.\n  because: nope\n'],
    ['z.kent', 'assessment z: Z\n\nAs [[x/KJ3]] says.\n\nclaim Z1: Delta holds.\n  because: @s2\n'],
  ]);
  const ws = new Workspace({ readFile: () => ({ ok: false, reason: 'missing' }) });
  for (const [p, t] of docs) ws.setDocument(p, t);
  const checker = new IncrementalChecker(ws);
  const shown = new Map(ws.documents().map((d) => [d.path, show(checker.diagnostics(d, 'all'), ws)]));
  assert.ok(shown.get('y.kent')!.some((d) => d.includes('x has no item KJ2 (did you mean x/KJ1?)')), shown.get('y.kent')!.join('\n'));
  assert.ok(shown.get('z.kent')!.some((d) => d.includes('x has no item KJ3 (did you mean x/KJ1?)')), shown.get('z.kent')!.join('\n'));
  // KJ1 becomes KJ22: y's x/KJ2 and z's [[x/KJ3]] may now be offered it; y's local "nope" and z's @s2 cannot.
  const before = ws.getDocument('x.kent');
  const after = ws.setDocument('x.kent', docs.get('x.kent')!.replace('KJ1', 'KJ22'));
  const scopes = checker.changed(before, after);
  assert.deepEqual([...(scopes.get('y.kent') as Set<string>)], ['Y1']);
  assert.deepEqual([...(scopes.get('z.kent') as Set<string>)], []);
  recheck(checker, ws, scopes, shown);
  for (const d of ws.documents()) assert.deepEqual(shown.get(d.path), show(checkDocument(ws, d), ws), d.path);
  assert.ok(shown.get('y.kent')!.some((d) => d.includes('(did you mean x/KJ22?)')));
  // z's link was offered x/KJ1; KJ22 is too far from KJ3 to be offered instead.
  assert.ok(!shown.get('z.kent')!.some((d) => d.includes('did you mean x/')), shown.get('z.kent')!.join('\n'));
});

test('an item typed, typed away or of another kind in one document re-checks the doc/ID refs into no assessment that may be offered it', () => {
  const docs = new Map([
    ['a.kent', 'assessment team-a: A\n\nclaim C1: Alpha holds [@s].\n\nsource s: S\n  reliability: B\n'],
    ['y.kent', 'assessment y: Y\n\nclaim Y1: Beta holds [@s].\n  same-as: team-b/C3\n'],
  ]);
  const ws = new Workspace({ readFile: () => ({ ok: false, reason: 'missing' }) });
  for (const [p, t] of docs) ws.setDocument(p, t);
  const checker = new IncrementalChecker(ws);
  const shown = new Map(ws.documents().map((d) => [d.path, show(checker.diagnostics(d, 'all'), ws)]));
  let text = docs.get('a.kent')!;
  const edit = (next: string) => {
    const before = ws.getDocument('a.kent');
    text = next;
    recheck(checker, ws, checker.changed(before, ws.setDocument('a.kent', next)), shown);
    for (const d of ws.documents()) assert.deepEqual(shown.get(d.path), show(checkDocument(ws, d), ws), `${d.path} after ${JSON.stringify(next)}`);
    return shown.get('y.kent')!.join('\n');
  };
  assert.doesNotMatch(shown.get('y.kent')!.join('\n'), /did you mean/);
  assert.match(edit(text.replace('claim C1', 'claim C3')), /did you mean team-a\/C3\?/);
  assert.doesNotMatch(edit(text.replace('claim C3', 'evidence C3')), /did you mean/);
  assert.match(edit(text.replace('evidence C3', 'claim C3')), /did you mean team-a\/C3\?/);
  assert.doesNotMatch(edit(text.replace('claim C3', 'claim C4')), /did you mean/);
});

test("a bibliography named or dropped in one document re-checks the documents that rate its keys: two bibliographies' ratings are compared", () => {
  const files: Record<string, string> = {
    'a.bib': '@misc{radio, title = {Radio}, reliability = {B}}\n',
    'b.bib': '@misc{radio, title = {Radio}, reliability = {E}}\n',
  };
  const ws = new Workspace({ readFile: (p) => (p in files ? { ok: true, text: files[p] } : { ok: false, reason: 'missing' }) });
  ws.setDocument('a.kent', 'assessment a: A\n  bibliography: a.bib\n\nclaim C1: Road closed [@radio].\n');
  ws.setDocument('c.kent', 'assessment c: C\n\nsource radio: Radio\n  reliability: A\n');
  const plain = 'assessment b: B\n\nclaim C1: Bridge closed [@radio].\n';
  ws.setDocument('b.kent', plain);
  const checker = new IncrementalChecker(ws);
  const shown = new Map(ws.documents().map((d) => [d.path, show(checker.diagnostics(d, 'all'), ws)]));
  const rated = (p: string) => shown.get(p)!.filter((d) => d.includes('inconsistent-source-rating')).length;
  const edit = (text: string) => {
    const before = ws.getDocument('b.kent')!;
    recheck(checker, ws, checker.changed(before, ws.setDocument('b.kent', text)), shown);
    for (const d of ws.documents()) assert.deepEqual(shown.get(d.path), show(checkDocument(ws, d), ws), d.path);
  };
  assert.deepEqual([rated('a.kent'), rated('c.kent')], [0, 1]);
  edit(plain.replace('B\n', 'B\n  bibliography: b.bib\n'));
  assert.deepEqual([rated('a.kent'), rated('b.kent'), rated('c.kent')], [1, 1, 1]);
  edit(plain);
  assert.deepEqual([rated('a.kent'), rated('b.kent'), rated('c.kent')], [0, 0, 1]);
});

test('a bibliography named or dropped in one document re-checks the unresolved keys of another that are its entries', () => {
  const files: Record<string, string> = { 'refs.bib': '@misc{fao, title = {FAO}, reliability = {A}}\n' };
  const ws = new Workspace({ readFile: (p) => (p in files ? { ok: true, text: files[p] } : { ok: false, reason: 'missing' }) });
  const naming = 'assessment a: A\n  bibliography: refs.bib\n\nclaim C1: Prices rose [@fao].\n';
  ws.setDocument('a.kent', naming);
  ws.setDocument('b.kent', 'assessment b: B\n\nclaim C1: Imports fell [@fao].\n');
  const checker = new IncrementalChecker(ws);
  const shown = new Map(ws.documents().map((d) => [d.path, show(checker.diagnostics(d, 'all'), ws)]));
  const edit = (text: string) => {
    const before = ws.getDocument('a.kent')!;
    recheck(checker, ws, checker.changed(before, ws.setDocument('a.kent', text)), shown);
    for (const d of ws.documents()) assert.deepEqual(shown.get(d.path), show(checkDocument(ws, d), ws), d.path);
  };
  const inBib = () => shown.get('b.kent')!.filter((d) => d.includes('is an entry of refs.bib')).length;
  assert.equal(inBib(), 1);
  edit(naming.replace('  bibliography: refs.bib\n', ''));
  assert.equal(inBib(), 0);
  edit(naming);
  assert.equal(inBib(), 1);
});

test('supersedes: written or removed in one assessment, the one it names re-checks (its hints against its successor come and go)', () => {
  const ws = new Workspace({ readFile: () => ({ ok: false, reason: 'missing' }) });
  const plain = 'assessment a: A\n\nclaim X: The ceasefire will hold through the winter.\n  likelihood: likely\n';
  ws.setDocument('a.kent', plain);
  ws.setDocument('b.kent', 'assessment b: B\n\nclaim X: The ceasefire will not hold through the winter.\n  likelihood: likely\n');
  const checker = new IncrementalChecker(ws);
  const shown = new Map(ws.documents().map((d) => [d.path, show(checker.diagnostics(d, 'all'), ws)]));
  const hints = (p: string) => shown.get(p)!.filter((d) => d.includes('possible-contradiction')).length;
  const edit = (text: string) => {
    const before = ws.getDocument('a.kent')!;
    recheck(checker, ws, checker.changed(before, ws.setDocument('a.kent', text)), shown);
    for (const d of ws.documents()) assert.deepEqual(shown.get(d.path), show(checkDocument(ws, d), ws), d.path);
  };
  assert.deepEqual([hints('a.kent'), hints('b.kent')], [1, 1]);
  edit(plain.replace('A\n', 'A\n  supersedes: b\n'));
  assert.deepEqual([hints('a.kent'), hints('b.kent')], [1, 0]);
  edit(plain);
  assert.deepEqual([hints('a.kent'), hints('b.kent')], [1, 1]);
});

test("an assessment's date edited re-reads every 'could' of its document: vague-estimate and the possible contradictions it reads elsewhere come and go as a fresh check's", () => {
  const ws = new Workspace({ readFile: () => ({ ok: false, reason: 'missing' }) });
  const gas = (date: string) => `assessment a: A\n  date: ${date}\n\nclaim X: In 2022 Europe could still buy Russian gas through Ukraine.\n`;
  ws.setDocument('a.kent', gas('2024-09'));
  ws.setDocument('b.kent', 'assessment b: B\n  date: 2024-09\n\nclaim Y: In 2022 Europe could still buy Russian gas through Ukraine.\n  likelihood: unlikely\n');
  const checker = new IncrementalChecker(ws);
  const shown = new Map(ws.documents().map((d) => [d.path, show(checker.diagnostics(d, 'all'), ws)]));
  const count = (p: string, code: string) => shown.get(p)!.filter((d) => d.includes(` ${code}: `)).length;
  const edit = (text: string) => {
    const before = ws.getDocument('a.kent')!;
    recheck(checker, ws, checker.changed(before, ws.setDocument('a.kent', text)), shown);
    const fresh = new Workspace({ readFile: () => ({ ok: false, reason: 'missing' }) });
    for (const d of ws.documents()) fresh.setDocument(d.path, d.text);
    for (const d of fresh.documents()) assert.deepEqual(shown.get(d.path), show(checkDocument(fresh, d), fresh), d.path);
    // The statement index, updated in place, holds the propositions a fresh one reads (a past "could" is content).
    const props = (w: Workspace) => w.statements.statementsOf(w.getDocument('a.kent')!).map((st) => st.prop);
    assert.deepEqual(props(ws), props(fresh));
  };
  assert.deepEqual([count('a.kent', 'vague-estimate'), count('b.kent', 'possible-contradiction')], [0, 1]);
  edit(gas('2021-09'));
  assert.deepEqual([count('a.kent', 'vague-estimate'), count('b.kent', 'possible-contradiction')], [1, 0]);
  edit(gas('2024-09'));
  assert.deepEqual([count('a.kent', 'vague-estimate'), count('b.kent', 'possible-contradiction')], [0, 1]);
});

test("an assessment's date edited within its year re-checks its resolved judgments: resolved before the date or not, as a fresh check says", () => {
  const ws = new Workspace({ readFile: () => ({ ok: false, reason: 'missing' }) });
  const rain = (date: string) => `assessment a: A\n  date: ${date}\n\njudgment J1: It will rain [@s].\n  likelihood: likely\n  resolved: true 2025-10\n\nsource s: S\n  reliability: B\n`;
  ws.setDocument('a.kent', rain('2025-09'));
  const checker = new IncrementalChecker(ws);
  const shown = new Map(ws.documents().map((d) => [d.path, show(checker.diagnostics(d, 'all'), ws)]));
  const early = () => shown.get('a.kent')!.filter((d) => d.includes('no forecast')).length;
  const edit = (text: string) => {
    const before = ws.getDocument('a.kent')!;
    recheck(checker, ws, checker.changed(before, ws.setDocument('a.kent', text)), shown);
    const fresh = new Workspace({ readFile: () => ({ ok: false, reason: 'missing' }) });
    fresh.setDocument('a.kent', text);
    assert.deepEqual(shown.get('a.kent'), show(checkDocument(fresh, fresh.getDocument('a.kent')!), fresh));
  };
  assert.equal(early(), 0);
  edit(rain('2025-11'));
  assert.equal(early(), 1);
  edit(rain('2025-10'));
  assert.equal(early(), 0);
});

test("a document that names a broken bibliography first (in path order), added, renamed or removed: the others list its problems or point to it as a fresh check does", () => {
  const files = new Map([['refs.bib', '@misc{broken, title = {Two}\n']]);
  const host: WorkspaceHost = { readFile: (p) => (files.has(p) ? { ok: true, text: files.get(p)! } : { ok: false, reason: 'missing' }) };
  const ws = new Workspace(host);
  const named = (id: string) => `assessment ${id}: ${id}\n  bibliography: refs.bib\n`;
  ws.setDocument('b.kent', named('b'));
  ws.setDocument('c.kent', named('c'));
  const checker = new IncrementalChecker(ws);
  const shown = new Map(ws.documents().map((d) => [d.path, show(checker.diagnostics(d, 'all'), ws)]));
  const same = () => {
    const fresh = new Workspace(host);
    for (const d of ws.documents()) fresh.setDocument(d.path, d.text);
    for (const d of fresh.documents()) assert.deepEqual(shown.get(d.path), show(checkDocument(fresh, d), fresh), d.path);
  };
  const listing = () => [...shown].filter(([, ds]) => ds.some((d) => d.includes('refs.bib:1:1'))).map(([p]) => p);
  assert.deepEqual(listing(), ['b.kent']);
  recheck(checker, ws, checker.changed(undefined, ws.setDocument('a.kent', named('a'))), shown);
  same();
  assert.deepEqual(listing(), ['a.kent']);
  const a = ws.getDocument('a.kent')!;
  ws.removeDocument('a.kent');
  recheck(checker, ws, checker.changed(a, undefined), shown);
  same();
  assert.deepEqual(listing(), ['b.kent']);
  // The first silences the problems with a `kent-ignore` typed above its assessment: the next lists them; typed away, back.
  for (const [text, expected] of [[`// kent-ignore source-file-missing\n${named('b')}`, 'c.kent'], [named('b'), 'b.kent']] as const) {
    const before = ws.getDocument('b.kent')!;
    recheck(checker, ws, checker.changed(before, ws.setDocument('b.kent', text)), shown);
    same();
    assert.deepEqual(listing(), [expected]);
  }
});

test('a tangle of support (more than 64 items): as it grows, shrinks and changes its first item across documents, re-checking gives what a full rebuild gives', () => {
  const n = 40;
  const ring = (first = '') => `assessment a: A\n\n${first}${Array.from({ length: n }, (_, i) => `claim C${i}: Thing ${i} holds.\n  because: C${(i + 1) % n}, b/S${i}\n`).join('\n')}`;
  const sides = (odd?: [number, string]) => `assessment b: B\n\n${Array.from({ length: n }, (_, i) => `claim S${i}: Side ${i} holds.\n  because: ${i === odd?.[0] ? odd[1] : `a/C${(i + 2) % n}`}\n`).join('\n')}`;
  const ws = new Workspace({ readFile: () => ({ ok: false, reason: 'missing' }) });
  ws.setDocument('a.kent', ring());
  ws.setDocument('b.kent', sides());
  ws.setDocument('c.kent', 'assessment c: C\n\nclaim X: Another thing.\n  because: a/C5\n');
  const checker = new IncrementalChecker(ws);
  const shown = new Map(ws.documents().map((d) => [d.path, show(checker.diagnostics(d, 'all'), ws)]));
  const circular = () => [...shown.values()].flat().filter((d) => d.includes(' circular-support: ')).map((d) => d.replace(/^.*circular-support: /, '').replace(/ a\.kent.*$/, ''));
  const edit = (p: string, text: string) => {
    const before = ws.getDocument(p);
    recheck(checker, ws, checker.changed(before, ws.setDocument(p, text)), shown);
    const fresh = new Workspace({ readFile: () => ({ ok: false, reason: 'missing' }) });
    for (const d of ws.documents()) fresh.setDocument(d.path, d.text);
    for (const d of fresh.documents()) assert.deepEqual(shown.get(d.path), show(checkDocument(fresh, d), fresh), `${d.path} after editing ${p}`);
  };
  assert.equal(circular().length, 2);
  // X joins the tangle (S38 stands on it), off its shortest cycle: its document is pointed to the cycle named in a.kent.
  edit('b.kent', sides([38, 'c/X']));
  assert.match(circular().join('\n'), /claim X supports itself in a circle, in a tangle of 81 items/);
  // A claim typed first in a.kent, on the tangle and stood on by it: the cycle is named through it now.
  edit('a.kent', ring('claim Z: First.\n  because: C0\n\n'));
  edit('b.kent', sides([1, 'a/Z']));
  assert.match(circular().join('\n'), /claim Z supports itself in a circle: Z → C0 → C1 → b\/S1 → Z, one of the circles of a tangle of 81 items/);
  // S1 names nothing, S38 is back on the ring: the tangle shrinks, X and Z fall out of it.
  edit('b.kent', sides([1, 'C1']));
  assert.deepEqual(circular().map((m) => m.replace(/:.*, one of/, ': …, one of')), [
    'claim C0 supports itself in a circle: …, one of the circles of a tangle of 79 items standing on one another',
    'claim S0 supports itself in a circle, in a tangle of 79 items standing on one another; one of its circles is named on a/C0',
  ]);
});

test('a document that comes or goes whole (created on disk, deleted) re-checks what it names: a source it cites, the other side of its same-as', () => {
  const ws = new Workspace({ readFile: () => ({ ok: false, reason: 'missing' }) });
  ws.setDocument('b.kent', 'assessment b: B\n\nclaim S4: Side holds [@s].\n\nsource s: S\n  reliability: B\n\nsource u: U\n  reliability: B\n');
  const checker = new IncrementalChecker(ws);
  const shown = new Map(ws.documents().map((d) => [d.path, show(checker.diagnostics(d, 'all'), ws)]));
  const c = 'assessment c: C\n\njudgment K: Talks resume [@u].\n  likelihood: likely\n  confidence: low\n  same-as: b/S4\n';
  const step = (text: string | undefined) => {
    const before = ws.getDocument('c.kent');
    let after;
    if (text === undefined) ws.removeDocument('c.kent');
    else after = ws.setDocument('c.kent', text);
    recheck(checker, ws, checker.changed(before, after), shown);
    for (const d of ws.documents()) assert.deepEqual(shown.get(d.path), show(checkDocument(ws, d), ws), `${d.path} after c.kent ${text === undefined ? 'deleted' : 'created'}`);
    return shown.get('b.kent')!.join('\n');
  };
  assert.match(shown.get('b.kent')!.join('\n'), /source u is not cited/);
  const created = step(c);
  assert.doesNotMatch(created, /source u is not cited/);
  assert.match(created, /c\/K \(likely, 55–80%\) states the same proposition as S4/);
  assert.match(step(undefined), /source u is not cited/);
});

test('kent-ignore and kent-ignore-file lines typed, edited and moved in documents sharing a broken bibliography: the listing and the pointers are what a fresh check gives', () => {
  const files = new Map([['refs.bib', '@misc{broken, title = {Two}\n@misc{k1, title = {K}, reliability = {Z}}\n']]);
  const host: WorkspaceHost = { readFile: (p) => (files.has(p) ? { ok: true, text: files.get(p)! } : { ok: false, reason: 'missing' }) };
  const codes = ['source-file-missing', 'invalid-value', 'source-file-missing, invalid-value', 'unused-source'];
  // Where a silencing line stands: above the assessment, at the top of the file, below it, between its lines (silencing nothing), or nowhere.
  const variant = fc.record({ where: fc.constantFrom('block', 'file-top', 'file-end', 'inside', 'none'), code: fc.constantFrom(...codes), named: fc.boolean() });
  const textOf = (id: string, v: { where: string; code: string; named: boolean }) => {
    const bib = v.named ? '  bibliography: refs.bib\n' : '';
    const head = `assessment ${id}: ${id}\n  date: 2024-01\n`;
    switch (v.where) {
      case 'block': return `// kent-ignore ${v.code}: known\n${head}${bib}`;
      case 'file-top': return `// kent-ignore-file ${v.code}: known\n\n${head}${bib}`;
      case 'file-end': return `${head}${bib}\n// kent-ignore-file ${v.code}: known\n`;
      case 'inside': return `${head}  // kent-ignore ${v.code}\n${bib}`;
      default: return `${head}${bib}`;
    }
  };
  fc.assert(
    fc.property(fc.array(fc.tuple(fc.constantFrom('a.kent', 'b.kent', 'c.kent'), variant), { minLength: 1, maxLength: 10 }), (edits) => {
      const ws = new Workspace(host);
      for (const p of ['a.kent', 'b.kent', 'c.kent']) ws.setDocument(p, textOf(p[0], { where: 'none', code: '', named: true }));
      const checker = new IncrementalChecker(ws);
      const shown = new Map(ws.documents().map((d) => [d.path, show(checker.diagnostics(d, 'all'), ws)]));
      for (const [p, v] of edits) {
        const before = ws.getDocument(p)!;
        recheck(checker, ws, checker.changed(before, ws.setDocument(p, textOf(p[0], v))), shown);
        const fresh = new Workspace(host);
        for (const d of ws.documents()) fresh.setDocument(d.path, d.text);
        for (const d of fresh.documents()) assert.deepEqual(shown.get(d.path), show(checkDocument(fresh, d), fresh), d.path);
      }
    }),
    { numRuns: 150 },
  );
});
