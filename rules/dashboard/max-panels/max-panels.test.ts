import { RuleTester } from '@obslint/core';
import { maxPanels } from './index.js';

function panels(n: number, start = 1) {
  return Array.from({ length: n }, (_, i) => ({ id: start + i, type: 'timeseries', title: `P${start + i}`, gridPos: { x: 0, y: i, w: 12, h: 8 } }));
}

const classic = (list: unknown[]) => JSON.stringify({ uid: 'u1', title: 'Big', schemaVersion: 39, panels: list }, null, 2);

new RuleTester().run(maxPanels, {
  valid: [
    { name: '49 panels', filename: 'd.json', code: classic(panels(49)) },
    {
      name: 'row headers are not panels',
      filename: 'd.json',
      code: classic([...panels(45), ...Array.from({ length: 10 }, (_, i) => ({ id: 1000 + i, type: 'row', title: `row ${i}`, panels: [] }))]),
    },
    { name: 'raised threshold', filename: 'd.json', code: classic(panels(60)), options: { warn: 80, error: 120 } },
    {
      name: 'library panels in __elements are not counted twice',
      filename: 'd.json',
      code: JSON.stringify({
        title: 'Lib',
        schemaVersion: 39,
        __elements: Object.fromEntries(Array.from({ length: 30 }, (_, i) => [`lib${i}`, { uid: `lib${i}`, model: { type: 'stat' } }])),
        panels: Array.from({ length: 30 }, (_, i) => ({ id: i + 1, libraryPanel: { uid: `lib${i}`, name: `L${i}` } })),
      }),
    },
    { name: 'not a dashboard', filename: 'package.json', code: '{"name":"x","panels":"nope"}' },
  ],
  invalid: [
    {
      name: '50 panels: warning, located at the title',
      filename: 'd.json',
      code: classic(panels(50)),
      errors: [{ messageId: 'tooMany', line: 3, column: 12, severity: 'warning', message: 'Dashboard "Big" has 50 panels (0 in collapsed rows), over the limit of 50: split it into focused dashboards linked together.' }],
    },
    {
      name: '120 panels, most in collapsed rows: error with both counts',
      filename: 'd.json',
      code: classic([
        ...panels(20),
        { id: 500, type: 'row', title: 'collapsed A', collapsed: true, panels: panels(50, 100) },
        { id: 501, type: 'row', title: 'collapsed B', collapsed: true, panels: panels(50, 200) },
      ]),
      errors: [{ messageId: 'tooMany', severity: 'error', message: /has 120 panels \(100 in collapsed rows\), over the limit of 100/ }],
    },
    {
      name: 'legacy rows[] (schemaVersion < 16)',
      filename: 'legacy.json',
      code: JSON.stringify({ title: 'Old', schemaVersion: 14, rows: [{ title: 'r1', panels: panels(30) }, { title: 'r2', collapse: true, panels: panels(30, 31) }] }, null, 2),
      errors: [{ messageId: 'tooMany', severity: 'warning', message: /has 60 panels/ }],
    },
    {
      name: 'API export wrapper { dashboard: … }',
      filename: 'export.json',
      code: JSON.stringify({ meta: {}, dashboard: { title: 'W', schemaVersion: 30, panels: panels(55) } }, null, 2),
      errors: [{ messageId: 'tooMany', line: 4, column: 14, pointer: '/dashboard/title' }],
    },
  ],
});
