import type { ParsedDocument } from '../document/document.js';
import { buildAlertmanagerConfig, type AlertmanagerConfig } from './alertmanager.js';
import { buildRuleFiles, looksLikeRuleFile, type RuleFile } from './rules.js';

/**
 * Finds the rule groups in a parsed YAML/JSON document: plain Prometheus/Thanos/Loki rule files,
 * PrometheusRule CRDs (and Lists of them), Cortex/Mimir namespace maps.
 */
export function extractRuleFiles(doc: ParsedDocument): RuleFile[] {
  if (!looksLikeRuleFile(doc.value)) return [];
  return buildRuleFiles(doc);
}

export function extractAlertmanagerConfigs(doc: ParsedDocument): AlertmanagerConfig[] {
  const c = buildAlertmanagerConfig(doc);
  return c ? [c] : [];
}

/** Cheap text sniff for broken YAML: does it look like a rule file or Alertmanager config? */
export function sniffRulesText(text: string): boolean {
  const head = text.slice(0, 65536);
  return /^\s*(-\s+)?(groups|rules):/m.test(head) || /^\s*-?\s*(alert|record|expr):/m.test(head) || /kind:\s*PrometheusRule\b/.test(head);
}

export function sniffAlertmanagerText(text: string): boolean {
  const head = text.slice(0, 65536);
  return /^route:/m.test(head) && /^receivers:/m.test(head);
}
