// Every diagnostic code of the core, through the fixture harness: a case that fires (file,
// line, code and the key parts of the message) and a near miss that must not fire. Cases
// follow the language brief (/work/shared/brief/language.md) example by example.
import { describe, test } from 'node:test';
import * as assert from 'node:assert/strict';
import { CODES, type Code, type KentDiagnostic } from '../server/src/core/types';
import { editorSettings } from '../server/src/core/config';
import { Workspace } from '../server/src/core/workspace';
import { checkDocument } from '../server/src/core/analyze';
import { codeActions } from '../server/src/core/service/codeActions';
import { checkFixture, codes, formatRelated, kent, loadFixture, MemoryHost, spanText, type FixtureWorkspace } from './harness';

/** Diagnostics of one code, with the workspace they came from. */
function find(fixture: string, code: Code): { fw: FixtureWorkspace; ds: KentDiagnostic[] } {
  const fw = loadFixture(fixture);
  return { fw, ds: fw.diagnostics().filter((d) => d.code === code) };
}

/** `file:line code` lines of one code. */
function linesOf(fixture: string, code: Code): string[] {
  return codes(fixture).filter((l) => l.endsWith(' ' + code));
}

function none(fixture: string, code: Code): void {
  assert.deepEqual(linesOf(fixture, code), [], `expected no ${code}`);
}

/** Asserts exactly one diagnostic of `code` at `file:line` and returns it. */
function one(fixture: string, code: Code, where: string): { fw: FixtureWorkspace; d: KentDiagnostic } {
  const { fw, ds } = find(fixture, code);
  assert.deepEqual(
    ds.map((d) => `${fw.at(d.path, d.span.start).replace(/:\d+$/, '')}`),
    [where],
    `expected one ${code} at ${where}, got:\n${checkFixture(fixture).join('\n')}`,
  );
  return { fw, d: ds[0] };
}

function mentions(message: string, ...parts: string[]): void {
  for (const p of parts) assert.ok(message.includes(p), `message should mention ${JSON.stringify(p)}: ${message}`);
}

/** A source everything can lean on, so fixtures only show the problem under test. */
const SOURCES = kent`
source s1: First source
  reliability: A
  origin: one

source s2: Second source
  reliability: B
  origin: two
`;

// ---------------------------------------------------------------------------
// The brief's big example (§1)

const BIG_EXAMPLE = kent`
//- /russia-taiwan.kent
assessment russia-taiwan: Russia's Role in a U.S.-China War over Taiwan
  date: 2024-09
  author: Carnegie Endowment for International Peace
  bibliography: refs.bib

# Key judgments

Russia benefits from tension in the Asia-Pacific but not from a war there
[[KJ2]]. Its help to China would look like China's help to Russia since 2022
[@blinken-2024, p. 2].

judgment KJ1: In a U.S.-China war over Taiwan, Russia would probably avoid
    becoming directly involved.
  likelihood: likely
  confidence: moderate
  because: C1, C2, E1

judgment KJ2: A war over Taiwan would almost certainly not be in Russia's interest.
  likelihood: almost certain
  confidence: moderate
  because: C1

claim C1: A U.S.-China war would put Russia's Pacific assets at risk.
  because: E2
  confidence: high

claim C2: Russia's forces are committed to the war in Ukraine.
  because: [@iiss-2024]

assumption A1: The war in Ukraine continues through the period assessed.

evidence E1: Chinese experts expect no direct Russian role.
  source: @zhao-2021
  locator: p. 14
  quote: "neither China nor Russia is ready for it"
  credibility: 2

evidence E2: Sea of Okhotsk bastion hosts Russia's newest SSBNs.
  source: iiss-2024
  credibility: 2

source iiss-2024: The Military Balance 2024
  author: International Institute for Strategic Studies
  date: 2024-02
  reliability: B
  url: https://www.iiss.org/publications/the-military-balance/
  file: sources/iiss-2024.txt

source zhao-2021: Zhao Huasheng on a China-Russia alliance
  reliability: C
  origin: fudan-riac-dialogue

source blinken-2024: Secretary Blinken's remarks in Rome, April 2024
  reliability: B
//- /refs.bib
@book{kashin-2019,
  author = {Kashin, Vasily},
  title = {Tacit Alliance},
  year = {2019},
  reliability = {C}
}
//- /sources/iiss-2024.txt
The Military Balance 2024. Russia's newest SSBNs are based in the Sea of Okhotsk bastion.
`;

describe('the brief example (§1)', () => {
  test('has exactly the diagnostics the brief implies: C1 is overconfident', () => {
    // C1 has confidence high but its only grounding source is iiss-2024: one source, not two.
    assert.deepEqual(codes(BIG_EXAMPLE), ['russia-taiwan.kent:25 overconfident']);
    const { d } = one(BIG_EXAMPLE, 'overconfident', 'russia-taiwan.kent:25');
    mentions(d.message, 'C1', 'high', 'iiss-2024');
    assert.equal(d.severity, 'warning');
  });

  test('reads the bibliography and the source file, and nothing else', () => {
    const fw = loadFixture(BIG_EXAMPLE);
    fw.diagnostics();
    assert.deepEqual([...new Set(fw.host.reads)].sort(), ['kent.json', 'refs.bib', 'sources/iiss-2024.txt']);
  });
});

// ---------------------------------------------------------------------------
// One block per code

describe('syntax', () => {
  test('a malformed header is reported where it goes wrong, the rest is still checked', () => {
    const fx = kent`
      claim 9lives: This header is malformed.

      judgment J1: Nothing supports this.
        likelihood: likely
        confidence: low
    `;
    const { fw, d } = one(fx, 'syntax', 'a.kent:1');
    mentions(d.message, 'expected');
    assert.equal(d.severity, 'error');
    assert.equal(spanText(fw, d).startsWith('9'), true, `span should point at "9lives", got "${spanText(fw, d)}"`);
    // The next block is still checked.
    assert.deepEqual(linesOf(fx, 'unsupported-claim'), ['a.kent:3 unsupported-claim']);
  });

  test('a header typed without its statement yet: the syntax error alone, no verdict on its content', () => {
    const fx = kent`
      judgment KJ1:

      evidence E1:

      claim C1:
        confidence: high
        because: @s1

      judgment KJ2: Russia will stay out.
      ${SOURCES}
    `;
    const { fw, ds } = find(fx, 'syntax');
    assert.deepEqual(ds.map((d) => `${fw.at(d.path, d.span.start)} ${spanText(fw, d)}`), ['a.kent:1:10 KJ1', 'a.kent:3:10 E1', 'a.kent:5:7 C1']);
    // Every other finding is KJ2's, which has its statement (C1 cites s1 alone, so s2 is unused).
    assert.deepEqual(
      fw.diagnostics().filter((d) => d.code !== 'syntax' && d.code !== 'unused-source').map((d) => `${fw.at(d.path, d.span.start).replace(/:\d+$/, '')} ${d.code}`),
      ['a.kent:9 unsupported-claim', 'a.kent:9 missing-likelihood', 'a.kent:9 missing-confidence'],
    );
  });

  test('an unclosed quote says a double-quoted string was expected', () => {
    const fx = kent`
      evidence E1: Report.
        source: s1
        quote: "two crossings reopened
      ${SOURCES}
    `;
    const { d } = one(fx, 'syntax', 'a.kent:3');
    mentions(d.message, 'quote', 'double-quoted string');
  });

  test('near miss: a well-formed document has no syntax diagnostic', () => {
    none(
      kent`
      claim L9: A fine header.
        because: @s1
      evidence E1: Report.
        source: s1
        quote: "a closed quote"
      ${SOURCES}
    `,
      'syntax',
    );
  });
});

describe('unknown-attribute', () => {
  test('an unknown name after the first attribute, with a suggestion', () => {
    const fx = kent`
      claim C1: Ruritania reopened two border crossings.
        because: @s1
        priority: high
        becuase: s2
      ${SOURCES}
    `;
    const { fw, ds } = find(fx, 'unknown-attribute');
    assert.deepEqual(
      ds.map((d) => fw.at(d.path, d.span.start)),
      ['a.kent:3:3', 'a.kent:4:3'],
    );
    mentions(ds[0].message, 'C1', 'priority');
    mentions(ds[1].message, 'becuase', 'because');
    assert.equal(spanText(fw, ds[0]), 'priority');
  });

  test('a capitalised name the block takes and lacks, before the first attribute: read as the statement, a warning on the name, with a fix', () => {
    const fx = kent`
      judgment J1: Prices will rise [@s1].
        Likelihood: likely
        confidence: low

      evidence E1: The ministry said so.
        Source: s2
      ${SOURCES}
    `;
    const { fw, ds } = find(fx, 'unknown-attribute');
    assert.deepEqual(
      ds.map((d) => `${fw.at(d.path, d.span.start)} ${spanText(fw, d)}`),
      ['a.kent:2:3 Likelihood', 'a.kent:6:3 Source'],
    );
    assert.equal(ds[0].message, 'judgment J1: `Likelihood:` is read as part of the statement, as attribute names are lowercase (did you mean `likelihood`?): this line is not its `likelihood`');
    assert.equal(ds[0].severity, 'warning');
    // The fix makes it the attribute: the likelihood is declared, the evidence has its source.
    let text = fw.textOf('a.kent');
    for (const d of [...ds].reverse()) {
      const fix = d.fixes![0];
      assert.ok(fix.kind === 'replace');
      assert.equal(fix.title, `Change to \`${fix.text}\``);
      text = text.slice(0, fix.span.start) + fix.text + text.slice(fix.span.end);
    }
    fw.ws.setDocument('a.kent', text);
    assert.equal(fw.ws.getDocument('a.kent')!.items.find((i) => i.id === 'J1')!.likelihood?.text, 'likely');
    assert.deepEqual(fw.diagnostics().filter((d) => d.code !== 'unused-source').map((d) => d.code), []);
    // Not a name the block takes, a lowercase word, or the header line: statement text as ever.
    assert.deepEqual(find(kent`
      claim C1: Note: prices will rise [@s1].
        Reliability: this is prose
        Summary: more prose
      ${SOURCES}
    `, 'unknown-attribute').ds, []);
    // The block has the attribute: the line is the statement's own words ("Source: Reuters").
    assert.deepEqual(find(kent`
      evidence E1: A cable reads
        Source: Reuters, 4 May.
        source: s1
      ${SOURCES}
    `, 'unknown-attribute').ds, []);
  });

  test('a known attribute the block does not take', () => {
    const { d } = one(
      kent`
      claim C1: A claim.
        because: @s1
        reliability: B
      ${SOURCES}
    `,
      'unknown-attribute',
      'a.kent:3',
    );
    mentions(d.message, 'claim', 'reliability');
  });

  test('the block is named with the right article: an assumption, evidence', () => {
    const fx = kent`
      assumption A1: Demand stays flat.
        likelihood: likely

      evidence E1: Lower ore grades.
        source: s1
        reliability: B
      ${SOURCES}
    `;
    const { ds } = find(fx, 'unknown-attribute');
    mentions(ds[0].message, 'assumption A1: an assumption does not take `likelihood`');
    mentions(ds[1].message, 'evidence E1: evidence does not take `reliability`');
  });

  test('near miss: an unknown `word:` before the first attribute continues the statement', () => {
    const fx = kent`
      claim C1: A claim that goes on,
        Note: with a colon in its second line.
        because: @s1
      ${SOURCES}
    `;
    none(fx, 'unknown-attribute');
    const fw = loadFixture(fx);
    const item = fw.ws.documents()[0].items[0];
    assert.match(item.statement, /Note: with a colon/);
  });
});

describe('invalid-value', () => {
  const fx = kent`
    source src: A source
      reliability: G

    claim C1: A claim.
      confidence: very high
      because: @src

    judgment J1: Something will happen.
      likelihood: fairly likely
      confidence: low
      because: @src
  `;
  test('reliability: G, confidence: very high, likelihood: fairly likely, each with the nearest valid value', () => {
    const { fw, ds } = find(fx, 'invalid-value');
    assert.deepEqual(
      ds.map((d) => `${fw.at(d.path, d.span.start)} ${spanText(fw, d)}`),
      ['a.kent:2:16 G', 'a.kent:5:15 very high', 'a.kent:9:15 fairly likely'],
    );
    mentions(ds[0].message, 'src', 'reliability: G');
    mentions(ds[1].message, 'C1', 'very high', 'did you mean `high`');
    mentions(ds[2].message, 'J1', 'fairly likely', 'did you mean `likely`');
    for (const d of ds) assert.equal(d.severity, 'error');
    assert.deepEqual(
      ds.slice(1).map((d) => d.fixes?.[0]),
      [
        { kind: 'replace', span: ds[1].span, text: 'high', title: 'Change to `high`' },
        { kind: 'replace', span: ds[2].span, text: 'likely', title: 'Change to `likely`' },
      ],
    );
  });

  test("the other scale's term is named as such, and this scale's nearest band is the preferred fix, not the nearest spelling", () => {
    const under = (scale: string) => kent`
      //- /a.kent
      judgment KJ1: Talks will resume [@s1].
        likelihood: roughly even chance
        confidence: low

      judgment KJ2: Talks will fail [@s1].
        likelihood: realistic possibility
        confidence: low
      ${SOURCES}
      //- /kent.json
      { "scale": "${scale}" }
    `;
    const phia = find(under('phia'), 'invalid-value');
    assert.deepEqual(phia.ds.map((d) => d.message), [
      'judgment KJ1: `likelihood: roughly even chance` is not valid; expected an estimative term of the PHIA scale or a percentage; `roughly even chance` is ICD 203\'s term for 45–55%; PHIA\'s nearest band is 40–50% (did you mean `realistic possibility`?)',
    ]);
    const doc = phia.fw.ws.getDocument('a.kent')!;
    const preferred = codeActions(phia.fw.ws, doc, phia.ds[0].span, phia.ds).filter((a) => a.isPreferred);
    assert.deepEqual(preferred.map((a) => a.edits.map((e) => e.newText)), [['realistic possibility']]);
    const icd = find(under('icd203'), 'invalid-value');
    assert.deepEqual(icd.ds.map((d) => d.message), [
      'judgment KJ2: `likelihood: realistic possibility` is not valid; expected an estimative term of the ICD 203 scale or a percentage; `realistic possibility` is PHIA\'s term for 40–50% (`"scale": "phia"` in kent.json chooses PHIA); ICD 203\'s nearest band is 45–55% (did you mean `roughly even chance`?)',
    ]);
  });

  test('an Admiralty grade (`B2`) gives each attribute its half, and `high confidence` its level', () => {
    const fx2 = kent`
      source src: A source
        reliability: B2

      evidence E1: E
        source: src
        credibility: a-3

      claim C1: A claim.
        confidence: High confidence
        because: E1
    `;
    const { fw, ds } = find(fx2, 'invalid-value');
    assert.deepEqual(
      ds.map((d) => [spanText(fw, d), d.fixes?.map((f) => (f.kind === 'replace' ? f.text : ''))]),
      [
        ['B2', ['B']],
        ['a-3', ['3']],
        ['High confidence', ['high']],
      ],
    );
    mentions(ds[0].message, '`B2` is an Admiralty grade', "information's credibility (`credibility: 2`, on the evidence)", 'did you mean `B`');
    mentions(ds[1].message, '`a-3` is an Admiralty grade', "source's reliability (`reliability: A`, on the source)", 'did you mean `3`');
    mentions(ds[2].message, 'did you mean `high`');
  });

  test('credibility, status and dates', () => {
    const fx2 = kent`
      assessment a: A
        status: drafty
        date: 2024-13

      evidence E1: E
        source: s1
        credibility: 7
      ${SOURCES}
    `;
    assert.deepEqual(linesOf(fx2, 'invalid-value'), ['a.kent:2 invalid-value', 'a.kent:3 invalid-value', 'a.kent:7 invalid-value']);
  });

  test('a day its month does not have: 2024-02-30, 2023-02-29, 2024-04-31; 2024-02-29 is fine', () => {
    const fx2 = kent`
      assessment a: A
        date: 2024-02-29

      judgment J1: It rained [@s1].
        likelihood: likely
        confidence: low
        resolved: true 2024-04-31

      evidence E1: E
        source: s1
        date: 2023-02-29
      ${SOURCES}
    `;
    assert.deepEqual(linesOf(fx2, 'invalid-value'), ['a.kent:7 invalid-value', 'a.kent:11 invalid-value']);
    const bad = fx2.replace('date: 2024-02-29', 'date: 2024-02-30');
    assert.deepEqual(linesOf(bad, 'invalid-value'), ['a.kent:2 invalid-value', 'a.kent:7 invalid-value', 'a.kent:11 invalid-value']);
  });

  test('a judgment resolved before its assessment was dated: on the resolved date; only strictly before, read at the coarser date', () => {
    const resolvedOn = (written: string, resolved: string) => kent`
      assessment a: A
        date: ${written}

      judgment J1: It will rain [@s1].
        likelihood: likely
        confidence: low
        resolved: true ${resolved}
      ${SOURCES}
    `;
    const { fw, d } = one(resolvedOn('2025-11', '2025-10'), 'invalid-value', 'a.kent:7');
    assert.equal(spanText(fw, d), '2025-10');
    assert.equal(d.message, "judgment J1: resolved 2025-10, before the assessment's date 2025-11: a judgment made after the outcome is no forecast");
    one(resolvedOn('2025-11-05', '2025-10-31'), 'invalid-value', 'a.kent:7');
    one(resolvedOn('2026', '2025-12'), 'invalid-value', 'a.kent:7');
    for (const [written, resolved] of [['2025-11', '2025-11'], ['2025-11', '2025'], ['2025', '2025-01'], ['2025-11', '2025-11-01'], ['2025-11-05', '2025-11'], ['2025-11', '2026-01']]) none(resolvedOn(written, resolved), 'invalid-value');
  });

  test('a percentage out of range', () => {
    one(
      kent`
      claim C1: A claim.
        likelihood: 80-60%
        because: @s1
      ${SOURCES}
    `,
      'invalid-value',
      'a.kent:2',
    );
  });

  test('a bibliography entry whose reliability field is not A–F: on `bibliography:`, each entry related', () => {
    const fx = kent`
      //- /a.kent
      assessment a: A
        bibliography: refs.bib

      claim C1: Prices will fall [@k1; @k2; @k3].
      //- /refs.bib
      @misc{k1, title = {One}, reliability = {Q}}
      @misc{k2, title = {Two}, reliability = {B}}
      @misc{k3, title = {Three}, note = {reliability: 9}}
    `;
    const { fw, ds } = find(fx, 'invalid-value');
    assert.deepEqual(ds.map((d) => `${fw.at(d.path, d.span.start)} ${spanText(fw, d)}`), ['a.kent:2:17 refs.bib']);
    mentions(ds[0].message, 'entry k1 has reliability `Q`', 'and 1 more entry');
    assert.deepEqual(
      ds[0].related?.map((r) => `${fw.at(r.path, r.span.start)} ${r.message}`),
      ['refs.bib:1:7 k1: reliability `Q`', 'refs.bib:3:7 k3: reliability `9`'],
    );
    // An Admiralty grade in the field: which half it takes.
    const graded = find(fx.replace('reliability = {Q}', 'reliability = {B2}'), 'invalid-value').ds[0];
    mentions(graded.message, 'entry k1 has reliability `B2`', "`B2` is an Admiralty grade: its digit is the information's credibility (`credibility: 2`, on the evidence), so the field takes `B`");
  });

  test("a bibliography's problems named by three assessments: listed once, on the first in path order; the others point there; a document checked alone lists them", () => {
    const fx = kent`
      //- /team-b/c.kent
      assessment c: C
        bibliography: ../sources/refs.bib
      //- /team-a/a.kent
      assessment a: A
        bibliography: ../sources/refs.bib
      //- /team-a/b.kent
      assessment b: B
        bibliography: ../sources/refs.bib
      //- /sources/refs.bib
      @misc{k1, title = {One}, reliability = {Z}}
      @misc{broken, title = {Two}
      @misc{k3, title = {Three}}
    `;
    const fw = loadFixture(fx);
    const shown = (d: KentDiagnostic) => `${fw.at(d.path, d.span.start)} ${d.code}: ${d.message} | ${d.related?.map((r) => formatRelated(fw, r)).join('; ')}`;
    const bibs = fw.diagnostics().filter((d) => d.code === 'invalid-value' || d.code === 'source-file-missing');
    assert.deepEqual(bibs.map((d) => `${d.path} ${d.code} ${d.related?.length}`).sort(), [
      'team-a/a.kent invalid-value 1',
      'team-a/a.kent source-file-missing 1',
      'team-a/b.kent invalid-value 1',
      'team-a/b.kent source-file-missing 1',
      'team-b/c.kent invalid-value 1',
      'team-b/c.kent source-file-missing 1',
    ]);
    const [first] = bibs.filter((d) => d.path === 'team-a/a.kent' && d.code === 'source-file-missing');
    mentions(first.message, 'cannot be fully parsed: sources/refs.bib:2:1');
    assert.deepEqual(bibs.filter((d) => d.path === 'team-b/c.kent').map(shown), [
      'team-b/c.kent:2:17 invalid-value: assessment c: bibliography ../sources/refs.bib: 1 entry has a reliability that is not valid and counts as unrated until fixed (listed on team-a/a.kent) | team-a/a.kent:2:17 the entries of sources/refs.bib',
      'team-b/c.kent:2:17 source-file-missing: assessment c: bibliography ../sources/refs.bib cannot be fully parsed (1 problem, listed on team-a/a.kent); 2 entries read | team-a/a.kent:2:17 the problems of sources/refs.bib',
    ]);
    // Checked alone (`kent check team-b/c.kent`), a document lists them itself.
    const alone = fx.replace(/\/\/- \/team-a\/[\s\S]*?(?=\/\/- \/sources)/, '');
    const own = find(alone, 'source-file-missing').ds;
    assert.equal(own.length, 1);
    mentions(own[0].message, 'cannot be fully parsed: sources/refs.bib:2:1');
    mentions(find(alone, 'invalid-value').ds[0].message, 'entry k1 has reliability `Z`');

    // The first silences the parse problems (`kent-ignore`): the next lists them, and the third
    // points there; the unrated entries, not silenced, stay listed on the first.
    const hushed = loadFixture(fx.replace('assessment a: A', '// kent-ignore source-file-missing\n      assessment a: A'));
    const listed = hushed.diagnostics().filter((d) => d.code === 'invalid-value' || d.code === 'source-file-missing');
    assert.deepEqual(listed.map((d) => `${d.path} ${d.code} ${d.message.includes('listed on') ? d.message.match(/listed on \S+/)![0] : 'in full'}`).sort(), [
      'team-a/a.kent invalid-value in full',
      'team-a/b.kent invalid-value listed on team-a/a.kent)',
      'team-a/b.kent source-file-missing in full',
      'team-b/c.kent invalid-value listed on team-a/a.kent)',
      'team-b/c.kent source-file-missing listed on team-a/b.kent);',
    ]);
  });

  test('a relation naming its own item, evidence or a source; no estimate is shown for it', () => {
    const fx = kent`
      claim C1: The dam will fail.
        same-as: C1
        because: @s1

      claim C2: The dam will hold.
        negates: E1
        because: @s1

      claim C3: The dam will hold.
        revises: C3
        contradicts: C3, s1, A1
        because: @s1

      assumption A1: Rain stays normal.

      evidence E1: Cracks were seen.
        source: s1
      ${SOURCES}
    `;
    const { fw, ds } = find(fx, 'invalid-value');
    assert.deepEqual(
      ds.map((d) => `${fw.at(d.path, d.span.start)} ${spanText(fw, d)}`),
      ['a.kent:2:12 C1', 'a.kent:6:12 E1', 'a.kent:10:12 C3', 'a.kent:11:16 C3', 'a.kent:11:20 s1'],
    );
    mentions(ds[0].message, '`same-as` names C1 itself');
    mentions(ds[1].message, '`negates` names evidence E1');
    // Disputing an assumption is allowed, and shown; the invalid ones show nothing beside the error.
    assert.deepEqual(linesOf(fx, 'acknowledged-disagreement'), ['a.kent:11 acknowledged-disagreement']);
    assert.deepEqual(linesOf(fx, 'revised-estimate'), []);
  });

  test('near miss: valid values, synonyms and percentages', () => {
    none(
      kent`
      source src: A source
        reliability: B

      claim C1: A claim.
        confidence: high
        likelihood: 60-75%
        because: @src, @s1

      judgment J1: Something will happen.
        likelihood: Highly Probable
        confidence: low
        because: @src
      ${SOURCES}
    `,
      'invalid-value',
    );
  });
});

describe('invalid-value: enumerated values in any case', () => {
  const fx = kent`
    //- /a.kent
    assessment a: A
      status: Draft
      bibliography: refs.bib
      bibliography: refs.json

    source src: A source
      reliability: b
      origin: src

    source other: Another source
      reliability: A
      origin: other

    judgment J1: Prices will fall [@k1; @k2].
      likelihood: Likely
      confidence: High
      because: @src, @other
      resolved: True 2025-01

    assumption A1: Rain stays normal.
      confidence: MODERATE
    //- /refs.bib
    @misc{k1, title = {One}, reliability = {b}}
    //- /refs.json
    [{"id": "k2", "type": "book", "title": "Two", "reliability": "c"}]
  `;
  test('`confidence: High`, `reliability: b`, `status: Draft`, `resolved: True`, bibliography `b` and `"c"` are valid', () => {
    none(fx, 'invalid-value');
    none(fx, 'syntax');
  });

  test('each is read as its canonical form: `b` is B for overconfident, and `High` is high', () => {
    none(fx, 'overconfident');
    // Rated `b` alone is one source: `High` needs two rated A–C; the message names the level as Kent reads it.
    const { d } = one(fx.replace('because: @src, @other', 'because: @src').replace(' [@k1; @k2]', ''), 'overconfident', 'a.kent:16');
    mentions(d.message, '`confidence: high`', 'src (B)');
  });

  test('inconsistent-source-rating: `b` and `B` are one rating, `b` and `C` two', () => {
    const two = (other: string) => kent`
      //- /a.kent
      assessment a: A
        bibliography: refs.bib

      source rated: Regional newspaper
        reliability: b

      Cited [@rated; @listed].
      //- /b.kent
      assessment b: B

      source rated: Regional newspaper
        reliability: ${other}

      source listed: A listed source
        reliability: B
      //- /refs.bib
      @misc{listed, title = {A listed source}, reliability = {b}}
    `;
    none(two('B'), 'inconsistent-source-rating');
    assert.deepEqual(linesOf(two('C'), 'inconsistent-source-rating'), ['a.kent:5 inconsistent-source-rating', 'b.kent:4 inconsistent-source-rating']);
    mentions(find(two('C'), 'inconsistent-source-rating').ds[0].message, 'rated B here but C in b.kent');
  });

  test('near miss: a value that is invalid in any case is still named as written', () => {
    const { ds } = find(
      kent`
      source src: A source
        reliability: G

      claim C1: A claim [@src].
        confidence: Very High
    `,
      'invalid-value',
    );
    assert.equal(ds.length, 2);
    mentions(ds[1].message, '`confidence: Very High`', 'did you mean `high`');
  });
});

describe('missing-attribute', () => {
  test('evidence without source', () => {
    const { d } = one(
      kent`
      evidence E1: A traveller's account.
        credibility: 4
    `,
      'missing-attribute',
      'a.kent:1',
    );
    mentions(d.message, 'E1', 'source');
  });
  test('near miss: evidence with a source', () => {
    none(
      kent`
      evidence E1: A traveller's account.
        source: s1
      ${SOURCES}
    `,
      'missing-attribute',
    );
  });
});

describe('duplicate-id', () => {
  test('two items with one ID in a document: the second is reported, pointing at the first', () => {
    const fx = kent`
      claim Twice: One.
        because: @s1

      claim Twice: Two.
        because: @s1
      ${SOURCES}
    `;
    const { fw, d } = one(fx, 'duplicate-id', 'a.kent:4');
    mentions(d.message, 'Twice');
    assert.deepEqual(d.related?.map((r) => formatRelated(fw, r)), ['a.kent:1:7 first definition of Twice']);
  });

  test('two documents with one assessment ID: reported in both', () => {
    const fx = kent`
      //- /a.kent
      assessment same: A
      //- /b.kent
      assessment same: B
    `;
    const { fw, ds } = find(fx, 'duplicate-id');
    assert.deepEqual(
      ds.map((d) => fw.at(d.path, d.span.start)),
      ['a.kent:1:12', 'b.kent:1:12'],
    );
    mentions(ds[0].message, 'same', 'b.kent');
    assert.deepEqual(ds[0].related?.map((r) => r.path), ['b.kent']);
    assert.deepEqual(ds[1].related?.map((r) => r.path), ['a.kent']);
  });

  test('near miss: one item ID in two documents; IDs differing in case', () => {
    none(
      kent`
      //- /a.kent
      assessment a: A

      claim C1: One.
        because: @s1

      claim c1: Lower case is another ID.
        because: @s1
      ${SOURCES}
      //- /b.kent
      assessment b: B

      claim C1: Same ID, other document.
        because: @s1
    `,
      'duplicate-id',
    );
  });
});

describe('unresolved-reference: "did you mean" whatever order the documents came in', () => {
  // Two names at one distance: the editor (documents in the order opened and edited) and
  // `kent check` (in path order) suggested different ones for one text.
  const files: Record<string, string> = {
    'a.kent': 'assessment h5n1-2024: New\n\nclaim C1: Herds are infected [@who-c].\n\nsource who-c: WHO\n  reliability: B\n',
    'b.kent': 'assessment h5n1-2022: Old\n\nclaim C1: Herds were infected [@who-a].\n\nsource who-a: WHO\n  reliability: B\n',
    'c.kent': 'assessment partner: Partner\n\nclaim P1: Herds are infected [@who-b].\n  because: h5n1-2023/C1\n',
  };
  const messages = (order: string[]) => {
    const ws = new Workspace({ readFile: () => ({ ok: false, reason: 'missing' }) });
    for (const p of order) ws.setDocument(p, files[p]);
    return checkDocument(ws, ws.getDocument('c.kent')!).filter((d) => d.code === 'unresolved-reference').map((d) => d.message);
  };
  test('the first name in sorted order, for assessment IDs and source keys', () => {
    const forward = messages(['a.kent', 'b.kent', 'c.kent']);
    assert.deepEqual(messages(['c.kent', 'b.kent', 'a.kent']), forward);
    assert.ok(forward.some((m) => m.includes('did you mean h5n1-2022/C1?')), forward.join('\n'));
    assert.ok(forward.some((m) => m.includes('did you mean who-a?')), forward.join('\n'));
  });
});

describe('unresolved-reference: a doc/ID into no assessment is offered only an assessment with that item', () => {
  // Team B's document missing (not yet written, or outside the PATHs checked): team A's refs to
  // it were offered h5n1-team-a/C3, an item that does not exist, and KJ1 was offered to dispute itself.
  const files: Record<string, string> = {
    'a.kent':
      'assessment h5n1-team-a: A\n\njudgment KJ1: Spread will not be confirmed.\n  likelihood: likely\n  confidence: low\n  because: @s\n  contradicts: h5n1-team-b/KJ1\n\n' +
      'claim C2: Clusters stayed small [@s].\n  same-as: h5n1-team-b/C3\n\nsource s: S\n  reliability: B\n',
  };
  const messages = (extra: Record<string, string> = {}) => {
    const all = { ...files, ...extra };
    const ws = new Workspace({ readFile: () => ({ ok: false, reason: 'missing' }) });
    for (const [p, t] of Object.entries(all)) ws.setDocument(p, t);
    return checkDocument(ws, ws.getDocument('a.kent')!).filter((d) => d.code === 'unresolved-reference').map((d) => d.message);
  };
  test('neither an item that does not exist nor the item itself', () => {
    assert.deepEqual(messages(), [
      'judgment KJ1: no assessment named h5n1-team-b in the workspace',
      'claim C2: no assessment named h5n1-team-b in the workspace',
    ]);
  });
  test('an assessment that has the item is offered', () => {
    const c = 'assessment h5n1-team-c: C\n\nclaim C3: Clusters stayed small [@s].\n\njudgment KJ1: Spread will be confirmed [@s].\n  likelihood: unlikely\n  confidence: low\n';
    assert.deepEqual(messages({ 'c.kent': c }), [
      'judgment KJ1: no assessment named h5n1-team-b in the workspace (did you mean h5n1-team-c/KJ1?)',
      'claim C2: no assessment named h5n1-team-b in the workspace (did you mean h5n1-team-c/C3?)',
    ]);
  });
});

describe('unresolved-reference', () => {
  const fx = kent`
    //- /a.kent
    assessment a: A

    See [[Nope]] and [@nokey].

    claim C1: A claim.
      because: C9, @missing
      assumes: A9
      same-as: zz/KJ1

    claim C2: Another.
      because: b/NoSuch
    //- /b.kent
    assessment b: B
  `;
  test('a doc/ID ref into an assessment ID two documents share is offered the IDs of both', () => {
    const shared = kent`
      //- /a.kent
      assessment a: A

      claim C1: A claim.
        because: b/KJ22
      //- /b1.kent
      assessment b: B one

      claim KJ1: First.
      //- /b2.kent
      assessment b: B two

      claim KJ2: Second.
    `;
    const { d } = one(shared, 'unresolved-reference', 'a.kent:4');
    mentions(d.message, 'did you mean b/KJ2?');
  });

  test('a bare ID whose item was moved to one other assessment: did you mean doc/ID, and the fix writes it', () => {
    // E-norad was cut from a.kent and pasted into b.kent: E-nord is the nearest local ID, but b/E-norad is what was meant.
    const files = (more: string) => kent`
      //- /a.kent
      assessment a: A

      claim C1: A claim.
        because: E-norad

      evidence E-nord: Another.
        source: s1
      //- /b.kent
      assessment b: B

      evidence E-norad: NORAD on Russian flights.
        source: s1

      source s1: S1
        reliability: B
      ${more}
    `;
    const { d } = one(files(''), 'unresolved-reference', 'a.kent:4');
    mentions(d.message, 'no item E-norad in this document (did you mean b/E-norad?)');
    assert.deepEqual(d.fixes?.flatMap((f) => (f.kind === 'replace' ? [f.text] : [])), ['b/E-norad']);
    // Two other assessments hold an E-norad: no guess between them, the nearest local ID as before.
    const two = one(files('//- /c.kent\nassessment c: C\n\nevidence E-norad: Also here.\n  source: s1\n'), 'unresolved-reference', 'a.kent:4').d;
    mentions(two.message, 'did you mean E-nord?');
  });

  test('a key of a bibliography another assessment names: said so, and the fix names that bibliography here', () => {
    const files = kent`
      //- /egypt.kent
      assessment egypt: Egypt
        bibliography: refs.bib

      claim E1: Prices rose [@fao-2024].
      //- /sub/tunisia.kent
      assessment tunisia: Tunisia
        date: 2024-07

      claim T1: Imports fell [@fao-2024].
      //- /refs.bib
      @report{fao-2024, title = {FAO}, reliability = {A}}
      @report{wfp-2024, title = {WFP}, reliability = {A}}
    `;
    const { fw, d } = one(files, 'unresolved-reference', 'sub/tunisia.kent:4');
    mentions(d.message, 'fao-2024 is an entry of refs.bib, which this assessment does not name in `bibliography:`');
    assert.doesNotMatch(d.message, /did you mean/);
    assert.equal(d.fixes?.length, 1);
    const fix = d.fixes![0];
    assert.ok(fix.kind === 'insert-lines');
    assert.equal(fix.title, 'Add `bibliography: ../refs.bib`');
    const text = fw.textOf('sub/tunisia.kent');
    const fixed = text.slice(0, fix.offset) + fix.text + text.slice(fix.offset);
    assert.equal(fixed.split('\n').slice(0, 3).join('\n'), 'assessment tunisia: Tunisia\n  date: 2024-07\n  bibliography: ../refs.bib');
    fw.ws.setDocument('sub/tunisia.kent', fixed);
    assert.deepEqual(fw.diagnostics().filter((x) => x.code === 'unresolved-reference'), []);
  });

  test('a key while the bibliography cannot be read: the file is named, not the key', () => {
    const files = (bib: string) => kent`
      //- /a.kent
      assessment a: A
        bibliography: refs.bib

      claim C1: Prices rose [@fao-2024].
      ${bib}
    `;
    const missing = one(files(''), 'unresolved-reference', 'a.kent:4').d;
    mentions(missing.message, 'no source fao-2024', "the assessment's bibliography refs.bib could not be read (its own source-file-missing says why)");
    assert.doesNotMatch(missing.message, /did you mean/);
    assert.deepEqual(missing.fixes ?? [], []);
    const broken = one(files('//- /refs.bib\n@report{fao-2024, title = {FAO}\n@report{wfp-2024, title = {WFP}}\n'), 'unresolved-reference', 'a.kent:4').d;
    mentions(broken.message, 'no source fao-2024', "its entry in refs.bib does not parse and was skipped (the bibliography's source-file-missing says why): fix the entry, not the key");
    assert.deepEqual(broken.fixes ?? [], []);
    // An error Kent cannot tie to an entry's key (`@report{fao 2024`: the key itself does not parse): any key may be lost.
    const junk = one(files('//- /refs.bib\n@report{fao 2024, title = {FAO}}\n@report{wfp-2024, title = {WFP}}\n'), 'unresolved-reference', 'a.kent:4').d;
    mentions(junk.message, 'refs.bib could not be fully parsed (its own source-file-missing says why): fix the bibliography, not the key');
    // Another entry skipped, and the key in none: a typo of a key that was read, said so with its fix.
    const typo = one(files('//- /refs.bib\n@report{fao-2023, title = {FAO}}\n@report{wfp-2024, title = {WFP} year = 2024}\n'), 'unresolved-reference', 'a.kent:4').d;
    mentions(typo.message, "no source fao-2024 in this document, the workspace or the assessment's bibliography (did you mean fao-2023?)");
    assert.equal(typo.fixes?.[0]?.title, 'Change to fao-2023');
    // A bibliography read in full that lacks the key: the key is what to fix, as before.
    const read = one(files('//- /refs.bib\n@report{fao-2023, title = {FAO}}\n'), 'unresolved-reference', 'a.kent:4').d;
    mentions(read.message, "no source fao-2024 in this document, the workspace or the assessment's bibliography (did you mean fao-2023?)");
  });

  test('item IDs, @keys, [[links]] and doc/ID refs that name nothing', () => {
    const { fw, ds } = find(fx, 'unresolved-reference');
    assert.deepEqual(
      ds.map((d) => `${fw.at(d.path, d.span.start)} ${spanText(fw, d)}`),
      ['a.kent:3:7 Nope', 'a.kent:3:20 nokey', 'a.kent:6:12 C9', 'a.kent:6:17 missing', 'a.kent:7:12 A9', 'a.kent:8:12 zz/KJ1', 'a.kent:11:12 b/NoSuch'],
    );
    mentions(ds[2].message, 'C1', 'C9');
    mentions(ds[3].message, 'missing');
    mentions(ds[5].message, 'zz');
    mentions(ds[6].message, 'b', 'NoSuch');
    for (const d of ds) assert.equal(d.severity, 'error');
  });

  test('did you mean: never an ID already written beside the ref in the same list', () => {
    const { ds } = find(
      kent`
      claim E1: First.

      claim E2: Second.

      claim C1: Both.
        because: E1, E3
      `,
      'unresolved-reference',
    );
    // E3 is as near to E1 as to E2: E1 is taken, so E2 is suggested, not a second E1.
    assert.equal(ds.length, 1);
    mentions(ds[0].message, 'did you mean E2?');
    assert.deepEqual(ds[0].fixes?.flatMap((f) => (f.kind === 'replace' ? [f.text] : [])), ['E2']);
  });

  test('near miss: bare source IDs in because, @keys from another document and a bibliography, doc/ID refs', () => {
    none(
      kent`
      //- /a.kent
      assessment a: A
        bibliography: refs.bib

      claim C1: See [[C2]] and [[b/K1]] [@bibkey].
        because: s1, @s2, @far, b/K1

      claim C2: Another [@s1].
      ${SOURCES}
      //- /b.kent
      assessment b: B

      claim K1: Over there.
        because: @far

      source far: A source defined in b.kent
        reliability: C
      //- /refs.bib
      @book{bibkey, title = {A Book}, year = {2020}}
    `,
      'unresolved-reference',
    );
  });
});

describe('unsupported-claim', () => {
  test('an error on a judgment, a warning on a claim', () => {
    const fx = kent`
      judgment J1: Russia would probably avoid war.
        likelihood: likely
        confidence: low

      claim C1: Russia has ships.
    `;
    const { fw, ds } = find(fx, 'unsupported-claim');
    assert.deepEqual(
      ds.map((d) => `${fw.at(d.path, d.span.start)} ${d.severity}`),
      ['a.kent:1:10 error', 'a.kent:5:7 warning'],
    );
    mentions(ds[0].message, 'judgment J1');
    mentions(ds[1].message, 'claim C1');
  });

  test('near miss: an inline citation in the statement counts as support', () => {
    none(
      kent`
      claim C1: Russia has ships [@s1, p. 4].

      claim C2: Russia has submarines.
        because: s2
      ${SOURCES}
    `,
      'unsupported-claim',
    );
  });
  test('near miss: a `because:` that does not parse is a syntax error, not "rests on nothing"', () => {
    const fx = kent`
      claim C1: Exports fell.
        because: [@s1 p. 4]

      judgment J1: Exports will fall.
        likelihood: likely
        confidence: low
        because: C1 @s1
      ${SOURCES}
    `;
    none(fx, 'unsupported-claim');
    assert.deepEqual(linesOf(fx, 'syntax'), ['a.kent:2 syntax', 'a.kent:7 syntax']);
  });
  test("a citation with Pandoc's prefix is support: [see @s1, p. 4]; its key resolves or not as any other", () => {
    const fx = kent`
      claim C1: Exports fell [see @s1, p. 4].

      claim C2: Imports fell [cf. @s1; also @nowhere].
      ${SOURCES}
    `;
    none(fx, 'unsupported-claim');
    assert.deepEqual(linesOf(fx, 'unresolved-reference'), ['a.kent:3 unresolved-reference']);
  });
  test('a citation whose prefix ends a line, [cf.⏎@s1], is support; its key resolves or not as any other', () => {
    const fx = kent`
      claim C1: Exports fell [cf.
        @s1, p. 9].

      claim C2: Imports fell [see
        @nowhere].
      ${SOURCES}
    `;
    none(fx, 'unsupported-claim');
    assert.deepEqual(linesOf(fx, 'unresolved-reference'), ['a.kent:5 unresolved-reference']);
  });
  test('near miss: an inline citation that does not parse is a syntax error, not "rests on nothing"', () => {
    const fx = kent`
      claim C1: Exports fell [@Müller2020].

      claim C2: Imports fell [-@smith&jones, p. 4].

      claim C3: Tariffs rose [see @Müller2020, p. 4].
      ${SOURCES}
    `;
    none(fx, 'unsupported-claim');
    assert.deepEqual(linesOf(fx, 'syntax'), ['a.kent:1 syntax', 'a.kent:3 syntax', 'a.kent:5 syntax']);
    // A mail address in brackets opens no citation: the claim rests on nothing.
    assert.deepEqual(linesOf(kent`
      claim C1: Write to [mail analyst@example.org].
    `, 'unsupported-claim'), ['a.kent:1 unsupported-claim']);
  });
  test('an escaped bracket or a code span is text, not a citation: the judgment rests on nothing, and nothing is unresolved', () => {
    const fx = kent`
      judgment J1: Write \\[@nowhere] to cite, or \\[[X9]] to link; also \\[@Müller2020].
        likelihood: likely
        confidence: low

      judgment J2: The syntax is \`[@nowhere, p. 4]\` or \`\`[[X9]]\`\`, over
          two lines: \`see
          [@nowhere]\`.
        likelihood: likely
        confidence: low

      claim C1: A lone \` does not hide [@s1], nor does an escaped backslash: C:\\\\[@s2].
      ${SOURCES}
    `;
    assert.deepEqual(linesOf(fx, 'unsupported-claim'), ['a.kent:1 unsupported-claim', 'a.kent:5 unsupported-claim']);
    assert.deepEqual(linesOf(fx, 'unresolved-reference'), []);
    assert.deepEqual(linesOf(fx, 'syntax'), []);
    none(fx, 'unused-source');
  });
  test('an email address in running text is not a citation', () => {
    const fx = kent`
      claim C1: Write to analyst@example.org [@s1] or [mail analyst@example.org].
      ${SOURCES}
    `;
    assert.deepEqual(linesOf(fx, 'unresolved-reference'), []);
    assert.deepEqual(linesOf(fx, 'syntax'), []);
  });
});

describe('ungrounded-claim', () => {
  test('support that ends in an assumption or an unsupported claim; the message names the chain', () => {
    const fx = kent`
      assumption A1: The war continues.

      claim C1: Russia is busy.
        because: A1

      claim C2: Russia is very busy.
        because: C3

      claim C3: Nobody knows why.
    `;
    const { fw, ds } = find(fx, 'ungrounded-claim');
    assert.deepEqual(
      ds.map((d) => fw.at(d.path, d.span.start)),
      ['a.kent:3:7', 'a.kent:6:7'],
    );
    mentions(ds[0].message, 'C1 → A1', 'assumption A1');
    mentions(ds[1].message, 'C2 → C3');
    assert.equal(ds[0].severity, 'warning');
  });

  test('a chain that ends at evidence whose source names nothing says so, not that it has no support', () => {
    const fx = kent`
      assessment a: A

      claim C1: Sea ice is thinning.
        because: E1

      evidence E1: A survey says so.
        source: nosuch
    `;
    const { ds } = find(fx, 'ungrounded-claim');
    assert.equal(ds.length, 1);
    assert.match(ds[0].message, /C1 → E1 ends at evidence E1, whose source nosuch names nothing$/);
  });

  test('a loop of support: circular-support says it on the loop; an item resting on the loop is ungrounded, the chain named into it', () => {
    const fx = kent`
      judgment J: The regime will probably fall.
        likelihood: likely
        confidence: low
        because: C1

      claim C1: The regime fears unrest in the capital.
        because: C2

      claim C2: The regime has banned public gatherings.
        because: C1
    `;
    assert.deepEqual(codes(fx), ['a.kent:1 ungrounded-claim', 'a.kent:7 circular-support']);
    const { ds } = find(fx, 'ungrounded-claim');
    assert.match(ds[0].message, /^judgment J has support, but no chain of it reaches a source: J → C1 → C2 ends at claim C2, whose support only goes round in a circle$/);
  });

  test('across documents, an item resting on a loop names the chain as it is named there', () => {
    const fx = kent`
      //- /a.kent
      assessment a: A

      claim C3: Turnout will rise.
        because: b/C4
      //- /b.kent
      assessment b: B

      claim C4: Registration is up.
        because: C5

      claim C5: Parties canvass more.
        because: C4
    `;
    const { ds } = find(fx, 'ungrounded-claim');
    assert.deepEqual(
      ds.map((d) => d.message),
      ['claim C3 has support, but no chain of it reaches a source: C3 → b/C4 → b/C5 ends at claim b/C5, whose support only goes round in a circle'],
    );
  });

  test('an item on a loop that also rests on an assumption is ungrounded for that: the chain names the way to it', () => {
    const fx = kent`
      claim C1: The regime fears unrest in the capital.
        because: C2, C3

      claim C2: The regime has banned public gatherings.
        because: C1

      claim C3: Protests have grown since the spring.
        because: C1, A1

      assumption A1: Official crowd figures understate attendance.
    `;
    const { ds } = find(fx, 'ungrounded-claim');
    const message = (id: string) => ds.find((d) => d.message.startsWith(`claim ${id} `))?.message ?? '';
    assert.equal(ds.length, 3);
    // The shortest way out of the loop, not round it: C1 → C2 would only come back.
    assert.match(message('C1'), /: C1 → C3 → A1 ends at assumption A1$/);
    assert.match(message('C2'), /: C2 → C1 → C3 → A1 ends at assumption A1$/);
    assert.match(message('C3'), /: C3 → A1 ends at assumption A1$/);
  });

  test('with circular-support off, an item whose support only goes round is ungrounded-claim again', () => {
    const fx = kent`
      //- /kent.json
      { "rules": { "circular-support": "off" } }
      //- /a.kent
      claim C1: Turnout will fall.
        because: C2

      claim C2: Voters are apathetic.
        because: C1
    `;
    const { ds } = find(fx, 'ungrounded-claim');
    assert.deepEqual(
      ds.map((d) => d.message.replace(/.*: /, '')),
      ['C1 → C2 ends at claim C2, whose support only goes round in a circle', 'C2 → C1 ends at claim C1, whose support only goes round in a circle'],
    );
  });

  test('near miss: a loop with a way out to a source is grounded', () => {
    none(
      kent`
      judgment J: The regime will probably fall.
        likelihood: likely
        because: C1

      claim C1: The regime fears unrest in the capital.
        because: C2, A1

      claim C2: The regime has banned public gatherings.
        because: C1, E1

      assumption A1: Official crowd figures understate attendance.

      evidence E1: A decree.
        source: s1
      ${SOURCES}
    `,
      'ungrounded-claim',
    );
  });

  test('near miss: one path reaching a source is enough', () => {
    none(
      kent`
      assumption A1: The war continues.

      claim C1: Russia is busy.
        because: A1, E1

      evidence E1: A report.
        source: s1
      ${SOURCES}
    `,
      'ungrounded-claim',
    );
  });
});

describe('circular-support', () => {
  test('a cycle is reported once, on its first item, naming the cycle, with the others related', () => {
    const fx = kent`
      claim Loop1: Revenue is rising.
        because: Loop2, @s1

      claim Loop2: Trade is rising.
        because: Loop3

      claim Loop3: Ports are busy.
        because: Loop1
      ${SOURCES}
    `;
    const { fw, ds } = find(fx, 'circular-support');
    assert.deepEqual(
      ds.map((d) => `${fw.at(d.path, d.span.start)} ${spanText(fw, d)}`),
      ['a.kent:2:12 Loop2'],
    );
    assert.equal(ds[0].message, 'claim Loop1 supports itself in a circle: Loop1 → Loop2 → Loop3 → Loop1');
    assert.deepEqual(ds[0].related?.map((r) => formatRelated(fw, r)), ['a.kent:4:7 claim Loop2 is on the cycle', 'a.kent:7:7 claim Loop3 is on the cycle']);
  });

  test('the first item in document order reports it, wherever the cycle is entered', () => {
    const fx = kent`
      claim C2: Trade is rising.
        because: C1

      claim C1: Revenue is rising.
        because: C2, @s1
      ${SOURCES}
    `;
    const { fw, ds } = find(fx, 'circular-support');
    assert.deepEqual(ds.map((d) => `${fw.at(d.path, d.span.start)} ${d.message}`), ['a.kent:2:12 claim C2 supports itself in a circle: C2 → C1 → C2']);
  });

  test('two cycles through one item: each reported once', () => {
    const fx = kent`
      claim C1: Revenue is rising.
        because: C2, @s1

      claim C2: Trade is rising.
        because: C1, C3

      claim C3: Ports are busy.
        because: C2
      ${SOURCES}
    `;
    const { ds } = find(fx, 'circular-support');
    assert.deepEqual(ds.map((d) => d.message), ['claim C1 supports itself in a circle: C1 → C2 → C1', 'claim C2 supports itself in a circle: C2 → C3 → C2']);
  });

  test('a cycle across documents: once in each, on its first item there', () => {
    const fx = kent`
      //- /a.kent
      assessment a: A

      claim C1: One.
        because: b/C2, @s1

      claim C3: Three.
        because: C1
      ${SOURCES}
      //- /b.kent
      assessment b: B

      claim C2: Two.
        because: C4

      claim C4: Four.
        because: a/C3
    `;
    const { fw, ds } = find(fx, 'circular-support');
    assert.deepEqual(
      ds.map((d) => `${fw.at(d.path, d.span.start)} ${d.message}`),
      ['a.kent:4:12 claim C1 supports itself in a circle: C1 → b/C2 → b/C4 → C3 → C1', 'b.kent:4:12 claim C2 supports itself in a circle: C2 → C4 → a/C3 → a/C1 → C2'],
    );
    // Each document checked alone shows the cycle through it.
    const b = fw.ws.getDocument('b.kent')!;
    assert.deepEqual(
      checkDocument(fw.ws, b).filter((d) => d.code === 'circular-support').map((d) => d.message),
      ['claim C2 supports itself in a circle: C2 → C4 → a/C3 → a/C1 → C2'],
    );
  });

  test('near miss: a diamond is not a cycle', () => {
    none(
      kent`
      claim C1: Top.
        because: C2, C3

      claim C2: Left.
        because: C4

      claim C3: Right.
        because: C4

      claim C4: Bottom.
        because: @s1
      ${SOURCES}
    `,
      'circular-support',
    );
  });

  /** A web of 2n claims (a tangle past 64): C0 … C(n-1) each on the next and on a side claim S that rejoins the ring two steps on; the sides in `b.kent` if asked. */
  const web = (n: number, apart: boolean) => {
    const ring: string[] = [];
    const sides: string[] = [];
    for (let i = 0; i < n; i++) {
      ring.push(`claim C${i}: Thing ${i} holds.\n  because: C${(i + 1) % n}, ${apart ? 'b/' : ''}S${i}\n`);
      sides.push(`claim S${i}: Side ${i} holds.\n  because: ${apart ? 'a/' : ''}C${(i + 2) % n}\n`);
    }
    return apart ? `//- /a.kent\nassessment a: A\n\n${ring.join('\n')}\n//- /b.kent\nassessment b: B\n\n${sides.join('\n')}` : `//- /a.kent\nassessment a: A\n\n${ring.map((c, i) => `${c}\n${sides[i]}`).join('\n')}`;
  };

  test('a tangle of more than 64 items standing on one another: one cycle named, with how many items the tangle holds (not one per item not yet on a cycle named)', () => {
    const { fw, ds } = find(web(40, false), 'circular-support');
    assert.deepEqual(
      ds.map((d) => `${fw.at(d.path, d.span.start)} ${d.message}`),
      ['a.kent:4:12 claim C0 supports itself in a circle: C0 → C1 → C2 → C3 → C4 → C5 → C6 → C7 → C8 → C9 → … 29 more … → C39 → C0, one of the circles of a tangle of 80 items standing on one another'],
    );
    assert.equal(ds[0].related?.length, 12);
  });

  test('a tangle across documents: its cycle named in each document it passes through; each other document points to it, on its first member there', () => {
    const { fw, ds } = find(web(40, true), 'circular-support');
    const pointer = 'claim S0 supports itself in a circle, in a tangle of 80 items standing on one another; one of its circles is named on a/C0';
    assert.deepEqual(
      ds.map((d) => `${fw.at(d.path, d.span.start)} ${spanText(fw, d)} ${d.message}`),
      ['a.kent:4:12 C1 claim C0 supports itself in a circle: C0 → C1 → C2 → C3 → C4 → C5 → C6 → C7 → C8 → C9 → … 29 more … → C39 → C0, one of the circles of a tangle of 80 items standing on one another', `b.kent:4:12 a/C2 ${pointer}`],
    );
    assert.deepEqual(ds[1].related?.map((r) => formatRelated(fw, r)), ['a.kent:3:7 claim C0: a circle of the tangle is named here', 'a.kent:9:7 claim C2 is in the tangle']);
    // Checked alone, the document the cycle misses still shows the tangle.
    const b = fw.ws.getDocument('b.kent')!;
    assert.deepEqual(checkDocument(fw.ws, b).filter((d) => d.code === 'circular-support').map((d) => d.message), [pointer]);
  });

  test('near miss: a ring of 65 claims, all on the one cycle, is named as any cycle is', () => {
    const n = 65;
    const ring = Array.from({ length: n }, (_, i) => `claim R${i}: Link ${i}.\n  because: R${(i + 1) % n}\n`).join('\n');
    const { ds } = find(`//- /a.kent\nassessment a: A\n\n${ring}`, 'circular-support');
    assert.deepEqual(ds.map((d) => d.message), ['claim R0 supports itself in a circle: R0 → R1 → R2 → R3 → R4 → R5 → R6 → R7 → R8 → R9 → … 54 more … → R64 → R0']);
  });
});

describe('missing-likelihood', () => {
  test('a judgment with no likelihood and no estimative word', () => {
    const { d } = one(
      kent`
      judgment NoOdds: Ruritania will hold elections next year.
        confidence: moderate
        because: @s1
      ${SOURCES}
    `,
      'missing-likelihood',
      'a.kent:1',
    );
    mentions(d.message, 'NoOdds');
  });

  test('near miss: an estimative word in the statement is enough; claims are not judged', () => {
    none(
      kent`
      judgment J1: Ruritania will probably hold elections.
        confidence: moderate
        because: @s1

      claim C1: Ruritania will hold elections.
        because: @s1
      ${SOURCES}
    `,
      'missing-likelihood',
    );
  });
});

describe('missing-confidence', () => {
  test('a judgment without confidence', () => {
    const { d } = one(
      kent`
      judgment NoConf: The commission will probably publish a timetable.
        likelihood: likely
        because: @s1
      ${SOURCES}
    `,
      'missing-confidence',
      'a.kent:1',
    );
    mentions(d.message, 'NoConf');
  });
  test('near miss: a claim needs no confidence', () => {
    none(
      kent`
      claim C1: The commission will probably publish a timetable.
        likelihood: likely
        because: @s1
      ${SOURCES}
    `,
      'missing-confidence',
    );
  });
});

describe('vague-estimate', () => {
  test('a hedge with no likelihood, pointing at the hedge', () => {
    const fx = kent`
      claim Vague: The opposition could boycott the vote.
        because: @s1

      claim Vague2: It cannot be ruled out that talks fail.
        because: @s1
      ${SOURCES}
    `;
    const { fw, ds } = find(fx, 'vague-estimate');
    assert.deepEqual(
      ds.map((d) => `${fw.at(d.path, d.span.start)} ${spanText(fw, d)}`),
      ['a.kent:1:29 could', 'a.kent:4:18 cannot be ruled out'],
    );
    mentions(ds[0].message, 'Vague', 'could');
  });

  test('near miss: a declared likelihood, an estimative term, or May the month', () => {
    none(
      kent`
      claim C1: The opposition could boycott the vote.
        likelihood: roughly even chance
        because: @s1

      claim C2: The opposition will likely boycott, though it might not.
        because: @s1

      claim C3: Talks began in May 2024.
        because: @s1
      ${SOURCES}
    `,
      'vague-estimate',
    );
  });
});

describe('vague-estimate and estimative-mismatch: words that state no probability where they stand', () => {
  test('"May" the month, "might" the noun, a hyphenated compound, "could not": no hedge', () => {
    const fx = kent`
      claim C1: Protests at the May Day rally turned violent [@s1].

      claim C2: China's military might grows each year [@s1].

      claim C4: Officials may-day signal was sent [@s1].

      claim C5: The could-be defectors were interviewed [@s1].

      claim C6: Analysts could not attribute the intrusion [@s1].

      claim C7: The military might intervene [@s1].

      claim C8: Analysts could not rule out an insider [@s1].
      ${SOURCES}
    `;
    const { fw, ds } = find(fx, 'vague-estimate');
    assert.deepEqual(
      ds.map((d) => `${fw.at(d.path, d.span.start)} ${spanText(fw, d)}`),
      ['a.kent:11:24 might', 'a.kent:13:20 could'],
    );
  });

  test('an adjective term after a determiner qualifies its noun, not the statement', () => {
    const fx = kent`
      claim C3: The probable origin was a market; spread was almost certainly zoonotic [@s1].
        likelihood: almost certain

      claim C7: In the unlikely event of a strike, a likely successor is named [@s1].
        likelihood: almost certain

      claim C9: It is probable that the origin was a market [@s1].
        likelihood: almost certain
      ${SOURCES}
    `;
    const { fw, d } = one(fx, 'estimative-mismatch', 'a.kent:7');
    assert.equal(spanText(fw, d), 'probable');
  });
});

describe('estimative words in quotation marks are the quoted writer\'s, not the statement\'s', () => {
  test('a hedge or term quoted in a statement is not read; one outside the quotation is', () => {
    const fx = kent`
      claim C1: Chinese experts see Russia as "the most important external source of energy that China can conceivably maintain" in a war [@s1].

      claim C2: Zhao wrote that an alliance \u201cmay become necessary\u201d at some critical moment [@s1].

      claim C3: Officials called a deal "likely", but talks may collapse [@s1].

      claim C4: Zhao wrote that Russia "is ready" for an alliance [@s1].
        likelihood: unlikely
      ${SOURCES}
    `;
    const { fw, ds } = find(fx, 'vague-estimate');
    assert.deepEqual(
      ds.map((d) => `${fw.at(d.path, d.span.start)} ${spanText(fw, d)}`),
      ['a.kent:5:55 may'],
    );
    none(fx, 'estimative-mismatch');
  });

  test('a statement that is all one quotation is still read', () => {
    const fx = kent`
      claim C1: "Russia may intervene." [@s1]
      ${SOURCES}
    `;
    one(fx, 'vague-estimate', 'a.kent:1');
  });

  test('a confidence phrase in a quotation does not mix with the analyst\'s term', () => {
    const fx = kent`
      Zhao wrote that "one can say with high confidence that neither is ready", so an alliance is unlikely.

      We assess with high confidence that an alliance is unlikely.
      ${SOURCES}
    `;
    assert.deepEqual(linesOf(fx, 'mixed-likelihood-confidence'), ['a.kent:3 mixed-likelihood-confidence']);
  });

  test('mixed-likelihood-confidence under PHIA does not cite ICD 203', () => {
    const text = 'We assess with high confidence that an alliance is unlikely.\n';
    const icd = one(kent`
      ${text}
      ${SOURCES}
    `, 'mixed-likelihood-confidence', 'a.kent:1').d;
    assert.match(icd.message, /; ICD 203 keeps likelihood and confidence in separate sentences$/);
    const phia = one(kent`
      ${text}
      ${SOURCES}
      //- /kent.json
      { "scale": "phia" }
    `, 'mixed-likelihood-confidence', 'a.kent:1').d;
    assert.match(phia.message, /; keep likelihood and confidence in separate sentences, so that neither is read as the other$/);
  });

  test('"could ill afford" is a necessity, not a hedge', () => {
    const fx = kent`
      claim C1: In a war, Washington could ill afford to ignore Russia's Pacific Fleet [@s1].

      claim C2: In a war, Washington could ignore Russia's Pacific Fleet [@s1].
      ${SOURCES}
    `;
    one(fx, 'vague-estimate', 'a.kent:3');
  });
});

describe('estimative words in a code span are literal text, not the statement\'s', () => {
  test('vague-estimate: a hedge in a code span is no hedge; one outside it is', () => {
    const fx = kent`
      claim C1: The model flag \`may escalate\` is set on every Russian convoy [@s1].

      claim C2: The model flag \`\`may escalate\`\` is set, so talks may collapse [@s1].
      ${SOURCES}
    `;
    const { fw, d } = one(fx, 'vague-estimate', 'a.kent:3');
    assert.equal(spanText(fw, d), 'may');
    assert.equal(fw.at(d.path, d.span.start), 'a.kent:3:60');
  });

  test('missing-likelihood: a term in a code span is no estimate', () => {
    const fx = kent`
      judgment KJ1: The term \`likely\` is defined in ICD 203 [@s1].
        confidence: high

      judgment KJ2: The term likely is defined in ICD 203 [@s1].
        confidence: high
      ${SOURCES}
    `;
    one(fx, 'missing-likelihood', 'a.kent:1');
  });

  test('estimative-mismatch: a term in a code span, across a line of the statement, is not compared', () => {
    const fx = kent`
      claim C1: The field \`almost
          certain\` is set on every convoy [@s1].
        likelihood: unlikely

      claim C2: The field is almost certain to be set on every convoy [@s1].
        likelihood: unlikely
      ${SOURCES}
    `;
    one(fx, 'estimative-mismatch', 'a.kent:5');
  });

  test('mixed-likelihood-confidence: a confidence phrase or a term in a code span does not mix', () => {
    const fx = kent`
      The option \`--with high confidence\` makes the tool state that a strike is likely.

      We assess with high confidence that the \`likely\` flag is set.

      We assess with high confidence that a strike is likely.
      ${SOURCES}
    `;
    assert.deepEqual(linesOf(fx, 'mixed-likelihood-confidence'), ['a.kent:5 mixed-likelihood-confidence']);
  });

  test('mixed-likelihood-confidence: a period or a quotation mark in a code span does not end the sentence or hide it', () => {
    const fx = kent`
      We assess with high confidence that the \`--stop. now\` flag will likely be set.

      We see \`"\` marks; we assess with high confidence that a strike is likely, "officials" said.

      We assess with high confidence that it holds. A strike is likely.
      ${SOURCES}
    `;
    assert.deepEqual(linesOf(fx, 'mixed-likelihood-confidence'), ['a.kent:1 mixed-likelihood-confidence', 'a.kent:3 mixed-likelihood-confidence']);
  });

  test('possible-contradiction: a term in a code span states no likelihood to compare', () => {
    const across = (a: string, b: string) => kent`
      //- /a.kent
      assessment a: A

      claim X: ${a}
        likelihood: almost certain
        because: @s1
      ${SOURCES}
      //- /b.kent
      assessment b: B

      claim Y: ${b}
        because: @s1
    `;
    // Stated as fact: it agrees with "almost certain".
    none(across('The flag \`unlikely\` will be set through the winter.', 'The flag \`unlikely\` will be set through the winter.'), 'possible-contradiction');
    // Near miss: the same words outside a code span are an estimate, and disagree.
    assert.equal(find(across('The flag will be set through the winter.', 'The flag unlikely will be set through the winter.'), 'possible-contradiction').ds.length, 2);
  });

  test('possible-contradiction: each document reads a past "could" as of its own date, as vague-estimate does', () => {
    const across = (dateA: string) => kent`
      //- /a.kent
      assessment a: A
        ${dateA}

      claim X: In 2022 Europe could still buy Russian gas through Ukraine.
        because: @s1
      ${SOURCES}
      //- /b.kent
      assessment b: B
        date: 2024-09

      claim Y: In 2022 Europe could still buy Russian gas through Ukraine.
        likelihood: unlikely
        because: @s1
    `;
    // Dated after 2022, X states its past flatly, as fact: "unlikely" disagrees with it.
    const { ds } = find(across('date: 2024-09'), 'possible-contradiction');
    assert.deepEqual(ds.map((d) => d.path), ['a.kent', 'b.kent']);
    assert.match(ds[0].message, /stated as fact \(≥95%\) here, unlikely \(20–45%\) there/);
    none(across('date: 2024-09'), 'vague-estimate');
    // Undated, X's "could" is a hedge (vague-estimate): no probability to compare.
    none(across('status: draft'), 'possible-contradiction');
    assert.equal(find(across('status: draft'), 'vague-estimate').ds.length, 1);
  });

  test('possible-contradiction: a "not" in a code span is a word shown, and denies nothing', () => {
    const across = (a: string, b: string) => kent`
      //- /a.kent
      assessment a: A

      claim X: ${a}
        because: @s1
      ${SOURCES}
      //- /b.kent
      assessment b: B

      claim Y: ${b}
        because: @s1
    `;
    none(across('The gateway log reads \`access not granted\` for the ministry.', 'The gateway log reads \`access granted\` for the ministry.'), 'possible-contradiction');
    // Near miss: outside the code span, the same "not" denies.
    assert.equal(find(across('The gateway log does not read access granted for the ministry.', 'The gateway log reads access granted for the ministry.'), 'possible-contradiction').ds.length, 2);
  });
});

describe('vague-estimate: a modal in a relative clause or an embedded question', () => {
  test('describes a capability or an unknown, not the statement: no hedge', () => {
    const fx = kent`
      claim A1: Russia has no other strategic partner that could match China [@s1].

      claim A4: It is hard to predict what could disrupt the partnership [@s1].

      claim A5: Sanctions were imposed, which could lead to war [@s1].

      claim A6: That could happen [@s1].
      ${SOURCES}
    `;
    assert.deepEqual(linesOf(fx, 'vague-estimate'), ['a.kent:5 vague-estimate', 'a.kent:7 vague-estimate']);
  });
});

describe('vague-estimate fixes keep the sentence grammatical', () => {
  const replacements = (statement: string): string[] => {
    const { ds } = find(kent`
      claim C1: ${statement}
        because: @s1
      ${SOURCES}
    `, 'vague-estimate');
    return (ds[0].fixes ?? []).flatMap((f) => (f.kind === 'replace' ? [f.text] : []));
  };

  test('a modal becomes "will" and an adverb: never "The actor unlikely return"', () => {
    assert.deepEqual(replacements('The actor could return.'), ['will probably', 'will likely', 'will very likely', 'will almost certainly']);
  });

  test('a modal is offered "likely" and "very likely" as adverbs after "will", capital kept', () => {
    assert.deepEqual(replacements('May escalate if talks fail.'), ['Will probably', 'Will likely', 'Will very likely', 'Will almost certainly']);
  });

  test('a sentence adverb becomes an adverb, keeping its capital', () => {
    assert.deepEqual(replacements('Perhaps the actor returns.'), ['Probably', 'Almost certainly']);
  });

  test('"it is possible that" takes every term, nouns with "there is"', () => {
    assert.deepEqual(replacements('It is possible that the actor returns.'), [
      'There is almost no chance that',
      'It is very unlikely that',
      'It is unlikely that',
      'There is a roughly even chance that',
      'It is likely that',
      'It is very likely that',
      'It is almost certain that',
    ]);
  });

  test('"cannot be ruled out" has no one-word rewording: only `likelihood:` is offered', () => {
    assert.deepEqual(replacements('A return cannot be ruled out.'), []);
  });
});

describe('vague-estimate and missing-likelihood: a likelihood to choose, never one to type', () => {
  const added = (fx: string, code: Code): string[] =>
    find(fx, code).ds.flatMap((d) => d.fixes ?? []).flatMap((f) => (f.kind === 'insert-lines' ? [f.text.trim()] : []));

  test('under PHIA, its terms, nearest even odds first, since a hedge most often means about even odds', () => {
    const fx = kent`
      //- /a.kent
      judgment KJ1: Talks may resume [@s1].
        confidence: low
      ${SOURCES}
      //- /kent.json
      { "scale": "phia" }
    `;
    const phia = ['realistic possibility', 'likely', 'unlikely', 'highly unlikely', 'highly likely', 'remote chance', 'almost certain'].map((t) => `likelihood: ${t}`);
    assert.deepEqual(added(fx, 'vague-estimate'), phia);
    assert.deepEqual(added(fx, 'missing-likelihood'), phia);
  });
});

describe('estimative-mismatch', () => {
  test('"probably" with `likelihood: unlikely`', () => {
    const fx = kent`
      judgment Mismatch: The governing party will probably win a majority.
        likelihood: unlikely
        confidence: moderate
        because: @s1
      ${SOURCES}
    `;
    const { fw, d } = one(fx, 'estimative-mismatch', 'a.kent:1');
    assert.equal(spanText(fw, d), 'probably');
    mentions(d.message, 'Mismatch', 'probably', 'unlikely');
    assert.equal(d.severity, 'warning');
    assert.deepEqual(d.related?.map((r) => formatRelated(fw, r)), ['a.kent:2:15 declared likelihood of Mismatch']);
  });

  test('`likelihood:unlikely`, no space after the colon, is read and compared too', () => {
    const fx = kent`
      judgment Mismatch: The governing party will probably win a majority.
        likelihood:unlikely
        confidence:moderate
        because:@s1
      ${SOURCES}
    `;
    const { fw, d } = one(fx, 'estimative-mismatch', 'a.kent:1');
    assert.equal(spanText(fw, d), 'probably');
    assert.deepEqual(d.related?.map((r) => formatRelated(fw, r)), ['a.kent:2:14 declared likelihood of Mismatch']);
    for (const code of ['syntax', 'missing-likelihood', 'missing-confidence', 'unsupported-claim'] as const) none(fx, code);
  });

  test('near miss: "Russia would probably not intervene" with `likelihood: likely`; "unlikely to" with unlikely', () => {
    none(
      kent`
      judgment J1: Russia would probably not intervene.
        likelihood: likely
        confidence: moderate
        because: @s1

      judgment J2: Russia is unlikely to intervene.
        likelihood: unlikely
        confidence: moderate
        because: @s1

      judgment J3: Russia would probably not intervene.
        likelihood: 70%
        confidence: moderate
        because: @s1
      ${SOURCES}
    `,
      'estimative-mismatch',
    );
  });
});

describe('estimative-mismatch and the other estimate checks: percentages and phrases in running text', () => {
  test('"a 70% chance", "an estimated 60-75% probability", "70 percent likely" with `likelihood: unlikely`: each a mismatch, its fix declaring the percentage', () => {
    const fx = kent`
      judgment Chance: There is a 70% chance the talks fail.
        likelihood: unlikely
        confidence: moderate
        because: @s1

      judgment Range: There is an estimated 60-75% probability the talks fail.
        likelihood: unlikely
        confidence: moderate
        because: @s1

      judgment Words: The talks are 70 percent likely to fail.
        likelihood: unlikely
        confidence: moderate
        because: @s1
      ${SOURCES}
    `;
    const { fw, ds } = find(fx, 'estimative-mismatch');
    assert.deepEqual(ds.map((d) => `${fw.at(d.path, d.span.start)} ${spanText(fw, d)}`), ['a.kent:1:29 70% chance', 'a.kent:6:39 60-75% probability', 'a.kent:11:31 70 percent likely']);
    mentions(ds[0].message, 'Chance', '"70% chance" (70%)', '`likelihood: unlikely` (20–45%)');
    assert.deepEqual(ds.map((d) => d.fixes?.[0]?.title), ['Declare `likelihood: 70%`', 'Declare `likelihood: 60-75%`', 'Declare `likelihood: 70%`']);
  });

  test('near miss: a percentage that is a quantity, or one that agrees with the likelihood', () => {
    none(
      kent`
      judgment Quantity: Inflation of 70% will bring a 30% cut; 70% of voters back it, a 95% confidence interval says.
        likelihood: unlikely
        confidence: moderate
        because: @s1

      judgment Agrees: There is a 70% chance the talks fail.
        likelihood: likely
        confidence: moderate
        because: @s1
      ${SOURCES}
    `,
      'estimative-mismatch',
    );
  });

  test('missing-likelihood and vague-estimate: "a 70% chance" is an estimate in the statement; "70% of voters" is none', () => {
    const fx = kent`
      judgment Stated: There is a 70% chance the talks may fail.
        confidence: moderate
        because: @s1

      judgment Share: 70% of voters back the deal.
        confidence: moderate
        because: @s1
      ${SOURCES}
    `;
    assert.deepEqual(linesOf(fx, 'missing-likelihood'), ['a.kent:5 missing-likelihood']);
    none(fx, 'vague-estimate');
  });

  test('mixed-likelihood-confidence: a percentage chance and a confidence phrase in one sentence', () => {
    one(
      kent`
      judgment J1: We assess with high confidence that there is a 70% chance the talks fail.
        likelihood: 70%
        confidence: high
        because: @s1, @s2
      ${SOURCES}
    `,
      'mixed-likelihood-confidence',
      'a.kent:1',
    );
  });

  test('"more likely than not" is above one half: it fits a declared 90%, not `unlikely`; "in all likelihood" is likely', () => {
    const fx = kent`
      judgment Fits: It is more likely than not that the talks fail.
        likelihood: 90%
        confidence: moderate
        because: @s1

      judgment Clashes: It is more likely than not that the talks fail.
        likelihood: unlikely
        confidence: moderate
        because: @s1

      judgment Likely: In all likelihood the talks fail.
        likelihood: very unlikely
        confidence: moderate
        because: @s1
      ${SOURCES}
    `;
    const { fw, ds } = find(fx, 'estimative-mismatch');
    assert.deepEqual(ds.map((d) => `${fw.at(d.path, d.span.start)} ${spanText(fw, d)}`), ['a.kent:6:25 more likely than not', 'a.kent:11:18 In all likelihood']);
    mentions(ds[0].message, '(≥50%)');
    assert.deepEqual(ds.map((d) => d.fixes?.[0]?.title), ['Declare `likelihood: 50-100%`', 'Declare `likelihood: likely`']);
  });
});

describe('estimative-mismatch: a likelihood declared without the statement\'s "not"', () => {
  test('"almost certainly not … riots" with `likelihood: very unlikely`: still a mismatch, and the message says the rule', () => {
    const fx = kent`
      judgment Riots: The protests will almost certainly not turn into riots.
        likelihood: very unlikely
        confidence: moderate
        because: @s1

      judgment Denied: Russia is not likely to intervene.
        likelihood: likely
        confidence: moderate
        because: @s1
      ${SOURCES}
    `;
    const { ds } = find(fx, 'estimative-mismatch');
    assert.equal(ds.length, 2);
    mentions(ds[0].message, 'Riots', '"almost certainly"', 'the likelihood is of the statement as written, "not" included: `likelihood: almost certain` fits it');
    mentions(ds[1].message, 'Denied', '"not" included: `likelihood: unlikely` fits it');
    assert.equal(ds[0].fixes?.[0]?.title, 'Declare `likelihood: almost certain`');
  });

  test('near miss: no "not" in the statement, or a complement that does not fit either: no reminder', () => {
    const fx = kent`
      judgment Plain: The protests will almost certainly turn into riots.
        likelihood: very unlikely
        confidence: moderate
        because: @s1

      judgment Far: The protests will almost certainly not turn into riots.
        likelihood: unlikely
        confidence: moderate
        because: @s1

      judgment Qualified: Russia will probably—though not certainly—keep striking ports.
        likelihood: unlikely
        confidence: moderate
        because: @s1
      ${SOURCES}
    `;
    const { ds } = find(fx, 'estimative-mismatch');
    // "not certainly" qualifies the estimate: the statement denies nothing.
    assert.equal(ds.length, 3);
    for (const d of ds) assert.ok(!d.message.includes('"not" included'), d.message);
  });
});

describe('estimative-mismatch: a denied term', () => {
  test('"is not likely to" reads as unlikely: consistent with `unlikely`, a mismatch with `likely`', () => {
    const fx = kent`
      judgment NotLikely: Russia is not likely to resume gas transit via Ukraine.
        likelihood: unlikely
        confidence: moderate
        because: @s1

      judgment IsntLikely: Russia isn't likely to resume gas transit via Ukraine.
        likelihood: unlikely
        confidence: moderate
        because: @s1

      judgment Wrong: The cluster is not likely to exceed 50 cases.
        likelihood: likely
        confidence: moderate
        because: @s1

      judgment WillNot: Russia will not likely resume gas transit.
        likelihood: likely
        confidence: moderate
        because: @s1
      ${SOURCES}
    `;
    const { fw, d } = one(fx, 'estimative-mismatch', 'a.kent:11');
    assert.equal(spanText(fw, d), 'not likely');
    mentions(d.message, 'Wrong', '"not likely" (20–45%)', '`likelihood: likely` (55–80%)');
    assert.deepEqual(d.fixes?.map((f) => f.title), ['Declare `likelihood: unlikely`']);
  });

  test('denying an extreme band states no probability: a hedge, not its complement', () => {
    const fx = kent`
      claim C1: A deal is not almost certain.
        likelihood: 60%
        because: @s1

      claim C2: A deal is not almost certain.
        because: @s1
      ${SOURCES}
    `;
    none(fx, 'estimative-mismatch');
    const { fw, d } = one(fx, 'vague-estimate', 'a.kent:5');
    assert.equal(spanText(fw, d), 'not almost certain');
  });
});

describe('estimative-mismatch and vague-estimate: "Not likely." and denials of other terms', () => {
  test('"Not likely." answering a question reads as unlikely: a mismatch with `likely`, none with `unlikely`', () => {
    const fx = kent`
      judgment Wrong: Will Russia resume gas transit via Ukraine? Not likely.
        likelihood: likely
        confidence: moderate
        because: @s1

      judgment Right: Will Russia resume gas transit via Ukraine? Not likely.
        likelihood: unlikely
        confidence: moderate
        because: @s1

      judgment Graded: Not very likely, given the damage to the pipeline.
        likelihood: very unlikely
        confidence: moderate
        because: @s1
      ${SOURCES}
    `;
    const { fw, d } = one(fx, 'estimative-mismatch', 'a.kent:1');
    assert.equal(spanText(fw, d), 'Not likely');
    mentions(d.message, 'Wrong', '"Not likely" (20–45%)', '`likelihood: likely` (55–80%)');
    none(fx, 'missing-likelihood');
  });

  test('"not remote", "not improbable", "not highly unlikely" state no probability: no mismatch whatever is declared, a hedge when nothing is', () => {
    const fx = kent`
      claim Remote: The chance of a coup is not remote.
        because: @s1

      claim Remote30: The chance of a coup is not remote.
        likelihood: 30%
        because: @s1

      claim Improbable: A coup is not improbable.
        likelihood: 50%
        because: @s1

      claim Highly: A coup is not highly unlikely.
        likelihood: 30%
        because: @s1

      claim PhiaLike: A coup is not unlikely.
        likelihood: roughly even chance
        because: @s1
      ${SOURCES}
    `;
    none(fx, 'estimative-mismatch');
    const { fw, d } = one(fx, 'vague-estimate', 'a.kent:1');
    assert.equal(spanText(fw, d), 'not remote');
  });
});

describe('estimative-mismatch and vague-estimate: a denial with an article', () => {
  test('"not a realistic possibility", "not a remote chance" state no probability: no mismatch, a hedge when nothing is declared', () => {
    const fx = kent`
      //- /a.kent
      claim C1: A ceasefire is not a realistic possibility [@s1].
        likelihood: almost certain

      claim C2: There is not a remote chance of a deal [@s1].
        likelihood: almost certain

      claim C3: Will they strike? Not a realistic possibility [@s1].
      ${SOURCES}
      //- /kent.json
      { "scale": "phia" }
    `;
    none(fx, 'estimative-mismatch');
    const { fw, d } = one(fx, 'vague-estimate', 'a.kent:7');
    assert.equal(spanText(fw, d), 'Not a realistic possibility');
  });
});

describe('mixed-likelihood-confidence', () => {
  test('a confidence phrase and an estimative term in one sentence (item and prose)', () => {
    const fx = kent`
      We assess with high confidence that Russia will likely stay out.

      judgment Mixed: We assess with high confidence that turnout will likely fall.
        likelihood: likely
        confidence: high
        because: @s1, @s2
      ${SOURCES}
    `;
    const { fw, ds } = find(fx, 'mixed-likelihood-confidence');
    assert.deepEqual(
      ds.map((d) => `${fw.at(d.path, d.span.start)} ${spanText(fw, d)}`),
      ['a.kent:1:11 with high confidence', 'a.kent:3:27 with high confidence'],
    );
    mentions(ds[1].message, 'Mixed', 'likely');
  });

  test('near miss: the two in separate sentences', () => {
    none(
      kent`
      We have high confidence in this assessment. Russia will likely stay out.

      judgment J1: Turnout will likely fall. We hold this with moderate confidence.
        likelihood: likely
        confidence: moderate
        because: @s1
      ${SOURCES}
    `,
      'mixed-likelihood-confidence',
    );
  });
});

describe('overconfident', () => {
  test('high confidence with two sources of one origin: they are not independent', () => {
    const fx = kent`
      judgment TooSure: The army will stay in its barracks.
        likelihood: very likely
        confidence: high
        because: @good, @echo

      source good: Wire report
        reliability: B
        origin: wire-service

      source echo: Newspaper story from the wire
        reliability: B
        origin: wire-service
    `;
    const { fw, d } = one(fx, 'overconfident', 'a.kent:3');
    assert.equal(spanText(fw, d), 'high');
    mentions(d.message, 'TooSure', 'high', 'origin wire-service');
  });

  test('an unrated source reached: the message says how to rate it, where it is written (a bibliography entry, a source block)', () => {
    const fx = kent`
      //- /a.kent
      assessment a: A
        bibliography: refs.bib

      judgment KJ1: The army will stay in its barracks.
        likelihood: likely
        confidence: high
        because: @fao, @smith

      judgment KJ2: The army will stay out of politics.
        likelihood: likely
        confidence: high
        because: @block, @smith

      source block: A report
        author: Someone
      //- /refs.bib
      @report{fao, title = {Food Outlook}, year = {2025}}
      @book{smith, title = {A Book}, year = {2020}, reliability = {B}}
    `;
    const { ds } = find(fx, 'overconfident');
    mentions(ds[0].message, 'an unrated source counts as F: rate fao with a `reliability = {B}` field (or `reliability: B` in its note) in refs.bib');
    mentions(ds[1].message, 'an unrated source counts as F: rate block with `reliability:` (A to F) in its block');
  });

  test('near miss: a `because` ref that names nothing is unresolved-reference, not a lack of sources', () => {
    const fx = kent`
      judgment KJ1: The army will stay in its barracks.
        likelihood: likely
        confidence: moderate
        because: E9, @nokey
    `;
    none(fx, 'overconfident');
    assert.equal(linesOf(fx, 'unresolved-reference').length, 2);
  });

  test('near miss: two sources of different origins rated A–C', () => {
    none(
      kent`
      judgment Sure: The army will stay in its barracks.
        likelihood: very likely
        confidence: high
        because: @s1, @s2
      ${SOURCES}
    `,
      'overconfident',
    );
  });

  test('unrated counts as F: moderate confidence on an unrated source', () => {
    const { d } = one(
      kent`
      claim C1: Something.
        confidence: moderate
        because: @anon

      source anon: An anonymous blog
    `,
      'overconfident',
      'a.kent:2',
    );
    mentions(d.message, 'C1', 'moderate', 'anon (unrated)');
  });

  test('near miss: moderate confidence on a source rated D; low confidence on anything', () => {
    none(
      kent`
      claim C1: Something.
        confidence: moderate
        because: @d

      claim C2: Something else.
        confidence: low
        because: @anon

      source d: A tabloid
        reliability: D

      source anon: An anonymous blog
    `,
      'overconfident',
    );
  });

  test('the confidence thresholds come from kent.json', () => {
    const fx = kent`
      //- /a.kent
      judgment Sure: The army will stay in its barracks.
        likelihood: very likely
        confidence: high
        because: @s1, @s2
      ${SOURCES}
      //- /kent.json
      { "confidence": { "high": { "sources": 3, "reliability": "B" } } }
    `;
    const { d } = one(fx, 'overconfident', 'a.kent:3');
    mentions(d.message, '3 independent sources', 'rated B');
  });

  test('the fixes lower confidence only to a level the sources meet', () => {
    const lowered = (fx: string) => one(fx, 'overconfident', 'a.kent:3').d.fixes?.map((f) => (f.kind === 'replace' ? f.text : ''));
    // One good source: enough for moderate.
    assert.deepEqual(lowered(kent`
      judgment J: The army will stay in its barracks.
        likelihood: very likely
        confidence: high
        because: @good

      source good: Wire report
        reliability: B
    `), ['moderate', 'low']);
    // Support that reaches no source: moderate would fail too, so only low is offered.
    assert.deepEqual(lowered(kent`
      judgment J: The army will stay in its barracks.
        likelihood: very likely
        confidence: high
        because: C1

      claim C1: Nobody says so.
    `), ['low']);
  });
});

describe('contradiction', () => {
  const fx = kent`
    //- /a.kent
    assessment a: A

    claim Here: Borduria will join the conflict.
      likelihood: likely
      same-as: b/There
      because: @s1
    ${SOURCES}
    //- /b.kent
    assessment b: B

    claim There: Borduria will join the conflict.
      likelihood: unlikely
      because: @s1
  `;
  test('likely vs unlikely through same-as: reported on both items, each pointing at the other document', () => {
    const { fw, ds } = find(fx, 'contradiction');
    assert.deepEqual(
      ds.map((d) => `${fw.at(d.path, d.span.start)} ${spanText(fw, d)}`),
      ['a.kent:5:12 b/There', 'b.kent:3:7 There'],
    );
    mentions(ds[0].message, 'Here', 'b/There', 'likely', 'unlikely');
    mentions(ds[1].message, 'a/Here', 'There');
    assert.equal(ds[0].severity, 'error');
    assert.deepEqual(ds[0].related?.map((r) => fw.at(r.path, r.span.start)), ['b.kent:3:7']);
    assert.deepEqual(ds[1].related?.map((r) => fw.at(r.path, r.span.start)), ['a.kent:3:7']);
  });

  test('negates flips the other estimate: likely negates likely contradicts', () => {
    const flip = kent`
      claim StayOut: Borduria will stay out.
        likelihood: likely
        negates: Join
        because: @s1

      claim Join: Borduria will join.
        likelihood: likely
        because: @s1
      ${SOURCES}
    `;
    assert.deepEqual(linesOf(flip, 'contradiction'), ['a.kent:3 contradiction', 'a.kent:6 contradiction']);
    const { ds } = find(flip, 'contradiction');
    mentions(ds[0].message, 'negates');
  });

  test('a pair within one document: each message reads from its own item, the named one too', () => {
    const pair = kent`
      claim StayOut: Borduria will stay out.
        likelihood: 90%
        negates: Join
        because: @s1

      claim Join: Borduria will join.
        likelihood: 30%
        same-as: Also
        because: @s1

      claim Also: Borduria will join.
        likelihood: 90%
        because: @s1
      ${SOURCES}
    `;
    const fw = loadFixture(pair);
    assert.deepEqual(fw.diagnostics().filter((d) => d.code === 'inconsistent-estimate' || d.code === 'contradiction').map((d) => `${fw.at(d.path, d.span.start)} ${d.message}`), [
      'a.kent:3:12 StayOut (90%) negates Join (30%), but their intervals do not overlap (the negation of Join is 70%, against 90%)',
      'a.kent:6:7 Join (30%) is negated by StayOut (90%), but their intervals do not overlap (the negation of Join is 70%, against 90%)',
      'a.kent:8:12 Join (30%) states the same proposition as Also (90%), but one says it will, the other that it will not',
      'a.kent:11:7 Also (90%) is named as the same proposition by Join (30%), but one says it will, the other that it will not',
    ]);
  });

  test('near miss: likely negates unlikely is consistent; same-as with overlapping estimates', () => {
    none(
      kent`
      claim StayOut: Borduria will stay out.
        likelihood: likely
        negates: Join
        because: @s1

      claim Join: Borduria will join.
        likelihood: unlikely
        because: @s1

      claim Same: Borduria will join.
        likelihood: 40%
        same-as: Join
        because: @s1
      ${SOURCES}
    `,
      'contradiction',
    );
  });

  test('one ref in both because and against', () => {
    const fx2 = kent`
      claim Both: The mission has full access.
        because: @s1, C2
        against: @s1

      claim C2: Also.
        because: s2
      ${SOURCES}
    `;
    const { fw, d } = one(fx2, 'contradiction', 'a.kent:3');
    mentions(d.message, 'Both', '@s1', 'because', 'against');
    assert.deepEqual(d.related?.map((r) => fw.at(r.path, r.span.start)), ['a.kent:2:13']);
  });

  test('one ref in both because and against, spelt two ways: `E1` and `a/E1`, `s1` and `@s1`', () => {
    const fx2 = kent`
      //- /a.kent
      assessment a: A

      claim Both: The mission has full access.
        because: E1, s1
        against: a/E1, @s1

      evidence E1: A report.
        source: s1
      ${SOURCES}
    `;
    const { ds } = find(fx2, 'contradiction');
    assert.deepEqual(ds.map((d) => d.message), [
      'claim Both counts a/E1 both for it (`because`) and against it (`against`)',
      'claim Both counts @s1 both for it (`because`) and against it (`against`)',
    ]);
  });

  test('same-as and negates naming one item (even spelt two ways): it cannot be both', () => {
    const fx2 = kent`
      //- /a.kent
      assessment a: A

      judgment KJ6: Russia would probably avoid direct involvement.
        likelihood: likely
        confidence: moderate
        because: @s1

      judgment KJ10: Russia's direct intervention appears roughly even.
        likelihood: 50%
        confidence: moderate
        because: @s1
        same-as: KJ6
        negates: a/KJ6

      judgment KJ11: Russia's direct intervention appears highly unlikely.
        likelihood: very unlikely
        confidence: moderate
        because: @s1
        negates: KJ6
      ${SOURCES}
    `;
    const { fw, ds } = find(fx2, 'contradiction');
    assert.deepEqual(ds.map((d) => `${fw.at(d.path, d.span.start)} ${d.message}`), [
      'a.kent:13:12 judgment KJ10 says it is both the same proposition as a/KJ6 (`same-as`) and its negation (`negates`); keep the one that is true',
    ]);
    assert.deepEqual(ds[0].related?.map((r) => fw.at(r.path, r.span.start)), ['a.kent:12:12']);
  });

  test('near miss: different refs in because and against', () => {
    none(
      kent`
      claim Fine: The mission has full access.
        because: @s1
        against: @s2
      ${SOURCES}
    `,
      'contradiction',
    );
  });
});

describe('inconsistent-estimate', () => {
  test('likely vs an unqualified fact: reported on both, across documents', () => {
    const fx = kent`
      //- /a.kent
      assessment a: A

      claim Growth: The economy will grow this year.
        likelihood: likely
        same-as: b/Growth
        because: @s1
      ${SOURCES}
      //- /b.kent
      assessment b: B

      claim Growth: The economy will grow this year.
        because: @s1
    `;
    const { fw, ds } = find(fx, 'inconsistent-estimate');
    assert.deepEqual(
      ds.map((d) => fw.at(d.path, d.span.start)),
      ['a.kent:5:12', 'b.kent:3:7'],
    );
    mentions(ds[0].message, 'Growth', 'likely', 'stated as fact');
    assert.equal(ds[0].severity, 'warning');
    assert.deepEqual(ds[1].related?.map((r) => r.path), ['a.kent']);
    assert.deepEqual(linesOf(fx, 'contradiction'), []);
  });

  test('under `negates`, the message gives the negation it compared; a percentage is shown once', () => {
    const fx = kent`
      //- /a.kent
      assessment a: A

      judgment Contained: The outbreak will probably be contained.
        likelihood: 30%
        confidence: low
        because: @s1
      ${SOURCES}
      //- /b.kent
      assessment b: B

      judgment Spread: The outbreak will not be contained.
        likelihood: 75%
        confidence: low
        because: @s1
        negates: a/Contained
    `;
    const { ds } = find(fx, 'inconsistent-estimate');
    assert.deepEqual(ds.map((d) => d.message), [
      'b/Spread (75%) negates Contained (30%), but their intervals do not overlap (the negation of Contained is 70%, against 75%)',
      'Spread (75%) negates a/Contained (30%), but their intervals do not overlap (the negation of a/Contained is 70%, against 75%)',
    ]);
    const { d } = one(fx, 'estimative-mismatch', 'a.kent:3');
    assert.equal(d.message, 'judgment Contained says "probably" (55–80%) but declares `likelihood: 30%`');
  });

  test('a declared range is shown once, in the interval\'s form', () => {
    const fx = kent`
      claim A1: The economy will grow.
        likelihood: 60-70%
        same-as: A2
        because: @s1

      claim A2: The economy will grow.
        likelihood: unlikely
        because: @s1
      ${SOURCES}
    `;
    const { ds } = find(fx, 'contradiction');
    mentions(ds[0].message, 'A1 (60–70%) states the same proposition as A2 (unlikely, 20–45%)');
  });

  test('near miss: very likely vs likely touch at 80%, which is not disjoint', () => {
    none(
      kent`
      claim A1: The economy will grow.
        likelihood: very likely
        same-as: A2
        because: @s1

      claim A2: The economy will grow.
        likelihood: likely
        because: @s1
      ${SOURCES}
    `,
      'inconsistent-estimate',
    );
  });
});

describe('acknowledged-disagreement', () => {
  test('a contradicts relation, showing both estimates', () => {
    const fx = kent`
      //- /a.kent
      assessment a: A

      claim Sanctions: The sanctions have cut oil revenue.
        contradicts: b/Sanctions
        because: @s1
      ${SOURCES}
      //- /b.kent
      assessment b: B

      claim Sanctions: The sanctions have not cut oil revenue.
        likelihood: likely
        because: @s1
    `;
    const { fw, d } = one(fx, 'acknowledged-disagreement', 'a.kent:4');
    assert.equal(d.severity, 'info');
    mentions(d.message, 'Sanctions', 'b/Sanctions', 'stated as fact', 'likely');
    assert.deepEqual(d.related?.map((r) => fw.at(r.path, r.span.start)), ['b.kent:3:7']);
    // A declared disagreement is not a possible contradiction.
    assert.deepEqual(linesOf(fx, 'possible-contradiction'), []);
  });

  test('near miss: no contradicts, no report', () => {
    none(
      kent`
      claim C1: The sanctions have cut oil revenue.
        because: @s1
      ${SOURCES}
    `,
      'acknowledged-disagreement',
    );
  });
});

describe('revised-estimate', () => {
  /** a/Talks revises b/Talks; each side's attribute lines after the statement. */
  const talks = (mine: string, theirs: string) => kent`
      //- /a.kent
      assessment a: A

      claim Talks: The border talks will conclude by June.
        ${mine}
        revises: b/Talks
        because: @s1
      ${SOURCES}
      //- /b.kent
      assessment b: B

      claim Talks: The border talks will conclude by June.
        ${theirs}
        because: @s1
    `;

  test('shows the old and new likelihood and confidence, and is not a contradiction', () => {
    const fx = talks('likelihood: unlikely\n  confidence: low', 'likelihood: likely\n  confidence: moderate');
    const { fw, d } = one(fx, 'revised-estimate', 'a.kent:6');
    assert.equal(d.severity, 'info');
    mentions(d.message, 'b/Talks', 'likely (55–80%) → unlikely (20–45%)', 'moderate → low');
    assert.deepEqual(d.related?.map((r) => fw.at(r.path, r.span.start)), ['b.kent:3:7']);
    assert.deepEqual(linesOf(fx, 'contradiction'), []);
    assert.deepEqual(linesOf(fx, 'possible-contradiction'), []);
  });

  test('a value invalid-value reports is said to be not understood, not shown as if it were one', () => {
    const fx = talks('likelihood: unlikely\n  confidence: hihg', 'likelihood: probbaly\n  confidence: moderate');
    const { d } = one(fx, 'revised-estimate', 'a.kent:6');
    mentions(d.message, 'a likelihood not understood ("probbaly") → unlikely (20–45%)', 'confidence moderate → not understood ("hihg")');
    assert.doesNotMatch(d.message, /no estimate|→ hihg/);
  });

  test('a value that runs on into the next attribute half-typed below it is shown on one line, as invalid-value shows it', () => {
    const fx = talks('likelihood: unlikely\n  confidence: low', 'likelihood: likely\n  confidence: moderate\n  co');
    const { d } = one(fx, 'revised-estimate', 'a.kent:6');
    mentions(d.message, 'confidence not understood ("moderate co") → low');
    assert.doesNotMatch(d.message, /\n/);
    assert.ok(d.related?.every((r) => !r.message.includes('\n')));
  });

  test('near miss: no revises, no report', () => {
    none(
      kent`
      claim Talks: The border talks will conclude by June.
        likelihood: unlikely
        because: @s1
      ${SOURCES}
    `,
      'revised-estimate',
    );
  });
});

describe('possible-contradiction', () => {
  const pair = (rel = '') => kent`
    //- /a.kent
    assessment a: A

    claim Ceasefire: The ceasefire will hold through the winter.
      likelihood: likely
      because: @s1${rel}
    ${SOURCES}
    //- /b.kent
    assessment b: B

    claim Ceasefire: The ceasefire will not hold through the winter.
      likelihood: likely
      because: @s1
  `;
  test('nearly the same statement with opposite polarity in two documents: a hint on both', () => {
    const { fw, ds } = find(pair(), 'possible-contradiction');
    assert.deepEqual(
      ds.map((d) => `${fw.at(d.path, d.span.start)} ${d.severity}`),
      ['a.kent:3:7 hint', 'b.kent:3:7 hint'],
    );
    mentions(ds[0].message, 'Ceasefire', 'b/Ceasefire', 'opposite polarity');
    assert.deepEqual(ds[0].related?.map((r) => r.path), ['b.kent']);
    assert.ok(ds[0].fixes?.some((f) => f.kind === 'insert-lines' && f.text.includes('negates: b/Ceasefire')));
  });

  test('an assessment that supersedes the other: the hint stays on the successor, with revises first; the superseded one is history', () => {
    const fx = kent`
      //- /a.kent
      assessment a: A
        supersedes: b

      claim Ceasefire: The ceasefire will hold through the winter.
        likelihood: likely
        because: @s1
      ${SOURCES}
      //- /b.kent
      assessment b: B

      claim Ceasefire: The ceasefire will not hold through the winter.
        likelihood: likely
        because: @s1
    `;
    const { fw, ds } = find(fx, 'possible-contradiction');
    assert.deepEqual(ds.map((d) => fw.at(d.path, d.span.start)), ['a.kent:4:7']);
    mentions(ds[0].message, 'revises', 'supersedes b');
    assert.deepEqual(ds[0].fixes?.map((f) => f.title), ['Add `revises: b/Ceasefire`', 'Add `negates: b/Ceasefire`', 'Add `same-as: b/Ceasefire`', 'Add `contradicts: b/Ceasefire`']);
  });

  test('the other document shares this one\'s assessment ID: no fix, and the message says what to mend first', () => {
    const fx = kent`
      //- /a.kent
      assessment a: A

      claim Ceasefire: The ceasefire will hold through the winter.
        likelihood: likely
        because: @s1
      ${SOURCES}
      //- /b.kent
      assessment a: B

      claim Truce: The ceasefire will not hold through the winter.
        likelihood: likely
        because: @s1
    `;
    const { ds } = find(fx, 'possible-contradiction');
    assert.equal(ds.length, 2);
    for (const d of ds) {
      assert.deepEqual(d.fixes ?? [], []);
      mentions(d.message, 'has an assessment ID no other document has');
    }
    mentions(ds[0].message, 'once b.kent has');
  });

  test('an estimate pair declared in a document with no assessment ID: told from the other side with its file; the fix to agree writes only the likelihood', () => {
    const fx = kent`
      //- /team.kent
      assessment team: T

      judgment KJ2: Human-to-human spread of H5N1 will be confirmed in 2025 [@s1].
        likelihood: likely
        confidence: low
      ${SOURCES}
      //- /response-notes.kent
      judgment R2: Human-to-human spread of H5N1 will be confirmed in 2025 [@s1].
        likelihood: very unlikely
        confidence: low
        same-as: team/KJ2
    `;
    const { fw, ds } = find(fx, 'contradiction');
    const here = ds.find((d) => d.path === 'team.kent')!;
    assert.equal(here.message, 'R2 in response-notes.kent (very unlikely, 5–20%) states the same proposition as KJ2 (likely, 55–80%), but one says it will, the other that it will not');
    const doc = fw.ws.getDocument('team.kent')!;
    const fixes = codeActions(fw.ws, doc, here.span, [here]).filter((a) => !a.title.startsWith('Suppress '));
    assert.deepEqual(fixes.map((a) => [a.title, a.edits.map((e) => e.newText)]), [['Set likelihood to very unlikely (as R2 in response-notes.kent says)', ['very unlikely']]]);
  });

  test('disjoint likelihoods with the same polarity', () => {
    const fx = kent`
      //- /a.kent
      assessment a: A

      claim X: The ceasefire will hold through the winter.
        likelihood: likely
        because: @s1
      ${SOURCES}
      //- /b.kent
      assessment b: B

      claim Y: The ceasefire will hold through the winter.
        likelihood: unlikely
        because: @s1
    `;
    const { ds } = find(fx, 'possible-contradiction');
    assert.equal(ds.length, 2);
    mentions(ds[0].message, 'disjoint likelihoods');
  });

  test('near miss: a declared relation, the same document, or unrelated statements', () => {
    none(pair('\n      negates: b/Ceasefire'), 'possible-contradiction');
    none(
      kent`
      claim A1: The ceasefire will hold through the winter.
        because: @s1

      claim A2: The ceasefire will not hold through the winter.
        because: @s1
      ${SOURCES}
    `,
      'possible-contradiction',
    );
    none(
      kent`
      //- /a.kent
      assessment a: A

      claim X: The ceasefire will hold through the winter.
        because: @s1
      ${SOURCES}
      //- /b.kent
      assessment b: B

      claim Y: Oil exports will not recover this year.
        because: @s1
    `,
      'possible-contradiction',
    );
  });
});

describe('possible-contradiction: opposite polarity with estimates that agree', () => {
  const across = (a: string, la: string, b: string, lb: string) => kent`
    //- /a.kent
    assessment a: A

    claim X: ${a}
      likelihood: ${la}
      because: @s1
    ${SOURCES}
    //- /b.kent
    assessment b: B

    claim Y: ${b}
      likelihood: ${lb}
      because: @s1
  `;
  test('"will hold" unlikely and "will not hold" likely say one thing: not reported', () => {
    none(across('The ceasefire will hold through the winter.', 'unlikely', 'The ceasefire will not hold through the winter.', 'likely'), 'possible-contradiction');
    none(across('The ceasefire will hold through the winter.', '30%', 'The ceasefire will not hold through the winter.', '65-75%'), 'possible-contradiction');
  });
  test('near miss: opposite polarity whose estimates, one complemented, still disagree is reported', () => {
    assert.equal(find(across('The ceasefire will hold through the winter.', 'likely', 'The ceasefire will not hold through the winter.', 'likely'), 'possible-contradiction').ds.length, 2);
    assert.equal(find(across('The ceasefire will hold through the winter.', 'unlikely', 'The ceasefire will not hold through the winter.', 'almost certain'), 'possible-contradiction').ds.length, 2);
  });
});

describe('possible-contradiction: opposite directions', () => {
  const across = (a: string, b: string) => kent`
    //- /a.kent
    assessment a: A

    claim X: ${a}
      because: @s1
    ${SOURCES}
    //- /b.kent
    assessment b: B

    claim Y: ${b}
      because: @s1
  `;
  test('"stay below" against "stay above", "fell" against "will rise": opposite polarity, the word named', () => {
    const { fw, ds } = find(across('Russian arms exports to China will stay below 2020 levels.', 'Russian arms exports to China will stay above 2020 levels.'), 'possible-contradiction');
    assert.deepEqual(ds.map((d) => fw.at(d.path, d.span.start)), ['a.kent:3:7', 'b.kent:3:7']);
    mentions(ds[0].message, 'X', 'b/Y', 'opposite polarity', '"below" read as not "above"');
    mentions(ds[1].message, 'Y', 'a/X', '"below" read as not "above"');
    assert.equal(find(across('Oil output fell in 2025.', 'Oil output will rise in 2025.'), 'possible-contradiction').ds.length, 2);
    assert.equal(find(across('Russia will send fewer troops to Syria.', 'Russia will send more troops to Syria.'), 'possible-contradiction').ds.length, 2);
  });

  test('near miss: a denied direction and its opposite, both directions in one statement, paraphrases, unrelated statements', () => {
    none(across('Oil output will not rise in 2025.', 'Oil output will fall in 2025.'), 'possible-contradiction');
    none(across('Grain exports will rise in the north and fall in the south.', 'Grain exports will rise in the north and in the south.'), 'possible-contradiction');
    none(across('Oil output fell in 2025.', 'In 2025, oil output was falling.'), 'possible-contradiction');
    none(across('Oil output will fall in 2025.', 'The navy will expand in 2025.'), 'possible-contradiction');
  });
});

describe('inconsistent-source-rating', () => {
  test('one source rated differently in two documents: reported in both', () => {
    const fx = kent`
      //- /a.kent
      assessment a: A

      source rated: Regional newspaper
        reliability: B

      A road [@rated].
      //- /b.kent
      assessment b: B

      source rated: Regional newspaper
        reliability: D
    `;
    const { fw, ds } = find(fx, 'inconsistent-source-rating');
    assert.deepEqual(
      ds.map((d) => `${fw.at(d.path, d.span.start)} ${spanText(fw, d)}`),
      ['a.kent:4:16 B', 'b.kent:4:16 D'],
    );
    mentions(ds[0].message, 'rated', 'B', 'D', 'b.kent');
    assert.deepEqual(ds[0].related?.map((r) => fw.at(r.path, r.span.start)), ['b.kent:4:16']);
  });

  test('a source block against a bibliography entry with another reliability', () => {
    const fx = kent`
      //- /a.kent
      assessment a: A
        bibliography: refs.bib

      source smith-2020: Smith's book
        reliability: A

      Cited [@smith-2020].
      //- /refs.bib
      @book{smith-2020, title = {A Book}, year = {2020}, reliability = {C}}
    `;
    const { d } = one(fx, 'inconsistent-source-rating', 'a.kent:5');
    mentions(d.message, 'smith-2020', 'refs.bib');
  });

  test("two documents' bibliographies rating one key differently: reported on each bibliography line, naming the other", () => {
    const fx = kent`
      //- /a.kent
      assessment a: A
        bibliography: a.bib

      claim C1: A road is closed [@radio].
      //- /b.kent
      assessment b: B
        bibliography: b.bib

      claim C1: A bridge is closed [@radio].
      //- /a.bib
      @misc{radio, title = {Radio Borduria}, reliability = {B}}
      //- /b.bib
      @misc{radio, title = {Radio Borduria}, reliability = {E}}
    `;
    const { fw, ds } = find(fx, 'inconsistent-source-rating');
    assert.deepEqual(ds.map((d) => `${fw.at(d.path, d.span.start)} ${spanText(fw, d)}`), ['a.kent:2:17 a.bib', 'b.kent:2:17 b.bib']);
    mentions(ds[0].message, 'radio', 'B in a.bib', 'E in b.bib');
    assert.deepEqual(ds[0].related?.map((r) => fw.at(r.path, r.span.start)), ['b.bib:1:7']);
  });

  test("a source block against another document's bibliography entry: reported on the block only", () => {
    const fx = kent`
      //- /a.kent
      assessment a: A

      source radio: Radio Borduria
        reliability: A
      //- /b.kent
      assessment b: B
        bibliography: b.bib

      claim C1: A bridge is closed [@radio].
      //- /b.bib
      @misc{radio, title = {Radio Borduria}, reliability = {C}}
    `;
    const { d } = one(fx, 'inconsistent-source-rating', 'a.kent:4');
    mentions(d.message, 'radio', 'C in b.bib');
  });

  test('near miss: one bibliography named by two documents, or two that agree', () => {
    none(
      kent`
      //- /a.kent
      assessment a: A
        bibliography: refs.bib
        bibliography: same.bib
      //- /b.kent
      assessment b: B
        bibliography: refs.bib
      //- /refs.bib
      @misc{radio, title = {Radio Borduria}, reliability = {B}}
      //- /same.bib
      @misc{radio, title = {Radio Borduria}, reliability = {b}}
    `,
      'inconsistent-source-rating',
    );
  });

  test('near miss: the same rating everywhere', () => {
    none(
      kent`
      //- /a.kent
      assessment a: A

      source rated: Regional newspaper
        reliability: B
      //- /b.kent
      assessment b: B

      source rated: Regional newspaper
        reliability: B
    `,
      'inconsistent-source-rating',
    );
  });
});

describe('quote-not-found', () => {
  /** Evidence E1 quoting `quote` from the local copy `file` (by default, a minister's words in a .txt). */
  const withQuote = (quote: string, file = 'rep.txt', text = 'The minister said: “Neither China nor Russia is ready for it,” adding\nthat the   alliance was a myth. Later, the talks ended.') => kent`
    //- /a.kent
    evidence E1: The report.
      source: rep
      quote: ${quote}

    source rep: A report
      reliability: B
      file: sources/${file}
    //- /sources/${file}
    ${text}
  `;
  test('a changed word is not found', () => {
    const fx = withQuote('"neither China nor Russia is willing to do it"');
    const { fw, d } = one(fx, 'quote-not-found', 'a.kent:3');
    mentions(d.message, 'E1', 'sources/rep.txt', 'rep');
    assert.equal(spanText(fw, d), '"neither China nor Russia is willing to do it"');
    assert.deepEqual(d.related?.map((r) => fw.at(r.path, r.span.start)), ['a.kent:7:9', 'sources/rep.txt:1:21']);
    // The closest passage agrees with the quote's start ("neither china nor russia is"), then parts from it.
    assert.deepEqual(d.related?.[1].message, 'the closest passage');
    assert.equal(spanText(fw, { path: d.related![1].path, span: d.related![1].span }), 'Neither China nor Russia is ');
    mentions(d.message, 'the file agrees with its start, then has ‘ready for it,” adding th…’ where the quote has ‘willing to do it’');
  });

  test('an excerpt holding a curly double quote mark is set off with single ones, and one holding single marks too with «…»', () => {
    // The reviewer's page: the file closes the quotation (&rdquo;) right after the word the quote spells otherwise.
    const page = '<p>The World Food Programme notes that &ldquo;insurers remain reluctant to cover calls at Mykolaiv&rdquo; while the estuary is mined.</p>';
    const { d } = one(withQuote('"insurers remain reluctant to cover calls at Mykolayiv"', 'wfp.html', page), 'quote-not-found', 'a.kent:3');
    mentions(d.message, 'then has ‘Mykolaiv” while th…’ where the quote has ‘Mykolayiv’');
    // An apostrophe inside a word is no quote mark: ‘…’ still reads clearly around it.
    const apostrophe = one(withQuote('"the minister’s words: “Neither China nor Russia is willing"', 'rep.txt', 'the minister’s words: “Neither China nor Russia is ready for it,” he said.'), 'quote-not-found', 'a.kent:3').d;
    mentions(apostrophe.message, 'then has ‘ready for it,” he said.’ where the quote has ‘willing’');
    const both = one(withQuote('"and then the minister said the word is ‘ready’ and “willing”"', 'rep.txt', 'and then the minister said the word was ‘ready’ and “willing”, in fact.'), 'quote-not-found', 'a.kent:3').d;
    mentions(both.message, 'then has «was ‘ready’ and “willing…» where the quote has «is ‘ready’ and “willing”»');
  });

  test('where the quote parts from the file at a double quote mark, the excerpts are set off with single ones', () => {
    // The file has the minister's words in curly quotes; the quote puts a straight one where the file has "ready".
    const fx = withQuote('“neither China nor Russia is "ready" for it”');
    const { d } = one(fx, 'quote-not-found', 'a.kent:3');
    mentions(d.message, 'then has ‘ready for it,” adding th…’ where the quote has ‘"ready" for it’');
    assert.doesNotMatch(d.message, /"{3}/);
  });

  test('a web page saved as the local copy is read as its reader sees it: entities as characters, markup as nothing, scripts unread', () => {
    const html = '<html><head><script>var s = "fewer than 10 voyages";</script></head><body>\n<p>Container transits remained marginal &mdash; fewer than 10&nbsp;voyages &ndash; and\nno major carrier ran a <b>sched</b>uled service.</p><p>Ice &amp; cost limit the season.</p>';
    const page = (quote: string) => withQuote(quote, 'rep.html', html);
    for (const q of ['"remained marginal — fewer than 10 voyages – and no major carrier ran a scheduled service."', '"service. Ice & cost"'])
      assert.deepEqual(linesOf(page(q), 'quote-not-found'), [], q);
    const { fw, d } = one(page('"fewer than 10 voyages – and no carrier ran a scheduled service"'), 'quote-not-found', 'a.kent:3');
    mentions(d.message, 'the file agrees with its end, but before that has "…ges – and no major" where the quote has "…than 10 voyages – and no"');
    // The closest passage is the file's own text: offsets into the page, markup and all.
    assert.equal(spanText(fw, { path: d.related![1].path, span: d.related![1].span }), ' carrier ran a <b>sched</b>uled service');
    // In a plain-text file, the same markup is text.
    assert.deepEqual(linesOf(withQuote('"China nor Russia is ready &amp; willing"'), 'quote-not-found'), ['a.kent:3 quote-not-found']);
  });

  test('where a quote parts from its closest passage: after its start, or before its end; nothing said for a quote with gaps or one far from the file', () => {
    const byEnd = one(withQuote('"The ministers said that the alliance was a myth"'), 'quote-not-found', 'a.kent:3').d;
    mentions(byEnd.message, 'the file agrees with its end, but before that has ‘…is ready for it,” adding’ where the quote has ‘The ministers said’');
    for (const q of ['"the talks [...] went on"', '"Something else entirely was announced today"']) {
      const { d } = one(withQuote(q), 'quote-not-found', 'a.kent:3');
      assert.doesNotMatch(d.message, /agrees with/, q);
      assert.equal(d.related?.length, 1, q);
    }
  });

  test('a quote that leaves out a quote mark of the source is not found, and the message does not say quote marks are ignored', () => {
    const fx = withQuote('"Neither China nor Russia is ready for it, adding that the alliance was a myth"');
    const { d } = one(fx, 'quote-not-found', 'a.kent:3');
    assert.doesNotMatch(d.message, /ignoring[^;]*quote marks/);
    mentions(d.message, 'curly and straight quote marks match each other');
  });

  test('an empty quote is invalid-value, not a quote looked for in vain', () => {
    for (const q of ['""', '"  "']) {
      const fx = withQuote(q);
      assert.deepEqual(linesOf(fx, 'quote-not-found'), [], q);
      const { d } = one(fx, 'invalid-value', 'a.kent:3');
      mentions(d.message, 'E1', 'empty');
    }
  });

  test('near miss: curly quotes, case and spacing fold; [...] and . . . match a gap; [insertions] match words', () => {
    for (const q of [
      '"\\"neither china nor russia is ready for it,\\""',
      '"Neither China nor Russia is ready for it"',
      '"Neither China [...] ready for it"',
      '"the alliance was a myth . . . the talks ended"',
      '"that the [Sino-Russian] alliance was a myth"',
      '“neither China nor Russia is READY for it”',
    ]) {
      assert.deepEqual(linesOf(withQuote(q), 'quote-not-found'), [], `quote ${q} should be found`);
    }
  });
});

describe('source-file-missing', () => {
  test('a missing file: and a missing bibliography:', () => {
    const fx = kent`
      //- /a.kent
      assessment a: A
        bibliography: nope.bib

      source lost: A lost report
        reliability: C
        file: sources/missing.txt

      Cited [@lost].
    `;
    const { fw, ds } = find(fx, 'source-file-missing');
    assert.deepEqual(
      ds.map((d) => `${fw.at(d.path, d.span.start)} ${spanText(fw, d)}`),
      ['a.kent:2:17 nope.bib', 'a.kent:6:9 sources/missing.txt'],
    );
    mentions(ds[0].message, 'nope.bib', 'does not exist');
    mentions(ds[1].message, 'lost', 'sources/missing.txt');
  });

  test('a bibliography that cannot be parsed: the message says where', () => {
    const fx = kent`
      //- /a.kent
      assessment a: A
        bibliography: bad.bib
      //- /bad.bib
      % a comment line
      @report{broken-entry,
        title = {An entry whose braces never close,
        year  = 2024
    `;
    const { d } = one(fx, 'source-file-missing', 'a.kent:2');
    mentions(d.message, 'bad.bib:');
    assert.match(d.message, /bad\.bib:\d+:\d+/);
  });

  test('a CSL-JSON bibliography that is not JSON', () => {
    const { d } = one(
      kent`
      //- /a.kent
      assessment a: A
        bibliography: refs.json
      //- /refs.json
      [ { "id": "x", "title": "X" }
    `,
      'source-file-missing',
      'a.kent:2',
    );
    mentions(d.message, 'refs.json');
  });

  test('an unreadable file says it cannot be read', () => {
    const { d } = one(
      kent`
      //- /a.kent
      source locked: Locked
        reliability: C
        file: sources/locked.txt

      Cited [@locked].
      //- /sources/locked.txt (unreadable)
      secret
    `,
      'source-file-missing',
      'a.kent:3',
    );
    mentions(d.message, 'cannot be read');
  });

  test('a slip of a file that is there: "did you mean" it, with the fix that writes it', () => {
    const { fw, ds } = find(
      kent`
      //- /notes/a.kent
      assessment a: A
        bibliography: ref.bib

      source iiss: IISS
        file: Sources/iiss.txt

      source deep: Deep
        file: ../data/Sources/Rport.pdf

      Cited [@iiss; @deep].
      //- /notes/refs.bib
      @book{b, title = {B}, year = {2020}}
      //- /notes/sources/iiss.txt
      text
      //- /data/sources/report.pdf
      pdf
    `,
      'source-file-missing',
    );
    assert.deepEqual(
      ds.map((d) => d.fixes?.map((f) => (f.kind === 'replace' ? `${spanText(fw, { path: d.path, span: f.span })} -> ${f.text}` : f.kind))),
      [['ref.bib -> refs.bib'], ['Sources/iiss.txt -> sources/iiss.txt'], ['../data/Sources/Rport.pdf -> ../data/sources/report.pdf']],
    );
    mentions(ds[0].message, 'does not exist', 'did you mean refs.bib?');
    mentions(ds[1].message, 'did you mean sources/iiss.txt?');
  });

  test('no "did you mean" when nothing is near, or two names are equally near', () => {
    const { ds } = find(
      kent`
      //- /a.kent
      assessment a: A
        bibliography: refs.bib

      source x: X
        file: sources/a.txt

      source y: Y
        file: sources/zzz/a.txt

      Cited [@x; @y].
      //- /other.bib
      @book{b, title = {B}, year = {2020}}
      //- /sources/b.txt
      b
      //- /sources/c.txt
      c
    `,
      'source-file-missing',
    );
    assert.equal(ds.length, 3);
    for (const d of ds) {
      assert.deepEqual(d.fixes ?? [], [], d.message);
      assert.doesNotMatch(d.message, /did you mean/);
    }
  });

  test('a missing file of a name 200,000 characters long beside many files: reported at once, nothing near', () => {
    const files = Array.from({ length: 2000 }, (_, i) => `//- /sources/file-${i}.txt\nx`).join('\n');
    const start = performance.now();
    const { ds } = find(`//- /a.kent\nsource s: S\n  file: sources/${'x'.repeat(200_000)}.txt\n\nCited [@s].\n${files}`, 'source-file-missing');
    assert.equal(ds.length, 1);
    assert.doesNotMatch(ds[0].message, /did you mean/);
    assert.ok(performance.now() - start < 2000, `${performance.now() - start} ms`);
  });

  test('near miss: files that exist and parse', () => {
    none(
      kent`
      //- /a.kent
      assessment a: A
        bibliography: refs.bib

      source here: A report
        file: sources/here.txt

      Cited [@here].
      //- /refs.bib
      @book{b, title = {B}, year = {2020}}
      //- /sources/here.txt
      text
    `,
      'source-file-missing',
    );
  });
});

describe('path-outside-workspace', () => {
  const fx = kent`
    //- /docs/a.kent
    assessment a: A
      bibliography: ../../refs.bib

    source up: Up and out
      file: ../../x.txt

    source abs: Absolute
      file: /etc/passwd

    source link: A link out
      file: link.txt

    Cited [@up; @abs; @link].
    //- /docs/link.txt (outside)
    never served
  `;
  test('`..` out of the workspace, an absolute path and a link: errors, and nothing outside is read', () => {
    const fw = loadFixture(fx);
    const ds = fw.diagnostics().filter((d) => d.code === 'path-outside-workspace');
    assert.deepEqual(
      ds.map((d) => `${fw.at(d.path, d.span.start)} ${spanText(fw, d)}`),
      ['docs/a.kent:2:17 ../../refs.bib', 'docs/a.kent:5:9 ../../x.txt', 'docs/a.kent:8:9 /etc/passwd', 'docs/a.kent:11:9 link.txt'],
    );
    for (const d of ds) assert.equal(d.severity, 'error');
    mentions(ds[2].message, 'abs', '/etc/passwd');
    mentions(ds[3].message, 'link');
    // A level above (`../../x.txt` from docs/): a folder just above holds both; an absolute path or a link: copy the file in.
    assert.match(ds[1].message, /Make the workspace a folder that holds both \(open that folder in the editor, or `kent check --root FOLDER`\), or copy the file/);
    for (const d of [ds[2], ds[3]]) assert.match(d.message, /Kent does not read it\. Copy the file into the workspace and refer to it there$/);
    // The host was never asked for anything outside the workspace.
    for (const r of fw.host.reads) {
      assert.ok(!r.startsWith('..') && !r.startsWith('/') && !r.includes('etc/passwd') && !r.endsWith('x.txt') && r !== 'refs.bib', `read ${r}`);
    }
    // Nor are they reported as missing files.
    assert.deepEqual(
      fw.diagnostics().filter((d) => d.code === 'source-file-missing'),
      [],
    );
  });

  test('near miss: `..` that stays inside the workspace', () => {
    const fx2 = kent`
      //- /docs/a.kent
      source up: Up, but inside
        file: ../sources/x.txt

      Cited [@up].
      //- /sources/x.txt
      text
    `;
    none(fx2, 'path-outside-workspace');
    const fw = loadFixture(fx2);
    fw.diagnostics();
    assert.ok(fw.host.reads.includes('sources/x.txt'));
  });
});

describe('unused-source', () => {
  test('a source nothing cites', () => {
    const { fw, d } = one(
      kent`
      source orphan: A report nobody cites
        reliability: C
    `,
      'unused-source',
      'a.kent:1',
    );
    assert.equal(d.severity, 'hint');
    assert.equal(spanText(fw, d), 'orphan');
    mentions(d.message, 'orphan');
  });

  test('near miss: cited in prose, in because as a bare ID, as an evidence source, or from another document', () => {
    none(
      kent`
      //- /a.kent
      assessment a: A

      Prose cites [@p1].

      claim C1: x.
        because: p2

      evidence E1: y.
        source: p3

      source p1: P1
      source p2: P2
      source p3: P3
      source p4: P4
      //- /b.kent
      assessment b: B

      claim C1: z [@p4].
    `,
      'unused-source',
    );
  });
});

describe('invalid-config', () => {
  const doc = kent`
    //- /a.kent
    claim C1: Nothing supports this.

    source orphan: Unused
  `;
  test('a name set twice in kent.json (a setting, a rule, a threshold field) is reported at the second', () => {
    const fw = loadFixture(`${doc}
    //- /kent.json
    { "rules": { "unused-source": "off", "unused-source": "error" }, "scale": "phia", "confidence": { "high": { "sources": 1, "sources": 3 } }, "scale": "icd203" }
    `);
    const text = fw.textOf('kent.json');
    const bad = fw.diagnostics().filter((d) => d.code === 'invalid-config');
    assert.deepEqual(
      bad.map((d) => [d.span.start, d.message]),
      [
        [text.lastIndexOf('"unused-source"'), 'kent.json: "rules": "unused-source" is set twice; write it once'],
        [text.lastIndexOf('"sources"'), 'kent.json: "confidence".high: "sources" is set twice; write it once'],
        [text.lastIndexOf('"scale"'), 'kent.json: "scale" is set twice; write it once'],
      ],
    );
  });

  test('a scale, severity or reliability in another case is that value ("PHIA", "Warning", "b"); a severity begun is suggested ("err")', () => {
    const fw = loadFixture(`${doc}
    //- /kent.json
    { "scale": "PHIA", "rules": { "unused-source": "Warning", "unsupported-claim": "err" }, "confidence": { "high": { "reliability": "b" } } }
    `);
    const ds = fw.diagnostics();
    assert.deepEqual(ds.filter((d) => d.code === 'invalid-config').map((d) => d.message), ['kent.json: severity of "unsupported-claim" must be one of error, warning, info, hint, off (did you mean "error"?)']);
    assert.equal(fw.ws.config.scale, 'phia');
    assert.equal(fw.ws.config.confidence.high.reliability, 'B');
    assert.equal(ds.find((d) => d.code === 'unused-source')?.severity, 'warning');
  });

  test('kent.json that is not JSON: reported, and the defaults apply', () => {
    const fx = `${doc}
    //- /kent.json
    rules: unused-source = off
    `;
    const fw = loadFixture(fx);
    const ds = fw.diagnostics();
    const bad = ds.filter((d) => d.code === 'invalid-config');
    assert.ok(bad.length >= 1);
    assert.equal(bad[0].path, 'kent.json');
    mentions(bad[0].message, 'not valid JSON');
    assert.equal(ds.find((d) => d.code === 'unsupported-claim')?.severity, 'warning');
    assert.equal(ds.find((d) => d.code === 'unused-source')?.severity, 'hint');
  });

  test(
    'a kent.json that is not JSON applies none of what could be recovered from it: the defaults apply',
    () => {
      const fx = `${doc}
    //- /kent.json
    { "rules": { "unused-source": "off" ,,
    `;
      const fw = loadFixture(fx);
      const ds = fw.diagnostics();
      mentions(ds.find((d) => d.code === 'invalid-config')!.message, 'the defaults apply');
      assert.equal(ds.find((d) => d.code === 'unused-source')?.severity, 'hint');
    },
  );

  test('a kent.json cut short: one error where it stops, in words, not one per jsonc-parser code', () => {
    const fw = loadFixture(`${doc}
    //- /kent.json
    { "scale": "phia", `);
    // It stops at the end of the file, after the fixture's last line.
    const bad = fw.diagnostics().filter((d) => d.code === 'invalid-config');
    assert.deepEqual(
      bad.map((d) => `${fw.at(d.path, d.span.start)} ${d.severity} ${d.message}`),
      ['kent.json:2:1 error kent.json is not valid JSON: expected a property name; the defaults apply'],
    );
    assert.equal(fw.ws.config.scale, 'icd203');
  });

  test('a bad rule name, a bad severity and a bad scale: each reported with a suggestion; good rules still apply', () => {
    const fx = `${doc}
    //- /kent.json
    {
      "rules": { "unused-sorce": "off", "unsupported-claim": "error", "overconfident": "loud" },
      "scale": "phai"
    }
    `;
    const fw = loadFixture(fx);
    const ds = fw.diagnostics();
    const bad = ds.filter((d) => d.code === 'invalid-config');
    assert.deepEqual(
      bad.map((d) => fw.at(d.path, d.span.start)),
      ['kent.json:2:14', 'kent.json:2:84', 'kent.json:3:12'],
    );
    mentions(bad[0].message, 'unused-sorce', 'unused-source');
    mentions(bad[1].message, 'overconfident');
    mentions(bad[2].message, 'phia');
    assert.equal(ds.find((d) => d.code === 'unsupported-claim')?.severity, 'error');
    assert.equal(ds.find((d) => d.code === 'unused-source')?.severity, 'hint');
    assert.equal(fw.ws.config.scale, 'icd203');
  });

  test('a threshold that is not an object is reported on its value, and that threshold keeps its default', () => {
    for (const value of ['5', '"C"', '[]', 'null', '[{ "sources": 0 }]']) {
      const fw = loadFixture(`${doc}
    //- /kent.json
    { "confidence": { "high": ${value}, "moderate": { "sources": 0 } } }
    `);
      const bad = fw.diagnostics().filter((d) => d.code === 'invalid-config');
      assert.deepEqual(
        bad.map((d) => `${spanText(fw, d)} ${d.severity}`),
        [`${value} error`],
      );
      mentions(bad[0].message, 'confidence.high must be an object');
      assert.deepEqual(fw.ws.config.confidence, { high: { sources: 2, reliability: 'C' }, moderate: { sources: 0, reliability: 'D' } });
    }
    const fw = loadFixture(`${doc}
    //- /kent.json
    { "confidence": { "moderate": null } }
    `);
    assert.deepEqual(
      fw.diagnostics().filter((d) => d.code === 'invalid-config').map((d) => spanText(fw, d)),
      ['null'],
    );
    assert.deepEqual(fw.ws.config.confidence.moderate, { sources: 1, reliability: 'D' });
  });

  test('near miss: a good kent.json, with comments and a trailing comma', () => {
    none(
      `${doc}
    //- /kent.json
    {
      // editors write comments
      "scale": "phia",
      "rules": { "unused-source": "warning", },
    }
    `,
      'invalid-config',
    );
  });

  test('a rule cannot lower invalid-config: "warning" or "info" is itself reported, and every problem stays an error', () => {
    for (const severity of ['warning', 'info']) {
      const fw = loadFixture(`${doc}
    //- /kent.json
    { "rules": { "invalid-config": "${severity}" }, "scale": "icd-203" }
    `);
      const bad = fw.diagnostics().filter((d) => d.code === 'invalid-config');
      assert.deepEqual(
        bad.map((d) => `${spanText(fw, d)} ${d.severity}`),
        [`"${severity}" error`, '"icd-203" error'],
      );
      mentions(bad[0].message, '"invalid-config" can only be turned "off"');
    }
  });

  test('nor can the editor settings: the setting is left out, and kent.json problems stay errors', () => {
    const { settings, problems } = editorSettings({ rules: { 'invalid-config': 'hint' } });
    assert.equal(settings.rules['invalid-config'], undefined);
    assert.equal(problems.length, 1);
    mentions(problems[0], 'Kent settings', '"invalid-config" can only be turned "off"');
    // Settings laid over the defaults unchecked (as another caller might) do not lower it either.
    const fw = loadFixture(`${doc}
    //- /kent.json
    { "scale": "icd-203" }
    `);
    fw.ws.loadConfig({ rules: { 'invalid-config': 'hint' } });
    assert.deepEqual(
      fw.diagnostics().filter((d) => d.code === 'invalid-config').map((d) => d.severity),
      ['error'],
    );
  });

  test('invalid-config itself can be turned off', () => {
    none(
      `${doc}
    //- /kent.json
    { "rules": { "invalid-config": "off", "nope": "error" } }
    `,
      'invalid-config',
    );
  });
});

// ---------------------------------------------------------------------------
// Configuration, suppression, scales

describe('kent.json rules', () => {
  const doc = kent`
    //- /a.kent
    claim C1: Something.
      confidence: moderate
      because: @anon

    source anon: An anonymous blog

    source orphan: Unused
  `;
  test('defaults: overconfident is a warning, unused-source a hint', () => {
    const fw = loadFixture(doc);
    const sev = (c: Code) => fw.diagnostics().find((d) => d.code === c)?.severity;
    assert.equal(sev('overconfident'), 'warning');
    assert.equal(sev('unused-source'), 'hint');
  });
  test('a rule changes a severity and `off` turns a code off', () => {
    const fw = loadFixture(`${doc}
    //- /kent.json
    { "rules": { "overconfident": "error", "unused-source": "off" } }
    `);
    const ds = fw.diagnostics();
    assert.equal(ds.find((d) => d.code === 'overconfident')?.severity, 'error');
    assert.equal(ds.some((d) => d.code === 'unused-source'), false);
  });
});

describe('kent-ignore', () => {
  test('on the line before a block, silences those codes for that block only', () => {
    const fx = kent`
      // kent-ignore unsupported-claim, vague-estimate: background facts
      claim Capital: The capital could be Strelsau.

      claim Other: Another unsupported claim.
    `;
    assert.deepEqual(codes(fx), ['a.kent:4 unsupported-claim']);
  });

  test('right after the block above, with no blank line between, silences the block below and not the one above', () => {
    const fx = kent`
      claim C1: The port could close.
        because: @s1
      // kent-ignore vague-estimate: the hedge is the source's own
      claim C2: The port may reopen.
        because: @s1
      ${SOURCES}
    `;
    assert.deepEqual(linesOf(fx, 'vague-estimate'), ['a.kent:1 vague-estimate']);
  });

  test('kent-ignore-file silences a code for the whole document, and only that document', () => {
    const fx = kent`
      //- /a.kent
      // kent-ignore-file unsupported-claim: a glossary of background facts
      assessment a: A

      claim C1: One.

      claim C2: Two.
      //- /b.kent
      assessment b: B

      claim C3: Three.
    `;
    assert.deepEqual(linesOf(fx, 'unsupported-claim'), ['b.kent:3 unsupported-claim']);
  });

  test('near miss: a blank line between the comment and the block ends it; a wrong code silences nothing and is reported', () => {
    const fx = kent`
      // kent-ignore unsupported-claim: too far away

      claim C1: One.

      // kent-ignore unsuported-claim: misspelt
      claim C2: Two.
    `;
    assert.deepEqual(linesOf(fx, 'unsupported-claim'), ['a.kent:3 unsupported-claim', 'a.kent:6 unsupported-claim']);
    const { d } = one(fx, 'invalid-value', 'a.kent:5');
    mentions(d.message, 'unsuported-claim', 'unsupported-claim');
    // On the first line, after a byte-order mark, as the parser reads it there too.
    const ws = new Workspace(new MemoryHost());
    const doc = ws.setDocument('bom.kent', '\uFEFF// kent-ignore vague-e: x\nclaim C1: One [@s].\n\nsource s: S\n  reliability: B\n');
    assert.deepEqual(checkDocument(ws, doc).filter((x) => x.code === 'invalid-value').map((x) => x.message), ['kent-ignore: no diagnostic code "vague-e"; this comment silences nothing']);
  });

  test('a code no check has is said wherever the parser reads the comment: after any white space it allows (a no-break space, a tab)', () => {
    // The parser reads these lines as kent-ignore comments naming the codes, so each silences nothing.
    const ws = new Workspace(new MemoryHost());
    const text = 'assessment a: A\n\n\u00A0// kent-ignore vague-e: x\nclaim C1: One.\n\n//\u2003kent-ignore unsuported-claim: y\nclaim C2: Two.\n\n\u3000\t// kent-ignore-file nope: z\n';
    const doc = ws.setDocument('nbsp.kent', text);
    assert.deepEqual(doc.ignoreComments.flatMap((c) => c.codes.map((x) => x.code)), ['vague-e', 'unsuported-claim', 'nope']);
    const said = checkDocument(ws, doc).filter((x) => x.code === 'invalid-value').map((x) => `${text.slice(x.span.start, x.span.end)}: ${x.message}`);
    assert.deepEqual(said, [
      'vague-e: kent-ignore: no diagnostic code "vague-e"; this comment silences nothing',
      'unsuported-claim: kent-ignore: no diagnostic code "unsuported-claim" (did you mean `unsupported-claim`?); this comment silences nothing',
      'nope: kent-ignore: no diagnostic code "nope"; this comment silences nothing',
    ]);
  });
});

describe('unindented-attribute', () => {
  test('a known name at column 0 right under a block: prose that ends it, said on the name, the block left without it', () => {
    const fx = kent`
      judgment KJ1: Russia would avoid war [@s1].
        confidence: moderate
      likelihood: likely
      ${SOURCES}
    `;
    const { fw, d } = one(fx, 'unindented-attribute', 'a.kent:3');
    assert.equal(spanText(fw, d), 'likelihood');
    assert.equal(d.severity, 'warning');
    assert.equal(d.message, '`likelihood:` at the start of the line is prose and ends judgment KJ1; indent it to make it an attribute');
    // The line is still prose (language brief §1.1): the judgment has no likelihood.
    assert.deepEqual(linesOf(fx, 'missing-likelihood'), ['a.kent:1 missing-likelihood']);
    assert.equal(fw.ws.getDocument('a.kent')!.prose[0].text, 'likelihood: likely');
  });

  test('the fix indents it, and the name: lines at column 0 after it, as the block indents its attributes', () => {
    const fx = kent`
      judgment KJ1: Russia would avoid war [@s1].
          confidence: moderate
      likelihood: likely
      because: @s2
      ${SOURCES}
    `;
    const { fw, d } = one(fx, 'unindented-attribute', 'a.kent:3');
    assert.equal(d.fixes?.length, 1);
    const fix = d.fixes![0];
    assert.ok(fix.kind === 'replace');
    assert.equal(fix.title, 'Indent these 2 lines as attributes of KJ1');
    const text = fw.textOf('a.kent');
    fw.ws.setDocument('a.kent', text.slice(0, fix.span.start) + fix.text + text.slice(fix.span.end));
    assert.ok(fw.textOf('a.kent').startsWith('judgment KJ1: Russia would avoid war [@s1].\n    confidence: moderate\n    likelihood: likely\n    because: @s2\n'));
    assert.deepEqual(fw.diagnostics().map((x) => x.code), []);
  });

  test('a name the block already has: no fix that indents it into "given twice"; the same value is offered removal', () => {
    const same = kent`
      judgment KJ1: Russia would avoid war [@s1].
        likelihood: likely
        confidence: moderate
      likelihood: likely
      ${SOURCES}
    `;
    const { fw, d } = one(same, 'unindented-attribute', 'a.kent:4');
    assert.equal(d.message, '`likelihood:` at the start of the line is prose and ends judgment KJ1, which already has `likelihood:` with this value: remove this line');
    assert.deepEqual(d.fixes?.map((f) => f.title), ['Remove this line (KJ1 already has `likelihood: likely`)']);
    const fix = d.fixes![0];
    assert.ok(fix.kind === 'replace');
    const text = fw.textOf('a.kent');
    fw.ws.setDocument('a.kent', text.slice(0, fix.span.start) + fix.text + text.slice(fix.span.end));
    assert.deepEqual(fw.diagnostics().map((x) => x.code), ['unused-source']);
    assert.ok(fw.textOf('a.kent').startsWith('judgment KJ1: Russia would avoid war [@s1].\n  likelihood: likely\n  confidence: moderate\n'), fw.textOf('a.kent'));
    // Another value: which one holds is the analyst's call; no fix.
    const other = one(
      kent`
      judgment KJ1: Russia would avoid war [@s1].
        likelihood: likely
        confidence: moderate
      likelihood: unlikely
      ${SOURCES}
    `,
      'unindented-attribute',
      'a.kent:4',
    ).d;
    assert.equal(other.message, '`likelihood:` at the start of the line is prose and ends judgment KJ1, which already has `likelihood:`: indented, it would be given twice; keep one of them');
    assert.deepEqual(other.fixes ?? [], []);
    // Two lines of one name under a block without it.
    const two = one(
      kent`
      judgment KJ1: Russia would avoid war [@s1].
        confidence: moderate
      likelihood: likely
      likelihood: unlikely
      ${SOURCES}
    `,
      'unindented-attribute',
      'a.kent:3',
    ).d;
    assert.equal(two.message, '`likelihood:` at the start of the line is prose and ends judgment KJ1, which would then have two `likelihood:`');
    assert.deepEqual(two.fixes ?? [], []);
  });

  test('several lines, one of them a name the block already has: each fix leaves the text right, and the lines not given twice end up indented', () => {
    // The same value first: removed alone, then the line after it is offered its indent. Another
    // name first: indented alone, the line the block has is then offered removal. CRLF kept.
    for (const [lines, fixes] of [
      [['likelihood: likely', 'confidence: moderate'], ['Remove this line (KJ1 already has `likelihood: likely`)', 'Indent as an attribute of KJ1']],
      [['confidence: moderate', 'likelihood: likely'], ['Indent as an attribute of KJ1', 'Remove this line (KJ1 already has `likelihood: likely`)']],
      [['confidence: moderate', 'because: @s2', 'likelihood: likely'], ['Indent these 2 lines as attributes of KJ1', 'Remove this line (KJ1 already has `likelihood: likely`)']],
    ] as const) {
      const ws = new Workspace({ readFile: () => ({ ok: false, reason: 'missing' }) });
      let text = ['judgment KJ1: Russia would avoid war [@s1].', '  likelihood: likely', ...lines, '', 'source s1: S1', '  reliability: B', '', 'source s2: S2', '  reliability: B', ''].join('\r\n');
      const titles: string[] = [];
      for (let d = first(ws, text); d; d = first(ws, text)) {
        assert.equal(d.fixes?.length, 1, d.message);
        const fix = d.fixes![0];
        assert.ok(fix.kind === 'replace');
        titles.push(fix.title);
        text = text.slice(0, fix.span.start) + fix.text + text.slice(fix.span.end);
      }
      assert.deepEqual(titles, fixes);
      assert.ok(text.startsWith(['judgment KJ1: Russia would avoid war [@s1].', '  likelihood: likely', ...lines.filter((l) => !l.startsWith('likelihood')).map((l) => `  ${l}`), '', 'source s1'].join('\r\n')), JSON.stringify(text));
    }
    function first(ws: Workspace, text: string) {
      return checkDocument(ws, ws.setDocument('a.kent', text)).find((x) => x.code === 'unindented-attribute');
    }
  });

  test('source: at column 0 under evidence without a source is its attribute unindented, not a source block missing its ID', () => {
    const fx = kent`
      evidence E1: A survey says so.
      source: s1
      locator: p. 3
      ${SOURCES}
    `;
    const { fw, d } = one(fx, 'unindented-attribute', 'a.kent:2');
    assert.equal(spanText(fw, d), 'source');
    assert.equal(d.message, '`source:` at the start of the line is prose and ends evidence E1; indent it to make it an attribute');
    assert.equal(d.fixes?.[0].title, 'Indent these 2 lines as attributes of E1');
    assert.deepEqual(linesOf(fx, 'syntax'), []);
    // Under evidence that has its source, `source:` stays what it was: a source block with its ID left out.
    const { ds } = find(
      kent`
      evidence E1: A survey says so.
        source: s1
      source: s2
      ${SOURCES}
    `,
      'syntax',
    );
    assert.deepEqual(
      ds.map((x) => x.message),
      ['block header: expected an ID; found ":" (expected `KEYWORD ID: statement`)'],
    );
  });

  test('near miss: such a word after a blank line, capitalised, or a name Kent does not know is prose as usual', () => {
    none(
      kent`
      Source: Reuters, 4 May.

      claim C1: Russia would avoid war [@s1].
        confidence: moderate

      likelihood: a paragraph after a blank line is prose

      claim C2: Russia would avoid war [@s2].
      Source: Reuters, as prose that ends the claim.

      claim C3: Russia would avoid war [@s2].
      note: prose too, not an attribute name
      ${SOURCES}
    `,
      'unindented-attribute',
    );
  });
});

describe('unused-ignore', () => {
  test('`// KENT-IGNORE` in another case is not read: said as silencing nothing, with the lowercase as its fix', () => {
    const fx = kent`
      // KENT-IGNORE unsupported-claim: known gap
      claim C1: Ruritania reopened two border crossings.

      // Kent-Ignore-File unused-source
      // Kentucky is no suppression, nor is kent alone.
      // KENT-IGNORED in passing, nor KENT-IGNORE-FILES.
    `;
    const { fw, ds } = find(fx, 'unused-ignore');
    assert.deepEqual(
      ds.map((d) => `${fw.at(d.path, d.span.start)} ${spanText(fw, d)} | ${d.message}`),
      [
        'a.kent:1:4 KENT-IGNORE | `KENT-IGNORE` is not read, so it silences nothing: Kent reads `kent-ignore` in lowercase',
        'a.kent:4:4 Kent-Ignore-File | `Kent-Ignore-File` is not read, so it silences nothing: Kent reads `kent-ignore-file` in lowercase',
      ],
    );
    assert.deepEqual(linesOf(fx, 'unsupported-claim'), ['a.kent:2 unsupported-claim']);
    // The fix makes it a suppression: the claim's warning goes.
    const fix = ds[0].fixes![0];
    assert.ok(fix.kind === 'replace');
    const text = fw.textOf('a.kent');
    fw.ws.setDocument('a.kent', text.slice(0, fix.span.start) + fix.text + text.slice(fix.span.end));
    assert.deepEqual(fw.diagnostics().filter((d) => d.code === 'unsupported-claim'), []);
  });

  test('a comment whose first word only begins like `KENT-IGNORE` is prose; `kent-ignore-FILE` is miscased too', () => {
    const fx = kent`
      // Kent-Ignored this for now: the claim is grounded below.
      // KENT-IGNORED
      // KENT-IGNORE_X is no suppression
      // Kent-Ignore-Files are kept elsewhere.
      // kent-ignore-FILE unsupported-claim: known gap
      claim C1: Ruritania reopened two border crossings.
    `;
    const { fw, ds } = find(fx, 'unused-ignore');
    assert.deepEqual(
      ds.map((d) => `${fw.at(d.path, d.span.start)} ${spanText(fw, d)} → ${d.fixes?.[0]?.kind === 'replace' ? d.fixes[0].text : ''}`),
      ['a.kent:5:4 kent-ignore-FILE → kent-ignore-file'],
    );
    // Read as a miscased name, not as a block's kent-ignore with a code "-FILE unsupported-claim".
    assert.deepEqual(linesOf(fx, 'invalid-value'), []);
  });

  /** `line:col message` of each unused-ignore, with the text it covers. */
  const told = (fx: string) => {
    const { fw, ds } = find(fx, 'unused-ignore');
    return ds.map((d) => `${fw.at(d.path, d.span.start)} [${spanText(fw, d)}] ${d.message}`);
  };
  /** The fixture's a.kent after the unused-ignore's fix is applied. */
  const fixed = (fx: string) => {
    const { fw, ds } = find(fx, 'unused-ignore');
    const fix = ds[0].fixes?.[0];
    assert.ok(fix && fix.kind === 'replace', 'a fix that replaces text');
    const text = fw.textOf('a.kent');
    return text.slice(0, fix.span.start) + fix.text + text.slice(fix.span.end);
  };

  test('a kent-ignore cut off by a blank line applies to no block: said on its codes, with a fix removing the blank lines', () => {
    const fx = kent`
      // kent-ignore unsupported-claim, vague-estimate: background
      // a second note

      claim C1: The port could close.
    `;
    assert.deepEqual(told(fx), ['a.kent:1:16 [unsupported-claim, vague-estimate] kent-ignore applies to no block: the blank line between it and claim C1 cancels it; remove the blank line (or the comment)']);
    assert.deepEqual(find(fx, 'unused-ignore').ds[0].fixes?.[0].title, 'Remove the blank line between this comment and C1');
    const after = fixed(fx);
    assert.equal(after, '// kent-ignore unsupported-claim, vague-estimate: background\n// a second note\nclaim C1: The port could close.\n');
    assert.deepEqual(codes(after), []);
  });

  test('followed by prose, a heading or the end of the file: told why, no fix; prose or a heading between cancels it', () => {
    const fx = kent`
      // kent-ignore unsupported-claim: r
      Some prose.
      claim C1: One.

      // kent-ignore unsupported-claim: r
      # Heading
      claim C2: Two.

      // kent-ignore unsupported-claim: r
    `;
    assert.deepEqual(told(fx), [
      'a.kent:1:16 [unsupported-claim] kent-ignore applies to no block: a line of prose comes after it, before any block; put it on the line just before the header of the block it is for, or remove it',
      'a.kent:5:16 [unsupported-claim] kent-ignore applies to no block: a heading comes after it, before any block; put it on the line just before the header of the block it is for, or remove it',
      'a.kent:9:16 [unsupported-claim] kent-ignore applies to no block: nothing follows it in the file; put it on the line just before the header of the block it is for, or remove it',
    ]);
    assert.deepEqual(linesOf(fx, 'unsupported-claim'), ['a.kent:3 unsupported-claim', 'a.kent:7 unsupported-claim']);
    assert.ok(find(fx, 'unused-ignore').ds.every((d) => !d.fixes?.length));
  });

  test('between the lines of a block, a kent-ignore (or kent-ignore-file) silences nothing and says so', () => {
    const fx = kent`
      claim C1: The port could close.
        // kent-ignore vague-estimate: r
        // kent-ignore-file unused-source: r
        because: @s1
      ${SOURCES}
    `;
    assert.deepEqual(told(fx), [
      "a.kent:2:18 [vague-estimate] kent-ignore inside a block silences nothing: move it to the line just before the block's header",
      'a.kent:3:23 [unused-source] kent-ignore-file inside a block silences nothing: move it outside any block (by convention, to the first line)',
    ]);
    assert.deepEqual(linesOf(fx, 'vague-estimate'), ['a.kent:1 vague-estimate']);
  });

  test('a code that silenced nothing in its block is told on that code, with a fix removing it (or the comment, when it is the only one)', () => {
    const fx = kent`
      // kent-ignore vague-estimate, unsupported-claim: background
      claim C1: The port is closed.
    `;
    assert.deepEqual(told(fx), ['a.kent:1:16 [vague-estimate] kent-ignore vague-estimate: claim C1 has no `vague-estimate` diagnostic to silence; remove it from the comment']);
    assert.equal(fixed(fx), '// kent-ignore unsupported-claim: background\nclaim C1: The port is closed.\n');
    const alone = kent`
      // kent-ignore vague-estimate: background
      claim C1: The port is closed.
        because: @s1
      ${SOURCES}
    `;
    assert.deepEqual(find(alone, 'unused-ignore').ds[0].fixes?.[0].title, 'Remove this kent-ignore comment');
    assert.equal(fixed(alone).split('\n')[0], 'claim C1: The port is closed.');
  });

  test('a kent-ignore-file code that silenced nothing in the document', () => {
    const fx = kent`
      // kent-ignore-file syntax, unsupported-claim: a glossary
      claim C1: One.
    `;
    assert.deepEqual(told(fx), ['a.kent:1:21 [syntax] kent-ignore-file syntax: this document has no `syntax` diagnostic to silence; remove it from the comment']);
    assert.equal(fixed(fx), '// kent-ignore-file unsupported-claim: a glossary\nclaim C1: One.\n');
  });

  test('near miss: a code turned off in kent.json, and codes that may stand on other documents or files, are not judged', () => {
    const fx = kent`
      //- /a.kent
      // kent-ignore vague-estimate, possible-contradiction, unresolved-reference, overconfident, quote-not-found, unused-source: r
      claim C1: The port is closed.
        because: @s1
      ${SOURCES}
      //- /kent.json
      { "rules": { "vague-estimate": "off" } }
    `;
    assert.deepEqual(told(fx), []);
  });

  test('"unused-ignore": "off" in kent.json turns it off; a kent-ignore of it keeps its block quiet, and is told when there is nothing to keep quiet', () => {
    const stale = `// kent-ignore vague-estimate, syntax: r\nclaim C1: The port is closed.\n  because: @s1\n${SOURCES}`;
    assert.deepEqual(told(`//- /a.kent\n${stale}//- /kent.json\n{ "rules": { "unused-ignore": "off" } }\n`), []);
    assert.deepEqual(told(stale.replace('syntax', 'unused-ignore')), []);
    assert.deepEqual(told(`// kent-ignore-file unused-ignore: r\n\n${stale}`), []);
    assert.deepEqual(told(`// kent-ignore unused-ignore: r\nclaim C1: The port is closed.\n  because: @s1\n${SOURCES}`), [
      'a.kent:1:16 [unused-ignore] kent-ignore unused-ignore: claim C1 has no stale `kent-ignore` code for it to keep quiet; remove it from the comment',
    ]);
  });
});

describe('scales', () => {
  const doc = kent`
    //- /a.kent
    claim C1: Russia will probably intervene.
      likelihood: 78%
      because: @s1
    ${SOURCES}
  `;
  test('icd203 (default): "probably" is 55–80%, so 78% agrees', () => {
    none(doc, 'estimative-mismatch');
  });
  test('phia: "probably" is 55–75%, so 78% disagrees', () => {
    const fx = `${doc}
    //- /kent.json
    { "scale": "phia" }
    `;
    const { d } = one(fx, 'estimative-mismatch', 'a.kent:1');
    mentions(d.message, '55–75%');
  });
  test('phia: its own terms are valid likelihoods; ICD-only terms are not', () => {
    const fx = kent`
      //- /a.kent
      claim C1: x.
        likelihood: realistic possibility
        because: @s1

      claim C2: y.
        likelihood: roughly even chance
        because: @s1
      ${SOURCES}
      //- /kent.json
      { "scale": "phia" }
    `;
    assert.deepEqual(linesOf(fx, 'invalid-value'), ['a.kent:6 invalid-value']);
    const icd = fx.replace('{ "scale": "phia" }', '{}');
    assert.deepEqual(linesOf(icd, 'invalid-value'), ['a.kent:2 invalid-value']);
  });
  test('vague-estimate offers a term of the scale in use: following its example gives no invalid-value', () => {
    for (const [scale, example] of [['icd203', 'roughly even chance'], ['phia', 'realistic possibility']]) {
      const fx = kent`
        //- /a.kent
        claim C1: Talks could fail.
          because: @s1
        ${SOURCES}
        //- /kent.json
        { "scale": "${scale}" }
      `;
      const { d } = one(fx, 'vague-estimate', 'a.kent:1');
      mentions(d.message, `likelihood: ${example}`);
      const followed = fx.replace('because: @s1', `likelihood: ${example}\n          because: @s1`);
      assert.deepEqual(linesOf(followed, 'invalid-value'), [], scale);
      assert.deepEqual(linesOf(followed, 'vague-estimate'), [], scale);
    }
  });
  test('phia changes what likely means for contradictions: 76% same-as likely', () => {
    const fx = kent`
      //- /a.kent
      claim C1: x.
        likelihood: 76%
        same-as: C2
        because: @s1

      claim C2: x.
        likelihood: likely
        because: @s1
      ${SOURCES}
    `;
    assert.deepEqual(linesOf(fx, 'inconsistent-estimate'), []);
    assert.deepEqual(linesOf(`${fx}\n      //- /kent.json\n      { "scale": "phia" }`, 'inconsistent-estimate'), ['a.kent:3 inconsistent-estimate', 'a.kent:6 inconsistent-estimate']);
  });
});

describe('bibliographies', () => {
  const bibDoc = (bib: string, name = 'refs.bib') => kent`
    //- /a.kent
    assessment a: A
      bibliography: ${name}

    claim C1: Something.
      confidence: high
      because: @smith-2020, @jones-2021
    //- /${name}
    ${bib}
  `;
  test('BibTeX entries resolve @keys and carry reliability and origin', () => {
    const bib = kent`
    @book{smith-2020,
      author = {Smith, Jane},
      title = {A Book},
      year = {2020},
      reliability = {B},
      origin = {smith}
    }
    @article{jones-2021,
      author = {Jones, Bob},
      title = {An Article},
      year = {2021},
      reliability = {A}
    }`;
    assert.deepEqual(codes(bibDoc(bib)), []);
    // The same origin: not independent.
    const same = bib.replace('reliability = {A}', 'reliability = {A},\n      origin = {smith}');
    const { d } = one(bibDoc(same), 'overconfident', 'a.kent:5');
    mentions(d.message, 'origin smith');
    // An unrated entry counts as F.
    const unrated = bib.replace('reliability = {A}', 'note = {no rating}');
    one(bibDoc(unrated), 'overconfident', 'a.kent:5');
  });

  test('CSL-JSON entries resolve @keys and carry reliability', () => {
    const csl = JSON.stringify([
      { id: 'smith-2020', type: 'book', title: 'A Book', reliability: 'B', origin: 'smith' },
      { id: 'jones-2021', type: 'article', title: 'An Article', reliability: 'C' },
    ]);
    assert.deepEqual(codes(bibDoc(csl, 'refs.json')), []);
    const low = csl.replace('"C"', '"E"');
    one(bibDoc(low, 'refs.json'), 'overconfident', 'a.kent:5');
  });

  test('near miss: a key in no bibliography is unresolved', () => {
    const fx = bibDoc('@book{smith-2020, title = {A Book}, year = {2020}, reliability = {B}}');
    assert.deepEqual(linesOf(fx, 'unresolved-reference'), ['a.kent:6 unresolved-reference']);
  });
});

describe('cross-document diagnostics', () => {
  test('a contradiction declared in one document is reported in both, each with a related location in the other', () => {
    const fx = kent`
      //- /nie-1998.kent
      assessment nie-1998: An old estimate

      judgment KJ1: Russia will intervene.
        likelihood: very likely
        confidence: low
        because: @s1
      ${SOURCES}
      //- /new.kent
      assessment new: A new estimate

      judgment KJ1: Russia will not intervene.
        likelihood: likely
        confidence: low
        negates: nie-1998/KJ1
        because: @s1
    `;
    const fw = loadFixture(fx);
    const ds = fw.diagnostics().filter((d) => d.code === 'contradiction' || d.code === 'inconsistent-estimate');
    assert.deepEqual(
      ds.map((d) => `${d.path} ${d.code}`).sort(),
      ['new.kent contradiction', 'nie-1998.kent contradiction'],
    );
    for (const d of ds) {
      assert.equal(d.related?.length, 1);
      assert.notEqual(d.related![0].path, d.path);
    }
  });

  test('editing one document changes the diagnostics of the other', () => {
    const fw = loadFixture(kent`
      //- /a.kent
      assessment a: A

      claim X: Borduria will join.
        likelihood: likely
        same-as: b/Y
        because: @s1
      ${SOURCES}
      //- /b.kent
      assessment b: B

      claim Y: Borduria will join.
        likelihood: likely
        because: @s1
    `);
    assert.equal(fw.diagnostics().filter((d) => d.code === 'contradiction').length, 0);
    const b = fw.ws.getDocument('b.kent')!;
    fw.ws.setDocument('b.kent', b.text.replace('likelihood: likely', 'likelihood: unlikely'));
    const after = [...new Map([...fw.ws.documents()].map((d) => [d.path, d])).keys()];
    assert.deepEqual(after.sort(), ['a.kent', 'b.kent']);
    const ds = fw.diagnostics().filter((d) => d.code === 'contradiction');
    assert.deepEqual(ds.map((d) => d.path).sort(), ['a.kent', 'b.kent']);
  });
});

describe('editing one document re-checks the others', () => {
  const fixture = kent`
    //- /a.kent
    assessment a: A

    claim C1: Top.
      because: b/C2
    //- /b.kent
    assessment b: B

    claim C2: Bottom.
      because: @s

    source s: S
      reliability: B
  `;
  const lines = (fw: FixtureWorkspace) => fw.diagnostics().map((d) => `${fw.at(d.path, d.span.start).replace(/:\d+$/, '')} ${d.code}`);

  test('support removed in b makes a/C1 ungrounded; restored, it is grounded again', () => {
    const fw = loadFixture(fixture);
    assert.deepEqual(lines(fw), []);
    const b = fw.ws.getDocument('b.kent')!.text;
    fw.ws.setDocument('b.kent', b.replace('  because: @s\n', '  because: C3\n\nassumption C3: Assumed.\n'));
    assert.deepEqual(lines(fw), ['a.kent:3 ungrounded-claim', 'b.kent:3 ungrounded-claim', 'b.kent:8 unused-source']);
    fw.ws.setDocument('b.kent', b);
    assert.deepEqual(lines(fw), []);
  });

  test('renaming an assessment leaves the references to it unresolved; a cycle appears when b points back', () => {
    const fw = loadFixture(fixture);
    const b = fw.ws.getDocument('b.kent')!.text;
    fw.ws.setDocument('b.kent', b.replace('assessment b: B', 'assessment c: C'));
    assert.deepEqual(lines(fw), ['a.kent:4 unresolved-reference']);
    fw.ws.setDocument('b.kent', b.replace('because: @s', 'because: @s, a/C1'));
    assert.deepEqual(lines(fw), ['a.kent:4 circular-support', 'b.kent:4 circular-support']);
  });
});

describe('changes to files that are not documents', () => {
  test('a source file changed on disk: quote-not-found follows it after fileChanged', () => {
    const fw = loadFixture(kent`
      //- /a.kent
      evidence E1: x
        source: rep
        quote: "the talks ended"

      source rep: R
        file: rep.txt
      //- /rep.txt
      The talks went on.
    `);
    const quoteLines = () => fw.diagnostics().filter((d) => d.code === 'quote-not-found').map((d) => fw.at(d.path, d.span.start));
    assert.deepEqual(quoteLines(), ['a.kent:3:10']);
    fw.host.files.set('rep.txt', 'Then the talks ended.');
    fw.ws.fileChanged('rep.txt');
    assert.deepEqual(quoteLines(), []);
    fw.host.files.delete('rep.txt');
    fw.ws.fileChanged('rep.txt');
    assert.deepEqual(
      fw.diagnostics().map((d) => d.code),
      ['source-file-missing'],
    );
  });

  test('a folder moved on disk (its event names the folder, not its files): what was read in it, or missed, is read again', () => {
    const fw = loadFixture(kent`
      //- /a.kent
      evidence E1: x
        source: rep
        quote: "the talks ended"

      source rep: R
        file: library/rep.txt
      //- /sources/rep.txt
      Then the talks ended.
    `);
    // The path was rewritten before the folder moved: the file is not there yet.
    const codes = () => fw.diagnostics().map((d) => d.code);
    assert.deepEqual(codes(), ['source-file-missing']);
    fw.host.files.set('library/rep.txt', fw.host.files.get('sources/rep.txt')!);
    fw.host.files.delete('sources/rep.txt');
    fw.ws.fileChanged('sources');
    fw.ws.fileChanged('library');
    assert.deepEqual(codes(), []);
  });

  test('kent.json changed: loadConfig applies the new rules to every document', () => {
    const fw = loadFixture(kent`
      //- /a.kent
      claim C1: x.
      //- /b.kent
      claim C2: y.
    `);
    const sev = () => fw.diagnostics().map((d) => `${d.path} ${d.code} ${d.severity}`);
    assert.deepEqual(sev(), ['a.kent unsupported-claim warning', 'b.kent unsupported-claim warning']);
    fw.host.files.set('kent.json', '{ "rules": { "unsupported-claim": "error" } }');
    fw.ws.loadConfig();
    assert.deepEqual(sev(), ['a.kent unsupported-claim error', 'b.kent unsupported-claim error']);
    fw.host.files.set('kent.json', '{ "rules": { "unsupported-claim": "off" } }');
    fw.ws.loadConfig();
    assert.deepEqual(sev(), []);
  });

  test('a bibliography changed on disk: a key it gains resolves after fileChanged', () => {
    const fw = loadFixture(kent`
      //- /a.kent
      assessment a: A
        bibliography: refs.bib

      claim C1: x [@later].
      //- /refs.bib
      @book{early, title = {E}, year = {2020}}
    `);
    const codesNow = () => fw.diagnostics().map((d) => d.code);
    assert.deepEqual(codesNow(), ['unresolved-reference']);
    fw.host.files.set('refs.bib', '@book{later, title = {L}, year = {2021}}');
    fw.ws.fileChanged('refs.bib');
    assert.deepEqual(codesNow(), []);
  });
});

describe('line endings', () => {
  test('the tour sample with CRLF line endings and a BOM has the same diagnostics, at the same lines, as with LF', async () => {
    const fs = await import('node:fs');
    const dir = new URL('../samples/tour/', import.meta.url);
    const names = ['tour.kent', 'other.kent', 'dup.kent', 'bad.bib', 'kent.json', 'sources/excerpt.txt'].filter((n) => fs.existsSync(new URL(n, dir)));
    const fixture = (flags: string) =>
      names.map((n) => `//- /${n}${n.endsWith('.kent') && flags ? ` (${flags})` : ''}\n${fs.readFileSync(new URL(n, dir), 'utf8')}`).join('\n');
    const lf = loadFixture(fixture(''));
    const crlf = loadFixture(fixture('crlf, bom'));
    assert.ok(crlf.ws.documents().every((d) => d.text.includes('\r\n') && d.text.startsWith('\uFEFF')));
    const show = (fw: FixtureWorkspace) => fw.diagnostics().map((d) => `${fw.at(d.path, d.span.start).replace(/:\d+$/, '')} ${d.code} ${JSON.stringify(spanText(fw, d))}`);
    const a = show(lf);
    assert.ok(a.length > 20);
    // A BOM shifts columns of the first line only; compare line, code and the text under each span.
    assert.deepEqual(show(crlf), a);
  });

  test('quote-not-found: a CRLF source file still matches a quote across its line break', () => {
    none(
      kent`
      //- /a.kent
      evidence E1: x
        source: rep
        quote: "ready for it, he said"

      source rep: R
        file: rep.txt
      //- /rep.txt (crlf)
      Neither is ready for it,
      he said.
    `,
      'quote-not-found',
    );
  });
});

describe('harness', () => {
  test('files, flags, dedent and the $0 cursor', async () => {
    const { parseFixture } = await import('./harness');
    const f = parseFixture(`
      //- /a.kent
      claim C1: x$0y
        because: @s
      //- /dir/b.txt (outside)
      text
    `);
    assert.deepEqual(
      f.files.map((x) => [x.path, x.text, [...x.flags]]),
      [
        ['a.kent', 'claim C1: xy\n  because: @s\n', []],
        ['dir/b.txt', 'text\n', ['outside']],
      ],
    );
    assert.deepEqual(f.cursor, { path: 'a.kent', offset: 11 });
    assert.deepEqual(parseFixture('claim C1: x').files[0].path, 'a.kent');
    assert.throws(() => parseFixture('a$0b$0'));
  });

  test('the host logs every read', () => {
    const fw = loadFixture(`
      //- /a.kent
      source s: S
        file: x.txt

      Cited [@s].
      //- /x.txt
      text
    `);
    fw.diagnostics();
    assert.deepEqual([...new Set(fw.host.reads)].sort(), ['kent.json', 'x.txt']);
  });
});

describe('coverage', () => {
  test('every code of CODES has a describe block in this file', async () => {
    const fs = await import('node:fs');
    const self = fs.readFileSync(new URL(import.meta.url), 'utf8');
    for (const code of CODES) assert.ok(self.includes(`describe('${code}'`), `no tests for ${code}`);
  });
});

describe('half-typed states an analyst passes through', () => {
  const check = (text: string) => {
    const ws = new Workspace({ readFile: () => ({ ok: false, reason: 'missing' }) });
    const doc = ws.setDocument('a.kent', text);
    return checkDocument(ws, doc).map((d) => `${d.code}: ${d.message}`);
  };
  test('`date:` just typed is one syntax error that says a date is expected, not an invalid-value too', () => {
    for (const value of ['', ' ']) {
      const ds = check(`assessment a: A\n  date:${value}\n`);
      assert.deepEqual(ds, ['syntax: `date` has no value; expected a date `YYYY`, `YYYY-MM` or `YYYY-MM-DD`']);
    }
    assert.deepEqual(check('assessment a: A\n  status:\n'), ['syntax: `status` has no value; expected `draft` or `final`']);
  });
  test('typing the next attribute under `reliability: C` does not put the half-typed line into another block\'s overconfident message', () => {
    const ds = check('assessment a: A\n\nclaim C1: Tonnage is the constraint.\n  because: @s\n  confidence: high\n\nsource s: S\n  reliability: C\n  fi\n');
    const over = ds.filter((d) => d.startsWith('overconfident'));
    assert.deepEqual(over, ['overconfident: claim C1 has `confidence: high`, which needs 2 independent sources rated C or better; its support reaches s (unrated)']);
  });
  test('the next attribute half-typed under `confidence: moderate` is said to be read into that value, on one line, with fixes that finish the name and no fix that would delete it', () => {
    const ws = new Workspace({ readFile: () => ({ ok: false, reason: 'missing' }) });
    const doc = ws.setDocument('a.kent', 'assessment a: A\n\njudgment KJ1: Ports will likely close.\n  likelihood: likely\n  confidence: moderate\n  co\n');
    const bad = checkDocument(ws, doc).filter((d) => d.code === 'invalid-value');
    assert.deepEqual(
      bad.map((d) => [d.message, (d.fixes ?? []).map((f) => (f.kind === 'replace' ? [f.title, doc.text.slice(f.span.start, f.span.end), f.text] : f.title))]),
      [['judgment KJ1: `confidence: moderate co` is not valid: the line `co` below is read as part of this value until its name ends with a colon (`confidence:` or `contradicts:`)', [['Change to `confidence:`', 'co', 'confidence:'], ['Change to `contradicts:`', 'co', 'contradicts:']]]],
    );
    // A wrong value on two lines that is no name being typed is told as before, on one line.
    const other = checkDocument(ws, ws.setDocument('a.kent', 'assessment a: A\n\njudgment KJ1: Ports will likely close.\n  likelihood: likely\n  confidence: moderat\n  e.g. x\n')).filter((d) => d.code === 'invalid-value');
    assert.deepEqual(other.map((d) => d.message), ['judgment KJ1: `confidence: moderat e.g. x` is not valid; expected `low`, `moderate` or `high`']);
  });
  test('the next attribute half-typed under a ref list is said to be read into the list, on the word, once, with a fix to each name it may become; the refs before it still count', () => {
    const ws = new Workspace({ readFile: () => ({ ok: false, reason: 'missing' }) });
    const text = 'assessment a: A\n\nclaim C1: Ports will close.\n  because: E1, E2\n  co\n\nclaim E1: One [@s].\n\nclaim E2: Two [@s].\n\nsource s: S\n';
    const ds = checkDocument(ws, ws.setDocument('a.kent', text));
    assert.deepEqual(
      ds.map((d) => [d.code, text.slice(d.span.start, d.span.end), d.message, (d.fixes ?? []).map((f) => (f.kind === 'replace' ? [f.title, text.slice(f.span.start, f.span.end), f.text] : f.title))]),
      [['syntax', 'co', '`because`: the line `co` is read as part of this list until its name ends with a colon (`confidence:` or `contradicts:`); a list goes on to the next line only after a comma', [['Change to `confidence:`', 'co', 'confidence:'], ['Change to `contradicts:`', 'co', 'contradicts:']]]],
    );
    // E1 and E2 still support C1: the list before the word counts as written.
    assert.deepEqual(ws.getDocument('a.kent')!.items[1].because.map((r) => (r.type === 'item' ? r.id : r.key)), ['E1', 'E2']);
    // Under `against` of a judgment, and an ID list; a word that begins no name, or a list
    // continued after a comma, is told as before.
    const other = (t: string) => checkDocument(ws, ws.setDocument('a.kent', t)).filter((d) => d.code === 'syntax').map((d) => d.message);
    assert.deepEqual(other('judgment KJ1: X.\n  likelihood: likely\n  confidence: low\n  because: @s\n  assumes: A1\n  be\n\nassumption A1: Y.\n\nsource s: S\n'), ['`assumes`: the line `be` is read as part of this list until its name ends with a colon (`because:`); a list goes on to the next line only after a comma']);
    assert.deepEqual(other('claim C1: X.\n  because: E1\n  zz\n'), ['`because`: expected "," before `zz`: refs are separated by commas (`E1, zz`)']);
    assert.deepEqual(other('claim C1: X.\n  because: @s,\n  co\n\nclaim co: Y [@s].\n\nsource s: S\n'), []);
  });
  test('the next attribute half-typed under a likelihood is said to be read into the value, with a fix to each name; the likelihood above it counts', () => {
    const ws = new Workspace({ readFile: () => ({ ok: false, reason: 'missing' }) });
    const text = 'judgment KJ1: Ports will likely close.\n  likelihood: likely\n  confiden\n\nsource s: S\n';
    const doc = ws.setDocument('a.kent', text);
    const typed = checkDocument(ws, doc).filter((d) => d.code === 'syntax' || d.code === 'missing-likelihood');
    assert.deepEqual(
      typed.map((d) => [d.code, text.slice(d.span.start, d.span.end), d.message, (d.fixes ?? []).map((f) => f.title)]),
      [['syntax', 'confiden', '`likelihood`: the line `confiden` is read as part of this value until its name ends with a colon (`confidence:`)', ['Change to `confidence:`']]],
    );
    assert.deepEqual(doc.items[0].likelihood && [doc.items[0].likelihood.text, text.slice(doc.items[0].likelihood.span.start, doc.items[0].likelihood.span.end)], ['likely', 'likely']);
  });
  test('a claim typing `because: E1` before E1 exists is not told "did you mean" itself', () => {
    const ds = check('assessment a: A\n\nclaim C1: Tonnage is the constraint.\n  because: E1\n');
    const unresolved = ds.filter((d) => d.startsWith('unresolved-reference'));
    assert.deepEqual(unresolved, ['unresolved-reference: claim C1: no item E1 in this document']);
    // Another item still is suggested.
    const other = check('assessment a: A\n\nclaim C1: Tonnage is the constraint.\n  because: E1\n\nevidence E2: Ice.\n  source: @s\n');
    assert.ok(other.includes('unresolved-reference: claim C1: no item E1 in this document (did you mean E2?)'), other.join('\n'));
  });
});

describe('estimative-mismatch: a statement with two estimates', () => {
  test('the word that does not fit is reported with the one that does, and split is the advice, not declaring its term', () => {
    const fx = kent`
      judgment KJ1: The EU will likely agree a cap, but Hungary is unlikely to sign [@s1].
        likelihood: likely
        confidence: low

      judgment KJ2: The EU is unlikely to agree a cap [@s1].
        likelihood: likely
        confidence: low
      ${SOURCES}
    `;
    const { ds } = find(fx, 'estimative-mismatch');
    assert.equal(ds.length, 2);
    const [two, one] = ds;
    mentions(two.message, 'KJ1 says "unlikely"', 'its "likely" fits', 'split it into two items');
    assert.deepEqual(two.fixes ?? [], []);
    assert.ok(!one.message.includes('split'), one.message);
    assert.equal(one.fixes?.length, 1);
  });
});

describe('vague-estimate, estimative-mismatch, mixed-likelihood-confidence: words read in another sense', () => {
  test('"could" as past ability, before the assessment\'s date, is no hedge; "could intervene in 2027" still is', () => {
    const fx = kent`
      assessment gas: Gas
        date: 2024-09

      claim C1: In 2022 Europe could still buy Russian gas [@s1].

      claim C2: At the time, Kyiv could count on US aid [@s1].

      claim C3: Russia could intervene in 2027 [@s1].

      claim C4: In 2022 Russia could have sabotaged the pipeline [@s1].
      ${SOURCES}
    `;
    const { fw, ds } = find(fx, 'vague-estimate');
    assert.deepEqual(ds.map((d) => `${fw.at(d.path, d.span.start)} ${spanText(fw, d)}`), ['a.kent:8:18 could', 'a.kent:10:26 could']);
  });

  test('without an assessment date a year is not known to be past: the could hedges', () => {
    const fx = kent`
      claim C1: In 2022 Europe could still buy Russian gas [@s1].
      ${SOURCES}
    `;
    assert.deepEqual(linesOf(fx, 'vague-estimate'), ['a.kent:1 vague-estimate']);
  });

  test('a hedge in a name ("Possibly Energy Ltd") is no hedge', () => {
    none(
      kent`
      claim C1: Gazprom held talks with Possibly Energy Ltd and Might Holdings [@s1].
      ${SOURCES}
    `,
      'vague-estimate',
    );
  });

  test('a term in a denied belief or a comparative is not compared with the declared likelihood', () => {
    const fx = kent`
      judgment J1: Nobody thinks a cut-off is likely [@s1].
        likelihood: almost certain
        confidence: moderate

      judgment J2: A cut-off is more likely than a price cap [@s1].
        likelihood: unlikely
        confidence: moderate

      judgment J3: A cut-off is less likely than before, but still likely [@s1].
        likelihood: very unlikely
        confidence: moderate
      ${SOURCES}
    `;
    const { fw, ds } = find(fx, 'estimative-mismatch');
    assert.deepEqual(ds.map((d) => `${fw.at(d.path, d.span.start)} ${spanText(fw, d)}`), ['a.kent:9:62 likely']);
  });

  test('a judgment whose only term is in a denied belief states no likelihood', () => {
    assert.deepEqual(
      linesOf(kent`
      judgment J1: Few analysts believe a deal is probable [@s1].
        confidence: moderate
      ${SOURCES}
    `, 'missing-likelihood'),
      ['a.kent:1 missing-likelihood'],
    );
  });

  test('"may not" as permission ("without a licence", "by law") is no hedge; "may not survive" is', () => {
    const fx = kent`
      claim C1: Operators may not export dual-use goods without a licence [@s1].

      claim C2: Russia may not survive without Chinese support [@s1].
      ${SOURCES}
    `;
    assert.deepEqual(linesOf(fx, 'vague-estimate'), ['a.kent:3 vague-estimate']);
  });

  test('"low-confidence reports" is no confidence phrase; "with high confidence" is', () => {
    const fx = kent`
      claim C1: Low-confidence reports suggest a buildup is likely [@s1].

      claim C2: We assess with high confidence that a buildup is likely [@s1].
      ${SOURCES}
    `;
    assert.deepEqual(linesOf(fx, 'mixed-likelihood-confidence'), ['a.kent:3 mixed-likelihood-confidence']);
  });
});
