// `npm run bench`: cold `kent check` throughput and peak memory on generated workspaces
// modelled on samples/russia-taiwan, beside a plain line scan of the same text measured in the
// same run (the floor). Prints a table and writes bench/RESULTS.md.
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { writeWorkspace } from './generate.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const SIZES = [
  { docs: 1, bytes: 50_000 },
  { docs: 10, bytes: 500_000 },
  { docs: 100, bytes: 5_000_000 },
  { docs: 200, bytes: 10_000_000 },
];
if (process.argv.includes('--large')) SIZES.push({ docs: 1000, bytes: 50_000_000 });

const rows = [];
for (const size of SIZES) {
  const dir = path.join(os.tmpdir(), `kent-bench-${size.docs}`);
  const kentBytes = writeWorkspace(dir, size.docs, size.bytes);
  const r = JSON.parse(execFileSync(process.execPath, ['--max-old-space-size=4096', path.join(here, 'child.cjs'), dir, '--baseline'], { encoding: 'utf8', maxBuffer: 1 << 26 }));
  const mb = kentBytes / 1e6;
  rows.push({ ...size, mb, ...r, mbps: mb / (r.ms / 1000), floorMbps: mb / (r.baselineMs / 1000) });
  fs.rmSync(dir, { recursive: true, force: true });
}

// Growth exponent of time against size (least squares on log-log), from the two largest runs up.
const pts = rows.filter((r) => r.docs >= 10);
const lx = pts.map((r) => Math.log(r.mb));
const ly = pts.map((r) => Math.log(r.ms));
const mean = (a) => a.reduce((s, x) => s + x, 0) / a.length;
const mx = mean(lx);
const my = mean(ly);
const slope = lx.reduce((s, x, i) => s + (x - mx) * (ly[i] - my), 0) / lx.reduce((s, x) => s + (x - mx) ** 2, 0);

const table = [
  '| documents | .kent MB | kent check ms | kent MB/s | line scan MB/s (floor) | floor ÷ kent | peak RSS MB | exit |',
  '| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
  ...rows.map((r) => `| ${r.docs} | ${r.mb.toFixed(2)} | ${r.ms.toFixed(0)} | ${r.mbps.toFixed(2)} | ${r.floorMbps.toFixed(0)} | ${(r.floorMbps / r.mbps).toFixed(0)}× | ${r.maxRssMb.toFixed(0)} | ${r.exit} |`),
];
const big = rows.find((r) => r.docs === 200);
const targets = [
  `- time grows as size^${slope.toFixed(2)} (1.00 is linear)`,
  big ? `- 10 MB / 200 documents: ${big.mbps.toFixed(2)} MB/s (target ≥ 8: ${big.mbps >= 8 ? 'met' : `missed by ${(8 - big.mbps).toFixed(2)} MB/s`}); peak RSS ${big.maxRssMb.toFixed(0)} MB (target ≤ 400: ${big.maxRssMb <= 400 ? 'met' : `missed by ${(big.maxRssMb - 400).toFixed(0)} MB`})` : '',
];
const machine = `${os.cpus().length} × ${os.cpus()[0]?.model ?? 'cpu'}, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}, ${os.platform()} ${os.release()}`;
const report = [`# Kent benchmark`, '', `Run ${new Date().toISOString()} on ${machine}.`, '', 'Cold `kent check --format json` in a fresh process, per generated workspace (bench/generate.mjs). The floor is a plain `split("\\n")` line scan of the same files in the same process.', '', ...table, '', ...targets.filter(Boolean), ''].join('\n');
console.log(report);
fs.writeFileSync(path.join(here, 'RESULTS.md'), report);
