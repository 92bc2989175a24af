#!/usr/bin/env node
import { main } from '../dist/index.js';

// A reader that stops early (`obslint ... | head`) is not an error: stop writing, keep the exit code.
process.stdout.on('error', (err) => {
  if (err && err.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  throw err;
});

main({ argv: process.argv.slice(2), cwd: process.cwd(), stdout: process.stdout, stderr: process.stderr, env: process.env })
  .then((code) => { process.exitCode = code; })
  .catch((err) => {
    process.stderr.write(`obslint: internal error: ${err && err.stack ? err.stack : String(err)}\n`);
    process.exitCode = 2;
  });
