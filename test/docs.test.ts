// The documentation's `kent check` transcripts are Kent's real output. docs/checks.md and
// docs/language.md say "every example was run with `kent check`; the output shown is what it
// printed": this test runs every example through the built CLI and compares, character for
// character, so that a change to a message fails here until the docs show it.
//
// How an example is read from the Markdown (both pages say so in their introductions):
//
// - A transcript is a ```text block whose first line is `$ kent check [ARGS]`; the lines after
//   it are the expected stdout, the last one the summary (or a JSON report for --format json).
// - Its files are the fenced blocks between it and the previous transcript or heading. A block
//   captioned by a line of its own, `name`: (a path in backquotes, then a colon, a blank line
//   before the fence), is that file, whatever its language; an uncaptioned ```kent block is
//   example.kent; other uncaptioned blocks (a syntax sketch, a sample kent.json) are not files.
// - A transcript with no files of its own, right after another in the same section, runs on
//   that one's files (the same workspace checked another way).
// - The exit status is 1 when the summary counts an error (for JSON, when a diagnostic is an
//   error), else 0; a caption "(exit status N)" before the transcript must agree.
//
// Every example runs in a fresh temporary folder, with that folder as the current directory,
// as `node bin/kent.js check ARGS`. stderr must be empty: a transcript shows all Kent printed.
import { describe, test } from 'node:test';
import * as assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { cliSuite } from './cliSuite';

const here = typeof __dirname === 'string' ? __dirname : path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '..');
const KENT = path.join(root, 'bin', 'kent.js');

/** The Markdown files whose transcripts are checked. */
const DOCS = ['docs/checks.md', 'docs/language.md', 'docs/security.md', 'README.md'];

interface Example {
  /** Where the transcript is: `docs/checks.md:123`. */
  where: string;
  /** The heading the transcript is under. */
  section: string;
  /** The arguments after `kent check`. */
  args: string[];
  /** The workspace: path → content. */
  files: Record<string, string>;
  /** What Kent must print on stdout. */
  stdout: string;
  /** The exit status stated in a caption "(exit status N)", if any. */
  statedStatus?: number;
}

interface Fence {
  /** 1-based line of the opening fence. */
  line: number;
  info: string;
  body: string;
  /** The caption line before it (a blank line between), if it is one. */
  caption?: string;
}

const TRANSCRIPT = /^\$ kent check(?: (.*))?$/;
const FILE_CAPTION = /^`([^`\s]+)`:$/;

/** Reads every `kent check` example of a Markdown text; throws on anything ambiguous. */
export function extractExamples(markdown: string, name: string): Example[] {
  const lines = markdown.split('\n');
  const examples: Example[] = [];
  let section = '';
  let files: Record<string, string> = {};
  let filesSeen = false;
  let previous: Example | undefined;
  const fail = (line: number, why: string): never => {
    throw new Error(`${name}:${line}: ${why}`);
  };

  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    const heading = /^#{1,6} (.*)$/.exec(line);
    if (heading) {
      section = heading[1];
      files = {};
      filesSeen = false;
      previous = undefined;
      continue;
    }
    const open = /^(`{3,})(.*)$/.exec(line);
    if (!open) continue;
    const fenceLine = i + 1;
    const body: string[] = [];
    for (i++; i < lines.length && lines[i] !== open[1]; i++) body.push(lines[i]);
    if (i >= lines.length) fail(fenceLine, 'unclosed fence');
    const caption = fenceLine >= 3 && lines[fenceLine - 2] === '' ? lines[fenceLine - 3] : undefined;
    const fence: Fence = { line: fenceLine, info: open[2].trim(), body: body.join('\n'), caption };

    const command = fence.info === 'text' ? TRANSCRIPT.exec(body[0] ?? '') : null;
    if (command) {
      let workspace = files;
      if (!filesSeen) {
        if (!previous) fail(fenceLine, `a \`kent check\` transcript with no example files before it in "${section}"`);
        workspace = previous!.files;
      }
      const status = fence.caption ? /\(exit status (\d+)\)/.exec(fence.caption) : null;
      previous = {
        where: `${name}:${fenceLine}`,
        section,
        args: command[1] ? command[1].split(/\s+/) : [],
        files: workspace,
        stdout: body.slice(1).join('\n') + '\n',
        statedStatus: status ? Number(status[1]) : undefined,
      };
      examples.push(previous);
      files = {};
      filesSeen = false;
      continue;
    }

    const captioned = fence.caption ? FILE_CAPTION.exec(fence.caption) : null;
    const file = captioned ? captioned[1] : fence.info === 'kent' ? 'example.kent' : undefined;
    if (file === undefined) continue;
    if (file in files) fail(fenceLine, `${file} is given twice for one example (caption the blocks with their file names)`);
    if (path.isAbsolute(file) || file.split('/').includes('..')) fail(fenceLine, `${file} is not a path inside the example's folder`);
    files[file] = fence.body + '\n';
    filesSeen = true;
  }
  return examples;
}

/** How many `$ kent check` lines the text has, however they are fenced. */
function transcriptLines(markdown: string): number {
  return markdown.split('\n').filter((l) => TRANSCRIPT.test(l)).length;
}

/** The exit status the output implies: 1 when any error is reported. */
function impliedStatus(stdout: string, where: string): number {
  if (stdout.startsWith('{')) {
    const report = JSON.parse(stdout) as { diagnostics: Array<{ severity: string }> };
    return report.diagnostics.some((d) => d.severity === 'error') ? 1 : 0;
  }
  const summary = /^(\d+) errors?, \d+ warnings?, \d+ infos?, \d+ hints? in \d+ files?\n$/m.exec(stdout.slice(stdout.lastIndexOf('\n', stdout.length - 2) + 1));
  assert.ok(summary, `${where}: the transcript does not end with a summary line`);
  return Number(summary[1]) > 0 ? 1 : 0;
}

interface Run {
  status: number | null;
  stdout: string;
  stderr: string;
}

function kentCheck(args: string[], cwd: string): Promise<Run> {
  return new Promise((resolve) => {
    execFile(process.execPath, [KENT, 'check', ...args], { cwd, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' }, timeout: 120_000 }, (err, stdout, stderr) => {
      const status = err ? (typeof err.code === 'number' ? err.code : null) : 0;
      resolve({ status, stdout, stderr: status === null ? `${stderr}\n[kent did not exit: ${err?.message}]` : stderr });
    });
  });
}


const { workspace } = cliSuite('kent-docs-');

for (const doc of DOCS) {
  const markdown = fs.readFileSync(path.join(root, doc), 'utf8');
  const examples = extractExamples(markdown, doc);

  describe(doc, { concurrency: true }, () => {
    test('every `$ kent check` transcript is read as an example', () => {
      assert.equal(examples.length, transcriptLines(markdown), 'a `$ kent check` line outside a ```text block, or not on its first line');
    });

    for (const ex of examples) {
      test(`${ex.where} (${ex.section}): kent check ${ex.args.join(' ')}`.trimEnd(), async () => {
        const r = await kentCheck(ex.args, workspace(ex.files));
        assert.equal(r.stdout, ex.stdout, `${ex.where}: the transcript differs from what Kent prints`);
        assert.equal(r.stderr, '', `${ex.where}: Kent printed on stderr`);
        const implied = impliedStatus(ex.stdout, ex.where);
        if (ex.statedStatus !== undefined) assert.equal(ex.statedStatus, implied, `${ex.where}: the caption's exit status disagrees with the output`);
        assert.equal(r.status, implied, `${ex.where}: exit status`);
      });
    }
  });
}

test('the docs have the examples they had when this test was written', () => {
  // A floor, not an exact count: adding examples is welcome; losing them to a formatting
  // slip (a fence the extractor no longer reads) is not.
  const count = (doc: string) => extractExamples(fs.readFileSync(path.join(root, doc), 'utf8'), doc).length;
  assert.ok(count('docs/checks.md') >= 27, `docs/checks.md: ${count('docs/checks.md')} examples`);
  assert.ok(count('docs/language.md') >= 13, `docs/language.md: ${count('docs/language.md')} examples`);
});

describe('extractExamples', () => {
  test('an uncaptioned kent block is example.kent; captions name files; a transcript after another reuses its files', () => {
    const md = [
      '## one',
      '',
      '```kent',
      'claim C1: x',
      '```',
      '',
      '`sources/a.txt`:',
      '',
      '```text',
      'some text',
      '```',
      '',
      '```text',
      '$ kent check',
      '0 errors, 0 warnings, 0 infos, 0 hints in 1 file',
      '```',
      '',
      '`kent check` (exit status 1):',
      '',
      '```text',
      '$ kent check --format json x.kent',
      '{}',
      '```',
    ].join('\n');
    const [a, b, ...rest] = extractExamples(md, 'x.md');
    assert.equal(rest.length, 0);
    assert.deepEqual(a.files, { 'example.kent': 'claim C1: x\n', 'sources/a.txt': 'some text\n' });
    assert.deepEqual(a.args, []);
    assert.equal(a.stdout, '0 errors, 0 warnings, 0 infos, 0 hints in 1 file\n');
    assert.equal(b.files, a.files);
    assert.deepEqual(b.args, ['--format', 'json', 'x.kent']);
    assert.equal(b.statedStatus, 1);
  });

  test('a transcript with no files in its section, and two uncaptioned kent blocks, are errors', () => {
    assert.throws(() => extractExamples('## a\n\n```kent\nclaim C1: x\n```\n\n## b\n\n```text\n$ kent check\n```\n', 'x.md'), /no example files/);
    assert.throws(() => extractExamples('```kent\nclaim C1: x\n```\n\n```kent\nclaim C2: y\n```\n', 'x.md'), /example\.kent is given twice/);
  });
});

describe('docs/checks.md has one entry per diagnostic code', () => {
  // The guide asks for one entry per code: what, why, how to fix, an example. The table at the
  // top is held to the codes by config-schema.test.ts; this holds the sections to them.
  const markdown = fs.readFileSync(path.join(root, 'docs/checks.md'), 'utf8');
  const sections = new Map<string, string[]>();
  for (const part of markdown.split(/^(?=## )/m).slice(1)) {
    const name = /^## (.*)$/m.exec(part)![1];
    sections.set(name, [...(sections.get(name) ?? []), part]);
  }
  const examples = extractExamples(markdown, 'docs/checks.md');

  test('a section for each code, and none for a code Kent does not have', async () => {
    const { CODES } = await import('../server/src/core/types');
    for (const code of CODES) assert.equal(sections.get(code)?.length, 1, `## ${code}: ${sections.get(code)?.length ?? 0} sections`);
    const other = [...sections.keys()].filter((s) => /^[a-z]+(-[a-z]+)*$/.test(s) && !(CODES as readonly string[]).includes(s));
    assert.deepEqual(other, [], 'sections named like a code that Kent does not report');
  });

  test("each code's section gives its default severity, why it matters, the fix, and an example that shows the code", async () => {
    const { CODES, DEFAULT_SEVERITY } = await import('../server/src/core/types');
    for (const code of CODES) {
      const text = sections.get(code)?.[0] ?? '';
      const severity = /^\*\*Default severity:\*\* ([^.]+)\./m.exec(text);
      assert.ok(severity, `## ${code}: no "**Default severity:**"`);
      assert.ok(severity[1].startsWith(DEFAULT_SEVERITY[code]), `## ${code}: says ${severity[1]}, Kent's default is ${DEFAULT_SEVERITY[code]}`);
      assert.match(text, /^\*\*Why it matters\.\*\*/m, `## ${code}: no "**Why it matters.**"`);
      assert.match(text, /^\*\*Fix\.\*\*/m, `## ${code}: no "**Fix.**"`);
      const shown = examples.filter((ex) => ex.section === code && new RegExp(`: (error|warning|info|hint) ${code}: |"code": "${code}"`).test(ex.stdout));
      assert.ok(shown.length > 0, `## ${code}: no \`kent check\` example whose output shows ${code}`);
    }
  });
});

describe('README.md', () => {
  const readme = fs.readFileSync(path.join(root, 'README.md'), 'utf8');
  const fences = (info: string) => [...readme.matchAll(new RegExp('^```' + info + '\\n([\\s\\S]*?)^```$', 'gm'))].map((m) => m[1]);
  const run = (args: string[]) =>
    new Promise<Run>((resolve) =>
      execFile(process.execPath, [KENT, ...args], { cwd: root, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' }, timeout: 120_000 }, (err, stdout, stderr) =>
        resolve({ status: err ? (typeof err.code === 'number' ? err.code : null) : 0, stdout, stderr }),
      ),
    );

  test('"What it looks like" shows lines that `kent check samples` prints, which exits 1 as the first screen says', async () => {
    const shown = fences('text').find((f) => f.startsWith('samples/'));
    assert.ok(shown, 'no sample output under "What it looks like"');
    const r = await run(['check', 'samples']);
    assert.equal(r.status, 1, 'samples/tour has errors on purpose: exit status 1');
    for (const line of shown.trimEnd().split('\n')) assert.ok(r.stdout.split('\n').includes(line), `not in kent check samples: ${line}`);
    const clean = await run(['check', 'samples/russia-taiwan']);
    assert.equal(clean.status, 0, 'samples/russia-taiwan is said to be clean (no errors)');
  });

  test('the calibration transcript is what `kent calibration samples/russia-taiwan` prints (its "..." skips lines)', async () => {
    const transcript = fences('text').find((f) => f.startsWith('$ kent calibration '));
    assert.ok(transcript, 'no `$ kent calibration` transcript');
    const [command, ...lines] = transcript.trimEnd().split('\n');
    const r = await run(command.slice('$ kent '.length).split(' '));
    assert.equal(r.status, 0);
    const out = r.stdout.split('\n');
    let at = 0;
    for (const line of lines) {
      if (line === '...') continue;
      const found = out.indexOf(line, at);
      assert.ok(found >= 0, `not printed (in this order): ${line}`);
      at = found + 1;
    }
  });

  test('the table of libraries names every dependency of package.json', () => {
    const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')) as Record<string, Record<string, string>>;
    const table = readme.slice(readme.indexOf('Libraries, and why:'));
    const rows = table.slice(0, table.indexOf('\n\n', table.indexOf('| need |')));
    const named = new Set([...rows.matchAll(/`((?:@[\w.-]+\/)?[\w.-]+)(?:@\d+)?`/g)].map((m) => m[1]));
    const deps = [...Object.keys(pkg.dependencies), ...Object.keys(pkg.devDependencies)].filter((d) => !d.startsWith('@types/'));
    for (const d of deps) assert.ok(named.has(d), `README's table of libraries does not name ${d}`);
  });
});

test('the Ohm grammar in docs/language.md is the one Kent runs (server/src/core/grammar.ts)', () => {
  const docs = fs.readFileSync(path.join(root, 'docs/language.md'), 'utf8');
  const shown = /^```ohm\n([\s\S]*?)^```$/m.exec(docs);
  assert.ok(shown, 'docs/language.md: no ```ohm block');
  const source = fs.readFileSync(path.join(root, 'server/src/core/grammar.ts'), 'utf8');
  const real = /String\.raw`\n([\s\S]*?)`;/.exec(source);
  assert.ok(real, 'grammar.ts: no String.raw grammar');
  assert.equal(shown[1].trimEnd(), real[1].trimEnd());
});
