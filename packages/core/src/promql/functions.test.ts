import { describe, expect, it } from 'vitest';
import { checkPromql, checkRe2, isValidPromDuration } from './functions.js';

const first = (e: string, experimental = false) => checkPromql(e, { experimental })[0]?.message;

describe('checkPromql', () => {
  it('accepts valid expressions', () => {
    for (const e of [
      'up == 0',
      'sum by (job) (rate(http_requests_total{code=~"5.."}[5m])) / sum by (job) (rate(http_requests_total[5m])) > 0.05',
      'histogram_quantile(0.99, sum by (le) (rate(x_bucket[5m]))) > 1',
      'absent(up{job="api"})',
      'label_join(x, "a", ",")',
      'label_join(x, "a", ",", "b", "c")',
      'round(x)',
      'round(x, 0.5)',
      'days_in_month()',
      'x > bool y',
      'max_over_time(rate(x[5m])[1h:])',
      'x{a="b"} offset -5m',
      'x @ 100',
      'x @ start()',
      '{__name__="up"}',
      '{a=~".+"}',
      'x{a=~"(?i)abc"}',
      'topk(5, x)',
      'count_values("v", x)',
      'a * on (x) group_left (y) b',
      'predict_linear(node_filesystem_free_bytes[6h], 4 * 3600) < 0',
      'vector(1)',
      'time() - x > 10',
      '"a string"',
      'x[5m]',
      '-x',
      '1 + 2',
      '2 > bool 1',
      'rate(x[5m:1m])',
      'x # a comment',
    ]) {
      expect(checkPromql(e), e).toEqual([]);
    }
  });

  it('rejects what Prometheus rejects, with its message', () => {
    const cases: Array<[string, string]> = [
      ['foo(bar)', 'unknown function with name "foo"'],
      ['holt_winters(x[5m], 0.1, 0.1)', 'unknown function with name "holt_winters" (removed in Prometheus 3.0; use double_exponential_smoothing (experimental))'],
      ['rate(x)', 'expected type range vector in call to function "rate", got instant vector'],
      ['rate(x[5m])[5m]', 'ranges only allowed for vector selectors'],
      ['sum(x[5m])', 'expected type instant vector in aggregation expression, got range vector'],
      ['1 > 2', 'comparisons between scalars must use BOOL modifier'],
      ['time() > 5', 'comparisons between scalars must use BOOL modifier'],
      ['1 and 2', 'set operator "and" not allowed in binary scalar expression'],
      ['x + on(a) 1', 'vector matching only allowed between instant vectors'],
      ['x + bool y', 'bool modifier can only be used on comparison operators'],
      ['{}', 'vector selector must contain at least one non-empty matcher'],
      ['{job=""}', 'vector selector must contain at least one non-empty matcher'],
      ['{a=~".*"}', 'vector selector must contain at least one non-empty matcher'],
      ['x{__name__="y"}', 'metric name must not be set twice: "x" or "y"'],
      ['x{job=~"("}', 'error parsing regexp: Unterminated group'],
      ['x{job=~"a(?=b)"}', 'invalid or unsupported Perl syntax: `(?=`'],
      ['topk(x, y)', 'expected type scalar in aggregation parameter, got instant vector'],
      ['count_values(1, x)', 'expected type string in aggregation parameter, got scalar'],
      ['quantile(x)', 'wrong number of arguments for aggregate expression provided, expected 2, got 1'],
      ['histogram_quantile(0.9)', 'expected 2 argument(s) in call to "histogram_quantile", got 1'],
      ['label_join(x, "a")', 'expected at least 3 argument(s) in call to "label_join", got 2'],
      ['round(x, 1, 2)', 'expected at most 2 argument(s) in call to "round", got 3'],
      ['x offset 5m [5m]', 'no offset modifiers allowed before range'],
      ['rate(x[0s])', 'duration must be greater than 0'],
      ['x[5m:0s]', 'duration must be greater than 0'],
      ['x * on(a) group_left(a) y', 'label "a" must not occur in ON and GROUP clause at once'],
      ['x and on(a) group_left y', 'no grouping allowed for "and" operation'],
      ['vector("a")', 'expected type scalar in call to function "vector", got string'],
      ['scalar(x[5m])', 'expected type instant vector in call to function "scalar", got range vector'],
      ['-"a"', 'unary expression only allowed on expressions of type scalar or instant vector, got "string"'],
      ['x + "a"', 'binary expression must contain only scalar and instant vector types'],
      ['x[5m] + 1', 'binary expression must contain only scalar and instant vector types'],
      ['round(x, "a")', 'expected type scalar in call to function "round", got string'],
      ['sort_by_label(x, "a")', 'function "sort_by_label" is experimental: Prometheus rejects it unless started with --enable-feature=promql-experimental-functions'],
      ['limitk(2, x)', 'aggregation "limitk" is experimental: Prometheus rejects it unless started with --enable-feature=promql-experimental-functions'],
      ['x[5m+1m]', 'experimental duration expression "5m+1m" (Prometheus rejects it unless started with --enable-feature=promql-duration-expr)'],
      ['sum(rate(x[5m]) >', 'unexpected end of expression'],
      ['', 'empty expression'],
    ];
    for (const [e, msg] of cases) expect(first(e), e).toBe(msg);
  });

  it('gives offsets into the expression', () => {
    const [e] = checkPromql('sum(up) + rate(x)');
    expect([e.from, e.to]).toEqual([15, 16]);
    const [u] = checkPromql('up + foo(x)');
    expect([u.from, u.to]).toEqual([5, 8]);
  });

  it('accepts experimental functions when enabled', () => {
    expect(first('sort_by_label(x, "a")', true)).toBeUndefined();
    expect(first('limitk(2, x)', true)).toBeUndefined();
  });
});

describe('isValidPromDuration', () => {
  it('follows model.ParseDuration', () => {
    for (const d of ['0', '5m', '1h30m', '1d', '1w2d', '100ms', '1y']) expect(isValidPromDuration(d), d).toBe(true);
    for (const d of ['', '5', '1.5m', '-1m', '5M', '5m5m', '30s5m', 'abc']) expect(isValidPromDuration(d), d).toBe(false);
  });
});

describe('checkRe2', () => {
  it('accepts RE2 syntax that JavaScript spells differently', () => {
    for (const r of ['(?i)abc', '(?P<x>a)', '\\Qa.b\\E', 'a(?s:.)b', '[[:alpha:]]+', '\\pL']) expect(checkRe2(r), r).toBeUndefined();
  });
  it('rejects what RE2 rejects', () => {
    expect(checkRe2('a(?!b)')).toMatch(/unsupported Perl syntax/);
    expect(checkRe2('(a)\\1')).toMatch(/invalid escape sequence/);
    expect(checkRe2('[a')).toMatch(/error parsing regexp/);
  });
});
