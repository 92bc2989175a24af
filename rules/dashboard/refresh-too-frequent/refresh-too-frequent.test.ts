import { RuleTester } from '@obslint/core';
import { dashboard } from '../fixtures/build.js';
import { refreshTooFrequent } from './index.js';

const fast = dashboard([], { refresh: '5s' });

new RuleTester().run(refreshTooFrequent, {
  valid: [
    { name: 'refresh: false', filename: 'd.json', code: dashboard([], { refresh: false }) },
    { name: 'refresh: ""', filename: 'd.json', code: dashboard([], { refresh: '' }) },
    { name: 'no refresh', filename: 'd.json', code: dashboard([]) },
    { name: 'at the minimum', filename: 'd.json', code: dashboard([], { refresh: '10s' }) },
    { name: 'lower minimum', filename: 'd.json', code: fast, options: { min: '5s' } },
    { name: 'not a duration', filename: 'd.json', code: dashboard([], { refresh: 'auto' }) },
  ],
  invalid: [
    {
      name: '5s',
      filename: 'd.json',
      code: fast,
      errors: [{ messageId: 'tooFrequent', line: 14, column: 14, message: 'Dashboard "Test" refreshes every 5s, faster than 10s: every open browser re-runs all its queries that often.' }],
    },
    {
      name: 'v2 timeSettings.refresh in YAML',
      filename: 'd.yaml',
      code: 'apiVersion: dashboard.grafana.app/v2beta1\nkind: Dashboard\nmetadata:\n  name: live\nspec:\n  title: Live\n  timeSettings:\n    refresh: 1s\n  elements: {}\n  layout: { kind: GridLayout, spec: { items: [] } }\n',
      errors: [{ messageId: 'tooFrequent', line: 8, column: 14, message: /"Live" refreshes every 1s/ }],
    },
  ],
});
