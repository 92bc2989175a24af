import type { Domain, Severity } from '../rule/types.js';

/**
 * The audit score (documented in docs/audit.md).
 *
 * Per domain d with A_d > 0 artifacts (dashboards, alerting rules, metric families, code files, ...):
 *   P_d        = Σ SEVERITY_WEIGHT[severity] over the findings scored in d
 *   subscore_d = 100 × exp(−K × P_d / A_d)
 * Overall = Σ DOMAIN_WEIGHT[d] × subscore_d / Σ DOMAIN_WEIGHT[d], over the domains that have artifacts and
 * at least one enabled rule. No such domain: 100 (nothing was judged).
 */
export const SEVERITY_WEIGHT: Readonly<Record<Severity, number>> = { error: 5, warning: 2, info: 0.5 };

/** Steepness: one warning per artifact gives 100·e^(−0.4) ≈ 67, one error per artifact ≈ 37. */
export const SCORE_K = 0.2;

/** How much each domain counts in the overall score. */
export const DOMAIN_WEIGHT: Readonly<Record<Domain, number>> = {
  dashboard: 3,
  alert: 3,
  metric: 3,
  alertmanager: 2,
  query: 2,
  log: 2,
  recording: 1,
  trace: 1,
};

export interface DomainScoreInput {
  domain: Domain;
  /** Number of things judged in the domain. */
  artifacts: number;
  /** Findings scored in the domain, by severity. */
  error: number;
  warning: number;
  info: number;
}

export interface DomainScore extends DomainScoreInput {
  /** Σ severity weights. */
  penalty: number;
  /** penalty / artifacts. */
  density: number;
  /** 0–100, unrounded. */
  score: number;
  weight: number;
}

export interface ScoreResult {
  /** 0–100, unrounded; 100 when nothing was judged. */
  score: number;
  grade: Grade;
  /** The domains that took part, in DOMAIN_WEIGHT order. */
  domains: DomainScore[];
}

export type Grade = 'A' | 'B' | 'C' | 'D' | 'E';

/** A ≥ 90, B ≥ 75, C ≥ 60, D ≥ 40, E below. */
export function gradeOf(score: number): Grade {
  return score >= 90 ? 'A' : score >= 75 ? 'B' : score >= 60 ? 'C' : score >= 40 ? 'D' : 'E';
}

export function penaltyOf(c: { error: number; warning: number; info: number }): number {
  return c.error * SEVERITY_WEIGHT.error + c.warning * SEVERITY_WEIGHT.warning + c.info * SEVERITY_WEIGHT.info;
}

export function domainScore(input: DomainScoreInput): DomainScore {
  const penalty = penaltyOf(input);
  const density = input.artifacts > 0 ? penalty / input.artifacts : 0;
  return { ...input, penalty, density, score: 100 * Math.exp(-SCORE_K * density), weight: DOMAIN_WEIGHT[input.domain] };
}

/** The overall score from per-domain inputs; domains without artifacts are left out. */
export function computeScore(inputs: readonly DomainScoreInput[]): ScoreResult {
  const order = Object.keys(DOMAIN_WEIGHT) as Domain[];
  const domains = inputs
    .filter((i) => i.artifacts > 0)
    .map(domainScore)
    .sort((a, b) => order.indexOf(a.domain) - order.indexOf(b.domain));
  const totalWeight = domains.reduce((s, d) => s + d.weight, 0);
  const score = totalWeight === 0 ? 100 : domains.reduce((s, d) => s + d.weight * d.score, 0) / totalWeight;
  return { score, grade: gradeOf(Math.round(score)), domains };
}
