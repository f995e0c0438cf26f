// Cards for editors that show plain text: what Kent's Markdown shows, with nothing of its markup.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import MarkdownIt from 'markdown-it';
import { escapeMarkdown } from '../server/src/core/service/hover';
import { plainText } from '../server/src/core/service/plainText';

test('escaped user text reads back as written, whatever it holds', () => {
  // Four columns of indentation would open a code block: dropped, as Markdown shows none of it.
  const line = fc.string().filter((s) => !s.includes('\n') && !s.endsWith('  ') && !s.startsWith('> ') && !/^(?: {4}| {0,3}\t)/.test(s));
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

// What VS Code renders (CommonMark with GFM's tables, strikethrough and autolinks); markdown-it's
// fuzzy links (`refs.bib`) are off, as GFM links only `www.` and schemes.
const markdown = new MarkdownIt({ html: true, linkify: true });
markdown.linkify.set({ fuzzyLink: false });
const html = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
const MARKY = ['a', 'b', '1', '2.', ' ', '\\', '`', '*', '_', '__', '[', ']', '(', ')', '#', '+', '-', '=', '.', '!', '|', '<', '>', '~', '&', '&amp;', '&#65;', ':', '@', 'a@b.co', ';', '/', 'http://x.org', 'command:y', 'www.x.org', 'é', '"', '{', '}', '$', '^', '---', '<b>', '](x)'];

test('escaped user text renders as itself in Markdown: alone on a line, after a label, in bold', () => {
  const text = fc.array(fc.constantFrom(...MARKY), { maxLength: 12 }).map((t) => t.join('')).filter((s) => s.trim() === s && s !== '');
  fc.assert(
    fc.property(text, (t) => {
      const e = escapeMarkdown(t);
      assert.equal(markdown.render(e), `<p>${html(t)}</p>\n`, e);
      assert.equal(markdown.render(`Date: ${e}`), `<p>Date: ${html(t)}</p>\n`, e);
      assert.equal(markdown.render(`**${e}**`), `<p><strong>${html(t)}</strong></p>\n`, e);
    }),
    { numRuns: 3000 },
  );
});

test("only what Markdown would read as markup is escaped: dates, IDs, file names, parentheses and a key's underscores are left as written", () => {
  const plain = 'IMF PortWatch [weekly] note — Suez_Canal transits (2024-06): see refs.bib & red-sea/E-transits!';
  assert.equal(escapeMarkdown(plain), plain);
  assert.equal(escapeMarkdown('lloyds_list_2024'), 'lloyds_list_2024');
  assert.equal(escapeMarkdown('_x_ *y* `z` [a](command:q) <b> &amp; www.x.org a@b.co'), '\\_x\\_ \\*y\\* \\`z\\` \\[a\\](command\\:q) &lt;b> &amp;amp; www\\.x.org a\\@b.co');
  assert.equal(escapeMarkdown('- 1. # > 2024) x'), '\\- 1. # > 2024) x');
  assert.equal(escapeMarkdown('2024. x'), '2024\\. x');
  // A bare domain with `www.` is a link in GFM: markdown-it with its fuzzy links finds none here.
  const fuzzy = new MarkdownIt({ linkify: true });
  assert.equal(fuzzy.render(escapeMarkdown('see www.example.com now')), '<p>see www.example.com now</p>\n');
});

// Values a card shows as they were written can hold line breaks (an attribute's continuation
// lines, a lone CR a CRLF-less editor left) and indentation: none may open a heading, list, code
// block or link there.
const LINES = [...MARKY, '\n', '\r', '\r\n', '\n\n', '    ', '\t', ';', '$', ',', '=', '"', 'x.org', '//x.org', '1.', '1)'];

test('escaped user text across lines renders as text: paragraphs and line breaks, no other element', () => {
  // Bold wraps a value flattened to one line, as a card's titles and IDs are.
  const text = fc.array(fc.constantFrom(...LINES), { maxLength: 14 }).map((t) => t.join('')).filter((t) => t.trim() !== '');
  const words = (s: string) => s.replace(/\s+/g, ' ').trim();
  const unescaped = (s: string) => s.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&amp;/g, '&');
  fc.assert(
    fc.property(text, fc.constantFrom('', 'Author: ', '**'), (t, label) => {
      const e = escapeMarkdown(label === '**' ? words(t) : t);
      const out = markdown.render(label === '**' ? `**${e}**` : label + e);
      const tags = out.match(/<[^>]*>/g) ?? [];
      assert.ok(tags.every((tag) => /^<\/?(?:p|strong)>$|^<br>$/.test(tag)), `${JSON.stringify(e)} → ${out}`);
      const shown = unescaped(out.replace(/<[^>]*>/g, ''));
      assert.equal(words(shown), words(label === '**' ? t : label + t), `${JSON.stringify(e)} → ${out}`);
    }),
    { numRuns: 3000 },
  );
});

test('a lone CR opens a line as LF does, indentation opens no code block, and no scheme-less link or odd email is read as a link', () => {
  const rendered = (t: string) => markdown.render(`Author: ${escapeMarkdown(t)}`);
  assert.equal(rendered('Ann\r# Heading\r- list'), '<p>Author: Ann\n# Heading\n- list</p>\n');
  assert.equal(rendered('Ann\r\r    code'), '<p>Author: Ann</p>\n<p>code</p>\n');
  assert.equal(rendered('Ann\n\n\tcode'), '<p>Author: Ann</p>\n<p>code</p>\n');
  assert.equal(rendered('see //x.org/a and ;@x.org'), '<p>Author: see //x.org/a and ;@x.org</p>\n');
  assert.equal(escapeMarkdown('https://x.org a@b.co'), 'https\\://x.org a\\@b.co');
});
