import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { createRequire } from 'node:module';
import { parseYamlDocuments } from '../document/yaml-document.js';
import { jsonSyntaxError, parseJsonDocument } from '../document/json-document.js';
import { joinPointer } from '../document/pointer.js';
import { SourceFile } from '../source/source-file.js';
import { ConfigError, type UserConfig } from './types.js';
import { sharedAjv } from './ajv.js';

const require = createRequire(import.meta.url);
// By package name, not by a path relative to this module: it is also read from the CLI's bundle.
export const CONFIG_SCHEMA: Record<string, unknown> = require('@obslint/core/schema/config.schema.json');

export const CONFIG_FILE_NAMES = ['obslint.config.yaml', 'obslint.config.yml', 'obslint.config.json'];
/** Configs that would execute code: only loaded with an explicit opt-in (never by default). */
export const JS_CONFIG_FILE_NAMES = ['obslint.config.js', 'obslint.config.mjs', 'obslint.config.cjs', 'obslint.config.ts'];

let validateConfig: import('ajv').ValidateFunction | undefined;
/** The config schema, compiled on first use. */
function configValidator(): import('ajv').ValidateFunction {
  return (validateConfig ??= sharedAjv().compile(CONFIG_SCHEMA));
}

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
  if (path.endsWith('.json')) {
    try {
      value = JSON.parse(text);
    } catch (e) {
      const { message, line, column } = jsonSyntaxError(text, e);
      throw new ConfigError(`Config file is not valid JSON: ${message}`, path, undefined, { line, column });
    }
  } else {
    // The same YAML reader as for linted files: alias bombs are refused, errors carry line and column.
    const file = new SourceFile(path, path, text);
    const { documents, errors } = parseYamlDocuments(file);
    if (errors.length) {
      const { line, column } = file.positionAt(errors[0].offset);
      throw new ConfigError(`Config file is not valid YAML: ${errors[0].message.replace(/^Invalid YAML: /, '')}`, path, undefined, { line, column });
    }
    value = documents[0]?.value;
  }
  if (value === null || value === undefined) value = {};
  // A key left empty (`rules:` followed only by comments) means "nothing here", not an error.
  if (typeof value === 'object' && !Array.isArray(value)) {
    for (const [k, v] of Object.entries(value as Record<string, unknown>)) if (v === null) delete (value as Record<string, unknown>)[k];
  }
  return validateUserConfig(value, path);
}

export function validateUserConfig(value: unknown, path?: string): UserConfig {
  const validate = configValidator();
  if (!validate(value)) {
    const err = validate.errors?.[0];
    const where = readableConfigPath(err?.instancePath ?? '');
    let msg = err?.message ?? 'invalid';
    let at: ConfigError['at'] = { pointer: err?.instancePath ?? '' };
    if (err?.keyword === 'additionalProperties') {
      const name = (err.params as { additionalProperty: string }).additionalProperty;
      msg = `unknown property "${name}"`;
      at = { pointer: joinPointer(at.pointer, name), part: 'key' };
    }
    if (err?.keyword === 'enum') msg = `must be one of ${(err.params as { allowedValues: unknown[] }).allowedValues.map((v) => JSON.stringify(v)).join(', ')}`;
    throw new ConfigError(`Invalid config at ${where}: ${msg}`, path, where, at);
  }
  return value as UserConfig;
}

/**
 * Line and column of a config error in its file (a syntax error's place, or the value or key it points at in
 * a YAML or JSON config); undefined when the error has no place in a file (a JavaScript config, `--rule`,
 * an unreadable file).
 */
export function configErrorPosition(e: ConfigError): { line: number; column: number } | undefined {
  if (!e.file || !e.at) return undefined;
  if ('line' in e.at) return e.at;
  if (!/\.(ya?ml|json)$/.test(e.file)) return undefined;
  let text: string;
  try {
    text = readFileSync(e.file, 'utf8');
  } catch {
    return undefined;
  }
  const file = new SourceFile(e.file, e.file, text);
  const doc = e.file.endsWith('.json') ? parseJsonDocument(file) : undefined;
  const parsed = doc ? (doc.ok ? doc.value : undefined) : parseYamlDocuments(file).documents[0];
  const range = parsed?.locate(e.at.pointer, e.at.part);
  return range && { line: range.line, column: range.column };
}
