import { defineRule, panelLabel, type Dashboard } from '@obslint/core';

export interface DeprecatedPanelTypeOptions extends Record<string, unknown> {
  /** Panel types to report, with the replacement to suggest ('' when there is none). */
  types: Record<string, string>;
}

/** Angular-era panels removed from current Grafana, and what replaces each. */
export const DEPRECATED_PANEL_TYPES: Record<string, string> = {
  graph: 'timeseries',
  singlestat: 'stat',
  'table-old': 'table',
  'grafana-piechart-panel': 'piechart',
  'grafana-worldmap-panel': 'geomap',
};

/** Angular-era panel types that current Grafana no longer renders. */
export const deprecatedPanelType = defineRule<DeprecatedPanelTypeOptions>({
  meta: {
    id: 'dashboard/deprecated-panel-type',
    domain: 'dashboard',
    description: 'A panel of an Angular-era type removed from current Grafana.',
    severity: 'warning',
    preset: 'recommended',
    messages: {
      deprecated: 'Panel "{{panel}}" uses the removed Angular panel type "{{type}}": migrate it to "{{replacement}}".',
      deprecatedNoReplacement: 'Panel "{{panel}}" uses the removed Angular panel type "{{type}}": replace it with a current panel.',
    },
    schema: {
      properties: {
        types: { type: 'object', additionalProperties: { type: 'string' }, description: 'Panel types to report, with their replacement.' },
      },
    },
    defaultOptions: { types: DEPRECATED_PANEL_TYPES },
    tags: ['maintenance'],
  },
  create(context) {
    const types = context.options.types;
    return {
      dashboard(d: Dashboard) {
        for (const p of d.panels) {
          if (p.type === undefined || !Object.hasOwn(types, p.type)) continue;
          const replacement = types[p.type];
          context.report({
            messageId: replacement ? 'deprecated' : 'deprecatedNoReplacement',
            data: { panel: panelLabel(p), type: p.type, replacement },
            at: d.doc.ref(p.pointers.type ?? p.pointer),
            entity: p.entity,
          });
        }
      },
    };
  },
});
