// The limits Kent is held to, one scenario per process so that memory and stack are measured
// alone: `node --import tsx --expose-gc --stack-size=400 fuzz/limits.ts SCENARIO` prints one JSON
// object (timings, heap growth, peak RSS, and the facts a test asserts). test/limits.test.ts runs
// every scenario with a capped heap (--max-old-space-size) and a reduced stack; docs/security.md
// quotes the numbers. `node --import tsx fuzz/limits.ts all` prints a table of every scenario.
//
//   big    a 50 MB document: 31,000 sections of prose, claims and evidence, a problem at the end
//   line   a 5 MB statement line and a 5 MB prose line
//   items  20,000 items in one document
//   deep   a support chain 10,000 deep (C1 because C2 because … C10000), and one grounded 10,000 deep
//   cycle  a support cycle through 1,000 documents
import { execFileSync } from 'node:child_process';
import * as path from 'node:path';
import { checkDocument, checkWorkspace } from '../server/src/core/analyze';
import type { KentDocument } from '../server/src/core/model';
import { completions } from '../server/src/core/service/completion';
import { foldingRanges } from '../server/src/core/service/folding';
import { hover } from '../server/src/core/service/hover';
import { inlayHints } from '../server/src/core/service/inlayHints';
import { references, rename } from '../server/src/core/service/navigation';
import { documentSymbols } from '../server/src/core/service/symbols';
import { LineIndex } from '../server/src/core/text';
import type { KentDiagnostic } from '../server/src/core/types';
import { Workspace } from '../server/src/core/workspace';

export const SCENARIOS = ['big', 'line', 'items', 'deep', 'cycle'] as const;
export type Scenario = (typeof SCENARIOS)[number];

export interface LimitResult {
  scenario: Scenario;
  /** Size of the input, in MB of text. */
  inputMb: number;
  /** Milliseconds per step (parse, check, services), wall clock. */
  ms: Record<string, number>;
  /** The same in CPU time (the process's own: what a busy machine does not inflate). */
  cpuMs: Record<string, number>;
  /** Heap retained by the workspace after checking, after a full GC, MB. */
  heapGrowthMb: number;
  peakRssMb: number;
  /** What the test asserts. */
  facts: Record<string, unknown>;
}

const gc = (globalThis as { gc?: () => void }).gc ?? (() => undefined);
const host = { readFile: () => ({ ok: false as const, reason: 'missing' as const }) };

function heapMb(): number {
  gc();
  gc();
  return process.memoryUsage().heapUsed / 1e6;
}

export function runScenario(scenario: Scenario): LimitResult {
  const ms: Record<string, number> = {};
  const cpuMs: Record<string, number> = {};
  const time = <T>(step: string, f: () => T): T => {
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    const r = f();
    ms[step] = Math.round(performance.now() - t0);
    const c = process.cpuUsage(c0);
    cpuMs[step] = Math.round((c.user + c.system) / 1000);
    return r;
  };
  const base = heapMb();
  const ws = new Workspace(host);
  const facts: Record<string, unknown> = {};
  let inputMb = 0;
  const where = (doc: KentDocument, d: KentDiagnostic | undefined) => {
    if (!d) return undefined;
    const p = new LineIndex(doc.text).position(d.span.start);
    return { line: p.line, character: p.character, text: doc.text.slice(d.span.start, d.span.end), message: d.message };
  };
  const lineOf = (text: string, needle: string) => new LineIndex(text).position(text.lastIndexOf(needle)).line;

  switch (scenario) {
    case 'big': {
      const para = "Russia benefits from tension in the Asia-Pacific but not from a war there, and its help to China would look like China's help to Russia since 2022; analysts disagree on how far it would go. ";
      const parts: string[] = ['assessment big: A very long assessment\n\n'];
      let n = 0;
      let i = 0;
      while (n < 50e6) {
        const chunk =
          `# Section ${i}\n\n${(para + para + para).trim()} [[C${i}]] [@src${i % 100}, p. ${i}]\n\n${para.repeat(4).trim()}\n\n` +
          `claim C${i}: Russia would probably avoid direct involvement in conflict ${i}.\n  likelihood: likely\n  because: E${i}\n\n` +
          `evidence E${i}: Experts expect no direct Russian role in case ${i}.\n  source: src${i % 100}\n  credibility: 2\n\n`;
        parts.push(chunk);
        n += chunk.length;
        i++;
      }
      for (let s = 0; s < 100; s++) parts.push(`source src${s}: Source ${s}\n  reliability: B\n\n`);
      parts.push('judgment Final: The last judgment, at the end of 50 MB.\n  likelihood: likely\n  because: Nowhere\n');
      const text = parts.join('');
      inputMb = text.length / 1e6;
      const doc = time('parse', () => ws.setDocument('big.kent', text));
      const diags = time('check', () => checkDocument(ws, doc));
      const last = text.lastIndexOf('Nowhere');
      time('hover', () => hover(ws, doc, last + 2));
      time('documentSymbols', () => documentSymbols(doc));
      time('foldingRanges', () => foldingRanges(doc));
      time('inlayHints', () => inlayHints(ws, doc, { start: 0, end: text.length }));
      facts.items = doc.items.length;
      facts.codes = countCodes(diags);
      facts.unresolved = where(doc, diags.find((d) => d.code === 'unresolved-reference'));
      facts.expectedLine = lineOf(text, 'because: Nowhere');
      facts.missingConfidence = where(doc, diags.find((d) => d.code === 'missing-confidence'));
      break;
    }
    case 'line': {
      const words = 'Russia would probably stay out of a war over Taiwan, as its forces are committed elsewhere and [@src] says so; ';
      const statement = words.repeat(Math.ceil(5e6 / words.length));
      const prose = 'The long paragraph goes on [[KJ1]] and on, with brackets [ and @ signs and colons: '.repeat(Math.ceil(5e6 / 85));
      const text = `assessment line: Long lines\n\njudgment KJ1: ${statement}\n  likelihood: likely\n  confidence: low\n  because: @src\n\n${prose}[[Missing]]\n\nsource src: A source\n  reliability: B\n`;
      inputMb = text.length / 1e6;
      const doc = time('parse', () => ws.setDocument('line.kent', text));
      const diags = time('check', () => checkDocument(ws, doc));
      const end = text.indexOf('\n  likelihood:') - 3;
      const h = time('hover', () => hover(ws, doc, text.indexOf('probably') + 2));
      const card = time('hover on the ID', () => hover(ws, doc, text.indexOf('KJ1') + 1));
      facts.cardLength = card?.markdown.length;
      time('completion', () => completions(ws, doc, end));
      const hints = time('inlayHints', () => inlayHints(ws, doc, { start: 0, end: text.length }));
      time('documentSymbols', () => documentSymbols(doc));
      facts.statementLength = doc.items[1]?.statementSpan.end - doc.items[1]?.statementSpan.start;
      facts.citations = doc.items[1]?.citations.length;
      facts.codes = countCodes(diags);
      facts.missing = where(doc, diags.find((d) => d.code === 'unresolved-reference'));
      facts.expectedLine = lineOf(text, '[[Missing]]');
      facts.expectedCharacter = text.lastIndexOf('[[Missing]]') + 2 - text.lastIndexOf('\n', text.lastIndexOf('[[Missing]]')) - 1;
      facts.hover = h?.markdown.slice(0, 80);
      facts.hints = hints.length;
      break;
    }
    case 'items': {
      const parts = ['assessment many: Many items\n\n'];
      for (let i = 1; i <= 20000; i++) parts.push(`claim C${i}: Russia would probably do thing ${i} in region ${i % 97}.\n  likelihood: likely\n  because: @src${i % 50}\n\n`);
      for (let i = 0; i < 50; i++) parts.push(`source src${i}: Source ${i}\n  reliability: B\n\n`);
      parts.push('claim C1: A second C1, at the very end.\n  because: @src0\n');
      const text = parts.join('');
      inputMb = text.length / 1e6;
      const doc = time('parse', () => ws.setDocument('items.kent', text));
      const diags = time('check', () => checkDocument(ws, doc));
      const lastRef = text.lastIndexOf('@src0') + 2;
      const refs = time('references', () => references(ws, doc, lastRef, true));
      const r = time('rename', () => rename(ws, doc, lastRef, 'renamed'));
      time('hover', () => hover(ws, doc, text.lastIndexOf('claim C20000') + 7));
      time('completion', () => completions(ws, doc, text.length));
      const symbols = time('documentSymbols', () => documentSymbols(doc));
      time('inlayHints', () => inlayHints(ws, doc, { start: 0, end: text.length }));
      facts.items = doc.items.length;
      facts.symbols = symbols.length;
      facts.codes = countCodes(diags);
      facts.duplicate = where(doc, diags.find((d) => d.code === 'duplicate-id'));
      facts.expectedLine = lineOf(text, 'claim C1: A second');
      facts.references = refs.length;
      facts.renameEdits = 'edits' in r ? r.edits.length : r.error;
      break;
    }
    case 'deep': {
      const N = 10000;
      const parts = ['assessment deep: Deep chains\n\n'];
      for (let i = 1; i <= N; i++) parts.push(`claim C${i}: Claim number ${i} of a chain that ends in an assumption.\n  because: ${i < N ? `C${i + 1}` : 'A1'}\n\n`);
      for (let i = 1; i <= N; i++) parts.push(`claim D${i}: Claim number ${i} of a chain that ends in a source.\n  because: ${i < N ? `D${i + 1}` : '@src'}\n\n`);
      parts.push('assumption A1: Nothing changes.\n\n');
      parts.push('judgment KJ1: The top of the first chain is likely.\n  likelihood: likely\n  confidence: high\n  because: C1\n\n');
      parts.push('judgment KJ2: The top of the second chain is likely.\n  likelihood: likely\n  confidence: high\n  because: D1\n\n');
      parts.push('source src: The one source at the bottom\n  reliability: B\n');
      const text = parts.join('');
      inputMb = text.length / 1e6;
      const doc = time('parse', () => ws.setDocument('deep.kent', text));
      const diags = time('check', () => checkDocument(ws, doc));
      time('hover', () => hover(ws, doc, text.indexOf('because: C2') + 10));
      const refs = time('references', () => references(ws, doc, text.lastIndexOf('@src') + 2, true));
      const ungrounded = diags.filter((d) => d.code === 'ungrounded-claim');
      const byId = (id: string) => ungrounded.find((d) => doc.text.slice(d.span.start, d.span.end) === id);
      facts.codes = countCodes(diags);
      facts.ungroundedIds = ungrounded.map((d) => doc.text.slice(d.span.start, d.span.end)).filter((id) => /^D/.test(id)).length;
      facts.c1 = byId('C1')?.message;
      facts.c9999 = byId('C9999')?.message;
      facts.kj1 = byId('KJ1')?.message;
      facts.maxRelated = Math.max(0, ...diags.map((d) => d.related?.length ?? 0));
      facts.maxMessage = Math.max(0, ...diags.map((d) => d.message.length));
      const kj2 = doc.items.find((i) => i.id === 'KJ2')!.span;
      facts.overconfidentKJ2 = diags.find((d) => d.code === 'overconfident' && d.span.start >= kj2.start && d.span.end <= kj2.end)?.message;
      facts.references = refs.length;
      break;
    }
    case 'cycle': {
      const N = 1000;
      let bytes = 0;
      time('parse', () => {
        for (let i = 0; i < N; i++) {
          const text = `assessment d${i}: Document ${i} of a ring\n\nclaim C: The claim of document ${i}, which stands on the next one.\n  because: d${(i + 1) % N}/C\n`;
          bytes += text.length;
          ws.setDocument(`ring/d${i}.kent`, text);
        }
      });
      inputMb = bytes / 1e6;
      const all = time('checkWorkspace', () => checkWorkspace(ws));
      const d0 = ws.getDocument('ring/d0.kent')!;
      const refs = time('references', () => references(ws, d0, d0.items[1].idSpan.start, true));
      const circular = [...all.values()].flat().filter((d) => d.code === 'circular-support');
      facts.documents = all.size;
      facts.circular = circular.length;
      facts.documentsWithCircular = new Set(circular.map((d) => d.path)).size;
      facts.d0 = circular.find((d) => d.path === 'ring/d0.kent')?.message;
      facts.maxRelated = Math.max(0, ...circular.map((d) => d.related?.length ?? 0));
      facts.maxMessage = Math.max(0, ...circular.map((d) => d.message.length));
      facts.references = refs.length;
      break;
    }
  }
  const heapGrowthMb = Math.round(heapMb() - base);
  // Keep the workspace alive until it is measured.
  facts.documentsInWorkspace = ws.documents().length;
  return { scenario, inputMb: Math.round(inputMb * 10) / 10, ms, cpuMs, heapGrowthMb, peakRssMb: Math.round(process.resourceUsage().maxRSS / 1024), facts };
}

function countCodes(diags: KentDiagnostic[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const d of diags) out[d.code] = (out[d.code] ?? 0) + 1;
  return out;
}

/** Node flags each scenario runs under: a capped heap proves memory bounded, a small stack proves no recursion. */
export const FLAGS: Record<Scenario, string[]> = {
  big: ['--max-old-space-size=1536', '--stack-size=400'],
  line: ['--max-old-space-size=1024', '--stack-size=400'],
  items: ['--max-old-space-size=512', '--stack-size=400'],
  deep: ['--max-old-space-size=512', '--stack-size=400'],
  cycle: ['--max-old-space-size=512', '--stack-size=400'],
};

/** Run a scenario in its own process with its flags; resolves with its result. */
export function runInChild(scenario: Scenario): LimitResult {
  const out = execFileSync(process.execPath, ['--import', 'tsx', '--expose-gc', ...FLAGS[scenario], __filename, scenario], {
    cwd: path.resolve(__dirname, '..'),
    encoding: 'utf8',
    maxBuffer: 1 << 24,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  return JSON.parse(out) as LimitResult;
}

if (require.main === module) {
  const which = process.argv[2];
  if (which === 'all') {
    console.log('| scenario | input MB | parse ms | check ms | heap growth MB | peak RSS MB | flags |');
    console.log('| --- | ---: | ---: | ---: | ---: | ---: | --- |');
    for (const s of SCENARIOS) {
      const r = runInChild(s);
      console.log(`| ${s} | ${r.inputMb} | ${r.ms.parse} | ${r.ms.check ?? r.ms.checkWorkspace} | ${r.heapGrowthMb} | ${r.peakRssMb} | ${FLAGS[s].join(' ')} |`);
    }
  } else if ((SCENARIOS as readonly string[]).includes(which)) {
    process.stdout.write(JSON.stringify(runScenario(which as Scenario)));
  } else {
    console.error(`usage: node --import tsx --expose-gc fuzz/limits.ts ${SCENARIOS.join('|')}|all`);
    process.exit(2);
  }
}
