import type { ParsedDocument, ParseFailure } from '../document/document.js';
import { buildClassicDashboard, isObject, looksLikeClassicDashboard, type Dashboard } from './dashboard.js';
import { extractEmbeddedDashboards } from './dashboard-embedded.js';
import { buildK8sDashboard, looksLikeK8sDashboard } from './dashboard-k8s.js';

/**
 * Finds every dashboard in a parsed document, whatever its shape: a classic dashboard JSON, the API export
 * wrapper `{ "dashboard": {...}, "meta": {...} }`, a `dashboard.grafana.app` resource (v0/v1 `spec` holding
 * a classic dashboard, v2 `spec.elements` + `spec.layout`), dashboards embedded as JSON strings in ConfigMaps,
 * ConfigMapLists and grafana-operator `GrafanaDashboard` resources (`spec.json`, `spec.gzipJson`).
 * Embedded JSON that does not parse is added to `failures` (when given) with its file offset.
 */
export function extractDashboards(doc: ParsedDocument, failures: ParseFailure[] = []): Dashboard[] {
  const v = doc.value;
  if (looksLikeK8sDashboard(v)) return [buildK8sDashboard(doc, v)];
  if (looksLikeClassicDashboard(v)) return [buildClassicDashboard(doc, v, '')];
  if (isObject(v) && looksLikeClassicDashboard(v.dashboard)) return [buildClassicDashboard(doc, v.dashboard, '/dashboard')];
  return extractEmbeddedDashboards(doc, extractDashboards, failures);
}

/** Cheap text sniff: does this (possibly broken) JSON/YAML text look like it holds a dashboard? */
export function sniffDashboardText(text: string): boolean {
  const head = text.slice(0, 65536);
  return /"(panels|schemaVersion|templating)"\s*:/.test(head) || /kind:\s*GrafanaDashboard\b/.test(head) || /dashboard\.grafana\.app/.test(head);
}
