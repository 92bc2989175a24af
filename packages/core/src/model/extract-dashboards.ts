import type { ParsedDocument } from '../document/document.js';
import { buildClassicDashboard, isObject, looksLikeClassicDashboard, type Dashboard } from './dashboard.js';

/**
 * Finds every dashboard in a parsed document: a classic dashboard JSON, or the API export wrapper
 * `{ "dashboard": {...}, "meta": {...} }`.
 */
export function extractDashboards(doc: ParsedDocument): Dashboard[] {
  const v = doc.value;
  if (looksLikeClassicDashboard(v)) return [buildClassicDashboard(doc, v, '')];
  if (isObject(v) && looksLikeClassicDashboard(v.dashboard)) return [buildClassicDashboard(doc, v.dashboard, '/dashboard')];
  return [];
}

/** Cheap text sniff: does this (possibly broken) JSON/YAML text look like it holds a dashboard? */
export function sniffDashboardText(text: string): boolean {
  const head = text.slice(0, 65536);
  return /"(panels|schemaVersion|templating)"\s*:/.test(head) || /kind:\s*GrafanaDashboard\b/.test(head) || /dashboard\.grafana\.app/.test(head);
}
