import { buildChecklist, formatChecklistMarkdown, GITHUB_BODY_LIMIT, type AnyRule } from '@obslint/core';
import { changedFileTest } from '../changed-filter.js';
import { UsageError, type CliArgs } from '../args.js';
import type { CliIO } from '../io.js';
import { writeOutput } from './audit.js';
import { performLint } from './lint.js';

/**
 * `obslint checklist [paths] [--changed-since <ref>]`: Markdown for a pull request description. The whole
 * tree is analysed (cross-file rules need it); the checklist lists the changed files (all files without
 * --changed-since), each with what needs attention and which checks passed, within GitHub's 65,536 characters
 * for a pull request description unless `--max-length` says otherwise. Exit 0: it informs.
 */
export async function checklistCommand(io: CliIO, args: CliArgs, builtin: readonly AnyRule[]): Promise<number> {
  // A bare `-o file` arrives as the default lint format (stylish): it means "the checklist, to this file".
  const outputs = args.outputs.length ? args.outputs : [{ format: 'markdown' }];
  for (const o of outputs) {
    if (o.format !== 'markdown' && !(o.format === 'stylish' && o.file)) throw new UsageError(`checklist writes Markdown only (got --format ${o.format})`);
  }
  // With --changed-since, the diff is read before linting and only the changed files' models are kept.
  const run = await performLint(io, args, builtin);
  const include = run.changed ? changedFileTest(run.changed) : undefined;
  const files = buildChecklist({ findings: run.findings, models: run.result.models, files: run.files, rules: run.rules, config: run.config, include });
  // Within GitHub's limit for a pull request description unless told otherwise (0: no limit).
  const maxLength = args.maxLength ?? GITHUB_BODY_LIMIT;
  const text = formatChecklistMarkdown(files, { changedSince: args.changedSince, maxLength: maxLength || undefined });
  for (const o of outputs) writeOutput(io, o.file, text, 'the checklist');
  return 0;
}
