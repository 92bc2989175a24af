export { main } from './main.js';
export type { CliIO } from './io.js';
export { parseCliArgs, UsageError } from './args.js';
export { createCodeFileLinter, buildEslintConfig } from './code-lint.js';
export { exitCodeFor, performLint } from './commands/lint.js';
export { VERSION } from './version.js';
export { tuneProcess } from './process-tuning.js';
