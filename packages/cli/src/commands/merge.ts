import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { jsonSyntaxError, reasonOf } from '@obslint/core';
import { writeOutputFile } from '../files.js';
import { UsageError, type CliArgs } from '../args.js';
import type { CliIO } from '../io.js';

interface EslintResult {
  filePath: string;
  messages: Array<{ severity: number }>;
  errorCount?: number;
  warningCount?: number;
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
    }))
    .sort((a, b) => (a.filePath < b.filePath ? -1 : a.filePath > b.filePath ? 1 : 0));
}

/** Joins SARIF logs into one run: the union of the driver's rules, every result with its ruleIndex remapped. */
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
  return { ...first, runs: [{ ...baseRun, tool: { ...baseRun.tool, driver: { ...baseRun.tool.driver, rules } }, results }] };
}

/** `obslint merge a.json b.json … [-f json|sarif] [-o file]`: joins the outputs of `--shard k/n` runs. */
export function mergeCommand(io: CliIO, args: CliArgs): number {
  if (args.paths.length === 0) throw new UsageError('merge: give the output files of the shards to join');
  // Not applied here (it would need the shards' findings in severity order): refused rather than ignored.
  if (args.sarifMaxResults !== undefined) throw new UsageError('merge: --sarif-max-results is not applied to merged outputs; give each shard run a share of the limit');
  const docs = args.paths.map((p) => {
    let text: string;
    try {
      text = readFileSync(resolve(io.cwd, p), 'utf8');
    } catch (e) {
      throw new UsageError(`merge: cannot read ${p}: ${reasonOf(e)}`);
    }
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
  const inputKind = [...kinds][0];
  const wanted = args.outputs[0]?.format ?? inputKind;
  if (wanted !== inputKind) throw new UsageError(`merge: ${inputKind} inputs give ${inputKind} output (asked for ${wanted})`);
  const merged = inputKind === 'json' ? mergeJson(docs as EslintResult[][]) : mergeSarif(docs as SarifLog[]);
  const text = JSON.stringify(merged, null, 2) + '\n';
  const file = args.outputs[0]?.file;
  if (file) {
    const path = resolve(io.cwd, file);
    writeOutputFile(path, text);
  } else io.stdout.write(text);
  // Exit like the lint run would have: 1 when the merged report holds errors.
  const hasErrors = inputKind === 'json' ? (merged as EslintResult[]).some((r) => (r.errorCount ?? 0) > 0) : (merged as SarifLog).runs[0].results?.some((r) => r.level === 'error');
  return hasErrors ? 1 : 0;
}
