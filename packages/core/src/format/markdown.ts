import { ruleDocsUrl } from '../rule/types.js';
import type { Severity } from '../rule/types.js';
import { findingSourceOf, type FindingSource } from '../runner/finding-set.js';
import { TextPieces, tallyFindings } from './ci-common.js';
import type { FormatContext, StreamFormatContext } from './types.js';

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
  return [...formatMarkdownChunks(ctx, findingSourceOf(ctx.findings))].join('');
}

/** The same text as `formatMarkdown`, a file at a time (the summary line comes from a first, counting pass). */
export function* formatMarkdownChunks(ctx: StreamFormatContext, source: FindingSource): Generator<string> {
  const { counts: n, files } = tallyFindings(source);
  const total = n.errorCount + n.warningCount + n.infoCount;
  if (total === 0) {
    yield `# obslint report\n\nNo problems found in ${plural(ctx.files.length, 'file')}.\n`;
    return;
  }
  const pieces = new TextPieces(
    `# obslint report\n\n**${plural(total, 'problem')}** (${plural(n.errorCount, 'error')}, ${plural(n.warningCount, 'warning')}, ${n.infoCount} info) in ${plural(files.size, 'file')} of ${ctx.files.length} checked.`,
  );
  for (const path of source.files) {
    if (!files.has(path)) continue;
    const fs = source.of(path);
    const rows = fs.map((f) => `\n| ${f.line}:${f.column} | ${ICON[f.severity]} | [${f.ruleId}](${ruleDocsUrl(f.ruleId)}) | ${markdownCell(f.message)} |`);
    const piece = pieces.add(`\n\n## \`${fs[0].relPath.replace(/`/g, "'")}\`\n\n| Line | Severity | Rule | Message |\n|---:|---|---|---|${rows.join('')}`);
    if (piece) yield piece;
  }
  yield pieces.rest('\n');
}
