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
 * Files handed out in batches, on demand, to the worker threads and to this thread: batches shrink as the
 * files left do (an eighth of them per thread, from 100 files down to MIN_BATCH), so a run does not end with
 * one thread on a long last batch (a repository's large rule files are often found together) while the others
 * wait.
 */
export class BatchQueue {
  private next = 0;

  /** `items`: what to lint (the caller's file indices); `threads`: how many threads take batches. */
  constructor(
    private readonly items: readonly number[],
    private readonly threads: number,
  ) {}

  /** How many items are left. */
  get left(): number {
    return this.items.length - this.next;
  }

  /** The next batch, or undefined when every item has been handed out. */
  take(): number[] | undefined {
    if (this.next >= this.items.length) return undefined;
    const count = Math.max(MIN_BATCH, Math.min(MAX_BATCH, Math.ceil(this.left / (this.threads * 8))));
    const batch = this.items.slice(this.next, this.next + count);
    this.next += count;
    return batch;
  }
}

/**
 * Runs the per-file phase on `size` worker threads, taking batches from `queue` (which this thread may take
 * from too): a slow batch does not hold the others. Each batch's units are handed to `onBatch` as they arrive
 * (with the items they are for, and the time it took per phase and rule), so the caller can keep or drop them;
 * nothing else holds them. Each worker is sent two batches ahead: this thread lints too (code, then documents
 * from the same queue) and answers a worker's results only between its own files.
 */
export async function lintInWorkers(
  queue: BatchQueue,
  fileOf: (item: number) => { path: string; relPath: string; collectOnly?: boolean },
  init: WorkerInit,
  size: number,
  onBatch: (units: LintUnit[], items: number[], timing: BatchTiming) => void,
): Promise<void> {
  // Results arrive as JSON: repeated strings (paths, rule ids, metric names) get one shared copy again.
  const strings = new StringTable();
  /** The items of each batch sent, by batch id. */
  const sent: number[][] = [];
  const nextJob = (): WorkerJob | undefined => {
    const items = queue.take();
    if (!items) return undefined;
    sent.push(items);
    return { id: sent.length - 1, files: items.map(fileOf) };
  };
  const workers: Worker[] = [];
  try {
    await Promise.all(
      Array.from({ length: Math.min(size, Math.ceil(queue.left / MIN_BATCH)) }, () =>
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
              send();
            } else {
              outstanding--;
              send(); // keep the worker busy while this batch is decoded
              const units = JSON.parse(m.json) as LintUnit[];
              units.forEach((u, k) => {
                // The findings stay text (the run spills them as they are); only the summaries are decoded.
                if (m.findings[k]) u.findingsJson = m.findings[k];
                strings.deep(u.facts);
              });
              const items = sent[m.id];
              sent[m.id] = [];
              onBatch(units, items, m.timing);
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
