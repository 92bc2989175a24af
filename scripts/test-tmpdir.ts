// Vitest setup file: each test file gets its own temporary directory (TMPDIR, which os.tmpdir() and every
// child process the tests spawn read), removed when the file's tests are done. Tests create scratch
// repositories, caches, reports and git clones with mkdtemp; without this they were left in /tmp.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll } from 'vitest';

const outer = tmpdir();
const own = mkdtempSync(join(outer, 'obslint-tests-'));
process.env.TMPDIR = own;

afterAll(() => {
  process.env.TMPDIR = outer;
  rmSync(own, { recursive: true, force: true, maxRetries: 3 });
});
