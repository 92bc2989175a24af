/**
 * Work the rules share, done by whichever rule needs it first: locating findings (a file's location index is
 * built for its first finding) and parsing and analysing queries and templates (each parse and analysis is
 * cached for the rules after). With `--timing`, its time is counted as its own, not as the time of the rule
 * that happened to ask first: on the benchmark's dashboards `dashboard/panel-title` showed 315 ms, nearly all
 * of it building location indexes for the findings of every rule.
 */
export type SharedWorkKind = 'locate' | 'queries';

/** What each kind is, as `--timing` names it. */
export const SHARED_WORK_LABELS: Readonly<Record<SharedWorkKind, string>> = {
  locate: 'locating findings',
  queries: 'parsing and analysing queries',
};

let measuring = false;
let depth = 0;
let total = 0;
const byKind: Record<SharedWorkKind, number> = { locate: 0, queries: 0 };

/** Turns measuring on or off for this thread (off by default: it costs two clock reads per piece of work). */
export function measureSharedWork(on: boolean): void {
  measuring = on;
}

/** Does a piece of shared work, timed as `kind` when measuring. Work inside other shared work counts once, as the outer one's. */
export function sharedWork<T>(kind: SharedWorkKind, work: () => T): T {
  if (!measuring) return work();
  if (depth > 0) {
    depth++;
    try {
      return work();
    } finally {
      depth--;
    }
  }
  depth = 1;
  const start = performance.now();
  try {
    return work();
  } finally {
    depth = 0;
    const ms = performance.now() - start;
    total += ms;
    byKind[kind] += ms;
  }
}

/** Time spent in shared work so far, in all (a rule's own time is its time less what this grew by meanwhile). */
export function sharedWorkTotal(): number {
  return total;
}

/** Time spent in shared work so far, by kind. */
export function sharedWorkTimes(): Readonly<Record<SharedWorkKind, number>> {
  return { ...byKind };
}

/** Adds the shared work done since `before` (from `sharedWorkTimes`) to `phases`, a key per kind. */
export function addSharedWorkSince(before: Readonly<Record<SharedWorkKind, number>>, phases: Record<string, number>): void {
  for (const kind of Object.keys(byKind) as SharedWorkKind[]) {
    const ms = byKind[kind] - before[kind];
    if (ms > 0) phases[kind] = (phases[kind] ?? 0) + ms;
  }
}
