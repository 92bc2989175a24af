import { describe, expect, it } from 'vitest';
import { BOUND_HEAP_FROM_RSS, HEAP_GROWING_PERCENT, boundHeapIfLarge, tuneProcess } from '../src/process-tuning.js';

const MB = 1024 * 1024;

describe('tuneProcess and boundHeapIfLarge (what bin/obslint.js sets for its process)', () => {
  it('leaves V8 alone when Node was given --heap-growing-percent, on the command line or in NODE_OPTIONS', () => {
    expect(tuneProcess(['--heap-growing-percent=20'], '')).toBe(false);
    expect(boundHeapIfLarge(() => 4096 * MB, 1e9)).toBe(false);
    expect(tuneProcess([], '--max-old-space-size=4096 --heap-growing-percent=80')).toBe(false);
    expect(boundHeapIfLarge(() => 4096 * MB, 2e9)).toBe(false);
  });

  it('otherwise bounds the heap once the run is large, once, reading the resident memory at most every 50 ms', () => {
    expect(HEAP_GROWING_PERCENT).toBe(50);
    expect(tuneProcess(['--max-old-space-size=4096'], '--enable-source-maps')).toBe(true);
    let reads = 0;
    let rss = BOUND_HEAP_FROM_RSS - MB;
    const read = () => (reads++, rss);
    expect(boundHeapIfLarge(read, 1000)).toBe(false); // small
    expect(reads).toBe(1);
    rss = BOUND_HEAP_FROM_RSS;
    expect(boundHeapIfLarge(read, 1020)).toBe(false); // within 50 ms of the last reading: not read
    expect(reads).toBe(1);
    expect(boundHeapIfLarge(read, 1060)).toBe(true); // large: bounded
    expect(boundHeapIfLarge(read, 2000)).toBe(false); // already done: never read again
    expect(reads).toBe(2);
  });
});
