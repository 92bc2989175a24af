import { RuleTester } from '@obslint/core';
import { alert, rulesFile } from '../test-fixtures.js';
import { noComparison } from './index.js';

const ok = (expr: string, name = 'A') => ({ name: expr, filename: 'rules.yaml', code: rulesFile(alert(name, expr, { for: '5m' })) });

new RuleTester().run(noComparison, {
  valid: [
    ok('up == 0'),
    ok('sum by (job) (rate(errors_total[5m])) / sum by (job) (rate(requests_total[5m])) > 0.05'),
    ok('absent(up{job="api"})'),
    ok('absent_over_time(up{job="api"}[10m])'),
    ok('ALERTS{alertstate="firing", severity="critical"}'),
    ok('vector(1)', 'Watchdog'),
    ok('vector(1)', 'DeadMansSwitch'),
    ok('(rate(x_total[5m]) > 1) * 100'),
    ok('count(up == 0) by (job)'),
    ok('up unless on (job) maintenance_mode'),
    ok("'(x > 1) or absent(x)'"),
    ok('kube_node_info{kernel_version=~"4.*"}'),
    ok('# a comment first\n          up == 0'),
  ],
  invalid: [
    {
      filename: 'rules.yaml',
      code: rulesFile(alert('HighErrors', 'rate(errors_total[5m])', { for: '5m' })),
      errors: [{ messageId: 'always', line: 5, column: 15, endColumn: 37, message: /Alert "HighErrors" has no condition: `rate\(errors_total\[5m\]\)` returns a series/ }],
    },
    {
      name: 'ALERTS when it is not a forwarded metric (valid above with the default options)',
      filename: 'rules.yaml',
      code: rulesFile(alert('A', 'ALERTS{alertstate="firing", severity="critical"}')),
      options: { forwardMetrics: [] },
      errors: [{ messageId: 'always' }],
    },
    { name: 'bool neutralises the comparison', filename: 'rules.yaml', code: rulesFile(alert('A', 'up == bool 0')), errors: [{ messageId: 'bool', line: 5, column: 15 }] },
    { name: 'vector(1) not named like a watchdog', filename: 'rules.yaml', code: rulesFile(alert('Always', 'vector(1)')), errors: [{ messageId: 'always' }] },
    { name: 'one side of or without a condition', filename: 'rules.yaml', code: rulesFile(alert('A', "'(x > 1) or y'")), errors: 1 },
    { name: 'topk selects, it does not filter', filename: 'rules.yaml', code: rulesFile(alert('A', 'topk(3, rate(x_total[5m]))')), errors: 1 },
    { name: 'option watchdogNames', filename: 'rules.yaml', code: rulesFile(alert('Watchdog', 'vector(1)')), options: { watchdogNames: '^Heartbeat$' }, errors: 1 },
  ],
});
