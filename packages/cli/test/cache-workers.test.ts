import { appendFileSync, cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EXAMPLES, parseJsonOutput, runCli, tempRepo } from './helpers.js';

const rule = (name: string, extra = '') => `groups:\n  - name: g-${name}\n    rules:\n      - alert: ${name}\n        expr: up{job="${name}"} == 0\n${extra}`;

function fingerprints(stdout: string): string[] {
  return parseJsonOutput(stdout).flatMap((r) => r.messages.map((m) => `${r.filePath}:${m.line}:${m.column}:${m.ruleId}:${m.fingerprint}`)).sort();
}

describe('--cache', () => {
  it('a re-run takes unchanged files from the cache and gives the same findings; a changed file is linted again', async () => {
    const dir = tempRepo({ 'a.yaml': rule('A'), 'b.yaml': rule('B', '        for: 5m\n'), 'dup1.yaml': rule('Dup'), 'dup2.yaml': rule('Dup') });
    const first = await runCli(['.', '--cache', '-f', 'json', '--timing'], dir);
    expect(first.stderr).toMatch(/cache 0 hits, 4 misses/);
    const second = await runCli(['.', '--cache', '-f', 'json', '--timing'], dir);
    expect(second.stderr).toMatch(/cache 4 hits, 0 misses/);
    expect(fingerprints(second.stdout)).toEqual(fingerprints(first.stdout));
    // The cross-file rule still works from cached summaries.
    expect(fingerprints(second.stdout).some((f) => f.includes('alert/duplicate'))).toBe(true);

    writeFileSync(join(dir, 'b.yaml'), rule('B'));
    const third = await runCli(['.', '--cache', '-f', 'json', '--timing'], dir);
    expect(third.stderr).toMatch(/cache 3 hits, 1 misses/);
    expect(parseJsonOutput(third.stdout).find((r) => r.filePath.endsWith('b.yaml'))!.messages.map((m) => m.ruleId)).toContain('alert/missing-for');
    // Cross-file results are recomputed from the cached summaries of the unchanged files.
    expect(fingerprints(third.stdout).filter((f) => f.includes('alert/duplicate'))).toEqual(fingerprints(first.stdout).filter((f) => f.includes('alert/duplicate')));
    // A duplicate added in a new file is found against cached summaries of the others.
    writeFileSync(join(dir, 'dup3.yaml'), rule('Dup'));
    const fourth = await runCli(['.', '--cache', '-f', 'json'], dir);
    expect(fingerprints(fourth.stdout).filter((f) => f.includes('alert/duplicate')).length).toBe(2);
  });

  it('code files are cached with their code findings: an unchanged one is not linted again, a changed one is', async () => {
    const app = (msg: string) => `const logger = console;\nexport function f(id: string) {\n  logger.info(\`${msg} \${id}\`);\n}\n`;
    const dir = tempRepo({ 'src/a.ts': app('user'), 'src/b.ts': app('order'), 'a.yaml': rule('A') });
    const phase = (run: { stderr: string }, name: string) => Number(new RegExp(`phase ${name} +([\\d.]+)`).exec(run.stderr)?.[1]);
    const codeFindings = (stdout: string) => fingerprints(stdout).filter((f) => f.includes('log/structured-message'));
    const first = await runCli(['.', '--cache', '-f', 'json', '--timing'], dir);
    expect(first.stderr).toMatch(/cache 0 hits, 3 misses/);
    expect(codeFindings(first.stdout)).toHaveLength(2);
    expect(phase(first, 'code')).toBeGreaterThan(0);
    const second = await runCli(['.', '--cache', '-f', 'json', '--timing'], dir);
    expect(second.stderr).toMatch(/cache 3 hits, 0 misses/);
    expect(phase(second, 'code')).toBe(0);
    expect(fingerprints(second.stdout)).toEqual(fingerprints(first.stdout));
    writeFileSync(join(dir, 'src/b.ts'), app('order').replace('logger.info(`order ${id}`)', "logger.info('order', { id })"));
    const third = await runCli(['.', '--cache', '-f', 'json', '--timing'], dir);
    expect(third.stderr).toMatch(/cache 2 hits, 1 misses/);
    expect(codeFindings(third.stdout)).toEqual(codeFindings(first.stdout).filter((f) => f.includes('a.ts')));
  });

  it('a config change invalidates the cache', async () => {
    const dir = tempRepo({ 'a.yaml': rule('A') });
    await runCli(['.', '--cache'], dir);
    writeFileSync(join(dir, 'obslint.config.yaml'), 'rules:\n  alert/missing-for: off\n');
    const run = await runCli(['.', '--cache', '-f', 'json', '--timing'], dir);
    expect(run.stderr).toMatch(/cache 0 hits, 2 misses/); // a.yaml and the config file itself
    expect(parseJsonOutput(run.stdout).flatMap((r) => r.messages.map((m) => m.ruleId))).not.toContain('alert/missing-for');
  });

  it('a cache made in one checkout serves a copy of it at another path (as CI runners restore it)', async () => {
    // examples/shop has cross-file findings, at the characters of a query; a config file makes globs relative to it.
    const first = mkdtempSync(join(tmpdir(), 'obslint-checkout-a-'));
    cpSync(join(EXAMPLES, 'shop'), first, { recursive: true });
    writeFileSync(join(first, 'obslint.config.yaml'), 'rules:\n  alert/missing-for: error\n');
    const cacheLocation = join(mkdtempSync(join(tmpdir(), 'obslint-ci-cache-')), 'obslint-cache');
    const lint = (dir: string, ...more: string[]) => runCli(['.', '-f', 'json', '--timing', '--concurrency', '1', ...more], dir);
    const made = await lint(first, '--cache', '--cache-location', cacheLocation);
    expect(made.stderr).toMatch(/5 files; cache 0 hits, 5 misses/); // 4 files and the config

    const second = mkdtempSync(join(tmpdir(), 'obslint-checkout-b-'));
    cpSync(first, second, { recursive: true });
    const fresh = await lint(second);
    const cached = await lint(second, '--cache', '--cache-location', cacheLocation);
    expect(cached.stderr).toMatch(/cache 5 hits, 0 misses/);
    // The same report as a run without the cache: every path is the new checkout's, none the first one's.
    expect(cached.stdout).toBe(fresh.stdout);
    expect(cached.stdout).not.toContain(first);
    const crossFile = (stdout: string) => parseJsonOutput(stdout).flatMap((r) => r.messages.filter((m) => m.ruleId.startsWith('query/')).map((m) => `${r.filePath}:${m.line}:${m.column}:${m.ruleId}`));
    expect(crossFile(cached.stdout)).toEqual([`${join(second, 'dashboards/shop-orders.json')}:49:29:query/unknown-metric`, `${join(second, 'dashboards/shop-orders.json')}:81:28:query/unknown-label`]);

    // One file changed: the repo-wide rules run again from the others' cached summaries, made in the first
    // checkout, and still point at the characters of the second.
    appendFileSync(join(second, 'alerts/shop.rules.yaml'), '\n');
    const changed = await lint(second, '--cache', '--cache-location', cacheLocation);
    expect(changed.stderr).toMatch(/cache 4 hits, 1 misses/);
    expect(changed.stdout).toBe((await lint(second)).stdout);
    expect(crossFile(changed.stdout)).toEqual(crossFile(fresh.stdout));
  });
});

describe('files that cannot be written', () => {
  it('a cache that cannot be saved is a warning: the findings and the exit code are those of a run without it', async () => {
    const dir = tempRepo({ 'a.yaml': rule('A'), 'blocker': 'a file where the cache directory should be' });
    const plain = await runCli(['a.yaml', '-f', 'json'], dir);
    const run = await runCli(['a.yaml', '--cache', '--cache-location', 'blocker/.obslintcache', '-f', 'json'], dir);
    expect(run.stderr).toMatch(/^obslint: warning: the cache was not saved \(cannot write .*blocker\/\.obslintcache: ENOTDIR: not a directory\); the run goes on without it\.\n$/);
    expect(run.code).toBe(plain.code);
    expect(fingerprints(run.stdout)).toEqual(fingerprints(plain.stdout));
  });

  it('a report that cannot be written fails the run with the reason, not an internal error', async () => {
    const dir = tempRepo({ 'a.yaml': rule('A'), 'blocker': 'x' });
    const run = await runCli(['a.yaml', '-f', 'json', '-o', 'blocker/report.json'], dir);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/^obslint: cannot write .*blocker\/report\.json: ENOTDIR: not a directory\n$/);
  });

  it('a report goes into directories that do not exist yet', async () => {
    const dir = tempRepo({ 'a.yaml': rule('A') });
    const run = await runCli(['a.yaml', '-f', 'json', '-o', 'out/deep/report.json'], dir);
    expect(run.code).toBe(0);
    expect(JSON.parse(readFileSync(join(dir, 'out/deep/report.json'), 'utf8'))[0].messages.length).toBeGreaterThan(0);
  });
});

describe('--concurrency', () => {
  it('worker threads give exactly the findings of a single-threaded run', async () => {
    const files: Record<string, string> = {};
    for (let i = 0; i < 450; i++) files[`rules/r${i}.yaml`] = rule(`A${i % 300}`, i % 3 ? '        for: 5m\n' : '');
    files['d.json'] = JSON.stringify({ title: 'D', schemaVersion: 39, panels: [{ id: 1, type: 'graph', title: 'Panel Title', targets: [{ expr: 'rate(x_total[$__interval])' }, { expr: 'rate(x_totl[5m])' }] }] });
    // Code is linted on the main thread while the workers lint the documents (then it lints documents too); its
    // metric defines x_total.
    files['src/metrics.ts'] = "import client from 'prom-client';\nexport const x = new client.Counter({ name: 'x_total', help: 'X.' });\nconsole.info(`made ${x}`);\n";
    const dir = tempRepo(files);
    const one = await runCli(['.', '-f', 'json', '--concurrency', '1', '--timing'], dir);
    const two = await runCli(['.', '-f', 'json', '--concurrency', '2', '--timing'], dir);
    const three = await runCli(['.', '-f', 'json', '--concurrency', '3', '--timing'], dir);
    expect(one.stderr).toMatch(/no worker threads/);
    expect(two.stderr).toMatch(/2 threads, this one and 1 worker \(read, parse and rules: their time summed\)/);
    expect(three.stderr).toMatch(/3 threads, this one and 2 workers \(read, parse and rules: their time summed\)/);
    // This thread lints the code, then documents with the workers: the findings are the same however many.
    expect(fingerprints(three.stdout)).toEqual(fingerprints(one.stdout));
    // --timing counts the workers' time: phases and rules are not left at zero.
    const phase = (run: { stderr: string }, name: string) => Number(new RegExp(`phase ${name} +([\\d.]+)`).exec(run.stderr)?.[1]);
    for (const name of ['read', 'parse', 'rules']) expect(phase(two, name), name).toBeGreaterThan(0);
    expect(two.stderr).toMatch(/rule  alert\/missing-for +\d+\.\d/);
    expect(fingerprints(two.stdout)).toEqual(fingerprints(one.stdout));
    expect(fingerprints(two.stdout).filter((f) => f.includes('alert/duplicate')).length).toBe(150);
    const codeRules = (run: { stdout: string }) => fingerprints(run.stdout).filter((f) => f.includes('src/metrics.ts')).map((f) => f.split(':')[3]).sort();
    expect(codeRules(two)).toEqual(['log/no-console', 'log/structured-message', 'metric/generic-name']);
    expect(phase(two, 'code')).toBeGreaterThan(0);
    // The metric index has the code's counter (from ESLint's parse): x_total is known, x_totl is its typo.
    const unknown = parseJsonOutput(two.stdout).flatMap((r) => r.messages.filter((m) => m.ruleId === 'query/unknown-metric').map((m) => m.message));
    expect(unknown).toEqual([expect.stringMatching(/^No metric "x_totl" .*Did you mean "x_total"\?/)]);
    // Cached from worker threads (whose findings arrive as text), re-run from the cache: the same findings.
    const cacheLocation = join(dir, '.cache/obslint');
    const cold = await runCli(['.', '-f', 'json', '--concurrency', '2', '--cache', '--cache-location', cacheLocation, '--timing'], dir);
    expect(cold.stderr).toMatch(/this one and 1 worker/);
    const warm = await runCli(['.', '-f', 'json', '--concurrency', '2', '--cache', '--cache-location', cacheLocation, '--timing'], dir);
    expect(warm.stderr).toMatch(/cache 452 hits, 0 misses/);
    expect(fingerprints(cold.stdout)).toEqual(fingerprints(one.stdout));
    expect(fingerprints(warm.stdout)).toEqual(fingerprints(one.stdout));
  }, 120_000);

  it('rejects a bad value', async () => {
    const run = await runCli(['.', '--concurrency', 'many'], tempRepo({}));
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('--concurrency: expected a whole number');
  });
});
