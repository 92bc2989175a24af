import type { AnyRule } from '@obslint/core';
import { structuredMessage } from './structured-message/index.js';

/** Built-in rules of the `log` domain. Register each new rule folder here. */
export const logRules: AnyRule[] = [structuredMessage];
