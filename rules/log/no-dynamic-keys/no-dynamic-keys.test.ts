import { noDynamicKeys } from './index.js';
import { BUNYAN, NEST, PINO, WINSTON, runLogRuleTests } from '../fixtures/log-rule-tester.js';

const dynamicKey = (column?: number) => ({ messageId: 'dynamicKey', ...(column ? { column } : {}) });

runLogRuleTests(
  noDynamicKeys,
  {
    valid: [
      `${PINO} logger.info({ field: k, value: v }, 'setting changed')`,
      `${PINO} logger.info({ ['user-id']: id }, 'x')`,
      `${PINO} const FIELD = 'userId'; logger.info({ [FIELD]: id }, 'x')`,
      `${PINO} const field = 'userId'; logger.info({ [field]: id }, 'x')`,
      `${PINO} logger.info({ [Fields.userId]: id, [pino.symbols.messageKey]: 'x' }, 'x')`,
      `${WINSTON} logger.info('x', { [\`static\`]: 1 })`,
      `${BUNYAN} log.info({ [Symbol.for('x')]: 1 }, 'x')`,
      `${NEST} logger.log({ message: 'x' })`,
      'const o = { [k]: v }; notALogger.info(o)',
    ],
    invalid: [
      { code: `${PINO} logger.info({ [key]: value }, 'setting changed')`, errors: [dynamicKey(64)] },
      { code: `${PINO} logger.info({ ctx: { [\`attr_\${name}\`]: v } }, 'x')`, errors: [dynamicKey()] },
      { code: `${WINSTON} logger.info('x', { [metricName]: count })`, errors: [dynamicKey()] },
      { code: `${WINSTON} logger.log({ level: 'info', message: 'x', [k]: v })`, errors: [dynamicKey()] },
      { code: `${BUNYAN} log.info({ [req.params.name]: 1 }, 'x')`, errors: [dynamicKey()] },
      { code: 'function f(name) { console.log({ [name]: 1 }) }', errors: [dynamicKey()] },
      { code: 'let field = "a"; field = next(); logger.info({ [field]: 1 })', errors: [dynamicKey()] },
    ],
  },
  { invalid: [{ code: 'function f(k: string) { logger.info({ [k as string]: 1 }, "x") }', errors: [dynamicKey()] }] },
);
