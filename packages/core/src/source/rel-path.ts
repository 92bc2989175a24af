import { relative, sep } from 'node:path';

/** `to` relative to `from`, with forward slashes on every platform ('' when they are the same). */
export function posixRelative(from: string, to: string): string {
  return relative(from, to).split(sep).join('/');
}

/** A file's path as findings carry it: relative to the run's root, forward slashes (the root itself: its own path). */
export function relPathOf(rootDir: string, path: string): string {
  return posixRelative(rootDir, path) || path;
}
