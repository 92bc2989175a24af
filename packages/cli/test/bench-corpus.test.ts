import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseJsonOutput, REPO_ROOT, runCli } from './helpers.js';

interface CorpusOptions {
  dashboards: number;
  panels: number;
  rules: number;
  alerts: number;
  snapshots: number;
  code: number;
  seed: number;
  density: 'real' | 'dense';
}
type Generator = { generateCorpus(out: string, o: CorpusOptions): void; DEFAULTS: CorpusOptions };

const { generateCorpus, DEFAULTS } = (await import(join(REPO_ROOT, 'scripts/bench/generate-corpus.mjs'))) as Generator;

/** The benchmark's dashboards (a small number of them) and what obslint finds in them, by rule. */
async function findingsOf(density: 'real' | 'dense') {
  const dir = mkdtempSync(join(tmpdir(), `bench-corpus-${density}-`));
  generateCorpus(dir, { ...DEFAULTS, dashboards: 100, rules: 0, snapshots: 0, code: 0, density });
  const panels = readdirSync(join(dir, 'dashboards')).reduce((n, f) => {
    const dash = JSON.parse(readFileSync(join(dir, 'dashboards', f), 'utf8')) as { panels: Array<{ type: string }> };
    return n + dash.panels.filter((p) => p.type !== 'row').length;
  }, 0);
  const r = await runCli(['./dashboards', '--no-config', '-f', 'json'], dir);
  const byRule: Record<string, number> = {};
  for (const f of parseJsonOutput(r.stdout)) for (const m of f.messages) byRule[m.ruleId] = (byRule[m.ruleId] ?? 0) + 1;
  const total = Object.values(byRule).reduce((a, b) => a + b, 0);
  return { dir, panels, byRule, perPanel: total / panels };
}

describe('the benchmark corpus (scripts/bench/generate-corpus.mjs)', () => {
  // ../shared/corpus's 322 real dashboards have 4,266 panels and 1,100 dashboard findings: 0.26 per panel.
  it('has about the findings per panel of real dashboards by default', async () => {
    const { panels, byRule, perPanel } = await findingsOf('real');
    expect(panels).toBe(100 * DEFAULTS.panels);
    expect(perPanel).toBeGreaterThan(0.15);
    expect(perPanel).toBeLessThan(0.4);
    // Each rule the dense corpus exercises still fires, at a rate like the real dashboards' ones
    for (const id of ['dashboard/panel-title', 'dashboard/rate-interval', 'dashboard/datasource-variable', 'dashboard/deprecated-panel-type']) {
      expect(byRule[id], id).toBeGreaterThan(0);
    }
    expect(byRule['dashboard/panel-title']! / panels).toBeLessThan(0.03);
  });

  it('keeps the dense corpus of earlier sessions (2.1 findings per panel, every panel titled "Panel N")', async () => {
    const { panels, byRule, perPanel } = await findingsOf('dense');
    expect(perPanel).toBeGreaterThan(1.8);
    expect(byRule['dashboard/panel-title']).toBe(panels);
  });

  it('is the same for the same seed', () => {
    const a = mkdtempSync(join(tmpdir(), 'bench-a-'));
    const b = mkdtempSync(join(tmpdir(), 'bench-b-'));
    const o = { ...DEFAULTS, dashboards: 5, rules: 2, snapshots: 2, code: 2 };
    generateCorpus(a, o);
    generateCorpus(b, o);
    for (const sub of ['dashboards', 'rules', 'snapshots', 'src']) {
      const files = readdirSync(join(a, sub)).sort();
      expect(files.length).toBeGreaterThan(0);
      expect(readdirSync(join(b, sub)).sort()).toEqual(files);
      for (const f of files) expect(readFileSync(join(b, sub, f), 'utf8')).toBe(readFileSync(join(a, sub, f), 'utf8'));
    }
  });
});
