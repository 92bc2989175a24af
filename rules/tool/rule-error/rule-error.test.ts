import { resolve } from 'node:path';
import { TOOL_RULES, defineRule, lintText, resolveConfig } from '@obslint/core';

describe('rule-error', () => {
  it('a rule that throws gives rule-error on that file; other rules still report', () => {
    const broken = defineRule({
      meta: { id: 'dashboard/broken', domain: 'dashboard', description: 'x', severity: 'warning', preset: 'recommended', messages: { m: 'm' }, defaultOptions: {} },
      create: () => ({
        dashboard() {
          throw new Error('boom');
        },
      }),
    });
    const fine = defineRule({
      meta: { id: 'dashboard/fine', domain: 'dashboard', description: 'x', severity: 'warning', preset: 'recommended', messages: { m: 'saw {{title}}' }, defaultOptions: {} },
      create: (ctx) => ({ dashboard: (d) => ctx.report({ messageId: 'm', data: { title: d.title ?? '' }, at: d.ref, entity: d.entity }) }),
    });
    const rules = [broken, fine, ...TOOL_RULES];
    const root = resolve('/__rule_error__');
    const config = resolveConfig({}, rules, { baseDir: root });
    const { findings } = lintText({ text: '{"title":"T","panels":[]}', path: resolve(root, 'd.json'), rootDir: root, config, rules });
    expect(findings.map((f) => [f.ruleId, f.severity, f.message])).toEqual([
      ['rule-error', 'error', 'Rule dashboard/broken failed on this file: boom'],
      ['dashboard/fine', 'warning', 'saw T'],
    ]);
  });
});
