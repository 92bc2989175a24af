import type { ParsedDocument } from '../document/document.js';
import { joinPointer } from '../document/pointer.js';
import type { DatasourceScope } from './dashboard-datasource.js';
import {
  addPanel,
  buildClassicDashboard,
  idOf,
  isObject,
  newDashboard,
  pointerIf,
  str,
  type Dashboard,
  type DashboardRow,
  type DatasourceRef,
  type JsonObject,
  type PanelSpec,
  type TargetSpec,
} from './dashboard.js';

/**
 * Kubernetes-shaped dashboards of the `dashboard.grafana.app` API group: v0alpha1/v1beta1 hold a classic
 * dashboard in `spec`; v2alpha1/v2beta1 hold `spec.elements` (panels by name) and a nested `spec.layout`
 * (GridLayout, AutoGridLayout, RowsLayout, TabsLayout) that places them.
 */
export function looksLikeK8sDashboard(v: unknown): v is JsonObject & { spec: JsonObject } {
  if (!isObject(v) || !isObject(v.spec)) return false;
  if (typeof v.apiVersion === 'string' && v.apiVersion.startsWith('dashboard.grafana.app/')) return true;
  return v.kind === 'Dashboard' && isV2Spec(v.spec);
}

/** A v2 dashboard spec: panels in `elements`, placed by `layout`. */
export function isV2Spec(spec: JsonObject): boolean {
  return isObject(spec.elements) || (isObject(spec.layout) && typeof spec.layout.kind === 'string');
}

/** Builds the model of a `dashboard.grafana.app` resource (any version) at `pointer` in `doc`. */
export function buildK8sDashboard(doc: ParsedDocument, v: JsonObject & { spec: JsonObject }, pointer = ''): Dashboard {
  const metadata = isObject(v.metadata) ? v.metadata : {};
  const specPtr = joinPointer(pointer, 'spec');
  if (isV2Spec(v.spec)) return buildV2Dashboard(doc, v.spec, specPtr, str(metadata.name));
  return buildClassicDashboard(doc, v.spec, specPtr, 'k8s-v1', { uid: str(metadata.name) });
}

function v2DatasourceScope(spec: JsonObject): DatasourceScope {
  const variables = new Map<string, string | undefined>();
  if (Array.isArray(spec.variables)) {
    for (const v of spec.variables) {
      if (!isObject(v) || v.kind !== 'DatasourceVariable' || !isObject(v.spec)) continue;
      if (typeof v.spec.name === 'string') variables.set(v.spec.name, str(v.spec.pluginId));
    }
  }
  return { variables, inputs: new Map() };
}

/** Where layouts place each element: its innermost row or tab, and whether a collapsed row hides it. */
interface Placement {
  row?: DashboardRow;
  collapsed: boolean;
}

/** Walks a (nested) v2 layout, recording rows/tabs and the first placement of each element. */
function walkLayout(dashboard: Dashboard, layout: unknown, ptr: string, at: Placement, placements: Map<string, Placement>, depth = 0): void {
  if (!isObject(layout) || !isObject(layout.spec) || depth > 64) return;
  const spec = layout.spec;
  const specPtr = joinPointer(ptr, 'spec');
  const place = (item: unknown, itemPtr: string, where: Placement) => {
    if (!isObject(item) || !isObject(item.spec)) return;
    const el = item.spec.element;
    if (isObject(el) && typeof el.name === 'string' && !placements.has(el.name)) placements.set(el.name, where);
    // Rows and tabs can nest further layouts.
    if (item.spec.layout !== undefined) walkLayout(dashboard, item.spec.layout, joinPointer(itemPtr, 'spec', 'layout'), where, placements, depth + 1);
  };
  const addRow = (item: JsonObject, itemPtr: string, style: DashboardRow['style']): Placement => {
    const s = isObject(item.spec) ? item.spec : {};
    const collapsed = style === 'v2-row' && (s.collapse === true || s.collapsed === true);
    const row: DashboardRow = { ref: dashboard.doc.ref(itemPtr), pointer: itemPtr, title: str(s.title), collapsed, style, raw: item };
    dashboard.rows.push(row);
    return { row, collapsed: at.collapsed || collapsed };
  };
  const each = (key: string, fn: (item: JsonObject, itemPtr: string) => void) => {
    const list = spec[key];
    if (Array.isArray(list)) list.forEach((item, i) => isObject(item) && fn(item, joinPointer(specPtr, key, i)));
  };
  switch (layout.kind) {
    case 'GridLayout':
    case 'AutoGridLayout':
      each('items', (item, itemPtr) => {
        if (item.kind === 'GridLayoutRow') {
          const where = addRow(item, itemPtr, 'v2-row');
          const els = isObject(item.spec) ? item.spec.elements : undefined;
          if (Array.isArray(els)) els.forEach((e, j) => place(e, joinPointer(itemPtr, 'spec', 'elements', j), where));
        } else place(item, itemPtr, at);
      });
      break;
    case 'RowsLayout':
      each('rows', (item, itemPtr) => place(item, itemPtr, addRow(item, itemPtr, 'v2-row')));
      break;
    case 'TabsLayout':
      each('tabs', (item, itemPtr) => place(item, itemPtr, addRow(item, itemPtr, 'v2-tab')));
      break;
  }
}

/** The plugin id of a v2 kind: `{kind: "prometheus"}` (v2alpha1) or `{kind: "DataQuery", group: "prometheus"}` (v2beta1). */
function pluginOf(k: JsonObject, genericKind: string): string | undefined {
  return k.kind === genericKind ? str(k.group) : str(k.kind);
}

function v2Target(q: JsonObject, qptr: string): TargetSpec | undefined {
  if (!isObject(q.spec)) return undefined;
  const s = q.spec;
  const sptr = joinPointer(qptr, 'spec');
  const query = isObject(s.query) ? s.query : {};
  const queryPtr = joinPointer(sptr, 'query');
  const type = pluginOf(query, 'DataQuery');
  const body = isObject(query.spec) ? query.spec : {};
  const bodyPtr = joinPointer(queryPtr, 'spec');
  const exprKey = (['expr', 'query', 'expression'] as const).find((k) => typeof body[k] === 'string');
  // v2alpha1: `spec.datasource: {type, uid}`; v2beta1: `spec.query.datasource: {name}` with the type in `group`.
  let datasource: DatasourceRef = { type };
  let datasourcePointer: string | undefined;
  if (isObject(s.datasource)) {
    datasource = { type: str(s.datasource.type) ?? type, uid: str(s.datasource.uid) };
    datasourcePointer = joinPointer(sptr, 'datasource');
  } else if (isObject(query.datasource)) {
    datasource = { type, uid: str(query.datasource.name) ?? str(query.datasource.uid) };
    datasourcePointer = joinPointer(queryPtr, 'datasource');
  }
  return {
    pointer: qptr,
    raw: q,
    refId: str(s.refId),
    expr: exprKey ? (body[exprKey] as string) : undefined,
    exprKey,
    exprPointer: exprKey ? joinPointer(bodyPtr, exprKey) : undefined,
    hide: s.hidden === true || body.hide === true,
    datasource,
    datasourcePointer,
  };
}

function v2PanelSpec(el: JsonObject, ptr: string, where: Placement): PanelSpec | undefined {
  if (!isObject(el.spec)) return undefined;
  const s = el.spec;
  const sptr = joinPointer(ptr, 'spec');
  const base = { pointer: ptr, raw: el, id: idOf(s.id), title: str(s.title), description: str(s.description), datasource: undefined, row: where.row, inCollapsedRow: where.collapsed };
  if (el.kind === 'LibraryPanel') {
    const lib = isObject(s.libraryPanel) ? s.libraryPanel : {};
    return {
      ...base,
      pointers: { id: pointerIf(s, sptr, 'id'), title: pointerIf(s, sptr, 'title') },
      libraryPanel: { uid: str(lib.uid), name: str(lib.name), resolved: false },
      targets: [],
    };
  }
  const viz = isObject(s.vizConfig) ? s.vizConfig : {};
  const vptr = joinPointer(sptr, 'vizConfig');
  const vspec = isObject(viz.spec) ? viz.spec : {};
  const vsptr = joinPointer(vptr, 'spec');
  const data = isObject(s.data) && isObject(s.data.spec) ? s.data.spec : {};
  const queriesPtr = joinPointer(sptr, 'data', 'spec', 'queries');
  const targets: TargetSpec[] = [];
  if (Array.isArray(data.queries)) {
    data.queries.forEach((q, i) => {
      const t = isObject(q) ? v2Target(q, joinPointer(queriesPtr, i)) : undefined;
      if (t) targets.push(t);
    });
  }
  return {
    ...base,
    type: pluginOf(viz, 'VizConfig'),
    fieldConfig: isObject(vspec.fieldConfig) ? vspec.fieldConfig : undefined,
    options: isObject(vspec.options) ? vspec.options : undefined,
    minInterval: isObject(data.queryOptions) ? str(data.queryOptions.interval) || undefined : undefined,
    pointers: {
      title: pointerIf(s, sptr, 'title'),
      description: pointerIf(s, sptr, 'description'),
      id: pointerIf(s, sptr, 'id'),
      type: viz.kind === 'VizConfig' ? pointerIf(viz, vptr, 'group') : pointerIf(viz, vptr, 'kind'),
      fieldConfig: pointerIf(vspec, vsptr, 'fieldConfig'),
      options: pointerIf(vspec, vsptr, 'options'),
      targets: Array.isArray(data.queries) ? queriesPtr : undefined,
    },
    targets,
  };
}

/** Builds the model of a v2 dashboard spec (`elements` + `layout`) at `specPtr`. */
export function buildV2Dashboard(doc: ParsedDocument, spec: JsonObject, specPtr: string, name?: string): Dashboard {
  const time = isObject(spec.timeSettings) ? spec.timeSettings : {};
  const dashboard = newDashboard(doc, spec, specPtr, 'k8s-v2', v2DatasourceScope(spec), {
    uid: name,
    title: str(spec.title),
    refresh: time.refresh,
    refreshPointer: pointerIf(time, joinPointer(specPtr, 'timeSettings'), 'refresh'),
  });
  const placements = new Map<string, Placement>();
  walkLayout(dashboard, spec.layout, joinPointer(specPtr, 'layout'), { collapsed: false }, placements);
  if (isObject(spec.elements)) {
    // Panels in layout order first, then elements no layout places (still part of the dashboard's definition).
    const names = [...placements.keys(), ...Object.keys(spec.elements).filter((n) => !placements.has(n))];
    for (const n of names) {
      const el = Object.hasOwn(spec.elements, n) ? spec.elements[n] : undefined;
      if (!isObject(el)) continue;
      const p = v2PanelSpec(el, joinPointer(specPtr, 'elements', n), placements.get(n) ?? { collapsed: false });
      if (p) addPanel(dashboard, p);
    }
  }
  return dashboard;
}
