import { spanNameCardinality } from './index.js';
import { runCodeTests } from '../../metric/fixtures/test-helpers.js';

const dynamic = (how: string, text: string) => ({ messageId: 'dynamic', data: { how, text } });

runCodeTests(spanNameCardinality, {
  valid: [
    "tracer.startSpan('checkout')",
    "tracer.startActiveSpan('db.query', (span) => span.end())",
    'tracer.startSpan(`${req.method} ${req.route.path}`)',
    'this.tracer.startActiveSpan(`HTTP ${method} ${route}`, fn)',
    "const OP = 'orders'; tracer.startSpan(`${OP}.create`)",
    'tracer.startSpan(SPAN_NAMES.CHECKOUT)',
    'function traced(name, fn) { return tracer.startActiveSpan(name, fn); }',
    'other.startSpan(`x ${id}`)',
    'tracer.startSpan(`process ${queueName}`)',
  ],
  invalid: [
    { code: 'tracer.startSpan(`GET /users/${id}`)', errors: [{ ...dynamic('a template literal', '`GET /users/${id}`'), column: 18, endColumn: 36 }] },
    { code: "import { trace } from '@opentelemetry/api'; trace.getTracer('web').startActiveSpan('GET ' + req.url, (s) => s.end())", errors: [dynamic('string concatenation', "'GET ' + req.url")] },
    { code: "import { trace } from '@opentelemetry/api'; const t = trace.getTracer('x'); t.startSpan(`job ${job.id}`)", errors: [dynamic('a template literal', '`job ${job.id}`')] },
    { code: 'this.appTracer.startSpan(`${req.method} ${req.path}`)', errors: [dynamic('a template literal', '`${req.method} ${req.path}`')] },
  ],
});
