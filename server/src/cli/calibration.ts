// `kent calibration [PATH...] [--svg FILE] [--format text|json] [--root DIR]`: how well the
// workspace's resolved judgments were calibrated. Prints the Brier score overall, per assessment
// and per author, and a table by likelihood term; `--svg FILE` writes the calibration plot.
import { calibrationReport, calibrationSvg, formatCalibrationText } from '../core/report/calibration';
import { CliUsageError, eachArg, loadWorkspace, reportUnreadable, runSubcommand, writeOutput } from './load';
import type { CliIo } from './main';

export const CALIBRATION_USAGE = `Usage: kent calibration [PATH...] [--svg FILE] [--format text|json] [--root DIR]

Scores the judgments with \`resolved: true|false\` in the .kent files and folders given (default:
the current folder), taking the midpoint of each likelihood interval as the forecast.
  --svg FILE      also write the calibration plot (stated probability against observed frequency)
  --format F      text (default) or json
  --root DIR      the workspace root (default: the current folder); files outside it are never read`;

interface CalibrationArgs {
  paths: string[];
  svg?: string;
  format: 'text' | 'json';
  root?: string;
}

function parseArgs(args: string[]): CalibrationArgs {
  const opts: CalibrationArgs = { paths: [], format: 'text' };
  eachArg(args, (a, option) => {
    const svg = option('--svg');
    const root = option('--root');
    const format = option('--format');
    if (svg !== undefined) opts.svg = svg;
    else if (root !== undefined) opts.root = root;
    else if (format !== undefined) {
      if (format !== 'text' && format !== 'json') throw new CliUsageError(`unknown format "${format}": expected text or json`);
      opts.format = format;
    } else if (a === '--help' || a === '-h') throw new CliUsageError('help');
    else throw new CliUsageError(`unknown option ${a}`);
  }, (a) => opts.paths.push(a));
  return opts;
}

/** `kent calibration …`: 0 when it ran (with or without resolved judgments), 2 on bad usage or an unreadable path. */
export function runCalibration(args: string[], io: CliIo): number {
  return runSubcommand(args, io, CALIBRATION_USAGE, parseArgs, (opts) => {
    const loaded = loadWorkspace(io.cwd, opts.root, opts.paths.length ? opts.paths : ['.']);
    const report = calibrationReport(loaded.ws);
    if (opts.svg) writeOutput(io.cwd, opts.svg, calibrationSvg(report, { standalone: true }) + '\n', loaded);
    if (opts.format === 'json') {
      const round = (n: number) => Math.round(n * 10000) / 10000;
      io.stdout(
        JSON.stringify(
          {
            version: 1,
            resolved: report.count,
            brier: report.brier === undefined ? null : round(report.brier),
            byAssessment: report.byAssessment.map((s) => ({ ...s, brier: round(s.brier) })),
            byAuthor: report.byAuthor.map((s) => ({ ...s, brier: round(s.brier) })),
            byTerm: report.bins.map((b) => ({ term: b.term, interval: b.interval, midpoint: round(b.midpoint), observed: round(b.observed), happened: b.happened, count: b.count, brier: round(b.brier) })),
            judgments: report.forecasts.map((f) => ({ file: f.path, assessment: f.assessment ?? null, id: f.id, term: f.term, p: round(f.p), outcome: f.outcome, date: f.date ?? null })),
            skipped: report.skipped,
          },
          null,
          2,
        ) + '\n',
      );
    } else {
      io.stdout(formatCalibrationText(report));
      if (opts.svg) io.stdout(`Calibration plot written to ${opts.svg}\n`);
    }
    return reportUnreadable(loaded, io, 0);
  });
}
