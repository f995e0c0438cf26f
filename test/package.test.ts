// The .vsix as the Marketplace and a first-time installer get it: the files `vsce` packages (what
// .vscodeignore lets through), and the manifest (package.json) the Extensions view reads.
// Needs the bundles: `node esbuild.mjs` first.
import { before, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

const ROOT = path.resolve(__dirname, '..');
const VSCE = path.join(ROOT, 'node_modules', '@vscode', 'vsce', 'vsce');
const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'));

/** What the installed extension runs and shows: each must ship. */
const MUST_SHIP = ['package.json', 'dist/client.js', 'dist/server.js', 'syntaxes/kent.tmLanguage.json', 'schemas/kent.schema.json', 'language-configuration.json', 'README.md', 'CHANGELOG.md', 'LICENSE', 'docs/checks.md'];
/** What must not: sources, tests, the CLI, samples, caches, source maps, dependencies (bundled). */
const MUST_NOT_SHIP = [/^node_modules\//, /^test\//, /^bench\//, /^fuzz\//, /^\.cache\//, /^\.ci\//, /^server\//, /^client\//, /^samples\//, /^bin\//, /^dist\/cli\.js$/, /\.map$/, /\.ts$/, /\.vsix$/, /^test-artifacts\//, /^\.vscode-test\//, /^\.git/, /^tsconfig\.json$/, /^package-lock\.json$/, /^esbuild\.mjs$/];

function vsce(args: string[]): Promise<string> {
  return new Promise((resolve, reject) =>
    execFile(process.execPath, [VSCE, ...args], { cwd: ROOT, encoding: 'utf8', timeout: 120_000 }, (err, stdout, stderr) => (err ? reject(new Error(`vsce ${args.join(' ')}: ${stderr || err.message}`)) : resolve(stdout))),
  );
}

/** The flags `npm run package` gives vsce, so the test packages as the script does. */
function packageFlags(): string[] {
  const script: string = pkg.scripts.package;
  const flags = script.slice(script.indexOf('vsce package') + 'vsce package'.length).trim().split(/\s+/);
  const out = flags.indexOf('--out');
  if (out >= 0) flags.splice(out, 2);
  return flags;
}

let shipped: string[] = [];
before(async () => {
  assert.ok(fs.existsSync(path.join(ROOT, 'dist', 'server.js')), 'the bundles are missing: run `node esbuild.mjs` first');
  shipped = (await vsce(['ls', '--no-dependencies'])).split('\n').filter(Boolean);
});

test('the package holds what the extension runs and shows', () => {
  for (const file of MUST_SHIP) assert.ok(shipped.includes(file), `${file} is not in the .vsix`);
});

test('the package holds nothing that must not ship', () => {
  const wrong = shipped.filter((file) => MUST_NOT_SHIP.some((re) => re.test(file)));
  assert.deepEqual(wrong, []);
});

test('every file package.json names ships: main, icon, grammar, language configuration, schema, walkthrough media', () => {
  const c = pkg.contributes;
  const named: string[] = [pkg.main, pkg.icon, ...c.grammars.map((g: { path: string }) => g.path), ...c.languages.map((l: { configuration: string }) => l.configuration), ...c.jsonValidation.map((j: { url: string }) => j.url)];
  for (const w of c.walkthroughs ?? []) for (const s of w.steps) named.push(...Object.entries(s.media).filter(([k]) => k !== 'altText').map(([, v]) => v as string));
  for (const file of named) assert.ok(shipped.includes(path.posix.normalize(file)), `${file}, named in package.json, is not in the .vsix`);
  // The README's images show in the Extensions view from the package.
  const readme = fs.readFileSync(path.join(ROOT, 'README.md'), 'utf8');
  for (const [, image] of readme.matchAll(/!\[[^\]]*\]\(([^)\s]+)\)/g)) assert.ok(shipped.includes(image), `README image ${image} is not in the .vsix`);
});

test('the manifest gives the Marketplace what it shows: icon, banner, categories, keywords, license, engines', () => {
  for (const field of ['displayName', 'description', 'publisher', 'version', 'license', 'icon', 'galleryBanner', 'categories', 'keywords']) assert.ok(pkg[field], `package.json has no ${field}`);
  assert.match(pkg.icon, /\.png$/, 'the Marketplace takes a PNG icon, not an SVG');
  assert.ok(pkg.keywords.length <= 30, 'the Marketplace takes at most 30 keywords');
  assert.ok(pkg.engines.vscode);
  // The server reads the workspace's files: it runs where they are (remote, WSL, container).
  assert.deepEqual(pkg.extensionKind, ['workspace']);
});

test('nothing starts in a workspace without Kent documents: no `*` or start-up activation', () => {
  for (const event of pkg.activationEvents) assert.doesNotMatch(event, /^\*$|^onStartupFinished$/);
});

test('every command has a title and the Kent category; the menus and the walkthrough name only commands that exist', () => {
  const ids = new Set<string>();
  for (const c of pkg.contributes.commands) {
    assert.ok(c.title && c.category === 'Kent', JSON.stringify(c));
    ids.add(c.command);
  }
  for (const items of Object.values(pkg.contributes.menus) as Array<Array<{ command: string }>>) for (const item of items) assert.ok(ids.has(item.command), `menu names ${item.command}`);
  for (const w of pkg.contributes.walkthroughs ?? []) for (const s of w.steps) for (const [, command] of s.description.matchAll(/\(command:(kent\.[\w.]+)/g)) assert.ok(ids.has(command), `walkthrough step ${s.id} names ${command}`);
});

test('every setting is described for the Settings editor', () => {
  for (const [name, setting] of Object.entries(pkg.contributes.configuration.properties) as Array<[string, { markdownDescription?: string; description?: string }]>) {
    assert.ok(setting.markdownDescription, `${name} has no markdownDescription`);
  }
});

test('vsce packages the extension as `npm run package` does (the manifest, icon and README pass its checks)', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kent-vsix-'));
  try {
    const out = path.join(dir, 'kent.vsix');
    await vsce(['package', ...packageFlags(), '--out', out]);
    assert.ok(fs.statSync(out).size > 0);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
