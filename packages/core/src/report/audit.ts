import type { FileKind, FileModel } from '../model/index.js';
import { cardinalityBreakdown } from '../exposition/cardinality.js';
import type { MetricFamily, MetricType } from '../exposition/parse-exposition.js';
import type { AnyRule, Domain, Severity } from '../rule/types.js';
import { ruleDocsUrl } from '../rule/types.js';
import { TOOL_RULE_ID_SET } from '../rule/tool-rules.js';
import type { Finding } from '../runner/finding.js';
import { formatOfPath } from '../runner/load-file.js';
import { SEVERITY_WEIGHT, computeScore, penaltyOf, type DomainScoreInput, type ScoreResult } from './score.js';
import { ownString } from '../util/intern.js';

/** A rule domain, or `tool` for findings of obslint itself (parse errors, skipped files, suppressions). */
export type ReportDomain = Domain | 'tool';

export interface SeverityCounts {
  error: number;
  warning: number;
  info: number;
  total: number;
}

export interface DomainSummary extends SeverityCounts {
  domain: ReportDomain;
  /** Things judged in the domain (see `artifactCounts`). */
  artifacts: number;
}

export interface RuleSummary extends SeverityCounts {
  ruleId: string;
  domain: ReportDomain;
  description?: string;
  docsUrl: string;
}

export interface FileSummary extends SeverityCounts {
  relPath: string;
  kind: FileKind;
  /** Σ severity weights of the file's findings (the score's weights). */
  penalty: number;
}

export interface DashboardSize {
  relPath: string;
  title: string;
  uid?: string;
  panels: number;
  /** Panels inside collapsed rows. */
  collapsed: number;
  line: number;
}

export interface LabelCardinality {
  name: string;
  /** Distinct values of the label in the snapshot. */
  values: number;
}

export interface FamilyCardinality {
  relPath: string;
  name: string;
  type: MetricType;
  /** Distinct series (name + label set) of the family in the snapshot. */
  series: number;
  /** Label names used by the family (`le`/`quantile` included). */
  labelNames: number;
  /** The label with the most distinct values (bucket/quantile labels excluded), when there is one. */
  worstLabel?: LabelCardinality;
  line: number;
}

export interface NoisySignal {
  ruleId: string;
  severity: Severity;
  message: string;
}

export interface NoisyAlert {
  relPath: string;
  name: string;
  group?: string;
  line: number;
  signals: NoisySignal[];
}

export interface AuditReport {
  rootDir: string;
  /** What was audited, as named on the command line (default `.`). */
  scope: string;
  totals: SeverityCounts & { files: number };
  domains: DomainSummary[];
  rules: RuleSummary[];
  worstFiles: FileSummary[];
  dashboards: DashboardSize[];
  panelThreshold: { warn: number; error: number };
  cardinality: FamilyCardinality[];
  noisyAlerts: NoisyAlert[];
  score: ScoreResult;
  /** Every finding, for the HTML table. */
  findings: readonly Finding[];
}

/** Rule ids that are static signs of a noisy alert: no or short `for`, no comparison, fragile aggregation, raw counters. */
export const NOISE_RULE_IDS: readonly string[] = [
  'alert/missing-for',
  'alert/no-comparison',
  'alert/fragile-aggregation',
  'alert/counter-without-rate',
  'alert/absent-without-for',
  'alert/rate-range-too-short',
];

export interface AuditLimits {
  worstFiles: number;
  dashboards: number;
  cardinality: number;
  noisyAlerts: number;
}

export const DEFAULT_AUDIT_LIMITS: AuditLimits = { worstFiles: 15, dashboards: 50, cardinality: 30, noisyAlerts: 30 };

/**
 * What the audit needs of one file's model: its kind, how many things it holds of each domain, and the
 * dashboards, alerts and metric families it names. Computed as each file is linted, so a large audit does
 * not hold every model until the end (its strings are copies of their own, which keep no file text alive).
 */
export interface AuditFileFacts {
  path: string;
  relPath: string;
  kind: FileKind;
  counts: { dashboards: number; panels: number; targets: number; alerts: number; recordings: number; alertmanagers: number; families: number };
  dashboards: Array<Omit<DashboardSize, 'relPath'>>;
  alerts: Array<{ entity: string; name: string; group: string; line: number }>;
  families: Array<Omit<FamilyCardinality, 'relPath'>>;
}

export function auditFactsOf(m: FileModel): AuditFileFacts {
  // A file of a known kind that could not be read still counts once, so its parse error weighs somewhere.
  const unreadable = (kind: FileKind, parsed: number) => (parsed === 0 && m.kinds.has(kind) ? 1 : 0);
  const counts = {
    dashboards: m.dashboards.length + unreadable('dashboard', m.dashboards.length),
    panels: 0,
    targets: 0,
    alerts: unreadable('rules', m.ruleFiles.length),
    recordings: 0,
    alertmanagers: m.alertmanagers.length + unreadable('alertmanager', m.alertmanagers.length),
    families: (m.exposition?.families.length ?? 0) + unreadable('exposition', m.exposition?.families.length ?? 0),
  };
  const dashboards: AuditFileFacts['dashboards'] = [];
  for (const d of m.dashboards) {
    counts.panels += d.panels.length;
    for (const p of d.panels) counts.targets += p.targets.length;
    const title = d.title ?? d.uid ?? m.file.relPath;
    dashboards.push({ title: ownString(title), uid: d.uid === undefined ? undefined : ownString(d.uid), panels: d.panels.length, collapsed: d.panels.filter((p) => p.inCollapsedRow).length, line: d.ref.range()?.line ?? 1 });
  }
  const alerts: AuditFileFacts['alerts'] = [];
  for (const rf of m.ruleFiles) {
    for (const g of rf.groups) {
      for (const r of g.rules) {
        if (r.type !== 'alerting') {
          counts.recordings++;
          continue;
        }
        counts.alerts++;
        alerts.push({ entity: ownString(r.entity), name: ownString(r.name), group: ownString(g.name), line: r.ref.range()?.line ?? 1 });
      }
    }
  }
  const families = (m.exposition?.families ?? []).map((fam) => {
    const c = familyCardinality(fam);
    return { line: fam.ref.range()?.line ?? 1, ...c, name: ownString(c.name), worstLabel: c.worstLabel && { ...c.worstLabel, name: ownString(c.worstLabel.name) } };
  });
  return { path: m.file.path, relPath: m.file.relPath, kind: fileKindOf(m.file.path, m), counts, dashboards, alerts, families };
}

export interface AuditInput {
  findings: readonly Finding[];
  /** What the audit needs of each file (see `auditFactsOf`); or the models themselves. */
  facts?: readonly AuditFileFacts[];
  models?: readonly FileModel[];
  /** Every file linted (absolute paths); code files are counted from it. */
  files: readonly string[];
  rules: readonly AnyRule[];
  rootDir: string;
  /** What was audited, as named on the command line (default `.`). */
  scope?: string;
  /** Rule ids enabled in the run: a domain none of them belongs to is not scored. Default: every rule in `rules`. */
  enabledRuleIds?: ReadonlySet<string>;
  /** `dashboard/max-panels` thresholds; default: the rule's default options, else 50/100. */
  panelThreshold?: { warn: number; error: number };
  limits?: Partial<AuditLimits>;
}

function emptyCounts(): SeverityCounts {
  return { error: 0, warning: 0, info: 0, total: 0 };
}

function add(c: SeverityCounts, s: Severity): void {
  c[s]++;
  c.total++;
}

/** Orders by weighted severity (errors first), then by total. */
function bySeverity(a: SeverityCounts, b: SeverityCounts): number {
  return penaltyOf(b) - penaltyOf(a) || b.total - a.total;
}

/** The rule-catalogue domain of a rule id (`tool` for obslint's own findings and unknown ids). */
export function domainOfRule(ruleId: string, rulesById: ReadonlyMap<string, AnyRule>): ReportDomain {
  if (TOOL_RULE_ID_SET.has(ruleId)) return 'tool';
  const rule = rulesById.get(ruleId);
  if (rule) return rule.meta.domain;
  return 'tool';
}

/** The scored domain a file of this kind belongs to (for tool findings such as parse errors). */
const DOMAIN_OF_KIND: Partial<Record<FileKind, Domain>> = {
  dashboard: 'dashboard',
  rules: 'alert',
  alertmanager: 'alertmanager',
  exposition: 'metric',
  code: 'log',
};

/** The kind of a file: the first of its model's kinds when it was read, else from its extension. */
export function fileKindOf(path: string, model: FileModel | undefined): FileKind {
  if (model) return [...model.kinds][0] ?? 'unknown';
  return formatOfPath(path) === 'code' ? 'code' : 'unknown';
}

/**
 * What each domain's score is divided by: dashboards plus their panels (most dashboard findings are about a
 * panel or a query); alerting rules; recording rules; Alertmanager configs; metric families in snapshots plus
 * code files and recording rules (both define metrics); code files for log and trace; every query (dashboard targets,
 * alerting and recording rules) for cross-file query rules. An unreadable file of a kind counts as one artifact.
 */
export function artifactCounts(facts: readonly AuditFileFacts[], files: readonly string[]): Record<Domain, number> {
  const t = { dashboards: 0, panels: 0, targets: 0, alerts: 0, recordings: 0, alertmanagers: 0, families: 0 };
  for (const f of facts) for (const k of Object.keys(t) as Array<keyof typeof t>) t[k] += f.counts[k];
  const codeFiles = files.filter((f) => formatOfPath(f) === 'code').length;
  return {
    dashboard: t.dashboards + t.panels,
    alert: t.alerts,
    recording: t.recordings,
    alertmanager: t.alertmanagers,
    metric: t.families + codeFiles + t.recordings,
    log: codeFiles,
    trace: codeFiles,
    query: t.targets + t.alerts + t.recordings,
  };
}

/** Series and worst label of one exposition family (from the shared cardinality breakdown). */
export function familyCardinality(fam: MetricFamily): Omit<FamilyCardinality, 'relPath' | 'line'> {
  const b = cardinalityBreakdown(fam);
  const worst = b.worstLabels[0];
  return { name: fam.name, type: fam.type, series: b.series, labelNames: b.labels.length, worstLabel: worst ? { name: worst.name, values: worst.distinctValues } : undefined };
}

function panelThresholdOf(input: AuditInput): { warn: number; error: number } {
  if (input.panelThreshold) return input.panelThreshold;
  const opts = input.rules.find((r) => r.meta.id === 'dashboard/max-panels')?.meta.defaultOptions as { warn?: unknown; error?: unknown } | undefined;
  const num = (v: unknown, d: number) => (typeof v === 'number' ? v : d);
  return { warn: num(opts?.warn, 50), error: num(opts?.error, 100) };
}

const key = (relPath: string, entity: string) => `${relPath}\u0000${entity}`;

function noisyAlerts(input: AuditInput, facts: readonly AuditFileFacts[], limit: number): NoisyAlert[] {
  const byEntity = new Map<string, NoisyAlert>();
  for (const f of facts) for (const a of f.alerts) byEntity.set(key(f.relPath, a.entity), { relPath: f.relPath, name: a.name, group: a.group, line: a.line, signals: [] });
  const noise = new Set(NOISE_RULE_IDS);
  for (const f of input.findings) {
    if (!noise.has(f.ruleId) || f.entity === undefined) continue;
    const a = byEntity.get(key(f.relPath, f.entity));
    if (a && !a.signals.some((s) => s.ruleId === f.ruleId)) a.signals.push({ ruleId: f.ruleId, severity: f.severity, message: f.message });
  }
  const weight = (a: NoisyAlert) => a.signals.reduce((s, x) => s + SEVERITY_WEIGHT[x.severity], 0);
  const alerts = [...byEntity.values()].filter((a) => a.signals.length > 0);
  for (const a of alerts) a.signals.sort((x, y) => SEVERITY_WEIGHT[y.severity] - SEVERITY_WEIGHT[x.severity] || (x.ruleId < y.ruleId ? -1 : 1));
  return alerts
    .sort((a, b) => b.signals.length - a.signals.length || weight(b) - weight(a) || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
    .slice(0, limit);
}

/** The audit: totals per domain and rule, worst files, largest dashboards, cardinality offenders, noisy alerts and the score. */
export function buildAuditReport(input: AuditInput): AuditReport {
  const limits = { ...DEFAULT_AUDIT_LIMITS, ...input.limits };
  const rulesById = new Map(input.rules.map((r) => [r.meta.id, r]));
  const facts = input.facts ?? (input.models ?? []).map(auditFactsOf);
  const kindByPath = new Map(facts.map((f) => [f.path, f.kind]));
  const kindOf = (path: string): FileKind => kindByPath.get(path) ?? fileKindOf(path, undefined);
  const artifacts = artifactCounts(facts, input.files);

  const totals = { ...emptyCounts(), files: input.files.length };
  const domains = new Map<ReportDomain, SeverityCounts>();
  const scored = new Map<Domain, SeverityCounts>();
  const rules = new Map<string, RuleSummary>();
  const files = new Map<string, FileSummary>();
  for (const f of input.findings) {
    add(totals, f.severity);
    const domain = domainOfRule(f.ruleId, rulesById);
    if (!domains.has(domain)) domains.set(domain, emptyCounts());
    add(domains.get(domain)!, f.severity);
    const scoredIn = domain === 'tool' ? DOMAIN_OF_KIND[kindOf(f.filePath)] : domain;
    if (scoredIn) {
      if (!scored.has(scoredIn)) scored.set(scoredIn, emptyCounts());
      add(scored.get(scoredIn)!, f.severity);
    }
    let r = rules.get(f.ruleId);
    if (!r) rules.set(f.ruleId, (r = { ruleId: f.ruleId, domain, description: rulesById.get(f.ruleId)?.meta.description, docsUrl: ruleDocsUrl(f.ruleId), ...emptyCounts() }));
    add(r, f.severity);
    let fs = files.get(f.relPath);
    if (!fs) files.set(f.relPath, (fs = { relPath: f.relPath, kind: kindOf(f.filePath), penalty: 0, ...emptyCounts() }));
    add(fs, f.severity);
  }
  for (const fs of files.values()) fs.penalty = penaltyOf(fs);

  const enabled = input.enabledRuleIds ?? new Set(input.rules.map((r) => r.meta.id));
  const enabledDomains = new Set<Domain>();
  for (const id of enabled) {
    const d = domainOfRule(id, rulesById);
    if (d !== 'tool') enabledDomains.add(d);
  }
  const scoreInputs: DomainScoreInput[] = [...enabledDomains].map((d) => {
    const c = scored.get(d) ?? emptyCounts();
    return { domain: d, artifacts: artifacts[d], error: c.error, warning: c.warning, info: c.info };
  });

  const domainSummaries: DomainSummary[] = [];
  const allDomains = new Set<ReportDomain>([...domains.keys(), ...(Object.keys(artifacts) as Domain[]).filter((d) => artifacts[d] > 0 && enabledDomains.has(d))]);
  for (const d of allDomains) domainSummaries.push({ domain: d, artifacts: d === 'tool' ? input.files.length : artifacts[d], ...(domains.get(d) ?? emptyCounts()) });
  domainSummaries.sort((a, b) => bySeverity(a, b) || (a.domain < b.domain ? -1 : 1));

  const dashboards: DashboardSize[] = facts
    .flatMap((f) => f.dashboards.map((d) => ({ relPath: f.relPath, ...d })))
    .sort((a, b) => b.panels - a.panels || (a.title < b.title ? -1 : 1))
    .slice(0, limits.dashboards);

  const cardinality: FamilyCardinality[] = facts
    .flatMap((f) => f.families.map((fam) => ({ relPath: f.relPath, ...fam })))
    .sort((a, b) => b.series - a.series || (b.worstLabel?.values ?? 0) - (a.worstLabel?.values ?? 0) || (a.name < b.name ? -1 : 1))
    .slice(0, limits.cardinality);

  return {
    rootDir: input.rootDir,
    scope: input.scope ?? '.',
    totals,
    domains: domainSummaries,
    rules: [...rules.values()].sort((a, b) => bySeverity(a, b) || (a.ruleId < b.ruleId ? -1 : 1)),
    worstFiles: [...files.values()].sort((a, b) => b.penalty - a.penalty || b.total - a.total || (a.relPath < b.relPath ? -1 : 1)).slice(0, limits.worstFiles),
    dashboards,
    panelThreshold: panelThresholdOf(input),
    cardinality,
    noisyAlerts: noisyAlerts(input, facts, limits.noisyAlerts),
    score: computeScore(scoreInputs),
    findings: input.findings,
  };
}
