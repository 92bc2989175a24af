import { readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import fg from 'fast-glob';
import ignoreFactory from 'ignore';

/** File endings obslint looks at when it walks a directory. */
export const LINTABLE_GLOB = '**/*.{json,yaml,yml,prom,metrics,openmetrics,js,mjs,cjs,ts,mts,cts,tsx,jsx}';
export const ALWAYS_IGNORED = ['**/node_modules/**', '**/.git/**'];

export interface DiscoveryOptions {
  cwd: string;
  /** Paths given on the command line (files or directories); default `.`. */
  paths: string[];
  /** Globs (relative to `ignoreBase`) never linted. */
  ignores: string[];
  ignoreBase: string;
  /** Honour .gitignore files (default true). */
  gitignore?: boolean;
}

export interface DiscoveryResult {
  files: string[];
  /** Paths that did not exist. */
  missing: string[];
  /** Paths given explicitly that are neither files nor directories (FIFOs, sockets, devices): never read. */
  special: string[];
}

const toPosix = (p: string) => p.split(sep).join('/');

/**
 * Expands paths into the files to lint, honouring .gitignore files (at every level) and config ignores.
 * Files named explicitly are always linted unless a config ignore matches them.
 */
export async function findFiles(opts: DiscoveryOptions): Promise<DiscoveryResult> {
  const files = new Set<string>();
  const missing: string[] = [];
  const special: string[] = [];
  const configIgnore = ignoreFactory().add(opts.ignores);
  const isConfigIgnored = (abs: string) => {
    const rel = toPosix(relative(opts.ignoreBase, abs));
    return rel !== '' && !rel.startsWith('..') && configIgnore.ignores(rel);
  };
  for (const p of opts.paths.length ? opts.paths : ['.']) {
    const abs = resolve(opts.cwd, p);
    let st;
    try {
      st = statSync(abs);
    } catch {
      missing.push(p);
      continue;
    }
    if (st.isFile()) {
      if (!isConfigIgnored(abs)) files.add(abs);
      continue;
    }
    if (!st.isDirectory()) {
      special.push(p);
      continue;
    }
    const found = await fg(LINTABLE_GLOB, {
      cwd: abs,
      absolute: true,
      dot: false,
      onlyFiles: true,
      followSymbolicLinks: false,
      suppressErrors: true,
      ignore: ALWAYS_IGNORED,
    });
    let gitFilter: ((f: string) => boolean) | undefined;
    if (opts.gitignore !== false) gitFilter = await gitignoreFilter(abs);
    for (const f of found) {
      if (gitFilter && !gitFilter(f)) continue;
      if (isConfigIgnored(f)) continue;
      files.add(f);
    }
  }
  return { files: [...files].sort(), missing, special };
}

/** A predicate that is false for files ignored by any .gitignore between `root` and the file. */
async function gitignoreFilter(root: string): Promise<(f: string) => boolean> {
  const gitignores = await fg('**/.gitignore', { cwd: root, absolute: true, dot: true, ignore: ALWAYS_IGNORED, suppressErrors: true });
  // .gitignore files above the root (up to the repository top) apply too.
  let dir = dirname(root);
  for (let i = 0; i < 50; i++) {
    const gi = join(dir, '.gitignore');
    try {
      if (statSync(gi).isFile()) gitignores.push(gi);
    } catch {
      /* none here */
    }
    try {
      if (statSync(join(dir, '.git')).isDirectory()) break;
    } catch {
      /* keep walking */
    }
    const parent = dirname(dir);
    if (parent === dir) break;
    dir = parent;
  }
  const rules = gitignores.map((g) => {
    let text = '';
    try {
      text = readFileSync(g, 'utf8');
    } catch {
      /* unreadable .gitignore: ignore it */
    }
    return { dir: dirname(g), ig: ignoreFactory().add(text) };
  });
  if (rules.length === 0) return () => true;
  return (f: string) => {
    for (const r of rules) {
      const rel = toPosix(relative(r.dir, f));
      if (rel.startsWith('..') || rel === '') continue;
      if (r.ig.ignores(rel)) return false;
    }
    return true;
  };
}
