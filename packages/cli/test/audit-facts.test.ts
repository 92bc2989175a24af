import { readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildAuditReport, resolveConfig, runLint } from '@obslint/core';
import { builtinRules } from '@obslint/rules';

const repoRoot = resolve(import.meta.dirname, '../../..');
const files = (d: string): string[] => readdirSync(d, { withFileTypes: true, recursive: true }).filter((e) => e.isFile()).map((e) => join(e.parentPath, e.name));

describe('what a run keeps of the models', () => {
  it('a run that keeps what the audit needs of each file gives the audit of one that keeps every model', async () => {
    const dir = join(repoRoot, 'examples');
    const config = resolveConfig({ extends: ['strict'] }, builtinRules, { baseDir: dir });
    const run = (o: { needModels?: boolean; auditFacts?: boolean }) => runLint({ rootDir: dir, files: files(dir), config, rules: builtinRules, ...o });
    const withModels = await run({ needModels: true });
    const withFacts = await run({ auditFacts: true });
    expect(withModels.models.length).toBeGreaterThan(5);
    // The models went as each file was done; what the audit needs of them stayed.
    expect(withFacts.models).toEqual([]);
    expect(withFacts.auditFacts.map((f) => f.relPath).sort()).toEqual(withModels.models.map((m) => m.file.relPath).sort());
    const audit = (r: typeof withModels, input: object) => JSON.stringify(buildAuditReport({ findings: r.findings, files: r.findingSet.files, rules: builtinRules, rootDir: dir, ...input }));
    const fromFacts = audit(withFacts, { facts: withFacts.auditFacts });
    expect(fromFacts).toBe(audit(withModels, { models: withModels.models }));
    expect(fromFacts).toContain('"dashboards":[{');
    expect(fromFacts).toContain('"noisyAlerts":[{');
    expect(fromFacts).toContain('"cardinality":[{');
    withModels.findingSet.dispose();
    withFacts.findingSet.dispose();
  });

  it('a run that reads the models of some files (--changed-lines: the changed ones) keeps only those', async () => {
    const dir = join(repoRoot, 'examples');
    const config = resolveConfig({}, builtinRules, { baseDir: dir });
    const all = files(dir);
    const wanted = all.filter((p) => p.endsWith('.json'));
    const res = await runLint({ rootDir: dir, files: all, config, rules: builtinRules, keepModel: (p) => wanted.includes(p) });
    expect(wanted.length).toBeGreaterThan(1);
    expect(res.models.map((m) => m.file.path).sort()).toEqual(wanted.sort());
    res.findingSet.dispose();
  });
});
