// What the bench and the servers it starts read from the environment, validated
// once: a bad variable is one line naming it.
import { parseEnv } from "@tally/validators";
import { z } from "zod";

const runEnv = z.object({
  /** Seconds each measurement loads a server. */
  BENCH_DURATION: z.coerce.number().positive().default(5),
  BENCH_CONNECTIONS: z.coerce.number().int().min(1).max(1000).default(10),
  /** The PostgreSQL server the bench creates its database on. */
  BENCH_DATABASE_URL: z.url().default("postgresql://postgres@127.0.0.1:5432/postgres"),
  /** The database the bench drops and recreates on that server. */
  BENCH_DATABASE_NAME: z
    .string()
    .regex(/^[a-z_][a-z0-9_]{0,62}$/, "must be a lower-case SQL identifier")
    .default("tally_bench"),
  /** Comma-separated scenario groups (e.g. `tracingPing,tracingList`): only those rows, to results/<groups>.md. */
  BENCH_ONLY: z
    .string()
    .optional()
    .transform((value) =>
      value
        ? value
            .split(",")
            .map((name) => name.trim())
            .filter(Boolean)
        : null,
    ),
});

/** For `pnpm bench` itself. */
export const runConfig = () => parseEnv(runEnv, process.env);

const serverEnv = z.object({
  /** 0 picks a free port; the parent reads it back. */
  PORT: z.coerce.number().int().min(0).max(65_535).default(0),
  TALLY_EXPRESS_LANE: z.stringbool().default(true),
  DATABASE_URL: z.url().optional(),
});

/** For the servers the bench starts in child processes. */
export const serverConfig = () => parseEnv(serverEnv, process.env);
