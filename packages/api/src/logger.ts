import pino from "pino";

/**
 * One JSON line per procedure call. Redaction is a second line of defence:
 * the code never passes headers, inputs or bodies to the logger at all.
 */
export const logger = pino({
  level: process.env.LOG_LEVEL ?? (process.env.NODE_ENV === "test" ? "silent" : "info"),
  base: { service: "tally-api" },
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
});

export type Logger = pino.Logger;
