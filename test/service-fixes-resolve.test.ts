// Every quick fix must fix what it claims to. For each diagnostic of a corpus (the samples, and
// small hand-written workspaces below that raise each code with a fix, in LF and CRLF, with and
// without a final newline), every quick fix offered for it — the "Suppress …" ones included — is
// applied, the whole workspace is checked again, and:
//   (a) the diagnostic is gone: fewer diagnostics of its code in its block (or in its document's
//       prose) than before; fixes that leave a value to fill in assert their precise state instead;
//   (b) no error-severity diagnostic appeared anywhere in the workspace, save the few EXPECTED_ERRORS
//       below, each with its reason.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { checkWorkspace } from '../server/src/core/analyze';
import { codeActions, type CodeActionEntry } from '../server/src/core/service/codeActions';
import type { KentDocument } from '../server/src/core/model';
import type { KentDiagnostic } from '../server/src/core/types';
import { Workspace } from '../server/src/core/workspace';
import { MemoryHost, dedent } from './harness';

/** A workspace: path → text; `.kent` files are documents, the rest are read through the host. */
type Files = Record<string, string>;

interface Corpus {
  name: string;
  files: Files;
}

function build(files: Files): Workspace {
  const host = new MemoryHost(Object.entries(files).filter(([p]) => !p.endsWith('.kent')).map(([path, text]) => ({ path, text, flags: new Set<string>() })));
  const ws = new Workspace(host);
  ws.loadConfig();
  for (const [path, text] of Object.entries(files)) if (path.endsWith('.kent')) ws.setDocument(path, text);
  return ws;
}

const check = (ws: Workspace): KentDiagnostic[] => [...checkWorkspace(ws).values()].flat();

/** The block a diagnostic lies in, by ID ("prose" outside any block): what survives an edit elsewhere. */
function anchor(ws: Workspace, d: KentDiagnostic): string {
  const doc = ws.getDocument(d.path);
  if (!doc) return 'file';
  const item = doc.items.find((i) => i.span.start <= d.span.start && d.span.start <= i.span.end);
  return item ? `${item.kind} ${item.id}` : 'prose';
}

/** How many diagnostics of `code` lie in the block (or prose) `where` of `path`. */
function countIn(ws: Workspace, all: KentDiagnostic[], path: string, code: string, where: string): number {
  return all.filter((x) => x.path === path && x.code === code && anchor(ws, x) === where).length;
}

/**
 * An error's identity across an edit: document, code, block, the text it covers and its message
 * without the "did you mean" (a new ID changes the suggestion of an error that was already there).
 */
function errorKey(ws: Workspace, d: KentDiagnostic): string {
  const text = (ws.textOf(d.path) ?? '').slice(d.span.start, d.span.end);
  return [d.path, d.code, anchor(ws, d), text, d.message.replace(/ \(did you mean [^)]*\)/, '')].join(' | ');
}

function errorsByKey(ws: Workspace, all: KentDiagnostic[]): Map<string, KentDiagnostic[]> {
  const out = new Map<string, KentDiagnostic[]>();
  for (const d of all) if (d.severity === 'error') out.set(errorKey(ws, d), [...(out.get(errorKey(ws, d)) ?? []), d]);
  return out;
}

function applyEdits(files: Files, action: CodeActionEntry): Files {
  const out = { ...files };
  for (const e of [...action.edits].sort((a, b) => b.span.start - a.span.start)) {
    const text = out[e.path];
    assert.ok(text !== undefined, `${action.title} edits ${e.path}, not in the workspace`);
    out[e.path] = text.slice(0, e.span.start) + e.newText + text.slice(e.span.end);
  }
  return out;
}

/**
 * Fixes that add an attribute for the analyst to complete (docs/checks.md, "Quick fixes"): the
 * attribute is there with an empty value, which is one `syntax` error on the new line until
 * typed. Their precise state is asserted instead of (b) allowing it in general. (A likelihood is
 * chosen, not typed: its fixes add a term each and are held to (a) and (b) like any other.)
 */
const TEMPLATES = new Set(['Add `source:`']);

/**
 * New errors a fix promises, each with its reason. Both come from a relation that starts to work:
 * `same-as` and `negates` say two statements are one proposition, so from then on their
 * estimates are compared, and if they disagree that is a real `contradiction` between the two.
 * - `possible-contradiction`'s *Add `same-as: X`* / *Add `negates: X`*: the analyst is asked to
 *   decide whether the two are one proposition, and the contradiction is what the hint suspected.
 * - `unresolved-reference` on a `same-as`/`negates` ref: *Change to X* names the item meant, and
 *   *Create claim X* a placeholder (`TODO`, so far stated as fact) for the analyst to write; the
 *   relation then resolves and compares the item's estimate with X's.
 * - `unresolved-reference`'s *Create evidence X*: evidence must name its source, so the stub's
 *   `missing-attribute` on X is the one thing left for the analyst to write.
 */
function expectedError(before: Workspace, title: string, d: KentDiagnostic, after: KentDiagnostic): boolean {
  if (d.code === 'unresolved-reference' && after.code === 'missing-attribute') return title === `Create evidence ${after.message.split(' ')[1]}` && /has no `source:`/.test(after.message);
  if (after.code !== 'contradiction') return false;
  if (d.code === 'possible-contradiction') {
    const m = /^Add `(?:same-as|negates): (?:.*\/)?([^/`]+)`$/.exec(title);
    return m !== null && after.message.includes(m[1]);
  }
  if (d.code === 'unresolved-reference' && /^(same-as|negates)$/.test(attributeAt(before, d) ?? '')) {
    const m = /^(?:Change to|Create claim) (?:.*\/)?(\S+)$/.exec(title);
    return m !== null && after.message.includes(m[1]);
  }
  return false;
}

/** The name of the attribute whose value holds the diagnostic, if any. */
function attributeAt(ws: Workspace, d: KentDiagnostic): string | undefined {
  const doc = ws.getDocument(d.path);
  const item = doc?.items.find((i) => i.span.start <= d.span.start && d.span.start <= i.span.end);
  const attr = item?.attributes.find((a) => a.valueStart <= d.span.start && d.span.start <= a.valueStart + a.value.length);
  return attr?.name;
}

interface Outcome {
  failures: string[];
  tried: number;
  codes: Set<string>;
}

/** Apply every quick fix of every diagnostic of `corpus`, and judge each. */
function tryEveryFix(corpus: Corpus): Outcome {
  const ws = build(corpus.files);
  const before = check(ws);
  const errorsBefore = errorsByKey(ws, before);
  const out: Outcome = { failures: [], tried: 0, codes: new Set() };
  for (const d of before) {
    // Code actions are offered in `.kent` documents only (not on kent.json or a bibliography).
    const doc = ws.getDocument(d.path);
    if (!doc) continue;
    const where = anchor(ws, d);
    const actions = codeActions(ws, doc, d.span, [d]).filter((a) => a.kind === 'quickfix' && a.diagnostic === d);
    for (const action of actions) {
      out.tried++;
      out.codes.add(d.code);
      const label = `${corpus.name}: ${d.path} ${where} ${d.code} "${doc.text.slice(d.span.start, d.span.end)}" → ${action.title}`;
      const files = applyEdits(corpus.files, action);
      const fixed = build(files);
      const after = check(fixed);
      const problems: string[] = [];
      // (a) the diagnostic is gone, or, for a template, the precise state it leaves.
      const left = countIn(fixed, after, d.path, d.code, where);
      const had = countIn(ws, before, d.path, d.code, where);
      if (TEMPLATES.has(action.title)) problems.push(...templateState(fixed, after, d, where, action.title));
      else if (left >= had) problems.push(`still ${left} ${d.code} in ${where} (was ${had})`);
      // (b) no new error anywhere in the workspace.
      const templateSyntax = TEMPLATES.has(action.title) ? 1 : 0;
      for (const [key, now] of errorsByKey(fixed, after)) {
        const extra = now.length - (errorsBefore.get(key)?.length ?? 0);
        if (extra <= 0) continue;
        const excused = now.filter((x) => expectedError(ws, action.title, d, x)).length + (key.includes(' | syntax | ') ? templateSyntax : 0);
        if (extra > excused) problems.push(`new error: ${key}`);
      }
      if (problems.length) out.failures.push(`${label}\n    ${problems.join('\n    ')}\n    --- after:\n${indent(files[d.path])}`);
    }
  }
  return out;
}

/**
 * `Add source:`: the block now has that attribute with an empty value on its own
 * line, the one `syntax` error of the block that was not there before says so, and the diagnostic
 * is gone.
 */
function templateState(fixed: Workspace, after: KentDiagnostic[], d: KentDiagnostic, where: string, title: string): string[] {
  const name = /`([a-z-]+):`/.exec(title)![1];
  const doc = fixed.getDocument(d.path)!;
  const item = doc.items.find((i) => `${i.kind} ${i.id}` === where);
  if (!item) return [`no ${where} after the fix`];
  const problems: string[] = [];
  const added = item.attributes.filter((a) => a.name === name);
  if (added.length !== 1 || added[0].value !== '') problems.push(`expected one empty \`${name}:\` in ${where}, found ${JSON.stringify(added.map((a) => a.value))}`);
  const line = added[0] && lineOf(doc, added[0].valueStart);
  const syntax = after.filter((x) => x.path === d.path && x.code === 'syntax' && lineOf(doc, x.span.start) === line);
  if (syntax.length !== 1) problems.push(`expected one syntax error on the new \`${name}:\` line, found ${syntax.length}`);
  const left = after.filter((x) => x.path === d.path && x.code === d.code && anchor(fixed, x) === where).length;
  if (left !== 0) problems.push(`expected no ${d.code} left in ${where}, found ${left}`);
  return problems;
}

const lineOf = (doc: KentDocument, offset: number) => doc.text.slice(0, offset).split('\n').length;
const indent = (text: string) => text.split('\n').map((l) => `      ${JSON.stringify(l)}`).join('\n');

// ---------------------------------------------------------------------------------------------
// The corpus.

function sampleFolder(dir: string): Files {
  const files: Files = {};
  const walk = (d: string) => {
    for (const name of readdirSync(d)) {
      const full = join(d, name);
      if (statSync(full).isDirectory()) walk(full);
      else files[relative(dir, full).split('\\').join('/')] = readFileSync(full, 'utf8');
    }
  };
  walk(dir);
  return files;
}

const SAMPLES = join(__dirname, '..', 'samples');
const samples: Corpus[] = readdirSync(SAMPLES)
  .filter((n) => statSync(join(SAMPLES, n)).isDirectory())
  .map((n) => ({ name: `samples/${n}`, files: sampleFolder(join(SAMPLES, n)) }));

/** Hand-written workspaces: each raises codes that carry fixes, in the shapes fixes trip over. */
const HAND: Corpus[] = [
  {
    // vague-estimate, missing-likelihood, missing-confidence, unsupported-claim (E1 shares words
    // with KJ2: *Add `because: E1`*); the last block has a statement continued on an indented
    // line and no attributes.
    name: 'hedges and missing attributes',
    files: {
      'a.kent': `
        assessment a: A

        judgment KJ1: Russia may intervene.
          because: E1

        evidence E1: Experts expect no role in the talks before the summit.
          source: s1

        source s1: S
          reliability: B

        judgment KJ2: Talks could resume
            before the summit.
      `,
    },
  },
  {
    // Blocks followed at once by a comment line or by the next block, indented comments inside
    // a block, and an attribute whose value continues on the next line.
    name: 'comments and continuation lines',
    files: {
      'a.kent': `
        assessment a: A

        judgment KJ1: Russia may intervene.
          because: E1,
            C1
        // reviewed by the desk
        claim C1: Talks might resume.
          // an indented note
          because: E1
          // a note at the end of the block

        evidence E1: Experts expect no role.
        // no source yet

        judgment KJ2: Prices may rise.
          confidence: low
          because: E1,
            C1
        claim C2: Prices could fall.
          because: E1
      `,
    },
  },
  {
    // A kent-ignore line already above a block, with another comment between it and the block.
    name: 'existing kent-ignore lines',
    files: {
      'a.kent': `
        // kent-ignore-file unused-source: listed for the record
        judgment KJ1: Russia may intervene.
          because: E1

        // kent-ignore missing-confidence: reviewed
        // second note
        judgment KJ2: Talks could resume.
          because: E1

        evidence E1: Experts expect no role.
          source: s1

        source s1: S
      `,
    },
  },
  {
    // unused-ignore: cut off by a blank line, a stale code among others, a stale code alone, a
    // stale kent-ignore-file code, one inside a block.
    name: 'kent-ignore comments that silence nothing',
    files: {
      'a.kent': `
        // kent-ignore-file mixed-likelihood-confidence, unsupported-claim: background facts
        // kent-ignore missing-confidence: reviewed

        judgment KJ1: Russia may intervene.
          because: E1

        // kent-ignore vague-estimate, missing-likelihood: reviewed
        judgment KJ2: Talks will resume.
          confidence: low
          because: E1

        // kent-ignore vague-estimate: the hedge is the source's own
        claim C1: Talks resumed.
          // kent-ignore missing-confidence: misplaced
          because: E1
          likelihood: likely

        claim C2: Prices rose.

        evidence E1: Experts expect no role.
          source: s1

        source s1: S
      `,
    },
  },
  {
    name: 'invalid values',
    files: {
      'a.kent': `
        assessment a: A
          status: drafty
          date: 2024-13

        // kent-ignore unused-sorce: kept for later
        judgment KJ1: Russia would avoid war.
          likelihood: fairly likely
          confidence: hihg
          because: E1

        evidence E1: Experts expect no role.
          source: s1
          credibility: 7

        source s1: S
          reliability: G
      `,
    },
  },
  {
    name: 'unknown attributes',
    files: {
      'a.kent': `
        assessment a: A

        judgment KJ1: Russia would avoid war.
          confidence: low
          likelyhood: likely
          becuase: E1

        claim C1: Talks will resume.
          because: E1
          becuse: E1

        evidence E1: Experts expect no role.
          source: s1
          reliabilty: B

        source s1: S
          reliability: B
          credibilty: 2
      `,
    },
  },
  {
    name: 'unresolved references',
    files: {
      'a.kent': `
        assessment a: A
          supersedes: bloom-202

        See [[KJ3]] and [@iis].

        judgment KJ1: Russia would avoid war [@iis, p. 4].
          likelihood: unlikely
          confidence: low
          because: E2, E1, b/KJ9, bloom-202/KJ1
          assumes: A2
          same-as: C9

        claim C2: Talks will resume.
          because: E1
          contradicts: KJ4

        claim fall: Prices will fall.
          because: E1
          same-as: falls

        evidence E1: Experts expect no role.
          source: iis

        source iiss: S
          reliability: B
      `,
      'b.kent': `
        assessment b: B

        judgment KJ1: Talks will resume.
          likelihood: likely
          confidence: low
          because: @iiss
      `,
      'c.kent': `
        assessment bloom-2023: C

        claim KJ1: Blooms recur.
          because: @iiss
      `,
    },
  },
  {
    name: 'estimative mismatches',
    files: {
      'a.kent': `
        assessment a: A

        judgment KJ1: Russia would probably avoid war.
          likelihood: unlikely
          confidence: low
          because: E1

        judgment KJ2: It is probable that Russia avoids war.
          likelihood: almost certain
          confidence: low
          because: E1

        claim C1: Russia will very likely win.
          likelihood: 10%
          because: E1

        evidence E1: Experts expect no role.
          source: s1

        source s1: S
          reliability: B
      `,
    },
  },
  {
    name: 'possible contradictions across two documents',
    files: {
      'a.kent': `
        assessment a: A

        claim X: The ceasefire will hold through the winter.
          likelihood: likely
          because: @s1

        claim W: Grain prices will rise sharply next year.
          likelihood: likely
          because: @s1
      `,
      'b.kent': `
        assessment b: B

        claim Y: The ceasefire will not hold through the winter.
          likelihood: likely
          because: @s1

        claim V: Grain prices will rise sharply next year.
          likelihood: very unlikely
          because: @s1

        source s1: S
          reliability: B
      `,
    },
  },
  {
    name: 'a superseding assessment',
    files: {
      'old.kent': `
        assessment old: Old

        judgment KJ1: The ceasefire will hold through the winter.
          likelihood: likely
          confidence: low
          because: @s1

        source s1: S
          reliability: B
      `,
      'new.kent': `
        assessment new: New
          supersedes: old

        judgment KJ1: The ceasefire will hold through the winter.
          likelihood: unlikely
          confidence: low
          because: @s1
      `,
    },
  },
  {
    name: 'duplicates, unused sources, overconfidence, a miscased keyword',
    files: {
      'a.kent': `
        assessment a: A

        judgment KJ1: Russia would avoid war.
          likelihood: likely
          confidence: high
          because: E1

        judgment KJ1: Russia would avoid a war.
          likelihood: likely
          confidence: moderate
          because: E1

        Judgment KJ5: Talks will resume.
          likelihood: likely
          because: E1

        judgement KJ6: Talks will fail.
          likelihood: unlikely
          because: E1

        evidence E1: Experts expect no role.
          source: s1

        source s1: S
          reliability: B

        source s2: Unused
          reliability: C
      `,
      'b.kent': `
        assessment a: Another A

        claim C1: Russia would avoid war.
          because: @s1
      `,
    },
  },
  {
    // The PHIA yardstick's terms, and blocks indented with four spaces and with a tab.
    name: 'the PHIA scale and other indentation',
    files: {
      'kent.json': '{ "scale": "phia" }\n',
      'a.kent': `
        assessment a: A

        judgment KJ1: Russia may intervene.
            because: E1

        judgment KJ2: Russia will probably avoid war.
        \tlikelihood: highly unlikely
        \tconfidence: moderate
        \tbecause: E1

        claim C1: It is a realistic possibility that talks resume.
            likelihood: remote chance
            because: E1

        evidence E1: Experts expect no role.
            source: s1

        source s1: S
            reliability: B
      `,
    },
  },
  {
    // One ref both for and against: first, middle and last in a list, alone, on a continuation
    // line, as a bracketed citation, the only support (not removable from \`because\`).
    name: 'refs counted both for and against',
    files: {
      'a.kent': `
        assessment a: A

        judgment KJ1: Russia would avoid war.
          likelihood: likely
          confidence: low
          because: E1, E2, E3
          against: E2

        claim C1: Talks will resume.
          because: E1,
            E2
          against: E3, E2

        claim C2: Talks will fail.
          against: E1, [@s1, p. 4], E3
          because: [@s1, p. 2], E1

        judgment KJ2: Prices will rise.
          likelihood: likely
          confidence: low
          because: E1
          against: E1

        evidence E1: Experts expect no role.
          source: s1

        evidence E2: Officials deny a role.
          source: s1

        evidence E3: Troops moved.
          source: s1

        source s1: S
          reliability: B
      `,
    },
  },
  {
    // Sources nothing cites: between blocks, with notes and a kent-ignore above, last in the
    // file, right after another block, under a kent-ignore-file line.
    name: 'unused sources',
    files: {
      'a.kent': `
        // kent-ignore-file missing-confidence: drafts
        source s0: Kept for later

        claim C1: Talks will resume.
          because: @s1

        // from the old list
        // kent-ignore inconsistent-source-rating: checked
        source s2: Unused
          reliability: C

        source s1: S
          reliability: B
        source s3: Right after

        # Annex

        source s4: Last
          reliability: D


      `,
    },
  },
  {
    name: 'evidence last in the file, with no source',
    files: {
      'a.kent': `
        assessment a: A

        claim C1: Russia would avoid war.
          because: E1

        evidence E1: Experts expect no role.
          locator: p. 4
      `,
    },
  },
  {
    // quote-not-found's *Replace the quote with the source's words*: a spelling, a word left out,
    // a quote over lines (its line break kept, in CRLF too), curly marks, a web page's words.
    name: 'quotes a letter or a word away from their sources',
    files: {
      'a.kent': `
        evidence E1: The ministry announced the closures.
          source: gazette
          quote: "the crossings at Klopstock and Zvorna are closed"

        evidence E2: No end date.
          source: gazette
          quote: “are closed to all trafic until ‘further notice’”

        evidence E3: Over lines.
          source: gazette
          quote: "the crossings at Klopstok
            and Zvorna closed to all traffic"

        evidence E4: WFP says insurers remain reluctant.
          source: wfp
          quote: "insurers remain reluctant to cover calls at Mykolayiv"

        source gazette: Ruritanian Official Gazette, 3 March 2024
          reliability: B
          file: sources/gazette.txt

        source wfp: WFP Black Sea update
          reliability: A
          file: sources/wfp.html
      `,
      'sources/gazette.txt': 'By order of the Ministry of the Interior, the crossings at Klopstok\r\nand Zvorna are closed to all traffic until "further notice".\r\n',
      'sources/wfp.html': '<p>The World Food Programme notes that &ldquo;insurers remain reluctant to cover calls at <b>Mykolaiv</b>&rdquo; while the estuary is mined.</p>',
    },
  },
  {
    name: 'a BOM and a diagnostic in the assessment block',
    files: {
      'a.kent': '\uFEFF' + dedent(`
        assessment a: A
          status: drafty

        judgment KJ1: It may rain.
          confidence: low
          because: @x
      `) + '\n',
    },
  },
];

/** Each hand-written workspace as written, in CRLF, and without the final newline of each document. */
function variants(c: Corpus): Corpus[] {
  const map = (f: (t: string) => string): Files => Object.fromEntries(Object.entries(c.files).map(([p, t]) => [p, p.endsWith('.kent') ? f(t) : t]));
  const lf = map((t) => (t.startsWith('\uFEFF') ? t : dedent(t) + '\n'));
  const strip = (t: string) => t.replace(/\r?\n$/, '');
  const crlf = (t: string) => t.replace(/\r?\n/g, '\r\n');
  return [
    { name: `${c.name} (LF)`, files: lf },
    { name: `${c.name} (CRLF)`, files: mapFiles(lf, crlf) },
    { name: `${c.name} (LF, no final newline)`, files: mapFiles(lf, strip) },
    { name: `${c.name} (CRLF, no final newline)`, files: mapFiles(lf, (t) => strip(crlf(t))) },
  ];
}

function mapFiles(files: Files, f: (t: string) => string): Files {
  return Object.fromEntries(Object.entries(files).map(([p, t]) => [p, p.endsWith('.kent') ? f(t) : t]));
}

const corpus: Corpus[] = [...samples, ...HAND.flatMap(variants)];

// ---------------------------------------------------------------------------------------------

const tried = new Set<string>();
for (const c of corpus) {
  test(`every quick fix resolves its diagnostic: ${c.name}`, () => {
    const { failures, tried: n, codes } = tryEveryFix(c);
    for (const code of codes) tried.add(code);
    assert.ok(n > 0, 'the corpus offers quick fixes');
    assert.deepEqual(failures, [], failures.join('\n\n'));
  });
}

// The corpus must reach every code that carries a fix of its own, or the property says little.
test('the corpus exercises every code that has a quick fix', () => {
  const withFix = ['syntax', 'invalid-value', 'unknown-attribute', 'unresolved-reference', 'unsupported-claim', 'missing-attribute', 'missing-likelihood', 'missing-confidence', 'vague-estimate', 'estimative-mismatch', 'overconfident', 'possible-contradiction', 'duplicate-id', 'unused-source', 'contradiction', 'quote-not-found'];
  assert.deepEqual(withFix.filter((c) => !tried.has(c)), []);
});
