// Runs one comparison tool over a generated folder in this fresh process and prints its time, the
// bytes it read and its peak memory as JSON:
//   node bench/compare.mjs argdown-parse DIR   Argdown: ArgdownApplication with the parser plugin
//   node bench/compare.mjs argdown-model DIR   Argdown: parser + model plugins (statements, arguments, relations)
//   node bench/compare.mjs markdown DIR        vscode-markdown-languageservice: computeDiagnostics with link
//                                              validation on every document of an in-memory workspace
// The time includes reading the files, as `kent check`'s does.
import * as fs from 'node:fs';
import * as path from 'node:path';

const [mode, dir] = process.argv.slice(2);

function listFiles(root, ext) {
  const out = [];
  const walk = (d) => {
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      const p = path.join(d, e.name);
      if (e.isDirectory()) walk(p);
      else if (!ext || p.endsWith(ext)) out.push(p);
    }
  };
  walk(root);
  return out.sort();
}

function cpuSince(cpu0) {
  const c = process.cpuUsage(cpu0);
  return (c.user + c.system) / 1000;
}

async function argdown(withModel) {
  const { ArgdownApplication, ParserPlugin, ModelPlugin } = await import('@argdown/core');
  const app = new ArgdownApplication();
  app.addPlugin(new ParserPlugin(), 'parse-input');
  if (withModel) app.addPlugin(new ModelPlugin(), 'build-model');
  const processes = withModel ? ['parse-input', 'build-model'] : ['parse-input'];
  const cpu0 = process.cpuUsage();
  const t0 = process.hrtime.bigint();
  let bytes = 0;
  let errors = 0;
  let statements = 0;
  let relations = 0;
  for (const f of listFiles(dir, '.argdown')) {
    const input = fs.readFileSync(f, 'utf8');
    bytes += Buffer.byteLength(input);
    const r = app.run({ process: processes, input });
    errors += (r.lexerErrors?.length ?? 0) + (r.parserErrors?.length ?? 0);
    statements += Object.keys(r.statements ?? {}).length + Object.keys(r.arguments ?? {}).length;
    relations += r.relations?.length ?? 0;
  }
  return { ms: Number(process.hrtime.bigint() - t0) / 1e6, cpuMs: cpuSince(cpu0), bytes, errors, statements, relations };
}

async function markdown() {
  const md = await import('vscode-markdown-languageservice');
  const { default: MarkdownIt } = await import('markdown-it');
  const { TextDocument } = await import('vscode-languageserver-textdocument');
  const { URI, Utils } = await import('vscode-uri');
  const { CancellationTokenSource } = await import('vscode-languageserver-protocol');
  const cpu0 = process.cpuUsage();
  const t0 = process.hrtime.bigint();
  const root = URI.file(path.resolve(dir));
  const docs = new Map();
  const others = new Set();
  let bytes = 0;
  for (const f of listFiles(dir)) {
    const uri = URI.file(path.resolve(f));
    if (f.endsWith('.md')) {
      const text = fs.readFileSync(f, 'utf8');
      bytes += Buffer.byteLength(text);
      docs.set(uri.toString(), TextDocument.create(uri.toString(), 'markdown', 1, text));
    } else others.add(uri.toString());
  }
  const dirs = new Set();
  for (const u of [...docs.keys(), ...others]) for (let p = Utils.dirname(URI.parse(u)); p.path.length > 1; p = Utils.dirname(p)) dirs.add(p.toString());
  const none = () => ({ dispose() {} });
  const workspace = {
    workspaceFolders: [root],
    onDidChangeMarkdownDocument: none,
    onDidCreateMarkdownDocument: none,
    onDidDeleteMarkdownDocument: none,
    async getAllMarkdownDocuments() {
      return docs.values();
    },
    hasMarkdownDocument: (uri) => docs.has(uri.toString()),
    async openMarkdownDocument(uri) {
      return docs.get(uri.toString());
    },
    async stat(uri) {
      const k = uri.toString();
      return docs.has(k) || others.has(k) ? { isDirectory: false } : dirs.has(k) ? { isDirectory: true } : undefined;
    },
    async readDirectory() {
      return [];
    },
  };
  const mdIt = new MarkdownIt({ html: true });
  const parser = { slugifier: md.githubSlugifier, tokenize: async (doc) => mdIt.parse(doc.getText(), {}) };
  const logger = { level: md.LogLevel.Off, log() {} };
  const service = md.createLanguageService({ workspace, parser, logger });
  const level = md.DiagnosticLevel.warning;
  const options = { validateReferences: level, validateFragmentLinks: level, validateFileLinks: level, validateMarkdownFileLinkFragments: level, validateUnusedLinkDefinitions: level, validateDuplicateLinkDefinitions: level, ignoreLinks: [] };
  const token = new CancellationTokenSource().token;
  let diagnostics = 0;
  for (const doc of docs.values()) diagnostics += (await service.computeDiagnostics(doc, options, token)).length;
  service.dispose();
  return { ms: Number(process.hrtime.bigint() - t0) / 1e6, cpuMs: cpuSince(cpu0), bytes, errors: diagnostics };
}

const out = mode === 'markdown' ? await markdown() : await argdown(mode === 'argdown-model');
out.maxRssMb = process.resourceUsage().maxRSS / 1024;
console.log(JSON.stringify(out));
