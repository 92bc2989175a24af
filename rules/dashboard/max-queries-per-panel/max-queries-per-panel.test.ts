import { RuleTester } from '@obslint/core';
import { at, dashboard, promPanel } from '../fixtures/build.js';
import { maxQueriesPerPanel } from './index.js';

const exprs = (n: number) => Array.from({ length: n }, (_, i) => `up{job="j${i}"}`);
const tooMany = dashboard([promPanel(1, exprs(13))]);
const hiddenTargets = dashboard([
  promPanel(1, [], { targets: [...exprs(12).map((expr, i) => ({ refId: `A${i}`, expr })), ...exprs(5).map((expr, i) => ({ refId: `H${i}`, expr, hide: true }))] }),
]);

new RuleTester().run(maxQueriesPerPanel, {
  valid: [
    { name: '12 targets', filename: 'd.json', code: dashboard([promPanel(1, exprs(12))]) },
    { name: 'hidden targets do not count', filename: 'd.json', code: hiddenTargets },
    { name: 'raised limit', filename: 'd.json', code: tooMany, options: { max: 20 } },
    { name: 'targets that are not an array', filename: 'd.json', code: dashboard([{ id: 1, type: 'timeseries', targets: 'x' }]) },
  ],
  invalid: [
    {
      name: '13 targets, located at the targets key',
      filename: 'd.json',
      code: tooMany,
      errors: [{ messageId: 'tooMany', message: 'Panel "Panel A" runs 13 queries, over the limit of 12: split it, or aggregate in one query.', ...at(tooMany, '"targets"') }],
    },
    {
      name: 'hidden targets count once visible again with a lower limit',
      filename: 'd.json',
      code: hiddenTargets,
      options: { max: 11 },
      errors: [{ messageId: 'tooMany', message: /runs 12 queries/ }],
    },
  ],
});
