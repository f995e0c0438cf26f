// jsonc-parser's error codes in words, for kent.json and CSL-JSON bibliographies alike.
import { printParseErrorCode, type ParseErrorCode } from 'jsonc-parser';

// Keyed by every code's name, so a code added to jsonc-parser fails the type check until it has words.
const TEXT: Record<Exclude<ReturnType<typeof printParseErrorCode>, '<unknown ParseErrorCode>'>, string> = {
  InvalidSymbol: 'invalid symbol',
  InvalidNumberFormat: 'invalid number',
  PropertyNameExpected: 'expected a property name',
  ValueExpected: 'expected a value',
  ColonExpected: 'expected ":"',
  CommaExpected: 'expected ","',
  CloseBraceExpected: 'expected "}"',
  CloseBracketExpected: 'expected "]"',
  EndOfFileExpected: 'expected the end of the file',
  InvalidCommentToken: 'invalid comment',
  UnexpectedEndOfComment: 'unterminated comment',
  UnexpectedEndOfString: 'unterminated string',
  UnexpectedEndOfNumber: 'unterminated number',
  InvalidUnicode: 'invalid unicode escape',
  InvalidEscapeCharacter: 'invalid escape character',
  InvalidCharacter: 'invalid character',
};

/** A JSON parse error in words: "expected a property name". */
export function jsonErrorText(code: ParseErrorCode): string {
  const name = printParseErrorCode(code);
  return TEXT[name as keyof typeof TEXT] ?? name;
}
