import {
  dataGaps,
  defineRule,
  formatDuration,
  formatLabels,
  noiseStats,
  parseDuration,
  parsePromql,
  replayAlert,
  replayRange,
  type AlertingRule,
  type DataGaps,
  type OnlineContext,
  type ReplayRange,
  durationOption,
} from '@obslint/core';

export interface NoisyOptions extends Record<string, unknown> {
  /** How far back to replay the expression. */
  lookback: string;
  /** Evaluation step of the replay; default: the rule group's `interval`, else 1m. */
  step?: string;
  /** Most firing episodes per day (all series together). */
  maxPerDay: number;
  /** Most short episodes over the lookback. */
  maxFlaps: number;
  /** Episodes shorter than this count as flaps. */
  shortEpisode: string;
}

const DEFAULT_STEP_MS = 60_000;

function alertingRules(ctx: OnlineContext): AlertingRule[] {
  const out: AlertingRule[] = [];
  for (const f of ctx.repo.ruleFiles) {
    if (f.language !== 'promql') continue;
    for (const g of f.groups) for (const r of g.rules) if (r.type === 'alerting' && r.expr.trim() && parsePromql(r.expr).errors.length === 0) out.push(r);
  }
  return out;
}

const oneDecimal = (n: number) => (Math.round(n * 10) / 10).toFixed(1);

export const noisy = defineRule<NoisyOptions>({
  meta: {
    id: 'alert/noisy',
    domain: 'alert',
    description: 'Alerting rule that, replayed over the past on the live Prometheus, fires more than `maxPerDay` times a day or flaps (more than `maxFlaps` short episodes).',
    severity: 'warning',
    preset: 'online',
    messages: {
      noisy:
        'Alert "{{name}}" would have fired {{episodes}} times in {{covered}} ({{perDay}} per day; max {{maxPerDay}}), {{short}} of them shorter than {{shortEpisode}}, across {{seriesCount}} series (worst {{worst}}: {{worstEpisodes}}){{excluded}}. Raise the threshold, lengthen `for`, or alert on a symptom over a longer window.',
      flapping:
        'Alert "{{name}}" flaps: {{short}} of its {{episodes}} firing episodes in {{covered}} lasted less than {{shortEpisode}} (max {{maxFlaps}}), across {{seriesCount}} series (worst {{worst}}){{excluded}}. Lengthen `for`, add `keep_firing_for`, or smooth the expression (e.g. avg_over_time).',
    },
    schema: {
      properties: {
        lookback: durationOption('How far back the expression is replayed.'),
        step: durationOption("Evaluation step of the replay (default: the group's interval, else 1m)."),
        maxPerDay: { type: 'number', exclusiveMinimum: 0, description: 'Most firing episodes per day.' },
        maxFlaps: { type: 'integer', minimum: 0, description: 'Most episodes shorter than `shortEpisode` over the lookback.' },
        shortEpisode: durationOption('Episodes shorter than this are flaps.'),
      },
    },
    defaultOptions: { lookback: '7d', maxPerDay: 5, maxFlaps: 10, shortEpisode: '10m' },
    tags: ['noise', 'online'],
  },
  create(context) {
    const { maxPerDay, maxFlaps } = context.options;
    const lookbackMs = parseDuration(context.options.lookback) ?? 7 * 86_400_000;
    const shortMs = parseDuration(context.options.shortEpisode) ?? 600_000;
    const stepOption = parseDuration(context.options.step);
    return {
      async online(ctx) {
        // One data-gap check per evaluation grid, shared by the alerts that use it.
        const gapsByGrid = new Map<string, Promise<DataGaps>>();
        const gapsOf = (r: ReplayRange) => {
          const key = `${r.start}/${r.end}/${r.stepMs}`;
          let p = gapsByGrid.get(key);
          if (!p) gapsByGrid.set(key, (p = dataGaps(ctx.prometheus, r)));
          return p;
        };
        await ctx.each(alertingRules(ctx), async (rule) => {
          const stepMs = stepOption || parseDuration(rule.group.interval) || DEFAULT_STEP_MS;
          const range = replayRange(ctx.now, lookbackMs, stepMs);
          const timing = { forMs: parseDuration(rule.for) ?? 0, keepFiringForMs: parseDuration(rule.keepFiringFor) ?? 0 };
          const replay = await replayAlert(ctx.prometheus, rule.expr, range, timing, await gapsOf(range));
          const s = noiseStats(replay, shortMs);
          const tooMany = s.perDay > maxPerDay;
          if (!tooMany && s.short <= maxFlaps) return;
          const data = {
            name: rule.name,
            episodes: s.episodes,
            short: s.short,
            perDay: oneDecimal(s.perDay),
            covered: formatDuration(replay.coveredMs),
            seriesCount: replay.series.length,
            worst: s.worst ? formatLabels(s.worst.labels) : '{}',
            worstEpisodes: s.worst?.episodes.length ?? 0,
            excluded: replay.gapMs > 0 ? `; ${formatDuration(replay.gapMs)} without data on the server left out` : '',
            maxPerDay,
            maxFlaps,
            shortEpisode: formatDuration(shortMs),
          };
          ctx.report({ messageId: tooMany ? 'noisy' : 'flapping', data, at: rule.group.file.doc.ref(`${rule.pointer}/alert`), entity: rule.entity });
        });
      },
    };
  },
});
