import type { SourceFile } from '../source/source-file.js';

/**
 * Inline suppressions in YAML files (and any `#`-comment format):
 *   # obslint-disable-next-line <rule>[, <rule>…] -- <reason>   covers the YAML node on the next line
 *   # obslint-disable-file <rule>[, <rule>…] -- <reason>        covers the whole file
 * With no rule listed, every rule is covered. A reason is required.
 */
export interface InlineSuppression {
  kind: 'next-line' | 'file';
  /** Rule ids; empty = all rules. */
  rules: string[];
  reason?: string;
  /** 1-based line of the comment and its column range. */
  line: number;
  column: number;
  endColumn: number;
  /** Lines covered (inclusive), for next-line suppressions. */
  fromLine: number;
  toLine: number;
  /** Set when a finding was suppressed by it. */
  used: boolean;
}

const DIRECTIVE = /^(\s*)(#\s*obslint-disable-(next-line|file)\b(.*))$/;

function indentOf(line: string): number {
  const m = /^[ \t-]*/.exec(line)!;
  // A sequence item "- key:" counts at the dash's column; its keys are deeper.
  const lead = /^[ \t]*/.exec(line)![0].length;
  return m[0].includes('-') ? lead : m[0].length;
}

function isBlankOrComment(line: string): boolean {
  const t = line.trim();
  return t === '' || t.startsWith('#');
}

export function parseInlineSuppressions(file: SourceFile): InlineSuppression[] {
  const text = file.text;
  if (!text.includes('obslint-disable')) return [];
  const out: InlineSuppression[] = [];
  const n = file.lineCount;
  for (let ln = 1; ln <= n; ln++) {
    const line = file.lineText(ln);
    const m = DIRECTIVE.exec(line);
    if (!m) continue;
    const kind = m[3] as 'next-line' | 'file';
    const body = m[4];
    const dd = body.indexOf('--');
    const rulesPart = (dd >= 0 ? body.slice(0, dd) : body).trim();
    const reason = dd >= 0 ? body.slice(dd + 2).trim() || undefined : undefined;
    const rules = rulesPart ? rulesPart.split(/[\s,]+/).filter(Boolean) : [];
    const column = m[1].length + 1;
    let fromLine = ln + 1;
    let toLine = ln + 1;
    if (kind === 'next-line') {
      while (fromLine <= n && isBlankOrComment(file.lineText(fromLine))) fromLine++;
      toLine = fromLine;
      if (fromLine <= n) {
        const base = indentOf(file.lineText(fromLine));
        let l = fromLine + 1;
        while (l <= n) {
          const t = file.lineText(l);
          if (!isBlankOrComment(t)) {
            const lead = /^[ \t]*/.exec(t)![0].length;
            if (lead <= base) break;
          }
          l++;
        }
        toLine = l - 1;
        while (toLine > fromLine && isBlankOrComment(file.lineText(toLine))) toLine--;
      }
    } else {
      fromLine = 1;
      toLine = n;
    }
    out.push({ kind, rules, reason, line: ln, column, endColumn: line.length + 1, fromLine, toLine, used: false });
  }
  return out;
}

/** The suppression that covers a finding of `ruleId` at `line`, if any (marking it used). */
export function findSuppression(sups: InlineSuppression[], ruleId: string, line: number): InlineSuppression | undefined {
  for (const s of sups) {
    if (s.rules.length && !s.rules.includes(ruleId)) continue;
    if (line < s.fromLine || line > s.toLine) continue;
    s.used = true;
    return s;
  }
  return undefined;
}

/**
 * True when every rule a suppression names is turned off for this run (e.g. a `strict` rule under the
 * `recommended` preset): such a suppression cannot be used, and is not stale either.
 */
export function namesOnlyDisabledRules(s: InlineSuppression, isOff: (ruleId: string) => boolean): boolean {
  return s.rules.length > 0 && s.rules.every(isOff);
}
