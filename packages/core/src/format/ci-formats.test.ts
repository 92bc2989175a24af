import { describe, expect, it } from 'vitest';
import { defineRule } from '../rule/types.js';
import type { Finding } from '../runner/finding.js';
import { findingSourceOf } from '../runner/finding-set.js';
import { formatGithub } from './github.js';
import { formatGitlab } from './gitlab.js';
import { escapeXml, formatJunit } from './junit.js';
import { formatMarkdown } from './markdown.js';
import { formatRdjson } from './rdjson.js';
import { formatSarif, markdownToText, readmeSection, ruleName } from './sarif.js';
import { FORMATTERS, STREAMING_FORMATTERS } from './index.js';
import type { FormatContext } from './types.js';
import { STREAMED_VALUE, jsonText, jsonTextChunks } from './ci-common.js';

const rule = defineRule({
  meta: {
    id: 'alert/missing-for',
    domain: 'alert',
    description: 'Alert without `for`.',
    severity: 'warning',
    preset: 'recommended',
    messages: {},
    defaultOptions: {},
    tags: ['noise'],
  },
  create: () => ({}),
});

const README = `# alert/missing-for

Alert without \`for\`.

## Why it matters

It pages on **one** bad scrape.
See [the docs](https://prometheus.io/docs).

## How to fix

\`\`\`yaml
for: 5m
\`\`\`
`;

function finding(over: Partial<Finding>): Finding {
  return {
    ruleId: 'alert/missing-for',
    severity: 'warning',
    message: 'Alert "A" has no `for`.',
    filePath: '/repo/alerts/a.yaml',
    relPath: 'alerts/a.yaml',
    line: 4,
    column: 16,
    endLine: 4,
    endColumn: 17,
    entity: 'group:g/alert:A',
    fingerprint: 'f'.repeat(32),
    origin: 'document',
    ...over,
  };
}

const findings: Finding[] = [
  finding({}),
  finding({ line: 9, endLine: 9, column: 3, endColumn: 20, severity: 'error', message: '100%, really:\nbad <b> & "q" | x' }),
  finding({
    ruleId: 'parse-error',
    severity: 'info',
    filePath: '/repo/my dir/ünï.yaml',
    relPath: 'my dir/ünï.yaml',
    line: 1,
    column: 3,
    endLine: 1,
    endColumn: 5,
    entity: undefined,
    fingerprint: 'a'.repeat(32),
    message: 'Cannot parse',
    origin: 'tool',
    fix: [{ start: 2, end: 4, text: 'ok' }],
  }),
];

function ctx(over: Partial<FormatContext> = {}): FormatContext {
  return {
    findings,
    files: ['/repo/alerts/a.yaml', '/repo/my dir/ünï.yaml', '/repo/clean.yaml'],
    rootDir: '/repo',
    rules: [rule],
    color: false,
    toolVersion: '1.2.3',
    readSource: (p) => (p === '/repo/my dir/ünï.yaml' ? 'ü€x: [\n' : undefined),
    readRuleDocs: (id) => (id === 'alert/missing-for' ? README : undefined),
    ...over,
  };
}

describe('json, streamed', () => {
  it('writes one file entry per chunk, and the chunks make exactly the whole document', () => {
    const chunks = [...STREAMING_FORMATTERS.json(ctx(), findingSourceOf(ctx().findings))];
    const text = chunks.join('');
    expect(text).toBe(FORMATTERS.json(ctx()));
    // The same bytes as stringifying the whole report at once (what ESLint-compatible readers expect).
    expect(text).toBe(JSON.stringify(JSON.parse(text), null, 2) + '\n');
    expect(chunks.length).toBeGreaterThanOrEqual(2); // the entries, then the closing bracket
    const entries = JSON.parse(text) as Array<{ filePath: string; messages: Array<{ line: number; fingerprint: string }>; errorCount: number }>;
    expect(entries.map((e) => e.filePath)).toEqual(['/repo/alerts/a.yaml', '/repo/clean.yaml', '/repo/my dir/ünï.yaml']);
    expect(entries[0].messages.map((m) => m.line)).toEqual([4, 9]);
    expect(entries[0].errorCount).toBe(1);
    expect(entries[1].messages).toEqual([]);
  });

  it('large reports come in several batches that still make exactly the whole document', () => {
    const many: Finding[] = [];
    for (let i = 0; i < 9000; i++) many.push(finding({ filePath: `/repo/f${i % 30}.yaml`, relPath: `f${i % 30}.yaml`, line: i + 1, endLine: i + 1 }));
    const big = ctx({ findings: many, files: Array.from({ length: 31 }, (_, i) => `/repo/f${i}.yaml`) });
    const chunks = [...STREAMING_FORMATTERS.json(big, findingSourceOf(big.findings))];
    expect(chunks.length).toBeGreaterThan(3);
    const text = chunks.join('');
    expect(text).toBe(JSON.stringify(JSON.parse(text), null, 2) + '\n');
    const entries = JSON.parse(text) as Array<{ messages: unknown[] }>;
    expect(entries).toHaveLength(31);
    expect(entries.reduce((n, e) => n + e.messages.length, 0)).toBe(9000);
  });

  it('an empty run is an empty array', () => {
    expect([...STREAMING_FORMATTERS.json(ctx({ findings: [], files: [] }), findingSourceOf([]))].join('')).toBe('[]\n');
  });
});

describe('sarif, gitlab and rdjson, streamed', () => {
  const many: Finding[] = [];
  for (let i = 0; i < 3000; i++) {
    const file = i % 7;
    many.push(finding({ filePath: `/repo/f${file}.yaml`, relPath: `f${file}.yaml`, line: i + 1, endLine: i + 1, ruleId: i % 2 ? 'alert/missing-for' : 'plugin/other', fingerprint: `fp${file}-${i % 11}` }));
  }
  many.sort((a, b) => (a.relPath < b.relPath ? -1 : a.relPath > b.relPath ? 1 : a.line - b.line));
  const big = ctx({ findings: many, files: Array.from({ length: 8 }, (_, i) => `/repo/f${i}.yaml`) });

  for (const name of ['sarif', 'gitlab', 'rdjson']) {
    it(`${name}: many pieces that make the document JSON.stringify gives for the whole of it`, () => {
      const chunks = [...STREAMING_FORMATTERS[name](big, findingSourceOf(many))];
      expect(chunks.length).toBeGreaterThan(3);
      const text = chunks.join('');
      expect(text).toBe(JSON.stringify(JSON.parse(text), null, 2) + '\n');
      expect(chunks.slice(0, -1).every((c) => c.length < 128 * 1024)).toBe(true);
    });
  }

  it('sarif: fingerprints repeated within a file are numbered per occurrence; rules seen only in findings are described', () => {
    const log = JSON.parse(FORMATTERS.sarif(big)) as { runs: Array<{ tool: { driver: { rules: Array<{ id: string }> } }; results: Array<{ ruleId: string; ruleIndex: number; partialFingerprints: Record<string, string> }> }> };
    const run = log.runs[0];
    expect(run.results).toHaveLength(3000);
    expect(run.tool.driver.rules.map((r) => r.id)).toEqual(['alert/missing-for', 'plugin/other']);
    for (const r of run.results) expect(run.tool.driver.rules[r.ruleIndex].id).toBe(r.ruleId);
    const ids = run.results.map((r) => Object.values(r.partialFingerprints)[0]);
    expect(new Set(ids).size).toBe(3000);
    expect(ids).toContain('fp0-0:2');
  });

  it('junit: many pieces, the totals up front, a suite per file with findings and one per clean file', () => {
    const chunks = [...STREAMING_FORMATTERS.junit(big, findingSourceOf(many))];
    expect(chunks.length).toBeGreaterThan(3);
    expect(chunks.slice(0, -1).every((c) => c.length < 128 * 1024)).toBe(true);
    const xml = chunks.join('');
    const failures = many.filter((f) => f.severity !== 'info').length;
    expect(xml).toContain(`<testsuites name="obslint" tests="${3000 + 1}" failures="${failures}" errors="0">`);
    expect(xml.match(/<testsuite /g)).toHaveLength(8); // 7 files with findings, f7.yaml clean
    expect(xml.match(/<testcase /g)).toHaveLength(3001);
    expect(xml.match(/<\/testsuite>/g)).toHaveLength(8);
    expect(xml.endsWith('  </testsuite>\n</testsuites>\n')).toBe(true);
  });

  it('markdown: many pieces, the summary first, a table per file', () => {
    const chunks = [...STREAMING_FORMATTERS.markdown(big, findingSourceOf(many))];
    expect(chunks.length).toBeGreaterThan(3);
    expect(chunks.slice(0, -1).every((c) => c.length < 128 * 1024)).toBe(true);
    const md = chunks.join('');
    expect(md.startsWith('# obslint report\n\n**3000 problems** (0 errors, 3000 warnings, 0 info) in 7 files of 8 checked.\n\n## `f0.yaml`\n')).toBe(true);
    expect(md.match(/^## /gm)).toHaveLength(7);
    expect(md.match(/^\| \d+:\d+ \|/gm)).toHaveLength(3000);
    expect(md.endsWith(' |\n')).toBe(true);
  });

  it('an empty run keeps the documents\' shape', () => {
    const none = ctx({ findings: [], files: [] });
    expect(JSON.parse(FORMATTERS.sarif(none)).runs[0].results).toEqual([]);
    expect(FORMATTERS.gitlab(none)).toBe('[]\n');
    expect(JSON.parse(FORMATTERS.rdjson(none))).toEqual({ source: { name: 'obslint', url: expect.any(String) }, diagnostics: [] });
  });
});

describe('jsonTextChunks', () => {
  it('gives jsonText of the whole document wherever the streamed array sits', () => {
    const items = Array.from({ length: 500 }, (_, i) => ({ i, s: `line\n"${i}"`, nested: { list: [i, { deep: [] }] } }));
    const docs = [(a: unknown) => a, (a: unknown) => ({ x: 1, y: { z: [{ w: a }] }, after: 'tail' }), (a: unknown) => [[a]]];
    for (const doc of docs) {
      expect([...jsonTextChunks(doc(STREAMED_VALUE), items)].join('')).toBe(jsonText(doc(items)));
      expect([...jsonTextChunks(doc(STREAMED_VALUE), [])].join('')).toBe(jsonText(doc([])));
    }
  });
});

describe('formats are registered', () => {
  it('by name', () => {
    for (const name of ['sarif', 'github', 'junit', 'gitlab', 'rdjson', 'markdown']) expect(typeof FORMATTERS[name]).toBe('function');
  });
});

describe('sarif', () => {
  const log = JSON.parse(formatSarif(ctx()));
  const run = log.runs[0];

  it('describes the driver and every rule, with help from the README', () => {
    expect(log.version).toBe('2.1.0');
    expect(run.tool.driver).toMatchObject({ name: 'obslint', version: '1.2.3', informationUri: 'https://github.com/obslint/obslint' });
    expect(run.tool.driver.rules.map((r: { id: string }) => r.id)).toEqual(['alert/missing-for', 'parse-error']);
    const [r, tool] = run.tool.driver.rules;
    expect(r).toMatchObject({
      name: 'AlertMissingFor',
      shortDescription: { text: 'Alert without `for`.' },
      fullDescription: { text: 'It pages on **one** bad scrape. See [the docs](https://prometheus.io/docs).' },
      help: { markdown: README },
      helpUri: 'https://github.com/obslint/obslint/blob/main/rules/alert/missing-for/README.md',
      defaultConfiguration: { level: 'warning' },
      properties: { tags: ['alert', 'noise'] },
    });
    expect(r.help.text).toContain('It pages on one bad scrape.\nSee the docs (https://prometheus.io/docs).');
    expect(r.help.text).not.toContain('```');
    // A rule the context does not list still gets a descriptor; tool rules' docs live under tool/.
    expect(tool).toMatchObject({ id: 'parse-error', helpUri: 'https://github.com/obslint/obslint/blob/main/rules/tool/parse-error/README.md' });
    expect(tool.help.text).toContain('parse-error');
  });

  it('gives results with ruleIndex, level, relative URIs, regions and occurrence-numbered fingerprints', () => {
    expect(run.automationDetails).toEqual({ id: 'obslint/' });
    expect(run.originalUriBaseIds['%SRCROOT%'].uri).toBe('file:///repo/');
    expect(run.results.map((r: any) => [r.ruleId, r.ruleIndex, r.level])).toEqual([
      ['alert/missing-for', 0, 'warning'],
      ['alert/missing-for', 0, 'error'],
      ['parse-error', 1, 'note'],
    ]);
    const [a, b, c] = run.results;
    expect(a.locations[0].physicalLocation).toEqual({
      artifactLocation: { uri: 'alerts/a.yaml', uriBaseId: '%SRCROOT%' },
      region: { startLine: 4, startColumn: 16, endLine: 4, endColumn: 17 },
    });
    expect(a.locations[0].logicalLocations).toEqual([{ fullyQualifiedName: 'group:g/alert:A' }]);
    expect(a.partialFingerprints).toEqual({ 'obslintFingerprint/v1': 'f'.repeat(32) });
    expect(b.partialFingerprints).toEqual({ 'obslintFingerprint/v1': `${'f'.repeat(32)}:2` });
    expect(c.locations[0].physicalLocation.artifactLocation.uri).toBe('my%20dir/%C3%BCn%C3%AF.yaml');
    expect(c.fixes[0].artifactChanges[0].replacements).toEqual([{ deletedRegion: { charOffset: 2, charLength: 2 }, insertedContent: { text: 'ok' } }]);
  });

  it('helpers', () => {
    expect(ruleName('log/no-dynamic-keys')).toBe('LogNoDynamicKeys');
    expect(readmeSection(README, 'how to fix')).toBe('```yaml for: 5m ```');
    expect(readmeSection(README, 'missing')).toBeUndefined();
    expect(markdownToText('## A\n**b** `c` [d](e)')).toBe('A\nb c d (e)');
  });
});

describe('github', () => {
  it('writes one workflow command per finding with escaped properties and message', () => {
    expect(formatGithub(ctx()).split('\n')).toEqual([
      '::warning file=alerts/a.yaml,line=4,col=16,endLine=4,endColumn=17,title=obslint alert/missing-for::Alert "A" has no `for`.',
      '::error file=alerts/a.yaml,line=9,col=3,endLine=9,endColumn=20,title=obslint alert/missing-for::100%25, really:%0Abad <b> & "q" | x',
      '::notice file=my dir/ünï.yaml,line=1,col=3,endLine=1,endColumn=5,title=obslint parse-error::Cannot parse',
      '',
    ]);
    const weird = formatGithub(ctx({ findings: [finding({ relPath: 'a,b:c%.yaml', ruleId: 'x:y', message: 'a\r\nb' })] }));
    expect(weird).toBe('::warning file=a%2Cb%3Ac%25.yaml,line=4,col=16,endLine=4,endColumn=17,title=obslint x%3Ay::a%0D%0Ab\n');
  });
});

describe('junit', () => {
  const xml = formatJunit(ctx());
  it('has one suite per file and one case per finding; errors and warnings fail, info passes', () => {
    expect(xml).toMatch(/^<\?xml version="1.0" encoding="UTF-8"\?>\n<testsuites name="obslint" tests="4" failures="2" errors="0">/);
    expect(xml).toContain('<testsuite name="alerts/a.yaml" tests="2" failures="2" errors="0" skipped="0">');
    expect(xml).toContain('<testcase classname="alerts/a.yaml" name="alert/missing-for 9:3" file="alerts/a.yaml" line="9">');
    expect(xml).toContain('<failure type="alert/missing-for" message="100%, really:&#10;bad &lt;b&gt; &amp; &quot;q&quot; | x">error at alerts/a.yaml:9:3 (group:g/alert:A)\n100%, really:\nbad &lt;b&gt; &amp; &quot;q&quot; | x</failure>');
    expect(xml).toContain('<testsuite name="my dir/ünï.yaml" tests="1" failures="0" errors="0" skipped="0">\n    <testcase classname="my dir/ünï.yaml" name="parse-error 1:3" file="my dir/ünï.yaml" line="1">\n      <system-out>info at');
    expect(xml).toContain('<testsuite name="clean.yaml" tests="1" failures="0" errors="0" skipped="0">\n    <testcase classname="clean.yaml" name="obslint" file="clean.yaml"/>');
    expect(xml.match(/<testsuite /g)).toHaveLength(3);
  });
  it('drops characters XML cannot carry', () => {
    expect(escapeXml("a\u0000b\u001bc'\t")).toBe('abc&apos;\t');
  });
  it('is an empty report without files', () => {
    expect(formatJunit(ctx({ findings: [], files: [] }))).toBe('<?xml version="1.0" encoding="UTF-8"?>\n<testsuites name="obslint" tests="0" failures="0" errors="0">\n</testsuites>\n');
  });
});

describe('gitlab', () => {
  it('writes Code Quality issues with unique fingerprints and mapped severities', () => {
    const issues = JSON.parse(formatGitlab(ctx()));
    expect(issues).toEqual([
      { type: 'issue', check_name: 'alert/missing-for', description: 'Alert "A" has no `for`.', fingerprint: 'f'.repeat(32), severity: 'minor', location: { path: 'alerts/a.yaml', lines: { begin: 4, end: 4 } } },
      { type: 'issue', check_name: 'alert/missing-for', description: '100%, really:\nbad <b> & "q" | x', fingerprint: `${'f'.repeat(32)}:2`, severity: 'major', location: { path: 'alerts/a.yaml', lines: { begin: 9, end: 9 } } },
      { type: 'issue', check_name: 'parse-error', description: 'Cannot parse', fingerprint: 'a'.repeat(32), severity: 'info', location: { path: 'my dir/ünï.yaml', lines: { begin: 1, end: 1 } } },
    ]);
  });
});

describe('rdjson', () => {
  it('writes a DiagnosticResult with UTF-8 byte columns where the source is readable', () => {
    const out = JSON.parse(formatRdjson(ctx()));
    expect(out.source).toEqual({ name: 'obslint', url: 'https://github.com/obslint/obslint' });
    expect(out.diagnostics).toHaveLength(3);
    expect(out.diagnostics[0]).toEqual({
      message: 'Alert "A" has no `for`.',
      location: { path: 'alerts/a.yaml', range: { start: { line: 4, column: 16 }, end: { line: 4, column: 17 } } },
      severity: 'WARNING',
      code: { value: 'alert/missing-for', url: 'https://github.com/obslint/obslint/blob/main/rules/alert/missing-for/README.md' },
    });
    // "ü€" is 2 UTF-16 units but 5 UTF-8 bytes: column 3 → byte column 6, column 5 → 8.
    expect(out.diagnostics[2]).toMatchObject({ severity: 'INFO', location: { range: { start: { line: 1, column: 6 }, end: { line: 1, column: 8 } } } });
    expect(out.diagnostics[1].severity).toBe('ERROR');
  });
});

describe('markdown', () => {
  it('writes a summary and a table per file with rule links and escaped cells', () => {
    expect(formatMarkdown(ctx())).toBe(
      [
        '# obslint report',
        '',
        '**3 problems** (1 error, 1 warning, 1 info) in 2 files of 3 checked.',
        '',
        '## `alerts/a.yaml`',
        '',
        '| Line | Severity | Rule | Message |',
        '|---:|---|---|---|',
        '| 4:16 | ⚠️ warning | [alert/missing-for](https://github.com/obslint/obslint/blob/main/rules/alert/missing-for/README.md) | Alert "A" has no `for`. |',
        '| 9:3 | 🛑 error | [alert/missing-for](https://github.com/obslint/obslint/blob/main/rules/alert/missing-for/README.md) | 100%, really:<br>bad &lt;b&gt; &amp; "q" \\| x |',
        '',
        '## `my dir/ünï.yaml`',
        '',
        '| Line | Severity | Rule | Message |',
        '|---:|---|---|---|',
        '| 1:3 | ℹ️ info | [parse-error](https://github.com/obslint/obslint/blob/main/rules/tool/parse-error/README.md) | Cannot parse |',
        '',
      ].join('\n'),
    );
  });
  it('says when there is nothing to report', () => {
    expect(formatMarkdown(ctx({ findings: [], files: ['/repo/a.yaml'] }))).toBe('# obslint report\n\nNo problems found in 1 file.\n');
  });
});
