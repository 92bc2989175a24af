import { createHash } from 'node:crypto';
import { closeSync, fstatSync, openSync, readFileSync } from 'node:fs';
import { AtomicFileWriter, posixRelative, CannotWriteError, findingTuple, readFully, readText, reasonOf, writeFileAtomic, type AnyRule, type FindingTuple, type Finding, type LintUnit, type ResolvedConfig } from '@obslint/core';
import { VERSION } from './version.js';


/**
 * The layout of cache files: bumped whenever it changes (2: compact metric-fact locations; 3: findings without
 * their file's paths; 4: findings as tuples; 5: fact ranges as strings; 6: metric uses in columns; 7: alert
 * facts per file; 8: one entry per line, read on demand and written as the run goes; 9: a code file's unit holds its
 * code findings; 10: a file's summaries with the path they were made under, and a key that does not
 * depend on where the checkout is).
 */
const CACHE_FORMAT = 10;
const MAGIC = 'obslint-cache';
/**
 * What invalidates the whole cache: obslint's version, the rules (their metadata and code), and the
 * resolved configuration (config file content, command-line rules, preset, settings). The config file and the
 * directory its globs are relative to count by where they are in the run's root (`rootDir`), not on the disk:
 * a cache made in one checkout serves a copy of it elsewhere (CI runners check out under paths of their own).
 */
export function cacheKey(config: ResolvedConfig, rules: readonly AnyRule[], rootDir: string): string {
  const h = createHash('sha256');
  h.update(`${VERSION}\0${process.version}\0`);
  for (const r of rules) {
    h.update(JSON.stringify(r.meta));
    h.update(String((r as { create?: unknown }).create ?? ''));
    const es = (r as { eslint?: { create?: unknown } }).eslint;
    if (es) h.update(String(es.create ?? ''));
  }
  // '' for the root itself (relPathOf would give its absolute path back).
  const where = (p: string | undefined) => (p === undefined ? undefined : posixRelative(rootDir, p));
  const opts = { ...config.resolveOptions, baseDir: where(config.resolveOptions.baseDir), configFile: where(config.resolveOptions.configFile) };
  h.update(JSON.stringify({ user: config.userConfig, opts, settings: config.settings }));
  return h.digest('hex');
}

/** The content hash of a file as read: its text, or why it could not be read (too large, not UTF-8...). */
export function hashOfRead(read: ReturnType<typeof readText>): string {
  // The digest of problem, NUL and text, updated in turn: no joined copy of the text is made (the cold run of a
  // large repository reads and hashes every file before linting any).
  return createHash('sha1')
    .update(read.problem ?? '')
    .update('\0')
    .update(read.text ?? '')
    .digest('hex');
}

/** Where an entry of the cache file on disk is. */
interface DiskEntry {
  hash: string;
  /** Offset of the entry's first line, and of its value. */
  start: number;
  valueStart: number;
  valueBytes: number;
}

/** The header of an entry (hash, value size, path) is read in windows of this size; longer headers grow it. */
const WINDOW = 1 << 16;
/** An entry header longer than this is taken for damage: the entries from there on are dropped. */
const MAX_HEADER = 1 << 20;

/**
 * A content-hash keyed cache of per-file lint results (units, summaries, or code findings), in one file that
 * is never held in memory whole:
 *
 *     obslint-cache <format> <key>
 *     <content hash> <value bytes> <path as JSON>
 *     <value as JSON>
 *     ...
 *
 * Opening it reads only the entry headers (an index of where each file's value is); a value is read and
 * parsed when its file is unchanged (`get`). What is `set` goes straight to a new file beside it, and `save`
 * adds the unchanged entries still wanted (copied as bytes) and puts the new file in place. A damaged or
 * truncated file loses the entries from the damage on; an unreadable one is an empty cache. When the cache
 * cannot be written, the run goes on without it (`problem` says why).
 */
export class LintCache<T = CachedUnit> {
  private readonly onDisk = new Map<string, DiskEntry>();
  private fd: number | undefined;
  private scratch = Buffer.alloc(0);
  private out: AtomicFileWriter | undefined;
  private readonly written = new Set<string>();
  private failed = false;
  /** Why the cache could not be written (`cannot write <file>: <reason>`), when it could not. */
  problem: string | undefined;
  hits = 0;
  misses = 0;

  constructor(
    readonly location: string,
    private readonly key: string,
  ) {
    try {
      this.fd = openSync(location, 'r');
      this.index();
    } catch {
      /* no cache yet, or unreadable: start empty */
      this.onDisk.clear();
      this.close();
    }
  }

  get(path: string, hash: string): T | undefined {
    const e = this.onDisk.get(path);
    if (e && e.hash === hash) {
      try {
        const value = JSON.parse(this.bytes(e.valueStart, e.valueBytes).toString('utf8')) as T;
        this.hits++;
        return value;
      } catch {
        this.onDisk.delete(path); // damaged: lint the file again
      }
    }
    this.misses++;
    return undefined;
  }

  set(path: string, hash: string, value: T): void {
    if (this.failed) return;
    try {
      const out = this.writer();
      const json = JSON.stringify(value);
      out.write(`${hash} ${Buffer.byteLength(json)} ${JSON.stringify(path)}\n`);
      out.write(json);
      out.write('\n');
      this.written.add(path);
    } catch (e) {
      this.fail(e);
    }
  }

  /**
   * Keeps only the given paths (the files of this run) and puts the new cache file in place. Nothing is
   * written when nothing was set and nothing is dropped.
   */
  save(keep: Set<string>): void {
    try {
      if (this.failed) return;
      if (!this.out && [...this.onDisk.keys()].every((p) => keep.has(p))) return;
      try {
        const out = this.writer();
        for (const [p, e] of this.onDisk) {
          if (!keep.has(p) || this.written.has(p)) continue;
          out.writeBytes(this.bytes(e.start, e.valueStart + e.valueBytes + 1 - e.start));
        }
        this.close();
        out.commit();
      } catch (e) {
        this.fail(e);
      }
    } finally {
      this.close();
    }
  }

  /** The new cache file, started on first use. */
  private writer(): AtomicFileWriter {
    if (!this.out) {
      this.out = new AtomicFileWriter(this.location);
      this.out.write(`${MAGIC} ${CACHE_FORMAT} ${this.key}\n`);
    }
    return this.out;
  }

  private fail(e: unknown): void {
    this.failed = true;
    this.problem ??= e instanceof CannotWriteError ? e.message : `cannot write ${this.location}: ${reasonOf(e)}`;
    this.out?.abort();
    this.out = undefined;
  }

  private close(): void {
    if (this.fd === undefined) return;
    try {
      closeSync(this.fd);
    } catch {
      /* already closed */
    }
    this.fd = undefined;
    this.scratch = Buffer.alloc(0);
  }

  /** Reads the header line and every entry's header; stops at the first damaged entry. */
  private index(): void {
    const size = fstatSync(this.fd!).size;
    const header = this.line(0, size);
    if (!header || header.text !== `${MAGIC} ${CACHE_FORMAT} ${this.key}`) return;
    for (let at = header.next; at < size; ) {
      const line = this.line(at, size);
      const m = line && /^(\S+) (\d+) (".*")$/.exec(line.text);
      if (!line || !m) return;
      const valueBytes = Number(m[2]);
      const valueStart = line.next;
      if (valueStart + valueBytes + 1 > size) return; // truncated
      let path: unknown;
      try {
        path = JSON.parse(m[3]);
      } catch {
        return;
      }
      if (typeof path !== 'string') return;
      this.onDisk.set(path, { hash: m[1], start: at, valueStart, valueBytes });
      at = valueStart + valueBytes + 1;
    }
  }

  /** The line that starts at `at` (without its newline) and where the next one starts. */
  private line(at: number, size: number): { text: string; next: number } | undefined {
    for (let want = Math.min(WINDOW, size - at); ; want = Math.min(want * 2, size - at)) {
      const bytes = this.bytes(at, want);
      const nl = bytes.indexOf(0x0a);
      if (nl >= 0) return { text: bytes.toString('utf8', 0, nl), next: at + nl + 1 };
      if (want >= size - at || want >= MAX_HEADER) return undefined;
    }
  }

  /** `length` bytes at `offset` of the file on disk (a view of a reused buffer: valid until the next read). */
  private bytes(offset: number, length: number): Buffer {
    if (this.fd === undefined) throw new Error('obslint: the cache file is closed');
    this.scratch = readFully(this.fd, this.scratch, offset, length);
    return this.scratch.subarray(0, length);
  }}

/** What the per-file cache keeps of a unit: its role and findings (not the model, the text or the summaries). */
export interface CachedUnit {
  relPath: string;
  role: LintUnit['role'];
  findings: FindingTuple[];
}

export function cachedUnit(unit: LintUnit): CachedUnit {
  const tuples = unit.findings.map((f) => findingTuple(f, unit.path, unit.relPath));
  // From a worker thread, the findings are the JSON text of their tuples.
  if (unit.findingsJson) tuples.push(...(JSON.parse(unit.findingsJson.tuples) as FindingTuple[]));
  return { relPath: unit.relPath, role: unit.role, findings: tuples };
}

/**
 * A file's per-file summaries as cached, with the path they were made under: their locations name the file by
 * its absolute path, which a copy of the checkout elsewhere (another CI runner) must see as its own.
 */
export interface CachedFacts {
  path: string;
  facts: Record<string, unknown>;
}

/**
 * Summaries from the cache, for the file now at `path`: where they were made under another path, every `path`
 * in them that named the file then names it now (the summaries are changed in place).
 */
export function factsAt(cached: CachedFacts, path: string): Record<string, unknown> {
  if (cached.path !== path) renamePaths(cached.facts, cached.path, path);
  return cached.facts;
}

function renamePaths(value: unknown, from: string, to: string): void {
  if (Array.isArray(value)) {
    for (const v of value) if (v !== null && typeof v === 'object') renamePaths(v, from, to);
    return;
  }
  const o = value as Record<string, unknown>;
  for (const k in o) {
    const v = o[k];
    if (k === 'path' && v === from) o[k] = to;
    else if (v !== null && typeof v === 'object') renamePaths(v, from, to);
  }
}

/** Identity of a whole run's inputs: the cache key plus every file and its content hash. */
export function fileSetKey(key: string, files: Array<[string, string]>): string {
  const h = createHash('sha256').update(key);
  for (const [p, hash] of [...files].sort((a, b) => (a[0] < b[0] ? -1 : 1))) h.update(`\0${p}\0${hash}`);
  return h.digest('hex');
}

/**
 * The repo-wide (`reduce`) findings of the last run, valid while its file set is the same. `pathOf` gives
 * the file now at a relative path: the findings may have been made in a checkout elsewhere.
 */
export function readRepoCache(location: string, setKey: string, pathOf: (relPath: string) => string | undefined): Finding[] | undefined {
  try {
    const data = JSON.parse(readFileSync(location, 'utf8')) as { key: string; findings: Finding[] };
    if (data.key !== setKey) return undefined;
    for (const f of data.findings) f.filePath = pathOf(f.relPath) ?? f.filePath;
    return data.findings;
  } catch {
    return undefined;
  }
}

/** Saves the repo-wide findings; the reason when they could not be saved (the run goes on without). */
export function writeRepoCache(location: string, setKey: string, findings: Finding[]): string | undefined {
  try {
    writeFileAtomic(location, JSON.stringify({ key: setKey, findings }));
    return undefined;
  } catch (e) {
    return e instanceof CannotWriteError ? e.message : `cannot write ${location}: ${reasonOf(e)}`;
  }
}

