#!/usr/bin/env node
// Bundles the CLI for start-up speed: the compiled CLI (dist/) with the workspace packages and the libraries
// it loads on every run, into a few files in bundle/. Node then loads 7 files instead of ~300 modules
// (resolving, reading and compiling each): an empty run starts in ~65 ms instead of ~190 ms, and each
// worker thread starts that much sooner too. `bin/obslint.js` runs the bundle (dist/ when there is none).
//
// What stays outside, loaded from node_modules when a run needs it:
// - ESLint, TypeScript and typescript-eslint (code linting only; large, and ESLint loads its own files);
// - what the sources load with require() by package name: ajv (config validation), typescript-estree (the
//   metric index of code), the config schema and package.json files, the ESLint plugin's document support.
//   Those names are dependencies of @obslint/cli, so they resolve from bundle/ as they do from dist/.
//
// Run after `tsc -b` (the root `build`, `prepare` and `test` scripts do both).
import { build } from 'esbuild';
import { rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const cli = join(dirname(fileURLToPath(import.meta.url)), '..');
const outdir = join(cli, 'bundle');

/** The ESLint plugin imports its document support from the sources only (see documents.ts): not bundled. */
const pluginSourceOnly = {
  name: 'plugin-source-only',
  setup(b) {
    b.onResolve({ filter: /^\.\/document-support\.js$/ }, (args) => (/eslint-plugin[\\/]dist[\\/]documents\.js$/.test(args.importer) ? { path: args.path, external: true } : undefined));
  },
};

rmSync(outdir, { recursive: true, force: true });
const result = await build({
  absWorkingDir: cli,
  // The worker thread's entry sits beside the chunks: worker-pool.js starts it as ./lint-worker.js.
  entryPoints: { index: 'dist/index.js', 'lint-worker': 'dist/parallel/lint-worker.js' },
  entryNames: '[name]',
  chunkNames: 'chunk-[hash]',
  outdir,
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  // ES module builds of dual packages (jsonc-parser's UMD build hides its requires from the bundler).
  mainFields: ['module', 'main'],
  external: ['eslint', 'typescript', 'typescript-eslint', '@typescript-eslint/*'],
  // CommonJS libraries inside the bundle (fast-glob, js-yaml) require Node's built-ins.
  banner: { js: "import { createRequire as __obslintCreateRequire } from 'node:module'; const require = __obslintCreateRequire(import.meta.url);" },
  plugins: [pluginSourceOnly],
  metafile: true,
  logLevel: 'warning',
});
const outputs = Object.entries(result.metafile.outputs);
const bytes = outputs.reduce((n, [, o]) => n + o.bytes, 0);
const inputs = Object.keys(result.metafile.inputs).length;
console.log(`bundle: ${inputs} modules into ${outputs.length} files (${(bytes / 1024 / 1024).toFixed(1)} MB) in ${outdir}`);
