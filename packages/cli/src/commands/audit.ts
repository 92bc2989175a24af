import { resolve } from 'node:path';
import { writeOutputFile } from '../files.js';
import { FORMATTERS, buildAuditReport, formatAuditText, type AnyRule, type AuditReport, type ResolvedConfig } from '@obslint/core';
import { UsageError, type CliArgs } from '../args.js';
import { useColor, type CliIO } from '../io.js';
import { VERSION } from '../version.js';
import { performLint } from './lint.js';

/** Formats of `obslint audit` besides the lint formatters: the terminal summary and the report as JSON. */
const AUDIT_FORMATS = ['text', 'json'];

/** Writes a command's output to a file (creating its directory, saying so on stderr) or to stdout. */
export function writeOutput(io: CliIO, file: string | undefined, text: string, what: string): void {
  if (file === undefined) {
    io.stdout.write(text);
    return;
  }
  const path = resolve(io.cwd, file);
  writeOutputFile(path, text);
  io.stderr.write(`obslint: wrote ${what} to ${path}\n`);
}

function panelThreshold(config: ResolvedConfig): { warn: number; error: number } | undefined {
  const o = config.rules.get('dashboard/max-panels')?.options as { warn?: unknown; error?: unknown } | undefined;
  return typeof o?.warn === 'number' && typeof o.error === 'number' ? { warn: o.warn, error: o.error } : undefined;
}

/** The audit as JSON: everything but the findings list (that is `obslint --format json`). */
function auditJson(report: AuditReport): string {
  const { findings: _omitted, ...rest } = report;
  return JSON.stringify(rest, null, 2) + '\n';
}

/**
 * `obslint audit [paths]`: every rule (the strict preset unless the config names presets), then a summary
 * for people: the terminal text by default, `-f html` for the self-contained report, `-f json` for the
 * summary as data, or any lint format over the findings. Exit 0: an audit informs, it does not gate.
 */
export async function auditCommand(io: CliIO, args: CliArgs, builtin: readonly AnyRule[]): Promise<number> {
  // A bare `-o file` arrives as the default lint format (stylish): for an audit it means the summary text.
  const outputs = args.outputs.length ? args.outputs.map((o) => (o.format === 'stylish' && o.file ? { ...o, format: 'text' } : o)) : [{ format: 'text' }];
  for (const o of outputs) {
    if (!AUDIT_FORMATS.includes(o.format) && !FORMATTERS[o.format]) {
      throw new UsageError(`Unknown format "${o.format}" for audit (available: ${[...AUDIT_FORMATS, ...Object.keys(FORMATTERS).filter((f) => f !== 'json')].join(', ')})`);
    }
  }
  const run = await performLint(io, args, builtin, 'strict');
  const { config, rules } = run;
  const report = buildAuditReport({
    findings: run.findings,
    facts: run.result.auditFacts,
    files: run.files,
    rules,
    rootDir: io.cwd,
    scope: args.paths.length ? args.paths.join(' ') : '.',
    enabledRuleIds: new Set(rules.filter((r) => (config.rules.get(r.meta.id)?.severity ?? 'off') !== 'off').map((r) => r.meta.id)),
    panelThreshold: panelThreshold(config),
  });
  for (const o of outputs) {
    const color = o.file ? false : useColor(io, args.color);
    let text: string;
    if (o.format === 'text') text = formatAuditText(report, { color });
    else if (o.format === 'json') text = auditJson(report);
    else {
      text = FORMATTERS[o.format]({
        findings: run.findings,
        files: run.files,
        rootDir: io.cwd,
        rules,
        color,
        toolVersion: VERSION,
        models: run.result.models,
        auditFacts: run.result.auditFacts,
        report,
      });
    }
    writeOutput(io, o.file, text, `the ${o.format} audit report`);
  }
  return 0;
}
