// Document links (server/src/core/service/links.ts): http(s) URLs, workspace files and the codes of a kent-ignore only.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Workspace, type FileRead } from '../server/src/core/workspace';
import { documentLinks } from '../server/src/core/service/links';

const FILES: Record<string, FileRead> = {
  'docs/refs.bib': { ok: true, text: '' },
  'docs/sources/x.txt': { ok: true, text: 'x' },
  'shared/y.txt': { ok: true, text: 'y' },
  'docs/escape.txt': { ok: false, reason: 'outside' },
};

const DOC = `assessment alpha: Alpha «é» 🚀
  bibliography: refs.bib
  bibliography: ../../outside.bib

source s1: HTTPS
  url: https://www.iiss.org/publications/the-military-balance/
  file: sources/x.txt

source s2: HTTP
  url: http://example.org/a?b=c#d
  file: ../shared/y.txt

source s3: Command
  url: command:workbench.action.terminal.new
  file: ../../x

source s4: Other schemes and junk
  url: file:///etc/passwd
  file: /etc/passwd

source s5: More
  url: javascript:alert(1)
  file: escape.txt

source s6: Not a URL
  url: see the website
  file: missing.txt

source s7: Backslashes
  url: https://
  file: sources\\x.txt
`;

test('links: exact spans and targets', () => {
  for (const eol of ['\n', '\r\n']) {
    const text = DOC.replace(/\n/g, eol);
    const ws = new Workspace({ readFile: (p) => FILES[p] ?? { ok: false, reason: 'missing' } });
    const doc = ws.setDocument('docs/a.kent', text);
    const links = documentLinks(ws, doc).map((l) => ({ text: text.slice(l.span.start, l.span.end), target: l.target }));
    assert.deepEqual(links, [
      { text: 'refs.bib', target: { kind: 'file', path: 'docs/refs.bib' } },
      { text: 'https://www.iiss.org/publications/the-military-balance/', target: { kind: 'url', url: 'https://www.iiss.org/publications/the-military-balance/' } },
      { text: 'sources/x.txt', target: { kind: 'file', path: 'docs/sources/x.txt' } },
      { text: 'http://example.org/a?b=c#d', target: { kind: 'url', url: 'http://example.org/a?b=c#d' } },
      { text: '../shared/y.txt', target: { kind: 'file', path: 'shared/y.txt' } },
      { text: 'sources\\x.txt', target: { kind: 'file', path: 'docs/sources/x.txt' } },
    ]);
  }
});

test('links: a url on a block that does not take one is not linked', () => {
  const text = 'claim C1: X.\n  url: https://example.org/\n';
  const ws = new Workspace({ readFile: () => ({ ok: false, reason: 'missing' }) });
  assert.deepEqual(documentLinks(ws, ws.setDocument('a.kent', text)), []);
});

test('links: each code of a kent-ignore opens its section of checks.md; a code that is none, nothing', () => {
  const text = '// kent-ignore-file unused-source: kept\n\n// kent-ignore unsupported-claim, nope , vague-estimate: later\nclaim C1: X may rise.\n';
  const ws = new Workspace({ readFile: () => ({ ok: false, reason: 'missing' }) });
  const links = documentLinks(ws, ws.setDocument('a.kent', text)).map((l) => ({ text: text.slice(l.span.start, l.span.end), target: l.target }));
  assert.deepEqual(links, [
    { text: 'unused-source', target: { kind: 'code', code: 'unused-source' } },
    { text: 'unsupported-claim', target: { kind: 'code', code: 'unsupported-claim' } },
    { text: 'vague-estimate', target: { kind: 'code', code: 'vague-estimate' } },
  ]);
});
