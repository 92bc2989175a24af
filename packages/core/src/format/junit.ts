import { relative, sep } from 'node:path';
import type { Finding } from '../runner/finding.js';
import { groupByFile } from './ci-common.js';
import type { FormatContext } from './types.js';

/** Escapes text for XML content and attribute values, dropping characters XML 1.0 cannot carry. */
export function escapeXml(s: string): string {
  return s
    .replace(/[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');
}

function attrs(values: Record<string, string | number>): string {
  return Object.entries(values)
    .map(([k, v]) => ` ${k}="${escapeXml(String(v)).replace(/\n/g, '&#10;').replace(/\r/g, '&#13;').replace(/\t/g, '&#9;')}"`)
    .join('');
}

function testcase(f: Finding): string {
  const head = `    <testcase${attrs({ classname: f.relPath, name: `${f.ruleId} ${f.line}:${f.column}`, file: f.relPath, line: f.line })}>`;
  const detail = escapeXml(`${f.severity} at ${f.relPath}:${f.line}:${f.column}${f.entity ? ` (${f.entity})` : ''}\n${f.message}`);
  if (f.severity === 'info') return `${head}\n      <system-out>${detail}</system-out>\n    </testcase>`;
  return `${head}\n      <failure${attrs({ type: f.ruleId, message: f.message })}>${detail}</failure>\n    </testcase>`;
}

/**
 * JUnit XML: one testsuite per file, one testcase per finding (errors and warnings fail, info findings pass
 * with their text as output); a checked file without findings is a suite with one passing testcase.
 */
export function formatJunit(ctx: FormatContext): string {
  const byFile = groupByFile(ctx.findings);
  const withFindings = new Set(ctx.findings.map((f) => f.filePath));
  const suites: string[] = [];
  let tests = 0;
  let failures = 0;
  for (const [relPath, fs] of byFile) {
    const failed = fs.filter((f) => f.severity !== 'info').length;
    tests += fs.length;
    failures += failed;
    suites.push(
      `  <testsuite${attrs({ name: relPath, tests: fs.length, failures: failed, errors: 0, skipped: 0 })}>\n${fs.map(testcase).join('\n')}\n  </testsuite>`,
    );
  }
  const clean = ctx.files.filter((abs) => !withFindings.has(abs)).map((abs) => relative(ctx.rootDir, abs).split(sep).join('/')).sort();
  for (const relPath of clean) {
    tests++;
    suites.push(`  <testsuite${attrs({ name: relPath, tests: 1, failures: 0, errors: 0, skipped: 0 })}>\n    <testcase${attrs({ classname: relPath, name: 'obslint', file: relPath })}/>\n  </testsuite>`);
  }
  return `<?xml version="1.0" encoding="UTF-8"?>\n<testsuites${attrs({ name: 'obslint', tests, failures, errors: 0 })}>\n${suites.join('\n')}${suites.length ? '\n' : ''}</testsuites>\n`;
}
