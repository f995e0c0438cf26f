// Hover cards found in a new user's trial through the language server: who cites a source,
// and what a `quote:`, `file:` or `bibliography:` value points at.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { hover } from '../server/src/core/service/hover';
import { loadFixture } from './harness';

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
  assert.match(card, /From sources\/wfp\\\.txt, line 4/);
  assert.match(card, /```text\n[\s\S]*Unsubsidised bread prices in Cairo rose 48 percent/);
  assert.match(hoverAt('"protests spread', 3), /Quote not found in sources\/wfp\\\.txt/);
});

test('hovering a file path says whether it is there, how long it is and which evidence quotes it', () => {
  const card = hoverAt('sources/wfp.txt', 3);
  assert.match(card, /^\*\*sources\/wfp\\\.txt\*\*: local copy of source `@wfp`/);
  assert.match(card, /5 lines · Quoted by egypt\/E1 \(line 4\), egypt\/E2 \(not found\)/);
  assert.match(hoverAt('sources/gone.txt', 3), /sources\/gone\\\.txt\*\*: local copy of source `@gone`; it does not exist/);
});

test('hovering a bibliography path counts its entries and names those the document cites', () => {
  const card = hoverAt('refs.bib', 2);
  assert.match(card, /^\*\*refs\\\.bib\*\*: bibliography, 2 entries/);
  assert.match(card, /Cited here: fao\\-2024$/);
});

test('an assumption’s card has one blank line before its document, not two', () => {
  const card = hoverAt('A1:', 1);
  assert.match(card, /The subsidy holds\\\.\n\n_egypt\\\.kent_/);
});

test('hovering a key another assessment’s bibliography has, but this one does not name, says so', () => {
  assert.equal(hoverAt('@fao-2024', 2, 'tunisia.kent'), '**@fao\\-2024**: an entry of refs\\.bib, which this assessment does not name in **bibliography**');
});
