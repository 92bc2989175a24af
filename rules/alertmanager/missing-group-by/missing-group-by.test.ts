import { RuleTester } from '@obslint/core';
import { amConfig } from '../test-fixtures.js';
import { missingGroupBy } from './index.js';

new RuleTester().run(missingGroupBy, {
  valid: [
    { filename: 'alertmanager.yml', code: amConfig('  receiver: default\n  group_by: [alertname, cluster]\n  routes:\n    - receiver: pager\n') },
    { name: "group_by: ['...'] (deliberate)", filename: 'alertmanager.yml', code: amConfig("  receiver: default\n  group_by: ['...']\n") },
  ],
  invalid: [
    { filename: 'alertmanager.yml', code: amConfig('  receiver: default\n  routes:\n    - receiver: pager\n      group_by: [alertname]\n'), errors: [{ messageId: 'root', line: 2, column: 3 }] },
    {
      name: 'a child overriding with an empty list',
      filename: 'alertmanager.yml',
      code: amConfig('  receiver: default\n  group_by: [alertname]\n  routes:\n    - receiver: pager\n      group_by: []\n'),
      errors: [{ messageId: 'empty', line: 6, column: 17 }],
    },
  ],
});
