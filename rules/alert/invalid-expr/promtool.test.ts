import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runRule } from '@obslint/core';
import { invalidExpr } from './index.js';

/**
 * Side by side with `promtool check rules`: for each fixture, obslint reports alert/invalid-expr exactly when
 * promtool rejects the file. Fixtures differ only in `expr`, `for`/`keep_firing_for` and templates, and avoid
 * functions whose status differs between Prometheus versions (holt_winters, histogram_avg, ...).
 */
const fixtures: Array<{ expr: string; rejected: boolean; extra?: string }> = [
  { expr: 'up == 0', rejected: false },
  { expr: 'sum by (job) (rate(http_requests_total{code=~"5.."}[5m])) / sum by (job) (rate(http_requests_total[5m])) > 0.05', rejected: false },
  { expr: 'histogram_quantile(0.99, sum by (le) (rate(x_bucket[5m]))) > 1', rejected: false },
  { expr: 'absent(up{job="api"})', rejected: false },
  { expr: 'max_over_time(rate(x_total[5m])[1h:1m]) > 1', rejected: false },
  { expr: 'a * on (x) group_left (y) b > 1', rejected: false },
  { expr: 'x > bool 1', rejected: false },
  { expr: 'time() - x > 10', rejected: false },
  { expr: 'x{a=~"(?i)abc"} offset 5m', rejected: false },
  { expr: '(time() - boot_time_seconds offset 10m) < 600', rejected: false },
  { expr: 'label_join(x, "a", ",", "b", "c")', rejected: false },
  { expr: 'round(x) == 1 and days_in_month() > 29', rejected: false },
  { expr: 'sum(rate(x[5m]) > 1', rejected: true },
  { expr: 'rate(x_total) > 1', rejected: true },
  { expr: 'rates(x_total[5m]) > 1', rejected: true },
  { expr: 'rate(x[5m])[5m]', rejected: true },
  { expr: 'sum(x[5m])', rejected: true },
  { expr: 'time() > 5', rejected: true },
  { expr: '1 and 2', rejected: true },
  { expr: 'x + bool y', rejected: true },
  { expr: '{job=""}', rejected: true },
  { expr: 'x{__name__="y"}', rejected: true },
  { expr: 'x{job=~"("}', rejected: true },
  { expr: 'topk(x, y)', rejected: true },
  { expr: 'quantile(x)', rejected: true },
  { expr: 'label_join(x, "a")', rejected: true },
  { expr: 'x offset 5m [5m]', rejected: true },
  { expr: 'rate(x[0s])', rejected: true },
  { expr: 'x * on(a) group_left(a) y', rejected: true },
  { expr: 'x and on(a) group_left y', rejected: true },
  { expr: 'vector("a")', rejected: true },
  { expr: 'x + "a"', rejected: true },
  { expr: 'sort_by_label(x, "a")', rejected: true },
  { expr: 'up == 0', rejected: true, extra: '    for: 5 minutes\n' },
  { expr: 'up == 0', rejected: true, extra: '    keep_firing_for: 1.5m\n' },
  { expr: 'up == 0', rejected: false, extra: '    for: 1h30m\n' },
  { expr: 'up == 0', rejected: true, extra: '    annotations:\n      summary: "{{ $labels.instance "\n' },
  { expr: 'up == 0', rejected: true, extra: '    annotations:\n      summary: "{{ humanise $value }}"\n' },
  { expr: 'up == 0', rejected: true, extra: '    labels:\n      team: "{{ end }}"\n' },
  { expr: 'up == 0', rejected: false, extra: '    annotations:\n      summary: "{{ if gt $value 1.0 }}high{{ else }}low{{ end }} {{ $labels.job | toUpper }}"\n' },
];

const fileOf = (f: (typeof fixtures)[number]) => `groups:\n- name: g\n  rules:\n  - alert: A\n    expr: ${JSON.stringify(f.expr)}\n${f.extra ?? ''}`;
const obslintRejects = (text: string) => runRule(invalidExpr, { filename: 'rules.yaml', code: text }).length > 0;

describe('alert/invalid-expr on the promtool fixtures', () => {
  it.each(fixtures.map((f) => [fileOf(f).split('\n').slice(4).join(' ').trim(), f] as const))('%s', (_, f) => {
    expect(obslintRejects(fileOf(f))).toBe(f.rejected);
  });
});

const promtool = spawnSync('promtool', ['--version'], { encoding: 'utf8' }).status === 0;
const reason = 'promtool is not installed (CI installs the Debian prometheus package): side-by-side comparison skipped';
if (!promtool) console.warn(reason);

describe.skipIf(!promtool)(`side by side with promtool check rules${promtool ? '' : ` (${reason})`}`, () => {
  it('obslint reports alert/invalid-expr exactly when promtool rejects the file', () => {
    const dir = mkdtempSync(join(tmpdir(), 'obslint-promtool-'));
    try {
      const disagreements: string[] = [];
      fixtures.forEach((f, i) => {
        const path = join(dir, `r${i}.yaml`);
        const text = fileOf(f);
        writeFileSync(path, text);
        let promtoolRejects = false;
        let out = '';
        try {
          execFileSync('promtool', ['check', 'rules', path], { encoding: 'utf8', stdio: 'pipe' });
        } catch (e) {
          promtoolRejects = true;
          out = String((e as { stderr?: string }).stderr ?? '');
        }
        if (promtoolRejects !== obslintRejects(text)) disagreements.push(`${text}\n  promtool: ${promtoolRejects ? `rejects: ${out.trim()}` : 'accepts'}`);
      });
      expect(disagreements).toEqual([]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
