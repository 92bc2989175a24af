/**
 * Prometheus alert label/annotation templates, parsed the way Go's text/template does for what matters to
 * linting: actions and pipelines, `{{- -}}` trimming, comments, `if`/`range`/`with`/`else`/`end` blocks,
 * variable scopes, and the references to the alert's labels and value. Prometheus prepends
 * `{{$labels := .Labels}}{{$externalLabels := .ExternalLabels}}{{$externalURL := .ExternalURL}}{{$value := .Value}}`.
 */

import { textCache } from './text-cache.js';

export interface TemplateError {
  message: string;
  /** Offsets into the template text. */
  from: number;
  to: number;
}

/** A reference to a label of the alert: `$labels.x`, `.Labels.x`, `index $labels "x"`. */
export interface TemplateLabelRef {
  name: string;
  from: number;
  to: number;
}

/** A use of the alert's value: `$value`, `.Value`, or a value-dependent function (`humanize*`, `query`). */
export interface TemplateValueRef {
  text: string;
  from: number;
  to: number;
}

export interface TemplateAction {
  /** Offsets of the whole action, `{{` to `}}` inclusive. */
  from: number;
  to: number;
  keyword?: string;
  trimLeft: boolean;
  trimRight: boolean;
}

export interface TemplateParse {
  text: string;
  actions: TemplateAction[];
  errors: TemplateError[];
  labelRefs: TemplateLabelRef[];
  valueRefs: TemplateValueRef[];
  functions: Array<{ name: string; from: number; to: number }>;
}

/** Functions of Go's text/template. */
export const GO_TEMPLATE_FUNCTIONS = [
  'and', 'call', 'html', 'index', 'slice', 'js', 'len', 'not', 'or', 'print', 'printf', 'println', 'urlquery',
  'eq', 'ge', 'gt', 'le', 'lt', 'ne',
];

/** Functions Prometheus adds to alert templates (template/template.go). */
export const PROMETHEUS_TEMPLATE_FUNCTIONS = [
  'query', 'first', 'label', 'value', 'strvalue', 'args', 'reReplaceAll', 'safeHtml', 'match', 'title', 'toUpper',
  'toLower', 'graphLink', 'tableLink', 'sortByLabel', 'humanize', 'humanize1024', 'humanizeDuration',
  'humanizePercentage', 'humanizeTimestamp', 'toTime', 'toDuration', 'now', 'pathPrefix', 'externalURL',
  'parseDuration', 'stripPort', 'stripDomain', 'urlQueryEscape',
];

const KNOWN_FUNCTIONS = new Set([...GO_TEMPLATE_FUNCTIONS, ...PROMETHEUS_TEMPLATE_FUNCTIONS]);
/** Functions whose result depends on the alert's value or on queries at evaluation time. */
const VALUE_FUNCTIONS = /^(humanize\w*|query)$/;
const PREDEFINED_VARIABLES = ['$', '$labels', '$externalLabels', '$externalURL', '$value'];
const BLOCK_KEYWORDS = new Set(['if', 'range', 'with', 'define', 'block']);
const KEYWORDS = new Set([...BLOCK_KEYWORDS, 'else', 'end', 'template', 'break', 'continue']);

type TokKind = 'field' | 'var' | 'ident' | 'string' | 'number' | 'char' | 'pipe' | 'lparen' | 'rparen' | 'declare' | 'assign' | 'comma' | 'dot';
interface Tok {
  kind: TokKind;
  text: string;
  from: number;
  to: number;
}

const isSpace = (c: string) => c === ' ' || c === '\t' || c === '\r' || c === '\n';
const isAlnum = (c: string | undefined) => c !== undefined && /[\p{L}\p{N}_]/u.test(c);

/** Lexes the inside of one action; throws a TemplateError on bad input. */
function lexAction(text: string, from: number, to: number): Tok[] {
  const toks: Tok[] = [];
  let i = from;
  const err = (message: string, at = i): never => {
    throw { message, from: at, to: Math.min(to, at + 1) } satisfies TemplateError;
  };
  while (i < to) {
    const c = text[i];
    const start = i;
    if (isSpace(c)) {
      i++;
      continue;
    }
    if (c === '"' || c === "'") {
      // Interpreted strings and character constants: backslash escapes, no line breaks.
      i++;
      while (i < to && text[i] !== c && text[i] !== '\n') i += text[i] === '\\' ? 2 : 1;
      if (i >= to || text[i] !== c) err(c === '"' ? 'unterminated quoted string' : 'unterminated character constant', start);
      i++;
      toks.push({ kind: c === '"' ? 'string' : 'char', text: text.slice(start, i), from: start, to: i });
      continue;
    }
    if (c === '`') {
      const end = text.indexOf('`', i + 1);
      if (end < 0 || end >= to) err('unterminated raw quoted string', start);
      i = end + 1;
      toks.push({ kind: 'string', text: text.slice(start, i), from: start, to: i });
      continue;
    }
    if (c === '$') {
      i++;
      while (isAlnum(text[i])) i++;
      toks.push({ kind: 'var', text: text.slice(start, i), from: start, to: i });
      continue;
    }
    if (c === '.') {
      if (/[0-9]/.test(text[i + 1] ?? '')) {
        i++;
        while (/[0-9eE_.+-]/.test(text[i] ?? '') && i < to) i++;
        toks.push({ kind: 'number', text: text.slice(start, i), from: start, to: i });
        continue;
      }
      i++;
      if (isAlnum(text[i])) {
        while (isAlnum(text[i])) i++;
        toks.push({ kind: 'field', text: text.slice(start, i), from: start, to: i });
      } else toks.push({ kind: 'dot', text: '.', from: start, to: i });
      continue;
    }
    if (/[0-9+-]/.test(c)) {
      i++;
      while (i < to && /[0-9a-zA-Z_.+-]/.test(text[i]) && !(text[i] === '-' && !/[eEpP]/.test(text[i - 1]))) i++;
      const num = text.slice(start, i);
      if (!/^[+-]?(0[xXoObB][0-9a-fA-F_]+|[0-9_]*\.?[0-9_]+([eE][+-]?[0-9]+)?|[0-9_]+\.)$/.test(num)) err(`bad number syntax: "${num}"`, start);
      toks.push({ kind: 'number', text: num, from: start, to: i });
      continue;
    }
    if (isAlnum(c)) {
      while (isAlnum(text[i])) i++;
      toks.push({ kind: 'ident', text: text.slice(start, i), from: start, to: i });
      continue;
    }
    if (c === ':' && text[i + 1] === '=') {
      i += 2;
      toks.push({ kind: 'declare', text: ':=', from: start, to: i });
      continue;
    }
    const single: Record<string, TokKind> = { '|': 'pipe', '(': 'lparen', ')': 'rparen', '=': 'assign', ',': 'comma' };
    if (c in single) {
      i++;
      toks.push({ kind: single[c], text: c, from: start, to: i });
      continue;
    }
    err(`unexpected "${c}" in command`, start);
  }
  return toks;
}

interface Scope {
  keyword: string;
  from: number;
  vars: Set<string>;
  /** Whether `.` is the alert data (`.Labels`, `.Value`) in this block. */
  dotIsData: boolean;
  hasElse: boolean;
  parentDotIsData: boolean;
}

/**
 * Parses a Prometheus alert template (a label value or an annotation). Never throws. One parse per text and
 * run (alerts repeat their summaries and labels): treat the result as read-only.
 */
export const parseTemplate: (text: string) => TemplateParse = textCache(100_000, computeTemplate);

function computeTemplate(text: string): TemplateParse {
  const res: TemplateParse = { text, actions: [], errors: [], labelRefs: [], valueRefs: [], functions: [] };
  const scopes: Scope[] = [{ keyword: 'top', from: 0, vars: new Set(PREDEFINED_VARIABLES), dotIsData: true, hasElse: false, parentDotIsData: true }];
  let pos = 0;
  while (pos < text.length) {
    const open = text.indexOf('{{', pos);
    if (open < 0) break;
    let innerFrom = open + 2;
    const trimLeft = text[innerFrom] === '-' && isSpace(text[innerFrom + 1] ?? '');
    if (trimLeft) innerFrom += 2;
    // Comments: {{/* ... */}}
    const afterSpace = trimLeft ? innerFrom + skipSpaces(text, innerFrom) : innerFrom;
    if (text.startsWith('/*', afterSpace)) {
      const endC = text.indexOf('*/', afterSpace + 2);
      const close = endC < 0 ? -1 : text.slice(endC + 2).search(/^\s*-?\s*\}\}|^\}\}/);
      if (endC < 0 || close < 0) {
        res.errors.push({ message: endC < 0 ? 'unclosed comment' : 'comment ends before closing delimiter', from: open, to: open + 2 });
        return res;
      }
      const closeAt = text.indexOf('}}', endC + 2);
      res.actions.push({ from: open, to: closeAt + 2, keyword: 'comment', trimLeft, trimRight: text[closeAt - 1] === '-' });
      pos = closeAt + 2;
      continue;
    }
    const close = findClose(text, innerFrom);
    if (close < 0) {
      res.errors.push({ message: 'unclosed action', from: open, to: open + 2 });
      return res;
    }
    let innerTo = close;
    const trimRight = text[close - 1] === '-' && isSpace(text[close - 2] ?? '');
    if (trimRight) innerTo = close - 2;
    const action: TemplateAction = { from: open, to: close + 2, trimLeft, trimRight };
    res.actions.push(action);
    pos = close + 2;
    let toks: Tok[];
    try {
      toks = lexAction(text, innerFrom, innerTo);
    } catch (e) {
      res.errors.push(e as TemplateError);
      continue;
    }
    const err = parseAction(res, toks, scopes, action, open);
    if (err) res.errors.push(err);
  }
  if (scopes.length > 1 && res.errors.length === 0) {
    const s = scopes[scopes.length - 1];
    res.errors.push({ message: `unexpected EOF: "${s.keyword}" action is not closed by "end"`, from: s.from, to: s.from + 2 });
  }
  return res;
}

function skipSpaces(text: string, i: number): number {
  let n = 0;
  while (isSpace(text[i + n] ?? '')) n++;
  return n;
}

/** Offset of the `}}` closing the action that starts at `from`, skipping quoted strings; -1 if none. */
function findClose(text: string, from: number): number {
  let i = from;
  while (i < text.length) {
    const c = text[i];
    if (c === '"' || c === "'") {
      i++;
      while (i < text.length && text[i] !== c && text[i] !== '\n') i += text[i] === '\\' ? 2 : 1;
      i++;
      continue;
    }
    if (c === '`') {
      const e = text.indexOf('`', i + 1);
      if (e < 0) return -1;
      i = e + 1;
      continue;
    }
    if (c === '}' && text[i + 1] === '}') return i;
    i++;
  }
  return -1;
}

function hasVar(scopes: Scope[], name: string): boolean {
  return scopes.some((s) => s.vars.has(name));
}

function parseAction(res: TemplateParse, toks: Tok[], scopes: Scope[], action: TemplateAction, open: number): TemplateError | undefined {
  const first = toks[0];
  if (!first) return { message: 'missing value for command', from: action.from, to: action.to };
  const top = scopes[scopes.length - 1];
  let rest = toks;
  if (first.kind === 'ident' && KEYWORDS.has(first.text)) {
    action.keyword = first.text;
    rest = toks.slice(1);
    switch (first.text) {
      case 'end':
        if (scopes.length === 1) return { message: 'unexpected "end" action', from: open, to: action.to };
        if (rest.length) return { message: `unexpected ${rest[0].text} in end`, from: rest[0].from, to: rest[0].to };
        scopes.pop();
        return undefined;
      case 'else': {
        if (scopes.length === 1 || !['if', 'range', 'with'].includes(top.keyword)) return { message: 'unexpected "else" action', from: open, to: action.to };
        if (top.hasElse && !(rest[0]?.kind === 'ident' && (rest[0].text === 'if' || rest[0].text === 'with'))) {
          return { message: 'expected "end"; found a second "else"', from: open, to: action.to };
        }
        top.vars = new Set();
        top.dotIsData = top.parentDotIsData;
        if (rest[0]?.kind === 'ident' && (rest[0].text === 'if' || rest[0].text === 'with')) {
          const kw = rest[0].text;
          rest = rest.slice(1);
          if (!rest.length) return { message: `missing value for ${kw}`, from: open, to: action.to };
          const e = parsePipeline(res, rest, scopes);
          if (kw === 'with') top.dotIsData = false;
          return e;
        }
        top.hasElse = true;
        return undefined;
      }
      case 'break':
      case 'continue':
        if (!scopes.some((s) => s.keyword === 'range')) return { message: `"${first.text}" outside "range"`, from: open, to: action.to };
        return undefined;
      case 'template':
        if (rest[0]?.kind !== 'string') return { message: 'template name must be a string', from: open, to: action.to };
        return rest.length > 1 ? parsePipeline(res, rest.slice(1), scopes) : undefined;
      default: {
        if (first.text === 'define' || first.text === 'block') {
          if (rest[0]?.kind !== 'string') return { message: `${first.text} name must be a string`, from: open, to: action.to };
          rest = rest.slice(1);
        }
        if (!rest.length && first.text !== 'define') return { message: `missing value for ${first.text}`, from: open, to: action.to };
        const scope: Scope = { keyword: first.text, from: open, vars: new Set(), dotIsData: top.dotIsData, hasElse: false, parentDotIsData: top.dotIsData };
        scopes.push(scope);
        const e = rest.length ? parsePipeline(res, rest, scopes) : undefined;
        if (first.text === 'range' || first.text === 'with' || first.text === 'define') scope.dotIsData = false;
        return e;
      }
    }
  }
  return parsePipeline(res, rest, scopes);
}

/** Parses `[$x :=] cmd | cmd | ...`, recording label/value references and function uses. */
function parsePipeline(res: TemplateParse, toks: Tok[], scopes: Scope[]): TemplateError | undefined {
  let i = 0;
  const declared: string[] = [];
  // Declarations: `$x :=`, `$i, $v :=`, assignment `$x =`.
  const decl = toks.findIndex((t) => t.kind === 'declare' || t.kind === 'assign');
  if (decl > 0 && toks.slice(0, decl).every((t) => t.kind === 'var' || t.kind === 'comma')) {
    for (const t of toks.slice(0, decl)) {
      if (t.kind !== 'var') continue;
      if (toks[decl].kind === 'assign' && !hasVar(scopes, t.text)) return { message: `undefined variable "${t.text}"`, from: t.from, to: t.to };
      declared.push(t.text);
    }
    i = decl + 1;
  }
  const body = toks.slice(i);
  if (!body.length) return { message: 'missing value for command', from: toks[0]?.from ?? 0, to: toks[toks.length - 1]?.to ?? 0 };
  let depth = 0;
  let cmdStart = 0;
  for (let k = 0; k <= body.length; k++) {
    const t = body[k];
    if (t?.kind === 'lparen') depth++;
    else if (t?.kind === 'rparen') {
      depth--;
      if (depth < 0) return { message: 'unexpected right paren', from: t.from, to: t.to };
    }
    if (k === body.length || (t.kind === 'pipe' && depth === 0)) {
      if (k === body.length && depth > 0) return { message: 'unclosed left paren', from: body[cmdStart].from, to: body[k - 1].to };
      const cmd = body.slice(cmdStart, k);
      if (!cmd.length) return { message: 'missing command', from: t?.from ?? body[k - 1].to, to: t?.to ?? body[k - 1].to };
      const e = parseCommand(res, cmd, scopes);
      if (e) return e;
      cmdStart = k + 1;
    }
  }
  const scope = scopes[scopes.length - 1];
  for (const d of declared) scope.vars.add(d);
  return undefined;
}

function parseCommand(res: TemplateParse, cmd: Tok[], scopes: Scope[]): TemplateError | undefined {
  const dotIsData = scopes[scopes.length - 1].dotIsData;
  for (let k = 0; k < cmd.length; k++) {
    const t = cmd[k];
    if (t.kind === 'declare' || t.kind === 'assign' || t.kind === 'comma') return { message: `unexpected "${t.text}" in command`, from: t.from, to: t.to };
    if (t.kind === 'ident') {
      if (t.text === 'true' || t.text === 'false' || t.text === 'nil') continue;
      if (KEYWORDS.has(t.text)) return { message: `unexpected <${t.text}> in command`, from: t.from, to: t.to };
      if (!KNOWN_FUNCTIONS.has(t.text)) return { message: `function "${t.text}" not defined`, from: t.from, to: t.to };
      res.functions.push({ name: t.text, from: t.from, to: t.to });
      if (VALUE_FUNCTIONS.test(t.text)) res.valueRefs.push({ text: t.text, from: t.from, to: t.to });
      if (t.text === 'index') {
        const coll = cmd[k + 1];
        const key = cmd[k + 2];
        const isLabels =
          (coll?.kind === 'var' && coll.text === '$labels' && key?.from !== coll.to) || (coll?.kind === 'field' && coll.text === '.Labels' && dotIsData && key?.from !== coll.to);
        if (isLabels && key?.kind === 'string') res.labelRefs.push({ name: unquoteGo(key.text), from: t.from, to: key.to });
      }
      continue;
    }
    if (t.kind === 'var') {
      if (!hasVar(scopes, t.text)) return { message: `undefined variable "${t.text}"`, from: t.from, to: t.to };
      const next = cmd[k + 1];
      if (t.text === '$labels' && next?.kind === 'field' && next.from === t.to) res.labelRefs.push({ name: next.text.slice(1), from: t.from, to: next.to });
      if (t.text === '$value') res.valueRefs.push({ text: t.text, from: t.from, to: t.to });
      // Skip the field chain that follows.
      while (cmd[k + 1]?.kind === 'field' && cmd[k + 1].from === cmd[k].to) k++;
      continue;
    }
    if (t.kind === 'field') {
      const chainStart = k;
      while (cmd[k + 1]?.kind === 'field' && cmd[k + 1].from === cmd[k].to) k++;
      if (dotIsData && chainStart === k - 1 && cmd[chainStart].text === '.Labels') {
        res.labelRefs.push({ name: cmd[k].text.slice(1), from: cmd[chainStart].from, to: cmd[k].to });
      }
      if (dotIsData && cmd[chainStart].text === '.Value') res.valueRefs.push({ text: '.Value', from: t.from, to: t.to });
      continue;
    }
  }
  return undefined;
}

function unquoteGo(s: string): string {
  if (s.startsWith('`')) return s.slice(1, -1);
  try {
    return JSON.parse(s) as string;
  } catch {
    return s.slice(1, -1);
  }
}

/** True when the text contains template actions at all (cheap pre-check). */
export function hasTemplateActions(text: string): boolean {
  return text.includes('{{');
}
