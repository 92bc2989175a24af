#!/usr/bin/env node
// Runs one command of the benchmark in this process and prints {ms, rssKB} as JSON on the last line.
//   node measure.mjs obslint <cwd> <args...>     the obslint CLI as bin/obslint.js runs it (the bundle's main() in-process)
//   node measure.mjs parse-floor <dir>          read + JSON.parse every .json file (the parse floor)
//   node measure.mjs query-floor <dir>          the parse floor, then every distinct `expr` string in the
//                                               documents parsed once with lezer-promql (what any tool that
//                                               reads the queries with the official grammar must do at least)
//   node measure.mjs html-page <file>           an HTML report in headless Chromium: ms until its script is ready
//                                               (after the page loaded), and ms to filter its findings table
//   node measure.mjs eslint <dir> <plain|core-rule|plugin> ESLint on the .ts files: with no rules, with one core rule, or with obslint's code rules
//   node measure.mjs editor <file> <plugin|tree>  what an editor waits for at each change of a dashboard or rule
//                                               file: the median of 20 warm lintText calls (the text changed each
//                                               time), with obslint's document configs, or with no rule and the
//                                               file's ESLint tree (ESLint's JSON language, @eslint/json, for .json;
//                                               yaml-eslint-parser for .yaml)
import { readFileSync, readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Writable } from 'node:stream';

const root = resolve(fileURLToPath(import.meta.url), '../../..');
const [mode, dir, ...rest] = process.argv.slice(2);
const sink = new Writable({ write(_c, _e, cb) { cb(); } });
const t0 = performance.now();

function walk(d, ext, out = []) {
  for (const e of readdirSync(d, { withFileTypes: true })) {
    if (e.isDirectory()) walk(join(d, e.name), ext, out);
    else if (e.name.endsWith(ext)) out.push(join(d, e.name));
  }
  return out;
}

if (mode === 'obslint') {
  const { main, tuneProcess } = await import(join(root, 'packages/cli/bundle/index.js'));
  tuneProcess(); // as bin/obslint.js does
  const code = await main({ argv: rest, cwd: dir, stdout: sink, stderr: process.stderr, env: { ...process.env, CI: 'true' } });
  process.exitCode = code;
} else if (mode === 'parse-floor') {
  let n = 0;
  for (const f of walk(dir, '.json')) n += Object.keys(JSON.parse(readFileSync(f, 'utf8'))).length;
  if (n < 0) console.log(n);
} else if (mode === 'query-floor') {
  // lezer-promql is @obslint/core's dependency (pnpm keeps it under that package).
  const requireFromCore = createRequire(join(root, 'packages/core/package.json'));
  const { parser } = await import(requireFromCore.resolve('@prometheus-io/lezer-promql'));
  const exprs = new Set();
  const visit = (v) => {
    if (Array.isArray(v)) for (const x of v) visit(x);
    else if (v !== null && typeof v === 'object') {
      for (const k in v) {
        if (k === 'expr' && typeof v[k] === 'string') exprs.add(v[k]);
        else visit(v[k]);
      }
    }
  };
  for (const f of walk(dir, '.json')) visit(JSON.parse(readFileSync(f, 'utf8')));
  let nodes = 0;
  for (const e of exprs) nodes += parser.parse(e).length;
  if (nodes < 0) console.log(nodes);
} else if (mode === 'html-page') {
  // playwright-core is a dev dependency of the CLI package (its browser tests use it).
  const requireFromCli = createRequire(join(root, 'packages/cli/package.json'));
  const playwright = await import(requireFromCli.resolve('playwright-core'));
  const chromium = playwright.chromium ?? playwright.default.chromium;
  const browser = await chromium.launch({ executablePath: rest[0], args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking'] });
  const page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
  const t = performance.now();
  await page.goto(pathToFileURL(resolve(dir)).href, { waitUntil: 'load', timeout: 600_000 });
  await page.waitForSelector('body[data-ready="true"]', { timeout: 600_000 });
  const ready = performance.now() - t;
  const f = performance.now();
  await page.fill('#q', 'rate');
  const filterMs = performance.now() - f;
  await browser.close();
  // The page's times, not this process's: Chromium's start is not the report's.
  console.log(JSON.stringify({ ms: ready, filterMs, rssKB: 0 }));
  process.exit(0);
} else if (mode === 'eslint') {
  const { ESLint } = await import(join(root, 'node_modules/eslint/lib/api.js'));
  const tseslint = (await import(join(root, 'node_modules/typescript-eslint/dist/index.js'))).default;
  const config = [{ files: ['**/*.ts'], languageOptions: { parser: tseslint.parser } }];
  // One of ESLint's own rules: what any configuration with a rule costs (see docs/performance.md, (c))
  if (rest[0] === 'core-rule') config[0].rules = { 'no-debugger': 'warn' };
  if (rest[0] === 'plugin') {
    const { plugin } = await import(join(root, 'packages/eslint-plugin/dist/index.js'));
    config.push({ files: ['**/*.ts'], plugins: { obslint: plugin }, rules: Object.fromEntries(Object.keys(plugin.rules).filter((k) => /^(log|metric|trace)\//.test(k)).map((k) => [`obslint/${k}`, 'warn'])) });
  }
  const eslint = new ESLint({ cwd: dir, overrideConfigFile: true, overrideConfig: config, ignore: false });
  await eslint.lintFiles(walk(dir, '.ts'));
} else if (mode === 'editor') {
  const { ESLint } = await import(join(root, 'node_modules/eslint/lib/api.js'));
  let config;
  if (rest[0] === 'plugin') {
    const { plugin } = await import(join(root, 'packages/eslint-plugin/dist/index.js'));
    config = plugin.configs.documents;
  } else {
    // @eslint/json (a dev dependency) and yaml-eslint-parser are the plugin's
    const requireFromPlugin = createRequire(join(root, 'packages/eslint-plugin/package.json'));
    const load = async (name) => import(pathToFileURL(requireFromPlugin.resolve(name)).href);
    config = dir.endsWith('.json')
      ? [{ files: ['**/*.json'], plugins: { json: (await load('@eslint/json')).default }, language: 'json/json' }]
      : [{ files: ['**/*.yaml'], languageOptions: { parser: await load('yaml-eslint-parser') } }];
  }
  const eslint = new ESLint({ cwd: resolve(dir, '..'), overrideConfigFile: true, overrideConfig: config, ignore: false });
  const text = readFileSync(dir, 'utf8');
  const times = [];
  for (let i = 0; i < 25; i++) {
    const t = performance.now();
    await eslint.lintText(text + ' '.repeat(i), { filePath: resolve(dir) });
    if (i >= 5) times.push(performance.now() - t);
  }
  times.sort((a, b) => a - b);
  console.log(JSON.stringify({ ms: times[times.length >> 1], rssKB: peakRssKB() }));
  process.exit(0);
} else {
  throw new Error(`unknown mode ${mode}`);
}
/**
 * Peak resident memory of this process. On Linux, getrusage's maxrss survives exec (a child spawned by a
 * large parent reports the parent's peak), so the address space's own high-water mark is read instead.
 */
function peakRssKB() {
  try {
    const m = /VmHWM:\s+(\d+) kB/.exec(readFileSync('/proc/self/status', 'utf8'));
    if (m) return Number(m[1]);
  } catch {
    /* not Linux */
  }
  return process.resourceUsage().maxRSS;
}

console.log(JSON.stringify({ ms: performance.now() - t0, rssKB: peakRssKB() }));
