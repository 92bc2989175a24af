import { SourceFile } from '../source/source-file.js';
import { loadFile } from '../runner/load-file.js';
import { buildRepoIndex } from '../runner/run.js';
import { recordedMetrics, selectorText, selectorUses } from './usage.js';

function repoOf(files: Record<string, string>) {
  return buildRepoIndex(Object.entries(files).map(([name, text]) => loadFile(new SourceFile(`/r/${name}`, name, text))));
}

const dashboard = (exprs: Array<string | { expr: string; hide?: boolean }>) =>
  JSON.stringify({
    uid: 'd1',
    title: 'API',
    schemaVersion: 39,
    panels: [{ id: 1, type: 'timeseries', title: 'Requests', datasource: { type: 'prometheus', uid: 'p' }, targets: exprs.map((e, i) => ({ refId: String.fromCharCode(65 + i), ...(typeof e === 'string' ? { expr: e } : e) })) }],
  });

describe('selectorUses', () => {
  it('finds the selectors of dashboard targets and rules, with their places', () => {
    const dash = dashboard(['sum(rate(http_requests_total{job="api", code=~"5.."}[5m]))']);
    const rules = 'groups:\n- name: g\n  rules:\n  - alert: Down\n    expr: absent(up{job="api"})\n  - record: job:x:rate5m\n    expr: rate(x_total[5m])\n';
    const uses = selectorUses(repoOf({ 'd.json': dash, 'r.yaml': rules }));
    expect(uses.map((u) => [u.metric, u.matchers.map((m) => `${m.name}${m.op}${m.value}`), u.source, u.where, u.text, u.insideAbsent])).toEqual([
      ['http_requests_total', ['job=api', 'code=~5..'], 'dashboard', 'panel "Requests" of dashboard "API"', 'http_requests_total{job="api", code=~"5.."}', false],
      ['up', ['job=api'], 'alert', 'alert "Down"', 'up{job="api"}', true],
      ['x_total', [], 'recording', 'recording rule "job:x:rate5m"', 'x_total', false],
    ]);
    const at = uses[0].at.range()!;
    expect(dash.split('\n')[at.line - 1].slice(at.column - 1, at.endColumn - 1)).toBe('http_requests_total{job=\\"api\\", code=~\\"5..\\"}');
    expect(uses[1].at.range()).toMatchObject({ line: 5, column: 18, endColumn: 31 });
    expect(recordedMetrics(repoOf({ 'r.yaml': rules }))).toEqual(new Set(['job:x:rate5m']));
  });

  it('leaves out matchers holding Grafana variables, selectors whose name is a variable, and hidden targets', () => {
    const dash = dashboard(['rate(http_requests_total{job="$job", code="500"}[$__rate_interval])', '${metric}{job="a"}', { expr: 'hidden_metric', hide: true }]);
    const uses = selectorUses(repoOf({ 'd.json': dash }));
    expect(uses).toHaveLength(1);
    expect(uses[0].metric).toBe('http_requests_total');
    expect(uses[0].matchers.map((m) => m.name)).toEqual(['code']);
    expect(uses[0].unresolved).toBe(1);
    expect(uses[0].text).toBe('http_requests_total{job="$job", code="500"}');
  });
});

describe('selectorText', () => {
  it('quotes values and names that are not identifiers', () => {
    expect(selectorText('up')).toBe('up');
    expect(selectorText('up', [{ name: 'job', op: '=~', value: 'a"b' }])).toBe('up{job=~"a\\"b"}');
    expect(selectorText('http.server.duration', [{ name: 'service.name', op: '=', value: 'x' }])).toBe('{__name__="http.server.duration", "service.name"="x"}');
  });
});
