#!/usr/bin/env node
import { main } from '../dist/index.js';

main({ argv: process.argv.slice(2), cwd: process.cwd(), stdout: process.stdout, stderr: process.stderr, env: process.env })
  .then((code) => { process.exitCode = code; })
  .catch((err) => {
    process.stderr.write(`obslint: internal error: ${err && err.stack ? err.stack : String(err)}\n`);
    process.exitCode = 2;
  });
