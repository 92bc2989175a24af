import { RuleTester } from '@obslint/core';
import { histogramBuckets } from './index.js';
import { runCodeTests } from '../fixtures/test-helpers.js';

const histogram = (bounds: number, type = 'histogram') =>
  `# HELP h_seconds x.\n# TYPE h_seconds ${type}\n` +
  Array.from({ length: bounds }, (_, i) => `h_seconds_bucket{le="${(i + 1) / 10}"} ${i}`).join('\n') +
  `\nh_seconds_bucket{le="+Inf"} ${bounds}\n`;

new RuleTester().run(histogramBuckets, {
  valid: [
    { name: '15 finite buckets', filename: 'm.prom', code: histogram(15) },
    { name: 'labels multiply samples, not buckets', filename: 'm.prom', code: '# TYPE h_seconds histogram\n' + ['a', 'b', 'c'].flatMap((r) => Array.from({ length: 10 }, (_, i) => `h_seconds_bucket{route="${r}",le="${i}"} 1`)).join('\n') + '\n' },
    { name: 'gauges with an le label are not histograms', filename: 'm.prom', code: Array.from({ length: 20 }, (_, i) => `g{le="${i}"} 1`).join('\n') + '\n' },
    { name: 'max option', filename: 'm.prom', code: histogram(20), options: { max: 20 } },
  ],
  invalid: [
    { name: '16 buckets, at the family name', filename: 'm.prom', code: histogram(16), errors: [{ messageId: 'tooMany', message: /^Histogram "h_seconds" has 16 buckets \(max 15\)/, line: 1, column: 8 }] },
    { name: 'gauge histograms too', filename: 'm.prom', code: histogram(16, 'gaugehistogram') + '# EOF\n', errors: [{ messageId: 'tooMany' }] },
  ],
});

const bounds = (n: number) => Array.from({ length: n }, (_, i) => (i + 1) / 100).join(', ');

runCodeTests(histogramBuckets, {
  valid: [
    `new client.Histogram({ name: 'x_seconds', help: 'x', buckets: [${bounds(15)}] })`,
    `new client.Histogram({ name: 'x_seconds', help: 'x', buckets: [${bounds(15)}, Infinity] })`,
    "new client.Histogram({ name: 'x_seconds', help: 'x', buckets: client.exponentialBuckets(0.001, 2, 12) })",
    "new client.Histogram({ name: 'x_seconds', help: 'x', buckets: BUCKETS })",
    "meter.createHistogram('x.duration', { unit: 's', advice: { explicitBucketBoundaries: [0.1, 1, 10] } })",
  ],
  invalid: [
    { code: `new client.Histogram({ name: 'x_seconds', help: 'x', buckets: [${bounds(16)}] })`, errors: [{ messageId: 'tooMany', data: { name: 'x_seconds', count: 16, max: 15 }, column: 63 }] },
    { code: "import { linearBuckets, Histogram } from 'prom-client'; new Histogram({ name: 'x_seconds', help: 'x', buckets: linearBuckets(0, 0.05, 40) })", errors: [{ messageId: 'tooMany', data: { name: 'x_seconds', count: 40, max: 15 } }] },
    { code: `const B = [${bounds(20)}]; new client.Histogram({ name: 'x_seconds', help: 'x', buckets: B })`, errors: [{ messageId: 'tooMany', data: { name: 'x_seconds', count: 20, max: 15 } }] },
    { code: `meter.createHistogram('x.duration', { unit: 's', advice: { explicitBucketBoundaries: [${bounds(30)}] } })`, errors: [{ messageId: 'tooMany', data: { name: 'x.duration', count: 30, max: 15 } }] },
  ],
});
