#!/usr/bin/env node
'use strict';
const { runCli } = require('../dist/cli.js');
process.exitCode = runCli(process.argv.slice(2), {
  cwd: process.cwd(),
  stdout: (s) => process.stdout.write(s),
  stderr: (s) => process.stderr.write(s),
  isTty: process.stdout.isTTY === true,
});
