import { Worker } from 'node:worker_threads';
import { StringTable, type LintUnit } from '@obslint/core';
import type { BatchTiming, WorkerInit, WorkerJob, WorkerResult } from './unit-protocol.js';

/**
 * The worker entry. Running from TypeScript sources (tests), the compiled worker in dist/ is used: worker
 * threads load plain JavaScript.
 */
const WORKER_URL = import.meta.url.endsWith('.ts') ? new URL('../../dist/parallel/lint-worker.js', import.meta.url) : new URL('./lint-worker.js', import.meta.url);

const MIN_BATCH = 8;
const MAX_BATCH = 100;

/**
 * Runs the per-file phase on `size` worker threads: files go out in batches, dynamically, so a slow batch
 * does not hold the others. Each batch's units are handed to `onBatch` as they arrive (with the index of
 * the batch's first file, and the time it took per phase and rule), so the caller can keep or drop them;
 * nothing else holds them. `prefetch`: each worker is sent two batches ahead, for a caller whose thread is busy
 * with work of its own (code) and answers a worker's results late.
 */
export async function lintInWorkers(
  files: Array<{ path: string; relPath: string; collectOnly?: boolean }>,
  init: WorkerInit,
  size: number,
  onBatch: (units: LintUnit[], first: number, timing: BatchTiming) => void,
  prefetch = false,
): Promise<void> {
  // Results arrive as JSON: repeated strings (paths, rule ids, metric names) get one shared copy again.
  const strings = new StringTable();
  /** The first file of each batch sent, by batch id. */
  const firstOf: number[] = [];
  let next = 0;
  /**
   * The next batch: batches shrink as the files left do (an eighth of them per worker, from 100 files down to
   * MIN_BATCH), so a run does not end with one worker on a long last batch (a repository's large rule files
   * are often found together) while the others wait.
   */
  const nextJob = (): WorkerJob | undefined => {
    if (next >= files.length) return undefined;
    const count = Math.max(MIN_BATCH, Math.min(MAX_BATCH, Math.ceil((files.length - next) / (size * 8))));
    const job = { id: firstOf.length, files: files.slice(next, next + count) };
    firstOf.push(next);
    next += count;
    return job;
  };
  const workers: Worker[] = [];
  try {
    await Promise.all(
      Array.from({ length: Math.min(size, Math.ceil(files.length / MIN_BATCH)) }, () =>
        new Promise<void>((resolve, reject) => {
          // No inherited flags: a test runner's --conditions would make the worker load TypeScript sources.
          const w = new Worker(WORKER_URL, { workerData: init, execArgv: [] });
          workers.push(w);
          /** Batches sent and not yet back: two at a time, so a worker has the next batch while this thread is busy. */
          let outstanding = 0;
          const send = () => {
            const job = nextJob();
            if (job) {
              outstanding++;
              w.postMessage(job);
            } else if (outstanding === 0) resolve();
          };
          w.on('message', (m: { ready: true } | { fatal: string } | WorkerResult) => {
            if ('fatal' in m) reject(new Error(`lint worker failed to start: ${m.fatal}`));
            else if ('ready' in m) {
              send();
              if (prefetch) send();
            } else {
              outstanding--;
              send(); // keep the worker busy while this batch is decoded
              const units = JSON.parse(m.json) as LintUnit[];
              units.forEach((u, k) => {
                // The findings stay text (the run spills them as they are); only the summaries are decoded.
                if (m.findings[k]) u.findingsJson = m.findings[k];
                strings.deep(u.facts);
              });
              onBatch(units, firstOf[m.id], m.timing);
            }
          });
          w.on('error', reject);
          w.on('exit', (code) => {
            if (code !== 0) reject(new Error(`lint worker exited with code ${code}`));
          });
        }),
      ),
    );
  } finally {
    await Promise.all(workers.map((w) => w.terminate()));
  }
}
