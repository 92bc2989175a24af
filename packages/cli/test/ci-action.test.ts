import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { SourceFile, parseYamlDocuments } from '@obslint/core';

/** Parses YAML with obslint's own reader (throws on a syntax error, like a YAML library would). */
function parse(text: string): unknown {
  const { documents, errors } = parseYamlDocuments(new SourceFile('/snippet.yaml', 'snippet.yaml', text));
  if (errors.length) throw new Error(errors[0].message);
  return documents[0]?.value;
}
import { tempDir } from './ci-helpers.js';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
const load = (rel: string) => parse(readFileSync(join(repoRoot, rel), 'utf8'));

interface Step {
  name?: string;
  id?: string;
  uses?: string;
  run?: string;
  shell?: string;
  with?: Record<string, unknown>;
  env?: Record<string, string>;
  if?: string;
  'working-directory'?: string;
}

const action = load('action.yml') as { inputs: Record<string, { default?: string }>; outputs: Record<string, unknown>; runs: { using: string; steps: Step[] } };
const steps = action.runs.steps;
const lintStep = steps.find((s) => s.id === 'lint')!;
const lastStep = steps[steps.length - 1];

/** Runs one of the action's bash steps with the given environment (what the runner would do after substitution). */
function runStep(step: Step, env: Record<string, string>) {
  return spawnSync('bash', ['--noprofile', '--norc', '-eo', 'pipefail', '-c', step.run!], { cwd: repoRoot, env: { ...process.env, ...env }, encoding: 'utf8' });
}

describe('action.yml', () => {
  it('is a composite action with the documented inputs, Node 20, a pnpm install from the action path and a SARIF upload', () => {
    expect(action.runs.using).toBe('composite');
    expect(Object.keys(action.inputs)).toEqual(expect.arrayContaining(['paths', 'args', 'sarif-file', 'changed-since']));
    expect(action.inputs.paths.default).toBe('.');
    expect(Object.keys(action.outputs)).toEqual(['exit-code', 'sarif-file']);
    expect(steps[0]).toMatchObject({ uses: 'actions/setup-node@v4', with: { 'node-version': 20 } });
    const install = steps.find((s) => s.run?.includes('npx -y pnpm@10 install'))!;
    expect(install['working-directory']).toBe('${{ github.action_path }}');
    expect(lintStep.env!.OBSLINT_BIN).toBe('${{ github.action_path }}/packages/cli/bin/obslint.js');
    const upload = steps.find((s) => s.uses?.startsWith('github/codeql-action/upload-sarif@'))!;
    expect(upload.uses).toBe('github/codeql-action/upload-sarif@v3');
    expect(upload.with!.sarif_file).toBe('${{ steps.lint.outputs.sarif-file }}');
    for (const s of steps) if (s.run) expect(s.shell).toBe('bash');
  });

  /** The lint step's environment: the demo's metrics and alerts, SARIF to `sarif`, annotations on. */
  const stepEnv = (dir: string, sarif: string) => ({
    OBSLINT_BIN: join(repoRoot, 'packages/cli/bin/obslint.js'),
    OBSLINT_PATHS: 'examples/demo/metrics examples/demo/alerts',
    OBSLINT_ARGS: '--max-warnings 0 --no-color',
    OBSLINT_SARIF: sarif,
    OBSLINT_CHANGED_SINCE: '',
    OBSLINT_ANNOTATIONS: 'true',
    GITHUB_OUTPUT: join(dir, 'github-output'),
  });

  it('runs obslint, writes SARIF and annotations, records the exit code, and passes it through', () => {
    const bin = join(repoRoot, 'packages/cli/bin/obslint.js');
    expect(existsSync(join(repoRoot, 'packages/cli/dist/index.js')), 'build first: pnpm exec tsc -b').toBe(true);
    const dir = tempDir('action');
    const output = join(dir, 'github-output');
    const sarif = join(dir, 'out.sarif');
    const res = runStep(lintStep, { ...stepEnv(dir, sarif), OBSLINT_BIN: bin });
    expect(res.status).toBe(0); // the step itself never fails; the last step does
    expect(res.stdout).toContain('::error file=examples/demo/metrics/shop.prom,line=5,col=8');
    expect(res.stdout).toContain('::warning file=examples/demo/alerts/shop.rules.yaml');
    expect(res.stdout).toMatch(/✖ \d+ problems/);
    expect(readFileSync(output, 'utf8')).toBe(`exit-code=1\nsarif-file=${sarif}\n`);
    expect(JSON.parse(readFileSync(sarif, 'utf8')).runs[0].results.length).toBeGreaterThan(0);
    // Code scanning rejects a run of more than 25,000 results: the SARIF keeps at most that many.
    expect(res.stdout).toContain('-f sarif -o ' + sarif + ' --sarif-max-results 25000');

    expect(runStep(lastStep, { OBSLINT_EXIT_CODE: '1' }).status).toBe(1);
    expect(runStep(lastStep, { OBSLINT_EXIT_CODE: '0' }).status).toBe(0);
    expect(runStep(lastStep, { OBSLINT_EXIT_CODE: '' }).status).toBe(2);
  });

  it("lets the args' own --sarif-max-results win over the action's", () => {
    const dir = tempDir('action');
    const sarif = join(dir, 'out.sarif');
    // The step's environment as the first test gives it, but for the paths, the args and no annotations.
    const res = runStep(lintStep, { ...stepEnv(dir, sarif), OBSLINT_PATHS: 'examples/demo/alerts', OBSLINT_ARGS: '--sarif-max-results 2', OBSLINT_ANNOTATIONS: 'false' });
    expect(res.status).toBe(0);
    expect(JSON.parse(readFileSync(sarif, 'utf8')).runs[0].results.length).toBeLessThanOrEqual(2);
  });

  it('without a SARIF file, records none (and the upload is skipped)', () => {
    const dir = tempDir('action');
    const output = join(dir, 'github-output');
    const res = runStep(lintStep, {
      OBSLINT_BIN: join(repoRoot, 'packages/cli/bin/obslint.js'),
      OBSLINT_PATHS: 'examples/clean',
      OBSLINT_ARGS: '',
      OBSLINT_SARIF: '',
      OBSLINT_CHANGED_SINCE: '',
      OBSLINT_ANNOTATIONS: 'false',
      GITHUB_OUTPUT: output,
    });
    expect(res.status).toBe(0);
    expect(res.stdout).not.toContain('::');
    expect(readFileSync(output, 'utf8')).toBe('exit-code=0\n');
    expect(steps.find((s) => s.uses?.includes('upload-sarif'))!.if).toContain("steps.lint.outputs.sarif-file != ''");
  });
});

describe('pre-commit hook and CI examples', () => {
  it('.pre-commit-hooks.yaml defines the obslint node hook on the files obslint reads', () => {
    const [hook] = load('.pre-commit-hooks.yaml') as Array<{ id: string; language: string; entry: string; files: string }>;
    expect(hook).toMatchObject({ id: 'obslint', language: 'node', entry: 'obslint' });
    const files = new RegExp(hook.files);
    for (const f of ['d/a.json', 'b.yaml', 'c.yml', 'm.prom', 'x.js', 'x.ts', 'x.mjs', 'x.tsx']) expect(files.test(f), f).toBe(true);
    for (const f of ['README.md', 'x.py', 'a.json.bak']) expect(files.test(f), f).toBe(false);
  });

  it('the example workflow uses the action with full history and code-scanning permission', () => {
    const wf = load('examples/ci/github-workflow.yml') as { permissions: Record<string, string>; jobs: Record<string, { steps: Step[] }> };
    expect(wf.permissions['security-events']).toBe('write');
    const s = wf.jobs.obslint.steps;
    expect(s[0]).toMatchObject({ uses: 'actions/checkout@v4', with: { 'fetch-depth': 0 } });
    expect(s[1].uses).toMatch(/^obslint\/obslint@/);
    expect(Object.keys(s[1].with!).every((k) => k in action.inputs)).toBe(true);
  });

  it('the GitLab example publishes Code Quality and JUnit reports', () => {
    const gl = load('examples/ci/gitlab-ci.yml') as Record<string, { script: string[]; artifacts: { reports: Record<string, string> } }>;
    expect(gl.obslint.artifacts.reports).toEqual({ codequality: 'gl-code-quality-report.json', junit: 'obslint-junit.xml' });
    expect(gl.obslint.script.join('\n')).toContain('-f gitlab -o gl-code-quality-report.json');
    execFileSync('bash', ['-n', '-c', gl.obslint.script.join('\n')]);
  });

  it('every YAML snippet in docs/ci.md parses', () => {
    const md = readFileSync(join(repoRoot, 'docs/ci.md'), 'utf8');
    const blocks = [...md.matchAll(/```yaml\n([\s\S]*?)```/g)].map((m) => m[1]);
    expect(blocks.length).toBeGreaterThanOrEqual(5);
    for (const b of blocks) expect(() => parse(b)).not.toThrow();
  });
});
