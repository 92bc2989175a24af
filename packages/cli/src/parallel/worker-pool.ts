import { Worker } from 'node:worker_threads';
import { StringTable, type LintUnit } from '@obslint/core';
import type { WorkerInit, WorkerJob } from './unit-protocol.js';

/**
 * The worker entry. Running from TypeScript sources (tests), the compiled worker in dist/ is used: worker
 * threads load plain JavaScript.
 */
const WORKER_URL = import.meta.url.endsWith('.ts') ? new URL('../../dist/parallel/lint-worker.js', import.meta.url) : new URL('./lint-worker.js', import.meta.url);

/**
 * Runs the per-file phase on `size` worker threads: files go out in batches, dynamically, so a slow batch
 * does not hold the others. Each batch's units are handed to `onBatch` as they arrive (with the index of
 * the batch's first file), so the caller can keep or drop them; nothing else holds them.
 */
export async function lintInWorkers(
  files: Array<{ path: string; relPath: string; collectOnly?: boolean }>,
  init: WorkerInit,
  size: number,
  onBatch: (units: LintUnit[], first: number) => void,
): Promise<void> {
  const batch = Math.max(8, Math.min(100, Math.ceil(files.length / (size * 8))));
  const jobs: WorkerJob[] = [];
  for (let i = 0; i < files.length; i += batch) jobs.push({ id: jobs.length, files: files.slice(i, i + batch) });
  const firstOf = (id: number) => id * batch;
  // Results arrive as JSON: repeated strings (paths, rule ids, metric names) get one shared copy again.
  const strings = new StringTable();
  let next = 0;
  const workers: Worker[] = [];
  try {
    await Promise.all(
      Array.from({ length: Math.min(size, jobs.length) }, () =>
        new Promise<void>((resolve, reject) => {
          // No inherited flags: a test runner's --conditions would make the worker load TypeScript sources.
          const w = new Worker(WORKER_URL, { workerData: init, execArgv: [] });
          workers.push(w);
          const send = () => {
            if (next >= jobs.length) {
              resolve();
              return;
            }
            w.postMessage(jobs[next++]);
          };
          w.on('message', (m: { ready?: boolean; fatal?: string; id?: number; json?: string }) => {
            if (m.fatal) reject(new Error(`lint worker failed to start: ${m.fatal}`));
            else if (m.ready) send();
            else if (m.id !== undefined && m.json !== undefined) {
              send(); // keep the worker busy while this batch is decoded
              const units = JSON.parse(m.json) as LintUnit[];
              for (const u of units) {
                strings.findings(u.findings);
                strings.deep(u.facts);
              }
              onBatch(units, firstOf(m.id));
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
