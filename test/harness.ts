// A data-driven fixture harness in the style of rust-analyzer's: one string holds a whole
// workspace, each file introduced by a `//- /path` line:
//
//     //- /a.kent
//     assessment a: A
//     ...
//     //- /sources/x.txt
//     text...
//     //- /kent.json
//     { "rules": { ... } }
//
// `.kent` files become documents of a core `Workspace`; every other file is served through an
// in-memory `WorkspaceHost` that records each read, so a test can assert which files were
// opened. A fixture without any `//-` line is a single document `/a.kent`. The common
// indentation of the fixture is removed first, so fixtures may be indented template literals.
// A `$0` marks a cursor (for editor tests): it is removed and its offset returned.
//
// A file header may carry flags after the path:
//   `//- /sources/link.txt (outside)` the host answers `outside` (a link leaving the workspace)
//   `//- /sources/locked.txt (unreadable)` the host answers `unreadable`
//   `//- /a.kent (crlf)` the file's lines end in CRLF; `(bom)` it starts with a BOM (flags combine: `(crlf, bom)`)
import { checkWorkspace } from '../server/src/core/analyze';
import type { KentDiagnostic, RelatedInfo } from '../server/src/core/types';
import { LineIndex } from '../server/src/core/text';
import { Workspace, type FileRead, type FolderEntry, type FolderListing, type WorkspaceHost } from '../server/src/core/workspace';

export const CURSOR = '$0';

export interface FixtureFile {
  /** Workspace-relative POSIX path, without the leading `/`. */
  path: string;
  text: string;
  flags: Set<string>;
}

export interface ParsedFixture {
  files: FixtureFile[];
  /** Where `$0` was (it is removed from the text), if the fixture had one. */
  cursor?: { path: string; offset: number };
}

const HEADER = /^\/\/-[ \t]+(\S+)(?:[ \t]+\(([^)]*)\))?[ \t]*$/;

/** Remove the indentation common to every non-blank line, and a leading/trailing blank line. */
export function dedent(text: string): string {
  const lines = text.replace(/\r\n/g, '\n').split('\n');
  while (lines.length && lines[0].trim() === '') lines.shift();
  while (lines.length && lines[lines.length - 1].trim() === '') lines.pop();
  let indent = Infinity;
  for (const l of lines) {
    if (l.trim() === '') continue;
    indent = Math.min(indent, /^[ \t]*/.exec(l)![0].length);
  }
  if (!Number.isFinite(indent)) indent = 0;
  return lines.map((l) => l.slice(Math.min(indent, /^[ \t]*/.exec(l)![0].length))).join('\n');
}

/**
 * A template tag for fixtures: a multi-line value placed alone on its line (after only
 * indentation) is dedented and re-indented to that line's indentation, so shared snippets can
 * be interpolated into fixtures of any indentation.
 */
export function kent(strings: TemplateStringsArray, ...values: unknown[]): string {
  let out = strings[0];
  values.forEach((v, i) => {
    let s = String(v);
    const indent = /(?:^|\n)([ \t]*)$/.exec(out);
    if (indent && s.includes('\n')) s = dedent(s).split('\n').join('\n' + indent[1]);
    out += s + strings[i + 1];
  });
  return out;
}

/** Split a fixture into its files; strips `$0` and records where it was. */
export function parseFixture(fixture: string): ParsedFixture {
  const lines = dedent(fixture).split('\n');
  const files: FixtureFile[] = [];
  let current: { path: string; flags: Set<string>; lines: string[] } | undefined;
  const flush = () => {
    if (!current) return;
    const body = current.lines;
    while (body.length && body[body.length - 1].trim() === '') body.pop();
    let text = body.length ? body.join('\n') + '\n' : '';
    if (current.flags.has('crlf')) text = text.replace(/\n/g, '\r\n');
    if (current.flags.has('bom')) text = '\uFEFF' + text;
    files.push({ path: current.path, text, flags: current.flags });
  };
  for (const line of lines) {
    const m = HEADER.exec(line);
    if (m) {
      flush();
      const flags = new Set((m[2] ?? '').split(/[\s,]+/).filter(Boolean));
      current = { path: m[1].replace(/^\/+/, ''), flags, lines: [] };
      continue;
    }
    if (!current) {
      if (line.trim() === '') continue;
      current = { path: 'a.kent', flags: new Set(), lines: [] };
    }
    current.lines.push(line);
  }
  flush();
  const seen = new Set<string>();
  for (const f of files) {
    if (seen.has(f.path)) throw new Error(`fixture: file ${f.path} given twice`);
    seen.add(f.path);
  }
  let cursor: ParsedFixture['cursor'];
  for (const f of files) {
    const at = f.text.indexOf(CURSOR);
    if (at === -1) continue;
    if (cursor) throw new Error('fixture: more than one $0 cursor');
    f.text = f.text.slice(0, at) + f.text.slice(at + CURSOR.length);
    if (f.text.includes(CURSOR)) throw new Error('fixture: more than one $0 cursor');
    cursor = { path: f.path, offset: at };
  }
  return cursor ? { files, cursor } : { files };
}

/** An in-memory host: answers from a map of files and logs every path asked for. */
export class MemoryHost implements WorkspaceHost {
  /** Every path the core asked for, in order (repeats included). */
  readonly reads: string[] = [];
  /** Every folder the core asked to list, in order (repeats included). */
  readonly listings: string[] = [];
  readonly files = new Map<string, string>();
  private readonly special = new Map<string, 'outside' | 'unreadable'>();

  constructor(files: Iterable<FixtureFile> = []) {
    for (const f of files) this.add(f);
  }

  add(f: FixtureFile): void {
    if (f.flags.has('outside')) this.special.set(f.path, 'outside');
    else if (f.flags.has('unreadable')) this.special.set(f.path, 'unreadable');
    this.files.set(f.path, f.text);
  }

  readFile(path: string): FileRead {
    this.reads.push(path);
    const special = this.special.get(path);
    if (special === 'outside') return { ok: false, reason: 'outside' };
    if (special === 'unreadable') return { ok: false, reason: 'unreadable', message: 'EACCES' };
    const text = this.files.get(path);
    return text === undefined ? { ok: false, reason: 'missing' } : { ok: true, text };
  }

  /** The files and folders under `path` (`.`: the root), from the files' paths; a folder flagged `outside` is not listed. */
  listFolder(path: string): FolderListing {
    this.listings.push(path);
    const prefix = path === '.' ? '' : `${path}/`;
    if (this.special.get(path) === 'outside') return { ok: false, reason: 'outside' };
    const entries = new Map<string, FolderEntry>();
    for (const file of this.files.keys()) {
      if (!file.startsWith(prefix)) continue;
      const [name, ...rest] = file.slice(prefix.length).split('/');
      if (this.special.get(prefix + name) !== 'outside') entries.set(name, { name, folder: rest.length > 0 });
    }
    return entries.size ? { ok: true, entries: [...entries.values()] } : { ok: false, reason: 'missing' };
  }
}

export interface FixtureWorkspace {
  ws: Workspace;
  host: MemoryHost;
  fixture: ParsedFixture;
  /** The current text of a document or host file by path (for positions). */
  textOf(path: string): string;
  /** Every diagnostic of the workspace, in fixture file order, then by offset. */
  diagnostics(): KentDiagnostic[];
  /** 1-based `path:line:col` of an offset. */
  at(path: string, offset: number): string;
}

/** Build a workspace from a fixture: `.kent` files are documents, the rest go through the host. */
export function loadFixture(fixture: string): FixtureWorkspace {
  const parsed = parseFixture(fixture);
  const host = new MemoryHost(parsed.files.filter((f) => !f.path.endsWith('.kent')));
  const ws = new Workspace(host);
  ws.loadConfig();
  for (const f of parsed.files) if (f.path.endsWith('.kent')) ws.setDocument(f.path, f.text);
  const order = new Map(parsed.files.map((f, i) => [f.path, i]));
  const indexes = new Map<string, { text: string; index: LineIndex }>();
  // The live text: a document edited since (ws.setDocument) or a file changed in the host.
  const textOf = (path: string) => ws.getDocument(path)?.text ?? host.files.get(path) ?? parsed.files.find((f) => f.path === path)?.text ?? '';
  const at = (path: string, offset: number) => {
    const text = textOf(path);
    let cached = indexes.get(path);
    if (!cached || cached.text !== text) indexes.set(path, (cached = { text, index: new LineIndex(text) }));
    const index = cached.index;
    const p = index.position(offset);
    return `${path}:${p.line + 1}:${p.character + 1}`;
  };
  const diagnostics = () => {
    const all = [...checkWorkspace(ws).values()].flat();
    const rank = (p: string) => order.get(p) ?? Number.MAX_SAFE_INTEGER;
    return all.sort((a, b) => rank(a.path) - rank(b.path) || a.span.start - b.span.start || a.span.end - b.span.end);
  };
  return { ws, host, fixture: parsed, textOf, diagnostics, at };
}

/** `a.kent:3:5 warning overconfident: <message>`, 1-based. */
export function formatDiagnostic(fw: FixtureWorkspace, d: KentDiagnostic): string {
  return `${fw.at(d.path, d.span.start)} ${d.severity} ${d.code}: ${d.message}`;
}

/** `b.kent:2:7 <message>` for a related location. */
export function formatRelated(fw: FixtureWorkspace, r: RelatedInfo): string {
  return `${fw.at(r.path, r.span.start)} ${r.message}`;
}

/** Every diagnostic of the fixture's workspace as `file:line:col severity code: message`. */
export function checkFixture(fixture: string): string[] {
  const fw = loadFixture(fixture);
  return fw.diagnostics().map((d) => formatDiagnostic(fw, d));
}

/** Every diagnostic as `file:line code`, for tests that do not assert wording. */
export function codes(fixture: string): string[] {
  const fw = loadFixture(fixture);
  return fw.diagnostics().map((d) => `${fw.at(d.path, d.span.start).replace(/:\d+$/, '')} ${d.code}`);
}

/** The text a diagnostic's span covers. */
export function spanText(fw: FixtureWorkspace, d: { path: string; span: { start: number; end: number } }): string {
  return fw.textOf(d.path).slice(d.span.start, d.span.end);
}
