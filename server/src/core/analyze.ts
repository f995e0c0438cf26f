// Run the checks over a document and apply the workspace's rules: severities from kent.json
// and the editor, `// kent-ignore` suppressions. What the checks found is kept item by item
// (`DocumentFindings`), so that after an edit only the items it may have changed are re-checked.
import { CHECKS } from './checks';
import { CONFIG_FILE } from './config';
import { awaitsStatement, meets, type CheckContext, type Finding } from './checks/context';
import { Silenced, unusedIgnores } from './checks/unusedIgnore';
import type { Item, KentDocument } from './model';
import { DEFAULT_SEVERITY, type FixData, type KentDiagnostic, type Severity, type Span } from './types';
import { oneLine } from './text';
import type { Workspace } from './workspace';

/** A finding as a check reported it: which check (its place in CHECKS) and in what order. */
export interface Found extends Finding {
  check: number;
  seq: number;
  /**
   * Shared by a finding and the copies an edit moves it into, for as long as they show at the
   * same line and column: they look alike in an editor (see `IncrementalChecker`).
   */
  look: object;
}

/** What the checks found in one version of a document. */
export interface DocumentFindings {
  /** The version every span here is an offset into. */
  doc: KentDocument;
  /** Findings about items, by item ID (items sharing an ID share a list). */
  byId: Map<string, Found[]>;
  /** Findings about the text outside items: prose, comments, stray lines. */
  text: Found[];
  /**
   * The `unused-ignore` findings of the last diagnostics made, moved with the text since: found
   * again afresh (they follow from every other finding), each that finds one of these alike is
   * that one, so that what an edit leaves as it was keeps its diagnostic and look.
   */
  unused: Found[];
}

/** Every check over every item and all the text of a document. */
export function findAll(ws: Workspace, doc: KentDocument): DocumentFindings {
  const found: DocumentFindings = { doc, byId: new Map(), text: [], unused: [] };
  runChecks(ws, found, doc.items, [{ start: 0, end: doc.source.length }]);
  return found;
}

/** Re-run the checks for the items with these IDs, and for the text in these ranges. */
export function findAgain(ws: Workspace, found: DocumentFindings, ids: ReadonlySet<string>, ranges: readonly Span[]): void {
  for (const id of ids) found.byId.delete(id);
  if (ranges.length) found.text = found.text.filter((f) => !ranges.some((r) => meets(f.span, r)));
  // From the index, not a pass over every item: on every keystroke, that pass alone costs more than the checks.
  const items = [...ids].flatMap((id) => ws.itemsIn(found.doc, id)).sort((a, b) => a.span.start - b.span.start);
  runChecks(ws, found, items, ranges);
}

let seq = 0;

function runChecks(ws: Workspace, found: DocumentFindings, items: readonly Item[], ranges: readonly Span[]): void {
  // One context for every call (a full check makes one call per check and item): `report`
  // files each finding under what is being checked now.
  let check = 0;
  let item: Item | undefined;
  let range: Span | undefined;
  const report = (f: Finding) => {
    if (range && !meets(f.span, range)) return; // a text part keeps what meets its range
    if (item && awaitsStatement(item, f.code)) return;
    const list = item ? (found.byId.get(item.id) ?? found.byId.set(item.id, []).get(item.id)!) : found.text;
    list.push(owning(f, check, seq++));
  };
  const ctx: CheckContext = { ws, doc: found.doc, config: ws.config, report };
  // A bug in one check must not take the others (or the server) down with it.
  const failed = (e: unknown, at: Span) => report({ code: 'syntax', span: at, severity: 'error', message: `internal error in Kent while checking this document: ${(e as Error).message}` });
  for (check = 0; check < CHECKS.length; check++) {
    const { item: ofItem, text: ofText } = CHECKS[check];
    if (ofItem) {
      for (item of items) {
        try {
          ofItem(ctx, item);
        } catch (e) {
          failed(e, item.idSpan);
        }
      }
      item = undefined;
    }
    if (ofText) {
      for (range of ranges) {
        try {
          ofText(ctx, range);
        } catch (e) {
          failed(e, { start: range.start, end: range.start });
        }
      }
      range = undefined;
    }
  }
}

/**
 * A finding with spans of its own: a check may hand over an item's span objects, which the parser
 * moves in place in the document's next version, while what was found moves on its own.
 */
function owning(f: Finding, check: number, seq: number): Found {
  const own = (s: Span): Span => ({ start: s.start, end: s.end });
  const found: Found = { ...f, span: own(f.span), message: oneLine(f.message), check, seq, look: {} };
  if (f.related) found.related = f.related.map((r) => ({ ...r, span: own(r.span), message: oneLine(r.message) }));
  if (f.fixes) found.fixes = f.fixes.map((x) => (x.kind === 'replace' ? { ...x, span: own(x.span), title: oneLine(x.title) } : x.title === oneLine(x.title) ? x : { ...x, title: oneLine(x.title) }));
  return found;
}

/** The diagnostic made of each finding, and the finding's look, kept from run to run while the rules stay. */
export interface Made {
  diagnostic: WeakMap<Found, KentDiagnostic>;
  look: WeakMap<KentDiagnostic, object>;
}

/**
 * The diagnostics of what was found, under the workspace's rules, in document order; `made` keeps
 * what is made of each finding, `silenced` (when given) notes what the suppressions kept quiet.
 */
export function diagnosticsOf(ws: Workspace, found: DocumentFindings, made?: Made, silenced?: Silenced): KentDiagnostic[] {
  const { doc } = found;
  const rules = ws.config.rules;
  const all: Found[] = [...found.text];
  for (const list of found.byId.values()) for (const f of list) all.push(f);
  all.sort((a, b) => a.span.start - b.span.start || a.span.end - b.span.end || a.check - b.check || a.seq - b.seq);
  const out: KentDiagnostic[] = [];
  // What each suppression silenced, for telling those that silence nothing (`unused-ignore`).
  if (!silenced && doc.ignoreComments.length) silenced = new Silenced();
  for (const f of all) {
    const setting = rules[f.code];
    if (setting === 'off' || isSuppressed(doc, f, silenced)) continue;
    out.push(diagnosticOf(doc, f, setting, made));
  }
  return silenced ? withUnusedIgnores(ws, found, silenced, out, made) : out;
}

/** The diagnostic of a finding not turned off (`setting`: its severity in kent.json, if any). */
function diagnosticOf(doc: KentDocument, f: Found, setting: Severity | undefined, made?: Made): KentDiagnostic {
  let d = made?.diagnostic.get(f);
  if (!d) {
    d = { path: doc.path, span: f.span, severity: setting ?? f.severity ?? DEFAULT_SEVERITY[f.code], code: f.code, message: f.message };
    if (f.related?.length) d.related = f.related;
    if (f.fixes?.length) d.fixes = f.fixes;
    made?.diagnostic.set(f, d);
    made?.look.set(d, f.look);
  }
  return d;
}

/**
 * `out` with the `unused-ignore` diagnostics, found afresh, each in its place. One alike to a
 * finding of the last run (moved with the text) is that finding's diagnostic: on a large document,
 * each keystroke would otherwise convert and send tens of thousands anew.
 */
function withUnusedIgnores(ws: Workspace, found: DocumentFindings, silenced: Silenced, out: KentDiagnostic[], made?: Made): KentDiagnostic[] {
  const { doc } = found;
  const fresh = unusedIgnores(doc, ws.config.rules, silenced);
  // By where it starts (two at one offset: the later one is found anew, which is only slower).
  const before = new Map(found.unused.map((f) => [f.span.start, f]));
  found.unused = fresh.map((f) => {
    const kept = before.get(f.span.start);
    return kept && kept.span.end === f.span.end && kept.message === oneLine(f.message) && sameFixes(kept.fixes, f.fixes) ? kept : owning(f, -1, seq++);
  });
  if (found.unused.length === 0) return out;
  const setting = ws.config.rules['unused-ignore'];
  const unused = found.unused.map((f) => diagnosticOf(doc, f, setting === 'off' ? undefined : setting, made)).sort(inOrder);
  // Merged into `out` (already in order), which goes first on a tie: as a stable sort of both would.
  const merged: KentDiagnostic[] = [];
  let i = 0;
  for (const d of unused) {
    while (i < out.length && inOrder(out[i], d) <= 0) merged.push(out[i++]);
    merged.push(d);
  }
  while (i < out.length) merged.push(out[i++]);
  return merged;
}

const inOrder = (a: KentDiagnostic, b: KentDiagnostic) => a.span.start - b.span.start || a.span.end - b.span.end;

function sameFixes(a: readonly FixData[] = [], b: readonly FixData[] = []): boolean {
  const same = (x: FixData, y: FixData) =>
    x.title === y.title && x.text === y.text && (x.kind === 'replace' ? y.kind === 'replace' && x.span.start === y.span.start && x.span.end === y.span.end : y.kind === 'insert-lines' && x.offset === y.offset && x.template === y.template);
  return a.length === b.length && a.every((x, i) => same(x, b[i]));
}

/** Run every check over a document: the one entry point the command line and reports call. */
export function checkDocument(ws: Workspace, doc: KentDocument): KentDiagnostic[] {
  return diagnosticsOf(ws, findAll(ws, doc));
}

/** A document's diagnostics and what its suppressions kept quiet: the editor's help in a `kent-ignore` reads both. */
export interface Checked {
  diagnostics: readonly KentDiagnostic[];
  silenced: Silenced;
}

/** A fresh check of a document, for when no current `Checked` is at hand (the command line, tests). */
export function checkSuppressions(ws: Workspace, doc: KentDocument): Checked {
  const silenced = new Silenced();
  return { diagnostics: diagnosticsOf(ws, findAll(ws, doc), undefined, silenced), silenced };
}

/** Every document's diagnostics, keyed by path. */
export function checkWorkspace(ws: Workspace): Map<string, KentDiagnostic[]> {
  const out = new Map<string, KentDiagnostic[]>();
  for (const doc of ws.documents()) out.set(doc.path, checkDocument(ws, doc));
  const config = configDiagnostics(ws);
  if (config.length) out.set(CONFIG_FILE, config);
  return out;
}

/** Problems in kent.json: errors, unless `invalid-config` is turned off (no other severity applies). */
export function configDiagnostics(ws: Workspace): KentDiagnostic[] {
  return ws.config.rules['invalid-config'] === 'off' ? [] : ws.configDiagnostics;
}

/** Whether a suppression silences `f`; each that does is noted in `silenced`, when given. */
function isSuppressed(doc: KentDocument, f: Finding, silenced?: Silenced): boolean {
  if (!doc.ignores) return false;
  const inFile = doc.ignoredInFile.has(f.code);
  if (inFile && !silenced) return true;
  const item = itemAt(doc, f.span.start);
  const inBlock = item !== undefined && item.ignored.has(f.code);
  if (inFile) silenced?.note(undefined, f.code);
  if (inBlock) silenced?.note(item, f.code);
  return inFile || inBlock;
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
