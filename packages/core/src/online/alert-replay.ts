import type { Labels, PrometheusApi } from './prometheus-client.js';

/**
 * Replays an alerting rule over the past with `query_range`: the rule's evaluation is simulated step by step
 * per series (label set of the result), the way Prometheus's rule manager does it (pending → firing after
 * `for`, kept firing for `keep_firing_for` after the series disappears), and the firing ranges become episodes.
 * Steps when Prometheus itself had no data are left out: they neither fire nor resolve anything.
 */

/** A firing range in unix ms: [start, end). `ongoing` when still firing at the end of the range. */
export interface Episode {
  start: number;
  end: number;
  ongoing?: boolean;
}

export interface ReplayRange {
  /** Unix ms, aligned to the step; both ends are evaluation times. */
  start: number;
  end: number;
  stepMs: number;
}

export interface AlertTiming {
  forMs: number;
  keepFiringForMs: number;
}

/** Most points one range query asks for (Prometheus refuses (end - start) / step above 11,000). */
export const MAX_POINTS_PER_QUERY = 11_000;

/** The evaluation times of the last `lookbackMs` before `now`, aligned to the step (as a rule manager would be). */
export function replayRange(now: number, lookbackMs: number, stepMs: number): ReplayRange {
  const end = Math.floor(now / stepMs) * stepMs;
  const start = end - Math.floor(lookbackMs / stepMs) * stepMs;
  return { start, end, stepMs };
}

export function stepCount(r: ReplayRange): number {
  return Math.floor((r.end - r.start) / r.stepMs) + 1;
}

/** A stable key for a label set. */
export function labelsKey(labels: Labels): string {
  return JSON.stringify(Object.keys(labels).sort().map((k) => [k, labels[k]]));
}

/** `{a="1", b="2"}` for messages. */
export function formatLabels(labels: Labels): string {
  const keys = Object.keys(labels).filter((k) => k !== '__name__').sort();
  return `{${keys.map((k) => `${k}=${JSON.stringify(labels[k])}`).join(', ')}}`;
}

export interface SeriesTimes {
  labels: Labels;
  /** Evaluation times (unix ms) at which the series had a value. */
  times: Set<number>;
}

/**
 * `query_range` over the whole range in pieces of at most MAX_POINTS_PER_QUERY steps, merged per series.
 * Pieces run one after the other (the caller bounds concurrency across expressions).
 */
export async function rangeQuerySeries(api: PrometheusApi, expr: string, r: ReplayRange): Promise<Map<string, SeriesTimes>> {
  const out = new Map<string, SeriesTimes>();
  const chunkMs = MAX_POINTS_PER_QUERY * r.stepMs;
  for (let from = r.start; from <= r.end; from += chunkMs) {
    const to = Math.min(r.end, from + chunkMs - r.stepMs);
    const result = await api.queryRange(expr, from / 1000, to / 1000, r.stepMs / 1000);
    for (const s of result) {
      const key = labelsKey(s.metric);
      let e = out.get(key);
      if (!e) out.set(key, (e = { labels: s.metric, times: new Set() }));
      for (const [t] of s.values) e.times.add(Math.round(t * 1000));
    }
  }
  return out;
}

/** What the gap check asks: is anything scraped at all (any target's `up`, or Prometheus's own build info)? */
export const HEALTH_EXPR = 'count(up or prometheus_build_info)';

export interface DataGaps {
  /** Evaluation times when Prometheus had no data (empty when unknown). */
  gaps: Set<number>;
  /** False when the server has no `up`/`prometheus_build_info` at all in the range: gaps cannot be told. */
  known: boolean;
}

/** The evaluation times of the range at which Prometheus itself had no data (it was down, or not yet running). */
export async function dataGaps(api: PrometheusApi, r: ReplayRange): Promise<DataGaps> {
  const health = await rangeQuerySeries(api, HEALTH_EXPR, r);
  const seen = new Set<number>();
  for (const s of health.values()) for (const t of s.times) seen.add(t);
  if (seen.size === 0) return { gaps: new Set(), known: false };
  const gaps = new Set<number>();
  for (let t = r.start; t <= r.end; t += r.stepMs) if (!seen.has(t)) gaps.add(t);
  return { gaps, known: true };
}

/**
 * Simulates the rule manager on one series: `active` are the evaluation times at which the expression returned
 * the series; `gaps` are skipped entirely (the state carries over them, as Prometheus restores `for` state after a
 * restart). Returns the firing episodes.
 */
export function simulateAlert(r: ReplayRange, active: ReadonlySet<number>, gaps: ReadonlySet<number>, timing: AlertTiming): Episode[] {
  const episodes: Episode[] = [];
  let state: 'inactive' | 'pending' | 'firing' = 'inactive';
  let activeAt = 0;
  let firedAt = 0;
  let keepSince: number | undefined;
  let last = r.start;
  for (let t = r.start; t <= r.end; t += r.stepMs) {
    if (gaps.has(t)) continue;
    last = t;
    if (active.has(t)) {
      keepSince = undefined;
      if (state === 'inactive') {
        state = 'pending';
        activeAt = t;
      }
      if (state === 'pending' && t - activeAt >= timing.forMs) {
        state = 'firing';
        firedAt = t;
      }
      continue;
    }
    if (state === 'firing' && timing.keepFiringForMs > 0) {
      keepSince ??= t;
      if (t - keepSince < timing.keepFiringForMs) continue;
    }
    if (state === 'firing') episodes.push({ start: firedAt, end: t });
    state = 'inactive';
    keepSince = undefined;
  }
  if (state === 'firing') episodes.push({ start: firedAt, end: last + r.stepMs, ongoing: true });
  return episodes;
}

export interface SeriesEpisodes {
  labels: Labels;
  episodes: Episode[];
}

export interface ReplayResult {
  range: ReplayRange;
  series: SeriesEpisodes[];
  /** Time with data (the range minus the gaps), in ms. */
  coveredMs: number;
  /** Time without data, in ms. */
  gapMs: number;
  /** Whether gaps could be told (see DataGaps.known). */
  gapsKnown: boolean;
}

/** Replays `expr` over the range: per series, the firing episodes the rule would have produced. */
export async function replayAlert(api: PrometheusApi, expr: string, r: ReplayRange, timing: AlertTiming, gaps: DataGaps): Promise<ReplayResult> {
  const result = await rangeQuerySeries(api, expr, r);
  const series: SeriesEpisodes[] = [];
  for (const s of result.values()) {
    const episodes = simulateAlert(r, s.times, gaps.gaps, timing);
    if (episodes.length) series.push({ labels: s.labels, episodes });
  }
  const gapMs = gaps.gaps.size * r.stepMs;
  return { range: r, series, coveredMs: Math.max(0, r.end - r.start - gapMs), gapMs, gapsKnown: gaps.known };
}

/** Summary numbers of a replay, as alert/noisy reports them. */
export interface NoiseStats {
  episodes: number;
  /** Episodes shorter than `shortMs` (ongoing ones never count as short). */
  short: number;
  perDay: number;
  coveredDays: number;
  worst?: SeriesEpisodes;
}

export function noiseStats(r: ReplayResult, shortMs: number): NoiseStats {
  let episodes = 0;
  let short = 0;
  let worst: SeriesEpisodes | undefined;
  for (const s of r.series) {
    episodes += s.episodes.length;
    short += s.episodes.filter((e) => !e.ongoing && e.end - e.start < shortMs).length;
    if (!worst || s.episodes.length > worst.episodes.length) worst = s;
  }
  const coveredDays = r.coveredMs / 86_400_000;
  // Less than a day of data: the count itself is the daily rate (never extrapolate a short window upwards).
  return { episodes, short, perDay: episodes / Math.max(1, coveredDays), coveredDays, worst };
}
