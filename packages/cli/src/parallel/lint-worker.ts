import { parentPort, workerData } from 'node:worker_threads';
import { pathToFileURL } from 'node:url';
import { lintUnit, resolveConfig, type AnyRule, type DocumentRule, type LintUnit } from '@obslint/core';
import { builtinRules } from '@obslint/rules';
import type { WorkerInit, WorkerJob } from './unit-protocol.js';

/** A worker thread running the per-file phase for batches of files; results carry no models. */
async function start(): Promise<void> {
  const init = workerData as WorkerInit;
  let rules: AnyRule[] = builtinRules;
  if (init.allowCode && init.plugins.length) {
    for (const p of init.plugins) {
      const mod = (await import(pathToFileURL(p).href)) as { rules?: AnyRule[]; default?: { rules?: AnyRule[] } };
      rules = [...rules, ...(mod.rules ?? mod.default?.rules ?? [])];
    }
  }
  const config = resolveConfig(init.userConfig, rules, init.resolveOptions);
  const docRules = rules.filter((r): r is DocumentRule<any> => r.kind === 'document');
  parentPort!.on('message', (job: WorkerJob) => {
    const units: LintUnit[] = job.files.map(({ path, relPath, collectOnly }) => {
      const u = lintUnit(path, relPath, { config, docRules, maxFileSize: init.maxFileSize, collectOnly });
      delete u.model;
      return u;
    });
    // One JSON string per batch: copying a string between threads is far cheaper than cloning objects.
    parentPort!.postMessage({ id: job.id, json: JSON.stringify(units) });
  });
  parentPort!.postMessage({ ready: true });
}

start().catch((e) => {
  parentPort!.postMessage({ fatal: (e as Error).stack ?? String(e) });
});
