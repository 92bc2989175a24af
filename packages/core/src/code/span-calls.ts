import type * as ESTree from 'estree';
import type { KnownLibrary } from './library-bindings.js';
import { memberPath, unwrapExpression } from './metric-expressions.js';

/** Span creation in code: `tracer.startSpan(name, ...)`, `tracer.startActiveSpan(name, ...)`. */
export interface SpanCall {
  call: ESTree.CallExpression;
  method: 'startSpan' | 'startActiveSpan';
  /** The span-name argument. */
  name: ESTree.Node;
}

const TRACER_NAME = /tracer$/i;

/**
 * Recognises span creation on a tracer: an object named like a tracer (`tracer`, `this.tracer`,
 * `appTracer`), one from `@opentelemetry/api` (`libraryOf`), or `trace.getTracer(...)` in place.
 */
export function recognizeSpanCall(call: ESTree.CallExpression, libraryOf: (root: string) => KnownLibrary | undefined = () => undefined): SpanCall | undefined {
  const callee = unwrapExpression(call.callee as ESTree.Node);
  if (callee.type !== 'MemberExpression' || callee.computed || callee.property.type !== 'Identifier') return undefined;
  const method = callee.property.name;
  if (method !== 'startSpan' && method !== 'startActiveSpan') return undefined;
  const name = call.arguments[0];
  if (!name || name.type === 'SpreadElement') return undefined;
  const obj = unwrapExpression(callee.object);
  const path = memberPath(obj);
  let tracer = path !== undefined && (TRACER_NAME.test(path.split('.').pop()!) || libraryOf(path.split('.')[0]) === 'opentelemetry');
  if (!tracer && obj.type === 'CallExpression') tracer = /getTracer$/.test(memberPath(obj.callee as ESTree.Node) ?? '');
  return tracer ? { call, method, name: name as ESTree.Node } : undefined;
}

/** Parts of a span name that are bounded although they are variables: HTTP methods and route templates. */
export function isBoundedSpanNamePart(part: ESTree.Node): boolean {
  const p = memberPath(part);
  if (p === undefined) return false;
  const segs = p.split('.');
  const last = segs[segs.length - 1];
  if (segs.length > 1 && segs[segs.length - 2] === 'route' && last === 'path') return true;
  return /^(method|httpMethod|http_method|verb|route|routePath|routeTemplate|httpRoute|http_route|pathTemplate|path_template|operationName|operation|spanName|commandName|queueName|topic|topicName|tableName|className)$/.test(last);
}
