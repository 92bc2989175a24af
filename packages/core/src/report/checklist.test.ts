import { describe, expect, it } from 'vitest';
import { defineCodeRule, ruleDocsUrl } from '../rule/types.js';
import { TOOL_RULES } from '../rule/tool-rules.js';
import { buildChecklist, escapeMarkdown, formatChecklistMarkdown, kindsCheckedBy } from './checklist.js';
import { RULES, ROOT, highCardinality, lintSample, missingFor, panelTitle, unknownMetric } from './fixtures/sample.js';

const sample = lintSample();
const kinds = (r: Parameters<typeof kindsCheckedBy>[0]) => [...kindsCheckedBy(r, sample.config)].sort();

describe('kindsCheckedBy', () => {
  it('derives kinds from the visitors a rule registers', () => {
    expect(kinds(panelTitle)).toEqual(['dashboard']);
    expect(kinds(missingFor)).toEqual(['rules']);
    expect(kinds(highCardinality)).toEqual(['exposition']);
  });

  it('uses the domain for repo-wide rules, ESLint faces for code, and nothing for tool findings', () => {
    expect(kinds(unknownMetric)).toEqual(['dashboard', 'rules']);
    const code = defineCodeRule({ meta: { id: 'log/x', domain: 'log', description: 'd', severity: 'warning', preset: 'recommended', messages: {}, defaultOptions: {} }, eslint: {} });
    expect(kinds(code)).toEqual(['code']);
    expect(kinds(TOOL_RULES[0])).toEqual([]);
    // collect/reduce is the cache-friendly form of a repo-wide rule
    const collected = { ...missingFor, meta: { ...missingFor.meta, id: 'alert/x' }, create: () => ({ collect: () => 1, reduce: () => {} }) } as unknown as typeof missingFor;
    expect(kinds(collected)).toEqual(['rules']);
  });
});

describe('buildChecklist', () => {
  const changed = new Set([`${ROOT}/dash/api.json`, `${ROOT}/alerts/api.yaml`]);
  const files = buildChecklist({ ...sample, rules: RULES, include: (p) => changed.has(p) });

  it('lists exactly the included files, sorted', () => {
    expect(files.map((f) => [f.relPath, f.kind, f.summary])).toEqual([
      ['alerts/api.yaml', 'rules', '3 alerts, 1 recording rule'],
      ['dash/api.json', 'dashboard', 'dashboard "API <overview>", 3 panels'],
    ]);
  });

  it('groups findings per alert and lists enabled rules that found nothing as passed', () => {
    const [alerts, dash] = files;
    expect(alerts.findings).toEqual([]);
    expect(alerts.groups.map((g) => [g.label, g.line, g.findings.map((f) => f.ruleId)])).toEqual([
      ['alert ApiErrors', 7, ['alert/no-comparison', 'alert/missing-for']],
      ['alert ApiSlow', 9, ['alert/missing-for']],
    ]);
    expect(alerts.passed.map((r) => r.meta.id)).toEqual(['query/unknown-metric']);
    expect(dash.findings.map((f) => f.ruleId)).toEqual(['dashboard/panel-title', 'dashboard/panel-title']);
    expect(dash.passed.map((r) => r.meta.id)).toEqual(['dashboard/panel-units', 'query/unknown-metric']);
  });

  it('leaves rules turned off out of the passed items', () => {
    const s = lintSample();
    s.config.rules.get('dashboard/panel-units')!.severity = 'off';
    const [dash] = buildChecklist({ ...s, rules: RULES, include: (p) => p.endsWith('.json') });
    expect(dash.passed.map((r) => r.meta.id)).toEqual(['query/unknown-metric']);
  });
});

describe('formatChecklistMarkdown', () => {
  const files = buildChecklist({ ...sample, rules: RULES });
  const md = formatChecklistMarkdown(files, { changedSince: 'origin/main' });

  it('writes one section per file with unchecked findings and checked passes, linking rule docs', () => {
    expect(md).toContain('3 files changed since `origin/main`: 6 items to look at, 3 checks passed.');
    expect(md).toContain('### `dash/api.json`');
    expect(md).toContain('dashboard "API \\<overview\\>", 3 panels: 2 items to look at.');
    expect(md).toContain(`- [ ] [\`dashboard/panel-title\`](${ruleDocsUrl('dashboard/panel-title')}) (warning, line 17): Panel "Panel Title" has a placeholder title.`);
    expect(md).toContain(`- [x] [\`dashboard/panel-units\`](${ruleDocsUrl('dashboard/panel-units')}): Panels need a unit.`);
    expect(md).toContain('- **alert ApiErrors** (line 7)\n  - [ ] [`alert/no-comparison`]');
    expect(md).toContain('(error, line 7): Alert "ApiErrors" \\<always\\> fires.');
    expect(md).toContain('<details><summary>2 checks passed</summary>\n\n- [x] [`dashboard/panel-units`]');
    expect(md).toContain('### `metrics/app.prom`\n\nmetrics snapshot, 2 metric families: 1 item to look at.');
  });

  it('caps the findings shown per rule', () => {
    const capped = formatChecklistMarkdown(files, { maxPerRule: 1 });
    expect(capped.match(/dashboard\/panel-title`\]\([^)]*\) \(warning/g)).toHaveLength(1);
    expect(capped).toContain('[`dashboard/panel-title`](' + ruleDocsUrl('dashboard/panel-title') + '): … and 1 more');
  });

  it('says so when nothing changed', () => {
    expect(formatChecklistMarkdown([], { changedSince: 'main' })).toBe('## obslint checklist\n\nNo dashboards, rule files, metric snapshots or code files changed since `main`.\n');
  });

  it('escapes Markdown in messages', () => {
    expect(escapeMarkdown('a *b* [c](d) <f>\n@team #1')).toBe('a \\*b\\* \\[c\\]\\(d\\) \\<f\\> \\@team \\#1');
  });

  it('keeps balanced code spans and escapes a stray backtick', () => {
    expect(escapeMarkdown('use `$__rate_interval` in <b>`rate()`</b>')).toBe('use `$__rate_interval` in \\<b\\>`rate()`\\</b\\>');
    expect(escapeMarkdown('a ` b_c')).toBe('a \\` b\\_c');
  });
});
