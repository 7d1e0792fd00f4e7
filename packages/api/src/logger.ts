import { trace } from "@opentelemetry/api";
import pino from "pino";
import { processConfig } from "./config.ts";

/**
 * One JSON line per procedure call. Redaction is a second line of defence:
 * the code never passes headers, inputs or bodies to the logger at all.
 */
export const loggerOptions: pino.LoggerOptions = {
  level: processConfig().logLevel,
  base: { service: "tally-api" },
  mixin: traceFields,
  redact: {
    paths: [
      "headers",
      "cookie",
      "authorization",
      "password",
      "token",
      "apiKey",
      "input",
      "body",
      "*.cookie",
      "*.authorization",
    ],
    censor: "[redacted]",
  },
};

export const logger = pino(loggerOptions);

export type Logger = pino.Logger;

/** The active span's ids on every line, so a log line leads to its trace; nothing while tracing is off. */
export function traceFields(): { trace_id?: string; span_id?: string } {
  const span = trace.getActiveSpan();
  if (!span) return {};
  const { traceId, spanId } = span.spanContext();
  return { trace_id: traceId, span_id: spanId };
}
