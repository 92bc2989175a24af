import { RuleTester } from '@obslint/core';
import { at, dashboard } from '../fixtures/build.js';
import { panelDescription } from './index.js';

const code = dashboard([
  { id: 1, type: 'timeseries', title: 'Latency' },
  { id: 2, type: 'graph', title: 'Old', description: ' ' },
]);

new RuleTester().run(panelDescription, {
  valid: [
    { name: 'described', filename: 'd.json', code: dashboard([{ id: 1, type: 'timeseries', title: 'L', description: 'p99 latency; bad above 300ms' }]) },
    { name: 'text and row panels', filename: 'd.json', code: dashboard([{ id: 1, type: 'text', title: 'Intro' }, { id: 2, type: 'row', title: 'R', panels: [] }]) },
    { name: 'stat panels are not graph-like', filename: 'd.json', code: dashboard([{ id: 1, type: 'stat', title: 'Up' }]) },
    { name: 'types option', filename: 'd.json', code, options: { types: ['heatmap'] } },
  ],
  invalid: [
    {
      name: 'missing and blank descriptions',
      filename: 'd.json',
      code,
      errors: [
        { messageId: 'missing', severity: 'info', message: 'Panel "Latency" has no description: say what it shows and what good and bad look like.', ...at(code, '"Latency"') },
        { messageId: 'missing', ...at(code, '" "') },
      ],
    },
  ],
});
