// Property tests: on random text and on mutated sample documents, the parser and the checks
// never throw, and every diagnostic span (and every related span) lies inside its document.
import { describe, test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { parseDocument } from '../server/src/core/parser';
import { checkDocument, checkWorkspace } from '../server/src/core/analyze';
import { Workspace } from '../server/src/core/workspace';
import type { KentDiagnostic } from '../server/src/core/types';
import { MemoryHost } from './harness';

const here = typeof __dirname === 'string' ? __dirname : path.dirname(fileURLToPath(import.meta.url));
const samplesDir = path.resolve(here, '..', 'samples');
/** KENT_PROPERTY_SCALE=10 runs ten times as many cases (for a longer hunt). */
const SCALE = Math.max(1, Number(process.env.KENT_PROPERTY_SCALE ?? 1) || 1);

/** Every file under a folder, as workspace-relative POSIX paths → text. */
function readTree(dir: string): Map<string, string> {
  const out = new Map<string, string>();
  const walk = (d: string) => {
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      if (e.name.startsWith('.')) continue;
      const abs = path.join(d, e.name);
      if (e.isDirectory()) walk(abs);
      else if (e.isFile()) out.set(path.relative(dir, abs).split(path.sep).join('/'), fs.readFileSync(abs, 'utf8'));
    }
  };
  walk(dir);
  return out;
}

interface Sample {
  folder: string;
  files: Map<string, string>;
  kent: string[];
}

const SAMPLES: Sample[] = fs.existsSync(samplesDir)
  ? fs
      .readdirSync(samplesDir, { withFileTypes: true })
      .filter((e) => e.isDirectory())
      .map((e) => {
        const files = readTree(path.join(samplesDir, e.name));
        return { folder: e.name, files, kent: [...files.keys()].filter((p) => p.endsWith('.kent')).sort() };
      })
      .filter((s) => s.kent.length > 0)
  : [];

/** Asserts every span of `ds` (and of their related locations) lies within its file's text. */
function assertSpansInside(ds: KentDiagnostic[], textOf: (p: string) => string | undefined, context: string): void {
  const inside = (p: string, s: { start: number; end: number }, what: string) => {
    const text = textOf(p);
    if (text === undefined) {
      assert.ok(!p.endsWith('.kent'), `${what} points at ${p}, which is not a document (${context})`);
      return;
    }
    assert.ok(
      Number.isInteger(s.start) && Number.isInteger(s.end) && 0 <= s.start && s.start <= s.end && s.end <= text.length,
      `${what} span ${s.start}..${s.end} outside ${p} (length ${text.length}) (${context})`,
    );
  };
  for (const d of ds) {
    inside(d.path, d.span, `${d.code} "${d.message.slice(0, 80)}"`);
    for (const r of d.related ?? []) inside(r.path, r.span, `related of ${d.code}`);
    for (const f of d.fixes ?? []) {
      if (f.kind === 'replace') inside(d.path, f.span, `fix of ${d.code}`);
      else inside(d.path, { start: f.offset, end: f.offset }, `fix of ${d.code}`);
    }
  }
}

/** Check one text as the only document of a fresh workspace. */
function checkAlone(text: string): void {
  const doc = parseDocument('a.kent', text);
  assertSpansInside(doc.parseDiagnostics, (p) => (p === 'a.kent' ? text : undefined), 'parse');
  const ws = new Workspace(new MemoryHost());
  const d = ws.setDocument('a.kent', text);
  assertSpansInside(checkDocument(ws, d), (p) => (p === 'a.kent' ? text : undefined), JSON.stringify(text.slice(0, 200)));
}

// ---------------------------------------------------------------------------
// Arbitraries

/** Pieces of Kent, so random strings often come close to parsing. */
const TOKENS = [
  'assessment ', 'judgment ', 'claim ', 'assumption ', 'evidence ', 'source ', 'a', 'C1', 'KJ1', 'doc/KJ1', ': ', ':',
  '\n', '\n', '\n', '\r\n', '  ', '    ', '\t', ' ', '# ', '## ', '// ', '// kent-ignore ', '// kent-ignore-file ',
  'unsupported-claim', 'likelihood: ', 'confidence: ', 'because: ', 'against: ', 'assumes: ', 'same-as: ', 'negates: ',
  'contradicts: ', 'revises: ', 'resolved: ', 'source: ', 'quote: ', 'file: ', 'bibliography: ', 'reliability: ',
  'credibility: ', 'origin: ', 'likely', 'unlikely', 'almost certain', 'probably', 'could', 'may', 'not', 'high',
  'moderate', 'low', '70%', '60-75%', '@k', '[@k]', '[@k, p. 4]', '[@a; @b, ch. 2]', '[[C1]]', '[[', ']]', '[@', ']',
  '[', '"', '“', '”', ',', ', ', '.', 'true 2025-01', '../x.txt', '/etc/passwd', 'with high confidence', '\uFEFF',
  '\u2028', 'é', '😀', '\0',
];
const kentish = fc.array(fc.constantFrom(...TOKENS), { maxLength: 80 }).map((a) => a.join(''));
const anyText = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 200 }),
  fc.string({ unit: 'grapheme', maxLength: 200 }),
  fc.string({ unit: fc.constantFrom('\n', ' ', ':', '[', ']', '@', '"', 'a', '/', '-', '\r', '\t', '#'), maxLength: 200 }),
  kentish,
);

type Mutation =
  | { kind: 'delete'; line: number }
  | { kind: 'duplicate'; line: number }
  | { kind: 'swap'; a: number; b: number }
  | { kind: 'insert'; at: number; text: string }
  | { kind: 'truncate'; at: number };

const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ kind: fc.constant('delete' as const), line: fc.nat() }),
  fc.record({ kind: fc.constant('duplicate' as const), line: fc.nat() }),
  fc.record({ kind: fc.constant('swap' as const), a: fc.nat(), b: fc.nat() }),
  fc.record({ kind: fc.constant('insert' as const), at: fc.nat(), text: fc.oneof(fc.string({ unit: 'binary', maxLength: 8 }), fc.constantFrom(...TOKENS)) }),
  fc.record({ kind: fc.constant('truncate' as const), at: fc.nat() }),
);

function mutate(text: string, m: Mutation): string {
  const lines = text.split('\n');
  const n = lines.length;
  switch (m.kind) {
    case 'delete':
      lines.splice(m.line % n, 1);
      return lines.join('\n');
    case 'duplicate':
      lines.splice(m.line % n, 0, lines[m.line % n]);
      return lines.join('\n');
    case 'swap': {
      const [a, b] = [m.a % n, m.b % n];
      [lines[a], lines[b]] = [lines[b], lines[a]];
      return lines.join('\n');
    }
    case 'insert': {
      const at = m.at % (text.length + 1);
      return text.slice(0, at) + m.text + text.slice(at);
    }
    case 'truncate':
      return text.slice(0, m.at % (text.length + 1));
  }
}

// ---------------------------------------------------------------------------

describe('random text', () => {
  test('parseDocument and checkDocument never throw, and spans stay inside the text', () => {
    fc.assert(
      fc.property(anyText, (text) => {
        checkAlone(text);
      }),
      { numRuns: 600 * SCALE },
    );
  });

  test('no check crashes: no "internal error" diagnostic on random text', () => {
    fc.assert(
      fc.property(kentish, (text) => {
        const ws = new Workspace(new MemoryHost());
        const ds = checkDocument(ws, ws.setDocument('a.kent', text));
        const internal = ds.filter((d) => d.message.startsWith('internal error'));
        assert.deepEqual(internal, []);
      }),
      { numRuns: 200 * SCALE },
    );
  });
});

describe('mutated samples', () => {
  test('the samples exist', () => {
    assert.ok(SAMPLES.length > 0, `no samples under ${samplesDir}`);
  });

  for (const sample of SAMPLES) {
    test(`${sample.folder}: mutated documents never throw, spans stay inside every document`, () => {
      const host = new MemoryHost([...sample.files].filter(([p]) => !p.endsWith('.kent')).map(([p, text]) => ({ path: p, text, flags: new Set<string>() })));
      const ws = new Workspace(host);
      ws.loadConfig();
      for (const p of sample.kent) ws.setDocument(p, sample.files.get(p)!);
      const textOf = (p: string) => ws.getDocument(p)?.text ?? host.files.get(p);
      // The unmutated workspace first.
      assertSpansInside([...checkWorkspace(ws).values()].flat(), textOf, `${sample.folder} as is`);
      fc.assert(
        fc.property(fc.constantFrom(...sample.kent), fc.array(mutation, { minLength: 1, maxLength: 4 }), (target, ms) => {
          const original = sample.files.get(target)!;
          const text = ms.reduce(mutate, original);
          try {
            ws.setDocument(target, text);
            const ds = [...checkWorkspace(ws).values()].flat();
            assertSpansInside(ds, textOf, `${target} after ${JSON.stringify(ms)}`);
            assert.deepEqual(
              ds.filter((d) => d.message.startsWith('internal error')).map((d) => d.message),
              [],
            );
          } finally {
            ws.setDocument(target, original);
          }
        }),
        { numRuns: 150 * SCALE },
      );
    });
  }
});

describe('incremental analysis', () => {
  /** Diagnostics as comparable strings, in a stable order. */
  const snapshot = (ws: Workspace) =>
    [...checkWorkspace(ws).values()]
      .flat()
      .map((d) => `${d.path}:${d.span.start}-${d.span.end} ${d.severity} ${d.code}: ${d.message} | ${(d.related ?? []).map((r) => `${r.path}:${r.span.start}-${r.span.end} ${r.message}`).join(' ; ')}`)
      .sort();

  for (const sample of SAMPLES) {
    test(`${sample.folder}: after a series of edits, a long-lived workspace reports what a fresh one does`, () => {
      const others = [...sample.files].filter(([p]) => !p.endsWith('.kent')).map(([p, text]) => ({ path: p, text, flags: new Set<string>() }));
      const fresh = (texts: Map<string, string>) => {
        const w = new Workspace(new MemoryHost(others));
        w.loadConfig();
        for (const [p, t] of texts) w.setDocument(p, t);
        return w;
      };
      // Mutations that touch the workspace's cross-document structure: new relations to real
      // items of other documents, and renamed assessments.
      const names: string[] = [];
      for (const p of sample.kent) {
        const doc = parseDocument(p, sample.files.get(p)!);
        const a = doc.assessment?.id;
        for (const it of doc.items) if (it.kind !== 'assessment') names.push(a ? `${a}/${it.id}` : it.id, it.id);
      }
      const assessments = sample.kent.map((p) => parseDocument(p, sample.files.get(p)!).assessment?.id).filter((x): x is string => !!x);
      const structural: fc.Arbitrary<Mutation> = fc.oneof(
        fc.record({
          kind: fc.constant('insert' as const),
          at: fc.nat(),
          text: fc
            .tuple(fc.constantFrom('because', 'against', 'same-as', 'negates', 'contradicts', 'revises', 'assumes', 'likelihood'), fc.constantFrom(...names, 'likely', 'unlikely', '90%'))
            .map(([rel, target]) => `\n  ${rel}: ${target}`),
        }),
        fc.record({
          kind: fc.constant('insert' as const),
          at: fc.nat(),
          text: fc.constantFrom(...assessments).map((a) => `\nassessment ${a}: renamed\n`),
        }),
      );
      fc.assert(
        fc.property(fc.array(fc.tuple(fc.constantFrom(...sample.kent), fc.array(fc.oneof(mutation, structural), { minLength: 1, maxLength: 3 }), fc.boolean()), { minLength: 1, maxLength: 5 }), (edits) => {
          const texts = new Map(sample.kent.map((p) => [p, sample.files.get(p)!]));
          const ws = fresh(texts);
          snapshot(ws); // fill every cache before the edits
          for (const [target, ms, checkNow] of edits) {
            const text = ms.reduce(mutate, texts.get(target)!);
            texts.set(target, text);
            ws.setDocument(target, text);
            if (checkNow) snapshot(ws); // sometimes check between edits, as an editor does
          }
          assert.deepEqual(snapshot(ws), snapshot(fresh(texts)), `after ${JSON.stringify(edits)}`);
        }),
        { numRuns: 10 * SCALE },
      );
    });
  }

  test('removing and re-adding a document restores its diagnostics and those of its neighbours', () => {
    for (const sample of SAMPLES) {
      const others = [...sample.files].filter(([p]) => !p.endsWith('.kent')).map(([p, text]) => ({ path: p, text, flags: new Set<string>() }));
      const ws = new Workspace(new MemoryHost(others));
      ws.loadConfig();
      for (const p of sample.kent) ws.setDocument(p, sample.files.get(p)!);
      const before = snapshot(ws);
      for (const p of sample.kent) {
        ws.removeDocument(p);
        snapshot(ws);
        ws.setDocument(p, sample.files.get(p)!);
        assert.deepEqual(snapshot(ws), before, `${sample.folder}: after removing and re-adding ${p}`);
      }
    }
  });
});
