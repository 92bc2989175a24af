import type { RepoIndex } from '../model/index.js';
import { panelLabel, promqlTargets, queryRangeRef } from '../model/dashboard-queries.js';
import { findSelectors, parsePromql, type LabelMatcherInfo, type SelectorInfo } from '../promql/parse-promql.js';
import type { NodeRef } from '../source/node-ref.js';

/** One place where the repository uses a metric: a selector in a dashboard query or a rule expression. */
export interface SelectorUse {
  metric: string;
  /** Label matchers the server can check (matchers holding Grafana variables are left out). */
  matchers: LabelMatcherInfo[];
  /** How many matchers were left out because they hold Grafana variables. */
  unresolved: number;
  selector: SelectorInfo;
  /** The selector as written. */
  text: string;
  at: NodeRef;
  /** The entity of the target or rule. */
  entity: string;
  source: 'dashboard' | 'alert' | 'recording';
  /** For messages: `panel "Errors" of dashboard "API"`, `alert "HighErrors"`. */
  where: string;
  /** Inside `absent()`/`absent_over_time()`: the query expects the series to be missing at times. */
  insideAbsent: boolean;
}

const ABSENT = new Set(['absent', 'absent_over_time']);
const IDENT = /^[a-zA-Z_:][a-zA-Z0-9_:]*$/;
const LABEL = /^[a-zA-Z_][a-zA-Z0-9_]*$/;

/** A label name as PromQL text (quoted when it is not a classic identifier, as Prometheus 3 accepts). */
export function labelNameText(name: string): string {
  return LABEL.test(name) ? name : JSON.stringify(name);
}

/** PromQL text for a selector of `metric` with `matchers`, for queries sent to the server. */
export function selectorText(metric: string, matchers: readonly Pick<LabelMatcherInfo, 'name' | 'op' | 'value'>[] = []): string {
  const parts = matchers.map((m) => `${labelNameText(m.name)}${m.op}${JSON.stringify(m.value)}`);
  if (IDENT.test(metric)) return parts.length ? `${metric}{${parts.join(', ')}}` : metric;
  return `{${[`__name__="${metric.replace(/["\\]/g, '\\$&')}"`, ...parts].join(', ')}}`;
}

function fromSelector(sel: SelectorInfo, variablesIn: ((from: number, to: number) => number) | undefined): Pick<SelectorUse, 'matchers' | 'unresolved'> | undefined {
  if (!sel.metric) return undefined;
  const matchers: LabelMatcherInfo[] = [];
  let unresolved = 0;
  let inMatchers = 0;
  for (const m of sel.matchers) {
    const n = variablesIn ? variablesIn(m.from, m.to) : 0;
    inMatchers += n;
    if (n > 0) unresolved++;
    else if (m.name !== '__name__') matchers.push(m);
  }
  // A variable outside the matchers sits in the metric name: nothing to ask the server.
  if (variablesIn && variablesIn(sel.from, sel.to) > inMatchers) return undefined;
  return { matchers, unresolved };
}

/**
 * Every metric selector of the repository's dashboards (PromQL targets that are not hidden) and rules (PromQL
 * rule files): what online rules compare with the live server. Selectors without a metric name, and whose
 * metric name holds a Grafana variable, are left out.
 */
export function selectorUses(repo: RepoIndex): SelectorUse[] {
  const out: SelectorUse[] = [];
  for (const d of repo.dashboards) {
    const dash = d.title ?? d.uid ?? d.doc.file.relPath;
    for (const { panel, target, query } of promqlTargets(d)) {
      if (target.hide) continue;
      const ast = query.promql;
      for (const sel of findSelectors(ast)) {
        const got = fromSelector(sel, (from, to) => query.sub.variablesIn(from, to).length);
        if (!got) continue;
        out.push({
          metric: sel.metric!,
          ...got,
          selector: sel,
          text: query.sub.originalText(sel.from, sel.to),
          at: queryRangeRef(target, query, sel.from, sel.to),
          entity: target.entity,
          source: 'dashboard',
          where: `panel "${panelLabel(panel)}" of dashboard "${dash}"`,
          insideAbsent: sel.functions.some((f) => ABSENT.has(f)),
        });
      }
    }
  }
  for (const file of repo.ruleFiles) {
    if (file.language !== 'promql') continue;
    for (const group of file.groups) {
      for (const rule of group.rules) {
        const ast = parsePromql(rule.expr);
        if (ast.errors.length) continue;
        for (const sel of findSelectors(ast)) {
          const got = fromSelector(sel, undefined);
          if (!got) continue;
          out.push({
            metric: sel.metric!,
            ...got,
            selector: sel,
            text: rule.expr.slice(sel.from, sel.to),
            at: rule.exprRef(sel.from, sel.to),
            entity: rule.entity,
            source: rule.type === 'alerting' ? 'alert' : 'recording',
            where: `${rule.type === 'alerting' ? 'alert' : 'recording rule'} "${rule.name}"`,
            insideAbsent: sel.functions.some((f) => ABSENT.has(f)),
          });
        }
      }
    }
  }
  return out;
}

/** Metric names the repository's recording rules produce (they may not exist on the server yet). */
export function recordedMetrics(repo: RepoIndex): Set<string> {
  const out = new Set<string>();
  for (const f of repo.ruleFiles) for (const g of f.groups) for (const r of g.rules) if (r.type === 'recording') out.add(r.name);
  return out;
}
