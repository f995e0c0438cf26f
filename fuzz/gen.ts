// Inputs for the fuzzer: the sample workspaces (samples/**), documents generated from Kent's
// vocabulary, and mutations of either — lines deleted, duplicated, swapped; hostile characters
// inserted (`[`, `@`, `"`, `:`, tabs, CR, NUL, emoji, lone surrogates, BOM); truncation.
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Rng } from './rng';

export const ROOT = path.resolve(__dirname, '..');

/** One sample folder: its `.kent` documents and every other file (sources, bibliographies, kent.json). */
export interface SampleFolder {
  name: string;
  docs: Map<string, string>;
  files: Map<string, string>;
}

/** Every folder under samples/ with its files, relative POSIX paths. */
export function loadSamples(root = path.join(ROOT, 'samples')): SampleFolder[] {
  const out: SampleFolder[] = [];
  for (const name of fs.readdirSync(root).sort()) {
    const dir = path.join(root, name);
    if (!fs.statSync(dir).isDirectory()) continue;
    const folder: SampleFolder = { name, docs: new Map(), files: new Map() };
    const walk = (d: string) => {
      for (const e of fs.readdirSync(d, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
        const abs = path.join(d, e.name);
        if (e.isDirectory()) walk(abs);
        else if (e.isFile()) {
          const rel = path.relative(dir, abs).split(path.sep).join('/');
          (rel.endsWith('.kent') ? folder.docs : folder.files).set(rel, fs.readFileSync(abs, 'utf8'));
        }
      }
    };
    walk(dir);
    if (folder.docs.size) out.push(folder);
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Vocabulary

const KEYWORDS = ['assessment', 'judgment', 'claim', 'assumption', 'evidence', 'source'];
const IDS = ['KJ1', 'KJ2', 'C1', 'C2', 'C3', 'A1', 'E1', 'E2', 'iiss-2024', 'zhao-2021', 'blinken-2024', 'x', 'C-long_id-9'];
const DOC_IDS = ['russia-taiwan', 'nie-1998', 'nie-2000', 'tour', 'other', 'fuzz', 'nope'];
const ATTRIBUTES = [
  'date', 'author', 'bibliography', 'status', 'supersedes', 'likelihood', 'confidence', 'because', 'against', 'assumes', 'same-as', 'negates',
  'contradicts', 'revises', 'resolved', 'source', 'quote', 'locator', 'credibility', 'url', 'file', 'reliability', 'origin', 'kind',
  'becuase', 'Likelihood', 'x-custom', 'note',
];
const TERMS = [
  'almost no chance', 'remote', 'very unlikely', 'highly unlikely', 'unlikely', 'roughly even chance', 'even chance', 'likely', 'probably',
  'very likely', 'almost certain', 'nearly certain', 'realistic possibility', 'fairly likely', '70%', '60-75%', '60 – 75 %', '150%', '-5%',
  '75-60%', '0.5%', '1e3%', '',
];
const HEDGES = ['could', 'may', 'might', 'possibly', 'perhaps', 'conceivably', 'cannot be ruled out', 'it is possible that'];
const CONFIDENCE_PHRASES = ['we assess with high confidence that', 'with moderate confidence', 'we have low confidence'];
const PATHS = [
  'sources/iiss-2024.txt', 'refs.bib', 'bad.bib', 'sources/missing.txt', '../outside.txt', '../../etc/passwd', '/etc/passwd', 'C:\\Windows\\win.ini',
  '..\\..\\x.txt', 'file:///etc/passwd', '~/secret', 'sources/../../x', './sources/./zhao-2021.txt', 'sources\\zhao-2021.txt', 'http://example.com/x.bib', '',
];
const URLS = ['https://www.iiss.org/x', 'http://x', 'command:workbench.action.quit', 'javascript:alert(1)', 'file:///etc/passwd', 'https://a b', 'data:text/html,<b>'];
/** Names the estimative reader skips, and literal text: addresses, a link's destination, code spans with quotes and periods. */
const NAMES = [
  'https://example.org/probably', '<https://x.org/maybe/might>', 'analyst@may.example.org', 'www.likely.org/x', '[report](notes/may.md)', '[@may, p. 2]',
  '[see @may; -@likely]', '`a.b`', '`"`', '``say "hi". ok``', '`x]`', '`not`', '\\[@may]', 'mailto:x@y', '](', 'Consumer confidence is high', 'come what may',
];
/** Codes a `kent-ignore` may name: stale, unknown, its own, and a list of them. */
const IGNORE_CODES = ['unused-source', 'overconfident, vague-estimate', '', 'vague-estimate', 'syntax', 'unused-ignore', 'no-such-code', 'missing-likelihood, missing-confidence', 'estimative-mismatch,,'];
const WORDS = ['Russia', 'China', 'war', 'Taiwan', 'would', 'not', 'intervene', 'the', 'forces', 'Pacific', 'assets', 'benefit', 'from', 'tension', 'é', '中国', '🚀', 'naïve', 'Россия'];

/** Characters the parser has opinions about, and characters that break naive code. */
const HOSTILE = [
  '[', ']', '[[', ']]', '@', '[@', '"', '“', '”', ':', ',', ';', '/', '//', '#', '-', '–', '%', '\t', '\r', '\r\n', '\n', '\n\n', '\u0000', ' ', '  ',
  '\uFEFF', '\u2028', '\u00A0', '🚀', '👩‍👩‍👧', '\uD83D', '\uDE80', 'é', 'e\u0301', '中', '`', '```', '<', '>', '&', '\\', '*', '_', '!', '(', ')', '{', '}', '|',
  '\u202E', '\uFFFD', '\uFFFF', 'A', 'z', '0', '9',
];

export function randomWord(rng: Rng): string {
  return rng.chance(0.9) ? rng.pick(WORDS) : randomChars(rng, rng.range(1, 6));
}

export function randomChars(rng: Rng, n: number): string {
  let s = '';
  for (let i = 0; i < n; i++) s += rng.chance(0.5) ? rng.pick(HOSTILE) : String.fromCharCode(rng.chance(0.8) ? rng.range(32, 126) : rng.int(0x10000));
  return s;
}

function sentence(rng: Rng): string {
  const parts: string[] = [];
  const n = rng.range(1, 12);
  for (let i = 0; i < n; i++) {
    const r = rng.int(20);
    if (r === 0) parts.push(rng.pick(HEDGES));
    else if (r === 1) parts.push(rng.pick(TERMS));
    else if (r === 2) parts.push(rng.pick(CONFIDENCE_PHRASES));
    else if (r === 3) parts.push(`[[${rng.chance(0.3) ? rng.pick(DOC_IDS) + '/' : ''}${rng.pick(IDS)}]]`);
    else if (r === 4) parts.push(citation(rng));
    else if (r === 5) parts.push(rng.pick(NAMES));
    else parts.push(randomWord(rng));
  }
  return parts.join(' ') + rng.pick(['.', '', '?', '. Then', ';']);
}

function citation(rng: Rng): string {
  const cites: string[] = [];
  const n = rng.range(1, 3);
  for (let i = 0; i < n; i++) cites.push(`${rng.chance(0.1) ? '-' : ''}@${rng.pick(IDS)}${rng.chance(0.4) ? `, ${rng.pick(['p. 4', 'ch. 2', 'pp. 3–5', ''])}` : ''}`);
  return `[${cites.join(rng.pick(['; ', ';', ' ; ']))}]`;
}

function refList(rng: Rng): string {
  const refs: string[] = [];
  const n = rng.range(1, 4);
  for (let i = 0; i < n; i++) {
    const r = rng.int(6);
    if (r === 0) refs.push('@' + rng.pick(IDS));
    else if (r === 1) refs.push(citation(rng));
    else if (r === 2) refs.push(`${rng.pick(DOC_IDS)}/${rng.pick(IDS)}`);
    else refs.push(rng.pick(IDS));
  }
  return refs.join(rng.pick([', ', ',', ' , ']));
}

function attributeValue(rng: Rng, name: string): string {
  switch (name) {
    case 'likelihood':
      return rng.pick(TERMS);
    case 'confidence':
      return rng.pick(['low', 'moderate', 'high', 'very high', 'hihg', '']);
    case 'because':
    case 'against':
    case 'assumes':
    case 'contradicts':
    case 'same-as':
    case 'negates':
    case 'revises':
      return refList(rng);
    case 'resolved':
      return rng.pick(['true', 'false 2025-01', 'maybe', 'true 2025-13-40']);
    case 'source':
      return rng.pick(['@', '']) + rng.pick(IDS);
    case 'quote':
      return rng.pick([`"${sentence(rng)}"`, `“${sentence(rng)}”`, `"unterminated ${sentence(rng)}`, `"a [...] b"`, `"x""y"`]);
    case 'credibility':
      return rng.pick(['1', '2', '6', '7', 'A']);
    case 'reliability':
      return rng.pick(['A', 'B', 'C', 'F', 'G', 'b']);
    case 'file':
    case 'bibliography':
      return rng.pick(PATHS);
    case 'url':
      return rng.pick(URLS);
    case 'supersedes': // assessment IDs, as written: renamed and found from the index
      return rng.chance(0.7) ? Array.from({ length: rng.range(1, 3) }, () => rng.pick(DOC_IDS)).join(', ') : refList(rng);
    case 'date':
      return rng.pick(['2024-09', '2024', '2024-13', 'yesterday']);
    case 'status':
      return rng.pick(['draft', 'final', 'done']);
    default:
      return sentence(rng);
  }
}

/** A document built from Kent's vocabulary: mostly well-formed, often subtly wrong. */
export function randomDocument(rng: Rng): string {
  const lines: string[] = [];
  if (rng.chance(0.7)) {
    lines.push(`assessment ${rng.pick(DOC_IDS)}: ${sentence(rng)}`, ...(rng.chance(0.5) ? [`  bibliography: ${rng.pick(PATHS)}`] : []));
    if (rng.chance(0.3)) lines.push(`  supersedes: ${attributeValue(rng, 'supersedes')}`);
    lines.push('');
  }
  const blocks = rng.range(0, 14);
  for (let b = 0; b < blocks; b++) {
    const r = rng.int(10);
    if (r === 0) lines.push(`${'#'.repeat(rng.range(1, 7))} ${sentence(rng)}`);
    else if (r === 1) lines.push(sentence(rng), ...(rng.chance(0.5) ? [sentence(rng)] : []));
    else if (r === 2) {
      // A suppression, and now and then what strands it: a blank line, prose or a heading after it.
      lines.push(rng.pick(['// a comment', `// kent-ignore ${rng.pick(IGNORE_CODES)}: reason`, `// kent-ignore-file ${rng.pick(IGNORE_CODES)}: x`]));
      if (rng.chance(0.3)) lines.push(rng.pick(['', sentence(rng), `## ${sentence(rng)}`, `// kent-ignore ${rng.pick(IGNORE_CODES)}`]));
    }
    else {
      const kw = rng.chance(0.95) ? rng.pick(KEYWORDS) : randomWord(rng);
      lines.push(`${kw} ${rng.chance(0.95) ? rng.pick(IDS) : randomChars(rng, 3)}${rng.chance(0.95) ? ':' : ''} ${sentence(rng)}`);
      if (rng.chance(0.2)) lines.push(`    ${sentence(rng)}`);
      const attrs = rng.range(0, 5);
      for (let a = 0; a < attrs; a++) {
        if (rng.chance(0.05)) lines.push(`  // kent-ignore ${rng.pick(IGNORE_CODES)}: inside the block`);
        const name = rng.pick(ATTRIBUTES);
        lines.push(`${rng.pick(['  ', '\t', '    ', ' '])}${name}:${rng.pick([' ', '', '  '])}${attributeValue(rng, name)}`);
        if (rng.chance(0.1)) lines.push(`    ${sentence(rng)}`);
      }
    }
    if (rng.chance(0.8)) lines.push('');
  }
  return lines.join(rng.chance(0.2) ? '\r\n' : '\n') + (rng.chance(0.8) ? '\n' : '');
}

// ---------------------------------------------------------------------------------------------
// Mutations

type Mutation = (rng: Rng, text: string) => string;

const splitKeep = (text: string) => text.split('\n');
const joinKeep = (lines: string[]) => lines.join('\n');

const MUTATIONS: ReadonlyArray<readonly [number, Mutation]> = [
  [6, (rng, t) => { // delete a line
    const l = splitKeep(t);
    l.splice(rng.int(l.length), 1);
    return joinKeep(l);
  }],
  [4, (rng, t) => { // duplicate a line (or a run of lines)
    const l = splitKeep(t);
    const i = rng.int(l.length);
    const n = rng.range(1, 4);
    l.splice(i, 0, ...l.slice(i, i + n));
    return joinKeep(l);
  }],
  [4, (rng, t) => { // swap two lines
    const l = splitKeep(t);
    const i = rng.int(l.length);
    const j = rng.int(l.length);
    [l[i], l[j]] = [l[j], l[i]];
    return joinKeep(l);
  }],
  [10, (rng, t) => { // insert hostile characters
    const at = rng.int(t.length + 1);
    return t.slice(0, at) + randomChars(rng, rng.range(1, 5)) + t.slice(at);
  }],
  [4, (rng, t) => { // delete a range
    const at = rng.int(t.length + 1);
    return t.slice(0, at) + t.slice(at + rng.range(1, 40));
  }],
  [2, (rng, t) => t.slice(0, rng.int(t.length + 1))], // truncate, maybe inside a surrogate pair or a CRLF
  [3, (rng, t) => { // replace a character
    const at = rng.int(t.length);
    return t.slice(0, at) + rng.pick(HOSTILE) + t.slice(at + 1);
  }],
  [3, (rng, t) => { // change a line's indentation
    const l = splitKeep(t);
    const i = rng.int(l.length);
    l[i] = rng.pick(['', ' ', '  ', '\t', '      ']) + l[i].replace(/^[ \t]*/, '');
    return joinKeep(l);
  }],
  [3, (rng, t) => { // insert a generated line: header, attribute, citation, heading
    const l = splitKeep(t);
    const name = rng.pick(ATTRIBUTES);
    const line = rng.pick([
      `${rng.pick(KEYWORDS)} ${rng.pick(IDS)}: ${sentence(rng)}`,
      `  ${name}: ${attributeValue(rng, name)}`,
      sentence(rng),
      `## ${sentence(rng)}`,
      `// kent-ignore ${rng.pick(IGNORE_CODES)}: r`,
      `  ${rng.pick(['co', 'con', 'again', 'sup'])}`, // the next attribute half-typed under a list
      '',
    ]);
    l.splice(rng.int(l.length + 1), 0, line);
    return joinKeep(l);
  }],
  [1, (rng, t) => { // a long run of one token
    const at = rng.int(t.length + 1);
    return t.slice(0, at) + rng.pick(['[', '[[', '[@', '"', '@', ',', 'a', ' ', '\t', '-', '🚀']).repeat(rng.range(50, 3000)) + t.slice(at);
  }],
  [1, (_rng, t) => t.replace(/\r?\n/g, '\r\n')], // CRLF everywhere
  [1, (_rng, t) => t.replace(/\r?\n/g, '\r')], // old Mac line ends (LSP counts them as lines)
  [1, (rng, t) => { // a line of a sample repeated under itself many times
    const l = splitKeep(t);
    const i = rng.int(l.length);
    l.splice(i, 0, ...new Array<string>(rng.range(10, 300)).fill(l[i] ?? ''));
    return joinKeep(l);
  }],
  [1, (rng, t) => { // swap the order of two blocks of text
    const a = rng.int(t.length + 1);
    const b = rng.int(t.length + 1);
    const [lo, hi] = a < b ? [a, b] : [b, a];
    const mid = rng.range(lo, hi);
    return t.slice(0, lo) + t.slice(mid, hi) + t.slice(lo, mid) + t.slice(hi);
  }],
];

/**
 * The largest document a fuzz case makes: repeated mutations can grow one exponentially (a long
 * run of `@`, its line repeated 300 times, twice), and what very large inputs cost is measured by
 * test/limits.test.ts, not held to the fuzzer's one second per operation.
 */
export const MAX_TEXT = 256 * 1024;

/** Apply one to `count` random mutations (one that would pass MAX_TEXT is skipped). */
export function mutate(rng: Rng, text: string, count = rng.range(1, 6)): string {
  let t = text;
  for (let i = 0; i < count; i++) {
    const next = rng.weighted(MUTATIONS)(rng, t);
    if (next.length <= MAX_TEXT) t = next;
  }
  return t;
}

/** A window of whole lines of `text` (most mutations target a small piece of a large sample). */
export function window(rng: Rng, text: string): string {
  const l = text.split('\n');
  const start = rng.int(l.length);
  return l.slice(start, start + rng.range(1, 80)).join('\n');
}
