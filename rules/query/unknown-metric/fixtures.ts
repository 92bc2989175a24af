import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { resolveConfig, runLint, type DocumentRule, type Settings } from '@obslint/core';

/** Test fixtures for the cross-file metric rules: small repositories linted through the repo-wide phase. */

/** A classic dashboard with one Prometheus panel per expression (and optional template variables). */
export function dashboard(exprs: string[], variables: Array<Record<string, unknown>> = []): string {
  return JSON.stringify(
    {
      uid: 'shop',
      title: 'Shop',
      templating: { list: variables },
      panels: exprs.map((expr, i) => ({ id: i + 1, type: 'timeseries', title: `P${i + 1}`, datasource: { type: 'prometheus', uid: 'prom' }, targets: [{ refId: 'A', expr }] })),
    },
    null,
    2,
  );
}

/** A prom-client module defining counters (name → label names). */
export function promClient(metrics: Record<string, string[]>): string {
  const defs = Object.entries(metrics).map(([name, labels], i) => `export const m${i} = new Counter({ name: '${name}', help: 'Help.', labelNames: ${JSON.stringify(labels)} });\n`);
  return `import { Counter } from 'prom-client';\n${defs.join('')}`;
}

/** `line:column` of the `nth` occurrence of `needle` in `text` (1-based, as findings report them). */
export function positionOf(text: string, needle: string, nth = 0): string {
  let at = -1;
  for (let i = 0; i <= nth; i++) {
    at = text.indexOf(needle, at + 1);
    if (at < 0) throw new Error(`"${needle}" not in fixture`);
  }
  const before = text.slice(0, at).split('\n');
  return `${before.length}:${before[before.length - 1].length + 1}`;
}

export interface RepoLintOptions {
  settings?: Partial<Settings>;
  options?: Record<string, unknown>;
}

/** Lints a repository of in-memory files with the given rules; returns `path:line:column message` per finding of those rules. */
export async function lintRepo(files: Record<string, string>, rules: DocumentRule<any>[], o: RepoLintOptions = {}): Promise<string[]> {
  const dir = mkdtempSync(join(tmpdir(), 'obslint-metric-index-'));
  try {
    for (const [name, text] of Object.entries(files)) {
      mkdirSync(dirname(join(dir, name)), { recursive: true });
      writeFileSync(join(dir, name), text);
    }
    const ruleSettings = Object.fromEntries(rules.map((r) => [r.meta.id, o.options ? [r.meta.severity, o.options] : r.meta.severity]));
    const config = resolveConfig({ rules: ruleSettings, settings: o.settings } as never, rules, { baseDir: dir });
    const res = await runLint({ rootDir: dir, files: Object.keys(files).map((f) => join(dir, f)), config, rules });
    const ids = new Set(rules.map((r) => r.meta.id));
    return res.findings.filter((f) => ids.has(f.ruleId)).map((f) => `${f.relPath}:${f.line}:${f.column} ${f.message}`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
