import type { AnyRule } from '@obslint/core';

/** Built-in rules of the `query` domain. Register each new rule folder here. */
export const queryRules: AnyRule[] = [];
