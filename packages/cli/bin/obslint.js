#!/usr/bin/env node
import { statSync } from 'node:fs';
import module from 'node:module';

// Node 22.1 and later keep V8's compiled code of the modules a run loads (the bundle, ESLint, TypeScript) on
// disk between runs, as ESLint's and tsc's own commands ask for; Node 20 has no such cache (a no-op there).
module.enableCompileCache?.();

const mtime = (path) => {
  try {
    return statSync(new URL(path, import.meta.url)).mtimeMs;
  } catch {
    return undefined;
  }
};

/**
 * The bundle (bundle/, made by `pnpm build`) starts in a third of the time of the compiled modules (dist/).
 * In a source checkout, a `tsc -b` after the last bundle leaves it behind: then dist/ runs, with a note.
 */
function entry() {
  const bundled = mtime('../bundle/index.js');
  if (bundled === undefined) return '../dist/index.js';
  const builds = ['../dist/.tsbuildinfo', '../../core/dist/.tsbuildinfo', '../../../rules/dist/.tsbuildinfo', '../../eslint-plugin/dist/.tsbuildinfo'];
  if (builds.some((b) => (mtime(b) ?? 0) > bundled)) {
    process.stderr.write('obslint: packages/cli/bundle is older than the compiled sources; running dist/ (`pnpm build` bundles them again)\n');
    return '../dist/index.js';
  }
  return '../bundle/index.js';
}
const { main, tuneProcess } = await import(entry());
tuneProcess();

// A reader that stops early (`obslint ... | head`) is not an error: what is left is not written, and the
// run still ends with its own exit code (findings still fail the pipeline).
process.stdout.on('error', (err) => {
  if (err && (err.code === 'EPIPE' || err.code === 'ERR_STREAM_DESTROYED')) return;
  throw err;
});

main({ argv: process.argv.slice(2), cwd: process.cwd(), stdout: process.stdout, stderr: process.stderr, env: process.env })
  .then((code) => { process.exitCode = code; })
  .catch((err) => {
    process.stderr.write(`obslint: internal error: ${err && err.stack ? err.stack : String(err)}\n`);
    process.exitCode = 2;
  });
