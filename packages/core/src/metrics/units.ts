/**
 * Units in metric names, as promlint knows them: base units, non-base units with their base, SI/binary
 * prefixes, and abbreviations to discourage.
 */

/** A unit word → its base unit. */
export const UNIT_BASES: Readonly<Record<string, string>> = {
  // Base units.
  amperes: 'amperes',
  bytes: 'bytes',
  celsius: 'celsius',
  grams: 'grams',
  joules: 'joules',
  kelvin: 'kelvin',
  meters: 'meters',
  metres: 'metres',
  seconds: 'seconds',
  volts: 'volts',
  // Time.
  minutes: 'seconds',
  hours: 'seconds',
  days: 'seconds',
  weeks: 'seconds',
  // Temperature.
  kelvins: 'kelvin',
  fahrenheit: 'celsius',
  rankine: 'celsius',
  // Length.
  inches: 'meters',
  yards: 'meters',
  miles: 'meters',
  // Bytes.
  bits: 'bytes',
  // Energy.
  calories: 'joules',
  // Mass.
  pounds: 'grams',
  ounces: 'grams',
};

export const UNIT_PREFIXES = ['pico', 'nano', 'micro', 'milli', 'centi', 'deci', 'deca', 'hecto', 'kilo', 'kibi', 'mega', 'mibi', 'giga', 'gibi', 'tera', 'tebi', 'peta', 'pebi'];

/** Abbreviated units promlint discourages (`_ms`, `_sec`, `_mb`, ...). */
export const UNIT_ABBREVIATIONS = ['s', 'ms', 'us', 'ns', 'sec', 'b', 'kb', 'mb', 'gb', 'tb', 'pb', 'm', 'h', 'd'];

/** Other words that are units in their own right (ratios, counts of things). */
const OTHER_UNIT_WORDS = new Set(['ratio', 'percent', 'percentage', 'celsius', 'hertz', 'watts', 'info']);

/** The first unit word in a snake_case name and its base unit, like promlint's metricUnits. */
export function metricUnit(name: string): { unit: string; base: string } | undefined {
  for (const word of name.split('_')) {
    const direct = UNIT_BASES[word];
    if (direct) return { unit: word, base: direct };
    for (const p of UNIT_PREFIXES) {
      if (word.startsWith(p)) {
        const base = UNIT_BASES[word.slice(p.length)];
        if (base) return { unit: word, base };
      }
    }
  }
  return undefined;
}

/** The abbreviated units in a name (`request_duration_ms` → ['ms']), matched like promlint (case-insensitive). */
export function abbreviatedUnits(name: string): string[] {
  const n = name.toLowerCase();
  return UNIT_ABBREVIATIONS.filter((s) => n.includes(`_${s}_`) || n.endsWith(`_${s}`));
}

/** True when any word of the (snake_case or dotted) name is a unit, a prefixed unit or an abbreviation. */
export function nameHasUnit(name: string): boolean {
  const words = name.toLowerCase().split(/[._]/);
  return metricUnit(words.join('_')) !== undefined || words.some((w) => UNIT_ABBREVIATIONS.includes(w) || OTHER_UNIT_WORDS.has(w));
}

/** Words that say a metric measures time or a size, so its name needs a unit. */
const MEASURE_WORDS = new Set(['duration', 'latency', 'time', 'elapsed', 'delay', 'age', 'uptime', 'timestamp', 'size', 'lag']);
/** `<thing>_size` names that count items, not bytes (`queue_size`, `pool_size`, `batch_size`). */
/** Words after a measurement word that make it something else (`time_constant`, `time_zone`, `size_class`). */
const NOT_A_MEASUREMENT_AFTER = new Set(['constant', 'zone', 'class', 'format', 'series', 'slot', 'bucket', 'tier']);
const COUNTED_SIZES = new Set(['queue', 'pool', 'batch', 'cluster', 'group', 'set', 'list', 'map', 'window', 'page', 'shard', 'replica', 'worker', 'thread', 'committee', 'team', 'sample', 'population']);

/**
 * The word that makes a name a time or size measurement (`http_request_duration` → `duration`), or undefined.
 * Sizes of collections of items (`queue_size`) are counts, not measurements.
 */
export function measurementWord(name: string): string | undefined {
  const words = name
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter(Boolean);
  for (let i = 0; i < words.length; i++) {
    const w = words[i];
    if (!MEASURE_WORDS.has(w)) continue;
    if (w === 'size' && i > 0 && COUNTED_SIZES.has(words[i - 1])) continue;
    if (i + 1 < words.length && NOT_A_MEASUREMENT_AFTER.has(words[i + 1])) continue;
    return w;
  }
  return undefined;
}
