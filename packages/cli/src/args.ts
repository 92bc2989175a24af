import { parseArgs } from 'node:util';
import { parseDuration } from '@obslint/core';

export class UsageError extends Error {}

export interface OutputSpec {
  format: string;
  /** File to write; undefined = stdout. */
  file?: string;
}

export interface CliArgs {
  command: 'lint' | 'rules' | 'init' | 'help' | 'version' | 'print-config' | 'baseline' | 'audit' | 'checklist' | 'merge' | 'metrics';
  paths: string[];
  outputs: OutputSpec[];
  config?: string;
  noConfig: boolean;
  maxWarnings?: number;
  quiet: boolean;
  rules: string[];
  printConfigFor?: string;
  fix: boolean;
  fixDryRun: boolean;
  color?: boolean;
  timing: boolean;
  maxFileSize?: number;
  gitignore: boolean;
  preset?: string;
  /** Load JavaScript configs and plugins (they run code): never without this flag. */
  allowCode: boolean;
  /** Reuse per-file results of unchanged files (content hash) from the cache file. */
  cache: boolean;
  cacheLocation?: string;
  /** Threads for the per-file phase, this one included (default: the number of cores). */
  concurrency?: number;
  /** `--shard k/n` (0-based index inside). */
  shard?: { index: number; count: number };
  /** Baseline file: findings in it are hidden (lint), or where `obslint baseline` writes. */
  baseline?: string;
  /** `obslint baseline --prune`: only drop entries that no longer match. */
  prune: boolean;
  /** Report only findings in files changed since this git ref. */
  changedSince?: string;
  /** With changedSince: only findings touching changed lines (a changed dashboard panel counts whole). */
  changedLines: boolean;
  /** `--sarif-max-results <n>`: SARIF outputs keep the n most severe findings. */
  sarifMaxResults?: number;
  /** `obslint checklist --max-length <n>`: at most n characters (0: no limit); undefined: not given. */
  maxLength?: number;
  /** Online checks against a live Prometheus (`--prometheus-url` and friends); undefined without the URL. */
  prometheus?: { url: string; tokenEnv?: string; caFile?: string; insecure: boolean; timeoutMs?: number; concurrency?: number; budgetMs?: number };
}

const OPTIONS = {
  format: { type: 'string', short: 'f', multiple: true },
  output: { type: 'string', short: 'o', multiple: true },
  config: { type: 'string', short: 'c' },
  'no-config': { type: 'boolean' },
  'max-warnings': { type: 'string' },
  quiet: { type: 'boolean', short: 'q' },
  rule: { type: 'string', multiple: true },
  'print-config': { type: 'string' },
  fix: { type: 'boolean' },
  'fix-dry-run': { type: 'boolean' },
  color: { type: 'boolean' },
  'no-color': { type: 'boolean' },
  timing: { type: 'boolean' },
  'max-file-size': { type: 'string' },
  'no-gitignore': { type: 'boolean' },
  preset: { type: 'string' },
  'allow-code': { type: 'boolean' },
  cache: { type: 'boolean' },
  shard: { type: 'string' },
  'cache-location': { type: 'string' },
  concurrency: { type: 'string' },
  baseline: { type: 'string' },
  prune: { type: 'boolean' },
  'changed-since': { type: 'string' },
  'changed-lines': { type: 'boolean' },
  'max-length': { type: 'string' },
  'sarif-max-results': { type: 'string' },
  'prometheus-url': { type: 'string' },
  'prometheus-token-env': { type: 'string' },
  'prometheus-ca': { type: 'string' },
  'prometheus-insecure': { type: 'boolean' },
  'prometheus-timeout': { type: 'string' },
  'prometheus-concurrency': { type: 'string' },
  'online-budget': { type: 'string' },
  version: { type: 'boolean', short: 'v' },
  help: { type: 'boolean', short: 'h' },
} as const;

const COMMANDS = new Set(['rules', 'init', 'baseline', 'audit', 'checklist', 'merge', 'metrics']);

function parseShard(s: string): { index: number; count: number } {
  const m = /^(\d+)\/(\d+)$/.exec(s.trim());
  const k = m ? Number(m[1]) : NaN;
  const n = m ? Number(m[2]) : NaN;
  if (!m || n < 1 || k < 1 || k > n) throw new UsageError(`--shard: expected k/n with 1 <= k <= n (e.g. 2/4), got "${s}"`);
  return { index: k - 1, count: n };
}

function parseConcurrency(s: string): number {
  const n = s === 'auto' ? 0 : Number(s);
  if (!Number.isInteger(n) || n < 0) throw new UsageError(`--concurrency: expected a whole number or "auto", got "${s}"`);
  return n;
}

function parseSize(s: string): number {
  const m = /^(\d+(?:\.\d+)?)\s*(b|k|kb|m|mb|g|gb)?$/i.exec(s.trim());
  if (!m) throw new UsageError(`--max-file-size: expected a size like 20MB, got "${s}"`);
  const mult = { b: 1, k: 1024, kb: 1024, m: 1048576, mb: 1048576, g: 1073741824, gb: 1073741824 }[(m[2] ?? 'b').toLowerCase()]!;
  return Math.round(Number(m[1]) * mult);
}

function parseMs(flag: string, s: string | undefined): number | undefined {
  if (s === undefined) return undefined;
  const ms = /^\d+(\.\d+)?$/.test(s) ? Number(s) * 1000 : parseDuration(s);
  if (ms === undefined || ms <= 0) throw new UsageError(`--${flag}: expected a duration like 30s or 2m, got "${s}"`);
  return ms;
}

type Values = ReturnType<typeof parseArgs<{ options: typeof OPTIONS; allowPositionals: true; strict: true; tokens: true }>>['values'];

/** `--prometheus-*` and `--online-budget`: only meaningful with `--prometheus-url`. */
function prometheusArgs(values: Values): CliArgs['prometheus'] {
  const url = values['prometheus-url'];
  const others = (['prometheus-token-env', 'prometheus-ca', 'prometheus-insecure', 'prometheus-timeout', 'prometheus-concurrency', 'online-budget'] as const).filter((k) => values[k] !== undefined);
  if (url === undefined) {
    if (others.length) throw new UsageError(`--${others[0]} needs --prometheus-url`);
    return undefined;
  }
  let concurrency: number | undefined;
  if (values['prometheus-concurrency'] !== undefined) {
    concurrency = Number(values['prometheus-concurrency']);
    if (!Number.isInteger(concurrency) || concurrency < 1 || concurrency > 64) throw new UsageError(`--prometheus-concurrency: expected a whole number from 1 to 64, got "${values['prometheus-concurrency']}"`);
  }
  const tokenEnv = values['prometheus-token-env'];
  if (tokenEnv !== undefined && !/^[A-Za-z_][A-Za-z0-9_]*$/.test(tokenEnv)) throw new UsageError(`--prometheus-token-env: expected the NAME of an environment variable, got "${tokenEnv}"`);
  return {
    url,
    tokenEnv,
    caFile: values['prometheus-ca'],
    insecure: values['prometheus-insecure'] ?? false,
    timeoutMs: parseMs('prometheus-timeout', values['prometheus-timeout']),
    concurrency,
    budgetMs: parseMs('online-budget', values['online-budget']),
  };
}

/** The smallest `--max-length` that holds a checklist's heading and the line saying what was left out. */
export const MIN_CHECKLIST_LENGTH = 1000;

/** The number a flag's value writes in decimal digits only (no sign, exponent or fraction); NaN otherwise. */
function digitsValue(s: string): number {
  const n = /^\d+$/.test(s.trim()) ? Number(s) : NaN;
  return Number.isSafeInteger(n) ? n : NaN;
}

function parseSarifMaxResults(s: string | undefined): number | undefined {
  if (s === undefined) return undefined;
  const n = digitsValue(s);
  if (!(n >= 1)) throw new UsageError(`--sarif-max-results: expected a whole number from 1 (GitHub code scanning takes at most 25000), got "${s}"`);
  return n;
}

function parseMaxLength(s: string | undefined): number | undefined {
  if (s === undefined) return undefined;
  const n = digitsValue(s);
  if (Number.isNaN(n) || (n !== 0 && n < MIN_CHECKLIST_LENGTH)) throw new UsageError(`--max-length: expected 0 (no limit) or a whole number of characters from ${MIN_CHECKLIST_LENGTH}, got "${s}"`);
  return n;
}

/** Parses argv. `-f X -o file` pairs an output file with the format given just before it. */
export function parseCliArgs(argv: string[]): CliArgs {
  let parsed;
  try {
    parsed = parseArgs({ args: argv, options: OPTIONS, allowPositionals: true, strict: true, tokens: true });
  } catch (e) {
    throw new UsageError((e as Error).message.replace(/^TypeError \[\w+\]: /, ''));
  }
  const { values, positionals, tokens } = parsed;
  const outputs: OutputSpec[] = [];
  let pendingFile: string | undefined;
  for (const t of tokens ?? []) {
    if (t.kind !== 'option') continue;
    if (t.name === 'format') {
      outputs.push({ format: t.value! });
      if (pendingFile !== undefined) {
        outputs[outputs.length - 1].file = pendingFile;
        pendingFile = undefined;
      }
    } else if (t.name === 'output') {
      const last = outputs[outputs.length - 1];
      if (last && last.file === undefined) last.file = t.value!;
      else pendingFile = t.value!;
    }
  }
  if (pendingFile !== undefined) outputs.push({ format: 'stylish', file: pendingFile });
  let maxWarnings: number | undefined;
  if (values['max-warnings'] !== undefined) {
    maxWarnings = Number(values['max-warnings']);
    if (!Number.isInteger(maxWarnings) || maxWarnings < -1) throw new UsageError(`--max-warnings: expected a whole number, got "${values['max-warnings']}"`);
  }
  let command: CliArgs['command'] = 'lint';
  let paths = positionals;
  if (positionals.length && COMMANDS.has(positionals[0])) {
    command = positionals[0] as CliArgs['command'];
    paths = positionals.slice(1);
  }
  if (values['max-length'] !== undefined && command !== 'checklist' && !values.help && !values.version) throw new UsageError('--max-length is an option of obslint checklist');
  if (values.help) command = 'help';
  else if (values.version) command = 'version';
  else if (values['print-config'] !== undefined) command = 'print-config';
  return {
    command,
    paths,
    outputs,
    config: values.config,
    noConfig: values['no-config'] ?? false,
    maxWarnings,
    quiet: values.quiet ?? false,
    rules: values.rule ?? [],
    printConfigFor: values['print-config'],
    fix: values.fix ?? false,
    fixDryRun: values['fix-dry-run'] ?? false,
    color: values['no-color'] ? false : values.color,
    timing: values.timing ?? false,
    maxFileSize: values['max-file-size'] !== undefined ? parseSize(values['max-file-size']) : undefined,
    gitignore: !(values['no-gitignore'] ?? false),
    preset: values.preset,
    allowCode: values['allow-code'] ?? false,
    cache: values.cache ?? false,
    shard: values.shard !== undefined ? parseShard(values.shard) : undefined,
    cacheLocation: values['cache-location'],
    concurrency: values.concurrency !== undefined ? parseConcurrency(values.concurrency) : undefined,
    baseline: values.baseline,
    prune: values.prune ?? false,
    changedSince: values['changed-since'],
    changedLines: values['changed-lines'] ?? false,
    maxLength: parseMaxLength(values['max-length']),
    sarifMaxResults: parseSarifMaxResults(values['sarif-max-results']),
    prometheus: prometheusArgs(values),
  };
}

export const HELP = `obslint — lint dashboards, alert rules, metrics and logging code for observability anti-patterns

Usage:
  obslint [paths...] [options]      lint files and directories (default: .)
  obslint rules                     list the built-in rules
  obslint init                      write a commented obslint.config.yaml
  obslint audit [paths...]          run every rule (strict preset) and summarise: score, totals, worst files,
                                    largest dashboards, cardinality, noisy alerts (-f html -o report.html)
  obslint checklist [paths...]      a Markdown checklist for a pull request (with --changed-since <ref>)
  obslint baseline [paths...]       record current findings in a baseline file (obslint-baseline.json)
  obslint merge <files...>          join the JSON or SARIF outputs of --shard runs (-f json|sarif, -o file;
                                    SARIF: --sarif-max-results n keeps what the whole run would keep)
  obslint metrics [paths...]        the metric index: each metric's type, labels, where it is defined and
                                    where dashboards and rules use it (-f json)

Options:
  -f, --format <name>        output format: stylish (default), json, sarif, github, junit, gitlab,
                             rdjson, markdown, html; repeatable
  -o, --output <file>        write the preceding --format to a file (e.g. -f json -o out.json -f stylish)
  -c, --config <file>        use this config file instead of looking for obslint.config.{yaml,yml,json}
      --no-config            ignore config files (the recommended preset applies)
      --preset <name>        preset when the config names none: recommended (default), strict, all
      --rule <id:severity>   set a rule's severity (off, info, warn, error); repeatable
      --max-warnings <n>     exit 1 when there are more than n warnings
      --baseline <file>      hide the findings recorded in this baseline; only new ones are reported
                             (with "obslint baseline": the file to write)
      --prune                with "obslint baseline": only remove entries that no longer match
      --allow-code           load obslint.config.js/.mjs and config "plugins" (they run code; off by default)
      --cache                reuse results of unchanged files (content hash; invalidated by config, rules, version)
      --cache-location <f>   cache file (default .obslintcache)
      --concurrency <n|auto> threads for the per-file phase: n (this one and n - 1 workers; 1 = this one), or
                             auto (the default): one per core, workers only for at least 20 MiB of documents
                             on two cores, 12 MiB on more (code: this thread, then documents with the workers)
      --shard <k/n>          report only shard k of n (stable split by path; cross-file rules still see
                             every file); join the outputs with obslint merge
      --sarif-max-results <n>  SARIF keeps the n most severe findings and says how many it left out (GitHub
                             code scanning rejects a run of more than 25000)
      --changed-since <ref>  analyse everything, report only findings in files changed since a git ref
      --changed-lines        with --changed-since: only findings on changed lines (a dashboard panel
                             with a changed line is checked whole)
      --max-length <n>       with "obslint checklist": at most n characters (default 65536, GitHub's limit for
                             a pull request description; 0: no limit)
      --prometheus-url <url> run the online checks against this Prometheus (alert/noisy, query/missing-series,
                             real cardinality); see docs/online.md
      --prometheus-token-env <NAME>  environment variable holding a bearer token (OBSLINT_PROMETHEUS_TOKEN)
      --prometheus-ca <file> CA certificate (PEM) for https; --prometheus-insecure skips verification
      --prometheus-timeout <d>       per-request timeout (30s); --prometheus-concurrency <n> requests (4)
      --online-budget <d>    total time for the online checks (120s)
  -q, --quiet                report errors only
      --fix                  apply safe fixes to files
      --fix-dry-run          show the fixes without writing files
      --print-config <file>  print the effective rule settings for a file
      --timing               print where the time went (per phase from setup to report, the wall time, per
                             rule, and the work rules share: locating findings, parsing queries) to stderr
      --max-file-size <size> skip larger files with a warning (default 20MB)
      --no-gitignore         do not honour .gitignore files
      --color, --no-color    force colours on or off (NO_COLOR is honoured)
  -v, --version              print the version
  -h, --help                 print this help

Exit codes: 0 no errors (and warnings within --max-warnings); 1 errors or too many warnings;
2 usage, configuration or internal failure. Info findings never change the exit code.
`;
