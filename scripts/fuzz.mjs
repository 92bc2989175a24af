#!/usr/bin/env node
// Long fuzz run (not in the default suite): every fuzz property with many cases.
//   node scripts/fuzz.mjs [runsPerProperty=15000] [seed]
// 7 properties × 15,000 = 105,000 generated inputs.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const runs = process.argv[2] ?? '15000';
const seed = process.argv[3] ?? String(Date.now() % 2 ** 31);
console.log(`fuzz: ${runs} runs per property, seed ${seed}`);
const r = spawnSync(process.execPath, [join(root, 'node_modules/vitest/vitest.mjs'), 'run', 'test/robustness/fuzz.test.ts', '--testTimeout=0'], {
  cwd: root,
  stdio: 'inherit',
  env: { ...process.env, OBSLINT_FUZZ_RUNS: runs, OBSLINT_FUZZ_SEED: seed },
});
process.exit(r.status ?? 1);
