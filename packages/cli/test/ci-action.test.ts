import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
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

const require = createRequire(import.meta.url);

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

const prepStep = steps.find((s) => s.id === 'prep')!;
const mergeStep = steps.find((s) => s.id === 'merge')!;

/** The GITHUB_OUTPUT lines a step wrote, as an object. */
function outputsIn(file: string): Record<string, string> {
  return Object.fromEntries(readFileSync(file, 'utf8').trim().split('\n').filter(Boolean).map((l) => [l.slice(0, l.indexOf('=')), l.slice(l.indexOf('=') + 1)]));
}

describe('action.yml', () => {
  it('validates, as do the example workflows, against the schemas GitHub publishes (action-validator)', () => {
    const validator = join(dirname(require.resolve('@action-validator/cli/package.json')), 'cli.mjs');
    for (const file of ['action.yml', 'examples/ci/github-workflow.yml', 'examples/ci/github-workflow-shards.yml']) {
      const res = spawnSync(process.execPath, [validator, join(repoRoot, file)], { encoding: 'utf8' });
      expect(res.status, `${file}: ${res.stdout}${res.stderr}`).toBe(0);
    }
    // And it is not one that passes anything: a step with a property steps do not have fails.
    const bad = join(tempDir('action-validator'), 'action.yml');
    writeFileSync(bad, 'name: x\ndescription: y\nruns:\n  using: composite\n  steps:\n    - run: echo\n      shell: bash\n      bogus: 1\n');
    expect(spawnSync(process.execPath, [validator, bad], { encoding: 'utf8' }).status).toBe(1);
  });

  it('is a composite action with the documented inputs, Node 20, a pnpm install from the action path and a SARIF upload', () => {
    expect(action.runs.using).toBe('composite');
    expect(Object.keys(action.inputs)).toEqual(expect.arrayContaining(['paths', 'args', 'sarif-file', 'changed-since', 'cache', 'shard', 'merge-shards']));
    expect(action.inputs.cache.default).toBe('true');
    expect(action.inputs.paths.default).toBe('.');
    expect(Object.keys(action.outputs)).toEqual(['exit-code', 'sarif-file']);
    // The inputs are checked first (a bad one fails before the install), then Node 20 is set up.
    expect(steps[0].id).toBe('prep');
    expect(steps[1]).toMatchObject({ uses: 'actions/setup-node@v4', with: { 'node-version': 20 } });
    const install = steps.find((s) => s.run?.includes('npx -y pnpm@10 install'))!;
    expect(install['working-directory']).toBe('${{ github.action_path }}');
    expect(lintStep.env!.OBSLINT_BIN).toBe('${{ github.action_path }}/packages/cli/bin/obslint.js');
    const upload = steps.find((s) => s.uses?.startsWith('github/codeql-action/upload-sarif@'))!;
    expect(upload.uses).toBe('github/codeql-action/upload-sarif@v3');
    expect(upload.with!.sarif_file).toBe('${{ steps.lint.outputs.sarif-file || steps.merge.outputs.sarif-file }}');
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

  it('checks the shard input: its name for the cache and the artifact, a clear error for a bad one', () => {
    const prep = (env: Record<string, string>) => {
      const output = join(tempDir('action'), 'github-output');
      writeFileSync(output, '');
      const res = runStep(prepStep, { OBSLINT_SHARD: '', OBSLINT_MERGE_SHARDS: 'false', OBSLINT_SARIF: 'obslint.sarif', GITHUB_OUTPUT: output, ...env });
      return { ...res, outputs: outputsIn(output) };
    };
    expect(prep({})).toMatchObject({ status: 0, outputs: { 'shard-name': 'all' } });
    expect(prep({ OBSLINT_SHARD: '2/4' })).toMatchObject({ status: 0, outputs: { 'shard-name': 'shard-2-of-4' } });
    const bad = prep({ OBSLINT_SHARD: 'two' });
    expect(bad.status).toBe(2);
    expect(bad.stdout).toContain('::error title=obslint::shard: expected k/n (e.g. 2/4), got "two"');
    const both = prep({ OBSLINT_SHARD: '1/2', OBSLINT_MERGE_SHARDS: 'true' });
    expect(both.status).toBe(2);
    expect(both.stdout).toContain('shard and merge-shards go in different jobs');
    expect(prep({ OBSLINT_SHARD: '1/2', OBSLINT_SARIF: '' }).stdout).toContain('::warning title=obslint::a shard without sarif-file');
  });

  it("keeps obslint's cache outside the workspace, restored and saved under one key per shard", () => {
    const restore = steps.find((s) => s.uses === 'actions/cache/restore@v4')!;
    const save = steps.find((s) => s.uses === 'actions/cache/save@v4')!;
    expect(restore.with!.path).toBe('${{ runner.temp }}/obslint-cache');
    expect(save.with!.path).toBe(restore.with!.path);
    expect(save.with!.key).toBe(restore.with!.key);
    expect(restore.with!.key).toBe('obslint-${{ runner.os }}-${{ steps.prep.outputs.shard-name }}-${{ github.sha }}');
    expect(restore.with!['restore-keys']).toBe('obslint-${{ runner.os }}-${{ steps.prep.outputs.shard-name }}-');
    // Saved after a run with findings too (they are the cache's content), not after a run that never started.
    expect(save.if).toContain('always()');
    expect(save.if).toContain("steps.lint.outputs.exit-code != ''");
    expect(lintStep.env!.OBSLINT_CACHE_DIR).toBe("${{ inputs.cache == 'true' && format('{0}/obslint-cache', runner.temp) || '' }}");

    // The lint step with a cache directory: the second run gives the same report, from the cache.
    const dir = tempDir('action');
    const cacheDir = join(dir, 'obslint-cache');
    const env = { ...stepEnv(dir, ''), OBSLINT_ANNOTATIONS: 'false', OBSLINT_CACHE_DIR: cacheDir };
    const first = runStep(lintStep, env);
    expect(first.stdout).toContain(`--cache --cache-location ${cacheDir}/obslintcache`);
    expect(readdirSync(cacheDir).sort()).toEqual(['obslintcache', 'obslintcache.facts', 'obslintcache.repo']);
    const second = runStep(lintStep, { ...env, OBSLINT_ARGS: '--max-warnings 0 --no-color --timing' });
    expect(second.stderr).toMatch(/cache \d+ hits, 0 misses/);
    expect(second.stdout.replace(/ --timing/, '')).toBe(first.stdout);
  });

  it('a shard lints its share, keeps all of its SARIF for merge-shards as an artifact, and uploads nothing', () => {
    const dir = tempDir('action');
    const output = join(dir, 'github-output');
    const sarif = join(dir, 'obslint.sarif');
    const res = runStep(lintStep, { ...stepEnv(dir, sarif), OBSLINT_SHARD: '1/2', OBSLINT_SHARD_NAME: 'shard-1-of-2' });
    expect(res.status).toBe(0);
    expect(res.stdout).toContain(`-f sarif -o ${sarif} --shard 1/2`);
    expect(res.stdout).not.toContain('--sarif-max-results');
    expect(outputsIn(output)).toMatchObject({ 'sarif-file': sarif, 'artifact-name': 'obslint-shard-1-of-2' });
    const keep = steps.find((s) => s.uses === 'actions/upload-artifact@v4')!;
    expect(keep.with).toMatchObject({ name: '${{ steps.lint.outputs.artifact-name }}', path: '${{ steps.lint.outputs.sarif-file }}' });
    const upload = steps.find((s) => s.uses?.startsWith('github/codeql-action/upload-sarif@'))!;
    expect(upload.if).toContain("inputs.shard == ''");
  });

  it('merge-shards joins the shards\' SARIF into one log of at most 25,000 results, and fails only when it cannot', () => {
    const fetch = steps.find((s) => s.uses === 'actions/download-artifact@v4')!;
    expect(fetch.with).toMatchObject({ pattern: 'obslint-shard-*', path: '${{ runner.temp }}/obslint-shards' });
    expect(fetch.if).toBe("${{ inputs.merge-shards == 'true' }}");
    expect(lintStep.if).toBe("${{ inputs.merge-shards != 'true' }}");
    // What the shard jobs leave: each artifact in its own directory, each holding obslint.sarif.
    const dir = tempDir('action');
    const shards = join(dir, 'obslint-shards');
    const whole = join(dir, 'whole.json');
    for (const k of [1, 2]) {
      mkdirSync(join(shards, `obslint-shard-${k}-of-2`), { recursive: true });
      runStep(lintStep, { ...stepEnv(dir, join(shards, `obslint-shard-${k}-of-2`, 'obslint.sarif')), OBSLINT_ANNOTATIONS: 'false', OBSLINT_SHARD: `${k}/2`, OBSLINT_SHARD_NAME: `shard-${k}-of-2` });
    }
    expect(spawnSync(process.execPath, [join(repoRoot, 'packages/cli/bin/obslint.js'), 'examples/demo/metrics', 'examples/demo/alerts', '-f', 'json', '-o', whole], { cwd: repoRoot }).status).toBe(1);
    const output = join(dir, 'merge-output');
    const merged = join(dir, 'merged.sarif');
    const env = { OBSLINT_BIN: join(repoRoot, 'packages/cli/bin/obslint.js'), OBSLINT_SHARDS_DIR: shards, OBSLINT_SARIF: merged, GITHUB_OUTPUT: output };
    const res = runStep(mergeStep, env);
    expect(res.status).toBe(0);
    expect(res.stdout).toContain(`obslint merge 2 shard logs -f sarif -o ${merged} --sarif-max-results 25000`);
    // The findings are there (errors among them), yet the job does not fail on them: the shards did.
    expect(outputsIn(output)).toEqual({ 'exit-code': '0', 'sarif-file': merged });
    const all = (JSON.parse(readFileSync(whole, 'utf8')) as Array<{ messages: unknown[] }>).reduce((n, f) => n + f.messages.length, 0);
    expect(JSON.parse(readFileSync(merged, 'utf8')).runs[0].results).toHaveLength(all);

    const empty = join(dir, 'none');
    mkdirSync(empty);
    writeFileSync(output, '');
    const none = runStep(mergeStep, { ...env, OBSLINT_SHARDS_DIR: empty });
    expect(none.stdout).toContain('::error title=obslint::no shard SARIF to join');
    expect(outputsIn(output)).toEqual({ 'exit-code': '2' });
    expect(runStep(lastStep, { OBSLINT_EXIT_CODE: '2' }).status).toBe(2);
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
    // The cache GitLab keeps is where obslint writes it.
    expect((gl.obslint as unknown as { cache: { paths: string[] } }).cache.paths).toEqual(['.cache/obslint/']);
    expect(gl.obslint.script.join('\n')).toContain('--cache --cache-location .cache/obslint/cache');
    execFileSync('bash', ['-n', '-c', gl.obslint.script.join('\n')]);
  });

  it('every YAML snippet in docs/ci.md parses', () => {
    const md = readFileSync(join(repoRoot, 'docs/ci.md'), 'utf8');
    const blocks = [...md.matchAll(/```yaml\n([\s\S]*?)```/g)].map((m) => m[1]);
    expect(blocks.length).toBeGreaterThanOrEqual(5);
    for (const b of blocks) expect(() => parse(b)).not.toThrow();
  });
});
