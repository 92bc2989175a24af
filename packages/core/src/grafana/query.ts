import { parseLogql, type LogqlAst } from '../logql/parse-logql.js';
import { parsePromql, type PromqlAst, type PromqlError } from '../promql/parse-promql.js';
import { registerTextCache } from '../promql/text-cache.js';
import { sharedWork } from '../runner/shared-work.js';
import { substituteVariables, type Substitution } from './variables.js';

export type QueryLanguage = 'promql' | 'logql';

/** A Grafana target query parsed after variable substitution. Offsets of `ast` are in `sub.text`. */
export interface GrafanaQuery {
  language: QueryLanguage;
  sub: Substitution;
  /** Set for PromQL queries. */
  promql?: PromqlAst;
  /** Set for LogQL queries. */
  logql?: LogqlAst;
  /** Syntax errors, with offsets mapped back to the original query text. */
  errors: PromqlError[];
}

/** Datasource plugin types whose queries are PromQL. */
export function isPrometheusType(type: string | undefined): boolean {
  // prometheus, grafana-amazonprometheus-datasource, grafana-azureprometheus-datasource, ...
  return type !== undefined && /prometheus/i.test(type);
}

export function isLokiType(type: string | undefined): boolean {
  return type !== undefined && /loki/i.test(type);
}

/** The query language of a datasource type, if obslint can parse it. */
export function languageOfType(type: string | undefined): QueryLanguage | undefined {
  if (isPrometheusType(type)) return 'promql';
  if (isLokiType(type)) return 'logql';
  return undefined;
}

const LOG_PIPELINE_RE = /\}\s*(\|[=~>]|!=|!~|\|\s*(json|logfmt|pattern|regexp|unpack|line_format|label_format|drop|keep|decolorize|unwrap)\b)/;

/**
 * Guesses the language of an `expr` whose datasource type is unknown (the default datasource, a bare name):
 * LogQL when it has a log pipeline after a stream selector (`{app="x"} |= "err"`), else PromQL.
 */
export function guessQueryLanguage(expr: string): QueryLanguage {
  return LOG_PIPELINE_RE.test(expr) ? 'logql' : 'promql';
}

/** Parsed queries by language, then by text (no key concatenation: a string's hash is computed once). */
const cache: Record<QueryLanguage, Map<string, GrafanaQuery>> = { promql: registerTextCache(new Map()), logql: registerTextCache(new Map()) };
const CACHE_MAX = 5000;

/** Placeholders tried, in order, for a variable whose default placeholder does not parse where it stands. */
const ALTERNATIVES = ['and', '+', '1', ''];
const MAX_RETRIES = 4;

function parseIn(language: QueryLanguage, text: string): { promql?: PromqlAst; logql?: LogqlAst; errors: PromqlError[] } {
  if (language === 'promql') {
    const promql = parsePromql(text);
    return { promql, errors: promql.errors };
  }
  const logql = parseLogql(text);
  return { logql, errors: logql.errors };
}

/**
 * Substitutes Grafana variables and parses the query in its language; never throws. A variable standing
 * where its identifier placeholder cannot parse (`a $op b`: a variable holding an operator) is retried with
 * other placeholders, since Grafana substitutes text, not values.
 */
export function parseGrafanaQuery(expr: string, language: QueryLanguage): GrafanaQuery {
  const hit = cache[language].get(expr);
  if (hit) return hit;
  return sharedWork('queries', () => parseAndCache(expr, language));
}

function parseAndCache(expr: string, language: QueryLanguage): GrafanaQuery {
  const byText = cache[language];
  let sub = substituteVariables(expr);
  let parsed = parseIn(language, sub.text);
  const overrides = new Map<number, string>();
  for (let retry = 0; retry < MAX_RETRIES && parsed.errors.length > 0; retry++) {
    const e = parsed.errors[0];
    const idx = sub.variables.findIndex((v) => v.context === 'expr' && e.from >= v.subFrom && e.from <= v.subTo);
    if (idx < 0 || overrides.has(idx)) break;
    let best: { sub: Substitution; parsed: typeof parsed } | undefined;
    for (const alt of ALTERNATIVES) {
      const trySub = substituteVariables(expr, new Map([...overrides, [idx, alt]]));
      const tryParsed = parseIn(language, trySub.text);
      if (!best || tryParsed.errors.length < best.parsed.errors.length) best = { sub: trySub, parsed: tryParsed };
      if (tryParsed.errors.length === 0) break;
    }
    if (!best || best.parsed.errors.length >= parsed.errors.length) break;
    overrides.set(idx, best.sub.variables[idx].placeholder);
    sub = best.sub;
    parsed = best.parsed;
  }
  const q: GrafanaQuery = { language, sub, promql: parsed.promql, logql: parsed.logql, errors: [] };
  const raw = parsed.errors;
  q.errors = raw.map((e) => {
    const from = sub.toOriginal(e.from);
    const to = Math.min(expr.length, Math.max(sub.toOriginal(e.to, 'end'), from + 1));
    const near = expr.slice(from, to).trim();
    // Messages quote the text as written, not the placeholders.
    const message = e.message.startsWith('unexpected "') && near ? `unexpected "${near.slice(0, 30)}"` : e.message;
    return { message, from, to };
  });
  if (byText.size >= CACHE_MAX) byText.clear();
  byText.set(expr, q);
  return q;
}
