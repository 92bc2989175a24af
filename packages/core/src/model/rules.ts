import type { ParsedDocument } from '../document/document.js';
import { joinPointer } from '../document/pointer.js';
import { stringRangeRefs } from '../document/string-offsets.js';
import type { NodeRef } from '../source/node-ref.js';
import { isObject, type JsonObject } from './dashboard.js';

/** Query language of a rule file's expressions. */
export type RuleQueryLanguage = 'promql' | 'logql';

export interface RuleFile {
  ref: NodeRef;
  doc: ParsedDocument;
  /**
   * Pointer of the `groups` array's parent ('' for plain files, '/spec' for PrometheusRule CRDs,
   * '/items/3/spec' inside a List, '' for a Mimir/Cortex namespace map whose groups sit under '/<namespace>').
   */
  pointer: string;
  /**
   * `rule-file`: Prometheus/Thanos/Loki/mimirtool `groups:` files; `prometheus-rule-crd`: the Prometheus
   * Operator CRD; `namespace-map`: the Cortex/Mimir/Loki ruler API shape `<namespace>: [groups]`.
   */
  packaging: 'rule-file' | 'prometheus-rule-crd' | 'namespace-map';
  /** `logql` for Loki rule files (detected by their expressions), otherwise `promql`. */
  language: RuleQueryLanguage;
  groups: RuleGroup[];
}

export interface RuleGroup {
  ref: NodeRef;
  pointer: string;
  name: string;
  interval?: string;
  /** Mimir/Cortex/Loki ruler namespace (namespace maps, or mimirtool's top-level `namespace:`). */
  namespace?: string;
  file: RuleFile;
  rules: Array<AlertingRule | RecordingRule>;
  entity: string;
  raw: JsonObject;
}

interface RuleBase {
  ref: NodeRef;
  pointer: string;
  group: RuleGroup;
  expr: string;
  /** Pointer of the `expr` value. */
  exprPointer: string;
  labels: Record<string, string>;
  entity: string;
  raw: JsonObject;
  /** A NodeRef for the range [from, to) of `expr` (offsets into `expr`), mapped through YAML/JSON quoting. */
  exprRef(from: number, to: number): NodeRef;
}

export interface AlertingRule extends RuleBase {
  type: 'alerting';
  name: string;
  /** `for` as written (e.g. "5m"), undefined when absent. */
  for?: string;
  keepFiringFor?: string;
  annotations: Record<string, string>;
}

export interface RecordingRule extends RuleBase {
  type: 'recording';
  name: string;
}

function isGroupArray(v: unknown): v is JsonObject[] {
  return Array.isArray(v) && v.length > 0 && v.every((g) => isObject(g) && Array.isArray(g.rules));
}

/** `<namespace>: [groups]` (Cortex/Mimir/Loki ruler API and `mimirtool rules print`). */
function isNamespaceMap(v: JsonObject): boolean {
  const values = Object.values(v);
  return values.length > 0 && values.every((g) => isGroupArray(g) || (Array.isArray(g) && g.length === 0)) && values.some(isGroupArray);
}

function isPrometheusRuleCrd(v: unknown): v is JsonObject & { spec: JsonObject } {
  return isObject(v) && v.kind === 'PrometheusRule' && isObject(v.spec);
}

export function looksLikeRuleFile(v: unknown): boolean {
  if (!isObject(v)) return false;
  if (Array.isArray(v.groups)) return v.groups.some((g) => isObject(g) && Array.isArray(g.rules));
  if (isPrometheusRuleCrd(v)) return true;
  if (Array.isArray(v.items)) return v.items.some(isPrometheusRuleCrd);
  return isNamespaceMap(v);
}

function stringMap(v: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  if (!isObject(v)) return out;
  for (const [k, val] of Object.entries(v)) {
    if (val === null || val === undefined) continue;
    out[k] = typeof val === 'string' ? val : typeof val === 'object' ? JSON.stringify(val) : String(val);
  }
  return out;
}

function durationString(v: unknown): string | undefined {
  if (typeof v === 'string') return v;
  if (typeof v === 'number') return String(v);
  return undefined;
}

/** Operators and stages that exist in LogQL but not in PromQL. */
const LOGQL_ONLY = /\|=|\|~|\|\s*(json|logfmt|pattern|regexp|unpack|line_format|label_format|unwrap|drop|keep|decolorize)\b|\}\s*!=\s*["`]|\}\s*!~\s*["`]|\b(bytes_over_time|bytes_rate|rate_counter)\s*\(/;

/** True when a rule expression can only be LogQL (Loki ruler files). */
export function looksLikeLogqlExpr(expr: string): boolean {
  return LOGQL_ONLY.test(expr);
}

function detectLanguage(groups: unknown[]): RuleQueryLanguage {
  for (const g of groups) {
    if (!isObject(g) || !Array.isArray(g.rules)) continue;
    for (const r of g.rules) if (isObject(r) && typeof r.expr === 'string' && looksLikeLogqlExpr(r.expr)) return 'logql';
  }
  return 'promql';
}

function buildGroups(doc: ParsedDocument, file: RuleFile, groups: unknown[], base: string, namespace: string | undefined): void {
  groups.forEach((g, gi) => {
    if (!isObject(g)) return;
    const gptr = joinPointer(base, gi);
    const name = typeof g.name === 'string' ? g.name : g.name === undefined || g.name === null ? `#${gi}` : String(g.name);
    const prefix = namespace !== undefined ? `namespace:${namespace}/` : '';
    const group: RuleGroup = {
      ref: doc.ref(gptr),
      pointer: gptr,
      name,
      interval: durationString(g.interval),
      namespace,
      file,
      rules: [],
      entity: `${prefix}group:${name}`,
      raw: g,
    };
    const rules = Array.isArray(g.rules) ? g.rules : [];
    rules.forEach((r, ri) => {
      if (!isObject(r)) return;
      const rptr = joinPointer(gptr, 'rules', ri);
      const expr = typeof r.expr === 'string' ? r.expr : typeof r.expr === 'number' ? String(r.expr) : '';
      const exprPointer = joinPointer(rptr, 'expr');
      const ref = doc.ref(rptr);
      const labels = stringMap(r.labels);
      const exprRef = typeof r.expr === 'string' ? stringRangeRefs(doc, exprPointer, r.expr) : () => doc.ref(exprPointer);
      const alert = typeof r.alert === 'string' ? r.alert : typeof r.alert === 'number' ? String(r.alert) : undefined;
      const record = typeof r.record === 'string' ? r.record : typeof r.record === 'number' ? String(r.record) : undefined;
      // Object literals, not `{ ...base, ... }`: V8 copies a spread object through a slow path (3 KB per rule).
      if (alert !== undefined) {
        group.rules.push({
          ref, pointer: rptr, group, expr, exprPointer, labels, raw: r, exprRef,
          type: 'alerting',
          name: alert,
          for: durationString(r.for),
          keepFiringFor: durationString(r.keep_firing_for),
          annotations: stringMap(r.annotations),
          entity: `${group.entity}/alert:${alert}`,
        });
      } else if (record !== undefined) {
        group.rules.push({ ref, pointer: rptr, group, expr, exprPointer, labels, raw: r, exprRef, type: 'recording', name: record, entity: `${group.entity}/record:${record}` });
      }
    });
    file.groups.push(group);
  });
}

function newFile(doc: ParsedDocument, pointer: string, packaging: RuleFile['packaging'], groups: unknown[]): RuleFile {
  return { ref: doc.ref(pointer), doc, pointer, packaging, language: detectLanguage(groups), groups: [] };
}

/**
 * Builds the rule-file models of one document: a plain `groups:` file (Prometheus, Thanos, Loki, mimirtool
 * with `namespace:`), a PrometheusRule CRD, a List of them, or a Cortex/Mimir namespace map.
 */
export function buildRuleFiles(doc: ParsedDocument): RuleFile[] {
  const v = doc.value;
  if (!isObject(v)) return [];
  if (Array.isArray(v.groups)) {
    const f = newFile(doc, '', 'rule-file', v.groups);
    const ns = typeof v.namespace === 'string' ? v.namespace : undefined;
    buildGroups(doc, f, v.groups, '/groups', ns);
    return [f];
  }
  const crds: Array<[string, JsonObject]> = isPrometheusRuleCrd(v)
    ? [['/spec', v.spec]]
    : Array.isArray(v.items)
      ? v.items.flatMap((it, i): Array<[string, JsonObject]> => (isPrometheusRuleCrd(it) ? [[joinPointer('/items', i, 'spec'), it.spec]] : []))
      : [];
  if (crds.length) {
    return crds.map(([ptr, spec]) => {
      const groups = Array.isArray(spec.groups) ? spec.groups : [];
      const f = newFile(doc, ptr, 'prometheus-rule-crd', groups);
      buildGroups(doc, f, groups, joinPointer(ptr, 'groups'), undefined);
      return f;
    });
  }
  if (isNamespaceMap(v)) {
    const all = Object.values(v).flat();
    const f = newFile(doc, '', 'namespace-map', all);
    for (const [ns, groups] of Object.entries(v)) if (Array.isArray(groups)) buildGroups(doc, f, groups, joinPointer('', ns), ns);
    return [f];
  }
  return [];
}

/** Builds the rule-file model of a plain `groups:` file or a PrometheusRule CRD document (the first one, if several). */
export function buildRuleFile(doc: ParsedDocument, language?: RuleQueryLanguage): RuleFile | undefined {
  const f = buildRuleFiles(doc)[0];
  if (f && language) f.language = language;
  return f;
}
