import { RuleTester } from '@obslint/core';
import { at, dashboard } from '../fixtures/build.js';
import { panelTitle } from './index.js';

const placeholder = dashboard([{ id: 1, type: 'timeseries', title: 'Panel Title' }, { id: 2, type: 'stat', title: 'metric_1' }]);
const missing = dashboard([{ id: 3, type: 'table' }, { id: 4, type: 'gauge', title: '  ' }]);

new RuleTester().run(panelTitle, {
  valid: [
    { name: 'real titles', filename: 'd.json', code: dashboard([{ id: 1, type: 'timeseries', title: 'Error rate by route' }, { id: 2, type: 'stat', title: 'Metric 1 lag (s)' }]) },
    { name: 'row panels need no title', filename: 'd.json', code: dashboard([{ id: 1, type: 'row', title: '', panels: [] }]) },
    { name: 'text panels need no title', filename: 'd.json', code: dashboard([{ id: 1, type: 'text', title: '', options: { content: '# Hi' } }]) },
    { name: 'unresolved library-panel stub takes its title from Grafana', filename: 'd.json', code: dashboard([{ id: 1, libraryPanel: { uid: 'lib', name: 'L' } }]) },
    { name: 'extra ignored type', filename: 'd.json', code: missing, options: { ignoreTypes: ['table', 'gauge'] } },
    { name: 'non-string title does not crash', filename: 'd.json', code: dashboard([{ id: 1, type: 'text', title: 42 }]) },
  ],
  invalid: [
    {
      name: 'placeholders, located at the title',
      filename: 'd.json',
      code: placeholder,
      errors: [
        { messageId: 'placeholder', message: 'Panel title "Panel Title" is a placeholder: say what the panel answers ("Error rate by route").', ...at(placeholder, '"Panel Title"') },
        { messageId: 'placeholder', ...at(placeholder, '"metric_1"') },
      ],
    },
    {
      name: 'missing and blank titles',
      filename: 'd.json',
      code: missing,
      errors: [
        { messageId: 'missing', message: 'Panel #3 has no title: say what the panel answers ("Error rate by route").', ...at(missing, '{', 0, 3) },
        { messageId: 'empty', ...at(missing, '"  "') },
      ],
    },
    {
      name: 'extra placeholders from options',
      filename: 'd.json',
      code: dashboard([{ id: 1, type: 'timeseries', title: 'TODO' }]),
      options: { placeholders: ['todo'] },
      errors: [{ messageId: 'placeholder', message: /"TODO" is a placeholder/ }],
    },
    {
      name: 'library-panel stub resolved through __elements without a title',
      filename: 'd.json',
      code: dashboard([{ id: 1, libraryPanel: { uid: 'lib', name: 'L' } }], { __elements: { lib: { uid: 'lib', model: { type: 'timeseries', title: 'New panel' } } } }),
      errors: [{ messageId: 'placeholder', message: /"New panel"/, pointer: '/__elements/lib/model/title' }],
    },
  ],
});
