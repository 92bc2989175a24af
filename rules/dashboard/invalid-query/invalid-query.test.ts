import { RuleTester } from '@obslint/core';
import { at, dashboard, promPanel } from '../fixtures/build.js';
import { invalidQuery } from './index.js';

const broken = dashboard([promPanel(1, ['rate(x{%(matchers)s}[$__rate_interval])'])]);
const loki = dashboard([promPanel(1, ['sum(count_over_time({app="x"} |= "err" [5m])'], { datasource: { type: 'loki', uid: '$loki' } })]);
const escaped = dashboard([promPanel(1, ['sum(rate(x{path=~"a\\\\.b"}[5m])) by (path,,)'])]);

new RuleTester().run(invalidQuery, {
  valid: [
    {
      name: 'every variable form parses',
      filename: 'd.json',
      code: dashboard([
        promPanel(1, [
          'sum by ($grp) (rate(x_total{a=~"${a:regex}", b="[[b]]"}[$__rate_interval])) / ${__range_s}',
          'increase(x_total[${__interval_ms}ms]) offset $off',
          'up $op on (instance) node_up',
          '# a comment with a quote: it\'s fine\nsum(rate(x_total[$__rate_interval]))',
        ]),
      ]),
    },
    { name: 'other datasources', filename: 'd.json', code: dashboard([promPanel(1, ['SELECT * FROM x WHERE'], { datasource: { type: 'mysql', uid: '$db' } })]) },
    { name: 'empty hidden targets', filename: 'd.json', code: dashboard([promPanel(1, [], { targets: [{ refId: 'A', expr: '', hide: true }] })]) },
    { name: 'empty target next to a real one', filename: 'd.json', code: dashboard([promPanel(1, ['up', ''])]) },
    { name: 'leftover empty target of an alert list', filename: 'd.json', code: dashboard([promPanel(1, [''], { type: 'alertlist' })]) },
    { name: 'valid LogQL', filename: 'd.json', code: dashboard([promPanel(1, ['sum by (level) (count_over_time({app="$app"} |= "$search" [$__auto]))'], { datasource: { type: 'loki', uid: '$loki' } })]) },
    { name: 'server-side expressions', filename: 'd.json', code: dashboard([promPanel(1, [], { targets: [{ refId: 'B', datasource: { type: '__expr__', uid: '__expr__' }, expression: '$A +' }] })]) },
  ],
  invalid: [
    {
      name: 'jsonnet leftover: located at the error inside the string',
      filename: 'd.json',
      code: broken,
      errors: [{ messageId: 'invalid', message: 'PromQL query A of panel "Panel A" does not parse: unexpected "%".', ...at(broken, '%(') }],
    },
    {
      name: 'located through JSON escapes',
      filename: 'd.json',
      code: escaped,
      errors: [{ messageId: 'invalid', ...at(escaped, ',,', 1) }],
    },
    {
      name: 'LogQL with an unbalanced parenthesis',
      filename: 'd.json',
      code: loki,
      errors: [{ messageId: 'invalid', message: /^LogQL query A of panel "Panel A" does not parse/ }],
    },
    {
      name: 'a data panel whose only query is empty',
      filename: 'd.json',
      code: dashboard([promPanel(1, [''])]),
      errors: [{ messageId: 'empty', message: 'Query A of panel "Panel A" is empty: remove it or hide it.' }],
    },
  ],
});
