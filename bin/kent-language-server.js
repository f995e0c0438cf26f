#!/usr/bin/env node
'use strict';
// The Kent language server for any LSP client: `kent-language-server --stdio`.
const args = process.argv.slice(2);
if (args.includes('--help') || args.includes('-h') || !args.some((a) => a === '--stdio' || a === '--node-ipc' || a.startsWith('--socket=') || a.startsWith('--pipe='))) {
  // Started by hand, it would wait for messages that never come (or fail with a stack trace).
  (args.includes('--help') || args.includes('-h') ? process.stdout : process.stderr).write(
    'Usage: kent-language-server --stdio\n\n' +
      'The Kent language server, for an editor to start: it speaks the Language Server Protocol on\n' +
      'stdin/stdout (--stdio; --node-ipc, --socket=PORT and --pipe=NAME also work). To check files\n' +
      'from a shell, run `kent check` instead.\n',
  );
  process.exit(args.includes('--help') || args.includes('-h') ? 0 : 2);
}
require('../dist/server.js');
