// An open document's versions hold the one each was edited from weakly (PieceText), and the
// index files references and similar statements by path and place. Whatever the collector took
// between keystrokes, and however blocks were cut and pasted across documents, typed over and
// undone, re-checking incrementally must give what a fresh workspace gives: the same diagnostics,
// and the same references in the same order.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import fc from 'fast-check';
import { checkDocument } from '../server/src/core/analyze';
import { IncrementalChecker, type Scope } from '../server/src/core/incremental';
import { PieceText } from '../server/src/core/source';
import { LineIndex } from '../server/src/core/text';
import type { KentDiagnostic, Span } from '../server/src/core/types';
import { Workspace, type WorkspaceHost } from '../server/src/core/workspace';

const ROOT = path.join(__dirname, '..', 'samples', 'russia-taiwan');
const host: WorkspaceHost = {
  readFile(p) {
    const abs = path.join(ROOT, p);
    return fs.existsSync(abs) && fs.statSync(abs).isFile() ? { ok: true, text: fs.readFileSync(abs, 'utf8') } : { ok: false, reason: 'missing' };
  },
};
const SAMPLES = new Map(
  fs
    .readdirSync(ROOT)
    .filter((f) => f.endsWith('.kent'))
    .map((f) => [f, fs.readFileSync(path.join(ROOT, f), 'utf8')]),
);
const PATHS = [...SAMPLES.keys()];

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

function show(ds: KentDiagnostic[], ws: Workspace): string[] {
  const at = (p: string, span: Span) => {
    const lines = new LineIndex(ws.getDocument(p)?.text ?? ws.textOf(p) ?? '');
    const [a, b] = [lines.position(span.start), lines.position(span.end)];
    return `${p}:${a.line}:${a.character}-${b.line}:${b.character}`;
  };
  return ds.map((d) => `${at(d.path, d.span)} ${d.code}: ${d.message} ${(d.related ?? []).map((r) => `${at(r.path, r.span)} ${r.message}`).join('; ')}`).sort();
}

/** Who names each item, in the order the index lists them (not sorted: the order is what is compared). */
function naming(ws: Workspace, p: string): string[] {
  const doc = ws.getDocument(p)!;
  return doc.items.map((item) => `${item.id} <- ${ws.refsNaming({ doc, item }).map((e) => `${e.doc.path}:${e.ref.span.start}`).join(' ')}`);
}

/** One step of an analyst's session: a keystroke, a deletion, a block cut and pasted, an undo, a collection. */
type Step = { kind: 'type' | 'delete' | 'move' | 'undo' | 'batch' | 'gc'; d: number; e: number; r: number; s: number };
const step = fc.record({ kind: fc.constantFrom('type', 'delete', 'move', 'move', 'undo', 'batch', 'gc'), d: fc.nat(PATHS.length - 1), e: fc.nat(PATHS.length - 1), r: fc.nat(1_000_000), s: fc.nat(1_000_000) }) as fc.Arbitrary<Step>;
const TYPED = ['x', ' ', '\n', '\n\n', 'E', '[[', ']]', 'because: KJ1\n  ', 'claim Q: The ceasefire will hold through the winter.\n  likelihood: likely\n\n'];

/** `text` turned into `next` by one edit: its differing middle replaced (as an editor's undo sends it). */
function editInto(text: PieceText, next: string): PieceText {
  const old = text.toString();
  let a = 0;
  while (a < old.length && a < next.length && old[a] === next[a]) a++;
  let b = 0;
  while (b < old.length - a && b < next.length - a && old[old.length - 1 - b] === next[next.length - 1 - b]) b++;
  return text.edit(a, old.length - b, next.slice(a, next.length - b));
}

/** Where blocks start in `text`: after a blank line. */
function blockStarts(text: string): number[] {
  const out = [0];
  for (let at = text.indexOf('\n\n'); at !== -1; at = text.indexOf('\n\n', at + 1)) out.push(at + 2);
  return out;
}

test('cut, paste, typing and undo across documents, with collections between keystrokes: incremental equals fresh', async () => {
  await fc.assert(
    fc.asyncProperty(fc.array(step, { minLength: 1, maxLength: 14 }), async (steps) => {
      const ws = new Workspace(host);
      ws.loadConfig();
      const open = new Map<string, PieceText>();
      const history = new Map<string, string[]>();
      for (const [p, t] of SAMPLES) {
        open.set(p, PieceText.of(t));
        history.set(p, [t]);
        ws.setDocument(p, open.get(p)!);
      }
      const checker = new IncrementalChecker(ws);
      const shown = new Map<string, string[]>();
      const recheck = (scopes: Map<string, Scope>) => {
        for (const [p, scope] of scopes) {
          const doc = ws.getDocument(p);
          if (doc) shown.set(p, show(checker.diagnostics(doc, scope), ws));
        }
      };
      recheck(new Map(PATHS.map((p) => [p, 'all'])));
      const set = (p: string, next: PieceText) => {
        open.set(p, next);
        history.get(p)!.push(next.toString());
        const before = ws.getDocument(p);
        const after = ws.setDocument(p, next);
        if (after !== before) recheck(checker.changed(before, after));
      };
      for (const { kind, d, e, r, s } of steps) {
        const [p, q] = [PATHS[d], PATHS[e]];
        const now = open.get(p)!;
        if (kind === 'gc') {
          // A WeakRef's target is held until the turn that made or read it ends.
          await new Promise((resolve) => setImmediate(resolve));
          gc();
        } else if (kind === 'type') {
          const at = r % (now.length + 1);
          set(p, now.edit(at, at, TYPED[s % TYPED.length]));
        } else if (kind === 'delete') {
          const at = r % (now.length + 1);
          set(p, now.edit(at, at + 1 + (s % 40), ''));
        } else if (kind === 'batch') {
          // Two changes in one notification: the version between them is never parsed, and may be collected.
          const at = r % (now.length + 1);
          const between = now.edit(at, at, 'x');
          set(p, between.edit(s % (between.length + 1), (s % (between.length + 1)) + 3, ''));
        } else if (kind === 'undo') {
          const past = history.get(p)!;
          set(p, editInto(now, past[r % past.length]));
        } else {
          // A block cut from one document and pasted at a block's start in another (or the same).
          const text = now.toString();
          const starts = blockStarts(text);
          const from = starts[r % starts.length];
          const to = text.indexOf('\n\n', from);
          const cutEnd = to === -1 ? text.length : to + 2;
          const block = text.slice(from, cutEnd);
          set(p, now.edit(from, cutEnd, ''));
          const target = open.get(q)!;
          const places = blockStarts(target.toString());
          const at = places[s % places.length];
          set(q, target.edit(at, at, block.endsWith('\n\n') ? block : block + '\n\n'));
        }
        const fresh = new Workspace(host);
        fresh.loadConfig();
        for (const [path, t] of open) fresh.setDocument(path, t.toString());
        for (const doc of fresh.documents()) {
          assert.deepEqual(shown.get(doc.path), show(checkDocument(fresh, doc), fresh), `diagnostics of ${doc.path} after ${kind}`);
          assert.deepEqual(naming(ws, doc.path), naming(fresh, doc.path), `references into ${doc.path} after ${kind}`);
        }
      }
    }),
    { numRuns: 60, seed: 6 },
  );
});
