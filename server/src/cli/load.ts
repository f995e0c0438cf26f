// Loading a workspace from disk for the commands: the root, the `.kent` files named (folders
// recursively), kent.json. Shared by `check`, `export` and `calibration`.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { CONFIG_FILE } from '../core/config';
import { localFiles } from '../core/localFiles';
import type { KentDocument } from '../core/model';
import { decodeUtf8 } from '../core/text';
import { Workspace } from '../core/workspace';
import { FsHost, documentPaths, errorCode, findKentFiles } from '../node/fsHost';

/** Bad arguments: exit status 2 with the usage. */
export class CliUsageError extends Error {}

export interface LoadedWorkspace {
  ws: Workspace;
  host: FsHost;
  root: string;
  /** The documents of the targets: what the command reports on. */
  documents: KentDocument[];
  /** Files and folders met that could not be read, each `cannot read PATH: reason` (once, though met twice). */
  unreadable: Set<string>;
}

/**
 * A workspace rooted at `root` with the `.kent` files of the targets and of the folders `around`
 * (recursively), which are read only so that names resolve in the targets. What cannot be read is
 * skipped and listed in `unreadable`, so that the rest is still checked.
 */
export function loadWorkspace(cwd: string, rootArg: string | undefined, targets: string[], around: string[] = []): LoadedWorkspace {
  const root = path.resolve(cwd, rootArg ?? '.');
  if (!isDirectory(root)) throw new CliUsageError(`the workspace root ${root} is not a readable folder`);
  const host = new FsHost(root, { onePass: true });
  const unreadable = new Set<string>();
  const cannotRead = (abs: string, reason: string) => unreadable.add(`cannot read ${path.relative(cwd, abs) || abs}: ${reason}`);
  const targetFiles = kentFiles(cwd, host, targets, cannotRead);
  const aroundFiles = kentFiles(cwd, host, around, cannotRead);
  const ws = new Workspace(host);
  ws.loadConfig();
  // In the order a walk of `around` meets them, as the editor does, for the same results.
  const named = documentPaths([...new Set([...aroundFiles, ...targetFiles])]);
  for (const abs of new Set(named.values())) {
    let bytes: Buffer;
    try {
      bytes = fs.readFileSync(abs);
    } catch (e) {
      cannotRead(abs, errorCode(e));
      continue;
    }
    const { text, invalidAt } = decodeUtf8(bytes);
    ws.setDocument(host.relative(abs), text, invalidAt);
  }
  const documents = [...new Set(targetFiles.map((abs) => ws.getDocument(host.relative(named.get(abs)!))))].filter((doc) => doc !== undefined);
  return { ws, host, root, documents, unreadable };
}

/** The `.kent` files of files and folders named on the command line, each inside the root. */
function kentFiles(cwd: string, host: FsHost, paths: string[], cannotRead: (abs: string, reason: string) => void): string[] {
  const files: string[] = [];
  for (const p of paths) {
    const abs = path.resolve(cwd, p);
    if (!fs.existsSync(abs)) throw new Error(`cannot read ${p}: no such file or folder`);
    if (!host.isInside(abs)) throw new Error(`${p} is outside the workspace ${host.root}; pass --root to check it`);
    if (isDirectory(abs)) findKentFiles(abs, host, files, cannotRead);
    else files.push(abs);
  }
  return files;
}

/** Name on stderr each file or folder that could not be read: the exit status is then 2. */
export function reportUnreadable(loaded: LoadedWorkspace, io: { stderr(s: string): void }, status: number): number {
  for (const message of loaded.unreadable) io.stderr(`kent: ${message}\n`);
  return loaded.unreadable.size ? 2 : status;
}

export function isDirectory(p: string): boolean {
  try {
    return fs.statSync(p).isDirectory();
  } catch {
    return false;
  }
}

/**
 * Run a subcommand: parse its arguments (bad usage: its usage on stderr, exit 2; `--help`: the
 * usage on stdout), then its body (an unreadable path or an unwritable output: exit 2).
 */
export function runSubcommand<T>(args: string[], io: { stdout(s: string): void; stderr(s: string): void }, usage: string, parse: (args: string[]) => T, body: (opts: T) => number): number {
  let opts: T;
  try {
    opts = parse(args);
  } catch (e) {
    if (e instanceof CliUsageError && e.message === 'help') {
      io.stdout(usage + '\n');
      return 0;
    }
    io.stderr(`kent: ${(e as Error).message}\n\n${usage}\n`);
    return 2;
  }
  try {
    return body(opts);
  } catch (e) {
    io.stderr(`kent: ${(e as Error).message}\n`);
    return 2;
  }
}

/**
 * Write the file the user named with --output/--svg, saying clearly when it cannot be written,
 * unless it is one the output is made from: a `.kent` document, a source, a bibliography.
 */
export function writeOutput(cwd: string, name: string, text: string, from: LoadedWorkspace): void {
  const target = path.resolve(cwd, name);
  if (isInput(target, from)) throw new Error(`will not write ${name}: it is one of the files Kent reads (a .kent document, a source, a bibliography or kent.json); name another file`);
  try {
    fs.writeFileSync(target, text);
  } catch (e) {
    throw new Error(`cannot write ${name}: ${writeFailure(errorCode(e), name)}`);
  }
}

/** Why a file could not be written, in words, with the system's code for a search. */
function writeFailure(code: string, name: string): string {
  const why: Record<string, string> = {
    ENOENT: `the folder ${path.dirname(name)} does not exist`,
    ENOTDIR: 'a part of its path is a file, not a folder',
    EISDIR: 'it is a folder',
    EACCES: 'permission denied',
    EPERM: 'permission denied',
    EROFS: 'the file system is read-only',
    ENOSPC: 'the disk is full',
  };
  return why[code] ? `${why[code]} (${code})` : code;
}

/** Whether a path is (by its real location) a file Kent reads: any `.kent` file, kent.json, or a file a document names. */
function isInput(target: string, from: LoadedWorkspace): boolean {
  const real = (p: string) => {
    try {
      return fs.realpathSync.native(p);
    } catch {
      return path.resolve(p);
    }
  };
  const out = real(target);
  if (out.toLowerCase().endsWith('.kent') || target.toLowerCase().endsWith('.kent')) return true;
  const { ws, host } = from;
  // Named, not only read: a command need not have read a source to use it (calibration reads none).
  const named = ws.documents().flatMap((doc) => doc.items.flatMap((item) => localFiles(ws, doc, item).flatMap((f) => (f.resolved.ok ? [f.resolved.path] : []))));
  return [CONFIG_FILE, ...named].some((rel) => real(host.absolute(rel)) === out);
}

/**
 * Visit each option with `option(...names)`: the value of `--name V` or `--name=V` when the
 * argument is that option (taking V from the next argument), undefined when it is not — so
 * asking for several options in turn consumes at most the one the argument is. Every other
 * argument, and every one after `--` (the end of options), goes to `operand`.
 */
export function eachArg(args: string[], visit: (arg: string, option: (...names: string[]) => string | undefined) => void, operand: (arg: string) => void): void {
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    if (arg === '--') {
      args.slice(i + 1).forEach(operand);
      return;
    }
    if (!arg.startsWith('-') || arg === '-') {
      operand(arg);
      continue;
    }
    visit(arg, (...names) => {
      for (const name of names) {
        if (arg.startsWith(name + '=')) return arg.slice(name.length + 1);
        if (arg !== name) continue;
        const value = args[++i];
        if (value === undefined) throw new CliUsageError(`${arg} needs a value`);
        return value;
      }
      return undefined;
    });
  }
}
