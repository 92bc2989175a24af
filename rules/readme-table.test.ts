import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { builtinRules } from './index.js';
import { ruleDocsPath } from './docs-path.js';

const readmePath = join(dirname(fileURLToPath(import.meta.url)), '..', 'README.md');

describe('README rules table', () => {
  it.skipIf(!existsSync(readmePath))('lists every registered rule with its default and docs link (node scripts/rules-table.mjs regenerates it)', () => {
    const readme = readFileSync(readmePath, 'utf8');
    const table = readme.slice(readme.indexOf('<!-- rules-table:start -->'), readme.indexOf('<!-- rules-table:end -->'));
    const rows = table.split('\n').filter((l) => l.startsWith('| [`'));
    expect(rows).toHaveLength(builtinRules.length);
    for (const r of builtinRules) {
      const def = r.meta.preset === 'recommended' ? r.meta.severity : `${r.meta.preset} (${r.meta.severity})`;
      expect(table).toContain(`| [\`${r.meta.id}\`](rules/${ruleDocsPath(r.meta.id)}) | ${def} |`);
    }
  });
});
