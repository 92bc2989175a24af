import type { ParsedDocument } from '../document/document.js';
import { joinPointer } from '../document/pointer.js';
import { lazyStringRangeRef, stringValueOffsets } from '../document/string-offsets.js';
import { guessQueryLanguage, languageOfType, type QueryLanguage } from '../grafana/query.js';
import type { NodeRef } from '../source/node-ref.js';
import {
  classicDatasourceScope,
  resolveDatasource,
  resolveTargetDatasource,
  type DatasourceScope,
  type ResolvedDatasource,
} from './dashboard-datasource.js';

export type JsonObject = Record<string, unknown>;

/** A datasource reference as written: a name string, `{type, uid}`, or absent. */
export type DatasourceRef = string | { type?: string; uid?: string } | null | undefined;

export interface DashboardTarget {
  ref: NodeRef;
  /** Pointer relative to the dashboard's document. */
  pointer: string;
  refId?: string;
  /** The query text (`expr` for Prometheus/Loki targets). */
  expr?: string;
  /** Pointer of the query text, when there is one. */
  exprPointer?: string;
  hide: boolean;
  /** The target's datasource reference, or the panel's when the target has none. */
  datasource: DatasourceRef;
  /** Smallest `$__interval` for this query: the target's `interval`, else the panel's min interval. */
  minInterval?: string;
  /** Pointer of the target's own datasource reference, when it has one. */
  datasourcePointer?: string;
  /** The datasource resolved through the target, panel, template variables, inputs, or the default. */
  resolvedDatasource: ResolvedDatasource;
  /** Plugin type of the resolved datasource (`prometheus`, `loki`, `mixed`, ...), when known. */
  datasourceType?: string;
  /**
   * The language of `expr`: from the datasource type, or guessed from the text when the type is unknown (the
   * default datasource); undefined for other datasources.
   */
  queryLanguage?: QueryLanguage;
  /**
   * A NodeRef for characters [from, to) of `expr`, mapped through JSON escapes and the embedding YAML; the
   * whole `expr` node when the text cannot be mapped exactly (e.g. inside `gzipJson`).
   */
  exprRef(from: number, to: number): NodeRef;
  /** File offset of character `i` of `expr` (`expr.length` for its end), or undefined when not exactly mappable. */
  exprOffset(i: number): number | undefined;
  panel: DashboardPanel;
  entity: string;
  raw: JsonObject;
}

/** Pointers (relative to the document) of a panel's fields as written in its shape; absent fields are undefined. */
export interface PanelPointers {
  title?: string;
  description?: string;
  type?: string;
  id?: string;
  datasource?: string;
  fieldConfig?: string;
  options?: string;
  targets?: string;
}

export interface DashboardPanel {
  ref: NodeRef;
  pointer: string;
  id?: number | string;
  type?: string;
  title?: string;
  description?: string;
  datasource: DatasourceRef;
  resolvedDatasource: ResolvedDatasource;
  /** Plugin type of the panel's resolved datasource, when known. */
  datasourceType?: string;
  /** A library-panel stub (`libraryPanel: {uid}`) whose content lives in `__elements` or in Grafana. */
  isLibraryPanel: boolean;
  /** For library-panel stubs: the reference and whether its model was found in the file (`__elements`). */
  libraryPanel?: { uid?: string; name?: string; resolved: boolean };
  /** `fieldConfig` (v2: `vizConfig.spec.fieldConfig`), when an object. */
  fieldConfig?: JsonObject;
  /** Visualization `options` (v2: `vizConfig.spec.options`), when an object. */
  options?: JsonObject;
  pointers: PanelPointers;
  /** The panel's min interval (classic `interval`, v2 `queryOptions.interval`): `$__interval` never goes below it. */
  minInterval?: string;
  /** The row this panel sits in (a `type: row` panel, a legacy `rows[]` entry, a v2 row or tab). */
  row?: DashboardRow;
  /** True when the panel sits inside a collapsed row (hidden until expanded). */
  inCollapsedRow: boolean;
  targets: DashboardTarget[];
  dashboard: Dashboard;
  entity: string;
  raw: JsonObject;
}

export interface DashboardRow {
  ref: NodeRef;
  pointer: string;
  title?: string;
  collapsed: boolean;
  /**
   * `row-panel` for `type: row` panels (schemaVersion ≥ 16), `legacy` for pre-16 `rows[]`, `v2-row` for
   * v2 `RowsLayoutRow`/`GridLayoutRow`, `v2-tab` for v2 `TabsLayoutTab`.
   */
  style: 'row-panel' | 'legacy' | 'v2-row' | 'v2-tab';
  id?: number | string;
  /** Pointer of the row's id, when it has one. */
  idPointer?: string;
  raw: JsonObject;
}

export type DashboardShape = 'classic' | 'k8s-v1' | 'k8s-v2' | 'configmap' | 'grafana-operator';

export interface Dashboard {
  ref: NodeRef;
  doc: ParsedDocument;
  /** Pointer of the dashboard object inside `doc` ('' for a plain dashboard file, '/spec' for k8s shapes). */
  pointer: string;
  shape: DashboardShape;
  /** How the dashboard is carried, outermost first (`configmap`, `grafana-operator`, `k8s-v2`, ...). */
  carriers: DashboardShape[];
  uid?: string;
  title?: string;
  /** Auto-refresh as written (`"30s"`, `false`, `""`), and its pointer. */
  refresh?: unknown;
  refreshPointer?: string;
  /** Every panel that is not a row header, including panels inside collapsed rows and legacy rows. */
  panels: DashboardPanel[];
  rows: DashboardRow[];
  datasourceScope: DatasourceScope;
  entity: string;
  raw: JsonObject;
}

export function isObject(v: unknown): v is JsonObject {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** True when a JSON value looks like a classic Grafana dashboard. */
export function looksLikeClassicDashboard(v: unknown): v is JsonObject {
  if (!isObject(v)) return false;
  return (
    Array.isArray(v.panels) ||
    Array.isArray(v.rows) ||
    (typeof v.schemaVersion === 'number' && ('title' in v || 'templating' in v))
  );
}

export function str(v: unknown): string | undefined {
  return typeof v === 'string' ? v : undefined;
}

export function idOf(v: unknown): number | string | undefined {
  return typeof v === 'number' || typeof v === 'string' ? v : undefined;
}

/** `base/key` when `obj[key]` is present, else undefined. */
export function pointerIf(obj: JsonObject, base: string, key: string): string | undefined {
  return obj[key] !== undefined ? joinPointer(base, key) : undefined;
}

/** A target in shape-independent form, before datasource resolution. */
export interface TargetSpec {
  pointer: string;
  raw: JsonObject;
  refId?: string;
  /** Query text and the key it is under (`expr`, `query`, `expression`). */
  expr?: string;
  exprKey?: string;
  exprPointer?: string;
  hide: boolean;
  datasource: DatasourceRef;
  datasourcePointer?: string;
  minInterval?: string;
}

/** A panel in shape-independent form: what every shape's builder produces. */
export interface PanelSpec {
  pointer: string;
  raw: JsonObject;
  id?: number | string;
  type?: string;
  title?: string;
  description?: string;
  datasource: DatasourceRef;
  fieldConfig?: JsonObject;
  options?: JsonObject;
  pointers: PanelPointers;
  minInterval?: string;
  libraryPanel?: { uid?: string; name?: string; resolved: boolean };
  targets: TargetSpec[];
  row?: DashboardRow;
  inCollapsedRow: boolean;
}

/** Creates an empty dashboard model; builders add panels with `addPanel`. */
export function newDashboard(
  doc: ParsedDocument,
  raw: JsonObject,
  pointer: string,
  shape: DashboardShape,
  scope: DatasourceScope,
  fields: { uid?: string; title?: string; refresh?: unknown; refreshPointer?: string },
): Dashboard {
  return {
    ref: doc.ref(pointer),
    doc,
    pointer,
    shape,
    carriers: [shape],
    uid: fields.uid,
    title: fields.title,
    refresh: fields.refresh,
    refreshPointer: fields.refreshPointer,
    panels: [],
    rows: [],
    datasourceScope: scope,
    entity: `dashboard:${fields.uid ?? fields.title ?? doc.file.relPath}`,
    raw,
  };
}

/** Adds a panel (and its targets) to a dashboard, resolving datasources and query languages. */
export function addPanel(dashboard: Dashboard, spec: PanelSpec): DashboardPanel {
  const { doc } = dashboard;
  const resolved = resolveDatasource(spec.datasource, dashboard.datasourceScope, 'panel');
  const panel: DashboardPanel = {
    ref: doc.ref(spec.pointer),
    pointer: spec.pointer,
    id: spec.id,
    type: spec.type,
    title: spec.title,
    description: spec.description,
    datasource: spec.datasource,
    resolvedDatasource: resolved,
    datasourceType: resolved.type,
    isLibraryPanel: spec.libraryPanel !== undefined,
    libraryPanel: spec.libraryPanel,
    fieldConfig: spec.fieldConfig,
    options: spec.options,
    pointers: spec.pointers,
    minInterval: spec.minInterval,
    row: spec.row,
    inCollapsedRow: spec.inCollapsedRow,
    targets: [],
    dashboard,
    entity: `${dashboard.entity}/panel:${spec.id ?? spec.pointer}`,
    raw: spec.raw,
  };
  spec.targets.forEach((t, i) => panel.targets.push(makeTarget(panel, t, i)));
  dashboard.panels.push(panel);
  return panel;
}

function makeTarget(panel: DashboardPanel, t: TargetSpec, index: number): DashboardTarget {
  const { doc } = panel.dashboard;
  const resolved = resolveTargetDatasource(t.datasource, panel.resolvedDatasource, panel.dashboard.datasourceScope);
  let language = languageOfType(resolved.type);
  // Unknown type (default datasource, bare name, unresolved variable): `expr` is Prometheus or Loki.
  if (!language && resolved.type === undefined && t.exprKey === 'expr' && t.expr !== undefined) language = guessQueryLanguage(t.expr);
  let offsets: ReturnType<typeof stringValueOffsets> | null = null;
  const exprMap = () => (offsets === null ? (offsets = t.exprPointer ? stringValueOffsets(doc, t.exprPointer, t.expr) : undefined) : offsets);
  return {
    ref: doc.ref(t.pointer),
    pointer: t.pointer,
    refId: t.refId,
    expr: t.expr,
    exprPointer: t.exprPointer,
    hide: t.hide,
    datasource: t.datasource ?? panel.datasource,
    datasourcePointer: t.datasourcePointer,
    minInterval: t.minInterval || panel.minInterval,
    resolvedDatasource: resolved,
    datasourceType: resolved.type,
    queryLanguage: language,
    exprRef(from, to) {
      return t.exprPointer ? lazyStringRangeRef(doc, t.exprPointer, exprMap, from, to) : doc.ref(t.pointer);
    },
    exprOffset(i) {
      const map = exprMap();
      if (!map || !map.exact) return undefined;
      return i >= map.value.length ? map.rangeToFile(0, map.value.length).end : map.toFile(i);
    },
    panel,
    entity: `${panel.entity}/target:${t.refId ?? index}`,
    raw: t.raw,
  };
}

const EXPR_KEYS = ['expr', 'query', 'expression'] as const;

/** A classic target object (`targets[i]`) in shape-independent form. */
export function classicTarget(t: JsonObject, pointer: string): TargetSpec {
  const exprKey = EXPR_KEYS.find((k) => typeof t[k] === 'string');
  return {
    pointer,
    raw: t,
    refId: str(t.refId),
    expr: exprKey ? (t[exprKey] as string) : undefined,
    exprKey,
    exprPointer: exprKey ? joinPointer(pointer, exprKey) : undefined,
    hide: t.hide === true,
    datasource: t.datasource as DatasourceRef,
    datasourcePointer: pointerIf(t, pointer, 'datasource'),
    minInterval: str(t.interval) || undefined,
  };
}

/** Pointers of a classic panel object's fields. */
function classicPointers(p: JsonObject, ptr: string): PanelPointers {
  return {
    title: pointerIf(p, ptr, 'title'),
    description: pointerIf(p, ptr, 'description'),
    type: pointerIf(p, ptr, 'type'),
    id: pointerIf(p, ptr, 'id'),
    datasource: pointerIf(p, ptr, 'datasource'),
    fieldConfig: pointerIf(p, ptr, 'fieldConfig'),
    options: pointerIf(p, ptr, 'options'),
    targets: pointerIf(p, ptr, 'targets'),
  };
}

/** A classic panel object in shape-independent form (content from `model` when a library stub resolves). */
function classicPanelSpec(p: JsonObject, ptr: string, row: DashboardRow | undefined, inCollapsedRow: boolean, elements: unknown, elementsPtr: string): PanelSpec {
  let content = p;
  let contentPtr = ptr;
  let libraryPanel: PanelSpec['libraryPanel'];
  if (isObject(p.libraryPanel)) {
    const uid = str(p.libraryPanel.uid);
    const el = uid !== undefined && isObject(elements) && Object.hasOwn(elements, uid) ? elements[uid] : undefined;
    const model = isObject(el) && isObject(el.model) ? el.model : undefined;
    libraryPanel = { uid, name: str(p.libraryPanel.name), resolved: model !== undefined };
    if (model && uid !== undefined) {
      content = model;
      contentPtr = joinPointer(elementsPtr, uid, 'model');
    }
  }
  const pointers = classicPointers(content, contentPtr);
  // The stub's own id and title win over the library model's.
  if (content !== p) {
    if (p.id !== undefined) pointers.id = joinPointer(ptr, 'id');
    if (p.title !== undefined) pointers.title = joinPointer(ptr, 'title');
  }
  const targets: TargetSpec[] = [];
  if (Array.isArray(content.targets)) {
    content.targets.forEach((t, i) => {
      if (isObject(t)) targets.push(classicTarget(t, joinPointer(contentPtr, 'targets', i)));
    });
  }
  return {
    pointer: ptr,
    raw: p,
    id: idOf(p.id) ?? idOf(content.id),
    type: str(content.type),
    title: str(p.title) ?? str(content.title),
    description: str(content.description),
    datasource: content.datasource as DatasourceRef,
    fieldConfig: isObject(content.fieldConfig) ? content.fieldConfig : undefined,
    options: isObject(content.options) ? content.options : undefined,
    pointers,
    minInterval: str(content.interval) || undefined,
    libraryPanel,
    targets,
    row,
    inCollapsedRow,
  };
}

function classicRow(doc: ParsedDocument, p: JsonObject, ptr: string, style: 'row-panel' | 'legacy'): DashboardRow {
  return {
    ref: doc.ref(ptr),
    pointer: ptr,
    title: str(p.title),
    // Legacy rows say `collapse`, row panels `collapsed`.
    collapsed: style === 'legacy' ? p.collapse === true || p.collapsed === true : p.collapsed === true,
    style,
    id: idOf(p.id),
    idPointer: pointerIf(p, ptr, 'id'),
    raw: p,
  };
}

/** Builds the dashboard model of a classic Grafana dashboard JSON object at `pointer` in `doc`. */
export function buildClassicDashboard(
  doc: ParsedDocument,
  raw: JsonObject,
  pointer: string,
  shape: DashboardShape = 'classic',
  defaults: { uid?: string } = {},
): Dashboard {
  const dashboard = newDashboard(doc, raw, pointer, shape, classicDatasourceScope(raw), {
    uid: str(raw.uid) || defaults.uid,
    title: str(raw.title),
    refresh: raw.refresh,
    refreshPointer: pointerIf(raw, pointer, 'refresh'),
  });
  const elementsPtr = joinPointer(pointer, '__elements');
  const add = (p: JsonObject, ptr: string, row: DashboardRow | undefined, collapsed: boolean) =>
    addPanel(dashboard, classicPanelSpec(p, ptr, row, collapsed, raw.__elements, elementsPtr));

  // schemaVersion >= 16: flat panels[], rows are panels of type "row"; a collapsed row holds its panels.
  if (Array.isArray(raw.panels)) {
    let currentRow: DashboardRow | undefined;
    raw.panels.forEach((p, i) => {
      if (!isObject(p)) return;
      const ptr = joinPointer(pointer, 'panels', i);
      if (p.type === 'row') {
        const row = classicRow(doc, p, ptr, 'row-panel');
        currentRow = row;
        dashboard.rows.push(row);
        if (Array.isArray(p.panels)) {
          p.panels.forEach((child, j) => {
            if (isObject(child)) add(child, joinPointer(ptr, 'panels', j), row, row.collapsed);
          });
        }
        return;
      }
      // Panels after a row header belong to it; only panels stored inside a collapsed row are hidden.
      add(p, ptr, currentRow, false);
    });
  }
  // Legacy dashboards (schemaVersion < 16): rows[] each holding panels[].
  if (Array.isArray(raw.rows)) {
    raw.rows.forEach((r, i) => {
      if (!isObject(r)) return;
      const rptr = joinPointer(pointer, 'rows', i);
      const row = classicRow(doc, r, rptr, 'legacy');
      dashboard.rows.push(row);
      if (Array.isArray(r.panels)) {
        r.panels.forEach((p, j) => {
          if (isObject(p)) add(p, joinPointer(rptr, 'panels', j), row, row.collapsed);
        });
      }
    });
  }
  return dashboard;
}
