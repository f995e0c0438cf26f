// Cards for editors that show plain text: what Kent's Markdown shows, with nothing of its markup.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { escapeMarkdown } from '../server/src/core/service/hover';
import { plainText } from '../server/src/core/service/plainText';

test('escaped user text reads back as written, whatever it holds', () => {
  const line = fc.string().filter((s) => !s.includes('\n') && !s.endsWith('  ') && !s.startsWith('> '));
  fc.assert(
    fc.property(line, (text) => {
      assert.equal(plainText(escapeMarkdown(text)), text);
    }),
    { numRuns: 2000 },
  );
});

test("a card: emphasis, code marks, line-break spaces, a URL's brackets and a path's underscores go; a fenced passage stays as it is", () => {
  const md = ['**The \\*Balance\\***  ', '`@s1` · from refs\\.bib', '', 'URL: <https://example.org/a_b>  ', '> a \\[quote\\]', '', '```text', '**not markup** \\here', '```', '', '_sources/x\\_y\\.txt_'].join('\n');
  assert.equal(plainText(md), ['The *Balance*', '@s1 · from refs.bib', '', 'URL: https://example.org/a_b', '> a [quote]', '', '**not markup** \\here', '', 'sources/x_y.txt'].join('\n'));
});
