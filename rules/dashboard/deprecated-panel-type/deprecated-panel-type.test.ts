import { RuleTester } from '@obslint/core';
import { at, dashboard } from '../fixtures/build.js';
import { deprecatedPanelType } from './index.js';

const code = dashboard([
  { id: 1, type: 'graph', title: 'CPU' },
  { id: 2, type: 'row', title: 'r', collapsed: true, panels: [{ id: 3, type: 'singlestat', title: 'Up' }] },
]);

new RuleTester().run(deprecatedPanelType, {
  valid: [
    { name: 'current types', filename: 'd.json', code: dashboard(['timeseries', 'stat', 'table', 'piechart', 'geomap'].map((type, i) => ({ id: i + 1, type, title: type }))) },
    { name: 'custom type map', filename: 'd.json', code, options: { types: { 'table-old': 'table' } } },
  ],
  invalid: [
    {
      name: 'graph and singlestat (inside a collapsed row)',
      filename: 'd.json',
      code,
      errors: [
        { messageId: 'deprecated', message: 'Panel "CPU" uses the removed Angular panel type "graph": migrate it to "timeseries".', ...at(code, '"graph"') },
        { messageId: 'deprecated', message: /"Up" uses the removed Angular panel type "singlestat": migrate it to "stat"/, ...at(code, '"singlestat"') },
      ],
    },
    {
      name: 'legacy rows and plugin panels',
      filename: 'd.json',
      code: JSON.stringify({ title: 'L', schemaVersion: 14, rows: [{ panels: [{ id: 1, type: 'grafana-piechart-panel', title: 'p' }, { id: 2, type: 'grafana-worldmap-panel', title: 'w' }, { id: 3, type: 'table-old', title: 't' }] }] }),
      errors: [{ message: /migrate it to "piechart"/ }, { message: /migrate it to "geomap"/ }, { message: /migrate it to "table"/ }],
    },
    {
      name: 'a type without a replacement',
      filename: 'd.json',
      code: dashboard([{ id: 1, type: 'my-angular-panel', title: 'x' }]),
      options: { types: { 'my-angular-panel': '' } },
      errors: [{ messageId: 'deprecatedNoReplacement' }],
    },
  ],
});
