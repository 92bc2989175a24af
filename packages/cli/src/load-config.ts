import { dirname, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  ConfigError,
  findConfigFile,
  readConfigFile,
  resolveConfig,
  validateUserConfig,
  type AnyRule,
  type PresetName,
  type ResolvedConfig,
  type RuleConfigValue,
  type UserConfig,
} from '@obslint/core';
import { UsageError, type CliArgs } from './args.js';

/** `--rule id:severity` → config entries. */
export function parseRuleFlags(flags: string[]): Record<string, RuleConfigValue> {
  const out: Record<string, RuleConfigValue> = {};
  for (const f of flags) {
    const i = f.lastIndexOf(':');
    if (i <= 0) throw new UsageError(`--rule: expected <id>:<severity>, got "${f}"`);
    const sev = f.slice(i + 1);
    if (!['off', 'info', 'warn', 'warning', 'error'].includes(sev)) throw new UsageError(`--rule: unknown severity "${sev}" (use off, info, warn or error)`);
    out[f.slice(0, i)] = sev as RuleConfigValue;
  }
  return out;
}

export interface LoadedConfig {
  config: ResolvedConfig;
  /** Built-in rules plus the rules of loaded plugins. */
  rules: readonly AnyRule[];
  /** A JS config that was found and ignored because it would execute code. */
  ignoredJsConfig?: string;
}

const JS_CONFIG = /\.(c|m)?[jt]s$/;

/** Imports a JavaScript config module (only with --allow-code). */
async function importJsConfig(path: string): Promise<UserConfig> {
  let mod: { default?: unknown };
  try {
    mod = (await import(pathToFileURL(path).href)) as { default?: unknown };
  } catch (e) {
    throw new ConfigError(`Cannot load JavaScript config: ${(e as Error).message}`, path);
  }
  return validateUserConfig(mod.default ?? {}, path);
}

function isRule(v: unknown): v is AnyRule {
  const r = v as AnyRule;
  return !!r && typeof r === 'object' && (r.kind === 'document' || r.kind === 'code') && typeof r.meta?.id === 'string';
}

/** Imports rule plugins named in the config (only with --allow-code). A plugin exports `rules: AnyRule[]`. */
async function importPlugins(paths: string[], baseDir: string, configFile: string | undefined): Promise<AnyRule[]> {
  const out: AnyRule[] = [];
  for (const p of paths) {
    const abs = resolve(baseDir, p);
    let mod: { rules?: unknown; default?: { rules?: unknown } };
    try {
      mod = (await import(pathToFileURL(abs).href)) as typeof mod;
    } catch (e) {
      throw new ConfigError(`Cannot load plugin "${p}": ${(e as Error).message}`, configFile, 'plugins');
    }
    const rules = mod.rules ?? mod.default?.rules;
    if (!Array.isArray(rules) || !rules.every(isRule)) throw new ConfigError(`Plugin "${p}" must export rules: an array of obslint rules`, configFile, 'plugins');
    out.push(...rules);
  }
  return out;
}

/**
 * Finds, reads, validates and resolves the config for a run. YAML/JSON configs never run code; JavaScript
 * configs and plugins are loaded only with --allow-code. Throws ConfigError/UsageError.
 */
export async function loadConfig(args: CliArgs, cwd: string, builtin: readonly AnyRule[], defaultPreset: PresetName = 'recommended'): Promise<LoadedConfig> {
  let user: UserConfig = {};
  let configFile: string | undefined;
  let ignoredJsConfig: string | undefined;
  if (args.config) {
    configFile = resolve(cwd, args.config);
    if (JS_CONFIG.test(configFile)) {
      if (!args.allowCode) throw new ConfigError('JavaScript config files run code and are loaded only with --allow-code; use obslint.config.yaml or .json', configFile);
      user = await importJsConfig(configFile);
    } else user = readConfigFile(configFile);
  } else if (!args.noConfig) {
    const found = findConfigFile(cwd);
    if (found.path) {
      configFile = found.path;
      user = readConfigFile(found.path);
    } else if (found.ignoredJsConfig) {
      if (args.allowCode) {
        configFile = found.ignoredJsConfig;
        user = await importJsConfig(configFile);
      } else ignoredJsConfig = found.ignoredJsConfig;
    }
  }
  const baseDir = configFile ? dirname(configFile) : cwd;
  let rules = builtin;
  if (user.plugins?.length) {
    if (!args.allowCode) {
      throw new ConfigError(`Invalid config at plugins: plugins run code and are loaded only with --allow-code (${user.plugins.join(', ')})`, configFile, 'plugins');
    }
    const extra = await importPlugins(user.plugins, baseDir, configFile);
    const ids = new Set(builtin.map((r) => r.meta.id));
    for (const r of extra) if (ids.has(r.meta.id)) throw new ConfigError(`Plugin rule "${r.meta.id}" has the id of a built-in rule`, configFile, 'plugins');
    rules = [...builtin, ...extra];
  }
  let preset = defaultPreset;
  if (args.preset !== undefined) {
    if (!['recommended', 'strict', 'all'].includes(args.preset)) throw new UsageError(`--preset: unknown preset "${args.preset}" (use recommended, strict or all)`);
    preset = args.preset as PresetName;
  }
  const config = resolveConfig(user, rules, {
    baseDir,
    configFile,
    cliRules: parseRuleFlags(args.rules),
    defaultPreset: preset,
  });
  return { config, rules, ignoredJsConfig };
}
