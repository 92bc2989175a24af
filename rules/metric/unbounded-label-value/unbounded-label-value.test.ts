import { RuleTester } from '@obslint/core';
import { unboundedLabelValue } from './index.js';
import { at, CLIENT_COUNTER, OTEL_ADD, runCodeTests, userIdSnapshot } from '../fixtures/test-helpers.js';

const acceptance = userIdSnapshot();

new RuleTester().run(unboundedLabelValue, {
  valid: [
    {
      name: 'small enums, status codes, methods, route templates, bucket bounds',
      filename: 'm.prom',
      code:
        '# HELP http_request_duration_seconds x.\n# TYPE http_request_duration_seconds histogram\n' +
        ['GET', 'POST'].flatMap((m) => ['200', '404', '503'].map((c) => `http_request_duration_seconds_bucket{method="${m}",code="${c}",route="/users/:id",le="0.005"} 1`)).join('\n') +
        '\n',
    },
    { name: 'a single id is not a pattern (build info, one instance)', filename: 'm.prom', code: 'app_build_revision{revision="5f2b8c9d0e1a2b3c4d5e"} 1\napp_up{instance="10.0.0.1:9100"} 1\n' },
    { name: 'info metrics', filename: 'm.prom', code: '# TYPE app info\napp_info{id="123456"} 1\napp_info{id="123457"} 1\n# EOF\n' },
    { name: 'allow option', filename: 'm.prom', code: 'a_b{ip="10.0.0.1"} 1\na_b{ip="10.0.0.2"} 1\n', options: { allow: ['ip'] } },
  ],
  invalid: [
    {
      name: 'issue 5 acceptance: user_id with 5,000 values, at the first offending sample',
      filename: 'big.prom',
      code: acceptance.code,
      errors: [
        {
          messageId: 'snapshot',
          message: 'Label "user_id" of "api_requests_total" has 5,000 distinct values that look like numeric ids (e.g. "100000"): an unbounded label creates a series per value.',
          line: acceptance.line,
          column: acceptance.column,
          endColumn: acceptance.endColumn,
        },
      ],
    },
    {
      name: 'UUIDs, emails, IPs and URLs with ids, each at the first offending sample',
      filename: 'm.prom',
      code: [
        'app_jobs_total{job_id="ok",queue="a"} 1',
        'app_jobs_total{job_id="9b2e4c1a-3f5d-4e6b-8a7c-1d2e3f4a5b6c",queue="a"} 1',
        'app_jobs_total{job_id="0c1d2e3f-4a5b-4c6d-8e7f-8091a2b3c4d5",queue="a"} 1',
        'app_mails_total{to="a@example.com"} 1',
        'app_mails_total{to="b@example.com"} 1',
        'app_peers{peer="10.0.0.1"} 1',
        'app_peers{peer="10.0.0.2"} 1',
        'app_hits_total{page="/users/12/orders"} 1',
        'app_hits_total{page="/search?q=shoes"} 1',
      ].join('\n') + '\n',
      errors: [
        { messageId: 'snapshot', line: 2, column: 16, message: /2 distinct values that look like UUIDs/ },
        { messageId: 'snapshot', line: 4, message: /email addresses/ },
        { messageId: 'snapshot', line: 6, message: /IP addresses/ },
        { messageId: 'snapshot', line: 8, message: /URLs with ids/ },
      ],
    },
    { name: 'minValues option', filename: 'm.prom', code: 'a_b{ip="10.0.0.1"} 1\n', options: { minValues: 1 }, errors: [{ messageId: 'snapshot', line: 1, column: 5 }] },
  ],
});

runCodeTests(unboundedLabelValue, {
  valid: [
    "counter.add(1, { 'http.route': req.route.path, method: req.method, status: res.statusCode })",
    // an observable callback's parameter is an observer only inside the callback
    "meter.createObservableGauge('queue.depth').addCallback((result) => { result.observe(1); }); result.observe(2, { owner: q.ownerEmail });",
    "httpRequests.labels(req.method, String(res.statusCode)).inc()",
    "requestCounter.inc({ route: req.route?.path ?? 'unknown', code: `${Math.floor(res.statusCode / 100)}xx` === '2xx' ? 'ok' : 'error' })",
    "const ROUTE = '/users'; histogram.observe({ route: `${ROUTE}/:id` }, 1)",
    'map.set({ path: req.url }, 1)',
    "gauge.set({ region: config.region }, 1)",
  ],
  invalid: [
    {
      code: OTEL_ADD,
      errors: [{ messageId: 'code', data: { label: 'path', name: 'http.requests', reason: 'the raw URL (req.url)' }, ...at(OTEL_ADD, 'req.url') }],
    },
    {
      code: "import client from 'prom-client'; const h = new client.Histogram({ name: 'http_request_duration_seconds', help: 'x', labelNames: ['path', 'method'] }); h.labels(req.originalUrl, req.method).observe(1);",
      errors: [{ messageId: 'code', data: { label: 'path', name: 'http_request_duration_seconds', reason: 'the raw URL (req.originalUrl)' } }],
    },
    { code: 'requestCounter.inc({ user: req.user.id })', errors: [{ messageId: 'code', data: { label: 'user', name: 'requestCounter', reason: 'an unbounded id (req.user.id)' } }] },
    { code: 'gauge.set({ at: Date.now() }, 1)', errors: [{ messageId: 'code', data: { label: 'at', name: 'gauge', reason: 'a timestamp (Date.now())' } }] },
    { code: 'histogram.observe({ path: req.path }, 0.2)', errors: [{ messageId: 'code', data: { label: 'path', name: 'histogram', reason: 'the raw path (req.path)' } }] },
    { code: 'histogram.record(d, { target: `${host}/${id}` })', errors: [{ messageId: 'code', data: { label: 'target', name: 'histogram', reason: 'a template literal with variables' } }] },
    { code: "const end = latencyHistogram.startTimer({ route }); end({ session: req.sessionId });", errors: [{ messageId: 'code', data: { label: 'session', name: 'end', reason: 'an unbounded id (req.sessionId)' } }] },
    {
      code: "meter.createObservableGauge('queue.depth').addCallback((result) => { for (const q of queues) result.observe(q.size, { queue: q.name, owner: q.ownerEmail }); });",
      errors: [{ messageId: 'code', data: { label: 'owner', name: 'queue.depth', reason: 'an unbounded id (q.ownerEmail)' } }],
    },
    {
      code: "meter.addBatchObservableCallback((observer) => { observer.observe(gauge, 1, { ip: req.ip }); }, [gauge]);",
      errors: [{ messageId: 'code', data: { label: 'ip', name: 'gauge', reason: 'an unbounded id (req.ip)' } }],
    },
  ],
});
