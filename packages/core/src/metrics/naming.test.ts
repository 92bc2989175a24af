import { describe, expect, it } from 'vitest';
import { SourceFile } from '../source/source-file.js';
import { parseExposition } from '../exposition/parse-exposition.js';
import { familyNameDefinition, otelNameProblems, prometheusNameProblems } from './naming.js';

/**
 * Mirrors promlint's own test cases (client_golang prometheus/testutil/promlint/promlint_test.go): the same
 * inputs give the same problem texts. promlint's "no help text" is metric/missing-help's job: it is added
 * here from the parsed HELP so the expectations read exactly like promlint's.
 */
function promlint(text: string): Array<{ metric: string; text: string }> {
  const snap = parseExposition(new SourceFile('/x/m.prom', 'm.prom', text));
  expect(snap.errors).toEqual([]);
  const out: Array<{ metric: string; text: string }> = [];
  for (const f of snap.families) {
    if (!f.help) out.push({ metric: f.name, text: 'no help text' });
    for (const p of prometheusNameProblems(familyNameDefinition(f))) out.push({ metric: f.name, text: p.text });
  }
  return out.sort((a, b) => (a.metric === b.metric ? (a.text < b.text ? -1 : 1) : a.metric < b.metric ? -1 : 1));
}
const p = (metric: string, text: string) => ({ metric, text });
const untyped = (n: string) => `# HELP ${n} Test metric.\n# TYPE ${n} untyped\n${n} 10\n`;
const typed = (n: string, t: string) => `# HELP ${n} Test metric.\n# TYPE ${n} ${t}\n${n} 10\n`;

describe('promlint: TestLintNoHelpText', () => {
  it('no help', () => expect(promlint('# TYPE go_goroutines gauge\ngo_goroutines 24\n')).toEqual([p('go_goroutines', 'no help text')]));
  it('empty help', () => expect(promlint('# HELP go_goroutines\n# TYPE go_goroutines gauge\ngo_goroutines 24\n')).toEqual([p('go_goroutines', 'no help text')]));
  it('no help and empty help', () =>
    expect(promlint('# HELP go_goroutines\n# TYPE go_goroutines gauge\ngo_goroutines 24\n# TYPE go_threads gauge\ngo_threads 10\n')).toEqual([
      p('go_goroutines', 'no help text'),
      p('go_threads', 'no help text'),
    ]));
  it('OK', () => expect(promlint('# HELP go_goroutines Number of goroutines that currently exist.\n# TYPE go_goroutines gauge\ngo_goroutines 24\n')).toEqual([]));
});

describe('promlint: TestLintMetricUnits', () => {
  for (const good of ['amperes', 'bytes', 'grams', 'celsius', 'meters', 'metres', 'moles', 'seconds', 'joules', 'kelvin']) {
    it(`x_${good} is fine`, () => expect(promlint(untyped(`x_${good}`))).toEqual([]));
  }
  const bad: Array<[string, string, string]> = [
    ['x_milliamperes', 'amperes', 'milliamperes'],
    ['x_gigabytes', 'bytes', 'gigabytes'],
    ['x_kilograms', 'grams', 'kilograms'],
    ['x_nanocelsius', 'celsius', 'nanocelsius'],
    ['x_kilometers', 'meters', 'kilometers'],
    ['x_picometers', 'meters', 'picometers'],
    ['x_microseconds', 'seconds', 'microseconds'],
    ['x_minutes', 'seconds', 'minutes'],
    ['x_hours', 'seconds', 'hours'],
    ['x_days', 'seconds', 'days'],
    ['x_kelvins', 'kelvin', 'kelvins'],
    ['thermometers_fahrenheit', 'celsius', 'fahrenheit'],
    ['thermometers_rankine', 'celsius', 'rankine'],
    ['x_inches', 'meters', 'inches'],
    ['x_yards', 'meters', 'yards'],
    ['x_miles', 'meters', 'miles'],
    ['x_bits', 'bytes', 'bits'],
    ['x_calories', 'joules', 'calories'],
    ['x_pounds', 'grams', 'pounds'],
    ['x_ounces', 'grams', 'ounces'],
  ];
  for (const [n, base, unit] of bad) {
    it(n, () => expect(promlint(untyped(n))).toEqual([p(n, `use base unit "${base}" instead of "${unit}"`)]));
  }
});

describe('promlint: TestLintCounter', () => {
  it('counter without _total suffix', () => expect(promlint(typed('x_bytes', 'counter'))).toEqual([p('x_bytes', 'counter metrics should have "_total" suffix')]));
  it('gauge with _total suffix', () => expect(promlint(typed('x_bytes_total', 'gauge'))).toEqual([p('x_bytes_total', 'non-counter metrics should not have "_total" suffix')]));
  it('counter with _total suffix', () => expect(promlint(typed('x_bytes_total', 'counter'))).toEqual([]));
  it('gauge without _total suffix', () => expect(promlint(typed('x_bytes', 'gauge'))).toEqual([]));
  it('untyped with _total suffix', () => expect(promlint(typed('x_bytes_total', 'untyped'))).toEqual([]));
  it('untyped without _total suffix', () => expect(promlint(typed('x_bytes', 'untyped'))).toEqual([]));
  it('OpenMetrics counter declared without _total, exposed as _total', () =>
    expect(promlint('# HELP x_bytes Test metric.\n# TYPE x_bytes counter\nx_bytes_total 10\n# EOF\n')).toEqual([]));
});

describe('promlint: TestLintHistogramSummaryReserved', () => {
  it('gauge with _bucket suffix', () => expect(promlint(typed('x_bytes_bucket', 'gauge'))).toEqual([p('x_bytes_bucket', 'non-histogram metrics should not have "_bucket" suffix')]));
  it('gauge with _count suffix', () =>
    expect(promlint(typed('x_bytes_count', 'gauge'))).toEqual([p('x_bytes_count', 'non-histogram and non-summary metrics should not have "_count" suffix')]));
  it('gauge with _sum suffix', () => expect(promlint(typed('x_bytes_sum', 'gauge'))).toEqual([p('x_bytes_sum', 'non-histogram and non-summary metrics should not have "_sum" suffix')]));
  it('gauge with le label', () =>
    expect(promlint('# HELP x_bytes Test metric.\n# TYPE x_bytes gauge\nx_bytes{le="1"} 10\n')).toEqual([p('x_bytes', 'non-histogram metrics should not have "le" label')]));
  it('gauge with quantile label', () =>
    expect(promlint('# HELP x_bytes Test metric.\n# TYPE x_bytes gauge\nx_bytes{quantile="1"} 10\n')).toEqual([p('x_bytes', 'non-summary metrics should not have "quantile" label')]));
  const buckets = ['0.005', '0.01', '0.025', '0.05', '0.1', '0.25', '0.5', '1', '2.5', '5', '10', '+Inf'];
  const histogram = (extra: string) =>
    '# HELP tsdb_compaction_duration Duration of compaction runs.\n# TYPE tsdb_compaction_duration histogram\n' +
    buckets.map((b) => `tsdb_compaction_duration_bucket{le="${b}"${extra}} 0\n`).join('') +
    'tsdb_compaction_duration_sum 28.740810936000006\ntsdb_compaction_duration_count 69\n';
  const quantiles = ['0', '0.25', '0.5', '0.75', '1'];
  const summary = (extra: string) =>
    '# HELP go_gc_duration_seconds A summary of the GC invocation durations.\n# TYPE go_gc_duration_seconds summary\n' +
    quantiles.map((q) => `go_gc_duration_seconds{quantile="${q}"${extra}} 4.2365e-05\n`).join('') +
    'go_gc_duration_seconds_sum 1.769429004\ngo_gc_duration_seconds_count 5962\n';
  it('histogram with quantile label', () => expect(promlint(histogram(',quantile="0.01"'))).toEqual([p('tsdb_compaction_duration', 'non-summary metrics should not have "quantile" label')]));
  it('summary with le label', () => expect(promlint(summary(',le="0.01"'))).toEqual([p('go_gc_duration_seconds', 'non-histogram metrics should not have "le" label')]));
  it('histogram OK', () => expect(promlint(histogram(''))).toEqual([]));
  it('summary OK', () => expect(promlint(summary(''))).toEqual([]));
});

describe('promlint: TestLintMetricTypeInName', () => {
  const gen = (n: string, t: string, ...extra: Array<{ metric: string; text: string }>) =>
    it(`${n} (${t})`, () => expect(promlint(typed(n, t))).toEqual([...extra, p(n, `metric name should not include type '${t}'`)].sort((a, b) => (a.text < b.text ? -1 : 1))));
  gen('http_requests_counter', 'counter', p('http_requests_counter', 'counter metrics should have "_total" suffix'));
  gen('instance_memory_limit_bytes_gauge', 'gauge');
  gen('request_duration_seconds_summary', 'summary');
  gen('request_duration_seconds_histogram', 'histogram');
  gen('request_duration_seconds_HISTOGRAM', 'histogram');
  gen('instance_memory_limit_gauge_bytes', 'gauge');
});

describe('promlint: TestLintReservedChars', () => {
  it('request_duration::_seconds', () =>
    expect(promlint('# HELP request_duration::_seconds Test metric.\n# TYPE request_duration::_seconds histogram\nrequest_duration::_seconds 10\n')).toEqual([
      p('request_duration::_seconds', "metric names should not contain ':'"),
    ]));
  it('recording rules may use colons', () => expect(prometheusNameProblems({ name: 'job:http_requests:rate5m', recordingRule: true })).toEqual([]));
});

describe('promlint: TestLintCamelCase', () => {
  it('requestDuration_seconds', () =>
    expect(promlint('# HELP requestDuration_seconds Test metric.\n# TYPE requestDuration_seconds histogram\nrequestDuration_seconds 10\n')).toEqual([
      p('requestDuration_seconds', "metric names should be written in 'snake_case' not 'camelCase'"),
    ]));
  it('request_duration_seconds{httpService}', () =>
    expect(promlint('# HELP request_duration_seconds Test metric.\n# TYPE request_duration_seconds histogram\nrequest_duration_seconds{httpService="foo"} 10\n')).toEqual([
      p('request_duration_seconds', "label names should be written in 'snake_case' not 'camelCase'"),
    ]));
});

describe('promlint: TestLintUnitAbbreviations', () => {
  for (const n of [
    'instance_memory_limit_b', 'instance_memory_limit_kb', 'instance_memory_limit_mb', 'instance_memory_limit_MB', 'instance_memory_limit_gb',
    'instance_memory_limit_tb', 'instance_memory_limit_pb', 'request_duration_s', 'request_duration_ms', 'request_duration_us',
    'request_duration_ns', 'request_duration_sec', 'request_sec_duration', 'request_duration_m', 'request_duration_h', 'request_duration_d',
  ]) {
    it(n, () => expect(promlint(typed(n, 'gauge'))).toEqual([p(n, 'metric names should not contain abbreviated units')]));
  }
});

describe('names that promlint cannot see but code can', () => {
  it('invalid characters', () => expect(prometheusNameProblems({ name: 'http-requests', labelNames: ['a-b'] }).map((x) => x.check)).toEqual(['invalid-name', 'invalid-label-name']));
});

describe('otel naming', () => {
  const checks = (n: string) => otelNameProblems(n).map((x) => x.check);
  it('accepts semantic-convention names', () => {
    for (const n of ['http.server.request.duration', 'db.client.connections.usage', 'system.cpu.logical_count', 'jvm.memory.used_after_last_gc', 'queue.depth']) expect(checks(n)).toEqual([]);
  });
  it('flags uppercase, snake_case, units and _total', () => {
    expect(checks('http.server.duration_seconds')).toEqual(['otel-unit-in-name']);
    expect(checks('http.server.latency.ms')).toEqual(['otel-unit-in-name']);
    expect(checks('HTTP.Server.Duration')).toEqual(['otel-uppercase']);
    expect(checks('http_requests')).toEqual(['otel-not-dotted']);
    expect(checks('http.requests_total')).toEqual(['otel-total']);
    expect(checks('1bad name')).toEqual(['otel-invalid-name']);
  });
});
