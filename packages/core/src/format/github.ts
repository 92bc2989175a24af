import type { Severity } from '../rule/types.js';
import type { Finding } from '../runner/finding.js';
import type { FindingSource } from '../runner/finding-set.js';
import type { FormatContext, StreamFormatContext } from './types.js';

const COMMAND: Record<Severity, 'error' | 'warning' | 'notice'> = { error: 'error', warning: 'warning', info: 'notice' };

/** Escapes a workflow command's message (`%`, CR and LF). */
export function escapeCommandData(s: string): string {
  return s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

/** Escapes a workflow command property value: like the message, plus `:` and `,`. */
export function escapeCommandProperty(s: string): string {
  return escapeCommandData(s).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

/**
 * GitHub Actions workflow commands, one per finding: `::error file=…,line=…,col=…,endLine=…,endColumn=…,title=…::message`.
 * Info findings become notices. Paths are relative to the working directory (the workspace in a workflow).
 */
export function formatGithub(ctx: FormatContext): string {
  return ctx.findings.map(githubCommand).join('');
}

/** The same text as `formatGithub`, a file at a time. */
export function* formatGithubChunks(_ctx: StreamFormatContext, source: FindingSource): Generator<string> {
  for (const path of source.files) {
    const text = source.of(path).map(githubCommand).join('');
    if (text) yield text;
  }
}

function githubCommand(f: Finding): string {
  const props: Array<[string, string | number]> = [
    ['file', f.relPath],
    ['line', f.line],
    ['col', f.column],
    ['endLine', f.endLine],
    ['endColumn', f.endColumn],
    ['title', `obslint ${f.ruleId}`],
  ];
  const list = props.map(([k, v]) => `${k}=${escapeCommandProperty(String(v))}`).join(',');
  return `::${COMMAND[f.severity]} ${list}::${escapeCommandData(f.message)}\n`;
}
