import { parseGrafanaQuery, type GrafanaQuery } from '../grafana/query.js';
import type { Dashboard, DashboardPanel, DashboardTarget } from './dashboard.js';

/** A Grafana query known to be PromQL. */
export type PromqlQuery = GrafanaQuery & { promql: NonNullable<GrafanaQuery['promql']> };

/** How a panel is named in messages: its title, else its id, else its type. */
export function panelLabel(p: DashboardPanel): string {
  if (p.title !== undefined && p.title.trim() !== '') return p.title;
  if (p.id !== undefined) return `#${p.id}`;
  return p.type ? `(untitled ${p.type})` : '(untitled)';
}

/**
 * The target's query parsed in its language (PromQL or LogQL) after Grafana variable substitution, or
 * undefined when the target has no such query (other datasources, no `expr`, an empty `expr`).
 */
export function targetQuery(t: DashboardTarget): GrafanaQuery | undefined {
  // Every dashboard rule asks for the same targets' queries: remember the answer on the target.
  let q = parsedQueries.get(t);
  if (q === undefined) {
    q = !t.queryLanguage || t.expr === undefined || t.expr.trim() === '' ? null : parseGrafanaQuery(t.expr, t.queryLanguage);
    parsedQueries.set(t, q);
  }
  return q ?? undefined;
}

const parsedQueries = new WeakMap<DashboardTarget, GrafanaQuery | null>();

/** The parsed PromQL query of a target on a Prometheus (or default) datasource. */
export function targetPromql(t: DashboardTarget): PromqlQuery | undefined {
  const q = t.queryLanguage === 'promql' ? targetQuery(t) : undefined;
  return q?.promql ? (q as PromqlQuery) : undefined;
}

/** A NodeRef for the substituted-text range [from, to) of a target's query, pointing at the characters as written. */
export function queryRangeRef(t: DashboardTarget, q: GrafanaQuery, from: number, to: number) {
  return t.exprRef(q.sub.toOriginal(from), q.sub.toOriginal(to, 'end'));
}

/** Every target of a dashboard with a PromQL query, with its panel and parsed query. */
export function* promqlTargets(d: Dashboard): Generator<{ panel: DashboardPanel; target: DashboardTarget; query: PromqlQuery }> {
  for (const panel of d.panels) {
    for (const target of panel.targets) {
      const query = targetPromql(target);
      if (query) yield { panel, target, query };
    }
  }
}

/** The panels of a dashboard whose type is in `types`. */
export function panelsOfType(d: Dashboard, types: ReadonlySet<string>): DashboardPanel[] {
  return d.panels.filter((p) => p.type !== undefined && types.has(p.type));
}
