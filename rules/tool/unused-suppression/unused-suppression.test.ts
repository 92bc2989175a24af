import { lintWithRecommended } from '../lint-text.js';

const rules = (alert: string) => `groups:\n  - name: g\n    rules:\n${alert}`;

describe('unused-suppression', () => {
  it('reports a suppression that suppresses nothing, at the comment', () => {
    const fs = lintWithRecommended('r.yaml', rules('      # obslint-disable-next-line alert/missing-for -- legacy\n      - alert: A\n        expr: up == 0\n        for: 5m\n'));
    expect(fs.map((f) => [f.ruleId, f.line, f.column])).toEqual([['unused-suppression', 4, 7]]);
  });
  it('reports a suppression naming an unknown rule', () => {
    const fs = lintWithRecommended('r.yaml', rules('      # obslint-disable-next-line alert/missing-fur -- typo\n      - alert: A\n        expr: up == 0\n'));
    expect(fs.map((f) => f.ruleId).sort()).toEqual(['alert/missing-for', 'unused-suppression']);
    expect(fs.find((f) => f.ruleId === 'unused-suppression')!.message).toContain('unknown rule "alert/missing-fur"');
  });
  it('is silent when the suppression hid a finding; file-level suppressions cover the whole file', () => {
    expect(lintWithRecommended('r.yaml', rules('      # obslint-disable-next-line alert/missing-for -- deadline alert\n      - alert: A\n        expr: up == 0\n'))).toEqual([]);
    expect(lintWithRecommended('r.yaml', '# obslint-disable-file alert/missing-for -- generated\n' + rules('      - alert: A\n        expr: up == 0\n      - alert: B\n        expr: up == 0\n'))).toEqual([]);
  });
});
