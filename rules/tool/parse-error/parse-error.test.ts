import { lintWithRecommended } from '../lint-text.js';

describe('parse-error', () => {
  it('points at the line and column of a JSON fault in a dashboard', () => {
    const fs = lintWithRecommended('d.json', '{\n  "title": "x",\n  "panels": [,]\n}\n');
    expect(fs.map((f) => [f.ruleId, f.line, f.column, f.severity])).toEqual([['parse-error', 3, 14, 'error']]);
  });
  it('points at the YAML fault in a rule file', () => {
    const fs = lintWithRecommended('r.yaml', 'groups:\n  - name: g\n    rules:\n      - alert: A\n        expr: up == 0\n       for: 5m\n');
    expect(fs.map((f) => [f.ruleId, f.line, f.column])).toEqual([['parse-error', 6, 8]]);
  });
  it('refuses YAML alias bombs instead of expanding them', () => {
    const bomb = ['groups:', '  - name: g', '    rules: []', 'a: &a ["x","x","x","x","x","x","x","x","x"]'];
    for (let i = 0; i < 8; i++) bomb.push(`${String.fromCharCode(98 + i)}: &${String.fromCharCode(98 + i)} [*${String.fromCharCode(97 + i)},*${String.fromCharCode(97 + i)},*${String.fromCharCode(97 + i)},*${String.fromCharCode(97 + i)},*${String.fromCharCode(97 + i)},*${String.fromCharCode(97 + i)},*${String.fromCharCode(97 + i)},*${String.fromCharCode(97 + i)},*${String.fromCharCode(97 + i)}]`);
    const fs = lintWithRecommended('bomb.yaml', bomb.join('\n') + '\n');
    expect(fs.map((f) => f.ruleId)).toEqual(['parse-error']);
    expect(fs[0].message).toMatch(/alias/i);
  });
  it('reports a bad exposition line and keeps the good ones', () => {
    const fs = lintWithRecommended('m.prom', '# TYPE app_x_total counter\napp_x_total{a="b" 1\napp_x_total{a="c"} 2\n');
    expect(fs.map((f) => [f.ruleId, f.line])).toEqual([['parse-error', 2]]);
  });
});
