import { RuleTester } from '@obslint/core';
import { at, dashboard } from '../fixtures/build.js';
import { duplicatePanelId } from './index.js';

const dup = dashboard([
  { id: 7, type: 'row', title: 'S3', collapsed: true, panels: [{ id: 8, type: 'timeseries', title: 'Latency' }] },
  { id: 7, type: 'row', title: 'GCS', collapsed: true, panels: [{ id: 8, type: 'timeseries', title: 'Latency' }] },
]);

new RuleTester().run(duplicatePanelId, {
  valid: [
    { name: 'unique ids', filename: 'd.json', code: dashboard([{ id: 1, type: 'row', title: 'r', panels: [] }, { id: 2, type: 'stat', title: 's' }]) },
    {
      name: 'library-panel stub that shares an id with nothing (its __elements model has the same id)',
      filename: 'd.json',
      code: dashboard([{ id: 3, libraryPanel: { uid: 'lib', name: 'L' } }], { __elements: { lib: { uid: 'lib', model: { id: 3, type: 'stat', title: 'L' } } } }),
    },
    { name: 'panels without ids', filename: 'd.json', code: dashboard([{ type: 'stat', title: 'a' }, { type: 'stat', title: 'b' }]) },
  ],
  invalid: [
    {
      name: 'copied collapsed rows: the later row and panel are reported at their ids',
      filename: 'd.json',
      code: dup,
      errors: [
        { messageId: 'duplicate', message: 'Panel id 7 of row "GCS" is already used by row "S3" (line 16): links, alerts and library panels resolve to the wrong panel.', ...at(dup, '7', 0, 1) },
        { messageId: 'duplicate', message: /Panel id 8 of panel "Latency" is already used by panel "Latency" \(line 22\)/, ...at(dup, '8', 0, 1) },
      ],
    },
    {
      name: 'legacy rows[] panels, number and string ids',
      filename: 'd.json',
      code: JSON.stringify({ title: 'L', schemaVersion: 14, rows: [{ panels: [{ id: 1, type: 'graph', title: 'a' }] }, { panels: [{ id: '1', type: 'graph', title: 'b' }] }] }),
      errors: [{ messageId: 'duplicate', line: 1, message: /Panel id 1 of panel "b"/ }],
    },
  ],
});
