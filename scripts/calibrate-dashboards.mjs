#!/usr/bin/env node
// Calibration run of the dashboard rules over the real-world corpus (../shared/corpus): the
// monitoring-mixins dashboards and the kube-prometheus ConfigMapList. Prints, per rule, on how many
// dashboards it fires, and sampled findings with their source line for hand-checking.
//
//   pnpm exec tsc -b && node scripts/calibrate-dashboards.mjs [--samples 10] [--rule dashboard/x] [--corpus DIR]
//
// Exit code: 0 when every file was read and no valid file gave a parse-error or a rule crash, 1 otherwise,
// 0 with a message when the corpus is absent.
import { existsSync, readdirSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const arg = (name, dflt) => {
  const i = args.indexOf(name);
  return i >= 0 && i + 1 < args.length ? args[i + 1] : dflt;
};
const corpus = resolve(repoRoot, arg('--corpus', '../shared/corpus'));
const samples = Number(arg('--samples', '10'));
const onlyRule = arg('--rule', undefined);

if (!existsSync(corpus)) {
  console.log(`Corpus not found at ${corpus}: nothing to calibrate (it sits beside the checkout in development).`);
  process.exit(0);
}

const core = await import(join(repoRoot, 'packages/core/dist/index.js'));
const { dashboardRules } = await import(join(repoRoot, 'rules/dist/index.js'));

/** Dashboard files of the corpus: every JSON under a `dashboards` folder, and YAML files that carry dashboards. */
function collect(dir, out = []) {
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    const st = statSync(p);
    if (st.isDirectory()) collect(p, out);
    else if ((/\/dashboards\//.test(p) && name.endsWith('.json')) || /dashboard.*\.ya?ml$/i.test(name)) out.push(p);
  }
  return out;
}

const files = collect(corpus).sort();
const rules = onlyRule ? dashboardRules.filter((r) => r.meta.id === onlyRule) : dashboardRules;
const config = core.resolveConfig({ extends: ['all'] }, dashboardRules, { baseDir: corpus });
const t0 = performance.now();
const result = await core.runLint({ rootDir: corpus, files, config, rules });
const ms = performance.now() - t0;

const dashboards = result.models.reduce((n, m) => n + m.dashboards.length, 0);
const panels = result.models.reduce((n, m) => n + m.dashboards.reduce((k, d) => k + d.panels.length, 0), 0);
const dashKey = (f) => `${f.relPath}#${(f.entity ?? '').split('/panel:')[0]}`;

const problems = result.findings.filter((f) => f.ruleId === 'parse-error' || f.ruleId === 'file-skipped');
console.log(`${files.length} files, ${dashboards} dashboards, ${panels} panels, linted in ${ms.toFixed(0)} ms\n`);
if (problems.length) {
  console.log('Parse errors / skipped files:');
  for (const f of problems) console.log(`  ${f.relPath}:${f.line}:${f.column} ${f.ruleId} ${f.message}`);
  console.log('');
}

const byRule = new Map(rules.map((r) => [r.meta.id, []]));
for (const f of result.findings) byRule.get(f.ruleId)?.push(f);

const pad = (s, n) => String(s).padEnd(n);
console.log(`${pad('rule', 38)} ${pad('default', 16)} ${pad('dashboards', 14)} findings`);
for (const r of rules) {
  const fs = byRule.get(r.meta.id);
  const fired = new Set(fs.map(dashKey)).size;
  const dflt = r.meta.preset === 'recommended' ? r.meta.severity : `${r.meta.preset} (${r.meta.severity})`;
  console.log(`${pad(r.meta.id, 38)} ${pad(dflt, 16)} ${pad(`${fired}/${dashboards} (${Math.round((100 * fired) / Math.max(1, dashboards))}%)`, 14)} ${fs.length}`);
}

if (samples > 0) {
  const texts = new Map(result.models.map((m) => [m.file.path, m.file]));
  for (const r of rules) {
    const fs = byRule.get(r.meta.id);
    if (!fs.length) continue;
    console.log(`\n== ${r.meta.id}: ${samples} of ${fs.length} findings, evenly spaced`);
    const step = Math.max(1, Math.floor(fs.length / samples));
    for (let i = 0, n = 0; i < fs.length && n < samples; i += step, n++) {
      const f = fs[i];
      const line = texts.get(f.filePath)?.lineText(f.line) ?? '';
      const start = Math.max(0, f.column - 1 - 40);
      console.log(`  ${relative(corpus, f.filePath)}:${f.line}:${f.column} ${f.severity} ${f.message}`);
      console.log(`      | ${line.slice(start, f.column - 1 + 80).trim()}`);
    }
  }
}
process.exit(problems.some((f) => f.ruleId === 'parse-error') ? 1 : 0);
