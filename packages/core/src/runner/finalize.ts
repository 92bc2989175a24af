import type { ResolvedConfig } from '../config/resolve-config.js';
import { settingFor } from '../config/resolve-config.js';
import type { AnyRule } from '../rule/types.js';
import { TOOL_RULE_ID_SET } from '../rule/tool-rules.js';
import type { SourceFile } from '../source/source-file.js';
import { findSuppression, namesOnlyDisabledRules, parseInlineSuppressions } from '../suppress/inline-suppressions.js';
import { compareFindings, type Finding } from './finding.js';
import { toolFinding } from './tool-finding.js';

/** What finalising a file's findings needs besides them: the rules and the configuration of the run. */
export interface FinalizeContext {
  rules: readonly AnyRule[];
  config: ResolvedConfig;
}

/** Whether a rule may report anything in `path` (on in the base config, or in a pointer/entity override). */
export function ruleMayRun(config: ResolvedConfig, rule: AnyRule, path: string): boolean {
  if (settingFor(config, rule.meta.id, path).severity !== 'off') return true;
  // A pointer/entity override may turn the rule on for part of the file.
  return config.overrides.some((o) => (o.pointers || o.entities) && o.rules.get(rule.meta.id)?.severity && o.rules.get(rule.meta.id)?.severity !== 'off');
}

const knownIds = new WeakMap<readonly AnyRule[], Map<string, AnyRule>>();

function rulesById(rules: readonly AnyRule[]): Map<string, AnyRule> {
  let m = knownIds.get(rules);
  if (!m) knownIds.set(rules, (m = new Map(rules.map((r) => [r.meta.id, r]))));
  return m;
}

/**
 * One file's findings as they are reported: inline suppressions (YAML comments) applied, suppressions
 * without a reason or without effect reported, configured severities applied to tool findings, sorted.
 * `source` is the file's text when it holds suppression comments. Findings of one file never depend on
 * another's, so a run finalises its files one at a time.
 */
export function finalizeFileFindings(findings: readonly Finding[], source: SourceFile | undefined, ctx: FinalizeContext): Finding[] {
  const { config } = ctx;
  const sups = source ? parseInlineSuppressions(source) : [];
  const kept: Finding[] = [];
  for (const f of findings) {
    if (f.origin === 'code' || f.ruleId === 'parse-error' || sups.length === 0) kept.push(f);
    else if (!findSuppression(sups, f.ruleId, f.line)) kept.push(f);
  }
  if (source) {
    const known = rulesById(ctx.rules);
    for (const s of sups) {
      const start = source.lineStart(s.line) + s.column - 1;
      const end = source.lineStart(s.line) + s.endColumn - 1;
      if (!s.reason) {
        kept.push(toolFinding(source, 'suppression-missing-reason', 'warning', 'Suppression without a reason: add "-- <why>" after the rule list.', start, end));
      }
      if (!s.used && !namesOnlyDisabledRules(s, (id) => known.has(id) && !ruleMayRun(config, known.get(id)!, source.path))) {
        const unknown = s.rules.filter((r) => !known.has(r) && !TOOL_RULE_ID_SET.has(r));
        const what = s.rules.length ? s.rules.join(', ') : 'any rule';
        const msg = unknown.length ? `Suppression names unknown rule ${unknown.map((u) => `"${u}"`).join(', ')}.` : `Unused suppression: no ${what} finding here to suppress.`;
        kept.push(toolFinding(source, 'unused-suppression', 'warning', msg, start, end));
      }
    }
  }
  const out: Finding[] = [];
  for (const f of kept) {
    if (f.origin === 'tool') {
      const s = settingFor(config, f.ruleId, f.filePath, f);
      if (s.severity === 'off') continue;
      if (s.explicitSeverity) f.severity = s.severity;
    }
    out.push(f);
  }
  out.sort(compareFindings);
  return out;
}

/** Orders paths as findings are ordered: by relative path (then absolute path, for ties). */
export function compareFilesByRelPath(a: [path: string, relPath: string], b: [path: string, relPath: string]): number {
  return a[1] < b[1] ? -1 : a[1] > b[1] ? 1 : a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0;
}

/** `finalizeFileFindings` over a whole run's findings (in memory), in report order. */
export function finalizeFindings(findings: readonly Finding[], sources: readonly SourceFile[], rules: readonly AnyRule[], config: ResolvedConfig): Finding[] {
  const byFile = new Map<string, { relPath: string; findings: Finding[] }>();
  for (const f of findings) {
    let e = byFile.get(f.filePath);
    if (!e) byFile.set(f.filePath, (e = { relPath: f.relPath, findings: [] }));
    e.findings.push(f);
  }
  const sourceOf = new Map(sources.map((s) => [s.path, s]));
  for (const s of sources) if (!byFile.has(s.path)) byFile.set(s.path, { relPath: s.relPath, findings: [] });
  const order = [...byFile].map(([p, e]): [string, string] => [p, e.relPath]).sort(compareFilesByRelPath);
  const out: Finding[] = [];
  for (const [path] of order) for (const f of finalizeFileFindings(byFile.get(path)!.findings, sourceOf.get(path), { rules, config })) out.push(f);
  return out;
}
