import { join } from 'node:path';
import { Linter, type Rule } from 'eslint';
import json from '@eslint/json';
import * as yamlEslintParser from 'yaml-eslint-parser';
import * as core from '@obslint/core';
import { documentRules } from '@obslint/rules';
import plugin, { NAMESPACE, clearDocumentConfigs, findingLoc } from '../src/index.js';
import { textProgram } from '../src/parsers.js';

vi.mock('@obslint/core', async (importOriginal) => {
  const original = await importOriginal<typeof import('@obslint/core')>();
  return { ...original, lintText: vi.fn(original.lintText) };
});

const cwd = join(process.cwd(), 'examples', 'demo');
const documents = plugin.configs.documents as Linter.Config[];

function dashboard(panels: number): string {
  const list = Array.from({ length: panels }, (_, i) => `    { "id": ${i + 1}, "type": "timeseries", "title": "Panel ${i + 1}", "gridPos": { "x": 0, "y": ${i}, "w": 12, "h": 8 } }`);
  return `{\n  "uid": "x",\n  "title": "Big",\n  "schemaVersion": 39,\n  "panels": [\n${list.join(',\n')}\n  ]\n}\n`;
}

function verify(text: string, filename: string, extra: Linter.Config[] = []): Linter.LintMessage[] {
  return new Linter({ cwd }).verify(text, [...documents, ...extra], { filename: join(cwd, filename) });
}

beforeEach(() => {
  clearDocumentConfigs();
  vi.mocked(core.lintText).mockClear();
});

describe('document rules in ESLint', () => {
  it('runs lintText once per file text, however many obslint rules are enabled', () => {
    const enabled = Object.keys((documents[0] as Linter.Config).rules ?? {}).length;
    expect(enabled).toBeGreaterThan(3);
    const messages = verify(dashboard(60), 'dashboards/big.json');
    expect(messages.map((m) => m.ruleId)).toContain(`${NAMESPACE}/dashboard/max-panels`);
    expect(core.lintText).toHaveBeenCalledTimes(1);
  });

  it('reports at the CLI position in JSON and YAML', () => {
    const json = verify(dashboard(60), 'dashboards/big.json').find((m) => m.ruleId === `${NAMESPACE}/dashboard/max-panels`)!;
    expect([json.line, json.column]).toEqual([3, 12]); // "title": "Big" — the dashboard's title value
    const yaml = 'groups:\n  - name: g\n    rules:\n      - alert: Down\n        expr: up == 0\n        labels: { severity: warning }\n        annotations: { summary: down }\n';
    const missingFor = verify(yaml, 'alerts/a.yaml').find((m) => m.ruleId === `${NAMESPACE}/alert/missing-for`)!;
    expect([missingFor.line, missingFor.column]).toEqual([4, 16]);
    expect(missingFor.endColumn).toBe(20);
  });

  it('passes rule options from the ESLint config to the document rule', () => {
    const withOptions: Linter.Config = { files: ['**/*.json'], rules: { [`${NAMESPACE}/dashboard/max-panels`]: ['error', { warn: 5, error: 10 }] } };
    const msgs = verify(dashboard(8), 'dashboards/small.json', [withOptions]).filter((m) => m.ruleId === `${NAMESPACE}/dashboard/max-panels`);
    expect(msgs).toHaveLength(1);
    expect(msgs[0].message).toMatch(/8 panels/);
    expect(verify(dashboard(8), 'dashboards/small.json').filter((m) => m.ruleId === `${NAMESPACE}/dashboard/max-panels`)).toEqual([]);
  });

  it("reads JSON as text: what is not JSON is obslint's parse-error at its position, not an ESLint parsing error", () => {
    expect((documents[0] as Linter.Config).language).toBeUndefined();
    const msgs = verify('{\n  "uid": "x",\n  "panels": [],\n}\n', 'dashboards/trailing.json');
    expect(msgs.map((m) => [m.ruleId, m.fatal ?? false, m.line])).toEqual([[`${NAMESPACE}/parse-error`, false, 4]]);
  });

  it("reports the same beside a config that gives *.json ESLint's JSON language (@eslint/json's own rules)", () => {
    const alone = verify(dashboard(60), 'dashboards/big.json');
    expect(alone.length).toBeGreaterThan(0);
    const withJsonLanguage = new Linter({ cwd }).verify(
      dashboard(60).replace('"uid": "x",', '"uid": "x", "uid": "y",'),
      [{ files: ['**/*.json'], plugins: { json }, language: 'json/json', rules: { 'json/no-duplicate-keys': 'error' } }, ...documents],
      { filename: join(cwd, 'dashboards/big.json') },
    );
    expect(withJsonLanguage.filter((m) => m.ruleId === 'json/no-duplicate-keys')).toHaveLength(1);
    // the duplicate key is on line 2, before every obslint finding: the same findings at the same places
    const obslintOnly = (ms: Linter.LintMessage[]) => ms.filter((m) => m.ruleId?.startsWith(`${NAMESPACE}/`)).map((m) => [m.ruleId, m.line, m.column, m.endLine, m.endColumn, m.message]);
    expect(obslintOnly(withJsonLanguage)).toEqual(obslintOnly(alone));
  });

  it("reports the same when another plugin's parser reads *.json after obslint's config (eslint-plugin-jsonc's, say)", () => {
    const alone = verify(dashboard(60), 'dashboards/big.json');
    // a parser of another plugin: its own tree of the file, without obslint's parser services
    const otherParser: Linter.Parser = {
      meta: { name: 'other-json-parser' },
      parseForESLint: (text: string) => ({
        ast: { type: 'Program', body: [], sourceType: 'module', comments: [], tokens: [], range: [0, text.length], loc: { start: { line: 1, column: 0 }, end: { line: 1, column: 0 } } } as never,
        services: {},
        visitorKeys: { Program: [] },
      }),
    };
    const msgs = verify(dashboard(60), 'dashboards/big.json', [{ files: ['**/*.json'], languageOptions: { parser: otherParser } }]);
    const located = (ms: Linter.LintMessage[]) => ms.map((m) => [m.ruleId, m.line, m.column, m.endLine, m.endColumn, m.message]);
    expect(located(msgs)).toEqual(located(alone));
    // YAML: yaml-eslint-parser itself (eslint-plugin-yml's), after obslint's config
    const rules = 'groups:\n  - name: g\n    rules:\n      - alert: Down\n        expr: up == 0\n';
    const yamlAlone = verify(rules, 'alerts/a.yaml');
    expect(yamlAlone.length).toBeGreaterThan(0);
    expect(located(verify(rules, 'alerts/a.yaml', [{ files: ['**/*.yaml'], languageOptions: { parser: yamlEslintParser } }]))).toEqual(located(yamlAlone));
  });

  it("reads YAML as text: obslint's suppression comments work, ESLint's own directives do nothing, as in the CLI", () => {
    const rule = (comment: string) => `groups:\n  - name: g\n    rules:\n      ${comment}\n      - alert: Down\n        expr: up == 0\n        labels: { severity: warning }\n        annotations: { summary: down }\n`;
    const ids = (text: string) => verify(text, 'alerts/a.yaml').map((m) => m.ruleId);
    expect(ids(rule('# nothing'))).toEqual([`${NAMESPACE}/alert/missing-for`]);
    expect(ids(rule('# obslint-disable-next-line alert/missing-for -- fires at once on purpose'))).toEqual([]);
    expect(ids(rule('# eslint-disable-next-line obslint/alert/missing-for'))).toEqual([`${NAMESPACE}/alert/missing-for`]);
  });

  it('turns YAML that does not parse (a Helm template) into obslint findings, not an ESLint parsing error', () => {
    const helm = 'groups:\n{{- range .Values.groups }}\n  - name: {{ .name }}\n{{- end }}\n';
    const msgs = verify(helm, 'templates/rules.yaml', [{ files: ['**/*.yaml'], rules: { [`${NAMESPACE}/file-skipped`]: 'warn' } }]);
    expect(msgs.every((m) => !m.fatal)).toBe(true);
    expect(msgs.map((m) => m.ruleId)).toEqual([`${NAMESPACE}/file-skipped`]);
  });

  it('reports broken YAML as parse-error at the error position', () => {
    const msgs = verify('groups:\n  - name: [unclosed\n', 'alerts/broken.yaml');
    expect(msgs.map((m) => [m.ruleId, m.fatal ?? false])).toEqual([[`${NAMESPACE}/parse-error`, false]]);
    expect(msgs[0].line).toBeGreaterThanOrEqual(2);
  });

  it('lints exposition snapshots as text', () => {
    const msgs = verify('# HELP metric_1 x\n# TYPE metric_1 counter\nmetric_1 3\n', 'metrics/a.prom');
    expect(msgs.map((m) => m.ruleId)).toContain(`${NAMESPACE}/metric/generic-name`);
  });

  it('files that are not obslint documents get no findings', () => {
    expect(verify('{ "name": "x", "version": "1.0.0" }\n', 'package.json')).toEqual([]);
    expect(verify('name: ci\non: push\n', '.github/workflows/ci.yml')).toEqual([]);
  });

  it('has one ESLint rule per document rule id, with docs url and an option schema matching the rule', () => {
    for (const r of documentRules) {
      const rule = plugin.rules![r.meta.id] as Rule.RuleModule;
      expect(rule, r.meta.id).toBeDefined();
      expect(rule.meta?.docs?.url).toBe(core.ruleDocsUrl(r.meta.id));
    }
  });
});

describe('findingLoc', () => {
  const f = { line: 2, column: 5, endLine: 2, endColumn: 9 } as core.Finding;
  it('converts 1-based columns with an exclusive end to ESLint locations', () => {
    expect(findingLoc(f, 0)).toEqual({ start: { line: 2, column: 4 }, end: { line: 2, column: 8 } });
    expect(findingLoc(f, 1)).toEqual({ start: { line: 2, column: 5 }, end: { line: 2, column: 9 } });
  });
});

describe('textProgram', () => {
  it('spans the whole text: its last line and column, whatever the line breaks', () => {
    expect(textProgram('').loc.end).toEqual({ line: 1, column: 0 });
    expect(textProgram('a: 1\nbb: 22').loc.end).toEqual({ line: 2, column: 6 });
    expect(textProgram('a\r\nb\rcc\n').loc.end).toEqual({ line: 4, column: 0 });
    expect(textProgram('a\r\nb\rccc').range).toEqual([0, 8]);
  });
});
