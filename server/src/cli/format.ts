// Output formats of `kent check`: text (colored on a terminal), JSON, SARIF 2.1.0, and GitHub
// Actions' workflow commands (annotations on the pull request, with no setup).
import type * as Sarif from 'node-sarif-builder';
import type { Run as SarifRun } from 'sarif';
import { CODE_SUMMARY, codeDocAnchor } from '../core/codes';
import { LineIndex, type Position } from '../core/text';
import { CODES, type KentDiagnostic, type Severity, type Span } from '../core/types';

export const VERSION = '0.1.0';
const DOCS_BASE = 'https://github.com/kent-analytics/kent/blob/main/';

export interface Range {
  start: Position;
  end: Position;
}

/** Converts spans to positions, one line index per file text. */
export class Locator {
  private readonly indexes = new Map<string, LineIndex>();
  constructor(private readonly textOf: (path: string) => string | undefined) {}

  range(path: string, span: Span): Range {
    let index = this.indexes.get(path);
    if (!index) {
      index = new LineIndex(this.textOf(path) ?? '');
      this.indexes.set(path, index);
    }
    return { start: index.position(span.start), end: index.position(span.end) };
  }
}

export interface Report {
  files: number;
  diagnostics: KentDiagnostic[];
}

/**
 * Names a document as the user sees it: relative to the folder Kent runs in, so that a path in
 * the output opens from there (a terminal's link, a CI annotation) even with `--root` elsewhere.
 */
export type FileOf = (workspacePath: string) => string;

const COLORS: Record<Severity, string> = { error: '\x1b[31m', warning: '\x1b[33m', info: '\x1b[36m', hint: '\x1b[2m' };

export function formatText(report: Report, locate: Locator, fileOf: FileOf, color: boolean): string {
  const paint = (s: string, c: string) => (color ? `${c}${s}\x1b[0m` : s);
  const lines = report.diagnostics.map((d) => {
    const { start } = locate.range(d.path, d.span);
    const where = `${fileOf(d.path)}:${start.line + 1}:${start.character + 1}`;
    return `${paint(where, '\x1b[1m')}: ${paint(d.severity, COLORS[d.severity])} ${d.code}: ${d.message}`;
  });
  lines.push(summary(report));
  return lines.join('\n') + '\n';
}

/**
 * One GitHub Actions workflow command per diagnostic (`::warning file=…,line=…::message`): the
 * job's log turns them into annotations on the lines of the pull request. `info` and `hint` are
 * notices.
 */
export function formatGithub(report: Report, locate: Locator, fileOf: FileOf): string {
  const lines = report.diagnostics.map((d) => {
    const { start, end } = locate.range(d.path, d.span);
    const level = d.severity === 'error' ? 'error' : d.severity === 'warning' ? 'warning' : 'notice';
    const props = [`file=${property(fileOf(d.path))}`, `line=${start.line + 1}`, `col=${start.character + 1}`, `endLine=${end.line + 1}`, `endColumn=${end.character + 1}`, `title=${property(`kent ${d.code}`)}`];
    return `::${level} ${props.join(',')}::${commandData(d.message)}`;
  });
  lines.push(summary(report));
  return lines.join('\n') + '\n';
}

/** A workflow command's message: `%`, CR and LF escaped, or the runner cuts or misreads it. */
function commandData(s: string): string {
  return s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

/** A workflow command's property value: also `:` and `,`, which separate properties. */
function property(s: string): string {
  return commandData(s).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

export function summary(report: Report): string {
  const count = (s: Severity) => report.diagnostics.filter((d) => d.severity === s).length;
  const plural = (n: number, w: string) => `${n} ${w}${n === 1 ? '' : 's'}`;
  return `${plural(count('error'), 'error')}, ${plural(count('warning'), 'warning')}, ${plural(count('info'), 'info')}, ${plural(count('hint'), 'hint')} in ${plural(report.files, 'file')}`;
}

export function formatJson(report: Report, locate: Locator, fileOf: FileOf): string {
  return (
    JSON.stringify(
      {
        version: 1,
        files: report.files,
        diagnostics: report.diagnostics.map((d) => ({
          file: fileOf(d.path),
          range: locate.range(d.path, d.span),
          severity: d.severity,
          code: d.code,
          message: d.message,
          related: (d.related ?? []).map((r) => ({ file: fileOf(r.path), range: locate.range(r.path, r.span), message: r.message })),
        })),
      },
      null,
      2,
    ) + '\n'
  );
}

const SARIF_LEVEL: Record<Severity, 'error' | 'warning' | 'note'> = { error: 'error', warning: 'warning', info: 'note', hint: 'note' };

/** A relative path as SARIF wants it, a URI reference: `my docs/#1.kent` → `my%20docs/%231.kent`. */
function uriReference(relativePath: string): string {
  return relativePath.split('/').map(encodeURIComponent).join('/');
}

/** SARIF's conventional name for the folder the relative URIs are resolved against. */
const SRCROOT = '%SRCROOT%';

/**
 * The SARIF builder, loaded only when SARIF is asked for: it brings fs-extra, whose graceful-fs
 * wraps the process's own `fs.close` (every file a check reads would go through it) and adds
 * ~20 ms to every start.
 */
function sarifBuilder(): typeof Sarif {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return require('node-sarif-builder') as typeof Sarif;
}

/** `srcRoot` is the folder Kent runs in, as a `file:` URI ending in `/`: what `fileOf`'s paths are relative to. */
export function formatSarif(report: Report, locate: Locator, fileOf: FileOf, srcRoot: string): string {
  const { SarifBuilder, SarifResultBuilder, SarifRuleBuilder, SarifRunBuilder } = sarifBuilder();
  const run = new SarifRunBuilder().initSimple({ toolDriverName: 'kent', toolDriverVersion: VERSION, url: DOCS_BASE + 'README.md' });
  for (const code of CODES) {
    run.addRule(new SarifRuleBuilder().initSimple({ ruleId: code, shortDescriptionText: CODE_SUMMARY[code], helpUri: DOCS_BASE + codeDocAnchor(code) }));
  }
  for (const d of report.diagnostics) {
    const { start, end } = locate.range(d.path, d.span);
    const result = new SarifResultBuilder().initSimple({
      level: SARIF_LEVEL[d.severity],
      messageText: d.message,
      ruleId: d.code,
      fileUri: uriReference(fileOf(d.path)),
      startLine: start.line + 1,
      startColumn: start.character + 1,
      endLine: end.line + 1,
      endColumn: end.character + 1,
    });
    if (d.related?.length) {
      result.result.relatedLocations = d.related.map((r, id) => {
        const rr = locate.range(r.path, r.span);
        return {
          id,
          message: { text: r.message },
          physicalLocation: {
            artifactLocation: { uri: uriReference(fileOf(r.path)), uriBaseId: SRCROOT },
            region: { startLine: rr.start.line + 1, startColumn: rr.start.character + 1, endLine: rr.end.line + 1, endColumn: rr.end.character + 1 },
          },
        };
      });
    }
    run.addResult(result);
  }
  const log = new SarifBuilder();
  log.addRun(run);
  const built = log.buildSarifOutput();
  for (const r of built.runs) baseRelativeUris(r, srcRoot);
  return JSON.stringify(built, null, 2) + '\n';
}

/**
 * Marks every relative URI of a run (its results' locations and the artifacts the builder listed)
 * as relative to %SRCROOT%, and says where that is: SARIF wants a relative URI to name its base.
 * The artifacts are Kent documents.
 */
function baseRelativeUris(run: SarifRun, srcRoot: string): void {
  run.originalUriBaseIds = { [SRCROOT]: { uri: srcRoot } };
  for (const artifact of run.artifacts ?? []) {
    if (artifact.location) artifact.location.uriBaseId = SRCROOT;
    // Every file a result is in is a Kent document (the builder would say "unknown").
    artifact.sourceLanguage = 'kent';
  }
  for (const result of run.results ?? []) {
    for (const location of result.locations ?? []) {
      if (location.physicalLocation?.artifactLocation) location.physicalLocation.artifactLocation.uriBaseId = SRCROOT;
    }
  }
}
