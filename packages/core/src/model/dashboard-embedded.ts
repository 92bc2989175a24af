import { gunzipSync } from 'node:zlib';
import type { ParsedDocument, ParseFailure } from '../document/document.js';
import { parseJsonDocument } from '../document/json-document.js';
import { joinPointer } from '../document/pointer.js';
import { stringValueOffsets } from '../document/string-offsets.js';
import { isObject, type Dashboard, type DashboardShape, type JsonObject } from './dashboard.js';
import { buildK8sDashboard, looksLikeK8sDashboard } from './dashboard-k8s.js';

/** Upper bound on a decompressed `spec.gzipJson` (gzip bombs become a parse error). */
export const MAX_GZIP_JSON_BYTES = 64 * 1024 * 1024;

/** Extracts the dashboards of a (possibly embedded) document; embedded parse failures go to `failures`. */
export type DashboardExtractor = (doc: ParsedDocument, failures: ParseFailure[]) => Dashboard[];

/** True when a string could hold a dashboard's JSON (a ConfigMap key or value). */
function mayHoldJson(key: string, value: string): boolean {
  return /\.json$/i.test(key) || /^\s*\{/.test(value);
}

function looksLikeDashboardJson(text: string): boolean {
  return /"(panels|schemaVersion|templating|elements)"\s*:/.test(text.slice(0, 65536));
}

/**
 * Parses the JSON string at `pointer` of `doc` as an embedded document whose locations map back into the
 * file: character by character through the YAML/JSON string's quoting and indentation, or (when that is
 * not possible) to the start of the string.
 */
function embeddedDocument(doc: ParsedDocument, pointer: string, text: string, failures: ParseFailure[], opaque = false): ParsedDocument | undefined {
  const map = opaque ? undefined : stringValueOffsets(doc, pointer);
  const start = doc.locate(pointer)?.startOffset ?? 0;
  let mapOffset: (o: number) => number = () => start;
  if (map?.exact) {
    const end = map.rangeToFile(0, text.length).end;
    mapOffset = (o) => (o >= text.length ? end : map.toFile(o));
  }
  const res = parseJsonDocument(doc.file, { text, mapOffset, basePointer: doc.basePointer + pointer, docIndex: doc.docIndex });
  if (res.ok) return res.value;
  if (looksLikeDashboardJson(text)) failures.push(res.error);
  return undefined;
}

function withCarrier(dashboards: Dashboard[], carrier: DashboardShape): Dashboard[] {
  for (const d of dashboards) {
    d.carriers.unshift(carrier);
    d.shape = carrier;
  }
  return dashboards;
}

/** Dashboards in a ConfigMap's `data` (one per `*.json` key). */
function fromConfigMap(doc: ParsedDocument, cm: JsonObject, ptr: string, extract: DashboardExtractor, failures: ParseFailure[]): Dashboard[] {
  if (!isObject(cm.data)) return [];
  const out: Dashboard[] = [];
  for (const [key, value] of Object.entries(cm.data)) {
    if (typeof value !== 'string' || !mayHoldJson(key, value)) continue;
    const inner = embeddedDocument(doc, joinPointer(ptr, 'data', key), value, failures);
    if (inner) out.push(...withCarrier(extract(inner, failures), 'configmap'));
  }
  return out;
}

/** Dashboards in a grafana-operator `GrafanaDashboard`: `spec.json` (a JSON string) or `spec.gzipJson` (base64 gzip). */
function fromGrafanaDashboard(doc: ParsedDocument, cr: JsonObject, ptr: string, extract: DashboardExtractor, failures: ParseFailure[]): Dashboard[] {
  const spec = isObject(cr.spec) ? cr.spec : {};
  const specPtr = joinPointer(ptr, 'spec');
  let inner: ParsedDocument | undefined;
  if (typeof spec.json === 'string') inner = embeddedDocument(doc, joinPointer(specPtr, 'json'), spec.json, failures);
  else if (typeof spec.gzipJson === 'string') {
    const gzPtr = joinPointer(specPtr, 'gzipJson');
    let text: string | undefined;
    try {
      text = gunzipSync(Buffer.from(spec.gzipJson.replace(/\s+/g, ''), 'base64'), { maxOutputLength: MAX_GZIP_JSON_BYTES }).toString('utf8');
    } catch (e) {
      const r = doc.locate(gzPtr);
      failures.push({ message: `spec.gzipJson is not base64-encoded gzip: ${(e as Error).message}`, offset: r?.startOffset ?? 0, endOffset: r?.endOffset });
    }
    // Locations inside compressed data cannot be mapped: everything points at the gzipJson scalar.
    if (text !== undefined) inner = embeddedDocument(doc, gzPtr, text, failures, true);
  }
  return inner ? withCarrier(extract(inner, failures), 'grafana-operator') : [];
}

/**
 * Dashboards carried inside Kubernetes objects of a document: ConfigMaps (`data."x.json"`), grafana-operator
 * `GrafanaDashboard` resources, and Lists of them (`ConfigMapList`, `List`, also holding `dashboard.grafana.app` items).
 */
export function extractEmbeddedDashboards(doc: ParsedDocument, extract: DashboardExtractor, failures: ParseFailure[]): Dashboard[] {
  const v = doc.value;
  if (!isObject(v)) return [];
  const one = (o: JsonObject, ptr: string): Dashboard[] => {
    if (o.kind === 'ConfigMap') return fromConfigMap(doc, o, ptr, extract, failures);
    if (o.kind === 'GrafanaDashboard') return fromGrafanaDashboard(doc, o, ptr, extract, failures);
    // A dashboard.grafana.app resource inside a List.
    if (ptr !== '' && looksLikeK8sDashboard(o)) return [buildK8sDashboard(doc, o, ptr)];
    return [];
  };
  if (Array.isArray(v.items) && typeof v.kind === 'string' && /List$/.test(v.kind)) {
    return v.items.flatMap((item, i) => (isObject(item) ? one(item, joinPointer('', 'items', i)) : []));
  }
  return one(v, '');
}
