// Generates benchmark workspaces modelled on samples/russia-taiwan. bench/samples.mjs measures the
// samples; every generated item copies the shape of a randomly drawn sample item of its kind (its
// statement length, how many refs of which kind it has in `because`, `against`, `assumes`, its
// cross-document relations, its attributes and their values), and the kinds of item, prose
// paragraphs, headings, comments, sources with files, quotes and bibliographies come at the
// samples' rates per KB. Text is drawn from a bigram model of the samples' own statements and prose,
// without estimative words and hedges (those are put in on purpose, where the sample item had them).
//
// One abstract model is rendered three ways: Kent (.kent, with source files and BibTeX), Argdown
// (statements and arguments with support, attack and contrary relations) and Markdown (headings
// with cross-file links), each generated to the same number of bytes.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { measureWorkspace, scanDocument } from './samples.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
export const SAMPLE_DIR = path.join(here, '..', 'samples', 'russia-taiwan');

/** A small deterministic PRNG so every run generates the same workspace. */
export function rng(seed) {
  let s = (seed >>> 0) || 1;
  return () => {
    s ^= s << 13;
    s >>>= 0;
    s ^= s >>> 17;
    s ^= s << 5;
    s >>>= 0;
    return s / 2 ** 32;
  };
}
const pick = (r, a) => a[Math.floor(r() * a.length)];
/** Deals the items of `a` in a shuffled order, reshuffling when all are dealt: proportions match `a`'s exactly over time. */
function deck(r, a) {
  let order = [];
  return () => {
    if (!order.length) {
      order = a.map((_, i) => i);
      for (let i = order.length - 1; i > 0; i--) {
        const j = Math.floor(r() * (i + 1));
        [order[i], order[j]] = [order[j], order[i]];
      }
    }
    return a[order.pop()];
  };
}
/** Stochastic rounding: 2.3 is 2 seven times in ten and 3 three times. */
const round = (r, x) => Math.floor(x) + (r() < x - Math.floor(x) ? 1 : 0);

// Words that would make Kent read an estimate or a hedge into filler text.
const BANNED = new Set('likely unlikely probably probable improbable certain certainly chance odds remote doubtful could may might possibly perhaps conceivably possible possibility confidence confident ruled highly almost nearly realistic assess assessed'.split(' '));
const TERM_IN_TEXT = { 'almost no chance': 'almost no chance', 'very unlikely': 'very unlikely', unlikely: 'unlikely', 'roughly even chance': 'roughly even chance', likely: 'probably', 'very likely': 'very likely', 'almost certain': 'almost certainly' };

/** A sample's outcome date moved, as a real one is, to after the document's own date (`true 2003` in a 2015 document: `true 2016`). */
function resolvedAfter(resolved, docDate) {
  const docYear = Number(docDate.slice(0, 4));
  return resolved.replace(/\b(\d{4})(-\d\d(?:-\d\d)?)?$/, (m, year) => (Number(year) > docYear ? m : String(docYear + 1)));
}

/** Bigram model of the samples' statements and prose. */
function textModel(sample) {
  const texts = [];
  for (const doc of sample.corpus.split('\nassessment ')) {
    const scan = scanDocument(doc);
    for (const b of scan.blocks) if (b.kind !== 'assessment' && b.kind !== 'source') texts.push(b.statement);
    for (const p of scan.paragraphs) texts.push(p.text);
  }
  const tokens = [];
  for (const t of texts) {
    for (const w of t.replace(/\[\[[^\]]*\]\]|\[@[^\]]*\]/g, ' ').split(/\s+/)) {
      const bare = w.toLowerCase().replace(/[^a-z]/g, '');
      if (/^[A-Za-z0-9][A-Za-z0-9'’.,;()$%-]*$/.test(w) && !BANNED.has(bare)) tokens.push(w.replace(/[()]/g, ''));
    }
  }
  const next = new Map();
  for (let i = 0; i + 1 < tokens.length; i++) {
    if (/[.;]$/.test(tokens[i])) continue;
    const k = tokens[i].toLowerCase();
    if (!next.has(k)) next.set(k, []);
    next.get(k).push(tokens[i + 1]);
  }
  const starts = tokens.filter((t, i) => i === 0 || /\.$/.test(tokens[i - 1])).filter((t) => /^[A-Z]/.test(t));
  const plain = (w) => w.replace(/[.,;]+$/, '');
  // A pool of sentences walked along the bigrams; text is cut from it (fast, and the same text
  // for every format).
  const r0 = rng(4242);
  const pool = [];
  for (let i = 0; i < 6000; i++) {
    const out = [];
    let w = pick(r0, starts);
    for (;;) {
      out.push(w);
      if (/\.$/.test(w) || out.length > 40) break;
      const nx = next.get(w.toLowerCase());
      w = nx && r0() < 0.9 ? pick(r0, nx) : pick(r0, tokens);
    }
    out[out.length - 1] = plain(out[out.length - 1]) + '.';
    pool.push(out);
  }
  // Words the samples use at least three times are a topic's vocabulary, shared by its
  // documents; rarer words are each document's own (vocabulary grows with text, as in real prose).
  const freq = new Map();
  for (const t of tokens) {
    const k = t.toLowerCase().replace(/('s|’s)?[.,;]*$/, '');
    freq.set(k, (freq.get(k) ?? 0) + 1);
  }
  const maps = new Map();
  const mapOf = (key) => {
    let m = maps.get(key);
    if (!m) maps.set(key, (m = new Map()));
    return m;
  };
  /** `n` words of running text, as sentences, in the vocabulary of topic `cluster` and document `doc`. */
  return function words(r, n, cluster = 0, doc = 0) {
    const out = new Array(n);
    const mapped = cluster > 0 || doc > 0;
    const cache = mapped ? mapOf(`c${cluster}/${doc}`) : undefined;
    for (let i = 0; i < n; ) {
      const s = pool[Math.floor(r() * pool.length)];
      for (let j = 0; j < s.length && i < n; j++) {
        const w = s[j];
        if (!mapped) {
          out[i++] = w;
          continue;
        }
        let m = cache.get(w);
        if (m === undefined) {
          const k = w.toLowerCase().replace(/('s|’s)?[.,;]*$/, '');
          m = (freq.get(k) ?? 0) >= 3 ? (cluster > 0 ? topicWord(w, 't' + cluster, mapOf('t' + cluster)) : w) : doc > 0 ? topicWord(w, 'd' + doc, mapOf('d' + doc)) : w;
          cache.set(w, m);
        }
        out[i++] = m;
      }
    }
    out[n - 1] = plain(out[n - 1]) + '.';
    out[0] = out[0][0].toUpperCase() + out[0].slice(1);
    return out.join(' ');
  };
}

// Function words stay; content words become a topic's own (made-up) words, so that documents of
// different topics share no more vocabulary than unrelated analyses would.
const STOPWORDS = new Set(('a an the and or but nor not no never neither either both of in on at to from by with without for as into onto over under than then that this these those there here it its itself they them their he she his her we our us you your i is are was were be been being has have had do does did will would shall should can must if so such only also more most less least very much many some any each every all other another same own one two three four five while when where which who whom whose what why how because since though although until unless about after before between through during against among within along across up down out off again further once yet still even just too').split(' '));
const SYLLABLES = 'ka lo mi ra ten vos dri na sel bu tor qui fen ash mar lin co pe zu har ost vel nik sa dem rho gal tu ber ich ov an es'.split(' ');
function topicWord(w, cluster, map) {
  const m = /^([A-Za-z][A-Za-z'’-]*?)('s|’s)?([.,;]*)$/.exec(w);
  if (!m || STOPWORDS.has(m[1].toLowerCase()) || m[1].length < 3) return w;
  const key = m[1].toLowerCase();
  let t = map.get(key);
  if (!t) {
    let h = 2166136261;
    for (const ch of key + '#' + cluster) h = Math.imul(h ^ ch.charCodeAt(0), 16777619) >>> 0;
    const parts = [];
    for (let i = 0, k = Math.max(1, Math.round(key.length / 3)); i < k; i++) {
      parts.push(SYLLABLES[h % SYLLABLES.length]);
      h = Math.imul(h ^ (i + 7), 2654435761) >>> 0;
    }
    t = parts.join('');
    map.set(key, t);
  }
  if (/^[A-Z]/.test(m[1])) t = t[0].toUpperCase() + t.slice(1);
  return t + (m[2] ?? '') + m[3];
}

let cachedSample;
/** The samples' statistics (measured once per process). */
export function sampleStats() {
  cachedSample ??= measureWorkspace(SAMPLE_DIR);
  return cachedSample;
}

// ---------------------------------------------------------------------------------------------
// The abstract model.

/** Documents per topic: as many as samples/russia-taiwan has. Cross-document refs stay mostly within a topic. */
export const TOPIC_DOCS = 5;
/** Share of cross-document refs that go to another topic's documents (the samples, one topic, have none). */
export const CROSS_TOPIC = 0.1;

const KIND_PREFIX = { judgment: 'KJ', claim: 'C-', assumption: 'A-', evidence: 'E-' };

/**
 * Generates one document's model, chapter by chapter, until `render(format)` reaches `bytes`.
 * Cross-document refs are left as `{ cross: kind }` for `resolveCross` to fill in.
 */
function generateDocument(d, bytes, format, seed, sample, baseWords) {
  const r = rng(seed * 7919 + d * 104729 + 17);
  const cluster = Math.floor(d / TOPIC_DOCS);
  const words = (r, n) => baseWords(r, n, cluster, d);
  const rates = sample.rates;
  const shapes = Object.fromEntries(Object.entries(sample.shapes).map(([k, a]) => [k, deck(r, a)]));
  const doc = {
    index: d,
    cluster,
    id: `doc-${d}`,
    title: words(r, 8).slice(0, -1),
    author: words(r, 4).slice(0, -1),
    date: `20${10 + Math.floor(r() * 15)}-0${1 + Math.floor(r() * 9)}`,
    status: r() < 0.6 ? 'final' : undefined,
    bib: r() < rates.bibliographyShare ? [] : undefined,
    parts: [],
    items: new Map(),
    byKind: { judgment: [], claim: [], assumption: [], evidence: [], source: [] },
    files: new Map(),
  };
  let n = 0;
  let size = 0;
  let chapter = 0;
  // Chapters the size of a sample document; the last one is cut to what is left.
  let chapterKb = sample.summary['KB per document'];
  const newId = (kind) => {
    n++;
    if (kind === 'judgment') return `KJ${n}`;
    const word = words(r, 1).toLowerCase().replace(/[^a-z]/g, '').slice(0, 10) || 'x';
    if (kind === 'source') return `${word}-${2000 + (n % 25)}-${d}-${n}`;
    return `${KIND_PREFIX[kind]}${word}${n}`;
  };
  const add = (kind, item) => {
    item.kind = kind;
    item.id = newId(kind);
    doc.items.set(item.id, item);
    doc.byKind[kind].push(item);
    return item;
  };
  const addBibEntry = () => doc.bib.push({ key: `${words(r, 1).toLowerCase().replace(/[^a-z]/g, '') || 'ref'}-${2010 + (doc.bib.length % 15)}-${d}-${doc.bib.length}`, title: words(r, 9).slice(0, -1), author: words(r, 3).slice(0, -1), reliability: pick(r, 'ABBCC'), origin: `origin-${Math.floor(r() * 40)}` });
  /** A key of the document's bibliography (its entries come at the samples' rate per KB). */
  const bibKey = () => {
    if (!doc.bib.length) addBibEntry();
    return pick(r, doc.bib).key;
  };
  const citeRef = () => {
    const t = pickWeighted(r, sample.citeTargetsByBib[doc.bib ? 'with' : 'without']);
    if (t === 'bibliography' && doc.bib) return { type: 'cite', key: bibKey(), locator: r() < 0.2 ? `p. ${1 + Math.floor(r() * 300)}` : undefined };
    if (t === 'otherDoc') return { type: 'cite', cross: 'source' };
    return doc.byKind.source.length ? { type: 'cite', key: pick(r, doc.byKind.source).id, locator: r() < 0.2 ? `p. ${1 + Math.floor(r() * 300)}` : undefined } : { type: 'cite', cross: 'source' };
  };
  /** A ref to an existing item of `kind` (created before, so support has no cycles). */
  const itemRef = (kind, used = new Set()) => {
    if (kind.startsWith('cross:')) return { type: 'item', cross: kind.slice(6) };
    if (kind === 'cite') return citeRef();
    if (kind === 'assumption' && !doc.byKind.assumption.length) newAssumption();
    const pool = doc.byKind[kind]?.length ? doc.byKind[kind] : doc.byKind.evidence.length ? doc.byKind.evidence : doc.byKind.source;
    if (!pool.length) return citeRef();
    // Mostly recent items (the same chapter), sometimes any earlier one; never one already used.
    for (let tries = 0; ; tries++) {
      const i = r() < 0.8 && tries < 10 ? Math.max(0, pool.length - 1 - Math.floor(r() * 6)) : Math.floor(r() * pool.length);
      if (!used.has(pool[i].id) || tries > 30) {
        used.add(pool[i].id);
        return { type: 'item', id: pool[i].id };
      }
    }
  };
  const pendingAssumptions = [];
  const newAssumption = () => {
    const shape = shapes.assumption();
    pendingAssumptions.push(add('assumption', { shape, statement: inline(shape.words, shape.inlineCites, 0, 0), attrs: [] }));
  };
  const inline = (nWords, cites, localRefs, crossRefs) => {
    const segs = [words(r, nWords)];
    const refs = [];
    for (let i = 0; i < cites; i++) refs.push(citeRef());
    for (let i = 0; i < localRefs; i++) refs.push(itemRef(pick(r, ['judgment', 'claim', 'claim'])));
    for (let i = 0; i < crossRefs; i++) refs.push({ type: 'item', cross: pick(r, ['judgment', 'claim']) });
    // Put each ref after a sentence of the text.
    const sentences = segs[0].split(/(?<=\.) /);
    const out = [];
    sentences.forEach((s, i) => {
      out.push(s);
      const k = Math.floor((refs.length * (i + 1)) / sentences.length) - Math.floor((refs.length * i) / sentences.length);
      for (let j = 0; j < k; j++) out.push(refs.shift());
    });
    return out;
  };


  while (size < bytes) {
    chapter++;
    chapterKb = Math.max(1, Math.min(sample.summary['KB per document'], (bytes - size) / 1024));
    if (doc.bib) for (let i = 0, k = round(r, rates.bibEntriesPerKb * chapterKb); i < k; i++) addBibEntry();
    const count = (k) => round(r, rates.itemsPerKb[k] * chapterKb);
    const parts = [];
    // Bottom-up: sources, evidence, assumptions, claims, judgments.
    const sources = [];
    for (let i = 0, k = Math.max(1, count('source')); i < k; i++) {
      const shape = shapes.source();
      const item = add('source', { shape, title: words(r, shape.words).slice(0, -1), quotes: [] });
      item.attrs = shape.attrs.map((name) => [name, sourceValue(r, name, shape, item, words, d)]);
      if (shape.fileBytes) item.file = { path: `sources/${item.id}.txt`, bytes: shape.fileBytes };
      sources.push(item);
    }
    const evidence = [];
    const chapterSource = deck(r, sources);
    for (let i = 0, k = count('evidence'); i < k; i++) {
      const shape = shapes.evidence();
      const src = shape.source === 'otherDoc' ? { cross: 'source' } : shape.source === 'bibliography' && doc.bib ? { key: bibKey() } : { key: chapterSource().id };
      const item = add('evidence', { shape, statement: inline(shape.words, shape.inlineCites, 0, 0), source: src, at: shape.at });
      if (shape.quoteWords) item.quote = words(r, shape.quoteWords).slice(0, -1);
      if (item.quote && src.key && doc.items.get(src.key)?.quotes) doc.items.get(src.key).quotes.push(item.quote);
      item.attrs = shape.attrs.filter((a) => a !== 'source' && a !== 'quote').map((name) => [name, name === 'locator' ? `p. ${1 + Math.floor(r() * 300)}` : name === 'credibility' ? shape.values.credibility : words(r, 2).slice(0, -1)]);
      evidence.push(item);
    }
    for (let i = 0, k = count('assumption'); i < k; i++) newAssumption();
    const assumptions = pendingAssumptions;
    const claimItems = [];
    const judgmentItems = [];
    for (const kind of ['claim', 'judgment']) {
      for (let i = 0, k = count(kind); i < k; i++) {
        const shape = shapes[kind]();
        const item = { shape, likelihood: shape.likelihood, confidence: shape.confidence, resolved: shape.values.resolved };
        const used = new Set();
        item.because = shape.because.map((k) => itemRef(k, used));
        item.against = shape.against.map((k) => itemRef(k, used));
        item.assumes = shape.assumes.map(() => itemRef('assumption', used));
        item.relations = shape.relations.map((rel) => ({ name: rel.name, ref: rel.target.startsWith('cross:') || rel.target === 'unresolved' ? { type: 'item', cross: rel.target.startsWith('cross:') ? rel.target.slice(6) : kind } : itemRef(rel.target, used) }));
        const text = inline(shape.words, shape.inlineCites, shape.inlineItems, 0);
        if (shape.termInStatement && item.likelihood && TERM_IN_TEXT[item.likelihood]) {
          const s = text[0].split(' ');
          s.splice(Math.min(s.length - 1, 2 + Math.floor(r() * 4)), 0, TERM_IN_TEXT[item.likelihood]);
          text[0] = s.join(' ');
        }
        item.statement = text;
        add(kind, item);
        (kind === 'claim' ? claimItems : judgmentItems).push(item);
      }
    }
    // Layout, in the samples' order: key judgments with a summary paragraph, sections of prose
    // and claims, then assumptions, evidence and sources.
    const paras = round(r, rates.paragraphsPerKb * chapterKb);
    const headings = Math.max(1, round(r, rates.headingsPerKb * chapterKb));
    const comments = round(r, rates.commentLinesPerKb * chapterKb);
    const prose = () => {
      const s = shapes.paragraph();
      return { type: 'para', segs: inline(s.words, s.cites, s.localRefs, s.crossRefs) };
    };
    const body = [];
    body.push({ type: 'heading', level: 1, text: words(r, 3).slice(0, -1) });
    if (paras) body.push(prose());
    for (const j of judgmentItems) body.push({ type: 'item', item: j });
    const sections = Math.max(1, headings - 3);
    claimItems.forEach((c, i) => {
      if (i % Math.ceil(claimItems.length / sections || 1) === 0) {
        body.push({ type: 'heading', level: 2, text: words(r, 4).slice(0, -1) });
        if (paras > 1) body.push(prose());
      }
      body.push({ type: 'item', item: c });
    });
    for (let i = body.filter((b) => b.type === 'para').length; i < paras; i++) body.push(prose());
    if (assumptions.length) body.push({ type: 'heading', level: 1, text: 'Assumptions' }, ...assumptions.splice(0).map((item) => ({ type: 'item', item })));
    body.push({ type: 'heading', level: 1, text: 'Evidence' }, ...evidence.map((item) => ({ type: 'item', item })));
    body.push({ type: 'heading', level: 1, text: 'Sources' }, ...sources.map((item) => ({ type: 'item', item })));
    // Comment lines go, a few at a time, before items.
    for (let i = 0; i < comments; ) {
      const k = Math.min(comments - i, 1 + Math.floor(r() * 4));
      const at = 1 + Math.floor(r() * (body.length - 1));
      body.splice(at, 0, { type: 'comment', lines: Array.from({ length: k }, () => words(r, 12)) });
      i += k;
    }
    parts.push(...body);
    doc.parts.push(...parts);
    size += RENDER[format].parts(doc, parts).length;
  }
  return doc;
}

function pickWeighted(r, weights) {
  const total = Object.values(weights).reduce((s, x) => s + x, 0);
  let x = r() * total;
  for (const [k, w] of Object.entries(weights)) if ((x -= w) < 0) return k;
  return Object.keys(weights)[0];
}

function sourceValue(r, name, shape, item, words, d) {
  switch (name) {
    case 'author':
      return words(r, 3).slice(0, -1);
    case 'date':
      return `20${10 + Math.floor(r() * 15)}`;
    case 'reliability':
      return shape.values.reliability;
    case 'origin':
      return `origin-${d % 50}-${Math.floor(r() * 6)}`;
    case 'kind':
      return shape.values.kind;
    case 'url':
      return `https://example.org/${item.id}`;
    case 'file':
      return `sources/${item.id}.txt`;
    default:
      return words(r, 2).slice(0, -1);
  }
}

/** Fill in cross-document refs: an item (of the kind the sample had) of another document. */
function resolveCross(docs, seed) {
  const all = { judgment: [], claim: [], source: [] };
  const topics = new Map();
  for (const doc of docs) {
    if (!topics.has(doc.cluster)) topics.set(doc.cluster, { judgment: [], claim: [], source: [] });
    for (const k of Object.keys(all)) for (const item of doc.byKind[k]) all[k].push({ doc, item }), topics.get(doc.cluster)[k].push({ doc, item });
  }
  for (const doc of docs) {
    const r = rng(seed * 31337 + doc.index * 613 + 5);
    const resolve = (ref, kind) => {
      if (!ref || ref.cross === undefined) return;
      const k = all[ref.cross] ? ref.cross : all[kind] ? kind : 'claim';
      const local = topics.get(doc.cluster)[k];
      const pool = r() < CROSS_TOPIC || local.every((t) => t.doc === doc) ? all[k] : local;
      let target;
      for (let tries = 0; tries < 20; tries++) {
        target = pick(r, pool);
        if (target.doc !== doc || docs.length === 1) break;
      }
      if (ref.cross === 'source' || ref.type === 'cite' || !ref.type) {
        ref.key = target.item.id;
        ref.home = target.doc.id;
        if (target.item.quotes && ref.quote) target.item.quotes.push(ref.quote);
      } else {
        ref.doc = target.doc === doc ? undefined : target.doc.id;
        ref.id = target.item.id;
        (target.item.incoming ??= []).push({ from: doc.id, kind: ref.relation ?? 'ref' });
      }
      delete ref.cross;
    };
    for (const item of doc.items.values()) {
      if (item.kind === 'evidence') {
        if (item.source.cross) item.source.quote = item.quote;
        resolve(item.source, 'source');
      }
      for (const list of [item.because, item.against, item.assumes]) for (const ref of list ?? []) resolve(ref, 'claim');
      for (const rel of item.relations ?? []) {
        rel.ref.relation = rel.name;
        resolve(rel.ref, 'judgment');
      }
      for (const seg of item.statement ?? []) if (typeof seg === 'object') resolve(seg, 'judgment');
    }
    for (const part of doc.parts) if (part.type === 'para') for (const seg of part.segs) if (typeof seg === 'object') resolve(seg, 'judgment');
  }
  // Local refs count as incoming too (an ID edit must update them).
  for (const doc of docs) {
    const note = (ref) => ref?.type === 'item' && !ref.doc && doc.items.get(ref.id) && (doc.items.get(ref.id).incoming ??= []).push({ from: doc.id, kind: 'local' });
    for (const item of doc.items.values()) {
      for (const list of [item.because, item.against, item.assumes]) for (const ref of list ?? []) note(ref);
      for (const seg of item.statement ?? []) if (typeof seg === 'object') note(seg);
    }
    for (const part of doc.parts) if (part.type === 'para') for (const seg of part.segs) if (typeof seg === 'object') note(seg);
  }
}

// ---------------------------------------------------------------------------------------------
// Rendering.

function wrap(text, first, indent, width = 80) {
  const out = [];
  let line = first;
  let fresh = true;
  for (const w of text.split(' ')) {
    if (!fresh && line.length + 1 + w.length > width) {
      out.push(line);
      line = indent + w;
    } else line += (fresh ? '' : ' ') + w;
    fresh = false;
  }
  out.push(line);
  return out.join('\n');
}

const RELATIONS = ['same-as', 'negates', 'contradicts', 'revises'];
const kentRef = (ref, list = false) => {
  if (ref.type === 'cite') return list ? `[@${ref.key ?? 'unknown'}${ref.locator ? ', ' + ref.locator : ''}]` : `[@${ref.key ?? 'unknown'}${ref.locator ? ', ' + ref.locator : ''}]`;
  return `${ref.doc ? ref.doc + '/' : ''}${ref.id ?? 'KJ1'}`;
};
const kentInline = (segs) => segs.map((s) => (typeof s === 'string' ? s : s.type === 'cite' ? kentRef(s) : `[[${kentRef(s)}]]`)).join(' ');

const RENDER = {
  kent: {
    ext: '.kent',
    header(doc) {
      const lines = [`assessment ${doc.id}: ${doc.title}`, `  date: ${doc.date}`, `  author: ${doc.author}`];
      if (doc.bib) lines.push(`  bibliography: bib/${doc.id}.bib`);
      if (doc.status) lines.push(`  status: ${doc.status}`);
      return lines.join('\n') + '\n\n';
    },
    parts(doc, parts) {
      return parts.map((p) => RENDER.kent.part(doc, p)).join('');
    },
    part(doc, p) {
      if (p.type === 'heading') return `${'#'.repeat(p.level)} ${p.text}\n\n`;
      if (p.type === 'para') return wrap(kentInline(p.segs), '', '') + '\n\n';
      if (p.type === 'comment') return p.lines.map((l) => wrap(l, '// ', '// ')).join('\n') + '\n';
      const it = p.item;
      const text = it.kind === 'source' ? it.title : kentInline(it.statement);
      const lines = [wrap(text, `${it.kind} ${it.id}: `, '    ')];
      const attr = (name, value) => lines.push(`  ${name}: ${value}`);
      if (it.kind === 'judgment' || it.kind === 'claim') {
        if (it.likelihood) attr('likelihood', it.likelihood);
        if (it.confidence) attr('confidence', it.confidence);
        if (it.because.length) attr('because', it.because.map((x) => kentRef(x, true)).join(', '));
        if (it.against.length) attr('against', it.against.map((x) => kentRef(x, true)).join(', '));
        if (it.assumes.length) attr('assumes', it.assumes.map((x) => kentRef(x, true)).join(', '));
        for (const name of RELATIONS) {
          const refs = it.relations.filter((rel) => rel.name === name);
          if (refs.length) attr(name, refs.map((rel) => kentRef(rel.ref, true)).join(', '));
        }
        if (it.resolved && it.kind === 'judgment') attr('resolved', resolvedAfter(it.resolved, doc.date));
      } else if (it.kind === 'evidence') {
        attr('source', `${it.at ? '@' : ''}${it.source.key ?? 'unknown'}`);
        for (const [name, value] of it.attrs) if (name !== 'credibility') attr(name, value);
        if (it.quote) attr('quote', `"${it.quote}"`);
        for (const [name, value] of it.attrs) if (name === 'credibility') attr(name, value);
      } else if (it.kind === 'source') {
        for (const [name, value] of it.attrs) attr(name, value);
      }
      return lines.join('\n') + '\n\n';
    },
  },
  argdown: {
    ext: '.argdown',
    header(doc) {
      return `===\ntitle: ${doc.title}\nauthor: ${doc.author}\ndate: ${doc.date}\n===\n\n`;
    },
    parts(doc, parts) {
      return parts.map((p) => RENDER.argdown.part(doc, p)).join('');
    },
    ref(ref) {
      if (ref.type === 'cite') return `[${ref.key ?? 'unknown'}]`;
      const id = `${ref.doc ? ref.doc + '/' : ''}${ref.id ?? 'KJ1'}`;
      return ref.evidence ? `<${id}>` : `[${id}]`;
    },
    inline(segs) {
      return segs.map((s) => (typeof s === 'string' ? s : s.type === 'cite' ? `@[${s.key ?? 'unknown'}]` : `@[${s.doc ? s.doc + '/' : ''}${s.id ?? 'KJ1'}]`)).join(' ');
    },
    part(doc, p) {
      const A = RENDER.argdown;
      if (p.type === 'heading') return `${'#'.repeat(p.level)} ${p.text}\n\n`;
      if (p.type === 'para') return A.inline(p.segs) + '\n\n';
      if (p.type === 'comment') return p.lines.map((l) => `// ${l}`).join('\n') + '\n';
      const it = p.item;
      const isArg = it.kind === 'evidence';
      const tags = [];
      if (it.likelihood) tags.push(`#(${it.likelihood})`);
      if (it.confidence) tags.push(`#(${it.confidence})`);
      const text = it.kind === 'source' ? `${it.title}. ${it.attrs.map(([n, v]) => `${n} ${v}`).join('; ')}.` : A.inline(it.statement);
      const lines = [isArg ? `<${it.id}>: ${text}${it.quote ? ` "${it.quote}"` : ''}${tags.length ? ' ' + tags.join(' ') : ''}` : `[${it.id}]: ${text}${tags.length ? ' ' + tags.join(' ') : ''}`];
      const ev = (ref) => (ref.type === 'item' && !ref.doc && doc.items.get(ref.id)?.kind === 'evidence' ? `<${ref.id}>` : A.ref(ref));
      for (const x of it.because ?? []) lines.push(`  + ${ev(x)}`);
      for (const x of it.assumes ?? []) lines.push(`  + ${ev(x)}`);
      for (const x of it.against ?? []) lines.push(`  - ${ev(x)}`);
      for (const rel of it.relations ?? []) lines.push(`  ${rel.name === 'negates' ? '><' : rel.name === 'contradicts' ? '-' : '+'} ${A.ref(rel.ref)}`);
      if (isArg) lines.push(`  + [${it.source.key ?? 'unknown'}]`);
      return lines.join('\n') + '\n\n';
    },
  },
  markdown: {
    ext: '.md',
    header(doc) {
      return `# ${doc.title}\n\n- date: ${doc.date}\n- author: ${doc.author}\n${doc.bib ? `- bibliography: [bib/${doc.id}.bib](bib/${doc.id}.bib)\n` : ''}\n`;
    },
    parts(doc, parts) {
      return parts.map((p) => RENDER.markdown.part(doc, p)).join('');
    },
    link(doc, ref) {
      if (ref.type === 'cite') {
        const key = ref.key ?? 'unknown';
        if (doc.items.has(key)) return `[@${key}${ref.locator ? ', ' + ref.locator : ''}](#${key})`;
        if (doc.bib?.some((b) => b.key === key)) return `[@${key}](bib/${doc.id}.bib)`;
        return `[@${key}](${ref.home ?? 'doc-0'}.md#${key})`;
      }
      const id = ref.id ?? 'KJ1';
      return ref.doc ? `[${ref.doc}/${id}](${ref.doc}.md#${id.toLowerCase()})` : `[${id}](#${id.toLowerCase()})`;
    },
    part(doc, p) {
      const M = RENDER.markdown;
      const inline = (segs) => segs.map((s) => (typeof s === 'string' ? s : M.link(doc, s))).join(' ');
      if (p.type === 'heading') return `${'#'.repeat(p.level + 1)} ${p.text}\n\n`;
      if (p.type === 'para') return wrap(inline(p.segs), '', '') + '\n\n';
      if (p.type === 'comment') return `<!--\n${p.lines.map((l) => wrap(l, '', '')).join('\n')}\n-->\n\n`;
      const it = p.item;
      const lines = [`#### ${it.id}`, '', wrap(it.kind === 'source' ? it.title : inline(it.statement), `**${it.kind}** `, ''), ''];
      const attr = (name, value) => lines.push(`- ${name}: ${value}`);
      if (it.likelihood) attr('likelihood', it.likelihood);
      if (it.confidence) attr('confidence', it.confidence);
      for (const name of ['because', 'against', 'assumes']) if (it[name]?.length) attr(name, it[name].map((x) => M.link(doc, x)).join(', '));
      for (const rel of it.relations ?? []) attr(rel.name, M.link(doc, rel.ref));
      if (it.kind === 'evidence') {
        attr('source', M.link(doc, { type: 'cite', key: it.source.key, home: it.source.home }));
        if (it.quote) attr('quote', `"${it.quote}"`);
      }
      for (const [name, value] of it.attrs ?? []) attr(name, name === 'file' ? `[${value}](${value})` : name === 'url' ? `<${value}>` : value);
      return lines.join('\n') + '\n\n';
    },
  },
};

/** The text of a source's local file: filler from the samples' excerpts, with every quote in it. */
function sourceFile(r, item, words) {
  const lines = [words(r, 24)];
  const quotes = [...new Set(item.quotes)];
  let size = lines[0].length;
  let q = 0;
  while (size < item.file.bytes || q < quotes.length) {
    const line = q < quotes.length ? `${words(r, 6).slice(0, -1)} "${quotes[q++]}" ${words(r, 5)}` : words(r, 14);
    lines.push(line);
    size += line.length + 1;
  }
  return lines.map((l) => wrap(l, '', '')).join('\n') + '\n';
}

function bibFile(doc) {
  return doc.bib.map((b) => `@misc{${b.key},\n  author      = {${b.author}},\n  title       = {${b.title}},\n  year        = {2020},\n  reliability = {${b.reliability}},\n  origin      = {${b.origin}}\n}\n`).join('\n');
}

/**
 * Generates a workspace of `docs` documents in `format` ('kent', 'argdown', 'markdown'); document
 * `d` has about `bytesOf(d)` bytes. Returns its files (relative path → text), per-document models
 * and totals.
 */
export function generateWorkspace({ docs, bytesOf, format = 'kent', seed = 1, percentLikelihoods }) {
  const sample = sampleStats();
  const words = textModel(sample);
  const models = [];
  for (let d = 0; d < docs; d++) models.push(generateDocument(d, bytesOf(d), format, seed, sample, words));
  resolveCross(models, seed);
  if (percentLikelihoods) percentLikelihoods(models);
  const files = new Map();
  let bytes = 0;
  let items = 0;
  const R = RENDER[format];
  for (const doc of models) {
    const text = R.header(doc) + R.parts(doc, doc.parts);
    files.set(doc.id + R.ext, text);
    bytes += Buffer.byteLength(text);
    items += doc.items.size;
    doc.text = text;
    const r = rng(seed * 7 + doc.index);
    if (format === 'kent' || format === 'markdown') {
      for (const item of doc.byKind.source) if (item.file) files.set(item.file.path, sourceFile(r, item, (r, n) => words(r, n, doc.cluster, doc.index)));
      if (doc.bib) files.set(`bib/${doc.id}.bib`, bibFile(doc));
    }
  }
  if (format === 'kent') files.set('kent.json', '{ "scale": "icd203" }\n');
  return { files, models, bytes, items };
}

/** Write a generated workspace's files under `dir` (emptied first). */
export function writeFiles(dir, files) {
  fs.rmSync(dir, { recursive: true, force: true });
  for (const [rel, text] of files) {
    const abs = path.join(dir, rel);
    fs.mkdirSync(path.dirname(abs), { recursive: true });
    fs.writeFileSync(abs, text);
  }
}
