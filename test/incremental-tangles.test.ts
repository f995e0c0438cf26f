// Randomized edit sequences aimed at what the incremental checker re-checks across documents:
// a tangle of support (more than 64 items standing on one another) growing, shrinking and
// changing its first item; `doc/ID` refs into no document while IDs, kinds and assessment IDs
// are typed; Title Case statements edited into and out of Title Case; a document without an
// assessment ID; many diagnostics at once. After every edit, the diagnostics re-checked only
// where `IncrementalChecker.changed` says equal those of a workspace built afresh.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { checkDocument } from '../server/src/core/analyze';
import { IncrementalChecker } from '../server/src/core/incremental';
import { LineIndex } from '../server/src/core/text';
import type { KentDiagnostic, Span } from '../server/src/core/types';
import { Workspace, type WorkspaceHost } from '../server/src/core/workspace';

const host: WorkspaceHost = { readFile: () => ({ ok: false, reason: 'missing' }) };
const N = 36;

const START = new Map([
  ['a.kent', `assessment a: A\n\n${Array.from({ length: N }, (_, i) => `claim C${i}: Thing ${i} holds.\n  because: C${(i + 1) % N}, b/S${i}\n`).join('\n')}`],
  ['b.kent', `assessment b: B\n\n${Array.from({ length: N }, (_, i) => `claim S${i}: Side ${i} holds.\n  because: a/C${(i + 2) % N}\n`).join('\n')}`],
  [
    'c.kent',
    [
      'assessment c: C',
      '',
      'claim X: Another thing.\n  because: a/C5\n',
      'judgment KJ1: Russia Will Probably Avoid Direct Involvement In Taiwan.\n  likelihood: unlikely\n  confidence: moderate\n  because: team-b/C3, X\n',
      'judgment KJ2: Talks Resume In May With Both Sides.\n  likelihood: likely\n  confidence: low\n  same-as: team-b/S4\n',
      'As [[zz/C3]] and [[team-b/KJ1]] say.\n',
    ].join('\n'),
  ],
  ['n.kent', 'claim R1: Loose thing holds.\n  because: R2\n\nclaim R2: Loose other holds.\n  because: R1\n'],
]);

/** Edits that move the tangle, the refs into no document and the Title Case readings. */
const EDITS: Array<(text: string, r: number) => string> = [
  (t) => t.replace(/^assessment (a|b): /m, 'assessment team-b: '),
  (t) => t.replace(/^assessment team-b: (A|B)/m, (_m, t1: string) => `assessment ${t1.toLowerCase()}: ${t1}`),
  (t, r) => t.replace(new RegExp(`^claim ([CS])${r % N}:`, 'm'), 'evidence $1' + (r % N) + ':'),
  (t, r) => t.replace(new RegExp(`^evidence ([CS])${r % N}:`, 'm'), 'claim $1' + (r % N) + ':'),
  (t, r) => t.replace(new RegExp(`^(claim|evidence) ([CS])${r % N}:`, 'm'), `$1 $2${r % N}x:`),
  (t) => t.replace(/^(claim|evidence) ([CS]\d+)x:/m, '$1 $2:'),
  (t, r) => t.replace(new RegExp(`(S${r % N}: Side ${r % N} holds\\.)\\n  because: [^\\n]*`), '$1'),
  (t, r) => t.replace(new RegExp(`(S${r % N}: Side ${r % N} holds\\.)\\n`), `$1\n  because: a/C${(r + 7) % N}\n`),
  (t, r) => t.replace(/because: a\/C(\d+)/, r % 2 ? 'because: c/X' : 'because: a/C$1, c/X'),
  (t) => t.replace(/because: a\/C5/, 'because: a/C5, team-b/C3'),
  (t) => t.replace(/team-b\/C3/, 'team-b/C30'),
  (t) => t.replace(/^assessment c: C\n/m, ''),
  (t) => (t.startsWith('assessment') ? t : 'assessment c: C\n\n' + t),
  (t) => t.replace(/^claim C(\d+): Thing/m, 'claim Z: First.\n  because: C$1\n\nclaim C$1: Thing'),
  // Title Case in and out: the estimative words are read differently.
  (t) => t.replace('Russia Will Probably Avoid Direct Involvement In Taiwan.', 'Russia will probably avoid direct involvement in Taiwan.'),
  (t) => t.replace('Russia will probably avoid direct involvement in Taiwan.', 'Russia Will Probably Avoid Direct Involvement In Taiwan.'),
  (t) => t.replace('Talks Resume In May With Both Sides.', 'Russia May Intervene Before Winter Comes.'),
  (t) => t.replace(/Thing (\d+) holds\./, 'Thing $1 Will Probably Hold Under Pressure.'),
  // Many diagnostics at once: unsupported claims, and back.
  (t) => t + Array.from({ length: 40 }, (_, i) => `\nclaim U${i}: Unsupported ${i}.\n`).join(''),
  (t) => t.replace(/\nclaim U\d+: Unsupported \d+\.\n/g, ''),
  (t, r) => {
    const at = r % (t.length + 1);
    return t.slice(0, at) + t.slice(at + 1 + (r % 5));
  },
  (t, r) => {
    const at = r % (t.length + 1);
    return t.slice(0, at) + (r % 3 ? 'x' : '\n') + t.slice(at);
  },
  // The document closed and deleted (''), and back as it began.
  () => '',
  (t) => t,
  (t, r) => {
    const blocks = t.split('\n\n');
    const b = blocks[r % blocks.length];
    return r % 2 ? t + '\n\n' + b : blocks.filter((x) => x !== b).join('\n\n') + '\n\n' + b;
  },
];

function show(ds: KentDiagnostic[], ws: Workspace): string[] {
  const at = (p: string, span: Span) => {
    const lines = new LineIndex(ws.getDocument(p)?.text ?? '');
    const [a, b] = [lines.position(span.start), lines.position(span.end)];
    return `${p}:${a.line}:${a.character}-${b.line}:${b.character}`;
  };
  return ds.map((d) => `${at(d.path, d.span)} ${d.severity} ${d.code}: ${d.message} ${(d.related ?? []).map((r) => `${at(r.path, r.span)} ${r.message}`).join('; ')}`).sort();
}

test('tangles, refs into no document, Title Case and many diagnostics under random edits: re-checking what an edit may affect equals a full rebuild', () => {
  const paths = [...START.keys()];
  fc.assert(
    fc.property(fc.array(fc.tuple(fc.nat(paths.length - 1), fc.nat(EDITS.length - 1), fc.nat(100_000)), { minLength: 1, maxLength: 10 }), (edits) => {
      const texts = new Map(START);
      const ws = new Workspace(host);
      for (const [p, t] of texts) ws.setDocument(p, t);
      const checker = new IncrementalChecker(ws);
      const shown = new Map(ws.documents().map((d) => [d.path, show(checker.diagnostics(d, 'all'), ws)]));
      for (const [docIndex, editIndex, r] of edits) {
        const p = paths[docIndex];
        const now = texts.get(p);
        const next = now === undefined ? START.get(p)! : EDITS[editIndex](now, r);
        const before = ws.getDocument(p);
        let after;
        if (next === '') {
          texts.delete(p);
          ws.removeDocument(p);
        } else {
          texts.set(p, next);
          after = ws.setDocument(p, next);
        }
        if (after !== before) {
          for (const [q, scope] of checker.changed(before, after)) {
            const doc = ws.getDocument(q);
            if (doc) shown.set(q, show(checker.diagnostics(doc, scope), ws));
            else shown.delete(q);
          }
        }
        const fresh = new Workspace(host);
        for (const [q, t] of texts) fresh.setDocument(q, t);
        for (const d of fresh.documents()) assert.deepEqual(shown.get(d.path), show(checkDocument(fresh, d), fresh), `${d.path} after edit ${editIndex} of ${p}`);
      }
    }),
    { numRuns: 80, seed: 4 },
  );
});
