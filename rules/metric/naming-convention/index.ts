import type * as ESTree from 'estree';
import {
  cardinalityBreakdown,
  defineRule,
  familyNameDefinition,
  joinPointer,
  otelNameProblems,
  prometheusNameProblems,
  type MetricDefinitionSite,
  type MetricDialect,
  type MetricFamily,
  type NameProblem,
  type RecordingRule,
  type RuleMeta,
} from '@obslint/core/code';
import { familyNameRef, labelRef, metricEslintRule, namesOption } from '../shared.js';

export interface NamingConventionOptions extends Record<string, unknown> {
  /** `auto`: prometheus for snapshots, prom-client and recording rules, otel for `meter.create*`. */
  dialect: 'auto' | MetricDialect;
  /** Names that are always accepted. */
  allow: string[];
}

const meta: RuleMeta<NamingConventionOptions> = {
  id: 'metric/naming-convention',
  domain: 'metric',
  description: 'Metric names that break the naming conventions of their dialect (promlint for Prometheus, dotted lowercase for OpenTelemetry).',
  severity: 'warning',
  preset: 'recommended',
  messages: {
    prometheus: 'Metric "{{name}}": {{problem}}.',
    label: 'Metric "{{name}}", label "{{label}}": {{problem}}.',
    otel: 'Instrument "{{name}}": {{problem}}.',
  },
  schema: {
    properties: {
      dialect: { enum: ['auto', 'prometheus', 'otel'], description: 'Naming dialect; `auto` picks it from the source.' },
      allow: namesOption('Names that are always accepted.'),
    },
  },
  defaultOptions: { dialect: 'auto', allow: [] },
  tags: ['naming'],
};

function problemsFor(name: string, dialect: MetricDialect, def: Parameters<typeof prometheusNameProblems>[0]): NameProblem[] {
  return dialect === 'otel' ? otelNameProblems(name) : prometheusNameProblems(def);
}

export const namingConvention = defineRule<NamingConventionOptions>({
  meta,
  create(context) {
    const dialect: MetricDialect = context.options.dialect === 'auto' ? 'prometheus' : context.options.dialect;
    return {
      metricFamily(f: MetricFamily) {
        if (context.options.allow.includes(f.name)) return;
        const labels = new Map(cardinalityBreakdown(f).labels.map((l) => [l.name, l]));
        for (const p of problemsFor(f.name, dialect, familyNameDefinition(f))) {
          const label = p.label !== undefined ? labels.get(p.label) : undefined;
          if (label) context.report({ messageId: 'label', data: { name: f.name, label: label.name, problem: p.text }, at: labelRef(f, label.firstLabel), entity: f.entity });
          else context.report({ messageId: dialect, data: { name: f.name, problem: p.text }, at: familyNameRef(f), entity: f.entity });
        }
      },
      recordingRule(r: RecordingRule) {
        if (context.options.allow.includes(r.name)) return;
        for (const p of prometheusNameProblems({ name: r.name, recordingRule: true })) {
          context.report({ messageId: 'prometheus', data: { name: r.name, problem: p.text }, at: r.group.file.doc.ref(joinPointer(r.pointer, 'record')), entity: r.entity });
        }
      },
    };
  },
  eslint: metricEslintRule(meta, ({ sites, options, report }) => {
    for (const def of sites.definitions) {
      const name = def.name?.value;
      if (name === undefined || !def.name || options.allow.includes(name)) continue;
      const dialect = options.dialect === 'auto' ? def.dialect : options.dialect;
      const labelNodes = new Map<string, ESTree.Node>((def.labelNames?.names ?? []).map((l) => [l.name, l.node]));
      for (const p of problemsFor(name, dialect, codeDefinition(def, name))) {
        const labelNode = p.label !== undefined ? labelNodes.get(p.label) : undefined;
        if (labelNode) report(labelNode, 'label', { name, label: p.label!, problem: p.text });
        else report(def.name.node, dialect, { name, problem: p.text });
      }
    }
  }),
});

function codeDefinition(def: MetricDefinitionSite, name: string) {
  return { name, type: def.promType, labelNames: def.labelNames?.names.map((l) => l.name) };
}
