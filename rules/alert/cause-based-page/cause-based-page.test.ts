import { RuleTester } from '@obslint/core';
import { alert, rulesFile } from '../test-fixtures.js';
import { causeBasedPage } from './index.js';

const crit = { labels: { severity: 'critical' } };

new RuleTester().run(causeBasedPage, {
  valid: [
    { name: 'symptom', filename: 'rules.yaml', code: rulesFile(alert('A', 'sum(rate(http_requests_total{code=~"5.."}[5m])) / sum(rate(http_requests_total[5m])) > 0.05', crit)) },
    { name: 'disk-full prediction', filename: 'rules.yaml', code: rulesFile(alert('A', 'predict_linear(node_filesystem_avail_bytes[6h], 4 * 3600) < 0', crit)) },
    { name: 'not paging', filename: 'rules.yaml', code: rulesFile(alert('A', 'node_load5 > 10', { labels: { severity: 'warning' } })) },
    { name: 'words, not substrings', filename: 'rules.yaml', code: rulesFile(alert('A', 'cortex_ring_members{state="Unhealthy"} > 0', crit)) },
  ],
  invalid: [
    {
      filename: 'rules.yaml',
      code: rulesFile(alert('HighCpu', '100 * avg by (instance) (rate(node_cpu_seconds_total{mode!="idle"}[5m])) > 90', crit)),
      errors: [{ messageId: 'cause', line: 7, column: 21, message: /pages on a resource cause \(`node_cpu_seconds_total`\).*high CPU/ }],
    },
    {
      name: 'memory joined with metadata',
      filename: 'rules.yaml',
      code: rulesFile(alert('Mem', 'container_memory_working_set_bytes / on (pod) group_left kube_pod_info > 1e9', crit)),
      errors: [{ messageId: 'cause', message: /high memory/ }],
    },
  ],
});
