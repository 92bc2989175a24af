import type { AnyRule } from '@obslint/core';
import { genericName } from './generic-name/index.js';
import { namingConvention } from './naming-convention/index.js';
import { missingHelp } from './missing-help/index.js';
import { missingUnit } from './missing-unit/index.js';
import { highCardinalityLabelRule } from './high-cardinality-label/index.js';
import { unboundedLabelValue } from './unbounded-label-value/index.js';
import { tooManyLabels } from './too-many-labels/index.js';
import { seriesBudget } from './series-budget/index.js';
import { histogramBuckets } from './histogram-buckets/index.js';
import { dynamicName } from './dynamic-name/index.js';
import { unused } from './unused/index.js';

/** Built-in rules of the `metric` domain. Register each new rule folder here. */
export const metricRules: AnyRule[] = [
  genericName,
  namingConvention,
  missingHelp,
  missingUnit,
  highCardinalityLabelRule,
  unboundedLabelValue,
  tooManyLabels,
  seriesBudget,
  histogramBuckets,
  dynamicName,
  unused,
];
