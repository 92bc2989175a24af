import { describe, expect, it } from 'vitest';
import { textCache } from './text-cache.js';

describe('textCache', () => {
  it('computes once per text and gives every caller the same result', () => {
    let calls = 0;
    const parse = textCache(10, (t) => ({ t, n: ++calls }));
    const a = parse('up == 0');
    expect(parse('up == 0')).toBe(a);
    expect(parse('up == 1')).not.toBe(a);
    expect(calls).toBe(2);
  });

  it('keeps answering correctly once full (oldest texts are computed again)', () => {
    let calls = 0;
    const length = textCache(10, (t) => {
      calls++;
      return t.length;
    });
    for (let i = 0; i < 25; i++) expect(length('x'.repeat(i))).toBe(i);
    expect(length('x'.repeat(24))).toBe(24);
    expect(calls).toBe(25);
    expect(length('')).toBe(0);
    expect(calls).toBe(26);
  });
});
