import { findSelectors, lintOnline, parsePromql, type InstantSample, type Labels, type PrometheusApi } from '@obslint/core';
import { missingSeries } from './index.js';
import { describeLivePrometheus } from '../../../packages/core/src/online/fixtures/prometheus.js';
import { lineOf, ONLINE_DASHBOARD, ONLINE_REPO, ONLINE_RULES } from '../../../packages/core/src/online/fixtures/repo.js';

/** A fake server over label sets: `old` existed earlier in the lookback only, `recent` exist now. */
function fakeApi(recent: Labels[], old: Labels[] = []) {
  const asked: string[] = [];
  const matching = (expr: string, set: Labels[]) => {
    const sel = findSelectors(parsePromql(expr))[0];
    return set.filter(
      (l) =>
        l.__name__ === sel.metric &&
        sel.matchers.every((m) => {
          const v = l[m.name] ?? '';
          const re = new RegExp(`^(?:${m.value})$`);
          return m.op === '=' ? v === m.value : m.op === '!=' ? v !== m.value : m.op === '=~' ? re.test(v) : !re.test(v);
        }),
    );
  };
  const all = [...recent, ...old];
  const api = {
    displayUrl: 'http://fake/',
    async query(expr: string): Promise<InstantSample[]> {
      asked.push(expr);
      const n = matching(expr, recent).length;
      return n ? [{ metric: {}, value: [0, String(n)] }] : [];
    },
    async labelNames(matchers: string[]): Promise<string[]> {
      asked.push(`labels ${matchers.join(' ')}`);
      return [...new Set(matching(matchers[0], all).flatMap((l) => Object.keys(l)))].sort();
    },
    async labelValues(name: string, matchers: string[]): Promise<string[]> {
      asked.push(`values ${name} ${matchers.join(' ')}`);
      return [...new Set(matching(matchers[0], all).map((l) => l[name]).filter((v) => v !== undefined))];
    },
  } as unknown as PrometheusApi;
  return { api, asked };
}

const rules = (...exprs: string[]) => `groups:\n- name: g\n  rules:\n${exprs.map((e, i) => `  - alert: A${i}\n    expr: ${JSON.stringify(e)}\n`).join('')}`;
const run = (files: Record<string, string>, api: PrometheusApi) => lintOnline({ files, rules: [missingSeries], api });

describe('query/missing-series (against a fake server)', () => {
  const series = [
    { __name__: 'req_total', job: 'a', env: 'prod' },
    { __name__: 'req_total', job: 'b', env: 'dev' },
  ];

  it('says when every matcher matches but not all together', async () => {
    const { api } = fakeApi(series);
    const { findings } = await run({ 'r.yaml': rules('req_total{job="a", env="dev"} > 0') }, api);
    expect(findings.map((f) => [f.messageId, f.message])).toEqual([
      ['combinationMissing', '"req_total{job="a", env="dev"}" returns nothing: each of its matchers matches series of "req_total", but no series matches them all in the last 7d.'],
    ]);
  });

  it('says when a selector matched earlier but not now; inside absent() that is expected', async () => {
    const { api } = fakeApi(series, [{ __name__: 'req_total', job: 'c', env: 'prod' }]);
    const { findings } = await run({ 'r.yaml': rules('rate(req_total{job="c"}[5m]) > 0', 'absent(req_total{job="c"})') }, api);
    expect(findings.map((f) => [f.messageId, f.message, f.line])).toEqual([
      ['disappeared', '"req_total{job="c"}" returns nothing now: it matched series earlier in the last 7d, but none in the last 1h.', 5],
    ]);
  });

  it('lists the labels and values the server has; regex matchers that match the empty value do not need the label', async () => {
    const { api } = fakeApi(series);
    const { findings } = await run({ 'r.yaml': rules('req_total{region=~"eu.*"}', 'req_total{region=~".*"}', 'req_total{job=~"x|y"}') }, api);
    expect(findings.map((f) => [f.messageId, f.message])).toEqual([
      ['labelMissing', '"req_total{region=~"eu.*"}" returns nothing: "req_total" exists, but none of its series has label "region" in the last 7d (its labels: env, job).'],
      ['valueMissing', '"req_total{job=~"x|y"}" returns nothing: "req_total" has label "job", but no series matches {job=~"x|y"} in the last 7d (values: "a", "b").'],
    ]);
  });

  it('checks each distinct selector once and reports it wherever it is used', async () => {
    const { api, asked } = fakeApi(series);
    const { findings } = await run({ 'r.yaml': rules('nope_total > 0', 'rate(nope_total[5m]) > 1') }, api);
    expect(findings.map((f) => [f.messageId, f.line])).toEqual([
      ['metricMissing', 5],
      ['metricMissing', 7],
    ]);
    expect(asked).toEqual(['count(last_over_time(nope_total[3600s]))', 'labels nope_total']);
  });

  it('leaves out ALERTS, metrics recorded in the repository and external namespaces', async () => {
    const { api, asked } = fakeApi([]);
    const file = `groups:\n- name: g\n  rules:\n  - record: job:x:sum\n    expr: sum(x_total)\n  - alert: A\n    expr: job:x:sum > 0 and ALERTS{alertname="B"} and other_team_metric > 1\n`;
    const { findings } = await lintOnline({ files: { 'r.yaml': file }, rules: [missingSeries], api, settings: { externalMetrics: ['other_team_'] } });
    expect(findings.map((f) => f.message)).toEqual([expect.stringContaining('"x_total"')]);
    expect(asked.filter((q) => q.startsWith('count'))).toEqual(['count(last_over_time(x_total[3600s]))']);
  });
});

describeLivePrometheus('query/missing-series against a real Prometheus', (live) => {
  it('reports exactly the selectors the generated data cannot answer, with the reason', async () => {
    const { findings, summary } = await lintOnline({ files: ONLINE_REPO, rules: [missingSeries], api: live.client });
    expect(summary.failures).toEqual([]);
    const at = (text: string, needle: string) => lineOf(text, needle).line;
    expect(findings.map((f) => [f.relPath, f.line, f.messageId, f.message])).toEqual([
      ['dashboards/online.json', at(ONLINE_DASHBOARD, 'no_such_metric_total'), 'metricMissing', '"no_such_metric_total" returns nothing: Prometheus has no series named "no_such_metric_total" in the last 7d. Check the name (a typo, a rename, an exporter that is not scraped).'],
      ['dashboards/online.json', at(ONLINE_DASHBOARD, 'queue=\\"emails'), 'valueMissing', '"steady_queue_depth{queue="emails"}" returns nothing: "steady_queue_depth" has label "queue", but no series matches {queue="emails"} in the last 7d (values: "jobs").'],
      ['dashboards/online.json', at(ONLINE_DASHBOARD, 'tenant='), 'labelMissing', '"steady_queue_depth{tenant="a"}" returns nothing: "steady_queue_depth" exists, but none of its series has label "tenant" in the last 7d (its labels: queue).'],
      ['dashboards/online.json', at(ONLINE_DASHBOARD, 'mail.*'), 'valueMissing', '"steady_queue_depth{queue=~"mail.*"}" returns nothing: "steady_queue_depth" has label "queue", but no series matches {queue=~"mail.*"} in the last 7d (values: "jobs").'],
      ['rules/alerts.yaml', at(ONLINE_RULES, 'batch_last_success'), 'metricMissing', '"batch_last_success_timestamp_seconds" returns nothing: Prometheus has no series named "batch_last_success_timestamp_seconds" in the last 7d. Check the name (a typo, a rename, an exporter that is not scraped).'],
    ]);
  });
});
