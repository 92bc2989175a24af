import { RuleTester } from '@obslint/core';
import { alert, rulesFile } from '../test-fixtures.js';
import { missingRunbook } from './index.js';

new RuleTester().run(missingRunbook, {
  valid: [
    { filename: 'rules.yaml', code: rulesFile(alert('A', 'up == 0', { labels: { severity: 'critical' }, annotations: { runbook_url: 'https://runbooks/a' } })) },
    { name: 'non-paging severities', filename: 'rules.yaml', code: rulesFile(alert('A', 'up == 0', { labels: { severity: 'warning' } })) },
    { name: 'no severity', filename: 'rules.yaml', code: rulesFile(alert('A', 'up == 0')) },
  ],
  invalid: [
    {
      filename: 'rules.yaml',
      code: rulesFile(alert('A', 'up == 0', { labels: { severity: 'critical' }, annotations: { summary: 'x' } })),
      errors: [{ messageId: 'missing', line: 7, column: 21, message: 'Alert "A" pages (severity: critical) but has no `runbook_url` annotation: whoever is woken up has no instructions. Link a runbook.' }],
    },
    { name: 'option paging', filename: 'rules.yaml', code: rulesFile(alert('A', 'up == 0', { labels: { severity: 'page' } })), options: { paging: ['page'] }, errors: 1 },
  ],
});
