// Hover cards found in a new user's trial through the language server: who cites a source,
// and what a `quote:`, `file:` or `bibliography:` value points at.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { checkDocument } from '../server/src/core/analyze';
import { hover } from '../server/src/core/service/hover';
import { references } from '../server/src/core/service/navigation';
import { loadFixture } from './harness';
import { Workspace } from '../server/src/core/workspace';

const WS = `
  //- /egypt.kent
  assessment egypt: Bread prices in Egypt
    bibliography: refs.bib

  judgment KJ1: Food inflation will very likely stay high [@fao-2024].
    likelihood: very likely
    confidence: moderate
    because: E1

  assumption A1: The subsidy holds.

  evidence E1: Bread prices rose 48% in Cairo.
    source: wfp
    quote: "rose 48 percent year on year"

  evidence E2: Protests stayed small.
    source: wfp
    quote: "protests spread to every city"

  source wfp: WFP Market Monitor
    reliability: A
    file: sources/wfp.txt

  source gone: A deleted copy
    file: sources/gone.txt
  //- /tunisia.kent
  assessment tunisia: Bread queues in Tunisia

  claim T1: Flour imports fell 🌾 by a third [@fao-2024].
  //- /refs.bib
  @report{fao-2024, title = {Food Price Monitoring}, reliability = {A}}
  @report{unused-2023, title = {Unused}}
  //- /sources/wfp.txt
  WFP Market Monitor, March 2024

  Subsidised bread was raised by 300 percent.
  Unsubsidised bread prices in Cairo rose 48 percent year on year,
  and the food basket outpaced wages.
`;

function hoverAt(needle: string, delta = 0, path = 'egypt.kent'): string {
  const fw = loadFixture(WS);
  const doc = fw.ws.getDocument(path)!;
  const at = doc.text.indexOf(needle);
  assert.ok(at >= 0, needle);
  return hover(fw.ws, doc, at + delta)?.markdown ?? '';
}

test('a bibliography entry is cited only by documents that name the bibliography: an unresolved key elsewhere is not "cited by"', () => {
  const card = hoverAt('@fao-2024', 2);
  assert.match(card, /Cited by egypt\/KJ1$/);
  // tunisia.kent names no bibliography: its [@fao-2024] is unresolved there.
  assert.doesNotMatch(card, /tunisia/);
});

test('hovering a quote shows where it is in the source’s file, with the lines around it', () => {
  const card = hoverAt('"rose 48', 3);
  assert.match(card, /^\*\*Quote\*\* of `@wfp`/);
  assert.match(card, /From sources\/wfp\.txt, line 4/);
  assert.match(card, /```text\n[\s\S]*Unsubsidised bread prices in Cairo rose 48 percent/);
  assert.match(hoverAt('"protests spread', 3), /Quote not found in sources\/wfp\.txt/);
});

test('hovering a quote not found shows the closest passage, and where it parts from the quote', () => {
  const card = hoverAt('"rose 48', 3).replace(/\\/g, '');
  assert.equal(card, hoverAt('"rose 48', 3).replace(/\\/g, ''), 'found: unchanged');
  const fw = loadFixture(WS.replace('"rose 48 percent year on year"', '"Unsubsidised bread prices in Cairo rose 45 percent"'));
  const doc = fw.ws.getDocument('egypt.kent')!;
  const near = hover(fw.ws, doc, doc.text.indexOf('"Unsubsidised') + 3)?.markdown ?? '';
  assert.match(near, /Quote not found in sources\/wfp\.txt\. The closest passage agrees with the quote's start, then has “48 percent year on year,…” where the quote has “45 percent”\./);
  assert.match(near, /From sources\/wfp\.txt, line 4 \(lines 2–5 shown\):\n\n```text\n[\s\S]*Unsubsidised bread prices in Cairo rose 48 percent/);
});

test('hovering a source says where its local file is, and when that file does not exist', () => {
  assert.match(hoverAt('source gone', 8), /Local copy: sources\/gone\.txt — does not exist {2}$/m);
  assert.match(hoverAt('source: wfp', 9), /Local copy: sources\/wfp\.txt {2}$/m);
  assert.doesNotMatch(hoverAt('@fao-2024', 2), /Local copy/);
});

test('hovering a file path says whether it is there, how long it is and which evidence quotes it', () => {
  const card = hoverAt('sources/wfp.txt', 3);
  assert.match(card, /^\*\*sources\/wfp\.txt\*\*: local copy of source `@wfp`/);
  assert.match(card, /5 lines · Quoted by egypt\/E1 \(line 4\), egypt\/E2 \(not found\)/);
  assert.match(hoverAt('sources/gone.txt', 3), /sources\/gone\.txt\*\*: local copy of source `@gone`; it does not exist/);
});

test('hovering a bibliography path counts its entries and names those the document cites', () => {
  const card = hoverAt('refs.bib', 2);
  assert.match(card, /^\*\*refs\.bib\*\*: bibliography, 2 entries/);
  assert.match(card, /Cited here: fao-2024$/);
});

test('an assumption’s card has one blank line before its document, not two', () => {
  const card = hoverAt('A1:', 1);
  assert.match(card, /The subsidy holds\.\n\n_egypt\.kent_/);
});

test('hovering a key another assessment’s bibliography has, but this one does not name, says so', () => {
  assert.equal(hoverAt('@fao-2024', 2, 'tunisia.kent'), '**@fao-2024**: an entry of refs.bib, which this assessment does not name in **bibliography**');
});

// An estimative word's card says the word once, then what it reads as, its interval, its scale
// and the term's other words (a new user saw "**likely** — likely (55–80%)").
const TERMS = `
  //- /a.kent
  judgment KJ1: Russia will likely stay out, and China is not likely to join.
    confidence: low
    because: @s1

  claim C1: Prices will probably rise [@s1].
    likelihood: probable

  claim C2: Prices could rise [@s1].
    likelihood: 60-75%

  source s1: S
`;

function termHover(needle: string, fixture = TERMS): string {
  const fw = loadFixture(fixture);
  const doc = fw.ws.getDocument('a.kent')!;
  const at = doc.text.indexOf(needle);
  assert.ok(at >= 0, needle);
  return hover(fw.ws, doc, at + 1)?.markdown ?? '';
}

test('hovering a term in a statement: the word, its interval and scale, the other words for it, nothing twice', () => {
  assert.equal(termHover('likely stay'), '**likely**: 55–80% on the ICD 203 scale  \nOther words for it: probable, probably, most likely');
  assert.equal(termHover('probably rise'), '**probably** reads as *likely*: 55–80% on the ICD 203 scale  \nOther words for it: probable, most likely');
  assert.equal(termHover('not likely to'), '**not likely** reads as *unlikely*: 20–45% on the ICD 203 scale');
  assert.equal(termHover('could'), '**could** is a hedge: it states no probability');
  const phia = `${TERMS}  //- /kent.json\n  { "scale": "phia" }\n`;
  assert.equal(termHover('likely stay', phia), '**likely**: 55–75% on the PHIA scale  \nOther words for it: probably, probable, most likely');
});

test('hovering a likelihood value: a term says what it reads as; a percentage is shown once', () => {
  assert.equal(termHover('probable\n'), 'Likelihood **probable** reads as *likely*: 55–80% on the ICD 203 scale  \nOther words for it: probably, most likely');
  assert.equal(termHover('60-75%'), 'Likelihood **60–75%**: a probability stated directly, within *likely* (55–80%) on the ICD 203 scale');
});

test('hovering a percentage likelihood names the scale term it falls in, as its inlay hint does; one across two terms names none', () => {
  assert.equal(termHover('60-75%', `${TERMS}  //- /kent.json\n  { "scale": "phia" }\n`), 'Likelihood **60–75%**: a probability stated directly, within *likely* (55–75%) on the PHIA scale');
  assert.equal(termHover('50-70%', TERMS.replace('60-75%', '50-70%')), 'Likelihood **50–70%**: a probability stated directly');
});

test('hovering a likelihood written with no space after its colon: the same card', () => {
  const fixture = TERMS.replace('likelihood: probable', 'likelihood:probable');
  assert.equal(termHover('probable\n', fixture), 'Likelihood **probable** reads as *likely*: 55–80% on the ICD 203 scale  \nOther words for it: probably, most likely');
});

test('a source with no title is named by its key once, not as a bold title and again as its key', () => {
  const fw = loadFixture(`
    //- /a.kent
    assessment a: A
      bibliography: refs.bib

    claim C1: Prices rose [@untitled].
    //- /refs.bib
    @misc{untitled, reliability = {C}}
  `);
  const doc = fw.ws.getDocument('a.kent')!;
  const card = hover(fw.ws, doc, doc.text.indexOf('@untitled') + 2)?.markdown ?? '';
  assert.match(card, /^`@untitled` · from refs\.bib\n\nReliability: \*\*C\*\*/);
});

// A code in a `kent-ignore` comment: what it checks, how severe it is under the rules, and what
// the comment keeps quiet of it now (the count `unused-ignore` reads).
const IGNORES = `
  //- /a.kent
  // kent-ignore-file unused-source, missing-likelihood: the reading list stays

  // kent-ignore unsupported-claim, missing-confidence, vague-estimate: background
  judgment KJ1: Prices may rise, and wages [[C1]] may not.
    likelihood: likely

  // kent-ignore unresolved-reference, contradiction, unsuported-claim: waits for the annex
  claim C1: Wages rose.
    because: C9

  // kent-ignore missing-confidence: cut off

  judgment KJ2: Rents will likely rise.
    because: C1

  source s: An unused source
  //- /kent.json
  { "rules": { "vague-estimate": "off", "missing-confidence": "info" } }
`;

function ignoreHover(needle: string, nth = 0): string {
  const fw = loadFixture(IGNORES);
  const doc = fw.ws.getDocument('a.kent')!;
  let at = -1;
  for (let i = 0; i <= nth; i++) at = doc.text.indexOf(needle, at + 1);
  assert.ok(at >= 0, needle);
  return hover(fw.ws, doc, at + 2)?.markdown ?? '';
}

test('hovering a code in a kent-ignore says what it checks, its severity here, and how many diagnostics the comment keeps quiet', () => {
  assert.equal(
    ignoreHover('unsupported-claim'),
    '**unsupported-claim**: A judgment or claim with no support and no citation.  \nSeverity: error on a judgment, warning on a claim  \nThis comment keeps 1 diagnostic quiet on judgment KJ1 now',
  );
  // Severity as kent.json sets it, with the default beside it.
  assert.match(ignoreHover('missing-confidence'), /^\*\*missing-confidence\*\*: A judgment without a confidence level\.  \nSeverity: info \(by default: warning\)  \nThis comment keeps 1 diagnostic quiet on judgment KJ1 now$/);
  assert.match(ignoreHover('vague-estimate'), /Severity: off \(by default: warning\)  \nIt is off, so there is nothing for this comment to silence$/);
  assert.match(ignoreHover('unused-source'), /This comment keeps 1 diagnostic quiet in this document now$/);
});

test('the card of unsupported-claim says the check\'s severity by block, as the check reports it (a claim\'s is a warning)', () => {
  const fw = loadFixture(`
    //- /a.kent
    // kent-ignore unsupported-claim: background
    claim C1: Wages rose.
    //- /kent.json
    { "rules": { "unsupported-claim": "error" } }
  `);
  const doc = fw.ws.getDocument('a.kent')!;
  const card = hover(fw.ws, doc, doc.text.indexOf('unsupported-claim') + 2)?.markdown ?? '';
  // kent.json makes it an error on a claim too: the card says so, and what the default was.
  assert.match(card, /\nSeverity: error \(by default: error on a judgment, warning on a claim\)  \n/);
  // Without a rule, the severity a claim's diagnostic has is the card's.
  const { ws } = loadFixture(`
    //- /a.kent
    claim C1: Wages rose.
  `);
  const plain = ws.getDocument('a.kent')!;
  const d = checkDocument(ws, plain).find((x) => x.code === 'unsupported-claim');
  assert.equal(d?.severity, 'warning');
  const text = '// kent-ignore unsupported-claim: background\n' + plain.text;
  const ignored = ws.setDocument('a.kent', text);
  assert.match(hover(ws, ignored, text.indexOf('unsupported-claim') + 2)?.markdown ?? '', /\nSeverity: error on a judgment, warning on a claim  \n/);
});

test('hovering a code that silences nothing says so, and points to unused-ignore where Kent reports it', () => {
  // Decided by the document alone: reported as unused-ignore.
  assert.match(ignoreHover('missing-likelihood'), /This comment silences nothing in this document now: see \*\*unused-ignore\*\*$/);
  // C9 names nothing, so this one keeps a diagnostic quiet; a code another file may bring is not called stale.
  assert.match(ignoreHover('unresolved-reference'), /keeps 1 diagnostic quiet on claim C1 now$/);
  assert.match(ignoreHover('contradiction'), /This comment silences nothing on claim C1 now; what this code reports may stand on other files, so \*\*unused-ignore\*\* lets it be$/);
  assert.match(ignoreHover('missing-confidence: cut'), /This comment applies to no block, so it silences nothing: see \*\*unused-ignore\*\*$/);
  assert.equal(ignoreHover('unsuported-claim'), '**unsuported-claim** is no diagnostic code: it silences nothing');
});

test('a quote in a file of one very long line: the card shows the quoted words alone, and a long quote cut in the middle', () => {
  const line = 'filler '.repeat(100_000);
  const quote = 'the quote here ' + 'and on '.repeat(1_000) + 'to its end';
  const fw = loadFixture(`
  //- /a.kent
  evidence E1: Said.
    source: s
    quote: "${quote}"

  source s: S
    file: s.txt
  //- /s.txt
  ${line}${quote} ${line}
`);
  const doc = fw.ws.getDocument('a.kent')!;
  const card = hover(fw.ws, doc, doc.text.indexOf('"the quote') + 3)?.markdown ?? '';
  assert.ok(card.length < 6_000, `${card.length} characters`);
  assert.match(card, /the quoted words alone/);
  assert.match(card, /```text\nthe quote here and on [\s\S]* … [\s\S]*and on to its end\n```/);
});

/** A claim whose "could" speaks of 2022: past ability in a document dated after it, a hedge in one that is not. */
function pastCould(date: string | undefined) {
  const text = `assessment gas: Gas\n${date ? `  date: ${date}\n` : ''}\nclaim C1: In 2022 Europe could still buy Russian gas through Ukraine.\n`;
  const ws = new Workspace({ readFile: () => ({ ok: false, reason: 'missing' }) });
  const doc = ws.setDocument('gas.kent', text);
  return {
    couldHover: hover(ws, doc, text.indexOf('could') + 2)?.markdown,
    card: hover(ws, doc, text.indexOf('C1'))?.markdown ?? '',
    vague: checkDocument(ws, doc).filter((d) => d.code === 'vague-estimate').map((d) => text.slice(d.span.start, d.span.end)),
  };
}

test('hover reads a past "could" as the checks do, as of the assessment\'s date: no hedge after it (the claim is stated as fact), a hedge without a date or before the year', () => {
  const dated = pastCould('2024-09');
  assert.equal(dated.couldHover, undefined);
  assert.match(dated.card, /Likelihood: stated as fact/);
  for (const date of [undefined, '2022-01']) {
    const hedged = pastCould(date);
    assert.equal(hedged.couldHover, '**could** is a hedge: it states no probability', String(date));
    assert.doesNotMatch(hedged.card, /Likelihood/, String(date));
  }
});

test('the hover calls a "could" a hedge exactly when vague-estimate reports it', () => {
  for (const date of ['2024-09', '2022-01', '2021', undefined]) {
    const { couldHover, vague } = pastCould(date);
    assert.deepEqual(vague, couldHover ? ['could'] : [], String(date));
  }
});

test('a quote of a web page is found in its reader text, and the card shows that text, not the markup', () => {
  const fw = loadFixture(
    WS.replace('file: sources/wfp.txt', 'file: sources/wfp.html').replace(
      '//- /sources/wfp.txt',
      '//- /sources/wfp.html\n  <p>Unsubsidised bread prices in <b>Cairo</b> rose 48&nbsp;percent year on year &ndash; a record.</p>\n  //- /sources/old.txt',
    ),
  );
  const doc = fw.ws.getDocument('egypt.kent')!;
  const card = hover(fw.ws, doc, doc.text.indexOf('"rose 48') + 3)?.markdown ?? '';
  assert.match(card, /From sources\/wfp\.html, line 1/);
  assert.match(card, /```text\n\s*Unsubsidised bread prices in Cairo rose 48\u00a0percent year on year – a record\.\s*\n```/);
  assert.match(hover(fw.ws, doc, doc.text.indexOf('file: sources/wfp.html') + 8)?.markdown ?? '', /Quoted by egypt\/E1 \(line 1\), egypt\/E2 \(not found\)/);
});

test('a web page quoted: the card shows its text without the indentation its markup leaves, and excerpts with curly quotes set off clearly', () => {
  const page = [
    '<!doctype html><html><head><title>WFP Black Sea update</title></head>',
    '<body>',
    '    <h1>Black Sea grain update</h1>',
    '    <p>The World Food Programme notes that &ldquo;insurers remain reluctant to cover calls at Mykolaiv&rdquo;   while the estuary is mined.</p>',
    '</body></html>',
  ].join('\n  ');
  const fw = loadFixture(
    WS.replace('file: sources/wfp.txt', 'file: sources/wfp.html')
      .replace('"protests spread to every city"', '"insurers remain reluctant to cover calls at Mykolayiv"')
      .replace('"rose 48 percent year on year"', '"Black Sea grain update"')
      .replace('//- /sources/wfp.txt', `//- /sources/wfp.html\n  ${page}\n  //- /sources/old.txt`),
  );
  const doc = fw.ws.getDocument('egypt.kent')!;
  const near = hover(fw.ws, doc, doc.text.indexOf('"insurers') + 3)?.markdown ?? '';
  assert.match(near, /then has ‘Mykolaiv” while…’ where the quote has ‘Mykolayiv’\./);
  // Line 4 and the line before it: the lines of markup alone around them (2 and 5) are left out.
  assert.match(near, /From sources\/wfp\.html, line 4 \(lines 3–4 shown\):\n\n```text\nBlack Sea grain update\nThe World Food Programme notes that “insurers remain reluctant to cover calls at Mykolaiv” while the estuary is mined\.\n```$/);
  const found = hover(fw.ws, doc, doc.text.indexOf('"Black Sea') + 3)?.markdown ?? '';
  assert.match(found, /From sources\/wfp\.html, line 3 \(lines 1–4 shown\):\n\n```text\nWFP Black Sea update\n\nBlack Sea grain update\nThe World/);
  // The check's offsets are the page's: the closest passage opens where the page has it, markup and all.
  const d = checkDocument(fw.ws, doc).find((x) => x.code === 'quote-not-found')!;
  const html = fw.textOf('sources/wfp.html');
  assert.equal(html.slice(d.related![1].span.start, d.related![1].span.end), 'insurers remain reluctant to cover calls at Mykola');
});

test('hovering a term or a hedge in a paragraph of prose: the card its inlay hint stands for, as in a statement', () => {
  const fixture = `
  //- /a.kent
  assessment a: Shipping on the Northern Sea Route
    date: 2026-03

  Our bottom line: the route stays marginal. A realistic possibility
  remains that carriers run seasonal services, and prices could fall.

  claim C1: Prices will probably rise [@s1].

  source s1: S
  //- /kent.json
  { "scale": "phia" }
`;
  assert.equal(termHover('realistic possibility', fixture), '**realistic possibility**: 40–50% on the PHIA scale');
  assert.equal(termHover('could fall', fixture), '**could** is a hedge: it states no probability');
  assert.equal(termHover('bottom line', fixture), '');
});

// A migration trial: a citation's locator (and prefix) was left out of its hover, and a source
// cited only in prose had no "Cited by" line, though the report numbers it.
const CITES = `
  //- /trade.kent
  assessment trade: Shipping through the Red Sea
    date: 2026-04

  Transits fell by half, as Xinhua reported [@xinhua-2026].

  claim C1: Insurers priced the risk in [@unctad-2026, p. 3].

  claim C2: Rerouting added ten days [see @unctad-2026, ch. 3; also @xinhua-2026].
    because: [@unctad-2026, tbl. 2]

  Freight rates doubled [@unctad-2026, fig. 1] and stayed high [-@unctad-2026].

  source xinhua-2026: Xinhua on Red Sea transits
    reliability: C

  source unctad-2026: UNCTAD Review of Maritime Transport
    reliability: A
  //- /notes.kent
  Notes with no assessment cite it too [@xinhua-2026, para. 2].
`;

function citeHover(needle: string, delta = 0, path = 'trade.kent') {
  const fw = loadFixture(CITES);
  const doc = fw.ws.getDocument(path)!;
  const at = doc.text.indexOf(needle);
  assert.ok(at >= 0, needle);
  const h = hover(fw.ws, doc, at + delta);
  return { markdown: h?.markdown ?? '', shown: h ? doc.text.slice(h.span.start, h.span.end) : '' };
}

test("a citation's hover on its key says its locator, and its prefix", () => {
  const onKey = citeHover('@unctad-2026, p. 3', 2).markdown;
  assert.match(onKey, /\*\*UNCTAD Review of Maritime Transport\*\*/);
  assert.match(onKey, /^Locator: p\. 3 {2}$/m);
  assert.doesNotMatch(onKey, /Prefix/);
  const prefixed = citeHover('see @unctad-2026', 6).markdown;
  assert.match(prefixed, /^Prefix: see {2}$/m);
  assert.match(prefixed, /^Locator: ch\. 3 {2}$/m);
  // A key cited bare says no locator.
  assert.doesNotMatch(citeHover('@xinhua-2026]', 2).markdown, /Locator|Prefix/);
});

test("hovering a citation's locator or prefix text shows its source's card, with the locator, over that text", () => {
  for (const [needle, delta, locator, shown] of [
    ['p. 3]', 1, 'p\\. 3', 'p. 3'],
    ['ch. 3;', 4, 'ch\\. 3', 'ch. 3'],
    ['tbl. 2]', 0, 'tbl\\. 2', 'tbl. 2'], // in a `because:` value
    ['fig. 1]', 5, 'fig\\. 1', 'fig. 1'], // in prose
  ] as const) {
    const h = citeHover(needle, delta);
    assert.match(h.markdown, /\*\*UNCTAD Review of Maritime Transport\*\*/, needle);
    assert.match(h.markdown, new RegExp(`^Locator: ${locator} {2}$`, 'm'), needle);
    assert.equal(h.shown, shown, needle);
  }
  const see = citeHover('see @unctad', 1);
  assert.equal(see.shown, 'see');
  assert.match(see.markdown, /^Prefix: see {2}$/m);
  // `also` is the second cite's prefix: its source is Xinhua's.
  const also = citeHover('also @xinhua', 2);
  assert.equal(also.shown, 'also');
  assert.match(also.markdown, /\*\*Xinhua on Red Sea transits\*\*/);
  // The bracket, the blank after the comma and the `; ` between cites are no part of either.
  assert.equal(citeHover('[@unctad-2026, p. 3]').markdown, '');
  assert.equal(citeHover(', p. 3]', 1).markdown, '');
  assert.equal(citeHover('; also', 1).markdown, '');
});

test('a citation whose prefix ends a line (LF or CRLF) hovers on its key and on its prefix', () => {
  for (const nl of ['\n', '\r\n']) {
    const fw = loadFixture(`assessment a: A${nl}${nl}claim C1: Rerouting added ten days [cf.${nl}  @unctad-2026, ch. 3].${nl}${nl}source unctad-2026: UNCTAD Review${nl}  reliability: A${nl}`);
    const doc = fw.ws.getDocument('a.kent')!;
    const onKey = hover(fw.ws, doc, doc.text.indexOf('@unctad') + 2)?.markdown ?? '';
    assert.match(onKey, /\*\*UNCTAD Review\*\*/);
    assert.match(onKey, /^Prefix: cf\. {2}$/m);
    const onPrefix = hover(fw.ws, doc, doc.text.indexOf('cf.') + 1);
    assert.equal(onPrefix && doc.text.slice(onPrefix.span.start, onPrefix.span.end), 'cf.');
  }
});

test('"Cited by" counts citations in prose, with the document and line, after the items', () => {
  const card = citeHover('source xinhua-2026', 7).markdown;
  assert.match(card, /^Cited by trade\/C2, and in the prose of trade \(line 4\), notes\.kent \(line 1\)$/m);
  // Both kinds, one paragraph's citations said once a line.
  assert.match(citeHover('source unctad-2026', 7).markdown, /^Cited by trade\/C1, trade\/C2, and in the prose of trade \(line 11\)$/m);
  // Prose alone.
  const fw = loadFixture(CITES.replace('[see @unctad-2026, ch. 3; also @xinhua-2026]', '[see @unctad-2026, ch. 3]'));
  const doc = fw.ws.getDocument('trade.kent')!;
  const only = hover(fw.ws, doc, doc.text.indexOf('source xinhua-2026') + 7)?.markdown ?? '';
  assert.match(only, /^Cited in the prose of trade \(line 4\), notes\.kent \(line 1\)$/m);
  assert.doesNotMatch(only, /Cited by/);
});

test('a source cited only in prose is used, and its references include the prose citations', () => {
  const fw = loadFixture(CITES);
  assert.deepEqual(
    fw.diagnostics().filter((d) => d.code === 'unused-source'),
    [],
  );
  const doc = fw.ws.getDocument('trade.kent')!;
  const refs = references(fw.ws, doc, doc.text.indexOf('source xinhua-2026') + 7, false).map((l) => fw.at(l.path, l.span.start));
  assert.deepEqual(refs, ['trade.kent:8:68', 'trade.kent:4:45', 'notes.kent:1:40']);
});

test('hovering a rated value written in another case shows its meaning, as the checks read it: `confidence: High` is high, `reliability: b` is B', () => {
  const fw = loadFixture(`
  //- /a.kent
  judgment KJ1: Prices will probably fall [@s].
    likelihood: likely
    confidence: High

  source s: A source
    reliability: b
  `);
  const doc = fw.ws.getDocument('a.kent')!;
  const at = (needle: string) => hover(fw.ws, doc, doc.text.indexOf(needle) + 1)?.markdown ?? '';
  assert.match(at('High'), /^Confidence \*\*high\*\*: well-corroborated/);
  assert.match(at('b\n'), /^Reliability \*\*B\*\*: usually reliable/);
});
