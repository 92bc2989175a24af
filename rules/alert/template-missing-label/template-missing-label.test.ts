import { RuleTester } from '@obslint/core';
import { alert, rulesFile } from '../test-fixtures.js';
import { templateMissingLabel } from './index.js';

const summary = (s: string) => ({ annotations: { summary: s } });

new RuleTester().run(templateMissingLabel, {
  valid: [
    { name: 'plain selector carries any label', filename: 'rules.yaml', code: rulesFile(alert('Down', 'up == 0', summary('{{ $labels.instance }} is down'))) },
    { name: 'label kept by by()', filename: 'rules.yaml', code: rulesFile(alert('Errors', 'sum by (job) (rate(errors_total[5m])) > 1', summary('{{ $labels.job }}'))) },
    {
      name: 'restored by group_left(instance)',
      filename: 'rules.yaml',
      code: rulesFile(alert('Errors', "'sum by (job) (rate(errors_total[5m])) * on (job) group_left (instance) max by (job, instance) (up) > 1'", summary('{{ $labels.instance }}'))),
    },
    {
      name: 'restored by label_replace',
      filename: 'rules.yaml',
      code: rulesFile(alert('Errors', '\'label_replace(sum by (job) (rate(errors_total[5m])), "instance", "$1", "job", "(.*)") > 1\'', summary('{{ $labels.instance }}'))),
    },
    { name: 'without() keeps the others', filename: 'rules.yaml', code: rulesFile(alert('E', 'sum without (pod) (rate(errors_total[5m])) > 1', summary('{{ .Labels.instance }}'))) },
    { name: 'no template', filename: 'rules.yaml', code: rulesFile(alert('E', 'sum(up) < 1', summary('Too few targets'))) },
    { name: '$value only', filename: 'rules.yaml', code: rulesFile(alert('E', 'sum(up) < 1', summary('only {{ $value }} targets'))) },
    { name: 'broken expressions are alert/invalid-expr', filename: 'rules.yaml', code: rulesFile(alert('E', "'sum by (job) (up'", summary('{{ $labels.instance }}'))) },
    { name: 'absent() with an equality matcher', filename: 'rules.yaml', code: rulesFile(alert('E', 'absent(up{job="api"})', { for: '5m', ...summary('{{ $labels.job }} missing') })) },
    { name: 'with() rebinds dot', filename: 'rules.yaml', code: rulesFile(alert('E', 'sum(up) < 1', summary('{{ with query "up" }}{{ .Labels.instance }}{{ end }}'))) },
  ],
  invalid: [
    {
      name: 'sum by (job) with $labels.instance in the summary',
      filename: 'rules.yaml',
      code: rulesFile(alert('HighErrors', 'sum by (job) (rate(errors_total[5m])) > 1', summary('High errors on {{ $labels.instance }}'))),
      errors: [
        {
          messageId: 'missing',
          message: 'Alert "HighErrors": `$labels.instance` is always empty here: the expression\'s result cannot carry label "instance" (removed by `sum by (job)`).',
          line: 7,
          column: 39,
          endColumn: 55,
        },
      ],
    },
    {
      name: 'dropped by without()',
      filename: 'rules.yaml',
      code: rulesFile(alert('E', 'sum without (pod) (rate(errors_total[5m])) > 1', { annotations: { description: 'pod {{ index $labels "pod" }}' } })),
      errors: [{ messageId: 'missing', line: 7, column: 32, message: /removed by `sum without \(pod\)`/ }],
    },
    {
      name: 'dropped by on()',
      filename: 'rules.yaml',
      code: rulesFile(alert('E', 'a / on (job) b > 1', summary('{{ $labels.pod }}'))),
      errors: [{ messageId: 'missing', line: 7, column: 24, message: /removed by `on \(job\)`/ }],
    },
    {
      name: 'a static label is not in $labels',
      filename: 'rules.yaml',
      code: rulesFile(alert('E', 'sum(up) < 1', { labels: { team: 'db' }, annotations: { summary: 'team {{ $labels.team }}' } })),
      errors: [{ messageId: 'staticLabel', line: 9, column: 29 }],
    },
    {
      name: 'labels templates are checked too, and .Labels',
      filename: 'rules.yaml',
      code: rulesFile(alert('E', 'count(up) < 3', { labels: { host: '{{ .Labels.node }}' } })),
      errors: [{ messageId: 'missing', line: 7, column: 21, message: /removed by `count\(…\)`/ }],
    },
    {
      name: 'multi-line block expression and PrometheusRule CRD',
      filename: 'crd.yaml',
      code:
        'apiVersion: monitoring.coreos.com/v1\nkind: PrometheusRule\nspec:\n  groups:\n    - name: g\n      rules:\n        - alert: A\n          expr: |\n            sum by (namespace) (\n              rate(x_total[5m])\n            ) > 0\n          annotations:\n            summary: "{{ $labels.pod }} in {{ $labels.namespace }}"\n',
      errors: [{ messageId: 'missing', line: 13, column: 26, pointer: '/spec/groups/0/rules/0/annotations/summary' }],
    },
  ],
});
