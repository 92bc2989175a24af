/**
 * Grafana template variables inside queries: `$var`, `${var}`, `${var:fmt}`, `${var.field}`, `[[var]]`,
 * `[[var:fmt]]`, and the built-in macros `$__interval`, `$__rate_interval`, `$__range`, `$__auto`, ...
 *
 * `substituteVariables` replaces each occurrence with a placeholder that keeps the query parseable in its
 * position (a duration inside `[...]` and after `offset`, a number for `_ms`/`_s` macros, plain text inside
 * string literals, an identifier elsewhere) and keeps an offset map back to the original text, so findings
 * on the substituted query point at the characters the user wrote.
 */

/** Where a variable sits in the query, which decides its placeholder. */
export type VariableContext = 'string' | 'range' | 'offset' | 'expr';

export interface VariableOccurrence {
  /** Variable name without sigils (`__interval`, `job`). */
  name: string;
  /** Format after `:` (`regex`, `pipe`, `raw`, ...), if any. */
  format?: string;
  /** The syntax used. */
  syntax: '$var' | '${var}' | '[[var]]';
  context: VariableContext;
  /** Range of the whole occurrence in the original text. */
  from: number;
  to: number;
  /** Range of the name inside the original text (for edits that rename the variable). */
  nameFrom: number;
  nameTo: number;
  /** Range of the placeholder in the substituted text. */
  subFrom: number;
  subTo: number;
  placeholder: string;
}

export interface Substitution {
  original: string;
  /** The query with every variable replaced by a parseable placeholder. */
  text: string;
  variables: VariableOccurrence[];
  /** Offset in the original text of offset `i` of the substituted text (`bias: 'end'` for range ends). */
  toOriginal(i: number, bias?: 'start' | 'end'): number;
  /** The variable occurrences whose placeholder overlaps [from, to) of the substituted text. */
  variablesIn(from: number, to: number): VariableOccurrence[];
  /** The original text of the substituted range [from, to). */
  originalText(from: number, to: number): string;
}

/** Grafana's built-in interval macros. */
export const INTERVAL_MACROS = new Set(['__interval', '__rate_interval', '__range', '__auto', '__auto_interval']);
/** Built-in macros that expand to numbers (milliseconds or seconds). */
export const NUMERIC_MACROS = new Set(['__interval_ms', '__range_ms', '__range_s', '__rate_interval_ms', '__from', '__to']);

/** Placeholders by context; the identifier is a valid metric and label name, the duration a valid range. */
export const PLACEHOLDER = {
  identifier: '__grafana_var',
  string: 'grafana_var',
  duration: '1m',
  number: '60',
} as const;

// $name | [[name(:fmt)?]] | ${name(.field)?(:fmt)?}
const VARIABLE_RE = /\$(\w+)|\[\[(\w+?)(?::(\w+))?\]\]|\$\{(\w+)(?:\.([^:}]+))?(?::([^}]+))?\}/g;

/** True when a text contains a Grafana variable reference. */
export function hasVariables(text: string): boolean {
  VARIABLE_RE.lastIndex = 0;
  return VARIABLE_RE.test(text);
}

/** The variable a whole value refers to (`$ds`, `${ds}`, `${ds:raw}`, `[[ds]]`), or undefined if it is not exactly one variable. */
export function variableReference(text: string): string | undefined {
  const m = /^\s*(?:\$(\w+)|\[\[(\w+?)(?::\w+)?\]\]|\$\{(\w+)(?:\.[^:}]+)?(?::[^}]+)?\})\s*$/.exec(text);
  return m ? (m[1] ?? m[2] ?? m[3]) : undefined;
}

/** Lexical context of each offset: inside a string literal, a `[...]` range, or right after `offset`. */
function contextAt(text: string, from: number, stringRanges: Array<[number, number]>, bracketRanges: Array<[number, number]>): VariableContext {
  for (const [a, b] of stringRanges) if (from > a && from < b) return 'string';
  for (const [a, b] of bracketRanges) if (from > a && from < b) return 'range';
  if (/\boffset\s*-?\s*$/i.test(text.slice(Math.max(0, from - 12), from))) return 'offset';
  return 'expr';
}

/** Finds string literals ("...", '...', `...`) and `[...]` ranges outside strings (not `[[var]]`). */
function lexicalRanges(text: string): { strings: Array<[number, number]>; brackets: Array<[number, number]> } {
  const strings: Array<[number, number]> = [];
  const brackets: Array<[number, number]> = [];
  let i = 0;
  let open = -1;
  while (i < text.length) {
    const c = text[i];
    if (c === '#') {
      // PromQL and LogQL line comments: quotes and brackets inside them mean nothing.
      const nl = text.indexOf('\n', i);
      i = nl < 0 ? text.length : nl + 1;
      continue;
    }
    if (c === '"' || c === "'" || c === '`') {
      const start = i;
      i++;
      while (i < text.length && text[i] !== c) i += text[i] === '\\' && c !== '`' ? 2 : 1;
      strings.push([start, Math.min(i, text.length)]);
      i++;
      continue;
    }
    if (c === '[' && text[i + 1] === '[') {
      const v = /^\[\[\w+?(?::\w+)?\]\]/.exec(text.slice(i, i + 200));
      if (v) {
        i += v[0].length;
        continue;
      }
    }
    if (c === '[') open = i;
    else if (c === ']' && open >= 0) {
      brackets.push([open, i]);
      open = -1;
    }
    i++;
  }
  if (open >= 0) brackets.push([open, text.length]);
  return { strings, brackets };
}

function placeholderFor(name: string, format: string | undefined, context: VariableContext, next: string): string {
  if (NUMERIC_MACROS.has(name)) return PLACEHOLDER.number;
  if (context === 'string') return PLACEHOLDER.string;
  if (context === 'range' || context === 'offset') {
    // `[${window}s]` or `[$__interval_ms ms]`-style: the unit follows the variable.
    if (/[a-z]/i.test(next)) return '1';
    return PLACEHOLDER.duration;
  }
  if (INTERVAL_MACROS.has(name)) return PLACEHOLDER.duration;
  if (format === 'doublequote' || format === 'json') return `"${PLACEHOLDER.string}"`;
  if (format === 'singlequote') return `'${PLACEHOLDER.string}'`;
  return PLACEHOLDER.identifier;
}

/**
 * Replaces every Grafana variable in `text` with a parseable placeholder, keeping an offset map.
 * `overrides` forces the placeholder of the n-th occurrence (e.g. a binary operator for `a $op b`).
 */
export function substituteVariables(text: string, overrides?: ReadonlyMap<number, string>): Substitution {
  const { strings, brackets } = lexicalRanges(text);
  const variables: VariableOccurrence[] = [];
  let out = '';
  let last = 0;
  VARIABLE_RE.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = VARIABLE_RE.exec(text))) {
    const from = m.index;
    const to = from + m[0].length;
    const syntax: VariableOccurrence['syntax'] = m[1] !== undefined ? '$var' : m[2] !== undefined ? '[[var]]' : '${var}';
    const name = m[1] ?? m[2] ?? m[4];
    const format = m[3] ?? m[6];
    const nameFrom = from + (syntax === '$var' ? 1 : 2);
    const context = contextAt(text, from, strings, brackets);
    const placeholder = overrides?.get(variables.length) ?? placeholderFor(name, format, context, text[to] ?? '');
    out += text.slice(last, from);
    const subFrom = out.length;
    out += placeholder;
    variables.push({ name, format, syntax, context, from, to, nameFrom, nameTo: nameFrom + name.length, subFrom, subTo: out.length, placeholder });
    last = to;
  }
  out += text.slice(last);

  const toOriginal = (i: number, bias: 'start' | 'end' = 'start'): number => {
    let delta = 0;
    for (const v of variables) {
      if (i < v.subFrom) break;
      // Inside a placeholder: the start of a range maps to the variable's start, the end to its end.
      if (i === v.subFrom) return v.from;
      if (i < v.subTo) return bias === 'end' ? v.to : v.from;
      delta = v.to - v.subTo;
    }
    return Math.max(0, Math.min(text.length, i + delta));
  };
  return {
    original: text,
    text: out,
    variables,
    toOriginal,
    variablesIn: (from, to) => variables.filter((v) => v.subFrom < Math.max(to, from + 1) && v.subTo > from),
    originalText: (from, to) => text.slice(toOriginal(from, 'start'), toOriginal(to, 'end')),
  };
}
