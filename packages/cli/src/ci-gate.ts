import { existsSync } from 'node:fs';
import { relative, resolve, sep } from 'node:path';
import {
  BaselineError,
  GitError,
  applyBaseline,
  changedSince,
  compareFindings,
  readBaseline,
  settingFor,
  staleEntryFinding,
  type Baseline,
  type Finding,
  type StaleEntry,
} from '@obslint/core';
import { UsageError, type CliArgs } from './args.js';
import { filterToChanges } from './changed-filter.js';
import type { LintRun } from './commands/lint.js';
import type { CliIO } from './io.js';

/** Repo-relative path as findings carry it (relative to the directory obslint runs in). */
export function relPathOf(cwd: string, abs: string): string {
  return relative(cwd, abs).split(sep).join('/') || abs;
}

/** Reads a baseline file; a missing or malformed one is a usage error (exit 2). */
export function loadBaseline(path: string): Baseline {
  try {
    return readBaseline(path);
  } catch (e) {
    if (e instanceof BaselineError) throw new UsageError(e.message);
    throw e;
  }
}

function describeGone(s: StaleEntry): string {
  return `  ${s.entry.file}: ${s.entry.ruleId}${s.entry.entity ? ` on ${s.entry.entity}` : ''}`;
}

/**
 * Hides baselined findings. Stale entries become `unused-suppression` findings on their file when it was
 * linted; entries of files that no longer exist are listed on stderr.
 */
function applyBaselineFile(io: CliIO, file: string, run: LintRun, findings: Finding[]): Finding[] {
  const { kept, stale } = applyBaseline(findings, loadBaseline(resolve(io.cwd, file)));
  const linted = new Set(run.files.map((f) => relPathOf(io.cwd, f)));
  const staleFindings: Finding[] = [];
  const gone: StaleEntry[] = [];
  for (const s of stale) {
    const abs = resolve(io.cwd, s.entry.file);
    if (linted.has(s.entry.file)) {
      const f = staleEntryFinding(s, abs, file);
      const setting = settingFor(run.config, f.ruleId, abs, f);
      if (setting.severity === 'off') continue;
      if (setting.explicitSeverity) f.severity = setting.severity;
      staleFindings.push(f);
    } else if (!existsSync(abs)) gone.push(s);
  }
  if (gone.length) {
    io.stderr.write(`obslint: ${file} has ${gone.length} entr${gone.length === 1 ? 'y' : 'ies'} for files that no longer exist (remove with "obslint baseline --prune"):\n${gone.map(describeGone).join('\n')}\n`);
  }
  return [...kept, ...staleFindings].sort(compareFindings);
}

/** Options of the CI gate that make no sense together: usage errors (exit 2), raised before any linting. */
export function checkCiGateArgs(args: CliArgs): void {
  if (args.changedLines && args.changedSince === undefined) throw new UsageError('--changed-lines needs --changed-since <git-ref>');
  if (args.prune) throw new UsageError('--prune only applies to "obslint baseline"');
}

/**
 * The CI-gate filters on a lint run's findings, in order: the baseline (`--baseline`), then the diff
 * (`--changed-since`, `--changed-lines`). The whole repository was analysed; only reporting is narrowed.
 */
export async function applyCiGate(io: CliIO, args: CliArgs, run: LintRun): Promise<Finding[]> {
  checkCiGateArgs(args);
  let findings = run.findings;
  if (args.baseline !== undefined) findings = applyBaselineFile(io, args.baseline, run, findings);
  if (args.changedSince !== undefined) {
    let changed;
    try {
      changed = await changedSince(io.cwd, args.changedSince);
    } catch (e) {
      if (e instanceof GitError) throw new UsageError(`--changed-since: ${e.message}`);
      throw e;
    }
    findings = filterToChanges(findings, changed, run.result.models, args.changedLines);
  }
  return findings;
}
