#!/usr/bin/env node
import { main } from '../dist/index.js';

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
