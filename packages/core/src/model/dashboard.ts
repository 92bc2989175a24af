import type { ParsedDocument } from '../document/document.js';
import { joinPointer } from '../document/pointer.js';
import type { NodeRef } from '../source/node-ref.js';

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
  datasource: DatasourceRef;
  panel: DashboardPanel;
  entity: string;
  raw: JsonObject;
}

export interface DashboardPanel {
  ref: NodeRef;
  pointer: string;
  id?: number | string;
  type?: string;
  title?: string;
  datasource: DatasourceRef;
  /** A library-panel stub (`libraryPanel: {uid}`) whose content lives in `__elements` or in Grafana. */
  isLibraryPanel: boolean;
  /** The row this panel sits in (a `type: row` panel, or a legacy `rows[]` entry). */
  row?: DashboardRow;
  /** True when the panel sits inside a collapsed row (hidden until expanded). */
  inCollapsedRow: boolean;
  targets: DashboardTarget[];
  entity: string;
  raw: JsonObject;
}

export interface DashboardRow {
  ref: NodeRef;
  pointer: string;
  title?: string;
  collapsed: boolean;
  /** `row-panel` for `type: row` panels (schemaVersion ≥ 16), `legacy` for pre-16 `rows[]`. */
  style: 'row-panel' | 'legacy';
  id?: number | string;
  raw: JsonObject;
}

export type DashboardShape = 'classic' | 'k8s-v1' | 'k8s-v2' | 'configmap' | 'grafana-operator';

export interface Dashboard {
  ref: NodeRef;
  doc: ParsedDocument;
  /** Pointer of the dashboard object inside `doc` ('' for a plain dashboard file). */
  pointer: string;
  shape: DashboardShape;
  uid?: string;
  title?: string;
  /** Every panel that is not a row header, including panels inside collapsed rows and legacy rows. */
  panels: DashboardPanel[];
  rows: DashboardRow[];
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

function str(v: unknown): string | undefined {
  return typeof v === 'string' ? v : undefined;
}

function idOf(v: unknown): number | string | undefined {
  return typeof v === 'number' || typeof v === 'string' ? v : undefined;
}

/** Builds the dashboard model of a classic Grafana dashboard JSON object at `pointer` in `doc`. */
export function buildClassicDashboard(doc: ParsedDocument, raw: JsonObject, pointer: string, shape: DashboardShape = 'classic'): Dashboard {
  const uid = str(raw.uid);
  const title = str(raw.title);
  const dashEntity = `dashboard:${uid ?? title ?? doc.file.relPath}`;
  const dashboard: Dashboard = {
    ref: doc.ref(pointer),
    doc,
    pointer,
    shape,
    uid,
    title,
    panels: [],
    rows: [],
    entity: dashEntity,
    raw,
  };

  const addPanel = (p: JsonObject, ptr: string, row: DashboardRow | undefined) => {
    const id = idOf(p.id);
    const panel: DashboardPanel = {
      ref: doc.ref(ptr),
      pointer: ptr,
      id,
      type: str(p.type),
      title: str(p.title),
      datasource: p.datasource as DatasourceRef,
      isLibraryPanel: isObject(p.libraryPanel),
      row,
      inCollapsedRow: row?.collapsed ?? false,
      targets: [],
      entity: `${dashEntity}/panel:${id ?? ptr}`,
      raw: p,
    };
    if (Array.isArray(p.targets)) {
      p.targets.forEach((t, i) => {
        if (!isObject(t)) return;
        const tptr = joinPointer(ptr, 'targets', i);
        const expr = str(t.expr) ?? str(t.query) ?? str(t.expression);
        const exprKey = typeof t.expr === 'string' ? 'expr' : typeof t.query === 'string' ? 'query' : typeof t.expression === 'string' ? 'expression' : undefined;
        panel.targets.push({
          ref: doc.ref(tptr),
          pointer: tptr,
          refId: str(t.refId),
          expr,
          exprPointer: exprKey ? joinPointer(tptr, exprKey) : undefined,
          hide: t.hide === true,
          datasource: (t.datasource ?? p.datasource) as DatasourceRef,
          panel,
          entity: `${panel.entity}/target:${str(t.refId) ?? i}`,
          raw: t,
        });
      });
    }
    dashboard.panels.push(panel);
    // Nested panels of old-style panel groups are not part of the classic schema; rows handle nesting.
  };

  const rowOf = (p: JsonObject, ptr: string, style: DashboardRow['style']): DashboardRow => ({
    ref: doc.ref(ptr),
    pointer: ptr,
    title: str(p.title),
    collapsed: p.collapsed === true,
    style,
    id: idOf(p.id),
    raw: p,
  });

  // schemaVersion >= 16: flat panels[], rows are panels of type "row"; a collapsed row holds its panels.
  if (Array.isArray(raw.panels)) {
    let currentRow: DashboardRow | undefined;
    raw.panels.forEach((p, i) => {
      if (!isObject(p)) return;
      const ptr = joinPointer(pointer, 'panels', i);
      if (p.type === 'row') {
        currentRow = rowOf(p, ptr, 'row-panel');
        dashboard.rows.push(currentRow);
        if (Array.isArray(p.panels)) {
          p.panels.forEach((child, j) => {
            if (isObject(child)) addPanel(child, joinPointer(ptr, 'panels', j), currentRow);
          });
        }
        return;
      }
      addPanel(p, ptr, currentRow);
    });
  }
  // Legacy dashboards (schemaVersion < 16): rows[] each holding panels[].
  if (Array.isArray(raw.rows)) {
    raw.rows.forEach((r, i) => {
      if (!isObject(r)) return;
      const rptr = joinPointer(pointer, 'rows', i);
      const row = rowOf(r, rptr, 'legacy');
      dashboard.rows.push(row);
      if (Array.isArray(r.panels)) {
        r.panels.forEach((p, j) => {
          if (isObject(p)) addPanel(p, joinPointer(rptr, 'panels', j), row);
        });
      }
    });
  }
  return dashboard;
}
