import type { FindingsJson, ResolveOptions, UserConfig } from '@obslint/core';

/** What a lint worker needs to rebuild the run's configuration and rules on its own thread. */
export interface WorkerInit {
  userConfig: UserConfig;
  resolveOptions: ResolveOptions;
  /** Plugin module paths (absolute), imported only when the run allowed code. */
  plugins: string[];
  allowCode: boolean;
  maxFileSize: number;
  /** Time each rule (`--timing`); phases are always timed. */
  ruleTiming: boolean;
}

export interface WorkerJob {
  id: number;
  files: Array<{ path: string; relPath: string; collectOnly?: boolean }>;
}

/** A batch's results: its units as JSON (without their findings), and each unit's findings as tuples' JSON. */
export interface WorkerResult {
  id: number;
  json: string;
  /** By the unit's index in the batch; absent for a unit without findings. */
  findings: FindingsJson[];
  /** This batch's time per phase (read, parse, rules) and per rule (when asked for), in ms. */
  timing: BatchTiming;
}

export interface BatchTiming {
  phases: Record<string, number>;
  rules: Record<string, number>;
}
