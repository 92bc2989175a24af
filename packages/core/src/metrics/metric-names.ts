/**
 * Metric-name checks shared by every source (exposition, prom-client, OpenTelemetry, recording rules)
 * and by the ESLint rules.
 */

/** Exporter and Prometheus metrics whose single-word names are well known and fine. */
export const WELL_KNOWN_SINGLE_WORD_METRICS = new Set(['up', 'ALERTS', 'ALERTS_FOR_STATE']);

/** Placeholder stems: `metric`, `my_metric`, `test_metric`, `foo`, `counter2`, … (an optional number may follow). */
const PLACEHOLDER =
  /^(?:my_?|test_?|new_?|example_?|sample_?|dummy_?|temp_?|tmp_?|some_?|custom_?)?(?:metric|metrics|counter|gauge|histogram|summary|timer|meter|value|values|tmp|temp|test|foo|bar|baz|qux|quux|data|stat|stats|thing|stuff|name|x|y|z|a|b|c)(?:_?\d+)?$/i;

const TYPE_SUFFIXES = /(_total|_count|_sum|_bucket|_created|_info)$/;

export type GenericNameReason = 'placeholder' | 'no-namespace';

/**
 * Why a metric name is generic, or undefined if it is not. `allow` lists names that are always fine.
 * Recording-rule names (with colons) are judged by their metric part.
 */
export function genericMetricName(name: string, allow: readonly string[] = []): GenericNameReason | undefined {
  if (allow.includes(name) || WELL_KNOWN_SINGLE_WORD_METRICS.has(name)) return undefined;
  const metricPart = name.includes(':') ? name.split(':').filter(Boolean)[1] ?? name : name;
  const stem = metricPart.replace(TYPE_SUFFIXES, '');
  if (PLACEHOLDER.test(stem)) return 'placeholder';
  // `<namespace>_info` (go_info, python_info) names the namespace itself: the convention for info metrics.
  if (!name.includes(':') && /^[a-zA-Z]+\d*$/.test(stem) && !name.endsWith('_info')) return 'no-namespace';
  return undefined;
}

/** Splits a metric or OTel instrument name into lower-case words (`http_server_duration` → http, server, duration). */
export function metricNameWords(name: string): string[] {
  return name
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter(Boolean);
}
