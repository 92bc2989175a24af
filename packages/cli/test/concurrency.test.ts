import { describe, expect, it } from 'vitest';
import { defaultConcurrency } from '../src/parallel/unit-runner.js';

describe('default worker threads', () => {
  it('runs in this thread on one or two cores, one worker per core from three up', () => {
    expect([1, 2, 3, 4, 16].map((cores) => defaultConcurrency(cores))).toEqual([1, 1, 3, 4, 16]);
  });
});
