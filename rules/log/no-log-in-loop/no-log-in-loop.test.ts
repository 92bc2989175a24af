import { noLogInLoop } from './index.js';
import { BUNYAN, NEST, PINO, WINSTON, runLogRuleTests } from '../fixtures/log-rule-tester.js';

const inLoop = (level: string, line = 1) => ({ messageId: 'inLoop', data: { level, line } });

runLogRuleTests(
  noLogInLoop,
  {
    valid: [
      `${PINO} for (const item of items) { process(item) } logger.info({ count: items.length }, 'processed')`,
      `${PINO} for (const item of items) { logger.debug({ item }, 'processing') }`,
      `${WINSTON} for (const item of items) { logger.log('debug', 'processing', { item }) }`,
      `${BUNYAN} for (const item of items) { log.trace({ item }, 'processing') }`,
      `${NEST} for (const item of items) { logger.verbose('processing') }`,
      // guarded, sampled or rare branches
      `${PINO} for (let i = 0; i < n; i++) { if (i % 1000 === 0) logger.info({ i }, 'progress') }`,
      `${PINO} for (const item of items) { try { process(item) } catch (err) { logger.warn({ err }, 'skipped') } }`,
      `${PINO} while (running) { const ok = step(); ok || logger.warn('step failed') }`,
      `${PINO} for (const item of items) { switch (item.kind) { case 'x': logger.info('x'); break } }`,
      // a callback defined in a loop does not run per iteration by itself
      `${PINO} for (const s of servers) { s.on('close', () => logger.info('closed')) }`,
      // a small literal list is bounded
      "for (const signal of ['SIGINT', 'SIGTERM']) { logger.info({ signal }, 'listening') }",
      'for (const item of items) { process(item) }',
      // the call runs once: the loop is left right after it
      `${PINO} for (;;) { try { await step(); logger.info('finished'); break } catch (err) { retry() } }`,
      `${PINO} function find(xs) { for (const x of xs) { if (match(x)) { logger.info({ x }, 'found'); return x } } }`,
      `${PINO} for (const x of xs) { if (!x) { continue } logger.info({ x }, 'first'); logger.info({ x }, 'only'); throw new Error('stop') }`,
      // sequential asynchronous work: one line per awaited step is progress reporting
      `${PINO} async function restart(workers) { for (const w of workers) { logger.info({ id: w.id }, 'restarting worker'); await w.restart() } }`,
    ],
    invalid: [
      { code: `${PINO} for (const item of items) { logger.info({ item }, 'processing') }`, errors: [{ ...inLoop('info'), column: 77 }] },
      { code: `${WINSTON} for (const k in map) logger.warn('key', { k })`, errors: [inLoop('warn')] },
      { code: `${WINSTON} while (queue.length) { logger.log('info', 'job', { id: queue.pop() }) }`, errors: [inLoop('info')] },
      { code: `${BUNYAN} do { log.error('retry') } while (again())`, errors: [inLoop('error')] },
      { code: `${NEST} for (let i = 0; i < rows.length; i++) { try { logger.log('row') } finally { done() } }`, errors: [inLoop('info')] },
      { code: 'for (const u of users) {\n  console.log(u.name)\n}', errors: [{ ...inLoop('info'), line: 2 }] },
      { code: "for (const x of ['a', 'b']) { logger.info('x') }", options: [{ maxLiteralItems: 1 }], errors: [inLoop('info')] },
      // for await over a stream: volume follows the data
      { code: `${PINO} async function consume(stream) { for await (const msg of stream) { logger.info({ id: msg.id }, 'message'); await handle(msg) } }`, errors: [inLoop('info')] },
      // a break in a nested block does not leave on every path
      { code: `${PINO} for (const x of xs) { logger.info({ x }, 'checking'); if (done(x)) { break } }`, errors: [inLoop('info')] },
    ],
  },
  { invalid: [{ code: 'for (const item of items as string[]) { logger.info(item!) }', errors: [inLoop('info')] }] },
);
