// Bundles the CLI, the language server and the VS Code client. `node esbuild.mjs --watch` rebuilds on change.
import * as esbuild from 'esbuild';
import { existsSync } from 'node:fs';

const common = { bundle: true, platform: 'node', format: 'cjs', target: 'node20', sourcemap: true, logLevel: 'warning', mainFields: ['module', 'main'] };
const entries = [
  { entryPoints: ['server/src/cli/main.ts'], outfile: 'dist/cli.js' },
  { entryPoints: ['server/src/lsp/server.ts'], outfile: 'dist/server.js' },
  { entryPoints: ['client/src/extension.ts'], outfile: 'dist/client.js', external: ['vscode'] },
].filter((e) => existsSync(e.entryPoints[0]));

if (process.argv.includes('--watch')) {
  for (const e of entries) await (await esbuild.context({ ...common, ...e })).watch();
  console.log('esbuild: watching for changes');
} else {
  await Promise.all(entries.map((e) => esbuild.build({ ...common, ...e })));
}
