import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { createRequire } from 'node:module';
import { parse as parseYaml } from 'yaml';
import AjvModule from 'ajv';
import { ConfigError, type UserConfig } from './types.js';

const require = createRequire(import.meta.url);
export const CONFIG_SCHEMA: Record<string, unknown> = require('../../schema/config.schema.json');

export const CONFIG_FILE_NAMES = ['obslint.config.yaml', 'obslint.config.yml', 'obslint.config.json'];
/** Configs that would execute code: only loaded with an explicit opt-in (never by default). */
export const JS_CONFIG_FILE_NAMES = ['obslint.config.js', 'obslint.config.mjs', 'obslint.config.cjs', 'obslint.config.ts'];

const Ajv = (AjvModule as unknown as { default?: typeof AjvModule }).default ?? AjvModule;
const ajv = new (Ajv as unknown as new (o: object) => import('ajv').default)({ allErrors: true, strict: false });
const validateConfig = ajv.compile(CONFIG_SCHEMA);

/** Walks up from `cwd` to the filesystem root looking for a config file. */
export function findConfigFile(cwd: string): { path?: string; ignoredJsConfig?: string } {
  let dir = resolve(cwd);
  let ignoredJsConfig: string | undefined;
  for (;;) {
    for (const name of CONFIG_FILE_NAMES) {
      const p = join(dir, name);
      if (existsSync(p)) return { path: p, ignoredJsConfig };
    }
    for (const name of JS_CONFIG_FILE_NAMES) {
      const p = join(dir, name);
      if (!ignoredJsConfig && existsSync(p)) ignoredJsConfig = p;
    }
    const parent = dirname(dir);
    if (parent === dir) return { ignoredJsConfig };
    dir = parent;
  }
}

/** Formats an ajv instance path (`/rules/x~1y/1`) as a readable config path (`rules["x/y"][1]`). */
export function readableConfigPath(instancePath: string): string {
  if (!instancePath) return '(root)';
  let out = '';
  for (const raw of instancePath.slice(1).split('/')) {
    const seg = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    if (/^\d+$/.test(seg)) out += `[${seg}]`;
    else if (/^[A-Za-z_$][\w$]*$/.test(seg)) out += out ? `.${seg}` : seg;
    else out += `[${JSON.stringify(seg)}]`;
  }
  return out;
}

/** Reads, parses and validates a YAML or JSON config file (never executes code). */
export function readConfigFile(path: string): UserConfig {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    throw new ConfigError(`Cannot read config file: ${(e as Error).message}`, path);
  }
  let value: unknown;
  try {
    value = path.endsWith('.json') ? JSON.parse(text) : parseYaml(text, { maxAliasCount: 100 });
  } catch (e) {
    throw new ConfigError(`Config file is not valid ${path.endsWith('.json') ? 'JSON' : 'YAML'}: ${(e as Error).message.split('\n')[0]}`, path);
  }
  if (value === null || value === undefined) value = {};
  // A key left empty (`rules:` followed only by comments) means "nothing here", not an error.
  if (typeof value === 'object' && !Array.isArray(value)) {
    for (const [k, v] of Object.entries(value as Record<string, unknown>)) if (v === null) delete (value as Record<string, unknown>)[k];
  }
  return validateUserConfig(value, path);
}

export function validateUserConfig(value: unknown, path?: string): UserConfig {
  if (!validateConfig(value)) {
    const err = validateConfig.errors?.[0];
    const where = readableConfigPath(err?.instancePath ?? '');
    let msg = err?.message ?? 'invalid';
    if (err?.keyword === 'additionalProperties') msg = `unknown property "${(err.params as { additionalProperty: string }).additionalProperty}"`;
    if (err?.keyword === 'enum') msg = `must be one of ${(err.params as { allowedValues: unknown[] }).allowedValues.map((v) => JSON.stringify(v)).join(', ')}`;
    throw new ConfigError(`Invalid config at ${where}: ${msg}`, path, where);
  }
  return value as UserConfig;
}
