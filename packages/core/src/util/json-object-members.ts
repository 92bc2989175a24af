import { readSync } from 'node:fs';
import { setOwn } from './own-property.js';
import { BACKSLASH, CLOSE_BRACE, CLOSE_BRACKET, COLON, COMMA, OPEN_BRACE, OPEN_BRACKET, QUOTE } from './json-chars.js';

/**
 * Where `readJsonObjectMembers` reads bytes from: a buffer holding them all, or a reader that fills `into`
 * from `offset` with up to `length` further bytes and returns how many it gave (0 at the end).
 */
export type JsonByteSource = Buffer | ((into: Buffer, offset: number, length: number) => number);

/** A source reading an open file descriptor from its current position. */
export function fileByteSource(fd: number): JsonByteSource {
  return (into, offset, length) => readSync(fd, into, offset, length, null);
}

/** Bytes read at a time from a reader, unless one member needs more. */
const WINDOW_BYTES = 1 << 20;

/**
 * Reads a large JSON object from its UTF-8 bytes one member at a time: the object's own structure (braces,
 * keys, colons, commas) is scanned here, and every value is parsed on its own by `JSON.parse`. One member,
 * `streamed`, must hold an object, whose members are handed to `onMember` as they are parsed.
 *
 * Why: `JSON.parse` of a whole 135 MB baseline first decodes it into one string (twice its size in V8 when a
 * single character is outside Latin-1), then builds every entry at once; its peak was 690 MB for 174 MB of
 * result. Scanning the bytes keeps only the bytes and the result; from a reader, only a window of the bytes
 * (1 MB, or the largest member) is held.
 *
 * Returns the other top-level members, parsed; undefined when the bytes are not such an object (no `streamed`
 * object, or two), or not valid JSON: the caller then parses the whole text, for its error message and JSON's
 * own rules. `onMember` may have been called for some members before that.
 */
export function readJsonObjectMembers(
  source: JsonByteSource,
  streamed: string,
  onMember: (name: string, value: unknown) => void,
  { windowBytes = WINDOW_BYTES }: { windowBytes?: number } = {},
): Record<string, unknown> | undefined {
  const read = typeof source === 'function' ? source : undefined;
  /** The bytes held: `bytes[0, n)` of the window, the whole input for a buffer. */
  let window = typeof source === 'function' ? Buffer.allocUnsafe(Math.max(1, windowBytes)) : source;
  let n = typeof source === 'function' ? 0 : source.length;
  let eof = typeof source !== 'function';
  /** `window` up to `n` (reading past it gives undefined, never an earlier window's bytes). */
  let bytes = window.subarray(0, n);
  /** Where the step under way started: the window keeps the bytes from here on. */
  let mark = 0;
  let i = 0;

  /** Reads more, keeping the bytes from `mark` on (moved to the start; the window doubles when they fill it). */
  const refill = (): boolean => {
    if (eof || !read) return false;
    if (mark > 0) {
      window.copy(window, 0, mark, n);
      n -= mark;
      mark = 0;
    } else if (n === window.length) {
      const bigger = Buffer.allocUnsafe(window.length * 2);
      window.copy(bigger, 0, 0, n);
      window = bigger;
    }
    const got = read(window, n, window.length - n);
    if (got === 0) eof = true;
    n += got;
    bytes = window.subarray(0, n);
    return true;
  };

  const skipSpace = () => {
    while (i < n) {
      const c = bytes[i];
      if (c !== 0x20 && c !== 0x0a && c !== 0x0d && c !== 0x09) return;
      i++;
    }
  };
  /**
   * Parses bytes[from, to) as one JSON value; `ok: false` when it is not one. Bytes that are not UTF-8 become
   * U+FFFD, as when the whole file is read as text.
   */
  const parse = (from: number, to: number): { ok: boolean; value?: unknown } => {
    try {
      return { ok: true, value: JSON.parse(bytes.toString('utf8', from, to)) };
    } catch {
      return { ok: false };
    }
  };
  /** Offset just past the value starting at `from`, or -1 (its syntax is left to `parse`). */
  const valueEnd = (from: number): number => {
    const c = bytes[from];
    if (c === QUOTE) return stringEnd(bytes, from);
    if (c !== OPEN_BRACE && c !== OPEN_BRACKET) {
      let j = from;
      while (j < n && !isDelimiter(bytes[j])) j++;
      return j;
    }
    let depth = 0;
    let j = from;
    while (j < n) {
      const d = bytes[j];
      if (d === QUOTE) {
        j = stringEnd(bytes, j);
        if (j < 0) return -1;
        continue;
      }
      if (d === OPEN_BRACE || d === OPEN_BRACKET) depth++;
      else if ((d === CLOSE_BRACE || d === CLOSE_BRACKET) && --depth === 0) return j + 1;
      j++;
    }
    return -1;
  };
  /** A member's name and where its value is, leaving i at the value; undefined when not there (yet). */
  const memberHead = (): string | undefined => {
    skipSpace();
    if (bytes[i] !== QUOTE) return undefined;
    const keyEnd = stringEnd(bytes, i);
    if (keyEnd < 0) return undefined;
    const key = parse(i, keyEnd);
    if (!key.ok) return undefined;
    i = keyEnd;
    skipSpace();
    if (bytes[i] !== COLON) return undefined;
    i++;
    skipSpace();
    return key.value as string;
  };
  /** Past the `,` or `}` that follows a member: the state after it; 'fail' when neither is there (yet). */
  const afterMember = (next: State, close: State): State => {
    skipSpace();
    const c = bytes[i++];
    return c === COMMA ? next : c === CLOSE_BRACE ? close : 'fail';
  };

  // Each step reads one piece (a member, a brace) from `mark` and gives the next state. A step that fails
  // before the end of the input may only have run out of window: it is run again over more bytes. Nothing is
  // handed on before its step has seen the delimiter after it, so no value is taken from a cut window.
  const others: Record<string, unknown> = {};
  let seen = false;
  const steps: Record<Exclude<State, 'fail' | 'done'>, () => State> = {
    open: () => {
      skipSpace();
      if (bytes[i++] !== OPEN_BRACE) return 'fail';
      skipSpace();
      if (bytes[i] !== CLOSE_BRACE) return 'top-member';
      i++;
      return 'end';
    },
    'top-member': () => {
      const name = memberHead();
      if (name === undefined) return 'fail';
      if (name === streamed) {
        // Not an object, or a second one (JSON.parse would keep only the last): left to the caller's full parse.
        if (bytes[i] !== OPEN_BRACE || seen) return 'fail';
        i++;
        skipSpace();
        const c = bytes[i];
        if (c === undefined) return 'fail';
        let next: State = 'inner-member';
        if (c === CLOSE_BRACE) {
          i++;
          next = afterMember('top-member', 'end');
        }
        if (next !== 'fail') seen = true;
        return next;
      }
      const end = valueEnd(i);
      if (end <= i) return 'fail';
      const v = parse(i, end);
      i = end;
      const next = afterMember('top-member', 'end');
      if (!v.ok || next === 'fail') return 'fail';
      setOwn(others, name, v.value);
      return next;
    },
    'inner-member': () => {
      const name = memberHead();
      if (name === undefined) return 'fail';
      const from = i;
      const end = valueEnd(i);
      if (end <= i) return 'fail';
      i = end;
      const next = afterMember('inner-member', 'after-streamed');
      if (next === 'fail') return 'fail';
      const v = parse(from, end);
      if (!v.ok) return 'fail';
      onMember(name, v.value);
      return next;
    },
    'after-streamed': () => afterMember('top-member', 'end'),
    end: () => {
      skipSpace();
      return i === n && eof ? 'done' : 'fail';
    },
  };
  let state: State = 'open';
  for (;;) {
    i = mark;
    const next: State = steps[state as keyof typeof steps]();
    if (next === 'done') return seen ? others : undefined;
    if (next !== 'fail') {
      state = next;
      mark = i;
    } else if (!refill()) return undefined;
  }
}

/** Where the reader is: before the object, at a member of it or of the streamed one, after the object; done or failed. */
type State = 'open' | 'top-member' | 'inner-member' | 'after-streamed' | 'end' | 'done' | 'fail';

/**
 * Offset just past the string literal opening at `i` (a `"`), or -1 when it is not closed. The closing quote is
 * found with Buffer's native search (strings are most of a baseline's bytes), then checked for escaping.
 */
function stringEnd(bytes: Buffer, i: number): number {
  let q = bytes.indexOf(QUOTE, i + 1);
  while (q >= 0) {
    let backslashes = 0;
    for (let k = q - 1; k > i && bytes[k] === BACKSLASH; k--) backslashes++;
    if (backslashes % 2 === 0) return q + 1;
    q = bytes.indexOf(QUOTE, q + 1);
  }
  return -1;
}

function isDelimiter(c: number): boolean {
  return c === COMMA || c === CLOSE_BRACE || c === CLOSE_BRACKET || c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09;
}
