import { describe, expect, it } from 'vitest';
import { DEFAULT_HIGH_CARDINALITY_LABELS } from '../config/settings.js';
import { highCardinalityLabel, normalizeLabelName, unboundedValueKind } from './labels.js';
import { measurementWord, nameHasUnit } from './units.js';

describe('high-cardinality label names', () => {
  const hc = (n: string) => highCardinalityLabel(n, DEFAULT_HIGH_CARDINALITY_LABELS);
  it('normalizes case, separators and camelCase', () => {
    expect(normalizeLabelName('userId')).toBe('user_id');
    expect(normalizeLabelName('user.id')).toBe('user_id');
    expect(normalizeLabelName('User-ID')).toBe('user_id');
  });
  it('matches list entries and OpenTelemetry aliases', () => {
    expect(hc('user_id')).toBe('user_id');
    expect(hc('userId')).toBe('user_id');
    expect(hc('enduser.id')).toBe('user_id');
    expect(hc('url.full')).toBe('full_url');
    expect(hc('client.address')).toBe('client_ip');
    expect(hc('path')).toBe('path');
  });
  it('never matches route templates and bounded names', () => {
    for (const n of ['http_route', 'http.route', 'path_template', 'route', 'method', 'status_code', 'code', 'le']) expect(hc(n)).toBeUndefined();
  });
  it('uses a configured list', () => {
    expect(highCardinalityLabel('pod', ['pod'])).toBe('pod');
    expect(highCardinalityLabel('user_id', ['pod'])).toBeUndefined();
  });
});

describe('unbounded label values', () => {
  it('recognises ids, addresses, timestamps and URLs with ids', () => {
    expect(unboundedValueKind('9b2e4c1a-3f5d-4e6b-8a7c-1d2e3f4a5b6c')).toBe('uuid');
    expect(unboundedValueKind('jane@example.com')).toBe('email');
    expect(unboundedValueKind('10.1.2.3')).toBe('ip address');
    expect(unboundedValueKind('2001:db8::1')).toBe('ip address');
    expect(unboundedValueKind('2024-05-01T10:00:00Z')).toBe('timestamp');
    expect(unboundedValueKind('1714557600')).toBe('timestamp');
    expect(unboundedValueKind('1714557600123')).toBe('timestamp');
    expect(unboundedValueKind('123456')).toBe('numeric id');
    expect(unboundedValueKind('5f2b8c9d0e1a2b3c')).toBe('hex id');
    expect(unboundedValueKind('user-104233')).toBe('prefixed id');
    expect(unboundedValueKind('/users/42/orders')).toBe('url with an id');
    expect(unboundedValueKind('https://api.example.com/search?q=shoes')).toBe('url with an id');
  });
  it('accepts small enums, status codes, methods and route templates', () => {
    for (const v of ['GET', 'POST', '200', '404', '5xx', 'success', 'eu-west-1', '/users/:id', '/users/{id}', '/api/v2/orders', '0.005', '+Inf', '1.2.3', 'v1.27.3', '12:34:56', 'localhost:9090', 'prometheus', 'go1.21.5']) {
      expect([v, unboundedValueKind(v)]).toEqual([v, undefined]);
    }
  });
});

describe('units in names', () => {
  it('finds measurement words that need a unit', () => {
    expect(measurementWord('http_request_duration')).toBe('duration');
    expect(measurementWord('requestLatency')).toBe('latency');
    expect(measurementWord('payload_size')).toBe('size');
    expect(measurementWord('queue_size')).toBeUndefined();
    expect(measurementWord('http_requests_total')).toBeUndefined();
  });
  it('knows when a name carries a unit', () => {
    expect(nameHasUnit('http_request_duration_seconds')).toBe(true);
    expect(nameHasUnit('payload_size_bytes')).toBe(true);
    expect(nameHasUnit('request_duration_ms')).toBe(true);
    expect(nameHasUnit('cache_hit_ratio')).toBe(true);
    expect(nameHasUnit('http_request_duration')).toBe(false);
  });
});
