// A small LSP client for protocol tests: spawns the bundled language server
// (`node bin/kent-language-server.js --stdio`), speaks JSON-RPC over its stdio, collects the
// diagnostics it publishes per URI and lets a test wait for them on the event (no sleeps).
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { createMessageConnection, ErrorCodes, ResponseError, StreamMessageReader, StreamMessageWriter, type MessageConnection } from 'vscode-jsonrpc/node';
import {
  DidChangeTextDocumentNotification,
  DidChangeWatchedFilesNotification,
  DidCloseTextDocumentNotification,
  DidOpenTextDocumentNotification,
  ExitNotification,
  InitializeRequest,
  InitializedNotification,
  PublishDiagnosticsNotification,
  ShutdownRequest,
  type Diagnostic,
  type FileEvent,
  type InitializeResult,
  type TextDocumentContentChangeEvent,
} from 'vscode-languageserver-protocol';

export const ROOT = path.resolve(__dirname, '..');
export const SERVER = path.join(ROOT, 'bin', 'kent-language-server.js');

/** `file://` URI of an absolute path, in the form the server produces (vscode-uri). */
export function fileUri(abs: string): string {
  return pathToFileURL(abs).href;
}

/** Write `files` (relative POSIX paths → text) under a fresh temp folder; returns its real path. */
export function makeWorkspace(files: Record<string, string>, prefix = 'kent-lsp-'): string {
  const dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), prefix)));
  for (const [rel, text] of Object.entries(files)) writeFile(dir, rel, text);
  return dir;
}

export function writeFile(root: string, rel: string, text: string): string {
  const abs = path.join(root, ...rel.split('/'));
  fs.mkdirSync(path.dirname(abs), { recursive: true });
  fs.writeFileSync(abs, text);
  return abs;
}

export interface StartOptions {
  /** The workspace folder. */
  root: string;
  /** Advertise `workspace.configuration` and answer `workspace/configuration` with this. */
  configuration?: (items: Array<{ section?: string; scopeUri?: string }>) => unknown[];
  initializationOptions?: unknown;
  /** How the client names its root: workspace folders (the default), or, as older editors do, `rootUri` or the deprecated `rootPath` alone; or not at all (`none`: a file opened from anywhere). */
  rootAs?: 'workspaceFolders' | 'rootUri' | 'rootPath' | 'none';
  /** The server's tracing, as `initialize` sets it. */
  trace?: 'off' | 'messages' | 'verbose';
  /** Requests from the server this client answers with an error, as some editors do. */
  refuse?: string[];
  /** Advertise dynamic registration of file watchers (the server then asks to register them). */
  watchFiles?: boolean;
  /** A plain client, as Emacs's eglot without markdown-mode: plain-text hovers and documentation, a flat outline, no related locations. */
  plain?: boolean;
  /** Advertise completion items with an insert and a replace range (`insertReplaceSupport`), as VS Code does. */
  insertReplace?: boolean;
  /** Advertise snippet completion items (`snippetSupport`), as VS Code does. */
  snippets?: boolean;
  /** Advertise semantic tokens (full documents, relative format), as Neovim does. */
  semanticTokens?: boolean;
  /** Advertise `window.workDoneProgress`: the server may then show the progress of long runs. */
  progress?: boolean;
  /**
   * How the client takes code actions: as code actions (the default, as every current editor),
   * or, as LSP has it for a client that does not say it can read them, only as commands, with
   * (`commands`) or without (`none`) `workspace/applyEdit` to apply their edits.
   */
  codeActions?: 'literals' | 'commands' | 'none';
  /** List no completion or symbol kinds, as a client of LSP's first version (it then shows those alone); else all, as VS Code does. */
  firstKindsOnly?: boolean;
  /** Advertise versioned edits (`workspace.workspaceEdit.documentChanges`), as VS Code and Neovim do. */
  documentChanges?: boolean;
  /** The server's script, if not this checkout's (the long-session bench compares two builds). */
  server?: string;
  /** Variables added to the server's environment. */
  env?: Record<string, string>;
  /** The workspace folders' URIs, when not the root's alone (a virtual workspace's `vscode-vfs://…`, several folders). */
  folderUris?: string[];
}

/** Every kind up to `last` (as VS Code lists them), or none listed (`firstKindsOnly`). */
function allKinds(options: StartOptions, last: number): { valueSet: never[] } | undefined {
  // `never[]`: the protocol's types list each kind as a literal (SymbolKind, CompletionItemKind).
  return options.firstKindsOnly ? undefined : { valueSet: Array.from({ length: last }, (_, i) => i + 1) as never[] };
}

interface Waiter {
  uri: string;
  predicate: (d: Diagnostic[]) => boolean;
  resolve: (d: Diagnostic[]) => void;
}

export class LspClient {
  /** The latest diagnostics published per URI. */
  readonly diagnostics = new Map<string, Diagnostic[]>();
  /** How many times diagnostics were published per URI. */
  readonly publishCount = new Map<string, number>();
  readonly serverRequests: Array<{ method: string; params: unknown }> = [];
  /** `$/logTrace` notifications received, in order. */
  readonly traces: Array<{ message: string; verbose?: string }> = [];
  /** `window/showMessage` notifications received, in order. */
  readonly messages: Array<{ type: number; message: string }> = [];
  /** `$/progress` notifications received, in order: their `value`s (begin, report, end). */
  readonly progress: Array<{ kind: string; title?: string; message?: string; percentage?: number }> = [];
  /** `window/logMessage` notifications received, in order. */
  readonly logs: Array<{ type: number; message: string }> = [];
  stderr = '';
  exited: { code: number | null; signal: NodeJS.Signals | null } | undefined;
  initializeResult!: InitializeResult;
  private waiters: Waiter[] = [];
  private readonly versions = new Map<string, number>();

  private constructor(
    readonly child: ChildProcessWithoutNullStreams,
    readonly connection: MessageConnection,
    readonly root: string,
  ) {}

  static async start(options: StartOptions): Promise<LspClient> {
    // kent/debug/memory collects garbage first where it can.
    const gc = options.env?.KENT_DEBUG_MEMORY ? ['--expose-gc'] : [];
    const child = spawn(process.execPath, [...gc, options.server ?? SERVER, '--stdio'], { cwd: options.root, stdio: 'pipe', env: { ...process.env, ...options.env } });
    const connection = createMessageConnection(new StreamMessageReader(child.stdout), new StreamMessageWriter(child.stdin));
    const client = new LspClient(child, connection, options.root);
    child.stderr.setEncoding('utf8');
    child.stderr.on('data', (s: string) => (client.stderr += s));
    child.on('exit', (code, signal) => (client.exited = { code, signal }));
    connection.onNotification(PublishDiagnosticsNotification.type, (p) => {
      client.diagnostics.set(p.uri, p.diagnostics);
      client.publishCount.set(p.uri, (client.publishCount.get(p.uri) ?? 0) + 1);
      client.waiters = client.waiters.filter((w) => {
        if (w.uri !== p.uri || !w.predicate(p.diagnostics)) return true;
        w.resolve(p.diagnostics);
        return false;
      });
    });
    connection.onRequest((method, params) => {
      client.serverRequests.push({ method, params });
      if (options.refuse?.includes(method)) throw new ResponseError(ErrorCodes.MethodNotFound, `${method} is not supported here`);
      if (method === 'workspace/configuration' && options.configuration) {
        return options.configuration((params as { items: Array<{ section?: string }> }).items);
      }
      if (method === 'workspace/applyEdit') return { applied: true };
      return null; // client/registerCapability, window/workDoneProgress/create, …
    });
    connection.onNotification('$/logTrace', (p: { message: string; verbose?: string }) => void client.traces.push(p));
    connection.onNotification('window/showMessage', (p: { type: number; message: string }) => void client.messages.push(p));
    connection.onNotification('window/logMessage', (p: { type: number; message: string }) => void client.logs.push(p));
    connection.onNotification('$/progress', (p: { value: LspClient['progress'][number] }) => void client.progress.push(p.value));
    connection.onNotification(() => undefined); // telemetry, …
    connection.listen();
    client.initializeResult = await connection.sendRequest(InitializeRequest.type, {
      processId: process.pid,
      rootUri: options.rootAs === 'rootPath' || options.rootAs === 'none' ? null : fileUri(options.root),
      ...(options.rootAs === 'rootPath' ? { rootPath: options.root } : {}),
      workspaceFolders: (options.rootAs ?? 'workspaceFolders') === 'workspaceFolders' ? (options.folderUris ?? [fileUri(options.root)]).map((uri) => ({ uri, name: path.posix.basename(uri) })) : null,
      capabilities: {
        window: { workDoneProgress: options.progress === true },
        workspace: { symbol: { symbolKind: allKinds(options, 26) }, workspaceEdit: { documentChanges: options.documentChanges === true }, applyEdit: options.codeActions !== 'none', configuration: options.configuration !== undefined, workspaceFolders: (options.rootAs ?? 'workspaceFolders') === 'workspaceFolders', didChangeWatchedFiles: { dynamicRegistration: options.watchFiles === true } },
        textDocument: {
          publishDiagnostics: { relatedInformation: !options.plain, codeDescriptionSupport: true, tagSupport: { valueSet: [1, 2] } },
          hover: { contentFormat: options.plain ? ['plaintext'] : ['markdown', 'plaintext'] },
          completion: { completionItemKind: allKinds(options, 25), completionItem: { documentationFormat: options.plain ? ['plaintext'] : ['markdown', 'plaintext'], insertReplaceSupport: options.insertReplace === true, snippetSupport: options.snippets === true } },
          ...((options.codeActions ?? 'literals') === 'literals' ? { codeAction: { codeActionLiteralSupport: { codeActionKind: { valueSet: ['quickfix', 'refactor'] } } } } : {}),
          rename: { prepareSupport: true },
          documentSymbol: { hierarchicalDocumentSymbolSupport: !options.plain, symbolKind: allKinds(options, 26) },
          ...(options.semanticTokens ? { semanticTokens: { requests: { full: true }, tokenTypes: [], tokenModifiers: [], formats: ['relative'] } } : {}),
        },
      },
      initializationOptions: options.initializationOptions,
      ...(options.trace ? { trace: options.trace } : {}),
    });
    await connection.sendNotification(InitializedNotification.type, {});
    return client;
  }

  uri(rel: string): string {
    return fileUri(path.join(this.root, ...rel.split('/')));
  }

  /**
   * Resolves with the diagnostics of `uri` once they satisfy `predicate`: at once when the
   * latest published ones do (unless `fresh`), else on the next publication that does.
   */
  waitForDiagnostics(uri: string, predicate: (d: Diagnostic[]) => boolean = () => true, timeoutMs = 5000, fresh = false): Promise<Diagnostic[]> {
    const now = this.diagnostics.get(uri);
    if (!fresh && now && predicate(now)) return Promise.resolve(now);
    return new Promise((resolve, reject) => {
      const waiter: Waiter = {
        uri,
        predicate,
        resolve: (d) => {
          clearTimeout(timer);
          resolve(d);
        },
      };
      const timer = setTimeout(() => {
        this.waiters = this.waiters.filter((w) => w !== waiter);
        const last = this.diagnostics.get(uri);
        reject(new Error(`timed out after ${timeoutMs} ms waiting for diagnostics of ${uri}; last published: ${JSON.stringify(last?.map((d) => `${d.code}@${d.range.start.line}:${d.range.start.character} ${d.message}`))}\nserver stderr: ${this.stderr.slice(-2000)}`));
      }, timeoutMs);
      this.waiters.push(waiter);
    });
  }

  async open(uri: string, text: string, version = 1, languageId = 'kent'): Promise<void> {
    this.versions.set(uri, version);
    await this.connection.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri, languageId, version, text } });
  }

  /** A full-text change (a string) or incremental range changes. */
  async change(uri: string, version: number | undefined, change: string | TextDocumentContentChangeEvent[]): Promise<void> {
    const v = version ?? (this.versions.get(uri) ?? 0) + 1;
    this.versions.set(uri, v);
    const contentChanges = typeof change === 'string' ? [{ text: change }] : change;
    await this.connection.sendNotification(DidChangeTextDocumentNotification.type, { textDocument: { uri, version: v }, contentChanges });
  }

  async close(uri: string): Promise<void> {
    this.versions.delete(uri);
    await this.connection.sendNotification(DidCloseTextDocumentNotification.type, { textDocument: { uri } });
  }

  async watched(changes: FileEvent[]): Promise<void> {
    await this.connection.sendNotification(DidChangeWatchedFilesNotification.type, { changes });
  }

  request<R = unknown>(method: string, params: unknown): Promise<R> {
    return this.connection.sendRequest(method, params) as Promise<R>;
  }

  notify(method: string, params: unknown): Promise<void> {
    return this.connection.sendNotification(method, params);
  }

  /** `shutdown`, `exit`, then make sure the process is gone. */
  async stop(): Promise<void> {
    const gone = new Promise<void>((resolve) => (this.exited ? resolve() : this.child.once('exit', () => resolve())));
    try {
      if (!this.exited) {
        await Promise.race([this.connection.sendRequest(ShutdownRequest.type), new Promise((r) => setTimeout(r, 2000))]);
        await this.connection.sendNotification(ExitNotification.type);
      }
    } catch {
      // the connection is already closed
    }
    const timer = setTimeout(() => this.child.kill('SIGKILL'), 2000);
    await gone;
    clearTimeout(timer);
    this.connection.dispose();
  }
}
