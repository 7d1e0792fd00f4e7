import type { z } from "zod";

/** A bad environment variable, said in one line that names it: hosts print the message, not a stack. */
export class ConfigError extends Error {
  override name = "ConfigError";
}

/** Parses the environment with `schema`; the first problem is a ConfigError naming its variable. */
export function parseEnv<Schema extends z.ZodType>(
  schema: Schema,
  env: Record<string, string | undefined>,
): z.output<Schema> {
  const parsed = schema.safeParse(env);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  throw new ConfigError(
    `Invalid configuration: ${String(issue?.path[0] ?? "environment")}: ${issue?.message ?? "invalid"}`,
  );
}
