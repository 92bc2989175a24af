import { resolveConfig } from '../config/resolve-config.js';
import { defineRule, type DocumentRule } from '../rule/types.js';
import { lintOnline } from './lint-online.js';
import { describeOnlineSummary, enableOnlineRules, requestedOnlineRules } from './phase.js';
import { PrometheusError, type PrometheusApi } from './prometheus-client.js';
import type { OnlineContext } from './types.js';

const api = { displayUrl: 'http://fake/' } as PrometheusApi;
const RULES = 'groups:\n- name: g\n  rules:\n  - alert: A\n    expr: up == 0\n  - alert: B\n    expr: up == 1\n';

function onlineRule(id: string, online: (ctx: OnlineContext) => Promise<void>, preset: 'online' | 'recommended' = 'online'): DocumentRule<Record<string, unknown>> {
  return defineRule({
    meta: { id, domain: 'alert', description: 'test', severity: 'warning', preset, messages: { m: 'alert {{name}}' }, defaultOptions: {} },
    create: () => ({ online }),
  });
}

const alerts = (ctx: OnlineContext) => ctx.repo.ruleFiles.flatMap((f) => f.groups.flatMap((g) => g.rules));
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('the online phase', () => {
  it('runs the online visitors of enabled rules; reports go through the normal finding path', async () => {
    let offRan = false;
    const on = onlineRule('alert/on', async (ctx) => {
      expect(ctx.prometheus).toBe(api);
      expect(ctx.now).toBe(1234);
      await ctx.each(alerts(ctx), async (r) => ctx.report({ messageId: 'm', data: { name: r.name }, at: r.ref, entity: r.entity }));
    });
    const off = onlineRule('alert/off', async () => {
      offRan = true;
    });
    const { findings, summary } = await lintOnline({ files: { 'r.yaml': RULES }, rules: [on, off], api, now: 1234, ruleConfig: { 'alert/off': 'off' } });
    expect(offRan).toBe(false);
    expect(summary.rules).toEqual(['alert/on']);
    expect(findings.map((f) => [f.ruleId, f.message, f.line, f.severity])).toEqual([
      ['alert/on', 'alert A', 4, 'warning'],
      ['alert/on', 'alert B', 6, 'warning'],
    ]);
  });

  it('bounds the checks in flight', async () => {
    let inFlight = 0;
    let max = 0;
    const items = Array.from({ length: 20 }, (_, i) => i);
    const rule = onlineRule('alert/c', (ctx) =>
      ctx.each(items, async () => {
        max = Math.max(max, ++inFlight);
        await sleep(5);
        inFlight--;
      }),
    );
    await lintOnline({ files: { 'r.yaml': RULES }, rules: [rule], api, concurrency: 3 });
    expect(max).toBe(3);
  });

  it('records failed checks (and goes on), and checks the server rejected', async () => {
    let done = 0;
    const rule = onlineRule('alert/f', (ctx) =>
      ctx.each([1, 2, 3, 4, 5], async (i) => {
        if (i <= 2) throw new PrometheusError('http://fake/api/v1/query answered HTTP 500', 'http', 500);
        if (i === 3) throw new PrometheusError('http://fake/api/v1/query answered HTTP 400: bad_data: x', 'api', 400, 'bad_data');
        if (i === 4) throw new TypeError('oops');
        done++;
      }),
    );
    const { summary } = await lintOnline({ files: { 'r.yaml': RULES }, rules: [rule], api });
    expect(done).toBe(1);
    expect(summary.failures).toEqual(['alert/f: http://fake/api/v1/query answered HTTP 500 (2 times)', 'alert/f: internal error: oops']);
    expect(summary.skipped).toEqual(['alert/f: http://fake/api/v1/query answered HTTP 400: bad_data: x']);
    const d = describeOnlineSummary(summary);
    expect(d.incomplete).toBe(true);
    expect(d.lines).toEqual([
      'obslint: online check skipped: alert/f: http://fake/api/v1/query answered HTTP 400: bad_data: x',
      'obslint: online check failed: alert/f: http://fake/api/v1/query answered HTTP 500 (2 times)',
      'obslint: online check failed: alert/f: internal error: oops',
    ]);
  });

  it('stops at the time budget: a check that never ends does not hang the run; later reports are dropped', async () => {
    let lateReport: (() => void) | undefined;
    const rule = onlineRule('alert/slow', (ctx) =>
      ctx.each(alerts(ctx), async (r) => {
        if (r.name === 'A') {
          lateReport = () => ctx.report({ messageId: 'm', data: { name: 'late' }, at: r.ref, entity: r.entity });
          await new Promise(() => undefined);
        }
        ctx.report({ messageId: 'm', data: { name: r.name }, at: r.ref, entity: r.entity });
      }),
    );
    const t0 = Date.now();
    const { findings, summary } = await lintOnline({ files: { 'r.yaml': RULES }, rules: [rule], api, budgetMs: 200, concurrency: 2 });
    expect(Date.now() - t0).toBeLessThan(1000);
    expect(findings.map((f) => f.message)).toEqual(['alert B']);
    expect(summary).toMatchObject({ budgetExhausted: true, notRun: 1, budgetMs: 200 });
    lateReport!();
    expect(findings).toHaveLength(1);
    expect(describeOnlineSummary(summary).lines).toEqual(['obslint: the online time budget of 200ms (--online-budget) ran out; 1 check did not run.']);
  });

  it('once the budget is spent no further item starts', async () => {
    let started = 0;
    let finished = 0;
    const rule = onlineRule('alert/many', (ctx) =>
      ctx.each(Array.from({ length: 100 }, (_, i) => i), async () => {
        started++;
        await sleep(30);
        finished++;
      }),
    );
    const { summary } = await lintOnline({ files: { 'r.yaml': RULES }, rules: [rule], api, budgetMs: 100, concurrency: 1 });
    const finishedInTime = finished;
    expect(started).toBeLessThan(10);
    expect(summary.budgetExhausted).toBe(true);
    // Every check that did not finish within the budget is counted, whether it never started or was cut off.
    expect(summary.notRun).toBe(100 - finishedInTime);
  });
});

describe('which online rules run', () => {
  const a = onlineRule('alert/a', async () => undefined);
  const b = onlineRule('alert/b', async () => undefined);
  const rec = onlineRule('alert/r', async () => undefined, 'recommended');

  it('the online preset is off by default, on with extends: all, and counted as requested', () => {
    const def = resolveConfig({}, [a, b, rec], { baseDir: '/' });
    expect(requestedOnlineRules(def, [a, b, rec])).toEqual([]);
    const all = resolveConfig({ extends: 'all' }, [a, b, rec], { baseDir: '/' });
    expect(requestedOnlineRules(all, [a, b, rec]).map((r) => r.meta.id)).toEqual(['alert/a', 'alert/b']);
  });

  it('--prometheus-url turns online rules on, except those the config turned off', () => {
    const c = resolveConfig({ rules: { 'alert/b': 'off' } }, [a, b, rec], { baseDir: '/' });
    enableOnlineRules(c, [a, b, rec]);
    expect(c.rules.get('alert/a')!.severity).toBe('warning');
    expect(c.rules.get('alert/b')!.severity).toBe('off');
  });
});
