import { parseJsonDocument } from '../document/json-document.js';
import { parseYamlDocuments } from '../document/yaml-document.js';
import { looksLikeExposition, parseExposition } from '../exposition/parse-exposition.js';
import { extractDashboards, sniffDashboardText } from '../model/extract-dashboards.js';
import { extractAlertmanagerConfigs, extractRuleFiles, sniffAlertmanagerText, sniffRulesText } from '../model/extract-rules.js';
import type { FileKind, FileModel } from '../model/index.js';
import { loadCodeModel } from '../metrics/index-code.js';
import type { SourceFile } from '../source/source-file.js';

export const CODE_EXTENSIONS = ['.js', '.mjs', '.cjs', '.ts', '.mts', '.cts', '.tsx', '.jsx'];
export const EXPOSITION_EXTENSIONS = ['.prom', '.metrics', '.openmetrics'];

function ext(path: string): string {
  const base = path.slice(path.lastIndexOf('/') + 1);
  const dot = base.lastIndexOf('.');
  return dot > 0 ? base.slice(dot).toLowerCase() : '';
}

/** What format a path suggests, before reading it. */
export function formatOfPath(path: string): 'json' | 'yaml' | 'exposition' | 'code' | 'text' | 'other' {
  const e = ext(path);
  if (e === '.json') return 'json';
  if (e === '.yaml' || e === '.yml') return 'yaml';
  if (EXPOSITION_EXTENSIONS.includes(e)) return 'exposition';
  if (CODE_EXTENSIONS.includes(e) && !path.endsWith('.d.ts')) return 'code';
  if (e === '.txt' || e === '') return 'text';
  return 'other';
}

function emptyModel(file: SourceFile): FileModel {
  return { file, kinds: new Set(), documents: [], dashboards: [], ruleFiles: [], alertmanagers: [], parseErrors: [], notices: [] };
}

/** A YAML file that is a Helm/Go template rather than YAML. */
function looksLikeTemplate(text: string): boolean {
  return /\{\{-?\s*(\.|include|if|range|end|template|toYaml|\$)/.test(text);
}

/**
 * Reads one file once: detects its kind by content (or uses the forced kind), parses it, and builds every
 * domain model it holds. Parse failures of files of a known kind become `parseErrors`; unknown files are
 * returned with kind `unknown`. Code files get a `code` model only with `opts.code`.
 */
export function loadFile(file: SourceFile, forced?: FileKind, opts: { code?: boolean } = {}): FileModel {
  const model = emptyModel(file);
  const format = formatOfPath(file.path);
  const text = file.text;

  if (forced === 'code' || (format === 'code' && !forced)) {
    model.kinds.add('code');
    // Parsed in core only for rules that read code (`opts.code`); ESLint lints the file either way.
    if (opts.code) model.code = loadCodeModel(file);
    return model;
  }
  if (forced === 'exposition' || (!forced && (format === 'exposition' || (format === 'text' && looksLikeExposition(text))))) {
    const snap = parseExposition(file);
    model.kinds.add('exposition');
    model.exposition = snap;
    model.parseErrors.push(...snap.errors);
    return model;
  }
  const isJson = format === 'json' || (forced !== undefined && format !== 'yaml' && text.trimStart().startsWith('{'));
  if (isJson) {
    const res = parseJsonDocument(file);
    if (!res.ok) {
      if (forced || sniffDashboardText(text)) {
        model.kinds.add(forced ?? 'dashboard');
        model.parseErrors.push(res.error);
      } else model.kinds.add('unknown');
      return model;
    }
    model.documents.push(res.value);
  } else if (format === 'yaml' || forced) {
    const out = parseYamlDocuments(file);
    model.documents.push(...out.documents);
    if (out.errors.length > 0) {
      const known = forced !== undefined || sniffRulesText(text) || sniffDashboardText(text) || sniffAlertmanagerText(text);
      if (known && looksLikeTemplate(text)) {
        model.notices.push({ severity: 'info', message: 'Skipped: this file is a Helm/Go template, not valid YAML; lint the rendered output instead.', offset: out.errors[0].offset });
        return model;
      }
      if (known) model.parseErrors.push(out.errors[0]);
    }
  } else {
    model.kinds.add('unknown');
    return model;
  }

  for (const doc of model.documents) {
    const dashboards = forced && forced !== 'dashboard' ? [] : extractDashboards(doc, model.parseErrors);
    const ruleFiles = forced && forced !== 'rules' ? [] : extractRuleFiles(doc);
    const ams = forced && forced !== 'alertmanager' ? [] : extractAlertmanagerConfigs(doc);
    model.dashboards.push(...dashboards);
    model.ruleFiles.push(...ruleFiles);
    model.alertmanagers.push(...ams);
  }
  if (model.dashboards.length) model.kinds.add('dashboard');
  if (model.ruleFiles.length) model.kinds.add('rules');
  if (model.alertmanagers.length) model.kinds.add('alertmanager');
  if (model.parseErrors.length && model.kinds.size === 0) {
    model.kinds.add(forced ?? (sniffDashboardText(text) ? 'dashboard' : sniffAlertmanagerText(text) ? 'alertmanager' : 'rules'));
  }
  if (model.kinds.size === 0) model.kinds.add('unknown');
  return model;
}
