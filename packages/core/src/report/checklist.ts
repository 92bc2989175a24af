import type { ResolvedConfig } from '../config/resolve-config.js';
import { settingFor } from '../config/resolve-config.js';
import type { FileKind, FileModel } from '../model/index.js';
import type { AnyRule } from '../rule/types.js';
import { hasEslintRule, ruleDocsUrl } from '../rule/types.js';
import { TOOL_RULE_ID_SET } from '../rule/tool-rules.js';
import type { Finding } from '../runner/finding.js';
import { fileKindOf } from './audit.js';

/** File kinds a checklist covers. */
export type ChecklistKind = Exclude<FileKind, 'unknown'>;

/** Visitors of one file's models, by the kind of file they check. */
const KIND_OF_VISITOR: Readonly<Record<string, ChecklistKind>> = {
  dashboard: 'dashboard',
  ruleFile: 'rules',
  ruleGroup: 'rules',
  alertingRule: 'rules',
  recordingRule: 'rules',
  alertmanager: 'alertmanager',
  exposition: 'exposition',
  metricFamily: 'exposition',
};

/** Visitors that see the whole repository (or a live Prometheus) rather than one file's models. */
const CROSS_FILE_VISITORS = new Set(['repo', 'collect', 'reduce', 'online']);

/** Kinds checked by repo-wide (cross-file) rules, which visit no single model, by domain. */
const KINDS_OF_REPO_RULE: Record<string, ChecklistKind[]> = {
  query: ['dashboard', 'rules'],
  dashboard: ['dashboard'],
  alert: ['rules'],
  recording: ['rules'],
  alertmanager: ['alertmanager'],
  metric: ['code'],
  log: ['code'],
  trace: ['code'],
};

/**
 * The kinds of files a rule checks: from the visitors it registers (document rules), `code` when it has an
 * ESLint face; repo-wide rules by their domain. Tool findings (parse errors, ...) check no kind.
 */
export function kindsCheckedBy(rule: AnyRule, config: ResolvedConfig): Set<ChecklistKind> {
  const kinds = new Set<ChecklistKind>();
  if (TOOL_RULE_ID_SET.has(rule.meta.id)) return kinds;
  if (hasEslintRule(rule)) kinds.add('code');
  if (rule.kind !== 'document') return kinds;
  let keys: string[] = [];
  try {
    const visitors = rule.create({
      ruleId: rule.meta.id,
      options: config.rules.get(rule.meta.id)?.options ?? rule.meta.defaultOptions,
      settings: config.settings,
      file: undefined,
      report() {},
    });
    keys = Object.keys(visitors).filter((k) => typeof (visitors as Record<string, unknown>)[k] === 'function');
  } catch {
    keys = ['repo'];
  }
  const modelKinds = keys.flatMap((k) => (Object.hasOwn(KIND_OF_VISITOR, k) ? [KIND_OF_VISITOR[k]] : []));
  for (const k of modelKinds) kinds.add(k);
  if (keys.some((k) => CROSS_FILE_VISITORS.has(k)) && modelKinds.length === 0) for (const k of KINDS_OF_REPO_RULE[rule.meta.domain] ?? []) kinds.add(k);
  return kinds;
}

export interface ChecklistGroup {
  /** Markdown-free label, e.g. `alert HighErrorRate` or `dashboard "API"`. */
  label: string;
  line: number;
  findings: Finding[];
}

export interface ChecklistFile {
  relPath: string;
  kind: ChecklistKind;
  /** What the file holds, e.g. `dashboard "API overview"`, `3 alerts, 1 recording rule`. */
  summary: string;
  /** Findings not tied to one alert/dashboard of the file. */
  findings: Finding[];
  /** Findings per alert, recording rule or (in files holding several) dashboard. */
  groups: ChecklistGroup[];
  /** Enabled rules for this kind of file that found nothing here, in rule order. */
  passed: AnyRule[];
}

export interface ChecklistInput {
  findings: readonly Finding[];
  models: readonly FileModel[];
  /** Every file linted (absolute paths). */
  files: readonly string[];
  rules: readonly AnyRule[];
  config: ResolvedConfig;
  /** Keep only these files (e.g. changed since a ref); default: all. */
  include?: (absPath: string) => boolean;
}

const plural = (n: number, w: string) => `${n} ${w}${n === 1 ? '' : 's'}`;

interface EntityGroup {
  entity: string;
  label: string;
  line: number;
}

function entityGroups(model: FileModel | undefined): EntityGroup[] {
  if (!model) return [];
  const out: EntityGroup[] = [];
  if (model.dashboards.length > 1) {
    for (const d of model.dashboards) out.push({ entity: d.entity, label: `dashboard "${d.title ?? d.uid ?? '?'}"`, line: d.ref.range()?.line ?? 1 });
  }
  for (const rf of model.ruleFiles) {
    for (const g of rf.groups) {
      for (const r of g.rules) out.push({ entity: r.entity, label: `${r.type === 'alerting' ? 'alert' : 'recording rule'} ${r.name}`, line: r.ref.range()?.line ?? 1 });
    }
  }
  return out;
}

function summaryOf(kind: ChecklistKind, model: FileModel | undefined): string {
  if (kind === 'code') return 'code';
  if (!model) return kind;
  if (kind === 'dashboard') {
    const ds = model.dashboards;
    if (ds.length === 1) return `dashboard "${ds[0].title ?? ds[0].uid ?? '?'}", ${plural(ds[0].panels.length, 'panel')}`;
    return ds.length ? plural(ds.length, 'dashboard') : 'dashboard (unreadable)';
  }
  if (kind === 'rules') {
    let alerts = 0;
    let recs = 0;
    for (const rf of model.ruleFiles) for (const g of rf.groups) for (const r of g.rules) r.type === 'alerting' ? alerts++ : recs++;
    return alerts + recs ? `${plural(alerts, 'alert')}, ${plural(recs, 'recording rule')}` : 'rule file (unreadable)';
  }
  if (kind === 'exposition') {
    const n = model.exposition?.families.length ?? 0;
    return `metrics snapshot, ${n} metric ${n === 1 ? 'family' : 'families'}`;
  }
  return 'Alertmanager configuration';
}

/** Per file (changed files only when `include` is given): what needs attention and which checks passed. */
export function buildChecklist(input: ChecklistInput): ChecklistFile[] {
  const modelByPath = new Map(input.models.map((m) => [m.file.path, m]));
  const kindsByRule = new Map(input.rules.map((r) => [r.meta.id, kindsCheckedBy(r, input.config)]));
  const findingsByPath = new Map<string, Finding[]>();
  for (const f of input.findings) {
    if (!findingsByPath.has(f.filePath)) findingsByPath.set(f.filePath, []);
    findingsByPath.get(f.filePath)!.push(f);
  }
  const out: ChecklistFile[] = [];
  for (const path of input.files) {
    if (input.include && !input.include(path)) continue;
    const kind = fileKindOf(path, modelByPath.get(path));
    if (kind === 'unknown') continue;
    const model = modelByPath.get(path);
    const findings = findingsByPath.get(path) ?? [];
    const fired = new Set(findings.map((f) => f.ruleId));
    const passed = input.rules.filter(
      (r) => kindsByRule.get(r.meta.id)!.has(kind) && !fired.has(r.meta.id) && settingFor(input.config, r.meta.id, path).severity !== 'off',
    );
    const groups = entityGroups(model).map((g) => ({ ...g, findings: [] as Finding[] }));
    const loose: Finding[] = [];
    for (const f of findings) {
      const g = f.entity === undefined ? undefined : groups.find((x) => f.entity === x.entity || f.entity!.startsWith(x.entity + '/'));
      (g ? g.findings : loose).push(f);
    }
    const relPath = findings[0]?.relPath ?? model?.file.relPath ?? path;
    out.push({
      relPath,
      kind,
      summary: summaryOf(kind, model),
      findings: loose,
      groups: groups.filter((g) => g.findings.length > 0).map(({ label, line, findings: fs }) => ({ label, line, findings: fs })),
      passed,
    });
  }
  return out.sort((a, b) => (a.relPath < b.relPath ? -1 : a.relPath > b.relPath ? 1 : 0));
}

export interface ChecklistMarkdownOptions {
  /** The ref the files changed since, for the heading. */
  changedSince?: string;
  /** Findings shown per rule in one list before "… and N more" (default 10). */
  maxPerRule?: number;
  /**
   * At most this many characters (UTF-16 code units, which GitHub's count never exceeds); default: no limit.
   * Past it, passed checks become one line per file, then files with items come first and those left out are
   * counted at the end.
   */
  maxLength?: number;
}

/** GitHub's limit for a pull request description or comment, in characters. */
export const GITHUB_BODY_LIMIT = 65_536;

const escapePlain = (s: string) => s.replace(/[\\`*_{}[\]()<>#|!~@]/g, (c) => `\\${c}`);

/**
 * Markdown-escapes text for a list item: no HTML, emphasis, links or mentions. Balanced `code spans` (which
 * messages and rule descriptions use on purpose) are kept: nothing inside a code span is interpreted.
 */
export function escapeMarkdown(s: string): string {
  const text = s.replace(/\r?\n/g, ' ');
  let out = '';
  let last = 0;
  for (const m of text.matchAll(/`[^`]+`/g)) {
    out += escapePlain(text.slice(last, m.index)) + m[0];
    last = m.index! + m[0].length;
  }
  return out + escapePlain(text.slice(last));
}

function ruleLink(id: string): string {
  return `[\`${id}\`](${ruleDocsUrl(id)})`;
}

function findingItems(findings: readonly Finding[], indent: string, maxPerRule: number): string[] {
  const out: string[] = [];
  const shown = new Map<string, number>();
  const hidden = new Map<string, number>();
  for (const f of findings) {
    const n = shown.get(f.ruleId) ?? 0;
    if (n >= maxPerRule) {
      hidden.set(f.ruleId, (hidden.get(f.ruleId) ?? 0) + 1);
      continue;
    }
    shown.set(f.ruleId, n + 1);
    out.push(`${indent}- [ ] ${ruleLink(f.ruleId)} (${f.severity}, line ${f.line}): ${escapeMarkdown(f.message)}`);
  }
  for (const [id, n] of hidden) out.push(`${indent}- [ ] ${ruleLink(id)}: … and ${n} more`);
  return out;
}

const itemsOf = (f: ChecklistFile) => f.findings.length + f.groups.reduce((t, g) => t + g.findings.length, 0);

/** One file's section (its lines, each to be followed by a newline). `passedDetails`: the passed checks listed, or one line. */
function fileSection(f: ChecklistFile, maxPerRule: number, passedDetails: boolean): string[] {
  const needs = itemsOf(f);
  const out = ['', `### \`${f.relPath.replace(/`/g, "'")}\``, '', `${escapeMarkdown(f.summary)}: ${needs ? plural(needs, 'item') + ' to look at' : 'all checks passed'}.`, ''];
  out.push(...findingItems(f.findings, '', maxPerRule));
  for (const g of f.groups) {
    out.push(`- **${escapeMarkdown(g.label)}** (line ${g.line})`);
    out.push(...findingItems(g.findings, '  ', maxPerRule));
  }
  if (f.passed.length) {
    if (needs) out.push('');
    if (passedDetails) {
      // Collapsed, so a pull request description stays readable; GitHub renders the task list inside.
      out.push(`<details><summary>${plural(f.passed.length, 'check')} passed</summary>`, '');
      for (const r of f.passed) out.push(`- [x] ${ruleLink(r.meta.id)}: ${escapeMarkdown(r.meta.description)}`);
      out.push('', '</details>');
    } else out.push(`_${plural(f.passed.length, 'check')} passed._`);
  } else if (needs === 0) out.push('_No enabled rule checks this kind of file._');
  return out;
}

const joined = (lines: readonly string[]) => lines.join('\n') + '\n';

/** The checklist as Markdown for a pull request description (within `maxLength` characters, when given). */
export function formatChecklistMarkdown(files: readonly ChecklistFile[], opts: ChecklistMarkdownOptions = {}): string {
  const maxPerRule = opts.maxPerRule ?? 10;
  const attention = files.reduce((s, f) => s + itemsOf(f), 0);
  const passed = files.reduce((s, f) => s + f.passed.length, 0);
  const scope = opts.changedSince !== undefined ? `changed since \`${escapeMarkdown(opts.changedSince)}\`` : 'checked';
  const head = ['## obslint checklist', ''];
  if (files.length === 0) return joined([...head, `No dashboards, rule files, metric snapshots or code files ${scope}.`]);
  head.push(`${plural(files.length, 'file')} ${scope}: ${plural(attention, 'item')} to look at, ${plural(passed, 'check')} passed.`);
  const full = joined([...head, ...files.flatMap((f) => fileSection(f, maxPerRule, true))]);
  const max = opts.maxLength;
  if (max === undefined || full.length <= max) return full;
  return limitedChecklist(files, head, maxPerRule, max);
}

/**
 * The checklist cut to `max` characters: passed checks as one line per file; if that is still too long, the
 * files with items first (then the clean ones), as many whole sections as fit, the first one cut by lines when
 * even it does not; the last line says what was left out and how to get all of it.
 */
function limitedChecklist(files: readonly ChecklistFile[], head: string[], maxPerRule: number, max: number): string {
  const why = `to stay within ${max.toLocaleString('en-US')} characters${max === GITHUB_BODY_LIMIT ? " (GitHub's limit for a pull request description)" : ''}`;
  const compact = files.map((f) => fileSection(f, maxPerRule, false));
  const note = `_Passed checks are counted, not listed, ${why}._`;
  const all = joined([...head, ...compact.flat(), '', note]);
  if (all.length <= max) return all;
  const order = files.map((f, i) => i).sort((a, b) => Number(itemsOf(files[b]) > 0) - Number(itemsOf(files[a]) > 0) || a - b);
  const trailer = (fileCount: number, items: number) => `_${plural(fileCount, 'more file')} (${plural(items, 'item')} to look at) not listed, ${why}: \`obslint checklist -o checklist.md --max-length 0\` writes all of it._`;
  const cut = '_The rest of this file is not listed._';
  // Room kept for the last lines (each after an empty line): the trailer counting every file and item is the
  // longest it can be, but for "0 items" against "1 item", hence one more character.
  const room = max - (trailer(files.length, files.reduce((s, f) => s + itemsOf(f), 0)).length + 3) - (cut.length + 2);
  const out = [...head];
  let length = joined(out).length;
  let listed = 0;
  for (const i of order) {
    const section = compact[i];
    const size = joined(section).length;
    if (length + size <= room) {
      out.push(...section);
      length += size;
      listed++;
      continue;
    }
    if (listed === 0) {
      // Not even one section fits: as many of its lines as do, and a line saying the rest is missing.
      for (const line of section) {
        if (length + line.length + 1 > room) break;
        out.push(line);
        length += line.length + 1;
      }
      out.push('', cut);
      listed = 1;
    }
    break;
  }
  const left = order.slice(listed);
  const leftItems = left.reduce((s, i) => s + itemsOf(files[i]), 0);
  if (left.length) out.push('', trailer(left.length, leftItems));
  else out.push('', note);
  return joined(out);
}
