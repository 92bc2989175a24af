import { RuleTester } from '@obslint/core';
import { amConfig } from '../test-fixtures.js';
import { undefinedReceiver } from './index.js';

new RuleTester().run(undefinedReceiver, {
  valid: [{ filename: 'alertmanager.yml', code: amConfig('  receiver: default\n  routes:\n    - receiver: pager\n    - matchers: [team="db"]\n') }],
  invalid: [
    {
      filename: 'alertmanager.yml',
      code: amConfig('  receiver: default\n  routes:\n    - receiver: Pager\n'),
      errors: [{ messageId: 'undefined', line: 4, column: 17, message: 'Route uses receiver "Pager", which is not defined in `receivers` (did you mean "pager"?): Alertmanager refuses to load this config.' }],
    },
    { name: 'root without a receiver', filename: 'alertmanager.yml', code: amConfig('  group_by: [alertname]\n'), errors: [{ messageId: 'rootMissing', line: 2, column: 3 }] },
  ],
});
