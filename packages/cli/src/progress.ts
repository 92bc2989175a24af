import type { CliIO } from './io.js';

export interface ProgressOptions {
  /** Clock in ms (tests pass a fake one). */
  now?: () => number;
  /** Nothing is drawn before the run is this old: short runs stay silent (default 300 ms). */
  delayMs?: number;
  /** Redraw at most this often (default 100 ms). */
  intervalMs?: number;
  /** What is counted (default `files`). */
  unit?: string;
}

/** A one-line progress indicator on stderr. */
export interface Progress {
  /** Reports `done` of `total`; draws when the throttle allows, and always at the last one once drawing started. */
  update(done: number, total: number): void;
  /** Clears the line (when anything was drawn). Safe to call more than once. */
  finish(): void;
}

const CLEAR_LINE = '\r\u001b[2K';
const BAR_WIDTH = 24;

/** Progress is drawn only on an interactive terminal: stderr is a TTY and `CI` is not set. */
export function progressEnabled(io: CliIO): boolean {
  const ci = io.env?.CI;
  const inCi = ci !== undefined && ci !== '' && ci !== '0' && ci.toLowerCase() !== 'false';
  return io.stderr.isTTY === true && !inCi;
}

/** `[██████░░░░] 120/685 files (17%)`. */
export function progressLine(done: number, total: number, unit = 'files'): string {
  const ratio = total > 0 ? Math.min(1, done / total) : 1;
  const filled = Math.round(ratio * BAR_WIDTH);
  const bar = '█'.repeat(filled) + '░'.repeat(BAR_WIDTH - filled);
  const tail = done >= total ? ' — finishing (cross-file and code rules)' : '';
  return `obslint [${bar}] ${done}/${total} ${unit} (${Math.floor(ratio * 100)}%)${tail}`;
}

const NO_PROGRESS: Progress = { update() {}, finish() {} };

/**
 * A throttled progress line: silent for the first `delayMs`, then redrawn at most every `intervalMs`,
 * cleared by `finish()`. A no-op when stderr is not a TTY or `CI` is set.
 */
export function createProgress(io: CliIO, opts: ProgressOptions = {}): Progress {
  if (!progressEnabled(io)) return NO_PROGRESS;
  const now = opts.now ?? (() => performance.now());
  const delay = opts.delayMs ?? 300;
  const interval = opts.intervalMs ?? 100;
  const start = now();
  let lastDraw = -Infinity;
  let drawn = false;
  let lastDone = -1;
  const columns = () => (io.stderr as { columns?: number }).columns;
  return {
    update(done, total) {
      const t = now();
      if (t - start < delay || done === lastDone) return;
      if (t - lastDraw < interval && done < total) return;
      lastDraw = t;
      lastDone = done;
      let line = progressLine(done, total, opts.unit);
      const width = columns();
      if (width && line.length >= width) line = line.slice(0, width - 1);
      io.stderr.write(CLEAR_LINE + line);
      drawn = true;
    },
    finish() {
      if (drawn) io.stderr.write(CLEAR_LINE);
      drawn = false;
    },
  };
}
