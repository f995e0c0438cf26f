// A new version of a document is parsed against the last one (its unchanged chunks moved, not
// re-parsed): the result must be exactly what parsing the new text from scratch gives, whatever
// the edits — line breaks, blank lines, comments, `kent-ignore-file`, CRLF, a byte-order mark.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import fc from 'fast-check';
import { parseDocument, reparseOf } from '../server/src/core/parser';
import type { KentDocument } from '../server/src/core/model';

const samples = ['samples/tour/tour.kent', 'samples/tour/other.kent', 'samples/russia-taiwan/russia-taiwan.kent'].map((p) => fs.readFileSync(path.resolve(__dirname, '..', p), 'utf8'));

const SNIPPETS = ['\n', '\n\n', ' ', 'x', '\r\n', '\uFEFF', '// kent-ignore-file syntax\n', '// kent-ignore unsupported-claim\n', '  because: C1\n', '  likelihood: likely\n', '# Heading\n', 'judgment J9: text\n', 'claim C9: more\n  because: [@k, p. 2]\n', '[[KJ1]] and [@key]', '"', '\t', 'Claim C8: a header with its keyword miscased\n', 'claims C7: misspelt\n', 'source\n', 'claim \n', '`', '``', '\\', '`[@key]` \\[[KJ1]]', '[@key, see `x]` y]', ']`'];

const edit = fc.record({ at: fc.nat(), cut: fc.nat({ max: 40 }), insert: fc.constantFrom(...SNIPPETS) });

let fresh = 0;
/** The document as parsed from scratch: under a path never parsed before. */
function fromScratch(pathOf: string, text: string): KentDocument {
  const doc = parseDocument(`fresh-${fresh++}.kent`, text);
  return { ...doc, path: pathOf, parseDiagnostics: doc.parseDiagnostics.map((d) => ({ ...d, path: pathOf })) };
}

test('reparsing against the last version equals parsing from scratch (property)', () => {
  fc.assert(
    fc.property(fc.integer({ min: 0, max: samples.length - 1 }), fc.array(edit, { minLength: 1, maxLength: 8 }), (which, edits) => {
      const p = `edited-${which}.kent`;
      let text = samples[which];
      parseDocument(p, text);
      for (const e of edits) {
        const at = e.at % (text.length + 1);
        text = text.slice(0, at) + e.insert + text.slice(at + (e.cut % 3 === 0 ? e.cut : 0));
        assert.deepEqual(parseDocument(p, text), fromScratch(p, text));
      }
    }),
    { numRuns: 300, seed: 3 },
  );
});

test('a version parsed against its previous one (its parts moved in place) equals a parse from scratch, and no other document of the path moves', () => {
  fc.assert(
    fc.property(fc.integer({ min: 0, max: samples.length - 1 }), fc.array(edit, { minLength: 1, maxLength: 8 }), (which, edits) => {
      const p = `owned-${which}.kent`;
      let text = samples[which];
      let doc = parseDocument(p, text);
      const bystanders: Array<{ doc: KentDocument; was: string }> = [];
      for (const e of edits) {
        // Another workspace's document of the same path, parsed against the last parse of it.
        const other = parseDocument(p, text);
        bystanders.push({ doc: other, was: JSON.stringify(other) });
        const at = e.at % (text.length + 1);
        text = text.slice(0, at) + e.insert + text.slice(at + (e.cut % 3 === 0 ? e.cut : 0));
        const next = parseDocument(p, text, undefined, doc);
        assert.deepEqual(next, fromScratch(p, text));
        const [b0, b1, a0, a1] = reparseOf(next)!.items;
        assert.equal(b0, a0);
        assert.equal(doc.items.length - b1, next.items.length - a1);
        for (let i = 0; i < b0; i++) assert.equal(next.items[i].id, doc.items[i].id);
        doc = next;
      }
      for (const b of bystanders) assert.equal(JSON.stringify(b.doc), b.was);
    }),
    { numRuns: 300, seed: 5 },
  );
});

test('an edit undone is reparsed from the chunk cache', () => {
  const text = samples[2];
  const at = text.indexOf('likelihood:');
  parseDocument('undo.kent', text);
  const edited = text.slice(0, at) + 'likelihood:  ' + text.slice(at + 'likelihood:'.length);
  assert.deepEqual(parseDocument('undo.kent', edited), fromScratch('undo.kent', edited));
  assert.deepEqual(parseDocument('undo.kent', text), fromScratch('undo.kent', text));
});

test('a miskeyed header (`Claim C1:`) is reported as the line under it becomes, or stops being, an attribute', () => {
  const p = 'miskeyed.kent';
  let doc = parseDocument(p, 'Claim C1: The dam will fail.\n  zzz\n');
  for (const text of ['Claim C1: The dam will fail.\n  likelihood: likely\n', 'Claim C1: The dam will fail.\n  zzz\n', 'Claim C1: The dam will fail.\n  because: C2\n']) {
    doc = parseDocument(p, text, undefined, doc);
    assert.deepEqual(doc, fromScratch(p, text));
    assert.equal(doc.parseDiagnostics.length, text.includes('zzz') ? 0 : 1, text);
  }
});

test('deleting the space after `likelihood:` keeps the likelihood, reparsed as from scratch; a space typed back changes nothing', () => {
  const p = 'unspaced.kent';
  let doc = parseDocument(p, 'judgment KJ1: Russia would probably avoid it.\n  likelihood: likely\n  confidence: moderate\n');
  for (const text of ['judgment KJ1: Russia would probably avoid it.\n  likelihood:likely\n  confidence: moderate\n', 'judgment KJ1: Russia would probably avoid it.\n  likelihood:likely\n  confidence:moderate\n', 'judgment KJ1: Russia would probably avoid it.\n  likelihood: likely\n  confidence:moderate\n']) {
    doc = parseDocument(p, text, undefined, doc);
    assert.deepEqual(doc, fromScratch(p, text));
    assert.deepEqual([doc.items[0].likelihood?.text, doc.items[0].confidence?.value], ['likely', 'moderate'], text);
  }
});
