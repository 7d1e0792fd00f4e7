import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { describe, expect, test } from "vitest";
import { loadConfig } from "./config.ts";

describe("configuration", () => {
  test("defaults to 127.0.0.1:4000", () => {
    expect(loadConfig({})).toMatchObject({ HOST: "127.0.0.1", PORT: 4000 });
  });

  test("the express lane is on unless switched off, and tRPC's limits (both hosts' own) have defaults", () => {
    expect(loadConfig({})).toMatchObject({
      TALLY_EXPRESS_LANE: true,
      host: { limits: { maxBatchSize: 50, maxBodyBytes: 1024 * 1024 } },
    });
    expect(loadConfig({ TRPC_MAX_BATCH_SIZE: "7" }).host.limits.maxBatchSize).toBe(7);
    expect(loadConfig({ TALLY_EXPRESS_LANE: "off" }).TALLY_EXPRESS_LANE).toBe(false);
    expect(loadConfig({ TALLY_EXPRESS_LANE: "false" }).TALLY_EXPRESS_LANE).toBe(false);
  });

  test.each([
    [{ PORT: "eighty" }, "PORT"],
    [{ PORT: "70000" }, "PORT"],
    [{ DATABASE_URL: "mysql://localhost/tally" }, "DATABASE_URL"],
    [{ LOG_LEVEL: "loud" }, "LOG_LEVEL"],
    [{ TALLY_EXPRESS_LANE: "sometimes" }, "TALLY_EXPRESS_LANE"],
    [{ TRPC_MAX_BATCH_SIZE: "0" }, "TRPC_MAX_BATCH_SIZE"],
    [{ TRPC_MAX_BODY_BYTES: "lots" }, "TRPC_MAX_BODY_BYTES"],
  ])("%o is refused with a message naming %s", (env, name) => {
    expect(() => loadConfig(env)).toThrow(new RegExp(`^Invalid configuration: ${name}: `));
  });

  test("the built server prints one line naming the bad variable and exits 1", () => {
    const result = spawnSync(process.execPath, ["dist/index.js"], {
      cwd: fileURLToPath(new URL("..", import.meta.url)),
      env: { PATH: process.env.PATH, PORT: "not-a-port" },
      encoding: "utf8",
    });
    expect(result.status).toBe(1);
    expect(result.stdout).toBe("");
    expect(result.stderr.trim().split("\n")).toEqual([
      expect.stringMatching(/^Invalid configuration: PORT: /),
    ]);
  });
});
