import { describe, expect, it } from 'vitest';
import { DOMAIN_WEIGHT, SCORE_K, SEVERITY_WEIGHT, computeScore, domainScore, gradeOf } from './score.js';

describe('audit score', () => {
  it('documents its constants', () => {
    expect(SEVERITY_WEIGHT).toEqual({ error: 5, warning: 2, info: 0.5 });
    expect(SCORE_K).toBe(0.2);
    expect(DOMAIN_WEIGHT.dashboard).toBe(3);
    expect(DOMAIN_WEIGHT.trace).toBe(1);
  });

  it('gives a domain 100 × exp(−k × weighted findings per artifact)', () => {
    // 1 error + 2 warnings over 4 dashboards: penalty 9, density 2.25
    const d = domainScore({ domain: 'dashboard', artifacts: 4, error: 1, warning: 2, info: 0 });
    expect(d.penalty).toBe(9);
    expect(d.density).toBe(2.25);
    expect(d.score).toBeCloseTo(63.7628, 3);
    // one info per artifact costs little, one error per artifact a lot
    expect(domainScore({ domain: 'metric', artifacts: 10, error: 0, warning: 0, info: 10 }).score).toBeCloseTo(90.4837, 3);
    expect(domainScore({ domain: 'metric', artifacts: 10, error: 10, warning: 0, info: 0 }).score).toBeCloseTo(36.7879, 3);
  });

  it('takes the weighted mean of the domains that have artifacts', () => {
    const s = computeScore([
      { domain: 'alert', artifacts: 10, error: 0, warning: 5, info: 0 }, // density 1 → 81.8731
      { domain: 'dashboard', artifacts: 4, error: 1, warning: 2, info: 0 }, // 63.7628
      { domain: 'log', artifacts: 2, error: 0, warning: 0, info: 0 }, // 100, weight 2
      { domain: 'trace', artifacts: 0, error: 3, warning: 0, info: 0 }, // no artifacts: left out
    ]);
    expect(s.domains.map((d) => d.domain)).toEqual(['dashboard', 'alert', 'log']);
    expect(s.score).toBeCloseTo((3 * 63.7628 + 3 * 81.8731 + 2 * 100) / 8, 3);
    expect(Math.round(s.score)).toBe(80);
    expect(s.grade).toBe('B');
  });

  it('is 100 when nothing was judged or nothing was found', () => {
    expect(computeScore([]).score).toBe(100);
    expect(computeScore([]).domains).toEqual([]);
    expect(computeScore([{ domain: 'alert', artifacts: 3, error: 0, warning: 0, info: 0 }]).score).toBe(100);
  });

  it('falls with more findings and never leaves 0..100', () => {
    let last = 101;
    for (const errors of [0, 1, 5, 50, 5000]) {
      const s = computeScore([{ domain: 'alert', artifacts: 5, error: errors, warning: 0, info: 0 }]).score;
      expect(s).toBeLessThan(last);
      expect(s).toBeGreaterThanOrEqual(0);
      last = s;
    }
  });

  it('grades A ≥ 90, B ≥ 75, C ≥ 60, D ≥ 40, E below', () => {
    expect([100, 90, 89, 75, 74, 60, 59, 40, 39, 0].map(gradeOf)).toEqual(['A', 'A', 'B', 'B', 'C', 'C', 'D', 'D', 'E', 'E']);
  });
});
