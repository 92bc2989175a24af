import { RuleTester } from '@obslint/core';
import { alert, record, rulesFile } from '../test-fixtures.js';
import { invalidExpr } from './index.js';

new RuleTester().run(invalidExpr, {
  valid: [
    { filename: 'rules.yaml', code: rulesFile(alert('A', 'sum by (job) (rate(x_total[5m])) > 1', { for: '1h30m', keepFiringFor: '5m' })) },
    { name: 'for: 0', filename: 'rules.yaml', code: rulesFile(alert('A', 'up == 0', { for: '0' })) },
    { name: 'templates that parse', filename: 'rules.yaml', code: rulesFile(alert('A', 'up == 0', { annotations: { summary: '{{ $labels.instance }} {{ $value | humanizePercentage }}' } })) },
    { name: 'recording rule', filename: 'rules.yaml', code: rulesFile(record('job:x:rate5m', 'sum by (job) (rate(x_total[5m]))')) },
    { name: 'experimental functions when enabled', filename: 'rules.yaml', code: rulesFile(alert('A', 'sort_by_label(up, "job") == 0')), options: { experimental: true } },
    {
      name: 'Loki rule file with LogQL',
      filename: 'loki-rules.yaml',
      code: rulesFile(alert('A', '\'sum by (app) (rate({app="api"} |= "error" [5m])) > 10\'', { for: '5m' })),
    },
  ],
  invalid: [
    {
      name: 'syntax error, located inside the expression',
      filename: 'rules.yaml',
      code: rulesFile(alert('A', 'sum(rate(x[5m]) > 1', { for: '5m' })),
      errors: [{ messageId: 'expr', line: 5, column: 34, message: 'Rule "A": invalid expression: unexpected end of expression.' }],
    },
    {
      name: 'rate() of an instant vector',
      filename: 'rules.yaml',
      code: rulesFile(alert('A', 'rate(x_total) > 1')),
      errors: [{ messageId: 'expr', line: 5, column: 20, endColumn: 27, message: 'Rule "A": invalid expression: expected type range vector in call to function "rate", got instant vector.' }],
    },
    {
      name: 'unknown function',
      filename: 'rules.yaml',
      code: rulesFile(alert('A', 'rates(x_total[5m]) > 1')),
      errors: [{ messageId: 'expr', line: 5, column: 15, endColumn: 20, message: /unknown function with name "rates"/ }],
    },
    {
      name: 'invalid durations',
      filename: 'rules.yaml',
      code: rulesFile(alert('A', 'up == 0', { for: '5 minutes', keepFiringFor: '1.5m' })),
      errors: [
        { messageId: 'duration', line: 6, column: 14, message: 'Rule "A": `for: 5 minutes` is not a valid duration (use e.g. 5m, 1h30m).' },
        { messageId: 'duration', line: 7, column: 26 },
      ],
    },
    {
      name: 'template errors in labels and annotations',
      filename: 'rules.yaml',
      code: rulesFile(alert('A', 'up == 0', { labels: { team: '{{ $lables.team }}' }, annotations: { summary: 'down {{ $labels.instance' } })),
      errors: [
        { messageId: 'template', line: 7, column: 21, message: 'Rule "A": label "team" is not a valid template: undefined variable "$lables".' },
        { messageId: 'template', line: 9, column: 26, message: /unclosed action/ },
      ],
    },
    {
      name: 'missing expr, invalid label name, invalid record name',
      filename: 'rules.yaml',
      code: rulesFile('      - alert: NoExpr\n        labels:\n          bad-name: x\n', record('bad-name', 'up')),
      errors: [
        { messageId: 'expr', line: 4, column: 16, message: 'Rule "NoExpr": invalid expression: field \'expr\' must be set in rule.' },
        { messageId: 'name', line: 6, column: 11 },
        { messageId: 'recordName', line: 7, column: 17 },
      ],
    },
    {
      name: 'experimental function (Prometheus rejects it without the feature flag)',
      filename: 'rules.yaml',
      code: rulesFile(alert('A', 'sort_by_label(up, "job") == 0')),
      errors: [{ messageId: 'expr', line: 5, column: 15, message: /is experimental/ }],
    },
    {
      name: 'LogQL syntax error in a Loki rule file',
      filename: 'loki-rules.yaml',
      code: rulesFile(alert('A', '\'sum(rate({app="api"} |= "error" [5m]) > 10\'', { for: '5m' })),
      errors: [{ messageId: 'expr', line: 5, message: /LogQL/ }],
    },
  ],
});
