import { dirname, resolve } from 'node:path';
import {
  ConfigError,
  findConfigFile,
  readConfigFile,
  resolveConfig,
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
  /** A JS config that was found and ignored because it would execute code. */
  ignoredJsConfig?: string;
}

/** Finds, reads, validates and resolves the config for a run. Throws ConfigError/UsageError. */
export function loadConfig(args: CliArgs, cwd: string, rules: readonly AnyRule[], defaultPreset: PresetName = 'recommended'): LoadedConfig {
  let user: UserConfig = {};
  let configFile: string | undefined;
  let ignoredJsConfig: string | undefined;
  if (args.config) {
    configFile = resolve(cwd, args.config);
    if (/\.(c|m)?[jt]s$/.test(configFile)) throw new ConfigError('JavaScript config files run code and are not loaded; use obslint.config.yaml or .json', configFile);
    user = readConfigFile(configFile);
  } else if (!args.noConfig) {
    const found = findConfigFile(cwd);
    ignoredJsConfig = found.ignoredJsConfig;
    if (found.path) {
      configFile = found.path;
      user = readConfigFile(found.path);
    }
  }
  let preset = defaultPreset;
  if (args.preset !== undefined) {
    if (!['recommended', 'strict', 'all'].includes(args.preset)) throw new UsageError(`--preset: unknown preset "${args.preset}" (use recommended, strict or all)`);
    preset = args.preset as PresetName;
  }
  const config = resolveConfig(user, rules, {
    baseDir: configFile ? dirname(configFile) : cwd,
    configFile,
    cliRules: parseRuleFlags(args.rules),
    defaultPreset: preset,
  });
  return { config, ignoredJsConfig: configFile ? undefined : ignoredJsConfig };
}
