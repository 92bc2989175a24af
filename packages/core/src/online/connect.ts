import { readFileSync } from 'node:fs';
import { PrometheusClient, PrometheusError, type BuildInfo } from './prometheus-client.js';
import { DEFAULT_ONLINE_BUDGET_MS, DEFAULT_ONLINE_CONCURRENCY, type OnlineRunOptions } from './types.js';

/** The command-line settings of the online checks (`--prometheus-*`, `--online-budget`). */
export interface PrometheusFlags {
  url: string;
  /** Environment variable holding a bearer token (default OBSLINT_PROMETHEUS_TOKEN). */
  tokenEnv?: string;
  /** PEM file of the CA that signed the server's certificate. */
  caFile?: string;
  insecure?: boolean;
  timeoutMs?: number;
  concurrency?: number;
  budgetMs?: number;
}

export const DEFAULT_PROMETHEUS_TOKEN_ENV = 'OBSLINT_PROMETHEUS_TOKEN';
export const DEFAULT_PROMETHEUS_TIMEOUT_MS = 30_000;

/** The server could not be used at all (unreachable, not Prometheus, bad TLS/CA setup): one clear line, exit 2. */
export class PrometheusUnavailableError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PrometheusUnavailableError';
  }
}

export interface PrometheusSession {
  client: PrometheusClient;
  buildInfo: BuildInfo;
  /** What to pass as `RunOptions.prometheus`. */
  run: OnlineRunOptions;
  close(): void;
}

/**
 * Creates the client from the flags and checks the server first (`/api/v1/status/buildinfo`), so an unreachable
 * or wrong URL is one clear error before any linting, never a hang: the check is bounded by the request timeout
 * and the budget, whichever is shorter, with the client's retries.
 */
export async function connectPrometheus(flags: PrometheusFlags, env: Record<string, string | undefined>): Promise<PrometheusSession> {
  const tokenEnv = flags.tokenEnv ?? DEFAULT_PROMETHEUS_TOKEN_ENV;
  const token = env[tokenEnv] || undefined;
  let ca: Buffer | undefined;
  if (flags.caFile !== undefined) {
    try {
      ca = readFileSync(flags.caFile);
    } catch (e) {
      throw new PrometheusUnavailableError(`--prometheus-ca: cannot read ${flags.caFile}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
    }
  }
  const budgetMs = flags.budgetMs ?? DEFAULT_ONLINE_BUDGET_MS;
  const timeoutMs = flags.timeoutMs ?? DEFAULT_PROMETHEUS_TIMEOUT_MS;
  let client: PrometheusClient;
  try {
    client = new PrometheusClient({ url: flags.url, token, ca, insecure: flags.insecure, timeoutMs, concurrency: flags.concurrency ?? DEFAULT_ONLINE_CONCURRENCY });
  } catch (e) {
    throw new PrometheusUnavailableError((e as Error).message);
  }
  // The reachability check gets the shorter of the request timeout and the budget, and one retry.
  const probe = new PrometheusClient({ url: flags.url, token, ca, insecure: flags.insecure, timeoutMs: Math.min(timeoutMs, budgetMs), concurrency: 1, retries: 1 });
  let buildInfo: BuildInfo;
  try {
    buildInfo = await probe.buildInfo();
  } catch (e) {
    client.close();
    const why = e instanceof PrometheusError ? e.message : (e as Error).message;
    const auth = e instanceof PrometheusError && (e.status === 401 || e.status === 403) ? ` (token from $${tokenEnv}${token ? '' : ', which is not set'})` : '';
    throw new PrometheusUnavailableError(`cannot use Prometheus at ${client.displayUrl}: ${why}${auth}`);
  } finally {
    probe.close();
  }
  return {
    client,
    buildInfo,
    run: { client, budgetMs, concurrency: flags.concurrency ?? DEFAULT_ONLINE_CONCURRENCY },
    close: () => client.close(),
  };
}
