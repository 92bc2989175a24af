import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const PACKAGES = ['packages/core', 'rules', 'packages/eslint-plugin', 'packages/cli'];

/**
 * The packed tarballs of all packages, installed with npm into an empty directory, give a working
 * `npx obslint` (no workspace paths at run time). Needs the npm registry for third-party dependencies.
 */
describe('published packages', () => {
  it('npm install of the packed tarballs gives a working npx obslint', () => {
    const work = mkdtempSync(join(tmpdir(), 'obslint-pack-'));
    const tgz = join(work, 'tgz');
    // pnpm sets npm_execpath to itself when it runs the tests; fall back to pnpm on PATH.
    const execPath = process.env.npm_execpath;
    const [cmd, pre] = execPath && /pnpm/.test(execPath) ? [process.execPath, [execPath]] : ['pnpm', []];
    for (const p of PACKAGES) {
      execFileSync(cmd, [...pre, 'pack', '--pack-destination', tgz], { cwd: join(root, p), stdio: 'pipe' });
    }
    const tarballs = readdirSync(tgz).map((f) => join(tgz, f));
    expect(tarballs).toHaveLength(4);
    const app = join(work, 'app');
    cpSync(join(root, 'examples', 'demo'), join(app, 'demo'), { recursive: true });
    writeFileSync(join(app, 'package.json'), JSON.stringify({ name: 'pack-smoke', private: true, type: 'module' }));
    execFileSync('npm', ['install', '--no-audit', '--no-fund', '--loglevel=error', ...tarballs], { cwd: app, stdio: 'pipe', timeout: 240_000 });
    const version = execFileSync('npx', ['--no-install', 'obslint', '--version'], { cwd: app, encoding: 'utf8' });
    expect(version.trim()).toMatch(/^\d+\.\d+\.\d+$/);
    let out = '';
    try {
      execFileSync('npx', ['--no-install', 'obslint', 'demo', '-f', 'json'], { cwd: app, encoding: 'utf8' });
    } catch (e) {
      const err = e as { status: number; stdout: string };
      expect(err.status).toBe(1); // the demo has error findings
      out = err.stdout;
    }
    const ids = new Set((JSON.parse(out) as Array<{ messages: Array<{ ruleId: string }> }>).flatMap((r) => r.messages.map((m) => m.ruleId)));
    for (const id of ['dashboard/max-panels', 'alert/missing-for', 'metric/generic-name', 'log/structured-message']) expect(ids).toContain(id);
  }, 300_000);
});
