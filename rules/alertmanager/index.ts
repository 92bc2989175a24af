import type { AnyRule } from '@obslint/core';

/** Built-in rules of the `alertmanager` domain. Register each new rule folder here. */
export const alertmanagerRules: AnyRule[] = [];
