import { describe, expect, it } from 'vitest';
import { HEAP_GROWING_PERCENT, tuneProcess } from '../src/process-tuning.js';

describe('tuneProcess (what bin/obslint.js sets for its process)', () => {
  it('leaves V8 alone when Node was given --heap-growing-percent, on the command line or in NODE_OPTIONS', () => {
    expect(tuneProcess(['--heap-growing-percent=20'], '')).toBe(false);
    expect(tuneProcess([], '--max-old-space-size=4096 --heap-growing-percent=80')).toBe(false);
  });

  it('otherwise sets it (other Node options do not count); its effect on memory is measured by `pnpm bench`, row f', () => {
    expect(HEAP_GROWING_PERCENT).toBe(50);
    expect(tuneProcess(['--max-old-space-size=4096'], '--enable-source-maps')).toBe(true);
  });
});
