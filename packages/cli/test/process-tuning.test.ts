import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { BOUND_HEAP_FROM_RSS, HEAP_GROWING_PERCENT, MAX_INLINED_BYTECODE_CUMULATIVE, boundHeapBeforeReading, boundHeapIfLarge, collectGarbageNow, tuneProcess } from '../src/process-tuning.js';

const MB = 1024 * 1024;

describe('tuneProcess and boundHeapIfLarge (what bin/obslint.js sets for its process)', () => {
  /** The V8 flags set, in order (recorded instead of set: the test process keeps V8's defaults). */
  let flags: string[] = [];
  const record = (f: string) => void flags.push(f);

  it('limits inlining, unless Node was given its own limit', () => {
    flags = [];
    tuneProcess([], '', record);
    expect(flags).toEqual([`--max-inlined-bytecode-size-cumulative=${MAX_INLINED_BYTECODE_CUMULATIVE}`]);
    flags = [];
    tuneProcess(['--max-inlined-bytecode-size-cumulative=920'], '', record);
    tuneProcess([], '--max-inlined-bytecode-size-cumulative=500', record);
    expect(flags).toEqual([]);
  });

  it('leaves the heap alone when Node was given --heap-growing-percent, on the command line or in NODE_OPTIONS', () => {
    flags = [];
    expect(tuneProcess(['--heap-growing-percent=20'], '', record)).toBe(false);
    expect(boundHeapIfLarge(() => 4096 * MB, 1e9)).toBe(false);
    expect(tuneProcess([], '--max-old-space-size=4096 --heap-growing-percent=80', record)).toBe(false);
    expect(boundHeapIfLarge(() => 4096 * MB, 2e9)).toBe(false);
    expect(flags.some((f) => f.startsWith('--heap-growing-percent'))).toBe(false);
  });

  it('otherwise bounds the heap once the run is large, once, reading the resident memory at most every 50 ms', () => {
    expect(HEAP_GROWING_PERCENT).toBe(50);
    flags = [];
    expect(tuneProcess(['--max-old-space-size=4096'], '--enable-source-maps', record)).toBe(true);
    let reads = 0;
    let rss = BOUND_HEAP_FROM_RSS - MB;
    const read = () => (reads++, rss);
    expect(boundHeapIfLarge(read, 1000)).toBe(false); // small
    expect(reads).toBe(1);
    rss = BOUND_HEAP_FROM_RSS;
    expect(boundHeapIfLarge(read, 1020)).toBe(false); // within 50 ms of the last reading: not read
    expect(reads).toBe(1);
    expect(boundHeapIfLarge(read, 1060)).toBe(true); // large: bounded
    expect(flags.at(-1)).toBe('--heap-growing-percent=50');
    expect(boundHeapIfLarge(read, 2000)).toBe(false); // already done: never read again
    expect(reads).toBe(2);
    expect(flags.filter((f) => f.startsWith('--heap-growing-percent'))).toHaveLength(1);
  });

  it('bounds the heap before reading a file that, held, makes the run large (a baseline after a small run)', () => {
    flags = [];
    expect(tuneProcess([], '', record)).toBe(true);
    const rss = () => 100 * MB;
    expect(boundHeapBeforeReading(BOUND_HEAP_FROM_RSS - 101 * MB, rss)).toBe(false); // small together
    expect(flags.some((f) => f.startsWith('--heap-growing-percent'))).toBe(false);
    expect(boundHeapBeforeReading(135 * MB, rss)).toBe(true);
    expect(flags.at(-1)).toBe('--heap-growing-percent=50');
    expect(boundHeapBeforeReading(135 * MB, rss)).toBe(false); // already bounded
    expect(boundHeapIfLarge(() => 4096 * MB, 1e12)).toBe(false); // by either
    expect(flags.filter((f) => f.startsWith('--heap-growing-percent'))).toHaveLength(1);
    // A flag given to Node wins here too.
    expect(tuneProcess(['--heap-growing-percent=20'], '', record)).toBe(false);
    expect(boundHeapBeforeReading(4096 * MB, rss)).toBe(false);
  });

  it('collects garbage on demand only in a tuned process, exposing gc to one new context and unsetting it again', () => {
    flags = [];
    tuneProcess([], '', record);
    flags = [];
    // The recorder does not really set --expose-gc: no gc to call, and no error.
    expect(collectGarbageNow()).toBe(false);
    expect(flags).toEqual(['--expose-gc', '--no-expose-gc']);
  });

  it('in a real process, collects, and leaves no gc behind in the program\'s own context', () => {
    const dist = new URL('../dist/process-tuning.js', import.meta.url).href;
    const script = `const m = await import(${JSON.stringify(dist)}); m.tuneProcess(); const ok = m.collectGarbageNow(); console.log(JSON.stringify({ ok, gc: typeof globalThis.gc }));`;
    const run = spawnSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8' });
    expect(run.stderr).toBe('');
    expect(JSON.parse(run.stdout)).toEqual({ ok: true, gc: 'undefined' });
  });
});
