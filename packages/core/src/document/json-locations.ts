import { printParseErrorCode, parse as parseJsonc, type ParseError } from 'jsonc-parser';
import { BACKSLASH, CLOSE_BRACE, CLOSE_BRACKET, COLON, COMMA, OPEN_BRACE, OPEN_BRACKET, QUOTE } from '../util/json-chars.js';

/** Offsets of a JSON node: its value [start, end) and, for an object member, its key [keyStart, keyEnd). */
export interface JsonSpan {
  start: number;
  end: number;
  keyStart?: number;
  keyEnd?: number;
}

const FIELDS = 6; // per node: start, end, keyStart, keyEnd, firstChild, nextSibling
const START = 0;
const END = 1;
const KEY_START = 2;
const KEY_END = 3;
const FIRST_CHILD = 4;
const NEXT_SIBLING = 5;

/** Containers with more children than this get a lookup table (below it, walking the siblings is cheaper). */
const SMALL = 32;


/**
 * Whether text[from, to) holds a backslash (an escape). A bounded loop: `indexOf` from `from` would search to
 * the end of a large file on every call when there is none.
 */
export function hasBackslash(text: string, from: number, to: number): boolean {
  for (let i = from; i < to; i++) if (text.charCodeAt(i) === BACKSLASH) return true;
  return false;
}

/** Offset just past the string literal that opens at `i` (a `"`), in text known to be valid JSON. */
function stringEnd(text: string, i: number): number {
  let q = text.indexOf('"', i + 1);
  for (;;) {
    if (q < 0) return text.length;
    let backslashes = 0;
    for (let k = q - 1; text.charCodeAt(k) === BACKSLASH; k--) backslashes++;
    if (backslashes % 2 === 0) return q + 1;
    q = text.indexOf('"', q + 1);
  }
}

/** Offset just past the number or literal (`true`, `false`, `null`) that starts at `i`. */
function scalarEnd(text: string, i: number): number {
  let j = i + 1;
  for (; j < text.length; j++) {
    const c = text.charCodeAt(j);
    if (c === COMMA || c === CLOSE_BRACE || c === CLOSE_BRACKET || c <= 0x20) break;
  }
  return j;
}

/**
 * Where every node of a JSON text is: one scan over text that JSON.parse has already accepted (so no
 * validation is needed), recording each node's offsets in a flat Int32Array — no strings, no objects per
 * node. A pointer is then resolved by walking the children of each level, comparing keys in place.
 * Built on the first location request of a file, i.e. only for files with findings.
 */
export class JsonLocationIndex {
  private nodes: Int32Array;
  private count = 0;
  /** Item tables of large arrays and key maps of large objects, built on first lookup. */
  private readonly arrayItems = new Map<number, Int32Array>();
  private readonly objectKeys = new Map<number, Map<string, number>>();
  /** The last pointer asked for, where each of its segments that was found ends, and the node each leads to. */
  private lastPointer = '';
  private readonly lastEnds: number[] = [];
  private readonly lastIds: number[] = [];

  constructor(private readonly text: string) {
    this.nodes = new Int32Array(Math.max(64, (text.length >> 3) * FIELDS));
    this.build();
  }

  private add(start: number, keyStart: number, keyEnd: number, parent: number, prev: number): number {
    if ((this.count + 1) * FIELDS > this.nodes.length) {
      const grown = new Int32Array(this.nodes.length * 2);
      grown.set(this.nodes);
      this.nodes = grown;
    }
    const id = this.count++;
    const o = id * FIELDS;
    const n = this.nodes;
    n[o + START] = start;
    n[o + END] = start + 1;
    n[o + KEY_START] = keyStart;
    n[o + KEY_END] = keyEnd;
    n[o + FIRST_CHILD] = -1;
    n[o + NEXT_SIBLING] = -1;
    if (prev >= 0) n[prev * FIELDS + NEXT_SIBLING] = id;
    else if (parent >= 0) n[parent * FIELDS + FIRST_CHILD] = id;
    return id;
  }

  private build(): void {
    const t = this.text;
    const len = t.length;
    // Open containers, with the last child added to each (to link siblings) and whether it is an object.
    const open: number[] = [];
    const lastChild: number[] = [];
    const isObject: boolean[] = [];
    let expectKey = false;
    let keyStart = -1;
    let keyEnd = -1;
    let i = 0;
    while (i < len) {
      const c = t.charCodeAt(i);
      if (c <= 0x20 || c === COLON) {
        i++;
        continue;
      }
      const depth = open.length - 1;
      if (c === COMMA) {
        expectKey = depth >= 0 && isObject[depth];
        i++;
        continue;
      }
      if (c === CLOSE_BRACE || c === CLOSE_BRACKET) {
        const id = open.pop()!;
        lastChild.pop();
        isObject.pop();
        this.nodes[id * FIELDS + END] = i + 1;
        expectKey = false;
        i++;
        continue;
      }
      if (expectKey) {
        keyStart = i;
        keyEnd = stringEnd(t, i);
        i = keyEnd;
        expectKey = false;
        continue;
      }
      const parent = depth >= 0 ? open[depth] : -1;
      const id = this.add(i, keyStart, keyEnd, parent, depth >= 0 ? lastChild[depth] : -1);
      if (depth >= 0) lastChild[depth] = id;
      keyStart = keyEnd = -1;
      if (c === OPEN_BRACE || c === OPEN_BRACKET) {
        open.push(id);
        lastChild.push(-1);
        isObject.push(c === OPEN_BRACE);
        expectKey = c === OPEN_BRACE;
        i++;
        continue;
      }
      i = c === QUOTE ? stringEnd(t, i) : scalarEnd(t, i);
      this.nodes[id * FIELDS + END] = i;
      if (depth < 0) break; // a scalar document
    }
  }

  /** Whether the key of node `id` is `name` (compared in place; keys with escapes are decoded). */
  private keyIs(id: number, name: string): boolean {
    const o = id * FIELDS;
    const ks = this.nodes[o + KEY_START] + 1;
    const ke = this.nodes[o + KEY_END] - 1;
    if (!hasBackslash(this.text, ks, ke)) return ke - ks === name.length && this.text.startsWith(name, ks);
    return JSON.parse(this.text.slice(ks - 1, ke + 1)) === name;
  }

  /**
   * Whether the key of node `id` is the pointer segment `pointer[from, to)`, which has no `~` escape: compared
   * character by character, in place (no string is made); a key written with a backslash escape is decoded.
   */
  private keyIsSegment(id: number, pointer: string, from: number, to: number): boolean {
    const o = id * FIELDS;
    const ks = this.nodes[o + KEY_START] + 1;
    const ke = this.nodes[o + KEY_END] - 1;
    const t = this.text;
    if (ke - ks === to - from) {
      let i = 0;
      for (; from + i < to; i++) {
        const c = t.charCodeAt(ks + i);
        if (c === BACKSLASH) break;
        if (c !== pointer.charCodeAt(from + i)) return false;
      }
      if (from + i === to) return true;
    }
    // Lengths differ, or an escape: only a key written with escapes can still be the same name.
    return hasBackslash(t, ks, ke) && this.keyIs(id, pointer.slice(from, to));
  }

  /** The child of container `id` at the pointer segment `pointer[from, to)` (-1: none). */
  private child(id: number, pointer: string, from: number, to: number): number {
    const n = this.nodes;
    const o = id * FIELDS;
    if (this.text.charCodeAt(n[o + START]) === OPEN_BRACKET) {
      const k = arrayIndex(pointer, from, to);
      if (k < 0) return -1;
      // Large arrays (100,000 panels) get a table of their items on first use: walking the siblings for
      // every lookup would make locating all their findings quadratic.
      let items = this.arrayItems.get(id);
      if (!items && this.isLarge(id)) this.arrayItems.set(id, (items = this.childList(id)));
      if (items) return k < items.length ? items[k] : -1;
      let c = n[o + FIRST_CHILD];
      for (let i = k; c >= 0 && i-- > 0; ) c = n[c * FIELDS + NEXT_SIBLING];
      return c;
    }
    let keys = this.objectKeys.get(id);
    if (!keys && this.isLarge(id)) {
      keys = new Map();
      // Like JSON.parse, the last of duplicate keys wins.
      for (const c of this.childList(id)) keys.set(this.keyOf(c), c);
      this.objectKeys.set(id, keys);
    }
    const tilde = pointer.indexOf('~', from);
    const escaped = tilde >= 0 && tilde < to;
    if (keys || escaped) {
      const raw = pointer.slice(from, to);
      const seg = escaped ? raw.replace(/~1/g, '/').replace(/~0/g, '~') : raw;
      if (keys) return keys.get(seg) ?? -1;
      let found = -1;
      for (let c = n[o + FIRST_CHILD]; c >= 0; c = n[c * FIELDS + NEXT_SIBLING]) if (this.keyIs(c, seg)) found = c;
      return found;
    }
    let found = -1;
    for (let c = n[o + FIRST_CHILD]; c >= 0; c = n[c * FIELDS + NEXT_SIBLING]) if (this.keyIsSegment(c, pointer, from, to)) found = c;
    return found;
  }

  /** Whether node `id` has more than SMALL children (counting stops there). */
  private isLarge(id: number): boolean {
    const n = this.nodes;
    let count = 0;
    for (let c = n[id * FIELDS + FIRST_CHILD]; c >= 0; c = n[c * FIELDS + NEXT_SIBLING]) if (++count > SMALL) return true;
    return false;
  }

  private childList(id: number): Int32Array {
    const n = this.nodes;
    let count = 0;
    for (let c = n[id * FIELDS + FIRST_CHILD]; c >= 0; c = n[c * FIELDS + NEXT_SIBLING]) count++;
    const list = new Int32Array(count);
    let i = 0;
    for (let c = n[id * FIELDS + FIRST_CHILD]; c >= 0; c = n[c * FIELDS + NEXT_SIBLING]) list[i++] = c;
    return list;
  }

  /** The decoded key of node `id`. */
  private keyOf(id: number): string {
    const o = id * FIELDS;
    const ks = this.nodes[o + KEY_START];
    const ke = this.nodes[o + KEY_END];
    return hasBackslash(this.text, ks + 1, ke - 1) ? (JSON.parse(this.text.slice(ks, ke)) as string) : this.text.slice(ks + 1, ke - 1);
  }

  /** Offsets of the node at an RFC 6901 pointer, or undefined when there is no such node. */
  span(pointer: string): JsonSpan | undefined {
    if (this.count === 0) return undefined;
    const id = this.nodeAt(pointer);
    if (id < 0) return undefined;
    const o = id * FIELDS;
    const n = this.nodes;
    const span: JsonSpan = { start: n[o + START], end: n[o + END] };
    if (n[o + KEY_START] >= 0) {
      span.keyStart = n[o + KEY_START];
      span.keyEnd = n[o + KEY_END];
    }
    return span;
  }

  /**
   * The node at a pointer (-1: none). Pointers are asked for in runs that share a prefix (a panel's title,
   * then its targets' expressions): the segments this pointer shares with the last one resolved are not looked
   * up again, and segments are compared in place, so no string is made or hashed per lookup.
   */
  private nodeAt(pointer: string): number {
    if (pointer === '') return 0;
    if (pointer.charCodeAt(0) !== 0x2f) return -1;
    const last = this.lastPointer;
    const ends = this.lastEnds;
    const ids = this.lastIds;
    // The segments shared with the last pointer: compare up to the first difference, then back to a boundary.
    const max = Math.min(last.length, pointer.length);
    let same = 0;
    while (same < max && last.charCodeAt(same) === pointer.charCodeAt(same)) same++;
    let k = 0;
    while (k < ends.length && ends[k] <= same && (ends[k] === pointer.length || pointer.charCodeAt(ends[k]) === 0x2f)) k++;
    ends.length = ids.length = k;
    this.lastPointer = pointer;
    if (k > 0 && ends[k - 1] === pointer.length) return ids[k - 1]; // the same pointer, or one of its containers
    let id = k > 0 ? ids[k - 1] : 0;
    let from = k > 0 ? ends[k - 1] + 1 : 1;
    for (;;) {
      let to = pointer.indexOf('/', from);
      if (to < 0) to = pointer.length;
      id = this.child(id, pointer, from, to);
      // Not found: `ends` and `ids` keep the segments that were (all the next pointer can reuse).
      if (id < 0) return -1;
      ends.push(to);
      ids.push(id);
      if (to === pointer.length) return id;
      from = to + 1;
    }
  }
}

/** The array index a pointer segment `pointer[from, to)` names (digits, no leading zero), or -1. */
function arrayIndex(pointer: string, from: number, to: number): number {
  if (to === from || to - from > 15) return -1;
  if (pointer.charCodeAt(from) === 0x30 /* 0 */ && to - from > 1) return -1;
  let k = 0;
  for (let i = from; i < to; i++) {
    const d = pointer.charCodeAt(i) - 0x30;
    if (d < 0 || d > 9) return -1;
    k = k * 10 + d;
  }
  return k;
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
