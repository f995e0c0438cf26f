// The JSON schema VS Code applies to kent.json (contributes.jsonValidation): completion and hovers
// for every setting, kept in step with the codes, severities and scales Kent reads, and no second
// set of errors beside Kent's own `invalid-config`. Run through Microsoft's JSON language
// service, the one VS Code's JSON support is built on.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import { getLanguageService, TextDocument, type CompletionList, type JSONSchema } from 'vscode-json-languageservice';
import { parseConfig } from '../server/src/core/config';
import { CODES, DEFAULT_SEVERITY } from '../server/src/core/types';

const ROOT = path.join(__dirname, '..');
const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
const contributed = pkg.contributes.jsonValidation as { fileMatch: string; url: string }[];
const schemaPath = path.join(ROOT, contributed[0].url);
const schema = JSON.parse(fs.readFileSync(schemaPath, 'utf8')) as JSONSchema;
const SEVERITIES = ['error', 'warning', 'info', 'hint', 'off'];

const service = getLanguageService({});
service.configure({ validate: true, schemas: [{ uri: 'kent://schema/kent.schema.json', fileMatch: ['kent.json'], schema }] });

/** `text` as kent.json, with `|` marking the cursor. */
function at(text: string): { doc: TextDocument; offset: number } {
  const offset = text.indexOf('|');
  return { doc: TextDocument.create('file:///ws/kent.json', 'json', 1, text.replace('|', '')), offset };
}

async function completions(text: string): Promise<string[]> {
  const { doc, offset } = at(text);
  const list = (await service.doComplete(doc, doc.positionAt(offset), service.parseJSONDocument(doc))) as CompletionList;
  return list.items.map((i) => i.label.replace(/^"|"$/g, ''));
}

async function hover(text: string): Promise<string> {
  const { doc, offset } = at(text);
  const h = await service.doHover(doc, doc.positionAt(offset), service.parseJSONDocument(doc));
  const contents = h?.contents ?? [];
  const plain = (c: string | { value: string }) => (typeof c === 'string' ? c : c.value);
  return Array.isArray(contents) ? contents.map(plain).join('\n') : plain(contents);
}

async function schemaProblems(text: string): Promise<string[]> {
  const doc = TextDocument.create('file:///ws/kent.json', 'json', 1, text);
  return (await service.doValidation(doc, service.parseJSONDocument(doc))).map((d) => (typeof d.message === 'string' ? d.message : d.message.value));
}

test('package.json gives kent.json its schema, a file the extension ships', () => {
  assert.deepEqual(contributed.map((c) => c.fileMatch), ['kent.json']);
  assert.ok(fs.existsSync(schemaPath));
  assert.match(fs.readFileSync(path.join(ROOT, '.vscodeignore'), 'utf8'), /^!schemas\/\*\*$/m);
});

test('the schema names every diagnostic code, in order, with its default severity as docs/checks.md gives it', () => {
  const rules = schema.properties!.rules as JSONSchema;
  assert.deepEqual(Object.keys(rules.properties!), [...CODES]);
  const table = new Map([...fs.readFileSync(path.join(ROOT, 'docs/checks.md'), 'utf8').matchAll(/^\| \[`([a-z-]+)`\]\(#[a-z-]+\) \| ([^|]+) \| (.+) \|$/gm)].map((m) => [m[1], { severity: m[2].trim(), reports: m[3].trim() }]));
  for (const code of CODES) {
    const row = table.get(code)!;
    const description = (rules.properties![code] as JSONSchema).markdownDescription!;
    assert.ok(description.includes(`${row.reports}. Default: ${row.severity}.`), `${code}: ${description}`);
    // A single default in the table is the one Kent applies.
    if (SEVERITIES.includes(row.severity)) assert.equal(row.severity, DEFAULT_SEVERITY[code]);
  }
});

test('the settings of the editor name every code too', () => {
  assert.deepEqual(Object.keys(pkg.contributes.configuration.properties['kent.rules'].properties), [...CODES]);
});

test('completion in kent.json: the settings, the codes under rules, the severities, the scales, the letters', async () => {
  assert.deepEqual((await completions('{ | }')).sort(), ['$schema', 'confidence', 'rules', 'scale']);
  assert.deepEqual((await completions('{ "rules": { | } }')).sort(), [...CODES].sort());
  assert.deepEqual(await completions('{ "rules": { "overconfident": | } }'), SEVERITIES);
  // A code already set is not offered again.
  assert.ok(!(await completions('{ "rules": { "overconfident": "error", | } }')).includes('overconfident'));
  assert.deepEqual(await completions('{ "rules": { "invalid-config": | } }'), ['off']);
  assert.deepEqual(await completions('{ "scale": | }'), ['icd203', 'phia']);
  assert.deepEqual((await completions('{ "confidence": { "high": { | } } }')).sort(), ['reliability', 'sources']);
  assert.deepEqual(await completions('{ "confidence": { "high": { "reliability": | } } }'), ['A', 'B', 'C', 'D', 'E', 'F']);
});

test('hovers in kent.json say what a setting or check does and its default', async () => {
  assert.match(await hover('{ "rules": { "overcon|fident": "error" } }'), /confidence higher than its independent, reliable sources allow\. Default: warning\./);
  assert.match(await hover('{ "sc|ale": "phia" }'), /PHIA/);
  assert.match(await hover('{ "confidence": { "high": { "sour|ces": 3 } } }'), /Default: 2\./);
});

test('what Kent reports in kent.json, the schema does not report again', async () => {
  const text = '{ "scale": "nato", "rules": { "overconfidnet": "error", "overconfident": "eror" }, "confidence": { "high": { "reliability": "Z" } }, "colour": 1 }';
  assert.equal(parseConfig(text).diagnostics.length, 5);
  assert.deepEqual(await schemaProblems(text), []);
});

test('the kent.json files of the samples are clean under the schema', async () => {
  const files = [...fs.readdirSync(path.join(ROOT, 'samples'), { recursive: true, encoding: 'utf8' })].filter((f) => path.basename(f) === 'kent.json');
  assert.ok(files.length > 0);
  for (const f of files) assert.deepEqual(await schemaProblems(fs.readFileSync(path.join(ROOT, 'samples', f), 'utf8')), [], f);
});

test('comments, trailing commas and "$schema", which Kent reads, are no errors under the schema either', async () => {
  // VS Code opens kent.json as plain JSON, where comments and trailing commas are errors unless the schema allows them.
  const text = '{\n  // the team\'s settings\n  "scale": "phia",\n  "rules": { "unused-source": "off", },\n}\n';
  assert.deepEqual(parseConfig(text).diagnostics, []);
  assert.deepEqual(await schemaProblems(text), []);
  // Other editors' JSON servers find the schema by "$schema" (a path here, which this test cannot load).
  const named = text.replace('{\n', '{\n  "$schema": "./node_modules/kent/schemas/kent.schema.json",\n');
  assert.deepEqual(parseConfig(named).diagnostics, []);
  assert.deepEqual(parseConfig('{ "$schema": 1 }').diagnostics.map((d) => d.message), ['kent.json: "$schema" must be a string, the path or URL of kent.schema.json']);
});
