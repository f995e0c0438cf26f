// The chain of support as a call hierarchy: what an item stands on (outgoing) and what stands on
// it (incoming), across documents, through source blocks and bibliography entries.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { sourceLink, standingOn, standsOn, supportLinkAt, type SupportStep } from '../server/src/core/service/supportHierarchy';
import { Workspace } from '../server/src/core/workspace';

const OLD = [
  'assessment old-one: The old estimate',
  '',
  'claim O1: Alpha holds.',
  '  because: @iiss',
  '',
  'source iiss: The Military Balance',
  '  reliability: B',
  '',
].join('\n');

const NEW = [
  'assessment new-one: The new estimate',
  '  bibliography: refs.bib',
  '',
  'judgment KJ1: Beta will probably hold [@smith].',
  '  likelihood: likely',
  '  because: C1, old-one/O1, E1, C1',
  '  against: C2',
  '',
  'claim C1: Gamma holds.',
  '  because: iiss',
  '',
  'claim C2: Delta fails.',
  '  because: C1',
  '',
  'evidence E1: An expert expects Beta.',
  '  source: @smith',
  '',
].join('\n');

const BIB = '@book{smith,\n  title = {On Beta},\n  author = {Smith, Jo},\n  year = {2021}\n}\n';

function workspace() {
  const ws = new Workspace({ readFile: (p) => (p === 'refs.bib' ? { ok: true, text: BIB } : { ok: false, reason: 'missing' }) });
  ws.loadConfig();
  const old = ws.setDocument('old.kent', OLD);
  const neu = ws.setDocument('new.kent', NEW);
  return { ws, old, neu };
}

const names = (steps: SupportStep[]) => steps.map((s) => `${s.link.kind} ${s.link.name} (${s.link.path})`);
const written = (text: string, steps: SupportStep[]) => steps.map((s) => s.refs.map((r) => text.slice(r.start, r.end)));

test('support hierarchy: a judgment stands on what its because and citations name, each once, in order, against left out', () => {
  const { ws, neu } = workspace();
  const kj1 = supportLinkAt(ws, neu, NEW.indexOf('KJ1'))!;
  assert.deepEqual([kj1.name, kj1.kind, kj1.detail, kj1.path], ['KJ1', 'judgment', 'Beta will probably hold [@smith].', 'new.kent']);
  const out = standsOn(ws, kj1);
  assert.deepEqual(names(out), ['claim C1 (new.kent)', 'claim O1 (old.kent)', 'evidence E1 (new.kent)', 'entry smith (refs.bib)']);
  // C1 is named twice in `because`: one link, both refs.
  assert.deepEqual(written(NEW, out), [['C1', 'C1'], ['old-one/O1'], ['E1'], ['smith']]);
  const entry = out[3].link;
  assert.equal(entry.detail, 'On Beta · Smith, Jo · 2021');
  assert.equal(BIB.slice(entry.selectionSpan.start, entry.selectionSpan.end), 'smith');
});

test('support hierarchy: down the chain to a source block in another document, and an evidence to its source', () => {
  const { ws, neu } = workspace();
  const c1 = supportLinkAt(ws, neu, NEW.indexOf('claim C1') + 6)!;
  assert.deepEqual(names(standsOn(ws, c1)), ['source iiss (old.kent)']);
  const e1 = supportLinkAt(ws, neu, NEW.indexOf('evidence E1') + 9)!;
  assert.deepEqual([e1.kind, e1.name], ['evidence', 'E1']);
  assert.deepEqual(names(standsOn(ws, e1)), ['entry smith (refs.bib)']);
  // A source stands on nothing.
  assert.deepEqual(standsOn(ws, standsOn(ws, c1)[0].link), []);
});

test('support hierarchy: up from a source to every item resting on it, in any document, however it is cited', () => {
  const { ws, old, neu } = workspace();
  const iiss = supportLinkAt(ws, old, OLD.indexOf('source iiss') + 7)!;
  assert.deepEqual([iiss.kind, iiss.name], ['source', 'iiss']);
  const up = standingOn(ws, iiss);
  assert.deepEqual(names(up).sort(), ['claim C1 (new.kent)', 'claim O1 (old.kent)']);
  // The refs are in each standing item's own document.
  const byName = new Map(up.map((s) => [s.link.name, s]));
  assert.deepEqual(written(NEW, [byName.get('C1')!]), [['iiss']]);
  assert.deepEqual(written(OLD, [byName.get('O1')!]), [['iiss']]);

  // A bibliography entry, from a citation of it: the judgment's inline citation and the evidence.
  const smith = supportLinkAt(ws, neu, NEW.indexOf('@smith]') + 1)!;
  assert.deepEqual([smith.kind, smith.name, smith.path], ['entry', 'smith', 'refs.bib']);
  assert.deepEqual(names(standingOn(ws, smith)), ['judgment KJ1 (new.kent)', 'evidence E1 (new.kent)']);
  // The same link, found from the entry itself (as in the .bib file).
  const resolved = ws.resolveSource(neu, 'smith')!;
  assert.deepEqual(names(standingOn(ws, sourceLink(ws, resolved))), names(standingOn(ws, smith)));
});

test('support hierarchy: up from a claim; `against` does not stand on it; across documents by doc/ID', () => {
  const { ws, old, neu } = workspace();
  const c1 = supportLinkAt(ws, neu, NEW.indexOf('C1, old-one'))!;
  assert.equal(c1.name, 'C1');
  assert.deepEqual(names(standingOn(ws, c1)), ['judgment KJ1 (new.kent)', 'claim C2 (new.kent)']);
  const c2 = supportLinkAt(ws, neu, NEW.indexOf('claim C2') + 6)!;
  assert.deepEqual(standingOn(ws, c2), []);
  const o1 = supportLinkAt(ws, old, OLD.indexOf('O1'))!;
  assert.deepEqual(names(standingOn(ws, o1)), ['judgment KJ1 (new.kent)']);
});

test('support hierarchy: a link found again after an edit; a link whose item is gone has no steps; nothing off a name', () => {
  const { ws, neu } = workspace();
  const c1 = supportLinkAt(ws, neu, NEW.indexOf('claim C1') + 6)!;
  ws.setDocument('new.kent', NEW.replace('  because: iiss\n', '  because: C2\n'));
  assert.deepEqual(names(standsOn(ws, c1)), ['claim C2 (new.kent)']);
  ws.setDocument('new.kent', NEW.replace('claim C1:', 'claim C9:'));
  assert.deepEqual(standsOn(ws, c1), []);
  assert.equal(supportLinkAt(ws, ws.getDocument('new.kent')!, NEW.indexOf('Gamma')), undefined);
});

test('support hierarchy: with a duplicate ID, each block shows its own support; refs reach only the first', () => {
  const text = [
    'assessment dup: Duplicate IDs',
    '',
    'judgment KJ1: Beta will probably hold.',
    '  likelihood: likely',
    '  because: C1',
    '',
    'claim C1: First [@iiss].',
    '',
    'claim C1: Second.',
    '  because: E1',
    '',
    'evidence E1: A fact.',
    '  source: iiss',
    '',
    'source iiss: The Military Balance',
    '  reliability: B',
    '',
  ].join('\n');
  const ws = new Workspace({ readFile: () => ({ ok: false, reason: 'missing' }) });
  ws.loadConfig();
  const doc = ws.setDocument('dup.kent', text);
  const first = supportLinkAt(ws, doc, text.indexOf('C1: First'))!;
  const second = supportLinkAt(ws, doc, text.indexOf('C1: Second'))!;
  assert.deepEqual(names(standsOn(ws, first)), ['source iiss (dup.kent)']);
  assert.deepEqual(names(standsOn(ws, second)), ['evidence E1 (dup.kent)']);
  assert.deepEqual(written(text, standsOn(ws, second)), [['E1']]);
  // `because: C1` resolves to the first C1, as the checks and go to definition have it.
  assert.deepEqual(names(standingOn(ws, first)), ['judgment KJ1 (dup.kent)']);
  assert.deepEqual(standingOn(ws, second), []);
  assert.deepEqual(names(standingOn(ws, supportLinkAt(ws, doc, text.indexOf('E1: A'))!)), ['claim C1 (dup.kent)']);
});
