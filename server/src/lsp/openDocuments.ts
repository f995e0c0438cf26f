// The documents the editor has open, kept up to date from its incremental changes. Each keeps
// its line index with it, moved along with every change (only the lines around the change are
// scanned again): the positions of the editor's next change and of the diagnostics come from it.
import type { TextDocumentContentChangeEvent, TextDocumentItem } from 'vscode-languageserver/node';
import { PieceText } from '../core/source';
import { LineIndex } from '../core/text';

export class OpenDocument {
  constructor(
    readonly uri: string,
    readonly languageId: string,
    public version: number,
    /** Its text, in pieces: a change replaces a piece, not the whole text. */
    public source: PieceText,
    public lines: LineIndex,
  ) {}

  /** The whole text, built when something asks for it (the checks on every keystroke read `source`). */
  get text(): string {
    return this.source.toString();
  }
}

export class OpenDocuments {
  private readonly docs = new Map<string, OpenDocument>();

  open(item: TextDocumentItem): OpenDocument {
    const doc = new OpenDocument(item.uri, item.languageId, item.version, PieceText.of(item.text), new LineIndex(item.text));
    this.docs.set(item.uri, doc);
    return doc;
  }

  /** Apply the editor's changes in order; undefined for a document that is not open. */
  change(uri: string, version: number, changes: readonly TextDocumentContentChangeEvent[]): OpenDocument | undefined {
    const doc = this.docs.get(uri);
    if (!doc) return undefined;
    for (const c of changes) {
      if (!('range' in c) || !c.range) {
        doc.source = PieceText.of(c.text);
        doc.lines = new LineIndex(c.text);
        continue;
      }
      // A range given end first still means the text between (as every LSP library reads it).
      const [a, b] = [doc.lines.offset(c.range.start), doc.lines.offset(c.range.end)];
      const [start, end] = a <= b ? [a, b] : [b, a];
      doc.source = doc.source.edit(start, end, c.text);
      doc.lines = doc.lines.following(doc.source, { start, endBefore: end, endAfter: start + c.text.length });
    }
    doc.version = version;
    return doc;
  }

  close(uri: string): OpenDocument | undefined {
    const doc = this.docs.get(uri);
    this.docs.delete(uri);
    return doc;
  }

  get(uri: string): OpenDocument | undefined {
    return this.docs.get(uri);
  }

  all(): OpenDocument[] {
    return [...this.docs.values()];
  }
}
