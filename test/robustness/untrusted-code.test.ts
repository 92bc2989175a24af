import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { parseJsonOutput, runCli, tempRepo } from '../../packages/cli/test/helpers.js';

/** A repository from a fork must not be able to run code through obslint's config. */
const PLUGIN = `
import { writeFileSync } from 'node:fs';
writeFileSync(new URL('./plugin-ran', import.meta.url), 'x');
export const rules = [{
  kind: 'document',
  meta: { id: 'acme/no-foo', domain: 'dashboard', description: 'No foo.', severity: 'error', preset: 'recommended', messages: { foo: 'foo found' }, defaultOptions: {} },
  create: (ctx) => ({ dashboard(d) { ctx.report({ messageId: 'foo', at: d.ref, entity: d.entity }); } }),
}];
`;
const JS_CONFIG = `import { writeFileSync } from 'node:fs';\nwriteFileSync(new URL('./config-ran', import.meta.url), 'x');\nexport default { rules: { 'dashboard/max-panels': 'off' } };\n`;
const DASH = JSON.stringify({ title: 'D', schemaVersion: 39, panels: [] });

describe('untrusted repositories', () => {
  it('obslint.config.mjs and a plugin path do not run without --allow-code', async () => {
    const withPlugin = tempRepo({ 'obslint.config.yaml': 'plugins: ["./plugin.mjs"]\n', 'plugin.mjs': PLUGIN, 'd.json': DASH });
    const run = await runCli(['.'], withPlugin);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('plugins run code and are loaded only with --allow-code');
    expect(existsSync(join(withPlugin, 'plugin-ran'))).toBe(false);

    const withJsConfig = tempRepo({ 'obslint.config.mjs': JS_CONFIG, 'd.json': DASH });
    const run2 = await runCli(['.'], withJsConfig);
    expect(run2.code).toBe(0);
    expect(run2.stderr).toContain('JavaScript configs run code and are not loaded');
    expect(existsSync(join(withJsConfig, 'config-ran'))).toBe(false);
    const run3 = await runCli(['.', '--config', 'obslint.config.mjs'], withJsConfig);
    expect(run3.code).toBe(2);
    expect(existsSync(join(withJsConfig, 'config-ran'))).toBe(false);
  });

  it('with --allow-code, the plugin and the JavaScript config are loaded', async () => {
    const withPlugin = tempRepo({ 'obslint.config.yaml': 'plugins: ["./plugin.mjs"]\n', 'plugin.mjs': PLUGIN, 'd.json': DASH });
    const run = await runCli(['.', '--allow-code', '-f', 'json'], withPlugin);
    expect(existsSync(join(withPlugin, 'plugin-ran'))).toBe(true);
    expect(parseJsonOutput(run.stdout).flatMap((r) => r.messages.map((m) => m.ruleId))).toContain('acme/no-foo');
    expect(run.code).toBe(1);

    const withJsConfig = tempRepo({ 'obslint.config.mjs': JS_CONFIG, 'd.json': DASH });
    await runCli(['.', '--allow-code'], withJsConfig);
    expect(existsSync(join(withJsConfig, 'config-ran'))).toBe(true);
  });

  it('linting makes no network connection without --prometheus-url', async () => {
    const net = await import('node:net');
    const original = net.Socket.prototype.connect;
    const attempts: unknown[] = [];
    net.Socket.prototype.connect = function (this: unknown, ...args: unknown[]) {
      attempts.push(args[0]);
      return (original as (...a: unknown[]) => unknown).apply(this, args);
    } as typeof original;
    const originalFetch = globalThis.fetch;
    globalThis.fetch = (async (...a: unknown[]) => {
      attempts.push(a[0]);
      throw new Error('network used');
    }) as typeof fetch;
    try {
      const run = await runCli(['examples/demo', '-f', 'json']);
      expect(run.stderr).not.toMatch(/internal error/);
    } finally {
      net.Socket.prototype.connect = original;
      globalThis.fetch = originalFetch;
    }
    expect(attempts).toEqual([]);
  });
});
