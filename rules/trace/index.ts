import type { AnyRule } from '@obslint/core';

/** Built-in rules of the `trace` domain. Register each new rule folder here. */
export const traceRules: AnyRule[] = [];
