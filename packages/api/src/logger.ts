import pino from "pino";
import { processConfig } from "./config.ts";

/**
 * One JSON line per procedure call. Redaction is a second line of defence:
 * the code never passes headers, inputs or bodies to the logger at all.
 */
export const logger = pino({
  level: processConfig().logLevel,
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
