import { describe, expect, it } from 'vitest';
import { canCarry, labelSetOf, whyNotCarried } from './label-set.js';

/** [expression, labels the result can carry, labels it cannot carry] */
const cases: Array<[string, string[], string[]]> = [
  // selectors: open, matchers known
  ['up', ['job', 'instance', 'anything'], []],
  ['up{job="api"}', ['job', 'instance'], []],
  ['up{pod=""}', ['job'], ['pod']],
  ['rate(http_requests_total{code=~"5.."}[5m])', ['code', 'instance'], []],
  // aggregations
  ['sum(up)', [], ['job', 'instance']],
  ['sum by (job) (up)', ['job'], ['instance', 'pod']],
  ['sum(up) by (job, instance)', ['job', 'instance'], ['pod']],
  ['sum without (instance) (up)', ['job', 'pod'], ['instance']],
  ['max without (pod, instance) (rate(x[5m]))', ['job'], ['pod', 'instance']],
  ['sum by (job) (sum by (job, instance) (up))', ['job'], ['instance']],
  ['sum by (instance) (sum by (job) (up))', [], ['instance', 'job']],
  ['sum by (instance) (sum without (instance) (up))', [], ['instance']],
  ['count_values("version", build_info)', ['version'], ['job']],
  ['count_values by (job) ("version", build_info)', ['version', 'job'], ['instance']],
  ['topk(5, rate(x[5m]))', ['job', 'instance'], []],
  ['topk by (job) (3, sum by (job, pod) (x))', ['job', 'pod'], ['instance']],
  ['quantile by (job) (0.9, x)', ['job'], ['instance']],
  // functions
  ['absent(up{job="api", instance=~"a.*"})', ['job'], ['instance', 'pod']],
  ['absent_over_time(up{job="api"}[5m])', ['job'], ['instance']],
  ['absent(up)', [], ['job']],
  ['vector(1)', [], ['job']],
  ['time() - 10', [], ['job']],
  ['scalar(up)', [], ['job']],
  ['histogram_quantile(0.99, sum by (le, job) (rate(x_bucket[5m])))', ['job'], ['le', 'instance']],
  ['histogram_quantile(0.99, rate(x_bucket[5m]))', ['job', 'instance'], ['le']],
  ['label_replace(sum by (job) (up), "instance", "$1", "job", "(.*)")', ['job', 'instance'], ['pod']],
  ['label_replace(up, "job", "", "job", ".*")', ['instance'], ['job']],
  ['label_join(sum by (a, b) (x), "ab", "-", "a", "b")', ['a', 'b', 'ab'], ['c']],
  ['avg_over_time(sum by (job) (up)[10m:1m])', ['job'], ['instance']],
  ['sort_desc(sum by (job) (up))', ['job'], ['instance']],
  ['clamp_min(sum by (job) (x), 0)', ['job'], ['instance']],
  ['round(sum by (job) (x), 0.1)', ['job'], ['instance']],
  ['quantile_over_time(0.9, sum by (job) (x)[5m:])', ['job'], ['instance']],
  ['(sum by (job) (up)) offset 5m', ['job'], ['instance']],
  ['-sum by (job) (up)', ['job'], ['instance']],
  // binary operators
  ['sum by (job) (up) > 1', ['job'], ['instance']],
  ['1 < sum by (job) (up)', ['job'], ['instance']],
  ['sum by (job) (up) == bool 0', ['job'], ['instance']],
  ['sum by (job) (a) / sum by (job) (b)', ['job'], ['instance']],
  ['sum by (job) (a) / on (job) sum by (job, instance) (b)', ['job'], ['instance']],
  ['a / on (job) b', ['job'], ['instance']],
  ['a / ignoring (instance) b', ['job'], ['instance']],
  ['sum by (job) (a) * on (job) group_left (instance) b', ['job', 'instance'], ['pod']],
  ['sum by (job) (a) * on (job) group_left b', ['job'], ['instance']],
  ['b * on (job) group_right (instance) sum by (job) (a)', ['job', 'instance'], ['pod']],
  ['sum by (job) (a) * on (job) group_left (instance) sum by (job) (b)', ['job'], ['instance']],
  ['up * on (instance) group_left (nodename) node_uname_info', ['instance', 'nodename', 'job'], []],
  ['sum by (job) (a) and on (job) b', ['job'], ['instance']],
  ['sum by (job) (a) unless b', ['job'], ['instance']],
  ['sum by (job) (a) or sum by (instance) (b)', ['job', 'instance'], ['pod']],
  ['sum by (job) (a) or up', ['job', 'instance', 'pod'], []],
  ['sum without (pod) (a) or sum without (pod, instance) (b)', ['job', 'instance'], ['pod']],
  ['sum by (job) (a) + sum by (job, instance) (b)', ['job'], ['instance']],
  ['2 * 3', [], ['job']],
];

describe('labelSetOf', () => {
  for (const [expr, yes, no] of cases) {
    it(expr, () => {
      const s = labelSetOf(expr);
      for (const l of yes) expect(canCarry(s, l), `${expr} should carry ${l}`).toBe(true);
      for (const l of no) expect(canCarry(s, l), `${expr} should not carry ${l}`).toBe(false);
    });
  }

  it('types scalars, vectors and strings', () => {
    expect(labelSetOf('1 + 2').type).toBe('scalar');
    expect(labelSetOf('time()').type).toBe('scalar');
    expect(labelSetOf('up > 1').type).toBe('vector');
    expect(labelSetOf('rate(x[5m])').type).toBe('vector');
    expect(labelSetOf('x[5m]').type).toBe('matrix');
    expect(labelSetOf('"s"').type).toBe('string');
  });

  it('explains why a label is not carried', () => {
    expect(whyNotCarried(labelSetOf('sum by (job) (rate(x[5m])) > 1'), 'instance')).toBe('sum by (job)');
    expect(whyNotCarried(labelSetOf('sum without (instance) (x)'), 'instance')).toBe('sum without (instance)');
    expect(whyNotCarried(labelSetOf('a / on (job) b'), 'instance')).toBe('on (job)');
    expect(whyNotCarried(labelSetOf('sum by (job) (x)'), 'job')).toBeUndefined();
  });

  it('is open (never guesses) on syntax errors', () => {
    const s = labelSetOf('sum by (job) (rate(x[5m]) >');
    expect(s.open).toBe(true);
    expect(canCarry(s, 'instance')).toBe(true);
  });
});

describe('labelSetOf with comments', () => {
  it('skips leading PromQL comments', () => {
    const s = labelSetOf('# a comment\n# another\nsum by (job) (up) > 1');
    expect(canCarry(s, 'job')).toBe(true);
    expect(canCarry(s, 'instance')).toBe(false);
  });
});
