import { structuredMessage } from './index.js';
import { BUNYAN, NEST, PINO, WINSTON, runLogRuleTests } from '../fixtures/log-rule-tester.js';

const dynamic = (how: string) => ({ messageId: 'dynamic', data: { how } });
const TEMPLATE = 'a template literal with expressions';
const suggest = (replacement: string, output: string) => [{ messageId: 'useFields', data: { replacement }, output }];

runLogRuleTests(
  structuredMessage,
  {
    valid: [
      'logger.info("user logged in")',
      'logger.info({ userId }, "user logged in")',
      `${PINO} logger.info({ userId: id }, 'user %s logged in', id)`,
      'logger.info(`constant template`)',
      'logger.info(sql`select ${x}`)',
      'logger.info("a" + "b")',
      `${WINSTON} logger.log('info', 'started', { port })`,
      `${WINSTON} logger.info('user %s logged in', id)`,
      `${BUNYAN} log.info({ userId }, 'user logged in')`,
      `${NEST} logger.log('started', 'Bootstrap')`,
      "console.log('user %s logged in', id)",
      'notes.info(`user ${id}`)',
      'metrics.info(`x ${y}`)',
      'logger.info({ msg: "constant" })',
      'logger.info(prefix.concat)',
    ],
    invalid: [
      { code: 'logger.info(`user ${id} logged in`)', errors: [{ ...dynamic(TEMPLATE), line: 1, column: 13 }] },
      { code: 'console.log("user " + id + " logged in")', errors: [{ ...dynamic('string concatenation'), column: 13 }] },
      { code: "import util from 'node:util'; logger.warn(util.format('user %s', id))", errors: [dynamic('util.format')] },
      {
        code: `${PINO} logger.info({ userId }, \`user \${userId} logged in\`)`,
        errors: [{ ...dynamic(TEMPLATE), column: 73 }],
      },
      {
        code: `${PINO} logger.info(\`user \${id} logged in\`)`,
        errors: [{ ...dynamic(TEMPLATE), suggestions: suggest("{ id }, 'user logged in'", `${PINO} logger.info({ id }, 'user logged in')`) }],
      },
      {
        code: `${PINO} logger.warn(\`order \${order.id} failed: \${reason}\`)`,
        errors: [{ ...dynamic(TEMPLATE), suggestions: suggest("{ orderId: order.id, reason }, 'order failed'", `${PINO} logger.warn({ orderId: order.id, reason }, 'order failed')`) }],
      },
      {
        code: "import pino from 'pino'; const log = pino(); const child = log.child({ a: 1 }); child.info(`user=${this.userId} in`)",
        errors: [{ ...dynamic(TEMPLATE), suggestions: suggest("{ userId: this.userId }, 'user in'", "import pino from 'pino'; const log = pino(); const child = log.child({ a: 1 }); child.info({ userId: this.userId }, 'user in')") }],
      },
      {
        code: `${WINSTON} logger.info(\`user \${id} logged in\`)`,
        errors: [{ ...dynamic(TEMPLATE), suggestions: suggest("'user logged in', { id }", `${WINSTON} logger.info('user logged in', { id })`) }],
      },
      {
        code: `${WINSTON} logger.log('warn', \`disk \${pct} percent full\`)`,
        errors: [{ ...dynamic(TEMPLATE), suggestions: suggest("'disk percent full', { pct }", `${WINSTON} logger.log('warn', 'disk percent full', { pct })`) }],
      },
      // no suggestion: a call expression in the template, an existing fields argument, an unknown library
      { code: `${WINSTON} logger.info(\`user \${getId()} logged in\`)`, errors: [dynamic(TEMPLATE)] },
      { code: `${WINSTON} logger.info(\`user \${id} logged in\`, { ip })`, errors: [dynamic(TEMPLATE)] },
      { code: `${WINSTON} logger.log({ level: 'info', message: \`hello \${name}\` })`, errors: [dynamic(TEMPLATE)] },
      { code: 'this.logger.error("failed: ".concat(reason))', errors: [dynamic('.concat()')] },
      {
        code: `${BUNYAN} log.child({ a: 1 }).info(\`x \${y}\`)`,
        errors: [{ ...dynamic(TEMPLATE), suggestions: suggest("{ y }, 'x'", `${BUNYAN} log.child({ a: 1 }).info({ y }, 'x')`) }],
      },
      { code: `${NEST} logger.log(\`started on \${port}\`)`, errors: [dynamic(TEMPLATE)] },
      { code: "import { Logger } from '@nestjs/common'; Logger.log(`started on ${port}`, 'Bootstrap')", errors: [dynamic(TEMPLATE)] },
    ],
  },
  {
    valid: ['const m: string = "x"; logger.info(m as string)'],
    invalid: [
      {
        code: "import { Logger } from '@nestjs/common'; class S { constructor(private readonly logger: Logger) {} run(id: string) { this.logger.info(`run ${id}`); } }",
        errors: [dynamic(TEMPLATE)],
      },
      {
        code: "import { PinoLogger } from 'nestjs-pino'; class S { constructor(private readonly log: PinoLogger) {} run(id: string) { this.log.info(`run ${id}`); } }",
        errors: [{ ...dynamic(TEMPLATE), suggestions: suggest("{ id }, 'run'", "import { PinoLogger } from 'nestjs-pino'; class S { constructor(private readonly log: PinoLogger) {} run(id: string) { this.log.info({ id }, 'run'); } }") }],
      },
    ],
  },
);
