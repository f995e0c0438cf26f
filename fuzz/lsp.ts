// The protocol half of the fuzzer: the real bundled server (`node bin/kent-language-server.js
// --stdio`), driven over JSON-RPC with random edit sequences — typing hostile characters,
// deleting, pasting whole passages, undoing, rewriting closed files on disk — interleaved with
// every request an editor sends, at random positions. The client keeps its own copy of each
// document (the same TextDocument the server uses), so every range the server returns is
// checked against the text as it is at that moment. No request may fail (except a refused
// rename), none may take a second, the server may log no error, and at the end it must still
// answer a hover and exit cleanly.
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL, fileURLToPath } from 'node:url';
import { createMessageConnection, ResponseError, StreamMessageReader, StreamMessageWriter, type MessageConnection } from 'vscode-jsonrpc/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { mutate, randomChars, randomDocument, randomWord, ROOT, window, type SampleFolder } from './gen';
import type { Rng } from './rng';
import { tokenProblem } from './tokens';
import { Rng as RngClass } from './rng';

export const SERVER = path.join(ROOT, 'bin', 'kent-language-server.js');
/** Kent's own reference of its checks: a diagnostic code links to its section there (outside the workspace, opened by the editor, never read by the server). */
const CHECKS_DOC = pathToFileURL(path.join(ROOT, 'docs', 'checks.md')).toString();
const CODE_ANCHOR = /^#[a-z]+(?:-[a-z]+)*$/;

interface Position {
  line: number;
  character: number;
}
interface Range {
  start: Position;
  end: Position;
}
interface TextEdit {
  range: Range;
  newText: string;
}
interface Change {
  range: Range;
  text: string;
}

export class LspFuzzFailure extends Error {
  constructor(
    message: string,
    readonly detail: { session: string; op: number; method?: string; uri?: string; text?: string; stderr?: string },
  ) {
    super(message);
  }
}

export interface LspStats {
  sessions: number;
  /** Edits and requests, each one operation. */
  operations: number;
  edits: number;
  requests: number;
  checkpoints: number;
  /** Requests over the time limit once, and under it when sent again. */
  retried: number;
  slowest: { method: string; ms: number; session: string };
}

export interface LspFuzzOptions {
  seed: string;
  /** Operations in all (edits plus requests). */
  operations: number;
  /** Operations per server process before it is shut down and a new one started. */
  perSession?: number;
  /** Stop early (cleanly) after this time, milliseconds since the epoch. */
  deadline?: number;
  maxMs?: number;
  server?: string;
}

/** Run sessions until `operations` are done (or the deadline passes). Throws LspFuzzFailure. */
export async function runLspFuzz(samples: SampleFolder[], options: LspFuzzOptions): Promise<LspStats> {
  const stats: LspStats = { sessions: 0, operations: 0, edits: 0, requests: 0, checkpoints: 0, retried: 0, slowest: { method: '', ms: 0, session: '' } };
  const per = options.perSession ?? 400;
  for (let s = 0; stats.operations < options.operations; s++) {
    if (options.deadline && Date.now() > options.deadline) break;
    const session = new Session(samples, `${options.seed}/lsp/${s}`, options, stats);
    await session.run(Math.min(per, options.operations - stats.operations));
    stats.sessions++;
  }
  return stats;
}

interface OpenDoc {
  uri: string;
  rel: string;
  doc: TextDocument;
  /** Inverse of each edit made, for undo. */
  undo: Change[];
}

class Session {
  private readonly rng: Rng;
  private readonly folder: SampleFolder;
  private readonly dir: string;
  private child!: ChildProcessWithoutNullStreams;
  private conn!: MessageConnection;
  private stderr = '';
  private readonly errors: string[] = [];
  private exit: { code: number | null; signal: string | null } | undefined;
  private readonly open = new Map<string, OpenDoc>();
  /** Diagnostics last published, per URI. */
  private readonly published = new Map<string, Array<{ range: Range; code?: unknown; message: string }>>();
  /** When the last diagnostics arrived. */
  private publishedAt = 0;
  private op = 0;
  private readonly maxMs: number;

  constructor(
    samples: SampleFolder[],
    private readonly id: string,
    private readonly options: LspFuzzOptions,
    private readonly stats: LspStats,
  ) {
    this.rng = new RngClass(id);
    this.folder = this.rng.pick(samples);
    this.maxMs = options.maxMs ?? 1000;
    this.dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'kent-fuzz-')));
    for (const [rel, text] of [...this.folder.docs, ...this.folder.files]) this.write(rel, text);
  }

  private write(rel: string, text: string): void {
    const abs = path.join(this.dir, ...rel.split('/'));
    fs.mkdirSync(path.dirname(abs), { recursive: true });
    fs.writeFileSync(abs, text);
  }

  private uri(rel: string): string {
    return pathToFileURL(path.join(this.dir, ...rel.split('/'))).href;
  }

  private fail(message: string, extra: Partial<LspFuzzFailure['detail']> = {}): never {
    throw new LspFuzzFailure(message, { session: this.id, op: this.op, stderr: this.stderr.slice(-4000), ...extra });
  }

  async run(operations: number): Promise<void> {
    try {
      await this.start();
      const rng = this.rng;
      const docs = [...this.folder.docs.keys()];
      for (const rel of docs.filter(() => rng.chance(0.5)).slice(0, 3)) await this.openDoc(rel, this.folder.docs.get(rel)!);
      if (this.open.size === 0 || rng.chance(0.3)) await this.openDoc(`scratch-${rng.int(3)}.kent`, rng.chance(0.5) ? randomDocument(rng) : '');
      while (this.op < operations) {
        if (this.options.deadline && Date.now() > this.options.deadline) break;
        await this.step();
        if (this.op % 40 === 0) await this.checkpoint();
      }
      await this.checkpoint();
      // The server must still answer, and then leave cleanly.
      const any = [...this.open.values()][0];
      if (any) await this.request('textDocument/hover', { textDocument: { uri: any.uri }, position: { line: 0, character: 0 } });
      await this.stop();
    } finally {
      if (!this.exit) this.child?.kill('SIGKILL');
      this.conn?.dispose();
      fs.rmSync(this.dir, { recursive: true, force: true });
    }
  }

  private async start(): Promise<void> {
    this.child = spawn(process.execPath, [this.options.server ?? SERVER, '--stdio'], { cwd: this.dir, stdio: 'pipe' });
    this.child.stderr.setEncoding('utf8');
    this.child.stderr.on('data', (s: string) => (this.stderr += s));
    this.child.on('exit', (code, signal) => (this.exit = { code, signal }));
    this.conn = createMessageConnection(new StreamMessageReader(this.child.stdout), new StreamMessageWriter(this.child.stdin));
    this.conn.onNotification('textDocument/publishDiagnostics', (p: { uri: string; diagnostics: Array<{ range: Range; message: string }> }) => {
      this.published.set(p.uri, p.diagnostics);
      this.publishedAt = performance.now();
    });
    this.conn.onNotification('window/logMessage', (p: { type: number; message: string }) => {
      if (p.type === 1) this.errors.push(p.message);
    });
    this.conn.onNotification(() => undefined);
    this.conn.onRequest(() => null);
    this.conn.onError(([e]) => this.errors.push(`connection error: ${e.message}`));
    this.conn.listen();
    // Starting a process is not an edit: the server gets 15 s to load and answer `initialize`.
    await this.request('initialize', {
      processId: process.pid,
      rootUri: pathToFileURL(this.dir).href,
      workspaceFolders: [{ uri: pathToFileURL(this.dir).href, name: 'fuzz' }],
      capabilities: {
        workspace: { workspaceFolders: true, didChangeWatchedFiles: { dynamicRegistration: false } },
        textDocument: { hover: { contentFormat: ['markdown'] }, codeAction: { codeActionLiteralSupport: { codeActionKind: { valueSet: ['quickfix', 'refactor'] } } }, rename: { prepareSupport: true }, documentSymbol: { hierarchicalDocumentSymbolSupport: true }, semanticTokens: { requests: { full: true }, tokenTypes: [], tokenModifiers: [], formats: ['relative'] } },
      },
    }, false, 15_000);
    await this.conn.sendNotification('initialized', {});
  }

  private async stop(): Promise<void> {
    const gone = new Promise<void>((resolve) => (this.exit ? resolve() : this.child.once('exit', () => resolve())));
    await this.request('shutdown', null, false, 15_000);
    await this.conn.sendNotification('exit');
    const timer = setTimeout(() => this.child.kill('SIGKILL'), 5000);
    await gone;
    clearTimeout(timer);
    if (this.exit?.code !== 0) this.fail(`the server exited with ${JSON.stringify(this.exit)} after shutdown`);
    if (this.errors.length) this.fail(`the server logged an error: ${this.errors[0]}`, { method: 'exit' });
  }

  private assertHealthy(method: string): void {
    if (this.errors.length) this.fail(`the server logged an error: ${this.errors[0]}`, { method });
    if (this.exit) this.fail(`the server died: ${JSON.stringify(this.exit)}`, { method });
  }

  /**
   * A request, timed; a failed request fails the run unless `refusable` and refused with
   * RequestFailed. One over the limit is sent again at once (queries change nothing): it fails
   * the run only when it is slow twice, so a busy machine's pause is not taken for Kent's.
   */
  private async request<R = unknown>(method: string, params: unknown, refusable = false, limitMs = this.maxMs): Promise<R | undefined> {
    let { result, ms } = await this.send<R>(method, params, refusable);
    if (ms > limitMs && method !== 'initialize' && method !== 'shutdown') {
      this.stats.retried++;
      const again = await this.send<R>(method, params, refusable);
      ms = Math.min(ms, again.ms);
      result = again.result;
    }
    this.stats.requests++;
    if (ms > this.stats.slowest.ms && limitMs === this.maxMs) this.stats.slowest = { method, ms, session: this.id };
    if (ms > limitMs) this.fail(`${method} took ${ms.toFixed(0)} ms, twice (limit ${limitMs} ms)`, { method, ...this.context(params) });
    this.assertHealthy(method);
    return result;
  }

  private async send<R>(method: string, params: unknown, refusable: boolean): Promise<{ result: R | undefined; ms: number }> {
    const t0 = performance.now();
    let result: R | undefined;
    let timer: NodeJS.Timeout | undefined;
    try {
      const timeout = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(`no answer to ${method} in 30 s`)), 30_000)));
      result = await Promise.race([this.conn.sendRequest(method, params) as Promise<R>, timeout]);
    } catch (e) {
      if (refusable && e instanceof ResponseError && e.code === -32803) result = undefined;
      else this.fail(`${method} failed: ${e instanceof ResponseError ? `${e.code} ${e.message}` : (e as Error).message}`, { method, ...this.context(params) });
    } finally {
      clearTimeout(timer);
    }
    return { result, ms: performance.now() - t0 };
  }

  private context(params: unknown): { uri?: string; text?: string } {
    const uri = (params as { textDocument?: { uri?: string } } | null)?.textDocument?.uri;
    const open = uri ? this.open.get(uri) : undefined;
    return open ? { uri, text: open.doc.getText() } : {};
  }

  private async openDoc(rel: string, text: string): Promise<void> {
    const uri = this.uri(rel);
    if (this.open.has(uri)) return;
    const doc = TextDocument.create(uri, 'kent', 1, text);
    this.open.set(uri, { uri, rel, doc, undo: [] });
    await this.conn.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'kent', version: 1, text } });
  }

  private async change(d: OpenDoc, change: Change, recordUndo = true): Promise<void> {
    const start = d.doc.offsetAt(change.range.start);
    const end = d.doc.offsetAt(change.range.end);
    const removed = d.doc.getText().slice(start, end);
    d.doc = TextDocument.update(d.doc, [change], d.doc.version + 1);
    if (recordUndo) {
      d.undo.push({ range: { start: d.doc.positionAt(start), end: d.doc.positionAt(start + change.text.length) }, text: removed });
      if (d.undo.length > 50) d.undo.shift();
    }
    this.stats.edits++;
    await this.conn.sendNotification('textDocument/didChange', { textDocument: { uri: d.uri, version: d.doc.version }, contentChanges: [change] });
  }

  private randomPosition(d: OpenDoc): Position {
    const rng = this.rng;
    const text = d.doc.getText();
    // Now and then an out-of-range position, as a confused client might send.
    if (rng.chance(0.03)) return { line: rng.range(0, d.doc.lineCount + 3), character: rng.range(0, 400) };
    return d.doc.positionAt(rng.int(text.length + 1));
  }

  private async step(): Promise<void> {
    const rng = this.rng;
    this.op++;
    this.stats.operations++;
    const docs = [...this.open.values()];
    const kind = rng.weighted<string>([
      [30, 'type'],
      [12, 'delete'],
      [6, 'paste'],
      [8, 'undo'],
      [2, 'replace-all'],
      [2, 'close-reopen'],
      [2, 'disk'],
      [1, 'open-another'],
      [40, 'request'],
    ]);
    if (docs.length === 0) return this.openDoc(`scratch-${rng.int(3)}.kent`, randomDocument(rng));
    const d = rng.pick(docs);
    const text = d.doc.getText();
    switch (kind) {
      case 'type': {
        const at = d.doc.positionAt(rng.int(text.length + 1));
        const typed = rng.weighted<() => string>([
          [4, () => randomChars(rng, rng.range(1, 3))],
          [3, () => randomWord(rng) + ' '],
          [2, () => rng.pick(['\n', '\r\n', '\n  because: ', '\n  likelihood: likely', '[[', '[@', '@', ': ', ', ', '\n// kent-ignore vague-estimate: r\n', '\n  co', '`', ' https://x.org/may ', '\n  supersedes: other'])],
        ])();
        return this.change(d, { range: { start: at, end: at }, text: typed });
      }
      case 'delete': {
        const a = rng.int(text.length + 1);
        const b = Math.min(text.length, a + rng.range(1, 60));
        return this.change(d, { range: { start: d.doc.positionAt(a), end: d.doc.positionAt(b) }, text: '' });
      }
      case 'paste': {
        const source = rng.pick([...this.folder.docs.values()]);
        const a = rng.int(text.length + 1);
        const b = rng.chance(0.3) ? Math.min(text.length, a + rng.range(0, 200)) : a;
        return this.change(d, { range: { start: d.doc.positionAt(a), end: d.doc.positionAt(b) }, text: window(rng, source) + '\n' });
      }
      case 'undo': {
        const inverse = d.undo.pop();
        if (inverse) return this.change(d, inverse, false);
        return;
      }
      case 'replace-all': {
        const next = rng.chance(0.5) ? mutate(rng, text) : mutate(rng, rng.pick([...this.folder.docs.values()]));
        d.undo = [];
        return this.change(d, { range: { start: { line: 0, character: 0 }, end: d.doc.positionAt(text.length) }, text: next }, false);
      }
      case 'close-reopen': {
        this.open.delete(d.uri);
        await this.conn.sendNotification('textDocument/didClose', { textDocument: { uri: d.uri } });
        if (rng.chance(0.7)) await this.openDoc(d.rel, rng.chance(0.5) ? text : (this.readDisk(d.rel) ?? ''));
        return;
      }
      case 'disk': {
        // A closed document (or a source file) changes on disk, as a `git checkout` would do.
        const closed = [...this.folder.docs.keys(), ...this.folder.files.keys()].filter((rel) => !this.open.has(this.uri(rel)));
        if (closed.length === 0) return;
        const rel = rng.pick(closed);
        const deleted = rng.chance(0.15);
        if (deleted) fs.rmSync(path.join(this.dir, ...rel.split('/')), { force: true });
        else this.write(rel, mutate(rng, this.readDisk(rel) ?? this.folder.docs.get(rel) ?? this.folder.files.get(rel) ?? ''));
        await this.conn.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: this.uri(rel), type: deleted ? 3 : 2 }] });
        return;
      }
      case 'open-another': {
        const rel = rng.pick([...this.folder.docs.keys()]);
        return this.openDoc(rel, this.readDisk(rel) ?? '');
      }
      default:
        return this.randomRequest(d);
    }
  }

  private readDisk(rel: string): string | undefined {
    try {
      return fs.readFileSync(path.join(this.dir, ...rel.split('/')), 'utf8');
    } catch {
      return undefined;
    }
  }

  /** The text of any URI as the server should see it: an open document, else the file on disk. */
  private textOfUri(uri: string): TextDocument | undefined {
    const open = this.open.get(uri);
    if (open) return open.doc;
    if (!uri.startsWith('file:')) return undefined;
    const abs = fileURLToPath(uri);
    if (!abs.startsWith(this.dir + path.sep)) this.fail(`the server pointed outside the workspace: ${uri}`);
    try {
      return TextDocument.create(uri, 'kent', 0, fs.readFileSync(abs, 'utf8'));
    } catch {
      return undefined;
    }
  }

  private checkRange(doc: TextDocument | undefined, range: Range, what: string, method: string): void {
    if (!doc) this.fail(`${method}: ${what} points into a file that does not exist`, { method });
    const ok = (p: Position) =>
      p && Number.isInteger(p.line) && Number.isInteger(p.character) && p.line >= 0 && p.character >= 0 && p.line < doc!.lineCount && samePosition(doc!.positionAt(doc!.offsetAt(p)), p);
    if (!ok(range.start) || !ok(range.end)) this.fail(`${method}: ${what} ${JSON.stringify(range)} is not inside ${doc!.uri} (${doc!.lineCount} lines)`, { method, uri: doc!.uri, text: doc!.getText() });
    if (doc!.offsetAt(range.start) > doc!.offsetAt(range.end)) this.fail(`${method}: ${what} ${JSON.stringify(range)} ends before it starts`, { method, uri: doc!.uri, text: doc!.getText() });
  }

  private checkEdit(edit: { changes?: Record<string, TextEdit[]> } | null | undefined, method: string): void {
    for (const [uri, edits] of Object.entries(edit?.changes ?? {})) {
      const doc = this.textOfUri(uri);
      for (const e of edits) this.checkRange(doc, e.range, 'edit', method);
      try {
        TextDocument.applyEdits(doc!, edits);
      } catch (e) {
        this.fail(`${method}: its edits do not apply: ${(e as Error).message}`, { method });
      }
    }
  }

  private async randomRequest(d: OpenDoc): Promise<void> {
    const rng = this.rng;
    const textDocument = { uri: d.uri };
    const position = this.randomPosition(d);
    const doc = d.doc;
    const method = rng.pick([
      'textDocument/hover',
      'textDocument/completion',
      'textDocument/definition',
      'textDocument/references',
      'textDocument/documentHighlight',
      'textDocument/prepareRename',
      'textDocument/rename',
      'textDocument/documentSymbol',
      'textDocument/codeAction',
      'textDocument/inlayHint',
      'textDocument/foldingRange',
      'textDocument/semanticTokens/full',
      'textDocument/documentLink',
      'textDocument/prepareCallHierarchy',
      'workspace/willRenameFiles',
      'workspace/symbol',
    ]);
    const whole = { start: { line: 0, character: 0 }, end: doc.positionAt(doc.getText().length) };
    switch (method) {
      case 'textDocument/hover': {
        const h = await this.request<{ contents: { value: string }; range?: Range } | null>(method, { textDocument, position });
        if (h?.range) this.checkRange(doc, h.range, 'hover range', method);
        return;
      }
      case 'textDocument/completion': {
        const items = await this.request<Array<{ label: string; textEdit?: TextEdit }> | null>(method, { textDocument, position });
        for (const c of items ?? []) if (c.textEdit) this.checkRange(doc, c.textEdit.range, `completion "${c.label}"`, method);
        return;
      }
      case 'textDocument/definition':
      case 'textDocument/references': {
        const locs = await this.request<Array<{ uri: string; range: Range }> | null>(method, { textDocument, position, context: { includeDeclaration: rng.chance(0.5) } });
        for (const l of locs ?? []) this.checkRange(this.textOfUri(l.uri), l.range, 'location', method);
        return;
      }
      case 'textDocument/documentHighlight': {
        const hs = await this.request<Array<{ range: Range }> | null>(method, { textDocument, position });
        for (const h of hs ?? []) this.checkRange(doc, h.range, 'highlight', method);
        return;
      }
      case 'textDocument/prepareRename': {
        const r = await this.request<{ range: Range } | null>(method, { textDocument, position }, true);
        if (r?.range) this.checkRange(doc, r.range, 'rename range', method);
        return;
      }
      case 'textDocument/rename': {
        const newName = rng.pick(['Renamed1', 'x-2', '1bad', 'a b', '']);
        const edit = await this.request<{ changes?: Record<string, TextEdit[]> } | null>(method, { textDocument, position, newName }, true);
        this.checkEdit(edit, method);
        return;
      }
      case 'textDocument/documentSymbol': {
        type Sym = { name: string; range: Range; selectionRange: Range; children?: Sym[] };
        const walk = (list: Sym[]) => {
          for (const s of list) {
            this.checkRange(doc, s.range, `symbol ${s.name}`, method);
            this.checkRange(doc, s.selectionRange, `symbol ${s.name} selection`, method);
            walk(s.children ?? []);
          }
        };
        walk((await this.request<Sym[] | null>(method, { textDocument })) ?? []);
        return;
      }
      case 'textDocument/codeAction': {
        const other = this.randomPosition(d);
        const [start, end] = doc.offsetAt(position) <= doc.offsetAt(other) ? [position, other] : [other, position];
        const actions = await this.request<Array<{ title: string; edit?: { changes?: Record<string, TextEdit[]> } }> | null>(method, { textDocument, range: { start, end }, context: { diagnostics: [] } });
        for (const a of actions ?? []) this.checkEdit(a.edit, `${method} "${a.title}"`);
        return;
      }
      case 'textDocument/inlayHint': {
        const hints = await this.request<Array<{ position: Position; label: string }> | null>(method, { textDocument, range: rng.chance(0.5) ? whole : { start: position, end: position } });
        for (const h of hints ?? []) this.checkRange(doc, { start: h.position, end: h.position }, `hint ${h.label}`, method);
        return;
      }
      case 'textDocument/semanticTokens/full': {
        const tokens = await this.request<{ data: number[] } | null>(method, { textDocument });
        const problem = tokenProblem(tokens?.data ?? [], doc.getText());
        if (problem) this.fail(`${method}: ${problem}`, { method, uri: d.uri, text: doc.getText() });
        return;
      }
      case 'textDocument/foldingRange': {
        for (const f of (await this.request<Array<{ startLine: number; endLine: number }> | null>(method, { textDocument })) ?? []) {
          if (!(f.startLine >= 0 && f.startLine <= f.endLine && f.endLine < doc.lineCount)) this.fail(`${method}: ${f.startLine}-${f.endLine} of ${doc.lineCount} lines`, { method, uri: d.uri, text: doc.getText() });
        }
        return;
      }
      case 'textDocument/documentLink': {
        for (const l of (await this.request<Array<{ range: Range; target?: string }> | null>(method, { textDocument })) ?? []) {
          this.checkRange(doc, l.range, 'link', method);
          const toChecksDoc = l.target?.startsWith(CHECKS_DOC) && CODE_ANCHOR.test(l.target.slice(CHECKS_DOC.length));
          if (l.target && !toChecksDoc && !/^https?:/i.test(l.target) && !(l.target.startsWith('file:') && fileURLToPath(l.target).startsWith(this.dir + path.sep))) this.fail(`${method}: a link to ${l.target}`, { method });
        }
        return;
      }
      case 'textDocument/prepareCallHierarchy': {
        type Item = { name: string; uri: string; range: Range; selectionRange: Range };
        const [item] = (await this.request<Item[] | null>(method, { textDocument, position })) ?? [];
        if (!item) return;
        const check = (i: Item, what: string) => {
          this.checkRange(this.textOfUri(i.uri), i.range, `${what} ${i.name}`, method);
          this.checkRange(this.textOfUri(i.uri), i.selectionRange, `${what} ${i.name} selection`, method);
        };
        check(item, 'item');
        // Both directions for the item prepared, handed back as an editor would: ranges in the item asked about, or in each caller.
        for (const c of (await this.request<Array<{ to: Item; fromRanges: Range[] }>>('callHierarchy/outgoingCalls', { item })) ?? []) {
          check(c.to, 'outgoing');
          for (const r of c.fromRanges) this.checkRange(this.textOfUri(item.uri), r, 'outgoing ref', method);
        }
        for (const c of (await this.request<Array<{ from: Item; fromRanges: Range[] }>>('callHierarchy/incomingCalls', { item })) ?? []) {
          check(c.from, 'incoming');
          for (const r of c.fromRanges) this.checkRange(this.textOfUri(c.from.uri), r, 'incoming ref', method);
        }
        return;
      }
      case 'workspace/willRenameFiles': {
        // A file or folder of the workspace, this document's or another's, moved somewhere in it.
        const names = fs.readdirSync(this.dir, { recursive: true }).map(String);
        const from = rng.chance(0.3) ? d.uri : this.uri(rng.pick(names.length ? names : ['x']));
        const to = this.uri(rng.pick(['moved', 'a/b/moved', 'sub/x.txt', 'sources', 'c.kent']));
        this.checkEdit(await this.request<{ changes?: Record<string, TextEdit[]> } | null>(method, { files: [{ oldUri: from, newUri: to }] }), method);
        return;
      }
      default: {
        for (const s of (await this.request<Array<{ location: { uri: string; range: Range } }> | null>('workspace/symbol', { query: rng.pick(['', 'C', 'kj', randomChars(rng, 1)]) })) ?? []) {
          this.checkRange(this.textOfUri(s.location.uri), s.location.range, 'symbol', 'workspace/symbol');
        }
      }
    }
  }

  /**
   * Let the server finish re-checking what the edits affected, then have it check everything
   * again from scratch (`kent.checkWorkspace`): it publishes only what differs, and nothing may,
   * for re-checking only what an edit may affect must give what a full check gives. Then hold
   * every published diagnostic against the text it is about.
   */
  /**
   * Wait until the server has done what the last operations asked: past its debounce, nothing
   * published and its CPU time still for 150 ms (at most 10 s; where /proc is missing, 1 s).
   */
  private async quiet(): Promise<void> {
    await sleep(100);
    const started = performance.now();
    let ticks = cpuTicks(this.child.pid);
    if (ticks === undefined) return void (await sleep(900));
    let still = performance.now();
    while (performance.now() - started < 10_000) {
      await sleep(25);
      const now = cpuTicks(this.child.pid);
      if (now !== ticks) [ticks, still] = [now, performance.now()];
      const since = performance.now() - Math.max(still, this.publishedAt);
      if (since >= 150) return;
    }
  }

  private async checkpoint(): Promise<void> {
    this.stats.checkpoints++;
    await this.quiet();
    const show = (diags: unknown[]) => diags.map((d) => JSON.stringify(d)).sort();
    const incremental = new Map([...this.published].map(([uri, diags]) => [uri, show(diags)]));
    await this.request('workspace/executeCommand', { command: 'kent.checkWorkspace', arguments: [] });
    for (const uri of new Set([...incremental.keys(), ...this.published.keys()])) {
      const [before, after] = [incremental.get(uri) ?? [], show(this.published.get(uri) ?? [])];
      if (JSON.stringify(before) !== JSON.stringify(after)) {
        const gone = before.filter((x) => !after.includes(x)).slice(0, 3);
        const added = after.filter((x) => !before.includes(x)).slice(0, 3);
        this.fail(`after the edits, ${uri} showed other diagnostics than a full check gives: ${JSON.stringify({ onlyAfterEdits: gone, onlyInFullCheck: added })}`, { method: 'publishDiagnostics' });
      }
    }
    for (const [uri, diags] of this.published) {
      const doc = this.textOfUri(uri);
      if (!doc) {
        if (diags.length) this.fail(`diagnostics published for ${uri}, which neither is open nor exists`, { method: 'publishDiagnostics' });
        continue;
      }
      for (const d of diags) this.checkRange(doc, d.range, `diagnostic ${String(d.code)} "${d.message}"`, 'publishDiagnostics');
    }
  }
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** A process's CPU time in clock ticks (user + system), from /proc; undefined where there is none. */
function cpuTicks(pid: number | undefined): number | undefined {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return Number(fields[11]) + Number(fields[12]);
  } catch {
    return undefined;
  }
}

function samePosition(a: Position, b: Position): boolean {
  return a.line === b.line && a.character === b.character;
}

// ---------------------------------------------------------------------------------------------
// A plain client for tests that drive the server by hand (test/limits, confinement, safety).

export interface Publication {
  uri: string;
  /** performance.now() when it arrived. */
  at: number;
  diagnostics: Array<{ range: Range; code?: unknown; message: string; severity?: number }>;
}

export class LspProcess {
  readonly publications: Publication[] = [];
  readonly latest = new Map<string, Publication['diagnostics']>();
  /** `window/logMessage` errors: a handler that threw. */
  readonly errors: string[] = [];
  stderr = '';
  exit: { code: number | null; signal: string | null } | undefined;
  private waiters: Array<{ test: () => boolean; resolve: () => void }> = [];
  private version = new Map<string, number>();

  private constructor(
    readonly child: ChildProcessWithoutNullStreams,
    readonly conn: MessageConnection,
    readonly root: string,
  ) {}

  static async start(root: string, options: { initializationOptions?: unknown; execArgv?: string[]; env?: NodeJS.ProcessEnv; server?: string } = {}): Promise<LspProcess> {
    const child = spawn(process.execPath, [...(options.execArgv ?? []), options.server ?? SERVER, '--stdio'], { cwd: root, stdio: 'pipe', env: options.env ?? process.env });
    const conn = createMessageConnection(new StreamMessageReader(child.stdout), new StreamMessageWriter(child.stdin));
    const lsp = new LspProcess(child, conn, root);
    child.stderr.setEncoding('utf8');
    child.stderr.on('data', (s: string) => (lsp.stderr += s));
    child.on('exit', (code, signal) => (lsp.exit = { code, signal }));
    conn.onNotification('textDocument/publishDiagnostics', (p: { uri: string; diagnostics: Publication['diagnostics'] }) => {
      lsp.publications.push({ uri: p.uri, at: performance.now(), diagnostics: p.diagnostics });
      lsp.latest.set(p.uri, p.diagnostics);
      lsp.waiters = lsp.waiters.filter((w) => (w.test() ? (w.resolve(), false) : true));
    });
    conn.onNotification('window/logMessage', (p: { type: number; message: string }) => {
      if (p.type === 1) lsp.errors.push(p.message);
    });
    conn.onNotification(() => undefined);
    conn.onRequest(() => null);
    conn.listen();
    await conn.sendRequest('initialize', {
      processId: process.pid,
      rootUri: pathToFileURL(root).href,
      workspaceFolders: [{ uri: pathToFileURL(root).href, name: path.basename(root) }],
      capabilities: {
        workspace: { workspaceFolders: true, didChangeWatchedFiles: { dynamicRegistration: false } },
        textDocument: { hover: { contentFormat: ['markdown'] }, codeAction: { codeActionLiteralSupport: { codeActionKind: { valueSet: ['quickfix', 'refactor'] } } }, rename: { prepareSupport: true }, documentSymbol: { hierarchicalDocumentSymbolSupport: true }, semanticTokens: { requests: { full: true }, tokenTypes: [], tokenModifiers: [], formats: ['relative'] } },
      },
      initializationOptions: options.initializationOptions,
    });
    await conn.sendNotification('initialized', {});
    return lsp;
  }

  uri(rel: string): string {
    return pathToFileURL(path.join(this.root, ...rel.split('/'))).href;
  }

  async open(rel: string, text: string): Promise<string> {
    const uri = this.uri(rel);
    this.version.set(uri, 1);
    await this.conn.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'kent', version: 1, text } });
    return uri;
  }

  /** Replace a document's whole text. */
  async change(uri: string, text: string): Promise<void> {
    const v = (this.version.get(uri) ?? 1) + 1;
    this.version.set(uri, v);
    await this.conn.sendNotification('textDocument/didChange', { textDocument: { uri, version: v }, contentChanges: [{ text }] });
  }

  request<R = unknown>(method: string, params: unknown): Promise<R> {
    return this.conn.sendRequest(method, params) as Promise<R>;
  }

  notify(method: string, params: unknown): Promise<void> {
    return this.conn.sendNotification(method, params);
  }

  /** Resolves once `test` holds (checked now and after every publication). */
  until(test: () => boolean, timeoutMs = 30_000, what = 'a condition'): Promise<void> {
    if (test()) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`timed out after ${timeoutMs} ms waiting for ${what}\nstderr: ${this.stderr.slice(-2000)}`)), timeoutMs);
      this.waiters.push({ test, resolve: () => (clearTimeout(timer), resolve()) });
    });
  }

  async stop(): Promise<{ code: number | null; signal: string | null }> {
    const gone = new Promise<void>((resolve) => (this.exit ? resolve() : this.child.once('exit', () => resolve())));
    try {
      if (!this.exit) {
        await Promise.race([this.conn.sendRequest('shutdown'), new Promise((r) => setTimeout(r, 5000))]);
        await this.conn.sendNotification('exit');
      }
    } catch {
      // already closed
    }
    const timer = setTimeout(() => this.child.kill('SIGKILL'), 5000);
    await gone;
    clearTimeout(timer);
    this.conn.dispose();
    return this.exit!;
  }
}
