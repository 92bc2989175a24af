import { formatLabels, MAX_POINTS_PER_QUERY, noiseStats, rangeQuerySeries, replayRange, simulateAlert, stepCount, type ReplayRange } from './alert-replay.js';
import type { PrometheusApi, RangeSeries } from './prometheus-client.js';

const M = 60_000;
const r: ReplayRange = { start: 0, end: 30 * M, stepMs: M };
const at = (...minutes: number[]) => new Set(minutes.map((m) => m * M));
const span = (from: number, to: number) => at(...Array.from({ length: to - from }, (_, i) => from + i));
const episodes = (active: Set<number>, forMin: number, keepMin = 0, gaps = new Set<number>()) =>
  simulateAlert(r, active, gaps, { forMs: forMin * M, keepFiringForMs: keepMin * M }).map((e) => [e.start / M, e.end / M, ...(e.ongoing ? ['ongoing'] : [])]);

describe('simulateAlert (the rule manager, step by step)', () => {
  it('without `for`: fires at the first evaluation, resolves at the first without the series', () => {
    expect(episodes(span(3, 6), 0)).toEqual([[3, 6]]);
  });

  it('`for`: pending first, fires once pending for `for`; shorter runs never fire', () => {
    expect(episodes(span(3, 6), 2)).toEqual([[5, 6]]);
    expect(episodes(span(3, 5), 2)).toEqual([]);
    expect(episodes(new Set([...span(3, 5), ...span(6, 9)]), 2)).toEqual([[8, 9]]);
  });

  it('`keep_firing_for`: keeps firing across short drops, resolves after it', () => {
    expect(episodes(new Set([...span(2, 4), ...span(6, 8)]), 0, 3)).toEqual([[2, 11]]);
    expect(episodes(new Set([...span(2, 4), ...span(8, 9)]), 0, 3)).toEqual([
      [2, 7],
      [8, 12],
    ]);
  });

  it('an episode still firing at the end is ongoing (and never short)', () => {
    const e = simulateAlert(r, span(28, 31), new Set(), { forMs: 0, keepFiringForMs: 0 });
    expect(e).toEqual([{ start: 28 * M, end: 31 * M, ongoing: true }]);
    expect(noiseStats({ range: r, series: [{ labels: {}, episodes: e }], coveredMs: 31 * M, gapMs: 0, gapsKnown: true }, 10 * M).short).toBe(0);
  });

  it('steps without data are skipped: nothing fires or resolves there, the state carries over', () => {
    // Firing 2..4, data gap 4..7, still there at 7: one episode.
    expect(episodes(new Set([...span(2, 4), ...span(7, 9)]), 0, 0, span(4, 7))).toEqual([[2, 9]]);
    // Active only inside the gap: nothing.
    expect(episodes(span(10, 15), 0, 0, span(10, 15))).toEqual([]);
    // Pending carries over a gap too: `for` counts from when the series became active.
    expect(episodes(new Set([2, 6].map((m) => m * M)), 3, 0, span(3, 6))).toEqual([[6, 7]]);
  });
});

describe('replay ranges and range queries', () => {
  it('aligns the range to the step', () => {
    const rr = replayRange(10 * M + 1234, 5 * M, M);
    expect(rr).toEqual({ start: 5 * M, end: 10 * M, stepMs: M });
    expect(stepCount(rr)).toBe(6);
  });

  it('splits long ranges into queries of at most MAX_POINTS_PER_QUERY points and merges series', async () => {
    const calls: Array<[number, number, number]> = [];
    const api = {
      displayUrl: 'x',
      async queryRange(_e: string, start: number, end: number, step: number): Promise<RangeSeries[]> {
        calls.push([start, end, step]);
        return [{ metric: { b: '2', a: '1' }, values: [[start, '1'], [end, '1']] }];
      },
    } as unknown as PrometheusApi;
    const rr = replayRange(1_000_000 * 1000, 25_000 * 60_000, 60_000);
    const series = await rangeQuerySeries(api, 'x', rr);
    expect(calls).toHaveLength(3);
    for (const [s, e, step] of calls) expect((e - s) / step + 1).toBeLessThanOrEqual(MAX_POINTS_PER_QUERY);
    expect(calls[0][0]).toBe(rr.start / 1000);
    expect(calls[2][1]).toBe(rr.end / 1000);
    // Consecutive pieces neither overlap nor leave a step out.
    expect(calls[1][0]).toBe(calls[0][1] + 60);
    expect(series.size).toBe(1);
    expect([...series.values()][0].times.size).toBe(6);
  });

  it('formats label sets without the metric name', () => {
    expect(formatLabels({ __name__: 'x', b: '2', a: 'q"' })).toBe('{a="q\\"", b="2"}');
  });
});

describe('noiseStats', () => {
  it('counts episodes, short ones, and the daily rate over the time with data', () => {
    const day = 86_400_000;
    const ep = (start: number, len: number) => ({ start, end: start + len });
    const stats = noiseStats(
      {
        range: r,
        series: [
          { labels: { i: 'a' }, episodes: [ep(0, M), ep(10 * M, 20 * M)] },
          { labels: { i: 'b' }, episodes: [ep(0, M), ep(5 * M, M), ep(9 * M, M)] },
        ],
        coveredMs: 2 * day,
        gapMs: 0,
        gapsKnown: true,
      },
      10 * M,
    );
    expect(stats).toMatchObject({ episodes: 5, short: 4, perDay: 2.5, coveredDays: 2 });
    expect(stats.worst?.labels).toEqual({ i: 'b' });
  });

  it('never extrapolates less than a day of data upwards', () => {
    const stats = noiseStats({ range: r, series: [{ labels: {}, episodes: [{ start: 0, end: M }] }], coveredMs: 3_600_000, gapMs: 0, gapsKnown: true }, M);
    expect(stats.perDay).toBe(1);
  });
});
