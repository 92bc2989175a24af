import { spawn } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { FORMATTERS, STREAMING_FORMATTERS, findingSourceOf, resolveConfig, runLint, type StreamFormatContext } from '@obslint/core';
import { builtinRules } from '@obslint/rules';
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

describe('findings of a large run', () => {
  // The demo, plus a dashboard and a rule file with suppression comments (used, unused, without a reason).
  const dir = join(tmp, 'spill');
  cpSync(demo, dir, { recursive: true });
  writeFileSync(
    join(dir, 'suppressed.yaml'),
    [
      'groups:',
      '  - name: g',
      '    rules:',
      '      # obslint-disable-next-line alert/missing-for -- paged on purpose',
      '      - alert: A',
      '        expr: up == 0',
      '      # obslint-disable-next-line alert/no-comparison',
      '      - alert: B',
      '        expr: up == 0',
      '        for: 5m',
      '',
    ].join('\n'),
  );
  const files = (d: string): string[] => readdirSync(d, { withFileTypes: true, recursive: true }).filter((e) => e.isFile()).map((e) => join(e.parentPath, e.name));
  // And the shop example: cross-file metric findings, reported from summaries whose locations were spilled.
  cpSync(join(repoRoot, 'examples/shop'), join(dir, 'shop'), { recursive: true });
  const run = (spillAbove: number, spillSummaries = false) => runLint({ rootDir: dir, files: files(dir), config: resolveConfig({}, builtinRules, { baseDir: dir }), rules: builtinRules, spillAbove, spillSummaries });

  it('are the same when written to the spill file and read back a file at a time as when held in memory', async () => {
    const held = await run(Infinity);
    const spilled = await run(1, true);
    expect(held.findings.length).toBeGreaterThan(5);
    const ids = held.findings.map((f) => f.ruleId);
    for (const id of ['unused-suppression', 'suppression-missing-reason', 'query/unknown-metric', 'query/unknown-label']) expect(ids).toContain(id);
    expect(spilled.findings).toEqual(held.findings);
    expect(spilled.findingSet.counts()).toEqual(held.findingSet.counts());
    spilled.findingSet.dispose();
  });

  it('every streamed format writes the same text from the set as the whole-report formatter from the array', async () => {
    const res = await run(1);
    const ctx: StreamFormatContext = { files: files(dir), rootDir: dir, rules: builtinRules, color: false, toolVersion: '0.0.0', readSource: (p) => readFileSync(p, 'utf8') };
    for (const [name, stream] of Object.entries(STREAMING_FORMATTERS)) {
      const whole = FORMATTERS[name]({ ...ctx, findings: res.findings });
      expect([...stream(ctx, res.findingSet)].join(''), name).toBe(whole);
      expect([...stream(ctx, findingSourceOf(res.findings))].join(''), name).toBe(whole);
    }
    res.findingSet.dispose();
  });
});
