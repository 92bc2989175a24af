import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { SourceFile, resolveConfig } from '@obslint/core';
import { builtinRules } from '@obslint/rules';
import { createCodeFileLinter } from '../src/code-lint.js';
import { codeEntities } from '../src/code-entity.js';
import { REPO_ROOT, tempRepo } from './helpers.js';

const ROOT = '/repo';
const config = resolveConfig({}, builtinRules, { baseDir: ROOT });
const file = (relPath: string, text: string) => new SourceFile(`${ROOT}/${relPath}`, relPath, text);

const SERVICE = `import client from 'prom-client';
const logger = console;
export const orders = new client.Counter({ name: 'shop_orders_total', help: 'Orders.', labelNames: ['status'] });
export class Shop {
  pay(order: { id: string }) {
    logger.info(\`paid \${order.id}\`);
  }
}
export const handler = async (id: string) => {
  try { orders.inc({ status: 'ok' }); } catch (err) { logger.error('failed', err); throw err; }
  logger.warn('user ' + id);
};
`;

describe('the code file linter (ESLint, one file at a time, in the per-file phase)', () => {
  it('reports obslint findings with rule, message, location and entity, and gives the program it parsed', async () => {
    const lint = await createCodeFileLinter(config, { cwd: ROOT });
    const { findings, program } = lint(file('src/shop.ts', SERVICE));
    expect(findings.map((f) => `${f.ruleId} ${f.line}:${f.column} ${f.entity}`)).toEqual([
      'log/structured-message 6:17 code:Shop.pay/logger.info(`paid ${order.id}`)',
      'log/no-log-and-throw 10:55 code:handler/logger.error("failed",err)',
      'log/structured-message 11:15 code:handler/logger.warn("user "+id)',
    ]);
    expect(findings.every((f) => f.origin === 'code' && f.relPath === 'src/shop.ts' && f.severity === 'warning')).toBe(true);
    expect(findings[0].message).toMatch(/template literal/);
    // The metric index reads this program (its ranges locate the counter's definition).
    expect(program?.type).toBe('Program');
    expect(program?.range).toEqual([0, SERVICE.length]);
  });

  it('takes the entities from the TypeScript tree ESLint parsed: the same as parsing the file again (fingerprints do not change)', async () => {
    const lint = await createCodeFileLinter(config, { cwd: ROOT });
    for (const path of ['src/shop.ts', 'src/shop.tsx', 'src/shop.js']) {
      // JavaScript (espree's tree, no TypeScript one): the entities parse the file themselves, as before.
      const text = path.endsWith('.js') ? SERVICE.replace(/: \{ id: string \}|: string/g, '') : SERVICE;
      const { findings } = lint(file(path, text));
      expect(findings.length, path).toBe(3);
      expect(findings.map((f) => f.entity), path).toEqual(codeEntities(text, `${ROOT}/${path}`, findings));
    }
  });

  it('a file that does not parse is one parse-error finding and no program', async () => {
    const lint = await createCodeFileLinter(config, { cwd: ROOT });
    expect(lint(file('src/ok.ts', SERVICE)).program).toBeDefined();
    const { findings, program } = lint(file('src/broken.ts', 'export function f( {\n'));
    expect(program).toBeUndefined();
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({ ruleId: 'parse-error', severity: 'error', line: 2, origin: 'tool', relPath: 'src/broken.ts' });
    expect(findings[0].message).toMatch(/^Cannot parse: /);
  });

  it('a file made code by the config whatever its extension (kinds: *.es6) is linted as JavaScript', async () => {
    const lint = await createCodeFileLinter(config, { cwd: ROOT });
    const { findings, program } = lint(file('legacy/app.es6', 'const logger = console;\nlogger.info(`x ${y}`);\n'));
    expect(findings.map((f) => `${f.ruleId} ${f.line}:${f.column}`)).toEqual(['log/structured-message 2:13']);
    expect(program?.type).toBe('Program');
  });

  it('a rule turned off for an entity drops its findings there', async () => {
    const scoped = resolveConfig({ overrides: [{ files: ['src/**'], entities: ['code:handler/*'], rules: { 'log/structured-message': 'off' } }] } as never, builtinRules, { baseDir: ROOT });
    const lint = await createCodeFileLinter(scoped, { cwd: ROOT });
    expect(lint(file('src/shop.ts', SERVICE)).findings.map((f) => `${f.ruleId} ${f.line}`)).toEqual(['log/structured-message 6', 'log/no-log-and-throw 10']);
  });

  it('a run over JavaScript without findings never loads TypeScript (0.3 s); one over TypeScript does', () => {
    /** Runs the CLI in a fresh process over `dir`; how many copies of TypeScript it loaded. */
    const typescriptLoads = (dir: string) => {
      const script = `
        import { createRequire } from 'node:module';
        const { main } = await import(${JSON.stringify(pathToFileURL(join(REPO_ROOT, 'packages/cli/dist/index.js')).href)});
        const code = await main({ argv: ['.', '-f', 'json', '-o', 'out.json'], cwd: process.cwd(), stdout: process.stdout, stderr: process.stderr, env: {} });
        const loaded = Object.keys(createRequire(import.meta.url).cache).filter((k) => /[\\\\/]typescript[\\\\/]lib[\\\\/]typescript\\.js$/.test(k));
        console.log(JSON.stringify({ code, loaded: loaded.length }));`;
      const r = spawnSync(process.execPath, ['--input-type=module', '-e', script], { cwd: dir, encoding: 'utf8' });
      expect(r.stderr).toBe('');
      return JSON.parse(r.stdout.trim().split('\n').pop()!) as { code: number; loaded: number };
    };
    const js = "const logger = require('pino')();\nmodule.exports = (id) => logger.info({ id }, 'user logged in');\n";
    expect(typescriptLoads(tempRepo({ 'src/app.js': js }))).toEqual({ code: 0, loaded: 0 });
    expect(typescriptLoads(tempRepo({ 'src/app.ts': js.replace('(id)', '(id: string)') }))).toEqual({ code: 0, loaded: 1 });
  });
});
