import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { resolveConfig } from '../config/resolve-config.js';
import { defineRule } from '../rule/types.js';
import { runLint } from './run.js';
import { sharedWork } from './shared-work.js';

/** Keeps the thread busy for `ms` (measured with the clock the timings use). */
function busy(ms: number): void {
  const end = performance.now() + ms;
  while (performance.now() < end) {
    /* spin */
  }
}

/** A rule whose visit is all shared work (as the first rule to ask for a parse or a location index would be). */
const asker = defineRule({
  meta: { id: 'test/asker', domain: 'dashboard', description: 'x', severity: 'warning', messages: { m: 'x' }, defaultOptions: {} },
  create: () => ({
    dashboard() {
      sharedWork('queries', () => {
        busy(5);
        sharedWork('locate', () => busy(5)); // nested shared work counts once, as the outer piece's
      });
    },
  }),
});

describe('shared work in --timing', () => {
  const dir = mkdtempSync(join(tmpdir(), 'obslint-shared-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  for (let i = 0; i < 4; i++) writeFileSync(join(dir, `d${i}.json`), JSON.stringify({ uid: `d${i}`, title: 'D', schemaVersion: 39, panels: [] }));
  const files = [0, 1, 2, 3].map((i) => join(dir, `d${i}.json`));
  const config = resolveConfig({ rules: { 'test/asker': 'warn' } }, [asker], { baseDir: dir });

  it('is timed apart, once when nested, and not as the time of the rule that did it', async () => {
    const r = await runLint({ rootDir: dir, files, config, rules: [asker], ruleTiming: true });
    expect(r.timing.phases.queries).toBeGreaterThanOrEqual(40); // 4 files x 10 ms, all of it the outer piece's
    expect(r.timing.phases.locate).toBeUndefined();
    expect(r.timing.rules['test/asker']).toBeLessThan(r.timing.phases.queries / 4);
  });

  it('is not measured without --timing', async () => {
    const r = await runLint({ rootDir: dir, files, config, rules: [asker] });
    expect(r.timing.phases.queries).toBeUndefined();
    expect(r.timing.rules['test/asker']).toBeUndefined();
  });
});
