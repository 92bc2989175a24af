import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

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

/**
 * How much bytecode TurboFan may inline into one optimised function, in all (V8's default: 920). An obslint
 * run is short (1-10 s) and runs a great deal of code a few thousand times each: optimising it is a large share
 * of its work (on the 644 real dashboards, `--no-concurrent-recompilation` made a 2.0 s run 2.9 s), and each
 * worker thread optimises it again. Less inlining compiles less for nearly as fast code: 3-9% less time and
 * 5-9% less CPU over 5-7 alternating runs of dashboards (synthetic and real), rule files and a whole repository
 * with code (docs/performance.md).
 */
export const MAX_INLINED_BYTECODE_CUMULATIVE = 200;

let armed = false;
let tuned = false;
let lastCheck = -Infinity;
let setFlags: (flags: string) => void = setFlagsFromString;

/**
 * V8 settings for an obslint process: called by `bin/obslint.js` (and the benchmark), not by `main()`, which
 * may run inside someone else's process. It limits inlining (`MAX_INLINED_BYTECODE_CUMULATIVE`), allows
 * `collectGarbageNow`, and arms `boundHeapIfLarge`, which sets `--heap-growing-percent` once the run has grown
 * past `BOUND_HEAP_FROM_RSS` (V8 reads the flag at each collection, worker threads' heaps included). A flag given to Node (NODE_OPTIONS included) wins: a `--heap-growing-percent` leaves nothing armed,
 * a `--max-inlined-bytecode-size-cumulative` its own value.
 */
export function tuneProcess(
  execArgv: readonly string[] = process.execArgv,
  nodeOptions = process.env.NODE_OPTIONS ?? '',
  set: (flags: string) => void = setFlagsFromString,
): boolean {
  setFlags = set;
  tuned = true;
  const given = (flag: string) => [...execArgv, nodeOptions].some((a) => a.includes(flag));
  if (!given('--max-inlined-bytecode-size-cumulative')) setFlags(`--max-inlined-bytecode-size-cumulative=${MAX_INLINED_BYTECODE_CUMULATIVE}`);
  armed = !given('--heap-growing-percent');
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
  return boundHeap();
}

/**
 * Before reading a file of `bytes` whose contents will be held (a baseline): in a tuned process, bounds the
 * heap's growth now when the resident memory and the file together reach `BOUND_HEAP_FROM_RSS`; true when it
 * did. V8 sets the next full collection's threshold at the end of each, so a bound set only once the heap is
 * large comes one collection late: after a small run, reading and rewriting a 388,000-entry baseline grew the
 * heap from 104 MB to 445-543 MB before its next full collection.
 */
export function boundHeapBeforeReading(bytes: number, rss: () => number = () => process.memoryUsage.rss()): boolean {
  if (!armed || rss() + bytes < BOUND_HEAP_FROM_RSS) return false;
  return boundHeap();
}

function boundHeap(): boolean {
  setFlags(`--heap-growing-percent=${HEAP_GROWING_PERCENT}`);
  armed = false;
  return true;
}

/**
 * In a tuned process (not when obslint runs inside someone else's), one full garbage collection now. For the end
 * of a phase that leaves much garbage in a heap that then allocates too little to collect it: after `--cache`
 * has read and hashed every file, the main thread only waits for worker threads, and kept the texts' garbage
 * through the whole run (4x corpus, cold `--cache`: 505-593 MB peak; 395-402 MB with this). V8 gives `gc` only
 * to contexts made while `--expose-gc` is set: it is set for one new context and unset again. False when it
 * could not collect.
 */
export function collectGarbageNow(): boolean {
  if (!tuned) return false;
  try {
    setFlags('--expose-gc');
    let gc: unknown;
    try {
      gc = runInNewContext('typeof gc === "function" ? gc : undefined');
    } finally {
      setFlags('--no-expose-gc');
    }
    if (typeof gc !== 'function') return false;
    (gc as () => void)();
    return true;
  } catch {
    return false;
  }
}
