import type * as ESTree from 'estree';
import { QUIET_LEVELS, findAncestor, findNode, isFunctionNode, unwrapTs, type ParentedNode } from '@obslint/core/code';
import { asRuleNode, defineLogRule, logCallVisitors } from '../define-log-rule.js';

const LOOPS = new Set(['ForStatement', 'ForInStatement', 'ForOfStatement', 'WhileStatement', 'DoWhileStatement']);

/** Conditional positions: the call only runs on some iterations (a guarded, sampled or rare branch). */
function isConditional(a: ParentedNode, child: ParentedNode): boolean {
  switch (a.type) {
    case 'IfStatement':
    case 'ConditionalExpression':
      return child !== a.test;
    case 'LogicalExpression':
      return child === a.right;
    case 'SwitchCase':
    case 'CatchClause':
      return true;
    default:
      return false;
  }
}

/** `for (const x of [a, b, c])`: iterates over a literal list, a bounded number of times. */
function boundedLoop(loop: ESTree.Node, maxItems: number): boolean {
  if (loop.type !== 'ForOfStatement' && loop.type !== 'ForInStatement') return false;
  const r = unwrapTs(loop.right);
  return (r.type === 'ArrayExpression' && r.elements.length <= maxItems) || (r.type === 'ObjectExpression' && r.properties.length <= maxItems);
}

const LEAVES = new Set(['BreakStatement', 'ReturnStatement', 'ThrowStatement']);

/**
 * Where the last `break`, `return` or `throw` of each block starts (-1: none), found once per block: a block
 * of 20,000 statements with a log call in each was scanned once per call before (a 1.5 MB file took 21 s).
 */
const lastLeaveStart = new WeakMap<ESTree.Node, number>();

/** `…; log(); break;`: a statement after the call in the same block leaves the loop, so the call runs once. */
function leavesAfter(block: ParentedNode, child: ParentedNode): boolean {
  if (block.type !== 'BlockStatement') return false;
  let last = lastLeaveStart.get(block);
  if (last === undefined) {
    const leave = block.body.findLast((s) => LEAVES.has(s.type));
    last = leave ? leave.range![0] : -1;
    lastLeaveStart.set(block, last);
  }
  return child.range![0] < last;
}

/**
 * A loop that awaits in its body does sequential asynchronous work (migrations, restarts, retries): every
 * iteration already costs a round trip, and a line per step is progress reporting. `for await` over a
 * stream or queue still counts: its volume follows the data.
 */
function awaitsInBody(loop: ESTree.Node): boolean {
  if (loop.type === 'ForOfStatement' && loop.await) return false;
  let awaits = loopAwaits.get(loop);
  if (awaits === undefined) {
    awaits = !!findNode((loop as ESTree.ForStatement).body, (n) => n.type === 'AwaitExpression' || (n.type === 'ForOfStatement' && n.await), isFunctionNode);
    loopAwaits.set(loop, awaits);
  }
  return awaits;
}

/** `awaitsInBody` of each loop, found once per loop (not once per log call in it). */
const loopAwaits = new WeakMap<ESTree.Node, boolean>();

/** The loop whose body runs the call on every iteration (no function boundary, condition or exit in between). */
function enclosingLoop(call: ESTree.Node): ESTree.Node | undefined {
  let loop: ESTree.Node | undefined;
  findAncestor(call, (a, child) => {
    if (isFunctionNode(a) || isConditional(a, child) || leavesAfter(a, child)) return true;
    if (LOOPS.has(a.type) && child === (a as ESTree.ForStatement).body) {
      loop = a;
      return true;
    }
    return LOOPS.has(a.type); // in a loop's test, init or update: not the body
  });
  return loop;
}

export const noLogInLoop = defineLogRule<{ maxLiteralItems: number }>({
  id: 'log/no-log-in-loop',
  description: 'An info-or-louder log call directly inside a loop body: one line per iteration, unbounded volume.',
  severity: 'warning',
  preset: 'recommended',
  messages: {
    inLoop:
      'This {{level}} log runs on every iteration of the loop on line {{line}}: log volume grows with the data. Log once after the loop with a count or summary fields, lower it to debug, or guard it (sampling, first failure only).',
  },
  options: {
    maxLiteralItems: { type: 'integer', minimum: 0, description: 'Loops over an array or object literal with at most this many items are bounded and allowed.' },
  },
  defaultOptions: { maxLiteralItems: 10 },
  create(context, { maxLiteralItems }) {
    return logCallVisitors(context, (call) => {
      if (QUIET_LEVELS.has(call.level)) return;
      const loop = enclosingLoop(call.call);
      if (!loop || boundedLoop(loop, maxLiteralItems) || awaitsInBody(loop)) return;
      context.report({ node: asRuleNode(call.call), messageId: 'inLoop', data: { level: call.level === 'log' ? 'info' : call.level, line: loop.loc!.start.line } });
    });
  },
});
