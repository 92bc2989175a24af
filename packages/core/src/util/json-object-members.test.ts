import { closeSync, mkdtempSync, openSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fileByteSource, readJsonObjectMembers, type JsonByteSource } from './json-object-members.js';

const bytes = (s: string) => Buffer.from(s, 'utf8');

/** What JSON.parse makes of the text, in the function's terms (undefined: not such an object). */
function viaJsonParse(text: string, streamed: string): { others: Record<string, unknown>; members: Array<[string, unknown]> } | undefined {
  let v: unknown;
  try {
    v = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (typeof v !== 'object' || v === null || Array.isArray(v)) return undefined;
  const { [streamed]: inner, ...others } = v as Record<string, unknown>;
  if (typeof inner !== 'object' || inner === null || Array.isArray(inner)) return undefined;
  return { others, members: Object.entries(inner) };
}

/** A reader over the bytes that gives at most `step` bytes a call, as a file read through a small window. */
function reader(b: Buffer, step: number): JsonByteSource {
  let at = 0;
  return (into, offset, length) => {
    const got = b.copy(into, offset, at, at + Math.min(length, step));
    at += got;
    return got;
  };
}

/**
 * What the function gives, read from a buffer; checked to be the same when read through windows of 1 to 64
 * bytes (every member then crosses a window's end, and windows grow to hold a member).
 */
function read(text: string, streamed = 'findings') {
  const run = (source: JsonByteSource, windowBytes?: number) => {
    const members: Array<[string, unknown]> = [];
    const others = readJsonObjectMembers(source, streamed, (k, v) => members.push([k, v]), { windowBytes });
    return others && { others, members };
  };
  const whole = run(bytes(text));
  for (const [windowBytes, step] of [[1, 1], [7, 3], [64, 64], [1 << 20, 5]]) {
    const windowed = run(reader(bytes(text), step), windowBytes);
    // Members handed on before a failure are the caller's to drop; the outcome and the members read must agree.
    if (whole) expect(windowed, `window ${windowBytes}, ${step} bytes a read`).toEqual(whole);
    else expect(windowed, `window ${windowBytes}, ${step} bytes a read`).toBeUndefined();
  }
  return whole;
}

describe('readJsonObjectMembers', () => {
  it('gives what JSON.parse gives, whatever the spacing, escapes and values', () => {
    const key = fc.oneof(fc.string(), fc.constantFrom('a"b', 'a\\b', 'é', '😀', '__proto__', '__proto__x', 'version'));
    const value = fc.jsonValue({ maxDepth: 3 });
    fc.assert(
      fc.property(fc.dictionary(key, value, { maxKeys: 4 }), fc.dictionary(key, value, { maxKeys: 6 }), fc.integer({ min: 0, max: 4 }), fc.boolean(), (top, inner, indent, innerFirst) => {
        // Keys are kept apart from the streamed one (a repeated key is the whole parse's business).
        const others = Object.fromEntries(Object.entries(top).filter(([k]) => k !== 'findings'));
        const entries = innerFirst ? [['findings', inner], ...Object.entries(others)] : [...Object.entries(others), ['findings', inner]];
        const text = JSON.stringify(Object.fromEntries(entries), null, indent || undefined);
        const got = read(text);
        expect(got).toEqual(viaJsonParse(text, 'findings'));
      }),
      { numRuns: 300 },
    );
  });

  it('reads a baseline as written: version, then one entry per fingerprint, in order', () => {
    const text = '{\n  "version": 1,\n  "findings": {\n    "fp1": {\n      "ruleId": "r",\n      "file": "a.json",\n      "message": "Panel \\"x\\" — {}[],:",\n      "count": 2\n    },\n    "fp2": { "ruleId": "s", "file": "b.json", "count": 1 }\n  }\n}\n';
    expect(read(text)).toEqual({
      others: { version: 1 },
      members: [
        ['fp1', { ruleId: 'r', file: 'a.json', message: 'Panel "x" — {}[],:', count: 2 }],
        ['fp2', { ruleId: 's', file: 'b.json', count: 1 }],
      ],
    });
    expect(read('{"findings":{}}')).toEqual({ others: {}, members: [] });
  });

  it('is undefined for what is not valid JSON, or not an object with one streamed object', () => {
    for (const text of [
      '',
      '[]',
      '{',
      '{"findings":{"a":1,}}', // trailing comma
      '{"findings":{"a":1}} x',
      '{"findings":{"a" 1}}',
      '{"findings":{"a":01}}',
      "{'findings':{}}",
      '{"findings":{"a":"\\x"}}', // a bad escape
      '{"findings":{"a":"b}}',
      '{"findings":[]}',
      '{"version":1}',
      '{"findings":{},"findings":{}}', // JSON.parse keeps the last: left to it
      '\ufeff{"findings":{}}',
    ]) {
      expect(read(text), text).toBeUndefined();
    }
  });

  it('reads bytes that are not UTF-8 as reading the file as text does (U+FFFD)', () => {
    const text = Buffer.from([...Buffer.from('{"\u00e9":"'), 0xff, ...Buffer.from('","findings":{"a":"'), 0xc3, ...Buffer.from('"}}')]);
    const members: Array<[string, unknown]> = [];
    const others = readJsonObjectMembers(text, 'findings', (k, v) => members.push([k, v]));
    const whole = JSON.parse(text.toString('utf8')) as Record<string, unknown>;
    expect(others).toEqual({ é: whole['é'] });
    expect(members).toEqual(Object.entries(whole.findings as object));
    // Through a window that cuts the two-byte é: values are decoded only once whole.
    const windowed: Array<[string, unknown]> = [];
    expect(readJsonObjectMembers(reader(text, 2), 'findings', (k, v) => windowed.push([k, v]), { windowBytes: 3 })).toEqual(others);
    expect(windowed).toEqual(members);
  });

  it('reads a file through a window no larger than its largest member', () => {
    const dir = mkdtempSync(join(tmpdir(), 'obslint-members-'));
    try {
      const entries = Array.from({ length: 2000 }, (_, k) => [`fp${k}`, { ruleId: 'r', file: `f${k % 7}.json`, message: 'é'.repeat(k % 50), count: 1 + (k % 3) }] as const);
      const path = join(dir, 'b.json');
      writeFileSync(path, JSON.stringify({ version: 1, findings: Object.fromEntries(entries) }, null, 2));
      const fd = openSync(path, 'r');
      const members: Array<[string, unknown]> = [];
      let reads = 0;
      const source = fileByteSource(fd) as (into: Buffer, offset: number, length: number) => number;
      try {
        const others = readJsonObjectMembers((into, offset, length) => (reads++, source(into, offset, length)), 'findings', (k, v) => members.push([k, v]), { windowBytes: 4096 });
        expect(others).toEqual({ version: 1 });
      } finally {
        closeSync(fd);
      }
      expect(members).toEqual(entries);
      // ~250 KB read 4 KB at a time (and again where a window was moved), never all at once.
      expect(reads).toBeGreaterThan(50);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
