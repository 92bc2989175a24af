import type { SourceFile } from '../source/source-file.js';
import type { ParsedDocument, ParseFailure } from '../document/document.js';
import type { AlertmanagerConfig } from './alertmanager.js';
import type { Dashboard } from './dashboard.js';
import type { AlertingRule, RecordingRule, RuleFile, RuleGroup } from './rules.js';
import type { ExpositionSnapshot, MetricFamily } from '../exposition/parse-exposition.js';
import type { CodeModel } from '../metrics/index-code.js';

/** The domain models rules can visit, by visitor name. */
export interface ModelMap {
  dashboard: Dashboard;
  ruleFile: RuleFile;
  ruleGroup: RuleGroup;
  alertingRule: AlertingRule;
  recordingRule: RecordingRule;
  alertmanager: AlertmanagerConfig;
  exposition: ExpositionSnapshot;
  metricFamily: MetricFamily;
}

/** What a file is, detected by content (and name), or forced by config. */
export type FileKind = 'dashboard' | 'rules' | 'alertmanager' | 'exposition' | 'code' | 'unknown';

/** A notice about a file that is not a finding of a rule (e.g. a Helm template skipped). */
export interface FileNotice {
  severity: 'info' | 'warning';
  message: string;
  offset: number;
}

/** Everything obslint read from one file: parsed once, shared by every rule. */
export interface FileModel {
  file: SourceFile;
  kinds: Set<FileKind>;
  documents: ParsedDocument[];
  dashboards: Dashboard[];
  ruleFiles: RuleFile[];
  alertmanagers: AlertmanagerConfig[];
  exposition?: ExpositionSnapshot;
  /** For code files, when an enabled rule reads code (the metric index): metric definitions and uses. */
  code?: CodeModel;
  parseErrors: ParseFailure[];
  notices: FileNotice[];
  /**
   * Findings on this file are not reported (it is outside this run's shard; its summaries still feed cross-file
   * rules): what only its own findings would point at need not be located.
   */
  unreported?: boolean;
  /**
   * The run can read this file again: where each metric use of its queries is, for cross-file rules, is worked
   * out only when one of them reports it (`withUseLocator`), not for every use as the summary is made.
   */
  locateUsesLater?: boolean;
}

/** The repository as a whole, for the repo-wide phase of cross-file rules. */
export interface RepoIndex {
  files: FileModel[];
  dashboards: Dashboard[];
  ruleFiles: RuleFile[];
  alertmanagers: AlertmanagerConfig[];
  expositions: ExpositionSnapshot[];
}

export type { Dashboard, AlertmanagerConfig, RuleFile, RuleGroup, AlertingRule, RecordingRule, ExpositionSnapshot, MetricFamily };
