import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { existsSync } from 'node:fs';

/**
 * Absolute path of a rule's README.md in the installed package. The package is found by name, so this works
 * from the sources, from dist/ and from the CLI's bundle (where this module is not inside the package).
 */
export function ruleDocsFile(id: string): string | undefined {
  const root = dirname(createRequire(import.meta.url).resolve('@obslint/rules/package.json'));
  const p = join(root, ruleDocsPath(id));
  return existsSync(p) ? p : undefined;
}

/** Path of a rule's docs inside this package (`<domain>/<name>/README.md`; tool findings live under `tool/`). */
export function ruleDocsPath(id: string): string {
  return id.includes('/') ? `${id}/README.md` : `tool/${id}/README.md`;
}
