import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { resolveConfig } from '../config/resolve-config.js';
import { lintText } from '../runner/run.js';
import { defineRule } from '../rule/types.js';
import { TOOL_RULES } from '../rule/tool-rules.js';
import { parseInlineSuppressions } from './inline-suppressions.js';
import { SourceFile } from '../source/source-file.js';

/** Test rules: one finding per alert at its name, one per alert at its `expr`. */
const atName = defineRule({
  meta: { id: 'alert/at-name', domain: 'alert', description: 'x', severity: 'warning', preset: 'recommended', messages: { m: 'alert {{n}}' }, defaultOptions: {} },
  create: (ctx) => ({ alertingRule: (r) => ctx.report({ messageId: 'm', data: { n: r.name }, at: r.group.file.doc.ref(`${r.pointer}/alert`), entity: r.entity }) }),
});
const atExpr = defineRule({
  meta: { id: 'alert/at-expr', domain: 'alert', description: 'x', severity: 'warning', preset: 'recommended', messages: { m: 'expr {{n}}' }, defaultOptions: {} },
  create: (ctx) => ({ alertingRule: (r) => ctx.report({ messageId: 'm', data: { n: r.name }, at: r.group.file.doc.ref(r.exprPointer), entity: r.entity }) }),
});
const strictOnly = defineRule({
  meta: { id: 'alert/strict-only', domain: 'alert', description: 'x', severity: 'info', preset: 'strict', messages: { m: 'strict {{n}}' }, defaultOptions: {} },
  create: (ctx) => ({ alertingRule: (r) => ctx.report({ messageId: 'm', data: { n: r.name }, at: r.group.file.doc.ref(`${r.pointer}/alert`), entity: r.entity }) }),
});
const rules = [atName, atExpr, strictOnly, ...TOOL_RULES];

function lint(text: string, user: Record<string, unknown> = {}) {
  const rootDir = resolve('/__sup__');
  const config = resolveConfig(user as never, rules, { baseDir: rootDir });
  return lintText({ text, path: resolve(rootDir, 'rules.yaml'), rootDir, config, rules }).findings.map((f) => `${f.line}:${f.column} ${f.ruleId} ${f.message}`);
}

const two = (before = '', between = '') =>
  `groups:\n  - name: g\n    rules:\n${before}      - alert: A\n        expr: up == 0\n${between}      - alert: B\n        expr: up == 1\n`;

describe('YAML inline suppressions through lintText', () => {
  it('without suppressions every finding is reported', () => {
    expect(lint(two())).toEqual(['4:16 alert/at-name alert A', '5:15 alert/at-expr expr A', '6:16 alert/at-name alert B', '7:15 alert/at-expr expr B']);
  });

  it('disable-next-line above a rule covers that rule\'s block (all its lines), for the named rule only', () => {
    const text = two('      # obslint-disable-next-line alert/at-expr -- vendored upstream\n');
    expect(lint(text)).toEqual(['5:16 alert/at-name alert A', '7:16 alert/at-name alert B', '8:15 alert/at-expr expr B']);
  });

  it('a list of rules, comma- or space-separated', () => {
    const text = two('      # obslint-disable-next-line alert/at-name, alert/at-expr -- known\n');
    expect(lint(text)).toEqual(['7:16 alert/at-name alert B', '8:15 alert/at-expr expr B']);
  });

  it('without a rule list it covers every rule', () => {
    expect(lint(two('', '      # obslint-disable-next-line -- legacy\n'))).toEqual(['4:16 alert/at-name alert A', '5:15 alert/at-expr expr A']);
  });

  it('disable-file covers the whole file', () => {
    expect(lint(`# obslint-disable-file alert/at-name -- generated file\n${two()}`)).toEqual(['6:15 alert/at-expr expr A', '8:15 alert/at-expr expr B']);
  });

  it('above a group it covers the whole group; rules written flush with their key work too', () => {
    const text = 'groups:\n# obslint-disable-next-line alert/at-name -- x\n- name: g\n  rules:\n  - alert: A\n    expr: up\n- name: h\n  rules:\n  - alert: C\n    expr: up\n';
    expect(lint(text)).toEqual(['6:11 alert/at-expr expr A', '9:12 alert/at-name alert C', '10:11 alert/at-expr expr C']);
  });

  it('a suppression without a reason still suppresses, and is reported', () => {
    const out = lint(two('      # obslint-disable-next-line alert/at-name\n'));
    expect(out).toContain('4:7 suppression-missing-reason Suppression without a reason: add "-- <why>" after the rule list.');
    expect(out.filter((f) => f.includes('alert A') && f.includes('at-name'))).toEqual([]);
  });

  it('an empty reason counts as missing', () => {
    expect(lint(two('      # obslint-disable-next-line alert/at-name --   \n'))).toContain('4:7 suppression-missing-reason Suppression without a reason: add "-- <why>" after the rule list.');
  });

  it('a suppression that suppresses nothing gives unused-suppression', () => {
    // at-name reports on the `- alert:` line, which this directive (above `expr:`) does not cover.
    const text = 'groups:\n  - name: g\n    rules:\n      - alert: A\n        # obslint-disable-next-line alert/at-name -- stale\n        expr: up == 0\n';
    expect(lint(text)).toEqual([
      '4:16 alert/at-name alert A',
      '5:9 unused-suppression Unused suppression: no alert/at-name finding here to suppress.',
      '6:15 alert/at-expr expr A',
    ]);
  });

  it('a stale suppression at the end of the file is unused', () => {
    const out = lint(`${two()}# obslint-disable-next-line alert/at-name -- nothing follows\n`);
    expect(out).toContain('8:1 unused-suppression Unused suppression: no alert/at-name finding here to suppress.');
  });

  it('names an unknown rule', () => {
    const out = lint(two('      # obslint-disable-next-line alert/no-such-rule -- typo\n'));
    expect(out).toContain('4:7 unused-suppression Suppression names unknown rule "alert/no-such-rule".');
  });

  it('a suppression of a rule that is off in this run is not reported as unused', () => {
    const text = two('      # obslint-disable-next-line alert/strict-only -- cause-based on purpose\n');
    expect(lint(text).filter((f) => f.includes('unused-suppression'))).toEqual([]);
    // With the rule on, it is used.
    const strict = lint(text, { extends: ['strict'] });
    expect(strict.filter((f) => f.includes('unused-suppression') || f.includes('strict A'))).toEqual([]);
    expect(strict).toContain('7:16 alert/strict-only strict B');
  });

  it('a directive inside a block scalar is a PromQL comment line and still counts as a directive', () => {
    const sups = parseInlineSuppressions(new SourceFile('/x.yaml', 'x.yaml', 'a:\n  expr: |\n    # obslint-disable-next-line alert/x -- r\n    up == 0\n'));
    expect(sups.map((s) => [s.line, s.fromLine, s.toLine, s.rules, s.reason])).toEqual([[3, 4, 4, ['alert/x'], 'r']]);
  });
});
