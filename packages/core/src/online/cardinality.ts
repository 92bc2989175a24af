import type { ReportDescriptor } from '../rule/types.js';
import type { PrometheusApi } from './prometheus-client.js';
import type { OnlineContext } from './types.js';
import { labelNameText, selectorText, selectorUses, type SelectorUse } from './usage.js';

/**
 * Real cardinality of the metrics the repository uses, from the live server: series per metric and distinct
 * values per label over the last hour (`count(last_over_time(m[1h]))` and `count(count by (l) (...))`). Server-side
 * counting keeps answers small whatever the cardinality. `/api/v1/status/tsdb` is not used: it covers only the
 * head block and only the top-N metric names, so it cannot answer for an arbitrary metric.
 */

/** The window that counts as "the series the metric has now" (about Prometheus's head block). */
export const CARDINALITY_WINDOW_MS = 3_600_000;

export interface LabelValueCount {
  name: string;
  /** Distinct non-empty values in the window. */
  values: number;
}

export interface MetricCardinality {
  metric: string;
  series: number;
  /** Every label but `__name__`, most values first. */
  labels: LabelValueCount[];
}

/** Sum of the values of an instant query's samples (a `count(...)` answer: one sample, or none when empty). */
async function countOf(api: PrometheusApi, expr: string, time: number): Promise<number> {
  const samples = await api.query(expr, time);
  return samples.reduce((n, s) => n + (Number(s.value[1]) || 0), 0);
}

/** Series and distinct values per label of `metric` over the window ending at `now` (unix ms). */
export async function metricCardinality(api: PrometheusApi, metric: string, now: number, windowMs = CARDINALITY_WINDOW_MS): Promise<MetricCardinality> {
  const time = now / 1000;
  const range = `[${Math.round(windowMs / 1000)}s]`;
  const sel = selectorText(metric);
  const series = await countOf(api, `count(last_over_time(${sel}${range}))`, time);
  if (series === 0) return { metric, series, labels: [] };
  const names = (await api.labelNames([sel], (now - windowMs) / 1000, time)).filter((n) => n !== '__name__');
  const labels: LabelValueCount[] = [];
  for (const name of names) {
    const values = await countOf(api, `count(count by (${labelNameText(name)}) (last_over_time(${selectorText(metric, [{ name, op: '!=', value: '' }])}${range})))`, time);
    if (values > 0) labels.push({ name, values });
  }
  labels.sort((a, b) => b.values - a.values || (a.name < b.name ? -1 : 1));
  return { metric, series, labels };
}

/** One answer per client, metric and time, shared by every rule of the run (series-budget and high-cardinality-label ask alike). */
const shared = new WeakMap<PrometheusApi, Map<string, Promise<MetricCardinality>>>();

export function sharedMetricCardinality(api: PrometheusApi, metric: string, now: number): Promise<MetricCardinality> {
  let byKey = shared.get(api);
  if (!byKey) shared.set(api, (byKey = new Map()));
  const key = `${now}\u0000${metric}`;
  let p = byKey.get(key);
  if (!p) {
    p = metricCardinality(api, metric, now);
    // A failed answer is not kept: the other rule may try again.
    p.catch(() => byKey!.delete(key));
    byKey.set(key, p);
  }
  return p;
}

/** The uses of each metric, one per target or rule (the first selector of the metric in it). */
export function usesByMetric(uses: readonly SelectorUse[]): Map<string, SelectorUse[]> {
  const out = new Map<string, SelectorUse[]>();
  const seen = new Set<string>();
  for (const u of uses) {
    const key = `${u.entity}\u0000${u.metric}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const list = out.get(u.metric);
    if (list) list.push(u);
    else out.set(u.metric, [u]);
  }
  return out;
}

/**
 * The online cardinality check of a rule: for every metric the repository's dashboards and rules use, `judge`
 * gets the server's numbers and returns what to report (or nothing); it is reported at every place that uses
 * the metric, with the use's entity plus `/metric:<name>` (and any `entitySuffix`).
 */
export async function checkUsedMetricCardinality(
  ctx: OnlineContext,
  judge: (c: MetricCardinality) => Array<Omit<ReportDescriptor, 'at' | 'entity'> & { entitySuffix?: string }>,
): Promise<void> {
  const byMetric = usesByMetric(selectorUses(ctx.repo));
  await ctx.each([...byMetric.keys()], async (metric) => {
    const c = await sharedMetricCardinality(ctx.prometheus, metric, ctx.now);
    if (c.series === 0) return;
    for (const d of judge(c)) {
      const { entitySuffix, ...descriptor } = d;
      for (const u of byMetric.get(metric)!) ctx.report({ ...descriptor, at: u.at, entity: `${u.entity}/metric:${metric}${entitySuffix ?? ''}` });
    }
  });
}
