import type { Severity } from '../rule/types.js';
import { findingSourceOf, type FindingSource } from '../runner/finding-set.js';
import { STREAMED_VALUE, findingsWithIds, jsonTextChunks } from './ci-common.js';
import type { FormatContext, StreamFormatContext } from './types.js';

/** Code Quality severities (info, minor, major, critical, blocker). */
export const GITLAB_SEVERITY: Record<Severity, 'info' | 'minor' | 'major'> = { info: 'info', warning: 'minor', error: 'major' };

/**
 * GitLab Code Quality report (a Code Climate issue array): description, check_name, a fingerprint unique in the
 * report and stable across line shifts, severity, and location path + begin line.
 */
export function formatGitlab(ctx: FormatContext): string {
  return [...formatGitlabChunks(ctx, findingSourceOf(ctx.findings))].join('');
}

/** The same text as `formatGitlab`, read a file at a time and written a batch at a time. */
export function formatGitlabChunks(_ctx: StreamFormatContext, source: FindingSource): Iterable<string> {
  function* issues() {
    for (const [f, id] of findingsWithIds(source)) {
      yield {
        type: 'issue',
        check_name: f.ruleId,
        description: f.message,
        fingerprint: id,
        severity: GITLAB_SEVERITY[f.severity],
        location: { path: f.relPath, lines: { begin: f.line, end: Math.max(f.line, f.endLine) } },
      };
    }
  }
  return jsonTextChunks(STREAMED_VALUE, issues());
}
