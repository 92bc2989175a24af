import { resolve } from 'node:path';
import { resolveConfig } from '../config/resolve-config.js';
import type { Settings } from '../config/settings.js';
import { lintText } from '../runner/run.js';
import type { Finding } from '../runner/finding.js';
import type { DocumentRule, Severity } from './types.js';

export interface ValidCase {
  /** A name only (kind detection uses the extension), e.g. `dashboard.json`, `rules.yaml`, `metrics.prom`. */
  filename: string;
  code: string;
  options?: Record<string, unknown>;
  settings?: Partial<Settings>;
  name?: string;
}

export interface ExpectedFinding {
  messageId?: string;
  /** Exact message, or a RegExp it must match. */
  message?: string | RegExp;
  line?: number;
  column?: number;
  endLine?: number;
  endColumn?: number;
  severity?: Severity;
  pointer?: string;
}

export interface InvalidCase extends ValidCase {
  errors: ExpectedFinding[] | number;
  /** Expected file text after applying the findings' fixes. */
  output?: string;
}

type TestFn = (name: string, fn: () => void) => void;

/**
 * A strict tester for document rules, modelled on ESLint's RuleTester: valid cases must produce no finding
 * of the rule; invalid cases must produce exactly the listed findings, in order; every messageId must exist;
 * no placeholder may be left unfilled; options are validated against the rule's schema.
 * Uses the test framework's global `describe`/`it` (vitest, jest, mocha, node:test) unless set.
 */
export class RuleTester {
  static describe: ((name: string, fn: () => void) => void) | undefined;
  static it: TestFn | undefined;

  run(rule: DocumentRule<any>, cases: { valid: ValidCase[]; invalid: InvalidCase[] }): void {
    const g = globalThis as unknown as { describe?: (n: string, f: () => void) => void; it?: TestFn };
    const describe = RuleTester.describe ?? g.describe;
    const it = RuleTester.it ?? g.it;
    if (!describe || !it) throw new Error('RuleTester needs describe/it (run it inside a test framework)');
    describe(rule.meta.id, () => {
      describe('valid', () => {
        cases.valid.forEach((c, i) => it(c.name ?? `${c.filename} #${i}`, () => assertValid(rule, c)));
      });
      describe('invalid', () => {
        cases.invalid.forEach((c, i) => it(c.name ?? `${c.filename} #${i}`, () => assertInvalid(rule, c)));
      });
    });
  }
}

/** Runs one rule over an in-memory file, with the rule on at its default severity. */
export function runRule(rule: DocumentRule<any>, c: ValidCase): Finding[] {
  const rootDir = resolve('/__obslint_rule_tester__');
  const config = resolveConfig(
    { extends: [], rules: { [rule.meta.id]: c.options ? [rule.meta.severity, c.options] : rule.meta.severity }, settings: c.settings } as never,
    [rule],
    { baseDir: rootDir },
  );
  // Severity grading by the rule (e.g. warning vs error) is what tests check: treat it as not explicit.
  config.rules.get(rule.meta.id)!.explicitSeverity = false;
  const { findings } = lintText({ text: c.code, path: resolve(rootDir, c.filename), rootDir, config, rules: [rule] });
  for (const f of findings) {
    if (f.ruleId === 'parse-error') throw new Error(`test fixture does not parse: ${f.message} at ${f.line}:${f.column}`);
    if (/\{\{\s*[\w.]+\s*\}\}/.test(f.message)) throw new Error(`unfilled placeholder in message: ${f.message}`);
  }
  return findings.filter((f) => f.ruleId === rule.meta.id);
}

function describeFindings(fs: Finding[]): string {
  return fs.map((f) => `  ${f.line}:${f.column} [${f.messageId}] ${f.message}`).join('\n') || '  (none)';
}

export function assertValid(rule: DocumentRule<any>, c: ValidCase): void {
  const fs = runRule(rule, c);
  if (fs.length) throw new Error(`expected no findings of ${rule.meta.id}, got ${fs.length}:\n${describeFindings(fs)}`);
}

export function assertInvalid(rule: DocumentRule<any>, c: InvalidCase): void {
  const fs = runRule(rule, c);
  const expected = typeof c.errors === 'number' ? c.errors : c.errors.length;
  if (fs.length !== expected) throw new Error(`expected ${expected} findings of ${rule.meta.id}, got ${fs.length}:\n${describeFindings(fs)}`);
  if (typeof c.errors !== 'number') {
    c.errors.forEach((e, i) => {
      const f = fs[i];
      if (e.messageId !== undefined) {
        if (!(e.messageId in rule.meta.messages)) throw new Error(`unknown messageId "${e.messageId}" in test`);
        if (f.messageId !== e.messageId) throw new Error(`finding ${i}: expected messageId ${e.messageId}, got ${f.messageId} (${f.message})`);
      }
      if (e.message !== undefined) {
        const ok = typeof e.message === 'string' ? f.message === e.message : e.message.test(f.message);
        if (!ok) throw new Error(`finding ${i}: expected message ${String(e.message)}, got "${f.message}"`);
      }
      for (const k of ['line', 'column', 'endLine', 'endColumn', 'severity', 'pointer'] as const) {
        if (e[k] !== undefined && f[k] !== e[k]) throw new Error(`finding ${i}: expected ${k} ${e[k]}, got ${f[k]} (${f.message})`);
      }
    });
  }
  if (c.output !== undefined) {
    const edits = fs.flatMap((f) => f.fix ?? []).sort((a, b) => b.start - a.start);
    let text = c.code;
    for (const e of edits) text = text.slice(0, e.start) + e.text + text.slice(e.end);
    if (text !== c.output) throw new Error(`fix output differs:\n--- expected\n${c.output}\n--- actual\n${text}`);
  }
}
