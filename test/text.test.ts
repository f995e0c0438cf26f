// Line/column positions after an edit: the index built from the previous version's (only the
// lines around the change scanned) must equal one built from scratch, whatever the line breaks.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { changeBetween } from '../server/src/core/change';
import { decodeLocalFile, LineIndex, listEntries } from '../server/src/core/text';
import { FsHost } from '../server/src/node/fsHost';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

const piece = fc.constantFrom('a', 'bc', ' ', '\n', '\r\n', '\r', '\n\n', 'x\r');
const text = fc.array(piece, { maxLength: 40 }).map((p) => p.join(''));

test('an index following an edit equals one built from scratch (\\n, \\r\\n and lone \\r)', () => {
  fc.assert(
    fc.property(text, fc.nat(), fc.nat(5), text, (before, at, removed, inserted) => {
      const start = at % (before.length + 1);
      const after = before.slice(0, start) + inserted + before.slice(Math.min(before.length, start + removed));
      const next = new LineIndex(before).following(after, changeBetween(before, after));
      const fresh = new LineIndex(after);
      assert.equal(next.lineCount, fresh.lineCount, JSON.stringify({ before, after }));
      for (let o = 0; o <= after.length; o++) assert.deepEqual(next.position(o), fresh.position(o), JSON.stringify({ before, after, o }));
    }),
    { numRuns: 2000, seed: 4 },
  );
});

test('an index following a long run of edits, most within a line, equals one built from scratch', () => {
  const within = fc.constantFrom('a', 'bc', ' ', 'é');
  const insert = fc.oneof({ arbitrary: fc.array(within, { maxLength: 3 }).map((p) => p.join('')), weight: 5 }, { arbitrary: text, weight: 1 });
  fc.assert(
    fc.property(text, fc.array(fc.tuple(fc.nat(), fc.nat(3), insert), { maxLength: 40 }), (initial, edits) => {
      let current = initial;
      let index = new LineIndex(current);
      for (const [at, removed, inserted] of edits) {
        const start = at % (current.length + 1);
        const end = Math.min(current.length, start + removed);
        const after = current.slice(0, start) + inserted + current.slice(end);
        index = index.following(after, { start, endBefore: end, endAfter: start + inserted.length });
        current = after;
        const fresh = new LineIndex(current);
        assert.equal(index.lineCount, fresh.lineCount);
        for (let o = 0; o <= current.length; o++) assert.deepEqual(index.position(o), fresh.position(o), JSON.stringify({ current, o }));
        for (let line = 0; line < fresh.lineCount; line++) {
          assert.deepEqual(index.lineSpan(line), fresh.lineSpan(line));
          assert.equal(index.offset({ line, character: 2 }), fresh.offset({ line, character: 2 }));
        }
      }
    }),
    { numRuns: 300, seed: 5 },
  );
});

test('listEntries: a comma list split at commas outside brackets, entries trimmed as trim() does, empty ones left out', () => {
  const entries = (text: string) => listEntries(text).map((e) => text.slice(e.start, e.end));
  assert.deepEqual(entries(' E1, [@a, p. 2; @b],C2 ,, '), ['E1', '[@a, p. 2; @b]', 'C2']);
  assert.deepEqual(entries('a]], b, [c, [d, e]], f'), ['a]]', 'b', '[c, [d, e]]', 'f']);
  assert.deepEqual(entries('\u00a0x\u2028,\u000b y\ufeff'), ['x', 'y']);
  // As the trimmed pieces between top-level commas, whatever the text.
  fc.assert(
    fc.property(fc.array(fc.constantFrom('a', ',', ' ', '[', ']', '\t', '\u00a0', '@', '\n')).map((cs) => cs.join('')), (text) => {
      const pieces: string[] = [];
      let depth = 0;
      let from = 0;
      for (let k = 0; k <= text.length; k++) {
        const c = text[k];
        if (c === '[') depth++;
        else if (c === ']') depth = Math.max(0, depth - 1);
        else if (k === text.length || (c === ',' && depth === 0)) {
          if (text.slice(from, k).trim()) pieces.push(text.slice(from, k).trim());
          from = k + 1;
        }
      }
      assert.deepEqual(entries(text), pieces);
    }),
  );
});

test('a local file that is not UTF-8 is read as Windows-1252 (curly quotes, dashes), one with a UTF-16 mark as UTF-16', () => {
  const cp1252 = Uint8Array.from([0x4d, 0x61, 0x65, 0x72, 0x73, 0x6b, 0x92, 0x73, 0x20, 0x93, 0x6e, 0x6f, 0x94, 0x20, 0x96, 0x20, 0xe9, 0x0d, 0x0a, 0x80]);
  assert.equal(decodeLocalFile(cp1252), 'Maersk’s “no” – é\r\n€');
  assert.equal(decodeLocalFile(new TextEncoder().encode('\uFEFFplain “UTF-8”')), 'plain “UTF-8”');
  // A UTF-8 mark with one byte UTF-8 does not allow: UTF-8 still, that byte alone U+FFFD (not "ï»¿cafÃ©").
  assert.equal(decodeLocalFile(Uint8Array.from([0xef, 0xbb, 0xbf, 0x63, 0x61, 0x66, 0xc3, 0xa9, 0x20, 0x92])), 'café \uFFFD');
  assert.equal(decodeLocalFile(Uint8Array.from([0xff, 0xfe, 0x1c, 0x20, 0x41, 0x00, 0x1d, 0x20])), '“A”');
  assert.equal(decodeLocalFile(Uint8Array.from([0xfe, 0xff, 0x20, 0x1c, 0x00, 0x41])), '“A');
  // UTF-16 without a mark, as some exports write it: read by its NUL bytes, either order.
  const unmarked = 'Grain left “Odesa” in 2023 — قمح\r\n';
  assert.equal(decodeLocalFile(new Uint8Array(Buffer.from(unmarked, 'utf16le'))), unmarked);
  assert.equal(decodeLocalFile(new Uint8Array(Buffer.from(unmarked, 'utf16le').swap16())), unmarked);
  // Text with a stray NUL or two is no UTF-16; nor is a two-byte file.
  assert.equal(decodeLocalFile(new TextEncoder().encode('plain text\u0000 with one NUL in it, and more words')), 'plain text\u0000 with one NUL in it, and more words');
  assert.equal(decodeLocalFile(Uint8Array.from([0x41, 0x00])), 'A\u0000');
  // 16-bit binary data (small numbers: NULs in every other byte) is not taken for UTF-16 text: read
  // as before, its NULs say it is binary.
  const samples = new Uint8Array(Int16Array.from({ length: 2000 }, (_, i) => (i * 7) % 23).buffer);
  assert.ok(decodeLocalFile(samples).includes('\u0000'));
  // Through the file-system host, as `kent check` and the server read a source's `file:`.
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kent-1252-'));
  fs.writeFileSync(path.join(dir, 'lloyds.txt'), cp1252);
  const read = new FsHost(dir).readFile('lloyds.txt');
  assert.deepEqual(read, { ok: true, text: 'Maersk’s “no” – é\r\n€' });
  fs.rmSync(dir, { recursive: true });
});
