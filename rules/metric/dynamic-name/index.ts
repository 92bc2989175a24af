import type * as ESTree from 'estree';
import { defineCodeRule, dynamicStringKind, memberPath, type DynamicStringKind, type RuleMeta } from '@obslint/core';
import { metricEslintRule } from '../shared.js';

export interface DynamicNameOptions extends Record<string, unknown> {
  /** Accept a configured prefix variable (`prefix + 'http_requests_total'`, `${namespace}_jobs_total`): set once, bounded. */
  allowPrefixVariables: boolean;
}

const HOW: Record<DynamicStringKind, string> = {
  template: 'a template literal',
  concatenation: 'string concatenation',
  variable: 'a variable',
  call: 'a function call',
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

export const dynamicName = defineCodeRule<DynamicNameOptions>({
  meta,
  eslint: metricEslintRule(meta, ({ sites, options, report, text }) => {
    for (const def of sites.definitions) {
      if (!def.name || def.name.value !== undefined) continue;
      const node = def.name.node;
      const bounded = (part: ESTree.Node) => options.allowPrefixVariables && isPrefixVariable(part) && leadingPartOnly(node, part);
      const kind = dynamicStringKind(node, sites.constants, bounded);
      if (kind) report(node, 'dynamic', { how: HOW[kind], text: text(node).slice(0, 60) });
    }
  }),
});
