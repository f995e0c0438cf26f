// quote-not-found's fix: *Replace the quote with the source's words*, when the closest passage
// plainly is what the quote means (a spelling, a transliteration, a word left out or retyped).
// The passage as the source has it, set between the quote marks the analyst wrote. Pure.
import { readerExcerpt } from '../htmlText';
import { sourceCopy } from '../localFiles';
import type { Item, KentDocument } from '../model';
import { quoteIn, sourceWording } from '../quote';
import type { FixData } from '../types';
import type { Workspace } from '../workspace';

export const REPLACE_WITH_SOURCE_WORDS = "Replace the quote with the source's words";

/** The fix for evidence `item`'s quote not found, or undefined when no passage is a confident match. */
export function sourceWordsFix(ws: Workspace, doc: KentDocument, item: Item): FixData | undefined {
  const attr = item.attributes.find((a) => a.name === 'quote' && a.valueStart === item.quote?.span.start);
  if (item.kind !== 'evidence' || !item.quote || !item.source || !attr) return undefined;
  const text = sourceCopy(ws, ws.resolveSource(doc, item.source.key))?.text;
  if (text === undefined) return undefined;
  const span = sourceWording(text, item.quote.text);
  const words = span && between(attr.value, readerExcerpt(text.slice(span.start, span.end)));
  // Only what the check will then find: the document checks clean for this evidence afterwards.
  if (!words || !quoteIn(text, words)) return undefined;
  return { kind: 'replace', span: { start: attr.valueStart + 1, end: attr.valueStart + attr.value.length - 1 }, text: words, title: REPLACE_WITH_SOURCE_WORDS };
}

/**
 * The passage's words as they go between the quote's own marks (`value`, as written): white space
 * a run of one space, a line of the source kept only in a quote that runs over lines already (each
 * indented as the quote's next line is), and an inner quote mark that would close the quote turned
 * single, as a quotation's inner quotes are. Undefined for a value not between double quote marks.
 */
function between(value: string, passage: string): string | undefined {
  const straight = value.startsWith('"') && value.endsWith('"');
  if (value.length < 2 || (!straight && !(value.startsWith('“') && value.endsWith('”')))) return undefined;
  const lines = value.includes('\n') ? passage.split('\n') : [passage];
  const words: string[] = [];
  for (const line of lines.map((l) => l.replace(/\s+/g, ' ').trim())) {
    if (line === '') continue;
    // On a line of its own, `date: …` would be read as an attribute and `// …` as a comment: it goes on the line before.
    if (words.length && OWN_LINE_MEANING.test(line)) words[words.length - 1] += ' ' + line;
    else words.push(line);
  }
  const indent = /\n([ \t]*)/.exec(value)?.[1] ?? '';
  const joined = words.join(`\n${indent}`);
  return straight ? joined.replaceAll('"', "'") : joined.replaceAll('“', '‘').replaceAll('”', '’');
}

/** The start of a line that means something of its own in a block: an attribute's `name:` or a comment's `//`. */
const OWN_LINE_MEANING = /^(?:\/\/|[A-Za-z][\w-]*[ \t]*:)/;
