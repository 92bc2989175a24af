import type { ParsedDocument } from '../document/document.js';
import type { NodeRef } from '../source/node-ref.js';
import { joinPointer } from '../document/pointer.js';
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

/** One route of an Alertmanager routing tree, with the settings it inherits from its parents. */
export interface AlertmanagerRoute {
  /** JSON pointer of the route object (`/route`, `/route/routes/0`, ...). */
  pointer: string;
  raw: JsonObject;
  parent?: AlertmanagerRoute;
  depth: number;
  /** Effective values: set on the route or inherited (`undefined` when nowhere set). */
  receiver?: string;
  groupBy?: string[];
  /** Pointer of the route that sets the effective `group_by`. */
  groupByFrom?: string;
  repeatInterval?: string;
  repeatIntervalFrom?: string;
}

function stringList(v: unknown): string[] | undefined {
  return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : undefined;
}

/** Every route of the routing tree, depth first (root first), with inherited settings resolved. */
export function alertmanagerRoutes(config: AlertmanagerConfig): AlertmanagerRoute[] {
  const out: AlertmanagerRoute[] = [];
  const visit = (raw: unknown, pointer: string, parent: AlertmanagerRoute | undefined, depth: number) => {
    if (!isObject(raw) || depth > 100) return;
    const groupBy = stringList(raw.group_by);
    const repeat = typeof raw.repeat_interval === 'string' ? raw.repeat_interval : undefined;
    const route: AlertmanagerRoute = {
      pointer,
      raw,
      parent,
      depth,
      receiver: typeof raw.receiver === 'string' ? raw.receiver : parent?.receiver,
      groupBy: groupBy ?? parent?.groupBy,
      groupByFrom: groupBy ? pointer : parent?.groupByFrom,
      repeatInterval: repeat ?? parent?.repeatInterval,
      repeatIntervalFrom: repeat ? pointer : parent?.repeatIntervalFrom,
    };
    out.push(route);
    if (Array.isArray(raw.routes)) raw.routes.forEach((r, i) => visit(r, joinPointer(pointer, 'routes', i), route, depth + 1));
  };
  visit(config.raw.route, joinPointer(config.pointer, 'route'), undefined, 0);
  return out;
}

/** Names of the receivers an Alertmanager config defines. */
export function alertmanagerReceiverNames(config: AlertmanagerConfig): Set<string> {
  const names = new Set<string>();
  if (Array.isArray(config.raw.receivers)) for (const r of config.raw.receivers) if (isObject(r) && typeof r.name === 'string') names.add(r.name);
  return names;
}
