import { lintWithRecommended } from '../lint-text.js';

describe('suppression-missing-reason', () => {
  it('reports a suppression without "-- reason" (and still applies it)', () => {
    const fs = lintWithRecommended('r.yaml', 'groups:\n  - name: g\n    rules:\n      # obslint-disable-next-line alert/missing-for\n      - alert: A\n        expr: up == 0\n');
    expect(fs.map((f) => [f.ruleId, f.line, f.column, f.severity])).toEqual([['suppression-missing-reason', 4, 7, 'warning']]);
  });
  it('is silent with a reason', () => {
    expect(lintWithRecommended('r.yaml', 'groups:\n  - name: g\n    rules:\n      # obslint-disable-next-line alert/missing-for -- watchdog\n      - alert: A\n        expr: up == 0\n')).toEqual([]);
  });
});
