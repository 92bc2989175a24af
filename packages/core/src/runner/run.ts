import { relPathOf } from '../source/rel-path.js';
import type { ResolvedConfig } from '../config/resolve-config.js';
import { settingFor } from '../config/resolve-config.js';
import type { FileModel, ModelMap, RepoIndex } from '../model/index.js';
import type { AnyRule, DocumentRule, ReportDescriptor, RuleContext, SummaryOffload, Visitors } from '../rule/types.js';
import { SpillFile } from '../util/spill-file.js';
import { SourceFile } from '../source/source-file.js';
import type { Finding } from './finding.js';
import { finalizeFindings, ruleMayRun } from './finalize.js';
import { FindingSet } from './finding-set.js';
import { FindingStore } from './finding-store.js';
import { lintUnit as lintOneUnit, metricUsesAgain, type CodeFileLinter, type LintUnit } from './lint-unit.js';
import { withUseLocator } from '../metrics/packed-uses.js';
import { DEFAULT_MAX_FILE_SIZE } from './read-text.js';
import { toolFinding } from './tool-finding.js';
import { withSpan, withSpanSync } from './spans.js';
import { toFinding } from './reporter.js';
import { addSharedWorkSince, measureSharedWork, sharedWorkTimes, sharedWorkTotal } from './shared-work.js';
import { auditFactsOf, type AuditFileFacts } from '../report/audit.js';
import { runOnlineRules } from '../online/phase.js';
import type { OnlineRunOptions, OnlineSummary } from '../online/types.js';

export interface RunOptions {
  /** Root for relative paths in output (the cwd). */
  rootDir: string;
  files: string[];
  config: ResolvedConfig;
  rules: readonly AnyRule[];
  /** Lints each code file in the per-file phase, parsing it once (see `CodeFileLinter`); without it code is not linted. */
  codeFileLinter?: CodeFileLinter;
  maxFileSize?: number;
  /**
   * `--shard k/n`: every file is read (cross-file rules see the whole repository) but only the files of
   * this shard get per-file rules, code linting and findings. Files are split by a stable hash of their path.
   */
  shard?: ShardSpec;
  /** Measure time per rule (`--timing`); phases are always timed. */
  ruleTiming?: boolean;
  /** Called after each file, for progress indicators. */
  onProgress?: (done: number, total: number) => void;
  /**
   * Supplies the per-file phase's results instead of running it here (the CLI's cache and worker threads).
   * `needModels` says whether the units must carry parsed models (see `needsModels`).
   */
  lintUnits?: (
    files: string[],
    ctx: {
      docRules: readonly DocumentRule<any>[];
      needModels: boolean;
      timing: { phases: Record<string, number>; addRuleTime?: (id: string, ms: number) => void };
      /**
       * Hands a finished unit to the run (call it once the unit is cached): its findings go to the run's
       * store and bulky summaries to its spill file, so a large run holds neither. Units may also be
       * returned with their findings.
       */
      take: (unit: LintUnit) => void;
    },
  ) => Promise<LintUnit[] | { units: LintUnit[]; reduceFindings?: Finding[] }>;
  /** Receives the findings of the `reduce` phase (the CLI caches them for a re-run where nothing changed). */
  onReduced?: (findings: Finding[]) => void;
  /** Findings held in memory before the run writes them to a temporary file (default `DEFAULT_SPILL_ABOVE`). */
  spillAbove?: number;
  /** Keep the bulky part of per-file summaries in the spill file (default: from `SPILL_SUMMARIES_FROM_FILES` files). */
  spillSummaries?: boolean;
  /** The caller reads `RunResult.models` (checklists, --changed-lines): never skip parsing. */
  needModels?: boolean;
  /**
   * The caller builds an audit (`obslint audit`, the HTML report): what the audit needs of each file is kept
   * in `RunResult.auditFacts` as the file is done, and the model itself is let go.
   */
  auditFacts?: boolean;
  /** The caller reads the models of these files only (`--changed-lines`: the changed files); the rest go as each file is done. */
  keepModel?: (path: string) => boolean;
  /** A live Prometheus for the online phase (`--prometheus-url`); without it online visitors do not run. */
  prometheus?: OnlineRunOptions;
}

export interface RunResult {
  /** Every finding as reported (read from `findingSet` on first use: a large run's findings are then all in memory). */
  readonly findings: Finding[];
  /** The findings a file at a time (streamed output, counts) without holding them all. */
  findingSet: FindingSet;
  /** Models of every file read, when the run keeps them (`needModels`, whole-model repo rules, the online phase). */
  models: FileModel[];
  /** What an audit needs of every file read (with `auditFacts`). */
  auditFacts: AuditFileFacts[];
  repo: RepoIndex;
  /** Milliseconds per phase and per rule. */
  timing: { phases: Record<string, number>; rules: Record<string, number> };
  filesLinted: number;
  /** What the online phase did (set when `prometheus` was given). */
  online?: OnlineSummary;
}






type Dispatch = { [K in keyof ModelMap]: Array<(n: ModelMap[K]) => void> };

function emptyDispatch(): Dispatch {
  return { dashboard: [], ruleFile: [], ruleGroup: [], alertingRule: [], recordingRule: [], alertmanager: [], exposition: [], metricFamily: [] };
}

function visitModel(model: FileModel, d: Dispatch): void {
  for (const db of model.dashboards) for (const f of d.dashboard) f(db);
  for (const rf of model.ruleFiles) {
    for (const f of d.ruleFile) f(rf);
    for (const g of rf.groups) {
      for (const f of d.ruleGroup) f(g);
      for (const r of g.rules) {
        if (r.type === 'alerting') for (const f of d.alertingRule) f(r);
        else for (const f of d.recordingRule) f(r);
      }
    }
  }
  for (const am of model.alertmanagers) for (const f of d.alertmanager) f(am);
  if (model.exposition) {
    for (const f of d.exposition) f(model.exposition);
    for (const fam of model.exposition.families) for (const f of d.metricFamily) f(fam);
  }
}

/** On for at least some file: in the base config or in any override (findings are filtered per file later). */
function enabledAnywhere(config: ResolvedConfig, rule: AnyRule): boolean {
  if ((config.rules.get(rule.meta.id)?.severity ?? 'off') !== 'off') return true;
  return config.overrides.some((o) => (o.rules.get(rule.meta.id)?.severity ?? 'off') !== 'off');
}

/** A shard of a CI matrix: `index` is 0-based, `count` ≥ 1. */
export interface ShardSpec {
  index: number;
  count: number;
}

/** A stable partition of files by path (FNV-1a), the same on every machine and run. */
export function inShard(relPath: string, shard: ShardSpec): boolean {
  let h = 0x811c9dc5;
  for (let i = 0; i < relPath.length; i++) {
    h ^= relPath.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h % shard.count === shard.index;
}

/** Runs every enabled document rule over one file's models (one walk, visitors dispatched per model). */
export function runDocumentRules(
  model: FileModel,
  docRules: readonly DocumentRule<any>[],
  config: ResolvedConfig,
  findings: Finding[],
  addRuleTime?: (id: string, ms: number) => void,
  /** Only the `collect` visitors (a file outside this shard: its summaries feed cross-file rules, no findings). */
  collectOnly = false,
): Record<string, unknown> {
  const { file } = model;
  const path = file.path;
  const dispatch = emptyDispatch();
  const facts: Record<string, unknown> = {};
  const collectors: Array<() => void> = [];
  if (collectOnly) model.unreported = true;
  for (const rule of docRules) {
    if (!ruleMayRun(config, rule, path)) continue;
    const setting = settingFor(config, rule.meta.id, path);
    const ctx: RuleContext<any> = {
      ruleId: rule.meta.id,
      options: setting.options,
      settings: config.settings,
      file,
      report(d: ReportDescriptor) {
        const f = toFinding(rule, d, config);
        if (f) findings.push(f);
      },
    };
    const visitors = rule.create(ctx);
    for (const key of Object.keys(visitors) as Array<keyof Visitors>) {
      if (key === 'repo' || key === 'online' || key === 'reduce') continue;
      if (key === 'collect') {
        const collect = visitors.collect!;
        const factsKey = factsKeyOf(rule, collect);
        collectors.push(() => {
          if (factsKey in facts) return; // another rule shares this summary
          try {
            facts[factsKey] = collect(model);
          } catch (e) {
            findings.push(toolFinding(file, 'rule-error', 'error', `Rule ${rule.meta.id} failed on this file: ${(e as Error).message}`, 0));
          }
        });
        continue;
      }
      if (collectOnly) continue;
      const fn = visitors[key] as ((n: unknown) => void) | undefined;
      if (!fn) continue;
      const guarded = (n: unknown) => {
        try {
          fn(n);
        } catch (e) {
          findings.push(toolFinding(file, 'rule-error', 'error', `Rule ${rule.meta.id} failed on this file: ${(e as Error).message}`, 0));
        }
      };
      // Per-rule timing costs two clock reads per visit: only when asked for (--timing).
      (dispatch[key as keyof Dispatch] as Array<(n: unknown) => void>).push(
        addRuleTime
          ? (n) => {
              // A rule's own time: what it spent less the shared work it happened to do first (shared-work.ts).
              const s = performance.now();
              const shared = sharedWorkTotal();
              guarded(n);
              addRuleTime(rule.meta.id, performance.now() - s - (sharedWorkTotal() - shared));
            }
          : guarded,
      );
    }
  }
  visitModel(model, dispatch);
  for (const c of collectors) c();
  return facts;
}

/** Lints files: each file is read and parsed once; every document rule visits the models; then the repo-wide phase. */
export async function runLint(opts: RunOptions): Promise<RunResult> {
  return withSpan('obslint.run', () => runLintInner(opts), { 'obslint.files': opts.files.length });
}

async function runLintInner(opts: RunOptions): Promise<RunResult> {
  const { config } = opts;
  const docRules = opts.rules.filter((r): r is DocumentRule<any> => r.kind === 'document');
  // What a large run need not hold goes to one temporary file: findings beyond a budget, and the bulky
  // part of the per-file summaries (where each metric use is), as each file is done.
  const spill = new SpillFile();
  const store = new FindingStore({ spillAbove: opts.spillAbove, spill });
  const offloaders = (opts.spillSummaries ?? opts.files.length >= SPILL_SUMMARIES_FROM_FILES) ? summaryOffloaders(docRules, config) : new Map<string, Offload>();
  const keepFindings = (u: LintUnit) => {
    store.addAll(u.findings);
    u.findings = [];
    if (u.findingTuples) store.addTuples(u.path, u.relPath, u.findingTuples);
    u.findingTuples = undefined;
    if (u.findingsJson) store.addTuplesJson(u.path, u.relPath, u.findingsJson);
    u.findingsJson = undefined;
  };
  const keepModels = needsModels(opts, docRules);
  // Units carry their models to `take` when the caller keeps something of them; only what it keeps stays.
  const modelsToTake = keepModels || !!opts.auditFacts || !!opts.keepModel;
  const auditFacts: AuditFileFacts[] = [];
  // Which models stay once their file is done: all when rules read them or the caller asked for nothing less;
  // else only those `keepModel` names.
  const modelStays = keepModels || !(opts.auditFacts || opts.keepModel) ? () => true : (path: string) => opts.keepModel?.(path) ?? false;
  const take = (u: LintUnit) => {
    keepFindings(u);
    if (u.model) {
      if (opts.auditFacts) auditFacts.push(auditFactsOf(u.model));
      if (!modelStays(u.path)) delete u.model;
    }
    u.facts = offloadSummaries(u.facts, offloaders, spill);
  };
  const timing = { phases: { read: 0, parse: 0, rules: 0, repo: 0, code: 0 } as Record<string, number>, rules: {} as Record<string, number> };
  const addRuleTime = (id: string, ms: number) => (timing.rules[id] = (timing.rules[id] ?? 0) + ms);
  const perRule = opts.ruleTiming ? addRuleTime : undefined;
  measureSharedWork(!!perRule);

  // Per-file phase: in this process by default; the caller may supply units from a cache or worker threads.
  const supplied = opts.lintUnits
    ? await withSpan('obslint.files', () => opts.lintUnits!(opts.files, { docRules, needModels: modelsToTake, timing: { phases: timing.phases, addRuleTime: perRule }, take }))
    : undefined;
  const units = supplied
    ? Array.isArray(supplied)
      ? supplied
      : supplied.units
    : await withSpan('obslint.files', () =>
        opts.files.map((path, i) => {
          const relPath = relPathOf(opts.rootDir, path);
          const unit = lintUnitHere(relPath, opts, docRules, timing, perRule, path, !!opts.shard && !inShard(relPath, opts.shard));
          take(unit);
          opts.onProgress?.(i + 1, opts.files.length);
          return unit;
        }),
      );
  const models: FileModel[] = [];
  const sources: SourceFile[] = [];
  for (const u of units) {
    keepFindings(u);
    if (u.model) models.push(u.model);
    if (u.role === 'document' && u.text !== undefined) sources.push(new SourceFile(u.path, u.relPath, u.text));
  }

  let t0 = performance.now();
  const sharedBefore = sharedWorkTimes();
  const repo = await withSpan('obslint.repo', () => {
    if (supplied && !Array.isArray(supplied) && supplied.reduceFindings) {
      // Nothing changed since the cached run: its repo-wide results stand.
      store.addAll(supplied.reduceFindings);
    } else {
      const reduced: Finding[] = [];
      // Where a reported metric use is: its file is read again (the summaries were made without the ranges).
      const maxFileSize = opts.maxFileSize ?? DEFAULT_MAX_FILE_SIZE;
      // The file now at the summary's relative path: a cached summary may have been made in a checkout elsewhere.
      const pathOf = new Map(units.map((u) => [u.relPath, u.path]));
      withUseLocator((f) => metricUsesAgain(pathOf.get(f.relPath) ?? f.path, f.relPath, config, maxFileSize), () => runReduceRules(units, docRules, config, reduced, addRuleTime));
      opts.onReduced?.(reduced);
      store.addAll(reduced);
    }
    // The per-file summaries are done with: let them go before the findings are read out and written.
    units.length = 0;
    const index = buildRepoIndex(models);
    const found: Finding[] = [];
    runRepoRules(index, docRules, config, found, addRuleTime);
    store.addAll(found);
    return index;
  });
  timing.phases.repo += performance.now() - t0;
  if (perRule) addSharedWorkSince(sharedBefore, timing.phases);

  let online: OnlineSummary | undefined;
  if (opts.prometheus) {
    t0 = performance.now();
    const found: Finding[] = [];
    online = await withSpan('obslint.online', () => runOnlineRules(repo, docRules, config, found, opts.prometheus!, addRuleTime));
    store.addAll(found);
    timing.phases.online = performance.now() - t0;
  }

  // Suppressions, severities and order are applied a file at a time as the findings are read.
  const shard = opts.shard;
  const findingSet = new FindingSet(store, sources, { rules: opts.rules, config }, shard && ((f) => inShard(f.relPath, shard)));
  let all: Finding[] | undefined;
  return {
    get findings() {
      return (all ??= withSpanSync('obslint.finalize', () => findingSet.toArray()));
    },
    findingSet,
    models,
    auditFacts,
    repo,
    timing,
    filesLinted: opts.files.length,
    online,
  };
}

/** Runs of this many files keep the bulky part of their per-file summaries in the spill file. */
export const SPILL_SUMMARIES_FROM_FILES = 200;

type Offload = NonNullable<SummaryOffload['offload']>;

/** The `offload` of each enabled rule's `collect`, by summary key. */
function summaryOffloaders(docRules: readonly DocumentRule<any>[], config: ResolvedConfig): Map<string, Offload> {
  const out = new Map<string, Offload>();
  for (const rule of docRules) {
    if (!enabledAnywhere(config, rule)) continue;
    const collect = repoWideVisitors(rule, config).collect;
    if (collect?.offload) out.set(factsKeyOf(rule, collect), collect.offload);
  }
  return out;
}

/** A unit's summaries with their bulky parts in the spill file (the summaries given are not changed). */
function offloadSummaries(facts: Record<string, unknown>, offloaders: ReadonlyMap<string, Offload>, spill: SpillFile): Record<string, unknown> {
  if (offloaders.size === 0) return facts;
  let out = facts;
  for (const key in facts) {
    const offload = offloaders.get(key);
    if (!offload) continue;
    const data = offload(facts[key], spill);
    if (data !== facts[key]) out = { ...out, [key]: data };
  }
  return out;
}

/** Appends without spreading (a spread of 100,000+ findings overflows the call stack). */
function pushAll<T>(to: T[], from: readonly T[]): void {
  for (let i = 0; i < from.length; i++) to.push(from[i]);
}


/** The per-file phase of one file in this process (the default when no `lintUnits` is given). */
function lintUnitHere(
  relPath: string,
  opts: RunOptions,
  docRules: readonly DocumentRule<any>[],
  timing: { phases: Record<string, number> },
  addRuleTime: ((id: string, ms: number) => void) | undefined,
  path: string,
  collectOnly: boolean,
): LintUnit {
  return lintOneUnit(path, relPath, { config: opts.config, docRules, maxFileSize: opts.maxFileSize ?? DEFAULT_MAX_FILE_SIZE, timing: { phases: timing.phases, addRuleTime }, collectOnly, codeLinter: opts.codeFileLinter, readAgain: true });
}

/**
 * Whether this run needs every file's parsed models in this process: rules with a whole-model `repo`
 * visitor, the online phase, or a caller that reads models (audits, --changed-lines).
 */
export function needsModels(opts: Pick<RunOptions, 'prometheus' | 'needModels' | 'config'>, docRules: readonly DocumentRule<any>[]): boolean {
  if (opts.needModels || opts.prometheus) return true;
  return docRules.some((r) => {
    const s = opts.config.rules.get(r.meta.id);
    if (!s || s.severity === 'off') return false;
    return typeof rulesRepoVisitor(r, opts.config) === 'function';
  });
}

function rulesRepoVisitor(rule: DocumentRule<any>, config: ResolvedConfig): unknown {
  return repoWideVisitors(rule, config).repo;
}

/** A rule's visitors outside any one file (its run-wide settings); `report` receives what it reports. */
function repoWideVisitors(rule: DocumentRule<any>, config: ResolvedConfig, report: (d: ReportDescriptor) => void = () => {}): Visitors {
  return rule.create({ ruleId: rule.meta.id, options: config.rules.get(rule.meta.id)?.options ?? rule.meta.defaultOptions, settings: config.settings, file: undefined, report });
}

/**
 * Runs one repo-wide visitor of every enabled rule (`reduce` over per-file summaries, or `repo` over whole
 * models). A failure is a warning: the other rules' results stand.
 */
function runRepoWide<K extends 'reduce' | 'repo'>(
  key: K,
  arg: (rule: DocumentRule<any>, visitors: Visitors) => Parameters<NonNullable<Visitors[K]>>[0],
  docRules: readonly DocumentRule<any>[],
  config: ResolvedConfig,
  findings: Finding[],
  addRuleTime: (id: string, ms: number) => void,
): void {
  for (const rule of docRules) {
    if (!enabledAnywhere(config, rule)) continue;
    const visitors = repoWideVisitors(rule, config, (d) => {
      const f = toFinding(rule, d, config);
      if (f) findings.push(f);
    });
    const visit = visitors[key] as ((a: unknown) => void) | undefined;
    if (!visit) continue;
    const s = performance.now();
    const shared = sharedWorkTotal();
    try {
      visit(arg(rule, visitors));
    } catch (e) {
      process.emitWarning(`obslint: rule ${rule.meta.id} failed in the repo-wide phase: ${(e as Error).message}`);
    }
    addRuleTime(rule.meta.id, performance.now() - s - (sharedWorkTotal() - shared));
  }
}

/**
 * Where a rule's per-file summary is stored: rules that share a named collect function (the metric index
 * rules all use `collectMetricFacts`) share one summary, computed and cached once.
 */
export function factsKeyOf(rule: DocumentRule<any>, collect: (m: FileModel) => unknown): string {
  return collect.name && collect.name !== 'collect' ? `fn:${collect.name}` : rule.meta.id;
}

/** Repo-wide phase over per-file summaries: each rule's `reduce` sees every file's `collect` result. */
export function runReduceRules(
  units: ReadonlyArray<Pick<LintUnit, 'relPath' | 'facts'>>,
  docRules: readonly DocumentRule<any>[],
  config: ResolvedConfig,
  findings: Finding[],
  addRuleTime: (id: string, ms: number) => void = () => {},
): void {
  // Rules sharing a summary get the same list (so they can share what they build from it).
  const lists = new Map<string, Array<{ relPath: string; data: unknown }>>();
  const factsOf = (rule: DocumentRule<any>, visitors: Visitors) => {
    const key = visitors.collect ? factsKeyOf(rule, visitors.collect) : rule.meta.id;
    let list = lists.get(key);
    if (!list) lists.set(key, (list = units.filter((u) => key in u.facts).map((u) => ({ relPath: u.relPath, data: u.facts[key] }))));
    return list;
  };
  runRepoWide('reduce', factsOf, docRules, config, findings, addRuleTime);
}

export function buildRepoIndex(models: FileModel[]): RepoIndex {
  return {
    files: models,
    dashboards: models.flatMap((m) => m.dashboards),
    ruleFiles: models.flatMap((m) => m.ruleFiles),
    alertmanagers: models.flatMap((m) => m.alertmanagers),
    expositions: models.flatMap((m) => (m.exposition ? [m.exposition] : [])),
  };
}

/** Repo-wide phase over whole models: cross-file rules that need every model at once. */
export function runRepoRules(
  repo: RepoIndex,
  docRules: readonly DocumentRule<any>[],
  config: ResolvedConfig,
  findings: Finding[],
  addRuleTime: (id: string, ms: number) => void = () => {},
): void {
  runRepoWide('repo', () => repo, docRules, config, findings, addRuleTime);
}

export interface LintTextOptions {
  text: string;
  /** Absolute path (used for kind detection, config overrides and output). */
  path: string;
  rootDir: string;
  config: ResolvedConfig;
  rules: readonly AnyRule[];
}

/** Lints one in-memory file (editors, the ESLint language adapter, the RuleTester). Repo-wide rules see just this file. */
export function lintText(opts: LintTextOptions): { findings: Finding[]; model: FileModel } {
  const relPath = relPathOf(opts.rootDir, opts.path);
  const docRules = opts.rules.filter((r): r is DocumentRule<any> => r.kind === 'document');
  const unit = lintOneUnit(opts.path, relPath, { config: opts.config, docRules, maxFileSize: Infinity }, { text: opts.text });
  const file = unit.model?.file ?? new SourceFile(opts.path, relPath, opts.text);
  const model = unit.model ?? { file, kinds: new Set(['unknown' as const]), documents: [], dashboards: [], ruleFiles: [], alertmanagers: [], parseErrors: [], notices: [] };
  const findings = [...unit.findings];
  runReduceRules([unit], docRules, opts.config, findings);
  runRepoRules(buildRepoIndex(unit.model ? [unit.model] : []), docRules, opts.config, findings);
  return { findings: finalizeFindings(findings, [file], opts.rules, opts.config), model };
}
