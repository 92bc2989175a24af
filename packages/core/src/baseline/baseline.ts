import { closeSync, openSync, readFileSync } from 'node:fs';
import { writeFileAtomic } from '../util/file-io.js';
import { makeFingerprint, type Finding } from '../runner/finding.js';
import { findingSourceOf, type FindingSource } from '../runner/finding-set.js';
import { STREAMED_VALUE, jsonTextChunks } from '../format/ci-common.js';
import { jsonSyntaxError } from '../document/json-document.js';
import { setOwn } from '../util/own-property.js';
import { fileByteSource, readJsonObjectMembers } from '../util/json-object-members.js';

/** Default file name of `obslint baseline`. */
export const DEFAULT_BASELINE_FILE = 'obslint-baseline.json';
export const BASELINE_VERSION = 1;

/** Findings known when the baseline was taken that share one fingerprint (rule, file, entity). */
export interface BaselineEntry {
  ruleId: string;
  /** Repo-relative path (relative to the directory obslint runs in), forward slashes. */
  file: string;
  entity?: string;
  /** The message of the first such finding, for people reading the file. */
  message: string;
  /** How many findings had this fingerprint. */
  count: number;
}

export interface Baseline {
  version: typeof BASELINE_VERSION;
  /** Entries keyed by fingerprint. */
  findings: Record<string, BaselineEntry>;
}

export class BaselineError extends Error {}

/** A baseline of the given findings: one entry per fingerprint, counting repeats. */
export function baselineFromFindings(findings: readonly Finding[]): Baseline {
  const out: Record<string, BaselineEntry> = {};
  for (const f of findings) {
    const e = out[f.fingerprint];
    if (e) e.count++;
    else out[f.fingerprint] = { ruleId: f.ruleId, file: f.relPath, ...(f.entity !== undefined ? { entity: f.entity } : {}), message: f.message, count: 1 };
  }
  return { version: BASELINE_VERSION, findings: out };
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** The baseline as JSON with entries sorted by file, rule, entity and fingerprint: the same findings give the same bytes. */
export function serializeBaseline(baseline: Baseline): string {
  const findings: Record<string, BaselineEntry> = {};
  for (const [k, e] of Object.entries(baseline.findings).sort(compareEntries)) findings[k] = canonicalEntry(e);
  return JSON.stringify({ version: BASELINE_VERSION, findings }, null, 2) + '\n';
}

/** The order of a baseline's entries: by file, rule, entity, fingerprint. */
function compareEntries([ka, a]: [string, BaselineEntry], [kb, b]: [string, BaselineEntry]): number {
  return cmp(a.file, b.file) || cmp(a.ruleId, b.ruleId) || cmp(a.entity ?? '', b.entity ?? '') || cmp(ka, kb);
}

/** The text of a baseline given as entries in file order (see `updatedBaselineEntries`), a piece at a time. */
export function baselineTextChunks(entries: Iterable<[string, BaselineEntry]>): Iterable<string> {
  return jsonTextChunks({ version: BASELINE_VERSION, findings: STREAMED_VALUE }, entries, { shape: 'object' });
}

export function parseBaseline(text: string, source: string): Baseline {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (e) {
    const { message, line, column } = jsonSyntaxError(text, e);
    throw new BaselineError(`${source}:${line}:${column}: not valid JSON: ${message}`);
  }
  const obj = data as { version?: unknown; findings?: unknown };
  if (typeof obj !== 'object' || obj === null || typeof obj.findings !== 'object' || obj.findings === null) throw notABaseline(source);
  checkVersion(obj.version, source);
  const findings: Record<string, BaselineEntry> = {};
  const add = entryAdder(findings, source);
  for (const [fp, raw] of Object.entries(obj.findings as Record<string, unknown>)) add(fp, raw);
  return { version: BASELINE_VERSION, findings };
}

function notABaseline(source: string): BaselineError {
  return new BaselineError(`${source} is not an obslint baseline (expected {"version": ${BASELINE_VERSION}, "findings": {...}})`);
}

function checkVersion(version: unknown, source: string): void {
  if (version !== BASELINE_VERSION) throw notABaseline(source);
}

/** Checks an entry as read from a file; throws a BaselineError naming it when it is not one. */
function checkEntry(fp: string, raw: unknown, source: string): Partial<BaselineEntry> {
  const e = raw as Partial<BaselineEntry>;
  const ok = typeof e === 'object' && e !== null && typeof e.ruleId === 'string' && typeof e.file === 'string' && Number.isInteger(e.count) && e.count! > 0;
  if (!ok) throw new BaselineError(`${source}: entry "${fp}" needs ruleId, file and a positive count`);
  return e;
}

export interface ReadBaselineOptions {
  /**
   * Whether to keep the message of an entry of this file (all by default). Messages are most of a baseline's
   * memory and only matter for entries written back: `--baseline` needs none; `obslint baseline` those of
   * files it did not lint. An entry without its message has `message: ''`: never write it back.
   */
  keepsMessage?: (file: string) => boolean;
}

/**
 * Adds checked entries to `findings`. Rule ids and paths repeat across entries (a file has many): each
 * distinct one is kept once.
 */
function entryAdder(findings: Record<string, BaselineEntry>, source: string, keepsMessage: (file: string) => boolean = () => true): (fp: string, raw: unknown) => void {
  const shared = new Map<string, string>();
  const one = (s: string) => shared.get(s) ?? (shared.set(s, s), s);
  return (fp, raw) => {
    const e = checkEntry(fp, raw, source);
    const ruleId = one(e.ruleId!);
    const file = one(e.file!);
    const message = keepsMessage(file) ? String(e.message ?? '') : '';
    const entry: BaselineEntry = typeof e.entity === 'string' ? { ruleId, file, entity: e.entity, message, count: e.count! } : { ruleId, file, message, count: e.count! };
    setOwn(findings, fp, entry);
  };
}

/**
 * Reads a baseline file. It is read a window at a time and parsed an entry at a time
 * (`readJsonObjectMembers`): a baseline of a large repository (388,000 entries, 135 MB) peaked at 690 MB when
 * parsed whole, for 174 MB kept. Anything that is not plainly a baseline is parsed whole, for the error
 * message.
 */
export function readBaseline(path: string, opts: ReadBaselineOptions = {}): Baseline {
  const findings: Record<string, BaselineEntry> = {};
  const whole = readBaselineEntries(path, entryAdder(findings, path, opts.keepsMessage));
  if (!whole) return { version: BASELINE_VERSION, findings };
  if (opts.keepsMessage) for (const e of Object.values(whole.findings)) if (!opts.keepsMessage(e.file)) e.message = '';
  return whole;
}

/**
 * Checks a baseline file as `readBaseline` does (the same errors), keeping nothing: for a check before a long
 * run that reads it afterwards.
 */
export function checkBaseline(path: string): void {
  readBaselineEntries(path, (fp, raw) => void checkEntry(fp, raw, path));
}

/** Reads the file's entries into `add`; the whole parse's result when the file had to be parsed whole. */
function readBaselineEntries(path: string, add: (fp: string, raw: unknown) => void): Baseline | undefined {
  const cannotRead = (e: unknown) => new BaselineError(`cannot read baseline ${path}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
  // Problems are reported in the order a whole parse finds them: syntax, then the version, then entries.
  let badEntry: unknown;
  let others: Record<string, unknown> | undefined;
  let fd: number;
  try {
    fd = openSync(path, 'r');
  } catch (e) {
    throw cannotRead(e);
  }
  try {
    others = readJsonObjectMembers(fileByteSource(fd), 'findings', (fp, raw) => {
      if (badEntry !== undefined) return;
      try {
        add(fp, raw);
      } catch (e) {
        badEntry = e;
      }
    });
  } catch (e) {
    throw cannotRead(e);
  } finally {
    closeSync(fd);
  }
  if (!others) {
    let text: string;
    try {
      text = readFileSync(path, 'utf8');
    } catch (e) {
      throw cannotRead(e);
    }
    return parseBaseline(text, path);
  }
  checkVersion(others.version, path);
  if (badEntry !== undefined) throw badEntry;
  return undefined;
}

export function writeBaseline(path: string, baseline: Baseline): void {
  writeFileAtomic(path, serializeBaseline(baseline));
}

/** A baseline entry that matched fewer findings than it counts. */
export interface StaleEntry {
  fingerprint: string;
  entry: BaselineEntry;
  /** How many of its findings are gone. */
  missing: number;
}

export interface BaselineMatch {
  /** Findings not in the baseline: these are new. */
  kept: Finding[];
  /** Findings the baseline hides. */
  hidden: Finding[];
  stale: StaleEntry[];
}

/**
 * Hides the findings a baseline knows, respecting counts: with 2 baselined and 3 found, the first 2 in file
 * order are hidden and the third is new. Entries that matched less than their count are stale.
 */
export function applyBaseline(findings: readonly Finding[], baseline: Baseline): BaselineMatch {
  const left = new Map(Object.entries(baseline.findings).map(([fp, e]) => [fp, e.count]));
  const kept: Finding[] = [];
  const hidden: Finding[] = [];
  for (const f of findings) {
    const n = left.get(f.fingerprint) ?? 0;
    if (n > 0) {
      left.set(f.fingerprint, n - 1);
      hidden.push(f);
    } else kept.push(f);
  }
  const stale: StaleEntry[] = [];
  for (const [fp, n] of left) if (n > 0) stale.push({ fingerprint: fp, entry: baseline.findings[fp], missing: n });
  return { kept, hidden, stale };
}

export interface BaselineUpdateOptions {
  lintedFiles: ReadonlySet<string>;
  fileExists: (relPath: string) => boolean;
  prune: boolean;
}

/**
 * The baseline to write after a run. Entries of files this run linted are replaced by its findings (`prune`:
 * only shrunk to what still matches, nothing new added); entries of other files are kept while the file exists
 * (a run over part of the repository keeps the rest of the baseline).
 */
export function updateBaseline(previous: Baseline | undefined, findings: readonly Finding[], opts: BaselineUpdateOptions): Baseline {
  const files = new Map<string, string>();
  for (const f of findings) if (!files.has(f.filePath)) files.set(f.filePath, f.relPath);
  return { version: BASELINE_VERSION, findings: Object.fromEntries(updatedBaselineEntries(previous, findingSourceOf(findings), [...files], opts)) };
}

/**
 * `updateBaseline` a file at a time, as [fingerprint, entry] in the order `serializeBaseline` writes them
 * (by file, rule, entity, fingerprint): a fingerprint names its file, so each file's entries come from its
 * own findings and previous entries. `files` are the source's files with their relative paths.
 */
export function* updatedBaselineEntries(
  previous: Baseline | undefined,
  source: FindingSource,
  files: ReadonlyArray<readonly [path: string, relPath: string]>,
  opts: BaselineUpdateOptions,
): Generator<[string, BaselineEntry]> {
  const before = new Map<string, Array<[string, BaselineEntry]>>();
  for (const [fp, e] of Object.entries(previous?.findings ?? {})) {
    const list = before.get(e.file);
    if (list) list.push([fp, e]);
    else before.set(e.file, [[fp, e]]);
  }
  const pathOf = new Map<string, string>();
  for (const [path, rel] of files) if (!pathOf.has(rel)) pathOf.set(rel, path);
  for (const rel of [...new Set([...pathOf.keys(), ...before.keys()])].sort(cmp)) {
    const path = pathOf.get(rel);
    const current = path === undefined ? {} : baselineFromFindings(source.of(path)).findings;
    const out = new Map<string, BaselineEntry>();
    // The entries grouped under `rel` are all of that file: whether it was linted, or exists, is asked once.
    const linted = opts.lintedFiles.has(rel);
    const previousEntries = before.get(rel) ?? [];
    if (!linted ? previousEntries.length > 0 && opts.fileExists(rel) : opts.prune) {
      for (const [fp, e] of previousEntries) {
        if (!linted) out.set(fp, e);
        else if (current[fp]) out.set(fp, { ...e, count: Math.min(e.count, current[fp].count) });
      }
    }
    if (!opts.prune) for (const [fp, e] of Object.entries(current)) out.set(fp, e);
    for (const [fp, e] of [...out].sort(compareEntries)) yield [fp, canonicalEntry(e)];
  }
}

/** An entry with its fields in the order the file has them. */
function canonicalEntry(e: BaselineEntry): BaselineEntry {
  return { ruleId: e.ruleId, file: e.file, ...(e.entity !== undefined ? { entity: e.entity } : {}), message: e.message, count: e.count };
}

/** A stale entry as an `unused-suppression` finding at the start of its file. */
export function staleEntryFinding(s: StaleEntry, absPath: string, baselineFile: string): Finding {
  const what = `${s.entry.ruleId}${s.entry.entity ? ` on ${s.entry.entity}` : ''}`;
  const times = s.entry.count > 1 ? ` (${s.missing} of ${s.entry.count} findings gone)` : '';
  return {
    ruleId: 'unused-suppression',
    severity: 'warning',
    message: `Baseline entry in ${baselineFile} no longer matches anything: ${what}${times}. Remove it with "obslint baseline --prune".`,
    filePath: absPath,
    relPath: s.entry.file,
    line: 1,
    column: 1,
    endLine: 1,
    endColumn: 1,
    entity: `baseline:${s.fingerprint}`,
    fingerprint: makeFingerprint('unused-suppression', s.entry.file, `baseline:${s.fingerprint}`),
    origin: 'tool',
  };
}

