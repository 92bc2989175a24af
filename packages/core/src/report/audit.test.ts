import { describe, expect, it } from 'vitest';
import { SourceFile } from '../source/source-file.js';
import { parseExposition } from '../exposition/parse-exposition.js';
import { buildAuditReport, familyCardinality } from './audit.js';
import { formatAuditText } from './text.js';
import { BROKEN_DASHBOARD, DASHBOARD, RULES, RULES_YAML, ROOT, SNAPSHOT, lintSample } from './fixtures/sample.js';

function sampleReport(files?: Record<string, string>) {
  const s = lintSample(files);
  return buildAuditReport({ findings: s.findings, models: s.models, files: s.files, rules: RULES, rootDir: ROOT });
}

describe('buildAuditReport', () => {
  const report = sampleReport();

  it('counts findings per domain and rule', () => {
    expect(report.totals).toEqual({ error: 2, warning: 4, info: 0, total: 6, files: 3 });
    const byDomain = Object.fromEntries(report.domains.map((d) => [d.domain, [d.error, d.warning, d.info, d.artifacts]]));
    expect(byDomain).toEqual({ alert: [1, 2, 0, 3], metric: [1, 0, 0, 3], dashboard: [0, 2, 0, 4], query: [0, 0, 0, 4] });
    expect(report.rules.map((r) => [r.ruleId, r.total])).toEqual([
      ['alert/no-comparison', 1],
      ['metric/high-cardinality-label', 1],
      ['alert/missing-for', 2],
      ['dashboard/panel-title', 2],
    ]);
    expect(report.rules[0].docsUrl).toMatch(/alert\/no-comparison\/README\.md$/);
  });

  it('scores with the documented formula (known inputs, known score)', () => {
    // dashboard: 2 warnings over 1 dashboard + 3 panels → 100·e^(−0.2·4/4); alert: (5+2+2) over 3 alerts → 100·e^(−0.6);
    // metric: 5 over 2 families + 1 recording rule → 100·e^(−0.2·5/3); query: nothing over 4 queries → 100. Weights 3,3,3,2.
    const expected = (3 * 100 * Math.exp(-0.2) + 3 * 100 * Math.exp(-0.6) + 3 * 100 * Math.exp(-1 / 3) + 2 * 100) / 11;
    expect(report.score.score).toBeCloseTo(expected, 9);
    expect(report.score.score).toBeCloseTo(75.0201, 3);
    expect(report.score.grade).toBe('B');
    expect(report.score.domains.map((d) => [d.domain, Math.round(d.score)])).toEqual([
      ['dashboard', 82],
      ['alert', 55],
      ['metric', 72],
      ['query', 100],
    ]);
  });

  it('ranks worst files by weighted severity', () => {
    expect(report.worstFiles.map((f) => [f.relPath, f.kind, f.penalty])).toEqual([
      ['alerts/api.yaml', 'rules', 9],
      ['metrics/app.prom', 'exposition', 5],
      ['dash/api.json', 'dashboard', 4],
    ]);
  });

  it('sizes dashboards against the max-panels threshold, counting collapsed rows', () => {
    expect(report.dashboards).toEqual([{ relPath: 'dash/api.json', title: 'API <overview>', uid: 'api', panels: 3, collapsed: 1, line: 1 }]);
    expect(report.panelThreshold).toEqual({ warn: 50, error: 100 });
    const custom = buildAuditReport({ findings: [], models: [], files: [], rules: RULES, rootDir: ROOT, panelThreshold: { warn: 10, error: 20 } });
    expect(custom.panelThreshold).toEqual({ warn: 10, error: 20 });
  });

  it('lists cardinality offenders with their worst label (bucket labels excluded)', () => {
    expect(report.cardinality.map((c) => [c.name, c.series, c.worstLabel])).toEqual([
      ['latency_seconds', 5, undefined],
      ['http_requests_total', 3, { name: 'user_id', values: 3 }],
    ]);
  });

  it('lists alerts with static noise signals, most signals first', () => {
    expect(report.noisyAlerts.map((a) => [a.name, a.group, a.line, a.signals.map((s) => s.ruleId)])).toEqual([
      ['ApiErrors', 'api', 7, ['alert/no-comparison', 'alert/missing-for']],
      ['ApiSlow', 'api', 9, ['alert/missing-for']],
    ]);
  });

  it('reports parse errors under `tool` but scores them in the file’s domain', () => {
    const r = sampleReport({ 'dash/api.json': DASHBOARD, 'dash/broken.json': BROKEN_DASHBOARD });
    expect(r.domains.find((d) => d.domain === 'tool')).toMatchObject({ error: 1, artifacts: 2 });
    const dash = r.score.domains.find((d) => d.domain === 'dashboard')!;
    expect([dash.error, dash.warning]).toEqual([1, 2]);
    // an unreadable file still counts: alone, its parse error gives 100·e^(−0.2·5/1)
    const broken = sampleReport({ 'dash/broken.json': BROKEN_DASHBOARD });
    expect(broken.score.domains.map((d) => [d.domain, d.artifacts, d.error])).toEqual([['dashboard', 1, 1]]);
    expect(broken.score.score).toBeCloseTo(100 * Math.exp(-1), 9);
  });

  it('leaves domains without enabled rules out of the score', () => {
    const s = lintSample();
    const r = buildAuditReport({ findings: [], models: s.models, files: s.files, rules: RULES, rootDir: ROOT, enabledRuleIds: new Set(['alert/missing-for']) });
    expect(r.score.domains.map((d) => d.domain)).toEqual(['alert']);
  });
});

describe('familyCardinality', () => {
  it('counts distinct series, not samples', () => {
    const text = '# TYPE x gauge\nx{a="1",b="1"} 1\nx{a="1",b="1"} 2\nx{a="2",b="1"} 1\n';
    const fam = parseExposition(new SourceFile('/r/x.prom', 'x.prom', text)).families[0];
    expect(familyCardinality(fam)).toEqual({ name: 'x', type: 'gauge', series: 2, labelNames: 2, worstLabel: { name: 'a', values: 2 } });
  });
});

describe('formatAuditText', () => {
  const text = formatAuditText(sampleReport(), { color: false });

  it('prints every section', () => {
    expect(text).toContain('obslint audit of .: 3 files, 6 findings (2 errors, 4 warnings, 0 info)');
    expect(text).toContain('Score: 75/100 (grade B)');
    for (const h of ['Findings by domain', 'Findings by rule', 'Worst files', 'Largest dashboards (dashboard/max-panels: warning at 50, error at 100)', 'Top cardinality offenders', 'Alerts most likely to be noisy']) {
      expect(text).toContain(h);
    }
    expect(text).toMatch(/2 +ApiErrors +no-comparison, missing-for +alerts\/api\.yaml:7/);
    expect(text).toMatch(/3 +http_requests_total +counter +user_id \(3 values\) +metrics\/app\.prom:1/);
    expect(text).not.toContain('\u001b[');
  });

  it('aligns coloured columns like plain ones', () => {
    const coloured = formatAuditText(sampleReport(), { color: true });
    expect(coloured).toContain('\u001b[1m');
    expect(coloured.replace(/\u001b\[\d+m/g, '')).toBe(text);
  });
});
