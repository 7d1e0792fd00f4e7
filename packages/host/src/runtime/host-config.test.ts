import { createTestDatabase } from "@tally/db/testing";
import { describe, expect, test } from "vitest";
import { ConfigError, hostConfigFromEnv } from "./host-config.ts";
import { openRuntime } from "./open-runtime.ts";

describe("the configuration both hosts read", () => {
  test("defaults: tRPC's limits, the embedded database, info logs (silent under test)", () => {
    const config = hostConfigFromEnv({});
    expect(config.limits).toEqual({ maxBatchSize: 50, maxBodyBytes: 1024 * 1024 });
    expect(config.database.kind).toBe("embedded");
    expect(config.logLevel).toBe("info");
    expect(hostConfigFromEnv({ NODE_ENV: "test" }).logLevel).toBe("silent");
    expect(hostConfigFromEnv({ TRPC_MAX_BATCH_SIZE: "12", TRPC_MAX_BODY_BYTES: "4096" }).limits).toEqual({
      maxBatchSize: 12,
      maxBodyBytes: 4096,
    });
  });

  test.each([
    [{ TRPC_MAX_BATCH_SIZE: "0" }, "TRPC_MAX_BATCH_SIZE"],
    [{ TRPC_MAX_BODY_BYTES: "lots" }, "TRPC_MAX_BODY_BYTES"],
    [{ DATABASE_URL: "mysql://localhost/tally" }, "DATABASE_URL"],
    [{ LOG_LEVEL: "loud" }, "LOG_LEVEL"],
    [{ BETTER_AUTH_SECRET: "short" }, "BETTER_AUTH_SECRET"],
    [{ PAYMENTS_WEBHOOK_TOLERANCE_SECONDS: "soon" }, "PAYMENTS_WEBHOOK_TOLERANCE_SECONDS"],
  ])("%o is refused in one line naming %s", (env, name) => {
    const read = () => hostConfigFromEnv(env);
    expect(read).toThrow(ConfigError);
    expect(read).toThrow(new RegExp(`^Invalid configuration: ${name}: [^\\n]+$`));
  });
});

test("openRuntime gives a host the database, auth and logger the configuration names", async () => {
  const database = await createTestDatabase();
  try {
    const runtime = await openRuntime(hostConfigFromEnv({ DATABASE_URL: database.url, LOG_LEVEL: "warn" }));
    expect(runtime.databaseKind).toBe("postgres");
    expect(runtime.logger.level).toBe("warn");
    expect(await runtime.db.organization.count()).toBe(0);
    const session = await runtime.auth.api.getSession({ headers: new Headers() });
    expect(session).toBeNull();
    await runtime.close();
  } finally {
    await database.close();
  }
});
