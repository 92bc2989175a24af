import { dataGaps, noiseStats, replayAlert, replayRange } from './alert-replay.js';
import { metricCardinality } from './cardinality.js';
import { describeLivePrometheus } from './fixtures/prometheus.js';

const MINUTE = 60_000;
describeLivePrometheus('online checks against a real Prometheus', (live) => {
  it('reaches the server and reads its build information', async () => {
    const info = await live.client.buildInfo();
    expect(info.version).toMatch(/^\d+\.\d+/);
  });

  it('finds the generated outages as data gaps (minus the 5m lookback delta)', async () => {
    const r = replayRange(Date.now(), 7 * 24 * 60 * MINUTE, MINUTE);
    const gaps = await dataGaps(live.client, r);
    expect(gaps.known).toBe(true);
    // Each outage hides `up` from 5 minutes after it starts (Prometheus's lookback delta) until it ends.
    const expected = live.prom.data.gaps.reduce((n, [from, to]) => n + Math.max(0, (to - from - 5 * MINUTE) / MINUTE), 0);
    expect(gaps.gaps.size).toBe(expected);
  });

  it('replays the flapping series: one episode per generated burst in the window', async () => {
    const r = replayRange(Date.now(), 7 * 24 * 60 * MINUTE, MINUTE);
    const gaps = await dataGaps(live.client, r);
    const replay = await replayAlert(live.client, 'flappy_errors > 0', r, { forMs: MINUTE, keepFiringForMs: 0 }, gaps);
    const generated = live.prom.data.bursts.filter((b) => b >= r.start && b <= r.end).length;
    expect(generated).toBe(81);
    expect(replay.series).toHaveLength(1);
    expect(replay.series[0].labels).toMatchObject({ service: 'checkout' });
    const stats = noiseStats(replay, 10 * MINUTE);
    expect(stats.episodes).toBe(generated);
    expect(stats.short).toBe(generated);
    // Each burst: 3 samples; pending at the first, firing for 1m at the second and third.
    for (const e of replay.series[0].episodes) expect(e.end - e.start).toBe(2 * MINUTE);
    // `for` longer than a burst: never fires; keep_firing_for longer than the gap between bursts: a few long episodes.
    expect((await replayAlert(live.client, 'flappy_errors > 0', r, { forMs: 5 * MINUTE, keepFiringForMs: 0 }, gaps)).series).toHaveLength(0);
    const kept = await replayAlert(live.client, 'flappy_errors > 0', r, { forMs: MINUTE, keepFiringForMs: 3 * 60 * MINUTE }, gaps);
    expect(noiseStats(kept, 10 * MINUTE).short).toBe(0);
    expect(noiseStats(kept, 10 * MINUTE).episodes).toBeLessThanOrEqual(3);
  });

  it('does not count what fired only while Prometheus had no data', async () => {
    const r = replayRange(Date.now(), 7 * 24 * 60 * MINUTE, MINUTE);
    const gaps = await dataGaps(live.client, r);
    const replay = await replayAlert(live.client, 'absent(steady_queue_depth)', r, { forMs: 0, keepFiringForMs: 0 }, gaps);
    expect(replay.series).toHaveLength(0);
    // Without the gap check the same expression fires once per outage.
    const blind = await replayAlert(live.client, 'absent(steady_queue_depth)', r, { forMs: 0, keepFiringForMs: 0 }, { gaps: new Set(), known: false });
    expect(noiseStats(blind, 10 * MINUTE).episodes).toBe(live.prom.data.gaps.length);
  });

  it('counts the real cardinality of a metric: series and distinct values per label', async () => {
    const c = await metricCardinality(live.client, 'api_requests_total', Date.now());
    expect(c.series).toBe(live.prom.data.users);
    expect(c.labels).toEqual([
      { name: 'user_id', values: live.prom.data.users },
      { name: 'route', values: live.prom.data.routes.length },
    ]);
    expect(await metricCardinality(live.client, 'no_such_metric_total', Date.now())).toEqual({ metric: 'no_such_metric_total', series: 0, labels: [] });
  });
});
