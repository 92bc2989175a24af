import { defineRule, panelsOfType, findAggregations, isObject, panelLabel, targetPromql, type Dashboard, type DashboardPanel, type JsonObject } from '@obslint/core';

export interface PanelUnitsOptions extends Record<string, unknown> {
  /** Panel types that need a unit. */
  types: string[];
}

function nonEmpty(v: unknown): boolean {
  return (typeof v === 'string' && v.trim() !== '') || (Array.isArray(v) && v.length > 0);
}

/** Whether `fieldConfig.defaults[key]` or any override's property `key` is set. */
function fieldConfigHas(fc: JsonObject | undefined, key: string): boolean {
  if (!fc) return false;
  if (isObject(fc.defaults) && nonEmpty(fc.defaults[key])) return true;
  if (!Array.isArray(fc.overrides)) return false;
  return fc.overrides.some((o) => isObject(o) && Array.isArray(o.properties) && o.properties.some((p) => isObject(p) && p.id === key && nonEmpty(p.value)));
}

/** A stat panel that shows text (all fields, a named field, or series names), not numbers. */
function isNonNumericStat(p: DashboardPanel): boolean {
  if (p.type !== 'stat' || !p.options) return false;
  const reduce = isObject(p.options.reduceOptions) ? p.options.reduceOptions : {};
  const fields = reduce.fields;
  return (typeof fields === 'string' && fields !== '' && fields !== 'numeric') || p.options.textMode === 'name';
}

/**
 * A panel that counts things (`count(...)` queries, a title saying "count" or "number of"): counts have no
 * unit, and Grafana's default display of plain numbers is right for them.
 */
function isCountPanel(p: DashboardPanel): boolean {
  if (p.title !== undefined && /\b(count|number of|#)\b|^#/i.test(p.title)) return true;
  const queries = p.targets.filter((t) => !t.hide).map(targetPromql);
  return queries.length > 0 && queries.every((q) => {
    if (!q) return false;
    const top = findAggregations(q.promql)[0];
    return top !== undefined && top.from === q.promql.text.search(/\S/) && (top.op === 'count' || top.op === 'count_values');
  });
}

/** Numeric panels without a unit. */
export const panelUnits = defineRule<PanelUnitsOptions>({
  meta: {
    id: 'dashboard/panel-units',
    domain: 'dashboard',
    description: 'A timeseries, stat, gauge or bar gauge panel with no unit.',
    severity: 'info',
    preset: 'strict',
    messages: {
      missing: 'Panel "{{panel}}" ({{type}}) has no unit: set fieldConfig.defaults.unit (seconds, bytes, reqps, percentunit, ...).',
    },
    schema: { properties: { types: { type: 'array', items: { type: 'string' }, description: 'Panel types that need a unit.' } } },
    defaultOptions: { types: ['timeseries', 'stat', 'gauge', 'bargauge'] },
    tags: ['readability'],
  },
  create(context) {
    const types = new Set(context.options.types);
    return {
      dashboard(d: Dashboard) {
        for (const p of panelsOfType(d, types)) {
          if (fieldConfigHas(p.fieldConfig, 'unit') || fieldConfigHas(p.fieldConfig, 'mappings') || isNonNumericStat(p) || isCountPanel(p)) continue;
          context.report({
            messageId: 'missing',
            data: { panel: panelLabel(p), type: p.type ?? '' },
            at: d.doc.ref(p.pointers.fieldConfig ?? p.pointers.type ?? p.pointer, p.pointers.fieldConfig ? 'key' : 'value'),
            entity: p.entity,
          });
        }
      },
    };
  },
});
