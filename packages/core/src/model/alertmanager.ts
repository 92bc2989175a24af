import type { ParsedDocument } from '../document/document.js';
import type { NodeRef } from '../source/node-ref.js';
import { isObject, type JsonObject } from './dashboard.js';

/** An Alertmanager configuration document (`route`, `receivers`, `inhibit_rules`). */
export interface AlertmanagerConfig {
  ref: NodeRef;
  doc: ParsedDocument;
  pointer: string;
  raw: JsonObject;
  entity: string;
}

export function looksLikeAlertmanagerConfig(v: unknown): v is JsonObject {
  return isObject(v) && isObject(v.route) && (Array.isArray(v.receivers) || 'global' in v);
}

export function buildAlertmanagerConfig(doc: ParsedDocument): AlertmanagerConfig | undefined {
  if (!looksLikeAlertmanagerConfig(doc.value)) return undefined;
  return { ref: doc.ref(''), doc, pointer: '', raw: doc.value, entity: `alertmanager:${doc.file.relPath}` };
}
