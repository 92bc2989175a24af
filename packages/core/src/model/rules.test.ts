import { describe, expect, it } from 'vitest';
import { loadFile } from '../runner/load-file.js';
import { SourceFile } from '../source/source-file.js';
import type { AlertingRule } from './rules.js';

const load = (text: string, name = 'rules.yaml') => loadFile(new SourceFile(`/r/${name}`, name, text));
const names = (text: string, name?: string) =>
  load(text, name).ruleFiles.flatMap((f) => f.groups.flatMap((g) => g.rules.map((r) => `${f.packaging}/${f.language}/${g.entity}/${r.type}:${r.name}`)));

describe('rule files in every packaging', () => {
  it('plain groups files, with Thanos and Mimir group fields', () => {
    const text =
      'groups:\n  - name: thanos\n    partial_response_strategy: warn\n    rules:\n      - alert: A\n        expr: up == 0\n  - name: mimir\n    source_tenants: [a, b]\n    evaluation_delay: 1m\n    rules:\n      - record: job:up:sum\n        expr: sum by (job) (up)\n';
    expect(names(text)).toEqual(['rule-file/promql/group:thanos/alerting:A', 'rule-file/promql/group:mimir/recording:job:up:sum']);
  });

  it('mimirtool files with a namespace', () => {
    expect(names('namespace: tenant1\ngroups:\n  - name: g\n    rules:\n      - alert: A\n        expr: up == 0\n')).toEqual(['rule-file/promql/namespace:tenant1/group:g/alerting:A']);
  });

  it('Cortex/Mimir/Loki ruler namespace maps', () => {
    const text = 'ns1:\n  - name: g\n    rules:\n      - alert: A\n        expr: up == 0\nns2:\n  - name: g\n    rules:\n      - alert: A\n        expr: up == 0\n';
    expect(names(text)).toEqual(['namespace-map/promql/namespace:ns1/group:g/alerting:A', 'namespace-map/promql/namespace:ns2/group:g/alerting:A']);
    expect(load(text).ruleFiles[0].groups[1].rules[0].pointer).toBe('/ns2/0/rules/0');
  });

  it('multi-document YAML: PrometheusRule CRDs among other objects, and Lists of CRDs', () => {
    const crd = (n: string) => `apiVersion: monitoring.coreos.com/v1\nkind: PrometheusRule\nmetadata: {name: ${n}}\nspec:\n  groups:\n    - name: ${n}\n      rules:\n        - alert: ${n}\n          expr: up == 0\n`;
    const text = `${crd('a')}---\napiVersion: v1\nkind: ConfigMap\ndata: {}\n---\n${crd('b')}---\napiVersion: v1\nkind: List\nitems:\n  - ${crd('c').replace(/\n/g, '\n    ').trimEnd()}\n`;
    const m = load(text);
    expect(names(text)).toEqual(['prometheus-rule-crd/promql/group:a/alerting:a', 'prometheus-rule-crd/promql/group:b/alerting:b', 'prometheus-rule-crd/promql/group:c/alerting:c']);
    expect(m.ruleFiles.map((f) => [f.doc.docIndex, f.pointer])).toEqual([[0, '/spec'], [2, '/spec'], [3, '/items/0/spec']]);
    const c = m.ruleFiles[2].groups[0].rules[0];
    expect(c.ref.range()?.line).toBe(35);
  });

  it('Loki rule files are detected by their LogQL', () => {
    const text = 'groups:\n  - name: loki\n    rules:\n      - alert: Errors\n        expr: sum(rate({app="api"} |= "error" [5m])) > 10\n';
    expect(names(text)).toEqual(['rule-file/logql/group:loki/alerting:Errors']);
    // A PromQL file about Loki stays PromQL.
    expect(names('groups:\n  - name: loki\n    rules:\n      - alert: LokiDown\n        expr: up{job="loki"} == 0\n', 'loki/alerts.yaml')).toEqual(['rule-file/promql/group:loki/alerting:LokiDown']);
  });

  it('locates the rule, its expr, labels and annotations, and offsets inside expr', () => {
    const text = 'groups:\n  - name: g\n    rules:\n      - alert: A\n        expr: |\n          sum by (job) (\n            rate(x_total[5m])\n          ) > 1\n        labels:\n          severity: warning\n        annotations:\n          summary: "{{ $labels.job }}"\n';
    const f = load(text).ruleFiles[0];
    const r = f.groups[0].rules[0] as AlertingRule;
    const doc = f.doc;
    expect(doc.ref(`${r.pointer}/alert`).range()).toMatchObject({ line: 4, column: 16 });
    expect(doc.ref(`${r.pointer}/labels/severity`).range()).toMatchObject({ line: 10, column: 21 });
    expect(doc.ref(`${r.pointer}/annotations/summary`).range()).toMatchObject({ line: 12, column: 20 });
    const at = r.expr.indexOf('x_total');
    expect(r.exprRef(at, at + 7).range()).toMatchObject({ line: 7, column: 18, endLine: 7, endColumn: 25 });
  });

  it('tolerates any shape: null labels, numbers, missing fields, non-object rules', () => {
    const text =
      'groups:\n  - name: 5\n    rules:\n      - alert: 42\n        expr: 1\n        for: 5\n        labels: null\n        annotations: [a, b]\n      - null\n      - "text"\n      - record: r\n        expr: {a: 1}\n  - rules: []\n  - null\n';
    const f = load(text).ruleFiles[0];
    expect(f.groups.map((g) => g.name)).toEqual(['5', '#1']);
    const [a, r] = f.groups[0].rules;
    expect([a.type, a.name, a.expr, (a as AlertingRule).for, a.labels]).toEqual(['alerting', '42', '1', '5', {}]);
    expect([r.type, r.expr]).toEqual(['recording', '']);
  });
});
