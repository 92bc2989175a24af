import type { Finding } from '../runner/finding.js';
import { findingSourceOf, type FindingSource } from '../runner/finding-set.js';
import type { FormatContext, StreamFormatContext } from './types.js';

const C = {
  red: (s: string) => `\u001b[31m${s}\u001b[39m`,
  yellow: (s: string) => `\u001b[33m${s}\u001b[39m`,
  blue: (s: string) => `\u001b[34m${s}\u001b[39m`,
  dim: (s: string) => `\u001b[2m${s}\u001b[22m`,
  bold: (s: string) => `\u001b[1m${s}\u001b[22m`,
  underline: (s: string) => `\u001b[4m${s}\u001b[24m`,
};
const plain = { red: String, yellow: String, blue: String, dim: String, bold: String, underline: String } as typeof C;

/** How many findings per file get a code frame. */
const FRAMES_PER_FILE = 3;

function codeFrame(text: string, f: Finding, c: typeof C): string[] {
  const lines = text.split(/\r?\n|\r/);
  const out: string[] = [];
  const from = Math.max(1, f.line - 1);
  const to = Math.min(lines.length, f.line + 1);
  const width = String(to).length;
  for (let l = from; l <= to; l++) {
    let src = lines[l - 1] ?? '';
    if (src.length > 160) src = src.slice(0, 157) + '...';
    const marker = l === f.line ? c.red('>') : ' ';
    out.push(`  ${marker} ${c.dim(String(l).padStart(width))} | ${src}`);
    if (l === f.line) {
      const span = f.endLine === f.line ? Math.max(1, f.endColumn - f.column) : Math.max(1, src.length - f.column + 1);
      out.push(`    ${' '.repeat(width)} | ${' '.repeat(Math.max(0, f.column - 1))}${c.red('^'.repeat(Math.min(span, 80)))}`);
    }
  }
  return out;
}

/** Human output grouped by file: `line:col severity message rule-id`, code frames for the first findings, a summary. */
export function formatStylish(ctx: FormatContext): string {
  let out = '';
  for (const chunk of formatStylishChunks(ctx, findingSourceOf(ctx.findings))) out += chunk;
  return out;
}

/** Text gathered before a piece is given out (fewer, larger writes to a terminal or pipe). */
const CHUNK = 1 << 16;

/** The same text as `formatStylish`, a file at a time. */
export function* formatStylishChunks(ctx: StreamFormatContext, source: FindingSource): Generator<string> {
  const c = ctx.color ? C : plain;
  const n = { errorCount: 0, warningCount: 0, infoCount: 0 };
  const filesWithFindings = new Set<string>();
  // The text is these lines joined by newlines, without the first line's leading empty one.
  let pending = '';
  let first = true;
  const add = (lines: string[]) => {
    const text = lines.join('\n');
    pending += first ? text.replace(/^\n/, '') : `\n${text}`;
    first = false;
  };
  for (const path of source.files) {
    const fs = source.of(path);
    if (fs.length === 0) continue;
    const rel = fs[0].relPath;
    filesWithFindings.add(rel);
    const lines = ['', c.underline(rel)];
    const pos = fs.map((f) => `${f.line}:${f.column}`);
    let pw = 0;
    let sw = 0;
    for (let i = 0; i < fs.length; i++) {
      pw = Math.max(pw, pos[i].length);
      sw = Math.max(sw, fs[i].severity.length);
    }
    const text = ctx.readSource?.(fs[0].filePath);
    fs.forEach((f, i) => {
      if (f.severity === 'error') n.errorCount++;
      else if (f.severity === 'warning') n.warningCount++;
      else n.infoCount++;
      const sev = f.severity === 'error' ? c.red(f.severity.padEnd(sw)) : f.severity === 'warning' ? c.yellow(f.severity.padEnd(sw)) : c.blue(f.severity.padEnd(sw));
      lines.push(`  ${c.dim(pos[i].padEnd(pw))}  ${sev}  ${f.message}  ${c.dim(f.ruleId)}`);
      if (text !== undefined && i < FRAMES_PER_FILE) lines.push(...codeFrame(text, f, c));
    });
    add(lines);
    if (pending.length >= CHUNK) {
      yield pending;
      pending = '';
    }
  }
  const total = n.errorCount + n.warningCount + n.infoCount;
  if (total === 0) {
    add([`${ctx.files.length} file${ctx.files.length === 1 ? '' : 's'} checked, no problems found.`]);
    yield `${pending}\n`;
    return;
  }
  const plural = (k: number, w: string) => `${k} ${w}${k === 1 ? '' : 's'}`;
  const summary = `✖ ${plural(total, 'problem')} (${plural(n.errorCount, 'error')}, ${plural(n.warningCount, 'warning')}, ${n.infoCount} info) in ${plural(filesWithFindings.size, 'file')} of ${ctx.files.length} checked`;
  add(['', n.errorCount ? c.bold(c.red(summary)) : n.warningCount ? c.bold(c.yellow(summary)) : c.bold(summary)]);
  yield `${pending}\n`;
}
