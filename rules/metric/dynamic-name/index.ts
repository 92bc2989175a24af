import type * as ESTree from 'estree';
import {
  defineCodeRule,
  dynamicStringKind,
  isConventionalConstant,
  memberPath,
  staticString,
  unwrapExpression,
  type DynamicStringKind,
  type MetricSites,
  type RuleMeta,
} from '@obslint/core/code';
import { metricEslintRule } from '../shared.js';

export interface DynamicNameOptions extends Record<string, unknown> {
  /** Accept a configured prefix variable (`prefix + 'http_requests_total'`, `${namespace}_jobs_total`): set once, bounded. */
  allowPrefixVariables: boolean;
}

const HOW: Record<DynamicStringKind, string> = {
  template: 'a template literal',
  concatenation: 'string concatenation',
  variable: 'a variable',
  call: 'a function call with variable arguments',
};

const meta: RuleMeta<DynamicNameOptions> = {
  id: 'metric/dynamic-name',
  domain: 'metric',
  description: 'Metric names built at run time (template literal, concatenation, variable): an unbounded set of metric names.',
  severity: 'error',
  preset: 'recommended',
  messages: {
    dynamic: 'Metric name is built from {{how}} (`{{text}}`): names must be fixed so dashboards and alerts can find them. Put the varying part in a bounded label.',
  },
  schema: {
    properties: {
      allowPrefixVariables: { type: 'boolean', description: 'Accept a configured prefix/namespace variable in front of a constant name.' },
    },
  },
  defaultOptions: { allowPrefixVariables: true },
  tags: ['cardinality', 'naming'],
};

const PREFIX_NAME = /(prefix|namespace|^ns)$/i;

function isPrefixVariable(part: ESTree.Node): boolean {
  const p = memberPath(part);
  return p !== undefined && PREFIX_NAME.test(p.split('.').pop()!);
}

/** The first part of a template/concatenation (prefix variables must come first). */
function leadingPartOnly(node: ESTree.Node, part: ESTree.Node): boolean {
  if (node.type === 'TemplateLiteral') return node.expressions[0] === part && node.expressions.length === 1 && (node.quasis[0].value.cooked ?? '') === '';
  if (node.type === 'BinaryExpression') {
    let left: ESTree.Node = node;
    while (left.type === 'BinaryExpression' && left.operator === '+') left = left.left as ESTree.Node;
    return left === part;
  }
  return false;
}

/**
 * How a name is built at run time, or undefined. A variable counts when its one declaration in the module is
 * itself built at run time (`const name = \`orders_${tenant}\``); a name passed in from elsewhere (an option,
 * a factory parameter) is a configured choice and is judged where it is written. A call counts when one of
 * its arguments is not constant (`getName(route)`, not `prefixed('jobs_total')`).
 */
function howBuilt(node: ESTree.Node, sites: MetricSites, allowPrefix: boolean, depth = 0): string | undefined {
  const n = unwrapExpression(node);
  const bounded = (part: ESTree.Node) => allowPrefix && isPrefixVariable(part) && leadingPartOnly(n, part);
  const kind = dynamicStringKind(n, sites.constants, bounded);
  if (kind === 'template' || kind === 'concatenation') return HOW[kind];
  if (kind === 'call' && n.type === 'CallExpression') {
    const fixedArg = (a: ESTree.Node) => staticString(a, sites.constants) !== undefined || isConventionalConstant(a);
    return n.arguments.every((a) => a.type !== 'SpreadElement' && fixedArg(a as ESTree.Node)) ? undefined : HOW.call;
  }
  if (kind === 'variable' && n.type === 'Identifier' && depth < 3) {
    const decls = sites.variables.get(n.name);
    const init = decls?.length === 1 ? decls[0] : undefined;
    const inner = init ? howBuilt(init, sites, allowPrefix, depth + 1) : undefined;
    return inner ? `a variable built from ${inner}` : undefined;
  }
  return undefined;
}

export const dynamicName = defineCodeRule<DynamicNameOptions>({
  meta,
  eslint: metricEslintRule(meta, ({ sites, options, report, text }) => {
    for (const def of sites.definitions) {
      if (!def.name || def.name.value !== undefined) continue;
      const how = howBuilt(def.name.node, sites, options.allowPrefixVariables);
      if (how) report(def.name.node, 'dynamic', { how, text: text(def.name.node).slice(0, 60) });
    }
  }),
});
