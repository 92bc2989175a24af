import { parentPort, workerData } from 'node:worker_threads';
import { pathToFileURL } from 'node:url';
import { findingsJsonOf, lintUnit, measureSharedWork, type FindingsJson, resolveConfig, type AnyRule, type DocumentRule, type LintUnit } from '@obslint/core';
import { builtinRules } from '@obslint/rules';
import type { BatchTiming, WorkerInit, WorkerJob, WorkerResult } from './unit-protocol.js';

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
  measureSharedWork(init.ruleTiming);
  parentPort!.on('message', (job: WorkerJob) => {
    const findings: FindingsJson[] = [];
    const timing: BatchTiming = { phases: {}, rules: {} };
    const addRuleTime = init.ruleTiming ? (id: string, ms: number) => (timing.rules[id] = (timing.rules[id] ?? 0) + ms) : undefined;
    const units: LintUnit[] = job.files.map(({ path, relPath, collectOnly }, k) => {
      const u = lintUnit(path, relPath, { config, docRules, maxFileSize: init.maxFileSize, collectOnly, timing: { phases: timing.phases, addRuleTime }, readAgain: true });
      delete u.model;
      // The findings go as their tuples' JSON, apart: the main thread writes that text to its spill file as it is.
      const json = findingsJsonOf(u.findings, path, relPath);
      if (json) findings[k] = json;
      u.findings = [];
      return u;
    });
    // One JSON string per batch (and one per file's findings): copying strings between threads is far cheaper
    // than cloning objects.
    parentPort!.postMessage({ id: job.id, json: JSON.stringify(units), findings, timing } satisfies WorkerResult);
  });
  parentPort!.postMessage({ ready: true });
}

start().catch((e) => {
  parentPort!.postMessage({ fatal: (e as Error).stack ?? String(e) });
});
