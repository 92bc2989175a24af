import { createHash } from 'node:crypto';
import { createRequire } from 'node:module';
import type * as TypeScript from 'typescript';

/**
 * TypeScript, loaded by the first entity asked for (a run over JavaScript without findings never loads it), and
 * through `require`, not `import`: importing its 9 MB CommonJS file from an ES module makes Node scan it for
 * export names and check it for ES module syntax first (~250 ms of every run with code, measured on the shop
 * example: 1.0 s in all before).
 */
let ts: typeof TypeScript;
const loadTypeScript = () => (ts ??= createRequire(import.meta.url)('typescript') as typeof TypeScript);

/** A position as ESLint reports it: 1-based line and column (UTF-16 code units). */
export interface CodePosition {
  line: number;
  column: number;
  endLine?: number;
  endColumn?: number;
}

/** Longest normalized call text kept verbatim in an entity; longer ones end in a hash of the whole. */
const MAX_CALL_TEXT = 200;

const LINE_BREAK = /\r\n|[\r\n\u2028\u2029]/g;

function lineStarts(text: string): number[] {
  const starts = [0];
  for (const m of text.matchAll(LINE_BREAK)) starts.push(m.index + m[0].length);
  return starts;
}

function scriptKind(path: string): TypeScript.ScriptKind {
  const ext = /\.([cm]?[jt]sx?)$/i.exec(path)?.[1].toLowerCase() ?? 'js';
  if (ext.endsWith('tsx')) return ts.ScriptKind.TSX;
  if (ext.endsWith('ts')) return ts.ScriptKind.TS;
  return ts.ScriptKind.JSX; // JS, with JSX allowed (as ESLint is configured for .js files)
}

function isFunctionLike(n: TypeScript.Node): n is TypeScript.SignatureDeclaration {
  return (
    ts.isFunctionDeclaration(n) ||
    ts.isFunctionExpression(n) ||
    ts.isArrowFunction(n) ||
    ts.isMethodDeclaration(n) ||
    ts.isConstructorDeclaration(n) ||
    ts.isGetAccessorDeclaration(n) ||
    ts.isSetAccessorDeclaration(n)
  );
}

function nameText(name: TypeScript.Node | undefined, sf: TypeScript.SourceFile): string | undefined {
  if (!name) return undefined;
  if (ts.isIdentifier(name) || ts.isPrivateIdentifier(name) || ts.isStringLiteral(name) || ts.isNumericLiteral(name)) return name.text;
  return normalizeCode(name, sf);
}

function className(n: TypeScript.Node): string | undefined {
  const parent = n.parent;
  if (parent && (ts.isClassDeclaration(parent) || ts.isClassExpression(parent))) {
    return parent.name?.text ?? (ts.isVariableDeclaration(parent.parent) && ts.isIdentifier(parent.parent.name) ? parent.parent.name.text : '<class>');
  }
  return undefined;
}

/**
 * The name of a function-like node: its own name, the variable, property or assignment target it is bound to,
 * `Class.method` for class members, or `callee()` for an anonymous callback passed to a call.
 */
function functionName(fn: TypeScript.SignatureDeclaration, sf: TypeScript.SourceFile): string {
  const member = (name: string | undefined) => {
    const cls = className(fn) ?? (fn.parent && ts.isPropertyDeclaration(fn.parent) ? className(fn.parent) : undefined);
    return cls && name ? `${cls}.${name}` : name;
  };
  if (ts.isConstructorDeclaration(fn)) return `${className(fn) ?? '<class>'}.constructor`;
  const own = fn.name ? nameText(fn.name, sf) : undefined;
  if (own && !ts.isFunctionExpression(fn)) return member(own)!;
  const p = fn.parent;
  if (p) {
    if (ts.isVariableDeclaration(p) || ts.isPropertyAssignment(p) || ts.isPropertyDeclaration(p)) return member(nameText(p.name, sf)) ?? own ?? '<anonymous>';
    if (ts.isBinaryExpression(p) && p.operatorToken.kind === ts.SyntaxKind.EqualsToken) return normalizeCode(p.left, sf);
    if (own) return own;
    if ((ts.isCallExpression(p) || ts.isNewExpression(p)) && p.expression !== fn) return `${normalizeCode(p.expression, sf)}()`;
  }
  return own ?? '<anonymous>';
}

function isWordish(s: string, atEnd: boolean): boolean {
  return atEnd ? /[\w$#]$/.test(s) : /^[\w$#]/.test(s);
}

/**
 * Source text of a node with formatting removed: comments and whitespace dropped, string quotes unified,
 * trailing commas removed. Reformatting a call (Prettier, line breaks) does not change it.
 */
export function normalizeCode(node: TypeScript.Node, sf: TypeScript.SourceFile): string {
  loadTypeScript();
  const tokens: string[] = [];
  const visit = (n: TypeScript.Node): void => {
    const children = n.getChildren(sf);
    if (children.length === 0 || ts.isStringLiteral(n) || ts.isNoSubstitutionTemplateLiteral(n)) {
      if (n.kind === ts.SyntaxKind.EndOfFileToken) return;
      if (ts.isStringLiteral(n)) tokens.push(JSON.stringify(n.text));
      else if (n.kind !== ts.SyntaxKind.SyntaxList) tokens.push(n.getText(sf));
      return;
    }
    children.forEach(visit);
  };
  visit(node);
  let out = '';
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i];
    if (t === ',' && /^[)\]}>]/.test(tokens[i + 1] ?? ')')) continue;
    if (out && isWordish(out, true) && isWordish(t, false)) out += ' ';
    out += t;
  }
  if (out.length <= MAX_CALL_TEXT) return out;
  return `${out.slice(0, MAX_CALL_TEXT)}…#${createHash('sha256').update(out).digest('hex').slice(0, 8)}`;
}

/** The index of the first node ending at or after `end` in nodes sorted by position (`nodes.length`: none). */
function firstEndingAtOrAfter(nodes: readonly TypeScript.Node[], end: number): number {
  let lo = 0;
  let hi = nodes.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (nodes[mid].end < end) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function contains(n: TypeScript.Node, sf: TypeScript.SourceFile, start: number, end: number): boolean {
  return n.getStart(sf) <= start && end <= n.getEnd();
}

/**
 * The semantic identity of a code finding: `code:<enclosing functions>/<call>`. Enclosing functions are
 * listed outermost first, joined by ` > ` (`<module>` at top level); the call is the innermost call or `new`
 * expression around the finding inside that function, normalized (no whitespace, comments, quote style or
 * trailing commas). When there is no such call, the reported node's normalized text stands in for it.
 */
export function codeEntity(sf: TypeScript.SourceFile, start: number, end: number): string {
  loadTypeScript();
  const fns: string[] = [];
  let call: TypeScript.Node | undefined;
  let innermost: TypeScript.Node = sf;
  const visit = (n: TypeScript.Node): void => {
    const children = n.getChildren(sf);
    // Children are in source order and do not overlap: the first that can hold the range is found by binary
    // search (a block of 20,000 statements was scanned child by child for each finding in it), then the first
    // that does hold it, as a scan from the start would find it.
    for (let i = firstEndingAtOrAfter(children, end); i < children.length && children[i].pos <= start; i++) {
      const child = children[i];
      if (!contains(child, sf, start, end)) continue;
      if (isFunctionLike(child)) {
        fns.push(functionName(child, sf));
        call = undefined; // a call must lie inside the innermost function, or it would span its whole body
      } else if (ts.isCallExpression(child) || ts.isNewExpression(child) || ts.isTaggedTemplateExpression(child)) call = child;
      // Tokens and syntax lists stand for too little: keep the smallest enclosing node.
      if (child.kind > ts.SyntaxKind.LastToken && child.kind !== ts.SyntaxKind.SyntaxList) innermost = child;
      visit(child);
      return;
    }
  };
  visit(sf);
  const site = call ?? innermost;
  return `code:${fns.length ? fns.join(' > ') : '<module>'}/${site === sf ? '' : normalizeCode(site, sf)}`;
}

/** Entities for positions in one source text; parses the text once (TypeScript's parser; JS, JSX, TS, TSX). */
export function codeEntities(source: string, filePath: string, positions: readonly CodePosition[], parsed?: TypeScript.SourceFile): string[] {
  loadTypeScript();
  // The linter's own TypeScript tree of this text when there is one (typescript-eslint's, with parent nodes).
  const sf = parsed?.text === source ? parsed : ts.createSourceFile(filePath, source, ts.ScriptTarget.Latest, true, scriptKind(filePath));
  const starts = lineStarts(source);
  const offset = (line: number, column: number) => Math.min(source.length, (starts[Math.max(0, line - 1)] ?? source.length) + Math.max(0, column - 1));
  return positions.map((p) => {
    const start = offset(p.line, p.column);
    const end = Math.max(start, p.endLine !== undefined ? offset(p.endLine, p.endColumn ?? p.column) : start);
    return codeEntity(sf, start, end);
  });
}
