/**
 * OpenTelemetry tracing for both hosts, off unless the environment asks for
 * it. One trace follows a request across the web app, a call it forwards to
 * apps/server, Prisma's queries and the insights service, joined by W3C
 * `traceparent` headers: hosts extract it from what they receive
 * (traceNodeRequests, traceFetchRequests) and inject it into what they send
 * (the forwarding client; the insights client in @tally/api).
 *
 * Built on the SDK's 3.x packages (@opentelemetry/sdk-trace, core,
 * context-async-hooks): the 2.x line (sdk-trace-node 2.12) declares
 * `@opentelemetry/api <1.10`, and Tally is on 1.10.
 */
import type { IncomingMessage, RequestListener, ServerResponse } from "node:http";
import {
  type Context,
  context,
  propagation,
  type Span,
  SpanKind,
  SpanStatusCode,
  trace,
} from "@opentelemetry/api";
import { AsyncLocalStorageContextManager } from "@opentelemetry/context-async-hooks";
import { W3CTraceContextPropagator } from "@opentelemetry/core";
import { OTLPTraceExporter } from "@opentelemetry/exporter-trace-otlp-http";
import { resourceFromAttributes } from "@opentelemetry/resources";
import {
  AlwaysOffSampler,
  AlwaysOnSampler,
  BatchSpanProcessor,
  ConsoleSpanExporter,
  ParentBasedSampler,
  type Sampler,
  SimpleSpanProcessor,
  type SpanExporter,
  TraceIdRatioBasedSampler,
  TracerProvider,
} from "@opentelemetry/sdk-trace";
import { PrismaInstrumentation } from "@prisma/instrumentation";
import { z } from "zod";
import { parseEnv } from "../runtime/host-config.ts";

export const tracingEnv = z.object({
  /** `otlp` or `console` turns tracing on; `none` (the default without an endpoint) keeps it off. */
  OTEL_TRACES_EXPORTER: z.enum(["none", "otlp", "console"]).optional(),
  /** An OTLP/HTTP collector, e.g. http://127.0.0.1:4318; setting it alone means `otlp`. */
  OTEL_EXPORTER_OTLP_ENDPOINT: z.url({ protocol: /^https?$/, error: "must be an http(s):// URL" }).optional(),
  OTEL_SERVICE_NAME: z.string().trim().min(1).optional(),
  /** The standard samplers; the default keeps every trace (a caller's sampled flag decides for its trace). */
  OTEL_TRACES_SAMPLER: z
    .enum([
      "always_on",
      "always_off",
      "traceidratio",
      "parentbased_always_on",
      "parentbased_always_off",
      "parentbased_traceidratio",
    ])
    .default("parentbased_always_on"),
  /** The ratio of new traces kept by the `…traceidratio` samplers, 0 to 1. */
  OTEL_TRACES_SAMPLER_ARG: z.coerce
    .number()
    .min(0, "must be between 0 and 1")
    .max(1, "must be between 0 and 1")
    .optional(),
});

export type TracingConfig = {
  exporter: "none" | "otlp" | "console";
  /** Where OTLP spans go (`/v1/traces` is appended). */
  endpoint: string;
  serviceName: string | null;
  sampler: z.infer<typeof tracingEnv>["OTEL_TRACES_SAMPLER"];
  /** For the ratio samplers (1 when unset). */
  ratio: number;
};

export function tracingConfigFromEnv(env: NodeJS.ProcessEnv): TracingConfig {
  const parsed = parseEnv(tracingEnv, env);
  const endpoint = parsed.OTEL_EXPORTER_OTLP_ENDPOINT?.replace(/\/+$/, "");
  return {
    exporter: parsed.OTEL_TRACES_EXPORTER ?? (endpoint ? "otlp" : "none"),
    endpoint: endpoint ?? "http://127.0.0.1:4318",
    serviceName: parsed.OTEL_SERVICE_NAME ?? null,
    sampler: parsed.OTEL_TRACES_SAMPLER,
    ratio: parsed.OTEL_TRACES_SAMPLER_ARG ?? 1,
  };
}

function samplerFor({ sampler, ratio }: TracingConfig): Sampler {
  const root = sampler.endsWith("always_on")
    ? new AlwaysOnSampler()
    : sampler.endsWith("always_off")
      ? new AlwaysOffSampler()
      : new TraceIdRatioBasedSampler(ratio);
  return sampler.startsWith("parentbased_") ? new ParentBasedSampler({ root }) : root;
}

export type Tracing = { flush(): Promise<void>; shutdown(): Promise<void> };

/**
 * On globalThis, not in this module: Next.js bundles instrumentation.ts and the
 * route handlers separately, so this module can load more than once in one process.
 */
const RUNNING = Symbol.for("tally.tracing");
const shared = globalThis as typeof globalThis & { [RUNNING]?: Tracing | null };
const running = () => shared[RUNNING] ?? null;
const tracer = trace.getTracer("@tally/host");

/**
 * Registers the process's tracer provider once (a second call returns the
 * first): W3C propagation, AsyncLocalStorage context, Prisma's spans. Returns
 * null when the configuration keeps tracing off. `exporter` replaces the
 * configured one (tests collect spans in memory with it, synchronously).
 */
export function startTracing(
  config: TracingConfig,
  { serviceName, exporter }: { serviceName: string; exporter?: SpanExporter },
): Tracing | null {
  const existing = running();
  if (existing) return existing;
  if (!exporter && config.exporter === "none") return null;
  const processor = exporter
    ? new SimpleSpanProcessor({ exporter })
    : new BatchSpanProcessor({
        exporter:
          config.exporter === "console"
            ? new ConsoleSpanExporter()
            : new OTLPTraceExporter({ url: `${config.endpoint}/v1/traces` }),
      });
  const provider = new TracerProvider({
    sampler: samplerFor(config),
    resource: resourceFromAttributes({ "service.name": config.serviceName ?? serviceName }),
    spanProcessors: [processor],
  });
  context.setGlobalContextManager(new AsyncLocalStorageContextManager().enable());
  propagation.setGlobalPropagator(new W3CTraceContextPropagator());
  trace.setGlobalTracerProvider(provider);
  const prisma = new PrismaInstrumentation();
  prisma.setTracerProvider(provider);
  prisma.enable();
  const tracing: Tracing = {
    flush: () => provider.forceFlush(),
    async shutdown() {
      prisma.disable();
      await provider.shutdown();
      trace.disable();
      context.disable();
      propagation.disable();
      shared[RUNNING] = null;
    },
  };
  shared[RUNNING] = tracing;
  return tracing;
}

const fromHeaders = {
  get: (headers: IncomingMessage["headers"], key: string) => headers[key],
  keys: (headers: IncomingMessage["headers"]) => Object.keys(headers),
};

/** `GET /trpc/orders.list`: procedure names are a bounded set; any other path is named by its method. */
function spanName(method: string, pathname: string) {
  return pathname.includes("/trpc/") ? `${method} ${pathname}` : method;
}

function startServerSpan(host: string, method: string, url: URL, parent: Context): Span {
  return tracer.startSpan(
    spanName(method, url.pathname),
    {
      kind: SpanKind.SERVER,
      attributes: { "tally.host": host, "http.request.method": method, "url.path": url.pathname },
    },
    parent,
  );
}

function endWithStatus(span: Span, status: number) {
  span.setAttribute("http.response.status_code", status);
  if (status >= 500) span.setStatus({ code: SpanStatusCode.ERROR });
  span.end();
}

/**
 * A node:http listener whose requests each get a server span, continuing the
 * caller's trace when it sent `traceparent`. While tracing is off it is the
 * listener itself.
 */
export function traceNodeRequests(host: string, listener: RequestListener): RequestListener {
  return (req: IncomingMessage, res: ServerResponse) => {
    if (!running()) return listener(req, res);
    const parent = propagation.extract(context.active(), req.headers, fromHeaders);
    const span = startServerSpan(host, req.method ?? "GET", new URL(req.url ?? "/", "http://host"), parent);
    res.once("close", () => endWithStatus(span, res.statusCode));
    context.with(trace.setSpan(parent, span), () => listener(req, res));
  };
}

/** The same for a fetch-style handler (the Next.js route files). */
export function traceFetchRequests(
  host: string,
  handler: (req: Request) => Promise<Response>,
): (req: Request) => Promise<Response> {
  return async (req) => {
    if (!running()) return handler(req);
    const parent = propagation.extract(context.active(), req.headers, {
      get: (headers: Headers, key) => headers.get(key) ?? undefined,
      keys: (headers: Headers) => [...headers.keys()],
    });
    const span = startServerSpan(host, req.method, new URL(req.url), parent);
    try {
      const response = await context.with(trace.setSpan(parent, span), () => handler(req));
      endWithStatus(span, response.status);
      return response;
    } catch (error) {
      endWithStatus(span, 500);
      throw error;
    }
  };
}

/**
 * Runs an outgoing request under a client span and puts its `traceparent` on
 * `headers`: a forwarder that builds its own headers must, or the receiver
 * starts a trace of its own. While tracing is off, only `send` runs.
 */
export async function tracedClientCall<T>(
  name: string,
  headers: Headers,
  send: () => Promise<T>,
): Promise<T> {
  if (!running()) return send();
  return tracer.startActiveSpan(name, { kind: SpanKind.CLIENT }, async (span) => {
    propagation.inject(context.active(), headers, {
      set: (carrier: Headers, key, value) => carrier.set(key, value),
    });
    try {
      return await send();
    } catch (error) {
      span.setStatus({ code: SpanStatusCode.ERROR });
      throw error;
    } finally {
      span.end();
    }
  });
}
