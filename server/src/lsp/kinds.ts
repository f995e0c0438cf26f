// LSP kinds for Kent's symbols and completions.
import { CompletionItemKind, SymbolKind } from 'vscode-languageserver/node';
import type { BlockKind } from '../core/model';

/**
 * The kinds a client shows. One that lists none takes those of LSP's first version alone
 * (Text … Reference, File … Array); a later kind is given as the nearest of those.
 */
export type KindsShown = ReadonlySet<number> | undefined;
const FIRST_VERSION = 18;

function shown<K extends number>(kind: K, instead: K, supported: KindsShown): K {
  return (supported ? supported.has(kind) : kind <= FIRST_VERSION) ? kind : instead;
}

const SYMBOLS: Record<BlockKind | 'heading', SymbolKind> = {
  heading: SymbolKind.Namespace,
  assessment: SymbolKind.File,
  judgment: SymbolKind.Class,
  claim: SymbolKind.Interface,
  assumption: SymbolKind.TypeParameter,
  evidence: SymbolKind.Field,
  source: SymbolKind.Constant,
};

export function symbolKind(kind: BlockKind | 'heading', supported?: KindsShown): SymbolKind {
  return shown(SYMBOLS[kind], SymbolKind.Variable, supported);
}

const COMPLETIONS: Record<string, CompletionItemKind> = {
  item: CompletionItemKind.Reference,
  source: CompletionItemKind.Constant,
  document: CompletionItemKind.Module,
  attribute: CompletionItemKind.Property,
  term: CompletionItemKind.EnumMember,
  value: CompletionItemKind.Value,
  keyword: CompletionItemKind.Keyword,
  file: CompletionItemKind.File,
  folder: CompletionItemKind.Folder,
};

/** In the first version's kinds a folder is a file; a source and a term are values. */
const COMPLETIONS_BEFORE: Partial<Record<CompletionItemKind, CompletionItemKind>> = {
  [CompletionItemKind.Folder]: CompletionItemKind.File,
};

export function completionKind(kind: string, supported?: KindsShown): CompletionItemKind {
  const k = COMPLETIONS[kind] ?? CompletionItemKind.Text;
  return shown(k, COMPLETIONS_BEFORE[k] ?? CompletionItemKind.Value, supported);
}
