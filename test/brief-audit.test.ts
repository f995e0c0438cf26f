// Gaps found by reading the brief's rules (not its examples) against what Kent does: each case
// is an input the brief's examples and samples/ do not show.
import { describe, test } from 'node:test';
import * as assert from 'node:assert/strict';
import { parseConfig } from '../server/src/core/config';
import { loadFixture } from './harness';

describe('a message is one line, even when it quotes words from over a line break', () => {
  for (const flags of ['', ' crlf']) {
    test(`hedges, confidence phrases and their fixes${flags ? ' (CRLF)' : ''}`, () => {
      const fw = loadFixture(`
        //- /a.kent${flags}
        judgment J2: A Russian role cannot be
            ruled out [@s].
          confidence: low

        judgment J5: We assess with high
            confidence that Russia will likely stay out [@s].
          confidence: low

        source s: S
          reliability: B
      `);
      const ds = fw.diagnostics().filter((d) => d.code === 'vague-estimate' || d.code === 'mixed-likelihood-confidence');
      assert.deepEqual(
        ds.map((d) => d.code),
        ['vague-estimate', 'mixed-likelihood-confidence'],
      );
      assert.match(ds[0].message, /hedges with "cannot be ruled out" but/);
      assert.match(ds[1].message, /\("with high confidence"\)/);
      for (const d of fw.diagnostics()) {
        assert.doesNotMatch(d.message, /[\r\n]/, d.message);
        for (const r of d.related ?? []) assert.doesNotMatch(r.message, /[\r\n]/, r.message);
        for (const f of d.fixes ?? []) assert.doesNotMatch(f.title, /[\r\n]/, f.title);
      }
      // The span still covers the words where they stand, over the line break.
      assert.equal(fw.textOf('a.kent').slice(ds[0].span.start, ds[0].span.end).replace(/\s+/g, ' '), 'cannot be ruled out');
    });
  }

  test('kent.json: a key or value holding a line break (JSON `\\n`) is quoted on one line', () => {
    const { diagnostics } = parseConfig('{ "rules": { "unused-sourc\\ne": "off", "vague-estimate": "of\\r\\nf" } }');
    assert.equal(diagnostics.length, 2);
    assert.match(diagnostics[0].message, /no rule "unused-sourc e" \(did you mean "unused-source"\?\)/);
    for (const d of diagnostics) assert.doesNotMatch(d.message, /[\r\n]/, d.message);
  });
});

describe('a block keyword alone on its line, with attributes under it', () => {
  test('is a syntax error on the keyword, not silent prose', () => {
    const fw = loadFixture(`
      //- /a.kent
      source
        reliability: B

      claim\t
        because: @s

      evidence
        note: not an attribute name, so plain prose

      source s: S
        reliability: B
    `);
    const ds = fw.diagnostics().filter((d) => d.code === 'syntax');
    assert.deepEqual(
      ds.map((d) => `${fw.at(d.path, d.span.start)} ${fw.textOf(d.path).slice(d.span.start, d.span.end)}`),
      ['a.kent:1:1 source', 'a.kent:4:1 claim'],
    );
    assert.match(ds[0].message, /expected an ID and a title after `source`/);
    assert.match(ds[1].message, /expected an ID and a statement after `claim`/);
  });

  test('a keyword alone in running prose, with nothing indented under it, stays prose', () => {
    const fw = loadFixture(`
      //- /a.kent
      claim

      source s: S
        reliability: B
    `);
    assert.deepEqual(fw.diagnostics().filter((d) => d.code === 'syntax'), []);
  });
});

describe('overconfident: one origin however it is written', () => {
  test('origins that differ only in case and spacing, in a block and a bibliography, are one origin', () => {
    const fw = loadFixture(`
      //- /refs.bib
      @misc{paper, title = {Capital Daily}, reliability = {B}, origin = {Interior  Ministry}}
      //- /a.kent
      assessment a: A
        bibliography: refs.bib

      judgment KJ1: Ruritania will probably hold elections.
        likelihood: likely
        confidence: high
        because: @wire, @paper

      source wire: Wire service report
        reliability: B
        origin: interior ministry
    `);
    const ds = fw.diagnostics().filter((d) => d.code === 'overconfident');
    assert.equal(ds.length, 1, fw.diagnostics().map((d) => d.message).join('\n'));
    // The message shows each origin as written.
    assert.match(ds[0].message, /wire \(B, origin interior ministry\), paper \(B, origin Interior Ministry\)/);
  });

  /** How many overconfident warnings a high-confidence judgment resting on two B sources of these origins gets. */
  const overconfidentWith = (one: string, other: string) =>
    loadFixture(`
        //- /a.kent
        judgment KJ1: Ruritania will probably hold elections.
          likelihood: likely
          confidence: high
          because: @wire, @paper

        source wire: Wire service report
          reliability: B
          origin: ${one}

        source paper: Capital Daily
          reliability: B
          origin: ${other}
      `)
      .diagnostics()
      .filter((d) => d.code === 'overconfident').length;

  test('an origin with a full stop after it, or its accent composed the other way, is the same origin', () => {
    for (const [one, other] of [['Interior Ministry.', 'interior ministry'], ['Interior Ministry .', 'interior ministry'], ['Ministère de l\u2019Intérieur', 'Ministe\u0300re de l\u2019Inte\u0301rieur']]) {
      assert.equal(overconfidentWith(one, other), 1, `${one} / ${other}`);
    }
  });

  test('two distinct origins still count twice', () => {
    assert.equal(overconfidentWith('interior ministry', 'opposition party'), 0);
  });
});
