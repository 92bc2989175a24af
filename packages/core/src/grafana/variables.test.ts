import { describe, expect, it } from 'vitest';
import { parsePromql } from '../promql/parse-promql.js';
import { parseGrafanaQuery, guessQueryLanguage } from './query.js';
import { hasVariables, substituteVariables, variableReference } from './variables.js';

describe('substituteVariables', () => {
  it('uses a duration inside ranges and an identifier elsewhere', () => {
    const s = substituteVariables('sum by ($grp) (rate(x{job="$job"}[$__rate_interval]))');
    expect(s.text).toBe('sum by (__grafana_var) (rate(x{job="grafana_var"}[1m]))');
    expect(s.variables.map((v) => [v.name, v.context])).toEqual([
      ['grp', 'expr'],
      ['job', 'string'],
      ['__rate_interval', 'range'],
    ]);
    expect(parsePromql(s.text).errors).toEqual([]);
  });

  it('handles ${var}, ${var:fmt}, ${var.field} and [[var]]', () => {
    const q = 'rate(x{a=~"${a:regex}", b="[[b]]", c="${c.text}"}[[[w]]]) offset ${off}';
    const s = substituteVariables(q);
    expect(s.variables.map((v) => [v.name, v.syntax, v.format])).toEqual([
      ['a', '${var}', 'regex'],
      ['b', '[[var]]', undefined],
      ['c', '${var}', undefined],
      ['w', '[[var]]', undefined],
      ['off', '${var}', undefined],
    ]);
    expect(s.text).toBe('rate(x{a=~"grafana_var", b="grafana_var", c="grafana_var"}[1m]) offset 1m');
    expect(parsePromql(s.text).errors).toEqual([]);
  });

  it('uses numbers for _ms/_s macros and a bare number before a unit', () => {
    const s = substituteVariables('x[${__interval_ms}ms] / $__range_s + y[${win}s]');
    expect(s.text).toBe('x[60ms] / 60 + y[1s]');
    expect(parsePromql(s.text).errors).toEqual([]);
  });

  it('maps substituted offsets back to the original text', () => {
    const q = 'rate(my_metric{job="$job"}[$__interval])';
    const s = substituteVariables(q);
    const rangeStart = s.text.indexOf('[') + 1;
    expect(s.toOriginal(rangeStart)).toBe(q.indexOf('$__interval'));
    expect(s.toOriginal(rangeStart + 2, 'end')).toBe(q.indexOf('$__interval') + '$__interval'.length);
    expect(s.originalText(rangeStart, rangeStart + 2)).toBe('$__interval');
    expect(s.toOriginal(s.text.length)).toBe(q.length);
    const sel = s.text.indexOf('my_metric');
    expect(s.toOriginal(sel)).toBe(q.indexOf('my_metric'));
    expect(s.variablesIn(rangeStart, rangeStart + 2).map((v) => v.name)).toEqual(['__interval']);
    expect(s.variablesIn(0, 4)).toEqual([]);
  });

  it('keeps text without variables unchanged', () => {
    const s = substituteVariables('up{job="a$"}');
    expect(s.text).toBe('up{job="a$"}');
    expect(s.toOriginal(5)).toBe(5);
  });
});

describe('variableReference / hasVariables', () => {
  it('recognises whole-value references only', () => {
    expect(variableReference('$datasource')).toBe('datasource');
    expect(variableReference('${DS_PROMETHEUS}')).toBe('DS_PROMETHEUS');
    expect(variableReference('[[ds]]')).toBe('ds');
    expect(variableReference('${ds:raw}')).toBe('ds');
    expect(variableReference('prometheus-$env')).toBeUndefined();
    expect(variableReference('Prometheus')).toBeUndefined();
    expect(hasVariables('prometheus-$env')).toBe(true);
    expect(hasVariables('Prometheus')).toBe(false);
  });
});

describe('parseGrafanaQuery', () => {
  it('reports errors at original offsets with the text as written', () => {
    const q = 'sum(rate(x{job="$job"}[$__rate_interval])';
    const r = parseGrafanaQuery(q, 'promql');
    expect(r.errors.length).toBeGreaterThan(0);
    expect(r.errors[0].from).toBeLessThanOrEqual(q.length);
  });

  it('parses LogQL with variables', () => {
    const r = parseGrafanaQuery('sum by (level) (count_over_time({app="$app"} |= "$search" [$__auto]))', 'logql');
    expect(r.errors).toEqual([]);
  });

  it('guesses LogQL only for log pipelines', () => {
    expect(guessQueryLanguage('{app="x"} |= "error"')).toBe('logql');
    expect(guessQueryLanguage('sum(rate({__name__="x"}[5m]))')).toBe('promql');
  });
});
