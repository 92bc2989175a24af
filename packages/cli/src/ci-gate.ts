import { existsSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import {
  BaselineError,
  GitError,
  applyBaseline,
  changedSince,
  checkBaseline,
  compareFilesByRelPath,
  compareFindings,
  filterFindingSource,
  readBaseline,
  setOwn,
  settingFor,
  staleEntryFinding,
  type Baseline,
  type ReadBaselineOptions,
  type ChangedFiles,
  type Finding,
  type FindingSource,
  type StaleEntry,
  relPathOf,
} from '@obslint/core';
import { UsageError, type CliArgs } from './args.js';
import { changeFilter } from './changed-filter.js';
import type { LintRun } from './commands/lint.js';
import type { CliIO } from './io.js';
import { boundHeapBeforeReading } from './process-tuning.js';


/** Reads a baseline file; a missing or malformed one is a usage error (exit 2). */
export function loadBaseline(path: string, opts?: ReadBaselineOptions): Baseline {
  return asUsageError(() => readBaseline(path, opts));
}

/** Checks a baseline file without keeping it (as `loadBaseline` would fail, it fails). */
export function checkBaselineFile(path: string): void {
  asUsageError(() => checkBaseline(path));
}

function asUsageError<T>(fn: () => T): T {
  try {
    return fn();
  } catch (e) {
    if (e instanceof BaselineError) throw new UsageError(e.message);
    throw e;
  }
}

function describeGone(s: StaleEntry): string {
  return `  ${s.entry.file}: ${s.entry.ruleId}${s.entry.entity ? ` on ${s.entry.entity}` : ''}`;
}

/**
 * Hides baselined findings, a file at a time (fingerprints name their file, so a file's findings match only
 * its own entries). Stale entries become `unused-suppression` findings on their file when it was linted;
 * entries of files that no longer exist are listed on stderr.
 */
function baselineSource(io: CliIO, file: string, run: LintRun, source: FindingSource): FindingSource {
  const path = resolve(io.cwd, file);
  if (existsSync(path)) boundHeapBeforeReading(statSync(path).size);
  // Hiding findings and naming stale entries needs no messages.
  const baseline = loadBaseline(path, { keepsMessage: () => false });
  const linted = new Map(run.files.map((f) => [relPathOf(io.cwd, f), f]));
  const entriesOf = new Map<string, Baseline['findings']>();
  const gone: StaleEntry[] = [];
  for (const [fingerprint, entry] of Object.entries(baseline.findings)) {
    if (linted.has(entry.file)) {
      const entries = entriesOf.get(entry.file) ?? entriesOf.set(entry.file, {}).get(entry.file)!;
      setOwn(entries, fingerprint, entry);
    } else if (!existsSync(resolve(io.cwd, entry.file))) gone.push({ fingerprint, entry, missing: entry.count });
  }
  if (gone.length) {
    io.stderr.write(`obslint: ${file} has ${gone.length} entr${gone.length === 1 ? 'y' : 'ies'} for files that no longer exist (remove with "obslint baseline --prune"):\n${gone.map(describeGone).join('\n')}\n`);
  }
  // The run's files with findings, and the linted files with baseline entries (a stale entry is a finding).
  const files = new Map(source.files.map((p) => [p, relPathOf(io.cwd, p)]));
  for (const rel of entriesOf.keys()) files.set(linted.get(rel)!, rel);
  const relOf = (p: string) => files.get(p) ?? relPathOf(io.cwd, p);
  return {
    files: [...files].sort(compareFilesByRelPath).map(([p]) => p),
    of(path) {
      const findings = source.of(path);
      const entries = entriesOf.get(relOf(path));
      if (!entries) return findings;
      const { kept, stale } = applyBaseline(findings, { ...baseline, findings: entries });
      const staleFindings: Finding[] = [];
      for (const s of stale) {
        const f = staleEntryFinding(s, path, file);
        const setting = settingFor(run.config, f.ruleId, path, f);
        if (setting.severity === 'off') continue;
        if (setting.explicitSeverity) f.severity = setting.severity;
        staleFindings.push(f);
      }
      return staleFindings.length ? [...kept, ...staleFindings].sort(compareFindings) : kept;
    },
    ruleIds: () => [...source.ruleIds(), 'unused-suppression'],
  };
}

/** Options of the CI gate that make no sense together: usage errors (exit 2), raised before any linting. */
export function checkCiGateArgs(args: CliArgs): void {
  if (args.changedLines && args.changedSince === undefined) throw new UsageError('--changed-lines needs --changed-since <git-ref>');
  if (args.prune) throw new UsageError('--prune only applies to "obslint baseline"');
}

/**
 * The CI-gate filters on a lint run's findings, in order: the baseline (`--baseline`), then the diff
 * (`--changed-since`, `--changed-lines`). The whole repository was analysed; only reporting is narrowed.
 * Both work a file at a time: the result is read like the run's own findings (a pull request's few changed
 * files are the only ones read back).
 */
export async function applyCiGate(io: CliIO, args: CliArgs, run: LintRun, source: FindingSource): Promise<FindingSource> {
  checkCiGateArgs(args);
  let out = source;
  if (args.baseline !== undefined) out = baselineSource(io, args.baseline, run, out);
  if (run.changed) {
    const filter = changeFilter(run.changed, run.result.models, args.changedLines);
    out = filterFindingSource(out, filter.keeps, filter.keepsFile);
  }
  return out;
}

/**
 * What changed since `--changed-since` (read before linting: a bad ref fails at once, and `--changed-lines`
 * keeps only the changed files' models); undefined without the option.
 */
export async function readChanges(io: CliIO, args: CliArgs): Promise<ChangedFiles | undefined> {
  if (args.changedSince === undefined) return undefined;
  try {
    return await changedSince(io.cwd, args.changedSince);
  } catch (e) {
    if (e instanceof GitError) throw new UsageError(`--changed-since: ${e.message}`);
    throw e;
  }
}
