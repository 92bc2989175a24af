import { pinoSwallowedArgs } from './index.js';
import { BUNYAN, NEST, PINO, WINSTON, runLogRuleTests } from '../fixtures/log-rule-tester.js';

const swallowed = (placeholders: number, args: number, method = 'info', column?: number) => ({
  messageId: 'swallowed',
  data: { placeholders, args, method },
  ...(column ? { column } : {}),
});

runLogRuleTests(
  pinoSwallowedArgs,
  {
    valid: [
      `${PINO} logger.info({ userId }, 'user logged in')`,
      `${PINO} logger.info('user %s logged in from %s', id, ip)`,
      `${PINO} logger.info({ userId }, 'user %s logged in', id)`,
      `${PINO} logger.error(err, 'failed')`,
      `${PINO} logger.info('100%% done')`,
      `${PINO} logger.info(message, extra)`,
      `${PINO} logger.info('value %j', obj)`,
      // other libraries append or keep extra arguments
      `${WINSTON} logger.info('user logged in', { userId })`,
      `${BUNYAN} log.info('user logged in', id)`,
      `${NEST} logger.log('started', 'Bootstrap')`,
      "console.log('user', id)",
      'logger.info("user", id)',
      "import Fastify from 'fastify'; const app = Fastify(); app.get('/', (request) => { request.log.info({ id }, 'hit') })",
    ],
    invalid: [
      { code: `${PINO} logger.error('request failed', err)`, errors: [swallowed(0, 1, 'error', 80)] },
      { code: `${PINO} logger.info({ userId }, 'user %s logged in', id, ip)`, errors: [swallowed(1, 2)] },
      { code: `${PINO} logger.info(\`100%% of \${n}\`, extra)`, errors: [swallowed(0, 1)] },
      { code: "import pino from 'pino'; const log = pino().child({ module: 'x' }); log.warn('slow', ms)", errors: [swallowed(0, 1, 'warn')] },
      { code: "const pino = require('pino'); const logger = pino(); logger.info('a', 1, 2)", errors: [swallowed(0, 2)] },
      { code: "import Fastify from 'fastify'; const app = Fastify(); app.get('/', (request) => { request.log.info('hit', request.id) })", errors: [swallowed(0, 1)] },
      { code: "import Fastify from 'fastify'; const fastify = Fastify(); fastify.log.info('listening on', port)", errors: [swallowed(0, 1)] },
    ],
  },
  {
    invalid: [
      { code: "import type { Logger } from 'pino'; export function run(log: Logger) { log.info('done', result) }", errors: [swallowed(0, 1)] },
      {
        code: "import { PinoLogger } from 'nestjs-pino'; class S { constructor(private readonly logger: PinoLogger) {} run() { this.logger.info('done', 1) } }",
        errors: [swallowed(0, 1)],
      },
    ],
  },
);
