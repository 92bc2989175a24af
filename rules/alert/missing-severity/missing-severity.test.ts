import { RuleTester } from '@obslint/core';
import { alert, record, rulesFile } from '../test-fixtures.js';
import { missingSeverity } from './index.js';

new RuleTester().run(missingSeverity, {
  valid: [
    { filename: 'rules.yaml', code: rulesFile(alert('A', 'up == 0', { labels: { severity: 'critical' } })) },
    { name: 'templated severity', filename: 'rules.yaml', code: rulesFile(alert('A', 'up == 0', { labels: { severity: '{{ $labels.sev }}' } })) },
    { name: 'recording rules', filename: 'rules.yaml', code: rulesFile(record('job:up:sum', 'sum by (job) (up)')) },
    { name: 'options', filename: 'rules.yaml', code: rulesFile(alert('A', 'up == 0', { labels: { priority: 'P1' } })), options: { label: 'priority', allowed: ['P1', 'P2'] } },
  ],
  invalid: [
    { filename: 'rules.yaml', code: rulesFile(alert('A', 'up == 0')), errors: [{ messageId: 'missing', line: 4, column: 16, message: 'Alert "A" has no `severity` label: Alertmanager cannot route it as a page or a ticket. Add `severity: critical | warning | info`.' }] },
    {
      name: 'value outside allowed',
      filename: 'rules.yaml',
      code: rulesFile(alert('A', 'up == 0', { labels: { severity: 'page' } })),
      errors: [{ messageId: 'notAllowed', line: 7, column: 21, message: 'Alert "A" has `severity: page`, not one of critical | warning | info.' }],
    },
  ],
});
