import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { resolveConfig, runLint } from '@obslint/core';
import { builtinRules } from '@obslint/rules';
import { createUnitRunner } from './unit-runner.js';

const rule = (name: string, extra = '') => `groups:\n  - name: g-${name}\n    rules:\n      - alert: ${name}\n        expr: up{job="${name}"} == 0\n${extra}`;

describe('createUnitRunner with a cache', () => {
  const dir = mkdtempSync(join(tmpdir(), 'obslint-units-'));
  const files: string[] = [];
  for (let i = 0; i < 12; i++) {
    const f = join(dir, `r${i}.yaml`);
    writeFileSync(f, rule(i % 4 ? `A${i}` : 'Dup', i % 3 ? '        for: 5m\n' : ''));
    files.push(f);
  }
  const config = resolveConfig({}, builtinRules, { baseDir: dir });
  const lint = async (opts: { cacheLocation?: string; keepTextChars?: number }) => {
    const stats = { cacheHits: 0, cacheMisses: 0, workers: 0 };
    const runner = createUnitRunner({ rootDir: dir, config, rules: builtinRules, maxFileSize: 1 << 20, concurrency: 1, allowCode: false, plugins: [], stats, ...opts });
    const res = await runLint({ rootDir: dir, files, config, rules: builtinRules, ...runner });
    const findings = res.findings.map((f) => `${f.relPath}:${f.line}:${f.ruleId}:${f.fingerprint}`);
    res.findingSet.dispose();
    return { findings, stats };
  };

  it('gives the findings of a run without it, cold (texts read again beyond the kept budget) and warm', async () => {
    const plain = await lint({});
    expect(plain.findings.some((f) => f.includes('alert/duplicate'))).toBe(true);
    const cacheLocation = join(dir, 'cache', '.obslintcache');
    const cold = await lint({ cacheLocation, keepTextChars: 200 });
    expect(cold.stats).toMatchObject({ cacheHits: 0, cacheMisses: 12 });
    expect(cold.findings).toEqual(plain.findings);
    const warm = await lint({ cacheLocation, keepTextChars: 200 });
    expect(warm.stats).toMatchObject({ cacheHits: 12, cacheMisses: 0 });
    expect(warm.findings).toEqual(plain.findings);
  });
});
