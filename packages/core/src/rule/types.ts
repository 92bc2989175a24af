import type { SpillFile } from '../util/spill-file.js';
import type { NodeRef } from '../source/node-ref.js';
import type { SourceFile } from '../source/source-file.js';
import type { FileModel, ModelMap, RepoIndex } from '../model/index.js';
import type { Settings } from '../config/settings.js';
import type { OnlineContext } from '../online/types.js';

export type Severity = 'error' | 'warning' | 'info';
export type SeveritySetting = Severity | 'off';

/** The domains of the rule catalogue; a rule id is `<domain>/<name>`. */
export type Domain = 'dashboard' | 'alert' | 'recording' | 'alertmanager' | 'metric' | 'log' | 'trace' | 'query';

/** Which preset first turns a rule on: `recommended` ⊂ `strict` ⊂ `all`; `online` rules need --prometheus-url. */
export type PresetName = 'recommended' | 'strict' | 'all';
export type RulePreset = 'recommended' | 'strict' | 'online';

/** The JSON Schema of an option holding a Prometheus duration (`30s`, `1h30m`, `7d`). */
export function durationOption(description: string): Record<string, unknown> {
  return { type: 'string', pattern: '^([0-9]+(ms|s|m|h|d|w|y))+$', description };
}

/** A JSON Schema for a rule's options object. */
export type OptionsSchema = Record<string, unknown>;

export interface RuleMeta<O = Record<string, unknown>> {
  /** Public, stable id, e.g. `dashboard/max-panels`. */
  id: string;
  domain: Domain;
  /** One line, shown by `obslint rules` and in SARIF short descriptions. */
  description: string;
  /** Severity when the rule is enabled by its preset. */
  severity: Severity;
  preset: RulePreset;
  /** Message templates by id; `{{name}}` placeholders are filled from the report's data. */
  messages: Record<string, string>;
  /** JSON Schema of the options object (additional properties are rejected). */
  schema?: OptionsSchema;
  defaultOptions: O;
  /** Whether the rule offers autofixes. */
  fixable?: boolean;
  /** Free-form tags for SARIF and docs. */
  tags?: string[];
}

/** A minimal text edit against a file: replace [start, end) with text. */
export interface TextEdit {
  start: number;
  end: number;
  text: string;
}

export interface ReportDescriptor {
  messageId: string;
  data?: Record<string, string | number>;
  /** Where the finding is. */
  at: NodeRef;
  /** Semantic identity for fingerprints and baselines (e.g. `dashboard:abc/panel:12`). Defaults to the node's entity. */
  entity?: string;
  /**
   * A rule may grade its own findings (e.g. warning at 50 panels, error at 100). Used unless the user set the
   * rule's severity explicitly in config.
   */
  severity?: Severity;
  fix?: TextEdit[];
}

export interface RuleContext<O> {
  readonly ruleId: string;
  readonly options: O;
  readonly settings: Settings;
  /** The file being linted (undefined in the repo-wide phase). */
  readonly file: SourceFile | undefined;
  report(descriptor: ReportDescriptor): void;
}

/**
 * What a `collect` function may add: how a large run keeps the bulky part of its summaries (what `reduce`
 * reads only to report) in the run's spill file instead of memory. Returns a copy; the summary given is
 * left as it is (the cache holds it).
 */
export interface SummaryOffload {
  offload?: (data: unknown, spill: SpillFile) => unknown;
}

export type Visitors = {
  [K in keyof ModelMap]?: (node: ModelMap[K]) => void;
} & {
  /**
   * Repo-wide phase over whole models: runs once after every file was read. Needs every file parsed in
   * this process, so prefer `collect`/`reduce`, which work with the cache and worker threads.
   */
  repo?: (index: RepoIndex) => void;
  /**
   * Per file, a JSON-serialisable summary for `reduce` (e.g. each alert's name, labels and location as a
   * `FactLocation`). Computed with the per-file phase, so it is cached and can run in worker threads.
   */
  collect?: ((model: FileModel) => unknown) & SummaryOffload;
  /** Repo-wide phase over every file's `collect` summary (in file order); report with `factRef(location)`. */
  reduce?: (facts: Array<{ relPath: string; data: unknown }>) => void;
  /** Online phase (only with --prometheus-url): runs once after the repo-wide phase, against a live Prometheus. */
  online?: (ctx: OnlineContext) => Promise<void>;
};

/** A rule over documents (dashboards, rule files, Alertmanager config, exposition snapshots). */
export interface DocumentRule<O = Record<string, unknown>> {
  kind: 'document';
  meta: RuleMeta<O>;
  create(context: RuleContext<O>): Visitors;
  /**
   * The same rule over code, as an ESLint rule module, when it also applies to code (e.g.
   * `metric/high-cardinality-label` on snapshots and on prom-client calls). One id, one config entry.
   */
  eslint?: unknown;
}

/** A rule over code, implemented as an ESLint rule and run through ESLint. */
export interface CodeRule<O = Record<string, unknown>> {
  kind: 'code';
  meta: RuleMeta<O>;
  /** The ESLint rule module (typed loosely so core does not depend on eslint). */
  eslint: unknown;
}

export type AnyRule = DocumentRule<any> | CodeRule<any>;

/** True when the rule runs on code through ESLint (a code rule, or a document rule with an ESLint face). */
export function hasEslintRule(rule: AnyRule): boolean {
  return rule.kind === 'code' || rule.eslint !== undefined;
}

export function defineRule<O extends Record<string, unknown>>(rule: Omit<DocumentRule<O>, 'kind'>): DocumentRule<O> {
  return { kind: 'document', ...rule };
}

export function defineCodeRule<O extends Record<string, unknown>>(rule: Omit<CodeRule<O>, 'kind'>): CodeRule<O> {
  return { kind: 'code', ...rule };
}

/** Fills `{{name}}` placeholders. */
export function formatMessage(template: string, data: Record<string, string | number> | undefined): string {
  if (!data) return template;
  const parts = compiledTemplate(template);
  if (parts.length === 1) return template;
  let out = '';
  // Even indexes are literal text; odd ones are placeholders: [name, as written].
  for (let i = 0; i < parts.length; i++) {
    const p = parts[i];
    if (typeof p === 'string') out += p;
    else out += p[0] in data ? String(data[p[0]]) : p[1];
  }
  return out;
}

const templates = new Map<string, Array<string | [string, string]>>();

/** A message template split once into literal text and `{{ name }}` placeholders. */
function compiledTemplate(template: string): Array<string | [string, string]> {
  let parts = templates.get(template);
  if (parts) return parts;
  parts = [];
  const re = /\{\{\s*([\w.]+)\s*\}\}/g;
  let last = 0;
  for (let m = re.exec(template); m; m = re.exec(template)) {
    parts.push(template.slice(last, m.index), [m[1], m[0]]);
    last = m.index + m[0].length;
  }
  parts.push(template.slice(last));
  if (templates.size > 10_000) templates.clear();
  templates.set(template, parts);
  return parts;
}

/** Where a rule's docs live once published. */
export const DOCS_BASE_URL = 'https://github.com/obslint/obslint/blob/main/rules/';
export function ruleDocsUrl(id: string): string {
  // Tool findings (parse-error, …) have no domain: their docs live under rules/tool/.
  return `${DOCS_BASE_URL}${id.includes('/') ? id : `tool/${id}`}/README.md`;
}
