import { describe, expect, it } from 'vitest';
import { registerTextCache, textCache, trimTextCaches } from './text-cache.js';

describe('text caches', () => {
  it('compute once per text, and keep only the newest entries when trimmed between files', () => {
    let computed = 0;
    const parse = textCache(100, (t) => ({ t, n: ++computed }));
    const first = parse('a');
    expect(parse('a')).toBe(first);
    for (const t of ['b', 'c', 'd']) parse(t);
    expect(computed).toBe(4);
    const other = registerTextCache(new Map([['x', 1], ['y', 2], ['z', 3]]));
    trimTextCaches(2);
    expect([...other.keys()]).toEqual(['y', 'z']);
    // 'a' and 'b' were the oldest: parsed again when asked for; 'd' is still there.
    parse('d');
    expect(computed).toBe(4);
    expect(parse('a')).not.toBe(first);
    expect(computed).toBe(5);
  });
});
