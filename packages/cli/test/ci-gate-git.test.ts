import { existsSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { commitAll, git, runCli, tempDir, writeFiles } from './ci-helpers.js';

/** Only the rules these scenarios exercise, so rules added later cannot change the counts. */
const CONFIG = `extends: []
rules:
  alert/missing-for: warn
  metric/generic-name: error
  log/structured-message: warn
  dashboard/max-panels: warn
  unused-suppression: warn
  parse-error: error
`;

const RULES_V1 = `groups:
  - name: app
    rules:
      - alert: AppDown
        expr: up{job="app"} == 0
        labels:
          severity: page
`;

/** The same file after an edit that inserts a group and an alert (with a proper \`for\`) above the old finding. */
const RULES_V2 = `groups:
  - name: app
    rules:
      - alert: AppSlow
        expr: histogram_quantile(0.99, sum by (le) (rate(http_request_duration_seconds_bucket[5m]))) > 1
        for: 10m
        labels:
          severity: ticket
      - alert: AppDown
        expr: up{job="app"} == 0
        labels:
          severity: page
`;

const PROM_V1 = `# HELP metric_1 Something.
# TYPE metric_1 gauge
metric_1 1
`;

/** Lines inserted above the old finding, and one new anti-pattern (a placeholder metric name) below it. */
const PROM_V2 = `# HELP app_jobs_total Jobs run.
# TYPE app_jobs_total counter
app_jobs_total 3
# HELP metric_1 Something.
# TYPE metric_1 gauge
metric_1 1
# HELP metric_2 Something else.
# TYPE metric_2 gauge
metric_2 2
`;

const CODE_V1 = `import pino from 'pino';
const logger = pino();

export function handle(id: string): void {
  logger.info(\`handling \${id}\`);
  logger.info(\`handling \${id}\`);
}
`;

/** Reformatted and shifted: a new import and function above, the call split over lines. */
const CODE_V2 = `import pino from 'pino';
import { readFileSync } from 'node:fs';
const logger = pino();

export function load(path: string): string {
  return readFileSync(path, 'utf8');
}

export function handle(id: string): void {
  logger.info(
    \`handling \${id}\`, // reformatted
  );
  logger.info(\`handling \${id}\`);
}
`;

function dashboard(panels: number): string {
  const list = Array.from({ length: panels }, (_, i) => ({ id: i + 1, type: 'stat', title: `Panel ${i}`, gridPos: { x: 0, y: i, w: 6, h: 4 } }));
  return JSON.stringify({ uid: 'big', title: 'Big', schemaVersion: 39, panels: list }, null, 2) + '\n';
}

interface JsonMessage {
  ruleId: string;
  line: number;
  fingerprint: string;
  entity?: string;
  message: string;
}

function messages(jsonOut: string): Array<JsonMessage & { file: string }> {
  const files = JSON.parse(jsonOut) as Array<{ filePath: string; messages: JsonMessage[] }>;
  return files.flatMap((f) => f.messages.map((m) => ({ ...m, file: f.filePath.replace(/^.*?\/repo\//, '') })));
}

let repo: string;

beforeEach(() => {
  repo = join(tempDir('gate'), 'repo');
  writeFiles(repo, {
    'obslint.config.yaml': CONFIG,
    'alerts/app.rules.yaml': RULES_V1,
    'metrics/app.prom': PROM_V1,
    'src/handler.ts': CODE_V1,
    'dashboards/big.json': dashboard(55),
  });
  git(repo, 'init', '-q');
  commitAll(repo, 'commit 1');
});

/** Commit 2: lines inserted above the old findings in three files, one new anti-pattern; the dashboard is untouched. */
function commitTwo(): void {
  writeFiles(repo, { 'alerts/app.rules.yaml': RULES_V2, 'metrics/app.prom': PROM_V2, 'src/handler.ts': CODE_V2 });
  commitAll(repo, 'commit 2');
}

describe('baseline across a commit that moves lines and adds one anti-pattern', () => {
  it('reports exactly the new finding; old findings keep their fingerprints', async () => {
    const before = messages((await runCli(repo, ['.', '-f', 'json'])).stdout);
    expect(before.map((m) => m.ruleId).sort()).toEqual(['alert/missing-for', 'dashboard/max-panels', 'log/structured-message', 'log/structured-message', 'metric/generic-name']);

    const written = await runCli(repo, ['baseline']);
    expect(written).toMatchObject({ code: 0, stderr: '' });
    expect(written.stdout).toContain('obslint-baseline.json: 5 findings under 4 fingerprints');
    const baseline = JSON.parse(readFileSync(join(repo, 'obslint-baseline.json'), 'utf8'));
    const logEntry = Object.values(baseline.findings).find((e: any) => e.ruleId === 'log/structured-message') as { count: number; entity: string };
    expect(logEntry).toMatchObject({ count: 2, entity: 'code:handle/logger.info(`handling ${id}`)' });
    expect((await runCli(repo, ['.', '--baseline', 'obslint-baseline.json'])).code).toBe(0);
    commitAll(repo, 'baseline');

    commitTwo();
    const after = messages((await runCli(repo, ['.', '-f', 'json'])).stdout);
    for (const old of before) {
      const moved = after.find((m) => m.fingerprint === old.fingerprint && m.file === old.file);
      expect(moved, `${old.ruleId} ${old.entity}`).toBeDefined();
    }
    // The lines did move: the same identities now sit lower in the files.
    const oldAlert = before.find((m) => m.ruleId === 'alert/missing-for')!;
    expect(after.find((m) => m.fingerprint === oldAlert.fingerprint)!.line).toBeGreaterThan(oldAlert.line);

    const gated = await runCli(repo, ['.', '--baseline', 'obslint-baseline.json', '-f', 'json']);
    const reported = messages(gated.stdout);
    expect(reported).toHaveLength(1);
    expect(reported[0]).toMatchObject({ ruleId: 'metric/generic-name', file: 'metrics/app.prom', line: 7, entity: 'metric:metric_2' });
    expect(gated.code).toBe(1); // a new error still fails
    expect(gated.stderr).toBe('');
  });

  it('counts repeats: a third copy of a baselined finding is new', async () => {
    await runCli(repo, ['baseline']);
    writeFiles(repo, { 'src/handler.ts': CODE_V1.replace('  logger.info(`handling ${id}`);\n}', '  logger.info(`handling ${id}`);\n  logger.info(`handling ${id}`);\n}') });
    const res = messages((await runCli(repo, ['.', '--baseline', 'obslint-baseline.json', '-f', 'json'])).stdout);
    expect(res.map((m) => [m.ruleId, m.line])).toEqual([['log/structured-message', 7]]);
  });

  it('reports stale entries and prunes them; the file is sorted and stable', async () => {
    await runCli(repo, ['baseline', '--baseline', 'base.json']);
    const first = readFileSync(join(repo, 'base.json'), 'utf8');
    await runCli(repo, ['baseline', '--baseline', 'base.json']);
    expect(readFileSync(join(repo, 'base.json'), 'utf8')).toBe(first);
    expect(Object.values(JSON.parse(first).findings).map((e: any) => e.file)).toEqual([
      'alerts/app.rules.yaml',
      'dashboards/big.json',
      'metrics/app.prom',
      'src/handler.ts',
    ]);

    // The alert is fixed and the metrics file deleted.
    writeFiles(repo, { 'alerts/app.rules.yaml': RULES_V1.replace('        labels:', '        for: 5m\n        labels:') });
    rmSync(join(repo, 'metrics/app.prom'));
    const res = await runCli(repo, ['.', '--baseline', 'base.json', '-f', 'json']);
    const stale = messages(res.stdout);
    expect(stale).toHaveLength(1);
    expect(stale[0]).toMatchObject({ ruleId: 'unused-suppression', file: 'alerts/app.rules.yaml', line: 1 });
    expect(stale[0].message).toContain('alert/missing-for on group:app/alert:AppDown');
    expect(res.stderr).toContain('base.json has 1 entry for files that no longer exist');
    expect(res.stderr).toContain('metrics/app.prom: metric/generic-name on metric:metric_1');

    const pruned = await runCli(repo, ['baseline', '--prune', '--baseline', 'base.json']);
    expect(pruned.stdout).toContain('removed 2 stale entries');
    const after = await runCli(repo, ['.', '--baseline', 'base.json', '-f', 'json']);
    expect(messages(after.stdout)).toEqual([]);
    expect(after.stderr).toBe('');
    // Pruning adds nothing: a new finding stays out of the baseline.
    writeFiles(repo, { 'metrics/new.prom': '# TYPE metric_9 gauge\nmetric_9 1\n' });
    await runCli(repo, ['baseline', '--prune', '--baseline', 'base.json']);
    expect(readFileSync(join(repo, 'base.json'), 'utf8')).not.toContain('metric_9');
    expect(existsSync(join(repo, 'base.json'))).toBe(true);
  });

  it('an entry under any key is an entry: "__proto__" is reported stale like any other', async () => {
    await runCli(repo, ['baseline', '--baseline', 'base.json']);
    const base = JSON.parse(readFileSync(join(repo, 'base.json'), 'utf8'));
    const text = JSON.stringify(base).replace('"findings":{', '"findings":{"__proto__":{"ruleId":"alert/missing-for","file":"alerts/app.rules.yaml","entity":"gone","message":"","count":1},');
    writeFiles(repo, { 'base.json': text });
    const res = await runCli(repo, ['.', '--baseline', 'base.json', '-f', 'json']);
    expect(messages(res.stdout)).toMatchObject([{ ruleId: 'unused-suppression', file: 'alerts/app.rules.yaml', line: 1 }]);
    expect(messages(res.stdout)[0].message).toContain('alert/missing-for on gone');
  });

  it('a missing or malformed baseline is a usage error', async () => {
    expect((await runCli(repo, ['.', '--baseline', 'nope.json'])).code).toBe(2);
    writeFiles(repo, { 'bad.json': '{"version": 7}' });
    const bad = await runCli(repo, ['.', '--baseline', 'bad.json']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('is not an obslint baseline');
    writeFiles(repo, { 'cut.json': '{\n  "version": 1,\n  "findings": {\n' });
    const cut = await runCli(repo, ['.', '--baseline', 'cut.json']);
    expect(cut.code).toBe(2);
    expect(cut.stderr).toMatch(/cut\.json:4:1: not valid JSON: closing brace "\}" expected/);
    // "obslint baseline" over a broken baseline: the same error, and the file is left as it was.
    for (const [file, error] of [
      ['cut.json', /cut\.json:4:1: not valid JSON: closing brace "\}" expected/],
      ['bad.json', /is not an obslint baseline/],
    ] as const) {
      const before = readFileSync(join(repo, file), 'utf8');
      const update = await runCli(repo, ['baseline', '--baseline', file]);
      expect(update.code).toBe(2);
      expect(update.stderr).toMatch(error);
      expect(readFileSync(join(repo, file), 'utf8')).toBe(before);
    }
  });
});

describe('--changed-since', () => {
  it('reports only findings in files the change touched; --changed-lines only those on changed lines', async () => {
    commitTwo();
    const byFile = messages((await runCli(repo, ['.', '--changed-since', 'HEAD~1', '-f', 'json'])).stdout);
    expect([...new Set(byFile.map((m) => m.file))].sort()).toEqual(['alerts/app.rules.yaml', 'metrics/app.prom', 'src/handler.ts']);
    expect(byFile).toHaveLength(5); // all but the dashboard's, which did not change

    const byLine = await runCli(repo, ['.', '--changed-since', 'HEAD~1', '--changed-lines', '-f', 'json']);
    // The split log call and the new metric are on changed lines; the moved alert and the moved old metric are not.
    expect(messages(byLine.stdout).map((m) => [m.file, m.ruleId, m.line])).toEqual([
      ['metrics/app.prom', 'metric/generic-name', 7],
      ['src/handler.ts', 'log/structured-message', 11],
    ]);
  });

  it('combines with a baseline: only what is new and changed', async () => {
    await runCli(repo, ['baseline']);
    commitAll(repo, 'baseline');
    commitTwo();
    const res = await runCli(repo, ['.', '--baseline', 'obslint-baseline.json', '--changed-since', 'HEAD~2', '-f', 'json']);
    expect(messages(res.stdout).map((m) => m.entity)).toEqual(['metric:metric_2']);
  });

  it('sees uncommitted and untracked changes; a bad ref or a missing --changed-since is a usage error', async () => {
    writeFiles(repo, { 'metrics/extra.prom': '# TYPE metric_3 gauge\nmetric_3 1\n' });
    const res = messages((await runCli(repo, ['.', '--changed-since', 'HEAD', '-f', 'json'])).stdout);
    expect(res.map((m) => m.file)).toEqual(['metrics/extra.prom']);
    const bad = await runCli(repo, ['.', '--changed-since', 'no-such-ref']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('unknown git ref "no-such-ref"');
    expect((await runCli(repo, ['.', '--changed-lines'])).code).toBe(2);
  });
});
