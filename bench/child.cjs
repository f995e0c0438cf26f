// Runs one cold `kent check` of a folder in this fresh process and prints its wall and CPU time
// and peak memory as JSON; with --baseline, first times a plain line scan of the same .kent text
// (the floor: reading the files and looking at every line once).
'use strict';
const fs = require('node:fs');
const path = require('node:path');
const dir = process.argv[2];
const out = {};
if (process.argv.includes('--baseline')) {
  const t0 = process.hrtime.bigint();
  let n = 0;
  let bytes = 0;
  for (const f of fs.readdirSync(dir)) {
    if (!f.endsWith('.kent')) continue;
    const text = fs.readFileSync(path.join(dir, f), 'utf8');
    bytes += Buffer.byteLength(text);
    for (const line of text.split('\n')) if (line.startsWith('judgment') || line.startsWith('  because')) n++;
  }
  out.baselineMs = Number(process.hrtime.bigint() - t0) / 1e6;
  out.baselineCount = n;
  out.bytes = bytes;
}
const { runCli } = require('../dist/cli.js');
const cpu0 = process.cpuUsage();
const t0 = process.hrtime.bigint();
let bytes = 0;
const code = runCli(['check', '.', '--format', 'json'], { cwd: dir, stdout: (s) => (bytes += s.length), stderr: (s) => process.stderr.write(s), isTty: false });
out.ms = Number(process.hrtime.bigint() - t0) / 1e6;
const cpu = process.cpuUsage(cpu0);
out.cpuMs = (cpu.user + cpu.system) / 1000;
out.exit = code;
out.outputBytes = bytes;
out.maxRssMb = process.resourceUsage().maxRSS / 1024;
console.log(JSON.stringify(out));
