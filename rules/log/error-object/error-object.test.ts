import { errorObject } from './index.js';
import { BUNYAN, NEST, PINO, WINSTON, runLogRuleTests } from '../fixtures/log-rule-tester.js';

const stringified = (name: string, how: string, hint: string) => ({ messageId: 'stringified', data: { name, how, hint } });
const HINT = {
  pino: 'logger.error({ err }, "…")',
  winston: 'logger.error("…", err) with format.errors({ stack: true })',
  bunyan: 'log.error({ err }, "…")',
  nestjs: 'this.logger.error("…", err.stack)',
  console: 'console.error("…", err)',
  generic: 'pass the error object itself as a field',
};

runLogRuleTests(
  errorObject,
  {
    valid: [
      `${PINO} try { run() } catch (err) { logger.error({ err }, 'run failed') }`,
      `${PINO} try { run() } catch (e) { logger.error(e, 'run failed') }`,
      `${PINO} try { run() } catch (e) { logger.error({ err: e, id }, \`run \${e.message}\`) }`,
      `${WINSTON} try { run() } catch (err) { logger.error('run failed', err) }`,
      `${WINSTON} try { run() } catch (error) { logger.error('run failed', { error }) }`,
      `${BUNYAN} try { run() } catch (err) { log.error(err, 'run failed') }`,
      `${NEST} try { run() } catch (err) { logger.error(\`run failed: \${err.message}\`, err.stack) }`,
      "try { run() } catch (err) { console.error('run failed', err) }",
      // not errors: a loop variable named e, a string named error, a response field
      'for (const e of entries) logger.info(`entry ${e}`)',
      "const error = validate(input); if (error) logger.warn(`invalid input: ${error}`)",
      'const { error } = await res.json(); logger.warn({ reason: error.message }, "api refused")',
      'try { run() } catch (err) { logger.error({ code: err.code }, "run failed") }',
    ],
    invalid: [
      { code: `${PINO} try { run() } catch (err) { logger.error(\`run failed: \${err}\`) }`, errors: [{ ...stringified('err', 'a template literal', HINT.pino), column: 105 }] },
      { code: `${PINO} try { run() } catch (e) { logger.error({ reason: e.message }, 'run failed') }`, errors: [stringified('e', 'e.message', HINT.pino)] },
      { code: `${PINO} promise.catch((reason) => logger.warn(String(reason)))`, errors: [stringified('reason', 'String()', HINT.pino)] },
      { code: `${WINSTON} try { run() } catch (err) { logger.error('run failed: ' + err) }`, errors: [stringified('err', 'string concatenation', HINT.winston)] },
      { code: `${WINSTON} try { run() } catch (err) { logger.log('error', err.message) }`, errors: [stringified('err', 'err.message', HINT.winston)] },
      { code: `${BUNYAN} try { run() } catch (err) { log.error(err.toString()) }`, errors: [stringified('err', '.toString()', HINT.bunyan)] },
      { code: `${NEST} try { run() } catch (err) { logger.error(\`run failed: \${err.message}\`) }`, errors: [stringified('err', 'err.message', HINT.nestjs)] },
      { code: 'try { run() } catch (err) { console.error(JSON.stringify(err)) }', errors: [stringified('err', 'JSON.stringify() (an Error serialises to "{}")', HINT.console)] },
      { code: "emitter.on('error', (e) => logger.error(`emitter: ${e}`))", errors: [stringified('e', 'a template literal', HINT.generic)] },
      { code: "const dbError = new Error('x'); logger.error('db: ' + dbError)", errors: [stringified('dbError', 'string concatenation', HINT.generic)] },
    ],
  },
  {
    valid: ['function report(e: string) { logger.warn(`problem: ${e}`) }'],
    invalid: [
      { code: 'function report(problem: Error) { logger.error(`failed: ${problem}`) }', errors: [stringified('problem', 'a template literal', HINT.generic)] },
      { code: 'try { run() } catch (err: unknown) { logger.error(`failed: ${(err as Error).message}`) }', errors: [stringified('err', 'err.message', HINT.generic)] },
    ],
  },
);
