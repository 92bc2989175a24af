import { BACKSLASH, CLOSE_BRACE, CLOSE_BRACKET, COLON, COMMA, OPEN_BRACE, OPEN_BRACKET, QUOTE } from './json-chars.js';

/**
 * Reads a large JSON object from its UTF-8 bytes one member at a time: the object's own structure (braces,
 * keys, colons, commas) is scanned here, and every value is parsed on its own by `JSON.parse`. One member,
 * `streamed`, must hold an object, whose members are handed to `onMember` as they are parsed.
 *
 * Why: `JSON.parse` of a whole 135 MB baseline first decodes it into one string (twice its size in V8 when a
 * single character is outside Latin-1), then builds every entry at once; its peak was 690 MB for 174 MB of
 * result. Scanning the bytes keeps only the bytes and the result.
 *
 * Returns the other top-level members, parsed; undefined when the bytes are not such an object (no `streamed`
 * object, or two), or not valid JSON: the caller then parses the whole text, for its error message and JSON's
 * own rules. `onMember` may have been called for some members before that.
 */
export function readJsonObjectMembers(
  bytes: Buffer,
  streamed: string,
  onMember: (name: string, value: unknown) => void,
): Record<string, unknown> | undefined {
  const n = bytes.length;
  let i = 0;
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
  /**
   * The members of the object at i (a `{`), each passed to `each` with its value's offsets; i is left past the
   * closing brace. False when the object's own structure is not valid JSON.
   */
  const members = (each: (name: string, from: number, to: number) => boolean): boolean => {
    if (bytes[i] !== OPEN_BRACE) return false;
    i++;
    skipSpace();
    if (bytes[i] === CLOSE_BRACE) {
      i++;
      return true;
    }
    for (;;) {
      skipSpace();
      if (bytes[i] !== QUOTE) return false;
      const keyEnd = stringEnd(bytes, i);
      if (keyEnd < 0) return false;
      const key = parse(i, keyEnd);
      if (!key.ok) return false;
      i = keyEnd;
      skipSpace();
      if (bytes[i] !== COLON) return false;
      i++;
      skipSpace();
      const end = valueEnd(i);
      if (end <= i) return false;
      if (!each(key.value as string, i, end)) return false;
      i = end;
      skipSpace();
      if (bytes[i] === COMMA) {
        i++;
        continue;
      }
      if (bytes[i] === CLOSE_BRACE) {
        i++;
        return true;
      }
      return false;
    }
  };

  const others: Record<string, unknown> = {};
  let seen = false;
  skipSpace();
  const ok = members((name, from, to) => {
    if (name === streamed) {
      // Not an object, or a second one (JSON.parse would keep only the last): left to the caller's full parse.
      if (bytes[from] !== OPEN_BRACE || seen) return false;
      seen = true;
      const save = i;
      i = from;
      const inner = members((key, vFrom, vTo) => {
        const v = parse(vFrom, vTo);
        if (v.ok) onMember(key, v.value);
        return v.ok;
      });
      const end = i;
      i = save;
      return inner && end === to;
    }
    const v = parse(from, to);
    if (!v.ok) return false;
    others[name] = v.value;
    return true;
  });
  if (!ok || !seen) return undefined;
  skipSpace();
  return i === n ? others : undefined;
}

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
