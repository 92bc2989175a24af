import { resolve } from 'node:path';
import { lintText, resolveConfig, type Finding } from '@obslint/core';
import { builtinRules } from '../index.js';

/** Lints one in-memory file with the recommended preset (test helper for tool findings). */
export function lintWithRecommended(filename: string, text: string): Finding[] {
  const rootDir = resolve('/__obslint_tool_test__');
  const config = resolveConfig({}, builtinRules, { baseDir: rootDir });
  return lintText({ text, path: resolve(rootDir, filename), rootDir, config, rules: builtinRules }).findings;
}
