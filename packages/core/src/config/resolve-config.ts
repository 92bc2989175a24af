import { posixRelative } from '../source/rel-path.js';
import picomatch from 'picomatch';
import type { AnyRule, PresetName, Severity } from '../rule/types.js';
import type { FileKind } from '../model/index.js';
import { DEFAULT_SETTINGS, type Settings } from './settings.js';
import { joinPointer } from '../document/pointer.js';
import { sharedAjv } from './ajv.js';
import { ConfigError, normalizeSeverity, type RuleConfigValue, type RuleSetting, type UserConfig } from './types.js';

const optionValidators = new WeakMap<object, import('ajv').ValidateFunction>();

/** Rules a preset turns on, with their default severity. */
export function presetRules(rules: readonly AnyRule[], preset: PresetName): Map<string, Severity> {
  const out = new Map<string, Severity>();
  for (const r of rules) {
    const p = r.meta.preset;
    if (p === 'recommended' || (preset !== 'recommended' && p === 'strict') || preset === 'all') out.set(r.meta.id, r.meta.severity);
  }
  return out;
}

interface CompiledOverride {
  files?: (p: string) => boolean;
  excluded?: (p: string) => boolean;
  pointers?: string[];
  entities?: (e: string) => boolean;
  rules: Map<string, Partial<RuleSetting>>;
}

export interface ResolvedConfig {
  /** Directory globs are relative to (the config file's directory, else the cwd). */
  baseDir: string;
  configFile?: string;
  settings: Settings;
  rules: Map<string, RuleSetting>;
  ignores: string[];
  kinds: Array<{ match: (relPath: string) => boolean; kind: FileKind | 'ignore' }>;
  overrides: CompiledOverride[];
  userConfig: UserConfig;
  /** What this was resolved from, so another thread can resolve the same config (worker threads). */
  resolveOptions: ResolveOptions;
}

export interface ResolveOptions {
  baseDir: string;
  configFile?: string;
  /** `--rule id:severity` from the command line (applied last). */
  cliRules?: Record<string, RuleConfigValue>;
  /** Preset used when the config names none (`recommended`; `strict` for audits). */
  defaultPreset?: PresetName;
}

function ruleById(rules: readonly AnyRule[]): Map<string, AnyRule> {
  return new Map(rules.map((r) => [r.meta.id, r]));
}

function validateOptions(rule: AnyRule, options: Record<string, unknown>, where: string, file?: string, pointer?: string): Record<string, unknown> {
  const schema = rule.meta.schema ?? { type: 'object', additionalProperties: false, properties: {} };
  let v = optionValidators.get(rule);
  if (!v) {
    v = sharedAjv().compile({ type: 'object', additionalProperties: false, ...schema });
    optionValidators.set(rule, v);
  }
  if (!v(options)) {
    const e = v.errors![0];
    const path = e.instancePath ? e.instancePath.slice(1).replace(/\//g, '.') : '';
    const unknown = e.keyword === 'additionalProperties' ? (e.params as { additionalProperty: string }).additionalProperty : undefined;
    const msg = unknown !== undefined ? `unknown option "${unknown}" for rule ${rule.meta.id}` : `option ${path ? `"${path}" ` : ''}of rule ${rule.meta.id} ${e.message}`;
    const at: ConfigError['at'] =
      pointer === undefined ? undefined : unknown !== undefined ? { pointer: joinPointer(pointer + e.instancePath, unknown), part: 'key' } : { pointer: pointer + e.instancePath };
    throw new ConfigError(`Invalid config at ${where}${path ? '.' + path : ''}: ${msg}`, file, where, at);
  }
  return options;
}

function parseEntry(
  id: string,
  value: RuleConfigValue,
  known: Map<string, AnyRule>,
  where: string,
  file?: string,
  /** JSON pointer of the entry in the config file. */
  pointer?: string,
): Partial<RuleSetting> {
  const rule = known.get(id);
  if (!rule) {
    const suggestion = closest(id, [...known.keys()]);
    throw new ConfigError(`Invalid config at ${where}: unknown rule "${id}"${suggestion ? ` (did you mean "${suggestion}"?)` : ''}`, file, where, pointer === undefined ? undefined : { pointer, part: 'key' });
  }
  const [sev, opts] = Array.isArray(value) ? value : [value, undefined];
  const out: Partial<RuleSetting> = { severity: normalizeSeverity(sev as RuleConfigValue), explicitSeverity: true };
  if (opts !== undefined) out.options = validateOptions(rule, opts, `${where}[1]`, file, pointer === undefined ? undefined : `${pointer}/1`);
  return out;
}

/** Combines presets, config, overrides and command-line rules into the effective configuration. */
export function resolveConfig(user: UserConfig, rules: readonly AnyRule[], opts: ResolveOptions): ResolvedConfig {
  const known = ruleById(rules);
  const file = opts.configFile;
  const presets: PresetName[] = user.extends ? (Array.isArray(user.extends) ? user.extends : [user.extends]) : [opts.defaultPreset ?? 'recommended'];
  const effective = new Map<string, RuleSetting>();
  for (const r of rules) effective.set(r.meta.id, { severity: 'off', options: { ...(r.meta.defaultOptions as object) }, explicitSeverity: false });
  for (const p of presets) {
    for (const [id, sev] of presetRules(rules, p)) effective.get(id)!.severity = sev;
  }
  const apply = (entries: Record<string, RuleConfigValue> | undefined, whereBase: string, src?: string) => {
    for (const [id, value] of Object.entries(entries ?? {})) {
      const parsed = parseEntry(id, value, known, `${whereBase}[${JSON.stringify(id)}]`, src, src === undefined ? undefined : joinPointer('/' + whereBase, id));
      const cur = effective.get(id)!;
      effective.set(id, { ...cur, ...parsed, options: parsed.options ? { ...(known.get(id)!.meta.defaultOptions as object), ...parsed.options } : cur.options });
    }
  };
  apply(user.rules, 'rules', file);
  const overrides: CompiledOverride[] = (user.overrides ?? []).map((o, i) => {
    const m = new Map<string, Partial<RuleSetting>>();
    for (const [id, value] of Object.entries(o.rules ?? {})) {
      m.set(id, parseEntry(id, value, known, `overrides[${i}].rules[${JSON.stringify(id)}]`, file, file === undefined ? undefined : joinPointer('/overrides', i, 'rules', id)));
    }
    return {
      files: o.files?.length ? picomatch(o.files, { dot: true }) : undefined,
      excluded: o.excludedFiles?.length ? picomatch(o.excludedFiles, { dot: true }) : undefined,
      pointers: o.pointers,
      entities: o.entities?.length ? picomatch(o.entities, { dot: true }) : undefined,
      rules: m,
    };
  });
  if (opts.cliRules) {
    for (const [id, value] of Object.entries(opts.cliRules)) {
      const parsed = parseEntry(id, value, known, `--rule ${id}`);
      effective.set(id, { ...effective.get(id)!, ...parsed });
    }
  }
  return {
    baseDir: opts.baseDir,
    configFile: file,
    settings: { ...DEFAULT_SETTINGS, ...(user.settings ?? {}) } as Settings,
    rules: effective,
    ignores: user.ignores ?? [],
    kinds: (user.kinds ?? []).map((k) => ({ match: picomatch(k.files, { dot: true }), kind: k.kind })),
    overrides,
    userConfig: user,
    resolveOptions: opts,
  };
}

/** Path relative to the config's base dir, with forward slashes. */
export function configRelative(config: ResolvedConfig, absPath: string): string {
  return posixRelative(config.baseDir, absPath);
}

/**
 * The setting of a rule for a file, and (when given) for a finding's pointer/entity. Overrides that name
 * pointers or entities apply only to findings inside them.
 */
export function settingFor(
  config: ResolvedConfig,
  ruleId: string,
  absPath: string,
  at?: { pointer?: string; entity?: string },
): RuleSetting {
  let s = config.rules.get(ruleId) ?? { severity: 'off', options: {}, explicitSeverity: false };
  if (config.overrides.length === 0) return s;
  const rel = configRelative(config, absPath);
  for (const o of config.overrides) {
    const r = o.rules.get(ruleId);
    if (!r) continue;
    if (o.files && !o.files(rel)) continue;
    if (o.excluded && o.excluded(rel)) continue;
    if (o.pointers || o.entities) {
      if (!at) continue; // finding-specific overrides are applied per finding
      const pOk = o.pointers ? o.pointers.some((p) => at.pointer !== undefined && (at.pointer === p || at.pointer.startsWith(p + '/'))) : false;
      const eOk = o.entities ? at.entity !== undefined && o.entities(at.entity) : false;
      if (!pOk && !eOk) continue;
    }
    s = { ...s, ...r, options: r.options ? { ...s.options, ...r.options } : s.options };
  }
  return s;
}

/** The kind forced by config for a file, if any. */
export function forcedKind(config: ResolvedConfig, absPath: string): FileKind | 'ignore' | undefined {
  if (!config.kinds.length) return undefined;
  const rel = configRelative(config, absPath);
  for (const k of config.kinds) if (k.match(rel)) return k.kind;
  return undefined;
}

/** Levenshtein distance, for "did you mean" suggestions. */
export function editDistance(a: string, b: string): number {
  const prev = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let diag = prev[0];
    prev[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const tmp = prev[j];
      prev[j] = Math.min(prev[j] + 1, prev[j - 1] + 1, diag + (a[i - 1] === b[j - 1] ? 0 : 1));
      diag = tmp;
    }
  }
  return prev[b.length];
}

function closest(id: string, candidates: string[]): string | undefined {
  let best: string | undefined;
  let bestD = Infinity;
  for (const c of candidates) {
    const d = c.endsWith('/' + id) ? 0 : editDistance(id, c);
    if (d < bestD) {
      bestD = d;
      best = c;
    }
  }
  return bestD <= Math.max(3, Math.floor(id.length / 4)) ? best : undefined;
}
