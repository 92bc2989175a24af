import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli, tempRepo } from './helpers.js';

// The CLI users run is bin/obslint.js, which loads the bundle (packages/cli/bundle, made by `pnpm build`).
// These tests run it as a child process and hold its output to the in-process run of the sources.
const repoRoot = resolve(import.meta.dirname, '../../..');
const bin = join(repoRoot, 'packages/cli/bin/obslint.js');
const bundleEntry = join(repoRoot, 'packages/cli/bundle/index.js');

function runBin(argv: string[], cwd: string) {
  const r = spawnSync(process.execPath, [bin, ...argv], { cwd, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1', CI: '' }, maxBuffer: 1 << 26 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('the bundled CLI (bin/obslint.js)', () => {
  it('is built and current (otherwise the bin runs dist/ with a note, and nothing here tests the bundle)', () => {
    expect(existsSync(bundleEntry), 'no bundle: run `pnpm build` (tsc -b, then packages/cli/scripts/bundle.mjs)').toBe(true);
    const run = runBin(['--version'], repoRoot);
    expect(run.stderr, 'the bundle is stale: run `pnpm build`').not.toMatch(/bundle is older than the compiled sources/);
    expect(run.stderr).toBe('');
  });

  for (const example of ['demo', 'shop', 'clean']) {
    for (const format of ['json', 'sarif', 'stylish']) {
      it(`gives the sources' output on examples/${example} (-f ${format}): findings, code findings through ESLint, rule docs, exit code`, async () => {
        const cwd = join(repoRoot, 'examples', example);
        const bundled = runBin(['.', '-f', format], cwd);
        const source = await runCli(['.', '-f', format], cwd);
        expect(bundled.stderr).toBe(source.stderr);
        expect(bundled.stdout).toBe(source.stdout);
        expect(bundled.code).toBe(source.code);
      }, 60_000);
    }
  }

  it('validates a config with the schema (ajv, loaded at run time): the same error at the same place', async () => {
    const dir = tempRepo({ 'obslint.config.yaml': 'rules:\n  alert/missing-for: sometimes\n', 'a.yaml': 'groups: []\n' });
    const bundled = runBin(['.'], dir);
    const source = await runCli(['.'], dir);
    expect(bundled.code).toBe(2);
    expect(bundled.stderr).toMatch(/obslint\.config\.yaml:2:22: /);
    expect(bundled.stderr).toBe(source.stderr);
  }, 60_000);

  it('runs worker threads from the bundle (lint-worker.js beside its chunks) with the single-threaded findings', () => {
    const files: Record<string, string> = {};
    for (let i = 0; i < 420; i++) files[`rules/r${i}.yaml`] = `groups:\n  - name: g${i}\n    rules:\n      - alert: A${i % 300}\n        expr: up{job="j${i}"} == 0\n`;
    const dir = tempRepo(files);
    const one = runBin(['.', '-f', 'json', '--concurrency', '1', '--timing'], dir);
    const two = runBin(['.', '-f', 'json', '--concurrency', '2', '--timing'], dir);
    expect(two.stderr).toMatch(/2 threads, this one and 1 worker/);
    expect(one.stderr).toMatch(/no worker threads/);
    expect(two.stdout).toBe(one.stdout);
    expect(JSON.parse(two.stdout).length).toBe(420);
  }, 120_000);

  it('reports the version of @obslint/cli', () => {
    const { version } = JSON.parse(readFileSync(join(repoRoot, 'packages/cli/package.json'), 'utf8')) as { version: string };
    expect(runBin(['--version'], repoRoot).stdout.trim()).toContain(version);
  });
});
