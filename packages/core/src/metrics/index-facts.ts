import type * as ESTree from 'estree';
import type { SyntaxNode } from '@lezer/common';
import { collectMetricSites, type MetricDefinitionSite } from '../code/metric-instruments.js';
import { memberPath, staticString, unwrapExpression, type ModuleConstants } from '../code/metric-expressions.js';
import { joinPointer } from '../document/pointer.js';
import { stringRangeRef } from '../document/string-offsets.js';
import { isPrometheusType, parseGrafanaQuery } from '../grafana/query.js';
import type { FileModel } from '../model/index.js';
import { isObject, type Dashboard, type JsonObject } from '../model/dashboard.js';
import { panelLabel, promqlTargets, queryRangeRef } from '../model/dashboard-queries.js';
import type { RuleFile } from '../model/rules.js';
import { labelSetOf } from '../promql/label-set.js';
import { analysisOf, childNamed, findSelectors, parsePromql, selectorMatchers, type PromqlAst } from '../promql/parse-promql.js';
import { fileFactLocation, type FactFile, type FileFactLocation } from '../runner/facts.js';
import type { PackedUses } from './packed-uses.js';
import type { SpillFile } from '../util/spill-file.js';
import { offsetRef, type NodeRef } from '../source/node-ref.js';
import { nodeRange } from './index-code.js';
import { ownStrings } from '../util/intern.js';
import { offloadLocations, UsePacker, type LabelRef, type UseSource } from './packed-uses.js';

export type { GroupingFact, LabelRefFact, MetricUseFact, PackedUses, UseSource } from './packed-uses.js';
export { groupingsOf, usesOf } from './packed-uses.js';
import { otelLabelName, otelPrometheusNames } from './index-otel.js';

/**
 * What one file contributes to the repository's metric index: the metrics it defines (code, exposition
 * snapshots, recording rules) and where it uses metrics (dashboard targets, template-variable queries, alert
 * and recording expressions). JSON-serialisable: computed in the per-file phase (cache, worker threads).
 */
export interface MetricFileFacts {
  /** The file; locations below are relative to it (compact: a dashboard has hundreds of uses). */
  file: FactFile;
  definitions: MetricDefinitionFact[];
  /** Where its queries use metrics, and their `by (...)` groupings (columns: read with `usesOf`, `groupingsOf`). */
  queries: PackedUses;
  /** prom-client `setDefaultLabels({...})`: labels every prom-client metric gets; null when not static. */
  defaultLabels?: string[] | null;
}

export type DefinitionSource = 'prom-client' | 'opentelemetry' | 'exposition' | 'recording-rule' | 'default-metrics';

export interface MetricDefinitionFact {
  /** The Prometheus name (OpenTelemetry: fully normalized; a pattern's readable form when built at run time). */
  name: string;
  type: string;
  source: DefinitionSource;
  /** Every series name a query may use for it: the name, `_bucket/_sum/_count`, other OpenTelemetry spellings. */
  series: string[];
  /** For names built at run time: a regular expression (source) for the names it may take. */
  pattern?: string;
  labels: string[];
  /** True when `labels` are all its own labels (prom-client `labelNames`, a snapshot, a closed recording rule). */
  labelsComplete: boolean;
  at: FileFactLocation;
  entity: string;
}

/** MetricFileFacts while a file is read: uses and groupings as objects, packed into columns at the end. */
type FactsBuilder = Omit<MetricFileFacts, 'queries'> & { queries: UsePacker };

/** Where a PromQL expression sits: offsets of its parsed text mapped to the file, Grafana variables in it. */
interface ExprSite {
  ast: PromqlAst;
  ref(from: number, to: number): NodeRef;
  variablesIn(from: number, to: number): number;
  original(from: number, to: number): string;
  source: UseSource;
  where: string;
  entity: string;
}

/** Functions that add labels a selector's series do not have. */
const LABEL_MAKERS = new Set(['label_replace', 'label_join', 'info']);
const GRAFANA_VARIABLE = /\$\{[^}]*\}|\$\w+|\[\[[^\]]*\]\]/g;
/** A name pattern that selects every metric (`.+`, a name that is only a Grafana variable): a use of none in particular. */
const MATCH_ALL = /^(?:\.[*+])+$/;

function escapeRegex(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** `shop_$kind_total` → `shop_.*_total`. */
function grafanaNamePattern(text: string): string {
  return text
    .split(GRAFANA_VARIABLE)
    .map(escapeRegex)
    .join('.*');
}

function labelNameEnd(ast: PromqlAst, from: number, name: string): number {
  const q = ast.text[from];
  return from + (q === '"' || q === "'" || q === '`' ? JSON.stringify(name).length : name.length);
}

function exprFacts(site: ExprSite, out: FactsBuilder): void {
  const { ast } = site;
  const selectors = findSelectors(ast);
  for (const sel of selectors) {
    const id = childNamed(sel.node, 'Identifier');
    let metric = sel.metric;
    let pattern: string | undefined;
    const nameMatcher = id ? undefined : selectorMatchers(ast, sel.node).find((m) => m.name === '__name__' && m.op === '=');
    if (id && site.variablesIn(id.from, id.to) > 0) {
      metric = undefined;
      pattern = grafanaNamePattern(site.original(id.from, id.to));
    } else if (nameMatcher?.valueFrom !== undefined && site.variablesIn(nameMatcher.valueFrom, nameMatcher.valueTo!) > 0) {
      // {__name__="vault_route_${mount}_count"}
      metric = undefined;
      pattern = grafanaNamePattern(site.original(nameMatcher.valueFrom + 1, nameMatcher.valueTo! - 1));
    } else if (!metric) {
      const re = sel.matchers.find((m) => m.name === '__name__' && m.op === '=~');
      if (!re) continue; // no metric name: not a use of any one metric
      pattern = site.variablesIn(re.from, re.to) > 0 ? '.*' : re.value;
    }
    if (pattern !== undefined && MATCH_ALL.test(pattern)) continue;
    const labels: LabelRef[] = [];
    for (const m of sel.matchers) {
      // `{x=""}` selects series without the label: fine whatever labels the metric has.
      if (m.name === '__name__' || (m.op === '=' && m.value === '')) continue;
      const end = labelNameEnd(ast, m.from, m.name);
      if (site.variablesIn(m.from, end) > 0) continue;
      labels.push({ name: m.name, ref: site.ref(m.from, end) });
    }
    const [from, to] = id ? [id.from, id.to] : [sel.from, sel.to];
    out.queries.use(metric, pattern, site.source, site.where, site.entity, site.ref(from, to), labels);
  }
  groupingFacts(site, selectors, out);
}

/** A `sum by (a, b) (...)` over selectors of known metrics: what of it does not depend on where the query is. */
interface GroupingShape {
  /** The selectors it reads (each with a metric name, none through a label-making function). */
  inner: ReturnType<typeof findSelectors>;
  metrics: string[];
  labels: Array<{ label: string; from: number; to: number }>;
}

function groupingShapesOf(ast: PromqlAst, selectors: ReturnType<typeof findSelectors>): GroupingShape[] {
  return analysisOf(ast, 'metric-index:groupings', () => computeGroupingShapes(ast, selectors));
}

function computeGroupingShapes(ast: PromqlAst, selectors: ReturnType<typeof findSelectors>): GroupingShape[] {
  const shapes: GroupingShape[] = [];
  const cursor = ast.tree.cursor();
  do {
    if (cursor.name !== 'AggregateExpr') continue;
    const agg: SyntaxNode = cursor.node;
    const mod = childNamed(agg, 'AggregateModifier');
    const grouping = childNamed(mod, 'By') ? childNamed(mod, 'GroupingLabels') : null;
    const body = childNamed(agg, 'FunctionCallBody');
    if (!grouping || !body) continue;
    const inner = selectors.filter((s) => s.from >= body.from && s.to <= body.to);
    // count_values("x", ...) makes a label; label_replace/label_join/info add some.
    if (inner.length === 0 || /\bcount_values\b/.test(ast.text.slice(body.from, body.to))) continue;
    if (inner.some((s) => !s.metric || s.functions.some((f) => LABEL_MAKERS.has(f)))) continue;
    const labels: GroupingShape['labels'] = [];
    for (let c = grouping.firstChild; c; c = c.nextSibling) {
      if (c.name !== 'LabelName' && c.name !== 'QuotedLabelName') continue;
      const raw = ast.text.slice(c.from, c.to);
      labels.push({ label: c.name === 'QuotedLabelName' ? raw.slice(1, -1) : raw, from: c.from, to: c.to });
    }
    shapes.push({ inner, metrics: [...new Set(inner.map((s) => s.metric!))], labels });
  } while (cursor.next());
  return shapes;
}

/** `sum by (a, b) (...)`: each label, with the metrics whose series the aggregation reads. */
function groupingFacts(site: ExprSite, selectors: ReturnType<typeof findSelectors>, out: FactsBuilder): void {
  for (const shape of groupingShapesOf(site.ast, selectors)) {
    // A Grafana variable in a metric name or a label: not a name the index can judge.
    if (shape.inner.some((s) => {
      const id = childNamed(s.node, 'Identifier');
      return id !== null && site.variablesIn(id.from, id.to) > 0;
    })) continue;
    for (const l of shape.labels) {
      if (site.variablesIn(l.from, l.to) > 0) continue;
      out.queries.grouping(l.label, shape.metrics, site.where, site.entity, site.ref(l.from, l.to));
    }
  }
}

function dashboardFacts(d: Dashboard, out: FactsBuilder): void {
  const dash = d.title ?? d.uid ?? d.doc.file.relPath;
  for (const { panel, target, query } of promqlTargets(d)) {
    exprFacts(
      {
        ast: query.promql,
        ref: (from, to) => queryRangeRef(target, query, from, to),
        variablesIn: (from, to) => query.sub.variablesIn(from, to).length,
        original: (from, to) => query.sub.originalText(from, to),
        source: 'dashboard',
        where: `panel "${panelLabel(panel)}" of dashboard "${dash}"`,
        entity: target.entity,
      },
      out,
    );
  }
  variableFacts(d, dash, out);
}

const LABEL_VALUES = /^(\s*label_values\s*\()([\s\S]*),\s*([a-zA-Z_][a-zA-Z0-9_]*)\s*\)\s*$/;
const QUERY_RESULT = /^(\s*query_result\s*\()([\s\S]*)\)\s*$/;
const METRICS_QUERY = /^\s*metrics\s*\(([\s\S]*)\)\s*$/;

/** Template-variable queries (`templating.list[*].query`): `label_values(expr, label)`, `query_result(expr)`, `metrics(re)`. */
function variableFacts(d: Dashboard, dash: string, out: FactsBuilder): void {
  const templating = d.raw.templating;
  const list = isObject(templating) && Array.isArray(templating.list) ? templating.list : [];
  list.forEach((v, i) => {
    if (!isObject(v) || (v.type !== undefined && v.type !== 'query')) return;
    const ds = v.datasource;
    const dsType = isObject(ds) && typeof ds.type === 'string' ? ds.type : undefined;
    if (dsType !== undefined && !isPrometheusType(dsType) && !dsType.startsWith('$')) return;
    let pointer = joinPointer(d.pointer, 'templating', 'list', i, 'query');
    let text = v.query;
    if (isObject(text)) {
      pointer = joinPointer(pointer, 'query');
      text = (text as JsonObject).query;
    }
    if (typeof text !== 'string') return;
    const name = typeof v.name === 'string' ? v.name : `#${i}`;
    const where = `variable "${name}" of dashboard "${dash}"`;
    const entity = `${d.entity}/variable:${name}`;
    const lv = LABEL_VALUES.exec(text);
    const qr = lv ? undefined : QUERY_RESULT.exec(text);
    const inner = lv?.[2] ?? qr?.[2];
    if (inner === undefined) {
      const mq = METRICS_QUERY.exec(text);
      const re = mq?.[1].trim();
      if (re !== undefined && !/\$|\[\[/.test(re) && !MATCH_ALL.test(re)) out.queries.use(undefined, re, 'variable', where, entity, d.doc.ref(pointer), []);
      return;
    }
    const start = (lv ?? qr)![1].length;
    const q = parseGrafanaQuery(inner, 'promql');
    if (!q.promql || q.errors.length) return;
    const ref = (from: number, to: number) => stringRangeRef(d.doc, pointer, start + q.sub.toOriginal(from), start + q.sub.toOriginal(to, 'end'));
    const before = out.queries.useCount;
    exprFacts({ ast: q.promql, ref, variablesIn: (from, to) => q.sub.variablesIn(from, to).length, original: (from, to) => q.sub.originalText(from, to), source: 'variable', where, entity }, out);
    if (lv && out.queries.useCount === before + 1 && out.queries.metricOf(before)) {
      // label_values(metric, label): the label must be one of the metric's.
      const labelStart = text.lastIndexOf(lv[3]);
      out.queries.labelOnLast(where, entity, { name: lv[3], ref: stringRangeRef(d.doc, pointer, labelStart, labelStart + lv[3].length) });
    }
  });
}

function ruleFileFacts(f: RuleFile, out: FactsBuilder): void {
  for (const g of f.groups) {
    for (const r of g.rules) {
      if (r.type === 'recording') {
        // A recording rule defines its name (PromQL and Loki rules alike); its labels come from the expression.
        const set = f.language === 'promql' ? labelSetOf(r.expr) : undefined;
        const labels = [...new Set([...(set?.known ?? []), ...Object.keys(r.labels)])];
        out.definitions.push({
          name: r.name,
          type: 'recording rule',
          source: 'recording-rule',
          series: [r.name],
          labels,
          labelsComplete: set !== undefined && !set.open,
          at: fileFactLocation(f.doc.ref(joinPointer(r.pointer, 'record'))),
          entity: r.entity,
        });
      }
      if (f.language !== 'promql') continue;
      const ast = parsePromql(r.expr);
      if (ast.errors.length) continue;
      exprFacts(
        {
          ast,
          ref: (from, to) => r.exprRef(from, to),
          variablesIn: () => 0,
          original: (from, to) => r.expr.slice(from, to),
          source: r.type === 'alerting' ? 'alert' : 'recording',
          where: `${r.type === 'alerting' ? 'alert' : 'recording rule'} "${r.name}"`,
          entity: r.entity,
        },
        out,
      );
    }
  }
}

function expositionFacts(model: FileModel, out: FactsBuilder): void {
  const snap = model.exposition!;
  for (const fam of snap.families) {
    const series = new Set<string>();
    const labels = new Set<string>();
    for (const s of fam.samples) {
      series.add(s.name);
      for (const l of s.labels) labels.add(l.name);
    }
    if (series.size === 0) series.add(fam.name);
    out.definitions.push({
      name: fam.name,
      type: fam.type,
      source: 'exposition',
      series: [...series],
      labels: [...labels],
      labelsComplete: true,
      at: fileFactLocation(offsetRef(model.file, fam.nameStart, fam.nameEnd)),
      entity: fam.entity,
    });
  }
}

/** A regular expression for a name built at run time (`\`shop_${kind}_total\`` → `shop_.+_total`). */
function dynamicNamePattern(node: ESTree.Node, consts: ModuleConstants): string {
  const parts: string[] = [];
  const add = (n: ESTree.Node) => {
    const u = unwrapExpression(n);
    const s = staticString(u, consts);
    if (s !== undefined) parts.push(escapeRegex(s));
    else if (u.type === 'TemplateLiteral') {
      u.quasis.forEach((q, i) => {
        parts.push(escapeRegex(q.value.cooked ?? q.value.raw));
        if (i < u.expressions.length) add(u.expressions[i] as ESTree.Node);
      });
    } else if (u.type === 'BinaryExpression' && u.operator === '+') {
      add(u.left as ESTree.Node);
      add(u.right);
    } else parts.push('.+');
  };
  add(node);
  return parts.join('').replace(/(\.\+)+/g, '.+');
}

const HISTOGRAM_SUFFIXES = ['_bucket', '_sum', '_count'];

function seriesOf(names: string[], promType: string, library: MetricDefinitionSite['library']): string[] {
  const out: string[] = [];
  for (const n of names) {
    // prom-client exposes a histogram only as its _bucket/_sum/_count series; OpenTelemetry may arrive as a native histogram.
    if (promType === 'histogram') out.push(...(library === 'opentelemetry' ? [n] : []), ...HISTOGRAM_SUFFIXES.map((s) => n + s));
    else if (promType === 'summary') out.push(n, `${n}_sum`, `${n}_count`);
    else out.push(n);
  }
  return [...new Set(out)];
}

function codeDefinition(model: FileModel, d: MetricDefinitionSite, consts: ModuleConstants): MetricDefinitionFact | undefined {
  if (!d.name) return undefined;
  const [start, end] = nodeRange(d.name.node);
  const at = fileFactLocation(offsetRef(model.file, start, end));
  let labels: string[] = [];
  let labelsComplete = false;
  if (d.library === 'prom-client') {
    const ln = d.labelNames;
    labels = ln ? ln.names.map((n) => n.name) : [];
    labelsComplete = d.options !== undefined && (!ln || (ln.node.type === 'ArrayExpression' && ln.node.elements.length === ln.names.length));
  } else {
    const seen = new Set<string>();
    for (const u of model.code!.uses) if (u.definition === d) for (const v of u.values) if (v.name !== undefined) seen.add(otelLabelName(v.name));
    labels = [...seen];
  }
  const type = d.library === 'opentelemetry' && d.kind !== d.promType ? `${d.promType} (${d.kind})` : d.promType;
  const base = { type, source: d.library, labels, labelsComplete, at };
  if (d.name.value === undefined) {
    let pattern = dynamicNamePattern(d.name.node, consts);
    if (d.library === 'opentelemetry') pattern = `${pattern.replace(/\\\./g, '_')}.*`;
    const name = pattern.replace(/\.\+|\.\*/g, '*').replace(/\\/g, '');
    return { ...base, name, series: [], pattern, entity: `metric:${name}` };
  }
  const names = d.library === 'opentelemetry' ? otelPrometheusNames(d.name.value, d.kind, d.unit?.value) : [d.name.value];
  return { ...base, name: names[0], series: seriesOf(names, d.promType, d.library), entity: `metric:${names[0]}` };
}

/** prom-client registry-wide calls: `setDefaultLabels({...})` and `collectDefaultMetrics({ prefix })`. */
function registryCalls(model: FileModel, consts: ModuleConstants, out: FactsBuilder): void {
  const text = model.file.text;
  if (!text.includes('setDefaultLabels') && !text.includes('collectDefaultMetrics')) return;
  const visit = (n: ESTree.Node): void => {
    if (n.type === 'CallExpression') {
      const fn = memberPath(n.callee as ESTree.Node)?.split('.').pop();
      const arg = n.arguments[0] ? unwrapExpression(n.arguments[0] as ESTree.Node) : undefined;
      const obj = arg?.type === 'ObjectExpression' ? arg : undefined;
      if (fn === 'setDefaultLabels') {
        const keys = obj?.properties.map((p) => (p.type === 'Property' && !p.computed ? (p.key.type === 'Identifier' ? p.key.name : staticString(p.key as ESTree.Node)) : undefined));
        out.defaultLabels = keys && keys.every((k) => k !== undefined) && out.defaultLabels !== null ? [...(out.defaultLabels ?? []), ...(keys as string[])] : null;
      } else if (fn === 'collectDefaultMetrics') {
        const prefixProp = obj?.properties.find((p): p is ESTree.Property => p.type === 'Property' && !p.computed && p.key.type === 'Identifier' && p.key.name === 'prefix');
        const prefix = prefixProp ? staticString(prefixProp.value as ESTree.Node, consts) : '';
        const [start, end] = nodeRange(n);
        const pattern = prefix === undefined ? '.+_(process|nodejs)_.+' : `${escapeRegex(prefix)}(process|nodejs)_.+`;
        const name = `${prefix ?? '*'}{process,nodejs}_*`;
        out.definitions.push({ name, type: 'default metrics', source: 'default-metrics', series: [], pattern, labels: [], labelsComplete: false, at: fileFactLocation(offsetRef(model.file, start, end)), entity: `metric:${name}` });
      }
    }
    for (const key of Object.keys(n)) {
      if (key === 'parent' || key === 'range' || key === 'loc' || key === 'tokens' || key === 'comments') continue;
      const v = (n as unknown as Record<string, unknown>)[key];
      if (Array.isArray(v)) {
        for (const c of v) if (c && typeof (c as ESTree.Node).type === 'string') visit(c as ESTree.Node);
      } else if (v && typeof v === 'object' && typeof (v as ESTree.Node).type === 'string') visit(v as ESTree.Node);
    }
  };
  visit(model.code!.program);
}

const cache = new WeakMap<FileModel, MetricFileFacts>();

/**
 * In a large run, where each use is (read only for reported uses) goes to the run's spill file, and the
 * definitions become copies that do not keep the file's text (names are cut from it).
 */
function offloadMetricFacts(data: unknown, spill: SpillFile): MetricFileFacts {
  const facts = data as MetricFileFacts;
  return { ...facts, definitions: facts.definitions.length ? ownStrings(facts.definitions) : facts.definitions, queries: offloadLocations(facts.queries, spill) };
}

/** The metric facts of one file (cached per model: every cross-file metric rule collects the same summary). */
export function collectMetricFacts(model: FileModel): MetricFileFacts {
  const hit = cache.get(model);
  if (hit) return hit;
  const b: FactsBuilder = { file: { path: model.file.path, relPath: model.file.relPath }, definitions: [], queries: new UsePacker(model.unreported ? 'never' : model.locateUsesLater ? 'later' : 'now', model.file) };
  const out = b;
  if (model.code) {
    const consts = collectMetricSites(model.code.program).constants;
    for (const d of model.code.definitions) {
      const def = codeDefinition(model, d, consts);
      if (def) out.definitions.push(def);
    }
    registryCalls(model, consts, out);
  }
  if (model.exposition) expositionFacts(model, out);
  for (const d of model.dashboards) dashboardFacts(d, out);
  for (const f of model.ruleFiles) ruleFileFacts(f, out);
  const facts: MetricFileFacts = { file: b.file, definitions: b.definitions, queries: b.queries.finish() };
  if (b.defaultLabels !== undefined) facts.defaultLabels = b.defaultLabels;
  cache.set(model, facts);
  return facts;
}
collectMetricFacts.offload = offloadMetricFacts;
