import { defineRule, findSelectors, hasVariables, parseDuration, panelLabel, queryRangeRef, promqlTargets, type Dashboard, type DashboardTarget, type TextEdit } from '@obslint/core';

export interface RateIntervalOptions extends Record<string, unknown> {
  /** Also report fixed ranges (`[5m]`), not only `$__interval`. */
  fixedRanges: boolean;
  /** Fixed ranges at or above this duration are deliberate windows (`increase(x[1d])`) and not reported. */
  windowFrom: string;
}

/** Functions whose range should follow the scrape interval and the panel's resolution. */
export function isRateLike(fn: string): boolean {
  return fn === 'rate' || fn === 'irate' || fn === 'increase' || fn.endsWith('_over_time');
}

/** Functions where `$__rate_interval` has the same meaning as `$__interval` (per-second rates): the fix is safe. */
const SAFE_FIX_FUNCTIONS = new Set(['rate', 'irate']);

/** Edits that rename `$__interval` to `$__rate_interval` in [from, to) of the original query, if exactly mappable. */
function renameEdits(t: DashboardTarget, names: Array<{ nameFrom: number; nameTo: number }>): TextEdit[] | undefined {
  const edits: TextEdit[] = [];
  const text = t.panel.dashboard.doc.file.text;
  for (const n of names) {
    const start = t.exprOffset(n.nameFrom);
    const end = t.exprOffset(n.nameTo);
    if (start === undefined || end === undefined || text.slice(start, end) !== '__interval') return undefined;
    edits.push({ start, end, text: '__rate_interval' });
  }
  return edits;
}

/** `$__interval` or a fixed range inside rate/irate/increase/*_over_time on a Prometheus target. */
export const rateInterval = defineRule<RateIntervalOptions>({
  meta: {
    id: 'dashboard/rate-interval',
    domain: 'dashboard',
    description: 'A fixed range or $__interval inside rate/irate/increase/*_over_time on a Prometheus target: use $__rate_interval.',
    severity: 'warning',
    preset: 'recommended',
    fixable: true,
    messages: {
      interval:
        '{{fn}}() over $__interval in panel "{{panel}}": when $__interval drops below two scrape intervals the graph has gaps; use $__rate_interval.',
      fixed:
        '{{fn}}() over a fixed [{{range}}] in panel "{{panel}}": it ignores the scrape interval and the time range; use $__rate_interval.',
    },
    schema: {
      properties: {
        fixedRanges: { type: 'boolean', description: 'Also report fixed ranges, not only $__interval.' },
        windowFrom: { type: 'string', pattern: '^(\\d+(ms|s|m|h|d|w|y))+$', description: 'Fixed ranges at or above this are deliberate windows.' },
      },
    },
    defaultOptions: { fixedRanges: true, windowFrom: '1h' },
    tags: ['correctness'],
  },
  create(context) {
    const { fixedRanges } = context.options;
    const windowFrom = parseDuration(context.options.windowFrom) ?? Infinity;
    const scrape = parseDuration(context.settings.scrapeInterval) ?? 30_000;
    // A min interval (`interval: "2m"`) keeps $__interval at or above it: with two scrapes per window there
    // are no gaps, and $__interval is then a deliberate per-interval bucket. A variable min interval is unknown.
    const minIntervalPreventsGaps = (minInterval: string | undefined) =>
      minInterval !== undefined && (hasVariables(minInterval) || (parseDuration(minInterval) ?? 0) >= 2 * scrape);
    return {
      dashboard(d: Dashboard) {
        for (const { panel: p, target: t, query: q } of promqlTargets(d)) {
          for (const sel of findSelectors(q.promql)) {
            const fn = sel.functions[0];
            if (!sel.range || fn === undefined || !isRateLike(fn)) continue;
            // Recording-rule outputs (level:metric:operations) are already rates over a fixed window.
            if (sel.metric?.includes(':')) continue;
            const range = sel.range;
            const vars = q.sub.variablesIn(range.from, range.to);
            // Located and described only when reported.
            const report = (messageId: 'interval' | 'fixed', fix?: TextEdit[]) =>
              context.report({
                messageId,
                data: { fn, panel: panelLabel(p), range: q.sub.originalText(range.from, range.to) },
                at: queryRangeRef(t, q, range.from, range.to),
                entity: t.entity,
                fix,
              });
            const interval = vars.filter((v) => v.name === '__interval');
            if (interval.length > 0) {
              if (minIntervalPreventsGaps(t.minInterval)) continue;
              report('interval', SAFE_FIX_FUNCTIONS.has(fn) ? renameEdits(t, interval) : undefined);
            } else if (fixedRanges && vars.length === 0 && (range.ms === undefined || range.ms < windowFrom)) {
              report('fixed');
            }
          }
        }
      },
    };
  },
});
