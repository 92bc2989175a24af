import type { AnyRule } from '@obslint/core';
import { genericName } from './generic-name/index.js';

/** Built-in rules of the `metric` domain. Register each new rule folder here. */
export const metricRules: AnyRule[] = [genericName];
