// Measures a Kent workspace with a plain line scan: document sizes, statement lengths, references
// per item, cross-document relation density, sources with files and quotes. bench/generate.mjs
// draws its workspaces from what this measures on samples/russia-taiwan (the per-item "shapes" are
// sampled as they are, so their joint distribution is the samples'), and bench/run.mjs prints the
// same statistics for the samples and for a generated workspace side by side.
import * as fs from 'node:fs';
import * as path from 'node:path';

const KEYWORDS = new Set(['assessment', 'judgment', 'claim', 'assumption', 'evidence', 'source']);
const ATTRIBUTES = new Set(['date', 'author', 'bibliography', 'status', 'supersedes', 'likelihood', 'confidence', 'because', 'against', 'assumes', 'same-as', 'negates', 'contradicts', 'revises', 'resolved', 'source', 'quote', 'locator', 'credibility', 'url', 'file', 'reliability', 'origin', 'kind']);
const RELATIONS = ['same-as', 'negates', 'contradicts', 'revises'];
const HEADER = /^([a-z]+) ([A-Za-z][A-Za-z0-9_-]*):[ \t]?(.*)$/;
const ATTRIBUTE = /^[ \t]+([a-z][a-z-]*):[ \t]?(.*)$/;
const CITATION = /\[(@[^\]]*)\]/g;
const ITEM_REF = /\[\[([^\]]+)\]\]/g;

const words = (s) => s.split(/\s+/).filter(Boolean).length;

/** Split a list value (`C1, E2, [@key, p. 3]`) into refs, keeping bracketed citations whole. */
export function splitRefs(value) {
  const out = [];
  let depth = 0;
  let cur = '';
  for (const ch of value) {
    if (ch === '[') depth++;
    if (ch === ']') depth--;
    if (ch === ',' && depth === 0) {
      if (cur.trim()) out.push(cur.trim());
      cur = '';
    } else cur += ch;
  }
  if (cur.trim()) out.push(cur.trim());
  return out;
}

/** Parse one document into blocks, prose paragraphs, headings and comments (line scan). */
export function scanDocument(text) {
  const lines = text.split('\n');
  const blocks = [];
  const paragraphs = [];
  let headings = 0;
  let commentLines = 0;
  let block;
  let para;
  for (const line of lines) {
    if (/^\s*\/\//.test(line)) {
      commentLines++;
      continue;
    }
    if (line.trim() === '') {
      block = undefined;
      para = undefined;
      continue;
    }
    const h = /^[a-z]/.test(line) && HEADER.exec(line);
    if (h && KEYWORDS.has(h[1])) {
      block = { kind: h[1], id: h[2], statement: h[3], attrs: [], bytes: line.length + 1 };
      blocks.push(block);
      para = undefined;
      continue;
    }
    if (block && /^[ \t]/.test(line)) {
      block.bytes += line.length + 1;
      const a = ATTRIBUTE.exec(line);
      if (a && ATTRIBUTES.has(a[1])) block.attrs.push({ name: a[1], value: a[2] });
      else if (block.attrs.length === 0) block.statement += ' ' + line.trim();
      else block.attrs[block.attrs.length - 1].value += ' ' + line.trim();
      continue;
    }
    if (/^#{1,6} /.test(line)) {
      headings++;
      block = para = undefined;
      continue;
    }
    block = undefined;
    if (!para) paragraphs.push((para = { text: '' }));
    para.text += (para.text ? ' ' : '') + line.trim();
  }
  return { blocks, paragraphs, headings, commentLines, bytes: Buffer.byteLength(text) };
}

function kindOfRef(ref, doc, docsById) {
  if (ref.startsWith('[@') || ref.startsWith('@')) return 'cite';
  const slash = ref.indexOf('/');
  if (slash > 0) return 'cross:' + (docsById.get(ref.slice(0, slash))?.items.get(ref.slice(slash + 1))?.kind ?? 'unresolved');
  return doc.items.get(ref)?.kind ?? 'unresolved';
}

/** Everything bench/generate.mjs needs, plus summary statistics for the report. */
export function measureWorkspace(dir) {
  const files = fs.readdirSync(dir).filter((f) => f.endsWith('.kent')).sort();
  const docs = files.map((f) => {
    const text = fs.readFileSync(path.join(dir, f), 'utf8');
    const scan = scanDocument(text);
    const assessment = scan.blocks.find((b) => b.kind === 'assessment');
    return { file: f, text, ...scan, assessment, items: new Map(scan.blocks.filter((b) => b.kind !== 'assessment').map((b) => [b.id, b])) };
  });
  const docsById = new Map(docs.filter((d) => d.assessment).map((d) => [d.assessment.id, d]));
  const sourceHome = new Map();
  for (const d of docs) for (const b of d.blocks) if (b.kind === 'source') sourceHome.set(b.id, d);

  const shapes = { judgment: [], claim: [], assumption: [], evidence: [], source: [], paragraph: [] };
  const citeTargets = { local: 0, otherDoc: 0, bibliography: 0, unresolved: 0 };
  // The same, counted separately for documents with and without a bibliography.
  const citeTargetsByBib = { with: { local: 0, otherDoc: 0, bibliography: 0, unresolved: 0 }, without: { local: 0, otherDoc: 0, bibliography: 0, unresolved: 0 } };
  const countCite = (t, d) => {
    citeTargets[t]++;
    citeTargetsByBib[d.assessment?.attrs.some((a) => a.name === 'bibliography') ? 'with' : 'without'][t]++;
  };
  const citeTarget = (key, d) => (d.items.get(key)?.kind === 'source' ? 'local' : sourceHome.has(key) ? 'otherDoc' : d.assessment?.attrs.some((a) => a.name === 'bibliography') ? 'bibliography' : 'unresolved');
  let crossRefs = 0;
  let citations = 0;
  let itemRefs = 0;
  for (const d of docs) {
    for (const b of d.blocks) {
      if (b.kind === 'assessment') continue;
      const attrs = {};
      for (const a of b.attrs) (attrs[a.name] ??= []).push(a);
      const list = (name) => (attrs[name] ?? []).flatMap((a) => splitRefs(a.value));
      const inlineCites = [...b.statement.matchAll(CITATION)].length;
      const inlineItems = [...b.statement.matchAll(ITEM_REF)].map((m) => m[1]);
      citations += inlineCites;
      itemRefs += inlineItems.length;
      const shape = { words: words(b.statement.replace(CITATION, '').replace(ITEM_REF, '')), inlineCites, inlineItems: inlineItems.length, attrs: b.attrs.map((a) => a.name), values: Object.fromEntries(b.attrs.map((a) => [a.name, a.value])) };
      if (b.kind === 'judgment' || b.kind === 'claim') {
        for (const name of ['because', 'against', 'assumes']) shape[name] = list(name).map((r) => kindOfRef(r, d, docsById));
        shape.relations = RELATIONS.flatMap((name) => list(name).map((r) => ({ name, target: kindOfRef(r, d, docsById) })));
        shape.likelihood = attrs.likelihood?.[0].value;
        shape.confidence = attrs.confidence?.[0].value;
        shape.termInStatement = /\b(likely|unlikely|probably|probable|improbable|almost certainly|almost certain|even chance|remote)\b/i.test(b.statement);
        const all = [...list('because'), ...list('against'), ...list('assumes'), ...RELATIONS.flatMap(list)];
        crossRefs += all.filter((r) => /^[A-Za-z][\w-]*\//.test(r)).length;
        citations += all.filter((r) => r.startsWith('[@') || r.startsWith('@')).length;
        itemRefs += all.filter((r) => !r.startsWith('[') && !r.startsWith('@')).length;
        for (const r of list('because')) if (r.startsWith('[@') || r.startsWith('@')) countCite(citeTarget(r.replace(/^\[?@/, '').split(/[,\]]/)[0], d), d);
      } else if (b.kind === 'evidence') {
        const src = attrs.source?.[0].value ?? '';
        const key = src.replace(/^@/, '');
        const quote = attrs.quote?.[0].value;
        Object.assign(shape, { at: src.startsWith('@'), source: citeTarget(key, d), quoteWords: quote ? words(quote) : 0 });
        itemRefs++;
        countCite(shape.source, d);
      } else if (b.kind === 'source') {
        shape.fileBytes = 0;
        const file = attrs.file?.[0].value;
        if (file && fs.existsSync(path.join(dir, file))) shape.fileBytes = fs.statSync(path.join(dir, file)).size;
      }
      shape.idLength = b.id.length;
      shapes[b.kind].push(shape);
    }
    for (const p of d.paragraphs) {
      const cites = [...p.text.matchAll(CITATION)].map((m) => m[1]);
      const refs = [...p.text.matchAll(ITEM_REF)].map((m) => m[1]);
      citations += cites.length;
      itemRefs += refs.length;
      crossRefs += refs.filter((r) => r.includes('/')).length;
      for (const c of cites) for (const k of c.split(';')) countCite(citeTarget(k.trim().replace(/^@/, '').split(/[,\s]/)[0], d), d);
      shapes.paragraph.push({ words: words(p.text.replace(CITATION, '').replace(ITEM_REF, '')), cites: cites.length, localRefs: refs.filter((r) => !r.includes('/')).length, crossRefs: refs.filter((r) => r.includes('/')).length });
    }
  }
  const bytes = docs.reduce((s, d) => s + d.bytes, 0);
  const kb = bytes / 1024;
  const count = (k) => docs.reduce((s, d) => s + d.blocks.filter((b) => b.kind === k).length, 0);
  const mean = (a) => (a.length ? a.reduce((s, x) => s + x, 0) / a.length : 0);
  const jc = [...shapes.judgment, ...shapes.claim];
  const bibs = docs.flatMap((d) => d.assessment?.attrs.filter((a) => a.name === 'bibliography').map((a) => path.join(dir, a.value)) ?? []);
  const bibEntries = bibs.map((f) => (fs.existsSync(f) ? (fs.readFileSync(f, 'utf8').match(/^@\w+\{/gm) ?? []).length : 0));
  const summary = {
    documents: docs.length,
    kb: kb,
    'KB per document': kb / docs.length,
    'items per KB': (count('judgment') + count('claim') + count('assumption') + count('evidence') + count('source')) / kb,
    'judgments / claims / evidence / sources / assumptions per 10 KB': ['judgment', 'claim', 'evidence', 'source', 'assumption'].map((k) => ((count(k) / kb) * 10).toFixed(1)).join(' / '),
    'statement words (judgment, claim)': mean(jc.map((s) => s.words)),
    'because refs per judgment/claim': mean(jc.map((s) => s.because.length)),
    'judgments/claims with a likelihood': mean(jc.map((s) => (s.likelihood ? 1 : 0))),
    'cross-document refs per KB': crossRefs / kb,
    'cross-document relations per judgment/claim': mean(jc.map((s) => s.relations.filter((r) => r.target.startsWith('cross')).length)),
    'item refs per KB': itemRefs / kb,
    'citations per KB': citations / kb,
    'evidence with a quote': mean(shapes.evidence.map((s) => (s.quoteWords ? 1 : 0))),
    'sources with a local file': mean(shapes.source.map((s) => (s.fileBytes ? 1 : 0))),
    'source file bytes': mean(shapes.source.filter((s) => s.fileBytes).map((s) => s.fileBytes)),
    'prose share of bytes': docs.reduce((s, d) => s + d.paragraphs.reduce((t, p) => t + p.text.length + 1, 0), 0) / bytes,
    'bibliography entries per document with one': mean(bibEntries),
  };
  return {
    summary,
    shapes,
    citeTargets,
    citeTargetsByBib,
    rates: {
      itemsPerKb: Object.fromEntries(['judgment', 'claim', 'assumption', 'evidence', 'source'].map((k) => [k, count(k) / kb])),
      paragraphsPerKb: shapes.paragraph.length / kb,
      headingsPerKb: docs.reduce((s, d) => s + d.headings, 0) / kb,
      commentLinesPerKb: docs.reduce((s, d) => s + d.commentLines, 0) / kb,
      bibliographyShare: bibs.length / docs.length,
      bibEntriesPerKb: bibEntries.reduce((s, x) => s + x, 0) / Math.max(1, docs.filter((d) => d.assessment?.attrs.some((a) => a.name === 'bibliography')).reduce((s, d) => s + d.bytes / 1024, 0)),
    },
    corpus: docs.map((d) => d.text).join('\n'),
    sourceTexts: fs.existsSync(path.join(dir, 'sources')) ? fs.readdirSync(path.join(dir, 'sources')).map((f) => fs.readFileSync(path.join(dir, 'sources', f), 'utf8')) : [],
  };
}
