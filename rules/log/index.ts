import type { AnyRule } from '@obslint/core';

/** Built-in rules of the `log` domain. Register each new rule folder here. */
export const logRules: AnyRule[] = [];
