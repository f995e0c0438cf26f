#!/usr/bin/env node
'use strict';
const { runCli } = require('../dist/cli.js');
// A reader that stops early (`kent check | head`) closes the pipe: the rest of the output has
// nowhere to go, so Kent ends quietly, with the status of the check it ran.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (e) => {
    if (e.code !== 'EPIPE') throw e;
    process.exit();
  });
}
process.exitCode = runCli(process.argv.slice(2), {
  cwd: process.cwd(),
  stdout: (s) => process.stdout.write(s),
  stderr: (s) => process.stderr.write(s),
  isTty: process.stdout.isTTY === true,
});
