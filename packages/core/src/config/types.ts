import type { FileKind } from '../model/index.js';
import type { PresetName, Severity, SeveritySetting } from '../rule/types.js';
import type { Settings } from './settings.js';

export type RuleConfigValue = SeveritySetting | 'warn' | 0 | 1 | 2 | [SeveritySetting | 'warn' | 0 | 1 | 2, Record<string, unknown>?];

export interface OverrideConfig {
  files?: string[];
  excludedFiles?: string[];
  pointers?: string[];
  entities?: string[];
  rules: Record<string, RuleConfigValue>;
}

/** The config file as written. */
export interface UserConfig {
  $schema?: string;
  root?: boolean;
  extends?: PresetName | PresetName[];
  rules?: Record<string, RuleConfigValue>;
  overrides?: OverrideConfig[];
  ignores?: string[];
  /** Module paths of rule plugins (loaded only with --allow-code). */
  plugins?: string[];
  kinds?: Array<{ files: string[]; kind: FileKind | 'ignore' }>;
  settings?: Partial<Settings>;
}

/** One rule's effective setting. */
export interface RuleSetting {
  severity: SeveritySetting;
  options: Record<string, unknown>;
  /** True when the user chose the severity (config or --rule), not a preset. */
  explicitSeverity: boolean;
}

export class ConfigError extends Error {
  constructor(
    message: string,
    /** The config file at fault, if any. */
    readonly file?: string,
    /** Path inside the config, e.g. `rules["alert/missing-for"][1].min`. */
    readonly configPath?: string,
    /** Where in the config file: a JSON pointer to the value at fault (or to its key), or a line and column. */
    readonly at?: { pointer: string; part?: 'key' | 'value' } | { line: number; column: number },
  ) {
    super(message);
    this.name = 'ConfigError';
  }
}

export function normalizeSeverity(s: RuleConfigValue extends infer T ? T : never): SeveritySetting {
  switch (s) {
    case 0:
    case 'off':
      return 'off';
    case 1:
    case 'warn':
    case 'warning':
      return 'warning';
    case 2:
    case 'error':
      return 'error';
    case 'info':
      return 'info';
    default:
      return 'off';
  }
}

export type { Severity };
