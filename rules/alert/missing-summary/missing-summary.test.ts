import { RuleTester } from '@obslint/core';
import { alert, rulesFile } from '../test-fixtures.js';
import { missingSummary } from './index.js';

new RuleTester().run(missingSummary, {
  valid: [
    { filename: 'rules.yaml', code: rulesFile(alert('A', 'up == 0', { annotations: { summary: 'Target down' } })) },
    { name: 'description only', filename: 'rules.yaml', code: rulesFile(alert('A', 'up == 0', { annotations: { description: 'Target {{ $labels.instance }} is down' } })) },
  ],
  invalid: [
    { filename: 'rules.yaml', code: rulesFile(alert('A', 'up == 0')), errors: [{ messageId: 'missing', line: 4, column: 16, message: /has no `summary` \/ `description` \/ `message` annotation/ }] },
    { name: 'empty summary, only a runbook', filename: 'rules.yaml', code: rulesFile(alert('A', 'up == 0', { annotations: { summary: ' ', runbook_url: 'https://x' } })), errors: 1 },
    { name: 'option annotations', filename: 'rules.yaml', code: rulesFile(alert('A', 'up == 0', { annotations: { message: 'x' } })), options: { annotations: ['summary'] }, errors: 1 },
  ],
});
