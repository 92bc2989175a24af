import { describe, expect, it } from 'vitest';
import { SourceFile } from '../source/source-file.js';
import { parseExposition } from './parse-exposition.js';
import { cardinalityBreakdown, snapshotCardinality } from './cardinality.js';

const parse = (text: string) => parseExposition(new SourceFile('/x/m.prom', 'm.prom', text));

describe('parseExposition: text format 0.0.4', () => {
  it('groups histogram and summary samples into their families', () => {
    const s = parse(
      '# HELP rpc_duration_seconds RPC latency.\n# TYPE rpc_duration_seconds histogram\nrpc_duration_seconds_bucket{le="0.1"} 1\nrpc_duration_seconds_bucket{le="+Inf"} 2\nrpc_duration_seconds_sum 0.3\nrpc_duration_seconds_count 2\n# TYPE q summary\nq{quantile="0.5"} 1\nq_sum 1\nq_count 1\n',
    );
    expect(s.errors).toEqual([]);
    expect(s.families.map((f) => [f.name, f.type, f.samples.length])).toEqual([
      ['rpc_duration_seconds', 'histogram', 4],
      ['q', 'summary', 3],
    ]);
    expect(s.families[0].help).toBe('RPC latency.');
  });

  it('does not swallow a gauge "_total" sample into an unrelated family', () => {
    const s = parse('# TYPE foo gauge\nfoo 1\nfoo_total 2\n');
    expect(s.families.map((f) => f.name)).toEqual(['foo', 'foo_total']);
  });

  it('unescapes label values and HELP, keeps timestamps and value offsets', () => {
    const text = '# HELP m A \\\\ b\\nc.\nm{path="/a\\"b\\\\c\\nd",x="1"} 3 1700000000000\n';
    const s = parse(text);
    const sample = s.families[0].samples[0];
    expect(s.families[0].help).toBe('A \\ b\nc.');
    expect(sample.labels[0].value).toBe('/a"b\\c\nd');
    expect(sample.timestamp).toBe(1700000000000);
    expect(text.slice(sample.labels[1].nameStart, sample.labels[1].end)).toBe('x="1"');
    expect(text.slice(sample.labels[1].valueStart, sample.labels[1].valueEnd)).toBe('1');
    expect(sample.line).toBe(2);
  });

  it('parses special values and a HELP without text', () => {
    const s = parse('# HELP a\n# TYPE a gauge\na NaN\nb +Inf\nc -Inf\n');
    expect(s.errors).toEqual([]);
    expect(s.families[0].help).toBe('');
    expect(Number.isNaN(s.families[0].samples[0].value)).toBe(true);
    expect(s.families[1].samples[0].value).toBe(Infinity);
  });

  it('reports bad lines and goes on', () => {
    const s = parse('ok_metric 1\nbad{x=1} 2\nno_value\n{x="1"} 3\n# TYPE t bogus\nstill_ok 4\n');
    expect(s.errors.map((e) => e.message)).toEqual([
      'Invalid exposition: expected a quoted value for label x',
      'Invalid exposition: expected a space before the value at column 9',
      'Invalid exposition: expected a metric name, found "{x="1"} 3"',
      'Invalid exposition: unknown metric type "bogus"',
    ]);
    expect(s.families.map((f) => f.name)).toEqual(['ok_metric', 't', 'still_ok']);
  });

  it('never throws on odd input', () => {
    for (const t of ['', '\n\n', '#', '# HELP', 'x{', 'x{a="', 'x{a="b"', 'x 1 2 3', '\u0000\u0001', 'x{a="b"} 1 # {', '# EOF\n# EOF', 'a'.repeat(10000)]) {
      expect(() => parse(t)).not.toThrow();
    }
  });
});

describe('parseExposition: OpenMetrics', () => {
  const om = [
    '# TYPE acme_http_requests counter',
    '# UNIT acme_http_requests requests',
    '# HELP acme_http_requests Requests \\"served\\".',
    'acme_http_requests_total{code="200"} 1027 1395066363.000 # {trace_id="KOO5S4vxi0o"} 0.67 1395066363.5',
    'acme_http_requests_created{code="200"} 1395066363.0',
    '# TYPE build info',
    'build_info{version="1.2"} 1',
    '# TYPE feature stateset',
    'feature{feature="a"} 1',
    'feature{feature="b"} 0',
    '# TYPE queue_wait_seconds gaugehistogram',
    'queue_wait_seconds_bucket{le="1"} 2',
    'queue_wait_seconds_bucket{le="+Inf"} 3',
    'queue_wait_seconds_gcount 3',
    'queue_wait_seconds_gsum 4',
    '# EOF',
    '',
  ].join('\n');

  it('reads UNIT, escaped HELP, exemplars, _created, info, stateset and gaugehistogram', () => {
    const s = parse(om);
    expect(s.errors).toEqual([]);
    expect(s.format).toBe('openmetrics');
    expect(s.families.map((f) => [f.name, f.type, f.samples.length])).toEqual([
      ['acme_http_requests', 'counter', 2],
      ['build', 'info', 1],
      ['feature', 'stateset', 2],
      ['queue_wait_seconds', 'gaugehistogram', 4],
    ]);
    const c = s.families[0];
    expect(c.unit).toBe('requests');
    expect(c.help).toBe('Requests "served".');
    expect(c.samples[0].timestamp).toBe(1395066363);
    expect(c.samples[0].exemplar).toMatchObject({ value: 0.67, timestamp: 1395066363.5, labels: [{ name: 'trace_id', value: 'KOO5S4vxi0o' }] });
    expect(c.samples[1].name).toBe('acme_http_requests_created');
  });

  it('reports content after # EOF and bad exemplars', () => {
    const s = parse('a_total 1 # {x="1"} nope\n# EOF\nb 1\n');
    expect(s.errors.map((e) => e.message)).toEqual(['Invalid exposition: invalid exemplar value "nope"', 'Invalid exposition: content after "# EOF"']);
  });
});

describe('cardinality breakdown', () => {
  it('counts series, distinct values per label and ranks the worst labels', () => {
    const lines = ['# TYPE api_requests_total counter'];
    for (let i = 0; i < 30; i++) lines.push(`api_requests_total{method="${i % 2 ? 'GET' : 'POST'}",user="u${i % 10}"} 1`);
    lines.push('# TYPE lat_seconds histogram', 'lat_seconds_bucket{le="0.1"} 1', 'lat_seconds_bucket{le="1"} 1', 'lat_seconds_bucket{le="+Inf"} 1', 'lat_seconds_count 1', 'lat_seconds_sum 1');
    const s = parse(lines.join('\n') + '\n');
    const c = cardinalityBreakdown(s.families[0]);
    expect(c.series).toBe(10);
    expect(c.worstLabels.map((l) => [l.name, l.distinctValues])).toEqual([
      ['user', 10],
      ['method', 2],
    ]);
    expect(c.worstLabels[0].firstSample.line).toBe(2);
    expect(c.worstLabels[0].examples).toEqual(['u0', 'u1', 'u2', 'u3', 'u4']);
    const h = cardinalityBreakdown(s.families[1]);
    expect(h.buckets).toBe(2);
    expect(h.worstLabels).toEqual([]);
    expect(h.series).toBe(5);
    expect(cardinalityBreakdown(s.families[0])).toBe(c);
    const snap = snapshotCardinality(s);
    expect(snap.series).toBe(15);
    expect(snap.families.map((f) => f.family.name)).toEqual(['api_requests_total', 'lat_seconds']);
  });

  it('handles a 150k-line snapshot in one fast pass', () => {
    const lines = ['# HELP big_requests_total Requests.', '# TYPE big_requests_total counter'];
    for (let i = 0; i < 150_000; i++) lines.push(`big_requests_total{user_id="${100000 + i}",method="GET",path="/x"} ${i}`);
    const text = lines.join('\n') + '\n';
    const t0 = performance.now();
    const s = parse(text);
    const c = cardinalityBreakdown(s.families[0]);
    const ms = performance.now() - t0;
    expect(c.series).toBe(150_000);
    expect(c.worstLabels[0]).toMatchObject({ name: 'user_id', distinctValues: 150_000 });
    expect(ms).toBeLessThan(3000);
  });
});
