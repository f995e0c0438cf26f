// A long editing session: what the server keeps per document must go when the document does.
// The tables are counted through `kent/debug/memory` (answered when KENT_DEBUG_MEMORY is set).
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import { FileChangeType, type Diagnostic } from 'vscode-languageserver-protocol';
import { LspClient, makeWorkspace } from './lspClient';

const DRAFT = `assessment a: Alpha
  date: 2024-01

claim C1: Russia will stay out of a war over Taiwan.
  because: E9
`;
const OTHER = `assessment b: Beta
  date: 2024-01

claim B1: China will not ask Russia for help.
`;

interface Memory {
  tables: Record<string, number>;
}

const unresolved = (ds: Diagnostic[]) => ds.some((d) => d.code === 'unresolved-reference');

test('a document renamed on disk again and again leaves nothing behind under its old names', async () => {
  const root = makeWorkspace({ 'draft-0.kent': DRAFT, 'other.kent': OTHER });
  const c = await LspClient.start({ root, watchFiles: true, env: { KENT_DEBUG_MEMORY: '1' } });
  try {
    await c.waitForDiagnostics(c.uri('draft-0.kent'), unresolved);
    for (let i = 1; i <= 8; i++) {
      const [from, to] = [`draft-${i - 1}.kent`, `draft-${i}.kent`];
      fs.renameSync(path.join(root, from), path.join(root, to));
      await c.watched([
        { uri: c.uri(from), type: FileChangeType.Deleted },
        { uri: c.uri(to), type: FileChangeType.Created },
      ]);
      await c.waitForDiagnostics(c.uri(to), unresolved);
      await c.waitForDiagnostics(c.uri(from), (ds) => ds.length === 0);
    }
    const { tables } = await c.request<Memory>('kent/debug/memory', {});
    assert.equal(tables['ws.docs'], 2);
    // One line index per document there is, not one per name it ever had.
    assert.ok(tables.latestIndex <= 2, `line indexes kept: ${tables.latestIndex}`);
    assert.ok(tables.published <= 2, `published: ${tables.published}`);
    // The statements' index numbers documents by path: one number per document there is.
    assert.ok(tables['statements.docNumbers'] <= 2, `document numbers kept: ${tables['statements.docNumbers']}`);
    // Every table kept per document, likewise.
    const perDocument = /^(published|current|checkedDoc|parser\.lastParse|ws\.docs|ws\.resolvedPaths|index\.docs|statements\.byDoc|checker\..*)$/;
    for (const [table, entries] of Object.entries(tables)) if (perDocument.test(table)) assert.ok(entries <= 2, `${table}: ${entries}`);
  } finally {
    await c.stop();
    fs.rmSync(root, { recursive: true, force: true });
  }
});
