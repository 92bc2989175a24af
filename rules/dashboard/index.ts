import type { AnyRule } from '@obslint/core';
import { maxPanels } from './max-panels/index.js';

/** Built-in rules of the `dashboard` domain. Register each new rule folder here. */
export const dashboardRules: AnyRule[] = [maxPanels];
