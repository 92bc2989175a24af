import { resolve } from 'node:path';
import { resolveConfig } from '../config/resolve-config.js';
import type { Settings } from '../config/settings.js';
import type { RuleConfigValue } from '../config/types.js';
import { compareFindings, type Finding } from '../runner/finding.js';
import { loadFile } from '../runner/load-file.js';
import { buildRepoIndex } from '../runner/run.js';
import type { AnyRule, DocumentRule } from '../rule/types.js';
import { SourceFile } from '../source/source-file.js';
import { enableOnlineRules, runOnlineRules } from './phase.js';
import type { PrometheusApi } from './prometheus-client.js';
import type { OnlineSummary } from './types.js';

export interface LintOnlineOptions {
  /** In-memory files by name (kind detection uses the extension), e.g. `{ 'alerts.yaml': '...' }`. */
  files: Record<string, string>;
  rules: readonly AnyRule[];
  api: PrometheusApi;
  /** Rule settings as in config `rules:`; online rules are on at their default severity otherwise. */
  ruleConfig?: Record<string, RuleConfigValue>;
  /** Shared settings, as in config `settings:`. */
  settings?: Partial<Settings>;
  now?: number;
  budgetMs?: number;
  concurrency?: number;
}

/**
 * Runs only the online phase of `rules` over in-memory files against `api` (a live client or a test double):
 * the online counterpart of `runRule`, for rule tests. Findings come sorted; inline suppressions are not applied.
 */
export async function lintOnline(opts: LintOnlineOptions): Promise<{ findings: Finding[]; summary: OnlineSummary }> {
  const rootDir = resolve('/__obslint_online__');
  const config = resolveConfig({ extends: [], rules: opts.ruleConfig ?? {}, settings: opts.settings } as never, opts.rules, { baseDir: rootDir });
  for (const r of opts.rules) {
    const s = config.rules.get(r.meta.id)!;
    if (!(opts.ruleConfig && r.meta.id in opts.ruleConfig)) s.severity = r.meta.severity;
  }
  enableOnlineRules(config, opts.rules);
  const models = Object.entries(opts.files).map(([name, text]) => loadFile(new SourceFile(resolve(rootDir, name), name, text)));
  for (const m of models) {
    const e = m.parseErrors[0];
    if (e) throw new Error(`test fixture ${m.file.relPath} does not parse: ${e.message}`);
  }
  const findings: Finding[] = [];
  const docRules = opts.rules.filter((r): r is DocumentRule<any> => r.kind === 'document');
  const summary = await runOnlineRules(buildRepoIndex(models), docRules, config, findings, {
    client: opts.api,
    now: opts.now,
    budgetMs: opts.budgetMs,
    concurrency: opts.concurrency,
  });
  return { findings: findings.sort(compareFindings), summary };
}
