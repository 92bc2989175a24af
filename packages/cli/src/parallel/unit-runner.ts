import { availableParallelism } from 'node:os';
import { relative, sep } from 'node:path';
import { lintUnit, readText, type AnyRule, type DocumentRule, type LintUnit, type ResolvedConfig, type RunOptions } from '@obslint/core';
import { LintCache, cacheKey, contentHash } from '../cache.js';
import { lintInWorkers } from './worker-pool.js';

/** Below this many files to lint, threads cost more to start than they save. */
export const MIN_FILES_FOR_WORKERS = 400;

export interface UnitRunnerOptions {
  rootDir: string;
  config: ResolvedConfig;
  rules: readonly AnyRule[];
  maxFileSize: number;
  /** Cache file, when --cache is on. */
  cacheLocation?: string;
  /** Worker threads for the per-file phase (1 = this thread). */
  concurrency: number;
  allowCode: boolean;
  /** Absolute plugin paths (for workers). */
  plugins: string[];
  onProgress?: (done: number, total: number) => void;
  /** Filled in after the run: how the per-file phase went. */
  stats?: { cacheHits: number; cacheMisses: number; workers: number };
}

export function defaultConcurrency(): number {
  return Math.max(1, availableParallelism());
}

/**
 * The per-file phase for the CLI: results from the content-hash cache where the file is unchanged, the rest
 * linted in this thread or on worker threads. When the run needs parsed models (audits, whole-model
 * repo rules, the online phase) everything is linted in this thread.
 */
export function createUnitRunner(o: UnitRunnerOptions): NonNullable<RunOptions['lintUnits']> {
  return async (files, { docRules, needModels, timing }) => {
    const relOf = (p: string) => relative(o.rootDir, p).split(sep).join('/') || p;
    const cache = o.cacheLocation ? new LintCache(o.cacheLocation, cacheKey(o.config, o.rules)) : undefined;
    const units: LintUnit[] = new Array(files.length);
    const todo: number[] = [];
    const texts = new Map<number, ReturnType<typeof readText>>();
    const hashes = new Map<number, string>();
    let done = 0;
    const tick = (n = 1) => {
      done += n;
      o.onProgress?.(done, files.length);
    };
    files.forEach((path, i) => {
      if (!cache || needModels) {
        todo.push(i);
        return;
      }
      const read = readText(path, o.maxFileSize);
      const hash = contentHash(`${read.problem ?? ''}\0${read.text ?? ''}`);
      hashes.set(i, hash);
      const hit = cache.get(relOf(path), hash);
      if (hit) {
        units[i] = { ...hit, text: read.text?.includes('obslint-disable') ? read.text : undefined };
        tick();
      } else {
        texts.set(i, read);
        todo.push(i);
      }
    });
    const inThisThread = needModels || o.concurrency <= 1 || todo.length < MIN_FILES_FOR_WORKERS;
    if (inThisThread) {
      for (const i of todo) {
        units[i] = lintUnit(files[i], relOf(files[i]), { config: o.config, docRules: docRules as DocumentRule<any>[], maxFileSize: o.maxFileSize, timing }, texts.get(i));
        // Nothing reads the models later: let them go now, so memory stays flat however many files there are.
        if (!needModels) delete units[i].model;
        tick();
      }
    } else {
      const out = await lintInWorkers(
        todo.map((i) => ({ path: files[i], relPath: relOf(files[i]) })),
        { userConfig: o.config.userConfig, resolveOptions: o.config.resolveOptions, plugins: o.plugins, allowCode: o.allowCode, maxFileSize: o.maxFileSize },
        Math.min(o.concurrency, Math.ceil(todo.length / 100)),
        tick,
      );
      todo.forEach((i, k) => {
        units[i] = out[k];
      });
    }
    if (o.stats) {
      o.stats.cacheHits = cache?.hits ?? 0;
      o.stats.cacheMisses = cache?.misses ?? 0;
      o.stats.workers = inThisThread ? 0 : Math.min(o.concurrency, Math.ceil(todo.length / 100));
    }
    if (cache) {
      for (const i of todo) if (hashes.has(i)) cache.set(relOf(files[i]), hashes.get(i)!, units[i]);
      cache.save(new Set(files.map(relOf)));
    }
    return units;
  };
}
