import type * as ESTree from 'estree';
import type { ResolvedConfig } from '../config/resolve-config.js';
import { forcedKind, settingFor } from '../config/resolve-config.js';
import type { FileKind, FileModel } from '../model/index.js';
import { loadCodeModel, ruleReadsCode } from '../metrics/index-code.js';
import type { DocumentRule } from '../rule/types.js';
import { SourceFile } from '../source/source-file.js';
import type { Finding } from './finding.js';
import { findingTuple, type FindingTuple } from './finding-tuple.js';
import { formatOfPath, loadFile } from './load-file.js';
import { readText } from './read-text.js';
import { runDocumentRules } from './run.js';
import { toolFinding } from './tool-finding.js';
import { trimTextCaches } from '../promql/text-cache.js';
import { addSharedWorkSince, sharedWorkTimes } from './shared-work.js';
import { collectMetricFacts } from '../metrics/index-facts.js';
import type { PackedUses } from '../metrics/packed-uses.js';

/**
 * The result of the per-file phase for one file: everything later phases need, and all of it except
 * `model` serialisable (so units can come from the cache or from worker threads).
 */
export interface LintUnit {
  path: string;
  relPath: string;
  /** What the file is: a document obslint lints, code for ESLint, or neither (not read further). */
  role: 'document' | 'code' | 'other';
  /** The file text, kept only when it holds `obslint-disable` suppression comments (finalize reads them). */
  text?: string;
  /** Per-file findings (rules and tool findings), before suppressions. */
  findings: Finding[];
  /** More of them as the cache keeps them (a cache hit), turned into findings only when read. */
  findingTuples?: readonly FindingTuple[];
  /**
   * More of them as the JSON text of their tuples (from a worker thread): the run writes it to its spill file
   * as it is, so the findings are not decoded, held and encoded again on the main thread.
   */
  findingsJson?: FindingsJson;
  /** `collect` summaries by rule id, for the repo-wide `reduce`. */
  facts: Record<string, unknown>;
  /** The parsed models (in-process runs only; absent for cached or worker results). */
  model?: FileModel;
}

/**
 * Lints one code file in the per-file phase (the CLI: ESLint with obslint's code rules): its findings, and the
 * program the linter parsed, which the metric index reads instead of parsing the file again (undefined when
 * it could not parse it).
 */
export type CodeFileLinter = (file: SourceFile) => { findings: Finding[]; program?: ESTree.Program };

/** Whether the per-file phase takes `path` for code (by its extension, or a `kinds` override in the config). */
export function isCodeFile(config: ResolvedConfig, path: string): boolean {
  const forced = forcedKind(config, path);
  return forced === 'code' || (forced === undefined && formatOfPath(path) === 'code');
}

/** A file's findings as a JSON array of their tuples, with what the run needs of them before reading them. */
export interface FindingsJson {
  tuples: string;
  count: number;
  ruleIds: string[];
}

/** The findings of a unit as a FindingsJson (undefined when it has none), for a unit that crosses threads. */
export function findingsJsonOf(findings: readonly Finding[], filePath: string, relPath: string): FindingsJson | undefined {
  if (findings.length === 0) return undefined;
  return { tuples: JSON.stringify(findings.map((f) => findingTuple(f, filePath, relPath))), count: findings.length, ruleIds: [...new Set(findings.map((f) => f.ruleId))] };
}

export interface LintUnitOptions {
  config: ResolvedConfig;
  docRules: readonly DocumentRule<any>[];
  maxFileSize: number;
  /** Per-phase and per-rule timing accumulators. */
  timing?: { phases: Record<string, number>; addRuleTime?: (id: string, ms: number) => void };
  /** Only collect summaries for cross-file rules (a file outside this shard): no per-file findings. */
  collectOnly?: boolean;
  /** Lints code files (without it, code files only feed rules that read code models). */
  codeLinter?: CodeFileLinter;
  /**
   * The file's text is the one on disk, and the run's repo-wide phase can read it again (`withUseLocator`): the
   * ranges of its metric uses are then worked out only for those a cross-file rule reports. Not for an editor's
   * buffer, which may differ from the file.
   */
  readAgain?: boolean;
}

/** Reads, parses and lints one file with every document rule (the per-file phase). Never throws. */
export function lintUnit(path: string, relPath: string, opts: LintUnitOptions, preread?: { text?: string; problem?: string; notice?: string }): LintUnit {
  try {
    return lintOneFile(path, relPath, opts, preread);
  } finally {
    // Parses of this file's expressions are done with; those of texts that repeat across files stay.
    trimTextCaches();
  }
}

function lintOneFile(path: string, relPath: string, opts: LintUnitOptions, preread?: { text?: string; problem?: string; notice?: string }): LintUnit {
  const unit: LintUnit = { path, relPath, role: 'other', findings: [], facts: {} };
  const forced = forcedKind(opts.config, path);
  if (forced === 'ignore') return unit;
  const phases = opts.timing?.phases;
  let t0 = performance.now();
  const { text, problem, notice } = preread ?? readText(path, opts.maxFileSize);
  if (phases) phases.read = (phases.read ?? 0) + performance.now() - t0;
  const file = new SourceFile(path, relPath, text ?? '');
  if (problem !== undefined) {
    unit.role = 'document';
    unit.findings.push(toolFinding(file, 'file-skipped', 'warning', problem, 0));
    return unit;
  }
  // The text is kept only where suppressions need it later; everything else is done with it here.
  if (text !== undefined && text.includes('obslint-disable')) unit.text = text;
  t0 = performance.now();
  let model: FileModel;
  const code = opts.docRules.some((r) => ruleReadsCode(r) && settingFor(opts.config, r.meta.id, path).severity !== 'off');
  // A code file the code linter lints is parsed by it, once: the metric index reads the linter's program.
  const codeLinter = opts.collectOnly ? undefined : opts.codeLinter;
  try {
    model = loadFile(file, forced as FileKind | undefined, { code: code && !codeLinter });
  } catch (e) {
    unit.role = 'document';
    unit.findings.push(toolFinding(file, 'parse-error', 'error', `Internal error while reading this file: ${(e as Error).message}`, 0));
    return unit;
  }
  if (phases) phases.parse = (phases.parse ?? 0) + performance.now() - t0;
  if (opts.readAgain) model.locateUsesLater = true;
  if (model.kinds.has('code')) {
    unit.role = 'code';
    if (codeLinter) {
      t0 = performance.now();
      const linted = codeLinter(file);
      for (const f of linted.findings) unit.findings.push(f);
      if (code) model.code = loadCodeModel(file, linted.program);
      if (phases) phases.code = (phases.code ?? 0) + performance.now() - t0;
    }
    // Rules that read code models (the metric index) only collect their summaries here.
    if (model.code) unit.facts = runDocumentRules(model, opts.docRules, opts.config, unit.findings, opts.timing?.addRuleTime);
    return unit;
  }
  if (model.kinds.has('unknown')) return unit;
  unit.role = 'document';
  unit.model = model;
  if (notice) unit.findings.push(toolFinding(file, 'file-skipped', 'warning', notice, 0));
  for (const e of model.parseErrors) unit.findings.push(toolFinding(file, 'parse-error', 'error', e.message, e.offset, e.endOffset ?? e.offset));
  for (const n of model.notices) unit.findings.push(toolFinding(file, 'file-skipped', n.severity, n.message, n.offset));
  t0 = performance.now();
  const shared = opts.timing?.addRuleTime && sharedWorkTimes();
  unit.facts = runDocumentRules(model, opts.docRules, opts.config, unit.findings, opts.timing?.addRuleTime, opts.collectOnly);
  if (phases) phases.rules = (phases.rules ?? 0) + performance.now() - t0;
  if (phases && shared) addSharedWorkSince(shared, phases);
  return unit;
}

/**
 * The metric uses of a file read again, each with its range: for a cross-file rule that reports a use of a
 * file whose summary was made without them (`withUseLocator`). Undefined when the file cannot be read now.
 */
export function metricUsesAgain(path: string, relPath: string, config: ResolvedConfig, maxFileSize: number): PackedUses | undefined {
  const forced = forcedKind(config, path);
  if (forced === 'ignore') return undefined;
  const { text, problem } = readText(path, maxFileSize);
  if (text === undefined || problem !== undefined) return undefined;
  try {
    return collectMetricFacts(loadFile(new SourceFile(path, relPath, text), forced as FileKind | undefined)).queries;
  } catch {
    return undefined;
  } finally {
    trimTextCaches();
  }
}
