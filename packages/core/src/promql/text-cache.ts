/**
 * A cache of results by source text (parses of PromQL expressions, alert templates): every rule that reads the
 * same text gets the same result, once per run. Bounded for repositories with hundreds of thousands of texts:
 * when full, the oldest tenth goes. Results are shared: callers treat them as read-only.
 */
export function textCache<T>(max: number, compute: (text: string) => T): (text: string) => T {
  const cache = new Map<string, T>();
  return (text) => {
    const hit = cache.get(text);
    if (hit !== undefined) return hit;
    const value = compute(text);
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
