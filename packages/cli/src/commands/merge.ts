import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { JsonLocationIndex, RESULTS_OMITTED, SourceFile, jsonSyntaxError, omittedNotice, reasonOf } from '@obslint/core';
import { writeOutputFile } from '../files.js';
import { UsageError, type CliArgs } from '../args.js';
import type { CliIO } from '../io.js';

interface EslintResult {
  filePath: string;
  messages: Array<{ severity: number }>;
  errorCount?: number;
  warningCount?: number;
  infoCount?: number;
  [k: string]: unknown;
}

interface SarifRule {
  id: string;
  [k: string]: unknown;
}
interface SarifResult {
  ruleId?: string;
  ruleIndex?: number;
  [k: string]: unknown;
}
interface SarifRun {
  tool: { driver: { rules?: SarifRule[]; [k: string]: unknown } };
  results?: SarifResult[];
  [k: string]: unknown;
}
interface SarifLog {
  version: string;
  runs: SarifRun[];
  [k: string]: unknown;
}

/** Joins ESLint-format JSON outputs (one entry per file; a file in several inputs gets all their messages). */
export function mergeJson(inputs: EslintResult[][]): EslintResult[] {
  const byFile = new Map<string, EslintResult>();
  for (const list of inputs) {
    for (const r of list) {
      const prev = byFile.get(r.filePath);
      if (!prev) byFile.set(r.filePath, { ...r, messages: [...r.messages] });
      else prev.messages.push(...r.messages);
    }
  }
  return [...byFile.values()]
    .map((r) => ({
      ...r,
      errorCount: r.messages.filter((m) => m.severity === 2).length,
      warningCount: r.messages.filter((m) => m.severity === 1).length,
      // obslint's own count (ESLint's format has none): its info findings are severity 0.
      ...('infoCount' in r ? { infoCount: r.messages.filter((m) => m.severity === 0).length } : {}),
    }))
    .sort((a, b) => (a.filePath < b.filePath ? -1 : a.filePath > b.filePath ? 1 : 0));
}

/** The file a SARIF result is about: its first location's URI, decoded (obslint's file order is by path); '' when none. */
function resultPath(r: SarifResult): string {
  const loc = (r.locations as Array<{ physicalLocation?: { artifactLocation?: { uri?: string } } }> | undefined)?.[0];
  const uri = loc?.physicalLocation?.artifactLocation?.uri ?? '';
  try {
    return decodeURIComponent(uri);
  } catch {
    return uri; // not percent-encoded as it should be: ordered as written
  }
}

/** How many results the runs say they left out (their `results-omitted` notifications, e.g. of capped shards). */
function omittedBefore(runs: SarifRun[]): number {
  let n = 0;
  for (const run of runs) {
    for (const inv of (run.invocations as Array<{ toolExecutionNotifications?: Array<{ descriptor?: { id?: string }; properties?: { omittedResults?: unknown } }> }> | undefined) ?? []) {
      for (const note of inv.toolExecutionNotifications ?? []) {
        const count = note.properties?.omittedResults;
        if (note.descriptor?.id === RESULTS_OMITTED && typeof count === 'number') n += count;
      }
    }
  }
  return n;
}

const LEVEL_ORDER = ['error', 'warning', 'note'];
/** A result's rank for the cap: errors, then warnings, then notes (a result without a level is a warning, as SARIF says). */
const levelRank = (r: SarifResult) => {
  const i = LEVEL_ORDER.indexOf(typeof r.level === 'string' ? r.level : 'warning');
  return i < 0 ? LEVEL_ORDER.length : i;
};

/**
 * The results a log of at most `max` keeps, as `obslint --sarif-max-results` keeps them: every error, then
 * warnings, then notes, while they fit; of the first level that does not fit whole, the first results in
 * file order. `results` are in file order; what is kept stays in it.
 */
function capSarifResults(results: SarifResult[], max: number): { kept: SarifResult[]; omitted: number } {
  if (results.length <= max) return { kept: results, omitted: 0 };
  const perRank = new Array<number>(LEVEL_ORDER.length + 1).fill(0);
  for (const r of results) perRank[levelRank(r)]++;
  let room = max;
  let cut = 0;
  while (cut < perRank.length && perRank[cut] <= room) room -= perRank[cut++];
  const kept = results.filter((r) => {
    const rank = levelRank(r);
    return rank < cut || (rank === cut && room-- > 0);
  });
  return { kept, omitted: results.length - kept.length };
}

/**
 * Joins SARIF logs into one run: the union of the driver's rules, every result with its ruleIndex remapped,
 * in file order. Shards split the files, so a file's results all come from one log, in its order: the joined
 * results are in the order of a run over the whole repository, whatever the order of the inputs.
 */
export function mergeSarif(inputs: SarifLog[]): SarifLog {
  const first = inputs[0];
  const baseRun = first.runs[0];
  const rules: SarifRule[] = [];
  const index = new Map<string, number>();
  const results: SarifResult[] = [];
  for (const log of inputs) {
    for (const run of log.runs) {
      const local = run.tool.driver.rules ?? [];
      for (const r of local) {
        if (!index.has(r.id)) {
          index.set(r.id, rules.length);
          rules.push(r);
        }
      }
      for (const res of run.results ?? []) {
        const id = res.ruleId ?? (res.ruleIndex !== undefined ? local[res.ruleIndex]?.id : undefined);
        results.push(id !== undefined && index.has(id) ? { ...res, ruleIndex: index.get(id) } : res);
      }
    }
  }
  // A stable sort by file: each file's results keep their order.
  const paths = new Map(results.map((r) => [r, resultPath(r)]));
  results.sort((a, b) => {
    const x = paths.get(a)!;
    const y = paths.get(b)!;
    return x < y ? -1 : x > y ? 1 : 0;
  });
  const run: SarifRun = { ...baseRun, tool: { ...baseRun.tool, driver: { ...baseRun.tool.driver, rules } }, results };
  // The inputs' own notices of results left out are joined into one, below; a run without any has none.
  delete run.invocations;
  const omitted = omittedBefore(inputs.flatMap((log) => log.runs));
  if (omitted) run.invocations = [omittedNotice({ count: omitted, limit: results.length })];
  return { ...first, runs: [run] };
}

/**
 * Cuts a joined log to `max` results (code scanning takes at most 25,000 a run); the notice of what is left out
 * counts what the inputs had left out already. Returns how many results the log stands for, and how many it holds.
 */
function capMergedSarif(log: SarifLog, max: number): { total: number; kept: number } {
  const run = log.runs[0];
  const before = omittedBefore([run]);
  const { kept, omitted } = capSarifResults(run.results ?? [], max);
  run.results = kept;
  const left = before + omitted;
  if (left) run.invocations = [omittedNotice({ count: left, limit: max })];
  return { total: kept.length + left, kept: kept.length };
}

const isObject = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);

/**
 * Where an input is not what merge can join: the JSON pointer of the first value that is not, and what it
 * should be (undefined when the input is fine). Only what merge reads is checked.
 */
function mergeInputProblem(doc: unknown, kind: 'json' | 'sarif'): { pointer: string; problem: string } | undefined {
  if (kind === 'json') {
    const list = doc as unknown[];
    for (let i = 0; i < list.length; i++) {
      const r = list[i];
      if (!isObject(r)) return { pointer: `/${i}`, problem: 'a file entry must be an object' };
      if (typeof r.filePath !== 'string') return { pointer: `/${i}`, problem: 'a file entry needs a "filePath" string' };
      if (!Array.isArray(r.messages)) return { pointer: `/${i}`, problem: 'a file entry needs a "messages" array' };
      const bad = r.messages.findIndex((m) => !isObject(m) || ![0, 1, 2].includes(m.severity as number));
      if (bad >= 0) return { pointer: `/${i}/messages/${bad}`, problem: 'a message must be an object with a severity of 0, 1 or 2' };
    }
    return undefined;
  }
  const runs = (doc as SarifLog).runs;
  for (let i = 0; i < runs.length; i++) {
    const run = runs[i] as unknown;
    if (!isObject(run)) return { pointer: `/runs/${i}`, problem: 'a run must be an object' };
    const driver = isObject(run.tool) ? run.tool.driver : undefined;
    if (!isObject(driver) || typeof driver.name !== 'string') return { pointer: `/runs/${i}/tool`, problem: 'a run needs tool.driver with a name' };
    if (driver.rules !== undefined && (!Array.isArray(driver.rules) || driver.rules.some((r) => !isObject(r) || typeof r.id !== 'string'))) {
      return { pointer: `/runs/${i}/tool/driver/rules`, problem: 'rules must be an array of objects with an id' };
    }
    if (run.results !== undefined && (!Array.isArray(run.results) || run.results.some((r) => !isObject(r)))) {
      return { pointer: `/runs/${i}/results`, problem: 'results must be an array of objects' };
    }
  }
  return undefined;
}

/** `obslint merge a.json b.json … [-f json|sarif] [-o file]`: joins the outputs of `--shard k/n` runs. */
export function mergeCommand(io: CliIO, args: CliArgs): number {
  if (args.paths.length === 0) throw new UsageError('merge: give the output files of the shards to join');
  const texts: string[] = [];
  const docs = args.paths.map((p) => {
    let text: string;
    try {
      text = readFileSync(resolve(io.cwd, p), 'utf8');
    } catch (e) {
      throw new UsageError(`merge: cannot read ${p}: ${reasonOf(e)}`);
    }
    texts.push(text);
    try {
      return JSON.parse(text) as unknown;
    } catch (e) {
      const { message, line, column } = jsonSyntaxError(text, e);
      throw new UsageError(`merge: ${p}:${line}:${column}: not valid JSON: ${message}`);
    }
  });
  const kind = (d: unknown) => (Array.isArray(d) ? 'json' : d && typeof d === 'object' && (d as SarifLog).version === '2.1.0' && Array.isArray((d as SarifLog).runs) ? 'sarif' : 'unknown');
  const kinds = new Set(docs.map(kind));
  if (kinds.size !== 1 || kinds.has('unknown')) throw new UsageError('merge: inputs must all be obslint JSON (-f json) or all SARIF (-f sarif)');
  const inputKind = [...kinds][0] as 'json' | 'sarif';
  docs.forEach((doc, i) => {
    const bad = mergeInputProblem(doc, inputKind);
    if (!bad) return;
    const span = new JsonLocationIndex(texts[i]).span(bad.pointer);
    const at = new SourceFile(resolve(io.cwd, args.paths[i]), args.paths[i], texts[i]).rangeOf(span?.start ?? 0, span?.start ?? 0);
    throw new UsageError(`merge: ${args.paths[i]}:${at.line}:${at.column}: not an obslint ${inputKind === 'json' ? 'JSON' : 'SARIF'} output (${bad.pointer}): ${bad.problem}`);
  });
  // Logs without runs add nothing; when no log has one, the first is the joined log.
  const withRuns = inputKind === 'sarif' ? (docs as SarifLog[]).filter((d) => d.runs.length > 0) : docs;
  const wanted = args.outputs[0]?.format ?? inputKind;
  if (wanted !== inputKind) throw new UsageError(`merge: ${inputKind} inputs give ${inputKind} output (asked for ${wanted})`);
  if (args.sarifMaxResults !== undefined && inputKind !== 'sarif') throw new UsageError('merge: --sarif-max-results applies to SARIF; these inputs are JSON');
  const merged = inputKind === 'json' ? mergeJson(docs as EslintResult[][]) : withRuns.length ? mergeSarif(withRuns as SarifLog[]) : (docs[0] as SarifLog);
  // Exit like the lint run would have: 1 when the joined report holds errors (counted before any cut).
  const hasErrors = inputKind === 'json' ? (merged as EslintResult[]).some((r) => (r.errorCount ?? 0) > 0) : (merged as SarifLog).runs[0]?.results?.some((r) => r.level === 'error');
  const file = args.outputs[0]?.file;
  if (args.sarifMaxResults !== undefined && (merged as SarifLog).runs.length > 0) {
    const { total, kept } = capMergedSarif(merged as SarifLog, args.sarifMaxResults);
    if (kept < total) io.stderr.write(`obslint: SARIF${file ? ` (${file})` : ''} holds the ${kept} most severe of ${total} findings (--sarif-max-results ${args.sarifMaxResults})\n`);
  }
  const text = JSON.stringify(merged, null, 2) + '\n';
  if (file) {
    const path = resolve(io.cwd, file);
    writeOutputFile(path, text);
  } else io.stdout.write(text);
  return hasErrors ? 1 : 0;
}
