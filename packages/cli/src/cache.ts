import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync } from 'node:fs';
import { dirname } from 'node:path';
import type { AnyRule, LintUnit, ResolvedConfig } from '@obslint/core';
import { writeFileAtomic } from './fix.js';
import { VERSION } from './version.js';

/** A cached per-file result: everything but the parsed model and the text. */
export type CachedUnit = Omit<LintUnit, 'model' | 'text'>;

interface CacheFile {
  format: 1;
  key: string;
  entries: Record<string, { hash: string; unit: CachedUnit }>;
}

/**
 * What invalidates the whole cache: obslint's version, the rules (their metadata and code), and the
 * resolved configuration (config file content, command-line rules, preset, settings).
 */
export function cacheKey(config: ResolvedConfig, rules: readonly AnyRule[]): string {
  const h = createHash('sha256');
  h.update(`${VERSION}\0${process.version}\0`);
  for (const r of rules) {
    h.update(JSON.stringify(r.meta));
    h.update(String((r as { create?: unknown }).create ?? ''));
    const es = (r as { eslint?: { create?: unknown } }).eslint;
    if (es) h.update(String(es.create ?? ''));
  }
  h.update(JSON.stringify({ user: config.userConfig, opts: config.resolveOptions, settings: config.settings }));
  return h.digest('hex');
}

export function contentHash(text: string): string {
  return createHash('sha1').update(text).digest('hex');
}

/** A content-hash keyed cache of per-file lint results, in one JSON file. */
export class LintCache {
  private entries = new Map<string, { hash: string; unit: CachedUnit }>();
  hits = 0;
  misses = 0;

  constructor(
    readonly location: string,
    private readonly key: string,
  ) {
    try {
      const data = JSON.parse(readFileSync(location, 'utf8')) as CacheFile;
      if (data.format === 1 && data.key === key) this.entries = new Map(Object.entries(data.entries));
    } catch {
      /* no cache yet, or unreadable: start empty */
    }
  }

  get(path: string, hash: string): CachedUnit | undefined {
    const e = this.entries.get(path);
    if (e && e.hash === hash) {
      this.hits++;
      return e.unit;
    }
    this.misses++;
    return undefined;
  }

  set(path: string, hash: string, unit: LintUnit): void {
    const { model: _m, text: _t, ...rest } = unit;
    this.entries.set(path, { hash, unit: rest });
  }

  /** Keeps only the given paths (files that were linted this run) and writes the cache atomically. */
  save(keep: Set<string>): void {
    const entries: CacheFile['entries'] = {};
    for (const [p, e] of this.entries) if (keep.has(p)) entries[p] = e;
    mkdirSync(dirname(this.location), { recursive: true });
    writeFileAtomic(this.location, JSON.stringify({ format: 1, key: this.key, entries } satisfies CacheFile));
  }
}
