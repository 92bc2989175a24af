import type { AnyRule } from '@obslint/core';
import { counterWithoutRate } from './counter-without-rate/index.js';
import { datasourceVariable } from './datasource-variable/index.js';
import { deprecatedPanelType } from './deprecated-panel-type/index.js';
import { duplicatePanelId } from './duplicate-panel-id/index.js';
import { highCardinalityQuery } from './high-cardinality-query/index.js';
import { invalidQuery } from './invalid-query/index.js';
import { maxPanels } from './max-panels/index.js';
import { maxQueriesPerPanel } from './max-queries-per-panel/index.js';
import { panelDescription } from './panel-description/index.js';
import { panelTitle } from './panel-title/index.js';
import { panelUnits } from './panel-units/index.js';
import { rateInterval } from './rate-interval/index.js';
import { refreshTooFrequent } from './refresh-too-frequent/index.js';

/** Built-in rules of the `dashboard` domain, in catalogue order. Register each new rule folder here. */
export const dashboardRules: AnyRule[] = [
  maxPanels,
  maxQueriesPerPanel,
  panelTitle,
  panelDescription,
  panelUnits,
  datasourceVariable,
  rateInterval,
  counterWithoutRate,
  invalidQuery,
  refreshTooFrequent,
  duplicatePanelId,
  deprecatedPanelType,
  highCardinalityQuery,
];
