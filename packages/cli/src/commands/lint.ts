import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { DEFAULT_MAX_FILE_SIZE, FORMATTERS, SHARED_WORK_LABELS, STREAMING_FORMATTERS, capFindingSource, countFindings, countedSource, filterFindingSource, findFiles, findingSourceOf, findingsOfSource, runLint, withSpan } from '@obslint/core';
import type { AnyRule, ChangedFiles, Finding, FindingCounts, FindingSource, ResolvedConfig, RunResult, SharedWorkKind, StreamFormatContext } from '@obslint/core';
import { connectPrometheus, describeOnlineSummary, enableOnlineRules, requestedOnlineRules, type PrometheusSession } from '@obslint/core';
import { ruleDocsFile } from '@obslint/rules';
import { UsageError, type CliArgs } from '../args.js';
import { applyCiGate, checkCiGateArgs, readChanges } from '../ci-gate.js';
import { changedFileTest } from '../changed-filter.js';
import { applyFixes, lineDiff } from '../fix.js';
import { writeOutputFile } from '../files.js';
import { createProgress } from '../progress.js';
import { boundHeapIfLarge } from '../process-tuning.js';
import { useColor, type CliIO } from '../io.js';
import { loadConfig } from '../load-config.js';
import { createUnitRunner, defaultConcurrency } from '../parallel/unit-runner.js';
import { VERSION } from '../version.js';

export interface LintRun {
  result: RunResult;
  /** The findings as reported, all in memory (read from `result.findingSet` on first use). */
  findings: Finding[];
  files: string[];
  config: ResolvedConfig;
  /** Built-in rules plus plugin rules (when --allow-code loaded any). */
  rules: readonly AnyRule[];
  /** Cache hits/misses and worker threads of the per-file phase. */
  unitStats: { cacheHits: number; cacheMisses: number; workers: number };
  /** What changed since `--changed-since`. */
  changed?: ChangedFiles;
  /** When the run started (`performance.now()`), and how long the config, the files and the git changes took. */
  startedAt: number;
  setupMs: number;
}

/** Discovers files, lints them (documents in core, code through ESLint) and applies fixes when asked. */
export async function performLint(io: CliIO, args: CliArgs, builtin: readonly AnyRule[], preset?: 'recommended' | 'strict'): Promise<LintRun> {
  const startedAt = performance.now();
  const { config, ignoredJsConfig, rules } = await loadConfig(args, io.cwd, builtin, preset);
  if (ignoredJsConfig) io.stderr.write(`obslint: ignoring ${ignoredJsConfig}: JavaScript configs run code and are not loaded (use obslint.config.yaml or .json).\n`);
  const { files, missing, special } = await findFiles({ cwd: io.cwd, paths: args.paths, ignores: config.ignores, ignoreBase: config.baseDir, gitignore: args.gitignore });
  if (missing.length) throw new UsageError(`No such file or directory: ${missing.join(', ')}`);
  for (const p of special) io.stderr.write(`obslint: skipping ${p}: not a regular file or directory.\n`);
  const changed = await readChanges(io, args);
  const online = await openOnline(io, args, config, rules);
  const setupMs = performance.now() - startedAt;
  const progress = createProgress(io);
  // As files are done: the progress line, and a large run's heap growth bounded (in bin/obslint.js's process).
  const onProgress = (done: number, total: number) => {
    progress.update(done, total);
    boundHeapIfLarge();
  };
  // Checklists read the parsed models (with --changed-since, those of the changed files), --changed-lines
  // those of the changed files; audits and the HTML report keep what the audit needs of each file as it is
  // done (not its model). Those runs never take results from the cache or worker threads.
  const needModels = args.command === 'checklist' && !changed;
  const keepModel = changed && (args.changedLines || args.command === 'checklist') ? changedFileTest(changed) : undefined;
  const auditFacts = args.command === 'audit' || args.outputs.some((o) => o.format === 'html');
  const unitStats = { cacheHits: 0, cacheMisses: 0, workers: 0 };
  const cacheLocation = args.cache ? resolve(io.cwd, args.cacheLocation ?? '.obslintcache') : undefined;
  // The cache has several files: one warning, for the first that could not be saved.
  let cacheWarned = false;
  const onCacheProblem = (problem: string) => {
    if (!cacheWarned) io.stderr.write(`obslint: warning: the cache was not saved (${problem}); the run goes on without it.\n`);
    cacheWarned = true;
  };
  const result = await runLint({
    rootDir: io.cwd,
    files,
    config,
    rules,
    maxFileSize: args.maxFileSize,
    onProgress,
    prometheus: online?.run,
    needModels,
    auditFacts,
    keepModel,
    ruleTiming: args.timing,
    shard: args.shard,
    ...createUnitRunner({
      rootDir: io.cwd,
      config,
      rules,
      maxFileSize: args.maxFileSize ?? DEFAULT_MAX_FILE_SIZE,
      cacheLocation,
      concurrency: args.concurrency || defaultConcurrency(),
      autoConcurrency: !args.concurrency,
      allowCode: args.allowCode,
      // Code files are linted (by ESLint) with the rest, in the per-file phase: cached and on worker threads alike.
      lintCode: { fix: !!args.fix },
      plugins: (config.userConfig.plugins ?? []).map((p) => resolve(config.baseDir, p)),
      onProgress,
      stats: unitStats,
      shard: args.shard,
      onCacheProblem,
    }),
  }).finally(() => {
    progress.finish();
    online?.close();
  });
  if (result.online) for (const line of describeOnlineSummary(result.online).lines) io.stderr.write(`${line}\n`);
  let findings: Finding[] | undefined;
  if (args.fix || args.fixDryRun) {
    findings = result.findings;
    const { changed } = applyFixes(findings, { write: args.fix });
    const fixed = new Set<Finding>();
    for (const [path, c] of changed) {
      c.applied.forEach((f) => fixed.add(f));
      if (args.fixDryRun) io.stderr.write(lineDiff(c.applied[0]?.relPath ?? path, c.before, c.after));
    }
    if (args.fix) findings = findings.filter((f) => !fixed.has(f));
  }
  return {
    result,
    get findings() {
      return (findings ??= result.findings);
    },
    set findings(v) {
      findings = v;
    },
    files,
    config,
    rules,
    unitStats,
    changed,
    startedAt,
    setupMs,
  };
}

/**
 * With --prometheus-url: the online rules are turned on and the server is checked before any linting (an
 * unreachable server is one clear error, exit 2). Without it, one line says how many online rules the
 * configuration asked for that cannot run.
 */
async function openOnline(io: CliIO, args: CliArgs, config: ResolvedConfig, rules: readonly AnyRule[]): Promise<PrometheusSession | undefined> {
  if (!args.prometheus) {
    const n = requestedOnlineRules(config, rules).length;
    if (n) io.stderr.write(`obslint: ${n} online rule${n === 1 ? '' : 's'} skipped (no --prometheus-url)\n`);
    return undefined;
  }
  enableOnlineRules(config, rules);
  return connectPrometheus(args.prometheus, io.env ?? {});
}

function readTextOrUndefined(p: string): string | undefined {
  try {
    return readFileSync(p, 'utf8');
  } catch {
    return undefined;
  }
}

/** The outputs asked for: stylish on stdout when none. */
function outputsOf(args: CliArgs): Array<{ format: string; file?: string }> {
  return args.outputs.length ? args.outputs : [{ format: 'stylish' }];
}

function writeOutputs(io: CliIO, args: CliArgs, run: LintRun, source: FindingSource): void {
  const outputs = outputsOf(args);
  const shown = args.quiet ? filterFindingSource(source, (f) => f.severity === 'error') : source;
  for (const o of outputs) {
    const ctx: StreamFormatContext = {
      files: run.files,
      rootDir: io.cwd,
      rules: run.rules,
      color: o.file ? false : useColor(io, args.color),
      readSource: readTextOrUndefined,
      readRuleDocs: (id) => {
        const docs = ruleDocsFile(id);
        return docs === undefined ? undefined : readTextOrUndefined(docs);
      },
      toolVersion: VERSION,
      models: run.result.models,
      auditFacts: run.result.auditFacts,
    };
    let findings = shown;
    if (o.format === 'sarif' && args.sarifMaxResults !== undefined) {
      const capped = capFindingSource(shown, args.sarifMaxResults);
      findings = capped.source;
      if (capped.omitted) {
        ctx.omitted = { count: capped.omitted, limit: args.sarifMaxResults };
        io.stderr.write(`obslint: SARIF${o.file ? ` (${o.file})` : ''} holds the ${capped.kept} most severe of ${capped.kept + capped.omitted} findings (--sarif-max-results ${args.sarifMaxResults}); the other formats have all of them\n`);
      }
    }
    // Streamed where the format allows it: findings are read a file at a time, the report written in pieces.
    const stream = STREAMING_FORMATTERS[o.format];
    const text = stream ? stream(ctx, findings) : FORMATTERS[o.format]({ ...ctx, findings: findingsOfSource(findings) });
    if (o.file) {
      writeOutputFile(resolve(io.cwd, o.file), text);
    } else if (typeof text === 'string') io.stdout.write(text);
    else for (const chunk of text) io.stdout.write(chunk);
  }
}


/**
 * `--timing`: the phases in the order they run (setup: the config, finding the files, git; then read, parse,
 * rules, repo and code; report: writing the outputs), the wall time from the config to the last report, the
 * work rules share, and the slowest rules. With worker threads the per-file phases are their time summed, so
 * the phases add up to more than the wall time.
 */
function writeTiming(io: CliIO, run: LintRun, reportMs: number): void {
  const t = run.result.timing;
  const s = run.unitStats;
  const threads = s.workers ? `${s.workers + 1} threads, this one and ${s.workers} worker${s.workers === 1 ? '' : 's'} (read, parse and rules: their time summed)` : 'no worker threads';
  const lines = ['', `Timing (ms): ${run.files.length} files; cache ${s.cacheHits} hits, ${s.cacheMisses} misses; ${threads}`];
  const shared = Object.keys(SHARED_WORK_LABELS) as SharedWorkKind[];
  const phase = (k: string, v: number) => lines.push(`  phase ${k.padEnd(8)} ${v.toFixed(1).padStart(9)}`);
  phase('setup', run.setupMs);
  for (const [k, v] of Object.entries(t.phases)) if (!shared.includes(k as SharedWorkKind)) phase(k, v);
  phase('report', reportMs);
  lines.push(`  wall           ${(performance.now() - run.startedAt).toFixed(1).padStart(9)}  (from reading the config to the last report written)`);
  // Work the rules share is done by whichever asks first: shown apart, and not in any rule's time.
  for (const k of shared) {
    if (t.phases[k] !== undefined) lines.push(`  shared ${SHARED_WORK_LABELS[k].padEnd(40)} ${t.phases[k].toFixed(1).padStart(9)}  (in rules and repo, not in a rule's time)`);
  }
  const top = Object.entries(t.rules).sort((a, b) => b[1] - a[1]).slice(0, 15);
  lines.push(...top.map(([k, v]) => `  rule  ${k.padEnd(40)} ${v.toFixed(1).padStart(9)}`));
  io.stderr.write(lines.join('\n') + '\n');
}

/** The exit code for a set of findings: info never counts. */
export function exitCodeFor(findings: Finding[], maxWarnings: number | undefined): number {
  return exitCodeForCounts(countFindings(findings), maxWarnings);
}

function exitCodeForCounts(n: FindingCounts, maxWarnings: number | undefined): number {
  if (n.errorCount > 0) return 1;
  if (maxWarnings !== undefined && maxWarnings >= 0 && n.warningCount > maxWarnings) return 1;
  return 0;
}

export async function lintCommand(io: CliIO, args: CliArgs, rules: readonly AnyRule[]): Promise<number> {
  checkCiGateArgs(args);
  const outputs = outputsOf(args);
  for (const o of outputs) if (!FORMATTERS[o.format]) throw new UsageError(`Unknown format "${o.format}" (available: ${Object.keys(FORMATTERS).join(', ')})`);
  const run = await performLint(io, args, rules);
  const set = run.result.findingSet;
  try {
    // The findings go from the run through the CI gate's filters to the outputs a file at a time; they are
    // held whole only when fixing, or when an output's format needs them all at once.
    let source: FindingSource = args.fix || args.fixDryRun ? findingSourceOf(run.findings) : set;
    source = await applyCiGate(io, args, run, source);
    if (!outputs.every((o) => STREAMING_FORMATTERS[o.format])) source = findingSourceOf(findingsOfSource(source));
    const counted = countedSource(source);
    const reportStart = performance.now();
    await withSpan('obslint.report', () => writeOutputs(io, args, run, counted));
    if (args.timing) writeTiming(io, run, performance.now() - reportStart);
    // Online checks that failed or ran out of time leave the result incomplete: not a pass.
    if (run.result.online && describeOnlineSummary(run.result.online).incomplete) return 2;
    const n = counted.counts();
    const code = exitCodeForCounts(n, args.maxWarnings);
    if (code === 1 && args.maxWarnings !== undefined && n.errorCount === 0) {
      io.stderr.write(`obslint: too many warnings (${n.warningCount}; maximum allowed is ${args.maxWarnings}).\n`);
    }
    return code;
  } finally {
    set.dispose();
  }
}
