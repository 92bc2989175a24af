import { setFlagsFromString } from 'node:v8';

/**
 * How much the old generation may grow after a full collection before the next, once a run is large: by half
 * of what survived (V8's default grows it by up to four times). A large run's old generation is mostly
 * garbage (each file's models outlive a minor collection or two, then die). With two worker threads, peak RSS
 * on the benchmark's 4x corpus fell from 479-607 MB to 366-377 MB (docs/performance.md).
 */
export const HEAP_GROWING_PERCENT = 50;

/**
 * The resident memory from which the heap's growth is bounded. Below it a run is small and bounding only costs
 * time: more full collections of small heaps (2,000 dashboards with two worker threads: 6-7% slower, for 20-30 MB
 * less). Early enough that a large run in one thread is bounded before its heap has grown (the 4x corpus with
 * `--concurrency 1`: 281 MB; 395 MB when bounded from 256 MB).
 */
export const BOUND_HEAP_FROM_RSS = 192 * 1024 * 1024;

/** How often, at most, `boundHeapIfLarge` reads the resident memory (a system call, ~8 µs). */
const CHECK_EVERY_MS = 50;

let armed = false;
let lastCheck = -Infinity;

/**
 * V8 settings for an obslint process: called by `bin/obslint.js` (and the benchmark), not by `main()`, which
 * may run inside someone else's process. It arms `boundHeapIfLarge`, which sets `--heap-growing-percent` once
 * the run has grown past `BOUND_HEAP_FROM_RSS` (V8 reads the flag at each collection, worker threads' heaps
 * included). A `--heap-growing-percent` given to Node (NODE_OPTIONS included) wins: then nothing is armed.
 */
export function tuneProcess(execArgv: readonly string[] = process.execArgv, nodeOptions = process.env.NODE_OPTIONS ?? ''): boolean {
  armed = ![...execArgv, nodeOptions].some((a) => a.includes('--heap-growing-percent'));
  lastCheck = -Infinity;
  return armed;
}

/**
 * Called as files are done (cheap: it reads the resident memory at most every 50 ms). In a tuned process whose
 * resident memory has reached `BOUND_HEAP_FROM_RSS`, bounds the heap's growth from now on; true when it did.
 */
export function boundHeapIfLarge(rss: () => number = () => process.memoryUsage.rss(), now = performance.now()): boolean {
  if (!armed || now - lastCheck < CHECK_EVERY_MS) return false;
  lastCheck = now;
  if (rss() < BOUND_HEAP_FROM_RSS) return false;
  setFlagsFromString(`--heap-growing-percent=${HEAP_GROWING_PERCENT}`);
  armed = false;
  return true;
}
