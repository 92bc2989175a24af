import { variableReference } from '../grafana/variables.js';
import type { DatasourceRef, JsonObject } from './dashboard.js';

/** A datasource reference resolved to a plugin type, as far as the dashboard itself tells. */
export interface ResolvedDatasource {
  /**
   * Plugin type (`prometheus`, `loki`, ...), or one of Grafana's built-ins `mixed`, `grafana`, `dashboard`,
   * `__expr__`; undefined when the dashboard does not say (the default datasource, a bare name, an unknown variable).
   */
  type?: string;
  /** Where the reference was taken from. */
  from: 'target' | 'panel' | 'default';
  /**
   * How it is written: a concrete uid/name, a template variable, an `__inputs` export placeholder (`${DS_X}`),
   * a Grafana built-in, or nothing (the default datasource).
   */
  via: 'concrete' | 'variable' | 'input' | 'builtin' | 'none';
  /** The variable or input name when `via` is `variable` or `input`. */
  variable?: string;
}

/** What a dashboard declares that datasource references resolve through. */
export interface DatasourceScope {
  /** Datasource template variables: name → plugin type (`query` of a `type: datasource` variable). */
  variables: Map<string, string | undefined>;
  /** `__inputs` export placeholders: name → plugin id. */
  inputs: Map<string, string | undefined>;
}

const BUILTIN_BY_NAME: Record<string, string> = {
  '-- Mixed --': 'mixed',
  '-- Grafana --': 'grafana',
  grafana: 'grafana',
  '-- Dashboard --': 'dashboard',
  __expr__: '__expr__',
};

/** Types that name Grafana's built-in datasources in `{type, uid}` references. */
const BUILTIN_TYPES: Record<string, string> = { __expr__: '__expr__', grafana: 'grafana', mixed: 'mixed', dashboard: 'dashboard' };

/** The builtin datasource a uid/name or type denotes, if any. */
function builtinOf(name: string | undefined, type: string | undefined): string | undefined {
  if (name !== undefined && Object.hasOwn(BUILTIN_BY_NAME, name)) return BUILTIN_BY_NAME[name];
  if (type !== undefined && Object.hasOwn(BUILTIN_TYPES, type)) return BUILTIN_TYPES[type];
  return undefined;
}

/** The uid/name a reference points at (`uid` of an object, the string itself), if any. */
export function datasourceName(ref: DatasourceRef): string | undefined {
  if (typeof ref === 'string') return ref;
  if (ref && typeof ref === 'object' && typeof ref.uid === 'string') return ref.uid;
  return undefined;
}

/** Resolves one reference (a string name, `{type, uid}`, or nothing) through the dashboard's variables and inputs. */
export function resolveDatasource(ref: DatasourceRef, scope: DatasourceScope, from: ResolvedDatasource['from']): ResolvedDatasource {
  const objType = ref && typeof ref === 'object' && typeof ref.type === 'string' && ref.type !== '' ? ref.type : undefined;
  const name = datasourceName(ref);
  if (name === undefined || name === '' || name === 'default') {
    // `{type: "prometheus"}` without uid: the default datasource of that type.
    return { type: objType && objType !== 'datasource' ? objType : undefined, from: name === undefined && !objType ? 'default' : from, via: 'none' };
  }
  const builtin = builtinOf(name, objType);
  if (builtin) return { type: builtin, from, via: 'builtin' };
  const variable = variableReference(name);
  if (variable !== undefined) {
    if (scope.inputs.has(variable)) return { type: objType ?? scope.inputs.get(variable), from, via: 'input', variable };
    return { type: objType ?? scope.variables.get(variable), from, via: 'variable', variable };
  }
  return { type: objType, from, via: 'concrete' };
}

/** Reads the datasource variables of classic `templating.list` and the `__inputs` of an export. */
export function classicDatasourceScope(raw: JsonObject): DatasourceScope {
  const variables = new Map<string, string | undefined>();
  const templating = raw.templating;
  const list = templating && typeof templating === 'object' ? (templating as JsonObject).list : undefined;
  if (Array.isArray(list)) {
    for (const v of list) {
      if (!v || typeof v !== 'object' || Array.isArray(v)) continue;
      const o = v as JsonObject;
      if (o.type === 'datasource' && typeof o.name === 'string') variables.set(o.name, typeof o.query === 'string' ? o.query : undefined);
    }
  }
  return { variables, inputs: inputsOf(raw.__inputs) };
}

function inputsOf(value: unknown): Map<string, string | undefined> {
  const inputs = new Map<string, string | undefined>();
  if (!Array.isArray(value)) return inputs;
  for (const i of value) {
    if (!i || typeof i !== 'object' || Array.isArray(i)) continue;
    const o = i as JsonObject;
    if (typeof o.name === 'string') inputs.set(o.name, typeof o.pluginId === 'string' ? o.pluginId : undefined);
  }
  return inputs;
}

/**
 * Resolves a target's datasource the way Grafana does: the target's own reference when it has one (always
 * for targets of a mixed panel), else the panel's; the panel's falls back to the default datasource.
 */
export function resolveTargetDatasource(targetRef: DatasourceRef, panel: ResolvedDatasource, scope: DatasourceScope): ResolvedDatasource {
  if (targetRef !== undefined && targetRef !== null && targetRef !== '') {
    const own = resolveDatasource(targetRef, scope, 'target');
    // `{type: "datasource", uid: "-- Mixed --"}` copied onto a target tells nothing: fall back to the panel.
    if (!(own.type === 'mixed' && panel.type !== 'mixed')) return own;
  }
  return panel;
}
