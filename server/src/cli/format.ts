// Output formats of `kent check`: text (colored on a terminal), JSON, SARIF 2.1.0, and GitHub
// Actions' workflow commands (annotations on the pull request, with no setup).
import { createHash } from 'node:crypto';
import type * as Sarif from 'node-sarif-builder';
import type { Region as SarifRegion, Run as SarifRun } from 'sarif';
import { CODE_SUMMARY, codeDocAnchor } from '../core/codes';
import { LineIndex, type Position } from '../core/text';
import { CODES, DEFAULT_SEVERITY, type KentDiagnostic, type Severity, type Span } from '../core/types';

export const VERSION = '0.1.0';
const DOCS_BASE = 'https://github.com/kent-analytics/kent/blob/main/';

export interface Range {
  start: Position;
  end: Position;
}

/**
 * 1-based lines and columns, the columns counted in characters (Unicode code points): SARIF's
 * unit unless a log says otherwise, and the one a reader counts on a line with an emoji, where
 * LSP's UTF-16 columns run ahead by one per emoji.
 */
export interface Region {
  startLine: number;
  startColumn: number;
  endLine: number;
  endColumn: number;
}

/** Converts spans to positions, one line index per file text. */
export class Locator {
  private readonly files = new Map<string, { text: string; index: LineIndex }>();
  constructor(private readonly textOf: (path: string) => string | undefined) {}

  range(path: string, span: Span): Range {
    const { index } = this.file(path);
    return { start: index.position(span.start), end: index.position(span.end) };
  }

  region(path: string, span: Span): Region {
    const { text, index } = this.file(path);
    const at = (offset: number) => {
      const { line, character } = index.position(offset);
      const lineStart = index.lineSpan(line).start;
      return { line: line + 1, column: codePoints(text, lineStart, lineStart + character) + 1 };
    };
    const start = at(span.start);
    const end = at(span.end);
    return { startLine: start.line, startColumn: start.column, endLine: end.line, endColumn: end.column };
  }

  /** The text of the line a span starts on and the span's own text: what a result is, wherever the line moves. */
  content(path: string, span: Span): { line: string; span: string } {
    const { text, index } = this.file(path);
    const line = index.lineSpan(index.position(span.start).line);
    return { line: text.slice(line.start, line.end), span: text.slice(span.start, span.end) };
  }

  private file(path: string): { text: string; index: LineIndex } {
    let file = this.files.get(path);
    if (!file) {
      const text = this.textOf(path) ?? '';
      file = { text, index: new LineIndex(text) };
      this.files.set(path, file);
    }
    return file;
  }
}

/** Code points in text[from, to): a surrogate pair (an emoji, a rare CJK character) is one. */
function codePoints(text: string, from: number, to: number): number {
  let n = to - from;
  for (let i = from; i < to - 1; i++) {
    const c = text.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff) {
      const d = text.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) {
        n--;
        i++;
      }
    }
  }
  return n;
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
 * notices. Columns count characters, as in the SARIF log; they are left out of a span over
 * several lines, where GitHub takes none (the runner drops them, the Checks API refuses them).
 */
export function formatGithub(report: Report, locate: Locator, fileOf: FileOf): string {
  const lines = report.diagnostics.map((d) => {
    const r = locate.region(d.path, d.span);
    const level = d.severity === 'error' ? 'error' : d.severity === 'warning' ? 'warning' : 'notice';
    const oneLine = r.startLine === r.endLine;
    const props = [`file=${property(fileOf(d.path))}`, `line=${r.startLine}`, ...(oneLine ? [`col=${r.startColumn}`] : []), `endLine=${r.endLine}`, ...(oneLine ? [`endColumn=${r.endColumn}`] : []), `title=${property(`kent ${d.code}`)}`];
    return `::${level} ${props.join(',')}::${commandData(d.message)}`;
  });
  lines.push(summary(report));
  return lines.join('\n') + '\n';
}

/**
 * A note Kent writes on stderr (`kent: …`) as a workflow command of that level: the run's summary
 * lists it with the annotations, where a plain line sits unread in the job's log.
 */
export function githubNote(level: 'error' | 'warning', note: string): string {
  return `::${level} title=kent::${commandData(note.replace(/^kent: /, '').replace(/\n$/, ''))}\n`;
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

/** GitHub's `problem.severity` for a rule's default severity: it shows the most severe first. */
const PROBLEM_SEVERITY: Record<Severity, 'error' | 'warning' | 'recommendation'> = { error: 'error', warning: 'warning', info: 'recommendation', hint: 'recommendation' };

/** The key of Kent's own fingerprint of a result; `/v1` so that a change of recipe is a new key, not a changed value. */
export const FINGERPRINT_KEY = 'kentResult/v1';

/** `srcRoot` is the folder Kent runs in, as a `file:` URI ending in `/`: what `fileOf`'s paths are relative to. */
export function formatSarif(report: Report, locate: Locator, fileOf: FileOf, srcRoot: string): string {
  const { SarifBuilder, SarifResultBuilder, SarifRuleBuilder, SarifRunBuilder } = sarifBuilder();
  const run = new SarifRunBuilder().initSimple({ toolDriverName: 'kent', toolDriverVersion: VERSION, url: DOCS_BASE + 'README.md' });
  for (const code of CODES) run.addRule(rule(new SarifRuleBuilder(), code));
  const fingerprint = fingerprints(locate);
  for (const d of report.diagnostics) {
    const r = locate.region(d.path, d.span);
    const result = new SarifResultBuilder().initSimple({
      level: SARIF_LEVEL[d.severity],
      messageText: d.message,
      ruleId: d.code,
      fileUri: uriReference(fileOf(d.path)),
      ...r,
    });
    result.result.partialFingerprints = { [FINGERPRINT_KEY]: fingerprint(d, fileOf(d.path)) };
    if (d.related?.length) {
      result.result.relatedLocations = d.related.map((x, id) => ({
        id,
        message: { text: x.message },
        physicalLocation: { artifactLocation: { uri: uriReference(fileOf(x.path)), uriBaseId: SRCROOT }, region: locate.region(x.path, x.span) satisfies SarifRegion },
      }));
    }
    run.addResult(result);
  }
  const log = new SarifBuilder();
  log.addRun(run);
  const built = log.buildSarifOutput();
  for (const r of built.runs) {
    baseRelativeUris(r, srcRoot);
    r.columnKind = 'unicodeCodePoints';
  }
  return JSON.stringify(built, null, 2) + '\n';
}

/**
 * A check as code scanning describes it: the descriptions and help it requires, the level it
 * reports at unless `kent.json` says otherwise, and GitHub's `problem.severity` (no
 * `security-severity`: these are not security findings).
 */
function rule(builder: InstanceType<typeof Sarif.SarifRuleBuilder>, code: (typeof CODES)[number]): InstanceType<typeof Sarif.SarifRuleBuilder> {
  const helpUri = DOCS_BASE + codeDocAnchor(code);
  builder.initSimple({ ruleId: code, shortDescriptionText: CODE_SUMMARY[code], fullDescriptionText: CODE_SUMMARY[code], helpUri });
  Object.assign(builder.rule, {
    help: { text: `${CODE_SUMMARY[code]} See ${helpUri}`, markdown: `${CODE_SUMMARY[code]} See [${code}](${helpUri}).` },
    defaultConfiguration: { level: SARIF_LEVEL[DEFAULT_SEVERITY[code]] },
    properties: { 'problem.severity': PROBLEM_SEVERITY[DEFAULT_SEVERITY[code]] },
  });
  return builder;
}

/**
 * Kent's fingerprint of a result, so that code scanning keeps one alert across commits: a hash of
 * the check, the file, the text of the line the result starts on (trimmed) and of its span, with
 * no line number, so lines added above it leave it unchanged. Results alike in all of these are
 * told apart by their order in the file.
 */
function fingerprints(locate: Locator): (d: KentDiagnostic, file: string) => string {
  const seen = new Map<string, number>();
  return (d, file) => {
    const { line, span } = locate.content(d.path, d.span);
    const hash = createHash('sha256').update(JSON.stringify([d.code, file, line.trim(), span])).digest('hex').slice(0, 32);
    const n = (seen.get(hash) ?? 0) + 1;
    seen.set(hash, n);
    return `${hash}:${n}`;
  };
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
