import { describe, expect, it } from 'vitest';
import { runCli, tempRepo } from './helpers.js';

/** The numbers of `--timing`'s lines: phases, shared work and rules, by name. */
function timingOf(stderr: string) {
  const num = (re: RegExp) => Object.fromEntries([...stderr.matchAll(re)].map((m) => [m[1].trim(), Number(m[2])]));
  return {
    phases: num(/^ {2}phase (\S+)\s+([\d.]+)$/gm),
    wall: Number(/^ {2}wall +([\d.]+) {2}\(from reading the config to the last report written\)$/m.exec(stderr)?.[1]),
    shared: num(/^ {2}shared (.+?)\s+([\d.]+) {2}\(in rules and repo, not in a rule's time\)$/gm),
    rules: num(/^ {2}rule {2}(\S+)\s+([\d.]+)$/gm),
  };
}

describe('--timing', () => {
  // Dashboards whose every panel has a placeholder title and a query: dashboard/panel-title reports first, so
  // it used to be charged for building each file's location index for every rule's findings.
  // Each run gets queries of its own: parses are cached by their text within a process, and these runs share
  // the test's process (a second run of the same queries would parse none).
  const filesFor = (run: string) => {
    const files: Record<string, string> = {};
    for (let i = 0; i < 200; i++) {
      const panels = Array.from({ length: 20 }, (_, p) => ({
        id: p + 1,
        type: 'timeseries',
        title: 'Panel Title',
        datasource: { type: 'prometheus', uid: '${datasource}' },
        targets: [{ refId: 'A', expr: `sum by (route) (rate(http_requests_total{job="api${p}-${run}"}[5m]))` }],
      }));
      files[`dashboards/d${i}.json`] = JSON.stringify({ uid: `d${i}`, title: `D ${i}`, schemaVersion: 39, panels }, null, 2);
    }
    return files;
  };

  for (const concurrency of ['1', '2']) {
    it(`shows the work rules share apart from the rules' times (${concurrency === '1' ? 'one thread' : 'two threads'})`, async () => {
      const dir = tempRepo(filesFor(concurrency));
      const r = await runCli(['.', '-f', 'json', '--timing', '--concurrency', concurrency], dir);
      expect(r.stderr).toMatch(concurrency === '1' ? /200 files; .*; no worker threads/ : /200 files; .*; 2 threads, this one and 1 worker/);
      const t = timingOf(r.stderr);
      expect(Object.keys(t.shared).sort()).toEqual(['locating findings', 'parsing and analysing queries']);
      expect(t.shared['locating findings']).toBeGreaterThan(0);
      expect(t.shared['parsing and analysing queries']).toBeGreaterThan(0);
      expect(Object.keys(t.rules)).toEqual(expect.arrayContaining(['dashboard/panel-title', 'dashboard/rate-interval']));
      // Every phase, in the order they run, from the config to the report, and the wall time they took.
      expect(Object.keys(t.phases)).toEqual(['setup', 'read', 'parse', 'rules', 'repo', 'code', 'report']);
      for (const p of ['setup', 'parse', 'rules', 'report']) expect(t.phases[p], p).toBeGreaterThan(0);
      const summed = Object.values(t.phases).reduce((a, b) => a + b, 0);
      // In one thread the phases are parts of the wall time; with a worker, theirs is added in.
      if (concurrency === '1') expect(summed).toBeLessThanOrEqual(t.wall + 1);
      expect(t.wall).toBeGreaterThanOrEqual(t.phases.setup + t.phases.report);
      // (That no rule's time includes the shared work is checked in core's shared-work.test.ts.)
    }, 60_000);
  }
});
