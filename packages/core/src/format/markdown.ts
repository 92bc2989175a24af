import { ruleDocsUrl } from '../rule/types.js';
import type { Severity } from '../rule/types.js';
import { countFindings } from '../runner/finding.js';
import { groupByFile } from './ci-common.js';
import type { FormatContext } from './types.js';

const ICON: Record<Severity, string> = { error: '🛑 error', warning: '⚠️ warning', info: 'ℹ️ info' };

/** Text safe inside a Markdown table cell: no HTML, no cell breaks, one line. */
export function markdownCell(s: string): string {
  return s
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/\|/g, '\\|')
    .replace(/\r?\n|\r/g, '<br>');
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

/** A Markdown report (PR comments, job summaries): a summary line, then one table per file with links to the rules. */
export function formatMarkdown(ctx: FormatContext): string {
  const out = ['# obslint report', ''];
  const n = countFindings(ctx.findings);
  const byFile = groupByFile(ctx.findings);
  if (!ctx.findings.length) {
    out.push(`No problems found in ${plural(ctx.files.length, 'file')}.`);
    return out.join('\n') + '\n';
  }
  out.push(
    `**${plural(ctx.findings.length, 'problem')}** (${plural(n.errorCount, 'error')}, ${plural(n.warningCount, 'warning')}, ${n.infoCount} info) in ${plural(byFile.size, 'file')} of ${ctx.files.length} checked.`,
  );
  for (const [relPath, fs] of byFile) {
    out.push('', `## \`${relPath.replace(/`/g, "'")}\``, '', '| Line | Severity | Rule | Message |', '|---:|---|---|---|');
    for (const f of fs) {
      out.push(`| ${f.line}:${f.column} | ${ICON[f.severity]} | [${f.ruleId}](${ruleDocsUrl(f.ruleId)}) | ${markdownCell(f.message)} |`);
    }
  }
  return out.join('\n') + '\n';
}
