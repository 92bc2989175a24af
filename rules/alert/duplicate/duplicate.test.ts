import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { RuleTester, resolveConfig, runLint } from '@obslint/core';
import { alert, rulesFile } from '../test-fixtures.js';
import { duplicate } from './index.js';

const crit = { labels: { severity: 'critical' } };
const warn = { labels: { severity: 'warning' } };

new RuleTester().run(duplicate, {
  valid: [
    { name: 'same name, different labels (split severities)', filename: 'rules.yaml', code: rulesFile(alert('DiskFull', 'x > 0.9', warn), alert('DiskFull', 'x > 0.95', crit)) },
    { name: 'same name in one file, different expressions (deliberate split)', filename: 'rules.yaml', code: rulesFile(alert('Errors', 'a > 1', warn), alert('Errors', 'b > 1', warn)) },
    { name: 'different names', filename: 'rules.yaml', code: rulesFile(alert('A', 'x > 1', warn), alert('B', 'x > 1', warn)) },
  ],
  invalid: [
    {
      name: 'copied in the same file',
      filename: 'rules.yaml',
      code: rulesFile(alert('A', 'x > 1', warn), alert('A', 'x  >  1', warn)),
      errors: [{ messageId: 'duplicate', line: 8, column: 16, message: 'Alert "A" is defined again with the same labels (first at rules.yaml:4): both fire for the same problem and page twice. Remove one, or give them different labels.' }],
    },
    {
      name: 'labels in another order are the same labels',
      filename: 'rules.yaml',
      code: rulesFile(alert('A', 'x > 1', { labels: { a: '1', b: '2' } }), alert('A', 'x > 1', { labels: { b: '2', a: '1' } })),
      errors: 1,
    },
  ],
});

describe('alert/duplicate across files (repo-wide phase)', () => {
  it('reports the copy in the second file, pointing at the first', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'obslint-dup-'));
    try {
      writeFileSync(join(dir, 'a.yaml'), rulesFile(alert('InstanceDown', 'up == 0', warn)));
      writeFileSync(join(dir, 'b.yaml'), rulesFile(alert('Other', 'x > 1', warn), alert('InstanceDown', 'up == 0 # same alert', warn)));
      writeFileSync(join(dir, 'c.yaml'), rulesFile(alert('InstanceDown', 'up == 0', crit)));
      const config = resolveConfig({ rules: { 'alert/duplicate': 'error' } } as never, [duplicate], { baseDir: dir });
      const res = await runLint({ rootDir: dir, files: ['a.yaml', 'b.yaml', 'c.yaml'].map((f) => join(dir, f)), config, rules: [duplicate] });
      const found = res.findings.filter((f) => f.ruleId === 'alert/duplicate').map((f) => `${f.relPath}:${f.line}:${f.column} ${f.message}`);
      expect(found).toEqual([
        'b.yaml:8:16 Alert "InstanceDown" is defined again with the same labels (first at a.yaml:4): both fire for the same problem and page twice. Remove one, or give them different labels.',
      ]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
