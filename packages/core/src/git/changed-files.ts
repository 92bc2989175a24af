import { execFile } from 'node:child_process';
import { resolve } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

export interface ChangedFiles {
  /** Absolute paths of files changed since the ref (committed, staged, unstaged and untracked). */
  files: Set<string>;
  /** Changed line ranges (1-based, inclusive) in the new version of each changed file; untracked files are wholly changed. */
  hunks: Map<string, Array<[number, number]>>;
  /** Files that are entirely new (added or untracked). */
  added: Set<string>;
  /** The repository's top directory. */
  topLevel: string;
}

export class GitError extends Error {}

async function git(cwd: string, args: string[]): Promise<string> {
  try {
    const { stdout } = await run('git', args, { cwd, maxBuffer: 256 * 1024 * 1024, env: { ...process.env, GIT_PAGER: 'cat', LC_ALL: 'C' } });
    return stdout;
  } catch (e) {
    const err = e as { stderr?: string; message: string };
    throw new GitError(`git ${args.join(' ')} failed: ${(err.stderr ?? err.message).trim().split('\n')[0]}`);
  }
}

/** Parses `git diff --unified=0` output into changed line ranges of the new files. */
export function parseUnifiedDiff(diff: string, topLevel: string): { hunks: Map<string, Array<[number, number]>>; added: Set<string> } {
  const hunks = new Map<string, Array<[number, number]>>();
  const added = new Set<string>();
  let current: string | undefined;
  let isNew = false;
  for (const line of diff.split('\n')) {
    if (line.startsWith('diff --git ')) {
      current = undefined;
      isNew = false;
    } else if (line.startsWith('new file mode')) isNew = true;
    else if (line.startsWith('+++ ')) {
      const p = line.slice(4).trim();
      if (p === '/dev/null') current = undefined;
      else {
        current = resolve(topLevel, p.replace(/^b\//, '').replace(/^"(.*)"$/, '$1'));
        if (!hunks.has(current)) hunks.set(current, []);
        if (isNew) added.add(current);
      }
    } else if (line.startsWith('@@') && current) {
      const m = /^@@ -\d+(?:,\d+)? \+(\d+)(?:,(\d+))? @@/.exec(line);
      if (!m) continue;
      const start = Number(m[1]);
      const count = m[2] === undefined ? 1 : Number(m[2]);
      // A pure deletion (count 0) touches the line where the text was removed.
      hunks.get(current)!.push(count === 0 ? [Math.max(1, start), Math.max(1, start)] : [start, start + count - 1]);
    }
  }
  return { hunks, added };
}

/**
 * Files and line ranges changed since `ref` (compared with the working tree, so uncommitted edits count),
 * plus untracked files. Throws GitError outside a repository or for an unknown ref.
 */
export async function changedSince(cwd: string, ref: string): Promise<ChangedFiles> {
  const topLevel = (await git(cwd, ['rev-parse', '--show-toplevel'])).trim();
  await git(cwd, ['rev-parse', '--verify', '--quiet', `${ref}^{commit}`]).catch(() => {
    throw new GitError(`unknown git ref "${ref}"`);
  });
  const diff = await git(topLevel, ['diff', '--unified=0', '--no-color', '--no-ext-diff', '--find-renames', ref, '--']);
  const { hunks, added } = parseUnifiedDiff(diff, topLevel);
  const untracked = (await git(topLevel, ['ls-files', '--others', '--exclude-standard', '-z'])).split('\0').filter(Boolean);
  for (const u of untracked) {
    const abs = resolve(topLevel, u);
    hunks.set(abs, [[1, Number.MAX_SAFE_INTEGER]]);
    added.add(abs);
  }
  return { files: new Set(hunks.keys()), hunks, added, topLevel };
}

/** True when [line, endLine] overlaps a changed range of the file. */
export function touchesChangedLines(changed: ChangedFiles, absPath: string, line: number, endLine: number): boolean {
  const ranges = changed.hunks.get(absPath);
  if (!ranges) return false;
  return ranges.some(([a, b]) => line <= b && endLine >= a);
}
