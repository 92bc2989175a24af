/**
 * The ids of every document rule (`documentRules` of `@obslint/rules`, tool findings included), in catalogue
 * order. ESLint looks rules up by id, so the plugin lists them all up front while the rules themselves load on
 * first use; a test keeps this list equal to the catalogue. Add a new document rule's id here.
 */
export const DOCUMENT_RULE_IDS: readonly string[] = [
  'dashboard/max-panels', 'dashboard/max-queries-per-panel', 'dashboard/panel-title', 'dashboard/panel-description',
  'dashboard/panel-units', 'dashboard/datasource-variable', 'dashboard/rate-interval',
  'dashboard/counter-without-rate', 'dashboard/invalid-query', 'dashboard/refresh-too-frequent',
  'dashboard/duplicate-panel-id', 'dashboard/deprecated-panel-type', 'dashboard/high-cardinality-query',
  'alert/missing-for', 'alert/absent-without-for', 'alert/no-comparison', 'alert/value-in-labels',
  'alert/template-missing-label', 'alert/missing-severity', 'alert/missing-summary', 'alert/missing-runbook',
  'alert/counter-without-rate', 'alert/rate-range-too-short', 'alert/fragile-aggregation', 'alert/duplicate',
  'alert/invalid-expr', 'alert/cause-based-page', 'alert/group-too-large', 'alert/noisy',
  'recording/naming',
  'alertmanager/repeat-interval-too-short', 'alertmanager/missing-group-by', 'alertmanager/undefined-receiver',
  'metric/generic-name', 'metric/naming-convention', 'metric/missing-help', 'metric/missing-unit',
  'metric/high-cardinality-label', 'metric/unbounded-label-value', 'metric/too-many-labels', 'metric/series-budget',
  'metric/histogram-buckets', 'metric/unused',
  'query/missing-series', 'query/unknown-metric', 'query/unknown-label',
  'parse-error', 'unused-suppression', 'suppression-missing-reason', 'file-skipped', 'rule-error',
];
