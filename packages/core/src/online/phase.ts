import type { ResolvedConfig } from '../config/resolve-config.js';
import type { RepoIndex } from '../model/index.js';
import type { Finding } from '../runner/finding.js';
import { toFinding } from '../runner/reporter.js';
import type { AnyRule, DocumentRule, ReportDescriptor } from '../rule/types.js';
import { formatDuration } from '../util/duration.js';
import { forEachLimit } from './limit.js';
import { PrometheusError } from './prometheus-client.js';
import { DEFAULT_ONLINE_BUDGET_MS, DEFAULT_ONLINE_CONCURRENCY, type OnlineContext, type OnlineRunOptions, type OnlineSummary } from './types.js';

/** True when the rule is on anywhere (globally, or through an override). */
export function onlineRuleEnabled(config: ResolvedConfig, rule: AnyRule): boolean {
  if ((config.rules.get(rule.meta.id)?.severity ?? 'off') !== 'off') return true;
  return config.overrides.some((o) => {
    const s = o.rules.get(rule.meta.id)?.severity;
    return s !== undefined && s !== 'off';
  });
}

/** Rules of the `online` preset that this configuration turns on (they need --prometheus-url). */
export function requestedOnlineRules(config: ResolvedConfig, rules: readonly AnyRule[]): AnyRule[] {
  return rules.filter((r) => r.meta.preset === 'online' && onlineRuleEnabled(config, r));
}

/**
 * With --prometheus-url the `online` preset is on: every online rule the user did not configure explicitly
 * runs at its default severity (a rule set to `off` in config stays off).
 */
export function enableOnlineRules(config: ResolvedConfig, rules: readonly AnyRule[]): void {
  for (const r of rules) {
    if (r.meta.preset !== 'online') continue;
    const s = config.rules.get(r.meta.id);
    if (s && !s.explicitSeverity && s.severity === 'off') s.severity = r.meta.severity;
  }
}

class Tally {
  private readonly counts = new Map<string, number>();
  add(line: string): void {
    this.counts.set(line, (this.counts.get(line) ?? 0) + 1);
  }
  lines(): string[] {
    return [...this.counts].map(([l, n]) => (n > 1 ? `${l} (${n} times)` : l));
  }
}

/**
 * The online phase: every enabled rule's `online` visitor runs against the live Prometheus, at the same
 * time, with at most `concurrency` checks in flight per rule; the whole phase stops at the time budget
 * (findings reported until then are kept, later ones are dropped; the caller closes the client).
 */
export async function runOnlineRules(
  repo: RepoIndex,
  docRules: readonly DocumentRule<any>[],
  config: ResolvedConfig,
  findings: Finding[],
  opts: OnlineRunOptions,
  addRuleTime: (id: string, ms: number) => void = () => {},
): Promise<OnlineSummary> {
  const budgetMs = opts.budgetMs ?? DEFAULT_ONLINE_BUDGET_MS;
  const started = Date.now();
  const deadline = started + budgetMs;
  const now = opts.now ?? started;
  const concurrency = opts.concurrency ?? DEFAULT_ONLINE_CONCURRENCY;
  const failures = new Tally();
  const skipped = new Tally();
  const summary: OnlineSummary = { rules: [], failures: [], skipped: [], budgetExhausted: false, notRun: 0, budgetMs };
  let over = false;
  let inFlight = 0;
  /** Items handed to `each` that have not started yet. */
  let waiting = 0;

  const record = (ruleId: string, e: unknown) => {
    if (over) return;
    if (e instanceof PrometheusError) {
      if (e.kind === 'closed') return;
      if (e.rejectedQuery) skipped.add(`${ruleId}: ${e.message}`);
      else failures.add(`${ruleId}: ${e.message}`);
    } else failures.add(`${ruleId}: internal error: ${(e as Error)?.message ?? String(e)}`);
  };

  const runs: Array<Promise<void>> = [];
  for (const rule of docRules) {
    if (!onlineRuleEnabled(config, rule)) continue;
    const report = (d: ReportDescriptor) => {
      if (over) return;
      const f = toFinding(rule, d, config);
      if (f) findings.push(f);
    };
    const visitors = rule.create({
      ruleId: rule.meta.id,
      options: config.rules.get(rule.meta.id)?.options ?? rule.meta.defaultOptions,
      settings: config.settings,
      file: undefined,
      report,
    });
    const online = visitors.online;
    if (!online) continue;
    summary.rules.push(rule.meta.id);
    const ctx: OnlineContext = {
      repo,
      prometheus: opts.client,
      now,
      budgetMs,
      deadline,
      report,
      async each(items, check) {
        waiting += items.length;
        const { notStarted } = await forEachLimit(
          items,
          concurrency,
          async (item) => {
            waiting--;
            inFlight++;
            try {
              await check(item);
            } catch (e) {
              record(rule.meta.id, e);
            } finally {
              inFlight--;
            }
          },
          () => !over && Date.now() < deadline,
        );
        if (over) return;
        waiting -= notStarted;
        if (notStarted > 0) {
          summary.notRun += notStarted;
          summary.budgetExhausted = true;
        }
      },
    };
    runs.push(
      (async () => {
        const s = performance.now();
        try {
          await online(ctx);
        } catch (e) {
          record(rule.meta.id, e);
        }
        addRuleTime(rule.meta.id, performance.now() - s);
      })(),
    );
  }

  let timer: NodeJS.Timeout | undefined;
  const budget = new Promise<'budget'>((resolve) => {
    timer = setTimeout(() => resolve('budget'), Math.max(0, deadline - Date.now()));
  });
  const outcome = await Promise.race([Promise.all(runs).then(() => 'done' as const), budget]);
  clearTimeout(timer);
  if (outcome === 'budget') {
    summary.budgetExhausted = true;
    summary.notRun += inFlight + waiting;
    over = true;
  }
  summary.failures = failures.lines();
  summary.skipped = skipped.lines();
  return summary;
}

const MAX_LINES = 5;

function capped(lines: string[]): string[] {
  if (lines.length <= MAX_LINES) return lines;
  return [...lines.slice(0, MAX_LINES), `... and ${lines.length - MAX_LINES} more`];
}

/**
 * The stderr lines for an online phase, and whether its result is incomplete (checks failed, or the budget
 * ran out): an incomplete online run exits 2, as a CI gate must not pass on checks that did not run.
 */
export function describeOnlineSummary(s: OnlineSummary): { lines: string[]; incomplete: boolean } {
  const lines: string[] = [];
  for (const l of capped(s.skipped)) lines.push(`obslint: online check skipped: ${l}`);
  for (const l of capped(s.failures)) lines.push(`obslint: online check failed: ${l}`);
  if (s.budgetExhausted) {
    lines.push(`obslint: the online time budget of ${formatDuration(s.budgetMs)} (--online-budget) ran out; ${s.notRun} check${s.notRun === 1 ? '' : 's'} did not run.`);
  }
  return { lines, incomplete: s.failures.length > 0 || s.budgetExhausted };
}
