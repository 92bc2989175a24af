import {
  CARDINALITY_WINDOW_MS,
  defineRule,
  formatDuration,
  parseDuration,
  recordedMetrics,
  selectorText,
  selectorUses,
  type LabelMatcherInfo,
  type PrometheusApi,
  type SelectorUse,
  durationOption,
} from '@obslint/core';

export interface MissingSeriesOptions extends Record<string, unknown> {
  /** How far back a metric, label or value counts as existing. */
  lookback: string;
}

/** Metrics Prometheus makes from alerting rules: present only while alerts are pending or firing. */
const ALERT_METRICS = new Set(['ALERTS', 'ALERTS_FOR_STATE']);
const MAX_VALUES_SHOWN = 5;

type Verdict =
  | { messageId: 'metricMissing' }
  | { messageId: 'labelMissing'; label: string; labels: string }
  | { messageId: 'valueMissing'; label: string; matcher: string; values: string }
  | { messageId: 'combinationMissing' }
  | { messageId: 'disappeared' };

/** True when the matcher can only match series that have the label (so its absence explains an empty result). */
function requiresLabel(m: LabelMatcherInfo): boolean {
  if (m.op === '=') return m.value !== '';
  if (m.op !== '=~') return false;
  try {
    return !new RegExp(`^(?:${m.value})$`).test('');
  } catch {
    return false; // RE2 syntax JavaScript does not read: assume it may match the empty value
  }
}

const matcherText = (m: LabelMatcherInfo) => `${m.name}${m.op}${JSON.stringify(m.value)}`;

function listOf(items: string[], quote = true): string {
  const shown = items.slice(0, MAX_VALUES_SHOWN).map((v) => (quote ? JSON.stringify(v) : v));
  return items.length > MAX_VALUES_SHOWN ? `${shown.join(', ')}, … (${items.length} in all)` : shown.join(', ') || 'none';
}

/** Why a selector returns nothing, in the order pint's promql/series asks: metric, label names, label values, combination. */
async function verdictFor(api: PrometheusApi, use: SelectorUse, now: number, lookbackMs: number): Promise<Verdict | undefined> {
  const time = now / 1000;
  const from = (now - lookbackMs) / 1000;
  const sel = selectorText(use.metric, use.matchers);
  const recent = await api.query(`count(last_over_time(${sel}[${Math.round(CARDINALITY_WINDOW_MS / 1000)}s]))`, time);
  if (recent.some((s) => Number(s.value[1]) > 0)) return undefined;
  const bare = selectorText(use.metric);
  const names = await api.labelNames([bare], from, time);
  if (names.length === 0) return { messageId: 'metricMissing' };
  const required = use.matchers.filter(requiresLabel);
  for (const m of required) {
    if (!names.includes(m.name)) return { messageId: 'labelMissing', label: m.name, labels: listOf(names.filter((n) => n !== '__name__').sort(), false) };
  }
  for (const m of required) {
    if ((await api.labelNames([selectorText(use.metric, [m])], from, time)).length > 0) continue;
    const values = (await api.labelValues(m.name, [bare], from, time)).sort();
    return { messageId: 'valueMissing', label: m.name, matcher: `{${matcherText(m)}}`, values: listOf(values) };
  }
  if ((await api.labelNames([sel], from, time)).length > 0) return use.insideAbsent ? undefined : { messageId: 'disappeared' };
  return { messageId: 'combinationMissing' };
}

export const missingSeries = defineRule<MissingSeriesOptions>({
  meta: {
    id: 'query/missing-series',
    domain: 'query',
    description: 'Selectors in dashboards and rules that return nothing on the live Prometheus, with the reason: the metric, a label, or a label value does not exist there.',
    severity: 'warning',
    preset: 'online',
    messages: {
      metricMissing: '"{{selector}}" returns nothing: Prometheus has no series named "{{metric}}" in the last {{lookback}}. Check the name (a typo, a rename, an exporter that is not scraped).',
      labelMissing: '"{{selector}}" returns nothing: "{{metric}}" exists, but none of its series has label "{{label}}" in the last {{lookback}} (its labels: {{labels}}).',
      valueMissing: '"{{selector}}" returns nothing: "{{metric}}" has label "{{label}}", but no series matches {{matcher}} in the last {{lookback}} (values: {{values}}).',
      combinationMissing: '"{{selector}}" returns nothing: each of its matchers matches series of "{{metric}}", but no series matches them all in the last {{lookback}}.',
      disappeared: '"{{selector}}" returns nothing now: it matched series earlier in the last {{lookback}}, but none in the last {{window}}.',
    },
    schema: {
      properties: {
        lookback: durationOption('How far back a metric, label or value counts as existing.'),
      },
    },
    defaultOptions: { lookback: '7d' },
    tags: ['online'],
  },
  create(context) {
    const lookbackMs = parseDuration(context.options.lookback) ?? 7 * 86_400_000;
    const external = context.settings.externalMetrics;
    return {
      async online(ctx) {
        const recorded = recordedMetrics(ctx.repo);
        // One check per distinct selector (metric and matchers), reported at every place that uses it.
        const bySelector = new Map<string, SelectorUse[]>();
        for (const u of selectorUses(ctx.repo)) {
          if (ALERT_METRICS.has(u.metric) || recorded.has(u.metric) || external.some((p) => u.metric.startsWith(p))) continue;
          const key = selectorText(u.metric, [...u.matchers].sort((a, b) => (matcherText(a) < matcherText(b) ? -1 : 1))) + (u.insideAbsent ? ' absent' : '');
          const list = bySelector.get(key);
          if (list) list.push(u);
          else bySelector.set(key, [u]);
        }
        await ctx.each([...bySelector.values()], async (uses) => {
          const verdict = await verdictFor(ctx.prometheus, uses[0], ctx.now, lookbackMs);
          if (!verdict) return;
          const { messageId, ...rest } = verdict;
          for (const u of uses) {
            const data = { ...rest, selector: u.text, metric: u.metric, lookback: formatDuration(lookbackMs), window: formatDuration(CARDINALITY_WINDOW_MS) };
            ctx.report({ messageId, data, at: u.at, entity: `${u.entity}/selector:${u.text}` });
          }
        });
      },
    };
  },
});
