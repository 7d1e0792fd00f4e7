import { z } from "zod";

const migrateEnv = z.object({
  NODE_ENV: z.string().optional(),
  /** Print the schema engine's own log lines to stderr. */
  TALLY_MIGRATE_DEBUG: z.stringbool().default(false),
});

export type MigrateConfig = {
  /** `reset` refuses to run. */
  production: boolean;
  /** The schema engine's log lines go to stderr. */
  debug: boolean;
};

/** One line naming the bad variable, as every Tally config says it. */
export function migrateConfigFromEnv(env: Record<string, string | undefined>): MigrateConfig {
  const parsed = migrateEnv.safeParse(env);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new Error(`Invalid configuration: ${String(issue?.path[0])}: ${issue?.message}`);
  }
  return { production: parsed.data.NODE_ENV === "production", debug: parsed.data.TALLY_MIGRATE_DEBUG };
}

let current: MigrateConfig | undefined;

/** The migration tool's configuration: the environment is read and validated once, on first use. */
export function migrateConfig(): MigrateConfig {
  current ??= migrateConfigFromEnv(process.env);
  return current;
}
