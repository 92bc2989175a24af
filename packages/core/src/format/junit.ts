import { posixRelative } from '../source/rel-path.js';
import type { Finding } from '../runner/finding.js';
import { findingSourceOf, type FindingSource } from '../runner/finding-set.js';
import { TextPieces, tallyFindings } from './ci-common.js';
import type { FormatContext, StreamFormatContext } from './types.js';

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
  return [...formatJunitChunks(ctx, findingSourceOf(ctx.findings))].join('');
}

/**
 * The same text as `formatJunit`, a file at a time. The root element carries the totals, so the findings
 * are read twice: once to count them (keeping only which files have any), once to write them.
 */
export function* formatJunitChunks(ctx: StreamFormatContext, source: FindingSource): Generator<string> {
  const { counts, files: withFindings } = tallyFindings(source);
  const clean = ctx.files.filter((abs) => !withFindings.has(abs)).map((abs) => posixRelative(ctx.rootDir, abs)).sort();
  const tests = counts.errorCount + counts.warningCount + counts.infoCount + clean.length;
  const failures = counts.errorCount + counts.warningCount;
  const pieces = new TextPieces(`<?xml version="1.0" encoding="UTF-8"?>\n<testsuites${attrs({ name: 'obslint', tests, failures, errors: 0 })}>\n`);
  let suites = 0;
  const add = (suite: string) => pieces.add(suites++ ? `\n${suite}` : suite);
  for (const path of source.files) {
    if (!withFindings.has(path)) continue;
    const fs = source.of(path);
    const failed = fs.filter((f) => f.severity !== 'info').length;
    const piece = add(`  <testsuite${attrs({ name: fs[0].relPath, tests: fs.length, failures: failed, errors: 0, skipped: 0 })}>\n${fs.map(testcase).join('\n')}\n  </testsuite>`);
    if (piece) yield piece;
  }
  for (const relPath of clean) {
    const piece = add(`  <testsuite${attrs({ name: relPath, tests: 1, failures: 0, errors: 0, skipped: 0 })}>\n    <testcase${attrs({ classname: relPath, name: 'obslint', file: relPath })}/>\n  </testsuite>`);
    if (piece) yield piece;
  }
  yield pieces.rest(`${suites ? '\n' : ''}</testsuites>\n`);
}
