import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { DEFAULT_BASELINE_FILE, updateBaseline, writeBaseline, type AnyRule } from '@obslint/core';
import { UsageError, type CliArgs } from '../args.js';
import { loadBaseline, relPathOf } from '../ci-gate.js';
import type { CliIO } from '../io.js';
import { performLint } from './lint.js';

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
  const previous = existsSync(path) ? loadBaseline(path) : undefined;
  if (args.prune && !previous) throw new UsageError(`--prune: no baseline at ${file}`);
  const run = await performLint(io, args, rules);
  const next = updateBaseline(previous, run.findings, {
    lintedFiles: new Set(run.files.map((f) => relPathOf(io.cwd, f))),
    fileExists: (rel) => existsSync(resolve(io.cwd, rel)),
    prune: args.prune,
  });
  writeBaseline(path, next);
  const entries = Object.values(next.findings);
  const total = entries.reduce((n, e) => n + e.count, 0);
  const removed = previous ? Object.keys(previous.findings).filter((fp) => !(fp in next.findings)).length : 0;
  const pruned = args.prune ? `, removed ${removed} stale entr${removed === 1 ? 'y' : 'ies'}` : '';
  io.stdout.write(`obslint: wrote ${file}: ${total} finding${total === 1 ? '' : 's'} under ${entries.length} fingerprint${entries.length === 1 ? '' : 's'}${pruned}.\n`);
  return 0;
}
