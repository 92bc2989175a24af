import { lintWithRecommended } from '../lint-text.js';

describe('file-skipped', () => {
  it('a Helm-templated rule file is skipped with an info finding', () => {
    const fs = lintWithRecommended('templates/rules.yaml', 'groups:\n  - name: {{ .Values.group }}\n    rules:\n{{- range .Values.alerts }}\n  - alert: {{ .name }}\n{{- end }}\n');
    expect(fs.map((f) => [f.ruleId, f.severity])).toEqual([['file-skipped', 'info']]);
    expect(fs[0].message).toContain('Helm/Go template');
  });
});
