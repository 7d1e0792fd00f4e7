import { expect, test } from "vitest";
import { migrateConfigFromEnv } from "./migrate-config.ts";

test("production and engine logging come from NODE_ENV and TALLY_MIGRATE_DEBUG", () => {
  expect(migrateConfigFromEnv({})).toEqual({ production: false, debug: false });
  expect(migrateConfigFromEnv({ NODE_ENV: "production", TALLY_MIGRATE_DEBUG: "1" })).toEqual({
    production: true,
    debug: true,
  });
  expect(migrateConfigFromEnv({ NODE_ENV: "development", TALLY_MIGRATE_DEBUG: "false" })).toEqual({
    production: false,
    debug: false,
  });
});

test("a TALLY_MIGRATE_DEBUG that is not a yes or a no is one line naming it", () => {
  expect(() => migrateConfigFromEnv({ TALLY_MIGRATE_DEBUG: "maybe" })).toThrow(
    /^Invalid configuration: TALLY_MIGRATE_DEBUG: /,
  );
});
