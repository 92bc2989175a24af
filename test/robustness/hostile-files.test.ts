import { execFileSync } from 'node:child_process';
import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseJsonOutput, runCli, tempRepo } from '../../packages/cli/test/helpers.js';

/**
 * Hostile inputs (issue: robustness): each is handled within a documented limit with a clear finding or
 * warning, and the rest of the run completes. Time and memory are measured by scripts/robustness-report.mjs,
 * not asserted here.
 */
const GOOD_RULES = 'groups:\n  - name: g\n    rules:\n      - alert: StillLinted\n        expr: up == 0\n';

async function lintDir(dir: string, extra: string[] = []) {
  const run = await runCli(['.', '-f', 'json', '--no-config', ...extra], dir);
  expect(run.stderr).not.toMatch(/internal error/);
  const msgs = parseJsonOutput(run.stdout).flatMap((r) => r.messages.map((m) => ({ file: r.filePath.slice(dir.length + 1), ...m })));
  // The good file next to the hostile one is always linted.
  expect(msgs.some((m) => m.file === 'good.yaml' && m.ruleId === 'alert/missing-for')).toBe(true);
  return { run, msgs };
}

describe('hostile files', () => {
  it('a 100 MB JSON file is skipped above --max-file-size (default 20 MB) with a warning', async () => {
    const dir = tempRepo({ 'good.yaml': GOOD_RULES });
    const panel = JSON.stringify({ id: 1, type: 'timeseries', title: 'x'.repeat(1000), targets: [{ expr: 'up' }] });
    const n = Math.ceil((100 * 1024 * 1024) / (panel.length + 1));
    writeFileSync(join(dir, 'huge.json'), `{"title":"huge","panels":[${Array(n).fill(panel).join(',')}]}`);
    const { msgs } = await lintDir(dir);
    expect(msgs.filter((m) => m.file === 'huge.json')).toEqual([expect.objectContaining({ ruleId: 'file-skipped', severity: 1, message: expect.stringMatching(/100\.\d MB, above the 20 MB limit/) })]);
  }, 120_000);

  it('20,000-deep nesting in JSON and YAML: a parse error or a normal result, never a crash', async () => {
    const depth = 20_000;
    const dir = tempRepo({
      'good.yaml': GOOD_RULES,
      'deep.json': `{"title":"deep","panels":[],"x":${'['.repeat(depth)}${']'.repeat(depth)}}`,
      'deep.yaml': `groups:\n  - name: g\n    rules: []\nx: ${'['.repeat(depth)}${']'.repeat(depth)}\n`,
    });
    const { msgs } = await lintDir(dir);
    const deepYaml = msgs.filter((m) => m.file === 'deep.yaml');
    expect(deepYaml).toEqual([expect.objectContaining({ ruleId: 'parse-error', message: expect.stringMatching(/nesting/) })]);
    for (const m of msgs.filter((x) => x.file === 'deep.json')) expect(m.ruleId).not.toBe('parse-error');
  }, 60_000);

  it('a YAML alias bomb is refused as a parse error', async () => {
    const lines = ['groups: []', 'l0: &l0 ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]'];
    for (let i = 1; i <= 9; i++) lines.push(`l${i}: &l${i} [${Array(9).fill(`*l${i - 1}`).join(',')}]`);
    const dir = tempRepo({ 'good.yaml': GOOD_RULES, 'bomb.yaml': lines.join('\n') + '\n' });
    const { msgs } = await lintDir(dir);
    expect(msgs.filter((m) => m.file === 'bomb.yaml')).toEqual([expect.objectContaining({ ruleId: 'parse-error', message: expect.stringContaining('alias bomb') })]);
  });

  it('binary files are skipped with a warning', async () => {
    const dir = tempRepo({ 'good.yaml': GOOD_RULES });
    writeFileSync(join(dir, 'blob.json'), Buffer.from([0x7b, 0x00, 0xff, 0xfe, 0x00, 0x01, 0x7d]));
    const { msgs } = await lintDir(dir);
    expect(msgs.filter((m) => m.file === 'blob.json')).toEqual([expect.objectContaining({ ruleId: 'file-skipped', message: 'Skipped: binary file (contains NUL bytes).' })]);
  });

  it('invalid UTF-8 is linted with a warning (bytes read as U+FFFD)', async () => {
    const dir = tempRepo({ 'good.yaml': GOOD_RULES });
    writeFileSync(join(dir, 'latin1.yaml'), Buffer.concat([Buffer.from('groups:\n  - name: caf'), Buffer.from([0xe9]), Buffer.from('\n    rules:\n      - alert: A\n        expr: up == 0\n')]));
    const { msgs } = await lintDir(dir);
    const here = msgs.filter((m) => m.file === 'latin1.yaml').map((m) => m.ruleId);
    expect(here).toContain('file-skipped');
    expect(here).toContain('alert/missing-for');
  });

  it('symlink loops do not hang discovery', async () => {
    const dir = tempRepo({ 'good.yaml': GOOD_RULES, 'sub/x.txt': 'x' });
    symlinkSync(dir, join(dir, 'sub', 'loop'));
    symlinkSync(join(dir, 'sub', 'b'), join(dir, 'sub', 'a'));
    symlinkSync(join(dir, 'sub', 'a'), join(dir, 'sub', 'b'));
    await lintDir(dir);
  });

  it('a FIFO named on the command line is never opened (no hang)', async () => {
    const dir = tempRepo({ 'good.yaml': GOOD_RULES });
    execFileSync('mkfifo', [join(dir, 'pipe.yaml')]);
    const run = await runCli(['good.yaml', 'pipe.yaml', '-f', 'json', '--no-config'], dir);
    expect(run.stderr).toContain('skipping pipe.yaml: not a regular file or directory');
    expect(parseJsonOutput(run.stdout).flatMap((r) => r.messages).some((m) => m.ruleId === 'alert/missing-for')).toBe(true);
  });

  it.skipIf(process.getuid?.() === 0)('unreadable files give a warning (skipped as root, who can read anything)', async () => {
    const dir = tempRepo({ 'good.yaml': GOOD_RULES, 'secret.yaml': GOOD_RULES });
    execFileSync('chmod', ['000', join(dir, 'secret.yaml')]);
    const { msgs } = await lintDir(dir);
    expect(msgs.filter((m) => m.file === 'secret.yaml')).toEqual([expect.objectContaining({ ruleId: 'file-skipped', message: expect.stringContaining('cannot read file') })]);
  });

  it('a million-line exposition snapshot is linted', async () => {
    const dir = tempRepo({ 'good.yaml': GOOD_RULES });
    mkdirSync(join(dir, 'snap'));
    const lines = ['# HELP app_requests_total Requests.', '# TYPE app_requests_total counter'];
    for (let i = 0; i < 1_000_000; i++) lines.push(`app_requests_total{route="/r/${i % 50}",user_id="${i}"} ${i}`);
    writeFileSync(join(dir, 'snap', 'big.prom'), lines.join('\n') + '\n');
    const { msgs } = await lintDir(dir, ['--max-file-size', '200MB']);
    const here = msgs.filter((m) => m.file === 'snap/big.prom');
    expect(here.length).toBeGreaterThan(0);
    expect(here.every((m) => m.ruleId !== 'parse-error')).toBe(true);
  }, 180_000);
});
