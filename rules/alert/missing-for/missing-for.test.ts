import { RuleTester } from '@obslint/core';
import { missingFor } from './index.js';

const file = (rules: string) => `groups:\n  - name: example\n    rules:\n${rules}`;

new RuleTester().run(missingFor, {
  valid: [
    { filename: 'rules.yaml', code: file('      - alert: HighErrorRate\n        expr: rate(errors_total[5m]) > 1\n        for: 5m\n') },
    { filename: 'rules.yaml', code: file('      - alert: Exactly\n        expr: up == 0\n        for: 1m\n') },
    { name: 'keep_firing_for covers it', filename: 'rules.yaml', code: file('      - alert: Sticky\n        expr: up == 0\n        keep_firing_for: 5m\n') },
    { name: 'absent() deadman alerts have their own rule', filename: 'rules.yaml', code: file('      - alert: JobMissing\n        expr: absent(up{job="api"})\n') },
    { name: 'recording rules', filename: 'rules.yaml', code: file('      - record: job:up:sum\n        expr: sum by (job) (up)\n') },
    { name: 'option min', filename: 'rules.yaml', code: file('      - alert: Quick\n        expr: up == 0\n        for: 30s\n'), options: { min: '30s' } },
    {
      name: 'PrometheusRule CRD with for',
      filename: 'crd.yaml',
      code: 'apiVersion: monitoring.coreos.com/v1\nkind: PrometheusRule\nmetadata:\n  name: x\nspec:\n  groups:\n    - name: g\n      rules:\n        - alert: A\n          expr: up == 0\n          for: 10m\n',
    },
  ],
  invalid: [
    {
      name: 'no for',
      filename: 'rules.yaml',
      code: file('      - alert: InstanceDown\n        expr: up == 0\n'),
      errors: [{ messageId: 'missing', line: 4, column: 16, endColumn: 28, message: 'Alert "InstanceDown" has no `for`: it fires on a single evaluation (one bad scrape pages someone). Add `for: 1m` or longer.' }],
    },
    {
      name: 'for: 0m (awesome-prometheus-alerts style)',
      filename: 'rules.yml',
      code: file('      - alert: HostOomKill\n        expr: increase(node_vmstat_oom_kill[1m]) > 0\n        for: 0m\n        labels:\n          severity: warning\n'),
      errors: [{ messageId: 'tooShort', line: 6, column: 14, message: /has `for: 0m`, shorter than 1m/ }],
    },
    {
      name: 'multi-document PrometheusRule',
      filename: 'crd.yaml',
      code: '---\nkind: ConfigMap\napiVersion: v1\ndata: {}\n---\napiVersion: monitoring.coreos.com/v1\nkind: PrometheusRule\nspec:\n  groups:\n    - name: g\n      rules:\n        - alert: B\n          expr: up == 0\n          for: 15s\n',
      errors: [{ messageId: 'tooShort', line: 14, column: 16, pointer: '/spec/groups/0/rules/0/for' }],
    },
    {
      name: 'absent combined with a real condition is not a pure deadman check',
      filename: 'rules.yaml',
      code: file('      - alert: Mixed\n        expr: absent(up) or rate(errors_total[5m]) > 1\n'),
      errors: 1,
    },
  ],
});
