import type { RepoIndex } from '../model/index.js';
import type { ReportDescriptor } from '../rule/types.js';
import type { PrometheusApi } from './prometheus-client.js';

/** What a rule's `online` visitor gets: the repository, a Prometheus client, the time budget and `report`. */
export interface OnlineContext {
  readonly repo: RepoIndex;
  readonly prometheus: PrometheusApi;
  /** The time the checks look back from (unix ms), the same for every rule of the run. */
  readonly now: number;
  /** Total time budget of the online phase in ms, and when it ends (unix ms). */
  readonly budgetMs: number;
  readonly deadline: number;
  /** Reports a finding, as `RuleContext.report` does. Reports after the budget ran out are dropped. */
  report(descriptor: ReportDescriptor): void;
  /**
   * Runs `check` on every item with bounded concurrency. A check that fails (server errors after retries, an
   * unexpected answer, a bug) is recorded for the run's summary and the other items go on; a query the server
   * rejects (4xx) only skips that item. Once the budget is spent no further item starts.
   */
  each<T>(items: readonly T[], check: (item: T) => Promise<void>): Promise<void>;
}

/** `RunOptions.prometheus`: turns the online phase on. */
export interface OnlineRunOptions {
  client: PrometheusApi;
  /** Total time budget of the phase in ms (default 120 s). */
  budgetMs?: number;
  /** Checks in flight at once across all rules (default 4); the client bounds its requests as well. */
  concurrency?: number;
  /** Fixed "now" (unix ms) for the checks; default: when the phase starts. */
  now?: number;
}

/** What happened in the online phase, for the CLI's stderr lines and exit code. */
export interface OnlineSummary {
  /** Ids of the rules whose online visitor ran. */
  rules: string[];
  /** Checks that failed (after retries), one line per distinct problem with its count. */
  failures: string[];
  /** Items skipped because the server rejected their query (4xx), one line per distinct reason with its count. */
  skipped: string[];
  /** True when the time budget ran out before every check finished. */
  budgetExhausted: boolean;
  /** Checks never started or cut off because of the budget. */
  notRun: number;
  budgetMs: number;
}

export const DEFAULT_ONLINE_BUDGET_MS = 120_000;
export const DEFAULT_ONLINE_CONCURRENCY = 4;
