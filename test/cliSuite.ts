// For suites that run the built command line: build dist/ first when it is missing, and give the
// suite one temporary folder, removed after it.
import { after, before } from 'node:test';
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(typeof __dirname === 'string' ? __dirname : path.dirname(fileURLToPath(import.meta.url)), '..');

/**
 * The suite's temporary folder (named `prefix…`), made before its tests and removed after them,
 * and `workspace`, which writes a tree of files under a fresh folder in it.
 */
export function cliSuite(prefix: string): { tmp: () => string; workspace: (files: Record<string, string>) => string } {
  let tmp: string | undefined;
  before(() => {
    if (!fs.existsSync(path.join(root, 'dist', 'cli.js'))) {
      const r = spawnSync(process.execPath, ['esbuild.mjs'], { cwd: root, encoding: 'utf8' });
      assert.equal(r.status, 0, `build failed: ${r.stderr}`);
    }
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  });
  after(() => {
    if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
  });
  const workspace = (files: Record<string, string>) => {
    const dir = fs.mkdtempSync(path.join(tmp!, 'ws-'));
    for (const [p, text] of Object.entries(files)) {
      const abs = path.join(dir, p);
      fs.mkdirSync(path.dirname(abs), { recursive: true });
      fs.writeFileSync(abs, text);
    }
    return dir;
  };
  return { tmp: () => tmp!, workspace };
}
