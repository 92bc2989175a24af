import { RuleTester } from '@obslint/core';
import { amConfig } from '../test-fixtures.js';
import { repeatIntervalTooShort } from './index.js';

new RuleTester().run(repeatIntervalTooShort, {
  valid: [
    { filename: 'alertmanager.yml', code: amConfig('  receiver: default\n  group_by: [alertname]\n  repeat_interval: 4h\n') },
    { name: 'default (4h) when unset', filename: 'alertmanager.yml', code: amConfig('  receiver: default\n') },
    { name: 'option min', filename: 'alertmanager.yml', code: amConfig('  receiver: default\n  repeat_interval: 30m\n'), options: { min: '30m' } },
  ],
  invalid: [
    {
      filename: 'alertmanager.yml',
      code: amConfig('  receiver: default\n  repeat_interval: 5m\n'),
      errors: [{ messageId: 'short', line: 3, column: 20, message: /`repeat_interval: 5m` is shorter than 1h/ }],
    },
    {
      name: 'on a child route, reported once where it is set',
      filename: 'alertmanager.yml',
      code: amConfig('  receiver: default\n  routes:\n    - receiver: pager\n      repeat_interval: 10m\n      routes:\n        - receiver: pager\n'),
      errors: [{ messageId: 'short', line: 5, column: 24, pointer: '/route/routes/0/repeat_interval' }],
    },
  ],
});
