import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import Ajv from 'ajv-draft-04';
import addFormats from 'ajv-formats';
import { formatSarif, type Finding } from '@obslint/core';
import { builtinRules } from '@obslint/rules';
import { describe, expect, it } from 'vitest';
import { runCli, tempDir } from './ci-helpers.js';

const require = createRequire(import.meta.url);
const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
/** The SARIF 2.1.0 JSON Schema (draft-04) as published by the SARIF project, shipped in @microsoft/jest-sarif. */
const schemaPath = join(dirname(require.resolve('@microsoft/jest-sarif/package.json')), 'lib/schemas/sarif-2.1.0-rtm.5.json');

function validator() {
  const schema = JSON.parse(readFileSync(schemaPath, 'utf8'));
  // unicodeRegExp off: the schema's `language` pattern has a stray `]` that only non-unicode RegExps accept.
  const ajv = new Ajv({ allErrors: true, strict: false, unicodeRegExp: false });
  addFormats(ajv);
  return ajv.compile(schema);
}

describe('SARIF output against the official SARIF 2.1.0 schema', () => {
  it('a run over examples/demo validates and carries rules, regions and line-free fingerprints', async () => {
    const out = join(tempDir('sarif'), 'demo.sarif');
    const res = await runCli(repoRoot, ['examples/demo', '-f', 'sarif', '-o', out]);
    expect(res.stderr).toBe('');
    expect(res.code).toBe(1); // the demo has errors
    const log = JSON.parse(readFileSync(out, 'utf8'));
    const validate = validator();
    const valid = validate(log);
    expect(validate.errors ?? []).toEqual([]);
    expect(valid).toBe(true);

    const run = log.runs[0];
    expect(log.version).toBe('2.1.0');
    expect(run.tool.driver).toMatchObject({ name: 'obslint', informationUri: expect.stringMatching(/^https:\/\//) });
    expect(run.automationDetails.id).toBe('obslint/');
    expect(run.results.length).toBeGreaterThanOrEqual(7);
    for (const r of run.results) {
      expect(run.tool.driver.rules[r.ruleIndex].id).toBe(r.ruleId);
      const loc = r.locations[0].physicalLocation;
      expect(loc.artifactLocation.uriBaseId).toBe('%SRCROOT%');
      expect(loc.artifactLocation.uri).toMatch(/^examples\/demo\//);
      expect(loc.region.startLine).toBeGreaterThan(0);
      const fp = r.partialFingerprints['obslintFingerprint/v1'];
      expect(fp).toMatch(/^[0-9a-f]{32}(:\d+)?$/);
    }
    const missingFor = run.tool.driver.rules.find((r: { id: string }) => r.id === 'alert/missing-for');
    expect(missingFor.help.markdown).toMatch(/^# alert\/missing-for/);
    expect(missingFor.help.text).not.toMatch(/^#/);
    expect(missingFor.fullDescription.text).toMatch(/fires on the first evaluation/);
    expect(missingFor.helpUri).toBe('https://github.com/obslint/obslint/blob/main/rules/alert/missing-for/README.md');
    expect(missingFor.defaultConfiguration.level).toBe('warning');
    expect(missingFor.properties.tags).toContain('alert');
  });

  it('--sarif-max-results keeps the most severe findings, the first of the last severity in file order, and says what it left out', async () => {
    const dir = tempDir('sarif-cap');
    const out = join(dir, 'capped.sarif');
    const all = join(dir, 'all.json');
    const res = await runCli(repoRoot, ['examples/demo', '-f', 'sarif', '-o', out, '--sarif-max-results', '10', '-f', 'json', '-o', all]);
    expect(res.code).toBe(1);
    const log = JSON.parse(readFileSync(out, 'utf8'));
    const validate = validator();
    expect(validate(log) ? [] : validate.errors).toEqual([]);
    const findings = (JSON.parse(readFileSync(all, 'utf8')) as Array<{ filePath: string; messages: Array<{ severity: number; line: number }> }>).flatMap((f) => f.messages.map((m) => ({ file: f.filePath, severity: m.severity, line: m.line })));
    const errors = findings.filter((f) => f.severity === 2).length;
    expect(errors).toBeGreaterThan(0);
    expect(errors).toBeLessThanOrEqual(10);
    expect(findings.length).toBeGreaterThan(10);
    const results: Array<{ level: string; locations: Array<{ physicalLocation: { artifactLocation: { uri: string }; region: { startLine: number } } }> }> = log.runs[0].results;
    expect(results).toHaveLength(10);
    // Every error is kept, then the first warnings in file order (the JSON output's order) up to the limit.
    expect(results.filter((r) => r.level === 'error')).toHaveLength(errors);
    const where = (r: (typeof results)[number]) => `${r.locations[0].physicalLocation.artifactLocation.uri}:${r.locations[0].physicalLocation.region.startLine}`;
    const firstWarnings = findings.filter((f) => f.severity === 1).slice(0, 10 - errors).map((f) => `${relative(repoRoot, f.file)}:${f.line}`);
    expect(results.filter((r) => r.level === 'warning').map(where)).toEqual(firstWarnings);
    const omitted = findings.length - results.length;
    expect(log.runs[0].invocations).toEqual([
      {
        executionSuccessful: true,
        toolExecutionNotifications: [
          {
            level: 'warning',
            descriptor: { id: 'results-omitted' },
            message: { text: `${omitted} less severe results are left out: this log holds at most 10 (--sarif-max-results). The other output formats have every finding; --baseline reports only new ones.` },
            properties: { omittedResults: omitted },
          },
        ],
      },
    ]);
    expect(res.stderr).toBe(`obslint: SARIF (${out}) holds the ${results.length} most severe of ${findings.length} findings (--sarif-max-results 10); the other formats have all of them\n`);
    // Within the limit nothing changes: no notification, every finding.
    const whole = join(dir, 'whole.sarif');
    const res2 = await runCli(repoRoot, ['examples/demo', '-f', 'sarif', '-o', whole, '--sarif-max-results', '25000']);
    expect(res2.stderr).toBe('');
    const wholeLog = JSON.parse(readFileSync(whole, 'utf8'));
    expect(wholeLog.runs[0].results).toHaveLength(findings.length);
    expect(wholeLog.runs[0].invocations).toBeUndefined();
    for (const bad of ['0', '-5', '2.5', 'many']) {
      const r = await runCli(repoRoot, ['examples/demo', '-f', 'sarif', `--sarif-max-results=${bad}`]);
      expect(r.code).toBe(2);
      expect(r.stderr).toContain(`--sarif-max-results: expected a whole number from 1 (GitHub code scanning takes at most 25000), got "${bad}"`);
    }
  });

  it('validates with info notes, fixes, unicode paths and a finding of an unlisted rule', () => {
    const base: Finding = { ruleId: 'parse-error', severity: 'info', message: 'm', filePath: '/r/a b/ü.yaml', relPath: 'a b/ü.yaml', line: 2, column: 1, endLine: 2, endColumn: 1, fingerprint: 'a'.repeat(32), origin: 'tool' };
    const findings: Finding[] = [
      { ...base, fix: [{ start: 3, end: 5, text: 'x' }], entity: 'dashboard:u/panel:1' },
      { ...base, ruleId: 'plugin/other', severity: 'error' },
    ];
    const log = JSON.parse(formatSarif({ findings, files: ['/r/a b/ü.yaml'], rootDir: '/r', rules: builtinRules, color: false, toolVersion: '0.1.0' }));
    const validate = validator();
    expect(validate(log), JSON.stringify(validate.errors)).toBe(true);
    expect(log.runs[0].results.map((r: { level: string }) => r.level)).toEqual(['note', 'error']);
  });

  it('the log `obslint merge --sarif-max-results` joins from capped shards validates', async () => {
    const dir = tempDir('sarif-merge');
    const shard = (k: number) => join(dir, `s${k}.sarif`);
    for (const k of [1, 2]) await runCli(repoRoot, ['examples/demo', '--shard', `${k}/2`, '-f', 'sarif', '-o', shard(k), '--sarif-max-results', '3']);
    const out = join(dir, 'merged.sarif');
    const res = await runCli(repoRoot, ['merge', shard(1), shard(2), '-f', 'sarif', '-o', out, '--sarif-max-results', '4']);
    expect(res.code).toBe(1);
    const log = JSON.parse(readFileSync(out, 'utf8'));
    const validate = validator();
    expect(validate(log), JSON.stringify(validate.errors)).toBe(true);
    expect(log.runs[0].results).toHaveLength(4);
    expect(log.runs[0].invocations[0].toolExecutionNotifications[0].properties.omittedResults).toBeGreaterThan(0);
  });

  it('the schema is strict enough to reject a broken log', () => {
    const validate = validator();
    expect(validate({ version: '2.1.0', runs: [{ tool: { driver: {} }, results: [] }] })).toBe(false);
    expect(validate({ version: '2.1.0', runs: [{ tool: { driver: { name: 'x' } }, results: [{ message: { text: 'm' }, level: 'fatal' }] }] })).toBe(false);
  });
});
