/**
 * OpenTelemetry spans for a run's phases, through `@opentelemetry/api`. Without an SDK the API is a no-op;
 * obslint then does not even load it (about 50 modules at start-up): an SDK that registers a tracer
 * provider, context manager or propagator creates the API's global registry, and only then are spans made.
 */
type OtelApi = typeof import('@opentelemetry/api');

const OTEL_GLOBAL = Symbol.for('opentelemetry.js.api.1');

let api: OtelApi | undefined;

async function otel(): Promise<OtelApi | undefined> {
  if (!(globalThis as Record<symbol, unknown>)[OTEL_GLOBAL]) return undefined;
  api ??= await import('@opentelemetry/api');
  return api;
}

/** Runs `fn` inside an active span `name` (ended when `fn` settles); just runs it when no SDK is registered. */
export async function withSpan<T>(name: string, fn: () => Promise<T> | T, attributes?: Record<string, string | number>): Promise<T> {
  const o = await otel();
  return o ? inSpan(o, name, fn, attributes) : fn();
}

/** `withSpan` for synchronous work: a span only when an SDK is registered and the API is already loaded. */
export function withSpanSync<T>(name: string, fn: () => T, attributes?: Record<string, string | number>): T {
  const o = (globalThis as Record<symbol, unknown>)[OTEL_GLOBAL] ? api : undefined;
  return o ? inSpan(o, name, fn, attributes) : fn();
}

/** `fn` in an active span, ended when it returns or, for a promise, when that settles; failures are recorded. */
function inSpan<T>(o: OtelApi, name: string, fn: () => T, attributes?: Record<string, string | number>): T {
  return o.trace.getTracer('obslint').startActiveSpan(name, { attributes }, (span) => {
    const failed = (e: unknown): never => {
      span.recordException(e as Error);
      span.setStatus({ code: o.SpanStatusCode.ERROR, message: (e as Error).message });
      span.end();
      throw e;
    };
    let result: T;
    try {
      result = fn();
    } catch (e) {
      return failed(e);
    }
    if (result instanceof Promise) {
      return result.then((v: unknown) => {
        span.end();
        return v;
      }, failed) as T;
    }
    span.end();
    return result;
  });
}
