import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { lintText, resolveConfig, SourceFile, type Finding } from '@obslint/core';
import { dashboardRules } from './index.js';

// The same dashboard content in every shape (fixtures/shapes/generate.mjs writes them from one classic
// dashboard): each must give the same rule ids on the same panels, at the right characters.
const dir = join(dirname(fileURLToPath(import.meta.url)), 'fixtures', 'shapes');
const SHAPES = ['classic.json', 'k8s-v1.json', 'k8s-v2.json', 'configmap.yaml', 'configmaplist.yaml', 'grafana-operator.yaml', 'grafana-operator-gzip.yaml'];

function lint(name: string): { findings: Finding[]; text: string; dashboards: number } {
  const text = readFileSync(join(dir, name), 'utf8');
  const config = resolveConfig({ extends: ['all'] }, dashboardRules, { baseDir: dir });
  const { findings, model } = lintText({ text, path: join(dir, name), rootDir: dir, config, rules: dashboardRules });
  return { findings, text, dashboards: model.dashboards.length };
}

/** `rule  panel` pairs, the target part of the entity dropped (v2 carries datasources on queries only). */
function signature(findings: Finding[]): string[] {
  return findings.map((f) => `${f.ruleId}  ${(f.entity ?? '').replace(/\/target:.*$/, '')}`).sort();
}

/** The text at a finding's start. */
function textAt(f: Finding, text: string, length: number): string {
  const file = new SourceFile('/x', 'x', text);
  const start = file.offsetAt({ line: f.line, column: f.column });
  return text.slice(start, start + length);
}

describe('one dashboard, every shape', () => {
  const classic = lint('classic.json');

  it('the classic dashboard has the expected findings', () => {
    expect(classic.findings.filter((f) => f.ruleId === 'parse-error')).toEqual([]);
    expect(signature(classic.findings)).toEqual([
      'dashboard/counter-without-rate  dashboard:shapes/panel:3',
      'dashboard/datasource-variable  dashboard:shapes/panel:3',
      'dashboard/deprecated-panel-type  dashboard:shapes/panel:2',
      'dashboard/duplicate-panel-id  dashboard:shapes/panel:4',
      'dashboard/high-cardinality-query  dashboard:shapes/panel:4',
      'dashboard/high-cardinality-query  dashboard:shapes/panel:4',
      'dashboard/invalid-query  dashboard:shapes/panel:6',
      'dashboard/panel-title  dashboard:shapes/panel:3',
      'dashboard/panel-units  dashboard:shapes/panel:3',
      'dashboard/panel-units  dashboard:shapes/panel:4',
      'dashboard/panel-units  dashboard:shapes/panel:6',
      'dashboard/rate-interval  dashboard:shapes/panel:2',
      'dashboard/rate-interval  dashboard:shapes/panel:4',
      'dashboard/refresh-too-frequent  dashboard:shapes',
    ]);
  });

  it.each(SHAPES.slice(1))('%s gives the same rule ids on the same panels', (name) => {
    const r = lint(name);
    expect(r.dashboards).toBe(1);
    expect(r.findings.filter((f) => f.ruleId === 'parse-error')).toEqual([]);
    expect(signature(r.findings)).toEqual(signature(classic.findings));
  });

  it.each(SHAPES.filter((s) => !s.includes('gzip')))('%s: query findings point at the characters inside expr', (name) => {
    const r = lint(name);
    // The whole range as written, start to end column.
    const rate = r.findings.filter((f) => f.ruleId === 'dashboard/rate-interval').map((f) => textAt(f, r.text, f.endColumn - f.column));
    expect(rate.sort()).toEqual(['$__interval', '5m']);
    const counter = r.findings.find((f) => f.ruleId === 'dashboard/counter-without-rate')!;
    expect(textAt(counter, r.text, 19)).toBe('http_requests_total');
    const invalid = r.findings.find((f) => f.ruleId === 'dashboard/invalid-query')!;
    expect(r.text.split('\n')[invalid.line - 1]).toContain('"sum(rate(x_total[$__rate_interval])"');
    const groupBy = r.findings.find((f) => f.ruleId === 'dashboard/high-cardinality-query')!;
    expect(textAt(groupBy, r.text, 7)).toBe('user_id');
  });

  it('gzipJson findings point at the gzipJson scalar', () => {
    const r = lint('grafana-operator-gzip.yaml');
    const line = r.text.split('\n').findIndex((l) => l.includes('gzipJson:')) + 1;
    for (const f of r.findings) expect(f.line, f.message).toBe(line);
  });

  it('multi-document YAML holds two dashboards with the same findings each', () => {
    const r = lint('multi-document.yaml');
    expect(r.dashboards).toBe(2);
    const one = signature(classic.findings);
    expect(signature(r.findings)).toEqual([...one, ...one].sort());
  });
});
