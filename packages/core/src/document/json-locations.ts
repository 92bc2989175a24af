import { visit, printParseErrorCode, parse as parseJsonc, type ParseError } from 'jsonc-parser';
import { escapePointerSegment } from './pointer.js';

/** Offsets of a JSON node: its value [start, end) and, for an object member, its key [keyStart, keyEnd). */
export interface JsonSpan {
  start: number;
  end: number;
  keyStart?: number;
  keyEnd?: number;
}

interface Frame {
  pointer: string;
  isArray: boolean;
  start: number;
  index: number;
  key?: string;
  keyStart?: number;
  keyEnd?: number;
}

/**
 * One pass over a JSON text (jsonc-parser's visitor: no tree is built) that maps every node's JSON pointer
 * to its offsets. Built on the first location request of a file, i.e. only for files with findings.
 */
export function indexJsonLocations(text: string): Map<string, JsonSpan> {
  const spans = new Map<string, JsonSpan>();
  const stack: Frame[] = [];
  const childPointer = (): { pointer: string; keyStart?: number; keyEnd?: number } => {
    const top = stack[stack.length - 1];
    if (!top) return { pointer: '' };
    if (top.isArray) return { pointer: `${top.pointer}/${top.index}` };
    return { pointer: `${top.pointer}/${escapePointerSegment(top.key ?? '')}`, keyStart: top.keyStart, keyEnd: top.keyEnd };
  };
  const open = (offset: number, isArray: boolean) => {
    const c = childPointer();
    stack.push({ pointer: c.pointer, isArray, start: offset, index: 0 });
    spans.set(c.pointer, { start: offset, end: offset + 1, keyStart: c.keyStart, keyEnd: c.keyEnd });
  };
  const close = (offset: number, length: number) => {
    const f = stack.pop();
    if (!f) return;
    const s = spans.get(f.pointer);
    if (s) s.end = offset + length;
  };
  visit(
    text,
    {
      onObjectBegin: (offset) => open(offset, false),
      onArrayBegin: (offset) => open(offset, true),
      onObjectEnd: close,
      onArrayEnd: close,
      onObjectProperty(property, offset, length) {
        const top = stack[stack.length - 1];
        if (top) {
          top.key = property;
          top.keyStart = offset;
          top.keyEnd = offset + length;
        }
      },
      onLiteralValue(_value, offset, length) {
        const c = childPointer();
        spans.set(c.pointer, { start: offset, end: offset + length, keyStart: c.keyStart, keyEnd: c.keyEnd });
      },
      onSeparator(ch) {
        const top = stack[stack.length - 1];
        if (ch === ',' && top?.isArray) top.index++;
      },
    },
    { disallowComments: false, allowTrailingComma: true },
  );
  return spans;
}

/** The first syntax error of a JSON text (jsonc-parser, strict JSON: comments and trailing commas are errors). */
export function firstJsonError(text: string): { message: string; offset: number; length: number } | undefined {
  const errors: ParseError[] = [];
  parseJsonc(text, errors, { disallowComments: true, allowTrailingComma: false, allowEmptyContent: false });
  const e = errors[0];
  if (!e) return undefined;
  return { message: describeParseError(printParseErrorCode(e.error)), offset: e.offset, length: e.length };
}

const MESSAGES: Record<string, string> = {
  InvalidSymbol: 'unexpected character',
  InvalidNumberFormat: 'invalid number',
  PropertyNameExpected: 'property name expected',
  ValueExpected: 'value expected',
  ColonExpected: 'colon expected',
  CommaExpected: 'comma expected',
  CloseBraceExpected: 'closing brace "}" expected',
  CloseBracketExpected: 'closing bracket "]" expected',
  EndOfFileExpected: 'end of file expected',
  InvalidCommentToken: 'comments are not allowed in JSON',
  UnexpectedEndOfComment: 'unexpected end of comment',
  UnexpectedEndOfString: 'unterminated string',
  UnexpectedEndOfNumber: 'unexpected end of number',
  InvalidUnicode: 'invalid unicode escape',
  InvalidEscapeCharacter: 'invalid escape character',
  InvalidCharacter: 'invalid character in string',
};

function describeParseError(code: string): string {
  return MESSAGES[code] ?? code;
}
