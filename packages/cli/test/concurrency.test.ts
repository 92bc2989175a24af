import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { defaultConcurrency, keepTextBudget, minBytesForWorkers, workerThreads } from '../src/parallel/unit-runner.js';
import { runCli, tempRepo } from './helpers.js';

const MB = 1024 * 1024;

describe('default worker threads', () => {
  it('one worker per core; in this thread on one core', () => {
    expect([0, 1, 2, 3, 4, 16].map((cores) => defaultConcurrency(cores))).toEqual([1, 1, 2, 3, 4, 16]);
  });
});

describe('workerThreads: how many worker threads a run gets (this thread lints with them)', () => {
  const decide = (concurrency: number, auto: boolean, files: number, bytes: number) => {
    let asked = 0;
    const workers = workerThreads({ concurrency, auto, files, bytes: () => (asked++, bytes) });
    return { workers, asked };
  };

  it('none for --concurrency 1, or when the files make fewer than two threads of 100', () => {
    expect(decide(1, false, 10_000, 1000 * MB)).toEqual({ workers: 0, asked: 0 });
    expect(decide(4, false, 100, 1000 * MB)).toEqual({ workers: 0, asked: 0 });
    expect(decide(4, true, 100, 1000 * MB)).toEqual({ workers: 0, asked: 0 });
  });

  it('--concurrency n: n threads, this one and n - 1 workers, fewer when there are fewer than 100 files per thread, whatever their size', () => {
    expect(decide(2, false, 450, 1 * MB)).toEqual({ workers: 1, asked: 0 });
    expect(decide(3, false, 450, 1 * MB)).toEqual({ workers: 2, asked: 0 });
    expect(decide(8, false, 350, 1 * MB)).toEqual({ workers: 3, asked: 0 });
  });

  it('auto (the default): only from 20 MB of files on two threads, 12 MB on more', () => {
    expect(minBytesForWorkers(2)).toBe(20 * MB);
    expect(minBytesForWorkers(4)).toBe(12 * MB);
    expect(decide(2, true, 2000, 20 * MB - 1).workers).toBe(0);
    expect(decide(2, true, 2000, 20 * MB).workers).toBe(1);
    expect(decide(4, true, 2000, 12 * MB - 1).workers).toBe(0);
    expect(decide(4, true, 2000, 12 * MB)).toEqual({ workers: 3, asked: 1 });
    // 250 files allow three threads at most: the threshold is the one for three.
    expect(decide(16, true, 250, 12 * MB).workers).toBe(2);
  });

  it('--cache keeps changed files\' texts for linting only where this thread may lint them', () => {
    expect(keepTextBudget(1, false)).toBe(64 * MB);
    expect(keepTextBudget(2, true)).toBe(minBytesForWorkers(2)); // beyond it, auto starts threads
    expect(keepTextBudget(4, false)).toBe(0); // threads asked for: they read their own files
  });

  it('a small repository stays in this thread by default, and gets threads when asked for them', async () => {
    const files: Record<string, string> = {};
    for (let i = 0; i < 250; i++) files[`rules/r${i}.yaml`] = `groups:\n  - name: g${i}\n    rules:\n      - alert: A${i}\n        expr: up == 0\n        for: 5m\n`;
    const dir = tempRepo(files);
    const auto = await runCli(['.', '-f', 'json', '--timing'], dir);
    expect(auto.stderr).toMatch(/250 files; cache 0 hits, 0 misses; no worker threads/);
    const asked = await runCli(['.', '-f', 'json', '--timing', '--concurrency', '2'], dir);
    expect(asked.stderr).toMatch(/250 files; cache 0 hits, 0 misses; 2 threads, this one and 1 worker /);
    expect(asked.stdout).toBe(auto.stdout);
    // A file above --max-file-size is skipped, not linted: it does not count towards starting threads.
    writeFileSync(join(dir, 'generated.json'), `"${'x'.repeat(33 * MB)}"`);
    const big = await runCli(['.', '-f', 'json', '--timing', '--max-file-size', '1MB'], dir);
    expect(big.stderr).toMatch(/251 files; cache 0 hits, 0 misses; no worker threads/);
    expect(big.stdout).toContain('file-skipped');
  }, 60_000);
});
