import type * as ESTree from 'estree';
import { highCardinalityLabel } from '@obslint/core/code';
import { definitionName, metricEslintRule, useName } from '../shared.js';
import { meta } from './meta.js';

/** The rule on code (prom-client and OpenTelemetry label names), without the document side. */
export const highCardinalityLabelEslint = metricEslintRule(meta, ({ sites, settings, options, report, text }) => {
  const list = settings.highCardinalityLabels.filter((l) => !options.allow.includes(l));
  const check = (label: string | undefined, node: ESTree.Node, name: string) => {
    if (label === undefined || options.allow.includes(label) || !highCardinalityLabel(label, list)) return;
    report(node, 'code', { label, name });
  };
  for (const def of sites.definitions) {
    for (const l of def.labelNames?.names ?? []) check(l.name, l.node, definitionName(def, text));
  }
  for (const use of sites.uses) {
    // prom-client labels were judged at their definition's labelNames.
    if (use.definition?.labelNames) continue;
    const name = useName(use, text);
    for (const v of use.values) if (v.key) check(v.name, v.key, name);
  }
});
