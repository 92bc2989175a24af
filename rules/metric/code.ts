import type { AnyRule } from '@obslint/core/code';
import { genericName } from './generic-name/index.js';
import { namingConvention } from './naming-convention/index.js';
import { missingHelp } from './missing-help/index.js';
import { missingUnit } from './missing-unit/index.js';
import { meta as highCardinalityLabelMeta } from './high-cardinality-label/meta.js';
import { highCardinalityLabelEslint } from './high-cardinality-label/eslint.js';
import { unboundedLabelValue } from './unbounded-label-value/index.js';
import { tooManyLabels } from './too-many-labels/index.js';
import { meta as seriesBudgetMeta } from './series-budget/meta.js';
import { histogramBuckets } from './histogram-buckets/index.js';
import { dynamicName } from './dynamic-name/index.js';
import { meta as unusedMeta } from './unused/meta.js';

/** What the ESLint plugin needs of a rule up front: its kind, metadata and ESLint face (document checks left out). */
export type RuleFace = Pick<AnyRule, 'kind' | 'meta' | 'eslint'>;

/**
 * The metric rules as the ESLint plugin sees them, in `metricRules` order, without loading the document side
 * of the rules that need the metric index or the online checks (`metric/unused`, `metric/series-budget`,
 * `metric/high-cardinality-label`): those come as their metadata and ESLint face only.
 */
export const metricRuleFaces: RuleFace[] = [
  genericName,
  namingConvention,
  missingHelp,
  missingUnit,
  { kind: 'document', meta: highCardinalityLabelMeta, eslint: highCardinalityLabelEslint },
  unboundedLabelValue,
  tooManyLabels,
  { kind: 'document', meta: seriesBudgetMeta },
  histogramBuckets,
  dynamicName,
  { kind: 'document', meta: unusedMeta },
];
