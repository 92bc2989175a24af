import type { Finding } from '../runner/finding.js';
import { countFindings } from '../runner/finding.js';
import type { FormatContext } from './types.js';

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
  const c = ctx.color ? C : plain;
  const byFile = new Map<string, Finding[]>();
  for (const f of ctx.findings) {
    if (!byFile.has(f.relPath)) byFile.set(f.relPath, []);
    byFile.get(f.relPath)!.push(f);
  }
  const out: string[] = [];
  for (const [rel, fs] of byFile) {
    out.push('', c.underline(rel));
    const pos = fs.map((f) => `${f.line}:${f.column}`);
    const pw = Math.max(...pos.map((p) => p.length));
    const sw = Math.max(...fs.map((f) => f.severity.length));
    const text = ctx.readSource?.(fs[0].filePath);
    fs.forEach((f, i) => {
      const sev = f.severity === 'error' ? c.red(f.severity.padEnd(sw)) : f.severity === 'warning' ? c.yellow(f.severity.padEnd(sw)) : c.blue(f.severity.padEnd(sw));
      out.push(`  ${c.dim(pos[i].padEnd(pw))}  ${sev}  ${f.message}  ${c.dim(f.ruleId)}`);
      if (text !== undefined && i < FRAMES_PER_FILE) out.push(...codeFrame(text, f, c));
    });
  }
  const n = countFindings(ctx.findings);
  const total = n.errorCount + n.warningCount + n.infoCount;
  if (total === 0) {
    out.push(`${ctx.files.length} file${ctx.files.length === 1 ? '' : 's'} checked, no problems found.`);
    return out.join('\n').replace(/^\n/, '') + '\n';
  }
  const plural = (k: number, w: string) => `${k} ${w}${k === 1 ? '' : 's'}`;
  const summary = `✖ ${plural(total, 'problem')} (${plural(n.errorCount, 'error')}, ${plural(n.warningCount, 'warning')}, ${n.infoCount} info) in ${plural(byFile.size, 'file')} of ${ctx.files.length} checked`;
  out.push('', n.errorCount ? c.bold(c.red(summary)) : n.warningCount ? c.bold(c.yellow(summary)) : c.bold(summary));
  return out.join('\n').replace(/^\n/, '') + '\n';
}
