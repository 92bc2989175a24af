import type { AnyRule } from '@obslint/core';
import { missingFor } from './missing-for/index.js';

/** Built-in rules of the `alert` domain. Register each new rule folder here. */
export const alertRules: AnyRule[] = [missingFor];
