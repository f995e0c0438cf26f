// `kent export DOC --format html|md [--output FILE] [--root DIR]`: a report of one document, for
// readers. The other `.kent` files in DOC's folder, or under --root, are read with it, so that its
// cross-document relations resolve. Without --output the report goes to stdout; with it, Kent
// writes that one file and nothing else.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { checkDocument } from '../core/analyze';
import { exportHtml } from '../core/report/html';
import { exportMarkdown } from '../core/report/markdown';
import { VERSION } from './format';
import { CliUsageError, eachArg, isDirectory, loadWorkspace, reportUnreadable, runSubcommand, writeOutput } from './load';
import type { CliIo } from './main';

export const EXPORT_USAGE = `Usage: kent export DOC [--format html|md] [--output FILE] [--root DIR]

Writes a report of one assessment for readers: key judgments, the text with numbered
citations, claims and their support, the sources and their ratings, the evidence map, and the
open diagnostics. The other .kent files in DOC's folder (with --root, under the root) are read
with it, so that its references to them resolve.
  --format F      html (default: one self-contained page, no script, no network) or md
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
    if (!fs.existsSync(docAbs)) throw new Error(`cannot read ${opts.doc}: no such file`);
    if (isDirectory(docAbs)) throw new Error(`${opts.doc} is a folder: export takes one .kent document`);
    // Names resolve as kent check resolves them: against the whole root when one is given.
    const loaded = loadWorkspace(io.cwd, opts.root, [docAbs], [opts.root === undefined ? path.dirname(docAbs) : path.resolve(io.cwd, opts.root)]);
    const { ws } = loaded;
    const [doc] = loaded.documents;
    // A document that could not be read is among the unreadable, which say why.
    if (!doc) return reportUnreadable(loaded, io, 2);
    const options = { diagnostics: checkDocument(ws, doc), generator: `Kent ${VERSION}` };
    const report = opts.format === 'html' ? exportHtml(ws, doc, options) : exportMarkdown(ws, doc, options);
    if (opts.output) writeOutput(io.cwd, opts.output, report, loaded);
    else io.stdout(report);
    return reportUnreadable(loaded, io, 0);
  });
}
