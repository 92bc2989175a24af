import { describe, expect, it } from 'vitest';
import { SpillFile, SpilledText } from './spill-file.js';

describe('SpillFile', () => {
  it('gives back each text written, in any order, multi-byte characters included', () => {
    const spill = new SpillFile();
    const texts = ['{"a":1}', 'Ünïcode ✓ — "quoted"\n', 'x'.repeat(100_000), ''];
    const refs = spill.write(texts)!;
    const more = spill.write(['second batch'])!;
    expect(refs.map((r) => spill.read(r))).toEqual(texts);
    expect(spill.read(more[0])).toBe('second batch');
    expect(spill.read(refs[1])).toBe(texts[1]);
    // A spilled text reads back as a string wherever one is expected (String(), JSON).
    const t = new SpilledText(spill, refs[0]);
    expect(String(t)).toBe('{"a":1}');
    expect(JSON.stringify({ t })).toBe('{"t":"{\\"a\\":1}"}');
    spill.dispose();
    expect(() => spill.read(refs[0])).toThrow(/closed/);
  });

  it('says it cannot keep texts when its file cannot be made, so callers keep them', () => {
    const spill = new SpillFile('/nonexistent/obslint-spill');
    expect(spill.write(['kept by the caller'])).toBeUndefined();
  });
});
