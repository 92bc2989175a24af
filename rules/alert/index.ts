import type { AnyRule } from '@obslint/core';
import { missingFor } from './missing-for/index.js';
import { absentWithoutFor } from './absent-without-for/index.js';
import { noComparison } from './no-comparison/index.js';
import { valueInLabels } from './value-in-labels/index.js';
import { templateMissingLabel } from './template-missing-label/index.js';
import { missingSeverity } from './missing-severity/index.js';
import { missingSummary } from './missing-summary/index.js';
import { missingRunbook } from './missing-runbook/index.js';
import { counterWithoutRate } from './counter-without-rate/index.js';
import { rateRangeTooShort } from './rate-range-too-short/index.js';
import { fragileAggregation } from './fragile-aggregation/index.js';
import { duplicate } from './duplicate/index.js';
import { invalidExpr } from './invalid-expr/index.js';
import { causeBasedPage } from './cause-based-page/index.js';
import { groupTooLarge } from './group-too-large/index.js';
import { noisy } from './noisy/index.js';

/** Built-in rules of the `alert` domain, in catalogue order. Register each new rule folder here. */
export const alertRules: AnyRule[] = [
  missingFor,
  absentWithoutFor,
  noComparison,
  valueInLabels,
  templateMissingLabel,
  missingSeverity,
  missingSummary,
  missingRunbook,
  counterWithoutRate,
  rateRangeTooShort,
  fragileAggregation,
  duplicate,
  invalidExpr,
  causeBasedPage,
  groupTooLarge,
  noisy,
];
