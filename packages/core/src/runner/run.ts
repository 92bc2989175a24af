import { closeSync, openSync, readSync, fstatSync } from 'node:fs';
import { relative, sep } from 'node:path';
import { trace } from '@opentelemetry/api';
import type { ResolvedConfig } from '../config/resolve-config.js';
import { forcedKind, settingFor } from '../config/resolve-config.js';
import type { FileKind, FileModel, ModelMap, RepoIndex } from '../model/index.js';
import type { AnyRule, DocumentRule, ReportDescriptor, RuleContext, Visitors } from '../rule/types.js';
import { SourceFile } from '../source/source-file.js';
import { findSuppression, namesOnlyDisabledRules, parseInlineSuppressions, type InlineSuppression } from '../suppress/inline-suppressions.js';
import { compareFindings, makeFingerprint, type Finding } from './finding.js';
import { loadFile } from './load-file.js';
import { toFinding } from './reporter.js';
import { TOOL_RULE_ID_SET } from '../rule/tool-rules.js';
import { runOnlineRules } from '../online/phase.js';
import type { OnlineRunOptions, OnlineSummary } from '../online/types.js';

/** Files larger than this are not parsed (a warning says so). */
export const DEFAULT_MAX_FILE_SIZE = 20 * 1024 * 1024;

/** Code files handed to the code linter (ESLint), with the rules' effective settings. */
export interface CodeLintRequest {
  files: string[];
  rootDir: string;
  config: ResolvedConfig;
}

export type CodeLinter = (req: CodeLintRequest) => Promise<Finding[]>;

export interface RunOptions {
  /** Root for relative paths in output (the cwd). */
  rootDir: string;
  files: string[];
  config: ResolvedConfig;
  rules: readonly AnyRule[];
  codeLinter?: CodeLinter;
  maxFileSize?: number;
  /** Called after each file, for progress indicators. */
  onProgress?: (done: number, total: number) => void;
  /** A live Prometheus for the online phase (`--prometheus-url`); without it online visitors do not run. */
  prometheus?: OnlineRunOptions;
}

export interface RunResult {
  findings: Finding[];
  /** Models of every file read (for audits, reports and cross-file analysis). */
  models: FileModel[];
  repo: RepoIndex;
  /** Milliseconds per phase and per rule. */
  timing: { phases: Record<string, number>; rules: Record<string, number> };
  filesLinted: number;
  /** What the online phase did (set when `prometheus` was given). */
  online?: OnlineSummary;
}

const tracer = trace.getTracer('obslint');


function toolFinding(file: SourceFile, ruleId: string, severity: Finding['severity'], message: string, start: number, end = start): Finding {
  const r = file.rangeOf(start, end);
  return {
    ruleId,
    severity,
    message,
    filePath: file.path,
    relPath: file.relPath,
    line: r.line,
    column: r.column,
    endLine: r.endLine,
    endColumn: r.endColumn,
    fingerprint: makeFingerprint(ruleId, file.relPath, message),
    origin: 'tool',
  };
}

const STRICT_UTF8 = new TextDecoder('utf-8', { fatal: true });

function readText(path: string, maxSize: number): { text?: string; problem?: string; notice?: string } {
  let fd: number | undefined;
  try {
    fd = openSync(path, 'r');
    const size = fstatSync(fd).size;
    if (size > maxSize) return { problem: `Skipped: file is ${(size / 1048576).toFixed(1)} MB, above the ${(maxSize / 1048576).toFixed(0)} MB limit (--max-file-size).` };
    const buf = Buffer.alloc(size);
    let off = 0;
    while (off < size) {
      const n = readSync(fd, buf, off, size - off, off);
      if (n === 0) break;
      off += n;
    }
    const head = buf.subarray(0, Math.min(off, 8000));
    if (head.includes(0)) return { problem: 'Skipped: binary file (contains NUL bytes).' };
    const bytes = buf.subarray(0, off);
    try {
      return { text: STRICT_UTF8.decode(bytes) };
    } catch {
      return { text: bytes.toString('utf8'), notice: 'This file is not valid UTF-8: invalid bytes were read as U+FFFD.' };
    }
  } catch (e) {
    return { problem: `Skipped: cannot read file: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}` };
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
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

function ruleMayRun(config: ResolvedConfig, rule: AnyRule, path: string): boolean {
  if (settingFor(config, rule.meta.id, path).severity !== 'off') return true;
  // A pointer/entity override may turn the rule on for part of the file.
  return config.overrides.some((o) => (o.pointers || o.entities) && o.rules.get(rule.meta.id)?.severity && o.rules.get(rule.meta.id)?.severity !== 'off');
}

/** Runs every enabled document rule over one file's models (one walk, visitors dispatched per model). */
export function runDocumentRules(
  model: FileModel,
  docRules: readonly DocumentRule<any>[],
  config: ResolvedConfig,
  findings: Finding[],
  addRuleTime: (id: string, ms: number) => void = () => {},
): void {
  const { file } = model;
  const path = file.path;
  const dispatch = emptyDispatch();
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
      if (key === 'repo' || key === 'online') continue;
      const fn = visitors[key] as ((n: unknown) => void) | undefined;
      if (!fn) continue;
      (dispatch[key as keyof Dispatch] as Array<(n: unknown) => void>).push((n) => {
        const s = performance.now();
        try {
          fn(n);
        } catch (e) {
          findings.push(toolFinding(file, 'rule-error', 'error', `Rule ${rule.meta.id} failed on this file: ${(e as Error).message}`, 0));
        }
        addRuleTime(rule.meta.id, performance.now() - s);
      });
    }
  }
  visitModel(model, dispatch);
}

/** Lints files: each file is read and parsed once; every document rule visits the models; then the repo-wide phase. */
export async function runLint(opts: RunOptions): Promise<RunResult> {
  return tracer.startActiveSpan('obslint.run', async (span) => {
    try {
      return await runLintInner(opts);
    } finally {
      span.end();
    }
  });
}

async function runLintInner(opts: RunOptions): Promise<RunResult> {
  const { config } = opts;
  const docRules = opts.rules.filter((r): r is DocumentRule<any> => r.kind === 'document');
  const findings: Finding[] = [];
  const models: FileModel[] = [];
  const codeFiles: string[] = [];
  const timing = { phases: { read: 0, parse: 0, rules: 0, repo: 0, code: 0 } as Record<string, number>, rules: {} as Record<string, number> };
  const addRuleTime = (id: string, ms: number) => (timing.rules[id] = (timing.rules[id] ?? 0) + ms);
  const maxSize = opts.maxFileSize ?? DEFAULT_MAX_FILE_SIZE;

  let done = 0;
  for (const path of opts.files) {
    const relPath = relative(opts.rootDir, path).split(sep).join('/') || path;
    const forced = forcedKind(config, path);
    done++;
    if (forced === 'ignore') continue;
    let t0 = performance.now();
    const { text, problem, notice } = readText(path, maxSize);
    timing.phases.read += performance.now() - t0;
    const file = new SourceFile(path, relPath, text ?? '');
    if (problem !== undefined) {
      findings.push(toolFinding(file, 'file-skipped', 'warning', problem, 0));
      opts.onProgress?.(done, opts.files.length);
      continue;
    }
    t0 = performance.now();
    let model: FileModel;
    try {
      model = loadFile(file, forced as FileKind | undefined);
    } catch (e) {
      findings.push(toolFinding(file, 'parse-error', 'error', `Internal error while reading this file: ${(e as Error).message}`, 0));
      opts.onProgress?.(done, opts.files.length);
      continue;
    }
    timing.phases.parse += performance.now() - t0;
    if (model.kinds.has('code')) {
      codeFiles.push(path);
      opts.onProgress?.(done, opts.files.length);
      continue;
    }
    if (model.kinds.has('unknown')) {
      opts.onProgress?.(done, opts.files.length);
      continue;
    }
    models.push(model);
    if (notice) findings.push(toolFinding(file, 'file-skipped', 'warning', notice, 0));
    for (const e of model.parseErrors) findings.push(toolFinding(file, 'parse-error', 'error', e.message, e.offset, e.endOffset ?? e.offset));
    for (const n of model.notices) findings.push(toolFinding(file, 'file-skipped', n.severity, n.message, n.offset));

    t0 = performance.now();
    runDocumentRules(model, docRules, config, findings, addRuleTime);
    timing.phases.rules += performance.now() - t0;
    opts.onProgress?.(done, opts.files.length);
  }

  const repo = buildRepoIndex(models);
  let t0 = performance.now();
  runRepoRules(repo, docRules, config, findings, addRuleTime);
  timing.phases.repo += performance.now() - t0;

  let online: OnlineSummary | undefined;
  if (opts.prometheus) {
    t0 = performance.now();
    online = await runOnlineRules(repo, docRules, config, findings, opts.prometheus, addRuleTime);
    timing.phases.online = performance.now() - t0;
  }

  if (codeFiles.length && opts.codeLinter) {
    t0 = performance.now();
    findings.push(...(await opts.codeLinter({ files: codeFiles, rootDir: opts.rootDir, config })));
    timing.phases.code += performance.now() - t0;
  }
  const out = finalizeFindings(findings, models, opts.rules, config);
  return { findings: out, models, repo, timing, filesLinted: opts.files.length, online };
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

/** Repo-wide phase: cross-file rules see every model at once. */
export function runRepoRules(
  repo: RepoIndex,
  docRules: readonly DocumentRule<any>[],
  config: ResolvedConfig,
  findings: Finding[],
  addRuleTime: (id: string, ms: number) => void = () => {},
): void {
  for (const rule of docRules) {
    const visitors = rule.create({
      ruleId: rule.meta.id,
      options: config.rules.get(rule.meta.id)?.options ?? rule.meta.defaultOptions,
      settings: config.settings,
      file: undefined,
      report(d) {
        const f = toFinding(rule, d, config);
        if (f) findings.push(f);
      },
    });
    if (!visitors.repo) continue;
    const s = performance.now();
    try {
      visitors.repo(repo);
    } catch (e) {
      process.emitWarning(`obslint: rule ${rule.meta.id} failed in the repo-wide phase: ${(e as Error).message}`);
    }
    addRuleTime(rule.meta.id, performance.now() - s);
  }
}

/**
 * Applies inline suppressions (YAML comments), reports suppressions without reason or without effect,
 * applies configured severities to tool findings, and sorts.
 */
export function finalizeFindings(findings: Finding[], models: FileModel[], rules: readonly AnyRule[], config: ResolvedConfig): Finding[] {
  const suppressionsByFile = new Map<string, InlineSuppression[]>();
  const modelByPath = new Map(models.map((m) => [m.file.path, m]));
  const supsOf = (path: string) => {
    let sups = suppressionsByFile.get(path);
    if (!sups) {
      const m = modelByPath.get(path);
      sups = m ? parseInlineSuppressions(m.file) : [];
      suppressionsByFile.set(path, sups);
    }
    return sups;
  };
  const kept: Finding[] = [];
  for (const f of findings) {
    if (f.origin === 'code' || f.ruleId === 'parse-error') kept.push(f);
    else if (!findSuppression(supsOf(f.filePath), f.ruleId, f.line)) kept.push(f);
  }
  const known = new Set(rules.map((r) => r.meta.id));
  for (const m of models) {
    for (const s of supsOf(m.file.path)) {
      const start = m.file.lineStart(s.line) + s.column - 1;
      const end = m.file.lineStart(s.line) + s.endColumn - 1;
      if (!s.reason) {
        kept.push(toolFinding(m.file, 'suppression-missing-reason', 'warning', 'Suppression without a reason: add "-- <why>" after the rule list.', start, end));
      }
      if (!s.used && !namesOnlyDisabledRules(s, (id) => known.has(id) && !ruleMayRun(config, rules.find((r) => r.meta.id === id)!, m.file.path))) {
        const unknown = s.rules.filter((r) => !known.has(r) && !TOOL_RULE_ID_SET.has(r));
        const what = s.rules.length ? s.rules.join(', ') : 'any rule';
        const msg = unknown.length ? `Suppression names unknown rule ${unknown.map((u) => `"${u}"`).join(', ')}.` : `Unused suppression: no ${what} finding here to suppress.`;
        kept.push(toolFinding(m.file, 'unused-suppression', 'warning', msg, start, end));
      }
    }
  }
  const out: Finding[] = [];
  for (const f of kept) {
    if (f.origin === 'tool') {
      const s = settingFor(config, f.ruleId, f.filePath, f);
      if (s.severity === 'off') continue;
      if (s.explicitSeverity) f.severity = s.severity;
    }
    out.push(f);
  }
  out.sort(compareFindings);
  return out;
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
  const relPath = relative(opts.rootDir, opts.path).split(sep).join('/') || opts.path;
  const file = new SourceFile(opts.path, relPath, opts.text);
  const forced = forcedKind(opts.config, opts.path);
  const model = loadFile(file, forced === 'ignore' ? undefined : forced);
  const findings: Finding[] = [];
  for (const e of model.parseErrors) findings.push(toolFinding(file, 'parse-error', 'error', e.message, e.offset, e.endOffset ?? e.offset));
  for (const n of model.notices) findings.push(toolFinding(file, 'file-skipped', n.severity, n.message, n.offset));
  const docRules = opts.rules.filter((r): r is DocumentRule<any> => r.kind === 'document');
  runDocumentRules(model, docRules, opts.config, findings);
  runRepoRules(buildRepoIndex([model]), docRules, opts.config, findings);
  return { findings: finalizeFindings(findings, [model], opts.rules, opts.config), model };
}
