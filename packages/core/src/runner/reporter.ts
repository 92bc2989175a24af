import type { ResolvedConfig } from '../config/resolve-config.js';
import { settingFor } from '../config/resolve-config.js';
import type { DocumentRule, ReportDescriptor, Severity } from '../rule/types.js';
import { formatMessage } from '../rule/types.js';
import type { SourceRange } from '../source/source-file.js';
import { makeFingerprint, type Finding } from './finding.js';
import { sharedWork } from './shared-work.js';

/**
 * The one path every finding takes: message formatting, location, severity from config (including
 * pointer/entity overrides), and fingerprint. Rules never see config severities or suppressions.
 */
export function toFinding(rule: DocumentRule<any>, d: ReportDescriptor, config: ResolvedConfig): Finding | undefined {
  const template = rule.meta.messages[d.messageId];
  if (template === undefined) throw new Error(`rule ${rule.meta.id} reported unknown messageId "${d.messageId}"`);
  const file = d.at.file;
  const pointer = d.at.pointer;
  const entity = d.entity;
  const setting = settingFor(config, rule.meta.id, file.path, { pointer, entity });
  if (setting.severity === 'off') return undefined;
  const severity: Severity = setting.explicitSeverity ? setting.severity : d.severity ?? setting.severity;
  const range: SourceRange = sharedWork('locate', () => d.at.range() ?? file.rangeOf(0, 0));
  const message = formatMessage(template, d.data);
  return {
    ruleId: rule.meta.id,
    severity,
    message,
    messageId: d.messageId,
    filePath: file.path,
    relPath: file.relPath,
    line: range.line,
    column: range.column,
    endLine: range.endLine,
    endColumn: range.endColumn,
    pointer,
    entity,
    // Two different problems of one rule on one entity (messageIds) must not share an identity.
    fingerprint: makeFingerprint(rule.meta.id, file.relPath, `${entity ?? pointer ?? message}\u0000${d.messageId}`),
    fix: d.fix,
    origin: 'document',
  };
}
