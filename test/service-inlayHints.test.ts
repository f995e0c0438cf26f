// Inlay hints (server/src/core/service/inlayHints.ts): intervals beside likelihoods and estimative terms.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Workspace } from '../server/src/core/workspace';
import { inlayHints } from '../server/src/core/service/inlayHints';

const DOC = `assessment alpha: Why war is unlikely

Zhao’s 🚀 view: war is almost certainly not coming; it may come in May.

judgment KJ1: Russia would probably avoid war.
  likelihood: likely

claim C1: Ports are at risk.
  likelihood: 70%

claim C2: Ports could close.
  likelihood: 50-70%

claim C3: Highly unlikely to fall.
  likelihood: 10 %

source iiss: Russia is likely to lose
  reliability: B
`;

/** A hint is given as the text it follows (unique in DOC) and its label. */
const after = (anchor: string) => {
  const i = DOC.indexOf(anchor);
  assert.ok(i >= 0 && DOC.indexOf(anchor, i + 1) === -1, `anchor "${anchor}" is unique`);
  return i + anchor.length;
};

function hints(range?: { start: number; end: number }, scale?: 'phia') {
  const ws = new Workspace({ readFile: () => ({ ok: false, reason: 'missing' }) });
  if (scale) ws.config.scale = scale;
  const doc = ws.setDocument('a.kent', DOC);
  return inlayHints(ws, doc, range ?? { start: 0, end: DOC.length });
}

test('inlay hints: likelihood values, statements and prose (ICD 203)', () => {
  assert.deepEqual(
    hints().map((h) => ({ offset: h.offset, label: h.label })),
    [
      { offset: after('almost certainly'), label: '95–99%' },
      { offset: after('likelihood: likely'), label: '55–80%' },
      { offset: after('likelihood: 70%'), label: '≈ likely' },
      { offset: after('Highly unlikely'), label: '5–20%' },
      { offset: after('10 %'), label: '≈ very unlikely' },
    ],
  );
});

test('inlay hints: tooltips', () => {
  const h = hints();
  assert.equal(h[1].tooltip, 'likely (55–80%) on the ICD 203 scale');
  assert.equal(h[2].tooltip, '70% lies within likely (55–80%) on the ICD 203 scale');
});

test('inlay hints: PHIA scale', () => {
  assert.deepEqual(
    hints(undefined, 'phia').map((h) => ({ offset: h.offset, label: h.label })),
    [
      { offset: after('almost certainly'), label: '≥95%' },
      { offset: after('likelihood: likely'), label: '55–75%' },
      { offset: after('likelihood: 70%'), label: '≈ likely' },
      { offset: after('Highly unlikely'), label: '10–20%' },
      { offset: after('10 %'), label: '≈ highly unlikely' },
    ],
  );
});

test('inlay hints: only within the range', () => {
  const start = DOC.indexOf('judgment KJ1');
  const end = DOC.indexOf('claim C2');
  assert.deepEqual(
    hints({ start, end }).map((h) => h.label),
    ['55–80%', '≈ likely'],
  );
});

test('inlay hints: CRLF offsets', () => {
  const text = DOC.replace(/\n/g, '\r\n');
  const ws = new Workspace({ readFile: () => ({ ok: false, reason: 'missing' }) });
  const doc = ws.setDocument('a.kent', text);
  const h = inlayHints(ws, doc, { start: 0, end: text.length });
  assert.equal(h[1].offset, text.indexOf('likelihood: likely') + 'likelihood: likely'.length);
  assert.equal(h.length, 5);
});

test('inlay hints: a percentage stated in a statement names the scale term it falls in, not its own number again; a phrase shows its interval', () => {
  const text = 'assessment a: A\n\nclaim C1: There is a 70% chance the talks fail.\n\nclaim C2: A deal is more likely than not.\n\nclaim C3: There is a 50-100% chance of rain.\n';
  const ws = new Workspace({ readFile: () => ({ ok: false, reason: 'missing' }) });
  const doc = ws.setDocument('a.kent', text);
  const h = inlayHints(ws, doc, { start: 0, end: text.length });
  const labels = h.map((x) => [text.slice(0, x.offset).split('\n').pop(), x.label]);
  assert.deepEqual(labels, [
    ['claim C1: There is a 70% chance', '≈ likely'],
    ['claim C2: A deal is more likely than not', '≥50%'],
  ]);
  assert.equal(h[0].tooltip, '70% lies within likely (55–80%) on the ICD 203 scale');
});

test('inlay hints: a statement word that says what the declared likelihood says shows its interval once, beside the declared value; one that disagrees keeps its own', () => {
  const text = [
    'assessment a: A',
    '',
    'judgment KJ1: Russia will probably avoid war.',
    '  likelihood: likely',
    '',
    'judgment KJ2: Russia will probably avoid war.',
    '  likelihood: unlikely',
    '',
    'claim C1: There is a 70% chance the talks fail.',
    '  likelihood: 60-75%',
    '',
  ].join('\n');
  const ws = new Workspace({ readFile: () => ({ ok: false, reason: 'missing' }) });
  const doc = ws.setDocument('a.kent', text);
  const labels = inlayHints(ws, doc, { start: 0, end: text.length }).map((x) => [text.slice(0, x.offset).split('\n').pop(), x.label]);
  assert.deepEqual(labels, [
    ['  likelihood: likely', '55–80%'],
    ['judgment KJ2: Russia will probably', '55–80%'],
    ['  likelihood: unlikely', '20–45%'],
    ['  likelihood: 60-75%', '≈ likely'],
  ]);
});
