import type { ParsedDocument } from '../document/document.js';
import { joinPointer } from '../document/pointer.js';
import type { NodeRef } from '../source/node-ref.js';
import { isObject, type JsonObject } from './dashboard.js';

/** Query language of a rule file's expressions. */
export type RuleQueryLanguage = 'promql' | 'logql';

export interface RuleFile {
  ref: NodeRef;
  doc: ParsedDocument;
  /** Pointer of the `groups` array's parent ('' for plain files, '/spec' for PrometheusRule CRDs). */
  pointer: string;
  packaging: 'rule-file' | 'prometheus-rule-crd';
  language: RuleQueryLanguage;
  groups: RuleGroup[];
}

export interface RuleGroup {
  ref: NodeRef;
  pointer: string;
  name: string;
  interval?: string;
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

export function looksLikeRuleFile(v: unknown): boolean {
  if (!isObject(v)) return false;
  if (Array.isArray(v.groups)) return v.groups.some((g) => isObject(g) && Array.isArray(g.rules));
  if (v.kind === 'PrometheusRule' && isObject(v.spec)) return true;
  return false;
}

function stringMap(v: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  if (!isObject(v)) return out;
  for (const [k, val] of Object.entries(v)) {
    if (val === null || val === undefined) continue;
    out[k] = typeof val === 'string' ? val : String(val);
  }
  return out;
}

function durationString(v: unknown): string | undefined {
  if (typeof v === 'string') return v;
  if (typeof v === 'number') return String(v);
  return undefined;
}

/** Builds the rule-file model of a plain `groups:` file or a PrometheusRule CRD document. */
export function buildRuleFile(doc: ParsedDocument, language: RuleQueryLanguage = 'promql'): RuleFile | undefined {
  const v = doc.value;
  if (!isObject(v)) return undefined;
  let pointer = '';
  let packaging: RuleFile['packaging'] = 'rule-file';
  let holder: JsonObject = v;
  if (v.kind === 'PrometheusRule' && isObject(v.spec)) {
    pointer = '/spec';
    packaging = 'prometheus-rule-crd';
    holder = v.spec;
  }
  const file: RuleFile = { ref: doc.ref(pointer), doc, pointer, packaging, language, groups: [] };
  const groups = Array.isArray(holder.groups) ? holder.groups : [];
  groups.forEach((g, gi) => {
    if (!isObject(g)) return;
    const gptr = joinPointer(pointer, 'groups', gi);
    const name = typeof g.name === 'string' ? g.name : `#${gi}`;
    const group: RuleGroup = {
      ref: doc.ref(gptr),
      pointer: gptr,
      name,
      interval: durationString(g.interval),
      file,
      rules: [],
      entity: `group:${name}`,
      raw: g,
    };
    const rules = Array.isArray(g.rules) ? g.rules : [];
    rules.forEach((r, ri) => {
      if (!isObject(r)) return;
      const rptr = joinPointer(gptr, 'rules', ri);
      const expr = typeof r.expr === 'string' ? r.expr : r.expr === undefined || r.expr === null ? '' : String(r.expr);
      const base = {
        ref: doc.ref(rptr),
        pointer: rptr,
        group,
        expr,
        exprPointer: joinPointer(rptr, 'expr'),
        labels: stringMap(r.labels),
        raw: r,
      };
      if (typeof r.alert === 'string') {
        group.rules.push({
          ...base,
          type: 'alerting',
          name: r.alert,
          for: durationString(r.for),
          keepFiringFor: durationString(r.keep_firing_for),
          annotations: stringMap(r.annotations),
          entity: `group:${name}/alert:${r.alert}`,
        });
      } else if (typeof r.record === 'string') {
        group.rules.push({ ...base, type: 'recording', name: r.record, entity: `group:${name}/record:${r.record}` });
      }
    });
    file.groups.push(group);
  });
  return file;
}
