import type * as ESTree from 'estree';
import type { MetricDialect } from '../metrics/naming.js';
import { libraryBindings, type KnownLibrary } from './library-bindings.js';
import { staticString, memberPath, recordConstant, unwrapExpression, type ModuleConstants } from './metric-expressions.js';

/**
 * Metric recognition for code rules: prom-client definitions (`new client.Counter({ name, help, labelNames,
 * buckets })`) and uses (`.labels()`, `.inc()`, `.set()`, `.observe()`, `startTimer()`), and
 * `@opentelemetry/api` instruments (`meter.createCounter(name, { unit, description, advice })`) with the
 * attributes recorded at `.add()`, `.record()` and in observable callbacks (`result.observe(v, attrs)`).
 * ESTree-typed; one walk per Program, cached, shared by every rule.
 */

export type InstrumentKind =
  | 'counter'
  | 'gauge'
  | 'histogram'
  | 'summary'
  | 'updowncounter'
  | 'observable-counter'
  | 'observable-gauge'
  | 'observable-updowncounter';

/** The Prometheus type an instrument is exported as. */
export type PromType = 'counter' | 'gauge' | 'histogram' | 'summary';

export interface StaticValue {
  node: ESTree.Node;
  /** The string value when it is a compile-time constant. */
  value?: string;
}

export interface MetricDefinitionSite {
  library: 'prom-client' | 'opentelemetry';
  dialect: MetricDialect;
  kind: InstrumentKind;
  promType: PromType;
  /** The `new ...(...)` or `meter.create...(...)` expression. */
  node: ESTree.NewExpression | ESTree.CallExpression;
  /** The expression giving the name (prom-client `name:` value, OpenTelemetry first argument). */
  name?: StaticValue;
  /** The options object literal, when there is one. */
  options?: ESTree.ObjectExpression;
  /** prom-client `help`, OpenTelemetry `description`. */
  help?: StaticValue;
  /** OpenTelemetry `unit`. */
  unit?: StaticValue;
  /** prom-client `labelNames` (an array literal). */
  labelNames?: { node: ESTree.Node; names: Array<{ name: string; node: ESTree.Node }> };
  /** Histogram bucket boundaries: prom-client `buckets`, OpenTelemetry `advice.explicitBucketBoundaries`. */
  buckets?: { node: ESTree.Node; count?: number };
  /** Where the instrument is stored (`requests`, `this.requests`, `metrics.requests`). */
  target?: string;
}

export type MetricUseMethod = 'labels' | 'inc' | 'dec' | 'set' | 'observe' | 'startTimer' | 'add' | 'record' | 'remove' | 'zero' | 'end-timer';

export interface MetricUseSite {
  call: ESTree.CallExpression;
  method: MetricUseMethod;
  /** The instrument's definition in this module, when found. */
  definition?: MetricDefinitionSite;
  /** The labels/attributes object literal of the call. */
  attributes?: ESTree.ObjectExpression;
  /** Label values: the attribute object's entries, or prom-client's positional `.labels('GET', '200')`. */
  values: Array<{ name?: string; key?: ESTree.Node; node: ESTree.Node }>;
}

export interface MetricSites {
  definitions: MetricDefinitionSite[];
  uses: MetricUseSite[];
  /** Module constants (for name resolution). */
  constants: ModuleConstants;
  /**
   * Every variable declared in the module, by name: the initializer of each declaration (undefined for
   * parameters and declarations without one). Scopes are not tracked: a name declared twice is ambiguous.
   */
  variables: Map<string, Array<ESTree.Node | undefined>>;
}

/** A lookup table without Object.prototype's keys: a call named `constructor` or `toString` is no instrument. */
function ownKeysOnly<T>(entries: Record<string, T>): Readonly<Record<string, T>> {
  return Object.freeze(Object.assign(Object.create(null) as Record<string, T>, entries));
}
const PROM_CLASSES = ownKeysOnly<PromType>({ Counter: 'counter', Gauge: 'gauge', Histogram: 'histogram', Summary: 'summary' });
/** Factories wrapping prom-client (`createCounter({ name, help })`, as in many services). */
const PROM_FACTORIES = ownKeysOnly<PromType>({ createCounter: 'counter', createGauge: 'gauge', createHistogram: 'histogram', createSummary: 'summary' });
const OTEL_METHODS = ownKeysOnly<{ kind: InstrumentKind; promType: PromType }>({
  createCounter: { kind: 'counter', promType: 'counter' },
  createUpDownCounter: { kind: 'updowncounter', promType: 'gauge' },
  createHistogram: { kind: 'histogram', promType: 'histogram' },
  createGauge: { kind: 'gauge', promType: 'gauge' },
  createObservableCounter: { kind: 'observable-counter', promType: 'counter' },
  createObservableGauge: { kind: 'observable-gauge', promType: 'gauge' },
  createObservableUpDownCounter: { kind: 'observable-updowncounter', promType: 'gauge' },
});
const USE_METHODS = new Set(['labels', 'inc', 'dec', 'set', 'observe', 'startTimer', 'add', 'record', 'remove', 'zero']);
/** Object names that hold instruments by convention. */
const INSTRUMENT_NAME = /(counter|gauge|histogram|summary|metric|instrument|timer|updown)s?$/i;
const METER_NAME = /meter$/i;
const SKIP_KEYS = new Set(['parent', 'loc', 'range', 'start', 'end', 'tokens', 'comments', 'typeAnnotation', 'returnType', 'typeParameters', 'typeArguments']);

function property(obj: ESTree.ObjectExpression | undefined, key: string): ESTree.Property | undefined {
  if (!obj) return undefined;
  for (const p of obj.properties) {
    if (p.type !== 'Property' || p.computed) continue;
    const k = p.key.type === 'Identifier' ? p.key.name : p.key.type === 'Literal' ? String(p.key.value) : undefined;
    if (k === key) return p;
  }
  return undefined;
}

/** A property's value, or for a shorthand/variable the node itself (value resolved later). */
function staticValue(p: ESTree.Property | undefined): StaticValue | undefined {
  return p ? { node: p.value as ESTree.Node } : undefined;
}

function bucketCount(node: ESTree.Node, consts: ModuleConstants, arrays: Map<string, ESTree.ArrayExpression>): number | undefined {
  const n = unwrapExpression(node);
  if (n.type === 'ArrayExpression') return n.elements.some((e) => e?.type === 'SpreadElement') ? undefined : n.elements.filter((e) => e && !isInfinity(e as ESTree.Node)).length;
  if (n.type === 'Identifier') {
    const arr = arrays.get(n.name);
    return arr ? bucketCount(arr, consts, new Map()) : undefined;
  }
  if (n.type === 'CallExpression') {
    // prom-client linearBuckets(start, width, count) / exponentialBuckets(start, factor, count)
    const callee = memberPath(n.callee as ESTree.Node)?.split('.').pop();
    if ((callee === 'linearBuckets' || callee === 'exponentialBuckets') && n.arguments[2]) {
      const c = Number(staticString(n.arguments[2] as ESTree.Node, consts));
      return Number.isInteger(c) && c >= 0 ? c : undefined;
    }
  }
  return undefined;
}

function isInfinity(n: ESTree.Node): boolean {
  const p = memberPath(n);
  return p === 'Infinity' || p === 'Number.POSITIVE_INFINITY';
}

function objectEntries(obj: ESTree.ObjectExpression): MetricUseSite['values'] {
  const out: MetricUseSite['values'] = [];
  for (const p of obj.properties) {
    if (p.type !== 'Property') continue;
    const name = p.computed ? staticString(p.key as ESTree.Node) : p.key.type === 'Identifier' ? p.key.name : p.key.type === 'Literal' ? String(p.key.value) : undefined;
    out.push({ name, key: p.key as ESTree.Node, node: p.value as ESTree.Node });
  }
  return out;
}

/** What an expression's value is stored into: `x`, `this.x`, `obj.x`, or a class field / object key. */
function targetOf(parent: ESTree.Node | undefined): string | undefined {
  if (!parent) return undefined;
  if (parent.type === 'VariableDeclarator' && parent.id.type === 'Identifier') return parent.id.name;
  if (parent.type === 'AssignmentExpression') return memberPath(parent.left as ESTree.Node);
  if ((parent.type as string) === 'PropertyDefinition') {
    const key = (parent as unknown as { key: ESTree.Node }).key;
    return key.type === 'Identifier' ? `this.${key.name}` : undefined;
  }
  // `{ requests: new Counter(...) }`: the object is usually stored somewhere (`metrics.requests`).
  if (parent.type === 'Property' && !parent.computed && parent.key.type === 'Identifier') return `*.${parent.key.name}`;
  return undefined;
}

const cache = new WeakMap<ESTree.Program, MetricSites>();

/** Every metric definition and use in a module (cached per Program node). */
export function collectMetricSites(program: ESTree.Program): MetricSites {
  const hit = cache.get(program);
  if (hit) return hit;
  const collector = metricSiteCollector(program);
  walkNodes(program, undefined, collector);
  return collector.finish();
}

/**
 * The node types a `MetricSiteCollector` looks at; for the others `enter` and `leave` do nothing. An ESLint rule
 * can feed a collector from its own traversal by listening to these (enter) and `CallExpression:exit` (leave).
 */
export const METRIC_SITE_NODE_TYPES = ['VariableDeclaration', 'FunctionDeclaration', 'FunctionExpression', 'ArrowFunctionExpression', 'NewExpression', 'CallExpression'] as const;

/**
 * Collects a module's metric sites from a pre-order traversal: `enter` on each node before its children,
 * `leave` after them (only calls need it), `finish` once the whole Program has been entered. `finish` returns
 * the sites (cached for `collectMetricSites`); if they were collected for this Program meanwhile, those.
 */
export interface MetricSiteCollector {
  enter(node: ESTree.Node, parent: ESTree.Node | undefined): void;
  leave(node: ESTree.Node): void;
  finish(): MetricSites;
}

/** A collector for one Program (see `MetricSiteCollector`). */
export function metricSiteCollector(program: ESTree.Program): MetricSiteCollector {
  const bindings = libraryBindings(program);
  const promImports = new Map<string, PromType>();
  for (const stmt of program.body) {
    if (stmt.type === 'ImportDeclaration' && stmt.source.value === 'prom-client') {
      for (const s of stmt.specifiers) {
        if (s.type === 'ImportSpecifier' && s.imported.type === 'Identifier' && PROM_CLASSES[s.imported.name]) promImports.set(s.local.name, PROM_CLASSES[s.imported.name]);
      }
    }
  }
  const constants: ModuleConstants = new Map();
  const variables = new Map<string, Array<ESTree.Node | undefined>>();
  const declare = (name: string, init: ESTree.Node | undefined) => {
    const list = variables.get(name);
    if (list) list.push(init);
    else variables.set(name, [init]);
  };
  const arrays = new Map<string, ESTree.ArrayExpression>();
  const definitions: MetricDefinitionSite[] = [];
  const rawUses: Array<{ call: ESTree.CallExpression; method: MetricUseMethod; receiver?: string; observer: boolean; instrument?: ESTree.Node }> = [];
  /** Parameters of observable callbacks (`addCallback((result) => ...)`) and the instrument they observe. */
  const observers: Array<{ param: string; instrument: ESTree.Node; call: ESTree.CallExpression }> = [];
  const timerEnds = new Set<string>();

  const rootLibrary = (n: ESTree.Node): KnownLibrary | undefined => {
    let c = unwrapExpression(n);
    while (c.type === 'MemberExpression' || c.type === 'CallExpression') c = unwrapExpression(c.type === 'MemberExpression' ? c.object : c.callee);
    return c.type === 'Identifier' ? bindings.get(c.name) : undefined;
  };

  const promDefinition = (n: ESTree.NewExpression | ESTree.CallExpression): MetricDefinitionSite | undefined => {
    const callee = unwrapExpression(n.callee as ESTree.Node);
    let type: PromType | undefined;
    let bound = false;
    if (n.type === 'CallExpression') {
      // A prom-client factory: recognised by name and by prom-client's options shape only. Most calls are not
      // named like one: their callee's path is not built.
      if (!mayBeFactory(callee)) return undefined;
      const fn = memberPath(callee)?.split('.').pop();
      type = fn !== undefined ? PROM_FACTORIES[fn] : undefined;
    } else if (callee.type === 'Identifier') {
      type = promImports.get(callee.name) ?? PROM_CLASSES[callee.name];
      bound = promImports.has(callee.name) || bindings.get(callee.name) === 'prom-client';
    } else if (callee.type === 'MemberExpression' && !callee.computed && callee.property.type === 'Identifier') {
      type = PROM_CLASSES[callee.property.name];
      bound = rootLibrary(callee) === 'prom-client';
    }
    if (!type) return undefined;
    const arg = n.arguments[0] ? unwrapExpression(n.arguments[0] as ESTree.Node) : undefined;
    const options = arg?.type === 'ObjectExpression' ? arg : undefined;
    // Without an import we need prom-client's distinctive shape: { name, help }.
    if (!bound && !(property(options, 'name') && property(options, 'help'))) return undefined;
    const labelNamesProp = property(options, 'labelNames');
    const bucketsProp = property(options, 'buckets');
    let labelNames: MetricDefinitionSite['labelNames'];
    if (labelNamesProp) {
      const v = unwrapExpression(labelNamesProp.value as ESTree.Node);
      const names: Array<{ name: string; node: ESTree.Node }> = [];
      if (v.type === 'ArrayExpression') {
        for (const e of v.elements) {
          const s = e && e.type !== 'SpreadElement' ? staticString(e) : undefined;
          if (s !== undefined && e) names.push({ name: s, node: e as ESTree.Node });
        }
      }
      labelNames = { node: v, names };
    }
    return {
      library: 'prom-client',
      dialect: 'prometheus',
      kind: type,
      promType: type,
      node: n,
      name: staticValue(property(options, 'name')),
      options,
      help: staticValue(property(options, 'help')),
      labelNames,
      buckets: bucketsProp ? { node: bucketsProp.value as ESTree.Node } : undefined,
    };
  };

  const otelDefinition = (n: ESTree.CallExpression): MetricDefinitionSite | undefined => {
    const callee = unwrapExpression(n.callee as ESTree.Node);
    if (callee.type !== 'MemberExpression' || callee.computed || callee.property.type !== 'Identifier') return undefined;
    const spec = OTEL_METHODS[callee.property.name];
    if (!spec) return undefined;
    const obj = unwrapExpression(callee.object);
    const objPath = memberPath(obj);
    const isMeter =
      rootLibrary(obj) === 'opentelemetry' ||
      (objPath !== undefined && METER_NAME.test(objPath.split('.').pop()!)) ||
      (obj.type === 'CallExpression' && /getMeter$/.test(memberPath(obj.callee as ESTree.Node) ?? ''));
    if (!isMeter || !n.arguments[0]) return undefined;
    const arg = n.arguments[1] ? unwrapExpression(n.arguments[1] as ESTree.Node) : undefined;
    const options = arg?.type === 'ObjectExpression' ? arg : undefined;
    const advice = property(options, 'advice');
    const adviceObj = advice && unwrapExpression(advice.value as ESTree.Node);
    const boundaries = adviceObj?.type === 'ObjectExpression' ? property(adviceObj, 'explicitBucketBoundaries') : undefined;
    return {
      library: 'opentelemetry',
      dialect: 'otel',
      kind: spec.kind,
      promType: spec.promType,
      node: n,
      name: { node: n.arguments[0] as ESTree.Node },
      options,
      help: staticValue(property(options, 'description')),
      unit: staticValue(property(options, 'unit')),
      buckets: boundaries ? { node: boundaries.value as ESTree.Node } : undefined,
    };
  };

  const enter = (node: ESTree.Node, parent: ESTree.Node | undefined): void => {
    if (node.type === 'VariableDeclaration') {
      for (const d of node.declarations) {
        recordConstant(d, node.kind, constants);
        if (d.id.type === 'Identifier') declare(d.id.name, d.init ?? undefined);
        const init = d.init && unwrapExpression(d.init);
        if (node.kind === 'const' && d.id.type === 'Identifier' && init?.type === 'ArrayExpression') arrays.set(d.id.name, init);
      }
    } else if (node.type === 'FunctionDeclaration' || node.type === 'FunctionExpression' || node.type === 'ArrowFunctionExpression') {
      for (const p of node.params) {
        const id = p.type === 'AssignmentPattern' ? p.left : p;
        if (id.type === 'Identifier') declare(id.name, undefined);
      }
    } else if (node.type === 'NewExpression') {
      const def = promDefinition(node);
      if (def) {
        def.target = targetOf(parent);
        definitions.push(def);
      }
    } else if (node.type === 'CallExpression') {
      const def = otelDefinition(node) ?? promDefinition(node);
      if (def) {
        def.target = targetOf(parent);
        definitions.push(def);
      } else {
        const callee = unwrapExpression(node.callee as ESTree.Node);
        if (callee.type === 'MemberExpression' && !callee.computed && callee.property.type === 'Identifier') {
          const method = callee.property.name;
          if (USE_METHODS.has(method)) {
            const receiver = memberPath(stripLabels(callee.object));
            const observed = method === 'observe' && receiver !== undefined ? observers.findLast((o) => o.param === receiver) : undefined;
            rawUses.push({ call: node, method: method as MetricUseMethod, receiver, observer: observed !== undefined, instrument: observed?.instrument });
            if (method === 'startTimer') {
              const t = targetOf(parent);
              if (t) timerEnds.add(t);
            }
          } else if ((method === 'addCallback' || method === 'addBatchObservableCallback') && node.arguments[0]) {
            const fn = unwrapExpression(node.arguments[0] as ESTree.Node);
            if ((fn.type === 'ArrowFunctionExpression' || fn.type === 'FunctionExpression') && fn.params[0]?.type === 'Identifier') {
              observers.push({ param: fn.params[0].name, instrument: callee.object, call: node });
            }
          }
        } else if (callee.type === 'Identifier' && timerEnds.has(callee.name)) {
          rawUses.push({ call: node, method: 'end-timer', receiver: callee.name, observer: false });
        }
      }
    }
  };

  const finish = (): MetricSites => {
    const hit = cache.get(program);
    if (hit) return hit;
    // Resolve names now that every module constant is known (they may be declared after use).
    for (const d of definitions) {
      for (const v of [d.name, d.help, d.unit]) if (v) v.value = staticString(v.node, constants);
      if (d.buckets) d.buckets.count = bucketCount(d.buckets.node, constants, arrays);
    }
    const byTarget = new Map<string, MetricDefinitionSite>();
    for (const d of definitions) {
      if (!d.target) continue;
      byTarget.set(d.target, d);
      const last = d.target.split('.').pop()!;
      if (!byTarget.has(`*.${last}`)) byTarget.set(`*.${last}`, d);
    }
    const findDefinition = (receiver: string | undefined): MetricDefinitionSite | undefined => {
      if (!receiver) return undefined;
      return byTarget.get(receiver) ?? byTarget.get(`this.${receiver.split('.').pop()}`) ?? byTarget.get(`*.${receiver.split('.').pop()}`);
    };

    const byNode = new Map<ESTree.Node, MetricDefinitionSite>(definitions.map((d) => [d.node, d]));
    const uses: MetricUseSite[] = [];
    for (const u of rawUses) {
      const instrument = u.instrument && unwrapExpression(u.instrument);
      const definition = instrument ? byNode.get(instrument) ?? findDefinition(memberPath(instrument)) : findDefinition(u.receiver);
      const last = u.receiver?.split('.').pop() ?? '';
      const known = definition !== undefined || u.observer || u.method === 'end-timer' || INSTRUMENT_NAME.test(last) || isInstrumentChain(u.call);
      if (!known) continue;
      const use = useSite(u.call, u.method, definition, u.observer);
      if (use) uses.push(use);
    }
    const sites: MetricSites = { definitions, uses, constants, variables };
    cache.set(program, sites);
    return sites;
  };

  const leave = (node: ESTree.Node): void => {
    if (observers.length > 0 && observers[observers.length - 1].call === node) observers.pop();
  };
  return { enter, leave, finish };
}

/**
 * Walks a module's nodes in pre-order for a collector. Literals and identifiers (half the nodes) have no
 * child nodes worth entering but decorators, and type annotations hold no metric sites, so they are skipped.
 */
function walkNodes(node: ESTree.Node, parent: ESTree.Node | undefined, collector: MetricSiteCollector): void {
  collector.enter(node, parent);
  if (node.type === 'Literal') return;
  if (node.type === 'Identifier') {
    for (const d of (node as { decorators?: ESTree.Node[] }).decorators ?? []) walkNodes(d, node, collector);
    return;
  }
  // for-in walks the same own keys in the same order as Object.keys, without an array per node
  const fields = node as unknown as Record<string, unknown>;
  for (const key in fields) {
    const v = fields[key];
    if (!v || typeof v !== 'object' || SKIP_KEYS.has(key)) continue;
    if (Array.isArray(v)) {
      for (const c of v) if (c && typeof c === 'object' && typeof (c as ESTree.Node).type === 'string') walkNodes(c as ESTree.Node, node, collector);
    } else if (typeof (v as ESTree.Node).type === 'string') walkNodes(v as ESTree.Node, node, collector);
  }
  if (node.type === 'CallExpression') collector.leave(node);
}

/** Whether a callee's last name can be a prom-client factory's (`createCounter`, `metrics.createGauge`, `m['createHistogram']`). */
function mayBeFactory(callee: ESTree.Node): boolean {
  let last: string | undefined;
  if (callee.type === 'Identifier') last = callee.name;
  else if (callee.type === 'MemberExpression') {
    const p = callee.property;
    if (!callee.computed && p.type === 'Identifier') last = p.name;
    else if (callee.computed && p.type === 'Literal' && typeof p.value === 'string') last = p.value.slice(p.value.lastIndexOf('.') + 1);
  }
  return last !== undefined && last in PROM_FACTORIES;
}

/** `x.labels(...).inc()` → `x` (the instrument of a labelled child). */
function stripLabels(n: ESTree.Node): ESTree.Node {
  let c = unwrapExpression(n);
  while (c.type === 'CallExpression') {
    const callee = unwrapExpression(c.callee as ESTree.Node);
    if (callee.type === 'MemberExpression' && !callee.computed && callee.property.type === 'Identifier' && callee.property.name === 'labels') c = unwrapExpression(callee.object);
    else break;
  }
  return c;
}

/** `meter.createCounter(...).add(...)` / `new Counter(...).inc(...)` — a use on an instrument created in place. */
function isInstrumentChain(call: ESTree.CallExpression): boolean {
  const callee = unwrapExpression(call.callee as ESTree.Node);
  if (callee.type !== 'MemberExpression') return false;
  const obj = unwrapExpression(callee.object);
  if (obj.type === 'NewExpression') return memberPath(obj.callee as ESTree.Node)?.split('.').pop()! in PROM_CLASSES;
  if (obj.type === 'CallExpression') {
    const m = memberPath(obj.callee as ESTree.Node)?.split('.').pop();
    return m !== undefined && (m in OTEL_METHODS || m === 'labels');
  }
  return false;
}

function useSite(call: ESTree.CallExpression, method: MetricUseMethod, definition: MetricDefinitionSite | undefined, observer: boolean): MetricUseSite | undefined {
  const args = call.arguments.map((a) => unwrapExpression(a as ESTree.Node));
  const otel = definition?.library === 'opentelemetry' || method === 'add' || method === 'record' || observer;
  // Where the attributes object is: OpenTelemetry add/record/observe(value, attrs) (batch: observe(inst, value, attrs));
  // prom-client inc/dec/set/observe/startTimer/labels/remove/zero(labels, ...).
  let attrIndex: number;
  if (otel) attrIndex = observer && args.length >= 3 ? 2 : 1;
  else attrIndex = 0;
  const attr = args[attrIndex];
  if (attr?.type === 'ObjectExpression') return { call, method, definition, attributes: attr, values: objectEntries(attr) };
  if (method === 'labels' && args.length > 0 && !otel) {
    // prom-client positional label values, in labelNames order.
    const names = definition?.labelNames?.names;
    return { call, method, definition, values: args.map((node, i) => ({ name: names?.[i]?.name, node })) };
  }
  if (method === 'end-timer' && args[0]?.type === 'ObjectExpression') return { call, method, definition, attributes: args[0], values: objectEntries(args[0]) };
  return undefined;
}
