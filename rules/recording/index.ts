import type { AnyRule } from '@obslint/core';

/** Built-in rules of the `recording` domain. Register each new rule folder here. */
export const recordingRules: AnyRule[] = [];
