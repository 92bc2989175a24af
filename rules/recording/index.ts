import type { AnyRule } from '@obslint/core';
import { recordingNaming } from './naming/index.js';

/** Built-in rules of the `recording` domain. Register each new rule folder here. */
export const recordingRules: AnyRule[] = [recordingNaming];
