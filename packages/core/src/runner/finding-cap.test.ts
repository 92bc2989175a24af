import { describe, expect, it } from 'vitest';
import type { Finding } from './finding.js';
import { capFindingSource, findingSourceOf } from './finding-set.js';

const f = (file: string, line: number, severity: Finding['severity']): Finding => ({
  ruleId: 'alert/missing-for',
  severity,
  message: `${severity} at ${file}:${line}`,
  filePath: `/repo/${file}`,
  relPath: file,
  line,
  column: 1,
  endLine: line,
  endColumn: 2,
  fingerprint: `${file}:${line}`,
  origin: 'document',
});

/** a.yaml: 1 error, 2 warnings, 1 info; b.yaml: 3 warnings; c.yaml: 1 error, 1 warning, 2 infos. */
const findings = [
  f('a.yaml', 1, 'error'), f('a.yaml', 2, 'warning'), f('a.yaml', 3, 'warning'), f('a.yaml', 4, 'info'),
  f('b.yaml', 1, 'warning'), f('b.yaml', 2, 'warning'), f('b.yaml', 3, 'warning'),
  f('c.yaml', 1, 'error'), f('c.yaml', 2, 'warning'), f('c.yaml', 3, 'info'), f('c.yaml', 4, 'info'),
];
const kept = (max: number) => {
  const c = capFindingSource(findingSourceOf(findings), max);
  const all = c.source.files.flatMap((p) => c.source.of(p).map((x) => x.message));
  expect(all).toHaveLength(c.kept);
  return { kept: all, omitted: c.omitted };
};

describe('capFindingSource', () => {
  it('keeps everything within the limit', () => {
    expect(kept(11)).toEqual({ kept: findings.map((x) => x.message), omitted: 0 });
  });

  it('keeps every error, then the first warnings in file order, up to the limit', () => {
    // 2 errors + a.yaml's 2 warnings = 4; then the first 2 of b.yaml's 3.
    expect(kept(6)).toEqual({ kept: ['error at a.yaml:1', 'warning at a.yaml:2', 'warning at a.yaml:3', 'warning at b.yaml:1', 'warning at b.yaml:2', 'error at c.yaml:1'], omitted: 5 });
    expect(kept(7)).toEqual({ kept: ['error at a.yaml:1', 'warning at a.yaml:2', 'warning at a.yaml:3', 'warning at b.yaml:1', 'warning at b.yaml:2', 'warning at b.yaml:3', 'error at c.yaml:1'], omitted: 4 });
  });

  it('keeps infos only once every warning fits, and only the first errors when they alone are too many', () => {
    expect(kept(9).kept).toEqual(['error at a.yaml:1', 'warning at a.yaml:2', 'warning at a.yaml:3', 'info at a.yaml:4', 'warning at b.yaml:1', 'warning at b.yaml:2', 'warning at b.yaml:3', 'error at c.yaml:1', 'warning at c.yaml:2']);
    expect(kept(1)).toEqual({ kept: ['error at a.yaml:1'], omitted: 10 });
    // The same findings each time the source is read (the formatter reads it again).
    const c = capFindingSource(findingSourceOf(findings), 5);
    const read = () => c.source.files.flatMap((p) => c.source.of(p).map((x) => x.message));
    expect(read()).toEqual(read());
    expect(read()).toHaveLength(5);
  });
});
