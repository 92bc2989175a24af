import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';
import { existsSync } from 'node:fs';

/** Absolute path of a rule's README.md in the installed package (works from src and from dist). */
export function ruleDocsFile(id: string): string | undefined {
  const here = dirname(fileURLToPath(import.meta.url));
  for (const base of [here, join(here, '..')]) {
    const p = join(base, ruleDocsPath(id));
    if (existsSync(p)) return p;
  }
  return undefined;
}

/** Path of a rule's docs inside this package (`<domain>/<name>/README.md`; tool findings live under `tool/`). */
export function ruleDocsPath(id: string): string {
  return id.includes('/') ? `${id}/README.md` : `tool/${id}/README.md`;
}
