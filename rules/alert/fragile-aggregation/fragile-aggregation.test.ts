import { RuleTester } from '@obslint/core';
import { alert, record, rulesFile } from '../test-fixtures.js';
import { fragileAggregation } from './index.js';

new RuleTester().run(fragileAggregation, {
  valid: [
    { filename: 'rules.yaml', code: rulesFile(alert('A', 'sum by (job) (rate(x_total[5m])) > 1')) },
    { name: 'topk by (...) (1, ...) deduplication', filename: 'rules.yaml', code: rulesFile(alert('A', 'topk by (namespace, pod) (1, kube_pod_info) == 1')) },
    { name: 'recording rules', filename: 'rules.yaml', code: rulesFile(record('x:top', 'topk(5, x)')) },
  ],
  invalid: [
    {
      filename: 'rules.yaml',
      code: rulesFile(alert('A', 'topk(3, rate(x_total[5m])) > 1')),
      errors: [{ messageId: 'fragile', line: 5, column: 15, endColumn: 19, message: /uses `topk`/ }],
    },
    { name: 'bottomk nested', filename: 'rules.yaml', code: rulesFile(alert('A', 'sum(bottomk(2, x)) < 1')), errors: [{ column: 19, message: /bottomk/ }] },
  ],
});
