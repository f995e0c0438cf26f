// Similar statements are listed in one order however the session got there: a partner cut and
// pasted back (or renamed, or re-read from disk) is indexed anew, yet a document that names two
// partners at one place shows them as a fresh check would (by path, then place), not in the
// order the session happened to index them.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { checkDocument } from '../server/src/core/analyze';
import { kent, loadFixture } from './harness';

const CLAIM = (id: string, statement: string) => `claim ${id}: ${statement}\n  likelihood: likely\n  because: @s1\n`;
const SOURCE = 'source s1: First source\n  reliability: A\n  origin: one\n';
const fixture = kent`
  //- /a.kent
  assessment a: A

  ${CLAIM('Ceasefire', 'The ceasefire will hold through the winter.')}
  ${SOURCE}
  //- /b.kent
  assessment b: B

  ${CLAIM('Ceasefire', 'The ceasefire will not hold through the winter.')}
  //- /c.kent
  assessment c: C

  ${CLAIM('Ceasefire', 'The ceasefire will not hold through the winter.')}
`;

const shown = (fw: ReturnType<typeof loadFixture>) => checkDocument(fw.ws, fw.ws.getDocument('a.kent')!).map((d) => `${d.code} ${d.span.start} ${d.message}`);

test('a partner statement cut and pasted back is listed where a fresh check lists it', () => {
  const fresh = shown(loadFixture(fixture));
  assert.equal(fresh.filter((d) => d.startsWith('possible-contradiction')).length, 2, fresh.join('\n'));
  const fw = loadFixture(fixture);
  const b = fw.ws.getDocument('b.kent')!.text;
  fw.ws.setDocument('b.kent', b.slice(0, b.indexOf('claim ')));
  assert.equal(shown(fw).filter((d) => d.startsWith('possible-contradiction')).length, 1);
  fw.ws.setDocument('b.kent', b);
  assert.deepEqual(shown(fw), fresh);
});

const related = (id: string, statement: string, likelihood: string, sameAs: string) => `claim ${id}: ${statement}\n  likelihood: ${likelihood}\n  same-as: ${sameAs}\n  because: @s1\n`;
const declared = kent`
  //- /a.kent
  assessment a: A

  ${CLAIM('Ceasefire', 'The ceasefire will hold through the winter.')}
  ${SOURCE}
  //- /b.kent
  assessment b: B

  ${related('Truce', 'The truce lasts until spring.', 'unlikely', 'a/Ceasefire')}
  //- /c.kent
  assessment c: C

  ${related('Truce', 'The truce lasts until spring.', 'unlikely', 'a/Ceasefire')}
`;

test('an item named by two documents: the pairs are listed where a fresh check lists them after one is cut and pasted back', () => {
  const fresh = shown(loadFixture(declared));
  assert.equal(fresh.filter((d) => d.startsWith('contradiction')).length, 2, fresh.join('\n'));
  const fw = loadFixture(declared);
  const b = fw.ws.getDocument('b.kent')!.text;
  fw.ws.setDocument('b.kent', b.slice(0, b.indexOf('claim ')));
  assert.equal(shown(fw).filter((d) => d.startsWith('contradiction')).length, 1);
  fw.ws.setDocument('b.kent', b);
  assert.deepEqual(shown(fw), fresh);
});
