#!/usr/bin/env node
// Calibration run of the alert, recording and alertmanager rules over the real-world corpus
// (../shared/corpus): monitoring-mixins `assets/*/alerts.yaml` and `rules.yaml`, awesome-prometheus-alerts
// `dist/rules/**`, kube-prometheus `manifests/*prometheusRule*.yaml`. Prints per rule on how many alerts
// (rules) it fires, and sampled findings with their source line for hand-checking.
//
//   pnpm exec tsc -b && node scripts/calibrate-alerts.mjs [--samples 10] [--rule alert/x] [--corpus DIR] [--seed N]
//
// Checks (exit 1 when one fails): every file is read without a crash and without a parse-error; every
// awesome-prometheus-alerts alert with `for: 0m` is reported by alert/missing-for.
// Exit 0 with a message when the corpus is absent.
import { existsSync, readdirSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
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
let seed = Number(arg('--seed', '42'));

if (!existsSync(corpus)) {
  console.log(`Corpus not found at ${corpus}: nothing to calibrate (it sits beside the checkout in development).`);
  process.exit(0);
}

const core = await import(join(repoRoot, 'packages/core/dist/index.js'));
// The domain indexes, not rules/dist/index.js: a broken rule of another domain must not stop this run.
const { alertRules } = await import(join(repoRoot, 'rules/dist/alert/index.js'));
const { recordingRules } = await import(join(repoRoot, 'rules/dist/recording/index.js'));
const { alertmanagerRules } = await import(join(repoRoot, 'rules/dist/alertmanager/index.js'));
const allRules = [...alertRules, ...recordingRules, ...alertmanagerRules];

function collect(dir, out = []) {
  if (!existsSync(dir)) return out;
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) collect(p, out);
    else if (/\.ya?ml$/.test(name)) out.push(p);
  }
  return out;
}

const mixins = join(corpus, 'monitoring-mixins/assets');
const files = [
  ...(existsSync(mixins) ? readdirSync(mixins).flatMap((m) => ['alerts.yaml', 'rules.yaml'].map((f) => join(mixins, m, f))).filter(existsSync) : []),
  ...collect(join(corpus, 'awesome-prometheus-alerts/dist/rules')),
  ...collect(join(corpus, 'kube-prometheus/manifests')).filter((f) => /prometheusRule/i.test(f)),
].sort();

const rules = onlyRule ? allRules.filter((r) => r.meta.id === onlyRule) : allRules;
const config = core.resolveConfig({ extends: ['all'] }, allRules, { baseDir: corpus });
const t0 = performance.now();
const result = await core.runLint({ rootDir: corpus, files, config, rules });
const ms = performance.now() - t0;

let alerts = 0;
let recordings = 0;
const forZero = [];
for (const m of result.models) {
  for (const rf of m.ruleFiles) {
    for (const g of rf.groups) {
      for (const r of g.rules) {
        if (r.type === 'alerting') {
          alerts++;
          if (/awesome-prometheus-alerts/.test(m.file.relPath) && core.parseDuration(r.for) === 0) forZero.push({ file: m.file.relPath, entity: r.entity });
        } else recordings++;
      }
    }
  }
}

let failed = false;
console.log(`${files.length} files, ${alerts} alerting rules, ${recordings} recording rules, linted in ${ms.toFixed(0)} ms\n`);
const problems = result.findings.filter((f) => f.ruleId === 'parse-error' || f.ruleId === 'rule-error' || f.ruleId === 'file-skipped');
if (problems.length) {
  failed = true;
  console.log('Parse errors / crashes / skipped files:');
  for (const f of problems) console.log(`  ${f.relPath}:${f.line}:${f.column} ${f.ruleId} ${f.message}`);
  console.log('');
}

// absent()-only deadman alerts are alert/absent-without-for's by the catalogue; every other one is alert/missing-for's.
const reportedBy = (id) => new Set(result.findings.filter((f) => f.ruleId === id).map((f) => `${f.relPath}#${f.entity}`));
const missingFor = reportedBy('alert/missing-for');
const absentFor = reportedBy('alert/absent-without-for');
const notReported = forZero.filter((a) => !missingFor.has(`${a.file}#${a.entity}`) && !absentFor.has(`${a.file}#${a.entity}`));
const byMissingFor = forZero.filter((a) => missingFor.has(`${a.file}#${a.entity}`)).length;
console.log(
  `awesome-prometheus-alerts alerts with \`for: 0m\`: ${forZero.length}, reported by alert/missing-for: ${byMissingFor}, ` +
    `absent()-only ones reported by alert/absent-without-for: ${forZero.length - byMissingFor - notReported.length}`,
);
if (notReported.length) {
  failed = true;
  for (const a of notReported.slice(0, 20)) console.log(`  NOT REPORTED ${a.file} ${a.entity}`);
}
console.log('');

const random = () => {
  seed = (seed * 1103515245 + 12345) % 2147483648;
  return seed / 2147483648;
};
console.log('| rule | findings | rules (alerts/records/routes) it fires on |');
console.log('|---|---|---|');
const byRule = new Map();
for (const f of result.findings) {
  if (!f.ruleId.includes('/')) continue;
  if (!byRule.has(f.ruleId)) byRule.set(f.ruleId, []);
  byRule.get(f.ruleId).push(f);
}
for (const r of rules) {
  const fs = byRule.get(r.meta.id) ?? [];
  const entities = new Set(fs.map((f) => `${f.relPath}#${f.entity}`));
  console.log(`| ${r.meta.id} | ${fs.length} | ${entities.size} |`);
}
const textOf = new Map(result.models.map((m) => [m.file.relPath, m.file]));
for (const r of rules) {
  const fs = [...(byRule.get(r.meta.id) ?? [])];
  if (!fs.length || samples <= 0) continue;
  console.log(`\n## ${r.meta.id}: ${Math.min(samples, fs.length)} of ${fs.length} findings`);
  for (let i = 0; i < samples && fs.length; i++) {
    const f = fs.splice(Math.floor(random() * fs.length), 1)[0];
    const file = textOf.get(f.relPath);
    console.log(`- ${f.relPath}:${f.line}:${f.column} ${f.message}`);
    if (file) console.log(`    > ${file.lineText(f.line).trim().slice(0, 160)}`);
  }
}
process.exit(failed ? 1 : 0);
