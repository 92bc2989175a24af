import { RuleTester } from '@obslint/core';
import { tooManyLabels } from './index.js';
import { runCodeTests } from '../fixtures/test-helpers.js';

const labels = (n: number) => Array.from({ length: n }, (_, i) => `l${i}="v"`).join(',');

new RuleTester().run(tooManyLabels, {
  valid: [
    { name: 'eight labels', filename: 'm.prom', code: `app_x_total{${labels(8)}} 1\n` },
    { name: 'le and quantile do not count', filename: 'm.prom', code: `# TYPE h_seconds histogram\nh_seconds_bucket{${labels(8)},le="1"} 1\n` },
    { name: 'info metrics are wide by design', filename: 'm.prom', code: `node_os_info{${labels(12)}} 1\n` },
    { name: 'max option', filename: 'm.prom', code: `app_x_total{${labels(10)}} 1\n`, options: { max: 10 } },
  ],
  invalid: [
    {
      name: 'nine labels across samples, at the family name',
      filename: 'm.prom',
      code: `# HELP app_x_total x.\n# TYPE app_x_total counter\napp_x_total{${labels(8)}} 1\napp_x_total{extra="1"} 1\n`,
      errors: [{ messageId: 'tooMany', message: /^Metric "app_x_total" has 9 labels \(max 8\): l0, l1, l2, l3, l4, l5, l6, l7, extra\./, line: 1, column: 8 }],
    },
  ],
});

const names = (n: number) => Array.from({ length: n }, (_, i) => `'l${i}'`).join(', ');
const attrs = (n: number) => Array.from({ length: n }, (_, i) => `a${i}: 1`).join(', ');

runCodeTests(tooManyLabels, {
  valid: [
    `new client.Counter({ name: 'x_total', help: 'x', labelNames: [${names(8)}] })`,
    `counter.add(1, { ${attrs(8)} })`,
    { code: `new client.Counter({ name: 'x_total', help: 'x', labelNames: [${names(9)}] })`, options: [{ max: 9 }] },
  ],
  invalid: [
    { code: `new client.Counter({ name: 'x_total', help: 'x', labelNames: [${names(9)}] })`, errors: [{ messageId: 'tooMany', data: { name: 'x_total', count: 9, max: 8, labels: 'l0, l1, l2, l3, l4, l5, l6, l7, l8' }, column: 62 }] },
    { code: `counter.add(1, { ${attrs(9)} })`, errors: [{ messageId: 'tooMany', data: { name: 'counter', count: 9, max: 8, labels: 'a0, a1, a2, a3, a4, a5, a6, a7, a8' }, column: 16 }] },
  ],
});
