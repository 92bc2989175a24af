import { resolve } from 'node:path';
import { lintText, resolveConfig } from '@obslint/core';
import { alertRules } from './index.js';
import { recordingRules } from '../recording/index.js';
import { alertmanagerRules } from '../alertmanager/index.js';

/** Every alert/recording/alertmanager rule over odd but parseable shapes: findings are fine, crashes are not. */
const rules = [...alertRules, ...recordingRules, ...alertmanagerRules];
const shapes: Record<string, string> = {
  'null and scalar fields': 'groups:\n  - name: 5\n    interval: 1\n    rules:\n      - alert: 42\n        expr: 1\n        for: 5\n        keep_firing_for: [1]\n        labels: null\n        annotations: [a, b]\n      - null\n      - "text"\n      - record: 7\n        expr: {a: 1}\n        labels: {a: null, b: 3, c: [1]}\n  - rules: []\n  - null\n  - name: x\n    rules: {a: 1}\n',
  'empty and broken expressions': 'groups:\n  - name: g\n    rules:\n      - alert: A\n        expr: ""\n      - alert: B\n        expr: "sum by ("\n        annotations: {summary: "{{ $labels.x"}\n      - alert: C\n        expr: "(((((((((("\n      - alert: D\n        expr: "rate(x[5m]) offset"\n        labels: {severity: "{{ $value"}\n',
  'deep nesting': `groups:\n  - name: g\n    rules:\n      - alert: Deep\n        expr: "${'('.repeat(300)}up${')'.repeat(300)} == 0"\n        annotations: {summary: "${'{{ if 1 }}'.repeat(50)}x${'{{ end }}'.repeat(50)}"}\n`,
  'odd alertmanager config': 'route:\n  receiver: 5\n  group_by: alertname\n  repeat_interval: 5\n  routes: [null, 1, {routes: {}}, {receiver: null, group_by: [1, null]}]\nreceivers:\n  - null\n  - name: 3\n',
  'crd with odd spec': 'apiVersion: monitoring.coreos.com/v1\nkind: PrometheusRule\nspec:\n  groups: {a: 1}\n',
  'namespace map with empty lists': 'a: []\nb:\n  - name: g\n    rules:\n      - alert: A\n        expr: up == 0\n',
};

describe('alert, recording and alertmanager rules never crash', () => {
  const rootDir = resolve('/__robust__');
  const config = resolveConfig({ extends: ['all'] } as never, rules, { baseDir: rootDir });
  for (const [name, text] of Object.entries(shapes)) {
    it(name, () => {
      const { findings, model } = lintText({ text, path: resolve(rootDir, name.includes('alertmanager') ? 'alertmanager.yml' : 'rules.yaml'), rootDir, config, rules });
      expect(model.ruleFiles.length + model.alertmanagers.length).toBeGreaterThan(0);
      expect(findings.filter((f) => f.ruleId === 'parse-error' || f.ruleId === 'rule-error')).toEqual([]);
    });
  }
});
