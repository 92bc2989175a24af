import type { AnyRule } from '../rule/types.js';
import type { FileModel } from '../model/index.js';
import type { AuditFileFacts, AuditReport } from '../report/audit.js';
import type { Finding } from '../runner/finding.js';
import type { FindingSource } from '../runner/finding-set.js';

export interface FormatContext {
  findings: Finding[];
  /** Every file that was linted (absolute paths), so clean files can be listed where formats want them. */
  files: string[];
  rootDir: string;
  rules: readonly AnyRule[];
  /** Colours (stylish only; false when not a TTY or NO_COLOR is set). */
  color: boolean;
  /** Reads a file's text for code frames; undefined when it cannot be read. */
  readSource?: (absPath: string) => string | undefined;
  toolVersion: string;
  /** Models of the files read (dashboards, rule files, snapshots), for report formats (html). */
  models?: readonly FileModel[];
  /** What an audit needs of each file read (used instead of `models` when given). */
  auditFacts?: readonly AuditFileFacts[];
  /** A precomputed audit report (`obslint audit`); report formats build one from findings and models otherwise. */
  report?: AuditReport;
  /** Reads a rule's documentation (its README.md, Markdown); undefined when there is none. Used for SARIF help. */
  readRuleDocs?: (ruleId: string) => string | undefined;
  /** Findings left out of this output to keep it within a consumer's limit (SARIF: `--sarif-max-results`). */
  omitted?: { count: number; limit: number };
}

export type Formatter = (ctx: FormatContext) => string;

/** What a streaming formatter gets besides its findings (it reads those a file at a time). */
export type StreamFormatContext = Omit<FormatContext, 'findings'>;

/** A formatter that reads findings a file at a time and writes its text a piece at a time. */
export type StreamingFormatter = (ctx: StreamFormatContext, source: FindingSource) => Iterable<string>;
