// A quick fix for a name written with accented letters (`C-café`, `[@müller-2020]`): IDs and
// source keys are ASCII, so the parser reports the letter as a `syntax` error; the fix writes the
// whole name with the letters' plain forms (`C-cafe`). Only letters that have one are changed:
// a Cyrillic or CJK name is no spelling slip, and Kent does not guess its transliteration.
import type { KentDocument } from '../model';
import type { KentDiagnostic } from '../types';
import type { TextEdit } from './codeActions';

/** Letters with no decomposition into a base letter and a mark. */
const PLAIN: Record<string, string> = { ß: 'ss', æ: 'ae', Æ: 'AE', œ: 'oe', Œ: 'OE', ø: 'o', Ø: 'O', ł: 'l', Ł: 'L', đ: 'd', Đ: 'D', ı: 'i', þ: 'th', Þ: 'Th', ð: 'd', Ð: 'D' };

/** A character a name may hold, or the accented letter being fixed. */
const NAME_CHAR = /[\p{L}\p{N}_\-:./+]/u;

/** A name as the grammar takes it once plain: an item ID, a key, or a `doc/ID` ref. */
const PLAIN_NAME = /^(?:[A-Za-z][A-Za-z0-9_-]*\/)?[A-Za-z0-9_][A-Za-z0-9_\-:./+]*$/;

/** *Change "C-café" to "C-cafe"*, when the syntax error `d` is an accented letter in a name. */
export function asciiNameFix(doc: KentDocument, d: KentDiagnostic): { title: string; edit: TextEdit } | undefined {
  if (d.code !== 'syntax') return undefined;
  const text = doc.text;
  const stray = text.slice(d.span.start, d.span.end);
  if (stray === '' || /[\x00-\x7f]/.test(stray) || plain(stray) === undefined) return undefined;
  let start = d.span.start;
  let end = d.span.end;
  while (start > 0 && NAME_CHAR.test(text[start - 1]) && text[start - 1] !== '@') start--;
  while (end < text.length && NAME_CHAR.test(text[end])) end++;
  // `C-café:` in a header: the colon after the name is the header's, as is `.` closing a sentence.
  while (end > d.span.end && /[:./+]/.test(text[end - 1])) end--;
  // `because:E-naïve`, no space after the colon: the attribute's name is no part of the name.
  const attribute = /^[a-z][a-z-]*:/.exec(text.slice(start, d.span.start));
  if (attribute && /^[ \t]*$/.test(text.slice(text.lastIndexOf('\n', start - 1) + 1, start))) start += attribute[0].length;
  const name = text.slice(start, end);
  const fixed = plain(name);
  if (!fixed || !PLAIN_NAME.test(fixed)) return undefined;
  // A header's ID made plain must not become another block's (`C-café` beside `C-cafe`).
  const header = /^[a-z]+[ \t]+$/.test(text.slice(text.lastIndexOf('\n', start - 1) + 1, start));
  if (header && doc.items.some((i) => i.id === fixed)) return undefined;
  return { title: `Change "${name}" to "${fixed}"`, edit: { path: doc.path, span: { start, end }, newText: fixed } };
}

/** `name` with each accented Latin letter written plain; undefined when a letter has no plain form. */
function plain(name: string): string | undefined {
  let out = '';
  for (const ch of name) {
    const base = PLAIN[ch] ?? ch.normalize('NFD').replace(/\p{M}/gu, '');
    if (/[^\x00-\x7f]/.test(base)) return undefined;
    out += base;
  }
  return out;
}
