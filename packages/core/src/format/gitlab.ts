import type { Severity } from '../rule/types.js';
import { occurrenceFingerprints } from '../runner/finding.js';
import { jsonText } from './ci-common.js';
import type { FormatContext } from './types.js';

/** Code Quality severities (info, minor, major, critical, blocker). */
export const GITLAB_SEVERITY: Record<Severity, 'info' | 'minor' | 'major'> = { info: 'info', warning: 'minor', error: 'major' };

/**
 * GitLab Code Quality report (a Code Climate issue array): description, check_name, a fingerprint unique in the
 * report and stable across line shifts, severity, and location path + begin line.
 */
export function formatGitlab(ctx: FormatContext): string {
  const ids = occurrenceFingerprints(ctx.findings);
  return jsonText(
    ctx.findings.map((f, i) => ({
      type: 'issue',
      check_name: f.ruleId,
      description: f.message,
      fingerprint: ids[i],
      severity: GITLAB_SEVERITY[f.severity],
      location: { path: f.relPath, lines: { begin: f.line, end: Math.max(f.line, f.endLine) } },
    })),
  );
}
