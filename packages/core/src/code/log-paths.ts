import { isAbsolute, relative, sep } from 'node:path';
import picomatch from 'picomatch';

/** Files where `console` output is the product, not a log: executables, scripts, CLIs (and their `commands/`), logger implementations and tests. */
export const CONSOLE_ALLOWED_FILES = [
  '**/bin/**',
  '**/scripts/**',
  '**/cli/**',
  '**/cli.*',
  '**/commands/**',
  '**/logger.*',
  '**/test/**',
  '**/tests/**',
  '**/__tests__/**',
  '**/__mocks__/**',
  '**/e2e/**',
  '**/*.{test,spec,e2e-spec}.*',
];

/** Compiled glob lists, by their JSON: rules ask for the same globs on every file, and compiling is the costly part. */
const compiled = new Map<string, (path: string) => boolean>();

/** A matcher for globs against a file path taken relative to `cwd` (forward slashes, dot files included). */
export function relativePathMatcher(globs: readonly string[], cwd: string): (absPath: string) => boolean {
  if (globs.length === 0) return () => false;
  const key = JSON.stringify(globs);
  let match = compiled.get(key);
  if (!match) {
    match = picomatch(globs as string[], { dot: true });
    compiled.set(key, match);
  }
  const matchGlobs = match;
  return (absPath) => {
    const rel = isAbsolute(absPath) ? relative(cwd, absPath) : absPath;
    return matchGlobs(rel.split(sep).join('/'));
  };
}
