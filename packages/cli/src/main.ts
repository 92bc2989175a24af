import { resolve } from 'node:path';
import { CannotWriteError, ConfigError, PrometheusUnavailableError, configErrorPosition, settingFor, type AnyRule } from '@obslint/core';
import { builtinRules } from '@obslint/rules';
import { HELP, UsageError, parseCliArgs } from './args.js';
import { auditCommand } from './commands/audit.js';
import { checklistCommand } from './commands/checklist.js';
import { baselineCommand } from './commands/baseline.js';
import { initConfig } from './commands/init.js';
import { mergeCommand } from './commands/merge.js';
import { lintCommand } from './commands/lint.js';
import { listRules } from './commands/rules-list.js';
import { metricsCommand } from './commands/metrics.js';
import type { CliIO } from './io.js';
import { loadConfig } from './load-config.js';
import { VERSION } from './version.js';

export type { CliIO } from './io.js';

/** The CLI. Returns the exit code (0 ok, 1 lint errors or too many warnings, 2 usage/config/internal failure). */
export async function main(io: CliIO, rules: readonly AnyRule[] = builtinRules): Promise<number> {
  try {
    const args = parseCliArgs(io.argv);
    switch (args.command) {
      case 'help':
        io.stdout.write(HELP);
        return 0;
      case 'version':
        io.stdout.write(`${VERSION}\n`);
        return 0;
      case 'rules':
        return listRules(io, rules, args.outputs.some((o) => o.format === 'json'));
      case 'init':
        return initConfig(io);
      case 'audit':
        return await auditCommand(io, args, rules);
      case 'checklist':
        return await checklistCommand(io, args, rules);
      case 'baseline':
        return await baselineCommand(io, args, rules);
      case 'merge':
        return mergeCommand(io, args);
      case 'metrics':
        return await metricsCommand(io, args, rules);
      case 'print-config': {
        const { config } = await loadConfig(args, io.cwd, rules);
        const file = resolve(io.cwd, args.printConfigFor!);
        const out: Record<string, unknown> = {};
        for (const r of rules) {
          const s = settingFor(config, r.meta.id, file);
          out[r.meta.id] = s.severity === 'off' ? 'off' : [s.severity, s.options];
        }
        io.stdout.write(JSON.stringify({ configFile: config.configFile ?? null, settings: config.settings, rules: out }, null, 2) + '\n');
        return 0;
      }
      default:
        return await lintCommand(io, args, rules);
    }
  } catch (e) {
    if (e instanceof UsageError) {
      io.stderr.write(`obslint: ${e.message}\nRun "obslint --help" for usage.\n`);
      return 2;
    }
    if (e instanceof PrometheusUnavailableError || e instanceof CannotWriteError) {
      io.stderr.write(`obslint: ${e.message}\n`);
      return 2;
    }
    if (e instanceof ConfigError) {
      const pos = configErrorPosition(e);
      io.stderr.write(`obslint: configuration error${e.file ? ` in ${e.file}${pos ? `:${pos.line}:${pos.column}` : ''}` : ''}: ${e.message}\n`);
      return 2;
    }
    io.stderr.write(`obslint: internal error: ${(e as Error).stack ?? String(e)}\n`);
    return 2;
  }
}
