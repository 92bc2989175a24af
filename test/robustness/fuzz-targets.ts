import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { TOOL_RULES, lintText, parsePromql, parseLogql, resolveConfig, type AnyRule, type Finding } from '@obslint/core';
import { builtinRules } from '@obslint/rules';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const read = (p: string) => readFileSync(join(root, p), 'utf8');

/** Seeds: real fixture texts that mutations start from. */
export const SEEDS: Record<string, { filename: string; texts: string[] }> = {
  dashboard: { filename: 'dashboards/d.json', texts: [read('examples/demo/dashboards/shop-overview.json').slice(0, 6000), read('examples/clean/dashboards/shop-overview.json')] },
  dashboardYaml: {
    filename: 'k8s/dashboards.yaml',
    texts: [`apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: d\ndata:\n  d.json: |\n    {"title":"x","panels":[{"id":1,"type":"graph","title":"t","targets":[{"expr":"rate(a_total[$__interval])"}]}]}\n`],
  },
  rules: { filename: 'rules/r.yaml', texts: [read('examples/demo/alerts/shop.rules.yaml'), read('examples/clean/alerts/shop.rules.yaml')] },
  alertmanager: { filename: 'am/alertmanager.yml', texts: ['route:\n  receiver: a\n  group_by: [alertname]\n  routes:\n    - matchers: [severity="page"]\n      receiver: b\n      repeat_interval: 5m\nreceivers:\n  - name: a\n  - name: b\n'] },
  exposition: { filename: 'metrics/m.prom', texts: [read('examples/demo/metrics/shop.prom'), '# HELP a_seconds x\n# TYPE a_seconds histogram\na_seconds_bucket{le="0.1"} 1\na_seconds_bucket{le="+Inf"} 2 # {trace_id="abc"} 0.05 1.6e9\na_seconds_sum 0.3\na_seconds_count 2\n# EOF\n'] },
};

const STRUCTURAL = ['{', '}', '[', ']', ':', ',', '"', "'", '\n', '-', '#', '|', '>', '&a ', '*a', '!', '$', '{{', '}}', '(', ')', 'by (', '=~', '\\', '\t', '\u0000', '\ud800', 'NaN', '1e999', '--', '---\n', '${', '[5m]', 'rate(', 'sum by (job) ('];

/** k random mutations of a seed text: deletions, insertions (structural or random), duplications. */
export function mutated(seed: string): fc.Arbitrary<string> {
  const op = fc.oneof(
    fc.record({ kind: fc.constant('delete' as const), at: fc.nat(), len: fc.integer({ min: 1, max: 40 }) }),
    fc.record({ kind: fc.constant('insert' as const), at: fc.nat(), text: fc.oneof(fc.constantFrom(...STRUCTURAL), fc.string({ maxLength: 8 }), fc.string({ unit: 'binary', maxLength: 4 })) }),
    fc.record({ kind: fc.constant('duplicate' as const), at: fc.nat(), len: fc.integer({ min: 1, max: 200 }) }),
  );
  return fc.array(op, { minLength: 1, maxLength: 6 }).map((ops) => {
    let s = seed;
    for (const o of ops) {
      const at = s.length ? o.at % s.length : 0;
      if (o.kind === 'delete') s = s.slice(0, at) + s.slice(at + o.len);
      else if (o.kind === 'insert') s = s.slice(0, at) + o.text + s.slice(at);
      else s = s.slice(0, at) + s.slice(at, at + o.len) + s.slice(at);
    }
    return s;
  });
}

const ROOT = resolve('/__obslint_fuzz__');
const builtinConfig = resolveConfig({ extends: 'all' }, builtinRules, { baseDir: ROOT });

/** Problems a fuzz input exposed: an exception out of the runner, or a rule that failed inside it. */
export function lintProblems(filename: string, text: string, rules: readonly AnyRule[] = builtinRules): string[] {
  let findings: Finding[];
  const config = rules === builtinRules ? builtinConfig : resolveConfig({ extends: 'all' }, [...rules, ...TOOL_RULES], { baseDir: ROOT });
  try {
    findings = lintText({ text, path: resolve(ROOT, filename), rootDir: ROOT, config, rules: rules === builtinRules ? rules : [...rules, ...TOOL_RULES] }).findings;
  } catch (e) {
    return [`threw: ${(e as Error).stack ?? e}`];
  }
  const out: string[] = [];
  for (const f of findings) {
    if (f.ruleId === 'rule-error' || /Internal error/.test(f.message)) out.push(`${f.ruleId}: ${f.message}`);
    if (!(f.line >= 1 && f.column >= 1 && f.endLine >= f.line)) out.push(`bad location ${f.line}:${f.column}-${f.endLine}:${f.endColumn} (${f.ruleId})`);
  }
  return out;
}

/** An expression embedded into a rule file and a dashboard, so every PromQL-reading rule sees it. */
export function embedExpr(expr: string): Array<[string, string]> {
  const q = JSON.stringify(expr);
  return [
    ['rules/e.yaml', `groups:\n  - name: g\n    rules:\n      - alert: Fuzz\n        expr: ${q}\n        for: 5m\n        labels:\n          severity: warning\n        annotations:\n          summary: "{{ $labels.instance }} {{ $value | humanize }}"\n      - record: job:fuzz:sum\n        expr: ${q}\n`],
    ['dashboards/e.json', JSON.stringify({ title: 'f', panels: [{ id: 1, type: 'timeseries', title: 't', targets: [{ refId: 'A', expr }] }] })],
  ];
}

export const PROMQL_SEEDS = [
  'sum by (job) (rate(http_requests_total{job=~"api|web", code!="200"}[5m])) / on(job) group_left(instance) up > bool 0.5',
  'histogram_quantile(0.99, sum by (le) (rate(x_bucket[$__rate_interval])))',
  'label_replace(absent(up{job="a"}), "x", "$1", "y", "(.*)") or vector(1)',
  'topk(5, count_values("v", build_info)) unless on() predict_linear(node_filesystem_free_bytes[6h], 4*3600) < 0',
];

export const LOGQL_SEEDS = ['sum by (app) (rate({app="x"} |= "err" | json | line_format "{{.msg}}" [5m])) > 1'];

/** Direct parser properties: the parsers never throw. */
export function parserProblems(text: string): string[] {
  const out: string[] = [];
  try {
    parsePromql(text);
  } catch (e) {
    out.push(`parsePromql threw: ${e}`);
  }
  try {
    parseLogql(text);
  } catch (e) {
    out.push(`parseLogql threw: ${e}`);
  }
  return out;
}
