import { formatDuration, HEALTH_EXPR, lintOnline, type PrometheusApi, type RangeSeries } from '@obslint/core';
import { noisy } from './index.js';
import { describeLivePrometheus } from '../../../packages/core/src/online/fixtures/prometheus.js';
import { ONLINE_RULES, lineOf } from '../../../packages/core/src/online/fixtures/repo.js';

const M = 60_000;
const H = 60 * M;
const NOW = Date.UTC(2026, 0, 10, 12, 0, 0);

/** A fake server: each expression is present (value 1, labels `instance="a"`) at the times `active` says. */
function fakeApi(active: Record<string, (t: number) => boolean>, healthy: (t: number) => boolean = () => true) {
  const calls: Array<{ expr: string; step: number; start: number; end: number }> = [];
  const api = {
    displayUrl: 'http://fake/',
    async queryRange(expr: string, start: number, end: number, step: number): Promise<RangeSeries[]> {
      calls.push({ expr, step, start, end });
      const f = expr === HEALTH_EXPR ? healthy : active[expr];
      const values: Array<[number, string]> = [];
      if (f) for (let t = start; t <= end; t += step) if (f(t * 1000)) values.push([t, '1']);
      return values.length ? [{ metric: { instance: 'a' }, values }] : [];
    },
  } as unknown as PrometheusApi;
  return { api, calls };
}

const START = NOW - 7 * 24 * H;
/** Present for `len` minutes every `every` hours, starting one hour into the week. */
const bursts = (every: number, len: number) => (t: number) => t >= START && (t - START - H) % (every * H) >= 0 && (t - START - H) % (every * H) < len * M;

const rules = (items: string, interval = '') => `groups:\n- name: g\n${interval}  rules:\n${items}`;
const run = (files: Record<string, string>, api: PrometheusApi, options?: Record<string, unknown>) =>
  lintOnline({ files, rules: [noisy], api, now: NOW, ruleConfig: options ? { 'alert/noisy': ['warn', options] } : undefined });

describe('alert/noisy (against a fake server)', () => {
  it('reports an alert that fires more than maxPerDay times a day, with the numbers', async () => {
    const file = rules('  - alert: Busy\n    expr: x > 1\n');
    const { api, calls } = fakeApi({ 'x > 1': bursts(3, 2) });
    const { findings, summary } = await run({ 'r.yaml': file }, api);
    expect(summary.failures).toEqual([]);
    expect(findings.map((f) => [f.messageId, f.message, f.line, f.column])).toEqual([
      [
        'noisy',
        'Alert "Busy" would have fired 56 times in 7d (8.0 per day; max 5), 56 of them shorter than 10m, across 1 series (worst {instance="a"}: 56). Raise the threshold, lengthen `for`, or alert on a symptom over a longer window.',
        ...Object.values(lineOf(file, 'Busy')),
      ],
    ]);
    expect(findings[0].severity).toBe('warning');
    // The health check and the alert: one query each (7 days at 1m fit in one query), 60s steps.
    expect(calls.map((c) => [c.expr, c.step])).toEqual([
      [HEALTH_EXPR, 60],
      ['x > 1', 60],
    ]);
    expect(calls[1].end - calls[1].start).toBe(7 * 24 * 3600);
  });

  it('reports flapping: few episodes a day, but more than maxFlaps short ones', async () => {
    const { api } = fakeApi({ 'x > 1': bursts(12, 3) });
    const { findings } = await run({ 'r.yaml': rules('  - alert: Flappy\n    expr: x > 1\n') }, api);
    expect(findings.map((f) => [f.messageId, f.message])).toEqual([
      [
        'flapping',
        'Alert "Flappy" flaps: 14 of its 14 firing episodes in 7d lasted less than 10m (max 10), across 1 series (worst {instance="a"}). Lengthen `for`, add `keep_firing_for`, or smooth the expression (e.g. avg_over_time).',
      ],
    ]);
  });

  it('stays silent on alerts within the limits, and honours `for` and keep_firing_for', async () => {
    const { api } = fakeApi({ 'long > 1': bursts(6, 30), 'short > 1': bursts(3, 2) });
    const { findings } = await run(
      {
        'r.yaml': rules(
          [
            '  - alert: FewLong\n    expr: long > 1\n', // 4 a day, 30 minutes each
            '  - alert: ShortButFor\n    expr: short > 1\n    for: 5m\n', // never pending for 5m
            '  - alert: ShortButKept\n    expr: short > 1\n    keep_firing_for: 4h\n', // one long episode
          ].join(''),
        ),
      },
      api,
    );
    expect(findings).toEqual([]);
  });

  it('leaves out the time when Prometheus had no data, and says how much', async () => {
    // Fires only while Prometheus itself had no data (e.g. `absent(...)` during outages).
    const down = (t: number) => bursts(3, 2)(t);
    const { api } = fakeApi({ 'absent(x)': down }, (t) => !down(t));
    expect((await run({ 'r.yaml': rules('  - alert: Deadman\n    expr: absent(x)\n') }, api)).findings).toEqual([]);
    // Outages elsewhere: the rate is per day of data, and the message says what was left out.
    const { api: api2 } = fakeApi({ 'x > 1': bursts(3, 2) }, (t) => t < START + 24 * H || t >= START + 48 * H);
    const { findings } = await run({ 'r.yaml': rules('  - alert: Busy\n    expr: x > 1\n') }, api2);
    expect(findings[0].message).toMatch(/^Alert "Busy" would have fired 48 times in 6d \(8\.0 per day; max 5\), .*; 1d without data on the server left out\. /);
  });

  it('replays at the group interval, or at the `step` option, over `lookback`', async () => {
    const { api, calls } = fakeApi({});
    await run({ 'r.yaml': rules('  - alert: A\n    expr: x > 1\n', '  interval: 30s\n') }, api);
    // 7 days at 30s is more than one query may return: two pieces each for the health check and the alert.
    expect(calls.map((c) => c.step)).toEqual([30, 30, 30, 30]);
    const fake2 = fakeApi({});
    await run({ 'r.yaml': rules('  - alert: A\n    expr: x > 1\n', '  interval: 30s\n') }, fake2.api, { step: '5m', lookback: '1d' });
    expect(fake2.calls.map((c) => [c.step, c.end - c.start])).toEqual([
      [300, 86400],
      [300, 86400],
    ]);
  });

  it('takes maxPerDay, maxFlaps and shortEpisode from options', async () => {
    const { api } = fakeApi({ 'x > 1': bursts(12, 3) });
    const file = { 'r.yaml': rules('  - alert: A\n    expr: x > 1\n') };
    expect((await run(file, api, { maxFlaps: 20 })).findings).toEqual([]);
    expect((await run(file, api, { shortEpisode: '2m' })).findings).toEqual([]);
    expect((await run(file, api, { maxPerDay: 1.5 })).findings.map((f) => f.messageId)).toEqual(['noisy']);
  });

  it('does not query LogQL rule files, recording rules or expressions that do not parse', async () => {
    const { api, calls } = fakeApi({});
    await run(
      {
        'loki.yaml': rules('  - alert: L\n    expr: sum(rate({app="x"} |= "error" [5m])) > 0\n'),
        'r.yaml': rules('  - alert: Broken\n    expr: rate(x[5m]\n  - record: a:b:c\n    expr: sum(x)\n'),
      },
      api,
    );
    expect(calls).toEqual([]);
  });
});

describeLivePrometheus('alert/noisy against a real Prometheus', (live) => {
  it('reports the flapping alert with one episode per generated burst, and nothing else', async () => {
    const now = Date.now();
    const { findings, summary } = await lintOnline({ files: { 'rules/alerts.yaml': ONLINE_RULES }, rules: [noisy], api: live.client, now });
    expect(summary.failures).toEqual([]);
    const windowStart = Math.floor(now / M) * M - 7 * 24 * H;
    const episodes = live.prom.data.bursts.filter((b) => b >= windowStart).length;
    expect(episodes).toBe(81);
    // Outages hide `up` from 5 minutes after they start (the lookback delta) until they end.
    const gapMs = live.prom.data.gaps.reduce((n, [from, to]) => n + (to - from - 5 * M), 0);
    const covered = 7 * 24 * H - gapMs;
    const perDay = (Math.round((episodes / (covered / (24 * H))) * 10) / 10).toFixed(1);
    expect(findings.map((f) => [f.ruleId, f.messageId, f.message, f.line])).toEqual([
      [
        'alert/noisy',
        'noisy',
        `Alert "FlappyErrors" would have fired ${episodes} times in ${formatDuration(covered)} (${perDay} per day; max 5), ${episodes} of them shorter than 10m, across 1 series (worst {service="checkout"}: ${episodes}); ${formatDuration(gapMs)} without data on the server left out. Raise the threshold, lengthen \`for\`, or alert on a symptom over a longer window.`,
        lineOf(ONLINE_RULES, 'FlappyErrors').line,
      ],
    ]);
  });
});
