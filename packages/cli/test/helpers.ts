import { Writable } from 'node:stream';
import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { main } from '../src/main.js';

export const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
export const EXAMPLES = join(REPO_ROOT, 'examples');

class MemoryStream extends Writable {
  chunks: string[] = [];
  isTTY = false;
  override _write(chunk: Buffer | string, _enc: string, cb: () => void) {
    this.chunks.push(String(chunk));
    cb();
  }
  get text() {
    return this.chunks.join('');
  }
}

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs the real CLI in-process. */
export async function runCli(argv: string[], cwd = REPO_ROOT, env: Record<string, string | undefined> = {}): Promise<CliRun> {
  const stdout = new MemoryStream();
  const stderr = new MemoryStream();
  const code = await main({ argv, cwd, stdout, stderr, env: { NO_COLOR: '1', ...env } });
  return { code, stdout: stdout.text, stderr: stderr.text };
}

/** Creates a temp directory holding the given files. */
export function tempRepo(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'obslint-test-'));
  for (const [p, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, p)), { recursive: true });
    writeFileSync(join(dir, p), text);
  }
  return dir;
}

export interface JsonMessage {
  ruleId: string;
  severity: number;
  message: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  pointer?: string;
  entity?: string;
  fingerprint: string;
}

export interface JsonResult {
  filePath: string;
  messages: JsonMessage[];
  errorCount: number;
  warningCount: number;
}

export function parseJsonOutput(stdout: string): JsonResult[] {
  return JSON.parse(stdout) as JsonResult[];
}

/** 1-based line/column of the first occurrence of `needle` in `text` (after `after`, if given). */
export function positionOf(text: string, needle: string, after = ''): { line: number; column: number } {
  const base = after ? text.indexOf(after) : 0;
  const at = text.indexOf(needle, base < 0 ? 0 : base);
  if (at < 0) throw new Error(`"${needle}" not found`);
  const before = text.slice(0, at);
  const line = before.split('\n').length;
  return { line, column: at - before.lastIndexOf('\n') };
}
