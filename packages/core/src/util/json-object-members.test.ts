import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { readJsonObjectMembers } from './json-object-members.js';

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

function read(text: string, streamed = 'findings') {
  const members: Array<[string, unknown]> = [];
  const others = readJsonObjectMembers(bytes(text), streamed, (k, v) => members.push([k, v]));
  return others && { others, members };
}

describe('readJsonObjectMembers', () => {
  it('gives what JSON.parse gives, whatever the spacing, escapes and values', () => {
    const key = fc.oneof(fc.string(), fc.constantFrom('a"b', 'a\\b', 'é', '😀', '__proto__x', 'version'));
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
  });
});
