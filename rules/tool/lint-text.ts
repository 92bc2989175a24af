import { resolve } from 'node:path';
import { TOOL_RULES, lintText, resolveConfig, type Finding, type RuleConfigValue } from '@obslint/core';
import { builtinRules } from '../index.js';

/**
 * Lints one in-memory file with the tool findings and `alert/missing-for` on (and every other rule off, so
 * the tests do not depend on which other rules exist).
 */
export function lintWithRecommended(filename: string, text: string): Finding[] {
  const rootDir = resolve('/__obslint_tool_test__');
  const toolIds = new Set(TOOL_RULES.map((r) => r.meta.id));
  const rules: Record<string, RuleConfigValue> = Object.fromEntries(builtinRules.filter((r) => !toolIds.has(r.meta.id) && r.meta.id !== 'alert/missing-for').map((r) => [r.meta.id, 'off']));
  const config = resolveConfig({ extends: 'recommended', rules }, builtinRules, { baseDir: rootDir });
  return lintText({ text, path: resolve(rootDir, filename), rootDir, config, rules: builtinRules }).findings;
}
