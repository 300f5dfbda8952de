/**
 * OpenTelemetry tracing, off unless `OTEL_EXPORTER_OTLP_ENDPOINT` is set (or a test installs an
 * exporter). Spans: one per HTTP request (`HTTP <method> <route>`), one per job
 * (`job <task>`), one per workflow step run (`step <id>`), nested through the active context,
 * exported over OTLP/HTTP. With tracing off, `withSpan` costs one no-op span from the API.
 */
import { context, trace, SpanStatusCode, type Attributes, type Span } from "@opentelemetry/api";
import { BatchSpanProcessor, SimpleSpanProcessor, type SpanExporter } from "@opentelemetry/sdk-trace-base";
import { NodeTracerProvider } from "@opentelemetry/sdk-trace-node";
import { OTLPTraceExporter } from "@opentelemetry/exporter-trace-otlp-http";
import { Resource } from "@opentelemetry/resources";

let provider: NodeTracerProvider | null = null;

/** Starts tracing when configured; `exporter` (tests) replaces OTLP and exports synchronously. */
export function startTracing(exporter?: SpanExporter): boolean {
  if (provider) return true;
  if (!exporter && !process.env.OTEL_EXPORTER_OTLP_ENDPOINT) return false;
  provider = new NodeTracerProvider({
    resource: new Resource({ "service.name": process.env.OTEL_SERVICE_NAME ?? "neighbourhood" }),
    spanProcessors: [exporter ? new SimpleSpanProcessor(exporter) : new BatchSpanProcessor(new OTLPTraceExporter())],
  });
  provider.register();
  return true;
}

export async function stopTracing(): Promise<void> {
  await provider?.shutdown();
  provider = null;
}

const tracer = () => trace.getTracer("neighbourhood");

/** Runs `fn` inside a child span of the active one; records errors and ends the span. */
export async function withSpan<T>(name: string, attributes: Attributes, fn: (span: Span) => Promise<T>): Promise<T> {
  return tracer().startActiveSpan(name, { attributes }, async (span) => {
    try {
      return await fn(span);
    } catch (e) {
      span.recordException(e as Error);
      span.setStatus({ code: SpanStatusCode.ERROR, message: e instanceof Error ? e.message : String(e) });
      throw e;
    } finally {
      span.end();
    }
  });
}

/** The active trace id (for log lines), or undefined with tracing off. */
export function activeTraceId(): string | undefined {
  const ctx = trace.getSpanContext(context.active());
  return ctx && ctx.traceId !== "00000000000000000000000000000000" ? ctx.traceId : undefined;
}
