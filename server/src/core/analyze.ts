// Run every check over a document and apply the workspace's rules: severities from kent.json
// and the editor, `// kent-ignore` suppressions. The one entry point the front ends call.
import { CHECKS } from './checks';
import { CONFIG_FILE } from './config';
import type { Finding } from './checks/context';
import type { KentDocument } from './model';
import { DEFAULT_SEVERITY, type KentDiagnostic } from './types';
import type { Workspace } from './workspace';

export function checkDocument(ws: Workspace, doc: KentDocument): KentDiagnostic[] {
  const out: KentDiagnostic[] = [];
  const config = ws.config;
  const report = (f: Finding) => {
    const setting = config.rules[f.code];
    if (setting === 'off' || isSuppressed(doc, f)) return;
    const d: KentDiagnostic = { path: doc.path, span: f.span, severity: setting ?? f.severity ?? DEFAULT_SEVERITY[f.code], code: f.code, message: f.message };
    if (f.related?.length) d.related = f.related;
    if (f.fixes?.length) d.fixes = f.fixes;
    out.push(d);
  };
  for (const check of CHECKS) {
    try {
      check({ ws, doc, config, report });
    } catch (e) {
      // A bug in one check must not take the others (or the server) down with it.
      report({ code: 'syntax', span: { start: 0, end: 0 }, severity: 'error', message: `internal error in Kent while checking this document: ${(e as Error).message}` });
    }
  }
  ws.noteRelated(doc.path, new Set(out.flatMap((d) => (d.related ?? []).map((r) => r.path))));
  return out.sort((a, b) => a.span.start - b.span.start || a.span.end - b.span.end);
}

/** Every document's diagnostics, keyed by path. */
export function checkWorkspace(ws: Workspace): Map<string, KentDiagnostic[]> {
  const out = new Map<string, KentDiagnostic[]>();
  for (const doc of ws.documents()) out.set(doc.path, checkDocument(ws, doc));
  const config = configDiagnostics(ws);
  if (config.length) out.set(CONFIG_FILE, config);
  return out;
}

/** Problems in kent.json, with the severity kent.json itself gives `invalid-config`. */
export function configDiagnostics(ws: Workspace): KentDiagnostic[] {
  const setting = ws.config.rules['invalid-config'];
  if (setting === 'off') return [];
  return ws.configDiagnostics.map((d) => (setting ? { ...d, severity: setting } : d));
}

function isSuppressed(doc: KentDocument, f: Finding): boolean {
  if (doc.ignoredInFile.has(f.code)) return true;
  const item = itemAt(doc, f.span.start);
  return item !== undefined && item.ignored.has(f.code);
}

/** The block containing an offset (items are in document order): binary search. */
function itemAt(doc: KentDocument, offset: number) {
  let lo = 0;
  let hi = doc.items.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const item = doc.items[mid];
    if (offset < item.span.start) hi = mid - 1;
    else if (offset > item.span.end) lo = mid + 1;
    else return item;
  }
  return undefined;
}
