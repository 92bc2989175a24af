import { createHash, hash } from 'node:crypto';
import { mkdirSync, readFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { findingTuple, readText, type AnyRule, type FindingTuple, type CodeLintRequest, type Finding, type LintUnit, type ResolvedConfig } from '@obslint/core';
import { writeFileAtomic } from './fix.js';
import { VERSION } from './version.js';


/** The layout of cached units and summaries: bumped whenever it changes (2: compact metric-fact locations; 3: findings without their file's paths; 4: findings as tuples; 5: fact ranges as strings; 6: metric uses in columns; 7: alert facts per file). */
const CACHE_FORMAT = 7;

interface CacheFile<T> {
  format: typeof CACHE_FORMAT;
  key: string;
  entries: Record<string, { hash: string; unit: T }>;
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
  return hash('sha1', text, 'hex');
}

/** A content-hash keyed cache of per-file lint results (units, or code findings), in one JSON file. */
export class LintCache<T = CachedUnit> {
  private entries = new Map<string, { hash: string; unit: T }>();
  hits = 0;
  misses = 0;
  private dirty = false;

  constructor(
    readonly location: string,
    private readonly key: string,
  ) {
    try {
      const data = JSON.parse(readFileSync(location, 'utf8')) as CacheFile<T>;
      if (data.format === CACHE_FORMAT && data.key === key) this.entries = new Map(Object.entries(data.entries));
    } catch {
      /* no cache yet, or unreadable: start empty */
    }
  }

  get(path: string, hash: string): T | undefined {
    const e = this.entries.get(path);
    if (e && e.hash === hash) {
      this.hits++;
      return e.unit;
    }
    this.misses++;
    return undefined;
  }

  set(path: string, hash: string, value: T): void {
    this.entries.set(path, { hash, unit: value });
    this.dirty = true;
  }

  /** Keeps only the given paths (files that were linted this run) and writes the cache atomically. */
  save(keep: Set<string>): void {
    // Nothing written and nothing gone: the file on disk is already right.
    if (!this.dirty && [...this.entries.keys()].every((p) => keep.has(p))) return;
    const entries: CacheFile<T>['entries'] = {};
    for (const [p, e] of this.entries) if (keep.has(p)) entries[p] = e;
    mkdirSync(dirname(this.location), { recursive: true });
    writeFileAtomic(this.location, JSON.stringify({ format: CACHE_FORMAT, key: this.key, entries } satisfies CacheFile<T>));
  }
}

/** What the per-file cache keeps of a unit: its role and findings (not the model, the text or the summaries). */
export interface CachedUnit {
  path: string;
  relPath: string;
  role: LintUnit['role'];
  findings: FindingTuple[];
}

export function cachedUnit(unit: LintUnit): CachedUnit {
  return { path: unit.path, relPath: unit.relPath, role: unit.role, findings: unit.findings.map((f) => findingTuple(f, unit.path, unit.relPath)) };
}

/** Identity of a whole run's inputs: the cache key plus every file and its content hash. */
export function fileSetKey(key: string, files: Array<[string, string]>): string {
  const h = createHash('sha256').update(key);
  for (const [p, hash] of [...files].sort((a, b) => (a[0] < b[0] ? -1 : 1))) h.update(`\0${p}\0${hash}`);
  return h.digest('hex');
}

/** The repo-wide (`reduce`) findings of the last run, valid while its file set is the same. */
export function readRepoCache(location: string, setKey: string): Finding[] | undefined {
  try {
    const data = JSON.parse(readFileSync(location, 'utf8')) as { key: string; findings: Finding[] };
    return data.key === setKey ? data.findings : undefined;
  } catch {
    return undefined;
  }
}

export function writeRepoCache(location: string, setKey: string, findings: Finding[]): void {
  mkdirSync(dirname(location), { recursive: true });
  writeFileAtomic(location, JSON.stringify({ key: setKey, findings }));
}

/**
 * Code findings through the cache: code rules look at one file at a time, so a file whose content is
 * unchanged keeps its findings, and ESLint runs (and loads) only for changed files.
 */
export async function lintCodeCached(
  req: CodeLintRequest,
  location: string,
  key: string,
  maxFileSize: number,
  lint: (req: CodeLintRequest) => Promise<Finding[]>,
): Promise<Finding[]> {
  const cache = new LintCache<Finding[]>(location, key);
  const hashes = new Map<string, string>();
  const out: Finding[] = [];
  const misses: string[] = [];
  for (const path of req.files) {
    const read = readText(path, maxFileSize);
    const hash = contentHash(`${read.problem ?? ''}\0${read.text ?? ''}`);
    hashes.set(path, hash);
    const hit = cache.get(path, hash);
    if (hit) out.push(...hit);
    else misses.push(path);
  }
  if (misses.length) {
    const fresh = await lint({ ...req, files: misses });
    const byFile = new Map<string, Finding[]>(misses.map((p) => [p, []]));
    for (const f of fresh) byFile.get(f.filePath)?.push(f);
    for (const [p, fs] of byFile) cache.set(p, hashes.get(p)!, fs);
    out.push(...fresh);
  }
  cache.save(new Set(req.files));
  return out;
}
