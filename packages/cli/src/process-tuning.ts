import { setFlagsFromString } from 'node:v8';

/**
 * How much the old generation may grow after a full collection before the next: by half of what survived
 * (V8's default grows it by up to four times). A large run's old generation is mostly garbage (each file's
 * models outlive a minor collection or two, then die). In one thread, peak RSS on the benchmark's 4x corpus
 * fell from 374-508 MB to 285-296 MB (2,000 dashboards: ~210 MB to ~158 MB) in the same time; with two worker
 * threads from 479-607 MB to 366-377 MB, at some cost in time on small runs (docs/performance.md).
 */
export const HEAP_GROWING_PERCENT = 50;

/**
 * V8 settings for an obslint process: called by `bin/obslint.js` (and the benchmark), not by `main()`, which
 * may run inside someone else's process. A `--heap-growing-percent` given to Node (NODE_OPTIONS included) wins.
 */
export function tuneProcess(execArgv: readonly string[] = process.execArgv, nodeOptions = process.env.NODE_OPTIONS ?? ''): boolean {
  if ([...execArgv, nodeOptions].some((a) => a.includes('--heap-growing-percent'))) return false;
  setFlagsFromString(`--heap-growing-percent=${HEAP_GROWING_PERCENT}`);
  return true;
}
