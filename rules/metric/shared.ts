import type { Rule } from 'eslint';
import type * as ESTree from 'estree';
import {
  DEFAULT_HIGH_CARDINALITY_LABELS,
  METRIC_SITE_NODE_TYPES,
  metricSiteCollector,
  offsetRef,
  ruleDocsUrl,
  type MetricDefinitionSite,
  type MetricFamily,
  type MetricSiteCollector,
  type MetricSites,
  type MetricUseSite,
  type NodeRef,
  type RuleMeta,
  type SampleLabel,
} from '@obslint/core/code';
import { sharedFileState } from '../file-state.js';

/** obslint's shared settings as code rules see them: ESLint `settings.obslint` (the CLI passes config `settings:`). */
export interface CodeSettings {
  highCardinalityLabels: string[];
}

export interface CodeCheckContext<O> {
  options: O;
  settings: CodeSettings;
  sites: MetricSites;
  report(node: ESTree.Node, messageId: string, data?: Record<string, string | number>): void;
  /** Source text of a node (for messages about names that are not constants). */
  text(node: ESTree.Node): string;
}

function codeSettings(context: Rule.RuleContext): CodeSettings {
  const s = (context.settings as { obslint?: Partial<CodeSettings> } | undefined)?.obslint;
  const list = Array.isArray(s?.highCardinalityLabels) ? s.highCardinalityLabels.filter((x): x is string => typeof x === 'string') : DEFAULT_HIGH_CARDINALITY_LABELS;
  return { highCardinalityLabels: list };
}

/** ESLint option schema from an obslint rule's option schema (one object, no extra properties). */
export function eslintSchema(meta: RuleMeta<any>): Rule.RuleMetaData['schema'] {
  const props = (meta.schema as { properties?: Record<string, unknown> } | undefined)?.properties;
  return props ? [{ type: 'object', properties: props, additionalProperties: false }] : [];
}

/** The metric sites of a file, collected once for all metric rules from ESLint's traversal (see `sharedFileState`). */
function fileCollector(context: Rule.RuleContext): { state: MetricSiteCollector; feed?: Rule.RuleListener } {
  return sharedFileState(context, 'metric-sites', () => {
    const collector = metricSiteCollector(context.sourceCode.ast as ESTree.Program);
    const enter = (node: Rule.Node) => collector.enter(node as ESTree.Node, (node.parent ?? undefined) as ESTree.Node | undefined);
    const feed: Rule.RuleListener = { 'CallExpression:exit': (node: Rule.Node) => collector.leave(node as ESTree.Node) };
    for (const type of METRIC_SITE_NODE_TYPES) (feed as Record<string, (node: Rule.Node) => void>)[type] = enter;
    return { state: collector, feed };
  });
}

/**
 * The ESLint face of a metric rule: the same id, description, messages and options as the document rule;
 * `check` runs once per file over the module's metric definitions and uses.
 */
export function metricEslintRule<O extends Record<string, unknown>>(meta: RuleMeta<O>, check: (ctx: CodeCheckContext<O>) => void): Rule.RuleModule {
  return {
    meta: {
      type: 'problem',
      docs: { description: meta.description, url: ruleDocsUrl(meta.id) },
      messages: meta.messages,
      schema: eslintSchema(meta),
    },
    create(context) {
      const options = { ...meta.defaultOptions, ...((context.options[0] as Partial<O> | undefined) ?? {}) } as O;
      const settings = codeSettings(context);
      const source = context.sourceCode;
      const { state: collector, feed } = fileCollector(context);
      return {
        ...feed,
        'Program:exit'() {
          const sites = collector.finish();
          if (sites.definitions.length === 0 && sites.uses.length === 0) return;
          check({
            options,
            settings,
            sites,
            report: (node, messageId, data) => context.report({ node: node as Rule.Node, messageId, data }),
            text: (node) => source.getText(node as Rule.Node),
          });
        },
      };
    },
  };
}

/** The name of a definition for messages: its constant value, or its source text. */
export function definitionName(def: MetricDefinitionSite, text: (n: ESTree.Node) => string): string {
  if (def.name?.value !== undefined) return def.name.value;
  return def.name ? text(def.name.node) : '(unnamed)';
}

/** Where to report about a definition: its name expression, else the whole constructor/create call. */
export function definitionNode(def: MetricDefinitionSite): ESTree.Node {
  return def.name?.node ?? def.node;
}

/** A NodeRef for a family's name in its declaration (HELP/TYPE line, else first sample). */
export function familyNameRef(f: MetricFamily): NodeRef {
  return offsetRef(f.snapshot.file, f.nameStart, f.nameEnd);
}

/** A NodeRef for a `name="value"` pair of a sample. */
export function labelRef(f: MetricFamily, label: SampleLabel): NodeRef {
  return offsetRef(f.snapshot.file, label.nameStart, label.end);
}

/** Number formatting for messages (`5,000`). */
export function count(n: number): string {
  return n.toLocaleString('en-US');
}

/**
 * True when the definition's options cannot be fully seen: passed as a variable (`new Counter(opts)`,
 * `meter.createHistogram(name, opts)`) or spread in (`{ ...common, name }`). Absence checks skip those.
 */
export function optionsHidden(def: MetricDefinitionSite): boolean {
  if (def.options) return def.options.properties.some((p) => p.type === 'SpreadElement');
  return def.library === 'prom-client' || def.node.arguments.length > 1;
}

/** The instrument a use is about, for messages: its definition's name, else the receiver (`counter`, or for a batch observer its instrument argument). */
export function useName(use: MetricUseSite, text: (n: ESTree.Node) => string): string {
  if (use.definition) return definitionName(use.definition, text);
  const callee = use.call.callee as ESTree.Node;
  if (use.method === 'observe' && use.call.arguments.length >= 3 && use.attributes === use.call.arguments[2]) return text(use.call.arguments[0] as ESTree.Node);
  if (callee.type === 'MemberExpression') return text(stripLabelsCall(callee.object));
  return text(callee);
}

function stripLabelsCall(n: ESTree.Node): ESTree.Node {
  let c = n;
  while (c.type === 'CallExpression' && c.callee.type === 'MemberExpression' && !c.callee.computed && c.callee.property.type === 'Identifier' && c.callee.property.name === 'labels') c = c.callee.object;
  return c;
}

/** The option schema of `namespaces` (metric/unused, query/unknown-metric, query/unknown-label). */
export const NAMESPACES_SCHEMA = {
  type: 'array',
  items: { type: 'string', pattern: '^[a-zA-Z_][a-zA-Z0-9_]*$' },
  description: 'Namespaces longer than the first word of a name (e.g. acme_shop), when several teams share a prefix.',
} as const;

/** The option schema of a list of names (`allow`). */
export function namesOption(description: string): Record<string, unknown> {
  return { type: 'array', items: { type: 'string' }, description };
}
