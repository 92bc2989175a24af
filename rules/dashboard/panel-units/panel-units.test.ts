import { RuleTester } from '@obslint/core';
import { at, dashboard, PROM } from '../fixtures/build.js';
import { panelUnits } from './index.js';

const code = dashboard([
  { id: 1, type: 'timeseries', title: 'Latency', fieldConfig: { defaults: {}, overrides: [] } },
  { id: 2, type: 'gauge', title: 'Disk' },
]);
const withUnit = (fieldConfig: unknown, extra: Record<string, unknown> = {}) => dashboard([{ id: 1, type: 'stat', title: 'X', fieldConfig, ...extra }]);

new RuleTester().run(panelUnits, {
  valid: [
    { name: 'unit in defaults', filename: 'd.json', code: withUnit({ defaults: { unit: 'bytes' } }) },
    { name: 'unit in an override', filename: 'd.json', code: withUnit({ defaults: {}, overrides: [{ matcher: { id: 'byName', options: 'a' }, properties: [{ id: 'unit', value: 's' }] }] }) },
    { name: 'value mappings', filename: 'd.json', code: withUnit({ defaults: { mappings: [{ type: 'value', options: { 1: { text: 'UP' } } }] } }) },
    { name: 'non-numeric stat (all fields)', filename: 'd.json', code: withUnit({ defaults: {} }, { options: { reduceOptions: { fields: '/^version$/' } } }) },
    { name: 'stat of series names', filename: 'd.json', code: withUnit({ defaults: {} }, { options: { textMode: 'name' } }) },
    { name: 'counting panel', filename: 'd.json', code: withUnit({ defaults: {} }, { datasource: PROM, targets: [{ refId: 'A', expr: 'count(up == 1)' }] }) },
    { name: 'types not in the list', filename: 'd.json', code: dashboard([{ id: 1, type: 'table', title: 'T' }]) },
    { name: 'fieldConfig of the wrong type', filename: 'd.json', code: withUnit('nope', { options: { textMode: 'name' } }) },
  ],
  invalid: [
    {
      name: 'no unit: at the fieldConfig key, else at the type',
      filename: 'd.json',
      code,
      errors: [
        { messageId: 'missing', severity: 'info', message: 'Panel "Latency" (timeseries) has no unit: set fieldConfig.defaults.unit (seconds, bytes, reqps, percentunit, ...).', ...at(code, '"fieldConfig"') },
        { messageId: 'missing', ...at(code, '"gauge"') },
      ],
    },
  ],
});
