import { lazyDocumentRef, type ParsedDocument } from './document.js';
import { hasBackslash } from './json-locations.js';
import { getAtPointer } from './pointer.js';
import { isYamlDocument } from './yaml-document.js';
import type { NodeRef } from '../source/node-ref.js';
import { sharedWork } from '../runner/shared-work.js';

/**
 * Maps offsets inside a decoded string value (a PromQL expression, a template) to offsets in the file,
 * for YAML plain/quoted/block scalars and JSON strings: escapes, quote doubling, line folding and block
 * indentation are undone character by character.
 */
export interface StringOffsetMap {
  /** The decoded string value. */
  readonly value: string;
  /** False when the source could not be mapped character by character: every offset maps to the value's start. */
  readonly exact: boolean;
  /** File offset of the character at `offset` in the value (offsets at or past the end map just past the last character). */
  toFile(offset: number): number;
  /** File offsets of the value range [from, to). */
  rangeToFile(from: number, to: number): { start: number; end: number };
}

function makeMap(value: string, offs: ArrayLike<number> | undefined, start: number, end: number): StringOffsetMap {
  const exact = offs !== undefined;
  const toFile = (o: number): number => {
    if (!offs) return start;
    if (offs.length === 0) return start;
    if (o < 0) return offs[0];
    if (o < offs.length) return offs[o];
    return offs[offs.length - 1] + 1;
  };
  return {
    value,
    exact,
    toFile,
    rangeToFile(from, to) {
      if (!offs) return { start, end };
      const s = toFile(from);
      const e = to > from ? toFile(to - 1) + 1 : s;
      return { start: s, end: Math.max(s, e) };
    },
  };
}

/** The map of a value written out verbatim from file offset `base` (no escapes): offset o is at base + o. */
function makeShiftedMap(value: string, base: number, start: number, end: number): StringOffsetMap {
  const n = value.length;
  const toFile = (o: number): number => (n === 0 ? start : o < 0 ? base : o < n ? base + o : base + n);
  return {
    value,
    exact: true,
    toFile,
    rangeToFile(from, to) {
      const s = toFile(from);
      const e = to > from ? toFile(to - 1) + 1 : s;
      return { start: s, end: Math.max(s, e) };
    },
  };
}

const DOUBLE_ESCAPES: Record<string, string> = {
  '0': '\0', a: '\x07', b: '\b', t: '\t', '\t': '\t', n: '\n', v: '\v', f: '\f', r: '\r', e: '\x1b', ' ': ' ',
  '"': '"', '/': '/', '\\': '\\', N: '\u0085', _: '\u00a0', L: '\u2028', P: '\u2029',
};
const HEX_ESCAPES: Record<string, number> = { x: 2, u: 4, U: 8 };

function isLineBreak(c: string): boolean {
  return c === '\n' || c === '\r';
}

/** Skips one line break (\n, \r\n or \r) at i; returns the index after it. */
function skipBreak(src: string, i: number): number {
  return src[i] === '\r' && src[i + 1] === '\n' ? i + 2 : i + 1;
}

/**
 * Decodes a YAML flow scalar's content (plain, or the inside of quotes) with its offsets: line folding
 * (one break = space, n breaks = n-1 newlines, surrounding whitespace trimmed), quote escapes.
 */
function decodeFlow(src: string, base: number, style: 'plain' | 'single' | 'double'): { out: string; offs: number[] } {
  let out = '';
  const offs: number[] = [];
  const emit = (s: string, at: number) => {
    out += s;
    offs.push(at);
  };
  let i = 0;
  while (i < src.length) {
    const c = src[i];
    if (isLineBreak(c)) {
      // Trim trailing white space of the line, then fold the breaks.
      while (out.length && (out.endsWith(' ') || out.endsWith('\t')) && src[offs[offs.length - 1] - base] !== '\\') {
        out = out.slice(0, -1);
        offs.pop();
      }
      const at = base + i;
      let breaks = 0;
      while (i < src.length && (isLineBreak(src[i]) || src[i] === ' ' || src[i] === '\t')) {
        if (isLineBreak(src[i])) {
          breaks++;
          i = skipBreak(src, i);
        } else i++;
      }
      if (breaks === 1) emit(' ', at);
      else for (let k = 1; k < breaks; k++) emit('\n', at);
      continue;
    }
    if (style === 'single' && c === "'" && src[i + 1] === "'") {
      emit("'", base + i);
      i += 2;
      continue;
    }
    if (style === 'double' && c === '\\') {
      const n = src[i + 1];
      if (n !== undefined && isLineBreak(n)) {
        // Escaped line break: joins the lines without a space.
        i = skipBreak(src, i + 1);
        while (i < src.length && (src[i] === ' ' || src[i] === '\t')) i++;
        continue;
      }
      if (n !== undefined && n in HEX_ESCAPES) {
        const len = HEX_ESCAPES[n];
        const code = parseInt(src.slice(i + 2, i + 2 + len), 16);
        emit(Number.isNaN(code) ? '' : String.fromCodePoint(code), base + i);
        i += 2 + len;
        continue;
      }
      if (n !== undefined && n in DOUBLE_ESCAPES) {
        emit(DOUBLE_ESCAPES[n], base + i);
        i += 2;
        continue;
      }
    }
    emit(c, base + i);
    i++;
  }
  return { out, offs };
}

/** A flow scalar's source that `decodeFlow` leaves as written: one line, no escapes or doubled quotes. */
function isVerbatimFlow(src: string, style: 'plain' | 'single' | 'double'): boolean {
  if (src.includes('\n') || src.includes('\r')) return false;
  return style === 'single' ? !src.includes("'") : style === 'plain' || !src.includes('\\');
}

/** Decodes a YAML block scalar (`|` or `>`, with indicators) with its offsets. */
function decodeBlock(src: string, base: number, folded: boolean): { out: string; offs: number[] } {
  const headerEnd = src.search(/\r?\n|\r/);
  if (headerEnd < 0) return { out: '', offs: [] };
  const lines: Array<{ text: string; at: number; breakAt: number }> = [];
  for (let i = skipBreak(src, headerEnd); i < src.length; ) {
    let j = i;
    while (j < src.length && !isLineBreak(src[j])) j++;
    lines.push({ text: src.slice(i, j), at: base + i, breakAt: base + j });
    i = j < src.length ? skipBreak(src, j) : j;
  }
  const first = lines.find((l) => l.text.trim() !== '');
  const indent = first ? /^ */.exec(first.text)![0].length : 0;
  let out = '';
  const offs: number[] = [];
  const emit = (s: string, at: number) => {
    out += s;
    offs.push(at);
  };
  let prev: { more: boolean; breakAt: number } | undefined;
  let empties: number[] = [];
  for (const l of lines) {
    if (l.text.trim() === '') {
      empties.push(l.breakAt);
      continue;
    }
    const content = l.text.slice(indent);
    const more = /^[ \t]/.test(content);
    if (prev && (!folded || prev.more || more)) {
      emit('\n', prev.breakAt);
      for (const b of empties) emit('\n', b);
    } else if (prev && empties.length === 0) emit(' ', prev.breakAt);
    else for (const b of empties) emit('\n', b);
    empties = [];
    for (let k = 0; k < content.length; k++) emit(content[k], l.at + indent + k);
    prev = { more, breakAt: l.breakAt };
  }
  return { out, offs };
}

/** Decodes the JSON string literal starting at `base` in `src` (quotes included) with its offsets. */
/**
 * File offsets of each UTF-16 unit of a JSON string literal's value, for the literal at [start, end) of
 * `text` (already accepted by JSON.parse, so well formed). Undefined when the count does not match `value`.
 */
function jsonStringOffsets(text: string, start: number, end: number, value: string): Int32Array | undefined {
  const offs = new Int32Array(value.length);
  let n = 0;
  for (let i = start + 1; i < end - 1; ) {
    if (n >= offs.length) return undefined;
    const c = text.charCodeAt(i);
    if (c !== 0x5c) {
      // Unescaped characters must be the value's own: text that is not this literal (an embedding YAML
      // string with escapes of its own) gives no exact map.
      if (c !== value.charCodeAt(n)) return undefined;
      offs[n++] = i++;
    } else {
      offs[n++] = i;
      i += text.charCodeAt(i + 1) === 0x75 /* u */ ? 6 : 2;
    }
  }
  return n === value.length ? offs : undefined;
}

/** Maps a YAML scalar's source (from its `range`) to the offsets of its decoded value. */
export function mapYamlScalarSource(
  text: string,
  start: number,
  end: number,
  type: string | undefined,
  value: string,
): StringOffsetMap {
  const src = text.slice(start, end);
  let dec: { out: string; offs: number[] } | undefined;
  if (type === 'BLOCK_LITERAL' || type === 'BLOCK_FOLDED') dec = decodeBlock(src, start, type === 'BLOCK_FOLDED');
  else {
    const quoted = type === 'QUOTE_DOUBLE' || type === 'QUOTE_SINGLE';
    const inner = quoted ? src.slice(1, src.endsWith(src[0]) && src.length > 1 ? -1 : undefined) : src;
    const style = type === 'QUOTE_DOUBLE' ? 'double' : type === 'QUOTE_SINGLE' ? 'single' : 'plain';
    const base = quoted ? start + 1 : start;
    // The usual `expr`: a one-line scalar without escapes, whose value offsets are file offsets shifted.
    if (inner === value && isVerbatimFlow(inner, style)) return makeShiftedMap(value, base, start, end);
    dec = decodeFlow(inner, base, style);
  }
  const ok = dec.out === value || dec.out.trimEnd() === value.trimEnd();
  return makeMap(value, ok ? dec.offs : undefined, start, end);
}

/**
 * The offset map of the string value at `pointer` in a JSON or YAML document, or undefined when there is
 * no string there (`knownValue`: the value, when the caller already has it). When the source cannot be mapped exactly (e.g. a JSON document embedded in a YAML
 * string), the map is inexact and points every offset at the value's start.
 */
export function stringValueOffsets(doc: ParsedDocument, pointer: string, knownValue?: string): StringOffsetMap | undefined {
  let value: unknown = knownValue;
  if (value === undefined) {
    try {
      value = getAtPointer(doc.value, pointer);
    } catch {
      return undefined;
    }
  }
  if (typeof value !== 'string') return undefined;
  const text = doc.file.text;
  if (isYamlDocument(doc)) {
    const scalar = doc.scalarAt(pointer);
    if (!scalar) {
      const r = doc.locate(pointer);
      return r ? makeMap(value, undefined, r.startOffset, r.endOffset) : undefined;
    }
    return mapYamlScalarSource(text, scalar.start, scalar.end, scalar.type, value);
  }
  const r = doc.locate(pointer);
  if (!r) return undefined;
  // The common case, a string without escapes: value offsets are file offsets shifted by the opening quote.
  if (r.endOffset - r.startOffset === value.length + 2 && text.charCodeAt(r.startOffset) === 0x22 && !hasBackslash(text, r.startOffset, r.endOffset)) {
    return makeShiftedMap(value, r.startOffset + 1, r.startOffset, r.endOffset);
  }
  if (text.charCodeAt(r.startOffset) === 0x22 && text.charCodeAt(r.endOffset - 1) === 0x22 && r.endOffset - r.startOffset >= 2) {
    const offs = jsonStringOffsets(text, r.startOffset, r.endOffset, value);
    if (offs) return makeMap(value, offs, r.startOffset, r.endOffset);
  }
  return makeMap(value, undefined, r.startOffset, r.endOffset);
}

/**
 * A NodeRef for the range [from, to) of the string value at `pointer` (e.g. a selector inside an `expr`);
 * the whole value's node when the value cannot be mapped exactly.
 */
export function stringRangeRef(doc: ParsedDocument, pointer: string, from: number, to: number): NodeRef {
  return stringRangeRefs(doc, pointer)(from, to);
}

/**
 * `stringRangeRef` for many ranges of one string value (the selectors, matchers and functions of an `expr`):
 * the value's offset map is computed once, at the first range asked for (`knownValue`: the value, when the
 * caller already has it).
 */
export function stringRangeRefs(doc: ParsedDocument, pointer: string, knownValue?: string): (from: number, to: number) => NodeRef {
  let map: StringOffsetMap | undefined | null = null;
  return (from, to) => lazyStringRangeRef(doc, pointer, () => (map === null ? (map = stringValueOffsets(doc, pointer, knownValue)) : map), from, to);
}

/**
 * A NodeRef for [from, to) of the string value at `pointer`, located only when its range is asked for: a
 * summary of a file outside the shard, whose findings are not reported, records where each query reads a
 * metric without ever locating it. `offsets` gives the value's offset map (computed once per value by the
 * caller); the whole value's node stands in when the value cannot be mapped exactly.
 */
export function lazyStringRangeRef(doc: ParsedDocument, pointer: string, offsets: () => StringOffsetMap | undefined, from: number, to: number): NodeRef {
  // Locating a finding (--timing counts it apart from the rule's own time).
  return lazyDocumentRef(doc, pointer, () =>
    sharedWork('locate', () => {
      const map = offsets();
      if (!map || !map.exact) return doc.ref(pointer).range();
      const { start, end } = map.rangeToFile(from, to);
      return doc.file.rangeOf(start, end);
    }),
  );
}
