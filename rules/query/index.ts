import type { AnyRule } from '@obslint/core';
import { missingSeries } from './missing-series/index.js';
import { unknownMetric } from './unknown-metric/index.js';
import { unknownLabel } from './unknown-label/index.js';

/** Built-in rules of the `query` domain. Register each new rule folder here. */
export const queryRules: AnyRule[] = [missingSeries, unknownMetric, unknownLabel];
