import { RuleTester } from '@obslint/core';
import { alert, record, rulesFile } from '../../alert/test-fixtures.js';
import { recordingNaming } from './index.js';

new RuleTester().run(recordingNaming, {
  valid: [
    { filename: 'rules.yaml', code: rulesFile(record('job:http_requests:rate5m', 'sum by (job) (rate(http_requests_total[5m]))')) },
    { filename: 'rules.yaml', code: rulesFile(record('instance_path:request_latency_seconds:histogram_quantile', 'x')) },
    { name: 'empty level (cluster-wide) by default', filename: 'rules.yaml', code: rulesFile(record(':node_memory_MemAvailable_bytes:sum', 'sum(x)')) },
    { name: 'alerting rules', filename: 'rules.yaml', code: rulesFile(alert('NoColons', 'up == 0')) },
  ],
  invalid: [
    {
      filename: 'rules.yaml',
      code: rulesFile(record('http_requests_rate', 'sum(rate(http_requests_total[5m]))')),
      errors: [{ messageId: 'noColons', line: 4, column: 17, endColumn: 35, message: /Recording rule "http_requests_rate" is not in `level:metric:operations` form/ }],
    },
    { name: 'two parts', filename: 'rules.yaml', code: rulesFile(record('job:requests', 'x')), errors: [{ messageId: 'form', message: /two parts/ }] },
    { name: 'too many parts', filename: 'rules.yaml', code: rulesFile(record('a:b:c:d', 'x')), errors: [{ messageId: 'form', message: /4 colon-separated parts/ }] },
    { name: 'empty operations', filename: 'rules.yaml', code: rulesFile(record("'job:requests:'", 'x')), errors: [{ messageId: 'form', message: /operations part is empty/ }] },
    { name: 'option allowEmptyLevel: false', filename: 'rules.yaml', code: rulesFile(record(':x:sum', 'x')), options: { allowEmptyLevel: false }, errors: [{ message: /level/ }] },
  ],
});
