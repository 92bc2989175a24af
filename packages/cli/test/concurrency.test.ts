import { describe, expect, it } from 'vitest';
import { defaultConcurrency } from '../src/parallel/unit-runner.js';

describe('default worker threads', () => {
  it('one worker per core; in this thread on one core', () => {
    expect([0, 1, 2, 3, 4, 16].map((cores) => defaultConcurrency(cores))).toEqual([1, 1, 2, 3, 4, 16]);
  });
});
