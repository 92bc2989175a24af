import { ruleDocsUrl } from '../rule/types.js';
import { pathToFileURL } from 'node:url';
import type { AnyRule, Severity } from '../rule/types.js';
import type { Finding } from '../runner/finding.js';
import { findingSourceOf, type FindingSource } from '../runner/finding-set.js';
import { STREAMED_VALUE, TOOL_HOME_URL, findingsWithIds, jsonTextChunks } from './ci-common.js';
import type { FormatContext, StreamFormatContext } from './types.js';

/** SARIF levels: info findings are notes. */
export const SARIF_LEVEL: Record<Severity, 'error' | 'warning' | 'note'> = { error: 'error', warning: 'warning', info: 'note' };

/** Key of obslint's line-independent identity in `partialFingerprints`. */
export const SARIF_FINGERPRINT_KEY = 'obslintFingerprint/v1';

/** Run category for GitHub code scanning (`automationDetails.id`: the category is the part before the last `/`). */
export const SARIF_CATEGORY = 'obslint/';

const SRCROOT = '%SRCROOT%';

/** The first paragraph under a `## heading` of a README, joined into one line. */
export function readmeSection(markdown: string, heading: string): string | undefined {
  const lines = markdown.split(/\r?\n/);
  const at = lines.findIndex((l) => l.trim().toLowerCase() === `## ${heading.toLowerCase()}`);
  if (at < 0) return undefined;
  const para: string[] = [];
  for (const l of lines.slice(at + 1)) {
    if (/^#{1,6}\s/.test(l) || (l.trim() === '' && para.length)) break;
    if (l.trim()) para.push(l.trim());
  }
  return para.length ? para.join(' ') : undefined;
}

/** Markdown read as plain text: headings, emphasis, code marks and fences removed, links as `text (url)`. */
export function markdownToText(markdown: string): string {
  return markdown
    .split(/\r?\n/)
    .filter((l) => !/^\s*```/.test(l))
    .map((l) =>
      l
        .replace(/^#{1,6}\s+/, '')
        .replace(/\[([^\]]+)\]\(([^)]+)\)/g, '$1 ($2)')
        .replace(/\*\*([^*]+)\*\*/g, '$1')
        .replace(/`([^`]+)`/g, '$1'),
    )
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

/** A rule's SARIF `name`: its id as one PascalCase word (`alert/missing-for` → `AlertMissingFor`). */
export function ruleName(id: string): string {
  return id
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean)
    .map((w) => w[0].toUpperCase() + w.slice(1))
    .join('');
}

function ruleDescriptor(rule: AnyRule, readDocs: FormatContext['readRuleDocs']) {
  const { meta } = rule;
  const docs = readDocs?.(meta.id);
  const helpUri = ruleDocsUrl(meta.id);
  const help = docs
    ? { text: markdownToText(docs), markdown: docs }
    : { text: `${meta.description} See ${helpUri}`, markdown: `${meta.description}\n\nSee [${meta.id}](${helpUri}).` };
  return {
    id: meta.id,
    name: ruleName(meta.id),
    shortDescription: { text: meta.description },
    fullDescription: { text: (docs && readmeSection(docs, 'Why it matters')) ?? meta.description },
    help,
    helpUri,
    defaultConfiguration: { level: SARIF_LEVEL[meta.severity] },
    properties: { tags: [...new Set([meta.domain, ...(meta.tags ?? [])])], preset: meta.preset },
  };
}

/** A URI reference for a repo-relative path (each segment percent-encoded). */
function relativeUri(relPath: string): string {
  return relPath.split('/').map(encodeURIComponent).join('/');
}

function region(f: Finding) {
  const endLine = Math.max(f.line, f.endLine);
  const endColumn = endLine === f.line ? Math.max(f.column, f.endColumn) : Math.max(1, f.endColumn);
  return { startLine: f.line, startColumn: f.column, endLine, endColumn };
}

function fixesOf(f: Finding, artifactLocation: object) {
  if (!f.fix?.length) return {};
  return {
    fixes: [
      {
        description: { text: `Autofix for ${f.ruleId}` },
        artifactChanges: [
          {
            artifactLocation,
            replacements: f.fix.map((e) => ({ deletedRegion: { charOffset: e.start, charLength: e.end - e.start }, insertedContent: { text: e.text } })),
          },
        ],
      },
    ],
  };
}

/**
 * SARIF 2.1.0 for GitHub code scanning and other SARIF consumers: one run; driver rules carry help from the
 * rules' READMEs; results use repo-relative URIs under `%SRCROOT%` and line-independent partial fingerprints.
 */
export function formatSarif(ctx: FormatContext): string {
  return [...formatSarifChunks(ctx, findingSourceOf(ctx.findings))].join('');
}

/** The same text as `formatSarif`, the results read a file at a time and written a batch at a time. */
export function formatSarifChunks(ctx: StreamFormatContext, source: FindingSource): Iterable<string> {
  const rules: AnyRule[] = [...ctx.rules];
  const index = new Map(rules.map((r, i) => [r.meta.id, i]));
  for (const id of source.ruleIds()) {
    if (index.has(id)) continue;
    // A finding of a rule the context does not list (e.g. a plugin's): describe it minimally.
    index.set(id, rules.length);
    rules.push({ kind: 'code', meta: { id, domain: 'query', description: id, severity: 'warning', preset: 'recommended', messages: {}, defaultOptions: {} }, eslint: undefined });
  }
  function* results() {
    for (const [f, id] of findingsWithIds(source)) yield sarifResult(f, index.get(f.ruleId)!, id);
  }
  const root = pathToFileURL(ctx.rootDir).href.replace(/\/?$/, '/');
  const log = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'obslint',
            version: ctx.toolVersion,
            semanticVersion: ctx.toolVersion,
            informationUri: TOOL_HOME_URL,
            rules: rules.map((r) => ruleDescriptor(r, ctx.readRuleDocs)),
          },
        },
        automationDetails: { id: SARIF_CATEGORY },
        ...(ctx.omitted?.count ? { invocations: [omittedNotice(ctx.omitted)] } : {}),
        originalUriBaseIds: { [SRCROOT]: { uri: root } },
        columnKind: 'utf16CodeUnits',
        results: STREAMED_VALUE,
      },
    ],
  };
  return jsonTextChunks(log, results());
}

/** The id of the notification that says a log's results were cut to a limit. */
export const RESULTS_OMITTED = 'results-omitted';

/**
 * The invocation of a run whose results were cut to a limit: a warning notification says how many are missing
 * (in words, and as the `omittedResults` property, which `obslint merge` adds up over the logs it joins).
 */
export function omittedNotice(omitted: { count: number; limit: number }) {
  return {
    executionSuccessful: true,
    toolExecutionNotifications: [
      {
        level: 'warning',
        descriptor: { id: RESULTS_OMITTED },
        message: { text: `${omitted.count} less severe results are left out: this log holds at most ${omitted.limit} (--sarif-max-results). The other output formats have every finding; --baseline reports only new ones.` },
        properties: { omittedResults: omitted.count },
      },
    ],
  };
}

function sarifResult(f: Finding, ruleIndex: number, fingerprint: string) {
  const artifactLocation = { uri: relativeUri(f.relPath), uriBaseId: SRCROOT };
  return {
    ruleId: f.ruleId,
    ruleIndex,
    level: SARIF_LEVEL[f.severity],
    message: { text: f.message },
    locations: [
      {
        physicalLocation: { artifactLocation, region: region(f) },
        ...(f.entity ? { logicalLocations: [{ fullyQualifiedName: f.entity }] } : {}),
      },
    ],
    partialFingerprints: { [SARIF_FINGERPRINT_KEY]: fingerprint },
    ...fixesOf(f, artifactLocation),
  };
}
