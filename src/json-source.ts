import { findNodeAtLocation, parse, parseTree, printParseErrorCode, type ParseError } from 'jsonc-parser';

/**
 * JSON files an author edits (chart specs, i18n strings) parsed so that every error can say where:
 * `file:line:column`, as the data checks do. JSON.parse does the parsing; jsonc-parser, which keeps
 * offsets, is asked only where a position is wanted (a syntax error, a value an error points at).
 */

export interface Position {
  readonly line: number;
  readonly column: number;
}

/** A JSON file that does not parse, located at its first error. */
export class JsonSyntaxError extends Error {
  constructor(
    readonly file: string,
    readonly at: Position,
    detail: string,
  ) {
    super(`${file}:${at.line}:${at.column}: invalid JSON: ${detail}`);
    this.name = 'JsonSyntaxError';
  }
}

/** What each of jsonc-parser's error codes means to someone editing the file. */
const WORDS: Readonly<Record<string, string>> = {
  InvalidSymbol: 'unexpected character',
  InvalidNumberFormat: 'not a number JSON allows',
  PropertyNameExpected: 'a property name in double quotes was expected (a trailing comma?)',
  ValueExpected: 'a value was expected (a trailing comma?)',
  ColonExpected: 'a colon was expected',
  CommaExpected: 'a comma was expected',
  CloseBraceExpected: 'a closing } was expected',
  CloseBracketExpected: 'a closing ] was expected',
  EndOfFileExpected: 'text after the end of the JSON value',
  InvalidCommentToken: 'comments are not allowed in JSON',
  UnexpectedEndOfComment: 'comments are not allowed in JSON',
  UnexpectedEndOfString: 'a string is not closed',
  UnexpectedEndOfNumber: 'a number is cut short',
  InvalidUnicode: 'an invalid \\u escape',
  InvalidEscapeCharacter: 'an invalid escape in a string',
  InvalidCharacter: 'a character a JSON string may not hold unescaped (a line break or tab?)',
};

/** 1-based line and column (in UTF-16 units, as editors count) of an offset in `text`. */
export function positionAt(text: string, offset: number): Position {
  const before = text.slice(0, offset);
  const lineStart = before.lastIndexOf('\n') + 1;
  return { line: before.split('\n').length, column: offset - lineStart + 1 };
}

/** Parses a JSON file's text; a syntax error names the file, line and column. */
export function parseJson(text: string, file: string): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    const errors: ParseError[] = [];
    parse(text, errors, { disallowComments: true, allowTrailingComma: false, allowEmptyContent: false });
    const first = errors[0];
    if (!first) throw new JsonSyntaxError(file, { line: 1, column: 1 }, (error as Error).message);
    const code = printParseErrorCode(first.error);
    throw new JsonSyntaxError(file, positionAt(text, first.offset), WORDS[code] ?? code);
  }
}

/** Where the value at a JSON path (["layer", 0, "encoding", "x", "field"]) starts in `text`. */
export function positionOf(text: string, path: readonly (string | number)[]): Position | undefined {
  const root = parseTree(text);
  const node = root && findNodeAtLocation(root, [...path]);
  return node ? positionAt(text, node.offset) : undefined;
}
