import { sharedWork } from '../runner/shared-work.js';

/** Every text cache of the process, so that the runner can trim them between files. */
const caches: Array<Map<string, unknown>> = [];

/** Entries each text cache keeps from one file to the next (what repeats across files: shared queries). */
export const KEEP_ACROSS_FILES = 2000;

/** Registers a cache keyed by text (for `trimTextCaches`). */
export function registerTextCache<T>(cache: Map<string, T>): Map<string, T> {
  caches.push(cache as Map<string, unknown>);
  return cache;
}

/**
 * Called as a file is done: each cache keeps only its `keep` newest entries. Within a file every rule gets
 * the parses of its texts from the cache; across files only texts that repeat are worth keeping, and a
 * repository's tens of thousands of distinct expressions (each parse a tree and its analyses) are not.
 */
export function trimTextCaches(keep = KEEP_ACROSS_FILES): void {
  for (const c of caches) {
    let drop = c.size - keep;
    if (drop <= 0) continue;
    for (const k of c.keys()) {
      c.delete(k);
      if (--drop <= 0) break;
    }
  }
}

/**
 * A cache of results by source text (parses of PromQL expressions, alert templates): every rule that reads the
 * same text gets the same result. Bounded within a file (when full, the oldest tenth goes) and trimmed between
 * files (`trimTextCaches`). Results are shared: callers treat them as read-only.
 */
export function textCache<T>(max: number, compute: (text: string) => T): (text: string) => T {
  const cache = registerTextCache(new Map<string, T>());
  return (text) => {
    const hit = cache.get(text);
    if (hit !== undefined) return hit;
    const value = sharedWork('queries', () => compute(text));
    if (cache.size >= max) {
      let drop = Math.max(1, Math.floor(max / 10));
      for (const k of cache.keys()) {
        cache.delete(k);
        if (--drop <= 0) break;
      }
    }
    cache.set(text, value);
    return value;
  };
}
