import { RuleTester } from '@obslint/core';
import { at, dashboard } from '../fixtures/build.js';
import { datasourceVariable } from './index.js';

const panel = (datasource: unknown, targets: unknown[] = [{ refId: 'A', expr: 'up' }]) => ({ id: 1, type: 'timeseries', title: 'P', datasource, targets });
const pinned = dashboard([panel({ type: 'prometheus', uid: 'P1809F7CD0C75ACF3' }, [{ refId: 'A', expr: 'up', datasource: { type: 'prometheus', uid: 'P1809F7CD0C75ACF3' } }])]);
const mixed = dashboard([
  panel({ type: 'datasource', uid: '-- Mixed --' }, [
    { refId: 'A', expr: 'up', datasource: { type: 'prometheus', uid: '${datasource}' } },
    { refId: 'B', expr: '{app="x"}', datasource: { type: 'loki', uid: 'loki-eu' } },
  ]),
  { id: 2, type: 'graph', title: 'Old', datasource: 'Prometheus-prod', targets: [] },
]);

new RuleTester().run(datasourceVariable, {
  valid: [
    { name: '-- Grafana --', filename: 'd.json', code: dashboard([panel('-- Grafana --')]) },
    { name: '-- Mixed -- with variable targets', filename: 'd.json', code: dashboard([panel({ type: 'datasource', uid: '-- Mixed --' }, [{ refId: 'A', expr: 'up', datasource: { uid: '$datasource' } }])]) },
    { name: '-- Dashboard --', filename: 'd.json', code: dashboard([panel({ type: 'datasource', uid: '-- Dashboard --' })]) },
    { name: '__expr__ targets', filename: 'd.json', code: dashboard([panel('$datasource', [{ refId: 'B', datasource: { type: '__expr__', uid: '__expr__' }, expression: '$A > 1' }])]) },
    { name: '${DS_*} inputs', filename: 'd.json', code: dashboard([panel('${DS_PROMETHEUS}')], { __inputs: [{ name: 'DS_PROMETHEUS', type: 'datasource', pluginId: 'prometheus' }] }) },
    { name: 'per-target datasource variables', filename: 'd.json', code: dashboard([panel(null, [{ refId: 'A', expr: 'up', datasource: '[[ds]]' }])]) },
    { name: 'default datasource and type-only refs', filename: 'd.json', code: dashboard([panel(null), panel('default'), panel({ type: 'prometheus' })]) },
    { name: 'allow list', filename: 'd.json', code: pinned, options: { allow: ['P1809F7CD0C75ACF3'] } },
    { name: 'odd datasource values', filename: 'd.json', code: dashboard([panel(42), panel(['x']), panel({ uid: 7 })]) },
  ],
  invalid: [
    {
      name: 'pinned panel with the same pinned targets: reported once, on the panel',
      filename: 'd.json',
      code: pinned,
      errors: [
        {
          messageId: 'panel',
          message: 'Panel "P" is pinned to datasource "P1809F7CD0C75ACF3": use a datasource variable (${datasource}) so the dashboard works in every environment.',
          ...at(pinned, '"datasource": {', 14),
        },
      ],
    },
    {
      name: 'pinned target in a mixed panel, pinned name string',
      filename: 'd.json',
      code: mixed,
      errors: [
        { messageId: 'target', message: /Query B of panel "P" is pinned to datasource "loki-eu"/, ...at(mixed, '"datasource": {', 14, 2) },
        { messageId: 'panel', message: /"Old" is pinned to datasource "Prometheus-prod"/, ...at(mixed, '"Prometheus-prod"') },
      ],
    },
  ],
});
