import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from './ci-helpers.js';

const repoRoot = resolve(import.meta.dirname, '../../..');
const bin = join(repoRoot, 'packages/cli/bin/obslint.js');
const demo = join(repoRoot, 'examples/demo');
const tmp = mkdtempSync(join(tmpdir(), 'obslint-stream-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe('report output', () => {
  it('writes the JSON report to a file, streamed, with the same content as on stdout', async () => {
    const toStdout = await runCli(demo, ['.', '-f', 'json']);
    const toFile = await runCli(demo, ['.', '-f', 'json', '-o', join(tmp, 'nested/dir/report.json')]);
    expect(toFile.code).toBe(1);
    expect(toFile.code).toBe(toStdout.code);
    const text = readFileSync(join(tmp, 'nested/dir/report.json'), 'utf8');
    expect(text).toBe(toStdout.stdout);
    const entries = JSON.parse(text) as Array<{ messages: Array<{ ruleId: string }> }>;
    expect(entries.flatMap((e) => e.messages.map((m) => m.ruleId))).toContain('metric/generic-name');
  });

  it('a reader that stops early (| head) ends the run quietly, with the lint exit code', async () => {
    const child = spawn(process.execPath, [bin, '.', '-f', 'json'], { cwd: demo, stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (d) => (stderr += d));
    // Read the first chunk, then close the pipe, as `head -c 1` would.
    child.stdout.once('data', () => child.stdout.destroy());
    const code = await new Promise<number | null>((done) => child.on('close', done));
    expect(stderr).not.toMatch(/EPIPE|internal error|Unhandled/);
    // The demo has error findings: the exit code says so even though the report was cut short.
    expect(code).toBe(1);
  });
});
