// Loading a workspace from disk for the commands: the root, the `.kent` files named (folders
// recursively), kent.json. Shared by `check`, `export` and `calibration`.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { decodeUtf8 } from '../core/text';
import { Workspace } from '../core/workspace';
import { FsHost, findKentFiles } from '../node/fsHost';

/** Bad arguments: exit status 2 with the usage. */
export class CliUsageError extends Error {}

export interface LoadedWorkspace {
  ws: Workspace;
  host: FsHost;
  root: string;
}

/** A workspace rooted at `root` with the given `.kent` files and folders (recursively). */
export function loadWorkspace(cwd: string, rootArg: string | undefined, targets: string[]): LoadedWorkspace {
  const root = path.resolve(cwd, rootArg ?? '.');
  if (!isDirectory(root)) throw new CliUsageError(`the workspace root ${root} is not a readable folder`);
  const host = new FsHost(root);
  const files: string[] = [];
  for (const t of targets) {
    const abs = path.resolve(cwd, t);
    if (!fs.existsSync(abs)) throw new Error(`cannot read ${t}: no such file or folder`);
    if (!host.isInside(abs)) throw new Error(`${t} is outside the workspace ${root}; pass --root to check it`);
    if (isDirectory(abs)) findKentFiles(abs, host, files);
    else files.push(abs);
  }
  const ws = new Workspace(host);
  ws.loadConfig();
  for (const abs of [...new Set(files)]) {
    let bytes: Buffer;
    try {
      bytes = fs.readFileSync(abs);
    } catch (e) {
      throw new Error(`cannot read ${path.relative(cwd, abs) || abs}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
    }
    const { text, invalidAt } = decodeUtf8(bytes);
    ws.setDocument(host.relative(abs), text, invalidAt);
  }
  return { ws, host, root };
}

export function isDirectory(p: string): boolean {
  try {
    return fs.statSync(p).isDirectory();
  } catch {
    return false;
  }
}
