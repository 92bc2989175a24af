import { RuleTester } from '@obslint/core';
import { highCardinalityLabelRule } from './index.js';
import { at, CLIENT_COUNTER, OTEL_ADD, runCodeTests, userIdSnapshot } from '../fixtures/test-helpers.js';

const acceptance = userIdSnapshot();

new RuleTester().run(highCardinalityLabelRule, {
  valid: [
    {
      name: 'route templates are bounded (http_route, route, path_template)',
      filename: 'm.prom',
      code: '# HELP http_requests_total x.\n# TYPE http_requests_total counter\nhttp_requests_total{http_route="/users/:id",route="/a",path_template="/b/{id}",method="GET",code="200"} 1\n',
    },
    { name: 'allow option', filename: 'm.prom', code: 'app_logins_total{user_id="100001"} 1\n', options: { allow: ['user_id'] } },
    { name: 'settings list replaces the default', filename: 'm.prom', code: 'app_logins_total{user_id="100001"} 1\n', settings: { highCardinalityLabels: ['pod'] } },
    {
      name: 'small enums under a listed name (node_exporter ip="v4"|"v6", one disk path)',
      filename: 'node.prom',
      code: 'node_udp_queues{ip="v4",queue="rx"} 0\nnode_udp_queues{ip="v6",queue="rx"} 0\nnode_disk_info{device="sda",path="pci-0000:00:1f.2-ata-1"} 1\n',
    },
  ],
  invalid: [
    {
      name: 'issue 5 acceptance: user_id with 5,000 values, at the first offending sample',
      filename: 'big.prom',
      code: acceptance.code,
      errors: [{ messageId: 'snapshot', message: /^Label "user_id" of "api_requests_total" is unbounded \(5,000 distinct values here\)/, line: acceptance.line, column: acceptance.column, endColumn: acceptance.endColumn }],
    },
    {
      name: 'email, path and a configured label',
      filename: 'm.prom',
      code: 'app_x_total{email="a@b.c",path="/a"} 1\napp_y{pod="p"} 1\n',
      settings: { highCardinalityLabels: ['email', 'path', 'pod'] },
      options: { smallEnumMax: 0 },
      errors: [
        { messageId: 'snapshot', line: 1, column: 13 },
        { messageId: 'snapshot', line: 1, column: 27 },
        { messageId: 'snapshot', line: 2, column: 7 },
      ],
    },
    {
      name: 'a listed label with an id-like value is reported whatever its count',
      filename: 'm.prom',
      code: 'app_logins_total{user_id="100001"} 1\n',
      errors: [{ messageId: 'snapshot', line: 1, column: 18 }],
    },
    { name: 'more values than a small enum', filename: 'm.prom', code: Array.from({ length: 11 }, (_, i) => `app_logins_total{user="u${i}"} 1`).join('\n') + '\n', errors: [{ messageId: 'snapshot', line: 1 }] },
  ],
});

runCodeTests(highCardinalityLabelRule, {
  valid: [
    "import client from 'prom-client'; new client.Counter({ name: 'http_requests_total', help: 'x', labelNames: ['method', 'route', 'status_code'] })",
    "counter.add(1, { 'http.route': req.route.path, 'http.request.method': req.method })",
    "requestCounter.inc({ route: '/users/:id' })",
    'cache.set({ user_id: 1 }, 2)',
    { code: "new client.Counter({ name: 'logins_total', help: 'x', labelNames: ['user_id'] })", options: [{ allow: ['user_id'] }] },
    { code: "new client.Counter({ name: 'logins_total', help: 'x', labelNames: ['user_id'] })", settings: { obslint: { highCardinalityLabels: ['pod'] } } },
  ],
  invalid: [
    {
      code: CLIENT_COUNTER,
      errors: [{ messageId: 'code', data: { label: 'user_id', name: 'metric_1' }, line: 1, ...at(CLIENT_COUNTER, "'user_id'") }],
    },
    {
      code: OTEL_ADD,
      errors: [{ messageId: 'code', data: { label: 'path', name: 'http.requests' }, ...at(OTEL_ADD, 'path') }],
    },
    { code: "requestCounter.inc({ userId: id, route })", errors: [{ messageId: 'code', data: { label: 'userId', name: 'requestCounter' } }] },
    { code: "histogram.record(ms, { 'enduser.id': user.id })", errors: [{ messageId: 'code', data: { label: 'enduser.id', name: 'histogram' } }] },
    { code: "new client.Gauge({ name: 'sessions', help: 'x', labelNames: ['session_id'] })", settings: { obslint: { highCardinalityLabels: ['session_id'] } }, errors: [{ messageId: 'code' }] },
  ],
});
