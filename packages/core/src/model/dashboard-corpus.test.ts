import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { loadFile } from '../runner/load-file.js';
import { SourceFile } from '../source/source-file.js';

// The real-world corpus sits beside the checkout (../shared/corpus); this test skips when it is absent.
const corpus = resolve(dirname(fileURLToPath(import.meta.url)), '../../../../../shared/corpus');

function dashboardFiles(dir: string, out: string[] = []): string[] {
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) dashboardFiles(p, out);
    else if ((/\/dashboards\//.test(p) && name.endsWith('.json')) || /dashboard.*\.ya?ml$/i.test(name)) out.push(p);
  }
  return out;
}

describe.skipIf(!existsSync(corpus))(`dashboards of the corpus (${corpus}; skipped when absent)`, () => {
  it('every dashboard file parses, every panel and query is located', () => {
    const files = dashboardFiles(corpus);
    expect(files.length).toBeGreaterThan(300);
    let dashboards = 0;
    for (const path of files) {
      const m = loadFile(new SourceFile(path, path.slice(corpus.length + 1), readFileSync(path, 'utf8')));
      expect(m.parseErrors, path).toEqual([]);
      expect(m.dashboards.length, path).toBeGreaterThan(0);
      dashboards += m.dashboards.length;
      for (const d of m.dashboards) {
        for (const p of d.panels) {
          expect(p.ref.range(), `${path} ${p.pointer}`).toBeDefined();
          for (const t of p.targets) if (t.expr) expect(t.exprOffset(0), `${path} ${t.pointer}`).toBeDefined();
        }
      }
    }
    // 322 mixin dashboards + the 33 of kube-prometheus' ConfigMapList.
    expect(dashboards).toBeGreaterThanOrEqual(350);
  });
});
