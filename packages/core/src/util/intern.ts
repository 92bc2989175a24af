/**
 * One shared copy of each repeated string in values decoded from JSON (worker-thread results, the cache).
 * JSON.parse gives every occurrence its own string: a rule id, a path or a metric name repeated in each of
 * 400,000 findings and summaries would be held 400,000 times.
 */
export class StringTable {
  private readonly table = new Map<string, string>();

  /** The shared copy of `s`. */
  get(s: string): string {
    const hit = this.table.get(s);
    if (hit !== undefined) return hit;
    this.table.set(s, s);
    return s;
  }

  /** Replaces, in place, every string up to `maxLength` characters anywhere in a JSON value. */
  deep(value: unknown, maxLength = 128): void {
    if (Array.isArray(value)) {
      for (let i = 0; i < value.length; i++) {
        const v: unknown = value[i];
        if (typeof v === 'string') {
          if (v.length <= maxLength) value[i] = this.get(v);
        } else if (v !== null && typeof v === 'object') this.deep(v, maxLength);
      }
      return;
    }
    const o = value as Record<string, unknown>;
    for (const k in o) {
      const v = o[k];
      if (typeof v === 'string') {
        if (v.length <= maxLength) o[k] = this.get(v);
      } else if (v !== null && typeof v === 'object') this.deep(v, maxLength);
    }
  }
}

/**
 * A copy of `s` that does not keep alive the text it was cut from. V8 makes a substring of 13 or more
 * characters a view into its parent, and a string built by `+` or a template a tree of its parts: a name
 * kept from a 1 MB rule file would keep the whole file in memory.
 */
export function ownString(s: string): string {
  return s.length < 13 ? s : (JSON.parse(JSON.stringify(s)) as string);
}

/**
 * A summary as the cache or a worker thread would give it back: every string a flat copy of its own (see
 * `ownString`), every object with just its fields. For summaries that live until the end of a run.
 */
export function ownStrings<T>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T;
}

/** Names seen lately (metric and label names repeat across a repository's files), each an own copy. */
const names = new Map<string, string>();

/**
 * One shared copy, of its own (see `ownString`), of a short name such as a metric or label name: the uses
 * of a metric across thousands of files hold one string. The table is bounded (it is cleared when full), so
 * a long-lived process does not grow with it.
 */
export function sharedName(s: string): string {
  const hit = names.get(s);
  if (hit !== undefined) return hit;
  if (names.size >= 1 << 16) names.clear();
  const own = ownString(s);
  names.set(own, own);
  return own;
}
