// `Kent: Show Evidence Map` and `Kent: Export Report`. The map is a webview beside the editor
// showing what the language server draws for the current document (`kent/evidenceMap`); it is
// redrawn as the analyst types (debounced), keeps the nodes' order (the previous positions go
// back to the server), and a node chosen in it opens its item in the editor. The export asks
// the server for the report and saves it where the user picks: Kent writes no other file.
import { randomBytes } from 'node:crypto';
import * as path from 'node:path';
import {
  commands,
  Disposable,
  ExtensionContext,
  Range,
  TextDocument,
  TextEditorRevealType,
  Uri,
  ViewColumn,
  WebviewPanel,
  window,
  workspace,
} from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { webviewPage } from './html';

export const SHOW_EVIDENCE_MAP = 'kent.showEvidenceMap';
export const EXPORT_REPORT = 'kent.exportReport';
const VIEW_TYPE = 'kent.evidenceMap';
/** Wait after the last keystroke before redrawing. */
const UPDATE_DELAY_MS = 350;

interface LspRange {
  start: { line: number; character: number };
  end: { line: number; character: number };
}
interface MapNodeReply {
  key: string;
  label: string;
  kind: string;
  uri?: string;
  range?: LspRange;
  problems: { errors: number; warnings: number };
}
interface MapReply {
  uri: string;
  title: string;
  svg: string;
  nodes: MapNodeReply[];
  edges: unknown[];
  positions: Record<string, { x: number; y: number }>;
  unattached: { errors: number; warnings: number };
}

type ClientGetter = () => LanguageClient | undefined;

/** Registers the two commands (and the map's restore after a reload); `context` is the extension's. */
export function registerReportCommands(context: ExtensionContext, client: ClientGetter): Disposable {
  void context;
  return Disposable.from(
    commands.registerCommand(SHOW_EVIDENCE_MAP, (uri?: Uri) => EvidenceMapPanel.show(client, uri)),
    commands.registerCommand(EXPORT_REPORT, (uri?: Uri) => exportReport(client, uri)),
    window.registerWebviewPanelSerializer(VIEW_TYPE, {
      // After a reload VS Code restores the panel: show the map of the active (or last) document again.
      async deserializeWebviewPanel(panel: WebviewPanel, state: unknown) {
        const saved = (state as { uri?: string } | undefined)?.uri;
        EvidenceMapPanel.revive(client, panel, saved ? Uri.parse(saved) : undefined);
      },
    }),
  );
}

function isKent(doc: TextDocument | undefined): doc is TextDocument {
  return doc !== undefined && (doc.languageId === 'kent' || doc.uri.path.endsWith('.kent'));
}

function activeKentUri(given?: Uri): Uri | undefined {
  if (given instanceof Uri) return given;
  const doc = window.activeTextEditor?.document;
  return isKent(doc) ? doc.uri : undefined;
}

/**
 * The document a command asked for from outside an editor (the palette with the map in front, a
 * walkthrough's button) means: the active one, else the Kent document shown beside.
 */
function shownKentUri(given?: Uri): Uri | undefined {
  return activeKentUri(given) ?? window.visibleTextEditors.map((e) => e.document).find(isKent)?.uri;
}

function running(client: ClientGetter): LanguageClient | undefined {
  const c = client();
  return c?.isRunning() ? c : undefined;
}

export class EvidenceMapPanel {
  static current: EvidenceMapPanel | undefined;

  private readonly disposables: Disposable[] = [];
  private uri: Uri | undefined;
  private last: MapReply | undefined;
  private timer: NodeJS.Timeout | undefined;
  private sequence = 0;
  private ready = false;
  /** The editor column the map was opened from: where chosen items open. */
  private sourceColumn: ViewColumn | undefined;

  static show(client: ClientGetter, given?: Uri): void {
    const uri = shownKentUri(given);
    if (!uri) {
      void window.showInformationMessage('Kent: open a .kent document to show its evidence map.');
      return;
    }
    const column = window.activeTextEditor?.viewColumn;
    if (EvidenceMapPanel.current) {
      EvidenceMapPanel.current.sourceColumn = column ?? EvidenceMapPanel.current.sourceColumn;
      EvidenceMapPanel.current.panel.reveal(ViewColumn.Beside, true);
      EvidenceMapPanel.current.follow(uri);
      return;
    }
    const panel = window.createWebviewPanel(VIEW_TYPE, 'Evidence Map', { viewColumn: ViewColumn.Beside, preserveFocus: true }, EvidenceMapPanel.options());
    EvidenceMapPanel.current = new EvidenceMapPanel(client, panel, uri, column);
  }

  static revive(client: ClientGetter, panel: WebviewPanel, uri: Uri | undefined): void {
    panel.webview.options = EvidenceMapPanel.options();
    EvidenceMapPanel.current?.panel.dispose();
    EvidenceMapPanel.current = new EvidenceMapPanel(client, panel, activeKentUri() ?? uri, undefined);
  }

  private static options() {
    // The page's script and stylesheet are inline: it may read no local file at all.
    return { enableScripts: true, enableCommandUris: false, retainContextWhenHidden: true, localResourceRoots: [] };
  }

  private constructor(
    private readonly client: ClientGetter,
    readonly panel: WebviewPanel,
    uri: Uri | undefined,
    column: ViewColumn | undefined,
  ) {
    this.uri = uri;
    this.sourceColumn = column;
    const webview = panel.webview;
    webview.html = webviewPage({ cspSource: webview.cspSource, nonce: randomBytes(18).toString('base64'), title: 'Evidence map' });
    this.setTitle();
    this.disposables.push(
      panel.onDidDispose(() => this.dispose()),
      webview.onDidReceiveMessage((msg: unknown) => this.onMessage(msg)),
      workspace.onDidChangeTextDocument((e) => {
        if (isKent(e.document) && e.contentChanges.length) this.schedule();
      }),
      window.onDidChangeActiveTextEditor((editor) => {
        if (editor && isKent(editor.document) && editor.document.uri.toString() !== this.uri?.toString()) {
          this.sourceColumn = editor.viewColumn ?? this.sourceColumn;
          this.follow(editor.document.uri);
        }
      }),
      // A new parse of another file (a bibliography, a closed document) changes the map's badges.
      workspace.onDidSaveTextDocument(() => this.schedule()),
    );
  }

  /** Show another document's map. */
  follow(uri: Uri): void {
    if (uri.toString() === this.uri?.toString()) return void this.refresh();
    this.uri = uri;
    this.last = undefined;
    this.setTitle();
    void this.refresh();
  }

  private setTitle(): void {
    this.panel.title = this.uri ? `Evidence Map: ${path.posix.basename(this.uri.path)}` : 'Evidence Map';
  }

  private schedule(): void {
    if (this.timer) clearTimeout(this.timer);
    void this.panel.webview.postMessage({ type: 'stale' });
    this.timer = setTimeout(() => void this.refresh(), UPDATE_DELAY_MS);
  }

  private async onMessage(msg: unknown): Promise<void> {
    if (!msg || typeof msg !== 'object') return;
    const m = msg as { type?: string; key?: unknown };
    if (m.type === 'ready') {
      this.ready = true;
      if (this.last) this.post(this.last);
      else await this.refresh();
    } else if (m.type === 'reveal' && typeof m.key === 'string') await this.reveal(m.key);
  }

  async refresh(): Promise<void> {
    if (!this.ready) return;
    const uri = this.uri;
    if (!uri) {
      void this.panel.webview.postMessage({ type: 'message', text: 'Open a .kent document to see its evidence map.' });
      return;
    }
    const client = running(this.client);
    if (!client) {
      void this.panel.webview.postMessage({ type: 'message', text: 'The Kent language server is not running. Try "Kent: Restart Server".' });
      return;
    }
    const seq = ++this.sequence;
    try {
      const previous = this.last?.uri === uri.toString() ? this.last.positions : undefined;
      const reply = await client.sendRequest<MapReply | null>('kent/evidenceMap', { textDocument: { uri: uri.toString() }, previous });
      if (seq !== this.sequence) return;
      if (!reply) {
        void this.panel.webview.postMessage({ type: 'message', text: `${path.posix.basename(uri.path)} is not in a folder Kent checks.` });
        return;
      }
      this.last = reply;
      this.post(reply);
    } catch (error) {
      if (seq !== this.sequence) return;
      void this.panel.webview.postMessage({ type: 'message', text: `Kent could not draw the evidence map: ${error instanceof Error ? error.message : String(error)}` });
    }
  }

  private post(reply: MapReply): void {
    const problems = { errors: reply.unattached.errors, warnings: reply.unattached.warnings };
    for (const n of reply.nodes) {
      problems.errors += n.problems.errors;
      problems.warnings += n.problems.warnings;
    }
    void this.panel.webview.postMessage({ type: 'update', uri: reply.uri, title: reply.title, svg: reply.svg, nodeCount: reply.nodes.length, edgeCount: reply.edges.length, problems });
  }

  /** Open the chosen node's item (or source entry) in the editor and select its ID. */
  private async reveal(key: string): Promise<void> {
    const node = this.last?.nodes.find((n) => n.key === key);
    if (!node?.uri || !node.range) return;
    const target = Uri.parse(node.uri);
    const range = new Range(node.range.start.line, node.range.start.character, node.range.end.line, node.range.end.character);
    const visible = window.visibleTextEditors.find((e) => e.document.uri.toString() === target.toString());
    const column = visible?.viewColumn ?? this.sourceColumn ?? ViewColumn.One;
    try {
      const doc = await workspace.openTextDocument(target);
      const editor = await window.showTextDocument(doc, { viewColumn: column, selection: range, preserveFocus: false });
      editor.revealRange(range, TextEditorRevealType.InCenterIfOutsideViewport);
    } catch (error) {
      void window.showErrorMessage(`Kent: cannot open ${target.fsPath}: ${error instanceof Error ? error.message : String(error)}`);
    }
  }

  private dispose(): void {
    if (EvidenceMapPanel.current === this) EvidenceMapPanel.current = undefined;
    if (this.timer) clearTimeout(this.timer);
    this.sequence++;
    for (const d of this.disposables.splice(0)) d.dispose();
  }
}

/** Ask the server for the HTML report of a document and save it where the user picks. */
export async function exportReport(client: ClientGetter, given?: Uri): Promise<void> {
  const uri = shownKentUri(given);
  if (!uri) {
    void window.showInformationMessage('Kent: open a .kent document to export its report.');
    return;
  }
  const c = running(client);
  if (!c) {
    void window.showWarningMessage('The Kent language server is not running. Try "Kent: Restart Server".');
    return;
  }
  let reply: { content: string; name: string } | null;
  try {
    reply = await c.sendRequest<{ content: string; name: string } | null>('kent/export', { textDocument: { uri: uri.toString() }, format: 'html' });
  } catch (error) {
    void window.showErrorMessage(`Kent: the report could not be made: ${error instanceof Error ? error.message : String(error)}`);
    return;
  }
  if (!reply) {
    void window.showWarningMessage(`Kent: ${path.posix.basename(uri.path)} is not in a folder Kent checks.`);
    return;
  }
  const target = await window.showSaveDialog({
    title: 'Export Kent Report',
    saveLabel: 'Export',
    defaultUri: Uri.joinPath(uri, '..', reply.name),
    filters: { 'HTML report': ['html', 'htm'] },
  });
  if (!target) return; // cancelled: nothing is written
  try {
    await workspace.fs.writeFile(target, new TextEncoder().encode(reply.content));
  } catch (error) {
    void window.showErrorMessage(`Kent: cannot write ${target.fsPath}: ${error instanceof Error ? error.message : String(error)}`);
    return;
  }
  void window.showInformationMessage(`Kent: report saved to ${target.fsPath}.`);
}
