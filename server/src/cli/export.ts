// `kent export DOC --format html|md [--output FILE] [--root DIR]`: a report of one document, for
// readers. DOC is a path, or the assessment ID of a document under the workspace root. The other
// `.kent` files under the root (the current folder, or --root) are read with it, as `kent check`
// reads them, so that its cross-document relations resolve. Without --output the report goes to stdout; with it, Kent writes that one
// file and nothing else.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { checkDocument } from '../core/analyze';
import { exportHtml } from '../core/report/html';
import { exportMarkdown } from '../core/report/markdown';
import { VERSION } from './format';
import { CliUsageError, eachArg, isDirectory, loadWorkspace, reportUnreadable, runSubcommand, writeOutput, type LoadedWorkspace } from './load';
import type { KentDocument } from '../core/model';
import type { CliIo } from './main';

export const EXPORT_USAGE = `Usage: kent export DOC [--format html|md] [--output FILE] [--root DIR]

Writes a report of one assessment for readers: key judgments, the text with numbered
citations, claims and their support, the sources and their ratings, the evidence map, and the
open diagnostics. DOC is a .kent file, or the assessment ID of a document under the workspace
root when no file has that name. The other .kent files under the workspace root are read with
it, as kent check reads them, so that its references to them resolve.
  --format F      html (default: one self-contained page, no script, no network) or md
                 (Markdown; its evidence map a Mermaid flowchart, which GitHub and GitLab draw)
  --output FILE   write the report to FILE (default: standard output)
  --root DIR      the workspace root (default: the current folder); files outside it are never read`;

interface ExportArgs {
  doc?: string;
  format: 'html' | 'md';
  output?: string;
  root?: string;
}

function parseExportArgs(args: string[]): ExportArgs {
  const opts: ExportArgs = { format: 'html' };
  eachArg(args, (a, option) => {
    const format = option('--format');
    const output = option('--output', '-o');
    const root = option('--root');
    if (format !== undefined) {
      if (format !== 'html' && format !== 'md' && format !== 'markdown') throw new CliUsageError(`unknown format "${format}": expected html or md`);
      opts.format = format === 'html' ? 'html' : 'md';
    } else if (output !== undefined) opts.output = output;
    else if (root !== undefined) opts.root = root;
    else if (a === '--help' || a === '-h') throw new CliUsageError('help');
    else throw new CliUsageError(`unknown option ${a}`);
  }, (a) => {
    if (opts.doc !== undefined) throw new CliUsageError(`export takes one document; also got ${a}`);
    opts.doc = a;
  });
  return opts;
}

/** `kent export …`: 0 when the report was written, 2 on bad usage or an unreadable path. */
export function runExport(args: string[], io: CliIo): number {
  const parse = (a: string[]) => {
    const opts = parseExportArgs(a);
    if (!opts.doc) throw new CliUsageError('export needs a document: kent export DOC');
    return opts as ExportArgs & { doc: string };
  };
  return runSubcommand(args, io, EXPORT_USAGE, parse, (opts) => {
    const docAbs = path.resolve(io.cwd, opts.doc);
    const { loaded, doc } = fs.existsSync(docAbs) || !ASSESSMENT_ID.test(opts.doc) ? byPath(opts, docAbs, io) : byAssessmentId(opts, io);
    const { ws } = loaded;
    // A document that could not be read is among the unreadable, which say why.
    if (!doc) return reportUnreadable(loaded, io, 2);
    const options = { diagnostics: checkDocument(ws, doc), generator: `Kent ${VERSION}` };
    const report = opts.format === 'html' ? exportHtml(ws, doc, options) : exportMarkdown(ws, doc, options);
    if (opts.output) writeOutput(io.cwd, opts.output, report, loaded);
    else io.stdout(report);
    return reportUnreadable(loaded, io, 0);
  });
}

/** What an assessment ID may be (docs/language.md, IDs): a word that is no path (`outbreak-2025`, not `a.kent`). */
const ASSESSMENT_ID = /^[A-Za-z][A-Za-z0-9_-]*$/;

type Found = { loaded: LoadedWorkspace; doc: KentDocument | undefined };

/** DOC as a file, read with the others of its folder (or of the root given). */
function byPath(opts: ExportArgs & { doc: string }, docAbs: string, io: CliIo): Found {
  if (!fs.existsSync(docAbs)) throw new Error(`cannot read ${opts.doc}: no such file`);
  if (isDirectory(docAbs)) throw new Error(`${opts.doc} is a folder: export takes one .kent document`);
  // Names resolve as kent check resolves them: against the whole root (a document in a subfolder
  // names its neighbours up the tree as often as beside it).
  const loaded = loadWorkspace(io.cwd, opts.root, [docAbs], [path.resolve(io.cwd, opts.root ?? '.')]);
  return { loaded, doc: loaded.documents[0] };
}

/** DOC as the assessment ID of one document under the root (the current folder without --root): an analyst names an assessment by it. */
function byAssessmentId(opts: ExportArgs & { doc: string }, io: CliIo): Found {
  const root = path.resolve(io.cwd, opts.root ?? '.');
  const loaded = loadWorkspace(io.cwd, opts.root, [], [root]);
  const named = [...loaded.ws.documentsNamed(opts.doc)].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  const where = path.relative(io.cwd, root) || '.';
  if (named.length === 0) throw new Error(`cannot read ${opts.doc}: no such file, and no document under ${where} has the assessment ID ${opts.doc}`);
  if (named.length > 1) throw new Error(`${opts.doc} is the assessment ID of ${named.length} documents under ${where} (${named.map((d) => d.path).join(', ')}): name the one to export by its path`);
  return { loaded, doc: named[0] };
}
