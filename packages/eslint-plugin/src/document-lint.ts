import type { SourceCode } from 'eslint';
import { findConfigFile, lintText, readConfigFile, resolveConfig, type AnyRule, type Finding, type ResolvedConfig } from '@obslint/core';
import { builtinRules } from '@obslint/rules';

/**
 * Runs obslint's document rules for ESLint: the file's text goes through `lintText` (the same loading,
 * kind detection, rules, inline suppressions and obslint config as the CLI), once per file text however
 * many `obslint/*` rules are enabled; each ESLint rule then reports the findings of its own id.
 */

const configs = new Map<string, ResolvedConfig>();

/**
 * The obslint config for a working directory (`obslint.config.yaml`/`.json` found by walking up, as the CLI
 * does), with every rule turned on: which rules report is decided by the ESLint config, but settings,
 * options, overrides, `kinds` and `ignores` come from obslint's config so findings match the CLI's.
 */
export function documentConfig(cwd: string, rules: readonly AnyRule[] = builtinRules): ResolvedConfig {
  let config = configs.get(cwd);
  if (config) return config;
  let user = {};
  let configFile: string | undefined;
  try {
    configFile = findConfigFile(cwd).path;
    if (configFile) user = readConfigFile(configFile);
  } catch {
    // an invalid config is reported by the CLI; the editor falls back to the defaults
    configFile = undefined;
  }
  config = resolveConfig(user, rules, { baseDir: configFile ? configFile.replace(/[\\/][^\\/]+$/, '') : cwd, configFile, defaultPreset: 'all' });
  for (const r of rules) {
    const s = config.rules.get(r.meta.id);
    if (s && s.severity === 'off' && r.meta.preset !== 'online') config.rules.set(r.meta.id, { ...s, severity: r.meta.severity });
  }
  configs.set(cwd, config);
  return config;
}

/** Forgets loaded obslint configs (tests, or an editor after the config file changed). */
export function clearDocumentConfigs(): void {
  configs.clear();
}

/** lintText results per SourceCode object (one per file text and lint run), and per rule options when set. */
const cache = new WeakMap<SourceCode, Map<string, Finding[]>>();

export interface DocumentLintRequest {
  sourceCode: SourceCode;
  path: string;
  cwd: string;
  ruleId: string;
  /** The ESLint rule's options object, when the ESLint config gives one. */
  options?: Record<string, unknown>;
}

/** The findings of `ruleId` for one document (lintText runs once per text; rules with own options run alone). */
export function documentFindings(req: DocumentLintRequest): Finding[] {
  let perText = cache.get(req.sourceCode);
  if (!perText) cache.set(req.sourceCode, (perText = new Map()));
  const own = req.options && Object.keys(req.options).length > 0;
  const key = own ? `${req.ruleId}\u0000${JSON.stringify(req.options)}` : '';
  let findings = perText.get(key);
  if (!findings) {
    let config = documentConfig(req.cwd);
    let rules: readonly AnyRule[] = builtinRules;
    if (own) {
      const base = config.rules.get(req.ruleId)!;
      config = { ...config, rules: new Map(config.rules).set(req.ruleId, { ...base, options: { ...base.options, ...req.options } }) };
      rules = builtinRules.filter((r) => r.meta.id === req.ruleId);
    }
    try {
      findings = lintText({ text: req.sourceCode.text, path: req.path, rootDir: req.cwd, config, rules }).findings;
    } catch (e) {
      findings = [internalError(req.path, e)];
    }
    perText.set(key, findings);
  }
  return findings.filter((f) => f.ruleId === req.ruleId);
}

function internalError(path: string, e: unknown): Finding {
  return {
    ruleId: 'parse-error',
    severity: 'error',
    message: `obslint failed on this file: ${(e as Error).message}`,
    filePath: path,
    relPath: path,
    line: 1,
    column: 1,
    endLine: 1,
    endColumn: 1,
    fingerprint: '',
    origin: 'tool',
  };
}
