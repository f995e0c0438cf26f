// End to end: `node bin/kent.js check …` on temporary workspaces and on the samples — exit
// codes, the text, JSON and SARIF formats, and workspace confinement.
import { describe, test } from 'node:test';
import * as assert from 'node:assert/strict';
import { execFile, execFileSync, spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import AjvModule from 'ajv';
import { CODES } from '../server/src/core/types';
import { cliSuite } from './cliSuite';

const here = typeof __dirname === 'string' ? __dirname : path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '..');
const KENT = path.join(root, 'bin', 'kent.js');
const Ajv = (AjvModule as unknown as { default?: typeof AjvModule }).default ?? AjvModule;

interface Run {
  status: number | null;
  stdout: string;
  stderr: string;
}

function kent(args: string[], cwd: string, asUser: string[] = []): Promise<Run> {
  const [file, ...argv] = [...asUser, process.execPath, KENT, ...args];
  return new Promise((resolve) => {
    execFile(file, argv, { cwd, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' }, timeout: 120_000 }, (err, stdout, stderr) => {
      const status = err ? (typeof err.code === 'number' ? err.code : null) : 0;
      // A process killed (timeout, signal) has no status: say why in stderr for the assertion.
      resolve({ status, stdout, stderr: status === null ? `${stderr}\n[kent did not exit: ${err?.message}]` : stderr });
    });
  });
}

function json(r: Run): JsonReport {
  try {
    return JSON.parse(r.stdout) as JsonReport;
  } catch {
    throw new Error(`not JSON (exit ${r.status}): ${r.stdout.slice(0, 500)}\n${r.stderr}`);
  }
}

interface Pos {
  line: number;
  character: number;
}
interface JsonDiagnostic {
  file: string;
  range: { start: Pos; end: Pos };
  severity: string;
  code: string;
  message: string;
  related: Array<{ file: string; range: { start: Pos; end: Pos }; message: string }>;
}
interface JsonReport {
  version: number;
  files: number;
  diagnostics: JsonDiagnostic[];
}


/**
 * How to run kent as a user whom file permissions stop: as it is, or as `nobody` when the tests
 * run as root (for whom they stop nothing); undefined when there is no way to.
 */
const UNPRIVILEGED: string[] | undefined = process.getuid?.() !== 0 ? [] : fs.existsSync('/usr/bin/setpriv') ? ['/usr/bin/setpriv', '--reuid=65534', '--regid=65534', '--clear-groups'] : undefined;

const { tmp, workspace } = cliSuite('kent-cli-');

const CLEAN = `assessment clean: A clean assessment
  date: 2024-09

judgment KJ1: Russia would probably avoid war.
  likelihood: likely
  confidence: low
  because: @s1

source s1: A source
  reliability: B
`;

/** Line 3 (0-based 2): \`claim C1\` with no support, a warning at C1 (characters 6–8). */
const WARN = `assessment warn: A

claim C1: Unsupported.
`;

const PAIR = {
  'a.kent': `assessment a: A

claim X: Borduria will join.
  likelihood: likely
  same-as: b/Y
  because: @s1

source s1: A source
  reliability: B
`,
  'sub/b.kent': `assessment b: B

claim Y: Borduria will join.
  likelihood: unlikely
  because: @s1
`,
};

describe('exit status', { concurrency: true }, () => {
  test('0 on a clean workspace (the current folder by default), with a summary line', async () => {
    const dir = workspace({ 'clean.kent': CLEAN });
    const r = await kent(['check'], dir);
    assert.equal(r.status, 0, r.stdout + r.stderr);
    assert.equal(r.stdout, '0 errors, 0 warnings, 0 infos, 0 hints in 1 file\n');
  });

  test('0 with only warnings', async () => {
    const dir = workspace({ 'w.kent': WARN });
    assert.equal((await kent(['check'], dir)).status, 0);
  });

  test('1 with an error', async () => {
    const dir = workspace({ 'clean.kent': CLEAN, 'bad.kent': 'claim C1: x\n  because: Nope\n' });
    const r = await kent(['check', '.'], dir);
    assert.equal(r.status, 1, r.stdout);
    assert.match(r.stdout, /^bad\.kent:2:12: error unresolved-reference: /m);
  });

  test('1 when kent.json is there but cannot be read (here a folder): reported, not passed over on the defaults', async () => {
    const dir = workspace({ 'clean.kent': CLEAN });
    fs.mkdirSync(path.join(dir, 'kent.json'));
    const r = await kent(['check'], dir);
    assert.equal(r.status, 1, r.stdout + r.stderr);
    assert.match(r.stdout, /^kent\.json:1:1: error invalid-config: kent\.json cannot be read \(not a file\); the defaults apply$/m);
  });

  test('2 on an unknown option, with a message on stderr', async () => {
    const r = await kent(['check', '--frobnicate'], workspace({ 'clean.kent': CLEAN }));
    assert.equal(r.status, 2);
    assert.match(r.stderr, /unknown option --frobnicate/);
    assert.equal(r.stdout, '');
  });

  test('`check --help` and `check -h` print the usage on stdout, exit 0', async () => {
    const dir = workspace({ 'clean.kent': CLEAN });
    for (const flag of ['--help', '-h']) {
      const r = await kent(['check', flag], dir);
      assert.equal(r.status, 0, `${flag}: ${r.stderr}`);
      assert.match(r.stdout, /^Usage: kent check /, flag);
      assert.equal(r.stderr, '', flag);
    }
  });

  test('`--` ends the options: what follows are paths, even one that starts with a dash', async () => {
    const dir = workspace({ 'clean.kent': CLEAN, '-w.kent': WARN });
    const r = await kent(['check', '--', '.'], dir);
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stdout, / in 2 files\n$/);
    const dash = await kent(['check', '--format', 'json', '--', '-w.kent'], dir);
    assert.deepEqual(
      json(dash).diagnostics.map((d) => `${d.file} ${d.code}`),
      ['-w.kent unsupported-claim'],
    );
  });

  test('2 on an unknown format', async () => {
    const dir = workspace({ 'clean.kent': CLEAN });
    for (const args of [['--format', 'xml'], ['--format=yaml'], ['--format']]) {
      const r = await kent(['check', ...args], dir);
      assert.equal(r.status, 2, `${args.join(' ')}: ${r.stderr}`);
      assert.ok(r.stderr.length > 0);
    }
    assert.match((await kent(['check', '--format', 'xml'], dir)).stderr, /unknown format "xml"/);
  });

  test('files named alone: an assessment not found is "not among the documents checked", and one beside them is named', async () => {
    const a = 'assessment team-a: A\n\nclaim C1: Ports close [@s].\n  same-as: team-b/C1\n\njudgment KJ1: Ships wait [@s].\n  likelihood: likely\n  confidence: low\n  same-as: team-c/C1\n\nsource s: S\n';
    const b = 'assessment team-b: B\n\nclaim C1: Ports close [@s].\n\nsource s: S\n';
    const dir = workspace({ 'sub/a.kent': a, 'sub/b.kent': b, 'far/c.kent': b.replace('team-b', 'team-c') });
    const lines = async (args: string[]) => (await kent(['check', ...args], dir)).stdout.split('\n').filter((l) => l.includes('unresolved-reference'));
    assert.deepEqual(await lines(['sub/a.kent']), [
      'sub/a.kent:4:12: error unresolved-reference: claim C1: no assessment named team-b among the documents checked (sub/b.kent is team-b, not among the files checked; run `kent check` on the folder, or add --root .)',
      // team-c is in another folder: not looked for there.
      'sub/a.kent:9:12: error unresolved-reference: judgment KJ1: no assessment named team-c among the documents checked (did you mean team-a/C1?)',
    ]);
    // A folder, or --root, reads the workspace: the message is the editor's.
    assert.deepEqual(await lines(['sub']), ['sub/a.kent:9:12: error unresolved-reference: judgment KJ1: no assessment named team-c in the workspace (did you mean team-a/C1?)']);
    assert.deepEqual(await lines(['sub/a.kent', '--root', '.']), []);
    // A source not found: looked for in the other documents checked, not "the workspace".
    const cited = workspace({ 'sub/a.kent': 'assessment team-a: A\n\nclaim C1: Ports close [@nowhere].\n' });
    const said = async (args: string[]) => (await kent(['check', ...args], cited)).stdout.split('\n').find((l) => l.includes('no source nowhere'));
    assert.match((await said(['sub/a.kent']))!, /no source nowhere in this document, the other documents checked or the assessment's bibliography$/);
    assert.match((await said(['sub']))!, /no source nowhere in this document, the workspace or the assessment's bibliography$/);
  });

  test('files named alone: a document beside them that starts with a byte-order mark is named too', async () => {
    const a = 'assessment team-a: A\n\nclaim C1: Ports close [@s].\n  same-as: team-b/C1\n\nsource s: S\n';
    const dir = workspace({ 'a.kent': a, 'b.kent': '\uFEFFassessment team-b: B\n\nclaim C1: Ports close [@s].\n\nsource s: S\n' });
    assert.match((await kent(['check', 'a.kent'], dir)).stdout, /no assessment named team-b among the documents checked \(b\.kent is team-b, not among the files checked;/);
  });

  test('2 on an unknown command and on no command', async () => {
    const dir = workspace({ 'clean.kent': CLEAN });
    const r = await kent(['chek'], dir);
    assert.equal(r.status, 2);
    assert.match(r.stderr, /^kent: unknown command "chek" \(did you mean `kent check`\?\)\n\nUsage: kent check/);
    // Each command's slip is told its command; a word near none is told no guess.
    for (const [typed, meant] of [['exprot', 'export'], ['calibrate', 'calibration'], ['Check', 'check']]) assert.match((await kent([typed], dir)).stderr, new RegExp(`did you mean \`kent ${meant}\``), typed);
    assert.match((await kent(['lint'], dir)).stderr, /^kent: unknown command "lint"\n/);
    const none = await kent([], dir);
    assert.equal(none.status, 2);
    // Bad usage, as the brief says: the message on stderr, nothing on stdout.
    assert.equal(none.stdout, '');
    assert.match(none.stderr, /^kent: no command given\n\nUsage: kent check/);
  });

  test('2 on a file named that is not a .kent document (a .bib, kent.json), which was read as one and passed', async () => {
    const dir = workspace({ 'clean.kent': CLEAN, 'refs.bib': '@book{k, title = {T}}\n', 'kent.json': '{}\n' });
    for (const name of ['refs.bib', 'kent.json']) {
      const r = await kent(['check', 'clean.kent', name], dir);
      assert.equal(r.status, 2, r.stdout);
      assert.equal(r.stderr, `kent: ${name} is not a Kent document: a document's name ends in .kent\n`);
    }
  });

  test('0 with a note on stderr when the PATHs hold no .kent document (a CI job pointed at the wrong folder)', async () => {
    const dir = workspace({ 'clean.kent': CLEAN, 'sources/a.txt': 'text\n' });
    const r = await kent(['check', 'sources'], dir);
    assert.equal(r.status, 0);
    assert.equal(r.stdout, '0 errors, 0 warnings, 0 infos, 0 hints in 0 files\n');
    assert.equal(r.stderr, 'kent: no .kent documents under sources\n');
    assert.equal((await kent(['check'], dir)).stderr, '');
  });

  test('2 on a path that does not exist', async () => {
    const dir = workspace({ 'clean.kent': CLEAN });
    const r = await kent(['check', 'clean.kent', 'nope.kent'], dir);
    assert.equal(r.status, 2);
    assert.match(r.stderr, /nope\.kent/);
    assert.equal(r.stdout, '');
  });

  test('2 on files in a folder that cannot be read (a dangling link, a link to itself), after checking the rest', async () => {
    const dir = workspace({ 'ok.kent': WARN });
    fs.symlinkSync(path.join(dir, 'gone.kent'), path.join(dir, 'dangling.kent'));
    fs.symlinkSync('loop.kent', path.join(dir, 'loop.kent'));
    const r = await kent(['check', '.'], dir);
    assert.equal(r.status, 2, r.stdout);
    assert.equal(r.stderr, 'kent: cannot read dangling.kent: ENOENT\nkent: cannot read loop.kent: ELOOP\n');
    assert.match(r.stdout, /^ok\.kent:3:7: warning unsupported-claim: .*\n0 errors, 1 warning, 0 infos, 0 hints in 1 file\n$/);
  });

  test('export and calibration also name what they cannot read, do the rest, and exit 2', async () => {
    const dir = workspace({ 'clean.kent': CLEAN });
    fs.symlinkSync('gone.kent', path.join(dir, 'dangling.kent'));
    for (const args of [['export', 'clean.kent', '--format', 'md'], ['calibration']]) {
      const r = await kent(args, dir);
      assert.equal(r.status, 2, args[0]);
      assert.equal(r.stderr, 'kent: cannot read dangling.kent: ENOENT\n', args[0]);
      assert.ok(r.stdout.length > 0, args[0]);
    }
  });

  test('2 on a folder that cannot be listed, named on stderr, after checking the rest', { skip: UNPRIVILEGED === undefined && 'running as root without setpriv: permissions do not stop reads' }, async () => {
    const dir = workspace({ 'ok.kent': WARN, 'locked/in.kent': WARN });
    // The user who runs kent (nobody, when the tests run as root) must reach the workspace.
    fs.chmodSync(tmp(), 0o755);
    fs.chmodSync(dir, 0o755);
    fs.chmodSync(path.join(dir, 'locked'), 0o000);
    try {
      // With --root the folder is walked twice (the root, the PATH), and named once.
      for (const args of [[], ['--root', '.', '.']]) {
        const r = await kent(['check', '--format', 'json', ...args], dir, UNPRIVILEGED);
        assert.equal(r.status, 2, r.stderr);
        assert.equal(r.stderr, 'kent: cannot read locked: EACCES\n');
        assert.deepEqual(
          json(r).diagnostics.map((d) => d.file),
          ['ok.kent'],
        );
      }
    } finally {
      fs.chmodSync(path.join(dir, 'locked'), 0o755);
    }
  });

  test('a file named alone in a folder that cannot be listed: its refs into no document read are told so, nothing beside it named', { skip: UNPRIVILEGED === undefined && 'running as root without setpriv: permissions do not stop reads' }, async () => {
    const dir = workspace({ 'sub/a.kent': 'assessment team-a: A\n\nclaim C1: Ports close [@s].\n  same-as: team-b/C1\n\nsource s: S\n' });
    fs.chmodSync(tmp(), 0o755);
    fs.chmodSync(dir, 0o755);
    // Entered, not listed: the file in it is read all the same.
    fs.chmodSync(path.join(dir, 'sub'), 0o311);
    try {
      const r = await kent(['check', 'sub/a.kent'], dir, UNPRIVILEGED);
      assert.equal(r.status, 1, r.stderr);
      assert.match(r.stdout, /^sub\/a\.kent:4:12: error unresolved-reference: claim C1: no assessment named team-b among the documents checked$/m);
      assert.doesNotMatch(r.stdout, /internal error/);
    } finally {
      fs.chmodSync(path.join(dir, 'sub'), 0o755);
    }
  });

  test('2 on a file without read permission', { skip: UNPRIVILEGED === undefined && 'running as root without setpriv: permissions do not stop reads' }, async () => {
    const dir = workspace({ 'clean.kent': CLEAN, 'locked.kent': CLEAN });
    fs.chmodSync(tmp(), 0o755);
    fs.chmodSync(dir, 0o755);
    fs.chmodSync(path.join(dir, 'locked.kent'), 0o000);
    const r = await kent(['check', 'locked.kent'], dir, UNPRIVILEGED);
    assert.equal(r.status, 2);
    assert.equal(r.stderr, 'kent: cannot read locked.kent: EACCES\n');
  });

  test('2 when a path lies outside --root, and when --root is not a folder', async () => {
    const dir = workspace({ 'inside/a.kent': CLEAN, 'outside/b.kent': CLEAN });
    const r = await kent(['check', '--root', 'inside', 'outside/b.kent'], dir);
    assert.equal(r.status, 2);
    assert.match(r.stderr, /outside the workspace/);
    const r2 = await kent(['check', '--root', 'no-such-dir', '.'], dir);
    assert.equal(r2.status, 2);
    assert.ok(r2.stderr.length > 0);
  });
});

describe('--root', { concurrency: true }, () => {
  const files = {
    'a.kent': 'assessment a: A\n\nclaim C1: Gas storage is full [@s].\n\nclaim C2: Unsupported.\n\nsource s: S\n  reliability: A\n',
    'b.kent': 'assessment b: B\n\nclaim D1: Prices will fall.\n  because: a/C1\n\nclaim D2: Prices will rise.\n  because: c/X\n',
    'sub/w.kent': WARN,
    // In a dot-folder: not part of the workspace, as in the editor.
    '.hidden/c.kent': 'assessment c: C\n\nclaim X: x [@s].\n',
  };

  test('names resolve against every document under the root; only the PATHs are reported', async () => {
    const dir = workspace(files);
    const r = await kent(['check', '--root', '.', 'b.kent'], dir);
    assert.equal(r.stdout, 'b.kent:7:12: error unresolved-reference: claim D2: no assessment named c in the workspace\n1 error, 0 warnings, 0 infos, 0 hints in 1 file\n');
    assert.equal(r.status, 1);
    const folder = await kent(['check', '--root', '.', '--format', 'json', 'sub'], dir);
    assert.deepEqual(
      json(folder).diagnostics.map((d) => `${d.file} ${d.code}`),
      ['sub/w.kent unsupported-claim'],
    );
    assert.equal(json(folder).files, 1);
  });

  test('run from a subfolder with --root, every format names files from the folder Kent runs in', async () => {
    const sub = path.join(workspace(PAIR), 'sub');
    const text = await kent(['check', '--root', '..', '.'], sub);
    assert.match(text.stdout, /^b\.kent:3:7: error contradiction: /m);
    const j = json(await kent(['check', '--root', '..', '--format', 'json', '.'], sub));
    assert.deepEqual(
      j.diagnostics.map((d) => [d.file, ...d.related.map((r) => r.file)]),
      [['b.kent', '../a.kent']],
    );
    const sarif = JSON.parse((await kent(['check', '--root', '..', '--format', 'sarif', '.'], sub)).stdout) as {
      runs: Array<{ originalUriBaseIds: Record<string, { uri: string }>; results: Array<{ locations: Array<{ physicalLocation: { artifactLocation: { uri: string; uriBaseId?: string } } }>; relatedLocations: Array<{ physicalLocation: { artifactLocation: { uri: string; uriBaseId?: string } } }> }> }>;
    };
    const [run] = sarif.runs;
    assert.deepEqual(run.originalUriBaseIds, { '%SRCROOT%': { uri: pathToFileURL(sub + path.sep).href } });
    assert.deepEqual(
      [...run.results[0].locations, ...run.results[0].relatedLocations].map((l) => l.physicalLocation.artifactLocation),
      [
        { uri: 'b.kent', uriBaseId: '%SRCROOT%', index: 0 },
        { uri: '../a.kent', uriBaseId: '%SRCROOT%' },
      ],
    );
  });

  test('without --root, the workspace is the PATHs given', async () => {
    const r = await kent(['check', 'b.kent'], workspace(files));
    assert.match(r.stdout, /^b\.kent:4:12: error unresolved-reference: claim D1: no assessment named a among the documents checked \(a\.kent is a, not among the files checked; run `kent check` on the folder, or add --root \.\)$/m);
    assert.match(r.stdout, / in 1 file\n$/);
  });
});

describe('kent export DOC: a path, or an assessment ID', { concurrency: true }, () => {
  test('an assessment ID names the document under the root (the current folder) that has it', async () => {
    const dir = workspace(PAIR);
    const r = await kent(['export', 'b', '--format', 'md'], dir);
    assert.equal(r.status, 0, r.stderr);
    assert.equal(r.stderr, '');
    assert.match(r.stdout, /^# B\n/);
    assert.match(r.stdout, /\*\*Source file\*\* `sub\/b\.kent`/);
    // The root's other documents are read with it: its relation to a/X resolves, no error about it.
    assert.doesNotMatch(r.stdout, /no assessment named a/);
    // By its path too: a document in a subfolder names its neighbours up the tree.
    const byPath = await kent(['export', 'sub/b.kent', '--format', 'md'], dir);
    assert.equal(byPath.status, 0, byPath.stderr);
    assert.doesNotMatch(byPath.stdout, /no assessment named a/);
    const rooted = await kent(['export', 'a', '--root', path.basename(dir), '--format', 'md'], path.dirname(dir));
    assert.equal(rooted.status, 0, rooted.stderr);
    assert.match(rooted.stdout, /\*\*Source file\*\* `a\.kent`/);
  });

  test('a file of that name comes first; an ID no document has, or two documents share, is exit 2 with a message', async () => {
    const dir = workspace({ ...PAIR, b: 'assessment other: The file named b\n', 'c1.kent': CLEAN, 'c2.kent': CLEAN });
    const file = await kent(['export', 'b', '--format', 'md'], dir);
    assert.equal(file.status, 0, file.stderr);
    assert.match(file.stdout, /^# The file named b\n/);
    const none = await kent(['export', 'outbreak-2025'], dir);
    assert.equal(none.status, 2);
    assert.equal(none.stdout, '');
    assert.equal(none.stderr, 'kent: cannot read outbreak-2025: no such file, and no document under . has the assessment ID outbreak-2025\n');
    const two = await kent(['export', 'clean'], dir);
    assert.equal(two.status, 2);
    assert.equal(two.stdout, '');
    assert.equal(two.stderr, 'kent: clean is the assessment ID of 2 documents under . (c1.kent, c2.kent): name the one to export by its path\n');
    // What cannot be an ID is a path, as before.
    const missing = await kent(['export', 'missing.kent'], dir);
    assert.equal(missing.status, 2);
    assert.equal(missing.stderr, 'kent: cannot read missing.kent: no such file\n');
  });

  test('the usage says DOC may be a path or an assessment ID', async () => {
    for (const args of [['export', '--help'], ['--help']]) {
      const r = await kent(args, tmp());
      assert.match(r.stdout, /assessment ID/, args.join(' '));
    }
  });
});

describe('output to a pipe', { concurrency: true }, () => {
  /** Run kent and close its output after the first chunk, as `kent check | head -1` does. */
  function kentHead(args: string[], cwd: string): Promise<{ status: number | null; stderr: string }> {
    return new Promise((resolve) => {
      const child = spawn(process.execPath, [KENT, ...args], { cwd, env: { ...process.env, NO_COLOR: '1' } });
      let stderr = '';
      child.stderr.on('data', (b: Buffer) => (stderr += b.toString()));
      child.stdout.once('data', () => child.stdout.destroy());
      child.on('close', (status) => resolve({ status, stderr }));
    });
  }

  test('a reader that closes the pipe early ends Kent quietly, with the status of the check', async () => {
    // Some 450 KB of warnings: far more than a pipe holds, so Kent is still writing when it closes.
    const dir = workspace({ 's.kent': Array.from({ length: 3000 }, (_, i) => `claim C${i}: x.\n`).join('\n') });
    for (const format of ['text', 'json', 'sarif']) {
      const r = await kentHead(['check', '--format', format], dir);
      assert.equal(r.stderr, '', format);
      assert.equal(r.status, 0, format);
    }
  });
});

describe('--format text', { concurrency: true }, () => {
  test('`file:line:col: severity code: message`, 1-based, then a summary line', async () => {
    const dir = workspace({ ...PAIR, 'w.kent': WARN });
    const r = await kent(['check'], dir);
    assert.equal(r.status, 1);
    const lines = r.stdout.trimEnd().split('\n');
    const summary = lines.pop()!;
    assert.match(summary, /^\d+ errors?, \d+ warnings?, \d+ infos?, \d+ hints? in 3 files$/);
    assert.ok(lines.length > 0);
    for (const l of lines) assert.match(l, /^[\w./-]+\.kent:\d+:\d+: (error|warning|info|hint) [a-z-]+: .+$/);
    assert.ok(lines.includes('w.kent:3:7: warning unsupported-claim: claim C1 rests on nothing: add `because:` with the claims, evidence or sources that support it, or cite a source inline'), lines.join('\n'));
    assert.ok(lines.some((l) => l.startsWith('a.kent:5:12: error contradiction: ')));
    assert.ok(lines.some((l) => l.startsWith('sub/b.kent:3:7: error contradiction: ')));
    const errors = lines.filter((l) => / error /.test(l)).length;
    assert.ok(summary.startsWith(`${errors} error`));
  });

  test('no colour codes when not on a terminal', async () => {
    const r = await kent(['check'], workspace({ 'w.kent': WARN }));
    assert.ok(!r.stdout.includes('\x1b['));
  });
});

describe('--format json', { concurrency: true }, () => {
  test('the shape of brief §4 exactly, with 0-based positions', async () => {
    const dir = workspace({ ...PAIR, 'w.kent': WARN });
    const r = await kent(['check', '--format', 'json'], dir);
    assert.equal(r.status, 1);
    const report = json(r);
    assert.deepEqual(Object.keys(report).sort(), ['diagnostics', 'files', 'version']);
    assert.equal(report.version, 1);
    assert.equal(report.files, 3);
    const pos = (p: Pos) => {
      assert.deepEqual(Object.keys(p).sort(), ['character', 'line']);
      assert.ok(Number.isInteger(p.line) && p.line >= 0 && Number.isInteger(p.character) && p.character >= 0);
    };
    const range = (x: { start: Pos; end: Pos }) => {
      assert.deepEqual(Object.keys(x).sort(), ['end', 'start']);
      pos(x.start);
      pos(x.end);
    };
    for (const d of report.diagnostics) {
      assert.deepEqual(Object.keys(d).sort(), ['code', 'file', 'message', 'range', 'related', 'severity']);
      assert.ok(['error', 'warning', 'info', 'hint'].includes(d.severity));
      assert.ok((CODES as readonly string[]).includes(d.code));
      assert.equal(typeof d.message, 'string');
      assert.ok(!path.isAbsolute(d.file) && !d.file.includes('\\'));
      range(d.range);
      assert.ok(Array.isArray(d.related));
      for (const rel of d.related) {
        assert.deepEqual(Object.keys(rel).sort(), ['file', 'message', 'range']);
        range(rel.range);
      }
    }
    const warn = report.diagnostics.find((d) => d.file === 'w.kent' && d.code === 'unsupported-claim');
    assert.deepEqual(warn?.range, { start: { line: 2, character: 6 }, end: { line: 2, character: 8 } });
    assert.equal(warn?.severity, 'warning');
    assert.deepEqual(warn?.related, []);
    // Cross-document: each side points at the other, with 0-based positions.
    const inA = report.diagnostics.find((d) => d.file === 'a.kent' && d.code === 'contradiction');
    const inB = report.diagnostics.find((d) => d.file === 'sub/b.kent' && d.code === 'contradiction');
    assert.deepEqual(inA?.range, { start: { line: 4, character: 11 }, end: { line: 4, character: 14 } });
    assert.deepEqual(
      inA?.related.map((x) => [x.file, x.range.start]),
      [['sub/b.kent', { line: 2, character: 6 }]],
    );
    assert.deepEqual(
      inB?.related.map((x) => [x.file, x.range.start]),
      [['a.kent', { line: 2, character: 6 }]],
    );
  });

  test('--format=json is the same as --format json; a clean workspace has no diagnostics', async () => {
    const dir = workspace({ 'clean.kent': CLEAN });
    const a = await kent(['check', '--format=json'], dir);
    const b = await kent(['check', '--format', 'json'], dir);
    assert.equal(a.stdout, b.stdout);
    assert.deepEqual(json(a), { version: 1, files: 1, diagnostics: [] });
  });
});

describe('--format sarif', { concurrency: true }, () => {
  // No SARIF 2.1.0 JSON schema ships in node_modules, so this is a structural schema of the
  // parts of SARIF 2.1.0 that matter, validated with ajv.
  const region = {
    type: 'object',
    required: ['startLine'],
    properties: {
      startLine: { type: 'integer', minimum: 1 },
      startColumn: { type: 'integer', minimum: 1 },
      endLine: { type: 'integer', minimum: 1 },
      endColumn: { type: 'integer', minimum: 1 },
    },
  };
  const physicalLocation = {
    type: 'object',
    required: ['artifactLocation', 'region'],
    properties: {
      artifactLocation: { type: 'object', required: ['uri'], properties: { uri: { type: 'string', minLength: 1 }, index: { type: 'integer', minimum: -1 } } },
      region,
    },
  };
  const message = { type: 'object', required: ['text'], properties: { text: { type: 'string' } } };
  const SARIF_SCHEMA = {
    type: 'object',
    required: ['version', '$schema', 'runs'],
    properties: {
      version: { const: '2.1.0' },
      $schema: { type: 'string', pattern: 'sarif-(schema-)?2\\.1\\.0(-rtm\\.\\d+)?\\.json$' },
      runs: {
        type: 'array',
        minItems: 1,
        items: {
          type: 'object',
          required: ['tool', 'results'],
          properties: {
            tool: {
              type: 'object',
              required: ['driver'],
              properties: {
                driver: {
                  type: 'object',
                  required: ['name', 'rules'],
                  properties: {
                    name: { type: 'string', minLength: 1 },
                    rules: {
                      type: 'array',
                      items: { type: 'object', required: ['id'], properties: { id: { type: 'string' }, shortDescription: message } },
                    },
                  },
                },
              },
            },
            results: {
              type: 'array',
              items: {
                type: 'object',
                required: ['ruleId', 'level', 'message', 'locations'],
                properties: {
                  ruleId: { type: 'string' },
                  ruleIndex: { type: 'integer', minimum: -1 },
                  level: { enum: ['none', 'note', 'warning', 'error'] },
                  message,
                  locations: { type: 'array', minItems: 1, items: { type: 'object', required: ['physicalLocation'], properties: { physicalLocation } } },
                  relatedLocations: {
                    type: 'array',
                    items: { type: 'object', required: ['physicalLocation'], properties: { id: { type: 'integer', minimum: -1 }, message, physicalLocation } },
                  },
                },
              },
            },
            artifacts: { type: 'array', items: { type: 'object', properties: { location: { type: 'object', properties: { uri: { type: 'string' } } } } } },
          },
        },
      },
    },
  };

  interface SarifLog {
    runs: Array<{
      tool: { driver: { name: string; rules: Array<{ id: string }> } };
      results: Array<{
        ruleId: string;
        ruleIndex?: number;
        level: string;
        message: { text: string };
        locations: Array<{ physicalLocation: { artifactLocation: { uri: string; index?: number }; region: { startLine: number; startColumn?: number } } }>;
        relatedLocations?: Array<{ physicalLocation: { artifactLocation: { uri: string } } }>;
      }>;
      artifacts?: Array<{ location: { uri: string }; sourceLanguage?: string }>;
    }>;
  }

  test('validates; one rule per code; results match the JSON output', async () => {
    const dir = workspace({ ...PAIR, 'w.kent': WARN });
    const r = await kent(['check', '--format', 'sarif'], dir);
    assert.equal(r.status, 1);
    const log = JSON.parse(r.stdout) as SarifLog;
    const validate = new Ajv({ allErrors: true, strict: false }).compile(SARIF_SCHEMA);
    assert.ok(validate(log), JSON.stringify(validate.errors, null, 2));
    const run = log.runs[0];
    assert.equal(run.tool.driver.name, 'kent');
    assert.deepEqual(
      run.tool.driver.rules.map((x) => x.id),
      [...CODES],
    );
    for (const res of run.results) {
      if (res.ruleIndex !== undefined) assert.equal(run.tool.driver.rules[res.ruleIndex].id, res.ruleId);
      const loc = res.locations[0].physicalLocation.artifactLocation;
      if (loc.index !== undefined && run.artifacts) assert.equal(run.artifacts[loc.index].location.uri, loc.uri);
    }
    assert.ok(run.artifacts?.length);
    assert.deepEqual(new Set(run.artifacts.map((a) => a.sourceLanguage)), new Set(['kent']));
    const j = json(await kent(['check', '--format', 'json'], dir));
    const level = { error: 'error', warning: 'warning', info: 'note', hint: 'note' } as Record<string, string>;
    assert.deepEqual(
      run.results.map((x) => [x.ruleId, x.level, x.message.text, x.locations[0].physicalLocation.artifactLocation.uri, x.locations[0].physicalLocation.region.startLine, x.locations[0].physicalLocation.region.startColumn]).sort(),
      j.diagnostics.map((d) => [d.code, level[d.severity], d.message, d.file, d.range.start.line + 1, d.range.start.character + 1]).sort(),
    );
    const contradiction = run.results.find((x) => x.ruleId === 'contradiction' && x.locations[0].physicalLocation.artifactLocation.uri === 'a.kent');
    assert.deepEqual(
      contradiction?.relatedLocations?.map((x) => x.physicalLocation.artifactLocation.uri),
      ['sub/b.kent'],
    );
  });

  test('file locations are URI references: spaces, `#` and non-ASCII letters percent-encoded', async () => {
    const r = await kent(['check', '--format', 'sarif'], workspace({ 'my docs/énergie #1.kent': WARN }));
    const log = JSON.parse(r.stdout) as SarifLog;
    const uris = log.runs[0].results.map((x) => x.locations[0].physicalLocation.artifactLocation.uri);
    assert.ok(uris.length > 0);
    for (const uri of uris) assert.equal(uri, 'my%20docs/%C3%A9nergie%20%231.kent');
  });

  test('a clean workspace is a valid log with no results', async () => {
    const r = await kent(['check', '--format', 'sarif'], workspace({ 'clean.kent': CLEAN }));
    assert.equal(r.status, 0);
    const log = JSON.parse(r.stdout) as SarifLog;
    assert.ok(new Ajv({ strict: false }).compile(SARIF_SCHEMA)(log));
    assert.deepEqual(log.runs[0].results, []);
  });
});

describe('the process Kent runs in', () => {
  test('a check in text or JSON leaves node:fs as it found it (only SARIF loads the SARIF builder, whose graceful-fs wraps fs.close)', () => {
    const script = `
      const fs = require('node:fs');
      const before = [fs.close, fs.closeSync, fs.open, fs.openSync, fs.readFileSync];
      const { runCli } = require(${JSON.stringify(path.join(root, 'dist', 'cli.js'))});
      const io = (format) => runCli(['check', '--format', format, '.'], { cwd: ${JSON.stringify(path.join(root, 'samples'))}, stdout: () => {}, stderr: () => {}, isTty: false });
      const same = () => [fs.close, fs.closeSync, fs.open, fs.openSync, fs.readFileSync].every((f, i) => f === before[i]);
      io('json'); io('text');
      const untouched = same();
      io('sarif');
      console.log(JSON.stringify({ untouched, afterSarif: same() }));`;
    const out = JSON.parse(execFileSync(process.execPath, ['-e', script], { encoding: 'utf8' }));
    // The second is not a requirement: it shows the test can see a wrapped fs at all.
    assert.deepEqual(out, { untouched: true, afterSarif: false });
  });
});

describe('links to documents', { concurrency: true }, () => {
  test('a link to a document of the workspace is that document, read once under its own name', async () => {
    const dir = workspace({ 'sub/w.kent': WARN });
    // Named to come first, in a folder walked first, and also given as a path.
    fs.symlinkSync('sub/w.kent', path.join(dir, '0-link.kent'));
    for (const args of [[], ['0-link.kent', 'sub'], ['--root', '.', '0-link.kent']]) {
      const r = await kent(['check', '--format', 'json', ...args], dir);
      const report = json(r);
      assert.equal(report.files, 1, args.join(' '));
      assert.deepEqual(
        report.diagnostics.map((d) => `${d.file} ${d.code}`),
        ['sub/w.kent unsupported-claim'],
        args.join(' '),
      );
      assert.equal(r.status, 0, args.join(' '));
    }
    const exported = await kent(['export', '0-link.kent', '--format', 'md'], dir);
    assert.equal(exported.status, 0, exported.stderr);
    assert.doesNotMatch(exported.stdout, /duplicate-id/);
  });
});

describe('workspace confinement on disk', { concurrency: true }, () => {
  test('`..`, an absolute path and a link out of the root are path-outside-workspace; inside files are read', async () => {
    const dir = workspace({ 'secret.txt': 'the secret text', 'ws/sources/ok.txt': 'some other words' });
    fs.writeFileSync(
      path.join(dir, 'ws', 'a.kent'),
      `assessment a: A

source up: Up and out
  file: ../secret.txt

source abs: Absolute
  file: ${path.join(dir, 'secret.txt')}

source link: Through a link
  file: sources/link.txt

source ok: Inside
  file: sources/ok.txt

evidence E1: Quoted from the local copy.
  source: ok
  quote: "not in the file"

Cited [@up; @abs; @link; @ok].
`,
    );
    fs.symlinkSync(path.join(dir, 'secret.txt'), path.join(dir, 'ws', 'sources', 'link.txt'));
    const r = await kent(['check', '--format', 'json'], path.join(dir, 'ws'));
    const report = json(r);
    const outside = report.diagnostics.filter((d) => d.code === 'path-outside-workspace');
    assert.deepEqual(
      outside.map((d) => d.range.start.line + 1),
      [4, 7, 10],
    );
    assert.match(outside[2].message, /through a link/);
    assert.ok(!r.stdout.includes('the secret text'));
    // ok.txt is inside and was read: the quote is checked against it.
    assert.deepEqual(
      report.diagnostics.filter((d) => d.code === 'quote-not-found').map((d) => d.range.start.line + 1),
      [17],
    );
    assert.equal(r.status, 1);
  });
});

describe('the samples', { concurrency: true }, () => {
  const tour = path.join(root, 'samples', 'tour');
  const rt = path.join(root, 'samples', 'russia-taiwan');

  test('samples/tour, checked as its own workspace, reports every code of CODES', { skip: fs.existsSync(path.join(tour, 'README.md')) ? false : 'samples/tour is not there yet' }, async () => {
    const r = await kent(['check', '--root', 'samples/tour', 'samples/tour', '--format', 'json'], root);
    const report = json(r);
    const seen = new Set(report.diagnostics.map((d) => d.code));
    assert.deepEqual(
      CODES.filter((c) => !seen.has(c)),
      [],
    );
    assert.equal(r.status, 1);
  });

  test('samples/russia-taiwan: no syntax or unresolved-reference; at least one cross-document diagnostic', { skip: fs.existsSync(rt) ? false : 'samples/russia-taiwan is not there' }, async () => {
    const r = await kent(['check', 'samples/russia-taiwan', '--format', 'json'], root);
    const report = json(r);
    assert.ok(report.files >= 2);
    assert.deepEqual(
      report.diagnostics.filter((d) => d.code === 'syntax' || d.code === 'unresolved-reference').map((d) => `${d.file}:${d.range.start.line + 1} ${d.code}: ${d.message}`),
      [],
    );
    assert.ok(
      report.diagnostics.some((d) => d.related.some((x) => x.file !== d.file && x.file.endsWith('.kent'))),
      'no diagnostic with a related location in another document',
    );
  });
});

describe('--format github', { concurrency: true }, () => {
  test('one workflow command per diagnostic, at its lines and columns, escaped; info and hint are notices; paths as the job sees them', async () => {
    const dir = workspace({ ...PAIR, 'a.kent': PAIR['a.kent'] + '\nsource s2: Unused\n  reliability: C\n' });
    const r = await kent(['check', '--format', 'github'], dir);
    assert.equal(r.status, 1, r.stderr);
    const lines = r.stdout.trimEnd().split('\n');
    assert.equal(lines.at(-1), '2 errors, 0 warnings, 0 infos, 1 hint in 2 files');
    assert.deepEqual(lines.slice(0, -1).map((l) => l.replace(/::[^:]*$/, '')), [
      '::error file=a.kent,line=5,col=12,endLine=5,endColumn=15,title=kent contradiction',
      '::notice file=a.kent,line=11,col=8,endLine=11,endColumn=10,title=kent unused-source',
      '::error file=sub/b.kent,line=3,col=7,endLine=3,endColumn=8,title=kent contradiction',
    ]);
    // "%" is escaped as %25, or the runner would read "55–80%" as an escape.
    assert.match(lines[0], /::X \(likely, 55–80%25\) states the same proposition as b\/Y \(unlikely, 20–45%25\)/);
    assert.doesNotMatch(lines[0].replace(/%25|%0A|%0D|%3A|%2C/g, ''), /%/);
    // Run from the folder above with --root: the paths start with the folder.
    const above = await kent(['check', '--root', path.basename(dir), '--format', 'github', path.basename(dir)], path.dirname(dir));
    assert.match(above.stdout, new RegExp(`^::error file=${path.basename(dir)}/a\\.kent,line=5,`, 'm'));
  });
});

describe('columns and fingerprints for GitHub', { concurrency: true }, () => {
  interface Region {
    startLine: number;
    startColumn: number;
    endLine: number;
    endColumn: number;
  }
  interface Run {
    columnKind?: string;
    tool: { driver: { rules: Array<{ id: string; fullDescription?: { text: string }; help?: { text: string; markdown?: string }; defaultConfiguration?: { level: string }; properties?: Record<string, string> }> } };
    results: Array<{ ruleId: string; partialFingerprints: Record<string, string>; locations: Array<{ physicalLocation: { region: Region } }> }>;
  }
  const sarifRun = (r: { stdout: string }) => (JSON.parse(r.stdout) as { runs: Run[] }).runs[0];
  // CRLF line ends, an emoji and CJK before a span, and a span over two lines.
  const MIXED = 'assessment e: 東京 🔋\r\n\r\n🔋🔋 東京 cites [@nosuch].\r\n\r\nWe assess with high\r\nconfidence that Borduria will probably join.\r\n';

  test('--format github: columns count characters (an emoji is one, not two UTF-16 units); a span over two lines has none; words quoted from over a line break are one line', async () => {
    const r = await kent(['check', '--format', 'github'], workspace({ 'e.kent': MIXED }));
    assert.equal(r.status, 1, r.stderr);
    // "🔋🔋 東京 cites [@" is 14 characters (16 UTF-16 units): "nosuch" is columns 15–20.
    assert.match(r.stdout, /^::error file=e\.kent,line=3,col=15,endLine=3,endColumn=21,title=kent unresolved-reference::/m);
    // The runner drops col and endColumn when line and endLine differ; Kent does not send them.
    assert.match(r.stdout, /^::warning file=e\.kent,line=5,endLine=6,title=kent mixed-likelihood-confidence::[^\r\n%]*"with high confidence"/m);
  });

  test('--format github: the notes on stderr are workflow commands, so the run\'s summary shows a folder with no documents or a file not read', async () => {
    const empty = await kent(['check', 'sources', '--format', 'github'], workspace({ 'clean.kent': CLEAN, 'sources/a.txt': 'text\n' }));
    assert.equal(empty.status, 0);
    assert.equal(empty.stderr, '::warning title=kent::no .kent documents under sources\n');
    const dir = workspace({ 'ok.kent': WARN });
    fs.symlinkSync(path.join(dir, 'gone.kent'), path.join(dir, 'dangling.kent'));
    const unread = await kent(['check', '.', '--format', 'github'], dir);
    assert.equal(unread.status, 2);
    assert.equal(unread.stderr, '::error title=kent::cannot read dangling.kent: ENOENT\n');
  });

  test('--format sarif: regions in code points, said in columnKind; rules with what code scanning reads', async () => {
    const r = await kent(['check', '--format', 'sarif'], workspace({ 'e.kent': MIXED }));
    const run = sarifRun(r);
    assert.equal(run.columnKind, 'unicodeCodePoints');
    const unresolved = run.results.find((x) => x.ruleId === 'unresolved-reference');
    assert.deepEqual(unresolved?.locations[0].physicalLocation.region, { startLine: 3, startColumn: 15, endLine: 3, endColumn: 21 });
    for (const rule of run.tool.driver.rules) {
      assert.ok(rule.fullDescription?.text && rule.help?.text && rule.help.markdown, rule.id);
      assert.match(rule.defaultConfiguration?.level ?? '', /^(error|warning|note)$/, rule.id);
      assert.match(rule.properties?.['problem.severity'] ?? '', /^(error|warning|recommendation)$/, rule.id);
    }
  });

  test('--format sarif: each result has a fingerprint that lines added above it leave as it was, and no two are alike', async () => {
    const doc = (above: string) => `assessment f: F\n${above}\nclaim C1: Unsupported.\n\nclaim C2: Unsupported.\n\nclaim C3: Unsupported.\n`;
    const fingerprints = async (above: string) => {
      const run = sarifRun(await kent(['check', '--format', 'sarif'], workspace({ 'f.kent': doc(above) })));
      return run.results.map((x) => ({ line: x.locations[0].physicalLocation.region.startLine, fingerprint: x.partialFingerprints['kentResult/v1'] }));
    };
    const before = await fingerprints('');
    const after = await fingerprints('\nSome prose.\n\nMore prose.\n');
    assert.equal(before.length, 3);
    assert.equal(new Set(before.map((x) => x.fingerprint)).size, 3);
    assert.deepEqual(after, before.map((x) => ({ ...x, line: x.line + 4 })));
  });
});

test('kent check says "did you mean" for a missing file beside one of a near name, as the editor does', async () => {
  const dir = workspace({ 'a.kent': 'assessment a: A\n  bibliography: ref.bib\n', 'refs.bib': '@misc{k, title = {T}}\n' });
  const r = await kent(['check'], dir);
  assert.match(r.stdout, /^a\.kent:2:17: warning source-file-missing: .*ref\.bib.* does not exist \(looked for ref\.bib; did you mean refs\.bib\?\)$/m, r.stdout + r.stderr);
});
