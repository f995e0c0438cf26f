// Generates a synthetic Kent workspace modelled on samples/russia-taiwan: judgments resting on
// claims, claims on evidence, evidence quoting sources that have local files, prose with
// citations, and cross-document relations (same-as, contradicts, revises) between documents.
import * as fs from 'node:fs';
import * as path from 'node:path';

const WORDS = ('russia china taiwan war pacific fleet sanctions energy trade alliance deterrence ' +
  'nuclear submarine bastion okhotsk ukraine front logistics exports oil gas pipeline beijing moscow ' +
  'washington strait blockade invasion support diplomacy veto council partnership military drills ' +
  'air defense missile capability readiness economy yuan ruble payments technology chips').split(' ');
const TERMS = ['likely', 'unlikely', 'very likely', 'almost certain', 'roughly even chance', 'very unlikely'];

/** A small deterministic PRNG so every run generates the same workspace. */
function rng(seed) {
  let s = seed >>> 0;
  return () => ((s = (s * 1664525 + 1013904223) >>> 0) / 2 ** 32);
}

function sentence(r, n) {
  const w = [];
  for (let i = 0; i < n; i++) w.push(WORDS[Math.floor(r() * WORDS.length)]);
  w[0] = w[0][0].toUpperCase() + w[0].slice(1);
  return w.join(' ') + '.';
}

/** One document of roughly `bytes` bytes; returns its text and its source files. */
export function generateDocument(d, docs, bytes, seed = 1) {
  const r = rng(seed * 7919 + d);
  const id = `doc-${d}`;
  const out = [`assessment ${id}: Synthetic assessment ${d}`, '  date: 2024-09', '  author: Bench', ''];
  const files = {};
  let k = 0;
  while (out.join('\n').length < bytes) {
    k++;
    const src = `src-${d}-${k}`;
    const quote = sentence(r, 6).slice(0, -1);
    files[`sources/${src}.txt`] = `${sentence(r, 20)}\n${quote} ${sentence(r, 12)}\n${sentence(r, 15)}\n`;
    out.push(`# Section ${k}`, '', `${sentence(r, 18)} [@${src}, p. ${k}] ${sentence(r, 10)} [[KJ${k}]].`, '');
    const other = (d + 1 + Math.floor(r() * (docs - 1 || 1))) % docs;
    const rel = docs > 1 && r() < 0.3 ? `  ${['same-as', 'contradicts', 'revises'][k % 3]}: doc-${other}/KJ${k}\n` : '';
    out.push(
      `judgment KJ${k}: ${sentence(r, 14)}`,
      `    ${sentence(r, 8)}`,
      `  likelihood: ${TERMS[Math.floor(r() * TERMS.length)]}`,
      `  confidence: ${r() < 0.5 ? 'moderate' : 'low'}`,
      `  because: C${k}, E${k}` + (rel ? '\n' + rel.trimEnd() : ''),
      '',
      `claim C${k}: ${sentence(r, 12)} [@${src}]`,
      `  because: E${k}`,
      '',
      `evidence E${k}: ${sentence(r, 10)}`,
      `  source: ${src}`,
      `  locator: p. ${k}`,
      `  quote: "${quote}"`,
      `  credibility: 2`,
      '',
      `source ${src}: ${sentence(r, 5)}`,
      `  author: ${sentence(r, 2)}`,
      `  reliability: ${'ABC'[k % 3]}`,
      `  origin: origin-${d}-${k % 4}`,
      `  file: sources/${src}.txt`,
      '',
    );
  }
  return { name: `${id}.kent`, text: out.join('\n'), files };
}

/** Write a workspace of `docs` documents totalling about `totalBytes` into `dir`. */
export function writeWorkspace(dir, docs, totalBytes) {
  fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(path.join(dir, 'sources'), { recursive: true });
  let kentBytes = 0;
  for (let d = 0; d < docs; d++) {
    const doc = generateDocument(d, docs, totalBytes / docs);
    fs.writeFileSync(path.join(dir, doc.name), doc.text);
    kentBytes += Buffer.byteLength(doc.text);
    for (const [p, t] of Object.entries(doc.files)) fs.writeFileSync(path.join(dir, p), t);
  }
  return kentBytes;
}
