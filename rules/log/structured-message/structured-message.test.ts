import { RuleTester } from 'eslint';
import tseslint from 'typescript-eslint';
import { structuredMessage } from './index.js';
import type { Rule } from 'eslint';

const rule = structuredMessage.eslint as Rule.RuleModule;
const js = new RuleTester({ languageOptions: { ecmaVersion: 'latest', sourceType: 'module' } });
const ts = new RuleTester({ languageOptions: { parser: tseslint.parser as never } });

const dynamic = (how: string) => ({ messageId: 'dynamic', data: { how } });

const valid = [
  'logger.info("user logged in")',
  'logger.info({ userId }, "user logged in")',
  "import pino from 'pino'; const log = pino(); log.info({ userId: id }, 'user %s logged in', id)",
  'logger.info(`constant template`)',
  'logger.info(sql`select ${x}`)',
  'logger.info("a" + "b")',
  "import winston from 'winston'; const logger = winston.createLogger(); logger.log('info', 'started', { port })",
  'notes.info(`user ${id}`)',
  'metrics.info(`x ${y}`)',
  'logger.info({ msg: "constant" })',
];

const invalid = [
  { code: 'logger.info(`user ${id} logged in`)', errors: [{ ...dynamic('a template literal with expressions'), line: 1, column: 13 }] },
  { code: 'console.log("user " + id + " logged in")', errors: [{ ...dynamic('string concatenation'), column: 13 }] },
  { code: "import util from 'node:util'; logger.warn(util.format('user %s', id))", errors: [dynamic('util.format')] },
  { code: "import pino from 'pino'; const log = pino(); log.info({ userId }, `user ${userId} logged in`)", errors: [{ ...dynamic('a template literal with expressions'), column: 67 }] },
  { code: "import winston from 'winston'; const logger = winston.createLogger(); logger.log('warn', `disk ${pct}% full`)", errors: [dynamic('a template literal with expressions')] },
  { code: "import winston from 'winston'; const logger = winston.createLogger(); logger.log({ level: 'info', message: `hello ${name}` })", errors: [dynamic('a template literal with expressions')] },
  { code: 'this.logger.error("failed: ".concat(reason))', errors: [dynamic('.concat()')] },
  { code: "import bunyan from 'bunyan'; const log = bunyan.createLogger({ name: 'x' }); log.child({ a: 1 }).info(`x ${y}`)", errors: [dynamic('a template literal with expressions')] },
  { code: "import { Logger } from '@nestjs/common'; const logger = new Logger('App'); logger.log(`started on ${port}`)", errors: [dynamic('a template literal with expressions')] },
];

describe('log/structured-message (JS)', () => {
  js.run('log/structured-message', rule, { valid, invalid });
});

describe('log/structured-message (TS)', () => {
  ts.run('log/structured-message', rule, {
    valid: [...valid, 'const m: string = "x"; logger.info(m as string)'],
    invalid: [
      ...invalid,
      { code: 'class S { constructor(private readonly logger: Logger) {} run(id: string) { this.logger.info(`run ${id}`); } }', errors: [dynamic('a template literal with expressions')] },
    ],
  });
});
