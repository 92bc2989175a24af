import { describe, expect, it } from 'vitest';
import { FORMATTERS } from '../format/index.js';
import { escapeHtml, FINDINGS_PAGE, renderHtmlReport, svgBarChart, type FindingsData } from '../format/html.js';
import type { Finding } from '../runner/finding.js';
import { buildAuditReport } from './audit.js';
import { RULES, ROOT, lintSample } from './fixtures/sample.js';

const sample = lintSample();
const report = buildAuditReport({ findings: sample.findings, models: sample.models, files: sample.files, rules: RULES, rootDir: ROOT });
const html = renderHtmlReport(report, { toolVersion: '9.9.9' });

/** The table rows the page holds as markup. */
const tableRows = (page: string) => page.match(/<tr data-i="\d+"/g) ?? [];
/** The findings the page's script reads. */
const pageData = (page: string) => JSON.parse(/<script type="application\/json" id="findings-data">([^<]*)<\/script>/.exec(page)![1]) as FindingsData;

describe('HTML report', () => {
  it('is one self-contained page: inline CSS/JS/SVG, nothing fetched', () => {
    expect(html.startsWith('<!doctype html>')).toBe(true);
    expect(html).not.toMatch(/<link\b|<script[^>]+src=|<img\b|@import|url\(/i);
    expect(html).toContain(`content="default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:"`);
    // The only absolute URLs are the rule-doc links and the SVG namespace.
    const urls = [...html.matchAll(/https?:\/\/[^"'<> ]+/g)].map((m) => m[0]);
    expect(urls.length).toBeGreaterThan(0);
    for (const u of urls) expect(u === 'http://www.w3.org/2000/svg' || u.startsWith('https://github.com/obslint/obslint/blob/main/rules/')).toBe(true);
  });

  it('draws the score, domain, rule, panel and cardinality charts', () => {
    expect(html.match(/<svg /g)).toHaveLength(6);
    expect(html).toContain('aria-label="score 75 of 100"');
    expect(html).toContain('aria-label="findings by domain"');
    expect(html).toContain('aria-label="findings by rule"');
    expect(html).toMatch(/<line class="threshold warning"[^>]*\/><text class="threshold-label warning"[^>]*>warn 50<\/text>/);
    expect(html).toContain('aria-label="series per metric family"');
    expect(html).toContain('>http_requests_total</text>');
  });

  it('has one table row per finding, with a link to the rule docs', () => {
    expect(tableRows(html)).toHaveLength(sample.findings.length);
    expect(pageData(html).rows).toHaveLength(sample.findings.length);
    expect(html).not.toContain('id="more-note"');
    expect(html).toContain('<a href="https://github.com/obslint/obslint/blob/main/rules/alert/no-comparison/README.md" target="_blank" rel="noopener noreferrer">alert/no-comparison</a>');
    expect(html).toMatch(/<tr data-i="0" data-sev="error" data-domain="alert">/);
  });

  it(`lists the first ${FINDINGS_PAGE} findings as rows and keeps every finding in the page's data`, () => {
    const many: Finding[] = Array.from({ length: FINDINGS_PAGE * 2 + 7 }, (_, i) => ({
      ruleId: i % 2 ? 'alert/missing-for' : 'dashboard/panel-title',
      severity: i % 3 ? 'warning' : 'error',
      message: `Finding ${i} </script><script>alert(1)</script> <!--`,
      filePath: `/repo/f${i % 13}.yaml`,
      relPath: `f${i % 13}.yaml`,
      line: i + 1,
      column: 3,
      endLine: i + 1,
      endColumn: 9,
      entity: i % 5 ? `alert:A${i}` : undefined,
      fingerprint: String(i),
      origin: 'document',
    }));
    const big = buildAuditReport({ findings: many, models: [], files: [], rules: RULES, rootDir: ROOT });
    const page = renderHtmlReport(big);
    expect(tableRows(page)).toHaveLength(FINDINGS_PAGE);
    expect(page).toContain(`The first ${FINDINGS_PAGE} of ${(FINDINGS_PAGE * 2 + 7).toLocaleString('en-US')} findings are listed; the other ${(FINDINGS_PAGE + 7).toLocaleString('en-US')} appear as you scroll`);
    // Data read back: every finding, each with its rule, path, line, column, entity and message.
    const data = pageData(page);
    expect(data.rows).toHaveLength(many.length);
    expect(data.paths).toHaveLength(13);
    const shown = data.rows.map(([sev, rule, path, line, column, entity, message]) => [['error', 'warning', 'info'][sev], data.rules[rule][0], data.paths[path], line, column, entity, message].join('|'));
    expect([...shown].sort()).toEqual(many.map((f) => [f.severity, f.ruleId, f.relPath, f.line, f.column, f.entity ?? '', f.message].join('|')).sort());
    expect(data.rules.find((r) => r[0] === 'alert/missing-for')).toEqual(['alert/missing-for', 'https://github.com/obslint/obslint/blob/main/rules/alert/missing-for/README.md', 'alert']);
    // A message cannot end the data's script element, or open a comment in it.
    expect(page.match(/<\/script>/g)).toHaveLength(2);
    expect(page).not.toContain('<!--');
  });

  it('escapes everything taken from the input', () => {
    expect(html).toContain('Alert &quot;ApiErrors&quot; &lt;always&gt; fires.');
    expect(html).toContain('API &lt;overview&gt;');
    expect(html).not.toContain('<always>');
    expect(html).not.toContain('<overview>');
    expect(escapeHtml(`<a href="x" title='y'>&</a>`)).toBe('&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;&amp;&lt;/a&gt;');
  });

  it('scales bars to the largest value and draws threshold lines', () => {
    const svg = svgBarChart(
      [
        { label: 'a', segments: [{ value: 50, cls: 'ok', title: '50' }] },
        { label: 'b', segments: [{ value: 100, cls: 'error', title: '100' }] },
      ],
      { ariaLabel: 'x', thresholds: [{ value: 80, label: 'limit', cls: 'warning' }] },
    );
    const widths = [...svg.matchAll(/<rect [^>]*width="([\d.]+)"/g)].map((m) => Number(m[1]));
    expect(widths[1]).toBeCloseTo(widths[0] * 2, 1);
    expect(svg).toContain('>limit</text>');
  });

  it('is the `html` formatter, building the report from findings and models when none is given', () => {
    const out = FORMATTERS.html({ findings: sample.findings, files: sample.files, models: sample.models, rootDir: ROOT, rules: RULES, color: false, toolVersion: '1.0.0' });
    expect(tableRows(out)).toHaveLength(sample.findings.length);
    expect(out).toContain('Panels per dashboard');
    expect(out).toContain('Generated by obslint 1.0.0.');
  });
});
