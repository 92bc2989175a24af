import { noLogAndThrow } from './index.js';
import { BUNYAN, NEST, PINO, WINSTON, runLogRuleTests } from '../fixtures/log-rule-tester.js';

const logAndThrow = (name: string, line = 1) => ({ messageId: 'logAndThrow', data: { name, line } });

runLogRuleTests(
  noLogAndThrow,
  {
    valid: [
      // wrapped with cause: a different error
      `${PINO} try { run() } catch (err) { logger.error({ err }, 'run failed'); throw new RunError('run failed', { cause: err }) }`,
      // handled, not rethrown
      `${PINO} function f() { try { run() } catch (err) { logger.error({ err }, 'run failed'); return null } }`,
      // rethrown without logging
      `${WINSTON} try { run() } catch (err) { cleanup(); throw err }`,
      // the log and the rethrow are on different paths
      `${WINSTON} function f() { try { run() } catch (err) { if (isExpected(err)) { logger.warn('expected', err); return } throw err } }`,
      // debug level is not reporting
      `${BUNYAN} try { run() } catch (err) { log.debug({ err }, 'retrying'); throw err }`,
      // a log in a nested callback does not run before the rethrow
      `${PINO} try { run() } catch (err) { setTimeout(() => logger.error({ err }, 'late')); throw err }`,
      // an info log that does not mention the error
      `${NEST} try { run() } catch (err) { logger.log('cleaning up'); throw err }`,
      // rethrow before the log
      `${PINO} try { run() } catch (err) { if (fatal) throw err; logger.error({ err }, 'ignored') }`,
    ],
    invalid: [
      { code: `${PINO} try { run() } catch (err) { logger.error({ err }, 'run failed'); throw err }`, errors: [{ ...logAndThrow('err'), column: 77 }] },
      { code: `${WINSTON} try { run() } catch (e) { logger.warn('run failed', e); throw e }`, errors: [logAndThrow('e')] },
      { code: `${BUNYAN} try {\n  run()\n} catch (err) {\n  log.error(err, 'failed')\n  if (!retry) {\n    throw err\n  }\n}`, errors: [{ ...logAndThrow('err', 6), line: 4 }] },
      { code: `${NEST} try { run() } catch (err) { logger.error('run failed', err.stack); throw err }`, errors: [logAndThrow('err')] },
      { code: "try { run() } catch (err) { console.error('failed'); throw err }", errors: [logAndThrow('err')] },
      { code: "async function f() { try { await run() } catch (error) { this.logger.error(`failed: ${error.message}`); throw error } }", errors: [logAndThrow('error')] },
    ],
  },
  {
    invalid: [{ code: 'try { run() } catch (err: unknown) { logger.error({ err }, "failed"); throw err as Error }', errors: [logAndThrow('err')] }],
  },
);
