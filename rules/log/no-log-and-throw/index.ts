import type * as ESTree from 'estree';
import { ERROR_LEVELS, QUIET_LEVELS, findAncestor, findNode, isFunctionNode, unwrapTs, type LogCall } from '@obslint/core/code';
import { asRuleNode, defineLogRule, logCallVisitors } from '../define-log-rule.js';

const EXIT = new Set(['ReturnStatement', 'ContinueStatement', 'BreakStatement', 'ThrowStatement']);

/** For each block (or switch case) between `node` and `stop`: the index of the statement holding `node`. */
function positions(node: ESTree.Node, stop: ESTree.Node): Map<ESTree.Node, number> {
  const out = new Map<ESTree.Node, number>();
  findAncestor(node, (a, child) => {
    const body = a.type === 'BlockStatement' ? a.body : a.type === 'SwitchCase' ? a.consequent : undefined;
    if (body) out.set(a, (body as ESTree.Node[]).indexOf(child));
    return a === stop;
  });
  return out;
}

function statements(block: ESTree.Node): ESTree.Node[] {
  return (block.type === 'BlockStatement' ? block.body : (block as ESTree.SwitchCase).consequent) as ESTree.Node[];
}

/**
 * The `throw <param>` of a catch clause that runs after `log` on the same path: in the nearest block holding
 * both, the log's statement comes first and does not itself return, throw, break or continue.
 */
function rethrowAfter(log: ESTree.Node, handler: ESTree.CatchClause, param: string): ESTree.ThrowStatement | undefined {
  const logPos = positions(log, handler.body);
  const follows = (t: ESTree.ThrowStatement): boolean => {
    const arg = unwrapTs(t.argument);
    if (arg.type !== 'Identifier' || arg.name !== param || t.range![0] < log.range![1]) return false;
    const throwPos = positions(t, handler.body);
    for (const [block, i] of logPos) {
      const j = throwPos.get(block);
      if (j === undefined) continue;
      const logStatement = statements(block)[i];
      return i < j && !findNode(logStatement, (n) => EXIT.has(n.type), isFunctionNode);
    }
    return false;
  };
  return findNode(handler.body, (n) => n.type === 'ThrowStatement' && follows(n), (n) => isFunctionNode(n) || n.type === 'CatchClause') as ESTree.ThrowStatement | undefined;
}

/** The catch clause whose body holds `call` without a function boundary in between. */
function enclosingCatch(call: ESTree.Node): ESTree.CatchClause | undefined {
  const c = findAncestor(call, (a) => a.type === 'CatchClause' || isFunctionNode(a));
  return c?.type === 'CatchClause' ? c : undefined;
}

/** A log call reports the error when it is at error level or louder, or mentions the caught error. */
function reportsError(call: LogCall, param: string): boolean {
  if (QUIET_LEVELS.has(call.level)) return false;
  return ERROR_LEVELS.has(call.level) || call.args.some((a) => findNode(a, (n) => n.type === 'Identifier' && n.name === param, isFunctionNode));
}

export const noLogAndThrow = defineLogRule({
  id: 'log/no-log-and-throw',
  description: 'A catch block that logs the caught error and rethrows it: the error is reported twice.',
  severity: 'warning',
  preset: 'recommended',
  messages: {
    logAndThrow:
      'The caught error "{{name}}" is logged here and rethrown on line {{line}}: whoever handles it will report it again. Either handle and log it here, or rethrow it (wrapped with { cause }) and let the handler log it.',
  },
  defaultOptions: {},
  create(context) {
    return logCallVisitors(context, (call) => {
      const handler = enclosingCatch(call.call);
      if (!handler || handler.param?.type !== 'Identifier') return;
      const param = handler.param.name;
      if (!reportsError(call, param)) return;
      const rethrow = rethrowAfter(call.call, handler, param);
      if (rethrow) context.report({ node: asRuleNode(call.call), messageId: 'logAndThrow', data: { name: param, line: rethrow.loc!.start.line } });
    });
  },
});
