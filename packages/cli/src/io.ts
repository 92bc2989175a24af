/** The streams and environment main() works with (tests pass their own). */
export interface CliIO {
  argv: string[];
  cwd: string;
  stdout: NodeJS.WritableStream & { isTTY?: boolean };
  stderr: NodeJS.WritableStream & { isTTY?: boolean };
  env?: Record<string, string | undefined>;
}

export function useColor(io: CliIO, forced: boolean | undefined): boolean {
  if (forced !== undefined) return forced;
  const env = io.env ?? {};
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') return false;
  if (env.FORCE_COLOR !== undefined && env.FORCE_COLOR !== '0') return true;
  return io.stdout.isTTY === true;
}
