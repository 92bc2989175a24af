import type { AnyRule } from '@obslint/core';
import { spanNameCardinality } from './span-name-cardinality/index.js';

/** Built-in rules of the `trace` domain. Register each new rule folder here. */
export const traceRules: AnyRule[] = [spanNameCardinality];
