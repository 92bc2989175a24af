import { statSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { inShard, relPathOf, isCodeFile, lintUnit, readText, type AnyRule, type ShardSpec, type DocumentRule, type LintUnit, type ResolvedConfig, type RunOptions } from '@obslint/core';
import { LintCache, cacheKey, cachedUnit, factsAt, fileSetKey, hashOfRead, readRepoCache, writeRepoCache, type CachedFacts, type CachedUnit } from '../cache.js';
import { boundHeapIfLarge, collectGarbageNow } from '../process-tuning.js';
import { BatchQueue, lintInWorkers } from './worker-pool.js';
import { commonDirectory, createCodeFileLinter, type CodeFileLinterOptions } from '../code-lint.js';

/**
 * With --cache, files are read (and hashed) before the run knows which to lint; the texts of changed files
 * are kept for linting up to this many characters, the rest read again when their turn comes (so a cold run
 * of a huge repository does not hold all of it).
 */
const KEEP_TEXT_CHARS = 64 * 1024 * 1024;

/** Files per thread, at least: fewer threads than asked for when there are few files. */
const FILES_PER_THREAD = 100;

/**
 * How much there must be to lint (bytes of documents) before `--concurrency auto` starts worker threads: each
 * costs about half a second (starting, and optimising the same code again in its own isolate) before it
 * saves anything. This thread lints with the workers, so two threads are one worker. Measured on two cores
 * (5 alternating runs, medians, this thread alone vs with one worker): the benchmark's dashboards 8.6 MiB
 * 0.92 s vs 1.10 s, 18 MiB 1.30 s vs 1.29 s, 26 MiB 1.70 s vs 1.60 s, 39 MiB 3.07 s vs 2.30 s. With more
 * threads each has less of the work, so they pay off sooner: about 0.5 s of fixed cost per worker and a
 * per-thread efficiency of 0.72 (measured with two workers) put the break-even near 12 MiB of these dashboards
 * from three threads (not measured: this machine has two cores).
 */
export function minBytesForWorkers(threads: number): number {
  return (threads <= 2 ? 20 : 12) * 1024 * 1024;
}

/**
 * Worker threads for the per-file phase's documents (0: this thread alone). `--concurrency n` means n threads
 * lint: this one and n - 1 workers (fewer when there are fewer than 100 files per thread); `auto` (the
 * default, one thread per core) starts them only when there is enough to lint (`minBytesForWorkers`).
 * `bytes` is asked only when it decides.
 */
export function workerThreads(o: { concurrency: number; auto: boolean; files: number; bytes: () => number }): number {
  const threads = Math.min(o.concurrency, Math.ceil(o.files / FILES_PER_THREAD));
  if (threads < 2) return 0;
  if (o.auto && o.bytes() < minBytesForWorkers(threads)) return 0;
  return threads - 1;
}

export interface UnitRunnerOptions {
  rootDir: string;
  config: ResolvedConfig;
  rules: readonly AnyRule[];
  maxFileSize: number;
  /** Cache file, when --cache is on. */
  cacheLocation?: string;
  /** Worker threads for the per-file phase (1 = this thread). */
  concurrency: number;
  /** `concurrency` is the default (one per core), not asked for: threads only for large runs (`workerThreads`). */
  autoConcurrency?: boolean;
  allowCode: boolean;
  /** Lint code files with ESLint in the per-file phase (`fix`: write ESLint's fixes); without it code is not linted. */
  lintCode?: { fix: boolean };
  /** Absolute plugin paths (for workers). */
  plugins: string[];
  onProgress?: (done: number, total: number) => void;
  /** `--shard k/n`: files outside it only collect summaries for cross-file rules. */
  shard?: ShardSpec;
  /** With --cache, how much text of changed files is kept between hashing and linting (default 64 MB of text; tests lower it). */
  keepTextChars?: number;
  /** The cache could not be saved (the run goes on without it). */
  onCacheProblem?: (problem: string) => void;
  /** Filled in after the run: how the per-file phase went. */
  stats?: { cacheHits: number; cacheMisses: number; workers: number };
}

/**
 * Threads when `--concurrency` is not given: one per core (this thread alone on one core), with workers only
 * for runs large enough to gain from them (`minBytesForWorkers`). This thread lints documents with the workers
 * (after the code, which it lints alone): on two cores, one worker beside it beat two beside it on every
 * benchmark corpus (3 alternating runs, medians): 2,000 dashboards 2.30 s vs 2.42 s at 201 MB peak RSS
 * instead of 240 MB; the whole corpus 7.5 s vs 8.1 s; the whole 4x corpus 28.4 s vs 30.6 s at 414 MB
 * instead of 483 MB. Three threads on two cores fight over them, and a third heap costs memory.
 */
export function defaultConcurrency(cores = availableParallelism()): number {
  return Math.max(1, cores);
}

/**
 * How much text of changed files `--cache` keeps between hashing and linting. Worker threads read their files
 * themselves, so texts are kept only for linting in this thread: up to KEEP_TEXT_CHARS in one thread; with
 * `auto`, up to the size from which it starts threads; none when threads were asked for.
 */
export function keepTextBudget(concurrency: number, auto: boolean): number {
  if (concurrency <= 1) return KEEP_TEXT_CHARS;
  return auto ? Math.min(KEEP_TEXT_CHARS, minBytesForWorkers(2)) : 0;
}

/** How much a file gives to lint, in bytes: 0 when it is skipped (above `maxFileSize`) or cannot be read. */
function fileSize(path: string, maxFileSize: number): number {
  try {
    const { size } = statSync(path);
    return size > maxFileSize ? 0 : size;
  } catch {
    return 0;
  }
}

/** The CLI's per-file phase for `runLint`, plus the hook that caches the repo-wide results. */
export interface UnitRunner {
  lintUnits: NonNullable<RunOptions['lintUnits']>;
  onReduced: NonNullable<RunOptions['onReduced']>;
}

/**
 * The per-file phase for the CLI: results from the content-hash cache where the file is unchanged, the rest
 * linted in this thread or on worker threads. When the run needs parsed models (audits, whole-model
 * repo rules, the online phase) everything is linted in this thread. The cache has three parts: per-file
 * findings, per-file summaries for `reduce` (read only when something changed) and the repo-wide findings
 * of the last file set (a re-run where nothing changed needs nothing else).
 */
export function createUnitRunner(o: UnitRunnerOptions): UnitRunner {
  let pendingRepoKey: string | undefined;
  const lintUnits: UnitRunner['lintUnits'] = async (files, { docRules, needModels, timing, take }) => {
    pendingRepoKey = undefined;
    const relOf = (p: string) => relPathOf(o.rootDir, p);
    const key = o.cacheLocation ? cacheKey(o.config, o.rules, o.rootDir) + (o.shard ? `:shard${o.shard.index}/${o.shard.count}` : '') : '';
    const collectOnly = (i: number) => !!o.shard && !inShard(relOf(files[i]), o.shard);
    const cache = o.cacheLocation && !needModels ? new LintCache<CachedUnit>(o.cacheLocation, key) : undefined;
    const units: LintUnit[] = new Array(files.length);
    const todo: number[] = [];
    const texts = new Map<number, ReturnType<typeof readText>>();
    const hashes = new Map<number, string>();
    let facts: LintCache<CachedFacts> | undefined;
    let done = 0;
    const tick = (n = 1) => {
      done += n;
      o.onProgress?.(done, files.length);
    };
    let keptChars = 0;
    const keepChars = o.keepTextChars ?? keepTextBudget(o.concurrency, !!o.autoConcurrency);
    const keepText = (i: number, read: ReturnType<typeof readText>) => {
      const chars = read.text?.length ?? 0;
      if (keptChars + chars > keepChars) return;
      keptChars += chars;
      texts.set(i, read);
    };
    files.forEach((path, i) => {
      if (!cache) {
        todo.push(i);
        return;
      }
      const read = readText(path, o.maxFileSize);
      // Reading and hashing every file (texts kept for linting) comes before any file is done: a large run
      // bounds its heap here already.
      boundHeapIfLarge();
      const hash = hashOfRead(read);
      hashes.set(i, hash);
      // --fix: code files are linted again (ESLint fixes them as it lints; their cached findings have no fixes).
      const hit = o.lintCode?.fix && isCodeFile(o.config, path) ? undefined : cache.get(relOf(path), hash);
      if (hit) {
        // The cached findings stay tuples until the report reads them.
        units[i] = { path, relPath: relOf(path), role: hit.role, findings: [], findingTuples: hit.findings, facts: {}, text: read.text?.includes('obslint-disable') ? read.text : undefined };
      } else {
        keepText(i, read);
        todo.push(i);
      }
    });
    if (cache) {
      const setKey = fileSetKey(key, files.map((f, i) => [relOf(f), hashes.get(i)!]));
      if (todo.length === 0) {
        const pathOf = new Map(files.map((f) => [relOf(f), f]));
        const reduceFindings = readRepoCache(`${o.cacheLocation}.repo`, setKey, (rel) => pathOf.get(rel));
        if (reduceFindings) {
          units.forEach(take);
          tick(files.length);
          record(cache, 0);
          return { units, reduceFindings };
        }
      }
      pendingRepoKey = setKey;
      // Something changed: the repo-wide phase runs again, from every file's summary.
      facts = new LintCache<CachedFacts>(`${o.cacheLocation}.facts`, key);
      files.forEach((f, i) => {
        if (!units[i]) return;
        const fx = facts!.get(relOf(f), hashes.get(i)!);
        if (fx) {
          units[i].facts = factsAt(fx, f);
          take(units[i]);
        } else {
          todo.push(i);
          keepText(i, readText(f, o.maxFileSize));
          boundHeapIfLarge();
        }
      });
      tick(files.length - todo.length);
    }
    /** A unit is done: cache it, then hand it to the run (which keeps a large run's findings and bulky summaries on disk). */
    const finish = (i: number) => {
      const u = units[i];
      if (cache && facts) {
        const rel = relOf(files[i]);
        cache.set(rel, hashes.get(i)!, cachedUnit(u));
        facts.set(rel, hashes.get(i)!, { path: u.path, facts: u.facts });
      }
      take(u);
    };
    // Code files are linted by ESLint here, in this thread, each parsed once (see createCodeFileLinter); the
    // documents too, and with worker threads this thread takes batches of them from the same queue once its
    // code is done. Code stays here: on two cores, two threads linting 800 code files took 12.4-14.2 s instead
    // of 15 s, at 2.5 times the memory (each loads ESLint and TypeScript).
    const isCode = (i: number) => isCodeFile(o.config, files[i]);
    const lintedCode = o.lintCode ? todo.filter((i) => isCode(i) && !collectOnly(i)).map((i) => files[i]) : [];
    const code: CodeFileLinterOptions | undefined = lintedCode.length ? { cwd: commonDirectory([o.rootDir, ...lintedCode]), fix: o.lintCode!.fix } : undefined;
    const docTodo = todo.filter((i) => !isCode(i));
    const threads = needModels
      ? 0
      : workerThreads({
          concurrency: o.concurrency,
          auto: !!o.autoConcurrency,
          files: docTodo.length,
          bytes: () => docTodo.reduce((sum, i) => sum + (texts.get(i)?.text?.length ?? fileSize(files[i], o.maxFileSize)), 0),
        });
    /** Lints files in this thread; `yieldEach`: lets the workers' results in after each file. */
    const lintHere = async (indices: number[], yieldEach: boolean) => {
      const codeLinter = code && indices.some(isCode) ? await createCodeFileLinter(o.config, code) : undefined;
      for (const i of indices) {
        let read = texts.get(i);
        texts.delete(i);
        if (!read && cache) {
          // Not kept: read again, and cache the findings under the hash of the text they are from.
          read = readText(files[i], o.maxFileSize);
          hashes.set(i, hashOfRead(read));
        }
        units[i] = lintUnit(files[i], relOf(files[i]), { config: o.config, docRules: docRules as DocumentRule<any>[], maxFileSize: o.maxFileSize, timing, collectOnly: collectOnly(i), codeLinter, readAgain: true }, read);
        // Nothing reads the models later: let them go now, so memory stays flat however many files there are.
        if (!needModels) delete units[i].model;
        finish(i);
        tick();
        if (yieldEach) await new Promise((r) => setImmediate(r));
      }
    };
    if (threads === 0) await lintHere(todo, false);
    else {
      for (const i of docTodo) texts.delete(i); // workers read their files themselves
      // Reading and hashing every file left its garbage in this thread's heap, which allocates too little while
      // the workers lint to collect it.
      if (cache) collectGarbageNow();
      const queue = new BatchQueue(docTodo, threads + 1);
      const codeTodo = todo.filter(isCode);
      await Promise.all([
        lintInWorkers(
          queue,
          (i) => ({ path: files[i], relPath: relOf(files[i]), collectOnly: collectOnly(i) }),
          { userConfig: o.config.userConfig, resolveOptions: o.config.resolveOptions, plugins: o.plugins, allowCode: o.allowCode, maxFileSize: o.maxFileSize, ruleTiming: !!timing.addRuleTime },
          threads,
          (batch, items, batchTiming) => {
            // The workers' time, summed over them (--timing says so).
            for (const [phase, ms] of Object.entries(batchTiming.phases)) timing.phases[phase] = (timing.phases[phase] ?? 0) + ms;
            for (const [id, ms] of Object.entries(batchTiming.rules)) timing.addRuleTime?.(id, ms);
            batch.forEach((u, k) => {
              const i = items[k];
              units[i] = u;
              finish(i);
            });
            tick(batch.length);
          },
        ),
        (async () => {
          // This thread lints the code, then takes batches of documents with the workers.
          await lintHere(codeTodo, true);
          for (let batch = queue.take(); batch; batch = queue.take()) await lintHere(batch, true);
        })(),
      ]);
    }
    if (cache && facts) {
      const keep = new Set(files.map(relOf));
      cache.save(keep);
      facts.save(keep);
      const problem = cache.problem ?? facts.problem;
      if (problem) o.onCacheProblem?.(problem);
    }
    record(cache, threads);
    return units;
  };

  function record(cache: LintCache<CachedUnit> | undefined, workers: number): void {
    if (!o.stats) return;
    o.stats.cacheHits = cache?.hits ?? 0;
    o.stats.cacheMisses = cache?.misses ?? 0;
    o.stats.workers = workers;
  }

  return {
    lintUnits,
    onReduced(findings) {
      if (!o.cacheLocation || !pendingRepoKey) return;
      const problem = writeRepoCache(`${o.cacheLocation}.repo`, pendingRepoKey, findings);
      if (problem) o.onCacheProblem?.(problem);
    },
  };
}
