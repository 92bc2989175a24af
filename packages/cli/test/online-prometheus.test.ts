import { describeLivePrometheus } from '../../core/src/online/fixtures/prometheus.js';
import { lineOf, ONLINE_DASHBOARD, ONLINE_REPO, ONLINE_RULES } from '../../core/src/online/fixtures/repo.js';
import { parseJsonOutput, runCli, tempRepo } from './helpers.js';

const ONLINE_RULE_IDS = new Set(['alert/noisy', 'query/missing-series', 'metric/series-budget', 'metric/high-cardinality-label']);

function onlineFindings(stdout: string): Array<[string, string, number, string]> {
  return parseJsonOutput(stdout)
    .flatMap((r) => r.messages.map((m) => [m.ruleId, r.filePath.replace(/^.*\/(dashboards|rules)\//, '$1/'), m.line, (m as { messageId?: string }).messageId ?? ''] as [string, string, number, string]))
    .filter(([id]) => ONLINE_RULE_IDS.has(id));
}

describe('without --prometheus-url', () => {
  it('online rules the configuration turns on are skipped with one line; by default nothing is said', async () => {
    const repo = tempRepo(ONLINE_REPO);
    const all = await runCli(['--preset', 'all', '-f', 'json'], repo);
    expect(all.stderr.split('\n').filter((l) => /online/.test(l))).toEqual(['obslint: 2 online rules skipped (no --prometheus-url)']);
    expect(onlineFindings(all.stdout)).toEqual([]);
    const def = await runCli(['-f', 'json'], repo);
    expect(def.stderr).not.toMatch(/online/);
  });

  it('the other online flags need the URL, and durations are checked', async () => {
    const a = await runCli(['--prometheus-timeout', '5s', '.'], tempRepo({}));
    expect([a.code, a.stderr.split('\n')[0]]).toEqual([2, 'obslint: --prometheus-timeout needs --prometheus-url']);
    const b = await runCli(['--prometheus-url', 'http://127.0.0.1:9/', '--online-budget', 'soon', '.'], tempRepo({}));
    expect([b.code, b.stderr.split('\n')[0]]).toEqual([2, 'obslint: --online-budget: expected a duration like 30s or 2m, got "soon"']);
    const c = await runCli(['--prometheus-url', 'http://127.0.0.1:9/', '--prometheus-concurrency', '0', '.'], tempRepo({}));
    expect(c.code).toBe(2);
    expect(c.stderr).toContain('--prometheus-concurrency: expected a whole number from 1 to 64');
  });
});

describeLivePrometheus('obslint --prometheus-url against a real Prometheus', (live) => {
  it('reports noisy alerts, missing series and real cardinality where the repository uses them', async () => {
    const repo = tempRepo(ONLINE_REPO);
    const t0 = Date.now();
    const run = await runCli(['--prometheus-url', live.prom.url, '-f', 'json'], repo);
    const took = Date.now() - t0;
    expect(run.stderr).toBe('');
    // metric/high-cardinality-label is an error: exit 1.
    expect(run.code).toBe(1);
    const d = (needle: string) => lineOf(ONLINE_DASHBOARD, needle).line;
    const r = (needle: string) => lineOf(ONLINE_RULES, needle).line;
    expect(onlineFindings(run.stdout).sort()).toEqual(
      [
        ['alert/noisy', 'rules/alerts.yaml', r('FlappyErrors'), 'noisy'],
        ['query/missing-series', 'dashboards/online.json', d('no_such_metric_total'), 'metricMissing'],
        ['query/missing-series', 'dashboards/online.json', d('queue=\\"emails'), 'valueMissing'],
        ['query/missing-series', 'dashboards/online.json', d('tenant='), 'labelMissing'],
        ['query/missing-series', 'dashboards/online.json', d('mail.*'), 'valueMissing'],
        ['query/missing-series', 'rules/alerts.yaml', r('batch_last_success'), 'metricMissing'],
        // api_requests_total: 1,500 series, user_id with 1,500 values; used by two panels and a recording rule.
        ...(['metric/series-budget', 'metric/high-cardinality-label'] as const).flatMap((id) => [
          [id, 'dashboards/online.json', d('rate(api_requests_total[5m])'), id === 'metric/series-budget' ? 'onlineTooManyValues' : 'online'],
          [id, 'dashboards/online.json', d('route=\\"$route'), id === 'metric/series-budget' ? 'onlineTooManyValues' : 'online'],
          [id, 'rules/alerts.yaml', r('sum by (route) (rate(api_requests_total'), id === 'metric/series-budget' ? 'onlineTooManyValues' : 'online'],
        ]),
      ].sort(),
    );
    const messages = parseJsonOutput(run.stdout).flatMap((x) => x.messages.map((m) => m.message));
    expect(messages).toContain(
      'Metric "api_requests_total" used here has 1,500 series on the server; label "user_id" has 1,500 distinct values (max 100). Drop or bucket that label at the source.',
    );
    expect(messages).toContain(
      'Metric "api_requests_total" used here carries unbounded label "user_id" with 1,500 distinct values on the server: every value is a new time series. Drop the label at the source, or keep the value in logs/traces/exemplars.',
    );
    expect(messages.find((m) => m.startsWith('Alert "FlappyErrors" would'))).toMatch(/^Alert "FlappyErrors" would have fired 81 times in 6d17h\dm \(12\.\d per day; max 5\), 81 of them shorter than 10m/);
    expect(took).toBeLessThan(30_000);
  });

  it('online rules the configuration turns off stay off', async () => {
    const repo = tempRepo({ ...ONLINE_REPO, 'obslint.config.yaml': 'rules:\n  alert/noisy: off\n  query/missing-series: off\n' });
    const run = await runCli(['--prometheus-url', live.prom.url, '-f', 'json'], repo);
    expect(onlineFindings(run.stdout).map(([id]) => id).filter((id) => id === 'alert/noisy' || id === 'query/missing-series')).toEqual([]);
    expect(onlineFindings(run.stdout).length).toBe(6);
  });

  it('--timing shows the online phase', async () => {
    const run = await runCli(['--prometheus-url', live.prom.url, '--timing', '--rule', 'metric/high-cardinality-label:off'], tempRepo(ONLINE_REPO));
    expect(run.stderr).toMatch(/phase online\s+\d/);
  });
});
