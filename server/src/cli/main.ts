// `kent check [PATH...] [--root DIR] [--format text|json|sarif|github]`: the command-line front end.
// Exit status: 0 without error diagnostics, 1 with any, 2 on bad usage or an unreadable path.
import { distance } from 'fastest-levenshtein';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { checkDocument, configDiagnostics } from '../core/analyze';
import type { KentDiagnostic } from '../core/types';
import type { CheckedOnly } from '../core/workspace';
import { formatGithub, formatJson, githubNote, formatSarif, formatText, Locator, VERSION, type Report } from './format';
import { runCalibration } from './calibration';
import { runExport } from './export';
import { CliUsageError as UsageError, eachArg, isDirectory, loadWorkspace, reportUnreadable, runSubcommand, type LoadedWorkspace } from './load';

const USAGE = `Usage: kent check [PATH...] [--root DIR] [--format text|json|sarif|github] [--no-color]

Checks .kent files and folders (default: the current folder), recursively, as one workspace.
  --root DIR      the workspace root; files outside it are never read. Names then resolve against
                  every .kent file under it, but only the PATHs are reported. Without it the
                  workspace is the current folder, and names resolve within the PATHs
  --format F      text (default), json, sarif (SARIF 2.1.0), or github (annotations in a
                  GitHub Actions job)
  --no-color      plain text output even on a terminal
  --              the end of options: every argument after it is a PATH
Exit status: 0 no errors, 1 errors found, 2 bad usage or unreadable path.

       kent export DOC [--format html|md] [--output FILE] [--root DIR]
Writes a report of one assessment for readers (self-contained HTML or Markdown). DOC is a .kent
file, or the assessment ID of a document under the workspace root.

       kent calibration [PATH...] [--svg FILE] [--format text|json] [--root DIR]
Brier scores and a calibration table of the resolved judgments; --svg writes the plot.`;

export interface CliIo {
  cwd: string;
  stdout: (s: string) => void;
  stderr: (s: string) => void;
  isTty: boolean;
}

interface Options {
  paths: string[];
  root?: string;
  format: 'text' | 'json' | 'sarif' | 'github';
  color: boolean;
}

function parseArgs(args: string[], isTty: boolean): Options {
  const opts: Options = { paths: [], format: 'text', color: isTty && !process.env.NO_COLOR };
  eachArg(args, (a, option) => {
    const root = option('--root');
    const format = option('--format');
    if (root !== undefined) opts.root = root;
    else if (format !== undefined) {
      if (format !== 'text' && format !== 'json' && format !== 'sarif' && format !== 'github') throw new UsageError(`unknown format "${format}": expected text, json, sarif or github`);
      opts.format = format;
    } else if (a === '--no-color') opts.color = false;
    else if (a === '--help' || a === '-h') throw new UsageError('help');
    else throw new UsageError(`unknown option ${a}`);
  }, (a) => opts.paths.push(a));
  return opts;
}

export function runCli(argv: string[], io: CliIo): number {
  const [command, ...rest] = argv;
  if (command === '--version' || command === '-v') {
    io.stdout(`kent ${VERSION}\n`);
    return 0;
  }
  if (command === '--help' || command === '-h' || command === 'help') {
    io.stdout(USAGE + '\n');
    return 0;
  }
  if (command === undefined) {
    // Bad usage: the message goes to stderr, so that `kent > out.json` shows it and writes nothing.
    io.stderr(`kent: no command given\n\n${USAGE}\n`);
    return 2;
  }
  if (command === 'export') return runExport(rest, io);
  if (command === 'calibration') return runCalibration(rest, io);
  if (command === 'check') return runSubcommand(rest, io, USAGE, (args) => parseArgs(args, io.isTty), (opts) => check(opts, io));
  const meant = nearestCommand(command);
  io.stderr(`kent: unknown command "${command}"${meant ? ` (did you mean \`kent ${meant}\`?)` : ''}\n\n${USAGE}\n`);
  return 2;
}

const COMMANDS = ['check', 'export', 'calibration'];

/** The command a mistyped one is nearest to (`chek`, `exprot`, `calibrate`), if any is near enough. */
function nearestCommand(typed: string): string | undefined {
  const word = typed.toLowerCase();
  const near = Math.max(2, Math.floor(word.length / 3));
  let best: { command: string; d: number } | undefined;
  for (const command of COMMANDS) {
    const d = distance(word, command);
    if (d <= near && (!best || d < best.d)) best = { command, d };
  }
  return best?.command;
}

/**
 * The documents beside the named files that were not read, by assessment ID: only the folders of
 * those files (inside the root), and only when a ref names an assessment the check did not find.
 */
function besideTheFiles(loaded: LoadedWorkspace, named: string[]): CheckedOnly {
  let byId: Map<string, string> | undefined;
  const read = () => {
    const found = new Map<string, string>();
    const folders = new Set(named.filter((abs) => !isDirectory(abs)).map((abs) => path.dirname(abs)));
    for (const folder of folders) {
      for (const name of kentNamesIn(folder)) {
        const abs = path.join(folder, name);
        const rel = loaded.host.relative(abs);
        if (loaded.ws.getDocument(rel) || !loaded.host.isInside(abs)) continue;
        const id = assessmentIdOf(abs);
        if (id !== undefined && !found.has(id)) found.set(id, rel);
      }
    }
    return found;
  };
  return { unread: (id) => (byId ??= read()).get(id) };
}

/** The `.kent` file names in a folder, sorted; none when it cannot be listed (a file in it may still be readable). */
function kentNamesIn(folder: string): string[] {
  try {
    return fs.readdirSync(folder).filter((n) => n.endsWith('.kent')).sort();
  } catch {
    return [];
  }
}

/** The ID of a document's `assessment` block (its first block), from its text (a byte-order mark before it, as Notepad writes); undefined when it cannot be read. */
function assessmentIdOf(abs: string): string | undefined {
  try {
    return /^\uFEFF?assessment[ \t]+([^\s:]+)[ \t]*:/m.exec(fs.readFileSync(abs, 'utf8'))?.[1];
  } catch {
    return undefined;
  }
}

/**
 * A file named that is no .kent document (a .bib, kent.json, a README) is bad usage: read as a
 * document it would pass with no diagnostic, and a CI job that named the wrong file go green.
 */
function refuseOtherFile(cwd: string, p: string): void {
  const abs = path.resolve(cwd, p);
  if (!abs.endsWith('.kent') && fs.existsSync(abs) && !isDirectory(abs)) throw new Error(`${p} is not a Kent document: a document's name ends in .kent`);
}

function check(opts: Options, io: CliIo): number {
  // With --root, every document under the root is read, so that names resolve as in the editor,
  // while only those under the PATHs are reported: a CI job can check just the files it changed.
  for (const p of opts.paths) refuseOtherFile(io.cwd, p);
  const loaded = loadWorkspace(io.cwd, opts.root, opts.paths.length ? opts.paths : ['.'], opts.root === undefined ? [] : [opts.root]);
  const { ws, documents } = loaded;
  if (opts.root === undefined && opts.paths.some((p) => !isDirectory(path.resolve(io.cwd, p)))) ws.checkedOnly = besideTheFiles(loaded, opts.paths.map((p) => path.resolve(io.cwd, p)));
  // Not an error (an empty workspace is clean), but a CI job pointed at the wrong folder should say so.
  // Under --format github the notes are workflow commands too, so that the run's summary shows them.
  const note = (level: 'error' | 'warning') => ({ stderr: (s: string) => io.stderr(opts.format === 'github' ? githubNote(level, s) : s) });
  if (documents.length === 0 && loaded.unreadable.size === 0) note('warning').stderr(`kent: no .kent documents under ${(opts.paths.length ? opts.paths : ['.']).join(', ')}\n`);
  const diagnostics: KentDiagnostic[] = [...documents.flatMap((doc) => checkDocument(ws, doc)), ...configDiagnostics(ws)];
  const report: Report = { files: documents.length, diagnostics };
  const locate = new Locator((p) => ws.textOf(p));
  const fileOf = (p: string) => path.relative(io.cwd, loaded.host.absolute(p)).split(path.sep).join('/');
  const out =
    opts.format === 'json' ? formatJson(report, locate, fileOf)
    : opts.format === 'sarif' ? formatSarif(report, locate, fileOf, pathToFileURL(io.cwd + path.sep).href)
    : opts.format === 'github' ? formatGithub(report, locate, fileOf)
    : formatText(report, locate, fileOf, opts.color);
  io.stdout(out);
  return reportUnreadable(loaded, note('error'), diagnostics.some((d) => d.severity === 'error') ? 1 : 0);
}
