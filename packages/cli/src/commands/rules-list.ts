import { presetRules, type AnyRule } from '@obslint/core';
import { ruleDocsPath } from '@obslint/rules';
import type { CliIO } from '../io.js';

/** `obslint rules`: id, default severity per preset, one-line description, docs path. */
export function listRules(io: CliIO, rules: readonly AnyRule[], json: boolean): number {
  const rec = presetRules(rules, 'recommended');
  const strict = presetRules(rules, 'strict');
  const rows = rules.map((r) => ({
    id: r.meta.id,
    kind: r.kind,
    severity: rec.get(r.meta.id) ?? (strict.has(r.meta.id) ? `strict: ${strict.get(r.meta.id)}` : r.meta.preset === 'online' ? `online: ${r.meta.severity}` : 'off'),
    description: r.meta.description,
    docs: `rules/${ruleDocsPath(r.meta.id)}`,
  }));
  if (json) {
    io.stdout.write(JSON.stringify(rows, null, 2) + '\n');
    return 0;
  }
  const w = Math.max(...rows.map((r) => r.id.length));
  const sw = Math.max(...rows.map((r) => r.severity.length));
  for (const r of rows) io.stdout.write(`${r.id.padEnd(w)}  ${r.severity.padEnd(sw)}  ${r.description}\n${' '.repeat(w + sw + 4)}${r.docs}\n`);
  io.stdout.write(`\n${rows.length} rules. Severity shown is the one in the recommended preset.\n`);
  return 0;
}
