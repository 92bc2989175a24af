import { existsSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { AtomicFileWriter, relPathOf, DEFAULT_BASELINE_FILE, baselineTextChunks, updatedBaselineEntries, type AnyRule, type BaselineEntry } from '@obslint/core';
import { UsageError, type CliArgs } from '../args.js';
import { checkBaselineFile, loadBaseline } from '../ci-gate.js';
import type { CliIO } from '../io.js';
import { performLint } from './lint.js';
import { boundHeapBeforeReading } from '../process-tuning.js';

/**
 * `obslint baseline [paths]`: records the current findings (by fingerprint, with counts) so that later runs
 * with `--baseline` report only new ones. `--prune` only removes entries that no longer match. Entries of
 * files outside `paths` are kept while those files exist.
 */
export async function baselineCommand(io: CliIO, args: CliArgs, rules: readonly AnyRule[]): Promise<number> {
  if (args.changedSince !== undefined || args.changedLines) throw new UsageError('"obslint baseline" records every finding: --changed-since and --changed-lines do not apply');
  if (args.fix || args.fixDryRun) throw new UsageError('"obslint baseline" does not apply fixes: run --fix first');
  const file = args.baseline ?? DEFAULT_BASELINE_FILE;
  const path = resolve(io.cwd, file);
  const exists = existsSync(path);
  if (args.prune && !exists) throw new UsageError(`--prune: no baseline at ${file}`);
  // Checked now, so that a broken baseline fails before the run, and read after it: a large repository's
  // baseline (388,000 entries, 141 MB in memory) is not carried through the run.
  if (exists) checkBaselineFile(path);
  const run = await performLint(io, args, rules);
  const lintedFiles = new Set(run.files.map((f) => relPathOf(io.cwd, f)));
  // Entries of linted files are replaced by the run's findings (--prune keeps them, messages and all): only the
  // others' messages are written again.
  if (exists) boundHeapBeforeReading(statSync(path).size);
  const previous = exists ? loadBaseline(path, { keepsMessage: (rel) => args.prune || !lintedFiles.has(rel) }) : undefined;
  const set = run.result.findingSet;
  // Written a file at a time: the run's findings are read back per file, the baseline never held whole.
  let total = 0;
  let entries = 0;
  const kept = new Set<string>();
  function* counted(all: Iterable<[string, BaselineEntry]>): Generator<[string, BaselineEntry]> {
    for (const [fp, e] of all) {
      total += e.count;
      entries++;
      if (previous && Object.hasOwn(previous.findings, fp)) kept.add(fp);
      yield [fp, e];
    }
  }
  try {
    const next = updatedBaselineEntries(previous, set, set.files.map((p) => [p, relPathOf(io.cwd, p)] as const), {
      lintedFiles,
      fileExists: (rel) => existsSync(resolve(io.cwd, rel)),
      prune: args.prune,
    });
    const out = new AtomicFileWriter(path);
    try {
      for (const chunk of baselineTextChunks(counted(next))) out.write(chunk);
      out.commit();
    } catch (e) {
      out.abort();
      throw e;
    }
  } finally {
    set.dispose();
  }
  const removed = previous ? Object.keys(previous.findings).filter((fp) => !kept.has(fp)).length : 0;
  const pruned = args.prune ? `, removed ${removed} stale entr${removed === 1 ? 'y' : 'ies'}` : '';
  io.stdout.write(`obslint: wrote ${file}: ${total} finding${total === 1 ? '' : 's'} under ${entries} fingerprint${entries === 1 ? '' : 's'}${pruned}.\n`);
  return 0;
}
