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
  if (!o) return fn();
  return o.trace.getTracer('obslint').startActiveSpan(name, { attributes }, async (span) => {
    try {
      return await fn();
    } catch (e) {
      span.recordException(e as Error);
      span.setStatus({ code: o.SpanStatusCode.ERROR, message: (e as Error).message });
      throw e;
    } finally {
      span.end();
    }
  });
}
