import { describe, expect, it } from 'vitest';
import { defineCodeRule, ruleDocsUrl } from '../rule/types.js';
import { TOOL_RULES } from '../rule/tool-rules.js';
import { buildChecklist, escapeMarkdown, formatChecklistMarkdown, GITHUB_BODY_LIMIT, kindsCheckedBy, type ChecklistFile } from './checklist.js';
import type { Finding } from '../runner/finding.js';
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

describe('formatChecklistMarkdown within a length', () => {
  const finding = (file: string, i: number): Finding => ({
    ruleId: i % 2 ? 'dashboard/panel-title' : 'alert/missing-for',
    severity: 'warning',
    message: `Finding ${i} of ${file}, with some words to make it as long as a real message is.`,
    filePath: `/repo/${file}`,
    relPath: file,
    line: i + 1,
    column: 1,
    endLine: i + 1,
    endColumn: 2,
    fingerprint: `${file}:${i}`,
    origin: 'document',
  });
  /** Files in path order: every third one clean, the others with `items` findings each. */
  const files = (count: number, items: number): ChecklistFile[] =>
    Array.from({ length: count }, (_, k) => {
      const relPath = `dash/d${String(k).padStart(3, '0')}.json`;
      const clean = k % 3 === 0;
      return { relPath, kind: 'dashboard', summary: `dashboard "D${k}", 20 panels`, findings: clean ? [] : Array.from({ length: items }, (_, i) => finding(relPath, i)), groups: [], passed: RULES.slice(0, 3) };
    });
  const section = (md: string, relPath: string) => new RegExp(`### \`${relPath.replace(/[.]/g, '\\.')}\``).test(md);

  it('is the whole checklist when it fits', () => {
    const fs = files(6, 2);
    const whole = formatChecklistMarkdown(fs);
    expect(formatChecklistMarkdown(fs, { maxLength: whole.length })).toBe(whole);
    expect(whole).toContain('<details><summary>3 checks passed</summary>');
  });

  it('counts passed checks instead of listing them when that is enough', () => {
    const fs = files(6, 2);
    const whole = formatChecklistMarkdown(fs);
    const md = formatChecklistMarkdown(fs, { maxLength: whole.length - 1 });
    expect(md.length).toBeLessThan(whole.length);
    expect(md).not.toContain('<details>');
    expect(md).toContain('\n_3 checks passed._\n');
    for (const f of fs) expect(section(md, f.relPath)).toBe(true);
    expect(md.endsWith(`_Passed checks are counted, not listed, to stay within ${(whole.length - 1).toLocaleString('en-US')} characters._\n`)).toBe(true);
  });

  it('lists files with items first, whole, and counts the files and items it leaves out', () => {
    const fs = files(300, 12);
    const md = formatChecklistMarkdown(fs, { maxLength: GITHUB_BODY_LIMIT });
    expect(md.length).toBeLessThanOrEqual(GITHUB_BODY_LIMIT);
    expect(md.startsWith('## obslint checklist\n\n300 files checked: 2400 items to look at, 900 checks passed.\n')).toBe(true);
    const listed = fs.filter((f) => section(md, f.relPath));
    expect(listed.length).toBeGreaterThan(10);
    // Files with items come first: no clean file is listed while one with items is left out.
    expect(listed.every((f) => f.findings.length > 0)).toBe(true);
    // Each listed file's section is whole: its last item is there.
    for (const f of listed) expect(md).toContain(`(warning, line 12): Finding 11 of ${f.relPath}`);
    const withItems = fs.filter((f) => f.findings.length > 0).length;
    const left = fs.length - listed.length;
    const leftItems = (withItems - listed.length) * 12;
    expect(md.endsWith(`\n_${left} more files (${leftItems} items to look at) not listed, to stay within 65,536 characters (GitHub's limit for a pull request description): \`obslint checklist -o checklist.md --max-length 0\` writes all of it._\n`)).toBe(true);
  });

  it('cuts a file too long to fit by lines, and says so', () => {
    // One file with 200 findings of each of many rules: its section alone is far longer than the limit.
    const relPath = 'alerts/huge.yaml';
    const many = Array.from({ length: 400 }, (_, i) => ({ ...finding(relPath, i), ruleId: `alert/rule-${i % 40}` }));
    const fs: ChecklistFile[] = [{ relPath, kind: 'rules', summary: '400 alerts, 0 recording rules', findings: many, groups: [], passed: [] }, ...files(3, 1)];
    const md = formatChecklistMarkdown(fs, { maxLength: 5000 });
    expect(md.length).toBeLessThanOrEqual(5000);
    // Filled, not cut early: within a line or two of the limit.
    expect(md.length).toBeGreaterThan(5000 - 600);
    expect(md).toContain('### `alerts/huge.yaml`');
    expect(md).toContain('(warning, line 1): Finding 0 of alerts/huge.yaml');
    expect(md).toContain('\n_The rest of this file is not listed._\n');
    expect(md).toMatch(/\n_3 more files \(2 items to look at\) not listed, to stay within 5,000 characters: `obslint checklist -o checklist\.md --max-length 0` writes all of it\._\n$/);
  });

  it('is never longer than the limit, whatever the limit and the files', () => {
    const long = 'dash/' + 'deeply/nested/'.repeat(20) + 'board.json';
    const fs: ChecklistFile[] = [
      { relPath: long, kind: 'dashboard', summary: 'dashboard "L", 1 panel', findings: [finding(long, 1)], groups: [], passed: RULES.slice(0, 2) },
      ...files(40, 7),
      { relPath: 'z/huge.yaml', kind: 'rules', summary: 'alerts', findings: Array.from({ length: 300 }, (_, i) => ({ ...finding('z/huge.yaml', i), ruleId: `alert/r${i % 30}` })), groups: [], passed: [] },
    ];
    for (let max = 1000; max <= 60_000; max += 997) {
      const md = formatChecklistMarkdown(fs, { maxLength: max });
      expect(md.length, `limit ${max}`).toBeLessThanOrEqual(max);
      expect(md.startsWith('## obslint checklist\n')).toBe(true);
    }
  });
});
