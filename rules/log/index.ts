import type { AnyRule } from '@obslint/core';
import { structuredMessage } from './structured-message/index.js';
import { noConsole } from './no-console/index.js';
import { errorObject } from './error-object/index.js';
import { noLogAndThrow } from './no-log-and-throw/index.js';
import { noSensitiveData } from './no-sensitive-data/index.js';
import { noLogInLoop } from './no-log-in-loop/index.js';
import { noDynamicKeys } from './no-dynamic-keys/index.js';
import { pinoSwallowedArgs } from './pino-swallowed-args/index.js';

/** Built-in rules of the `log` domain, in catalogue order. Register each new rule folder here. */
export const logRules: AnyRule[] = [structuredMessage, noConsole, errorObject, noLogAndThrow, noSensitiveData, noLogInLoop, noDynamicKeys, pinoSwallowedArgs];
