import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { loadFile } from '../runner/load-file.js';
import { SourceFile } from '../source/source-file.js';

function load(name: string, text: string) {
  return loadFile(new SourceFile(`/t/${name}`, name, text));
}
const json = (v: unknown) => JSON.stringify(v, null, 2);

describe('classic dashboards', () => {
  it('resolves datasources through panels, targets, variables, inputs, mixed and the default', () => {
    const m = load('d.json', json({
      title: 'DS', schemaVersion: 39,
      __inputs: [{ name: 'DS_PROM', type: 'datasource', pluginId: 'prometheus' }],
      templating: { list: [{ name: 'logs', type: 'datasource', query: 'loki' }] },
      panels: [
        { id: 1, type: 'timeseries', datasource: '${DS_PROM}', targets: [{ refId: 'A', expr: 'up' }] },
        { id: 2, type: 'timeseries', datasource: { type: 'datasource', uid: '-- Mixed --' }, targets: [
          { refId: 'A', expr: '{app="x"}', datasource: { uid: '$logs' } },
          { refId: 'B', expr: 'up', datasource: { type: 'prometheus', uid: 'P1' } },
        ] },
        { id: 3, type: 'timeseries', targets: [{ refId: 'A', expr: 'rate(x[5m])' }, { refId: 'B', expr: '{a="b"} |= "e"' }, { refId: 'C', query: 'SELECT 1' }] },
        { id: 4, type: 'stat', datasource: '-- Grafana --', targets: [{ refId: 'A', expr: 'x' }] },
      ],
    }));
    const [p1, p2, p3, p4] = m.dashboards[0].panels;
    expect(p1.resolvedDatasource).toEqual({ type: 'prometheus', from: 'panel', via: 'input', variable: 'DS_PROM' });
    expect(p1.targets[0].queryLanguage).toBe('promql');
    expect(p2.datasourceType).toBe('mixed');
    expect(p2.targets.map((t) => [t.datasourceType, t.resolvedDatasource.via, t.queryLanguage])).toEqual([
      ['loki', 'variable', 'logql'],
      ['prometheus', 'concrete', 'promql'],
    ]);
    expect(p3.resolvedDatasource.from).toBe('default');
    expect(p3.targets.map((t) => t.queryLanguage)).toEqual(['promql', 'logql', undefined]);
    expect(p4.targets[0].datasourceType).toBe('grafana');
    expect(p4.targets[0].queryLanguage).toBeUndefined();
  });

  it('resolves library-panel stubs through __elements and keeps rows and collapsed state', () => {
    const m = load('d.json', json({
      title: 'Lib', schemaVersion: 39,
      __elements: { lib1: { uid: 'lib1', model: { type: 'timeseries', title: 'From lib', targets: [{ refId: 'A', expr: 'up' }] } } },
      panels: [
        { id: 1, type: 'row', title: 'Open', collapsed: false, panels: [] },
        { id: 2, gridPos: {}, libraryPanel: { uid: 'lib1', name: 'L1' } },
        { id: 3, libraryPanel: { uid: 'missing', name: 'M' } },
        { id: 4, type: 'row', title: 'Closed', collapsed: true, panels: [{ id: 5, type: 'stat', title: 's' }] },
      ],
    }));
    const d = m.dashboards[0];
    expect(d.panels.map((p) => [p.id, p.type, p.title, p.row?.title, p.inCollapsedRow])).toEqual([
      [2, 'timeseries', 'From lib', 'Open', false],
      [3, undefined, undefined, 'Open', false],
      [5, 'stat', 's', 'Closed', true],
    ]);
    expect(d.panels[0].libraryPanel).toEqual({ uid: 'lib1', name: 'L1', resolved: true });
    expect(d.panels[0].targets[0].pointer).toBe('/__elements/lib1/model/targets/0');
    expect(d.panels[1].libraryPanel?.resolved).toBe(false);
  });

  it('reads legacy rows[] with `collapse`', () => {
    const m = load('d.json', json({ title: 'Old', schemaVersion: 14, rows: [{ title: 'r', collapse: true, panels: [{ id: 1, type: 'graph' }] }] }));
    expect(m.dashboards[0].panels[0].inCollapsedRow).toBe(true);
    expect(m.dashboards[0].rows[0].style).toBe('legacy');
  });

  it('tolerates any JSON in any field', () => {
    const odd = [
      { title: 'x', schemaVersion: 39, panels: [null, 1, 'a', [], { targets: [null, 'x', { expr: 5 }, { expr: '' }], datasource: 7, fieldConfig: [] }], templating: { list: 'x' }, __inputs: {}, __elements: [] },
      { rows: 'x', panels: [{ type: 'row', panels: 'x' }] },
      { panels: [{ libraryPanel: { uid: 'constructor' } }], __elements: {} },
    ];
    for (const v of odd) {
      const m = load('d.json', JSON.stringify(v));
      expect(m.parseErrors).toEqual([]);
      for (const p of m.dashboards[0].panels) for (const t of p.targets) expect(() => t.exprRef(0, 1).range()).not.toThrow();
    }
  });
});

describe('kubernetes and embedded shapes', () => {
  const v2 = {
    apiVersion: 'dashboard.grafana.app/v2alpha1', kind: 'Dashboard', metadata: { name: 'v2' },
    spec: {
      title: 'V2',
      elements: {
        a: { kind: 'Panel', spec: { id: 1, title: 'A', vizConfig: { kind: 'timeseries', spec: { fieldConfig: { defaults: { unit: 's' } } } },
          data: { kind: 'QueryGroup', spec: { queries: [{ kind: 'PanelQuery', spec: { refId: 'A', hidden: true, datasource: { type: 'prometheus', uid: '$ds' }, query: { kind: 'prometheus', spec: { expr: 'up' } } } }] } } } },
        b: { kind: 'Panel', spec: { id: 2, title: 'B', vizConfig: { kind: 'stat' } } },
        c: { kind: 'LibraryPanel', spec: { id: 3, title: 'C', libraryPanel: { uid: 'u', name: 'n' } } },
        d: { kind: 'Panel', spec: { id: 4, title: 'D' } },
        orphan: { kind: 'Panel', spec: { id: 5, title: 'Not placed' } },
      },
      layout: { kind: 'TabsLayout', spec: { tabs: [
        { kind: 'TabsLayoutTab', spec: { title: 'T1', layout: { kind: 'AutoGridLayout', spec: { items: [{ kind: 'AutoGridLayoutItem', spec: { element: { kind: 'ElementReference', name: 'a' } } }] } } } },
        { kind: 'TabsLayoutTab', spec: { title: 'T2', layout: { kind: 'GridLayout', spec: { items: [
          { kind: 'GridLayoutItem', spec: { element: { name: 'c' } } },
          { kind: 'GridLayoutRow', spec: { title: 'R', collapsed: true, elements: [{ kind: 'GridLayoutItem', spec: { element: { name: 'b' } } }] } },
        ] } } } },
        { kind: 'TabsLayoutTab', spec: { title: 'T3', layout: { kind: 'RowsLayout', spec: { rows: [{ kind: 'RowsLayoutRow', spec: { title: 'RR', collapse: true, layout: { kind: 'GridLayout', spec: { items: [{ kind: 'GridLayoutItem', spec: { element: { name: 'd' } } }] } } } }] } } } },
      ] } },
    },
  };

  it('walks nested v2 layouts (tabs, auto grid, grid rows, rows)', () => {
    const d = load('v2.json', json(v2)).dashboards[0];
    expect(d.shape).toBe('k8s-v2');
    expect(d.panels.map((p) => [p.id, p.type, p.row?.title, p.row?.style, p.inCollapsedRow, p.isLibraryPanel])).toEqual([
      [1, 'timeseries', 'T1', 'v2-tab', false, false],
      [3, undefined, 'T2', 'v2-tab', false, true],
      [2, 'stat', 'R', 'v2-row', true, false],
      [4, undefined, 'RR', 'v2-row', true, false],
      [5, undefined, undefined, undefined, false, false],
    ]);
    const t = d.panels[0].targets[0];
    expect([t.hide, t.expr, t.datasourceType, t.resolvedDatasource.via, t.exprPointer]).toEqual([true, 'up', 'prometheus', 'variable', '/spec/elements/a/spec/data/spec/queries/0/spec/query/spec/expr']);
    expect(d.panels[0].fieldConfig).toEqual({ defaults: { unit: 's' } });
  });

  it('reports broken dashboard JSON inside a ConfigMap at its file position', () => {
    const text = 'apiVersion: v1\nkind: ConfigMap\ndata:\n  ok.txt: hello\n  bad.json: |\n    {"panels": [1,\n    }\n';
    const m = load('cm.yaml', text);
    expect(m.dashboards).toEqual([]);
    expect(m.parseErrors).toHaveLength(1);
    const file = new SourceFile('/t/cm.yaml', 'cm.yaml', text);
    expect(file.positionAt(m.parseErrors[0].offset).line).toBe(7);
  });

  it('reads gzipJson, and reports data that is not gzip', () => {
    const good = `kind: GrafanaDashboard\napiVersion: grafana.integreatly.org/v1beta1\nspec:\n  gzipJson: ${gzipSync(JSON.stringify({ title: 'Z', panels: [{ id: 1, type: 'graph' }] })).toString('base64')}\n`;
    const g = load('g.yaml', good);
    expect(g.dashboards.map((d) => [d.title, d.shape, d.carriers])).toEqual([['Z', 'grafana-operator', ['grafana-operator', 'classic']]]);
    expect(g.dashboards[0].panels[0].ref.range()?.line).toBe(4);
    const bad = load('g.yaml', 'kind: GrafanaDashboard\nspec:\n  gzipJson: bm90IGd6aXA=\n');
    expect(bad.parseErrors[0].message).toMatch(/gzipJson is not base64-encoded gzip/);
  });

  it('reads a double-quoted JSON string in spec.json; query ranges fall back to the whole expr string', () => {
    const inner = JSON.stringify({ title: 'Q', panels: [{ id: 1, type: 'graph', targets: [{ expr: 'rate(x[5m])' }] }] });
    const text = `kind: GrafanaDashboard\nspec:\n  json: ${JSON.stringify(inner)}\n`;
    const d = load('q.yaml', text).dashboards[0];
    const t = d.panels[0].targets[0];
    // Characters inside a JSON string inside a YAML double-quoted string are escaped twice: the finding
    // covers the expr as written rather than guessing.
    const r = t.exprRef(5, 6).range()!;
    expect(text.slice(r.startOffset, r.endOffset)).toBe('\\"rate(x[5m])\\"');
    expect(t.exprOffset(5)).toBeUndefined();
    expect(d.panels[0].ref.range()?.line).toBe(3);
  });

  it('reads a k8s v1 dashboard written as YAML, and List items', () => {
    const text = 'apiVersion: v1\nkind: List\nitems:\n- apiVersion: dashboard.grafana.app/v1beta1\n  kind: Dashboard\n  metadata: { name: k1 }\n  spec:\n    title: K\n    panels:\n    - id: 1\n      type: timeseries\n      targets:\n      - expr: sum(rate(x_total[5m]))\n';
    const d = load('l.yaml', text).dashboards[0];
    expect([d.uid, d.shape, d.pointer]).toEqual(['k1', 'k8s-v1', '/items/0/spec']);
    const r = d.panels[0].targets[0].exprRef(4, 8).range()!;
    expect(text.slice(r.startOffset, r.endOffset)).toBe('rate');
  });
});
