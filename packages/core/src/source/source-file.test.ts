import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { SourceFile } from './source-file.js';

/** Line and column of an offset by counting from the start (the obvious, slow way). */
function naive(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  const o = Math.max(0, Math.min(offset, text.length));
  for (let i = 0; i < o; i++) {
    const c = text[i];
    if (c === '\n' || (c === '\r' && text[i + 1] !== '\n')) {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, column: o - lineStart + 1 };
}

describe('SourceFile.positionAt', () => {
  it('agrees with counting from the start, for LF, CRLF and CR texts, in any order of questions', () => {
    const text = fc.array(fc.oneof(fc.constantFrom('\n', '\r\n', '\r', 'a', 'bc', ' '), fc.string({ maxLength: 5 })), { maxLength: 60 }).map((xs) => xs.join(''));
    fc.assert(
      fc.property(text, fc.array(fc.nat(400), { minLength: 1, maxLength: 40 }), (t, offsets) => {
        const file = new SourceFile('/x', 'x', t);
        for (const o of offsets) expect(file.positionAt(o)).toEqual(naive(t, o));
        // Ascending, as findings are usually located.
        for (const o of [...offsets].sort((a, b) => a - b)) expect(file.positionAt(o)).toEqual(naive(t, o));
      }),
      { numRuns: 400, seed: 112026 },
    );
  });

  it('maps ranges and line starts', () => {
    const file = new SourceFile('/x', 'x', 'ab\ncd\r\nef');
    expect(file.rangeOf(4, 8)).toMatchObject({ line: 2, column: 2, endLine: 3, endColumn: 2 });
    expect(file.lineStart(3)).toBe(7);
    expect(file.lineCount).toBe(3);
  });
});
