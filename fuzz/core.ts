// The in-process half of the fuzzer: one case is a random or mutated document, set into a
// workspace built from a sample folder, then parsed, checked and asked every editor question
// (hover, completion, definition, references, rename, code actions, inlay hints, folding,
// symbols, links) at random offsets. Every answer is validated: nothing throws, no operation
// takes a second, every span lies inside the text it points into, and edits apply cleanly.
import { checkDocument, checkWorkspace } from '../server/src/core/analyze';
import { attributeSpan, nameSpan, valueSpan, type KentDocument } from '../server/src/core/model';
import { parseDocument } from '../server/src/core/parser';
import { codeActions } from '../server/src/core/service/codeActions';
import { standingOn, standsOn, supportLinkAt } from '../server/src/core/service/supportHierarchy';
import { completions } from '../server/src/core/service/completion';
import { foldingRanges } from '../server/src/core/service/folding';
import { hover } from '../server/src/core/service/hover';
import { inlayHints } from '../server/src/core/service/inlayHints';
import { documentLinks } from '../server/src/core/service/links';
import { definition, highlights, prepareRename, references, rename } from '../server/src/core/service/navigation';
import { semanticTokens } from '../server/src/core/service/semanticTokens';
import { documentSymbols, workspaceSymbols, type SymbolEntry } from '../server/src/core/service/symbols';
import { LineIndex } from '../server/src/core/text';
import type { KentDiagnostic, Span } from '../server/src/core/types';
import { Workspace, type FileRead, type WorkspaceHost } from '../server/src/core/workspace';
import { mutate, randomChars, randomDocument, window, type SampleFolder } from './gen';
import { Rng } from './rng';
import { tokenProblem } from './tokens';

export class FuzzFailure extends Error {
  constructor(
    message: string,
    readonly detail: { case: string; op: string; path?: string; text?: string },
  ) {
    super(message);
  }
}

/** Serves a sample folder's non-`.kent` files from memory (never the disk). */
class SampleHost implements WorkspaceHost {
  constructor(private readonly files: Map<string, string>) {}
  readFile(path: string): FileRead {
    const text = this.files.get(path);
    return text === undefined ? { ok: false, reason: 'missing' } : { ok: true, text };
  }
}

export interface CoreStats {
  cases: number;
  operations: number;
  slowest: { op: string; ms: number; case: string };
  /** Total milliseconds per operation. */
  time: Record<string, number>;
}

interface Slot {
  folder: SampleFolder;
  ws: Workspace;
}

export interface CoreFuzzOptions {
  seed: string;
  /** An operation slower than this fails the case. */
  maxMs?: number;
}

export class CoreFuzzer {
  readonly stats: CoreStats = { cases: 0, operations: 0, slowest: { op: '', ms: 0, case: '' }, time: {} };
  private readonly slots: Slot[];
  private readonly maxMs: number;

  constructor(
    samples: SampleFolder[],
    private readonly options: CoreFuzzOptions,
  ) {
    this.maxMs = options.maxMs ?? 1000;
    this.slots = samples.map((folder) => {
      const ws = new Workspace(new SampleHost(folder.files));
      ws.loadConfig();
      for (const [p, text] of folder.docs) ws.setDocument(p, text);
      checkWorkspace(ws); // warm up: the first run of every check compiles it
      return { folder, ws };
    });
  }

  /** Run case number `index` (replayable on its own: it depends on the seed and index only). */
  runCase(index: number): void {
    const id = `${this.options.seed}/core/${index}`;
    const rng = new Rng(id);
    const slot = rng.pick(this.slots);
    const { ws, folder } = slot;
    const samplePaths = [...folder.docs.keys()];
    const target = rng.weighted<string>([
      [5, rng.pick(samplePaths)],
      [3, 'fuzz.kent'],
      [1, 'deep/er/fuzz.kent'],
    ]);
    const original = folder.docs.get(target);
    const base = (): string =>
      rng.weighted<() => string>([
        [4, () => original ?? window(rng, folder.docs.get(rng.pick(samplePaths))!)],
        [3, () => window(rng, folder.docs.get(rng.pick(samplePaths))!)],
        [2, () => randomDocument(rng)],
        [1, () => randomChars(rng, rng.range(0, 200))],
      ])();
    const steps = rng.weighted([
      [6, 1],
      [3, 2],
      [1, 4],
    ]);
    let text = base();
    try {
      for (let s = 0; s < steps; s++) {
        text = mutate(rng, text);
        this.exercise(rng, ws, target, text, `${id}#${s}`);
      }
    } finally {
      // Every case leaves the workspace as it found it, so any case can be replayed alone.
      if (original !== undefined) ws.setDocument(target, original);
      else ws.removeDocument(target);
    }
    this.stats.cases++;
  }

  /**
   * Run one operation, timed. It fails when it takes over `maxMs` of CPU time as well as of wall
   * time: on a busy machine wall time alone says more about the neighbours than about Kent.
   */
  private timed<T>(caseId: string, op: string, text: string, path: string, f: () => T): T {
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    let result: T;
    try {
      result = f();
    } catch (e) {
      throw new FuzzFailure(`${op} threw: ${(e as Error)?.stack ?? String(e)}`, { case: caseId, op, path, text });
    }
    const ms = performance.now() - t0;
    const used = process.cpuUsage(c0);
    const cpuMs = Math.min(ms, (used.user + used.system) / 1000);
    this.stats.operations++;
    this.stats.time[op] = (this.stats.time[op] ?? 0) + ms;
    if (cpuMs > this.stats.slowest.ms) this.stats.slowest = { op, ms: cpuMs, case: caseId };
    if (cpuMs > this.maxMs) throw new FuzzFailure(`${op} took ${ms.toFixed(0)} ms (${cpuMs.toFixed(0)} ms of CPU; limit ${this.maxMs} ms)`, { case: caseId, op, path, text });
    return result;
  }

  private exercise(rng: Rng, ws: Workspace, path: string, text: string, caseId: string): void {
    const fail = (op: string, message: string): never => {
      throw new FuzzFailure(`${op}: ${message}`, { case: caseId, op, path, text });
    };
    const run = <T>(op: string, f: () => T) => this.timed(caseId, op, text, path, f);
    const doc = run('parse', () => ws.setDocument(path, text));
    checkDocShape(doc, (m) => fail('parse', m));
    // The workspace re-parsed only the chunks the change touched, and moved the rest: a parse from scratch must agree.
    if (rng.chance(0.3)) {
      const [moved, fresh] = [doc, parseDocument(path, text)].map(parseShape);
      if (moved !== fresh) fail('parse', `the incremental parse differs from a parse from scratch:\n${moved.slice(0, 2000)}\n${fresh.slice(0, 2000)}`);
    }

    const textOf = (p: string) => (p === path ? text : ws.textOf(p));
    const inside = (op: string, p: string, span: Span, what: string) => {
      const t = textOf(p);
      if (t === undefined) fail(op, `${what} points into ${p}, which is neither a document nor a readable file`);
      checkSpan(span, t!.length, (m) => fail(op, `${what} in ${p}: ${m}`));
    };
    const checkDiagnostics = (op: string, diags: KentDiagnostic[]) => {
      for (const d of diags) {
        const docText = textOf(d.path);
        if (docText === undefined) fail(op, `diagnostic ${d.code} on unknown path ${d.path}`);
        checkSpan(d.span, docText!.length, (m) => fail(op, `diagnostic ${d.code} "${d.message}": ${m}`));
        if (/internal error|\(internal:/i.test(d.message)) fail(op, `a check failed internally: ${d.message}`);
        for (const r of d.related ?? []) inside(op, r.path, r.span, `related information of ${d.code}`);
        for (const f of d.fixes ?? []) {
          if (f.kind === 'replace') checkSpan(f.span, docText!.length, (m) => fail(op, `fix "${f.title}" of ${d.code}: ${m}`));
          else checkSpan({ start: f.offset, end: f.offset }, docText!.length, (m) => fail(op, `fix "${f.title}" of ${d.code}: ${m}`));
        }
      }
    };

    const diags = run('check', () => checkDocument(ws, doc));
    checkDiagnostics('check', diags);
    if (rng.chance(0.01)) {
      const all = run('checkWorkspace', () => checkWorkspace(ws));
      for (const list of all.values()) checkDiagnostics('checkWorkspace', list);
    }

    const len = text.length;
    const lines = new LineIndex(text);
    const symbols = run('documentSymbols', () => documentSymbols(doc));
    const walk = (s: SymbolEntry[], parent?: Span) => {
      for (const e of s) {
        checkSpan(e.span, len, (m) => fail('documentSymbols', `${e.name}: ${m}`));
        checkSpan(e.selection, len, (m) => fail('documentSymbols', `${e.name} selection: ${m}`));
        if (e.selection.start < e.span.start || e.selection.end > e.span.end) fail('documentSymbols', `${e.name}: selection outside its range`);
        if (parent && (e.span.start < parent.start || e.span.end > parent.end)) fail('documentSymbols', `${e.name}: outside its parent`);
        walk(e.children, e.span);
      }
    };
    walk(symbols);
    const tokens = tokenProblem(run('semanticTokens', () => semanticTokens(doc)), doc.text);
    if (tokens) fail('semanticTokens', tokens);
    for (const f of run('foldingRanges', () => foldingRanges(doc))) {
      if (!(f.startLine >= 0 && f.startLine < f.endLine && f.endLine < lines.lineCount)) fail('foldingRanges', `range ${f.startLine}-${f.endLine} of ${lines.lineCount} lines`);
    }
    const rangeA = rng.int(len + 1);
    const rangeB = rng.int(len + 1);
    for (const range of [{ start: 0, end: len }, { start: Math.min(rangeA, rangeB), end: Math.max(rangeA, rangeB) }]) {
      for (const h of run('inlayHints', () => inlayHints(ws, doc, range))) {
        if (!(Number.isInteger(h.offset) && h.offset >= 0 && h.offset <= len)) fail('inlayHints', `hint "${h.label}" at ${h.offset} of ${len}`);
      }
    }
    for (const l of run('documentLinks', () => documentLinks(ws, doc))) {
      checkSpan(l.span, len, (m) => fail('documentLinks', m));
      if (l.target.kind === 'url' && !/^https?:\/\//i.test(l.target.url)) fail('documentLinks', `a link to ${l.target.url}`);
      if (l.target.kind === 'file' && (l.target.path.startsWith('..') || l.target.path.startsWith('/'))) fail('documentLinks', `a link outside the workspace: ${l.target.path}`);
    }
    if (rng.chance(0.3)) for (const s of run('workspaceSymbols', () => workspaceSymbols(ws, rng.pick(['', 'C', 'kj', 'x', randomChars(rng, 2)])))) inside('workspaceSymbols', s.path, s.span, s.name);

    // Editor questions at offsets: half anywhere, half on something that is likely a reference.
    const hotspots = interestingOffsets(doc);
    const offsets = Array.from({ length: 3 }, () => (hotspots.length && rng.chance(0.6) ? Math.min(len, rng.pick(hotspots) + rng.range(0, 2)) : rng.int(len + 1)));
    for (const offset of offsets) {
      const h = run('hover', () => hover(ws, doc, offset));
      if (h) {
        checkSpan(h.span, len, (m) => fail('hover', m));
        if (typeof h.markdown !== 'string') fail('hover', 'markdown is not a string');
      }
      for (const c of run('completion', () => completions(ws, doc, offset))) {
        checkSpan(c.replace, len, (m) => fail('completion', `"${c.label}": ${m}`));
        if (c.replace.start > offset || c.replace.end < offset) fail('completion', `"${c.label}" replaces ${c.replace.start}-${c.replace.end}, which does not hold the cursor ${offset}`);
        // LSP: the insert range is a prefix of the replace range, and holds the cursor.
        if (c.insert.start !== c.replace.start || c.insert.end < offset || c.insert.end > c.replace.end) fail('completion', `"${c.label}" inserts over ${c.insert.start}-${c.insert.end}, not a prefix of ${c.replace.start}-${c.replace.end} holding the cursor ${offset}`);
      }
      for (const l of run('definition', () => definition(ws, doc, offset))) inside('definition', l.path, l.span, 'definition');
      for (const l of run('references', () => references(ws, doc, offset, rng.chance(0.5)))) inside('references', l.path, l.span, 'reference');
      for (const h of run('highlights', () => highlights(ws, doc, offset))) checkSpan(h.span, len, (m) => fail('highlights', m));
      const link = run('supportLinkAt', () => supportLinkAt(ws, doc, offset));
      if (link) {
        inside('supportLinkAt', link.path, link.span, link.name);
        for (const [op, steps] of [['standsOn', run('standsOn', () => standsOn(ws, link))], ['standingOn', run('standingOn', () => standingOn(ws, link))]] as const) {
          for (const s of steps) {
            inside(op, s.link.path, s.link.selectionSpan, s.link.name);
            // The refs are in the item standing: the one asked about (outgoing), or each found (incoming).
            for (const r of s.refs) inside(op, op === 'standsOn' ? link.path : s.link.path, r, `a ref to ${s.link.name}`);
          }
        }
      }
      const prep = run('prepareRename', () => prepareRename(ws, doc, offset));
      if (!('error' in prep)) {
        checkSpan(prep.span, len, (m) => fail('prepareRename', m));
        const newName = rng.pick(['Renamed1', 'r-2', 'x', '1bad', 'with space', '', prep.placeholder, 'C1']);
        const r = run('rename', () => rename(ws, doc, offset, newName));
        if (!('error' in r)) {
          const byPath = new Map<string, Array<{ span: Span; newText: string }>>();
          for (const e of r.edits) {
            inside('rename', e.path, e.span, 'rename edit');
            if (!renameWrites(e.newText, newName, e.path, textOf(e.path) ?? '', e.span)) fail('rename', `an edit writes "${e.newText}", not "${newName}"`);
            (byPath.get(e.path) ?? byPath.set(e.path, []).get(e.path)!).push(e);
          }
          for (const [p, edits] of byPath) {
            const after = applyEdits(textOf(p)!, edits, (m) => fail('rename', `${p}: ${m}`));
            if (p.endsWith('.kent')) run('parse after rename', () => parseDocument(p, after));
          }
        }
      }
    }

    // Code actions over a random span, then apply one and check the result.
    const a = rng.int(len + 1);
    const span = rng.chance(0.5) ? { start: a, end: a } : { start: Math.min(a, rng.int(len + 1)), end: Math.max(a, rng.int(len + 1)) };
    const actions = run('codeActions', () => codeActions(ws, doc, span, diags));
    for (const action of actions) {
      for (const e of action.edits) {
        if (e.path !== path) fail('codeActions', `"${action.title}" edits another file, ${e.path}`);
        checkSpan(e.span, len, (m) => fail('codeActions', `"${action.title}": ${m}`));
      }
    }
    if (actions.length) {
      const action = rng.pick(actions);
      const after = applyEdits(text, action.edits, (m) => fail('codeActions', `"${action.title}": ${m}`));
      if (text.includes('\r\n') && !text.replace(/\r\n/g, '').includes('\n') && after.replace(/\r\n/g, '').includes('\n')) fail('codeActions', `"${action.title}" writes a bare LF into a CRLF document`);
      const fixed = run('parse after fix', () => ws.setDocument(path, after));
      checkDocShape(fixed, (m) => fail('parse after fix', m));
      const again = run('check after fix', () => checkDocument(ws, fixed));
      for (const d of again) if (/internal error|\(internal:/i.test(d.message)) fail('check after fix', d.message);
      ws.setDocument(path, text);
    }
  }
}

/**
 * What a rename may write in place of a name: the new name; `@name` for a bare key in `because`
 * that the new name would no longer read as this source (it is no ID, or names an item there);
 * in a CSL-JSON file, the name as a JSON string (a numeric `"id": 7` is replaced whole).
 */
function renameWrites(written: string, newName: string, path: string, text: string, span: Span): boolean {
  if (written === newName) return true;
  if (written === `@${newName}`) return path.endsWith('.kent') && text[span.start - 1] !== '@';
  return path.endsWith('.json') && (written === JSON.stringify(newName) || written === JSON.stringify(newName).slice(1, -1));
}

/** Offsets of references, IDs and likelihoods in a parsed document: where the services have something to say. */
function interestingOffsets(doc: KentDocument): number[] {
  const out: number[] = [];
  for (const item of doc.items) {
    out.push(item.idSpan.start, item.statementSpan.start);
    for (const r of [...item.because, ...item.against, ...item.assumes, ...item.contradicts, ...item.supersedes, ...item.links, ...item.citations.flatMap((c) => c.refs)]) out.push(r.span.start);
    if (item.source) out.push(item.source.span.start);
    if (item.likelihood) out.push(item.likelihood.span.start);
    for (const a of item.attributes) out.push(a.start, a.valueStart);
  }
  for (const p of doc.prose) for (const r of [...p.links, ...p.citations.flatMap((c) => c.refs)]) out.push(r.span.start);
  return out;
}

/** What a parse found that a moved chunk must carry unchanged: blocks, suppressions, parse diagnostics. */
function parseShape(doc: KentDocument): string {
  const items = doc.items.map((i) => [i.kind, i.id, i.span, i.idSpan, [...i.ignored], i.attributes.map((a) => [a.name, a.start, a.valueStart]), [...i.because, ...i.supersedes].map((r) => r.span)]);
  const diagnostics = doc.parseDiagnostics.map((d) => [d.code, d.span, d.message]);
  return JSON.stringify({ items, ignoreComments: doc.ignoreComments, inFile: [...doc.ignoredInFile], headings: doc.headings.map((h) => h.span), diagnostics });
}

export function checkSpan(span: Span, length: number, fail: (message: string) => void): void {
  if (!span || !Number.isInteger(span.start) || !Number.isInteger(span.end)) return fail(`span ${JSON.stringify(span)} is not a pair of integers`);
  if (span.start < 0 || span.end > length || span.start > span.end) fail(`span ${span.start}-${span.end} is not inside a text of length ${length}`);
}

/** Every span the parser produced lies inside the text, and items are in order and disjoint. */
export function checkDocShape(doc: KentDocument, fail: (message: string) => void): void {
  const len = doc.text.length;
  let last = -1;
  for (const item of doc.items) {
    const spans: Array<[string, Span | undefined]> = [
      ['span', item.span],
      ['idSpan', item.idSpan],
      ['keywordSpan', item.keywordSpan],
      ['statementSpan', item.statementSpan],
      ['likelihood', item.likelihood?.span],
      ['confidence', item.confidence?.span],
      ['quote', item.quote?.span],
      ['file', item.file?.span],
      ['source', item.source?.span],
    ];
    for (const a of item.attributes) spans.push(['attribute name', nameSpan(a)], ['attribute value', valueSpan(a)], ['attribute', attributeSpan(a)]);
    for (const r of [...item.because, ...item.against, ...item.assumes, ...item.contradicts, ...item.links, ...item.supersedes]) spans.push(['ref', r.span]);
    for (const c of item.citations) spans.push(['citation', c.span], ...c.refs.map((r): [string, Span] => ['cited key', r.span]));
    for (const [what, s] of spans) if (s) checkSpan(s, len, (m) => fail(`${item.kind} ${item.id} ${what}: ${m}`));
    if (item.span.start < last) fail(`${item.kind} ${item.id} starts before the end of the previous block`);
    last = item.span.end;
  }
  for (const p of doc.prose) checkSpan(p.span, len, (m) => fail(`prose: ${m}`));
  for (const h of doc.headings) checkSpan(h.span, len, (m) => fail(`heading: ${m}`));
  for (const d of doc.parseDiagnostics) checkSpan(d.span, len, (m) => fail(`parse diagnostic "${d.message}": ${m}`));
}

/** Apply non-overlapping edits (offsets into the original text) to a text. */
export function applyEdits(text: string, edits: ReadonlyArray<{ span: Span; newText: string }>, fail: (message: string) => void = (m) => {
  throw new Error(m);
}): string {
  const sorted = [...edits].sort((a, b) => a.span.start - b.span.start || a.span.end - b.span.end);
  const parts: string[] = [];
  let at = 0;
  for (const e of sorted) {
    if (e.span.start < at) fail(`edits overlap at ${e.span.start}-${e.span.end}`);
    parts.push(text.slice(at, e.span.start), e.newText);
    at = e.span.end;
  }
  parts.push(text.slice(at));
  return parts.join('');
}
