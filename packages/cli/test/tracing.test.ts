import { resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { trace, type Span, type Tracer, type TracerProvider } from '@opentelemetry/api';
import { runCli } from './ci-helpers.js';

/** A tracer provider that records span names, parents and attributes (what an OpenTelemetry SDK would export). */
function recordingProvider(spans: Array<{ name: string; attributes: Record<string, unknown>; ended: boolean }>): TracerProvider {
  const tracer = {
    startSpan(name: string, options?: { attributes?: Record<string, unknown> }) {
      const rec = { name, attributes: { ...(options?.attributes ?? {}) }, ended: false };
      spans.push(rec);
      const span = {
        end: () => void (rec.ended = true),
        setAttribute: () => span,
        setAttributes: () => span,
        setStatus: () => span,
        recordException: () => undefined,
        isRecording: () => true,
      };
      return span as unknown as Span;
    },
    startActiveSpan(name: string, ...args: unknown[]) {
      const fn = args[args.length - 1] as (s: Span) => unknown;
      const options = args.length > 1 ? (args[0] as { attributes?: Record<string, unknown> }) : undefined;
      return fn(tracer.startSpan(name, options));
    },
  } as unknown as Tracer;
  return { getTracer: () => tracer };
}

afterAll(() => trace.disable());

describe('OpenTelemetry spans', () => {
  it('without an SDK, a run installs nothing in the OpenTelemetry global registry', async () => {
    const r = await runCli(resolve(import.meta.dirname, '../../../examples/clean'), ['.']);
    expect(r.code).toBe(0);
    expect((globalThis as Record<symbol, unknown>)[Symbol.for('opentelemetry.js.api.1')]).toBeUndefined();
  });

  it('with a tracer provider registered, a run reports a span per phase, all ended', async () => {
    const spans: Array<{ name: string; attributes: Record<string, unknown>; ended: boolean }> = [];
    trace.setGlobalTracerProvider(recordingProvider(spans));
    const r = await runCli(resolve(import.meta.dirname, '../../../examples/demo'), ['.', '-f', 'json']);
    expect(r.code).toBe(1);
    // Code is linted file by file in obslint.files (each code file parsed once): no obslint.code phase after it.
    expect(spans.map((s) => s.name)).toEqual(['obslint.run', 'obslint.files', 'obslint.repo', 'obslint.report']);
    expect(spans.every((s) => s.ended)).toBe(true);
    expect(spans[0].attributes['obslint.files']).toBeGreaterThan(3);
  });
});
