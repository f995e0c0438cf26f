// The VS Code extension: starts the Kent language server and adds its commands and a
// status-bar count. Every check lives in the server; nothing here knows the language.
import * as path from 'node:path';
import {
  commands,
  DiagnosticSeverity,
  Disposable,
  ExtensionContext,
  languages,
  ProgressLocation,
  StatusBarAlignment,
  window,
  workspace,
} from 'vscode';
import {
  ExecuteCommandRequest,
  LanguageClient,
  LanguageClientOptions,
  ServerOptions,
  TransportKind,
} from 'vscode-languageclient/node';
import { registerReportCommands } from './map/panel';
import { NEW_ASSESSMENT, newAssessment } from './newAssessment';

const CHECK_WORKSPACE = 'kent.checkWorkspace';
const RESTART_SERVER = 'kent.restartServer';
const SHOW_SUPPORT_CHAIN = 'kent.showSupportChain';
const SHOW_PROBLEMS = 'workbench.actions.view.problems';
/** Set once the extension runs: the palette offers the server's commands from then on (package.json `menus`). */
const ACTIVE = 'kent.active';
/** `Diagnostic.source` of everything the server reports. */
const DIAGNOSTIC_SOURCE = 'kent';

let client: LanguageClient | undefined;
/** Our own `kent.checkWorkspace`, registered only when the server does not advertise it. */
let checkCommand: Disposable | undefined;

export async function activate(context: ExtensionContext): Promise<void> {
  const module = context.asAbsolutePath(path.join('dist', 'server.js'));
  const serverOptions: ServerOptions = {
    run: { module, transport: TransportKind.ipc },
    debug: { module, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6009'] } },
  };

  // Every file: other .kent files, bibliographies, kent.json and the local source files named by
  // `file:` (of any kind: .pdf, .html) change diagnostics, and any file coming or going in a folder
  // changes the paths offered. The server drops at once what it never read nor listed (.git,
  // node_modules, a build's output); VS Code's `files.watcherExclude` spares it most of those.
  const watcher = workspace.createFileSystemWatcher('**/*');
  const clientOptions: LanguageClientOptions = {
    documentSelector: [
      { scheme: 'file', language: 'kent' },
      { scheme: 'untitled', language: 'kent' },
      // Bibliographies: hover, references and rename on an entry's key (the server reads no other file this way).
      { scheme: 'file', pattern: '**/*.{bib,bibtex}' },
      // CSL-JSON bibliographies. Every JSON file opened is sent (package.json, kent.json too): the
      // server answers only in one an assessment names in `bibliography:`, and never in kent.json.
      // JSON with comments (tsconfig.json, VS Code's settings) is `jsonc`, never a CSL export: not sent.
      { scheme: 'file', language: 'json', pattern: '**/*.json' },
    ],
    synchronize: { configurationSection: 'kent', fileEvents: watcher },
    // A function, so that a restart after trust is granted sends the new state.
    initializationOptions: () => ({ ...settings(), trusted: workspace.isTrusted }),
    middleware: {
      // When the server advertises kent.checkWorkspace, the client registers the command
      // itself and it runs through here.
      executeCommand: async (command, args, next) => {
        const result = await next(command, args);
        if (command === CHECK_WORKSPACE) await commands.executeCommand(SHOW_PROBLEMS);
        return result;
      },
    },
  };

  client = new LanguageClient('kent', 'Kent', serverOptions, clientOptions);

  context.subscriptions.push(
    watcher,
    commands.registerCommand(RESTART_SERVER, restartServer),
    commands.registerCommand(NEW_ASSESSMENT, newAssessment),
    // The server answers the call hierarchy with the chain of support; VS Code's own view shows it.
    commands.registerCommand(SHOW_SUPPORT_CHAIN, () => commands.executeCommand('references-view.showCallHierarchy')),
    workspace.onDidGrantWorkspaceTrust(restartServer),
    problemCount(),
    registerReportCommands(context, () => client),
    { dispose: () => checkCommand?.dispose() },
  );

  void commands.executeCommand('setContext', ACTIVE, true);
  try {
    await client.start();
  } finally {
    registerCheckCommand();
  }
}

export async function deactivate(): Promise<void> {
  await client?.stop();
}

function settings(): Record<string, unknown> {
  const config = workspace.getConfiguration('kent');
  return {
    scale: config.get('scale'),
    rules: config.get('rules'),
    confidence: config.get('confidence'),
  };
}

/**
 * vscode-languageclient registers a VS Code command for every command the server lists in
 * `executeCommandProvider`, and registering one id twice throws; so ours exists only when
 * the server does not list kent.checkWorkspace.
 */
function registerCheckCommand(): void {
  const advertised = client?.initializeResult?.capabilities.executeCommandProvider?.commands ?? [];
  if (advertised.includes(CHECK_WORKSPACE)) return;
  checkCommand ??= commands.registerCommand(CHECK_WORKSPACE, checkWorkspace);
}

async function checkWorkspace(): Promise<void> {
  if (!client?.isRunning()) {
    void window.showWarningMessage('The Kent language server is not running. Try "Kent: Restart Server".');
    return;
  }
  const running = client;
  try {
    await window.withProgress({ location: ProgressLocation.Window, title: 'Kent: checking workspace' }, () =>
      running.sendRequest(ExecuteCommandRequest.type, { command: CHECK_WORKSPACE, arguments: [] }),
    );
  } catch (error) {
    void window.showErrorMessage(`Kent: workspace check failed: ${error instanceof Error ? error.message : String(error)}`);
    return;
  }
  await commands.executeCommand(SHOW_PROBLEMS);
}

async function restartServer(): Promise<void> {
  if (!client) return;
  checkCommand?.dispose();
  checkCommand = undefined;
  try {
    await client.restart();
  } finally {
    registerCheckCommand();
  }
}

/** A status-bar item with the workspace's Kent error and warning counts. */
function problemCount(): Disposable {
  const item = window.createStatusBarItem('kent.problems', StatusBarAlignment.Left, 0);
  item.name = 'Kent Problems';
  item.command = SHOW_PROBLEMS;
  let pending: NodeJS.Timeout | undefined;

  const update = (): void => {
    pending = undefined;
    let errors = 0;
    let warnings = 0;
    for (const [, diagnostics] of languages.getDiagnostics()) {
      for (const diagnostic of diagnostics) {
        if (diagnostic.source !== DIAGNOSTIC_SOURCE) continue;
        if (diagnostic.severity === DiagnosticSeverity.Error) errors++;
        else if (diagnostic.severity === DiagnosticSeverity.Warning) warnings++;
      }
    }
    item.text = `Kent $(error) ${errors} $(warning) ${warnings}`;
    item.tooltip = `Kent: ${plural(errors, 'error')} and ${plural(warnings, 'warning')} in the workspace. Click to open Problems.`;
    item.show();
  };

  // Diagnostics arrive file by file; count once per burst.
  const listener = languages.onDidChangeDiagnostics(() => {
    pending ??= setTimeout(update, 100);
  });
  update();
  return Disposable.from(item, listener, { dispose: () => pending && clearTimeout(pending) });
}

function plural(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}`;
}
