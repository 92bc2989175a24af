#!/usr/bin/env node
// Regenerates the rules table in README.md from the rule registry (run after `pnpm build`):
//   node scripts/rules-table.mjs          rewrite README.md
//   node scripts/rules-table.mjs --check  exit 1 when README.md is out of date
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const { builtinRules, ruleDocsPath } = await import(join(root, 'rules/dist/index.js'));

export function rulesTable(rules) {
  const rows = ['| rule | default | what it finds |', '|---|---|---|'];
  for (const r of rules) {
    const def = r.meta.preset === 'recommended' ? r.meta.severity : `${r.meta.preset} (${r.meta.severity})`;
    rows.push(`| [\`${r.meta.id}\`](rules/${ruleDocsPath(r.meta.id)}) | ${def} | ${r.meta.description.replace(/\|/g, '\\|')} |`);
  }
  return rows.join('\n');
}

const START = '<!-- rules-table:start -->';
const END = '<!-- rules-table:end -->';
const readme = readFileSync(join(root, 'README.md'), 'utf8');
const a = readme.indexOf(START);
const b = readme.indexOf(END);
if (a < 0 || b < 0) throw new Error('README.md has no rules-table markers');
const next = readme.slice(0, a + START.length) + '\n' + rulesTable(builtinRules) + '\n' + readme.slice(b);
if (process.argv.includes('--check')) {
  if (next !== readme) {
    console.error('README.md rules table is out of date: run node scripts/rules-table.mjs');
    process.exit(1);
  }
} else writeFileSync(join(root, 'README.md'), next);
