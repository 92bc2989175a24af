#!/usr/bin/env node
// obslint's benchmark (issue: performance). Generates a seeded corpus, then measures in one run, with
// alternating repetitions and medians:
//   (a) obslint on the rule files vs `promtool check rules` on the same files
//   (b) obslint on the dashboards vs the parse floor (read + JSON.parse); bd, b0, b1, bq and br explain it:
//       the dense corpus of earlier sessions (eight times the findings), every rule off, a floor that also
//       parses the queries (and that floor against the parse floor), and the real dashboards of ../shared/corpus
//   (c) obslint's code rules in ESLint vs ESLint with no rules (plugin overhead)
//   (d) cold run vs cached re-run (--cache); d1: the cache restored in a copy of the checkout elsewhere (a CI runner)
//   (e) N threads (this one and N - 1 workers) vs 1
//   (f) time and peak RSS as the corpus doubles (1x, 2x, 4x; the whole corpus, then its documents alone)
//   (h) the slowest of 4 shards (--shard k/4) vs the whole run
//   (i) the HTML report of the 2,000 dashboards: writing it vs writing JSON, and the page in headless Chromium
//   (j) the editor: a large dashboard and rule file linted again through ESLint's API, obslint's document
//       configs vs the file's ESLint tree (JSON language, yaml-eslint-parser) with no rule
//   (g) one large file of each kind (dashboard, rule file, TypeScript) at 4x its size: time must grow with the
//       file, not its square
// Prints one table of ratios and writes it as JSON (bench-results.json, or --out <file>).
//   pnpm bench [--reps 3] [--scale 1] [--out file] [--only a,b,...]
import { spawnSync } from 'node:child_process';
import { appendFileSync, cpSync, existsSync, mkdtempSync, rmSync, writeFileSync, readdirSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DEFAULTS, generateCorpus, generateLargeFiles } from './generate-corpus.mjs';

const root = resolve(fileURLToPath(import.meta.url), '../../..');
const arg = (name, def) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1] : def;
};
const reps = Number(arg('reps', 3));
/** `--only b,d`: just those measurements (their letter; b includes bd, b0, b1, bq and br, f its sizes (whole corpus and documents), g its three files, h its four shards, j its two files). */
const only = arg('only', undefined)?.split(',');
const want = (id) => !only || only.includes(id);
const scale = Number(arg('scale', 1));
const out = resolve(arg('out', join(root, 'bench-results.json')));
const cores = availableParallelism();
const work = mkdtempSync(join(tmpdir(), 'obslint-bench-'));

function corpus(name, factor, density = DEFAULTS.density) {
  const dir = join(work, name);
  const o = { ...DEFAULTS, density };
  for (const k of ['dashboards', 'rules', 'snapshots', 'code']) o[k] = Math.round(o[k] * scale * factor);
  generateCorpus(dir, o);
  return { dir, o };
}

/** The JSON files under `dir` (relative to it), sorted. */
function jsonFilesUnder(dir, rel = '') {
  const out = [];
  for (const e of readdirSync(join(dir, rel), { withFileTypes: true })) {
    const p = rel ? `${rel}/${e.name}` : e.name;
    if (e.isDirectory()) out.push(...jsonFilesUnder(dir, p));
    else if (e.name.endsWith('.json')) out.push(p);
  }
  return out.sort();
}

/** `--rule <id>:off` for every built-in rule (as `obslint rules -f json` lists them). */
function everyRuleOff() {
  const r = spawnSync(process.execPath, [join(root, 'packages/cli/bin/obslint.js'), 'rules', '-f', 'json'], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`obslint rules -f json failed: ${r.stderr}`);
  return JSON.parse(r.stdout).flatMap((rule) => ['--rule', `${rule.id}:off`]);
}

/** A measure.mjs run whose own JSON line gives the time (`ms`) to take, instead of the process's wall time. */
function runReported(args, cwd) {
  const r = spawnSync(process.execPath, args, { cwd, encoding: 'utf8', maxBuffer: 1 << 28 });
  if (r.status !== 0) throw new Error(`${args.join(' ')} failed: ${r.error ?? r.stderr}`);
  return JSON.parse((r.stdout ?? '').trim().split('\n').pop());
}

function runOnce(cmd, args, cwd) {
  const t0 = performance.now();
  const r = spawnSync(cmd, args, { cwd, encoding: 'utf8', maxBuffer: 1 << 28 });
  const wall = performance.now() - t0;
  if (r.status === 2 || r.error || r.status === null) throw new Error(`${cmd} ${args.join(' ')} failed: ${r.error ?? r.stderr}`);
  const last = (r.stdout ?? '').trim().split('\n').pop() ?? '';
  let rssKB;
  try {
    rssKB = JSON.parse(last).rssKB;
  } catch {
    /* not a measure.mjs run */
  }
  return { ms: wall, rssKB };
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
};

/** Alternates A, B (and C) `n` times (`reps`); returns medians (wall time includes process start for each). */
function compare(a, b, c, n = reps) {
  const runs = [a, b, c].filter(Boolean).map((run) => ({ run, results: [] }));
  for (let i = 0; i < n; i++) for (const r of runs) r.results.push(r.run());
  const together = {}; // the results of one call alternated: their repetitions pair up
  const [ra, rb, rc] = runs.map(({ results }) => ({ ms: median(results.map((x) => x.ms)), rssKB: median(results.map((x) => x.rssKB ?? 0)), each: results.map((x) => x.ms), together }));
  return { a: ra, b: rb, c: rc };
}

const measure = join(root, 'scripts/bench/measure.mjs');
const obslint = (cwd, ...args) => () => runOnce(process.execPath, [measure, 'obslint', cwd, ...args, '-f', 'json', '-o', join(work, 'out.json')], cwd);
const node = (...args) => () => runOnce(process.execPath, [measure, ...args], root);
const hasPromtool = spawnSync('promtool', ['--version']).status === 0;

console.log(`obslint benchmark: ${reps} alternating repetitions, medians; ${cores} cores; corpus scale ${scale}`);
const base = corpus('x1', 1);
const d = base.dir;
const rows = [];
const row = (id, what, obs, baseline, target, extra = {}) => {
  const ratio = baseline ? obs.ms / baseline.ms : undefined;
  // The ratio of each repetition's pair (they alternate): how far the machine moves the median's ratio.
  const each = obs.each && baseline?.together === obs.together ? obs.each.map((ms, i) => ms / baseline.each[i]) : undefined;
  const spread = each && each.length > 1 ? [Math.min(...each), Math.max(...each)].map((x) => +x.toFixed(3)) : undefined;
  rows.push({ id, what, obslintMs: Math.round(obs.ms), baselineMs: baseline ? Math.round(baseline.ms) : undefined, ratio: ratio && +ratio.toFixed(3), ratioPerRepetition: spread, target, met: target === undefined || ratio === undefined ? undefined : ratio <= target.max, rssMB: obs.rssKB ? Math.round(obs.rssKB / 1024) : undefined, ...extra });
  console.log(`  ${id}  ${what}: ${Math.round(obs.ms)} ms${baseline ? ` vs ${Math.round(baseline.ms)} ms = ${ratio.toFixed(2)}x` : ''}${spread ? ` (each repetition ${spread[0].toFixed(2)}-${spread[1].toFixed(2)}x)` : ''}`);
};

// (a) rule files vs promtool
const ruleFiles = readdirSync(join(d, 'rules')).map((f) => join('rules', f));
if (!want('a')) {
  /* not asked for (--only) */
} else if (hasPromtool) {
  const r = compare(obslint(d, './rules'), () => runOnce('promtool', ['check', 'rules', ...ruleFiles], d));
  row('a', `obslint vs promtool check rules (${base.o.rules * base.o.alerts} alerts)`, r.a, r.b, { max: 1.0 });
} else console.log('  a  skipped: promtool not installed');

// (b) dashboards vs parse floor
if (want('b')) {
  const r = compare(obslint(d, './dashboards'), node('parse-floor', join(d, 'dashboards')));
  row('b', `obslint vs parse floor (${base.o.dashboards} dashboards x ${base.o.panels} panels)`, r.a, r.b, { max: 2.0 });
}
// (b) on the dense corpus of sessions 1-13 (2.1 findings per panel, 83,000 in all, against 0.26 per panel in
// real dashboards and in the corpus above): what reporting eight times the findings costs.
let dense;
const denseCorpus = () => (dense ??= corpus('x1-dense', 1, 'dense'));
if (want('b')) {
  const r = compare(obslint(denseCorpus().dir, './dashboards'), node('parse-floor', join(denseCorpus().dir, 'dashboards')));
  row('bd', 'the same on the dense corpus (every panel titled "Panel N", a finding: 2.1 findings per panel)', r.a, r.b, undefined);
}
// (b) explained, no targets: what obslint costs with no rule at all (reading, parsing, the models, the
// report), and a floor that also parses every distinct PromQL query once with the official grammar.
if (want('b')) {
  const off = compare(obslint(d, './dashboards', '--no-config', ...everyRuleOff()), node('parse-floor', join(d, 'dashboards')));
  row('b0', 'obslint with every rule off vs parse floor', off.a, off.b, undefined);
  const q = compare(obslint(d, './dashboards'), node('query-floor', join(d, 'dashboards')));
  row('b1', 'obslint vs query floor (parse floor + each distinct PromQL query parsed by lezer-promql)', q.a, q.b, undefined);
  // What (b)'s 2x leaves: the query floor alone (one thread, no model, no rule, no location, no report) against
  // the parse floor. Parsing the queries with the official grammar is work any PromQL-aware linter does.
  const qf = compare(node('query-floor', join(d, 'dashboards')), node('parse-floor', join(d, 'dashboards')));
  row('bq', 'query floor vs parse floor (no obslint: the queries\' parse alone)', qf.a, qf.b, undefined);
}
// (b) on real dashboards: the ~320 of ../shared/corpus (compiled monitoring mixins), when it is there.
if (want('b')) {
  const real = join(root, '..', 'shared', 'corpus');
  const files = existsSync(real) ? jsonFilesUnder(real) : [];
  if (files.length === 0) console.log(`  br  skipped: no real-world corpus at ${real}`);
  else {
    const r = compare(obslint(real, ...files), node('parse-floor', real), node('query-floor', real));
    row('br', `obslint vs parse floor (${files.length} real dashboards, ../shared/corpus)`, r.a, r.b, undefined);
    row('br1', 'the same vs query floor', r.a, r.c, undefined);
  }
}
// (c) plugin overhead
if (want('c')) {
  // At least 9 alternating repetitions: the noisiest pair here. ESLint without rules took 3.5-4.8 s for the
  // same files in sessions 13 and 14; one repetition's ratio ranged from 1.04x to 1.49x, and the median of 5
  // from 1.06x to 1.39x with the plugin unchanged (15 repetitions: 1.23x).
  const r = compare(node('eslint', join(d, 'src'), 'plugin'), node('eslint', join(d, 'src'), 'plain'), node('eslint', join(d, 'src'), 'core-rule'), Math.max(reps, 9));
  row('c', `ESLint + obslint code rules vs ESLint with no rules (${base.o.code} TS files)`, r.a, r.b, { max: 1.25 });
  // Any enabled rule, even ESLint's own no-debugger, costs ESLint ~10% here (more of each file's tree outlives
  // young-generation GC; see docs/performance.md): the same plugin runs against ESLint with one core rule.
  row('c1', `ESLint + obslint code rules vs ESLint with one core rule (no-debugger)`, r.a, r.c, undefined);
  // The CLI on the same files: ESLint with the code rules, plus the metric index and the findings' entities,
  // all from ESLint's one parse of each file.
  const cli = compare(obslint(d, './src'), node('eslint', join(d, 'src'), 'plugin'));
  row('c2', 'the CLI on the same TS files vs ESLint + obslint code rules', cli.a, cli.b, undefined);
}
// (d) cold vs cached re-run
if (want('d')) {
  const cache = join(work, 'cache.json');
  const cold = () => {
    // Every part of the cache (per-file results, summaries, code findings, repo-wide findings): a cold run
    // starts from nothing.
    for (const part of ['', '.facts', '.repo']) rmSync(cache + part, { force: true });
    return obslint(d, '.', '--cache', '--cache-location', cache)();
  };
  const warm = () => obslint(d, '.', '--cache', '--cache-location', cache)();
  const rc = [];
  const rw = [];
  for (let i = 0; i < reps; i++) {
    rc.push(cold());
    rw.push(warm());
  }
  row('d', 'cached re-run vs cold run (whole corpus)', { ms: median(rw.map((x) => x.ms)) }, { ms: median(rc.map((x) => x.ms)) }, { max: 0.15 });
  // What a CI runner does: the cache restored into a checkout under another path, where a dashboard and a
  // TypeScript file changed since it was made (the repo-wide phase runs again from the cached summaries).
  const elsewhere = join(work, 'checkout-elsewhere');
  cpSync(d, elsewhere, { recursive: true });
  appendFileSync(join(elsewhere, 'dashboards', readdirSync(join(elsewhere, 'dashboards')).sort()[0]), '\n');
  appendFileSync(join(elsewhere, 'src', readdirSync(join(elsewhere, 'src')).sort()[0]), '\n// changed\n');
  const kept = join(work, 'cache-kept');
  for (const part of ['', '.facts', '.repo']) cpSync(cache + part, kept + part);
  const restored = [];
  for (let i = 0; i < reps; i++) {
    for (const part of ['', '.facts', '.repo']) cpSync(kept + part, cache + part);
    restored.push(obslint(elsewhere, '.', '--cache', '--cache-location', cache)());
  }
  row('d1', 'the cache in a copy of the checkout elsewhere, 2 files changed, vs cold run', { ms: median(restored.map((x) => x.ms)) }, { ms: median(rc.map((x) => x.ms)) }, undefined);
}
// (e) N threads (this one and N - 1 workers, one per core) vs 1 (documents)
if (want('e')) {
  const r = compare(obslint(d, './dashboards', './rules', './snapshots', '--concurrency', String(cores)), obslint(d, './dashboards', './rules', './snapshots', '--concurrency', '1'));
  row('e', `${cores} threads vs 1 (documents)`, r.a, r.b, undefined);
}
// (f) scaling 1x, 2x, 4x: the whole corpus (dashboards, rule files, snapshots and TypeScript), then the
// documents alone (fd: no target; the code is most of the whole corpus's time)
if (want('f')) {
  const c2 = corpus('x2', 2);
  const c4 = corpus('x4', 4);
  const whole = (c) => obslint(c.dir, '.');
  const m1 = compare(whole(base)).a;
  const m2 = compare(whole(c2)).a;
  const m4 = compare(whole(c4)).a;
  row('f1', 'whole corpus 1x', m1, undefined, undefined);
  row('f2', 'whole corpus 2x (vs 1x)', m2, m1, { max: 2.2 });
  row('f4', 'whole corpus 4x (vs 1x)', m4, m1, { max: 4.4 }, { rssTargetMB: 500, rssMet: m4.rssKB / 1024 < 500 });
  const docs = (c) => obslint(c.dir, './dashboards', './rules', './snapshots');
  const d1 = compare(docs(base)).a;
  const d4 = compare(docs(c4)).a;
  row('fd1', 'documents 1x', d1, undefined, undefined);
  row('fd4', 'documents 4x (vs 1x)', d4, d1, undefined);
}

// (h) a CI matrix of 4 jobs: the slowest shard against the whole run (each shard still reads every file for
// the cross-file rules; 0.25 would be perfect splitting)
if (want('h')) {
  const docs = ['./dashboards', './rules', './snapshots'];
  const whole = obslint(d, ...docs);
  const shards = [1, 2, 3, 4].map((k) => obslint(d, ...docs, '--shard', `${k}/4`));
  const r = compare(() => {
    const runs = shards.map((s) => s());
    return runs.reduce((a, b) => (b.ms > a.ms ? b : a));
  }, whole);
  row('h', 'slowest of 4 shards vs the whole run (documents)', r.a, r.b, undefined);
}
// (g) one large file at 1x and 4x its size (2,500 and 10,000 panels, alerts, logging loop statements)
if (want('g')) {
  const small = join(work, 'g1');
  const large = join(work, 'g4');
  generateLargeFiles(small, 2500 * scale);
  generateLargeFiles(large, 10000 * scale);
  for (const [kind, what] of [['dashboard', 'panels'], ['rules', 'alerts'], ['code', 'statements of a logging loop']]) {
    const r = compare(obslint(large, `./${kind}`), obslint(small, `./${kind}`));
    row(`g-${kind}`, `one ${kind} file, 4x its ${what} (${10000 * scale} vs ${2500 * scale})`, r.a, r.b, { max: 4.4 });
  }
}

// (j) the editor: one large dashboard and one large rule file linted again at each change through ESLint's API,
// with obslint's document configs vs with no rule and the file's ESLint tree (ESLint's JSON language;
// yaml-eslint-parser): what any ESLint setup that lints these files waits for
if (want('j')) {
  const dir = join(work, 'j');
  generateLargeFiles(dir, 2500 * scale);
  for (const [kind, file, tree] of [['dashboard', 'dashboard/large.json', "ESLint's JSON language"], ['rules', 'rules/large.yaml', 'yaml-eslint-parser']]) {
    const path = join(dir, file);
    const r = compare(() => runReported([measure, 'editor', path, 'plugin'], root), () => runReported([measure, 'editor', path, 'tree'], root));
    row(`j-${kind}`, `editor: one ${kind} file of ${2500 * scale} ${kind === 'rules' ? 'alerts' : 'panels'} linted again, obslint's document configs vs ${tree} with no rule`, r.a, r.b, undefined);
  }
}

// (i) the audit's HTML report of the 2,000 dashboards of the dense corpus (83,000 findings): writing it against
// writing JSON, and the page in headless Chromium (until its script is ready; then one filter of the findings table)
if (want('i')) {
  const chromium = ['/usr/bin/chromium', '/usr/bin/chromium-browser'].find((p) => existsSync(p));
  const html = join(work, 'report.html');
  const dd = denseCorpus().dir;
  const r = compare(() => runOnce(process.execPath, [measure, 'obslint', dd, './dashboards', '-f', 'html', '-o', html], dd), obslint(dd, './dashboards'));
  row('i', `-f html vs -f json (${base.o.dashboards} dashboards, dense corpus)`, r.a, r.b, undefined);
  if (!chromium) console.log('  i1 skipped: no Chromium at /usr/bin/chromium (Debian package "chromium")');
  else {
    const pages = Array.from({ length: reps }, () => runReported([measure, 'html-page', html, chromium], root));
    row('i1', 'the HTML report in headless Chromium: page ready', { ms: median(pages.map((p) => p.ms)) }, undefined, undefined, { filterMs: Math.round(median(pages.map((p) => p.filterMs))) });
  }
}

console.log('\n| id | measurement | obslint ms | baseline ms | ratio | each repetition | target | met | peak RSS MB |');
console.log('|---|---|---|---|---|---|---|---|---|');
for (const r of rows) console.log(`| ${r.id} | ${r.what} | ${r.obslintMs} | ${r.baselineMs ?? ''} | ${r.ratio ?? ''} | ${r.ratioPerRepetition ? r.ratioPerRepetition.join('-') : ''} | ${r.target ? `<= ${r.target.max}` : ''} | ${r.met === undefined ? '' : r.met ? 'yes' : 'no'} | ${r.rssMB ?? ''} |`);
writeFileSync(out, JSON.stringify({ date: new Date().toISOString(), reps, scale, cores, node: process.version, rows }, null, 2) + '\n');
console.log(`\nwritten ${out}`);
rmSync(work, { recursive: true, force: true });
