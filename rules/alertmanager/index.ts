import type { AnyRule } from '@obslint/core';
import { repeatIntervalTooShort } from './repeat-interval-too-short/index.js';
import { missingGroupBy } from './missing-group-by/index.js';
import { undefinedReceiver } from './undefined-receiver/index.js';

/** Built-in rules of the `alertmanager` domain. Register each new rule folder here. */
export const alertmanagerRules: AnyRule[] = [repeatIntervalTooShort, missingGroupBy, undefinedReceiver];
