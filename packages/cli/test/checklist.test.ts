import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ruleDocsUrl } from '@obslint/core';
import { runCli, tempRepo } from './helpers.js';

function git(dir: string, ...args: string[]): string {
  return execFileSync('git', ['-c', 'user.email=a@b', '-c', 'user.name=t', '-c', 'init.defaultBranch=main', '-c', 'commit.gpgsign=false', ...args], { cwd: dir, encoding: 'utf8' });
}

function dashboard(uid: string, panels: number): string {
  return JSON.stringify(
    {
      uid,
      title: `Dashboard ${uid}`,
      schemaVersion: 39,
      panels: Array.from({ length: panels }, (_, i) => ({ id: i + 1, type: 'timeseries', title: `Request latency of route ${i + 1}`, description: 'p99', fieldConfig: { defaults: { unit: 's' } } })),
    },
    null,
    2,
  );
}

const alerts = (withNoFor: boolean) => `groups:
  - name: app
    rules:
      - alert: AppDown
        expr: up{job="app"} == 0
        for: 5m
        labels: { severity: warning }
        annotations: { summary: App is down }
${withNoFor ? `      - alert: AppErrorsNow
        expr: rate(app_errors_total[5m]) > 1
        labels: { severity: warning }
        annotations: { summary: Errors }
` : ''}`;

/** The Markdown section of one file: from its heading to the next. */
function section(md: string, relPath: string): string {
  const start = md.indexOf(`### \`${relPath}\``);
  if (start < 0) return '';
  const next = md.indexOf('\n### ', start + 4);
  return md.slice(start, next < 0 ? undefined : next);
}

const link = (id: string) => `[\`${id}\`](${ruleDocsUrl(id)})`;

describe('obslint checklist', () => {
  let dir: string;
  beforeAll(() => {
    dir = tempRepo({
      'dashboards/a.json': dashboard('a', 3),
      'dashboards/untouched.json': dashboard('u', 2),
      'alerts/b.yaml': alerts(false),
      'alerts/untouched.yaml': alerts(false).replace('AppDown', 'OtherAppDown'), // a duplicate name would be alert/duplicate
      'README.md': '# x\n',
    });
    git(dir, 'init', '-q');
    git(dir, 'add', '.');
    git(dir, 'commit', '-q', '-m', 'base');
    git(dir, 'tag', 'base');
    // One changed dashboard (still small: dashboard/max-panels passes) and one changed rule file (an alert without `for`).
    writeFileSync(join(dir, 'dashboards/a.json'), dashboard('a', 5));
    writeFileSync(join(dir, 'alerts/b.yaml'), alerts(true));
    writeFileSync(join(dir, 'README.md'), '# changed, but not a file obslint checks\n');
    git(dir, 'commit', '-q', '-am', 'change');
  });

  it('lists exactly the changed dashboard and rule file, with passed and unchecked items and rule links', async () => {
    const run = await runCli(['checklist', '--changed-since', 'base'], dir);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const md = run.stdout;
    expect(md.startsWith('## obslint checklist\n\n2 files changed since `base`: ')).toBe(true);
    expect([...md.matchAll(/^### `([^`]+)`$/gm)].map((m) => m[1])).toEqual(['alerts/b.yaml', 'dashboards/a.json']);

    const dash = section(md, 'dashboards/a.json');
    expect(dash).toContain('dashboard "Dashboard a", 5 panels');
    expect(dash).toMatch(/all checks passed\.\n\n<details><summary>\d+ checks passed<\/summary>\n\n- \[x\] /);
    expect(dash).toContain(`- [x] ${link('dashboard/max-panels')}: `);
    expect(dash).not.toContain('- [ ]');
    for (const m of dash.matchAll(/^- \[x\] \[`([^`]+)`\]/gm)) expect(m[1]).toMatch(/^(dashboard|query)\//);

    const rules = section(md, 'alerts/b.yaml');
    expect(rules).toContain('2 alerts, 0 recording rules: 1 item to look at.');
    expect(rules).toContain(`- **alert AppErrorsNow** (line 9)\n  - [ ] ${link('alert/missing-for')} (warning, line 9): Alert "AppErrorsNow" has no \`for\``);
    expect(rules).not.toContain(`- [x] ${link('alert/missing-for')}`);
    expect(rules.match(/^ *- \[ \]/gm)).toHaveLength(1);
    expect(rules).not.toContain('AppDown');
    for (const m of rules.matchAll(/^- \[x\] \[`([^`]+)`\]/gm)) expect(m[1]).toMatch(/^(alert|recording|metric|query)\//); // metric rules check recording rules
    expect(rules.match(/^- \[x\]/gm)!.length).toBeGreaterThan(0);
  });

  it('counts uncommitted and untracked changes too', async () => {
    const d2 = tempRepo({ 'dashboards/a.json': dashboard('a', 2), 'alerts/b.yaml': alerts(false) });
    git(d2, 'init', '-q');
    git(d2, 'add', '.');
    git(d2, 'commit', '-q', '-m', 'base');
    writeFileSync(join(d2, 'alerts/b.yaml'), alerts(true));
    writeFileSync(join(d2, 'new.prom'), '# HELP metric_1 x\n# TYPE metric_1 gauge\nmetric_1 1\n');
    const md = (await runCli(['checklist', '--changed-since', 'HEAD'], d2)).stdout;
    expect([...md.matchAll(/^### `([^`]+)`$/gm)].map((m) => m[1])).toEqual(['alerts/b.yaml', 'new.prom']);
    expect(section(md, 'new.prom')).toContain(`- [ ] ${link('metric/generic-name')} (error, line 1)`);
  });

  it('lists every checked file without --changed-since, and writes to a file with -o', async () => {
    const run = await runCli(['checklist', '-o', 'pr.md'], dir);
    expect(run.code).toBe(0);
    expect(run.stdout).toBe('');
    const { readFileSync } = await import('node:fs');
    const md = readFileSync(join(dir, 'pr.md'), 'utf8');
    expect(md).toContain('4 files checked: ');
    expect([...md.matchAll(/^### `([^`]+)`$/gm)].map((m) => m[1])).toEqual(['alerts/b.yaml', 'alerts/untouched.yaml', 'dashboards/a.json', 'dashboards/untouched.json']);
    expect(section(md, 'alerts/untouched.yaml')).toContain('1 alert, 0 recording rules: all checks passed.');
  });

  it('says when nothing relevant changed', async () => {
    const run = await runCli(['checklist', '--changed-since', 'HEAD'], dir);
    expect(run.stdout).toBe('## obslint checklist\n\nNo dashboards, rule files, metric snapshots or code files changed since `HEAD`.\n');
  });

  it('fails with exit 2 on an unknown ref or outside a repository', async () => {
    const bad = await runCli(['checklist', '--changed-since', 'no-such-ref'], dir);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--changed-since: unknown git ref "no-such-ref"');
    const outside = await runCli(['checklist', '--changed-since', 'main'], tempRepo({ 'a.json': dashboard('x', 1) }));
    expect(outside.code).toBe(2);
    expect(outside.stderr).toMatch(/--changed-since: git .* failed/);
  });

  it('rejects formats other than Markdown', async () => {
    const run = await runCli(['checklist', '-f', 'json'], dir);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('checklist writes Markdown only (got --format json)');
  });

  it("stays within GitHub's 65,536 characters for a large change, and writes all of it with --max-length 0", async () => {
    // 120 dashboards, each with findings on every panel (placeholder titles, no units): about 400 KB in all.
    const files: Record<string, string> = {};
    for (let k = 0; k < 120; k++) {
      files[`dashboards/d${String(k).padStart(3, '0')}.json`] = JSON.stringify({ uid: `d${k}`, title: `D${k}`, schemaVersion: 39, panels: Array.from({ length: 12 }, (_, i) => ({ id: i + 1, type: 'graph', title: 'Panel Title', targets: [{ refId: 'A', expr: 'rate(x_total[5m])' }] })) });
    }
    const big = tempRepo(files);
    const limited = await runCli(['checklist'], big);
    expect(limited.code).toBe(0);
    expect(limited.stdout.length).toBeLessThanOrEqual(65_536);
    const listed = [...limited.stdout.matchAll(/^### `([^`]+)`$/gm)].map((m) => m[1]);
    expect(listed.length).toBeGreaterThan(5);
    expect(listed.length).toBeLessThan(120);
    expect(limited.stdout).toMatch(new RegExp(`\\n_${120 - listed.length} more files \\(\\d+ items to look at\\) not listed, to stay within 65,536 characters \\(GitHub's limit for a pull request description\\): \`obslint checklist -o checklist\\.md --max-length 0\` writes all of it\\._\\n$`));
    const whole = await runCli(['checklist', '--max-length', '0'], big);
    expect(whole.stdout.length).toBeGreaterThan(65_536);
    expect([...whole.stdout.matchAll(/^### `([^`]+)`$/gm)]).toHaveLength(120);
    // What is listed is what the whole checklist says about those files.
    for (const f of listed.slice(0, 3)) expect(section(whole.stdout, f)).toContain(section(limited.stdout, f).split('\n\n_')[0]);
    const small = await runCli(['checklist', '--max-length', '20000'], big);
    expect(small.stdout.length).toBeLessThanOrEqual(20_000);
  });

  it('rejects a --max-length too small to hold anything, and --max-length outside checklist', async () => {
    const tiny = await runCli(['checklist', '--max-length', '200'], dir);
    expect(tiny.code).toBe(2);
    expect(tiny.stderr).toContain('--max-length: expected 0 (no limit) or a whole number of characters from 1000, got "200"');
    const lint = await runCli(['--max-length', '5000'], dir);
    expect(lint.code).toBe(2);
    expect(lint.stderr).toContain('--max-length is an option of obslint checklist');
  });
});
