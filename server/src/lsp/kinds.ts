// LSP kinds for Kent's symbols and completions.
import { CompletionItemKind, SymbolKind } from 'vscode-languageserver/node';
import type { BlockKind } from '../core/model';

const SYMBOLS: Record<BlockKind | 'heading', SymbolKind> = {
  heading: SymbolKind.Namespace,
  assessment: SymbolKind.File,
  judgment: SymbolKind.Class,
  claim: SymbolKind.Interface,
  assumption: SymbolKind.TypeParameter,
  evidence: SymbolKind.Field,
  source: SymbolKind.Constant,
};

export function symbolKind(kind: BlockKind | 'heading'): SymbolKind {
  return SYMBOLS[kind];
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

export function completionKind(kind: string): CompletionItemKind {
  return COMPLETIONS[kind] ?? CompletionItemKind.Text;
}
