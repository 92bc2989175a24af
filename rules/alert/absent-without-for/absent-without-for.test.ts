import { RuleTester } from '@obslint/core';
import { alert, rulesFile } from '../test-fixtures.js';
import { absentWithoutFor } from './index.js';

new RuleTester().run(absentWithoutFor, {
  valid: [
    { filename: 'rules.yaml', code: rulesFile(alert('JobMissing', 'absent(up{job="api"})', { for: '1m' })) },
    { name: 'not an absent() alert', filename: 'rules.yaml', code: rulesFile(alert('Down', 'up == 0')) },
    { name: 'absent mixed with a condition is alert/missing-for', filename: 'rules.yaml', code: rulesFile(alert('M', 'absent(up) or rate(e_total[5m]) > 1')) },
    { name: 'scrape interval setting', filename: 'rules.yaml', code: rulesFile(alert('J', 'absent(up{job="a"})', { for: '20s' })), settings: { scrapeInterval: '10s' } },
  ],
  invalid: [
    {
      filename: 'rules.yaml',
      code: rulesFile(alert('JobMissing', 'absent(up{job="api"})')),
      errors: [{ messageId: 'missing', line: 4, column: 16, message: /Add `for: 1m` or longer \(2× the 30s scrape interval\)/ }],
    },
    {
      name: 'for: 0m, absent_over_time',
      filename: 'rules.yml',
      code: rulesFile(alert('JobMissing', 'absent_over_time(up{job="api"}[1m]) == 1', { for: '0m' })),
      errors: [{ messageId: 'tooShort', line: 6, column: 14, message: /`for: 0m`, shorter than 1m/ }],
    },
    { name: 'option factor', filename: 'rules.yaml', code: rulesFile(alert('J', 'absent(up{job="a"})', { for: '1m' })), options: { factor: 4 }, errors: [{ message: /shorter than 2m/ }] },
  ],
});
