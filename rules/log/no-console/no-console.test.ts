import { join } from 'node:path';
import { noConsole } from './index.js';
import { runLogRuleTests } from '../fixtures/log-rule-tester.js';

const at = (rel: string) => join(process.cwd(), rel);
const consoleCall = (method: string, column?: number) => ({ messageId: 'console', data: { method }, ...(column ? { column } : {}) });

runLogRuleTests(
  noConsole,
  {
    valid: [
      { code: 'console.log("done")', filename: at('bin/migrate.js') },
      { code: 'console.log("done")', filename: at('packages/tool/bin/run.js') },
      { code: 'console.log("seeded")', filename: at('scripts/seed.js') },
      { code: 'console.error("usage")', filename: at('packages/app/src/cli/main.js') },
      { code: 'console.error("usage")', filename: at('src/cli.js') },
      { code: 'console.log(result)', filename: at('src/order.test.js') },
      { code: 'console.log(result)', filename: at('test/helpers.js') },
      { code: 'console.log(result)', filename: at('src/__tests__/order.js') },
      { code: '#!/usr/bin/env node\nconsole.log("hello")', filename: at('src/tool.js') },
      { code: 'console.log("x")', filename: at('tools/gen.js'), options: [{ allow: ['tools/**'] }] },
      { code: 'function f(console) { console.log("x") }', filename: at('src/a.js') },
      { code: 'const console = makeConsole(); console.info("x")', filename: at('src/a.js') },
      { code: 'logger.info("x")', filename: at('src/a.js') },
      { code: 'console.log(...args)', filename: at('src/shared/logger.js') },
      { code: 'console.log("init")', filename: at('dist/commands/develop.js') },
      // the code already opted into console through ESLint's core rule
      { code: 'console.log(table) // eslint-disable-line no-console -- debugging', filename: at('src/a.js') },
      { code: '// eslint-disable-next-line no-console\nconsole.warn("x")', filename: at('src/a.js') },
      { code: '/* eslint-disable no-console */\nconsole.warn("x")\nconsole.info("y")', filename: at('src/a.js') },
    ],
    invalid: [
      { code: 'console.log("order created")', filename: at('src/order.js'), errors: [consoleCall('log', 1)] },
      { code: 'function f() { console.error("failed", err) }', filename: at('src/order.js'), errors: [consoleCall('error', 16)] },
      { code: 'console.warn("x"); console.table(rows)', filename: at('lib/a.js'), errors: [consoleCall('warn'), consoleCall('table')] },
      { code: 'console.log("x")', filename: at('scripts/seed.js'), options: [{ allow: [] }], errors: [consoleCall('log')] },
      { code: '// eslint-disable-next-line no-console\nconsole.warn("x")\nconsole.info("y")', filename: at('src/a.js'), errors: [{ ...consoleCall('info'), line: 3 }] },
      { code: '/* eslint-disable no-console */ console.warn("x") /* eslint-enable no-console */\nconsole.info("y")', filename: at('src/a.js'), errors: [{ ...consoleCall('info'), line: 2 }] },
      { code: 'console.log(x) // eslint-disable-line no-alert', filename: at('src/a.js'), errors: [consoleCall('log')] },
    ],
  },
  {
    invalid: [{ code: 'export class A { run(): void { console.info(`x`); } }', filename: at('src/a.ts'), errors: [consoleCall('info', 32)] }],
  },
);
